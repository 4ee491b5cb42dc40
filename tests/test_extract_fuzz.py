"""Fuzz: report-like texts assembled from the genre's fragments never make extraction raise,
and whatever comes out keeps the contract (codes, units, ranges, verbatim evidence).

Bounded (a few hundred examples, no deadline per example) so it runs in CI in seconds."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportflow.catalog import load_catalog
from reportflow.extract import extract_document
from reportflow.models import Document

FRAGMENTS = [
    "各位领导：",
    "尊敬的督导组：",
    "某县人民政府",
    "关于",
    "2023年度",
    "二〇二四年",
    "２０２２年",
    "履行教育职责",
    "自查自评报告",
    "整改情况的通报",
    "巡察反馈",
    "问题",
    "整改措施：",
    "整改结果：",
    "已整改",
    "整改推进中",
    "长期坚持",
    "（已完成）",
    "一、",
    "（一）",
    "1.",
    "1、",
    "问题1：",
    "## ",
    "**",
    "[bookmark: _GoBack]",
    "全县",
    "河南省",
    "南阳市",
    "南山区",
    "鹤岗市",
    "重庆市",
    "潼南区",
    "学前三年毛入园率",
    "普惠性幼儿园覆盖率",
    "公办园在园幼儿占比",
    "大班额比例",
    "差异系数",
    "小学",
    "初中",
    "分别为",
    "为",
    "达到",
    "将",
    "力争",
    "到2025年",
    "不低于",
    "比上年增长",
    "下降",
    "一般公共预算教育经费",
    "教师平均工资",
    "公务员",
    "师生比",
    "生师比",
    "1:12.5",
    "13.2:1",
    "93.6%",
    "９７％",
    "  %",
    "15.44亿元",
    "8.8万余元",
    "58所",
    "11152人",
    "三十二",
    "0.532",
    "指标",
    "2022年",
    "2023年",
    "|",
    "≤0.50",
    "达标",
    "，",
    "。",
    "；",
    "、",
    "：",
    "\n",
    "\n\n",
    " ",
    "（",
    "）",
    "《",
    "》",
    "“",
    "”",
]

# whole lines matter (titles, salutations, headings, signatures): a text is a list of lines
lines = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=12).map("".join)
texts = st.lists(lines, min_size=0, max_size=15).map("\n".join)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(texts)
@example("各位领导：\n现将全县履行教育职责情况汇报如下。")  # once crashed the head detection
@example("")
def test_report_like_text_never_breaks_extraction(text: str) -> None:
    rec = extract_document(
        Document(text=text, file_type="txt"), report_id="f" * 64, source_path="x"
    )
    catalog = load_catalog()
    assert rec["report_type"] in {"self_evaluation", "rectification", "other"}
    if rec["adcode"] is not None:
        assert len(rec["adcode"]) == 6 and rec["adcode"].isdigit()
    for m in rec["metrics"]:
        spec = catalog[m["metric"]]
        assert m["unit"] == spec.unit and spec.in_range(m["value"]), m
        at = m["char_start"]
        assert text[at : at + len(m["evidence"])] == m["evidence"], m
    for item in rec["rectification"]["items"]:
        assert item["status"] in {"completed", "in_progress", "unknown"}
