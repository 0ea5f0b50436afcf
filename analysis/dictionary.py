"""The data dictionary, generated from the contract (`data/datapackage.json`)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from analysis.data import CONTRACT, DATA_DIR, contract

PACKAGE_ZIP = "mem-peru-2023-data.zip"
_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+!|~$&:-])")


def escape(text: str) -> str:
    """Text safe to place in MyST Markdown: no markup, no raw HTML."""
    return _MARKUP.sub(r"\\\1", str(text))


def allowed_values(field: dict) -> str:
    """The field's constraints in words."""
    rules = field.get("constraints", {})
    parts = []
    if "enum" in rules:
        parts.append("one of: " + ", ".join(str(v) for v in rules["enum"]))
    if "minimum" in rules and "maximum" in rules:
        parts.append(f"{rules['minimum']} to {rules['maximum']}")
    elif "minimum" in rules:
        parts.append(f"at least {rules['minimum']}")
    if "pattern" in rules:
        parts.append(f"pattern {rules['pattern']}")
    if field["type"] == "boolean":
        parts.append("yes or no")
    if not rules.get("required"):
        parts.append("may be empty")
    return "; ".join(parts)


def fields_table(resource: dict) -> pd.DataFrame:
    """One row per field: type, unit, allowed values, meaning."""
    rows = [
        {
            "Field": field["name"],
            "Type": field["type"],
            "Unit": field.get("unit", ""),
            "Allowed values": allowed_values(field),
            "Meaning": ". ".join(filter(None, [field.get("title"), field.get("description")])),
        }
        for field in resource["schema"]["fields"]
    ]
    return pd.DataFrame(rows).set_index("Field")


def provenance(resource: dict, data_prefix: str = "../data/") -> str:
    """MyST Markdown: the table's title, where it stands in the report, notes, download."""
    place = resource["report"]
    key = ", ".join(resource["schema"]["primaryKey"])
    if place["kind"] == "reference":
        sources = "; ".join(escape(source["title"]) for source in resource["sources"])
        origin = f"- Not in the report: public statistics. Sources: {sources}."
    else:
        origin = (
            f"- In the report: {escape(place['pillar'])}, objective "
            f"{escape(place['objective'])}, priority action "
            f"{escape(place['priority_action'])}; {escape(place['table'])}."
        )
    lines = [
        f"### {escape(resource['title'])}",
        "",
        origin,
        f"- One row per: {escape(key)}.",
        f"- Download: {{download}}`{resource['path']} <{data_prefix}{resource['path']}>`",
    ]
    if resource.get("description"):
        lines.append(f"- {escape(resource['description'])}")
    lines += [f"- Note: {escape(note)}" for note in place.get("notes", [])]
    return "\n".join(lines)


def resources(data_dir: Path = DATA_DIR) -> list[dict]:
    """The contract's resources, in its order."""
    return contract(data_dir)["resources"]


def write_package_zip(target: Path, data_dir: Path = DATA_DIR) -> Path:
    """A zip of the contract and every CSV, byte-identical on every build."""
    files = [CONTRACT] + [r["path"] for r in resources(data_dir)]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            entry = zipfile.ZipInfo(f"mem-peru-2023-data/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, (Path(data_dir) / name).read_bytes())
    return target
