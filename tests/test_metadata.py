"""metadata: the report-level fields of the seeds against gold.json, plus unit cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportflow.metadata import (
    extract_metadata,
    extract_title,
    page_date,
    published_date,
    report_type,
    subject_year,
)

REPORT_FIELDS = ("province", "city", "county", "adcode", "report_type", "report_year",
                 "published_date")  # fmt: skip


def read_seed(path: Path) -> str:
    """The seed as the pipeline sees it: normalised when the reader exists, else raw UTF-8."""
    raw = path.read_text(encoding="utf-8")
    try:
        from reportflow.readers import normalise_text

        return normalise_text(raw)
    except NotImplementedError:
        return raw


_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])"
)


def wrap_joined(raw: str) -> str:
    """A harsh stand-in for normalisation: markup stripped and every line that does not end a
    sentence joined to the next unless that one is numbered (titles run into the body,
    signature and date end up on one line)."""
    t = re.sub(r"\[bookmark:[^\]]*\]", "", raw).replace("**", "")
    out: list[str] = []
    for line in (re.sub(r"^#+\s*", "", x).rstrip() for x in t.splitlines()):
        if (
            out
            and out[-1]
            and line.strip()
            and not re.search(r"[。！？：:；;”）)]$", out[-1])
            and not _NUMBERED.match(line.strip())
        ):
            out[-1] += line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _diffs(text: str, want: dict) -> list[str]:
    meta = extract_metadata(text)
    return [
        f"{k}: got {getattr(meta, k)!r}, want {want[k]!r}"
        for k in REPORT_FIELDS
        if k in want and getattr(meta, k) != want[k]
    ]


def test_seed_report_fields(seeds_dir: Path, gold: dict) -> None:
    problems = []
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        diffs = _diffs(read_seed(seeds_dir / name), g["report"])
        for d in diffs:
            print(f"{name}: {d}")
        problems += [f"{name}: {d}" for d in diffs]
    assert not problems, "\n".join(problems)


def test_seed_report_fields_survive_joined_lines(seeds_dir: Path, gold: dict) -> None:
    problems = []
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        text = wrap_joined((seeds_dir / name).read_text(encoding="utf-8"))
        problems += [f"{name}: {d}" for d in _diffs(text, g["report"])]
    assert not problems, "\n".join(problems)


def test_seed_titles(seeds_dir: Path, gold: dict) -> None:
    for name in gold:
        if name.startswith("_"):
            continue
        title = extract_metadata(read_seed(seeds_dir / name)).title
        assert title and 10 <= len(title) <= 90, (name, title)
        assert not re.search(r"[#*\s]", title), (name, title)
        assert title.endswith(("报告", "通报")), (name, title)


BODY = "根据上级要求，我县对履行教育职责情况进行了全面自查，现将有关情况报告如下：\n一、基本情况\n正文。\n"


@pytest.mark.parametrize(
    ("text", "title", "issuer"),
    [
        (
            "中共新野县教育体育局党组\n关于上下联动专项巡察整改进展情况的通报\n\n" + BODY,
            "中共新野县教育体育局党组关于上下联动专项巡察整改进展情况的通报",
            "中共新野县教育体育局党组",
        ),
        (
            "# 平顶山市石龙区教育局 关于区委第一巡察组反馈意见整改落实 情况的通报\n" + BODY,
            "平顶山市石龙区教育局关于区委第一巡察组反馈意见整改落实情况的通报",
            "平顶山市石龙区教育局",
        ),
        (
            "**寿光市人民政府关于履行教育职责情况的自查自评报告**\n\n潍坊市人民政府教育督导室："
            "\n" + BODY + "寿光市人民政府\n2024年7月2日\n",
            "寿光市人民政府关于履行教育职责情况的自查自评报告",
            "寿光市人民政府",
        ),
        (
            "关于2023年度履行教育职责情况的自查报告\n" + BODY + "\n叶县人民政府\n2024年1月10日\n",
            "关于2023年度履行教育职责情况的自查报告",
            "叶县人民政府",
        ),
        (
            "南山区人民政府2024年教育领域\n重点工作推进情况的自查自评报告\n" + BODY,
            "南山区人民政府2024年教育领域重点工作推进情况的自查自评报告",
            "南山区人民政府",
        ),
    ],
)
def test_title_and_issuer(text: str, title: str, issuer: str) -> None:
    meta = extract_metadata(text)
    assert (meta.title, meta.issuer) == (title, issuer)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于对2021年省评价反馈问题的整改情况及履行教育职责情况自查自评报告", "self_evaluation"),
        ("关于履行教育职责情况的自查自评报告", "self_evaluation"),
        ("关于2022年度履行教育职责的自评报告", "self_evaluation"),
        ("阳朔县县域义务教育优质均衡发展自评报告", "self_evaluation"),
        ("关于区委第一巡察组反馈意见整改落实情况的通报", "rectification"),
        ("关于省政府教育督导反馈问题整改情况的报告", "rectification"),
        ("关于2022年自查自评发现问题的整改情况报告", "rectification"),
        ("关于上下联动专项巡察整改进展情况的通报", "rectification"),
        # titles without 自查/自评/整改情况 key phrases
        ("某县关于县域学前教育普及普惠发展情况的汇报", "self_evaluation"),
        ("某县关于义务教育优质均衡发展情况的汇报", "self_evaluation"),
        ("某区人民政府关于履行政府教育职责情况的报告", "self_evaluation"),
        ("某县义务教育基本均衡发展督导评估自评报告", "self_evaluation"),
        ("某县义务教育优质均衡发展工作汇报", "self_evaluation"),
        ("某县学前教育普及普惠县创建工作情况的报告", "self_evaluation"),
        ("某局党组关于市委巡察反馈意见整改工作情况的报告", "rectification"),
        ("某县教育局关于审计指出问题整改落实情况", "rectification"),
        ("某县关于督导反馈问题整改工作的报告", "rectification"),
        ("某县关于落实义务教育优质均衡督导评估反馈意见情况的报告", "rectification"),
        ("关于2023年教育工作总结", "other"),
        ("某县教育事业发展统计公报", "other"),
    ],
)
def test_report_type_from_title_head(title: str, kind: str) -> None:
    assert report_type(title + "\n正文。\n", extract_title(title + "\n正文。\n")) == kind


def test_report_type_from_opening_when_title_says_nothing() -> None:
    text = "某县教育局\n关于有关工作的报告\n县政府：\n近期，现将巡察反馈问题整改情况报告如下：\n"
    assert extract_metadata(text).report_type == "rectification"


@pytest.mark.parametrize(
    ("tail", "iso"),
    [
        ("南阳市城乡一体化示范区管委会\n                       2022年7月12日    \n ", "2022-07-12"),
        ("秦安县人民政府\n2022 年 12 月 9 日\n", "2022-12-09"),
        ("阳朔县人民政府\n２０２４年３月５日\n", "2024-03-05"),
        ("北京市顺义区人民政府\n二〇二二年十一月三十日\n", "2022-11-30"),
        ("某县人民政府\n二○二三年一月二十一日\n", "2023-01-21"),
        ("某县人民政府\n（2021年10月8日）\n", "2021-10-08"),
        ("某县人民政府  2023年6月18日\n", "2023-06-18"),
        ("某县人民政府\n2023.6.18\n", "2023-06-18"),
        ("某县人民政府\n2023年2月30日\n", None),  # not a date
        ("下一步，我们将于2024年3月15日前完成全部整改任务并持续巩固成效。\n", None),
        ("联系人：张三\n", None),
        ("整改时限：2023年12月31日\n", None),
        ("南阳市城乡一体化示范区管委会2022年7月12日\n", "2022-07-12"),
    ],
)
def test_published_date(tail: str, iso: str | None) -> None:
    text = "某县人民政府关于履行教育职责情况的自查报告\n" + BODY + tail
    d = published_date(text)
    assert (d.isoformat() if d else None) == iso


def test_body_dates_are_not_the_signature() -> None:
    text = (
        "关于某项工作的报告\n2022年3月15日，巡察组进驻。2022年6月27日反馈。\n一、整改情况\n正文。\n"
    )
    assert extract_metadata(text).published_date is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # a self-evaluation about its own year (2021年度履行…) keeps that year, signed later
        ("关于2021年度履行教育职责情况的自查报告\n" + BODY + "某县人民政府\n2022年3月1日\n", 2021),
        ("关于二〇二二年度教育工作的自评报告\n" + BODY + "某县人民政府\n2023年1月9日\n", 2022),
        ("某县2023年教育重点工作自查情况的报告\n" + BODY + "某县人民政府\n2024年2月2日\n", 2023),
        # ... but a year of what is rectified is not its subject: the signature's year
        (
            "某县关于对2020年市督导反馈问题的整改情况及履行教育职责情况自查自评报告\n"
            + BODY
            + "某县人民政府\n2021年4月8日\n",
            2021,
        ),
        (
            "某县关于2022年省级评价指出问题整改暨履行教育职责自查报告\n"
            + BODY
            + "某县人民政府\n2023年5月5日\n",
            2023,
        ),
        # a rectification report: the signature year (the year the rectification was done)
        (
            "某县关于2022年度履行教育职责评价反馈问题整改情况的报告\n"
            + BODY
            + "某县人民政府\n2023年6月1日\n",
            2023,
        ),
        # signature year first when the title names no year of its own subject
        ("关于履行教育职责情况的自查报告\n" + BODY + "某县人民政府\n2022年3月1日\n", 2022),
        # else the first year of the title (2022年度 -> 2022)
        ("关于2022年度履行教育职责的自评报告\n" + BODY, 2022),
        ("某区2024年教育领域重点工作和2023年指标完成情况的自查自评报告\n" + BODY, 2024),
        ("关于二〇二一年度履行教育职责情况的自查报告\n" + BODY, 2021),
        # else the most frequent year of the first paragraph
        (
            "关于履行教育职责情况的自查报告\n2023年，我县……2023年全县……2021年以来……\n一、情况\n",
            2023,
        ),
        ("关于履行教育职责情况的自查报告\n" + BODY, None),
    ],
)
def test_report_year(text: str, year: int | None) -> None:
    assert extract_metadata(text).report_year == year


def test_empty_text() -> None:
    meta = extract_metadata("")
    assert (meta.title, meta.issuer, meta.report_type, meta.report_year) == (
        None,
        None,
        "other",
        None,
    )
    assert (meta.province, meta.adcode, meta.published_date) == (None, None, None)


def test_title_skips_attachment_and_document_number_lines() -> None:
    text = (
        "附件2\n某县人民政府文件\n某政〔2023〕15号\n"
        "某县人民政府关于履行教育职责情况的自查自评报告\n" + BODY
    )
    assert extract_title(text) == "某县人民政府关于履行教育职责情况的自查自评报告"


def test_issuer_is_a_body_not_a_year() -> None:
    text = "2023年关于教育工作情况的报告\n" + BODY
    assert extract_metadata(text).issuer is None
    text = "关于构建教育新格局的报告\n" + BODY + "某县教育体育局\n2023年1月1日\n"
    assert extract_metadata(text).issuer == "某县教育体育局"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("关于迎接2023年省政府履行教育职责评价的自查报告", 2023),
        ("某县2024年度义务教育优质均衡督导评估自评报告", 2024),
        ("关于2021年巡察反馈意见整改和2022年度教育工作的自评报告", 2022),
        ("关于2021年市级督导发现问题整改情况的自查报告", None),
        ("关于履行教育职责情况的自查报告", None),
    ],
)
def test_subject_year_of_a_self_evaluation_title(title: str, year: int | None) -> None:
    assert subject_year(title) == year


def test_a_wrapped_title_without_key_phrase_is_a_self_evaluation() -> None:
    text = "某县人民政府\n关于县域义务教育优质均衡\n发展情况的汇报\n省督导组：\n现汇报如下。\n"
    meta = extract_metadata(text)
    assert meta.title == "某县人民政府关于县域义务教育优质均衡发展情况的汇报"
    assert meta.report_type == "self_evaluation"


@pytest.mark.parametrize(
    ("text", "kind", "year"),
    [
        # an annual account published early next year describes the year it names
        (
            "金湾区2022年教育工作情况汇报\n" + BODY + "金湾区人民政府\n2023年1月12日\n",
            "self_evaluation",
            2022,
        ),
        (
            "某县人民政府关于二〇二三年教育工作开展情况的报告\n"
            + BODY
            + "某县人民政府\n2024年2月6日\n",
            "self_evaluation",
            2023,
        ),
        (
            "某区教育工作自查情况报告\n" + BODY + "某区人民政府\n2021年12月30日\n",
            "self_evaluation",
            2021,
        ),
        # not a self-evaluation, but the subject year still wins over the signature
        ("某市2023年全市教育工作情况的通报\n" + BODY + "某市教育局\n2024年3月3日\n", "other", 2023),
        # a rectification keeps the signature's year
        (
            "某县关于2023年教育工作督导问题整改情况的报告\n"
            + BODY
            + "某县人民政府\n2024年4月4日\n",
            "rectification",
            2024,
        ),
    ],
)
def test_an_own_education_work_account_is_a_self_evaluation_of_its_year(
    text: str, kind: str, year: int
) -> None:
    meta = extract_metadata(text)
    assert (meta.report_type, meta.report_year) == (kind, year)


@pytest.mark.parametrize(
    ("first", "opening", "kind", "year"),
    [
        ("各位领导：", "现将我区2023年度履行教育职责情况汇报如下。", "self_evaluation", 2023),
        (
            "尊敬的督导组各位领导：",
            "受区政府委托，现将我县教育工作自查情况报告如下：",
            "self_evaluation",
            2020,
        ),
        (
            "各位领导，同志们：大家好！",
            "现将我县督导反馈问题整改情况报告如下：",
            "rectification",
            2020,
        ),
        (
            "某市人民政府教育督导委员会办公室：",
            "现将本县整改落实情况报告如下。",
            "rectification",
            2020,
        ),
        # a briefing read to the inspectors
        ("各位专家：", "下面，我就我县2019年教育工作情况作简要汇报。", "self_evaluation", 2019),
        ("各位领导、同志们：", "我把巡察反馈问题整改情况向大家作个汇报。", "rectification", 2020),
    ],
)
def test_an_untitled_report_opening_with_a_salutation(
    first: str, opening: str, kind: str, year: int
) -> None:
    text = f"{first}\n{opening}\n一、基本情况\n全县学校布局合理。\n某县人民政府\n2020年12月1日\n"
    meta = extract_metadata(text)
    assert meta.title is None
    assert (meta.report_type, meta.report_year) == (kind, year)


_TRAILER = (
    "附件：1.某县义务教育学校办学条件统计表\n"
    "2.某县教师队伍建设情况一览表\n"
    "3.某县整改任务清单\n"
    "抄送：市教育局，市政府教育督导室。\n"
    "某县人民政府办公室                2024年4月3日印发\n"
    "联系人：李明    联系电话：0123-4567890\n"
)


def test_signature_date_and_issuer_above_a_trailer() -> None:
    text = "关于履行教育职责情况的自查报告\n" + BODY + "某县教育体育局\n2024年4月1日\n" + _TRAILER
    meta = extract_metadata(text)
    assert meta.published_date == "2024-04-01"
    assert meta.issuer == "某县教育体育局"


def test_signature_above_web_page_footer() -> None:
    footer = "主办单位：某县人民政府办公室\n网站标识码：1234000001\n皖ICP备12345678号\n"
    text = "关于履行教育职责情况的自查报告\n" + BODY + "某县人民政府\n2023年9月8日\n" + footer
    assert published_date(text).isoformat() == "2023-09-08"


def test_a_body_date_above_a_trailer_is_not_the_signature() -> None:
    # the last paragraph ends on a date, then a trailer: no signature block
    text = (
        "关于履行教育职责情况的自查报告\n"
        + BODY
        + "下一步，我县将按期推进全部整改任务，确保在2024年12月31日\n"
        + _TRAILER
    )
    meta = extract_metadata(text)
    assert meta.published_date is None


def test_a_date_above_body_text_is_not_the_signature() -> None:
    text = (
        "关于履行教育职责情况的自查报告\n"
        + "某县人民政府\n2023年9月8日\n"
        + "二、存在的问题\n"
        + "部分学校教师结构性缺编问题仍然存在，城区学校大班额问题尚未全部消除，需进一步加大投入。\n"
        + "三、下一步打算\n持续推进。\n（一）加强统筹\n（二）强化督导\n"
    )
    assert published_date(text) is None


def test_written_out_year_in_a_title_counts_once() -> None:
    title = "关于二〇二一年省督导反馈问题整改及二〇二二年度履行教育职责情况的自查报告"
    assert subject_year(title) == 2022


def test_report_year_from_the_body_when_nothing_up_front_names_one() -> None:
    text = (
        "某县义务教育优质均衡发展督导评估自评报告\n\n"
        "为贯彻落实《县域义务教育优质均衡发展督导评估办法》，县政府组织开展自评工作，现报告如下。\n\n"
        "一、基本情况\n截至2024年6月，全县共有小学42所。\n"
        "2024年全县小学生师比为15.2:1，较2023年有所下降。\n"
        "2024年教育经费投入5.6亿元。\n"
        "二、下一步工作\n到2030年，全面实现优质均衡（《某县教育发展规划（2021—2030年）》）。\n"
    )
    assert extract_metadata(text).report_year == 2024


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        (["来源：某县教育局 发布时间：2024-03-15 10:21 浏览次数：312"], "2024-03-15"),
        (["发布日期：２０２３年１１月２日"], "2023-11-02"),
        (["成文日期：2022/7/1"], "2022-07-01"),
        (["来源：某县教育局", "浏览次数：88"], None),
        ([], None),
    ],
)
def test_page_date_from_a_web_header(header: list[str], iso: str | None) -> None:
    found = page_date(header)
    assert (found.isoformat() if found else None) == iso


def test_a_news_page_is_dated_by_its_header_not_by_its_first_body_year() -> None:
    text = (
        "某县召开学前教育工作推进会\n"
        "2021年以来，全县累计新建、改扩建幼儿园9所。截至目前，全县学前三年毛入园率达到93.4%。"
    )
    header = ["来源：某县教育局 发布时间：2024-03-15 10:21"]
    assert extract_metadata(text).report_year == 2021  # without the header: the body's year
    meta = extract_metadata(text, header)
    assert meta.report_year == 2024
    assert meta.published_date is None  # a page date is no signature


def test_a_title_year_or_signature_outranks_the_page_date() -> None:
    header = ["发布时间：2025-01-08"]
    titled = "关于2023年度履行教育职责情况的自查报告\n2023年，全县学前三年毛入园率为93%。"
    assert extract_metadata(titled, header).report_year == 2023
    signed = "某县教育工作情况\n全县学前三年毛入园率为93%。\n某县人民政府\n2024年12月30日"
    assert extract_metadata(signed, header).report_year == 2024


def test_a_period_line_under_the_title_is_part_of_it_and_dates_the_report() -> None:
    text = (
        "某县人民政府\n关于履行教育职责情况的自查报告\n（2019年度）\n\n市人民政府教育督导室：\n"
        "现将自查情况报告如下。全县学前三年毛入园率为88.6%。\n某县人民政府\n2020年1月8日"
    )
    meta = extract_metadata(text)
    assert meta.title == "某县人民政府关于履行教育职责情况的自查报告（2019年度）"
    assert (meta.report_year, meta.published_date) == (2019, "2020-01-08")
    draft = text.replace("（2019年度）", "（征求意见稿）")
    assert extract_metadata(draft).title == "某县人民政府关于履行教育职责情况的自查报告"
    assert extract_metadata(draft).report_year == 2020


def test_a_news_page_opening_on_its_subject_year_is_of_that_year_not_of_its_page_date() -> None:
    text = (
        "某县：县域教育答卷亮眼\n"
        "2022年，某县聚焦学位供给持续发力，全县教育事业主要指标稳中有升。\n"
        "全县学前三年毛入园率为91.2%。"
    )
    assert extract_metadata(text, ["发布时间：2023-02-20 10:15"]).report_year == 2022


def test_a_news_headline_about_a_report_is_other_but_a_posted_report_keeps_its_type() -> None:
    header = ["来源：某旗教育体育局 发布时间：2025-06-13 17:42"]
    news = "某旗高质量完成2024年度旗县级人民政府履行教育职责评价实地督导\n6月10日至12日，督导组…"
    assert extract_metadata(news, header).report_type == "other"
    posted = "某县2022年履行教育职责评价反馈问题清单及整改完成情况\n2022年7月，省督导组…"
    assert extract_metadata(posted, header).report_type == "rectification"
    assert extract_metadata(news).report_type == "self_evaluation"  # no page: its key phrase


def test_a_posted_report_whose_title_picked_up_page_debris_keeps_its_type() -> None:
    header = ["发布日期：2024-11-12 信息来源：市教体局"]
    text = "中共某市教育局党组关于巡察集中整改进展情况的通报1号\n根据市委统一部署，…"
    assert extract_metadata(text, header).report_type == "rectification"
