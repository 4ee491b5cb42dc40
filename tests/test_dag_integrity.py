"""The DAG file: parses without import errors, has the expected shape, does no work at import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXPECTED_TASKS = {
    "discover",
    "plan_batches",
    "extract",
    "validate",
    "write_lake",
    "load_warehouse",
    "rollup",
    "publish",
}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_no_import_errors(dagbag) -> None:
    assert dagbag.import_errors == {}
    assert "report_ingest" in dagbag.dag_ids


def test_report_ingest_shape(dagbag) -> None:
    dag = dagbag.dags["report_ingest"]
    assert set(dag.task_ids) == EXPECTED_TASKS
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.timetable.expression == "0 2 * * *"
    assert dag.tags and dag.doc_md
    assert dag.default_args["owner"]
    assert dag.default_args["retries"] >= 1 and dag.default_args["retry_delay"].total_seconds() > 0
    assert "batch_size" in dag.params
    down = {t: set(dag.get_task(t).downstream_task_ids) for t in EXPECTED_TASKS}
    assert down["discover"] >= {"plan_batches", "validate", "load_warehouse", "publish"}
    assert down["plan_batches"] == {"extract"}
    assert down["extract"] == {"validate"}
    assert "load_warehouse" in down["write_lake"] and "load_warehouse" in down["validate"]
    assert down["load_warehouse"] >= {"rollup"}
    assert "publish" in down["rollup"]
    # extract is dynamically mapped over the batches
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    assert isinstance(dag.get_task("extract"), MappedOperator)


_PROBE = r"""
import builtins, json, os, socket, sys
sys.path.insert(0, sys.argv[1])
calls = {"open": [], "scandir": [], "socket": 0}
real_open, real_scandir = builtins.open, os.scandir
inbox = os.environ["REPORTFLOW_INBOX"]
def spy_open(f, *a, **k):
    calls["open"].append(str(f)); return real_open(f, *a, **k)
def spy_scandir(p="."):
    calls["scandir"].append(str(p)); return real_scandir(p)
class NoSocket(socket.socket):
    def connect(self, *a, **k):
        calls["socket"] += 1; raise OSError("network at DAG import")
import airflow.sdk  # the framework itself may read files; only the DAG module is probed
builtins.open, os.scandir, socket.socket = spy_open, spy_scandir, NoSocket
import importlib.util
before = set(sys.modules)
spec = importlib.util.spec_from_file_location("report_ingest_probe", sys.argv[2])
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
builtins.open, os.scandir = real_open, real_scandir
new = set(sys.modules) - before
heavy = sorted(m for m in new if m.split(".")[0] in ("reportflow", "great_expectations", "duckdb",
               "pandas", "pyarrow", "psycopg", "pdfplumber"))
print(json.dumps({"calls": calls, "heavy": heavy, "inbox": inbox}))
"""


def test_import_does_no_heavy_work(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, REPORTFLOW_INBOX=str(tmp_path / "inbox"))
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            str(REPO / "include"),
            str(REPO / "dags" / "report_ingest.py"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["heavy"] == [], f"DAG import pulled in {result['heavy']}"
    assert result["calls"]["socket"] == 0
    touched = result["calls"]["open"] + result["calls"]["scandir"]
    assert not [p for p in touched if "inbox" in p or "warehouse" in p or p.endswith(".duckdb")]
    assert result["calls"]["scandir"] == []
