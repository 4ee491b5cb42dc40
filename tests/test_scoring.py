"""The scorer itself must be able to fail: it is checked on hand-made records."""

from __future__ import annotations

from scoring import Totals, metric_matches, score_record

GOLD = {
    "report": {"province": "河南省", "report_year": 2022},
    "rectification": {"tasks": 3, "completed": None, "in_progress": None},
    "metrics": [
        {
            "metric": "kindergartens",
            "value": 58,
            "year": 2022,
            "is_target": False,
            "required": True,
        },
        {
            "metric": "public_kindergarten_share",
            "value": 57,
            "year": 2025,
            "is_target": True,
            "required": True,
        },
        {
            "metric": "kindergartens",
            "value": 7,
            "year": 2022,
            "is_target": False,
            "required": False,
        },
    ],
}


def _rec(metrics: list[dict], **fields) -> dict:
    base = {
        "status": "ok",
        "province": "河南省",
        "report_year": 2022,
        "rectification": {"tasks": 3},
    }
    base.update(fields)
    base["metrics"] = metrics
    return base


def test_perfect_record_scores_one() -> None:
    rec = _rec(
        [
            {"metric": "kindergartens", "value": 58, "year": 2022, "is_target": False},
            {"metric": "public_kindergarten_share", "value": 57.1, "year": 2030, "is_target": True},
            {"metric": "kindergartens", "value": 7, "year": 2022, "is_target": False},
        ]
    )
    t = Totals([score_record("x", rec, GOLD)])
    assert (t.tp, t.fp, t.fn, t.field_errors) == (2, 0, 0, 0)
    assert t.f1 == 1.0


def test_misses_extras_and_field_errors_are_counted() -> None:
    rec = _rec(
        [
            {"metric": "kindergartens", "value": 59, "year": 2022, "is_target": False},
            {"metric": "public_kindergarten_share", "value": 57, "year": 2025, "is_target": False},
        ],
        province="河北省",
        rectification={"tasks": 4},
    )
    t = Totals([score_record("x", rec, GOLD)])
    assert (t.tp, t.fp, t.fn) == (0, 2, 2)
    assert t.field_errors == 2
    assert t.f1 == 0.0


def test_value_tolerance_and_year_rules() -> None:
    want = {"metric": "m", "value": 100.0, "year": 2022, "is_target": False}
    assert metric_matches({"metric": "m", "value": 100.4, "year": 2022, "is_target": False}, want)
    assert not metric_matches({"metric": "m", "value": 101, "year": 2022, "is_target": False}, want)
    assert not metric_matches({"metric": "m", "value": 100, "year": 2021, "is_target": False}, want)


def test_rejected_record_misses_everything_required() -> None:
    t = Totals([score_record("x", {"status": "rejected", "error": "boom"}, GOLD)])
    assert t.fn == 2 and t.field_errors == 1


def test_a_value_matching_several_gold_rows_counts_for_the_required_one_of_its_year() -> None:
    row = {"metric": "public_kindergarten_share", "value": 50, "is_target": True}
    gold = {
        "report": {},
        "rectification": {},
        "metrics": [
            {**row, "year": 2020, "required": False, "evidence": "距离50%的目标"},
            {**row, "year": 2021, "required": True, "evidence": "到2021年底力争达到50%"},
        ],
    }
    got = {**row, "value": 50.0, "year": 2021, "unit": "percent"}
    s = score_record("x.txt", {"status": "ok", "metrics": [got]}, gold)
    assert (s.tp, len(s.fn), len(s.fp)) == (1, 0, 0)
