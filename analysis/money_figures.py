"""The figures of the money chapters: recipe, words (in the edition's language), provenance."""

from __future__ import annotations

import pandas as pd

from analysis.exhibits import Exhibit
from analysis.figures import annual_bars, labelled_lines, stacked_bars
from analysis.formats import percent
from analysis.i18n import basis_name, currency_name, text
from analysis.opd import labelled
from analysis.parameters import Edition

DEVIDA = ("where.is_1_3",)
OPD = ("where.rime_1_1",)


def currency_words(edition: Edition) -> str:
    return currency_name(edition.currency, edition.lang)


def basis_words(edition: Edition) -> str:
    return basis_name(edition.price_basis, edition.base, edition.lang)


def devida_budget(trend: pd.DataFrame, change_pct: float, edition: Edition) -> Exhibit:
    lang, currency, basis = edition.lang, currency_words(edition), basis_words(edition)
    chart = annual_bars(
        trend["amount"],
        ylabel=text("devida_budget.ylabel", lang, currency=currency),
        title=text("devida_budget.title", lang, basis=basis),
    )
    caption = text("devida_budget.caption", lang, currency=currency, basis=basis,
                   change=percent(change_pct, signed=True))  # fmt: skip
    return Exhibit("fig-devida-budget", chart, caption, text("devida_budget.alt", lang), DEVIDA,
                   edition)  # fmt: skip


def devida_index(index_by_currency: pd.DataFrame, edition: Edition) -> Exhibit:
    lang = edition.lang
    lines = index_by_currency.rename(columns=lambda c: text(f"currency.{c}", lang))
    chart = labelled_lines(
        lines,
        ylabel=text("devida_index.ylabel", lang, year=edition.base),
        title=text("devida_index.title", lang),
        reference=100,
    )
    caption = text("devida_index.caption", lang, year=edition.base, basis=basis_words(edition))
    return Exhibit("fig-devida-index", chart, caption, text("devida_index.alt", lang), DEVIDA,
                   edition)  # fmt: skip


def exchange_rates(comparison: pd.DataFrame, widest_year: int, edition: Edition) -> Exhibit:
    lang = edition.lang
    lines = comparison[["implied", "stated"]].rename(
        columns={"implied": text("rates.implied", lang), "stated": text("rates.stated", lang)}
    )
    chart = labelled_lines(lines, ylabel=text("rates.ylabel", lang),
                           title=text("rates.title", lang), decimals=3)  # fmt: skip
    caption = text("rates.caption", lang, year=widest_year)
    return Exhibit("fig-exchange-rates", chart, caption, text("rates.alt", lang), DEVIDA + OPD,
                   edition)  # fmt: skip


def opd_composition(grouped: pd.DataFrame, transfers: pd.Series, edition: Edition) -> Exhibit:
    lang, currency, basis = edition.lang, currency_words(edition), basis_words(edition)
    chart = stacked_bars(
        labelled(grouped, lang),
        ylabel=text("opd_composition.ylabel", lang, currency=currency),
        title=text("opd_composition.title", lang, basis=basis),
    )
    caption = text("opd_composition.caption", lang, currency=currency, basis=basis,
                   low=percent(transfers.min()), high=percent(transfers.max()))  # fmt: skip
    return Exhibit("fig-opd-composition", chart, caption, text("opd_composition.alt", lang), OPD,
                   edition)  # fmt: skip


def opd_share(share: pd.Series, edition: Edition) -> Exhibit:
    lang = edition.lang
    chart = annual_bars(share, ylabel=text("opd_share.ylabel", lang),
                        title=text("opd_share.title", lang), unit=1, fmt="{:.2f}")  # fmt: skip
    caption = text("opd_share.caption", lang, currency=currency_words(edition),
                   first=percent(share.iloc[0], decimals=2),
                   last=percent(share.iloc[-1], decimals=2))  # fmt: skip
    return Exhibit("fig-opd-share", chart, caption, text("opd_share.alt", lang), DEVIDA + OPD,
                   edition)  # fmt: skip
