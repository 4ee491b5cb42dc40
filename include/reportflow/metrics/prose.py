"""Metric extraction driven by the catalog in data/metrics.yaml.

Interface: extract_metrics(text, report_year) -> list[MetricValue].

How a value is found (the rules of ../shared/contract/METRICS.md):

1. The text is cut into sentences (。！？ newline), segments (；) and clauses (，、).
2. Every catalog anchor (a metric's synonyms, regex patterns, and generic words that are routed
   to a metric by context) is found; overlapping anchors keep the leftmost-longest one.
3. The number taken is the first one after the anchor in the same clause, provided only
   connectives (为, 达到, 仅, 共计, 将压减到不超过 ...), years, scope words and whole (asides)
   stand between them (at most 40 characters), and its unit is the metric's (percent needs %,
   counts 所/人, money 元, salaries and coefficients may be bare). A comparison word in between
   (超过, 低于, 提高 ...) means a threshold or a change: no value; so does a figure right before
   的(国家/省定)(控制/硬性)要求/标准/规定 (…不超过5%的控制要求: a rule quoted). "由X提高到Y" gives Y (and X
   when its year is named); "比2021年的X" gives X for 2021 ("A为X，B为Y，(分别)较上年的P和Q(分别)下降": P, Q for A, B); "较上年下降1.2个百分点，为49.3%"
   gives the value after the change. A percent anchor directly followed by 为0 / 为零 (clause
   ends) gives 0 without a % sign. Falling words (下降, 减少 ...) negate a growth rate, as does
   a minus sign (增长-2.3%); a change in 个百分点 is never a rate.
4. year: the last year named in the sentence before the value (a year after 比/较 or inside
   《》 is skipped), but a year named mid-sentence does not reach past a ；, nor past its own
   clause when that clause states a value (，2022年该比例为4.9%，) unless the next clause goes on
   from that value (，比上年增长3.3% takes the year of the figure it follows); one in the
   sentence's first clause covers the whole sentence, but not one dating a past event of its
   own clause (该县2015年通过…验收，: after the subject, before an event verb); otherwise the
   report's year.
   is_target: a plan cue in the clause (将, 力争, 确保 ...) or between anchor and number
   (不超过, 控制在 ...; a bound only without a past cue: 已控制在 is achieved), unless a past
   cue (已, 目前) says achieved; a plan year in the sentence
   (到2025年 opening a clause or before a reach verb, 2024年底前, 力争2025年), whatever the
   report's year, but not 到2023年底 no later than the report's year or followed by 已/共有/累计;
   a level to keep (稳定在) after a plan verb (将, 力争) earlier in the sentence, or with a year
   after the report's; a plan cue in the sentence (力争, 目标为 ...); a year after the report's
   year in a sentence that speaks of plans; or a place under a plan heading ("三、2024年工作
   计划", "（一）目标任务", "下一步工作打算": a heading line 一、/（一）/1./(1), or a short line
   without punctuation, whose title holds a plan word; it governs until the next heading of the
   same or a higher rank, 附表 ending all) unless the sentence names a year not after the
   report's. Years in Chinese numerals (二〇二二年) count; the base year of 由2022年的X提高到
   does not reach past its clause.
5. Follow-ups in the same sentence: "，比前一年X" / "，2020年为X" (also after ；) / "，力争达到X" /
   "，整改后提高到X" / "，次年秋季降至X" / "，截至2024年10月已下降到X" restate the same metric
   (year before / named / target / now / the year after the value's; a change word no metric
   takes in between is passed, and money to a month is not the annual figure); "，中学为X" after a per-level value gives that level;
   "为96.0%（小学97.5%，初中94.2%）" gives each level (the level picks the code of a family:
   差异系数（小学0.41，初中0.36） is primary_ and junior_difference_coefficient);
   "小学、初中校际综合差异系数均为X" gives X to each level's code; "A、B分别为X、Y" and "小学、初中...分别为X、Y"
   pair names or levels with numbers ("小学和初中…分别为X和Y" too); with no such names, years
   listed before the numbers ("2020年至2022年" / "2021年、2022年、2023年" / "2021-2023年")
   pair with them (as many numbers as years, else nothing), bare numbers before the last taking
   its unit (16.32、17.21、17.85亿元), and the sentence goes on after the list; else the levels
   listed last before it in the sentence (小学、初中生师比分别为…，编制使用率分别为…). "；2023年
   分别为X、Y" restates the metrics of the segment before in order (or one metric for listed
   years; "2023年初中、小学分别为" the metrics of those levels). After a value, a change clause
   (，同比增长4.3%) may be passed over to a restatement for another year (，2024年为X).
   "A与B持平，均为X" gives X to both. A later clause of the
   segment with a plan cue and a reach verb (力争到2025年达到50%) is a target of the same
   metric when no other anchor or number of its unit stands in between.
   scope: the level named in the anchor or before its number, else in its clause, else earlier
   in the sentence but not before the anchor of a value already taken; two levels named
   together (小学、初中大班额比例为0) mean no scope, the evidence naming both.
6. Counts are the area's totals: parts (其中公办园7所; a qualifier counts in the count's own
   clause only), acted-on kindergartens (新建4所), one kindergarten's figure and combined
   populations (在校学生和在园幼儿) are skipped; a verb opening a 、-list (新建小学2所、幼儿园5所)
   governs each item, but a blocker word ending another item's kind right before its own count
   (特殊教育学校1所、幼儿园169所) names that item only. Other areas' figures are not the county's:
   a clause naming another area's average (全省…平均为, 全市平均, 全国平均水平; 全市 is the
   report's own area when it says 全市 more than 全县/全区/全旗), or opening with a city or
   province the title lines do not give as the report's own place (or give only as a parent);
   in a city's report (全市 most used, no county in the title lines) a clause opening with a
   county or district, or going on from a sentence that opens with one and a metric. Nor are,
   named before the anchor in its clause: a rule quoted (国家/省级/上级/XX市 + 要求/规定/标准,
   also over a 、-list going on from it: 国家要求A达到80%、B达到50%, or over later clauses of
   its segment once it stated a figure, until one names the county or what it has (我县, 已,
   目前); the county's own 县政府要求 makes a target), another area (全省, 全国, 邻县; 全市 unless it is the report's own),
   a part (农村, 城区, 县城, 留守儿童 ...; a plan for it is still the county's target) or one
   school (崇义中学, 第一中学: a name left before 中学/小学/学校 once generic words go). After
   another area's, a part's or a rule's value, "，我县为X" / "，全县为X" gives the county's
   value (全市为 only in a city's report). Every figure in brackets opened after another
   area's average or name (高于全省平均水平（毛入园率91.4%，普惠率84.7%）) is that area's. A count
   after a 、-list of school kinds giving no number of their own is their total (小学、初中、
   幼儿园共计96所). A back-reference (该比例, 该项经费) in the value's sentence or the next
   restates the metric of the value before it, with its own year and plan. A year inside
   brackets dates only what they hold (（2022年为43.9%），近视率为38.4%).
7. Values outside the catalog's range (or under a metric's plausible minimum) are dropped;
   identical values are emitted once, a target restated with and without its year once (the
   dated one). Evidence is the verbatim clause(s), with its offset. A metric's more specific
   name (一般公共预算教育支出, catalog `preferred`) is not blocked by 其中 and replaces the
   same-year figures under less specific names (教育经费总投入) in its sentence. Money for part
   of a year (1-10月, 上半年, 截至9月底) is not the annual budget.
8. Flattened tables: a line of column heads naming two years or more, then rows "名称（单位）
   X Y" (cells split by spaces or |, rows possibly run together on one line): each number is the
   row metric's value for its column's year (a 目标 column or a later year is a target); the
   unit comes from the row label, a 单位 column or line, or the cell itself. A head line of
   metric names over rows that start with a year (年份 毛入园率（%） ...) reads the same way;
   a standard column before the years (指标 国家标准 2022年 2023年) is skipped. Indicator rows
   that also give the standard ("小学综合差异系数 ≤0.50 0.312 达标"): the column under a head
   naming the area (我县, 实际值, a year) when a head names the standard (国家标准, 标准值 ...),
   else the number after a bound-marked standard (≤, 不低于), else, in a row ending with a
   verdict (达标, 是) and holding two numbers of one unit, the second; never the standard.
   Rows naming only a level (小学 0.41 0.39 0.36) take the metric of the table's caption (the
   head's label cell, the name its year cells carry: 2024年综合差异系数, or a short line right
   above the head); a head holds no number cell (else it is a row run on). A head of one
   value column naming the metric and a standard column (学段 综合差异系数 国家标准 是否达标)
   over level rows (小学 0.389 ≤0.50 达标): the cell under the metric is the level's value for
   the year its head names, else the report's; never the standard. Cells may use thousands
   separators (85,430); Markdown rule lines are skipped; a row's generic label is routed by its
   own cell, with the row above as context (比上年增长（%） under 教育支出（万元）), and a
   growth column of a year-row table describes the row's own year. A table written one cell per
   line (a label head 指标/项目 line, two column heads or more on lines of their own: years,
   国家标准, 我县现状, 是否达标 ...; then rows of as many lines, a label and cells) reads the same
   way: its row lines are joined (in the matching view only; evidence keeps the line breaks).

Word lists live in data/metrics.yaml (per metric) and data/metric_cues.yaml (shared).
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from reportflow.catalog import MetricSpec, data_yaml, load_catalog
from reportflow.models import MetricValue
from reportflow.numbers import NumberToken, halfwidth, parse_ratio, scan_numbers

log = logging.getLogger(__name__)

# codes another module produces (rectification.py); never emitted here
_FOREIGN_PREFIX = "rectification_"

_NONE_SCOPE = "none"

# the extraction fields a catalog entry may carry (documented at the top of metrics.yaml)
_EXTRACTION_KEYS = {
    "synonyms",
    "patterns",
    "generic",
    "route",
    "blockers",
    "sentence_blockers",
    "count_units",
    "part_check",
    "bare_number",
    "scoped",
    "plausible_min",
    "institution_suffixes",
    "falling",
    "sentence_block_patterns",
    "preferred",
}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(map(re.escape, ws)) if ws else r"(?!x)x"


@dataclass(frozen=True)
class _AnchorDef:
    regex: re.Pattern[str]
    codes: tuple[str, ...]
    generic: bool  # routed to one of `codes` by context
    negate: bool = False  # a fall (下降2.3%): the value is negative
    rank: int = 0  # > 0: one of the metric's more specific names (一般公共预算教育支出)


@dataclass(frozen=True)
class _Rules:
    specs: dict[str, MetricSpec]
    anchors: tuple[_AnchorDef, ...]
    gap_re: re.Pattern[str]
    gap_strip_re: re.Pattern[str]
    year_re: re.Pattern[str]
    rel_years: dict[str, int]
    next_years: dict[str, int]
    scope_re: re.Pattern[str]
    scope_of: dict[str, str]
    target_clause_re: re.Pattern[str]
    target_gap_re: re.Pattern[str]
    target_after_re: re.Pattern[str]
    target_sentence_re: re.Pattern[str]
    past_clause_re: re.Pattern[str]
    other_area_words: tuple[str, ...]
    own_area_words: tuple[str, ...]
    plan_year_re: re.Pattern[str]
    keep_level_re: re.Pattern[str]
    keep_level_plan_re: re.Pattern[str]
    plan_year_past_re: re.Pattern[str]
    part_re: re.Pattern[str]
    total_re: re.Pattern[str]
    follow_scope_re: re.Pattern[str]
    follow_head_re: re.Pattern[str]
    followup_fill_re: re.Pattern[str]
    compare_gap_re: re.Pattern[str]
    from_to_re: re.Pattern[str]
    to_mark_re: re.Pattern[str]
    joined_re: re.Pattern[str]
    earlier_re: re.Pattern[str]
    zero_re: re.Pattern[str]
    bare_zero_re: re.Pattern[str]
    reach_re: re.Pattern[str]
    shared_join_re: re.Pattern[str]
    shared_tail_re: re.Pattern[str]
    change_gap_re: re.Pattern[str]
    change_after_re: re.Pattern[str]
    family: dict[str, tuple[str, ...]]
    word_res: dict[tuple[str, ...], re.Pattern[str]]

    def regex(self, pattern: str) -> re.Pattern[str]:
        key = ("re", pattern)
        if key not in self.word_res:
            self.word_res[key] = re.compile(pattern)
        return self.word_res[key]

    def words(self, ws: Iterable[str]) -> re.Pattern[str]:
        key = tuple(ws)
        if key not in self.word_res:
            self.word_res[key] = re.compile(_alt(key))
        return self.word_res[key]


# a zero written without % (0, 零, 〇) that ends its clause
_ZERO_TAIL = r"\s*(?P<z>0(?:\.0+)?|零|〇)(?=\s*(?:[，,。；;！!？?）)\n]|$))"


def _cues() -> dict[str, Any]:
    return data_yaml("metric_cues.yaml")


@cache
def _rules() -> _Rules:
    specs = {
        code: spec
        for code, spec in load_catalog().items()
        if not code.startswith(_FOREIGN_PREFIX) and spec.extraction
    }
    anchors: list[_AnchorDef] = []
    generic: dict[str, list[str]] = {}
    for code, spec in specs.items():
        ex = spec.extraction
        unknown = set(ex) - _EXTRACTION_KEYS
        if unknown:
            raise ValueError(f"metrics.yaml: {code} has unknown extraction keys {sorted(unknown)}")
        tiers = (ex.get("preferred") or {}).get("synonyms") or []
        rank = {w: len(tiers) - k for k, tier in enumerate(tiers) for w in tier}
        for word in ex.get("synonyms", []) or []:
            anchors.append(
                _AnchorDef(re.compile(re.escape(word)), (code,), False, rank=rank.get(word, 0))
            )
        for pat in ex.get("patterns", []) or []:
            anchors.append(_AnchorDef(re.compile(pat), (code,), False))
        for word in ex.get("generic", []) or []:
            generic.setdefault(word, []).append(code)
        for word in ex.get("falling", []) or []:
            anchors.append(_AnchorDef(re.compile(re.escape(word)), (code,), True, negate=True))
    generic_families = []
    for word, codes in generic.items():
        anchors.append(_AnchorDef(re.compile(re.escape(word)), tuple(codes), True))
        if len(codes) > 1:
            generic_families.append(tuple(codes))

    cues = _cues()
    scope_of: dict[str, str] = {}
    for scope, words in cues["scopes"].items():
        for w in words:
            scope_of[w] = scope
    scope_alt = _alt(scope_of)
    year_re = re.compile(
        r"(?P<y1>(?:19|20)\d\d)\s*(?:[-—–~～至到]\s*(?P<y2>(?:19|20)\d\d)\s*)?学?年"
        r"|(?P<rel>" + _alt(cues["relative_years"]) + ")"
    )
    gap_words = list(cues["connectives"])
    return _Rules(
        specs=specs,
        anchors=tuple(anchors),
        gap_re=re.compile(f"(?:{_alt(gap_words)})*"),
        gap_strip_re=re.compile(
            r"(?:19|20)\d\d\s*(?:[-—–~～至到]\s*(?:19|20)\d\d\s*)?学?年(?:度)?"
            r"(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|初|前|上半年|下半年)?"
            r"|[\s“”\"'‘’《》【】\[\]:]"
            f"|{scope_alt}"
        ),
        year_re=year_re,
        rel_years=dict(cues["relative_years"]),
        next_years=dict(cues["following_years"]),
        scope_re=re.compile(scope_alt),
        scope_of=scope_of,
        target_clause_re=re.compile(
            _alt(cues["target_clause_cues"]).replace("将", "(?<![已经])将(?!近)")
        ),
        target_gap_re=re.compile(_alt(cues["target_gap_cues"])),
        target_after_re=re.compile(r"\s*(?:" + _alt(cues["target_after_cues"]) + ")"),
        target_sentence_re=re.compile(_alt(cues["target_sentence_cues"])),
        past_clause_re=re.compile(_alt(cues["past_clause_cues"])),
        other_area_words=tuple(cues["other_area_words"]),
        own_area_words=tuple(cues["own_area_words"]),
        keep_level_re=re.compile(_alt(cues["keep_level_cues"])),
        keep_level_plan_re=re.compile(
            _alt(cues["keep_level_plan_cues"]).replace("将", "(?<![已经])将(?!近)")
        ),
        plan_year_re=re.compile("|".join(f"(?:{p})" for p in cues["plan_year_patterns"])),
        plan_year_past_re=re.compile(_alt(cues["plan_year_past_cues"])),
        part_re=re.compile(_alt(cues["part_words"])),
        total_re=re.compile(_alt(cues["total_words"])),
        follow_scope_re=re.compile(
            r"(?:以上|左右|以下)?\s*[，,、]\s*(?:其中)?\s*(?P<scope>" + scope_alt + r")"
        ),
        follow_head_re=re.compile(
            r"(?:以上|左右|以下)?\s*(?P<comma>[，,（(；;])?\s*"
            r"(?P<now>" + _alt(cues["followup_now_cues"]) + r")?\s*(?:(?P<cmp>比|较|与|同比)\s*)?"
            r"(?P<cue>" + _alt(cues["followup_cues"]) + r")?\s*(?:截至|截止到|截止|到|至)?\s*"
            r"(?:(?:(?P<y>(?:19|20)\d\d)\s*年(?:度)?(?:底|末|初)?"
            r"(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末|初)?)?(?:前|以前)?"
            r"|(?P<rel>" + _alt(cues["relative_years"]) + r")"
            r"|(?P<nxt>" + _alt(cues["following_years"]) + r"))"
            r"(?:" + _alt(cues["season_words"]) + r")?)?"
        ),
        followup_fill_re=re.compile(_alt(cues["followup_fillers"])),
        compare_gap_re=re.compile(
            r"\s*(?:比|较|与|同比)\s*(?:(?P<y>(?:19|20)\d\d)\s*年度?"
            r"|(?P<rel>" + _alt(cues["relative_years"]) + r"))(?:同期)?\s*(?:的|为)?\s*"
        ),
        from_to_re=re.compile(r"(?P<pre>.*?)(?:由|从)(?P<mid>[^，,。；;%]{0,12})"),
        to_mark_re=re.compile(
            r"\s*(?:提高|提升|上升|增长|增加|下降|降低|减少|压减|扩大|缩小|优化|调整|改善|增|降)(?:到|至|为)\s*"
        ),
        joined_re=re.compile(r"(?:" + _alt(cues["joined_words"]) + r")\s*$"),
        earlier_re=re.compile(_alt(cues["earlier_state_cues"])),
        zero_re=re.compile(r"\s*(?:" + _alt(cues["zero_connectives"]) + r")" + _ZERO_TAIL),
        bare_zero_re=re.compile(_ZERO_TAIL),
        reach_re=re.compile(
            r"(?:" + _alt(cues["target_reach_cues"]) + r")\s*(?:(?:19|20)\d\d\s*年底?)?\s*$"
        ),
        shared_join_re=re.compile(
            r"[^\d，,。；;%％和与及或、]{0,3}\s*(?:" + _alt(cues["joined_words"]) + r"|[、])"
            r"\s*[^\d，,。；;%％]{0,6}"
        ),
        shared_tail_re=re.compile(
            r"[^\d，,。；;%％]{0,10}?[，,]?\s*(?:" + _alt(cues["shared_value_cues"]) + r")"
        ),
        change_gap_re=re.compile(
            r"\s*(?:(?:比|较|与)\s*(?:(?:19|20)\d\d\s*年度?|" + _alt(cues["relative_years"]) + r")"
            r"(?:同期)?(?:相比)?\s*)?(?:同比|环比)?\s*(?:" + _alt(cues["change_verbs"]) + r")了?\s*"
        ),
        change_after_re=re.compile(r"\s*[，,]?\s*(?:" + _alt(cues["change_result_cues"]) + r")"),
        family={c: cs for cs in generic_families for c in cs},
        word_res={},
    )


@dataclass
class _Doc:
    """One text prepared for extraction: half-width view, boundaries, numbers, years."""

    text: str
    hw: str
    report_year: int | None
    tokens: list[NumberToken]
    token_starts: list[int]
    sent_bounds: list[int]
    seg_bounds: list[int]
    clause_bounds: list[int]
    years: list[tuple[int, int, int | None, bool]]  # start, end, year, is_comparison
    year_starts: list[int]
    quoted: list[tuple[int, int]]  # 《...》 spans
    other_avg_re: re.Pattern[str]  # another area's average (全省平均), this report's area aside
    head_line: str = ""  # the first lines (title, addressee), to tell the report's own place
    own_area: str = ""  # the most used of 全县/全区/全市/全旗 (empty: none)
    plan_spans: list[tuple[int, int]] = field(default_factory=list)  # text under plan headings
    # where the anchors that gave a value so far end (scope words do not carry past them)
    anchor_ends: list[int] = field(default_factory=list)
    hits: list[_Hit] = field(default_factory=list)  # every kept anchor
    hit_starts: list[int] = field(default_factory=list)  # where each starts

    @staticmethod
    def unit(bounds: list[int], pos: int, n: int) -> tuple[int, int]:
        """(start, end) of the unit containing `pos`, given sorted delimiter positions."""
        i = bisect.bisect_left(bounds, pos)
        start = bounds[i - 1] + 1 if i > 0 else 0
        end = bounds[i] if i < len(bounds) else n
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.unit(self.sent_bounds, pos, len(self.hw))

    def segment(self, pos: int) -> tuple[int, int]:
        return self.unit(self.seg_bounds, pos, len(self.hw))

    def clause(self, pos: int) -> tuple[int, int]:
        return self.unit(self.clause_bounds, pos, len(self.hw))

    def in_quotes(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quoted)

    def token_at_or_after(self, pos: int) -> NumberToken | None:
        i = bisect.bisect_left(self.token_starts, pos)
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind != "year":
                return tok
            i += 1
        return None


_SENT_RE = re.compile(r"[。！？!?\n]")
_SEG_RE = re.compile(r"[。！？!?\n；;]")
_CLAUSE_RE = re.compile(r"[。！？!?\n；;，、]|,(?!\d{3}(?!\d))|(?<!\d):(?!\d)")
_QUOTE_RE = re.compile(r"《[^》\n]{0,200}》")
_TO_YEAR = re.compile(r"(?<!截)(?:到|至)\s*(?:19|20)\d\d")  # not 截至2024年
_FROM_BEFORE = re.compile(r"(?:由|从)\s*$")
_COMPARE_BEFORE = re.compile(r"(?:(?<!占)比|较|与|同比|对比)\s*$")  # not 占比2023年


def _head_lines(hw: str) -> str:
    """The short lines opening the text (title, addressee), up to three, before any prose."""
    out: list[str] = []
    for ln in hw.splitlines():
        ln = ln.strip()
        if not ln:
            continue
        if len(ln) > 60 or "。" in ln or len(out) == 3:
            break
        out.append(ln)
    return " ".join(out)


# heading markers, by rank: 一、 / 第一部分 (1), （一） (2), 1. / 1、 (3), (1) / ① (4); a short
# line without them and without punctuation is rank 0 (it governs every marked heading after it)
_HEADING_MARKS = (
    (
        1,
        re.compile(
            r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}[部分章节])"
        ),
    ),
    (2, re.compile(r"\s*[（(][一二三四五六七八九十]{1,3}[)）]")),
    (3, re.compile(r"\s*\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"\s*(?:[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])")),
)
_ANNEX = re.compile(r"(?:附表|附件|附录|表\s*\d)")
_TITLE_END = re.compile(r"[。：:；;！？!?]")
_MAX_TITLE = 30
_MAX_BARE_HEADING = 20
_PUNCT = re.compile(r"[，,。；;：:、！？!?%]")


def _heading(line: str) -> tuple[int, str] | None:
    """(rank, title) when the line is a heading, else None."""
    for rank, mark in _HEADING_MARKS:
        m = mark.match(line)
        if m:
            end = _TITLE_END.search(line, m.end())
            title = line[m.end() : end.start() if end else len(line)]
            return (rank, title) if 0 < len(title.strip()) <= _MAX_TITLE else None
    bare = line.strip()
    if _ANNEX.match(bare):
        return 0, ""  # 附表：2021年主要指标 ends every section
    if 0 < len(bare) <= _MAX_BARE_HEADING and not _PUNCT.search(bare):
        return 0, bare
    return None


@cache
def _plan_heading_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = _cues()
    plan = re.compile(_alt(cues["plan_heading_words"]))
    return plan, re.compile(_alt(cues["plan_heading_not_words"]))


@cache
def _not_child_place() -> tuple[str, ...]:
    return tuple(_cues()["not_child_place"])


def _plan_sections(hw: str) -> list[tuple[int, int]]:
    """The spans of the text under a plan heading (see plan_heading_words)."""
    plan, not_plan = _plan_heading_res()
    spans: list[tuple[int, int]] = []
    open_at: tuple[int, int] | None = None  # (rank, start) of the plan section being read
    for m in _LINE_SPAN.finditer(hw):
        head = _heading(m.group(0))
        if head is None:
            continue
        rank, title = head
        if open_at is not None and rank <= open_at[0]:
            spans.append((open_at[1], m.start()))
            open_at = None
        if open_at is None and plan.search(title) and not not_plan.search(title):
            open_at = (rank, m.start())
    if open_at is not None:
        spans.append((open_at[1], len(hw)))
    return spans


_LINE_SPAN = re.compile(r"[^\n]+")


_MAX_CELL_LINE = 16  # a column head written on a line of its own
_MAX_LABEL_LINE = 40  # a row label written on a line of its own
_MAX_COLUMNS = 8
_DIGIT = re.compile(r"\d")


@cache
def _cell_line_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A column head's words, and a cell's whole text, of a table written one cell per line."""
    cues = _cues()
    heads = [
        *cues["table_standard_heads"],
        *cues["table_actual_heads"],
        *cues["table_verdicts"],
        *cues["table_column_heads"],
    ]
    number = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
    cell = re.compile(
        r"\s*(?:(?:(?:" + _alt(cues["table_bound_marks"]) + r")\s*)?"
        r"(?:" + number + r")\s*(?:%|:\s*\d+(?:\.\d+)?)?"
        r"|[-—–/]+|(?:" + _alt(cues["table_verdicts"]) + r")|%|万元|亿元|元|所|人|个)\s*"
    )
    return re.compile(_alt(heads)), cell


def _column_head(line: str) -> bool:
    """A column head on a line of its own (国家标准, 我县现状, 是否达标, 2022年)."""
    if not 0 < len(line) <= _MAX_CELL_LINE or _PROSE.search(line):
        return False
    if _HEAD_YEAR.fullmatch(line):
        return True
    return not _DIGIT.search(line) and _cell_line_res()[0].search(line) is not None


def _join_cell_lines(hw: str) -> str:
    """A table written one cell per line (指标名称 / 国家标准 / 我县现状 / 是否达标, then
    毛入园率 / ≥85% / 91.3% / 达标 ...: a label head line, two column heads or more, then rows of
    as many lines, a label and cells): the line breaks inside its head and each row become tabs,
    so that it reads as a flattened table. The text keeps its length (offsets are unchanged)."""
    label_re = _row_words().label
    cell_re = _cell_line_res()[1]
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in hw.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    lines = [hw[a:b].strip() for a, b in spans]
    joins: list[int] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if (
            not 0 < len(line) <= _MAX_CELL_LINE
            or _DIGIT.search(line)
            or _PROSE.search(line)
            or not label_re.search(line)
        ):
            k += 1
            continue
        h = 1
        while k + h < len(lines) and h < _MAX_COLUMNS and _column_head(lines[k + h]):
            h += 1
        rows: list[int] = []
        r = k + h
        while h >= 3 and r + h <= len(lines):
            label, cells = lines[r], lines[r + 1 : r + h]
            if (
                not 0 < len(label) <= _MAX_LABEL_LINE
                or _PROSE.search(label)
                or cell_re.fullmatch(label)
                or not all(cell_re.fullmatch(c) for c in cells)
                or not any(_DIGIT.search(c) for c in cells)
            ):
                break
            rows.append(r)
            r += h
        if not rows:
            k += 1
            continue
        for start in (k, *rows):
            joins.extend(spans[start + j][1] for j in range(h - 1))
        k = r
    if not joins:
        return hw
    chars = list(hw)
    for at in joins:
        chars[at] = "\t"
    return "".join(chars)


def _prepare(text: str, report_year: int | None) -> _Doc:
    rules = _rules()
    hw = halfwidth(text)  # also 二〇二二年 -> 2022年, one character for one
    hw = _join_cell_lines(hw)  # tables written one cell per line read as rows
    tokens = scan_numbers(text)
    quoted = [m.span() for m in _QUOTE_RE.finditer(hw)]
    years: list[tuple[int, int, int | None, bool]] = []
    for m in rules.year_re.finditer(hw):
        if m.group("rel"):
            delta = rules.rel_years[m.group("rel")]
            y = report_year + delta if report_year is not None else None
        else:
            y = int(m.group("y2") or m.group("y1"))
        comparison = bool(_COMPARE_BEFORE.search(hw, max(0, m.start() - 3), m.start()))
        years.append((m.start(), m.end(), y, comparison))
    own = max(rules.own_area_words, key=hw.count)
    others = [w for w in rules.other_area_words if not (own.endswith(w) and hw.count(own))]
    other_avg_re = re.compile(
        r"(?:"
        + _alt(others)
        + r")(?<![县区旗城]市)(?<![县区旗]省)(?:域|的)?平均(?!工资|年工资|收入)"
    )
    return _Doc(
        text=text,
        hw=hw,
        report_year=report_year,
        tokens=tokens,
        token_starts=[t.start for t in tokens],
        sent_bounds=[m.start() for m in _SENT_RE.finditer(hw)],
        seg_bounds=[m.start() for m in _SEG_RE.finditer(hw)],
        clause_bounds=[m.start() for m in _CLAUSE_RE.finditer(hw)],
        years=years,
        year_starts=[y[0] for y in years],
        quoted=quoted,
        other_avg_re=other_avg_re,
        head_line=_head_lines(hw),
        plan_spans=_plan_sections(hw),
        own_area=own if hw.count(own) else "",
    )


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    anchor: _AnchorDef
    num_start: int | None  # for patterns whose number comes inside the anchor (共有58所幼儿园)


def _find_anchors(doc: _Doc) -> list[_Hit]:
    hits: list[_Hit] = []
    for a in _rules().anchors:
        for m in a.regex.finditer(doc.hw):
            num = m.start("num") if "num" in a.regex.groupindex and m.group("num") else None
            hits.append(_Hit(m.start(), m.end(), a, num))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end and not doc.in_quotes(h.start):
            kept.append(h)
            last_end = h.end
    return kept


# ---------------------------------------------------------------- per-value rules


# the most characters between an anchor and its number ("short window"); also bounds the regexes
_MAX_GAP = 40
# how far back in its sentence a generic anchor looks for its context or subject
_MAX_CONTEXT = 400
# evidence of a follow-up value includes the metric's clause up to this many characters
_MAX_EVIDENCE = 100
_BRACKETED = re.compile(r"（[^（）()]*）|\([^（）()]*\)")
_BRACKET_CHARS = re.compile(r"[（）()]")


def _gap_ok(gap: str, *, fillers: bool = False) -> bool:
    """Only connectives, years, scope words and whole (bracketed asides) between anchor and number."""
    if len(gap) > _MAX_GAP:
        return False
    rules = _rules()
    cleaned = _BRACKETED.sub("", gap)
    cleaned = re.sub(r"[（(]\s*$", "", cleaned)  # the number opens an aside: 工资（98756元）
    if _BRACKET_CHARS.search(cleaned):
        return False  # the anchor sits inside brackets: 学校（含幼儿园）212所
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


def _closed_bracket(doc: _Doc, at: int, pos: int) -> bool:
    """`at` is inside brackets that close before `pos`."""
    s0, _ = doc.sentence(at)
    opened = max(doc.hw.rfind("（", s0, at), doc.hw.rfind("(", s0, at))
    if opened < 0 or re.search(r"[）)]", doc.hw[opened:at]):
        return False
    return re.search(r"[）)]", doc.hw[at:pos]) is not None


@cache
def _event_re() -> re.Pattern[str]:
    return re.compile(_alt(_cues()["event_verbs"]))


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
        leaked = mid and (start < g0 or (_year_used(doc, end, pos) and not _chained(doc, end, pos)))
        # "由2022年的88.2%提高到…": the base year belongs to its own clause
        leaked = leaked or (_FROM_BEFORE.search(doc.hw, max(0, start - 2), start) is not None
                            and doc.clause(start)[1] < pos)  # fmt: skip
        # "（2022年为43.9%）" dates only what its brackets hold
        leaked = leaked or _closed_bracket(doc, start, pos)
        # "该县2015年通过…验收，" dates only its event
        leaked = leaked or _event_year(doc, start, end, pos)
        if end <= pos and not comparison and not leaked and not doc.in_quotes(start):
            if y is not None:
                return y
        i -= 1
    return doc.report_year


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
    if rules.keep_level_re.search(gap) and rules.keep_level_plan_re.search(doc.hw, s0, c0):
        return True  # 下一步将…，毛入园率稳定在95%以上
    return bool(rules.target_sentence_re.search(doc.hw, s0, c0))


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
        return True
    return False


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
    """The anchor follows a name ending in an institution suffix, with no total word."""
    suffixes = spec.extraction.get("institution_suffixes")
    if not suffixes:
        return False
    c0, _ = doc.clause(hit_start)
    before = doc.hw[c0:hit_start].rstrip()
    if not before.endswith(tuple(suffixes)):
        return False
    return not _rules().total_re.search(before)


def _route(
    doc: _Doc, hit: _Hit, cell: int | None = None, context_from: int | None = None
) -> tuple[list[str], int | None]:
    """Candidate codes for an anchor and the position of the word that routed it (if any).
    `cell`: the anchor is in a table's cell starting there, which stands for its clause;
    `context_from`: its context starts there (a table row: the row above it)."""
    if not hit.anchor.generic:
        return list(hit.anchor.codes), None
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
            ctx = [
                m.start()
                for m in rules.words(route["context_before"]).finditer(doc.hw, lo, hit.start)
            ]
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
    return keep, None


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
    kind name: its own count follows right after it (特殊教育学校1所、…)."""
    tok = doc.token_at_or_after(pos)
    return (
        tok is not None
        and tok.start < c0
        and tok.kind == "count"
        and not doc.hw[pos : tok.start].strip()
    )


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


@cache
def _rule_object_re() -> re.Pattern[str]:
    cues = _cues()
    return re.compile(
        r"\s*(?:" + _alt(cues["rule_object_bounds"]) + r")?\s*[”\"’']?\s*的\s*"
        r"(?:" + _alt(cues["rule_object_qualifiers"]) + r")?\s*"
        r"(?:" + _alt(cues["rule_object_modifiers"]) + r")?\s*"
        r"(?:" + _alt(cues["rule_object_words"]) + r")"
    )


def _rule_object(doc: _Doc, tok: NumberToken) -> bool:
    """The number is the figure of a rule quoted after it (…不超过5%的国家要求, “…5%”的要求)."""
    return _rule_object_re().match(doc.hw, tok.end) is not None


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
    prefix = _rules().year_re.sub(" ", prefix.replace("中小学", "   "))
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
    for m in re.finditer(_alt(others), prefix):
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


def _follow_restated(
    doc: _Doc, prev: MetricValue, tok: NumberToken, s1: int, ev_start: int
) -> tuple[MetricValue, NumberToken] | None:
    """ "，比前一年占比22.7%" / "，2020年为96.1%" / "，力争达到65%": the same metric again."""
    rules = _rules()
    m = rules.follow_head_re.match(doc.hw, tok.end, s1)
    if not m:
        return None
    cmp, cue, y, rel = m.group("cmp"), m.group("cue"), m.group("y"), m.group("rel")
    now, nxt_year = m.group("now"), m.group("nxt")
    if nxt_year:  # "，次年秋季降至3.5%": the year after the value's
        if cmp or prev.year is None:
            return None
        y = str(prev.year + rules.next_years[nxt_year])
    if cmp and not (y or rel):
        return None
    if not cmp and not (m.group("comma") and (cue or y or rel or now)):
        return None
    if (m.group("comma") or "") in ("；", ";") and (cmp or not (y or rel)):
        return None  # past a ；only a year goes on with the same metric ("；2023年为51.8%")
    _, c1 = doc.clause(m.end())
    nxt = _next_token(doc, m.end(), c1)
    if nxt is None or not _gap_ok(doc.hw[m.end() : nxt.start], fillers=True):
        return None
    if "分别" in doc.hw[m.end() : nxt.start]:
        return None  # "，2023年分别为0.39、0.33": a list (see _year_respectively)
    spec = rules.specs[prev.metric]
    if any(rules.regex(p).search(doc.hw, tok.end, m.end()) for p in
           spec.extraction.get("sentence_block_patterns") or []):  # fmt: skip
        return None  # "，截至2024年9月已支出…": part of a year, not the annual figure
    i = bisect.bisect_left(doc.hit_starts, m.end())
    while i < len(doc.hits) and doc.hits[i].start < nxt.start:
        if not doc.hits[i].anchor.generic or _route(doc, doc.hits[i])[0]:
            return None  # "，2020年公办园在园幼儿占比达到50.6%": another metric's anchor
        i += 1  # (a change word no metric takes here: 已下降到)
    if not _unit_ok(spec, nxt):
        return None
    year = int(y) if y else _rel_year(prev.year, rel) if rel else prev.year
    if cmp:
        if prev.is_target or _COMPARED_LIST.match(doc.hw, nxt.end):
            return None  # (较2022年的0.381和0.302分别下降: see _compared_list)
        target = False
    else:
        target = bool(cue) or _is_target(doc, nxt.start, nxt, year)
        if now and not (y or rel):
            year = doc.report_year  # "，整改后提高到52%" / "，目前为52%"
        elif rel is None and y is None:
            year = prev.year if not target else _year_for(doc, nxt.start)
    # evidence: from the metric's own clause when that stays short, else the clause alone
    ev = ev_start if c1 - ev_start <= _MAX_EVIDENCE else nxt.start
    v = _make(doc, prev.metric, nxt, year=year, target=target, scope=prev.scope, ev_start=ev)
    return (v, nxt) if v is not None else None


def _follow_scoped(
    doc: _Doc, prev: MetricValue, tok: NumberToken, s1: int, family: list[str], ev_start: int
) -> tuple[MetricValue, NumberToken] | None:
    """ "差异系数小学为0.45，中学为0.38": the next level of the same family."""
    rules = _rules()
    m = rules.follow_scope_re.match(doc.hw, tok.end, s1)
    if not m:
        return None
    scope = rules.scope_of[m.group("scope")]
    _, c1 = doc.clause(m.end())
    nxt = _next_token(doc, m.end(), c1)
    if nxt is None or not _gap_ok(doc.hw[m.end() : nxt.start]):
        return None
    code = _level_code(family, scope, nxt)
    if code is None:
        return None
    v = _make(doc, code, nxt, year=prev.year, target=prev.is_target, scope=scope,
              ev_start=ev_start)  # fmt: skip
    return (v, nxt) if v is not None else None


def _level_code(family: list[str], scope: str, tok: NumberToken) -> str | None:
    """The code of `family` for the level `scope` (its own route scope, else a scoped code),
    when the number fits its unit."""
    rules = _rules()
    for code in family:
        ex = rules.specs[code].extraction
        route_scope = (ex.get("route") or {}).get("scope")
        if route_scope == scope or (route_scope is None and ex.get("scoped")):
            return code if _unit_ok(rules.specs[code], tok) else None
    return None


_BRACKET_OPEN = re.compile(r"\s*[（(]\s*(?:其中)?\s*")
_BRACKET_SEP = re.compile(r"\s*(?:[，,、；;]|和|及)\s*(?:其中)?\s*")
_BRACKET_CLOSE = re.compile(r"\s*[）)]")
_MAX_BRACKET_LEVELS = 6


def _bracket_levels(doc: _Doc, pos: int) -> list[tuple[str, NumberToken]]:
    """ "为96.0%（小学97.5%，初中94.2%）": the (level, number) items of brackets opening at
    `pos`, when they hold nothing but levels with their numbers; else []."""
    rules = _rules()
    m = _BRACKET_OPEN.match(doc.hw, pos)
    if m is None:
        return []
    out: list[tuple[str, NumberToken]] = []
    at = m.end()
    for _ in range(_MAX_BRACKET_LEVELS):
        word = rules.scope_re.match(doc.hw, at)
        if word is None or rules.scope_of[word.group(0)] == _NONE_SCOPE:
            return []
        tok = doc.token_at_or_after(word.end())
        if (
            tok is None
            or not _gap_ok(doc.hw[word.end() : tok.start])
            or "\n" in doc.hw[at : tok.start]
        ):
            return []
        out.append((rules.scope_of[word.group(0)], tok))
        if _BRACKET_CLOSE.match(doc.hw, tok.end):
            return out
        sep = _BRACKET_SEP.match(doc.hw, tok.end)
        if sep is None:
            return []
        at = sep.end()
    return []


def _bracket_values(
    doc: _Doc,
    family: list[str],
    pos: int,
    *,
    year: int | None,
    target: bool,
    ev_start: int,
) -> tuple[list[MetricValue], NumberToken | None]:
    """The per-level values of a breakdown in brackets at `pos` (see _bracket_levels), each
    under the code of `family` its level picks; and the last number read (None: no breakdown)."""
    items = _bracket_levels(doc, pos)
    out: list[MetricValue] = []
    for scope, tok in items:
        code = _level_code(family, scope, tok)
        if code is None:
            return [], None
        v = _make(doc, code, tok, year=year, target=target, scope=scope, ev_start=ev_start)
        if v is not None:
            out.append(v)
    return out, (items[-1][1] if items else None)


def _follow_ups(
    doc: _Doc, first: MetricValue, tok: NumberToken, family: list[str], ev_start: int
) -> list[MetricValue]:
    """Values that continue `first` in its sentence: restatements and per-level lists."""
    out: list[MetricValue] = []
    _, s1 = doc.sentence(tok.start)
    levels, last = _bracket_values(
        doc, family, tok.end, year=first.year, target=first.is_target, ev_start=ev_start
    )
    if last is not None:  # 为96.0%（小学97.5%，初中94.2%）
        return levels
    prev, cur = first, tok
    for _ in range(8):
        found = _follow_restated(doc, prev, cur, s1, ev_start) or _follow_scoped(
            doc, prev, cur, s1, family, ev_start
        )
        if found is None:
            # "9.86亿元，同比增长4.3%，2024年为10.21亿元": past the change clause (its own
            # anchor reads it) the same metric may go on for another year
            skipped = _change_clause_end(doc, cur, s1)
            if skipped is not None:
                found = _follow_restated(doc, prev, skipped, s1, ev_start)
        if found is None:
            break
        prev, cur = found
        out.append(prev)
    target = _follow_target(doc, prev, cur, ev_start)
    return [*out, target] if target is not None else out


def _change_clause_end(doc: _Doc, tok: NumberToken, s1: int) -> NumberToken | None:
    """The last number of the clause right after `tok` when that clause only states a change
    from the year before (，同比增长4.3% / ，比上年增长5%), else None."""
    m = re.compile(r"\s*[，,]").match(doc.hw, tok.end, s1)
    if m is None or not _chain_head().match(doc.hw, m.end()):
        return None
    _, c1 = doc.clause(m.end())
    i = bisect.bisect_left(doc.token_starts, m.end())
    last = None
    while i < len(doc.tokens) and doc.tokens[i].start < c1:
        if doc.tokens[i].kind == "year":
            return None  # 比2022年增长…: a base year of its own
        last = doc.tokens[i]
        i += 1
    return last


def _follow_target(
    doc: _Doc, prev: MetricValue, tok: NumberToken, ev_start: int
) -> MetricValue | None:
    """ "占比45.2%，距国家要求尚有差距，力争到2025年达到50%以上": a later clause of the segment
    with a plan cue and a reach verb right before a number of the metric's unit is a target
    for the same metric, when no other anchor and no other such number stand in between."""
    rules = _rules()
    spec = rules.specs[prev.metric]
    _, g1 = doc.segment(tok.start)
    i = bisect.bisect_left(doc.token_starts, tok.end)
    nxt = None
    while i < len(doc.tokens) and doc.tokens[i].start < g1:
        t = doc.tokens[i]
        if t.kind != "year" and t.kind in (tok.kind, "percent", "yuan", "ratio", "number"):
            nxt = t if _unit_ok(spec, t) else None
            break
        i += 1
    if nxt is None or nxt.start - tok.end > _MAX_CONTEXT // 4:
        return None
    j = bisect.bisect_left(doc.hit_starts, tok.end)
    while j < len(doc.hits) and doc.hits[j].start < nxt.start:
        if _route(doc, doc.hits[j])[0]:
            return None  # another metric is named first (not a change word: 比上年下降)
        j += 1
    c0, _ = doc.clause(nxt.start)
    if c0 <= tok.end:
        return None  # the same clause: the ordinary rules have read it
    head = doc.hw[c0 : nxt.start]
    if len(head) > _MAX_GAP or not rules.reach_re.search(head):
        return None
    if not (rules.target_clause_re.search(head) or _TO_YEAR.search(head)):
        return None
    year = _explicit_year(doc, c0, nxt.start) or _year_for(doc, nxt.start)
    ev = ev_start if nxt.end - ev_start <= _MAX_EVIDENCE else c0
    return _make(doc, prev.metric, nxt, year=year, target=True, scope=prev.scope, ev_start=ev)


_ROW_CELL = re.compile(r"[^\s|]+")
_ROW_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?|\d+(?:\.\d+)?:\d+(?:\.\d+)?")
_MAX_HEAD_LOOKBACK = 30  # lines between a table's head and a row


@dataclass(frozen=True)
class _RowWords:
    """Word patterns of indicator tables that give a standard (metric_cues.yaml table_*)."""

    standard: re.Pattern[str]  # a head naming the standard column (国家标准)
    actual: re.Pattern[str]  # a head naming the area's column (我县, 实际值)
    mark: re.Pattern[str]  # a bound-marked standard cell (≤0.50, 不低于85%)
    verdict: re.Pattern[str]  # a row's last cell (达标, 是)
    label: re.Pattern[str]  # a head's label column (指标)


@cache
def _row_words() -> _RowWords:
    cues = _cues()
    return _RowWords(
        standard=re.compile(_alt(cues["table_standard_heads"])),
        actual=re.compile(_alt(cues["table_actual_heads"])),
        mark=re.compile(r"(?:" + _alt(cues["table_bound_marks"]) + r")\s*(?=\d)"),
        verdict=re.compile(r"(?:" + _alt(cues["table_verdicts"]) + r")"),
        label=re.compile(_alt(cues["table_label_heads"])),
    )


def _standard_head(doc: _Doc, line_start: int) -> tuple[list[str], int | None, int | None] | None:
    """The head line of the table holding the row at `line_start` when it names a standard
    column: (its cells, the standard column, the actual column), or None."""
    words = _row_words()
    std_re, actual_re = words.standard, words.actual
    end = line_start - 1
    for _ in range(_MAX_HEAD_LOOKBACK):
        if end <= 0:
            return None
        start = doc.hw.rfind("\n", 0, end) + 1
        line = doc.hw[start:end]
        end = start - 1
        if not line.strip():
            continue
        if _PROSE.search(line) or len(line) > 120:
            return None  # prose: no table head above
        cells = _ROW_CELL.findall(line)
        years = [k for k, c in enumerate(cells) if _HEAD_YEAR.fullmatch(c)]
        if any(re.search(r"\d", c) for k, c in enumerate(cells) if k not in years):
            continue  # another row
        std = next(
            (k for k, c in enumerate(cells) if std_re.search(c) and not actual_re.search(c)), None
        )
        if std is None or len(cells) < 3:
            return None
        actual = next((k for k, c in enumerate(cells) if k != std and actual_re.search(c)), None)
        measured = [k for k in years if not _HEAD_YEAR.fullmatch(cells[k]).group("plan")]
        if actual is None and measured:
            actual = measured[-1]  # 指标 国家标准 2023年 达标情况: the (not planned) year
        return cells, std, actual
    return None


def _standard_row(doc: _Doc, hit: _Hit) -> NumberToken | None:
    """In a flattened indicator table that also gives the standard ("小学综合差异系数 ≤0.50
    0.312 达标", or under a head "指标 | 国家标准 | 我县 | 达标情况"), the row's actual value:
    the column of the head naming the area (我县, 实际 ...), else the number after a bound-marked
    standard (≤, 不低于 ...), else, in a row ending with a verdict (达标, 是 ...) and holding two
    numbers, the second. None when the anchor does not open such a row."""
    line_end = doc.hw.find("\n", hit.end)
    line_end = len(doc.hw) if line_end < 0 else line_end
    stop = doc.hw.find("。", hit.end, line_end)  # a row run into prose: "…：A ≤15:1 12.6:1 达标。"
    rest = doc.hw[hit.end : line_end if stop < 0 else stop]
    if not rest[:1].isspace() and not rest.startswith("|"):
        unit = re.match(r"[（(][^（）()]{0,8}[）)]", rest)  # 占比（%） 50% 78.6%
        if unit is None or rest[unit.end() : unit.end() + 1] not in (" ", "|", "\t"):
            return None
    if _PROSE.search(rest):
        return None
    cells = [(hit.end + m.start(), hit.end + m.end()) for m in _ROW_CELL.finditer(rest)]
    if cells and cells[0][0] == hit.end:
        cells = cells[1:]  # the unit written onto the label
    if len(cells) < 2:
        return None
    words = _row_words()
    mark_re, verdict_re = words.mark, words.verdict
    texts = [doc.hw[a:b] for a, b in cells]
    line_start = doc.hw.rfind("\n", 0, hit.start) + 1
    label = doc.hw[line_start : cells[0][0]]
    pick: int | None = None
    head = _standard_head(doc, line_start)
    if head is not None:
        head_cells, std, actual = head
        # the row's cells after its label line up with the head's columns after its label
        # column (指标, 项目名称: a 单位 column may follow it), else from the first of the
        # standard and actual columns (序号 指标 …)
        label_col = next(
            (
                k
                for k, c in enumerate(head_cells)
                if k not in (std, actual) and words.label.search(c)
            ),
            None,
        )
        first = min(std, actual) if actual is not None else std
        if label_col is not None and label_col < first:
            first = label_col + 1
        if actual is not None:
            pick = actual - first
        else:
            pick = next(
                (k for k, t in enumerate(texts) if k + first != std and _ROW_NUMBER.fullmatch(t)),
                None,
            )
        if pick is None:
            return None
    else:
        for k in range(len(texts) - 1):
            if mark_re.match(texts[k]) and _ROW_NUMBER.fullmatch(texts[k + 1]):
                pick = k + 1
                break
        if pick is None:
            nums = [k for k, t in enumerate(texts) if _ROW_NUMBER.fullmatch(t)]
            kinds = {("%" in texts[k]) + 2 * (":" in texts[k]) for k in nums}  # the same unit
            if (
                len(nums) == 2
                and len(kinds) == 1
                and verdict_re.fullmatch(texts[-1])
                and nums[1] == len(texts) - 2
            ):
                pick = nums[1]
    if pick is None or pick >= len(texts) or not _ROW_NUMBER.fullmatch(texts[pick]):
        return None
    a, b = cells[pick]
    cell = _DATA_CELL.fullmatch(doc.hw, a, b)
    if cell is None:
        return None
    spec = _rules().specs[hit.anchor.codes[0]]
    units = " ".join(t for t in texts if not _ROW_NUMBER.fullmatch(t) and not mark_re.match(t))
    return _cell_token(cell, spec, label + " " + units)


@dataclass(frozen=True)
class _Found:
    tok: NumberToken
    year: int | None = None  # the year when the wording fixes it (a comparison base, 由...到)
    base: bool = False  # the number is a comparison base (比2021年的0.486): never a target
    earlier: tuple[NumberToken, int] | None = None  # "由2020年的38%": an earlier value and year
    actual: bool = False  # the actual value of a row that also gives the standard: not a target


def _explicit_year(doc: _Doc, lo: int, hi: int) -> int | None:
    """The last year named in hw[lo:hi] (relative words resolved against the report year)."""
    i = bisect.bisect_left(doc.year_starts, hi) - 1
    while i >= 0 and doc.years[i][0] >= lo:
        if doc.years[i][1] <= hi and doc.years[i][2] is not None:
            return doc.years[i][2]
        i -= 1
    return None


def _number_after_anchor(doc: _Doc, hit: _Hit) -> _Found | None:
    """The anchor's number, with what its wording says about the year."""
    rules = _rules()
    c0, _ = doc.clause(hit.start)
    _, c1 = doc.clause(max(hit.start, hit.end - 1))
    if hit.num_start is not None:
        i = bisect.bisect_left(doc.token_starts, hit.num_start)
        if i >= len(doc.tokens) or doc.tokens[i].start != hit.num_start:
            return None
        return _Found(doc.tokens[i])
    row = _standard_row(doc, hit)
    if row is not None:
        return _Found(row, actual=True)
    if (
        rules.joined_re.search(doc.hw, c0, hit.start)
        and not _RESPECTIVE_AFTER.match(doc.hw, hit.end)
        and not (
            _BOTH_AFTER.match(doc.hw, hit.end) and _joined_level_before(doc, hit.start) is not None
        )
    ):
        # 在校学生和在园幼儿约14.8万人: a combined population (not 小学和初中…分别为 / 均为)
        return None
    z = rules.zero_re.match(doc.hw, hit.end)
    if z and not hit.anchor.generic:
        specs = [rules.specs[c] for c in hit.anchor.codes]
        if all(sp.unit == "percent" for sp in specs):  # 大班额比例为0 / 为零: a percentage
            return _Found(NumberToken(z.start("z"), z.end("z"), 0.0, "percent", "", raw="0"))
    tok = _next_token(doc, hit.end, max(c1, hit.end))
    if tok is None:
        return None
    gap = doc.hw[hit.end : tok.start]
    if len(gap) > _MAX_GAP:
        return None
    ch = rules.change_gap_re.fullmatch(gap)
    if ch and tok.kind in ("points", "percent"):
        # "较上年下降1.2个百分点，为49.3%": the value stated after the change
        _, s1 = doc.sentence(tok.start)
        _, c2 = doc.clause(min(tok.end + 1, s1))
        after = rules.change_after_re.match(doc.hw, tok.end, c2)
        tok2 = _next_token(doc, after.end(), c2) if after else None
        if tok2 is None or tok2.kind != "percent":
            return None
        if not _gap_ok(doc.hw[after.end() : tok2.start]):
            return None
        return _Found(tok2)
    # "由(2020年的)38%提高到(2023年的)52%": the value is the one after the change verb
    m = rules.from_to_re.fullmatch(gap)
    if m and _gap_ok(m.group("pre")):
        t = rules.to_mark_re.match(doc.hw, tok.end)
        if not t:
            return None
        z = rules.bare_zero_re.match(doc.hw, t.end())
        if z and tok.kind == "percent":  # 由3.2%降至0
            tok2 = NumberToken(z.start("z"), z.end("z"), 0.0, "percent", "", raw="0")
            year = _year_for(doc, hit.start)
            from_year = _explicit_year(doc, hit.end + m.start("mid"), tok.start)
            return _Found(tok2, year, earlier=(tok, from_year) if from_year is not None else None)
        tok2 = _next_token(doc, t.end(), c1)
        if tok2 is None or not _gap_ok(doc.hw[t.end() : tok2.start]):
            return None
        year = _explicit_year(doc, t.end(), tok2.start) or _year_for(doc, hit.start)
        from_year = _explicit_year(doc, hit.end + m.start("mid"), tok.start)
        earlier = (tok, from_year) if from_year is not None else None
        return _Found(tok2, year, earlier=earlier)
    if _gap_ok(gap):
        return _Found(tok)
    m = rules.compare_gap_re.fullmatch(gap)
    if m:  # 差异系数比2021年的0.486有明显缩小
        if m.group("y"):
            return _Found(tok, int(m.group("y")), base=True)
        return _Found(tok, _rel_year(_year_for(doc, hit.start), m.group("rel")), base=True)
    return None


_LIST_SEP = re.compile(r"\s*(?:[、，,和与及]|以及)\s*")
_RESPECTIVE_AFTER = re.compile(r"\s*(?:均|的)?\s*分别")
_BOTH_AFTER = re.compile(r"\s*(?:均|都)")
_Y = r"(?:19|20)\d\d"
# years listed for a 分别 list: a range (2020年至2022年, 2020—2022年, 2021-2023年) or an
# enumeration (2021年、2022年和2023年, 2022、2023年)
_YEAR_LIST = re.compile(
    rf"(?P<a>{_Y})\s*学?年?度?\s*(?:[-—–~～至到]|——)\s*(?P<b>{_Y})\s*学?年(?!底|末|前|以前)"
    rf"|(?P<e>{_Y}\s*学?年?度?(?:\s*(?:[、，,和与及]|以及)\s*{_Y}\s*学?年?度?)+)(?<=[年度])"
    r"(?!底|末|前|以前)"
)
_MAX_LISTED_YEARS = 10


def _listed_years(doc: _Doc, lo: int, hi: int) -> list[int] | None:
    """The years of the last year list (a range or an enumeration) in hw[lo:hi], or None."""
    last = None
    for m in _YEAR_LIST.finditer(doc.hw, lo, hi):
        last = m
    if last is None:
        return None
    if last.group("a"):
        a, b = int(last.group("a")), int(last.group("b"))
        years = list(range(a, b + 1))
    else:
        years = [int(y) for y in re.findall(_Y, last.group("e"))]
    if not 2 <= len(years) <= _MAX_LISTED_YEARS or years != sorted(set(years)):
        return None
    return years


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


def _respective_anchors(doc: _Doc, chain: list[_Hit], hit: _Hit) -> list[MetricValue] | None:
    """ "毛入园率、普惠性幼儿园覆盖率分别为93.5%、86.2%": one number per listed anchor.
    None when the wording is not such a list."""
    _, c1 = doc.clause(max(hit.start, hit.end - 1))
    tok = _next_token(doc, hit.end, c1)
    if tok is None:
        return None
    gap = doc.hw[hit.end : tok.start]
    if "分别" not in gap or not _gap_ok(gap):
        return None
    toks = _listed_numbers(doc, tok)
    hits = [*chain, hit]
    if len(toks) != len(hits):
        return []
    out = []
    for h, t in zip(hits, toks, strict=True):
        codes, _ = _route(doc, h)
        code = _pick_code(doc, h, codes, t, _detect_scope(doc, h.start, h.end, t))
        if code is None:
            continue
        year = _year_for(doc, t.start)
        target = _is_target(doc, hits[0].start, t, year, hit.end)
        v = _make(doc, code, t, year=year, target=target, scope=None, ev_start=hits[0].start)
        if v is not None:
            out.append(v)
    return out


def _respectively(
    doc: _Doc, hit: _Hit, first: NumberToken
) -> tuple[list[tuple[str, NumberToken]], int]:
    """ "小学、初中大班额比例分别为2.1%、3.5%": (scope, number) pairs, or [] when unclear;
    and where the list of levels starts."""
    toks = _listed_numbers(doc, first)
    scopes, pos = _levels_before(doc, hit)
    if len(toks) < 2 or len(scopes) != len(toks) or _NONE_SCOPE in scopes:
        return [], pos
    return list(zip(scopes, toks, strict=True)), pos


def _levels_before(doc: _Doc, hit: _Hit) -> tuple[list[str], int]:
    """The levels joined by 、/和 right before the anchor (or opening it: 初中校际综合差异系数),
    in their order, and where their list starts."""
    rules = _rules()
    g0, _ = doc.segment(hit.start)
    scopes: list[str] = []
    pos = hit.start
    own = rules.scope_re.match(doc.hw, hit.start, hit.end)  # 初中校际综合差异系数
    if own:
        scopes.append(rules.scope_of[own.group(0)])
    tail = re.compile(r"(?:" + rules.scope_re.pattern + r")(?:学校|阶段|学段)?的?$")
    while True:  # scope words joined by 、/和 right before the anchor, read backwards
        if scopes:
            sep = re.search(r"(?:[、和与及]|以及)\s*$", doc.hw[g0:pos])
            if not sep:
                break
            pos = g0 + sep.start()
        m = tail.search(doc.hw, g0, pos)
        if not m:
            break
        word = rules.scope_re.match(doc.hw, m.start())
        if word is None:
            break
        scopes.insert(0, rules.scope_of[word.group(0)])
        pos = m.start()
    return scopes, pos


_BOTH_GAP = re.compile(r"均|都")


def _levels_sharing(
    doc: _Doc, hit: _Hit, codes: list[str], found: _Found
) -> list[MetricValue] | None:
    """ "小学、初中校际综合差异系数均为0.34": one number for levels whose codes differ (the
    level picks the code), one value per level; None when the wording is not such."""
    tok = found.tok
    if found.base or found.earlier is not None or not _BOTH_GAP.search(doc.hw, hit.end, tok.start):
        return None
    scopes, list_start = _levels_before(doc, hit)
    if len(scopes) < 2 or _NONE_SCOPE in scopes or len(set(scopes)) != len(scopes):
        return None
    specs = _rules().specs
    picked = [_level_code(_family(codes), sc, tok) for sc in scopes]
    if any(
        c is None or (specs[c].extraction.get("route") or {}).get("scope") != sc
        for c, sc in zip(picked, scopes, strict=True)
    ):
        return None  # a scoped metric (编制使用率) keeps one value for the levels together
    year = found.year if found.year is not None else _year_for(doc, tok.start)
    target = not found.actual and _is_target(doc, hit.start, tok, year, hit.end)
    out = []
    for code in picked:
        v = _make(doc, code, tok, year=year, target=target, scope=None, ev_start=list_start)
        if v is not None:
            out.append(v)
    return out


def _shared_value(doc: _Doc, hits: list[_Hit], i: int) -> tuple[list[MetricValue], int] | None:
    """ "A与当地B持平，均为8.6万元": one number for every anchor of the joined group starting
    at hits[i]; (values, number of hits read), or None when the wording is not such a group."""
    rules = _rules()
    _, s1 = doc.sentence(hits[i].start)
    group = [hits[i]]
    j = i + 1
    while (
        j < len(hits)
        and hits[j].start < s1
        and rules.shared_join_re.fullmatch(doc.hw, group[-1].end, hits[j].start)
    ):
        group.append(hits[j])
        j += 1
    if len(group) < 2:
        return None
    m = rules.shared_tail_re.match(doc.hw, group[-1].end, s1)
    if not m:
        return None
    _, c1 = doc.clause(m.end())
    tok = _next_token(doc, m.end(), c1)
    if tok is None or not _gap_ok(doc.hw[m.end() : tok.start]):
        return None
    out = []
    for h in group:
        codes, _ = _route(doc, h)
        code = _pick_code(doc, h, codes, tok, _detect_scope(doc, h.start, h.end, tok))
        if code is None:
            continue
        year = _year_for(doc, tok.start)
        target = _is_target(doc, h.start, tok, year, m.end())
        v = _make(doc, code, tok, year=year, target=target, scope=None, ev_start=group[0].start)
        if v is not None:
            out.append(v)
    return out, len(group)


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


def _emit_listed(
    doc: _Doc,
    hit: _Hit,
    codes: list[str],
    listed: list[tuple[NumberToken, int | None, str | None]],
    ev_start: int,
    *,
    by_scope: bool,
    strict: bool,
) -> tuple[list[MetricValue], tuple[MetricValue, NumberToken] | None]:
    """The values of a 分别 list: one per (number, year, scope), the year found in the text
    where None. `strict`: a number no code accepts voids the whole list. Also returns the last
    value with its number (the sentence may go on after the list)."""
    out: list[MetricValue] = []
    last = None
    for t, year, scope in listed:
        code = _pick_code(doc, hit, codes, t, scope, by_scope=by_scope)
        if code is None:
            if strict:
                return [], None
            continue
        if year is None:
            year = _year_for(doc, t.start)
        target = _is_target(doc, hit.start, t, year, hit.end)
        v = _make(doc, code, t, year=year, target=target, scope=scope, ev_start=ev_start)
        if v is not None:
            out.append(v)
            last = (v, t)
    return out, last


def _by_listed_years(
    doc: _Doc, hit: _Hit, codes: list[str], first: NumberToken, ev_start: int
) -> tuple[list[MetricValue], tuple[MetricValue, NumberToken] | None]:
    """ "2020年至2022年，毛入园率分别为96.8%、97.5%、98.6%": one number per listed year (as
    many numbers as years, else nothing); and the last value with its number."""
    s0, _ = doc.sentence(hit.start)
    years = _listed_years(doc, s0, first.start)  # before the anchor or between it and its number
    toks = _listed_numbers(doc, first)
    if years is None or len(years) != len(toks):
        return [], None
    listed = [
        (t, y, _detect_scope(doc, hit.start, hit.end, t)) for y, t in zip(years, toks, strict=True)
    ]
    return _emit_listed(doc, hit, codes, listed, ev_start, by_scope=False, strict=True)


@cache
def _scope_list_re() -> re.Pattern[str]:
    """Two levels or more joined (小学、初中 / 小学和初中学校)."""
    one_level = r"(?:" + _rules().scope_re.pattern + r")(?:学校|阶段|学段)?"
    return re.compile(one_level + r"(?:\s*(?:、|和|与|及|以及)\s*" + one_level + r")+")


@cache
def _year_respective_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<=[；;，,])\s*(?P<ys>{_Y}\s*学?年?(?:\s*(?:[-—–~～至到、，,和与及]|以及)\s*{_Y}\s*学?年?)*)"
        r"(?<=年)\s*度?\s*(?:全[县区市旗])?\s*(?:则|均)?\s*"
        r"(?:" + _alt(_cues()["restating_fillers"]) + r")?\s*"
        r"(?P<lv>" + _scope_list_re().pattern + r")?\s*(?:则|均)?\s*"
        r"分别(?:为|是|达到|达)?"
    )


def _list_scopes(doc: _Doc, lo: int, hi: int) -> list[str]:
    """The levels of a joined list in hw[lo:hi] (none when it names a mixed population)."""
    rules = _rules()
    scopes = [rules.scope_of[w] for w in rules.scope_re.findall(doc.hw[lo:hi])]
    return [] if _NONE_SCOPE in scopes else scopes


def _level_of(code: str, scope: str | None) -> str | None:
    """A value's level: its scope, or the one its code is routed by (小学综合差异系数)."""
    route = _rules().specs[code].extraction.get("route") or {}
    return scope or route.get("scope")


def _year_respectively(doc: _Doc, values: list[MetricValue]) -> list[MetricValue]:
    """ "小学近视率为52.1%、初中近视率为54.3%；2023年分别为55.7%、56.1%": a year and 分别
    without a metric name restate, in order, the metrics of the segment before, for that year
    (as many numbers as metrics, each of its unit, else nothing)."""
    out: list[MetricValue] = []
    rules = _rules()
    for m in _year_respective_re().finditer(doc.hw):
        d = m.start() - 1
        g0, _ = doc.segment(d - 1) if d > 0 else (0, 0)
        names: list[MetricValue] = []
        for v in values:
            if g0 <= v.char_start < d and not v.is_target:
                if all((v.metric, v.scope) != (n.metric, n.scope) for n in names):
                    names.append(v)
        if m.group("lv"):  # "；2023年小学、初中分别为…": the named levels, in their order
            picked = [
                next((n for n in names if _level_of(n.metric, n.scope) == sc), None)
                for sc in _list_scopes(doc, m.start("lv"), m.end("lv"))
            ]
            names = [n for n in picked if n is not None] if all(picked) else []
        _, c1 = doc.clause(m.end())
        first = _next_token(doc, m.end(), c1)
        if not names or first is None or not _gap_ok(doc.hw[m.end() : first.start]):
            continue
        toks = _listed_numbers(doc, first)
        years = _listed_years(doc, m.start("ys"), m.end("ys"))
        if years is None:
            years = [int(m.group("ys")[:4])] * len(names)
        elif len(names) == 1:  # "，2022年、2023年分别为53.4%、51.9%": one metric, several years
            names = names * len(years)
        if not len(toks) == len(names) == len(years):
            continue
        got = []
        for n, t, year in zip(names, toks, years, strict=True):
            if not _unit_ok(rules.specs[n.metric], t):
                break
            v = _make(doc, n.metric, t, year=year, target=False, scope=n.scope, ev_start=m.start())
            if v is None:
                break
            got.append(v)
        else:
            out.extend(got)
    return out


def _joined_level_lead(doc: _Doc, c0: int, hit_start: int) -> int | None:
    """The start of a level joined (、) to the level opening the anchor's clause, or None."""
    m = _rules().scope_re.search(doc.hw, c0, hit_start + 4)
    if m is None or doc.hw[c0 : m.start()].strip():
        return None
    return _joined_level_before(doc, m.start())


def _by_earlier_levels(
    doc: _Doc, hit: _Hit, family: list[str], first: NumberToken, ev_start: int
) -> tuple[list[MetricValue], tuple[MetricValue, NumberToken] | None]:
    """ "小学、初中生师比分别为14.5:1、12.1:1，编制使用率分别为98%、96%": a 分别 list naming
    no levels of its own pairs with the levels listed last before it in the sentence."""
    s0, _ = doc.sentence(hit.start)
    lists = list(_scope_list_re().finditer(doc.hw, s0, hit.start))
    if not lists:
        return [], None
    scopes = _list_scopes(doc, lists[-1].start(), lists[-1].end())
    toks = _listed_numbers(doc, first)
    if len(scopes) < 2 or len(scopes) != len(toks):
        return [], None
    listed = [(t, None, scope) for scope, t in zip(scopes, toks, strict=True)]
    return _emit_listed(doc, hit, family, listed, ev_start, by_scope=True, strict=True)


def _values_for_hit(doc: _Doc, hit: _Hit, chain: list[_Hit]) -> list[MetricValue]:
    if chain:
        listed = _respective_anchors(doc, chain, hit)
        if listed is not None:
            return listed
    codes, route_pos = _route(doc, hit)
    if not codes:
        return []
    found = _number_after_anchor(doc, hit)
    if found is None:  # 差异系数（小学0.42，初中0.33）
        items = _bracket_levels(doc, hit.end)
        if not items:
            return []
        year = _year_for(doc, items[0][1].start)
        target = _is_target(doc, hit.start, items[0][1], year, hit.end)
        return _bracket_values(
            doc, _family(codes), hit.end, year=year, target=target, ev_start=hit.start
        )[0]
    if hit.anchor.negate:  # 比上年下降2.3%: growth of -2.3
        if found.tok.kind != "percent" or found.earlier is not None:
            return []
        found = _Found(replace(found.tok, value=-found.tok.value), found.year, found.base)
    tok = found.tok
    ev_start = min(hit.start, route_pos) if route_pos is not None else hit.start
    both = _levels_sharing(doc, hit, codes, found)
    if both is not None:
        return both
    c0, _ = doc.clause(hit.start)
    if "分别" in doc.hw[hit.end : tok.start] or (
        "分别" in doc.hw[c0 : hit.start] and len(_listed_numbers(doc, tok)) > 1
    ):  # 毛入园率分别为… / 分别比上年增长3.2%、4.8%
        family = _family(codes)
        pairs, list_start = _respectively(doc, hit, tok)
        ev_start = min(ev_start, list_start)
        listed = [(t, None, scope) for scope, t in pairs]
        out, last = _emit_listed(doc, hit, family, listed, ev_start, by_scope=True, strict=False)
        # "在校学生和在园幼儿分别为…": a list of several subjects, not of years or levels
        joined = _rules().joined_re.search(doc.hw, c0, hit.start) is not None
        if not pairs and not joined:
            out, last = _by_listed_years(doc, hit, codes, tok, ev_start)
        if not pairs and not out and not joined:
            out, last = _by_earlier_levels(doc, hit, family, tok, ev_start)
        if last is not None:  # the sentence goes on: "，2023年进一步提高到94.18%"
            out += _follow_ups(doc, last[0], last[1], [last[0].metric], ev_start)
        return out
    scope = _detect_scope(doc, hit.start, hit.end, tok)
    c0, _ = doc.clause(hit.start)
    lead = _joined_level_lead(doc, c0, hit.start)
    if lead is not None:  # 全县小学、初中大班额比例为0: the evidence names both levels
        ev_start = min(ev_start, lead)
    chosen = _pick_code(doc, hit, codes, tok, scope)
    if chosen is None:  # 差异系数为0.35（小学0.39，初中0.30）: only the levels have a code
        if scope is not None or found.base or found.earlier is not None:
            return []
        year = found.year if found.year is not None else _year_for(doc, tok.start)
        target = not found.actual and _is_target(doc, hit.start, tok, year, hit.end)
        return _bracket_values(
            doc, _family(codes), tok.end, year=year, target=target, ev_start=ev_start
        )[0]
    if route_pos is not None and _blocked(doc, _rules().specs[chosen], route_pos, hit.start):
        return []  # the subject's own clause qualifies it (高中教师在编100人，年均工资...)
    if found.base:
        v = _make(doc, chosen, tok, year=found.year, target=False, scope=scope, ev_start=ev_start)
        return [v] if v is not None else []
    out = []
    if found.earlier is not None:
        v = _make(doc, chosen, found.earlier[0], year=found.earlier[1], target=False, scope=scope,
                  ev_start=ev_start)  # fmt: skip
        if v is not None:
            out.append(v)
    year = found.year if found.year is not None else _year_for(doc, tok.start)
    target = not found.actual and _is_target(doc, hit.start, tok, year, hit.end)
    first = _make(doc, chosen, tok, year=year, target=target, scope=scope, ev_start=ev_start)
    if first is None:
        why = _not_area_value(doc, ev_start)
        own = _own_restated(doc, chosen, tok) if why in ("other", "part", "rule") else None
        if own is not None:  # "全国…为89.7%，我县为93.1%" / "国家要求…达到80%，我县为85%"
            spec = _rules().specs[chosen]
            if why == "rule":
                year = _year_for(doc, own.start)
                target = _is_target(doc, own.start, own, year, own.start)
            if spec.in_range(own.value):
                evidence, at = _evidence(doc, ev_start, own.end)
                out.append(MetricValue(chosen, float(own.value), spec.unit, year, target,
                                       None, evidence, at))  # fmt: skip
        return out
    family = _family([chosen] + [c for c in codes if c != chosen])
    c0, _ = doc.clause(hit.start)
    if _rules().earlier_re.search(doc.hw, c0, hit.start):
        # "整改前...为38%": a state before, of no stated year; what follows may be the new one
        return [*out, *_follow_ups(doc, first, tok, family, ev_start)]
    return [*out, first, *_follow_ups(doc, first, tok, family, ev_start)]


def _drop_outranked(
    doc: _Doc, values: list[MetricValue], ranks: dict[int, int]
) -> list[MetricValue]:
    """In a sentence stating a metric by a more specific name (其中一般公共预算教育支出...),
    the same metric's figures for that year under less specific names (教育经费总投入) are not
    emitted. `ranks`: id(value) -> its anchor's rank, for the ranked ones."""
    if not ranks:
        return values
    best: dict[tuple, int] = {}
    for v in values:
        if id(v) in ranks and not v.is_target:
            key = (v.metric, v.year, doc.sentence(v.char_start))
            best[key] = max(best.get(key, 0), ranks[id(v)])
    return [
        v
        for v in values
        if v.is_target
        or ranks.get(id(v), 0) >= best.get((v.metric, v.year, doc.sentence(v.char_start)), 0)
    ]


def dedupe_values(values: list[MetricValue], report_year: int | None) -> list[MetricValue]:
    """Identical values once; a target restated (once with 到2025年, once without a year) once,
    keeping the statement that names its year."""
    seen: set[tuple] = set()
    undated: dict[tuple, int] = {}  # (metric, value, scope) -> index in out of a yearless target
    dated: set[tuple] = set()  # (metric, value, scope) of targets naming their year
    out: list[MetricValue] = []
    for v in values:
        key = v.identity()
        if key in seen:
            continue
        seen.add(key)
        if v.is_target:
            tkey = (v.metric, round(v.value, 6), v.scope)
            if v.year == report_year:  # no year of its own
                if tkey in dated or tkey in undated:
                    continue
                undated[tkey] = len(out)
            else:
                if tkey in undated and tkey not in dated:
                    out[undated[tkey]] = v  # the dated statement replaces the yearless one
                    dated.add(tkey)
                    continue
                dated.add(tkey)
        out.append(v)
    return out


# ---------------------------------------------------------------- flattened tables

_LINE_RE = re.compile(r"[^\n]+")
_HEAD_YEAR = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:年度?|年末|年底)?\s*"
    r"(?P<name>(?!目标|规划|计划|预期)[\u4e00-\u9fff]{2,16}?)?"  # 2024年综合差异系数
    r"[（(]?(?P<plan>目标值?|规划|计划|预期)?[）)]?"
    r"(?:值|数)?(?P<unit>[（(](?:单位\s*[:：]\s*)?(?:%|亿元|万元|元|所|人)[）)])?"
)
_DATA_CELL = re.compile(
    r"(?<![^\s|])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"  # 85,430
    r"|-?\d+(?:\.\d+)?\s*%?|\d+(?:\.\d+)?:\d+(?:\.\d+)?|[-—–/]+)"
    r"(?=[\s|]|$|[^\d.%:人所个元万亿年月日名项倍次])"
)
_HEAD_THEN_ROW = re.compile(
    r"(?P<h>(?:[^\n]*?[\s|])?(?:(?:19|20)\d\d\s*年度?[\s|]+)+(?:19|20)\d\d\s*年度?)(?=[^\s|\d年度])"
)
# a unit in brackets (（%）, (万元), （单位：所）), after 单位：, or as a cell of its own
_TABLE_UNIT = re.compile(
    r"(?:[（(]\s*(?:单位\s*[:：]?\s*)?|单位\s*[:：]\s*|(?<![^\s|]))"
    r"(?P<u>%|亿元|万元|元|所|人|个|项|名)(?=\s*[）)]|[\s|]|$)"
)
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(?P<u>%|万元|亿元|元|所|人)")
_PROSE = re.compile(r"[。，；,;！？]")
_MAX_TABLE_ROWS = 60


@dataclass(frozen=True)
class _Header:
    years: tuple[tuple[int, bool], ...]  # per year column: (year, is a plan column)
    extra: int  # columns after the year columns (增减, 备注)
    unit_col: bool  # a 单位 column before the years (its cell may be a dash: —)
    unit_text: str  # the header's non-year cells and a 单位 line before it
    std_col: bool = False  # a standard column before the years (指标 国家标准 2022年 2023年)


def _table_header(line: str, before: str) -> _Header | None:
    """A line of column heads naming two years or more (指标 2022年 2023年 / 项目 | 2021年 | ...)."""
    if len(line) > 120 or _PROSE.search(line):
        return None
    line = re.sub(r"((?:19|20)\d\d)\s+(?=年)", r"\1", line)  # 2022 年
    cells = [c for c in re.split(r"\s*\|\s*|\s+", line.strip()) if c]
    kinds = [_HEAD_YEAR.fullmatch(c) for c in cells]
    idx = [k for k, m in enumerate(kinds) if m]
    if len(idx) < 2 or idx != list(range(idx[0], idx[-1] + 1)):
        return None
    if any(_ROW_NUMBER.fullmatch(c) for c in cells):
        return None  # a row run on after the head (2022年小学校际综合差异系数 0.47 ...)
    years = tuple((int(kinds[k].group("y")), bool(kinds[k].group("plan"))) for k in idx)
    unit = _UNIT_LINE.search(before)
    unit_text = " ".join(cells[: idx[0]]) + (" " + unit.group(0) if unit else "")
    unit_text += "".join(kinds[k].group("unit") or "" for k in idx[:1])  # 2022年（万元）
    std_re = _row_words().standard
    std_col = any(std_re.search(c) for c in cells[1 : idx[0]])
    return _Header(years, len(cells) - idx[-1] - 1, "单位" in unit_text, unit_text, std_col)


_Row = tuple[int, int, list[re.Match[str]]]


def _table_rows(doc: _Doc, lo: int, hi: int) -> tuple[list[_Row], bool]:
    """(label start, label end, data cells) for each row in hw[lo:hi], rows run together on one
    line split where a label follows a number; and whether the table ends here (prose follows
    or the line has no row)."""
    rows: list[_Row] = []
    pos = lo
    for m in _DATA_CELL.finditer(doc.hw, lo, hi):
        between = doc.hw[pos : m.start()]
        if rows and not between.strip(" |\t"):
            rows[-1][2].append(m)
        else:
            if _PROSE.search(between):
                return rows, True
            rows.append((pos, m.start(), [m]))
        pos = m.end()
    return rows, not rows or bool(_PROSE.search(doc.hw[pos:hi]))


def _cell_token(cell: re.Match[str], spec: MetricSpec, unit_text: str) -> NumberToken | None:
    """The cell's number as a token of the metric's unit, or None (blank, wrong unit)."""
    raw = cell.group(0).replace(" ", "")
    if not re.search(r"\d", raw):
        return None  # — / - : no value
    if ":" in raw:
        a, b = raw.split(":")
        value = parse_ratio(a, b)
        return None if value is None else NumberToken(cell.start(), cell.end(), value, "ratio", ":")
    value = float(raw.rstrip("%").replace(",", ""))  # 85,430
    m = _TABLE_UNIT.search(unit_text)
    unit = "%" if raw.endswith("%") else m.group("u") if m else ""
    if unit == "%":
        return NumberToken(cell.start(), cell.end(), value, "percent", "%")
    scale = {"亿元": 1e8, "万元": 1e4, "元": 1.0}.get(unit)
    if scale is not None:
        return NumberToken(cell.start(), cell.end(), value * scale, "yuan", unit)
    if unit:
        return NumberToken(cell.start(), cell.end(), value, "count", unit)
    if spec.unit == "count":
        units = spec.extraction.get("count_units") or ["所", "人"]
        return NumberToken(cell.start(), cell.end(), value, "count", units[0])
    return NumberToken(cell.start(), cell.end(), value, "number", "")


def _table_values(doc: _Doc, hits: list[_Hit]) -> tuple[list[MetricValue], set[int]]:
    """Values of flattened tables: a head line naming years, then rows "名称（单位） X Y": each
    number is the row metric's value for its column's year. Also the indexes of the hits read."""
    out: list[MetricValue] = []
    used: set[int] = set()
    lines = [m.span() for m in _LINE_RE.finditer(doc.hw)]
    k = 0
    while k < len(lines):
        a, b = lines[k]
        before = doc.hw[lines[k - 1][0] : lines[k - 1][1]] if k else ""
        head = _table_header(doc.hw[a:b], before)
        k += 1
        body: list[tuple[int, int]] = []
        if head is None:
            # the head line run together with the first row: 指标 2022年 2023年小学综合差异系数 ...
            joined = _HEAD_THEN_ROW.match(doc.hw, a, b)
            head = _table_header(joined.group("h"), before) if joined else None
            if head is not None:
                body = [(joined.end("h"), b)]
        if head is None:
            columns = _year_rows_header(doc, hits, a, b)
            if columns is not None:
                k = _year_rows(doc, hits, lines, k, columns, out)
                continue
            level_head = _level_rows_header(doc, hits, a, b)
            if level_head is not None:
                k = _level_rows(doc, lines, k, level_head, out)
            continue
        caption = _table_caption(doc, hits, (a, b), lines[k - 2] if k > 1 else None)
        for _ in range(_MAX_TABLE_ROWS):
            if body:
                lo, hi = body.pop()
            elif k < len(lines):
                lo, hi = lines[k]
                if _table_header(doc.hw[lo:hi], "") is not None:
                    break  # the next table
                k += 1
            else:
                break
            rows, ended = _table_rows(doc, lo, hi)
            for r0, r1, cells in rows:
                out.extend(_table_row(doc, hits, used, head, r0, r1, cells, caption))
            if ended:
                break
    return out, used


_MAX_CAPTION = 60
_DECIMAL = re.compile(r"\d\.\d|\d\s*%|\d:\d")


def _table_caption(
    doc: _Doc, hits: list[_Hit], head: tuple[int, int], above: tuple[int, int] | None
) -> tuple[_Hit, str] | None:
    """The metric a table of level rows (小学 0.41 0.39) is about, and the text naming it: the
    last anchor in its head line before the years (差异系数 2021年 2022年), else in a short line
    right above the head holding no figures (表3 全县校际综合差异系数, 近三年大班额比例（%）)."""
    a, b = head
    first_year = re.search(r"(?:19|20)\d\d", doc.hw[a:b])
    spans = [(a, a + first_year.start() if first_year else b)]
    if first_year:
        spans.append((a + first_year.start(), b))  # 2024年综合差异系数 2025年综合差异系数
    if above is not None:
        line = doc.hw[above[0] : above[1]]
        if len(line) <= _MAX_CAPTION and not _PROSE.search(line) and not _DECIMAL.search(line):
            spans.append(above)
    for lo, hi in spans:
        i = bisect.bisect_left(doc.hit_starts, lo)
        found = None
        while i < len(hits) and hits[i].start < hi:
            if hits[i].end <= hi:
                found = hits[i]
            i += 1
        if found is not None:
            return found, doc.hw[lo:hi]
    return None


@cache
def _level_label_re() -> re.Pattern[str]:
    """A row label naming a level and nothing else (小学, 初中阶段, 小学（%）)."""
    return re.compile(
        r"[\s|]*(?P<lv>" + _rules().scope_re.pattern + r")(?:学校|阶段|学段)?\s*"
        r"(?:[（(][^（）()]{0,8}[）)])?[\s|]*"
    )


_CELL_RE = re.compile(r"[^\s|]+")
_RULE_LINE = re.compile(r"[\s|:]*[-—–]{3,}[\s|:\-—–]*")  # a Markdown table's rule line
_YEAR_ROW = re.compile(
    r"\s*\|?\s*(?P<y>(?:19|20)\d\d)\s*(?:年度?|年末|年底)?\s*[（(]?(?P<plan>目标值?|规划|计划|预期)?[）)]?"
    r"(?=[\s|])"
)


def _year_rows_header(
    doc: _Doc, hits: list[_Hit], a: int, b: int
) -> list[tuple[_Hit, int, int] | None] | None:
    """A head line of metric names over rows that start with a year (年份 毛入园率（%） 普惠率（%）):
    per data column, its anchor and its cell's span (for unit and level), or None when it names
    no metric."""
    line = doc.hw[a:b]
    if len(line) > 160 or _PROSE.search(line) or _DATA_CELL.search(line):
        return None
    cells = [(a + m.start(), a + m.end()) for m in _CELL_RE.finditer(line)]
    if len(cells) < 3:
        return None
    columns: list[tuple[_Hit, int, int] | None] = []
    for c0, c1 in cells[1:]:
        i = bisect.bisect_left(doc.hit_starts, c0)
        inside = []
        while i < len(hits) and hits[i].start < c1:
            if hits[i].end <= c1:
                inside.append(hits[i])
            i += 1
        columns.append((inside[0], c0, c1) if len(inside) == 1 else None)
    if sum(c is not None for c in columns) < 2:
        return None
    return columns


def _year_rows(
    doc: _Doc,
    hits: list[_Hit],
    lines: list[tuple[int, int]],
    k: int,
    columns: list[tuple[_Hit, int, int] | None],
    out: list[MetricValue],
) -> int:
    """Rows "2022年 93.1 85.2" under a head of metric names; returns the next line's index."""
    for _ in range(_MAX_TABLE_ROWS):
        if k >= len(lines):
            break
        lo, hi = lines[k]
        if _RULE_LINE.fullmatch(doc.hw, lo, hi):
            k += 1  # | --- | --- |
            continue
        m = _YEAR_ROW.match(doc.hw, lo, hi)
        if m is None:
            break
        cells = list(_DATA_CELL.finditer(doc.hw, m.end(), hi))
        if doc.hw[cells[-1].end() if cells else m.end() : hi].strip(" |\t") or len(cells) != len(
            columns
        ):
            break
        k += 1
        year = int(m.group("y"))
        later = doc.report_year is not None and year > doc.report_year
        ev = doc.text[lo:hi].strip(" |\t")
        at = lo + doc.text[lo:hi].index(ev)
        for col, cell in zip(columns, cells, strict=True):
            if col is None:
                continue
            hit, c0, c1 = col
            head_text = doc.hw[c0:c1]
            codes, _ = _route(doc, hit, cell=c0)
            scope = _last_scope(doc, c0, c1)
            scope = None if scope == _NONE_SCOPE else scope
            for code in codes:
                tok = _cell_token(cell, _rules().specs[code], head_text)
                if tok is None or _pick_code(doc, hit, [code], tok, scope) is None:
                    continue
                target = bool(m.group("plan")) or later
                v = _make(doc, code, tok, year=year, target=target, scope=scope, ev_start=lo)
                if v is not None:
                    out.append(replace(v, evidence=ev, char_start=at))
                break
    return k


@dataclass(frozen=True)
class _LevelHead:
    hit: _Hit  # the anchor naming the metric over the value column
    col: int  # the value column
    std: int  # the standard column
    ncells: int
    year: int | None  # a year the value column's head names (2021年综合差异系数)
    text: str  # the head line (units)


def _level_rows_header(doc: _Doc, hits: list[_Hit], a: int, b: int) -> _LevelHead | None:
    """A head line of one value column naming a metric and a standard column, over rows that
    name a level only (学段 综合差异系数 国家标准 是否达标 / 小学 0.389 ≤0.50 达标)."""
    line = doc.hw[a:b]
    if len(line) > 120 or _PROSE.search(line) or _DATA_CELL.search(line):
        return None
    cells = [(a + m.start(), a + m.end()) for m in _CELL_RE.finditer(line)]
    if len(cells) < 3:
        return None
    words = _row_words()
    col = std = None
    for k, (c0, c1) in enumerate(cells[1:], start=1):
        text = doc.hw[c0:c1]
        if words.standard.search(text) and not words.actual.search(text):
            if std is not None:
                return None
            std = k
            continue
        i = bisect.bisect_left(doc.hit_starts, c0)
        if i < len(hits) and hits[i].start < c1 and hits[i].end <= c1:
            if col is not None:
                return None  # two metric columns: not this table
            col = k
    if col is None or std is None:
        return None
    c0, c1 = cells[col]
    i = bisect.bisect_left(doc.hit_starts, c0)
    year = re.match(r"((?:19|20)\d\d)\s*年", doc.hw[c0:c1])
    return _LevelHead(hits[i], col, std, len(cells), int(year.group(1)) if year else None, line)


def _level_rows(
    doc: _Doc, lines: list[tuple[int, int]], k: int, head: _LevelHead, out: list[MetricValue]
) -> int:
    """Rows "小学 0.389 ≤0.50 达标" under a `_LevelHead`: the cell under the metric's head is
    the level's value for the head's year (else the report's); returns the next line's index."""
    year = head.year if head.year is not None else doc.report_year
    later = year is not None and doc.report_year is not None and year > doc.report_year
    for _ in range(_MAX_TABLE_ROWS):
        if k >= len(lines):
            break
        lo, hi = lines[k]
        if _RULE_LINE.fullmatch(doc.hw, lo, hi):
            k += 1  # | --- | --- |
            continue
        cells = list(_CELL_RE.finditer(doc.hw, lo, hi))
        level = _level_label_re().fullmatch(cells[0].group(0)) if cells else None
        if level is None or len(cells) > head.ncells or len(cells) < 2:
            break
        k += 1
        if len(cells) != head.ncells:
            continue  # a blank cell: the columns do not line up
        scope = _rules().scope_of[level.group("lv")]
        if scope == _NONE_SCOPE:
            continue
        cell = _DATA_CELL.fullmatch(doc.hw, *cells[head.col].span())
        if cell is None:
            continue
        codes, _ = _route(doc, head.hit, cell=head.hit.start)
        for code in codes:
            tok = _cell_token(cell, _rules().specs[code], head.text)
            if tok is None or _pick_code(doc, head.hit, [code], tok, scope, by_scope=True) is None:
                continue
            v = _make(doc, code, tok, year=year, target=later, scope=scope, ev_start=lo)
            if v is not None:
                ev = doc.text[lo:hi].strip(" |\t")
                out.append(replace(v, evidence=ev, char_start=lo + doc.text[lo:hi].index(ev)))
            break
    return k


def _table_row(
    doc: _Doc,
    hits: list[_Hit],
    used: set[int],
    head: _Header,
    r0: int,
    r1: int,
    cells: list[re.Match[str]],
    caption: tuple[_Hit, str] | None = None,
) -> list[MetricValue]:
    i = bisect.bisect_left(doc.hit_starts, r0)
    inside = []
    while i < len(hits) and hits[i].start < r1:
        if hits[i].end <= r1:
            inside.append(i)
            used.add(i)
        i += 1
    n = len(head.years)
    lead = int(head.unit_col) + int(head.std_col)
    if lead and len(cells) == n + head.extra + lead:
        cells = cells[lead:]  # 生师比 — ≤19:1 15.2:1 14.8:1: the unit and standard columns
    elif head.std_col and len(cells) == n + head.extra + 1:
        cells = cells[1:]  # 初中综合差异系数 0.45 0.36 0.33: the standard is not a year's value
    elif head.unit_col and len(cells) == n + head.extra + 1:
        cells = cells[1:]  # 生师比 — 15.2:1 14.8:1: the dash is the unit column
    if len(cells) not in (n, n + head.extra):
        return []
    label = doc.hw[r0:r1]
    by_scope = False
    if inside:
        # the longest anchor of the label first; another one when it gives nothing
        # (一般公共预算教育支出增长率（%）: 增长率, not the money)
        cands = sorted((hits[j] for j in inside), key=lambda h: h.start - h.end)
        unit_text = label + " " + head.unit_text
        scope = _last_scope(doc, r0, r1)
    else:  # 小学 0.41 0.39 0.36 under a caption naming the metric
        level = _level_label_re().fullmatch(label)
        if caption is None or level is None:
            return []
        cands = [caption[0]]
        unit_text = label + " " + head.unit_text + " " + caption[1]
        scope = _rules().scope_of[level.group("lv")]
        by_scope = scope != _NONE_SCOPE
    scope = None if scope == _NONE_SCOPE else scope
    cell0 = r0 + len(label) - len(label.lstrip(" |\t"))  # the label cell: the clause to route by
    above = doc.hw.rfind("\n", 0, max(0, r0 - 1)) + 1  # the row above: context for a generic
    for hit in cands:
        route_cell = cell0 if inside else None
        codes, _ = _route(doc, hit, cell=route_cell, context_from=above if inside else None)
        out = _table_row_values(doc, hit, codes, head, r0, cells, unit_text, scope, by_scope)
        if out:
            return out
    return []


def _table_row_values(
    doc: _Doc,
    hit: _Hit,
    codes: list[str],
    head: _Header,
    r0: int,
    cells: list[re.Match[str]],
    unit_text: str,
    scope: str | None,
    by_scope: bool,
) -> list[MetricValue]:
    """One row's values, a cell for each year of the head, under the first code that fits."""
    out = []
    for (year, plan), cell in zip(head.years, cells, strict=False):
        for code in codes:
            tok = _cell_token(cell, _rules().specs[code], unit_text)
            if tok is None or _pick_code(doc, hit, [code], tok, scope, by_scope=by_scope) is None:
                continue
            later = doc.report_year is not None and year > doc.report_year
            v = _make(doc, code, tok, year=year, target=plan or later, scope=scope, ev_start=r0)
            if v is not None:
                ev = doc.text[r0 : cells[-1].end()].strip(" |\t")
                at = r0 + doc.text[r0 : cells[-1].end()].index(ev)
                out.append(replace(v, evidence=ev, char_start=at))
            break
    return out


# "，较2022年的0.381和0.302分别下降": earlier figures of the values listed before, in order
_COMPARED_LIST = re.compile(r"\s*(?:、|和|与|及)\s*[\d.]+[^，,。；;]{0,12}?分别")
_COMPARED_LIST_AFTER_EACH = re.compile(r"\s*(?:、|和|与|及)\s*[\d.]")  # 分别比上年的P和Q
_COMPARED_HEAD = re.compile(
    r"[，,]\s*(?P<each>分别)?\s*(?:比|较|与)\s*"
    r"(?:(?P<y>(?:19|20)\d\d)\s*年度?|(?P<rel>上年|上一年|去年|前一年))"
    r"(?:同期)?\s*的?\s*"
)


def _compared_list(doc: _Doc, values: list[MetricValue]) -> list[MetricValue]:
    """ "A为X，B为Y，较2022年的P和Q分别下降" (or "，分别比上年的P和Q有所下降"): P is A's and Q is
    B's figure for that year."""
    out: list[MetricValue] = []
    for m in _COMPARED_HEAD.finditer(doc.hw):
        first = doc.token_at_or_after(m.end())
        listed = _COMPARED_LIST_AFTER_EACH if m.group("each") else _COMPARED_LIST
        if first is None or first.start != m.end() or not listed.match(doc.hw, first.end):
            continue
        toks = _listed_numbers(doc, first)
        s0, _ = doc.sentence(m.start())
        before = [v for v in values if s0 <= v.char_start < m.start() and not v.is_target][
            -len(toks) :
        ]
        if len(before) != len(toks) or len({v.metric for v in before}) != len(toks):
            continue
        rel = m.group("rel")
        for v, t in zip(before, toks, strict=True):
            year = int(m.group("y")) if m.group("y") else _rel_year(v.year, rel) if rel else None
            if not _unit_ok(_rules().specs[v.metric], t) or year is None:
                continue
            got = _make(doc, v.metric, t, year=year, target=False, scope=v.scope,
                        ev_start=m.start() + 1)  # fmt: skip
            if got is not None:
                out.append(got)
    return out


@cache
def _back_ref_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = _cues()
    return re.compile(_alt(cues["back_references"])), re.compile(
        _alt(cues["money_back_references"])
    )


def _back_references(doc: _Doc, values: list[MetricValue]) -> list[MetricValue]:
    """ "2021年该项经费为27.82亿元" / "；计划…将该比例降至5%以下": the metric of the value stated
    last before the back-reference, in its sentence or the one before, again."""
    rules = _rules()
    starts = [v.char_start for v in values]
    out: list[MetricValue] = []
    for money, pat in zip((False, True), _back_ref_res(), strict=True):
        for m in pat.finditer(doc.hw):
            i = bisect.bisect_left(starts, m.start()) - 1
            if i < 0:
                continue
            prev = values[i]
            s0, _ = doc.sentence(m.start())
            p0, _ = doc.sentence(max(0, s0 - 1)) if s0 > 0 else (s0, s0)
            if prev.char_start < p0 or "\n" in doc.hw[prev.char_start : m.start()]:
                continue  # not the sentence before, or another paragraph
            spec = rules.specs[prev.metric]
            if money != (spec.unit == "yuan"):
                continue
            _, c1 = doc.clause(m.start())
            tok = _next_token(doc, m.end(), c1)
            if tok is None or not _unit_ok(spec, tok) or any(s == m.start() for s in starts):
                continue
            if not _gap_ok(doc.hw[m.end() : tok.start]):
                continue
            year = _year_for(doc, tok.start)
            target = _is_target(doc, m.start(), tok, year, m.end())
            v = _make(doc, prev.metric, tok, year=year, target=target, scope=prev.scope,
                      ev_start=m.start())  # fmt: skip
            if v is not None:
                out.append(v)
    return out


def extract_metrics(text: str, report_year: int | None) -> list[MetricValue]:
    """Every catalog metric value stated in `text` (rectification_* codes excluded)."""
    if not text:
        return []
    doc = _prepare(text, report_year)
    hits = _find_anchors(doc)
    doc.hits = hits
    doc.hit_starts = [h.start for h in hits]
    chain: list[_Hit] = []  # the anchors listed right before this one (A、B和C)
    prev: _Hit | None = None
    ranks: dict[int, int] = {}  # id(value) -> rank of its anchor, when ranked
    values, consumed = _table_values(doc, hits)  # and the hits read by shared values
    for i, hit in enumerate(hits):
        if i in consumed:
            prev = hit
            continue
        if prev is not None and _LIST_SEP.fullmatch(doc.hw, prev.end, hit.start):
            chain = [*chain, prev]
        else:
            chain = []
        shared = _shared_value(doc, hits, i)
        if shared is not None:
            got, used = shared
            consumed.update(range(i, i + used))
        else:
            got = _values_for_hit(doc, hit, chain)
        if got or _not_area_value(doc, hit.start) is not None:
            # (a figure not the area's, 第一中学近视率…, bounds the scope words as well)
            doc.anchor_ends.append(hit.end)
            if hit.anchor.rank:
                ranks.update((id(v), hit.anchor.rank) for v in got)
        values.extend(got)
        prev = hit
    values = _drop_outranked(doc, values, ranks)
    values.sort(key=lambda v: v.char_start)
    values.extend(_back_references(doc, values))
    values.extend(_compared_list(doc, values))
    values.sort(key=lambda v: v.char_start)
    values.extend(_year_respectively(doc, values))
    values.sort(key=lambda v: v.char_start)
    out = dedupe_values(values, report_year)
    out.sort(key=lambda v: v.char_start)
    log.debug("extracted %d metric values from %d chars", len(out), len(text))
    return out
