"""Publishing figures: their files, their place in a chapter, and the Figures page.

A chapter calls `publish` once per figure. That writes the figure's downloads beside the
notebook and returns the MyST block that places it: numbered, captioned, with its edition
stamp, alt text, download links and, under it, the table of what it draws ("Show the
data"). The downloads: PNG (1600 pixels wide, cut into pages when taller than a slide
allows), SVG for print (and its pages), the compact layout for phones (PNG and its SVG
twin: the page serves it to narrow screens; a chart taller than a phone's screen is drawn
as panels of at most one screen, each with its axis), a 1920 x 1080 slide, the CSV of
exactly what is drawn (units in its headers, values rounded as shown) and a JSON record;
the build adds a workbook (see `workbook.py`) and the figure's data package (see
`figure_package.py`) once every figure has its number. The source line, the price index
at constant prices, and for a figure of coded statuses whose coding it is, are in every
image and, for screen readers, at the end of the alt text. The Figures page is generated
from the JSON records.

A figure's files are named after it and after what sets its edition apart
(`fig-devida-budget-pen-2023-prices.csv`; the reference edition's keep the figure's name),
so that the downloads of two editions that draw different numbers never share a name. Its
record's `id` is that file name; `figure` is the figure's name in the book (its
cross-reference target and anchor), the same in every edition.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from analysis.contract.parameters import FILE_PARAMETERS, Edition
from analysis.contract.parameters import file_stem as user_file_stem
from analysis.exhibits import FIGURES_DIR
from analysis.exhibits.chart import COMPACT_DPI, PRINT_DPI, Chart, slide
from analysis.exhibits.citation import (
    citation,
    cited_address,
)
from analysis.exhibits.edition_words import (
    coding_note,
    coding_words,
    currency_choice,
    edition_label,
    label_suffix,
    price_basis_words,
    price_index_sentences,
    stamp_words,
)
from analysis.exhibits.figure_block import data_table, figure_block
from analysis.exhibits.language import column_name, tr

_sequence = itertools.count(1)  # order of the figures within one notebook (see start_chapter)


def start_chapter() -> None:
    """Number this notebook's figures from 1 again, whatever ran before in the process."""
    global _sequence
    _sequence = itertools.count(1)


@dataclass(frozen=True)
class Exhibit:
    """One figure of the book with everything a reader needs to reuse it."""

    id: str  # stable: names its files and its cross-reference target
    chapter: str  # the document that holds it, e.g. "devida-budget"
    chart: Chart
    caption: str  # what to see, in the edition's language
    alt: str  # what the data show: key values and direction
    where: str  # the report sections the data come from, in the edition's language
    edition: Edition
    # The parameters the figure depends on (None: every one its chapter reads); () for a
    # figure that no parameter changes but the language, stamped as the reference's.
    uses: tuple[str, ...] | None = None
    # True when the figure shows statuses, scores or gaps: a coding of the report (this
    # book's, or a reader's own), not a rating the report gives. What leaves the book with
    # the figure (source line, CSV, citation) says so.
    coded: bool = False
    # The currencies whose amounts the figure draws, when not just the edition's own (an
    # index of the budget in both); at constant prices each one's price index is named.
    currencies: tuple[str, ...] = ()


def where(pillar: str, actions: str, lang: str) -> str:
    """A place in the report: 'Institutional Strengthening, priority action 1.3'."""
    from analysis.exhibits.terms import actions_words, pillar_name

    return tr(
        "{pillar}, {actions}",
        lang,
        pillar=pillar_name(pillar, lang),
        actions=actions_words(actions, lang),
    )


class ExhibitError(ValueError):
    """A figure cannot be published as it is; the message names it."""


def source_line(exhibit: Exhibit) -> str:
    """The figure's source: the report first, then this book's version and, once published,
    the address of that version's archived copy (which keeps these numbers)."""
    line = tr(
        "Source: OAS/CICAD, Multilateral Evaluation Mechanism (MEM), Evaluation Report "
        "on Drug Policies: Peru, 2023 ({where}). Processing: MEM Peru 2023 analysis book, "
        "version {version}.",
        exhibit.edition.lang,
        where=exhibit.where,
        version=citation()["version"],
    )
    address = cited_address(exhibit.edition)
    line = f"{line} {address}" if address else line
    return f"{line} {coding_note(exhibit.edition)}" if exhibit.coded else line


def depends_on(exhibit: Exhibit) -> set[str]:
    """The parameters the figure depends on: those it names, or those its notebook reads
    (declared in its parameters cell, so set when its edition was made)."""
    if exhibit.uses is not None:
        return set(exhibit.uses)
    return set(exhibit.edition.model_fields_set)


def currencies(exhibit: Exhibit) -> tuple[str, ...]:
    """The currencies of the amounts the figure draws; none for a figure of no amounts."""
    if exhibit.currencies:
        return exhibit.currencies
    return (exhibit.edition.currency,) if "currency" in depends_on(exhibit) else ()


def price_index(exhibit: Exhibit) -> list[str]:
    """At constant prices, a sentence per currency drawn: its price index, publisher and
    how far its figures were checked."""
    if "price_basis" not in depends_on(exhibit):
        return []
    return price_index_sentences(exhibit.edition, currencies(exhibit))


def file_stem(exhibit: Exhibit) -> str:
    """The name of the figure's files: its own, and what sets its edition apart when that
    changes what it draws ('fig-devida-budget-pen-2023-prices', 'fig-coverage-status-es')."""
    suffix = label_suffix(edition_label(exhibit.edition, exhibit.uses), exhibit.edition.lang)
    return f"{exhibit.id}-{suffix}" if suffix else exhibit.id


def stamp(exhibit: Exhibit) -> str:
    """The edition stamp: the parameters the figure depends on that differ from the
    reference, in words; empty when the figure is the reference edition's."""
    return stamp_words(edition_label(exhibit.edition, exhibit.uses), exhibit.edition.lang)


def _in_words(data: pd.DataFrame, lang: str, coding: str = "") -> pd.DataFrame:
    """A chart's data as its CSV gives it: the recipes' generic headers in the edition's
    language, and yes/no where a column holds flags (as in the data package); with
    `coding`, each column of values says whose coding it holds."""
    data = data.rename(
        columns={
            "year": column_name("year", lang),  # as the data files name it
            "row": tr("item", lang),
            "first year": tr("first year", lang),
            "last year": tr("last year", lang),
            "status": tr("status", lang),
        }
    )
    for column in data.columns:
        if data[column].dtype == bool:
            data[column] = data[column].map({True: tr("yes", lang), False: tr("no", lang)})
    if coding:
        data.columns = [data.columns[0]] + [f"{c} ({coding})" for c in data.columns[1:]]
    return data


class OverlappingText(ValueError):
    """A figure whose words cover each other or are cut: it is not published."""


def parameters(exhibit: Exhibit) -> dict:
    """The parameters the figure depends on, and the language; a user's file by its name.
    A parameter that does not apply (the base year at current prices) is left out."""
    edition = exhibit.edition
    used = depends_on(exhibit)
    shown = {}
    for name in [*(n for n in type(edition).model_fields if n in used and n != "lang"), "lang"]:
        value = getattr(edition, name)
        if value is None:
            continue
        if name in FILE_PARAMETERS and value not in FILE_PARAMETERS[name]:
            value = f"{user_file_stem(value)}.csv"
        shown[name] = value
    return shown


YEARS = (1900, 2100)  # a whole number in this range, in a figure's data, is a year


def column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """What each column of a figure's data holds: 'year', 'integer', 'number' or 'text'."""
    kinds = {}
    for column in frame.columns:
        values = frame[column]
        present = values.dropna()
        if values.dtype == bool or not pd.api.types.is_numeric_dtype(values):
            kinds[column] = "text"
        elif (present == present.round()).all():
            low, high = YEARS
            whole_years = len(present) > 0 and present.between(low, high).all()
            kinds[column] = "year" if whole_years else "integer"
        else:
            kinds[column] = "number"
    return kinds


UNIT = re.compile(r"\[([^\]]+)\]")


def column_units(frame: pd.DataFrame, lang: str, coding: str = "") -> dict[str, str]:
    """Each column's unit, in words: the one its header gives in brackets ('[Soles per US
    dollar]') or as '(%)'; a year; a count; for an amount, the header itself ('Millions of
    US dollars'); nothing for a text column."""
    units = {}
    for column, kind in column_kinds(frame).items():
        header = column.removesuffix(f" ({coding})") if coding else column
        found = UNIT.search(header)
        if found:
            units[column] = found.group(1)
        elif header.rstrip().endswith("(%)"):
            units[column] = "%"
        elif kind == "year":
            units[column] = tr("calendar year", lang)
        elif kind == "integer":
            units[column] = tr("count", lang)
        elif kind == "number":
            units[column] = header
        else:
            units[column] = ""
    return units


# A phone's screen, in inches of the compact layout: drawn 3.8 inches wide across ~358 CSS
# px of a 390 px screen, 6.5 inches are ~610 CSS px, less than what a phone shows at once.
COMPACT_PANEL = 6.5


def _compact_layout(exhibit: Exhibit, footer: list[str], stem: Path) -> None:
    """The compact layout's PNG and SVG twin; a figure that does not fit it stops here. A
    chart of rows taller than a phone's screen is drawn as panels of at most one screen,
    one under the other in the same image, each with its own axis (and the source line
    under the last)."""
    compact = exhibit.chart.compact()
    compact.add_footer(*footer)
    faults = compact.overlapping_text() + compact.small_text()
    if faults:
        raise ExhibitError(
            f"{exhibit.id}: does not fit its compact layout (phones): {faults[0]}"
            + (f" (and {len(faults) - 1} more)" if len(faults) > 1 else "")
        )
    name = f"{stem.name}-compact"
    ranges = compact.page_ranges(COMPACT_PANEL)
    if len(ranges) == 1:
        compact.save_images(stem.parent / name, COMPACT_DPI)
        return
    pngs, svgs = [], []
    for number, (start, stop) in enumerate(ranges, 1):
        with compact.page(number, len(ranges), start, stop, footer=number == len(ranges)):
            pngs.append(compact.png(COMPACT_DPI))
            svgs.append(compact.svg())
    (stem.parent / f"{name}.png").write_bytes(stacked_png(pngs))
    (stem.parent / f"{name}.svg").write_bytes(stacked_svg(svgs))


def stacked_png(pages: list[bytes]) -> bytes:
    """PNG images one under the other, in one image."""
    from PIL import Image

    images = [Image.open(BytesIO(page)).convert("RGB") for page in pages]
    whole = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images)), "white")
    top = 0
    for image in images:
        whole.paste(image, (0, top))
        top += image.height
    buffer = BytesIO()
    whole.save(buffer, format="png")
    return buffer.getvalue()


_SVG_ROOT = re.compile(r'<svg\b[^>]*\bviewBox="0 0 ([0-9.]+) ([0-9.]+)"[^>]*>', re.S)


def stacked_svg(pages: list[bytes]) -> bytes:
    """matplotlib's SVG images one under the other, each kept whole in a nested <svg>: the
    text stays text. (Its ids are hashes of what they define: two pages that share one
    define the same thing.)"""
    parts, top, width = [], 0.0, 0.0
    for page in pages:
        text = page.decode("utf-8")
        root = _SVG_ROOT.search(text)
        w, h = float(root.group(1)), float(root.group(2))
        body = text[root.end() : text.rindex("</svg>")]
        parts.append(
            f'<svg x="0" y="{top:g}" width="{w:g}" height="{h:g}" viewBox="0 0 {w:g} {h:g}">'
            f"{body}</svg>"
        )
        top, width = top + h, max(width, w)
    head = pages[0].decode("utf-8")[: _SVG_ROOT.search(pages[0].decode("utf-8")).start()]
    return (
        f'{head}<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="{width:g}pt" '
        f'height="{top:g}pt" viewBox="0 0 {width:g} {top:g}" xmlns="http://www.w3.org/2000/svg" '
        f'version="1.1">\n' + "\n".join(parts) + "\n</svg>\n"
    ).encode("utf-8")


def _pages_and_slides(chart: Chart, stem: Path) -> tuple[list[str], list[str], list[str]]:
    """The PNGs that go on slides: the chart's own when it fits one, else one per page
    (with an SVG of each page too, for print); and the 1920 x 1080 slides. Returns their
    file names: PNGs, page SVGs (none when the chart is one page), slides."""
    ranges = chart.page_ranges()
    if len(ranges) == 1:
        whole = (stem.parent / f"{stem.name}.png").read_bytes()
        (stem.parent / f"{stem.name}-slide.png").write_bytes(slide(whole))
        return [f"{stem.name}.png"], [], [f"{stem.name}-slide.png"]
    pngs, svgs, slides = [], [], []
    for number, (start, stop) in enumerate(ranges, 1):
        with chart.page(number, len(ranges), start, stop):
            page = chart.png(PRINT_DPI)
            svgs.append(f"{stem.name}-{number}.svg")
            (stem.parent / svgs[-1]).write_bytes(chart.svg())
        pngs.append(f"{stem.name}-{number}.png")
        (stem.parent / pngs[-1]).write_bytes(page)
        slides.append(f"{stem.name}-slide-{number}.png")
        (stem.parent / slides[-1]).write_bytes(slide(page))
    return pngs, svgs, slides


def publish(exhibit: Exhibit, folder: Path = Path(FIGURES_DIR)) -> Markdown:
    """Write the figure's files and return the block that places it in the chapter.

    A figure whose text overlaps (Chart.overlapping_text) stops the notebook, naming it:
    a reader would not be able to read it, in this edition at least.
    """
    lang = exhibit.edition.lang
    source = source_line(exhibit)
    prices = price_index(exhibit)
    footer = [source, *prices, stamp(exhibit)]
    exhibit.chart.add_footer(*footer)
    coding = coding_words(exhibit.edition) if exhibit.coded else ""
    exhibit.chart.data = _in_words(exhibit.chart.data, lang, coding)
    stem = file_stem(exhibit)
    saved = exhibit.chart.save(folder / stem)
    overlaps = exhibit.chart.overlapping_text()  # as saved: measured after the layout ran
    if overlaps:
        for path in saved:
            path.unlink(missing_ok=True)
        more = f" (and {len(overlaps) - 1} more)" if len(overlaps) > 1 else ""
        raise OverlappingText(f"figure {exhibit.id!r}: its text overlaps: {overlaps[0]}{more}")
    _compact_layout(exhibit, footer, folder / stem)
    pngs, svgs, slides = _pages_and_slides(exhibit.chart, folder / stem)
    shown = currencies(exhibit)
    record = {
        "id": stem,
        "figure": exhibit.id,
        "chapter": exhibit.chapter,
        "order": next(_sequence),
        "title": exhibit.chart.title,
        "caption": exhibit.caption,
        "alt": " ".join([exhibit.alt, source, *prices]),
        "source": source,
        "edition": edition_label(exhibit.edition, exhibit.uses),
        "lang": lang,
        "columns": list(exhibit.chart.data.columns),
        "units": column_units(exhibit.chart.data, lang, coding),
        "kinds": column_kinds(exhibit.chart.data),
        "currencies": [currency_choice(code, lang) for code in shown],
        "prices": price_basis_words(exhibit.edition) if shown else "",
        "price_index": prices,
        "overlapping_text": overlaps,  # checked above: always empty
        "coded": exhibit.coded,
        "coding": coding_note(exhibit.edition) if exhibit.coded else "",
        "parameters": parameters(exhibit),
        "pngs": pngs,
        "svgs": svgs,
        "slides": slides,
    }
    (folder / f"{stem}.json").write_text(
        json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    table = data_table(record, pd.read_csv(folder / f"{stem}.csv", keep_default_na=False))
    return Markdown(figure_block(record, folder.as_posix()) + "\n\n" + table)
