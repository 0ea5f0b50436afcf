"""Figure recipes: each is a function of the data it draws."""

from __future__ import annotations

from io import BytesIO

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

# Same bytes on every build: fixed SVG ids, no creation date in saved files.
mpl.rcParams["svg.hashsalt"] = "mem-peru-2023"
mpl.rcParams["font.size"] = 11

BAR_COLOUR = "#12436D"  # dark blue of the UK Analysis Function palette


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


def new_figure() -> tuple[Figure, object]:
    """A figure outside pyplot's state, so a notebook shows exactly what a cell returns."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    return fig, fig.subplots()


def annual_bars(values: pd.Series, *, ylabel: str, title: str, unit: float = 1e6) -> Chart:
    """Bars of one amount per year, each labelled with its value in `unit`s."""
    fig, ax = new_figure()
    years = [str(year) for year in values.index]
    bars = ax.bar(years, values.to_numpy(dtype=float) / unit, color=BAR_COLOUR)
    ax.bar_label(bars, fmt="{:,.1f}", padding=3)
    ax.set_title(title, loc="left")
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.12)
    return Chart(fig, title)
