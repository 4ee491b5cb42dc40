"""Fuzzing the readers: any bytes in -> a Document or a RejectedFile, never another exception.

Bounded (a few hundred examples, about 20 s in all) so it can run with every `make test`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hostile import SAMPLE_TEXT, garbled_pdf, pdf_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportflow.readers import Document, ReadLimits, RejectedFile, read_bytes
from reportflow.textnorm import normalise_text

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NAMES = st.sampled_from(["report.txt", "report.pdf", "report", "report.docx"])
LIMITS = ReadLimits(max_bytes=10 * 1024 * 1024, max_pages=50)
FUZZ = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def _corpus() -> tuple[bytes, ...]:
    """Well-formed inputs to mutate: the sample in several encodings, a seed, PDFs."""
    out = [
        SAMPLE_TEXT.encode("utf-8"),
        SAMPLE_TEXT.encode("gb18030"),
        SAMPLE_TEXT.encode("utf-16"),
        SAMPLE_TEXT.encode("utf-16-le"),
        pdf_bytes(SAMPLE_TEXT * 3, lines_per_page=10),
        garbled_pdf(),
    ]
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        out.append(seeds[-1].read_bytes()[:6000])
    return tuple(out)


def _check(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name, LIMITS)
    except RejectedFile as e:
        assert e.reason and e.stage == "read"
        return
    assert isinstance(doc, Document) and doc.text
    assert "\r" not in doc.text and "\n\n" not in doc.text
    assert doc.file_type in ("txt", "pdf")


@FUZZ
@given(data=st.binary(max_size=4096), name=NAMES)
def test_random_bytes(data: bytes, name: str) -> None:
    _check(data, name)


@settings(FUZZ, max_examples=2500)
@given(
    base=st.integers(min_value=0, max_value=50),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.floats(min_value=0, max_value=1, allow_nan=False),
            st.binary(min_size=1, max_size=16),
        ),
        min_size=1,
        max_size=8,
    ),
    name=NAMES,
)
def test_mutated_documents(base: int, edits: list, name: str) -> None:
    corpus = _corpus()
    data = bytearray(corpus[base % len(corpus)])
    for kind, where, payload in edits:
        at = int(where * len(data))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at : at + len(payload)] = payload
        elif kind == "insert":
            data[at:at] = payload
        elif kind == "delete":
            del data[at : at + len(payload) * 64]
        elif kind == "truncate":
            del data[at:]
    _check(bytes(data), name)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_normalise_text_shape(raw: str) -> None:
    out = normalise_text(raw)
    assert "\r" not in out and "\n\n" not in out and "\f" not in out
    assert all(line == line.strip() and line for line in out.split("\n")) or out == ""


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("教育幼儿园学校共有所人，。、：；％%0123456789一二（）\n 　")
        ),
        max_size=400,
    ),
    st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]),
)
def test_chinese_text_in_any_encoding_reads_back(text: str, encoding: str) -> None:
    try:
        doc = read_bytes(text.encode(encoding), "x.txt", LIMITS)
    except RejectedFile as e:
        assert not normalise_text(text) or "encoding" in e.reason, e.reason
        return
    if encoding == "gb18030" and doc.encoding != "gb18030":
        return  # short GB text with few hanzi may be read as another encoding (warned)
    assert doc.text == normalise_text(text)


def test_pathological_lines_do_not_hang() -> None:
    """Inputs shaped to make a backtracking regex explode finish (a hang guard, not a timing:
    catastrophic backtracking takes hours, the whole loop takes about a second)."""
    import signal

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("normalise_text hung on a pathological line")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        for raw in (
            "-" * 50_000 + "x",
            "[" * 20_000 + "](" * 20_000,
            "<a " * 50_000,
            "\\" * 50_000 + "*",
            "![" * 30_000,
            "__a__b " * 30_000,
            "一" * 100_000 + "、",
            ("这是一个很长的段落，没有句号" * 3 + "\n") * 20_000,
        ):
            assert isinstance(normalise_text(raw), str), raw[:20]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
