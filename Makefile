# Two entry points: `make book` builds the book in every edition published online (the grid:
# analysis/edition/grid.txt, 8 editions built in parallel), `make test` checks it. Both
# create .venv and install the pinned dependencies on first use, showing pip's progress.
# `make site` also assembles the folder GitHub Pages publishes, in _build/site/, with every
# release archived under v/<version>/.
SHELL := bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: book site test test-full check lint bench translations clean

book: $(INSTALLED)
	$(PY) -m analysis site

# Each release of releases/releases.csv is built once from its own commit (a git worktree,
# its own `make book PY=... -o .venv/.installed`: keep those names) into _build/releases/,
# and archived under _build/site/v/<version>/.
site: book
	rm -rf _build/site
	$(PY) -m analysis archive
	$(PY) .ci/assemble_site.py --releases

# The suite in three speeds, by folder (README.md, "Tests"; each folder's
# conftest.py sets its markers):
# - `make check`: tests/unit, data, cli: nothing built, no browser, no nbval (tests marked
#   `build` are left out). Needs no `make book`. The inner loop.
# - `make test`: all of them, with build, built and browser and nbval on the committed
#   notebooks, but not the slow ones marked `full`. Before pushing.
# - `make test-full`: everything: also the full axe crawl of every page of every edition at
#   both widths, the faults and signals on the book itself, the long-path real print. CI.
# PYTEST_ARGS: more options for pytest (`make bench` passes --junitxml to time each test).
PYTEST_ARGS ?=
test: book
	$(PY) -m pytest --nbval --nbval-current-env -n 2 --dist loadscope -m "not full" $(PYTEST_ARGS) tests book

test-full: book
	$(PY) -m pytest --nbval --nbval-current-env -n 2 --dist loadscope $(PYTEST_ARGS) tests book

check: $(INSTALLED)
	$(PY) -m pytest -n 2 --dist loadscope -m "not build" -q $(PYTEST_ARGS) tests

lint: $(INSTALLED)
	$(VENV)/bin/ruff check analysis tests benchmarks .ci
	$(VENV)/bin/ruff format --check analysis tests benchmarks .ci

# Timings, not tests (a few minutes each): the build against Jupyter Book's cached
# execution, then `make test` right after `make book` and `make check`, on scratch copies,
# with the slowest tests and the time by test folder, as ratios to `make book`'s.
bench: $(INSTALLED)
	$(PY) benchmarks/build.py
	$(PY) -u benchmarks/suite.py

translations: $(INSTALLED)
	$(PY) -m analysis translations

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned dependencies into $(VENV) (first time: a minute or two)..."
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements.txt \
	  2>&1 | grep -v "^WARNING: Location" | grep -E "^(Collecting|Installing|Successfully|ERROR|error)" || true
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -c "import great_tables, papermill, jupyter_book" 
	touch $@

clean:
	rm -rf _build
