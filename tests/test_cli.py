"""The command line end to end: bad input is refused, variants never touch the reference."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.edition.parameters import Edition
from tests.conftest import ROOT

PROTECTED = ["book", "_build/html"]  # the reference edition


def run(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *arguments], cwd=cwd, capture_output=True, text=True
    )


def repository_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project (no .venv, _build or .git) that a test may corrupt."""
    copy = tmp_path / "book-copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git"))
    return copy


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
    for name in Edition.model_fields:
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
    arguments = ["currency=PEN", "price_basis=real", "base_year=2023"]
    result = run("build", *[part for a in arguments for part in ("--set", a)])
    assert result.returncode == 0, result.stderr
    html = ROOT / "_build/editions/currency-PEN_price_basis-real_base_year-2023/html/book"
    budget = (html / "devida-budget.html").read_text(encoding="utf-8")
    # 2019: S/. 313,991,412 x 1.0197 x 1.0643 x 1.0846 x 1.0324 = S/ 381.6 million at 2023 prices
    assert ">S/ 381.6 million<" in budget
    assert ">S/ 274.5 million<" in budget
    assert ">at 2023 prices<" in budget
    assert "variant edition" in budget
    observatory = (html / "opd-funding.html").read_text(encoding="utf-8")
    assert ">Peruvian soles<" in observatory
    assert snapshot(ROOT, PROTECTED) == before


def test_bad_deflator_file_stops_before_anything_is_written(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text("series,year,value,unit,source,status\n")
    before = snapshot(ROOT)
    result = run("build", "--set", f"deflators={path}", "--set", "price_basis=real")
    assert result.returncode == 2
    assert f"parameter 'deflators': {path} has no us_cpi_u_annual_average value" in result.stderr
    assert snapshot(ROOT) == before


def test_bad_data_stops_the_build_before_anything_is_written(tmp_path):
    copy = repository_copy(tmp_path)
    csv = copy / "data" / "devida-budget.csv"
    csv.write_text(csv.read_text().replace("2020,PEN", "2020,EUR"))
    before = snapshot(copy, ["book"])
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert "devida-budget.csv, row 8, field 'currency'" in result.stderr
    assert snapshot(copy, ["book"]) == before
    assert not (copy / "_build" / "html").exists()


def test_spanish_edition_has_spanish_figure_text():
    result = run("build", "--set", "lang=es")
    assert result.returncode == 0, result.stderr
    home = ROOT / "_build/editions/lang-es"
    page = (home / "html/book/devida-budget.html").read_text(encoding="utf-8")
    assert "Figura 1" in page
    assert "Presupuesto anual de DEVIDA en millones de dólares estadounidenses" in page
    assert "Fuente: OEA/CICAD" in page
    record = (home / "source/book/figures/fig-opd-composition.csv").read_text(encoding="utf-8")
    assert record.startswith("año,Bienes y servicios,")


def test_hostile_label_in_data_is_escaped_in_the_html(tmp_path):
    copy = repository_copy(tmp_path)
    csv = copy / "data" / "opd-budget.csv"
    csv.write_text(csv.read_text().replace("Other expenses", "<script>alert(1)</script>"))
    result = run("build", cwd=copy)
    assert result.returncode == 0, result.stderr
    page = (copy / "_build/html/book/opd-funding.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_failing_notebook_names_its_cell_and_publishes_nothing(tmp_path):
    import nbformat

    copy = repository_copy(tmp_path)
    template = copy / "analysis" / "templates" / "exchange-rates.ipynb"
    notebook = nbformat.read(template, as_version=4)
    cell = next(c for c in notebook.cells if c.get("id") == "load")
    cell.source += '\nraise RuntimeError("deliberate failure")'
    nbformat.write(notebook, template)
    before = snapshot(copy, ["book"])
    result = run("build", cwd=copy)
    assert result.returncode == 1
    assert "exchange-rates.ipynb: cell" in result.stderr
    assert "RuntimeError: deliberate failure" in result.stderr
    assert snapshot(copy, ["book"]) == before
    assert not (copy / "_build" / "html").exists()
