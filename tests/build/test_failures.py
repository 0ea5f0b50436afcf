"""A notebook or Sphinx that fails: one line naming the notebook's cell, or Sphinx's cause,
and nothing published. On the fixture project (about a second each); the same on a copy of
the whole book is marked `full` (`make test-full`)."""

import re

import nbformat
import pytest

from tests import fixture
from tests.cli.test_cli import repository_copy, run, snapshot


def _failing(project, template: str, cell_id: str, source: str) -> None:
    path = project / "analysis" / "templates" / f"{template}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    cell.source += source
    nbformat.write(notebook, path)


def test_a_failing_notebook_names_its_cell_and_publishes_nothing(project, tmp_path):
    _failing(project, "money", "load", '\nraise RuntimeError("deliberate failure")')
    build_dir = tmp_path / "build"
    result = fixture.run(project, "build", "--build-dir", str(build_dir))
    assert result.returncode == 1, result.stderr
    assert re.search(
        r"money: cell \d+ \(id 'load', first line: print\(.*\) failed: "
        r"RuntimeError: deliberate failure",
        result.stderr,
    ), result.stderr
    assert result.stderr.count("\n") == 1
    assert not (build_dir / "html").exists()
    # A variant that fails on its first build leaves no folder behind.
    result = fixture.run(
        project, "build", "--build-dir", str(build_dir), "--set", "start_year=2020"
    )
    assert result.returncode == 1 and "deliberate failure" in result.stderr
    assert not list((build_dir / "editions").iterdir())


def test_a_sphinx_failure_is_one_line_that_names_its_cause(project, tmp_path):
    path = project / "analysis" / "templates" / "intro.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source += "\n\nSee {doc}`a-page-that-does-not-exist`."
    nbformat.write(notebook, path)
    build_dir = tmp_path / "build"
    result = fixture.run(project, "build", "--build-dir", str(build_dir))
    assert result.returncode == 1
    said = "error: cannot build the reference edition: Jupyter Book failed: "
    assert result.stderr.startswith(said), result.stderr
    assert "a-page-that-does-not-exist" in result.stderr
    assert result.stderr.count("\n") == 1 and "Look above" not in result.stderr
    assert not (build_dir / "html").exists()


@pytest.mark.full  # builds the whole book in a copy of the project (minutes)
def test_a_failing_notebook_of_the_book_names_its_cell_and_publishes_nothing(tmp_path):
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
    assert re.search(
        r"exchange-rates: cell \d+ \(id 'load', first line: devida = load_table\(\"devida-budget"
        r"\"\)\) failed: RuntimeError: deliberate failure",
        result.stderr,
    ), result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(copy, ["book"]) == before
    assert not (copy / "_build" / "html").exists()
    # A variant that fails on its first build leaves no folder behind.
    result = run("build", "--set", "start_year=2020", cwd=copy)
    assert result.returncode == 1 and "deliberate failure" in result.stderr
    assert (copy / "_build" / "editions").is_dir()
    assert not list((copy / "_build" / "editions").iterdir())


@pytest.mark.full  # builds the whole book in a copy of the project (minutes)
def test_a_sphinx_failure_in_the_book_is_one_line_that_names_its_cause(tmp_path):
    import nbformat

    copy = repository_copy(tmp_path)
    template = copy / "analysis" / "templates" / "priority-actions.ipynb"
    notebook = nbformat.read(template, as_version=4)
    notebook.cells[0].source += "\n\nSee {doc}`a-page-that-does-not-exist`."
    nbformat.write(notebook, template)
    result = run("build", cwd=copy)
    assert result.returncode == 1
    said = "error: cannot build the reference edition: Jupyter Book failed: "
    assert result.stderr.startswith(said), result.stderr
    assert "a-page-that-does-not-exist" in result.stderr
    assert result.stderr.count("\n") == 1 and "Look above" not in result.stderr
    assert not (copy / "_build" / "html").exists()
