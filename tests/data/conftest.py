"""The data: `data/` against its contract and against the report's text (MEM_REPORT_TEXT;
without it those tests skip, in one line), and corrupt copies refused naming file, row and
field. `make check` runs them (no marker).

A new test goes here when it reads `data/` or the report's text.
"""
