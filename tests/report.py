"""Reading tables straight from the report's text, independently of `data/`."""

from __future__ import annotations

import re

PAGE_NOISE = re.compile(r"^\s*(\**OBJECTIVE\s*\d*\**)?\s*$")
YES_NO_HEADER = re.compile(r"^\t(Yes\tNo)?\t*$")


def table(text: str, header: str, occurrence: int = 0) -> list[list[str]]:
    """Rows (lists of cells) of the tab-separated table whose column header starts `header`.

    Page breaks inside a table leave blank lines, "OBJECTIVE n" lines and a repeated
    title and header: they are skipped. A row label broken across the page (its second
    half, in lower case, on a line of empty cells) is joined back. The table ends at the
    next line of prose. `occurrence` picks among tables with the same header.
    """
    lines = text.splitlines()
    start = [i for i, line in enumerate(lines) if line.startswith(header)][occurrence]
    repeated = {lines[start]} | ({lines[start - 1]} if "\t" in lines[start - 1] else set())
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if "\t" not in line:
            if PAGE_NOISE.match(line):
                continue
            break
        if line in repeated or YES_NO_HEADER.match(line):
            continue
        cells = line.split("\t")
        if cells[0][:1].islower() and not any(cells[1:]):
            rows[-1][0] += " " + cells[0]
            continue
        rows.append(cells)
    return rows


def labelled(rows: list[list[str]]) -> dict[str, list[str]]:
    """Rows keyed by their first cell."""
    return {row[0]: row[1:] for row in rows}


def yes_no(cells: list[str]) -> str:
    """'yes' or 'no' from a pair of Yes/No cells where one holds X."""
    marks = (cells[0].strip(), cells[1].strip())
    assert marks in {("X", ""), ("", "X")}, f"not a Yes/No pair: {cells}"
    return "yes" if marks[0] == "X" else "no"
