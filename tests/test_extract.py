"""Contract properties of extraction records, on the seeds and on synthetic text."""

from __future__ import annotations

from pathlib import Path

from reportflow.catalog import load_catalog
from reportflow.extract import extract_bytes, extract_path
from reportflow.metrics import dedupe_values
from reportflow.models import MetricValue
from reportflow.readers import read_bytes


def test_records_follow_the_catalog_and_point_at_their_evidence(seeds_dir: Path) -> None:
    catalog = load_catalog()
    for path in sorted(seeds_dir.glob("*.txt")):
        data = path.read_bytes()
        rec = extract_bytes(data, str(path))
        assert rec["status"] == "ok", rec
        text = read_bytes(data, str(path)).text
        for m in rec["metrics"]:
            spec = catalog[m["metric"]]
            assert m["unit"] == spec.unit, m
            assert spec.in_range(m["value"]), m
            assert isinstance(m["is_target"], bool)
            assert m["evidence"], m
            at = m["char_start"]
            assert text[at : at + len(m["evidence"])] == m["evidence"], (path.name, m)
            if m["unit"] == "count":
                assert isinstance(m["value"], int), m
        rect = rec["rectification"]
        assert set(rect) == {"tasks", "completed", "in_progress", "items"}
        for item in rect["items"]:
            assert item["status"] in {"completed", "in_progress", "unknown"}


def test_identical_value_stated_twice_is_emitted_once() -> None:
    a = MetricValue("kindergartens", 58, "count", 2022, False, None, "共有幼儿园58所", 3)
    b = MetricValue("kindergartens", 58.0, "count", 2022, False, None, "幼儿园58所", 90)
    c = MetricValue("kindergartens", 58, "count", 2021, False, None, "幼儿园58所", 120)
    assert dedupe_values([a, b, c], 2022) == [a, c]


def test_unreadable_file_is_a_rejected_record_not_an_exception(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.7\n garbage that is not a pdf body")
    rec = extract_path(p)
    assert rec["status"] == "rejected"
    assert rec["error"] and rec["stage"] == "read"
    assert len(rec["report_id"]) == 64


def test_warm_up_builds_the_tables_forked_workers_inherit() -> None:
    from reportflow import catalog, regions
    from reportflow.extract import warm_up
    from reportflow.metrics import rules

    for builder in (catalog.load_catalog, rules._rules, regions.gazetteer):
        builder.cache_clear()
    warm_up()
    for builder in (catalog.load_catalog, rules._rules, regions.gazetteer):
        assert builder.cache_info().currsize == 1, builder
