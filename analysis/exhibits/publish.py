"""Publishing figures: their files, their place in a chapter, and the Figures page.

A chapter calls `publish` once per figure. That writes the figure's downloads beside the
notebook (PNG for slides, SVG for print, CSV of exactly what is drawn, and a JSON record)
and returns the MyST block that places it: numbered, captioned, with its edition stamp,
alt text and download links. The source line is in the image and, for screen readers,
at the end of the alt text. The Figures page is generated from the JSON records.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from IPython.display import Markdown

from analysis.edition.parameters import Edition
from analysis.exhibits import FIGURES_DIR
from analysis.exhibits.charts import PRINT_DPI, Chart
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


def source_line(exhibit: Exhibit) -> str:
    return tr(
        "Source: OAS/CICAD, Multilateral Evaluation Mechanism (MEM), Evaluation Report "
        "on Drug Policies: Peru, 2023 ({where}). Processing: MEM Peru 2023 analysis book.",
        exhibit.edition.lang,
        where=exhibit.where,
    )


def stamp(exhibit: Exhibit) -> str:
    """The edition stamp: the parameters the figure depends on that differ from the
    reference; empty when the figure is the reference edition's."""
    label = edition_label(exhibit.edition, exhibit.uses)
    return tr("Edition: {label}", exhibit.edition.lang, label=label) if label else ""


def _in_words(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A chart's data as its CSV gives it: the recipes' generic headers in the edition's
    language, and yes/no where a column holds flags (as in the data package)."""
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
    return data


class OverlappingText(ValueError):
    """A figure whose words cover each other or are cut: it is not published."""


def publish(exhibit: Exhibit, folder: Path = Path(FIGURES_DIR)) -> Markdown:
    """Write the figure's files and return the block that places it in the chapter.

    A figure whose text overlaps (Chart.overlapping_text) stops the notebook, naming it:
    a reader would not be able to read it, in this edition at least.
    """
    lang = exhibit.edition.lang
    source = source_line(exhibit)
    exhibit.chart.add_footer(source, stamp(exhibit))
    exhibit.chart.data = _in_words(exhibit.chart.data, lang)
    saved = exhibit.chart.save(folder / exhibit.id)
    overlaps = exhibit.chart.overlapping_text()  # as saved: measured after the layout ran
    if overlaps:
        for path in saved:
            path.unlink(missing_ok=True)
        more = f" (and {len(overlaps) - 1} more)" if len(overlaps) > 1 else ""
        raise OverlappingText(f"figure {exhibit.id!r}: its text overlaps: {overlaps[0]}{more}")
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
    }
    (folder / f"{exhibit.id}.json").write_text(
        json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return Markdown(figure_block(record, folder.as_posix()))


def downloads(record: dict, folder: str) -> str:
    links = [
        f"{{download}}`{kind} <{folder}/{record['id']}.{kind.lower()}>`"
        for kind in ("PNG", "SVG", "CSV")
    ]
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


def figures_page(folder: Path, lang: str = "en", edition: str = "") -> str:
    """MyST for the Figures page: every figure with thumbnail, caption, downloads, citation."""
    lines = [
        "# " + tr("Figures and how to cite them", lang),
        "",
        tr(
            "Every figure of this edition, with its downloads: PNG for slides ({dpi} dpi), SVG "
            "for print (its text stays editable) and the CSV of exactly the numbers drawn. Each "
            "image carries its source line, and the edition's parameters when they differ from "
            "the reference. Rebuilding the same edition gives the same files, byte for byte.",
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
        escape_citation(book_citation_apa(lang, edition)),
        "",
        "```bibtex",
        book_bibtex(lang, edition),
        "```",
        "",
        "## " + tr("The figures", lang),
    ]
    for record in records(folder):
        figure = "{numref}`" + record["id"] + "`"
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
            escape_citation(figure_citation_apa(record, lang)),
            "",
            "```bibtex",
            figure_bibtex(record, lang),
            "```",
        ]
    return "\n".join(lines) + "\n"


def escape_citation(text: str) -> str:
    """A citation with its *title* in italics and everything else escaped."""
    parts = text.split("*")
    return "".join(f"*{escape(part)}*" if i % 2 else escape(part) for i, part in enumerate(parts))
