"""Load the report's tables from `data/`, validated against the data contract.

A file is validated once per content: the build checks the whole package before any
notebook runs, and the notebooks (forked from the build) find the files already checked.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core import grammar
from analysis.core.grammar import GRAMMAR, NotANumber, parse_integer, parse_number
from analysis.core.paths import DATA_DIR

if TYPE_CHECKING:  # pandas is imported where tables are read: checking a file's name is quick
    import pandas as pd

CONTRACT = "datapackage.json"

# Content hashes of files that passed validation in this process (or the one it forked from).
_VALID: set[str] = set()


PARSERS = {"integer": parse_integer, "number": parse_number}


class DataError(Exception):
    """A data file that breaks its contract; the message names file, row and field.

    Not a ValueError: inside a parameter's validation (pydantic turns ValueErrors into bad
    parameters) a broken project stays a broken project.
    """


# Contents of `datapackage.json` whose shape was found sound by this process.
_SOUND: set[str] = set()


def contract(data_dir: Path = DATA_DIR) -> dict:
    """The data package descriptor (`datapackage.json`) as a dict, its shape checked."""
    path = Path(data_dir) / CONTRACT
    try:
        text = path.read_text(encoding="utf-8")
        descriptor = json.loads(text)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the data contract ({exc.strerror})") from None
    except RecursionError:
        raise DataError(f"{path}: not a data contract (nested too deeply)") from None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise DataError(f"{path}: not a data contract: {_cut(exc)}") from None
    key = hashlib.sha256(text.encode()).hexdigest()
    if key not in _SOUND:
        problem = _shape_problem(descriptor, Path(data_dir))
        if problem:
            raise DataError(f"{path}: {problem}")
        _SOUND.add(key)
    return descriptor


def _shape_problem(descriptor, data_dir: Path) -> str | None:
    """What makes `descriptor` unusable as this book's contract, or None.

    Frictionless checks the Data Package standard; this book needs more of each resource:
    a name, a path to a file inside data/, a schema of named fields, and a well-formed
    completeness rule when there is one.
    """
    if not isinstance(descriptor, dict):
        return "not a data contract (a JSON object with a list of resources)"
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return "not a data contract: no list of resources"
    inside = os.path.realpath(data_dir)
    for number, entry in enumerate(resources, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            return f"resource {number} has no name"
        where = f"resource {_cut(entry['name'], 60)!r}"
        path = entry.get("path")
        if not isinstance(path, str) or not path:
            return f"{where} has no path (a file in data/)"
        target = os.path.realpath(os.path.join(inside, path))
        if os.path.isabs(path) or os.path.commonpath([inside, target]) != inside:
            return f"{where}: its path {_cut(path, 60)!r} leads outside data/"
        fields = (
            entry.get("schema", {}).get("fields") if isinstance(entry.get("schema"), dict) else None
        )
        if not isinstance(fields, list) or not all(
            isinstance(field, dict) and isinstance(field.get("name"), str) for field in fields
        ):
            return f"{where} has no schema with a list of named fields"
        if not _sound_rule(entry.get("completeness"), [field["name"] for field in fields]):
            return f"{where}: its completeness rule names no fields' values"
    from frictionless import Package

    try:
        report = Package.validate_descriptor(descriptor)
    except RecursionError:
        return "not a data contract (nested too deeply)"
    if not report.valid:
        return f"not a valid data package: {_cut(report.errors[0].message)}"
    return None


def _sound_rule(rule, fields: list[str]) -> bool:
    """A completeness rule: {"values": {field: [values]}, "for_each": [fields]}, or none."""
    if rule is None:
        return True
    if not isinstance(rule, dict) or not isinstance(rule.get("values"), dict):
        return False
    groups = rule.get("for_each", [])
    return (
        isinstance(groups, list)
        and all(name in fields for name in groups)
        and all(name in fields and isinstance(v, list) for name, v in rule["values"].items())
    )


def _cut(text, limit: int = 200) -> str:
    """An exception's or a file's text, cut for a one-line message (whoever prints it
    escapes it: userfiles.printable)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The contract entry of one table."""
    resources = {r["name"]: r for r in contract(data_dir)["resources"]}
    if name not in resources:
        raise DataError(f"no table {name!r} in the data contract; tables: {', '.join(resources)}")
    return resources[name]


def _fingerprint(*paths: Path) -> str:
    """The content of `paths` and of the rules that check them (this module, the grammar)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(grammar.__file__).read_bytes())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_file(data_dir: Path) -> Path:
    """Fingerprints of files found valid, kept beside the build, for later processes."""
    return Path(data_dir).resolve().parent / "_build" / ".cache" / "valid-data.txt"


def _known_valid(key: str, data_dir: Path) -> bool:
    if key in _VALID:
        return True
    try:
        known = set(_cache_file(data_dir).read_text(encoding="utf-8").split())
    except OSError:
        return False
    _VALID.update(known)
    return key in known


def _remember_valid(data_dir: Path) -> None:
    """Add this process's findings to the file (atomically; a lost update costs a check)."""
    path = _cache_file(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        known = set(path.read_text(encoding="utf-8").split()) if path.is_file() else set()
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text("\n".join(sorted(known | _VALID)) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:  # a read-only checkout: the check is merely repeated next time
        pass


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Validate one table against its contract and return it with typed columns."""
    data_dir = Path(data_dir)
    descriptor = resource(name, data_dir)
    path = data_dir / descriptor["path"]
    if not path.is_file():
        raise DataError(f"{path}: file not found (table {name!r})")
    key = _fingerprint(data_dir / CONTRACT, path)
    if not _known_valid(key, data_dir):
        try:  # the whole package at once: faster than table by table, and keys are checked
            validate_package(data_dir)
        except DataError:  # the package breaks somewhere: does this table?
            from frictionless import Package

            report = Package(str(data_dir / CONTRACT)).get_resource(name).validate()
            if not report.valid:
                raise DataError(_describe_errors(path, report, descriptor["schema"])) from None
            _VALID.add(key)
    table = _typed_table(path, descriptor["schema"])
    check_complete(table, descriptor, path)
    return table


def validate_package(data_dir: Path = DATA_DIR) -> None:
    """Check every table, the keys between tables and completeness against the contract."""
    from frictionless import FrictionlessException, Package

    data_dir = Path(data_dir)
    descriptor = contract(data_dir)  # a readable descriptor first, for a plain message
    paths = [data_dir / CONTRACT] + [data_dir / r["path"] for r in descriptor["resources"]]
    missing = [path for path in paths[1:] if not path.is_file()]
    if missing:
        raise DataError(f"{missing[0]}: file not found (listed in {CONTRACT})")
    if _known_valid(_fingerprint(*paths), data_dir):
        return
    try:
        report = Package(str(data_dir / CONTRACT)).validate()
    except FrictionlessException as exc:
        raise DataError(f"{data_dir / CONTRACT}: {_cut(exc)}") from None
    if not report.valid:
        failed = [task for task in report.tasks if not task.valid]
        path = data_dir / failed[0].place if failed else data_dir / CONTRACT
        schemas = {entry["path"]: entry.get("schema") for entry in descriptor["resources"]}
        schema = schemas.get(failed[0].place) if failed else None
        raise DataError(_describe_errors(path, report, schema))
    for entry in descriptor["resources"]:
        path = data_dir / entry["path"]
        check_complete(_typed_table(path, entry["schema"]), entry, path)
        _VALID.add(_fingerprint(data_dir / CONTRACT, path))
    _VALID.add(_fingerprint(*paths))
    _remember_valid(data_dir)


def check_complete(table: pd.DataFrame, descriptor: dict, path: Path) -> None:
    """Every combination the contract's `completeness` rule lists must have a row.

    The rule names fields with the values each must take (`values`), optionally for each
    value found in other fields (`for_each`): a year x currency grid, or every policy
    stage for each actor.
    """
    rule = descriptor.get("completeness")
    if not rule:
        return
    listed = {name: list(values) for name, values in rule["values"].items()}
    groups = rule.get("for_each", [])
    observed = [sorted(set(table[name].dropna().tolist())) for name in groups]
    names = groups + list(listed)
    present = set(map(tuple, table[names].astype(object).itertuples(index=False, name=None)))
    for combination in itertools.product(*observed, *listed.values()):
        if combination not in present:
            pairs = zip(names, combination, strict=True)
            where = ", ".join(f"{name} {value!r}" for name, value in pairs)
            raise DataError(
                f"{path}: no row for {where}; the contract requires every combination of "
                f"{' x '.join(names)} (completeness rule in {CONTRACT})"
            )


@functools.cache
def _read_text_table(path: Path, size: int, mtime: int) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def _typed_table(path: Path, schema: dict) -> pd.DataFrame:
    stat = path.stat()
    text = _read_text_table(path, stat.st_size, stat.st_mtime_ns)
    return _typed_columns(text, schema, str(path))


def _typed_columns(
    text: pd.DataFrame, schema: dict, name: str, rows_at: list[int] | None = None
) -> pd.DataFrame:
    import pandas as pd

    columns = {}
    for field in schema["fields"]:
        if field["type"] in PARSERS and field["name"] in text:
            _check_numbers(text[field["name"]], field, name, rows_at)
        try:
            columns[field["name"]] = _typed(text[field["name"]], field)
        except (KeyError, ValueError, TypeError, OverflowError) as exc:
            raise DataError(
                f"{name}, field {field['name']!r}: cannot read its values as {field['type']} "
                f"({_cut(exc, 100)})"
            ) from None
    return pd.DataFrame(columns)


def _check_numbers(
    column: pd.Series, field: dict, name: str, rows_at: list[int] | None = None
) -> None:
    """Every value of a number or integer field in the one grammar (core/grammar.py),
    and finite: frictionless takes '3_5', 'nan', 'inf' and '1e999' for numbers."""
    parse = PARSERS[field["type"]]
    for position, value in enumerate(column):
        if isinstance(value, str):
            try:
                parse(value)
            except NotANumber as exc:
                # Rows are counted as frictionless counts them: the header is row 1.
                row = rows_at[position] if rows_at else position + 2
                raise DataError(
                    f"{name}, row {row}, field {field['name']!r}: {exc}; "
                    f"allowed: {GRAMMAR[field['type']]}"
                ) from None


def typed_frame(
    header: list[str], rows: list[list], schema: dict, report, name: str, rows_at: list[int]
) -> pd.DataFrame:
    """A validated table outside the package (a user's file, its rows as read: text, or
    None where empty) as a typed frame. `rows_at`: where each row stands in the file."""
    if not report.valid:
        raise DataError(_describe_errors(name, report, schema, rows_at))
    import pandas as pd

    text = pd.DataFrame(rows, columns=header, dtype=object)
    return _typed_columns(text, schema, name, rows_at)


def _typed(column: pd.Series, field: dict) -> pd.Series:
    """Convert one validated text column to the pandas type its contract gives."""
    import pandas as pd

    kind = field["type"]
    if kind in PARSERS:  # the values were checked: _check_numbers
        dtype = "Int64" if kind == "integer" else "Float64"
        return column.map(PARSERS[kind], na_action="ignore").astype(dtype)
    if kind == "boolean":
        values = {v: True for v in field.get("trueValues", ["true"])}
        values.update({v: False for v in field.get("falseValues", ["false"])})
        return column.map(values, na_action="ignore").astype("boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    return column.astype("string")


def _describe_errors(
    path: Path, report, schema: dict | None = None, rows_at: list[int] | None = None
) -> str:
    """The first error of a frictionless report in one line: file, row, field, what. With
    `rows_at`, a row is named where it stands in the file (frictionless numbers the rows it
    was given: 2 for the first after the header)."""
    errors = [error for task in report.tasks for error in task.errors] + list(report.errors)
    first = errors[0]
    where = [str(path)]
    row = getattr(first, "row_number", None)
    if row is not None:
        where.append(f"row {_row_in_file(row, rows_at)}")
    field = getattr(first, "field_name", None)
    key = (schema or {}).get("primaryKey")
    if getattr(first, "type", "") == "primary-key" and key:
        field = ", ".join(key) if isinstance(key, list) else key
    if field:
        where.append(f"field {field!r}")
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return f"{', '.join(where)}: {_cut(_plain(first, rows_at))}{more}"


def _row_in_file(row: int, rows_at: list[int] | None) -> int:
    return rows_at[row - 2] if rows_at and 2 <= row < len(rows_at) + 2 else row


def _plain(error, rows_at: list[int] | None = None) -> str:
    """What is wrong, in words, for the errors a reader's file most often has; frictionless'
    own message (which repeats the positions) for the others."""
    kind, cell = getattr(error, "type", ""), getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    if kind == "constraint-error" and note.startswith('constraint "enum"'):
        allowed = ast.literal_eval(note.split(" is ", 1)[1].strip('"'))
        if len(allowed) > 8:
            first, second, last = allowed[0], allowed[1], allowed[-1]
            listed = f"one of {len(allowed)} values: {first!r}, {second!r}, ..., {last!r}"
        else:
            listed = ", ".join(repr(value) for value in allowed)
        return f"{_cut(repr(cell), 60)} is not an allowed value; allowed: {listed}"
    if kind == "primary-key" and "row at position" in note:
        other = _row_in_file(int(note.rsplit(" ", 1)[-1]), rows_at)
        return f"the same value as row {other} (each value may appear once)"
    return error.message
