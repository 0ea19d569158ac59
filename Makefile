# `make run` and `make test` do their own set-up: a .venv from the pinned requirements (and, for the
# browser tests, Debian's chromium). Nothing else needs installing by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501
CHROMIUM ?= /usr/bin/chromium
# Python may keep compiled modules (__pycache__, ignored by git) even where the environment says not to: without
# them every test worker and every test server compiles the code, and pytest rewrites every test module's asserts,
# again on each start (about 3 s of each worker's start-up).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test check fast-tests lint chromium clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (PYTHON=$(PYTHON))")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# serve.py: the dashboard behind healthtech/guard.py. Without secrets it prints (and opens) this start's address
# with its key, http://localhost:$(PORT)/?local=…; the address without the key shows only how to get in.
run: $(STAMP)
	@echo "Starting the Danish Healthtech dashboard on port $(PORT) (Ctrl+C stops it)"
	@HEALTHTECH_OPEN_BROWSER=1 $(PY) -m streamlit run serve.py --server.port $(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftoppm >/dev/null || ! command -v faketime >/dev/null \
			|| ! command -v npm >/dev/null || ! ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1; then \
		echo "Installing Debian's chromium (browser tests, meeting-pack charts), poppler-utils (PDF tests)," \
			"faketime (link-expiry browser test), npm (axe-core for the accessibility test) and pango" \
			"(WeasyPrint lays out the meeting pack)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium \
			poppler-utils faketime npm libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
	fi

# axe-core (the accessibility test injects it into Chromium), pinned in package.json and package-lock.json.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility test: apt-get install npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(AXE)

# ruff for Python; sqlfluff (DuckDB dialect, rules in pyproject.toml) for every SQL file. ruff keeps its own cache;
# sqlfluff has none and takes about 10 CPU-seconds for the whole tree, so it runs again only when a query file, its
# rules or the installed packages changed since it last passed (a fresh clone always runs it).
SQL        := $(shell find queries -name '*.sql')
SQL_LINTED := $(VENV)/.sql-linted

lint: $(STAMP) $(SQL_LINTED)
	$(PY) -m ruff check .

$(SQL_LINTED): $(SQL) pyproject.toml $(STAMP)
	$(PY) -m sqlfluff lint --processes 2 queries
	@touch $@

# Everything, on every core (pytest-xdist; one file stays on one worker, so a file's shared fixtures run once).
test: $(STAMP) chromium $(AXE) lint
	$(PY) -m pytest -n auto --dist loadfile

# The inner loop: lint and the tests without a browser and without the `slow` marker, side by side (lint fills the
# cores while pytest starts its workers and finishes its last file); each one's output is printed when it is done.
check: $(STAMP)
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint fast-tests

fast-tests: $(STAMP)
	$(PY) -m pytest -n auto --dist loadfile -q -m "not browser and not slow" --ignore=tests/browser

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts node_modules
