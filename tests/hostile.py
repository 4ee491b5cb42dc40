"""Hostile input files for tests, generated at run time (no binaries are committed).

Every builder returns the file's bytes. `HOSTILE` lists them with the file name they are stored
under and a fragment of the reason `reportflow.readers.read_bytes` must reject them with, so
any worker's test can do:

    from hostile import HOSTILE, write_hostile
    for case in HOSTILE:
        path = write_hostile(case, tmp_path)   # -> tmp_path / case.name
        ... expect a rejected record whose error contains case.reason

The documents are realistic in structure (a .docx has the members Word writes, a PDF is a real
PDF made by reportlab or pdfium), small, deterministic, and all different (no two cases share
their bytes, so a pipeline's duplicate detection does not merge them).
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from reportflow.pdfgen import render_text_pdf

SAMPLE_TEXT = (
    "某县人民政府关于2023年度履行教育职责情况的自评报告\n"
    "一、基本情况\n"
    "全县共有各类幼儿园58所，在园幼儿11152人，学前三年毛入园率为97%。\n"
    "二、存在问题\n"
    "公办园在园幼儿占比偏低，将持续加大投入。\n"
    "某县人民政府\n"
    "2023年12月1日\n"
)


def pdf_bytes(text: str = SAMPLE_TEXT, **kwargs) -> bytes:
    """A real text PDF of `text` (reportlab, STSong-Light), see reportflow.pdfgen."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        render_text_pdf(text, path, **kwargs)
        return path.read_bytes()


# ---- text-ish ---------------------------------------------------------------------------------


def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return " \t\r\n\u3000\n  \n".encode()


def random_bytes(size: int = 4096, seed: int = 20240601) -> bytes:
    return random.Random(seed).randbytes(size)


def undecidable_encoding() -> bytes:
    """Six bytes that are valid, rare-looking text in GBK, Big5, EUC-KR and Shift-JIS alike."""
    return b"\xe4\xe4\xe8\xe8\xec\xec"


def double_encoded_utf8(text: str = SAMPLE_TEXT) -> bytes:
    """UTF-8 bytes read as Latin-1 and saved again as UTF-8: valid UTF-8, pure mojibake."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8")


# ---- office and archive formats (built with zipfile: the members Office writes) ---------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>{}</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{}"/></Relationships>'
)


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def docx(variant: int = 0) -> bytes:
    """A minimal Word document; `variant` changes its bytes (each hostile file is unique)."""
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in SAMPLE_TEXT.split("\n"))
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            ),
            "_rels/.rels": _RELS.format("word/document.xml"),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
                '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>"
            ),
            "word/styles.xml": "<w:styles/>",
            "docProps/core.xml": "<cp:coreProperties/>",
            "docProps/app.xml": f"<Properties><Pages>{variant + 1}</Pages></Properties>",
        }
    )


def xlsx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            ),
            "_rels/.rels": _RELS.format("xl/workbook.xml"),
            "xl/workbook.xml": "<workbook><sheets><sheet name='Sheet1' sheetId='1'/></sheets></workbook>",
            "xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>",
            "xl/sharedStrings.xml": "<sst><si><t>幼儿园数</t></si></sst>",
            "docProps/core.xml": "<cp:coreProperties/>",
        }
    )


def plain_zip() -> bytes:
    return _zip({"报告/001.txt": SAMPLE_TEXT, "报告/002.txt": SAMPLE_TEXT})


def legacy_doc() -> bytes:
    """The start of an OLE2 compound file with a WordDocument stream entry (Word 97-2003)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    header += b"\x00" * (512 - len(header))
    entry = "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
    entry += "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
    return header + entry + random.Random(7).randbytes(2048)


def png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# ---- PDFs -------------------------------------------------------------------------------------


def truncated_pdf() -> bytes:
    data = pdf_bytes(SAMPLE_TEXT * 8)
    return data[: len(data) // 2]


def encrypted_pdf() -> bytes:
    return pdf_bytes(encrypt="secret-password")


def _save(pdf: pdfium.PdfDocument) -> bytes:
    """Save, replacing pdfium's random trailer /ID by a fixed one (deterministic bytes)."""
    buf = io.BytesIO()
    pdf.save(buf)
    return re.sub(rb"/ID\s*\[<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\]", _fixed_id, buf.getvalue())


def _fixed_id(match: re.Match) -> bytes:
    return re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", match.group())


def image_only_pdf(pages: int = 2) -> bytes:
    """A 'scan': pages holding only a bitmap image, no text layer."""
    pdf = pdfium.PdfDocument.new()
    try:
        for _ in range(pages):
            page = pdf.new_page(595, 842)
            bitmap = pdfium.PdfBitmap.new_native(120, 160, pdfium.raw.FPDFBitmap_BGR)
            bitmap.fill_rect((230, 230, 230, 255), 0, 0, 120, 160)
            bitmap.fill_rect((20, 20, 20, 255), 10, 10, 100, 8)
            image = pdfium.PdfImage.new(pdf)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(451, 602).translate(72, 120))
            page.insert_obj(image)
            page.gen_content()
            page.close()
        return _save(pdf)
    finally:
        pdf.close()


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def garbled_pdf() -> bytes:
    """One page set in a CID font with Identity-H encoding and no ToUnicode map: the text layer
    holds glyph codes, not characters (pdfium yields stray scripts, pdfplumber `(cid:N)`)."""
    codes = "".join(f"{(i * 7919) % 0xFFFF:04X}" for i in range(1, 60))
    content = f"BT /F1 12 Tf 72 700 Td <{codes}> Tj ET".encode()
    return _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMapSong /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMapSong /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 7 0 R /DW 1000 >>",
            b"<< /Type /FontDescriptor /FontName /NoMapSong /Flags 4 /FontBBox [0 0 1000 1000] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
    )


def mixed_garbled_pdf(text: str = SAMPLE_TEXT) -> bytes:
    """A good text PDF with a garbled page inserted as page 2 (that page must be dropped)."""
    good = pdfium.PdfDocument(pdf_bytes(text))
    bad = pdfium.PdfDocument(garbled_pdf())
    try:
        good.import_pages(bad, [0], index=1)
        return _save(good)
    finally:
        bad.close()
        good.close()


def blank_pdf() -> bytes:
    pdf = pdfium.PdfDocument.new()
    try:
        pdf.new_page(595, 842).close()
        return _save(pdf)
    finally:
        pdf.close()


# ---- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    name: str  # file name, whose extension is part of the trap
    build: Callable[[], bytes]
    reason: str  # a fragment the rejection reason must contain


HOSTILE: list[Hostile] = [
    Hostile("empty.txt", empty, "empty file (0 bytes)"),
    Hostile("blank.txt", whitespace_only, "only whitespace"),
    Hostile("random.txt", random_bytes, "not a text file"),
    Hostile("undecidable.txt", undecidable_encoding, "cannot determine the text encoding"),
    Hostile("mojibake.txt", double_encoded_utf8, "cannot determine the text encoding"),
    Hostile("report.docx", docx, "unsupported file type: Word document (.docx)"),
    Hostile("report.txt", lambda: docx(1), "unsupported file type: Word document (.docx)"),
    Hostile("table.xlsx", xlsx, "unsupported file type: Excel workbook (.xlsx)"),
    Hostile("reports.zip", plain_zip, "unsupported file type: ZIP archive"),
    Hostile("old.doc", legacy_doc, "Word 97-2003 document (.doc)"),
    Hostile("scan.png", png, "unsupported file type: PNG image"),
    Hostile("truncated.pdf", truncated_pdf, "damaged or truncated PDF"),
    Hostile("encrypted.pdf", encrypted_pdf, "encrypted PDF: a password is required"),
    Hostile("scan.pdf", image_only_pdf, "PDF has no text layer (scanned images?)"),
    Hostile("garbled.pdf", garbled_pdf, "unreadable"),
    Hostile("blank.pdf", blank_pdf, "PDF contains no text"),
    Hostile(
        "report.pdf", lambda: docx(2), "named .pdf but the content is not a PDF: looks like Word"
    ),
    Hostile("notes.pdf", lambda: SAMPLE_TEXT.encode(), "named .pdf but the content is not a PDF"),
]


def write_hostile(case: Hostile, folder: Path) -> Path:
    """Write one hostile file into `folder` (created) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    path.write_bytes(case.build())
    return path
