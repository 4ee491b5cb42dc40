"""Acceptance: the five real reports in ../shared/seeds scored against gold.json."""

from __future__ import annotations

from pathlib import Path

from scoring import score_folder


def test_seed_reports_meet_gold(seeds_dir: Path) -> None:
    totals = score_folder(seeds_dir)
    print(totals.report())
    assert totals.field_errors == 0, totals.report()
    assert totals.f1 >= 0.95, totals.report()
