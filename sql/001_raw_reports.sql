-- Model: reports (raw table)
-- What:   one row per loaded report (one extraction record with status "ok" that passed
--         validation); written by reportflow.warehouse.load together with its metrics and
--         rectification items in one transaction. Never updated: a report_id that exists is
--         skipped, so re-runs change nothing.
-- Grain:  one row per report_id (sha256 of the file's bytes).
-- Columns: the report-level contract fields (../shared/contract/EXTRACT.md), plus
--         province_code (2-digit code: adcode[:2], else from the province name),
--         rect_tasks / rect_completed / rect_in_progress (rectification.tasks/completed/
--         in_progress), warnings (JSON array as text), run_id (Airflow run that loaded it)
--         and loaded_at (UTC, naive timestamp).
CREATE TABLE IF NOT EXISTS reports (
    report_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    source_path      TEXT NOT NULL,
    file_type        VARCHAR(8),
    encoding         VARCHAR(32),
    title            TEXT,
    issuer           TEXT,
    report_type      VARCHAR(32),
    province         TEXT,
    province_code    VARCHAR(2),
    city             TEXT,
    county           TEXT,
    adcode           VARCHAR(6),
    report_year      INTEGER,
    published_date   DATE,
    rect_tasks       INTEGER,
    rect_completed   INTEGER,
    rect_in_progress INTEGER,
    warnings         TEXT,
    run_id           TEXT,
    loaded_at        TIMESTAMP
);
