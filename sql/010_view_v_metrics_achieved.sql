-- Model: v_metrics_achieved (view)
-- What:   achieved / measured metric values (is_target = false) with the report's region, the
--         clean input of the rollup and of most analyses.
-- Grain:  one row per report_metrics row with is_target = false.
-- Columns: report_id, seq, metric, value, unit, year (metric year), scope, province,
--         province_code, city, county, adcode, report_year, report_type.
CREATE OR REPLACE VIEW v_metrics_achieved AS
SELECT
    m.report_id,
    m.seq,
    m.metric,
    m.value,
    m.unit,
    m.year,
    m.scope,
    r.province,
    r.province_code,
    r.city,
    r.county,
    r.adcode,
    r.report_year,
    r.report_type
FROM report_metrics AS m
JOIN reports AS r ON r.report_id = m.report_id
WHERE m.is_target = FALSE;
