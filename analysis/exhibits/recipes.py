"""Chart recipes: each is a function of the data it draws, in one house style.

Colours come from the UK Government Analysis Function's categorical palette (chosen for
colour-blind readers); no chart relies on colour alone: lines carry markers and direct
labels, stacked bars carry hatching and a legend in stacking order, cells carry their
value or mark as text. Tick labels come from matplotlib's own locator and formatter,
written with the language's separators. Each recipe returns a Chart (chart.py), which keeps
the table of exactly what it draws."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.exhibits.chart import Chart
from analysis.exhibits.chart_parts import (
    HATCHES,
    MARKERS,
    MUTED,
    PALETTE,
    SEQUENTIAL,
    STATUS_MARKERS,
    YearFormatter,
    finish,
    is_compact,
    legend,
    legend_above,
    new_figure,
    room_for,
    rounded,
    set_title,
    tall_enough,
    unit_header,
    value_labels,
    wrap,
    year_axis,
)
from analysis.exhibits.figure_layouts import current, recipe, size
from analysis.exhibits.formats import number


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
    years = year_axis(ax, values.index)
    plotted = values.to_numpy(dtype=float) / unit
    bars = ax.bar(years, plotted, color=PALETTE[0])
    turn = 90 if is_compact() and len(years) > 5 else 0
    ax.bar_label(bars, labels=value_labels(plotted, lang, decimals), padding=3, rotation=turn)
    ax.margins(y=0.25 if turn else 0.12)
    finish(ax, title, ylabel, lang)
    return Chart(
        fig, title, pd.DataFrame({"year": values.index, ylabel: rounded(plotted, decimals)})
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
    years = year_axis(ax, frame.index)
    for i, column in enumerate(frame.columns):
        values = frame[column].to_numpy(dtype=float)
        last = f"{column}:\u00a0{number(values[-1], lang, decimals)}"
        ax.plot(years, values, marker=MARKERS[i], color=PALETTE[i], linewidth=2, label=last)
        if not is_compact():  # there, the legend under the plot says the same
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
    finish(ax, title, ylabel, lang)
    if is_compact():
        ax.set_xlim(-0.3, len(years) - 0.7)
        legend(ax)
    else:
        ax.set_xlim(-0.3, len(years) - 1 + 1.8)
        room_for(ax, ax.texts)
    data = pd.DataFrame(
        {unit_header(column, ylabel): rounded(frame[column], decimals) for column in frame}
    )
    data.insert(0, "year", list(frame.index))
    return Chart(fig, title, data)


@recipe
def stacked_bars(
    frame: pd.DataFrame, *, ylabel: str, title: str, lang: str = "en", unit: float = 1e3
) -> Chart:
    """Bars per year (index) stacked by column, with hatching and a legend in stack order."""
    fig, ax = new_figure()
    years = year_axis(ax, frame.index)
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
    turn = 90 if is_compact() and len(years) > 5 else 0
    for x, total in enumerate(bottom):
        ax.annotate(number(total, lang), (x, total), xytext=(0, 3), textcoords="offset points",
                    ha="center", rotation=turn)  # fmt: skip
    handles, labels = ax.get_legend_handles_labels()
    legend(ax, handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.margins(y=0.25 if turn else 0.1)
    finish(ax, title, ylabel, lang)
    data = pd.DataFrame(
        {unit_header(column, ylabel): rounded(plotted[column], 0) for column in plotted}
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
    ax.set_xticks(range(values.shape[1]), [wrap(c, 16) for c in values.columns])
    ax.set_yticks(range(values.shape[0]), [wrap(r, 60) for r in values.index])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ax.spines[:].set_visible(False)
    if xlabel:
        ax.set_xlabel(xlabel)
    set_title(ax, title)
    if counts is not None:  # one number a cell: counts, their total, then the shares
        data = pd.DataFrame(index=values.index)
        for column, own in zip(values.columns, counts.columns, strict=True):
            data[unit_header(column, count_unit)] = counts[own].to_numpy()
        data[count_unit] = counts.sum(axis=1).to_numpy()
        for column in values.columns:
            data[unit_header(share_header.format(column=column), "%")] = rounded(
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
    if is_compact():  # the column names stand upright above the rows: room for the longest
        extra += max(len(str(c)) for c in columns) * current().font * 0.6 / 72
    fig, ax = new_figure(tall_enough(height, [wrap(r, 34) for r in rows], extra=extra))
    dot = 260 if not is_compact() else 110
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
    legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1))
    # Column names slanted, so that long ones never run into their neighbours.
    ax.set_xticks(
        range(len(columns)),
        [wrap(c, 30) for c in columns] if not is_compact() else [str(c) for c in columns],
        rotation=90 if is_compact() else 45,  # upright on a phone: the columns are narrow
        ha="left" if not is_compact() else "center",
        rotation_mode="anchor" if not is_compact() else "default",
    )
    ax.set_yticks(range(len(rows)), [wrap(r, 34) for r in rows])
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    set_title(ax, title)
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
    rows = [wrap(name, 40) for name in have.index]
    fig, ax = new_figure(tall_enough(height, rows))
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
    legend_above(ax)
    finish(ax, title, xlabel, lang, axis="x")
    data = pd.DataFrame(
        {
            "row": have.index,
            have_label: have.to_numpy(),
            missing_label: (total - have).to_numpy(),
            xlabel: rounded(present, 0),
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
    rows = [wrap(name, 40) for name in values.index]
    fig, ax = new_figure(tall_enough(height, rows))
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
    ax.bar_label(bars, labels=value_labels(values, lang, decimals), padding=3)
    ax.invert_yaxis()
    if marked is not None and flags.any():
        handles = [
            Patch(facecolor=PALETTE[0], label=unmarked_label),
            Patch(facecolor=PALETTE[2], edgecolor="white", hatch="//", label=marked_label),
        ]
        legend_above(ax, handles)
    if percent_scale:
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_clip_on(False)
    elif decimals == 0:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.1)
    else:
        ax.margins(x=0.1)
    finish(ax, title, xlabel, lang, axis="x")
    data = pd.DataFrame({"row": values.index, xlabel: rounded(values, decimals)})
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
    rows = [wrap(name, 56 if not is_compact() else 40, lines=4) for name in years.index]
    fig, ax = new_figure(tall_enough(height, rows))
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
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if is_compact() else 6, integer=True))
    legend(ax, loc="lower right", bbox_to_anchor=(1, 1.0))
    ax.set_xlabel(xlabel)
    set_title(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_formatter(YearFormatter())
    data = pd.DataFrame(
        {
            "row": years.index,
            xlabel: years.to_numpy(),
            dated_label: dated.reindex(years.index).to_numpy(),
        }
    )
    return Chart(fig, title, data)


@recipe
def status_dots(
    statuses: pd.Series, *, title: str, names: dict[str, str], lang: str = "en", height: float = 6.0
) -> Chart:
    """One row per item (the series' index, top to bottom), a marker in the column of its
    status: filled, half-filled, open or a cross. `names` gives each status its words."""
    columns = list(STATUS_MARKERS)
    rows = [wrap(name, 50) for name in statuses.index]
    fig, ax = new_figure(tall_enough(height, rows))
    for y, code in enumerate(statuses):
        style = STATUS_MARKERS[code]
        ax.plot(
            columns.index(code),
            y,
            linestyle="none",
            markersize=11 if not is_compact() else 8,
            markeredgewidth=2,
            color=PALETTE[0],
            markerfacecoloralt="white",
            **style,
        )
    if is_compact():  # narrow columns: their names upright
        ax.set_xticks(range(len(columns)), [names[c] for c in columns], rotation=90)
    else:
        ax.set_xticks(range(len(columns)), [wrap(names[c], 14) for c in columns])
    ax.set_yticks(range(len(rows)), rows, fontsize=size(9))
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(axis="y", color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[:].set_visible(False)
    set_title(ax, title)
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
    rows = [wrap(name, 44) for name in ends.index]
    fig, ax = new_figure(tall_enough(height, rows))
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
    legend_above(ax, handles)
    ax.set_yticks(range(len(rows)), rows, fontsize=size(10))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(first, last + 1)
    years = [
        int(year)
        for year in MaxNLocator(nbins=5, integer=True, steps=[1, 2, 5, 10]).tick_values(first, last)
        if first <= year <= last
    ]
    ax.set_xticks(years, [str(year) for year in years])
    set_title(ax, title)
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
    rows = [wrap(name, 30) for name in counts.index]
    fig, ax = new_figure(tall_enough(height, rows))
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
    legend_above(ax, columns=2 if len(counts.columns) > 3 else len(counts.columns))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(ax, title, xlabel, lang, axis="x")
    set_title(ax, title)
    data = counts.rename(columns={c: unit_header(c, xlabel) for c in counts.columns})
    data.index.name = "row"
    return Chart(fig, title, data.reset_index())
