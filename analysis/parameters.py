"""The book's parameters: declared once here, followed by the CLI and every notebook.

An *edition* is one set of parameter values. The reference edition uses the
defaults; any other edition is a variant and is built into its own folder.
"""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

# The evaluation covers 2019-2023 (report, preface); no table goes beyond it.
FIRST_YEAR = 2019
LAST_YEAR = 2023

CURRENCY_NAMES = {"USD": "US dollars", "PEN": "Peruvian soles"}


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

    @model_validator(mode="after")
    def _years_in_order(self) -> Edition:
        if self.start_year >= self.end_year:
            raise ValueError(
                f"start_year ({self.start_year}) must be before end_year ({self.end_year})"
            )
        return self

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
        reference = Edition()
        return {
            name: getattr(self, name)
            for name in type(self).model_fields
            if getattr(self, name) != getattr(reference, name)
        }

    @property
    def is_reference(self) -> bool:
        return not self.changed()

    @property
    def slug(self) -> str:
        """Folder name of a variant edition, derived from its non-default parameters."""
        return "_".join(f"{name}-{value}" for name, value in self.changed().items()) or "reference"

    @property
    def label(self) -> str:
        """Human-readable stamp, empty for the reference edition."""
        return ", ".join(f"{name}={value}" for name, value in self.changed().items())


def _one_line(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    name = ".".join(str(part) for part in error["loc"]) or "parameters"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "value_error":  # cross-field rule: its message names the fields
        return message
    if error["type"] == "literal_error":  # pydantic's text would repeat the allowed list
        message = "not an allowed value"
    allowed = describe(name) if name in Edition.model_fields else ""
    return f"parameter {name!r}: {message} (got {error['input']!r}); allowed: {allowed}"


def describe(name: str) -> str:
    """The allowed values of one parameter, in words."""
    field = Edition.model_fields[name]
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
