"""The data package in an edition's language: its CSV files, its contract and its zip.

The English package is `data/` itself. Another language's version is made from it, with
the `data` catalog (locales/<lang>/LC_MESSAGES/data.po): every column name, the category
values (those the contract allows, those of the columns it marks `translate`, and yes/no),
identifiers built from a category (a priority action 'IS-1.3' is 'FI-1.3' in Spanish), and
every title, description and note. Numbers, years and dates stay as they are (a point
before decimals, no grouping: machine-readable, and Peru's own decimal point), and so does
text kept "as printed" in the report. The translated contract is still a valid Frictionless
data package describing the translated files: keys, foreign keys, allowed values, yes/no
and the completeness rules follow the translation.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import re
from pathlib import Path

from analysis.contract.load import CONTRACT, DATA_DIR, contract
from analysis.contract.package import PACKAGE_ZIP, write_zip
from analysis.exhibits.language import SOURCE_LANGUAGE, column_name, label

__all__ = ["PACKAGE_ZIP", "package_files", "package_zip", "translated_contract"]

_ALTERNATIVES = re.compile(r"\(([^()]+)\)")


def _categories(field: dict) -> set[str]:
    return {str(value) for value in field.get("constraints", {}).get("enum", [])}


def _booleans(field: dict) -> set[str]:
    return set(field.get("trueValues", [])) | set(field.get("falseValues", []))


def _coded(field: dict, categories: set[str]) -> list[str]:
    """The codes a field's identifiers start with, when its pattern lists category values as
    alternatives: '(IS|RIME|IC)-[1-9]\\.[1-9]' -> ['IS', 'RIME', 'IC']."""
    pattern = field.get("constraints", {}).get("pattern", "")
    for group in _ALTERNATIVES.findall(pattern):
        codes = group.split("|")
        if len(codes) > 1 and all(code in categories for code in codes):
            return codes
    return []


@functools.cache
def _plan(data_dir: Path) -> dict[tuple[str, str], str | tuple[str, ...]]:
    """How each translated column's values are translated: (resource, field) -> 'label'
    (the value as a whole) or the codes a value may start with (the code translated, the
    rest kept: 'IS-1.3', 'RIME 2.1 ¶1'). Other columns keep their values."""
    descriptor = contract(data_dir)
    categories = {
        value
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        for value in _categories(field)
    }
    plan: dict[tuple[str, str], str | tuple[str, ...]] = {}
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            key = (resource["name"], field["name"])
            if field.get("translate") or _categories(field) or _booleans(field):
                plan[key] = "label"
            elif _coded(field, categories):
                plan[key] = tuple(_coded(field, categories))
    # A foreign key takes the translation of the field it refers to.
    for resource in descriptor["resources"]:
        for foreign in resource["schema"].get("foreignKeys", []):
            fields = _as_list(foreign["fields"])
            targets = _as_list(foreign["reference"]["fields"])
            target = foreign["reference"]["resource"] or resource["name"]
            for name, other in zip(fields, targets, strict=True):
                if (target, other) in plan:
                    plan[(resource["name"], name)] = plan[(target, other)]
    return plan


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _value(text: str, how: str | tuple[str, ...] | None, lang: str) -> str:
    if how is None or text == "":
        return text
    if how == "label":
        return label(text, lang)
    for code in sorted(how, key=len, reverse=True):  # the code it starts with, whole
        rest = text[len(code) :]
        if text.startswith(code) and not rest[:1].isalnum():
            return label(code, lang) + rest
    return text


@functools.cache
def translated_contract(lang: str, data_dir: Path = DATA_DIR) -> dict:
    """The contract (`datapackage.json`) of the package in `lang`."""
    descriptor = contract(data_dir)
    if lang == SOURCE_LANGUAGE:
        return descriptor
    plan = _plan(Path(data_dir))
    out = copy.deepcopy(descriptor)
    for key in ("title", "description"):
        if out.get(key):
            out[key] = label(out[key], lang)
    for item in out.get("licenses", []) + out.get("sources", []):
        if item.get("title"):
            item["title"] = label(item["title"], lang)
    for resource in out["resources"]:
        name = resource["name"]
        for key in ("title", "description"):
            if resource.get(key):
                resource[key] = label(resource[key], lang)
        place = resource.get("report", {})
        for key in ("table", "scope"):
            if place.get(key):
                place[key] = label(place[key], lang)
        if "notes" in place:
            place["notes"] = [label(note, lang) for note in place["notes"]]
        if place.get("pillar"):
            place["pillar"] = label(place["pillar"], lang)
        for source in resource.get("sources", []):
            if source.get("title"):
                source["title"] = label(source["title"], lang)
        schema = resource["schema"]
        for field in schema["fields"]:
            how = plan.get((name, field["name"]))
            field["name"] = column_name(field["name"], lang)
            for key in ("title", "description", "unit"):
                if field.get(key):
                    field[key] = label(field[key], lang)
            rules = field.get("constraints", {})
            if "enum" in rules:
                rules["enum"] = [_value(str(v), how, lang) for v in rules["enum"]]
            if "pattern" in rules:
                rules["pattern"] = _translated_pattern(rules["pattern"], lang)
            for key in ("trueValues", "falseValues"):
                if key in field:
                    field[key] = [label(v, lang) for v in field[key]]
        schema["primaryKey"] = _columns(schema.get("primaryKey", []), lang)
        for foreign in schema.get("foreignKeys", []):
            foreign["fields"] = _columns(foreign["fields"], lang)
            foreign["reference"]["fields"] = _columns(foreign["reference"]["fields"], lang)
        rule = resource.get("completeness")
        if rule:
            rule["values"] = {
                column_name(field, lang): [
                    _value(str(v), plan.get((name, field)), lang) if isinstance(v, str) else v
                    for v in values
                ]
                for field, values in rule["values"].items()
            }
            if "for_each" in rule:
                rule["for_each"] = _columns(rule["for_each"], lang)
    return out


def _columns(names, lang: str):
    if isinstance(names, str):
        return column_name(names, lang)
    return [column_name(name, lang) for name in names]


def _translated_pattern(pattern: str, lang: str) -> str:
    """A pattern's alternatives that are category codes, translated: '(IS|RIME|IC)-...'."""

    def group(match: re.Match) -> str:
        codes = match.group(1).split("|")
        try:
            return "(" + "|".join(re.escape(label(code, lang)) for code in codes) + ")"
        except KeyError:  # not codes of the catalog: a pattern of its own
            return match.group(0)

    return _ALTERNATIVES.sub(group, pattern)


def translated_csv(resource: dict, lang: str, data_dir: Path = DATA_DIR) -> bytes:
    """One file of the package in `lang`: its header and its categories translated, every
    other cell byte for byte as in `data/`."""
    text = (Path(data_dir) / resource["path"]).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    plan = _plan(Path(data_dir))
    header = rows[0]
    how = [plan.get((resource["name"], name)) for name in header]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column_name(name, lang) for name in header])
    for row in rows[1:]:
        writer.writerow([_value(cell, rule, lang) for cell, rule in zip(row, how, strict=True)])
    return out.getvalue().encode("utf-8")


def package_files(lang: str, data_dir: Path = DATA_DIR) -> dict[str, bytes]:
    """Every file of the package in `lang` (its path in data/ -> its bytes): the contract
    and the CSV files. In English, data/ as it is."""
    descriptor = contract(data_dir)
    paths = [resource["path"] for resource in descriptor["resources"]]
    if lang == SOURCE_LANGUAGE:
        return {name: (Path(data_dir) / name).read_bytes() for name in [CONTRACT, *paths]}
    files = {
        CONTRACT: (
            json.dumps(translated_contract(lang, Path(data_dir)), indent=2, ensure_ascii=False)
            + "\n"
        ).encode("utf-8")
    }
    for resource in descriptor["resources"]:
        files[resource["path"]] = translated_csv(resource, lang, Path(data_dir))
    return files


def package_zip(lang: str, data_dir: Path = DATA_DIR) -> bytes:
    """The zipped package in `lang`, byte-identical on every build."""
    buffer = io.BytesIO()
    write_zip(buffer, package_files(lang, data_dir))
    return buffer.getvalue()
