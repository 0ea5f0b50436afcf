"""The book's parameters: declared once here, followed by the CLI and every notebook.

An *edition* is one set of parameter values. The reference edition uses the
defaults; any other edition is a variant and is built into its own folder. Each
notebook template declares, in its parameters cell, the parameters it reads.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from analysis.contract.userfiles import (
    PLAUSIBLE,
    RATES_SCHEMA,
    UserFileError,
    digest,
    read_user_table,
)
from analysis.core.grammar import parse_integer, parse_number
from analysis.core.paths import LOCALES
from analysis.core.text import quoted, short_path

# The evaluation covers 2019-2023 (report, preface); no table goes beyond it.
FIRST_YEAR = 2019
LAST_YEAR = 2023

# Parameters that name either a built-in set or a user's CSV file.
FX_RATE_SETS = ("footnote", "implied")
DEFLATOR_SETS = ("reference",)
CODING_SETS = ("book",)
FILE_PARAMETERS = {"fx_rates": FX_RATE_SETS, "deflators": DEFLATOR_SETS, "codings": CODING_SETS}
DEFLATOR_SERIES = {"USD": "us_cpi_u_annual_average", "PEN": "pe_cpi_lima_dec_dec_inflation"}
MAX_SLUG = 120  # characters of an edition's folder name (file systems allow 255 bytes)


# Numbers follow one grammar wherever they come from (core/grammar.py): a `--set` string,
# a YAML scalar (read as text), a notebook's int or float; never a bool, '1_000' or 'nan'.
Integer = Annotated[int, BeforeValidator(parse_integer)]
Number = Annotated[float, BeforeValidator(parse_number)]


class ParameterError(ValueError):
    """A parameter value the book cannot use; the message names it and what is allowed."""


def languages() -> tuple[str, ...]:
    """English, and every language with a translation catalog in locales/."""
    return ("en", *translated_languages())


def translated_languages() -> tuple[str, ...]:
    """The languages the book is translated into: those with a catalog in locales/."""
    return tuple(sorted(path.parent.parent.name for path in LOCALES.glob("*/LC_MESSAGES/book.po")))


class Edition(BaseModel):
    """The parameters of one edition of the book."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: Literal["USD", "PEN"] = Field(
        "USD", description="currency of amounts: USD (US dollars) or PEN (soles), as printed"
    )
    start_year: Integer = Field(
        FIRST_YEAR, ge=FIRST_YEAR, le=LAST_YEAR, description="first year shown"
    )
    end_year: Integer = Field(LAST_YEAR, ge=FIRST_YEAR, le=LAST_YEAR, description="last year shown")
    price_basis: Literal["nominal", "real"] = Field(
        "nominal",
        description="nominal: amounts as printed; real: at the prices of base_year (CPI of the "
        "currency's country)",
    )
    base_year: Integer | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="the year whose prices real amounts are in (price_basis=real only; "
        "indices set the first year shown to 100)",
        json_schema_extra={
            "allowed": "with price_basis=real only, a year from start_year to end_year",
            "default": "start_year",
        },
    )
    fx_rates: str = Field(
        "footnote",
        description="soles per dollar for converting the observatory's budget: footnote (rates "
        "printed under its table), implied (soles / dollars of the DEVIDA table) or a CSV file "
        f"(rates: {PLAUSIBLE['pen_per_usd'].words})",
        json_schema_extra={
            "allowed": "'footnote', 'implied' or a CSV file with columns year, pen_per_usd"
        },
    )
    deflators: str = Field(
        "reference",
        description="price indices for real terms: reference (data/deflators.csv) or a CSV file "
        f"with its columns (US CPI: {PLAUSIBLE['us_cpi_u_annual_average'].words}; Lima CPI: "
        f"{PLAUSIBLE['pe_cpi_lima_dec_dec_inflation'].words})",
        json_schema_extra={
            "allowed": "'reference' or a CSV file with the columns of data/deflators.csv"
        },
    )
    opd_grouping: Literal["category", "source"] = Field(
        "category",
        description="lines of the observatory's budget: by expense category, or DEVIDA's own "
        "spending against the transfer lines",
    )
    partial_weight: Number = Field(
        0.5,
        ge=0,
        le=1,
        description="what a 'partially met' priority action counts for in the coverage score "
        "(met counts 1, not met 0)",
        json_schema_extra={"allowed": "a number from 0 to 1"},
    )
    codings: str = Field(
        "book",
        description="the status of each priority action: book (this book's coding, from its "
        "findings) or a CSV file with columns action, status and, optionally, reason, coding "
        "any of the 52 actions (action: an id such as IS-2.3; status: met, partially met, not "
        "met or no information); the others keep this book's coding",
        json_schema_extra={"allowed": "'book' or a CSV file with columns action, status[, reason]"},
    )
    evaluation_year: Integer = Field(
        LAST_YEAR,
        ge=LAST_YEAR,
        le=2040,
        description="the year against which the age of the evidence is measured",
    )
    max_age: Integer = Field(
        3,
        ge=0,
        le=20,
        description="evidence whose latest year is more than this many years before "
        "evaluation_year is flagged as dated",
    )
    lang: str = Field(
        "en",
        description="language of the whole book: en (English) or es (Spanish)",
        json_schema_extra={"allowed": "a language with a catalog in locales/: 'en' or 'es'"},
    )

    @field_validator("fx_rates", "deflators", "codings")
    @classmethod
    def _set_or_file(cls, value: str, info) -> str:
        if value in FILE_PARAMETERS[info.field_name]:
            return value
        if not value.strip():  # as a path, '' would be the folder the build runs from
            raise ValueError("no value (a set's name or a CSV file)")
        if "\0" in value:  # from a YAML file: no file system takes it
            raise ValueError(f"no such file {_shown(value)} (a name cannot hold a NUL)")
        path = os.path.realpath(os.path.expanduser(value))  # a loop or a long name: no error
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise ValueError(f"no such file {_shown(value)}") from None
        except OSError as exc:  # a name longer than the file system allows, for one
            raise ValueError(f"cannot use the path {_shown(value)} ({exc.strerror})") from None
        try:  # read once: every later use of the file in this process sees these bytes
            read_user_table(path, user_schema(info.field_name))
        except UserFileError as exc:
            raise ValueError(str(exc)) from None
        return path

    @field_validator("base_year")
    @classmethod
    def _base_in_force(cls, value: int | None, info) -> int | None:
        if value is not None and info.data.get("price_basis") == "nominal":
            # Whatever the year: nominal amounts are at no year's prices.
            raise ValueError(
                f"base_year ({value}) applies only with price_basis=real: nominal amounts are "
                "as printed, at no year's prices"
            )
        # base_year equal to start_year is the default in force: the same edition, one name.
        return None if value is not None and value == info.data.get("start_year") else value

    @field_validator("partial_weight")
    @classmethod
    def _no_negative_zero(cls, value: float) -> float:
        return value + 0.0  # -0.0 becomes 0.0: one edition, not a "-0" one

    @field_validator("lang")
    @classmethod
    def _has_catalog(cls, value: str) -> str:
        if value not in languages():
            raise ValueError(f"no translation catalog for {_shown(value)} in locales/")
        return value

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
        # A user's file must cover the years this edition needs, before anything runs.
        if self.fx_rates not in FX_RATE_SETS:
            rates = read_user_table(self.fx_rates, user_schema("fx_rates"))
            needed = [year for year in opd_years() if year in self.years]
            missing = [year for year in needed if year not in set(rates["year"])]
            if missing:
                raise ValueError(
                    f"parameter 'fx_rates': {short_path(self.fx_rates)} has no rate for "
                    f"{', '.join(map(str, missing))} (needed: {', '.join(map(str, needed))})"
                )
        if self.price_basis == "real" and self.deflators not in DEFLATOR_SETS:
            # Every series, whatever the currency: the DEVIDA chapter shows both currencies.
            table = read_user_table(self.deflators, user_schema("deflators"))
            name = short_path(self.deflators)
            every = " and ".join(DEFLATOR_SERIES.values())
            for series in DEFLATOR_SERIES.values():
                have = set(table.loc[table["series"] == series, "year"])
                missing = [year for year in self.years if year not in have]
                if missing:
                    raise ValueError(
                        f"parameter 'deflators': {name} has no {series} value for "
                        f"{', '.join(map(str, missing))} (needed: {every}, "
                        f"{self.start_year} to {self.end_year})"
                    )
        return self

    @property
    def base(self) -> int:
        """The base year in force: base_year, or start_year when it is not set."""
        return self.start_year if self.base_year is None else self.base_year

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def input_files(self) -> dict[str, Path]:
        """The user files this edition reads, by parameter."""
        return {
            name: Path(getattr(self, name))
            for name in FILE_PARAMETERS
            if getattr(self, name) not in FILE_PARAMETERS[name]
        }

    def identity(self) -> dict[str, Any]:
        """The parameters, a user's file named by its stem and content hash, not its path."""
        files = self.input_files()
        return {
            name: self._short(name, value) if name in files else value
            for name, value in self.model_dump().items()
        }

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Edition:
        """Validate raw values (strings from the command line, or YAML scalars)."""
        unknown = sorted(set(map(str, values)) - set(cls.model_fields))
        if unknown:
            close = difflib.get_close_matches(unknown[0], cls.model_fields, n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ParameterError(
                f"unknown parameter {_shown(unknown[0])}{hint}; known parameters: "
                f"{', '.join(cls.model_fields)}"
            )
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ParameterError(_one_line(exc, values)) from None

    def changed(self) -> dict[str, Any]:
        """The parameters that differ from the reference edition, in declaration order."""
        reference = reference_edition()
        return {
            name: getattr(self, name)
            for name in type(self).model_fields
            if getattr(self, name) != getattr(reference, name)
        }

    def restricted(self, names) -> Edition:
        """This edition as seen by a notebook that reads only `names` (others at default)."""
        values = {name: getattr(self, name) for name in names}
        return type(self).model_validate(values)

    @property
    def is_reference(self) -> bool:
        return not self.changed()

    def _short(self, name: str, value: Any) -> str:
        """A parameter value as it appears in names: a file by its stem and content hash."""
        if name in FILE_PARAMETERS and value not in FILE_PARAMETERS[name]:
            return f"{file_stem(value)}-{digest(value)[:8]}"
        return str(value)

    @property
    def slug(self) -> str:
        """Folder name of a variant edition, derived from its non-default parameters.

        Cut to MAX_SLUG characters, with a hash of the whole, when many parameters or long
        file names would make it longer than a file system allows.
        """
        parts = [f"{name}-{self._short(name, value)}" for name, value in self.changed().items()]
        slug = "_".join(parts) or "reference"
        if len(slug) <= MAX_SLUG:
            return slug
        return slug[: MAX_SLUG - 13] + "-" + hashlib.sha256(slug.encode()).hexdigest()[:12]

    @property
    def label(self) -> str:
        """Human-readable stamp, empty for the reference edition."""
        return ", ".join(
            f"{name}={self._short(name, value)}" for name, value in self.changed().items()
        )


def site_home(edition: Edition) -> str:
    """Where an edition's HTML stands: under `_build/`, on the published site, and in each
    release of its archive (`v/<version>/`)."""
    return "html" if edition.is_reference else f"editions/{edition.slug}/html"


@functools.cache
def reference_edition() -> Edition:
    """The edition with every parameter at its default."""
    return Edition()


@functools.cache
def opd_years() -> tuple[int, ...]:
    """The years of the observatory's budget table (the years a rate set must cover)."""
    from analysis.contract.load import load_table

    return tuple(sorted(set(load_table("opd-budget")["year"].astype(int))))


def user_schema(name: str) -> dict:
    """The Table Schema a user's file for parameter `name` must follow."""
    from analysis.contract.load import resource

    if name == "codings":
        return codings_schema()
    return RATES_SCHEMA if name == "fx_rates" else resource("deflators")["schema"]


@functools.cache
def codings_schema() -> dict:
    """The shape of a reader's codings file: each row an action of the register and a status
    (the statuses the contract allows for a coding), with an optional reason."""
    from analysis.contract.load import load_table, resource
    from analysis.contract.userfiles import OPTIONAL

    statuses = next(
        field["constraints"]["enum"]
        for field in resource("coding-alternatives")["schema"]["fields"]
        if field["name"] == "status"
    )
    return {
        "fields": [
            {
                "name": "action",
                "type": "string",
                "constraints": {
                    "required": True,
                    "enum": load_table("priority-actions")["id"].tolist(),
                },
            },
            {
                "name": "status",
                "type": "string",
                "constraints": {"required": True, "enum": statuses},
            },
            {"name": "reason", "type": "string", "constraints": {"maxLength": 500}, OPTIONAL: True},
        ],
        "primaryKey": ["action"],
    }


def file_stem(path: str | Path) -> str:
    """A user's file name without its suffix, in letters, digits and -_. only (40 at most)."""
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in Path(path).stem
    )
    return safe.lstrip(".")[:40] or "file"


def _shown(value: Any) -> str:
    """A user's value quoted for a message, escaped and cut to a readable length."""
    return quoted(value)


def _one_line(exc: ValidationError, values: dict[str, Any] | None = None) -> str:
    """The first error in one line. A value is quoted as given (`values`): pydantic would
    quote what the grammar made of it (`1e3` as 1000.0)."""
    error = exc.errors(include_url=False)[0]
    name = ".".join(str(part) for part in error["loc"]) or "parameters"
    given = (values or {}).get(name, error["input"])
    message = " ".join(error["msg"].removeprefix("Value error, ").split())
    if error["type"] == "value_error" and not error["loc"]:  # cross-field: names its fields
        return message
    if error["type"] == "literal_error":  # pydantic's text would repeat the allowed list
        message = "not an allowed value"
    got = "" if error["type"] == "value_error" else f" (got {_shown(given)})"
    if "; allowed: " in message:  # a value inside a user's file, and what it may be
        return f"parameter {name!r}: {message}"
    allowed = describe(name) if name in Edition.model_fields else ""
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


def default_text(name: str) -> str:
    """The default of one parameter, as `--help` says it."""
    field = Edition.model_fields[name]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return extra.get("default", repr(field.default))


def help_text() -> str:
    """One line per parameter: name, allowed values, default, help."""
    return "\n".join(
        f"  {name:<15} {describe(name)}; default {default_text(name)}. {field.description}"
        for name, field in Edition.model_fields.items()
    )


def edition_from_namespace(namespace: dict[str, Any]) -> Edition:
    """The edition named by a notebook's parameter variables (its `globals()`)."""
    return Edition.from_values(
        {name: namespace[name] for name in Edition.model_fields if name in namespace}
    )
