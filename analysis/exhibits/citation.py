"""Every citation text the book prints, from `CITATION.cff`: the report first, then this book."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from babel import Locale

from analysis.exhibits.words import book_title, tr, translate

CITATION_FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"


@functools.cache
def citation() -> dict:
    """The contents of CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


def report(lang: str = "en") -> dict:
    """The report as CITATION.cff names it in `lang` (its title in that language, when the
    file lists a reference in it), else as first listed."""
    references = [ref for ref in citation()["references"] if ref.get("type") == "report"]
    return next((ref for ref in references if lang in ref.get("languages", [])), references[0])


def _authors(people: list[dict]) -> str:
    return ", ".join(person["name"] for person in people)


def book_authors(lang: str = "en") -> str:
    """The book's authors in `lang` (a team's name is words, and is translated)."""
    return ", ".join(translate(person["name"], lang) for person in citation()["authors"])


def report_url(lang: str = "en") -> str:
    return report(lang)["url"]


def _report_apa(lang: str) -> str:
    """The report as its publisher titles it in `lang` (or in English, when CITATION.cff
    gives no title in `lang`)."""
    ref = report(lang)
    isbn = f" ISBN {ref['isbn']}." if ref.get("isbn") else ""
    title = " ".join(ref["title"].split())
    return (
        f"{_authors(ref['authors'])}. ({ref['year']}). *{title}* ({ref['edition']}; "
        f"{ref['number']}). {ref['institution']['name']}.{isbn} {ref['url']}"
    )


def _edition_words(label: str, lang: str) -> str:
    """Which edition: its parameters, and its language when it is not the reference's
    (an edition's label leaves the language out: its words show it)."""
    if lang == "en":
        return tr("edition {label}", lang, label=label) if label else tr("reference edition", lang)
    language = Locale.parse(lang).get_display_name(lang)
    if label:
        return tr("edition {label}, in {language}", lang, label=label, language=language)
    return tr("edition in {language}", lang, language=language)


def book_citation_apa(lang: str, edition: str = "") -> str:
    """APA-style text for the book: the report first, then this book's processing, naming
    the edition (its parameters) when it is not the reference one."""
    book = citation()
    processing = tr(
        "Transcribed and recomputed by the {authors} ({year}), *{title}*, version {version}, "
        "{edition}.",
        lang,
        authors=book_authors(lang),
        year=book["date-released"][:4],
        title=book_title(lang),
        version=book["version"],
        edition=_edition_words(edition, lang),
    )
    return f"{_report_apa(lang)}. {processing}"


def figure_citation_apa(record: dict, lang: str) -> str:
    """APA-style text for one figure, naming the parameters that produced it."""
    book = citation()
    chart = tr(
        "Chart {id} ({edition}) by the {authors} ({year}), *{title}*, version {version}.",
        lang,
        id=record["id"],
        edition=_edition_words(record["edition"], lang),
        authors=book_authors(lang),
        year=book["date-released"][:4],
        title=book_title(lang),
        version=book["version"],
    )
    return f"{_report_apa(lang)}. {chart}"


def _bibtex_value(value: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", value).replace("{", "").replace("}", "")


def bibtex(key: str, fields: dict[str, str]) -> str:
    """A @misc entry. Every author here is an organisation: its name goes in a second pair
    of braces, or BibTeX would read it as a person's ('team, M. P. a. b.')."""

    def value(name: str, text: str) -> str:
        text = _bibtex_value(text)
        return f"{{{{{text}}}}}" if name == "author" else f"{{{text}}}"

    body = ",\n".join(f"  {name} = {value(name, text)}" for name, text in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def _report_fields(lang: str) -> dict[str, str]:
    ref = report(lang)
    return {
        "author": _authors(ref["authors"]),
        "title": " ".join(ref["title"].split()),
        "year": str(ref["year"]),
        "publisher": ref["institution"]["name"],
        "url": ref["url"],
    }


def book_bibtex(lang: str, edition: str = "") -> str:
    book = citation()
    note = tr(
        "Transcribed and recomputed by the {authors}, {title}, version {version}, {edition}",
        lang,
        authors=book_authors(lang),
        title=book_title(lang),
        version=book["version"],
        edition=_edition_words(edition, lang),
    )
    fields = {**_report_fields(lang), "note": f"{report(lang)['number']}. {note}"}
    return bibtex("cicad2023peru", fields)


def figure_bibtex(record: dict, lang: str) -> str:
    """A chart is this book's work: its authors and title, with the report as its source."""
    book = citation()
    ref = report(lang)
    source = f"{_authors(ref['authors'])}, {' '.join(ref['title'].split())}, {ref['year']}"
    note = tr(
        "Chart {id} ({edition}) in {title}, version {version}. Data: {source}",
        lang,
        id=record["id"],
        edition=_edition_words(record["edition"], lang),
        title=book_title(lang),
        version=book["version"],
        source=source,
    )
    return bibtex(
        "mem-peru-2023-" + record["id"],
        {
            "author": book_authors(lang),
            "title": record["title"],
            "year": book["date-released"][:4],
            "note": note,
        },
    )
