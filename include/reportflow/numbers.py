"""Number parsing: Arabic/full-width digits, Chinese numerals, 万/亿, 余/多, %, ratios.

Two entry points:

- `parse_number(s)` turns one written number ("22.45万元", "１２．５", "三十二", "百分之十五",
  "1:12.5") into a float, or None.
- `scan_numbers(text)` finds every number token in a text with its span, its normalised value
  and the kind of unit written after it (percent, yuan, count, ratio, year, ...). Spans refer to
  the text as given: the scanner works on a character-for-character half-width view of it.

Blanks (ASCII, no-break, ideographic or other Unicode spaces) may stand between a number and
its multiplier or unit (`8.62 亿元`, `９．２６ 万元`, `58 所`); a blank before 万/亿 counts only
when a unit, a non-hanzi character or the end follows (`3 万元`, not `3 万达学校`).
Per-mille (`2.8‰`) is a percent kind, converted to percent (0.28).

Written-out years and full-width thousands separators are read in `halfwidth`, one character
for one (offsets hold): `二〇二二年`/`二零二二年`/`一九九八年` become `2022年`..., and a full-width comma
between full-width digit groups of three (`１，５４４，０００元`, `为２３，４５６人`, not `１，２所`)
becomes `,` (with ASCII digits only in a chain of two or more groups: `1，544，000元`).

A minus sign right before a percentage (`增长-2.3%`, `－2.3％`) makes it negative; before any
other number it is a dash, not a sign.

Approximate amounts (`8.8万余元`, `80多万元`, `约6190万元`) are returned as stated, i.e. the lower
bound; `approx` is set on the token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PERIOD_AFTER_YEAR",
    "NumberToken",
    "halfwidth",
    "parse_chinese_numeral",
    "parse_number",
    "parse_ratio",
    "scan_numbers",
]

# after "2021年": a period it opens (2021年以来, 2021年度起, 2021-2023年, 2021年至今, 2021年到…),
# so the year dates no single value or report
PERIOD_AFTER_YEAR = re.compile(r"\s*度?\s*(?:以来|来|起|至|到|[-—–~～])")

# Full-width digits, letters, decimal point, percent and colon -> ASCII, one char for one char,
# so that offsets in the half-width view are offsets in the original text.
_FW_MAP = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FW_MAP.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FW_MAP.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FW_MAP.update(
    {
        0xFF0E: ord("."),  # ．
        0xFF05: ord("%"),  # ％
        0xFF1A: ord(":"),  # ：
        0x2236: ord(":"),  # ∶ (ratio sign)
        0xFF0D: ord("-"),  # － (full-width hyphen-minus)
        0x2212: ord("-"),  # − (minus sign)
        0x3000: ord(" "),  # ideographic space
        0x00A0: ord(" "),
        0x202F: ord(" "),
        0x205F: ord(" "),
        **{code: ord(" ") for code in range(0x2000, 0x200B)},  # en/em/thin ... spaces
    }
)

# a year written digit by digit in Chinese (二〇二二年, 二零二二年, 二O二二年, 一九九八年), read as
# Arabic digits when 年 (or a range to another such year) follows
_CN_YEAR_DIGIT = {"〇": "0", "零": "0", "○": "0", "O": "0", "o": "0", "0": "0"}
_CN_YEAR_DIGIT.update({c: str(i) for i, c in enumerate("〇一二三四五六七八九") if i})
_CNY = r"(?:一九[〇零○Oo0一二三四五六七八九]{2}|二[〇零○Oo0][〇零○Oo0一二三四五六七八九]{2})"
_CN_YEAR_RE = re.compile(
    rf"(?<![〇零○一二三四五六七八九十百千万亿两]){_CNY}"
    rf"(?=\s?(?:学?年|[-—–~～至到]\s?{_CNY}\s?学?年))"
)
# full-width thousands separators: groups of three full-width digits (one or more), or of
# ASCII digits in a chain of two or more; never a group followed by another digit or a comma
# and a digit (a list: １，２３４，５)
_FW_THOUSANDS = re.compile(
    r"(?<![0-9０-９.．,，])(?:[０-９]{1,3}(?:，[０-９]{3})+|[0-9]{1,3}(?:，[0-9]{3}){2,})"
    r"(?![0-9０-９]|，[0-9０-９])"
)


def halfwidth(s: str) -> str:
    """Full-width digits/letters/．/％/： and Unicode blanks to ASCII, written-out years
    (二〇二二年) to digits and full-width thousands separators (１，２３４人) to `,`.

    The result has the same length as `s`: offsets in it are offsets in `s`."""
    if "，" in s:
        s = _FW_THOUSANDS.sub(lambda m: m.group().replace("，", ","), s)
    s = s.translate(_FW_MAP)
    if "年" in s:
        s = _CN_YEAR_RE.sub(lambda m: "".join(_CN_YEAR_DIGIT[c] for c in m.group()), s)
    return s


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "".join(_CN_BIG)


def _cn_section(s: str) -> int | None:
    """A numeral below 10000 (三十二, 一千五百, 十二, 一百零五) -> int."""
    total, digit, seen = 0, None, False
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row (e.g. 一二) is not a numeral of this form
            digit = _CN_DIGITS[ch]
            seen = True
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
            seen = True
        else:
            return None
    if digit:
        total += digit
    return total if seen else None


def parse_chinese_numeral(s: str) -> int | None:
    """Chinese integer numerals: 三十二, 一千五百, 两万, 十二, 一亿二千万, 〇/零, 二〇二二 (digit by digit)."""
    s = s.strip()
    if not s or any(ch not in _CN_CHARS for ch in s):
        return None
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):  # 二〇二二 read digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    if s in _CN_BIG:
        return None  # a lone 万/亿 is a word (每万人), not a number
    total = 0
    rest = s
    for big_char, big in (("亿", _CN_BIG["亿"]), ("万", _CN_BIG["万"])):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            if big_char in rest:
                return None
            value = _cn_section(head) if head else 1
            if value is None:
                return None
            total += value * big
    if rest:
        value = _cn_section(rest)
        if value is None:
            return None
        total += value
    return total


_AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "万亿": 1e12, "百万": 1e6, "千万": 1e7}

# unit written after a number -> unit kind
_UNIT_KIND = {
    "%": "percent",
    "‰": "permille",
    "个百分点": "points",
    "百分点": "points",
    "元": "yuan",
    "所": "count",
    "人次": "times",
    "人": "count",
    "名": "count",
    "个": "count",
    "项": "count",
    "家": "count",
    "座": "count",
    "间": "count",
    "条": "count",
    "件": "count",
    "次": "times",
    "年": "year",
    "岁": "age",
    "月": "date",
    "日": "date",
    "号": "date",
    "倍": "times",
    "平方米": "area",
    "亩": "area",
    "课时": "other",
    "小时": "other",
    "公里": "other",
    "米": "other",
    "册": "other",
    "台": "other",
    "份": "other",
    "批": "other",
    "班": "other",
}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNIT_KIND), key=len, reverse=True))

_TOKEN_RE = re.compile(
    rf"""
    (?P<ratio>(?<![\d.])(?P<r1>{_AR})\s*:\s*(?P<r2>{_AR})(?![\d.:]))
  | (?P<pword>百分之(?P<pnum>{_AR}|[零〇一二两三四五六七八九十百点]+))
  | (?P<num>
        (?<![\d.,])(?P<neg>-(?=\d))?(?P<ar>{_AR})
      | (?<![第零〇一二两三四五六七八九十百千万亿])(?P<cn>{_CN}(?:点[零〇一二三四五六七八九]+)?)
    )
    (?P<approx1>余|多)?
    (?:[ \t]{{1,3}}(?=(?:万亿|千万|万|亿)(?:余|多)?(?:[ \t]?(?:{_UNIT_RE})|[^\u4e00-\u9fff]|$)))?
    (?P<mult>万亿|百万|千万|万|亿|千)?
    (?P<approx2>余|多)?
    (?:[ \t]{{1,3}}|\s)?(?P<unit>{_UNIT_RE})?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class NumberToken:
    """One number found in a text. `start`/`end` cover the number and its unit."""

    start: int
    end: int
    value: float
    kind: str  # percent | yuan | count | ratio | year | points | times | date | number | ...
    unit: str  # the unit as written ("%", "万元", "所", "" ...)
    approx: bool = False  # 余/多 after the number: the value is a lower bound
    raw: str = ""


def _cn_to_float(s: str) -> float | None:
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese_numeral(whole) if whole else 0
        if w is None or not frac or any(ch not in _CN_DIGITS for ch in frac):
            return None
        return float(f"{w}.{''.join(str(_CN_DIGITS[c]) for c in frac)}")
    v = parse_chinese_numeral(s)
    return None if v is None else float(v)


def _ar_to_float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def parse_ratio(a: str, b: str) -> float | None:
    """`1:12.5` -> 12.5, `13.2:1` -> 13.2: the side that is not 1. None when neither side is 1."""
    x, y = _ar_to_float(a), _ar_to_float(b)
    if x is None or y is None:
        return None
    if x == 1 and y > 0:
        return y
    if y == 1 and x > 0:
        return x
    return None


def _token_from_match(m: re.Match[str]) -> NumberToken | None:
    start, end = m.span()
    if m.group("ratio"):
        value = parse_ratio(m.group("r1"), m.group("r2"))
        if value is None:
            return NumberToken(start, end, 0.0, "ratio_other", ":", raw=m.group(0))
        return NumberToken(start, end, value, "ratio", ":", raw=m.group(0))
    if m.group("pword"):
        p = m.group("pnum")
        value = _ar_to_float(p) if p[0].isdigit() else _cn_to_float(p)
        if value is None:
            return None
        return NumberToken(start, end, value, "percent", "百分之", raw=m.group(0))
    ar, cn = m.group("ar"), m.group("cn")
    mult, unit = m.group("mult") or "", m.group("unit") or ""
    approx = bool(m.group("approx1") or m.group("approx2"))
    if ar is not None:
        value = _ar_to_float(ar)
    else:
        # a Chinese numeral counts only with a unit or multiplier after it (not 一是, 十四五)
        if not unit and not mult and not approx:
            return None
        value = _cn_to_float(cn)
    if value is None:
        return None
    if mult:
        # 9.8亿 is 980000000 exactly, not 980000000.0000001 (binary float artefact)
        value = round(value * _MULT[mult], 4)
    kind = _UNIT_KIND.get(unit, "number")
    if kind == "permille":
        value, kind = round(value / 10, 6), "percent"  # 2.8‰ is 0.28%
    if m.group("neg"):
        if kind == "percent":
            value = -value  # 增长-2.3%: a fall
        else:
            start += 1  # a dash before a count or a date (—5所, -10月) is not a sign
    if kind == "year" and (mult or approx or ar is None or not (1900 <= value <= 2100)):
        kind = "duration"  # 3年, 十年: a length of time, not a calendar year
    if not unit:
        kind = "number"
    return NumberToken(
        start, end, value, kind, mult + unit, approx, m.group(0)[start - m.start() :]
    )


def scan_numbers(text: str) -> list[NumberToken]:
    """Every number token in `text`, in order, with spans into `text`."""
    return list(_scan_cached(text))


@lru_cache(maxsize=8)
def _scan_cached(text: str) -> tuple[NumberToken, ...]:
    hw = halfwidth(text)
    out = []
    for m in _TOKEN_RE.finditer(hw):
        tok = _token_from_match(m)
        if tok is not None:
            out.append(tok)
    return tuple(out)


_CN_FULL_RE = re.compile(rf"{_CN}(?:点[零〇一二三四五六七八九]+)?")
_APPROX_PREFIX = re.compile(r"^(?:约|近|逾|超过|超|大约|将近|接近|达)")


def parse_number(s: str) -> float | None:
    """One written number -> float (percent as written, ratio's non-1 side, 万/亿 applied).

    Accepts an optional approximation prefix (约/近/逾) and any unit after the number;
    returns None when `s` is not exactly one number.
    """
    if not isinstance(s, str):
        return None
    t = _APPROX_PREFIX.sub("", halfwidth(s).strip())
    if not t:
        return None
    if _CN_FULL_RE.fullmatch(t):  # a bare Chinese numeral: 三十二, 两万, 〇
        return _cn_to_float(t)
    m = _TOKEN_RE.match(t)
    if m is None or m.end() != len(t.rstrip()):
        return None
    tok = _token_from_match(m)
    if tok is None or tok.kind == "ratio_other":
        return None
    return tok.value
