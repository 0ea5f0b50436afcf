"""The fixture project (tests/fixture_project/README.md): a copy for a test, and the command
line run on it as a user would."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

FIXTURE = Path(__file__).resolve().parent / "fixture_project"
# What the fixture shares with the book, copied from it at the time.
SHARED = ("_config.yml", "CITATION.cff", "requirements.txt", "book/_static", "book/_templates")
# The command line (`python -m analysis ...`) on another project: `build` and `build_site`
# given its root, as `python -m analysis` gives ROOT.
DRIVER = """import functools, sys
from pathlib import Path
from analysis.edition import build, cli, site
root = Path(sys.argv[1])
build.build = functools.partial(build.build, root=root)
site.build_site = functools.partial(site.build_site, root=root)
sys.exit(cli.main(sys.argv[2:]))
"""


def fixture_project(parent: Path, name: str = "project") -> Path:
    """A fresh copy of the fixture project in `parent`, completed from the book."""
    root = parent / name
    shutil.copytree(FIXTURE, root)
    for shared in SHARED:
        source = ROOT / shared
        if source.is_dir():
            shutil.copytree(source, root / shared)
        else:
            shutil.copy2(source, root / shared)
    return root


def command(root: Path, *arguments: str) -> list[str]:
    """`python -m analysis ARGUMENTS`, building the project at `root`."""
    return [sys.executable, "-c", DRIVER, str(root), *arguments]


def run(root: Path, *arguments: str, **kwargs) -> subprocess.CompletedProcess:
    """The command line on the project at `root`, to its end."""
    return subprocess.run(
        command(root, *arguments), cwd=root, capture_output=True, text=True, **kwargs
    )


def start(root: Path, *arguments: str, **kwargs) -> subprocess.Popen:
    """The command line on the project at `root`, started (its output piped, as text)."""
    return subprocess.Popen(
        command(root, *arguments),
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@contextlib.contextmanager
def held(folder: Path) -> Iterator[dict[str, str]]:
    """An environment in which the fixture's `money` notebook waits until the block ends."""
    hold = folder / "hold"
    hold.touch()
    try:
        yield {**os.environ, "FIXTURE_HOLD": str(hold)}
    finally:
        hold.unlink(missing_ok=True)
