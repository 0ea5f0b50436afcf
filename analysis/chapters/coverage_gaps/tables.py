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
from analysis.chapters.table_specs import table_of
from analysis.compute.coverage import Coverage
from analysis.exhibits.formats import number
from analysis.exhibits.language import capitalised, label, tr
from analysis.exhibits.tables import MISSING, Table
from analysis.exhibits.terms import (
    action_label,
    coding_label,
    status_name,
)


def objectives_table(c: Coverage) -> Table:
    named = c.objectives.set_axis([objective_name(c, p, n) for p, n in c.objectives.index])
    return table_of("coverage-objectives", named, c.lang, coding=coding_label(c.coded, c.lang))


def pillars_table(c: Coverage) -> Table:
    return table_of("coverage-pillars", c.pillars, c.lang, coding=coding_label(c.coded, c.lang))


def checklists_table(c: Coverage) -> Table:
    lists = pd.DataFrame(
        {
            "key": [item.key for item in c.checklists],
            "have": [item.have for item in c.checklists],
            "total": [item.total for item in c.checklists],
            "missing": [_missing_cell(c, item) for item in c.checklists],
        }
    )
    return table_of("coverage-checklists", lists, c.lang)


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
    return table_of("evidence-age", c.evidence, c.lang, year=c.edition.evaluation_year)


def gaps_table(c: Coverage, limitations: bool = False) -> Table:
    lang = c.lang
    found = c.limitations if limitations else c.gaps
    order = {code: i for i, code in enumerate(c.gaps["theme"].value_counts().index)}
    found = found.assign(order=found["theme"].map(order).fillna(len(order))).sort_values(
        ["order", "item"], kind="stable"
    )
    shown = pd.DataFrame(
        {
            "theme": [capitalised(theme_name(code, lang)) for code in found["theme"]],
            "action": [
                f"{action_label(a, lang)} {label(t, lang)}"
                for a, t in zip(found["action"], found["action_title"], strict=True)
            ],
            "finding": [
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
        return table_of("limitations", shown, lang)
    return table_of("gap-register", shown, lang, coding=coding_label(c.coded, lang))


def reader_gap(action: str, reason: str, coded: pd.DataFrame, lang: str) -> str:
    """A gap that a reader's coding makes: its status, and the reader's reason if given."""
    status = status_name(str(coded.set_index("id").loc[action, "status"]), lang)
    if isinstance(reason, str) and reason:
        return tr("The reader's coding: {status}. {reason}", lang, status=status, reason=reason)
    return tr("The reader's coding: {status} (no reason given).", lang, status=status)


def sensitivity_table(c: Coverage) -> Table:
    """The four counts and the overall score under each reading, as `cov.sensitivity` lists."""
    lang, s = c.lang, c.sensitivity
    readings = s.set_axis([capitalised(reading_name(c, row)) for row in s.itertuples(index=False)])
    readings["change"] = [
        number(value * 100, lang, 1, signed=True) if row else MISSING
        for row, value in enumerate(s["change"])
    ]
    return table_of(
        "coverage-sensitivity",
        readings,
        lang,
        coding=coding_label(c.coded, lang),
        weight=number(c.edition.partial_weight, lang, 2),
    )


def network_table(c: Coverage) -> Table:
    stakeholders = c.tables["din-stakeholders"]
    by_key = {item.key: item for item in c.checklists}
    outside = set(by_key["din-stakeholders-text"].missing)
    both = stakeholders.assign(in_text=[s not in outside for s in stakeholders["stakeholder"]])
    return table_of("network-stakeholders", both, c.lang)


def tone_table(c: Coverage) -> Table:
    named = c.tone.set_axis([objective_name(c, p, n) for p, n in c.tone.index])
    return table_of("tone-coverage", named, c.lang, coding=coding_label(c.coded, c.lang))
