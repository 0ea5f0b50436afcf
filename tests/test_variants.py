"""Variant editions: every page says so, hostile input stays text, the reference is untouched,
and a parameter changes exactly what it should."""

import hashlib
import re
from pathlib import Path

import pytest

from analysis.edition.build import Layout, build
from analysis.edition.parameters import Edition
from tests.conftest import ROOT
from tests.editions import edition_folder, glued

HOSTILE = "<img src=x onerror=alert(1)>"


def _hashes(root: Path, folders) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def variant():
    folder = ROOT / "_build" / "test-inputs" / "<dir>"
    folder.mkdir(parents=True, exist_ok=True)
    rates = folder / f"{HOSTILE}.csv"
    rates.write_text("year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n")
    edition = Edition.from_values({"currency": "PEN", "start_year": "2020", "fx_rates": str(rates)})
    before = _hashes(ROOT, ["book", "_build/html"])
    build(edition, root=ROOT)
    after = _hashes(ROOT, ["book", "_build/html"])
    return edition, Layout.for_edition(edition, ROOT).html, before, after


def test_a_variant_never_touches_the_reference_edition(variant):
    _, _, before, after = variant
    assert after == before


def test_every_page_of_a_variant_says_what_it_is_in_words(variant):
    edition, html, _, _ = variant
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts and p.name != "index.html"]
    assert len(pages) >= 12
    for page in pages:
        text = page.read_text(encoding="utf-8")
        bar = re.search(
            r'<aside class="bd-header-announcement[^"]*"[^>]*>(.*?)</aside>', text, re.S
        )
        assert bar, page.name
        words = re.sub(r"<[^>]+>", "", bar.group(1))
        assert "Amounts in soles at current prices. Years 2020 to 2023." in words, page.name
        # The user's file, by the name of the copy the book read (the hostile name made safe).
        assert re.search(r"Your own file: exchange rates \([\w.-]+\.csv\)\.", words), page.name
        assert "the published editions" in words, page.name  # where the switcher leads
        assert "currency=PEN" not in words, page.name  # parameter names: citations only
        assert "Amounts:" in words and "Español" in words, page.name  # the switcher


def test_hostile_file_names_stay_text(variant):
    edition, html, _, _ = variant
    for page in html.rglob("*.html"):
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page.name
    assert "<" not in edition.label


def test_the_variant_front_page_speaks_of_its_own_edition(variant):
    _, html, _, _ = variant
    page = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "a variant edition never overwrites this one" not in page
    assert "S/ " in page and "million" in page  # the headline budget is in soles


@pytest.mark.parametrize(("weight", "score"), [("0", "63%"), ("1", "86%"), ("0.5", "75%")])
def test_partial_weight_changes_the_coverage_score_as_worked_by_hand(weight, score):
    # 32 met, 12 partially met of 51 actions with information: 32/51, 44/51, 38/51
    # (62.7%, 86.3%, 74.5%).
    words = glued(edition_folder(partial_weight=weight), "coverage-gaps")
    assert f"coverage score of {score}" in words["overall_sentence"]


def test_a_variant_that_only_changes_the_weight_reuses_the_other_notebooks():
    folder = edition_folder(partial_weight="0")
    for name in ("devida-budget", "opd-funding", "data"):
        assert (folder / f"{name}.ipynb").read_bytes() == (
            ROOT / "book" / f"{name}.ipynb"
        ).read_bytes()
