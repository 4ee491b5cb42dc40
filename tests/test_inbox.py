"""inbox.discover: hashing, subfolders, path safety, stability, size limit."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from reportflow.inbox import REASON_OUTSIDE, REASON_UNSTABLE, discover, safe_path, sha256_file


def _old(p: Path, age: float = 3600) -> None:
    t = time.time() - age
    os.utime(p, (t, t))


def test_finds_files_in_subfolders_with_streamed_sha256(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a" / "b").mkdir(parents=True)
    data = os.urandom(3 * 1024 * 1024 + 17)  # spans several hash chunks
    (inbox / "a" / "b" / "big.txt").write_bytes(data)
    (inbox / "top.txt").write_text("本县教育", encoding="utf-8")
    for p in inbox.rglob("*.txt"):
        _old(p)
    found = discover(inbox, stable_seconds=60)
    assert [f.rel for f in found] == ["a/b/big.txt", "top.txt"]
    assert all(f.status == "candidate" for f in found)
    assert found[0].sha256 == hashlib.sha256(data).hexdigest()
    assert found[0].size == len(data)
    assert sha256_file(inbox / "top.txt") == hashlib.sha256("本县教育".encode()).hexdigest()


def test_symlinks_outside_the_inbox_are_never_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (inbox / "link.txt").symlink_to(secret)
    (inbox / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    (inbox / "real.txt").write_text("inside")
    (inbox / "inner_link.txt").symlink_to(inbox / "real.txt")
    found = {f.rel: f for f in discover(inbox, stable_seconds=0)}
    assert found["link.txt"].status == "rejected"
    assert REASON_OUTSIDE in found["link.txt"].reason
    assert found["link.txt"].sha256 is None  # never opened
    assert found["linkdir"].status == "rejected"
    assert found["real.txt"].status == "candidate"
    assert found["inner_link.txt"].sha256 == found["real.txt"].sha256
    assert "secret.txt" not in " ".join(found)


def test_safe_path_refuses_dotdot_and_escapes(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("x")
    assert safe_path(inbox, "ok.txt") == (inbox / "ok.txt").resolve()
    for bad in ("../secret.txt", str(tmp_path / "secret.txt"), "sub/../../x.txt"):
        with pytest.raises(ValueError):
            safe_path(inbox, bad)


def test_file_still_being_written_is_deferred_then_picked_up(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    p = inbox / "growing.txt"
    p.write_text("first half")
    [f] = discover(inbox, stable_seconds=30)
    assert f.status == "deferred" and f.reason == REASON_UNSTABLE and f.sha256 is None
    _old(p, 120)
    [f] = discover(inbox, stable_seconds=30)
    assert f.status == "candidate" and f.sha256


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "huge.txt").write_bytes(b"x" * 2048)
    [f] = discover(inbox, stable_seconds=0, max_bytes=1024)
    assert f.status == "rejected"
    assert "over the size limit of 1024 bytes" in f.reason
    assert f.sha256 is None  # not even hashed


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    [f] = discover(inbox, stable_seconds=0)  # would block forever if opened
    assert f.status == "rejected" and "not a regular file" in f.reason


def test_names_with_dotdot_are_logged_not_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "..\\..\\evil.txt").write_bytes(b"x")
    (inbox / "report..final.txt").write_bytes(b"fine")  # two dots inside a name are harmless
    found = {f.rel: f for f in discover(inbox, stable_seconds=0)}
    assert found["..\\..\\evil.txt"].status == "rejected"
    assert "'..'" in found["..\\..\\evil.txt"].reason
    assert found["report..final.txt"].status == "candidate"
