"""reportflow.warehouse against real DuckDB files and a real PostgreSQL (integration).

`make_record` builds contract-shaped records by hand (../shared/contract/EXTRACT.md); the lake
and validation tests import it from here.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from reportflow import warehouse as wh

PG_ADMIN_URL = os.environ.get(
    "REPORTFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def make_record(
    name: str,
    *,
    province: str | None = "河南省",
    adcode: str | None = "411329",
    year: int | None = 2022,
    metrics: list[dict[str, Any]] | None = None,
    items: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """An "ok" extraction record; report_id is the sha256 of `name`."""
    if metrics is None:
        metrics = [
            metric("preschool_gross_enrollment_rate", 93.6, "percent", year),
            metric("student_teacher_ratio", 15.2, "ratio", year, scope="primary"),
            metric("preschool_gross_enrollment_rate", 95.0, "percent", 2025, is_target=True),
            metric("rectification_tasks", 12, "count", year),
        ]
    if items is None:
        items = [
            {"seq": 1, "title": "违反中央八项规定精神整改不彻底", "status": "completed"},
            {"seq": 2, "title": "学校食堂管理不规范", "status": "in_progress"},
        ]
    rec = {
        "status": "ok",
        "report_id": hashlib.sha256(name.encode()).hexdigest(),
        "source_path": f"reports/{name}.txt",
        "file_type": "txt",
        "encoding": "utf-8",
        "title": f"关于{name}整改进展情况的通报",
        "issuer": "县教育体育局",
        "report_type": "rectification",
        "province": province,
        "city": "南阳市",
        "county": "新野县",
        "adcode": adcode,
        "report_year": year,
        "published_date": f"{year or 2024}-10-10",
        "metrics": metrics,
        "rectification": {"tasks": 12, "completed": 1, "in_progress": 1, "items": items},
        "warnings": [],
    }
    rec.update(fields)
    return rec


def metric(
    code: str,
    value: float,
    unit: str,
    year: int | None,
    *,
    is_target: bool = False,
    scope: str | None = None,
) -> dict[str, Any]:
    return {
        "metric": code,
        "value": value,
        "unit": unit,
        "year": year,
        "is_target": is_target,
        "scope": scope,
        "evidence": f"{code} 为 {value}",
        "char_start": 100,
    }


def sample_records() -> list[dict[str, Any]]:
    return [
        make_record("xinye-2022"),
        make_record(
            "zhengzhou-2022",
            adcode="410102",
            metrics=[
                metric("preschool_gross_enrollment_rate", 97.0, "percent", 2022),
                metric("myopia_rate", 52.1, "percent", 2021),
            ],
            items=[],
        ),
        make_record("shunyi-2023", province="北京市", adcode="110113", year=2023),
    ]


# ---------------------------------------------------------------- engines


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A uniquely named PostgreSQL database for this test session, dropped afterwards."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as e:
        pytest.skip(f"PostgreSQL unreachable at {wh.masked_url(PG_ADMIN_URL)}: {e.orig}")
    name = f"reportflow_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield sa.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_pg(url: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(
    params=["duckdb", pytest.param("postgresql", marks=pytest.mark.integration)],
)
def engine(request: pytest.FixtureRequest, tmp_path) -> sa.Engine:
    """A fresh warehouse with the schema: a DuckDB file, or the session's PostgreSQL database."""
    if request.param == "duckdb":
        url = f"duckdb:///{tmp_path / 'wh' / 'reportflow.duckdb'}"
    else:
        url = request.getfixturevalue("pg_database")
        _reset_pg(url)
    eng = wh.connect(url)
    wh.ensure_schema(eng)
    return eng


# ---------------------------------------------------------------- frames


def test_records_to_frames_shapes_the_tables() -> None:
    recs = sample_records()
    rejected = {"status": "rejected", "report_id": None, "source_path": "x.pdf", "error": "bad"}
    frames = wh.records_to_frames([*recs, rejected, copy.deepcopy(recs[0])])
    reports, metrics, items = (frames[t] for t in wh.REPORT_TABLES)
    assert len(reports) == 3  # rejected and duplicate skipped
    assert reports["province_code"].tolist() == ["41", "41", "11"]
    assert len(metrics) == 4 + 2 + 4
    first = metrics[metrics["report_id"] == recs[0]["report_id"]]
    assert first["seq"].tolist() == [1, 2, 3, 4]
    assert first["is_target"].tolist() == [False, False, True, False]
    assert len(items) == 4
    assert reports.loc[0, "rect_tasks"] == 12 and reports.loc[0, "warnings"] == "[]"
    assert str(reports.loc[0, "published_date"]) == "2022-10-10"


def test_province_code_falls_back_to_the_name() -> None:
    frames = wh.records_to_frames([make_record("a", adcode=None, province="重庆市")])
    assert frames["reports"].loc[0, "province_code"] == "50"
    frames = wh.records_to_frames([make_record("b", adcode=None, province=None)])
    assert frames["reports"]["province_code"].isna().all()


def test_empty_input_gives_empty_frames_with_columns() -> None:
    frames = wh.records_to_frames([])
    assert all(frames[t].empty for t in wh.REPORT_TABLES)
    assert "province_code" in frames["reports"].columns


# ---------------------------------------------------------------- load


def test_load_twice_changes_nothing(engine: sa.Engine) -> None:
    frames = wh.records_to_frames(sample_records())
    first = wh.load(engine, frames, "run-1")
    assert first.rows == {"reports": 3, "report_metrics": 10, "rectification_items": 4}
    assert len(first.new_report_ids) == 3 and not first.failed
    counts = wh.table_counts(engine)
    sums = {t: wh.content_checksum(engine, t) for t in wh.REPORT_TABLES}

    second = wh.load(engine, wh.records_to_frames(sample_records()), "run-2")
    assert second.new_report_ids == [] and len(second.existing_report_ids) == 3
    assert second.rows == {"reports": 0, "report_metrics": 0, "rectification_items": 0}
    assert wh.table_counts(engine) == counts
    assert {t: wh.content_checksum(engine, t) for t in wh.REPORT_TABLES} == sums
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT DISTINCT run_id FROM reports")).scalars().all() == [
            "run-1"
        ]


def test_load_adds_only_new_reports(engine: sa.Engine) -> None:
    recs = sample_records()
    wh.load(engine, wh.records_to_frames(recs[:1]), "run-1")
    res = wh.load(engine, wh.records_to_frames(recs), "run-2")
    assert res.existing_report_ids == [recs[0]["report_id"]]
    assert res.new_report_ids == [r["report_id"] for r in recs[1:]]
    assert wh.table_counts(engine)["reports"] == 3


def test_failing_report_is_rolled_back_alone(engine: sa.Engine) -> None:
    good, bad = make_record("good"), make_record("bad")
    frames = wh.records_to_frames([good, bad])
    m = frames["report_metrics"]
    # the bad report's 3rd metric repeats seq 2: the primary key fails after its report row
    # and first metric rows were written in the same transaction
    m.loc[(m["report_id"] == bad["report_id"]) & (m["seq"] == 3), "seq"] = 2
    res = wh.load(engine, frames, "run-1")
    assert res.new_report_ids == [good["report_id"]]
    assert list(res.failed) == [bad["report_id"]]
    assert "rolled back" in res.failed[bad["report_id"]]
    with engine.connect() as conn:
        for table in wh.REPORT_TABLES:
            ids = conn.execute(sa.text(f"SELECT DISTINCT report_id FROM {table}")).scalars().all()
            assert ids == [good["report_id"]], table
    # fixed input loads on the next run, the good report is left as it was
    res = wh.load(engine, wh.records_to_frames([good, bad]), "run-2")
    assert res.new_report_ids == [bad["report_id"]]
    assert res.existing_report_ids == [good["report_id"]]


def _log_each(conn: sa.Connection, result: wh.LoadResult) -> None:
    wh.write_log(
        conn,
        [
            {"run_id": "run-1", "path": f"in/{rid}.txt", "status": "loaded", "report_id": rid}
            for rid in result.new_report_ids
        ],
    )


def test_reports_and_their_log_commit_together(engine: sa.Engine) -> None:
    res = wh.load(engine, wh.records_to_frames(sample_records()), "run-1", finish=_log_each)
    counts = wh.table_counts(engine)
    assert counts["reports"] == counts["ingest_log"] == len(res.new_report_ids) == 3


def test_a_failing_finish_rolls_back_the_reports_too(engine: sa.Engine) -> None:
    def broken(conn: sa.Connection, result: wh.LoadResult) -> None:
        _log_each(conn, result)
        raise RuntimeError("accounting invariant violated")

    with pytest.raises(RuntimeError, match="accounting"):
        wh.load(engine, wh.records_to_frames(sample_records()), "run-1", finish=broken)
    assert set(wh.table_counts(engine).values()) == {0}  # nothing half-written
    # the next try loads everything, once
    wh.load(engine, wh.records_to_frames(sample_records()), "run-1", finish=_log_each)
    assert wh.table_counts(engine)["reports"] == wh.table_counts(engine)["ingest_log"] == 3


def test_finish_runs_after_a_report_by_report_fallback(engine: sa.Engine) -> None:
    good, bad = make_record("good"), make_record("bad")
    frames = wh.records_to_frames([good, bad])
    m = frames["report_metrics"]
    m.loc[(m["report_id"] == bad["report_id"]) & (m["seq"] == 3), "seq"] = 2
    seen: list[wh.LoadResult] = []

    def finish(conn: sa.Connection, result: wh.LoadResult) -> None:
        seen.append(result)
        _log_each(conn, result)

    wh.load(engine, frames, "run-1", finish=finish)
    assert seen[-1].new_report_ids == [good["report_id"]]
    assert list(seen[-1].failed) == [bad["report_id"]]
    assert wh.table_counts(engine)["ingest_log"] == 1


def test_frames_round_tripped_through_parquet_load_the_same(engine: sa.Engine, tmp_path) -> None:
    """The pipeline stages frames as Parquet between tasks (pandas str dtype, NaN nulls)."""
    import pandas as pd

    frames = wh.records_to_frames(sample_records())
    staged = {}
    for table, df in frames.items():
        df.to_parquet(tmp_path / f"{table}.parquet", index=False)
        staged[table] = pd.read_parquet(tmp_path / f"{table}.parquet")
    wh.load(engine, staged, "run-1")
    sums = {t: wh.content_checksum(engine, t) for t in wh.REPORT_TABLES}
    other = wh.connect(f"duckdb:///{tmp_path / 'direct.duckdb'}")
    wh.ensure_schema(other)
    wh.load(other, frames, "run-1")
    assert {t: wh.content_checksum(other, t) for t in wh.REPORT_TABLES} == sums
    with engine.connect() as conn:
        scope = conn.execute(
            sa.text("SELECT scope FROM report_metrics WHERE metric = 'myopia_rate'")
        ).scalar_one()
    assert scope is None  # NaN from a str column is stored as NULL, not 'nan'


def test_rollup_counts_achieved_values_only(engine: sa.Engine) -> None:
    wh.load(engine, wh.records_to_frames(sample_records()), "run-1")
    df = wh.rollup(engine)
    row = df[
        (df.province_code == "41")
        & (df.year == 2022)
        & (df.metric == "preschool_gross_enrollment_rate")
    ]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r.n_regions, r.n_reports, r.n_values) == (2, 2, 2)
    assert r.mean_value == pytest.approx((93.6 + 97.0) / 2)
    assert (r.min_value, r.max_value) == (93.6, 97.0)
    assert r.province == "河南省" and r.unit == "percent"
    assert df[df.year == 2025].empty  # the 2025 target is not an achieved value
    assert set(df[df.province_code == "11"].year) == {2023}


def test_rollup_keeps_scopes_apart(engine: sa.Engine) -> None:
    ratios = [
        metric("student_teacher_ratio", 9.0, "ratio", 2022, scope="kindergarten"),
        metric("student_teacher_ratio", 13.0, "ratio", 2022, scope="high_school"),
        metric("kindergartens", 58, "count", 2022),
    ]
    wh.load(engine, wh.records_to_frames([make_record("scoped-2022", metrics=ratios)]), "run-1")
    df = wh.rollup(engine)
    got = df[df.metric.isin(["student_teacher_ratio", "kindergartens"])]
    assert sorted(zip(got.metric, got.scope, got.mean_value, strict=True)) == [
        ("kindergartens", "all", 58.0),
        ("student_teacher_ratio", "high_school", 13.0),
        ("student_teacher_ratio", "kindergarten", 9.0),
    ]


def test_ensure_schema_is_idempotent(engine: sa.Engine) -> None:
    wh.load(engine, wh.records_to_frames(sample_records()[:1]), "run-1")
    before = wh.table_counts(engine)
    assert wh.ensure_schema(engine)[0] == "001_raw_reports.sql"
    assert wh.table_counts(engine) == before


def test_logs_and_quarantine_are_written_once_per_run(engine: sa.Engine) -> None:
    rows = [
        {
            "run_id": "r1",
            "path": "in/a.txt",
            "sha256": "a" * 64,
            "size_bytes": 10,
            "status": "loaded",
        },
        {"run_id": "r1", "path": "in/b.pdf", "status": "rejected", "reason": "encrypted PDF"},
    ]
    rows[0]["first_seen_at"] = "2026-01-01T08:00:00+08:00"  # ISO strings, as the pipeline logs
    rows[0]["finished_at"] = "2026-01-01T00:05:00"
    assert wh.log_files(engine, rows) == 2
    with engine.connect() as conn:
        seen = conn.execute(
            sa.text("SELECT first_seen_at FROM ingest_log WHERE path = 'in/a.txt'")
        ).scalar_one()
    assert seen.replace(tzinfo=None) == dt.datetime(2026, 1, 1, 0, 0)
    wh.log_files(engine, [{**rows[1], "status": "quarantined", "reason": "retry"}])
    with engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM ingest_log WHERE path = :p"), {"p": "in/b.pdf"}
        ).scalar_one()
    assert status == "quarantined"
    q = {"run_id": "r1", "stage": "validate", "report_id": "a" * 64, "reason": "out of range"}
    assert wh.quarantine_rows(engine, [q]) == 1
    assert wh.quarantine_rows(engine, [q]) == 0
    assert wh.table_counts(engine) | {} == {
        "reports": 0,
        "report_metrics": 0,
        "rectification_items": 0,
        "quarantine": 1,
        "ingest_log": 2,
    }
    with pytest.raises(ValueError, match="unknown columns"):
        wh.log_files(engine, [{"run_id": "r1", "path": "x", "status": "loaded", "bogus": 1}])


def test_unreachable_warehouse_raises_with_password_masked() -> None:
    url = f"postgresql://analyst:s3cret-pw@127.0.0.1:{_free_port()}/reports"
    with pytest.raises(wh.WarehouseUnavailable) as err:
        wh.connect(url)
    msg = str(err.value)
    assert msg.startswith("cannot connect to warehouse postgresql+psycopg://analyst:***@127.0.0.1:")
    assert "s3cret-pw" not in msg


def test_duckdb_file_is_free_between_operations(tmp_path) -> None:
    """DuckDB allows one writer process: after each operation no connection is kept open."""
    path = tmp_path / "w.duckdb"
    eng = wh.connect(f"duckdb:///{path}")
    wh.ensure_schema(eng)
    wh.load(eng, wh.records_to_frames(sample_records()), "run-1")
    code = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
        "c.execute('INSERT INTO ingest_log (run_id, path, status) VALUES (1, 2, 3)');"
        "print(c.execute('SELECT COUNT(*) FROM reports').fetchone()[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3"
    assert wh.table_counts(eng)["ingest_log"] == 1  # and we can open it again afterwards


def test_waits_for_another_process_holding_the_duckdb_lock(tmp_path) -> None:
    path = tmp_path / "w.duckdb"
    eng = wh.connect(f"duckdb:///{path}")
    wh.ensure_schema(eng)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            "time.sleep(1.5); c.close()",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        res = wh.load(eng, wh.records_to_frames(sample_records()), "run-1")  # waits, then loads
    finally:
        holder.wait(timeout=30)
    assert len(res.new_report_ids) == 3


@pytest.mark.integration
def test_duckdb_and_postgresql_hold_the_same_content(tmp_path, pg_database: str) -> None:
    _reset_pg(pg_database)
    frames = wh.records_to_frames(sample_records())
    sums = []
    for url in (f"duckdb:///{tmp_path / 'x.duckdb'}", pg_database):
        eng = wh.connect(url)
        wh.ensure_schema(eng)
        wh.load(eng, frames, "run-1")
        sums.append({t: wh.content_checksum(eng, t) for t in wh.REPORT_TABLES})
        eng.dispose()
    assert sums[0] == sums[1]
