"""The nightly DAG end to end with real Airflow (dag.test), Great Expectations, DuckDB and
PostgreSQL: counts equal the extractor's output, re-runs change nothing, a changed file is a
new report, an out-of-range value is quarantined by name, every file has one ingest_log row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, SEEDS
from dag_fixtures import (  # noqa: F401
    MARK_OUT_OF_RANGE,
    airflow_db,
    last_summary,
    make_stable,
    pg_url,
    query,
    rf_home,
    run_dag,
    snapshot,
)

from reportflow.lake import read_lake
from reportflow.sample_inbox import build_sample_inbox

pytestmark = pytest.mark.integration

TABLES = ("reports", "report_metrics", "rectification_items")


def _build_inbox(home: Path) -> list[Path]:
    inbox = home / "inbox"
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files = build_sample_inbox(REPO / "samples", inbox, extra=seeds)
    # one sample again under a marked name: the test hook makes one of its values 250 %
    first_txt = next(p for p in files if p.suffix == ".txt" and p.parent == inbox)
    marked = inbox / "batch2" / f"{MARK_OUT_OF_RANGE}_{first_txt.name}"
    marked.parent.mkdir()
    marked.write_bytes(first_txt.read_bytes() + "\n（本报告附件另行印发。）\n".encode())
    files.append(marked)
    make_stable(inbox)
    return files


def _expected(files: list[Path]) -> dict[str, dict]:
    """What the extractor itself says for each file (the same code the DAG runs)."""
    from dag_fixtures import inject_out_of_range

    from reportflow.readers import ReadLimits

    return {str(p): inject_out_of_range(str(p), ReadLimits()) for p in files}


def _e2e(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTFLOW_EXTRACT_HOOK", "dag_fixtures:inject_out_of_range")
    monkeypatch.setenv("REPORTFLOW_BATCH_SIZE", "4")  # several mapped extract tasks
    files = _build_inbox(home)
    expected = _expected(files)
    ok = {p: r for p, r in expected.items() if r["status"] == "ok"}
    assert len(ok) == len(files), {p: r.get("error") for p, r in expected.items() if p not in ok}

    # ---- run 1: everything new
    dr = run_dag()
    assert dr.state == "success"
    s1 = last_summary(home)
    assert s1["files_seen"] == len(files)
    assert s1["loaded"] == len(files) and s1["rejected"] == 0 and s1["duplicate"] == 0
    snap1 = snapshot()
    n_metrics = sum(len(r["metrics"]) for r in ok.values())
    n_items = sum(len(r["rectification"]["items"]) for r in ok.values())
    assert snap1["counts"]["reports"] == len(ok)
    # exactly one metric row (the injected 250 %) is quarantined, all others loaded
    assert snap1["counts"]["report_metrics"] == n_metrics - 1
    assert snap1["counts"]["rectification_items"] == n_items
    [(expectation, reason, stage, table, row_json)] = query(
        "SELECT expectation, reason, stage, table_name, row_json FROM quarantine"
    )
    marked = next(p for p in files if MARK_OUT_OF_RANGE in p.name)
    bad_metric = ok[str(marked)]["metrics"][0]
    assert stage == "validate" and table == "report_metrics"
    assert "expect_column_values_to_be_between" in expectation and "value" in expectation
    assert bad_metric["metric"] in expectation + reason
    assert json.loads(row_json)["value"] == bad_metric["value"]
    [(status, why)] = query("SELECT status, reason FROM ingest_log WHERE path = :p", p=str(marked))
    assert status == "loaded" and "quarantined" in why
    # accounting: one final row per file seen
    rows = query("SELECT path, status FROM ingest_log")
    assert sorted(p for p, _ in rows) == sorted(str(p) for p in files)
    assert all(st in ("loaded", "duplicate", "rejected", "quarantined") for _, st in rows)
    # per report: metric rows equal the extractor's list
    for path, rec in ok.items():
        [(n,)] = query(
            "SELECT COUNT(*) FROM report_metrics WHERE report_id = :r", r=rec["report_id"]
        )
        assert n == len(rec["metrics"]) - (1 if MARK_OUT_OF_RANGE in path else 0), path
    assert Path(s1["data_docs"]).name == "index.html" and Path(s1["data_docs"]).is_file()
    assert list(Path(s1["lake"]).glob("report_metrics/province_code=*/year=*/*.parquet"))
    lake_rows = {t: len(read_lake(Path(s1["lake"]), t)) for t in TABLES}
    assert lake_rows == {t: snap1["counts"][t] for t in TABLES}  # lake == warehouse
    assert query("SELECT COUNT(*) FROM province_year_metrics")[0][0] > 0

    # ---- run 2: same inputs, nothing new, nothing changed
    dr = run_dag()
    assert dr.state == "success"
    s2 = last_summary(home)
    assert s2["loaded"] == 0 and s2["duplicate"] == len(files)
    snap2 = snapshot()
    assert snap2["checksums"] == snap1["checksums"]
    assert {k: v for k, v in snap2["counts"].items() if k != "ingest_log"} == {
        k: v for k, v in snap1["counts"].items() if k != "ingest_log"
    }
    assert snap2["counts"]["ingest_log"] == 2 * len(files)
    assert {t: len(read_lake(Path(s1["lake"]), t)) for t in TABLES} == lake_rows

    # ---- run 3: a changed file under an old name is a new report; the old one stays
    changed = next(p for p in files if p.suffix == ".txt" and MARK_OUT_OF_RANGE not in p.name)
    old_id = ok[str(changed)]["report_id"]
    changed.write_bytes(changed.read_bytes() + b"\n")
    make_stable(home / "inbox")
    dr = run_dag()
    assert dr.state == "success"
    s3 = last_summary(home)
    assert s3["loaded"] == 1 and s3["duplicate"] == len(files) - 1
    ids = {
        r for (r,) in query("SELECT report_id FROM reports WHERE source_path = :p", p=str(changed))
    }
    assert old_id in ids and len(ids) == 2
    assert snapshot()["counts"]["reports"] == len(ok) + 1


def test_end_to_end_on_duckdb(airflow_db, rf_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    _e2e(rf_home, monkeypatch)
    assert (rf_home / "warehouse" / "reportflow.duckdb").is_file()


def test_end_to_end_on_postgresql(
    airflow_db,  # noqa: F811
    rf_home: Path,  # noqa: F811
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _e2e(rf_home, monkeypatch)
    assert not (rf_home / "warehouse").exists()  # nothing went to the DuckDB default
