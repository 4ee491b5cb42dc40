"""Region resolver over the gazetteer in data/regions.csv.

Interface: resolve_region(text) -> Region.

How a report's region is found:

1. Mentions: the text is scanned left to right for the longest full name of a province, city
   or county of the gazetteer (and for a short alias where it is safe: unique in the
   gazetteer, not a full name, not an ordinary word of `report_words.yaml`; a two-character
   alias, or a name of two characters like 叶县 or 城区, only when its city is named just
   before it or an institution word follows it, e.g. 叶县人民政府).
2. Weights: a mention in the report's head (title/issuer lines) or its signature counts most;
   one in the body less; one inside 《...》 (the title of a cited document) hardly at all.
   Alias mentions count less than full names.
3. Ambiguous names (南山区 in Shenzhen and in Hegang) are resolved by the rest of the text:
   the candidate whose city, province or sibling counties are mentioned wins; a name that
   stays ambiguous leaves province, city and adcode null.
4. The region is taken from the most telling tier of mentions: head/signature first, then
   the body, then cited titles. In the head tier a county wins over its city; in the body a
   county wins only when it clearly dominates (a city-level report names many counties).
5. A report resolved to a city that speaks as a county (全县/我县 outnumber 全市/我市) is
   the report of the county of that city it names: the only one named (anywhere), or, with
   neighbours named too, the one named in full in the opening paragraph (the first 300
   characters after the title) or the one named repeatedly (aliases included) more often
   than any other; even when that county is named only once.
"""

from __future__ import annotations

import bisect
import csv
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportflow.catalog import data_text, data_yaml
from reportflow.models import Region
from reportflow.signature import signature_date_line

log = logging.getLogger(__name__)

W_HEAD = 10.0
W_BODY = 1.0
W_QUOTED = 0.1
CHAIN_FACTOR = 2.0  # a place written right after its parent (南京市鼓楼区) counts double
ALIAS_FACTOR = 0.5
HEAD_LINES = 4
HEAD_LINE_MAX = 90
TAIL_LINES = 4
SIGNATURE_WINDOW = 40  # trailing lines handed to signature.signature_date_line
TAIL_LINE_MAX = 40
OPENING_CHARS = 300  # the opening paragraph: this many characters after the title
REPEATED = 2  # a county named this often (alias included) more than any sibling is "its own"
LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Place:
    level: str  # province | city | county
    adcode: str
    name: str
    short: str
    city: str  # parent city full name ("" for provinces and counties directly under one)
    province: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.level, self.adcode, self.name)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    places: tuple[Place, ...]
    weight: float
    tier: int  # 0 head/signature, 1 body, 2 inside 《》
    alias: bool


def words() -> dict[str, Any]:
    """The word lists of data/report_words.yaml."""
    return data_yaml("report_words.yaml")


class Gazetteer:
    """Province-, city- and county-level places with name and alias indexes."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            self.by_name[p.name].append(p)
        self.province = {p.name: p for p in places if p.level == "province"}
        self.city = {p.name: p for p in places if p.level == "city"}
        self.counties_of: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            if p.level == "county":
                self.counties_of[p.city or p.province].append(p)
        wr = words()["regions"]
        stop = set(wr["alias_stopwords"]) | set(wr["alias_sights"])
        generic = tuple(wr["alias_generic_parts"])
        alias_count: dict[str, int] = defaultdict(int)
        for p in places:
            if p.short and p.short != p.name:
                alias_count[p.short] += 1
        self.by_alias: dict[str, list[Place]] = {}
        for p in places:
            a = p.short
            if not a or a == p.name or len(a) < 2 or a in stop or a in self.by_name:
                continue
            if any(part in a for part in generic):
                continue
            # a municipality's province and city rows share one alias
            same = [q for q in places if q.short == a]
            if alias_count[a] > 1 and len({q.name for q in same}) > 1:
                continue
            self.by_alias.setdefault(a, []).append(p)
        # name lengths by first character, longest first (the scanner tries only these)
        lens: dict[str, set[int]] = defaultdict(set)
        for n in list(self.by_name) + list(self.by_alias):
            lens[n[0]].add(len(n))
        self.lengths_at = {ch: sorted(ls, reverse=True) for ch, ls in lens.items()}
        self.context = tuple(words()["regions"]["short_name_context"])
        self.false_next = {k: set(v) for k, v in words()["regions"]["false_continuations"].items()}

    def parent_city(self, p: Place) -> Place | None:
        return self.city.get(p.city) if p.city else None

    def parent_province(self, p: Place) -> Place | None:
        return self.province.get(p.province)


@cache
def gazetteer() -> Gazetteer:
    lines = [ln for ln in data_text("regions.csv").splitlines() if not ln.startswith("#")]
    places = [
        Place(r["level"], r["adcode"], r["name"], r["short"], r["city"], r["province"])
        for r in csv.DictReader(lines)
    ]
    return Gazetteer(places)


# ---------------------------------------------------------------------------------- zones


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《...》 (cited document titles), nesting-aware."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
        elif ch == "\n" and depth and i - start > 300:
            depth = 0  # an unclosed 《 does not swallow the document
    return spans


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if s:
            a = pos + line.index(s[0])
            out.append((a, a + len(s)))
        pos += len(line)
    return out


_TITLE_END = ("报告", "通报", "汇报", "自评", "总结", "情况", "说明", "方案", "意见", "通知")
_BODY_MARKS = ("。", "；", "，")  # sentence punctuation: a body line, not a title line
_TAIL_MARKS = _BODY_MARKS + ("、", "：", ":")


_SIGN_DATE = re.compile(
    r"(?:[0-9０-９]{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年[^。，；]{1,12}日\s*[）)]?\s*$"
)


def _ends_on_date(line: str) -> bool:
    return bool(_SIGN_DATE.search(line))


def head_tail_spans(text: str) -> list[tuple[int, int]]:
    """The title/issuer lines at the top and the short signature lines at the end (the last
    lines, or those up to the signature date when a trailer follows it: signature.py).

    The head stops before the addressee line (`…办公室：`) or the first body-like line (one
    with sentence punctuation) and after the line that ends the title (…报告, …通报).
    """
    lines = _line_spans(text)
    spans = _head_spans(text, lines)
    tail = lines[-TAIL_LINES:]
    # a trailer after the signature (附件 list, 抄送/印发, contacts): the lines up to its date
    window = lines[-SIGNATURE_WINDOW:]
    offset = len(lines) - len(window)
    at = signature_date_line([text[a:b] for a, b in window], _ends_on_date)
    if at is not None and offset + at < len(lines) - TAIL_LINES:
        at += offset
        tail = lines[max(0, at - TAIL_LINES + 1) : at + 1]
    for a, b in tail:
        s = text[a:b]
        if b - a <= TAIL_LINE_MAX and (a, b) not in spans and not any(p in s for p in _TAIL_MARKS):
            spans.append((a, b))
    return spans


def opening_span(text: str) -> tuple[int, int]:
    """The opening paragraph: the first OPENING_CHARS characters after the head (title)."""
    spans = _head_spans(text, _line_spans(text))
    start = spans[-1][1] if spans else 0
    return start, start + OPENING_CHARS


def _head_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for a, b in lines[:HEAD_LINES]:
        s = text[a:b].strip("*# ")
        if s.endswith(("：", ":")) or any(p in s for p in _BODY_MARKS):
            if not spans:  # a title run into the body on one line: keep the title part
                m = re.search("|".join(_TITLE_END[:5]), text[a : min(b, a + HEAD_LINE_MAX)])
                # an addressee line (`各位领导：`) has no sentence punctuation: cut at its end
                cut = min(
                    (text.find(p, a, b) for p in _BODY_MARKS if text.find(p, a, b) >= 0), default=b
                )
                if m and a + m.end() <= cut:
                    spans.append((a, a + m.end()))
            break
        spans.append((a, min(b, a + HEAD_LINE_MAX)))
        if b - a > HEAD_LINE_MAX or s.endswith(_TITLE_END):
            break
    return spans


# ------------------------------------------------------------------------------- mentions


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `spans` (sorted, non-overlapping)."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _short_ok(g: Gazetteer, text: str, start: int, end: int, places: list[Place]) -> bool:
    """A short name/alias counts only after its city's name or before an institution word."""
    if text.startswith(g.context, end):
        return True
    before = text[max(0, start - 8) : start]
    for p in places:
        parent = g.parent_city(p) or g.parent_province(p)
        if parent and (
            before.endswith(parent.name) or (parent.short and before.endswith(parent.short))
        ):
            return True
    return False


def _under(g: Gazetteer, places: list[Place], parents: tuple[Place, ...]) -> bool:
    """Is one of `places` a county or city directly under one of `parents`?"""
    return any(
        p.level != "province" and (g.parent_city(p) in parents or g.parent_province(p) in parents)
        for p in places
    )


def find_mentions(text: str) -> list[Mention]:
    """Non-overlapping, longest-first mentions of gazetteer names in `text`."""
    g = gazetteer()
    quoted = _quoted_spans(text)
    heads = sorted(head_tail_spans(text))
    out: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        lengths = g.lengths_at.get(text[i])
        if lengths is None:
            i += 1
            continue
        hit = None
        for L in lengths:
            if i + L > n:
                continue
            s = text[i : i + L]
            if s in g.by_name:
                places, alias = g.by_name[s], False
            elif s in g.by_alias:
                places, alias = g.by_alias[s], True
            else:
                continue
            if L <= 2 and not _short_ok(g, text, i, i + L, places):
                continue
            if text[i + L : i + L + 1] in g.false_next.get(s[-1], ()):
                continue
            hit = (L, places, alias)
            break
        if hit is None:
            i += 1
            continue
        L, places, alias = hit
        if _inside(i, quoted):
            tier, w = 2, W_QUOTED
        elif _inside(i, heads):
            tier, w = 0, W_HEAD
        else:
            tier, w = 1, W_BODY
        if alias:
            w *= ALIAS_FACTOR
        prev = out[-1] if out else None
        if prev is not None and prev.end == i and _under(g, places, prev.places):
            w *= CHAIN_FACTOR  # "南京市鼓楼区": a place named with its parent is explicit
        out.append(Mention(i, i + L, tuple(places), w, tier, alias))
        i += L
    return out


# ------------------------------------------------------------------------------- resolving


def _direct(mentions: list[Mention], max_tier: int = 2) -> dict[tuple, float]:
    d: dict[tuple, float] = defaultdict(float)
    for m in mentions:
        if m.tier <= max_tier:
            for p in m.places:
                d[p.key] += m.weight
    return d


def _support(g: Gazetteer, p: Place, d: dict[tuple, float]) -> float:
    """Evidence for `p` from its parents and siblings (used to pick among namesakes)."""
    s = 0.0
    city = g.parent_city(p)
    prov = g.parent_province(p)
    if city is not None and city.level == "city":
        s += d.get(city.key, 0.0)
    if prov is not None and p.level != "province":
        s += d.get(prov.key, 0.0)
    if p.level == "county":
        for sib in g.counties_of[p.city or p.province]:
            if sib is not p and len(g.by_name[sib.name]) == 1:
                s += 0.5 * d.get(sib.key, 0.0)
    if p.level == "city":
        for child in g.counties_of[p.name]:
            if len(g.by_name[child.name]) == 1:
                s += 0.5 * d.get(child.key, 0.0)
    return s


def _pick(g: Gazetteer, places: tuple[Place, ...], d: dict[tuple, float]) -> Place | None:
    """The namesake the rest of the text supports; None when it stays ambiguous."""
    if len(places) == 1:
        return places[0]
    scored = sorted(((_support(g, p, d), p) for p in places), key=lambda t: -t[0])
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None


def _region(g: Gazetteer, p: Place) -> Region:
    if p.level == "province":
        return Region(province=p.name, adcode=p.adcode)
    if p.level == "city":
        return Region(province=p.province, city=p.name, adcode=p.adcode)
    return Region(province=p.province, city=p.city or None, county=p.name, adcode=p.adcode)


def _tier_scores(
    g: Gazetteer, mentions: list[Mention], d_all: dict[tuple, float]
) -> tuple[dict[tuple, float], dict[tuple, Place], list[str]]:
    """Per resolved place: summed weight of these mentions; plus unresolved county names."""
    score: dict[tuple, float] = defaultdict(float)
    place: dict[tuple, Place] = {}
    unresolved: list[str] = []
    for m in mentions:
        levels = {p.level for p in m.places}
        if levels == {"province", "city"}:  # a municipality: one name, two rows
            for p in m.places:
                score[p.key] += m.weight
                place[p.key] = p
            continue
        p = _pick(g, m.places, d_all)
        if p is None:
            if any(q.level == "county" for q in m.places):
                unresolved.append(m.places[0].name)
            continue
        score[p.key] += m.weight
        place[p.key] = p
    return score, place, unresolved


def _best(score: dict[tuple, float], place: dict[tuple, Place], level: str) -> list[Place]:
    cands = [place[k] for k in score if k[0] == level]
    return sorted(cands, key=lambda p: -score[p.key])


def _county_score(g: Gazetteer, c: Place, score: dict[tuple, float]) -> float:
    """A county's own weight, plus half of its city's and province's in the same tier."""
    parents = [q for q in (g.parent_city(c), g.parent_province(c)) if q is not None]
    return score[c.key] + 0.5 * sum(score.get(q.key, 0.0) for q in parents)


def _city_score(g: Gazetteer, c: Place, score: dict[tuple, float]) -> float:
    return score[c.key] + 0.5 * sum(score.get(k.key, 0.0) for k in g.counties_of[c.name])


def _self_references(text: str, kind: str) -> int:
    """How often the report calls itself by a level word (全县, 我县, 本县 for 县)."""
    return sum(text.count(w) for w in words()["regions"]["self_reference"].get(kind, []))


def _speaking_county(
    g: Gazetteer, text: str, city: Place, mentions: list[Mention], d_all: dict[tuple, float]
) -> Place | None:
    """The county of `city` the report is about, when it speaks as a county (全县/我县
    outnumber 全市/我市; for a county-level city, the county is named as often as the city).

    The county is the one county of the city named anywhere in the text; or, when neighbours
    are named too, the one named in full in the opening paragraph (`opening_span`: then one
    全县/我区 suffices), or the one named REPEATED times or more (aliases included) and more
    often than any other. A city-level report names several counties or speaks as 全市.
    """
    named: dict[tuple, Place] = {}
    times: dict[tuple, int] = defaultdict(int)
    opening: dict[tuple, Place] = {}
    a, b = opening_span(text)
    for m in mentions:
        p = _pick(g, m.places, d_all)
        if p is None or p.level != "county" or p.city != city.name:
            continue
        named[p.key] = p
        if m.tier < 2:
            times[p.key] += 1
            if not m.alias and a <= m.start < b:
                opening[p.key] = p
    if not named:
        return None
    ranked = sorted(times, key=lambda k: -times[k])
    if len(named) == 1:
        county, least = next(iter(named.values())), 2
    elif len(opening) == 1:
        county, least = next(iter(opening.values())), 1
    elif (
        ranked
        and times[ranked[0]] >= REPEATED
        and (len(ranked) == 1 or times[ranked[0]] > times[ranked[1]])
    ):
        county, least = named[ranked[0]], 2
    else:
        return None
    kind = county.name[-1]
    if kind == "市":
        return county if d_all.get(county.key, 0.0) >= d_all.get(city.key, 0.0) else None
    as_city = _self_references(text, "市")
    as_county = _self_references(text, kind)
    if len(named) == 1 and county.key in opening:
        least = 1
    return county if as_county >= least and as_county > as_city else None


def resolve_region(text: str) -> Region:
    """The report's region: the most specific consistent province/city/county named."""
    g = gazetteer()
    mentions = find_mentions(text)
    if not mentions:
        return Region()
    d_all = _direct(mentions)
    for tier in (0, 1, 2):
        tm = [
            m
            for m in mentions
            if m.tier == tier and (not m.alias or m.end - m.start >= 3 or tier == 0)
        ]
        if not tm:
            continue
        score, place, unresolved = _tier_scores(g, tm, d_all)
        counties = sorted(_best(score, place, "county"), key=lambda c: -_county_score(g, c, score))
        cities = _best(score, place, "city")
        provs = _best(score, place, "province")
        if counties:
            top = counties[0]
            s_top = score[top.key]
            s_second = score[counties[1].key] if len(counties) > 1 else 0.0
            parent = g.parent_city(top)
            s_city = score.get(parent.key, 0.0) if parent else 0.0
            if tier == 0 or (
                s_top >= 2 * W_BODY * (W_QUOTED if tier == 2 else 1)
                and s_top >= 2 * s_second
                and s_top >= 0.5 * s_city
            ):
                return _region(g, top)
        elif unresolved and tier == 0 and not cities:
            return Region(county=unresolved[0])
        if cities:
            # a city gains from the counties of it that are named
            city = max(cities, key=lambda c: _city_score(g, c, score))
            return _region(g, _speaking_county(g, text, city, mentions, d_all) or city)
        if counties:
            # counties of one city, none dominant: the city they share
            by_city: dict[str, float] = defaultdict(float)
            for c in counties:
                if c.city:
                    by_city[c.city] += score[c.key]
            if by_city:
                name = max(by_city, key=lambda k: by_city[k])
                city = g.city[name]
                return _region(g, _speaking_county(g, text, city, mentions, d_all) or city)
        if provs:
            return _region(g, provs[0])
    return Region()
