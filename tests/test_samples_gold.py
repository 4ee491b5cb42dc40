"""The bundled samples (samples/*.txt): their hand-made gold is well-formed, and the extractor
is scored on it. Runs without ../shared, so the acceptance check exists on any checkout."""

from __future__ import annotations

import codecs
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from scoring import score_folder

from reportflow.catalog import load_catalog, provinces

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
REPORT_TYPES = {"self_evaluation", "rectification", "other"}
REPORT_KEYS = {
    "province",
    "city",
    "county",
    "adcode",
    "report_type",
    "report_year",
    "published_date",
}
METRIC_KEYS = {"metric", "value", "year", "is_target", "required", "evidence"}
RECT_CODES = {
    "tasks": "rectification_tasks",
    "completed": "rectification_completed",
    "in_progress": "rectification_in_progress",
}


def _load(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _gold_entries() -> list[tuple[str, dict[str, Any]]]:
    return [(k, v) for k, v in _load("gold.json").items() if not k.startswith("_")]


def test_samples_gold_covers_every_sample() -> None:
    gold = _load("gold.json")
    assert isinstance(gold.get("_about"), str) and gold["_about"]
    on_disk = {p.name for p in SAMPLES.glob("*.txt")}
    assert on_disk == {name for name, _ in _gold_entries()}
    assert len(on_disk) >= 10


@pytest.mark.parametrize(
    "name,entry", _gold_entries(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_sample_gold_entry_is_well_formed(name: str, entry: dict[str, Any]) -> None:
    path = SAMPLES / name
    assert path.is_file(), f"{name} is named in samples/gold.json but missing"
    text = path.read_text(encoding="utf-8")
    flat = _squash(text)
    assert 2_000 <= len(text.encode("utf-8")) <= 8_192, f"{name}: size out of 2-8 KB"

    report = entry["report"]
    assert set(report) == REPORT_KEYS, name
    prov = provinces()
    assert report["province"] in prov, f"{name}: {report['province']} is not a provincial name"
    assert re.fullmatch(r"\d{6}", report["adcode"]), name
    assert report["adcode"][:2] == prov[report["province"]], f"{name}: adcode vs province"
    assert report["county"] in text and report["city"] in text, name
    assert report["report_type"] in REPORT_TYPES, name
    year = report["report_year"]
    assert 2021 <= year <= 2025, name
    if report["published_date"] is not None:
        assert date.fromisoformat(report["published_date"]).year == year, name

    catalog = load_catalog()
    rect = entry["rectification"]
    assert set(rect) == set(RECT_CODES), name
    for m in entry["metrics"]:
        assert set(m) == METRIC_KEYS, f"{name}: {m}"
        spec = catalog.get(m["metric"])
        assert spec is not None, f"{name}: unknown metric code {m['metric']}"
        value = m["value"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{name}: {m}"
        # the unit is implied by the code: the value is already normalised into its range
        assert spec.in_range(float(value)), f"{name}: {m['metric']}={value} outside range"
        if spec.unit == "count":
            assert float(value).is_integer(), f"{name}: {m}"
        assert isinstance(m["is_target"], bool) and isinstance(m["required"], bool), name
        assert isinstance(m["year"], int) and 2015 <= m["year"] <= 2035, f"{name}: {m}"
        if not m["is_target"]:
            assert m["year"] <= year, f"{name}: an achieved value after the report year: {m}"
        if m["required"]:
            assert _squash(m["evidence"]) in flat, f"{name}: evidence not in text: {m}"

    # rectification counts agree with the rectification_* metric rows
    for key, code in RECT_CODES.items():
        rows = [m for m in entry["metrics"] if m["metric"] == code and m["required"]]
        if rect[key] is None:
            assert not rows, f"{name}: {code} given but rectification.{key} is null"
        else:
            assert [r["value"] for r in rows] == [rect[key]], f"{name}: {code}"
    if rect["tasks"] is not None and rect["completed"] is not None:
        assert rect["completed"] + (rect["in_progress"] or 0) <= rect["tasks"], name


def test_samples_cover_the_intended_variety() -> None:
    reports = [e["report"] for _, e in _gold_entries()]
    types = [r["report_type"] for r in reports]
    assert types.count("self_evaluation") >= 5 and types.count("rectification") >= 3
    assert len({r["province"] for r in reports}) >= 6
    assert {r["report_year"] for r in reports} == {2021, 2022, 2023, 2024, 2025}
    assert any(r["published_date"] is None for r in reports)
    assert any(r["city"] == r["province"] for r in reports), "a municipality district"
    assert any(r["province"].endswith("自治区") for r in reports)


def test_samples_manifest_is_valid() -> None:
    manifest = _load("manifest.json")
    assert set(manifest) == {name for name, _ in _gold_entries()}
    for name, how in manifest.items():
        assert how["as"] in {"txt", "pdf"}, name
        codecs.lookup(how["encoding"])  # raises LookupError for an unknown encoding
        text = (SAMPLES / name).read_text(encoding="utf-8")
        text.encode(how["encoding"])  # every sample is representable as it is presented
    kinds = [h["as"] for h in manifest.values()]
    assert kinds.count("pdf") >= 2 and kinds.count("txt") >= 5
    assert {h["encoding"] for h in manifest.values() if h["as"] == "txt"} >= {
        "utf-8",
        "gb18030",
        "utf-16",
    }


def test_extractor_meets_samples_gold() -> None:
    totals = score_folder(SAMPLES)
    print(totals.report())
    assert totals.field_errors == 0, totals.report()
    assert totals.f1 >= 0.95, totals.report()
