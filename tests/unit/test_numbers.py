"""One grammar for a number, wherever a person writes it: data/, a user's CSV file, `--set`,
`--params`. Digits, at most one decimal point, an optional sign and exponent; nothing else
(core/grammar.py). Each refusal is one line naming the file, row and field, or the
parameter."""

import pytest

from analysis.contract.load import DataError, validate_package
from analysis.contract.parameters import Edition, ParameterError
from analysis.core.grammar import NotANumber, parse_integer, parse_number
from analysis.edition.cli import main
from tests.conftest import ROOT

DEFLATORS = (ROOT / "data" / "deflators.csv").read_text(encoding="utf-8")
RATES = "year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n"


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3.0), ("-0.5", -0.5), ("+.25", 0.25), ("2.", 2.0), ("1e3", 1000.0),
     ("2.5E-1", 0.25), (" 3.6 ", 3.6), ("-0", 0.0), ("007", 7.0)],
)  # fmt: skip
def test_numbers_in_the_grammar(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["3_5", "1_000", "1,000", "3,5", "1.000,5", "1 000", "nan", "NaN", "inf", "-Infinity",
     "1e999", "true", "0x10", "1e", ".", "", "--1", "1.2.3", "\u0663", "\uff13",
     "3\u00a0", "1\u202f000", "\u22121"],
)  # fmt: skip
def test_anything_else_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def test_integers_and_what_they_refuse():
    assert parse_integer("2020") == 2020 and parse_integer(" +0 ") == 0
    for text in ["2020.0", "2e3", "2_020", "\uff12\uff10\uff12\uff10", "9" * 5000]:
        with pytest.raises(NotANumber):
            parse_integer(text)
    for value in [True, False, 2020.0, None]:
        with pytest.raises(NotANumber):
            parse_integer(value)
    with pytest.raises(NotANumber, match="a boolean is not a number"):
        parse_number(True)


# A user's file: '3_5' was read as 35.0 and published; '1_000' as 1000 while '1,000' was refused.
@pytest.mark.parametrize(
    ("cell", "why"),
    [("3_5", "no underscores between digits"), ("1_000", "no underscores between digits"),
     ("3,5", ""), ("nan", ""), ("1e999", "not a finite number"), ("true", "")],
)  # fmt: skip
def test_a_user_file_number_outside_the_grammar_is_refused_with_row_and_field(tmp_path, cell, why):
    path = tmp_path / "rates.csv"
    path.write_text(RATES.replace("2021,3.9", f'2021,"{cell}"'))
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"fx_rates": str(path), "currency": "PEN"})
    message = str(caught.value)
    where = f"parameter 'fx_rates': {path}, row 3, field 'pen_per_usd': "
    assert message.startswith(where), message
    assert why in message and "\n" not in message


def test_a_user_deflator_written_with_an_underscore_is_refused(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text(DEFLATORS.replace(",2020,258.811,", ",2020,258_811,"))
    with pytest.raises(ParameterError, match=r"row 3, field 'value': '258_811' is not a number"):
        Edition.from_values({"deflators": str(path), "price_basis": "real"})


def test_a_year_written_with_an_underscore_is_refused(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(RATES.replace("2022,", "2_022,"))
    with pytest.raises(ParameterError, match=r"row 4, field 'year': '2_022' is not an integer"):
        Edition.from_values({"fx_rates": str(path)})


# data/: the contract accepted 'inf' (only minimum: 0 was declared) and '1_000'.
@pytest.mark.parametrize(
    ("old", "new", "row", "field"),
    [
        ("2020,USD,70709485.23,", "2020,USD,inf,", 3, "amount"),
        ("2020,USD,70709485.23,", "2020,USD,1e999,", 3, "amount"),
        ("2020,USD,70709485.23,", "2020,USD,70_709_485.23,", 3, "amount"),
        ("2020,USD,70709485.23,", "2020,USD,NaN,", 3, "amount"),
    ],
)
def test_the_contract_refuses_non_finite_and_ungrammatical_numbers(data_copy, old, new, row, field):
    path = data_copy / "devida-budget.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validate_package(data_copy)
    assert str(caught.value).startswith(f"{path}, row {row}, field {field!r}: "), caught.value


# --set and --params: the same grammar, and no booleans. YAML 1.1 read `partial_weight: true`
# as 1.0 and `start_year: 2_020` as 2020; `--set partial_weight=true` was refused.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("partial_weight: true", "parameter 'partial_weight': 'true' is not a number (a boolean"),
        ("partial_weight: false", "parameter 'partial_weight': 'false' is not a number"),
        ("partial_weight: .nan", "parameter 'partial_weight': '.nan' is not a number"),
        ("partial_weight: nan", "parameter 'partial_weight': 'nan' is not a number"),
        ("start_year: 2_020", "parameter 'start_year': '2_020' is not an integer"),
        ("start_year: 0x7E4", "parameter 'start_year': '0x7E4' is not an integer"),
        ("max_age: 0:3", "parameter 'max_age': '0:3' is not an integer"),
        ("max_age: yes", "parameter 'max_age': 'yes' is not an integer (a boolean"),
        ("start_year: " + "9" * 5000, "parameter 'start_year': '999"),
        ("lang: no", "parameter 'lang': no translation catalog for 'no'"),
    ],
)
def test_params_files_follow_the_grammar_and_hold_no_booleans(tmp_path, capsys, line, expected):
    path = tmp_path / "edition.yaml"
    path.write_text(line + "\n")
    assert main(["build", "--params", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err, err
    assert "Traceback" not in err and len(err) < 400


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("partial_weight=true", "'true' is not a number (a boolean is not a number)"),
        ("partial_weight=nan", "'nan' is not a number; allowed: a number from 0 to 1"),
        ("partial_weight=1_0", "'1_0' is not a number (no underscores"),
        ("partial_weight=0,5", "'0,5' is not a number (no thousands separators or decimal commas"),
        ("partial_weight=1e999", "'1e999' is not a finite number"),
        ("start_year=2020.0", "'2020.0' is not an integer (it has a decimal point"),
        ("start_year=" + "1" * 5000, "is too large (5000 digits)"),
        ("max_age=\uff13", "'\\uff13' is not an integer"),
    ],
)
def test_set_values_follow_the_grammar(capsys, setting, expected):
    assert main(["build", "--set", setting]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err, err


def test_the_same_value_from_set_and_params_is_the_same_edition(tmp_path):
    from analysis.edition.arguments import edition_from_arguments

    path = tmp_path / "edition.yaml"
    path.write_text("partial_weight: 0.25\nstart_year: 2020\nmax_age: +4\n")
    from_file = edition_from_arguments([], [path])
    from_set = edition_from_arguments(["partial_weight=.25", "start_year=2020", "max_age=4"])
    assert from_file == from_set and from_file.partial_weight == 0.25


def test_a_notebook_namespace_keeps_its_numbers_but_not_booleans():
    assert Edition.from_values({"partial_weight": 1, "start_year": 2020}).partial_weight == 1.0
    with pytest.raises(ParameterError, match="a boolean is not a number"):
        Edition.from_values({"partial_weight": True})
