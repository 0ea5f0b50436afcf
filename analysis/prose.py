"""Putting computed values into the book's prose (myst-nb glue) and edition notes."""

from __future__ import annotations

from IPython.display import Markdown
from myst_nb import glue

from analysis.parameters import Edition


class Phrase:
    """Text whose plain-text form carries no quotes, so `{glue:text}` pastes it as is."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def glue_text(name: str, text: str) -> None:
    """Make `text` available to the prose as {glue:text}`name` (escaped, never HTML)."""
    glue(name, Phrase(text), display=False)


def edition_note(edition: Edition) -> Markdown | None:
    """A note naming a variant edition's parameters; nothing for the reference edition."""
    if edition.is_reference:
        return None
    return Markdown(
        ":::{note}\nThis page belongs to a **variant edition** of the book "
        f"({edition.label}), not the reference edition.\n:::"
    )
