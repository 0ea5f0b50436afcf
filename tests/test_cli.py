"""The command line end to end: bad input is refused, variants never touch the reference."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROTECTED = ["book", "_build/html"]  # the reference edition


def run(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *arguments], cwd=cwd, capture_output=True, text=True
    )


def snapshot(root: Path, folders=("book", "_build")) -> dict[str, str]:
    """Path -> content hash of every file under `folders`."""
    files = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def test_help_lists_every_parameter():
    result = run("build", "--help")
    assert result.returncode == 0
    for name in ("currency", "start_year", "end_year"):
        assert name in result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--set", "colour=red"], "unknown parameter 'colour'"),
        (["--set", "start_year=twenty"], "parameter 'start_year'"),
        (["--set", "currency=EUR"], "allowed: 'USD' or 'PEN'"),
        (["--set", "currency"], "expected NAME=VALUE"),
    ],
)
def test_bad_parameter_is_one_line_exit_2_and_writes_nothing(arguments, expected):
    before = snapshot(ROOT)
    result = run("build", *arguments)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert snapshot(ROOT) == before


def test_bad_parameter_file_is_refused(tmp_path):
    params = tmp_path / "edition.yaml"
    params.write_text("currency: EUR\n")
    result = run("build", "--params", str(params))
    assert result.returncode == 2
    assert "parameter 'currency'" in result.stderr


def test_variant_edition_lands_in_its_own_folder_and_spares_the_reference():
    before = snapshot(ROOT, PROTECTED)
    result = run("build", "--set", "currency=PEN", "--set", "end_year=2022")
    assert result.returncode == 0, result.stderr
    page = ROOT / "_build/editions/currency-PEN_end_year-2022/html/book/devida-budget.html"
    html = page.read_text(encoding="utf-8")
    # 2019 in soles: S/. 313,991,412 -> 314.0 million; 2022: S/. 263,509,030 -> 263.5 million
    assert ">S/ 314.0 million<" in html
    assert ">S/ 263.5 million<" in html
    assert "variant edition" in html
    assert snapshot(ROOT, PROTECTED) == before


def test_bad_data_stops_the_build_before_anything_is_written(tmp_path):
    copy = tmp_path / "book-copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git"))
    csv = copy / "data" / "devida-budget.csv"
    csv.write_text(csv.read_text().replace("2020,PEN", "2020,EUR"))
    before = snapshot(copy, ["book"])
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert "devida-budget.csv, row 8, field 'currency'" in result.stderr
    assert snapshot(copy, ["book"]) == before
    assert not (copy / "_build" / "html").exists()
