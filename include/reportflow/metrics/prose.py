"""The sentence engine: values stated in running text.

The number after an anchor, follow-ups, respectively / listed values, the values of one anchor
hit (_values_for_hit), extract_metrics itself and dedupe_values. Rules 3, 5 and 7 (the rules of
../shared/contract/METRICS.md, numbered as in the overview of reportflow.metrics):

3. The number taken is the first one after the anchor in the same clause, provided only
   connectives (为, 达到, 仅, 共计, 将压减到不超过 ...), years, scope words and whole (asides)
   stand between them (at most 40 characters), and its unit is the metric's (percent needs %,
   counts 所/人, money 元, salaries and coefficients may be bare). A comparison word in between
   (超过, 低于, 提高 ...) means a threshold or a change: no value; so does a figure right before
   的(国家/省定)(控制/硬性)要求/标准/规定 (…不超过5%的控制要求: a rule quoted), and any figure in
   quotes before ”的国家目标/省定目标 (a goal set above the county; its own 目标 is a target). "由X提高到Y" gives Y (and X
   when its year is named, also with no number after the change: 由2020年的X提高到目前水平; a
   year with its season, end or month, 2022年秋季学期的 / 2022年底的 / 2023年9月的, is one year word; "小学、初中…分别由P、Q下降至X、Y" gives X, Y to the levels); "比2021年的X" gives X for 2021 ("A为X，B为Y，(分别)较上年的P和Q(分别)下降": P, Q for A, B); "较上年下降1.2个百分点，为49.3%"
   gives the value after the change. A percent anchor directly followed by 为0 / 为零 (clause
   ends) gives 0 without a % sign. Falling words (下降, 减少 ...) negate a growth rate, as does
   a minus sign (增长-2.3%); a change in 个百分点 is never a rate.
5. Follow-ups in the same sentence: "，比前一年X" / "，2020年为X" (also after ；) / "，力争达到X" /
   "，整改后提高到X" / "，次年秋季降至X" / "，截至2024年10月已下降到X" restate the same metric
   (year before / named / target / now / the year after the value's; a change word no metric
   takes in between is passed, and money to a month is not the annual figure); "，中学为X" after a per-level value gives that level
   (also past one remark without figures: "，尚未达标；初中为X");
   "为96.0%（小学97.5%，初中94.2%）" gives each level (the level picks the code of a family:
   差异系数（小学0.41，初中0.36） is primary_ and junior_difference_coefficient);
   "小学、初中校际综合差异系数均为X" gives X to each level's code ("小学、初中大班额比例均为0" to
   each level as the scope of a scoped metric); "A、B分别为X、Y" and "小学、初中...分别为X、Y"
   pair names or levels with numbers ("小学和初中…分别为X和Y" too; levels after the metric's
   name: "差异系数小学、初中分别控制在X、Y以内"); with no such names, years
   listed before the numbers ("2020年至2022年" / "2021年、2022年、2023年" / "2021-2023年")
   pair with them (also listed after the metric's name: 毛入园率2021年、2022年分别为X、Y; as many
   numbers as years, else nothing; "，初中分别为P、Q" then gives another level the same
   years), bare numbers before the last taking its unit (16.32、17.21、17.85亿元), and the
   sentence goes on after the list; else the levels
   listed last before it in the sentence (小学、初中生师比分别为…，编制使用率分别为…). "；2023年
   分别为X、Y" restates the metrics of the segment before in order (or one metric for listed
   years; "2023年初中、小学分别为" the metrics of those levels). After a value, a change clause
   (，同比增长4.3%) may be passed over to a restatement for another year (，2024年为X).
   "A与B持平，均为X" gives X to both. "A不低于B，2024年(两者)分别为X和Y" (or after a sentence
   naming A and B): a 分别 list naming nothing goes, in order, to the anchors of the clause
   right before it that gave no number (as many numbers as anchors). "教师…为X，高于(同口径)
   公务员的Y": a comparison naming the subject of another metric of the family, 的 right before
   the number, gives that metric's Y for the same year (高于公务员0.2万元, a difference, and
   高于省定标准的Y, a standard, give nothing). A later clause of the
   segment, or the first clause of the next sentence (。计划到2025年力争达到52%), with a plan
   cue and a reach verb (力争到2025年达到50%) is a target of the same metric when no other
   anchor or number of its unit (a rule's figure aside: 未达到50%的要求) stands in between.
   scope: the level named in the anchor or before its number, else in its clause, else earlier
   in the sentence but not before the anchor of a value already taken; two levels named
   together (小学、初中大班额比例为0.5%) mean no scope, the evidence naming both (with 均: one
   value per level).
7. Values outside the catalog's range (or under a metric's plausible minimum) are dropped;
   identical values are emitted once, a target restated with and without its year once (the
   dated one). Evidence is the verbatim clause(s), with its offset. A metric's more specific
   name (一般公共预算教育支出, catalog `preferred`) is not blocked by 其中 and replaces the
   same-year figures under less specific names (教育经费总投入) in its sentence. Money for part
   of a year (1-10月, 上半年, 截至9月底) is not the annual budget.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from reportflow.metrics.clauses import (
    _LIST_SEP,
    _MAX_CONTEXT,
    _MAX_EVIDENCE,
    _MAX_GAP,
    _blocked,
    _chain_head,
    _detect_scope,
    _evidence,
    _explicit_year,
    _family,
    _gap_ok,
    _is_target,
    _joined_level_before,
    _listed_numbers,
    _make,
    _next_token,
    _not_area_value,
    _other_subject,
    _own_restated,
    _pick_code,
    _rel_year,
    _route,
    _rule_object,
    _unit_ok,
    _year_for,
)
from reportflow.metrics.rules import (
    _NONE_SCOPE,
    _TO_YEAR,
    _alt,
    _cues,
    _Doc,
    _find_anchors,
    _Hit,
    _prepare,
    _rules,
)
from reportflow.metrics.tables import (
    _COMPARED_LIST,
    _back_references,
    _compared_list,
    _standard_row,
    _table_values,
)
from reportflow.models import MetricValue
from reportflow.numbers import NumberToken

log = logging.getLogger(__name__)


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


@cache
def _owner_compared_re() -> re.Pattern[str]:
    return re.compile(
        r"\s*[，,]\s*(?:" + _alt(_cues()["owner_comparison_words"]) + r")\s*"
        r"(?P<q>[^\d，,。；;%]{0,12}?)的\s*(?=\d)"
    )


def _follow_owner(
    doc: _Doc, prev: MetricValue, tok: NumberToken, s1: int, family: list[str], ev_start: int
) -> tuple[MetricValue, NumberToken] | None:
    """ "教师…为10.35万元，高于同口径公务员的10.28万元": a comparison naming the subject of
    another metric of the family (its route subject) gives that metric's value, same year."""
    rules = _rules()
    m = _owner_compared_re().match(doc.hw, tok.end, s1)
    if not m:
        return None
    nxt = doc.token_at_or_after(m.end())
    if nxt is None or nxt.start != m.end():
        return None
    for code in family:
        subject = (rules.specs[code].extraction.get("route") or {}).get("subject")
        if code == prev.metric or not subject:
            continue
        owner = rules.words(subject).search(doc.hw, m.start("q"), m.end("q"))
        if owner is not None and _unit_ok(rules.specs[code], nxt):
            if _other_subject(doc, doc.hw[m.start("q") : owner.start()]):
                return None  # 低于全省教师的…: another area's
            v = _make(doc, code, nxt, year=prev.year, target=prev.is_target, scope=None,
                      ev_start=owner.start())  # fmt: skip
            return (v, nxt) if v is not None else None
    return None


def _follow_scoped(
    doc: _Doc, prev: MetricValue, tok: NumberToken, s1: int, family: list[str], ev_start: int
) -> tuple[MetricValue, NumberToken] | None:
    """ "差异系数小学为0.45，中学为0.38": the next level of the same family."""
    rules = _rules()
    m = rules.follow_scope_re.match(doc.hw, tok.end, s1)
    if m:
        word, end = m.group("scope"), m.end()
    else:  # "…为0.528，尚未达到优质均衡标准；初中为0.417": past one remark without figures
        skip = _REMARK.match(doc.hw, tok.end, s1)
        w = rules.scope_re.match(doc.hw, skip.end(), s1) if skip is not None else None
        if w is None:
            return None
        word, end = w.group(0), w.end()
    scope = rules.scope_of[word]
    _, c1 = doc.clause(end)
    nxt = _next_token(doc, end, c1)
    if nxt is None or not _gap_ok(doc.hw[end : nxt.start]):
        return None
    code = _level_code(family, scope, nxt)
    if code is None:
        return None
    v = _make(doc, code, nxt, year=prev.year, target=prev.is_target, scope=scope,
              ev_start=ev_start)  # fmt: skip
    return (v, nxt) if v is not None else None


# a remark of one clause without figures right after a value, up to the next clause mark
_REMARK = re.compile(r"(?:以上|左右|以下)?\s*[，,]\s*[^，,。；;、\d%（()）\n]{2,20}[，,；;]\s*")


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
        found = (
            _follow_restated(doc, prev, cur, s1, ev_start)
            or _follow_scoped(doc, prev, cur, s1, family, ev_start)
            or _follow_owner(doc, prev, cur, s1, family, ev_start)
        )
        if found is None:
            # "9.86亿元，同比增长4.3%，2024年为10.21亿元": past the change clause (its own
            # anchor reads it) the same metric may go on for another year
            # (also past a share of a total: "X亿元，占…支出的21.3%，较2022年的Y亿元")
            skipped = _change_clause_end(doc, cur, s1) or _share_clause_end(doc, cur, s1)
            if skipped is not None:
                found = _follow_restated(doc, prev, skipped, s1, ev_start)
        if found is None:
            break
        prev, cur = found
        out.append(prev)
    target = _follow_target(doc, prev, cur, ev_start)
    return [*out, target] if target is not None else out


_OPEN_BRACKET = re.compile(r"[（(]")


@cache
def _share_head() -> re.Pattern[str]:
    return re.compile(r"\s*[，,]\s*(?:" + _alt(_cues()["share_clause_heads"]) + ")")


def _share_clause_end(doc: _Doc, tok: NumberToken, s1: int) -> NumberToken | None:
    """The one percent of the clause right after `tok` when that clause states only its share
    of a total (，占一般公共预算支出的21.3%) and names no metric, else None."""
    m = _share_head().match(doc.hw, tok.end, s1)
    if m is None:
        return None
    _, c1 = doc.clause(m.end())
    i = bisect.bisect_left(doc.token_starts, m.end())
    found = [t for t in doc.tokens[i:] if t.start < c1] if i < len(doc.tokens) else []
    if len(found) != 1 or found[0].kind != "percent":
        return None
    h = bisect.bisect_left(doc.hit_starts, m.end())
    if h < len(doc.hits) and doc.hits[h].start < c1:
        return None
    return found[0]


def _change_clause_end(doc: _Doc, tok: NumberToken, s1: int) -> NumberToken | None:
    """The last number of the clause right after `tok` when that clause only states a change
    from the year before (，同比增长4.3% / ，比上年增长5%), else None."""
    m = re.compile(r"\s*[，,]").match(doc.hw, tok.end, s1)
    if m is None or not _chain_head().match(doc.hw, m.end()):
        return None
    _, c1 = doc.clause(m.end())
    # "，比上年增长4.7%（上年为X亿元）": the aside after the change is not the change's
    bracket = _OPEN_BRACKET.search(doc.hw, m.end(), c1)
    c1 = bracket.start() if bracket else c1
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
    (or the first clause of the next sentence: "。计划到2025年力争达到52%") with a plan cue and
    a reach verb right before a number of the metric's unit is a target for the same metric,
    when no other anchor and no other such number (a rule's figure aside) stand in between."""
    rules = _rules()
    spec = rules.specs[prev.metric]
    _, g1 = doc.segment(tok.start)
    limit, next_s0 = g1, None
    if doc.hw.startswith("。", g1) and g1 + 1 < len(doc.hw) and doc.hw[g1 + 1] != "\n":
        # "…仍未达到50%的要求。计划到2024年底力争达到52%以上": the next sentence's first clause
        next_s0 = g1 + 1
        limit = doc.clause(next_s0)[1]
    i = bisect.bisect_left(doc.token_starts, tok.end)
    nxt = None
    while i < len(doc.tokens) and doc.tokens[i].start < limit:
        t = doc.tokens[i]
        if t.kind != "year" and t.kind in (tok.kind, "percent", "yuan", "ratio", "number"):
            if _rule_object(doc, t):  # 未达到50%的要求: a rule quoted, passed
                i += 1
                continue
            nxt = t if _unit_ok(spec, t) else None
            break
        i += 1
    if nxt is None or nxt.start - tok.end > _MAX_CONTEXT // 4:
        return None
    if nxt.start > g1 and doc.clause(nxt.start)[0] != next_s0:
        return None  # the next sentence's plan opens it
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
    ev = ev_start if nxt.end - ev_start <= _MAX_EVIDENCE and nxt.start < g1 else c0
    return _make(doc, prev.metric, nxt, year=year, target=True, scope=prev.scope, ev_start=ev)


@dataclass(frozen=True)
class _Found:
    tok: NumberToken
    year: int | None = None  # the year when the wording fixes it (a comparison base, 由...到)
    base: bool = False  # the number is a comparison base (比2021年的0.486): never a target
    earlier: tuple[NumberToken, int] | None = None  # "由2020年的38%": an earlier value and year
    actual: bool = False  # the actual value of a row that also gives the standard: not a target


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
    levels, after = _levels_after(doc, hit, doc.sentence(hit.start)[1])
    if levels:  # 差异系数小学、初中分别控制在…: the clause goes on past the levels' 、
        _, c1 = doc.clause(after)
    years_after = _YEARS_RESPECTIVE.match(doc.hw, hit.end)
    if years_after:  # 毛入园率2021年、2022年分别为…: past the years' 、 (see _by_listed_years)
        _, c1 = doc.clause(years_after.end())
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
    m = rules.from_to_re.fullmatch(doc.hw, hit.end, tok.start)
    if m and tok.kind == "date":  # 由2022年9月的43.6%: the month is part of the year word
        past = _past_dates(doc, tok, c1)
        if past is None:
            return None
        m = rules.from_to_re.fullmatch(doc.hw, hit.end, past.start)
        if not m:
            return None
        tok = past
    if m and _gap_ok(m.group("pre")):
        t = rules.to_mark_re.match(doc.hw, tok.end)
        listed = _listed_numbers(doc, tok) if not t and "分别" in m.group("pre") else []
        if len(listed) > 1:  # "分别由P、Q下降至X、Y": the new values are listed after the change
            t = rules.to_mark_re.match(doc.hw, listed[-1].end)
            if t:
                _, c1 = doc.clause(t.end())
        if not t:
            return None
        z = rules.bare_zero_re.match(doc.hw, t.end())
        if z and tok.kind == "percent":  # 由3.2%降至0
            tok2 = NumberToken(z.start("z"), z.end("z"), 0.0, "percent", "", raw="0")
            year = _year_for(doc, hit.start)
            from_year = _explicit_year(doc, m.start("mid"), tok.start)
            return _Found(tok2, year, earlier=(tok, from_year) if from_year is not None else None)
        tok2 = _past_dates(doc, _next_token(doc, t.end(), c1), c1)
        from_year = _explicit_year(doc, m.start("mid"), tok.start)
        if tok2 is None and from_year is not None and len(listed) <= 1:
            return _Found(tok, from_year, base=True)  # 由2020年的93.5%提高到目前水平
        if tok2 is None or not _gap_ok(doc.hw[t.end() : tok2.start]):
            return None
        year = _explicit_year(doc, t.end(), tok2.start) or _year_for(doc, hit.start)
        earlier = (tok, from_year) if from_year is not None else None
        return _Found(tok2, year, earlier=earlier)
    if _gap_ok(gap):
        return _Found(tok)
    if levels and after <= tok.start and _gap_ok(doc.hw[after : tok.start]):
        return _Found(tok)  # 差异系数小学、初中分别控制在0.28、0.24以内 (see _respectively)
    m = rules.compare_gap_re.fullmatch(gap)
    if m:  # 差异系数比2021年的0.486有明显缩小
        if m.group("y"):
            return _Found(tok, int(m.group("y")), base=True)
        return _Found(tok, _rel_year(_year_for(doc, hit.start), m.group("rel")), base=True)
    return None


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
# years listed right after an anchor, before its 分别 (毛入园率2021年、2022年分别为)
_YEARS_RESPECTIVE = re.compile(
    rf"\s*{_Y}\s*学?年度?(?:\s*(?:[、和与及]|以及)\s*{_Y}\s*学?年度?)+\s*(?:均|的)?\s*分别"
)


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


def _past_dates(doc: _Doc, tok: NumberToken | None, clause_end: int) -> NumberToken | None:
    """The first token from `tok` on that is not a date (2023年9月的50.8%: the month dates it)."""
    while tok is not None and tok.kind == "date":
        tok = _next_token(doc, tok.end, clause_end)
    return tok


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
    if len(scopes) < 2:
        scopes = _levels_after(doc, hit, first.start)[0] or scopes
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
    tail = rules.regex(r"(?:" + rules.scope_re.pattern + r")(?:学校|阶段|学段)?的?$")
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


def _levels_after(doc: _Doc, hit: _Hit, end: int) -> tuple[list[str], int]:
    """The levels listed right after the anchor, before its 分别 ("差异系数小学、初中分别控制在"),
    in their order ([] when there are none), and where the list with its 分别 ends."""
    rules = _rules()
    level = r"(?:" + rules.scope_re.pattern + r")(?:学校|阶段|学段)?"
    listed = rules.regex(
        r"\s*(?P<l>" + level + r"(?:\s*(?:[、和与及]|以及)\s*" + level + r")+)\s*(?:均|的)?\s*分别"
    )
    m = listed.match(doc.hw, hit.end, end)
    if m is None:
        return [], hit.end
    return [rules.scope_of[w.group(0)] for w in rules.scope_re.finditer(m.group("l"))], m.end()


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
    if any(c is None for c in picked):
        return None
    # a code of the level (primary_difference_coefficient) takes no scope; a scoped metric
    # (大班额比例, 编制使用率) takes one value per level, the level as its scope
    own = [(specs[c].extraction.get("route") or {}).get("scope") == sc
           for c, sc in zip(picked, scopes, strict=True)]  # fmt: skip
    year = found.year if found.year is not None else _year_for(doc, tok.start)
    target = not found.actual and _is_target(doc, hit.start, tok, year, hit.end)
    out = []
    for code, sc, by_code in zip(picked, scopes, own, strict=True):
        scope = None if by_code else sc
        v = _make(doc, code, tok, year=year, target=target, scope=scope, ev_start=list_start)
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
def _level_respective_re() -> re.Pattern[str]:
    return re.compile(
        r"\s*[，,]\s*(?P<lv>" + _rules().scope_re.pattern + r")(?:学校|阶段|学段)?\s*(?:则|也)?\s*"
        r"分别(?:为|是|达到|达)?\s*"
    )


def _level_for_listed_years(
    doc: _Doc, family: list[str], listed: list[MetricValue], last: NumberToken
) -> tuple[list[MetricValue], tuple[MetricValue, NumberToken] | None]:
    """ "2021年、2022年小学…分别为X、Y，初中分别为P、Q": the next clause names another level of
    the family and lists as many numbers as the years just listed; they are that level's for
    the same years. Also the last value with its number (None: no such clause)."""
    m = _level_respective_re().match(doc.hw, last.end)
    if m is None or not listed:
        return [], None
    scope = _rules().scope_of[m.group("lv")]
    first = _next_token(doc, m.end(), doc.clause(m.end())[1])
    if first is None or first.start != m.end():
        return [], None
    toks = _listed_numbers(doc, first)
    if len(toks) != len(listed) or scope == _NONE_SCOPE:
        return [], None
    out: list[MetricValue] = []
    for prev, t in zip(listed, toks, strict=True):
        code = _level_code(family, scope, t)
        if code is None or code == prev.metric and scope == prev.scope:
            return [], None
        v = _make(doc, code, t, year=prev.year, target=prev.is_target, scope=scope,
                  ev_start=m.start("lv"))  # fmt: skip
        if v is None:
            return [], None
        out.append(v)
    return out, (out[-1], toks[-1])


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
        out.extend(
            _all_or_nothing(
                _make(doc, n.metric, t, year=year, target=False, scope=n.scope, ev_start=m.start())
                if _unit_ok(rules.specs[n.metric], t)
                else None
                for n, t, year in zip(names, toks, years, strict=True)
            )
        )
    return out


def _all_or_nothing(values: Iterable[MetricValue | None]) -> list[MetricValue]:
    """The values of a list read as one (分别 lists): all of them, or none when one is None."""
    got: list[MetricValue] = []
    for v in values:
        if v is None:
            return []
        got.append(v)
    return got


@cache
def _unnamed_respective_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<=[；;，,。])\s*(?P<ys>{_Y}\s*学?年度?)?\s*(?:全[县区市旗])?\s*(?:则|均)?\s*"
        r"(?:" + _alt(_cues()["restating_fillers"]) + r")?\s*(?:则|均)?\s*"
        r"分别(?:为|是|达到|达)?"
    )


_CLAUSE_STOP = re.compile(r"[，,；;。！？!?\n]")


def _unnamed_respectively(doc: _Doc) -> list[MetricValue]:
    """ "A不低于当地B，2024年(两者)分别为X和Y" / "…A和B。两者分别为X、Y": a 分别 list naming
    nothing goes, in order, to the anchors of the clause right before it (its sentence's, or
    the last of the sentence before) when they gave no number: as many numbers as anchors,
    each of its metric's unit, else nothing."""
    out: list[MetricValue] = []
    for m in _unnamed_respective_re().finditer(doc.hw):
        p = m.start() - 1
        while p > 0 and doc.hw[p].isspace():
            p -= 1
        lo = max((k.end() for k in _CLAUSE_STOP.finditer(doc.hw, max(0, p - _MAX_CONTEXT), p)),
                 default=max(0, p - _MAX_CONTEXT))  # fmt: skip
        i = bisect.bisect_left(doc.hit_starts, lo)
        hits: list[_Hit] = []
        while i < len(doc.hits) and doc.hits[i].end <= p:
            hits.append(doc.hits[i])
            i += 1
        first = doc.token_at_or_after(lo)
        if len(hits) < 2 or first is None or first.start < m.end():
            continue  # (a number between the anchors and the list: they gave theirs)
        if first.start >= doc.clause(m.end())[1] or not _gap_ok(doc.hw[m.end() : first.start]):
            continue
        toks = _listed_numbers(doc, first)
        if len(toks) != len(hits):
            continue
        year = int(m.group("ys")[:4]) if m.group("ys") else _year_for(doc, first.start)
        codes = [
            _pick_code(doc, h, _route(doc, h)[0], t, None) for h, t in zip(hits, toks, strict=True)
        ]
        if None in codes or len(set(codes)) < len(codes):
            continue  # a list goes to as many different metrics as it has numbers
        out.extend(
            _all_or_nothing(
                _make(
                    doc,
                    code,
                    t,
                    year=year,
                    target=_is_target(doc, m.start(), t, year),
                    scope=None,
                    ev_start=m.start(),
                )  # fmt: skip
                for code, t in zip(codes, toks, strict=True)
            )
        )
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
            if last is not None:  # "，初中分别为P、Q": another level, the same years
                more, nxt = _level_for_listed_years(doc, family, out, last[1])
                if nxt is not None:
                    out, last = out + more, nxt
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
    values.extend(_unnamed_respectively(doc))
    values.sort(key=lambda v: v.char_start)
    out = dedupe_values(values, report_year)
    out.sort(key=lambda v: v.char_start)
    log.debug("extracted %d metric values from %d chars", len(out), len(text))
    return out
