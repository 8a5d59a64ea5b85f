# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The first interpreter >= 3.12 (pyenv honours .python-version for `python3`).
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test test-e2e bench bench-peer loadtest messages lock clean check-python check-chromium

check-python:
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "Otwarte needs Python 3.12 or newer (Django 6.1). Install python3.12 or python3.13 and retry."; \
		exit 1; fi

$(VENV)/.installed: pyproject.toml requirements.lock | check-python
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

# Compiled catalogues are build output, never committed.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt-get install gettext)."; exit 1; }
	@DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

run: $(VENV)/.installed messages
	DEBUG=1 $(PY) manage.py migrate --no-input
	@# Loads only into an empty database (cockpit/management/commands/load_demo.py): a restart keeps edits.
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py load_demo
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# axe-core for the browser tests and vnu-jar (the Nu HTML Checker): `npm ci` when
# node_modules is missing or older than the lock file (npm writes
# node_modules/.package-lock.json on every install). --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime where the machine has none; the check
# uses the machine's Java (apt-get install default-jre-headless), nothing else needs one.
node_modules/.package-lock.json: package-lock.json package.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "npm ci (axe-core for the browser tests, vnu-jar for the HTML check)"; \
		npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: the browser tests (tests/e2e) need axe-core from npm."; \
		echo "  Install Node.js and npm (apt-get install npm), then run make test again."; \
		if [ -n "$$CI" ]; then exit 1; fi; \
	fi

# Debian's Chromium drives the browser tests; Playwright never downloads one.
CHROMIUM_PATH ?= /usr/bin/chromium
check-chromium:
	@[ -x "$(CHROMIUM_PATH)" ] || { \
		echo "$(CHROMIUM_PATH) not found: the browser tests (tests/e2e) need Chromium."; \
		echo "  Install it with apt-get install chromium, then run make test again."; \
		if [ -n "$$CI" ]; then exit 1; fi; }

# The layering contract first (pyproject.toml [tool.importlinter]), then the suite, on
# every core (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: $(VENV)/.installed messages node_modules/.package-lock.json check-chromium
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: $(VENV)/.installed messages
	$(PY) bench/run.py
	$(PY) bench/suggestions.py

# Only the side-by-side with pretalx 2026.2.1 (bench/peer.py; its own venv, Python >= 3.13).
bench-peer: $(VENV)/.installed messages
	$(PY) bench/peer.py

# 50 visitors + 5 scoring jurors for 60 s against gunicorn + PostgreSQL on 127.0.0.1, then
# the same with PostgreSQL restarted mid-run (LOADTEST_FAULT=0 skips it), then through nginx
# caching in front of two gunicorn instances (needs nginx and Redis; LOADTEST_PROXY=0 skips
# it). See bench/loadtest.py.
loadtest: $(VENV)/.installed messages
	@$(PY) -c 'import locust' 2>/dev/null || $(PY) -m pip install --quiet "locust==2.47.0"
	$(PY) bench/loadtest.py

# Re-resolve the whole dependency tree after changing pyproject.toml.
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.12 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
