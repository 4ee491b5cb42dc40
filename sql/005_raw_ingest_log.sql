-- Model: ingest_log (raw table)
-- What:   every file the pipeline saw, per run, and what became of it.
-- Grain:  one row per (run_id, path); logging the same file again in the same run replaces
--         its row (the later status wins).
-- Columns: sha256 / size_bytes of the file, status (loaded | duplicate | rejected |
--         quarantined), reason (why, for anything but loaded), report_id (= sha256 when the
--         file was read), duplicate_of (report_id it duplicates), first_seen_at /
--         finished_at (UTC).
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id        TEXT NOT NULL,
    path          TEXT NOT NULL,
    sha256        VARCHAR(64),
    size_bytes    BIGINT,
    status        VARCHAR(16) NOT NULL,
    reason        TEXT,
    report_id     VARCHAR(64),
    duplicate_of  VARCHAR(64),
    first_seen_at TIMESTAMP,
    finished_at   TIMESTAMP,
    PRIMARY KEY (run_id, path)
);
