"""The Spanish editions of the grid, made for Peru: every page and every download is read for
English category values and for numbers in another locale's style.

Numbers in Spanish are written as in Peru (Babel's es_PE, the style of the report and of
DEVIDA): 94.6, 1,175,002, 24.0 %. A decimal comma (94,6), points grouping thousands
(1.175.002) or a percent sign without its space (24.0%) is another locale's style. Values
kept as the report prints them (tables marked `data-as-printed`, columns named as printed)
are the report's, whatever their style, and so are its words quoted «between guillemets».
Category values (statuses, stages, the contract's allowed values, yes/no, the translated
labels of the data) must be in Spanish wherever a Spanish reader meets them: pages, figure
CSVs, the data files' category columns, the data package and its zip.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.contract.load import contract, load_table
from analysis.contract.parameters import site_home
from analysis.edition.grid import read_grid
from analysis.exhibits import terms
from analysis.exhibits.language import label
from tests.conftest import ROOT, each
from tests.figure_check import tick_problems

BUILD = ROOT / "_build"
SPANISH = {site_home(e): e for e in read_grid() if e.lang == "es"}

# Another locale's style: a decimal comma (one or two decimals, or more than three), points
# grouping thousands, a space before the percent sign (Babel's es_PE pattern, '#,##0%', has
# none: Peru writes 24.0%, where Spain writes 24,0 %).
DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,])")
POINT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d])|\d\.\d{3},\d")
SPACED_PERCENT = re.compile(r"\d[ \u00a0\u202f]%")
AS_PRINTED_COLUMN = re.compile(r"impres")  # texto_impreso, fecha_impresa, tipo_impreso...
QUOTED = re.compile(r"«[^»]*»")  # the report's own words, quoted


@functools.cache
def category_columns() -> dict[str, list[bool]]:
    """Per data file, which of its columns hold categories (by position, as in the English
    contract): allowed values, yes/no, or texts the contract marks for translation."""
    return {
        resource["path"]: [
            bool(
                field.get("constraints", {}).get("enum")
                or field.get("trueValues")
                or field.get("translate")
            )
            for field in resource["schema"]["fields"]
        ]
        for resource in contract()["resources"]
    }


def foreign_numbers(text: str) -> list[str]:
    return [
        match.group(0)
        for pattern in (DECIMAL_COMMA, POINT_GROUPS, SPACED_PERCENT)
        for match in pattern.finditer(text)
    ]


@functools.cache
def english_categories() -> dict[str, str]:
    """English category value -> its Spanish, for those whose Spanish differs."""
    found: dict[str, str] = {}

    def add(english: str, spanish: str) -> None:
        if english.strip() and english != spanish:
            found[english] = spanish

    for resource in contract()["resources"]:
        fields = resource["schema"]["fields"]
        for field in fields:
            for value in field.get("constraints", {}).get("enum", []):
                add(str(value), label(str(value), "es"))
            for value in field.get("trueValues", []) + field.get("falseValues", []):
                add(value, label(value, "es"))
        wanted = [field["name"] for field in fields if field.get("translate")]
        if wanted:
            frame = load_table(resource["name"])
            for name in wanted:
                for value in frame[name].dropna().astype(str):
                    add(value, label(value, "es"))
    for code in ("met", "partially met", "not met", "no information"):
        add(code, terms.status_name(code, "es"))
    for code in ("satisfaction", "mixed", "concern"):
        add(code, terms.tone_name(code, "es"))
    for code in ("yes", "no", "partial"):
        add(terms.answer_name(code, "en"), terms.answer_name(code, "es"))
    return found


def test_the_english_categories_are_worked_out_as_expected():
    # A few worked by hand, so that the checks below cannot pass on an empty list.
    categories = english_categories()
    assert categories["partially met"] == "cumplida en parte"
    assert categories["goods_services"] == "bienes_servicios"
    assert categories["Health Ministry"] == "Ministerio de Salud"
    assert categories["yes"] == "sí"
    assert "no" not in categories and "USD" not in categories  # the same in Spanish


def test_the_number_checks_find_another_locales_style():
    found = foreign_numbers("de 94,6 a 1.175.002 (24,0\u00a0%)")
    assert found == ["94,6", "24,0", "1.175.002", "0\u00a0%"]
    assert foreign_numbers("de 94.6 a 1,175,002 (24.0%), acciones 1.1 y 2.6") == []


# --- reading an edition ---------------------------------------------------------------------


class _Text(HTMLParser):
    """A page's text as a reader sees it, without code, scripts or as-printed tables; and
    the text of each table cell."""

    SKIPPED = {"script", "style", "pre", "code", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.cells: list[str] = []
        self._skip = 0  # depth inside skipped elements
        self._stack: list[tuple[str, bool]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        skipped = (
            tag in self.SKIPPED
            or "cell_input" in classes.split()
            or attrs.get("data-as-printed") == "true"
            or attrs.get("aria-hidden") == "true"
        )
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        self._stack.append((tag, skipped))
        self._skip += skipped
        if tag in ("td", "th") and not self._skip:
            self._cell = []

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, skipped = self._stack.pop()
            self._skip -= skipped
            if open_tag in ("td", "th") and self._cell is not None:
                self.cells.append(" ".join("".join(self._cell).split()))
                self._cell = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _read_page(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(home: str) -> list[Path]:
    root = BUILD / home
    if not (root / "index.html").is_file():
        pytest.fail(f"no built edition in _build/{home}: run `make book` first")
    return each((p for p in root.rglob("*.html") if p.relative_to(root).parts[0][0] != "_"), "page")


def _downloads(home: str) -> list[Path]:
    files = (path for path in (BUILD / home / "_downloads").rglob("*") if path.is_file())
    return each(files, f"download of _build/{home}")


def _csv_problems(name: str, data: bytes) -> list[str]:
    """English categories and foreign numbers in one CSV file (its header included). In a
    data file, only its category columns hold categories: the others keep the report's
    text (names, titles, the words it is quoted by)."""
    categories = english_categories()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    problems = []
    header = rows[0] if rows else []
    for column in header:
        if column in categories:
            problems.append(f"{name}: column {column!r} is English")
    kinds = category_columns().get(Path(name.split(":")[-1]).name, [True] * len(header))
    for number, row in enumerate(rows[1:], start=2):
        for column, cell, kind in zip(header, row, kinds, strict=False):
            if AS_PRINTED_COLUMN.search(column):
                continue
            if kind and cell in categories:
                problems.append(f"{name}, row {number}, {column}: {cell!r} (English)")
            elif foreign_numbers(cell) and re.fullmatch(r"[\d.,%\u00a0 \u2212+-]+", cell):
                problems.append(f"{name}, row {number}, {column}: {cell!r} (another style)")
    return problems


def _contract_problems(name: str, data: bytes) -> list[str]:
    categories = english_categories()
    descriptor = json.loads(data)
    return [
        f"{name}: {resource['name']}.{field['name']}: allowed value {value!r} is English"
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        for value in field.get("constraints", {}).get("enum", [])
        if str(value) in categories
    ]


def _multiword(categories: dict[str, str]) -> re.Pattern:
    names = sorted((c for c in categories if " " in c), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


# --- the tests ------------------------------------------------------------------------------


@pytest.fixture(params=list(SPANISH), ids=[e.slug for e in SPANISH.values()])
def home(request) -> str:
    return request.param


def test_spanish_pages_have_no_english_categories_or_foreign_numbers(home):
    categories = english_categories()
    phrases = _multiword(categories)
    problems = []
    for page in _pages(home):
        name = page.relative_to(BUILD / home)
        read = _read_page(page)
        text = QUOTED.sub("", read.text)  # the report's words, as it wrote them
        problems += [
            f"{name}: table cell {cell!r} is English" for cell in read.cells if cell in categories
        ]
        problems += [f"{name}: English {m.group(0)!r}" for m in phrases.finditer(text)]
        problems += [f"{name}: {n!r} in another locale's style" for n in foreign_numbers(read.text)]
    assert not problems, f"_build/{home}:\n" + "\n".join(problems[:40])


def test_spanish_downloads_have_no_english_categories_or_foreign_numbers(home):
    problems = []
    downloads = _downloads(home)
    assert any(path.suffix == ".csv" for path in downloads)
    assert any(path.suffix == ".zip" for path in downloads)
    for path in downloads:
        name = path.name
        if path.suffix == ".csv":
            problems += _csv_problems(name, path.read_bytes())
        elif path.suffix == ".json" and name == "datapackage.json":
            problems += _contract_problems(name, path.read_bytes())
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for entry in archive.namelist():
                    data = archive.read(entry)
                    if entry.endswith(".csv"):
                        problems += _csv_problems(f"{name}:{entry}", data)
                    elif entry.endswith("datapackage.json"):
                        problems += _contract_problems(f"{name}:{entry}", data)
        elif path.suffix == ".svg":
            problems += tick_problems(path, "es")
            texts = re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"))
            problems += [f"{name}: {n!r}" for t in texts for n in foreign_numbers(t)]
    assert not problems, f"_build/{home}:\n" + "\n".join(problems[:40])


def test_the_spanish_package_is_a_valid_data_package_of_spanish_files(tmp_path):
    from analysis.contract.load import validate_package

    home = next(iter(SPANISH))
    zips = [p for p in _downloads(home) if p.name == "mem-peru-2023-data.zip"]
    assert zips, f"no data zip in _build/{home}: run `make book` first"
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "mem-peru-2023-data"
    assert validate_package(folder) is None  # keys, allowed values, completeness rules
    budget = pd.read_csv(folder / "devida-budget.csv")
    assert list(budget.columns) == ["año", "moneda", "monto", "texto_impreso"]
    items = pd.read_csv(folder / "assessment-items.csv", keep_default_na=False)
    assert items.loc[0, "accion"] == "FI-1.1" and items.loc[0, "respuesta"] == "sí"
    assert (folder / "devida-budget.csv").read_text().splitlines()[1] == (
        '2019,USD,94604221.75,"$94,604,221.75"'  # numbers and printed text as in data/
    )


# English in a Spanish page ------------------------------------------------------------------

EN_WORDS = re.compile(r"\b(?:the|of|and|with|does|has|have|not|for|from|which|is|are|to)\b")
ES_WORDS = re.compile(r"\b(?:el|la|los|las|de|del|y|con|que|para|por|es|son|una?|se)\b")


class _Languages(HTMLParser):
    """The text of a page's article, chunk by chunk, each with whether an element marks it
    as English (`lang="en"`)."""

    SKIPPED = {"script", "style", "pre", "code", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, bool]] = []
        self._stack: list[tuple[str, bool, bool, bool]] = []  # tag, english, skip, article

    def _state(self) -> tuple[bool, bool, bool]:
        return self._stack[-1][1:] if self._stack else (False, False, False)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        attrs = dict(attrs)
        english, skip, article = self._state()
        classes = (attrs.get("class") or "").split()
        if "lang" in attrs:
            english = attrs["lang"] == "en"
        skip = skip or tag in self.SKIPPED or "cell_input" in classes
        article = article or tag == "article" or "bd-article" in classes
        self._stack.append((tag, english, skip, article))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        english, skip, article = self._state()
        text = " ".join(data.split())
        if article and not skip and text:
            self.chunks.append((text, english))


def english_outside_lang_en(html: str) -> list[str]:
    """The passages of a page in English that no element marks as English: the report's
    words that the findings quote, and any run of text with more English than Spanish
    function words (three at least)."""
    parser = _Languages()
    parser.feed(html)
    unmarked = [text for text, english in parser.chunks if not english]
    found = [
        text
        for text in unmarked
        if len(EN_WORDS.findall(text)) >= 3
        and len(EN_WORDS.findall(text)) > len(ES_WORDS.findall(text))
    ]
    joined = " ".join(unmarked)
    quotes = {q for q in load_table("assessment-items")["quote"] if len(q) > 12}
    found += [f"the report's words: {q}" for q in sorted(quotes) if q in joined]
    return found


def test_the_check_finds_english_left_unmarked():
    page = (
        '<article class="bd-article"><p>El informe dice: «<span lang="en">does not have early '
        "warning systems (EWS)</span>».</p><p>has not established or maintained working "
        "relationships with universities</p></article>"
    )
    found = english_outside_lang_en(page)
    assert found == [
        "has not established or maintained working relationships with universities",
        "the report's words: has not established or maintained working relationships with "
        "universities",
    ]
    marked = page.replace("<p>has not", '<p lang="en">has not')
    assert english_outside_lang_en(marked) == []


def test_english_on_a_spanish_page_is_marked_english(home):
    # WCAG 3.1.2: a screen reader says English words as English only where an element marks
    # them so; the register page quotes the report in English, with this book's translation.
    problems = []
    marked = 0
    for page in _pages(home):
        html = page.read_text(encoding="utf-8")
        problems += [f"{page.name}: {text[:100]}" for text in english_outside_lang_en(html)]
        marked += html.count('<span lang="en">')
    assert not problems, f"_build/{home}:\n" + "\n".join(problems[:40])
    assert marked >= 105  # every quotation of the findings table, at least
