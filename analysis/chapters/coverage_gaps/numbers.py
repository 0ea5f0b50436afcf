"""Coverage gaps, the numbers: the register coded for an edition, scores, checklists, evidence.

Everything here rests on a coding of the report's text (this book's, or a reader's own:
`compute/register.py`); the report itself gives no ratings.
"""

from __future__ import annotations

import pandas as pd

from analysis.compute import coverage as cov
from analysis.compute.register import reader_codings, register, tones
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition

CHAPTER = "coverage-gaps"
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


class Coverage:
    """Everything the chapter shows, computed once for an edition."""

    def __init__(self, edition: Edition, tables: dict[str, pd.DataFrame] | None = None) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.tables = tables or {name: load_table(name) for name in TABLES}
        t = self.tables
        self.book = register(t["priority-actions"], t["assessment-items"])
        self.coded = register(
            t["priority-actions"], t["assessment-items"], reader_codings(edition.codings)
        )
        self.objectives = cov.objective_coverage(self.coded, edition.partial_weight)
        self.pillars = cov.pillar_coverage(self.coded, edition.partial_weight)
        self.checklists = checklists(t)
        self.evidence = cov.recency(cov.evidence_years(t), edition.evaluation_year, edition.max_age)
        self.gaps = cov.gaps(self.coded, t["assessment-items"])
        self.limitations = cov.gaps(self.coded, t["assessment-items"], in_action=False)
        self.tone = cov.tone_against_coverage(tones(t["objective-tone"]), self.objectives)
        self.alternatives = cov.alternatives_in_force(
            self.coded, self.book, t["coding-alternatives"]
        )
        self.sensitivity = cov.sensitivity(self.coded, self.alternatives, edition.partial_weight)


def checklists(t: dict[str, pd.DataFrame]) -> list[cov.Checklist]:
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
        cov.actor_checklist(t["policy-actors"]),
        cov.checklist("din-stakeholders", t["din-stakeholders"], "stakeholder", "involved"),
        cov.stakeholders_per_text(t["din-stakeholders"], forensic_outside),
        cov.checklist("demand-studies", t["demand-studies"], "study", "done"),
        cov.checklist("treatment-modalities", t["treatment-modalities"], "modality", "included"),
        cov.checklist(
            "treatment-data-institutions",
            t["treatment-data-institutions"],
            "institution",
            "reports",
        ),
        cov.evaluation_checklist(t["evaluation-studies"], t["evaluation-kinds"]),
        cov.checklist("monitoring-mechanisms", t["monitoring-mechanisms"], "programme", "in_place"),
        cov.checklist("supply-information", t["supply-information"], "information", "available"),
        cov.checklist("mem-participation", participation, "row", "designated"),
        cov.checklist("conventions", t["conventions"], "instrument", "ratified"),
    ]
