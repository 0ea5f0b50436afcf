"""Time the book's build against a trivial baseline book built in the same run.

Prints the clean-build and no-change-rebuild times of this book, and each as a ratio to
the same measurement on a baseline: a Jupyter Book with as many notebooks, each importing
pandas and matplotlib and drawing one chart, executed with papermill and built with the
same Jupyter Book flags. Not a test: nothing here passes or fails.

    .venv/bin/python benchmarks/build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
JB_FLAGS = ["-W", "-n", "--keep-going", "-q"]
BASELINE_CELL = """import pandas as pd
import matplotlib.pyplot as plt
values = pd.Series([3, 1, 4, 1, 5], index=range(2019, 2024))
values.plot.bar()
plt.show()"""


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def project_copy(workdir: Path) -> Path:
    copy = workdir / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git"))
    return copy


def this_book(copy: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "analysis", "build"]
    shutil.rmtree(copy / "_build", ignore_errors=True)
    clean = timed([*command, "--force"], copy)
    rebuild = timed(command, copy)
    return clean, rebuild


def make_baseline(workdir: Path, notebooks: int) -> Path:
    book = workdir / "baseline"
    (book / "src").mkdir(parents=True)
    names = [f"chart{i}" for i in range(notebooks)]
    for name in names:
        notebook = new_notebook(
            cells=[new_markdown_cell(f"# {name}"), new_code_cell(BASELINE_CELL)]
        )
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(notebook, book / "src" / f"{name}.ipynb")
    (book / "intro.md").write_text("# Baseline\n")
    (book / "_config.yml").write_text(
        'title: baseline\nexecute:\n  execute_notebooks: "off"\nonly_build_toc_files: true\n'
    )
    chapters = "".join(f"  - file: {name}\n" for name in names)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: intro\nchapters:\n{chapters}")
    return book


def baseline_book(book: Path) -> tuple[float, float]:
    def build() -> float:
        start = time.perf_counter()
        for source in sorted((book / "src").glob("*.ipynb")):
            subprocess.run(
                [
                    str(BIN / "papermill"),
                    str(source),
                    str(book / source.name),
                    "--kernel",
                    "python3",
                    "--no-progress-bar",
                ],
                check=True,
                capture_output=True,
            )
        subprocess.run(
            [str(BIN / "jb"), "build", str(book), *JB_FLAGS], check=True, capture_output=True
        )
        return time.perf_counter() - start

    shutil.rmtree(book / "_build", ignore_errors=True)
    return build(), build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    repeat = parser.parse_args().repeat
    notebooks = len(list((ROOT / "analysis" / "templates").glob("*.ipynb")))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        copy = project_copy(workdir)
        baseline = make_baseline(workdir, notebooks)
        ours, theirs = [], []
        for _ in range(repeat):  # interleaved, so drift affects both alike
            ours.append(this_book(copy))
            theirs.append(baseline_book(baseline))
    print(f"notebooks: {notebooks}; runs per measurement: {repeat} (median)")
    print(f"{'measurement':<20}{'this book':>12}{'baseline':>12}{'ratio':>8}")
    for index, label in enumerate(["clean build", "no-change rebuild"]):
        mine = statistics.median(run[index] for run in ours)
        base = statistics.median(run[index] for run in theirs)
        print(f"{label:<20}{mine:>11.2f}s{base:>11.2f}s{mine / base:>8.2f}")


if __name__ == "__main__":
    main()
