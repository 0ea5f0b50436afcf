"""The data files against the report and against their contract."""

from pathlib import Path

import pytest
from frictionless import Package

from analysis.contract.load import DataError, contract, load_table, validate_package
from tests.conftest import ROOT, parse_printed, report_row


def test_contract_validates_every_resource():
    report = Package(str(ROOT / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_every_resource_says_where_it_comes_from():
    for entry in contract()["resources"]:
        place = entry["report"]
        if place["kind"] == "reference":  # public statistics, not the report
            assert entry["sources"], entry["name"]
        elif place["kind"] == "coding":  # this project's reading of part of the report
            assert place["scope"], entry["name"]
        else:
            assert place["pillar"] in {"IS", "RIME", "IC"}, entry["name"]
            assert place["objective"] and place["priority_action"] and place["table"], entry
    kinds = [entry["report"]["kind"] for entry in contract()["resources"]]
    assert set(kinds) == {"table", "list", "coding", "reference"}


def test_devida_budget_matches_the_printed_rows(report_text):
    table = load_table("devida-budget")
    years = [int(year) for year in report_row(report_text, "Year")]
    rows = {
        "USD": report_row(report_text, "Annual budget amount (U.S. dollars)"),
        "PEN": report_row(report_text, "In soles"),
    }
    for currency, cells in rows.items():
        ours = table[table["currency"] == currency].set_index("year")
        assert list(ours.index) == years
        assert list(ours["printed"]) == cells
        assert list(ours["amount"]) == [parse_printed(cell) for cell in cells]


def test_devida_budget_is_typed():
    table = load_table("devida-budget")
    assert str(table["year"].dtype) == "Int64"
    assert str(table["amount"].dtype) == "Float64"


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"corruption fixture out of date: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each corruption of the real file, and what the error must name.
CORRUPTIONS = {
    "wrong type": (
        lambda d: _rewrite(d / "devida-budget.csv", "2021,USD", "20x1,USD"),
        ["devida-budget.csv", "row 4", "'year'", "type"],
    ),
    "unknown category": (
        lambda d: _rewrite(d / "devida-budget.csv", "2020,PEN", "2020,EUR"),
        ["devida-budget.csv", "row 8", "'currency'", "USD"],
    ),
    "duplicate key": (
        lambda d: _rewrite(d / "devida-budget.csv", "2022,USD", "2021,USD"),
        ["devida-budget.csv", "row 5", "field 'year, currency'", "the same value as row"],
    ),
    "missing column": (
        lambda d: _rewrite(d / "devida-budget.csv", ",amount,printed", ",amount"),
        ["devida-budget.csv", "printed"],
    ),
    "stray total row": (
        lambda d: (d / "devida-budget.csv").open("a").write('Total,USD,381605444.84,"$381.6"\n'),
        ["devida-budget.csv", "row 12", "'year'"],
    ),
    "empty file": (
        lambda d: (d / "devida-budget.csv").write_text(""),
        ["devida-budget.csv"],
    ),
    "wrong encoding": (
        lambda d: (d / "devida-budget.csv").write_bytes(
            (d / "devida-budget.csv").read_bytes().replace(b"S/.", b"S/\xa0")
        ),
        ["devida-budget.csv", "utf-8"],
    ),
    "negative amount": (
        lambda d: _rewrite(d / "devida-budget.csv", "68981421.47", "-68981421.47"),
        ["devida-budget.csv", "row 5", "'amount'", "minimum"],
    ),
    "missing value": (
        lambda d: _rewrite(d / "devida-budget.csv", "2023,PEN,274509448,", "2023,PEN,,"),
        ["devida-budget.csv", "row 11", "'amount'"],
    ),
    "missing file": (
        lambda d: (d / "devida-budget.csv").unlink(),
        ["devida-budget.csv", "not found"],
    ),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupt_file_is_refused_with_file_row_and_field(data_copy, corruption):
    corrupt, expected = CORRUPTIONS[corruption]
    corrupt(data_copy)
    with pytest.raises(DataError) as caught:
        load_table("devida-budget", data_copy)
    for part in expected:
        assert part in str(caught.value), str(caught.value)


# Corruptions of the other files, checked through the whole-package validation the build
# runs first (it also checks keys between tables).
PACKAGE_CORRUPTIONS = {
    "item tied to an unknown action": (
        lambda d: _rewrite(d / "assessment-items.csv", "16,IS-2.4,", "16,IS-2.9,"),
        ["assessment-items.csv", "row 17", "foreign key"],
    ),
    "an X instead of yes/no": (
        lambda d: _rewrite(d / "din-stakeholders.csv", "Law enforcement,yes", "Law enforcement,X"),
        ["din-stakeholders.csv", "row 5", "'involved'"],
    ),
    "a date as printed, not ISO": (
        lambda d: _rewrite(d / "opd-exchange-rates.csv", "2023-07-31", "07/31/20223"),
        ["opd-exchange-rates.csv", "row 5", "'date'"],
    ),
    "an unknown policy stage": (
        lambda d: _rewrite(d / "policy-actors.csv", "Civil Society,update", "Civil Society,review"),
        ["policy-actors.csv", "row 29", "'stage'"],
    ),
    "a renamed column": (
        lambda d: _rewrite(d / "opd-budget.csv", "category,label", "categories,label"),
        ["opd-budget.csv", "'category'"],
    ),
    "a year x currency row missing": (
        lambda d: _rewrite(d / "devida-budget.csv", '2021,PEN,300817148,"S/. 300,817,148"\n', ""),
        ["devida-budget.csv", "no row for year 2021, currency 'PEN'", "completeness"],
    ),
    "an actor without one of the four stages": (
        lambda d: _rewrite(d / "policy-actors.csv", "Justice Ministry,evaluation,no\n", ""),
        ["policy-actors.csv", "actor 'Justice Ministry', stage 'evaluation'"],
    ),
    "an observatory line without a year": (
        lambda d: _rewrite(d / "opd-budget.csv", "other,Other expenses,2022,,-\n", ""),
        ["opd-budget.csv", "category 'other', year 2022"],
    ),
}


@pytest.mark.parametrize("corruption", PACKAGE_CORRUPTIONS)
def test_package_validation_names_file_row_and_field(data_copy, corruption):
    corrupt, expected = PACKAGE_CORRUPTIONS[corruption]
    corrupt(data_copy)
    with pytest.raises(DataError) as caught:
        validate_package(data_copy)
    for part in expected:
        assert part in str(caught.value), str(caught.value)
