"""Scores extraction records against a gold file (the rules in gold.json's `_about`).

- A gold metric with `required: true` must be extracted; `required: false` ones are judged
  neither way; any other extracted value is a false positive.
- Values match within 0.5% (or 0.01 absolute); targets (is_target true) match without their year.
- Every report-level field in the gold must be equal; non-null rectification counts must be equal.

Run as a script to print the per-report misses and the F1 (`--pdf`: each text rendered to a
PDF first, so the PDF reader is scored too):
    .venv/bin/python tests/scoring.py [--pdf] ../shared/seeds [more folders with a gold.json ...]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPORT_KEYS = {"province", "city", "county", "adcode", "report_type", "report_year",
               "published_date"}  # fmt: skip
REPORT_TYPES = {"self_evaluation", "rectification", "other"}
METRIC_KEYS = {"metric", "value", "year", "is_target", "required", "evidence"}
SCOPES = {"primary", "junior", "high_school", "kindergarten", "special"}
RECT_CODES = {
    "tasks": "rectification_tasks",
    "completed": "rectification_completed",
    "in_progress": "rectification_in_progress",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_gold_entry(folder: Path, name: str, entry: dict[str, Any]) -> None:
    """Assert that one gold entry is well-formed against its file: known fields, a provincial
    name whose code starts the adcode, values normalised into their code's range, every
    required evidence in the text (blanks aside), rectification counts given once as
    `rectification` fields and once as rectification_* rows."""
    from reportflow.catalog import load_catalog, provinces

    path = folder / name
    assert path.is_file(), f"{name} is named in {folder}/gold.json but missing"
    text = path.read_text(encoding="utf-8")
    flat = _squash(text)
    report = entry["report"]
    assert set(report) == REPORT_KEYS, name
    prov = provinces()
    assert report["province"] in prov, f"{name}: {report['province']} is not a provincial name"
    assert re.fullmatch(r"\d{6}", report["adcode"]), name
    assert report["adcode"][:2] == prov[report["province"]], f"{name}: adcode vs province"
    assert report["county"] in text, name
    assert report["report_type"] in REPORT_TYPES, name
    year = report["report_year"]
    if report["published_date"] is not None:
        assert 0 <= date.fromisoformat(report["published_date"]).year - year <= 1, name

    catalog = load_catalog()
    rect = entry["rectification"]
    assert set(rect) == set(RECT_CODES), name
    for m in entry["metrics"]:
        assert METRIC_KEYS <= set(m) <= METRIC_KEYS | {"scope", "note"}, f"{name}: {m}"
        assert m.get("scope") in SCOPES | {None}, f"{name}: {m}"
        spec = catalog.get(m["metric"])
        assert spec is not None, f"{name}: unknown metric code {m['metric']}"
        value = m["value"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{name}: {m}"
        # the unit is implied by the code: the value is already normalised into its range
        assert spec.in_range(float(value)), f"{name}: {m['metric']}={value} outside range"
        if spec.unit == "count":
            assert float(value).is_integer(), f"{name}: {m}"
        assert isinstance(m["is_target"], bool) and isinstance(m["required"], bool), name
        assert isinstance(m["year"], int) and 2010 <= m["year"] <= 2035, f"{name}: {m}"
        if not m["is_target"]:
            assert m["year"] <= year, f"{name}: an achieved value after the report year: {m}"
        if m["required"]:
            # a note in brackets may follow the verbatim part, as in the seeds' gold
            ev = re.sub(r"\s+\([^()]*\)$", "", m["evidence"])
            assert _squash(ev) in flat, f"{name}: evidence not in text: {m}"

    for key, code in RECT_CODES.items():
        rows = [m for m in entry["metrics"] if m["metric"] == code and m["required"]]
        if rect[key] is None:
            assert not rows, f"{name}: {code} given but rectification.{key} is null"
        else:
            assert [r["value"] for r in rows] == [rect[key]], f"{name}: {code}"
    if rect["tasks"] is not None and rect["completed"] is not None:
        assert rect["completed"] + (rect["in_progress"] or 0) <= rect["tasks"], name


def value_matches(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.01, 0.005 * abs(b))


def metric_matches(got: dict[str, Any], want: dict[str, Any]) -> bool:
    if got["metric"] != want["metric"] or bool(got["is_target"]) != bool(want["is_target"]):
        return False
    if not want["is_target"] and got.get("year") != want.get("year"):
        return False
    return value_matches(float(got["value"]), float(want["value"]))


@dataclass
class ReportScore:
    name: str
    tp: int = 0
    fn: list[dict] = field(default_factory=list)
    fp: list[dict] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.name}: tp={self.tp} fn={len(self.fn)} fp={len(self.fp)}"]
        out += [f"  field  {e}" for e in self.field_errors]
        for m in self.fn:
            out.append(
                f"  MISS   {m['metric']}={m['value']} year={m.get('year')} "
                f"target={m['is_target']}  «{m.get('evidence', '')}»"
            )
        for m in self.fp:
            out.append(
                f"  EXTRA  {m['metric']}={m['value']} year={m.get('year')} "
                f"target={m['is_target']}  «{m.get('evidence', '')[:60]}»"
            )
        return out


def score_record(name: str, record: dict[str, Any], gold: dict[str, Any]) -> ReportScore:
    s = ReportScore(name)
    if record.get("status") != "ok":
        s.field_errors.append(f"status={record.get('status')} error={record.get('error')}")
        s.fn = [m for m in gold["metrics"] if m.get("required", True)]
        return s
    for key, want in gold.get("report", {}).items():
        if record.get(key) != want:
            s.field_errors.append(f"{key}: got {record.get(key)!r}, want {want!r}")
    rect = record.get("rectification") or {}
    for key, want in (gold.get("rectification") or {}).items():
        if want is not None and rect.get(key) != want:
            s.field_errors.append(f"rectification.{key}: got {rect.get(key)!r}, want {want!r}")
    golds = gold["metrics"]
    used: set[int] = set()
    for got in record.get("metrics", []):
        # of several gold rows it matches (a target matches without its year), a required
        # row of the same year first
        hits = [i for i, w in enumerate(golds) if i not in used and metric_matches(got, w)]
        hit = min(
            hits,
            key=lambda i: (
                not golds[i].get("required", True),
                golds[i].get("year") != got.get("year"),
                i,
            ),
            default=None,
        )
        if hit is None:
            # a second extraction of an already matched value is not a new error if it matches
            if not any(metric_matches(got, w) for w in golds):
                s.fp.append(got)
            continue
        used.add(hit)
        if golds[hit].get("required", True):
            s.tp += 1
    s.fn = [w for i, w in enumerate(golds) if i not in used and w.get("required", True)]
    return s


@dataclass
class Totals:
    reports: list[ReportScore]

    @property
    def tp(self) -> int:
        return sum(r.tp for r in self.reports)

    @property
    def fn(self) -> int:
        return sum(len(r.fn) for r in self.reports)

    @property
    def fp(self) -> int:
        return sum(len(r.fp) for r in self.reports)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_errors(self) -> int:
        return sum(len(r.field_errors) for r in self.reports)

    def report(self) -> str:
        lines = [ln for r in self.reports for ln in r.lines()]
        lines.append(
            f"TOTAL reports={len(self.reports)} tp={self.tp} fp={self.fp} fn={self.fn} "
            f"precision={self.precision:.3f} recall={self.recall:.3f} F1={self.f1:.3f} "
            f"field_errors={self.field_errors}"
        )
        return "\n".join(lines)


def score_folder(
    folder: Path, records: dict[str, dict[str, Any]] | None = None, *, as_pdf: bool = False
) -> Totals:
    """Score every file named in folder/gold.json. `records` maps file name -> record;
    `as_pdf` renders each text to a PDF first (38 characters a line, page numbers) and scores
    what the PDF path extracts from it."""
    import tempfile

    from reportflow.extract import extract_path
    from reportflow.pdfgen import render_text_pdf

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, g in gold.items():
            if name.startswith("_"):
                continue
            if records is not None:
                rec = records[name]
            elif as_pdf:
                pdf = Path(tmp) / f"{Path(name).stem}.pdf"
                text = (folder / name).read_text(encoding="utf-8")
                render_text_pdf(text, pdf, first_line_indent=2)
                rec = extract_path(pdf)
            else:
                rec = extract_path(folder / name)
            scores.append(score_record(name, rec, g))
    return Totals(scores)


if __name__ == "__main__":
    args = sys.argv[1:]
    as_pdf = "--pdf" in args
    folders = [Path(a) for a in args if a != "--pdf"] or [
        Path(__file__).resolve().parents[2] / "shared" / "seeds"
    ]
    all_scores: list[ReportScore] = []
    for f in folders:
        all_scores += score_folder(f, as_pdf=as_pdf).reports
    print(Totals(all_scores).report())
