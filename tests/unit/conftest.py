"""Unit tests: the package's functions worked by hand against the report, small registers,
fixture repositories and in-memory files. Nothing is built, no notebook is executed, no
browser is opened: `make check` runs them (no marker). The few beside a unit test that need
`make book` or execute a notebook are marked `build` one by one (`make test` runs them); a
file of such tests belongs in tests/built/.

A new test goes here when it calls a function of `analysis` and checks what it returns.
"""
