# Set-up is part of each target: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo services test test-fast

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/archiver demo

# The servers the tests start (PostgreSQL, Redis), installed when missing.
services:
	bash .ci/services

# Tests run in 4 processes (pytest-xdist): an end-to-end test crawls in a process of its own and spends
# half its time waiting on it, so two test processes a core of this 2-core machine keep both busy; the
# processes steal queued tests from each other (worksteal), so one long crawl does not end the run alone.
test: $(BIN)/.installed services
	$(BIN)/ruff check .
	$(BIN)/mypy archiver
	$(BIN)/python -m pytest -n 4 --dist worksteal

# The inner loop: lint, type check and every test that does not crawl a served site.
test-fast: $(BIN)/.installed services
	$(BIN)/ruff check .
	$(BIN)/mypy archiver
	$(BIN)/python -m pytest -q -n 4 --dist worksteal -m "not e2e"
