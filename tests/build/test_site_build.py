"""`build_site` on a scratch copy of the project: an edition that fails leaves its published
book as it was, a new one that fails leaves nothing, and the others are still published.

Sphinx is replaced by a stand-in that writes a one-page book (or fails for the editions
told to), so that the test is about what the site build does with each edition's result;
the notebooks are taken from the project's cache when `make book` has filled it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import analysis.edition.site as site
from analysis.contract.parameters import Edition
from analysis.edition import sphinx_build
from analysis.edition.layout import Layout
from analysis.edition.notebooks import notebook_digest, templates
from tests.conftest import ROOT

REFERENCE = Edition()
PEN = Edition(currency="PEN")
REAL = Edition(price_basis="real", base_year=2023)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project's inputs, and the executed notebooks these editions need, if cached."""
    root = tmp_path / "project"
    for name in ("book", "data", "locales"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("_config.yml", "_toc.yml", "CITATION.cff", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    for edition in (PEN, REAL):
        for template in templates():
            digest = notebook_digest(edition, template, ROOT)
            cached = ROOT / "_build" / ".cache" / digest
            if cached.is_dir() and not (root / "_build" / ".cache" / digest).exists():
                shutil.copytree(cached, root / "_build" / ".cache" / digest)
    return root


def _stand_in(failing: set[str], version: str):
    """Sphinx's stand-in: a one-page book naming its edition and version, or an error."""

    def html_job(layout: Layout, scratch: Path, context: dict):
        def job():
            if layout.html.parent.name in failing:
                return "WARNING: a stand-in failure"
            out = layout.staging / "_build" / "html"
            out.mkdir(parents=True, exist_ok=True)
            (out / "index.html").write_text(f"{layout.html.parent.name} {version}")
            return None

        return job

    return html_job


def _book(layout: Layout) -> tuple[str, str]:
    """Where an edition's published link points, and what its book says."""
    return os.readlink(layout.html), (layout.html / "index.html").read_text()


def test_a_failed_edition_keeps_its_book_and_the_others_are_published(project, monkeypatch):
    monkeypatch.setattr(sphinx_build, "html_job", _stand_in(set(), "v1"))
    first = site.build_site([REFERENCE, PEN], root=project)
    assert not first.failed and len(first.built) == 2
    reference, pen, real = (Layout.for_edition(e, project) for e in (REFERENCE, PEN, REAL))
    before = _book(pen)
    assert before[1] == "currency-PEN v1"

    # Something every edition reads changes: all are built again; PEN's Sphinx fails, and
    # so does the first build of REAL.
    (project / "book" / "_static" / "new.css").write_text("p {}\n")
    monkeypatch.setattr(sphinx_build, "html_job", _stand_in({"currency-PEN", REAL.slug}, "v2"))
    second = site.build_site([REFERENCE, PEN, REAL], root=project)
    assert sorted(second.failed) == ["edition currency=PEN", f"edition {REAL.label}"]
    assert "a stand-in failure" in second.failed["edition currency=PEN"]
    assert [e.slug for e in second.built] == ["reference"]
    assert _book(reference)[1] == "_build v2"  # (the reference edition's folder)
    assert _book(pen) == before  # the book published before, as it was
    assert not real.own_folder.exists()  # a failed first build leaves nothing


def test_an_edition_up_to_date_is_not_built_again(project, monkeypatch):
    monkeypatch.setattr(sphinx_build, "html_job", _stand_in(set(), "v1"))
    site.build_site([REFERENCE], root=project)
    result = site.build_site([REFERENCE, REFERENCE], root=project)
    assert result.built == [] and [e.slug for e in result.current] == ["reference"]
