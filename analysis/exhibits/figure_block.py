"""What stands under each chart in a chapter: the figure's downloads, the address of its
data in print, and "Show the data", the table of exactly what it draws."""

from __future__ import annotations

import html

import pandas as pd

from analysis.exhibits import FIGURES_DIR
from analysis.exhibits.edition_words import stamp_words
from analysis.exhibits.figure_package import PACKAGE_SUFFIX
from analysis.exhibits.formats import number as number_text
from analysis.exhibits.language import tr
from analysis.exhibits.markup import escape


def download_files(record: dict) -> list[tuple[str, str]]:
    """(label, file name) of each download of a figure, in the order offered."""
    lang, id = record["lang"], record["id"]
    pngs = record.get("pngs", [f"{id}.png"])
    slides = record.get("slides", [])

    def numbered(label: str, names: list[str]) -> list[tuple[str, str]]:
        if len(names) == 1:
            return [(label, names[0])]
        return [(f"{label} {k}/{len(names)}", name) for k, name in enumerate(names, 1)]

    return [
        *numbered("PNG", pngs),
        ("SVG", f"{id}.svg"),
        *(numbered("SVG", record["svgs"]) if record.get("svgs") else []),
        ("CSV", f"{id}.csv"),
        (tr("data package", lang), f"{id}{PACKAGE_SUFFIX}"),
        ("XLSX", f"{id}.xlsx"),
        *numbered(tr("slide", lang), slides),
        (tr("SVG for phones", lang), f"{id}-compact.svg"),
    ]


def downloads(record: dict, folder: str) -> str:
    links = [f"{{download}}`{label} <{folder}/{name}>`" for label, name in download_files(record)]
    return tr("Download", record["lang"]) + ": " + " · ".join(links)


def figure_name(record: dict) -> str:
    """The figure's name in the book (its target), the same in every edition."""
    return record.get("figure", record["id"])


def print_address(record: dict) -> str:
    """Printed under the figure in the PDF, in place of its links: where its data are. The
    PDF's printer puts the edition's published address in the span, when it has one."""
    lang = record["lang"]
    where = f"book/figures.html#cite-{figure_name(record)}"
    words = html.escape(tr("Data and downloads", lang))
    page = html.escape(tr("the Figures page of this edition", lang))
    package = html.escape(f"{record['id']}{PACKAGE_SUFFIX}")
    return (
        f'<p class="mem-print-only mem-print-address">{words}: '
        f'<span class="mem-address" data-path="{html.escape(where, quote=True)}">{page}</span>'
        f" ({package})</p>"
    )


def figure_block(record: dict, folder: str = FIGURES_DIR) -> str:
    """MyST for one figure: numbered and named; caption and stamp; downloads, and in print
    the address of its data."""
    caption = [record["caption"]]
    stamped = stamp_words(record["edition"], record["lang"])
    if stamped:
        caption.append(stamped)
    words = tr("how to cite", record["lang"])
    cite = "{ref}`" + words + f" <cite-{figure_name(record)}>`"
    alt = " ".join(record["alt"].split())
    return "\n".join(
        [
            f"::::{{figure}} {folder}/{record['id']}.png",
            f":name: {figure_name(record)}",
            f":alt: {alt}",
            ":width: 100%",
            "",
            " ".join(escape(part) for part in caption),
            "",
            f"{downloads(record, folder)} · {cite}",
            "",
            print_address(record),
            "::::",
        ]
    )


def cell_text(value, kind: str, places: int, lang: str) -> str:
    """A value of a figure's data as the page writes numbers (formats.py); a year as a
    year; an empty cell as a dash."""
    if value == "" or (not isinstance(value, str) and pd.isna(value)):
        return "\u2014"
    if kind == "year":
        return str(int(float(value)))
    if kind in ("integer", "number"):
        return number_text(float(value), lang, places)
    return " ".join(str(value).split())


def _places(texts: pd.Series) -> int:
    """Decimals a column of numbers is written with in its CSV (rounded as drawn)."""
    found = [len(text.partition(".")[2]) for text in texts.astype(str) if "." in text]
    return max(found, default=0)


def data_table(record: dict, data: pd.DataFrame) -> str:
    """Under a figure, "Show the data": a disclosure that opens the table of exactly what
    it draws (`data`: its CSV, read as text), numbers written as the page writes them. For
    readers who cannot see the chart and those who want the values; on screen only (the
    PDF prints the address of the data instead). One HTML block, every text escaped."""
    lang = record["lang"]
    kinds = record.get("kinds", {})
    title = html.escape(record["title"])
    summary = html.escape(tr("Show the data", lang))
    label = html.escape(tr("The data of the figure: {title}", lang, title=record["title"]))
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in data.columns)
    rows = []
    places = {c: _places(data[c]) for c in data.columns}
    for values in data.itertuples(index=False):
        cells = []
        for position, (column, value) in enumerate(zip(data.columns, values, strict=True)):
            kind = kinds.get(column, "text")
            text = html.escape(cell_text(value, kind, places[column], lang))
            if position == 0:
                cells.append(f'<th scope="row">{text}</th>')
            else:
                align = ' class="mem-data__number"' if kind in ("integer", "number") else ""
                cells.append(f"<td{align}>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<details class="mem-data mem-no-print"><summary>{summary}</summary>'
        f'<div class="mem-data__frame" role="region" aria-label="{label}" tabindex="0">'
        f'<table class="mem-data__table"><caption>{title}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></details>"
    )
