"""Rectification items, their statuses and the stated task count.

Interface: extract_rectification(text, report_type) -> Rectification.

- Headings are numbered lines in the usual outline ranks: `一、` > `（一）` > `1.`/`1、`/
  `问题1：` > `（1）` (markdown `#`/`**` ignored).
- An item is a heading at the rank whose headings carry their own rectification block
  (a `整改措施：`/`整改结果：`/`整改进展情况：` ... line before the next heading; a deadline
  line `整改时限：` alone is no block, unless no heading has another and several have one)
  or, when several do, a status in brackets closing the heading (`1.…落实不够到位（已完成）`,
  measures as plain paragraphs); with nested
  numbering (category `（一）` holding `1.` `2.`) that is the leaf rank. Siblings of such
  headings count too; numbered points of an overview section (no block) do not. Without any
  block, the numbered points under a problems section (具体整改情况, 反馈问题 ...) are the items;
  a category among them (`（一）关于…方面的问题`) gives way to the problems `1.` `2.` it holds
  (with labelled items too: every problem a category holds is an item; a point whose
  paragraph closes with a status is one). Top-level topics (`一、关于教师队伍方面的问题`, or
  a title ending in a category, `一、学前教育普及普惠方面`, whose points close on their own
  status) outside any section hold problems too. A chosen heading holding numbered points
  gives way to them when it is such a topic, or when a point other than the last of its group
  says its own status (problems, not measures followed by the item's status line).
  `8.2所学校…` after item 7 is item 8 (a number glued to a count), not a decimal.
- A table whose head names its columns (`序号|问题|整改措施|完成情况`: a number head first, a
  problem head, one status head of `table_status_heads`; `完成时限` is none) has one numbered
  row per item, titled by its problem cell, its status what its status cell says (a status
  phrase opening it, a short status cell, a closing status sentence; a deadline says none).
  Rows the reader joined into one line (`…|已完成2|乡村学校…`) are cut at the next row's
  number. Without such a head, a numbered row whose last cell is a status is an item.
- An item's status is the status phrase that opens the text of its status line
  (`整改结果：已整改，长期坚持` -> completed, `整改进展：目前整改推进中` -> in_progress); a
  status word inside a sentence of measures (`整改情况：一是制定…学习计划`) is none. Ranked:
  a result label (整改结果, 完成情况, 整改状态, 办理结果, 目前状态) > a status in brackets
  closing the heading (`（已完成）`) > a progress label (整改情况, 整改进展, 进展情况);
  otherwise a status closing the item's paragraph without a label (`…。已整改。`,
  `…，目前已完成整改。`, `此项正在整改。`, `该项整改正在推进中。`; `已取得阶段性成效。` and
  `需长期坚持。` are ongoing, a bare `长期坚持` done) — the last sentence saying a
  status, also after a label whose text opens with none (`整改进展：一是…。目前该问题已整改
  完成。`), or opening the sentence before a comma (`目前该项整改仍在持续推进中，计划…`); the
  report's closing paragraph (`下一步，…`, and all after it) and signature lines close no item;
  otherwise
  unknown. A plan opening the text (`计划于年底前完成`) is in progress; so is
  a done step while something still goes on (`已完成初稿起草，正在征求意见`; not `已完成整改，
  正在巩固提升`: no step after the done word).
- tasks: the count the report states (`四个方面12项整改任务`, `反馈问题23个`, `共十二项整改
  任务`) with its clause as evidence, else the number of items; a count of something else
  (`7个方面22项评价指标`: words in `count_other_nouns`) is none, and so is a count inside
  an item's text (`纠正问题12项` in its measures, the last item's too, up to its status
  line). Of several stated counts (`指出23个问题…制定整改任务31项`) the one the done /
  ongoing counts are said against wins:
  stated in their sentence (`31项整改任务中已完成28项、正在推进3项`), else the one they add up
  to, else the first. completed / in_progress:
  the counts the report states (`15个问题中已完成整改13个，正在整改2个`, `对尚未完成的3个问题…`:
  a count followed by its noun or by no word; `1个正在持续整改`; `1个（大班额问题）正在推进`,
  what it is in brackets between; a total said all done later in its sentence,
  `反馈的5个问题，截至2024年底已全部整改到位` / `3个问题，逐项制定整改措施，目前均已整改到位`
  (`status_count_all_leads` before the done word; no count, goal, 其中 or status between),
  is that many done; a total before them,
  `25项整改任务已完成22项`, `14个问题已整改到位12个`, is no part of them; a breakdown after
  `其中` of a count said before it, `其余4个正在整改（其中已取得阶段性成效3个、需长期坚持1个）`,
  adds nothing; counts over the stated total are dropped),
  else counts of item statuses, or None when no item has a status. Items said done by their
  numbers (`第1-3项已完成`, `12至15项…已全部整改到位`) take that status, or count their range
  when those items are not found. The metrics' year: the as-of year of the sentence stating
  the count (count_year: an as-of date, or a year in the count's clause not dating the
  inspection, `2023年省级督导反馈的6个问题`, nor inside brackets or after a plan word in its
  clause, `一个正在整改（…预计2020年秋季投入使用）`), else the report's year. All stated tasks
  said done states no ongoing count: in_progress stays None (not 0). Done + ongoing never
  exceed tasks: such counts are dropped (None). The rest said ongoing (`其余4项正按时序推进`) after a stated total,
  in its paragraph and with no done count said, leaves the total less the rest done; the
  ongoing phrase may open a clause after one or two saying what the rest are (`其余3项涉及布局
  调整，正按序时推进`), not after one saying a status or count of its own; an ongoing phrase in
  the rest's own clause comes first (`剩余3个问题正按计划持续推进，需长期坚持的…`: the next
  clause is not read). A rest count is no total. A count said ongoing by two status phrases
  joined by 、 (`3个问题需长期推进、仍在持续整改`) is that many ongoing. A quoted
  problem said ongoing or done beside counted ones (`5个已整改完成，“大班额”问题仍在整改中`)
  is one item. A done count without context in its sentence takes it from the sentence
  before on its line (`反馈问题共11项。已完成7项，…`).
- A report that is not a rectification report gets an empty result, except a stated count of
  rectification tasks (then `tasks`, and the done / ongoing counts said of them in the count's
  section: `上轮督导反馈的9个问题已全部整改到位` -> 9, 9, None).

The words are in data/report_words.yaml (section `rectification`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from reportflow.models import Rectification, RectItem
from reportflow.numbers import halfwidth, parse_chinese_numeral
from reportflow.regions import words
from reportflow.textnorm import clean_line

STATUS_WINDOW = 25  # characters after a status label where the status must be said
STATUS_NEXT_LINE_MAX = 15  # a label alone on its line: the next line if this short
TITLE_MAX = 80
WRAPPED_LINE_MIN = 20  # a line this long without a sentence end may wrap into the next
ROW_STATUS_MAX = 12  # a table row's status cell (已完成, 整改中, 持续推进中)
COUNT_MAX = 1000
SENTENCE_MAX = 120
RANGE_MAX = 50  # items said done as a group (第1-3项已完成) span fewer than this  # how far a stated count's sentence is read for its context
_QUOTED = r"[“\"「『][^”\"」』\n]{1,20}[”\"」』]"

_CN = "一二三四五六七八九十"
_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．]\s*(.*)$")),
    (1, re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*(.*)$")),
    (
        2,
        re.compile(
            r"^(?:反馈|存在|具体|突出)?问题\s*([0-9]{1,3}|[" + _CN + r"]{1,3})\s*[：:.、．]\s*(.*)$"
        ),
    ),
    (2, re.compile(r"^([0-9]{1,3})\s*(?:[.、．](?![0-9])|\s)\s*(.*)$")),
    (3, re.compile(r"^[（(]\s*([0-9]{1,3})\s*[）)]\s*(.*)$")),
    (
        2,
        re.compile(
            r"^第\s*([0-9]{1,3}|[" + _CN + r"]{1,3})\s*(?:项|条|个问题)\s*[：:.、．]?\s*(.*)$"
        ),
    ),
]
_ARABIC = 3  # the index in _HEADINGS of the `1.` / `1、` headings
# an Arabic number followed by one of these is a quantity that starts a wrapped line (58 所)
_UNIT_CHARS = set("所个名人万元年月日号%％项次亿岁间平米套台件条家余多倍周天批份册种")
_ENUMERATED = re.compile(rf"^(?:[{_CN}]+是|首先|其次|[0-9]+[.、．]|[（(])")
_NUM = rf"(?<![0-9０-９.{_CN}两百零〇第每逐这那某任])(?:[0-9０-９]{{1,4}}|[{_CN}两百零〇]{{1,6}})"


@dataclass
class Line:
    start: int  # offset of the cleaned line's first character in the text
    text: str  # cleaned (markup removed)
    end: int = 0  # offset of the end of the raw line in the text


@dataclass
class Heading:
    idx: int  # index into lines
    rank: int
    title: str
    start: int
    own: list[Line] = field(default_factory=list)  # heading remainder + lines up to next heading
    span: list[Line] = field(default_factory=list)  # own + children
    parent: int | None = None


@cache
def _w() -> dict[str, Any]:
    return words()["rectification"]


def _alt(ws: list[str]) -> str:
    return "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    w = _w()
    alone = w["status_words_alone"]
    tails = _alt(w["closing_status_tails"])
    return {
        "status": re.compile(
            rf"(?:{_alt(w['status_labels'] + w['status_labels_result'])})(?:\s*[：:]\s*|\s+)"
        ),
        "result": re.compile(rf"(?:{_alt(w['status_labels_result'])})(?:\s*[：:]\s*|\s+)"),
        "block": re.compile(rf"(?:{_alt(w['block_labels'])})\s*[：:]"),
        "deadline": re.compile(rf"(?:{_alt(w['deadline_labels'])})\s*[：:]"),
        "opening": re.compile(
            rf"^(?:(?:{_alt(w['status_leads'])}|{w['status_lead_date']})\s*[，,]?\s*){{0,4}}"
            rf"(?P<word>{_alt([x for x in w['completed'] + w['in_progress'] if x not in alone])}"
            rf"|(?:{_alt(alone)})(?=[，,。；;、\s]|$|整改))"
        ),
        "section": re.compile(_alt(w["item_sections"])),
        "step_ongoing": re.compile(_alt(w["step_ongoing_markers"] + w["in_progress"])),
        # a done word opening a clause, whatever follows (已于5月完成立项)
        "step_opening": re.compile(
            rf"^(?:(?:{_alt(w['status_leads'])}|{w['status_lead_date']})\s*[，,]?\s*){{0,4}}"
            rf"(?P<word>{_alt(w['completed'])})"
        ),
        "done": re.compile(_alt(w["completed"])),
        "ongoing": re.compile(_alt(w["in_progress"])),
        "bracket": re.compile(
            rf"[（(【\[]\s*(?:{_alt(w['completed'] + w['in_progress'])})[^）)】\]]{{0,8}}[）)】\]]\s*[。.]?$"
        ),
        "category": re.compile(_alt(w["category_words"])),
        "category_end": re.compile(rf"(?:{_alt(w['category_words'])})$"),
        "trailing_label": re.compile(rf"(?:{_alt(w['trailing_labels'])})\s*[：:]"),
        "closing_lead": re.compile(rf"(?:{_alt(w['closing_paragraph_leads'])})"),
        # what may follow a closing status phrase: nothing more (tail), or a comma (opens)
        "status_tail": re.compile(rf"\s*(?:{tails})?\s*$"),
        "status_opens": re.compile(rf"\s*(?:{tails})?\s*[，,]"),
        # a done word's own tail closing its clause (已完成整改，…): the problem is done
        "done_tail": re.compile(rf"(?:{tails})\s*(?:[，,、]|$)"),
        "count_unit": re.compile(rf"{_NUM}\s*(?:{_alt(w['count_units'])})"),  # 18条, 三个
        "future": re.compile(w["status_count_future"]),  # 确保…, 力争…: a goal, not a state
    }


# ---------------------------------------------------------------------------------- lines


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        c = clean_line(raw)
        if c:
            at = raw.find(c[:4])
            out.append(Line(pos + (at if at >= 0 else 0), c, pos + len(raw.rstrip("\r\n"))))
        pos += len(raw)
    return out


def _heading_title(rest: str) -> str:
    s = rest.strip()
    m = _patterns()["block"].search(s)
    if m:
        s = s[: m.start()]
    s = re.split(r"[。；;]", s, maxsplit=1)[0]
    s = s.strip(" ：:，,*")
    bare = _patterns()["bracket"].sub("", s).rstrip(" ：:，,")
    s = bare or s  # a bracketed status closing the heading is no part of its title
    q = re.match(r"^关于\s*[“\"「](.+?)[”\"」]\s*(?:的|方面的)?(?:问题|方面)?$", s)
    if q:
        s = q.group(1)
    return s[:TITLE_MAX]


def _verbatim(text: str, ln: Line, title: str) -> tuple[str, int]:
    """The title as it stands in `text` and its offset (an item's title is its evidence)."""
    at = text.find(title, ln.start, ln.end)
    if at >= 0:
        return title, at
    # markup inside the title (`**` in raw text): fall back on the raw line after its number
    raw = text[ln.start : ln.end]
    m = re.match(r"^[^\u4e00-\u9fff“\"]*", raw)
    start = ln.start + (m.end() if m else 0)
    piece = text[start : min(ln.end, start + TITLE_MAX)].rstrip()
    return (piece or title), (start if piece else ln.start)


_GLUED_NUMBER = re.compile(r"^([0-9]{1,3})[.．、](?=[0-9])")  # 8.2所学校… (item 8, or a decimal)
_ENDED = "。；;：:！!？?"


def _glued_heading(t: str, prev: Line | None, last_num: int | None, prev_head: bool) -> int:
    """Where the title starts on a line `N.` glued to a digit (`8.2所学校化整为零…`) that is
    item N: N continues the numbered sequence (7 -> 8) and the line starts a paragraph (the
    line before ends a sentence, is a heading, a labelled line or short), not a decimal
    wrapped into running text.
    0 when it is no heading."""
    m = _GLUED_NUMBER.match(t)
    if not m or last_num is None or int(m.group(1)) != last_num + 1:
        return 0
    if prev is None or prev_head or prev.text.rstrip()[-1:] in _ENDED:
        return m.end()
    if len(prev.text) < WRAPPED_LINE_MIN or _patterns()["block"].search(prev.text):
        return m.end()  # a short line (整改结果：已完成) ends its paragraph
    return 0


def _headings(text: str, lines: list[Line]) -> list[Heading]:
    heads: list[Heading] = []
    last_num: int | None = None  # the number of the last `N.` heading
    for i, ln in enumerate(lines):
        t = halfwidth(ln.text)
        prev_head = bool(heads) and heads[-1].idx == i - 1
        for k, (rank, pat) in enumerate(_HEADINGS):
            m = pat.match(t)
            if m:
                rest = ln.text[m.start(2) :]
                title = _heading_title(rest)
                bare = bool(re.match(r"\d{1,3}\s+[^\s.、．]", t))  # 58 所 (no 58. / 58、)
                if title and not (bare and title[0] in _UNIT_CHARS):
                    title, at = _verbatim(text, ln, title)
                    heads.append(Heading(i, rank, title, at))
                    if k == _ARABIC:
                        last_num = int(m.group(1))
                break
        else:
            cut = _glued_heading(t, lines[i - 1] if i else None, last_num, prev_head)
            title = _heading_title(ln.text[cut:]) if cut else ""
            if title:
                title, at = _verbatim(text, ln, title)
                heads.append(Heading(i, 2, title, at))
                last_num = (last_num or 0) + 1
    # own text and spans
    for k, h in enumerate(heads):
        nxt = heads[k + 1].idx if k + 1 < len(heads) else len(lines)
        first = lines[h.idx]
        rest_at = first.text.find(h.title[:4]) if h.title else 0
        own_first = Line(first.start, first.text[max(rest_at, 0) :])
        h.own = [own_first] + lines[h.idx + 1 : nxt]
        end = len(lines)
        for later in heads[k + 1 :]:
            if later.rank <= h.rank:
                end = later.idx
                break
        h.span = [own_first] + lines[h.idx + 1 : end]
        for j in range(k - 1, -1, -1):
            if heads[j].rank < h.rank:
                h.parent = j
                break
    return heads


# ---------------------------------------------------------------------------------- items


def _has_block(lines: list[Line]) -> bool:
    """Whether `lines` hold a block label other than a bare deadline (整改时限：…)."""
    p = _patterns()
    return any(
        not p["deadline"].fullmatch(m.group(0))
        for ln in lines
        for m in p["block"].finditer(ln.text)
    )


def _several(found: list[Heading]) -> list[Heading]:
    """The headings of `found` at a rank that holds at least two of them."""
    per_rank: dict[int, int] = {}
    for h in found:
        per_rank[h.rank] = per_rank.get(h.rank, 0) + 1
    return [h for h in found if per_rank[h.rank] >= 2]


def _deadline_only(heads: list[Heading]) -> list[Heading]:
    """Headings with a deadline line (整改时限：…), at ranks holding several."""
    p = _patterns()["deadline"]
    return _several([h for h in heads if any(p.search(ln.text) for ln in h.own)])


def _bracketed(heads: list[Heading], lines: list[Line]) -> list[Heading]:
    """Headings closed by a bracketed status (`…不够到位（已完成）`), at ranks holding several."""
    return _several([h for h in heads if _heading_bracket(lines[h.idx].text)])


def _heading_bracket(line: str) -> re.Match[str] | None:
    """A bracketed status closing a heading's first sentence (`1.…（已完成）。针对…`)."""
    return _patterns()["bracket"].search(re.split(r"[。；;]", line, maxsplit=1)[0])


def _status_of_text(s: str) -> str | None:
    p = _patterns()
    if p["ongoing"].search(s):
        return "in_progress"
    if p["done"].search(s):
        return "completed"
    return None


def _locate(text: str, piece: str, start: int) -> int | None:
    """The offset of `piece` in `text` on the line that starts at `start`, or None."""
    if not piece:
        return None
    at = text.find(piece, start)
    if at < 0 or "\n" in text[start:at]:
        return None
    return at


def _evidence(text: str, ln: Line, clause: str, word: str) -> tuple[str | None, int | None]:
    """`clause` (a status line's clause) as it stands in `text`, else the bare status `word`."""
    for piece in (clause, word):
        at = _locate(text, piece, ln.start)
        if at is not None:
            return piece, at
    return None, None


def _kind(word: str) -> str:
    return "in_progress" if word in _w()["in_progress"] else "completed"


def _opening_kind(window: str, full: str | None = None) -> tuple[str, str] | None:
    """(word, status) of the status phrase `window` opens with, or None. A done word with a
    step after it while something still goes on in the sentence of `full` (default `window`)
    is in progress: 已完成初稿起草，正在征求意见."""
    sentence = re.split(r"[。；;]", (full if full is not None else window).strip(), maxsplit=1)[0]
    m = _patterns()["opening"].match(window.strip())
    if not m:
        step = _patterns()["step_opening"].match(sentence)  # 已于5月完成立项，仍在办理…
        if step and _step_goes_on(sentence[step.end() :]):
            return step.group("word"), "in_progress"
        return None
    word = m.group("word")
    kind = _kind(word)
    if kind == "completed" and sentence.startswith(m.group(0)):
        if _step_goes_on(sentence[m.end() :]):
            kind = "in_progress"
    return word, kind


def _step_goes_on(rest: str) -> bool:
    """Whether the words after a done word name a step (not 整改/到位…, not a clause end)
    and then something still going on (正在征求意见, 仍在办理, 尚未验收, 推进中)."""
    rest = rest.strip()
    if not rest or rest[0] in "，,、":
        return False
    if _patterns()["done_tail"].match(rest):
        return False  # 已完成整改，正在巩固提升: the problem is done
    return bool(_patterns()["step_ongoing"].search(rest))


def _labelled_status(
    h: Heading, text: str, pat: re.Pattern[str]
) -> tuple[str, str | None, int | None] | None:
    """The first status said right after a label of `pat` in the item's lines, or None."""
    lines = h.span
    for i, ln in enumerate(lines):
        for m in pat.finditer(ln.text):
            after = ln.text[m.end() :].strip()
            window = after[:STATUS_WINDOW]
            src, clause = ln, re.split(r"[。；;]", ln.text[m.start() :], maxsplit=1)[0]
            if not after and i + 1 < len(lines):
                nxt = lines[i + 1].text
                if len(nxt) <= STATUS_NEXT_LINE_MAX and not _ENUMERATED.match(nxt):
                    window, src, clause = nxt, lines[i + 1], nxt
            found = _opening_kind(window, after if src is ln else window)
            if found:
                word, kind = found
                ev, at = _evidence(text, src, clause.rstrip(), word)
                return kind, ev, at
    return None


def _status(h: Heading, text: str) -> tuple[str, str | None, int | None]:
    """An item's status, and the verbatim status line (clause) that says it with its offset.

    Ranked: a result label (整改结果：…) > a bracketed status closing the heading > a
    progress label (整改情况：/整改进展：…)."""
    p = _patterns()
    found = _labelled_status(h, text, p["result"])
    if found:
        return found
    lines = h.span
    m = _heading_bracket(lines[0].text) if lines else None
    if m:
        inner = m.group(0).strip("（(【[ 。.）)】]")
        opened = _opening_kind(inner)
        if opened:
            ev, at = _evidence(text, lines[0], m.group(0).rstrip("。. "), "")
            return opened[1], ev, at
    found = _labelled_status(h, text, p["status"])
    if found:
        return found
    found = _closing_status(h, text)
    if found:
        return found
    return "unknown", None, None


def _closing_status(h: Heading, text: str) -> tuple[str, str | None, int | None] | None:
    """A status closing the item's paragraph without a label: its last sentence is a status
    phrase (`已整改。`, `此项正在整改。`, `整改推进中。`), or opens with one, or its last clause
    is one after a lead (`…，目前已完成整改。`). A status word with more after it in its clause
    (`已全部完成支付`) is a measure, not the item's status."""
    lines = [ln for ln in h.span if ln.text.strip()]
    trailing = _patterns()["trailing_label"]
    closing = _patterns()["closing_lead"]
    for k in range(1, len(lines)):
        if closing.match(lines[k].text):
            lines = lines[:k]  # the report's closing paragraph and all after it (its wrapped
            break  # lines, a contact line, the signature) close no item
    while len(lines) > 1 and (
        trailing.match(lines[-1].text)
        or _range_pattern().match(lines[-1].text)
        or closing.match(lines[-1].text)
        or _signature_like(lines[-1].text)
    ):
        lines = lines[:-1]  # a trailing 责任单位：/整改时限： line closes no paragraph, nor
        # a status of other items by their numbers (3至5项…已全部整改到位), nor the report's
        # closing paragraph (下一步，…) or its signature (某县人民政府 / 2024年12月1日)
    if not lines:
        return None
    last = lines[-1]
    body = last.text
    labels = list(_patterns()["status"].finditer(body))
    if labels:  # a status line (整改进展：一是…。目前该问题已整改完成。): its text after the label
        body = body[labels[-1].end() :]
    sentences = [x.strip() for x in re.split(r"[。；;！!]", body) if x.strip()]
    for sentence in reversed(sentences):  # the last sentence saying a status
        found = _status_sentence(sentence)
        if found is not None:
            kind, piece = found
            at = _locate(text, piece, last.start)
            return kind, (piece if at is not None else None), at
        if _status_of_text(sentence) is not None:
            return None  # a later sentence naming a status in other words: no closing status
    return None


def _signature_like(line: str) -> bool:
    """A short line without a sentence end or a status: an issuer or a date line."""
    t = line.strip()
    return len(t) < WRAPPED_LINE_MIN and t[-1:] not in _ENDED and _status_of_text(t) is None


def _status_sentence(sentence: str) -> tuple[str, str] | None:
    """(status, the phrase saying it) when `sentence` is a closing status: a status phrase
    (`已整改`, `此项正在整改`), or opening with one, or its last clause one after a lead."""
    if re.fullmatch(r"[（(【\[].*[）)】\]]", sentence):
        sentence = sentence[1:-1].strip()  # …。（已完成）
    clauses = [x.strip() for x in re.split(r"[，,]", sentence) if x.strip()]
    if not clauses:
        return None
    leads = _w()["closing_status_leads"]
    tail = _patterns()["status_tail"]
    opens = _patterns()["status_opens"]
    for k, piece in enumerate((sentence, clauses[-1])):
        m = _patterns()["opening"].match(piece)
        if not m or (k == 1 and not any(x in piece[: m.start("word")] for x in leads)):
            continue  # a last clause counts after a lead only (…，目前已完成整改)
        rest = piece[m.end() :]
        kind = _kind(m.group("word"))
        if k == 0 and kind == "completed" and _step_goes_on(rest):
            return "in_progress", piece  # 已完成初稿起草，正在征求意见
        if k == 0 and opens.match(rest):
            rest = ""  # 已整改到位，并建立长效机制 / 仍在推进中，计划…: the sentence opens with it
        if tail.match(rest):
            return kind, piece
    for clause in clauses[:-1]:  # 制定规划，已完成初稿起草，正在征求意见
        step = _patterns()["step_opening"].match(clause)
        rest = sentence[sentence.find(clause) + (step.end() if step else 0) :]
        if step and _step_goes_on(rest) and _patterns()["step_ongoing"].search(clauses[-1]):
            return "in_progress", sentence[sentence.find(clause) :]
    return None


def _groups(heads: list[Heading], rank: int) -> dict[int | None, list[Heading]]:
    """Headings of one rank grouped by parent (index into `heads`)."""
    groups: dict[int | None, list[Heading]] = {}
    for h in heads:
        if h.rank == rank:
            groups.setdefault(h.parent, []).append(h)
    return groups


def _measures_under_items(
    heads: list[Heading], groups: dict[int | None, list[Heading]], labelled: set[int]
) -> bool:
    """Whether the labelled headings are each the last of several numbered points under a
    parent (measures 1. 2. 3. followed by the parent item's 整改情况 line)."""
    votes = total = 0
    for parent, group in groups.items():
        marks = [k for k, h in enumerate(group) if id(h) in labelled]
        if not marks:
            continue
        total += 1
        if parent is not None and len(group) > 1 and marks == [len(group) - 1]:
            own = " ".join(ln.text for ln in group[-1].own[1:])
            if _patterns()["status"].search(own) and not re.search("整改措施", own):
                votes += 1
    return total > 1 and votes * 2 > total


def _leaves(heads: list[Heading], parent: int) -> list[Heading]:
    """The numbered points under heads[parent] at their top rank; a category among them
    (`（一）关于学前教育方面的问题` holding `1.` `2.`) gives way to the problems it holds."""
    kids = [k for k, h in enumerate(heads) if h.parent == parent]
    if not kids:
        return []
    top = min(heads[k].rank for k in kids)
    category = _patterns()["category"]
    out: list[Heading] = []
    for k in kids:
        if heads[k].rank != top:
            continue
        inner = _leaves(heads, k) if category.search(heads[k].title) else []
        out += inner or [heads[k]]
    return out


def _is_topic(title: str, heads: list[Heading] | None = None, k: int = 0, text: str = "") -> bool:
    """A topic heading grouping problems: a category (方面, 领域 …) said of 关于… or 问题
    (关于教师队伍方面的问题, 办学条件方面存在的问题); given the headings, also a title ending in
    a category (学前教育普及普惠方面) whose numbered points close on their own status."""
    if _patterns()["category"].search(title) and (title.startswith("关于") or "问题" in title):
        return True
    if heads is None or not _patterns()["category_end"].search(title):
        return False
    return any(_closing_status(x, text) is not None for x in _leaves(heads, k))


def _topic_leaves(heads: list[Heading], chosen: list[Heading], text: str) -> list[Heading]:
    """The chosen headings with the numbered problems they group in their place: a topic
    (关于…方面) holding numbered points always; any chosen heading holding them when a point
    other than the last of its group says its own status (problems, not measures followed by
    the item's status line)."""
    index = {id(h): k for k, h in enumerate(heads)}
    children: dict[int, list[int]] = {}
    for j, x in enumerate(heads):
        if x.parent is not None:
            children.setdefault(x.parent, []).append(j)
    kids: dict[int, list[int]] = {}
    for h in chosen:
        below = children.get(index[id(h)], [])
        if below:
            top = min(heads[j].rank for j in below)
            kids[index[id(h)]] = [j for j in below if heads[j].rank == top]
    if not kids:
        return chosen
    said = any(_status(heads[j], text)[0] != "unknown" for ks in kids.values() for j in ks[:-1])
    out: list[Heading] = []
    seen: set[int] = set()
    for h in chosen:
        k = index[id(h)]
        new = _leaves(heads, k) if k in kids and (said or _is_topic(h.title)) else [h]
        out += [x for x in new if id(x) not in seen]
        seen |= {id(x) for x in new}
    return out


def find_items(text: str) -> list[RectItem]:
    """The rectification items of a report, in order, with their statuses."""
    lines = _lines(text)
    heads = _headings(text, lines)
    table = _headed_table_items(text, lines) or _table_items(text, lines)
    if not heads:
        return table
    with_block = [h for h in heads if _has_block(h.own)]
    with_block += [h for h in _bracketed(heads, lines) if h not in with_block]
    if not with_block and not table:
        with_block = _deadline_only(heads)  # deadlines decide only when nothing else does
    chosen: list[Heading] = []
    lifted = False  # items are the parents of numbered measures
    if with_block:
        counts: dict[int, int] = {}
        for h in with_block:
            counts[h.rank] = counts.get(h.rank, 0) + 1
        rank = min(counts, key=lambda r: (-counts[r], r))
        labelled = {id(h) for h in with_block}
        groups = _groups(heads, rank)
        if _measures_under_items(heads, groups, labelled):
            # numbered measures whose last one carries the item's status line: the items
            # are their parents
            parent_ids = {p for p in groups if p is not None}
            labelled |= {id(heads[p]) for p in parent_ids}
            rank = min(heads[p].rank for p in parent_ids)
            groups = _groups(heads, rank)
            lifted = True
        category = _patterns()["category"]
        in_categories: list[list[Heading]] = []
        has_items = False
        for parent, group in groups.items():
            # a point whose paragraph closes with a status (…。此项正在整改。) is an item too
            marks = [
                k
                for k, h in enumerate(group)
                if id(h) in labelled or _closing_status(h, text) is not None
            ]
            if parent is not None and category.search(heads[parent].title):
                in_categories.append(group)  # the problems a category holds (（一）关于…方面的问题)
                has_items = has_items or bool(marks)
            elif marks:  # unlabelled points before the first / after the last item are not items
                chosen += group[marks[0] : marks[-1] + 1]
        if has_items:  # every category's problems, with a status or without
            chosen += [h for group in in_categories for h in group]
        chosen.sort(key=lambda h: h.idx)
    elif table:
        return table
    else:
        sec = _patterns()["section"]
        sections = [k for k, h in enumerate(heads) if sec.search(h.title)]
        # top-level topics (一、关于教师队伍方面的问题) outside any section hold problems too
        sections += [
            k
            for k, h in enumerate(heads)
            if h.parent is None and k not in sections and _is_topic(h.title, heads, k, text)
        ]
        for s in sorted(sections):
            chosen += _leaves(heads, s)
    if not lifted:
        chosen = _topic_leaves(heads, chosen, text)
    items = []
    for n, h in enumerate(chosen, 1):
        st, ev, at = _status(h, text)
        items.append(RectItem(n, h.title, st, h.start, status_evidence=ev, status_char_start=at))
    return items


# ---------------------------------------------------------------------------- table rows

_CELL_SPLIT = re.compile(r"\s*[|｜]\s*|\t+|\s+")
_ROW_NUMBER = re.compile(r"^(?:[0-9]{1,3}[.、．]?|[（(][0-9]{1,3}[）)])$")
_ROW_GLUED = re.compile(r"^([0-9]{1,3})[.、．]?(?=[\u4e00-\u9fff])")  # 1公办园学位不足 (no space)
_DEADLINE_CELL = re.compile(r"[0-9０-９]|[年月]底|年内|前$")


def _row_cells(line: str) -> list[str]:
    body = line.strip().strip("|｜").strip()
    cells = [c for c in _CELL_SPLIT.split(body) if c]
    if cells and not _ROW_NUMBER.match(halfwidth(cells[0])):
        m = _ROW_GLUED.match(halfwidth(cells[0]))
        if m and cells[0][m.end()] not in _UNIT_CHARS:
            cells[0:1] = [cells[0][: m.end()], cells[0][m.end() :]]
    return cells


@cache
def _row_joint() -> re.Pattern[str]:
    """A status cell run into the next row's number (`…整改中2 部分校舍…`)."""
    w = _w()
    return re.compile(rf"(?:{_alt(w['completed'] + w['in_progress'])})(?=[0-9]{{1,3}}[.、．]?\s)")


def _row_lines(lines: list[Line]) -> list[Line]:
    """Lines split where the reader joined table rows (wrapped-line joining)."""
    out: list[Line] = []
    for ln in lines:
        cuts = [m.end() for m in _row_joint().finditer(ln.text)]
        first = (_row_cells(ln.text) or [""])[0] if cuts else ""
        if not cuts or not _ROW_NUMBER.match(halfwidth(first)):
            out.append(ln)
            continue
        a = 0
        for b in [*cuts, len(ln.text)]:
            out.append(Line(ln.start + a, ln.text[a:b], ln.start + b))
            a = b
    return out


_PIPE_SPLIT = re.compile(r"[|｜\t]")
_SPACE_SPLIT = re.compile(r"[|｜\t]|\s+")
_HEAD_CELL = re.compile(r"[\u4e00-\u9fff（）()]{1,10}")
_NEXT_ROW = re.compile(
    r"^(.*?\S)\s*([0-9]{1,3})$"
)  # 已完成2 (a cell glued to the next row's number)


@dataclass
class _Cell:
    text: str
    pos: int  # offset in the line's text
    line: int  # index of its line among the table's lines
    last: bool  # the last cell of its line


def _split_cells(t: str, split: re.Pattern[str], k: int) -> list[_Cell]:
    cells: list[_Cell] = []
    a = 0
    for m in [*split.finditer(t), None]:
        b = m.start() if m else len(t)
        raw = t[a:b]
        if raw.strip():
            cells.append(_Cell(raw.strip(), a + len(raw) - len(raw.lstrip()), k, False))
        a = m.end() if m else a
    if cells:
        cells[-1].last = True
    return cells


def _table_head(t: str) -> tuple[re.Pattern[str], list[str], int, int] | None:
    """(cell splitter, column heads, status column, problem column) of a table's head line
    (`序号|问题|整改措施|完成情况`, or its cells spaced apart), or None."""
    w = _w()
    split = _PIPE_SPLIT if _PIPE_SPLIT.search(t) else _SPACE_SPLIT
    heads = [c.text for c in _split_cells(t, split, 0)]
    if len(heads) < 3 or not all(_HEAD_CELL.fullmatch(h) for h in heads):
        return None
    if heads[0] not in w["table_number_heads"]:
        return None
    status = [k for k, h in enumerate(heads) if h in w["table_status_heads"]]
    problem = [k for k, h in enumerate(heads) if any(x in h for x in w["table_problem_heads"])]
    problem = [k for k in problem if k not in status]
    if len(status) != 1 or not problem:
        return None
    return split, heads, status[0], problem[0]


def _cell_status(cell: str) -> str:
    """The status a status cell says: a status phrase opening it (`已完成`, `目前正在推进，计划…`,
    `已于2024年6月完成整改`), a short cell naming one (`持续推进中`; not a deadline,
    `2024年6月底前完成`), or a closing status sentence; else unknown."""
    c = cell.strip().strip("。.")
    found = _opening_kind(c)
    if found:
        return found[1]
    if len(c) <= ROW_STATUS_MAX and not _DEADLINE_CELL.search(c):
        return _status_of_text(c) or "unknown"
    for sentence in reversed([x for x in re.split(r"[。；;！!]", c) if x.strip()]):
        said = _status_sentence(sentence.strip())
        if said is not None:
            return said[0]
    return "unknown"


def _table_rows(cells: list[_Cell], ncols: int) -> list[list[_Cell]] | None:
    """The rows of a numbered table from its body cells: a row has `ncols` cells and starts
    with its number; a line the reader joined from several rows is cut where a cell runs into
    the next row's number (`…|已完成2|…`). None when the rows do not line up (a row not
    numbered next, or too short)."""
    rows: list[list[_Cell]] = []
    cur: list[_Cell] = []
    for c in cells:
        if cur and c.line != cur[-1].line:
            rows.append(cur)  # a new line starts a new row
            cur = []
        if len(cur) == ncols - 1 and not c.last and _ROW_NUMBER.match(halfwidth(cur[0].text)):
            m = _NEXT_ROW.match(c.text)
            n = int(re.sub(r"\D", "", halfwidth(cur[0].text)))
            if m and int(m.group(2)) == n + 1:
                cur.append(_Cell(m.group(1), c.pos, c.line, False))
                rows.append(cur)
                cur = [_Cell(m.group(2), c.pos + m.start(2), c.line, False)]
                continue
        cur.append(c)
        if len(cur) == ncols:
            rows.append(cur)
            cur = []
    if cur:
        rows.append(cur)
    last = None
    for row in rows:
        number = halfwidth(row[0].text)
        if not _ROW_NUMBER.match(number) or len(row) < ncols:
            return None
        n = int(re.sub(r"\D", "", number))
        if last is not None and n != last + 1:
            return None
        last = n
    return rows


def _headed_table_items(text: str, lines: list[Line]) -> list[RectItem]:
    """Items of a table whose head names its columns (`序号|问题|整改措施|完成情况`): one
    numbered row per item, titled by its problem cell, its status what its status cell says
    (`_cell_status`). The body runs over the lines after the head that hold table cells (pipe
    tables: a `|`; spaced cells: a numbered line). Empty when no such head or the rows do not
    line up (the flattened rows are then read by `_table_items`)."""
    for i, ln in enumerate(lines):
        head = _table_head(ln.text)
        if head is None:
            continue
        split, heads, status_col, problem_col = head
        body: list[Line] = []
        cells: list[_Cell] = []
        for nxt in lines[i + 1 :]:
            if split is _PIPE_SPLIT and not _PIPE_SPLIT.search(nxt.text):
                break
            row = _split_cells(nxt.text, split, len(body))
            if not row or not _ROW_NUMBER.match(halfwidth(row[0].text)):
                break
            body.append(nxt)
            cells += row
        rows = _table_rows(cells, len(heads))
        if not rows:
            continue
        items: list[RectItem] = []
        for row in rows:
            title, st_cell = row[problem_col], row[status_col]
            at = _cell_offset(text, body[title.line], title)
            st_at = _cell_offset(text, body[st_cell.line], st_cell)
            st = _cell_status(st_cell.text)
            items.append(
                RectItem(
                    len(items) + 1,
                    title.text[:TITLE_MAX],
                    st,
                    at if at is not None else body[title.line].start,
                    status_evidence=st_cell.text if st != "unknown" and st_at is not None else None,
                    status_char_start=st_at if st != "unknown" else None,
                )
            )
        return items
    return []


def _cell_offset(text: str, ln: Line, cell: _Cell) -> int | None:
    """The offset of a cell's text in `text`, searched from about its place in the line."""
    end = ln.end if ln.end else len(text)
    for start in (ln.start + max(0, cell.pos - 4), ln.start):
        at = text.find(cell.text, start, end)
        if at >= 0:
            return at
    return None


def _table_items(text: str, lines: list[Line]) -> list[RectItem]:
    """Items of a table flattened into lines: `1 问题 措施 时限 已完成` or `| 1 | … | 整改中 |`.

    A row is a numbered line of at least three cells (split on `|`, tabs or spaces) whose
    last cell is a status; its second cell is the item's title. A deadline in the last cell
    (`2024年6月`, `年底前完成`) is no status; when such deadlines close as many numbered rows as
    statuses do, the last column is the deadline (长期坚持 there is a deadline too): no items.
    """
    items: list[RectItem] = []
    deadlines = 0
    for ln in _row_lines(lines):
        cells = _row_cells(ln.text)
        if len(cells) < 3 or not _ROW_NUMBER.match(halfwidth(cells[0])):
            continue
        last, title = cells[-1].strip("。."), cells[1]
        if _DEADLINE_CELL.search(last):
            deadlines += 1
            continue
        st = _status_of_text(last) if len(last) <= ROW_STATUS_MAX else None
        if st is None or not re.search(r"[\u4e00-\u9fff]{2}", title):
            continue
        at = _locate(text, title, ln.start)
        st_at = text.rfind(last, ln.start, ln.end) if ln.end else -1
        items.append(
            RectItem(
                len(items) + 1,
                title[:TITLE_MAX],
                st,
                at if at is not None else ln.start,
                status_evidence=last if st_at >= 0 else None,
                status_char_start=st_at if st_at >= 0 else None,
            )
        )
    return items if len(items) > deadlines else []


# ------------------------------------------------------------------------------ stated count


def _count_value(s: str) -> int | None:
    s = halfwidth(s)
    v = int(s) if s.isdigit() else parse_chinese_numeral(s)
    return v if v is not None and 0 < v <= COUNT_MAX else None


@cache
def _count_patterns() -> list[re.Pattern[str]]:
    w = _w()
    units = _alt(w["count_units"])
    nouns = _alt(w["count_nouns"])
    return [
        # 3个方面15项 / 四个方面的12项整改任务: the second number counts
        re.compile(
            rf"(?:{_NUM})\s*(?:{_GROUPS})\s*(?:的|共|共计|计)?\s*(?P<n>{_NUM})\s*(?:{units})"
            rf"\s*(?:具体)?(?P<noun>(?:{nouns})?)"
        ),
        # 四个方面12项整改任务 / 共23个问题 / 十二条反馈意见
        re.compile(
            rf"(?:{_TOTAL_WORDS})?\s*(?P<n>{_NUM})\s*(?:{units})\s*(?:具体)?(?P<noun>{nouns})"
        ),
        # 反馈问题23个 / 整改任务共12项
        re.compile(
            rf"(?P<noun>{nouns})\s*(?:清单|台账)?\s*(?:{_TOTAL_WORDS})?\s*(?P<n>{_NUM})\s*(?:{units})"
        ),
    ]


_TOTAL_WORDS = r"共有|共计|合计|总计|累计|共|计|有"
_GROUPS = r"个方面|方面|个大类|大类|个类别|类|个领域|领域|个板块|板块|大项"
_CLAUSE_END = "。；;，,！？\n"
_TRIGGERS = (
    "整改",
    "反馈",
    "巡察",
    "巡视",
    "督导",
    "审计",
    "交办",
    "评估",
    "检查",
    "梳理",
    "查摆",
    "查找",
    "查出",
    "发现",
    "指出",
    "清单",
    "台账",
    "销号",
)
_SENTENCE_END = "。；;！？\n"


def _span(text: str, a: int, b: int, ends: str, limit: int | None = None) -> tuple[int, int]:
    """The stretch of `text` around a..b up to the nearest characters of `ends` on each side
    (at most `limit` characters beyond a and b)."""
    far = len(text) if limit is None else limit
    s = a
    while s > 0 and a - s < far and text[s - 1] not in ends:
        s -= 1
    e = b
    while e < len(text) and e - b < far and text[e] not in ends:
        e += 1
    return s, e


def _clause(text: str, a: int, b: int) -> tuple[int, str]:
    s, e = _span(text, a, b, _CLAUSE_END)
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    return s + lead, raw.strip()


def _sentence(text: str, a: int, b: int) -> str:
    s, e = _span(text, a, b, _SENTENCE_END, SENTENCE_MAX)
    return text[s:e]


@cache
def _other_noun() -> re.Pattern[str]:
    """What a count names when it counts no tasks (22项评价指标): a word of
    `count_other_nouns` after at most four characters."""
    return re.compile(rf"\s*[\u4e00-\u9fff]{{0,4}}?(?:{_alt(_w()['count_other_nouns'])})")


def stated_counts(text: str, strict: bool) -> list[tuple[int, str, int]]:
    """The task counts the report states, in order: (count, clause, clause offset).

    Counts on numbered heading lines (per-category counts) and counts of what is already done
    (已完成整改22项) are skipped. `strict`: the words around the count must name rectification
    or an inspection (整改任务, 督导反馈的9个问题, 9个问题已整改到位: `strict_count_context`),
    for reports that are not rectification reports.
    """
    lines = _lines(text)
    heading_lines = sorted((lines[h.idx].start, lines[h.idx].end) for h in _headings(text, lines))
    found: list[tuple[int, int, str, int]] = []
    for pat in _count_patterns():
        for m in pat.finditer(text):
            n = _count_value(m.group("n"))
            if n is None or re.match(_GROUPS, text[m.end() : m.end() + 4]):
                continue
            at, clause = _clause(text, m.start(), m.end())
            if any(a <= m.start() < b for a, b in heading_lines):
                continue  # a category heading: 一、…方面，共1项整改任务
            before = text[at : m.start()]
            if re.search(r"已|完成|其中|剩余|尚有|未", before[-8:]) or any(
                w in before[-4:] for w in _w()["status_count_rest"]
            ):
                continue  # what is done, or the rest (其余2个问题), is no total
            if not any(t in _sentence(text, m.start(), m.end()) for t in _TRIGGERS):
                continue
            noun = m.group("noun")
            if not noun and _other_noun().match(text, m.end()):
                continue  # 7个方面22项评价指标: indicators, no tasks
            near = before[-8:] + noun + text[m.end() : m.end() + 6]
            if strict and not any(w in near for w in _w()["strict_count_context"]):
                continue
            found.append((m.start(), n, clause, at))
    found.sort()
    return [(n, clause, at) for _, n, clause, at in found]


def _said_against(
    counts: list[tuple[int, str, int]], prose: StatedStatuses | None
) -> tuple[int, str, int] | None:
    """The stated count the done / ongoing counts of `prose` are said against: one stated in
    their own sentence (31项整改任务中已完成28项、正在推进3项), else the one they add up to
    (指出23个问题，制定整改任务31项 … 已完成28项，正在推进3项 -> 31); else the first. The
    first statement of that number is the evidence."""
    if not counts:
        return None
    chosen = counts[0]
    if prose is not None:
        said = (prose.completed or 0) + (prose.in_progress or 0)
        end = prose.char_start + len(prose.evidence)
        own = [c for c in counts if prose.char_start <= c[2] < end and said <= c[0]]
        both = prose.completed is not None and prose.in_progress is not None
        sums = [c for c in counts if c[0] == said] if both else []
        chosen = (own or sums or [chosen])[0]
    return next(c for c in counts if c[0] == chosen[0])


# ------------------------------------------------------------------------ stated statuses


@dataclass
class StatedStatuses:
    """Counts of done/ongoing items a report states in prose (`已完成整改5项，正在整改2项`)."""

    completed: int | None
    in_progress: int | None
    evidence: str  # the sentence, verbatim
    char_start: int
    rest: bool = False  # the ongoing count is of "the rest" (其余3项正在推进)


class _Hit(NamedTuple):
    """A count said with its status in stated_statuses."""

    start: int
    end: int
    kind: str  # done / ongoing / rest (其余2项正在推进: ongoing, the rest of the done ones)
    n: int
    named: bool = False  # a problem named (“大班额”问题仍在整改中), not counted


# the kinds of _status_count_patterns(): a count before its status, a status before its count,
# the rest (其余2个问题…持续整改), problems named (“大班额”问题仍在整改中), a total said all
# done later in its sentence (反馈的5个问题，截至2024年底已全部整改到位)
COUNT_STATUS, STATUS_COUNT, REST, NAMED, ALL = "count", "status", "rest", "named", "all"


@cache
def _status_count_patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _w()
    units = _alt(w["count_units"])
    nouns = _alt(w["count_nouns"])
    plans = set(w["status_count_excluded"])
    ongoing = [x for x in w["in_progress"] if x not in plans]
    status = rf"(?:(?P<done>{_alt(w['completed'])})|(?P<ongoing>{_alt(ongoing)}))"
    tails = _alt(w["closing_status_tails"])
    count = rf"(?<![至到\-－—~～])(?P<n>{_NUM})\s*(?:{units})"  # not 12至15项 (item numbers)
    named = r"(?:[（(][^）)\n]{1,30}[）)])?"  # 1个（大班额问题）正在推进: what it is, in brackets
    return [
        # 6个已完成整改 / 12项已整改到位 / 1个正在持续整改 (not 25项整改任务已完成22项 nor
        # 14个问题已整改到位12个: a total whose status word carries its own count)
        (
            COUNT_STATUS,
            re.compile(
                rf"{count}\s*(?:{nouns})?\s*{named}\s*(?:{_alt(w['status_count_leads'])})?\s*{status}"
                rf"(?!\s*(?:{tails}|完成|的){{0,2}}\s*(?:{nouns})?\s*{_NUM}\s*(?:{units}))"
            ),
        ),
        # 已完成整改5项 / 正在整改2项 / 已整改完成问题6个 / 尚未完成的3个问题… (not
        # 已完成6个项目: a count is followed by its noun or by no word)
        (
            STATUS_COUNT,
            re.compile(
                rf"{status}\s*(?:整改|完成|的)?\s*(?:{nouns})?\s*{count}\s*"
                rf"(?:{nouns}|(?![\u4e00-\u9fff0-9]))"
            ),
        ),
        # 其余2个问题需长期坚持、持续整改: the rest, said to go on in its clause or in one of
        # the next two (其余3项涉及布局调整，正按序时推进), its own clause first
        (
            REST,
            re.compile(
                rf"(?:{_alt(w['status_count_rest'])})\s*{count}\s*(?:{nouns})?"
                rf"(?P<between>(?:[^。；;，,\n]{{0,16}}[，,]){{1,2}}?)??"
                rf"[^。；;，,\n]{{0,12}}?(?P<ongoing>{_alt(ongoing)})"
            ),
        ),
        # “大班额”问题仍在整改中 / “甲”和“乙”问题正在推进: one item per quoted name
        (
            NAMED,
            re.compile(
                rf"(?P<named>{_QUOTED}(?:\s*[、和及与]\s*{_QUOTED}){{0,5}})\s*等?\s*的?\s*"
                rf"(?:{nouns})\s*(?:均已|目前|现|均|已)?\s*{status}"
            ),
        ),
        # 反馈的5个问题，截至2024年底已全部整改到位 / 3个问题，逐项制定整改措施，目前均已整改
        # 到位: a counted noun said all done later in its sentence (the clauses between checked
        # in stated_statuses: no count, goal, 其中 nor status of their own)
        (
            ALL,
            re.compile(
                rf"{count}\s*(?:{nouns})\s*[，,](?P<between>[^。；;\n]{{0,40}}?)"
                rf"(?:{_alt(w['status_count_all_leads'])})\s*(?P<done>{_alt(w['completed'])})"
                rf"(?!\s*(?:{tails}|完成|的){{0,2}}\s*(?:{nouns})?\s*{_NUM}\s*(?:{units}))"
            ),
        ),
    ]


@dataclass
class RangeStatus:
    """A status said of numbered items as a group (`第1-3项已完成`, `12至15项…已全部整改到位`)."""

    lo: int
    hi: int
    status: str  # completed / in_progress
    evidence: str  # the clause, verbatim
    char_start: int


@cache
def _range_pattern() -> re.Pattern[str]:
    w = _w()
    units = _alt(w["range_units"])
    plans = set(w["status_count_excluded"])
    ongoing = [x for x in w["in_progress"] if x not in plans]
    num = r"([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})"
    dash = r"(?:至|到|-|－|—|~|～)"
    return re.compile(
        rf"(?<![0-9０-９])(?:第\s*{num.replace('(', '(?P<lo>', 1)}\s*(?:{units})?"
        rf"(?:\s*{dash}\s*第?\s*{num.replace('(', '(?P<hi>', 1)})?"
        rf"|{num.replace('(', '(?P<lo2>', 1)}\s*{dash}\s*第?\s*{num.replace('(', '(?P<hi2>', 1)})"
        rf"\s*(?:{units})[^。；;\n]{{0,40}}?"
        rf"(?:(?P<done>{_alt(w['completed'])})|(?P<ongoing>{_alt(ongoing)}))"
    )


def range_statuses(text: str) -> list[RangeStatus]:
    """Statuses said of numbered items by their numbers, outside numbered headings."""
    lines = _lines(text)
    heading_lines = [(lines[h.idx].start, lines[h.idx].end) for h in _headings(text, lines)]
    out: list[RangeStatus] = []
    for m in _range_pattern().finditer(text):
        if any(a <= m.start() < b for a, b in heading_lines):
            continue
        lo = _count_value(m.group("lo") or m.group("lo2"))
        hi_raw = m.group("hi") or m.group("hi2")
        hi = _count_value(hi_raw) if hi_raw else lo
        if lo is None or hi is None or not 0 <= hi - lo < RANGE_MAX:
            continue
        at, clause = _clause(text, m.start(), m.end())
        kind = "completed" if m.group("done") else "in_progress"
        out.append(RangeStatus(lo, hi, kind, clause, at))
    return out


def stated_statuses(text: str, lo: int = 0, hi: int | None = None) -> StatedStatuses | None:
    """The first sentence that counts done and/or ongoing items, outside numbered headings
    (and within text[lo:hi]).

    Counts of one kind in that sentence add up (基本完成2项，正在推进1项 -> 3 ongoing).
    """
    lines = _lines(text)
    heading_lines = [(lines[h.idx].start, lines[h.idx].end) for h in _headings(text, lines)]
    hits: list[_Hit] = []
    context = _TRIGGERS + tuple(_w()["count_nouns"])
    for k, pat in _status_count_patterns():
        for m in pat.finditer(text, lo, len(text) if hi is None else hi):
            if k == NAMED:
                n: int | None = len(re.findall(_QUOTED, m.group("named")))
            else:
                n = _count_value(m.group("n"))
            if n is None or any(a <= m.start() < b for a, b in heading_lines):
                continue
            if _patterns()["future"].search(text[max(0, m.start() - 8) : m.start()]):
                continue  # 确保12个问题全部完成整改: a goal, not a state
            sentence = _sentence(text, m.start(), m.end()) + _previous_sentence(text, m.start())
            if not any(t in sentence for t in context):
                continue  # 新建校舍3项已完成: no count of rectification items
            kind = "done" if m.groupdict().get("done") else "ongoing"
            if k == ALL and _clause_says_other(m.group("between"), goal_or_part=True):
                continue
            if k == REST:
                if _clause_says_other(m.group("between")):
                    continue
                kind = "rest"  # 其余2项正在推进: ongoing, the rest of the done ones
            hits.append(_Hit(m.start(), m.end(), kind, n, named=k == NAMED))
    # a problem named (“大班额”问题仍在整改中) counts only beside counted ones in its sentence
    hits = [h for h in hits if not h.named or _beside_counts(text, h, hits)]
    if not hits:
        return None
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[_Hit] = []
    for h in hits:  # one count read by two patterns (其余2个正在整改 / 2个正在整改) counts once
        if not any(h.start < x.end and x.start < h.end for x in kept):
            kept.append(h)
    hits = [h for h in kept if not _breakdown(text, h, kept)]
    first = hits[0]
    s, e = _span(text, first.start, first.end, _SENTENCE_END)
    same = [h for h in hits if s <= h.start and h.end <= e]
    done = [h.n for h in same if h.kind == "done"]
    ongoing = [h.n for h in same if h.kind != "done"]
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    return StatedStatuses(
        sum(done) if done else None,
        sum(ongoing) if ongoing else None,
        raw.strip(),
        s + lead,
        rest=bool(ongoing) and all(h.kind == "rest" for h in same if h.kind != "done"),
    )


def _breakdown(text: str, hit: _Hit, hits: list[_Hit]) -> bool:
    """Whether `hit` breaks down a count said before it in its sentence (其余4个正在持续整改
    （其中已取得阶段性成效3个、需长期坚持1个）): a 其中 after that count, to the end of the
    sentence or of the bracket it opens."""
    s = _span(text, hit.start, hit.start, _SENTENCE_END)[0]
    earlier = [h.end for h in hits if s <= h.start and h.end <= hit.start]
    if not earlier:
        return False
    between = text[min(earlier) : hit.start]
    at = between.rfind("其中")
    if at < 0:
        return False
    opened = between[:at].rstrip().endswith(("（", "("))
    return not (opened and re.search(r"[）)]", between[at:]))


def _clause_says_other(between: str | None, *, goal_or_part: bool = False) -> bool:
    """Whether the clauses between a count and the status word read with it say a status or
    a count of their own: after a rest count, 其余2个已于近期完成验收，持续推进长效管理 is done,
    not ongoing; before a total's 均已/已全部, 制定整改措施18条 is a count of its own. With
    `goal_or_part` (a total said all done), a goal (力争…) or a part (其中) counts too."""
    if not between:
        return False
    p = _patterns()
    if _status_of_text(between) is not None or p["count_unit"].search(between):
        return True
    return goal_or_part and ("其中" in between or bool(p["future"].search(between)))


def _beside_counts(text: str, hit: _Hit, hits: list[_Hit]) -> bool:
    """Whether a count (not a named problem) is said in the sentence of `hit`."""
    s, e = _span(text, hit.start, hit.end, _SENTENCE_END)
    return any(s <= h.start and h.end <= e and not h.named for h in hits)


def _previous_sentence(text: str, at: int) -> str:
    """The sentence before the one at `at` on the same line (督导反馈问题共11项。已完成7项…:
    the count's context is said in the sentence before)."""
    s = _span(text, at, at, _SENTENCE_END)[0]
    if s == 0 or text[s - 1] == "\n":
        return ""
    return _sentence(text, s - 1, s - 1)


def _prose_counts(
    items: list[RectItem], tasks: int | None, text: str, prose: StatedStatuses | None = None
) -> StatedStatuses | None:
    """The counts the report states in prose when they beat the item statuses, else None.
    `prose`: stated_statuses(text), when the caller has it already.

    The contract (EXTRACT.md) counts item statuses. The report's own summary (已完成整改13个，
    正在整改2个) is used only where those are incomplete: an item without a status, or fewer
    items found than the stated total. Counts that cannot be (done + ongoing over the stated
    total) are dropped, and so are counts amid the items (between the first and the last)
    when items have statuses.
    """
    if prose is None:
        prose = stated_statuses(text)
    if prose is None:
        return None
    said = (prose.completed or 0) + (prose.in_progress or 0)
    total = tasks if tasks is not None else said
    if items and all(i.status != "unknown" for i in items) and len(items) >= total:
        return None  # every item says its status and none is missing: those are the counts
    if tasks is not None and said > tasks:
        return None
    if _amid_items(items, prose.char_start):
        return None  # a count inside an item's paragraph (排查隐患12处…) sums up no items
    return prose


def _section_end(text: str, at: int) -> int:
    """Where the section holding offset `at` ends: the next top-rank heading (`一、`), or the
    end of the text."""
    lines = _lines(text)
    for h in _headings(text, lines):
        if h.rank == 0 and lines[h.idx].start > at:
            return lines[h.idx].start
    return len(text)


def _rest_of_total(prose: StatedStatuses, st: tuple[int, str, int], text: str) -> bool:
    """Whether an ongoing count of "the rest" (其余3项正按时序推进) is the rest of the stated
    total: no done count said, said in the total's own paragraph, and less than the total."""
    if not prose.rest or prose.completed is not None or prose.in_progress is None:
        return False
    n, _, at = st
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    return start <= prose.char_start < (len(text) if end < 0 else end) and prose.in_progress < n


def _amid_items(items: list[RectItem], at: int, *, through_last: bool = False) -> bool:
    """Whether offset `at` lies between the first and the last of items with statuses, or,
    `through_last`, before the status line of the last item (its measures: 纠正问题12项; only
    while every status is the item's own, before ranges said after the items are assigned)."""
    starts = [i.char_start for i in items if i.char_start is not None]
    if not any(i.status != "unknown" for i in items) or len(starts) < 2:
        return False
    end = max(starts)
    last = max((i for i in items if i.char_start is not None), key=lambda i: i.char_start or 0)
    if through_last and last.status_char_start is not None and last.status_char_start > end:
        end = last.status_char_start
    return min(starts) <= at < end


def _range_counts(
    ranges: list[RangeStatus], tasks: int | None, items: list[RectItem]
) -> StatedStatuses | None:
    """Counts of items said done / ongoing by their numbers (第1-11项已完成，12至15项正在整改),
    when the items themselves are not all found: the found items' statuses, plus the numbers
    beyond them; each item number counts once."""
    seen: dict[int, str] = {i.seq: i.status for i in items}
    for r in ranges:
        for n in range(r.lo, r.hi + 1):
            seen.setdefault(n, r.status)
    if "unknown" in seen.values():
        return None  # found items without a status: the numbers say too little
    done = sum(1 for v in seen.values() if v == "completed")
    ongoing = len(seen) - done
    if tasks is not None and done + ongoing > tasks:
        return None
    first = ranges[0]
    return StatedStatuses(done or None, ongoing or None, first.evidence, first.char_start)


def count_evidence(rect: Rectification, text: str) -> dict[str, tuple[str, int]]:
    """Evidence (verbatim, offset) for the tasks/completed/in_progress counts of `rect`.

    tasks: the stated count's clause. completed / in_progress: the sentence that states the
    counts when those counts won (_prose_counts), else the status line of the first item with
    that status. A key is missing where no evidence is known.
    """
    out: dict[str, tuple[str, int]] = {}
    if rect.tasks_evidence is not None and rect.tasks_char_start is not None:
        out["tasks"] = (rect.tasks_evidence, rect.tasks_char_start)
    stated = rect.tasks if rect.tasks_evidence is not None else None
    prose = _prose_counts(rect.items, stated, text)
    if not rect.items and rect.tasks_char_start is not None:
        at = rect.tasks_char_start  # counts said in the stated total's section
        prose = stated_statuses(text, at, _section_end(text, at)) or prose
    if (
        prose is not None
        and prose.completed == rect.completed
        and prose.in_progress in (rect.in_progress, None)  # 已全部完成: none goes on
    ):
        for key in ("completed", "in_progress"):
            out[key] = (prose.evidence, prose.char_start)
        return out
    for key, status in (("completed", "completed"), ("in_progress", "in_progress")):
        for item in rect.items:
            if item.status == status and item.status_evidence is not None:
                out[key] = (item.status_evidence, item.status_char_start or 0)
                break
    return out


_YEAR = re.compile(
    r"(?:(?P<asof>截至|截止|截止到|到|至)\s*)?(?P<y>(?:19|20|１９|２０)[0-9０-９]{2})\s*年(?!度)"
)


def count_year(text: str, at: int, length: int) -> int | None:
    """The year named in the sentence that states a count, up to the count's clause end
    (`截至2022年11月底，…15个问题中，已完成整改13个` -> 2022), or None.

    An as-of date (截至/截止/到 …年) anywhere in the sentence wins; else a year in the count's
    own clause (2022年共梳理整改任务8项), unless an inspection noun follows it there
    (`2022年省级督导反馈的8个问题`: the year dates the inspection, `count_year_event_nouns`).
    The date of an event told in a clause of its own (`2023年10月，省督导组…反馈了6个问题`) and
    `2022年度` (the year assessed) are no such year.
    """
    s = _span(text, at, at, _SENTENCE_END, SENTENCE_MAX)[0]
    found = [m for m in _YEAR.finditer(text, s, at + length) if not _plan_year(text, s, m)]
    asof = [m for m in found if m.group("asof")]
    if asof:
        return int(halfwidth(asof[-1].group("y")))
    c = at
    while c > s and text[c - 1] not in _CLAUSE_END:
        c -= 1
    event = _event_nouns()
    own = [m for m in found if m.start() >= c and not event.search(text, m.end(), at + length)]
    return int(halfwidth(own[-1].group("y"))) if own else None


def _plan_year(text: str, s: int, m: re.Match[str]) -> bool:
    """Whether the year `m` (in the sentence from `s`) is said inside brackets or after a plan
    word in its clause (一个正在整改（…预计2020年秋季投入使用…）, 计划2025年6月底前完成):
    it dates a plan, not a count."""
    before = text[s : m.start()]
    if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
        return True
    c = m.start()
    while c > s and text[c - 1] not in _CLAUSE_END:
        c -= 1
    return _plan_words().search(text, c, m.start()) is not None


@cache
def _plan_words() -> re.Pattern[str]:
    return re.compile(_alt(_w()["count_year_plan_words"]))


@cache
def _event_nouns() -> re.Pattern[str]:
    return re.compile(_alt(_w()["count_year_event_nouns"]))


# ----------------------------------------------------------------------------------- main


def extract_rectification(text: str, report_type: str) -> Rectification:
    """Items, statuses and counts; see the module docstring for the rules."""
    if report_type != "rectification":
        counts = stated_counts(text, strict=True)
        if not counts:
            return Rectification()
        at = counts[0][2]
        # the counts said of those tasks in the count's own section (…9个问题已全部整改到位)
        prose = stated_statuses(text, at, _section_end(text, at))
        st = _said_against(counts, prose)
        assert st is not None
        n, clause, at = st
        rect = Rectification(tasks=n, tasks_evidence=clause, tasks_char_start=at)
        if prose is not None and (prose.completed or 0) + (prose.in_progress or 0) <= n:
            rect.completed, rect.in_progress = prose.completed, prose.in_progress
            if rect.completed is None and _rest_of_total(prose, st, text):
                rect.completed = n - (prose.in_progress or 0)
        return rect
    items = find_items(text)
    # 梳理出隐患问题9个 inside an item's paragraph counts no tasks
    counts = [
        c
        for c in stated_counts(text, strict=False)
        if not _amid_items(items, c[2], through_last=True)
    ]
    stated = stated_statuses(text)  # the report's prose counts, read once
    st = _said_against(counts, stated)
    ranges = range_statuses(text)
    for item in items:  # 12至15项…已全部整改到位: items 12 to 15, where they say nothing
        for r in ranges:
            if item.status == "unknown" and r.lo <= item.seq <= r.hi:
                item.status = r.status
                item.status_evidence, item.status_char_start = r.evidence, r.char_start
    statuses = [i.status for i in items]
    any_status = any(s != "unknown" for s in statuses)
    rect = Rectification(
        completed=statuses.count("completed") if any_status else None,
        in_progress=statuses.count("in_progress") if any_status else None,
        items=items,
    )
    prose = _prose_counts(items, st[0] if st is not None else None, text, stated)
    if prose is None and ranges and len(items) < max(r.hi for r in ranges):
        prose = _range_counts(ranges, st[0] if st is not None else None, items)
    if prose is not None:
        rect.completed, rect.in_progress = prose.completed, prose.in_progress
        if rect.completed is None and st is not None and _rest_of_total(prose, st, text):
            rect.completed = st[0] - (prose.in_progress or 0)
    if st is not None:
        rect.tasks, rect.tasks_evidence, rect.tasks_char_start = st
    elif prose is not None and prose.completed is not None and prose.in_progress is not None:
        rect.tasks = prose.completed + prose.in_progress
        rect.tasks_evidence, rect.tasks_char_start = prose.evidence, prose.char_start
    elif items:
        rect.tasks = len(items)
    if rect.tasks is not None and (rect.completed or 0) + (rect.in_progress or 0) > rect.tasks:
        rect.completed = rect.in_progress = None  # never more done and ongoing than tasks
    return rect
