"""What the tests share: where they build, the report's text, how they split across workers.

Tests never touch the user's `_build/`. Every edition a test builds goes into one build
folder of the session's own (`test_build()`, in the system's temporary folder, shared by
the xdist workers and removed when the session ends), through `build(..., build_dir=...)`
or `python -m analysis build --build-dir ...`. It reuses, read-only, the notebooks that
`make book` executed (`_build/.cache` and `book/`), so only what a test changes executes.
The session checks at its end that `_build/` holds the same editions as at its start.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Where a new test goes: tests/unit/, data/, cli/ (`make check`), build/, built/, browser/
# (`make test`); each folder's conftest.py says what it holds and sets its markers. The
# fixture project is a book to build, not tests.
collect_ignore = ["fixture_project"]
# Builds that tests start (in copies of the project, or the browser tests' variant) print no
# PDF: `make book` prints those of the editions it builds, which tests/unit/test_exports.py reads.
os.environ.setdefault("MEM_PDF", "off")
# The report's text: MEM_REPORT_TEXT names the file; by default it stands beside the project.
REPORT_TEXT = Path(
    os.environ.get("MEM_REPORT_TEXT", ROOT.parent / "shared" / "source" / "mem-peru-2023.txt")
)
NO_REPORT_TEXT = (
    f"the report's text is not at {REPORT_TEXT}: set MEM_REPORT_TEXT to its path to compare "
    "the data with it (see the README)"
)
# Where the session's build folder is, for this module as pytest loads it and as test files
# import it (two module objects), and for xdist's workers.
_TEST_BUILD_KEY = "MEM_TEST_BUILD"


def test_build() -> Path:
    """The session's build folder (see the module's docstring)."""
    folder = os.environ.get(_TEST_BUILD_KEY)
    assert folder, "the test session has not started"
    return Path(folder)


test_build.__test__ = False  # a helper, not a test


def test_files() -> Path:
    """A folder for the users' files that tests make, inside the session's build folder."""
    folder = test_build() / "files"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


test_files.__test__ = False


def each(paths, what: str) -> list[Path]:
    """The files a glob found, sorted; a test that checks each of them fails, instead of
    passing without checking anything, when there are none."""
    found = sorted(paths)
    assert found, f"no {what} found: nothing to check (is the book built? `make book`)"
    return found


def pytest_configure(config) -> None:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:  # an xdist worker: the controller made the folder
        os.environ[_TEST_BUILD_KEY] = workerinput[_TEST_BUILD_KEY]
        return
    os.environ[_TEST_BUILD_KEY] = tempfile.mkdtemp(prefix="mem-book-tests-")
    config._mem_user_build = _user_build_state()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # xdist: hand the folder to each worker
    node.workerinput[_TEST_BUILD_KEY] = os.environ[_TEST_BUILD_KEY]


def pytest_unconfigure(config) -> None:
    if getattr(config, "workerinput", None) is None and _TEST_BUILD_KEY in os.environ:
        shutil.rmtree(os.environ.pop(_TEST_BUILD_KEY), ignore_errors=True)


# What in `_build/` is the user's: the editions and their published trees, their locks and
# states, the copies of users' files. (`.cache` is content-addressed and only read;
# `screenshots/` is written by the browser tests, for a reviewer.)
WATCHED = ("html", ".sites", ".state", "inputs", "editions")


def _user_build_state(root: Path = ROOT) -> dict[str, object]:
    build = root / "_build"
    state: dict[str, object] = {}
    for name in WATCHED:
        path = build / name
        if path.is_symlink():
            state[name] = os.readlink(path)
        elif path.is_dir():
            state[name] = sorted(child.name for child in path.iterdir())
    editions = build / "editions"
    for edition in sorted(editions.iterdir()) if editions.is_dir() else []:
        link = edition / "html"
        state[f"editions/{edition.name}/html"] = os.readlink(link) if link.is_symlink() else None
    return state


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    before = getattr(session.config, "_mem_user_build", None)
    if before is None:  # a worker: the controller checks
        return
    after = _user_build_state()
    changed = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = f"the tests changed the user's _build/: {', '.join(changed)}"
        if reporter is not None:
            reporter.write_line(f"ERROR: {message}", red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def report_text() -> str:
    """The report's text, with the converter's escaped dollar signs restored."""
    if not REPORT_TEXT.is_file():
        pytest.skip(NO_REPORT_TEXT)
    return REPORT_TEXT.read_text(encoding="utf-8").replace("\\$", "$")


# The line of the skip in `report_text`, where every such skip is reported.
_SKIP_LINE = next(
    number
    for number, line in enumerate(Path(__file__).read_text().splitlines(), start=1)
    if "pytest.skip(NO_REPORT_TEXT)" in line and "if" not in line
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Tests skipped for want of the report's text are reported at one place, so that the
    summary folds them into one line ("SKIPPED [31] ...") instead of one per test."""
    report = yield
    if (
        report.skipped
        and isinstance(report.longrepr, tuple)
        and report.longrepr[2] == f"Skipped: {NO_REPORT_TEXT}"
    ):
        report.longrepr = (str(Path(__file__)), _SKIP_LINE, report.longrepr[2])
    return report


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def report_row(text: str, label: str) -> list[str]:
    """The tab-separated cells of the report's table row that starts with `label`."""
    for line in text.splitlines():
        if line.startswith(label + "\t"):
            return line.split("\t")[1:]
    raise AssertionError(f"no row {label!r} in the report text")


def parse_printed(printed: str) -> float:
    """'$94,604,221.75' or 'S/. 313,991,412' -> the number."""
    return float(re.sub(r"[^0-9.]", "", printed.replace("S/.", "")))


# Which tests must share a worker process when the suite runs in several (pytest-xdist,
# `--dist loadscope`): a notebook's cells, in order, and a test file's tests, which share
# module fixtures; but the edition grid and the browser crawls split by edition, so that
# different workers build and open different editions at the same time. (xdist's own
# `loadgroup` marks are not honoured under pytest 9.2: pytest-xdist issue 1386.)
SPLIT_BY_PARAMETER = ("test_editions.py", "test_browser.py")


def work_unit(nodeid: str) -> str:
    """The unit of tests that one worker runs together, from a test's node id."""
    path, _, rest = nodeid.partition("::")
    if path.rsplit("/", 1)[-1] in SPLIT_BY_PARAMETER:
        parameter = re.search(r"\[([^\]]+)\]$", rest)
        if parameter:
            return f"{path}[{parameter.group(1)}]"
    return path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)


# Every one of the 52 actions: IS all met (24); RIME 10 met, 5 partially met, 5 not met and
# the SATA action without information (21); IC 6 met and 1 not met (7).
RIME = ["met"] * 10 + ["partially met"] * 5 + ["not met"] * 5  # in order, but RIME-1.5


@pytest.fixture(scope="session")
def reader_file(tmp_path_factory) -> str:
    """A reader's codings file that codes all 52 actions (tests/unit/test_codings.py,
    tests/built/test_reader_codings.py)."""
    from analysis.contract.load import load_table

    actions = load_table("priority-actions")
    statuses = {}
    rime = [a for a in actions["id"] if a.startswith("RIME-") and a != "RIME-1.5"]
    for action in actions["id"]:
        if action.startswith("IS-"):
            statuses[action] = "met"
        elif action.startswith("IC-"):
            statuses[action] = "not met" if action == "IC-2.4" else "met"
    for action, status in zip(rime, RIME, strict=True):
        statuses[action] = status
    statuses["RIME-1.5"] = "no information"
    path = tmp_path_factory.mktemp("codings") / "all-52.csv"
    lines = ["action,status,reason"] + [
        f"{a},{s},<b>mine</b>" if a == "IC-2.4" else f"{a},{s}," for a, s in statuses.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
