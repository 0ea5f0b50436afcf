"""How fast is this book's build next to Jupyter Book's own cached execution? One run says.

What is compared. "ours" is `python -m analysis build` on a scratch copy of the project
(no .venv, _build or .git; this project's .venv python). "jb" is what a user would pick
instead: the same notebook templates, parameters cell as is and outputs stripped, placed
as book/<name>.ipynb in a Jupyter Book source folder with the project's `_config.yml`
(except `execute_notebooks: cache`, a long cell timeout and execution in the notebook's
own folder), the same `_toc.yml` and the same non-notebook pages, built by `jb build -W
-n --keep-going`, the flags our build uses. On the jb side:

- data/ sits beside book/, as in the project, for the `../data/...` links; the kernels
  and Sphinx import the scratch copy's `analysis` (PYTHONPATH, set alike for both sides);
- the Figures page and the data zip, which our build generates, are static files there:
  copied (untimed) from our build of the same notebooks, as a jb user would commit them.
  book/figures/ is present before a build on both sides (it is committed in the project),
  so the Figures page finds its images even when Sphinx reads it before a chapter runs.

What is measured, the two sides interleaved, `--repeat` pairs (medians reported):

- clean build: ours `rm -rf _build; build --force`; jb `rm -rf _build; jb build` (this
  also removes jupyter-cache's database: a cold cache);
- no-change rebuild: ours `build` right after a build; jb `jb build` again (warm cache).
  For both, the files under book/ and the published HTML whose time stamp or content
  changed are counted;
- variant: ours `build --set currency=PEN` with `_build/editions` removed (the reference
  edition built), against jb's clean build (the issue's target: at most 0.5 of it);
- the grid (analysis/edition/grid.txt, 8 editions): ours `rm -rf _build; site --force` (every
  notebook of every edition executed, each shared one once) against jb's clean build of the
  reference notebooks, once with MEM_PDF=off (HTML only, as jb builds: issue 20's target
  is at most 1.5 of it) and once as `make book` runs it (each edition printed as a PDF
  too), and `site` again right after (nothing changed; target: at most 2 s);
- scaling: the clean builds with 1x, 2x and 4x the notebooks (every template copied under
  a new name, on both sides and in both tables of contents). Copies would publish figures
  with the ids of their originals (duplicate Sphinx labels, files overwriting each other),
  so each copy's `publish` is wrapped to add the copy's suffix to its figure ids and to
  name the copy as their chapter. 1x is the median above; 2x and 4x run
  `--scale-repeat` times. The slope of a least-squares line through the three points is
  the cost of one more notebook.

Not a test: nothing here passes or fails.

    .venv/bin/python benchmarks/build.py [--repeat N] [--scale-repeat N] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
JB_FLAGS = ["-W", "-n", "--keep-going"]
VARIANT = "currency=PEN"
SCALES = (1, 2, 4)
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "_build", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info"
)
PUBLISH_IMPORT = "from analysis.exhibits.figure import publish"
# Appended to a copy's import cell: its figures get ids and a chapter of their own.
RENAME_FIGURES = """
import dataclasses as _dataclasses

_publish = publish


def publish(exhibit, *args, **kwargs):  # benchmark copy: figure ids of its own
    renamed = _dataclasses.replace(exhibit, id=exhibit.id + {suffix!r}, chapter={chapter!r})
    return _publish(renamed, *args, **kwargs)
"""


@dataclass
class Scratch:
    """The two books under test, each in its own folder of one scratch directory."""

    project: Path  # the copy of this project: ours builds here
    jb: Path  # the Jupyter Book source folder: `jb build` builds here
    env: dict[str, str] = field(default_factory=dict)

    @property
    def templates(self) -> Path:
        return self.project / "analysis" / "templates"


# --- running and timing -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One timed command: wall-clock seconds, and CPU seconds of it and its children."""

    wall: float
    cpu: float


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Time `command`; stop the benchmark, with its output, if it failed.

    CPU time counts every process the command waited for (kernels, forked workers), so
    it says what the work cost even when other processes share the machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        last = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        sys.exit(f"{' '.join(command)} failed (exit {done.returncode}):\n{last}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    _note_pdf(done.stdout + done.stderr, wall)
    return Run(wall, cpu)


# The PDF step, from a build's own progress lines: "<edition>: PDF printed (...) (X s)", then
# "<edition>: HTML built in Y s" (the PDF is printed first, so that the pages link it).
PDF_LINE = re.compile(r": PDF printed \(.*\) \(([0-9.]+) s\)$", re.M)
HTML_LINE = re.compile(r": HTML built in ([0-9.]+) s$", re.M)
pdf_steps: list[tuple[float, float, float]] = []  # (PDF, HTML without it, whole build) s


def _note_pdf(output: str, wall: float) -> None:
    printed, built = PDF_LINE.search(output), HTML_LINE.search(output)
    if printed and built:
        pdf_steps.append((float(printed.group(1)), float(built.group(1)), wall))


def ours(scratch: Scratch, *arguments: str) -> Run:
    return timed([str(PYTHON), "-m", "analysis", "build", *arguments], scratch.project, scratch.env)


def jb(scratch: Scratch) -> Run:
    return timed([str(VENV_BIN / "jb"), "build", ".", *JB_FLAGS], scratch.jb, scratch.env)


def ours_clean(scratch: Scratch) -> Run:
    shutil.rmtree(scratch.project / "_build", ignore_errors=True)
    return ours(scratch, "--force")


def jb_clean(scratch: Scratch) -> Run:
    shutil.rmtree(scratch.jb / "_build", ignore_errors=True)  # jupyter-cache's database too
    return jb(scratch)


def ours_variant(scratch: Scratch) -> Run:
    shutil.rmtree(scratch.project / "_build" / "editions", ignore_errors=True)
    return ours(scratch, "--set", VARIANT)


def ours_site(scratch: Scratch, *arguments: str, pdf: bool = True) -> Run:
    env = scratch.env if pdf else {**scratch.env, "MEM_PDF": "off"}
    return timed([str(PYTHON), "-m", "analysis", "site", *arguments], scratch.project, env)


def ours_grid_clean(scratch: Scratch, pdf: bool = True) -> Run:
    shutil.rmtree(scratch.project / "_build", ignore_errors=True)
    return ours_site(scratch, "--force", pdf=pdf)


# --- what a no-change rebuild touches -----------------------------------------------------


def snapshot(*folders: Path) -> dict[str, tuple[int, str]]:
    """(mtime, sha256) of every file under `folders`, symbolic links followed."""
    files = {}
    for folder in folders:
        top = folder.resolve()
        for path in sorted(top.rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                files[f"{folder.name}/{path.relative_to(top)}"] = (path.stat().st_mtime_ns, digest)
    return files


def rewritten(before: dict, after: dict) -> int:
    """Files added, removed, or with a new time stamp or content."""
    return sum(before.get(name) != after.get(name) for name in before.keys() | after.keys())


def no_change(scratch: Scratch, side: str) -> tuple[Run, int]:
    """Time a rebuild with nothing changed; count the files it rewrote."""
    if side == "ours":
        folders = scratch.project / "book", scratch.project / "_build" / "html"
        rebuild = lambda: ours(scratch)  # noqa: E731
    else:
        folders = scratch.jb / "book", scratch.jb / "_build" / "html"
        rebuild = lambda: jb(scratch)  # noqa: E731
    before = snapshot(*folders)
    run = rebuild()
    return run, rewritten(before, snapshot(*folders))


# --- the two source folders ---------------------------------------------------------------


def make_scratch(workdir: Path) -> Scratch:
    project = workdir / "project"
    shutil.copytree(ROOT, project, ignore=NOT_COPIED)
    env = dict(os.environ, PYTHONPATH=str(project))  # the copy's `analysis`, on both sides
    return Scratch(project, workdir / "jb", env)


def jb_config(project: Path) -> str:
    """The project's `_config.yml`, with Jupyter Book executing through jupyter-cache."""
    config = yaml.safe_load((project / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {
        "execute_notebooks": "cache",
        "timeout": 600,
        "execution_in_temp": False,  # run in the notebook's folder: figures/ lands beside it
        "allow_errors": False,
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def stripped(template: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(template, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def assemble_jb(scratch: Scratch) -> None:
    """Lay out the jb source folder from the project copy as it stands after our build."""
    project, source = scratch.project, scratch.jb
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(project / "book", source / "book", ignore=shutil.ignore_patterns("*.ipynb"))
    shutil.copytree(project / "data", source / "data")
    shutil.copy2(project / "_toc.yml", source / "_toc.yml")
    (source / "_config.yml").write_text(jb_config(project), encoding="utf-8")
    for template in sorted(scratch.templates.glob("*.ipynb")):
        nbformat.write(stripped(template), source / "book" / template.name)


def add_copies(scratch: Scratch, originals: list[Path], scale: int) -> None:
    """Copy every chapter's template up to `scale` times in all, on our side and in the toc.

    The jb side follows when `assemble_jb` lays it out again.
    """
    toc_path = scratch.project / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    part = next((p for p in toc["parts"] if p["caption"] == "Benchmark copies"), None)
    if part is None:
        part = {"caption": "Benchmark copies", "chapters": []}
        toc["parts"].append(part)
    listed = {chapter["file"] for chapter in part["chapters"]}
    # The front page is the book's root, with the table of contents: it is not copied.
    chapters = [template for template in originals if f"book/{template.stem}" != toc["root"]]
    for number in range(2, scale + 1):
        for template in chapters:
            name = f"{template.stem}-copy{number}"
            if f"book/{name}" in listed:
                continue
            notebook = nbformat.read(template, as_version=4)
            code = [cell for cell in notebook.cells if cell.cell_type == "code"]
            importing = [cell for cell in code if PUBLISH_IMPORT in cell.source]
            if not importing and any("publish(" in cell.source for cell in code):
                sys.exit(f"{template.name} publishes figures without `{PUBLISH_IMPORT}`: "
                         "cannot give its copies figure ids of their own")  # fmt: skip
            for cell in importing:
                cell.source += RENAME_FIGURES.format(suffix=f"-copy{number}", chapter=name)
            nbformat.write(notebook, scratch.templates / f"{name}.ipynb")
            part["chapters"].append({"file": f"book/{name}"})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")


# --- reporting ----------------------------------------------------------------------------


def machine_state() -> str:
    """nproc, load average, CPU pressure (other processes competing), python version."""
    version = subprocess.run(
        [str(PYTHON), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    state = f"nproc {usable} (of {os.cpu_count()}); load average {load}"
    pressure = Path("/proc/pressure/cpu")
    if pressure.is_file():  # Linux PSI: share of time some task waited for a CPU
        some = pressure.read_text().split("\n")[0].split()
        state += f"; cpu pressure {dict(item.split('=') for item in some[1:])['avg60']}% (60 s)"
    return f"{state}; python {version}"


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def row(label: str, mine: Run, theirs: Run, note: str = "") -> str:
    """One line of a table: wall-clock and CPU seconds of each side, and their ratios."""
    cells = [f"{label:<34}"]
    for kind in ("wall", "cpu"):
        a, b = getattr(mine, kind), getattr(theirs, kind)
        cells.append(f"{a:>8.2f}s{b:>8.2f}s{a / b:>9.2f}  ")
    return ("".join(cells) + note).rstrip()


def table_header(first: str) -> str:
    sides = f"{'ours':>9}{'jb':>9}{'ours/jb':>9}  "
    top = f"{'':<34}{'wall-clock':^29}{'CPU, all processes':^29}".rstrip()
    return f"{top}\n{first:<34}{sides}{sides}".rstrip()


def slope(points: list[tuple[int, float]]) -> float:
    """Seconds per notebook: the slope of the least-squares line through `points`."""
    xs, ys = zip(*points, strict=True)
    return statistics.linear_regression(xs, ys).slope


# --- the benchmark ------------------------------------------------------------------------


MEASURES = (
    "ours_clean", "jb_clean", "ours_same", "jb_same", "variant", "grid_html", "grid", "grid_same"
)  # fmt: skip


def measure_pairs(scratch: Scratch, repeat: int) -> tuple[dict[str, list[Run]], dict]:
    """`repeat` rounds, each timing every measurement on our side, then on jb's."""
    times: dict[str, list[Run]] = {key: [] for key in MEASURES}
    touched: dict[str, list[int]] = {"ours": [], "jb": []}
    for index in range(repeat):
        print(f"  round {index + 1}/{repeat}", flush=True)
        times["ours_clean"].append(ours_clean(scratch))
        times["jb_clean"].append(jb_clean(scratch))
        for side in ("ours", "jb"):
            run, count = no_change(scratch, side)
            times[f"{side}_same"].append(run)
            touched[side].append(count)
        times["variant"].append(ours_variant(scratch))  # the reference was just built
        times["grid_html"].append(ours_grid_clean(scratch, pdf=False))  # as jb: no PDF
        times["grid"].append(ours_grid_clean(scratch))
        times["grid_same"].append(ours_site(scratch))
    return times, touched


def measure_scaling(scratch: Scratch, originals: list[Path], repeat: int) -> dict[int, tuple]:
    """Clean-build medians at 2x and 4x the notebooks (1x comes from `measure_pairs`)."""
    found = {}
    for scale in SCALES[1:]:
        add_copies(scratch, originals, scale)
        mine, theirs = [], []
        for index in range(repeat):
            print(f"  {scale}x the notebooks, round {index + 1}/{repeat}", flush=True)
            mine.append(ours_clean(scratch))
            assemble_jb(scratch)  # its static Figures page now lists the copies' figures
            theirs.append(jb_clean(scratch))
        found[scale] = (median(mine), median(theirs))
    return found


def report(count: int, arguments: argparse.Namespace, times: dict, touched: dict,
           scaling: dict) -> None:  # fmt: skip
    print(f"\n{count} notebooks; medians of {arguments.repeat} interleaved pairs")
    print(table_header("measurement"))
    m = {key: median(runs) for key, runs in times.items()}
    print(row("clean build", m["ours_clean"], m["jb_clean"]))
    print(row("no-change rebuild", m["ours_same"], m["jb_same"]))
    print(row(f"variant {VARIANT} vs jb clean", m["variant"], m["jb_clean"],
              "(issue target: wall-clock ratio at most 0.50)"))  # fmt: skip
    print(row("grid of 8 editions, HTML only, vs jb clean", m["grid_html"], m["jb_clean"],
              "(issue 20's target: wall-clock ratio at most 1.50)"))  # fmt: skip
    print(row("grid of 8 editions with their PDFs vs jb clean", m["grid"], m["jb_clean"],
              "(what `make book` does)"))  # fmt: skip
    print(f"grid rebuild with nothing changed: {m['grid_same'].wall:.2f} s wall-clock, "
          f"{m['grid_same'].cpu:.2f} s CPU (issue 20's target: at most 2 s)")  # fmt: skip
    print(f"files under book/ and the HTML that a no-change rebuild rewrote, per run: "
          f"ours {touched['ours']}, jb {touched['jb']}")  # fmt: skip
    print("every run, wall-clock seconds:")
    for key in MEASURES:
        print(f"  {key:<11}" + " ".join(f"{run.wall:.2f}" for run in times[key]))

    points = {1: (m["ours_clean"], m["jb_clean"]), **scaling}
    print(f"\nclean build by number of notebooks (2x and 4x: median of {arguments.scale_repeat})")
    print(table_header("notebooks"))

    def notebooks(scale: int) -> int:  # the front page is not copied (see add_copies)
        return count + (scale - 1) * (count - 1)

    for scale, (mine, theirs) in sorted(points.items()):
        print(row(f"{notebooks(scale)}", mine, theirs))
    per_notebook = [
        Run(*(slope([(notebooks(scale), getattr(pair[side], kind))
                     for scale, pair in points.items()])
              for kind in ("wall", "cpu")))
        for side in (0, 1)
    ]  # fmt: skip
    print(row("seconds per added notebook", *per_notebook, "(least-squares slope)"))
    if pdf_steps:
        shares = sorted(pdf / html for pdf, html, _ in pdf_steps)
        whole = sorted(pdf / wall for pdf, _, wall in pdf_steps)
        print(f"\nPDF and brief (clean builds of ours, {len(pdf_steps)} runs): median "
              f"{statistics.median(p for p, _, _ in pdf_steps):.1f} s, "
              f"{statistics.median(shares):.2f} of the HTML step's own time, "
              f"{statistics.median(whole):.2f} of the whole build")  # fmt: skip
    else:
        print("\nPDF: not printed in these builds (no Chromium here, or MEM_PDF=off)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="pairs per measurement (median)")
    parser.add_argument("--scale-repeat", type=int, default=1,
                        help="clean builds per side at 2x and 4x (median)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    arguments = parser.parse_args()
    if not PYTHON.is_file():
        sys.exit(f"{PYTHON} is missing: run `make book` first")

    print(f"machine: {machine_state()}")
    workdir = Path(tempfile.mkdtemp(prefix="mem-bench-"))
    try:
        scratch = make_scratch(workdir)
        originals = sorted(scratch.templates.glob("*.ipynb"))
        print(f"scratch copy in {workdir}; {len(originals)} notebooks", flush=True)
        # Untimed: compiles the copy's bytecode, and makes the pages jb takes as static.
        ours_clean(scratch)
        assemble_jb(scratch)
        times, touched = measure_pairs(scratch, arguments.repeat)
        scaling = measure_scaling(scratch, originals, arguments.scale_repeat)
    finally:
        if arguments.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(len(originals), arguments, times, touched, scaling)
    print(f"machine after: {machine_state()}")


if __name__ == "__main__":
    main()
