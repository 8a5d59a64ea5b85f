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

# Development and tests: the dev lock (production's packages at the same versions, plus
# the test tools), every file checked against its hash. Production installs only
# requirements.lock (docs/deploy.md).
$(VENV)/.installed: pyproject.toml requirements-dev.lock | check-python
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# Compiled catalogues are build output, never committed.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt-get install gettext)."; exit 1; }
	@DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

run: $(VENV)/.installed messages node_modules/.package-lock.json
	DEBUG=1 $(PY) manage.py migrate --no-input
	@# Loads only into an empty database (cockpit/management/commands/load_demo.py): a restart keeps edits.
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py load_demo
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Front-end code (jQuery UI for the admin, otwarte/vendor.py), axe-core for the browser
# tests and vnu-jar (the Nu HTML Checker): `npm ci` when node_modules is missing or older
# than the lock file (npm writes node_modules/.package-lock.json on every install).
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime where the machine
# has none; the check uses the machine's Java (apt-get install default-jre-headless).
node_modules/.package-lock.json: package-lock.json package.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "npm ci (jQuery UI for the admin, axe-core and vnu-jar for the tests)"; \
		npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: the admin's language tabs (jQuery UI) and the browser tests"; \
		echo "  (axe-core) need packages from npm. Install Node.js and npm (apt-get install npm)."; \
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

# Re-resolve both locks after changing pyproject.toml (docs/deploy.md, "Dependencies"):
# requirements.lock holds production's packages only, requirements-dev.lock adds the dev
# extra at the same versions (constrained by the production lock). Both carry a SHA-256
# hash for every file. Pins already in a lock are kept unless pyproject.toml needs
# otherwise; `make lock LOCK_ARGS=--upgrade` (or `--upgrade-package NAME`) moves them.
# Extras stay in the lock (--no-strip-extras): pip's --require-hashes needs them.
UV_VERSION := 0.13.10
LOCK_ARGS ?=
LOCK_FLAGS := --generate-hashes --no-strip-extras --python-version 3.12 \
	--custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock: | check-python
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	@$(VENV)/bin/uv --version 2>/dev/null | grep -q "^uv $(UV_VERSION)\b" \
		|| $(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) \
		--constraint requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
