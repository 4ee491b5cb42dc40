"""`reportflow` command line (../shared/contract/EXTRACT.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from reportflow.extract import extract_path
from reportflow.readers import ReadLimits


def _cmd_extract(args: argparse.Namespace) -> int:
    limits = ReadLimits(max_bytes=args.max_bytes, max_pages=args.max_pages)
    ok = 0
    for path in args.paths:
        record = extract_path(path, limits)
        ok += record["status"] == "ok"
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportflow", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract report fields and metrics; one JSON line per file")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("--max-bytes", type=int, default=ReadLimits.max_bytes)
    ex.add_argument("--max-pages", type=int, default=ReadLimits.max_pages)
    ex.set_defaults(func=_cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
