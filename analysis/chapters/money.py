"""Words shared by the money chapters: how an edition's amounts are priced and named."""

from __future__ import annotations

from analysis.contract.parameters import Edition
from analysis.exhibits.language import names, tr
from analysis.exhibits.terms import basis_name, currency_name

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
            "Amounts are nominal, as printed: inflation is not removed. For amounts at "
            "constant prices, choose 'constant' under Prices at the top of the page (or "
            "rebuild the book with price_basis=real and a base year of your own).",
            lang,
        )
    if edition.deflators == "reference":
        source = tr("the book's reference price indices (data/deflators.csv)", lang)
    else:
        source = tr("a user's file", lang)
    return " ".join(
        [
            tr(
                "Amounts are at {year} prices: amounts in soles are deflated with the Lima "
                "consumer price index (December-to-December changes chained, so each year at "
                "its December price level), amounts in US dollars with the US consumer price "
                "index (CPI-U, annual average); both from {source}.",
                lang,
                year=edition.base,
                source=source,
            ),
            index_status(edition),
            tr(
                "The two indices are not measured alike: the US index is the average of the "
                "year's twelve months, the Lima index the level of its December. Amounts in "
                "dollars and in soles at constant prices are therefore not strictly comparable, "
                "and part of any gap between them comes from that difference.",
                lang,
            ),
        ]
    )


def index_status(edition: Edition) -> str:
    """How far the price indices in use were checked: the status the reference file records
    for each series, or, for a user's file, that this book did not check it."""
    from analysis.compute.prices import deflators
    from analysis.contract.parameters import DEFLATOR_SERIES
    from analysis.exhibits.language import label

    lang = edition.lang
    if edition.deflators != "reference":
        return tr("This book has not checked the figures of a user's file.", lang)
    table = deflators(edition)
    used = table[table["year"].isin(list(edition.years))]
    status = {
        currency: names(
            [
                label(text, lang)
                for text in sorted(set(used.loc[used["series"] == series, "status"]))
            ],
            lang,
        )
        for currency, series in DEFLATOR_SERIES.items()
    }
    return tr(
        "How the figures were obtained: US CPI-U, {usd}; Lima CPI, {pen}.",
        lang,
        usd=status["USD"],
        pen=status["PEN"],
    )
