"""Metric rules compiled from the catalog, the prepared document and its anchors.

The catalog (data/metrics.yaml) and the shared cue words (data/metric_cues.yaml) compiled once
into regexes (_rules); a text prepared for matching (_prepare: sentences, segments, clauses,
headings and plan sections, one-cell-per-line tables joined); every anchor found in it
(_find_anchors). Rules 1 and 2 (the rules of ../shared/contract/METRICS.md, numbered as in the
overview of reportflow.metrics):

1. The text is cut into sentences (。！？ newline, not a line broken after ，/、), segments (；)
   and clauses (，、); a table
   written one cell per line (a label head 指标 line, column heads on lines of their own, rows of
   a label line and as many cell lines; one column head only when it names the values, 数值,
   the standard or a year, over two rows or more; or a level head 学段 line, column heads,
   then rows of a level line and as many cell lines) has each of its rows joined into one line;
   so has a row of | cells a reader broke inside a cell (its tail closing with | on the lines
   after it).
2. Every catalog anchor (a metric's synonyms, regex patterns, and generic words that are routed
   to a metric by context) is found; overlapping anchors keep the leftmost-longest one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportflow.catalog import MetricSpec, data_yaml, load_catalog
from reportflow.numbers import NumberToken, halfwidth, scan_numbers

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
    "institution_kinds",
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


_SENT_RE = re.compile(r"[。！？!?]|(?<![，,、])\n")  # not a line broken after a comma
_SEG_RE = re.compile(r"[。！？!?；;]|(?<![，,、])\n")
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
# line without them and without punctuation is rank 0 (it governs every marked heading after it);
# a title holds at least one hanzi (a line of dots "……", a page number "- 4 -": no heading)
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
_HANZI = re.compile(r"[\u4e00-\u9fff]")


def _heading(line: str) -> tuple[int, str] | None:
    """(rank, title) when the line is a heading, else None."""
    for rank, mark in _HEADING_MARKS:
        m = mark.match(line)
        if m:
            end = _TITLE_END.search(line, m.end())
            title = line[m.end() : end.start() if end else len(line)]
            ok = 0 < len(title.strip()) <= _MAX_TITLE and _HANZI.search(title)
            return (rank, title) if ok else None
    bare = line.strip()
    if _ANNEX.match(bare):
        return 0, ""  # 附表：2021年主要指标 ends every section
    if 0 < len(bare) <= _MAX_BARE_HEADING and not _PUNCT.search(bare) and _HANZI.search(bare):
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


def _value_head(line: str) -> bool:
    """The one column head of a two-column table written one cell per line: a head naming the
    area's values or the standard (数值, 我县现状, 国家标准) or a year (2023年), not a verdict
    or another column (是否达标, 备注)."""
    if _HEAD_YEAR.fullmatch(line):
        return True
    words = _row_words()
    return bool(words.actual.search(line) or words.standard.search(line))


def _replace_at(hw: str, positions: list[int], char: str) -> str:
    """`hw` with the character at each of `positions` (line breaks) replaced by `char`: the
    length, hence every offset, is kept."""
    if not positions:
        return hw
    chars = list(hw)
    for at in positions:
        chars[at] = char
    return "".join(chars)


def _line_spans(hw: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Each line's (start, end) in `hw` and its stripped text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in hw.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans, [hw[a:b].strip() for a, b in spans]


def _join_cell_lines(hw: str) -> str:
    """A table written one cell per line (指标名称 / 国家标准 / 我县现状 / 是否达标, then
    毛入园率 / ≥85% / 91.3% / 达标 ...: a label head line, two column heads or more, then rows of
    as many lines, a label and cells; or 指标 / 数值 then two rows or more of a label line and one
    value line): the line breaks inside its head and each row become tabs,
    so that it reads as a flattened table. The text keeps its length (offsets are unchanged)."""
    label_re = _row_words().label
    cell_re = _cell_line_res()[1]
    spans, lines = _line_spans(hw)
    joins: list[int] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        level_rows = _level_cell_rows(lines, k)
        if level_rows is not None:  # 学段 / 班级数 / 大班额比例 / 小学 / 1826 / 2.2% ...
            h, rows = level_rows
            for start in (k, *rows):
                joins.extend(spans[start + j][1] for j in range(h - 1))
            k = rows[-1] + h
            continue
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
        # one column head (指标 / 数值): only a head naming the values (数值, 我县, 2023年) or the
        # standard, over two rows or more
        single = h == 2 and _value_head(lines[k + 1])
        rows: list[int] = []
        r = k + h
        while (h >= 3 or single) and r + h <= len(lines):
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
        if not rows or (h == 2 and len(rows) < 2):
            k += 1
            continue
        for start in (k, *rows):
            joins.extend(spans[start + j][1] for j in range(h - 1))
        k = r
    return _replace_at(hw, joins, "\t")


@cache
def _level_line_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A level table's label head (学段), and a row label naming a level (小学, 初中阶段) or the
    whole area (合计)."""
    cues = _cues()
    head = re.compile(_alt(cues["table_level_heads"]))
    levels = {w for scope, ws in cues["scopes"].items() if scope != "none" for w in ws}
    label = re.compile(
        r"(?:" + _alt(levels) + r")(?:学校|阶段|学段)?|" + _alt(cues["table_total_rows"])
    )
    return head, label


def _level_cell_rows(lines: list[str], k: int) -> tuple[int, list[int]] | None:
    """A level table written one cell per line at lines[k]: a label head (学段), column heads on
    lines of their own (short, no figure, no level), then rows of a level line and as many cell
    lines (two rows or more under one column head). Returns (lines per row, row starts)."""
    head_re, label_re = _level_line_res()
    if not head_re.fullmatch(lines[k]):
        return None
    cell_re = _cell_line_res()[1]
    h = 1
    while k + h < len(lines) and h < _MAX_COLUMNS:
        line = lines[k + h]
        if (
            not 0 < len(line) <= _MAX_CELL_LINE
            or _DIGIT.search(line)
            or _PROSE.search(line)
            or label_re.fullmatch(line)
        ):
            break
        h += 1
    rows: list[int] = []
    r = k + h
    while h >= 2 and r + h <= len(lines):
        cells = lines[r + 1 : r + h]
        if not label_re.fullmatch(lines[r]) or not all(cell_re.fullmatch(c) for c in cells):
            break
        if not any(_DIGIT.search(c) for c in cells):
            break
        rows.append(r)
        r += h
    if not rows or (h == 2 and len(rows) < 2):
        return None
    return h, rows


_MAX_ROW_TAIL_LINES = 3  # lines a row of | cells broken by a reader may run on over


def _join_broken_rows(hw: str) -> str:
    """A row of cells split by | that a reader broke inside a cell (a line opening with | and
    not closing with one, then lines that do not open with |, the last closing with |): its
    line breaks become blanks, so that it reads as one row and one paragraph. The text keeps
    its length (offsets are unchanged)."""
    if "|" not in hw:
        return hw
    spans, lines = _line_spans(hw)
    joins: list[int] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if not line.startswith("|") or line.endswith("|"):
            continue
        for j in range(k, min(k + _MAX_ROW_TAIL_LINES, len(lines))):
            tail = lines[j]
            if not tail or tail.startswith("|"):
                break
            if tail.endswith("|"):
                joins.extend(spans[i][1] for i in range(k - 1, j))
                k = j + 1
                break
    return _replace_at(hw, joins, " ")


def _prepare(text: str, report_year: int | None) -> _Doc:
    rules = _rules()
    hw = halfwidth(text)  # also 二〇二二年 -> 2022年, one character for one
    hw = _join_cell_lines(hw)  # tables written one cell per line read as rows
    hw = _join_broken_rows(hw)  # rows of | cells broken inside a cell read as one line
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


def _head_year_re() -> re.Pattern[str]:
    """A column head naming a year: 2023年, 2025年目标 / 2025年（规划） (plan: its cells are
    targets), 2020年（基期） / 2021年基准值 (base: measured, as a bare year), 2024年综合差异系数
    (name: the metric the column gives), 2022年（万元） (unit)."""
    cues = _cues()
    plan, base = _alt(cues["table_plan_heads"]), _alt(cues["table_base_heads"])
    return re.compile(
        r"(?P<y>(?:19|20)\d\d)\s*(?:年度?|年末|年底)?\s*"
        r"(?P<name>(?!" + plan + "|" + base + r")[\u4e00-\u9fff]{2,16}?)?"
        r"[（(]?(?:(?P<plan>" + plan + r")|(?P<base>" + base + r"))?[）)]?"
        r"(?:值|数)?(?P<unit>[（(](?:单位\s*[:：]\s*)?(?:%|亿元|万元|元|所|人)[）)])?"
    )


_HEAD_YEAR = _head_year_re()
_PROSE = re.compile(r"[。，；,;！？]")
