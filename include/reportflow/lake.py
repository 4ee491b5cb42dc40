"""The Parquet lake: one Hive-partitioned dataset per table, written atomically.

API:

    write_lake(root, frames, run_id) -> list[Path]
        frames as made by warehouse.records_to_frames (usually the validated ones) ->
        root/<table>/province_code=<2 digits>/year=<year>/part-<hash>.parquet for the tables
        "reports", "report_metrics", "rectification_items". Returns the files written.
    read_lake(root, table) -> DataFrame
        A dataset read back with pyarrow (partition columns restored), for tests and analysts.

Layout:
- year is report_year for reports and rectification_items, the metric's own year for
  report_metrics; province_code is the report's. Child rows take both from their report in
  frames["reports"].
- Partition columns are stored in the path only (Hive convention), not inside the files;
  a null value is written as the folder value "unknown" (NULL_PARTITION), which DuckDB
  (read_parquet(..., hive_partitioning = true)), pandas.read_parquet and Spark all read as
  is. Readers infer partition types from the values: province_code and year read back as
  integers, or as text when an "unknown" folder exists. (Validated frames have no null
  province or year: such reports are quarantined.)
- Every file has a fixed Arrow schema (from warehouse.TABLES) plus a run_id column, so all
  files of a dataset agree even when a batch has only nulls in a column.
- Rows of a report_id already in a table's dataset are not written again (checked per
  table), so writing the same batch twice, or a report re-arriving in another batch (e.g.
  after a run that wrote the lake but failed at the warehouse load), adds nothing.
- File names are part-<sha256 of the sorted report_ids in the file>[:20].parquet. Each file
  is written to a dot-prefixed temp file in its folder, fsynced, then os.replace'd into place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from reportflow.warehouse import LOAD_COLUMNS, REPORT_TABLES, TABLES, coerce

log = logging.getLogger(__name__)

# Not __HIVE_DEFAULT_PARTITION__: pandas.read_parquet (pyarrow dictionary partition keys) fails
# with "Cannot yet unify dictionaries with nulls" on it. A plain word reads everywhere.
NULL_PARTITION = "unknown"
PARTITION_COLUMNS = ("province_code", "year")

_ARROW_TYPES = {
    "text": pa.string(),
    "int": pa.int32(),
    "bigint": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
}


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of the files of `table`: its columns less partition columns, + run_id."""
    fields = [
        pa.field(c, _ARROW_TYPES[k])
        for c, k in TABLES[table].items()
        if c not in LOAD_COLUMNS and c not in PARTITION_COLUMNS
    ]
    return pa.schema([*fields, pa.field("run_id", pa.string())])


def _partitioned(table: str, df: pd.DataFrame, reports: pd.DataFrame | None) -> pd.DataFrame:
    """df with _province_code / _year partition keys (strings, null -> NULL_PARTITION)."""
    out = df.copy()
    if table == "reports":
        prov, year = out["province_code"], out["report_year"]
    else:
        parent = (
            reports.drop_duplicates("report_id").set_index("report_id")
            if reports is not None and not reports.empty
            else pd.DataFrame(columns=["province_code", "report_year"])
        )
        prov = out["report_id"].map(parent["province_code"])
        year = (
            out["year"]
            if table == "report_metrics"
            else out["report_id"].map(parent["report_year"])
        )
    out["_province_code"] = [_key(v) for v in prov]
    out["_year"] = [_key(v) for v in year]
    return out


def _key(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return NULL_PARTITION
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if text and "/" not in text and "=" not in text else NULL_PARTITION


def _atomic_write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_lake(root: Path, frames: Mapping[str, pd.DataFrame], run_id: str) -> list[Path]:
    """Write the report tables of `frames` under root/<table>/province_code=../year=../.

    Rows are sorted (report_id, seq) inside each file so equal input gives equal files.
    Returns the paths written, in table then partition order; empty frames write nothing.
    """
    root = Path(root)
    written: list[Path] = []
    reports = frames.get("reports")
    for table in REPORT_TABLES:
        df = frames.get(table)
        if df is None or df.empty:
            continue
        present = lake_report_ids(root, table)
        if present:
            df = df[~df["report_id"].astype(str).isin(present)]
            if df.empty:
                continue
        schema = arrow_schema(table)
        keyed = _partitioned(table, df, reports)
        for (prov, year), part in keyed.groupby(["_province_code", "_year"], sort=True):
            sort_cols = [c for c in ("report_id", "seq") if c in part.columns]
            part = part.sort_values(sort_cols, kind="stable")
            ids = sorted(set(part["report_id"].astype(str)))
            digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:20]
            kinds = TABLES[table]
            data = {
                f.name: (
                    [run_id] * len(part)
                    if f.name == "run_id"
                    else [coerce(kinds[f.name], v) for v in part[f.name].tolist()]
                )
                for f in schema
            }
            arrow = pa.Table.from_pydict(data, schema=schema)
            path = (
                root / table / f"province_code={prov}" / f"year={year}" / f"part-{digest}.parquet"
            )
            _atomic_write(arrow, path)
            written.append(path)
    log.info("lake: wrote %d files under %s (run %s)", len(written), root, run_id)
    return written


def lake_report_ids(root: Path, table: str) -> set[str]:
    """The report_ids a table's dataset already holds (reads only that column)."""
    path = Path(root) / table
    if not path.is_dir():
        return set()
    ds = pads.dataset(path, format="parquet", partitioning="hive", exclude_invalid_files=True)
    return set(ds.to_table(columns=["report_id"]).column("report_id").to_pylist())


def read_lake(root: Path, table: str) -> pd.DataFrame:
    """Read a table's dataset back (Hive partitions restored as columns; nulls as NA)."""
    path = Path(root) / table
    if not path.is_dir():
        return pd.DataFrame()
    ds = pads.dataset(path, format="parquet", partitioning="hive", exclude_invalid_files=True)
    return ds.to_table().to_pandas()
