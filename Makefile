# Two commands set everything up on a fresh machine with python3 (>= 3.11) and make:
#   make demo   creates .venv, installs negotrack, runs the main bundled example
#   make test   installs the test extras, runs pytest (with doctests), mypy --strict and ruff
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint typecheck fmt clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[plot]"
	touch $@

# The suite compares with NegMAS for real (the bench extra), so make test installs it too.
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $@ $(VENV)/.demo-installed $(VENV)/.bench-installed

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.dev-installed
	touch $@

demo: $(VENV)/.demo-installed
	$(BIN)/python examples/quickstart.py
	$(BIN)/negotrack analyze examples/ukraine_dec2025.toml --since 2025-12-28
	$(BIN)/python examples/ukraine_dec2025.py

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -n auto
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks

fmt: $(VENV)/.dev-installed
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
