"""DEVIDA's annual budget (report, Institutional Strengthening, priority action 1.3)."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import currency_name
from analysis.parameters import Edition
from analysis.prices import express


def _edition_rows(table: pd.DataFrame, edition: Edition, currency: str) -> pd.DataFrame:
    in_edition = (table["currency"] == currency) & table["year"].between(
        edition.start_year, edition.end_year
    )
    return table[in_edition].sort_values("year")


def devida_budget(table: pd.DataFrame, edition: Edition, currency: str | None = None) -> pd.Series:
    """Nominal annual budget in a currency (the edition's by default), indexed by year."""
    rows = _edition_rows(table, edition, currency or edition.currency)
    return rows.set_index("year")["amount"].astype(float).rename("amount")


def as_printed(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The edition's years with the report's own text in both currencies, for display."""
    columns = {}
    for currency in ("USD", "PEN"):
        rows = _edition_rows(table, edition, currency)
        columns[f"In {currency_name(currency)}"] = rows.set_index("year")["printed"]
    return pd.DataFrame(columns).rename_axis("Year")


def percent_change(series: pd.Series) -> float:
    """Change from the first to the last value, in percent."""
    return (series.iloc[-1] / series.iloc[0] - 1) * 100


def year_on_year(series: pd.Series) -> pd.Series:
    """Change on the year before, in percent (empty for the first year)."""
    return series.pct_change() * 100


def index(series: pd.Series, base_year: int) -> pd.Series:
    """The series with its base-year value set to 100."""
    return series / series[base_year] * 100


def annual_growth(series: pd.Series) -> float:
    """Compound annual growth rate from the first to the last year, in percent per year."""
    years = series.index[-1] - series.index[0]
    return ((series.iloc[-1] / series.iloc[0]) ** (1 / years) - 1) * 100


def trend_table(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per year: the budget in the edition's currency and price basis, its change, its index."""
    amounts = express(devida_budget(table, edition), edition)
    return pd.DataFrame(
        {
            "amount": amounts,
            "change_pct": year_on_year(amounts),
            "index": index(amounts, edition.base),
        }
    ).rename_axis("year")


def currency_comparison(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The same budget in both currencies (in the edition's price basis), side by side."""
    rows = {}
    for currency in ("USD", "PEN"):
        in_currency = edition.model_copy(update={"currency": currency})
        amounts = express(devida_budget(table, in_currency), in_currency)
        rows[currency] = {
            "first": amounts.iloc[0],
            "last": amounts.iloc[-1],
            "change_pct": percent_change(amounts),
            "annual_growth_pct": annual_growth(amounts),
        }
    return pd.DataFrame(rows).T.rename_axis("currency")


def index_by_currency(table: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The budget index (base year = 100) in each currency, one column per currency code."""
    return pd.DataFrame(
        {
            currency: trend_table(table, edition.model_copy(update={"currency": currency}))["index"]
            for currency in ("USD", "PEN")
        }
    )
