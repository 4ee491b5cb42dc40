"""The stage functions the nightly DAG calls (plain Python: the tests call them without Airflow).

discover_files -> plan_batches -> extract_batch (one per batch) -> validate_and_stage ->
write_lake -> load_warehouse -> build_rollup -> publish_report.

Stages hand each other small JSON-serialisable dicts (paths, counts); the data itself goes
through a per-run staging folder (`$REPORTFLOW_HOME/staging/<run_id>/`): the manifest, one
JSON-lines file of extraction records per batch, validated frames as Parquet.

Every stable file seen gets exactly one final status (loaded | duplicate | rejected |
quarantined) and one ingest_log row; `load_warehouse` checks this accounting invariant in the
warehouse and fails loudly when it does not hold. A run fails only when the system is broken
(warehouse unreachable, disk full), with a one-line `PipelineError`; bad files never fail it.
"""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reportflow.inbox import REASON_OUTSIDE, discover, is_inside, safe_path
from reportflow.settings import Settings, conn_to_url, load_settings, mask_url

log = logging.getLogger(__name__)

FINAL_STATUSES = ("loaded", "duplicate", "rejected", "quarantined")
TABLES = ("reports", "report_metrics", "rectification_items")


class PipelineError(RuntimeError):
    """The system is broken (warehouse unreachable, disk full): the run fails with this line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


# --------------------------------------------------------------------------- helpers


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def safe_run_id(run_id: str | None) -> str:
    """A run id usable as a folder name (Airflow's contain ':' and '+')."""
    run_id = run_id or f"manual__{_now():%Y%m%dT%H%M%S}"
    safe = re.sub(r"\.{2,}", "_", re.sub(r"[^A-Za-z0-9._-]+", "_", run_id))
    return safe.strip("._") or "run"


def _settings(settings: Settings | None) -> Settings:
    return settings or load_settings()


def _url(settings: Settings, warehouse_url: str | None) -> str:
    """The URL passed by the caller (e.g. from Airflow's connection API), else the settings'."""
    return conn_to_url(warehouse_url) if warehouse_url else settings.warehouse_url


def _disk_guard(what: str):
    """Turn ENOSPC/EDQUOT/EROFS into a one-line PipelineError."""

    class _Guard:
        def __enter__(self) -> None:
            return None

        def __exit__(self, et, e, tb) -> bool:
            if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise PipelineError(f"disk full or read-only while {what}: {e}") from e
            return False

    return _Guard()


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _disk_guard(f"writing {path}"):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1, default=str)
        os.replace(tmp, path)


def _read_json(path: Path | str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _disk_guard(f"writing {path}"):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".jsonl")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        os.replace(tmp, path)


def _read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_dir(run_id: str, settings: Settings | None = None) -> Path:
    return _settings(settings).staging / safe_run_id(run_id)


def _engine(url: str):
    """Connect to the warehouse and make sure the schema exists; one-line error otherwise."""
    from reportflow import warehouse

    try:
        engine = warehouse.connect(url)
        warehouse.ensure_schema(engine)
        return engine
    except warehouse.WarehouseUnavailable as e:
        raise PipelineError(str(e)) from e
    except Exception as e:  # a driver or OS error while connecting: the system is broken
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        password = urlsplit(url).password if "://" in url else None
        if password:
            first = first.replace(password, "***")
        raise PipelineError(f"warehouse unreachable: {mask_url(url)} ({first})") from e


def _loaded_ids(engine, ids: list[str]) -> dict[str, str]:
    """report_id -> source_path for the given ids already in `reports`."""
    from reportflow.warehouse import query_in

    sql = "SELECT report_id, source_path FROM reports WHERE report_id IN :ids"
    return dict(query_in(engine, sql, ids))


def _loaded_by_run(conn: Any, run_id: str, ids: list[str]) -> set[str]:
    """Which of `ids` the reports table says were loaded by `run_id`."""
    from reportflow.warehouse import select_in

    sql = "SELECT report_id FROM reports WHERE run_id = :r AND report_id IN :ids"
    return {r for (r,) in select_in(conn, sql, list(ids), r=run_id)}


def _settled_earlier(engine, run_id: str, shas: list[str]) -> dict[str, dict[str, Any]]:
    """sha256 -> the earliest earlier run's rejected/quarantined ingest_log row for those bytes."""
    from reportflow.warehouse import query_in

    sql = (
        "SELECT sha256, run_id, status, reason FROM ingest_log "
        "WHERE status IN ('rejected', 'quarantined') AND run_id <> :r AND sha256 IN :ids "
        "ORDER BY finished_at"
    )
    out: dict[str, dict[str, Any]] = {}
    for sha, run, status, reason in query_in(engine, sql, shas, r=run_id):
        out.setdefault(sha, {"run_id": run, "status": status, "reason": reason})
    return out


# --------------------------------------------------------------------------- discover


def discover_files(
    run_id: str | None,
    *,
    inbox: Path | str | None = None,
    settings: Settings | None = None,
    warehouse_url: str | None = None,
) -> dict[str, Any]:
    """Scan the inbox, hash, and decide per file: extract, duplicate, rejected or deferred.

    Writes `<run_dir>/manifest.json` and returns a small summary with its path.
    """
    s = _settings(settings)
    rid = safe_run_id(run_id)
    inbox = Path(inbox) if inbox else s.inbox
    url = _url(s, warehouse_url)
    engine = _engine(url)  # fail first, before anything is written, if the warehouse is down
    inbox.mkdir(parents=True, exist_ok=True)
    found = discover(inbox, stable_seconds=s.stable_seconds, max_bytes=s.max_bytes)
    seen_at = _now().isoformat()
    shas = sorted({f.sha256 for f in found if f.sha256})
    loaded = _loaded_ids(engine, shas)
    settled = {} if s.retry_rejected else _settled_earlier(engine, rid, shas)
    engine.dispose()
    first_by_sha: dict[str, str] = {}
    files: list[dict[str, Any]] = []
    for f in found:
        entry = {
            "path": f.path,
            "rel": f.rel,
            "size": f.size,
            "sha256": f.sha256,
            "status": "extract",
            "stage": None,
            "reason": None,
            "duplicate_of": None,
            "first_seen_at": seen_at,
        }
        if f.status == "deferred":
            entry.update(status="deferred", reason=f.reason)
        elif f.status == "rejected":
            entry.update(status="rejected", stage="read", reason=f.reason)
        elif f.sha256 in loaded:
            entry.update(
                status="duplicate",
                duplicate_of=f.sha256,
                reason=f"same bytes as the loaded report {loaded[f.sha256]}",
            )
        elif f.sha256 in settled:
            # the same bytes were set aside by an earlier run: logged again, not re-read nor
            # copied again (REPORTFLOW_RETRY_REJECTED=1 re-reads them, e.g. after an upgrade)
            prev = settled[f.sha256]
            entry.update(
                status=prev["status"],
                stage="read",
                settled_in=prev["run_id"],
                reason=f"unchanged since run {prev['run_id']} set it aside: {prev['reason']}",
            )
        elif f.sha256 in first_by_sha:
            # same bytes as an earlier file of this run: extracted too (its reason may depend on
            # its name), but only the first can load; the others end as its duplicates
            entry["twin_of"] = first_by_sha[f.sha256]
        else:
            first_by_sha[f.sha256] = f.path
        files.append(entry)
    rdir = run_dir(rid, s)
    shutil.rmtree(rdir, ignore_errors=True)  # a re-run of the same run id starts clean
    manifest = {"run_id": rid, "inbox": str(inbox), "files": files}
    _write_json(rdir / "manifest.json", manifest)
    counts = dict(Counter(f["status"] for f in files))
    log.info("discover: %d files under %s: %s", len(files), inbox, counts)
    return {
        "run_id": rid,
        "run_dir": str(rdir),
        "manifest": str(rdir / "manifest.json"),
        "counts": counts,
    }


# --------------------------------------------------------------------------- batches, extract


def plan_batches(discovered: dict[str, Any], batch_size: int | None = None) -> list[dict[str, Any]]:
    """The files to extract, cut into batches of `batch_size` (one mapped task each)."""
    batch_size = max(1, int(batch_size or load_settings().batch_size))
    manifest = _read_json(discovered["manifest"])
    todo = [
        {"path": f["path"], "sha256": f["sha256"]}
        for f in manifest["files"]
        if f["status"] == "extract"
    ]
    batches = [
        {
            "run_dir": discovered["run_dir"],
            "inbox": manifest["inbox"],
            "index": i // batch_size,
            "files": todo[i : i + batch_size],
        }
        for i in range(0, len(todo), batch_size)
    ]
    log.info(
        "plan: %d files to extract in %d batches of up to %d", len(todo), len(batches), batch_size
    )
    return batches


def extract_batch(batch: dict[str, Any], *, settings: Settings | None = None) -> str:
    """Extract one batch in sandboxed worker processes; returns the JSON-lines file's path."""
    from reportflow.extract import rejected_record
    from reportflow.readers import ReadLimits
    from reportflow.sandbox import run_batch

    s = _settings(settings)
    files = batch["files"]
    # checked again right before reading: a path swapped for an escaping symlink since
    # discovery is never opened
    unsafe: dict[int, str] = {}
    for i, f in enumerate(files):
        try:
            safe_path(batch.get("inbox") or s.inbox, f["path"])
        except ValueError:
            unsafe[i] = f"{REASON_OUTSIDE}: never followed"
    safe = [f["path"] for i, f in enumerate(files) if i not in unsafe]
    extracted = iter(
        run_batch(
            safe,
            limits=ReadLimits(max_bytes=s.max_bytes, max_pages=s.max_pages),
            timeout=s.file_timeout,
            memory_mb=s.file_memory_mb,
        )
    )
    records = []
    for i, f in enumerate(files):
        if i in unsafe:
            rec = rejected_record(f["path"], unsafe[i], stage="read", report_id=f["sha256"])
        else:
            rec = next(extracted)
        rec["source_path"] = f["path"]
        if not rec.get("report_id"):
            rec["report_id"] = f["sha256"]
        elif rec["report_id"] != f["sha256"]:
            rec = rejected_record(
                f["path"],
                "file changed while the run was reading it; a later run reads it again",
                stage="read",
                report_id=f["sha256"],
            )
        records.append(rec)
    out = Path(batch["run_dir"]) / "extract" / f"batch_{int(batch['index']):05d}.jsonl"
    _write_jsonl(out, records)
    ok = sum(r.get("status") == "ok" for r in records)
    log.info(
        "extract batch %s: %d files, %d ok, %d rejected -> %s",
        batch["index"],
        len(records),
        ok,
        len(records) - ok,
        out,
    )
    return str(out)


def _records(discovered: dict[str, Any]) -> list[dict[str, Any]]:
    folder = Path(discovered["run_dir"]) / "extract"
    out: list[dict[str, Any]] = []
    for p in sorted(folder.glob("batch_*.jsonl")) if folder.is_dir() else []:
        out.extend(_read_jsonl(p))
    return out


# --------------------------------------------------------------------------- validate


def validate_and_stage(
    discovered: dict[str, Any], *, settings: Settings | None = None
) -> dict[str, Any]:
    """Frames from the ok records, Great Expectations on them, passed frames staged as Parquet.

    Rows that fail go to `<run_dir>/validated/quarantine.jsonl` with their expectation; a report
    row that fails takes its metrics and items with it (the report is quarantined whole).
    """
    from reportflow import validation, warehouse

    s = _settings(settings)
    rdir = Path(discovered["run_dir"])
    twins = {f["path"] for f in _read_json(discovered["manifest"])["files"] if f.get("twin_of")}
    records = [
        r for r in _records(discovered) if r.get("status") == "ok" and r["source_path"] not in twins
    ]
    frames = warehouse.records_to_frames(records)
    outcome = validation.validate(frames, s.data_docs, discovered["run_id"])
    passed, qrows, docs = dict(outcome.frames), list(outcome.quarantine), outcome.data_docs_index
    kept = set(passed["reports"]["report_id"]) if len(passed["reports"]) else set()
    for table in ("report_metrics", "rectification_items"):
        df = passed.get(table)
        if df is not None and len(df):
            passed[table] = df[df["report_id"].isin(kept)].reset_index(drop=True)
    out = rdir / "validated"
    out.mkdir(parents=True, exist_ok=True)
    with _disk_guard("staging validated frames"):
        for table in TABLES:
            df = passed.get(table)
            if df is None:
                df = frames[table].iloc[0:0]
            df.to_parquet(out / f"{table}.parquet", index=False)
    _write_jsonl(out / "quarantine.jsonl", qrows)
    rows = {t: int(len(passed[t])) if passed.get(t) is not None else 0 for t in TABLES}
    log.info(
        "validate: %d records, rows passed %s, %d rows quarantined; Data Docs: %s",
        len(records),
        rows,
        len(qrows),
        docs,
    )
    return {
        "run_id": discovered["run_id"],
        "dir": str(out),
        "rows": rows,
        "quarantined_rows": len(qrows),
        "data_docs": str(docs) if docs else None,
    }


def _staged_frames(validated: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    return {t: pd.read_parquet(Path(validated["dir"]) / f"{t}.parquet") for t in TABLES}


# --------------------------------------------------------------------------- lake


def write_lake(validated: dict[str, Any], *, settings: Settings | None = None) -> dict[str, Any]:
    """The validated rows into the Hive-partitioned Parquet lake (atomic files)."""
    from reportflow import lake

    s = _settings(settings)
    frames = _staged_frames(validated)
    with _disk_guard("writing the lake"):
        written = lake.write_lake(s.lake, frames, validated.get("run_id") or "")
    log.info("lake: %d files written under %s", len(written), s.lake)
    return {"lake": str(s.lake), "files": len(written)}


# --------------------------------------------------------------------------- quarantine copies


def _copy_to_quarantine(
    src: str, sha: str | None, run_id: str, qdir: Path
) -> tuple[str | None, str | None]:
    """Copy the original bytes to <qdir>/<run_id>/<sha256>_<name>; returns (path, sha256).

    The sha is computed while copying when discovery did not hash the file (over the size
    limit). Files outside the inbox (escaping symlinks) are never copied.
    """
    p = Path(src)
    dest_dir = qdir / run_id
    dest_dir.mkdir(parents=True, exist_ok=True)
    with _disk_guard("copying to quarantine"):
        fd, tmp = tempfile.mkstemp(dir=dest_dir, prefix=".tmp-")
        h = hashlib.sha256()
        try:
            with open(p, "rb") as fin, os.fdopen(fd, "wb") as fout:
                while block := fin.read(1 << 20):
                    h.update(block)
                    fout.write(block)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
        digest = h.hexdigest()
        if sha and digest != sha:
            log.warning("%s changed since it was hashed; quarantined as read now", src)
        safe_name = re.sub(r"[\\/]|\.\.", "_", p.name)  # no path syntax in the copy's name
        dest = dest_dir / f"{digest}_{safe_name}"
        os.replace(tmp, dest)
    return str(dest), digest


# --------------------------------------------------------------------------- load


def _outcomes(
    manifest: dict[str, Any],
    records: list[dict[str, Any]],
    qrows: list[dict[str, Any]],
    passed_ids: set[str],
) -> list[dict[str, Any]]:
    """The final status of every stable file seen (before the load decides loaded/duplicate)."""
    by_path = {r["source_path"]: r for r in records}
    q_by_report: dict[str, list[dict[str, Any]]] = {}
    for q in qrows:
        q_by_report.setdefault(q.get("report_id"), []).append(q)
    out = []
    for f in manifest["files"]:
        if f["status"] == "deferred":
            continue
        o = dict(f)
        if f.get("settled_in"):
            out.append(o)  # decided at discovery: set aside by an earlier run
            continue
        if f["status"] == "extract":
            rec = by_path.get(f["path"])
            if rec is None:
                o.update(
                    status="rejected", stage="extract", reason="no extraction record (batch lost)"
                )
            elif rec.get("status") != "ok":
                o.update(
                    status="rejected", stage=rec.get("stage") or "read", reason=rec.get("error")
                )
            elif f["sha256"] not in passed_ids:
                fails = q_by_report.get(f["sha256"], [])
                names = sorted(
                    {str(q.get("expectation")) for q in fails if q.get("table_name") == "reports"}
                )
                o.update(
                    status="quarantined",
                    stage="validate",
                    reason="report failed validation: "
                    + ("; ".join(names) or "report row rejected"),
                )
            else:
                o.update(status="loaded", stage=None)
                fails = q_by_report.get(f["sha256"], [])
                if fails:
                    names = sorted({str(q.get("expectation")) for q in fails})
                    o["reason"] = f"{len(fails)} row(s) quarantined: " + "; ".join(names)
        out.append(o)
    return out


def _settle_twins(outcomes: list[dict[str, Any]]) -> None:
    """Files with the same bytes as an earlier file of the run: a duplicate of it when it
    loaded; otherwise their own rejection, or the first file's fate (same bytes)."""
    by_path = {o["path"]: o for o in outcomes}
    for o in outcomes:
        first = by_path.get(o.get("twin_of") or "")
        if first is None:
            continue
        if first["status"] == "loaded":
            o.update(
                status="duplicate",
                stage=None,
                duplicate_of=first["sha256"],
                reason=f"same bytes as {first['path']}, loaded in this run",
            )
        elif o["status"] != "rejected":
            o.update(
                status=first["status"],
                stage=first["stage"],
                reason=f"{first['reason']} (same bytes as {first['path']})",
            )


def load_warehouse(
    discovered: dict[str, Any],
    validated: dict[str, Any],
    *,
    settings: Settings | None = None,
    warehouse_url: str | None = None,
) -> dict[str, Any]:
    """The one writer: load the validated rows, the quarantine and the ingest_log in one
    transaction, and check the accounting invariant inside it (a violation rolls all of it
    back). Returns the per-status counts."""
    from reportflow import warehouse

    s = _settings(settings)
    rid = discovered["run_id"]
    url = _url(s, warehouse_url)
    manifest = _read_json(discovered["manifest"])
    records = _records(discovered)
    frames = _staged_frames(validated)
    qrows = _read_jsonl(Path(validated["dir"]) / "quarantine.jsonl")
    passed_ids = set(frames["reports"]["report_id"]) if len(frames["reports"]) else set()
    base = _outcomes(manifest, records, qrows, passed_ids)
    inbox_root = Path(manifest["inbox"]).resolve()

    final: list[dict[str, Any]] = []

    def finish(conn: Any, result: Any) -> None:
        """Inside the load's transaction: settle each file, write quarantine and ingest_log."""
        outs = copy.deepcopy(base)
        _settle_loaded(conn, rid, outs, result)
        qrows_out = _quarantine_files(outs, rid, inbox_root, s.quarantine_dir)
        qrows_out += _validation_quarantine(outs, qrows, rid)
        warehouse.write_quarantine(conn, qrows_out)
        warehouse.write_log(conn, _log_rows(outs, rid))
        check_accounting(conn, rid, [o["path"] for o in outs])
        final[:] = outs

    engine = _engine(url)
    try:
        warehouse.load(engine, frames, run_id=rid, finish=finish)
    except warehouse.WarehouseUnavailable as e:
        raise PipelineError(str(e)) from e
    finally:
        engine.dispose()
    counts = dict(Counter(o["status"] for o in final))
    counts["deferred"] = sum(1 for f in manifest["files"] if f["status"] == "deferred")
    _write_json(Path(discovered["run_dir"]) / "outcomes.json", final)
    log.info("load: %s", counts)
    return {"counts": counts, "files_seen": len(final)}


def _settle_loaded(conn: Any, run_id: str, outcomes: list[dict[str, Any]], result: Any) -> None:
    """loaded -> duplicate (loaded by another run) or quarantined (rolled back at load)."""
    # a retried load task finds its own earlier inserts as "existing": still loaded by this run
    new_ids = set(result.new_report_ids) | _loaded_by_run(conn, run_id, result.existing_report_ids)
    for o in outcomes:
        if o["status"] != "loaded" or o.get("twin_of"):
            continue
        if o["sha256"] in result.failed:
            o.update(status="quarantined", stage="load", reason=result.failed[o["sha256"]])
        elif o["sha256"] not in new_ids:
            o.update(
                status="duplicate",
                duplicate_of=o["sha256"],
                reason="already in the warehouse (loaded by another run)",
            )
    _settle_twins(outcomes)


def _quarantine_files(
    outcomes: list[dict[str, Any]], run_id: str, inbox_root: Path, qdir: Path
) -> list[dict[str, Any]]:
    """Copy whole files set aside to the quarantine folder; their quarantine rows."""
    rows: list[dict[str, Any]] = []
    for o in outcomes:
        if o["status"] not in ("rejected", "quarantined") or o.get("settled_in"):
            continue  # loaded, duplicate, or already copied and listed by an earlier run
        qpath = None
        src = Path(o["path"])
        # never follow or copy what lies outside the inbox, nor open a FIFO or device
        if is_inside(inbox_root, src) and src.is_file():
            try:
                qpath, sha = _copy_to_quarantine(o["path"], o.get("sha256"), run_id, qdir)
                o["sha256"] = o.get("sha256") or sha
            except PipelineError:
                raise
            except OSError as e:
                log.warning("could not copy %s to quarantine: %s", o["path"], e)
        o["quarantine_path"] = qpath
        if o["status"] == "rejected" or o["stage"] == "load":
            rows.append(
                {
                    "run_id": run_id,
                    "report_id": o.get("sha256"),
                    "source_path": o["path"],
                    "sha256": o.get("sha256"),
                    "stage": o["stage"] or "read",
                    "table_name": None,
                    "expectation": None,
                    "reason": o["reason"],
                    "row_json": None,
                    "quarantine_path": qpath,
                }
            )
    return rows


def _validation_quarantine(
    outcomes: list[dict[str, Any]], qrows: list[dict[str, Any]], run_id: str
) -> list[dict[str, Any]]:
    """The validation stage's quarantine rows, completed with paths known after the load."""
    from reportflow import warehouse

    path_by_sha = {
        o["sha256"]: o.get("quarantine_path") for o in outcomes if o.get("quarantine_path")
    }
    src_by_sha = {o["sha256"]: o["path"] for o in outcomes if o.get("sha256")}
    cols = warehouse.TABLES["quarantine"]
    out = []
    for q in qrows:
        row = {k: v for k, v in q.items() if k in cols}
        row["run_id"] = run_id
        row["stage"] = row.get("stage") or "validate"
        row["sha256"] = row.get("sha256") or row.get("report_id")
        row["source_path"] = row.get("source_path") or src_by_sha.get(row.get("report_id"))
        row["quarantine_path"] = row.get("quarantine_path") or path_by_sha.get(row.get("report_id"))
        out.append(row)
    return out


def _log_rows(outcomes: list[dict[str, Any]], run_id: str) -> list[dict[str, Any]]:
    finished = _now().isoformat()
    return [
        {
            "run_id": run_id,
            "path": o["path"],
            "sha256": o.get("sha256"),
            "size_bytes": o.get("size"),
            "status": o["status"],
            "reason": o.get("reason"),
            "report_id": o.get("sha256"),
            "duplicate_of": o.get("duplicate_of"),
            "first_seen_at": o["first_seen_at"],
            "finished_at": finished,
        }
        for o in outcomes
    ]


def check_accounting(conn: Any, run_id: str, paths: list[str]) -> None:
    """Every file seen has exactly one ingest_log row with a final status; raise otherwise
    (inside the load's transaction, which then rolls back)."""
    from sqlalchemy import text

    rows = conn.execute(
        text("SELECT path, status FROM ingest_log WHERE run_id = :r"), {"r": run_id}
    ).all()
    logged = Counter(p for p, _ in rows)
    bad_status = [p for p, st in rows if st not in FINAL_STATUSES]
    missing = [p for p in paths if logged.get(p, 0) != 1]
    extra = set(logged) - set(paths)
    if missing or extra or bad_status or len(rows) != len(paths):
        raise PipelineError(
            f"accounting invariant violated for run {run_id}: {len(paths)} files seen, "
            f"{len(rows)} ingest_log rows ({len(missing)} missing or repeated, {len(extra)} unknown, "
            f"{len(bad_status)} without a final status)"
        )
    log.info("accounting: %d files seen, %d ingest_log rows, all final", len(paths), len(rows))


# --------------------------------------------------------------------------- rollup, publish


def build_rollup(
    *, settings: Settings | None = None, warehouse_url: str | None = None
) -> dict[str, Any]:
    from reportflow import warehouse

    s = _settings(settings)
    engine = _engine(_url(s, warehouse_url))
    try:
        df = warehouse.rollup(engine)
    finally:
        engine.dispose()
    n = int(len(df)) if df is not None else 0
    log.info("rollup: province_year_metrics has %d rows", n)
    return {"rows": n}


def publish_report(
    discovered: dict[str, Any],
    loaded: dict[str, Any],
    validated: dict[str, Any],
    lake_info: dict[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    warehouse_url: str | None = None,
) -> dict[str, Any]:
    """The run summary: statuses, rows per table, where everything is. Also written as JSON
    to `<run_dir>/summary.json` and `$REPORTFLOW_HOME/last_run.json`."""
    from reportflow import warehouse

    s = _settings(settings)
    url = _url(s, warehouse_url)
    engine = _engine(url)
    try:
        counts = warehouse.table_counts(engine)
    finally:
        engine.dispose()
    c = loaded["counts"]
    docs = validated.get("data_docs")
    summary = {
        "run_id": discovered["run_id"],
        "files_seen": loaded["files_seen"],
        **{k: int(c.get(k, 0)) for k in (*FINAL_STATUSES, "deferred")},
        "rows_validated": validated.get("rows"),
        "rows_quarantined": validated.get("quarantined_rows"),
        "table_rows": {k: int(v) for k, v in dict(counts).items()},
        "lake": str(s.lake),
        "warehouse": mask_url(url),
        "warehouse_file": url.split(":///", 1)[1] if url.startswith("duckdb:///") else None,
        "data_docs": docs,
        "quarantine_dir": str(s.quarantine_dir / discovered["run_id"]),
        "finished_at": _now().isoformat(),
    }
    _write_json(Path(discovered["run_dir"]) / "summary.json", summary)
    _write_json(s.home / "last_run.json", summary)
    # the bulk staging data is in the lake and the warehouse now; the manifest, outcomes and
    # summary stay with the run for audits
    for sub in ("extract", "validated"):
        shutil.rmtree(Path(discovered["run_dir"]) / sub, ignore_errors=True)
    log.info(
        "publish: %d files seen: %d loaded, %d duplicate, %d rejected, %d quarantined (%d deferred); "
        "rows %s; lake %s; warehouse %s; Data Docs %s",
        summary["files_seen"],
        summary["loaded"],
        summary["duplicate"],
        summary["rejected"],
        summary["quarantined"],
        summary["deferred"],
        summary["table_rows"],
        summary["lake"],
        summary["warehouse"],
        docs,
    )
    return summary


def run_all(
    run_id: str | None = None, *, settings: Settings | None = None, warehouse_url: str | None = None
) -> dict[str, Any]:
    """Every stage in order, in this process (the DAG's job without Airflow; for tests/CLI)."""
    s = _settings(settings)
    d = discover_files(run_id, settings=s, warehouse_url=warehouse_url)
    for b in plan_batches(d, s.batch_size):
        extract_batch(b, settings=s)
    v = validate_and_stage(d, settings=s)
    lk = write_lake(v, settings=s)
    ld = load_warehouse(d, v, settings=s, warehouse_url=warehouse_url)
    build_rollup(settings=s, warehouse_url=warehouse_url)
    return publish_report(d, ld, v, lk, settings=s, warehouse_url=warehouse_url)
