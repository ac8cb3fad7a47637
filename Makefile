# One command sets everything up and runs the demo; one sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE ?= data/demo-store

.PHONY: setup system-deps demo test test-fast lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# OCR of scanned PDFs needs Tesseract with Swedish (Debian packages). Installed where we may (root, as CI is);
# elsewhere the OCR test is skipped and a scanned PDF is refused with a message that says what to install.
system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx swe; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-swe >/dev/null; \
	else echo "note: tesseract-ocr with Swedish is not installed; OCR tests will be skipped"; fi

demo: $(STAMP)
	$(BIN)/beslutsgraf ingest examples/*.txt --registry examples/exempelkommun.toml --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query referral-responses --param "decision=KS 2026-06-03 § 138" --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query case-history --param "case=KS 2025/164" --store $(DEMO_STORE)
	$(BIN)/beslutsgraf serve --store $(DEMO_STORE)

test: $(STAMP) system-deps lint
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
