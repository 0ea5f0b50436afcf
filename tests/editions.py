"""Reading built editions in tests: glued values, tables and figure data of executed notebooks."""

from __future__ import annotations

import ast
import functools
import re
import string
from pathlib import Path

import nbformat
import pandas as pd

from analysis.contract.parameters import Edition
from analysis.edition.build import build
from analysis.edition.layout import Layout
from analysis.exhibits.language import catalog
from tests.conftest import ROOT, test_build


@functools.cache
def notebooks(values: tuple[tuple[str, str], ...]) -> Path:
    """Execute an edition's notebooks (no HTML) in the session's build folder and return
    the folder that holds them; the reference edition's are the committed ones in book/."""
    edition = Edition.from_values(dict(values))
    if edition.is_reference:
        return ROOT / "book"
    build(edition, root=ROOT, html=False, build_dir=test_build())
    return Layout.for_edition(edition, ROOT, test_build()).notebooks


def edition_folder(**values) -> Path:
    return notebooks(tuple(sorted((k, str(v)) for k, v in values.items())))


def glued(folder: Path, chapter: str) -> dict[str, str]:
    """The values a chapter's notebook glued, as the prose shows them (plain text)."""
    notebook = nbformat.read(folder / f"{chapter}.ipynb", as_version=4)
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = output["data"]
                markdown = next((v for k, v in data.items() if k.endswith("text/markdown")), None)
                plain = next(v for k, v in data.items() if k.endswith("text/plain"))
                values[name] = markdown if markdown is not None else ast.literal_eval(plain)
    return values


def figure_file(folder: Path, figure: str, suffix: str) -> Path:
    """A figure's file in an edition's folder: named after the figure and, in a variant,
    after what sets the edition apart (its record says which: `figure` -> `id`)."""
    import json

    for path in (folder / "figures").glob(f"{figure}*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("figure", record["id"]) == figure:
            return folder / "figures" / f"{record['id']}{suffix}"
    raise FileNotFoundError(f"no figure {figure!r} in {folder / 'figures'}")


def figure_data(folder: Path, figure: str) -> pd.DataFrame:
    """The CSV of exactly what a figure draws."""
    return pd.read_csv(figure_file(folder, figure, ".csv"))


def variant(text: str, templates: dict[str, str], lang: str) -> str:
    """Which of several English sentence templates (or their translations) `text` is.

    Each template's {fields} may hold anything; the one template that matches the whole
    text is returned by its key. Fails when none or several match.
    """
    found = [
        key
        for key, template in templates.items()
        if re.fullmatch(_pattern(_in(lang, template)), text, flags=re.S)
    ]
    assert len(found) == 1, f"{text!r} matches {found or 'no template'}"
    return found[0]


def _in(lang: str, template: str) -> str:
    return template if lang == "en" else catalog(lang, "analysis")[template]


def _pattern(template: str) -> str:
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".+?")
    return "".join(parts)


NUMBER = re.compile(r"[\u2212+-]?\d[\d.,\u00a0]*")
# Both languages write numbers the same way: ',' groups thousands, '.' marks decimals
# (English, and Spanish as written in Peru: es_PE). A comma before decimals, or a point
# grouping thousands, is another locale's style, and no number of this book.
GROUPED = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")


def number(text: str, lang: str) -> float:
    """A number as the book writes it in `lang` ('1,175,001.9', '−6.6'); a ValueError for
    one in another locale's style ('1.175.001,9', '94,6')."""
    text = text.replace("\u2212", "-").replace("\u00a0", "").strip()
    digits = text.lstrip("+-")
    if not GROUPED.match(digits):
        raise ValueError(f"{text!r} is not a number as the {lang!r} edition writes it")
    return float(text.replace(",", ""))
