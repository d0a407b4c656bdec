# Two commands set everything up on a fresh machine with python3 (>= 3.11) and make:
#   make demo   creates .venv, installs negotrack, runs the main bundled example
#   make test   installs the test extras, runs pytest (with doctests), mypy --strict and ruff
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint typecheck fmt clean browser

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

# The HTML brief is tested in a real headless Chromium: Debian's package (no browser download).
# As root (CI) it is installed with apt-get; otherwise with sudo if it may; else the browser
# tests are skipped with the reason (and fail instead where CI is set).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo -n apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else echo "make: cannot install chromium (not root, no sudo): browser tests will skip"; fi; \
	fi

test: $(VENV)/.dev-installed browser
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
