"""The build's outputs do not depend on how it ran: a notebook executed here, serially and in
this process, gives byte for byte the notebook and figure files that the build (forked
workers, run in parallel, reused across editions) committed in book/."""

import hashlib

import pytest

from analysis.contract.parameters import Edition
from analysis.edition.notebooks import execute, notebook_digest, templates
from tests.conftest import ROOT

# A chapter with tables only, one with figures and tables, one with money and glue (the
# chapter with the most figures, coverage-gaps, takes four times as long: nbval reruns it).
CHOSEN = ["priority-actions.ipynb", "research-information.ipynb", "opd-funding.ipynb"]


@pytest.mark.parametrize("name", CHOSEN)
def test_a_serial_run_gives_the_committed_bytes(tmp_path, name):
    template = next(t for t in templates() if t.name == name)
    assert execute(template, tmp_path, Edition(), notebook_digest(Edition(), template)) is None
    made = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert made
    for path in made:
        committed = ROOT / "book" / path.relative_to(tmp_path)
        assert committed.is_file(), committed
        assert (
            hashlib.sha256(path.read_bytes()).digest()
            == hashlib.sha256(committed.read_bytes()).digest()
        ), f"{path.relative_to(tmp_path)} differs from book/"
