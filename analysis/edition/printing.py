"""The PDF stage of a build: whether an edition can be printed here, the print job, what a
failed print says, and where Chromium keeps its files.

An edition is printed before its HTML is built, so that its pages link a PDF only when one
was printed. A print writes nothing into the edition's trees: the PDF and the brief are
made in the job's scratch folder and moved into the staged HTML only once both are whole.
A print that failed is not tried again until something that could change its outcome
changed: the edition (then everything is built again), or the Chromium binary
(`Printer.key`); meanwhile a build says in one line that the PDF is missing, and why.

Chromium keeps a Unix socket under its temporary folder, and a socket's path is limited to
107 bytes: from a project under a long path (or with a long TMPDIR) Chromium would stop at
once. Its profile and sockets therefore go into a fresh folder of the job's own under a
short temporary folder, removed with the job, with every process still using it, however
the job ended.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.contract.parameters import Edition
from analysis.core.text import printable, short_path
from analysis.edition import atomic
from analysis.edition.layout import BRIEF_NAME, Layout, pdf_name
from analysis.edition.steps import one_line

PRINT_TIMEOUT = 600  # seconds for the whole print job: ~20 s is usual on 2 cores
OFF_WORDS = {"off", "0", "false", "no"}  # MEM_PDF, any case
# Chromium's socket lies ~45 bytes below its temporary folder, which lies ~30 below ours:
# the folder we make it in must be short enough for the 107 bytes of a socket's path.
SHORT_ENOUGH = 32
SHORT_PLACES = ("/tmp", "/var/tmp", "/dev/shm")
FOLDER_PREFIX = "mem-print-"
MADE = "made.txt"  # in the job's scratch: what it printed, for the build's line
SPHINX_DONE = "sphinx-done"  # in the job's scratch: its Sphinx build ended on its own


@dataclass(frozen=True)
class Printer:
    """Whether this build can print, with what, and why not."""

    key: str  # what could change a print's outcome: the binary, by path, size and time
    browser: str | None  # the Chromium to launch, or None: no print
    why_not: str | None  # why no print is tried (MEM_PDF=off, no Chromium)

    @property
    def off(self) -> bool:
        return self.key == "off"


def printer() -> Printer:
    """The Chromium this build prints with (MEM_CHROMIUM, or Debian's), or why none."""
    if os.environ.get("MEM_PDF", "on").strip().lower() in OFF_WORDS:
        return Printer("off", None, "MEM_PDF is off")
    path, why = chromium()
    if path is None:
        named = os.environ.get("MEM_CHROMIUM", "").strip() or "chromium"
        return Printer(f"missing:{named}", None, why)
    real = os.path.realpath(path)
    found = os.stat(real)
    return Printer(f"chromium:{real}:{found.st_size}:{found.st_mtime_ns}", path, None)


def chromium() -> tuple[str | None, str | None]:
    """The Chromium binary (MEM_CHROMIUM, or Debian's) and None, or None and why not."""
    named = os.environ.get("MEM_CHROMIUM", "").strip()
    path = named or shutil.which("chromium") or "/usr/bin/chromium"
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path, None
    if named:
        return None, f"MEM_CHROMIUM names {short_path(named)}, which is not a program"
    return None, "Chromium is not installed: apt-get install -y chromium"


# --- the job's short, private folder -------------------------------------------------------


def short_base() -> Path:
    """A temporary folder whose path is short enough for Chromium's sockets: the user's
    own (TMPDIR) when it is, else the system's."""
    places = [tempfile.gettempdir(), *SHORT_PLACES]
    for place in dict.fromkeys(places):
        if (
            len(os.fsencode(place)) <= SHORT_ENOUGH
            and os.path.isdir(place)
            and os.access(place, os.W_OK | os.X_OK)
        ):
            return Path(place)
    raise OSError(f"no writable temporary folder with a path of at most {SHORT_ENOUGH} bytes")


@contextlib.contextmanager
def private_folder():
    """A fresh folder (mode 700) for Chromium's profile and sockets; on the way out, every
    process that still uses it is ended and the folder removed, whatever happened."""
    base = short_base()
    _remove_stale(base)
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-", dir=base))
    try:
        yield folder
    finally:
        end_processes_using(folder)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def tmpdir_as(folder: Path):
    """TMPDIR set to `folder` meanwhile: a Chromium, and Playwright's driver, started
    meanwhile keep their files and sockets there (see `private_folder`)."""
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before


def end_processes_using(folder: Path) -> None:
    """Kill every process whose command line names `folder` (a Chromium left behind by a
    print job that was killed, with its profile there)."""
    import psutil

    mark = str(folder)
    found = []
    for process in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error, TypeError):
            if any(mark in part for part in process.info["cmdline"] or []):
                process.kill()
                found.append(process)
    psutil.wait_procs(found, timeout=5)


def _remove_stale(base: Path) -> None:
    """Folders of print jobs whose build was killed (its process no longer runs)."""
    for folder in base.glob(f"{FOLDER_PREFIX}*"):
        pid = folder.name.removeprefix(FOLDER_PREFIX).split("-")[0]
        if pid.isdigit() and not atomic.alive(int(pid)) and folder.is_dir():
            end_processes_using(folder)
            shutil.rmtree(folder, ignore_errors=True)


# --- the job -------------------------------------------------------------------------------


def print_job(
    edition: Edition, layout: Layout, scratch: Path, context: dict, browser: str, tmp: Path
):
    """The edition's PDF and brief, printed into `scratch/pdf`, as a job for a forked
    worker: a single-page HTML build (Sphinx's singlehtml), then Chromium, whose temporary
    files go to `tmp` (see `private_folder`)."""

    def job() -> str | None:
        from analysis.edition import pdf
        from analysis.edition.sphinx_build import run_sphinx
        from analysis.edition.workers import temporary_files_in, time_limit

        temporary_files_in(scratch / "tmp")
        time_limit(PRINT_TIMEOUT, "the PDF step")
        error = run_sphinx(layout, scratch / "print.log", context, "singlehtml")
        (scratch / SPHINX_DONE).touch()  # the staging folder is whole, whatever follows
        if error:
            return f"the single-page HTML failed: {error}"
        toc = yaml.safe_load((layout.source / "_toc.yml").read_text(encoding="utf-8"))
        # singlehtml writes the page where the root document is, with links relative to
        # its own root: read from there.
        page = layout.print_page / "print.html"
        shutil.copyfile(layout.print_page / f"{toc['root']}.html", page)
        os.environ["TMPDIR"] = str(tmp)  # Chromium's profile and sockets, and its driver's
        tempfile.tempdir = str(tmp)
        out = scratch / "pdf"
        out.mkdir()
        try:
            made = pdf.make_pdfs(edition, layout.notebooks, page, out, browser)
        except Exception as exc:  # Chromium, Playwright, the words: one line
            return failure_words(exc)
        (scratch / MADE).write_text("; ".join(made), encoding="utf-8")
        return None

    return job


def install_pdfs(edition: Edition, layout: Layout, scratch: Path | None) -> None:
    """The printed PDF and brief into the staged HTML, or, with nothing printed
    (`scratch` None), no PDF there at all: never an older one beside newer pages."""
    names = (pdf_name(edition), BRIEF_NAME)
    for name in names:
        target = layout.staged_html / name
        if scratch is None:
            target.unlink(missing_ok=True)
        else:
            shutil.copyfile(scratch / "pdf" / name, target)


def has_pdfs(edition: Edition, html: Path) -> bool:
    """Whether a published tree holds the edition's PDF and brief."""
    return all((html / name).is_file() for name in (pdf_name(edition), BRIEF_NAME))


def made_words(scratch: Path) -> str:
    return (scratch / MADE).read_text(encoding="utf-8")


def sphinx_finished(scratch: Path) -> bool:
    """Whether the print job's Sphinx build ended on its own (its staging folder whole)."""
    return (scratch / SPHINX_DONE).exists()


# --- what a failure says --------------------------------------------------------------------

# Chromium's stderr as Playwright quotes it: under "Browser logs:", or in its "Call log:"
# as a list item ("  - [pid=1][err] ..."), as Playwright 1.65 does when Chromium exits at once.
_LOGGED = re.compile(r"^\s*(?:-\s+)?\[pid=\d+\]\[err\]\s?(.*)$")
_CHROMIUM_LINE = re.compile(
    r"^\[[^\]]*:(?P<level>FATAL|ERROR|WARNING|INFO)[^\]]*\]\s*(?P<text>.*)$"
)
_SHELL_NOISE = re.compile(r"^/\S+: \d+: ")  # a wrapper script's own complaint
_EXIT = re.compile(r"exitCode=(\d+)")


def failure_words(exc: BaseException) -> str:
    """Why a print failed, as a reader can act on it: from Chromium's own log when
    Playwright quotes it, never a bare class name."""
    from analysis.edition.pdf import PdfError

    if isinstance(exc, PdfError):
        return str(exc)
    text = str(exc)
    said = chromium_said(text)
    if "BrowserType.launch" in text:
        return f"Chromium could not start: {said or _exit_words(text)}"
    if said:
        return f"Chromium failed while printing: {said}"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first:
        return f"Chromium failed while printing: {printable(first, 200)}"
    return f"Chromium failed while printing ({one_line(exc)})"


def chromium_said(text: str) -> str | None:
    """The line of Chromium's log (as Playwright quotes it) that says why it stopped."""
    logged = [m.group(1).strip() for line in text.splitlines() if (m := _LOGGED.match(line))]
    fatal, plain, errors = [], [], []
    for line in logged:
        found = _CHROMIUM_LINE.match(line)
        if found is None:
            if line and not _SHELL_NOISE.match(line):
                plain.append(line)
        elif found["level"] == "FATAL":
            fatal.append(found["text"])
        elif found["level"] == "ERROR" and "crashpad" not in line:
            errors.append(found["text"])
    for lines in (fatal, plain, errors):
        if lines:
            return printable(lines[0].rstrip("."), 200)
    return None


def _exit_words(text: str) -> str:
    found = _EXIT.search(text)
    return f"it ended with exit status {found.group(1)}" if found else "it gave no reason"
