"""sandbox.run_batch with real worker processes: time and memory limits, order, survival."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reportflow.readers import ReadLimits
from reportflow.sandbox import HOOK_ENV, memory_reason, run_batch, time_reason


def _behaving(path: str, limits: ReadLimits) -> dict:
    """A stand-in extraction whose behaviour is chosen by the file's content."""
    data = Path(path).read_bytes()
    if data.startswith(b"HANG"):
        while True:
            time.sleep(0.05)
    if data.startswith(b"BOMB"):
        hog = []
        while True:  # grows until the address-space limit stops it
            hog.append(bytearray(64 * 1024 * 1024))
    if data.startswith(b"DIE"):
        os._exit(3)
    return {"status": "ok", "source_path": path, "pid": os.getpid(), "n": len(data)}


def _files(tmp_path: Path, contents: list[bytes]) -> list[str]:
    out = []
    for i, c in enumerate(contents):
        p = tmp_path / f"f{i}.txt"
        p.write_bytes(c)
        out.append(str(p))
    return out


def test_hanging_and_exploding_files_are_stopped_and_the_batch_survives(tmp_path: Path) -> None:
    paths = _files(tmp_path, [b"fine one", b"HANG", b"BOMB", b"fine two", b"DIE", b"fine 3"])
    records = run_batch(paths, timeout=3, memory_mb=256, workers=2, extract_fn=_behaving)
    assert [r["source_path"] for r in records] == paths  # input order kept
    by_name = {Path(r["source_path"]).name: r for r in records}
    assert by_name["f1.txt"]["status"] == "rejected"
    assert by_name["f1.txt"]["error"] == time_reason(3) == "stopped: extraction exceeded 3 s"
    assert by_name["f2.txt"]["status"] == "rejected"
    assert by_name["f2.txt"]["error"] == memory_reason(256)
    assert by_name["f4.txt"]["status"] == "rejected"
    assert "exit code 3" in by_name["f4.txt"]["error"]
    for name in ("f0.txt", "f3.txt", "f5.txt"):
        assert by_name[name]["status"] == "ok"
        assert by_name[name]["pid"] != os.getpid()  # really ran in a worker process


def test_default_messages_match_the_documented_limits() -> None:
    assert time_reason(60) == "stopped: extraction exceeded 60 s"
    assert memory_reason(1024) == "stopped: extraction exceeded the 1024 MB memory limit"


def test_hook_named_by_environment_variable(tmp_path: Path, monkeypatch) -> None:
    paths = _files(tmp_path, [b"HANG", b"ok"])
    monkeypatch.setenv(HOOK_ENV, "test_sandbox:_behaving")
    records = run_batch(paths, timeout=1, memory_mb=128, workers=2)
    assert records[0]["error"] == time_reason(1)
    assert records[1]["status"] == "ok"


def test_real_extractor_never_raises_on_garbage(tmp_path: Path) -> None:
    paths = _files(tmp_path, [b"", os.urandom(2000)])
    records = run_batch(paths, timeout=30, memory_mb=1024)
    assert len(records) == 2
    assert all(r["status"] in ("ok", "rejected") for r in records)


def _batch_in_daemon(paths: list[str], queue) -> None:
    records = run_batch(paths, timeout=1, memory_mb=128, workers=2, extract_fn=_behaving)
    queue.put([r["status"] for r in records])


def test_works_inside_a_daemonic_process_like_a_celery_pool_worker(tmp_path: Path) -> None:
    import multiprocessing as mp

    paths = _files(tmp_path, [b"fine", b"HANG"])
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_batch_in_daemon, args=(paths, queue), daemon=True)
    proc.start()
    try:
        assert queue.get(timeout=60) == ["ok", "rejected"]
    finally:
        proc.join(10)
