"""The priority-action register and the summary tones, against the report and by hand."""

import re

import pytest

from analysis.compute.register import register, status, tones
from analysis.contract.load import load_table


@pytest.fixture(scope="module")
def coded():
    return register(load_table("priority-actions"), load_table("assessment-items"))


def report_actions(text: str) -> list[str]:
    """Priority-action ids in the order the report's chapters give them."""
    pillar, ids = "IS", []
    body = text.split("EVALUATIVE SUMMARY")[0]
    for line in body.splitlines():
        if line == "RESEARCH, INFORMATION, MONITORING, AND EVALUATION":
            pillar = "RIME"
        elif line == "INTERNATIONAL COOPERATION":
            pillar = "IC"
        elif match := re.match(r"Priority Action (\d\.\d):", line):
            ids.append(f"{pillar}-{match.group(1)}")
    return ids


def test_register_holds_every_priority_action_of_the_report(report_text, coded):
    in_report = report_actions(report_text)
    assert len(in_report) == 52
    assert sorted(coded["id"]) == sorted(in_report)
    assert coded.groupby("pillar").size().to_dict() == {"IS": 24, "RIME": 21, "IC": 7}
    assert coded.groupby(["pillar", "objective"]).ngroups == 12


def test_every_action_has_a_title_and_a_reason(coded):
    assert coded["title"].str.len().min() > 5
    assert coded["reason"].str.len().min() > 10


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([], "no information"),
        (["yes"], "met"),
        (["yes", "yes", "yes"], "met"),
        (["no", "no"], "not met"),
        (["yes", "no"], "partially met"),
        (["partial"], "partially met"),
        (["yes", "partial", "yes"], "partially met"),
    ],
)
def test_status_rule_hand_worked(answers, expected):
    assert status(answers) == expected


def test_only_the_sata_action_lacks_findings(coded):
    assert coded.loc[coded["items"] == 0, "id"].tolist() == ["RIME-1.5"]


def summaries(text: str) -> dict[tuple[str, int], str]:
    """The evaluative summary's paragraph(s) for each pillar and objective."""
    summary = text.split("EVALUATIVE SUMMARY")[1]
    parts = re.split(
        r"\n(INSTITUTIONAL STRENGTHENING|RESEARCH, INFORMATION, MONITORING, AND EVALUATION|"
        r"INTERNATIONAL COOPERATION)\n",
        summary,
    )
    pillars = {"INSTITUTIONAL STRENGTHENING": "IS", "INTERNATIONAL COOPERATION": "IC"}
    found = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        pillar = pillars.get(heading, "RIME")
        for number, paragraph in re.findall(
            r"\nObjective (\d)\n(.*?)(?=\nObjective \d\n|$)", body, flags=re.S
        ):
            found[(pillar, int(number))] = paragraph
    return found


def test_tone_markers_match_the_summary_text(report_text):
    markers = load_table("objective-tone").set_index(["pillar", "objective"])
    texts = summaries(report_text)
    assert set(texts) == set(markers.index)
    for key, paragraph in texts.items():
        assert markers.loc[key, "satisfaction_phrase"] == ("with satisfaction" in paragraph), key
        assert markers.loc[key, "concern_phrase"] == ("with concern" in paragraph), key


def test_tones_read_by_hand():
    coded = tones(load_table("objective-tone")).set_index(["pillar", "objective"])["tone"]
    expected = {
        ("IS", 1): "satisfaction",
        ("IS", 2): "mixed",
        ("IS", 3): "satisfaction",
        ("IS", 4): "mixed",
        ("IS", 5): "satisfaction",
        ("IS", 6): "concern",
        ("RIME", 1): "mixed",
        ("RIME", 2): "mixed",
        ("RIME", 3): "mixed",
        ("RIME", 4): "mixed",
        ("IC", 1): "satisfaction",
        ("IC", 2): "satisfaction",
    }
    assert coded.to_dict() == expected
