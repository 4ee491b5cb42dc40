"""Readers: file bytes -> one normalised text (TXT in any common Chinese encoding, or PDF).

The file type is decided by content, not by name (a PDF named .txt is read as a PDF; a Word
document named .txt is rejected as a Word document). Every refusal is a
`RejectedFile(reason, stage="read")` whose reason an analyst can act on.

TXT decoding order: byte-order marks; BOM-less UTF-16 (recognised by its NUL-byte pattern);
binary content (NUL bytes, control characters) is refused; strict UTF-8; then GB18030 when
the bytes decode as mostly common simplified Chinese; then charset-normalizer, with a sanity
check of the decoded text (mojibake, rare characters, undecidable short inputs).
PDF text: see `reportflow.pdftext`. Both go through `reportflow.textnorm.normalise_text`.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportflow.models import Document, RejectedFile
from reportflow.textnorm import normalise_text, web_header

__all__ = [
    "ReadLimits",
    "read_path",
    "read_bytes",
    "normalise_text",
    "sniff_binary",
    "decode_text",
    "RejectedFile",
    "Document",
]

log = logging.getLogger(__name__)

_SNIFF_BYTES = 1024
_SAMPLE_CHARS = 200_000  # decoded text checked for plausibility (the whole of any real report)
_GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936", "hz", "euc_cn", "gb2312-80", "x-gbk"}
_UNSUPPORTED = "unsupported file type: {}; convert it to PDF or TXT"


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 100 * 1024 * 1024  # files above are rejected before they are read
    max_pages: int = 500  # PDFs with more pages are rejected


def read_path(path: Path, limits: ReadLimits = ReadLimits()) -> Document:
    """Read a file (size checked before reading). Raises RejectedFile with a clear reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise RejectedFile(
                f"file is {size} bytes, over the size limit of {limits.max_bytes} bytes; not read"
            )
        data = path.read_bytes()
    except OSError as e:
        raise RejectedFile(f"cannot open file: {e.strerror or e}") from e
    return read_bytes(data, str(path), limits)


def read_bytes(data: bytes, name: str, limits: ReadLimits = ReadLimits()) -> Document:
    """Read in-memory bytes; `name` is only used for messages and as a type hint."""
    if not data:
        raise RejectedFile("empty file (0 bytes)")
    if len(data) > limits.max_bytes:
        raise RejectedFile(
            f"file is {len(data)} bytes, over the size limit of {limits.max_bytes} bytes; not read"
        )
    magic_at = data.find(b"%PDF-", 0, _SNIFF_BYTES)
    if magic_at >= 0:
        from reportflow.pdftext import read_pdf  # pdfium is loaded only when a PDF comes in

        try:
            return read_pdf(data, limits)
        except RejectedFile:
            # a text file that merely mentions "%PDF-" near its start is still a text file
            if magic_at == 0 or not _looks_textual(data) or b"%%EOF" in data[-2048:]:
                raise
    kind = sniff_binary(data)
    if Path(name).suffix.lower() == ".pdf":
        looks = kind or ("a text file" if _looks_textual(data) else "binary data")
        raise RejectedFile(f"named .pdf but the content is not a PDF: looks like {looks}")
    if kind:
        raise RejectedFile(_UNSUPPORTED.format(kind))
    raw, encoding, warnings = decode_text(data)
    text = normalise_text(raw)
    if not text:
        what = "only whitespace" if not raw.strip() else "no text besides layout debris"
        raise RejectedFile(f"no text: the file contains {what} ({len(data)} bytes)")
    log.debug("read %s as %s text, %d chars", name, encoding, len(text))
    return Document(
        text=text,
        file_type="txt",
        encoding=encoding,
        warnings=warnings,
        web_header=web_header(raw),
    )


# ---- content sniffing ------------------------------------------------------------------------

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", None),  # checked below (too short a signature on its own)
    (b"{\\rtf", "RTF document (.rtf)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable program"),
    (b"MZ", None),  # checked below
]


def sniff_binary(data: bytes) -> str | None:
    """Name a known non-text format from the first bytes ("Word document (.docx)"), or None."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(data)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP image"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"BM":
                return "BMP image" if len(head) > 14 and head[6:10] == b"\x00" * 4 else None
            if magic == b"MZ":
                return "executable program" if b"This program" in head else None
            return kind
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "HTML page"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = (
                zf.read("mimetype")[:100].decode("ascii", "replace")
                if ("mimetype" in names)
                else ""
            )
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError, EOFError):
        return "ZIP archive (damaged)"
    if "word/document.xml" in names:
        return "Word document (.docx)"
    if "xl/workbook.xml" in names:
        return "Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint presentation (.pptx)"
    if "OFD.xml" in names:
        return "OFD document (.ofd)"
    if "opendocument.text" in mimetype:
        return "OpenDocument text (.odt)"
    if "opendocument.spreadsheet" in mimetype:
        return "OpenDocument spreadsheet (.ods)"
    if "epub" in mimetype:
        return "EPUB e-book"
    return "ZIP archive"


def _ole_kind(data: bytes) -> str:
    """Legacy Office files are OLE2 containers; their stream names are stored in UTF-16LE."""
    for stream, kind in (
        ("WordDocument", "Word 97-2003 document (.doc)"),
        ("Workbook", "Excel 97-2003 workbook (.xls)"),
        ("Book", "Excel 95 workbook (.xls)"),
        ("PowerPoint Document", "PowerPoint 97-2003 presentation (.ppt)"),
    ):
        if stream.encode("utf-16-le") in data:
            return kind
    return "legacy Office/OLE2 document (.doc/.xls)"


def _control_ratio(data: bytes) -> float:
    sample = data[:65536]
    bad = sum(1 for b in sample if (b < 0x20 and b not in b"\t\n\r\f\v\x1a\x1b") or b == 0x7F)
    return bad / len(sample)


def _looks_textual(data: bytes) -> bool:
    return b"\x00" not in data[:4096] and _control_ratio(data) < 0.02


# ---- text decoding ---------------------------------------------------------------------------

_BOMS: list[tuple[bytes, str, str]] = [
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
]


def _undecidable(detail: str) -> RejectedFile:
    return RejectedFile(f"cannot determine the text encoding: {detail}")


def _tolerant(payload: bytes, codec: str) -> tuple[str, list[str]] | None:
    """Decode strictly; else allow a few bad bytes (up to 1% U+FFFD, with a warning); else None."""
    try:
        return payload.decode(codec), []
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = payload.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, len(text) // 100):
        return text, [f"{bad} undecodable byte sequence(s) replaced with U+FFFD ({codec})"]
    return None


def _char_class(c: str) -> str:
    """cjk | ascii | space | other | replaced (U+FFFD) | private (use area) | latin1 (the usual
    mojibake) | bad (control, surrogate, unassigned)."""
    o = ord(c)
    if c in "\n\r\t\f":
        return "space"
    if 0x20 <= o < 0x7F:
        return "ascii"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F:
        return "cjk"
    if o == 0xFFFD:
        return "replaced"
    if 0xE000 <= o <= 0xF8FF or o >= 0xF0000:
        return "private"
    if 0x80 <= o <= 0xFF:  # Latin-1 supplement: the usual mojibake of CJK or UTF-8 bytes
        return "latin1"
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cs", "Cn", "Co"):
        return "bad"
    if 0x2500 <= o <= 0x259F:  # box drawing / blocks, mojibake of double-byte encodings
        return "latin1"
    return "other"


def _profile(text: str) -> dict[str, int]:
    counts = dict.fromkeys(
        ("cjk", "ascii", "space", "other", "replaced", "private", "latin1", "bad"), 0
    )
    for c in text:
        counts[_char_class(c)] += 1
    return counts


def _sanity(text: str, encoding: str) -> str | None:
    """None if `text` reads like real text, else why it does not.

    Private-use characters (Word symbol-font bullets) are fine in UTF-8, whose validity is
    evidence enough; decoded from any other encoding they are counted as garbage."""
    p = _profile(text[:_SAMPLE_CHARS])
    non_ascii = sum(p[k] for k in ("cjk", "other", "replaced", "private", "latin1", "bad"))
    visible = non_ascii + p["ascii"]
    if visible == 0:
        return None
    bad = p["bad"] + (0 if encoding.startswith("utf-8") else p["private"])
    if bad > max(2, 0.01 * visible):
        return f"decoding as {encoding} gives {bad} control/unassigned characters"
    if p["latin1"] >= 4 and p["latin1"] > 0.3 * non_ascii and p["cjk"] < 0.3 * non_ascii:
        sample = "".join(c for c in text if _char_class(c) == "latin1")[:12]
        return f"decoding as {encoding} gives mojibake such as {sample!r}"
    return None


def _gb_common_ratio(text: str) -> tuple[int, float]:
    """(CJK characters, share of them in GB2312 level 1, the 3755 most common hanzi)."""
    cjk = [c for c in text[:_SAMPLE_CHARS] if _char_class(c) == "cjk"]
    if not cjk:
        return 0, 0.0
    common = 0
    for c in cjk:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= b[0] <= 0xD7
    return len(cjk), common / len(cjk)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit almost only at odd/even offsets."""
    n = len(data) - len(data) % 2
    if n < 4:
        return None
    even, odd = data[0:n:2].count(0), data[1:n:2].count(0)
    units = n // 2
    if odd >= max(2, 0.02 * units) and odd >= 4 * even + 2:
        return "utf-16-le"
    if even >= max(2, 0.02 * units) and even >= 4 * odd + 2:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Decode TXT bytes -> (text, encoding name, warnings). Raises RejectedFile."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            got = _tolerant(data[len(bom) :], codec)
            if got is None:
                raise _undecidable(
                    f"starts with a {label} byte-order mark but is not valid {codec}"
                )
            text, warnings = got
            _reject_if_insane(text, label)
            return text, label, warnings

    utf16 = _utf16_without_bom(data)
    if utf16:
        got = _tolerant(data[: len(data) - len(data) % 2], utf16)
        if got is not None and _sanity(got[0], utf16) is None:
            return got[0], utf16, got[1]

    warnings: list[str] = []
    nuls = data.count(0)
    if nuls and nuls <= len(data) // 1000:  # a few stray NULs (padding, a damaged sector)
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nuls} NUL byte(s) removed")
    elif nuls:
        raise RejectedFile(
            f"not a text file: binary content ({nuls} NUL bytes in {len(data)} bytes)"
        )
    ratio = _control_ratio(data)
    if ratio >= 0.02:
        raise RejectedFile(f"not a text file: binary content ({ratio:.0%} control bytes)")

    got = _tolerant(data, "utf-8")
    if got is not None:
        _reject_if_insane(got[0], "utf-8")
        return got[0], "utf-8", warnings + got[1]

    got = _tolerant(data, "gb18030")
    if got is not None and _sanity(got[0], "gb18030") is None:
        cjk, common = _gb_common_ratio(got[0])
        if cjk >= 2 and common >= 0.8:
            return got[0], "gb18030", warnings + got[1]
    text, encoding, more = _detect(data)
    return text, encoding, warnings + more


def _reject_if_insane(text: str, encoding: str) -> None:
    why = _sanity(text, encoding)
    if why:
        raise _undecidable(why)


def _detect(data: bytes) -> tuple[str, str, list[str]]:
    """charset-normalizer for what is neither UTF nor common GB text, with sanity checks."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise _undecidable("no known encoding decodes these bytes into text")
    best = matches[0]
    encoding = best.encoding.lower().replace("_", "-")
    if best.encoding.lower() in _GB_FAMILY:
        cjk, common = _gb_common_ratio(str(best))
        if cjk < 50 or best.chaos > 0.05:
            raise _undecidable(
                f"decodes as {encoding} only into {cjk} mostly rare characters "
                f"({common:.0%} common hanzi; mojibake?)"
            )
        got = _tolerant(data, "gb18030")
        if got is None:
            raise _undecidable("looks like GBK/GB18030 but has too many invalid byte sequences")
        _reject_if_insane(got[0], "gb18030")
        return got[0], "gb18030", got[1]
    text = str(best)
    if best.chaos > 0.1:
        raise _undecidable(f"best guess {encoding} still looks garbled ({best.chaos:.0%} mess)")
    _reject_if_insane(text, encoding)
    non_ascii = sum(1 for c in text if ord(c) > 0x7F)
    rivals = (
        sorted(
            {
                m.encoding.lower().replace("_", "-")
                for m in matches[1:]
                if m.chaos <= best.chaos + 0.05 and str(m) != text
            }
        )
        if non_ascii < 20  # a short text: do other encodings read it just as well?
        else []
    )
    if rivals:
        raise _undecidable(
            f"only {non_ascii} non-ASCII characters, which decode plausibly as "
            f"{', '.join([encoding, *rivals][:5])}"
        )
    return text, encoding, [f"text encoding guessed as {encoding}"]
