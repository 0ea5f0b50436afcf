"""What every chapter notebook does first."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.parameters import Edition, edition_from_namespace


def start(namespace: dict[str, Any]) -> Edition:
    """Set the display options of the book and return the edition named by the parameters."""
    pd.set_option("display.max_colwidth", None)  # the book shows text whole
    pd.set_option("display.max_rows", 200)
    return edition_from_namespace(namespace)
