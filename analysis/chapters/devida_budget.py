"""Chapter "DEVIDA's budget over time" (report: Institutional Strengthening, priority action 1.3).

The budget's numbers are computed in `compute/budgets.py`; here are the sentences whose
words follow them, the figures and the tables.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.money import DEVIDA_WHERE, basis_words, currency_words
from analysis.compute.budgets import (
    currency_comparison,
    edition_rows,
    index_by_currency,
    percent_change,
    trend_table,
)
from analysis.compute.rates import implied_rates
from analysis.contract.parameters import Edition
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.formats import millions, number, percent, rate
from analysis.exhibits.language import tr
from analysis.exhibits.prose import choose, direction
from analysis.exhibits.recipes import annual_bars, labelled_lines
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import currency_name

CHAPTER = "devida-budget"
SAME_PACE = 0.05  # percentage points a year: closer than this, two growth rates are "the same"


def edition_rates(budget: pd.DataFrame, edition: Edition) -> pd.Series:
    """Soles per dollar implied by the table, for the edition's years."""
    return implied_rates(budget).loc[list(edition.years)]


# Sentences -------------------------------------------------------------------------------


def change_sentence(change_pct: float, growth_pct: float, lang: str) -> str:
    """'That is a fall of 24.0% over the period, or 6.6% a year, compounded.'"""
    values = {"change": percent(abs(change_pct), lang), "growth": percent(abs(growth_pct), lang)}
    return choose(
        change_pct,
        up=tr(
            "That is a rise of {change} over the period, or {growth} a year, compounded.",
            lang,
            **values,
        ),
        down=tr(
            "That is a fall of {change} over the period, or {growth} a year, compounded.",
            lang,
            **values,
        ),
        flat=tr("That is no change over the period.", lang),
    )


def largest_move_sentence(changes: pd.Series, lang: str) -> str:
    """The year of the largest fall on the year before; or, with no fall, of the largest rise."""
    changes = changes.dropna()
    falls = changes[changes < 0]
    if not falls.empty:
        year = int(falls.idxmin())
        return tr(
            "The largest fall on the year before came in {year} ({change}).",
            lang,
            year=year,
            change=percent(falls.min(), lang, signed=True),
        )
    year = int(changes.idxmax())
    return tr(
        "The budget did not fall from one year to the next; its largest rise came in "
        "{year} ({change}).",
        lang,
        year=year,
        change=percent(changes.max(), lang, signed=True),
    )


def sol_sentence(rate_change_pct: float, lang: str) -> str:
    """What the implied rate's movement means for the sol."""
    return choose(
        rate_change_pct,
        up=tr(
            "The sol weakened against the dollar: a dollar cost more soles at the end of the "
            "period than at its start, so the same soles bought fewer dollars.",
            lang,
        ),
        down=tr(
            "The sol strengthened against the dollar: a dollar cost fewer soles at the end "
            "of the period than at its start, so the same soles bought more dollars.",
            lang,
        ),
        flat=tr("The rate ended the period where it started.", lang),
    )


def currency_gap_sentence(growth_usd: float, growth_pen: float, lang: str) -> str:
    """Which currency shows the budget doing worse, in words that fit both signs."""
    if abs(growth_usd - growth_pen) < SAME_PACE:
        return tr("The budget changes at about the same pace in both currencies.", lang)
    worse, better = ("USD", "PEN") if growth_usd < growth_pen else ("PEN", "USD")
    rates = {"USD": growth_usd, "PEN": growth_pen}
    names = {"worse": _in_currency(worse, lang), "better": _in_currency(better, lang)}
    if rates[worse] < 0 and rates[better] < 0:
        return tr("The budget falls faster {worse} than {better}.", lang, **names)
    if rates[worse] < 0 and rates[better] > 0:
        return tr("The budget falls {worse} while it grows {better}.", lang, **names)
    if rates[worse] < 0:
        return tr("The budget falls {worse} while it holds steady {better}.", lang, **names)
    return tr("The budget grows more slowly {worse} than {better}.", lang, **names)


def _in_currency(code: str, lang: str) -> str:
    return tr("in dollars", lang) if code == "USD" else tr("in soles", lang)


def phrases(budget: pd.DataFrame, edition: Edition) -> dict[str, str]:
    """Every value and sentence the chapter's prose glues, computed for this edition."""
    lang, currency = edition.lang, edition.currency
    trend = trend_table(budget, edition)
    comparison = currency_comparison(budget, edition)
    rates = edition_rates(budget, edition)
    amounts = trend["amount"]
    rate_change = (rates.iloc[-1] / rates.iloc[0] - 1) * 100
    gap = currency_gap_sentence(
        comparison.loc["USD", "annual_growth_pct"], comparison.loc["PEN", "annual_growth_pct"], lang
    )
    if edition.price_basis == "real":
        gap += " " + tr(
            "At constant prices each currency is deflated by its own country's "
            "price index, so the gap also reflects the difference between US and "
            "Peruvian inflation.",
            lang,
        )
    return {
        "first_year": str(amounts.index[0]),
        "last_year": str(amounts.index[-1]),
        "budget_first": millions(amounts.iloc[0], currency, lang),
        "budget_last": millions(amounts.iloc[-1], currency, lang),
        "change_sentence": change_sentence(
            comparison.loc[currency, "change_pct"],
            comparison.loc[currency, "annual_growth_pct"],
            lang,
        ),
        "largest_move": largest_move_sentence(trend["change_pct"], lang),
        "currency_name": currency_words(edition),
        "basis": basis_words(edition),
        "growth_usd": percent(comparison.loc["USD", "annual_growth_pct"], lang, signed=True),
        "growth_pen": percent(comparison.loc["PEN", "annual_growth_pct"], lang, signed=True),
        "rate_first": rate(rates.iloc[0], lang),
        "rate_last": rate(rates.iloc[-1], lang),
        "rate_change": percent(rate_change, lang, signed=True),
        "sol_sentence": sol_sentence(rate_change, lang),
        "currency_gap": gap,
    }


# Figures ---------------------------------------------------------------------------------


def budget_figure(budget: pd.DataFrame, edition: Edition) -> Exhibit:
    lang, currency = edition.lang, edition.currency
    trend = trend_table(budget, edition)
    amounts = trend["amount"]
    change = percent_change(amounts)
    lowest = int(amounts.idxmin())
    values = {
        "currency": currency_words(edition),
        "basis": basis_words(edition),
        "first_year": amounts.index[0],
        "last_year": amounts.index[-1],
        "first": millions(amounts.iloc[0], currency, lang),
        "last": millions(amounts.iloc[-1], currency, lang),
        "change": percent(change, lang, signed=True),
        "lowest_year": lowest,
        "lowest": millions(amounts[lowest], currency, lang),
    }
    chart = annual_bars(
        amounts,
        lang=lang,
        ylabel=tr("Millions of {currency}", lang, **values),
        title=tr("DEVIDA annual budget ({basis})", lang, **values),
    )
    caption = tr(
        "The annual budget of DEVIDA (National Commission for Development and Life "
        "without Drugs, Peru's drug authority), in millions of {currency}, {basis}. "
        "From {first_year} to {last_year} it changed by {change}.",
        lang,
        **values,
    )
    alt = tr(
        "Bar chart of DEVIDA's annual budget in millions of {currency}, {basis}: {first} "
        "in {first_year} and {last} in {last_year}, a change of {change}; the lowest year "
        "is {lowest_year} ({lowest}).",
        lang,
        **values,
    )
    return Exhibit(
        "fig-devida-budget", CHAPTER, chart, caption, alt, where(*DEVIDA_WHERE, lang), edition
    )


def index_figure(budget: pd.DataFrame, edition: Edition) -> Exhibit:
    lang = edition.lang
    indices = index_by_currency(budget, edition)
    lines = indices.rename(columns={"USD": tr("In US dollars", lang), "PEN": tr("In soles", lang)})
    values = {
        "year": indices.index[0],
        "basis": basis_words(edition),
        "last_year": indices.index[-1],
        "usd": number(indices["USD"].iloc[-1], lang, 1),
        "pen": number(indices["PEN"].iloc[-1], lang, 1),
    }
    chart = labelled_lines(
        lines,
        lang=lang,
        reference=100,
        ylabel=tr("Index ({year} = 100)", lang, **values),
        title=tr("DEVIDA budget in dollars and in soles", lang),
    )
    if edition.price_basis == "real":
        caption = tr(
            "DEVIDA's budget as an index ({year} = 100) in US dollars and in soles, "
            "{basis}. The distance between the lines is the movement of the exchange "
            "rate and the difference between US and Peruvian inflation, not a "
            "difference in the budget.",
            lang,
            **values,
        )
    else:
        caption = tr(
            "DEVIDA's budget as an index ({year} = 100) in US dollars and in soles, "
            "{basis}. The distance between the lines is the movement of the exchange "
            "rate, not a difference in the budget.",
            lang,
            **values,
        )
    alt = tr(
        "Two lines, DEVIDA's budget in US dollars and in soles as an index with {year} "
        "= 100, {basis}; in {last_year} the dollar line stands at {usd} and the soles "
        "line at {pen}.",
        lang,
        **values,
    )
    return Exhibit(
        "fig-devida-index",
        CHAPTER,
        chart,
        caption,
        alt,
        where(*DEVIDA_WHERE, lang),
        edition,
        currencies=("USD", "PEN"),  # both lines: each currency's price index
    )


# Tables ----------------------------------------------------------------------------------


def printed_table(budget: pd.DataFrame, edition: Edition) -> Table:
    """The edition's years with the report's own text in both currencies."""
    lang = edition.lang
    columns = {
        tr("In {currency} (as printed)", lang, currency=currency_name(code, lang)): edition_rows(
            budget, edition, code
        ).set_index("year")["printed"]
        for code in ("USD", "PEN")
    }
    frame = pd.DataFrame(columns)
    return table(
        frame,
        id="devida-printed",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("DEVIDA's annual budget as printed in the report", lang),
        right=list(frame.columns),
        as_printed=True,
    )


def trend_display(trend: pd.DataFrame, edition: Edition) -> Table:
    """The year-by-year table of `trend` (compute/budgets.trend_table), as the book shows it."""
    lang = edition.lang
    frame = pd.DataFrame(
        {
            tr(
                "Budget (millions of {currency}, {basis})",
                lang,
                currency=currency_words(edition),
                basis=basis_words(edition),
            ): trend["amount"] / 1e6,
            tr("Change on the year before (%)", lang): trend["change_pct"],
            tr("Index ({year} = 100)", lang, year=trend.index[0]): trend["index"],
        }
    )
    return table(
        frame,
        id="devida-trend",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("DEVIDA's budget year by year", lang),
        decimals=dict.fromkeys(frame.columns, 1),
    )


def comparison_display(comparison: pd.DataFrame, edition: Edition) -> Table:
    """The two-currency table of `comparison` (compute/budgets.currency_comparison)."""
    lang = edition.lang
    first, last = edition.start_year, edition.end_year
    frame = pd.DataFrame(
        {
            tr("{year} (millions)", lang, year=first): comparison["first"] / 1e6,
            tr("{year} (millions)", lang, year=last): comparison["last"] / 1e6,
            tr("Change over the period (%)", lang): comparison["change_pct"],
            tr("Compound change per year (%)", lang): comparison["annual_growth_pct"],
        }
    )
    frame.index = [currency_name(code, lang) for code in frame.index]
    return table(
        frame,
        id="devida-currencies",
        lang=lang,
        stub=tr("Currency", lang),
        title=tr("One budget in two currencies ({basis})", lang, basis=basis_words(edition)),
        decimals=dict.fromkeys(frame.columns, 1),
    )


def direction_of_budget(budget: pd.DataFrame, edition: Edition) -> str:
    """'up', 'down' or 'flat' over the edition's period, in its currency and price basis."""
    return direction(percent_change(trend_table(budget, edition)["amount"]))
