"""PDF reading: every seed rendered to a multi-page PDF reads back as the TXT does."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hostile import SAMPLE_TEXT, image_only_pdf, mixed_garbled_pdf, pdf_bytes

from reportflow.pdfgen import render_text_pdf
from reportflow.pdftext import garbled_ratio
from reportflow.readers import ReadLimits, RejectedFile, read_bytes, read_path

_WS = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _WS.sub("", s)


def _evidence(entry: dict) -> list[str]:
    out = []
    for metric in entry["metrics"]:
        ev = metric["evidence"].split(" (")[0]
        if "..." not in ev and " item" not in ev:
            out.append(ev)
    return out


def test_seed_pdfs_read_like_the_txt(seeds_dir: Path, gold: dict, tmp_path: Path) -> None:
    ratios = {}
    for seed in sorted(seeds_dir.glob("*.txt")):
        txt = read_path(seed)
        pdf_path = tmp_path / f"{seed.stem}.pdf"
        pages = render_text_pdf(seed.read_text(encoding="utf-8"), pdf_path, chars_per_line=38)
        assert pages >= 3, "the seeds must make multi-page PDFs"
        pdf = read_path(pdf_path)
        assert (pdf.file_type, pdf.encoding, pdf.pages, pdf.warnings) == ("pdf", None, pages, [])
        # nothing is lost or added: the same characters in the same order (page numbers gone)
        assert _squash(pdf.text) == _squash(txt.text), seed.name
        for ev in _evidence(gold.get(seed.name, {"metrics": []})):
            if _squash(ev) in _squash(txt.text):
                assert _squash(ev) in _squash(pdf.text), (seed.name, ev)
        ratio = difflib.SequenceMatcher(None, txt.text, pdf.text, autojunk=False).ratio()
        ratios[seed.name] = ratio
        lines_txt, lines_pdf = txt.text.count("\n") + 1, pdf.text.count("\n") + 1
        print(
            f"{seed.name}: {pages} pages, lines txt={lines_txt} pdf={lines_pdf}, ratio={ratio:.5f}"
        )
        # wrapped lines were joined back: about as many paragraphs as the TXT has
        assert abs(lines_pdf - lines_txt) <= max(3, lines_txt // 10), seed.name
    assert min(ratios.values()) >= 0.995, ratios


def test_ten_page_pdf_reads_fast(seeds_dir: Path, tmp_path: Path) -> None:
    text = (seeds_dir / "000_b35b371b4937c3de.txt").read_text(encoding="utf-8")
    path = tmp_path / "ten.pdf"
    for lines_per_page in range(40, 90, 2):  # the seed twice, laid out on exactly 10 pages
        pages = render_text_pdf(text + "\n" + text, path, lines_per_page=lines_per_page)
        if pages <= 10:
            break
    assert pages == 10
    doc = read_path(path)  # its speed is measured by `make bench`, not asserted here
    assert doc.pages == pages and len(doc.text) > 15000


def test_footer_page_numbers_are_not_in_the_text() -> None:
    doc = read_bytes(pdf_bytes(SAMPLE_TEXT * 12, lines_per_page=20), "x.pdf")
    assert doc.pages and doc.pages > 2
    assert not re.search(r"-\s*\d+\s*-", doc.text)
    assert doc.text.count("在园幼儿11152人") == 12


def test_garbled_page_is_dropped_with_a_warning() -> None:
    doc = read_bytes(mixed_garbled_pdf(), "mixed.pdf")
    assert doc.pages == 2
    assert doc.warnings == ["page 2: text layer unreadable (CID font without Unicode map)"]
    assert "在园幼儿11152人" in doc.text
    assert garbled_ratio(doc.text) == 0.0


def test_image_page_among_text_pages_is_a_warning(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    text_pdf = pdfium.PdfDocument(pdf_bytes(SAMPLE_TEXT))
    scan = pdfium.PdfDocument(image_only_pdf(pages=1))
    try:
        text_pdf.import_pages(scan, [0])
        path = tmp_path / "mixed_scan.pdf"
        text_pdf.save(str(path))
    finally:
        scan.close()
        text_pdf.close()
    doc = read_path(path)
    assert doc.pages == 2
    assert doc.warnings == ["page 2: no text layer (image only; OCR is not enabled)"]


def test_owner_password_only_pdf_is_readable(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner-secret", canPrint=0)
    path = tmp_path / "restricted.pdf"
    render_text_pdf(SAMPLE_TEXT, path, encrypt=enc)
    assert "在园幼儿11152人" in read_path(path).text


def test_page_limit_is_checked_before_text_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportflow import pdftext

    data = pdf_bytes(SAMPLE_TEXT * 40, lines_per_page=10)

    def no_text_yet(*args: object) -> None:
        raise AssertionError("a page's text was extracted before the page limit was checked")

    monkeypatch.setattr(pdftext, "_page_text", no_text_yet)
    with pytest.raises(RejectedFile, match=r"PDF has \d+ pages, over the limit of 5 pages"):
        read_bytes(data, "x.pdf", ReadLimits(max_pages=5))


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("全区共有幼儿园58所。", False),
        ("(cid:12)(cid:345)(cid:6)", True),
        ("\ue001\ue002\ue003\ue004abc", True),
        ("\ufffd\ufffd\ufffd教育", True),
        ("઼෯ሴꯍ༏ᄑ", True),  # glyph codes of a font without a Unicode map, read as code points
        ("① α≥β ㈠ ■ ★ Ⅱ", False),
    ],
)
def test_garbled_ratio(text: str, garbled: bool) -> None:
    assert (garbled_ratio(text) > 0.1) is garbled


def test_fallback_reader_reads_the_same_characters() -> None:
    from reportflow.pdftext import _plumber_texts

    data = pdf_bytes(SAMPLE_TEXT * 3, lines_per_page=12)
    pages = _plumber_texts(data, [0, 1])
    assert pages[0] and pages[1]
    doc = read_bytes(data, "x.pdf")
    assert _squash(pages[0]).replace("-1-", "") in _squash(doc.text)


def test_letter_spaced_fallback_lines_are_squeezed() -> None:
    from reportflow.pdftext import squeeze_letter_spacing

    assert squeeze_letter_spacing("关 于 自 查 报 告 2 0 2 4 年") == "关于自查报告2024年"
    for kept in ("全区 共有 幼儿园 58所", "占比  %", "The report is here"):
        assert squeeze_letter_spacing(kept) == kept


def test_indented_seed_pdfs_keep_every_character(seeds_dir: Path, tmp_path: Path) -> None:
    """First-line indents (as in real documents) are read as paragraph starts; the text is
    still the TXT's, character for character, and nearly line for line."""
    for seed in sorted(seeds_dir.glob("*.txt")):
        txt = read_path(seed)
        pdf_path = tmp_path / f"{seed.stem}.pdf"
        render_text_pdf(seed.read_text(encoding="utf-8"), pdf_path, first_line_indent=2)
        pdf = read_path(pdf_path)
        assert _squash(pdf.text) == _squash(txt.text), seed.name
        ratio = difflib.SequenceMatcher(None, txt.text, pdf.text, autojunk=False).ratio()
        print(f"{seed.name} (indented): ratio={ratio:.5f}")
        assert ratio >= 0.99


def test_no_single_character_line_is_lost(tmp_path: Path) -> None:
    # pdfium drops a lone glyph of a non-embedded CID font: pdfgen never leaves one alone
    text = "关于上下联动专项巡察整改进展情况的通报，共12项整改任务" * 3 + "务"
    for width in range(20, 40):
        path = tmp_path / f"w{width}.pdf"
        render_text_pdf(text, path, chars_per_line=width)
        assert _squash(read_path(path).text) == _squash(text), width


def test_running_header_is_dropped(seeds_dir: Path, tmp_path: Path) -> None:
    seed = seeds_dir / "000_b35b371b4937c3de.txt"
    path = tmp_path / "with_header.pdf"
    header = "南阳市城乡一体化示范区管委会文件"
    pages = render_text_pdf(seed.read_text(encoding="utf-8"), path, header=header)
    assert pages >= 3
    text = read_path(path).text
    assert header not in text
    assert _squash(text) == _squash(read_path(seed).text)


def test_is_page_number() -> None:
    from reportflow.textnorm import is_page_number

    for yes in ("- 3 -", "12", "第 3 页", "3/10", "—１２—"):
        assert is_page_number(yes), yes
    for no in ("2022年", "12345", "一、总则", "3.5%"):
        assert not is_page_number(no), no


def test_scan_with_a_stamped_text_line_is_still_a_scan(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(image_only_pdf(pages=3))
    stamp = pdfium.PdfDocument(pdf_bytes("由扫描软件创建", page_numbers=False))
    try:
        scan.import_pages(stamp, [0])
        path = tmp_path / "stamped_scan.pdf"
        scan.save(str(path))
    finally:
        stamp.close()
        scan.close()
    with pytest.raises(RejectedFile, match=r"almost no text layer \(7 characters on 4 page"):
        read_path(path)
