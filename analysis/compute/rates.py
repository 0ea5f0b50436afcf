"""Soles-per-dollar rates: implied by the DEVIDA table, stated under the OPD table, or a user's."""

from __future__ import annotations

import pandas as pd

from analysis.contract.load import load_table
from analysis.contract.parameters import Edition
from analysis.contract.userfiles import RATES_SCHEMA, read_user_table


def implied_rates(devida: pd.DataFrame) -> pd.Series:
    """Soles per US dollar implied by each year's two DEVIDA amounts (soles / dollars)."""
    wide = devida.pivot(index="year", columns="currency", values="amount")
    return (wide["PEN"] / wide["USD"]).astype(float).rename("implied")


def compare_rates(devida: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Implied and stated rates side by side, for the years that have both."""
    table = stated.set_index("year")[["date", "pen_per_usd"]].rename(
        columns={"pen_per_usd": "stated"}
    )
    table.insert(0, "implied", implied_rates(devida))
    table["difference"] = table["implied"] - table["stated"]
    return table.dropna(subset=["implied"])


def rate_set(edition: Edition) -> pd.Series:
    """Soles per dollar by year from the edition's set (the parameters checked its years)."""
    if edition.fx_rates == "implied":
        rates = implied_rates(load_table("devida-budget"))
    elif edition.fx_rates == "footnote":
        rates = load_table("opd-exchange-rates").set_index("year")["pen_per_usd"]
    else:
        rates = read_user_table(edition.fx_rates, RATES_SCHEMA).set_index("year")["pen_per_usd"]
    return rates.astype(float).rename("pen_per_usd")
