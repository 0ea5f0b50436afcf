"""DEVIDA's annual budget (report, Institutional Strengthening, priority action 1.3)."""

from __future__ import annotations

import pandas as pd

from analysis.parameters import Edition


def devida_budget(table: pd.DataFrame, edition: Edition) -> pd.Series:
    """Annual budget in the edition's currency and years, indexed by year."""
    rows = table[
        (table["currency"] == edition.currency)
        & table["year"].between(edition.start_year, edition.end_year)
    ]
    return rows.set_index("year")["amount"].sort_index().rename("amount")


def percent_change(series: pd.Series) -> float:
    """Change from the first to the last value, in percent."""
    return (series.iloc[-1] / series.iloc[0] - 1) * 100
