-- Model: quarantine (raw table)
-- What:   everything set aside instead of loaded, with the reason an analyst reads:
--         whole files (stage read|extract), rows that failed a Great Expectations
--         expectation (stage validate) and reports whose load failed (stage load).
-- Grain:  one row per quarantined file or row per run; quarantine_id is the sha256 of the
--         row's identifying fields (run_id, stage, report_id, source_path, table_name,
--         expectation, row_json), so writing the same quarantine row twice in a run
--         (task retry) keeps one.
-- Columns: table_name (reports | report_metrics | rectification_items, null for files),
--         expectation (GX expectation type, column and row condition; null outside
--         validate), row_json (the rejected row as JSON), quarantine_path (copy of the file),
--         quarantined_at (UTC).
CREATE TABLE IF NOT EXISTS quarantine (
    quarantine_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    run_id          TEXT,
    report_id       VARCHAR(64),
    source_path     TEXT,
    sha256          VARCHAR(64),
    stage           VARCHAR(16) NOT NULL,
    table_name      VARCHAR(64),
    expectation     TEXT,
    reason          TEXT NOT NULL,
    row_json        TEXT,
    quarantine_path TEXT,
    quarantined_at  TIMESTAMP
);
