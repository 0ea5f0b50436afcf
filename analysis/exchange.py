"""Soles-per-dollar rates: implied by the DEVIDA table, and stated under the OPD table."""

from __future__ import annotations

import pandas as pd

from analysis.data import DataError, load_file, load_table
from analysis.parameters import Edition

OPD_YEARS = range(2020, 2024)  # the years of the observatory's budget table
USER_RATES_SCHEMA = {
    "fields": [
        {"name": "year", "type": "integer", "constraints": {"required": True}},
        {"name": "pen_per_usd", "type": "number",
         "constraints": {"required": True, "minimum": 0.01}},
    ],
    "primaryKey": ["year"],
}  # fmt: skip
RATE_SET_NAMES = {
    "footnote": "the rates stated under the observatory's budget table (SBS, given dates)",
    "implied": "the rates implied by the DEVIDA budget table (soles divided by dollars)",
}


def implied_rates(devida: pd.DataFrame) -> pd.Series:
    """Soles per US dollar implied by each year's two DEVIDA amounts (soles / dollars)."""
    wide = devida.pivot(index="year", columns="currency", values="amount")
    return (wide["PEN"] / wide["USD"]).rename("implied")


def compare_rates(devida: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Implied and stated rates side by side, for the years that have both."""
    table = stated.set_index("year")[["date", "pen_per_usd"]].rename(
        columns={"pen_per_usd": "stated"}
    )
    table.insert(0, "implied", implied_rates(devida))
    table["difference"] = table["implied"] - table["stated"]
    return table.dropna(subset=["implied"])


def rate_set(edition: Edition) -> pd.Series:
    """Soles per dollar by year from the edition's set, covering the observatory's years."""
    if edition.fx_rates == "implied":
        rates = implied_rates(load_table("devida-budget"))
    elif edition.fx_rates == "footnote":
        rates = load_table("opd-exchange-rates").set_index("year")["pen_per_usd"]
    else:
        try:
            rates = load_file(edition.fx_rates, USER_RATES_SCHEMA).set_index("year")["pen_per_usd"]
        except DataError as exc:
            raise ValueError(f"parameter 'fx_rates': {exc}") from None
    needed = [year for year in OPD_YEARS if year in edition.years]
    missing = [year for year in needed if year not in rates.index]
    if missing:
        raise ValueError(
            f"parameter 'fx_rates': {edition.fx_rates} has no rate for "
            f"{', '.join(map(str, missing))} (needed: {', '.join(map(str, needed))})"
        )
    return rates.astype(float).rename("pen_per_usd")
