"""Fixtures and helpers for the full DAG runs (test_pipeline_e2e.py, test_hostile.py).

Airflow's home is the project-local one tests/conftest.py sets; `airflow_db` migrates its
SQLite metadata once per session (a subprocess with the same environment). Each test gets its
own REPORTFLOW_HOME under tmp_path and, on PostgreSQL, its own database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
MARK_OUT_OF_RANGE = "inject_out_of_range"  # file names containing this get one bad value
MARK_HANG = "hang_parser"
MARK_BOMB = "memory_bomb"


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """`airflow db migrate` once per session on the project-local test AIRFLOW_HOME."""
    airflow = Path(sys.executable).with_name("airflow")
    cmd = [str(airflow)] if airflow.exists() else [sys.executable, "-m", "airflow"]
    proc = subprocess.run(
        [*cmd, "db", "migrate"], env=dict(os.environ), capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        pytest.fail("airflow db migrate failed: " + " | ".join(tail))


@pytest.fixture
def rf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh REPORTFLOW_HOME with an inbox, quick limits for tests, DuckDB by default."""
    home = tmp_path / "rf"
    (home / "inbox").mkdir(parents=True)
    monkeypatch.setenv("REPORTFLOW_HOME", str(home))
    for var in ("REPORTFLOW_INBOX", "REPORTFLOW_LAKE", "REPORTFLOW_QUARANTINE_DIR",
                "REPORTFLOW_DATA_DOCS", "REPORTFLOW_STAGING", "AIRFLOW_CONN_REPORTS_WAREHOUSE",
                "REPORTFLOW_EXTRACT_HOOK"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REPORTFLOW_STABLE_SECONDS", "30")
    monkeypatch.setenv("REPORTFLOW_TASK_RETRIES", "0")
    monkeypatch.setenv("REPORTFLOW_FILE_TIMEOUT", "60")
    return home


@pytest.fixture
def pg_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A uniquely named PostgreSQL database (dropped afterwards), set as the Airflow connection."""
    import sqlalchemy as sa

    try:
        admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect():
            pass
    except Exception as e:  # noqa: BLE001
        pytest.fail(f"PostgreSQL is not reachable at 127.0.0.1:5432 ({e}); start it (.ci/run)")
    name = f"rf_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"  # Airflow connection URI form
    monkeypatch.setenv("AIRFLOW_CONN_REPORTS_WAREHOUSE", url)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_stable(folder: Path, age: float = 3600) -> None:
    """Back-date every regular file under `folder` so discovery considers it stable."""
    t = time.time() - age
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            os.utime(p, (t, t))


def run_dag(logical_date: Any = None):
    """One real `dag.test()` run of report_ingest (in this process); returns the DagRun."""
    import pendulum
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(REPO / "dags"))
    assert not bag.import_errors, bag.import_errors
    dag = bag.dags["report_ingest"]
    return dag.test(logical_date=logical_date or pendulum.now("UTC"))


def last_summary(home: Path) -> dict[str, Any]:
    return json.loads((home / "last_run.json").read_text(encoding="utf-8"))


def engine():
    from reportflow import warehouse
    from reportflow.settings import load_settings

    return warehouse.connect(load_settings().warehouse_url)


def query(sql: str, **params: Any) -> list[tuple]:
    import sqlalchemy as sa

    eng = engine()
    try:
        with eng.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]
    finally:
        eng.dispose()


def snapshot() -> dict[str, Any]:
    """Row counts of every table and content checksums of the report tables."""
    from reportflow import warehouse

    eng = engine()
    try:
        return {
            "counts": warehouse.table_counts(eng),
            "checksums": {
                t: warehouse.content_checksum(eng, t)
                for t in ("reports", "report_metrics", "rectification_items")
            },
        }
    finally:
        eng.dispose()


# ---------------------------------------------------------------- extraction test hooks
# Named by REPORTFLOW_EXTRACT_HOOK="dag_fixtures:<name>"; the sandbox forks its workers from
# the test process, so these run in real worker processes under the real limits.


def inject_out_of_range(path: str, limits: Any) -> dict[str, Any]:
    """The real extraction; for a marked file, the first metric's value is set far above its
    catalog range (the catalog maximum times ten plus 1000)."""
    from reportflow.catalog import load_catalog
    from reportflow.extract import extract_path

    record = extract_path(path, limits)
    if MARK_OUT_OF_RANGE in Path(path).name and record.get("status") == "ok":
        m = record["metrics"][0]
        m["value"] = out_of_range_value(m["metric"])
        if load_catalog()[m["metric"]].unit == "count":
            m["value"] = int(m["value"])
    return record


def out_of_range_value(metric: str) -> float:
    from reportflow.catalog import load_catalog

    return float(int(load_catalog()[metric].max * 10 + 1000))


def hostile_extract(path: str, limits: Any) -> dict[str, Any]:
    """The real extraction, except marked files hang or allocate without bound."""
    name = Path(path).name
    if MARK_HANG in name:
        while True:
            time.sleep(0.05)
    if MARK_BOMB in name:
        hog = []
        while True:
            hog.append(bytearray(64 * 1024 * 1024))
    return inject_out_of_range(path, limits)
