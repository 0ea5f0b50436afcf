"""A figure's data as a small data package: its CSV, a Frictionless `datapackage.json` and a
README, zipped under one folder (the bare CSV stays beside it).

Like Our World in Data's chart downloads, the package says on its own what it is: the
figure's title and number, each column's unit, the currency and the price basis in words,
the price index with its publisher and how far it was checked, the edition in words, the
source (the report first, then this book), the licence, the citation with the figure's
address, whose coding a figure of statuses shows, and the date of the data (the report's
publication) apart from the book's version. In the edition's language. It is made once
every figure has its number, with the workbook (`workbook.write_workbook`), and it is the
same bytes on every build (fixed dates and modes in the zip).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from analysis.contract.package import write_zip
from analysis.exhibits.citation import (
    citation,
    figure_bibtex,
    figure_citation_apa,
    report,
    report_url,
    report_words,
    version_words,
)
from analysis.exhibits.edition_words import edition_words
from analysis.exhibits.language import book_title, capitalised, tr

PACKAGE_SUFFIX = ".zip"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
FIELD_TYPES = {"year": "integer", "integer": "integer", "number": "number", "text": "string"}


def data_date(lang: str) -> str:
    """The date of a figure's data: the year the report was published (CITATION.cff)."""
    return str(report(lang)["year"])


def data_date_words(lang: str) -> str:
    """'2023, the report's publication'."""
    return tr("{year}, the report's publication", lang, year=data_date(lang))


def figure_title(record: dict, number: int) -> str:
    """'Figure 3: DEVIDA annual budget (nominal)'."""
    return tr("Figure {number}: {title}", record["lang"], number=number, title=record["title"])


def book_version(lang: str) -> str:
    """This book's version and its date: 'version 0.1.0 of 27 November 2026'."""
    return version_words(lang)


def what_it_is(record: dict, number: int) -> list[tuple[str, str]]:
    """(what, words) for everything the package says about the figure, in its language;
    the README lists them and the descriptor carries each under its own key."""
    lang = record["lang"]
    rows = [
        (tr("Figure", lang), figure_title(record, number)),
        (tr("Caption", lang), record["caption"]),
        (tr("Edition", lang), capitalised(edition_words(record["edition"], lang))),
    ]
    if record.get("currencies"):
        rows.append((tr("Currency", lang), ", ".join(record["currencies"])))
        rows.append((tr("Prices", lang), record["prices"]))
    for sentence in record.get("price_index", []):
        rows.append((tr("Price index", lang), sentence))
    said = tr("Source", lang)
    rows.append((said, record["source"].removeprefix(f"{said}: ")))
    if record.get("coding"):
        rows.append((tr("Coding", lang), record["coding"]))
    rows += [
        (tr("Date of the data", lang), data_date_words(lang)),
        (tr("This book", lang), f"{book_title(lang)}, {book_version(lang)}"),
        (tr("Licence", lang), tr("CC BY 4.0: cite the report first, then this book.", lang)),
    ]
    return rows


def descriptor(record: dict, number: int, address: str) -> dict:
    """The figure's `datapackage.json`: a Frictionless data package of one resource."""
    lang, stem = record["lang"], record["id"]
    kinds = record.get("kinds", {})
    fields = []
    for column in record["columns"]:
        field = {
            "name": column,
            "type": FIELD_TYPES[kinds.get(column, "text")],
        }
        unit = record.get("units", {}).get(column, "")
        if unit:
            field["unit"] = unit
            field["description"] = tr("Unit: {unit}", lang, unit=unit)
        fields.append(field)
    package = {
        "name": stem,
        "title": figure_title(record, number),
        "description": record["caption"],
        "version": str(citation()["version"]),
        "language": lang,
        "licenses": [LICENCE],
        "sources": [
            {"title": report_words(lang), "path": report_url(lang)},
            {
                "title": f"{book_title(lang)}, {book_version(lang)}",
                **({"path": address} if address else {}),
            },
        ],
        "figure": {"number": number, "name": record.get("figure", stem), "title": record["title"]},
        "edition": capitalised(edition_words(record["edition"], lang)),
        "parameters": {name: str(value) for name, value in record.get("parameters", {}).items()},
        "dataDate": data_date(lang),
        "bookVersion": book_version(lang),
        "citation": figure_citation_apa(record, lang, number, address).replace("*", ""),
        "bibtex": figure_bibtex(record, lang, number, address),
        "resources": [
            {
                "name": stem,
                "path": f"{stem}.csv",
                "title": record["title"],
                "description": record["caption"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
            }
        ],
    }
    if record.get("currencies"):
        package["currency"] = ", ".join(record["currencies"])
        package["prices"] = record["prices"]
    if record.get("price_index"):
        package["priceIndex"] = list(record["price_index"])
    if record.get("coding"):
        package["caveat"] = record["coding"]
    if address:
        package["homepage"] = address
    return package


def readme(record: dict, number: int, address: str) -> str:
    """The package's README: what the figure's data are, in a few lines of Markdown."""
    lang, stem = record["lang"], record["id"]
    files, columns, cite = tr("Files", lang), tr("Columns", lang), tr("How to cite", lang)
    csv_words = tr("exactly the numbers the figure draws, rounded as it shows them", lang)
    contract_words = tr("what each column holds and its unit (Frictionless)", lang)
    lines = [f"# {figure_title(record, number)}", ""]
    lines += [f"- **{what}**: {words}" for what, words in what_it_is(record, number)[1:]]
    lines += ["", f"## {files}", "", f"- `{stem}.csv`: {csv_words}"]
    lines += [f"- `datapackage.json`: {contract_words}", "", f"## {columns}", ""]
    for column in record["columns"]:
        unit = record.get("units", {}).get(column, "")
        lines.append(f"- `{column}`" + (f": {unit}" if unit else ""))
    lines += ["", f"## {cite}", ""]
    lines.append(figure_citation_apa(record, lang, number, address).replace("*", ""))
    if address:
        lines += ["", address]
    return "\n".join(lines) + "\n"


def package_bytes(folder: Path, record: dict, number: int, address: str) -> bytes:
    """The zip of one figure's package, from its CSV and record."""
    stem = record["id"]
    files = {
        f"{stem}.csv": (Path(folder) / f"{stem}.csv").read_bytes(),
        "datapackage.json": (
            json.dumps(descriptor(record, number, address), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8"),
        "README.md": readme(record, number, address).encode("utf-8"),
    }
    buffer = io.BytesIO()
    write_zip(buffer, files, folder=stem)
    return buffer.getvalue()
