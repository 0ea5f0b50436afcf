"""The coverage score in words, as the coverage chapter, the front page and the page on what
changed say it: the score as the headline writes it, its range under other weights of
partial compliance and other readings of disputed actions, and which choice drives each end.

The numbers are computed in `compute/coverage.py` (`sensitivity`, `drivers`); a sentence's
words are chosen here from them.
"""

from __future__ import annotations

from analysis.compute.coverage import Coverage, drivers, score_range
from analysis.exhibits.formats import percent
from analysis.exhibits.language import N_, capitalised, tr
from analysis.exhibits.terms import coding_label

SAME = 1e-12  # scores closer than this are the same score


def score_text(score: float, lang: str) -> str:
    """A coverage score (0 to 1) as the book's headline writes it: '73%'."""
    return percent(score * 100, lang, decimals=0)


def disputed_actions(c: Coverage) -> int:
    """How many actions have another reading in this edition."""
    return int(c.alternatives["action"].nunique())


def _same(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) < SAME


def _case(parts: dict[str, float | None]) -> str:
    """Which choice moves one end of the range: 'nothing', 'weight only', 'readings only',
    'weight suffices', 'readings suffice' (the other adds nothing), or 'both'."""
    value, weight, readings = parts["end"], parts["weight"], parts["readings"]
    if weight is None and readings is None:
        return "nothing"
    if readings is None:
        return "weight only"
    if weight is None:
        return "readings only"
    if _same(weight, value):
        return "weight suffices"
    if _same(readings, value):
        return "readings suffice"
    return "both"


# A clause of `range_detail` for each end of the range and each case of `_case`.
END_WORDS = {
    ("low", "nothing"): N_("nothing lowers it"),
    ("high", "nothing"): N_("nothing raises it"),
    ("low", "weight only"): N_(
        "the low end comes from the weight alone (a partially met action counting 0; no "
        "reading lowers the score)"
    ),
    ("high", "weight only"): N_(
        "the high end comes from the weight alone (a partially met action counting 1; no "
        "reading raises the score)"
    ),
    ("low", "readings only"): N_(
        "the low end comes from the readings that lower the score alone (no lower weight "
        "lowers it further)"
    ),
    ("high", "readings only"): N_(
        "the high end comes from the readings that raise the score alone (no higher weight "
        "raises it further)"
    ),
    ("low", "weight suffices"): N_(
        "the low end comes from the weight alone (a partially met action counting 0), the "
        "readings that lower the score ({readings} alone) adding nothing"
    ),
    ("high", "weight suffices"): N_(
        "the high end comes from the weight alone (a partially met action counting 1), the "
        "readings that raise the score ({readings} alone) adding nothing"
    ),
    ("low", "readings suffice"): N_(
        "the low end comes from the readings that lower the score alone, a partially met "
        "action counting 0 ({weight} alone) adding nothing"
    ),
    ("high", "readings suffice"): N_(
        "the high end comes from the readings that raise the score alone, a partially met "
        "action counting 1 ({weight} alone) adding nothing"
    ),
    ("low", "both"): N_(
        "the low end takes both choices: a partially met action counting 0 gives {weight} "
        "alone, the readings that lower the score {readings}"
    ),
    ("high", "both"): N_(
        "the high end takes both choices: a partially met action counting 1 gives {weight} "
        "alone, the readings that raise the score {readings}"
    ),
}

# The same in a few words, inside the brackets of `range_sentence`: what the end takes.
DRIVER_WORDS = {
    ("low", "weight"): N_("a partially met action counting 0, alone"),
    ("low", "readings"): N_("the readings that lower the score, alone"),
    ("low", "both"): N_(
        "a partially met action counting 0, together with the readings that lower the score"
    ),
    ("high", "weight"): N_("a partially met action counting 1, alone"),
    ("high", "readings"): N_("the readings that raise the score, alone"),
    ("high", "both"): N_(
        "a partially met action counting 1, together with the readings that raise the score"
    ),
}


def _end_words(end: str, parts: dict[str, float | None], lang: str) -> str:
    """Which choice drives one end of the range, in words (a clause of `range_detail`)."""
    values = {
        name: score_text(parts[name], lang)
        for name in ("weight", "readings")
        if parts[name] is not None
    }
    return tr(END_WORDS[(end, _case(parts))], lang, **values)


def _driver(end: str, parts: dict[str, float | None], lang: str) -> str:
    """Which choice drives one end of the range, in a few words (inside brackets)."""
    value, weight, readings = parts["end"], parts["weight"], parts["readings"]
    if weight is not None and (readings is None or _same(weight, value)):
        return tr(DRIVER_WORDS[(end, "weight")], lang)
    if readings is not None and (weight is None or _same(readings, value)):
        return tr(DRIVER_WORDS[(end, "readings")], lang)
    return tr(DRIVER_WORDS[(end, "both")], lang)


def range_sentence(c: Coverage) -> str:
    """The headline score, the range the sensitivity table gives it, and which choice (the
    weight of partial compliance, the other readings of disputed actions) drives each end."""
    lang = c.lang
    low, high = score_range(c.sensitivity)
    base = float(c.sensitivity["score"].iloc[0])
    ends = drivers(c.sensitivity)
    values = {
        "coding": coding_label(c.coded, lang),
        "score": score_text(c.pillars.loc["all", "score"], lang),
        "low": score_text(low, lang),
        "high": score_text(high, lang),
        "k": disputed_actions(c),
    }
    if low == high:
        return tr(
            "Under {coding} the coverage score is {score}, and no other weight or reading of "
            "the {k} disputed actions moves it.",
            lang,
            **values,
        )
    lower, higher = low < base - SAME, high > base + SAME
    values["low_driver"] = _driver("low", ends["low"], lang) if lower else ""
    values["high_driver"] = _driver("high", ends["high"], lang) if higher else ""
    if lower and higher:
        return tr(
            "Under {coding} the coverage score is {score}; other weights of partial compliance "
            "and other readings of the {k} disputed actions put it between {low} "
            "({low_driver}) and {high} ({high_driver}).",
            lang,
            **values,
        )
    if lower:
        return tr(
            "Under {coding} the coverage score is {score}, the highest that other weights of "
            "partial compliance and other readings of the {k} disputed actions give; they put "
            "it as low as {low} ({low_driver}).",
            lang,
            **values,
        )
    return tr(
        "Under {coding} the coverage score is {score}, the lowest that other weights of "
        "partial compliance and other readings of the {k} disputed actions give; they put it "
        "as high as {high} ({high_driver}).",
        lang,
        **values,
    )


def range_detail(c: Coverage) -> str:
    """How far each choice moves the score on its own, at each end of the range."""
    lang = c.lang
    ends = drivers(c.sensitivity)
    low_words, high_words = (_end_words(end, ends[end], lang) for end in ("low", "high"))
    return tr("{low}; {high}.", lang, low=capitalised(low_words), high=high_words)
