"""docker-compose.yaml, checked statically (no Docker engine here): it parses, has the Airflow 3
services and both databases, mounts folders that exist, and holds no literal secret."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SECRET_KEY = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|_KEY$", re.I)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yaml").read_text(encoding="utf-8"))


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) for e in env)
    return {k: str(v) for k, v in env.items()}


def test_services(compose: dict) -> None:
    services = compose["services"]
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                 "airflow-triggerer", "airflow-worker", "airflow-init", "airflow-db",
                 "warehouse-db", "redis"):  # fmt: skip
        assert name in services, name
    assert services["airflow-apiserver"]["command"] == "api-server"
    assert services["airflow-dag-processor"]["command"] == "dag-processor"
    env = _env(services["airflow-scheduler"])
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert "redis" in env["AIRFLOW__CELERY__BROKER_URL"]
    assert services["airflow-db"]["image"].startswith("postgres")
    assert services["warehouse-db"]["image"].startswith("postgres")
    image = (REPO / "Dockerfile").read_text()
    assert "apache/airflow:3.3.2" in image and "requirements.txt" in image


def test_mounts_exist_in_the_repo(compose: dict) -> None:
    mounts = compose["services"]["airflow-scheduler"]["volumes"]
    local = [m.split(":")[0] for m in mounts if m.startswith("./")]
    assert {"./dags", "./include", "./plugins", "./expectations", "./sql"} <= set(local)
    for m in local:
        assert (REPO / m).is_dir(), m


def test_warehouse_connection_from_env_file(compose: dict) -> None:
    svc = compose["services"]["airflow-worker"]
    files = [f["path"] if isinstance(f, dict) else f for f in svc["env_file"]]
    assert ".env" in files
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^AIRFLOW_CONN_REPORTS_WAREHOUSE=postgres://", example, re.M)
    assert ".env" in (REPO / ".gitignore").read_text().split()


def test_no_literal_secrets(compose: dict) -> None:
    for name, svc in compose["services"].items():
        for key, value in _env(svc).items():
            if SECRET_KEY.search(key):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+\}", value), f"{name}: {key} is literal"
            # credentials inside URLs must be references too
            for cred in re.findall(r"://[^:@/\s]*:([^@\s]+)@", value):
                assert cred.startswith("${"), f"{name}: {key} has a literal password in a URL"
    text = (REPO / "docker-compose.yaml").read_text(encoding="utf-8")
    literal = re.search(r"(?im)^\s*[\w.-]*password\w*\s*[:=]\s*(?![\"']?\$)\S", text)
    assert not literal, literal
    # the example env file has no filled-in secrets either
    for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            if SECRET_KEY.search(key):
                assert value == "", key
