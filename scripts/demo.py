"""`make demo`: the nightly DAG end to end on the bundled samples, then a one-screen summary.

1. A project-local Airflow home (var/airflow_home: SQLite metadata, no examples, dags/ of this
   repository); `airflow db migrate` runs only when that home is new or Airflow changed.
2. A demo inbox (var/demo_inbox) from samples/ (some re-encoded, some rendered to PDF, as
   samples/manifest.json says) plus ../shared/seeds when present.
3. `airflow dags test report_ingest` against the embedded DuckDB warehouse (var/warehouse);
   Airflow's own log goes to var/demo_logs/, the pipeline's progress lines are echoed.
4. The summary: files seen / loaded / duplicate / rejected / quarantined, rows per table,
   where the lake, the warehouse file and the Data Docs are, and the province rollup.

Running it again loads nothing new (every file is a duplicate of a loaded report).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VAR = REPO / "var"
AF_HOME = VAR / "airflow_home"
INBOX = VAR / "demo_inbox"
LOGS = VAR / "demo_logs"
SEEDS = REPO.parent / "shared" / "seeds"
PROGRESS = ("discover:", "plan:", "extract batch", "validate:", "lake:", "load:", "accounting:",
            "rollup:", "publish:")  # fmt: skip


def demo_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AIRFLOW_HOME=str(AF_HOME),
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{AF_HOME / 'airflow.db'}",
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__LOGGING__COLORED_CONSOLE_LOG="False",
        GX_ANALYTICS_ENABLED="False",
        NO_COLOR="1",
        REPORTFLOW_HOME=str(VAR),
        REPORTFLOW_INBOX=str(INBOX),
        # the demo writes its inbox itself, right now: no need to wait for files to settle
        REPORTFLOW_STABLE_SECONDS="0",
        REPORTFLOW_TASK_RETRIES="0",
    )
    env.pop("AIRFLOW_CONN_REPORTS_WAREHOUSE", None)  # the demo always uses embedded DuckDB
    return env


def airflow_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("airflow")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "airflow"]


def migrate_if_needed(env: dict[str, str]) -> None:
    import airflow

    AF_HOME.mkdir(parents=True, exist_ok=True)
    stamp = AF_HOME / ".migrated"
    if (AF_HOME / "airflow.db").is_file() and stamp.is_file():
        if stamp.read_text().strip() == airflow.__version__:
            return
    print(f"- setting up Airflow {airflow.__version__} metadata in {AF_HOME} (airflow db migrate)")
    proc = subprocess.run(
        [*airflow_cmd(), "db", "migrate"], env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit("airflow db migrate failed")
    stamp.write_text(airflow.__version__)


def build_inbox() -> int:
    from reportflow.sample_inbox import build_sample_inbox

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files = build_sample_inbox(REPO / "samples", INBOX, extra=seeds)
    extra = f" + {len(seeds)} seed reports from {SEEDS}" if seeds else ""
    print(f"- demo inbox {INBOX}: {len(files) - len(seeds)} samples (TXT and PDF){extra}")
    return len(files)


def run_dag(env: dict[str, str]) -> None:
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"report_ingest_{time.strftime('%Y%m%dT%H%M%S')}.log"
    print(f"- running the DAG: airflow dags test report_ingest  (full log: {log_path})")
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [*airflow_cmd(), "dags", "test", "report_ingest"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPO,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            if "[reportflow.pipeline]" in line and any(p in line for p in PROGRESS):
                msg = line.split("]", 1)[-1].split("[reportflow.pipeline]")[0].strip()
                print(f"    {msg[:200]}")
        code = proc.wait()
    state_ok = code == 0 and "state=success" in log_path.read_text(encoding="utf-8")
    if not state_ok:
        tail = log_path.read_text(encoding="utf-8").splitlines()[-25:]
        sys.stderr.write("\n".join(tail) + "\n")
        raise SystemExit(f"the DAG run failed (exit {code}); see {log_path}")
    print(f"- DAG run succeeded in {time.monotonic() - t0:.0f} s")


def print_summary() -> None:
    import pandas as pd

    from reportflow import warehouse
    from reportflow.settings import load_settings

    s = json.loads((VAR / "last_run.json").read_text(encoding="utf-8"))
    print()
    print(f"run {s['run_id']}")
    print(
        f"  files seen {s['files_seen']}: loaded {s['loaded']}, duplicate {s['duplicate']}, "
        f"rejected {s['rejected']}, quarantined {s['quarantined']}"
        + (f", deferred {s['deferred']}" if s.get("deferred") else "")
    )
    print("  rows per table: " + ", ".join(f"{k} {v}" for k, v in s["table_rows"].items()))
    print(f"  lake:        {s['lake']}")
    print(f"  warehouse:   {s['warehouse_file'] or s['warehouse']}")
    print(f"  Data Docs:   {s['data_docs']}")
    print(f"  quarantine:  {s['quarantine_dir']}")
    engine = warehouse.connect(load_settings().warehouse_url)
    try:
        df = warehouse.rollup(engine)
    finally:
        engine.dispose()
    print()
    print(f"province_year_metrics ({len(df)} rows; achieved values, targets excluded):")
    if df.empty:
        return
    cols = [
        "province",
        "year",
        "metric",
        "scope",
        "n_regions",
        "n_reports",
        "mean_value",
        "min_value",
        "max_value",
    ]
    view = df[[c for c in cols if c in df.columns]].head(20)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(view.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    if len(df) > len(view):
        print(f"... {len(df) - len(view)} more rows: SELECT * FROM province_year_metrics")


def main() -> int:
    logging.getLogger("reportflow").setLevel(logging.WARNING)  # progress comes from the DAG
    env = demo_env()
    os.environ.update({k: v for k, v in env.items() if k.startswith(("REPORTFLOW_", "GX_"))})
    os.environ.pop("AIRFLOW_CONN_REPORTS_WAREHOUSE", None)
    migrate_if_needed(env)
    build_inbox()
    run_dag(env)
    print_summary()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
