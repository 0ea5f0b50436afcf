"""Publishing figures: their files, their place in a chapter, the Figures page, citations.

A chapter calls `publish` once per figure. That writes the figure's downloads beside the
notebook (PNG for slides, SVG for print, CSV of exactly what is drawn, and a JSON record)
and returns the MyST block that places it: numbered, captioned, with its source line,
edition stamp, alt text and download links. The Figures page is generated from the JSON
records; every citation text comes from `CITATION.cff`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from IPython.display import Markdown

from analysis.dictionary import escape
from analysis.figures import PRINT_DPI, Chart
from analysis.i18n import text
from analysis.parameters import Edition

ROOT = Path(__file__).resolve().parent.parent
CITATION_FILE = ROOT / "CITATION.cff"
FIGURES_DIR = "figures"  # beside the chapter notebooks

# Every figure of the book, in book order, with the chapter (document) that holds it.
FIGURES = {
    "fig-devida-budget": "devida-budget",
    "fig-devida-index": "devida-budget",
    "fig-exchange-rates": "exchange-rates",
    "fig-opd-composition": "opd-funding",
    "fig-opd-share": "opd-funding",
}


@dataclass(frozen=True)
class Exhibit:
    """One figure of the book with everything a reader needs to reuse it."""

    id: str  # stable: names its files and its cross-reference target
    chart: Chart
    caption: str  # what to see, in the edition's language
    alt: str
    where: tuple[str, ...]  # i18n keys of the report sections the data come from
    edition: Edition


def source_line(exhibit: Exhibit) -> str:
    where = "; ".join(text(key, exhibit.edition.lang) for key in exhibit.where)
    return text("source", exhibit.edition.lang, where=where)


def stamp(edition: Edition) -> str:
    """The edition stamp, empty for the reference edition."""
    return "" if edition.is_reference else text("edition", edition.lang, label=edition.label)


def publish(exhibit: Exhibit, folder: Path = Path(FIGURES_DIR)) -> Markdown:
    """Write the figure's files and return the block that places it in the chapter."""
    if exhibit.id not in FIGURES:
        raise KeyError(f"figure {exhibit.id!r} is not listed in analysis/exhibits.py FIGURES")
    source = source_line(exhibit)
    exhibit.chart.add_footer(source, stamp(exhibit.edition))
    lang = exhibit.edition.lang
    exhibit.chart.data = exhibit.chart.data.rename(columns={"year": text("column.year", lang)})
    exhibit.chart.save(folder / exhibit.id)
    record = {
        "id": exhibit.id,
        "chapter": FIGURES[exhibit.id],
        "title": exhibit.chart.title,
        "caption": exhibit.caption,
        "alt": exhibit.alt,
        "source": source,
        "edition": exhibit.edition.label,
        "lang": exhibit.edition.lang,
        "columns": list(exhibit.chart.data.columns),
    }
    (folder / f"{exhibit.id}.json").write_text(
        json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return Markdown(figure_block(record, folder.as_posix()))


def downloads(record: dict, folder: str) -> str:
    lang = record["lang"]
    links = [f"{{download}}`{kind} <{folder}/{record['id']}.{kind.lower()}>`"
             for kind in ("PNG", "SVG", "CSV")]  # fmt: skip
    return f"{text('download', lang)}: " + " · ".join(links)


def figure_block(record: dict, folder: str = FIGURES_DIR) -> str:
    """MyST for one figure: numbered and named; caption, source and stamp; downloads."""
    caption = [record["caption"], record["source"]]
    if record["edition"]:
        caption.append(text("edition", record["lang"], label=record["edition"]))
    cite = f"{{ref}}`{text('cite', record['lang'])} <cite-{record['id']}>`"
    alt = " ".join(record["alt"].split())
    return "\n".join(
        [f"::::{{figure}} {folder}/{record['id']}.png", f":name: {record['id']}", f":alt: {alt}",
         ":width: 100%", "", " ".join(escape(part) for part in caption), "",
         f"{downloads(record, folder)} · {cite}", "::::"]
    )  # fmt: skip


def citation() -> dict:
    """The contents of CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


def _authors(people: list[dict]) -> str:
    return ", ".join(person["name"] for person in people)


def book_citation_apa() -> str:
    """APA-style text for the book: the report first, then this book's processing."""
    book, report = citation(), citation()["references"][0]
    return (
        f"{_authors(report['authors'])}. ({report['year']}). *{report['title']}* "
        f"({report['edition']}; {report['number']}). {report['institution']['name']}. "
        f"Transcribed and recomputed in {_authors(book['authors'])}. "
        f"({book['date-released'][:4]}). *{book['title']}* (Version {book['version']})."
    )


def figure_citation_apa(record: dict) -> str:
    """APA-style text for one figure, naming the parameters that produced it."""
    book, report = citation(), citation()["references"][0]
    edition = f"edition {record['edition']}" if record["edition"] else "reference edition"
    return (
        f"{_authors(report['authors'])}. ({report['year']}). *{report['title']}* "
        f"[Figure: {escape(record['title'])}]. {report['institution']['name']}. Chart by "
        f"{_authors(book['authors'])} ({book['date-released'][:4]}), *{book['title']}* "
        f"(Version {book['version']}), figure {escape(record['id'])}, {escape(edition)}."
    )


def _bibtex_value(value: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", value).replace("{", "").replace("}", "")


def bibtex(key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def book_bibtex() -> str:
    book, report = citation(), citation()["references"][0]
    return bibtex(
        "cicad2023peru",
        {
            "author": _authors(report["authors"]),
            "title": report["title"],
            "year": str(report["year"]),
            "publisher": report["institution"]["name"],
            "note": f"{report['number']}. Transcribed and recomputed in "
            f"{_authors(book['authors'])}, {book['title']}, version {book['version']}",
        },
    )


def figure_bibtex(record: dict) -> str:
    book, report = citation(), citation()["references"][0]
    edition = f"edition {record['edition']}" if record["edition"] else "reference edition"
    return bibtex(
        "cicad2023peru-" + record["id"],
        {
            "author": _authors(report["authors"]),
            "title": f"{report['title']}. Figure: {record['title']}",
            "year": str(report["year"]),
            "publisher": report["institution"]["name"],
            "note": f"Figure {record['id']}, {edition}, chart by {_authors(book['authors'])}, "
            f"{book['title']}, version {book['version']}",
        },
    )


def records(folder: Path) -> list[dict]:
    """The published figures' records, in book order."""
    found = {path.stem: json.loads(path.read_text(encoding="utf-8"))
             for path in Path(folder).glob("*.json")}  # fmt: skip
    return [found[figure] for figure in FIGURES if figure in found]


def figures_page(folder: Path) -> str:
    """MyST for the Figures page: every figure with thumbnail, caption, downloads, citation."""
    lines = [
        "# Figures and how to cite them",
        "",
        "Every figure of this edition, with its downloads: PNG for slides "
        f"({PRINT_DPI} dpi), SVG for print, and the CSV of exactly the numbers drawn. Each "
        "image carries its source line, and the edition's parameters when they differ from "
        "the reference. Rebuilding the same edition gives the same files, byte for byte.",
        "",
        "## How to cite the book",
        "",
        "Cite the report first: it is the source of every figure.",
        "",
        book_citation_apa(),
        "",
        "```bibtex",
        book_bibtex(),
        "```",
        "",
        "## The figures",
    ]
    for record in records(folder):
        lines += [
            "",
            f"(cite-{record['id']})=",
            f"### {escape(record['title'])}",
            "",
            f"{{numref}}`{record['id']}`, in {{doc}}`{record['chapter']}`.",
            "",
            f"```{{image}} {FIGURES_DIR}/{record['id']}.png",
            f":alt: {' '.join(record['alt'].split())}",
            ":width: 360px",
            "```",
            "",
            escape(record["caption"]),
            "",
            downloads(record, FIGURES_DIR),
            "",
            "How to cite:",
            "",
            figure_citation_apa(record),
            "",
            "```bibtex",
            figure_bibtex(record),
            "```",
        ]
    return "\n".join(lines) + "\n"
