"""Chart recipes: each is a function of the data it draws, in one house style.

Colours come from the UK Government Analysis Function's categorical palette (chosen for
colour-blind readers); no chart relies on colour alone: lines carry markers and direct
labels, stacked bars carry hatching and a legend in stacking order, cells carry their
value or mark as text. Charts are 16:9 and sized to be read on a slide. Tick labels come
from matplotlib's own locator and formatter, written with the language's separators.
Each chart keeps the table of exactly what it draws, and carries its source line (and
edition stamp) inside the image.
"""

from __future__ import annotations

import contextlib
import re
import textwrap
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, ScalarFormatter
from matplotlib.transforms import blended_transform_factory, offset_copy

from analysis.exhibits.formats import number, round_half_up
from analysis.exhibits.layouts import COMPACT, WIDE, chars, current, drawn_as, recipe, size

# Same bytes on every build: fixed SVG ids, no dates or software versions in saved files;
# SVG text stays text, so that slide and word-processing tools can edit it.
mpl.rcParams["svg.hashsalt"] = "mem-peru-2023"
mpl.rcParams["svg.fonttype"] = "none"
mpl.rcParams["font.size"] = 12
mpl.rcParams["axes.titlesize"] = 14
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}
SCREEN_DPI = 100
PRINT_DPI = 200  # downloads: 1600 x 900 pixels, enough for a slide
COMPACT_DPI = 250  # a phone's screen: 950 pixels across, sharp at 2.8 device pixels a pixel
# A slide is 13.33 x 7.5 inches (16:9), 1920 x 1080 pixels: 144 pixels an inch. A chart page
# placed on it at its own size, inside the margin, keeps its type size: no page is taller.
SLIDE_PIXELS = (1920, 1080)
SLIDE_PPI = 144
SLIDE_MARGIN = 50  # pixels of white around the chart
PAGE_HEIGHT = (SLIDE_PIXELS[1] - 2 * SLIDE_MARGIN) / SLIDE_PPI  # 6.8 inches

PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
MARKERS = ["o", "s", "^", "D", "v", "P"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]
FOOTER_COLOUR = "#505050"
FOOTER_LINE = 8 * 1.3 / 72  # inches: a line of the footer's 8 pt type
USUAL_FOOTER_LINES = 3  # the source line (two lines) and the edition stamp
MUTED = "#BFBFBF"
# Light to dark blue, for shares from 0 to 1: text on each cell switches to white when dark.
SEQUENTIAL = LinearSegmentedColormap.from_list("mem", ["#F2F6FA", "#9DB7D0", "#12436D"])


class Chart:
    """A finished figure and the table of what it draws."""

    def __init__(self, figure: Figure, title: str, data: pd.DataFrame) -> None:
        self.figure = figure
        self.title = title
        self.data = data
        self.layout = current()
        self.footer = None
        self.redraw = None  # the recipe and its arguments (see layouts.recipe)
        if hasattr(figure, "_mem_legend"):
            _legend_below(*figure._mem_legend)
        self._overlapping: list[str] | None = None  # found while the download was drawn

    def add_footer(self, *lines: str) -> Chart:
        """Write source and edition lines under the plot, inside the image. A footer of
        more lines than the usual source line and edition stamp (a price index at constant
        prices) makes the figure taller by those lines, not its plot smaller."""
        wrapped = [textwrap.fill(line, self.layout.footer_chars) for line in lines if line]
        text = "\n".join(wrapped)
        self.footer = self.figure.text(
            0.01, 0.01, text, ha="left", va="bottom", fontsize=8, color=FOOTER_COLOUR
        )
        extra = max(0, text.count("\n") + 1 - USUAL_FOOTER_LINES)
        if extra:
            self.figure.set_figheight(self.figure.get_figheight() + extra * FOOTER_LINE)
        self._fit_footer()
        return self

    def _fit_footer(self) -> None:
        """Keep the plot clear of the footer, whatever the figure's height."""
        if self.footer is None:
            return
        if not self.footer.get_visible():
            self.figure.get_layout_engine().set(rect=(0, 0, 1, 1))
            return
        share = self._footer_inches() / self.figure.get_figheight()
        self.figure.get_layout_engine().set(rect=(0, share, 1, 1 - share))

    def _footer_inches(self) -> float:
        """The room the footer takes under the plot: 8 pt type, a line, and a gap above."""
        lines = self.footer.get_text().count("\n") + 1
        return lines * FOOTER_LINE + 14 / 72

    def compact(self) -> Chart:
        """The same chart drawn again in the compact layout (a phone's screen)."""
        if self.redraw is None:
            raise ValueError(f"{self.title!r} was not made by a chart recipe")
        with drawn_as(COMPACT):
            return self.redraw()

    def small_text(self) -> list[str]:
        """Texts drawn smaller than the layout's smallest size."""
        self.figure.draw_without_rendering()
        found = []
        for text in self.figure.findobj(lambda a: hasattr(a, "get_fontsize")):
            if text.get_visible() and text.get_text().strip():
                if text.get_fontsize() < self.layout.smallest - 1e-9:
                    found.append(
                        f"{' '.join(text.get_text().split())!r} ({text.get_fontsize()} pt)"
                    )
        return found

    def rows(self) -> int | None:
        """How many rows a chart of one row per item has (None for other charts)."""
        if len(self.figure.axes) != 1:
            return None
        ax = self.figure.axes[0]
        ticks = list(ax.get_yticks())
        low, high = sorted(ax.get_ylim())
        if not ticks or ticks != list(range(len(ticks))) or high - low < len(ticks) - 0.5:
            return None
        return len(ticks) if ax.yaxis_inverted() else None

    def page_ranges(self, height: float = PAGE_HEIGHT) -> list[tuple[int, int]]:
        """The rows of each page when the chart is too tall for a slide: the whole chart
        is one page when it fits, or when its rows cannot be split."""
        full = self.figure.get_figheight()
        rows = self.rows()
        if full <= height + 1e-9 or not rows or rows < 2:
            return [(0, rows or 0)]
        self.figure.draw_without_rendering()
        ax = self.figure.axes[0]
        low, high = sorted(ax.get_ylim())
        per_row = ax.get_position().height * full / (high - low)  # inches a row
        overhead = full - ax.get_position().height * full
        fit = max(1, int((height - overhead) / per_row))
        count = -(-rows // fit)
        size_ = -(-rows // count)  # balanced pages
        return [(start, min(rows, start + size_)) for start in range(0, rows, size_)]

    @contextlib.contextmanager
    def page(
        self, number: int, count: int, start: int, stop: int, footer: bool = True
    ) -> Iterator[None]:
        """The chart cut to rows start..stop-1, titled 'k/n', as tall as those rows need;
        without its footer when `footer` is false (a panel above the last)."""
        ax = self.figure.axes[0]
        full = self.figure.get_figheight()
        limits = ax.get_ylim()
        title = self.figure._suptitle
        words = title.get_text() if title is not None else ""
        clipped = [(text, text.get_clip_on()) for text in ax.texts]
        self.figure.draw_without_rendering()
        low, high = sorted(limits)
        per_row = ax.get_position().height * full / (high - low)
        overhead = full - ax.get_position().height * full
        shown = self.footer is not None and self.footer.get_visible()
        try:
            if self.footer is not None and not footer:
                overhead -= self._footer_inches()
                self.footer.set_visible(False)
            ax.set_ylim(stop - 0.5, start - 0.5)
            for text, _ in clipped:
                text.set_clip_on(True)
            if title is not None:
                title.set_text(f"{words} ({number}/{count})")
            self.figure.set_figheight(overhead + (stop - start) * per_row)
            self._fit_footer()
            yield
        finally:
            if self.footer is not None:
                self.footer.set_visible(shown)
            ax.set_ylim(*limits)
            for text, was in clipped:
                text.set_clip_on(was)
            if title is not None:
                title.set_text(words)
            self.figure.set_figheight(full)
            self._fit_footer()

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
        # Not with_suffix: a stem may hold a dot ('fig-coverage-scores-partial-weight-0.75').
        paths = [stem.parent / f"{stem.name}{suffix}" for suffix in (".png", ".svg", ".csv")]
        paths[0].write_bytes(self._print_png())
        paths[1].write_bytes(self.svg())
        self.data.to_csv(paths[2], index=False, lineterminator="\n", float_format="%.10g")
        return paths

    def save_images(self, stem: Path, dpi: int = PRINT_DPI) -> list[Path]:
        """Write `stem`.png at `dpi` and `stem`.svg (the compact layout's files)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        paths = [stem.parent / f"{stem.name}.png", stem.parent / f"{stem.name}.svg"]
        paths[0].write_bytes(self.png(dpi))
        paths[1].write_bytes(self.svg())
        return paths

    def _print_png(self) -> bytes:
        """The PNG for slides, as `savefig` writes it, from one drawing that is also read
        for `overlapping_text` (drawing a figure is most of what publishing it costs)."""
        canvas = FigureCanvasAgg(self.figure)
        screen = self.figure.dpi
        self.figure.set_dpi(PRINT_DPI)
        try:
            canvas.draw()  # lays the figure out and draws it, as savefig does
            self._overlapping = self._overlaps(canvas)
            buffer = BytesIO()
            mpl.image.imsave(
                buffer,
                canvas.buffer_rgba(),
                format="png",
                origin="upper",
                dpi=PRINT_DPI,
                metadata=PNG_METADATA,
            )
            return buffer.getvalue()
        finally:
            self.figure.set_dpi(screen)

    def overlapping_text(self) -> list[str]:
        """Pairs of texts that cover each other in the drawn image ('A' / 'B'), and texts
        cut by the figure's edge or shortened to fit: tick labels, titles, legend entries,
        annotations. Empty when every word can be read."""
        if self._overlapping is not None:  # read while the download was drawn
            return self._overlapping
        canvas = FigureCanvasAgg(self.figure)
        screen = self.figure.dpi
        self.figure.set_dpi(PRINT_DPI)  # text is measured as the download draws it
        try:
            canvas.draw()  # lays the figure out as it is saved
            return self._overlaps(canvas)
        finally:
            self.figure.set_dpi(screen)

    def _overlaps(self, canvas: FigureCanvasAgg) -> list[str]:
        renderer = canvas.get_renderer()
        texts = []
        for ax in self.figure.axes:
            texts += _drawn_tick_labels(ax.xaxis) + _drawn_tick_labels(ax.yaxis)
            texts += ax.texts + [ax.xaxis.label, ax.yaxis.label]
            legend = ax.get_legend()
            if legend is not None:
                texts += legend.get_texts()
        texts += self.figure.texts  # the title and the footer among them
        for legend in self.figure.legends:
            texts += legend.get_texts()
        shapes = [
            (text.get_text(), _outline(text, renderer))
            for text in dict.fromkeys(texts)
            if text.get_visible() and text.get_text().strip()
        ]
        found = []
        width, height = canvas.get_width_height()
        touch = self.figure.dpi / SCREEN_DPI  # a screen pixel, in the pixels drawn here
        for name, shape in shapes:
            if name.endswith(" …"):  # _wrap ran out of lines
                found.append(f"{' '.join(name.split())!r} / cut short")
            if (
                shape.min() < -touch
                or shape[:, 0].max() > width + touch
                or shape[:, 1].max() > height + touch
            ):
                found.append(f"{' '.join(name.split())!r} / the figure's edge")
        for ax in self.figure.axes:  # a label next to a line that runs over the x axis
            frame = ax.get_window_extent(renderer)
            for text in ax.texts:
                if not text.get_visible() or text.get_clip_on() and text.get_clip_box():
                    continue
                shape = _outline(text, renderer)
                low, high = shape[:, 1].min(), shape[:, 1].max()
                inside = frame.x0 <= shape[:, 0].mean() <= frame.x1
                if inside and any(low + touch < edge < high - touch for edge in (frame.y0,)):
                    found.append(f"{' '.join(text.get_text().split())!r} / the x axis")
        for i, (first, a) in enumerate(shapes):
            for second, b in shapes[i + 1 :]:
                if _overlap(a, b) > touch:  # more than touching
                    found.append(f"{' '.join(first.split())!r} / {' '.join(second.split())!r}")
        return found

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"Chart: {self.title}"


def slide(png: bytes) -> bytes:
    """A chart's PNG (at 200 dpi) on a 1920 x 1080 slide, centred, white around it: as it
    is when it fits inside the margin (its type then larger than its own size on a 13.33
    inch slide), scaled down to fit when taller (to no less than its own size: see
    PAGE_HEIGHT)."""
    from PIL import Image

    picture = Image.open(BytesIO(png)).convert("RGB")
    room = (SLIDE_PIXELS[0] - 2 * SLIDE_MARGIN, SLIDE_PIXELS[1] - 2 * SLIDE_MARGIN)
    scale = min(1.0, room[0] / picture.width, room[1] / picture.height)
    if scale < 1:
        size = (round(picture.width * scale), round(picture.height * scale))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", SLIDE_PIXELS, "white")
    corner = ((SLIDE_PIXELS[0] - picture.width) // 2, (SLIDE_PIXELS[1] - picture.height) // 2)
    canvas.paste(picture, corner)
    buffer = BytesIO()
    canvas.save(buffer, format="png")
    return buffer.getvalue()


def _outline(text, renderer) -> np.ndarray:
    """The four corners of a text as drawn, in pixels; slanted texts (rotated about their
    anchor) give a slanted rectangle, not the upright box that contains it."""
    angle = text.get_rotation()
    if angle % 360 == 0 or text.get_rotation_mode() != "anchor":
        box = text.get_window_extent(renderer)
        return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    text.set_rotation(0)
    box = text.get_window_extent(renderer)
    text.set_rotation(angle)
    anchor = text.get_transform().transform(text.get_unitless_position())
    corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    theta = np.deg2rad(angle)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return (corners - anchor) @ turn.T + anchor


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    """How deep two convex outlines cut into each other (0 when apart), by separating axes."""
    depth = np.inf
    for shape in (a, b):
        for i in range(len(shape)):
            edge = shape[(i + 1) % len(shape)] - shape[i]
            normal = np.array([-edge[1], edge[0]])
            length = np.hypot(*normal)
            if length == 0:
                continue
            normal = normal / length
            pa, pb = a @ normal, b @ normal
            depth = min(depth, min(pa.max(), pb.max()) - max(pa.min(), pb.min()))
            if depth <= 0:
                return 0.0
    return float(depth)


def _drawn_tick_labels(axis) -> list:
    """The tick labels matplotlib draws: those of ticks inside the axis's view."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [
        label
        for tick in axis.get_major_ticks()
        if low - slack <= tick.get_loc() <= high + slack
        for label in (tick.label1, tick.label2)  # label2: ticks on the top or right
    ]


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


def _title(ax: Axes, title: str) -> None:
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


def _compact() -> bool:
    return current().legend_below


def _legend(ax: Axes, handles=None, labels=None, **wide) -> None:
    """A legend where the layout puts it: as the recipe says (`wide`), or under the plot,
    one entry a line, in the compact layout."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if labels is None:
        labels = [h.get_label() for h in handles]
    if _compact():  # placed under everything else once the chart is drawn: see Chart
        ax.figure._mem_legend = (ax, handles, [_wrap(label, 80, lines=3) for label in labels])
    else:
        ax.legend(handles, labels, frameon=False, fontsize=10, **wide)


def _legend_below(ax: Axes, handles, labels) -> None:
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


def _value_labels(values, lang: str, decimals: int) -> list[str]:
    return [number(v, lang, decimals) for v in values]


def _rounded(values, decimals: int) -> list[float]:
    """Values rounded as the chart writes them (halves away from zero), for its data."""
    return [float(round_half_up(v, decimals)) if pd.notna(v) else v for v in values]


def unit_header(name: str, unit: str) -> str:
    """A data column's header with its unit: 'In US dollars [Index (2014 = 100)]'."""
    return f"{name} [{unit}]" if unit and unit != name else name


def _finish(ax: Axes, title: str, ylabel: str = "", lang: str = "en", axis: str = "y") -> None:
    _title(ax, title)
    if ylabel:
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(
            _wrap(ylabel, 48) if _compact() else ylabel
        )
    ax.spines[["top", "right"]].set_visible(False)
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(LocaleFormatter(lang))


def _year_axis(ax: Axes, years) -> list[int]:
    """Positions 0, 1, 2... for the years, each labelled with its year (a category axis);
    slanted in the compact layout, where they would touch."""
    positions = list(range(len(years)))
    if _compact() and len(positions) > 5:
        ax.set_xticks(positions, [str(year) for year in years], rotation=45, ha="right",
                      rotation_mode="anchor")  # fmt: skip
    else:
        ax.set_xticks(positions, [str(year) for year in years])
    return positions


@recipe
def annual_bars(
    values: pd.Series,
    *,
    ylabel: str,
    title: str,
    lang: str = "en",
    unit: float = 1e6,
    decimals: int = 1,
) -> Chart:
    """Bars of one amount per year, each labelled with its value in `unit`s."""
    fig, ax = new_figure()
    years = _year_axis(ax, values.index)
    plotted = values.to_numpy(dtype=float) / unit
    bars = ax.bar(years, plotted, color=PALETTE[0])
    turn = 90 if _compact() and len(years) > 5 else 0
    ax.bar_label(bars, labels=_value_labels(plotted, lang, decimals), padding=3, rotation=turn)
    ax.margins(y=0.25 if turn else 0.12)
    _finish(ax, title, ylabel, lang)
    return Chart(
        fig, title, pd.DataFrame({"year": values.index, ylabel: _rounded(plotted, decimals)})
    )


@recipe
def labelled_lines(
    frame: pd.DataFrame,
    *,
    ylabel: str,
    title: str,
    lang: str = "en",
    decimals: int = 1,
    reference: float | None = None,
) -> Chart:
    """One line per column over the index (years), marked and labelled at its end."""
    fig, ax = new_figure()
    years = _year_axis(ax, frame.index)
    for i, column in enumerate(frame.columns):
        values = frame[column].to_numpy(dtype=float)
        last = f"{column}:\u00a0{number(values[-1], lang, decimals)}"
        ax.plot(years, values, marker=MARKERS[i], color=PALETTE[i], linewidth=2, label=last)
        if not _compact():  # there, the legend under the plot says the same
            ax.annotate(
                textwrap.fill(last, 32),
                (len(years) - 1, values[-1]),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                color=PALETTE[i],
            )
    if reference is not None:
        ax.axhline(reference, color=MUTED, linewidth=1, zorder=0)
    _finish(ax, title, ylabel, lang)
    if _compact():
        ax.set_xlim(-0.3, len(years) - 0.7)
        _legend(ax)
    else:
        ax.set_xlim(-0.3, len(years) - 1 + 1.8)
        _room_for(ax, ax.texts)
    data = pd.DataFrame(
        {unit_header(column, ylabel): _rounded(frame[column], decimals) for column in frame}
    )
    data.insert(0, "year", list(frame.index))
    return Chart(fig, title, data)


def _room_for(ax: Axes, texts: list) -> None:
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


@recipe
def stacked_bars(
    frame: pd.DataFrame, *, ylabel: str, title: str, lang: str = "en", unit: float = 1e3
) -> Chart:
    """Bars per year (index) stacked by column, with hatching and a legend in stack order."""
    fig, ax = new_figure()
    years = _year_axis(ax, frame.index)
    plotted = frame.astype(float) / unit
    bottom = pd.Series(0.0, index=frame.index)
    for i, column in enumerate(plotted.columns):
        ax.bar(
            years,
            plotted[column],
            bottom=bottom,
            label=column,
            color=PALETTE[i],
            hatch=HATCHES[i],
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += plotted[column]
    turn = 90 if _compact() and len(years) > 5 else 0
    for x, total in enumerate(bottom):
        ax.annotate(number(total, lang), (x, total), xytext=(0, 3), textcoords="offset points",
                    ha="center", rotation=turn)  # fmt: skip
    handles, labels = ax.get_legend_handles_labels()
    _legend(ax, handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.margins(y=0.25 if turn else 0.1)
    _finish(ax, title, ylabel, lang)
    data = pd.DataFrame(
        {unit_header(column, ylabel): _rounded(plotted[column], 0) for column in plotted}
    )
    data.insert(0, "year", list(frame.index))
    return Chart(fig, title, data)


@recipe
def heat_map(
    values: pd.DataFrame,
    *,
    title: str,
    cell_text: pd.DataFrame,
    lang: str = "en",
    xlabel: str = "",
    height: float = 4.5,
    share_header: str = "{column} (share)",
    counts: pd.DataFrame | None = None,
    count_unit: str = "",
) -> Chart:
    """A grid of shares (0 to 1) coloured light to dark, each cell written out as text.

    Rows and columns keep the frame's order; `cell_text` holds what each cell says. The
    data gives, per column, its count (`counts`, in `count_unit`) and its share in percent
    under `share_header`, and each row's total; without `counts`, each cell's text.
    """
    fig, ax = new_figure(height)
    shown = values.astype(float).to_numpy()
    # Cells as shapes, not an image: printed from the SVG, the grid stays vector too.
    rows, columns = shown.shape
    edges = (np.arange(columns + 1) - 0.5, np.arange(rows + 1) - 0.5)
    ax.pcolormesh(*edges, shown, cmap=SEQUENTIAL, vmin=0, vmax=1, shading="flat")
    ax.set_xlim(-0.5, columns - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    for (row, column), value in np.ndenumerate(shown):
        colour = "white" if value > 0.55 else "#1A1A1A"
        ax.text(
            column,
            row,
            cell_text.iat[row, column],
            ha="center",
            va="center",
            color=colour,
            fontsize=size(10),
        )
    ax.set_xticks(range(values.shape[1]), [_wrap(c, 16) for c in values.columns])
    ax.set_yticks(range(values.shape[0]), [_wrap(r, 60) for r in values.index])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ax.spines[:].set_visible(False)
    if xlabel:
        ax.set_xlabel(xlabel)
    _title(ax, title)
    if counts is not None:  # one number a cell: counts, their total, then the shares
        data = pd.DataFrame(index=values.index)
        for column, own in zip(values.columns, counts.columns, strict=True):
            data[unit_header(column, count_unit)] = counts[own].to_numpy()
        data[count_unit] = counts.sum(axis=1).to_numpy()
        for column in values.columns:
            data[unit_header(share_header.format(column=column), "%")] = _rounded(
                values[column].astype(float) * 100, 0
            )
    else:
        data = cell_text.copy()
        for column in values.columns:
            data[share_header.format(column=column)] = values[column].astype(float)
        data.index = values.index
    data.index.name = values.index.name or "row"
    return Chart(fig, title, data.reset_index())


@recipe
def check_matrix(
    marks: pd.DataFrame, *, title: str, yes: str, no: str, lang: str = "en", height: float = 4.5
) -> Chart:
    """Rows x columns of yes/no: a filled dot for yes, an open ring for no, with a legend."""
    rows, columns = list(marks.index), list(marks.columns)
    extra = 2.6
    if _compact():  # the column names stand upright above the rows: room for the longest
        extra += max(len(str(c)) for c in columns) * current().font * 0.6 / 72
    fig, ax = new_figure(_tall_enough(height, [_wrap(r, 34) for r in rows], extra=extra))
    dot = 260 if not _compact() else 110
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            mark = bool(marks.loc[row, column])
            ax.scatter(
                c,
                r,
                s=dot,
                marker="o",
                linewidths=2,
                facecolor=PALETTE[0] if mark else "white",
                edgecolor=PALETTE[0],
            )
    ax.scatter([], [], s=120, facecolor=PALETTE[0], edgecolor=PALETTE[0], label=yes)
    ax.scatter([], [], s=120, facecolor="white", edgecolor=PALETTE[0], linewidths=2, label=no)
    _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1))
    # Column names slanted, so that long ones never run into their neighbours.
    ax.set_xticks(
        range(len(columns)),
        [_wrap(c, 30) for c in columns] if not _compact() else [str(c) for c in columns],
        rotation=90 if _compact() else 45,  # upright on a phone: the columns are narrow
        ha="left" if not _compact() else "center",
        rotation_mode="anchor" if not _compact() else "default",
    )
    ax.set_yticks(range(len(rows)), [_wrap(r, 34) for r in rows])
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    _title(ax, title)
    data = marks.astype(bool).map(lambda v: yes if v else no)
    data.index.name = data.index.name or "row"
    return Chart(fig, title, data.reset_index())


@recipe
def parts_of_whole(
    have: pd.Series,
    total: pd.Series,
    *,
    title: str,
    have_label: str,
    missing_label: str,
    xlabel: str,
    lang: str = "en",
    height: float = 4.5,
) -> Chart:
    """One horizontal bar per row, as a share of its whole: the part present (solid) and
    the part missing (hatched), written 'k / n' at the bar's end."""
    rows = [_wrap(name, 40) for name in have.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    present = (have / total * 100).to_numpy(dtype=float)
    ax.barh(rows, present, color=PALETTE[0], label=have_label)
    ax.barh(
        rows,
        100 - present,
        left=present,
        color="white",
        edgecolor=PALETTE[0],
        hatch="//",
        label=missing_label,
    )
    for y, (k, n) in enumerate(zip(have, total, strict=True)):
        ax.annotate(
            f"{number(k, lang)} / {number(n, lang)}",
            (100, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
        )
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    _legend_above(ax)
    _finish(ax, title, xlabel, lang, axis="x")
    data = pd.DataFrame(
        {
            "row": have.index,
            have_label: have.to_numpy(),
            missing_label: (total - have).to_numpy(),
            xlabel: _rounded(present, 0),
        }
    )
    return Chart(fig, title, data)


@recipe
def horizontal_bars(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    lang: str = "en",
    decimals: int = 0,
    height: float = 4.5,
    percent_scale: bool = False,
    marked: pd.Series | None = None,
    marked_label: str = "",
    unmarked_label: str = "",
) -> Chart:
    """One labelled horizontal bar per row, in the series' order (first at the top).

    `percent_scale`: the axis runs from 0 to 100 and no further. `marked` (booleans by
    row) draws those bars hatched in a second colour, explained in a legend.
    """
    rows = [_wrap(name, 40) for name in values.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    flags = (
        marked.reindex(values.index).fillna(False).astype(bool).to_numpy()
        if marked is not None
        else np.zeros(len(values), dtype=bool)
    )
    bars = ax.barh(
        rows,
        values.to_numpy(dtype=float),
        color=[PALETTE[2] if flag else PALETTE[0] for flag in flags],
        hatch=None,
    )
    for bar, flag in zip(bars, flags, strict=True):
        if flag:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    ax.bar_label(bars, labels=_value_labels(values, lang, decimals), padding=3)
    ax.invert_yaxis()
    if marked is not None and flags.any():
        handles = [
            Patch(facecolor=PALETTE[0], label=unmarked_label),
            Patch(facecolor=PALETTE[2], edgecolor="white", hatch="//", label=marked_label),
        ]
        _legend_above(ax, handles)
    if percent_scale:
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_clip_on(False)
    elif decimals == 0:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.1)
    else:
        ax.margins(x=0.1)
    _finish(ax, title, xlabel, lang, axis="x")
    data = pd.DataFrame({"row": values.index, xlabel: _rounded(values, decimals)})
    if marked is not None:
        data[marked_label] = flags
    return Chart(fig, title, data)


@recipe
def year_dots(
    years: pd.Series,
    *,
    title: str,
    xlabel: str,
    reference_year: int,
    threshold_year: int,
    dated: pd.Series,
    reference_label: str,
    dated_label: str,
    current_label: str,
    lang: str = "en",
    height: float = 5.0,
) -> Chart:
    """The latest year of each item as a dot on a time axis: dated items as open diamonds,
    others as filled dots; a line at the reference year and shading before the threshold."""
    rows = [_wrap(name, 56 if not _compact() else 40, lines=4) for name in years.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    first = min(int(years.min()), threshold_year) - 1
    ax.axvspan(first - 0.5, threshold_year - 0.5, color="#EEEEEE", zorder=0)
    ax.axvline(reference_year, color=PALETTE[2], linewidth=1.5, zorder=1)
    ax.annotate(
        reference_label,
        (reference_year, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-4, -2),
        textcoords="offset points",
        ha="right",
        va="top",
        color=PALETTE[2],
        fontsize=size(10),
    )
    for y, (name, year) in enumerate(years.items()):
        old = bool(dated[name])
        ax.scatter(
            year,
            y,
            s=90,
            marker="D" if old else "o",
            linewidths=2,
            zorder=2,
            facecolor="white" if old else PALETTE[0],
            edgecolor=PALETTE[0],
        )
    ax.scatter(
        [], [], s=70, marker="o", facecolor=PALETTE[0], edgecolor=PALETTE[0], label=current_label
    )
    ax.scatter(
        [],
        [],
        s=70,
        marker="D",
        facecolor="white",
        edgecolor=PALETTE[0],
        linewidths=2,
        label=dated_label,
    )
    ax.set_yticks(range(len(rows)), rows, fontsize=size(10))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(first - 0.5, reference_year + 0.8)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if _compact() else 6, integer=True))
    _legend(ax, loc="lower right", bbox_to_anchor=(1, 1.0))
    ax.set_xlabel(xlabel)
    _title(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_formatter(_YearFormatter())
    data = pd.DataFrame(
        {
            "row": years.index,
            xlabel: years.to_numpy(),
            dated_label: dated.reindex(years.index).to_numpy(),
        }
    )
    return Chart(fig, title, data)


class _YearFormatter(ScalarFormatter):
    """Years as years: never grouped, never decimal."""

    def __call__(self, x, pos=None) -> str:
        return f"{x:.0f}" if float(x).is_integer() else ""


LEGEND_LINE = 60  # characters of legend text that fit side by side above a plot


def _legend_above(ax: Axes, handles=None, columns: int = 2) -> None:
    """The legend above the plot, left-aligned, in as many columns (up to `columns`) as
    its longest entries leave room for."""
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    widest = max((len(h.get_label()) for h in handles), default=0) + 6  # key and gap
    fit = max(1, min(columns, LEGEND_LINE // max(widest, 1)))
    _legend(ax, handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=fit)


def _tall_enough(height: float, rows: list[str], extra: float = 2.0) -> float:
    """`height`, or more when the row labels need it: each row gets room for its lines."""
    lines = max((row.count("\n") + 1 for row in rows), default=1)
    line = current().font * 1.3 / 72 if _compact() else 0.19  # inches a line of labels
    return max(height, len(rows) * (line * lines + 0.12) + extra)


_REFERENCE = re.compile(r"\(([^()\s]{1,6}) ([^()\s]{1,8})\)")  # "(RIME 2.1)", "(IC 2.4)"


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """A label on at most `lines` lines of `width` characters, shortened with an ellipsis;
    a short reference in brackets ("(IC 2.4)") is never split across lines."""
    text = _REFERENCE.sub("(\\1\u00a0\\2)", str(text))
    if _compact():  # narrower, on more lines: a phone's screen scrolls down, not across
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


@recipe
def status_dots(
    statuses: pd.Series, *, title: str, names: dict[str, str], lang: str = "en", height: float = 6.0
) -> Chart:
    """One row per item (the series' index, top to bottom), a marker in the column of its
    status: filled, half-filled, open or a cross. `names` gives each status its words."""
    columns = list(STATUS_MARKERS)
    rows = [_wrap(name, 50) for name in statuses.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    for y, code in enumerate(statuses):
        style = STATUS_MARKERS[code]
        ax.plot(
            columns.index(code),
            y,
            linestyle="none",
            markersize=11 if not _compact() else 8,
            markeredgewidth=2,
            color=PALETTE[0],
            markerfacecoloralt="white",
            **style,
        )
    if _compact():  # narrow columns: their names upright
        ax.set_xticks(range(len(columns)), [names[c] for c in columns], rotation=90)
    else:
        ax.set_xticks(range(len(columns)), [_wrap(names[c], 14) for c in columns])
    ax.set_yticks(range(len(rows)), rows, fontsize=size(9))
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(axis="y", color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[:].set_visible(False)
    _title(ax, title)
    data = pd.DataFrame({"row": statuses.index, "status": [names[c] for c in statuses]})
    return Chart(fig, title, data)


@recipe
def spans(
    starts: pd.Series,
    ends: pd.Series,
    *,
    title: str,
    reference_year: int,
    reference_label: str,
    lapsed: pd.Series,
    lapsed_label: str,
    current_label: str,
    open_label: str,
    lang: str = "en",
    height: float = 4.5,
) -> Chart:
    """One horizontal bar per item from its first year to its last, on a year axis:
    solid while current, hatched when it lapsed before the reference year, grey and
    running to the edge when no last year is known (`open_label`); a line at the
    reference year."""
    rows = [_wrap(name, 44) for name in ends.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    first = int(starts.min()) - 1
    last = int(max(ends.max(), reference_year)) + 2
    for y, name in enumerate(ends.index):
        unknown = pd.isna(ends[name])
        end = last + 1 if unknown else ends[name]
        old = bool(lapsed[name])
        ax.barh(
            y,
            end - starts[name],
            left=starts[name],
            height=0.6,
            color=MUTED if unknown else "white" if old else PALETTE[0],
            edgecolor=MUTED if unknown else PALETTE[0],
            hatch="//" if old else "",
        )
    line = ax.axvline(reference_year, color=PALETTE[2], linewidth=1.5)
    handles = [
        Patch(facecolor=PALETTE[0], edgecolor=PALETTE[0], label=current_label),
        Patch(facecolor="white", edgecolor=PALETTE[0], hatch="//", label=lapsed_label),
    ]
    if ends.isna().any():
        handles.append(Patch(facecolor=MUTED, edgecolor=MUTED, label=open_label))
    line.set_label(reference_label)
    handles.append(line)
    _legend_above(ax, handles)
    ax.set_yticks(range(len(rows)), rows, fontsize=size(10))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(first, last + 1)
    years = [
        int(year)
        for year in MaxNLocator(nbins=5, integer=True, steps=[1, 2, 5, 10]).tick_values(first, last)
        if first <= year <= last
    ]
    ax.set_xticks(years, [str(year) for year in years])
    _title(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    data = pd.DataFrame(
        {
            "row": ends.index,
            "first year": starts.to_numpy(),
            "last year": ends.to_numpy(),
            lapsed_label: lapsed.to_numpy(),
        }
    )
    return Chart(fig, title, data)


@recipe
def stacked_counts(
    counts: pd.DataFrame, *, title: str, xlabel: str, lang: str = "en", height: float = 3.8
) -> Chart:
    """One horizontal bar per row, stacked by column (hatched in turn, count written in each
    segment), with a legend above in stacking order."""
    rows = [_wrap(name, 30) for name in counts.index]
    fig, ax = new_figure(_tall_enough(height, rows))
    fills = [PALETTE[0], PALETTE[1], "white", MUTED, PALETTE[3], PALETTE[5]]
    light = {"white", MUTED}
    left = pd.Series(0.0, index=counts.index)
    for i, column in enumerate(counts.columns):
        values = counts[column].astype(float)
        ax.barh(
            rows,
            values,
            left=left,
            label=column,
            color=fills[i],
            edgecolor=PALETTE[0],
            hatch=HATCHES[i],
        )
        for y, (value, start) in enumerate(zip(values, left, strict=True)):
            if value:
                ax.annotate(
                    number(value, lang),
                    (start + value / 2, y),
                    ha="center",
                    va="center",
                    fontsize=size(11),
                    fontweight="bold",
                    color="#1A1A1A" if fills[i] in light else "white",
                    # a patch of the segment's own colour, so the hatching never
                    # runs through the digits
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": fills[i], "edgecolor": "none"},
                )
        left = left + values
    ax.invert_yaxis()
    _legend_above(ax, columns=2 if len(counts.columns) > 3 else len(counts.columns))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _finish(ax, title, xlabel, lang, axis="x")
    _title(ax, title)
    data = counts.rename(columns={c: unit_header(c, xlabel) for c in counts.columns})
    data.index.name = "row"
    return Chart(fig, title, data.reset_index())
