"""What changed between two releases of the book, compared as each release left its files:
the headline counts and score, the priority actions whose status or reason changed, the
values of `data/` and the values each figure plots (its CSV).

Plain functions of the files' contents (bytes, text tables): where the files come from (git,
a release's build) is `analysis/edition/changes.py`'s business.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from analysis.compute.coverage import overall
from analysis.compute.register import STATUSES, register

# The record of what changed between the releases (`python -m analysis changes` makes it).
RECORD = Path(__file__).resolve().parents[2] / "releases" / "changes.json"
NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
NOTE = re.compile(r"\bnotes?\s+(\d+(?:\s*(?:,|and)\s*\d+)*)", re.I)


def text_table(content: bytes) -> pd.DataFrame:
    """A CSV file as text, every value exactly as the file holds it."""
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


def coded(actions: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The register (statuses by the book's rule) of two text tables: the priority actions
    and their assessment items."""
    items = items.assign(in_action=items["in_action"].str.strip().eq("yes"))
    return register(actions, items)


def headline(register_: pd.DataFrame, weight: float) -> dict[str, float]:
    """The four counts and the coverage score (a share of 1) of a register."""
    counts = overall(register_, weight)
    return {**{s: int(counts[s]) for s in STATUSES}, "score": float(counts["score"])}


def cited_notes(text: str) -> list[int]:
    """The transcription notes a text cites: '(note 23)', 'notes 13 and 14'."""
    found = [int(n) for match in NOTE.finditer(text) for n in re.findall(r"\d+", match.group(1))]
    return list(dict.fromkeys(found))


def notes_about(action: str, notes: pd.DataFrame) -> list[int]:
    """The notes whose location names an action ('IS-2.3' is 'IS 2.3' in the report)."""
    pillar, _, number = action.partition("-")
    place = re.compile(rf"\b{re.escape(pillar)} {re.escape(number)}(?![\d.])")
    return [
        int(n)
        for n, where in zip(notes["note"], notes["location"], strict=True)
        if place.search(where)
    ]


def action_changes(before: pd.DataFrame, after: pd.DataFrame, notes: pd.DataFrame) -> list[dict]:
    """Each priority action whose status or reason differs between two registers, in the
    later register's order (then those it no longer has), with the notes explaining it: the
    ones its reason cites, else the ones whose location names it (from `notes`, the later
    release's transcription notes)."""
    old = before.set_index("id")
    new = after.set_index("id")
    known = set(notes["note"].astype(int))
    changed = []
    for action in [*new.index, *(a for a in old.index if a not in new.index)]:
        was = old.loc[action] if action in old.index else None
        now = new.loc[action] if action in new.index else None
        status = [None if r is None else str(r["status"]) for r in (was, now)]
        reason = [None if r is None else str(r["reason"]) for r in (was, now)]
        if status[0] == status[1] and reason[0] == reason[1]:
            continue
        cited = cited_notes(reason[1] or "") or cited_notes(reason[0] or "")
        explained = [n for n in cited if n in known] or notes_about(action, notes)
        title = (now if now is not None else was)["title"]
        changed.append(
            {
                "action": action,
                "title": str(title),
                "status": status,
                "reason": reason,
                "notes": explained,
            }
        )
    return changed


def _row_keys(table: pd.DataFrame, key: list[str]) -> list[tuple[str, ...]] | None:
    """Each row's key (its values in the `key` columns: ('IS-2.3',), ('2019', 'DEVIDA')), or
    None when `key` does not identify the rows of `table`."""
    if not key or any(column not in table.columns for column in key):
        return None
    keys = list(table[key].itertuples(index=False, name=None))
    return keys if len(set(keys)) == len(keys) else None


def table_changes(
    before: pd.DataFrame | None, after: pd.DataFrame | None, key: list[str]
) -> dict | None:
    """How a data file changed: added or removed as a whole (`change`, with its number of
    `rows`), or its columns and rows added or removed and every value that differs in the
    rows and columns both have; None when nothing did.

    Rows are matched by `key` (the contract's primary key), or by their position when it
    does not identify them (`key` is then [] and a row is named by its number); a row is
    named by the list of its key's values. Values are compared as text: the files hold
    values as printed."""
    lists = ("columns_added", "columns_removed", "rows_added", "rows_removed", "cells")
    if before is None or after is None:
        rows = len(after if before is None else before)
        whole = {"change": "added" if before is None else "removed", "rows": rows, "key": []}
        return {**whole, **{name: [] for name in lists}}
    old_keys, new_keys = _row_keys(before, key), _row_keys(after, key)
    if old_keys is None or new_keys is None:
        key = []
        old_keys = [(str(n),) for n in range(1, len(before) + 1)]
        new_keys = [(str(n),) for n in range(1, len(after) + 1)]
    old = dict(zip(old_keys, before.to_dict("records"), strict=True))
    new = dict(zip(new_keys, after.to_dict("records"), strict=True))
    common = [c for c in after.columns if c in before.columns]
    cells = [
        {"row": list(row), "column": column, "before": old[row][column], "after": new[row][column]}
        for row in new_keys
        if row in old
        for column in common
        if old[row][column] != new[row][column]
    ]
    change = {
        "change": "changed",
        "key": list(key),
        "columns_added": [c for c in after.columns if c not in before.columns],
        "columns_removed": [c for c in before.columns if c not in after.columns],
        "rows_added": [list(k) for k in new_keys if k not in old],
        "rows_removed": [list(k) for k in old_keys if k not in new],
        "cells": cells,
    }
    return change if any(change[name] for name in lists) else None


def primary_key(contract: dict | None, file: str) -> list[str]:
    """The primary key the contract gives a file (`data/<file>`), or []."""
    for resource in (contract or {}).get("resources", []):
        if resource.get("path") == file:
            key = resource.get("schema", {}).get("primaryKey", [])
            return [key] if isinstance(key, str) else list(key)
    return []


def translated_fields(contract: dict | None, file: str) -> set[str]:
    """The columns of a file whose values are words a language's edition translates: marked
    `translate`, or holding categories (`enum`) or yes/no."""
    for resource in (contract or {}).get("resources", []):
        if resource.get("path") == file:
            return {
                field["name"]
                for field in resource.get("schema", {}).get("fields", [])
                if field.get("translate")
                or "enum" in field.get("constraints", {})
                or field.get("type") == "boolean"
            }
    return set()


def _csv_rows(content: bytes) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) if row]


def _plain(header: str) -> str:
    """A column's name without its unit or remarks: 'met [priority actions] (this book's
    coding)' is 'met'."""
    return " ".join(re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", header).split()).casefold()


COUNT = re.compile(r"^(\d+)\s*/\s*\d+$")  # 'n / total': a count out of a total, n plotted
NONE = "\u00b7"  # a middle dot: how a count of none was written in a cell (release 1.0.0)
SCALES = (Decimal(1), Decimal(100), Decimal("0.01"))  # a share written as a percent, or back


def _number(text: str) -> tuple[Decimal, int] | None:
    """A figure's cell read as a number, with its decimal places; None for words."""
    text = text.strip()
    count = COUNT.match(text)
    if count:
        text = count.group(1)
    if text == NONE:
        return Decimal(0), 0
    match = NUMBER.match(text)
    if not match:
        return None
    try:
        return Decimal(text), len(match.group(1) or "")
    except InvalidOperation:
        return None


def same_value(one: str, other: str, scale: Decimal = SCALES[0]) -> bool:
    """Two cells of a figure's CSV show the same value: equal text, or numbers equal at the
    precision of the less precise once the first is multiplied by `scale` (a release that
    rounds 94.60422175 to 94.6, writes 0.5 as 50 under a '%' unit, or a count '4 / 4' as 4
    changed the file, not the figure)."""
    if one == other:
        return True
    first, second = _number(one), _number(other)
    if first is None or second is None:
        return False
    shift = scale.adjusted()  # 100 -> 2 places fewer after the point
    places = max(0, min(first[1] - shift, second[1]))
    step = Decimal(1).scaleb(-places)
    return (first[0] * scale).quantize(step, ROUND_HALF_UP) == second[0].quantize(
        step, ROUND_HALF_UP
    )


def _scale(pairs: list[tuple[str, str]]) -> Decimal:
    """The unit change of a column between two releases: the scale under which most of its
    values agree (1 when none changes the count)."""
    agree = [sum(same_value(a, b, scale) for a, b in pairs) for scale in SCALES]
    return SCALES[agree.index(max(agree))]


def _pairs(old: list[str], new: list[str], plain=lambda text: text) -> list[tuple[int, int]]:
    """Positions of `old` and `new` that are the same item: equal (by `plain`), each taken
    once in order; the rest paired in order when as many are left on each side."""
    pairs, taken = [], set()
    for j, name in enumerate(new):
        i = next(
            (i for i, was in enumerate(old) if i not in taken and plain(was) == plain(name)), None
        )
        if i is not None:
            pairs.append((i, j))
            taken.add(i)
    left_old = [i for i in range(len(old)) if i not in taken]
    left_new = [j for j in range(len(new)) if j not in {p[1] for p in pairs}]
    if len(left_old) == len(left_new):
        pairs += list(zip(left_old, left_new, strict=True))
    return sorted(pairs, key=lambda pair: pair[1])


def figure_changes(before: bytes, after: bytes) -> list[dict]:
    """Every value a figure plots that differs between two versions of its CSV: row (its
    first column), column (as the later file names it), before and after (None: absent).

    Columns are matched by position when both files have as many, else by name without
    units; rows by their first column's text, then in order. A value rounded to fewer
    places is the same value (`same_value`)."""
    old_rows, new_rows = _csv_rows(before), _csv_rows(after)
    old_head, new_head = old_rows[0], new_rows[0]
    old_body, new_body = old_rows[1:], new_rows[1:]
    if len(old_head) == len(new_head):
        columns = [(i, i) for i in range(1, len(new_head))]
    else:
        columns = [(i, j) for i, j in _pairs(old_head, new_head, _plain) if i and j]
    rows = _pairs([r[0] for r in old_body], [r[0] for r in new_body])

    def cell(row: list[str], column: int) -> str:
        return row[column] if column < len(row) else ""

    found = []
    for c_old, c_new in columns:
        values = [(cell(old_body[i], c_old), cell(new_body[j], c_new)) for i, j in rows]
        scale = _scale(values)
        for (_, j), (was, now) in zip(rows, values, strict=True):
            if not same_value(was, now, scale):
                change = {"row": new_body[j][0], "column": new_head[c_new]}
                found.append((j, c_new, {**change, "before": was, "after": now}))
    changes = [change for _, _, change in sorted(found, key=lambda item: item[:2])]
    paired_old, paired_new = {i for i, _ in rows}, {j for _, j in rows}
    for j, row in enumerate(new_body):
        if j not in paired_new:
            changes += [
                {"row": row[0], "column": new_head[c], "before": None, "after": row[c]}
                for c in range(1, min(len(row), len(new_head)))
            ]
    for i, row in enumerate(old_body):
        if i not in paired_old:
            changes += [
                {"row": row[0], "column": old_head[c], "before": row[c], "after": None}
                for c in range(1, min(len(row), len(old_head)))
            ]
    return changes


def figure_title(record: bytes | None, figure: str) -> str:
    """A figure's title from its JSON record (`<id>.json` beside its CSV), else its id."""
    if record is None:
        return figure
    try:
        return str(json.loads(record).get("title") or figure)
    except (ValueError, AttributeError):
        return figure


def moves_numbers(change: dict) -> bool:
    """True when a change between two releases moves a published number or status: the
    headline, an action's status, a value a figure plots, a row of the data, or a value of
    the data that is not words (a reason rewritten changes words only)."""
    return (
        change["headline"]["before"] != change["headline"]["after"]
        or any(a["status"][0] != a["status"][1] for a in change["actions"])
        or bool(change["figures"]["changed"])
        or any(
            t["change"] != "changed"
            or t["rows_added"]
            or t["rows_removed"]
            or any(not c["words"] for c in t["cells"])
            for t in change["data"]
        )
    )


def bump_allowed(old: str, new: str, moves: bool) -> bool:
    """A release that moves a number or status changes at least the middle part of the
    version (1.0.0 -> 1.1.0); one that changes only words or layout may change the last."""
    old_parts, new_parts = [tuple(int(p) for p in v.split(".")) for v in (old, new)]
    if new_parts <= old_parts:
        return False
    return not moves or new_parts[:2] > old_parts[:2]
