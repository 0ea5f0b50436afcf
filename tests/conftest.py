import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Builds that tests start (in copies of the project, or the browser tests' variant) print no
# PDF: `make book` prints those of the editions it builds, which tests/test_exports.py reads.
os.environ.setdefault("MEM_PDF", "off")
# The report's text: MEM_REPORT_TEXT names the file; by default it stands beside the project.
REPORT_TEXT = Path(
    os.environ.get("MEM_REPORT_TEXT", ROOT.parent / "shared" / "source" / "mem-peru-2023.txt")
)


@pytest.fixture(scope="session")
def report_text() -> str:
    """The report's text, with the converter's escaped dollar signs restored."""
    if not REPORT_TEXT.is_file():
        pytest.skip(
            f"the report's text is not at {REPORT_TEXT}: set MEM_REPORT_TEXT to its path "
            "to compare the data with it (see the README)"
        )
    return REPORT_TEXT.read_text(encoding="utf-8").replace("\\$", "$")


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


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)
