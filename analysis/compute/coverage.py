"""Evaluation coverage: how much of the Plan of Action the report finds in place, and how recent.

All of it rests on this book's coding of the report (`register.py`): the report itself
gives no rating. A coverage score counts a met action as 1, a partially met one as the
edition's `partial_weight` and a not met one as 0; actions with no information are left
out of the score and counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.compute.register import STATUSES, reader_codings, register, tones
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition

# Ways in which an objective's evaluative summary and its coverage can point different ways.
# (The words 'with satisfaction' are not one of them: they open a summary by qualifying its
# first finding, not the objective as a whole; see `satisfaction_about` in the data.)
DIVERGENCES = {
    "silent": "names no shortcoming although not every action is met",
    "faulted": "names shortcomings although every action is met",
    "concern": "observed 'with concern' although more than half is covered",
}


def status_table(coded: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts of actions per status for each group of `by` columns, in the report's order."""
    counts = pd.crosstab([coded[c] for c in by], coded["status"]).reindex(
        columns=STATUSES, fill_value=0
    )
    order = coded[by].drop_duplicates()
    return (
        counts.loc[list(order.itertuples(index=False, name=None))]
        if len(by) > 1
        else (counts.loc[order[by[0]].tolist()])
    )


def scored(counts: pd.DataFrame, weight: float) -> pd.DataFrame:
    """Counts with the number of actions, the shares of each status and the score.

    Shares are of all actions; the score is of actions with information only.
    """
    table = counts.copy()
    table["actions"] = counts.sum(axis=1)
    for status in STATUSES:
        table[f"share {status}"] = counts[status] / table["actions"]
    informed = table["actions"] - counts["no information"]
    table["score"] = (counts["met"] + weight * counts["partially met"]) / informed
    return table


def objective_coverage(coded: pd.DataFrame, weight: float) -> pd.DataFrame:
    """Per pillar and objective: status counts, shares and coverage score."""
    return scored(status_table(coded, ["pillar", "objective"]), weight)


def pillar_coverage(coded: pd.DataFrame, weight: float) -> pd.DataFrame:
    """Per pillar, then for the whole report (row 'all'): counts, shares and score."""
    counts = status_table(coded, ["pillar"])
    counts.loc["all"] = counts.sum()
    return scored(counts, weight)


@dataclass(frozen=True)
class Checklist:
    """One of the report's yes/no lists, read as 'k of n' with the missing rows named."""

    key: str
    have: int
    total: int
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # rows the country added ("Others: ...")

    @property
    def share(self) -> float:
        return self.have / self.total


# The questionnaire's open row, where a country adds what it has beyond the list: its
# label starts with this in the report's tables ("Others: Quantification of ...").
ADDED = "Others:"


def added_rows(frame: pd.DataFrame, label: str) -> pd.Series:
    """True for the rows a country added under the questionnaire's open row."""
    return frame[label].astype(str).str.startswith(ADDED)


def checklist(key: str, frame: pd.DataFrame, label: str, answer: str) -> Checklist:
    """A yes/no table as a checklist: rows answered yes, of the rows the report asks about;
    the others named. Rows the country added itself count in neither; they are listed."""
    added = added_rows(frame, label)
    asked = frame[~added]
    yes = asked[answer].fillna(False).astype(bool)
    return Checklist(
        key,
        int(yes.sum()),
        len(asked),
        asked.loc[~yes, label].tolist(),
        [name.removeprefix(ADDED).strip() for name in frame.loc[added, label]],
    )


def actor_stages(actors: pd.DataFrame) -> pd.DataFrame:
    """Actors (rows, in the report's order) x policy stages: True where the actor takes part."""
    wide = actors.pivot(index="actor", columns="stage", values="involved")
    stages = list(dict.fromkeys(actors["stage"]))
    return wide.loc[list(dict.fromkeys(actors["actor"])), stages].astype(bool)


def actor_checklist(actors: pd.DataFrame) -> Checklist:
    """Actor x stage cells where the actor takes part, of all cells; missing cells named."""
    cells = actors.assign(cell=actors["actor"] + ": " + actors["stage"])
    return checklist("policy-actors", cells, "cell", "involved")


def stakeholders_per_text(stakeholders: pd.DataFrame, outside: list[str]) -> Checklist:
    """The network's stakeholder table corrected by the text (rows the text puts outside)."""
    corrected = stakeholders.copy()
    corrected.loc[corrected["stakeholder"].isin(outside), "involved"] = False
    return checklist("din-stakeholders-text", corrected, "stakeholder", "involved")


def evaluation_checklist(studies: pd.DataFrame, kinds: pd.DataFrame) -> Checklist:
    """Evaluations of prevention and treatment programmes: any evaluation study (the
    report's table), intermediate outcome and impact evaluations (its text)."""
    rows = [
        ("evaluation study", scope.lower(), answer)
        for scope, answer in zip(studies["scope"], studies["carried_out"], strict=True)
    ]
    rows += list(kinds[["kind", "programme", "carried_out"]].itertuples(index=False, name=None))
    frame = pd.DataFrame(rows, columns=["kind", "programme", "answer"])
    frame["row"] = frame["kind"] + ": " + frame["programme"]
    return checklist("evaluations", frame, "row", "answer")


def evidence_years(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every dated piece of evidence in the report with its most recent year.

    `dated_by` says what the year is: `data` (the year of the most recent study or data:
    demand studies, supply information), `publication` (drug-market and legal-use
    studies), `period end` (the last year of the period the purity publication covers)
    or `span end` (the last year of the span printed for an evaluation study, which may
    be the project's period rather than the year assessed: transcription note 12).
    """
    rows = []
    demand = tables["demand-studies"].dropna(subset=["most_recent_year"])
    rows += [
        ("demand-studies", s, int(y), "data")
        for s, y in zip(demand["study"], demand["most_recent_year"], strict=True)
    ]
    supply = tables["supply-information"].dropna(subset=["most_recent_year"])
    rows += [
        ("supply-information", s, int(y), "data")
        for s, y in zip(supply["information"], supply["most_recent_year"], strict=True)
    ]
    for key in ("drug-market-studies", "legal-use-studies"):
        frame = tables[key]
        rows += [
            (key, t, int(y), "publication")
            for t, y in zip(frame["title"], frame["year"], strict=True)
        ]
    purity = tables["purity-publications"]
    rows += [
        ("purity-publications", t, int(p.rsplit(" ", 1)[-1]), "period end")
        for t, p in zip(purity["title"], purity["period_covered"], strict=True)
    ]
    studies = tables["evaluation-studies"].dropna(subset=["years"])
    rows += [
        ("evaluation-studies", t, int(y.split("-")[-1]), "span end")
        for t, y in zip(studies["title"], studies["years"], strict=True)
    ]
    return pd.DataFrame(rows, columns=["source", "item", "year", "dated_by"])


def recency(evidence: pd.DataFrame, evaluation_year: int, max_age: int) -> pd.DataFrame:
    """Each item's age in years at `evaluation_year`, flagged when older than `max_age`."""
    aged = evidence.copy()
    aged["age"] = evaluation_year - aged["year"]
    aged["dated"] = aged["age"] > max_age
    return aged.sort_values(["year", "source", "item"], kind="stable").reset_index(drop=True)


def gaps(coded: pd.DataFrame, items: pd.DataFrame, in_action: bool = True) -> pd.DataFrame:
    """The shortfalls the report records, as the coding in force counts them.

    `in_action=True`, the gaps: the 'no' findings on what an action asks for, unless the
    coding in force has the action met (or without information: a reader's coding can);
    and one row (`item` missing, `finding` the reader's reason, perhaps empty) for each
    action a reader codes short of met that has no such finding, under the theme its own
    findings have most (its objective's, for an action without findings).
    `in_action=False`, the shortfalls no status counts: the 'no' and 'partial' findings kept
    as context, and the 'no' findings of actions that the coding in force has met.
    `by` says whose reading puts each row there: 'book' or 'reader'; `answer` is the
    finding's own.
    """
    titles = coded.set_index("id")["title"]
    status = coded.set_index("id")["status"].astype(str)
    short_of_met = ~items["action"].map(status).isin(["met", "no information"])
    asked = (items["answer"] == "no") & items["in_action"]
    if not in_action:
        context = items[items["answer"].isin(["no", "partial"]) & ~items["in_action"]]
        dropped = items[asked & ~short_of_met]
        rows = pd.concat(
            [context.assign(by="book"), dropped.assign(by="reader")], ignore_index=True
        )
        return _gap_columns(rows.assign(action_title=rows["action"].map(titles)))
    rows = items[asked & short_of_met].assign(by="book")
    short = coded[
        (coded["coded_by"] == "reader")
        & coded["status"].astype(str).isin(["partially met", "not met"])
        & ~coded["id"].isin(rows["action"])
    ]
    extra = pd.DataFrame(
        {
            "theme": [_theme_of(action, items) for action in short["id"]],
            "action": short["id"],
            "item": pd.array([pd.NA] * len(short), dtype="Int64"),
            "finding": short["reason"],
            "answer": "",
            "by": "reader",
        }
    )
    rows = pd.concat([rows, extra], ignore_index=True) if len(extra) else rows
    return _gap_columns(rows.assign(action_title=rows["action"].map(titles)))


def _gap_columns(rows: pd.DataFrame) -> pd.DataFrame:
    columns = ["theme", "action", "action_title", "item", "finding", "answer", "by"]
    return rows[columns].reset_index(drop=True)


def _theme_of(action: str, items: pd.DataFrame) -> str:
    """The theme an action's own findings have most; its objective's, if it has none."""
    own = items.loc[items["action"] == action, "theme"]
    if own.empty:
        objective = action.rsplit(".", 1)[0]
        own = items.loc[items["action"].str.rsplit(".", n=1).str[0] == objective, "theme"]
    return own.mode().iloc[0]


def tone_against_coverage(tones: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """Each objective's summary tone next to its score, and how they disagree, if they do.

    `divergence` names the first of DIVERGENCES that applies, or is empty; `diverges` is
    True where one does.
    """
    table = tones.set_index(["pillar", "objective"]).join(coverage[["score"]])

    def divergence(row) -> str:
        tone, complete = str(row["tone"]), row["score"] >= 1
        if tone == "satisfaction" and not complete:
            return "silent"
        if tone == "mixed" and complete:
            return "faulted"
        if tone == "concern" and row["score"] > 0.5:
            return "concern"
        return ""

    table["divergence"] = table.apply(divergence, axis=1) if len(table) else []
    table["diverges"] = table["divergence"] != ""
    return table[
        [
            "tone",
            "score",
            "divergence",
            "diverges",
            "satisfaction_phrase",
            "satisfaction_about",
            "shortcomings",
        ]
    ]


def overall(coded: pd.DataFrame, weight: float) -> pd.Series:
    """The four counts and the coverage score of all the actions of a register."""
    return pillar_coverage(coded, weight).loc["all", [*STATUSES, "score"]]


def sensitivity(coded: pd.DataFrame, alternatives: pd.DataFrame, weight: float) -> pd.DataFrame:
    """How the headline moves under other readings: counts and overall score, one row each.

    Rows, by `case`: 'in force' (the coding in force, at `weight`); 'alternative' (each
    other reading in `alternatives`, columns alternative, action, status, applied alone);
    'lower' and 'higher' (every alternative that lowers, or raises, the score, applied
    together: for an action with several, the one that moves it most); 'weight' (the
    coding in force with a partially met action counting 0, then 1); 'lowest' and
    'highest' (every lowering alternative with a partially met action counting 0, every
    raising one with it counting 1: the two changes combined). `weight` says the partial
    weight of each row; `change` is its score less the score in force.
    """
    from analysis.compute.register import recoded

    base = overall(coded, weight)
    rows = [("in force", pd.NA, weight, base)]
    moved = []
    for alt in alternatives.itertuples(index=False):
        result = overall(recoded(coded, pd.DataFrame([alt._asdict()]), by="alternative"), weight)
        rows.append(("alternative", alt.alternative, weight, result))
        moved.append((alt, result["score"] - base["score"]))
    together = {}
    for case, sign in (("lower", -1), ("higher", 1)):
        chosen: dict[str, tuple] = {}
        for alt, change in moved:
            if sign * change > 0 and sign * change > sign * chosen.get(alt.action, (None, 0))[1]:
                chosen[alt.action] = (alt, change)
        picked = pd.DataFrame([alt._asdict() for alt, _ in chosen.values()])
        if len(picked):
            together[case] = (
                recoded(coded, picked, by="alternative"),
                ", ".join(str(n) for n in sorted(picked["alternative"])),
            )
            rows.append((case, together[case][1], weight, overall(together[case][0], weight)))
    for value in (0.0, 1.0):
        rows.append(("weight", pd.NA, value, overall(coded, value)))
    for case, value, source in (("lowest", 0.0, "lower"), ("highest", 1.0, "higher")):
        register, numbers = together.get(source, (coded, pd.NA))
        rows.append((case, numbers, value, overall(register, value)))
    table = pd.DataFrame(
        [
            {"case": case, "alternatives": which, "weight": w, **result}
            for case, which, w, result in rows
        ]
    )
    for status in STATUSES:
        table[status] = table[status].astype(int)
    table["score"] = table["score"].astype(float)
    table["change"] = table["score"] - float(base["score"])
    return table


def alternatives_in_force(
    coded: pd.DataFrame, book: pd.DataFrame, alternatives: pd.DataFrame
) -> pd.DataFrame:
    """The other readings that apply to the coding in force.

    The book's alternatives, except for actions a reader's coding sets: for those, the other
    reading is this book's own status (`note` missing, `reading` empty), numbered after the
    book's. Readings that give an action the status it already has are left out.
    """
    in_force = coded.set_index("id")["status"].astype(str)
    by_reader = set(coded.loc[coded["coded_by"] == "reader", "id"])
    kept = alternatives[~alternatives["action"].isin(by_reader)]
    book_status = book.set_index("id")["status"].astype(str)
    first = int(alternatives["alternative"].max()) + 1 if len(alternatives) else 1
    own = [
        {"action": a, "status": book_status[a], "note": pd.NA, "reading": ""}
        for a in coded["id"]
        if a in by_reader and book_status[a] != in_force[a]
    ]
    own = pd.DataFrame(own, columns=["action", "status", "note", "reading"])
    own.insert(0, "alternative", range(first, first + len(own)))
    table = pd.concat([kept, own], ignore_index=True) if len(own) else kept
    return table[table["status"] != table["action"].map(in_force)].reset_index(drop=True)


def score_range(sensitivity: pd.DataFrame) -> tuple[float, float]:
    """The lowest and highest overall score of a sensitivity table."""
    return float(sensitivity["score"].min()), float(sensitivity["score"].max())


def case_score(sensitivity: pd.DataFrame, case: str, weight: float | None = None) -> float | None:
    """The score of one row of a sensitivity table, or None where it has no such row."""
    rows = sensitivity[sensitivity["case"] == case]
    if weight is not None:
        rows = rows[(rows["weight"] - weight).abs() < 1e-12]
    return float(rows["score"].iloc[0]) if len(rows) else None


def drivers(sensitivity: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """What moves the score to each end of a sensitivity table, for each end ('low',
    'high'): the end itself, the score with the weight alone moved (a partially met action
    counting 0, or 1), and with the other readings alone that lower (or raise) it; None
    where that choice does not move the score that way."""
    base = float(sensitivity["score"].iloc[0])
    low, high = score_range(sensitivity)
    ends = {}
    for end, value, weight, case, sign in (
        ("low", low, 0.0, "lower", -1),
        ("high", high, 1.0, "higher", 1),
    ):
        by_weight = case_score(sensitivity, "weight", weight)
        by_readings = case_score(sensitivity, case)
        ends[end] = {
            "end": value,
            "weight": by_weight if sign * (by_weight - base) > 1e-12 else None,
            "readings": by_readings
            if by_readings is not None and sign * (by_readings - base) > 1e-12
            else None,
        }
    return ends


# One edition's coverage ---------------------------------------------------------------

TABLES = (
    "priority-actions",
    "assessment-items",
    "objective-tone",
    "objectives",
    "policy-actors",
    "demand-studies",
    "supply-information",
    "treatment-modalities",
    "treatment-data-institutions",
    "evaluation-studies",
    "evaluation-kinds",
    "monitoring-mechanisms",
    "din-stakeholders",
    "forensic-institutions",
    "conventions",
    "mem-participation",
    "drug-market-studies",
    "legal-use-studies",
    "purity-publications",
    "coding-alternatives",
)


def checklists(t: dict[str, pd.DataFrame]) -> list[Checklist]:
    """The report's yes/no lists as checklists, in the order of the report."""
    # The text puts every forensic institution outside the network its table lists them in.
    outside = not t["forensic-institutions"]["in_network"].any()
    forensic_outside = ["Forensic laboratories"] if outside else []
    participation = t["mem-participation"].assign(
        row=t["mem-participation"]["group"]
        + " "
        + t["mem-participation"]["evaluation_year"].astype(str)
    )
    return [
        actor_checklist(t["policy-actors"]),
        checklist("din-stakeholders", t["din-stakeholders"], "stakeholder", "involved"),
        stakeholders_per_text(t["din-stakeholders"], forensic_outside),
        checklist("demand-studies", t["demand-studies"], "study", "done"),
        checklist("treatment-modalities", t["treatment-modalities"], "modality", "included"),
        checklist(
            "treatment-data-institutions",
            t["treatment-data-institutions"],
            "institution",
            "reports",
        ),
        evaluation_checklist(t["evaluation-studies"], t["evaluation-kinds"]),
        checklist("monitoring-mechanisms", t["monitoring-mechanisms"], "programme", "in_place"),
        checklist("supply-information", t["supply-information"], "information", "available"),
        checklist("mem-participation", participation, "row", "designated"),
        checklist("conventions", t["conventions"], "instrument", "ratified"),
    ]


class Coverage:
    """Everything the coverage of an edition counts, computed once: the register coded for
    it (and this book's), the scores by objective and pillar, the report's yes/no lists, the
    evidence's age, the gaps, the tone against the score and the other readings."""

    def __init__(self, edition: Edition, tables: dict[str, pd.DataFrame] | None = None) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.tables = tables or {name: load_table(name) for name in TABLES}
        t = self.tables
        self.book = register(t["priority-actions"], t["assessment-items"])
        self.coded = register(
            t["priority-actions"], t["assessment-items"], reader_codings(edition.codings)
        )
        self.objectives = objective_coverage(self.coded, edition.partial_weight)
        self.pillars = pillar_coverage(self.coded, edition.partial_weight)
        self.checklists = checklists(t)
        self.evidence = recency(evidence_years(t), edition.evaluation_year, edition.max_age)
        self.gaps = gaps(self.coded, t["assessment-items"])
        self.limitations = gaps(self.coded, t["assessment-items"], in_action=False)
        self.tone = tone_against_coverage(tones(t["objective-tone"]), self.objectives)
        self.alternatives = alternatives_in_force(self.coded, self.book, t["coding-alternatives"])
        self.sensitivity = sensitivity(self.coded, self.alternatives, edition.partial_weight)
