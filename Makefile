# Two entry points: `make book` builds the reference edition, `make test` checks it.
# Both create .venv and install the pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: book test lint bench clean

book: $(INSTALLED)
	$(PY) -m analysis build

test: book
	$(PY) -m pytest --nbval --nbval-current-env tests book

lint: $(INSTALLED)
	$(VENV)/bin/ruff check analysis tests benchmarks .ci
	$(VENV)/bin/ruff format --check analysis tests benchmarks .ci

bench: $(INSTALLED)
	$(PY) benchmarks/build.py

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

clean:
	rm -rf _build
