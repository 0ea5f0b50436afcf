"""Page "The data": the data dictionary, generated from the contract (`data/datapackage.json`).

In an edition in another language the dictionary describes the files that edition offers:
the package in its language (analysis/exhibits/data_package.py), column names and values
translated as in its CSV files.
"""

from __future__ import annotations

import pandas as pd

from analysis.compute.reconcile import opd_totals
from analysis.contract.load import contract
from analysis.exhibits.data_package import translated_contract
from analysis.exhibits.formats import money
from analysis.exhibits.language import label, tr
from analysis.exhibits.markup import escape
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import actions_words, pillar_name

CHAPTER = "data"


def resources() -> list[dict]:
    """The contract's resources, in its order."""
    return contract()["resources"]


def kind_counts() -> dict[str, int]:
    kinds = [r["report"]["kind"] for r in resources()]
    return {kind: kinds.count(kind) for kind in ("table", "list", "coding", "reference")}


def in_language(resource: dict, lang: str) -> dict:
    """The resource as the package in `lang` describes it (titles, columns, values)."""
    return next(r for r in translated_contract(lang)["resources"] if r["name"] == resource["name"])


def allowed_values(field: dict, lang: str) -> str:
    """The field's constraints in words (`field` as the package in `lang` has it)."""
    rules = field.get("constraints", {})
    parts = []
    if "enum" in rules:
        parts.append(
            tr(
                "one of (as written in the file): {values}",
                lang,
                values=", ".join(map(str, rules["enum"])),
            )
        )
    if "minimum" in rules and "maximum" in rules:
        parts.append(tr("{low} to {high}", lang, low=rules["minimum"], high=rules["maximum"]))
    elif "minimum" in rules:
        parts.append(tr("at least {low}", lang, low=rules["minimum"]))
    if "pattern" in rules:
        parts.append(tr("pattern {pattern}", lang, pattern=rules["pattern"]))
    if not rules.get("required"):
        parts.append(tr("may be empty", lang))
    return "; ".join(parts)


def type_name(kind: str, lang: str) -> str:
    return {
        "string": tr("text", lang),
        "integer": tr("integer", lang),
        "number": tr("number", lang),
        "date": tr("date", lang),
        "boolean": tr("yes or no", lang),
    }[kind]


def fields_table(resource: dict, lang: str) -> Table:
    """One row per field, named as in the edition's files: type, unit, allowed values,
    meaning."""
    resource = in_language(resource, lang)
    rows = {
        field["name"]: {
            tr("Type", lang): type_name(field["type"], lang),
            tr("Unit", lang): field.get("unit", ""),
            tr("Allowed values", lang): allowed_values(field, lang),
            tr("Meaning", lang): ". ".join(
                text for text in (field.get("title"), field.get("description")) if text
            ),
        }
        for field in resource["schema"]["fields"]
    }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    return table(
        frame,
        id=f"fields-{resource['name']}",
        lang=lang,
        stub=tr("Field", lang),
        title=tr("Fields of {file}", lang, file=resource["path"]),
    )


def origin(resource: dict, lang: str) -> str:
    """Where the table comes from, as a sentence."""
    place = resource["report"]
    if place["kind"] == "reference":
        sources = "; ".join(label(source["title"], lang) for source in resource["sources"])
        return tr(
            "Not in the report: public statistics. Sources: {sources}.", lang, sources=sources
        )
    if place["kind"] == "coding":
        return tr(
            "This project's reading of the report ({scope}), not the report's own table.",
            lang,
            scope=label(place["scope"], lang),
        )
    return tr(
        "In the report: {pillar}, {actions}: {table}.",
        lang,
        pillar=pillar_name(place["pillar"], lang),
        actions=actions_words(place["priority_action"], lang),
        table=label(place["table"], lang),
    )


def provenance(resource: dict, lang: str, data_prefix: str = "../data/") -> str:
    """MyST Markdown: the table's title, where it stands in the report, notes, download."""
    origin_words = origin(resource, lang)
    resource = in_language(resource, lang)
    key = ", ".join(resource["schema"]["primaryKey"])
    lines = [
        f"### {escape(resource['title'])}",
        "",
        f"- {escape(origin_words)}",
        "- " + escape(tr("One row per: {key}.", lang, key=key)),
        "- "
        + tr("Download", lang)
        + ": "
        + f"{{download}}`{resource['path']} <{data_prefix}{resource['path']}>`",
    ]
    if resource.get("description"):
        lines.append(f"- {escape(resource['description'])}")
    lines += [
        "- " + escape(tr("Note: {note}", lang, note=note))
        for note in resource["report"].get("notes", [])
    ]
    return "\n".join(lines)


def reconciliation(rows: pd.DataFrame, printed: pd.DataFrame, lang: str) -> Table:
    totals = opd_totals(rows, printed)
    dollars = totals.map(lambda value: money(value, "USD", lang, 2))
    frame = dollars.rename(
        columns={
            "printed_total": tr("Printed total (US$)", lang),
            "sum_of_rows": tr("Sum of printed rows (US$)", lang),
            "difference": tr("Printed minus sum (US$)", lang),
        }
    )
    return table(
        frame,
        id="opd-reconciliation",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("The observatory's printed totals against the sums of their rows", lang),
        right=list(frame.columns),
    )


def reconciliation_phrases(rows: pd.DataFrame, printed: pd.DataFrame, lang: str) -> dict:
    totals = opd_totals(rows, printed)
    off = totals[totals["difference"] != 0]
    if off.empty:
        sentence = tr("In every year the printed total equals the sum of its rows.", lang)
    else:
        sentence = tr(
            "In {n} of the {years} years the printed total differs from the sum of "
            "its rows, by at most {gap}: rounding of the converted amounts, not a "
            "missing row. The data keep the totals as printed.",
            lang,
            n=len(off),
            years=len(totals),
            gap=money(off["difference"].abs().max(), "USD", lang, 2),
        )
    return {"reconciliation_sentence": sentence}


def notes_table(notes: pd.DataFrame, lang: str) -> Table:
    frame = pd.DataFrame(
        {
            tr("Where in the report", lang): [label(where, lang) for where in notes["location"]],
            tr("Kind", lang): [label(kind, lang) for kind in notes["kind"]],
            tr("What was found", lang): [label(text, lang) for text in notes["description"]],
            tr("What was done", lang): [label(text, lang) for text in notes["handling"]],
        },
        index=notes["note"].astype(int),
    )
    return table(
        frame,
        id="transcription-notes",
        lang=lang,
        stub=tr("Note", lang),
        title=tr("Transcription notes", lang),
    )
