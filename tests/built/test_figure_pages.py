"""Figures as the built book shows them: alt text, captions and working downloads on every
chapter's page, and the Figures page listing each with its downloads and citations."""

import re
from html.parser import HTMLParser

from analysis.exhibits.figure_block import download_files
from analysis.exhibits.figures_page import records
from tests.conftest import ROOT, each

RECORDS = records(ROOT / "book" / "figures")
assert RECORDS, "no figure records in book/figures"
IDS = [record["id"] for record in RECORDS]


class _Figures(HTMLParser):
    """Figures of a page: id -> alt text, caption text, download links."""

    def __init__(self):
        super().__init__()
        self.figures, self._current, self._in_caption = {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and attrs.get("id", "").startswith("fig-"):
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


def test_every_figure_in_the_book_has_alt_caption_and_working_downloads():
    html = ROOT / "_build" / "html" / "book"
    found = {}
    for page in each(html.glob("*.html"), "page of the book"):
        parser = _Figures()
        parser.feed(page.read_text(encoding="utf-8"))
        for figure, parts in parser.figures.items():
            found[figure] = parts
            assert parts["alt"] and "Source: OAS/CICAD" in parts["alt"], figure
            assert re.search(r"Fig\. \d+", parts["caption"]), figure
            assert "Source: OAS/CICAD" not in parts["caption"], figure  # once: in the image
            record = next(r for r in RECORDS if r["id"] == figure)
            assert len(parts["links"]) == len(download_files(record)), figure
            for link in parts["links"]:
                assert (page.parent / link).resolve().is_file(), link
    assert sorted(found) == sorted(IDS)


def test_figures_page_lists_every_figure_with_downloads_licence_and_citations():
    page = (ROOT / "_build" / "html" / "book" / "figures.html").read_text(encoding="utf-8")
    for record in RECORDS:
        figure = record["id"]
        assert f'href="{record["chapter"]}.html#{figure}"' in page, figure
        assert f"mem-peru-2023-{figure}" in page, figure  # its BibTeX key
        for _, name in download_files(record):
            assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{re.escape(name)}"', page), name
    assert "CC BY 4.0" in page and "MIT" in page
