"""Research, information, monitoring and evaluation, the numbers: the tables read and counted."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.pillars import Pillar
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition

CHAPTER = "research-information"

TABLES = (
    "din-interaction",
    "din-stakeholders",
    "forensic-institutions",
    "demand-studies",
    "treatment-modalities",
    "treatment-data-institutions",
    "evaluation-studies",
    "evaluation-kinds",
    "monitoring-mechanisms",
    "supply-information",
    "supply-information-institutions",
    "drug-market-studies",
    "legal-use-studies",
    "purity-publications",
    "forensic-training",
    "mem-participation",
    "mem-review-activities",
)


class Information:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.pillar = Pillar("RIME", edition)
        self.t = {name: load_table(name) for name in TABLES}


def k_of_n(frame: pd.DataFrame, answer: str) -> tuple[int, int]:
    return int(frame[answer].fillna(False).astype(bool).sum()), len(frame)
