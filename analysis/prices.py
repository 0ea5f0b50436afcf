"""Price indices, and amounts at constant prices.

US dollars are deflated with the US CPI-U annual average; soles with Peru's Lima CPI,
whose December-to-December changes are chained into an index. The report gives no
deflator: these come from `data/deflators.csv` (or a user's file of the same shape).
"""

from __future__ import annotations

import pandas as pd

from analysis.data import DataError, load_file, load_table, resource
from analysis.parameters import Edition

SERIES = {"USD": "us_cpi_u_annual_average", "PEN": "pe_cpi_lima_dec_dec_inflation"}
INDEX_NAMES = {
    "USD": "US CPI-U, annual average",
    "PEN": "Lima CPI, December to December, chained",
}


def deflators(edition: Edition) -> pd.DataFrame:
    """The edition's deflator table: the reference file or the user's."""
    if edition.deflators == "reference":
        return load_table("deflators")
    try:
        return load_file(edition.deflators, resource("deflators")["schema"])
    except DataError as exc:
        raise ValueError(f"parameter 'deflators': {exc}") from None


def price_index(edition: Edition) -> pd.Series:
    """Price level per year in the edition's currency, for the edition's years.

    For soles, December-to-December inflation is chained from the December before
    start_year (= 100): the level of year Y is that of December Y.
    """
    series = SERIES[edition.currency]
    table = deflators(edition)
    values = table[table["series"] == series].set_index("year")["value"]
    missing = [year for year in edition.years if year not in values.index]
    if missing:
        source = "data/deflators.csv" if edition.deflators == "reference" else edition.deflators
        raise ValueError(
            f"parameter 'deflators': {source} has no {series} value for "
            f"{', '.join(map(str, missing))} (needed: {edition.start_year} to {edition.end_year})"
        )
    values = values.loc[list(edition.years)].astype(float)
    if edition.currency == "USD":
        return values.rename("price_index")
    return (100 * (1 + values / 100).cumprod()).rename("price_index")


def at_constant_prices(amounts: pd.Series, index: pd.Series, base_year: int) -> pd.Series:
    """Amounts by year expressed at the prices of `base_year`."""
    return amounts * index[base_year] / index.reindex(amounts.index)


def express(amounts: pd.Series, edition: Edition) -> pd.Series:
    """Nominal amounts by year in the edition's price basis."""
    if edition.price_basis == "nominal":
        return amounts
    return at_constant_prices(amounts, price_index(edition), edition.base)


def basis_note(edition: Edition) -> str:
    """One sentence saying how this edition's amounts are priced, and with what index."""
    if edition.price_basis == "nominal":
        return (
            "Amounts are nominal, as printed: inflation is not removed. Rerun with "
            "price_basis=real to express them at the prices of a base year."
        )
    source = "data/deflators.csv" if edition.deflators == "reference" else "a user's file"
    note = (
        f"Amounts are at {edition.base} prices, deflated with the "
        f"{INDEX_NAMES[edition.currency]} ({source})."
    )
    if edition.currency == "PEN":
        note += " Each year is deflated by its December price level."
    return note
