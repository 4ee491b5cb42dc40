"""Extract a batch of files, each in its own worker process with a wall-time and memory limit.

Workers are forked (plain os.fork, so it also works inside daemonic or Celery pool processes)
from this pre-imported process, so they start in milliseconds; up to
`workers` (default: every core of the machine) run at once. A file that runs past its time
limit is killed; one that allocates past its address-space limit (RLIMIT_AS: the parent's
footprint at fork time plus `memory_mb`, as the forked image is shared) fails with
MemoryError or dies: either way it becomes a rejected record with a clear reason and the rest
of the batch continues. Records come back in input order.

Test hook: `extract_fn` (any callable `(path, limits) -> record`), or the environment variable
REPORTFLOW_EXTRACT_HOOK="module:callable" naming one, replaces `extract.extract_path` so tests
can show the limits working on real processes.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import resource
import select
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportflow.extract import extract_path, rejected_record, warm_up
from reportflow.readers import ReadLimits

log = logging.getLogger(__name__)

HOOK_ENV = "REPORTFLOW_EXTRACT_HOOK"
ExtractFn = Callable[[str, ReadLimits], dict[str, Any]]


def time_reason(timeout: float) -> str:
    return f"stopped: extraction exceeded {timeout:g} s"


def memory_reason(memory_mb: int) -> str:
    return f"stopped: extraction exceeded the {memory_mb} MB memory limit"


def resolve_extract_fn(extract_fn: ExtractFn | None = None) -> ExtractFn:
    if extract_fn is not None:
        return extract_fn
    hook = os.environ.get(HOOK_ENV, "").strip()
    if hook:
        module, _, name = hook.partition(":")
        log.warning("extraction replaced by the test hook %s", hook)
        return getattr(importlib.import_module(module), name)
    return extract_path


def _vm_size() -> int:
    """This process's current virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(fd: int, fn: ExtractFn, path: str, limits: ReadLimits, memory_mb: int) -> None:
    """Worker body (never returns): cap the address space at what the parent had plus
    `memory_mb`, extract, write the record as JSON to `fd`, exit."""
    code = 0
    try:
        try:
            if memory_mb > 0:
                cap = _vm_size() + memory_mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            try:
                record = fn(path, limits)
            except MemoryError:
                record = rejected_record(path, memory_reason(memory_mb), stage="extract")
            except BaseException as e:  # noqa: BLE001 - a worker must always answer
                record = rejected_record(
                    path, f"extraction failed: {type(e).__name__}: {e}", stage="extract"
                )
            if record.get("status") == "rejected" and "MemoryError" in str(record.get("error")):
                record["error"] = memory_reason(memory_mb)
                record["stage"] = "extract"
            payload = json.dumps(record, ensure_ascii=False)
        except MemoryError:
            payload = json.dumps(rejected_record(path, memory_reason(memory_mb), stage="extract"))
        view = memoryview(payload.encode("utf-8"))
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = 70
    finally:
        os._exit(code)


@dataclass
class _Worker:
    index: int
    pid: int
    fd: int
    deadline: float
    buf: bytearray = field(default_factory=bytearray)


def _start(
    fn: ExtractFn, index: int, path: str, limits: ReadLimits, memory_mb: int, timeout: float
) -> _Worker:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        _child(w, fn, path, limits, memory_mb)
    os.close(w)
    os.set_blocking(r, False)
    return _Worker(index, pid, r, time.monotonic() + timeout)


def _reap(w: _Worker, kill: bool) -> int | None:
    """Wait for the worker (killing it first if asked); its exit code, or -signal."""
    if kill:
        try:
            os.kill(w.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.close(w.fd)
    _, status = os.waitpid(w.pid, 0)
    return os.waitstatus_to_exitcode(status)


def run_batch(
    paths: Sequence[str],
    *,
    limits: ReadLimits = ReadLimits(),
    timeout: float = 60.0,
    memory_mb: int = 1024,
    workers: int | None = None,
    extract_fn: ExtractFn | None = None,
) -> list[dict[str, Any]]:
    """One record per path, in input order; no file can stop or crash the batch."""
    fn = resolve_extract_fn(extract_fn)
    if paths:
        warm_up()  # workers fork from here: they inherit the built tables copy-on-write
    workers = max(1, workers or os.cpu_count() or 1)
    results: list[dict[str, Any] | None] = [None] * len(paths)
    queue = list(enumerate(paths))
    queue.reverse()
    running: dict[int, _Worker] = {}  # by pipe fd
    started = time.monotonic()
    for stream in (sys.stdout, sys.stderr):  # buffered output must not be written twice
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass

    def finish(w: _Worker, record: dict[str, Any] | None, kill: bool = False) -> None:
        del running[w.fd]
        code = _reap(w, kill)
        if record is None:
            try:
                record = json.loads(w.buf.decode("utf-8")) if w.buf else None
            except ValueError:
                record = None
        if record is None:
            # died without a complete answer: killed by the kernel (OOM) or a crash in C code
            reason = (
                memory_reason(memory_mb)
                if code in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV)
                else f"extraction worker died (exit code {code})"
            )
            record = rejected_record(paths[w.index], reason, stage="extract")
        results[w.index] = record

    while queue or running:
        while queue and len(running) < workers:
            idx, path = queue.pop()
            w = _start(fn, idx, path, limits, memory_mb, timeout)
            running[w.fd] = w
        wait_for = max(0.0, min(w.deadline for w in running.values()) - time.monotonic())
        readable, _, _ = select.select(list(running), [], [], wait_for)
        for fd in readable:
            w = running[fd]
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if chunk:
                w.buf.extend(chunk)
            else:  # EOF: the worker has answered (or died)
                finish(w, None)
        now = time.monotonic()
        for w in list(running.values()):
            if now >= w.deadline:
                log.warning("stopped %s after %g s", paths[w.index], timeout)
                finish(
                    w,
                    rejected_record(paths[w.index], time_reason(timeout), stage="extract"),
                    kill=True,
                )
    ok = sum(1 for r in results if r and r.get("status") == "ok")
    log.info(
        "batch of %d files extracted in %.1f s with %d workers: %d ok, %d rejected",
        len(paths),
        time.monotonic() - started,
        workers,
        ok,
        len(paths) - ok,
    )
    return [r for r in results if r is not None]
