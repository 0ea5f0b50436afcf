"""The book's parameters: declared once here, followed by the CLI and every notebook.

An *edition* is one set of parameter values. The reference edition uses the
defaults; any other edition is a variant and is built into its own folder.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

# The evaluation covers 2019-2023 (report, preface); no table goes beyond it.
FIRST_YEAR = 2019
LAST_YEAR = 2023

# Parameters that name either a built-in set or a user's CSV file.
FX_RATE_SETS = ("footnote", "implied")
DEFLATOR_SETS = ("reference",)
FILE_PARAMETERS = {"fx_rates": FX_RATE_SETS, "deflators": DEFLATOR_SETS}


class ParameterError(ValueError):
    """A parameter value the book cannot use; the message names it and what is allowed."""


class Edition(BaseModel):
    """The parameters of one edition of the book."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: Literal["USD", "PEN"] = Field(
        "USD", description="currency of amounts: USD (US dollars) or PEN (soles), as printed"
    )
    start_year: int = Field(FIRST_YEAR, ge=FIRST_YEAR, le=LAST_YEAR, description="first year shown")
    end_year: int = Field(LAST_YEAR, ge=FIRST_YEAR, le=LAST_YEAR, description="last year shown")
    price_basis: Literal["nominal", "real"] = Field(
        "nominal",
        description="nominal: amounts as printed; real: at the prices of base_year (CPI of the "
        "currency's country)",
    )
    base_year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="year set to 100 in indices, and whose prices real amounts are in",
        json_schema_extra={"allowed": "a year from start_year to end_year; default: start_year"},
    )
    fx_rates: str = Field(
        "footnote",
        description="soles per dollar for converting the observatory's budget: footnote (rates "
        "printed under its table), implied (soles / dollars of the DEVIDA table) or a CSV file",
        json_schema_extra={"allowed": "'footnote', 'implied' or a CSV file with columns year, "
                           "pen_per_usd"},
    )  # fmt: skip
    deflators: str = Field(
        "reference",
        description="price indices for real terms: reference (data/deflators.csv) or a CSV file "
        "with its columns",
        json_schema_extra={"allowed": "'reference' or a CSV file with the columns of "
                           "data/deflators.csv"},
    )  # fmt: skip
    opd_grouping: Literal["category", "source"] = Field(
        "category",
        description="lines of the observatory's budget: by expense category, or DEVIDA's own "
        "spending against the transfer lines",
    )

    lang: Literal["en", "es"] = Field(
        "en",
        description="language of figure titles, labels, captions and source lines: en (English) "
        "or es (Spanish)",
    )

    @field_validator("fx_rates", "deflators")
    @classmethod
    def _set_or_file(cls, value: str, info) -> str:
        if value in FILE_PARAMETERS[info.field_name]:
            return value
        path = Path(value).expanduser().resolve()
        if not path.is_file():
            raise ValueError(f"no such file {value!r}")
        return str(path)

    @model_validator(mode="after")
    def _consistent(self) -> Edition:
        if self.start_year >= self.end_year:
            raise ValueError(
                f"start_year ({self.start_year}) must be before end_year ({self.end_year})"
            )
        if not self.start_year <= self.base <= self.end_year:
            raise ValueError(
                f"base_year ({self.base}) must be between start_year ({self.start_year}) "
                f"and end_year ({self.end_year})"
            )
        # Files are read now, so that a bad one stops the build before anything is written.
        from analysis.exchange import rate_set
        from analysis.prices import price_index

        rate_set(self)
        if self.price_basis == "real":
            price_index(self)
        return self

    @property
    def base(self) -> int:
        """The base year in force: base_year, or start_year when it is not set."""
        return self.start_year if self.base_year is None else self.base_year

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def input_files(self) -> list[Path]:
        """The user files this edition reads."""
        return [Path(getattr(self, name)) for name in FILE_PARAMETERS
                if getattr(self, name) not in FILE_PARAMETERS[name]]  # fmt: skip

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Edition:
        """Validate raw values (strings from the command line, or YAML scalars)."""
        unknown = sorted(set(values) - set(cls.model_fields))
        if unknown:
            raise ParameterError(
                f"unknown parameter {unknown[0]!r}; known parameters: {', '.join(cls.model_fields)}"
            )
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ParameterError(_one_line(exc)) from None

    def changed(self) -> dict[str, Any]:
        """The parameters that differ from the reference edition, in declaration order."""
        reference = reference_edition()
        return {
            name: getattr(self, name)
            for name in type(self).model_fields
            if getattr(self, name) != getattr(reference, name)
        }

    @property
    def is_reference(self) -> bool:
        return not self.changed()

    def _short(self, name: str, value: Any) -> str:
        """A parameter value as it appears in names: a file by its stem and content hash."""
        if name in FILE_PARAMETERS and value not in FILE_PARAMETERS[name]:
            path = Path(value)
            return f"{path.stem}-{hashlib.sha256(path.read_bytes()).hexdigest()[:8]}"
        return str(value)

    @property
    def slug(self) -> str:
        """Folder name of a variant edition, derived from its non-default parameters."""
        parts = [f"{name}-{self._short(name, value)}" for name, value in self.changed().items()]
        return "_".join(parts) or "reference"

    @property
    def label(self) -> str:
        """Human-readable stamp, empty for the reference edition."""
        return ", ".join(
            f"{name}={self._short(name, value)}" for name, value in self.changed().items()
        )


@functools.cache
def reference_edition() -> Edition:
    """The edition with every parameter at its default."""
    return Edition()


def _one_line(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    name = ".".join(str(part) for part in error["loc"]) or "parameters"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "value_error" and not error["loc"]:  # cross-field: names its fields
        return message
    if error["type"] == "literal_error":  # pydantic's text would repeat the allowed list
        message = "not an allowed value"
    allowed = describe(name) if name in Edition.model_fields else ""
    got = "" if error["type"] == "value_error" else f" (got {error['input']!r})"
    return f"parameter {name!r}: {message}{got}; allowed: {allowed}"


def describe(name: str) -> str:
    """The allowed values of one parameter, in words."""
    field = Edition.model_fields[name]
    if isinstance(field.json_schema_extra, dict) and "allowed" in field.json_schema_extra:
        return field.json_schema_extra["allowed"]
    annotation = field.annotation
    if get_origin(annotation) is Literal:
        return " or ".join(repr(value) for value in get_args(annotation))
    bounds = {
        bound: getattr(rule, bound)
        for rule in field.metadata
        for bound in ("ge", "le")
        if hasattr(rule, bound)
    }
    if "ge" in bounds and "le" in bounds:
        return f"an integer from {bounds['ge']} to {bounds['le']}"
    return annotation.__name__


def help_text() -> str:
    """One line per parameter: name, allowed values, default, help."""
    lines = []
    for name, field in Edition.model_fields.items():
        lines.append(
            f"  {name:<12} {describe(name)}; default {field.default!r}. {field.description}"
        )
    return "\n".join(lines)


def edition_from_namespace(namespace: dict[str, Any]) -> Edition:
    """The edition named by a notebook's parameter variables (its `globals()`)."""
    return Edition.from_values(
        {name: namespace[name] for name in Edition.model_fields if name in namespace}
    )
