"""Reading a figure back from its SVG, as a reader would: tick labels against their positions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
TICK = re.compile(r"^([xy])tick_\d+$")


def axis_ticks(svg: Path) -> list[tuple[str, list[tuple[float, str]]]]:
    """Per axis of the figure: its letter and (position, label) of each tick, in order."""
    root = ET.parse(svg).getroot()
    axes = []
    for axis in root.iter(f"{SVG}g"):
        if not axis.get("id", "").startswith("matplotlib.axis_"):
            continue
        ticks, letter = [], None
        for group in axis:
            found = TICK.match(group.get("id", ""))
            if not found:
                continue
            letter = found.group(1)
            use = next(group.iter(f"{SVG}use"), None)
            text = next(group.iter(f"{SVG}text"), None)
            if use is None or text is None:
                continue
            position = float(use.get("y" if letter == "y" else "x"))
            ticks.append((position, "".join(text.itertext()).strip()))
        if ticks:
            axes.append((letter, ticks))
    return axes


def as_number(label: str, lang: str) -> float | None:
    """A tick label's number, or None for a name. Both languages group thousands with ','
    and mark decimals with '.' (Spanish as written in Peru); a label in another style
    ('0,5', '1.000') is no number here, and its axis is reported by `tick_problems`."""
    text = label.replace("\u2212", "-").replace("\u00a0", "").replace("%", "").strip()
    if not GROUPED.match(text.lstrip("+-")):
        return None
    return float(text.replace(",", ""))


# A number as the book writes it in either language: 1,175,001.9 or 94.6.
GROUPED = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
# Written as another locale writes numbers: a decimal comma, or points grouping thousands.
FOREIGN = re.compile(r"^[\u2212+-]?\d+(,\d{1,2}|,\d{4,}|(\.\d{3})+(,\d+)?)%?$")


def tick_problems(svg: Path, lang: str) -> list[str]:
    """Axes whose numeric labels do not step evenly with their evenly spaced ticks."""
    problems = []
    for letter, ticks in axis_ticks(svg):
        foreign = [label for _, label in ticks if FOREIGN.match(label.replace("\u00a0", ""))]
        if foreign:
            problems.append(f"{svg.name} {letter}: labels in another locale's style {foreign}")
            continue
        values = [as_number(label, lang) for _, label in ticks]
        if len(ticks) < 2 or any(v is None for v in values):
            continue  # a categorical axis: names, not numbers
        positions = [p for p, _ in ticks]
        labels = [label for _, label in ticks]
        if len(set(labels)) != len(labels):
            problems.append(f"{svg.name} {letter}: repeated labels {labels}")
            continue
        slopes = [
            (values[i + 1] - values[i]) / (positions[i + 1] - positions[i])
            for i in range(len(values) - 1)
        ]
        if max(slopes) - min(slopes) > 1e-6 * max(abs(s) for s in slopes):
            problems.append(f"{svg.name} {letter}: labels {labels} at {positions}")
    return problems
