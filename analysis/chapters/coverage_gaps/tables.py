"""Coverage gaps, the tables: the numbers behind each figure, and the registers."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.names import (
    missing_label,
    objective_name,
    reading_name,
    theme_name,
)
from analysis.chapters.coverage_gaps.words import added_words, conventions_caveat
from analysis.compute.coverage import Coverage
from analysis.compute.register import STATUSES
from analysis.exhibits.formats import number
from analysis.exhibits.language import capitalised, label, tr
from analysis.exhibits.tables import MISSING, Table, table
from analysis.exhibits.terms import (
    action_label,
    answer_name,
    checklist_name,
    coding_label,
    dated_by_name,
    divergence_words,
    pillar_name,
    source_name,
    status_name,
    tone_name,
)


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
        title=tr(
            "Status ({coding}) of the priority actions, by objective",
            lang,
            coding=coding_label(c.coded, lang),
        ),
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
        title=tr(
            "Status ({coding}) of the priority actions, by pillar",
            lang,
            coding=coding_label(c.coded, lang),
        ),
    )


def checklists_table(c: Coverage) -> Table:
    lang = c.lang
    frame = pd.DataFrame(
        {
            tr("Present", lang): [item.have for item in c.checklists],
            tr("Of", lang): [item.total for item in c.checklists],
            tr("Missing rows", lang): [_missing_cell(c, item) for item in c.checklists],
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


def _missing_cell(c: Coverage, item) -> str:
    """A list's missing rows ('a; b.'), then what Peru adds and the caveat, as sentences;
    an em dash when nothing is missing and nothing needs saying."""
    lang = c.lang
    missing = "; ".join(missing_label(item.key, m, lang) for m in item.missing)
    notes = [added_words(c, item), conventions_caveat(lang) if item.key == "conventions" else ""]
    notes = [note for note in notes if note]
    if not notes:
        return missing or MISSING
    return " ".join([f"{missing}." if missing else "", *notes]).strip()


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
            tr("Finding (answer: no, unless marked)", lang)
            if limitations
            else tr("Finding (answer: no)", lang): [
                reader_gap(a, f, c.coded, lang)
                if pd.isna(item)
                else label(f, lang)
                + (" " + tr("(answer: partly)", lang) if answer == "partial" else "")
                for a, f, item, answer in zip(
                    found["action"], found["finding"], found["item"], found["answer"], strict=True
                )
            ],
        },
        index=[MISSING if pd.isna(item) else str(item) for item in found["item"]],
    )
    if limitations:
        return table(
            frame,
            id="limitations",
            lang=lang,
            stub=tr("Item", lang),
            groups=tr("Theme", lang),
            title=tr(
                "Findings of 'no' or 'partly' that the coding in force counts in no status", lang
            ),
        )
    return table(
        frame,
        id="gap-register",
        lang=lang,
        stub=tr("Item", lang),
        groups=tr("Theme", lang),
        title=tr(
            "The gap register: every 'no' on something a priority action asks for ({coding})",
            lang,
            coding=coding_label(c.coded, lang),
        ),
    )


def reader_gap(action: str, reason: str, coded: pd.DataFrame, lang: str) -> str:
    """A gap that a reader's coding makes: its status, and the reader's reason if given."""
    status = status_name(str(coded.set_index("id").loc[action, "status"]), lang)
    if isinstance(reason, str) and reason:
        return tr("The reader's coding: {status}. {reason}", lang, status=status, reason=reason)
    return tr("The reader's coding: {status} (no reason given).", lang, status=status)


def sensitivity_table(c: Coverage) -> Table:
    """The four counts and the overall score under each reading, as `cov.sensitivity` lists."""
    lang, s = c.lang, c.sensitivity
    frame = s[STATUSES].rename(columns=lambda status: status_name(status, lang))
    frame[tr("Score (%)", lang)] = s["score"] * 100
    change = tr("Change (points)", lang)
    frame[change] = [
        number(value * 100, lang, 1, signed=True) if row else MISSING
        for row, value in enumerate(s["change"])
    ]
    frame.index = [capitalised(reading_name(c, row)) for row in s.itertuples(index=False)]
    return table(
        frame,
        id="coverage-sensitivity",
        lang=lang,
        stub=tr("Reading", lang),
        decimals={tr("Score (%)", lang): 1},
        right=[change],
        title=tr(
            "How the counts and the coverage score change under other readings ({coding})",
            lang,
            coding=coding_label(c.coded, lang),
        ),
        note=tr(
            "Each alternative is another reading of one action, applied to the coding in force: "
            "a reading this book considered and set aside, documented in the transcription note "
            "named, or, for an action a reader's coding sets, this book's own status. The first "
            "row is the coding in force in this edition; the rows but the last four count a "
            "partially met action {weight}. Scores to one decimal, so that small moves show.",
            lang,
            weight=number(c.edition.partial_weight, lang, 2),
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
        title=tr(
            "The tone of each summary against the coverage score ({coding})",
            lang,
            coding=coding_label(c.coded, lang),
        ),
    )
