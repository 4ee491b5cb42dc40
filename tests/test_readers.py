"""Readers: TXT decoding, content sniffing, hostile files, text normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import HOSTILE, SAMPLE_TEXT, Hostile, pdf_bytes, write_hostile

from reportflow.readers import Document, ReadLimits, RejectedFile, read_bytes, read_path
from reportflow.textnorm import normalise_text, should_join, starts_with_marker

# ---- encodings ------------------------------------------------------------------------------

# (how the file's bytes are made from the UTF-8 original, the encoding the reader must report)
ENCODINGS = {
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
    "utf-16 (BOM)": (lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-be (BOM)": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    "utf-16-le (no BOM)": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be (no BOM)": (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    "utf-8-sig": (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    "utf-8 CRLF": (lambda t: t.replace("\n", "\r\n").encode(), "utf-8"),
    "utf-8 CR": (lambda t: t.replace("\n", "\r").encode(), "utf-8"),
    "gb18030 CRLF": (lambda t: t.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
}


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_seed_encodings_give_identical_text(seeds_dir: Path, variant: str) -> None:
    make, expected_encoding = ENCODINGS[variant]
    for seed in sorted(seeds_dir.glob("*.txt")):
        original = seed.read_text(encoding="utf-8")
        reference = read_bytes(original.encode(), seed.name)
        assert reference.encoding == "utf-8"
        doc = read_bytes(make(original), seed.name)
        assert doc.encoding == expected_encoding, seed.name
        assert doc.text == reference.text, f"{seed.name} as {variant}"
        assert doc.file_type == "txt" and doc.pages is None and doc.warnings == []


def test_seed_text_is_normalised_once_and_stable(seeds_dir: Path) -> None:
    for seed in sorted(seeds_dir.glob("*.txt")):
        doc = read_path(seed)
        assert "\r" not in doc.text and "\n\n" not in doc.text
        assert "[bookmark:" not in doc.text and "**" not in doc.text
        assert not any(line.startswith("#") for line in doc.text.split("\n"))
        assert normalise_text(doc.text) == doc.text, seed.name  # idempotent


def test_gold_evidence_is_in_normalised_seed_text(seeds_dir: Path, gold: dict) -> None:
    found = missing = 0
    for name, entry in gold.items():
        if name.startswith("_"):
            continue
        text = read_path(seeds_dir / name).text
        for metric in entry["metrics"]:
            evidence = metric["evidence"].split(" (")[0]
            if "..." in evidence or " items" in evidence or " item" in evidence:
                continue  # descriptive evidence, not a quotation
            if evidence in text:
                found += 1
            else:
                missing += 1
                print("not found verbatim:", name, evidence)
    assert found >= 40 and missing == 0


def test_gbk_and_short_chinese_decode_as_gb18030() -> None:
    text = "关于教育经费保障情况的报告，全县学校共58所。"
    assert read_bytes(text.encode("gbk"), "a.txt").encoding == "gb18030"
    assert read_bytes(text.encode("gb2312"), "a.txt").text == text
    assert read_bytes("你好".encode("gbk"), "b.txt").text == "你好"


def test_big5_text_is_decoded_by_detection() -> None:
    text = (
        "臺北市政府教育局關於教育經費執行情況的報告。本市共有公立國民小學一百四十所，"
        "學生人數約十二萬人，教師人數約一萬人。本局持續推動學校設備更新與師資培訓計畫。"
    )
    doc = read_bytes(text.encode("big5"), "t.txt")
    assert doc.text == text and doc.encoding == "big5"
    assert any("guessed" in w for w in doc.warnings)


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning(seeds_dir: Path) -> None:
    data = (seeds_dir / "003_4d43d19a48da18fb.txt").read_bytes()
    broken = data[:500] + b"\xff" + data[500:]
    doc = read_bytes(broken, "x.txt")
    assert doc.encoding == "utf-8" and "\ufffd" in doc.text
    assert doc.warnings and "U+FFFD" in doc.warnings[0]


def test_binary_without_nul_bytes_is_not_text() -> None:
    data = bytes(b for b in range(1, 32) if b not in b"\t\n\r\f\v\x1a\x1b") * 50
    with pytest.raises(RejectedFile, match="not a text file"):
        read_bytes(data, "x.txt")


def test_only_debris_is_rejected() -> None:
    with pytest.raises(RejectedFile, match="no text"):
        read_bytes(b"[bookmark: _GoBack]\n- 1 -\n**\n", "x.txt")


# ---- content sniffing and hostile files --------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c.name)
def test_hostile_file_is_rejected_with_a_clear_reason(case: Hostile, tmp_path: Path) -> None:
    path = write_hostile(case, tmp_path)
    with pytest.raises(RejectedFile) as err:
        read_path(path)
    assert case.reason in err.value.reason
    assert err.value.stage == "read"


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(pdf_bytes(SAMPLE_TEXT))
    doc = read_path(path)
    assert doc.file_type == "pdf" and doc.encoding is None and doc.pages == 1
    assert "在园幼儿11152人" in doc.text


def test_pdf_magic_after_leading_junk_is_still_a_pdf() -> None:
    doc = read_bytes(b"\r\n" * 20 + pdf_bytes(SAMPLE_TEXT), "x.bin")
    assert doc.file_type == "pdf"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("教育".encode() * 1000)
    with pytest.raises(RejectedFile, match="over the size limit of 100 bytes"):
        read_path(path, ReadLimits(max_bytes=100))
    with pytest.raises(RejectedFile, match="over the size limit"):
        read_bytes(path.read_bytes(), "big.txt", ReadLimits(max_bytes=100))


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(RejectedFile, match="cannot open file"):
        read_path(tmp_path / "nope.txt")


def test_page_limit_is_checked(tmp_path: Path) -> None:
    data = pdf_bytes(SAMPLE_TEXT * 30, lines_per_page=20)
    with pytest.raises(RejectedFile) as err:
        read_bytes(data, "long.pdf", ReadLimits(max_pages=2))
    pages = read_bytes(data, "long.pdf").pages
    assert pages and pages > 2
    assert f"PDF has {pages} pages" in err.value.reason and "limit of 2 pages" in err.value.reason


def test_document_type() -> None:
    doc = read_bytes(SAMPLE_TEXT.encode(), "a.txt")
    assert isinstance(doc, Document)
    assert doc.text.split("\n")[0] == "某县人民政府关于2023年度履行教育职责情况的自评报告"


# ---- normalisation -----------------------------------------------------------------------------


def test_debris_is_stripped() -> None:
    raw = (
        "# 某县教育局 关于整改情况的通报\n"
        "## **一、整改工作整体情况**\n"
        "#### **1. 义务教育均衡发展工作有差距。**\n"
        "**整改措施：**一是加强管理。\n"
        "[bookmark: _GoBack]二是__强化__督导。\n"
        "[]{#_GoBack .anchor}三是完善制度。\n"
    )
    assert normalise_text(raw).split("\n") == [
        "某县教育局 关于整改情况的通报",
        "一、整改工作整体情况",
        "1. 义务教育均衡发展工作有差距。",
        "整改措施：一是加强管理。",
        "二是强化督导。",
        "三是完善制度。",
    ]


@pytest.mark.parametrize(
    "footer", ["- 3 -", "— 12 —", "－３－", "第 3 页", "第3页 共10页", "3/10", "Page 3 of 10"]
)
def test_page_number_lines_are_dropped(footer: str) -> None:
    raw = f"全县幼儿园共58所。\n{footer}\n在园幼儿11152人。"
    assert normalise_text(raw) == "全县幼儿园共58所。\n在园幼儿11152人。"


def test_characters_are_kept_as_they_are() -> None:
    # no NFKC: full-width digits, ％ and ： stay; a lone blank is kept, not glued
    assert normalise_text("比例为１６．２５％：\n") == "比例为１６．２５％："
    assert normalise_text("占比  \t %，较去年") == "占比 %，较去年"
    assert normalise_text("  前后空白\u3000\n") == "前后空白"
    # Kangxi radicals from PDF text layers become the ordinary hanzi
    assert normalise_text("⽇标⼈数") == "日标人数"


def test_line_breaks_and_form_feeds() -> None:
    assert (
        normalise_text("第一段。\r\n第二段。\r第三段。\f第四段。")
        == "第一段。\n第二段。\n第三段。\n第四段。"
    )


def test_page_break_split_inside_a_sentence_is_joined() -> None:
    # the seed-001 shape: a short list item cut mid-word, a blank line, the rest
    raw = (
        "1. 高度重视，迅速行动。接到反馈意见后立即召开会议，研究制定整改方案。\n\n"
        "2. 建立台账，对账销号。制定整改方案及问题台账，明\n\n"
        "确整改任务、责任领导、责任部门及完成时间。\n"
        "3. 总结经验，注重长效。"
    )
    assert normalise_text(raw).split("\n") == [
        "1. 高度重视，迅速行动。接到反馈意见后立即召开会议，研究制定整改方案。",
        "2. 建立台账，对账销号。制定整改方案及问题台账，明确整改任务、责任领导、责任部门及完成时间。",
        "3. 总结经验，注重长效。",
    ]


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    paragraph = (
        "全区共有各类幼儿园58所，其中公办园7所，民办园51所，在园幼儿11152人，"
        "学前三年毛入园率为97%，普惠性幼儿园覆盖率为86%，到2025年学前三年毛入园率达98%，"
        "普惠性幼儿园覆盖率达到80%以上。"
    )
    wrapped = "\n".join(paragraph[i : i + 30] for i in range(0, len(paragraph), 30))
    raw = "一、学前教育\n" + wrapped + "\n二、义务教育\n" + wrapped
    assert normalise_text(raw).split("\n") == ["一、学前教育", paragraph, "二、义务教育", paragraph]


def test_line_starting_with_closing_punctuation_continues() -> None:
    assert normalise_text("公办园比例将达到57\n%以上。") == "公办园比例将达到57%以上。"
    assert normalise_text("在园幼儿11152人\n，学前三年毛入园率为97%。") == (
        "在园幼儿11152人，学前三年毛入园率为97%。"
    )


def test_titles_headings_issuer_and_date_stay_apart() -> None:
    raw = (
        "南山区人民政府2024年教育领域\n"
        "重点工作推进情况的自查自评报告\n"
        "南阳市政府教育督导委员会办公室：\n"
        "根据评价方案要求，现将有关情况报告如下：\n"
        "一、高度重视，落实责任\n"
        "（一）加强党对教育工作的全面领导，实施教育强区战略\n"
        "整改措施：一是加强管理，二是完善制度\n"
        "整改结果：已整改，长期坚持\n"
        "问题1：学区划分不均衡\n"
        "南阳市城乡一体化示范区管委会\n"
        "2022年7月12日"
    )
    assert normalise_text(raw) == raw


def test_decimal_at_line_start_is_not_a_list_item() -> None:
    long_line = "全县义务教育阶段学校共有专任教师，其中本科以上学历教师占比达到" * 2
    assert not starts_with_marker("1.5万人")
    assert starts_with_marker("1.我区制定学前教育改革发展实施办法")
    assert not starts_with_marker("师生比达1:9以上。")
    assert starts_with_marker("整改措施：一是")
    out = normalise_text(long_line + "\n1.5万人，较上年增长3%。")
    assert out == long_line + "1.5万人，较上年增长3%。"


def test_latin_words_split_by_a_wrap_get_a_space() -> None:
    assert should_join("完善 the education", "完善 the education", "system，并", 10)
    assert normalise_text("完善了 the education\nsystem，并持续推进。") == (
        "完善了 the education system，并持续推进。"
    )


def test_text_mentioning_pdf_magic_is_still_text() -> None:
    doc = read_bytes("本报告说明：扫描件以 %PDF-1.4 格式保存。\n".encode(), "a.txt")
    assert doc.file_type == "txt" and doc.text == "本报告说明：扫描件以 %PDF-1.4 格式保存。"


def test_symbol_font_bullets_in_utf8_are_kept() -> None:
    raw = "\uf06c 加强管理。\n\uf06c 完善制度。\n\uf06c 强化督导。"
    assert read_bytes(raw.encode(), "a.txt").text == raw


def test_a_few_stray_nul_bytes_are_removed_with_a_warning(seeds_dir: Path) -> None:
    data = (seeds_dir / "003_4d43d19a48da18fb.txt").read_bytes() + b"\x00" * 4
    doc = read_bytes(data, "x.txt")
    assert doc.encoding == "utf-8" and "\x00" not in doc.text
    assert doc.warnings == ["4 NUL byte(s) removed"]


def test_hostile_files_are_deterministic_and_distinct() -> None:
    first = [case.build() for case in HOSTILE]
    assert first == [case.build() for case in HOSTILE]
    assert len(set(first)) == len(first)


def test_indented_line_starts_a_paragraph() -> None:
    wrapped = "全区共有各类幼儿园58所，其中公办园7所，民办园51所，在园幼儿共计"
    # a full line then an indented line: new paragraph; a non-indented line: continuation
    raw = f"　　{wrapped}\n11152人。\n　　{wrapped}\n　　另有托育机构12所。"
    assert normalise_text(raw).split("\n") == [
        wrapped + "11152人。",
        wrapped,
        "另有托育机构12所。",
    ]
    # all lines indented alike (pdftotext -layout margins): indentation says nothing
    raw = f"    {wrapped}\n    11152人。"
    assert normalise_text(raw) == wrapped + "11152人。"


def test_label_marker_is_not_a_sentence_that_ends_in_a_colon() -> None:
    assert starts_with_marker("整改进展情况：") and starts_with_marker("责任单位：县教体局")
    assert not starts_with_marker("有关情况报告如下：")
    assert not starts_with_marker("报告如下：")


@pytest.mark.parametrize("chars_per_line", [24, 38, 50])
def test_hard_wrapped_txt_reads_like_the_original(seeds_dir: Path, chars_per_line: int) -> None:
    """A TXT as pdftotext writes it (lines cut at a fixed width, form feeds, page numbers)."""
    import difflib
    import re

    from reportflow.pdfgen import FONT_SIZE, wrap_paragraph

    for seed in sorted(seeds_dir.glob("*.txt")):
        raw = seed.read_text(encoding="utf-8")
        lines: list[str] = []
        for para in raw.split("\n"):
            lines += (
                wrap_paragraph(para.strip(), chars_per_line * FONT_SIZE) if para.strip() else [""]
            )
        out = []
        for i, line in enumerate(lines, 1):
            out.append(line)
            if i % 40 == 0:
                out.append(f"\f- {i // 40} -")
        wrapped = read_bytes("\n".join(out).encode("gb18030"), seed.name).text
        original = read_path(seed).text
        assert re.sub(r"\s", "", wrapped) == re.sub(r"\s", "", original), seed.name
        ratio = difflib.SequenceMatcher(None, original, wrapped, autojunk=False).ratio()
        assert ratio >= 0.99, (seed.name, ratio)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1\\. 高度重视，迅速行动。", "1. 高度重视，迅速行动。"),
        ("![](media/image1.png)全区共有幼儿园58所。", "全区共有幼儿园58所。"),
        ("详见[教育局网站](https://jyj.example.gov.cn/a.html)。", "详见教育局网站。"),
        ("[整改到位]{.underline}的问题12个", "整改到位的问题12个"),
        ('一是加强<u>管理</u>，<span style="x">完善</span>制度。<br/>', "一是加强管理，完善制度。"),
        ("| 指标 | 数值 |\n|---|---|\n| 毛入园率 | 97% |", "指标 数值\n毛入园率 97%"),
        ("+----+----+\n共计12项[^1]。", "共计12项。"),
        ('<a id="_GoBack"></a>根据要求', "根据要求"),
        # brackets that are text stay
        ("转发<党委（党组）意识形态工作责任制实施细则〉的通知", None),
        ("新教体字[2023]52号", None),
        ("（宛政办〔2019〕26号）", None),
    ],
)
def test_converter_debris(raw: str, expected: str | None) -> None:
    assert normalise_text(raw) == (raw if expected is None else expected)


def test_number_cut_by_the_wrap_is_not_taken_for_a_list_marker() -> None:
    # a decimal split after its point, and a wrapped line starting "31、" that continues a list
    # of numbers: both halves belong to one sentence
    para = (
        "经过监测，全县小学和初中的校际综合差异系数分别为0.31、0.27，均达到国家规定的标准要求，"
        "全县义务教育发展的均衡程度持续提高，各项指标保持稳定。"
    )
    cut = para.index("0.") + 2
    raw = "一、义务教育\n" + para[:cut] + "\n" + para[cut:] + "\n二、学前教育"
    assert normalise_text(raw).split("\n") == ["一、义务教育", para, "二、学前教育"]
    # a real numbered list after a finished sentence still starts new lines
    assert normalise_text("目标如下。\n1. 提高入园率。\n2. 降低大班额。").split("\n") == [
        "目标如下。",
        "1. 提高入园率。",
        "2. 降低大班额。",
    ]


def test_flattened_table_rows_stay_on_their_own_lines() -> None:
    rows = [
        "对照资源配置指标，我县各项指标均达到国家标准（指标 标准 我县 达标情况）：",
        "每百名学生拥有县级以上骨干教师数 1.0 1.48 达标",
        "生均教学仪器设备值（元） 2000 3862 达标",
        "小学综合差异系数 ≤0.50 0.312 达标",
        "学前三年毛入园率(%) | 95.1 | 96.3",
        "幼儿园生师比 ≤15:1 12.6:1 是",
    ]
    assert normalise_text("\n".join(rows)).split("\n") == rows
    # prose with numbers is still joined when wrapped
    prose = (
        "全区共有幼儿园 58 所，在园幼儿 11152 人，学前三年毛入园率为97%，普惠性幼儿园覆盖率为86%。"
    )
    wrapped = prose[:30] + "\n" + prose[30:]
    assert normalise_text("一、学前教育\n" + wrapped + "\n二、义务教育") == (
        "一、学前教育\n" + prose + "\n二、义务教育"
    )


# ---- letter-spaced lines, web debris, numbers cut off by the wrap ---------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2 0 2 4 年 ， 全 区 小 学 入 学 率 达 1 0 0 %", "2024年，全区小学入学率达100%"),
        ("1 2 . 0 5 万 元", "12.05万元"),
        ("某 某 区 教 育 局  办 公 室", "某某区教育局 办公室"),  # a double blank stays as one
        ("生\u00a0均\u00a0经\u00a0费\u00a0达\u00a0标", "生均经费达标"),
    ],
)
def test_letter_spaced_lines_lose_their_single_blanks(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "line",
    [
        "初中 7 4 1 3",  # a flattened table row of one-digit cells
        "比例 占比  %",
        "School of Education at A B C",
        "我县 教育 工作 成效 显著",  # words, not letters, are spaced
    ],
)
def test_lines_that_are_not_letter_spaced_keep_their_blanks(line: str) -> None:
    assert normalise_text(line) == " ".join(line.split())


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 信息公开 > 教育体育",
        "当前位置：首页>部门动态>教育局",
        "网站首页|政务公开|通知公告",
        "信息公开 » 部门文件 » 教育局",
        "发布时间：2024-04-02 09:15 来源：区教育局 浏览次数：87",
        "【字体：大 中 小】 【打印本页】 【关闭窗口】",
        "扫一扫在手机打开当前页",
        "分享到：",
        "主办单位：某区人民政府办公室 承办单位：区大数据中心",
        "版权所有：某区人民政府",
        "网站标识码：3301000001",
        "浙ICP备05001234号-1",
        "浙公网安备 33010002000123号",
        "技术支持：某某信息技术有限公司",
        "索引号：001008003/2024-00017",
        "来源：区教育局 作者：王某",
        "信息来源：某区人民政府网",
        "2025/1/8 09:41 关于某区教育工作的自评报告",  # browser print header
        "https://www.example.gov.cn/art/2025/1/8/art_17.html 2/6",  # browser print footer
        "设为首页 | 加入收藏 | 无障碍浏览",
    ],
)
def test_web_page_debris_lines_are_dropped(line: str) -> None:
    text = f"{line}\n全区共有中小学42所。\n{line}"
    assert normalise_text(text) == "全区共有中小学42所。"


def test_web_debris_words_inside_report_sentences_are_kept() -> None:
    text = (
        "一、办学条件\n"
        "全区中小学来源于政府投入的经费占比为92%，首页展示的版权所有声明不在此列。\n"
        "数据来源：区教育统计年报\n"
        "来源：省委第二巡视组反馈意见"
    )
    assert normalise_text(text) == text


def test_page_furniture_run_into_a_title_line_is_cut_off() -> None:
    raw = (
        "关于某区2024年度义务教育优质均衡发展情况的自评报告 发布时间：2025-01-08 来源：教育局\n"
        "【字体：大 中 小】\n"
        "区政府教育督导室：\n"
        "根据省教育厅工作部署，现将我区自评情况报告如下。"
    )
    lines = normalise_text(raw).split("\n")
    assert lines[0] == "关于某区2024年度义务教育优质均衡发展情况的自评报告"
    assert lines[1] == "区政府教育督导室："


_WRAP_DOC = (
    "某区2024年度教育工作自查报告\n"
    "  根据上级要求，我区对照评价指标体系逐项开展了自查，现将有关情况报告如下。\n"
    "  一、经费投入\n"
    "  本年度，全区一般公共预算教育支出\n"
    "2,318,400,000元，较上年增长3.2%。全区小学适龄儿童入学率为\n"
    "100%，初中三年巩固率达到\n"
    "99.4%。项目计划完成时间为\n"
    "2025年6月。\n"
    "  （一）学前教育\n"
    "2024年，全区新建公办幼儿园3所。\n"
    "  二、师资队伍\n"
    "96%以上的专任教师学历达标。\n"
    "1.教师补充\n"
    "2024年招聘教师120名。\n"
    "某区人民政府\n"
    "2025年1月10日"
)


def test_a_number_cut_onto_the_next_line_continues_the_sentence() -> None:
    lines = normalise_text(_WRAP_DOC).split("\n")
    assert (
        "本年度，全区一般公共预算教育支出2,318,400,000元，较上年增长3.2%。"
        + ("全区小学适龄儿童入学率为100%，初中三年巩固率达到99.4%。项目计划完成时间为2025年6月。")
        in lines
    )


def test_a_heading_or_signature_before_a_number_line_stays_apart() -> None:
    lines = normalise_text(_WRAP_DOC).split("\n")
    for pair in [
        ("（一）学前教育", "2024年，全区新建公办幼儿园3所。"),
        ("二、师资队伍", "96%以上的专任教师学历达标。"),
        ("1.教师补充", "2024年招聘教师120名。"),
        ("某区人民政府", "2025年1月10日"),
    ]:
        i = lines.index(pair[0])
        assert lines[i + 1] == pair[1]


def test_list_markers_after_running_text_are_not_numbers_cut_by_the_wrap() -> None:
    text = "主要做法有\n1.加强统筹\n2、完善机制\n3）强化督导"
    assert normalise_text(text).split("\n") == [
        "主要做法有",
        "1.加强统筹",
        "2、完善机制",
        "3）强化督导",
    ]


def test_a_ratio_cut_after_its_colon_is_joined_but_a_numbered_label_is_not() -> None:
    assert normalise_text("小学、初中生师比分别为16.8:\n1、12.9:1。") == (
        "小学、初中生师比分别为16.8:1、12.9:1。"
    )
    assert normalise_text("附件3:\n1、学校名单") == "附件3:\n1、学校名单"


def test_pdf_of_a_web_page_reads_like_the_report() -> None:
    from reportflow.extract import extract_bytes

    text = (
        "当前位置：首页 > 信息公开 > 教育\n\n"
        "关于某区2024年度履行教育职责情况的自查报告\n\n"
        "【字体：大 中 小】 【打印本页】\n\n"
        "根据上级通知要求，我区开展了全面自查，现将有关情况报告如下。\n\n"
        "2 0 2 4 年 ， 全 区 学 前 三 年 毛 入 园 率 为 9 5 . 1 2 % 。\n\n"
        "某区人民政府\n\n2025年1月10日\n\n附件：1.学校统计表\n\n抄送：市教育局。\n\n"
        "版权所有：某区人民政府 网站标识码：1100000000\n"
    )
    rec = extract_bytes(pdf_bytes(text), "web.pdf")
    assert rec["title"] == "关于某区2024年度履行教育职责情况的自查报告"
    assert rec["issuer"] == "某区人民政府" and rec["published_date"] == "2025-01-10"
    assert [(m["metric"], m["value"], m["year"]) for m in rec["metrics"]] == [
        ("preschool_gross_enrollment_rate", 95.12, 2024)
    ]


def test_table_cells_one_a_line_are_not_joined_as_cut_numbers() -> None:
    text = "二、办学条件\n指标\n生均校舍建筑面积\n8.2平方米\n9.6平方米\n生均体育运动场馆面积\n7.5平方米"
    assert normalise_text(text).split("\n") == text.split("\n")


def test_a_table_row_with_blanks_before_its_units_stays_a_row() -> None:
    text = (
        "全区学前教育发展良好。各项指标如下。\n"
        "普惠性幼儿园覆盖率 ≥80 % 91.5 % 达标\n公办园在园幼儿占比 ≥50 % 66.1 % 达标"
    )
    assert normalise_text(text).split("\n") == text.split("\n")


def test_the_web_header_normalisation_drops_is_kept_beside_the_text() -> None:
    from reportflow.extract import extract_bytes

    text = (
        "首页 > 新闻中心 > 教育动态\n某县召开学前教育工作推进会\n"
        "来源：某县教育局    发布时间：2024-03-15 10:21    浏览次数：312\n"
        "2021年以来，全县新建幼儿园6所。目前全县学前三年毛入园率达到92.5%。\n"
    )
    doc = read_bytes(text.encode("gb18030"), "news.txt")
    assert "发布时间" not in doc.text
    assert doc.web_header == [
        "首页 > 新闻中心 > 教育动态",
        "来源：某县教育局 发布时间：2024-03-15 10:21 浏览次数：312",
    ]
    for rec in (extract_bytes(text.encode(), "news.txt"), extract_bytes(pdf_bytes(text), "n.pdf")):
        assert (rec["report_year"], rec["published_date"]) == (2024, None)
        assert [(m["metric"], m["year"]) for m in rec["metrics"]] == [
            ("preschool_gross_enrollment_rate", 2024)
        ]


def test_a_value_line_opening_with_its_connective_continues_the_metric_name() -> None:
    # the unfinished sentence has no clause punctuation yet: only the value start tells
    assert normalise_text("全区学前三年毛入园率\n为94.2%，较上年提高1个百分点。") == (
        "全区学前三年毛入园率为94.2%，较上年提高1个百分点。"
    )
    assert normalise_text("一、基本情况\n全区义务教育巩固率\n达到99.1%。").split("\n") == [
        "一、基本情况",
        "全区义务教育巩固率达到99.1%。",
    ]
    # a year after the word opens a sentence of its own (至2025年，… / 在2023年…)
    assert normalise_text("下一步工作打算\n至2025年，全区新建幼儿园3所。").split("\n") == [
        "下一步工作打算",
        "至2025年，全区新建幼儿园3所。",
    ]


def test_a_sentence_begun_after_another_and_cut_before_its_punctuation_goes_on() -> None:
    # a long unwrapped line elsewhere makes this wrap look short; the last sentence of the
    # line (after a 。) has no punctuation yet: the next line of running text finishes it
    body = ["全县坚持教育优先发展，" * n + "取得明显成效。" for n in range(8, 14)]
    raw = (
        "\n".join(body) + "\n推进普通高中多样化发展，深化校企合作。2022年全区普通高中阶段\n"
        "毛入学率达到93.8%，较上年提高1.1个百分点。\n"
    )
    assert normalise_text(raw).split("\n") == body + [
        "推进普通高中多样化发展，深化校企合作。2022年全区普通高中阶段毛入学率达到93.8%，"
        "较上年提高1.1个百分点。",
    ]
    # a heading, a list item, a title and a signature still stay apart
    raw = (
        "\n".join(body) + "\n（二）工作成效。主要做法\n"
        "一是强化统筹，二是压实责任。\n"
        "各项工作扎实推进。具体如下\n"
        "1.加强领导，健全机制。\n"
        "特此报告。某县人民政府\n"
        "2023年5月8日\n"
    )
    assert normalise_text(raw).split("\n") == raw.strip().split("\n")


def test_rows_of_a_pipe_table_stay_apart() -> None:
    body = ["全县坚持教育优先发展，" * n + "取得明显成效。" for n in range(6, 9)]
    rows = [
        "编号|问题|整改举措|整改进度",
        "1|部分学校功能室不足|投入420万元新建功能室18间，" + "配齐设备，" * 8 + "已投入使用|已完成",
        "2|教师培训覆盖面不够|2023年组织全员培训3200人次，"
        + "分层分类，" * 8
        + "覆盖全体教师|已完成",
        "3|学生体质有待增强|开展阳光体育运动，" + "每天锻炼，" * 9 + "到2025年达到优良率55%|推进中",
    ]
    raw = "\n".join(body + rows)
    assert normalise_text(raw).split("\n") == body + rows
    # a row wrapped inside a cell is one row again
    wrapped = rows[:2] + [rows[2][:30], rows[2][30:]] + rows[3:]
    assert normalise_text("\n".join(body + wrapped)).split("\n") == body + rows


def test_a_source_line_ending_in_a_separator_is_page_furniture() -> None:
    text = (
        "某县问题清单及整改情况\n来源：某县人民政府门户网站 | 发布时间：2022-12-15 | 【我要打印】"
    )
    assert normalise_text(text) == "某县问题清单及整改情况"


def test_rows_of_a_tab_separated_table_stay_apart() -> None:
    rows = [
        "序号\t问题\t整改措施\t责任单位\t进展",
        "1\t学位紧张\t新建学校2所，预计2025年新增学位1800个\t县教育局\t持续推进",
        "2\t体质健康偏低\t落实体育活动，2024年全县学生体质健康优良率为52.4%\t县教育局\t已完成",
    ]
    assert normalise_text("\n".join(rows)).split("\n") == [r.replace("\t", " ") for r in rows]
