"""settings: env vars, the Airflow connection's env form (URI and JSON), masking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportflow.settings import CONN_ENV, conn_to_url, load_settings, mask_url, repo_root


def test_defaults_live_under_the_repo_var_folder(monkeypatch) -> None:
    for k in ("REPORTFLOW_HOME", "REPORTFLOW_INBOX", "REPORTFLOW_BATCH_SIZE", CONN_ENV):
        monkeypatch.delenv(k, raising=False)
    s = load_settings()
    root = repo_root()
    assert (root / "pyproject.toml").is_file()
    assert s.home == root / "var"
    assert s.inbox == root / "var" / "inbox"
    assert s.batch_size == 20 and s.max_bytes == 104857600 and s.file_timeout == 60
    assert s.warehouse_url == f"duckdb:///{root / 'var' / 'warehouse' / 'reportflow.duckdb'}"


def test_env_overrides(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REPORTFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("REPORTFLOW_BATCH_SIZE", "7")
    monkeypatch.delenv(CONN_ENV, raising=False)
    s = load_settings()
    assert s.lake == tmp_path / "lake" and s.batch_size == 7
    assert s.warehouse_url.endswith(f"{tmp_path}/warehouse/reportflow.duckdb")


def test_airflow_connection_uri_and_json(monkeypatch) -> None:
    assert (
        conn_to_url("postgres://etl:s%40cret@db.example:5432/reports")
        == "postgresql+psycopg://etl:s%40cret@db.example:5432/reports"
    )
    assert conn_to_url("duckdb:////tmp/w.duckdb") == "duckdb:////tmp/w.duckdb"
    j = json.dumps(
        {
            "conn_type": "postgres",
            "host": "h",
            "login": "u",
            "password": "p w",
            "port": 5433,
            "schema": "wh",
        }
    )
    assert conn_to_url(j) == "postgresql+psycopg://u:p%20w@h:5433/wh"
    monkeypatch.setenv(CONN_ENV, "postgresql://u:pw@h/db")
    assert load_settings().warehouse_url == "postgresql+psycopg://u:pw@h/db"


def test_passwords_are_masked() -> None:
    masked = mask_url("postgresql+psycopg://etl:topsecret@db:5432/reports")
    assert "topsecret" not in masked and masked == "postgresql+psycopg://etl:***@db:5432/reports"
    assert mask_url("duckdb:////tmp/x.duckdb") == "duckdb:////tmp/x.duckdb"


def test_uri_from_airflow_connection_api_is_understood() -> None:
    """The DAG passes Connection.get("reports_warehouse").get_uri() when no env var is set."""
    from airflow.sdk import Connection

    conn = Connection(
        conn_id="reports_warehouse",
        conn_type="postgres",
        host="wh.internal",
        login="etl",
        password="p@ss word",
        schema="reports",
        port=5432,
    )
    url = conn_to_url(conn.get_uri())
    assert url.startswith("postgresql+psycopg://etl:")
    assert url.endswith("@wh.internal:5432/reports")
    import sqlalchemy as sa

    assert sa.make_url(url).password == "p@ss word"


@pytest.mark.parametrize(
    ("env", "value", "what"),
    [
        ("REPORTFLOW_BATCH_SIZE", "twenty", "an integer"),
        ("REPORTFLOW_FILE_TIMEOUT", "1m", "a number"),
        ("REPORTFLOW_RETRY_REJECTED", "maybe", "true or false"),
    ],
)
def test_a_malformed_setting_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, what: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ValueError, match=f"^{env} must be {what}, got '{value}'$"):
        load_settings()


def test_boolean_settings_accept_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, want in (("1", True), ("Yes", True), ("off", False), ("", False)):
        monkeypatch.setenv("REPORTFLOW_RETRY_REJECTED", value)
        assert load_settings().retry_rejected is want, value
