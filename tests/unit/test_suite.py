"""The test suite itself: it builds outside the user's `_build`, reuses what `make book`
executed, and says in one line what it skipped."""

import os
import subprocess
import sys

import pytest

from analysis.contract.parameters import Edition
from analysis.edition.layout import Layout
from analysis.edition.notebooks import plan
from tests.conftest import ROOT, _user_build_state, test_build


def test_the_session_builds_in_a_folder_of_its_own():
    folder = test_build()
    assert folder.is_dir()
    assert not folder.resolve().is_relative_to((ROOT / "_build").resolve())
    assert not folder.resolve().is_relative_to(ROOT.resolve())
    layout = Layout.for_edition(Edition(max_age=4), ROOT, folder)
    assert layout.own_folder.is_relative_to(folder) and layout.lock.is_relative_to(folder)
    assert layout.inputs.is_relative_to(layout.own_folder)
    assert layout.shared_caches == (ROOT / "_build" / ".cache",)  # read, never written


@pytest.mark.build  # needs `make book`
def test_an_edition_make_book_built_executes_nothing_in_the_tests_folder():
    layout = Layout.for_edition(Edition(lang="es"), ROOT, test_build())
    plans = plan(Edition(lang="es"), layout, force=False)
    assert plans and all(plan.source is not None for plan in plans)  # none to execute
    # Found in _build's cache, or already installed by an earlier test of this session.
    shared = ROOT / "_build" / ".cache"
    assert all(p.source.is_relative_to(shared) or p.source == layout.notebooks for p in plans)


def test_the_guard_sees_what_a_build_leaves_in_a_users_build(tmp_path):
    before = _user_build_state(tmp_path)
    (tmp_path / "_build" / "editions" / "max_age-4").mkdir(parents=True)
    (tmp_path / "_build" / ".state").mkdir()
    (tmp_path / "_build" / ".state" / "max_age-4.lock").touch()
    after = _user_build_state(tmp_path)
    assert before != after
    assert after["editions"] == ["max_age-4"] and after[".state"] == ["max_age-4.lock"]


def test_without_the_report_text_the_skipped_tests_take_one_line():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-q",
            "tests/data/test_transcription.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MEM_REPORT_TEXT": str(ROOT / "no-such-report.txt")},
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(lines) == 1, result.stdout[-2000:]
    assert "the report's text is not at" in lines[0] and "MEM_REPORT_TEXT" in lines[0]
    count = int(lines[0].split("[", 1)[1].split("]", 1)[0])
    assert count >= 30  # every transcription test, in one line
