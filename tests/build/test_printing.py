"""The PDF step where users run it: from a project under a long path with spaces and
accents, with a long TMPDIR; a Chromium that cannot start; a print that fails half way.

A failed print says why in words, publishes the HTML without any PDF link, leaves nothing
of itself in a published tree, and costs nothing on the next build unless Chromium changed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from analysis.contract.parameters import Edition
from analysis.edition import pdf, printing, state
from analysis.edition.layout import Layout
from analysis.edition.printing import Printer, failure_words, printer
from analysis.edition.state import Todo
from tests.cli.test_cli import repository_copy
from tests.conftest import ROOT

# What Playwright raised for the two launches that failed in the issue (its message quotes
# Chromium's log; the command lines cut short here).
SOCKET_TOO_LONG = """BrowserType.launch: Target page, context or browser has been closed
Browser logs:

<launching> /usr/bin/chromium --disable-field-trial-config --headless --user-data-dir=/home/ana/Documentos/x
<launched> pid=14928
[pid=14928][err] /usr/bin/chromium: 9: [: 25276182528: unexpected operator
[pid=14928][err] [14928:14928:1207/195028.401717:FATAL:chrome/browser/process_singleton_posix.cc:313] Socket path too long: /home/ana/Documentos de trabajo/tmp/org.chromium.Chromium.hCuRLG/SingletonSocket.
[pid=14928][err] [1207/195028.441457:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open /sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq: No such file or directory (2)
Call log:
  - <launching> /usr/bin/chromium --disable-field-trial-config"""  # noqa: E501
FAKE_BINARY = """BrowserType.launch: Target page, context or browser has been closed
Browser logs:

<launching> /tmp/fakechrome --disable-field-trial-config --headless
<launched> pid=14970
[pid=14970][err] fake chromium: cannot open display
Call log:
  - <launching> /tmp/fakechrome --disable-field-trial-config"""
# Playwright 1.65.2 with a binary that writes Chromium's sandbox failure and exits 1: its log
# lines stand in the call log, as list items.
IN_CALL_LOG = """BrowserType.launch: Target page, context or browser has been closed
Browser logs:
Chromium sandboxing failed!
================================
To avoid the sandboxing issue, do either of the following:
  - (preferred): Configure your environment to support sandboxing
================================

Call log:
  - <launching> /tmp/fakechromium --disable-field-trial-config --headless --no-sandbox
  - <launched> pid=20351
  - [pid=20351][err] [0101/000000.000:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox!
  - [pid=20351] <gracefully close start>
  - [pid=20351] <process did exit: exitCode=1, signal=null>"""
SILENT_EXIT = """BrowserType.launch: Target page, context or browser has been closed
Browser logs:

<launching> /tmp/quiet --headless
<launched> pid=1
[pid=1] <process did exit: exitCode=3, signal=null>
Call log:
  - <launching> /tmp/quiet --headless"""


class TargetClosedError(Exception):
    """Stands for Playwright's exception of that name."""


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            SOCKET_TOO_LONG,
            "Chromium could not start: Socket path too long: /home/ana/Documentos de trabajo/"
            "tmp/org.chromium.Chromium.hCuRLG/SingletonSocket",
        ),
        (FAKE_BINARY, "Chromium could not start: fake chromium: cannot open display"),
        (IN_CALL_LOG, "Chromium could not start: No usable sandbox!"),
        (SILENT_EXIT, "Chromium could not start: it ended with exit status 3"),
        (
            "Page.pdf: Target crashed",
            "Chromium failed while printing: Page.pdf: Target crashed",
        ),
    ],
)
def test_a_failed_print_says_why_in_words(message, expected):
    said = failure_words(TargetClosedError(message))
    assert said == expected
    assert "TargetClosedError" not in said and "\n" not in said


def test_a_print_error_of_the_books_own_is_said_as_it_is():
    error = pdf.PdfError("brief.pdf runs over one A4 page (2 pages)")
    assert failure_words(error) == "brief.pdf runs over one A4 page (2 pages)"


@pytest.mark.parametrize("value", ["off", "OFF", "0", "false", "No", " no "])
def test_mem_pdf_turns_the_print_off_in_any_of_its_spellings(monkeypatch, value):
    monkeypatch.setenv("MEM_PDF", value)
    assert printer() == Printer("off", None, "MEM_PDF is off")


def test_a_chromium_that_is_not_there_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("MEM_PDF", "on")
    monkeypatch.setenv("MEM_CHROMIUM", str(tmp_path / "chrome"))
    found = printer()
    assert found.browser is None
    assert found.why_not == f"MEM_CHROMIUM names {tmp_path / 'chrome'}, which is not a program"
    monkeypatch.delenv("MEM_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(os.path, "isfile", lambda path: False)
    assert printer().why_not == "Chromium is not installed: apt-get install -y chromium"


def test_the_printer_changes_when_its_binary_does(monkeypatch, tmp_path):
    binary = tmp_path / "chrome"
    binary.write_text("#!/bin/sh\nexit 1\n")
    binary.chmod(0o755)
    monkeypatch.setenv("MEM_PDF", "on")
    monkeypatch.setenv("MEM_CHROMIUM", str(binary))
    first = printer()
    assert first.browser == str(binary) and first.why_not is None
    assert printer() == first
    binary.write_text("#!/bin/sh\nexit 2\n")  # updated: another size
    assert printer().key != first.key


def test_chromiums_folder_is_short_private_and_removed_with_what_uses_it(monkeypatch, tmp_path):
    long_tmp = tmp_path / ("carpeta temporal con un nombre muy largo, espacios y acentos " * 2)
    long_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(long_tmp))
    monkeypatch.setattr(printing.tempfile, "tempdir", None)  # read TMPDIR again
    with printing.private_folder() as folder:
        # Chromium's socket: <folder>/org.chromium.Chromium.XXXXXX/SingletonSocket
        assert len(os.fsencode(folder / "org.chromium.Chromium.hCuRLG" / "SingletonSocket")) < 107
        assert oct(folder.stat().st_mode & 0o777) == "0o700"
        sleeper = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(60)", str(folder)]
        )
    assert not folder.exists()
    sleeper.poll()  # (psutil has reaped it)
    assert not psutil.pid_exists(sleeper.pid)
    assert list(long_tmp.iterdir()) == []


def test_a_folder_left_by_a_killed_build_is_removed_by_the_next(tmp_path, monkeypatch):
    dead = psutil.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    monkeypatch.setattr(printing, "short_base", lambda: tmp_path)
    stale = tmp_path / f"{printing.FOLDER_PREFIX}{dead.pid}-abc"
    stale.mkdir()
    alive = tmp_path / f"{printing.FOLDER_PREFIX}{os.getpid()}-abc"
    alive.mkdir()
    with printing.private_folder():
        pass
    assert not stale.exists() and alive.exists()


# --- what a build must do, worked by hand --------------------------------------------------


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A published edition stand-in: its tree, its state, and the printer that made it."""
    layout = Layout.for_edition(Edition(), ROOT, tmp_path)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "index.html").write_text("book")
    layout.html.parent.mkdir(parents=True, exist_ok=True)
    layout.html.symlink_to(tree)
    monkeypatch.setattr(state, "edition_digest", lambda *args: "d1")
    return layout


CHROMIUM = Printer("chromium:/usr/bin/chromium:1:1", "/usr/bin/chromium", None)
UPDATED = Printer("chromium:/usr/bin/chromium:2:2", "/usr/bin/chromium", None)


def _state(layout: Layout, digest: str, pdf_failure: dict | None) -> None:
    layout.state.parent.mkdir(parents=True, exist_ok=True)
    layout.state.write_text(json.dumps({"digest": digest, "pdf": pdf_failure}))


def test_what_a_build_does_for_an_edition(published):
    edition, grid = Edition(), ()
    failed = {"key": CHROMIUM.key, "why": "Chromium could not start: x"}
    _state(published, "d0", None)  # something changed since
    assert state.todo(edition, published, grid, CHROMIUM) is Todo.BUILD
    _state(published, "d1", failed)  # the print failed with this very Chromium
    assert state.todo(edition, published, grid, CHROMIUM) is Todo.NOTHING
    assert state.missing_pdf(edition, published, CHROMIUM) == "Chromium could not start: x"
    assert state.todo(edition, published, grid, UPDATED) is Todo.PRINT  # Chromium changed
    off = Printer("off", None, "MEM_PDF is off")
    assert state.todo(edition, published, grid, off) is Todo.NOTHING
    for name in ("mem-peru-2023.pdf", "brief.pdf"):  # printed since
        (published.html / name).write_text("%PDF")
    assert state.todo(edition, published, grid, UPDATED) is Todo.NOTHING
    assert state.missing_pdf(edition, published, UPDATED) is None


# --- builds ---------------------------------------------------------------------------------

FAKE = """#!/bin/sh
echo run >> "{log}"
echo "{words}" >&2
exit 1
"""
REAL_CHROMIUM = os.environ.get("MEM_CHROMIUM") or "/usr/bin/chromium"
NEEDS_CHROMIUM = pytest.mark.skipif(
    not os.access(REAL_CHROMIUM, os.X_OK),
    reason="printing needs Debian's Chromium: apt-get install -y chromium (CI installs it)",
)
LEFT_BEHIND = re.compile(r"\.part|\.draft|brief-source|\.brief\.html")


def _build(*arguments: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "build", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "MEM_PDF": "on", **env},
    )


def _pages_linking_a_pdf(html: Path) -> list[str]:
    return sorted(
        page.name
        for page in html.rglob("*.html")
        if "mem-pdf-link" in page.read_text(encoding="utf-8")
    )


def _leftovers(html: Path) -> list[str]:
    return sorted(p.name for p in html.rglob("*") if LEFT_BEHIND.search(p.name))


def _print_folders(pid: int) -> list[Path]:
    return list(printing.short_base().glob(f"{printing.FOLDER_PREFIX}{pid}-*"))


@pytest.mark.full  # builds and prints the book in a copy: `make test-full`
@NEEDS_CHROMIUM
def test_the_pdfs_print_from_a_users_long_folder_and_a_long_tmpdir(tmp_path):
    """The issue's case: a clone under a folder like '/home/<name>/Documentos de trabajo/
    evaluación 2023/mem', over 120 characters, with a TMPDIR of 100 and more."""
    home = tmp_path / "Documentos de trabajo" / "evaluación 2023 (copia de Ana)" / "informes ñandú"
    project = repository_copy(home)
    assert len(str(project)) > 120
    temporary = tmp_path / "temporales con espacios, acentos y un nombre bastante largo (ñ)"
    temporary.mkdir()
    assert len(str(temporary)) > 100
    result = _build(cwd=project, TMPDIR=str(temporary))
    assert result.returncode == 0, result.stderr
    assert "PDF printed (mem-peru-2023.pdf: " in result.stdout, result.stdout
    html = project / "_build" / "html"
    assert (html / "mem-peru-2023.pdf").read_bytes().startswith(b"%PDF")
    assert (html / "brief.pdf").read_bytes().startswith(b"%PDF")
    pages = sorted(page.name for page in (html / "book").glob("*.html"))
    assert len(pages) > 10 and set(pages) <= set(_pages_linking_a_pdf(html))
    assert _leftovers(html) == [] and _leftovers(project / "_build" / ".staging") == []
    assert list(temporary.iterdir()) == []  # nothing of Chromium's in the user's TMPDIR
    assert not list((project / "_build" / ".scratch").iterdir())


@pytest.mark.build  # builds an edition
def test_a_chromium_that_cannot_start_costs_nothing_the_next_time(tmp_path):
    log = tmp_path / "runs.log"
    fake = tmp_path / "chromium"
    fake.write_text(FAKE.format(log=log, words="cannot open display :0"))
    fake.chmod(0o755)
    build_dir = tmp_path / "build"
    arguments = ("--build-dir", str(build_dir))
    html = build_dir / "html"

    first = _build(*arguments, MEM_CHROMIUM=str(fake))
    assert first.returncode == 0, first.stderr
    said = "Chromium could not start: cannot open display :0"
    warned = [line for line in first.stdout.splitlines() if "no PDF" in line]
    assert warned == [f"  the reference edition: warning: no PDF of this edition ({said}); its "
                      "HTML is published without it"], first.stdout  # fmt: skip
    assert "Error" not in first.stdout + first.stderr
    assert _pages_linking_a_pdf(html) == [] and not (html / "brief.pdf").exists()
    assert log.read_text().count("run") == 1
    tree = os.readlink(html)

    again = _build(*arguments, MEM_CHROMIUM=str(fake))  # nothing changed: no print, no HTML
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0] == "the reference edition: nothing changed since the last build"
    assert lines[1].startswith(f"still no PDF of the reference edition ({said}); the print is ")
    assert log.read_text().count("run") == 1 and os.readlink(html) == tree

    fake.write_text(FAKE.format(log=log, words="still no display"))  # Chromium changed
    third = _build(*arguments, MEM_CHROMIUM=str(fake))
    assert third.returncode == 0, third.stderr
    assert "printing its PDF again" in third.stdout
    assert "still no PDF (Chromium could not start: still no display)" in third.stdout
    assert log.read_text().count("run") == 2
    assert os.readlink(html) == tree  # the published book stays as it was
    assert _print_folders(os.getpid()) == []


@pytest.mark.build  # builds an edition
@pytest.mark.parametrize("how", ["fails", "is killed"])
def test_a_print_stopped_half_way_leaves_nothing_in_the_published_tree(tmp_path, monkeypatch, how):
    from analysis.edition.build import build

    def half_way(edition, notebooks, page, out, browser):
        (out / "mem-peru-2023.pdf.draft").write_bytes(b"%PDF-1.7 000")  # a first pass
        (out / "brief-source.html").write_text(f"<img src='file://{notebooks}'>")
        (out / "mem-peru-2023.pdf").write_bytes(b"%PDF-1.7 half")
        if how == "is killed":
            os.kill(os.getpid(), 9)
        raise RuntimeError("Page.pdf: Target crashed")

    monkeypatch.setattr(printing, "printer", lambda: CHROMIUM)
    monkeypatch.setattr(pdf, "make_pdfs", half_way)
    build_dir = tmp_path / "build"
    build(Edition(), root=ROOT, build_dir=build_dir)
    html = build_dir / "html"
    assert (html / "index.html").is_file()
    assert sorted(p.name for p in html.iterdir() if p.suffix == ".pdf") == []
    assert _pages_linking_a_pdf(html) == []
    for folder in (html, build_dir / ".staging", build_dir / ".scratch"):
        assert _leftovers(folder) == [], folder
    assert not any(str(build_dir) in p.read_text(errors="replace") for p in html.rglob("*.html"))
    recorded = json.loads((build_dir / ".state" / "reference.json").read_text())["pdf"]
    assert recorded["key"] == CHROMIUM.key
    if how == "fails":
        assert recorded["why"] == "Chromium failed while printing: Page.pdf: Target crashed"
    else:
        assert "killed by SIGKILL" in recorded["why"]
