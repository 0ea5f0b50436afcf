"""Tables as the book shows them, made with great-tables.

Every table has a title (its accessible name), a labelled first column (no empty header),
header cells with scope, numbers right-aligned with the language's separators and one
stated unit, and a fixed id so that its HTML is the same on every build. Tables "as
printed" show the report's own text, dashes included. Wide tables scroll sideways inside
their frame, with a shadow as the cue (book/_static/book.css).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.exhibits.formats import LOCALE, round_half_up

MISSING = "\u2014"  # an em dash where a derived value does not exist (not the report's "-")


class Table:
    """A finished table: great-tables' HTML in the notebook, its title as plain text."""

    def __init__(self, gt, title: str) -> None:
        self.gt = gt
        self.title = title

    def _repr_html_(self) -> str:
        markup = self.gt.as_raw_html()
        # great-tables marks the title with a <td> in the head: make it the table's caption.
        return _notes_in_blocks(_caption(markup))

    def __repr__(self) -> str:
        return f"Table: {self.title}"


def _notes_in_blocks(markup: str) -> str:
    """Each source note's text in a block of its own, which a narrow screen can hold in view
    while the table scrolls (a table cell always spans the table's width)."""
    return re.sub(
        r'(<td class="gt_sourcenote"[^>]*>)(.*?)(</td>)',
        r'\1<div class="mem-note">\2</div>\3',
        markup,
        flags=re.S,
    )


def _caption(markup: str) -> str:
    match = re.search(
        r'\s*<tr class="gt_heading">\s*<td[^>]*id="([^"]+)"[^>]*>(.*?)</td>\s*</tr>',
        markup,
        flags=re.S,
    )
    if not match:
        return markup
    ident, title = match.groups()
    markup = markup.replace(match.group(0), "")
    return re.sub(
        r"(<table[^>]*>)", rf'\1\n<caption id="{ident}">{title}</caption>', markup, count=1
    )


def table(
    frame: pd.DataFrame,
    *,
    id: str,
    title: str,
    lang: str,
    stub: str | None = None,
    decimals: dict[str, int] | None = None,
    percent: dict[str, int] | None = None,
    right: list[str] | None = None,
    note: str | None = None,
    groups: str | None = None,
) -> Table:
    """A book table from `frame`: its index becomes the first column, headed `stub`.

    `groups` names a column whose values head groups of rows (rows stay in their order).

    Columns are shown under their names; `decimals` and `percent` map a column to its
    places (values in percent: 6.6 -> "6.6%"); text columns listed in `right` are
    right-aligned (amounts already written out). Missing derived values show an em dash.
    """
    from great_tables import GT

    shown = frame.copy()
    # Halves rounded away from zero, as in the prose (great-tables rounds them to even).
    for column, places in {**(decimals or {}), **(percent or {})}.items():
        shown[column] = [
            v if pd.isna(v) else float(round_half_up(v, places)) for v in shown[column]
        ]
    stub = stub or shown.index.name or ""
    index_name = "__stub__"
    shown.index = shown.index.map(str)
    shown = shown.rename_axis(index_name).reset_index()
    shown.columns = [str(c) for c in shown.columns]
    locale = LOCALE[lang].split("_")[0]
    gt = GT(shown, rowname_col=index_name, groupname_col=groups, id=id)
    gt = gt.tab_header(title=title)  # escapes text
    gt = gt.tab_stubhead(label=stub)
    for column, places in (decimals or {}).items():
        gt = gt.fmt_number(columns=column, decimals=places, locale=locale)
    for column, places in (percent or {}).items():
        gt = gt.fmt_percent(columns=column, decimals=places, scale_values=False, locale=locale)
    if right:
        gt = gt.cols_align(align="right", columns=right)
    gt = gt.sub_missing(missing_text=MISSING)
    if note:
        gt = gt.tab_source_note(source_note=note)
    gt = gt.tab_options(
        table_width="100%",
        table_font_size="0.9em",
        heading_align="left",
        heading_title_font_size="1em",
    )
    return Table(gt, title)
