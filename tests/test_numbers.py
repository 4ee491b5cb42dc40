"""Number parsing: every tricky written form, the token scanner, and a bounded fuzz test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportflow.numbers import (
    halfwidth,
    parse_chinese_numeral,
    parse_number,
    parse_ratio,
    scan_numbers,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("42", 42.0),
        ("３７", 37.0),
        ("１２．５", 12.5),
        ("0.532", 0.532),
        ("1,234", 1234.0),
        ("12,345,678.9", 12345678.9),
        ("三十二", 32.0),
        ("一千五百", 1500.0),
        ("两万", 20000.0),
        ("十二", 12.0),
        ("十", 10.0),
        ("〇", 0.0),
        ("零", 0.0),
        ("一百零五", 105.0),
        ("三千零二十", 3020.0),
        ("十万八千", 108000.0),
        ("一亿二千万", 120000000.0),
        ("二〇二二", 2022.0),
        ("三点五", 3.5),
        ("22.45万元", 224500.0),
        ("15.44亿元", 1544000000.0),
        ("8.8万余元", 88000.0),
        ("80多万元", 800000.0),
        ("约6190万元", 61900000.0),
        ("近3万人", 30000.0),
        ("1.2万人", 12000.0),
        ("三十二所", 32.0),
        ("14%", 14.0),
        ("５％", 5.0),
        ("97.5 %", 97.5),
        ("百分之十五", 15.0),
        ("百分之12.5", 12.5),
        ("百分之九十五点五", 95.5),
        ("1:12.5", 12.5),
        ("1：9", 9.0),
        ("13.2:1", 13.2),
        ("１：１５", 15.0),
    ],
)
def test_parse_number(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize(
    "written", ["", "   ", "abc", "1.2.3", "12%%", "8:2", "万", "百分之", "整改", "第十二"]
)
def test_not_a_number(written: str) -> None:
    assert parse_number(written) is None


def test_chinese_numeral_rejects_non_numerals() -> None:
    assert parse_chinese_numeral("三十二") == 32
    assert parse_chinese_numeral("三十x") is None
    assert parse_chinese_numeral("万万") is None
    assert parse_chinese_numeral("") is None


def test_ratio_takes_the_side_that_is_not_one() -> None:
    assert parse_ratio("1", "17.5") == 17.5
    assert parse_ratio("16.3", "1") == 16.3
    assert parse_ratio("8", "2") is None


def test_halfwidth_keeps_offsets() -> None:
    s = "毛入园率为９７．５％，师生比１：１５"
    hw = halfwidth(s)
    assert len(hw) == len(s)
    assert hw == "毛入园率为97.5%，师生比1:15"


def test_scanner_kinds_units_and_spans() -> None:
    text = "共有幼儿园58所，在园幼儿1.2万人，覆盖率９７％，师生比1：9，经费15.44亿元，工资收入92223.96，2023年，下降2个百分点，4万余份"
    toks = scan_numbers(text)
    got = [(t.kind, t.value) for t in toks]
    assert ("count", 58.0) in got
    assert ("count", 12000.0) in got
    assert ("percent", 97.0) in got
    assert ("ratio", 9.0) in got
    assert ("yuan", 1544000000.0) in got
    assert ("number", 92223.96) in got
    assert ("year", 2023.0) in got
    assert ("points", 2.0) in got
    approx = [t for t in toks if t.approx]
    assert approx and approx[0].value == 40000.0
    for t in toks:  # spans refer to the original text
        assert text[t.start : t.end] == t.raw or halfwidth(text[t.start : t.end]) == t.raw


def test_scanner_ignores_ordinals_and_words() -> None:
    toks = scan_numbers("一是加强领导，第十二中学，十四五规划，千方百计，每万人")
    assert toks == []


def test_scanner_two_sided_ratio_is_not_a_ratio() -> None:
    (tok,) = scan_numbers("市与区8:2比例")
    assert tok.kind == "ratio_other"


def test_blank_percent_is_no_number() -> None:
    assert [t for t in scan_numbers("公办在园幼儿占比  %；") if t.kind == "percent"] == []


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_fuzz_parse_number_never_raises(s: str) -> None:
    v = parse_number(s)
    assert v is None or isinstance(v, float)


_NUMBERISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,:%％：１２３４５６７８９０．一二两三十百千万亿余多约近元所人年点百分之 ")
    ),
    max_size=24,
)


@settings(max_examples=600, deadline=None)
@given(_NUMBERISH)
def test_fuzz_numberish_strings(s: str) -> None:
    v = parse_number(s)
    assert v is None or isinstance(v, float)
    for tok in scan_numbers(s):
        assert 0 <= tok.start < tok.end <= len(s)
        assert isinstance(tok.value, float)


def test_minus_sign_makes_a_percentage_negative() -> None:
    (tok,) = [t for t in scan_numbers("经费同比增长-4.6%") if t.kind == "percent"]
    assert tok.value == -4.6 and tok.raw == "-4.6%"
    assert [t.value for t in scan_numbers("增幅为－0.8％")] == [-0.8]
    assert [t.value for t in scan_numbers("增幅为−12%")] == [-12.0]
    assert parse_number("-3.5%") == -3.5


def test_dash_between_numbers_or_before_counts_is_not_a_sign() -> None:
    toks = scan_numbers("1-10月支出")
    assert [(t.value, t.kind) for t in toks] == [(1.0, "number"), (10.0, "date")]
    (tok,) = [t for t in scan_numbers("新增 -5所") if t.kind == "count"]
    assert tok.value == 5.0 and tok.raw == "5所"
    text = "2019-2021年"
    assert all(t.value > 0 for t in scan_numbers(text))
    assert [(t.start, t.end) for t in scan_numbers("比例7:3")] == [(2, 5)]


def test_multiplied_amounts_are_exact() -> None:
    assert parse_number("9.8亿元") == 980000000.0
    assert parse_number("0.07万元") == 700.0
    assert parse_number("1.234亿") == 123400000.0


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("校舍投入 3.75 亿元", 375000000.0, "亿元"),
        ("拨付 46,210 万元", 462100000.0, "万元"),
        ("人均 1.08\u00a0万元", 10800.0, "万元"),
        ("补助 ７．５\u3000万元", 75000.0, "万元"),
        ("共有 12\u2009所", 12.0, "所"),
        ("教师 640  人", 640.0, "人"),
        ("完成 9 项", 9.0, "项"),
    ],
)
def test_blanks_between_a_number_and_its_multiplier_or_unit(
    text: str, value: float, unit: str
) -> None:
    toks = [t for t in scan_numbers(text) if t.unit]
    assert [(t.value, t.unit) for t in toks] == [(value, unit)]


def test_a_blank_before_wan_needs_a_unit_or_the_clause_end_after_it() -> None:
    # 万 starting another word is no multiplier; a bare 万 before punctuation is one
    assert [t.value for t in scan_numbers("第 3 万达路小学")] == [3.0]
    assert [t.value for t in scan_numbers("受益学生 4 万，")] == [40000.0]


def test_per_mille_is_a_percentage_divided_by_ten() -> None:
    (tok,) = scan_numbers("辍学率控制在1.5‰以内")
    assert tok.kind == "percent" and tok.value == pytest.approx(0.15) and tok.unit == "‰"
    assert parse_number("－3‰") == pytest.approx(-0.3)
    assert [t.kind for t in scan_numbers("控制在15以内")] == ["number"]


@pytest.mark.parametrize(
    ("text", "year"),
    [("二〇一九年底", 2019), ("二零二四年", 2024), ("二O二三年", 2023), ("一九九八年", 1998)],
)
def test_written_out_years_read_as_years(text: str, year: int) -> None:
    hw = halfwidth(text)
    assert len(hw) == len(text) and hw.startswith(str(year))
    assert [(t.value, t.kind) for t in scan_numbers(text)][0] == (float(year), "year")


def test_written_out_numbers_that_are_no_years_stay() -> None:
    for text in ("一百零五年", "二十二年", "二〇二三", "十二〇二二年"):
        assert halfwidth(text) == text


def test_full_width_thousands_separators() -> None:
    assert [t.value for t in scan_numbers("全县有学生５６，７８９人")] == [56789.0]
    assert [t.value for t in scan_numbers("１，２０３，４００，０００元")] == [1203400000.0]
    assert [t.value for t in scan_numbers("3，120，500元")] == [3120500.0]
    # a list, not a separator: a short group, a group of four, a single ASCII group
    assert [t.value for t in scan_numbers("１，２所")] == [1.0, 2.0]
    assert [t.value for t in scan_numbers("３，４５６７人")] == [3.0, 4567.0]
    assert [t.value for t in scan_numbers("３，４５６，７所")] == [3.0, 456.0, 7.0]
    assert [t.value for t in scan_numbers("初中5，100所")] == [5.0, 100.0]
    assert halfwidth("５６，７８９") == "56,789"
