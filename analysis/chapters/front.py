"""The front page: the headline findings of this edition, one figure, where to go next."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from analysis.chapters.coverage_gaps.numbers import Coverage
from analysis.chapters.coverage_gaps.words import checklist_name
from analysis.chapters.devida_budget import currency_comparison, trend_table
from analysis.chapters.money import basis_words, currency_words
from analysis.chapters.opd_funding import shares_of_devida
from analysis.chapters.pillars import coding_sentence
from analysis.compute.register import PILLARS, STATUSES
from analysis.contract.load import load_table
from analysis.edition.parameters import Edition
from analysis.exhibits.charts import stacked_counts
from analysis.exhibits.citation import book_citation_apa, report_url
from analysis.exhibits.formats import millions, percent
from analysis.exhibits.markup import escape
from analysis.exhibits.prose import choose
from analysis.exhibits.publish import Exhibit, escape_citation
from analysis.exhibits.terms import edition_label, pillar_name, status_name
from analysis.exhibits.words import in_sentence, tr

CHAPTER = "intro"


def budget_finding(budget: pd.DataFrame, edition: Edition) -> str:
    lang, currency = edition.lang, edition.currency
    amounts = trend_table(budget, edition)["amount"]
    change = currency_comparison(budget, edition).loc[currency, "change_pct"]
    values = {
        "first_year": amounts.index[0],
        "last_year": amounts.index[-1],
        "first": millions(amounts.iloc[0], currency, lang),
        "last": millions(amounts.iloc[-1], currency, lang),
        "change": percent(abs(change), lang),
        "currency": currency_words(edition),
        "basis": basis_words(edition),
    }
    return choose(
        change,
        up=tr(
            "DEVIDA, Peru's drug authority, had {first} in {first_year} and {last} in "
            "{last_year}: {change} more ({currency}, {basis}).",
            lang,
            **values,
        ),
        down=tr(
            "DEVIDA, Peru's drug authority, had {first} in {first_year} and {last} in "
            "{last_year}: {change} less ({currency}, {basis}).",
            lang,
            **values,
        ),
        flat=tr(
            "DEVIDA, Peru's drug authority, had {first} in both {first_year} and "
            "{last_year} ({currency}, {basis}).",
            lang,
            **values,
        ),
    )


def share_finding(edition: Edition) -> str:
    readings = shares_of_devida(load_table("opd-budget"), load_table("devida-budget"), edition)
    last = readings.index[-1]
    return tr(
        "Its drug observatory's budget came to {all} of DEVIDA's in {year}, or {own} "
        "counting only the lines not labelled as transfers from partners.",
        edition.lang,
        all=percent(readings.loc[last, "all_lines"], edition.lang, decimals=2),
        own=percent(readings.loc[last, "own_lines"], edition.lang, decimals=2),
        year=last,
    )


def status_finding(coverage: Coverage) -> str:
    total = coverage.pillars.loc["all"]
    counts = pd.Series({status: int(total[status]) for status in STATUSES})
    return coding_sentence(counts, coverage.lang, evaluated=True)


def gap_finding(coverage: Coverage) -> str:
    lists = [item for item in coverage.checklists if item.key != "din-stakeholders-text"]
    thinnest = min(lists, key=lambda item: item.share)
    values = {
        "name": in_sentence(checklist_name(thinnest.key, coverage.lang)),
        "have": thinnest.have,
        "total": thinnest.total,
    }
    if thinnest.have == 1:
        return tr(
            "The thinnest of the report's yes/no lists is that of {name}: one of its "
            "{total} entries is a yes.",
            coverage.lang,
            **values,
        )
    return tr(
        "The thinnest of the report's yes/no lists is that of {name}: {have} of its "
        "{total} entries are a yes.",
        coverage.lang,
        **values,
    )


def findings(edition: Edition) -> dict[str, str]:
    coverage = Coverage(edition)
    budget = load_table("devida-budget")
    return {
        "budget_finding": budget_finding(budget, edition),
        "share_finding": share_finding(edition),
        "status_finding": status_finding(coverage),
        "gap_finding": gap_finding(coverage),
    }


def report_link(lang: str) -> Markdown:
    """A link to the report's public page at the OAS, from CITATION.cff."""
    title = tr("the MEM's page at OAS/CICAD, where the country reports are published", lang)
    return Markdown(f"[{escape(title)}]({report_url(lang)})")


def citation_text(edition: Edition) -> Markdown:
    return Markdown(escape_citation(book_citation_apa(edition.lang, edition_label(edition))))


def headline_figure(edition: Edition) -> Exhibit:
    """The priority actions of each pillar by status (this book's coding)."""
    lang = edition.lang
    coverage = Coverage(edition)
    counts = coverage.pillars.loc[list(PILLARS), STATUSES].astype(int)
    counts.index = [pillar_name(code, lang) for code in PILLARS]
    counts.columns = [status_name(s, lang) for s in STATUSES]
    chart = stacked_counts(
        counts,
        lang=lang,
        xlabel=tr("priority actions", lang),
        title=tr("The report's priority actions by pillar and status (this book's coding)", lang),
    )
    total = coverage.pillars.loc["all"]
    caption = tr(
        "How this book codes the report's priority actions, pillar by pillar; the "
        "report itself gives no ratings.",
        lang,
    )
    alt = tr(
        "Stacked bars for the three pillars: of {n} priority actions, {met} met, "
        "{partial} partially met, {not_met} not met and {none} without information.",
        lang,
        n=int(total["actions"]),
        met=int(total["met"]),
        partial=int(total["partially met"]),
        not_met=int(total["not met"]),
        none=int(total["no information"]),
    )
    return Exhibit(
        "fig-headline-statuses",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action", lang),
        edition,
        uses=(),
        coded=True,
    )
