"""Soles-per-dollar rates: implied by the DEVIDA table, and stated under the OPD table."""

from __future__ import annotations

import pandas as pd


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
