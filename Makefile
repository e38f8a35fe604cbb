# The README's two commands (`make serve`, `make test`) and the steps they share.
# Every target sets up what it needs: the virtual environment from requirements.lock, and system
# packages (Debian's chromium for browser tests) where this user may install them.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

# Debian packages: the PDFs' CJK font and WeasyPrint's Pango (every build); the browser, Java for vnu
# and poppler for the tests.
BUILD_DEPS := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
TEST_DEPS  := $(BUILD_DEPS) chromium default-jre-headless poppler-utils

.PHONY: serve build pdf test gates bench permalinks release clean

## serve: build and serve the site with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: write the static site, PDFs included, to site/
build: $(STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/mkdocs build --strict

## pdf: the typeset PDFs alone, into site/pdf/
pdf: $(STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/python -m scripts.pdf site

## test: ruff, then the whole test suite and quality gates (builds the site itself; Debian's chromium, Java for vnu)
test: $(STAMP)
	bash scripts/system-deps.sh $(TEST_DEPS)
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest

## gates: the tests that need no browser (the Pages workflow runs them before it publishes)
gates: $(STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS) default-jre-headless poppler-utils
	$(BIN)/python -m pytest -m "not browser"

## bench: by hand, not in CI: build time, bytes per page, Lighthouse; writes README's performance table
bench: $(STAMP)
	bash scripts/system-deps.sh chromium
	cd scripts/bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/bench/bench.py

## permalinks: add new units' URLs to data/permalinks.txt (released URLs are never removed)
permalinks: $(STAMP)
	$(BIN)/python -m scripts.permalinks --fix

## release: write the newest release's snapshot of every unit's wording (data/releases/<version>.yaml), once
release: $(STAMP)
	$(BIN)/python -m scripts.releases --fix

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) \
	  || { echo "Cannot create a virtual environment: install python3-venv (apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --requirement requirements.lock
	$(BIN)/python -m pip check --disable-pip-version-check
	rm -f $(VENV)/.installed-* && touch $@

clean:
	rm -rf site .pytest_cache
