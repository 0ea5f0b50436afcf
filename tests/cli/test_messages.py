"""Messages that neither hide nor leak: exact sizes, invisible and look-alike characters
shown escaped, and nothing quoted from a file that is not what it should be (the Pages
workflow prints these lines to a public log)."""

import os
import subprocess
import sys

import pytest

from analysis.core.text import quoted
from tests.conftest import ROOT


def _one_line(cli, *arguments: str) -> tuple[int, str]:
    """The command line (the `cli` fixture of tests/cli/conftest.py), whose standard error
    must be one line without a traceback: (exit status, that line)."""
    status, _, err = cli(*arguments)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return status, err


# Sizes: "is 64 kB; it may be at most 64 kB" for 64,001 bytes.
def test_a_file_one_byte_too_large_says_so_exactly(cli, tmp_path):
    path = tmp_path / "edition.yaml"
    path.write_text("# " + "x" * 63_998 + "\n")
    assert path.stat().st_size == 64_001
    status, err = _one_line(cli, "build", "--params", str(path))
    assert status == 2
    assert f"{path} is 64,001 bytes; it may be at most 64,000 bytes" in err


# Invisible and look-alike characters in names and values.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"currency ": PEN', "unknown parameter 'currency ' (did you mean 'currency'?)"),
        ('"\\tcurrency": PEN', "unknown parameter '\\tcurrency' (did you mean 'currency'?)"),
        ('"\u0441urrency": PEN', "unknown parameter '\\u0441urrency' (did you mean 'currency'?)"),
        ('"curr\u200bency": PEN', "unknown parameter 'curr\\u200bency' (did you mean"),
        ('currency: "PEN\u00a0"', "parameter 'currency': not an allowed value (got 'PEN\\xa0')"),
        ('currency: "P\u0415N"', "(got 'P\\u0415N')"),
        ('lang: "es "', "no translation catalog for 'es ' in locales/"),
    ],
)
def test_invisible_and_look_alike_characters_are_escaped(cli, tmp_path, line, expected):
    path = tmp_path / "edition.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    status, err = _one_line(cli, "build", "--params", str(path))
    assert status == 2 and expected in err, err


def test_spaces_around_header_names_are_forgiven_and_the_rows_read(tmp_path):
    from analysis.edition.arguments import edition_from_arguments

    path = tmp_path / "rates.csv"
    path.write_text("year, pen_per_usd\n2020, 3.6\n2021,3.9\n2022,3.8\n2023,3.6\n")
    edition = edition_from_arguments([f"fx_rates={path}"])
    from analysis.contract.parameters import user_schema
    from analysis.contract.userfiles import read_user_table

    table = read_user_table(edition.fx_rates, user_schema("fx_rates"))
    assert table["pen_per_usd"].tolist() == [3.6, 3.9, 3.8, 3.6]


def test_quoted_values_keep_their_ends_and_escape_the_rest():
    assert quoted("a ") == "'a '"
    assert quoted("a\tb\nc") == "'a\\tb\\nc'"
    assert quoted("\u0430") == "'\\u0430'"  # Cyrillic a
    assert quoted("caf\u00e9", ascii_only=False) == "'caf\u00e9'"
    assert quoted("x" * 100, limit=10) == "'xxxxxxx...'"


# A file that is not a CSV of the expected shape is never quoted, nor is a YAML file's text.
SECRET = "hunter2-do-not-print"


@pytest.mark.parametrize("parameter", ["fx_rates", "deflators"])
def test_the_process_environment_is_never_quoted(parameter):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--set", "price_basis=real",
         "--set", f"{parameter}=/proc/self/environ"],
        cwd=ROOT, capture_output=True, text=True, env={"MEM_SECRET": SECRET, **os.environ},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert SECRET not in result.stderr and "MEM_SECRET" not in result.stderr
    assert "is not a CSV table with the columns" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        f"{SECRET}\n2020,3.6\n",
        f"year,pen_per_usd,{SECRET}\n2020,3.6,x\n",
        f"{SECRET};x\n",
        SECRET * 20_000 + "\n",  # one field of 400 kB: beyond the csv module's limit
        "year," + SECRET * 10_000 + "\n",
        f"year\u00a0,pen_per_usd\n2020,{SECRET}\n",  # a no-break space: not the header
    ],
)
def test_a_file_of_the_wrong_shape_is_not_quoted(cli, tmp_path, text):
    path = tmp_path / "rates.csv"
    path.write_text(text)
    status, err = _one_line(cli, "build", "--set", f"fx_rates={path}")
    assert status == 2 and SECRET not in err, err


@pytest.mark.parametrize(
    "text",
    [
        f"[default]\naws_secret = {SECRET}\n",
        f"key: [{SECRET}\n",
        f"\t{SECRET}: 1\n",
        f"a: b: {SECRET}\n",
        f'a: "{SECRET}\n',
    ],
)
def test_a_params_file_that_is_not_yaml_is_not_quoted(cli, tmp_path, text):
    path = tmp_path / "credentials"
    path.write_text(text)
    status, err = _one_line(cli, "build", "--params", str(path))
    assert status == 2 and "not valid YAML: line " in err and SECRET not in err, err
