"""Acceptance: the seeds re-encoded (GB18030, UTF-16, UTF-8 with BOM, CRLF) and rendered to a
multi-page PDF give the same report fields and metrics as the UTF-8 originals.

The bundled samples go through the same checks, so a clone without ../shared still runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, seed_files

from reportflow.extract import extract_path

# fields that legitimately differ between encodings of the same report
_VARYING = {
    "report_id",
    "source_path",
    "file_type",
    "encoding",
    "warnings",
    "metrics",
    "rectification",
}


def _fields(rec: dict) -> dict:
    assert rec["status"] == "ok", rec
    return {k: v for k, v in rec.items() if k not in _VARYING}


def _metrics(rec: dict) -> list[tuple]:
    return sorted(
        (m["metric"], round(float(m["value"]), 4), m["year"], m["is_target"], m["scope"])
        for m in rec["metrics"]
    )


def _rect(rec: dict) -> tuple:
    r = rec["rectification"]
    return r["tasks"], r["completed"], r["in_progress"], len(r["items"])


ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf16": lambda t: t.encode("utf-16"),
    "utf8bom": lambda t: t.encode("utf-8-sig"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}


def _originals() -> list[Path]:
    """The UTF-8 originals: bundled samples, plus the seeds where ../shared is present."""
    return sorted((REPO / "samples").glob("*.txt")) + seed_files()


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_reencoded_reports_extract_identically(tmp_path: Path, variant: str) -> None:
    originals = _originals()
    assert originals, "no bundled samples found"
    for src in originals:
        original = extract_path(src)
        p = tmp_path / f"{variant}_{src.name}"
        p.write_bytes(ENCODINGS[variant](src.read_text(encoding="utf-8")))
        rec = extract_path(p)
        assert _fields(rec) == _fields(original), src.name
        assert _metrics(rec) == _metrics(original), src.name
        assert _rect(rec) == _rect(original), src.name
        assert rec["encoding"], src.name


def test_pdf_rendered_reports_extract_identically(tmp_path: Path) -> None:
    from reportflow.pdfgen import render_text_pdf

    for src in _originals():
        original = extract_path(src)
        pdf = tmp_path / (src.stem + ".pdf")
        pages = render_text_pdf(src.read_text(encoding="utf-8"), pdf, chars_per_line=38)
        assert pages >= 2, src.name
        rec = extract_path(pdf)
        assert rec["file_type"] == "pdf"
        assert _fields(rec) == _fields(original), src.name
        assert _metrics(rec) == _metrics(original), src.name
        assert _rect(rec) == _rect(original), src.name
