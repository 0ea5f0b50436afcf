"""A user's CSV file given as a parameter value: read with limits, checked, typed.

Every problem is one sentence that names the file: too large, not UTF-8, the wrong
delimiter, not a table of the expected columns, a value of the wrong type or out of range.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
from pathlib import Path

import pandas as pd

from analysis.contract.load import DataError, typed_frame

MAX_BYTES = 1_000_000  # a table of a few years; anything near this size is not one
DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class UserFileError(ValueError):
    """A user's file that cannot be used; the message names it and says why."""


def read_user_table(path: str | Path, schema: dict) -> pd.DataFrame:
    """The user's CSV at `path`, validated against a Table Schema, as a typed frame."""
    path = Path(path)
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        raise UserFileError(f"{_short(path)}: cannot read it ({exc.strerror or exc})") from None
    if data is None:
        size = path.stat().st_size
        raise UserFileError(
            f"{_short(path)} is {size / 1e6:.1f} MB; a user file may be at most "
            f"{MAX_BYTES / 1e6:.0f} MB"
        )
    # Cached by content: a notebook forked from the build finds the file already checked.
    return _checked(path, hashlib.sha256(data).hexdigest(), json.dumps(schema, sort_keys=True))


@functools.cache
def _checked(path: Path, digest: str, schema_json: str) -> pd.DataFrame:
    schema = json.loads(schema_json)
    names = [field["name"] for field in schema["fields"]]
    text = _decode(path, path.read_bytes())
    first = text.splitlines()[0] if text.strip() else ""
    expected = ", ".join(names)
    for delimiter, word in DELIMITERS.items():
        if delimiter in first and "," not in first:
            raise UserFileError(
                f"{_short(path)} is separated by {word}; separate its columns with commas "
                f"(expected columns: {expected})"
            )
    found = next(csv.reader([first]), []) if first else []
    if [name.strip() for name in found] != list(names):
        shown = first if len(first) <= 60 else first[:57] + "..."
        raise UserFileError(
            f"{_short(path)} is not a CSV table with the columns {expected} "
            f"(its first line reads {shown!r})"
        )
    from frictionless import Resource, Schema

    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(schema)
    )
    try:
        table = typed_frame(path, schema, resource.validate())
    except DataError as exc:
        raise UserFileError(str(exc).replace(str(path), _short(path), 1)) from None
    for field in schema["fields"]:
        if field["type"] == "number":
            for row, value in enumerate(table[field["name"]], start=2):
                if pd.notna(value) and not math.isfinite(value):
                    raise UserFileError(
                        f"{_short(path)}, row {row}, field {field['name']!r}: {value} is not "
                        "a finite number"
                    )
    return table


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserFileError(f"{_short(path)} is UTF-16 text; save it as UTF-8 (CSV UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserFileError(
            f"{_short(path)} is not UTF-8 text (byte 0x{data[exc.start]:02X} at position "
            f"{exc.start}); save it as UTF-8 (CSV UTF-8)"
        ) from None


def _short(path: Path, limit: int = 120) -> str:
    """A path short enough for a one-line message."""
    text = str(path)
    return text if len(text) <= limit else "..." + text[-(limit - 3) :]


# The shape of a user's exchange-rate file (parameter fx_rates).
RATES_SCHEMA = {
    "fields": [
        {"name": "year", "type": "integer", "constraints": {"required": True}},
        {
            "name": "pen_per_usd",
            "type": "number",
            "constraints": {"required": True, "minimum": 0.01},
        },
    ],
    "primaryKey": ["year"],
}
