# `make run` and `make test` do their own set-up: a .venv from the pinned requirements (and, for the
# browser tests, Debian's chromium). Nothing else needs installing by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint chromium clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (PYTHON=$(PYTHON))")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

run: $(STAMP)
	@echo "Danish Healthtech dashboard on http://localhost:$(PORT)  (Ctrl+C stops it)"
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftoppm >/dev/null || ! command -v faketime >/dev/null; then \
		echo "Installing Debian's chromium (browser tests, meeting-pack charts), poppler-utils (PDF tests)" \
			"and faketime (link-expiry browser test)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium \
			poppler-utils faketime; \
	fi

lint: $(STAMP)
	$(PY) -m ruff check .

test: $(STAMP) chromium lint
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
