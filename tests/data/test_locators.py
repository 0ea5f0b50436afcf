"""Every finding points to its paragraph of the report, and that paragraph is about it."""

import re

import pytest

from analysis.contract.load import load_table
from tests.report import LOCATOR, locate, sections

STOP = set(
    "with from that this have their which other into about more were been does they them "
    "than such also only have for the and are not any its per".split()
)


def stems(text: str) -> set[str]:
    """Content words cut to five letters: 'delegated' and 'delegation' share 'deleg'."""
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4 and w not in STOP}


def plain(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def items():
    return load_table("assessment-items")


def test_every_locator_is_well_formed(items):
    assert items["where"].map(lambda w: bool(LOCATOR.match(w))).all()


def test_paragraphs_are_counted_as_a_reader_sees_them(report_text):
    found = sections(report_text)
    assert len(found) == 50 + 12  # 52 actions (1.4 to 1.6 answered together), 12 summaries
    # A table split by a page break is one paragraph; so is a paragraph broken by a page.
    supply = found["RIME 3.1"][3]
    assert supply.startswith("Supply reduction") and "Others: Quantification" in supply
    assert "evaluate, and\nupdate of evidence-based" in found["IS 1.4"][0]
    assert len(found["IS 2 summary"]) == 2  # the objective's title, then the text


def test_hand_picked_locators(report_text):
    assert locate(report_text, "IS 1.3 ¶1").startswith("In Peru there is an independent annual")
    assert locate(report_text, "RIME 1.4-1.6 ¶5") == "The DIN publishes a periodic report."
    assert locate(report_text, "IS 2 summary ¶2").startswith("CICAD notes that Peru collects")
    with pytest.raises(AssertionError, match="has 1 paragraphs"):
        locate(report_text, "IS 1.1 ¶2")


def test_every_finding_resolves_to_a_paragraph_that_holds_its_words(report_text, items):
    wrong = []
    for row in items.itertuples():
        block = locate(report_text, row.where)
        if plain(row.quote) not in plain(block):
            wrong.append(f"item {row.item}: {row.quote!r} is not in {row.where}")
        elif not stems(row.finding) & stems(block):
            wrong.append(f"item {row.item}: {row.where} shares no key word with {row.finding!r}")
    assert not wrong, "\n".join(wrong)
