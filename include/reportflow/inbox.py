"""The inbox: find candidate files (subfolders included), hash them, check they are safe and stable.

Nothing here parses a file. Rules:

- Paths are resolved and must lie inside the inbox before anything opens them: a symlink whose
  target is outside the inbox, and a name with a `..` component, are never followed; they come
  back as `rejected` with the reason, so the run logs them.
- Special files (FIFOs, sockets, devices) are never opened: `rejected`.
- A file whose size or mtime changed in the last `stable_seconds`, or that changes while it is
  hashed, is `deferred` ("still being written"): a later run picks it up.
- A file over `max_bytes` is `rejected` before it is read (no hash).
- Hashing streams the file in chunks (constant memory).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHUNK = 1 << 20

REASON_OUTSIDE = "symlink points outside the inbox"
REASON_DOTDOT = "file name contains '..': never followed"
REASON_BROKEN = "symlink target does not exist"
REASON_SPECIAL = "not a regular file (FIFO, socket or device): never opened"
REASON_UNSTABLE = "still being written (size or modification time changed recently)"


@dataclass
class InboxFile:
    """One entry found under the inbox. `status`: candidate | rejected | deferred."""

    path: str  # the path as found under the inbox (not resolved)
    rel: str  # relative to the inbox, for messages and quarantine names
    size: int | None
    mtime: float | None
    sha256: str | None
    status: str
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sha256_file(path: Path | str, chunk: int = CHUNK) -> str:
    """The sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def is_inside(root: Path, path: Path) -> bool:
    """Whether `path`, fully resolved (symlinks followed), lies inside the resolved `root`."""
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):  # symlink loop
        return False
    return resolved == root or root in resolved.parents


def has_dotdot(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return any(p == ".." for p in parts) or "../" in name or "..\\" in name


def safe_path(inbox: Path | str, path: Path | str) -> Path:
    """`path` resolved; raises ValueError unless it lies inside the inbox (check before opening)."""
    root = Path(inbox).resolve()
    p = Path(path)
    if not p.is_absolute():
        p = root / p
    if has_dotdot(str(path)) or not is_inside(root, p):
        raise ValueError(f"path is outside the inbox: {path}")
    return p.resolve()


def _classify(
    root: Path, p: Path, rel: str, now: float, stable_seconds: float, max_bytes: int
) -> InboxFile:
    def out(
        status: str,
        reason: str | None = None,
        st: os.stat_result | None = None,
        sha: str | None = None,
    ):
        return InboxFile(
            path=str(p),
            rel=rel,
            size=st.st_size if st else None,
            mtime=st.st_mtime if st else None,
            sha256=sha,
            status=status,
            reason=reason,
        )

    if has_dotdot(p.name):
        return out("rejected", REASON_DOTDOT)
    try:
        lst = p.lstat()
    except OSError as e:
        return out("rejected", f"cannot stat file: {e.strerror or e}")
    if stat.S_ISLNK(lst.st_mode):
        if not is_inside(root, p):
            return out("rejected", f"{REASON_OUTSIDE}: never followed")
        if not p.exists():
            return out("rejected", REASON_BROKEN)
    try:
        st1 = p.stat()
    except OSError as e:
        return out("rejected", f"cannot stat file: {e.strerror or e}")
    if not stat.S_ISREG(st1.st_mode):
        return out("rejected", REASON_SPECIAL)
    if stable_seconds > 0 and now - st1.st_mtime < stable_seconds:
        return out("deferred", REASON_UNSTABLE, st1)
    if st1.st_size > max_bytes:
        return out(
            "rejected",
            f"file is {st1.st_size} bytes, over the size limit of {max_bytes} bytes; not read",
            st1,
        )
    try:
        sha = sha256_file(p)
        st2 = p.stat()
    except OSError as e:
        return out("rejected", f"cannot read file: {e.strerror or e}", st1)
    if (st2.st_size, st2.st_mtime_ns) != (st1.st_size, st1.st_mtime_ns):
        return out("deferred", REASON_UNSTABLE, st2)
    return out("candidate", None, st1, sha)


def discover(
    inbox: Path | str,
    *,
    stable_seconds: float = 60.0,
    max_bytes: int = 104857600,
    now: float | None = None,
) -> list[InboxFile]:
    """Every file under `inbox` (sorted by relative path), classified; see the module docstring.

    Symlinked folders are not descended into: one pointing outside the inbox is reported as
    rejected, one pointing inside is skipped (its files are found through their real path).
    """
    root = Path(inbox).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"inbox folder does not exist: {root}")
    now = time.time() if now is None else now
    found: list[InboxFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        d = Path(dirpath)
        dirnames.sort()
        for name in list(dirnames):
            sub = d / name
            if sub.is_symlink():
                dirnames.remove(name)
                if not is_inside(root, sub):
                    rel = str(sub.relative_to(root))
                    found.append(
                        InboxFile(
                            str(sub),
                            rel,
                            None,
                            None,
                            None,
                            "rejected",
                            f"{REASON_OUTSIDE}: never followed",
                        )
                    )
            elif has_dotdot(name):
                dirnames.remove(name)
        for name in sorted(filenames):
            p = d / name
            found.append(
                _classify(root, p, str(p.relative_to(root)), now, stable_seconds, max_bytes)
            )
    found.sort(key=lambda f: f.rel)
    counts: dict[str, int] = {}
    for f in found:
        counts[f.status] = counts.get(f.status, 0) + 1
        if f.status != "candidate":
            log.info("inbox: %s %s (%s)", f.status, f.rel, f.reason)
    log.info("inbox %s: %d entries %s", root, len(found), counts)
    return found
