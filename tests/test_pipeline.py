"""pipeline stage functions without Airflow: retried load, same bytes twice, the accounting check."""

from __future__ import annotations

from pathlib import Path

import pytest
from dag_fixtures import make_stable, query, rf_home, snapshot  # noqa: F401

from reportflow import pipeline

REPO = Path(__file__).resolve().parents[1]


def _stage(home: Path, run_id: str) -> tuple[dict, dict]:
    d = pipeline.discover_files(run_id)
    for batch in pipeline.plan_batches(d, 2):
        pipeline.extract_batch(batch)
    return d, pipeline.validate_and_stage(d)


def test_retried_load_keeps_statuses_and_one_row_per_file(rf_home: Path) -> None:  # noqa: F811
    inbox = rf_home / "inbox"
    sample = (REPO / "samples" / "hb_laishui_2024_rect.txt").read_bytes()
    (inbox / "a.txt").write_bytes(sample)
    (inbox / "b.txt").write_bytes(sample)  # same bytes, another name
    (inbox / "empty.txt").write_bytes(b"")
    make_stable(inbox)
    d, v = _stage(rf_home, "run-1")
    first = pipeline.load_warehouse(d, v)
    again = pipeline.load_warehouse(d, v)  # the task retried after its writes
    assert first["counts"] == again["counts"]
    assert first["counts"]["loaded"] == 1 and first["counts"]["duplicate"] == 1
    assert first["counts"]["rejected"] == 1
    rows = dict(query("SELECT path, status FROM ingest_log WHERE run_id = 'run-1'"))
    assert rows == {
        str(inbox / "a.txt"): "loaded",
        str(inbox / "b.txt"): "duplicate",
        str(inbox / "empty.txt"): "rejected",
    }
    [(dup_of,)] = query(
        "SELECT duplicate_of FROM ingest_log WHERE path = :p", p=str(inbox / "b.txt")
    )
    assert query("SELECT COUNT(*) FROM reports WHERE report_id = :r", r=dup_of) == [(1,)]
    assert snapshot()["counts"]["quarantine"] == 1  # the empty file, once


def test_bytes_set_aside_by_an_earlier_run_are_logged_not_reread(
    rf_home: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox = rf_home / "inbox"
    (inbox / "scan.pdf").write_bytes(b"PK\x03\x04 not a pdf at all")
    (inbox / "ok.txt").write_bytes((REPO / "samples" / "hb_laishui_2024_rect.txt").read_bytes())
    make_stable(inbox)
    for run in ("night-1", "night-2"):
        d, v = _stage(rf_home, run)
        pipeline.load_warehouse(d, v)
    status = dict(query("SELECT run_id, status FROM ingest_log WHERE path LIKE '%scan.pdf'"))
    assert status == {"night-1": "rejected", "night-2": "rejected"}  # one row per run seen
    [(reason,)] = query(
        "SELECT reason FROM ingest_log WHERE run_id = 'night-2' AND path LIKE '%scan.pdf'"
    )
    assert reason.startswith("unchanged since run night-1 set it aside: ")
    assert query("SELECT COUNT(*) FROM quarantine") == [(1,)]  # listed once
    copies = list((rf_home / "quarantine").rglob("*scan.pdf"))
    assert [c.parent.name for c in copies] == ["night-1"]  # copied once
    # an operator who upgraded the extractor asks for a re-read
    monkeypatch.setenv("REPORTFLOW_RETRY_REJECTED", "1")
    d, v = _stage(rf_home, "night-3")
    pipeline.load_warehouse(d, v)
    [(reason,)] = query(
        "SELECT reason FROM ingest_log WHERE run_id = 'night-3' AND path LIKE '%scan.pdf'"
    )
    assert not reason.startswith("unchanged since")
    assert query("SELECT COUNT(*) FROM quarantine") == [(2,)]


def test_accounting_violation_fails_loudly(rf_home: Path) -> None:  # noqa: F811
    from reportflow import warehouse
    from reportflow.settings import load_settings

    engine = warehouse.connect(load_settings().warehouse_url)
    warehouse.ensure_schema(engine)
    warehouse.log_files(engine, [{"run_id": "r", "path": "/x/a.txt", "status": "loaded"}])
    try:
        with engine.connect() as conn:
            pipeline.check_accounting(conn, "r", ["/x/a.txt"])  # holds
            with pytest.raises(pipeline.PipelineError, match="accounting invariant violated"):
                pipeline.check_accounting(conn, "r", ["/x/a.txt", "/x/b.txt"])
    finally:
        engine.dispose()


def test_run_ids_become_safe_folder_names() -> None:
    assert pipeline.safe_run_id("manual__2026-01-01T02:00:00+00:00") == (
        "manual__2026-01-01T02_00_00_00_00"
    )
    assert pipeline.safe_run_id("../../etc") == "etc"
    assert pipeline.safe_run_id(None).startswith("manual__")


def test_file_swapped_for_an_escaping_symlink_after_discovery_is_not_read(
    rf_home: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    inbox = rf_home / "inbox"
    (inbox / "a.txt").write_bytes((REPO / "samples" / "hb_laishui_2024_rect.txt").read_bytes())
    (inbox / "b.txt").write_bytes((REPO / "samples" / "sc_jiangan_2023_rect.txt").read_bytes())
    make_stable(inbox)
    d = pipeline.discover_files("swap")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the inbox")
    (inbox / "a.txt").unlink()
    (inbox / "a.txt").symlink_to(secret)
    (inbox / "b.txt").write_bytes(b"changed since discovery")
    [batch] = pipeline.plan_batches(d, 10)
    records = {
        Path(r["source_path"]).name: r for r in map(_json, _lines(pipeline.extract_batch(batch)))
    }
    assert records["a.txt"]["status"] == "rejected"
    assert "symlink points outside the inbox" in records["a.txt"]["error"]
    assert records["b.txt"]["status"] == "rejected"
    assert "changed while the run was reading it" in records["b.txt"]["error"]


def _lines(path: str) -> list[str]:
    return [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line]


def _json(line: str) -> dict:
    import json

    return json.loads(line)
