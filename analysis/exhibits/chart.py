"""A chart: its figure, title and the table of exactly what it draws; its footer (the
source line and edition stamp, inside the image), its pages when it is taller than a
slide, its files (PNG, SVG, slide) and the check that none of its texts overlap.

Charts are 16:9 and sized to be read on a slide; the recipes that draw them are in
recipes.py, what they draw with in chart_parts.py.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.exhibits.chart_parts import legend_below
from analysis.exhibits.figure_layouts import COMPACT, current, drawn_as

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

FOOTER_COLOUR = "#505050"
FOOTER_LINE = 8 * 1.3 / 72  # inches: a line of the footer's 8 pt type
USUAL_FOOTER_LINES = 3  # the source line (two lines) and the edition stamp


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
            legend_below(*figure._mem_legend)
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
            if name.endswith(" …"):  # wrap ran out of lines
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
