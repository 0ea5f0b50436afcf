"""Tables as the book shows them, made with great-tables.

Every table has a title (its accessible name), a labelled first column (no empty header),
header cells with scope, numbers right-aligned with the language's separators and one
stated unit, and a fixed id so that its HTML is the same on every build. Tables "as
printed" show the report's own text, dashes included, and are marked as such
(`data-as-printed`), with a note saying so. Wide tables scroll sideways inside their frame,
with a shadow as the cue (book/_static/book.css); the frame is a labelled region that the
keyboard can reach (and scroll), named by the table's title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.exhibits.formats import number, round_half_up
from analysis.exhibits.formats import percent as percent_text
from analysis.exhibits.language import SOURCE_LANGUAGE, label, tr

MISSING = "\u2014"  # an em dash where a derived value does not exist (not the report's "-")


class Table:
    """A finished table: great-tables' HTML in the notebook, its title as plain text."""

    def __init__(self, gt, title: str, as_printed: bool = False) -> None:
        self.gt = gt
        self.title = title
        self.as_printed = as_printed

    def _repr_html_(self) -> str:
        markup = self.gt.as_raw_html()
        # great-tables marks the title with a <td> in the head: make it the table's caption.
        markup = _notes_in_blocks(_caption(markup))
        if self.as_printed:
            markup = re.sub(r"(<table\b)", r'\1 data-as-printed="true"', markup, count=1)
        return _scroll_region(markup, self.title)

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


def passage(text: str, lang: str, translation: str | None = None) -> str:
    """Words in English (the report's, quoted) as HTML for a page in `lang`: escaped; in a
    page of another language marked `lang="en"` (so that a screen reader says them as
    English: WCAG 3.1.2), with this book's translation beside them, marked as such."""
    quoted = html.escape(text, quote=False)
    if lang == SOURCE_LANGUAGE:
        return quoted
    marked = f'<span lang="{SOURCE_LANGUAGE}">{quoted}</span>'
    if not translation:
        return marked
    words = html.escape(tr("(this book's translation: «{text}»)", lang, text=translation))
    return f'{marked} <span class="mem-translation">{words}</span>'


def _shown(value, write, lang: str, places: int):
    """A number of a table as the prose writes it; a missing one left for sub_missing."""
    if value is None or pd.isna(value):
        return value
    if write is number:
        return number(value, lang, places)
    return write(value, lang, decimals=places)


def _scroll_region(markup: str, title: str) -> str:
    """great-tables' frame (the <div> that scrolls a wide table) as a region named by the
    table's title, in the keyboard's tab order, so that a keyboard can scroll it."""
    label = html.escape(" ".join(title.split()), quote=True)
    return re.sub(
        r'^(\s*<div id="[^"]+")',
        rf'\1 role="region" aria-label="{label}" tabindex="0"',
        markup,
        count=1,
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
    as_printed: bool = False,
    english: dict[str, list[str]] | None = None,
) -> Table:
    """A book table from `frame`: its index becomes the first column, headed `stub`.

    `groups` names a column whose values head groups of rows (rows stay in their order).

    Columns are shown under their names; `decimals` and `percent` map a column to its
    places (values in percent: 6.6 -> "6.6%"); text columns listed in `right` are
    right-aligned (amounts already written out). Missing derived values show an em dash.
    `as_printed`: the table shows the report's own text; a note says so, and the HTML marks
    it (the report's number style is kept, whatever the language's). `english` maps a
    column of the report's words, quoted in English, to this book's translation of each
    (see `passage`).
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
    for column, translations in (english or {}).items():
        shown[column] = [
            passage(text, lang, translation)
            for text, translation in zip(shown[column], translations, strict=True)
        ]
    gt = GT(shown, rowname_col=index_name, groupname_col=groups, id=id)
    gt = gt.tab_header(title=title)  # escapes text
    gt = gt.tab_stubhead(label=stub)
    # Written as the prose writes them (formats.py): the same separators, minus sign and
    # percent pattern.
    for column, places in (decimals or {}).items():
        gt = gt.fmt(lambda v, p=places: _shown(v, number, lang, p), columns=column)
    for column, places in (percent or {}).items():
        gt = gt.fmt(lambda v, p=places: _shown(v, percent_text, lang, p), columns=column)
    for column in english or {}:  # escaped by `passage` already: shown as they are
        gt = gt.fmt(lambda v: v, columns=column)
    if right:
        gt = gt.cols_align(align="right", columns=right)
    gt = gt.sub_missing(missing_text=MISSING)
    if as_printed:
        printed = tr("Values as the report prints them, in its own number style.", lang)
        note = f"{note} {printed}" if note else printed
    if note:
        gt = gt.tab_source_note(source_note=note)
    gt = gt.tab_options(
        table_width="100%",
        table_font_size="0.9em",
        heading_align="left",
        heading_title_font_size="1em",
    )
    return Table(gt, title, as_printed)


ROW_NUMBER = "#"  # a column's source: the row's number, from 1


def as_is(value, lang: str):
    """A value shown as the frame holds it."""
    return value


def number_sign(lang: str) -> str:
    """The heading of a column of row numbers, the same in every language."""
    return "#"


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading (English, marked with `N_`, with `{names}` the
    table's values fill; or a function of the language), the column of the frame it shows
    (several: their values are passed together; None: the frame's index; `ROW_NUMBER`: the
    row's number) and how a value is written (a function of the value(s) and the language;
    by default a text of `data/`, translated). `decimals`: a number's places; `right`: text
    right-aligned (amounts already written out)."""

    heading: str | Callable[[str], str]
    source: str | tuple[str, ...] | None = None
    write: Callable[..., object] = label
    decimals: int | None = None
    right: bool = False

    def title(self, lang: str, values: dict) -> str:
        if callable(self.heading):
            return self.heading(lang)
        return tr(self.heading, lang, **values)

    def cells(self, frame: pd.DataFrame, lang: str) -> list:
        if self.source is None:
            rows = [(value,) for value in frame.index]
        elif self.source == ROW_NUMBER:
            rows = [(number,) for number in range(1, len(frame) + 1)]
        elif isinstance(self.source, tuple):
            rows = zip(*(frame[column] for column in self.source), strict=True)
        else:
            rows = [(value,) for value in frame[self.source]]
        return [self.write(*row, lang) for row in rows]


NUMBERED = Column(number_sign, ROW_NUMBER, as_is)  # rows headed by their numbers


@dataclass(frozen=True)
class TableSpec:
    """A table as data: its id, title, the column that heads its rows (the stub), its other
    columns, the heading whose values head groups of rows, and a note under it. Title, note
    and headings are English, marked with `N_`, translated when the table is made."""

    id: str
    title: str
    stub: Column
    columns: tuple[Column, ...]
    groups: str | None = None
    note: str | None = None


def from_spec(spec: TableSpec, frame: pd.DataFrame, lang: str, id: str | None = None, **values):
    """The table `spec` describes, showing `frame` in `lang`; `values` fill the `{names}` of
    its title, headings and note; `id` replaces the specification's (a table shown more than
    once)."""
    headings = [column.title(lang, values) for column in spec.columns]
    shown = pd.DataFrame(
        {
            heading: column.cells(frame, lang)
            for heading, column in zip(headings, spec.columns, strict=True)
        },
        index=spec.stub.cells(frame, lang),
    )
    return table(
        shown,
        id=id or spec.id,
        lang=lang,
        stub=spec.stub.title(lang, values),
        title=tr(spec.title, lang, **values),
        decimals={
            heading: column.decimals
            for heading, column in zip(headings, spec.columns, strict=True)
            if column.decimals is not None
        }
        or None,
        right=[h for h, column in zip(headings, spec.columns, strict=True) if column.right] or None,
        groups=tr(spec.groups, lang) if spec.groups else None,
        note=tr(spec.note, lang, **values) if spec.note else None,
    )
