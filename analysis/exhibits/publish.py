"""Publishing figures: their files, their place in a chapter, and the Figures page.

A chapter calls `publish` once per figure. That writes the figure's downloads beside the
notebook and returns the MyST block that places it: numbered, captioned, with its edition
stamp, alt text and download links. The downloads: PNG (1600 pixels wide, cut into pages
when taller than a slide allows), SVG for print, the compact layout for phones (PNG and
its SVG twin: the page serves it to narrow screens), a 1920 x 1080 slide, the CSV of
exactly what is drawn (units in its headers, values rounded as shown) and a JSON record;
the build adds a workbook (see `workbook.py`) once every figure has its number. The
source line, and for a figure of coded statuses whose coding it is, are in every image
and, for screen readers, at the end of the alt text. The Figures page is generated from
the JSON records.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from IPython.display import Markdown

from analysis.edition.parameters import FILE_PARAMETERS, Edition, file_stem
from analysis.exhibits import FIGURES_DIR
from analysis.exhibits.charts import COMPACT_DPI, PRINT_DPI, Chart, slide
from analysis.exhibits.citation import (
    book_bibtex,
    book_citation_apa,
    figure_bibtex,
    figure_citation_apa,
)
from analysis.exhibits.markup import escape
from analysis.exhibits.terms import edition_label
from analysis.exhibits.words import tr

TOC = Path(__file__).resolve().parents[2] / "_toc.yml"
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


def coding_words(edition: Edition) -> str:
    """Whose coding a figure of statuses, scores or gaps shows: "this book's coding", or
    "the reader's coding (FILE)" when the edition reads a reader's own codings file (named
    as the edition's label names it). The one place these words are made."""
    lang = edition.lang
    value = getattr(edition, "codings", None)
    default = type(edition).model_fields["codings"].default if value is not None else None
    if value is None or value == default or value in FILE_PARAMETERS.get("codings", ()):
        return tr("this book's coding", lang)
    return tr("the reader's coding ({file})", lang, file=edition._short("codings", value))


def coding_note(edition: Edition) -> str:
    """The caveat that goes out with a coded figure: whose coding, and not the report's."""
    return tr(
        "Statuses, scores and gaps: {coding}, not ratings given by the report.",
        edition.lang,
        coding=coding_words(edition),
    )


def source_line(exhibit: Exhibit) -> str:
    line = tr(
        "Source: OAS/CICAD, Multilateral Evaluation Mechanism (MEM), Evaluation Report "
        "on Drug Policies: Peru, 2023 ({where}). Processing: MEM Peru 2023 analysis book.",
        exhibit.edition.lang,
        where=exhibit.where,
    )
    return f"{line} {coding_note(exhibit.edition)}" if exhibit.coded else line


def stamp(exhibit: Exhibit) -> str:
    """The edition stamp: the parameters the figure depends on that differ from the
    reference; empty when the figure is the reference edition's."""
    label = edition_label(exhibit.edition, exhibit.uses)
    return tr("Edition: {label}", exhibit.edition.lang, label=label) if label else ""


def _in_words(data: pd.DataFrame, lang: str, coding: str = "") -> pd.DataFrame:
    """A chart's data as its CSV gives it: the recipes' generic headers in the edition's
    language, and yes/no where a column holds flags (as in the data package); with
    `coding`, each column of values says whose coding it holds."""
    data = data.rename(
        columns={
            "year": tr("year", lang),
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
    """The parameters the figure depends on, and the language; a user's file by its name."""
    edition = exhibit.edition
    names = [n for n in type(edition).model_fields if exhibit.uses is None or n in exhibit.uses]
    shown = {}
    for name in dict.fromkeys([*names, "lang"]):
        value = getattr(edition, name)
        if name in FILE_PARAMETERS and value not in FILE_PARAMETERS[name]:
            value = f"{file_stem(value)}.csv"
        shown[name] = value
    return shown


def _compact(exhibit: Exhibit, footer: list[str], folder: Path) -> None:
    """The compact layout's PNG and SVG twin; a figure that does not fit it stops here."""
    compact = exhibit.chart.compact()
    compact.add_footer(*footer)
    faults = compact.overlapping_text() + compact.small_text()
    if faults:
        raise ExhibitError(
            f"{exhibit.id}: does not fit its compact layout (phones): {faults[0]}"
            + (f" (and {len(faults) - 1} more)" if len(faults) > 1 else "")
        )
    compact.save_images(folder / f"{exhibit.id}-compact", COMPACT_DPI)


def _pages_and_slides(chart: Chart, stem: Path) -> tuple[list[str], list[str]]:
    """The PNGs that go on slides: the chart's own when it fits one, else one per page;
    and the 1920 x 1080 slides. Returns their file names."""
    ranges = chart.page_ranges()
    if len(ranges) == 1:
        whole = (stem.parent / f"{stem.name}.png").read_bytes()
        (stem.parent / f"{stem.name}-slide.png").write_bytes(slide(whole))
        return [f"{stem.name}.png"], [f"{stem.name}-slide.png"]
    pngs, slides = [], []
    for number, (start, stop) in enumerate(ranges, 1):
        with chart.page(number, len(ranges), start, stop):
            page = chart.png(PRINT_DPI)
        pngs.append(f"{stem.name}-{number}.png")
        (stem.parent / pngs[-1]).write_bytes(page)
        slides.append(f"{stem.name}-slide-{number}.png")
        (stem.parent / slides[-1]).write_bytes(slide(page))
    return pngs, slides


def publish(exhibit: Exhibit, folder: Path = Path(FIGURES_DIR)) -> Markdown:
    """Write the figure's files and return the block that places it in the chapter.

    A figure whose text overlaps (Chart.overlapping_text) stops the notebook, naming it:
    a reader would not be able to read it, in this edition at least.
    """
    lang = exhibit.edition.lang
    source = source_line(exhibit)
    footer = [source, stamp(exhibit)]
    exhibit.chart.add_footer(*footer)
    coding = coding_words(exhibit.edition) if exhibit.coded else ""
    exhibit.chart.data = _in_words(exhibit.chart.data, lang, coding)
    saved = exhibit.chart.save(folder / exhibit.id)
    overlaps = exhibit.chart.overlapping_text()  # as saved: measured after the layout ran
    if overlaps:
        for path in saved:
            path.unlink(missing_ok=True)
        more = f" (and {len(overlaps) - 1} more)" if len(overlaps) > 1 else ""
        raise OverlappingText(f"figure {exhibit.id!r}: its text overlaps: {overlaps[0]}{more}")
    _compact(exhibit, footer, folder)
    pngs, slides = _pages_and_slides(exhibit.chart, folder / exhibit.id)
    record = {
        "id": exhibit.id,
        "chapter": exhibit.chapter,
        "order": next(_sequence),
        "title": exhibit.chart.title,
        "caption": exhibit.caption,
        "alt": f"{exhibit.alt} {source}",
        "source": source,
        "edition": edition_label(exhibit.edition, exhibit.uses),
        "lang": lang,
        "columns": list(exhibit.chart.data.columns),
        "overlapping_text": overlaps,  # checked above: always empty
        "coded": exhibit.coded,
        "coding": coding_note(exhibit.edition) if exhibit.coded else "",
        "parameters": parameters(exhibit),
        "pngs": pngs,
        "slides": slides,
    }
    (folder / f"{exhibit.id}.json").write_text(
        json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return Markdown(figure_block(record, folder.as_posix()))


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
        ("CSV", f"{id}.csv"),
        ("XLSX", f"{id}.xlsx"),
        *numbered(tr("slide", lang), slides),
        (tr("SVG for phones", lang), f"{id}-compact.svg"),
    ]


def downloads(record: dict, folder: str) -> str:
    links = [f"{{download}}`{label} <{folder}/{name}>`" for label, name in download_files(record)]
    return tr("Download", record["lang"]) + ": " + " · ".join(links)


def figure_block(record: dict, folder: str = FIGURES_DIR) -> str:
    """MyST for one figure: numbered and named; caption and stamp; downloads."""
    caption = [record["caption"]]
    if record["edition"]:
        caption.append(tr("Edition: {label}", record["lang"], label=record["edition"]))
    words = tr("how to cite", record["lang"])
    cite = "{ref}`" + words + f" <cite-{record['id']}>`"
    alt = " ".join(record["alt"].split())
    return "\n".join(
        [
            f"::::{{figure}} {folder}/{record['id']}.png",
            f":name: {record['id']}",
            f":alt: {alt}",
            ":width: 100%",
            "",
            " ".join(escape(part) for part in caption),
            "",
            f"{downloads(record, folder)} · {cite}",
            "::::",
        ]
    )


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
    return f"{address}book/figures.html#cite-{record['id']}" if address else ""


def figures_page(folder: Path, lang: str = "en", edition: str = "", address: str = "") -> str:
    """MyST for the Figures page: every figure with thumbnail, caption, downloads, citation.
    `address`: the edition's published address, when it has one."""
    lines = [
        "# " + tr("Figures and how to cite them", lang),
        "",
        tr(
            "Every figure of this edition, with its downloads: PNG ({dpi} dpi, cut into pages "
            "when taller than a slide), SVG for print (its text stays editable), the CSV of "
            "exactly the numbers drawn (units in the headers, values rounded as shown) and a "
            "workbook with the same data and a sheet about the figure, a 1920 x 1080 slide, and "
            "the layout drawn for phones. Each image carries its source line, and the edition's "
            "parameters when they differ from the reference. Rebuilding the same edition gives "
            "the same files, byte for byte.",
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
        "## " + tr("The figures", lang),
    ]
    for number, record in enumerate(records(folder), 1):
        figure = "{numref}`" + record["id"] + "`"
        url = figure_address(record, address)
        chapter = "{doc}`" + record["chapter"] + "`"
        lines += [
            "",
            f"(cite-{record['id']})=",
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
            escape(record["source"]),
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
