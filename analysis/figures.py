"""Figure recipes: each is a function of the data it draws, in one house style.

Colours come from the UK Government Analysis Function's categorical palette (chosen for
colour-blind readers); no figure relies on colour alone: lines carry markers and direct
labels, stacked bars carry hatching and a legend in stacking order. Figures are 16:9 and
sized to be read on a slide. Each chart keeps the table of exactly what it draws, and
carries its source line (and edition stamp) inside the image.
"""

from __future__ import annotations

import math
import textwrap
from io import BytesIO
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

# Same bytes on every build: fixed SVG ids, no dates or software versions in saved files.
mpl.rcParams["svg.hashsalt"] = "mem-peru-2023"
mpl.rcParams["font.size"] = 12
mpl.rcParams["axes.titlesize"] = 14
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}
SCREEN_DPI = 100
PRINT_DPI = 200  # downloads: 1600 x 900 pixels, enough for a slide

PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
MARKERS = ["o", "s", "^", "D", "v", "P"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]
FOOTER_COLOUR = "#505050"


class Chart:
    """A finished figure and the table of what it draws."""

    def __init__(self, figure: Figure, title: str, data: pd.DataFrame) -> None:
        self.figure = figure
        self.title = title
        self.data = data

    def add_footer(self, *lines: str) -> Chart:
        """Write source and edition lines under the plot, inside the image."""
        wrapped = [textwrap.fill(line, 130) for line in lines if line]
        text = "\n".join(wrapped)
        self.figure.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=8,
                         color=FOOTER_COLOUR)  # fmt: skip
        footer_height = 0.035 * (text.count("\n") + 1) + 0.02
        self.figure.get_layout_engine().set(rect=(0, footer_height, 1, 1 - footer_height))
        return self

    def png(self, dpi: int = SCREEN_DPI) -> bytes:
        buffer = BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata=PNG_METADATA)
        return buffer.getvalue()

    def svg(self) -> bytes:
        buffer = BytesIO()
        self.figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
        return buffer.getvalue()

    def save(self, stem: Path) -> list[Path]:
        """Write `stem`.png (print resolution), .svg and .csv; return the paths."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        paths = [stem.with_suffix(".png"), stem.with_suffix(".svg"), stem.with_suffix(".csv")]
        paths[0].write_bytes(self.png(PRINT_DPI))
        paths[1].write_bytes(self.svg())
        self.data.to_csv(paths[2], index=False, lineterminator="\n", float_format="%.10g")
        return paths

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"Chart: {self.title}"


def new_figure() -> tuple[Figure, Axes]:
    """A 16:9 figure outside pyplot's state, so a notebook shows exactly what it returns."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
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
    plotted = values.to_numpy(dtype=float) / unit
    bars = ax.bar(years, plotted, color=PALETTE[0])
    ax.bar_label(bars, fmt=fmt, padding=3)
    ax.margins(y=0.12)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    return Chart(fig, title, pd.DataFrame({"year": values.index, ylabel: plotted}))


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
    ax.set_xlim(-0.3, len(years) - 1 + 1.8)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    data = frame.rename_axis("year").reset_index()
    return Chart(fig, title, data)


def stacked_bars(frame: pd.DataFrame, *, ylabel: str, title: str, unit: float = 1e3) -> Chart:
    """Bars per year (index) stacked by column, with hatching and a legend in stack order."""
    fig, ax = new_figure()
    years = [str(year) for year in frame.index]
    plotted = frame.astype(float) / unit
    bottom = pd.Series(0.0, index=frame.index)
    for i, column in enumerate(plotted.columns):
        ax.bar(years, plotted[column], bottom=bottom, label=column, color=PALETTE[i],
               hatch=HATCHES[i], edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom += plotted[column]
    for x, total in enumerate(bottom):
        ax.annotate(f"{total:,.0f}", (x, total), xytext=(0, 3), textcoords="offset points",
                    ha="center")  # fmt: skip
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False, fontsize=10)  # fmt: skip
    ax.margins(y=0.1)
    _axis_numbers(ax)
    _finish(ax, title, ylabel)
    return Chart(fig, title, plotted.rename_axis("year").reset_index())
