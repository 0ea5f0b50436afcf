"""A user's CSV file is read once, by one reader: the table that is checked is the table the
book uses (issue 24). Frictionless and pandas used to read the same bytes each their own way
(`IS-2.3, "not met"`: the check saw `not met`, the notebooks ` "not met"`)."""

import frictionless
import pytest

from analysis.contract.parameters import Edition, ParameterError, user_schema
from analysis.contract.userfiles import UserFileError, read_user_table
from analysis.edition.cli import main

RATES = "year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n"


def _file(tmp_path, text: str, name: str = "mine.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _codings(tmp_path, text: str) -> list[dict]:
    table = read_user_table(_file(tmp_path, text), user_schema("codings"))
    return [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in
            table.astype(object).to_dict("records")]  # fmt: skip


# Shapes on which frictionless and pandas disagreed, or which one of them refused: each is
# now read one way, and that reading is what the book shows.
READ_AS = {
    "a space before a quoted field": (
        'action,status\nIS-2.3, "not met"\n',
        [{"action": "IS-2.3", "status": "not met"}],
    ),
    "a quoted reason with a comma after a space": (
        'action,status,reason\nIS-2.3,met, "a, b"\n',
        [{"action": "IS-2.3", "status": "met", "reason": "a, b"}],
    ),
    "spaces around values": (
        "action,status\n IS-2.3 , not met \n",
        [{"action": "IS-2.3", "status": "not met"}],
    ),
    "quotation marks inside an unquoted reason": (
        'action,status,reason\nIS-2.3,met,He said "no"\n',
        [{"action": "IS-2.3", "status": "met", "reason": 'He said "no"'}],
    ),
    "doubled quotation marks inside a quoted reason": (
        'action,status,reason\nIS-2.3,met,"He said ""no"""\n',
        [{"action": "IS-2.3", "status": "met", "reason": 'He said "no"'}],
    ),
    "a byte-order mark and CRLF line ends": (
        "\ufeffaction,status\r\nIS-2.3,met\r\nIS-2.4,not met\r\n",
        [{"action": "IS-2.3", "status": "met"}, {"action": "IS-2.4", "status": "not met"}],
    ),
    "old Mac line ends": (
        "action,status\rIS-2.3,met\r",
        [{"action": "IS-2.3", "status": "met"}],
    ),
    "a reason over two lines": (
        'action,status,reason\nIS-2.3,met,"one\ntwo"\nIS-2.4,met,\n',
        [
            {"action": "IS-2.3", "status": "met", "reason": "one\ntwo"},
            {"action": "IS-2.4", "status": "met", "reason": None},
        ],
    ),
    "blank lines, at the end too": (
        "action,status\n\nIS-2.3,met\n\n",
        [{"action": "IS-2.3", "status": "met"}],
    ),
}


@pytest.mark.parametrize("case", READ_AS)
def test_each_shape_is_read_one_way(tmp_path, case):
    text, expected = READ_AS[case]
    assert _codings(tmp_path, text) == expected


@pytest.mark.parametrize("case", READ_AS)
def test_the_rows_frictionless_checks_are_the_rows_the_book_uses(tmp_path, monkeypatch, case):
    checked = []

    class Recording(frictionless.Resource):
        def __init__(self, *args, **kwargs):
            checked.append(kwargs.get("data", args[0] if args else None))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(frictionless, "Resource", Recording)
    text, _ = READ_AS[case]
    used = _codings(tmp_path, text.replace("IS-2.3", "IS-1.1"))  # a text not checked before
    assert len(checked) == 1 and isinstance(checked[0], list), checked
    header, *rows = checked[0]
    assert [dict(zip(header, row, strict=True)) for row in rows] == used


def test_a_number_after_a_space_is_the_number_checked(tmp_path):
    path = _file(tmp_path, 'year, pen_per_usd\n2020, "3.6"\n 2021 ,3.9\n2022,3.8\n2023,3.6\n')
    table = read_user_table(path, user_schema("fx_rates"))
    assert table["year"].tolist() == [2020, 2021, 2022, 2023]
    assert table["pen_per_usd"].tolist() == [3.6, 3.9, 3.8, 3.6]


# Shapes that cannot be read one clear way: refused, naming the file and where.
REFUSED = {
    "text after a closing quotation mark": (
        'action,status\n"IS-2.3" ,met\n',
        "line 2: text after the closing quotation mark of a field",
    ),
    "a quotation mark never closed": (
        'action,status,reason\nIS-1.1,met,ok\nIS-2.4,met,"a\n',
        "line 3: a field opens a quotation mark",
    ),
    "a row with a field too few": (
        "action,status,reason\nIS-2.3,met\n",
        "row 2 has 2 fields; expected 3 (action, status, reason)",
    ),
    "a row with a field too many": (
        "action,status\nIS-2.3,met,extra\n",
        "row 2 has 3 fields; expected 2 (action, status)",
    ),
    "an error after a blank line names its own row": (
        "action,status\n\nIS-2.3,done\n",
        "row 3, field 'status': 'done' is not an allowed value",
    ),
    "a repeated action after a blank line": (
        "action,status\nIS-2.3,met\n\nIS-2.3,not met\n",
        "row 4, field 'action': the same value as row 2",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_what_cannot_be_read_one_way_is_refused_in_one_line(tmp_path, case):
    text, expected = REFUSED[case]
    path = _file(tmp_path, text)
    with pytest.raises(UserFileError) as caught:
        read_user_table(path, user_schema("codings"))
    assert str(caught.value).startswith(f"{path}, "), caught.value
    assert expected in str(caught.value) and "\n" not in str(caught.value)


# A line of 20,000 commas took 81 s and 4 GB inside frictionless, then a MemoryError.
@pytest.mark.parametrize(
    ("parameter", "text", "expected"),
    [
        ("fx_rates", "year,pen_per_usd\n2020,3.5" + "," * 20_000 + "\n",
         "row 2 has 20,002 fields; expected 2 (year, pen_per_usd)"),
        ("codings", "action,status\n" + "IS-2.3,met" + "," * 999_000 + "\n",
         "row 2 has 999,002 fields; expected 2 (action, status)"),
        ("codings", "action,status\nIS-2.3,met\n" + "," * 20_000 + "\n",
         "row 3 has 20,001 fields; expected 2 (action, status)"),
    ],
)  # fmt: skip
def test_a_line_of_commas_is_refused_before_frictionless_reads_it(
    tmp_path, monkeypatch, capsys, parameter, text, expected
):
    def never(*args, **kwargs):
        raise AssertionError("frictionless was given a row of the wrong length")

    monkeypatch.setattr(frictionless, "Resource", never)
    path = _file(tmp_path, text)
    status = main(["build", "--set", f"{parameter}={path}", "--build-dir", str(tmp_path / "b")])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1, err
    assert err.startswith(f"error: parameter {parameter!r}: {path}, {expected}; allowed: "), err
    assert not (tmp_path / "b").exists()


# Characters a page or a terminal would not show as text: refused where they stand.
@pytest.mark.parametrize(
    ("cell", "shown"),
    [("\x1b[31mred", "\\x1b"), ("bell\x07", "\\x07"), ("a\u202eb", "\\u202e"),
     ("a\u2066b", "\\u2066"), ("a\x00b", "\\x00"), ("a\u2028b", "\\u2028"),
     ("a\x85b", "\\x85"), ("a\ufeffb", "\\ufeff")],
)  # fmt: skip
def test_control_and_bidi_characters_in_a_reason_are_refused_with_their_line(tmp_path, cell, shown):
    path = _file(tmp_path, f"action,status,reason\nIS-1.1,met,ok\nIS-2.3,met,{cell}\n")
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"codings": str(path)})
    assert str(caught.value).startswith(
        f"parameter 'codings': {path}, line 3: a control character ({shown}) that a page "
        "would not show as text; remove it; allowed: 'book' or a CSV file"
    )


def test_tabs_and_ordinary_text_stay(tmp_path):
    rows = _codings(tmp_path, "action,status,reason\nIS-2.3,met,señal\tde «acción» 😀\n")
    assert rows == [{"action": "IS-2.3", "status": "met", "reason": "señal\tde «acción» 😀"}]


def test_a_number_out_of_range_is_echoed_as_written(tmp_path):
    path = _file(tmp_path, RATES.replace("3.9", "1e4"))
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"fx_rates": str(path)})
    assert str(caught.value) == (
        f"parameter 'fx_rates': {path}, row 3, field 'pen_per_usd': 1e4; allowed: a number "
        "of soles per dollar from 0.01 to 1000"
    )
