"""What leaves the book keeps its meaning: slides, pages, CSVs, workbooks, citations, PDFs.

Expected values are the report's printed numbers and hand-worked sizes, never the output of
the code under test: a slide is 1920 x 1080; a page fits on it at its own size (at most
6.8 inches tall: 1360 pixels at 200 dpi); the DEVIDA index starts at 100; 52 priority
actions in all; the report's Spanish title as CICAD publishes it.
"""

from __future__ import annotations

import datetime
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.contract.parameters import Edition
from analysis.exhibits import citation
from analysis.exhibits.chart import Chart
from analysis.exhibits.chart_parts import new_figure
from analysis.exhibits.edition_words import coding_words
from analysis.exhibits.figure import Exhibit, ExhibitError, publish
from analysis.exhibits.figure_layouts import recipe
from analysis.exhibits.figures_page import records
from tests.conftest import ROOT

FIGURES = ROOT / "book" / "figures"
RECORDS = records(FIGURES)
IDS = [record["id"] for record in RECORDS]


def _book_version() -> str:
    """What the committed figures name as the book's version: CITATION.cff's, in words
    ("version 1.1.0 of 7 December 2026")."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    day = datetime.date.fromisoformat(str(cff["date-released"]))
    months = "January February March April May June July August September October November"
    name = (months + " December").split()[day.month - 1]
    return f"version {cff['version']} of {day.day} {name} {day.year}"


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
    assert about["This book"].endswith(_book_version())
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
    assert package["dataDate"] == "2023" and package["bookVersion"].startswith(_book_version())
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
