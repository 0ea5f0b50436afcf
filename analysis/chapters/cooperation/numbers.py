"""International cooperation, the numbers: partners by channel and the UNODC transfer line."""

from __future__ import annotations

import re

import pandas as pd

from analysis.chapters.pillars import Pillar
from analysis.compute.budgets import opd_lines
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition

CHAPTER = "international-cooperation"

TABLES = (
    "cooperation-programmes",
    "bilateral-mechanisms",
    "horizontal-cooperation",
    "intelligence-exchange-uses",
    "related-crimes",
    "study-visits",
    "eu-donation-recipients",
    "information-recipients",
    "legal-measures",
    "conventions",
    "opd-budget",
)

CHANNELS = (
    "bilateral programme",
    "multilateral programme",
    "bilateral mechanism",
    "horizontal cooperation",
    "information sharing",
    "technology transfer",
    "study visit",
)

# "... (UNODC)", "... (CICTE-OAS)" or "... CICTE - OAS": the acronym, without "OAS".
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]+)(?:-[A-Z]+)?\)$|\s([A-Z]{3,})(?:\s-\s[A-Z]+)?$")


def partner_key(name: str) -> str:
    """One name per partner across the lists: the acronym where the report gives one."""
    found = _ACRONYM.search(name.strip())
    return next(group for group in found.groups() if group) if found else name


class Cooperation:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.pillar = Pillar("IC", edition)
        self.t = {name: load_table(name) for name in TABLES}
        self.channels = partner_channels(self.t)


def partner_channels(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partners (rows, in order of first mention) x channels of cooperation: True where used."""
    pairs = []
    programmes = t["cooperation-programmes"]
    for partner, level in zip(programmes["partner"], programmes["level"], strict=True):
        pairs.append((partner_key(partner), f"{level} programme"))
    pairs += [(country, "bilateral mechanism") for country in t["bilateral-mechanisms"]["country"]]
    pairs += [
        (partner, "horizontal cooperation") for partner in t["horizontal-cooperation"]["partner"]
    ]
    pairs += [(key, "information sharing") for key in t["information-recipients"]["acronym"]]
    pairs += [("European Union", "technology transfer")]  # the donor of IC 1.2's equipment
    # A programme by the name a study visit gives it: its acronym where it has one.
    sponsors = {
        partner_key(str(programme)): partner
        for programme, partner in zip(programmes["programme"], programmes["partner"], strict=True)
    }
    pairs += [
        (partner_key(sponsors[programme]), "study visit")
        for programme in t["study-visits"]["programme"]
    ]
    partners = list(dict.fromkeys(partner for partner, _ in pairs))
    matrix = pd.DataFrame(False, index=partners, columns=list(CHANNELS))
    for partner, channel in pairs:
        matrix.loc[partner, channel] = True
    return matrix


def unodc_line(c: Cooperation) -> pd.DataFrame:
    """The observatory's UNODC transfer line and its share of the budget, edition's terms."""
    amounts = opd_lines(c.t["opd-budget"], c.edition)
    return pd.DataFrame(
        {
            "amount": amounts["transfers_unodc"],
            "share": amounts["transfers_unodc"] / amounts.sum(axis=1) * 100,
        }
    )
