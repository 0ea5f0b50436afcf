"""The priority-action register: statuses and summary tones derived by written rules.

The rules are applied by the functions below and stated in words in
`analysis/exhibits/terms.py`, which the book displays. To dispute a code, change an
assessment item in `data/` or a rule here.

The rule for silence (transcription note 25) holds for every action: what the report does
not say is not coded. Findings record only what it states; an action is coded on the
findings it gives, and one with none has no information. What each action asks that the
report leaves unaddressed is recorded in `silent_on` (data/priority-actions.csv);
`if_silence_counted` gives the statuses the other reading, silence as a 'no', would give.
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


def register(
    actions: pd.DataFrame, items: pd.DataFrame, codings: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The priority actions with their status and the number of findings counted.

    The status is derived from the findings by the rule above. Only findings that the
    action asks for count (`in_action` = yes); the others are context the report gives,
    shown but not counted. `codings` (a reader's own: columns action, status and perhaps
    reason) set the status of the actions they name instead: see `recoded`.
    """
    answers = items[items["in_action"]].groupby("action")["answer"]
    coded = actions.copy()
    coded["status"] = [
        status(answers.get_group(a) if a in answers.groups else []) for a in coded["id"]
    ]
    coded["items"] = coded["id"].map(answers.size()).fillna(0).astype(int)
    coded["coded_by"] = "book"
    coded["reason_by"] = "book"
    coded["status"] = pd.Categorical(coded["status"], categories=STATUSES, ordered=True)
    return coded if codings is None else recoded(coded, codings)


def recoded(coded: pd.DataFrame, codings: pd.DataFrame, by: str = "reader") -> pd.DataFrame:
    """The register with the actions named in `codings` given the status it says.

    Each recoded action is marked `coded_by` = `by`. Its reason is the one `codings` gives
    (`reason_by` = `by`); without one, the book's reason stays where the status is the
    book's, and none is left where it differs (`reason_by` = 'none'): the book's reason
    would argue for another status.
    """
    recoded = coded.copy()
    recoded["status"] = recoded["status"].astype(str)
    position = {action: i for i, action in enumerate(recoded["id"])}
    reasons = codings["reason"] if "reason" in codings else pd.Series(pd.NA, index=codings.index)
    for action, new, reason in zip(codings["action"], codings["status"], reasons, strict=True):
        row = recoded.index[position[action]]
        if isinstance(reason, str) and reason.strip():
            recoded.loc[row, ["reason", "reason_by"]] = [reason.strip(), by]
        elif new != recoded.loc[row, "status"]:
            recoded.loc[row, ["reason", "reason_by"]] = ["", "none"]
        recoded.loc[row, ["status", "coded_by"]] = [new, by]
    recoded["status"] = pd.Categorical(recoded["status"], categories=STATUSES, ordered=True)
    return recoded


def if_silence_counted(actions: pd.DataFrame, items: pd.DataFrame) -> pd.Series:
    """For each action whose `silent_on` names something, the status it would have if the
    report's silence counted as one more 'no' finding: the reading the rule for silence
    sets aside. Indexed by action id, in the register's order."""
    silent = actions[actions["silent_on"].fillna("").str.strip() != ""]
    answers = items[items["in_action"]].groupby("action")["answer"]
    return pd.Series(
        [
            status([*(answers.get_group(a) if a in answers.groups else []), "no"])
            for a in silent["id"]
        ],
        index=silent["id"].tolist(),
        dtype=object,
    )


def reader_codings(codings: str) -> pd.DataFrame | None:
    """The reader's codings file named by the `codings` parameter, or None for the book's."""
    from analysis.contract.parameters import CODING_SETS, user_schema
    from analysis.contract.userfiles import read_user_table

    if codings in CODING_SETS:
        return None
    return read_user_table(codings, user_schema("codings"))


def edition_register(codings: str) -> pd.DataFrame:
    """The register in force in an edition: this book's coding, or the reader's over it."""
    from analysis.contract.load import load_table

    return register(
        load_table("priority-actions"), load_table("assessment-items"), reader_codings(codings)
    )


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
