"""Tables flattened into text, and the sentence rules that read a list of earlier figures.

Tables with year columns, standard rows, year rows and level rows; compared lists ("比上年的P和Q")
and back-references ("该比例"), which need only the per-value rules. Rule 8 (the rules of
../shared/contract/METRICS.md, numbered as in the overview of reportflow.metrics):

8. Flattened tables: a line of column heads naming two years or more, then rows "名称（单位）
   X Y" (cells split by spaces or |, rows possibly run together on one line): each number is the
   row metric's value for its column's year (a 目标 column or a later year is a target); the
   unit comes from the row label, a 单位 column or line, or the cell itself. Each column's year
   is its own head's: 2020年（基期） / 2021年基准值 a measured year, 2025年目标 / 2025年（规划）
   a target (table_base_heads, table_plan_heads). A row of as many cells as the head (| or tab
   delimited, else split at blanks) is read cell by cell: a number is its column's value, a
   bound-marked one (≥90, ≤0.40) a plan or later column's target, any other cell (只增不减,
   每年下降…) and the text columns (属性, 进度评价) nothing. A head line of
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
   the year its head names, else the report's; never the standard. The same holds when the
   other columns are counts (学段 学校数 在校生 生师比 / 小学 268 103587 16.7:1), and for each of
   several metric columns (学段 编制数 实有 编制使用率 生师比: each its own metric, the counts
   ignored), and for one metric column under a level head (学段 生师比 / 小学 13.5:1); a column of the row's own year (学段 年度 … 综合差异系数 / 小学 2023年 … 0.486:
   table_year_heads) dates the row's values; a row naming the whole area (合计, 全县:
   table_total_rows) gives the values without a scope, a row naming neither (中等职业教育) is
   passed over. A head naming a level per column (指标 | 小学 | 初中) or per pair of columns
   (小学均值 小学差异系数 …, 小学标准 小学实际 …, or a level spanning two columns named on the
   line under it) over rows naming a metric (综合差异系数 | — | 0.41 | — | 0.36): each level's
   cell under its value column (its only one not a standard's or a plan's, else the one naming
   the metric, else the one naming the area's value; a dash gives nothing) is the row metric's
   value for that level, of the year the head cell, the caption or the lead-in paragraph names
   (one year), else the report's. Cells may use thousands
   separators (85,430); Markdown rule lines are skipped; a row's generic label is routed by its
   own cell, with the row above as context (比上年增长（%） under 教育支出（万元）), and a
   growth column of a year-row table describes the row's own year. A table written one cell per
   line (a label head 指标/项目 line, two column heads or more on lines of their own: years,
   国家标准, 我县现状, 是否达标 ...; then rows of as many lines, a label and cells; or one column
   head naming the values, the standard or a year, 指标 / 数值, over two rows or more of a label
   line and one value line) reads the same way: its row lines are joined (in the matching view
   only; evidence keeps the line breaks).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from reportflow.catalog import MetricSpec
from reportflow.metrics.clauses import (
    _gap_ok,
    _is_target,
    _last_scope,
    _listed_numbers,
    _make,
    _next_token,
    _pick_code,
    _rel_year,
    _route,
    _unit_ok,
    _year_for,
)
from reportflow.metrics.rules import (
    _DIGIT,
    _HEAD_YEAR,
    _LINE_SPAN,
    _NONE_SCOPE,
    _PROSE,
    _alt,
    _cues,
    _Doc,
    _Hit,
    _level_line_res,
    _row_words,
    _rules,
)
from reportflow.models import MetricValue
from reportflow.numbers import NumberToken, parse_ratio

# ---------------------------------------------------------------- flattened tables

_ROW_CELL = re.compile(r"[^\s|]+")
_ROW_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?|\d+(?:\.\d+)?:\d+(?:\.\d+)?")
_MAX_HEAD_LOOKBACK = 30  # lines between a table's head and a row


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
_MAX_TABLE_ROWS = 60


@dataclass(frozen=True)
class _Header:
    years: tuple[tuple[int, bool], ...]  # per year column: (year, is a plan column)
    extra: int  # columns after the year columns (增减, 备注)
    unit_col: bool  # a 单位 column before the years (its cell may be a dash: —)
    unit_text: str  # the header's non-year cells and a 单位 line before it
    std_col: bool = False  # a standard column before the years (指标 国家标准 2022年 2023年)
    # per cell of the head line, (year, plan) of a year column, else None: its rows of as many
    # cells are read cell by cell (a cell that is no number gives none)
    columns: tuple[tuple[int, bool] | None, ...] | None = None


def _split_cells(line: str) -> list[tuple[int, int]]:
    """The cells of a line delimited by | or tabs, else by blanks (a table the reader flattened),
    as (start, end) in `line`, blanks stripped (an empty cell between two | or tabs is kept)."""
    sep = "|" if "|" in line else "\t" if "\t" in line else None
    if sep is None:
        return [m.span() for m in _ROW_CELL.finditer(line)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in line.split(sep):
        inner = part.strip()
        a = pos + (part.find(inner) if inner else 0)
        spans.append((a, a + len(inner)))
        pos += len(part) + 1
    if spans and spans[0][0] == spans[0][1]:
        spans.pop(0)  # before a leading | (or tab)
    if spans and spans[-1][0] == spans[-1][1]:
        spans.pop()  # after a trailing |
    return spans


def _head_columns(
    line: str, years: tuple[tuple[int, bool], ...]
) -> tuple[tuple[int, bool] | None, ...] | None:
    """Per cell of a head line, (year, plan) of a year column, else None; None when its year cells
    are not the head's years."""
    line = re.sub(r"((?:19|20)\d\d)[ \u3000]+(?=年)", r"\1", line)  # 2022 年
    spans = _split_cells(line)
    cols: list[tuple[int, bool] | None] = []
    for a, b in spans:
        m = _HEAD_YEAR.fullmatch(line[a:b])
        cols.append((int(m.group("y")), bool(m.group("plan"))) if m else None)
    if tuple(c for c in cols if c is not None) != years:
        return None
    return tuple(cols)


def _table_header(line: str, before: str, whole: bool = True) -> _Header | None:
    """A line of column heads naming two years or more (指标 2022年 2023年 / 项目 | 2021年 | ...);
    `whole`: the line is the whole head line, whose cells its rows line up with."""
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
    columns = _head_columns(line, years) if whole else None
    return _Header(
        years, len(cells) - idx[-1] - 1, "单位" in unit_text, unit_text, std_col, columns
    )


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
    lines = [m.span() for m in _LINE_SPAN.finditer(doc.hw)]
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
            head = _table_header(joined.group("h"), before, False) if joined else None
            if head is not None:
                body = [(joined.end("h"), b)]
        if head is None:
            level_cols = _level_columns_header(doc, hits, lines, k - 1)
            if level_cols is not None:
                n = len(out)
                after = _level_column_rows(doc, hits, used, lines, level_cols, out)
                if len(out) > n:
                    k = after
                    continue
            columns = _year_rows_header(doc, hits, a, b)
            if columns is not None:
                n = len(out)
                after = _year_rows(doc, hits, lines, k, columns, out)
                if len(out) > n:
                    k = after
                    continue
                # no year rows: metric columns over level rows (学段 … 编制使用率 生师比)
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
            aligned = _aligned_row(doc, head, lo, hi)
            if aligned is not None:
                r0, r1, cols = aligned
                out.extend(_table_row(doc, hits, used, head, r0, r1, [], caption, cols))
                continue
            rows, ended = _table_rows(doc, lo, hi)
            for r0, r1, cells in rows:
                out.extend(_table_row(doc, hits, used, head, r0, r1, cells, caption))
            if ended:
                break
    return out, used


# a cell of a year column, read cell by cell: (year, plan column, its number, bound-marked)
_Column = tuple[int, bool, re.Match[str], bool]
_CELL_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\s*%?|\d+(?:\.\d+)?:\d+(?:\.\d+)?")


def _aligned_row(
    doc: _Doc, head: _Header, lo: int, hi: int
) -> tuple[int, int, list[_Column]] | None:
    """A row with as many cells as its head's: (label start, label end, the
    numbers of its year columns). A plain number is the column's value; a bound-marked one (≥90,
    ≤0.40) the column's when the column is a plan's (a target); any other cell (只增不减, 每年下降
    …, a blank, a dash) gives none. None when the line is not such a row."""
    if head.columns is None:
        return None
    spans = _split_cells(doc.hw[lo:hi])
    if len(spans) != len(head.columns) or len(spans) < 2:
        return None
    a0, b0 = spans[0]
    label = doc.hw[lo + a0 : lo + b0]
    if not label or _PROSE.search(label) or _DATA_CELL.fullmatch(label):
        return None
    mark_re = _row_words().mark
    cols: list[_Column] = []
    for col, (a, b) in zip(head.columns, spans, strict=True):
        if col is None or a == b:
            continue
        a, b = lo + a, lo + b
        cell = _DATA_CELL.fullmatch(doc.hw, a, b)
        bound = False
        if cell is None:
            mark = mark_re.match(doc.hw, a, b)
            cell = _CELL_NUMBER.fullmatch(doc.hw, mark.end(), b) if mark else None
            bound = True
        if cell is not None:
            cols.append((col[0], col[1], cell, bound))
    return lo, lo + spans[1][0], cols


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
        inside = _cell_hits(doc, hits, lo, hi)
        if inside:
            return hits[inside[-1]], doc.hw[lo:hi]
    return None


@cache
def _level_label_re() -> re.Pattern[str]:
    """A row label naming a level and nothing else (小学, 初中阶段, 小学（%）)."""
    return re.compile(
        r"[\s|]*(?P<lv>" + _rules().scope_re.pattern + r")(?:学校|阶段|学段)?\s*"
        r"(?:[（(][^（）()]{0,8}[）)])?[\s|]*"
    )


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
    cells = [(a + m.start(), a + m.end()) for m in _ROW_CELL.finditer(line)]
    if len(cells) < 3:
        return None
    columns: list[tuple[_Hit, int, int] | None] = []
    for c0, c1 in cells[1:]:
        inside = _cell_hits(doc, hits, c0, c1)
        columns.append((hits[inside[0]], c0, c1) if len(inside) == 1 else None)
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
        ev, at = _row_evidence(doc, lo, hi)
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
    # per value column: the anchor naming its metric, its index, the year its head names
    # (2021年综合差异系数) or None
    cols: tuple[tuple[_Hit, int, int | None], ...]
    std: int | None  # the standard column (None: the other columns are counts, 学校数 在校生)
    ncells: int
    text: str  # the head line (units)
    year_col: int | None = None  # a column of each row's own year (学段 年度 … / 小学 2023年 …)


_ROW_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*(?:年度?)?")


@cache
def _year_head_re() -> re.Pattern[str]:
    return re.compile(_alt(_cues()["table_year_heads"]))


def _level_rows_header(doc: _Doc, hits: list[_Hit], a: int, b: int) -> _LevelHead | None:
    """A head line of value columns naming a metric each, and a standard column or columns of
    counts, over rows that name a level only (学段 综合差异系数 国家标准 是否达标 / 小学 0.389
    ≤0.50 达标; 学段 学校数 在校生 生师比 / 小学 268 103587 16.7:1; 学段 编制数 编制使用率 生师比 /
    小学 1020 96.1% 15.2:1), and maybe a column of the row's year (学段 年度 … 综合差异系数)."""
    line = doc.hw[a:b]
    if len(line) > 120 or _PROSE.search(line) or _DATA_CELL.search(line):
        return None
    cells = [(a + m.start(), a + m.end()) for m in _ROW_CELL.finditer(line)]
    if len(cells) < 3 and not (
        len(cells) == 2 and _level_line_res()[0].fullmatch(doc.hw, *cells[0])
    ):  # (学段 生师比: one metric column under a level head)
        return None
    words = _row_words()
    std = year_col = None
    cols: list[tuple[_Hit, int, int | None]] = []
    for k, (c0, c1) in enumerate(cells[1:], start=1):
        text = doc.hw[c0:c1]
        if words.standard.search(text) and not words.actual.search(text):
            if std is not None:
                return None
            std = k
            continue
        if _year_head_re().fullmatch(text):
            if year_col is not None:
                return None
            year_col = k
            continue
        i = bisect.bisect_left(doc.hit_starts, c0)
        if i < len(hits) and hits[i].start < c1 and hits[i].end <= c1:
            year = re.match(r"((?:19|20)\d\d)\s*年", text)
            cols.append((hits[i], k, int(year.group(1)) if year else None))
    if not cols:
        return None
    return _LevelHead(tuple(cols), std, len(cells), line, year_col)


@cache
def _total_row_re() -> re.Pattern[str]:
    """A row label naming the whole area (合计, 全县): its value has no level."""
    return re.compile(r"[\s|]*(?:" + _alt(_cues()["table_total_rows"]) + r")[\s|]*")


def _level_rows(
    doc: _Doc, lines: list[tuple[int, int]], k: int, head: _LevelHead, out: list[MetricValue]
) -> int:
    """Rows "小学 0.389 ≤0.50 达标" under a `_LevelHead`: the cell under each metric's head is
    the level's value for the row's year (its year cell), else the head's, else the report's; a
    total row's (合计, 全县) the area's, when the table has a level row (a lone 全县 row under
    metric names is no level table); a row naming something else (中等职业教育) is passed over;
    returns the next line's index."""
    got: list[MetricValue] = []
    levels = False
    for _ in range(_MAX_TABLE_ROWS):
        if k >= len(lines):
            break
        lo, hi = lines[k]
        if _RULE_LINE.fullmatch(doc.hw, lo, hi):
            k += 1  # | --- | --- |
            continue
        cells = list(_ROW_CELL.finditer(doc.hw, lo, hi))
        label = cells[0].group(0) if cells else ""
        level = _level_label_re().fullmatch(label)
        total = _total_row_re().fullmatch(label) is not None
        if len(cells) > head.ncells or len(cells) < 2:
            break
        if level is None and not total:
            if (
                len(cells) == head.ncells
                and not _DIGIT.search(label)
                and not _PROSE.search(doc.hw, lo, hi)
                and any(_DATA_CELL.fullmatch(doc.hw, *cells[c].span()) for _, c, _ in head.cols)
            ):
                k += 1  # 中等职业教育 3 7829 402 19.5:1: a row of the table, not a level
                continue
            break
        k += 1
        if len(cells) != head.ncells:
            continue  # a blank cell: the columns do not line up
        scope = None if total else _rules().scope_of[level.group("lv")]
        if scope == _NONE_SCOPE:
            continue
        levels = levels or not total
        row_year = None
        if head.year_col is not None:
            m = _ROW_YEAR.fullmatch(cells[head.year_col].group(0))
            if m is None:
                continue  # no year of its own: the row's values are of no known year
            row_year = int(m.group("y"))
        ev, at = _row_evidence(doc, lo, hi)
        for hit, col, head_year in head.cols:
            year = row_year or head_year or doc.report_year
            later = year is not None and doc.report_year is not None and year > doc.report_year
            cell = _DATA_CELL.fullmatch(doc.hw, *cells[col].span())
            if cell is None:
                continue
            codes, _ = _route(doc, hit, cell=hit.start)
            for code in codes:
                tok = _cell_token(cell, _rules().specs[code], head.text)
                by_scope = scope is not None
                picked = (
                    _pick_code(doc, hit, [code], tok, scope, by_scope=by_scope) if tok else None
                )
                if picked is None:
                    continue
                v = _make(doc, code, tok, year=year, target=later, scope=scope, ev_start=lo)
                if v is not None:
                    got.append(replace(v, evidence=ev, char_start=at))
                break
    if levels:
        out.extend(got)
    return k


@dataclass(frozen=True)
class _LevelColumn:
    index: int  # the cell's index in the head
    span: tuple[int, int]  # the head cell (and the cell of the line under it naming it)
    codes: frozenset[str]  # the metrics its head names (小学差异系数)
    actual: bool  # its head names the area's value (小学实际, 我县)
    year: int | None  # the year its head names (2023年小学)


@dataclass(frozen=True)
class _LevelColumns:
    levels: dict[str, tuple[_LevelColumn, ...]]  # per level, its value columns
    ncells: int
    head_hits: tuple[int, ...]  # the anchors of the head's cells (indexes into the hits)
    first_row: int  # the index of the line after the head
    year: int | None  # the year its caption or lead-in names


def _row_evidence(doc: _Doc, lo: int, hi: int) -> tuple[str, int]:
    """A table row's text without its outer | and blanks, and its offset."""
    ev = doc.text[lo:hi].strip(" |\t")
    return ev, lo + doc.text[lo:hi].index(ev)


def _cell_hits(doc: _Doc, hits: list[_Hit], lo: int, hi: int) -> list[int]:
    """The indexes of the anchors inside hw[lo:hi]."""
    i = bisect.bisect_left(doc.hit_starts, lo)
    inside = []
    while i < len(hits) and hits[i].start < hi:
        if hits[i].end <= hi:
            inside.append(i)
        i += 1
    return inside


_LEVEL_HEAD_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年度?\s*")


def _level_columns_header(
    doc: _Doc, hits: list[_Hit], lines: list[tuple[int, int]], k: int
) -> _LevelColumns | None:
    """A head line naming a level in each value column (指标 | 小学 | 初中; 指标 | 小学均值 |
    小学差异系数 | 初中均值 | 初中差异系数; 指标 | 小学标准 | 小学实际 | …), or a level spanning
    columns named on the line under it (| 指标 | 小学 | | 初中 | | over | | 国家标准 | 我县 | …):
    per level its value columns (not a standard's or a plan's), for rows naming a metric."""
    head_at = k
    a, b = lines[k]
    line = doc.hw[a:b]
    if len(line) > 160 or _PROSE.search(line) or _DATA_CELL.search(line):
        return None
    spans = _split_cells(line)
    if len(spans) < 3:
        return None
    rules, words = _rules(), _row_words()
    level_re = re.compile(r"(?:" + rules.scope_re.pattern + r")")
    plan_re = _plan_head_re()
    levels: list[tuple[str, int] | None] = [None]  # per cell: (level, end of its word)
    bare = False  # a column named by its level only (spanning, or repeated): named below
    for c0, c1 in spans[1:]:
        year = _LEVEL_HEAD_YEAR.match(line, c0, c1)
        m = level_re.match(line, year.end() if year else c0, c1)
        if c0 == c1 and levels[-1] is not None and "|" in line:
            levels.append(levels[-1])  # the level's head spans this column
            bare = True
            continue
        lv = rules.scope_of.get(m.group(0)) if m else None
        if lv is None or lv == _NONE_SCOPE:
            levels.append(None)
            continue
        if m.end() == c1 and any(x is not None and x[0] == lv for x in levels):
            bare = True
        levels.append((lv, m.end()))
    if len({x[0] for x in levels if x is not None}) < 2 or levels[0] is not None:
        return None
    if _level_label_re().fullmatch(line, a + spans[0][0], a + spans[0][1]):
        return None  # a level in the label column: level rows, not level columns
    k += 1
    under: list[tuple[int, int]] | None = None
    if bare:
        while k < len(lines) and _RULE_LINE.fullmatch(doc.hw, *lines[k]):
            k += 1
        if k >= len(lines):
            return None
        u0, u1 = lines[k]
        sub = doc.hw[u0:u1]
        sub_spans = _split_cells(sub)
        if _PROSE.search(sub) or _DATA_CELL.search(sub) or len(sub_spans) != len(spans):
            return None
        under = [(u0 + s0, u0 + s1) for s0, s1 in sub_spans]
        k += 1
    by_level: dict[str, list[_LevelColumn]] = {}
    head_hits: list[int] = []
    for idx, ((c0, c1), lv) in enumerate(zip(spans, levels, strict=True)):
        if lv is None:
            continue
        c0, c1 = a + c0, a + c1
        parts = [(max(c0, a + lv[1]), c1)]
        if under is not None:
            parts.append(under[idx])
        text = " ".join(doc.hw[p0:p1] for p0, p1 in parts)
        if plan_re.search(text) or (words.standard.search(text) and not words.actual.search(text)):
            continue
        cells = [(c0, c1)] if under is None else [(c0, c1), under[idx]]
        inside = [j for p0, p1 in cells for j in _cell_hits(doc, hits, p0, p1)]
        head_hits.extend(inside)
        codes = frozenset(c for j in inside for c in hits[j].anchor.codes)
        year = _LEVEL_HEAD_YEAR.match(doc.hw, c0, c1)
        by_level.setdefault(lv[0], []).append(
            _LevelColumn(
                idx,
                (c0, c1),
                codes,
                bool(words.actual.search(text)),
                int(year.group("y")) if year else None,
            )
        )
    if len(by_level) < 2:
        return None
    levels_cols = {lv: tuple(cols) for lv, cols in by_level.items()}
    year = _lead_in_year(doc, lines, head_at)
    return _LevelColumns(levels_cols, len(spans), tuple(head_hits), k, year)


_LEAD_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年(?!以来|起|前|后)")


def _lead_in_year(doc: _Doc, lines: list[tuple[int, int]], k: int) -> int | None:
    """The year a table without year columns describes: the one year its caption names (表1 …
    （2023年）, a short line right above the head), else the one year named by the paragraph
    leading into it (依据2023年度统计数据测算，…如下：); None when the line names none or several,
    or a year after the report's."""
    for j in range(k - 1, max(-1, k - 3), -1):
        lo, hi = lines[j]
        line = doc.hw[lo:hi]
        years = {int(m.group("y")) for m in _LEAD_YEAR.finditer(line)}
        caption = len(line) <= _MAX_CAPTION and not _PROSE.search(line)
        if len(years) == 1:
            (year,) = years
            return year if doc.report_year is None or year <= doc.report_year else None
        if not caption or years:
            return None
    return None


@cache
def _plan_head_re() -> re.Pattern[str]:
    return re.compile(_alt(_cues()["table_plan_heads"]))


def _level_column(cols: tuple[_LevelColumn, ...], code: str) -> _LevelColumn | None:
    """The level's value column for `code`: its only one, else the one naming the metric, else
    the one naming the area's value (实际, 我县); None when that is not one column."""
    if len(cols) == 1:
        return cols[0]
    for pick in ([c for c in cols if code in c.codes], [c for c in cols if c.actual]):
        if len(pick) == 1:
            return pick[0]
        if pick:
            return None
    return None


def _level_column_rows(
    doc: _Doc,
    hits: list[_Hit],
    used: set[int],
    lines: list[tuple[int, int]],
    head: _LevelColumns,
    out: list[MetricValue],
) -> int:
    """Rows "综合差异系数 | — | 0.41 | — | 0.36" under a `_LevelColumns` head: the row's metric
    for each level, its cell under the level's value column (a dash, a bound-marked standard or
    a blank gives none); returns the next line's index."""
    k = head.first_row
    got_any = False
    for _ in range(_MAX_TABLE_ROWS):
        if k >= len(lines):
            break
        lo, hi = lines[k]
        if _RULE_LINE.fullmatch(doc.hw, lo, hi):
            k += 1
            continue
        if _PROSE.search(doc.hw, lo, hi):
            break
        spans = [(lo + s0, lo + s1) for s0, s1 in _split_cells(doc.hw[lo:hi])]
        if len(spans) != head.ncells:
            break
        k += 1
        inside = _cell_hits(doc, hits, *spans[0])
        ev, at = _row_evidence(doc, lo, hi)
        for j in sorted(inside, key=lambda j: hits[j].start - hits[j].end):
            hit = hits[j]
            codes, _ = _route(doc, hit, cell=spans[0][0])
            got: list[MetricValue] = []
            for scope, cols in head.levels.items():
                for code in codes:
                    col = _level_column(cols, code)
                    cell = _DATA_CELL.fullmatch(doc.hw, *spans[col.index]) if col else None
                    if col is None or cell is None:
                        continue
                    unit_text = doc.hw[spans[0][0] : spans[0][1]] + " " + doc.hw[slice(*col.span)]
                    tok = _cell_token(cell, _rules().specs[code], unit_text)
                    if (
                        tok is None
                        or _pick_code(doc, hit, [code], tok, scope, by_scope=True) is None
                    ):
                        continue
                    year = col.year or head.year or doc.report_year
                    later = (
                        year is not None and doc.report_year is not None and year > doc.report_year
                    )
                    v = _make(doc, code, tok, year=year, target=later, scope=scope, ev_start=lo)
                    if v is not None:
                        got.append(replace(v, evidence=ev, char_start=at))
                    break
            if got:
                used.add(j)
                out.extend(got)
                got_any = True
                break
    if got_any:
        used.update(head.head_hits)
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
    aligned: list[_Column] | None = None,
) -> list[MetricValue]:
    """One row's values: `cells` (its numbers) lined up with the head's years, or `aligned`
    (a row read cell by cell)."""
    inside = _cell_hits(doc, hits, r0, r1)
    used.update(inside)
    if aligned is None:
        n = len(head.years)
        lead = int(head.unit_col) + int(head.std_col)
        if lead and len(cells) == n + head.extra + lead:
            cells = cells[lead:]  # 生师比 — ≤19:1 15.2:1 14.8:1: the unit and standard columns
        elif head.std_col and len(cells) == n + head.extra + 1:
            cells = cells[1:]  # 初中综合差异系数 0.45 0.36 0.33: the standard is not a year's
        elif head.unit_col and len(cells) == n + head.extra + 1:
            cells = cells[1:]  # 生师比 — 15.2:1 14.8:1: the dash is the unit column
        if len(cells) not in (n, n + head.extra):
            return []
        end = cells[-1].end()
        aligned = [(y, plan, c, False) for (y, plan), c in zip(head.years, cells, strict=False)]
    elif not aligned:
        return []
    else:
        end = aligned[-1][2].end()
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
        out = _table_row_values(doc, hit, codes, aligned, r0, end, unit_text, scope, by_scope)
        if out:
            return out
    return []


def _table_row_values(
    doc: _Doc,
    hit: _Hit,
    codes: list[str],
    aligned: list[_Column],
    r0: int,
    end: int,
    unit_text: str,
    scope: str | None,
    by_scope: bool,
) -> list[MetricValue]:
    """One row's values, a cell for each year of the head, under the first code that fits; a
    bound-marked cell only as a target (a plan column's or a later year's)."""
    out = []
    ev, at = _row_evidence(doc, r0, end)
    for year, plan, cell, bound in aligned:
        later = doc.report_year is not None and year > doc.report_year
        if bound and not (plan or later):
            continue
        for code in codes:
            tok = _cell_token(cell, _rules().specs[code], unit_text)
            if tok is None or _pick_code(doc, hit, [code], tok, scope, by_scope=by_scope) is None:
                continue
            v = _make(doc, code, tok, year=year, target=plan or later, scope=scope, ev_start=r0)
            if v is not None:
                out.append(replace(v, evidence=ev, char_start=at))
            break
    return out


# "，较2022年的0.381和0.302分别下降" / "，且与2021年评估时的0.421和0.332相比明显缩小" /
# "，较2023年的0.402、0.329进一步缩小": earlier figures of the values listed before, in order
# (the count and unit checks of _compared_values guard it; prose.py blocks a follow-up on the
# first figure)
_COMPARED_LIST = re.compile(r"\s*(?:、|和|与|及)\s*[\d.]")


@cache
def _compared_head() -> re.Pattern[str]:
    """ "，分别比上年的" / "，较2022年的" / "，且与2021年省级评估时的" (a few hanzi before 的)."""
    cues = _cues()
    return re.compile(
        r"[，,]\s*(?:(?:" + _alt(cues["compared_leads"]) + r")\s*)?(?P<each>分别)?\s*"
        r"(?:" + _alt(cues["compared_words"]) + r")\s*"
        r"(?:(?P<y>(?:19|20)\d\d)\s*年度?|(?P<rel>上年|上一年|去年|前一年))"
        r"(?:同期)?\s*(?:[\u4e00-\u9fff]{1,8}?的|的)?\s*"
    )


def _compared_values(values: list[MetricValue], n: int) -> list[MetricValue]:
    """The values the `n` figures compare to: the last run of `values` of one unit, when it is
    exactly `n` long and names `n` metrics; else none."""
    specs = _rules().specs
    run: list[MetricValue] = []
    for v in reversed(values):
        if run and specs[v.metric].unit != specs[run[0].metric].unit:
            break
        run.insert(0, v)
    if len(run) != n or len({v.metric for v in run}) != n:
        return []
    return run


def _compared_list(doc: _Doc, values: list[MetricValue]) -> list[MetricValue]:
    """ "A为X，B为Y，较2022年的P和Q分别下降" (or "，分别比上年的P和Q有所下降", "，且与2021年评估时
    的P和Q相比明显缩小"): P is A's and Q is B's figure for that year, when the figures are as many
    as the values of one unit before them in the sentence and each has its value's unit."""
    out: list[MetricValue] = []
    specs = _rules().specs
    for m in _compared_head().finditer(doc.hw):
        first = doc.token_at_or_after(m.end())
        if first is None or first.start != m.end() or not _COMPARED_LIST.match(doc.hw, first.end):
            continue
        toks = _listed_numbers(doc, first)
        s0, _ = doc.sentence(m.start())
        before = [v for v in values if s0 <= v.char_start < m.start() and not v.is_target]
        before = _compared_values(before, len(toks))
        if not before or not all(
            _unit_ok(specs[v.metric], t) for v, t in zip(before, toks, strict=True)
        ):
            continue
        rel = m.group("rel")
        for v, t in zip(before, toks, strict=True):
            year = int(m.group("y")) if m.group("y") else _rel_year(v.year, rel) if rel else None
            if year is None:
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
