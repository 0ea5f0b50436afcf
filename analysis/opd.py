"""The drug observatory's (OPD) budget (report, RIME, priority action 1.1).

The report prints it in US dollars, converted from soles at stated rates. In soles it is
converted back with the edition's rate set; in real terms it is deflated like DEVIDA's.
Lines and groups are named by code here; their words are in `analysis/i18n.py`.
"""

from __future__ import annotations

import pandas as pd

from analysis.exchange import rate_set
from analysis.i18n import text
from analysis.parameters import Edition
from analysis.prices import express

CATEGORIES = (
    "goods_services",
    "financial_assets",
    "other",
    "salaries",
    "transfers_unodc",
    "transfers_conida",
)
TRANSFER_LINES = ("transfers_unodc", "transfers_conida")
GROUPINGS = {"category": CATEGORIES, "source": ("own", "transfers")}


def group_of(category: str, grouping: str) -> str:
    """The group code of a budget line under a grouping ('category' or 'source')."""
    if grouping == "category":
        return category
    return "transfers" if category in TRANSFER_LINES else "own"


def label(code: str, lang: str = "en") -> str:
    """The words for a line or group code."""
    return text(f"line.{code}", lang)


def in_currency(rows: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Year x line amounts in the edition's currency and price basis; dashes count as 0."""
    in_range = rows[rows["year"].isin(list(edition.years))]
    wide = (
        in_range.pivot(index="year", columns="category", values="amount")
        .astype(float)
        .fillna(0.0)[list(CATEGORIES)]
    )
    if edition.currency == "PEN":
        wide = wide.mul(rate_set(edition).reindex(wide.index), axis=0)
    return wide.apply(lambda column: express(column, edition))


def by_group(amounts: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """Year x group amounts under a grouping, columns named by group code."""
    grouped = amounts.T.groupby(lambda category: group_of(category, grouping)).sum().T
    return grouped[list(GROUPINGS[grouping])]


def labelled(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The same frame with its code columns named in words."""
    return frame.rename(columns=lambda code: label(code, lang))


def shares(grouped: pd.DataFrame) -> pd.DataFrame:
    """Each group's share of the year's total, in percent."""
    return grouped.div(grouped.sum(axis=1), axis=0) * 100


def share_of_devida(opd_total: pd.Series, devida: pd.Series) -> pd.Series:
    """The observatory's total as a percentage of DEVIDA's budget, same currency and year."""
    return (opd_total / devida.reindex(opd_total.index) * 100).rename("share_pct")
