"""Flattened tables (reportflow.metrics.tables, rule 8) and tables written one cell per line
(reportflow.metrics.rules): invented tables of the shapes the reports use, with the negative
cases (count columns, rows that name no level, ordinary short lines)."""

from __future__ import annotations

from reportflow.metrics import extract_metrics
from reportflow.models import MetricValue


def ex(text: str, year: int | None = 2023) -> list[MetricValue]:
    return extract_metrics(text, year)


def got(text: str, year: int | None = 2023) -> set[tuple[str, float, int | None, str | None]]:
    return {(v.metric, v.value, v.year, v.scope) for v in ex(text, year)}


# ---------------------------------------------------------------- level rows, one metric column


def test_a_metric_column_among_count_columns_in_a_pipe_table() -> None:
    text = (
        "分学段大班额情况见下表：\n"
        "| 学段 | 班级数 | 56人以上班级 | 大班额占比 |\n"
        "| 小学 | 2,104 | 12 | 0.57% |\n"
        "| 初中 | 865 | 10 | 1.16% |\n"
        "| 合计 | 2,969 | 22 | 0.74% |\n"
        "（三）其他工作\n"
    )
    assert got(text) == {
        ("large_class_share", 0.57, 2023, "primary"),
        ("large_class_share", 1.16, 2023, "junior"),
        ("large_class_share", 0.74, 2023, None),
    }


def test_a_ratio_column_of_a_tab_separated_level_table() -> None:
    text = (
        "全县各级教育基本情况：\n"
        "学段\t学校数（所）\t在校生（人）\t专任教师（人）\t生师比\n"
        "幼儿园\t150\t21034\t1402\t15.0:1\n"
        "小学\t120\t60211\t3580\t16.82:1\n"
        "初中\t30\t30120\t2311\t13.03:1\n"
        "中等职业教育\t2\t4120\t230\t17.91:1\n"
        "特殊教育\t1\t210\t35\t6.0:1\n"
        "\n"
        "注：学校数不含教学点。\n"
    )
    assert got(text) == {
        ("student_teacher_ratio", 15.0, 2023, "kindergarten"),
        ("student_teacher_ratio", 16.82, 2023, "primary"),
        ("student_teacher_ratio", 13.03, 2023, "junior"),
        ("student_teacher_ratio", 6.0, 2023, "special"),
    }


def test_a_total_row_under_a_standard_column_has_no_scope() -> None:
    text = (
        "| 学段 | 大班额比例 | 国家标准 | 是否达标 |\n"
        "| --- | --- | --- | --- |\n"
        "| 小学 | 1.3% | ≤5% | 达标 |\n"
        "| 全县 | 1.1% | ≤5% | 达标 |\n"
    )
    assert got(text) == {
        ("large_class_share", 1.3, 2023, "primary"),
        ("large_class_share", 1.1, 2023, None),
    }


def test_level_rows_with_only_count_columns_give_nothing() -> None:
    text = "学段\t学校数（所）\t在校生（人）\t专任教师（人）\n小学\t120\t60211\t3580\n初中\t30\t30120\t2311\n"
    assert ex(text) == []


def test_a_metric_column_over_rows_of_other_labels_gives_nothing() -> None:
    text = "乡镇\t班级数\t大班额比例\n城关镇\t120\t3.2%\n河口镇\t45\t1.1%\n"
    assert ex(text) == []


def test_a_level_table_with_two_metric_columns_reads_each_column() -> None:
    # each metric column gives its own metric; the count column stays ignored
    text = "学段\t班级数\t大班额比例\t生师比\n小学\t300\t2.1%\t15.2:1\n初中\t120\t3.4%\t11.6:1\n"
    assert got(text) == {
        ("large_class_share", 2.1, 2023, "primary"),
        ("large_class_share", 3.4, 2023, "junior"),
        ("student_teacher_ratio", 15.2, 2023, "primary"),
        ("student_teacher_ratio", 11.6, 2023, "junior"),
    }


def test_staffing_and_ratio_columns_over_level_rows_and_a_total_row() -> None:
    text = (
        "各学段编制情况如下：\n"
        "\n"
        "学段\t核定编制数（名）\t实有人数（名）\t编制使用率\t生师比\n"
        "幼儿园\t260\t241\t92.7%\t12.8:1\n"
        "小学\t905\t877\t96.9%\t15.3:1\n"
        "普通高中\t210\t207\t98.6%\t12.1:1\n"
        "合计\t1375\t1325\t96.4%\t—\n"
        "\n"
        "（三）教师培训\n"
    )
    assert got(text, 2024) == {
        ("staffing_usage_rate", 92.7, 2024, "kindergarten"),
        ("staffing_usage_rate", 96.9, 2024, "primary"),
        ("staffing_usage_rate", 98.6, 2024, "high_school"),
        ("staffing_usage_rate", 96.4, 2024, None),
        ("student_teacher_ratio", 12.8, 2024, "kindergarten"),
        ("student_teacher_ratio", 15.3, 2024, "primary"),
        ("student_teacher_ratio", 12.1, 2024, "high_school"),
    }


def test_a_lone_total_row_under_metric_columns_is_no_level_table() -> None:
    text = "学段\t编制使用率\t生师比\n全县\t95.1%\t14.2:1\n"
    assert ex(text) == []


def test_level_rows_carrying_their_own_year_in_a_year_column() -> None:
    # per-indicator coefficients before the composite one: only the composite column is read,
    # each row dated by its own year cell, not the report's
    text = (
        "表4 义务教育学校校际差异系数测算结果\n"
        "学段\t年份\t生均教学用房\t生均体育场馆\t综合差异系数\n"
        "小学\t2022年\t0.512\t0.474\t0.463\n"
        "小学\t2023年\t0.497\t0.455\t0.441\n"
        "初中\t2022年\t0.418\t0.391\t0.387\n"
        "初中\t2023年\t0.402\t0.376\t0.371\n"
        "注：数据来源于县教育局测算。\n"
    )
    assert got(text, 2023) == {
        ("primary_difference_coefficient", 0.463, 2022, None),
        ("primary_difference_coefficient", 0.441, 2023, None),
        ("junior_difference_coefficient", 0.387, 2022, None),
        ("junior_difference_coefficient", 0.371, 2023, None),
    }
    assert not any(v.is_target for v in ex(text, 2023))


# ---------------------------------------------------------------- year columns from their heads


def _targets(text: str, year: int) -> set[tuple[str, float, int | None, bool]]:
    return {(v.metric, v.value, v.year, v.is_target) for v in ex(text, year)}


def test_a_plan_review_table_with_a_base_year_a_current_year_and_a_target_column() -> None:
    text = (
        "表2 “十四五”主要指标完成情况\n"
        "| 指标 | 2020年（基期） | 2024年 | 2025年（目标） | 指标属性 | 完成情况 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 学前三年毛入园率（%） | 88.3 | 93.6 | 95 | 预期性 | 符合进度 |\n"
        "| 公办园在园幼儿占比（%） | 41.2 | 53.7 | ≥52 | 约束性 | 提前完成 |\n"
        "| 初中校际综合差异系数 | 0.462 | 0.398 | ≤0.38 | 预期性 | 符合进度 |\n"
        "| 儿童青少年总体近视率（%） | 56.3 | 54.0 | 每年降低1个百分点 | 约束性 | 符合进度 |\n"
        "| 一般公共预算教育支出（亿元） | 6.12 | 7.05 | 只增不减 | 约束性 | 符合进度 |\n"
        "\n"
        "三、主要做法\n"
    )
    assert _targets(text, 2024) == {
        ("preschool_gross_enrollment_rate", 88.3, 2020, False),
        ("preschool_gross_enrollment_rate", 93.6, 2024, False),
        ("preschool_gross_enrollment_rate", 95.0, 2025, True),
        ("public_kindergarten_share", 41.2, 2020, False),
        ("public_kindergarten_share", 53.7, 2024, False),
        ("public_kindergarten_share", 52.0, 2025, True),
        ("junior_difference_coefficient", 0.462, 2020, False),
        ("junior_difference_coefficient", 0.398, 2024, False),
        ("junior_difference_coefficient", 0.38, 2025, True),
        ("myopia_rate", 56.3, 2020, False),
        ("myopia_rate", 54.0, 2024, False),
        ("education_budget", 612000000.0, 2020, False),
        ("education_budget", 705000000.0, 2024, False),
    }


def test_a_plan_review_table_flattened_by_the_reader_reads_cell_by_cell() -> None:
    # the reader writes a Markdown table's cells separated by blanks
    text = (
        "指标 2019年（基期） 2022年 2025年目标 属性 评价\n"
        "普惠性幼儿园覆盖率（%） 80.6 89.9 ≥88 约束性 提前完成\n"
        "九年义务教育巩固率（%） 95.2 96.8 97 约束性 符合进度\n"
        "近视率（%） 57.0 55.2 逐年下降 约束性 符合进度\n"
    )
    assert _targets(text, 2022) == {
        ("inclusive_kindergarten_coverage", 80.6, 2019, False),
        ("inclusive_kindergarten_coverage", 89.9, 2022, False),
        ("inclusive_kindergarten_coverage", 88.0, 2025, True),
        ("compulsory_retention_rate", 95.2, 2019, False),
        ("compulsory_retention_rate", 96.8, 2022, False),
        ("compulsory_retention_rate", 97.0, 2025, True),
        ("myopia_rate", 57.0, 2019, False),
        ("myopia_rate", 55.2, 2022, False),
    }


def test_a_head_writing_its_years_with_a_blank_before_nian() -> None:
    text = "指标 2021 年（基期） 2023 年 2025 年目标 属性\n高中阶段毛入学率（%） 88.4 91.6 ≥92 预期性\n"
    assert _targets(text, 2023) == {
        ("high_school_gross_enrollment_rate", 88.4, 2021, False),
        ("high_school_gross_enrollment_rate", 91.6, 2023, False),
        ("high_school_gross_enrollment_rate", 92.0, 2025, True),
    }


def test_a_base_year_head_written_without_brackets_in_a_tab_table() -> None:
    text = (
        "指标\t2021年基准值\t2023年\t2025年规划\n"
        "九年义务教育巩固率（%）\t96.1\t97.4\t≥98\n"
        "高中阶段毛入学率（%）\t90.2\t92.5\t—\n"
    )
    assert _targets(text, 2023) == {
        ("compulsory_retention_rate", 96.1, 2021, False),
        ("compulsory_retention_rate", 97.4, 2023, False),
        ("compulsory_retention_rate", 98.0, 2025, True),
        ("high_school_gross_enrollment_rate", 90.2, 2021, False),
        ("high_school_gross_enrollment_rate", 92.5, 2023, False),
    }


def test_a_bound_marked_cell_in_a_measured_year_column_gives_nothing() -> None:
    # a bound (≥) is a target only in a plan column; under a measured year it is no value
    text = "| 指标 | 2022年 | 2023年 |\n| 学前三年毛入园率（%） | ≥85 | 91.4 |\n"
    assert _targets(text, 2023) == {("preschool_gross_enrollment_rate", 91.4, 2023, False)}


# ---------------------------------------------------------------- one cell per line, one column


def test_a_two_column_table_written_one_cell_per_line() -> None:
    text = (
        "主要指标情况如下：\n"
        "表2 2023年主要教育指标\n"
        "指标\n"
        "数值\n"
        "学前三年毛入园率\n"
        "92.15%\n"
        "普惠性幼儿园覆盖率\n"
        "88.40%\n"
        "九年义务教育巩固率\n"
        "97.02%\n"
        "（二）教师队伍\n"
    )
    assert got(text) == {
        ("preschool_gross_enrollment_rate", 92.15, 2023, None),
        ("inclusive_kindergarten_coverage", 88.4, 2023, None),
        ("compulsory_retention_rate", 97.02, 2023, None),
    }
    # the evidence keeps the line break
    v = next(v for v in ex(text) if v.metric == "compulsory_retention_rate")
    assert v.evidence == "九年义务教育巩固率\n97.02%"


def test_short_lines_without_a_value_column_head_are_not_joined() -> None:
    # a label word line and short lines that are not column heads: not a table
    text = "项目\n进展顺利\n学前三年毛入园率\n逐年提高\n"
    assert ex(text) == []
    # a lone number on the line after a metric name, with no table head above: not joined
    text = "一、学前三年毛入园率\n2\n"
    assert ex(text) == []


# ---------------------------------------------------------------- compared lists (rule 3)


def test_earlier_figures_compared_after_a_connective_and_before_xiangbi() -> None:
    # "，且与YEAR…的P和Q相比": P and Q are the two values before, for that year
    text = (
        "全县小学综合差异系数为0.372，初中综合差异系数为0.291，均低于国家标准，"
        "且与2020年县域评估时的0.455和0.384相比大幅缩小。"
    )
    assert got(text) == {
        ("primary_difference_coefficient", 0.372, 2023, None),
        ("junior_difference_coefficient", 0.291, 2023, None),
        ("primary_difference_coefficient", 0.455, 2020, None),
        ("junior_difference_coefficient", 0.384, 2020, None),
    }
    earlier = [v for v in ex(text) if v.year == 2020]
    assert all(not v.is_target for v in earlier)


def test_earlier_figures_after_bing_yu_and_tong() -> None:
    text = "全县毛入园率为94.1%，普惠率为88.6%，并与2021年的90.2%和84.7%相比均有提高。"
    assert ("preschool_gross_enrollment_rate", 90.2, 2021, None) in got(text)
    assert ("inclusive_kindergarten_coverage", 84.7, 2021, None) in got(text)
    text = "全县毛入园率为94.1%，普惠率为88.6%，同上年的91.3%、85.2%相比稳中有升。"
    assert ("preschool_gross_enrollment_rate", 91.3, 2022, None) in got(text)
    assert ("inclusive_kindergarten_coverage", 85.2, 2022, None) in got(text)
    # a value of another unit before them is not one they compare to
    text = (
        "全县有幼儿园58所，毛入园率为94.1%，普惠率为88.6%，且与2021年的90.2%和84.7%相比均有提高。"
    )
    assert ("preschool_gross_enrollment_rate", 90.2, 2021, None) in got(text)
    assert ("inclusive_kindergarten_coverage", 84.7, 2021, None) in got(text)


def test_compared_figures_that_do_not_match_the_values_give_nothing() -> None:
    # three figures for two values
    text = (
        "全县小学综合差异系数为0.372，初中综合差异系数为0.291，"
        "且与2020年的0.455、0.384和0.301相比有所缩小。"
    )
    assert {v.value for v in ex(text)} == {0.372, 0.291}
    # two figures for three values
    text = (
        "全县毛入园率为94.1%，普惠率为88.6%，公办率为52.3%，并与2021年的90.2%和84.7%相比均有提高。"
    )
    assert {v.value for v in ex(text)} == {94.1, 88.6, 52.3}
    # figures of another unit
    text = "全县毛入园率为94.1%，普惠率为88.6%，且与2021年的90.2和84.7相比均有提高。"
    assert {v.value for v in ex(text)} == {94.1, 88.6}


# ---------------------------------------------------------------- headings (rules.py)


def _plan_text(mid: str) -> str:
    return (
        "一、2023年工作成效\n全县学前三年毛入园率为92%。\n"
        "二、下一步工作计划\n全县普惠性幼儿园覆盖率达到88%。\n"
        + mid
        + "全县学前三年毛入园率达到96%，九年义务教育巩固率达到99%。\n"
    )


def test_a_line_without_hanzi_does_not_end_a_plan_section() -> None:
    # a line of dots, a lone page number, a page footer: not headings
    for mid in ("……\n", "　　……\n", "17\n", "- 4 -\n", "…… ……\n"):
        plans = {v.metric: v.is_target for v in ex(_plan_text(mid)) if v.value in (96.0, 99.0)}
        assert plans == {
            "preschool_gross_enrollment_rate": True,
            "compulsory_retention_rate": True,
        }, mid


def test_a_heading_with_hanzi_still_ends_a_plan_section() -> None:
    for mid in ("三、保障措施\n", "工作成效\n"):
        vals = [v for v in ex(_plan_text(mid)) if v.value in (96.0, 99.0)]
        assert vals and not any(v.is_target for v in vals), mid


# ---------------------------------------------------------------- level columns (小学 / 初中 heads)


def test_a_metric_row_under_a_metric_column_of_each_level() -> None:
    # each level has a mean column and a coefficient column: the metric row's value is the
    # cell under the level's column naming the metric; a dash gives nothing
    text = (
        "表4 校际均衡情况\n"
        "| 指标 | 小学均值 | 小学差异系数 | 初中均值 | 初中差异系数 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 生均图书（册） | 32.4 | 0.318 | 45.0 | 0.207 |\n"
        "| 综合差异系数 | — | 0.417 | — | 0.331 |\n"
        "\n（三）其他\n"
    )
    assert got(text) == {
        ("primary_difference_coefficient", 0.417, 2023, None),
        ("junior_difference_coefficient", 0.331, 2023, None),
    }


def test_a_standard_and_an_actual_column_per_level() -> None:
    text = (
        "指标\t小学标准\t小学实际\t初中标准\t初中实际\n"
        "综合差异系数\t0.50\t0.442\t0.45\t0.376\n"
        "二、下一步\n"
    )
    assert got(text) == {
        ("primary_difference_coefficient", 0.442, 2023, None),
        ("junior_difference_coefficient", 0.376, 2023, None),
    }


def test_one_column_per_level() -> None:
    text = (
        "| 项目 | 小学 | 初中 |\n| 综合差异系数 | 0.398 | 0.352 |\n| 生师比 | 16.1:1 | 12.4:1 |\n"
    )
    assert got(text) == {
        ("primary_difference_coefficient", 0.398, 2023, None),
        ("junior_difference_coefficient", 0.352, 2023, None),
        ("student_teacher_ratio", 16.1, 2023, "primary"),
        ("student_teacher_ratio", 12.4, 2023, "junior"),
    }


def test_a_level_spanning_a_standard_and_an_actual_column() -> None:
    # the level head spans two columns; the line under it names them
    text = (
        "| 指标 | 小学 | | 初中 | |\n"
        "| | 国家标准 | 我县 | 国家标准 | 我县 |\n"
        "| 综合差异系数 | ≤0.50 | 0.405 | ≤0.45 | 0.318 |\n"
    )
    assert got(text) == {
        ("primary_difference_coefficient", 0.405, 2023, None),
        ("junior_difference_coefficient", 0.318, 2023, None),
    }


def test_two_value_columns_of_a_level_that_name_nothing_give_nothing() -> None:
    # which of the two columns is the area's value is unknown: no value
    text = "| 指标 | 小学甲 | 小学乙 | 初中甲 | 初中乙 |\n| 综合差异系数 | 0.41 | 0.39 | 0.36 | 0.33 |\n"
    assert ex(text) == []


def test_level_columns_take_the_year_of_the_lead_in_or_the_caption() -> None:
    # the paragraph leading into the table names the one year its figures are of
    text = (
        "按2022年度统计数据测算，各项指标校际差异系数如下：\n"
        "表2 差异系数\n"
        "指标\t小学\t初中\n"
        "综合差异系数\t0.433\t0.351\n"
    )
    assert got(text, 2023) == {
        ("primary_difference_coefficient", 0.433, 2022, None),
        ("junior_difference_coefficient", 0.351, 2022, None),
    }
    # a caption naming its year
    text = "表2 差异系数（2022年）\n指标\t小学\t初中\n综合差异系数\t0.433\t0.351\n"
    assert {v.year for v in ex(text, 2023)} == {2022}
    # a lead-in naming several years dates nothing: the report's year
    text = "2021年至2022年建设情况如下：\n指标\t小学\t初中\n综合差异系数\t0.433\t0.351\n"
    assert {v.year for v in ex(text, 2023)} == {2023}


def test_a_pipe_row_wrapped_by_the_reader_does_not_end_the_table() -> None:
    # a PDF reader breaks a long row inside its last cell; the rows after it still read
    text = (
        "指标 2020年（基期） 2023年 2025年目标 属性\n"
        "学前三年毛入园率（%） 90.1 93.2 95 预期性\n"
        "| 儿童青少年总体近视率（%） | 55.1 | 53.0 | 每年下降0.5个百分点以上 | 约\n"
        "束性 |\n"
        "一般公共预算教育支出（亿元） 6.12 7.40 只增不减 约束性\n"
        "三、主要措施\n"
    )
    assert _targets(text, 2023) == {
        ("preschool_gross_enrollment_rate", 90.1, 2020, False),
        ("preschool_gross_enrollment_rate", 93.2, 2023, False),
        ("preschool_gross_enrollment_rate", 95.0, 2025, True),
        ("myopia_rate", 55.1, 2020, False),
        ("myopia_rate", 53.0, 2023, False),
        ("education_budget", 612000000.0, 2020, False),
        ("education_budget", 740000000.0, 2023, False),
    }


def test_a_row_broken_inside_a_cell_keeps_its_context_for_a_generic_word() -> None:
    # the level of the row (体质健康) is named on the line before the reader's break
    text = (
        "| 序号 | 问题 | 整改措施 | 进展 |\n"
        "| 1 | 学生体质健康水平不高 | 开展大课间活\n"
        "动，新增体育教师20名 | 已完成。2023年优良率提升至55.2% |\n"
    )
    assert got(text, 2023) == {("physical_health_excellent_rate", 55.2, 2023, None)}
    # the same row unbroken reads the same
    assert got(text.replace("活\n动", "活动"), 2023) == got(text, 2023)


def test_earlier_figures_listed_after_a_comparison_without_each_or_versus() -> None:
    text = (
        "2024年全县小学、初中校际综合差异系数分别为0.371和0.298，较2023年的0.415、0.336进一步缩小。"
    )
    got = {(v.metric, v.value, v.year) for v in extract_metrics(text, 2024)}
    assert ("primary_difference_coefficient", 0.415, 2023) in got
    assert ("junior_difference_coefficient", 0.336, 2023) in got
    assert ("junior_difference_coefficient", 0.415, 2023) not in got


def test_a_private_share_row_of_a_compulsory_level_table_gives_each_level() -> None:
    text = (
        "表2  2023年全区义务教育监测指标\n"
        "指标\t小学\t初中\n"
        "大班额比例（%）\t0.3\t1.1\n"
        "民办学校在校生占比（%）\t3.6\t4.4\n"
    )
    assert got(text, 2023) >= {
        ("private_compulsory_share", 3.6, 2023, "primary"),
        ("private_compulsory_share", 4.4, 2023, "junior"),
    }


def test_a_level_table_written_one_cell_per_line_with_count_columns() -> None:
    text = (
        "2022年全区各学段班额情况如下：\n"
        "学段\n班级数\n大班额班数\n大班额比例\n"
        "小学\n1204\n18\n1.5%\n"
        "初中\n466\n21\n4.5%\n"
        "初中大班额集中在城区学校。\n"
    )
    assert got(text, 2022) == {
        ("large_class_share", 1.5, 2022, "primary"),
        ("large_class_share", 4.5, 2022, "junior"),
    }


def test_a_level_table_of_one_metric_column_written_one_cell_per_line() -> None:
    text = "各学段生师比如下：\n学段\n生师比\n小学\n15.2:1\n初中\n11.9:1\n\n三、其他工作\n"
    assert got(text, 2022) == {
        ("student_teacher_ratio", 15.2, 2022, "primary"),
        ("student_teacher_ratio", 11.9, 2022, "junior"),
    }
    # a two-cell level table on one line each row reads the same way
    text = "各学段生师比如下：\n学段\t生师比\n小学\t15.2:1\n初中\t11.9:1\n"
    assert len(got(text, 2022)) == 2
    # short lines of levels and counts name no metric: nothing
    text = "学段\n学校数\n小学\n48\n初中\n21\n"
    assert got(text, 2022) == set()
