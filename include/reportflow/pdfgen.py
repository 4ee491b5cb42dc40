"""Render plain text to a simple, real PDF (text layer, Chinese CID font, several pages).

Used by the tests (TXT vs PDF equivalence, hostile files), by `make demo` (the bundled TXT
samples are rendered to PDF at run time, so no binaries are committed) and by `scripts/bench.py`.

The layout imitates an office document printed to PDF: paragraphs are wrapped at a fixed width
(about `chars_per_line` Chinese characters; Latin letters and digits take about half a
character), optionally with a first-line indent, blank source lines become blank lines, and every page gets a centred "- N -"
page number in the footer, the way Chinese government documents are usually numbered.
The font is reportlab's built-in CID font STSong-Light (no font file needed; PDF readers
map it through Adobe-GB1 to Unicode, so the text layer extracts as the original characters).
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

__all__ = ["FONT_NAME", "render_text_pdf", "wrap_paragraph"]

log = logging.getLogger(__name__)

FONT_NAME = "STSong-Light"
FONT_SIZE = 11.0
_MARGIN_LEFT = 72.0
_MARGIN_TOP = 72.0


def _font() -> str:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT_NAME))
    return FONT_NAME


# closing punctuation never starts a line: it hangs in the right margin instead (kinsoku),
# as word processors do
_HANGING = set("，。、；：？！）」』》〉】〕”’％%…,.;:?!)")


def wrap_paragraph(
    paragraph: str, max_width: float, font_size: float = FONT_SIZE, first_indent: float = 0.0
) -> list[str]:
    """Break one paragraph into lines about `max_width` points wide (the first line
    `first_indent` points less). Any character may end a line, as in Chinese typesetting (so
    numbers and words can be split), except that closing punctuation hangs at the end of the
    line rather than starting the next one, and the last line is never a single character."""
    font = _font()
    lines: list[str] = []
    current: list[str] = []
    width = first_indent
    for ch in paragraph:
        w = pdfmetrics.stringWidth(ch, font, font_size)
        if current and width + w > max_width and ch not in _HANGING:
            lines.append("".join(current))
            current, width = [], 0.0
        current.append(ch)
        width += w
    if current:
        lines.append("".join(current))
    if len(lines) >= 2 and len(lines[-1]) == 1 and len(lines[-2]) >= 3:
        # no one-character last line: pdfium drops a lone glyph of a non-embedded CID font
        lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return lines or [""]


def render_text_pdf(
    text: str,
    path: Path,
    chars_per_line: int = 38,
    lines_per_page: int = 40,
    *,
    page_numbers: bool = True,
    first_line_indent: int = 0,
    header: str | None = None,
    encrypt: str | pdfencrypt.StandardEncryption | None = None,
) -> int:
    """Write `text` to `path` as an A4 PDF; return the number of pages.

    Each source line is a paragraph wrapped at `chars_per_line` full-width characters;
    `lines_per_page` lines fill a page. `page_numbers` adds a "- N -" footer;
    `first_line_indent` indents each paragraph's first line by that many characters (the
    usual 2 of Chinese documents; its own leading blanks are then dropped); `header` is a
    running header printed at the top of every page; `encrypt` sets a
    user password or a reportlab `StandardEncryption` (owner password, permissions).
    """
    font = _font()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    max_width = chars_per_line * FONT_SIZE
    leading = FONT_SIZE * 1.6
    page_w, page_h = A4
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    c.setTitle(path.stem)

    indent = first_line_indent * FONT_SIZE
    lines: list[tuple[float, str]] = []  # (x offset, text)
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        paragraph = paragraph.strip() if indent else paragraph.rstrip()
        if not paragraph:
            lines.append((0.0, ""))
            continue
        wrapped = wrap_paragraph(paragraph, max_width, first_indent=indent)
        lines.extend([(indent, wrapped[0])] + [(0.0, w) for w in wrapped[1:]])
    while lines and not lines[-1][1]:
        lines.pop()
    pages = max(1, -(-len(lines) // lines_per_page))
    for page in range(pages):
        c.setFont(font, FONT_SIZE)
        y = page_h - _MARGIN_TOP
        for x, line in lines[page * lines_per_page : (page + 1) * lines_per_page]:
            if line:
                c.drawString(_MARGIN_LEFT + x, y, line)
            y -= leading
        if header:
            c.setFont(font, FONT_SIZE - 2)
            c.drawCentredString(page_w / 2, page_h - _MARGIN_TOP / 2, header)
        if page_numbers:
            c.setFont(font, FONT_SIZE - 2)
            c.drawCentredString(page_w / 2, _MARGIN_TOP / 2, f"- {page + 1} -")
        c.showPage()
    c.save()
    log.debug("rendered %s: %d lines, %d pages", path, len(lines), pages)
    return pages
