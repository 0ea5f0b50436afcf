"""Putting computed values into the book's prose with myst-nb glue, and words that follow numbers.

A sentence whose direction or comparison depends on the numbers ("rose", "faster",
"the largest") is chosen here from the numbers, never written into the narrative.
"""

from __future__ import annotations

from myst_nb import glue

TOLERANCE = 1e-9  # a change smaller than this is no change


def glue_text(name: str, text: str) -> None:
    """Make `text` available to the prose as {glue:text}`name` (escaped, never HTML).

    The text is stored as a quoted Python string, which myst-nb turns back into exactly
    this text: "3,319" or "1,175" stay text and are never read as a tuple.
    """
    glue(name, str(text), display=False)


def glue_all(values: dict[str, str]) -> None:
    for name, text in values.items():
        glue_text(name, text)


def direction(change: float) -> str:
    """'up', 'down' or 'flat': the sign of a change, for choosing a sentence."""
    if change > TOLERANCE:
        return "up"
    if change < -TOLERANCE:
        return "down"
    return "flat"


def choose(change: float, up: str, down: str, flat: str) -> str:
    """The text for the direction of `change`."""
    return {"up": up, "down": down, "flat": flat}[direction(change)]
