"""reportflow.validation: GX suites from the catalog, quarantine of failing rows, Data Docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_warehouse import make_record, metric, sample_records

from reportflow import validation as v
from reportflow import warehouse as wh
from reportflow.catalog import load_catalog

NEXT_YEAR = 2027


def test_committed_suites_equal_what_the_catalog_generates() -> None:
    generated = v.build_suites()
    assert v.load_suites() == generated, "run: python -m reportflow.validation --write-suites"
    for name, suite in generated.items():
        text = (v.SUITES_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert text == v.suite_json(suite), (
            f"expectations/{name}.json is not formatted as generated"
        )


def test_every_catalog_code_has_a_range_and_a_unit_rule() -> None:
    exps = v.build_suites()["report_metrics"]["expectations"]
    for code, spec in load_catalog().items():
        cond = f'metric=="{code}"'
        ranged = [e for e in exps if e["kwargs"].get("row_condition") == cond]
        assert {e["type"] for e in ranged} == {
            "expect_column_values_to_be_between",
            "expect_column_values_to_be_in_set",
        }, code
        between = next(e for e in ranged if e["type"].endswith("between"))["kwargs"]
        assert (between["min_value"], between["max_value"]) == (spec.min, spec.max)
        assert all(e["kwargs"]["condition_parser"] == "pandas" for e in ranged)


def test_importing_the_module_does_not_import_gx() -> None:
    code = "import sys, reportflow.validation; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- one validate() run


def _bad_batch() -> dict[str, list]:
    good = make_record("good")
    good["metrics"].append(metric("myopia_rate", 150.0, "percent", 2022))  # range 0-100
    good["metrics"].append(metric("kindergartens", 37, "percent", 2022))  # unit is count
    good["rectification"]["items"].append({"seq": 3, "title": "食堂", "status": "done"})
    records = [
        good,
        make_record("no-province", province=None, adcode=None),
        make_record("too-old", year=1999),
        make_record("future", year=NEXT_YEAR + 1),
        make_record("latest", year=NEXT_YEAR, adcode="500101", province="重庆市"),
        make_record("mismatch", adcode="110105", province="河南省", items=[], metrics=[]),
    ]
    return {"records": records}


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> tuple[v.ValidationOutcome, dict, Path]:
    records = _bad_batch()["records"]
    frames = wh.records_to_frames(records)
    docs = tmp_path_factory.mktemp("data_docs")
    result = v.validate(frames, docs, "scheduled__2026-01-01", next_year=NEXT_YEAR)
    return result, {r["report_id"]: r for r in records}, docs


def _ids(records: dict, *names: str) -> set[str]:
    return {
        rid for rid, r in records.items() if r["source_path"] in {f"reports/{n}.txt" for n in names}
    }


def test_out_of_range_value_is_quarantined_and_the_rest_passes(outcome) -> None:
    result, records, _ = outcome
    (good,) = _ids(records, "good")
    q = [r for r in result.quarantine if r["report_id"] == good]
    by_exp = {r["expectation"]: r for r in q}
    myopia = by_exp['expect_column_values_to_be_between(value) where metric=="myopia_rate"']
    assert myopia["table_name"] == "report_metrics" and myopia["stage"] == "validate"
    assert myopia["reason"] == "value=150.0 is outside [0, 100]"
    assert json.loads(myopia["row_json"])["value"] == 150.0
    assert (
        myopia["source_path"] == "reports/good.txt" and myopia["run_id"] == "scheduled__2026-01-01"
    )
    unit = by_exp['expect_column_values_to_be_in_set(unit) where metric=="kindergartens"']
    assert unit["reason"] == "unit='percent' is not in ['count']"
    item = by_exp["expect_column_values_to_be_in_set(status)"]
    assert item["table_name"] == "rectification_items"
    assert len(q) == 3
    # the report itself and its other 4 metrics and 2 items pass
    m = result.frames["report_metrics"]
    assert good in set(result.frames["reports"]["report_id"])
    assert len(m[m.report_id == good]) == 4
    assert not ((m.report_id == good) & (m.value == 150.0)).any()
    items = result.frames["rectification_items"]
    assert sorted(items[items.report_id == good]["seq"]) == [1, 2]


def test_report_without_province_is_quarantined_whole(outcome) -> None:
    result, records, _ = outcome
    (rid,) = _ids(records, "no-province")
    assert rid in result.quarantined_report_ids
    for name, df in result.frames.items():
        assert rid not in set(df["report_id"]), name
    q = [r for r in result.quarantine if r["report_id"] == rid]
    assert {r["table_name"] for r in q} == {"reports", "report_metrics", "rectification_items"}
    assert len(q) == 1 + 4 + 2
    report_row = next(r for r in q if r["table_name"] == "reports")
    assert "expect_column_values_to_not_be_null(province)" in report_row["expectation"]
    child = next(r for r in q if r["table_name"] == "report_metrics")
    assert child["expectation"].startswith("report quarantined: ")
    assert "province is null" in child["reason"]


def test_report_year_bounds_use_the_next_year_parameter(outcome) -> None:
    result, records, _ = outcome
    quarantined = set(result.quarantined_report_ids)
    assert _ids(records, "too-old", "future") <= quarantined
    (latest,) = _ids(records, "latest")
    assert latest not in quarantined
    old = next(
        r
        for r in result.quarantine
        if r["table_name"] == "reports" and r["report_id"] in _ids(records, "too-old")
    )
    assert old["reason"] == f"report_year=1999 is outside [2000, {NEXT_YEAR}]"


def test_province_name_and_adcode_must_agree(outcome) -> None:
    result, records, _ = outcome
    (rid,) = _ids(records, "mismatch")
    (row,) = [r for r in result.quarantine if r["report_id"] == rid]
    assert row["expectation"] == "expect_column_pair_values_to_be_in_set(province, province_code)"
    assert row["reason"] == "(province, province_code)=('河南省', '11') do not match"


def test_counts_and_data_docs(outcome) -> None:
    result, _, docs = outcome
    assert result.checked == {"reports": 6, "report_metrics": 22, "rectification_items": 11}
    assert result.passed == {"reports": 2, "report_metrics": 8, "rectification_items": 4}
    assert not result.success
    assert result.data_docs_index == docs / "index.html"
    html = result.data_docs_index.read_text(encoding="utf-8")
    for suite in v.SUITE_NAMES:
        assert suite in html
    assert list(docs.glob("validations/**/*.html"))


def test_outcome_loads_into_the_warehouse(outcome, tmp_path: Path) -> None:
    result, _, _ = outcome
    eng = wh.connect(f"duckdb:///{tmp_path / 'w.duckdb'}")
    wh.ensure_schema(eng)
    loaded = wh.load(eng, result.frames, "run-1")
    assert not loaded.failed and len(loaded.new_report_ids) == 2
    assert wh.quarantine_rows(eng, result.quarantine) == len(result.quarantine)
    assert wh.quarantine_rows(eng, result.quarantine) == 0


def test_clean_and_empty_batches(tmp_path: Path) -> None:
    frames = wh.records_to_frames(sample_records())
    result = v.validate(frames, tmp_path / "docs", "run-clean")
    assert result.success and result.quarantine == []
    assert (
        result.passed
        == result.checked
        == {
            "reports": 3,
            "report_metrics": 10,
            "rectification_items": 4,
        }
    )
    empty = v.validate(wh.records_to_frames([]), tmp_path / "docs", "run-empty")
    assert empty.success and all(df.empty for df in empty.frames.values())
    assert empty.data_docs_index.is_file()
