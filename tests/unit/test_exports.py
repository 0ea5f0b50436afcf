"""What leaves the book keeps its meaning: slides, pages, CSVs, workbooks, citations, PDFs.

Expected values are the report's printed numbers and hand-worked sizes, never the output of
the code under test: a slide is 1920 x 1080; a page fits on it at its own size (at most
6.8 inches tall: 1360 pixels at 200 dpi); the DEVIDA index starts at 100; 52 priority
actions in all; the report's Spanish title as CICAD publishes it.
"""

from __future__ import annotations

import html
import json
import os
import re
import struct
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis.contract.parameters import Edition
from analysis.exhibits import citation
from analysis.exhibits.chart import Chart
from analysis.exhibits.chart_parts import new_figure
from analysis.exhibits.edition_words import amounts_sentence, coding_words
from analysis.exhibits.figure import Exhibit, ExhibitError, publish
from analysis.exhibits.figure_layouts import recipe
from analysis.exhibits.figures_page import records
from tests.conftest import ROOT, each
from tests.editions import glued

FIGURES = ROOT / "book" / "figures"
RECORDS = records(FIGURES)
IDS = [record["id"] for record in RECORDS]
CODED = {
    "fig-headline-statuses",
    "fig-coverage-status",
    "fig-coverage-scores",
    "fig-gap-themes",
    "fig-is-statuses",
    "fig-rime-statuses",
    "fig-ic-statuses",
}
BUILD = ROOT / "_build"
EDITIONS = {  # what `make book` builds: (the PDF, the folder of its executed notebooks)
    "en": (BUILD / "html" / "mem-peru-2023.pdf", ROOT / "book"),
    "es": (
        BUILD / "editions" / "lang-es" / "html" / "mem-peru-2023-lang-es.pdf",
        BUILD / "editions" / "lang-es" / "source" / "book",
    ),
}


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


# --- slides and pages ----------------------------------------------------------------------


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_every_png_fits_a_slide_at_its_own_size_and_has_its_slide(record):
    for name in record["pngs"]:
        width, height = png_size(FIGURES / name)
        assert width == 1600, name  # 8 inches at 200 dpi: the type's own size
        assert height <= 1360, f"{name}: {height} px is taller than a slide at 200 dpi"
    assert len(record["slides"]) == len(record["pngs"])
    for name in record["slides"]:
        assert png_size(FIGURES / name) == (1920, 1080), name
    for suffix in ("-compact.png", "-compact.svg", ".xlsx"):
        assert (FIGURES / f"{record['id']}{suffix}").is_file(), suffix


def test_the_tall_charts_are_cut_into_pages():
    tall = {r["id"]: r for r in RECORDS if png_size(FIGURES / f"{r['id']}.png")[1] > 1360}
    assert {"fig-rime-statuses", "fig-evidence-age", "fig-is-statuses"} <= set(tall)
    for record in tall.values():
        assert len(record["pngs"]) >= 2, record["id"]


# --- self-describing data ------------------------------------------------------------------


def _csv(figure: str, folder: Path = FIGURES) -> pd.DataFrame:
    return pd.read_csv(folder / f"{figure}.csv")


def test_csv_headers_carry_units():
    assert any("[Index (2019 = 100)]" in c for c in _csv("fig-devida-index").columns)
    assert any("[% of DEVIDA's budget]" in c for c in _csv("fig-opd-share").columns)
    assert any("[Soles per US dollar]" in c for c in _csv("fig-exchange-rates").columns)
    assert any("[Thousands of US dollars]" in c for c in _csv("fig-opd-composition").columns)


def test_csv_values_are_rounded_as_drawn():
    index = _csv("fig-devida-index")
    dollars = next(c for c in index.columns if c.startswith("In US dollars"))
    assert index[dollars].iloc[0] == 100.0
    for column in index.columns[1:]:
        for value in index[column]:
            assert round(value, 1) == value, (column, value)  # one decimal, as labelled
    share = _csv("fig-opd-share")
    for column in share.columns[1:]:
        assert all(round(value, 2) == value for value in share[column]), column


def test_a_count_out_of_a_total_is_two_numbers():
    data = _csv("fig-coverage-status")
    assert not data.astype(str).apply(lambda c: c.str.contains(" / ")).any().any()
    counts = [c for c in data.columns if "[priority actions]" in c]
    assert len(counts) == 4  # met, partially met, not met, no information
    total = next(c for c in data.columns if c.startswith("priority actions"))
    assert (data[counts].sum(axis=1) == data[total]).all()
    assert data[total].sum() == 52  # the report's 52 priority actions


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_a_coded_figure_says_whose_coding_it_is(record):
    coded = record["id"] in CODED
    assert record["coded"] == coded
    words = "this book's coding"
    assert (words in record["source"]) == coded
    columns = _csv(record["id"]).columns[1:]
    marked = [words in column for column in columns]
    assert all(marked) if coded else not any(marked), list(columns)
    about = pd.read_excel(FIGURES / f"{record['id']}.xlsx", sheet_name="About", header=None)
    text = " ".join(about[1].fillna("").astype(str))
    assert (words in text) == coded


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_the_workbook_reads_back_as_the_csv_and_says_what_it_holds(record):
    path = FIGURES / f"{record['id']}.xlsx"
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["Data", "About"]
    pd.testing.assert_frame_equal(
        sheets["Data"], _csv(record["id"]), check_dtype=False, check_exact=False
    )
    about = dict(pd.read_excel(path, sheet_name="About", header=None).values.tolist())
    assert about["Title"] == record["title"]
    assert about["Caption"] == record["caption"]
    assert about["Source"].startswith("OAS/CICAD")
    assert about["How to cite"].startswith("Inter-American Drug Abuse Control Commission")
    assert f"Figure {about['Figure']}, {record['title']}" in about["How to cite"]
    assert about["Edition"] == "Reference edition"
    # The data's date is the report's publication (2023), apart from the book's version.
    assert about["Date of the data"] == "2023, the report's publication"
    # The committed figures name the release of CITATION.cff (each release rebuilds them).
    assert f"version {citation.citation()['version']} of " in about["This book"]
    cells = " ".join(str(value) for value in about.values())
    assert "None" not in cells and "nan" not in cells


# --- each figure's data package ------------------------------------------------------------

# Units worked out by hand from the figures' headers: what the package must say.
UNITS = {
    ("fig-devida-budget", "year"): "calendar year",
    ("fig-devida-budget", "Millions of US dollars"): "Millions of US dollars",
    ("fig-devida-index", "In soles [Index (2019 = 100)]"): "Index (2019 = 100)",
    ("fig-exchange-rates", "Implied (DEVIDA table) [Soles per US dollar]"): "Soles per US dollar",
    ("fig-opd-share", "Whole OPD budget [% of DEVIDA's budget]"): "% of DEVIDA's budget",
    ("fig-bilateral-regions", "countries"): "count",
    ("fig-evidence-age", "latest year"): "calendar year",
    ("fig-coverage-checklists", "share of the list's rows (%)"): "%",
}


def _package(path: Path, tmp_path: Path) -> tuple[Path, dict]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = tmp_path / path.stem
    assert sorted(names) == sorted(
        f"{path.stem}/{name}" for name in (f"{path.stem}.csv", "datapackage.json", "README.md")
    )
    return folder, json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_every_figures_data_package_is_valid_and_says_what_it_is(record, tmp_path):
    import frictionless

    folder, package = _package(FIGURES / f"{record['id']}.zip", tmp_path)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    # The CSV inside is the one beside it, byte for byte.
    assert (folder / f"{record['id']}.csv").read_bytes() == (
        FIGURES / f"{record['id']}.csv"
    ).read_bytes()
    number = IDS.index(record["id"]) + 1  # book order: the Figures page's numbers
    assert package["title"] == f"Figure {number}: {record['title']}"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"][0]["title"].startswith(
        "Inter-American Drug Abuse Control Commission (CICAD), Organization of American States"
    )
    assert package["sources"][1]["title"].startswith("MEM Peru 2023: the evaluation report")
    assert package["edition"] == "Reference edition"
    assert package["dataDate"] == "2023" and package["bookVersion"].startswith(
        f"version {citation.citation()['version']} of "
    )
    assert package["citation"].startswith("Inter-American Drug Abuse Control Commission")
    assert package["bibtex"].startswith(f"@misc{{mem-peru-2023-{record['id']},")
    assert ("caveat" in package) == (record["id"] in CODED)
    fields = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}
    assert list(fields) == list(_csv(record["id"]).columns)
    for (figure, column), unit in UNITS.items():
        if figure == record["id"]:
            assert fields[column]["unit"] == unit, column
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert record["title"] in readme and "CC BY 4.0" in readme and "2023" in readme
    text = json.dumps(package) + readme
    assert "None" not in text and "NaN" not in text


def test_a_money_figure_names_its_currency_and_prices_in_words(tmp_path):
    _, package = _package(FIGURES / "fig-devida-budget.zip", tmp_path)
    assert package["currency"] == "US dollars"
    assert package["prices"] == "at current prices"
    assert "priceIndex" not in package  # current prices: no index
    _, package = _package(FIGURES / "fig-coverage-status.zip", tmp_path)
    assert "currency" not in package and "prices" not in package  # counts, not amounts


def test_a_figures_data_package_is_the_same_bytes_on_every_build(tmp_path):
    from analysis.exhibits.figure_package import package_bytes

    record = next(r for r in RECORDS if r["id"] == "fig-devida-budget")
    first = package_bytes(FIGURES, record, 2, "https://example.org/x/html/")
    assert package_bytes(FIGURES, record, 2, "https://example.org/x/html/") == first


def test_at_constant_prices_a_figure_names_its_price_index_everywhere(tmp_path):
    """Drawn in soles at 2023 prices: the chart's footer (so its slide), the record that
    the About sheet and the package read, and the package itself name the Lima CPI, its
    publisher and that its figures are not yet checked against INEI's tables."""
    from analysis.exhibits.figure_package import descriptor
    from analysis.exhibits.workbook import about_rows

    exhibit = Exhibit(
        "fig-prices",
        "devida-budget",
        _two_labels("x"),
        "c",
        "a 1",
        "somewhere",
        Edition.model_validate({"currency": "PEN", "price_basis": "real", "base_year": 2023}),
    )
    publish(exhibit, tmp_path)
    record = records(tmp_path)[0]
    assert record["id"] == "fig-prices-pen-2023-prices"  # the edition in the file's name
    assert record["figure"] == "fig-prices"
    svg = (tmp_path / "fig-prices-pen-2023-prices.svg").read_text(encoding="utf-8")
    for words in ("Lima consumer price index", "INEI", "not yet checked against INEI"):
        assert words in " ".join(re.sub(r"<[^>]+>", " ", svg).split())
        assert words in " ".join(record["price_index"])
    about = dict(about_rows(record, 1, "", "en"))
    assert "Lima consumer price index" in about["Price index"]
    assert about["Prices"] == "at 2023 prices" and about["Currency"] == "soles"
    assert about["Edition"] == "Edition: amounts in soles at 2023 prices"
    package = descriptor(record, 1, "")
    assert "Lima consumer price index" in package["priceIndex"][0]
    assert "base_year" not in " ".join(v for k, v in about.items() if k != "Parameters")


def test_a_workbook_is_the_same_bytes_on_every_build(tmp_path):
    from analysis.exhibits.workbook import workbook_bytes

    data = pd.DataFrame({"year": [2020, 2021], "amount [US$]": [1.5, 2.25]})
    first = workbook_bytes(data, [("Title", "t")], "en")
    assert workbook_bytes(data, [("Title", "t")], "en") == first
    path = tmp_path / "x.xlsx"
    path.write_bytes(first)
    pd.testing.assert_frame_equal(pd.read_excel(path, sheet_name="Data"), data)


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


@recipe
def _two_labels(words: str) -> Chart:
    """Two labels half the plot apart: room for each on a desktop's canvas, not on a phone's."""
    fig, ax = new_figure()
    for x in (0.0, 0.5):
        ax.text(x, 0.5, words, transform=ax.transAxes)
    ax.set_axis_off()
    return Chart(fig, "Two labels", pd.DataFrame({"x": [0.0, 0.5]}))


def test_a_figure_that_cannot_fit_its_compact_layout_stops_naming_it(tmp_path):
    chart = _two_labels("some thirty-five characters of text")
    assert chart.overlapping_text() == []  # the wide layout is fine: only the compact fails
    exhibit = Exhibit("fig-crowded", "intro", chart, "c", "a 1", "somewhere", Edition())
    with pytest.raises(ExhibitError, match=r"^fig-crowded: does not fit its compact layout"):
        publish(exhibit, tmp_path)


# --- citations -----------------------------------------------------------------------------


RECORD = {"id": "fig-x", "title": "A chart", "edition": "", "coding": ""}
ADDRESS = "https://example.org/repo/html/book/figures.html#cite-fig-x"


@pytest.fixture
def release_0_1_0(monkeypatch):
    """CITATION.cff as it named version 0.1.0 of 27 November 2026 (each release changes the
    file; these expectations stay worked by hand)."""
    cff = {**citation.citation(), "version": "0.1.0", "date-released": "2026-11-27"}
    monkeypatch.setattr(citation, "citation", lambda: cff)


@pytest.mark.usefixtures("release_0_1_0")
def test_a_figure_citation_names_title_number_version_date_edition_and_address():
    apa = citation.figure_citation_apa(RECORD, "en", 7, ADDRESS)
    assert apa.startswith("Inter-American Drug Abuse Control Commission (CICAD). (2023).")
    assert "Figure 7, *A chart* (reference edition)" in apa
    assert "version 0.1.0 of 27 November 2026" in apa
    assert apa.endswith(ADDRESS)
    bibtex = citation.figure_bibtex(RECORD, "en", 7, ADDRESS)
    assert "  title = {Figure 7: A chart}," in bibtex
    assert f"  url = {{{ADDRESS}}}," in bibtex
    assert "  urldate = {2026-11-27}" in bibtex
    assert "url =" not in citation.figure_bibtex(RECORD, "en", 7)  # unpublished: none


@pytest.mark.usefixtures("release_0_1_0")
def test_the_spanish_edition_cites_the_report_by_its_spanish_title():
    apa = citation.figure_citation_apa(RECORD, "es", 7)
    assert apa.startswith(
        "Comisión Interamericana para el Control del Abuso de Drogas (CICAD). (2023). "
        "*Mecanismo de Evaluación Multilateral (MEM). Informe de Evaluación sobre Políticas "
        "de Drogas: Fortalecimiento Institucional; Investigación, Información, Monitoreo y "
        "Evaluación; y Cooperación Internacional. Perú*"
    )
    assert "Figura 7, *A chart*" in apa and "27 de noviembre de 2026" in apa
    assert "Evaluation Report" not in apa


def test_an_editions_address_comes_from_the_sites_base_url(monkeypatch):
    monkeypatch.setattr(citation, "base_url", lambda: "https://example.org/repo/")
    assert citation.edition_address(Edition()) == "https://example.org/repo/html/"
    spanish = Edition(lang="es")
    assert citation.edition_address(spanish) == "https://example.org/repo/editions/lang-es/html/"


def test_the_coding_is_the_books_unless_a_reader_brings_their_own(tmp_path):
    assert coding_words(Edition()) == "this book's coding"
    assert coding_words(Edition(lang="es")) == "codificación de este libro"
    mine = tmp_path / "mine.csv"
    mine.write_text("action,status\nIS-2.3,not met\n", encoding="utf-8")
    reader = Edition(codings=str(mine))
    words = coding_words(reader)
    assert re.fullmatch(r"the reader's coding \(mine-[0-9a-f]{8}\)", words), words
    assert words.removeprefix("the reader's coding (").rstrip(")") in reader.label
    assert coding_words(Edition(codings=str(mine), lang="es")).startswith(
        "codificación del lector (mine-"
    )


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


def _page_text(reader, number: int) -> str:
    return " ".join(unicodedata.normalize("NFKC", reader.pages[number - 1].extract_text()).split())


@pytest.mark.build  # reads the PDFs `make book` printed
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_pdfs_contents_and_bookmarks_name_the_page_each_heading_is_on(lang):
    from pypdf import PdfReader

    pdf, _ = _pdf_or_skip(lang)
    reader = PdfReader(pdf)
    marks = _bookmarks(reader)
    chapters = [mark for mark in marks if mark[0] == 1]
    assert len(chapters) >= 8 and len(marks) > len(chapters), marks  # chapters and sections
    assert max(depth for depth, _, _ in marks) == 2
    contents = " ".join(_page_text(reader, n) for n in range(2, 5))
    for _, title, page in marks:
        title = " ".join(unicodedata.normalize("NFKC", title).split())
        assert "  " not in title and not re.search(r"[a-z][A-Z]", title.replace("MEM", "")), title
        assert title[:40] in _page_text(reader, page), f"{title!r} is not on page {page}"
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
    from pypdf import PdfReader

    pdf, notebooks = _pdf_or_skip(lang)
    reader = PdfReader(pdf)
    pages = [_page_text(reader, n) for n in range(1, len(reader.pages) + 1)]
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


def test_a_figure_with_a_compact_twin_is_served_as_a_picture(tmp_path):
    source = tmp_path / "source"
    (source / "figures").mkdir(parents=True)
    for name in ("fig-a.png", "fig-a-compact.png", "fig-b.png"):  # fig-b has no twin
        (source / "figures" / name).write_bytes((FIGURES / "fig-devida-budget.png").read_bytes())
    (source / "conf.py").write_text(
        "extensions = ['analysis.edition.sphinxext', 'analysis.edition.sphinx_exports']\n"
        "root_doc = 'page'\n"  # index.html: the extension's redirect to the front page
    )
    (source / "page.rst").write_text(
        "Title\n=====\n\n.. figure:: figures/fig-a.png\n   :alt: a\n   :width: 100%\n\n"
        ".. image:: figures/fig-b.png\n   :alt: b\n"
    )
    # In a process of its own: Sphinx registers its nodes for the whole process, and the
    # builds that other tests fork from this one would warn about them twice.
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", source, tmp_path / "html"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "html" / "page.html").read_text(encoding="utf-8")
    assert re.search(
        r'<picture><source media="\(max-width: 600px\)" srcset="_images/fig-a-compact\.png">'
        r'<img [^>]*src="_images/fig-a\.png"[^>]*/?>\s*</picture>',
        page,
    ), page
    assert page.count("<picture>") == 1  # fig-b has no twin: a plain image
    assert page.count("fig-a-compact.png") == 1  # in the <source> only, never an <img> of its own
    assert (tmp_path / "html" / "_images" / "fig-a-compact.png").is_file()


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
