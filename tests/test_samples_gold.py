"""The bundled samples (samples/*.txt): their hand-made gold is well-formed, and the extractor
is scored on it. Runs without ../shared, so the acceptance check exists on any checkout."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from scoring import METRIC_KEYS, check_gold_entry, score_folder

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _load(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


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
    check_gold_entry(SAMPLES, name, entry)
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert 2_000 <= len(text.encode("utf-8")) <= 8_192, f"{name}: size out of 2-8 KB"
    assert entry["report"]["city"] in text, name
    year = entry["report"]["report_year"]
    assert 2021 <= year <= 2025, name
    if entry["report"]["published_date"] is not None:
        assert date.fromisoformat(entry["report"]["published_date"]).year == year, name
    assert all(set(m) == METRIC_KEYS for m in entry["metrics"]), name


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
