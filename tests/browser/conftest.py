"""The built book in Chromium (Playwright, Debian's /usr/bin/chromium): every page of every
published edition once at a phone's width, axe-core on each kind of page in each language
at both widths, and single pages driven by hand. The full axe crawl (every page of every
edition at both widths) is marked `full` (`make test-full`).

Marked `build` and `browser`: `make test` runs them (`-m "not browser"` leaves them out).
A new test goes here when it needs a browser.
"""

import pytest


def pytest_itemcollected(item) -> None:
    item.add_marker(pytest.mark.build)
    item.add_marker(pytest.mark.browser)
