"""Chapter "How the drug observatory is funded" (report: RIME, priority action 1.1).

The observatory's (OPD) budget in the edition's currency and prices, its lines grouped and
its share of DEVIDA's, are computed in `compute/budgets.py`; here are their words, figures
and tables.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.money import DEVIDA_WHERE, OPD_WHERE, basis_words, currency_words
from analysis.compute.budgets import by_group, opd_lines, shares, shares_of_devida
from analysis.compute.reconcile import opd_totals
from analysis.contract.parameters import Edition
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.formats import money, percent
from analysis.exhibits.language import label as data_label
from analysis.exhibits.language import tr
from analysis.exhibits.prose import choose
from analysis.exhibits.recipes import labelled_lines, stacked_bars
from analysis.exhibits.tables import Table, table

CHAPTER = "opd-funding"


def line_name(code: str, lang: str) -> str:
    """The words for a line or group code."""
    return {
        "goods_services": tr("Goods and services", lang),
        "financial_assets": tr("Financial assets", lang),
        "other": tr("Other expenses", lang),
        "salaries": tr("Salaries", lang),
        "transfers_unodc": tr("Transfer line: UNODC", lang),
        "transfers_conida": tr("Transfer line: CONIDA", lang),
        "own": tr("DEVIDA's own lines", lang),
        "transfers": tr("Transfer lines (UNODC, CONIDA)", lang),
    }[code]


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The same frame with its code columns named in words."""
    return frame.rename(columns=lambda code: line_name(code, lang))


# Sentences -------------------------------------------------------------------------------


def _span(first: int, last: int, lang: str) -> str:
    return str(first) if first == last else tr("{first} to {last}", lang, first=first, last=last)


def totals_sentence(totals: pd.DataFrame, lang: str) -> str:
    """How the printed totals compare with the sums of their lines, in the years shown."""
    off = totals[totals["difference"] != 0]
    if off.empty:
        return tr("In every year shown the printed total equals the sum of its lines.", lang)
    return tr(
        "Summing the printed lines does not always give the printed total: in {n} of "
        "the {years} years shown it is off by at most {gap}, by rounding.",
        lang,
        n=len(off),
        years=len(totals),
        gap=money(off["difference"].abs().max(), "USD", lang, decimals=2),
    )


def total_sentence(total: pd.Series, edition: Edition) -> str:
    lang, currency = edition.lang, edition.currency
    first, last = int(total.index[0]), int(total.index[-1])
    values = {
        "first_year": first,
        "last_year": last,
        "first": money(round(total.iloc[0]), currency, lang),
        "last": money(round(total.iloc[-1]), currency, lang),
    }
    if first == last:
        return tr(
            "In {first_year}, the only year of the table in this edition, the "
            "observatory had {first}.",
            lang,
            **values,
        )
    change = (total.iloc[-1] / total.iloc[0] - 1) * 100
    values["change"] = percent(abs(change), lang)
    return choose(
        change,
        up=tr(
            "In {first_year} the observatory had {first}; in {last_year}, {last}: {change} more.",
            lang,
            **values,
        ),
        down=tr(
            "In {first_year} the observatory had {first}; in {last_year}, {last}: {change} less.",
            lang,
            **values,
        ),
        flat=tr(
            "The observatory had {first} in {first_year} and the same in {last_year}.",
            lang,
            **values,
        ),
    )


def share_range(values: pd.Series, lang: str, decimals: int = 1) -> str:
    """'between 38.9% and 57.0%', or one value when they agree."""
    low, high = (
        percent(values.min(), lang, decimals=decimals),
        percent(values.max(), lang, decimals=decimals),
    )
    return low if low == high else tr("between {low} and {high}", lang, low=low, high=high)


def share_sentence(shares: pd.DataFrame, lang: str) -> str:
    """The observatory's share of DEVIDA's budget in both readings, first and last year."""
    first, last = shares.index[0], shares.index[-1]
    values = {
        "first_year": first,
        "last_year": last,
        "all_first": percent(shares.loc[first, "all_lines"], lang, decimals=2),
        "all_last": percent(shares.loc[last, "all_lines"], lang, decimals=2),
        "own_first": percent(shares.loc[first, "own_lines"], lang, decimals=2),
        "own_last": percent(shares.loc[last, "own_lines"], lang, decimals=2),
    }
    if first == last:
        return tr(
            "In {first_year} the whole observatory budget came to {all_first} of "
            "DEVIDA's; the lines not labelled as transfers, to {own_first}.",
            lang,
            **values,
        )
    change = shares.loc[last, "all_lines"] - shares.loc[first, "all_lines"]
    return choose(
        change,
        up=tr(
            "The whole observatory budget rose from {all_first} of DEVIDA's in {first_year} "
            "to {all_last} in {last_year}; the lines not labelled as transfers went from "
            "{own_first} to {own_last}.",
            lang,
            **values,
        ),
        down=tr(
            "The whole observatory budget fell from {all_first} of DEVIDA's in "
            "{first_year} to {all_last} in {last_year}; the lines not labelled as transfers "
            "went from {own_first} to {own_last}.",
            lang,
            **values,
        ),
        flat=tr(
            "The whole observatory budget stayed at {all_first} of DEVIDA's from "
            "{first_year} to {last_year}; the lines not labelled as transfers went from "
            "{own_first} to {own_last}.",
            lang,
            **values,
        ),
    )


def grouping_words(edition: Edition) -> str:
    return (
        tr("expense category", edition.lang)
        if edition.opd_grouping == "category"
        else tr("DEVIDA's own lines against the transfer lines", edition.lang)
    )


def phrases(
    rows: pd.DataFrame, printed_totals: pd.DataFrame, budget: pd.DataFrame, edition: Edition
) -> dict[str, str]:
    """Every value and sentence the chapter's prose glues, computed for this edition."""
    lang = edition.lang
    amounts = opd_lines(rows, edition)
    total = amounts.sum(axis=1)
    transfers = shares(by_group(amounts, "source"))["transfers"]
    totals = opd_totals(rows, printed_totals)
    totals = totals[totals.index.isin(list(edition.years))]
    years = list(amounts.index)
    return {
        "opd_years": _span(years[0], years[-1], lang),
        "totals_sentence": totals_sentence(totals, lang),
        "total_sentence": total_sentence(total, edition),
        "currency_name": currency_words(edition),
        "basis": basis_words(edition),
        "grouping": grouping_words(edition),
        "transfers_range": share_range(transfers, lang),
        "share_sentence": share_sentence(shares_of_devida(rows, budget, edition), lang),
    }


# Figures ---------------------------------------------------------------------------------


def composition_figure(rows: pd.DataFrame, edition: Edition) -> Exhibit:
    lang, currency = edition.lang, edition.currency
    amounts = opd_lines(rows, edition)
    grouped = by_group(amounts, edition.opd_grouping)
    transfers = shares(by_group(amounts, "source"))["transfers"]
    total = amounts.sum(axis=1)
    largest = grouped.sum().idxmax()
    values = {
        "currency": currency_words(edition),
        "basis": basis_words(edition),
        "range": share_range(transfers, lang),
        "largest": line_name(largest, lang),
        "first_year": total.index[0],
        "last_year": total.index[-1],
        "first": money(round(total.iloc[0]), currency, lang),
        "last": money(round(total.iloc[-1]), currency, lang),
    }
    chart = stacked_bars(
        labelled(grouped, lang),
        lang=lang,
        ylabel=tr("Thousands of {currency}", lang, **values),
        title=tr("Drug observatory (OPD) budget by line ({basis})", lang, **values),
    )
    caption = tr(
        "The budget of the Peruvian Drug Observatory (OPD) per year in thousands of "
        "{currency}, {basis}, stacked by line; the number above each bar is the "
        "year's total. The lines labelled as transfers from the United Nations Office on "
        "Drugs and Crime (UNODC) and the National Aerospace Research and Development "
        "Commission (CONIDA) make up {range} of it.",
        lang,
        **values,
    )
    tiny = [line for line in grouped if (grouped[line] / total).max() < 0.01]
    for line in tiny:
        caption += " " + tr(
            "{line} is too small to see at this scale: at most {amount} in a year.",
            lang,
            line=line_name(line, lang),
            amount=money(grouped[line].max(), currency, lang, decimals=0),
        )
    alt = tr(
        "Stacked bars of the observatory's budget per year, {basis}: {first} in "
        "{first_year} and {last} in {last_year}; over the years shown the largest line is "
        "{largest}, and the transfer lines make up {range} of the total.",
        lang,
        **values,
    )
    return Exhibit(
        "fig-opd-composition", CHAPTER, chart, caption, alt, where(*OPD_WHERE, lang), edition
    )


def share_figure(rows: pd.DataFrame, budget: pd.DataFrame, edition: Edition) -> Exhibit:
    lang = edition.lang
    readings = shares_of_devida(rows, budget, edition)
    lines = readings.rename(
        columns={
            "all_lines": tr("Whole OPD budget", lang),
            "own_lines": tr("Lines not labelled as transfers", lang),
        }
    )
    last = readings.index[-1]
    values = {
        "currency": currency_words(edition),
        "last_year": last,
        "all": percent(readings.loc[last, "all_lines"], lang, decimals=2),
        "own": percent(readings.loc[last, "own_lines"], lang, decimals=2),
    }
    chart = labelled_lines(
        lines,
        lang=lang,
        decimals=2,
        ylabel=tr("% of DEVIDA's budget", lang),
        title=tr("The observatory's budget as a share of DEVIDA's", lang),
    )
    caption = tr(
        "The Peruvian Drug Observatory's (OPD) budget as a percentage of DEVIDA's "
        "Treasury budget, per year, both in soles (the two tables' dollar amounts rest on "
        "different exchange rates): the whole OPD budget, and the lines that the report's "
        "table does not label as transfers from partners.",
        lang,
        **values,
    )
    alt = tr(
        "Two lines of the observatory's budget as a percentage of DEVIDA's: in "
        "{last_year} the whole budget is {all} and the lines not labelled as transfers "
        "{own}.",
        lang,
        **values,
    )
    return Exhibit(
        "fig-opd-share",
        CHAPTER,
        chart,
        caption,
        alt,
        f"{where(*DEVIDA_WHERE, lang)}; {where(*OPD_WHERE, lang)}",
        edition,
        uses=("start_year", "end_year", "fx_rates"),  # a ratio in soles: prices cancel
    )


# Tables ----------------------------------------------------------------------------------


def printed_table(rows: pd.DataFrame, printed_totals: pd.DataFrame, lang: str) -> Table:
    """The report's cells, its printed total row and its footnotes, as printed."""
    labels = list(dict.fromkeys(rows["label"]))
    wide = rows.pivot(index="label", columns="year", values="printed").loc[labels]
    wide.loc[tr("Total", lang)] = printed_totals.set_index("year")["printed"]
    wide.index = [data_label(name, lang) if name in labels else name for name in wide.index]
    wide.columns = [str(year) for year in wide.columns]
    notes = " ".join(
        [
            tr(
                "* Dollar amounts converted from soles at the SBS rates stated in the footnote "
                "(see the chapter on exchange rates).",
                lang,
            ),
            tr(
                "** The footnote says these lines include transfers to other public institutions "
                "and to international cooperation for the coca-cultivation monitoring report.",
                lang,
            ),
        ]
    )
    return table(
        wide,
        id="opd-printed",
        lang=lang,
        stub=tr("Expense category", lang),
        title=tr("Budget (in US dollars) for the operation of the OPD*, as printed", lang),
        right=list(wide.columns),
        note=notes,
        as_printed=True,
    )


def shares_display(composition: pd.DataFrame, edition: Edition) -> Table:
    """Each line's share of the year's total (compute/budgets.shares), lines named in words."""
    lang = edition.lang
    composition = labelled(composition, lang)
    return table(
        composition,
        id="opd-shares",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("Each line's share of the year's total (%)", lang),
        decimals=dict.fromkeys(composition.columns, 1),
    )


def share_display(readings: pd.DataFrame, edition: Edition) -> Table:
    """The observatory's share of DEVIDA's budget (compute/budgets.shares_of_devida)."""
    lang = edition.lang
    frame = readings.rename(
        columns={
            "all_lines": tr("Whole OPD budget (% of DEVIDA's)", lang),
            "own_lines": tr("Lines not labelled as transfers (% of DEVIDA's)", lang),
        }
    )
    return table(
        frame,
        id="opd-share",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("The observatory's budget as a share of DEVIDA's", lang),
        decimals=dict.fromkeys(frame.columns, 2),
    )
