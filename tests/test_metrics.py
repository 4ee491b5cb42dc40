"""Metric extraction: the seed reports scored against gold, and each rule on short synthetic text.

The synthetic sentences are written for these tests (not taken from the seeds), with varied
wording, and include the negative cases: project money, per-student growth, blanks, thresholds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring import Totals, score_record

from reportflow.catalog import load_catalog
from reportflow.metrics import extract_metrics
from reportflow.models import MetricValue

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def _normalised(raw: str) -> str:
    try:
        from reportflow.readers import normalise_text

        return normalise_text(raw)
    except NotImplementedError:
        return raw


def _score_folder(folder: Path, gold: dict) -> Totals:
    """Metrics alone: report fields and rectification_* values come from the gold itself."""
    scores = []
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        text = _normalised((folder / name).read_text(encoding="utf-8-sig"))
        values = extract_metrics(text, g["report"]["report_year"])
        for v in values:
            assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence
            assert not v.metric.startswith("rectification_")
        rect = [
            dict(m, unit="count", scope=None, evidence="", char_start=0)
            for m in g["metrics"]
            if m["metric"].startswith("rectification_")
        ]
        record = {
            "status": "ok",
            "metrics": [v.to_dict() for v in values] + rect,
            **g["report"],
            "rectification": g["rectification"],
        }
        scores.append(score_record(name, record, g))
    return Totals(scores)


def test_seed_reports_metric_f1(seeds_dir: Path, gold: dict) -> None:
    totals = _score_folder(seeds_dir, gold)
    print(totals.report())
    assert totals.f1 >= 0.95, totals.report()


def test_bundled_samples_metric_f1() -> None:
    if not (SAMPLES / "gold.json").is_file():
        pytest.skip(f"no bundled samples with a gold file at {SAMPLES}")
    gold = json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))
    totals = _score_folder(SAMPLES, gold)
    print(totals.report())
    assert totals.f1 >= 0.95, totals.report()


# ---------------------------------------------------------------- helpers


def ex(text: str, year: int | None = 2023) -> list[MetricValue]:
    return extract_metrics(text, year)


def one(text: str, metric: str, year: int | None = 2023) -> MetricValue:
    got = [v for v in ex(text, year) if v.metric == metric]
    assert len(got) == 1, (metric, got)
    return got[0]


def codes(text: str, year: int | None = 2023) -> list[str]:
    return [v.metric for v in ex(text, year)]


# ---------------------------------------------------------------- values and units


def test_percent_metrics_with_connectives() -> None:
    text = (
        "本县学前三年毛入园率达到92.5%，普惠性幼儿园覆盖率为８８．１％，"
        "九年义务教育巩固率保持在99.2%，高中阶段毛入学率稳定在91%以上。"
    )
    got = {v.metric: v.value for v in ex(text)}
    assert got == {
        "preschool_gross_enrollment_rate": 92.5,
        "inclusive_kindergarten_coverage": 88.1,
        "compulsory_retention_rate": 99.2,
        "high_school_gross_enrollment_rate": 91.0,
    }


def test_percent_needs_a_percent_sign() -> None:
    assert ex("毛入园率提高了3个百分点。") == []
    assert ex("大班额比例为12个班。") == []


def test_blank_in_the_source_yields_nothing() -> None:
    assert ex("全镇公办在园幼儿占比  %，普惠覆盖率为 %。") == []


def test_threshold_comparisons_yield_nothing() -> None:
    assert ex("部分乡镇民办义务教育学生占比超过5%，需要加快调整。") == []
    assert ex("大班额比例高于国家规定的5%。") == []
    assert ex("公办园在园幼儿占比低于50%的乡镇有3个。") == []


def test_standard_without_number_yields_nothing() -> None:
    assert ex("目前学前三年毛入园率达到国家标准，普惠率达到省定要求。") == []


def test_counts_of_the_whole_area() -> None:
    v = one("截至年底，全市共有幼儿园三十二所，在园幼儿1.05万人。", "kindergartens")
    assert v.value == 32 and v.unit == "count"
    assert (
        one("截至年底，全市共有幼儿园三十二所，在园幼儿1.05万人。", "kindergarten_children").value
        == 10500
    )
    assert one("全县现有96所幼儿园。", "kindergartens").value == 96


def test_count_parts_are_not_totals() -> None:
    text = "全旗有幼儿园40所，其中公办幼儿园15所，民办幼儿园25所；在园幼儿5200人，其中公办园在园幼儿2100人。"
    assert [v.value for v in ex(text) if v.metric == "kindergartens"] == [40]
    assert [v.value for v in ex(text) if v.metric == "kindergarten_children"] == [5200]


def test_kindergartens_among_all_schools_is_the_kindergarten_total() -> None:
    text = "全区有中小学幼儿园共210所，其中幼儿园88所（含民办园30所），在园幼儿9100人。"
    assert one(text, "kindergartens").value == 88
    assert one(text, "kindergarten_children").value == 9100


def test_counts_not_taken_from_projects_or_asides() -> None:
    assert ex("今年新建幼儿园4所，改扩建幼儿园2所，认定普惠性幼儿园6所。") == []
    assert ex("全县各级各类学校（含幼儿园）180所，在校学生和在园幼儿约6.1万人。") == []


def test_money_is_normalised_to_yuan() -> None:
    v = one("2023年，县一般公共预算教育支出达到9.87亿元。", "education_budget")
    assert v.value == pytest.approx(987_000_000) and v.unit == "yuan"
    v = one("全年财政性教育经费投入46,500万元。", "education_budget")
    assert v.value == pytest.approx(465_000_000)


def test_project_and_other_money_is_not_the_budget() -> None:
    text = (
        "实施教学楼改造项目，总投资3600万元；投入资金45万元为实验小学铺设操场；"
        "发放教师节慰问金5万元；购买学位资金120万元；职工教育经费210万元；"
        "争取上级教育经费800万元；生均公用经费按每生每年650元拨付。"
    )
    assert ex(text) == []


def test_budget_growth_and_comparison_base() -> None:
    text = "2023年全县教育经费总投入7.2亿元，比2022年6.9亿元增长4.35%。"
    got = {(v.metric, v.year): v.value for v in ex(text)}
    assert got[("education_budget", 2023)] == pytest.approx(720_000_000)
    assert got[("education_budget", 2022)] == pytest.approx(690_000_000)
    assert got[("education_budget_growth", 2023)] == pytest.approx(4.35)


def test_growth_of_something_else_is_not_budget_growth() -> None:
    assert ex("加大教育投入力度，全县学位供给增长12%。") == []
    v = one("全县财政性教育经费同比增长8.5%。", "education_budget_growth")
    assert v.value == 8.5


def test_per_student_growth_is_not_budget_growth() -> None:
    text = "生均一般公共预算教育经费逐年增长，其中普通小学增长2.1%，普通初中增长1.6%。"
    assert ex(text) == []
    assert codes("全年教育支出5.1亿元，其中人员经费增长6%。") == ["education_budget"]


def test_salaries_including_a_bare_number() -> None:
    text = "按工资统计年报，义务教育教师在岗312人，年均工资收入86512.4；公务员在岗140人，年均工资收入83120.7。"
    assert one(text, "teacher_avg_salary").value == pytest.approx(86512.4)
    assert one(text, "civil_servant_avg_salary").value == pytest.approx(83120.7)
    text = "义务教育阶段教师平均工资为11.6万元，公务员平均工资收入为11.2万元。"
    assert one(text, "teacher_avg_salary").value == pytest.approx(116000)
    assert one(text, "civil_servant_avg_salary").value == pytest.approx(112000)
    assert ex("义务教育教师平均工资收入不低于当地公务员平均工资收入。") == []


def test_other_teachers_pay_is_not_teacher_avg_salary() -> None:
    assert codes("全县普通高中教师平均工资为13.1万元，公务员平均工资为11.4万元。") == [
        "civil_servant_avg_salary"
    ]
    assert ex("幼儿园教师在编80人，年均工资收入61000元。") == []


def test_plain_education_funds_only_as_the_area_figure() -> None:
    assert one("2021年全市教育支出21.5亿元。", "education_budget").value == pytest.approx(2.15e9)
    assert ex("整改中，县财政追加教育经费2300万元用于改善办学条件。") == []


def test_ratios_take_the_students_side() -> None:
    assert one("全县小学师生比为1：17.8。", "student_teacher_ratio").value == 17.8
    assert one("初中生师比11.4:1。", "student_teacher_ratio").value == 11.4
    assert ex("公用经费按市与县7:3比例分担。") == []


def test_difference_coefficients_by_level() -> None:
    text = "经监测，全县义务教育学校综合差异系数小学为0.47，初中为0.39。"
    assert one(text, "primary_difference_coefficient").value == 0.47
    assert one(text, "junior_difference_coefficient").value == 0.39
    text = "小学、初中校际综合差异系数分别为0.44、0.35。"
    assert one(text, "primary_difference_coefficient").value == 0.44
    assert one(text, "junior_difference_coefficient").value == 0.35
    assert ex("全县综合差异系数为0.41。") == []  # no level named: cannot tell


def test_listed_metrics_respectively() -> None:
    text = "本年度全市九年义务教育巩固率、高中阶段毛入学率分别为99.3%、95.1%。"
    got = {v.metric: v.value for v in ex(text)}
    assert got == {"compulsory_retention_rate": 99.3, "high_school_gross_enrollment_rate": 95.1}
    assert ex("毛入园率和普惠覆盖率分别为90%。") == []  # two names, one number: unclear


def test_one_kindergartens_children_are_not_the_total() -> None:
    assert ex("县实验幼儿园在园幼儿460人，教职工52人。") == []
    assert one("全县幼儿园在园幼儿12000人。", "kindergarten_children").value == 12000


def test_public_and_private_together_is_the_total() -> None:
    assert one("全旗共有公民办幼儿园47所。", "kindergartens").value == 47


def test_values_outside_the_catalog_range_are_dropped() -> None:
    assert ex("全县九年义务教育巩固率为180%。") == []
    assert ex("差异系数小学为3.5。") == []


def test_public_share_from_gongbanlu_only_about_kindergartens() -> None:
    v = one("全县公办率仅为31%，公办园建设仍需加快。", "public_kindergarten_share")
    assert v.value == 31
    assert ex("义务教育学校公办率为98%。") == []
    assert one("公办园比例提高到52%。", "public_kindergarten_share").value == 52


def test_private_compulsory_share_long_form_target() -> None:
    text = "到2025年秋季，全市民办义务教育学校在校生占义务教育在校生总数的比例压减到5%以内。"
    v = one(text, "private_compulsory_share")
    assert (v.value, v.is_target) == (5.0, True)


def test_physical_health_and_myopia() -> None:
    text = "学生体质健康合格率为94.1%，优良率为55.2%；儿童青少年总体近视率为51.8%，较上年下降0.7个百分点。"
    assert one(text, "physical_health_excellent_rate").value == 55.2
    assert one(text, "myopia_rate").value == 51.8
    assert len(ex(text)) == 2


# ---------------------------------------------------------------- year


def test_year_named_in_the_sentence() -> None:
    assert (
        one("2021年，全县高中阶段毛入学率为90.4%。", "high_school_gross_enrollment_rate").year
        == 2021
    )
    assert one("全县高中阶段毛入学率为90.4%。", "high_school_gross_enrollment_rate").year == 2023
    assert (
        one("全县高中阶段毛入学率为90.4%。", "high_school_gross_enrollment_rate", None).year is None
    )


def test_year_in_a_document_title_is_not_the_value_year() -> None:
    text = "按照《2021年教育督导评估方案》要求，全县九年义务教育巩固率为97.3%。"
    assert one(text, "compulsory_retention_rate").year == 2023


def test_anaphora_previous_year_and_named_year() -> None:
    text = "公办幼儿园在园幼儿占比达到41.5%，比上年占比37.2%有较大提高。"
    got = sorted((v.year, v.value) for v in ex(text, 2024))
    assert got == [(2023, 37.2), (2024, 41.5)]
    text = "九年义务教育巩固率为98.2%，2021年为97.6%。"
    got = sorted((v.year, v.value) for v in ex(text))
    assert got == [(2021, 97.6), (2023, 98.2)]


def test_comparison_base_inside_the_anchor_clause() -> None:
    text = "初中校际综合差异系数比2020年的0.512明显缩小。"
    v = one(text, "junior_difference_coefficient")
    assert (v.value, v.year, v.is_target) == (0.512, 2020, False)


def test_from_to_takes_the_new_value() -> None:
    v = one("大班额比例由整改前的7.4%降至2.2%。", "large_class_share")
    assert (v.value, v.year) == (2.2, 2023)
    got = sorted(
        (v.year, v.value) for v in ex("公办园在园幼儿占比由2019年的33%提高到2022年的47%。")
    )
    assert got == [(2019, 33.0), (2022, 47.0)]


def test_state_before_rectification_is_not_emitted_but_the_new_state_is() -> None:
    got = ex("整改前公办园在园幼儿占比为39%，整改后提高到51%。")
    assert [(v.metric, v.value, v.year) for v in got] == [("public_kindergarten_share", 51.0, 2023)]
    assert "39%" in got[0].evidence  # the evidence names the metric


def test_large_class_count_then_share() -> None:
    assert one("全县56人以上大班额21个，占比1.9%。", "large_class_share").value == 1.9


# ---------------------------------------------------------------- targets


@pytest.mark.parametrize(
    "text",
    [
        "到2026年，全县学前三年毛入园率将达到95%。",
        "力争学前三年毛入园率达到95%。",
        "全县学前三年毛入园率目标为95%。",
        "确保学前三年毛入园率不低于95%。",
        "计划明年学前三年毛入园率提升至95%。",
    ],
)
def test_plans_are_targets(text: str) -> None:
    v = one(text, "preschool_gross_enrollment_rate")
    assert (v.value, v.is_target) == (95.0, True)


@pytest.mark.parametrize(
    "text",
    [
        "目前全县学前三年毛入园率已达到95%。",
        "2022年学前三年毛入园率为95%。",
        "全县学前三年毛入园率达95%，较上年提高2个百分点。",
    ],
)
def test_achieved_values_are_not_targets(text: str) -> None:
    assert one(text, "preschool_gross_enrollment_rate").is_target is False


def test_jiang_as_object_marker_after_yi_is_achieved() -> None:
    assert (
        one("全县已将公办园在园幼儿占比提高到53%。", "public_kindergarten_share").is_target is False
    )
    assert one("毛入园率将近96%。", "preschool_gross_enrollment_rate").is_target is False


def test_control_within_and_not_exceeding_are_targets() -> None:
    assert one("全县大班额比例控制在3%以内。", "large_class_share").is_target is True
    v = one("民办义务教育在校生占比将调减至不超过5%。", "private_compulsory_share")
    assert (v.value, v.is_target) == (5.0, True)


def test_future_year_in_a_plan_sentence_makes_a_target() -> None:
    text = "2024年新建幼儿园2所；2026年续建幼儿园1所；普惠性幼儿园覆盖率达92%。"
    v = one(text, "inclusive_kindergarten_coverage", 2023)
    assert v.is_target is True


def test_later_dated_statistic_is_not_a_target() -> None:
    v = one("据2024年2月统计，全县学前三年毛入园率为93%。", "preschool_gross_enrollment_rate")
    assert (v.year, v.is_target) == (2024, False)


def test_restated_target_after_an_achieved_value() -> None:
    text = "全县体质健康优良率达到58%，到2027年力争达到62%。"
    got = sorted((v.value, v.is_target) for v in ex(text))
    assert got == [(58.0, False), (62.0, True)]


# ---------------------------------------------------------------- scope


def test_scope_from_the_level_named() -> None:
    text = "中小学教职工编制使用率为96%，公办幼儿园教职工编制使用率为91.5%，特殊教育学校教职工编制使用率为83%。"
    got = {v.value: v.scope for v in ex(text) if v.metric == "staffing_usage_rate"}
    assert got == {96.0: None, 91.5: "kindergarten", 83.0: "special"}


def test_ratio_scope_from_the_sentence() -> None:
    text = "通过公开招聘补充幼儿园教师45人，保教人员师生比达到1:11。"
    assert one(text, "student_teacher_ratio").scope == "kindergarten"
    text = "小学、初中生师比分别为16.2:1、12.7:1。"
    got = {v.scope: v.value for v in ex(text)}
    assert got == {"primary": 16.2, "junior": 12.7}


# ---------------------------------------------------------------- evidence, dedupe, speed


def test_evidence_is_verbatim_with_offset() -> None:
    text = "一、基本情况\n全县学前三年毛入园率为９３．６％，普惠性幼儿园覆盖率为88%。\n二、问题"
    values = ex(text)
    assert len(values) == 2
    for v in values:
        assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence
        assert v.evidence.strip() == v.evidence and "\n" not in v.evidence
    assert values[0].value == 93.6 and "９３．６％" in values[0].evidence


def test_same_value_twice_is_emitted_once() -> None:
    text = "全县九年义务教育巩固率为98.7%。……综上，全县九年义务教育巩固率为98.7%。"
    assert len(ex(text)) == 1


def test_every_extractable_code_has_anchors_in_the_catalog() -> None:
    from reportflow.metrics.rules import _rules

    rules = _rules()  # raises on unknown extraction keys or bad regexes
    anchored = {c for a in rules.anchors for c in a.codes}
    for code, spec in load_catalog().items():
        if code.startswith("rectification_"):
            assert code not in anchored
        else:
            assert code in anchored, f"{code} has no synonyms/patterns in metrics.yaml"
            assert spec.extraction


def test_no_rectification_codes_and_catalog_units() -> None:
    catalog = load_catalog()
    text = "整改任务12项，已完成10项。全县学前三年毛入园率为90%。"
    for v in ex(text):
        assert not v.metric.startswith("rectification_")
        assert v.unit == catalog[v.metric].unit


def test_empty_and_hostile_text() -> None:
    assert ex("") == []
    assert ex("%%%：：：1:1:1 ，，，" * 50) == []
    assert isinstance(ex("毛入园率" * 500 + "为" * 100 + "90%"), list)


def test_thirty_dense_kilobytes_extract_each_value_once() -> None:
    # speed is measured by `make bench` (printed, not asserted: CI machines are noisy)
    para = (
        "2023年，全县学前三年毛入园率为93.1%，普惠性幼儿园覆盖率为90.2%，公办园在园幼儿占比为55.5%。"
        "实施项目12个，总投资3.2亿元，新增学位2400个，全年开展培训1500人次。"
        "义务教育教师年平均工资收入10.3万元，公务员年平均工资收入10.1万元。"
    )
    text = (para * (30_000 // len(para) + 1))[:30_000]
    values = extract_metrics(text, 2023)
    assert [(v.metric, v.value, v.char_start) for v in values] == [
        ("preschool_gross_enrollment_rate", 93.1, 6),
        ("inclusive_kindergarten_coverage", 90.2, 23),
        ("public_kindergarten_share", 55.5, 39),
        ("teacher_avg_salary", 103000.0, 95),
        ("civil_servant_avg_salary", 101000.0, 115),
    ]  # a value repeated 200 times is one value, its first occurrence the evidence


_REPORTISH = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789.%％：:，。；、（）年为达到比上年增长亿万元所人其中公办民办幼儿园在园毛入园率师生比1:差异系数小学初中将力争不超过"
        )
    ),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(_REPORTISH)
def test_fuzz_extract_never_raises_and_evidence_holds(text: str) -> None:
    catalog = load_catalog()
    for v in extract_metrics(text, 2023):
        assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence
        assert catalog[v.metric].in_range(v.value)


# ---------------------------------------------------------------- flattened tables


def test_table_row_numbers_take_their_column_years() -> None:
    text = (
        "附表 义务教育均衡指标\n"
        "指标 2021年 2022年\n"
        "初中综合差异系数 0.418 0.397\n"
        "大班额占比（%） 1.6 0\n"
        "三、下一步打算"
    )
    got = sorted((v.metric, v.year, v.value) for v in ex(text))
    assert got == [
        ("junior_difference_coefficient", 2021, 0.418),
        ("junior_difference_coefficient", 2022, 0.397),
        ("large_class_share", 2021, 1.6),
        ("large_class_share", 2022, 0.0),
    ]
    for v in ex(text):
        assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence


def test_table_with_pipes_unit_line_and_joined_rows() -> None:
    text = (
        "类别 | 2020年 | 2021年 | 2022年\n"
        "高中阶段毛入学率(%) | 91.2 | 92.0 | 93.5普惠性幼儿园覆盖率（%） | 80 | 83.1 | 86\n"
    )
    got = {(v.metric, v.year): v.value for v in ex(text)}
    assert got[("high_school_gross_enrollment_rate", 2020)] == 91.2
    assert got[("high_school_gross_enrollment_rate", 2022)] == 93.5
    assert got[("inclusive_kindergarten_coverage", 2021)] == 83.1
    assert len(got) == 6
    money = "单位：万元\n名称 2022年 2023年\n一般公共预算教育经费 98200 103500\n"
    got = {v.year: v.value for v in ex(money)}
    assert got == {2022: pytest.approx(9.82e8), 2023: pytest.approx(1.035e9)}


def test_table_unit_column_plan_column_and_extra_column() -> None:
    text = (
        "序号 指标 单位 2022年 2023年 2025年目标\n"
        "1 学前三年毛入园率 % 91 93.4 95\n"
        "2 生师比 — 14.1:1 13.8:1 13\n"
    )
    got = {(v.metric, v.year, v.is_target): v.value for v in ex(text)}
    assert got == {
        ("preschool_gross_enrollment_rate", 2022, False): 91.0,
        ("preschool_gross_enrollment_rate", 2023, False): 93.4,
        ("preschool_gross_enrollment_rate", 2025, True): 95.0,
        ("student_teacher_ratio", 2022, False): 14.1,
        ("student_teacher_ratio", 2023, False): 13.8,
        ("student_teacher_ratio", 2025, True): 13.0,
    }
    extra = "项目 2022年 2023年 增减\n义务教育巩固率（%） 98.9 99.2 0.3\n"
    assert sorted(v.value for v in ex(extra)) == [98.9, 99.2]


def test_not_a_table() -> None:
    # a percent row without a percent sign anywhere: no unit, no value
    assert ex("指标 2022年 2023年\n毛入园率 91 93\n") == []
    # a row with more numbers than year columns cannot be aligned
    assert ex("指标 2022年 2023年\n毛入园率（%） 91 93 95 97\n") == []
    # a line naming years followed by prose is not a table
    text = "2022年 2023年\n全县毛入园率达到94%，较上年提高2个百分点。"
    assert [(v.value, v.year) for v in ex(text)] == [(94.0, 2023)]


# ---------------------------------------------------------------- year within its segment


def test_mid_sentence_year_does_not_cross_a_semicolon() -> None:
    text = "全县学生近视率降至48.5%，2021年这一比例为50.2%；国家学生体质健康标准优良率达到54%。"
    got = {(v.metric, v.value): v.year for v in ex(text)}
    assert got[("myopia_rate", 50.2)] == 2021
    assert got[("physical_health_excellent_rate", 54.0)] == 2023


def test_sentence_opening_year_covers_its_segments() -> None:
    text = "2022年，全县毛入园率为93%；九年义务教育巩固率为98.6%。"
    assert {v.year for v in ex(text)} == {2022}


# ---------------------------------------------------------------- negative growth


@pytest.mark.parametrize(
    "text",
    [
        "受财力影响，全县财政性教育经费比上年下降3.4%。",
        "一般公共预算教育支出同比减少3.4%。",
        "全年教育支出12亿元，同比增长-3.4%。",
    ],
)
def test_budget_falls_are_negative_growth(text: str) -> None:
    assert one(text, "education_budget_growth").value == -3.4


def test_a_fall_in_points_or_of_something_else_is_not_growth() -> None:
    assert ex("教育经费占财政支出比重比上年下降0.6个百分点。") == []
    assert ex("全县加大教育经费投入，学生近视率下降1.5%。") == []
    assert ex("教育经费逐年增加，生均公用经费下降2%。") == []


# ---------------------------------------------------------------- ratios


def test_teacher_child_ratio_is_a_kindergarten_ratio() -> None:
    v = one("全县公办园师幼比为1∶13.2。", "student_teacher_ratio")
    assert (v.value, v.scope) == (13.2, "kindergarten")
    v = one("师幼比达到1:16。", "student_teacher_ratio")
    assert (v.value, v.scope) == (16.0, "kindergarten")
    v = one("初中生师比1∶12.4。", "student_teacher_ratio")
    assert (v.value, v.scope) == (12.4, "junior")
    assert ex("师幼比有待提高。") == []
    # teachers (专任教师) to children, written out
    v = one("全区幼儿园专任教师与幼儿比为1:15.3。", "student_teacher_ratio")
    assert (v.value, v.scope, v.is_target) == (15.3, "kindergarten", False)
    text = "全市幼儿园教职工与幼儿比为1:7.9，专任教师与幼儿之比为1∶13.8；保育员配备到位。"
    got = {(v.value, v.scope) for v in ex(text)}
    assert got == {(7.9, "kindergarten"), (13.8, "kindergarten")}


# ---------------------------------------------------------------- later plan clauses


def test_later_plan_clause_is_a_target_for_the_same_metric() -> None:
    text = "普惠性幼儿园覆盖率为78.6%，与省定标准相比仍有差距，确保到2026年提高到85%。"
    got = sorted((v.value, v.year, v.is_target) for v in ex(text))
    assert got == [(78.6, 2023, False), (85.0, 2026, True)]
    text = "全县公办园在园幼儿占比为38%，较上年提升4个百分点，力争2025年达到50%。"
    got = sorted((v.value, v.is_target) for v in ex(text))
    assert got == [(38.0, False), (50.0, True)]


def test_later_plan_clause_about_something_else_is_not_a_target() -> None:
    text = "毛入园率为92%，新建幼儿园2所，计划到2025年幼儿园达到60所。"
    assert [v.value for v in ex(text) if v.metric == "preschool_gross_enrollment_rate"] == [92]
    text = "毛入园率为92%，普惠覆盖率为81%，将力争达到85%。"
    got = {(v.metric, v.is_target): v.value for v in ex(text)}
    assert ("preschool_gross_enrollment_rate", True) not in got
    text = "毛入园率为92%，学位仍然紧张；力争到2025年达到95%。"
    assert [v.value for v in ex(text)] == [92.0]  # not across a ；
    assert [v.value for v in ex("毛入园率为92%，到2025年新增学位800个。")] == [92.0]


# ---------------------------------------------------------------- one value for two names


def test_one_value_for_joined_subjects() -> None:
    text = "我县义务教育教师平均工资收入与公务员平均工资收入基本持平，均达到9.2万元。"
    assert one(text, "teacher_avg_salary").value == pytest.approx(92000)
    assert one(text, "civil_servant_avg_salary").value == pytest.approx(92000)
    text = "学前三年毛入园率和九年义务教育巩固率都为97%以上。"
    assert sorted(codes(text)) == ["compulsory_retention_rate", "preschool_gross_enrollment_rate"]
    # a single subject before 均为 (mixed levels) is not two values
    assert ex("各学段学生近视率均为下降趋势。") == []


# ---------------------------------------------------------------- budgets: 其中 and periods


def test_general_budget_part_replaces_the_all_source_total() -> None:
    text = "2022年全县教育经费总投入11.3亿元，其中一般公共预算教育经费9.45亿元。"
    got = [(v.value, v.year) for v in ex(text) if v.metric == "education_budget"]
    assert got == [(pytest.approx(9.45e8), 2022)]
    assert one("全县教育经费总投入11.3亿元。", "education_budget").value == pytest.approx(1.13e9)
    text = "全县教育经费总投入11.3亿元，其中上级专项资金1.2亿元。"
    assert [v.value for v in ex(text)] == [pytest.approx(1.13e9)]


@pytest.mark.parametrize(
    "text",
    [
        "2023年1-9月，全县一般公共预算教育支出8.7亿元。",
        "一至十一月财政性教育经费支出8.7亿元。",
        "今年上半年，一般公共预算教育支出8.7亿元。",
        "前三季度一般公共预算教育经费8.7亿元。",
        "截至2023年10月底，一般公共预算教育支出8.7亿元。",
    ],
)
def test_part_of_a_year_is_not_the_budget(text: str) -> None:
    assert [v for v in ex(text) if v.metric == "education_budget"] == []


def test_whole_year_money_is_the_budget() -> None:
    for text in (
        "2023年1-12月，一般公共预算教育支出8.7亿元。",
        "截至2023年12月底，一般公共预算教育支出8.7亿元。",
    ):
        assert one(text, "education_budget").value == pytest.approx(8.7e8)
    text = "全年教育支出12.3亿元，占一般公共预算支出的17.9%。"
    assert [(v.metric, v.value) for v in ex(text)] == [("education_budget", pytest.approx(1.23e9))]


# ---------------------------------------------------------------- zero, changes


def test_explicit_zero_without_a_percent_sign() -> None:
    assert one("全县56人以上大班额比例为0。", "large_class_share").value == 0.0
    assert one("义务教育学校大班额占比已降为零，", "large_class_share").value == 0.0
    assert ex("全面消除大班额。") == []
    assert ex("大班额比例为0.6。") == []  # a non-zero needs its %
    assert ex("大班额比例为零星分布。") == []


def test_value_after_a_change_phrase() -> None:
    v = one("学生总体近视率比上年降低0.9个百分点，为51.6%。", "myopia_rate")
    assert (v.value, v.year) == (51.6, 2023)
    v = one(
        "高中阶段教育毛入学率较2022年提高1.5个百分点，达到94.2%。",
        "high_school_gross_enrollment_rate",
    )
    assert (v.value, v.year) == (94.2, 2023)
    assert ex("学生总体近视率比上年降低0.9个百分点。") == []


# ---------------------------------------------------------------- scope and target years


def test_scope_does_not_carry_over_from_another_value() -> None:
    text = "全县普通高中毛入学率达到92%，学生体质健康优良率达到57%。"
    assert one(text, "physical_health_excellent_rate").scope is None
    text = "小学学生体质健康优良率为58%，初中为51%。"
    got = {v.scope: v.value for v in ex(text)}
    assert got == {"primary": 58.0, "junior": 51.0}
    text = "招聘幼儿园教师30人，保教人员与幼儿比达到1∶8.5。"
    v = one(text, "student_teacher_ratio")
    assert (v.value, v.scope) == (8.5, "kindergarten")


def test_year_between_anchor_and_value_and_restated_target() -> None:
    v = one("确保普惠性幼儿园覆盖率2024年达到88%。", "inclusive_kindergarten_coverage", 2022)
    assert (v.year, v.is_target) == (2024, True)
    text = "力争普惠性幼儿园覆盖率达到88%。……到2025年，普惠性幼儿园覆盖率要达到88%。"
    got = [(v.value, v.year, v.is_target) for v in ex(text)]
    assert got == [(88.0, 2025, True)]
    v = one("公办园占比2021年为44%。", "public_kindergarten_share")
    assert v.year == 2021


def test_catalog_wordings() -> None:
    text = (
        "学前教育毛入园率91.5%；普惠性资源覆盖率84%；公办幼儿园在园幼儿数占比53%；"
        "义务教育巩固率98%；高中阶段教育毛入学率92%；56人及以上大班额比例1.1%；"
        "国家学生体质健康标准优良率56%；总体近视率52%；财政性教育经费6.6亿元。"
    )
    got = {v.metric: v.value for v in ex(text)}
    assert got == {
        "preschool_gross_enrollment_rate": 91.5,
        "inclusive_kindergarten_coverage": 84.0,
        "public_kindergarten_share": 53.0,
        "compulsory_retention_rate": 98.0,
        "high_school_gross_enrollment_rate": 92.0,
        "large_class_share": 1.1,
        "physical_health_excellent_rate": 56.0,
        "myopia_rate": 52.0,
        "education_budget": pytest.approx(6.6e8),
    }
    assert one("普惠性幼儿园在园幼儿占比87%。", "inclusive_kindergarten_coverage").value == 87
    assert one("三年毛入园率93%。", "preschool_gross_enrollment_rate").value == 93


def test_most_specific_budget_name_wins_in_its_sentence() -> None:
    text = "教育经费总投入20.1亿元，其中财政性教育经费17.4亿元，一般公共预算教育支出15.9亿元。"
    assert [v.value for v in ex(text)] == [pytest.approx(1.59e9)]
    text = "教育经费总投入20.1亿元，其中财政性教育经费17.4亿元。"
    assert [v.value for v in ex(text)] == [pytest.approx(1.74e9)]
    # a different year in the same sentence is not replaced
    text = "一般公共预算教育支出15.9亿元，2021年教育经费总投入为14亿元。"
    assert sorted(v.year for v in ex(text)) == [2021, 2023]


def test_negative_growth_word_and_partial_year_growth() -> None:
    assert one("全县教育支出负增长1.1%。", "education_budget_growth").value == -1.1
    assert ex("1-8月，一般公共预算教育支出同比增长6%。") == []


def test_table_of_years_down_the_rows() -> None:
    text = (
        "年度 九年义务教育巩固率（%） 初中生师比 备注\n"
        "2021年 98.4 12.6 —\n"
        "2022年 98.9 12.1 —\n"
        "（二）存在的问题。"
    )
    got = {(v.metric, v.year): (v.value, v.scope) for v in ex(text)}
    assert got == {
        ("compulsory_retention_rate", 2021): (98.4, None),
        ("compulsory_retention_rate", 2022): (98.9, None),
        ("student_teacher_ratio", 2021): (12.6, "junior"),
        ("student_teacher_ratio", 2022): (12.1, "junior"),
    }
    # a head of names with rows that do not start with a year is no such table
    assert ex("指标 毛入园率（%） 巩固率（%）\n全县 91 98\n") == []


def test_table_head_years_with_a_space_or_a_bracketed_plan() -> None:
    text = "项目 2023 年 2025年（目标）\n普惠性幼儿园覆盖率（%） 86.2 90\n"
    got = sorted((v.year, v.value, v.is_target) for v in ex(text))
    assert got == [(2023, 86.2, False), (2025, 90.0, True)]


def test_change_then_value_in_one_clause() -> None:
    v = one(
        "全县普惠性幼儿园覆盖率较上年提升3.2个百分点至88.5%。", "inclusive_kindergarten_coverage"
    )
    assert v.value == 88.5
    assert ex("全县普惠性幼儿园覆盖率较上年提升3.2个百分点，成效明显。") == []


def test_shared_value_after_a_longer_subject() -> None:
    text = "全县义务教育教师年平均工资收入与当地公务员年平均工资收入相当，都为10.4万元。"
    got = {v.metric: v.value for v in ex(text)}
    assert got == {
        "teacher_avg_salary": pytest.approx(104000),
        "civil_servant_avg_salary": pytest.approx(104000),
    }


def test_from_to_with_an_improvement_verb() -> None:
    v = one("通过补充教师，公办园师幼比由1∶17.5优化为1∶13.9。", "student_teacher_ratio")
    assert (v.value, v.scope) == (13.9, "kindergarten")
    assert ex("师幼比由1∶17.5有所优化。") == []


def test_table_head_run_together_with_its_first_row() -> None:
    text = "见下表。\n项目 2021年 2022年小学校际综合差异系数 0.47 0.45公办园占比（%） 41 47.5\n三、措施"
    got = sorted((v.metric, v.year, v.value) for v in ex(text))
    assert got == [
        ("primary_difference_coefficient", 2021, 0.47),
        ("primary_difference_coefficient", 2022, 0.45),
        ("public_kindergarten_share", 2021, 41.0),
        ("public_kindergarten_share", 2022, 47.5),
    ]


def test_targets_for_different_named_years_are_kept() -> None:
    text = "力争2025年毛入园率达到95%；2027年毛入园率达到95%以上并保持稳定。"
    assert sorted(v.year for v in ex(text)) == [2025, 2027]
    text = "毛入园率将达到95%。到2026年毛入园率达到95%。"
    assert [(v.year, v.is_target) for v in ex(text)] == [(2026, True)]


def test_mid_sentence_year_with_its_own_value_stays_in_its_clause() -> None:
    text = "巩固率达到99.1%，2021年该指标为98.2%，高中阶段毛入学率达到93%。"
    got = {(v.metric, v.value): v.year for v in ex(text)}
    assert got[("compulsory_retention_rate", 98.2)] == 2021
    assert got[("high_school_gross_enrollment_rate", 93.0)] == 2023
    # a clause that only names the year still dates what follows
    text = "巩固率达到99.1%，2021年，高中阶段毛入学率为91%。"
    assert one(text, "high_school_gross_enrollment_rate").year == 2021


def test_from_a_share_down_to_zero() -> None:
    v = one("全县大班额比例由2.6%降至0。", "large_class_share")
    assert (v.value, v.year) == (0.0, 2023)
    assert ex("全县大班额数量由26个降至0。") == []


def test_table_unit_in_the_year_heads() -> None:
    text = "项目 2022年（亿元） 2023年（亿元）\n财政性教育经费 10.6 11.2\n"
    got = sorted((v.year, v.value) for v in ex(text))
    assert got == [(2022, pytest.approx(1.06e9)), (2023, pytest.approx(1.12e9))]


def test_year_before_the_first_value_dates_the_whole_sentence() -> None:
    text = (
        "（二）经费保障。受财政收支形势影响，2023年全县财政性教育经费9.8亿元，比上年增长3.1%，"
        "生均经费稳步提高。"
        "为保障教师待遇，2023年全县义务教育教师年平均工资收入10.5万元，公务员年平均工资收入10.2万元。"
    )
    got = {(m.metric, m.value, m.year) for m in extract_metrics(text, 2024)}
    assert ("education_budget", 980000000.0, 2023) in got
    assert ("education_budget_growth", 3.1, 2023) in got
    assert ("teacher_avg_salary", 105000.0, 2023) in got
    assert ("civil_servant_avg_salary", 102000.0, 2023) in got


def test_year_named_after_a_value_stays_in_its_clause() -> None:
    text = "大班额比例降至1.9%，2021年该比例为3.6%；公办园在园幼儿占比达到55.2%。"
    got = {(m.metric, m.value, m.year) for m in extract_metrics(text, 2023)}
    assert ("large_class_share", 3.6, 2021) in got
    assert ("public_kindergarten_share", 55.2, 2023) in got


# ---------------------------------------------------------------- round 3: blind-set rules


def _triples(text: str, year: int | None = 2023) -> list[tuple[str, float, int | None]]:
    return [(v.metric, v.value, v.year) for v in ex(text, year)]


def test_values_listed_for_a_range_of_years() -> None:
    got = _triples("2019年至2021年，全县九年义务教育巩固率分别为95.2%、95.9%、96.4%。", 2021)
    assert got == [
        ("compulsory_retention_rate", 95.2, 2019),
        ("compulsory_retention_rate", 95.9, 2020),
        ("compulsory_retention_rate", 96.4, 2021),
    ]
    dash = _triples("2021—2023年全区高中阶段毛入学率分别为88.4%、90.3%、91.7%。")
    assert [y for _, _, y in dash] == [2021, 2022, 2023]
    bracket = _triples("近三年（2020-2022年）普惠性幼儿园覆盖率分别为81%、84.5%、87%。", 2022)
    assert [(v, y) for _, v, y in bracket] == [(81, 2020), (84.5, 2021), (87, 2022)]


def test_values_listed_for_enumerated_years() -> None:
    got = _triples(
        "2022年、2023年，初中综合差异系数分别为0.297、0.281，小学综合差异系数分别为0.402、0.377。"
    )
    assert got == [
        ("junior_difference_coefficient", 0.297, 2022),
        ("junior_difference_coefficient", 0.281, 2023),
        ("primary_difference_coefficient", 0.402, 2022),
        ("primary_difference_coefficient", 0.377, 2023),
    ]
    three = _triples("2020年、2021年和2022年全旗学前三年毛入园率分别为90%、92%、93.5%。", 2022)
    assert [y for _, _, y in three] == [2020, 2021, 2022]


def test_year_list_count_must_match_the_numbers() -> None:
    assert ex("2020年至2022年，全县毛入园率分别为91%、92%。") == []
    assert ex("2021年、2022年，高中阶段毛入学率分别为89%、90%、91%。") == []


def test_the_sentence_goes_on_after_a_year_list() -> None:
    got = _triples(
        "2020年至2022年，一般公共预算教育支出分别为9.1亿元、9.64亿元、10.2亿元，"
        "2022年比上年增长5.8%。",
        2022,
    )
    assert got[:3] == [
        ("education_budget", 9.1e8, 2020),
        ("education_budget", 9.64e8, 2021),
        ("education_budget", 10.2e8, 2022),
    ]
    assert got[3] == ("education_budget_growth", 5.8, 2022)
    later = _triples(
        "2019—2021年，全县学前三年毛入园率分别为88%、90%、91%，2022年进一步提高到93.4%。"
    )
    assert later[-1] == ("preschool_gross_enrollment_rate", 93.4, 2022)


def test_a_year_with_respectively_restates_the_segment_before() -> None:
    text = "2021年小学体质健康优良率为48.2%，初中体质健康优良率为45.9%；2022年分别为51.3%、49.8%。"
    got = [(v.value, v.year, v.scope) for v in ex(text, 2022)]
    assert (51.3, 2022, "primary") in got and (49.8, 2022, "junior") in got
    # more numbers than names: nothing is guessed
    text = "2021年全县近视率为50.1%；2022年分别为51.3%、49.8%。"
    assert [v.value for v in ex(text, 2022)] == [50.1]


def test_levels_joined_by_and_with_respectively() -> None:
    got = {v.metric: v.value for v in ex("全县小学与初中综合差异系数分别为0.41和0.33。")}
    assert got == {"primary_difference_coefficient": 0.41, "junior_difference_coefficient": 0.33}
    # a joined population without 分别 still gives nothing
    assert ex("全县在校学生和在园幼儿共计3.2万人。") == []


def test_plan_year_opening_the_sentence_is_a_target() -> None:
    v = one("到2026年，全县九年义务教育巩固率稳定在97%以上。", "compulsory_retention_rate", None)
    assert v.is_target and v.year == 2026
    v = one("到2025年全旗普惠性幼儿园覆盖率达到92%。", "inclusive_kindergarten_coverage", 2025)
    assert v.is_target and v.year == 2025
    v = one("2025年底前，公办园在园幼儿占比达到55%。", "public_kindergarten_share", 2024)
    assert v.is_target and v.year == 2025
    v = one("力争2026年高中阶段毛入学率达到94%。", "high_school_gross_enrollment_rate", 2026)
    assert v.is_target


def test_period_end_with_past_context_is_achieved() -> None:
    v = one("到2023年底，全县共有幼儿园61所。", "kindergartens")
    assert not v.is_target and v.year == 2023
    v = one("到2022年底，全区已实现学前三年毛入园率95.5%。", "preschool_gross_enrollment_rate")
    assert not v.is_target
    assert not one("到目前，全县九年义务教育巩固率为98.1%。", "compulsory_retention_rate").is_target
    assert not one(
        "截至2023年，高中阶段毛入学率为92%。", "high_school_gross_enrollment_rate"
    ).is_target
    got = ex("2020年至2022年，普惠率分别为80%、82%、85%。", 2022)
    assert not any(v.is_target for v in got)


def test_growth_takes_the_year_of_the_value_it_follows() -> None:
    text = (
        "2022年全县教育支出8.2亿元，较上年增长4.1%，2023年一般公共预算教育支出8.9亿元，"
        "比上年增长8.5%。"
    )
    got = [(v.metric, v.year) for v in ex(text, 2023)]
    assert got == [
        ("education_budget", 2022),
        ("education_budget_growth", 2022),
        ("education_budget", 2023),
        ("education_budget_growth", 2023),
    ]
    # a later clause with its own value and no comparison keeps the sentence's year
    text = "2023年全县毛入园率为93%，2021年该比例为90.2%，高中阶段毛入学率为91%。"
    assert one(text, "high_school_gross_enrollment_rate").year == 2023


def test_another_areas_average_is_not_the_countys() -> None:
    text = "全县小学综合差异系数为0.38，全省小学综合差异系数平均为0.43。"
    assert [v.value for v in ex(text)] == [0.38]
    text = "全县毛入园率为94.2%，高于全省平均（91.7%）。"
    assert [v.value for v in ex(text)] == [94.2]
    text = "全县巩固率达98.3%；全国平均水平的九年义务教育巩固率为95.5%。"
    assert [v.value for v in ex(text)] == [98.3]
    text = "全县普惠率为90%，全市平均普惠性幼儿园覆盖率为86.4%。"
    assert [v.value for v in ex(text)] == [90]


def test_own_city_average_and_salary_words_are_kept() -> None:
    # a county-level city calls itself 全市: its own average stays
    text = "全市共有幼儿园45所。全市小学综合差异系数平均为0.39。"
    assert one(text, "primary_difference_coefficient").value == 0.39
    # 平均 inside a metric's name is not an average of another area
    text = "全县义务教育教师年平均工资为10.2万元，高于全县公务员平均工资。"
    assert one(text, "teacher_avg_salary").value == 102000


def test_qualifier_in_an_earlier_clause_does_not_make_a_part() -> None:
    text = "公办幼儿园占比为61%，普惠性幼儿园覆盖率为93.4%，在园幼儿6120人。"
    assert one(text, "kindergarten_children").value == 6120
    # in its own clause the qualifier still marks a part
    text = "全县在园幼儿9800人，公办园在园幼儿5600人。"
    assert [v.value for v in ex(text) if v.metric == "kindergarten_children"] == [9800]


def test_two_levels_named_together_have_no_scope() -> None:
    # (with 均 each level has the value: see test_a_shared_value_of_a_scoped_metric_per_level)
    text = "全县中小学平均班额分别为40人、46人，大班额比例由2022年的2.6%降为0。"
    assert {v.scope for v in ex(text)} == {None}
    text = "小学和初中平均班额为41人，大班额比例为0.8%。"
    assert one(text, "large_class_share").scope is None
    # one level named alone keeps it
    assert one("初中大班额比例为1.2%。", "large_class_share").scope == "junior"


def test_indicator_rows_with_a_marked_standard_give_the_actual_value() -> None:
    text = (
        "初中综合差异系数 ≤0.45 0.276 达标\n"
        "普惠性幼儿园覆盖率 ≥80% 91.3% 达标\n"
        "小学生师比 不高于19:1 16.4:1 达标\n"
    )
    got = {(v.metric, v.value, v.is_target) for v in ex(text)}
    assert got == {
        ("junior_difference_coefficient", 0.276, False),
        ("inclusive_kindergarten_coverage", 91.3, False),
        ("student_teacher_ratio", 16.4, False),
    }


def test_indicator_table_head_names_the_standard_column() -> None:
    text = (
        "监测指标 | 省定标准 | 本县 | 是否达标\n"
        "小学校际综合差异系数 | 0.50 | 0.447 | 是\n"
        "高中阶段毛入学率 | 90% | 93.2% | 是\n"
    )
    got = {v.metric: v.value for v in ex(text)}
    assert got == {
        "primary_difference_coefficient": 0.447,
        "high_school_gross_enrollment_rate": 93.2,
    }
    # the actual column first, the standard after it
    text = "序号 指标 实际值 标准值\n1 九年义务教育巩固率 97.6% 95%\n"
    assert one(text, "compulsory_retention_rate").value == 97.6


def test_row_with_two_numbers_and_a_verdict_skips_the_standard() -> None:
    assert one("初中综合差异系数 0.45 0.512 未达标", "junior_difference_coefficient").value == 0.512
    # different units or no verdict: not read as standard + actual
    assert one("小学综合差异系数 0.39 说明", "primary_difference_coefficient").value == 0.39
    assert [v.value for v in ex("毛入园率 85% 12 达标")] == [85]
    # prose is not a row
    assert (
        one("初中综合差异系数为0.31，低于0.45的标准。", "junior_difference_coefficient").value
        == 0.31
    )


def test_growth_listed_for_the_same_years() -> None:
    text = "2020年和2021年全县教育支出分别为6.4亿元和6.9亿元，同比分别增长2.9%和7.8%。"
    got = [(v.metric, v.value, v.year) for v in ex(text, 2021)]
    assert ("education_budget_growth", 2.9, 2020) in got
    assert ("education_budget_growth", 7.8, 2021) in got
    assert ("education_budget", 6.9e8, 2021) in got
    text = "2021-2023年一般公共预算教育支出分别为3.1亿元、3.3亿元、3.2亿元，分别比上年增长1%、6.5%、-3%。"
    growth = [(v.value, v.year) for v in ex(text) if v.metric == "education_budget_growth"]
    assert growth == [(1, 2021), (6.5, 2022), (-3, 2023)]


def test_year_list_between_name_and_numbers_and_school_years() -> None:
    got = _triples("全区高中阶段毛入学率2020年至2022年分别为89.1%、90.6%、92%。", 2022)
    assert [y for _, _, y in got] == [2020, 2021, 2022]
    got = _triples("2021-2023学年，全县义务教育巩固率分别为97%、97.4%、98%。")
    assert [y for _, _, y in got] == [2021, 2022, 2023]


def test_later_years_listed_after_a_value_of_one_metric() -> None:
    text = "2020年全县毛入园率为88.5%，2021年、2022年分别为90.2%、91.4%。"
    got = _triples(text, 2022)
    assert got == [
        ("preschool_gross_enrollment_rate", 88.5, 2020),
        ("preschool_gross_enrollment_rate", 90.2, 2021),
        ("preschool_gross_enrollment_rate", 91.4, 2022),
    ]
    text = "全旗小学、初中综合差异系数2021年分别为0.44、0.37，2022年分别为0.42、0.35。"
    got = {(m, v, y) for m, v, y in _triples(text, 2022)}
    assert got == {
        ("primary_difference_coefficient", 0.44, 2021),
        ("junior_difference_coefficient", 0.37, 2021),
        ("primary_difference_coefficient", 0.42, 2022),
        ("junior_difference_coefficient", 0.35, 2022),
    }


def test_plan_year_inside_the_clause_before_a_reach_verb() -> None:
    v = one("全县公办园在园幼儿占比到2026年提高到60%。", "public_kindergarten_share", 2026)
    assert v.is_target and v.year == 2026
    # a from-to change naming years is not a plan
    got = ex("全县大班额比例由2021年的3.4%降至2023年的0.6%。")
    assert not any(v.is_target for v in got)


def test_end_of_the_report_year_is_achieved_but_a_deadline_is_a_plan() -> None:
    v = one(
        "到2022年底，全区普惠性幼儿园覆盖率达到89.6%。", "inclusive_kindergarten_coverage", 2022
    )
    assert not v.is_target and v.year == 2022
    v = one("到2024年底，全区普惠性幼儿园覆盖率达到92%。", "inclusive_kindergarten_coverage", 2022)
    assert v.is_target and v.year == 2024
    v = one("到2022年底前，全区普惠率达到85%。", "inclusive_kindergarten_coverage", 2022)
    assert v.is_target


def test_standard_column_in_a_table_of_years_and_a_year_head() -> None:
    text = "指标 省定标准 2022年 2023年\n初中综合差异系数 0.45 0.36 0.33\n"
    got = [(v.value, v.year) for v in ex(text)]
    assert got == [(0.36, 2022), (0.33, 2023)]
    text = "项目 国家标准 2023年 达标情况\n普惠性幼儿园覆盖率 80% 88.8%\n小学综合差异系数 0.50 0.29 达标\n"
    got = {v.metric: v.value for v in ex(text)}
    assert got == {"inclusive_kindergarten_coverage": 88.8, "primary_difference_coefficient": 0.29}
    # a head naming no standard: the row is read as before
    text = "指标 数值 备注\n小学综合差异系数 0.41 良好\n"
    assert one(text, "primary_difference_coefficient").value == 0.41


def test_a_value_of_another_named_city_is_not_the_countys() -> None:
    head = "某某县人民政府履行教育职责自查自评报告\n"
    text = head + "全县普惠性幼儿园覆盖率为90.4%，而丰源市普惠性幼儿园覆盖率为88.7%。"
    assert [v.value for v in ex(text)] == [90.4]
    # the parent city written before the county in the title is another area as well
    text = "丰源市某某县教育工作自评报告\n2023年丰源市高中阶段毛入学率为93%，全县为91.2%。\n全县高中阶段毛入学率为91.2%。"
    assert [v.value for v in ex(text)] == [91.2]
    # a county-level city naming itself keeps its value; without a titled place nothing is dropped
    text = "丰源市2024年履行教育职责自评报告\n丰源市学前三年毛入园率为94.3%。"
    assert [v.value for v in ex(text)] == [94.3]
    assert [v.value for v in ex("丰源市学前三年毛入园率为94.3%。")] == [94.3]
    text = "丰源市城区学校教育工作自评报告\n丰源市学前三年毛入园率为94.3%。"
    assert [v.value for v in ex(text)] == [94.3]


def test_listed_bare_numbers_take_the_unit_written_after_the_last() -> None:
    got = _triples("2021年至2023年，全县教育支出分别为7.05、7.46、8.12亿元。")
    assert got == [
        ("education_budget", 7.05e8, 2021),
        ("education_budget", 7.46e8, 2022),
        ("education_budget", 8.12e8, 2023),
    ]
    got = _triples("2022年度至2023年度，全县普惠率分别为83.1和86.4%。")
    assert got == [
        ("inclusive_kindergarten_coverage", 83.1, 2022),
        ("inclusive_kindergarten_coverage", 86.4, 2023),
    ]
    # a list of coefficients has no unit to share; a bare number alone stays unitless
    assert ex("全县毛入园率为96.2，较上年有所提高。") == []


def test_a_level_to_keep_after_a_plan_cue_is_a_target() -> None:
    text = "今后一个时期，县政府将持续加大投入，九年义务教育巩固率稳定在98%以上。"
    assert one(text, "compulsory_retention_rate").is_target
    # keeping a level without a plan is what was achieved
    text = "近年来全县九年义务教育巩固率保持在98%以上。"
    assert not one(text, "compulsory_retention_rate").is_target
    text = "全县已将控辍保学纳入考核，九年义务教育巩固率保持在98%以上。"
    assert not one(text, "compulsory_retention_rate").is_target


def test_list_ending_in_a_bare_zero_and_a_restating_filler() -> None:
    got = _triples("2021年、2022年全区大班额比例分别为1.6%、0。", 2022)
    assert got == [("large_class_share", 1.6, 2021), ("large_class_share", 0.0, 2022)]
    text = "2021年小学、初中体质健康优良率分别为50.5%、47.7%；2022年上述指标分别为53.2%、49.9%。"
    got = {(v.value, v.year, v.scope) for v in ex(text, 2022)}
    assert {(53.2, 2022, "primary"), (49.9, 2022, "junior")} <= got


def test_the_same_metric_goes_on_past_a_change_clause() -> None:
    text = "2022年全县教育支出为5.52亿元，较上年增长2.2%，2023年为5.87亿元，增长6.3%。"
    got = sorted((v.metric, v.value, v.year) for v in ex(text))
    assert got == [
        ("education_budget", 5.52e8, 2022),
        ("education_budget", 5.87e8, 2023),
        ("education_budget_growth", 2.2, 2022),
        ("education_budget_growth", 6.3, 2023),
    ]
    # another metric after the change clause is not the budget
    text = "2023年全县教育支出6.1亿元，同比增长3%，毛入园率为95%。"
    assert sorted(codes(text)) == [
        "education_budget",
        "education_budget_growth",
        "preschool_gross_enrollment_rate",
    ]


def test_standard_table_with_a_unit_column() -> None:
    text = (
        "评价指标 单位 省定标准 本区 达标情况\n"
        "普惠性幼儿园覆盖率 % 80 86.9 达标\n"
        "初中综合差异系数 — 0.45 0.302 达标\n"
    )
    got = {v.metric: v.value for v in ex(text)}
    assert got == {"inclusive_kindergarten_coverage": 86.9, "junior_difference_coefficient": 0.302}
    # no head: a unit cell before a marked standard
    assert (
        one("高中阶段毛入学率 % ≥90 92.6 达标", "high_school_gross_enrollment_rate").value == 92.6
    )


def test_growth_follows_the_nearest_value_year_over_a_share_clause() -> None:
    text = (
        "2022年全县教育支出7.7亿元，2023年一般公共预算教育支出8.3亿元，"
        "占一般公共预算支出的19.2%，比上年增长7.8%。"
    )
    assert one(text, "education_budget_growth").year == 2023
    # in the next sentence the year does not carry over
    text = "2022年全县教育支出7.7亿元。比上年增长4%的是生均公用经费。"
    assert [v.year for v in ex(text) if v.metric == "education_budget"] == [2022]


def test_a_year_range_before_a_reach_verb_is_not_a_plan() -> None:
    v = one("2020年至2022年实现九年义务教育巩固率97.3%。", "compulsory_retention_rate", 2022)
    assert not v.is_target


def test_levels_named_after_a_year_pick_the_metrics_before() -> None:
    text = "2021年全旗小学体质健康优良率为49.5%，初中体质健康优良率为46.1%；2022年初中、小学分别为47.9%、52.4%。"
    got = {(v.value, v.year, v.scope) for v in ex(text, 2022)}
    assert {(47.9, 2022, "junior"), (52.4, 2022, "primary")} <= got
    # a level that was not stated before: nothing is guessed
    text = "2021年全旗小学体质健康优良率为49.5%；2022年小学、高中分别为51%、47%。"
    assert [v.value for v in ex(text, 2022)] == [49.5]


def test_respectively_list_reuses_the_levels_listed_earlier_in_the_sentence() -> None:
    text = "全区小学、初中生师比分别为16.2:1、12.9:1，编制使用率分别为97.5%、95.1%。"
    got = {(v.metric, v.value, v.scope) for v in ex(text)}
    assert ("staffing_usage_rate", 97.5, "primary") in got
    assert ("staffing_usage_rate", 95.1, "junior") in got
    # a count mismatch gives nothing
    text = "全区小学、初中生师比分别为16.2:1、12.9:1，编制使用率分别为97.5%、95.1%、90%。"
    assert "staffing_usage_rate" not in codes(text)


def test_a_list_of_joined_subjects_is_not_a_list_of_years() -> None:
    assert ex("2021年、2022年，全旗在校学生和在园幼儿分别为15300人和4100人。") == []


def test_growth_worded_as_an_increase_rate_follows_its_year() -> None:
    text = "2022年全县教育支出6.6亿元，增幅2.4%，2023年全县教育支出7.1亿元，增幅7.6%。"
    got = [(v.value, v.year) for v in ex(text) if v.metric == "education_budget_growth"]
    assert got == [(2.4, 2022), (7.6, 2023)]


def test_level_word_running_into_the_metric_name() -> None:
    v = one("2023年全县小学生近视率为41.3%。", "myopia_rate")
    assert v.scope == "primary"
    # a level named only in another clause before a value already taken does not reach it
    text = "全县高中阶段毛入学率为93%，学生近视率为52%。"
    assert one(text, "myopia_rate").scope is None


def test_a_year_after_a_semicolon_goes_on_with_the_same_metric() -> None:
    text = "2022年全县学生总体近视率为55.1%；2023年为53.9%，较上年下降1.2个百分点。"
    assert _triples(text) == [("myopia_rate", 55.1, 2022), ("myopia_rate", 53.9, 2023)]
    # past a ；without a year the next figure belongs to something else
    text = "全县学前三年毛入园率为93%；目前为在园幼儿提供学位8000个。"
    assert _triples(text) == [("preschool_gross_enrollment_rate", 93.0, 2023)]


_SELF_EVALUATION = """某某县人民政府2023年度履行教育职责自查自评报告
市人民政府教育督导室：
全县共有各级各类学校141所，在园幼儿8760人。2021年至2023年，全县学前三年毛入园率分别为90.4%、92.7%、94.9%，普惠性幼儿园覆盖率达到90.8%，公办园在园幼儿占比为57.5%，高于全省平均（51.9%）。
小学、初中校际综合差异系数分别为0.397和0.318，全省小学综合差异系数平均为0.46。
2022年、2023年，全县一般公共预算教育支出分别为11.42亿元、12.07亿元，2023年比上年增长5.7%。
全县小学、初中大班额比例为0。2022年全县学生总体近视率为54.6%；2023年为52.9%。
指标 | 国家标准 | 我县 | 达标情况
初中综合差异系数 | ≤0.45 | 0.318 | 达标
到2025年，全县普惠性幼儿园覆盖率稳定在92%以上。
"""


def test_a_self_evaluation_in_the_shapes_of_real_reports() -> None:
    got = {(v.metric, v.value, v.year, v.is_target, v.scope) for v in ex(_SELF_EVALUATION)}
    assert got == {
        ("kindergarten_children", 8760.0, 2023, False, None),
        ("preschool_gross_enrollment_rate", 90.4, 2021, False, None),
        ("preschool_gross_enrollment_rate", 92.7, 2022, False, None),
        ("preschool_gross_enrollment_rate", 94.9, 2023, False, None),
        ("inclusive_kindergarten_coverage", 90.8, 2023, False, None),
        ("public_kindergarten_share", 57.5, 2023, False, None),
        ("primary_difference_coefficient", 0.397, 2023, False, None),
        ("junior_difference_coefficient", 0.318, 2023, False, None),
        ("education_budget", 11.42e8, 2022, False, None),
        ("education_budget", 12.07e8, 2023, False, None),
        ("education_budget_growth", 5.7, 2023, False, None),
        ("large_class_share", 0.0, 2023, False, None),
        ("myopia_rate", 54.6, 2022, False, None),
        ("myopia_rate", 52.9, 2023, False, None),
        ("inclusive_kindergarten_coverage", 92.0, 2025, True, None),
    }


def test_plan_year_followed_by_what_was_done_is_achieved() -> None:
    text = "计划2023年实施的改扩建项目已全部完工，全县学前三年毛入园率达96.4%。"
    assert not one(text, "preschool_gross_enrollment_rate").is_target


def test_standard_table_with_a_measured_and_a_planned_year() -> None:
    text = "指标 国家标准 2023年 2025年目标\n公办园在园幼儿占比 50% 53.4% 60%\n"
    got = {(v.value, v.year, v.is_target) for v in ex(text)}
    assert got == {(53.4, 2023, False), (60.0, 2025, True)}


def test_years_listed_as_fiscal_years() -> None:
    got = _triples("2022年度、2023年度，全县一般公共预算教育支出分别为8.4亿元、8.9亿元。")
    assert got == [("education_budget", 8.4e8, 2022), ("education_budget", 8.9e8, 2023)]


# ---------------------------------------------------------------- round 4: new document kinds

_PLAN_REPORT = """某某县2023年教育工作报告
一、主要成绩
全县高中阶段毛入学率为91.2%，九年义务教育巩固率达到98.7%。
二、2024年工作目标
2024年，全县高中阶段毛入学率提高到93%以上，九年义务教育巩固率保持在99%以上。
三、工作措施
全县现有幼儿园46所。
"""


def test_values_under_a_plan_heading_are_targets() -> None:
    got = {(v.metric, v.value, v.is_target) for v in ex(_PLAN_REPORT)}
    assert got == {
        ("high_school_gross_enrollment_rate", 91.2, False),
        ("compulsory_retention_rate", 98.7, False),
        ("high_school_gross_enrollment_rate", 93.0, True),
        ("compulsory_retention_rate", 99.0, True),
        ("kindergartens", 46.0, False),
    }


def test_an_unmarked_plan_heading_governs_its_numbered_items() -> None:
    text = "某某县自评报告\n今后工作思路\n（一）普及学前教育\n全县学前三年毛入园率达到95%。\n"
    assert one(text, "preschool_gross_enrollment_rate").is_target


def test_a_heading_about_results_is_no_plan() -> None:
    text = "某某县自评报告\n（二）目标完成情况\n全县学前三年毛入园率达到95%。\n"
    assert not one(text, "preschool_gross_enrollment_rate").is_target


def test_a_past_year_under_a_plan_heading_stays_achieved() -> None:
    text = "某某县自评报告\n下一步工作打算\n2022年全县学前三年毛入园率为89%，仍需提高。\n"
    assert not one(text, "preschool_gross_enrollment_rate").is_target


def test_a_level_kept_in_a_later_year_is_a_target() -> None:
    v = one("2025年，全县九年义务教育巩固率稳定在98%以上。", "compulsory_retention_rate")
    assert (v.year, v.is_target) == (2025, True)
    assert not one("全县九年义务教育巩固率稳定在98%以上。", "compulsory_retention_rate").is_target


_CITY_REPORT = """某某市教育督导评估报告
全市学前三年毛入园率为91.3%。甲乙县公办园在园幼儿占比为47.2%，丙丁县高中阶段毛入学率为86.4%。
戊己县教师年平均工资为9.1万元，当地公务员年平均工资为9.0万元。
"""


def test_a_city_report_drops_its_counties_values() -> None:
    got = {(v.metric, v.value) for v in ex(_CITY_REPORT)}
    assert got == {("preschool_gross_enrollment_rate", 91.3)}


def test_a_county_report_keeps_its_own_name() -> None:
    text = "甲乙县教育督导报告\n全县情况良好。甲乙县公办园在园幼儿占比为47.2%。\n"
    assert one(text, "public_kindergarten_share").value == 47.2


def test_a_city_plan_with_its_own_area_word() -> None:
    text = "某某市教育督导报告\n全市稳步推进。力争全市学前三年毛入园率达到94%以上。\n"
    v = one(text, "preschool_gross_enrollment_rate")
    assert (v.value, v.is_target) == (94.0, True)


def test_still_is_a_connective() -> None:
    assert one("全区大班额比例仍达4.2%。", "large_class_share").value == 4.2
    assert one("全县尚有大班额比例3.1%。", "large_class_share").value == 3.1


def test_a_level_breakdown_of_the_excellent_rate() -> None:
    text = "全县学生体质健康优良率为51.8%，其中小学优良率56.2%，初中优良率48.3%。"
    got = {(v.metric, v.value, v.scope) for v in ex(text)}
    assert got == {
        ("physical_health_excellent_rate", 51.8, None),
        ("physical_health_excellent_rate", 56.2, "primary"),
        ("physical_health_excellent_rate", 48.3, "junior"),
    }


def test_a_levels_budget_growth_is_not_the_areas() -> None:
    assert "education_budget_growth" not in codes("全县学前教育支出1.05亿元，比上年增长9.2%。")
    got = codes("2023年全县教育支出9.8亿元，比上年增长4.1%。")
    assert "education_budget_growth" in got


def test_a_levels_retention_rate_is_not_compulsory() -> None:
    assert "compulsory_retention_rate" not in codes("全县小学六年巩固率为99.9%。")
    assert "compulsory_retention_rate" not in codes("全县初中三年巩固率为98.2%。")
    assert one("全县巩固率为98.2%。", "compulsory_retention_rate").value == 98.2


def test_a_year_in_chinese_numerals() -> None:
    assert (
        one("二〇二一年全县学前三年毛入园率为90.6%。", "preschool_gross_enrollment_rate").year
        == 2021
    )
    assert (
        one("二零二二年全县高中阶段毛入学率为90.6%。", "high_school_gross_enrollment_rate").year
        == 2022
    )


def test_a_base_year_stays_in_its_from_to_phrase() -> None:
    text = "全县九年义务教育巩固率由2021年的96.1%提高到97.5%，高中阶段毛入学率达到92.4%。"
    assert one(text, "high_school_gross_enrollment_rate").year == 2023


def test_a_dated_clause_with_another_metric_is_no_restatement() -> None:
    text = "全县学前三年毛入园率为93.2%，2021年普惠性幼儿园覆盖率达到85.4%。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("preschool_gross_enrollment_rate", 93.2, 2023),
        ("inclusive_kindergarten_coverage", 85.4, 2021),
    }


def test_built_or_attached_kindergartens_are_projects() -> None:
    assert "kindergartens" not in codes("全年改扩建并附设幼儿园6所。")
    assert "kindergartens" not in codes("全年建成幼儿园4所。")
    assert one("全县共有幼儿园52所。", "kindergartens").value == 52.0


def test_the_excellent_rate_of_levels_after_a_fitness_sentence() -> None:
    text = "全县学生体质健康测试合格率为94.1%。其中小学优良率54.6%，初中优良率49.2%。\n"
    got = {(v.metric, v.value, v.scope) for v in ex(text)}
    assert got == {
        ("physical_health_excellent_rate", 54.6, "primary"),
        ("physical_health_excellent_rate", 49.2, "junior"),
    }
    assert "physical_health_excellent_rate" not in codes("全县教学质量优良率为55.1%。\n")


def test_a_county_with_a_year_in_a_city_report() -> None:
    text = "某某市教育督导报告\n全市稳步推进。甲乙县2023年高中阶段毛入学率为87.9%。\n"
    assert "high_school_gross_enrollment_rate" not in codes(text)


def test_an_inline_plan_heading() -> None:
    text = "某某县自评报告\n（三）目标任务。全县公办园在园幼儿占比达到55%。\n（四）工作成效\n全县公办园在园幼儿占比为51.2%。\n"
    got = {(v.value, v.is_target) for v in ex(text)}
    assert got == {(55.0, True), (51.2, False)}


def test_a_city_report_goes_back_to_its_own_area() -> None:
    text = "某某市教育督导报告\n全市稳步推进。甲乙县高中阶段毛入学率为86.1%，全市高中阶段毛入学率为90.7%。\n"
    got = {(v.metric, v.value) for v in ex(text)}
    assert got == {("high_school_gross_enrollment_rate", 90.7)}


# ---------------------------------------------------------------- round 5: precision


def test_a_quoted_requirement_is_no_value() -> None:
    assert ex("省级文件要求各县义务教育巩固率达到96%、普惠率达到82%。") == []
    assert ex("教育部明确小学大班额比例应不超过3%。") == []
    assert ex("甲乙市规定各县公办园占比不低于50%。") == []
    # the county's own requirement is its target; a rule followed by the county's own figure too
    assert one("县政府要求普惠率提高到85%。", "inclusive_kindergarten_coverage").is_target
    v = one("对照省级标准，我县普惠率为86.5%。", "inclusive_kindergarten_coverage")
    assert (v.value, v.is_target) == (86.5, False)


def test_a_sub_group_before_the_metric_is_no_value() -> None:
    assert ex("乡村学校巩固率为97.7%。") == []
    assert ex("其中随迁子女巩固率为99.2%。") == []
    assert ex("城镇小学大班额比例为6.1%。") == []
    assert one("全县小学大班额比例为2.4%。", "large_class_share").scope == "primary"
    # a plan for a part is the county's target
    assert one("县城学校大班额比例将压减到3%以内。", "large_class_share").is_target


def test_one_schools_figure_is_no_value() -> None:
    assert ex("丙丁中学巩固率为97.3%。") == []
    assert ex("甲乙县第二中学学生近视率为66.8%。") == []
    assert ex("其中城关镇中心小学大班额比例为7.2%。") == []
    assert one("全县初级中学巩固率为98.4%。", "compulsory_retention_rate").value == 98.4
    assert one("力争2025年小学大班额比例降到2%。", "large_class_share").is_target


def test_another_areas_figure_and_the_countys_after_it() -> None:
    assert ex("全省学前三年毛入园率为91.5%。") == []
    assert ex("邻县小学大班额比例为5.5%。") == []
    got = {(v.metric, v.value) for v in ex("全国普惠率为88.1%，我县为90.4%。")}
    assert got == {("inclusive_kindergarten_coverage", 90.4)}
    got = {(v.metric, v.value) for v in ex("农村巩固率为96.0%，全县为97.9%。")}
    assert got == {("compulsory_retention_rate", 97.9)}
    # 全市 is the report's own area where it says 全市 most
    assert one("全市普惠率为91.2%，全市稳步推进，全市发展。", "inclusive_kindergarten_coverage")


def test_a_total_shared_by_a_list_of_school_kinds_is_no_kindergarten_count() -> None:
    assert "kindergartens" not in codes("全县小学、初中、幼儿园共计96所。")
    assert one("全县共有幼儿园31所。", "kindergartens").value == 31.0


def test_a_bracketed_year_dates_only_its_brackets() -> None:
    text = "全县普惠率为84.2%（2021年为80.6%），公办园在园幼儿占比为52.3%。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("inclusive_kindergarten_coverage", 84.2, 2023),
        ("inclusive_kindergarten_coverage", 80.6, 2021),
        ("public_kindergarten_share", 52.3, 2023),
    }


def test_back_references_restate_the_metric_before() -> None:
    text = "2023年全县一般公共预算教育支出9.6亿元。2022年该项支出为8.9亿元。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert ("education_budget", 8.9e8, 2022) in got
    v = [x for x in ex("全县大班额比例为6%；下一步力争到2025年将该比例压减到2%。") if x.is_target]
    assert [(x.metric, x.value, x.year) for x in v] == [("large_class_share", 2.0, 2025)]
    # a money back-reference does not follow a percentage, nor one from another paragraph
    assert ex("全县普惠率为84%。该项经费为3亿元。") == [
        one("全县普惠率为84%。", "inclusive_kindergarten_coverage")
    ]
    assert len(ex("全县大班额比例为6%。\n该比例为3%。")) == 1


def test_a_requirement_inside_the_county_or_its_city() -> None:
    assert ex("某某县自评报告\n市级要求全县义务教育巩固率达到96%。\n") == []
    text = "某某市自评报告\n全市稳步推进，全市发展。市政府要求全市普惠率达到85%。\n"
    assert one(text, "inclusive_kindergarten_coverage").is_target


def test_the_parent_citys_figure_in_a_county_report() -> None:
    text = "某某县自评报告\n甲乙市2023年全市毛入园率为92.1%。全县毛入园率为93.6%。\n"
    got = {(v.metric, v.value) for v in ex(text)}
    assert got == {("preschool_gross_enrollment_rate", 93.6)}


def test_a_county_then_a_level_in_a_city_report() -> None:
    text = "某某市教育督导报告\n全市稳步推进，全市发展。甲乙县义务教育大班额比例仍达5.9%。\n"
    assert "large_class_share" not in codes(text)
    text = "某某市教育督导报告\n全市稳步推进，全市发展。全市义务教育大班额比例为1.1%。\n"
    assert one(text, "large_class_share").value == 1.1


def test_a_standard_row_run_into_prose() -> None:
    text = "师资情况如下：小学生师比 ≤19:1 14.2:1 达标。全县继续推进教师交流。\n"
    v = one(text, "student_teacher_ratio")
    assert (v.value, v.scope) == (14.2, "primary")
    assert ex("师资情况如下：小学生师比 ≤19:1 达标。全县继续推进。\n") == []


def test_earlier_figures_listed_after_two_values_pair_in_order() -> None:
    text = "全县毛入园率为92%，普惠率为86%，比2022年的89%和83%分别提高。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert ("preschool_gross_enrollment_rate", 89.0, 2022) in got
    assert ("inclusive_kindergarten_coverage", 83.0, 2022) in got
    assert ("inclusive_kindergarten_coverage", 89.0, 2022) not in got
    # one value and two earlier figures: no pairing
    got = {(v.metric, v.value) for v in ex("全县普惠率为86%，比2022年的89%和83%分别提高。")}
    assert got == {("inclusive_kindergarten_coverage", 86.0)}
    # 分别 before the comparison (，分别较上年的P和Q有所下降), the year before the values'
    text = "2022年，全区小学综合差异系数为0.402，初中综合差异系数为0.331，分别较上年的0.455和0.372有所下降。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("primary_difference_coefficient", 0.402, 2022),
        ("junior_difference_coefficient", 0.331, 2022),
        ("primary_difference_coefficient", 0.455, 2021),
        ("junior_difference_coefficient", 0.372, 2021),
    }
    text = "全县毛入园率为93%，普惠率为87%，分别比2021年的90%、84%提高3个百分点。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert ("preschool_gross_enrollment_rate", 90.0, 2021) in got
    assert ("inclusive_kindergarten_coverage", 84.0, 2021) in got


def test_a_numbered_school_and_the_scope_after_a_schools_figure() -> None:
    assert ex("县二中学生近视率为70.4%。") == []
    v = one("丙丁县第三中学大班额比例为9.8%，大班额比例总体为4.4%。", "large_class_share")
    assert (v.value, v.scope) == (4.4, None)
    assert ex("国家《某某规划》要求普惠率达到80%。") == []


def test_a_rule_going_on_past_a_comma_and_the_countys_figure_after_it() -> None:
    assert ex("省级要求毛入园率达到90%，普惠率达到82%。") == []
    v = one("按照省级要求，全县普惠率达到88.5%。", "inclusive_kindergarten_coverage")
    assert (v.value, v.is_target) == (88.5, False)
    v = one("省级要求普惠率不低于82%，我县为88.1%。", "inclusive_kindergarten_coverage")
    assert (v.value, v.is_target) == (88.1, False)
    assert one("省级要求普惠率达到82%，目前毛入园率为93%。", "preschool_gross_enrollment_rate")
    assert one("省级要求普惠率达到82%，2023年毛入园率为93%。", "preschool_gross_enrollment_rate")


def test_a_schools_name_sets_no_level() -> None:
    v = one("在甲乙县第二小学召开现场会，大班额比例为4.5%。", "large_class_share")
    assert v.scope is None
    # a level after a verb keeps its scope
    assert one("着力化解小学大班额，大班额比例为3.3%。", "large_class_share").scope == "primary"


def test_another_area_as_a_place_of_comparison() -> None:
    v = one("全县在全省率先实现普惠率达到90.2%。", "inclusive_kindergarten_coverage")
    assert v.value == 90.2
    assert ex("全国同期普惠率为90.1%。") == []


# ---------------------------------------------------------------- per-level breakdowns


def _levels(text: str) -> set[tuple[str, float, str | None]]:
    return {(v.metric, v.value, v.scope) for v in ex(text)}


def test_a_level_breakdown_in_brackets_after_a_total() -> None:
    got = _levels("全区中小学教职工编制使用率为95.5%（小学96.8%，初中93.7%），基本满足需要。")
    assert got == {
        ("staffing_usage_rate", 95.5, None),
        ("staffing_usage_rate", 96.8, "primary"),
        ("staffing_usage_rate", 93.7, "junior"),
    }
    got = _levels("全县义务教育生师比为13.6:1（其中小学14.4:1、初中12.2:1）。")
    assert got == {
        ("student_teacher_ratio", 13.6, None),
        ("student_teacher_ratio", 14.4, "primary"),
        ("student_teacher_ratio", 12.2, "junior"),
    }
    # a difference coefficient: the levels pick the code; the total has none
    got = _levels("全县校际综合差异系数为0.35（小学为0.39；初中为0.30），均达到国家标准。")
    assert got == {
        ("primary_difference_coefficient", 0.39, None),
        ("junior_difference_coefficient", 0.30, None),
    }
    got = _levels("义务教育学校校际综合差异系数（小学0.42，初中0.33）均低于国家标准。")
    assert got == {
        ("primary_difference_coefficient", 0.42, None),
        ("junior_difference_coefficient", 0.33, None),
    }
    v = [v for v in ex("2022年，全县生师比为13.6:1（小学14.4:1，初中12.2:1）。") if v.scope]
    assert {x.year for x in v} == {2022} and len(v) == 2


def test_brackets_without_levels_give_no_breakdown() -> None:
    got = _levels("全县编制使用率为95.5%（2022年为93.1%），满足需要。")
    assert ("staffing_usage_rate", 93.1, "primary") not in got
    assert ("staffing_usage_rate", 95.5, None) in got
    # another area's figure in the brackets is not a level of the county
    got = _levels("全县生师比为13.6:1（全省小学14.4:1）。")
    assert got == {("student_teacher_ratio", 13.6, None)}


def test_two_levels_sharing_one_coefficient_give_both_codes() -> None:
    got = {
        (v.metric, v.value, v.is_target) for v in ex("经测算，小学、初中校际综合差异系数均为0.34。")
    }
    assert got == {
        ("primary_difference_coefficient", 0.34, False),
        ("junior_difference_coefficient", 0.34, False),
    }
    # 控制在 reads as for one level: a bound (a target) unless a past cue says achieved
    text = "小学和初中校际综合差异系数均控制在0.31以下。"
    got = {(v.metric, v.value, v.is_target) for v in ex(text)}
    assert got == {
        ("primary_difference_coefficient", 0.31, True),
        ("junior_difference_coefficient", 0.31, True),
    }
    assert one("小学校际综合差异系数控制在0.31以下。", "primary_difference_coefficient").is_target
    text = "目前小学、初中校际综合差异系数均已控制在0.29以下。"
    got = {(v.metric, v.value, v.is_target) for v in ex(text)}
    assert got == {
        ("primary_difference_coefficient", 0.29, False),
        ("junior_difference_coefficient", 0.29, False),
    }
    v = one("全县大班额比例已控制在3%以内。", "large_class_share")
    assert v.is_target is False


def test_a_shared_value_of_a_scoped_metric_per_level() -> None:
    # 均: each level named has the value, the level as its scope
    got = [(v.metric, v.value, v.scope) for v in ex("全县小学、初中编制使用率均为97.2%。")]
    assert got == [
        ("staffing_usage_rate", 97.2, "primary"),
        ("staffing_usage_rate", 97.2, "junior"),
    ]
    got = ex("全区小学、初中大班额比例均为0。")
    assert [(v.metric, v.value, v.scope) for v in got] == [
        ("large_class_share", 0.0, "primary"),
        ("large_class_share", 0.0, "junior"),
    ]
    assert all(v.evidence.startswith("全区小学、初中") for v in got)
    text = "全县小学和初中大班额比例均控制在2%以内。"
    assert {(v.scope, v.is_target) for v in ex(text)} == {("primary", True), ("junior", True)}
    # without 均 two levels named together still give one value without scope
    assert one("全县小学、初中大班额比例为0.5%。", "large_class_share").scope is None


# ---------------------------------------------------------------- tables by level and year


def test_level_rows_under_a_caption_naming_the_metric() -> None:
    text = (
        "表3 全县义务教育学校校际综合差异系数\n"
        "学段 2020年 2021年 2022年\n"
        "小学 0.44 0.40 0.37\n"
        "初中 0.38 0.35 0.31\n"
        "全县持续推进均衡发展。\n"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("primary_difference_coefficient", 0.44, 2020),
        ("primary_difference_coefficient", 0.40, 2021),
        ("primary_difference_coefficient", 0.37, 2022),
        ("junior_difference_coefficient", 0.38, 2020),
        ("junior_difference_coefficient", 0.35, 2021),
        ("junior_difference_coefficient", 0.31, 2022),
    }
    # pipes, a scoped metric and its unit in the caption
    text = (
        "近三年大班额比例（%）\n"
        "| 学段 | 2021年 | 2022年 | 2023年 |\n"
        "| 小学 | 6.1 | 4.2 | 2.9 |\n"
        "| 初中 | 8.3 | 5.5 | 3.4 |\n"
    )
    got = {(v.metric, v.value, v.year, v.scope) for v in ex(text)}
    assert ("large_class_share", 4.2, 2022, "primary") in got
    assert ("large_class_share", 3.4, 2023, "junior") in got
    assert len(got) == 6


def test_level_rows_without_a_metric_named_give_nothing() -> None:
    text = "表1 学校数量\n学段 2021年 2022年 2023年\n小学 41 40 38\n初中 12 12 11\n"
    assert ex(text) == []


def test_a_metric_row_split_by_tabs() -> None:
    text = "指标\t2021年\t2022年\t2023年\n学前三年毛入园率（%）\t90.3\t92.6\t94.4\n"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("preschool_gross_enrollment_rate", 90.3, 2021),
        ("preschool_gross_enrollment_rate", 92.6, 2022),
        ("preschool_gross_enrollment_rate", 94.4, 2023),
    }


def test_a_year_by_year_money_table_with_thousands_separators() -> None:
    text = (
        "表2 近年教育投入情况\n"
        "| 年度 | 教育支出（万元） | 比上年增长（%） |\n"
        "| --- | --- | --- |\n"
        "| 2019年 | 76,310 | 5.8 |\n"
        "| 2020年 | 81,045.5 | 6.2 |\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text)}
    assert got == {
        ("education_budget", 763_100_000.0, 2019, False),
        ("education_budget", 810_455_000.0, 2020, False),
        # the growth column belongs to the row's own year
        ("education_budget_growth", 5.8, 2019, False),
        ("education_budget_growth", 6.2, 2020, False),
    }


def test_a_growth_column_of_something_else_is_not_budget_growth() -> None:
    text = "| 年度 | 在校生（人） | 比上年增长（%） |\n| 2022年 | 12,040 | 2.1 |\n| 2023年 | 12,530 | 4.1 |\n"
    assert ex(text) == []


def test_a_value_going_on_in_the_next_clause_the_year_after() -> None:
    got = {(v.value, v.year) for v in ex("2020年全县大班额比例为6.8%，次年秋季降至2.9%。")}
    assert got == {(6.8, 2020), (2.9, 2021)}
    text = "2020年毛入园率为85.2%，第二年提高到88.0%，2022年春季学期提升至91.3%。"
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert got == {
        ("preschool_gross_enrollment_rate", 85.2, 2020),
        ("preschool_gross_enrollment_rate", 88.0, 2021),
        ("preschool_gross_enrollment_rate", 91.3, 2022),
    }
    # no year named: not restated; another unit: not the metric
    assert len(ex("2020年大班额比例为6.8%，经过努力降至2.9%。")) == 1
    assert len(ex("2020年大班额比例为6.8%，次年减少至31个班。")) == 1


def test_a_metric_name_and_its_value_split_over_two_lines() -> None:
    text = _normalised("全县坚持公益普惠学前三年毛入园率\n为93.4%，普惠性幼儿园覆盖率为88.6%。\n")
    got = {(v.metric, v.value) for v in ex(text)}
    assert ("preschool_gross_enrollment_rate", 93.4) in got


def test_kindergartens_at_the_end_of_a_list_of_school_kinds() -> None:
    text = "全区共有各级各类学校141所，其中小学57所、初中21所、幼儿园43所。"
    assert [(v.metric, v.value) for v in ex(text)] == [("kindergartens", 43)]
    # a kind of school the blocker words name still blocks (中小学 is not 其中小学)
    assert ex("全区共有学校141所，其中中小学98所、附属幼儿园43所。") == []


def test_the_year_of_a_past_event_clause_does_not_date_the_next_clause() -> None:
    text = "该区2016年通过国家义务教育发展基本均衡县评估认定，小学综合差异系数为0.36。"
    v = one(text, "primary_difference_coefficient")
    assert v.year == 2023
    text = "全县于2019年获评省级学前教育示范县，学前三年毛入园率达到95.2%。"
    assert one(text, "preschool_gross_enrollment_rate").year == 2023
    # a bare time adverbial opening the sentence still dates it
    assert (
        one(
            "2021年，全县通过省级督导评估，毛入园率为91.3%。", "preschool_gross_enrollment_rate"
        ).year
        == 2021
    )
    assert (
        one("2021年全县新建幼儿园3所，毛入园率为91.3%。", "preschool_gross_enrollment_rate").year
        == 2021
    )


def test_another_areas_figures_in_brackets_are_not_the_countys() -> None:
    text = "全县学前三年毛入园率达到95.8%，高于全省平均水平（毛入园率91.4%）。全县持续发力。"
    assert [v.value for v in ex(text)] == [95.8]
    # every figure the brackets hold, not only the first
    text = "全县毛入园率为95.8%，普惠率为89.9%，均高于全省平均水平（毛入园率91.4%，普惠率84.7%）。"
    assert sorted(v.value for v in ex(text)) == [89.9, 95.8]
    # 全市 in a county's report is the parent city, not the county restated
    text = "全县毛入园率达到95.8%，高于全省平均水平（全省毛入园率为91.4%，全市为92.6%）。全县完成任务。"
    assert [v.value for v in ex(text)] == [95.8]


def test_a_growth_row_under_the_money_row_of_a_year_column_table() -> None:
    text = (
        "| 指标 | 2022年 | 2023年 |\n"
        "| 教育支出（万元） | 64,200 | 68,150 |\n"
        "| 比上年增长（%） | 4.4 | 6.2 |\n"
        "| 一般公共预算教育支出增长率（%） | 4.1 | 5.9 |\n"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text)}
    assert ("education_budget", 642_000_000.0, 2022) in got
    assert ("education_budget_growth", 6.2, 2023) in got
    assert ("education_budget_growth", 5.9, 2023) in got
    assert len(got) == 6
    text = "| 指标 | 2022年 | 2023年 |\n| 在校生（人） | 9,120 | 9,410 |\n| 比上年增长（%） | 1.4 | 3.2 |\n"
    assert ex(text) == []


def test_a_bound_quoted_as_a_requirement_is_no_value() -> None:
    text = "全区大班额比例已降至2.6%，达到大班额比例不超过5%的国家要求。"
    assert [(v.metric, v.value) for v in ex(text)] == [("large_class_share", 2.6)]
    assert ex("对照省里“民办义务教育在校生占比不超过5%”的要求，该区仍有差距。") == []
    assert ex("符合普惠性幼儿园覆盖率不低于80%的标准。") == []
    assert ex("满足大班额比例控制在5%以内的省定规定。") == []
    # a modifier between 的 and the rule word (的控制要求, 的刚性规定, 的国家硬性标准)
    text = "全县大班额比例为3.1%，低于省里“大班额比例不超过6%”的控制要求。"
    assert [(v.metric, v.value) for v in ex(text)] == [("large_class_share", 3.1)]
    assert ex("达到民办义务教育在校生占比不超过5%的刚性规定。") == []
    assert ex("对照普惠性幼儿园覆盖率达到80%的国家硬性标准。") == []
    # the county's own goal stays a target
    v = one("确保2026年全区大班额比例控制在4%以内。", "large_class_share")
    assert (v.value, v.is_target) == (4.0, True)
    v = one("全区力争实现大班额比例控制在3%以内的目标。", "large_class_share")
    assert (v.value, v.is_target) == (3.0, True)


def test_money_stated_as_completed_and_the_year_before() -> None:
    text = "2022年全区教育支出完成18.4亿元，比上年的17.02亿元增长8.1%，实现只增不减。"
    got = {(v.metric, v.year, round(v.value, 2)) for v in ex(text)}
    assert got == {
        ("education_budget", 2022, 1_840_000_000),
        ("education_budget", 2021, 1_702_000_000),
        ("education_budget_growth", 2022, 8.1),
    }
    v = one("2021年全市一般公共预算教育支出完成9.6亿元，增长3%。", "education_budget")
    assert (v.value, v.year, v.is_target) == (pytest.approx(960_000_000), 2021, False)
    # acted-on kindergartens stay projects
    assert ex("今年改扩建幼儿园完成5所。") == []


def test_kindergartens_after_school_kinds_whose_names_hold_a_blocker() -> None:
    text = "全区现有各类学校（含幼儿园）210所，其中普通高中4所、职业学校1所、初中22所、特殊教育学校1所、幼儿园95所；在校学生6万人。"
    assert [(v.metric, v.value) for v in ex(text)] == [("kindergartens", 95)]
    # a verb opening the list still governs every item of it
    assert ex("今年新建小学2所、幼儿园5所。") == []
    assert ex("改扩建学校3所、幼儿园4所。") == []


def test_a_figure_reached_by_a_date_goes_on_achieved() -> None:
    text = "2022年底全区大班额比例为7.1%，截至2023年9月已下降到2.4%，消除超大班额。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {(7.1, 2022, False), (2.4, 2023, False)}
    text = "2022年全区大班额比例为7.1%，截止2023年底降至2.4%。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {(7.1, 2022, False), (2.4, 2023, False)}
    # money to a month is part of a year, not the annual figure
    text = "2023年全区教育支出12.1亿元，截至2024年9月已支出8.3亿元。"
    assert [v.value for v in ex(text, 2024)] == [pytest.approx(1_210_000_000)]


def test_a_level_kept_steadily_under_a_bound_is_a_target() -> None:
    v = one("三是力争到2026年全区大班额比例稳定控制在3%以内。", "large_class_share")
    assert (v.value, v.year, v.is_target) == (3.0, 2026, True)


def test_year_heads_that_carry_the_metric_name() -> None:
    text = (
        "全区办学条件持续改善。\n"
        "学段\t2022年校际综合差异系数\t2023年校际综合差异系数\t国家标准\n"
        "小学\t0.452\t0.431\t≤0.50\n"
        "初中\t0.401\t0.388\t≤0.45\n"
        "三、存在问题\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {
        ("primary_difference_coefficient", 0.452, 2022, False),
        ("primary_difference_coefficient", 0.431, 2023, False),
        ("junior_difference_coefficient", 0.401, 2022, False),
        ("junior_difference_coefficient", 0.388, 2023, False),
    }


def test_a_standards_table_with_one_cell_per_line() -> None:
    text = (
        "二、主要指标达标情况\n"
        "指标名称\n国家标准\n本区现状\n是否达标\n"
        "学前三年毛入园率\n≥85%\n93.20%\n达标\n"
        "公办园在园幼儿占比\n≥50%\n47.5%\n未达标\n"
        "普惠性幼儿园覆盖率\n≥80%\n84.06%\n达标\n"
        "三、下一步工作\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2022)}
    assert got == {
        ("preschool_gross_enrollment_rate", 93.2, 2022, False),
        ("public_kindergarten_share", 47.5, 2022, False),
        ("inclusive_kindergarten_coverage", 84.06, 2022, False),
    }
    # the evidence is the source text, line breaks included
    v = one(text, "public_kindergarten_share", 2022)
    assert v.evidence.startswith("公办园在园幼儿占比\n≥50%\n47.5%")
    assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence


def test_a_year_column_table_with_one_cell_per_line() -> None:
    text = (
        "表2 全县主要教育指标\n指标\n2020年\n2021年\n"
        "学前三年毛入园率（%）\n88.3\n90.1\n"
        "小学生师比\n17.2:1\n16.9:1\n"
        "四、存在问题\n一是学位紧张。\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target, v.scope) for v in ex(text, 2021)}
    assert got == {
        ("preschool_gross_enrollment_rate", 88.3, 2020, False, None),
        ("preschool_gross_enrollment_rate", 90.1, 2021, False, None),
        ("student_teacher_ratio", 17.2, 2020, False, "primary"),
        ("student_teacher_ratio", 16.9, 2021, False, "primary"),
    }


def test_short_lines_that_are_no_table_stay_apart() -> None:
    text = "项目\n国家标准\n我县情况\n全县毛入园率为91.2%。\n"
    assert [(v.value, v.year) for v in ex(text, 2022)] == [(91.2, 2022)]


def test_a_single_column_standards_table_of_level_rows() -> None:
    # the head names the metric over its one value column, then a standard column
    text = (
        "经测算，全区义务教育学校校际差异系数如下：\n"
        "学段\t综合差异系数\t国家标准\t是否达标\n"
        "小学\t0.412\t≤0.50\t达标\n"
        "初中\t0.356\t≤0.45\t达标\n"
        "3.全区大班额比例为1.2%。\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target, v.scope) for v in ex(text, 2022)}
    assert got == {
        ("primary_difference_coefficient", 0.412, 2022, False, None),
        ("junior_difference_coefficient", 0.356, 2022, False, None),
        ("large_class_share", 1.2, 2022, False, None),
    }
    v = one(text, "junior_difference_coefficient", 2022)
    assert v.evidence == "初中\t0.356\t≤0.45\t达标"
    assert text[v.char_start : v.char_start + len(v.evidence)] == v.evidence
    # the standard column first, a year on the metric's head
    text = "类别 国家标准 2021年校际综合差异系数\n小学 ≤0.50 0.447\n初中 ≤0.45 0.391\n"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2022)}
    assert got == {
        ("primary_difference_coefficient", 0.447, 2021),
        ("junior_difference_coefficient", 0.391, 2021),
    }
    # a scoped metric carries the row's level
    text = "| 学段 | 生师比 | 省定标准 |\n| --- | --- | --- |\n| 小学 | 16.2:1 | 19:1 |\n| 初中 | 12.8:1 | 13.5:1 |\n"
    got = {(v.metric, v.value, v.scope) for v in ex(text, 2022)}
    assert got == {
        ("student_teacher_ratio", 16.2, "primary"),
        ("student_teacher_ratio", 12.8, "junior"),
    }
    # a blank value cell gives nothing (never the standard); nor does a row naming no level
    assert ex("学段\t综合差异系数\t国家标准\n小学\t—\t≤0.50\n初中\t \t≤0.45\n") == []
    assert ex("学段\t综合差异系数\t国家标准\n城区学校\t0.412\t≤0.50\n") == []


# ---------------------------------------------------------------- round 8: a heading's year


def test_a_heading_year_dates_the_values_under_it() -> None:
    text = (
        "某某市政府工作报告\n一、2022年工作回顾\n"
        "（三）教育事业\n全市学前三年毛入园率达到93.1%，公办园在园幼儿占比由上年的48.5%提高到52.6%。\n"
        "2021年高中阶段毛入学率为92%。\n"
        "二、2023年工作安排\n全市学前三年毛入园率稳定在95%以上。\n"
    )
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {
        ("preschool_gross_enrollment_rate", 93.1, 2022, False),
        ("public_kindergarten_share", 48.5, 2021, False),
        ("public_kindergarten_share", 52.6, 2022, False),
        ("high_school_gross_enrollment_rate", 92.0, 2021, False),  # its own year first
        ("preschool_gross_enrollment_rate", 95.0, 2023, True),
    }


def test_a_caption_year_dates_the_lines_under_it() -> None:
    text = (
        "某某县自评报告\n三、主要成效\n全县九年义务教育巩固率为97.5%。\n"
        "2023年主要指标完成情况：\n学前三年毛入园率 91.6％\n高中阶段毛入学率 92.3％\n"
        "四、存在的问题\n全县九年义务教育巩固率仍为97.5%。\n"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text, 2024)}
    assert got == {
        ("compulsory_retention_rate", 97.5, 2024),
        ("preschool_gross_enrollment_rate", 91.6, 2023),
        ("high_school_gross_enrollment_rate", 92.3, 2023),
    }


def test_a_heading_year_that_is_no_single_past_year_dates_nothing() -> None:
    # a period (以来), a later year (a plan), a heading that is a sentence
    for head in ("一、2019年以来工作成效", "一、2025年工作打算", "（一）2021年，全县加大投入。"):
        text = f"某某县自评报告\n{head}\n全县九年义务教育巩固率为98.1%。\n"
        v = one(text, "compulsory_retention_rate", 2024)
        assert v.year in (2024, 2025), (head, v)
        if "以来" in head or "，" in head:
            assert v.year == 2024


def test_a_heading_about_an_earlier_evaluation_dates_nothing() -> None:
    text = "某某区自查报告\n一、对2020年市督导反馈问题的整改情况\n全区公办园在园幼儿占比仅31%。\n"
    assert one(text, "public_kindergarten_share", 2022).year == 2022


def test_a_budget_allocated_between_the_name_and_the_amount() -> None:
    v = one("2021年全区教育支出预算安排86,420万元，较上年有所增加。", "education_budget")
    assert (v.value, v.year, v.is_target) == (864200000.0, 2021, False)
    v = one("坚持优先发展，全年安排教育支出不少于9.8亿元。", "education_budget")
    assert (v.value, v.is_target) == (980000000.0, True)


def test_levels_respectively_from_the_earlier_figures_down_to_the_new() -> None:
    text = "经过整改，全区小学、初中校际综合差异系数分别由整改前的0.552、0.487下降至0.501、0.433。"
    got = {(v.metric, v.value, v.is_target) for v in ex(text)}
    assert ("primary_difference_coefficient", 0.501, False) in got
    assert ("junior_difference_coefficient", 0.433, False) in got
    # the earlier figures, when taken, are the levels' too (never the new values crossed)
    assert got <= {
        ("primary_difference_coefficient", 0.501, False),
        ("junior_difference_coefficient", 0.433, False),
        ("primary_difference_coefficient", 0.552, False),
        ("junior_difference_coefficient", 0.487, False),
    }


def test_a_level_kept_is_achieved_without_a_plan_cue() -> None:
    text = "县里通过“银龄计划”补充教师52名，全县初中生师比保持在11.9∶1。"
    v = one(text, "student_teacher_ratio")
    assert (v.value, v.scope, v.is_target) == (11.9, "junior", False)
    text = "县里将通过“银龄计划”补充教师，全县初中生师比保持在11.9∶1。"
    assert one(text, "student_teacher_ratio").is_target


def test_levels_named_after_the_metric_respectively() -> None:
    text = "力争到2026年，全区义务教育学校校际综合差异系数小学、初中分别控制在0.30、0.25以内。"
    got = {(v.metric, v.value, v.is_target) for v in ex(text)}
    assert got == {
        ("primary_difference_coefficient", 0.30, True),
        ("junior_difference_coefficient", 0.25, True),
    }
    text = "全县大班额比例初中、小学分别为1.6%、0.4%。"
    got = {(v.metric, v.value, v.scope) for v in ex(text)}
    assert got == {("large_class_share", 1.6, "junior"), ("large_class_share", 0.4, "primary")}


def test_a_figure_quoted_from_an_assessment_standard_is_no_value() -> None:
    text = "全县各项指标均达到“普惠性幼儿园覆盖率达到80%以上”的验收标准。"
    assert ex(text) == []
    text = "符合“大班额比例不超过5%”的督导评估标准，全县大班额比例为1.3%。"
    assert [(v.metric, v.value) for v in ex(text)] == [("large_class_share", 1.3)]


def test_a_year_inside_a_quoted_rule_dates_nothing_after_it() -> None:
    text = (
        "对照省里“2021年全面消除大班额”和大班额比例不超过5%的要求，今年共化解大班额31个，"
        "全县大班额比例由2019年的8.2%降至3.7%。"
    )
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2020)}
    assert got == {(8.2, 2019, False), (3.7, 2020, False)}


def test_a_growth_after_the_year_before_is_the_later_years() -> None:
    text = "2023年，全县一般公共预算教育支出6.31亿元，上年为5.96亿元，同比增长5.87%。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert got == {
        ("education_budget", 631000000.0, 2023),
        ("education_budget", 596000000.0, 2022),
        ("education_budget_growth", 5.87, 2023),
    }
    # a year named for the figure before still dates the growth after it
    text = "全县一般公共预算教育支出6.31亿元，2022年为5.96亿元，比上年增长3.2%。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert ("education_budget_growth", 3.2, 2022) in got


def test_one_indicators_difference_coefficient_is_not_the_overall_one() -> None:
    for text in (
        "测算显示，初中“生均体育运动场馆面积”差异系数为0.471，高于参考值。",
        "从单项看，初中高级职称教师数差异系数为0.488。",
        "但初中“每百名学生拥有网络多媒体教室数”差异系数仍达0.492。",
    ):
        assert [v.metric for v in ex(text)] == [], text
    for text in (
        "全县初中校际综合差异系数为0.332。",
        "全县初中差异系数为0.332。",
        "全县初中七项指标综合差异系数为0.332。",
    ):
        got = [(v.metric, v.value) for v in ex(text)]
        assert got == [("junior_difference_coefficient", 0.332)], text


def test_a_growth_after_a_named_year_befores_figure_is_the_later_years() -> None:
    for change in ("同比增长4.1%", "增长4.1％", "比上年增长4.1%"):
        text = f"2022年，全县一般公共预算教育支出7.48亿元，2021年为7.18亿元，{change}，保障有力。"
        got = {(v.metric, v.value, v.year) for v in ex(text, 2022)}
        assert got == {
            ("education_budget", 748000000.0, 2022),
            ("education_budget", 718000000.0, 2021),
            ("education_budget_growth", 4.1, 2022),
        }, change


def test_the_start_year_of_a_period_dates_no_value() -> None:
    text = "2020年以来新增公办园9所，全县公办园在园幼儿占比由2020年的38.2%提高到55.4%。"
    got = {(v.value, v.year) for v in ex(text, 2023)}
    assert got == {(38.2, 2020), (55.4, 2023)}
    text = "2020年以来通过招聘补充教师86名，全县幼儿园教职工编制使用率为93.7%。"
    assert one(text, "staffing_usage_rate", 2023).year == 2023


def test_years_listed_after_the_metric_name_respectively() -> None:
    text = (
        "全县学前三年毛入园率2020年、2021年分别为90.4%、91.7%，2022年达到93.1%，较2019年提高"
        "3.2个百分点；普惠性幼儿园覆盖率达到88.6%。"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text, 2022)}
    assert got == {
        ("preschool_gross_enrollment_rate", 90.4, 2020),
        ("preschool_gross_enrollment_rate", 91.7, 2021),
        ("preschool_gross_enrollment_rate", 93.1, 2022),
        ("inclusive_kindergarten_coverage", 88.6, 2022),
    }
    # the listed years date only their list (not what the sentence states after it)
    text = "全县学前三年毛入园率2020年、2021年分别为90.4%、91.7%；普惠性幼儿园覆盖率达到88.6%。"
    assert one(text, "inclusive_kindergarten_coverage", 2022).year == 2022


def test_yearly_income_per_head_of_teachers_and_civil_servants() -> None:
    text = "2023年全区义务教育教师人均年收入9.86万元，公务员人均年收入9.71万元。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert got == {
        ("teacher_avg_salary", 98600.0, 2023),
        ("civil_servant_avg_salary", 97100.0, 2023),
    }


def test_a_target_by_the_end_of_a_year_before_its_reach_verb() -> None:
    for year in ("2026年底前", "二〇二六年底前", "2026年末以前"):
        text = f"下一步，确保全县公办园在园幼儿占比{year}达到55%以上，持续巩固成果。"
        v = one(text, "public_kindergarten_share", 2024)
        assert (v.value, v.year, v.is_target) == (55.0, 2026, True), year


def test_a_plan_after_a_semicolon_goes_on_with_the_metric_before() -> None:
    text = "今年新建公办幼儿园3所，全县公办园在园幼儿占比提高到46.8%；确保到2026年底达到55%。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2024)}
    assert got == {(46.8, 2024, False), (55.0, 2026, True)}
    # not when the next segment has a subject of its own
    text = "全县公办园在园幼儿占比提高到46.8%；全县力争到2026年底达到55%。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2024)}
    assert got == {(46.8, 2024, False)}


def test_figures_quoted_from_a_national_goal_are_no_values() -> None:
    text = "全县提前两年实现“学前三年毛入园率达到90%、普惠性幼儿园覆盖率达到85%”的省定目标。"
    assert ex(text) == []
    text = "我县如期完成“大班额比例控制在3%以内”的国家目标，全县大班额比例为1.2%。"
    assert [(v.metric, v.value) for v in ex(text)] == [("large_class_share", 1.2)]
    # the county's own goal stays a target
    text = "全县力争实现“普惠性幼儿园覆盖率达到92%”的目标。"
    v = one(text, "inclusive_kindergarten_coverage")
    assert (v.value, v.is_target) == (92.0, True)


def test_another_level_goes_on_with_the_listed_years() -> None:
    text = (
        "2020年、2021年全县小学综合差异系数分别为0.452、0.417，初中分别为0.389、0.352，逐年缩小。"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text, 2022)}
    assert got == {
        ("primary_difference_coefficient", 0.452, 2020),
        ("primary_difference_coefficient", 0.417, 2021),
        ("junior_difference_coefficient", 0.389, 2020),
        ("junior_difference_coefficient", 0.352, 2021),
    }
    # as many numbers as years, else nothing for that level
    text = "2020年、2021年全县小学综合差异系数分别为0.452、0.417，初中分别为0.389。"
    got = {(v.metric, v.value) for v in ex(text, 2022)}
    assert ("junior_difference_coefficient", 0.389) not in got


def test_a_respectively_list_after_anchors_that_gave_no_number() -> None:
    text = "全面保障义务教育教师年均工资收入不低于当地公务员年均工资收入，2022年分别为9.73万元和9.51万元。"
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {
        ("teacher_avg_salary", 97300.0, 2022, False),
        ("civil_servant_avg_salary", 95100.0, 2022, False),
    }
    text = "县里核算了义务教育教师平均工资收入和公务员平均工资收入。两者分别为12.4万元、12.1万元。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert got == {
        ("teacher_avg_salary", 124000.0, 2023),
        ("civil_servant_avg_salary", 121000.0, 2023),
    }
    # as many numbers as anchors, else nothing
    text = "义务教育教师平均工资收入不低于公务员平均工资收入，2022年分别为9.73万元。"
    assert ex(text, 2023) == []
    # not when a number stands between the anchors and the list
    text = "义务教育教师平均工资收入和公务员平均工资收入差距缩小到0.2万元，两者分别为9.7万元、9.5万元。"
    got = {(v.metric, v.value) for v in ex(text, 2023)}
    assert ("teacher_avg_salary", 97000.0) not in got


def test_a_comparison_naming_another_metrics_owner_gives_its_value() -> None:
    text = "2022年，全县义务教育教师年平均工资收入为11.62万元，略高于当地公务员的11.40万元。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert got == {
        ("teacher_avg_salary", 116200.0, 2022),
        ("civil_servant_avg_salary", 114000.0, 2022),
    }
    # a difference (no 的 before the number) and a standard give nothing more
    text = "全县义务教育教师年平均工资收入为11.62万元，高于当地公务员0.22万元。"
    assert codes(text) == ["teacher_avg_salary"]
    text = "全县义务教育教师年平均工资收入为11.62万元，高于省定标准的10万元。"
    assert codes(text) == ["teacher_avg_salary"]
    # another area's figure is not the county's
    text = "全县公务员年平均工资收入为11.62万元，低于全省教师的11.80万元。"
    assert codes(text) == ["civil_servant_avg_salary"]


def test_from_and_to_values_dated_by_a_season() -> None:
    text = (
        "城区小学学位紧张得到缓解，全县大班额比例由2021年春季学期的3.6%下降到2022年秋季学期的1.2%。"
    )
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {(3.6, 2021, False), (1.2, 2022, False)}


def test_a_dated_from_value_without_a_number_to_go_to() -> None:
    text = "近年来持续扩充学位，全县学前三年毛入园率由2019年的88.2%提升至现有水平。"
    v = one(text, "preschool_gross_enrollment_rate")
    assert (v.value, v.year, v.is_target) == (88.2, 2019, False)
    # an undated from-value alone gives nothing
    text = "全县学前三年毛入园率由88.2%提升至现有水平。"
    assert ex(text) == []


def test_every_figure_quoted_as_a_rule_is_no_value() -> None:
    text = (
        "全县学前三年毛入园率为93.1%，普惠性幼儿园覆盖率为91.2%，"
        "均高于“学前三年毛入园率达到85%、普惠性幼儿园覆盖率达到80%”的督导评估标准。"
    )
    got = {(v.metric, v.value) for v in ex(text)}
    assert got == {
        ("preschool_gross_enrollment_rate", 93.1),
        ("inclusive_kindergarten_coverage", 91.2),
    }


def test_a_kindergarten_teachers_pay_is_not_the_compulsory_teachers() -> None:
    text = "落实同工同酬，公办园非在编教师年人均工资收入5.8万元，民办园教师年平均工资收入4.9万元。"
    assert ex(text) == []
    text = "全县义务教育教师年平均工资收入10.9万元，非在编教师年人均工资收入6.2万元。"
    assert [(v.metric, v.value) for v in ex(text)] == [("teacher_avg_salary", 109000.0)]


def test_a_share_worded_as_a_part_of_the_total() -> None:
    text = "2022年，全区公办园在园幼儿占在园幼儿总数的比例达到62.5%。"
    v = one(text, "public_kindergarten_share")
    assert (v.value, v.year) == (62.5, 2022)
    text = "全区公办幼儿园在园儿童占在园儿童总数的71.4%。"
    assert one(text, "public_kindergarten_share").value == 71.4
    text = "全区公办园在园幼儿人数占全部在园幼儿的58.9%。"
    assert one(text, "public_kindergarten_share").value == 58.9
    text = "全区公办幼儿园在园儿童占所有在园儿童的比例为61.2%。"
    assert one(text, "public_kindergarten_share").value == 61.2
    text = "全区民办义务教育学校在校生占全区义务教育在校生总数的3.2%。"
    assert one(text, "private_compulsory_share").value == 3.2
    # a count is no share
    text = "全区民办义务教育学校在校生占义务教育在校生总数的一小部分，共1520人。"
    assert codes(text) == []


def test_a_season_or_month_before_the_subject_is_no_school_name() -> None:
    text = "2023年春季全区义务教育学校大班额比例为1.6%。"
    v = one(text, "large_class_share", 2024)
    assert (v.value, v.year) == (1.6, 2023)
    text = "2023年10月底全区中小学校大班额比例为1.1%。"
    assert one(text, "large_class_share", 2024).value == 1.1
    text = "秋季学期全区义务教育学校大班额比例为0.9%。"
    assert one(text, "large_class_share", 2024).value == 0.9
    # one school's own figure stays out
    text = "2023年春季城关实验学校大班额比例为6.1%。"
    assert ex(text, 2024) == []


def test_a_generic_word_takes_its_context_from_the_section_heading_down() -> None:
    text = (
        "三、关于“学生体质健康水平偏低”的问题\n"
        "问题表现：2022年全区中小学生体质健康抽测优良率为43.9%。\n"
        "整改措施：落实每天校园体育活动一小时，配备专职体育教师21名。\n"
        "整改成效：2023年抽测优良率提高到52.4%。\n"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text, 2024)}
    assert ("physical_health_excellent_rate", 52.4, 2023) in got
    # not past a heading of its own
    text = (
        "三、关于学生体质健康的问题\n"
        "问题表现：全区中小学生体质健康抽测优良率为43.9%。\n"
        "四、关于校舍工程质量的问题\n"
        "整改成效：竣工验收优良率提高到92.4%。\n"
    )
    assert [v.value for v in ex(text, 2024)] == [43.9]


def test_from_and_to_values_dated_by_a_year_end_or_a_month() -> None:
    text = "全区公办园在园幼儿占比由2021年末的38.2%提升至2022年10月底的47.5%。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2023)}
    assert got == {(38.2, 2021, False), (47.5, 2022, False)}
    text = "全区大班额比例由2022年3月的4.1%降至2023年底的0.6%。"
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2024)}
    assert got == {(4.1, 2022, False), (0.6, 2023, False)}


def test_short_names_of_the_gross_rates() -> None:
    text = "2023年，全区学前三年入园率为97.2%，高中段毛入学率为96.4%。"
    got = {(v.metric, v.value) for v in ex(text, 2024)}
    assert got == {
        ("preschool_gross_enrollment_rate", 97.2),
        ("high_school_gross_enrollment_rate", 96.4),
    }
    # a rate of one year of preschool is not the three-year rate
    assert ex("全区学前一年入园率为99.1%。", 2024) == []


def test_the_paired_figure_of_a_family_takes_the_dated_figures_year() -> None:
    text = (
        "全县共有义务教育学校86所，2023年义务教育教师年平均工资收入12.15万元，"
        "当地公务员年平均工资收入11.96万元。"
    )
    got = {(v.metric, v.year) for v in ex(text, 2024)}
    assert ("teacher_avg_salary", 2023) in got
    assert ("civil_servant_avg_salary", 2023) in got
    text = "全县义务教育学校86所，2021年小学综合差异系数为0.452，初中综合差异系数为0.376。"
    got = {(v.metric, v.year) for v in ex(text, 2024)}
    assert got == {
        ("primary_difference_coefficient", 2021),
        ("junior_difference_coefficient", 2021),
    }
    # another metric's clause stays the report's year
    text = "全县义务教育学校86所，2023年义务教育教师年平均工资收入12.15万元，大班额比例为0.4%。"
    got = {(v.metric, v.year) for v in ex(text, 2024)}
    assert got == {("teacher_avg_salary", 2023), ("large_class_share", 2024)}


def test_a_cut_from_a_stated_figure_is_achieved() -> None:
    text = "经过两年治理，全区民办义务教育在校生占比由前年的9.6%压减至4.2%。"
    got = {(v.value, v.is_target) for v in ex(text, 2024)}
    assert (4.2, False) in got
    text = "全区大班额比例由2022年的7.3%压减到3.1%，超额完成市定任务。"
    got = {(v.value, v.is_target) for v in ex(text, 2024)}
    assert (3.1, False) in got
    # a plan cue still makes it a target, and a bound stays one
    text = "全区民办义务教育在校生占比将由9.6%压减至4.2%。"
    assert {(v.value, v.is_target) for v in ex(text, 2024)} == {(4.2, True)}
    text = "全区大班额比例由7.3%压减到不超过3%。"
    assert {(v.value, v.is_target) for v in ex(text, 2024)} == {(3.0, True)}
    # without a from-figure the cut is still a target
    text = "全区民办义务教育在校生占比压减至4.2%以内。"
    assert {(v.value, v.is_target) for v in ex(text, 2024)} == {(4.2, True)}


def test_a_past_year_after_zhi_opening_a_sentence_is_an_as_of_date() -> None:
    text = "新建公办园3所。至2022年春季学期，全区普惠性幼儿园覆盖率提高到88.6%，公办园在园幼儿占比达到53.2%。"
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2022)}
    assert got == {
        ("inclusive_kindergarten_coverage", 88.6, 2022, False),
        ("public_kindergarten_share", 53.2, 2022, False),
    }
    text = "至2021年，全区学前三年毛入园率达到91.5%。"
    assert {(v.value, v.year, v.is_target) for v in ex(text, 2022)} == {(91.5, 2021, False)}
    # a later year, or a plan cue, is still a plan
    text = "至2024年秋季学期，全区普惠性幼儿园覆盖率提高到90%。"
    assert {(v.value, v.is_target) for v in ex(text, 2022)} == {(90.0, True)}
    text = "力争至2022年秋季学期，全区普惠性幼儿园覆盖率提高到90%。"
    assert {(v.value, v.is_target) for v in ex(text, 2022)} == {(90.0, True)}


def test_a_line_broken_after_a_comma_goes_on_with_its_sentence() -> None:
    text = "（一）存在问题。城区学位仍然紧张，小学校际综合差异系数为0.536，\n距优质均衡标准仍有差距；初中为0.428。二是教师结构老化。"
    got = {(v.metric, v.value) for v in ex(text, 2022)}
    assert got == {
        ("primary_difference_coefficient", 0.536),
        ("junior_difference_coefficient", 0.428),
    }
    # a remark holding a figure is not passed, nor is a count of another kind
    text = "小学校际综合差异系数为0.536，较上年下降0.02；初中为0.428。"
    got = {(v.metric, v.value) for v in ex(text, 2022)}
    assert ("junior_difference_coefficient", 0.428) not in got
    text = "小学校际综合差异系数为0.536，办学条件持续改善；初中学校有1所。"
    assert codes(text) == ["primary_difference_coefficient"]
    # a line ending in a full stop still ends its sentence
    text = "小学校际综合差异系数为0.536。\n初中为0.428。"
    got = {(v.metric, v.value) for v in ex(text, 2022)}
    assert got == {("primary_difference_coefficient", 0.536)}


def test_a_change_verb_with_wei_joins_the_anchor_to_its_figure() -> None:
    text = "通过新建校舍分流学生，全区义务教育大班额比例下降为1.4%。"
    assert {(v.value, v.is_target) for v in ex(text, 2023)} == {(1.4, False)}
    text = "全区普惠性幼儿园覆盖率提高为86.3%。"
    assert one(text, "inclusive_kindergarten_coverage").value == 86.3
    # a change by a figure is still no value
    assert ex("全区义务教育大班额比例下降1.4个百分点。", 2023) == []


def test_a_blocker_in_another_items_aside_names_that_item_only() -> None:
    text = "全区共有各级各类学校96所，其中初中12所、小学（含一贯制学校）31所、幼儿园48所。"
    assert [(v.metric, v.value) for v in ex(text, 2023)] == [("kindergartens", 48.0)]
    # a blocker of the kindergartens' own item still blocks
    text = "全区共有各级各类学校96所，其中初中12所、新建幼儿园（含附设园）4所。"
    assert ex(text, 2023) == []


def test_a_plan_sentence_right_after_a_value_restates_its_metric() -> None:
    text = (
        "2022年全区学生体质健康优良率为47.3%，比上年提高2.4个百分点，仍低于50%的国家标准。"
        "下一步力争到2023年底达到51%以上。"
    )
    got = {(v.value, v.year, v.is_target) for v in ex(text, 2022)}
    assert got == {(47.3, 2022, False), (51.0, 2023, True)}
    # a sentence naming another subject first gives nothing
    text = "2022年全区学生体质健康优良率为47.3%。全区新建运动场4个，力争到2023年底达到51%以上。"
    assert [v.value for v in ex(text, 2022)] == [47.3]


def test_per_capita_wage_income_names_teacher_and_civil_servant_salaries() -> None:
    text = "全市义务教育教师年人均工资性收入10.25万元，公务员年人均工资性收入9.87万元。"
    got = {(v.metric, v.value) for v in ex(text, 2023)}
    assert got == {("teacher_avg_salary", 102500.0), ("civil_servant_avg_salary", 98700.0)}


def test_private_share_after_the_private_school_count() -> None:
    text = "全区民办义务教育学校5所，在校生占义务教育在校生总数的3.15%。"
    assert one(text, "private_compulsory_share").value == 3.15
    # a count of pupils there is no share
    assert ex("全区民办义务教育学校5所，在校生1200人。", 2023) == []


def test_the_bare_kind_word_before_children_is_all_kindergartens() -> None:
    text = "全区共有幼儿园64所，其中公办幼儿园20所、民办幼儿园44所。幼儿园在园幼儿7311人。"
    assert one(text, "kindergarten_children").value == 7311
    # one named kindergarten's children are still not the area's
    assert ex("实验幼儿园在园幼儿450人。", 2023) == []


def test_previous_year_budget_in_brackets_after_the_growth() -> None:
    text = "全区一般公共预算教育支出21.46亿元，比上年增长6.2%（上年为20.21亿元），做到了只增不减。"
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert ("education_budget", 2021000000.0, 2022) in got
    assert ("education_budget", 2146000000.0, 2023) in got
    assert ("education_budget_growth", 6.2, 2023) in got


def test_previous_year_budget_past_a_share_clause() -> None:
    text = (
        "2023年，全区一般公共预算教育支出21.46亿元，占一般公共预算支出的19.3%，"
        "较2022年的20.21亿元增长6.2%。"
    )
    got = {(v.metric, v.value, v.year) for v in ex(text, 2023)}
    assert ("education_budget", 2021000000.0, 2022) in got
    # the share itself is no value, and a share clause does not pass on to another metric
    text = "2023年，全区一般公共预算教育支出21.46亿元，占一般公共预算支出的19.3%，增长6.2%。"
    assert [v.value for v in ex(text, 2023) if v.metric == "education_budget"] == [2146000000.0]


def test_civil_servant_salary_in_brackets_after_its_level_phrase() -> None:
    text = (
        "2022年全区义务教育教师平均工资收入达到10.41万元，"
        "不低于当地公务员平均工资收入水平（10.38万元）。"
    )
    got = {(v.metric, v.value, v.year, v.is_target) for v in ex(text, 2022)}
    assert got == {
        ("teacher_avg_salary", 104100.0, 2022, False),
        ("civil_servant_avg_salary", 103800.0, 2022, False),
    }
    # the rule alone, without a figure, gives nothing
    assert ex("确保教师平均工资收入水平不低于当地公务员平均工资收入水平。", 2023) == []
