# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make serve   build the bundled content and serve it on http://127.0.0.1:8000
#   make test    run the whole test suite (lint, unit, integration, browser)
# Both create .venv and install what they need on first use.

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: serve build check test browser clean catalogs lighthouse bench bench-edit screenshots

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,zensical]"
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP)
	$(BIN)/evalsite serve

build: $(STAMP)
	$(BIN)/evalsite build

check: $(STAMP)
	$(BIN)/evalsite check

test: $(STAMP) browser node_modules/.package-lock.json
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/pytest

# The Nu HTML checker (npm vnu-jar, runs on the machine's Java 17).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Lighthouse scores of a recommendation page and an action plan, written to docs/lighthouse.md.
lighthouse: $(STAMP) browser
	PYTHON=$(BIN)/python scripts/lighthouse

# The first screen of every page kind, wide and narrow, written to docs/screenshots/.
screenshots: $(STAMP) browser
	$(BIN)/python scripts/screenshots.py

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@scripts/ensure-chromium

# Build cost at N = 10, 100 and 1,000 synthetic evaluations, written to docs/benchmarks.md (takes about 70 minutes on 2 cores).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# From a save in `evalsite serve` to the open page's reload, on the bundled content: docs/preview-latency.md.
bench-edit: $(STAMP)
	$(BIN)/python bench/edit.py

catalogs: $(STAMP)
	PYTHON=$(BIN)/python scripts/update-catalogs

clean:
	rm -rf site build .pytest_cache
