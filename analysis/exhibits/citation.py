"""Every citation text the book prints, from `CITATION.cff`: the report first, then this book."""

from __future__ import annotations

import datetime
import functools
import re

import yaml

from analysis.contract.parameters import site_home
from analysis.core.paths import CITATION_FILE
from analysis.exhibits.edition_words import edition_words
from analysis.exhibits.formats import date
from analysis.exhibits.language import book_title, capitalised, tr, translate


@functools.cache
def citation() -> dict:
    """The contents of CITATION.cff."""
    return yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))


CONFIG_FILE = CITATION_FILE.parent / "_config.yml"


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


def date_of_data() -> datetime.date:
    """The date of this version of the book's data: CITATION.cff's `date-released`, never
    the clock (a rebuild gives the same files)."""
    return datetime.date.fromisoformat(str(citation()["date-released"]))


@functools.cache
def base_url() -> str:
    """The published site's address (`html.baseurl` in _config.yml; the Pages workflow
    sets it), ending in '/'; empty when the book is not published."""
    config = yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))
    url = str((config.get("html") or {}).get("baseurl") or "").strip()
    return url.rstrip("/") + "/" if url else ""


def edition_address(edition) -> str:
    """The published address of an edition's front folder, or '' when not published."""
    return f"{base_url()}{site_home(edition)}/" if base_url() else ""


def release_address(edition, version: str | None = None) -> str:
    """Where the site archives an edition of a release (by default the release CITATION.cff
    names): `<site>/v/<version>/<edition's folder>/`, an address that keeps showing that
    release's numbers; '' when the book is not published."""
    version = version or str(citation()["version"])
    return f"{base_url()}v/{version}/{site_home(edition)}/" if base_url() else ""


def cited_address(edition) -> str:
    """The address every citation of an edition gives: its copy in the archive of this
    release (see release_address), never the site's root, which moves on with each release;
    '' when the book is not published."""
    return release_address(edition)


def permanence_words(lang: str, address: str) -> str:
    """What a cited `address` promises, in plain words; '' when there is none (the book is
    not published)."""
    if not address:
        return ""
    return tr(
        "The address is that of version {version} in the book's archive: it will always show "
        "these numbers, whatever later versions change.",
        lang,
        version=citation()["version"],
    )


def version_words(lang: str) -> str:
    """'version 0.1.0 of 27 November 2026': the book's version and its date."""
    return tr(
        "version {version} of {date}",
        lang,
        version=citation()["version"],
        date=date(date_of_data(), lang),
    )


def _report_apa(lang: str = "en") -> str:
    """The report as its publisher titles it, in the edition's language when it is
    published in it."""
    ref = report(lang)
    isbn = f"ISBN {ref['isbn']}. " if ref.get("isbn") else ""
    return (
        f"{_authors(ref['authors'])}. ({ref['year']}). *{' '.join(ref['title'].split())}* "
        f"({ref['edition']}; {ref['number']}). {ref['institution']['name']}. "
        f"{isbn}{ref['url']}"
    )


def book_citation_apa(lang: str, edition: str = "", address: str = "") -> str:
    """APA-style text for the book: the report first, then this book's processing, naming
    the edition (its parameters) when it is not the reference one, its version and date,
    and its address once published."""
    book = citation()
    processing = tr(
        "Transcribed and recomputed by the {authors} ({year}), *{title}*, {version}, {edition}.",
        lang,
        authors=book_authors(lang),
        year=book["date-released"][:4],
        title=book_title(lang),
        version=version_words(lang),
        edition=edition_words(edition, lang),
    )
    return " ".join(filter(None, [f"{_report_apa(lang)}.", processing, address]))


def figure_name(record: dict, lang: str, number: int | None = None) -> str:
    """'Figure 3, *DEVIDA annual budget (nominal)*' (the title in italics)."""
    if number is None:
        return f"*{record['title']}*"
    return tr("Figure {number}, *{title}*", lang, number=number, title=record["title"])


def figure_citation_apa(
    record: dict, lang: str, number: int | None = None, address: str = ""
) -> str:
    """APA-style text for one figure: the report first, then the figure by its number and
    title, the edition that drew it, the book's version and date, whose coding a figure of
    statuses shows, and the figure's address once published."""
    book = citation()
    chart = tr(
        "{figure} ({edition}), by the {authors} ({year}), in {title}, {version}.",
        lang,
        figure=figure_name(record, lang, number),
        edition=edition_words(record["edition"], lang),
        authors=book_authors(lang),
        year=book["date-released"][:4],
        title=book_title(lang),
        version=version_words(lang),
    )
    parts = [f"{_report_apa(lang)}.", chart, record.get("coding", ""), address]
    return " ".join(filter(None, parts))


def _bibtex_value(value: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", value).replace("{", "").replace("}", "")


def bibtex(key: str, fields: dict[str, str]) -> str:
    """A @misc entry. Every author here is an organisation: its name goes in a second pair
    of braces, or BibTeX would read it as a person's ('team, M. P. a. b.')."""

    def value(name: str, text: str) -> str:
        # An address is verbatim (BibTeX's url field): '#' and '%' stay as they are.
        text = text.replace("{", "").replace("}", "") if name == "url" else _bibtex_value(text)
        return f"{{{{{text}}}}}" if name == "author" else f"{{{text}}}"

    body = ",\n".join(f"  {name} = {value(name, text)}" for name, text in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def _report_fields(lang: str = "en") -> dict[str, str]:
    ref = report(lang)
    return {
        "author": _authors(ref["authors"]),
        "title": " ".join(ref["title"].split()),
        "year": str(ref["year"]),
        "publisher": ref["institution"]["name"],
        "url": ref["url"],
    }


def _address_fields(address: str) -> dict[str, str]:
    """`url`, and `urldate`: the date of the data the address holds (never the clock)."""
    return {"url": address, "urldate": date_of_data().isoformat()} if address else {}


def book_bibtex(lang: str, edition: str = "", address: str = "") -> str:
    """The report, with this book's edition (in words) as its note; the key names the
    edition, as the numbers differ between editions."""
    from analysis.exhibits.edition_words import label_suffix

    note = tr(
        "Transcribed and recomputed by the {authors}, {title}, {version}, {edition}",
        lang,
        authors=book_authors(lang),
        title=book_title(lang),
        version=version_words(lang),
        edition=edition_words(edition, lang),
    )
    if address:
        note += f", {address}"
    key = "-".join(filter(None, ["cicad2023peru", label_suffix(edition, lang)]))
    return bibtex(key, {**_report_fields(lang), "note": f"{report(lang)['number']}. {note}"})


def report_words(lang: str) -> str:
    """The report as a source: publisher, title, year and number, in `lang`."""
    ref = report(lang)
    return (
        f"{_authors(ref['authors'])}, {ref['institution']['name']} ({ref['year']}). "
        f"{' '.join(ref['title'].split())}. {ref['edition']}. {ref['number']}"
    )


def figure_bibtex(record: dict, lang: str, number: int | None = None, address: str = "") -> str:
    """A chart is this book's work: its authors and title (with its number), where it is
    published (the book, its version and edition in words) and its source (the report, by
    its publisher, OAS/CICAD); its address and the date of its data once published. The key
    is the figure's file name, which differs between editions that draw different numbers."""
    book = citation()
    howpublished = tr(
        "{edition}, in {title}, {version}",
        lang,
        edition=capitalised(edition_words(record["edition"], lang)),
        title=book_title(lang),
        version=version_words(lang),
    )
    note = tr("Source: {source}", lang, source=report_words(lang))
    if record.get("coding"):
        note += f". {record['coding']}"
    title = record["title"]
    if number is not None:
        title = tr("Figure {number}: {title}", lang, number=number, title=title)
    return bibtex(
        "mem-peru-2023-" + record["id"],
        {
            "author": book_authors(lang),
            "title": title,
            "year": book["date-released"][:4],
            "version": str(book["version"]),
            "howpublished": howpublished,
            "note": note,
            "organization": report(lang)["institution"]["name"],
            **_address_fields(address),
        },
    )
