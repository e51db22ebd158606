# The README's two commands are `make serve` and `make test`; the rest are for maintainers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# What the tests and the bench start: throwaway database servers, Redis, PgBouncer, a browser
SYSTEM_PACKAGES := postgresql mariadb-server redis-server pgbouncer chromium

.PHONY: serve test build outputs bench clean

serve: $(VENV)/installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The tests start throwaway PostgreSQL and MariaDB servers and drive Debian's Chromium: install
# them if we can (as root). Without them those tests skip and say what to install (and fail
# when CI=true).
test: $(VENV)/installed
	-@tools/install-system-packages $(SYSTEM_PACKAGES)
	$(BIN)/python -m pytest

build: $(VENV)/installed
	$(BIN)/mkdocs build --strict

# Rewrite the expected outputs from real runs on SQLite, PostgreSQL and MariaDB; review the diff.
outputs: $(VENV)/installed
	-@tools/install-system-packages $(SYSTEM_PACKAGES)
	$(BIN)/python -m runner --servers --update

# Also Lighthouse, from the npm registry, with Debian's Node.js
bench: $(VENV)/installed tools/lighthouse/node_modules/.installed
	-@tools/install-system-packages $(SYSTEM_PACKAGES)
	$(BIN)/python tests/bench.py

tools/lighthouse/node_modules/.installed: tools/lighthouse/package-lock.json
	@command -v npm >/dev/null || tools/install-system-packages nodejs npm
	npm ci --prefix tools/lighthouse --no-audit --no-fund --quiet
	touch $@

$(VENV)/installed: requirements.txt
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null \
		|| tools/install-system-packages python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

clean:
	rm -rf $(VENV) site tools/lighthouse/node_modules
