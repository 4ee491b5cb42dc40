"""Report-level fields: title, issuer, type, region, year, signature date.

Interface: extract_metadata(text) -> ReportMeta. Works on raw text and on the normalised text
of readers.normalise_text alike (markdown marks `#`/`**` and `[bookmark: ...]` are ignored).

- title: the leading heading lines (issuer line + 关于…报告 line joined), up to the addressee
  line (`…办公室：`) or the first body sentence.
- issuer: the title's part before 关于 when it names a body, else the signature line above the
  date, else the body the title starts with (南山区人民政府2024年…).
- report_type: decided by the head noun of the title: of the self-evaluation and rectification
  key phrases (data/report_words.yaml) the one that ends last in the title wins; without one,
  整改/反馈/销号 make it a rectification, 自查/自评 or a topic a county reports on about itself
  (优质均衡, 普及普惠, 履职 ..., or its own 教育工作情况 in a 汇报/报告) a self-evaluation;
  else (or without a title) what the opening paragraph says it reports decides
  (`现将…情况报告如下`, `下面我就…情况作简要汇报`).
- published_date: a date closing one of the last lines (Arabic, full-width or Chinese digits),
  or a line above them followed only by a trailer (附件 lists, 抄送/印发, contacts, web
  footer: signature.py); never a date of the body.
- report_year: for any report but a rectification, the year of its own subject when the title
  (without a title: the opening's `现将我区2023年度…情况汇报如下`) names one
  (`关于2023年度履行教育职责情况的自查报告` or `某区2023年教育工作情况汇报` signed 2024 ->
  2023; not a year of what is being rectified:
  `关于对2021年省评价反馈问题的整改情况及…自查自评报告` -> the signature's year);
  otherwise the signature date's year, else the first year of the title, else the most
  frequent year of the first paragraph (not a period's start: 2021年以来), else the year of
  the web page's date (`发布时间：2024-03-15` in the header normalisation dropped; a news page
  has no signature: published_date stays null), else the most frequent year of the body's
  first lines (ties: the later).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

from reportflow.models import ReportMeta
from reportflow.numbers import PERIOD_AFTER_YEAR, halfwidth, parse_chinese_numeral
from reportflow.regions import resolve_region, words
from reportflow.signature import signature_date_line
from reportflow.textnorm import clean_line

TITLE_MAX_LINES = 4
BODY_YEAR_LINES = 40  # lines read for the most frequent year when the opening names none
TITLE_LINE_MAX = 80
ADDRESSEE_MAX = 40
TITLE_CUT_MAX = 50  # a title part cut from a line that runs into the body
ISSUER_MAX = 40
YEAR_MIN, YEAR_MAX = 1990, 2100

_SPACE = re.compile(r"[ \t\u3000\u00a0]+")
_BODY_START = re.compile(
    r"^(根据|按照|依据|为了|为深入|为全面|为进一步|近年来|今年以来|自20|现将|我县|我区|我市)"
)
_SKIP_LINE = re.compile(
    r"^(?:附件\s*[0-9一二三四五六七八九十]*\s*[:：]?"
    r"|.{0,24}文件"
    r"|.{0,24}[〔\[［(（]\s*[0-9]{4}\s*[〕\]］)）]\s*[0-9]+\s*号"
    r"|签发人.*|(?:密级|保密|内部|主动公开|依申请公开|不予公开|特急|加急|紧急).{0,12})$"
)
_CN_D = "〇○零Ｏ一二三四五六七八九十"
_DATE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[{_CN_D}]{{4}})\s*年\s*(?P<m>[0-9]{{1,2}}|[{_CN_D}]{{1,3}})\s*月\s*"
    rf"(?P<d>[0-9]{{1,2}}|[{_CN_D}]{{1,4}})\s*日"
    r"|(?P<y2>[0-9]{4})\s*[.\-/]\s*(?P<m2>[0-9]{1,2})\s*[.\-/]\s*(?P<d2>[0-9]{1,2})(?![0-9])"
)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


def _lines(text: str) -> list[str]:
    return [c for c in (clean_line(ln) for ln in text.splitlines()) if c]


def _join(parts: list[str]) -> str:
    """Join title lines; spaces between Chinese characters go (they are layout)."""
    s = "".join(p.strip() for p in parts)
    return _SPACE.sub("", s)


# --------------------------------------------------------------------------------- title


# a line under the title naming only the period it covers: （2019年度）, (2021—2022学年)
_TITLE_PERIOD = re.compile(r"[（(]\s*(?:19|20)\d\d\s*(?:年度?|学年)?[^（）()。，]{0,12}[）)]")
_TITLE_HEAD = r"(?:自评报告|自查报告|情况报告|报告|通报|汇报|自评|总结|情况说明)"


def _cut_title(line: str) -> str:
    """A first line that runs into the body: keep up to the title's head noun."""
    mark = re.search(r"[。；，,;]", line)
    m = re.search(rf"^(.{{4,100}}?{_TITLE_HEAD})", line)
    if m and (mark is None or m.end() <= mark.start()):
        return m.group(1)
    return ""


def extract_title(text: str) -> str | None:
    lines = _lines(text)
    parts: list[str] = []
    for i, line in enumerate(lines[: TITLE_MAX_LINES + 2]):
        if not parts and _SKIP_LINE.match(line):
            continue
        if (line.endswith(("：", ":")) and len(line) <= ADDRESSEE_MAX) or _BODY_START.match(line):
            break  # the addressee line or the body
        if len(line) > TITLE_LINE_MAX or re.search(r"[。；;，,]", line):
            cut = _cut_title(line)
            if cut and (not parts or cut.startswith("关于") or len(cut) <= TITLE_CUT_MAX):
                parts.append(cut)
            break
        parts.append(line)
        if len(parts) >= TITLE_MAX_LINES or re.search(r"(报告|通报|汇报)$", line):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if _TITLE_PERIOD.fullmatch(halfwidth(nxt)):
                parts.append(nxt)  # 关于…的自查报告 / （2019年度）: the period it covers
            break
    title = _join(parts)
    return title or None


# -------------------------------------------------------------------------------- issuer


def _signature(text: str) -> tuple[list[str], int | None]:
    """The text's lines and the index of its signature date line (see signature.py)."""
    lines = _lines(text)
    return lines, signature_date_line(lines, _closing_date)


def _signature_issuer(text: str) -> str | None:
    """The issuer signing above the signature date (or before it on the date line); without a
    signature date, the last line when it names a body."""
    lines, at = _signature(text)
    suffixes = tuple(words()["metadata"]["issuer_suffixes"])
    candidates = lines[-1:] if at is None else [lines[at], *lines[max(0, at - 1) : at][::-1]]
    for raw in candidates:
        line = _SPACE.sub("", halfwidth(raw))
        date = _DATE.search(line)
        if date:
            line = line[: date.start()].strip().rstrip("（(【[")
            if not line:
                continue
        if 2 < len(line) <= ISSUER_MAX and not re.search(r"[。，；！？]", line):
            if line.endswith(suffixes):
                return line
        break
    return None


def _is_body(s: str) -> bool:
    """Whether `s` names an institution (中共某县教育局党组, 某县人民政府, 某区)."""
    w = words()["metadata"]
    return s.endswith(tuple(w["issuer_suffixes"])) or s[-1] in w["issuer_end_chars"]


def extract_issuer(text: str, title: str | None) -> str | None:
    suffixes = tuple(words()["metadata"]["issuer_suffixes"])
    if title:
        for word in words()["metadata"]["issuer_split"]:
            head, sep, _ = title.partition(word)
            if sep and 2 < len(head) <= ISSUER_MAX and _is_body(head):
                return head
    sig = _signature_issuer(text)
    if sig:
        return sig
    if title:
        m = re.match(
            r"^([^0-9关]{2,30}?(?:"
            + "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True)))
            + "))",
            title,
        )
        if m:
            return m.group(1)
    return None


# ---------------------------------------------------------------------------------- type


@cache
def _DOC_HEADS() -> tuple[str, ...]:  # noqa: N802  (a constant read from the data file)
    return tuple(words()["metadata"]["document_heads"])


def _type_of(s: str) -> str | None:
    """The type whose key phrase ends last in `s` (the head of the noun phrase)."""
    w = words()["metadata"]
    best: tuple[int, str] | None = None
    for kind in ("self_evaluation", "rectification"):
        for kw in w[kind]:
            at = s.rfind(kw)
            if at >= 0:
                end = at + len(kw)
                if best is None or end > best[0]:
                    best = (end, kind)
    return best[1] if best else None


def report_type(text: str, title: str | None, paged: dt.date | None = None) -> str:
    """`paged`: the web page's own date (page_date), None when the text is no web page."""
    if title and paged and not any(h in title for h in _DOC_HEADS()):
        return "other"  # a news page's headline (某县高质量完成…督导): news about a report
    if title:
        kind = _type_of(title)
        if kind:
            return kind
        w = words()["metadata"]
        if any(t in title for t in w["rectification_cues"]):
            return "rectification"  # 关于落实省督导评估反馈意见情况的报告
        if "自查" in title or "自评" in title:
            return "self_evaluation"
        if any(t in title for t in w["self_evaluation_topics"]):
            return "self_evaluation"  # 义务教育优质均衡发展工作汇报: an account of itself
        if any(t in title for t in w["self_account_topics"]) and title.endswith(
            tuple(w["self_account_heads"])
        ):
            return "self_evaluation"  # 某区2023年教育工作情况汇报
    # the opening paragraph: 现将…情况报告如下 / 下面我就…情况作简要汇报
    said = _opening_subject(text)
    if said:
        kind = _type_of(said)
        if kind:
            return kind
        w = words()["metadata"]
        if "整改" in said:
            return "rectification"
        if "自查" in said or "自评" in said:
            return "self_evaluation"
        if any(t in said for t in w["self_evaluation_topics"] + w["self_account_topics"]):
            return "self_evaluation"  # 现将我区教育工作情况汇报如下
    return "other"


_OPENING_SAYS = (
    re.compile(r"现将([^。]{0,40}?)(?:报告如下|汇报如下|予以公布|通报如下|公布如下)"),
    # a briefing read to inspectors: 下面，我就我区…情况向各位领导作简要汇报
    re.compile(
        r"(?:就|把)([^。，,；]{2,40}?)(?:向[^。，,；]{1,12}?)?(?:作|做|进行)(?:一个|一下|个)?"
        r"(?:简要|简单|全面)?的?(?:汇报|报告)"
    ),
)


def _opening_subject(text: str) -> str | None:
    """What the opening paragraph says it reports (`现将我区履行教育职责情况汇报如下`)."""
    opening = "".join(_lines(text)[:6])[:800]
    found = [m for pat in _OPENING_SAYS if (m := pat.search(opening))]
    return min(found, key=lambda m: m.start()).group(1) if found else None


# ---------------------------------------------------------------------------------- dates


def _num(s: str) -> int | None:
    s = halfwidth(s).replace("○", "〇").replace("Ｏ", "〇").strip()
    if s.isdigit():
        return int(s)
    return parse_chinese_numeral(s)


def _date_of(m: re.Match[str]) -> dt.date | None:
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))  # type: ignore[assignment]
    if y is None or mo is None or d is None or not YEAR_MIN <= y <= YEAR_MAX:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _closing_date(line: str) -> dt.date | None:
    """The date closing a signature line (after nothing or an issuer), or None."""
    hw = halfwidth(line).rstrip(" ）)】]。.")
    last = None
    for m in _DATE.finditer(hw):
        last = m
    if last is None or hw[last.end() :].strip():
        return None
    before = hw[: last.start()].rstrip().rstrip("（(【[").rstrip()
    suffixes = tuple(words()["metadata"]["issuer_suffixes"])
    if before and not before.endswith(suffixes):
        return None  # a sentence or a deadline (整改时限：…) that ends on a date
    return _date_of(last)


def page_date(web_header: list[str] | tuple[str, ...]) -> dt.date | None:
    """The date a web page gives itself in its header (`发布时间：2024-03-15 10:02`, labels:
    data/report_words.yaml `metadata.page_date_labels`), or None."""
    labels = tuple(words()["metadata"]["page_date_labels"])
    for line in web_header:
        hw = halfwidth(line)
        for label in labels:
            at = hw.find(label)
            if at < 0:
                continue
            m = _DATE.search(hw, at + len(label), at + len(label) + 16)
            if m and (d := _date_of(m)):
                return d
    return None


def published_date(text: str) -> dt.date | None:
    """The signature date: the last line closing on a date among the last lines, or above
    them when only a trailer (附件, 抄送, 印发, contacts, web footer) follows; or None."""
    lines, at = _signature(text)
    return None if at is None else _closing_date(lines[at])


def _title_years(title: str) -> list[tuple[int, int, int]]:
    """The years of a title as (start, end, year), in order (Arabic and Chinese digits)."""
    hw = halfwidth(title)  # 二〇二二年 -> 2022年, one character for one: offsets hold
    found = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(hw)]
    return [(a, b, y) for a, b, y in found if YEAR_MIN <= y <= YEAR_MAX]


def subject_year(title: str) -> int | None:
    """The year a self-evaluation is about, when the title says it (`2023年度履行…`).

    A year counts when it qualifies the report's own subject: the phrase it opens (up to the
    next 的, conjunction or year) names no rectification (反馈, 问题, 整改 ...) and does not
    start with an inspection (`2021年省评价…`, `2022年督导…`): those years are of what is being
    rectified. The first such year wins. Words: data/report_words.yaml `metadata.year_*`.
    """
    w = words()["metadata"]
    years = _title_years(title)
    stops = "的及和与暨、"
    for k, (_, end, year) in enumerate(years):
        stop = years[k + 1][0] if k + 1 < len(years) else len(title)
        phrase = title[end:stop]
        phrase = phrase.removeprefix("度")
        cut = min([phrase.find(c) for c in stops if c in phrase] or [len(phrase)])
        phrase = phrase[:cut]
        if any(word in phrase for word in w["year_rectified"]):
            continue
        lead = re.sub(r"^(?:上级|国家|中央|[省市县区州盟旗]+(?:委|政府|人民政府)?)", "", phrase)
        if lead.startswith(tuple(w["year_inspection"])):
            continue
        return year
    return None


def report_year(
    text: str,
    title: str | None,
    signed: dt.date | None,
    kind: str | None = None,
    paged: dt.date | None = None,
) -> int | None:
    if kind != "rectification":
        # the title's subject year; without a title, the one the opening paragraph reports on
        about = title if title else _opening_subject(text)
        year = subject_year(about) if about else None
        if year is not None:
            return year
    if signed is not None:
        return signed.year
    if title:
        years = _title_years(title)
        if years:
            return years[0][2]
    lines = _lines(text)
    start = 0
    n_title = len(title or "")
    # skip the title lines, then read the first paragraph (the first long line)
    for i, line in enumerate(lines[:8]):
        if len(line) > TITLE_LINE_MAX or (n_title and i > 0 and len(_join(lines[:i])) >= n_title):
            start = i
            break
    para = halfwidth("".join(lines[start : start + 2]))
    # a period's start (2021年以来) dates no subject
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(para)
        if YEAR_MIN <= int(m.group(1)) <= YEAR_MAX and not PERIOD_AFTER_YEAR.match(para, m.end())
    ]
    if not years and paged is not None:
        return paged.year
    if not years:
        # nothing dated up front: the year the body's figures are mostly given for
        body = halfwidth("".join(lines[start : start + BODY_YEAR_LINES]))
        body = re.sub(r"《[^》]*》", "", body)  # 《…规划（2021—2035年）》 dates no figure
        years = [int(y) for y in _YEAR.findall(body) if YEAR_MIN <= int(y) <= YEAR_MAX]
    if not years:
        return None
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y))


# ---------------------------------------------------------------------------------- main


def extract_metadata(text: str, web_header: list[str] | tuple[str, ...] = ()) -> ReportMeta:
    """Every report-level field the text determines (None where it does not); `web_header`:
    the page-header lines normalisation dropped (Document.web_header)."""
    title = extract_title(text)
    signed = published_date(text)
    region = resolve_region(text)
    paged = page_date(web_header)
    kind = report_type(text, title, paged)
    return ReportMeta(
        title=title,
        issuer=extract_issuer(text, title),
        report_type=kind,
        province=region.province,
        city=region.city,
        county=region.county,
        adcode=region.adcode,
        report_year=report_year(text, title, signed, kind, paged),
        published_date=signed.isoformat() if signed else None,
    )
