"""Metric extraction driven by the catalog in data/metrics.yaml.

Interface: extract_metrics(text, report_year) -> list[MetricValue]; dedupe_values(values,
report_year) -> list[MetricValue] (extract.py runs it again over the rectification values).

How a value is found (the rules of ../shared/contract/METRICS.md), by module; dependencies flow
one way, rules <- clauses <- tables <- prose <- this package:

  rules.py    catalog and cue words compiled; the text cut into sentences, segments and
              clauses, headings and plan sections, one-cell-per-line tables joined (rule 1);
              anchors (rule 2)
  clauses.py  per-value rules: gap and unit checks, year and is_target (rule 4), scope,
              routing, blockers, other areas, rules quoted, parts (rule 6), _make and evidence
  tables.py   flattened tables (rule 8); compared lists (比上年的P和Q, rule 3) and
              back-references (该比例, rule 6)
  prose.py    the number after an anchor (rule 3), follow-ups, respectively and listed values
              (rule 5), extract_metrics, dedupe_values (rule 7)

Word lists live in data/metrics.yaml (per metric) and data/metric_cues.yaml (shared).
"""

from reportflow.metrics.prose import dedupe_values, extract_metrics

__all__ = ["dedupe_values", "extract_metrics"]
