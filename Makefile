# The README's two commands (`make serve`, `make test`) and the steps they share.
# Every target sets up what it needs: the virtual environment from a hashed lock (requirements.lock for
# the build, requirements-test.lock for the build and the tests; `make lock` writes both from
# pyproject.toml), and system packages (Debian's chromium for browser tests) where this user may install them.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
BUILD_LOCK := requirements.lock
TEST_LOCK  := requirements-test.lock
# One stamp per lock, named by its checksum: a changed lock reinstalls, and the build's targets never
# install the test lock (no Playwright for `make serve`).
BUILD_STAMP := $(VENV)/.installed-build-$(shell cksum < $(BUILD_LOCK) | cut -d' ' -f1)
TEST_STAMP  := $(VENV)/.installed-test-$(shell cksum < $(TEST_LOCK) | cut -d' ' -f1)

# `make lock`: uv, pinned; the locks are resolved for Linux and the oldest Python the pins allow
# (pymdown-extensions 13.1.2 needs 3.11.5). The test lock keeps the build lock's versions, so the tests
# check what the build uses; both keep every version pyproject.toml still allows (uv prefers the pins
# already in the file it rewrites).
UV_VERSION  := 0.13.9
LOCK_PYTHON := 3.11.5
UV_ARGS     := --generate-hashes --python-version $(LOCK_PYTHON) --python-platform linux
UV_COMPILE  := $(BIN)/uv pip compile pyproject.toml $(UV_ARGS) --no-header --quiet

export NO_MKDOCS_2_WARNING := 1

# Debian packages: the PDFs' CJK font and WeasyPrint's Pango (every build); the browser, Java for vnu
# and poppler for the tests.
BUILD_DEPS := fonts-noto-cjk fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0
TEST_DEPS  := $(BUILD_DEPS) chromium default-jre-headless poppler-utils
# Node.js and npm (citeproc-js, ajv; Lighthouse for bench) from Debian only where no node is on PATH: a machine
# with another build of Node.js (NodeSource's carries npm in its nodejs package) cannot take Debian's npm beside it.
NODE_DEPS  = $$(command -v npm >/dev/null || echo nodejs npm)

.PHONY: serve build pdf test test-fast gates bench lock permalinks release clean

## serve: a live preview at http://$(ADDR) (default 127.0.0.1:8000; `make serve ADDR=127.0.0.1:8001` picks
## another): rebuilt on every change to docs/, data/, overrides/, scripts/
ADDR ?= 127.0.0.1:8000
serve: $(BUILD_STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/python -m scripts serve --dev-addr $(ADDR)

## build: write the static site, PDFs included, to site/ (prepare → mkdocs build → finish; build/ holds the
## prepared tree)
build: $(BUILD_STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/python -m scripts build

## pdf: the typeset PDFs alone, into site/pdf/
pdf: $(BUILD_STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS)
	$(BIN)/python -m scripts pdf site

## test: ruff and mypy, then the whole test suite and quality gates (builds the site itself; Debian's chromium, Java for vnu)
test: $(TEST_STAMP) test-fast
	bash scripts/system-deps.sh $(TEST_DEPS) $(NODE_DEPS)
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m coverage erase
	$(BIN)/python -m coverage run -m pytest
	$(BIN)/python -m coverage combine --quiet
	$(BIN)/python -m coverage report
	$(BIN)/python tests/check_raises.py

## test-fast: the unit tests of the pure parts alone (dates, numerals, citation marks, segments, links, YAML lines), in seconds
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m fast tests/test_fast_*.py

## gates: the tests that need no browser (the Pages workflow runs them before it publishes)
gates: $(TEST_STAMP)
	bash scripts/system-deps.sh $(BUILD_DEPS) default-jre-headless poppler-utils $(NODE_DEPS)
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m pytest -m "not browser"

## bench: by hand, not in CI: issue #22's figures (edit to preview, build against a bare build, make test, Lighthouse,
## page weight), each met or missed, into README's performance table; `make bench BENCH=--no-test` skips timing
## make test (14 min), `BENCH="--only pages"` measures one part (python -m scripts bench --help)
BENCH ?=
bench: $(TEST_STAMP)
	bash scripts/system-deps.sh chromium $(NODE_DEPS)
	cd scripts/bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m scripts bench $(BENCH)

## permalinks: add new units' URLs to data/permalinks.txt (released URLs are never removed)
permalinks: $(BUILD_STAMP)
	$(BIN)/python -m scripts permalinks --fix

## release: write the newest release's snapshot of every unit's wording (data/releases/<version>.yaml), once
release: $(BUILD_STAMP)
	$(BIN)/python -m scripts release --fix

## lock: rewrite requirements.lock and requirements-test.lock from pyproject.toml, with hashes (needs PyPI)
lock: | $(BIN)/python
	$(PIP) install --quiet uv==$(UV_VERSION)
	$(call write_lock,$(BUILD_LOCK),The build's packages (make serve/build/pdf/permalinks/release),)
	$(call write_lock,$(TEST_LOCK),The build's and the tests' packages (make test/gates/bench),--extra test --constraint $(BUILD_LOCK))

# $(call write_lock,FILE,WHAT IT HOLDS,MORE UV ARGUMENTS): the lock, under a header that says how it is made
define write_lock
	$(strip $(UV_COMPILE) $(3)) --output-file $(1)
	@{ echo "# $(2), exact and hashed. Do not edit: change"; \
	   echo "# pyproject.toml and run \`make lock\`, which writes this file with uv $(UV_VERSION):"; \
	   echo "#   uv pip compile pyproject.toml $(strip $(UV_ARGS) $(3)) --output-file $(1)"; \
	   echo "# make installs it with pip install --require-hashes --no-deps --requirement $(1)."; \
	   cat $(1); } > $(1).tmp && mv $(1).tmp $(1)
endef

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' \
	  || { echo "Python 3.11.5 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1) (make PYTHON=python3.12 picks another)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) \
	  || { echo "Cannot create a virtual environment: install python3-venv (apt-get install python3-venv)."; exit 1; }

$(BUILD_STAMP): $(BUILD_LOCK) | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps --requirement $(BUILD_LOCK)
	$(PIP) check
	rm -f $(VENV)/.installed-build-* && touch $@

$(TEST_STAMP): $(TEST_LOCK) | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps --requirement $(TEST_LOCK)
	$(PIP) check
	rm -f $(VENV)/.installed-test-* && touch $@

clean:
	rm -rf site build .pytest_cache
