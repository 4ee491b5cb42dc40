"""Where a report's signature block is: the last date line followed only by a trailer.

A report ends with its signature (issuer line, date line); after it may come a trailer that
is no body text: attachment lists (附件：… and their numbered items), distribution lines
(抄送, 印发), contacts (联系人/电话), short notes and web-page furniture. `signature_date_line`
finds the date line: among the last `always_lines` lines any line closing on a date after
nothing or an issuer; above them only when every line after it is a trailer line — so a
date of a body paragraph is never taken. When the attachments' own text (a heading 附件1
and its tables) follows, the date right above such a heading.
Words: data/report_words.yaml `signature`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from reportflow.catalog import data_yaml
from reportflow.textnorm import is_web_debris

__all__ = ["is_trailer_line", "signature_date_line"]

_ITEM = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．)）]|^[（(]\d{1,2}[)）]")


def _words() -> dict[str, Any]:
    return data_yaml("report_words.yaml")["signature"]


@cache
def _trailer_re() -> tuple[re.Pattern[str], tuple[str, ...]]:
    w = _words()
    starts = re.compile("|".join(f"(?:{p})" for p in w["trailer_starts"]))
    return starts, tuple(w["trailer_ends"])


def is_trailer_line(line: str) -> bool:
    """A line that may follow the signature: attachment list, distribution, contact, a short
    note (no sentence end), web furniture."""
    line = line.strip()
    if not line:
        return True
    w = _words()
    starts, ends = _trailer_re()
    if starts.match(line) or line.rstrip("。.）)").endswith(ends):
        return True
    if "。" not in line and (
        len(line) <= w["short_line_max"]
        or (_ITEM.match(line) and len(line) <= w["attachment_item_max"])
    ):
        return True
    return is_web_debris(line)


def signature_date_line(lines: list[str], closes_on_date: Callable[[str], Any]) -> int | None:
    """Index in `lines` of the signature's date line, or None.

    `closes_on_date(line)` says whether a line is a signature date line (a date closing it,
    after nothing or an issuer) and is truthy when it is.
    """
    w = _words()
    n = len(lines)
    blocked = False  # a body line among the last lines: the signature is not above them
    for i in range(n - 1, max(-1, n - 1 - w["max_lines"]), -1):
        if closes_on_date(lines[i]):
            return i
        trailer = is_trailer_line(lines[i])
        if i < n - w["always_lines"]:
            if blocked or not trailer:
                return _before_attachments(lines, closes_on_date)
        elif not trailer:
            blocked = True
    return _before_attachments(lines, closes_on_date)


def _before_attachments(lines: list[str], closes_on_date: Callable[[str], Any]) -> int | None:
    """The attachments' own text follows the signature (附件1 / 某县整改任务清单 / its rows):
    the date line closing the trailer lines right above an attachment heading, after body text
    (a long attachment may make most of the document). The heading may carry the attachment's title or open its list
    (附件1：某县整改任务清单, 附件：1.整改任务清单, 附表1 …): a line that starts with it."""
    w = _words()
    heading = re.compile(w["attachment_heading"])
    body = [k for k, line in enumerate(lines) if not is_trailer_line(line)]
    for k in range(len(lines)):
        if not heading.match(lines[k].strip()):
            continue
        for i in range(k - 1, max(-1, k - 1 - w["max_lines"]), -1):
            if closes_on_date(lines[i]):
                if body and body[0] < i:
                    return i
                break  # a date above the body (a page header) signs nothing
            if not is_trailer_line(lines[i]):
                break
    return None
