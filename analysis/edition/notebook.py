"""What every chapter notebook does first: read its parameters into an edition."""

from __future__ import annotations

from typing import Any

from analysis.edition.parameters import Edition, edition_from_namespace


def start(namespace: dict[str, Any]) -> Edition:
    """The edition named by the notebook's parameter variables (its `globals()`).

    Parameters the notebook does not declare keep their defaults: its outputs do not
    depend on them, so the same executed notebook serves every edition that differs only
    there.
    """
    from analysis.exhibits.publish import start_chapter

    start_chapter()
    return edition_from_namespace(namespace)
