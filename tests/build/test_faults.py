"""Faults during a build: each ends in one line naming what failed, and leaves nothing behind:
not in `_build`, not in the system's temporary folder, not a process.

Builds here build the fixture project (tests/fixture_project: two short notebooks) into a
folder of each test's own (`--build-dir`); the end-to-end stops on the book itself are
marked `full`.
"""

import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from analysis.contract.parameters import Edition
from analysis.edition import atomic, notebooks
from analysis.edition.build import build
from analysis.edition.layout import Layout
from analysis.edition.notebooks import execute
from analysis.edition.steps import BuildError
from analysis.edition.workers import WORKER_DIED, Workers, time_limit
from tests import fixture
from tests.conftest import ROOT

INTERRUPTED = "error: interrupted; the previously published book is unchanged\n"
RATES = "year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n"


def _leftovers(build_dir: Path) -> list[str]:
    """What a build that never published left in its build folder, beyond what is shared by
    design (the content-addressed cache of executed notebooks, an empty scratch folder)."""
    found = []
    for path in sorted(build_dir.rglob("*")):
        relative = path.relative_to(build_dir).as_posix()
        if relative.startswith(".cache") or relative in {".scratch", "editions"}:
            continue
        found.append(relative)
    return found


# A notebook worker killed with SIGKILL: an EOFError traceback, before.
def test_a_worker_killed_by_sigkill_is_one_line():
    def killed() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    errors = Workers(1).run([("coverage-gaps", killed)], lambda *_: None)
    assert errors == [f"coverage-gaps: {WORKER_DIED} (killed by SIGKILL)"]


def test_a_build_whose_worker_is_killed_stops_in_one_line(project, tmp_path, monkeypatch):
    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(notebooks, "execute", killed)
    edition = Edition(opd_grouping="source")
    build_dir = tmp_path / "build"
    with pytest.raises(BuildError) as caught:
        build(edition, root=project, force=True, html=False, build_dir=build_dir)
    # On a busy machine a second worker may die before the first is reported: "(and 1 more
    # failed)" then follows.
    said = f": {WORKER_DIED} (killed by SIGKILL)"
    assert re.search(re.escape(said) + r"( \(and \d+ more failed\))?$", str(caught.value)), (
        caught.value
    )
    assert "\n" not in str(caught.value)
    assert _leftovers(build_dir) == []


# A cell that never ends.
def _notebook(folder: Path, source: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    parameters = nbformat.v4.new_code_cell('lang = "en"', id="parameters")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell(source, id="stuck")]
    path = folder / "stuck.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import time\nwhile True:\n    time.sleep(0.1)", "did not finish within 0.5 s"),
        (  # a cell that catches the timeout every time: its process ends, saying so
            "while True:\n    try:\n        sum(range(10**6))\n    except Exception:\n        pass",
            "did not finish within 0.5 s (cell timeout), and would not stop",
        ),
    ],
)
def test_a_cell_that_never_ends_stops_the_notebook_naming_it(
    tmp_path, monkeypatch, source, expected
):
    from analysis.edition import engine

    monkeypatch.setattr(engine._Alarm, "REPEAT", 0.2)
    template = _notebook(tmp_path, source)
    out = tmp_path / "out"
    out.mkdir()
    started = time.monotonic()
    errors = Workers(1).run(
        [("stuck", lambda: execute(template, out, Edition(), "digest", timeout=0.5))],
        lambda *_: None,
    )
    assert time.monotonic() - started < 60
    assert len(errors) == 1 and errors[0].startswith("stuck: cell "), errors
    assert "id 'stuck'" in errors[0] and expected in errors[0], errors


# SIGHUP (a closed terminal) killed the build at once, leaving its folders; SIGTERM must stop
# it as Ctrl-C does. On the fixture, the build is held in its notebook while it is stopped;
# on the book (`full`), it is stopped while it executes a variant's notebooks.
STOPS = [
    pytest.param("fixture", id="fixture"),
    pytest.param("book", id="book", marks=pytest.mark.full),
]


def _start(where: str, tmp_path: Path, *arguments: str, **kwargs) -> subprocess.Popen:
    """`python -m analysis build ARGUMENTS` on the fixture project or on the book."""
    if where == "fixture":
        return fixture.start(fixture.fixture_project(tmp_path), "build", *arguments, **kwargs)
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", "build", *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _stopped_while_executing(process: subprocess.Popen, how: signal.Signals) -> tuple[str, list]:
    """Send `how` once the build executes its notebooks; its standard error and the worker
    processes it had then."""
    for line in process.stdout:
        if "executing" in line:
            break
    time.sleep(0.3)  # the workers are forked
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(how)
    _, err = process.communicate(timeout=120)
    return err, workers


@pytest.mark.parametrize("where", STOPS)
@pytest.mark.parametrize("how", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_stops_a_build_like_ctrl_c_and_leaves_nothing(tmp_path, where, how):
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES)
    build_dir = tmp_path / "build"
    arguments = ("--build-dir", str(build_dir), "--set", f"fx_rates={rates}", "--force")
    with fixture.held(tmp_path) as environment:
        process = _start(where, tmp_path, *arguments, env=environment)
        err, workers = _stopped_while_executing(process, how)
    assert process.returncode == 130 and err == INTERRUPTED, (process.returncode, err)
    assert workers, "the build should have been running its notebooks in worker processes"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    assert _leftovers(build_dir) == []  # no edition folder, lock, copy of the file, scratch


# Lock files and copies of users' files stayed behind for editions that never published.
def test_a_failed_first_build_removes_its_lock_and_its_copies(project, tmp_path, monkeypatch):
    monkeypatch.setattr(notebooks, "execute", lambda *args, **kwargs: "deliberate failure")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES)
    edition = Edition.from_values({"fx_rates": str(rates)})
    build_dir = tmp_path / "build"
    with pytest.raises(BuildError, match="deliberate failure"):
        build(edition, root=project, force=True, html=False, build_dir=build_dir)
    layout = Layout.for_edition(edition, project, build_dir)
    assert not layout.lock.exists() and not layout.own_folder.exists()
    assert _leftovers(build_dir) == []


def test_a_removed_lock_is_never_held_twice(tmp_path):
    path = tmp_path / ".state" / "edition.lock"
    order = []
    first_holds, second_waits = threading.Event(), threading.Event()

    def first():
        with atomic.edition_lock(path):
            first_holds.set()
            second_waits.wait(10)
            time.sleep(0.2)  # the second is now blocked on this file
            atomic.remove_lock(path)  # a first build that failed
            order.append("first done")

    def second():
        first_holds.wait(10)
        with atomic.edition_lock(path, on_wait=second_waits.set):
            order.append("second holds")
            # A third build cannot take the lock meanwhile: the second holds the new file.
            with pytest.raises(atomic.LockBusy), atomic.edition_lock(path, wait=False):
                pass
            order.append("third refused")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert order == ["first done", "second holds", "third refused"]


# `ulimit -f`: "cannot build edition ...: file too large", no step or file named, and Sphinx's
# crash log left in the system's temporary folder. The limits stop the fixture's build at
# different steps (its notebooks, or its HTML).
@pytest.mark.parametrize("limit", [5_000, 100_000])
def test_a_file_size_limit_names_the_step_and_leaves_no_temporary_files(tmp_path, limit):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    build_dir = tmp_path / "build"

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = _start(
        "fixture", tmp_path, "--build-dir", str(build_dir), "--set", "start_year=2020",
        env={**os.environ, "TMPDIR": str(temporary)},
        preexec_fn=limited,
    )  # fmt: skip
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "file too large" in err.lower(), err
    steps = ("writing the edition's sources", "executing the notebooks",
             "cannot write the executed notebook", "writing the Figures page",
             "building the HTML", "Jupyter Book failed", "cannot publish the book")  # fmt: skip
    assert any(step in err for step in steps), err
    assert list(temporary.iterdir()) == []
    assert _leftovers(build_dir) == []


def test_a_print_job_out_of_time_ends_its_processes_and_says_so(tmp_path):
    """A Chromium that never answers: the print worker ends, with the processes it started,
    in one line (the build then publishes the HTML without a PDF)."""
    started = tmp_path / "child.pid"

    def stuck() -> None:
        time_limit(1, "the PDF step")
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        started.write_text(str(child.pid))
        time.sleep(60)

    errors = Workers(1).run([("print", stuck)], lambda *_: None)
    assert errors == ["print: the PDF step did not finish within 1 s"]
    assert not psutil.pid_exists(int(started.read_text())) or (
        psutil.Process(int(started.read_text())).status() == psutil.STATUS_ZOMBIE
    )
