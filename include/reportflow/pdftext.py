"""PDF bytes -> Document, through pypdfium2 (fast), with pdfplumber as a per-page fallback.

- The page count is checked against `ReadLimits.max_pages` before any text is extracted.
- A page whose pdfium text is garbled (U+FFFD, private-use glyph codes, control characters,
  characters of scripts foreign to a report, `(cid:123)` placeholders) is re-read with
  pdfplumber; if it is still garbled it is dropped with a warning. If no page is left the
  file is rejected.
- Encrypted (password), damaged or truncated, and image-only PDFs are rejected with a reason.
- Lines that start well right of the page's text edge (first-line indents, centred titles,
  right-aligned dates) are marked as paragraph starts for `normalise_text`.
- Page-number lines at the top or bottom of a page are dropped, and so are running headers
  and footers (a first/last line repeated on most pages); pages are joined with a newline
  and the whole text goes through `normalise_text` like a TXT file.
Every pdfium object is closed (pages, text pages, the document) whatever happens.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reportflow.models import Document, RejectedFile
from reportflow.textnorm import is_page_number, normalise_text, web_header

if TYPE_CHECKING:
    from reportflow.readers import ReadLimits

__all__ = ["read_pdf", "garbled_ratio", "squeeze_letter_spacing"]

log = logging.getLogger(__name__)

_CID = re.compile(r"\(cid:\d+\)")
_RUNNING_KEY = re.compile(r"\d+")
_GARBLED = 0.10  # share of unreadable characters above which a page is garbled
_SCAN_CHARS = 40  # fewer text characters per page than this, on pages of images: a scan
_RETRY_PROBE = 3  # garbled pages tried with pdfplumber before deciding whether it helps


# Unicode blocks a Chinese (or English) report's text is made of; anything else in a PDF text
# layer is almost always a font without a Unicode map whose glyph codes leaked through.
_EXPECTED_BLOCKS = (
    (0x0020, 0x024F),  # ASCII, Latin-1, Latin extended
    (0x0370, 0x03FF),  # Greek (α β Ω)
    (0x2000, 0x27BF),  # punctuation, super/subscripts, letterlike, number forms, arrows,
    #                    maths, technical, enclosed alphanumerics (①), box drawing, shapes (■)
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x33FF),  # CJK symbols and punctuation, kana, bopomofo, enclosed CJK (㈠)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE6F),  # vertical, compatibility and small forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3134F),  # CJK extensions B-G
)


def _expected(c: str) -> bool:
    o = ord(c)
    if 0x7F <= o < 0xA0:
        return False
    return any(lo <= o <= hi for lo, hi in _EXPECTED_BLOCKS)


def garbled_ratio(text: str) -> float:
    """Share of a page's visible characters that are not real text: `(cid:N)` placeholders,
    U+FFFD, private-use or control characters, characters from scripts foreign to the report."""
    cid = len(_CID.findall(text))
    visible = [c for c in _CID.sub("", text) if not c.isspace()]
    total = len(visible) + cid
    if not total:
        return 0.0
    bad = cid + sum(1 for c in visible if c == "\ufffd" or not _expected(c))
    return bad / total


def _strip_page_number_lines(text: str) -> str:
    """Drop page numbers printed as the first or last lines of a page."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and (not lines[-1].strip() or is_page_number(lines[-1])):
        lines.pop()
    while lines and (not lines[0].strip() or is_page_number(lines[0])):
        lines.pop(0)
    return "\n".join(lines)


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Drop running headers and footers: a first or last line that recurs (digits aside) on
    at least 3 pages and half of the pages, such as the issuer's name or the document title."""
    split = [p.split("\n") for p in pages]
    if len(split) < 3:
        return pages
    for position in (0, 0, -1, -1):  # a header and a footer may both sit at one end
        keys = Counter(_RUNNING_KEY.sub("#", lines[position].strip()) for lines in split if lines)
        running = {k for k, n in keys.items() if k and n >= 3 and n * 2 >= len(split)}
        for lines in split:
            if lines and _RUNNING_KEY.sub("#", lines[position].strip()) in running:
                lines.pop(position)
                while lines and is_page_number(lines[position]):
                    lines.pop(position)
    return ["\n".join(lines) for lines in split]


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise RejectedFile("encrypted PDF: a password is required") from e
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise RejectedFile("encrypted PDF: unsupported security handler") from e
        raise RejectedFile(f"damaged or truncated PDF: {_damage_detail(data, e)}") from e
    except Exception as e:  # pdfium wraps C errors; anything else here is a broken file
        raise RejectedFile(f"damaged or truncated PDF: {_damage_detail(data, e)}") from e


def _damage_detail(data: bytes, error: Exception) -> str:
    detail = str(error).strip() or type(error).__name__
    if b"%%EOF" not in data[-2048:]:
        detail = f"the file ends without the %%EOF marker (cut off?); {detail}"
    return detail


def _page_text(pdf: pdfium.PdfDocument, index: int) -> tuple[str, bool]:
    """(text, has_images) of one page; RejectedFile if the page cannot be loaded."""
    try:
        page = pdf[index]
    except Exception as e:
        raise RejectedFile(f"damaged or truncated PDF: page {index + 1} cannot be loaded") from e
    try:
        textpage = page.get_textpage()
        try:
            text = _mark_indents(textpage, textpage.get_text_range())
        finally:
            textpage.close()
        has_images = any(
            obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2)
        )
        return text, has_images
    except RejectedFile:
        raise
    except Exception as e:
        raise RejectedFile(
            f"damaged or truncated PDF: page {index + 1}: {type(e).__name__}: {e}"
        ) from e
    finally:
        page.close()


def _mark_indents(textpage: pdfium.PdfTextPage, text: str) -> str:
    """Prefix lines that start well right of the page's left text edge (a first-line indent,
    a centred title, a right-aligned date) with two ideographic spaces, which
    `normalise_text` reads as "a new paragraph starts here"."""
    if textpage.count_chars() != len(text) or "\r\n" not in text:
        return text  # character indices and text positions do not line up: no layout hints
    lines = text.split("\r\n")
    starts: list[tuple[int, float, float, str]] = []  # line number, left x, glyph width, char
    pos = 0
    for n, line in enumerate(lines):
        body = line.lstrip()
        if body:
            left, _, right, _ = textpage.get_charbox(pos + len(line) - len(body))
            starts.append((n, left, right - left, body[0]))
        pos += len(line) + 2
    if len(starts) < 3:
        return text
    margin = min(left for _, left, _, _ in starts)
    ems = sorted(w for _, _, w, ch in starts if ord(ch) >= 0x3000 and w > 0)
    em = ems[len(ems) // 2] if ems else 10.0
    for n, left, _, _ in starts:
        if left - margin >= 1.5 * em:
            lines[n] = "\u3000\u3000" + lines[n].lstrip()
    return "\n".join(lines)


def squeeze_letter_spacing(text: str) -> str:
    """pdfplumber puts a space between every glyph of letter-spaced (or justified) CJK lines:
    "全 区 共 有 5 8 所" -> "全区共有58所". Lines that are not spaced that way are kept."""
    out = []
    for line in text.split("\n"):
        tokens = line.split(" ")
        singles = sum(1 for t in tokens if len(t) == 1)
        if len(tokens) >= 4 and singles >= 0.8 * len(tokens):
            line = re.sub(r"(?<=\S) (?=\S)", "", line)
        out.append(line)
    return "\n".join(out)


def _plumber_texts(data: bytes, indices: list[int]) -> dict[int, str]:
    """pdfplumber text of the given pages ('' for a page it cannot read)."""
    out = dict.fromkeys(indices, "")
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as doc:
            for i in indices:
                try:
                    out[i] = squeeze_letter_spacing(doc.pages[i].extract_text() or "")
                except Exception as e:  # pdfminer raises many types on odd fonts
                    log.info("pdfplumber failed on page %d: %s", i + 1, e)
    except Exception as e:
        log.info("pdfplumber cannot open the PDF: %s", e)
    return out


def read_pdf(data: bytes, limits: ReadLimits) -> Document:
    """Read PDF bytes into a Document (see the module docstring)."""
    pdf = _open(data)
    try:
        pages = len(pdf)
        if pages == 0:
            raise RejectedFile("damaged or truncated PDF: no pages found")
        if pages > limits.max_pages:
            raise RejectedFile(
                f"PDF has {pages} pages, over the limit of {limits.max_pages} pages; not read"
            )
        texts: list[str] = []
        image_pages: list[int] = []  # pages holding an image
        for i in range(pages):
            text, has_images = _page_text(pdf, i)
            texts.append(text)
            if has_images:
                image_pages.append(i)
    finally:
        pdf.close()
    visible = sum(len(t) - sum(c.isspace() for c in t) for t in texts)
    if image_pages and len(image_pages) * 2 >= pages and visible < _SCAN_CHARS * pages:
        # scanner apps stamp a line of text on each scanned page: still a scan
        raise RejectedFile(
            f"PDF has almost no text layer ({visible} characters on {pages} page(s) of "
            "images; scanned?); OCR is not enabled"
            if visible
            else "PDF has no text layer (scanned images?); OCR is not enabled"
        )

    warnings: list[str] = []
    garbled = [i for i, t in enumerate(texts) if t.strip() and garbled_ratio(t) > _GARBLED]
    if garbled:
        # pdfplumber is slow (~0.2 s a page): when it fixes none of the first pages, stop
        retry = _plumber_texts(data, garbled[:_RETRY_PROBE])
        if any(garbled_ratio(t) <= _GARBLED and t.strip() for t in retry.values()):
            retry.update(_plumber_texts(data, garbled[_RETRY_PROBE:]))
        for i in garbled:
            alt = retry.get(i, "")
            if alt.strip() and garbled_ratio(alt) <= _GARBLED:
                texts[i] = alt
                warnings.append(f"page {i + 1}: text read with the fallback reader (pdfplumber)")
            else:
                texts[i] = ""
                warnings.append(
                    f"page {i + 1}: text layer unreadable (CID font without Unicode map)"
                )

    if not any(t.strip() for t in texts):
        if garbled:
            raise RejectedFile(
                "PDF text layer is unreadable on every page (fonts without a Unicode map); "
                "OCR is not enabled"
            )
        raise RejectedFile(f"PDF contains no text ({pages} blank page(s))")
    for i in image_pages:
        if not texts[i].strip():
            warnings.append(f"page {i + 1}: no text layer (image only; OCR is not enabled)")

    kept = _strip_running_lines([_strip_page_number_lines(t) for t in texts if t.strip()])
    raw = "\n".join(kept)
    text = normalise_text(raw)
    if not text:
        raise RejectedFile(f"PDF contains no text ({pages} page(s) of layout debris only)")
    return Document(
        text=text,
        file_type="pdf",
        encoding=None,
        pages=pages,
        warnings=warnings,
        web_header=web_header(raw),
    )
