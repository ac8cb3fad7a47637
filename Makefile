# One command sets everything up and runs the demo; one sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE ?= data/demo-store

.PHONY: setup demo test test-fast lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/beslutsgraf ingest examples/*.txt --registry examples/exempelkommun.toml --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query referral-responses --param "decision=KS 2026-06-03 § 138" --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query case-history --param "case=KS 2025/164" --store $(DEMO_STORE)

test: $(STAMP) lint
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
