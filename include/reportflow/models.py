"""Data classes shared by the extraction modules (one place, so modules do not import each other in circles)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class RejectedFile(Exception):
    """A file that cannot be turned into a report. `reason` is shown to analysts as is.

    `stage` is where it was rejected: read (bytes -> text) or extract (text -> fields).
    """

    def __init__(self, reason: str, stage: str = "read") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage


@dataclass
class Document:
    """A file read into one normalised text. Evidence offsets refer to `text`."""

    text: str
    file_type: str  # "txt" | "pdf"
    encoding: str | None = None  # detected encoding for TXT, None for PDF
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # web-page header lines (发布时间：…) that normalisation dropped from the top of `text`
    web_header: list[str] = field(default_factory=list)


@dataclass
class MetricValue:
    """One extracted value, as defined in ../shared/contract/METRICS.md."""

    metric: str
    value: float
    unit: str
    year: int | None
    is_target: bool
    scope: str | None
    evidence: str
    char_start: int

    def identity(self) -> tuple:
        """What makes two values "the same identical value" (emitted once per report)."""
        return (self.metric, round(self.value, 6), self.year, self.is_target, self.scope)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.unit == "count":
            d["value"] = int(round(self.value))
        return d


@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None


@dataclass
class ReportMeta:
    title: str | None = None
    issuer: str | None = None
    report_type: str = "other"  # self_evaluation | rectification | other
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None
    report_year: int | None = None
    published_date: str | None = None  # ISO date of the signature, or None


@dataclass
class RectItem:
    seq: int
    title: str
    status: str  # completed | in_progress | unknown
    char_start: int | None = None  # offset of the item heading in the normalised text (not emitted)
    # the verbatim status line/cell that gave `status` and its offset (not emitted)
    status_evidence: str | None = None
    status_char_start: int | None = None


@dataclass
class Rectification:
    tasks: int | None = None
    completed: int | None = None
    in_progress: int | None = None
    items: list[RectItem] = field(default_factory=list)
    # where the stated task count came from (None when counted from items)
    tasks_evidence: str | None = None
    tasks_char_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tasks": self.tasks,
            "completed": self.completed,
            "in_progress": self.in_progress,
            "items": [{"seq": i.seq, "title": i.title, "status": i.status} for i in self.items],
        }
