"""`make bench`: seconds and peak memory to read + extract a 10-page PDF and a 30 KB TXT, and
the throughput of the whole pipeline (discover -> extract -> validate -> lake -> load ->
rollup, without Airflow) on N distinct reports. Printed, not asserted.

Each single-file case runs in a fresh process (as the DAG's per-file workers do), so its peak
RSS is its own: interpreter, reportflow and pdfium loaded, plus the file.

    .venv/bin/python scripts/bench.py [--repeat N] [--pipeline FILES]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO / "include"))


def _source_text() -> tuple[str, str]:
    """About 30 KB of real report text: a seed when present, else the bundled samples."""
    for folder in (SEEDS, REPO / "samples"):
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            text = ""
            for f in sorted(files, key=lambda p: -p.stat().st_size):
                text += f.read_text(encoding="utf-8") + "\n"
                if len(text.encode()) >= 30_000:
                    break
            return text, str(folder)
    raise SystemExit("no seeds or samples to benchmark with")


def _ten_page_pdf(text: str, path: Path) -> int:
    from reportflow.pdfgen import render_text_pdf

    for lines_per_page in range(30, 200, 2):
        pages = render_text_pdf(text, path, lines_per_page=lines_per_page)
        if pages <= 10:
            return pages
    return pages


def _case(path: str, repeat: int, queue: mp.Queue) -> None:
    from reportflow.extract import extract_bytes
    from reportflow.readers import read_bytes

    data = Path(path).read_bytes()
    best_read = best_all = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_bytes(data, path)
        best_read = min(best_read, time.perf_counter() - start)
        start = time.perf_counter()
        record = extract_bytes(data, path)
        best_all = min(best_all, time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "bytes": len(data),
            "pages": doc.pages,
            "chars": len(doc.text),
            "read_s": best_read,
            "extract_s": best_all,
            "status": record.get("status"),
            "metrics": len(record.get("metrics") or []),
            "peak_rss_mb": rss_mb,
        }
    )


def _pipeline(n_files: int) -> None:
    """N distinct reports (the samples, each copy made unique by an appended line; every
    fourth rendered to PDF) through every stage in this process, on a temporary DuckDB."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(REPORTFLOW_HOME=tmp, REPORTFLOW_STABLE_SECONDS="0")
        os.environ.pop("AIRFLOW_CONN_REPORTS_WAREHOUSE", None)
        import logging

        from reportflow import pipeline
        from reportflow.pdfgen import render_text_pdf

        logging.basicConfig(level=logging.WARNING)
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
        total = 0
        for i in range(n_files):
            text = texts[i % len(texts)] + f"\n（本文件编号：BENCH-{i:05d}）\n"
            if i % 4 == 3:
                render_text_pdf(text, inbox / f"r{i:05d}.pdf")
            else:
                (inbox / f"r{i:05d}.txt").write_text(text, encoding="utf-8")
        total = sum(p.stat().st_size for p in inbox.iterdir())
        start = time.perf_counter()
        summary = pipeline.run_all("bench")
        secs = time.perf_counter() - start
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        counts = summary.get("files") or summary.get("counts") or summary
        print(
            f"pipeline: {n_files} files ({total / 1e6:.1f} MB) in {secs:.1f} s = "
            f"{n_files / secs:.1f} files/s on {os.cpu_count()} cores; peak RSS {own:.0f} MB "
            f"(pipeline process), {kids:.0f} MB (largest file worker)"
        )
        print(f"  {counts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best is shown)")
    parser.add_argument(
        "--pipeline", type=int, default=200, metavar="FILES", help="0 skips the pipeline run"
    )
    args = parser.parse_args()
    text, origin = _source_text()
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        txt = Path(tmp) / "report_30kb.txt"
        raw = text.encode("utf-8")[:30_000].decode("utf-8", "ignore")
        txt.write_text(raw, encoding="utf-8")
        pdf = Path(tmp) / "report_10p.pdf"
        _ten_page_pdf(text, pdf)
        print(f"text from {origin}; best of {args.repeat} runs, each case in a fresh process")
        print(
            f"{'case':<22}{'size':>9}{'pages':>6}{'read s':>9}{'read+extract s':>16}"
            f"{'metrics':>9}{'peak RSS MB':>13}"
        )
        for label, path in (("10-page PDF", pdf), ("30 KB TXT", txt)):
            queue: mp.Queue = ctx.Queue()
            proc = ctx.Process(target=_case, args=(str(path), args.repeat, queue))
            proc.start()
            result = queue.get(timeout=300)
            proc.join()
            print(
                f"{label:<22}{result['bytes']:>9}{result['pages'] or '-':>6}"
                f"{result['read_s']:>9.3f}{result['extract_s']:>16.3f}"
                f"{result['metrics']:>9}{result['peak_rss_mb']:>13.1f}"
            )
    if args.pipeline:
        _pipeline(args.pipeline)


if __name__ == "__main__":
    main()
