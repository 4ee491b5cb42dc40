"""One file in, one contract record out (../shared/contract/EXTRACT.md).

The CLI, the tests and the DAG all call `extract_path` / `extract_document`; nothing here
touches Airflow, a database or the file system beyond reading the one input file.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from reportflow.metadata import extract_metadata
from reportflow.metrics import dedupe_values, extract_metrics
from reportflow.models import Document, MetricValue, Rectification, RejectedFile
from reportflow.readers import ReadLimits, read_bytes
from reportflow.rectification import count_evidence, count_year, extract_rectification

log = logging.getLogger(__name__)

FILE_TYPES = {".txt": "txt", ".pdf": "pdf"}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rectification_metrics(rect: Rectification, year: int | None, text: str) -> list[MetricValue]:
    """The three rectification_* metric rows, from the stated count or the items found.

    Evidence: the stated count's clause, an item's status line, or the sentence stating the
    counts (rectification.count_evidence); else the first item's title. Year: the year named
    in the sentence stating the count (rectification.count_year), else the report's year.
    """
    out: list[MetricValue] = []
    first = rect.items[0] if rect.items else None
    fallback_ev = first.title if first else ""
    fallback_at = first.char_start if first and first.char_start is not None else 0
    evidence = count_evidence(rect, text)
    # an item's status line or title says no year of the count: those take the report's year
    on_items = {(i.status_evidence, i.status_char_start) for i in rect.items}
    for key, value in (
        ("tasks", rect.tasks),
        ("completed", rect.completed),
        ("in_progress", rect.in_progress),
    ):
        if value is None:
            continue
        ev, at = evidence.get(key, (fallback_ev, fallback_at))
        if text[at : at + len(ev)] != ev:
            ev, at = fallback_ev, fallback_at
        said = (
            None if (ev, at) in on_items or key not in evidence else count_year(text, at, len(ev))
        )
        out.append(
            MetricValue(
                f"rectification_{key}", float(value), "count", said or year, False, None, ev, at
            )
        )
    return out


def extract_document(doc: Document, *, report_id: str, source_path: str) -> dict[str, Any]:
    """Extract every contract field from a read document."""
    meta = extract_metadata(doc.text, doc.web_header)
    metrics = extract_metrics(doc.text, meta.report_year)
    rect = extract_rectification(doc.text, meta.report_type)
    # rectification counts join the catalog values; the same identical value is emitted once
    metrics = dedupe_values(
        metrics + _rectification_metrics(rect, meta.report_year, doc.text), meta.report_year
    )
    return {
        "status": "ok",
        "report_id": report_id,
        "source_path": source_path,
        "file_type": doc.file_type,
        "encoding": doc.encoding,
        "title": meta.title,
        "issuer": meta.issuer,
        "report_type": meta.report_type,
        "province": meta.province,
        "city": meta.city,
        "county": meta.county,
        "adcode": meta.adcode,
        "report_year": meta.report_year,
        "published_date": meta.published_date,
        "metrics": [m.to_dict() for m in metrics],
        "rectification": rect.to_dict(),
        "warnings": list(doc.warnings),
    }


_WARM_UP_TEXT = (
    "某县人民政府关于2023年度履行教育职责情况的自评报告\n"
    "2023年，全县学前三年毛入园率为90.5%，义务教育教师年平均工资收入10.2万元。\n"
    "一、关于“学位不足”的问题\n整改结果：已整改\n"
    "某县人民政府\n2024年1月5日"
)


def warm_up() -> None:
    """Build every lazily built table (catalog, compiled rules, gazetteer) and load the PDF
    and encoding libraries in this process, so that forked per-file workers inherit them
    instead of each building its own (about 0.3 s per file otherwise)."""
    import charset_normalizer  # noqa: F401  (TXT decoding fallback)

    import reportflow.pdftext  # noqa: F401  (pdfium)

    doc = read_bytes(_WARM_UP_TEXT.encode("utf-8"), "warm-up.txt")
    extract_document(doc, report_id="0" * 64, source_path="warm-up.txt")


def rejected_record(
    source_path: str, reason: str, *, stage: str = "read", report_id: str | None = None
) -> dict[str, Any]:
    return {
        "status": "rejected",
        "report_id": report_id,
        "source_path": source_path,
        "file_type": FILE_TYPES.get(Path(source_path).suffix.lower()),
        "stage": stage,
        "error": reason,
    }


def extract_path(path: Path | str, limits: ReadLimits = ReadLimits()) -> dict[str, Any]:
    """Read and extract one file. Never raises for bad input: returns a rejected record."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return rejected_record(
                source,
                f"file is {size} bytes, over the size limit of {limits.max_bytes} bytes; not read",
            )
        data = path.read_bytes()
    except OSError as e:
        return rejected_record(source, f"cannot open file: {e.strerror or e}")
    return extract_bytes(data, source, limits)


def extract_bytes(
    data: bytes, source_path: str, limits: ReadLimits = ReadLimits()
) -> dict[str, Any]:
    report_id = sha256_bytes(data)
    try:
        doc = read_bytes(data, source_path, limits)
    except RejectedFile as e:
        return rejected_record(source_path, e.reason, stage=e.stage, report_id=report_id)
    try:
        return extract_document(doc, report_id=report_id, source_path=source_path)
    except RejectedFile as e:
        return rejected_record(source_path, e.reason, stage=e.stage, report_id=report_id)
    except Exception as e:  # a bug must not lose the file: it is rejected at stage extract
        log.exception("extraction failed for %s", source_path)
        return rejected_record(
            source_path,
            f"extraction failed: {type(e).__name__}: {e}",
            stage="extract",
            report_id=report_id,
        )
