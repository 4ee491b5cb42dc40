"""Per-value rules: what stands between an anchor and its number, and what a value is.

Gap and unit checks, scope, year, is_target, routing of generic anchors, blockers, other areas,
rules quoted, parts, one institution; building a value (_make) and its evidence; the helpers the
table and sentence code share (_pick_code, _family, _listed_numbers, _next_token, _rel_year
...). Rules 4 and 6 (the rules of ../shared/contract/METRICS.md, numbered as in the overview of
reportflow.metrics):

4. year: the last year named in the sentence before the value (a year after 比/较 or inside
   《》 is skipped), but a year named mid-sentence does not reach past a ；, nor past its own
   clause when that clause states a value (，2022年该比例为4.9%，) unless the next clause goes on
   from that value (，比上年增长3.3% takes the year of the figure it follows, as does the figure
   paired with it in the next clause, of the same family: …教师平均工资X，公务员平均工资Y; but not of
   上年为X or of 2023年为X after a 2024年 figure: a change after the year before's figure is
   the later year's); one in the
   sentence's first clause covers the whole sentence, but not one dating a past event of its
   own clause (该县2015年通过…验收，: after the subject, before an event verb), nor one
   opening a period up to now (2021年以来), nor one of a list of years (2021年、2022年分别为…)
   past its list's clause; otherwise the
   year of the nearest heading naming one (一、/（一）/1./(1), or a short caption line ending
   in ：, "2024年主要指标完成情况："), until the next heading of the same or a higher rank (a
   caption: any heading): one past year, not a period (2019年以来), a plan heading or a later
   year, nor an event's year (对2021年省评价反馈问题…); relative years (上年) count from it;
   otherwise the report's year.
   is_target: a plan cue in the clause (将, 力争, 确保 ...) or between anchor and number
   (不超过, 控制在 ...; a bound only without a past cue: 已控制在 is achieved; nor the verb
   right after a from-figure: 由上年的X压减至Y is a cut reported), unless a past
   cue (已, 目前) says achieved; a plan year in the sentence
   (到2025年 opening a clause or before a reach verb, 2024年底前, 力争2025年), whatever the
   report's year, but not 到2023年底 no later than the report's year or followed by 已/共有/累计,
   nor 至2023年(秋季学期) opening a sentence, not after the report's year (an as-of date);
   a level to keep (稳定在) after a plan verb (将, 力争) earlier in the sentence (not one inside
   a name in quotes: “特岗计划”; 保持在 alone is a level kept, achieved), or with a year
   after the report's; a plan cue in the sentence (力争, 目标为 ...); a year after the report's
   year in a sentence that speaks of plans; or a place under a plan heading ("三、2024年工作
   计划", "（一）目标任务", "下一步工作打算": a heading line 一、/（一）/1./(1), or a short line
   without punctuation, whose title holds a plan word; it governs until the next heading of the
   same or a higher rank, 附表 ending all) unless the sentence names a year not after the
   report's. Years in Chinese numerals (二〇二二年) count; the base year of 由2022年的X提高到
   does not reach past its clause.
6. Counts are the area's totals: parts (其中公办园7所; a qualifier counts in the count's own
   clause only), acted-on kindergartens (新建4所), one kindergarten's figure and combined
   populations (在校学生和在园幼儿) are skipped; a verb opening a 、-list (新建小学2所、幼儿园5所)
   governs each item, but a blocker word ending another item's kind right before its own count
   (特殊教育学校1所、幼儿园169所) names that item only. Other areas' figures are not the county's:
   a clause naming another area's average (全省…平均为, 全市平均, 全国平均水平; 全市 is the
   report's own area when it says 全市 more than 全县/全区/全旗), or opening with a city or
   province the title lines do not give as the report's own place (or give only as a parent);
   in a city's report (全市 most used, no county in the title lines) a clause opening with a
   county or district, or going on from a sentence that opens with one and a metric. Nor are
   figures quoted as a goal set above the county (“A达到50%、B达到80%”的国家目标/省定目标) or as a
   rule (“A达到85%、B达到80%”的评估标准: every figure of the quote), nor,
   named before the anchor in its clause: a rule quoted (国家/省级/上级/XX市 + 要求/规定/标准,
   also over a 、-list going on from it: 国家要求A达到80%、B达到50%, or over later clauses of
   its segment once it stated a figure, until one names the county or what it has (我县, 已,
   目前); the county's own 县政府要求 makes a target), another area (全省, 全国, 邻县; 全市 unless it is the report's own),
   a part (农村, 城区, 县城, 留守儿童 ...; a plan for it is still the county's target) or one
   school (崇义中学, 第一中学: a name left before 中学/小学/学校 once generic words and words of
   time go: 2022年秋季全县…学校 names no school). After
   another area's, a part's or a rule's value, "，我县为X" / "，全县为X" gives the county's
   value (全市为 only in a city's report). Every figure in brackets opened after another
   area's average or name (高于全省平均水平（毛入园率91.4%，普惠率84.7%）) is that area's. A count
   after a 、-list of school kinds giving no number of their own is their total (小学、初中、
   幼儿园共计96所). A back-reference (该比例, 该项经费) in the value's sentence or the next
   restates the metric of the value before it, with its own year and plan. A year inside
   brackets dates only what they hold (（2022年为43.9%），近视率为38.4%), one inside quotation
   marks only what they quote (按照“2020年基本消除大班额”的要求，…). An anchor qualified by
   another indicator's name right before it (“…骨干教师数”差异系数, 生均…面积差异系数; not
   综合差异系数) is that indicator's figure: no value of the metric.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from reportflow.catalog import MetricSpec
from reportflow.metrics.rules import (
    _FROM_BEFORE,
    _HANZI,
    _LINE_SPAN,
    _NONE_SCOPE,
    _TO_YEAR,
    _alt,
    _cues,
    _Doc,
    _heading,
    _Hit,
    _not_child_place,
    _plan_heading_res,
    _rules,
)
from reportflow.models import MetricValue
from reportflow.numbers import PERIOD_AFTER_YEAR, NumberToken

# ---------------------------------------------------------------- per-value rules


# the most characters between an anchor and its number ("short window"); also bounds the regexes
_MAX_GAP = 40
# how far back in its sentence a generic anchor looks for its context or subject
_MAX_CONTEXT = 400
# evidence of a follow-up value includes the metric's clause up to this many characters
_MAX_EVIDENCE = 100
_BRACKETED = re.compile(r"（[^（）()]*）|\([^（）()]*\)")
_BRACKET_CHARS = re.compile(r"[（）()]")


# years listed between anchor and number (毛入园率2021年、2022年分别为…), or a deadline
# (占比2025年底前达到…)
_YEAR_LIST_GAP = re.compile(
    r"(?:19|20)\d\d\s*学?年度?(?:\s*(?:[、和与及]|以及)\s*(?:19|20)\d\d\s*学?年度?)+"
    r"|(?:19|20)\d\d\s*年\s*(?:底|末)\s*(?:前|以前)"
)


@cache
def _year_season_re() -> re.Pattern[str]:
    """A year with a part of it (2022年秋季学期, 2023年春季): one year word in a gap."""
    return re.compile(r"(?:19|20)\d\d\s*学?年度?\s*(?:" + _alt(_cues()["season_words"]) + r")")


@cache
def _time_word_re() -> re.Pattern[str]:
    """A year with its month or season (2023年10月底, 2022年秋季学期), a month alone (9月) or a
    season alone (秋季学期): words of time, never part of a school's name."""
    seasons = _cues()["season_words"]
    return re.compile(
        r"(?:(?:19|20)\d\d\s*学?年度?)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末|初)?"
        r"|(?:19|20)\d\d\s*学?年度?\s*(?:" + _alt(seasons) + r")"
        r"|" + _alt([w for w in seasons if len(w) >= 2])
    )


def _gap_ok(gap: str, *, fillers: bool = False) -> bool:
    """Only connectives, years, scope words and whole (bracketed asides) between anchor and number."""
    if len(gap) > _MAX_GAP:
        return False
    rules = _rules()
    cleaned = _BRACKETED.sub("", gap)
    cleaned = re.sub(r"[（(]\s*$", "", cleaned)  # the number opens an aside: 工资（98756元）
    if _BRACKET_CHARS.search(cleaned):
        return False  # the anchor sits inside brackets: 学校（含幼儿园）212所
    cleaned = _year_season_re().sub("", _YEAR_LIST_GAP.sub("", cleaned))
    cleaned = rules.gap_strip_re.sub("", cleaned)
    if fillers:
        cleaned = rules.followup_fill_re.sub("", cleaned)
    return rules.gap_re.fullmatch(cleaned) is not None


def _unit_ok(spec: MetricSpec, tok: NumberToken) -> bool:
    ex = spec.extraction
    bare = tok.kind == "number" and bool(ex.get("bare_number"))
    if spec.unit == "percent":
        return tok.kind == "percent"
    if spec.unit == "yuan":
        return tok.kind == "yuan" or (bare and tok.unit in ("", "万", "亿"))
    if spec.unit == "count":
        units = ex.get("count_units") or ["所", "人", "个", "项", "名"]
        return tok.kind == "count" and any(tok.unit.endswith(u) for u in units)
    if spec.unit == "ratio":
        return tok.kind == "ratio" or (bare and tok.unit == "")
    if spec.unit == "coefficient":
        return tok.kind == "number" and tok.unit == ""
    return False


def _joined_level_before(doc: _Doc, pos: int) -> int | None:
    """Where a level joined to the one at `pos` starts (小学、初中 / 小学和初中), or None."""
    rules = _rules()
    joined = rules.regex(
        r"(?:" + rules.scope_re.pattern + r")(?:学校|阶段|学段)?\s*(?:、|和|与|及|以及)\s*$"
    )
    m = joined.search(doc.hw, max(0, pos - 12), pos)
    return m.start() if m else None


def _last_scope(doc: _Doc, lo: int, hi: int) -> str | None:
    """The scope named last in hw[lo:hi]: a scope code, "none" for a mixed population (also two
    levels named together: 小学、初中大班额比例为0), or None."""
    rules = _rules()
    found = None
    last = -1
    for m in rules.scope_re.finditer(doc.hw[lo:hi].replace("其中", "  ")):  # 其中小学 is not 中小学
        at = lo + m.start()
        if _school_name(doc.hw[max(0, at - 12) : at], m.group(0)):
            continue  # in a school's name (崇义中学) it names no level
        found = rules.scope_of[m.group(0)]
        last = at
    if found is not None and found != _NONE_SCOPE and _joined_level_before(doc, last) is not None:
        return _NONE_SCOPE
    return found


def _detect_scope(doc: _Doc, hit_start: int, hit_end: int, tok: NumberToken) -> str | None:
    """The level named in the anchor itself or between it and its number, else in the clause
    before it, else earlier in the sentence but not before another value's anchor (高中阶段
    毛入学率达93%，优良率达到60%: the second value is not about high schools)."""
    c0, _ = doc.clause(hit_start)
    s0, _ = doc.sentence(hit_start)
    i = bisect.bisect_right(doc.anchor_ends, c0) - 1
    lo_sentence = max(s0, doc.anchor_ends[i]) if i >= 0 else s0
    # (the clause window reaches into the anchor for a word across its start: 小学生近视率)
    straddle = min(hit_end, hit_start + 3)
    for lo, hi in ((hit_start, tok.start), (c0, straddle), (lo_sentence, c0)):
        sc = _last_scope(doc, lo, hi)
        if sc is not None:
            return None if sc == _NONE_SCOPE else sc
    return None


_VALUE_KINDS = frozenset({"percent", "yuan", "count", "ratio", "points", "times"})


def _value_between(doc: _Doc, lo: int, hi: int) -> bool:
    """Does a value (a number with a unit) start in [lo, hi)?"""
    i = bisect.bisect_left(doc.token_starts, lo)
    while i < len(doc.tokens) and doc.tokens[i].start < hi:
        if doc.tokens[i].kind in _VALUE_KINDS:
            return True
        i += 1
    return False


def _year_used(doc: _Doc, year_end: int, pos: int) -> bool:
    """The year's own clause (not the one of `pos`) states a value after it: "，2022年该比例为
    4.9%，" dates that value, not the clauses after it."""
    c0, c1 = doc.clause(year_end - 1)
    if c1 >= pos or c0 > pos:
        return False
    return _value_between(doc, year_end, c1)


@cache
def _chain_head() -> re.Pattern[str]:
    words = _cues()["chain_cues"]
    alts = [_alt(w for w in words if w != "比")] + (["比(?![例重率])"] if "比" in words else [])
    return re.compile(r"\s*(?:" + "|".join(alts) + ")")  # 比上年, not 比例


def _chained(doc: _Doc, year_end: int, pos: int) -> bool:
    """`pos` is in a later clause of the year's segment that goes on from the values before it
    (，比上年增长3.3%): the year of the nearest value-year before it is its year."""
    _, c1 = doc.clause(year_end - 1)
    p0, _ = doc.clause(pos)
    g0, _ = doc.segment(pos)
    return g0 < year_end and p0 > c1 and _chain_head().match(doc.hw, p0) is not None


def _paired(doc: _Doc, year_end: int, pos: int) -> bool:
    """`pos` is in the clause right after the year's, which names a metric of the family of one
    the year's clause names (教师平均工资X，公务员平均工资Y; 小学差异系数X，初中差异系数Y): the
    figure paired with the dated one is of the same year."""
    fam = _rules().family
    _, c1 = doc.clause(year_end - 1)
    p0, p1 = doc.clause(pos)
    if p0 != c1 + 1 or doc.segment(pos)[0] >= year_end:
        return False
    lo = bisect.bisect_left(doc.hit_starts, year_end)
    hi = bisect.bisect_left(doc.hit_starts, p1)
    dated = {
        f for h in doc.hits[lo:hi] if h.start < c1 for c in h.anchor.codes for f in fam.get(c, ())
    }
    return any(
        c in dated for h in doc.hits[lo:hi] if p0 <= h.start < pos + 1 for c in h.anchor.codes
    )


def _closed_bracket(doc: _Doc, at: int, pos: int) -> bool:
    """`at` is inside brackets that close before `pos`."""
    s0, _ = doc.sentence(at)
    opened = max(doc.hw.rfind("（", s0, at), doc.hw.rfind("(", s0, at))
    if opened < 0 or re.search(r"[）)]", doc.hw[opened:at]):
        return False
    return re.search(r"[）)]", doc.hw[at:pos]) is not None


def _year_before(doc: _Doc, i: int) -> bool:
    """doc.years[i] is a word for the year before (上年, 去年), or names the year before the
    one named last before it in its sentence (2024年…X亿元，2023年为Y亿元)."""
    rules = _rules()
    start, _, y, _ = doc.years[i]
    m = rules.year_re.match(doc.hw, start)
    if m is not None and m.group("rel"):
        return rules.rel_years[m.group("rel")] < 0
    s0, _ = doc.sentence(start)
    k = i - 1
    while y is not None and k >= 0 and doc.years[k][0] >= s0:
        if not doc.years[k][3] and doc.years[k][2] is not None:
            return doc.years[k][2] == y + 1
        k -= 1
    return False


def _closed_quote(doc: _Doc, at: int, pos: int) -> bool:
    """`at` is inside “quotation marks” that close before `pos`."""
    s0, _ = doc.sentence(at)
    opened = doc.hw.rfind("“", s0, at)
    if opened < 0 or "”" in doc.hw[opened:at]:
        return False
    return "”" in doc.hw[at:pos]


@cache
def _event_re() -> re.Pattern[str]:
    return re.compile(_alt(_cues()["event_verbs"]))


# a year opening a period up to now (2021年以来, 2021年度以来)
_SINCE = re.compile(r"\s*度?\s*以来")
_YEAR_JOIN = re.compile(r"\s*(?:[、和与及]|以及)\s*")
_LIST_CLAUSE_END = re.compile(r"[，,；;。]")


def _listed_year(doc: _Doc, i: int) -> bool:
    """doc.years[i] is one of a list of years (2021年、2022年 / 2021年和2022年)."""
    ys = doc.years
    before = i > 0 and _YEAR_JOIN.fullmatch(doc.hw, ys[i - 1][1], ys[i][0]) is not None
    after = i + 1 < len(ys) and _YEAR_JOIN.fullmatch(doc.hw, ys[i][1], ys[i + 1][0]) is not None
    return before or after


# what may stand before a year that opens its clause as a time adverbial (截至2022年底)
_YEAR_LEAD = re.compile(r"\s*(?:于|在|截至|截止|到|至)?\s*")


def _event_year(doc: _Doc, start: int, end: int, pos: int) -> bool:
    """The year at hw[start:end] dates a past event of its own clause (该县2015年通过…验收):
    it stands after the clause's subject, an event verb follows it, and `pos` is in a later
    clause. A year opening its clause (2022年，… / 2022年全县通过…) is a time adverbial."""
    c0, c1 = doc.clause(start)
    if c1 >= pos or _YEAR_LEAD.fullmatch(doc.hw, c0, start):
        return False
    return _event_re().search(doc.hw, end, c1) is not None


def _year_for(doc: _Doc, pos: int) -> int | None:
    """The last year named before `pos` in its sentence: in its own segment (；), or opening
    the sentence (in its first clause, or before any value of it: "受…影响，2024年全市教育支出
    X亿元，比上年增长Y%" dates both values). A year named mid-sentence, after a value, in a
    clause that states its own value covers only that clause."""
    s0, _ = doc.sentence(pos)
    g0, _ = doc.segment(pos)
    _, first_end = doc.clause(s0)
    i = bisect.bisect_left(doc.year_starts, pos) - 1
    while i >= 0 and doc.years[i][0] >= s0:
        start, end, y, comparison = doc.years[i]
        # named after the sentence's first clause and after a value of the sentence
        mid = start >= first_end and _value_between(doc, s0, start)
        leaked = mid and (
            start < g0
            or (
                _year_used(doc, end, pos)
                and (
                    _year_before(doc, i) or not (_chained(doc, end, pos) or _paired(doc, end, pos))
                )
            )
        )  # (…，上年为9.02亿元，同比增长4.99%: the growth is not the year before's)
        # "由2022年的88.2%提高到…": the base year belongs to its own clause
        leaked = leaked or (_FROM_BEFORE.search(doc.hw, max(0, start - 2), start) is not None
                            and doc.clause(start)[1] < pos)  # fmt: skip
        # "（2022年为43.9%）" dates only what its brackets hold, "“2020年基本消除…”" its quote
        leaked = leaked or _closed_bracket(doc, start, pos) or _closed_quote(doc, start, pos)
        # "该县2015年通过…验收，" dates only its event; "2021年以来" opens a period, dating none
        leaked = leaked or _event_year(doc, start, end, pos)
        leaked = leaked or _SINCE.match(doc.hw, end) is not None
        # "2021年、2022年分别为X、Y，": listed years date only their list's clause
        leaked = leaked or (
            _listed_year(doc, i) and _LIST_CLAUSE_END.search(doc.hw, end, pos) is not None
        )
        if end <= pos and not comparison and not leaked and not doc.in_quotes(start):
            if y is not None:
                return _resolved_year(doc, i)
        i -= 1
    heading = _heading_year(doc, pos)
    return heading if heading is not None else doc.report_year


# a caption line: short, ending in ： ("2024年主要指标完成情况："), no other punctuation
_CAPTION = re.compile(r"\s*([^，,。；;！？!?：:]{2,30})[：:]\s*")
_CAPTION_RANK = 5  # below every marked heading
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?:度)?")
# a year opening a period (2019年以来, 2021-2023年: PERIOD_AFTER_YEAR) or a plan's end
# (到2025年) dates no value
_PERIOD_BEFORE = re.compile(r"(?:到|至|[-—–~～])\s*$")
_SENTENCE_MARKS = re.compile(r"[，,；;%]")
_BLOCK = 0  # a plan heading: its values are not dated by a heading above it


@cache
def _heading_event_re() -> re.Pattern[str]:
    return re.compile(_alt(_cues()["heading_year_event_words"]))


def _title_year(title: str, report_year: int | None) -> int | None:
    """The one past year a heading's title names (一、2023年工作回顾 -> 2023); _BLOCK for a plan
    heading or a later year; None when it names none (or a period, or is a sentence)."""
    plan, not_plan = _plan_heading_res()
    if plan.search(title) and not not_plan.search(title):
        return _BLOCK
    if _SENTENCE_MARKS.search(title):
        return None
    years = list(_TITLE_YEAR.finditer(title))
    if len(years) != 1:
        return None
    m = years[0]
    if PERIOD_AFTER_YEAR.match(title, m.end()) or _PERIOD_BEFORE.search(title, 0, m.start()):
        return None
    if _heading_event_re().search(title, m.end()):
        return None  # 对2021年省评价反馈问题的整改情况: the year of an event
    year = int(m.group(1))
    if report_year is not None and year > report_year:
        return _BLOCK
    return year


@lru_cache(maxsize=8)
def _heading_years(hw: str, report_year: int | None) -> tuple[list[int], list[int | None]]:
    """Where each heading or caption line starts and the year that governs from there: the
    year of the nearest heading naming one (一、/（一）/1./(1), or a caption line ending in ：),
    until the next heading of the same or a higher rank (a caption: until any heading)."""
    stack: list[tuple[int, int | None]] = []  # (rank, year of its title)
    starts: list[int] = []
    years: list[int | None] = []
    for m in _LINE_SPAN.finditer(hw):
        line = m.group(0)
        head = _heading(line)
        if head is None:
            cap = _CAPTION.fullmatch(line)
            if cap is None or not _HANZI.search(cap.group(1)):
                continue
            head = (_CAPTION_RANK, cap.group(1))
        rank, title = head
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, _title_year(title, report_year)))
        year = next((y for _, y in reversed(stack) if y is not None), None)
        starts.append(m.start())
        years.append(year or None)  # (_BLOCK: none)
    return starts, years


def _resolved_year(doc: _Doc, i: int) -> int | None:
    """The year of doc.years[i]; a relative one (上年, 今年) under a heading naming a year
    counts from that year."""
    start, _, y, _ = doc.years[i]
    rules = _rules()
    m = rules.year_re.match(doc.hw, start)
    if m is not None and m.group("rel"):
        heading = _heading_year(doc, start)
        if heading is not None:
            return heading + rules.rel_years[m.group("rel")]
    return y


def _heading_year(doc: _Doc, pos: int) -> int | None:
    """The year the headings above `pos` date its values with, or None."""
    starts, years = _heading_years(doc.hw, doc.report_year)
    i = bisect.bisect_right(starts, pos) - 1
    return years[i] if i >= 0 else None


def _is_target(
    doc: _Doc, anchor_start: int, tok: NumberToken, year: int | None, gap_start: int | None = None
) -> bool:
    rules = _rules()
    c0, _ = doc.clause(anchor_start)
    s0, _ = doc.sentence(anchor_start)
    before = doc.hw[c0 : tok.start]
    gap = doc.hw[gap_start if gap_start is not None else c0 : tok.start]
    if rules.target_clause_re.search(before):
        return True
    if _FROM_FIGURE.search(gap):  # 由上年的8.9%压减至5.3%: a cut reported, not a bound
        gap = _FROM_FIGURE.sub(lambda m: " " * len(m.group(0)), gap)
    if rules.target_gap_re.search(gap) and not rules.past_clause_re.search(before):
        return True  # 控制在5%以内 (not 已控制在: what was reached)
    if _own_requirement(doc, _list_start(doc, c0), tok.start):
        return True  # 县政府要求…提高到85%: the county's own requirement
    if rules.past_clause_re.search(before):
        return False
    if rules.target_after_re.match(doc.hw, tok.end):
        return True
    if any(a <= tok.start < b for a, b in doc.plan_spans):
        named = _explicit_year(doc, s0, tok.start)
        if named is None or doc.report_year is None or named > doc.report_year:
            return True  # under "三、2024年工作计划" / "下一步工作打算"
    if (
        rules.keep_level_re.search(gap)
        and year is not None
        and doc.report_year is not None
        and year > doc.report_year
    ):
        return True  # 2024年，…稳定在96%以上 (report on 2023)
    if _plan_year(doc, s0, tok.start):
        return True
    if year is not None and doc.report_year is not None and year > doc.report_year:
        # a later year is a plan where the sentence speaks of plans or lists later years
        # (2024年新建...；2026年续建...), not in "2024年1月统计，..."
        later = {
            y
            for start, _, y, _ in doc.years
            if s0 <= start < tok.start and y is not None and y > doc.report_year
        }
        if (
            len(later) > 1
            or rules.target_clause_re.search(doc.hw, s0, tok.start)
            or _TO_YEAR.search(doc.hw, s0, tok.start)
        ):
            return True
    earlier = _QUOTED_NAME.sub(lambda m: " " * len(m.group(0)), doc.hw[s0:c0])
    if rules.keep_level_re.search(gap) and rules.keep_level_plan_re.search(earlier):
        return True  # 下一步将…，毛入园率稳定在95%以上 (not 通过“特岗计划”补充…: a name)
    return bool(rules.target_sentence_re.search(earlier))


# a from-figure and the verb right after it (由上年的8.9%压减至): a change reported; a bound
# after the verb (压减到不超过5%) is left to count
_FROM_FIGURE = re.compile(
    r"(?:由|从)[^，,。；;由从]{0,24}?\d(?:\.\d+)?\s*[%‰]?\s*[^\d\s，,。；;%]{1,3}?(?=到|至|为)"
)
# a name in quotation marks (“特岗计划”): its words are no cue
_QUOTED_NAME = re.compile(r"“[^“”\n]{1,20}”")


def _plan_year(doc: _Doc, s0: int, pos: int) -> bool:
    """A plan year (到2025年, 2024年底前, 力争2025年) in hw[s0:pos], not the end of a period
    followed by what was reached by then (到2023年底，全县共有…) or not later than the report's
    year (到2023年底，… in a report on 2023)."""
    rules = _rules()
    for m in rules.plan_year_re.finditer(doc.hw, s0, pos):
        text = m.group(0)
        ends = re.search(r"((?:19|20)\d\d)\s*年(?:底|末)$", text)
        if ends and (
            rules.plan_year_past_re.search(doc.hw, m.end(), pos)
            or (doc.report_year is not None and int(ends.group(1)) <= doc.report_year)
        ):
            continue  # 到2023年底，全县已… / in a report on 2023: a period already over
        if rules.past_clause_re.search(doc.hw, m.end(), pos):
            continue  # 计划2023年完成的项目已全部完成，…: what was done
        if _as_of_date(doc, m.start(), m.end()):
            continue  # 至2023年秋季学期，… in a report on 2023: the date of what follows
        return True
    return False


# 至 + a year (and its season or month) opening a sentence, with no plan word before it
_AS_OF = re.compile(r"\s*至\s*((?:19|20)\d\d)\s*年")


def _as_of_date(doc: _Doc, start: int, end: int) -> bool:
    """至2023年(秋季学期)， opening a sentence, of a year not after the report's: an as-of
    date, not a plan year."""
    m = _AS_OF.match(doc.hw, start)
    if m is None or doc.report_year is None or int(m.group(1)) > doc.report_year:
        return False
    return not doc.hw[doc.sentence(start)[0] : start].strip()


def _is_part(doc: _Doc, hit_start: int, spec: MetricSpec) -> bool:
    """A count that is a part: after a qualifier (公办, 民办 ...) in its clause, or after 其中
    following a total of the same thing, with no total word after. (Asides) are ignored."""
    rules = _rules()
    g0, _ = doc.segment(hit_start)
    c0, _ = doc.clause(hit_start)
    prefix = _BRACKETED.sub(lambda m: " " * len(m.group(0)), doc.hw[g0:hit_start])
    # a qualifier counts in the count's own clause only (not 公办园在园幼儿占比为72.3%，在园幼儿…)
    last_part = max((m.end() for m in rules.part_re.finditer(prefix, c0 - g0)), default=-1)
    same = rules.words(spec.extraction.get("synonyms") or [])
    for m in re.finditer("其中", prefix):
        # 其中 after a total of the same thing (幼儿园58所，其中...), not after all schools
        if any(
            not _blocked(doc, spec, g0 + s.start()) for s in same.finditer(prefix, 0, m.start())
        ):
            last_part = max(last_part, m.end())
    if last_part < 0:
        return False
    last_total = max((m.end() for m in rules.total_re.finditer(prefix)), default=-1)
    return last_part > last_total


def _one_institution(doc: _Doc, spec: MetricSpec, hit_start: int) -> bool:
    """The anchor follows a name ending in an institution suffix, with no total word. The bare
    kind word alone opening the clause (幼儿园在园幼儿N人) names no one institution."""
    suffixes = spec.extraction.get("institution_suffixes")
    if not suffixes:
        return False
    c0, _ = doc.clause(hit_start)
    before = doc.hw[c0:hit_start].strip()
    if not before.endswith(tuple(suffixes)):
        return False
    if before in (spec.extraction.get("institution_kinds") or ()):
        return False
    return not _rules().total_re.search(before)


def _route(
    doc: _Doc, hit: _Hit, cell: int | None = None, context_from: int | None = None
) -> tuple[list[str], int | None]:
    """Candidate codes for an anchor and the position of the word that routed it (if any).
    `cell`: the anchor is in a table's cell starting there, which stands for its clause;
    `context_from`: its context starts there (a table row: the row above it)."""
    if not hit.anchor.generic:
        return ([] if _names_indicator(doc, hit) else list(hit.anchor.codes)), None
    rules = _rules()
    s0, s1 = doc.sentence(hit.start)
    s0 = max(s0, hit.start - _MAX_CONTEXT)
    if context_from is not None:
        s0 = min(s0, context_from)
    keep: list[str] = []
    best_pos, best_code = -1, None
    for code in hit.anchor.codes:
        route = rules.specs[code].extraction.get("route") or {}
        if "context" in route and not rules.words(route["context"]).search(doc.hw, s0, s1):
            continue
        if "context_before" in route:
            lo = s0
            if route.get("paragraph"):  # "体质健康合格率为93%。其中小学优良率55%"
                lo = max(doc.hw.rfind("\n", 0, hit.start) + 1, hit.start - _MAX_CONTEXT)
            ctx_re = rules.words(route["context_before"])
            ctx = [m.start() for m in ctx_re.finditer(doc.hw, lo, hit.start)]
            if not ctx and route.get("paragraph"):
                top = _section_start(doc, lo)
                if top is not None:
                    ctx = [m.start() for m in ctx_re.finditer(doc.hw, top, lo)]
            if not ctx:
                continue
            k0, _ = doc.clause(ctx[-1])
            blockers = route.get("context_blockers") or []
            if blockers and rules.words(blockers).search(doc.hw, k0, ctx[-1]):
                continue  # 普通高中教育支出3.12亿元，比上年增长7.4%: a level's money
        if "clause_prefix" in route:
            c0 = doc.clause(hit.start)[0] if cell is None else max(cell, doc.clause(hit.start)[0])
            if not rules.regex(route["clause_prefix"]).fullmatch(doc.hw, c0, hit.start):
                continue
        if "subject" in route:
            pos = max(
                (m.start() for m in rules.words(route["subject"]).finditer(doc.hw, s0, hit.start)),
                default=-1,
            )
            if pos > best_pos:
                best_pos, best_code = pos, code
            continue
        keep.append(code)
    if best_code is not None:
        return [best_code], best_pos
    return ([] if _names_indicator(doc, hit) else keep), None


def _section_start(doc: _Doc, line_start: int) -> int | None:
    """Where the heading line above the line starting at `line_start` starts, when it is within
    _MAX_CONTEXT characters (the heading and the lines under it, down to this one, are one
    section: 四、关于学生体质健康的问题 / 问题表现：… / 整改成效：抽测优良率提高到…); else None."""
    if line_start > 0 and doc.hw[line_start - 1] != "\n":
        return None  # a line too long to look past
    own_end = doc.hw.find("\n", line_start)
    if _heading(doc.hw[line_start : own_end if own_end >= 0 else len(doc.hw)]) is not None:
        return None  # a heading of its own
    end = line_start
    while end > 0 and line_start - end < _MAX_CONTEXT:
        start = doc.hw.rfind("\n", 0, end - 1) + 1
        if line_start - start > _MAX_CONTEXT:
            return None
        if _heading(doc.hw[start : end - 1]) is not None:
            return start
        end = start
    return None


def _names_indicator(doc: _Doc, hit: _Hit) -> bool:
    """The anchor is qualified by another indicator's name right before it (a quoted name or a
    noun phrase: “…教师数”差异系数, 骨干教师数差异系数): that indicator's figure, not the
    metric (cues `indicator_qualified_anchors`, matched up to the anchor's end)."""
    c0, _ = doc.clause(hit.start)
    return _indicator_re().search(doc.hw, c0, hit.end) is not None


@cache
def _indicator_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _cues()["indicator_qualified_anchors"]))


def _blocked(
    doc: _Doc, spec: MetricSpec, hit_start: int, end: int | None = None, *, preferred: bool = False
) -> bool:
    """A blocker word in the clause before `hit_start` (to `end` when given). A preferred anchor
    (the metric's most specific name) is not blocked by the words its entry exempts (其中)."""
    rules = _rules()
    ex = spec.extraction
    blockers = ex.get("blockers") or []
    if preferred:
        exempt = set((ex.get("preferred") or {}).get("unblocked") or [])
        blockers = [b for b in blockers if b not in exempt]
    if blockers:
        c0, _ = doc.clause(hit_start)
        if spec.unit == "count":  # 中小学校、幼儿园共计143所: one total of a list of kinds
            lo = _list_start(doc, c0)
            if lo < c0 and _shared_total(doc, lo, c0, hit_start):
                return True
            c0 = lo
        own_c0, _ = doc.clause(hit_start)
        for m in rules.words(blockers).finditer(doc.hw, c0, hit_start if end is None else end):
            if doc.hw[m.start() - 1 : m.start() + 1] == "其中":
                continue  # (其中小学52所 names no 中小学)
            if m.end() <= own_c0 and _names_counted_kind(doc, m.end(), own_c0):
                continue  # 特殊教育学校1所、幼儿园169所: the blocker names another item's kind
            return True
    if ex.get("sentence_blockers"):
        s0, _ = doc.sentence(hit_start)
        if rules.words(ex["sentence_blockers"]).search(doc.hw, s0, hit_start):
            return True
    for pat in ex.get("sentence_block_patterns") or []:
        s0, _ = doc.sentence(hit_start)
        if rules.regex(pat).search(doc.hw, s0, hit_start):
            return True
    return False


def _names_counted_kind(doc: _Doc, pos: int, c0: int) -> bool:
    """A blocker ending at `pos`, in an earlier item of the 、-list before `c0`, ends that item's
    kind name (or its aside): its own count follows right after it (特殊教育学校1所、…)."""
    tok = doc.token_at_or_after(pos)
    return (
        tok is not None
        and tok.start < c0
        and tok.kind == "count"
        and not doc.hw[pos : tok.start].strip(" \t）)")
    )  # (小学（含九年一贯制学校）66所: the aside ends the kind's name)


def _shared_total(doc: _Doc, lo: int, c0: int, hit_start: int) -> bool:
    """The items of a 、-list before the anchor (hw[lo:c0]) name other kinds of school and give
    no number: the count after the anchor is their total (小学、初中、幼儿园共计96所)."""
    i = bisect.bisect_left(doc.token_starts, lo)
    if i < len(doc.tokens) and doc.tokens[i].start < hit_start:
        return False
    items = doc.hw[lo:c0]
    return bool(_rules().scope_re.search(items) or _area_res()["school"].search(items))


def _evidence(doc: _Doc, start: int, end: int) -> tuple[str, int]:
    """The clauses from the one holding `start` to the one holding `end - 1`, verbatim."""
    c0, _ = doc.clause(start)
    _, c1 = doc.clause(max(start, end - 1))
    while c0 < c1 and doc.text[c0].isspace():
        c0 += 1
    while c1 > c0 and doc.text[c1 - 1].isspace():
        c1 -= 1
    return doc.text[c0:c1], c0


def _make(
    doc: _Doc,
    code: str,
    tok: NumberToken,
    *,
    year: int | None,
    target: bool,
    scope: str | None,
    ev_start: int,
) -> MetricValue | None:
    spec = _rules().specs[code]
    if not spec.in_range(tok.value) or tok.value < float(
        spec.extraction.get("plausible_min", spec.min)
    ):
        return None
    if not spec.extraction.get("scoped"):
        scope = None
    if (
        _rule_object(doc, tok)
        or _other_area_average(doc, ev_start, tok)
        or _other_place(doc, ev_start)
        or _other_area_brackets(doc, tok)
    ):
        return None
    why = _not_area_value(doc, ev_start)
    if why is not None and not (why == "part" and target):
        return None  # (a plan for a part is the county's: 县城学校大班额比例将控制在5%以内)
    evidence, at = _evidence(doc, ev_start, tok.end)
    return MetricValue(code, float(tok.value), spec.unit, year, target, scope, evidence, at)


def _quoted_rule_re(qualifiers: str, optional: bool, heads: str) -> re.Pattern[str]:
    """…<bound>”的<qualifier><modifiers><head>: a figure quoted as a rule or a goal."""
    cues = _cues()
    return re.compile(
        r"\s*(?:" + _alt(cues["rule_object_bounds"]) + r")?\s*[”\"’']?\s*的\s*"
        r"(?:"
        + _alt(cues[qualifiers])
        + (r")?\s*" if optional else r")\s*")
        + r"(?:(?:"
        + _alt(cues["rule_object_modifiers"])
        + r")\s*){0,2}"
        + heads
    )


@cache
def _rule_object_re() -> re.Pattern[str]:
    """…不超过5%的(国家)(控制)要求/标准/规定."""
    return _quoted_rule_re(
        "rule_object_qualifiers", True, "(?:" + _alt(_cues()["rule_object_words"]) + ")"
    )


@cache
def _rule_goal_re() -> re.Pattern[str]:
    """…”的国家目标 / 的省定目标 (the county's own 目标 has no such qualifier)."""
    return _quoted_rule_re("rule_goal_qualifiers", False, "目标")


def _rule_object(doc: _Doc, tok: NumberToken) -> bool:
    """The number is the figure of a rule quoted after it (…不超过5%的国家要求; any figure in
    the quote of “A达到85%、B达到80%”的评估标准), or of a goal set above the county
    (“A达到50%、B达到80%”的国家目标: any figure in the quote)."""
    if _rule_object_re().match(doc.hw, tok.end) or _rule_goal_re().match(doc.hw, tok.end):
        return True
    s0, s1 = doc.sentence(tok.start)
    opened = doc.hw.rfind("“", s0, tok.start)
    if opened < 0 or "”" in doc.hw[opened : tok.start]:
        return False
    closed = doc.hw.find("”", tok.end, s1)
    return closed >= 0 and (
        _rule_goal_re().match(doc.hw, closed) is not None
        or _rule_object_re().match(doc.hw, closed) is not None
    )  # (“A达到85%、B达到80%”的评估标准: every figure of the quote)


def _other_area_average(doc: _Doc, ev_start: int, tok: NumberToken) -> bool:
    """The value's clause (or its anchor's) names another area's average: 全省…平均为0.41,
    全市平均…为, 全国平均水平的… (metric names removed before looking)."""
    a0, a1 = doc.clause(ev_start)
    t0, _ = doc.clause(tok.start)
    parts = [(a0, min(a1, tok.start))] if a0 < t0 else []
    parts.append((t0, tok.start))
    for lo, hi in parts:
        i = bisect.bisect_left(doc.hit_starts, lo)
        text, pos = [], lo
        while i < len(doc.hits) and doc.hits[i].start < hi:
            h = doc.hits[i]
            text.append(doc.hw[pos : h.start])
            pos = max(pos, h.end)
            i += 1
        text.append(doc.hw[pos:hi])
        if doc.other_avg_re.search("".join(text)):
            return True
    return False


def _other_area_brackets(doc: _Doc, tok: NumberToken) -> bool:
    """The value stands in brackets opened after another area's average or name (高于全省平均
    水平（毛入园率91.4%，普惠率84.7%）), or holding one before it, with no word of the
    report's own area (全县为…) after that (metric names removed before looking)."""
    s0, _ = doc.sentence(tok.start)
    opened = max(doc.hw.rfind("（", s0, tok.start), doc.hw.rfind("(", s0, tok.start))
    if opened < 0 or re.search(r"[）)]", doc.hw[opened : tok.start]):
        return False
    c0, _ = doc.clause(opened)
    i = bisect.bisect_left(doc.hit_starts, c0)
    text, pos = [], c0
    while i < len(doc.hits) and doc.hits[i].start < tok.start:
        h = doc.hits[i]
        text.append(doc.hw[pos : h.start])
        pos = max(pos, h.end)
        i += 1
    text.append(doc.hw[pos : tok.start])
    before = "".join(text)
    last = max(doc.other_avg_re.finditer(before), key=lambda m: m.start(), default=None)
    if last is not None and not _area_res()["own_words"].search(before, last.end()):
        return True
    return _other_subject(doc, before)


# a place name opening a clause (not 全市/本市/我县: the report's own area)
_PLACE_PREFIX = re.compile(
    r"\s*(?:(?:19|20)\d\d\s*年度?\s*)?"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?(?<![全本我该各])(?:省|自治区|市|州|盟|县|区|旗))(?:的)?\s*"
    r"(?:(?:19|20)\d\d\s*年度?\s*(?:的)?\s*)?"
)
_COUNTY_SUFFIX = ("县", "区", "旗")
_OWN_AREA = re.compile(r"[全本我](?:市|县|区|旗)")


# a place name right after another one in the title: the first is the parent (梅州市兴宁市…)
@cache
def _child_place() -> re.Pattern[str]:
    return re.compile(
        r"(?!" + _alt(_cues()["not_child_place"]) + r")[\u4e00-\u9fff]{1,6}?(?:县|区|旗|市)(?!级)"
    )


def _other_place(doc: _Doc, ev_start: int) -> bool:
    """The value's clause opens with another place's name (贺州市学前三年毛入园率为96.1% in a
    county's report): a name ending 省/市/州 that the first lines (title, addressee) do not give
    as a place of their own, or give only as a parent (贺州市钟山县). Only when they name a place
    at all."""
    if not re.search(r"[县区旗市]", doc.head_line):
        return False
    c0, _ = doc.clause(ev_start)
    s0, _ = doc.sentence(ev_start)
    m = _PLACE_PREFIX.fullmatch(doc.hw, c0, ev_start)
    if m is None:  # the place, then a level: 洞口县义务教育大班额比例
        m = _PLACE_PREFIX.fullmatch(_rules().scope_re.sub("", doc.hw[c0:ev_start]))
    if m is None and c0 > s0 and _own_area_city(doc):
        # a city's report: a clause going on from a sentence about one of its counties
        # (隆回县教师…，当地公务员…) is that county's too
        if _OWN_AREA.search(doc.hw, s0, ev_start):
            return False  # "…，全市为90.2%": back to the report's own area
        _, f1 = doc.clause(s0)
        m = _PLACE_PREFIX.match(doc.hw, s0, f1)
        if m is None or not m.group("n").endswith(_COUNTY_SUFFIX):
            return False
        i = bisect.bisect_left(doc.hit_starts, m.end())
        if i >= len(doc.hits) or doc.hits[i].start >= f1:
            return False  # the sentence's subject is not a metric's (隆回县召开…)
    if m is None:
        return False
    name = m.group("n")
    if name.endswith(_COUNTY_SUFFIX):
        if not _own_area_city(doc) or name.endswith(_not_child_place()):
            return False  # another county only in a city's report (城区, 辖区 are no names)
        return name not in doc.head_line
    starts = [k.start() for k in re.finditer(re.escape(name), doc.head_line)]
    return all(_child_place().match(doc.head_line, at + len(name)) for at in starts)


def _own_area_city(doc: _Doc) -> bool:
    """The report is a city's: it says 全市 most among 全县/全区/全市/全旗 and its first lines
    name a city but no county-level place of its own."""
    if doc.own_area != "全市" or "市" not in doc.head_line:
        return False
    return not any(
        w.endswith(_COUNTY_SUFFIX) and not w.endswith(_not_child_place())
        for w in re.findall(r"[\u4e00-\u9fff]{1,6}?(?:县|区|旗)(?!级)", doc.head_line)
    )


def _list_start(doc: _Doc, c0: int) -> int:
    """The start of the 、-list the clause at `c0` goes on (国家要求A达到80%、B达到50%)."""
    while c0 > 0 and doc.hw[c0 - 1] == "、":
        c0, _ = doc.clause(c0 - 1)
    return c0


@cache
def _area_res() -> dict[str, Any]:
    cues = _cues()
    place = r"[\u4e00-\u9fff]{2,6}?(?<![全本我该各])(?:省|自治区|市|州|盟)"
    return {
        "rule": re.compile(
            r"(?:"
            + _alt(cues["requirers"])
            + "|"
            + place
            + r")(?:《[^》\n]{0,40}》)?(?:的|有关|相关|文件)?\s*"
            r"(?:明确)?(?:" + _alt(cues["requirement_verbs"]) + ")"
        ),
        "own_rule": re.compile(_alt(cues["own_requirers"])),
        "own_words": re.compile(_alt(cues["own_area_restate"])),
        "own_target": re.compile(
            r"(?:"
            + _alt(cues["own_requirers"])
            + r")(?:的)?\s*(?:明确)?(?:"
            + _alt(cues["requirement_verbs"])
            + ")"
        ),
        "subgroup": re.compile(_alt(cues["subgroup_words"])),
        "school": re.compile(_alt([*cues["school_words"], *cues["numbered_school_words"]])),
        "numbered": frozenset(cues["numbered_school_words"]),
        "in_area": re.compile(r"(?:" + _alt(cues["area_comparison_words"]) + r")\s*$"),
        "marker": re.compile(_alt(cues["school_name_markers"])),
        "generic_name": re.compile(
            _alt(
                [
                    *cues["not_school_names"],
                    *_rules().scope_of,
                    *cues["connectives"],
                    *cues["target_clause_cues"],
                    *cues["target_sentence_cues"],
                    *cues["subgroup_words"],
                    *cues["other_area_prefixes"],
                    *cues["own_area_restate"],
                ]
            )
        ),
        "other": tuple(cues["other_area_prefixes"]),
        "restate": re.compile(
            r"\s*[，,]\s*(?:而)?\s*(?:" + _alt(cues["own_area_restate"]) + r")(?:则|的)?\s*"
            r"(?:" + _alt(cues["connectives"]) + r")?\s*"
        ),
    }


def _not_area_value(doc: _Doc, ev_start: int) -> str | None:
    """Why the value whose anchor (or subject) starts at `ev_start` is not the area's: "rule"
    (a quoted requirement: 国家要求…), "part" (a sub-group: 农村地区…), "school" (one school:
    崇义中学…), "other" (another area: 全省…); None when it is."""
    res = _area_res()
    c0, _ = doc.clause(ev_start)
    lo = _list_start(doc, c0)
    for m in res["rule"].finditer(doc.hw, lo, ev_start):
        # in a county-level city's report (全市 its own area) 市委/市政府 are its own
        if not (doc.own_area == "全市" and m.group(0).startswith("市")):
            return "rule"
    if _rule_goes_on(doc, lo, ev_start):
        return "rule"
    prefix = doc.hw[c0:ev_start]
    if _other_subject(doc, prefix):
        return "other"
    if res["subgroup"].search(prefix):
        return "part"
    prefix = _rules().year_re.sub(" ", _time_word_re().sub(" ", prefix.replace("中小学", "   ")))
    ends = list(res["school"].finditer(prefix))
    if ends and _school_name(prefix[: ends[-1].start()], ends[-1].group(0), whole=True):
        return "school"
    return None


def _other_subject(doc: _Doc, prefix: str) -> bool:
    """Another area (全省, 全国, 邻县; 全市 unless the report's own) is the subject of `prefix`:
    named last among the areas, and not as a place of comparison (全县在全省率先…)."""
    res = _area_res()
    others = [w for w in res["other"] if w != doc.own_area]
    if not others:
        return False
    last = None
    for m in _rules().words(others).finditer(prefix):
        last = m
    if last is None or res["in_area"].search(prefix, 0, last.start()):
        return False
    return not res["own_words"].search(prefix, last.end())


def _school_name(before: str, word: str, *, whole: bool = False) -> bool:
    """Does `before` end with a school's own name for the school word `word`, not generic words
    (全县 + 小学): a name holding a marker (通渭县第一 + 中学, 城关镇中心 + 小学), one before a
    numbered school (县 + 一中), or, `whole` (the subject of a metric's clause), a short name
    making up all of `before` (崇义 + 中学)?"""
    res = _area_res()
    run = re.search(r"[\u4e00-\u9fff]*$", before)
    name = res["generic_name"].sub("", run.group(0)) if run else ""
    if word in res["numbered"]:
        return len(name) >= 1  # 县一中
    if len(name) < 2:
        return False
    if res["marker"].search(name):
        return True
    return (
        whole
        and len(name) <= 3
        and not re.search(r"[\u4e00-\u9fff]", res["generic_name"].sub("", before)[: -len(name)])
    )


def _rule_goes_on(doc: _Doc, lo: int, ev_start: int) -> bool:
    """ "国家要求A达到80%，B达到50%": the clauses before, in the segment, quote a rule stating a
    value of its own, and nothing since names the county (我县, 全县) or what it has (已, 目前)."""
    res = _area_res()
    g0, _ = doc.segment(ev_start)
    if lo <= g0:
        return False
    rules_before = [
        m
        for m in res["rule"].finditer(doc.hw, g0, lo)
        if not (doc.own_area == "全市" and m.group(0).startswith("市"))
    ]
    if not rules_before:
        return False
    m = rules_before[-1]
    if not _value_between(doc, m.end(), lo):
        return False  # "按照国家要求，…": a rule named, no figure of it
    between = doc.hw[m.end() : ev_start]
    own = res["own_rule"].search(between) or res["own_words"].search(between)
    # a year after the rule's clause dates a figure of the county's (，2023年普惠率为86%)
    _, rc1 = doc.clause(m.start())
    dated = _rules().year_re.search(doc.hw, rc1, ev_start)
    return not own and not dated and not _rules().past_clause_re.search(between)


def _own_requirement(doc: _Doc, lo: int, hi: int) -> bool:
    """The county's own requirement in hw[lo:hi] (县政府要求; 市政府要求 in a county-level
    city's report)."""
    res = _area_res()
    if res["own_target"].search(doc.hw, lo, hi):
        return True
    return doc.own_area == "全市" and any(
        m.group(0).startswith("市") for m in res["rule"].finditer(doc.hw, lo, hi)
    )


def _own_word(doc: _Doc, text: str) -> bool:
    """The area word in `text` (全县, 我市 ...) is the report's own kind of area (not 全市 in a
    county's report: its parent city)."""
    kinds = set(re.findall(r"[全我本]([县区旗市])", text))
    return not doc.own_area or not kinds or doc.own_area[-1] in kinds


def _own_restated(doc: _Doc, code: str, tok: NumberToken) -> NumberToken | None:
    """ "全国…为89.7%，我县为93.1%": the county's value right after another area's or part's."""
    m = _area_res()["restate"].match(doc.hw, tok.end)
    if m is None or not _own_word(doc, m.group(0)):
        return None
    _, c1 = doc.clause(m.end())
    nxt = _next_token(doc, m.end(), c1)
    if nxt is None or nxt.start != m.end() or not _unit_ok(_rules().specs[code], nxt):
        return None
    return nxt


def _next_token(doc: _Doc, pos: int, clause_end: int) -> NumberToken | None:
    tok = doc.token_at_or_after(pos)
    if tok is None or tok.start >= clause_end:
        return None
    return tok


def _rel_year(base: int | None, rel: str) -> int | None:
    return base + _rules().rel_years[rel] if base is not None else None


def _explicit_year(doc: _Doc, lo: int, hi: int) -> int | None:
    """The last year named in hw[lo:hi] (relative words resolved against the report year)."""
    i = bisect.bisect_left(doc.year_starts, hi) - 1
    while i >= 0 and doc.years[i][0] >= lo:
        if doc.years[i][1] <= hi and doc.years[i][2] is not None:
            return _resolved_year(doc, i)
        i -= 1
    return None


_LIST_SEP = re.compile(r"\s*(?:[、，,和与及]|以及)\s*")


def _listed_numbers(doc: _Doc, first: NumberToken) -> list[NumberToken]:
    """`first` and the numbers listed right after it (2.1%、3.5%和4%)."""
    toks = [first]
    i = bisect.bisect_left(doc.token_starts, first.end)
    _, s1 = doc.sentence(first.start)
    while i < len(doc.tokens) and doc.tokens[i].start < s1:
        nxt = doc.tokens[i]
        if nxt.kind == "year" or not _LIST_SEP.fullmatch(doc.hw, toks[-1].end, nxt.start):
            break
        toks.append(nxt)
        i += 1
    return _shared_unit(toks)


_SHARED_UNIT_KINDS = frozenset({"percent", "yuan", "count"})


def _shared_unit(toks: list[NumberToken]) -> list[NumberToken]:
    """ "分别为16.32、17.21、17.85亿元" / "96.8、97.5、98.6%": bare numbers listed before one
    with a unit take that unit (and its scale)."""
    last = toks[-1]
    bare_zero = [t.kind == "number" and not t.unit and t.value == 0 for t in toks]
    if (
        len(toks) > 1
        and any(bare_zero)
        and all(z or t.kind == "percent" for z, t in zip(bare_zero, toks, strict=True))
    ):  # 分别为0.8%、0: a zero needs no % sign
        return [
            replace(t, kind="percent", unit="%") if z else t
            for z, t in zip(bare_zero, toks, strict=True)
        ]
    if len(toks) < 2 or last.kind not in _SHARED_UNIT_KINDS:
        return toks
    if any(t.kind != "number" or t.unit for t in toks[:-1]):
        return toks
    m = re.match(r"-?\d+(?:\.\d+)?", last.raw.replace(",", ""))
    if m is None or float(m.group(0)) == 0:
        return toks
    scale = 10.0 ** round(math.log10(last.value / float(m.group(0))))  # 1, 1e4 (万), 1e8 (亿)
    shared = [
        replace(t, value=round(t.value * scale, 6), kind=last.kind, unit=last.unit)
        for t in toks[:-1]
    ]
    return [*shared, last]


def _family(codes: list[str]) -> list[str]:
    """`codes` and the codes sharing a generic anchor with them (小学/初中 差异系数)."""
    fam = _rules().family
    out = list(codes)
    for c in codes:
        out += [f for f in fam.get(c, ()) if f not in out]
    return out


def _pick_code(
    doc: _Doc,
    hit: _Hit,
    codes: list[str],
    tok: NumberToken,
    scope: str | None,
    *,
    by_scope: bool = False,
) -> str | None:
    """The first of `codes` the number fits. `by_scope`: the level must be the code's own."""
    rules = _rules()
    for code in codes:
        spec = rules.specs[code]
        route = spec.extraction.get("route") or {}
        route_scope = route.get("scope") if hit.anchor.generic or by_scope else None
        if route_scope is not None and route_scope != scope:
            continue
        if by_scope and route_scope is None and not spec.extraction.get("scoped"):
            continue
        if not _unit_ok(spec, tok) or _blocked(doc, spec, hit.start, preferred=hit.anchor.rank > 0):
            continue
        if spec.extraction.get("part_check") and _is_part(doc, hit.start, spec):
            continue
        if _one_institution(doc, spec, hit.start):
            continue
        return code
    return None
