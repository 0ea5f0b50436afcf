"""Evaluation coverage: checklists, scores, recency, gaps and tone, against hand counts.

Every expected value below was counted by hand from the report's tables and text (and,
for statuses, from this book's coding in data/assessment-items.csv), not by running the
code under test.
"""

import re

import pandas as pd
import pytest

from analysis.compute import coverage as cov
from analysis.compute.coverage import Coverage
from analysis.compute.register import register, status_counts
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition


@pytest.fixture(scope="module")
def reference():
    return Coverage(Edition())


def lists(c):
    return {item.key: item for item in c.checklists}


# (present, of, some missing rows) counted in the report's tables.
CHECKLISTS = {
    "policy-actors": (14, 32, ["Justice Ministry: implementation", "Private sector: update"]),
    "din-stakeholders": (
        7,
        9,
        ["Universities/academia", "Civil Society and other social stakeholders"],
    ),
    "din-stakeholders-text": (6, 9, ["Forensic laboratories"]),
    "demand-studies": (1, 9, ["National household survey (12-64 years)"]),
    "treatment-modalities": (6, 7, ["Long-term residential treatment"]),
    "treatment-data-institutions": (1, 4, ["Private institutions", "Religious institutions"]),
    "evaluations": (1, 6, ["evaluation study: prevention", "impact: treatment"]),
    "monitoring-mechanisms": (2, 4, ["Rehabilitation", "Recovery and social integration"]),
    # 19 rows asked about (6 yes); the 20th, "Others: ...", is Peru's own addition.
    "supply-information": (6, 19, ["Sale price of drugs (for consumers)"]),
    "mem-participation": (6, 6, []),
    "conventions": (9, 9, []),
}


@pytest.mark.parametrize("key", CHECKLISTS)
def test_checklists_k_of_n_counted_by_hand(reference, key):
    have, total, missing = CHECKLISTS[key]
    item = lists(reference)[key]
    assert (item.have, item.total) == (have, total)
    assert len(item.missing) == total - have
    for row in missing:
        assert row in item.missing


def test_a_row_the_country_added_counts_neither_way(reference):
    item = lists(reference)["supply-information"]
    assert item.added == ["Quantification of illicit coca crops"]
    assert "Others: Quantification of illicit coca crops" not in item.missing
    frame = pd.DataFrame(
        {"row": ["asked, yes", "asked, no", "Others: extra"], "ok": [True, False, True]}
    )
    made = cov.checklist("k", frame, "row", "ok")
    assert (made.have, made.total, made.missing, made.added) == (1, 2, ["asked, no"], ["extra"])


def test_the_network_table_and_text_disagree_on_the_forensic_laboratories(reference):
    by_key = lists(reference)
    assert set(by_key["din-stakeholders-text"].missing) - set(
        by_key["din-stakeholders"].missing
    ) == {"Forensic laboratories"}


def test_status_counts_after_the_recorded_coding_decisions():
    coded = register(load_table("priority-actions"), load_table("assessment-items"))
    counts = status_counts(coded)
    # IS not met: 2.4, 4.2, 4.3, 6.1, 6.2; partially: 2.2, 2.5.
    # RIME not met: 1.2, 1.8; partially: 1.3, 1.4, 1.7, 2.1, 2.3, 3.1, 3.2, 3.3, 4.3;
    # no information: 1.5. IC: all met.
    assert counts.loc["IS"].tolist() == [17, 2, 5, 0]
    assert counts.loc["RIME"].tolist() == [9, 9, 2, 1]
    assert counts.loc["IC"].tolist() == [7, 0, 0, 0]
    status = coded.set_index("id")["status"]
    assert status["RIME-2.2"] == "met"  # the national system is what the action asks for
    assert status["IS-2.2"] == "partially met"  # ministries involved; academia etc. not (note 13)
    assert status["IS-2.3"] == "met"  # delegation asked only 'as appropriate' (note 23)
    assert status["RIME-4.3"] == "partially met"  # no periodic promotion, but distributed
    # Supply indicators and a periodic report published; silent on yearly demand updates,
    # which by the rule for silence are not counted against it (notes 17 and 25).
    assert status["RIME-1.6"] == "met"


@pytest.mark.parametrize(
    ("weight", "overall", "is_", "rime"),
    [
        (0.5, (33 + 0.5 * 11) / 51, (17 + 0.5 * 2) / 24, (9 + 0.5 * 9) / 20),
        (0.0, 33 / 51, 17 / 24, 9 / 20),
        (1.0, 44 / 51, 19 / 24, 18 / 20),
    ],
)
def test_coverage_scores_hand_worked(weight, overall, is_, rime):
    coverage = Coverage(Edition(partial_weight=weight))
    assert coverage.pillars.loc["all", "score"] == pytest.approx(overall)
    assert coverage.pillars.loc["IS", "score"] == pytest.approx(is_)
    assert coverage.pillars.loc["RIME", "score"] == pytest.approx(rime)
    assert coverage.pillars.loc["IC", "score"] == 1


def test_objective_scores_hand_worked(reference):
    score = reference.objectives["score"]
    assert score[("IS", 2)] == pytest.approx((4 + 0.5 * 2) / 7)  # 2.4 not met; 2.2, 2.5 partly
    assert score[("IS", 4)] == pytest.approx(1 / 3)
    assert score[("IS", 6)] == 0
    # RIME 1.5 has no information: the score counts the other 8 actions.
    # RIME 1: met 1.1, 1.6, 1.9; partially 1.3, 1.4, 1.7; not met 1.2, 1.8; 1.5 no information.
    assert score[("RIME", 1)] == pytest.approx((3 + 0.5 * 3) / 8)
    assert score[("RIME", 4)] == pytest.approx(4.5 / 5)
    assert reference.objectives.loc[("RIME", 1), "actions"] == 9


def test_a_small_register_scores_by_hand():
    import pandas as pd

    coded = pd.DataFrame(
        {
            "pillar": ["X"] * 4,
            "objective": [1, 1, 1, 1],
            "status": pd.Categorical(
                ["met", "partially met", "not met", "no information"],
                categories=["met", "partially met", "not met", "no information"],
            ),
        }
    )
    table = cov.objective_coverage(coded, 0.25)
    assert table.loc[("X", 1), "score"] == pytest.approx((1 + 0.25) / 3)
    assert table.loc[("X", 1), "share met"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("weight", "diverging"),
    [
        (0.5, {}),  # 'with satisfaction' qualifies one finding, not the objective
        (0.0, {}),
        (1.0, {("RIME", 2): "faulted", ("RIME", 3): "faulted", ("RIME", 4): "faulted"}),
    ],
)
def test_tone_against_coverage_hand_worked(weight, diverging):
    # With partial counting 1, RIME 2, 3 (three partial, one met) and 4 (one partial) score
    # 100% while their summaries name shortcomings (three, two and one).
    tone = Coverage(Edition(partial_weight=weight)).tone
    found = tone[tone["diverges"]]["divergence"].to_dict()
    assert found == diverging


@pytest.mark.parametrize(
    ("year", "age", "dated"),
    [(2023, 3, 1), (2023, 2, 3), (2026, 3, 15), (2023, 0, 15)],
)
def test_recency_hand_counted(year, age, dated):
    # 15 dated items: demand 2019; supply 2022 (x6) and 2021; market 2021, 2021, 2020;
    # legal use 2020, 2021; purity (period to 2021); evaluation (span to 2021).
    evidence = Coverage(Edition(evaluation_year=year, max_age=age)).evidence
    assert len(evidence) == 15
    assert int(evidence["dated"].sum()) == dated
    assert evidence.iloc[0]["year"] == 2019


def test_gap_register_hand_counted(reference):
    gaps = reference.gaps
    assert len(gaps) == 28
    assert gaps["theme"].value_counts().to_dict() == {
        "engagement": 6,
        "information": 6,  # consumer prices (item 71) are an information-system gap
        "evaluation": 4,
        "alternatives": 3,
        "sentencing": 3,
        "dissemination": 3,
        "research": 2,  # SIDUC (item 46) and the demand studies beyond one (57)
        "strategy": 1,
    }
    # Context: the partial delegation (IS 2.3), the two limits of the treatment system and
    # that no drug-use study came after 2019 (RIME 1.6: the rule for silence, note 17).
    assert sorted(reference.limitations["item"]) == [12, 59, 101, 103]
    assert reference.limitations.set_index("item").loc[12, "answer"] == "partial"
    assert not (gaps["action"] == "RIME-2.2").any()


def test_every_finding_has_a_theme_from_the_contract():
    items = load_table("assessment-items")
    assert items["theme"].notna().all()
    assert len(items) == 105


def test_the_scores_figure_explains_hatching_only_when_it_draws_some(reference):
    from analysis.chapters.coverage_gaps import figures

    exhibit = figures.scores_figure(reference)
    parting = reference.tone["diverges"].any()
    assert ("Hatched:" in exhibit.caption) == bool(parting), exhibit.caption


def test_a_lists_missing_rows_end_before_what_peru_adds(reference):
    from analysis.chapters.coverage_gaps import tables

    html = tables.checklists_table(reference)._repr_html_()
    cells = re.findall(r"<td[^>]*>([^<]*Peru adds a row[^<]*)</td>", html)
    assert cells, "no list says that Peru adds a row"
    for cell in cells:
        before = cell.split("Peru adds a row")[0]
        assert before == "" or before.endswith(". "), cell  # a sentence ends first
