"""Load the report's tables from `data/`, validated against the data contract."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONTRACT = "datapackage.json"


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
    from frictionless import Package  # imported here: only loading needs it

    data_dir = Path(data_dir)
    descriptor = resource(name, data_dir)
    path = data_dir / descriptor["path"]
    if not path.is_file():
        raise DataError(f"{path}: file not found (table {name!r})")
    # Validated inside its package, so that keys into other tables can be checked.
    report = Package(str(data_dir / CONTRACT)).get_resource(name).validate()
    return _typed_table(path, descriptor["schema"], report)


def load_file(path: Path, schema: dict) -> pd.DataFrame:
    """Validate a user's CSV file against a Table Schema and return it typed."""
    from frictionless import Resource, Schema

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(schema)
    )
    report = resource.validate()
    return _typed_table(path, schema, report)


def _typed_table(path: Path, schema: dict, report) -> pd.DataFrame:
    if not report.valid:
        raise DataError(_describe_errors(path, report))
    fields = schema["fields"]
    text = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return pd.DataFrame({field["name"]: _typed(text[field["name"]], field) for field in fields})


def validate_package(data_dir: Path = DATA_DIR) -> None:
    """Check every table, and the keys between tables, against the contract."""
    from frictionless import Package

    data_dir = Path(data_dir)
    contract(data_dir)  # a readable descriptor first, for a plain message
    report = Package(str(data_dir / CONTRACT)).validate()
    if not report.valid:
        failed = [task for task in report.tasks if not task.valid]
        path = data_dir / failed[0].place if failed else data_dir / CONTRACT
        raise DataError(_describe_errors(path, report))


def _typed(column: pd.Series, field: dict) -> pd.Series:
    """Convert one validated text column to the pandas type its contract gives."""
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
    return f"{', '.join(where)}: {first.message}{more}"
