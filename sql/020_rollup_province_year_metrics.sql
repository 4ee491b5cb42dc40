-- Model: province_year_metrics (rollup view)
-- What:   per province, metric year, metric code and scope, how many regions and reports
--         state an achieved value, and the mean / min / max of those values. Targets
--         (is_target = true) are excluded; values without a metric year or a province are
--         left out. Scope is part of the grain so that, e.g., kindergarten and high-school
--         student_teacher_ratio are never averaged together; values stated for the whole
--         area (scope null) have scope 'all'.
-- Grain:  one row per (province_code, year, metric, scope).
-- Columns: province_code, province, year, metric, scope, unit, n_regions (distinct adcode;
--         reports without an adcode count as none), n_reports (distinct report_id),
--         n_values, mean_value, min_value, max_value.
-- Dropped and re-created (not CREATE OR REPLACE) so a changed column list applies on
-- PostgreSQL too.
DROP VIEW IF EXISTS province_year_metrics;
CREATE VIEW province_year_metrics AS
SELECT
    province_code,
    MIN(province) AS province,
    year,
    metric,
    COALESCE(scope, 'all') AS scope,
    MIN(unit) AS unit,
    COUNT(DISTINCT adcode) AS n_regions,
    COUNT(DISTINCT report_id) AS n_reports,
    COUNT(*) AS n_values,
    AVG(value) AS mean_value,
    MIN(value) AS min_value,
    MAX(value) AS max_value
FROM v_metrics_achieved
WHERE year IS NOT NULL AND province_code IS NOT NULL
GROUP BY province_code, year, metric, COALESCE(scope, 'all');
