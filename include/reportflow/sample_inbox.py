"""Build an inbox from the bundled samples (for `make demo` and the end-to-end tests).

`samples/manifest.json` says how each sample TXT goes into the inbox: as TXT re-encoded in a
given encoding, or rendered to a PDF (reportflow.pdfgen; deterministic bytes, so a rebuilt
inbox has the same content and a second run loads nothing new). Optional extra files (e.g.
the seed reports) are copied as they are into a subfolder.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def build_sample_inbox(
    samples_dir: Path, inbox: Path, extra: list[Path] | None = None, extra_folder: str = "seeds"
) -> list[Path]:
    """Write every manifest sample into `inbox` (TXT re-encoded or PDF); copy `extra` files
    into `inbox/<extra_folder>/`. Returns the files written, in manifest order."""
    from reportflow.pdfgen import render_text_pdf

    manifest = json.loads((samples_dir / "manifest.json").read_text(encoding="utf-8"))
    inbox.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for name, how in manifest.items():
        if name.startswith("_"):
            continue
        text = (samples_dir / name).read_text(encoding="utf-8")
        if how.get("as") == "pdf":
            dest = inbox / (Path(name).stem + ".pdf")
            with tempfile.TemporaryDirectory() as tmpdir:
                tmp = Path(tmpdir) / dest.name
                render_text_pdf(text, tmp)
                _write_if_changed(dest, tmp.read_bytes())
        else:
            dest = inbox / name
            _write_if_changed(dest, text.encode(how.get("encoding") or "utf-8"))
        out.append(dest)
    for src in extra or []:
        dest = inbox / extra_folder / src.name
        if not (dest.is_file() and dest.read_bytes() == src.read_bytes()):
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        out.append(dest)
    log.info("sample inbox %s: %d files", inbox, len(out))
    return out
