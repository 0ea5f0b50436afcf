"""The command line as a user meets it: bad parameters, hostile files and names, messages,
each refused in one line with its exit status, before anything is built. `make check` runs
them (no marker); the few that build go to `build/`.

A new test goes here when it calls `python -m analysis` (or `main`) with a bad input.
"""

import pytest

from analysis.edition.cli import main


@pytest.fixture
def cli(capsys):
    """Run the command line in this process: (exit status, standard output, standard error)."""

    def call(*arguments: str):
        status = main(list(arguments))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call
