"""Coverage gaps, the names: objectives with their titles, the rows a list misses, themes,
and the other readings of the sensitivity table, in the edition's language."""

from __future__ import annotations

import pandas as pd

from analysis.compute.coverage import Coverage
from analysis.exhibits.formats import number
from analysis.exhibits.language import label, tr
from analysis.exhibits.terms import (
    action_label,
    coding_label,
    objective_label,
    stage_name,
    status_name,
)


def objective_name(c: Coverage, pillar: str, objective: int) -> str:
    """'IS 2: Formulate, implement ...': an objective's code and title in the edition's language."""
    titles = c.tables["objectives"].set_index(["pillar", "objective"])["title"]
    return f"{objective_label(pillar, objective, c.lang)}: " + label(
        titles[(pillar, objective)], c.lang
    )


def missing_label(key: str, text: str, lang: str) -> str:
    """A missing row in words: data labels translated, composed rows translated by parts."""
    if key == "policy-actors":
        actor, stage = text.split(": ")
        return f"{label(actor, lang)}: {stage_name(stage, lang)}"
    if key == "evaluations":
        kind, programme = text.split(": ")
        return tr(
            "{kind}: {programme}",
            lang,
            kind=_evaluation_kind(kind, lang),
            programme=_programme(programme, lang),
        )
    if key == "mem-participation":
        return text
    return label(text, lang)


def _evaluation_kind(kind: str, lang: str) -> str:
    return {
        "evaluation study": tr("evaluation study", lang),
        "intermediate outcome": tr("intermediate outcome evaluation", lang),
        "impact": tr("impact evaluation", lang),
    }[kind]


def _programme(programme: str, lang: str) -> str:
    return {"prevention": tr("prevention", lang), "treatment": tr("treatment", lang)}[programme]


def theme_name(code: str, lang: str) -> str:
    return {
        "institutions": tr("the drug authority and its means", lang),
        "engagement": tr("academia, civil society and the private sector", lang),
        "subnational": tr("sub-national management", lang),
        "strategy": tr("hemispheric strategy", lang),
        "rights": tr("human rights and inclusion", lang),
        "policies": tr("related policies and programmes", lang),
        "alternatives": tr("alternatives to incarceration", lang),
        "sentencing": tr("proportionate sentencing", lang),
        "information": tr("information systems", lang),
        "research": tr("research and studies", lang),
        "evaluation": tr("evaluation of programmes", lang),
        "dissemination": tr("dissemination of results", lang),
        "mem": tr("taking part in the MEM", lang),
        "cooperation": tr("international cooperation", lang),
    }[code]


def divergence_short(code: str, lang: str) -> str:
    """The same, in a few words for a chart's row label."""
    return {
        "silent": tr("names no shortcoming", lang),
        "faulted": tr("names shortcomings", lang),
        "concern": tr("says 'with concern'", lang),
    }[code]


def reading_name(c: Coverage, row) -> str:
    """One row of the sensitivity table in words, as they read inside a sentence: the
    coding in force, an alternative reading, the alternatives that lower or raise the score
    together, another weight, or the two combined."""
    lang = c.lang
    if row.case == "in force":
        return tr("{coding} (in force)", lang, coding=coding_label(c.coded, lang))
    if row.case == "alternative":
        alt = c.alternatives.set_index("alternative").loc[row.alternatives]
        values = {
            "number": row.alternatives,
            "action": action_label(alt["action"], lang),
            "status": status_name(alt["status"], lang),
        }
        if pd.isna(alt["note"]):  # a reader's action: the other reading is this book's
            return tr("{number}. {action} as {status}: this book's coding", lang, **values)
        return tr(
            "{number}. {action} as {status}: {reading} (note {note})",
            lang,
            reading=label(alt["reading"], lang),
            note=alt["note"],
            **values,
        )
    numbers = {"numbers": row.alternatives}
    if row.case == "lower":
        return tr("every alternative that lowers the score ({numbers})", lang, **numbers)
    if row.case == "higher":
        return tr("every alternative that raises the score ({numbers})", lang, **numbers)
    if row.case == "lowest":
        if pd.isna(row.alternatives):
            return tr("a partially met action counting 0, no alternative lowering it", lang)
        return tr(
            "every alternative that lowers the score ({numbers}) and a partially met action "
            "counting 0",
            lang,
            **numbers,
        )
    if row.case == "highest":
        if pd.isna(row.alternatives):
            return tr("a partially met action counting 1, no alternative raising it", lang)
        return tr(
            "every alternative that raises the score ({numbers}) and a partially met action "
            "counting 1",
            lang,
            **numbers,
        )
    return tr("a partially met action counting {weight}", lang, weight=number(row.weight, lang, 0))
