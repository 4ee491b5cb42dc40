-- Model: rectification_items (raw table)
-- What:   the rectification items (整改事项) listed in a loaded report, with their status.
-- Grain:  one row per (report_id, seq); seq is the item's number in the record.
-- Columns: title (item heading), status (completed | in_progress | unknown).
CREATE TABLE IF NOT EXISTS rectification_items (
    report_id VARCHAR(64) NOT NULL,
    seq       INTEGER NOT NULL,
    title     TEXT NOT NULL,
    status    VARCHAR(16) NOT NULL,
    PRIMARY KEY (report_id, seq)
);
