"""Chapter "Two sets of exchange rates" (report: IS 1.3 table and RIME 1.1 footnote)."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.money import DEVIDA_WHERE, OPD_WHERE
from analysis.compute.rates import compare_rates
from analysis.contract.parameters import Edition
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.formats import date, rate
from analysis.exhibits.language import names, tr
from analysis.exhibits.recipes import labelled_lines
from analysis.exhibits.tables import Table, table

CHAPTER = "exchange-rates"
CLOSE = 0.05  # soles per dollar: rates nearer than this are "close"


def edition_comparison(devida: pd.DataFrame, stated: pd.DataFrame, edition: Edition):
    """Implied and stated rates for the edition's years that have both."""
    comparison = compare_rates(devida, stated)
    return comparison[comparison.index.isin(list(edition.years))]


def is_year_end(day: pd.Timestamp) -> bool:
    return day.month == 12 and day.day >= 30


def gap_sentence(comparison: pd.DataFrame, lang: str) -> str:
    """Where the two rates part, in words chosen from the gaps."""
    gap = comparison["difference"].abs()
    widest = int(gap.idxmax())
    values = {
        "n": len(comparison),
        "widest_year": widest,
        "implied": rate(comparison.loc[widest, "implied"], lang),
        "stated": rate(comparison.loc[widest, "stated"], lang),
        "date": date(comparison.loc[widest, "date"], lang),
        "others": rate(gap.drop(widest).max(), lang) if len(gap) > 1 else "",
    }
    opening = tr(
        "In {widest_year} the DEVIDA table implies {implied} soles per dollar, while "
        "the footnote gives {stated}, the rate of {date}.",
        lang,
        **values,
    )
    if len(gap) == 1:
        return (
            tr("Both tables cover only {widest_year} in this edition.", lang, **values)
            + " "
            + opening
        )
    if gap.drop(widest).max() < CLOSE:
        return (
            tr(
                "In the {n} years that both tables cover, the two rates are close except in "
                "{widest_year}.",
                lang,
                **values,
            )
            + " "
            + opening
            + " "
            + tr("In the other years they differ by at most {others} soles.", lang, **values)
        )
    return (
        tr(
            "In the {n} years that both tables cover, the two rates differ every year, "
            "most in {widest_year}.",
            lang,
            **values,
        )
        + " "
        + opening
    )


def dates_sentence(comparison: pd.DataFrame, lang: str) -> str:
    """Which stated rates are year-end rates."""
    odd = [int(year) for year, day in comparison["date"].items() if not is_year_end(day)]
    if not odd:
        return tr("Every stated rate in these years is a year-end rate.", lang)
    days = [date(comparison.loc[year, "date"], lang) for year in odd]
    if len(days) == 1:
        return tr(
            "The stated rates are year-end rates except that of {day}, taken during the year.",
            lang,
            day=days[0],
        )
    return tr(
        "The stated rates are year-end rates except {days}, taken during the year.",
        lang,
        days=names(days, lang),
    )


def rate_set_words(edition: Edition) -> str:
    lang = edition.lang
    return {
        "footnote": tr(
            "the rates stated under the observatory's budget table (SBS, given dates)", lang
        ),
        "implied": tr(
            "the rates implied by the DEVIDA budget table (soles divided by dollars)", lang
        ),
    }.get(edition.fx_rates, tr("the rates of a user's file", lang))


def phrases(comparison: pd.DataFrame, edition: Edition) -> dict[str, str]:
    lang = edition.lang
    return {
        "gap_sentence": gap_sentence(comparison, lang),
        "dates_sentence": dates_sentence(comparison, lang),
        "rate_set_used": rate_set_words(edition),
    }


def rates_figure(comparison: pd.DataFrame, edition: Edition) -> Exhibit:
    lang = edition.lang
    lines = comparison[["implied", "stated"]].rename(
        columns={
            "implied": tr("Implied (DEVIDA table)", lang),
            "stated": tr("Stated (OPD footnote)", lang),
        }
    )
    gap = comparison["difference"].abs()
    widest = int(gap.idxmax())
    values = {
        "year": widest,
        "implied": rate(comparison.loc[widest, "implied"], lang),
        "stated": rate(comparison.loc[widest, "stated"], lang),
    }
    chart = labelled_lines(
        lines,
        lang=lang,
        decimals=3,
        ylabel=tr("Soles per US dollar", lang),
        title=tr("Two sets of soles-per-dollar rates in the report", lang),
    )
    caption = tr(
        "Soles per US dollar implied by the budget table of DEVIDA (Peru's drug "
        "authority) and stated under the table of its drug observatory (OPD). The "
        "lines are furthest apart in {year}.",
        lang,
        **values,
    )
    alt = tr(
        "Two lines of soles-per-dollar rates by year; they are furthest apart in {year}, "
        "when the DEVIDA table implies {implied} and the observatory's footnote states "
        "{stated}.",
        lang,
        **values,
    )
    return Exhibit(
        "fig-exchange-rates",
        CHAPTER,
        chart,
        caption,
        alt,
        f"{where(*DEVIDA_WHERE, lang)}; {where(*OPD_WHERE, lang)}",
        edition,
    )


def comparison_display(comparison: pd.DataFrame, edition: Edition, id: str = "rates") -> Table:
    lang = edition.lang
    frame = pd.DataFrame(
        {
            tr("Implied by the DEVIDA table", lang): comparison["implied"],
            tr("Date of the stated rate", lang): [date(day, lang) for day in comparison["date"]],
            tr("Stated under the observatory's table", lang): comparison["stated"],
            tr("Implied minus stated", lang): comparison["difference"],
        },
        index=comparison.index,
    )
    numbers = [frame.columns[0], frame.columns[2], frame.columns[3]]
    return table(
        frame,
        id=id,
        lang=lang,
        stub=tr("Year", lang),
        title=tr("Soles per US dollar: implied and stated", lang),
        decimals=dict.fromkeys(numbers, 3),
    )
