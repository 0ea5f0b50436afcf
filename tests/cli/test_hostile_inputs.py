"""Hostile inputs: each is refused in one line with the right exit status, or used safely.

User files whose numbers pass the shape checks but would publish nonsense, files that are
not files, parameters files built to exhaust the parser, a broken data contract, an
unwritable or full `_build`, control characters meant for the terminal. (A user's file
edited while the book is built: tests/built/test_variants.py.)
"""

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.compute import prices
from analysis.contract.load import DataError, contract
from analysis.contract.parameters import MAX_SLUG, Edition
from analysis.core.text import printable
from analysis.edition import atomic
from analysis.edition.arguments import edition_from_arguments
from analysis.edition.build import build
from analysis.edition.cli import main
from analysis.edition.notebooks import notebook_digest, templates
from analysis.edition.steps import BuildError
from tests.cli.test_cli import repository_copy, run
from tests.conftest import ROOT

DEFLATORS = (ROOT / "data" / "deflators.csv").read_text(encoding="utf-8")
RATES = "year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n"
INTERRUPTED = "error: interrupted; the previously published book is unchanged\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert not any(c < " " for c in err[:-1]), repr(err)  # no raw control character
    return err


# 1. Numbers that pass the shape checks but would publish nonsense or crash a notebook.
IMPLAUSIBLE = {
    "a negative price index": (
        ["price_basis=real"],
        "deflators",
        DEFLATORS.replace(",2019,255.657,", ",2019,-255.657,"),
        "row 2, field 'value': -255.657 (series us_cpi_u_annual_average); "
        "allowed: a positive index level from 0.01 to 1e6",
    ),
    "a price index of zero": (
        ["price_basis=real"],
        "deflators",
        DEFLATORS.replace(",2019,255.657,", ",2019,0,"),
        "row 2, field 'value': 0 (series us_cpi_u_annual_average); "
        "allowed: a positive index level from 0.01 to 1e6",
    ),
    "a price index of 1e-300": (
        ["price_basis=real"],
        "deflators",
        DEFLATORS.replace(",2019,255.657,", ",2019,1e-300,"),
        "row 2, field 'value': 1e-300 (series us_cpi_u_annual_average); "
        "allowed: a positive index level from 0.01 to 1e6",
    ),
    "inflation of -100 percent": (
        ["price_basis=real", "currency=PEN"],
        "deflators",
        DEFLATORS.replace(",2020,1.97,", ",2020,-100,"),
        "row 8, field 'value': -100 (series pe_cpi_lima_dec_dec_inflation); "
        "allowed: a percent change from -50 to 10000",
    ),
    "an index stated in percent": (
        ["price_basis=real"],
        "deflators",
        DEFLATORS.replace(",2020,258.811,index 1982-84=100,", ",2020,258.811,percent,"),
        "row 3, field 'unit': 'percent' (series us_cpi_u_annual_average); "
        "allowed: 'index 1982-84=100'",
    ),
    "rates of 1e308": (
        ["currency=PEN"],
        "fx_rates",
        RATES.replace("3.6", "1e308").replace("3.9", "1e308").replace("3.8", "1e308"),
        "row 2, field 'pen_per_usd': 1e308; "
        "allowed: a number of soles per dollar from 0.01 to 1000",
    ),
    "a rate that is not a number": (
        [],
        "fx_rates",
        RATES.replace("3.9", "nan"),
        "row 3, field 'pen_per_usd': 'nan' is not a number; allowed: a number: digits with at "
        "most one decimal point, an optional sign and exponent (e.g. 0.25, -3, 2.5e-1)",
    ),
}


@pytest.mark.parametrize("case", IMPLAUSIBLE)
def test_implausible_numbers_in_user_files_are_refused(cli, tmp_path, case):
    settings, parameter, text, expected = IMPLAUSIBLE[case]
    path = _write(tmp_path, "mine.csv", text)
    arguments = [item for setting in settings for item in ("--set", setting)]
    status, _, err = cli("build", *arguments, "--set", f"{parameter}={path}")
    assert status == 2
    assert _one_line(err) == f"error: parameter {parameter!r}: {path}, {expected}\n"


def test_a_non_finite_amount_names_the_user_file_instead_of_publishing_nan(tmp_path, monkeypatch):
    path = _write(tmp_path, "cpi.csv", DEFLATORS)
    edition = Edition.from_values({"price_basis": "real", "deflators": str(path)})
    index = pd.Series([0.0, 1.0], index=[2019, 2020])  # past the checks, a zero price level
    monkeypatch.setattr(prices, "price_index", lambda edition: index)
    amounts = pd.Series([10.0, 20.0], index=[2019, 2020])
    with pytest.raises(ValueError) as caught:
        prices.express(amounts, edition.model_copy(update={"start_year": 2020, "end_year": 2020}))
    assert str(caught.value) == (
        "parameter 'deflators' (a user's file): the amount for 2019 comes out as inf, not a "
        "finite number; check the file's values"
    )
    # A dash in the report (no amount) stays no amount: only new gaps are errors.
    gaps = pd.Series([float("nan"), 20.0], index=[2019, 2020])
    assert prices.finite_amounts(gaps, gaps, edition) is gaps


# 2 and 3. Things that are not regular files; parameters files built to exhaust the parser.
def test_a_symlink_loop_is_one_line(cli, tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    status, _, err = cli("build", "--set", f"fx_rates={tmp_path / 'a.csv'}")
    assert status == 2
    assert _one_line(err).startswith(
        f"error: parameter 'fx_rates': {tmp_path / 'a.csv'}: cannot read it (Too many levels "
        "of symbolic links)"
    )


def test_a_directory_is_called_a_directory(cli, tmp_path):
    status, _, err = cli("build", "--set", f"fx_rates={tmp_path}")
    assert status == 2
    assert _one_line(err).startswith(
        f"error: parameter 'fx_rates': {tmp_path} is a directory, not a file; allowed: "
    )


@pytest.mark.parametrize("option", ["--params", "--set fx_rates="])
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_devices_and_pipes_are_refused_without_reading_them(tmp_path, option, special):
    path = Path(special) if special.startswith("/") else tmp_path / special
    if special == "fifo":
        os.mkfifo(path)
    arguments = ["--params", str(path)] if option == "--params" else ["--set", f"fx_rates={path}"]
    # In a process of its own: a regression would hang or exhaust memory, not fail.
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"{path} is not a regular file (a pipe, a device or a socket)" in _one_line(
        result.stderr
    )


PARAMS = {
    "nested 30,000 deep": (
        "[" * 30_000 + "]" * 30_000,
        "not NAME: VALUE lines (nested too deeply)",
    ),
    "a list as a name": ("[a, b]: 1\n", "not valid YAML: line 1: a list is not a parameter name"),
    "a mapping as a name": (
        "{a: 1}: 1\n",
        "not valid YAML: line 1: a dict is not a parameter name",
    ),
    "a list as a value": (
        "currency: [PEN]\n",
        "the value of 'currency' is a list; a parameter takes one value",
    ),
}


@pytest.mark.parametrize("case", PARAMS)
def test_parameters_files_that_would_break_the_parser(cli, tmp_path, case):
    text, expected = PARAMS[case]
    path = _write(tmp_path, "edition.yaml", text)
    status, _, err = cli("build", "--params", str(path))
    assert status == 2
    assert _one_line(err) == f"error: --params {path}: {expected}\n"


def test_repeated_params_files_merge_in_order_and_set_wins(tmp_path):
    first = _write(tmp_path, "first.yaml", "currency: PEN\nstart_year: 2020\nmax_age: 5\n")
    second = _write(tmp_path, "second.yaml", "start_year: 2021\n")
    edition = edition_from_arguments(["max_age=6"], [first, second])
    assert (edition.currency, edition.start_year, edition.max_age) == ("PEN", 2021, 6)


def test_command_line_mistakes_are_one_line_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--colour", "red"])
    assert caught.value.code == 2
    err = _one_line(capsys.readouterr().err)
    assert err == "error: unrecognized arguments: --colour red (see python -m analysis --help)\n"


# 2. Names: an edition folder too long for the file system, bytes that are not UTF-8.
def test_long_file_names_and_many_parameters_give_a_short_distinct_folder(tmp_path):
    long = _write(tmp_path, "r" * 200 + ".csv", RATES)
    values = {"fx_rates": str(long), "currency": "PEN", "start_year": "2020", "max_age": "10"}
    values.update({"end_year": "2022", "partial_weight": "0.123456789012345", "lang": "es"})
    editions = [Edition.from_values(values), Edition.from_values({**values, "max_age": "11"})]
    slugs = [edition.slug for edition in editions]
    assert all(len(slug) == MAX_SLUG and re.search(r"-[0-9a-f]{12}$", slug) for slug in slugs)
    assert slugs[0] != slugs[1]
    assert Edition.from_values({"currency": "PEN"}).slug == "currency-PEN"  # short: as it was


def test_a_file_name_that_is_not_utf_8_makes_safe_names_and_digests(tmp_path):
    path = _write(tmp_path, os.fsdecode(b"bad\xff\xfe.csv"), RATES)
    edition = Edition.from_values({"fx_rates": str(path)})
    assert re.fullmatch(r"fx_rates-bad__-[0-9a-f]{8}", edition.slug)
    assert edition.label == edition.slug.replace("fx_rates-", "fx_rates=")
    for template in templates():
        notebook_digest(edition, template)  # no UnicodeEncodeError


# 2. A broken data contract: the project is broken (exit 1), in one line naming it.
def _contract_with(data: Path, change) -> None:
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(change(descriptor)), encoding="utf-8")


def _first_resource(**changes):
    def change(descriptor):
        entry = descriptor["resources"][0]
        entry.update(changes)
        for name, value in changes.items():
            if value is None:
                del entry[name]
        return descriptor

    return change


CONTRACTS = {
    "a list": (lambda d: [], "not a data contract (a JSON object with a list of resources)"),
    "an empty object": (lambda d: {}, "not a data contract: no list of resources"),
    "nested 30,000 deep": (None, "not a data contract (nested too deeply)"),
    "a resource without a path": (_first_resource(path=None), "has no path (a file in data/)"),
    "a path out of data/": (
        _first_resource(path="../../../etc/passwd"),
        "its path '../../../etc/passwd' leads outside data/",
    ),
    "an absolute path": (_first_resource(path="/etc/passwd"), "leads outside data/"),
    "a resource without a schema": (_first_resource(schema=None), "has no schema"),
}


@pytest.mark.parametrize("case", CONTRACTS)
def test_a_broken_contract_is_a_data_error(data_copy, case):
    change, expected = CONTRACTS[case]
    if change is None:
        (data_copy / "datapackage.json").write_text("[" * 30_000 + "]" * 30_000)
    else:
        _contract_with(data_copy, change)
    with pytest.raises(DataError) as caught:
        contract(data_copy)
    assert str(caught.value).startswith(f"{data_copy / 'datapackage.json'}: ")
    assert expected in str(caught.value)


def test_a_broken_contract_stops_the_build_in_one_line_exit_1(tmp_path):
    copy = repository_copy(tmp_path)
    _contract_with(copy / "data", _first_resource(path="../../../etc/passwd"))
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert _one_line(result.stderr) == (
        f"error: invalid data: {copy / 'data' / 'datapackage.json'}: resource "
        "'devida-budget': its path '../../../etc/passwd' leads outside data/\n"
    )


# 2 and 5. An unwritable or full _build.
def test_a_plain_file_as_build_folder_is_one_line_exit_1(tmp_path):
    copy = repository_copy(tmp_path)
    (copy / "_build").write_text("not a folder")
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert _one_line(result.stderr).startswith("error: cannot build the reference edition: ")
    assert str(copy / "_build") in result.stderr


def test_a_build_with_nothing_to_do_writes_nothing(tmp_path, monkeypatch):
    from analysis.edition import state

    monkeypatch.setattr(state, "todo", lambda *args: state.Todo.NOTHING)

    def no_lock(*args, **kwargs):
        raise AssertionError("a build with nothing to do took the lock")

    monkeypatch.setattr(atomic, "edition_lock", no_lock)
    assert build(Edition(), root=tmp_path) == tmp_path / "_build" / "html" / "index.html"
    assert not (tmp_path / "_build").exists()


def test_an_unwritable_build_folder_is_named(tmp_path, monkeypatch):
    from analysis.edition import state

    monkeypatch.setattr(state, "todo", lambda *args: state.Todo.BUILD)

    def read_only(path, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system", str(path.parent))

    monkeypatch.setattr(atomic, "edition_lock", read_only)
    with pytest.raises(BuildError) as caught:
        build(Edition(), root=tmp_path)
    assert str(caught.value) == (
        "cannot build the reference edition: taking the edition's lock: read-only file system "
        f"({tmp_path}/_build/.state)"
    )


def test_a_full_disk_stops_the_copy_at_once_and_says_so_briefly(tmp_path, monkeypatch):
    built = tmp_path / "built"
    built.mkdir()
    for number in range(300):
        (built / f"page{number:03d}.html").write_text("page")
    copies = []

    def full(source, target):
        copies.append(source)
        raise OSError(errno.ENOSPC, "No space left on device", target)

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(OSError) as caught:
        atomic.publish_tree(built, tmp_path / "html")
    assert len(copies) == 1  # not one attempt (and one error) per file
    assert atomic.disk_full(caught.value)
    assert atomic.describe(caught.value).startswith("no space left on device (")
    assert not list((tmp_path / atomic.SITES).iterdir())  # the partial copy is gone
    gathered = shutil.Error([(f"a{n}", f"b{n}", "[Errno 28] No space left") for n in range(300)])
    assert atomic.describe(gathered) == "[Errno 28] No space left (and 299 more)"


# 6. Control characters never reach the terminal raw.
def test_control_characters_from_files_and_names_are_escaped(cli, tmp_path):
    inside = _write(tmp_path, "rates.csv", "year,pen_per_usd\x1b]0;owned\x07\n2020,3.6\n")
    status, _, err = cli("build", "--set", f"fx_rates={inside}")
    assert status == 2 and "is not a CSV table with the columns year, pen_per_usd: its" in (
        _one_line(err)
    )
    assert "owned" not in err  # nothing of a file of the wrong shape is quoted
    status, _, err = cli("build", "--set", "fx_rates=\x1b[2Jx.csv")
    assert status == 2 and "no such file '\\x1b[2Jx.csv'; allowed:" in _one_line(err)
    params = _write(tmp_path, "edition.yaml", 'fx_rates: "\\e[2J\\0.csv"\n')
    status, _, err = cli("build", "--params", str(params))
    assert status == 2 and "no such file '\\x1b[2J\\x00.csv' (a name cannot" in _one_line(err)
    assert printable("a\x1b[31m\u202eb\udcff", 8) == "a\\x1b..."


# 7. One edition, one name; SIGTERM like Ctrl-C.
def test_minus_zero_and_a_base_year_that_changes_nothing_name_no_new_edition():
    assert Edition.from_values({"partial_weight": "-0"}) == Edition.from_values(
        {"partial_weight": "0"}
    )
    assert Edition.from_values({"partial_weight": "-0"}).slug == "partial_weight-0.0"
    real = {"price_basis": "real"}
    assert Edition.from_values({**real, "base_year": "2019"}) == Edition.from_values(real)
    assert Edition.from_values({**real, "start_year": "2020", "base_year": "2020"}).slug == (
        "start_year-2020_price_basis-real"
    )
    assert Edition.from_values({**real, "base_year": "2021"}).base == 2021
    # With nominal amounts a base year changes nothing: refused, with the reason.
    with pytest.raises(ValueError, match=r"base_year \(2021\) applies only with price_basis=real"):
        Edition.from_values({"base_year": "2021"})


def test_a_quotation_mark_never_closed_names_the_file_and_line(cli, tmp_path):
    path = _write(tmp_path, "mine.csv", 'action,status,reason\nIS-1.1,met,ok\nIS-2.4,met,"a\n')
    status, _, err = cli("build", "--set", f"codings={path}", "--build-dir", str(tmp_path / "b"))
    assert status == 2
    assert f"{path}, line 3: a field opens a quotation mark" in _one_line(err)


@pytest.mark.parametrize("seconds", ["1e300", "86401", "0"])
def test_a_cell_timeout_beyond_a_day_is_refused(capsys, seconds):
    with pytest.raises(SystemExit) as stopped:  # argparse's own exit
        main(["build", "--cell-timeout", seconds])
    assert stopped.value.code == 2
    assert "from 0 (excluded) to 86400 (a day)" in _one_line(capsys.readouterr().err)


# 8. Issue 24's minor findings.
@pytest.mark.parametrize("module", ["yaml", "pydantic", "argparse"])
def test_ctrl_c_while_the_command_starts_is_one_line_exit_130(module):
    # An interrupt raised where an import of `module` stands: the moment it lands is the
    # test's choice, not the clock's.
    code = (
        "import builtins, runpy, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        f"    if name == {module!r}:\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "sys.argv = ['analysis', 'build', '--set', 'currency=EUR']\n"
        "runpy.run_module('analysis', run_name='__main__', alter_sys=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "error: interrupted while starting; nothing was changed\n"


def test_ctrl_c_while_the_command_line_is_read_is_one_line_exit_130(capsys, monkeypatch):
    from analysis.edition import cli as cli_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "help_text", interrupted)  # the parser's first step
    try:
        status = main(["build"])
    except KeyboardInterrupt:
        pytest.fail("the interrupt left main() as a traceback")
    assert status == 130
    assert _one_line(capsys.readouterr().err) == (
        "error: interrupted while starting; nothing was changed\n"
    )


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("partial_weight=1e3", "less than or equal to 1 (got '1e3')"),
        ("partial_weight=-2.50", "greater than or equal to 0 (got '-2.50')"),
        ("max_age=21", "(got '21')"),
    ],
)
def test_a_number_out_of_range_is_echoed_as_written(cli, setting, expected):
    status, _, err = cli("build", "--set", setting)
    assert status == 2 and expected in _one_line(err), err


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_file_parameter_is_called_empty(cli, value):
    for parameter in ("fx_rates", "deflators", "codings"):
        status, _, err = cli("build", "--set", f"{parameter}={value}")
        assert status == 2
        assert f"parameter {parameter!r}: no value (a set's name or a CSV file); allowed: " in (
            _one_line(err)
        ), err
        assert "directory" not in err


@pytest.mark.parametrize("text", ["1e-400", "-1e-400", "0.1e-330", "2e-324"])
def test_a_number_too_small_to_tell_from_zero_is_refused(tmp_path, text):
    # Not through main(): before the fix, it built an edition with partial_weight=0.
    with pytest.raises(ValueError) as caught:
        edition_from_arguments([f"partial_weight={text}"])
    assert str(caught.value).startswith(
        f"parameter 'partial_weight': '{text}' is too close to 0 for this machine"
    ), caught.value
    path = _write(tmp_path, "rates.csv", RATES.replace("3.9", text))
    with pytest.raises(ValueError, match=f"row 3, field 'pen_per_usd': '{text}' is too close"):
        edition_from_arguments([f"fx_rates={path}"])
    # Zero written any way is zero.
    assert Edition.from_values({"partial_weight": "0e-400"}).partial_weight == 0


@pytest.mark.parametrize("year", ["2019", "2020", "2023"])
def test_a_base_year_with_nominal_prices_is_refused_whatever_the_year(year):
    with pytest.raises(ValueError, match=rf"base_year \({year}\) applies only with price_basis"):
        Edition.from_values({"base_year": year})
    with pytest.raises(ValueError, match=rf"base_year \({year}\) applies only with price_basis"):
        Edition.from_values({"base_year": year, "start_year": year, "end_year": "2023"})
    # A notebook that reads no price_basis gets base_year unset: nothing to refuse.
    assert Edition.from_values({"base_year": None}).base_year is None
