"""Metric extraction driven by the catalog in data/metrics.yaml (see prose.py)."""

from reportflow.metrics.prose import _rules, dedupe_values, extract_metrics

__all__ = ["_rules", "dedupe_values", "extract_metrics"]
