"""What every chart recipe draws with: the palette and marks, number and year
formats, titles, legends, wrapped labels, and a new figure of the layout's size."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter
from matplotlib.transforms import blended_transform_factory, offset_copy

from analysis.exhibits.figure_layouts import WIDE, chars, current, size
from analysis.exhibits.formats import number, round_half_up

PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]


MARKERS = ["o", "s", "^", "D", "v", "P"]


HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]


MUTED = "#BFBFBF"


# Light to dark blue, for shares from 0 to 1: text on each cell switches to white when dark.
SEQUENTIAL = LinearSegmentedColormap.from_list("mem", ["#F2F6FA", "#9DB7D0", "#12436D"])


class LocaleFormatter(ScalarFormatter):
    """matplotlib's own tick labels (its choice of decimals for these ticks), written with
    the language's separators: a locator and a formatter that always agree."""

    def __init__(self, lang: str) -> None:
        super().__init__(useOffset=False)
        self.set_scientific(False)
        self.lang = lang

    def __call__(self, x, pos=None) -> str:
        plain = super().__call__(x, pos)
        if not plain:
            return plain
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        return number(x, self.lang, decimals)


TITLE_WIDTH = 72  # characters: a longer title is wrapped rather than cut at the edge


def set_title(ax: Axes, title: str) -> None:
    """The chart's title at the figure's top left, wrapped: never cut by the figure's edge."""
    ax.figure.suptitle(textwrap.fill(title, current().title_chars), x=0.01, ha="left",
                       fontsize=current().title)  # fmt: skip


def new_figure(height: float = 4.5) -> tuple[Figure, Axes]:
    """A figure outside pyplot's state, so a notebook shows exactly what it returns. In the
    compact layout the canvas is narrower and, with its legend below, taller."""
    layout = current()
    if layout is not WIDE:
        height = height + 1.6  # the legend below, a longer source line, the title wrapped
    fig = Figure(figsize=(layout.width, height), layout="constrained")
    ax = fig.subplots()
    ax.tick_params(labelsize=layout.font)  # ticks are made late: fix their size now
    return fig, ax


def is_compact() -> bool:
    return current().legend_below


def legend(ax: Axes, handles=None, labels=None, **wide) -> None:
    """A legend where the layout puts it: as the recipe says (`wide`), or under the plot,
    one entry a line, in the compact layout."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if labels is None:
        labels = [h.get_label() for h in handles]
    if is_compact():  # placed under everything else once the chart is drawn: see Chart
        ax.figure._mem_legend = (ax, handles, [wrap(label, 80, lines=3) for label in labels])
    else:
        ax.legend(handles, labels, frameon=False, fontsize=10, **wide)


def legend_below(ax: Axes, handles, labels) -> None:
    """A legend under the axes and whatever hangs below them (tick labels, axis label), at
    a distance in points, so that it stays clear of them whatever the layout does."""
    fig = ax.figure
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    hanging = ax.get_window_extent(renderer).y0 - ax.get_tightbbox(renderer).y0
    below = offset_copy(ax.transAxes, fig=fig, y=-(hanging * 72 / fig.dpi + 6), units="points")
    # From the figure's left edge (the row labels' side), not the axes'.
    anchor = blended_transform_factory(fig.transFigure, below)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0), bbox_transform=anchor,
              ncols=1, frameon=False, fontsize=size(10), borderaxespad=0)  # fmt: skip


def value_labels(values, lang: str, decimals: int) -> list[str]:
    return [number(v, lang, decimals) for v in values]


def rounded(values, decimals: int) -> list[float]:
    """Values rounded as the chart writes them (halves away from zero), for its data."""
    return [float(round_half_up(v, decimals)) if pd.notna(v) else v for v in values]


def unit_header(name: str, unit: str) -> str:
    """A data column's header with its unit: 'In US dollars [Index (2014 = 100)]'."""
    return f"{name} [{unit}]" if unit and unit != name else name


def finish(ax: Axes, title: str, ylabel: str = "", lang: str = "en", axis: str = "y") -> None:
    set_title(ax, title)
    if ylabel:
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(
            wrap(ylabel, 48) if is_compact() else ylabel
        )
    ax.spines[["top", "right"]].set_visible(False)
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(LocaleFormatter(lang))


def year_axis(ax: Axes, years) -> list[int]:
    """Positions 0, 1, 2... for the years, each labelled with its year (a category axis);
    slanted in the compact layout, where they would touch."""
    positions = list(range(len(years)))
    if is_compact() and len(positions) > 5:
        ax.set_xticks(positions, [str(year) for year in years], rotation=45, ha="right",
                      rotation_mode="anchor")  # fmt: skip
    else:
        ax.set_xticks(positions, [str(year) for year in years])
    return positions


def room_for(ax: Axes, texts: list) -> None:
    """Widen the y range so that labels of two lines next to the ends of lines stay
    inside the axes instead of running over the x axis or the top."""
    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    ax.figure.draw_without_rendering()
    to_data = ax.transData.inverted()
    low, high = ax.get_ylim()
    tops = [to_data.transform((0, t.get_window_extent(renderer).y1))[1] for t in texts]
    bottoms = [to_data.transform((0, t.get_window_extent(renderer).y0))[1] for t in texts]
    pad = (high - low) * 0.06  # the source line, added later, makes the axes shorter
    ax.set_ylim(min([low, *[b - pad for b in bottoms]]), max([high, *[t + pad for t in tops]]))


class YearFormatter(ScalarFormatter):
    """Years as years: never grouped, never decimal."""

    def __call__(self, x, pos=None) -> str:
        return f"{x:.0f}" if float(x).is_integer() else ""


LEGEND_LINE = 60  # characters of legend text that fit side by side above a plot


def legend_above(ax: Axes, handles=None, columns: int = 2) -> None:
    """The legend above the plot, left-aligned, in as many columns (up to `columns`) as
    its longest entries leave room for."""
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    widest = max((len(h.get_label()) for h in handles), default=0) + 6  # key and gap
    fit = max(1, min(columns, LEGEND_LINE // max(widest, 1)))
    legend(ax, handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=fit)


def tall_enough(height: float, rows: list[str], extra: float = 2.0) -> float:
    """`height`, or more when the row labels need it: each row gets room for its lines."""
    lines = max((row.count("\n") + 1 for row in rows), default=1)
    line = current().font * 1.3 / 72 if is_compact() else 0.19  # inches a line of labels
    return max(height, len(rows) * (line * lines + 0.12) + extra)


REFERENCE = re.compile(r"\(([^()\s]{1,6}) ([^()\s]{1,8})\)")  # "(RIME 2.1)", "(IC 2.4)"


def wrap(text: str, width: int, lines: int = 2) -> str:
    """A label on at most `lines` lines of `width` characters, shortened with an ellipsis;
    a short reference in brackets ("(IC 2.4)") is never split across lines."""
    text = REFERENCE.sub("(\\1\u00a0\\2)", str(text))
    if is_compact():  # narrower, on more lines: a phone's screen scrolls down, not across
        longest = max((len(word) for word in text.split()), default=0)
        width, lines = max(chars(width), min(longest, width)), lines * 3
    wrapped = textwrap.wrap(text, width, max_lines=lines, placeholder=" …", break_on_hyphens=False)
    return "\n".join(wrapped) or str(text)


STATUS_MARKERS = {  # shape and fill tell the statuses apart without colour
    "met": {"marker": "o", "fillstyle": "full"},
    "partially met": {"marker": "o", "fillstyle": "left"},
    "not met": {"marker": "o", "fillstyle": "none"},
    "no information": {"marker": "x", "fillstyle": "full"},
}
