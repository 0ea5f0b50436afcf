"""Every table in data/ against the report's own text, cell by cell."""

import re

import pandas as pd
import pytest

from analysis.contract.load import contract, load_table
from tests.conftest import parse_printed
from tests.report import labelled, table, yes_no


def rows_of(name: str) -> list[dict]:
    """A data file's rows as dicts of plain text, exactly as stored."""
    frame = pd.read_csv(f"data/{name}.csv", dtype=str, keep_default_na=False)
    return frame.to_dict("records")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)


def test_policy_actors(report_text):
    printed = labelled(table(report_text, "Relevant Actors\t"))
    stages = ["development", "implementation", "evaluation", "update"]
    expected = [
        {"actor": actor, "stage": stage, "involved": "yes" if cells[i] == "X" else "no"}
        for actor, cells in printed.items()
        for i, stage in enumerate(stages)
    ]
    assert rows_of("policy-actors") == expected


def test_opd_budget_rows_and_dashes(report_text):
    printed = labelled(table(report_text, "Expense category\t"))
    years = [int(y) for y in report_text.split("Expense category\t")[1].split("\n")[0].split("\t")]
    rows = rows_of("opd-budget")
    labels = list(dict.fromkeys(row["label"] for row in rows))
    assert labels == [label for label in printed if label != "Total"]
    for row in rows:
        cell = printed[row["label"]][years.index(int(row["year"]))]
        assert row["printed"] == cell
        assert row["amount"] == ("" if cell == "-" else f"{parse_printed(cell):.2f}")


def test_opd_totals_as_printed(report_text):
    totals = labelled(table(report_text, "Expense category\t"))["Total"]
    assert [row["printed"] for row in rows_of("opd-budget-totals")] == totals
    assert [float(row["amount"]) for row in rows_of("opd-budget-totals")] == [
        parse_printed(cell) for cell in totals
    ]


def test_opd_exchange_rates_keep_the_printed_text(report_text):
    footnote = next(line for line in report_text.splitlines() if line.startswith("*To calculate"))
    for row in rows_of("opd-exchange-rates"):
        printed = (
            re.escape(row["printed_date"])
            + ",? the exchange rate was "
            + re.escape(row["printed_rate"])
        )
        assert re.search(printed + " per", footnote), row
    rates = load_table("opd-exchange-rates")
    assert list(rates["pen_per_usd"]) == [3.618, 3.975, 3.808, 3.602]
    assert [d.isoformat()[:10] for d in rates["date"]] == [
        "2020-12-31",
        "2021-12-31",
        "2022-12-30",
        "2023-07-31",
    ]


@pytest.mark.parametrize(
    ("name", "header", "label", "answer"),
    [
        ("din-stakeholders", "Stakeholders\t", "stakeholder", "involved"),
        ("treatment-modalities", "Modalities and interventions\t", "modality", "included"),
        ("treatment-data-institutions", "Institution\tYes", "institution", "reports"),
    ],
)
def test_yes_no_tables(report_text, name, header, label, answer):
    printed = labelled(table(report_text, header))
    assert [(row[label], row[answer]) for row in rows_of(name)] == [
        (key, yes_no(cells)) for key, cells in printed.items()
    ]


@pytest.mark.parametrize(
    ("name", "header", "label", "answer", "extra"),
    [
        ("din-interaction", "Means\t", "means", "used", "frequency"),
        ("demand-studies", "Studies\t", "study", "done", "most_recent_year"),
        ("monitoring-mechanisms", "Programs/Services\t", "programme", "in_place", "mechanism"),
        (
            "supply-information",
            "Information\tAvailable",
            "information",
            "available",
            "most_recent_year",
        ),
        ("evaluation-studies", "Scope\t", "scope", "carried_out", "printed"),
    ],
)
def test_yes_no_tables_with_a_third_column(report_text, name, header, label, answer, extra):
    printed = labelled(table(report_text, header))
    assert [(row[label], row[answer], row[extra]) for row in rows_of(name)] == [
        (key, yes_no(cells), cells[2]) for key, cells in printed.items()
    ]


def test_evaluation_study_title_and_years_split_the_printed_cell():
    for row in rows_of("evaluation-studies"):
        assert " ".join(part for part in (row["title"], row["years"]) if part) == row["printed"]


@pytest.mark.parametrize(
    ("name", "occurrence"), [("drug-market-studies", 0), ("legal-use-studies", 1)]
)
def test_study_lists(report_text, name, occurrence):
    printed = table(report_text, "Type of study\tTitle of report\tYear", occurrence)
    assert [[r["study_type"], r["title"], r["year"]] for r in rows_of(name)] == printed


def test_purity_publications(report_text):
    [printed] = table(report_text, "Type of report/publication\t")
    [row] = rows_of("purity-publications")
    assert [row["publication_type"], row["title"], row["printed_year"]] == printed
    assert row["period_covered"] in row["printed_year"] and row["published"] in row["printed_year"]


def test_forensic_training(report_text):
    printed = table(report_text, "Implements or participates")
    assert [list(row.values()) for row in rows_of("forensic-training")] == printed


def test_mem_participation(report_text):
    expected = []
    for evaluation, nce, geg in table(report_text, "Thematic Evaluation\t"):
        name, year = evaluation.rsplit(" (", 1)
        for group, cell in (("NCE", nce), ("GEG", geg)):
            expected.append([year.rstrip(")"), name, group, cell.lower()])
    assert [list(row.values()) for row in rows_of("mem-participation")] == expected


def test_legal_measures(report_text):
    printed = table(report_text, "\tEnacted\tAdopted")
    expected = [
        [kind, "yes" if e == "X" else "no", "yes" if a == "X" else "no", name]
        for kind, e, a, name in printed
    ]
    assert [list(row.values()) for row in rows_of("legal-measures")] == expected


def test_conventions(report_text):
    printed = table(report_text, "Conventions and Protocols")
    assert [(r["instrument"], r["ratified"]) for r in rows_of("conventions")] == [
        (cells[1], yes_no(cells[2:])) for cells in printed
    ]


# Lists in the prose: every name the data gives must stand in the report's text.
LIST_NAMES = {
    "cooperation-programmes": ["programme"],
    "cross-cutting-policies": ["policy", "decree"],
    "budgetary-programmes": ["code", "acronym"],
    "social-inclusion-programmes": ["programme"],
    "mem-review-activities": ["activity"],
    "bilateral-mechanisms": ["country"],
    "horizontal-cooperation": [],
    "intelligence-exchange-uses": ["use"],
}
# Names this project wrote where the report describes rather than names.
OWN_WORDING: set[str] = set()


def flowing(text: str) -> str:
    """The report's text with sentences rejoined where a page's running head cut them."""
    return re.sub(r"\n\nOBJECTIVE \d+\n\n(?=[a-z])", " ", text)


@pytest.mark.parametrize("name", LIST_NAMES)
def test_names_in_lists_stand_in_the_report(report_text, name):
    text = flowing(report_text)
    for row in rows_of(name):
        for field in LIST_NAMES[name]:
            value = row[field]
            if value and value not in OWN_WORDING:
                assert value in text, f"{name}: {field} {value!r} not in the report"


def test_bilateral_mechanisms_as_printed(report_text):
    for row in rows_of("bilateral-mechanisms"):
        assert f"- {row['country']}: {row['mechanism']}" in report_text


# Every bulleted list of the report, by its first item, and the data file that holds it.
BULLETED_LISTS = {
    "Budgetary Program for Comprehensive and Sustainable": "budgetary-programmes",
    "Budgetary Program for Integrated and Effective Management of Drug": "budgetary-programmes",
    "Cooperation by the United States of America:": "cooperation-programmes",
    "United Nations Office on Drugs and Crime (UNODC): support": "cooperation-programmes",
    "National Multisectoral Policy on Citizen Security": "cross-cutting-policies",
    "Regarding crime prevention:": "citizen-security-measures",
    "The GROW program:": "social-inclusion-programmes",
    "National Commission for the Development and Life without Drugs- DEVIDA": (
        "supply-information-institutions"
    ),
    "Prevention, Treatment, and Recovery Support Measures (2021)": "mem-thematic-areas",
    "Dissemination of the MEM Reports to national entities": "mem-review-activities",
    "Exchange of intelligence information": "intelligence-exchange-uses",
    "Argentina: Joint Peruvian": "bilateral-mechanisms",
}


def bulleted_lists(text: str) -> list[list[str]]:
    """The report's bulleted lists, each as its items (nested items belong to their list)."""
    lists: list[list[str]] = []
    previous_was_item = False
    for line in flowing(text).splitlines():
        if re.match(r"\s*- ", line):
            item = line.strip()[2:]
            if previous_was_item:
                lists[-1].append(item)
            else:
                lists.append([item])
            previous_was_item = True
        elif line.strip():
            previous_was_item = False
    return lists


def test_every_bulleted_list_is_in_data(report_text):
    """Each item of each list in the report's text carries a value of its data file."""
    lists = bulleted_lists(report_text)
    assert len(lists) == len(BULLETED_LISTS), [items[0][:50] for items in lists]
    for items in lists:
        homes = [name for start, name in BULLETED_LISTS.items() if items[0].startswith(start)]
        assert homes, f"no data file for the list that starts {items[0][:60]!r}"
        values = {
            value
            for row in rows_of(homes[0])
            for value in row.values()
            if isinstance(value, str) and len(value) >= 4
        }
        for item in items:
            assert any(value in item for value in values), (
                f"{homes[0]}: nothing in the data names the item {item[:70]!r}"
            )


def test_every_resource_is_loadable_and_has_provenance():
    for entry in contract()["resources"]:
        assert len(load_table(entry["name"])) > 0, entry["name"]
        assert entry["report"].get("table") or entry["report"]["kind"] != "table", entry["name"]


# Lists transcribed from the prose for the pillar chapters: each entry against its sentence.
def _sentence(text: str, start: str) -> str:
    """The sentence of the report that begins with `start`."""
    index = text.index(start)
    end = text.find(". ", index)
    return " ".join(text[index : end if end > 0 else None].split())


def test_areas_the_drug_authority_coordinates(report_text):
    sentence = _sentence(report_text, "The country's national drug authority coordinates the areas")
    for row in rows_of("devida-areas"):
        assert row["area"] in sentence, row


def test_crimes_related_to_drug_trafficking(report_text):
    sentence = _sentence(report_text, "The country participates in regional coordination")
    crimes = [row["crime"] for row in rows_of("related-crimes")]
    assert "such as " + ", ".join(crimes[:-1]) + ", and " + crimes[-1] in sentence


def test_national_policy_counts(report_text):
    sentence = _sentence(report_text, "The PNCD has three priority objectives")
    entities = _sentence(report_text, "This makes it possible to implement and measure")
    words = {"three": "3", "two": "2", "six": "6", "one": "1"}
    for row in rows_of("national-policy-counts"):
        assert row["printed"] in sentence + " " + entities, row
        number = row["printed"].replace("a total of ", "").replace("with ", "").split()[0]
        assert words.get(number, number) == row["count"], row


def test_programme_coverage(report_text):
    for row in rows_of("programme-coverage"):
        assert row["printed"] in report_text, row
        assert row["count"] in row["printed"]
        assert (row["qualifier"] == "more than") == row["printed"].startswith("more than")


def test_institutions_in_the_supply_information_mechanisms(report_text):
    for row in rows_of("supply-information-institutions"):
        printed = (
            f"- {row['institution']}- {row['acronym']}",
            f"- {row['institution']} ({row['acronym']})",
        )
        assert any(form in report_text for form in printed), row


def test_forensic_institutions(report_text):
    sentence = _sentence(report_text, "In Peru, the Center for Research and Strategic Studies")
    assert "are not part of the national drug information network" in sentence
    for row in rows_of("forensic-institutions"):
        assert row["institution"].replace("'", "’") in sentence.replace("'", "’") or (
            row["institution"].split(" of the PNP")[0] in sentence
        ), row
        assert f"({row['acronym_as_printed']})" in sentence, row
        assert row["in_network"] == "no"


def test_outcome_and_impact_evaluations(report_text):
    assert "has not carried out intermediate outcome evaluations of prevention or treatment" in (
        " ".join(report_text.split())
    )
    assert "has not conducted impact evaluations of its prevention or treatment" in report_text
    assert {(r["kind"], r["programme"], r["carried_out"]) for r in rows_of("evaluation-kinds")} == {
        (kind, programme, "no")
        for kind in ("intermediate outcome", "impact")
        for programme in ("prevention", "treatment")
    }


def test_recipients_of_the_eu_donation(report_text):
    sentence = _sentence(report_text, "The beneficiary institutions consisted of")
    for row in rows_of("eu-donation-recipients"):
        assert f"{row['institution']} ({row['acronym']})" in sentence, row
    assert "in 2022 the European Union donated hardware and software" in report_text


def test_bodies_provided_with_information(report_text):
    sentence = _sentence(report_text, "In this regard, the International Narcotics Control Board")
    for row in rows_of("information-recipients"):
        assert f"{row['organisation']} ({row['acronym']})" in sentence, row


def test_the_copolad_study_visit(report_text):
    [row] = rows_of("study-visits")
    sentence = _sentence(report_text, "In this regard, with the Cooperation Program between")
    assert "(COPOLAD) in May 2022" in sentence and row["date"] == "2022-05"
    assert f"officials from {row['member_states']} member states" in sentence
    for region in row["regions"].split("; "):
        assert region in sentence


def test_the_drug_authority(report_text):
    [row] = rows_of("drug-authority")
    assert (
        f"{row['name']} ({row['acronym']}) as the national drug authority, established in "
        f"{row['established']}" in report_text
    )
    assert f"attached to {row['attached_to']} and assigned {row['budget']}" in report_text


def test_the_authority_s_legal_basis(report_text):
    for row in rows_of("authority-legal-basis"):
        assert row["printed"] in report_text, row
        assert row["instrument"] in row["printed"], row


def test_citizen_security_measures(report_text):
    for row in rows_of("citizen-security-measures"):
        assert f"- {row['area']}: {row['measures']}" in report_text, row


def test_thematic_areas_of_the_round(report_text):
    for row in rows_of("mem-thematic-areas"):
        assert f"- {row['thematic_area']} ({row['year']})" in report_text, row
