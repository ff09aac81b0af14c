# Set-up and everyday commands. `make run` and `make test` work on a fresh machine with only
# Python 3.11 and pip: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := ingest/sample
SHARED ?= ../shared/data
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install install-test test lint typecheck unit bench bench-ingest bench-query eval eval-stard clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/lawqa ingest $(SAMPLE)
	$(BIN)/lawqa docs

test: install-test lint typecheck unit

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/pytest

bench: bench-ingest bench-query

bench-ingest: install-test
	$(BIN)/python -m bench.ingest $(SHARED)/lawrefbook

clean:
	rm -rf .lawqa eval-out bench-out .pytest_cache .mypy_cache .ruff_cache
