"""
### report_ingest: the nightly ingest of education governance reports

Every night: **discover** the files dropped into the inbox (subfolders included; sha256,
path safety, stability, duplicates of loaded content) -> **plan** batches -> **extract** each
batch in a mapped task (each file in a sandboxed process with a time and memory limit, all
cores of the worker) -> **validate** with Great Expectations (failing rows go to the
quarantine, Data Docs rebuilt) -> write the Parquet **lake** -> **load** the warehouse (the one
writer: transactional, idempotent; ingest_log and quarantine written, accounting checked)
-> **rollup** (`province_year_metrics`) -> **publish** the run summary.

Configuration: `REPORTFLOW_*` environment variables (docs/ARCHITECTURE.md) and the Airflow
connection `reports_warehouse` (default: a DuckDB file under `$REPORTFLOW_HOME/warehouse`).
Bad files never fail a run: they end in `ingest_log` as rejected/quarantined with a reason.
A run fails only when the system is broken (warehouse unreachable, disk full), in one line.

This file only wires tasks: each task imports `reportflow.pipeline` when it runs.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, Param, dag, get_current_context, task

# Retries are for a broken system (database restarting, full disk freed); data problems never
# raise, so they are never retried. Tests set REPORTFLOW_TASK_RETRIES=0.
RETRIES = int(os.environ.get("REPORTFLOW_TASK_RETRIES", "2"))

default_args = {
    "owner": "data-engineering",
    "retries": RETRIES,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
}


# downstream DAGs (the BI layer) can be scheduled on the refreshed rollup
ROLLUP_ASSET = Asset(
    name="province_year_metrics", uri="reportflow://warehouse/province_year_metrics"
)


def _warehouse_url() -> str | None:
    """The `reports_warehouse` connection's URI when Airflow knows it, else None (settings)."""
    if os.environ.get("AIRFLOW_CONN_REPORTS_WAREHOUSE"):
        return None  # reportflow.settings reads the env form itself
    try:
        from airflow.sdk import Connection

        return Connection.get("reports_warehouse").get_uri()
    except Exception:  # not defined: the DuckDB default
        return None


def _run_id() -> str:
    ctx = get_current_context()
    logical = ctx.get("logical_date")  # None for manual runs without a logical date
    return ctx["run_id"] if ctx.get("run_id") else f"manual__{logical or pendulum.now('UTC')}"


@dag(
    dag_id="report_ingest",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["reportflow", "ingest", "education"],
    doc_md=__doc__,
    params={
        "batch_size": Param(
            None,
            type=["null", "integer"],
            minimum=1,
            description="files per mapped extract task (default: REPORTFLOW_BATCH_SIZE or 20)",
        )
    },
)
def report_ingest():
    @task
    def discover() -> dict:
        from reportflow import pipeline

        return pipeline.discover_files(_run_id(), warehouse_url=_warehouse_url())

    @task
    def plan_batches(discovered: dict) -> list[dict]:
        from reportflow import pipeline

        size = get_current_context()["params"].get("batch_size")
        return pipeline.plan_batches(discovered, size)

    @task(execution_timeout=timedelta(hours=2))
    def extract(batch: dict) -> str:
        from reportflow import pipeline

        return pipeline.extract_batch(batch)

    @task(trigger_rule="none_failed")  # an empty night maps zero extract tasks (skipped)
    def validate(discovered: dict) -> dict:
        from reportflow import pipeline

        return pipeline.validate_and_stage(discovered)

    @task
    def write_lake(validated: dict) -> dict:
        from reportflow import pipeline

        return pipeline.write_lake(validated)

    @task(max_active_tis_per_dag=1)  # the one warehouse writer
    def load_warehouse(discovered: dict, validated: dict) -> dict:
        from reportflow import pipeline

        return pipeline.load_warehouse(discovered, validated, warehouse_url=_warehouse_url())

    @task(outlets=[ROLLUP_ASSET])
    def rollup(loaded: dict) -> dict:
        from reportflow import pipeline

        return pipeline.build_rollup(warehouse_url=_warehouse_url())

    @task
    def publish(discovered: dict, loaded: dict, validated: dict, lake: dict, rolled: dict) -> dict:
        from reportflow import pipeline

        return pipeline.publish_report(
            discovered, loaded, validated, lake, warehouse_url=_warehouse_url()
        )

    found = discover()
    batches = plan_batches(found)
    extracted = extract.expand(batch=batches)
    validated = validate(found)
    extracted >> validated
    lake = write_lake(validated)
    loaded = load_warehouse(found, validated)
    lake >> loaded
    rolled = rollup(loaded)
    publish(found, loaded, validated, lake, rolled)


report_ingest()
