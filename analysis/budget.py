"""DEVIDA's annual budget (report, Institutional Strengthening, priority action 1.3)."""

from __future__ import annotations

import pandas as pd

from analysis.parameters import Edition


def _edition_rows(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    in_edition = (table["currency"] == edition.currency) & table["year"].between(
        edition.start_year, edition.end_year
    )
    return table[in_edition].sort_values("year")


def devida_budget(table: pd.DataFrame, edition: Edition) -> pd.Series:
    """Annual budget in the edition's currency and years, indexed by year."""
    return _edition_rows(table, edition).set_index("year")["amount"].rename("amount")


def as_printed(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The edition's rows with the report's own text, for display."""
    rows = _edition_rows(table, edition)
    return pd.DataFrame(
        {"As printed in the report": rows["printed"].to_numpy()},
        index=pd.Index(rows["year"].to_numpy(), name="Year"),
    )


def percent_change(series: pd.Series) -> float:
    """Change from the first to the last value, in percent."""
    return (series.iloc[-1] / series.iloc[0] - 1) * 100
