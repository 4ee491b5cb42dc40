"""The metric catalog (data/metrics.yaml): codes, units, valid ranges, national standards.

One loader for the extractor, the Great Expectations suites and the warehouse.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

UNITS = ("percent", "yuan", "count", "ratio", "coefficient")


@dataclass(frozen=True)
class MetricSpec:
    code: str
    label: str
    unit: str
    min: float
    max: float
    standard: dict[str, Any] | None = None
    # extraction fields (synonyms, patterns, ...) as written in the YAML, for reportflow.metrics
    extraction: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def in_range(self, value: float) -> bool:
        return self.min <= value <= self.max


_CORE = {"label", "unit", "min", "max", "standard"}


def data_text(name: str) -> str:
    """A file of the package's data/ folder, as text."""
    return resources.files("reportflow").joinpath("data", name).read_text(encoding="utf-8")


@cache
def data_yaml(name: str) -> dict[str, Any]:
    """A YAML file of data/ (word lists, cues), parsed once per process. Do not mutate."""
    return yaml.safe_load(data_text(name))


@cache
def load_catalog() -> dict[str, MetricSpec]:
    """All metric specs by code, in catalog order."""
    raw = data_yaml("metrics.yaml")["metrics"]
    out: dict[str, MetricSpec] = {}
    for code, d in raw.items():
        if d["unit"] not in UNITS:
            raise ValueError(f"metrics.yaml: {code} has unknown unit {d['unit']!r}")
        out[code] = MetricSpec(
            code=code,
            label=d.get("label", code),
            unit=d["unit"],
            min=float(d["min"]),
            max=float(d["max"]),
            standard=d.get("standard"),
            extraction={k: v for k, v in d.items() if k not in _CORE},
        )
    return out


@cache
def provinces() -> dict[str, str]:
    """The 34 provincial-level names (full) -> 2-digit code."""
    rows = csv.DictReader(data_text("provinces.csv").splitlines())
    return {r["name"]: r["code"] for r in rows}
