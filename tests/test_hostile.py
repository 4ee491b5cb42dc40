"""Issue 5: one real DAG run over the whole hostile set plus the seeds. Every file gets one
ingest_log row with the expected status and reason, the run succeeds, no file's bytes are
lost; a broken warehouse fails the run in one line and leaves nothing half-written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import REPO, SEEDS
from dag_fixtures import (  # noqa: F401
    MARK_BOMB,
    MARK_HANG,
    airflow_db,
    last_summary,
    make_stable,
    query,
    rf_home,
    run_dag,
    snapshot,
)
from hostile import HOSTILE, SAMPLE_TEXT, pdf_bytes, write_hostile

from reportflow import pipeline
from reportflow.extract import extract_path
from reportflow.inbox import REASON_OUTSIDE, REASON_UNSTABLE

pytestmark = pytest.mark.integration

MAX_BYTES = 1_000_000
MAX_PAGES = 3


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _build(home: Path, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """The hostile inbox; returns relative path -> (expected status, reason fragment)."""
    inbox = home / "inbox"
    expect: dict[str, tuple[str, str]] = {}
    for case in HOSTILE:
        write_hostile(case, inbox / "hostile")
        expect[f"hostile/{case.name}"] = ("rejected", case.reason)
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        (inbox / "seeds").mkdir(exist_ok=True)
        (inbox / "seeds" / seed.name).write_bytes(seed.read_bytes())
        expect[f"seeds/{seed.name}"] = ("loaded", "")
    # the same bytes under three names: loaded once, the others duplicates of it
    sample = (REPO / "samples" / "sc_jiangan_2023_rect.txt").read_bytes()
    for rel in ("triple/a.txt", "triple/b/copy of a.txt", "triple/c.txt"):
        (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
        (inbox / rel).write_bytes(sample)
    expect["triple/a.txt"] = ("loaded", "")
    expect["triple/b/copy of a.txt"] = ("duplicate", "same bytes as")
    expect["triple/c.txt"] = ("duplicate", "same bytes as")
    # over the size limit (never read) and over the page limit
    (inbox / "big.txt").write_bytes(SAMPLE_TEXT.encode() * (MAX_BYTES // 300))
    expect["big.txt"] = ("rejected", f"over the size limit of {MAX_BYTES} bytes; not read")
    (inbox / "long.pdf").write_bytes(pdf_bytes(SAMPLE_TEXT * 6, lines_per_page=10))
    expect["long.pdf"] = ("rejected", f"over the limit of {MAX_PAGES} pages")
    # parsing that hangs or explodes in memory (test hook in dag_fixtures.hostile_extract)
    (inbox / f"{MARK_HANG}.txt").write_bytes(sample + b"\n")
    expect[f"{MARK_HANG}.txt"] = ("rejected", "stopped: extraction exceeded 3 s")
    (inbox / f"{MARK_BOMB}.txt").write_bytes(sample + b"\n\n")
    expect[f"{MARK_BOMB}.txt"] = (
        "rejected",
        "stopped: extraction exceeded the 512 MB memory limit",
    )
    # a symlink out of the inbox, a name with ../ in it, a FIFO
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(sample)
    (inbox / "escape.txt").symlink_to(outside / "secret.txt")
    expect["escape.txt"] = ("rejected", REASON_OUTSIDE)
    (inbox / "..\\..\\evil.txt").write_bytes(b"x")
    expect["..\\..\\evil.txt"] = ("rejected", "contains '..'")
    os.mkfifo(inbox / "pipe.txt")
    expect["pipe.txt"] = ("rejected", "not a regular file")
    make_stable(inbox)
    # still being written: modified just now, so deferred to a later run
    (inbox / "growing.txt").write_bytes((REPO / "samples" / "gs_qinan_2022_rect.txt").read_bytes())
    return expect


def test_whole_hostile_set_in_one_run(
    airflow_db,  # noqa: F811
    rf_home: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REPORTFLOW_EXTRACT_HOOK", "dag_fixtures:hostile_extract")
    monkeypatch.setenv("REPORTFLOW_MAX_BYTES", str(MAX_BYTES))
    monkeypatch.setenv("REPORTFLOW_MAX_PAGES", str(MAX_PAGES))
    monkeypatch.setenv("REPORTFLOW_FILE_TIMEOUT", "3")
    monkeypatch.setenv("REPORTFLOW_FILE_MEMORY_MB", "512")
    monkeypatch.setenv("REPORTFLOW_BATCH_SIZE", "8")
    inbox = rf_home / "inbox"
    expect = _build(rf_home, tmp_path)

    dr = run_dag()
    assert dr.state == "success"
    summary = last_summary(rf_home)
    rows = query("SELECT path, status, reason, duplicate_of FROM ingest_log")
    logged = {str(Path(p).relative_to(inbox)): (st, why or "", dup) for p, st, why, dup in rows}
    # accounting: one row per file seen; the growing file was deferred, not logged
    assert len(rows) == len(logged) == summary["files_seen"] == len(expect)
    assert summary["deferred"] == 1 and "growing.txt" not in logged
    problems = {
        rel: (logged.get(rel), want)
        for rel, want in expect.items()
        if rel not in logged or logged[rel][0] != want[0] or want[1] not in logged[rel][1]
    }
    assert not problems, problems
    # duplicates point at the loaded copy
    loaded_ids = {r for (r,) in query("SELECT report_id FROM reports")}
    for rel in ("triple/b/copy of a.txt", "triple/c.txt"):
        assert logged[rel][2] in loaded_ids
    # seeds loaded with the same metrics as the extractor gives
    for rel in expect:
        if rel.startswith("seeds/"):
            rec = extract_path(inbox / rel)
            got = query(
                "SELECT metric, value, year, is_target FROM report_metrics WHERE report_id = :r",
                r=rec["report_id"],
            )
            want = [(m["metric"], m["value"], m["year"], m["is_target"]) for m in rec["metrics"]]
            assert sorted(got, key=repr) == sorted(want, key=repr), rel
    # no bytes lost: every regular file is loaded, a duplicate of a loaded one, or in quarantine
    qdir = Path(summary["quarantine_dir"])
    quarantined = {_sha(p) for p in qdir.iterdir()}
    for rel in expect:
        p = inbox / rel
        if p.is_symlink() or not p.is_file():
            continue
        sha = _sha(p)
        assert sha in loaded_ids or sha in quarantined, rel
    assert {p.name.split("_", 1)[1] for p in qdir.iterdir()} >= {"big.txt", "empty.txt"}
    # the quarantine table names the stage and reason for every rejected file
    qrows = query("SELECT source_path, stage, reason FROM quarantine WHERE table_name IS NULL")
    rejected = {rel for rel, v in logged.items() if v[0] == "rejected"}
    assert {str(Path(p).relative_to(inbox)) for p, _, _ in qrows} == rejected
    assert all(stage in ("read", "extract") and reason for _, stage, reason in qrows)

    # a later run: the file that was being written is now stable and loads
    make_stable(inbox)
    before = snapshot()
    assert run_dag().state == "success"
    s2 = last_summary(rf_home)
    assert s2["loaded"] == 1 and s2["deferred"] == 0
    [(status,)] = query(
        "SELECT status FROM ingest_log WHERE path = :p AND run_id = :r",
        p=str(inbox / "growing.txt"),
        r=s2["run_id"],
    )
    assert status == "loaded"
    assert snapshot()["counts"]["reports"] == before["counts"]["reports"] + 1


def test_growing_file_is_deferred(rf_home: Path) -> None:  # noqa: F811
    (rf_home / "inbox" / "now.txt").write_text("刚刚写入")
    d = pipeline.discover_files("t1")
    assert d["counts"] == {"deferred": 1}
    manifest = pipeline._read_json(d["manifest"])
    assert manifest["files"][0]["reason"] == REASON_UNSTABLE


def _nothing_written(home: Path) -> None:
    for sub in ("lake", "quarantine", "staging"):
        folder = home / sub
        assert not folder.exists() or not any(folder.rglob("*.*")), sub


def test_unreachable_warehouse_fails_the_run_in_one_line(
    airflow_db,  # noqa: F811
    rf_home: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (rf_home / "inbox" / "a.txt").write_bytes(b"\xff\xfe junk")
    make_stable(rf_home / "inbox")
    # nothing listens on port 9 of localhost
    monkeypatch.setenv("AIRFLOW_CONN_REPORTS_WAREHOUSE", "postgresql://etl:hunter2@127.0.0.1:9/wh")
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.discover_files("broken")
    msg = str(err.value)
    assert "\n" not in msg and "127.0.0.1:9" in msg and "hunter2" not in msg
    assert msg.startswith("cannot connect to warehouse") or msg.startswith("warehouse unreachable")
    dr = run_dag()
    assert dr.state == "failed"
    _nothing_written(rf_home)
    # a DuckDB file in a place that cannot be written (its folder is a regular file)
    blocker = rf_home / "not_a_dir"
    blocker.write_text("x")
    monkeypatch.setenv("AIRFLOW_CONN_REPORTS_WAREHOUSE", f"duckdb:///{blocker}/wh.duckdb")
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.discover_files("broken2")
    assert "\n" not in str(err.value) and "wh.duckdb" in str(err.value)


def test_warehouse_lost_before_load_leaves_nothing_half_written(
    rf_home: Path,  # noqa: F811
) -> None:
    inbox = rf_home / "inbox"
    for name in ("hb_laishui_2024_rect.txt", "sc_jiangan_2023_rect.txt"):
        (inbox / name).write_bytes((REPO / "samples" / name).read_bytes())
    (inbox / "empty.txt").write_bytes(b"")
    make_stable(inbox)
    d = pipeline.discover_files("lost")
    for batch in pipeline.plan_batches(d, 2):
        pipeline.extract_batch(batch)
    v = pipeline.validate_and_stage(d)
    assert v["rows"]["reports"] == 2
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.load_warehouse(d, v, warehouse_url="postgresql://postgres@127.0.0.1:9/gone")
    assert "\n" not in str(err.value)
    counts = snapshot()["counts"]
    assert counts["reports"] == counts["report_metrics"] == counts["ingest_log"] == 0
    assert counts["quarantine"] == 0
