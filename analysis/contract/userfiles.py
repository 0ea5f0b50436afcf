"""A user's file given as a parameter value: read once with limits, checked, typed.

Its bytes are read once, and its table once, by one reader (Python's csv module): the rows
that frictionless validates are the rows the book uses. Every problem is one sentence that
names the file: not a regular file, too large, not UTF-8, the wrong delimiter, not a table
of the expected columns, a row of another length, a quotation mark out of place, a control
character, a value of the wrong type, or a number outside what it can plausibly be.
`printable` makes any text quoted from a user (or from an exception) safe for one line of a
terminal.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.contract.load import DataError, typed_frame
from analysis.core.text import escaped, printable, quoted, short_path

if TYPE_CHECKING:  # pandas and frictionless are imported where a table is read
    import pandas as pd

MAX_BYTES = 1_000_000  # a table of a few years; anything near this size is not one
DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
# A field of a user's file's schema that may be left out with its column (this book's key,
# removed before frictionless reads the schema).
OPTIONAL = "optional_column"


class UserFileError(ValueError):
    """A user's file that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Plausible:
    """The values a user's number may take: from `low` to `high`, said in `words`."""

    low: float
    high: float
    words: str
    unit: str | None = None  # the `unit` its row must state, where the file has one

    def admits(self, value: float) -> bool:
        return self.low <= value <= self.high  # False for NaN and infinities too


# What a user's number may be. Generous (any year since 1990, hyperinflation included) but
# finite, so that a typo, a wrong sign or a wrong unit is refused instead of published: a
# price level of zero or below divides by zero or flips signs, 1e308 overflows. Keyed by
# the column of a rate file, or by the series of a deflators file (its `value` means what
# its series says).
PLAUSIBLE = {
    # Soles per US dollar: about 2.2 to 4.1 since 1995 (SBS).
    "pen_per_usd": Plausible(0.01, 1000, "a number of soles per dollar from 0.01 to 1000"),
    # US CPI-U, 1982-84 = 100: 131 in 1990, 305 in 2023.
    "us_cpi_u_annual_average": Plausible(
        0.01, 1e6, "a positive index level from 0.01 to 1e6", unit="index 1982-84=100"
    ),
    # Lima CPI, December-to-December change in percent: about 7650 in 1990, -0.1 at its lowest.
    "pe_cpi_lima_dec_dec_inflation": Plausible(
        -50, 10_000, "a percent change from -50 to 10000", unit="percent"
    ),
}


def read_limited(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, refused (UserFileError) beyond `limit` bytes.

    Opened without blocking (a FIFO would wait for a writer) and read no further than
    `limit`, so that neither a device nor a file growing meanwhile is read to its end.
    `name` is how messages call the file (its path, by default).
    """
    name = name or short_path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UserFileError(f"{name}: no such file") from None
    except OSError as exc:
        raise UserFileError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UserFileError(f"{name} is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UserFileError(f"{name} is not a regular file (a pipe, a device or a socket)")
        if info.st_size > limit:
            raise UserFileError(
                f"{name} is {_size(info.st_size)}; it may be at most {_size(limit)}"
            )
        data = b""
        while len(data) <= limit:  # a read may return less than asked
            chunk = os.read(descriptor, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise UserFileError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise UserFileError(f"{name} grew beyond {_size(limit)} while it was read")
    return data


def _size(count: int) -> str:
    """An exact size: 64_001 -> '64,001 bytes' (rounded, it would read as the limit)."""
    return f"{count:,} byte{'s' * (count != 1)}"


# The bytes of each user's file, as first read by this process: the parameters are checked,
# the edition named and its copy for the notebooks made from one version of the file,
# whatever happens to it meanwhile. Forked workers inherit it.
_READ: dict[str, bytes] = {}


def read_user_file(path: str | Path) -> bytes:
    """The bytes of a user's file (at most MAX_BYTES), read once per process."""
    key = os.path.realpath(path)
    if key not in _READ:
        _READ[key] = read_limited(path, MAX_BYTES)
    return _READ[key]


def read_user_table(path: str | Path, schema: dict) -> pd.DataFrame:
    """The user's CSV at `path`, validated against a Table Schema, as a typed frame."""
    data = read_user_file(path)
    # Cached by content: a notebook forked from the build finds the file already checked.
    return _checked(short_path(path), data, json.dumps(schema, sort_keys=True))


def digest(path: str | Path) -> str:
    """The SHA-256 of a user's file, as this process read it."""
    return hashlib.sha256(read_user_file(path)).hexdigest()


@functools.cache
def _checked(name: str, data: bytes, schema_json: str) -> pd.DataFrame:
    """The user's table, read once by one reader (Python's csv module) and validated as
    read: frictionless checks the very rows the book then uses, and nothing reads the bytes
    a second way."""
    schema = json.loads(schema_json)
    names = [field["name"] for field in schema["fields"]]
    required = [field["name"] for field in schema["fields"] if not field.get(OPTIONAL)]
    text = _decode(name, data)
    first = text.splitlines()[0] if text.strip() else ""
    expected = ", ".join(required) + "".join(f"[, {n}]" for n in names if n not in required)
    for delimiter, word in DELIMITERS.items():
        if delimiter in first and "," not in first:
            raise UserFileError(
                f"{name} is separated by {word}; separate its columns with commas "
                f"(expected columns: {expected})"
            )
    if not first:
        raise UserFileError(f"{name} is empty (expected a CSV table with the columns {expected})")
    records = _records(name, text)
    try:
        _, header = next(records)
    except UserFileError:  # not even one record: whatever it is, it is no such table
        header = []
    # Spaces and tabs around a name are forgiven; a no-break space is not a space here.
    found = [column.strip(SPACES) for column in header]
    if found == required != names:  # the optional columns left out
        schema = {**schema, "fields": [f for f in schema["fields"] if f["name"] in required]}
    elif found != names:
        # Nothing of the file is quoted: it may be anything (/proc/self/environ, a key),
        # and the message may end up in a public log.
        raise UserFileError(
            f"{name} is not a CSV table with the columns {expected}: its first line "
            "should be that header"
        )
    _check_characters(name, text)
    rows, rows_at = [], []  # the table's rows, and where each stands in the file
    for row, fields in records:
        if not fields:  # a blank line
            continue
        if len(fields) != len(found):  # before frictionless, whose cost grows with their square
            raise UserFileError(
                f"{name}, row {row} has {len(fields):,} field{'s' * (len(fields) != 1)}; "
                f"expected {len(found)} ({', '.join(found)})"
            )
        cells = [field.strip(SPACES) or None for field in fields]
        if any(cell is not None for cell in cells):  # a line of commas only: blank too
            rows.append(cells)
            rows_at.append(row)
    if not rows:
        raise UserFileError(f"{name} has its header but no rows (expected columns: {expected})")
    schema = {**schema, "fields": [_without(f, OPTIONAL) for f in schema["fields"]]}
    import frictionless

    resource = frictionless.Resource(
        data=[found, *rows], schema=frictionless.Schema.from_descriptor(schema)
    )
    try:
        table = typed_frame(found, rows, schema, resource.validate(), name, rows_at)
    except DataError as exc:
        raise UserFileError(str(exc)) from None
    _check_plausible(name, table, rows, found, schema, rows_at)
    return table


SPACES = " \t"  # around a name or a value, forgiven
# Characters refused anywhere in a user's file: control characters but the tab and line
# ends (ESC, BEL, NUL...), which a page or a terminal would act on or hide; bidirectional
# controls, which reorder the text around them; a byte-order mark inside the text; and the
# line and paragraph separators, line ends to some readers and not to a CSV reader.
UNSHOWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufeff]"
)
LINE_END = re.compile(r"\r\n|\r|\n")


def _check_characters(name: str, text: str) -> None:
    """No character of UNSHOWN in `text`; the message names its line, the character escaped."""
    found = UNSHOWN.search(text)
    if found:
        line = len(LINE_END.findall(text, 0, found.start())) + 1
        raise UserFileError(
            f"{name}, line {line}: a control character ({escaped(found.group())}) that a "
            "page would not show as text; remove it"
        )


def _records(name: str, text: str):
    """(row, fields) for each record of `text` as a CSV file: the header is row 1, and a
    record over several lines (a quoted line break) is one row. Spaces before a field's
    opening quotation mark are skipped; a field that opens one must end at its closing one."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, skipinitialspace=True)
    row = ended = 0  # ended: the last line of the last whole record
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise UserFileError(
                    f'{name}, line {ended + 1}: a field opens a quotation mark (") that is '
                    "never closed; close it, or leave the field unquoted"
                ) from None
            if "expected after" in str(exc):
                raise UserFileError(
                    f"{name}, line {reader.line_num}: text after the closing quotation mark "
                    'of a field; put it inside the quotation marks (doubled: "" for one), '
                    "or leave the field unquoted"
                ) from None
            if "field limit" in str(exc):
                raise UserFileError(
                    f"{name}, line {reader.line_num}: a field longer than "
                    f"{csv.field_size_limit():,} characters"
                ) from None
            raise UserFileError(
                f"{name}, line {reader.line_num}: not CSV ({printable(exc, 80)})"
            ) from None
        row += 1
        ended = reader.line_num
        yield row, fields


def _without(field: dict, key: str) -> dict:
    return {k: v for k, v in field.items() if k != key}


def _check_plausible(
    name: str, table: pd.DataFrame, rows: list, header: list, schema: dict, rows_at: list
) -> None:
    """Each number within its PLAUSIBLE range; each unit the one its series has. A number
    refused is quoted as the file writes it (`1e4`, not 10000.0)."""
    numbers = [field["name"] for field in schema["fields"] if field["type"] == "number"]
    for record, cells, row in zip(table.to_dict("records"), rows, rows_at, strict=True):
        written = dict(zip(header, cells, strict=True))
        series = record.get("series")
        for field in numbers:
            if written[field] is None:  # an optional number left empty
                continue
            value = float(record[field])  # finite: the grammar refuses nan and inf
            rule = PLAUSIBLE.get(series if series is not None else field)
            of = f" (series {series})" if series is not None else ""
            if rule is None:
                continue
            if not rule.admits(value):
                raise UserFileError(
                    f"{name}, row {row}, field {field!r}: {written[field]}{of}; "
                    f"allowed: {rule.words}"
                )
            if rule.unit is not None and record.get("unit") != rule.unit:
                raise UserFileError(
                    f"{name}, row {row}, field 'unit': {quoted(record.get('unit'))}{of}; "
                    f"allowed: {rule.unit!r}"
                )


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserFileError(f"{name} is UTF-16 text; save it as UTF-8 (CSV UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserFileError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02X} at position "
            f"{exc.start}); save it as UTF-8 (CSV UTF-8)"
        ) from None


# The shape of a user's exchange-rate file (parameter fx_rates); its range: PLAUSIBLE.
RATES_SCHEMA = {
    "fields": [
        {
            "name": "year",
            "type": "integer",
            "constraints": {"required": True, "minimum": 1990, "maximum": 2100},
        },
        {"name": "pen_per_usd", "type": "number", "constraints": {"required": True}},
    ],
    "primaryKey": ["year"],
}
