r"""Text normalisation shared by the TXT and PDF readers (evidence offsets refer to its output).

What it does, in order:

1. Line breaks: CRLF, CR, form feeds and Unicode line/paragraph separators become LF; control
   characters (other than LF/tab), byte-order marks and zero-width characters are dropped;
   Kangxi radicals / CJK compatibility ideographs (PDF text-layer artefacts, ⽇ for 日)
   become the ordinary hanzi.
2. Conversion debris is stripped from each line: Word bookmarks (`[bookmark: _GoBack]`,
   pandoc's `[]{#_GoBack .anchor}`), Markdown emphasis (`**`, paired `__`), leading Markdown
   heading marks (`#`..`######`), Markdown escapes (`1\.`), images, links to URLs (their
   text is kept), `[text]{.underline}` attributes, footnote marks, formatting HTML tags
   (`<u>`, `<span ...>`, `<br/>`; other `<` are text), table rules (`|---|---|`) and the
   pipes of table rows, and whole lines that are only a page number
   ("- 3 -", "第 3 页", "第3页 共10页", "3/10", "Page 3 of 10").
   Letter-spaced lines (PDF/web extraction puts a blank after every character:
   `2 0 2 2 年 全 县 …`) lose their single blanks (a run of two or more stays as one space),
   see `unspace_letter_spaced`. Web-page debris lines (breadcrumbs, `发布时间：… 来源：…`,
   `【打印本页】`, `扫一扫在手机打开当前页`, site footers: data/web_debris.yaml) are dropped.
3. Horizontal whitespace runs (spaces, tabs, no-break and ideographic spaces) inside a line
   become one ASCII space; lines are stripped. Nothing else is rewritten (no NFKC: full-width
   digits, ％ and ： stay, the number parser handles them).
4. Wrapped lines are joined (Chinese has no spaces, so a phrase split over two lines must be
   one line again), across blank lines too: a line continues the previous one when it starts
   with punctuation that cannot begin a line, or when the previous line is full (wrapped) or
   cut mid-sentence (also a sentence begun after a 。 of running text and cut before any
   punctuation: "…合作。2021年全县高中阶段" + "毛入学率达到95.4%，…"), unless it starts a heading/list item or is indented (first-line indent,
   centred or right-aligned). Titles, issuer and date lines stay apart. A line that starts
   with an amount or a percentage (`1,544,000,000元`, `98.6%`; not a list marker `1.`) always
   continues running text cut after a hanzi; one that starts with a year (`2023年`) does
   when the text before is cut mid-paragraph, ends in a word that wants a value (为, 达到)
   or the number could not fit on the line. See `should_join`.
5. The result has one paragraph per line, separated by a single LF, no blank lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from reportflow.catalog import data_yaml
from reportflow.numbers import scan_numbers

__all__ = [
    "normalise_text",
    "should_join",
    "starts_with_marker",
    "clean_line",
    "display_width",
    "is_page_number",
    "is_web_debris",
    "web_header",
    "unspace_letter_spaced",
]

# ---- 1. characters --------------------------------------------------------------------------
_NEWLINES = re.compile(r"\r\n|[\r\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls except \t and \n, BOM / zero-width characters, soft hyphen
_DROP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u200b\u200c\u200d\u2060\u00ad]")
# Kangxi radicals and CJK compatibility ideographs that PDF text layers emit in place of the
# ordinary hanzi (⽇ for 日): mapped to the ordinary ideograph, nothing else is touched
_HANZI_FIX = {
    o: unicodedata.normalize("NFKC", chr(o))
    for o in [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)]
    if len(unicodedata.normalize("NFKC", chr(o))) == 1
    and 0x4E00 <= ord(unicodedata.normalize("NFKC", chr(o))) <= 0x9FFF
}
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# one narrow blank (not an ideographic space or a tab, which are wide on their own)
_SINGLE_BLANK = set(
    " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
_BLANKS = "".join(_SINGLE_BLANK) + "\t\u3000"
_LETTER_SPACED = 0.6  # share of a line's characters followed by one blank
_MIN_SPACED_CHARS = 4
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# ---- 2. conversion debris -------------------------------------------------------------------
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]", re.IGNORECASE)
# pandoc / markdown converters: images, links to URLs, [text]{.attributes} (and the empty
# [](#_GoBack .anchor) bookmarks), footnote marks, a few formatting HTML tags, table rules
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?:|mailto:|www\.|#)[^)\n]{0,500}\)")
_MD_ATTR = re.compile(r"\[([^\]\n]{0,200})\]\{[^}\n]{0,200}\}")
_MD_FOOTNOTE = re.compile(r"\[\^\w{1,10}\]:?")
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|sup|sub|span|div|p|br|font|mark|del|ins|strike)"
    r"(?:\s[^<>\n]{0,200})?/?>",
    re.IGNORECASE,
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_TABLE_RULE = re.compile(r"[\s|+:=\-]+")  # and holding --- or ===, see _clean_line
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|(?=\*\*)|$)")
_MD_STRONG = re.compile(r"\*\*+")
_MD_UNDERSCORE = re.compile(r"(?<![_A-Za-z0-9])__(?!_)(\S(?:.{0,200}?\S)?)(?<!_)__(?![_A-Za-z0-9])")
_CN_NUM = "一二三四五六七八九十百零〇"
_PAGE_NUMBER = re.compile(
    rf"""(?:
        [-－—–~～]\s*\d{{1,4}}\s*[-－—–~～]             # - 3 -   —3—
      | 第\s*[\d{_CN_NUM}]{{1,4}}\s*页(?:\s*[,，/、]?\s*共\s*[\d{_CN_NUM}]{{1,4}}\s*页)?
      | 共\s*\d{{1,4}}\s*页\s*[,，/、]?\s*第\s*\d{{1,4}}\s*页
      | \d{{1,4}}\s*/\s*\d{{1,4}}                        # 3/10
      | (?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# ---- 4. line joining ------------------------------------------------------------------------
# a line ending with one of these ends a sentence: never joined with the next line
_HARD_END = set("。！？!?…")
# these end a clause or a quotation/bracket: joined only when the line is visibly wrapped
_SOFT_END = set("；;：:”’）)」』》〉】〕］")
# punctuation that cannot begin a line (kinsoku): the next line always continues this one
_NO_START = set("，,。、；;：:？！?!）)」』》〉】〕］”’％%‰…·.")
# punctuation inside a line that shows it is running text rather than a title or signature
_CLAUSE = set("，,；;、。！？")
_SENTENCE = set("。！？!?")
_SENTENCE_TAIL = re.compile(r"[^。！？!?]*$")
# a sentence ending so announces what follows on lines of their own (具体情况如下)
_ANNOUNCING = ("如下", "如下所示")
_OPEN_CLOSE = ("《（(“‘【〔「『［", "》）)”’】〕」』］")

_MARKER = re.compile(
    rf"""^(?:
        [{_CN_NUM}]+\s*[、.．]                                # 一、  二.
      | [（(]\s*[{_CN_NUM}\d]{{1,3}}\s*[）)]                  # （一） (1)
      | \d{{1,2}}\s*[、）)]                                   # 1、 1）
      | \d{{1,2}}\s*[.．](?!\d)                               # 1.  (not 1.5)
      | [\u2460-\u2473\u2474-\u2487\u2488-\u249b\u2776-\u277f\u2780-\u2789]   # ① ⑴ ⒈ ❶ ➀
      | 第[{_CN_NUM}\d]{{1,3}}(?:[章节条款部分项点篇]|[，,、：:])   # 第一章 第一，
      | 问题\s*\d{{1,3}}                                      # 问题1
      | [-*•·●○■□◆◇▪►]\s                                     # bullets
      | (?![^：:]*如下)[\u4e00-\u9fff]{{2,7}}\s*[：:](?!\d)     # 整改措施： (not 比例3:1, 如下：)
    )""",
    re.VERBOSE,
)

# a line ending inside a decimal number or a ratio (分别为0. / 生师比为17.2:), not after a
# numbered label (附件2:)
_DECIMAL_CUT = re.compile(r"\d[.．]$|(?<![\d.附件表图录])[\d.]*\d[:∶]$")

# a flattened table row: cells split by blanks or |, its last two cells numbers (with a
# unit, a ≤/≥ standard or a ratio) or a verdict ("生均教学仪器设备值（元） 2000 3862 达标")
_CELL_SPLIT = re.compile(r"\s*\|\s*|\s+")
_NUM_CELL = re.compile(
    r"[≤≥<>＜＞≦≧]?[-+－]?[\d０-９]+(?:[.．][\d０-９]+)?(?:[%％‰]|[:：∶][\d０-９.]+|年|万元|亿元|元|人|所|个)?"
)
_UNIT_BLANK = re.compile(
    r"(?<=[\d０-９])[ \u00a0\u3000]+(?=[%％‰]|(?:万元|亿元|元|人|所|个)(?!\S))"
)
_VERDICT_CELL = {"达标", "未达标", "不达标", "是", "否", "√", "×", "✓", "✗", "合格", "不合格"}


def is_table_row(line: str) -> bool:
    """True for a line that is a row of a flattened table (three or more cells, the last two
    numbers or verdicts): such lines are never joined to the next one. A blank between a
    number and its unit (`96.2 %`) does not split a cell."""
    cells = [c for c in _CELL_SPLIT.split(_UNIT_BLANK.sub("", line.strip())) if c]
    if len(cells) < 3:
        return False
    return all(c in _VERDICT_CELL or _NUM_CELL.fullmatch(c) for c in cells[-2:])


WEB_HEADER_LINES = 30  # lines read for a web page's header (web_header)
_WRAPPED = 0.8  # a line at least this share of the typical full line width is a wrapped line


def display_width(s: str) -> int:
    """Width in half-width cells: CJK and full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number ("- 3 -", "第3页 共10页", "3/10", "12")."""
    line = _HSPACE.sub(" ", line).strip()
    return bool(_PAGE_NUMBER.fullmatch(line) or (line.isdigit() and len(line) <= 4))


def starts_with_marker(line: str) -> bool:
    """True if the line begins like a heading or list item (一、 （一） 1. ① 整改措施：...)."""
    return bool(_MARKER.match(line))


def unspace_letter_spaced(line: str) -> str:
    """A letter-spaced line (`9 . 8 7 万 元`, `全 县 共 有 学 校`) without its single blanks.

    A line is letter-spaced when at least 60% of its visible characters are followed by one
    blank and at least two of its blank-separated pieces are single hanzi (so a flattened table
    row of numbers `小学 5 3 2 1`, a Latin phrase or `占比 %` are kept). A run of two or more
    blanks in such a line stays as one space; leading and trailing blanks are kept.
    """
    body = line.strip(_BLANKS)
    if len(body) < 2 * _MIN_SPACED_CHARS - 1 or not any(c in _SINGLE_BLANK for c in body):
        return line
    runs = _HSPACE.findall(body)
    pieces = _HSPACE.split(body)
    visible = len(body) - sum(map(len, runs))
    singles = sum(1 for r in runs if len(r) == 1 and r in _SINGLE_BLANK)
    if visible < _MIN_SPACED_CHARS or singles < _LETTER_SPACED * visible:
        return line
    if sum(1 for p in pieces if len(p) == 1 and _HANZI.match(p)) < 2:
        return line
    out = [pieces[0]]
    for run, piece in zip(runs, pieces[1:], strict=True):
        out.append(("" if len(run) == 1 and run in _SINGLE_BLANK else " ") + piece)
    start = line.index(body[0])
    return line[:start] + "".join(out) + line[start + len(body) :]


@cache
def _value_wanting_ends() -> tuple[str, ...]:
    return tuple(data_yaml("report_words.yaml")["textnorm"]["value_wanting_ends"])


@cache
def _debris() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None, int]:
    """The compiled patterns of data/web_debris.yaml: (line starts, line contains, inline,
    the longest line `line contains` applies to)."""
    data = data_yaml("web_debris.yaml")

    def alt(key: str) -> str:
        return "|".join(f"(?:{p})" for p in data.get(key) or [])

    inline = alt("inline")
    return (
        re.compile(alt("line_starts")),
        re.compile(alt("line_contains")),
        re.compile(inline) if inline else None,
        int(data.get("max_line", 160)),
    )


def is_web_debris(line: str) -> bool:
    """True for a line of web-page furniture (breadcrumb, page header, share/print links,
    site footer): the patterns of data/web_debris.yaml."""
    line = _HSPACE.sub(" ", line).strip()
    starts, contains, _, max_line = _debris()
    if starts.match(line):
        return True
    return len(line) <= max_line and "。" not in line and bool(contains.search(line))


def web_header(raw: str, lines: int = WEB_HEADER_LINES) -> list[str]:
    """The web-page furniture lines among the first `lines` non-blank lines of a raw text
    (`发布时间：2024-03-15`, `来源：…`): normalise_text drops them, yet the page date they
    carry dates a news page that has no signature (metadata.report_year)."""
    head = [x for x in (_HSPACE.sub(" ", ln).strip() for ln in raw[:20_000].splitlines()) if x]
    inline = _debris()[2]
    out = []
    for ln in head[:lines]:
        if is_web_debris(ln):
            out.append(ln)
        elif inline is not None and (m := inline.search(ln)):
            out.append(m.group(0).strip())  # a header run into a title line
    return out


def _strip_web_debris(line: str) -> str:
    """The line without inline web furniture (`【字体：大 中 小】`, `【打印本页】`), or ""
    when the whole line is debris."""
    inline = _debris()[2]
    if inline is not None and ("【" in line or "[" in line or "：" in line or ":" in line):
        line = _HSPACE.sub(" ", inline.sub(" ", line)).strip()
    return "" if not line or is_web_debris(line) else line


def _indent(line: str) -> int:
    """Width of the leading blank (full-width space 2, tab 4, others 1)."""
    n = 0
    for c in line:
        if c == "\u3000":
            n += 2
        elif c == "\t":
            n += 4
        elif c in " \u00a0":
            n += 1
        else:
            break
    return n


def clean_line(line: str) -> str:
    """One line without conversion debris (bookmarks, Markdown, web-page furniture, a page
    number) and surrounding blanks; for code that reads lines of a not yet normalised text."""
    return _clean_line(line)[0]


def _clean_line(line: str) -> tuple[str, int, int]:
    """(cleaned line, display width of the line as laid out (debris included), indent)."""
    indent = _indent(line)
    line = _HSPACE.sub(" ", unspace_letter_spaced(line)).strip()
    width = display_width(line) + min(indent, 4)  # a first-line indent fills the line too
    if ("---" in line or "===" in line) and _TABLE_RULE.fullmatch(line):
        return "", 0, 0
    if len(line) > 1 and line[0] == "|" and line[-1] == "|":  # a pipe-table row: its cells
        line = line[1:-1].replace("|", " ")
    line = _BOOKMARK.sub("", line)
    if "[" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_ATTR.sub(r"\1", line)
        line = _MD_FOOTNOTE.sub("", line)
    if "<" in line:
        line = _HTML_TAG.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_STRONG.sub("", line)
    line = _MD_UNDERSCORE.sub(r"\1", line)
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    line = _HSPACE.sub(" ", line).strip()
    kept = _strip_web_debris(line)
    if kept != line:  # web furniture cut off a line was no text laid out on the page
        line, width = kept, display_width(kept) + min(indent, 4)
    if not line or _PAGE_NUMBER.fullmatch(line):
        return "", 0, 0
    return line, width, indent


def _percentile(values: list[int], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return float(ordered[k])


def should_join(
    paragraph: str,
    line: str,
    nxt: str,
    full_width: float,
    *,
    width: float | None = None,
    body_started: bool = True,
    hard_wrapped: bool = False,
    indented: bool = False,
    table_pipes: int = 0,
    row_seps: int = 0,
    next_seps: int = 0,
) -> bool:
    """Does line `nxt` continue `paragraph`, whose last physical line is `line`?

    Widths are display widths (`display_width`); `width` is the width of `line` as it was
    laid out (conversion debris and a first-line indent included; default: its width now);
    `full_width` is the typical width of a full line (90th percentile of line widths);
    `body_started` says running text (a sentence ending in 。！？) came before this paragraph;
    `hard_wrapped` says the document is wrapped at a fixed width (a PDF or a wrapped TXT:
    many lines are exactly full); `table_pipes` is the number of cell separators (| or, in
    the raw line, tabs) in the head row of the table the paragraph belongs to (0: none);
    `row_seps` / `next_seps` count the separators of the paragraph and of `nxt`.

    - Always when `nxt` starts with punctuation that cannot begin a line (，。、％ ...).
    - Never when the paragraph is a complete row of a table of split cells (as many as
      `table_pipes`, the count of its head row, two or more) and `nxt` holds one too: the
      table's next row (a row wrapped inside a cell goes on until it is complete).
    - Never when `nxt` starts a heading or list item (一、 （一） 1. ① 整改措施：...), or is
      `indented` (a first-line indent, a centred or right-aligned line: a new paragraph).
    - After a sentence end (。！？…) only in a hard-wrapped document whose `line` is full.
    - After ：or a clause/quote/bracket end (；”）》...) only when `line` is wrapped (a).
    - Otherwise when (a) the last line is wrapped: at least 80% of `full_width`, and the
      paragraph has clause punctuation or an unclosed 《（“, or running text came before (so a
      wide title stays alone), or the line is quite full and `nxt` has clause punctuation; or
      (b) the paragraph is running text cut mid-sentence: its unfinished last sentence has
      clause punctuation (，、；) and it is no heading (no heading marker, or one that already
      holds a sentence); or (c) running text whose last sentence, begun after a sentence end
      of the paragraph, is cut before any punctuation ("…校企合作。2021年全县高中阶段") and
      `nxt` is running text starting with a hanzi (not after 如下).
    Titles, issuer and date lines are short and have no clause punctuation: they stay apart.
    """
    last = paragraph[-1]
    width = display_width(line) if width is None else width
    if nxt[0] in _NO_START:
        return True
    if table_pipes >= 2:
        if row_seps >= table_pipes and next_seps > 0:
            return False  # the paragraph's row of a table of cells split by | is complete
    if nxt[0].isdigit() and (
        _DECIMAL_CUT.search(paragraph) or (last.isdigit() and width >= full_width - 4)
    ):
        # a number cut by the wrap ("分别为0." / "31、0.27"): the digits are not a list marker
        return True
    if _HANZI.match(last) and _value_after_word(nxt) and not is_table_row(line):
        return True  # "…毛入园率\n为93.1%": a value's connective never opens a paragraph
    if indented or starts_with_marker(nxt) or is_table_row(line):
        return False
    if nxt[0].isdigit() and _HANZI.match(last):
        cut = _value_cut(paragraph, nxt, width, full_width)
        if cut is not None:
            return cut
    wrapped = (
        width >= _WRAPPED * full_width
        and (body_started or _has_clause(paragraph) or _unclosed(paragraph))
    ) or (width >= full_width - 4 and _has_clause(nxt))
    if last in _HARD_END:
        # a full line of a wrapped document that happens to end a sentence, unless the next
        # line looks like a standalone line (short, no clause punctuation: issuer, date)
        return (
            hard_wrapped
            and width >= full_width - 4
            and (_has_clause(nxt) or display_width(nxt) >= _WRAPPED * full_width)
        )
    if last in _SOFT_END:
        return wrapped and last not in "：:"
    if wrapped:
        return True
    tail = _SENTENCE_TAIL.search(paragraph).group()  # the unfinished sentence
    if not _has_clause(tail):
        return _sentence_begun(paragraph, tail, nxt)
    return tail != paragraph or not starts_with_marker(paragraph)


def _sentence_begun(paragraph: str, tail: str, nxt: str) -> bool:
    """(c) Running text (clause punctuation before its last sentence end) whose last sentence
    was begun on this line and cut before any punctuation ("…开展校企合作。2021年全县高中阶段"),
    `nxt` a line of running text starting with a hanzi: the line broke inside the sentence.
    Not after a heading holding a sentence ("（二）工作成效。主要做法") nor an announcement
    (具体如下)."""
    head = paragraph[: len(paragraph) - len(tail)]
    return bool(
        tail.strip()
        and head
        and _has_clause(head[:-1])
        and _HANZI.match(tail[-1])
        and not tail.endswith(_ANNOUNCING)
        and _HANZI.match(nxt[0])
        and _has_clause(nxt)
    )


_DATE_LINE = re.compile(
    r"[0-9０-９]{4}\s*[年./\-]\s*(?:[0-9０-９]{1,2}\s*[月./\-]\s*(?:[0-9０-９]{1,2}\s*日?)?)?"
    r"\s*[)）]?"
)


def _value_cut(paragraph: str, nxt: str, width: float, full_width: float) -> bool | None:
    """Running text cut after a hanzi, `nxt` starting with a number (no list marker): True
    when `nxt` goes on with the sentence, None when this rule does not decide.

    An amount or a percentage (`1,544,000,000元`, `98.6%`, `1:12`) never opens a paragraph
    of running text (clause punctuation before or after it: a table's cells one a line are
    no running text);
    a year or a date (`2023年`) continues the text when the unfinished sentence follows an
    earlier one of the paragraph, ends in a word that wants a value (为, 达到), or the number
    is why the line broke early (it would not have fitted). A date alone on its line (the
    signature's) and a bare number (a table cell) are left to the other rules.
    """
    if _DATE_LINE.fullmatch(nxt):
        return None
    toks = scan_numbers(nxt[:40])
    tok = toks[0] if toks else None
    if tok is None or tok.start != 0 or not (tok.unit or "," in tok.raw or tok.kind == "ratio"):
        return None
    tail = _SENTENCE_TAIL.search(paragraph).group()
    if tail == paragraph and starts_with_marker(paragraph) and not any(c in "：:" for c in tail):
        return None  # a heading (（一）学前教育，…): the number opens the text under it
    if tok.kind not in ("year", "date", "duration"):
        # running text on either side (a table's label and value cells, one a line, are not)
        return True if _has_clause(paragraph) or _has_clause(nxt[tok.end - tok.start :]) else None
    if tail != paragraph or paragraph.endswith(_value_wanting_ends()):
        return True
    if width + display_width(tok.raw) >= full_width - 2:
        return True  # the number did not fit on the line
    return None


_VALUE_KINDS = frozenset({"percent", "yuan", "count", "ratio"})


def _value_after_word(nxt: str) -> bool:
    """`nxt` opens with a word that wants a value (为, 达到: value_wanting_ends) and then an
    amount, a percentage or a ratio (not a year: 至2025年 may open a sentence)."""
    word = next((w for w in _value_wanting_words() if nxt.startswith(w)), None)
    if word is None:
        return False
    rest = nxt[len(word) :].lstrip()
    if not rest[:1].isdigit():
        return False
    toks = scan_numbers(rest[:40])
    return bool(toks) and toks[0].start == 0 and toks[0].kind in _VALUE_KINDS


@cache
def _value_wanting_words() -> tuple[str, ...]:
    return tuple(sorted(_value_wanting_ends(), key=len, reverse=True))


def _has_clause(s: str) -> bool:
    return any(c in _CLAUSE for c in s)


def _unclosed(s: str) -> bool:
    """An opening bracket or quote that is not closed yet: the text must go on."""
    opens, closes = _OPEN_CLOSE
    return any(s.count(o) > s.count(c) for o, c in zip(opens, closes, strict=True))


def _joiner(left: str, right: str) -> str:
    """Chinese lines join with nothing; two Latin words split by the wrap get a space."""
    a, b = left[-1], right[0]
    return " " if a.isascii() and a.isalpha() and b.isascii() and b.isalpha() else ""


# should_join sees the paragraph's first and last characters only (bounded work per line,
# so a huge single paragraph stays linear)
_VIEW_HEAD, _VIEW_TAIL = 64, 2000


def normalise_text(raw: str) -> str:
    """Join wrapped lines, strip conversion debris; evidence offsets refer to the result."""
    text = _DROP.sub("", _NEWLINES.sub("\n", raw)).translate(_HANZI_FIX)
    pairs = [(x, _clean_line(x)) for x in text.split("\n")]
    cleaned = [c for _, c in pairs if c[0]]
    if not cleaned:
        return ""
    # cell separators of each line: its | or, in a table of tab-separated cells, the raw tabs
    seps = [max(c[0].count("|"), x.strip().count("\t")) for x, c in pairs if c[0]]
    widths = [w for _, w, _ in cleaned]
    indents = [i for _, _, i in cleaned]
    # the body's left edge: the smallest indent shared by at least a fifth of the lines
    counts = Counter(indents)
    base_indent = next((i for i in sorted(counts) if counts[i] * 5 >= len(indents)), min(indents))
    full_width = _percentile(widths, 0.9)
    hard_wrapped = len(widths) >= 8 and sum(w >= full_width - 2 for w in widths) >= 0.3 * len(
        widths
    )
    paragraphs: list[list[str]] = [[cleaned[0][0]]]
    view = cleaned[0][0]
    body_started = False
    table_pipes = seps[0] if seps[0] >= 2 else 0
    row_seps = seps[0]
    for k, ((prev, width, _), (line, _, indent)) in enumerate(
        zip(cleaned, cleaned[1:], strict=False), start=1
    ):
        if should_join(
            view,
            prev,
            line,
            full_width,
            width=width,
            body_started=body_started,
            hard_wrapped=hard_wrapped,
            indented=indent >= base_indent + 2,
            table_pipes=table_pipes,
            row_seps=row_seps,
            next_seps=seps[k],
        ):
            row_seps += seps[k]
            piece = _joiner(view, line) + line
            paragraphs[-1].append(piece)
            if len(view) + len(piece) <= _VIEW_HEAD + _VIEW_TAIL:
                view += piece
            else:
                view = view[:_VIEW_HEAD] + (view[_VIEW_HEAD:] + piece)[-_VIEW_TAIL:]
        else:
            body_started = body_started or any(
                c in _SENTENCE for piece in paragraphs[-1] for c in piece
            )
            paragraphs.append([line])
            view = line
            pipes = row_seps = seps[k]
            # a table of split cells: its head row (the first) gives the row's cell count
            if not pipes or (table_pipes < 2 and pipes < 2):
                table_pipes = 0  # no table (any more)
            elif table_pipes < 2:
                table_pipes = pipes
    return "\n".join("".join(parts) for parts in paragraphs)
