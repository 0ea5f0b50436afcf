"""Every citation text the book prints, from `CITATION.cff`: the report first, then this book."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from analysis.exhibits.words import tr

CITATION_FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"


@functools.cache
def citation() -> dict:
    """The contents of CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


def report() -> dict:
    return citation()["references"][0]


def _authors(people: list[dict]) -> str:
    return ", ".join(person["name"] for person in people)


def book_authors() -> str:
    return _authors(citation()["authors"])


def report_url() -> str:
    return report()["url"]


def _report_apa() -> str:
    ref = report()
    return (
        f"{_authors(ref['authors'])}. ({ref['year']}). *{ref['title']}* ({ref['edition']}; "
        f"{ref['number']}). {ref['institution']['name']}. {ref['url']}"
    )


def book_citation_apa(lang: str) -> str:
    """APA-style text for the book: the report first, then this book's processing."""
    book = citation()
    processing = tr(
        "Transcribed and recomputed by {authors} ({year}), *{title}*, version {version}.",
        lang,
        authors=book_authors(),
        year=book["date-released"][:4],
        title=book["title"],
        version=book["version"],
    )
    return f"{_report_apa()} {processing}"


def figure_citation_apa(record: dict, lang: str) -> str:
    """APA-style text for one figure, naming the parameters that produced it."""
    book = citation()
    edition = (
        tr("edition {label}", lang, label=record["edition"])
        if record["edition"]
        else tr("reference edition", lang)
    )
    chart = tr(
        "Chart {id} ({edition}) by {authors} ({year}), *{title}*, version {version}.",
        lang,
        id=record["id"],
        edition=edition,
        authors=book_authors(),
        year=book["date-released"][:4],
        title=book["title"],
        version=book["version"],
    )
    return f"{_report_apa()} {chart}"


def _bibtex_value(value: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", value).replace("{", "").replace("}", "")


def bibtex(key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def _report_fields(title_suffix: str = "") -> dict[str, str]:
    ref = report()
    return {
        "author": _authors(ref["authors"]),
        "title": ref["title"] + title_suffix,
        "year": str(ref["year"]),
        "publisher": ref["institution"]["name"],
        "url": ref["url"],
    }


def book_bibtex(lang: str) -> str:
    book = citation()
    note = tr(
        "Transcribed and recomputed by {authors}, {title}, version {version}",
        lang,
        authors=book_authors(),
        title=book["title"],
        version=book["version"],
    )
    return bibtex("cicad2023peru", {**_report_fields(), "note": f"{report()['number']}. {note}"})


def figure_bibtex(record: dict, lang: str) -> str:
    book = citation()
    edition = (
        tr("edition {label}", lang, label=record["edition"])
        if record["edition"]
        else tr("reference edition", lang)
    )
    note = tr(
        "Chart {id} ({edition}) by {authors}, {title}, version {version}",
        lang,
        id=record["id"],
        edition=edition,
        authors=book_authors(),
        title=book["title"],
        version=book["version"],
    )
    return bibtex(
        "cicad2023peru-" + record["id"], {**_report_fields(f". {record['title']}"), "note": note}
    )
