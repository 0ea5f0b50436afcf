"""The priority-action register: statuses and summary tones derived by written rules.

The rules are applied by the functions below and stated in words in
`analysis/exhibits/terms.py`, which the book displays. To dispute a code, change an
assessment item in `data/` or a rule here.
"""

from __future__ import annotations

import pandas as pd

PILLARS = ("IS", "RIME", "IC")  # in the report's order

# Statuses of a priority action, from the answers of its assessment items.
STATUSES = ["met", "partially met", "not met", "no information"]

# Tones of the evaluative summary of an objective, from the markers read in it.
TONES = ["concern", "mixed", "satisfaction"]


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
    """The priority actions with their derived status and the number of findings counted.

    Only findings that the action asks for count (`in_action` = yes); the others are
    context the report gives, shown but not counted.
    """
    answers = items[items["in_action"]].groupby("action")["answer"]
    coded = actions.copy()
    coded["status"] = [
        status(answers.get_group(a) if a in answers.groups else []) for a in coded["id"]
    ]
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
