"""The build itself: faults, signals, locks, atomic publishing, a failed first build, a site
with a failing edition, the PDF step with a fake Chromium. Each builds the fixture project
(`tests.fixture`: two short notebooks, one table) in about a second, never the book; the
slow end-to-end versions on the book itself are marked `full` (`make test-full`).

Marked `build`: `make test` runs them, `make check` does not. A new test goes here when
it is about what the build does, whatever the book holds.
"""

import pytest


def pytest_itemcollected(item) -> None:
    item.add_marker(pytest.mark.build)


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the fixture project (tests/fixture_project), in the test's folder."""
    from tests.fixture import fixture_project

    return fixture_project(tmp_path)
