"""The warehouse: extraction records -> tables, through SQLAlchemy (DuckDB default, PostgreSQL prod).

API (every function takes the URL or Engine as a parameter; nothing reads settings):

    records_to_frames(records) -> dict[str, DataFrame]
        "ok" extraction records (../shared/contract/EXTRACT.md) -> frames "reports",
        "report_metrics", "rectification_items" with the warehouse columns (TABLES).
        Used by validation, the lake and load alike.
    connect(url) -> Engine
        Engine with no pooled connections (DuckDB allows one writer: every operation opens
        and closes its own connection, waiting up to DUCKDB_LOCK_WAIT_S for a file locked by
        another process). Raises WarehouseUnavailable (password masked).
    ensure_schema(engine, sql_dir=None) -> list[str]
        Runs sql/*.sql in name order (raw DDL, views, rollup); idempotent.
    load(engine, frames, run_id, finish=None) -> LoadResult
        Inserts the reports not yet present with their metrics and items, and runs
        finish(conn, result) in the same transaction (the run's quarantine and ingest_log
        rows), falling back to one transaction per report if the batch fails (a failing
        report is rolled back alone and listed in LoadResult.failed). Re-running changes
        nothing.
    write_log(conn, rows) / log_files(engine, rows) -> int
        ingest_log rows (replaces same run_id+path)
    write_quarantine(conn, rows) / quarantine_rows(engine, rows) -> int
        quarantine rows (same row twice is kept once)
    table_counts(engine) -> dict[str, int]
    content_checksum(engine, table) -> str     order-independent hash, without run ids/times
    rollup(engine) -> DataFrame                the province_year_metrics view

Errors: WarehouseUnavailable when the database cannot be reached; other SQLAlchemy errors
propagate. Identifiers come only from this module's TABLES; values are always bound.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from reportflow.catalog import provinces

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"

# Column name -> kind (text|int|bigint|float|bool|date|timestamp), in table order. The DDL in
# sql/ is the database's truth; this mirrors it for frames, inserts and the lake's schemas.
TABLES: dict[str, dict[str, str]] = {
    "reports": {
        "report_id": "text",
        "source_path": "text",
        "file_type": "text",
        "encoding": "text",
        "title": "text",
        "issuer": "text",
        "report_type": "text",
        "province": "text",
        "province_code": "text",
        "city": "text",
        "county": "text",
        "adcode": "text",
        "report_year": "int",
        "published_date": "date",
        "rect_tasks": "int",
        "rect_completed": "int",
        "rect_in_progress": "int",
        "warnings": "text",
        "run_id": "text",
        "loaded_at": "timestamp",
    },
    "report_metrics": {
        "report_id": "text",
        "seq": "int",
        "metric": "text",
        "value": "float",
        "unit": "text",
        "year": "int",
        "is_target": "bool",
        "scope": "text",
        "evidence": "text",
        "char_start": "int",
    },
    "rectification_items": {
        "report_id": "text",
        "seq": "int",
        "title": "text",
        "status": "text",
    },
    "quarantine": {
        "quarantine_id": "text",
        "run_id": "text",
        "report_id": "text",
        "source_path": "text",
        "sha256": "text",
        "stage": "text",
        "table_name": "text",
        "expectation": "text",
        "reason": "text",
        "row_json": "text",
        "quarantine_path": "text",
        "quarantined_at": "timestamp",
    },
    "ingest_log": {
        "run_id": "text",
        "path": "text",
        "sha256": "text",
        "size_bytes": "bigint",
        "status": "text",
        "reason": "text",
        "report_id": "text",
        "duplicate_of": "text",
        "first_seen_at": "timestamp",
        "finished_at": "timestamp",
    },
}
# the three tables built from extraction records, in load order (parent first)
REPORT_TABLES = ("reports", "report_metrics", "rectification_items")
# columns set at load / log time, left out of frames and of content checksums
LOAD_COLUMNS = {"run_id", "loaded_at", "quarantined_at", "first_seen_at", "finished_at"}

_PANDAS_DTYPES = {
    "text": "object",
    "int": "Int64",
    "bigint": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "object",
    "timestamp": "object",
}
_ADCODE = re.compile(r"^\d{6}$")
_CHUNK = 1000  # bound parameters per IN (...) query
DUCKDB_LOCK_WAIT_S = 30.0  # how long to wait for another process's DuckDB write lock


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be reached. The message names the URL with its password masked."""


@dataclass
class LoadResult:
    """What one load() call did.

    rows: rows inserted per table; new_report_ids: reports inserted by this call;
    existing_report_ids: reports skipped because already present; failed: report_id ->
    reason for reports whose transaction failed and was rolled back (nothing of them loaded).
    """

    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORT_TABLES, 0))
    new_report_ids: list[str] = field(default_factory=list)
    existing_report_ids: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- records -> frames


def province_code_for(province: str | None, adcode: str | None) -> str | None:
    """2-digit province code: adcode[:2] when adcode has 6 digits, else from the full name."""
    if adcode and _ADCODE.match(str(adcode)):
        return str(adcode)[:2]
    if province:
        return provinces().get(province)
    return None


def _iso_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        log.warning("published_date %r is not an ISO date; stored as null", value)
        return None


def empty_frame(table: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of `table` (load columns left out)."""
    cols = {c: k for c, k in TABLES[table].items() if c not in LOAD_COLUMNS}
    return pd.DataFrame({c: pd.Series([], dtype=_PANDAS_DTYPES[k]) for c, k in cols.items()})


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return empty_frame(table)
    cols = [c for c in TABLES[table] if c not in LOAD_COLUMNS]
    df = pd.DataFrame.from_records(rows, columns=cols)
    for c in cols:
        df[c] = df[c].astype(_PANDAS_DTYPES[TABLES[table][c]])
    return df


def records_to_frames(records: Iterable[Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """Extraction records -> {"reports", "report_metrics", "rectification_items"} frames.

    Only records with status "ok" are used (others are logged and skipped). A report_id seen
    twice keeps its first record (identical bytes). Metric seq is the 1-based position in the
    record's "metrics" list; item seq is the item's own "seq" (or its position when missing).
    Nullable integers are pandas Int64, booleans "boolean", published_date a datetime.date.
    """
    reports: list[dict[str, Any]] = []
    metrics: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for rec in records:
        if rec.get("status", "ok") != "ok":
            log.info(
                "records_to_frames: skipping %s record %s",
                rec.get("status"),
                rec.get("source_path"),
            )
            continue
        rid = rec["report_id"]
        if rid in seen:
            log.info(
                "records_to_frames: duplicate report_id %s (%s) skipped",
                rid,
                rec.get("source_path"),
            )
            continue
        seen.add(rid)
        rect = rec.get("rectification") or {}
        reports.append(
            {
                **{k: rec.get(k) for k in TABLES["reports"] if k in rec and k not in LOAD_COLUMNS},
                "province_code": province_code_for(rec.get("province"), rec.get("adcode")),
                "published_date": _iso_date(rec.get("published_date")),
                "rect_tasks": rect.get("tasks"),
                "rect_completed": rect.get("completed"),
                "rect_in_progress": rect.get("in_progress"),
                "warnings": json.dumps(rec.get("warnings") or [], ensure_ascii=False),
            }
        )
        for seq, m in enumerate(rec.get("metrics") or [], start=1):
            metrics.append(
                {
                    "report_id": rid,
                    "seq": seq,
                    **{k: m.get(k) for k in TABLES["report_metrics"] if k in m},
                }
            )
        for pos, it in enumerate(rect.get("items") or [], start=1):
            items.append(
                {
                    "report_id": rid,
                    "seq": it.get("seq") if it.get("seq") is not None else pos,
                    "title": it.get("title"),
                    "status": it.get("status"),
                }
            )
    return {
        "reports": _frame("reports", reports),
        "report_metrics": _frame("report_metrics", metrics),
        "rectification_items": _frame("rectification_items", items),
    }


# ---------------------------------------------------------------- connections


def masked_url(url: str | sa.URL) -> str:
    """The URL as text with its password replaced by ***."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparseable warehouse URL>"


def connect(url: str | sa.URL) -> Engine:
    """An Engine for `url` (duckdb:///path or postgresql[+psycopg]://...), checked reachable.

    No connection pool: each operation opens and closes its connection, so DuckDB's single
    writer lock is held only while an operation runs. For a DuckDB file URL the parent folder
    is created. Raises WarehouseUnavailable when it cannot connect.
    """
    u = sa.make_url(url)
    if u.drivername in ("postgresql", "postgres"):  # Airflow-style URI: use psycopg 3
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() == "duckdb" and u.database and u.database != ":memory:":
        Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(u, poolclass=NullPool)
    with _connection(engine):
        pass
    log.info("warehouse %s reachable", masked_url(u))
    return engine


def _unavailable(engine: Engine, exc: BaseException) -> WarehouseUnavailable:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    password = engine.url.password
    if password:
        reason = reason.replace(str(password), "***")
    return WarehouseUnavailable(f"cannot connect to warehouse {masked_url(engine.url)}: {reason}")


def _is_lock_error(engine: Engine, exc: BaseException) -> bool:
    return engine.dialect.name == "duckdb" and "lock" in str(exc).lower()


@contextmanager
def _connection(engine: Engine) -> Iterator[Connection]:
    """A connection (no transaction yet); connection failures -> WarehouseUnavailable.

    A DuckDB file locked by another process (one writer at a time, e.g. a parallel task) is
    retried for up to DUCKDB_LOCK_WAIT_S seconds before giving up.
    """
    deadline = time.monotonic() + DUCKDB_LOCK_WAIT_S
    delay = 0.05
    while True:
        try:
            conn = engine.connect()
            break
        except sa.exc.DBAPIError as e:  # OperationalError, InterfaceError, duckdb IOException
            if _is_lock_error(engine, e) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
                continue
            raise _unavailable(engine, e) from None
        except OSError as e:
            raise _unavailable(engine, e) from None
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def _begin(engine: Engine) -> Iterator[Connection]:
    with _connection(engine) as conn, conn.begin():
        yield conn


def _is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


# ---------------------------------------------------------------- schema


def _statements(sql: str) -> list[str]:
    """Split a sql/ file into statements: `--` comments dropped, split on `;`."""
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return [s.strip() for s in body.split(";") if s.strip()]


def ensure_schema(engine: Engine, sql_dir: Path | None = None) -> list[str]:
    """Run every sql/*.sql file in name order in one transaction; return the files run.

    The files are idempotent (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE VIEW). On
    PostgreSQL a transaction-scoped advisory lock serialises concurrent callers (its catalog
    raises on two simultaneous CREATE ... IF NOT EXISTS).
    """
    files = sorted(Path(sql_dir or SQL_DIR).glob("*.sql"))
    if not files:
        raise FileNotFoundError(f"no .sql files in {sql_dir or SQL_DIR}")
    with _begin(engine) as conn:
        if _is_postgres(engine):
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": 7_420_113})
        for f in files:
            for stmt in _statements(f.read_text(encoding="utf-8")):
                conn.execute(sa.text(stmt))
    log.info("warehouse schema ensured (%d files) on %s", len(files), masked_url(engine.url))
    return [f.name for f in files]


# ---------------------------------------------------------------- load


def _py(value: Any) -> Any:
    """A frame cell -> a plain Python value for a bound parameter (NA/NaN -> None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def coerce(kind: str, value: Any) -> Any:
    """A value -> the plain Python value for a column of `kind` (see TABLES), None for nulls.

    Dates and timestamps also accept ISO strings and pandas Timestamps; aware timestamps
    become naive UTC. Used for bound parameters and by the lake.
    """
    value = _py(value)
    if value is None:
        return None
    if kind == "timestamp":
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    if kind == "date":
        if isinstance(value, str):
            return _iso_date(value)
        return value.date() if isinstance(value, dt.datetime) else value
    if kind in ("int", "bigint") and isinstance(value, float):
        return int(value)
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _rows(table: str, df: pd.DataFrame, extra: Mapping[str, Any] | None = None) -> list[dict]:
    kinds = TABLES[table]
    cols = [c for c in kinds if c in df.columns]
    out = []
    for rec in df[cols].itertuples(index=False, name=None):
        row = {c: coerce(kinds[c], v) for c, v in zip(cols, rec, strict=True)}
        if extra:
            row.update(extra)
        out.append(row)
    return out


def _insert(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert (one executemany) of rows with the same keys."""
    if not rows:
        return
    cols = list(rows[0])
    unknown = set(cols) - set(TABLES[table])
    if unknown:
        raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
    t = sa.table(table, *[sa.column(c) for c in cols])
    conn.execute(sa.insert(t), rows)


def select_in(conn: Connection, sql: str, ids: Sequence[Any], **params: Any) -> list[Any]:
    """The rows of `sql` whose `:ids` (an IN list) is bound to `ids`, chunk by chunk (bound
    parameters only; `params` binds the others)."""
    stmt = sa.text(sql).bindparams(sa.bindparam("ids", expanding=True))
    rows: list[Any] = []
    for i in range(0, len(ids), _CHUNK):
        rows += conn.execute(stmt, {**params, "ids": list(ids[i : i + _CHUNK])}).all()
    return rows


def query_in(engine: Engine, sql: str, ids: Sequence[Any], **params: Any) -> list[Any]:
    """`select_in` on a connection of its own (an empty `ids` asks nothing)."""
    if not ids:
        return []
    with _connection(engine) as conn:
        return select_in(conn, sql, ids, **params)


def _existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    sql = "SELECT report_id FROM reports WHERE report_id IN :ids"
    return {r[0] for r in select_in(conn, sql, ids)}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _write_reports(
    conn: Connection, frames: Mapping[str, pd.DataFrame], ids: list[str], run_id: str
) -> dict[str, int]:
    """Insert the given reports and their child rows on `conn` (caller owns the transaction)."""
    counts = dict.fromkeys(REPORT_TABLES, 0)
    wanted = set(ids)
    stamp = {"run_id": run_id, "loaded_at": _now()}
    for table in REPORT_TABLES:
        df = frames.get(table)
        if df is None or df.empty:
            continue
        part = df[df["report_id"].isin(wanted)]
        rows = _rows(table, part, stamp if table == "reports" else None)
        _insert(conn, table, rows)
        counts[table] = len(rows)
    return counts


def load(
    engine: Engine,
    frames: Mapping[str, pd.DataFrame],
    run_id: str,
    finish: Callable[[Connection, LoadResult], None] | None = None,
) -> LoadResult:
    """Load validated frames (records_to_frames shape); skip report_ids already present.

    The whole batch is written in one transaction, and `finish(conn, result)` (the caller's
    quarantine and ingest_log rows) runs inside that same transaction: a run's reports, its
    quarantine rows and its ingest_log commit together or not at all. If the batch fails,
    each report is retried in its own transaction, so one bad report (e.g. a constraint
    violation in a metric row) rolls back alone - none of its rows stay - and is listed in
    `failed` with the database's reason; `finish` then runs in a transaction of its own. A
    report inserted meanwhile by a concurrent run counts as existing. Child rows whose report
    is not in frames["reports"] are ignored.
    """
    result = LoadResult()
    reports = frames.get("reports")
    ids = [] if reports is None or reports.empty else list(dict.fromkeys(reports["report_id"]))
    existing: set[str] = set()
    if ids:
        with _connection(engine) as conn:
            existing = _existing_ids(conn, ids)
    result.existing_report_ids = [i for i in ids if i in existing]
    todo = [i for i in ids if i not in existing]
    try:
        with _begin(engine) as conn:
            if todo:
                result.rows = _write_reports(conn, frames, todo, run_id)
                result.new_report_ids = list(todo)
            if finish is not None:
                finish(conn, result)
    except WarehouseUnavailable:
        raise
    except sa.exc.DBAPIError as e:
        if not todo:
            raise
        log.warning("load: batch of %d failed (%s); retrying report by report", len(todo), e.orig)
        result.rows = dict.fromkeys(REPORT_TABLES, 0)
        result.new_report_ids = []
        _load_one_by_one(engine, frames, todo, run_id, result)
        if finish is not None:
            with _begin(engine) as conn:
                finish(conn, result)
    log.info(
        "load: %d new, %d already present, %d failed; rows %s",
        len(result.new_report_ids),
        len(result.existing_report_ids),
        len(result.failed),
        result.rows,
    )
    return result


def _load_one_by_one(
    engine: Engine,
    frames: Mapping[str, pd.DataFrame],
    todo: list[str],
    run_id: str,
    result: LoadResult,
) -> None:
    """One transaction per report; a failing report is rolled back alone into result.failed."""
    for rid in todo:
        try:
            with _begin(engine) as conn:
                counts = _write_reports(conn, frames, [rid], run_id)
        except WarehouseUnavailable:
            raise
        except sa.exc.DBAPIError as err:
            with _connection(engine) as conn:
                if _existing_ids(conn, [rid]):
                    result.existing_report_ids.append(rid)
                    continue
            reason = str(err.orig).strip().splitlines()[0]
            log.error("load: report %s rolled back: %s", rid, reason)
            result.failed[rid] = f"load failed and was rolled back: {reason}"
            continue
        result.new_report_ids.append(rid)
        for t, n in counts.items():
            result.rows[t] += n


# ---------------------------------------------------------------- logs and quarantine


def _clean(
    table: str, rows: Iterable[Mapping[str, Any]], defaults: Mapping[str, Any]
) -> list[dict]:
    out = []
    cols = TABLES[table]
    for r in rows:
        unknown = set(r) - set(cols)
        if unknown:
            raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
        row = {c: coerce(k, r.get(c)) for c, k in cols.items()}
        for c, v in defaults.items():
            if row.get(c) is None:
                row[c] = v
        out.append(row)
    return out


def log_files(engine: Engine, rows: Iterable[Mapping[str, Any]]) -> int:
    """write_log in a transaction of its own."""
    with _begin(engine) as conn:
        return write_log(conn, rows)


def write_log(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ingest_log rows (keys: TABLES["ingest_log"]; missing -> null, finished_at -> now).

    A row whose (run_id, path) is already logged replaces it (the later status wins), so a
    retried task logs each file once. Returns the number of rows written.
    """
    now = _now()
    clean = _clean("ingest_log", rows, {"finished_at": now, "first_seen_at": now})
    if not clean:
        return 0
    clean = list({(r["run_id"], r["path"]): r for r in clean}.values())
    delete = sa.text("DELETE FROM ingest_log WHERE run_id = :run_id AND path = :path")
    conn.execute(delete, [{"run_id": r["run_id"], "path": r["path"]} for r in clean])
    _insert(conn, "ingest_log", clean)
    return len(clean)


def quarantine_id(row: Mapping[str, Any]) -> str:
    """sha256 of a quarantine row's identifying fields (see sql/004_raw_quarantine.sql)."""
    key = [
        row.get(k)
        for k in (
            "run_id",
            "stage",
            "report_id",
            "source_path",
            "table_name",
            "expectation",
            "row_json",
        )
    ]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, default=str).encode()).hexdigest()


def quarantine_rows(engine: Engine, rows: Iterable[Mapping[str, Any]]) -> int:
    """write_quarantine in a transaction of its own."""
    with _begin(engine) as conn:
        return write_quarantine(conn, rows)


def write_quarantine(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write quarantine rows (keys: TABLES["quarantine"]; stage and reason required).

    quarantine_id is computed when absent; a row already present (same id) is skipped.
    quarantined_at defaults to now (UTC). Returns the number of rows inserted.
    """
    clean = _clean("quarantine", rows, {"quarantined_at": _now()})
    for r in clean:
        if not r.get("stage") or not r.get("reason"):
            raise ValueError(f"quarantine row needs stage and reason: {r}")
        r["quarantine_id"] = r["quarantine_id"] or quarantine_id(r)
    clean = list({r["quarantine_id"]: r for r in clean}.values())
    if not clean:
        return 0
    sql = "SELECT quarantine_id FROM quarantine WHERE quarantine_id IN :ids"
    have = {x[0] for x in select_in(conn, sql, [r["quarantine_id"] for r in clean])}
    new = [r for r in clean if r["quarantine_id"] not in have]
    _insert(conn, "quarantine", new)
    return len(new)


# ---------------------------------------------------------------- inspection


def table_counts(engine: Engine) -> dict[str, int]:
    """Row count of each warehouse table."""
    with _connection(engine) as conn:
        return {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}


def _canon(value: Any) -> Any:
    if isinstance(value, float):
        return repr(round(value, 9))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "is_finite"):  # Decimal
        return repr(round(float(value), 9))
    return value


def content_checksum(engine: Engine, table: str) -> str:
    """sha256 over all rows of `table`, independent of row order, without run ids/timestamps.

    Equal on DuckDB and PostgreSQL for equal content (values canonicalised).
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    cols = [c for c in TABLES[table] if c not in LOAD_COLUMNS and c != "quarantine_id"]
    with _connection(engine) as conn:
        result = conn.execute(sa.text(f"SELECT {', '.join(cols)} FROM {table}"))
        lines = sorted(
            json.dumps([_canon(v) for v in row], ensure_ascii=False, default=str) for row in result
        )
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8") + b"\n")
    return h.hexdigest()


def rollup(engine: Engine) -> pd.DataFrame:
    """The province_year_metrics rollup, ordered by province_code, year, metric."""
    with _connection(engine) as conn:
        result = conn.execute(
            sa.text("SELECT * FROM province_year_metrics ORDER BY province_code, year, metric")
        )
        df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for c in ("mean_value", "min_value", "max_value"):
        if c in df:
            df[c] = df[c].astype("float64")
    return df
