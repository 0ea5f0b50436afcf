"""Tables as the PDF prints them: a long unbroken word in a reader's reason wraps inside
its cell instead of widening the table past the page (issue 24: the register's "Findings"
and "Coded by" columns vanished from three pages).

The page is laid out as `analysis/edition/pdf.py` prints it (the book's stylesheet, the
print media and the print stylesheet, the width of an A4 page inside its margins), from
the register table a notebook shows. Without Chromium or Playwright it is skipped with
one line.
"""

import os

import pandas as pd
import pytest

from analysis.chapters.priority_actions import register_table
from analysis.compute.register import edition_register, recoded
from analysis.edition.pdf import CHROMIUM_FLAGS, MARGINS, PRINT_CSS
from analysis.edition.printing import chromium, private_folder, tmpdir_as
from tests.conftest import ROOT

BROWSER, _ = chromium()
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None
if sync_playwright is None or BROWSER is None or not os.access(BROWSER, os.X_OK):
    pytest.skip(
        "the print layout test needs Chromium and Playwright: `apt-get install -y chromium`",
        allow_module_level=True,
    )

MM = 96 / 25.4  # CSS pixels in a millimetre
A4_WIDTH = 210


def _page_width() -> int:
    """The width of an A4 page inside the PDF's margins, in CSS pixels."""
    margins = sum(float(MARGINS[side].removesuffix("mm")) for side in ("left", "right"))
    return int((A4_WIDTH - margins) * MM)


def _printed_widths(tmp_path, markup: str) -> dict:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(ROOT / 'book' / '_static' / 'book.css').as_uri()}'>"
        "</head><body><article class='bd-article'><div class='cell_output docutils container'>"
        f"<div class='output text_html'>{markup}</div></div></article></body></html>",
        encoding="utf-8",
    )
    with private_folder() as folder, tmpdir_as(folder), sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=BROWSER, args=CHROMIUM_FLAGS)
        try:
            page = chrome.new_page(viewport={"width": _page_width(), "height": 1000})
            page.goto(page_file.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.add_style_tag(content=PRINT_CSS)
            return page.evaluate(
                """() => ({
                    page: document.documentElement.clientWidth,
                    table: document.querySelector('table.gt_table').getBoundingClientRect().right,
                    last: Math.max(...[...document.querySelectorAll('table.gt_table th')]
                        .map(cell => cell.getBoundingClientRect().right)),
                })"""
            )
        finally:
            chrome.close()


@pytest.mark.parametrize(
    "reason",
    [
        "x" * 150,
        "Informe_de_evaluacion_de_la_Politica_Nacional_contra_las_Drogas_al_2030_"
        "correspondiente_al_ano_2023_version_final_revisada.pdf",
    ],
)
def test_a_long_unbroken_reason_wraps_inside_the_printed_page(tmp_path, reason):
    codings = pd.DataFrame({"action": ["IS-2.3"], "status": ["met"], "reason": [reason]})
    coded = recoded(edition_register("book"), codings)
    widths = _printed_widths(tmp_path, register_table(coded, "en")._repr_html_())
    assert widths["table"] <= widths["page"] + 0.5, widths
    assert widths["last"] <= widths["page"] + 0.5, widths  # "Coded by" stays on the page
