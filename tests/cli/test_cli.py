"""The command line: every bad input is one line and an exit status, and nothing is written.

Most cases call the command line in-process (`main`); a few run it as a user would, in a
subprocess, where the exit status and the console matter.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.contract.parameters import Edition, ParameterError
from analysis.edition.cli import main
from tests.conftest import ROOT

PROTECTED = ["book", "_build/html"]  # the reference edition


def run(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *arguments], cwd=cwd, capture_output=True, text=True
    )


def repository_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project (no .venv, _build or .git) that a test may corrupt."""
    copy = tmp_path / "book-copy"
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", "tools")
    shutil.copytree(ROOT, copy, ignore=ignore)
    return copy


def snapshot(root: Path, folders=("book", "_build/html")) -> dict[str, str]:
    """Path -> content hash of every file under `folders` (links followed)."""
    files = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def test_help_lists_every_parameter(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for name in Edition.model_fields:
        assert name in out


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--set", "colour=red"], "unknown parameter 'colour'"),
        (["--set", "start_year=twenty"], "parameter 'start_year'"),
        (["--set", "currency=EUR"], "allowed: 'USD' or 'PEN'"),
        (["--set", "currency"], "expected NAME=VALUE"),
        (["--set", "partial_weight=1.5"], "parameter 'partial_weight'"),
        (["--set", "partial_weight=-0.1"], "allowed: a number from 0 to 1"),
        (["--set", "evaluation_year=2020"], "parameter 'evaluation_year'"),
        (["--set", "lang=fr"], "no translation catalog for 'fr'"),
        (["--set", "currency=" + "X" * 100_000], "parameter 'currency'"),
    ],
)
def test_bad_parameter_is_one_line_exit_2(cli, arguments, expected):
    status, _, err = cli("build", *arguments)
    assert status == 2
    assert err.count("\n") == 1 and expected in err, err
    assert len(err) < 400


PARAMS_FILES = {
    "a bad value": ("currency: EUR\n", "parameter 'currency'"),
    "a key given twice": ("start_year: 2020\nstart_year: 2021\n", "'start_year' is given twice"),
    "an alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
        "c: [*b, *b, *b, *b, *b, *b, *b, *b]\n",
        "aliases",
    ),
    "a number as a name": ("1: USD\ncurrency: PEN\n", "unknown parameter '1'"),
    "not name: value lines": ("- currency\n- PEN\n", "expected NAME: VALUE lines"),
    "malformed YAML": ("currency: [USD\n", "not valid YAML"),
}


@pytest.mark.parametrize("case", PARAMS_FILES)
def test_bad_parameter_files_are_refused_in_one_line(cli, tmp_path, case):
    text, expected = PARAMS_FILES[case]
    path = tmp_path / "edition.yaml"
    path.write_text(text)
    status, _, err = cli("build", "--params", str(path))
    assert status == 2 and err.count("\n") == 1 and expected in err, err


def test_params_file_in_latin_1_or_too_large_is_refused(cli, tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("lang: espa\xf1ol\n".encode("latin-1"))
    status, _, err = cli("build", "--params", str(latin))
    assert status == 2 and "not UTF-8" in err and str(latin) in err
    large = tmp_path / "large.yaml"
    large.write_text("# " + "x" * 100_000 + "\n")
    status, _, err = cli("build", "--params", str(large))
    assert status == 2 and f"{large} is 100,003 bytes; it may be at most 64,000 bytes" in err


RATE_FILES = {
    "semicolons": (b"year;pen_per_usd\n2020;3.6\n", "separated by semicolons"),
    "tabs": (b"year\tpen_per_usd\n2020\t3.6\n", "separated by tabs"),
    "UTF-16": ("year,pen_per_usd\n2020,3.6\n".encode("utf-16"), "UTF-16"),
    "Latin-1": ("year,pen_per_usd\n2020,3.6\n# a\xf1o\n".encode("latin-1"), "not UTF-8"),
    "not a table": (b"root:x:0:0:root:/root:/bin/bash\n", "not a CSV table with the columns"),
    "an infinite rate": (
        b"year,pen_per_usd\n2020,inf\n2021,3.9\n2022,3.8\n2023,3.6\n",
        "row 2, field 'pen_per_usd': 'inf' is not a number",
    ),
    "a year missing": (b"year,pen_per_usd\n2020,3.6\n2021,3.9\n", "has no rate for 2022, 2023"),
    "a negative rate": (b"year,pen_per_usd\n2020,-3.6\n2021,3.9\n2022,3.8\n2023,3.6\n", "row 2"),
}


@pytest.mark.parametrize("case", RATE_FILES)
def test_bad_rate_files_name_the_parameter_and_the_file(cli, tmp_path, case):
    data, expected = RATE_FILES[case]
    path = tmp_path / "rates.csv"
    path.write_bytes(data)
    status, _, err = cli("build", "--set", f"fx_rates={path}")
    assert status == 2 and err.count("\n") == 1, err
    assert "parameter 'fx_rates'" in err and expected in err, err


def test_a_huge_rate_file_is_refused_before_it_is_read(cli, tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as handle:
        handle.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on disk
    status, _, err = cli("build", "--set", f"fx_rates={path}")
    assert status == 2 and f"{path} is 100,000,000 bytes; it may be at most 1,000,000 bytes" in err


def test_a_name_too_long_for_the_file_system_is_one_line(cli):
    status, _, err = cli("build", "--set", "fx_rates=" + "a" * 5000 + ".csv")
    assert status == 2 and err.count("\n") == 1 and "parameter 'fx_rates'" in err
    assert len(err) < 400


def test_latin_1_deflators_are_named(cli, tmp_path):
    lines = (ROOT / "data" / "deflators.csv").read_text().replace("INEI (Peru)", "INEI (Perú)")
    path = tmp_path / "cpi.csv"
    path.write_bytes(lines.encode("latin-1"))
    status, _, err = cli("build", "--set", f"deflators={path}")
    assert status == 2 and "parameter 'deflators'" in err and "not UTF-8" in err


def test_hostile_file_names_never_reach_a_folder_or_page_name(tmp_path):
    folder = tmp_path / "<dir>"
    folder.mkdir()
    path = folder / "<img src=x onerror=alert(1)>.csv"
    path.write_text("year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n")
    edition = Edition.from_values({"fx_rates": str(path)})
    assert "<" not in edition.slug and "<" not in edition.label and " " not in edition.slug


def test_data_errors_exit_1_with_the_invalid_data_prefix(tmp_path):
    copy = repository_copy(tmp_path)
    csv = copy / "data" / "opd-exchange-rates.csv"
    csv.write_text(csv.read_text().replace("3.618", "three"))
    result = run("build", cwd=copy)
    assert result.returncode == 1, result.stderr
    assert (
        result.stderr.startswith("error: invalid data: ")
        and "opd-exchange-rates.csv" in result.stderr
    )
    assert result.stderr.count("\n") == 1
    assert not (copy / "_build" / "html").exists()


def test_a_missing_row_is_a_data_error_not_a_gap_in_the_book(tmp_path):
    copy = repository_copy(tmp_path)
    csv = copy / "data" / "devida-budget.csv"
    csv.write_text(csv.read_text().replace('2021,PEN,300817148,"S/. 300,817,148"\n', ""))
    before = snapshot(copy, ["book"])
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert "no row for year 2021, currency 'PEN'" in result.stderr
    assert snapshot(copy, ["book"]) == before


# `--build-dir _build/html` wrote a build, a user's codings file included, into the
# published reference site, which `make site` would then publish (issue 24).
@pytest.mark.parametrize(
    "inside",
    [
        "_build/html",
        "_build/html/mine",
        "_build/.sites/html-0123abcd",
        "_build/site",
        "_build/site/html",
        "_build/editions/currency-PEN/html",
        "_build/editions/currency-PEN/.sites/x",
        "_build/editions/currency-PEN",
        "_build/editions",
    ],
)
def test_a_build_folder_inside_a_published_tree_is_refused(inside):
    from analysis.edition.arguments import build_folder

    with pytest.raises(ParameterError) as caught:
        build_folder(ROOT / inside)
    message = str(caught.value)
    assert message.startswith(f"--build-dir {ROOT / inside}: that is inside ") and (
        "published" in message and "\n" not in message
    ), message


def test_another_build_folder_s_published_trees_are_refused_too(tmp_path):
    from analysis.edition.arguments import build_folder

    other = tmp_path / "b"  # a build folder of its own, as a build leaves it
    (other / ".state").mkdir(parents=True)
    (other / ".sites" / "html-1").mkdir(parents=True)
    (other / "html").symlink_to(".sites/html-1")
    (tmp_path / "link").symlink_to(other / "html")
    for inside in [other / "html", other / "html" / "x", tmp_path / "link" / "x",
                   other / "editions" / "lang-es" / "html"]:  # fmt: skip
        with pytest.raises(ParameterError, match="that is inside "):
            build_folder(inside)
    # Its own folder, a folder beside it, and a folder merely called html are folders of
    # their own.
    for own in [other, tmp_path / "c", tmp_path / "html", ROOT / "_build"]:
        assert build_folder(own) == Path(os.path.realpath(own))


def test_folders_merely_named_like_a_build_s_are_folders_of_their_own(tmp_path):
    from analysis.edition.arguments import build_folder

    (tmp_path / "editions" / "x").mkdir(parents=True)  # no build has written here
    for own in [tmp_path / "editions", tmp_path / "editions" / "x" / "html", tmp_path / "site"]:
        assert build_folder(own) == Path(os.path.realpath(own))


def test_the_cell_timeout_is_a_command_line_option(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--cell-timeout", "0"])
    assert "0 is not a number of seconds from 0 (excluded)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--cell-timeout", "1_0"])
    assert "'1_0' is not a number" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (".", "that is the project or one of its sources"),
        ("book", "that is the project or one of its sources"),
        ("data/x", "that is the project or one of its sources"),
        ("README.md", "is not a folder"),
        (os.fsdecode(b"/tmp/build-\xff"), "its name is not UTF-8 text"),
    ],
)
def test_a_build_folder_is_never_the_project_or_its_sources(capsys, folder, expected):
    assert main(["build", "--build-dir", str(ROOT / folder), "--set", "max_age=4"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err, err
