# reportflow: the two commands a newcomer needs are `make demo` and `make test`.
# Both create .venv/ from the pinned requirements when it is missing or stale.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-unit test-integration lint format bench clean venv

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

## make demo: the nightly DAG end to end on the bundled samples, DuckDB warehouse, then the rollup
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

## make test: every test (unit and integration: PostgreSQL, full DAG runs)
test: $(STAMP)
	$(BIN)/python -m pytest

test-unit: $(STAMP)
	$(BIN)/python -m pytest -m "not integration"

test-integration: $(STAMP)
	$(BIN)/python -m pytest -m integration

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make bench: extraction speed and memory, printed (not asserted)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf var .pytest_cache .ruff_cache
