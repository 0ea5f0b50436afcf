"""Printed totals and stated rates checked against the report's own rows."""

from __future__ import annotations

import pandas as pd


def opd_totals(rows: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Per year: the printed total, the sum of the printed rows, and the difference."""
    recomputed = rows.groupby("year")["amount"].sum(min_count=1)
    table = printed.set_index("year")[["amount"]].rename(columns={"amount": "printed_total"})
    table["sum_of_rows"] = recomputed.round(2)
    table["difference"] = (table["printed_total"] - table["sum_of_rows"]).round(2)
    return table
