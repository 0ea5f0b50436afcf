"""The grid: the editions published online, declared once in `grid.txt`, and the ways
between them that the switcher on every page offers.

`grid.txt` holds one edition per line, NAME=VALUE settings joined by commas (the syntax of
the Pages workflow's `editions` field). The build (`python -m analysis site`), the Pages
workflow (.ci/assemble_site.py) and the tests read it here. A line that names an unknown
parameter or value is refused with the file and line, before anything is built.

The switcher has three axes: the currency, the prices (price_basis with its base_year) and
the language. From any edition, each value that the grid offers on an axis leads to the
grid edition that has that value and agrees with this edition on as many of the other axes
as it can: the same page, in the edition the reader asked for.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from analysis.contract.parameters import Edition, ParameterError
from analysis.contract.userfiles import UserFileError, read_limited
from analysis.core.text import printable, quoted

GRID_FILE = Path(__file__).resolve().with_name("grid.txt")
GRID_MAX_BYTES = 64 * 1024
# The switcher's axes, in the order it shows them: a name, and the parameters it sets.
AXES = {
    "currency": ("currency",),
    "prices": ("price_basis", "base_year"),
    "lang": ("lang",),
}
SWITCHED = {name for names in AXES.values() for name in names}


class GridError(ParameterError):
    """An edition list the site cannot be built from; the message names file and line."""


def parse_settings(text: str) -> dict[str, str]:
    """'currency=PEN,price_basis=real' -> {'currency': 'PEN', 'price_basis': 'real'}."""
    values: dict[str, str] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise ParameterError(f"{quoted(part)}: expected NAME=VALUE")
        if name in values:
            raise ParameterError(f"{quoted(name)} is given twice")
        values[name] = value
    return values


def edition_of(text: str) -> Edition:
    """The edition one line (or one word of the workflow's field) describes."""
    return Edition.from_values(parse_settings(text))


def read_grid(path: Path = GRID_FILE) -> tuple[Edition, ...]:
    """The editions `path` lists, in its order; a GridError naming the line of the first
    problem: an unknown parameter or value, an edition given twice, a parameter outside the
    switcher's axes, or no reference edition."""
    where = _shown_path(path)
    try:  # a regular file of at most 64 kB, read without blocking (as users' files are)
        data = read_limited(path, GRID_MAX_BYTES, where)
    except UserFileError as exc:
        raise GridError(f"cannot read the edition list: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GridError(f"{where}, line {line}: not UTF-8 text") from None
    lines = text.split("\n")  # lines as a reader counts them (not at \v, \f or U+2028)
    editions: dict[str, tuple[int, Edition]] = {}
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            edition = edition_of(text)
        except ParameterError as exc:
            raise GridError(f"{where}, line {number}: {exc}") from None
        outside = [name for name in edition.changed() if name not in SWITCHED]
        if outside:
            raise GridError(
                f"{where}, line {number}: {outside[0]!r} is not one of the switcher's "
                f"parameters ({', '.join(sorted(SWITCHED))}); publish such an edition by hand"
            )
        if edition.slug in editions:
            first = editions[edition.slug][0]
            raise GridError(f"{where}, line {number}: the same edition as line {first}")
        editions[edition.slug] = (number, edition)
    found = tuple(edition for _, edition in editions.values())
    if not any(edition.is_reference for edition in found):
        raise GridError(f"{where}: no line names the reference edition (every default)")
    return found


def _shown_path(path: Path) -> str:
    root = Path(__file__).resolve().parents[2]
    resolved = Path(path).resolve()
    shown = resolved.relative_to(root) if resolved.is_relative_to(root) else path
    return printable(shown, 200)


@functools.cache
def grid() -> tuple[Edition, ...]:
    """The published editions (read once per process)."""
    return read_grid()


def axis_value(edition: Edition, axis: str) -> tuple:
    """An edition's value on one axis: ('PEN',), ('real', 2023), ('es',)."""
    if axis == "prices":
        base = edition.base if edition.price_basis == "real" else None
        return (edition.price_basis, base)
    return tuple(getattr(edition, name) for name in AXES[axis])


def _likeness(one: Edition, other: Edition, axis: str) -> float:
    """1 when two editions agree on an axis; a half for constant prices of another year."""
    if axis_value(one, axis) == axis_value(other, axis):
        return 1.0
    return 0.5 if axis == "prices" and one.price_basis == other.price_basis else 0.0


@dataclass(frozen=True)
class Choice:
    """One value on an axis of the switcher, and the grid edition it leads to."""

    axis: str
    value: tuple
    target: Edition
    current: bool  # this page's own edition, which is in the grid


def in_grid(edition: Edition, editions: tuple[Edition, ...] | None = None) -> bool:
    editions = grid() if editions is None else editions
    return any(edition.slug == other.slug for other in editions)


def choices(edition: Edition, editions: tuple[Edition, ...] | None = None) -> list[list[Choice]]:
    """The switcher of `edition`'s pages: per axis that the grid varies, each value it
    offers, with the grid edition it leads to. Ties go to the grid's order."""
    editions = grid() if editions is None else editions
    own = in_grid(edition, editions)
    rows = []
    for axis in AXES:
        values = list(dict.fromkeys(axis_value(other, axis) for other in editions))
        if len(values) < 2:
            continue
        row = []
        for value in values:
            candidates = [other for other in editions if axis_value(other, axis) == value]
            target = max(
                candidates,
                key=lambda other: (
                    sum(_likeness(other, edition, name) for name in AXES if name != axis),
                    -editions.index(other),
                ),
            )
            current = own and axis_value(edition, axis) == value
            row.append(Choice(axis, value, target, current))
        rows.append(row)
    return rows
