"""National policies in force: when each was approved and when its period ends, as printed.

The dates come from the report's own words: the year in a supreme decree's number
("Supreme Decree No. 192-2020-PCM": 2020) and the period in a policy's name ("through to
2030", "2018-2021"). A policy whose period ended before the evaluation year has lapsed.
"""

from __future__ import annotations

import re

import pandas as pd

_DECREE_YEAR = re.compile(r"\b\d{3}-(\d{4})-[A-Z]+\b")
_THROUGH = re.compile(r"\bthrough to (\d{4})\b")
_SPAN = re.compile(r"\b(\d{4})-(\d{4})\b")


def decree_year(decree: str) -> int:
    """The year in a supreme decree's number."""
    found = _DECREE_YEAR.search(decree)
    if not found:
        raise ValueError(f"no year in the decree number {decree!r}")
    return int(found.group(1))


def period_end(name: str) -> int | None:
    """The last year of a policy's period as its name gives it, or None."""
    if found := _THROUGH.search(name):
        return int(found.group(1))
    if found := _SPAN.search(name):
        return int(found.group(2))
    return None


def policies_in_force(cross_cutting: pd.DataFrame, legal: pd.DataFrame) -> pd.DataFrame:
    """The national drug policy and the cross-cutting policies: approved, ends, decrees.

    One row per policy: the year of its first decree, the end of its period (missing when
    its name states none) and its decrees as printed.
    """
    rows = []
    for name, group in cross_cutting.groupby("policy", sort=False):
        decrees = list(group["decree"])
        rows.append(
            (
                name,
                min(decree_year(d) for d in decrees),
                period_end(name),
                "; ".join(decrees),
                "IS 3.4",
            )
        )
    for printed in legal["name"]:
        name, _, decree = printed.partition(" (")
        if name.startswith("National ") and "Policy" in name:  # the PNCD, among IC 2.3's
            # Named as printed there, decree included: one text to translate, not a part.
            decree = decree.rstrip(")")
            rows.append((printed, decree_year(decree), period_end(name), decree, "IC 2.3"))
    table = pd.DataFrame(rows, columns=["policy", "approved", "ends", "decrees", "where"])
    table["ends"] = table["ends"].astype("Int64")
    return table.sort_values(["approved", "policy"], kind="stable").reset_index(drop=True)


def lapsed(policies: pd.DataFrame, evaluation_year: int) -> pd.Series:
    """True for a policy whose stated period ended before the evaluation year."""
    return (policies["ends"] < evaluation_year).fillna(False).astype(bool)
