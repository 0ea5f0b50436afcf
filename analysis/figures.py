"""Figure recipes: each is a function of the data it draws, in one house style.

Colours come from the UK Government Analysis Function's categorical palette (chosen for
colour-blind readers); no figure relies on colour alone: lines carry markers and direct
labels, stacked bars carry hatching and a legend in stacking order.
"""

from __future__ import annotations

import math
from io import BytesIO

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

# Same bytes on every build: fixed SVG ids, no creation date in saved files.
mpl.rcParams["svg.hashsalt"] = "mem-peru-2023"
mpl.rcParams["font.size"] = 11
mpl.rcParams["axes.titlesize"] = 12

PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
MARKERS = ["o", "s", "^", "D", "v", "P"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]


class Chart:
    """A finished figure; a notebook displays it as one PNG, the same bytes on every run."""

    DPI = 100

    def __init__(self, figure: Figure, title: str) -> None:
        self.figure = figure
        self.title = title

    def _repr_png_(self) -> bytes:
        buffer = BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.DPI, metadata={"Software": None})
        return buffer.getvalue()

    def __repr__(self) -> str:
        return f"Chart: {self.title}"


def new_figure(width: float = 7, height: float = 4) -> tuple[Figure, Axes]:
    """A figure outside pyplot's state, so a notebook shows exactly what a cell returns."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


def _finish(ax: Axes, title: str, ylabel: str) -> None:
    ax.set_title(title, loc="left")
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)


def _axis_numbers(ax: Axes) -> None:
    """Tick labels with thousands separators and as many decimals as the tick step needs."""
    ticks = ax.get_yticks()
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.{decimals}f}"))


def annual_bars(
    values: pd.Series, *, ylabel: str, title: str, unit: float = 1e6, fmt: str = "{:,.1f}"
) -> Chart:
    """Bars of one amount per year, each labelled with its value in `unit`s."""
    fig, ax = new_figure()
    years = [str(year) for year in values.index]
    bars = ax.bar(years, values.to_numpy(dtype=float) / unit, color=PALETTE[0])
    ax.bar_label(bars, fmt=fmt, padding=3)
    ax.margins(y=0.12)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    return Chart(fig, title)


def labelled_lines(
    frame: pd.DataFrame,
    *,
    ylabel: str,
    title: str,
    decimals: int = 1,
    reference: float | None = None,
) -> Chart:
    """One line per column over the index (years), marked and labelled at its end."""
    fig, ax = new_figure()
    years = [str(year) for year in frame.index]
    for i, column in enumerate(frame.columns):
        values = frame[column].to_numpy(dtype=float)
        ax.plot(years, values, marker=MARKERS[i], color=PALETTE[i], linewidth=2)
        ax.annotate(
            f"{column}: {values[-1]:,.{decimals}f}", (len(years) - 1, values[-1]),
            xytext=(8, 0), textcoords="offset points", va="center", color=PALETTE[i],
        )  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color="#BFBFBF", linewidth=1, zorder=0)
    ax.set_xlim(-0.3, len(years) - 1 + 1.6)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    return Chart(fig, title)


def stacked_bars(frame: pd.DataFrame, *, ylabel: str, title: str, unit: float = 1e3) -> Chart:
    """Bars per year (index) stacked by column, with hatching and a legend in stack order."""
    fig, ax = new_figure(7.5, 4.5)
    years = [str(year) for year in frame.index]
    bottom = pd.Series(0.0, index=frame.index)
    for i, column in enumerate(frame.columns):
        values = frame[column].astype(float) / unit
        ax.bar(years, values, bottom=bottom, label=column, color=PALETTE[i],
               hatch=HATCHES[i], edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom += values
    for x, total in enumerate(bottom):
        ax.annotate(f"{total:,.0f}", (x, total), xytext=(0, 3), textcoords="offset points",
                    ha="center")  # fmt: skip
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False, fontsize=9)  # fmt: skip
    ax.margins(y=0.1)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    return Chart(fig, title)
