"""Price indices, and amounts at constant prices.

US dollars are deflated with the US CPI-U annual average; soles with Peru's Lima CPI,
whose December-to-December changes are chained into an index. The report gives no
deflator: these come from `data/deflators.csv` (or a user's file of the same shape).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.contract.load import load_table, resource
from analysis.contract.parameters import DEFLATOR_SERIES, Edition
from analysis.contract.userfiles import read_user_table


def deflators(edition: Edition) -> pd.DataFrame:
    """The edition's deflator table: the reference file or the user's."""
    if edition.deflators == "reference":
        return load_table("deflators")
    return read_user_table(edition.deflators, resource("deflators")["schema"])


def price_index(edition: Edition) -> pd.Series:
    """Price level per year in the edition's currency, for the edition's years.

    For soles, December-to-December inflation is chained from the December before
    start_year (= 100): the level of year Y is that of December Y.
    """
    table = deflators(edition)
    values = table[table["series"] == DEFLATOR_SERIES[edition.currency]].set_index("year")["value"]
    values = values.loc[list(edition.years)].astype(float)
    if edition.currency == "USD":
        return values.rename("price_index")
    return (100 * (1 + values / 100).cumprod()).rename("price_index")


def at_constant_prices(amounts: pd.Series, index: pd.Series, base_year: int) -> pd.Series:
    """Amounts by year expressed at the prices of `base_year`."""
    return amounts * index[base_year] / index.reindex(amounts.index)


def express(amounts: pd.Series, edition: Edition) -> pd.Series:
    """Nominal amounts by year in the edition's price basis (checked: finite_amounts)."""
    if edition.price_basis == "nominal":
        return finite_amounts(amounts, amounts, edition)
    return finite_amounts(
        at_constant_prices(amounts, price_index(edition), edition.base), amounts, edition
    )


def finite_amounts(result: pd.Series, amounts: pd.Series, edition: Edition) -> pd.Series:
    """`result`, unless an amount is infinite, or missing where `amounts` had it.

    A last guard behind the checks of users' files: an overflow or a division by zero stops
    the notebook with the parameters that could cause it, rather than put "NaN" in the book.
    """
    values, given = result.astype(float), amounts.astype(float)
    bad = result.index[np.isinf(values) | (np.isnan(values) & ~np.isnan(given))]
    if bad.empty:
        return result
    used = {"fx_rates": edition.currency == "PEN", "deflators": edition.price_basis == "real"}
    files = [repr(name) for name in edition.input_files() if used[name]]
    source = f"parameter {' or '.join(files)} (a user's file)" if files else "the data"
    raise ValueError(
        f"{source}: the amount for {', '.join(map(str, bad))} comes out as "
        f"{values[bad[0]]}, not a finite number; check the file's values"
    )
