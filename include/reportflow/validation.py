"""Great Expectations (GX Core 1.24) checks of the report frames, in-process.

API:

    build_suites() -> dict[str, dict]
        The three suites ("reports", "report_metrics", "rectification_items") as JSON-ready
        dicts, generated from the metric catalog and the 34 province names. Committed as
        expectations/<name>.json by `python -m reportflow.validation --write-suites`; a test
        checks the committed files equal what the catalog generates.
    load_suites(suites_dir=None) -> dict[str, dict]
        The committed JSON suites (what validate() runs).
    validate(frames, data_docs_dir, run_id, *, suites_dir=None, next_year=None)
        -> ValidationOutcome
        Runs each suite on its frame (warehouse.records_to_frames shape) with result format
        COMPLETE, builds Data Docs into data_docs_dir (index.html), and splits rows into
        passed / quarantined:
          - a reports row failing any expectation quarantines the whole report: its row,
            and its metrics and items (a report without province or year never loads);
          - a failed metric or item row is dropped alone; the rest of its report loads.
        ValidationOutcome.quarantine rows have the warehouse quarantine columns
        (stage "validate") and can go straight to warehouse.quarantine_rows().

GX is imported inside validate() only (it takes seconds); nothing happens at import time.
One ephemeral GX context per call; Data Docs are written to data_docs_dir on disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import warnings
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from reportflow.catalog import UNITS, load_catalog, provinces

log = logging.getLogger(__name__)

SUITES_DIR = Path(__file__).resolve().parents[2] / "expectations"
SUITE_NAMES = ("reports", "report_metrics", "rectification_items")
# suite parameter: the highest report year accepted, resolved at run time (next calendar year)
NEXT_YEAR = "next_year"
MIN_REPORT_YEAR = 2000
# bounds of a metric's own year (targets reach 2035 and beyond, "比上年" values go back a year)
METRIC_YEAR_RANGE = (1990, 2100)
FILE_TYPES = ["pdf", "txt"]
REPORT_TYPES = ["other", "rectification", "self_evaluation"]
ITEM_STATUSES = ["completed", "in_progress", "unknown"]
# reports columns that hold a catalog metric's value (validated against its range)
RECT_COLUMNS = {
    "rect_tasks": "rectification_tasks",
    "rect_completed": "rectification_completed",
    "rect_in_progress": "rectification_in_progress",
}


# ---------------------------------------------------------------- suites


def _exp(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": f"expect_{kind}", "kwargs": kwargs}


def _not_null(cols: list[str]) -> list[dict[str, Any]]:
    return [_exp("column_values_to_not_be_null", column=c) for c in cols]


def build_suites() -> dict[str, dict[str, Any]]:
    """The suites as plain dicts, generated from the catalog (data/metrics.yaml, provinces.csv)."""
    catalog = load_catalog()
    names = list(provinces())
    codes = sorted(set(provinces().values()))
    reports = [
        *_not_null(
            [
                "report_id",
                "source_path",
                "file_type",
                "report_type",
                "province",
                "province_code",
                "report_year",
            ]
        ),
        _exp("column_values_to_be_unique", column="report_id"),
        _exp("column_values_to_match_regex", column="report_id", regex=r"^[0-9a-f]{64}$"),
        _exp("column_values_to_be_in_set", column="province", value_set=names),
        _exp("column_values_to_be_in_set", column="province_code", value_set=codes),
        # the name and the 2-digit code (from the adcode) must name the same province
        _exp(
            "column_pair_values_to_be_in_set",
            column_A="province",
            column_B="province_code",
            value_pairs_set=[[n, c] for n, c in provinces().items()],
            ignore_row_if="either_value_is_missing",
        ),
        _exp("column_values_to_match_regex", column="adcode", regex=r"^\d{6}$"),
        _exp(
            "column_values_to_be_between",
            column="report_year",
            min_value=MIN_REPORT_YEAR,
            max_value={"$PARAMETER": NEXT_YEAR},
        ),
        _exp("column_values_to_be_in_set", column="file_type", value_set=FILE_TYPES),
        _exp("column_values_to_be_in_set", column="report_type", value_set=REPORT_TYPES),
        *[
            _exp(
                "column_values_to_be_between",
                column=col,
                min_value=catalog[code].min,
                max_value=catalog[code].max,
            )
            for col, code in RECT_COLUMNS.items()
        ],
    ]
    metrics = [
        *_not_null(["report_id", "seq", "metric", "value", "unit", "is_target"]),
        _exp("compound_columns_to_be_unique", column_list=["report_id", "seq"]),
        _exp("column_values_to_be_in_set", column="metric", value_set=list(catalog)),
        _exp("column_values_to_be_in_set", column="unit", value_set=list(UNITS)),
        _exp(
            "column_values_to_be_between",
            column="year",
            min_value=METRIC_YEAR_RANGE[0],
            max_value=METRIC_YEAR_RANGE[1],
        ),
    ]
    for code, spec in catalog.items():
        cond = {"row_condition": f'metric=="{code}"', "condition_parser": "pandas"}
        metrics.append(
            _exp(
                "column_values_to_be_between",
                column="value",
                min_value=spec.min,
                max_value=spec.max,
                **cond,
            )
        )
        metrics.append(
            _exp("column_values_to_be_in_set", column="unit", value_set=[spec.unit], **cond)
        )
    items = [
        *_not_null(["report_id", "seq", "title", "status"]),
        _exp("compound_columns_to_be_unique", column_list=["report_id", "seq"]),
        _exp("column_values_to_be_in_set", column="status", value_set=ITEM_STATUSES),
        _exp("column_value_lengths_to_be_between", column="title", min_value=1),
    ]
    meta = {
        "generated_by": "python -m reportflow.validation --write-suites",
        "source": "include/reportflow/data/metrics.yaml, include/reportflow/data/provinces.csv",
        "suite_parameters": {NEXT_YEAR: "the calendar year after the run (set by validate())"},
    }
    return {
        name: {"name": name, "meta": meta, "expectations": exps}
        for name, exps in zip(SUITE_NAMES, (reports, metrics, items), strict=True)
    }


def suite_json(suite: Mapping[str, Any]) -> str:
    """The committed text of a suite (stable: 2-space indent, UTF-8, trailing newline)."""
    return json.dumps(suite, ensure_ascii=False, indent=2) + "\n"


def write_suites(suites_dir: Path | None = None) -> list[Path]:
    """Write build_suites() to <suites_dir>/<name>.json; return the paths."""
    out_dir = Path(suites_dir or SUITES_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, suite in build_suites().items():
        path = out_dir / f"{name}.json"
        path.write_text(suite_json(suite), encoding="utf-8")
        paths.append(path)
    return paths


def load_suites(suites_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """The suites stored as JSON in suites_dir (default: the repository's expectations/)."""
    base = Path(suites_dir or SUITES_DIR)
    suites = {}
    for name in SUITE_NAMES:
        path = base / f"{name}.json"
        if not path.is_file():
            raise FileNotFoundError(
                f"expectation suite {path} is missing; run python -m reportflow.validation --write-suites"
            )
        suites[name] = json.loads(path.read_text(encoding="utf-8"))
    return suites


# ---------------------------------------------------------------- outcome


@dataclass
class ValidationOutcome:
    """Result of validate().

    frames: the input frames restricted to the rows that passed (index reset);
    quarantine: warehouse quarantine rows (stage "validate"), one per rejected row;
    quarantined_report_ids: reports set aside whole; data_docs_index: the Data Docs
    index.html; checked / passed: row counts per table; success: nothing was quarantined.
    """

    frames: dict[str, pd.DataFrame]
    quarantine: list[dict[str, Any]]
    quarantined_report_ids: list[str]
    data_docs_index: Path
    checked: dict[str, int] = field(default_factory=dict)
    passed: dict[str, int] = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return not self.quarantine


def expectation_name(config: Mapping[str, Any]) -> str:
    """'type(column) where condition' for an expectation config (type + kwargs)."""
    kw = config["kwargs"]
    cols = kw.get("column") or ", ".join(
        kw.get("column_list") or [c for c in (kw.get("column_A"), kw.get("column_B")) if c]
    )
    name = f"{config['type']}({cols})"
    cond = kw.get("row_condition")
    if isinstance(cond, Mapping):  # GX turns a pandas string condition into a pass-through
        cond = cond.get("pass_through_filter") or json.dumps(cond, ensure_ascii=False)
    return f"{name} where {cond}" if cond else name


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    """A bound as shown to analysts: suite parameters resolved, 100.0 -> 100."""
    if isinstance(value, Mapping) and "$PARAMETER" in value:
        value = params.get(value["$PARAMETER"])
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _reason(config: Mapping[str, Any], row: pd.Series, params: Mapping[str, Any]) -> str:
    kw = config["kwargs"]
    kind = config["type"].removeprefix("expect_")
    col = kw.get("column")
    val = _plain(row.get(col)) if col else None
    if kind == "column_values_to_not_be_null":
        text = f"{col} is null"
    elif kind == "column_values_to_be_in_set":
        allowed = kw["value_set"]
        shown = allowed if len(allowed) <= 6 else f"the {len(allowed)} allowed values"
        text = f"{col}={val!r} is not in {shown}"
    elif kind in ("column_values_to_be_between", "column_value_lengths_to_be_between"):
        lo, hi = _resolve(kw.get("min_value"), params), _resolve(kw.get("max_value"), params)
        what = f"length of {col}" if "lengths" in kind else f"{col}={val!r}"
        text = f"{what} is outside [{lo}, {hi}]"
    elif kind == "column_values_to_match_regex":
        text = f"{col}={val!r} does not match {kw['regex']}"
    elif kind == "column_values_to_be_unique":
        text = f"{col}={val!r} is not unique"
    elif kind == "column_pair_values_to_be_in_set":
        a, b = kw["column_A"], kw["column_B"]
        text = f"({a}, {b})=({_plain(row.get(a))!r}, {_plain(row.get(b))!r}) do not match"
    elif kind == "compound_columns_to_be_unique":
        cols = kw["column_list"]
        text = f"({', '.join(cols)})={tuple(_plain(row.get(c)) for c in cols)!r} is not unique"
    else:
        text = f"{col}={val!r} fails {config['type']}"
    return text


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _row_json(row: pd.Series) -> str:
    return json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------- running GX


def _gx_context(data_docs_dir: Path) -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.add_data_docs_site(
        site_name="reportflow",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(data_docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def _run_gx(
    frames: Mapping[str, pd.DataFrame],
    suites: Mapping[str, Mapping[str, Any]],
    data_docs_dir: Path,
    run_id: str,
    params: Mapping[str, Any],
) -> tuple[dict[str, list[tuple[dict, list[int] | None]]], Path]:
    """Run the suites; return per table the failed (expectation config, row indices) and the
    Data Docs index. Indices None = the expectation failed without naming rows."""
    import great_expectations as gx
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    data_docs_dir.mkdir(parents=True, exist_ok=True)
    context = _gx_context(data_docs_dir)
    source = context.data_sources.add_pandas("reportflow")
    gx_run = RunIdentifier(run_name=run_id, run_time=dt.datetime.now(dt.UTC))
    failures: dict[str, list[tuple[dict, list[int] | None]]] = {}
    for name in SUITE_NAMES:
        df = frames[name]
        spec = suites[name]
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        suite = ExpectationSuite(
            name=spec["name"],
            expectations=[ExpectationConfiguration(**e) for e in spec["expectations"]],
            meta=spec.get("meta") or {},
        )
        suite = context.suites.add(suite)
        vd = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"validate_{name}", data=batch, suite=suite)
        )
        result = vd.run(
            batch_parameters={"dataframe": df},
            expectation_parameters=dict(params),
            result_format={"result_format": "COMPLETE"},
            run_id=gx_run,
        )
        failed = []
        for r in result.results:
            if r.success:
                continue
            cfg = r.expectation_config.to_json_dict()
            if r.exception_info and r.exception_info.get("raised_exception"):
                raise RuntimeError(
                    f"expectation {expectation_name(cfg)} on {name} could not run: "
                    f"{r.exception_info.get('exception_message')}"
                )
            idx = r.result.get("unexpected_index_list")
            failed.append((cfg, None if idx is None else [int(i) for i in idx]))
        failures[name] = failed
        log.info(
            "GX suite %s: %d rows, %d/%d expectations failed",
            name,
            len(df),
            len(failed),
            len(result.results),
        )
    context.build_data_docs(site_names=["reportflow"])
    index = data_docs_dir / "index.html"
    log.info("Data Docs for run %s: %s", run_id, index)
    return failures, index


# ---------------------------------------------------------------- validate


def _prepared(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    from reportflow.warehouse import empty_frame

    out = {}
    for name in SUITE_NAMES:
        df = frames.get(name)
        out[name] = (empty_frame(name) if df is None else df).reset_index(drop=True)
    return out


def validate(
    frames: Mapping[str, pd.DataFrame],
    data_docs_dir: Path,
    run_id: str,
    *,
    suites_dir: Path | None = None,
    next_year: int | None = None,
) -> ValidationOutcome:
    """Validate the frames with the committed suites; see the module docstring.

    next_year (the highest report_year accepted) defaults to the current UTC year + 1.
    """
    frames = _prepared(frames)
    suites = load_suites(suites_dir)
    params = {NEXT_YEAR: next_year or dt.datetime.now(dt.UTC).year + 1}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pandas row_condition strings
        failures, index = _run_gx(frames, suites, Path(data_docs_dir), run_id, params)

    # row index -> [(expectation name, reason)] per table
    bad: dict[str, dict[int, list[tuple[str, str]]]] = {n: defaultdict(list) for n in SUITE_NAMES}
    for name, failed in failures.items():
        df = frames[name]
        for cfg, idx in failed:
            rows = range(len(df)) if idx is None else idx
            for i in rows:
                bad[name][i].append((expectation_name(cfg), _reason(cfg, df.iloc[i], params)))

    reports = frames["reports"]
    source = dict(zip(reports["report_id"], reports["source_path"], strict=False))
    quarantine: list[dict[str, Any]] = []

    def q(table: str, row: pd.Series, expectation: str, reason: str) -> None:
        rid = _plain(row.get("report_id"))
        quarantine.append(
            {
                "run_id": run_id,
                "report_id": rid,
                "source_path": source.get(rid),
                "sha256": rid,
                "stage": "validate",
                "table_name": table,
                "expectation": expectation,
                "reason": reason,
                "row_json": _row_json(row),
                "quarantine_path": None,
            }
        )

    why_report: dict[str, tuple[str, str]] = {}  # report_id -> (expectations, reasons)
    for i, fails in sorted(bad["reports"].items()):
        row = reports.iloc[i]
        names, reasons = "; ".join(f[0] for f in fails), "; ".join(f[1] for f in fails)
        q("reports", row, names, reasons)
        why_report.setdefault(row["report_id"], (names, reasons))
    good_reports = reports.drop(index=list(bad["reports"]))
    good_ids = set(good_reports["report_id"])

    passed = {"reports": good_reports.reset_index(drop=True)}
    for name in ("report_metrics", "rectification_items"):
        df = frames[name]
        keep = []
        for i in range(len(df)):
            row = df.iloc[i]
            rid = row["report_id"]
            if i in bad[name]:
                fails = bad[name][i]
                q(name, row, "; ".join(f[0] for f in fails), "; ".join(f[1] for f in fails))
            elif rid not in good_ids:
                names, reasons = why_report.get(rid, ("", "its report is not in the batch"))
                q(name, row, f"report quarantined: {names}".rstrip(": "), reasons)
            else:
                keep.append(i)
        passed[name] = df.iloc[keep].reset_index(drop=True)

    outcome = ValidationOutcome(
        frames=passed,
        quarantine=quarantine,
        quarantined_report_ids=list(dict.fromkeys(why_report)),
        data_docs_index=index,
        checked={n: len(frames[n]) for n in SUITE_NAMES},
        passed={n: len(passed[n]) for n in SUITE_NAMES},
    )
    log.info(
        "validation run %s: passed %s of %s; %d rows quarantined (%d whole reports)",
        run_id,
        outcome.passed,
        outcome.checked,
        len(quarantine),
        len(outcome.quarantined_report_ids),
    )
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reportflow.validation")
    parser.add_argument(
        "--write-suites", action="store_true", help="write expectations/*.json from the catalog"
    )
    parser.add_argument("--dir", type=Path, default=SUITES_DIR, help="suites folder")
    args = parser.parse_args(argv)
    if not args.write_suites:
        parser.print_help()
        return 2
    for path in write_suites(args.dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
