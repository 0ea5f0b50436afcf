"""The priority-action register: statuses and summary tones derived by written rules.

The rules are stated here once, as text the book displays, and applied by the functions
below. To dispute a code, change an assessment item in `data/` or a rule here.
"""

from __future__ import annotations

import pandas as pd

PILLARS = {
    "IS": "Institutional Strengthening",
    "RIME": "Research, Information, Monitoring and Evaluation",
    "IC": "International Cooperation",
}

# Status of a priority action, from the answers of its assessment items.
STATUS_RULES = {
    "met": "every finding recorded for the action is yes",
    "partially met": "the findings are mixed, or the report says the action is done in part",
    "not met": "every finding recorded for the action is no",
    "no information": "the report records no yes/no finding for the action",
}
STATUSES = list(STATUS_RULES)

# Tone of the evaluative summary of an objective, from the markers read in it.
TONE_RULES = {
    "concern": "the summary observes something 'with concern'",
    "mixed": "otherwise, the summary names at least one shortcoming",
    "satisfaction": "otherwise: the summary names no shortcoming",
}
TONES = list(TONE_RULES)


def status(answers: pd.Series) -> str:
    """The status of one action from its items' answers ('yes', 'no', 'partial')."""
    answers = set(answers)
    if not answers:
        return "no information"
    if answers == {"yes"}:
        return "met"
    if answers == {"no"}:
        return "not met"
    return "partially met"


def register(actions: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The priority actions with their derived status and item counts."""
    answers = items.groupby("action")["answer"]
    coded = actions.copy()
    coded["status"] = [status(answers.get_group(a) if a in answers.groups else []) for a in
                       coded["id"]]  # fmt: skip
    coded["items"] = coded["id"].map(answers.size()).fillna(0).astype(int)
    coded["status"] = pd.Categorical(coded["status"], categories=STATUSES, ordered=True)
    return coded


def tone(row: pd.Series) -> str:
    """The tone of one objective's summary from its markers."""
    if row["concern_phrase"]:
        return "concern"
    if row["shortcomings"] > 0:
        return "mixed"
    return "satisfaction"


def tones(markers: pd.DataFrame) -> pd.DataFrame:
    """The objectives with their derived tone."""
    coded = markers.copy()
    coded["tone"] = pd.Categorical(coded.apply(tone, axis=1), categories=TONES, ordered=True)
    return coded


def status_counts(coded: pd.DataFrame) -> pd.DataFrame:
    """Number of actions per pillar and status, pillars in the report's order."""
    counts = pd.crosstab(coded["pillar"], coded["status"]).reindex(list(PILLARS))
    return counts.reindex(columns=STATUSES, fill_value=0)
