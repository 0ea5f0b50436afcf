"""The built book: the HTML and PDFs that `make book` made, the committed notebooks, and
editions outside the grid whose notebooks the tests execute (only those a test reads:
`tests.editions`). Marked `build`: `make test` runs them, `make check` does not.

A new test goes here when it reads what `make book` built or executes the book's notebooks.
"""

import pytest


def pytest_itemcollected(item) -> None:
    item.add_marker(pytest.mark.build)
