"""The drug observatory's (OPD) budget (report, RIME, priority action 1.1).

The report prints it in US dollars, converted from soles at stated rates. In soles it is
converted back with the edition's rate set; in real terms it is deflated like DEVIDA's.
"""

from __future__ import annotations

import pandas as pd

from analysis.exchange import rate_set
from analysis.parameters import Edition
from analysis.prices import express

CATEGORY_LABELS = {
    "goods_services": "Goods and services",
    "financial_assets": "Financial assets",
    "other": "Other expenses",
    "salaries": "Salaries",
    "transfers_unodc": "Transfer line: UNODC",
    "transfers_conida": "Transfer line: CONIDA",
}
TRANSFER_LINES = ("transfers_unodc", "transfers_conida")
SOURCE_LABELS = {"own": "DEVIDA's own lines", "transfers": "Transfer lines (UNODC, CONIDA)"}


def group_of(category: str, grouping: str) -> str:
    """The display group of a budget line under a grouping ('category' or 'source')."""
    if grouping == "category":
        return CATEGORY_LABELS[category]
    return SOURCE_LABELS["transfers" if category in TRANSFER_LINES else "own"]


def groups(grouping: str) -> list[str]:
    """The groups of a grouping, in display order."""
    if grouping == "category":
        return list(CATEGORY_LABELS.values())
    return list(SOURCE_LABELS.values())


def opd_years(rows: pd.DataFrame, edition: Edition) -> list[int]:
    """The observatory's years that fall in the edition's range."""
    return [year for year in sorted(rows["year"].unique()) if year in edition.years]


def in_currency(rows: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Year x line amounts in the edition's currency and price basis; dashes count as 0."""
    years = opd_years(rows, edition)
    wide = (
        rows[rows["year"].isin(years)]
        .pivot(index="year", columns="category", values="amount")
        .astype(float)
        .fillna(0.0)[list(CATEGORY_LABELS)]
    )
    if edition.currency == "PEN":
        wide = wide.mul(rate_set(edition).reindex(wide.index), axis=0)
    return wide.apply(lambda column: express(column, edition))


def by_group(amounts: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """Year x group amounts under a grouping."""
    grouped = amounts.T.groupby(lambda category: group_of(category, grouping)).sum().T
    return grouped[groups(grouping)]


def shares(grouped: pd.DataFrame) -> pd.DataFrame:
    """Each group's share of the year's total, in percent."""
    return grouped.div(grouped.sum(axis=1), axis=0) * 100


def share_of_devida(opd_total: pd.Series, devida: pd.Series) -> pd.Series:
    """The observatory's total as a percentage of DEVIDA's budget, same currency and year."""
    return (opd_total / devida.reindex(opd_total.index) * 100).rename("share_pct")
