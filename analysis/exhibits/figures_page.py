"""The Figures page: every figure of an edition, in the book's order, with its
downloads and how to cite it; made from the figures' JSON records."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from analysis.core.paths import TOC_FILE as TOC
from analysis.exhibits import FIGURES_DIR
from analysis.exhibits.chart import PRINT_DPI
from analysis.exhibits.citation import (
    book_bibtex,
    book_citation_apa,
    figure_bibtex,
    figure_citation_apa,
    permanence_words,
)
from analysis.exhibits.figure_block import downloads, figure_name
from analysis.exhibits.language import tr
from analysis.exhibits.markup import escape


def chapter_order() -> list[str]:
    """The documents of the book in table-of-contents order (names without folders)."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    files = [toc["root"]] + [
        chapter["file"] for part in toc.get("parts", []) for chapter in part["chapters"]
    ]
    return [Path(name).name for name in files]


def records(folder: Path) -> list[dict]:
    """The published figures' records, in book order."""
    order = {name: position for position, name in enumerate(chapter_order())}
    found = [json.loads(path.read_text(encoding="utf-8")) for path in Path(folder).glob("*.json")]
    return sorted(found, key=lambda r: (order.get(r["chapter"], len(order)), r["order"], r["id"]))


def figure_address(record: dict, address: str) -> str:
    """A figure's published address: its entry on the Figures page ('' if unpublished)."""
    return f"{address}book/figures.html#cite-{figure_name(record)}" if address else ""


def figures_page(folder: Path, lang: str = "en", edition: str = "", address: str = "") -> str:
    """MyST for the Figures page: every figure with thumbnail, caption, downloads, citation.
    `address`: the edition's published address, when it has one."""
    lines = [
        "# " + tr("Figures and how to cite them", lang),
        "",
        tr(
            "Every figure of this edition, with its downloads: PNG ({dpi} dpi, cut into pages "
            "when taller than a slide), SVG for print (its text stays editable), the CSV of "
            "exactly the numbers drawn (units in the headers, values rounded as shown), its data "
            "package (the CSV with a Frictionless datapackage.json and a README that say what it "
            "is: edition, prices and price index, units, source, licence and citation), a "
            "workbook with the same data and a sheet about the figure, a 1920 x 1080 slide, and "
            "the layout drawn for phones. Each file's name says which edition it comes from, so "
            "that files of two editions never overwrite each other. Each image carries its "
            "source line, the price index at constant prices, and the edition in words when it "
            "differs from the reference. Rebuilding the same edition gives the same files, byte "
            "for byte.",
            lang,
            dpi=PRINT_DPI,
        ),
        "",
        tr(
            "The figures and the data are published under the Creative Commons Attribution 4.0 "
            "licence (CC BY 4.0): reuse them freely, citing the report first and this book "
            "second. The code that makes them is under the MIT licence.",
            lang,
        ),
        "",
        "## " + tr("How to cite the book", lang),
        "",
        tr("Cite the report first: it is the source of every figure.", lang),
        "",
        escape_citation(book_citation_apa(lang, edition, address)),
        "",
        "```bibtex",
        book_bibtex(lang, edition, address),
        "```",
        "",
        escape(permanence_words(lang, address)),
        "",
        "## " + tr("The figures", lang),
    ]
    for number, record in enumerate(records(folder), 1):
        figure = "{numref}`" + figure_name(record) + "`"
        url = figure_address(record, address)
        chapter = "{doc}`" + record["chapter"] + "`"
        lines += [
            "",
            f"(cite-{figure_name(record)})=",
            f"### {escape(record['title'])}",
            "",
            tr("{figure}, in {chapter}.", lang, figure=figure, chapter=chapter),
            "",
            f"```{{image}} {FIGURES_DIR}/{record['id']}.png",
            f":alt: {' '.join(record['alt'].split())}",
            ":width: 360px",
            ":class: mem-thumbnail",  # left out of the PDF, which has each figure once
            "```",
            "",
            escape(record["caption"]),
            "",
            " ".join(escape(line) for line in [record["source"], *record.get("price_index", [])]),
            "",
            downloads(record, FIGURES_DIR),
            "",
            tr("How to cite", lang) + ":",
            "",
            escape_citation(figure_citation_apa(record, lang, number, url)),
            "",
            "```bibtex",
            figure_bibtex(record, lang, number, url),
            "```",
        ]
    return "\n".join(lines) + "\n"


def escape_citation(text: str) -> str:
    """A citation with its *title* in italics and everything else escaped."""
    parts = text.split("*")
    return "".join(f"*{escape(part)}*" if i % 2 else escape(part) for i, part in enumerate(parts))
