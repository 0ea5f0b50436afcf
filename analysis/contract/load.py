"""Load the report's tables from `data/`, validated against the data contract.

A file is validated once per content: the build checks the whole package before any
notebook runs, and the notebooks (forked from the build) find the files already checked.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where tables are read: checking a file's name is quick
    import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CONTRACT = "datapackage.json"

# Content hashes of files that passed validation in this process (or the one it forked from).
_VALID: set[str] = set()


class DataError(ValueError):
    """A data file that breaks its contract; the message names file, row and field."""


def contract(data_dir: Path = DATA_DIR) -> dict:
    """The data package descriptor (`datapackage.json`) as a dict."""
    path = Path(data_dir) / CONTRACT
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the data contract: {exc}") from None


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The contract entry of one table."""
    resources = {r["name"]: r for r in contract(data_dir)["resources"]}
    if name not in resources:
        raise DataError(f"no table {name!r} in the data contract; tables: {', '.join(resources)}")
    return resources[name]


def _fingerprint(*paths: Path) -> str:
    """The content of `paths` and of the rules that check them (this module)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
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
                raise DataError(_describe_errors(path, report)) from None
            _VALID.add(key)
    table = _typed_table(path, descriptor["schema"])
    check_complete(table, descriptor, path)
    return table


def validate_package(data_dir: Path = DATA_DIR) -> None:
    """Check every table, the keys between tables and completeness against the contract."""
    from frictionless import Package

    data_dir = Path(data_dir)
    descriptor = contract(data_dir)  # a readable descriptor first, for a plain message
    paths = [data_dir / CONTRACT] + [data_dir / r["path"] for r in descriptor["resources"]]
    missing = [path for path in paths[1:] if not path.is_file()]
    if missing:
        raise DataError(f"{missing[0]}: file not found (listed in {CONTRACT})")
    if _known_valid(_fingerprint(*paths), data_dir):
        return
    report = Package(str(data_dir / CONTRACT)).validate()
    if not report.valid:
        failed = [task for task in report.tasks if not task.valid]
        path = data_dir / failed[0].place if failed else data_dir / CONTRACT
        raise DataError(_describe_errors(path, report))
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
    fields = schema["fields"]
    import pandas as pd

    return pd.DataFrame({field["name"]: _typed(text[field["name"]], field) for field in fields})


def typed_frame(path: Path, schema: dict, report) -> pd.DataFrame:
    """A validated file as a typed frame (for files outside the package: a user's CSV)."""
    if not report.valid:
        raise DataError(_describe_errors(path, report))
    return _typed_table(path, schema)


def _typed(column: pd.Series, field: dict) -> pd.Series:
    """Convert one validated text column to the pandas type its contract gives."""
    import pandas as pd

    kind = field["type"]
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "boolean":
        values = {v: True for v in field.get("trueValues", ["true"])}
        values.update({v: False for v in field.get("falseValues", ["false"])})
        return column.map(values, na_action="ignore").astype("boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    return column.astype("string")


def _describe_errors(path: Path, report) -> str:
    errors = [error for task in report.tasks for error in task.errors] + list(report.errors)
    first = errors[0]
    where = [str(path)]
    row = getattr(first, "row_number", None)
    if row is not None:
        where.append(f"row {row}")
    field = getattr(first, "field_name", None)
    if field:
        where.append(f"field {field!r}")
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    message = " ".join(first.message.split())
    return f"{', '.join(where)}: {message}{more}"
