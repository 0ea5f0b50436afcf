"""Figures made for briefings: files, captions, sources, citations, languages, stability."""

import hashlib
import json
import re
import string
import struct
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.edition.parameters import Edition
from analysis.exhibits.charts import annual_bars
from analysis.exhibits.publish import FIGURES, Exhibit, figure_block, figure_citation_apa, publish
from analysis.exhibits.words import LANGUAGES, TEXT, TranslationError, text
from tests.conftest import ROOT

BOOK = ROOT / "book"
HTML = ROOT / "_build" / "html" / "book"


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.mark.parametrize("figure", FIGURES)
def test_every_figure_has_its_three_downloads_and_record(figure):
    folder = BOOK / "figures"
    for suffix in (".png", ".svg", ".csv", ".json"):
        assert (folder / f"{figure}{suffix}").is_file(), f"{figure}{suffix}"
    assert png_size(folder / f"{figure}.png") == (1600, 900)  # 8 x 4.5 in at 200 dpi
    record = json.loads((folder / f"{figure}.json").read_text())
    plotted = pd.read_csv(folder / f"{figure}.csv")
    assert list(plotted.columns) == record["columns"]
    assert len(plotted) >= 2
    assert record["alt"] and record["caption"] and record["source"].startswith("Source: OAS/CICAD")
    svg = (folder / f"{figure}.svg").read_text()
    assert "<dc:date>" not in svg  # no creation date: same bytes on every build


class _Figures(HTMLParser):
    """Figures of a page: id -> alt text, caption text, download links."""

    def __init__(self):
        super().__init__()
        self.figures, self._current, self._in_caption = {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and attrs.get("id") in FIGURES:
            self._current = attrs["id"]
            self.figures[self._current] = {"alt": None, "caption": "", "links": []}
        elif self._current and tag == "img":
            self.figures[self._current]["alt"] = attrs.get("alt")
        elif self._current and tag == "figcaption":
            self._in_caption = True
        elif self._current and tag == "a" and "_downloads/" in attrs.get("href", ""):
            self.figures[self._current]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "figure":
            self._current, self._in_caption = None, False

    def handle_data(self, data):
        if self._current and self._in_caption:
            self.figures[self._current]["caption"] += data


def test_every_figure_in_the_book_has_alt_caption_source_and_working_downloads():
    found = {}
    for page in sorted(HTML.glob("*.html")):
        parser = _Figures()
        parser.feed(page.read_text(encoding="utf-8"))
        for figure, parts in parser.figures.items():
            found[figure] = parts
            assert parts["alt"], figure
            assert "Source: OAS/CICAD" in parts["caption"], figure
            assert re.search(r"Fig\. \d+", parts["caption"]), figure
            assert len(parts["links"]) == 3, figure
            for link in parts["links"]:
                assert (page.parent / link).resolve().is_file(), link
    assert sorted(found) == sorted(FIGURES)


def test_figures_page_lists_every_figure_with_downloads_and_citations():
    page = (HTML / "figures.html").read_text(encoding="utf-8")
    for figure in FIGURES:
        assert f'href="{FIGURES[figure]}.html#{figure}"' in page, figure
        assert f"cicad2023peru-{figure}" in page, figure  # its BibTeX key
        for kind in ("png", "svg", "csv"):
            assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{figure}\.{kind}"', page)
    assert re.search(r">cicad2023peru<|cicad2023peru,", page)  # the book's own entry


def test_figure_citation_names_the_report_first_and_the_edition():
    record = {"id": "fig-x", "title": "A chart", "edition": "currency=PEN, lang=es"}
    apa = figure_citation_apa(record)
    assert apa.startswith("Inter-American Drug Abuse Control Commission (CICAD). (2023).")
    assert "edition currency=PEN, lang=es" in apa


def test_translation_table_is_complete_and_consistent():
    for key, versions in TEXT.items():
        assert set(versions) == set(LANGUAGES), key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(v) if f}
                  for lang, v in versions.items()}  # fmt: skip
        assert len({frozenset(f) for f in fields.values()}) == 1, key


def test_a_missing_translation_is_an_error(monkeypatch):
    monkeypatch.setitem(TEXT, "devida_budget.title", {"en": "DEVIDA annual budget ({basis})"})
    with pytest.raises(TranslationError, match="has no 'es' version"):
        text("devida_budget.title", "es", basis="x")
    with pytest.raises(TranslationError, match="no figure text 'nope'"):
        text("nope", "en")


def test_hostile_text_is_escaped_in_the_figure_block(tmp_path):
    chart = annual_bars(pd.Series([1.0, 2.0], index=[2020, 2021]), ylabel="y", title="t")
    exhibit = Exhibit("fig-devida-budget", chart, "<script>alert(1)</script> *x*",
                      "alt", ("where.is_1_3",), Edition())  # fmt: skip
    block = publish(exhibit, tmp_path).data
    assert "<script>" not in block and "\\<script\\>" in block
    assert figure_block(json.loads((tmp_path / "fig-devida-budget.json").read_text())) != ""


def test_same_figure_twice_gives_the_same_bytes(tmp_path):
    def draw(folder):
        chart = annual_bars(pd.Series([94.6, 70.7], index=[2019, 2020]), ylabel="y", title="t")
        publish(Exhibit("fig-devida-budget", chart, "c", "a", ("where.is_1_3",),
                        Edition()), folder)  # fmt: skip
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    assert draw(tmp_path / "one") == draw(tmp_path / "two")


def test_reference_figures_are_byte_identical_after_a_forced_rebuild():
    import subprocess
    import sys

    def hashes():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((BOOK / "figures").iterdir())}  # fmt: skip

    before = hashes()
    result = subprocess.run([sys.executable, "-m", "analysis", "build", "--force"], cwd=ROOT,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert hashes() == before
