"""The two budgets the report prints, DEVIDA's and its drug observatory's (OPD), in an
edition's currency and prices: changes, indices, groups of lines and shares.

DEVIDA's budget is printed in both currencies (IS 1.3), so it is never converted. The
observatory's is printed in US dollars (RIME 1.1), converted from soles at stated rates;
in soles it is converted back with the edition's rate set. Both are deflated alike in real
terms. Lines and groups are named by code here; the chapters give them words.
"""

from __future__ import annotations

import pandas as pd

from analysis.compute.prices import express
from analysis.compute.rates import rate_set
from analysis.contract.parameters import Edition

CURRENCIES = ("USD", "PEN")
OPD_LINES = (
    "goods_services",
    "financial_assets",
    "other",
    "salaries",
    "transfers_unodc",
    "transfers_conida",
)
TRANSFER_LINES = ("transfers_unodc", "transfers_conida")
GROUPINGS = {"category": OPD_LINES, "source": ("own", "transfers")}


# DEVIDA -----------------------------------------------------------------------------------


def edition_rows(budget: pd.DataFrame, edition: Edition, currency: str) -> pd.DataFrame:
    """The rows of DEVIDA's table in one currency, for the edition's years, by year."""
    in_edition = (budget["currency"] == currency) & budget["year"].between(
        edition.start_year, edition.end_year
    )
    return budget[in_edition].sort_values("year")


def devida_budget(budget: pd.DataFrame, edition: Edition, currency: str | None = None) -> pd.Series:
    """Nominal annual budget in a currency (the edition's by default), indexed by year."""
    rows = edition_rows(budget, edition, currency or edition.currency)
    return rows.set_index("year")["amount"].astype(float).rename("amount")


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


def trend_table(budget: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per year: the budget in the edition's currency and price basis, its change, and its
    index with the first year shown as 100 (the price base year is a separate choice)."""
    amounts = express(devida_budget(budget, edition), edition)
    return pd.DataFrame(
        {
            "amount": amounts,
            "change_pct": year_on_year(amounts),
            "index": index(amounts, amounts.index[0]),
        }
    ).rename_axis("year")


def in_each_currency(edition: Edition) -> list[Edition]:
    """The edition once in each currency (its price basis and years kept)."""
    return [edition.model_copy(update={"currency": currency}) for currency in CURRENCIES]


def currency_comparison(budget: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The same budget in both currencies (in the edition's price basis), side by side."""
    rows = {}
    for in_currency in in_each_currency(edition):
        amounts = express(devida_budget(budget, in_currency), in_currency)
        rows[in_currency.currency] = {
            "first": amounts.iloc[0],
            "last": amounts.iloc[-1],
            "change_pct": percent_change(amounts),
            "annual_growth_pct": annual_growth(amounts),
        }
    return pd.DataFrame(rows).T.rename_axis("currency")


def index_by_currency(budget: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The budget index (first year = 100) in each currency, one column per currency code."""
    return pd.DataFrame(
        {
            in_currency.currency: trend_table(budget, in_currency)["index"]
            for in_currency in in_each_currency(edition)
        }
    )


# The observatory -------------------------------------------------------------------------


def group_of(line: str, grouping: str) -> str:
    """The group code of a budget line under a grouping ('category' or 'source')."""
    if grouping == "category":
        return line
    return "transfers" if line in TRANSFER_LINES else "own"


def opd_lines(rows: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The observatory's budget, year x line, in the edition's currency and price basis;
    dashes count as 0."""
    in_range = rows[rows["year"].isin(list(edition.years))]
    wide = (
        in_range.pivot(index="year", columns="category", values="amount")
        .astype(float)
        .fillna(0.0)[list(OPD_LINES)]
    )
    if edition.currency == "PEN":
        wide = wide.mul(rate_set(edition).reindex(wide.index), axis=0)
    return wide.apply(lambda column: express(column, edition))


def by_group(amounts: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """Year x group amounts under a grouping, columns named by group code."""
    grouped = amounts.T.groupby(lambda line: group_of(line, grouping)).sum().T
    return grouped[list(GROUPINGS[grouping])]


def shares(grouped: pd.DataFrame) -> pd.DataFrame:
    """Each group's share of the year's total, in percent."""
    return grouped.div(grouped.sum(axis=1), axis=0) * 100


def share_of_devida(opd_amounts: pd.Series, devida: pd.Series) -> pd.Series:
    """An observatory amount as a percentage of DEVIDA's budget, same currency and year."""
    return (opd_amounts / devida.reindex(opd_amounts.index) * 100).rename("share_pct")


def shares_of_devida(rows: pd.DataFrame, budget: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Two readings of the observatory's share of DEVIDA's Treasury budget, per year.

    `all_lines`: the whole observatory budget over DEVIDA's; `own_lines`: only the lines
    that the table does not label as transfers from partners. Both nominal and in soles,
    whatever the edition's currency: the report gives DEVIDA's in soles beside its dollars and
    says it calculated the observatory's dollars from soles (at the rates under its table;
    DEVIDA's dollars imply other rates), so that a ratio of its dollar figures would mix two
    conversions. The observatory's soles are its dollars at the edition's `fx_rates`.
    """
    soles = edition.model_copy(
        update={"currency": "PEN", "price_basis": "nominal", "base_year": None}
    )
    nominal = opd_lines(rows, soles)
    devida = devida_budget(budget, soles)
    return pd.DataFrame(
        {
            "all_lines": share_of_devida(nominal.sum(axis=1), devida),
            "own_lines": share_of_devida(by_group(nominal, "source")["own"], devida),
        }
    ).rename_axis("year")
