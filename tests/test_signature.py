"""signature: which trailing lines may follow a signature, and where the date line is."""

from __future__ import annotations

import pytest

from reportflow.signature import is_trailer_line, signature_date_line


@pytest.mark.parametrize(
    "line",
    [
        "附件：1.学校基本情况统计表",
        "2.义务教育阶段学生资助情况表（2023年）",
        "抄送：市教育局，市财政局。",
        "某区人民政府办公室 2024年3月2日印发",
        "联系人：赵某 电话：0000-1234567",
        "（此件公开发布）",
        "版权所有：某区人民政府 网站标识码：1100000000",
    ],
)
def test_trailer_lines(line: str) -> None:
    assert is_trailer_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "全区共有义务教育学校32所，在校生4.1万人，专任教师3200人。",
        "下一步，我们将持续巩固整改成效，推动教育高质量发展，办好人民满意的教育，不断提升群众获得感。",
    ],
)
def test_body_lines_are_no_trailer(line: str) -> None:
    assert not is_trailer_line(line)


def _is_date(line: str) -> bool:
    return line.endswith("日")


def test_the_last_date_line_followed_only_by_a_trailer() -> None:
    lines = ["正文。", "某区教育局", "2024年3月1日", "附件：", "1.表一", "2.表二", "3.表三",
             "4.表四", "抄送：区政府。"]  # fmt: skip
    assert signature_date_line(lines, _is_date) == 2


def test_no_date_line_above_body_text() -> None:
    lines = ["某区教育局", "2024年3月1日", "正文第二段，仍在叙述本区的整改措施和工作成效，尚未结束。",
             "1.表一", "2.表二", "3.表三", "4.表四", "抄送：区政府。"]  # fmt: skip
    assert signature_date_line(lines, _is_date) is None


def test_the_date_above_an_attachment_s_own_text() -> None:
    rows = [
        f"{k} 问题{k}的整改措施仍在推进，已完成阶段性目标，后续将持续跟踪问效 已完成"
        for k in range(1, 25)
    ]
    body = [f"第{k}段正文，叙述整改措施。" for k in range(12)]
    lines = [*body, "某区教育局", "2024年3月1日", "附件1", "某区整改任务清单", *rows]
    assert signature_date_line(lines, _is_date) == 13
    # without a date right above the attachment heading there is no signature
    lines = [*body, "正文，仍在叙述本区的整改措施和工作成效，尚未结束。", "附件1", *rows]
    assert signature_date_line(lines, _is_date) is None


@pytest.mark.parametrize(
    "heading",
    [
        ["附件1：某区整改任务清单"],
        ["附件：整改任务清单"],
        ["附件：1. 整改任务清单", "2. 整改责任分工表"],
        ["附件：1.整改任务清单"],
        ["附表1 某区整改台账"],
    ],
)
def test_the_date_above_an_attachment_heading_with_its_title(heading: list[str]) -> None:
    rows = [
        f"{k} 问题{k}的整改措施仍在推进，已完成阶段性目标，后续将持续跟踪问效。 已完成"
        for k in range(1, 25)
    ]
    body = [f"第{k}段正文，叙述整改措施。" for k in range(12)]
    lines = [*body, "某区人民政府", "2023年11月20日", "", *heading, *rows]
    assert signature_date_line(lines, _is_date) == 13


def test_the_date_above_an_attachment_longer_than_the_report() -> None:
    rows = [f"{k} 问题{k}：学校功能室不足，需要持续改善。 新建功能室 已完成" for k in range(1, 80)]
    body = ["某区关于整改情况的报告", "1.第一个问题已整改。", "2.第二个问题已整改。"]
    lines = [*body, "某区人民政府", "2023年11月20日", "附件", "某区整改任务清单", *rows]
    assert signature_date_line(lines, _is_date) == 4
    # a date above the body (a page header) signs nothing
    lines = ["2023年11月20日", "附件1", *body, *rows]
    assert signature_date_line(lines, _is_date) is None
