"""Configuration: environment variables (and the Airflow connection's env form) -> paths, URLs.

Every value is read when `load_settings()` is called, never at import, so tests and the DAG can
change the environment between runs. Nothing here imports Airflow: the Airflow connection
`reports_warehouse` is read from its environment form `AIRFLOW_CONN_REPORTS_WAREHOUSE` (URI or
JSON), and the DAG may also pass a URL it got from Airflow's own connection API.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

T = TypeVar("T")

CONN_ENV = "AIRFLOW_CONN_REPORTS_WAREHOUSE"

# Airflow connection types -> SQLAlchemy dialects (URI scheme of an Airflow connection).
_SCHEME_DIALECT = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "duckdb": "duckdb",
}


def repo_root() -> Path:
    """The repository holding this package (…/include/reportflow -> …)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "include").is_dir():
            return parent
    return here.parents[2]


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _parse_bool(value: str) -> bool:
    if value.lower() in _TRUE + _FALSE:
        return value.lower() in _TRUE
    raise ValueError(value)


def _env(env: str, default: T, parse: Callable[[str], T], what: str) -> T:
    """An environment variable parsed with `parse`, the default when unset or blank; a value
    that does not parse is a one-line configuration error naming the variable."""
    value = os.environ.get(env, "").strip()
    if not value:
        return default
    try:
        return parse(value)
    except ValueError as e:
        raise ValueError(f"{env} must be {what}, got {value!r}") from e


def conn_to_url(conn: str) -> str:
    """An Airflow connection in env form (URI or JSON) -> a SQLAlchemy URL."""
    conn = conn.strip()
    if conn.startswith("{"):
        d = json.loads(conn)
        ctype = str(d.get("conn_type") or "postgres").lower()
        dialect = _SCHEME_DIALECT.get(ctype, ctype)
        if dialect == "duckdb":
            return f"duckdb:///{d.get('host') or d.get('schema') or ''}"
        auth = ""
        if d.get("login"):
            auth = quote(str(d["login"]), safe="")
            if d.get("password"):
                auth += ":" + quote(str(d["password"]), safe="")
            auth += "@"
        port = f":{d['port']}" if d.get("port") else ""
        return f"{dialect}://{auth}{d.get('host') or ''}{port}/{d.get('schema') or ''}"
    parts = urlsplit(conn)
    scheme = parts.scheme.lower()
    if "+" in scheme:  # already a SQLAlchemy URL such as postgresql+psycopg://
        return conn
    if scheme == "duckdb":  # duckdb:////abs/path.duckdb, as SQLAlchemy spells it
        return conn
    dialect = _SCHEME_DIALECT.get(scheme, scheme)
    return urlunsplit((dialect, parts.netloc, parts.path, parts.query, ""))


def mask_url(url: str) -> str:
    """The URL with its password replaced by ***, for logs and error messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable url>"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    host = netloc[1] if len(netloc) == 2 else ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, ""))


@dataclass(frozen=True)
class Settings:
    home: Path
    inbox: Path
    lake: Path
    quarantine_dir: Path
    data_docs: Path
    staging: Path
    warehouse_url: str
    batch_size: int
    max_bytes: int
    max_pages: int
    file_timeout: float
    file_memory_mb: int
    stable_seconds: float
    # re-read files whose bytes an earlier run already rejected or quarantined
    retry_rejected: bool = False

    @property
    def warehouse_url_masked(self) -> str:
        return mask_url(self.warehouse_url)


def warehouse_url(home: Path | None = None) -> str:
    """The warehouse URL: AIRFLOW_CONN_REPORTS_WAREHOUSE, else a DuckDB file under home."""
    conn = os.environ.get(CONN_ENV, "").strip()
    if conn:
        return conn_to_url(conn)
    home = home or _path("REPORTFLOW_HOME", repo_root() / "var")
    return f"duckdb:///{home / 'warehouse' / 'reportflow.duckdb'}"


def load_settings() -> Settings:
    """Read the configuration from the environment now (defaults in docs/ARCHITECTURE.md)."""
    home = _path("REPORTFLOW_HOME", repo_root() / "var")
    return Settings(
        home=home,
        inbox=_path("REPORTFLOW_INBOX", home / "inbox"),
        lake=_path("REPORTFLOW_LAKE", home / "lake"),
        quarantine_dir=_path("REPORTFLOW_QUARANTINE_DIR", home / "quarantine"),
        data_docs=_path("REPORTFLOW_DATA_DOCS", home / "data_docs"),
        staging=_path("REPORTFLOW_STAGING", home / "staging"),
        warehouse_url=warehouse_url(home),
        batch_size=max(1, _env("REPORTFLOW_BATCH_SIZE", 20, int, "an integer")),
        max_bytes=_env("REPORTFLOW_MAX_BYTES", 104857600, int, "an integer"),
        max_pages=_env("REPORTFLOW_MAX_PAGES", 500, int, "an integer"),
        file_timeout=_env("REPORTFLOW_FILE_TIMEOUT", 60.0, float, "a number"),
        file_memory_mb=_env("REPORTFLOW_FILE_MEMORY_MB", 1024, int, "an integer"),
        stable_seconds=_env("REPORTFLOW_STABLE_SECONDS", 60.0, float, "a number"),
        retry_rejected=_env("REPORTFLOW_RETRY_REJECTED", False, _parse_bool, "true or false"),
    )
