"""rectification: seed counts against gold.json and synthetic reports in varied styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_metadata import read_seed, wrap_joined

from reportflow.extract import extract_document
from reportflow.metadata import extract_metadata
from reportflow.models import Document
from reportflow.rectification import (
    count_evidence,
    extract_rectification,
    find_items,
    stated_counts,
    stated_statuses,
)


def _seed_problems(text_of, seeds_dir: Path, gold: dict) -> list[str]:
    problems = []
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        text = text_of(seeds_dir / name)
        meta = extract_metadata(text)
        rect = extract_rectification(text, meta.report_type)
        for key, want in g["rectification"].items():
            got = getattr(rect, key)
            if want is not None and got != want:
                problems.append(f"{name}: {key} got {got!r}, want {want!r}")
        if (
            all(v is None for v in g["rectification"].values())
            and meta.report_type != "rectification"
        ):
            # self-evaluations: nothing is judged, and nothing should be claimed either
            if rect.tasks is not None:
                problems.append(f"{name}: tasks {rect.tasks} claimed for a {meta.report_type}")
        if rect.tasks_evidence is not None:
            at = rect.tasks_char_start
            if text[at : at + len(rect.tasks_evidence)] != rect.tasks_evidence:
                problems.append(f"{name}: evidence not at its offset")
    for p in problems:
        print(p)
    return problems


def test_seed_counts(seeds_dir: Path, gold: dict) -> None:
    problems = _seed_problems(read_seed, seeds_dir, gold)
    assert not problems, "\n".join(problems)


def test_seed_counts_survive_joined_lines(seeds_dir: Path, gold: dict) -> None:
    problems = _seed_problems(lambda p: wrap_joined(p.read_text(encoding="utf-8")), seeds_dir, gold)
    assert not problems, "\n".join(problems)


def test_seed_stated_count_evidence(seeds_dir: Path) -> None:
    text = read_seed(seeds_dir / "004_d41cc051d79ffcc9.txt")
    rect = extract_rectification(text, "rectification")
    assert rect.tasks == 12
    assert "四个方面12项整改任务" in rect.tasks_evidence
    assert rect.items[0].title == "违反中央八项规定精神整改不彻底"
    assert text[rect.items[0].char_start :].startswith("违反中央八项规定精神整改不彻底”的问题")


# --------------------------------------------------------------------------- synthetic styles

NESTED = """中共某县教育局党组关于巡察反馈意见整改情况的通报

根据县委统一部署，县委第二巡察组对局党组开展了巡察。现将整改情况通报如下：

一、整改工作整体情况
1. 高度重视，迅速行动。局党组召开专题会议研究整改工作。
2. 建立台账，对账销号。逐项明确责任人和完成时限。

二、具体整改情况
（一）党的建设方面
1. 理论学习不深入。
整改措施：制定学习计划，每月集中学习一次。
整改结果：已整改，长期坚持
2. 基层党组织作用发挥不充分。
整改措施：开展支部标准化建设。
整改结果：整改推进中
（二）教育管理方面
1. 学校食堂管理不规范。
整改措施：开展专项检查，目前已整改到位的学校12所。
整改结果：正在整改
2. 违规收费问题未彻底整治。
整改措施：清退违规收费。
整改结果：已完成
3. 教师培训针对性不强。
整改措施：分层分类开展培训。
整改结果：已完成

三、下一步打算
1. 持续巩固整改成果。
2. 建立长效机制。

中共某县教育局党组
2023年12月1日
"""


def test_nested_numbering_leaves_are_items() -> None:
    rect = extract_rectification(NESTED, "rectification")
    assert [i.title for i in rect.items] == [
        "理论学习不深入",
        "基层党组织作用发挥不充分",
        "学校食堂管理不规范",
        "违规收费问题未彻底整治",
        "教师培训针对性不强",
    ]
    assert [i.status for i in rect.items] == [
        "completed", "in_progress", "in_progress", "completed", "completed",
    ]  # fmt: skip
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)
    assert rect.tasks_evidence is None
    assert [i.seq for i in rect.items] == [1, 2, 3, 4, 5]
    for item in rect.items:
        assert NESTED[item.char_start - 3 : item.char_start] in ("1. ", "2. ", "3. ")


def test_nested_numbering_with_markdown_and_joined_lines() -> None:
    md = NESTED.replace("（一）", "## （一）").replace("整改结果：", "**整改结果：**")
    for text in (md, wrap_joined(md)):
        rect = extract_rectification(text, "rectification")
        assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)


PROBLEMS = """某县人民政府关于省政府教育督导反馈问题整改情况的报告

市政府教育督导室：
省政府教育督导组反馈我县问题共十五项。我县逐项制定整改方案，已完成整改13项，其余正在推进。现将有关情况报告如下：
问题1：学前教育普惠水平偏低。
整改情况：已完成。新建公办幼儿园3所。
问题2：大班额问题突出。
整改情况：整改中，计划2024年秋季全部消除。
问题3：教师工资待遇保障不到位。
整改情况：
已整改到位
某县人民政府
二〇二三年十月九日
"""


def test_problem_style_with_stated_chinese_count() -> None:
    rect = extract_rectification(PROBLEMS, "rectification")
    assert rect.tasks == 15  # stated, not the 3 items found
    assert "共十五项" in rect.tasks_evidence
    assert PROBLEMS[rect.tasks_char_start :].startswith(rect.tasks_evidence)
    assert [i.status for i in rect.items] == ["completed", "in_progress", "completed"]
    # 3 items of 15 stated: the stated 13 done win; the rest (其余正在推进) is no count
    assert (rect.completed, rect.in_progress) == (13, None)


def test_completed_count_is_not_the_task_count() -> None:
    text = "关于整改情况的报告\n针对巡察反馈意见，已完成整改22项，正在整改1项。\n"
    assert stated_counts(text, strict=False) == []


def test_per_category_counts_are_not_the_total() -> None:
    text = (
        "关于巡察整改进展情况的通报\n对巡察组反馈的3个方面9项问题进行了整改。\n"
        "一、关于政治建设方面，共4项整改任务\n1.关于“学习不深入”的问题\n整改进展情况：已完成\n"
        "二、关于管理方面，共5项整改任务\n2.关于“管理不严”的问题\n整改进展情况：推进中\n"
    )
    rect = extract_rectification(text, "rectification")
    assert rect.tasks == 9
    assert (rect.completed, rect.in_progress, len(rect.items)) == (1, 1, 2)
    assert rect.items[0].title == "学习不深入"


def test_bracketed_statuses_and_no_stated_count() -> None:
    text = (
        "某区教育局关于督导反馈问题整改情况的报告\n"
        "一、反馈问题整改落实情况\n"
        "（一）部分学校资源配置未达标（已完成）\n整改措施：新建校舍。\n"
        "（二）音乐美术教师不足（整改中）\n整改措施：招聘教师。\n"
        "（三）学校信息化设施老化\n整改措施：更新设备。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.status for i in rect.items] == ["completed", "in_progress", "unknown"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 1, 1)


def test_items_without_any_status() -> None:
    text = (
        "关于巡察整改进展情况的通报\n"
        "1.关于“违规借调教师”的问题\n整改进展情况：\n一是清理借调人员，已完成清退。\n"
        "2.关于“财务支出不规范”的问题\n整改进展情况：\n一是规范报销流程。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (2, None, None)
    assert [i.status for i in rect.items] == ["unknown", "unknown"]


def test_items_under_a_problem_section_without_blocks() -> None:
    text = (
        "关于巡察反馈问题整改情况的报告\n一、整改工作开展情况\n1. 加强领导。成立领导小组。\n"
        "二、具体整改情况\n1. 教师配备不足。通过公开招聘补充教师。\n"
        "2. 校舍安全隐患。完成维修加固。\n三、下一步工作\n1. 巩固成果。\n"
    )
    items = find_items(text)
    assert [i.title for i in items] == ["教师配备不足", "校舍安全隐患"]


def test_self_evaluation_is_not_judged() -> None:
    text = (
        "某区人民政府自查自评报告\n三、存在问题和整改措施\n问题1：学区划分不均衡。\n"
        "整改措施：调整学区。\n问题2：民办园未缴纳五险一金。\n整改措施：加强监管。\n"
    )
    assert extract_rectification(text, "self_evaluation").to_dict() == {
        "tasks": None, "completed": None, "in_progress": None, "items": [],
    }  # fmt: skip


def test_self_evaluation_with_an_explicit_task_count() -> None:
    text = (
        "关于履行教育职责情况的自查自评报告\n针对2022年省评价反馈问题，"
        "我区共梳理整改任务8项，逐项落实。\n一、基本情况\n我区有学校35所，存在3个问题。\n"
    )
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress, rect.items) == (8, None, None, [])
    assert rect.tasks_evidence == "我区共梳理整改任务8项"


def test_other_report_without_count_is_empty() -> None:
    text = "关于2023年教育工作的总结\n全县共有学校58所，存在问题3个。\n"
    rect = extract_rectification(text, "other")
    assert rect.tasks is None and rect.items == []


def test_rectification_report_without_items_or_count() -> None:
    rect = extract_rectification("关于整改情况的报告\n我们高度重视整改工作。\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress, rect.items) == (None, None, None, [])


@pytest.mark.parametrize(
    ("clause", "n"),
    [
        ("对巡察组反馈的四个方面12项整改任务进行了集中整改", 12),
        ("巡察组共反馈问题23个", 23),
        ("督导组指出问题共计7条", 7),
        ("共反馈问题3个方面15项", 15),
        ("梳理出整改事项二十一项", 21),
        ("督导反馈的十二条意见", 12),
        ("巡察反馈问题清单共12项", 12),
    ],
)
def test_stated_count_forms(clause: str, n: int) -> None:
    text = "关于整改情况的报告\n" + clause + "，现报告如下。\n"
    found = stated_counts(text, strict=False)
    assert found, clause
    got = found[0]
    assert got[0] == n
    assert got[1] == clause
    assert text[got[2] :].startswith(clause)


def test_ordinals_are_not_counts() -> None:
    text = "关于整改情况的报告\n第一项整改任务是加强学习，每一项问题都要整改。\n"
    assert stated_counts(text, strict=False) == []


def test_ordinal_item_headings() -> None:
    text = (
        "关于督导反馈问题整改情况的报告\n"
        "第1项：教师编制不足\n整改结果：整改推进中\n"
        "第2项：校舍老化\n整改结果：已办结\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("教师编制不足", "in_progress"),
        ("校舍老化", "completed"),
    ]


def test_flat_report_overview_points_before_the_items_are_not_items() -> None:
    text = (
        "某县教育局关于督导反馈问题整改情况的报告\n"
        "1. 高度重视。成立整改领导小组。\n2. 压实责任。逐项明确责任人。\n"
        "具体整改情况如下：\n"
        "1. 学前教育资源不足。\n整改措施：新建幼儿园2所。\n整改结果：已完成\n"
        "2. 教师结构性缺编。\n整改措施：公开招聘教师。\n整改结果：持续整改\n"
        "3. 校舍维修滞后。\n整改措施：安排维修资金，\n"
        "58 所学校完成维修。\n整改结果：已整改到位\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.title for i in rect.items] == ["学前教育资源不足", "教师结构性缺编", "校舍维修滞后"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 2, 1)


def test_feedback_problem_headings_and_group_counts() -> None:
    text = (
        "关于巡视反馈意见整改落实情况的报告\n"
        "巡视组反馈问题整改清单共4大类16项，现报告如下。\n"
        "反馈问题1：资金使用不规范\n整改进展：已办结\n"
        "反馈问题2：项目推进缓慢\n整改进展：正在推进\n"
    )
    rect = extract_rectification(text, "rectification")
    assert rect.tasks == 16
    assert [i.status for i in rect.items] == ["completed", "in_progress"]


def test_item_titles_are_verbatim_at_their_offsets() -> None:
    texts = [NESTED, PROBLEMS, NESTED.replace("1. 理论学习", "1. **理论**学习")]
    for text in texts:
        for item in extract_rectification(text, "rectification").items:
            assert text[item.char_start :].startswith(item.title), item


def test_a_count_on_a_heading_line_alone_is_not_the_total() -> None:
    text = (
        "关于巡察整改进展情况的通报\n现将整改情况报告如下。\n"
        "一、关于“学习不深入”方面，共4项整改任务\n1.关于“学习不深入”的问题\n整改进展情况：已完成\n"
    )
    rect = extract_rectification(text, "rectification")
    assert rect.tasks == 1 and rect.tasks_evidence is None


def test_numbered_measures_under_items_are_not_items() -> None:
    text = (
        "关于督导反馈问题整改情况的报告\n二、整改落实情况\n"
        "（一）学前教育普惠水平不高\n1. 新建公办幼儿园。\n2. 扶持普惠性民办园。\n整改情况：已完成\n"
        "（二）教师编制不足\n1. 核定编制。\n2. 公开招聘。\n3. 县管校聘。\n整改情况：正在推进\n"
        "（三）校舍安全隐患\n1. 排查隐患。\n2. 维修加固。\n整改情况：已整改到位\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.title for i in rect.items] == ["学前教育普惠水平不高", "教师编制不足", "校舍安全隐患"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 2, 1)


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("整改结果：已整改，长期坚持", "completed"),
        ("整改情况：已完成整改", "completed"),
        ("整改结果：整改完毕", "completed"),
        ("整改状态：已销号", "completed"),
        ("整改结果 已整改到位", "completed"),
        ("完成情况：基本完成", "in_progress"),
        ("整改结果：阶段性完成，持续推进", "in_progress"),
        ("整改情况：计划于2024年底前完成", "in_progress"),
        ("整改进展：尚未完成", "in_progress"),
        ("整改结果：整改推进中", "in_progress"),
        ("整改措施：已完成教师培训", "unknown"),  # measures are not a status
        ("整改情况：县教体局于5月组织了培训，印发了文件，制定了方案，已完成", "unknown"),
    ],
)
def test_status_lines(line: str, status: str) -> None:
    text = f"关于巡察整改情况的报告\n1. 某问题\n整改措施：加强管理。\n{line}\n2. 另一问题\n整改措施：规范。\n"
    assert find_items(text)[0].status == status


# ------------------------------------------------------------- flattened tables and prose

TABLE_HEAD = (
    "某县教育局关于市级督导反馈问题整改情况的报告\n县人民政府：\n现将整改推进情况列表报告如下。\n"
)


def test_flattened_table_rows_are_items_with_their_status_cells() -> None:
    text = (
        TABLE_HEAD
        + "序号 存在问题 整改举措 完成时限 目前进度\n"
        + "1 城区小学学位紧张 新建两所小学 2024年9月 已完成\n"
        + "2 乡村教师流失较多 落实乡村教师补贴 长期 持续推进中\n"
        + "3 食堂从业人员健康证过期 集中补办 2023年11月 已整改\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("城区小学学位紧张", "completed"),
        ("乡村教师流失较多", "in_progress"),
        ("食堂从业人员健康证过期", "completed"),
    ]
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 2, 1)
    for item in rect.items:
        at = item.status_char_start
        assert text[at : at + len(item.status_evidence)] == item.status_evidence
    assert rect.items[1].status_evidence == "持续推进中"


def test_pipe_table_rows_and_a_deadline_cell_is_no_status() -> None:
    text = (
        TABLE_HEAD
        + "| 序号 | 问题 | 措施 | 状态 |\n|---|---|---|---|\n"
        + "| 1 | 心理健康教师配备不足 | 公开招聘 | 整改中 |\n"
        + "| 2 | 部分校舍存在渗漏 | 维修屋面 | 已销号 |\n"
        + "| 3 | 课后服务收费不规范 | 清理退费 | 2024年6月底前完成 |\n"
    )
    rect = extract_rectification(text, "rectification")
    # a head names the status column (状态): every numbered row is an item, a deadline in
    # its status cell says no status
    assert [(i.title, i.status) for i in rect.items] == [
        ("心理健康教师配备不足", "in_progress"),
        ("部分校舍存在渗漏", "completed"),
        ("课后服务收费不规范", "unknown"),
    ]
    assert (rect.completed, rect.in_progress) == (1, 1)
    # without a head, a deadline in the last cell makes no item
    rect = extract_rectification(
        text.replace("| 序号 | 问题 | 措施 | 状态 |\n", ""), "rectification"
    )
    assert [(i.title, i.status) for i in rect.items] == [
        ("心理健康教师配备不足", "in_progress"),
        ("部分校舍存在渗漏", "completed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("市督导组反馈的9个问题中7个已完成整改，2个正在整改中。", (9, 7, 2)),
        ("截至10月底，已完成整改11项，正在整改3项。", (14, 11, 3)),
        ("对照整改清单，6项已整改到位、2项持续推进。", (8, 6, 2)),
        ("巡察反馈问题共计10条，目前已整改完成问题8个，其余正在推进。", (10, 8, None)),
        ("其中已完成整改12项，基本完成2项，正在推进1项。", (15, 12, 3)),
    ],
)
def test_prose_summary_of_status_counts(sentence: str, counts: tuple) -> None:
    text = TABLE_HEAD + sentence + "\n一、强化组织领导\n成立专班。\n二、压实工作责任\n逐项销号。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts
    ev = count_evidence(rect, text)
    ev_text, at = ev["completed"]
    assert text[at : at + len(ev_text)] == ev_text and ev_text in sentence


def test_prose_counts_need_a_rectification_context_and_a_count_unit() -> None:
    text = TABLE_HEAD + "今年新建校舍3项已完成验收，已完成6个项目建设。\n"
    assert stated_statuses(text) is None
    rect = extract_rectification(text, "rectification")
    assert (rect.completed, rect.in_progress) == (None, None)


def test_a_prose_summary_wins_over_item_statuses() -> None:
    # two items listed, six counted in the summary: the report's own counts win
    text = (
        TABLE_HEAD
        + "已完成整改5项，正在整改1项。\n"
        + "1.教师培训经费不足\n整改结果：已完成\n2.学校安保力量薄弱\n整改结果：推进中\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (6, 5, 1)
    ev = count_evidence(rect, text)
    assert ev["completed"][0] == "已完成整改5项，正在整改1项"


def test_a_total_before_a_done_count_is_not_added_in() -> None:
    text = TABLE_HEAD + "截至目前，学校反馈的18项整改任务已完成16项，2项正在推进。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (18, 16, 2)
    text = TABLE_HEAD + "在督导指出的9个问题中，目前已整改7个，仍在整改2个。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (9, 7, 2)


def test_stated_counts_over_the_total_are_dropped() -> None:
    # 9 done + 3 ongoing cannot be out of 10 tasks: no stated counts, the items decide
    text = (
        TABLE_HEAD
        + "督导反馈问题共10个。经统计已完成整改9个，正在整改3个。\n"
        + "1.校舍维修滞后\n整改结果：已完成\n2.课后服务覆盖不足\n整改结果：整改中\n"
    )
    rect = extract_rectification(text, "rectification")
    assert rect.tasks == 10
    assert (rect.completed, rect.in_progress) == (1, 1)
    assert rect.completed + rect.in_progress <= rect.tasks


def test_stated_counts_beat_items_without_statuses() -> None:
    text = (
        TABLE_HEAD
        + "截至2022年6月底，省督导反馈的5个问题中，已完成整改4个，正在整改1个。\n"
        + "1.学位供给紧张\n新建学校一所。\n2.师资结构不优\n招聘教师。\n"
        + "3.经费保障不足\n整改结果：已完成\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 4, 1)


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("经逐条对照，共梳理出三个方面九项问题", 9),
        ("省督导组指出了3个方面10项问题", 10),
        ("督导反馈问题共计十一条", 11),
        ("对于巡察反馈的6个问题", 6),
        ("我局整改任务共有13项", 13),
        ("巡察组向我局反馈了12条反馈意见", 12),
        ("督导组反馈问题共3大类14个", 14),
    ],
)
def test_stated_totals_win_over_the_items_found(sentence: str, n: int) -> None:
    text = (
        TABLE_HEAD
        + sentence
        + "。\n1.课程开设不齐\n整改结果：已整改\n2.作业负担偏重\n整改结果：正在整改\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, len(rect.items)) == (n, 2)
    at = rect.tasks_char_start
    assert text[at : at + len(rect.tasks_evidence)] == rect.tasks_evidence
    assert rect.tasks_evidence in sentence


def test_count_metrics_point_at_status_lines_and_the_stated_total() -> None:
    text = (
        TABLE_HEAD
        + "针对督导反馈的4个问题，逐项整改。\n"
        + "1.体育场地不足\n整改措施：新建操场。\n整改结果：已完成\n"
        + "2.图书更新缓慢\n整改措施：采购图书。\n整改结果：整改推进中\n"
    )
    doc = Document(text=text, file_type="txt")
    record = extract_document(doc, report_id="x", source_path="x.txt")
    ev = {m["metric"]: (m["value"], m["evidence"], m["char_start"]) for m in record["metrics"]}
    assert ev["rectification_tasks"][:2] == (4, "针对督导反馈的4个问题")
    assert ev["rectification_completed"][:2] == (1, "整改结果：已完成")
    assert ev["rectification_in_progress"][:2] == (1, "整改结果：整改推进中")
    for _, e, at in ev.values():
        assert text[at : at + len(e)] == e


def test_table_rows_with_glued_numbers_and_a_deadline_column_is_no_status() -> None:
    glued = TABLE_HEAD + "1城区学校班额偏大 分流 已完成\n2体育教师不足 招聘 正在推进\n"
    rect = extract_rectification(glued, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("城区学校班额偏大", "completed"),
        ("体育教师不足", "in_progress"),
    ]
    deadline_column = (
        TABLE_HEAD
        + "1 师德师风建设不够 完善考核 长期坚持\n"
        + "2 校园安全排查不细 建立台账 2024年3月\n"
        + "3 课后服务质量不高 丰富课程 2024年年底前\n"
    )
    assert find_items(deadline_column) == []


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("督导反馈的7个问题已全部整改完成。", (7, 7, None)),
        ("我局确保巡察反馈的7个问题全部完成整改。", (7, None, None)),
    ],
)
def test_all_done_is_a_count_but_a_goal_is_not(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_table_rows_joined_by_the_reader_are_split_again() -> None:
    raw = (
        TABLE_HEAD
        + "序号 问题 措施 时限 进度\n"
        + "1 学校操场面积不达标 扩建操场 2024年8月 已完成\n"
        + "2 部分教师培训学时不足 补训 2024年3月 整改中\n"
        + "\n某县教育局\n2023年12月1日\n"
    )
    text = _as_read(raw)
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("学校操场面积不达标", "completed"),
        ("部分教师培训学时不足", "in_progress"),
    ]
    for item in rect.items:
        at = item.status_char_start
        assert text[at : at + len(item.status_evidence)] == item.status_evidence


HEADED_TABLE = (
    TABLE_HEAD
    + "督导组共反馈问题4个。\n"
    + "序号|问题|整改措施|完成情况\n"
    + "1|城区部分小学学位供给紧张，班额偏大（实验小学等3所学校）|新建城东小学，新增学位1350个，"
    + "调整学区划片|已完成\n"
    + "2|乡村学校音体美专任教师数量不足|通过县管校聘统筹调配教师28名，另招聘音体美教师16名|"
    + "持续推进中\n"
    + "3|部分学校食堂管理制度不健全|修订食堂管理办法，开展专项检查两轮，问题全部整改|已完成\n"
    + "4|校园安全隐患排查不够细致|建立隐患排查台账，对排查出的12处隐患逐一销号|整改中\n"
    + "\n下一步，我局将持续巩固整改成果。\n"
)


@pytest.mark.parametrize("read", [False, True])
def test_a_headed_pipe_table_reads_statuses_from_its_status_column(read: bool) -> None:
    # the reader joins long rows into one line (…|已完成2|乡村学校…): still one row per item
    text = _as_read(HEADED_TABLE) if read else HEADED_TABLE
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("城区部分小学学位供给紧张，班额偏大（实验小学等3所学校）", "completed"),
        ("乡村学校音体美专任教师数量不足", "in_progress"),
        ("部分学校食堂管理制度不健全", "completed"),
        ("校园安全隐患排查不够细致", "in_progress"),
    ]
    assert (rect.tasks, rect.completed, rect.in_progress) == (4, 2, 2)
    for item in rect.items:
        at = item.status_char_start
        assert text[at : at + len(item.status_evidence)] == item.status_evidence
    assert rect.items[1].status_evidence == "持续推进中"


def test_a_headed_table_status_column_need_not_be_last_and_a_deadline_is_none() -> None:
    text = (
        TABLE_HEAD
        + "序号|反馈问题|完成时限|完成情况|责任单位\n"
        + "1|部分幼儿园保教人员持证率偏低|2024年6月|已完成|县教育局\n"
        + "2|学生体质健康优良率不高|2024年12月|目前正在推进，计划年底前完成|县教育局\n"
        + "3|课后服务覆盖面不广|2024年9月|2024年9月|各学校\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("部分幼儿园保教人员持证率偏低", "completed"),
        ("学生体质健康优良率不高", "in_progress"),
        ("课后服务覆盖面不广", "unknown"),
    ]
    # a deadline column alone (完成时限) is no status column
    no_status = text.replace("完成情况", "整改措施")
    assert find_items(no_status) == []


def _as_read(raw: str) -> str:
    """The text as the pipeline sees it (the readers' normalisation joins wrapped lines)."""
    from reportflow.readers import normalise_text

    return normalise_text(raw)


# ------------------------------------------------- bracketed statuses and ranked status lines


def test_headings_closed_by_a_bracketed_status_are_items_without_labelled_blocks() -> None:
    names = ["课程思政建设推进迟缓", "校园欺凌防治机制不全", "午餐配送监管缺位", "教研力量薄弱"]
    marks = ["（已整改）", "（已完成）", "（基本完成）", "（整改中）"]
    body = "".join(
        f"{k}.{n}{m}\n组织专班研究对策，逐校督促落实，取得阶段成效。\n"
        for k, (n, m) in enumerate(zip(names, marks, strict=True), 1)
    )
    # the first point alone carries a deadline line: it must not decide which points are items
    body = body.replace("成效。\n", "成效。\n完成时限：2024年12月\n", 1)
    text = (
        "某旗教育局关于教育督导问题整改情况的报告\n一、总体情况\n成立工作专班。\n二、问题整改\n"
        + body
    )
    rect = extract_rectification(text, "rectification")
    assert [i.title for i in rect.items] == names
    assert [i.status for i in rect.items] == [
        "completed",
        "completed",
        "in_progress",
        "in_progress",
    ]
    assert (rect.tasks, rect.completed, rect.in_progress) == (4, 2, 2)
    for item in rect.items:
        at = item.status_char_start
        assert text[at : at + len(item.status_evidence)] == item.status_evidence


def test_a_lone_bracketed_heading_does_not_make_items() -> None:
    text = (
        "关于巡察整改情况的报告\n1.总体推进情况（已完成）\n召开推进会。\n2.下步打算\n巩固成果。\n"
    )
    assert find_items(text) == []


@pytest.mark.parametrize(
    ("lines", "status"),
    [
        # a progress line narrating measures (with 计划 inside) loses to the result line
        (
            ["整改情况：一是已完成首批轮训，二是修订培训制度", "整改结果：正在整改，持续推进"],
            "in_progress",
        ),
        # a sub-action said done is weaker than an explicit state line
        (["整改进展：已完成两所村小的合并论证", "目前状态：序时推进"], "in_progress"),
        (["办理结果：已办结", "整改情况：拟于明年春季完成余下工程"], "completed"),
        (["整改情况：县里统筹资金，完成了屋面防水改造"], "unknown"),
        (["整改进展：截至目前，已全部整改"], "completed"),
        (["整改结果：长期坚持"], "completed"),
    ],
)
def test_result_labels_beat_progress_labels(lines: list[str], status: str) -> None:
    block = "\n".join(lines)
    text = (
        f"关于审计整改情况的报告\n（一）专项资金拨付滞后\n整改措施：建立拨付台账。\n{block}\n"
        "（二）票据管理不严\n整改措施：统一票据领用。\n"
    )
    assert find_items(text)[0].status == status


def test_no_status_anywhere_leaves_the_counts_null() -> None:
    text = (
        "某县人民政府关于督导反馈问题整改情况的报告\n一、问题整改情况\n"
        "（一）寄宿条件简陋\n整改措施：计划分两年改造宿舍楼，今年完成一栋。\n"
        "整改情况：县发改局按计划立项，完成了设计招标。\n"
        "（二）校医配备不足\n整改措施：与卫健部门联合招聘，力争年内完成。\n"
        "整改情况：方案已报县政府审定。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.status for i in rect.items] == ["unknown", "unknown"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (2, None, None)


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("已于2023年11月完成整改", "completed"),
        ("2024年3月底已全部整改到位", "completed"),
        ("目前，该问题已按期整改完成", "completed"),
        ("完成。", "completed"),
        ("完成了两栋宿舍楼的屋面改造", "unknown"),  # a measure, not a state
        ("一是已完成首轮排查，二是建立长效机制", "unknown"),
        ("已基本完成，剩余1所学校年内改造", "in_progress"),
    ],
)
def test_a_status_must_open_the_label_text(said: str, status: str) -> None:
    text = (
        f"关于巡视整改情况的报告\n1. 宿舍条件差\n整改措施：改造宿舍。\n整改进展：{said}\n"
        "2. 食堂设备陈旧\n整改措施：更新设备。\n"
    )
    assert find_items(text)[0].status == status


def test_deadline_lines_make_items_only_when_nothing_else_does() -> None:
    text = (
        "关于督导问题整改情况的报告\n二、整改落实情况\n"
        "1.校园周边交通秩序乱\n联合交警设置护学岗。\n整改时限：2024年9月\n"
        "2.实验室仪器配备不足\n采购仪器设备一批。\n整改时限：2024年12月\n"
    )
    assert [i.title for i in find_items(text)] == ["校园周边交通秩序乱", "实验室仪器配备不足"]


def test_a_bracketed_status_may_close_the_first_sentence_of_a_heading_line() -> None:
    text = (
        "关于审计发现问题整改情况的通报\n一、整改落实情况\n"
        "（一）资产台账不清（已整改到位）。对全系统资产逐项清查，整改时限：2023年10月。\n"
        "（二）专项资金结余过多（正在推进）。已督促项目单位加快支出。\n"
        "二、下步打算\n持续跟踪问效。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == [
        ("资产台账不清", "completed"),
        ("专项资金结余过多", "in_progress"),
    ]


def _rect_rows(text: str) -> dict[str, tuple[float, int | None]]:
    doc = Document(text=text, file_type="txt")
    record = extract_document(doc, report_id="x", source_path="x.txt")
    return {
        m["metric"]: (m["value"], m["year"])
        for m in record["metrics"]
        if m["metric"].startswith("rectification_")
    }


def test_counts_take_the_as_of_year_of_their_sentence() -> None:
    text = (
        "某县人民政府关于省级督导反馈问题整改情况的报告\n"
        "2022年9月，省督导组来我县开展实地督导。截至2022年12月底，反馈的8个问题中，"
        "已完成整改6个，正在整改2个。\n"
        "某县人民政府\n2023年3月2日\n"
    )
    rows = _rect_rows(text)
    assert rows["rectification_tasks"] == (8, 2022)
    assert rows["rectification_completed"] == (6, 2022)
    assert rows["rectification_in_progress"] == (2, 2022)


def test_an_event_date_in_its_own_clause_is_not_the_count_year() -> None:
    text = (
        "某县人民政府关于省级督导反馈问题整改情况的报告\n"
        "2022年9月，省督导组反馈了经费保障等方面5个问题。目前，5个问题已全部整改完成。\n"
        "某县人民政府\n2023年3月2日\n"
    )
    rows = _rect_rows(text)
    assert rows["rectification_tasks"] == (5, 2023)
    assert rows["rectification_completed"] == (5, 2023)


@pytest.mark.parametrize(
    "event",
    [
        "2023年县政府履行教育职责评价",
        "2023年省级督导",
        "2023年市委第二巡察组巡察",
        "2023年专项审计",
    ],
)
def test_a_year_dating_the_inspection_is_not_the_count_year(event: str) -> None:
    text = (
        "某县人民政府关于2024年度履行教育职责情况的自评报告\n"
        "一、上年度反馈问题整改情况\n"
        f"对照{event}反馈的6个问题，县政府逐项制定整改措施。截至目前，已整改完成4个，"
        "2个问题正在整改中。\n"
        "某县人民政府\n2024年12月2日\n"
    )
    rows = _rect_rows(text)
    assert rows["rectification_tasks"] == (6, 2024)
    assert rows["rectification_completed"] == (4, 2024)
    assert rows["rectification_in_progress"] == (2, 2024)


def test_an_as_of_date_still_dates_counts_said_of_an_inspection_of_its_year() -> None:
    text = (
        "某县人民政府关于督导反馈问题整改情况的报告\n"
        "截至2023年11月底，2023年省级督导反馈的6个问题中，已完成整改5个，正在整改1个。\n"
        "某县人民政府\n2024年1月8日\n"
    )
    rows = _rect_rows(text)
    assert rows["rectification_tasks"] == (6, 2023)
    assert rows["rectification_completed"] == (5, 2023)


def test_a_year_in_the_counts_own_clause_without_an_inspection_still_dates_it() -> None:
    text = (
        "某县人民政府关于督导反馈问题整改情况的报告\n"
        "县教育局2023年共梳理整改任务9项，已完成整改7项，正在整改2项。\n"
        "某县人民政府\n2024年1月8日\n"
    )
    rows = _rect_rows(text)
    assert rows["rectification_tasks"] == (9, 2023)


CLOSING = """某县人民政府关于督导反馈问题整改情况的报告
一、具体整改情况
1.乡村学校图书配备不足。补充图书1.2万册。已整改。
2.食堂管理不规范。修订管理制度，开展专项检查，目前已完成整改。
3.心理健康教师短缺。
该项正在整改。
4.薄改资金拨付滞后。县财政已全部完成支付。
5.校车运力紧张。此问题正在整改。
6.寄宿条件较差。整改推进中。
二、下一步工作
持续巩固成果。
"""


def test_a_status_closing_the_paragraph_is_the_items_status() -> None:
    items = find_items(CLOSING)
    assert [i.status for i in items] == [
        "completed",
        "completed",
        "in_progress",
        "unknown",  # 已全部完成支付 is a measure
        "in_progress",
        "in_progress",
    ]
    assert items[1].status_evidence == "目前已完成整改"
    at = items[1].status_char_start
    assert CLOSING[at : at + len("目前已完成整改")] == "目前已完成整改"


def test_a_number_glued_to_a_count_continues_the_item_sequence() -> None:
    text = (
        "某县人民政府关于督导反馈问题整改情况的报告\n一、具体整改情况\n"
        "1.校园安保力量不足。\n整改结果：已完成\n"
        "2.3所乡镇中学实验室闲置。\n整改结果：整改推进中\n"
        "3.课后服务收费不规范。\n整改结果：已完成\n"
        "二、下一步打算\n今年全县教育投入达到\n"
        "4.5亿元，同比增长。\n"
    )
    items = find_items(text)
    assert [i.title for i in items] == [
        "校园安保力量不足",
        "3所乡镇中学实验室闲置",
        "课后服务收费不规范",
    ]
    assert [i.status for i in items] == ["completed", "in_progress", "completed"]


CATEGORIES = """某县人民政府关于市级督导反馈问题整改情况的报告
一、整改工作总体情况
成立整改专班，建立问题台账。
二、反馈问题整改情况
（一）关于办学条件方面的问题
1.部分学校运动场地不达标。改造塑胶跑道3条。已整改。
2.功能教室配备不足。采购实验设备，该问题正在整改。
（二）关于教师队伍方面的问题
1.乡村教师周转房紧缺。新建周转房40套。
三、下一步打算
压实责任。
"""


def test_numbered_problems_under_categories_are_the_items() -> None:
    items = find_items(CATEGORIES)
    assert [i.title for i in items] == [
        "部分学校运动场地不达标",
        "功能教室配备不足",
        "乡村教师周转房紧缺",
    ]
    assert [i.status for i in items] == ["completed", "in_progress", "unknown"]
    rect = extract_rectification(CATEGORIES, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 1, 1)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("巡察反馈问题共12项。第1-9项已完成整改。10至12项涉及新建校舍，目前正在整改。", (12, 9, 3)),
        ("反馈问题共6项，其中第1至4项已整改到位，第5-6项持续推进。", (6, 4, 2)),
    ],
)
def test_items_said_done_by_their_numbers_count_their_range(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_a_range_line_gives_its_items_a_status() -> None:
    text = (
        TABLE_HEAD
        + "一、反馈问题整改情况\n1.食堂设施陈旧。更换灶具。已整改。\n2.图书更新慢。采购图书。\n"
        + "3.操场积水。铺设排水管。\n第2-3项已全部整改到位。\n二、下一步工作\n巩固成果。\n"
    )
    items = find_items(text)
    rect = extract_rectification(text, "rectification")
    assert len(items) == 3
    assert [i.status for i in rect.items] == ["completed", "completed", "completed"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 3, 0)


def test_a_status_after_a_measures_line_closes_the_item() -> None:
    text = (
        "某县教育局关于巡察反馈问题整改情况的报告\n"
        "1.学生资助台账不全\n整改措施：重新核对受助名单。目前已完成整改。\n"
        "2.安全隐患排查不彻底\n整改措施：开展拉网式排查，已全部完成排查。\n"
    )
    assert [i.status for i in find_items(text)] == ["completed", "unknown"]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("巡察反馈的12个问题中已完成整改9个，3个问题需长期推进、仍在持续整改。", (12, 9, 3)),
        ("督导反馈问题8项，已整改6项，2项需要长期推进、正在加快推进。", (8, 6, 2)),
    ],
)
def test_a_count_said_ongoing_by_two_joined_status_phrases(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("对照督导反馈的9个问题，已全部完成整改7个，其余2个正在整改中。", (9, 7, 2)),
        ("督导反馈问题共10项，已完成8项，剩余2项正在加快推进。", (10, 8, 2)),
        ("督导反馈问题4项，4项整改任务已全部完成。", (4, 4, None)),
    ],
)
def test_a_rest_count_is_read_once(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_stated_counts_carry_their_sentence_and_year_over_partial_items() -> None:
    text = (
        "某县人民政府关于省级督导反馈问题整改情况的报告\n"
        "截至2021年10月底，督导反馈的6个问题中，已完成整改5个，正在整改1个。\n"
        "一、反馈问题整改情况\n"
        "1.校舍老旧。维修校舍。已整改。\n2.师资紧缺。招聘教师。\n3.经费不足。追加预算。\n"
        "二、下一步工作\n巩固成果。\n某县人民政府\n2022年1月8日\n"
    )
    doc = Document(text=text, file_type="txt")
    record = extract_document(doc, report_id="x", source_path="x.txt")
    rows = {m["metric"]: m for m in record["metrics"] if m["metric"].startswith("rectification_")}
    sentence = "截至2021年10月底，督导反馈的6个问题中，已完成整改5个，正在整改1个"
    for key, value in (("completed", 5), ("in_progress", 1)):
        row = rows[f"rectification_{key}"]
        assert (row["value"], row["year"], row["evidence"]) == (value, 2021, sentence)
        assert text[row["char_start"] :].startswith(sentence)
    assert (rows["rectification_tasks"]["value"], rows["rectification_tasks"]["year"]) == (6, 2021)


def test_a_closing_status_before_a_trailing_responsibility_line() -> None:
    text = (
        "某县人民政府关于督导反馈问题整改情况的报告\n一、反馈问题整改情况\n"
        "1.劳动教育课时不足。开齐开足劳动课。目前已完成整改。\n责任单位：县教育局\n"
        "2.近视防控不到位。开展视力筛查。（整改推进中）\n责任单位：县卫健局\n"
        "二、下一步工作\n巩固成果。\n"
    )
    assert [i.status for i in find_items(text)] == ["completed", "in_progress"]


MIXED = """某县人民政府关于市级督导反馈问题整改情况的报告
一、问题整改落实情况
（一）关于经费保障方面的问题
1.生均公用经费拨付不及时。
整改结果：已完成
2.教师绩效工资核定偏低。调整核定标准，该问题正在整改。
3.学校债务化解缓慢。
（二）关于学校管理方面的问题
1.作业管理不规范。
整改结果：已完成
（三）关于队伍建设方面的问题
1.骨干教师流失。出台激励办法。
二、下一步工作
久久为功。
"""


def test_every_problem_under_categories_is_an_item_labelled_or_not() -> None:
    items = find_items(MIXED)
    assert [i.title for i in items] == [
        "生均公用经费拨付不及时",
        "教师绩效工资核定偏低",
        "学校债务化解缓慢",
        "作业管理不规范",
        "骨干教师流失",
    ]
    assert [i.status for i in items] == [
        "completed",
        "in_progress",
        "unknown",
        "completed",
        "unknown",
    ]


def test_done_and_ongoing_never_exceed_the_tasks() -> None:
    over = (
        TABLE_HEAD
        + "督导反馈问题共2个。\n"
        + "1.厕所改造滞后\n整改结果：已完成\n2.饮水设施老化\n整改结果：已完成\n"
        + "3.宿舍床位不足\n整改结果：整改中\n"
    )
    rect = extract_rectification(over, "rectification")
    assert rect.tasks == 2
    assert (rect.completed, rect.in_progress) == (None, None)
    for text in (PROBLEMS, CLOSING, CATEGORIES, MIXED, over):
        rect = extract_rectification(text, "rectification")
        if rect.tasks is not None:
            assert (rect.completed or 0) + (rect.in_progress or 0) <= rect.tasks


def test_a_count_inside_an_item_does_not_override_item_statuses() -> None:
    text = (
        TABLE_HEAD
        + "1.校园安全隐患较多\n整改措施：全面排查，梳理出隐患问题9个，已完成整改7个。\n"
        + "整改结果：整改推进中\n2.食堂管理不规范\n整改结果：已完成\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (2, 1, 1)


def test_a_count_inside_the_last_items_measures_counts_no_tasks() -> None:
    text = (
        "某县关于督导评估反馈问题整改情况的报告\n"
        "督导组对我县义务教育工作给予肯定，同时反馈了3个方面的问题。现将整改情况报告如下。\n"
        "一、反馈问题整改情况\n"
        "（一）学校食堂管理不规范。\n整改措施：修订食堂管理制度。\n整改结果：已完成整改。\n"
        "（二）心理健康教师短缺。\n整改措施：招聘专职心理教师6名。\n整改结果：持续整改。\n"
        "（三）课后服务内容单一。\n整改措施：开展专项检查，纠正问题15项；丰富课程。\n"
        "整改结果：已整改到位。\n"
        "二、下一步打算\n巩固整改成果。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 2, 1)


def test_items_numbered_beyond_those_found_add_to_their_counts() -> None:
    text = (
        TABLE_HEAD
        + "一、反馈问题整改情况\n1.教室照明不达标。更换灯具。已整改。\n"
        + "2.校医配备不足。招聘校医。该问题正在整改。\n"
        + "3至5项涉及校舍安全，目前已全部整改到位。\n二、下一步工作\n巩固成果。\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.completed, rect.in_progress) == (4, 1)


def test_item_statuses_are_the_counts_when_every_item_states_one() -> None:
    # EXTRACT.md: completed / in_progress are counts of item statuses; a summary that reads
    # 长期坚持 differently does not override items that all say their status
    text = (
        TABLE_HEAD
        + "反馈的3个问题已完成整改2个，其余1个需长期坚持。\n"
        + "1.校舍维修不及时\n整改结果：已完成\n"
        + "2.食堂管理不规范\n整改结果：已整改\n"
        + "3.师德师风教育不经常\n整改结果：长期坚持\n"
    )
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (3, 3, 0)


SELF_WITH_SECTION = """某县人民政府关于2024年度履行教育职责情况的自查自评报告
一、基本情况
全县共有中小学校41所，在校学生2.8万人。
二、履职情况
（一）保障经费投入。全年教育支出4.2亿元。
（二）新建学校。新建小学1所，新增学位1350个。
五、上一轮督导反馈问题整改情况
针对2023年市级督导反馈的问题，我县制定整改方案，明确责任单位和完成时限。
1.关于公办园占比偏低的问题。新建公办幼儿园2所。
2.关于教师招聘不足的问题。招聘教师86名。
截至目前，上一轮督导反馈的8个问题已全部整改到位。
六、下一步打算
持续巩固提升。
某县人民政府
2024年11月28日
"""


@pytest.mark.parametrize("report_type", ["self_evaluation", "rectification"])
def test_a_stated_all_done_total_in_a_self_evaluation_section(report_type: str) -> None:
    # all stated tasks done: no ongoing count is stated (None, not 0)
    rect = extract_rectification(SELF_WITH_SECTION, report_type)
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, 8, None)
    assert "8个问题" in rect.tasks_evidence
    text = SELF_WITH_SECTION.replace("已全部整改到位", "已整改完成")
    rect = extract_rectification(text, report_type)
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, 8, None)


def test_a_self_evaluation_claims_no_counts_from_its_body() -> None:
    text = SELF_WITH_SECTION.replace("截至目前，上一轮督导反馈的8个问题已全部整改到位。\n", "")
    text = text.replace("新建小学1所", "新建校舍3项已完成验收")
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress, rect.items) == (None, None, None, [])


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("督导组反馈我县问题共13项。已完成9项，其余4项正按时序推进。", (13, 9, 4)),
        ("针对督导反馈的7个问题，已完成整改4个，其余3项正在加快推进。", (7, 4, 3)),
        ("巡察反馈的5个问题中，3个问题已整改到位，剩余2个问题持续整改中。", (5, 3, 2)),
        ("督导反馈问题共12项，大部分已整改到位，其余3项正按时序推进。", (12, 9, 3)),
        ("巡察反馈问题共9个。目前，剩余2个问题仍在整改中。", (9, 7, 2)),
        # the ongoing phrase after a clause saying what the rest are
        (
            "巡察反馈问题共11项，已整改到位8项，其余3项涉及学校布局调整，目前正按序时推进。",
            (11, 8, 3),
        ),
        ("督导反馈问题共6个。其余2个问题难度较大，仍在持续推进整改。", (6, 4, 2)),
        # ... or after two such clauses
        (
            "督导反馈的8个问题中，已完成整改6个，另有2个因涉及校舍新建，需跨年度实施，正在持续整改。",
            (8, 6, 2),
        ),
        # ... but not when that clause says them done or counts something else
        (
            "巡察反馈问题共10个，已完成整改8个，其余2个已于近期完成验收，持续推进长效管理。",
            (10, 8, None),
        ),
        # the rest's own clause says it ongoing: a status in the clause after is no part of it
        (
            "督导反馈的20个问题已整改到位17个，剩余3个问题正在按序时持续推进，需长期坚持的事项已建立台账。",
            (20, 17, 3),
        ),
    ],
)
def test_the_rest_said_ongoing_after_a_total(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_a_rest_without_a_total_or_a_bare_done_count_elsewhere_derives_nothing() -> None:
    text = TABLE_HEAD + "今年新建校舍5项。已完成3项，其余2项正在推进。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.completed, rect.in_progress) == (None, None)
    # the rest of a list that is no count of tasks derives no done count
    text = TABLE_HEAD + "巡察反馈问题共10个。\n全县新建学校5所，其余2所正在推进。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (10, None, None)


def test_the_rest_of_a_total_in_a_self_evaluation() -> None:
    text = SELF_WITH_SECTION.replace(
        "截至目前，上一轮督导反馈的8个问题已全部整改到位。",
        "截至目前，上一轮督导反馈的8个问题已完成6个，其余2个正在加快推进。",
    )
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, 6, 2)
    text = SELF_WITH_SECTION.replace(
        "截至目前，上一轮督导反馈的8个问题已全部整改到位。",
        "截至目前，上一轮督导反馈问题共8个，其余3项正按时序推进。",
    )
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, 5, 3)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("市督导组反馈的7个问题中，6个已整改完成，“校舍不足”问题仍在整改中。", (7, 6, 1)),
        ("督导反馈问题共9个，已完成整改7个，“师资短缺”和“食堂老旧”问题正在推进中。", (9, 7, 2)),
        ("巡察反馈的4个问题中，“财务不规范”问题已整改到位，其余3个正在整改。", (4, 1, 3)),
    ],
)
def test_a_named_problem_beside_counts_is_one_item(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_a_named_problem_alone_is_no_count() -> None:
    text = TABLE_HEAD + "督导反馈问题共5个。\n“大班额”问题仍在整改中。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, None, None)


LAST_STATUS = """某县教育局关于督导反馈问题整改情况的报告
一、反馈问题整改情况
1.课后服务覆盖面不广
整改措施：扩大课后服务范围。
整改进展：一是制定实施方案；二是逐校督促落实。目前该问题已整改完成。
2.乡村学校图书陈旧
整改进展：已采购图书1.2万册，该项整改正在推进中。
3.校园监控存在盲区
整改情况：县教育局增设摄像头。该问题已于2024年3月整改到位。
4.教师培训经费不足
追加培训经费，开展分层培训。
截至目前，此项问题已整改到位。
5.学生体质监测不规范
规范监测流程。该项整改工作正在推进中。
二、下一步工作
巩固整改成果。
"""


def test_the_last_status_sentence_when_no_label_opens_with_a_status() -> None:
    items = find_items(LAST_STATUS)
    assert [i.title for i in items] == [
        "课后服务覆盖面不广",
        "乡村学校图书陈旧",
        "校园监控存在盲区",
        "教师培训经费不足",
        "学生体质监测不规范",
    ]
    assert [i.status for i in items] == [
        "completed",
        "in_progress",
        "completed",
        "completed",
        "in_progress",
    ]
    for item in items:
        at = item.status_char_start
        assert LAST_STATUS[at : at + len(item.status_evidence)] == item.status_evidence
    rect = extract_rectification(LAST_STATUS, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)


def test_a_label_text_of_measures_alone_says_no_status() -> None:
    text = LAST_STATUS.replace("目前该问题已整改完成。", "二是完成了校舍改造。")
    assert find_items(text)[0].status == "unknown"


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("整改进展：已完成方案初稿起草，正在征求相关部门意见", "in_progress"),
        ("整改结果：已完成项目选址，目前正在开展施工招标", "in_progress"),
        ("整改进展：已于2024年5月完成立项，仍在办理用地手续", "in_progress"),
        ("整改结果：已完成整改，正在巩固提升", "completed"),
        ("整改结果：已完成，正在建立长效机制", "completed"),
        ("整改结果：已完成教师招聘，新教师已全部到岗", "completed"),
    ],
)
def test_a_step_done_while_another_goes_on_is_in_progress(said: str, status: str) -> None:
    text = TABLE_HEAD + "1.学校布局调整滞后\n" + said + "\n2.校舍维修不及时\n整改结果：已完成\n"
    assert find_items(text)[0].status == status


def test_a_closing_sentence_with_a_step_done_and_another_going_on() -> None:
    text = (
        TABLE_HEAD
        + "一、反馈问题整改情况\n1.学校布局调整滞后。制定布局规划，已完成初稿起草，正在征求意见。\n"
        + "2.食堂设施陈旧。更换灶具。已整改。\n二、下一步工作\n巩固成果。\n"
    )
    assert [i.status for i in find_items(text)] == ["in_progress", "completed"]


TOPICS_HEAD = "某县人民政府关于督导反馈问题整改情况的报告\n现将整改情况报告如下：\n"
TOPIC_LEAVES = [
    ("师资配备不足", "completed"),
    ("课后服务单一", "in_progress"),
    ("校舍维修滞后", "completed"),
    ("食堂管理粗放", "in_progress"),
    ("近视防控不力", "completed"),
]


@pytest.mark.parametrize(
    "text",
    [
        # top-level topics, problems closing on their status, no section heading
        TOPICS_HEAD
        + "一、关于教师队伍方面的问题\n1.师资配备不足。招聘教师。目前已整改完成。\n"
        + "2.课后服务单一。丰富课程。该问题正在整改。\n"
        + "二、关于办学条件方面的问题\n1.校舍维修滞后。维修校舍。已整改。\n"
        + "2.食堂管理粗放。建立制度。整改推进中。\n3.近视防控不力。开展筛查。已整改。\n",
        # topics carrying a block of their own (责任单位) above their problems
        TOPICS_HEAD
        + "一、关于教师队伍方面的问题\n责任单位：县教育局\n1.师资配备不足。招聘教师。目前已整改完成。\n"
        + "2.课后服务单一。丰富课程。该问题正在整改。\n"
        + "二、关于办学条件方面的问题\n责任单位：县教育局\n1.校舍维修滞后。维修校舍。已整改。\n"
        + "2.食堂管理粗放。建立制度。整改推进中。\n3.近视防控不力。开展筛查。已整改。\n",
        # （一） topics with a measures line, problems in one sentence each
        TOPICS_HEAD
        + "（一）关于教师队伍方面\n整改措施：补齐短板。\n1.师资配备不足。招聘教师，目前已整改完成。\n"
        + "2.课后服务单一。丰富课程，该问题正在整改。\n"
        + "（二）关于办学条件方面\n整改措施：改善条件。\n1.校舍维修滞后。维修校舍。已整改。\n"
        + "2.食堂管理粗放。建立制度。整改推进中。\n3.近视防控不力。开展筛查。已整改。\n",
        # topics without a category word under a problems section, problems with statuses
        TOPICS_HEAD
        + "二、具体整改情况\n（一）教师队伍建设薄弱\n1.师资配备不足。招聘教师。目前已整改完成。\n"
        + "2.课后服务单一。丰富课程。该问题正在整改。\n"
        + "（二）办学条件有待改善\n1.校舍维修滞后。维修校舍。已整改。\n"
        + "2.食堂管理粗放。建立制度。整改推进中。\n3.近视防控不力。开展筛查。已整改。\n"
        + "三、下一步工作\n巩固成果。\n",
    ],
)
def test_topic_headings_grouping_problems_are_not_items(text: str) -> None:
    rect = extract_rectification(text, "rectification")
    assert [(i.title, i.status) for i in rect.items] == TOPIC_LEAVES
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)


def test_top_level_topics_without_statuses_still_give_their_problems() -> None:
    text = (
        TOPICS_HEAD
        + "一、关于教师队伍方面的问题\n1.师资配备不足。招聘教师。\n2.课后服务单一。丰富课程。\n"
        + "二、关于办学条件方面的问题\n1.校舍维修滞后。维修校舍。\n"
    )
    items = find_items(text)
    assert [i.title for i in items] == ["师资配备不足", "课后服务单一", "校舍维修滞后"]
    assert {i.status for i in items} == {"unknown"}


def test_a_self_evaluation_section_says_its_done_count_in_a_later_paragraph() -> None:
    text = SELF_WITH_SECTION.replace(
        "针对2023年市级督导反馈的问题，", "2023年市级督导反馈我县问题8个，"
    ).replace(
        "截至目前，上一轮督导反馈的8个问题已全部整改到位。", "截至目前，8个问题均已整改到位。"
    )
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, 8, None)
    # a count said in a later section of the report is no part of it
    text = (
        SELF_WITH_SECTION.replace(
            "针对2023年市级督导反馈的问题，", "2023年市级督导反馈我县问题8个，"
        )
        .replace("截至目前，上一轮督导反馈的8个问题已全部整改到位。\n", "")
        .replace("持续巩固提升。", "对照自查发现的5个问题，已完成整改3个。")
    )
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (8, None, None)


SELF_WITH_INDICATORS = """某县人民政府关于2023年度履行教育职责情况的自查自评报告
根据上级通知要求，我县对照评估方案6个方面24项评估指标，组织有关部门开展了全面自查。
一、基本情况
全县共有中小学校35所。
二、存在的问题
一是学位仍然紧张；二是教师结构性缺编。
三、上一年度督导反馈问题整改情况
2023年4月，市政府教育督导委员会反馈了我县存在的问题共5个。县政府制定了整改方案。截至2023年12月底，5个问题中已整改到位3个，正在整改2个。具体情况如下：
1.教育经费落实不到位。已整改。预算已足额安排。
2.教师工资待遇偏低。已整改。建立联动机制。
3.城区学校大班额突出。正在整改。新建学校已开工。
4.公办幼儿园不足。正在整改。新建幼儿园2所。
5.督导人员配备不足。已整改。增加专职督学2名。
某县人民政府
2024年1月10日
"""


def test_evaluation_indicators_are_no_rectification_tasks() -> None:
    st = stated_counts(SELF_WITH_INDICATORS, strict=True)
    assert st and st[0][0] == 5
    rect = extract_rectification(SELF_WITH_INDICATORS, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)
    assert "问题共5个" in rect.tasks_evidence
    # an indicator count alone claims no tasks
    text = "某县自查报告\n我县对照评价方案7个方面22项评价指标，逐项开展自查。\n"
    assert extract_rectification(text, "self_evaluation").tasks is None
    text = TABLE_HEAD + "对照3个方面12项考核指标开展整改，督导反馈问题共4个。\n"
    assert extract_rectification(text, "rectification").tasks == 4


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # the done / ongoing counts are said of the second count, and add up to it
        (
            "巡察组指出３个方面18个具体问题，局党组共制定整改任务25项、具体措施70条。"
            "截至２０２４年６月底，25项整改任务中已完成22项、正在推进3项。",
            (25, 22, 3),
        ),
        # ... add up to it, said in a sentence of their own
        (
            "督导反馈问题9个，细化分解为整改任务14项。目前已完成整改12项，正在整改2项。",
            (14, 12, 2),
        ),
        # ... add up to the first count: it stays
        (
            "督导反馈问题9个，细化分解为整改任务14项。目前已完成整改7个，正在整改2个。",
            (9, 7, 2),
        ),
    ],
)
def test_the_total_the_counts_are_said_against(sentence: str, counts: tuple) -> None:
    rect = extract_rectification(TABLE_HEAD + sentence + "\n", "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts
    assert str(counts[0]) in rect.tasks_evidence
    ev = count_evidence(rect, TABLE_HEAD + sentence + "\n")
    assert str(counts[1]) in ev["completed"][0]


def test_the_total_the_counts_are_said_against_in_a_self_evaluation() -> None:
    text = SELF_WITH_INDICATORS.replace(
        "反馈了我县存在的问题共5个。",
        "反馈了我县存在的问题共4个，细化为整改任务5项。",
    ).replace("5个问题中已整改到位3个", "5项任务中已整改到位3个")
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 3, 2)


CATEGORY_TOPICS = """某县人民政府关于督导反馈问题整改情况的报告
市政府教育督导委员会：
督导组共指出3个方面6个问题。现将整改情况报告如下。
一、办学条件改善方面
1.城区学位供给不足。新建小学2所，新增学位1800个。该问题已整改完成。
2.乡村学校校舍老化。维修校舍1.2万平方米。由于资金分年度安排，目前此项整改正在持续推进。
二、教师队伍建设方面
3.音体美教师短缺。招聘教师45名。此项问题已完成整改。
4.教师培训不足。开展全员培训。目前该项整改仍在持续推进中，计划明年底前全部完成。
三、学生身心健康方面
5.学生近视率偏高。开展视力筛查。近视防控需长期坚持，目前仍在持续推进。
6.体育活动时间不足。落实大课间制度。该问题已按期整改完成。
下一步，我县将对尚未完成的3个问题挂牌督办，确保明年底前全部整改到位。
某县人民政府
2024年12月1日
"""


def test_topics_ending_in_a_category_hold_problems_closing_on_their_status() -> None:
    rect = extract_rectification(CATEGORY_TOPICS, "rectification")
    assert [i.title for i in rect.items] == [
        "城区学位供给不足",
        "乡村学校校舍老化",
        "音体美教师短缺",
        "教师培训不足",
        "学生近视率偏高",
        "体育活动时间不足",
    ]
    assert [i.status for i in rect.items] == [
        "completed",
        "in_progress",
        "completed",
        "in_progress",
        "in_progress",
        "completed",
    ]
    assert (rect.tasks, rect.completed, rect.in_progress) == (6, 3, 3)
    # topics of measures whose points say no status are no problems
    text = (
        TOPICS_HEAD
        + "一、思想认识方面\n1.召开专题会议。\n2.制定整改方案。\n"
        + "二、制度建设方面\n1.建立台账。\n"
    )
    assert find_items(text) == []


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("对尚未完成的3个问题倒排工期、挂牌督办。", (None, 3)),
        ("对正在整改的2项任务实行台账管理。", (None, 2)),
        ("目前已完成6个项目建设。", None),
    ],
)
def test_an_ongoing_count_before_its_noun(sentence: str, counts: tuple | None) -> None:
    found = stated_statuses("督导反馈问题共9个。\n" + sentence)
    if counts is None:
        assert found is None
    else:
        assert (found.completed, found.in_progress) == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # an ongoing count whose phrase opens with 正在/仍在 before the ongoing word
        ("督导反馈的7个问题中已整改到位5个，2个正在持续整改。", (7, 5, 2)),
        ("市级反馈的4个问题中已整改3个，1个仍在持续整改。", (4, 3, 1)),
        # counts in Chinese numerals; a breakdown of the rest (其中…) adds nothing
        (
            "巡察反馈的十五个问题中已完成整改十一个，其余四个正在持续整改"
            "（其中已取得阶段性成效三个、需长期坚持一个）。",
            (15, 11, 4),
        ),
        (
            "督导反馈问题共9个，已完成整改6个，其余3个持续推进，其中需长期坚持2个。",
            (9, 6, 3),
        ),
    ],
)
def test_prose_counts_of_ongoing_items(sentence: str, counts: tuple) -> None:
    text = TABLE_HEAD + sentence + "\n一、强化组织领导\n成立专班。\n二、压实工作责任\n逐项销号。\n"
    rect = extract_rectification(text, "rectification")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts
    text = SELF_WITH_SECTION.replace("截至目前，上一轮督导反馈的8个问题已全部整改到位。", sentence)
    rect = extract_rectification(text, "self_evaluation")
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        # a stage reached, or a need to keep at it, is not done (其余4个正在持续整改（其中已取得
        # 阶段性成效3个、需长期坚持1个）); a bare 长期坚持 result stays done
        ("已取得阶段性成效。", "in_progress"),
        ("需长期坚持。", "in_progress"),
        ("目前已取得阶段性成效。", "in_progress"),
        ("已完成整改。", "completed"),
    ],
)
def test_closing_statuses_of_a_stage_or_a_lasting_need(status: str, kind: str) -> None:
    text = (
        TABLE_HEAD
        + "一、关于教育投入方面\n"
        + "（一）校舍维修资金不足。整改情况：追加预算三百万元。已完成整改。\n"
        + "（二）教师培训覆盖面窄。整改情况：开展全员培训两轮。"
        + status
        + "\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.status for i in rect.items] == ["completed", kind]


def test_the_closing_paragraph_and_what_follows_it_close_no_item() -> None:
    # the report's closing paragraph wraps onto a second line and a contact line follows it:
    # the last item's status is still its own closing status
    text = (
        TABLE_HEAD
        + "一、关于教育投入方面\n"
        + "（一）校舍维修资金不足。整改情况：追加预算三百万元。已完成整改。\n"
        + "（二）教师培训覆盖面窄。整改情况：开展全员培训两轮。已完成整改。\n"
        + "\n下一步，我局将巩固整改成果，对正在推进的问题挂账督办，确保全县学前教育\n"
        + "普及普惠水平持续提升，切实推动教育高质量发展。\n"
        + "欢迎广大群众对整改落实情况进行监督。联系电话：0000－1234567。\n"
        + "某县教育局\n2024年12月3日\n"
    )
    rect = extract_rectification(text, "rectification")
    assert [i.status for i in rect.items] == ["completed", "completed"]
    assert (rect.tasks, rect.completed, rect.in_progress) == (2, 2, 0)


def test_a_total_before_a_done_word_with_a_tail_and_its_count() -> None:
    # 14个问题已整改到位12个: the done count is the 12 after 已整改到位, not the 14 before it
    sentence = "截至10月底，审计指出的9个问题已整改到位7个，正在整改2个。"
    assert stated_statuses(TABLE_HEAD + sentence) is not None
    got = stated_statuses(TABLE_HEAD + sentence)
    assert (got.completed, got.in_progress) == (7, 2)


SELF_SECTION_HEAD = (
    "某县人民政府关于2024年度履行教育职责情况的自查自评报告\n"
    "一、基本情况\n全县共有中小学校38所。\n"
    "二、上一轮评价反馈问题整改情况\n"
)
SELF_SECTION_TAIL = "三、下一步打算\n持续巩固提升。\n某县人民政府\n2025年1月6日\n"


@pytest.mark.parametrize("report_type", ["self_evaluation", "rectification"])
@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # a total said all done later in its sentence, after a date or a clause of measures
        ("对上年度督导反馈的４个问题，截至２０２４年10月已全部整改到位。", (4, 4, None)),
        ("对上一年度评价反馈的6个问题，逐项明确责任单位，目前均已整改到位。", (6, 6, None)),
        ("针对市级督导反馈的7个问题，县政府建立整改台账，现已全部完成整改。", (7, 7, None)),
        # not a goal, nor a count of something else said done in between
        ("对督导反馈的6个问题，我县力争年底前全部整改到位。", (6, None, None)),
        ("对督导反馈的6个问题，制定整改措施18条，目前均已整改到位。", (6, None, None)),
        ("对督导反馈的6个问题，其中4个已全部整改到位。", (6, 4, None)),
    ],
)
def test_a_total_said_all_done_later_in_its_sentence(
    sentence: str, counts: tuple, report_type: str
) -> None:
    text = SELF_SECTION_HEAD + sentence + "\n" + SELF_SECTION_TAIL
    rect = extract_rectification(text, report_type)
    assert (rect.tasks, rect.completed, rect.in_progress) == counts


def test_an_all_done_total_dates_its_counts_by_a_full_width_as_of_year() -> None:
    sentence = "对上年度督导反馈的４个问题，截至２０２３年底已全部整改到位。"
    rows = _rect_rows(SELF_SECTION_HEAD + sentence + "\n" + SELF_SECTION_TAIL)
    assert rows["rectification_completed"] == (4, 2023)
    assert "rectification_in_progress" not in rows  # not stated


def test_a_bracket_between_a_count_and_its_status() -> None:
    sentence = "针对督导反馈的5个问题，目前已完成整改4个，1个（校舍改造问题）正在推进。"
    rect = extract_rectification(SELF_SECTION_HEAD + sentence + "\n" + SELF_SECTION_TAIL, "other")
    assert (rect.tasks, rect.completed, rect.in_progress) == (5, 4, 1)


@pytest.mark.parametrize(
    "counts",
    [
        # a plan year inside a bracket
        "目前，已整改到位四个，一个正在整改（新校区建设周期长，预计2025年秋季投入使用）。",
        # a plan year in a clause of its own
        "目前，已整改到位四个，一个正在整改，计划2025年6月底前完成。",
        "目前，已整改到位四个，一个正在整改，预计到2025年底完成。",
    ],
)
def test_a_plan_year_or_a_year_in_brackets_dates_no_count(counts: str) -> None:
    sentence = "对市政府督导反馈的五个问题，县政府逐一制定整改措施。" + counts
    rows = _rect_rows(SELF_SECTION_HEAD + sentence + "\n" + SELF_SECTION_TAIL)
    assert rows["rectification_completed"] == (4, 2024)
    assert rows["rectification_in_progress"] == (1, 2024)
