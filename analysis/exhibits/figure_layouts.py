"""The layouts a chart is drawn in: wide (the book on a desktop, downloads, slides) and
compact (a phone's screen).

A chart recipe draws in whichever layout is current (`drawn_as`): the layout sets the
canvas width, the type sizes, how far labels are wrapped and where legends go. The
compact layout is narrow with type that is large for its width, so that a phone showing
it across ~340 CSS pixels still shows every word at 9 pixels or more.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib as mpl


@dataclass(frozen=True)
class Layout:
    name: str
    width: float  # inches
    font: float  # points: tick labels, axis labels, annotations
    title: float  # points
    smallest: float  # points: no text is drawn smaller
    scale: float  # sizes that recipes state (legend 10 pt, row labels 9 pt...) times this
    wrap: float  # label widths (in characters) times this
    title_chars: int  # a title is wrapped at this many characters
    footer_chars: int  # so is the source line
    legend_below: bool  # legends under the plot, one entry a line


WIDE = Layout("wide", 8.0, 12, 14, 8, 1.0, 1.0, 72, 130, legend_below=False)
# 3.8 inches is 273.6 points: shown ~340 CSS px wide, 8 pt is drawn 10 px tall.
COMPACT = Layout("compact", 3.8, 9, 10.5, 8, 0.9, 0.5, 34, 56, legend_below=True)

_current = WIDE


def current() -> Layout:
    return _current


@contextlib.contextmanager
def drawn_as(layout: Layout) -> Iterator[Layout]:
    """Charts made inside are drawn in `layout`."""
    global _current
    saved = _current
    _current = layout
    try:
        with mpl.rc_context({"font.size": layout.font, "axes.titlesize": layout.title}):
            yield layout
    finally:
        _current = saved


def size(points: float) -> float:
    """A type size a recipe states, in the current layout."""
    return max(_current.smallest, points * _current.scale)


def chars(width: int) -> int:
    """A label width a recipe states (in characters), in the current layout."""
    return max(8, round(width * _current.wrap))


def recipe(draw):
    """Mark a chart recipe: the chart it returns can be drawn again in another layout
    (`Chart.redraw`), from the same arguments."""

    @functools.wraps(draw)
    def drawn(*args, **kwargs):
        chart = draw(*args, **kwargs)
        chart.redraw = functools.partial(draw, *args, **kwargs)
        return chart

    return drawn
