-- Model: report_metrics (raw table)
-- What:   every extracted metric value of a loaded report (../shared/contract/METRICS.md),
--         in the order of the record's "metrics" list.
-- Grain:  one row per (report_id, seq); seq is the 1-based position in the record.
-- Columns: metric (catalog code), value (normalised number), unit, year (the year the value
--         describes; may differ from reports.report_year), is_target (plan/goal vs achieved),
--         scope (sub-population or null), evidence (verbatim clause), char_start (offset of
--         the evidence in the normalised text).
CREATE TABLE IF NOT EXISTS report_metrics (
    report_id  VARCHAR(64) NOT NULL,
    seq        INTEGER NOT NULL,
    metric     VARCHAR(64) NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    unit       VARCHAR(16) NOT NULL,
    year       INTEGER,
    is_target  BOOLEAN NOT NULL,
    scope      VARCHAR(32),
    evidence   TEXT,
    char_start INTEGER,
    PRIMARY KEY (report_id, seq)
);
