"""What leaves the built book keeps its meaning: the PDFs and briefs `make book` printed
(read with pypdf; raster images counted without decoding them), the Figures page's numbers,
and the downloads of every edition of the grid.
"""

from __future__ import annotations

import functools
import html
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis.contract.parameters import Edition
from analysis.exhibits.edition_words import amounts_sentence
from analysis.exhibits.figures_page import records
from tests.conftest import ROOT, each
from tests.editions import glued
from tests.unit.test_exports import _package

FIGURES = ROOT / "book" / "figures"
RECORDS = records(FIGURES)
IDS = [record["id"] for record in RECORDS]
BUILD = ROOT / "_build"
EDITIONS = {  # what `make book` builds: (the PDF, the folder of its executed notebooks)
    "en": (BUILD / "html" / "mem-peru-2023.pdf", ROOT / "book"),
    "es": (
        BUILD / "editions" / "lang-es" / "html" / "mem-peru-2023-lang-es.pdf",
        BUILD / "editions" / "lang-es" / "source" / "book",
    ),
}


@pytest.mark.build  # reads the built book
def test_the_spanish_editions_csv_speaks_spanish():
    folder = EDITIONS["es"][1] / "figures"
    if not folder.is_dir():
        pytest.skip("the Spanish edition is not built: run `make book`")
    from tests.editions import figure_data

    headers = " ".join(figure_data(folder.parent, "fig-coverage-status").columns)
    assert "codificación de este libro" in headers and "acciones prioritarias" in headers
    assert "this book" not in headers


# --- the compact layout --------------------------------------------------------------------


@pytest.mark.build  # reads the built book
def test_figure_numbers_on_the_figures_page_are_those_of_the_book():
    page = (BUILD / "html" / "book" / "figures.html").read_text(encoding="utf-8")
    numbers = {}
    for path in each((BUILD / "html" / "book").glob("*.html"), "page of the book"):
        text = path.read_text(encoding="utf-8")
        for figure, number in re.findall(
            r'<figure[^>]*id="(fig-[^"]+)".*?caption-number">Fig\. (\d+)', text, re.S
        ):
            numbers[figure] = int(number)
    assert sorted(numbers) == sorted(IDS)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\u2019", "'").split())
    for figure, number in numbers.items():
        title = next(r["title"] for r in RECORDS if r["id"] == figure)
        assert f"Figure {number}, {' '.join(title.split())}" in text, figure


# --- the PDFs ------------------------------------------------------------------------------


def _pdf_or_skip(lang: str) -> tuple[Path, Path]:
    pdf, notebooks = EDITIONS[lang]
    if not pdf.is_file():
        message = f"no PDF of the {lang} edition: `make book` prints it with Debian's Chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return pdf, notebooks


def _raster_images(page) -> int:
    """How many raster images a PDF page draws, counted in its resources (and in those of
    the forms it draws) without decoding any: pypdf's `page.images` decodes each."""
    count, forms, seen = 0, [page.get("/Resources")], set()
    while forms:
        resources = forms.pop()
        resources = resources.get_object() if resources is not None else None
        if not resources or id(resources) in seen:
            continue
        seen.add(id(resources))
        xobjects = resources.get("/XObject")
        for xobject in (xobjects.get_object() if xobjects else {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                count += 1
            elif xobject.get("/Subtype") == "/Form":
                forms.append(xobject.get("/Resources"))
    return count


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_edition_pdf_is_whole(lang):
    from pypdf import PdfReader

    pdf, notebooks = _pdf_or_skip(lang)
    reader = PdfReader(pdf)
    pages = len(reader.pages)
    assert 20 <= pages <= 400, pages
    text = " ".join(page.extract_text() for page in reader.pages[:8])
    text = " ".join(text.split())
    findings = glued(notebooks, "intro")
    for name in ("budget_finding", "share_finding", "status_finding", "gap_finding"):
        finding = findings[name]
        for number in re.findall(r"\d[\d.,]*\d|\d", finding):
            assert number in text, f"{name}: {number} of {finding!r} not in the PDF's text"
    images = sum(_raster_images(page) for page in reader.pages)
    assert images == 0, f"{images} raster images: the charts print as their SVG twins"
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    first = " ".join(reader.pages[0].extract_text().split())
    edition = Edition(lang=lang)
    assert amounts_sentence(edition) in first  # what the edition is, in words
    assert "currency" not in first and "partial_weight" not in first  # not as code
    links = [
        annotation.get_object()
        for page in reader.pages[1:4]
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert any("/Dest" in link for link in links)  # the contents link into the PDF
    print(f"{pdf.name}: {pages} pages, {images} raster images")


def _bookmarks(reader, items=None, depth=1) -> list[tuple[int, str, int]]:
    """(depth, title, page from 1) of every bookmark, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _bookmarks(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


@functools.cache
def _reader(pdf: Path):
    """One reader per PDF and worker process, shared by the tests that read its text."""
    from pypdf import PdfReader

    return PdfReader(pdf)


@functools.cache
def _text_of(pdf: Path, number: int) -> str:
    text = _reader(pdf).pages[number - 1].extract_text()
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _page_text(pdf: Path, number: int) -> str:
    """The text of a page (from 1), read once per PDF and worker: the contents and the
    charts tests read the same pages, and pypdf takes a second or more for a page of charts."""
    return _text_of(pdf, number)


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_pdfs_contents_and_bookmarks_name_the_page_each_heading_is_on(lang):
    pdf, _ = _pdf_or_skip(lang)
    marks = _bookmarks(_reader(pdf))
    chapters = [mark for mark in marks if mark[0] == 1]
    assert len(chapters) >= 8 and len(marks) > len(chapters), marks  # chapters and sections
    assert max(depth for depth, _, _ in marks) == 2
    contents = " ".join(_page_text(pdf, n) for n in range(2, 5))
    for _, title, page in marks:
        title = " ".join(unicodedata.normalize("NFKC", title).split())
        assert "  " not in title and not re.search(r"[a-z][A-Z]", title.replace("MEM", "")), title
        assert title[:40] in _page_text(pdf, page), f"{title!r} is not on page {page}"
        assert f"{title} {page}" in contents, f"the contents do not give {title!r} page {page}"


def _fonts(reader) -> list[tuple[str, bool]]:
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get_object().get("/Font") or {}
        for font in fonts.get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font.get("/BaseFont"))] = (
                any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                or font.get("/Subtype") == "/Type3"
            )
    return sorted(found.items())


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_pdfs_charts_are_vector_with_their_datas_address(lang):
    """Each chart is printed from its SVG twin: its title, drawn inside the image, is text
    that pypdf extracts on the page of its caption (or the page before, for a chart of
    several pages); under each, the address of its data."""
    pdf, notebooks = _pdf_or_skip(lang)
    pages = [_page_text(pdf, n) for n in range(1, len(_reader(pdf).pages) + 1)]
    caption = {"en": "Fig. {n} ", "es": "Figura {n} "}[lang]
    missing = []
    for number, record in enumerate(records(notebooks / "figures"), 1):
        marker = caption.format(n=number)
        at = [i for i, text in enumerate(pages) if marker in text]
        assert at, f"no caption {marker!r} in {pdf.name}"
        near = " ".join(pages[max(0, at[-1] - 2) : at[-1] + 1])
        words = " ".join(unicodedata.normalize("NFKC", record["title"]).split()[:3])
        if words not in near:
            missing.append(f"{record['id']}: {words!r}")
    assert not missing, "chart titles not found as text:\n" + "\n".join(missing)
    said = {"en": "Data and downloads:", "es": "Datos y descargas:"}[lang]
    text = " ".join(pages)
    assert text.count(said) == len(records(notebooks / "figures"))
    assert text.count(".zip") >= len(records(notebooks / "figures"))


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_brief_is_one_page_with_caveat_and_citation(lang):
    from pypdf import PdfReader

    pdf, _ = _pdf_or_skip(lang)
    reader = PdfReader(pdf.with_name("brief.pdf"))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    caveat = "this book's coding" if lang == "en" else "codificación de este libro"
    assert caveat in text
    assert "CICAD" in text and "2023" in text
    assert _raster_images(reader.pages[0]) == 0  # the headline figure, as vector:
    title = {"en": "priority actions by pillar", "es": "acciones prioritarias"}[lang]
    assert title in text, text


# --- the page serves the compact layout to phones ------------------------------------------


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_every_page_links_its_editions_pdf(lang):
    pdf, _ = _pdf_or_skip(lang)
    words = {"en": "Download this edition as PDF", "es": "Descargar esta edición en PDF"}[lang]
    for page in each((pdf.parent / "book").glob("*.html"), "page of the edition"):
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<a class="mem-pdf-link[^"]*"([^>]*)>(.*?)</a>', text, re.S)
        assert link, page.name
        assert f'href="../{pdf.name}"' in link.group(1), page.name
        assert f'aria-label="{words}"' in link.group(1), page.name  # its name, on a phone too
        assert f'<span class="mem-pdf-long">{words}</span>' in link.group(2), page.name
    front = (pdf.parent / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../brief.pdf"' in front  # the front page offers the brief too


# --- across the published grid -------------------------------------------------------------


def _grid_figures() -> dict[str, Path]:
    """Each built edition of the grid and its figures' folder (what `make book` built)."""
    from analysis.contract.parameters import site_home
    from analysis.edition.grid import read_grid

    found = {}
    for edition in read_grid():
        home = site_home(edition)
        folder = ROOT / "book" if edition.is_reference else BUILD / home.removesuffix("/html")
        folder = folder / "figures" if edition.is_reference else folder / "source/book/figures"
        if not folder.is_dir():
            pytest.skip(f"edition {edition.label or 'reference'} is not built: run `make book`")
        found[edition.label or "reference"] = folder
    return found


@pytest.mark.build  # reads the built grid
def test_two_editions_downloads_share_a_name_only_when_they_are_the_same_file():
    """A reader who saves the same figure from two editions gets two names, unless the two
    files are the same bytes (a chart no parameter of either edition changes)."""
    seen: dict[str, tuple[str, bytes]] = {}
    clashes, money = [], {}
    for edition, folder in _grid_figures().items():
        for record in records(folder):
            for suffix in (".csv", ".zip", ".png", ".svg"):
                name = f"{record['id']}{suffix}"
                data = (folder / name).read_bytes()
                if name in seen and seen[name][1] != data:
                    clashes.append(f"{name}: {seen[name][0]} and {edition} differ")
                seen.setdefault(name, (edition, data))
            if record["currencies"]:
                money.setdefault(record["figure"], set()).add(record["id"])
    assert not clashes, "\n".join(clashes)
    # A chart of amounts has a name of its own in each of the 8 editions.
    assert money and all(len(names) == 8 for names in money.values()), money


@pytest.mark.build  # reads the built grid
def test_every_editions_figure_packages_are_valid(tmp_path):
    import frictionless

    checked = 0
    for edition, folder in _grid_figures().items():
        for record in records(folder):
            unpacked, package = _package(folder / f"{record['id']}.zip", tmp_path / edition)
            report = frictionless.validate(str(unpacked / "datapackage.json"))
            assert report.valid, (edition, record["id"], report.flatten(["message"]))
            if "price_basis=real" in edition and record["currencies"]:
                assert package["priceIndex"], (edition, record["id"])
            checked += 1
    assert checked == 8 * len(RECORDS)


PARAMETER_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)*=")  # currency=PEN, base_year=2023


ENGLISH = re.compile(
    r"\b(Source|Edition|Figure|Price index|this book|reference edition|prices|Caption)\b"
)


@pytest.mark.build  # reads the built grid
def test_a_spanish_readers_workbook_slide_and_citation_hold_no_english_or_parameter_code():
    spanish = {e: f for e, f in _grid_figures().items() if "lang=es" in e}
    assert len(spanish) == 4
    for folder in spanish.values():
        for record in records(folder):
            path = folder / f"{record['id']}.xlsx"
            sheets = pd.read_excel(path, sheet_name=None, header=None)
            assert list(sheets) == ["Datos", "Acerca de"], path.name
            about = dict(sheets["Acerca de"].values.tolist())
            said = " ".join(str(v) for k, v in about.items() if k != "Parámetros")
            assert "None" not in said and not PARAMETER_CODE.search(said), path.name
            assert not ENGLISH.search(said.replace("CICAD", "")), (
                path.name,
                ENGLISH.search(said).group(0),
            )
            # What the slide and the image carry under the chart (the SVG's text is theirs).
            svg = (folder / f"{record['id']}.svg").read_text(encoding="utf-8")
            footer = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
            assert "Fuente: OEA/CICAD" in footer, record["id"]
            assert not PARAMETER_CODE.search(footer), record["id"]
            if record["edition"]:
                assert "Edición en español:" in footer, record["id"]
            assert "Edition" not in footer and "Source" not in footer
            citation_text = about["Cómo citar"]
            assert "edición en español" in citation_text and "currency" not in citation_text
