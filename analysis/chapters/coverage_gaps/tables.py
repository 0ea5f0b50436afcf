"""Coverage gaps, the tables: the numbers behind each figure, and the registers."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.numbers import Coverage
from analysis.chapters.coverage_gaps.words import (
    checklist_name,
    dated_by_name,
    divergence_words,
    missing_label,
    objective_name,
    source_name,
    theme_name,
)
from analysis.compute.register import STATUSES
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import (
    action_label,
    answer_name,
    pillar_name,
    status_name,
    tone_name,
)
from analysis.exhibits.words import capitalised, label, tr


def objectives_table(c: Coverage) -> Table:
    lang, o = c.lang, c.objectives
    frame = o[STATUSES].astype(int).rename(columns=lambda s: status_name(s, lang))
    frame[tr("Actions", lang)] = o["actions"].astype(int)
    frame[tr("Score (%)", lang)] = o["score"] * 100
    frame.index = [objective_name(c, p, n) for p, n in o.index]
    return table(
        frame,
        id="coverage-objectives",
        lang=lang,
        stub=tr("Objective", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("Status (this book's coding) of the priority actions, by objective", lang),
    )


def pillars_table(c: Coverage) -> Table:
    lang, p = c.lang, c.pillars
    frame = p[STATUSES].astype(int).rename(columns=lambda s: status_name(s, lang))
    frame[tr("Actions", lang)] = p["actions"].astype(int)
    frame[tr("Score (%)", lang)] = p["score"] * 100
    frame.index = [
        pillar_name(code, lang) if code != "all" else tr("All pillars", lang) for code in p.index
    ]
    return table(
        frame,
        id="coverage-pillars",
        lang=lang,
        stub=tr("Pillar", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("Status (this book's coding) of the priority actions, by pillar", lang),
    )


def checklists_table(c: Coverage) -> Table:
    lang = c.lang
    frame = pd.DataFrame(
        {
            tr("Present", lang): [item.have for item in c.checklists],
            tr("Of", lang): [item.total for item in c.checklists],
            tr("Missing rows", lang): [
                "; ".join(missing_label(item.key, m, lang) for m in item.missing) or "—"
                for item in c.checklists
            ],
        },
        index=[checklist_name(item.key, lang) for item in c.checklists],
    )
    return table(
        frame,
        id="coverage-checklists",
        lang=lang,
        stub=tr("List", lang),
        title=tr("The report's yes/no lists, 'k of n', with the rows missing", lang),
    )


def recency_table(c: Coverage) -> Table:
    lang, e = c.lang, c.evidence
    frame = pd.DataFrame(
        {
            tr("Kind", lang): [source_name(s, lang) for s in e["source"]],
            tr("Latest year", lang): e["year"].astype(str).tolist(),
            tr("The year is", lang): [dated_by_name(d, lang) for d in e["dated_by"]],
            tr("Age in {year} (years)", lang, year=c.edition.evaluation_year): e["age"].tolist(),
            tr("Dated", lang): [answer_name("yes" if d else "no", lang) for d in e["dated"]],
        },
        index=[label(item, lang) for item in e["item"]],
    )
    return table(
        frame,
        id="evidence-age",
        lang=lang,
        stub=tr("Item", lang),
        title=tr("The report's dated evidence, oldest first", lang),
    )


def gaps_table(c: Coverage, limitations: bool = False) -> Table:
    lang = c.lang
    found = c.limitations if limitations else c.gaps
    order = {code: i for i, code in enumerate(c.gaps["theme"].value_counts().index)}
    found = found.assign(order=found["theme"].map(order).fillna(len(order))).sort_values(
        ["order", "item"], kind="stable"
    )
    frame = pd.DataFrame(
        {
            tr("Theme", lang): [capitalised(theme_name(code, lang)) for code in found["theme"]],
            tr("Priority action", lang): [
                f"{action_label(a, lang)} {label(t, lang)}"
                for a, t in zip(found["action"], found["action_title"], strict=True)
            ],
            tr("Finding (answer: no)", lang): [label(f, lang) for f in found["finding"]],
        },
        index=found["item"].astype(str).tolist(),
    )
    if limitations:
        return table(
            frame,
            id="limitations",
            lang=lang,
            stub=tr("Item", lang),
            groups=tr("Theme", lang),
            title=tr("Limitations the report records but the actions do not ask about", lang),
        )
    return table(
        frame,
        id="gap-register",
        lang=lang,
        stub=tr("Item", lang),
        groups=tr("Theme", lang),
        title=tr(
            "The gap register: every 'no' on something a priority action asks "
            "for (this book's coding)",
            lang,
        ),
    )


def network_table(c: Coverage) -> Table:
    lang = c.lang
    stakeholders = c.tables["din-stakeholders"]
    by_key = {item.key: item for item in c.checklists}
    outside = set(by_key["din-stakeholders-text"].missing)
    frame = pd.DataFrame(
        {
            tr("Per the table", lang): [
                answer_name("yes" if v else "no", lang) for v in stakeholders["involved"]
            ],
            tr("Per the text", lang): [
                answer_name("no" if s in outside else "yes", lang)
                for s in stakeholders["stakeholder"]
            ],
        },
        index=[label(s, lang) for s in stakeholders["stakeholder"]],
    )
    return table(
        frame,
        id="network-stakeholders",
        lang=lang,
        stub=tr("Stakeholder", lang),
        title=tr("Who is in the drug information network: the report's table and text", lang),
    )


def tone_table(c: Coverage) -> Table:
    lang, t = c.lang, c.tone
    frame = pd.DataFrame(
        {
            tr("Tone of the summary (this book's coding)", lang): [
                tone_name(x, lang) for x in t["tone"]
            ],
            tr("Score (%)", lang): (t["score"] * 100).tolist(),
            tr("Where they part", lang): [
                divergence_words(d, lang) or "—" for d in t["divergence"]
            ],
        },
        index=[objective_name(c, p, n) for p, n in t.index],
    )
    return table(
        frame,
        id="tone-coverage",
        lang=lang,
        stub=tr("Objective", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("The tone of each summary against this book's coverage score", lang),
    )
