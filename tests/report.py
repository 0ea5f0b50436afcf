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


# Paragraphs of the report, for the locators of the findings (`where` in assessment-items).
PILLAR_HEADINGS = {
    "INSTITUTIONAL STRENGTHENING": "IS",
    "RESEARCH, INFORMATION, MONITORING, AND EVALUATION": "RIME",
    "INTERNATIONAL COOPERATION": "IC",
}
ACTION_HEADING = re.compile(r"^Priority Action (\d+\.\d+):")
SUMMARY_HEADING = re.compile(r"^Objective (\d+)$")
LOCATOR = re.compile(r"^(IS|RIME|IC) (\d+\.\d+(?:-\d+\.\d+)?|\d+ summary) ¶(\d+)$")
_NOISE = re.compile(r"^\s*(\**OBJECTIVE\s*\d*\**|\d+\**|\*\*)\s*$")
_END = "**ORGANIZATION OF AMERICAN STATES"


def _noise(line: str) -> bool:
    """Page furniture and headings that are not paragraphs: running heads ('OBJECTIVE 3'),
    an objective's number, its title in capitals."""
    bare = line.strip().strip("*")
    return bool(_NOISE.match(line)) or (len(bare) > 20 and bare.isupper() and "\t" not in line)


def _kind(block: list[str]) -> str:
    if any("\t" in line for line in block):
        return "table"
    if block[0].lstrip().startswith("- "):
        return "list"
    return "prose"


def _blocks(lines: list[str]) -> list[str]:
    """A section's paragraphs as a reader counts them in the report.

    Paragraphs are the blank-line-separated blocks of the text, without page furniture;
    a table, or a bulleted list, counts as one paragraph even across a page break; a
    paragraph broken by a page (it ends without a full stop, or the next part starts in
    lower case) is joined back.
    """
    raw: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            raw.append([])
        elif not _noise(line):
            raw[-1].append(line)
    merged: list[list[str]] = []
    for block in (b for b in raw if b):
        if merged:
            before, kind = merged[-1], _kind(block)
            same = kind in ("table", "list") and _kind(before) == kind
            continued = block[0].lstrip()[:1].islower() or (
                kind == "prose"
                and _kind(before) == "prose"
                and not before[-1].rstrip().endswith((".", ":", "!", "?", '"', "”", ")"))
            )
            if same or continued:
                before.extend(block)
                continue
        merged.append(list(block))
    return ["\n".join(block) for block in merged]


def sections(text: str) -> dict[str, list[str]]:
    """The report's paragraphs by section: 'IS 1.3', 'RIME 1.4-1.6' (actions answered
    together), 'IS 2 summary' (an objective's evaluative summary, its title the first)."""
    lines = text.splitlines()
    found: dict[str, list[str]] = {}
    pillar, summary, key, body, pending = None, False, None, [], []

    def close():
        if key is not None:
            found[key] = _blocks(body)

    for line in lines:
        bare = line.strip().strip("*").strip()
        if line.startswith(_END):
            break
        if bare in PILLAR_HEADINGS and line.strip() == bare:
            close()
            pillar, key, body, pending = PILLAR_HEADINGS[bare], None, [], []
            continue
        if bare == "EVALUATIVE SUMMARY":
            close()
            summary, key, body = True, None, []
            continue
        heading = ACTION_HEADING.match(line) if not summary else None
        if heading:
            if key is None or any(part.strip() for part in body):
                close()
                pending, body = [heading.group(1)], []
            else:  # consecutive headings: the actions are answered together
                pending.append(heading.group(1))
            numbers = pending[0] if len(pending) == 1 else f"{pending[0]}-{pending[-1]}"
            key = f"{pillar} {numbers}"
            continue
        objective = SUMMARY_HEADING.match(line) if summary else None
        if objective:
            close()
            key, body = f"{pillar} {objective.group(1)} summary", []
            continue
        body.append(line)
    close()
    return found


def locate(text: str, locator: str) -> str:
    """The paragraph a locator names, e.g. 'RIME 2.1 ¶1' or 'IS 2 summary ¶2'."""
    match = LOCATOR.match(locator)
    assert match, f"not a locator: {locator!r} (expected e.g. 'RIME 2.1 ¶1', 'IS 2 summary ¶2')"
    pillar, section, number = match.groups()
    paragraphs = sections(text).get(f"{pillar} {section}")
    assert paragraphs is not None, f"{locator}: the report has no section {pillar} {section}"
    assert 1 <= int(number) <= len(paragraphs), (
        f"{locator}: {pillar} {section} has {len(paragraphs)} paragraphs"
    )
    return paragraphs[int(number) - 1]
