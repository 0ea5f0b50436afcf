"""The one grammar of a number that a person writes: in data/, in a user's CSV file, in a
`--set` or `--params` value.

A number is an optional sign, digits with at most one decimal point, and an optional
exponent: `3`, `-0.5`, `.25`, `2.`, `1e3`, `2.5E-1`. An integer is an optional sign and
digits. Spaces around it are ignored (a CSV written `2020, 3.6`). Nothing else is a
number: not an underscore (Python reads `3_5` as 35), a thousands or a locale separator
(`1,000`, `3,5`), a word (`nan`, `inf`, `true`), a boolean of YAML, the digits of another
script (`٣`, `３`) or a hexadecimal (`0x10`). A number too large to be finite is refused too,
and so is one so close to 0 that a float would make it 0 (`1e-400`).
"""

from __future__ import annotations

import math
import re

from analysis.core.text import quoted

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
# Digits an integer may have: far beyond any year or count, far below the 4300 digits at
# which Python's int() refuses to read a string.
MAX_DIGITS = 30
SHOWN = 40  # characters of a value quoted in a message
# What the grammar allows, in words, by Table Schema type.
GRAMMAR = {
    "number": "a number: digits with at most one decimal point, an optional sign and "
    "exponent (e.g. 0.25, -3, 2.5e-1)",
    "integer": "an integer: digits with an optional sign (e.g. 2020)",
}


class NotANumber(ValueError):
    """A value that does not follow the grammar; the message says what it is instead."""


def parse_number(value: object) -> float:
    """`value` as a finite float: a str in the grammar, or an int or float (never a bool)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise NotANumber(f"{_shown(value)} is not a number{_kind(value)}")
    if isinstance(value, str):
        text = value.strip(" ")
        if not NUMBER.fullmatch(text):
            raise NotANumber(f"{_shown(value)} is not a number{_why(text)}")
        number = float(text)
        digits = re.split("[eE]", text)[0]
        if number == 0 and any(digit in digits for digit in "123456789"):  # 1e-400
            raise NotANumber(
                f"{_shown(value)} is too close to 0 for this machine: it would be read as 0"
            )
    else:
        number = float(value)
    if not math.isfinite(number):
        raise NotANumber(f"{_shown(value)} is not a finite number")
    return number + 0.0  # -0.0 is 0.0


def parse_integer(value: object) -> int:
    """`value` as an int: a str of digits with an optional sign, or an int (never a bool)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise NotANumber(f"{_shown(value)} is not an integer{_kind(value)}")
    if isinstance(value, int):
        return value
    text = value.strip(" ")
    if not INTEGER.fullmatch(text):
        reason = " (it has a decimal point or an exponent)" if NUMBER.fullmatch(text) else ""
        raise NotANumber(f"{_shown(value)} is not an integer{reason or _why(text)}")
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise NotANumber(f"{_shown(value)} is too large ({len(digits)} digits)")
    return int(text)


def _kind(value: object) -> str:
    return " (a boolean is not a number)" if isinstance(value, bool) else ""


def _why(text: str) -> str:
    """What a value that is not in the grammar holds instead, in a few words."""
    if text.lower().lstrip("+-") in {"true", "false", "yes", "no", "on", "off"}:
        return " (a boolean is not a number)"
    if "_" in text:
        return " (no underscores between digits)"
    if "," in text or " " in text:
        return " (no thousands separators or decimal commas: write 1000.5)"
    return ""


def _shown(value: object) -> str:
    """A value quoted for a message, escaped and cut (see core.text.quoted)."""
    return quoted(value, SHOWN)
