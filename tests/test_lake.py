"""reportflow.lake: Hive-partitioned Parquet read back by DuckDB and pandas; rewrites in place."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
from test_warehouse import make_record, metric, sample_records

from reportflow import lake
from reportflow import warehouse as wh


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_partitions_follow_province_and_year(tmp_path: Path) -> None:
    frames = wh.records_to_frames(sample_records())
    written = lake.write_lake(tmp_path, frames, "run-1")
    rel = {str(p.relative_to(tmp_path).parent) for p in written}
    assert "reports/province_code=41/year=2022" in rel
    assert "reports/province_code=11/year=2023" in rel
    # metrics are partitioned by their own year (2021 myopia value, 2025 target)
    assert "report_metrics/province_code=41/year=2021" in rel
    assert "report_metrics/province_code=41/year=2025" in rel
    assert "rectification_items/province_code=11/year=2023" in rel
    assert all(p.name.startswith("part-") and p.suffix == ".parquet" for p in written)
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".")]  # no temp files left


def test_duckdb_reads_it_back_with_hive_partitioning(tmp_path: Path) -> None:
    recs = sample_records()
    frames = wh.records_to_frames(recs)
    lake.write_lake(tmp_path, frames, "run-1")
    con = duckdb.connect()
    try:
        glob = str(tmp_path / "report_metrics" / "**" / "*.parquet")
        rows = con.execute(
            "SELECT province_code, year, metric, value, is_target, run_id FROM "
            "read_parquet(?, hive_partitioning = true) ORDER BY year, metric, value",
            [glob],
        ).fetchall()
        n = con.execute(
            "SELECT COUNT(*) FROM read_parquet(?, hive_partitioning = true)",
            [str(tmp_path / "reports" / "**" / "*.parquet")],
        ).fetchone()[0]
    finally:
        con.close()
    assert len(rows) == len(frames["report_metrics"])
    assert n == 3
    assert (41, 2021, "myopia_rate", 52.1, False, "run-1") in rows
    assert (41, 2025, "preschool_gross_enrollment_rate", 95.0, True, "run-1") in rows


def test_pandas_reads_it_back_and_nulls_round_trip(tmp_path: Path) -> None:
    recs = [
        *sample_records(),
        make_record(
            "nowhere",
            province=None,
            adcode=None,
            year=None,
            metrics=[metric("myopia_rate", 40.0, "percent", None)],
        ),
    ]
    frames = wh.records_to_frames(recs)
    lake.write_lake(tmp_path, frames, "run-1")
    assert (tmp_path / "reports" / f"province_code={lake.NULL_PARTITION}").is_dir()

    reports = pd.read_parquet(tmp_path / "reports")
    assert len(reports) == 4
    assert (reports["province_code"].astype(str) == "unknown").sum() == 1
    assert sorted(reports["title"]) == sorted(r["title"] for r in recs)
    metrics = lake.read_lake(tmp_path, "report_metrics")
    nowhere = metrics[metrics["report_id"] == recs[-1]["report_id"]]
    assert set(nowhere["year"].astype(str)) == {"unknown"}
    assert set(nowhere["province_code"].astype(str)) == {"unknown"}

    con = duckdb.connect()
    try:
        nulls = con.execute(
            "SELECT COUNT(*) FROM read_parquet(?, hive_partitioning = true) "
            "WHERE province_code = 'unknown' AND year = 'unknown'",
            [str(tmp_path / "reports" / "**" / "*.parquet")],
        ).fetchone()[0]
    finally:
        con.close()
    assert nulls == 1


def test_writing_the_same_batch_again_adds_nothing(tmp_path: Path) -> None:
    frames = wh.records_to_frames(sample_records())
    first = lake.write_lake(tmp_path, frames, "run-1")
    before = {p: p.read_bytes() for p in first}
    second = lake.write_lake(tmp_path, wh.records_to_frames(sample_records()), "run-1")
    assert second == []
    assert _files(tmp_path) == sorted(p.relative_to(tmp_path) for p in first)
    assert {p: p.read_bytes() for p in first} == before
    # a different batch adds files beside, it does not overwrite the first batch
    lake.write_lake(tmp_path, wh.records_to_frames([make_record("other")]), "run-2")
    assert len(pd.read_parquet(tmp_path / "reports")) == 4


def test_a_report_arriving_again_in_another_batch_is_not_duplicated(tmp_path: Path) -> None:
    # night 1 wrote the lake, then its warehouse load failed; night 2 extracts the same report
    # again, together with a new one
    old = sample_records()[0]
    lake.write_lake(tmp_path, wh.records_to_frames([old]), "night-1")
    lake.write_lake(tmp_path, wh.records_to_frames([old, make_record("new")]), "night-2")
    for table in ("reports", "report_metrics", "rectification_items"):
        df = lake.read_lake(tmp_path, table)
        keys = ["report_id", "seq"] if "seq" in df.columns else ["report_id"]
        assert not df.duplicated(keys).any(), table
    assert len(lake.read_lake(tmp_path, "reports")) == 2


def test_files_of_a_table_share_one_schema(tmp_path: Path) -> None:
    rec = make_record("sparse", year=2020, items=[], metrics=[])
    rec.update(title=None, issuer=None, published_date=None, encoding=None)
    frames = wh.records_to_frames([rec, *sample_records()])
    paths = [p for p in lake.write_lake(tmp_path, frames, "r") if "reports" in p.parts]
    assert len(paths) == 3
    for p in paths:
        assert pq.read_schema(p).remove_metadata().equals(lake.arrow_schema("reports")), p


def test_parquet_staged_frames_write_the_same_files(tmp_path: Path) -> None:
    frames = wh.records_to_frames(sample_records())
    staged = {}
    for table, df in frames.items():
        df.to_parquet(tmp_path / f"{table}.parquet", index=False)
        staged[table] = pd.read_parquet(tmp_path / f"{table}.parquet")
    a = lake.write_lake(tmp_path / "a", frames, "r")
    b = lake.write_lake(tmp_path / "b", staged, "r")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    for pa_, pb in zip(a, b, strict=True):
        assert pq.read_table(pa_).equals(pq.read_table(pb)), pa_


def test_empty_frames_write_nothing(tmp_path: Path) -> None:
    assert lake.write_lake(tmp_path, wh.records_to_frames([]), "run-1") == []
    assert _files(tmp_path) == []
