"""Figures made for briefings: files, ticks read back, alt text, captions, citations, stability."""

import json
import re
import struct
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.ticker import FuncFormatter

from analysis.contract.parameters import Edition
from analysis.exhibits.chart_parts import new_figure
from analysis.exhibits.citation import book_bibtex, figure_bibtex, figure_citation_apa
from analysis.exhibits.figure import Exhibit, publish
from analysis.exhibits.figure_block import figure_block
from analysis.exhibits.figures_page import records
from analysis.exhibits.recipes import annual_bars
from tests.conftest import ROOT
from tests.figure_check import tick_problems

BOOK = ROOT / "book"
FIGURES = BOOK / "figures"
RECORDS = records(FIGURES)
IDS = [record["id"] for record in RECORDS]


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_the_book_has_its_figures():
    assert len(RECORDS) >= 15
    chapters = {record["chapter"] for record in RECORDS}
    for chapter in (
        "intro",
        "devida-budget",
        "opd-funding",
        "coverage-gaps",
        "institutional-strengthening",
        "research-information",
        "international-cooperation",
    ):
        assert chapter in chapters, chapter
    for chapter in (
        "institutional-strengthening",
        "research-information",
        "international-cooperation",
        "coverage-gaps",
    ):
        assert sum(r["chapter"] == chapter for r in RECORDS) >= 2, chapter


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_every_figure_has_its_downloads_and_record(record):
    figure = record["id"]
    for suffix in (".png", ".svg", ".csv", ".json"):
        assert (FIGURES / f"{figure}{suffix}").is_file(), f"{figure}{suffix}"
    assert png_size(FIGURES / f"{figure}.png")[0] == 1600  # 8 in at 200 dpi
    plotted = pd.read_csv(FIGURES / f"{figure}.csv")
    assert list(plotted.columns) == record["columns"]
    assert len(plotted) >= 2
    svg = (FIGURES / f"{figure}.svg").read_text()
    assert "<dc:date>" not in svg  # no creation date: same bytes on every build
    assert "<text" in svg and "Source: OAS/CICAD" in svg  # text stays text, source inside


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_tick_labels_step_evenly_with_their_positions(record):
    assert tick_problems(FIGURES / f"{record['id']}.svg", "en") == []


def test_the_tick_check_catches_a_hand_rule(tmp_path):
    # The rule this book once used: decimals from the ticks before the axis was final.
    fig, ax = new_figure()
    ax.bar(["2020", "2021"], [0.25, 1.75])
    ticks = ax.get_yticks()
    decimals = 1 if abs(ticks[1] - ticks[0]) < 1 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.{decimals}f}"))
    ax.set_ylim(0, 1.9)
    path = tmp_path / "bad.svg"
    fig.savefig(path, format="svg")
    assert tick_problems(path, "en")


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_alt_text_says_what_the_data_show(record):
    alt = record["alt"]
    assert re.search(r"\d", alt.split("Source:")[0]), alt  # key values, not only a chart type
    assert alt.rstrip().endswith(record["source"])  # the source line, for screen readers


def test_figure_citation_names_the_report_first_its_address_and_the_edition():
    record = {"id": "fig-x", "title": "A chart", "edition": "currency=PEN"}
    apa = figure_citation_apa(record, "en")
    assert apa.startswith("Inter-American Drug Abuse Control Commission (CICAD). (2023).")
    assert "https://www.cicad.oas.org/" in apa
    assert re.search(r"https://www\.cicad\.oas\.org/\S*[a-z]\. \*A chart\* ", apa), apa
    assert "(edition: amounts in soles at current prices)" in apa
    assert "Transcribed and recomputed in MEM Peru analysis book team" not in apa


def test_bibtex_keeps_an_organisation_whole_as_author():
    record = {"id": "fig-x", "title": "A chart", "edition": ""}
    figure = figure_bibtex(record, "en")
    assert "  author = {{MEM Peru analysis book team}}," in figure
    # Beside the book, the report and its publisher (OAS/CICAD) are named.
    assert (
        "Inter-American Drug Abuse Control Commission (CICAD), Organization of American" in figure
    )
    assert "Evaluation Report on Drug Policies" in figure
    assert "(CICAD) (" not in figure  # the report's year is not a second bracket
    assert "  author = {{Inter-American Drug Abuse Control Commission (CICAD)}}," in book_bibtex(
        "en"
    )


def test_a_bibtex_key_names_the_edition_its_numbers_come_from():
    # Worked by hand: a figure's key is its file name, which the edition's label extends.
    pen = {"id": "fig-x-pen-2023-prices", "title": "t", "edition": "currency=PEN"}
    assert figure_bibtex(pen, "en").startswith("@misc{mem-peru-2023-fig-x-pen-2023-prices,")
    assert book_bibtex("en").startswith("@misc{cicad2023peru,")
    real = "currency=PEN, price_basis=real, base_year=2023"
    assert book_bibtex("es", real).startswith("@misc{cicad2023peru-pen-2023-prices-es,")
    assert "None" not in book_bibtex("es", real) and "currency=" not in book_bibtex("es", real)


def _exhibit(chart, caption="c", alt="a 1"):
    return Exhibit("fig-test", "intro", chart, caption, alt, "somewhere", Edition())


def test_hostile_text_is_escaped_in_the_figure_block(tmp_path):
    chart = annual_bars(pd.Series([1.0, 2.0], index=[2020, 2021]), ylabel="y", title="t")
    block = publish(_exhibit(chart, "<script>alert(1)</script> *x*"), tmp_path).data
    assert "<script>" not in block and "\\<script\\>" in block
    assert figure_block(json.loads((tmp_path / "fig-test.json").read_text())) != ""


def test_same_figure_twice_gives_the_same_bytes(tmp_path):
    def draw(folder):
        chart = annual_bars(pd.Series([94.6, 70.7], index=[2019, 2020]), ylabel="y", title="t")
        publish(_exhibit(chart), folder)
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    first, second = draw(tmp_path / "one"), draw(tmp_path / "two")
    first.pop("fig-test.json"), second.pop("fig-test.json")  # holds its order in the notebook
    assert first == second


def test_spanish_ticks_are_written_as_in_peru(tmp_path):
    chart = annual_bars(
        pd.Series([0.25, 1750.5], index=[2020, 2021]), ylabel="y", title="t", lang="es", unit=1
    )
    path = tmp_path / "es.svg"
    path.write_bytes(chart.svg())
    text = path.read_text()
    assert re.search(r">1,[05]00<", text)  # thousands grouped with a comma (es_PE)
    assert not re.search(r">\d+,\d{1,2}<|>\d{1,3}\.\d{3}<", text)  # no decimal comma
    assert tick_problems(path, "es") == []


def test_the_tick_check_catches_another_locales_style(tmp_path):
    path = tmp_path / "foreign.svg"
    chart = annual_bars(pd.Series([0.5, 1.5], index=[2020, 2021]), ylabel="y", title="t", unit=1)
    path.write_text(re.sub(r">(\d)\.(\d)<", r">\1,\2<", chart.svg().decode()))
    assert any("another locale" in problem for problem in tick_problems(path, "es"))


def _two_texts(first: dict, second: dict):
    from analysis.exhibits.chart import Chart

    fig, ax = new_figure(3)
    ax.text(0.2, 0.5, "first label", **first)
    ax.text(0.2, 0.5, "second label", **second)
    return Chart(fig, "t", pd.DataFrame())


def test_texts_drawn_over_each_other_are_found():
    chart = _two_texts({}, {})
    assert chart.overlapping_text() == ["'first label' / 'second label'"]


def test_slanted_labels_side_by_side_are_not_an_overlap():
    from analysis.exhibits.chart import Chart

    fig, ax = new_figure(3)
    ax.set_xticks(
        range(4),
        ["bilateral programme", "multilateral programme", "horizontal cooperation", "x y"],
        rotation=35,
        ha="left",
        rotation_mode="anchor",
    )
    ax.set_xlim(-0.5, 3.5)
    ax.xaxis.tick_top()
    assert Chart(fig, "t", pd.DataFrame()).overlapping_text() == []
    # The same labels upright run into each other.
    ax.set_xticks(range(4), ["bilateral programme", "multilateral programme", "horizontal "
                             "cooperation", "x y"], rotation=0)  # fmt: skip
    assert Chart(fig, "t", pd.DataFrame()).overlapping_text()


def test_a_text_cut_by_the_figure_edge_is_found():
    from analysis.exhibits.chart import Chart

    fig, ax = new_figure(3)
    ax.text(0.95, 0.5, "a legend that runs off the page", transform=fig.transFigure)
    assert Chart(fig, "t", pd.DataFrame()).overlapping_text() == [
        "'a legend that runs off the page' / the figure's edge"
    ]


def test_a_label_shortened_to_fit_is_found():
    from analysis.exhibits.chart import Chart
    from analysis.exhibits.chart_parts import wrap

    fig, ax = new_figure(3)
    name = wrap("a long name of a study that needs more lines than it is given", 12)
    ax.text(0.3, 0.5, name, transform=ax.transAxes)
    assert name.endswith(" …")
    assert Chart(fig, "t", pd.DataFrame()).overlapping_text() == [
        f"{' '.join(name.split())!r} / cut short"
    ]


def test_a_label_that_runs_over_the_x_axis_is_found():
    from analysis.exhibits.chart import Chart

    fig, ax = new_figure(3)
    ax.plot([0, 1], [0, 1])
    ax.set_ylim(0, 1)
    ax.set_xticks([0])
    ax.annotate("two\nlines", (1, 0.0), xytext=(8, 0), textcoords="offset points", va="center")
    assert "'two lines' / the x axis" in Chart(fig, "t", pd.DataFrame()).overlapping_text()


def test_end_labels_of_two_lines_near_the_bottom_stay_above_the_x_axis():
    from analysis.exhibits.recipes import labelled_lines

    frame = pd.DataFrame(
        {
            "Implícito (cuadro de DEVIDA)": [3.619, 3.991, 3.820, 3.816],
            "Consignado (nota al pie del OPD)": [3.618, 3.975, 3.808, 3.602],
        },
        index=[2020, 2021, 2022, 2023],
    )
    chart = labelled_lines(frame, ylabel="S/", title="t", lang="es", decimals=3)
    chart.add_footer("Fuente: una línea", "y otra", "y una tercera")
    assert chart.overlapping_text() == []


def test_a_long_end_label_wraps_inside_the_figure():
    from analysis.exhibits.recipes import labelled_lines

    frame = pd.DataFrame(
        {"Partidas no identificadas como transferencias": [0.71, 0.44, 0.56, 0.52]},
        index=[2020, 2021, 2022, 2023],
    )
    chart = labelled_lines(frame, ylabel="%", title="t", lang="es", decimals=2)
    chart.add_footer("Fuente")
    assert chart.overlapping_text() == []
    assert "\n" in chart.figure.axes[0].texts[0].get_text()


# A figure whose text overlaps was published without a word.
def test_a_figure_whose_text_overlaps_is_not_published(tmp_path):
    import matplotlib.pyplot as plt

    from analysis.exhibits.chart import Chart
    from analysis.exhibits.figure import Exhibit, OverlappingText, publish

    figure, axes = plt.subplots(figsize=(10, 5), layout="constrained")
    axes.text(0.5, 0.5, "first label", fontsize=20)
    axes.text(0.52, 0.5, "second label", fontsize=20)
    chart = Chart(figure, "A crowded chart", pd.DataFrame({"year": [2019], "value": [1.0]}))
    exhibit = Exhibit("fig-crowded", "intro", chart, "caption", "alt", "where", Edition())
    with pytest.raises(OverlappingText) as caught:
        publish(exhibit, tmp_path)
    assert str(caught.value).startswith("figure 'fig-crowded': its text overlaps: 'first label'")
    assert list(tmp_path.iterdir()) == []  # no PNG, SVG, CSV or record of it
    plt.close(figure)


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_every_figure_reads_cleanly(record):
    assert record["overlapping_text"] == []


def test_a_figures_csv_speaks_the_editions_language_and_says_yes_or_no():
    from analysis.exhibits.figure import _in_words

    data = pd.DataFrame({"row": ["a"], "first year": [2018], "flag": [True], "other": [False]})
    spanish = _in_words(data, "es")
    assert list(spanish.columns) == ["elemento", "primer año", "flag", "other"]
    assert spanish.loc[0, "flag"] == "sí" and spanish.loc[0, "other"] == "no"


def test_a_citation_names_the_edition_in_words_and_its_language_when_not_english():
    plain = {"id": "fig-x", "title": "t", "edition": ""}
    varied = {
        "id": "fig-x",
        "title": "t",
        "edition": "currency=PEN, price_basis=real, base_year=2023",
    }
    assert "(reference edition)" in figure_citation_apa(plain, "en")
    assert "(edición en español)" in figure_citation_apa(plain, "es")
    english = figure_citation_apa(varied, "en")
    assert "(edition: amounts in soles at 2023 prices)" in english
    spanish = figure_citation_apa(varied, "es")
    assert "(edición en español: montos en soles a precios de 2023)" in spanish
    for text in (english, spanish):  # words, never parameter names
        assert "currency" not in text and "price_basis" not in text and "2023, " not in text[-60:]


# --- what a figure's files are named and what their columns hold ----------------------------


def test_a_figures_files_are_named_after_what_sets_its_edition_apart():
    from analysis.exhibits.edition_words import label_suffix

    # Worked by hand: currency and prices together, then other choices, then the language.
    assert label_suffix("", "en") == ""  # the reference edition keeps the figure's name
    assert label_suffix("", "es") == "es"
    assert label_suffix("currency=PEN", "en") == "pen-current-prices"
    assert label_suffix("price_basis=real, base_year=2023", "en") == "usd-2023-prices"
    assert label_suffix("currency=PEN, price_basis=real, base_year=2023", "es") == (
        "pen-2023-prices-es"
    )
    assert label_suffix("price_basis=real", "en") == "usd-2019-prices"  # base: first year
    assert label_suffix("start_year=2020, codings=Mine-1a2b3c4d", "en") == (
        "start-year-2020-codings-mine-1a2b3c4d"
    )
    long = label_suffix("codings=" + "x" * 200, "en")
    assert len(long) == 80 and re.fullmatch(r"[a-z0-9.-]+", long)


def test_an_editions_label_in_words_names_no_parameter():
    from analysis.exhibits.edition_words import label_phrases

    assert label_phrases("", "en") == []
    assert label_phrases("currency=PEN, price_basis=real, base_year=2023", "en") == [
        "Amounts in soles at 2023 prices"
    ]
    assert label_phrases("start_year=2020, fx_rates=mine-1a2b3c4d", "en") == [
        "Years 2020 to 2023",
        "Your own file: exchange rates (mine-1a2b3c4d)",
    ]
    assert label_phrases("price_basis=real, base_year=2023", "es") == [
        "Montos en dólares estadounidenses a precios de 2023"
    ]


def test_a_figures_columns_say_what_they_hold_and_their_unit():
    from analysis.exhibits.figure import column_kinds, column_units

    data = pd.DataFrame(
        {
            "year": [2019, 2020],
            "Millions of US dollars": [94.6, 70.7],
            "In soles [Index (2019 = 100)]": [100.0, 80.0],
            "share (%)": [1.5, 2.0],
            "countries": [3, 4],
            "last year": [2018.0, None],
            "flag": ["yes", "no"],
        }
    )
    assert column_kinds(data) == {
        "year": "year",
        "Millions of US dollars": "number",
        "In soles [Index (2019 = 100)]": "integer",  # whole numbers here: no decimals
        "share (%)": "number",
        "countries": "integer",
        "last year": "year",
        "flag": "text",
    }
    assert column_units(data, "en") == {
        "year": "calendar year",
        "Millions of US dollars": "Millions of US dollars",
        "In soles [Index (2019 = 100)]": "Index (2019 = 100)",
        "share (%)": "%",
        "countries": "count",
        "last year": "calendar year",
        "flag": "",
    }
    coded = pd.DataFrame({"item": ["a"], "gaps (this book's coding)": [2]})
    assert column_units(coded, "en", "this book's coding")["gaps (this book's coding)"] == "count"


def test_show_the_data_is_the_csv_written_as_the_page_writes_numbers():
    from analysis.exhibits.figure_block import data_table

    record = {
        "lang": "es",
        "title": "A <b>title</b>",
        "kinds": {"año": "year", "Millones": "number", "n": "integer", "nota": "text"},
    }
    csv = pd.DataFrame(
        {
            "año": ["2019", "2020"],
            "Millones": ["1234.5", "-2.25"],
            "n": ["1000", ""],
            "nota": ["<i>x</i>", "y"],
        }  # fmt: skip
    )
    table = data_table(record, csv)
    assert table.startswith('<details class="mem-data')
    assert "<summary>Mostrar los datos</summary>" in table
    assert "\n\n" not in table  # one HTML block for MyST
    assert '<th scope="row">2019</th>' in table  # a year, never grouped
    assert ">1,234.50<" in table and ">\u22122.25<" in table  # Peru's separators, 2 places
    assert ">1,000<" in table and ">\u2014<" in table  # an empty cell: a dash
    assert "&lt;i&gt;x&lt;/i&gt;" in table and "A &lt;b&gt;title&lt;/b&gt;" in table
    assert 'role="region"' in table and 'tabindex="0"' in table


def test_a_tall_chart_on_a_phone_is_drawn_in_panels_of_at_most_one_screen(tmp_path):
    from analysis.exhibits.figure import COMPACT_PANEL
    from analysis.exhibits.recipes import status_dots

    statuses = pd.Series(["met", "not met"] * 30, index=[f"action {i}" for i in range(60)])
    names = {code: code for code in ("met", "partially met", "not met", "no information")}
    chart = status_dots(statuses, title="Sixty actions", names=names)
    exhibit = Exhibit("fig-tall", "intro", chart, "c", "a 1", "somewhere", Edition())
    publish(exhibit, tmp_path)
    svg = (tmp_path / "fig-tall-compact.svg").read_text(encoding="utf-8")
    heights = [
        float(h)
        for h in re.findall(r'<svg x="0" y="[0-9.]+" width="[0-9.]+" height="([0-9.]+)"', svg)
    ]
    assert len(heights) >= 3, heights  # 60 rows are more than a phone's screen
    assert max(heights) <= COMPACT_PANEL * 72 + 1e-6  # points: each panel at most one screen
    # Each panel has its axis: the statuses' names once per panel.
    assert svg.count(">not met<") == len(heights)
    assert svg.count("Source") == 1  # the source line once, under the last panel
