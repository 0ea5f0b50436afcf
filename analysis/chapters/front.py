"""The front page: the headline findings of this edition, one figure, where to go next."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from analysis.chapters.money import basis_words
from analysis.chapters.pillars import coding_sentence, unanswered
from analysis.chapters.scores import range_sentence
from analysis.compute.budgets import currency_comparison, shares_of_devida, trend_table
from analysis.compute.coverage import Coverage
from analysis.compute.register import PILLARS, STATUSES
from analysis.contract.load import load_table
from analysis.contract.parameters import FIRST_YEAR, LAST_YEAR, Edition
from analysis.exhibits.citation import (
    book_citation_apa,
    cited_address,
    permanence_words,
    report_url,
)
from analysis.exhibits.edition_words import edition_label
from analysis.exhibits.figure import Exhibit
from analysis.exhibits.figures_page import escape_citation
from analysis.exhibits.formats import millions, percent
from analysis.exhibits.language import in_sentence, tr
from analysis.exhibits.markup import escape
from analysis.exhibits.prose import choose
from analysis.exhibits.recipes import stacked_counts
from analysis.exhibits.terms import (
    checklist_name,
    coding_label,
    currency_name,
    pillar_name,
    status_name,
)

CHAPTER = "intro"


def budget_finding(budget: pd.DataFrame, edition: Edition) -> str:
    """DEVIDA's budget at both ends of the period and its change in both currencies (each may
    rise while the other falls); the report gives both."""
    lang, currency = edition.lang, edition.currency
    amounts = trend_table(budget, edition)["amount"]
    changes = currency_comparison(budget, edition)["change_pct"]
    other = "PEN" if currency == "USD" else "USD"
    sentence = tr(
        "DEVIDA, Peru's drug authority, was allocated {first} from regular Treasury "
        "resources in {first_year} and {last} in {last_year} ({basis}): {change} in "
        "{currency} and {other_change} in {other_currency}.",
        lang,
        first=millions(amounts.iloc[0], currency, lang),
        last=millions(amounts.iloc[-1], currency, lang),
        first_year=amounts.index[0],
        last_year=amounts.index[-1],
        basis=basis_words(edition),
        change=change_words(changes[currency], lang),
        currency=currency_name(currency, lang),
        other_change=change_words(changes[other], lang),
        other_currency=currency_name(other, lang),
    )
    return (
        sentence
        + " "
        + tr(
            "The report gives DEVIDA's budget in both currencies, its dollar amounts implying "
            "a different exchange rate each year.",
            lang,
        )
    )


def change_words(change_pct: float, lang: str) -> str:
    """'24.0% less', '3.1% more' or 'no change', by the sign of the change."""
    value = percent(abs(change_pct), lang)
    return choose(
        change_pct,
        up=tr("{change} more", lang, change=value),
        down=tr("{change} less", lang, change=value),
        flat=tr("no change", lang),
    )


def evidence_finding(lang: str) -> str:
    """What the report's findings rest on (its preface)."""
    return tr(
        "The report's findings rest on information that Peru's national coordinating entity "
        "supplied (the round asks countries for means of verification), assessed by the MEM's "
        "Governmental Expert Group (experts from other member states), and cover {first} to "
        "{last} unless the report says otherwise.",
        lang,
        first=FIRST_YEAR,
        last=LAST_YEAR,
    )


def share_finding(edition: Edition) -> str:
    readings = shares_of_devida(load_table("opd-budget"), load_table("devida-budget"), edition)
    last = readings.index[-1]
    return tr(
        "Its drug observatory's budget came to {all} of DEVIDA's in {year}, both in soles, "
        "or {own} counting only the lines not labelled as transfers from UNODC and CONIDA "
        "(the report's footnote says those lines include transfers to other institutions "
        "and to international cooperation for the coca-monitoring report).",
        edition.lang,
        all=percent(readings.loc[last, "all_lines"], edition.lang, decimals=2),
        own=percent(readings.loc[last, "own_lines"], edition.lang, decimals=2),
        year=last,
    )


def status_finding(coverage: Coverage) -> str:
    total = coverage.pillars.loc["all"]
    counts = pd.Series({status: int(total[status]) for status in STATUSES})
    reader = int((coverage.coded["coded_by"] == "reader").sum())
    labels, why = unanswered(coverage.coded, coverage.lang)
    sentence = coding_sentence(counts, coverage.lang, evaluated=True, reader=reader, without=labels)
    return f"{sentence} {why}" if why else sentence


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
        "range_finding": range_sentence(coverage),
        "gap_finding": gap_finding(coverage),
        "evidence_finding": evidence_finding(edition.lang),
    }


def report_link(lang: str) -> Markdown:
    """A link to the report's public page at the OAS, from CITATION.cff."""
    title = tr("the MEM's page at OAS/CICAD, where the country reports are published", lang)
    return Markdown(f"[{escape(title)}]({report_url(lang)})")


def citation_text(edition: Edition) -> Markdown:
    address = cited_address(edition)
    text = escape_citation(book_citation_apa(edition.lang, edition_label(edition), address))
    promise = permanence_words(edition.lang, address)
    return Markdown(f"{text}\n\n{escape(promise)}" if promise else text)


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
        title=tr(
            "The report's priority actions by pillar and status ({coding})",
            lang,
            coding=coding_label(coverage.coded, lang),
        ),
    )
    total = coverage.pillars.loc["all"]
    caption = tr(
        "The report's priority actions, pillar by pillar, by their status in {coding}; the "
        "report itself gives no ratings.",
        lang,
        coding=coding_label(coverage.coded, lang),
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
        uses=("codings",),
        coded=True,
    )
