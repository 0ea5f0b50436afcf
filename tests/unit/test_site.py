"""The Pages site assembled by .ci/assemble_site.py keeps `_build`'s layout, on a fake build:
the grid of published editions always, and extra editions asked for by hand."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from analysis.edition.grid import read_grid
from tests.conftest import ROOT

EXTRA = "currency-PEN_start_year-2020"  # an edition asked for by hand


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "assemble_site", ROOT / ".ci" / "assemble_site.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


assemble_site = _load_script()


def _edition(folder: Path, text: str) -> None:
    (folder / "book").mkdir(parents=True)
    (folder / "index.html").write_text(
        '<meta http-equiv="Refresh" content="0; url=book/intro.html" />'
    )
    (folder / "book" / "intro.html").write_text(text)


def assemble(build: Path, out: Path, editions: str | None = None) -> int:
    arguments = ["--source", str(build), "--out", str(out)]
    if editions is not None:
        arguments += ["--editions", editions]
    return assemble_site.main(arguments)


@pytest.fixture
def fake_build(tmp_path: Path) -> Path:
    """A `_build` folder shaped like the real one, with every edition of the grid and one
    more: each html is a link to a complete tree."""
    build = tmp_path / "_build"
    _edition(build / ".sites" / "html-1", "reference")
    (build / "html").symlink_to(Path(".sites") / "html-1")
    slugs = [edition.slug for edition in read_grid() if not edition.is_reference] + [EXTRA]
    for slug in slugs:
        _edition(build / "editions" / slug / ".sites" / "html-2", slug)
        (build / "editions" / slug / "html").symlink_to(Path(".sites") / "html-2")
    return build


def test_layout_mirrors_build_with_plain_files(fake_build, tmp_path, capsys):
    out = tmp_path / "site"
    status = assemble(fake_build, out, "currency=PEN,start_year=2020")
    assert status == 0, capsys.readouterr().err
    assert (out / "html" / "book" / "intro.html").read_text() == "reference"
    for slug in [edition.slug for edition in read_grid() if not edition.is_reference] + [EXTRA]:
        assert (out / "editions" / slug / "html" / "book" / "intro.html").read_text() == slug
    assert not [path for path in out.rglob("*") if path.is_symlink()]
    front = (out / "index.html").read_text()
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', front).group(1)
    assert target == "html/index.html"
    assert (out / target).is_file()
    assert "<script" not in front.lower()
    assert 'href="editions/currency-PEN/html/index.html"' in front
    assert f'href="editions/{EXTRA}/html/index.html"' in front


def test_the_grid_alone_without_extra_editions(fake_build, tmp_path):
    out = tmp_path / "site"
    assert assemble(fake_build, out) == 0
    published = sorted(path.name for path in (out / "editions").iterdir())
    assert published == sorted(e.slug for e in read_grid() if not e.is_reference)
    assert len(published) == 7 and EXTRA not in published


def test_reference_edition_and_duplicates_are_published_once(fake_build, tmp_path):
    out = tmp_path / "site"
    editions = (
        "currency=USD currency=PEN currency=PEN,lang=en " + "currency=PEN,start_year=2020 " * 2
    )
    assert assemble(fake_build, out, editions) == 0
    assert len(list((out / "editions").iterdir())) == 8  # the grid's 7, and the extra once


def test_front_page_escapes_what_it_writes():
    variant = assemble_site.Variant(("x=1",), "x-1", 'x=<b>"&</b>')
    page = assemble_site.redirect_page('A <title> & "quotes"', [variant])
    assert "<b>" not in page and "<title> &" not in page
    assert "A &lt;title&gt; &amp; &quot;quotes&quot;" in page
    assert "x=&lt;b&gt;&quot;&amp;&lt;/b&gt;" in page


def test_front_page_links_the_releases_when_they_are_archived():
    assert 'href="v/index.html"' not in assemble_site.redirect_page("t", [])
    assert 'href="v/index.html"' in assemble_site.redirect_page("t", [], releases=True)


def test_missing_edition_is_an_error(fake_build, tmp_path, capsys):
    out = tmp_path / "site"
    status = assemble(fake_build, out, "currency=PEN,start_year=2021")
    assert status == 1
    assert "currency-PEN_start_year-2021" in capsys.readouterr().err
    assert not out.exists()


def test_bad_editions_are_refused_before_anything_is_copied(fake_build, tmp_path, capsys):
    out = tmp_path / "site"
    assert assemble(fake_build, out, "currency") == 2
    assert assemble(fake_build, out, "currency=EUR") == 2
    assert "currency" in capsys.readouterr().err
    assert not out.exists()


def test_does_not_write_into_a_non_empty_folder(fake_build, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert assemble(fake_build, out) == 1
    assert [path.name for path in out.iterdir()] == ["keep.txt"]
