"""Words shared by the money chapters: how an edition's amounts are priced and named."""

from __future__ import annotations

from analysis.edition.parameters import Edition
from analysis.exhibits.terms import basis_name, currency_name
from analysis.exhibits.words import tr

DEVIDA_WHERE = ("IS", "1.3")
OPD_WHERE = ("RIME", "1.1")


def currency_words(edition: Edition) -> str:
    return currency_name(edition.currency, edition.lang)


def basis_words(edition: Edition) -> str:
    return basis_name(edition.price_basis, edition.base, edition.lang)


def basis_note(edition: Edition) -> str:
    """One paragraph saying how this edition's amounts are priced, and with what index."""
    lang = edition.lang
    if edition.price_basis == "nominal":
        return tr(
            "Amounts are nominal, as printed: inflation is not removed. Rerun with "
            "price_basis=real to express them at the prices of a base year.",
            lang,
        )
    if edition.deflators == "reference":
        source = tr("the book's reference price indices (data/deflators.csv)", lang)
    else:
        source = tr("a user's file", lang)
    return tr(
        "Amounts are at {year} prices: amounts in soles are deflated with the Lima "
        "consumer price index (December-to-December changes chained, so each year at its "
        "December price level), amounts in US dollars with the US consumer price index "
        "(CPI-U, annual average); both from {source}.",
        lang,
        year=edition.base,
        source=source,
    )
