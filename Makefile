# Set-up is part of each target: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/archiver demo

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy archiver
	$(BIN)/python -m pytest -n auto

# Tests run on every core (pytest-xdist): each end-to-end test crawls in a process of its own.
# The inner loop: lint, type check and every test that does not crawl a served site.
test-fast: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy archiver
	$(BIN)/python -m pytest -q -n auto -m "not e2e"
