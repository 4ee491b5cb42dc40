"""`reportflow extract` as ../shared/contract/EXTRACT.md specifies it, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CLI = REPO / ".venv" / "bin" / "reportflow"

CONTRACT_KEYS = {
    "status",
    "report_id",
    "source_path",
    "file_type",
    "encoding",
    "title",
    "issuer",
    "report_type",
    "province",
    "city",
    "county",
    "adcode",
    "report_year",
    "published_date",
    "metrics",
    "rectification",
    "warnings",
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    cmd = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "reportflow.cli"]
    return subprocess.run([*cmd, "extract", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def sample_txt(tmp_path: Path) -> Path:
    p = tmp_path / "sample.txt"
    p.write_text(
        "某县人民政府关于2023年度履行教育职责的自评报告\n"
        "2023年，全县学前三年毛入园率为91.5%，普惠性幼儿园覆盖率为88%。\n",
        encoding="utf-8",
    )
    return p


def test_one_line_per_file_in_order_with_rejections(sample_txt: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    proc = run_cli(str(empty), str(sample_txt), str(missing), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["source_path"] for x in lines] == [str(empty), str(sample_txt), str(missing)]
    assert [x["status"] for x in lines] == ["rejected", "ok", "rejected"]
    assert all(x["error"] for x in (lines[0], lines[2]))
    ok = lines[1]
    assert CONTRACT_KEYS <= ok.keys()
    assert ok["file_type"] == "txt" and ok["encoding"].startswith("utf-8")
    import hashlib

    assert ok["report_id"] == hashlib.sha256(sample_txt.read_bytes()).hexdigest()
    got = {(m["metric"], m["value"]) for m in ok["metrics"]}
    assert ("preschool_gross_enrollment_rate", 91.5) in got


def test_exit_1_when_no_file_was_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    proc = run_cli(str(bad))
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["status"] == "rejected"


def test_seed_files_extract(seeds_dir: Path) -> None:
    files = sorted(seeds_dir.glob("*.txt"))
    proc = run_cli(*map(str, files))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(records) == len(files)
    assert all(r["status"] == "ok" for r in records), [r.get("error") for r in records]
