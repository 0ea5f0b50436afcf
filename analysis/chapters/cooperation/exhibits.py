"""International cooperation, the exhibits: its figures and tables."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.cooperation.numbers import (
    CHANNELS,
    CHAPTER,
    Cooperation,
    unodc_line,
)
from analysis.chapters.cooperation.words import (
    acronyms_note,
    channel_name,
    partner_label,
)
from analysis.chapters.money import OPD_WHERE, basis_words, currency_words
from analysis.chapters.table_specs import table_of
from analysis.contract.parameters import FIRST_YEAR, LAST_YEAR
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.formats import money
from analysis.exhibits.language import capitalised, names, tr
from analysis.exhibits.recipes import annual_bars, check_matrix, horizontal_bars
from analysis.exhibits.tables import Table
from analysis.exhibits.terms import region_name


def channels_figure(c: Cooperation) -> Exhibit:
    lang, m = c.lang, c.channels
    marks = m.copy()
    marks.index = [capitalised(partner_label(p, lang)) for p in m.index]
    marks.columns = [channel_name(ch, lang) for ch in m.columns]
    chart = check_matrix(
        marks.rename_axis(tr("partner", lang)),
        lang=lang,
        height=7.0,
        yes=tr("used", lang),
        no=tr("not named", lang),
        title=tr("Peru's cooperation partners and channels", lang),
    )
    counts = m.sum(axis=1)
    caption = tr(
        "Partners (countries and organisations) by channel of cooperation, from the "
        "report's lists under Institutional Strengthening 3.3 and International "
        "Cooperation 1.1 and 1.2: a filled dot where the report names the partner for "
        "that channel. The channels are this book's grouping of those lists.",
        lang,
    )
    caption += " " + acronyms_note(m.index, lang) + "."
    alt = tr(
        "Matrix of {n} partners by {k} channels. In the most channels ({most}): {top}. "
        "In one channel only: {single} partners.",
        lang,
        n=len(m),
        k=len(CHANNELS),
        top=names([partner_label(p, lang) for p in counts.index[counts == counts.max()]], lang),
        most=int(counts.max()),
        single=int((counts == 1).sum()),
    )
    source = f"{where('IS', '3.3', lang)}; {where('IC', '1.1-1.2', lang)}"
    return Exhibit(
        "fig-cooperation-channels", CHAPTER, chart, caption, alt, source, c.edition, uses=()
    )


def regions_figure(c: Cooperation) -> Exhibit:
    lang, mechanisms = c.lang, c.t["bilateral-mechanisms"]
    counts = mechanisms["region"].value_counts().sort_values(ascending=False, kind="stable")
    shown = pd.Series(counts.to_numpy(), index=[region_name(r, lang) for r in counts.index])
    chart = horizontal_bars(
        shown,
        lang=lang,
        height=3.6,
        xlabel=tr("countries", lang),
        title=tr("Countries with a bilateral mechanism, by region", lang),
    )
    caption = tr(
        "Countries with which Peru has a bilateral mechanism against drug-trafficking "
        "groups (joint commissions, and other agreements and assistance the report lists "
        "with them), by region (this book's grouping).",
        lang,
    )
    alt = tr(
        "Bars of {n} countries by region: {parts}.",
        lang,
        n=int(counts.sum()),
        parts=names([f"{region_name(r, lang)} {int(k)}" for r, k in counts.items()], lang),
    )
    source = where("IC", "1.1", lang)
    return Exhibit(
        "fig-bilateral-regions", CHAPTER, chart, caption, alt, source, c.edition, uses=()
    )


def unodc_figure(c: Cooperation) -> Exhibit:
    lang, line = c.lang, unodc_line(c)
    chart = annual_bars(
        line["amount"],
        lang=lang,
        unit=1e3,
        decimals=0,
        ylabel=tr("Thousands of {currency}", lang, currency=currency_words(c.edition)),
        title=tr(
            "The observatory's UNODC transfer line ({basis})", lang, basis=basis_words(c.edition)
        ),
    )
    caption = tr(
        "The line of the Peruvian Drug Observatory's (OPD) budget labelled as "
        "transfers from the United Nations Office on Drugs and Crime (UNODC), in "
        "thousands of {currency}, {basis}. Its footnote says the line includes transfers to "
        "other public institutions and to international cooperation for preparing the "
        "coca-cultivation monitoring report.",
        lang,
        currency=currency_words(c.edition),
        basis=basis_words(c.edition),
    )
    high = int(line["amount"].idxmax())
    alt = tr(
        "Bars of the UNODC line per year from {first} to {last}; the highest year is "
        "{high} ({amount}).",
        lang,
        first=int(line.index[0]),
        last=int(line.index[-1]),
        high=high,
        amount=money(round(line.loc[high, "amount"]), c.edition.currency, lang),
    )
    return Exhibit(
        "fig-unodc-line", CHAPTER, chart, caption, alt, where(*OPD_WHERE, lang), c.edition
    )


def programmes_table(c: Cooperation) -> Table:
    return table_of("cooperation-programmes", c.t["cooperation-programmes"], c.lang)


def mechanisms_table(c: Cooperation) -> Table:
    return table_of("bilateral-mechanisms", c.t["bilateral-mechanisms"], c.lang)


def uses_table(c: Cooperation) -> Table:
    return table_of("intelligence-uses", c.t["intelligence-exchange-uses"], c.lang)


def conventions_table(c: Cooperation) -> Table:
    return table_of("conventions", c.t["conventions"], c.lang)


def measures_table(c: Cooperation) -> Table:
    return table_of(
        "legal-measures", c.t["legal-measures"], c.lang, first=FIRST_YEAR, last=LAST_YEAR
    )
