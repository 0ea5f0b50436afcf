"""Load the report's tables from `data/`, validated against the data contract."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONTRACT = "datapackage.json"

# Table Schema types -> pandas dtypes (nullable, since the report prints dashes).
_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


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


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Validate one table against its contract and return it with typed columns."""
    from frictionless import Resource  # imported here: only loading needs it

    data_dir = Path(data_dir)
    descriptor = resource(name, data_dir)
    path = data_dir / descriptor["path"]
    if not path.is_file():
        raise DataError(f"{path}: file not found (table {name!r})")
    report = Resource(descriptor, basepath=str(data_dir)).validate()
    if not report.valid:
        raise DataError(_describe_errors(path, report))
    fields = descriptor["schema"]["fields"]
    table = pd.read_csv(
        path,
        dtype={f["name"]: _DTYPES[f["type"]] for f in fields},
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    return table[[f["name"] for f in fields]]


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
    return f"{', '.join(where)}: {first.message}{more}"
