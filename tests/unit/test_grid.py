"""The grid of published editions: its list, the switcher's ways between editions, the words
at the top of every page, and `python -m analysis site` refusing a bad list or reporting a
failed edition."""

from __future__ import annotations

import posixpath
from itertools import product
from pathlib import Path

import pytest

from analysis.contract.parameters import LAST_YEAR, Edition, site_home
from analysis.edition import cli
from analysis.edition.grid import GRID_FILE, GridError, choices, read_grid
from analysis.edition.notebooks import notebook_digest, templates
from analysis.edition.pipeline import Result
from analysis.edition.sphinxext import about_edition, same_page, switcher
from analysis.exhibits.edition_words import about
from tests.conftest import ROOT

PEN_REAL_ES = Edition(currency="PEN", price_basis="real", base_year=2023, lang="es")


def test_the_grid_is_every_currency_price_basis_and_language():
    found = {(e.currency, e.price_basis, e.base_year, e.lang) for e in read_grid()}
    wanted = set(product(("USD", "PEN"), (("nominal", None), ("real", LAST_YEAR)), ("en", "es")))
    assert found == {(c, basis, year, lang) for c, (basis, year), lang in wanted}
    assert len(read_grid()) == 8
    assert read_grid()[0].is_reference


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("lang=en\ncurrency=PEN\ncurency=USD\n", "line 3: unknown parameter 'curency'"),
        ("lang=en\n# a comment\n\ncurrency=EUR\n", "line 4: parameter 'currency'"),
        ("lang=en\ncurrency\n", "line 2: 'currency': expected NAME=VALUE"),
        ("lang=en\ncurrency=PEN\ncurrency=PEN,lang=en\n", "line 3: the same edition as line 2"),
        ("lang=en\nstart_year=2020\n", "line 2: 'start_year' is not one of the switcher's"),
        ("currency=PEN\n", "no line names the reference edition"),
        ("lang=en\ncurrency=PEN,currency=USD\n", "line 2: 'currency' is given twice"),
    ],
)
def test_a_bad_edition_list_is_refused_naming_its_line(tmp_path, lines, message):
    path = tmp_path / "grid.txt"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(GridError) as raised:
        read_grid(path)
    assert str(raised.value).startswith(str(path)) and message in str(raised.value)


def test_the_site_command_refuses_a_bad_list_before_anything_runs(tmp_path, monkeypatch, capsys):
    import analysis.edition.site as site

    def never(*args, **kwargs):
        raise AssertionError("the site was built from a bad edition list")

    monkeypatch.setattr(site, "build_site", never)
    path = tmp_path / "grid.txt"
    path.write_text("lang=en\nlang=fr\n", encoding="utf-8")
    assert cli.main(["site", "--grid", str(path)]) == cli.EXIT_BAD_PARAMETER
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}, line 2: parameter 'lang'" in err
    assert cli.main(["site", "--edition", "currency=PEN,price_basis=gold"]) == 2
    assert "--edition 'currency=PEN,price_basis=gold': parameter 'price_basis'" in (
        capsys.readouterr().err
    )


def test_the_site_command_names_the_editions_that_failed(monkeypatch, capsys):
    import analysis.edition.site as site

    def failing(editions, published, **kwargs):
        return Result(list(editions[1:]), [], {"edition currency=PEN": "Jupyter Book failed"})

    monkeypatch.setattr(site, "build_site", failing)
    assert cli.main(["site", "--quiet"]) == cli.EXIT_BUILD_FAILED
    err = capsys.readouterr().err
    assert err.startswith("error: 1 of 8 editions failed, their previous books left as they were")
    assert "edition currency=PEN: Jupyter Book failed" in err


def test_editions_share_every_notebook_whose_parameters_coincide():
    # Worked by hand from the templates' parameters cells: seven notebooks read neither the
    # currency nor the prices (one execution per language: 14); the other four read both
    # (one per edition: 32). 46 executions for the 88 notebooks of the grid.
    reads_money = {"devida-budget", "international-cooperation", "intro", "opd-funding"}
    assert len(templates()) == 11
    digests = {
        template.stem: {notebook_digest(edition, template, ROOT) for edition in read_grid()}
        for template in templates()
    }
    assert {stem: len(found) for stem, found in digests.items()} == {
        stem: 8 if stem in reads_money else 2 for stem in digests
    }
    assert sum(len(found) for found in digests.values()) == 46


def test_the_switcher_leads_to_the_grid_edition_that_differs_on_one_axis():
    rows = choices(PEN_REAL_ES)
    shown = [[(c.value, c.target.slug, c.current) for c in row] for row in rows]
    assert shown == [
        [
            (("USD",), "price_basis-real_base_year-2023_lang-es", False),
            (("PEN",), PEN_REAL_ES.slug, True),
        ],
        [
            (("nominal", None), "currency-PEN_lang-es", False),
            (("real", 2023), PEN_REAL_ES.slug, True),
        ],
        [
            (("en",), "currency-PEN_price_basis-real_base_year-2023", False),
            (("es",), PEN_REAL_ES.slug, True),
        ],
    ]


def test_an_edition_outside_the_grid_leads_to_the_nearest_published_ones():
    # Soles at 2021 prices from 2020, in Spanish: 'US dollars' keeps constant prices (of the
    # grid's year), 'current' keeps soles, 'English' keeps soles at constant prices.
    edition = Edition(
        currency="PEN", start_year=2020, price_basis="real", base_year=2021, lang="es"
    )
    targets = [[c.target.slug for c in row if not c.current] for row in choices(edition)]
    assert not any(c.current for row in choices(edition) for c in row)
    assert targets == [
        [
            "price_basis-real_base_year-2023_lang-es",
            "currency-PEN_price_basis-real_base_year-2023_lang-es",
        ],
        ["currency-PEN_lang-es", "currency-PEN_price_basis-real_base_year-2023_lang-es"],
        [
            "currency-PEN_price_basis-real_base_year-2023",
            "currency-PEN_price_basis-real_base_year-2023_lang-es",
        ],
    ]


def test_same_page_links_climb_to_the_site_root_and_down_into_the_other_edition():
    pen = Edition(currency="PEN")
    link = same_page(pen, Edition(), "book/intro")
    assert link == "../../../../html/book/intro.html"
    page = f"{site_home(pen)}/book/intro.html"
    assert (
        posixpath.normpath(posixpath.join(posixpath.dirname(page), link)) == "html/book/intro.html"
    )
    assert same_page(Edition(), pen, "search") == "../editions/currency-PEN/html/search.html"


def test_the_switcher_in_words_and_links():
    html = switcher(PEN_REAL_ES, "book/devida-budget")
    assert '<span class="mem-switcher__name">Montos:</span>' in html
    assert (
        '<a href="../../../../editions/price_basis-real_base_year-2023_lang-es/html/book/'
        'devida-budget.html" class="mem-switch">dólares estadounidenses</a>'
    ) in html
    assert 'aria-current="true">soles</span>' in html
    assert 'class="mem-switch" lang="en" hreflang="en">English</a>' in html
    assert 'aria-current="true" lang="es">Español</span>' in html
    assert html.count('class="mem-switch"') == 3
    words = " ".join(part for part in __import__("re").sub(r"<[^>]+>", " ", html).split())
    assert words == (
        "Montos: dólares estadounidenses | soles · Precios: corrientes | constantes (2023) · "
        "English | Español"
    )


def test_an_edition_says_what_it_is_in_words():
    assert about(Edition()) == "" and about(Edition(lang="es")) == ""
    assert about(PEN_REAL_ES) == "Montos en soles a precios de 2023."
    assert about(Edition(currency="PEN")) == "Amounts in soles at current prices."
    assert about(Edition(start_year=2020, fx_rates="implied")) == (
        "Amounts in US dollars at current prices. Years 2020 to 2023. Exchange rates implied "
        "by DEVIDA's table."
    )
    assert about(Edition(partial_weight=0.25)).endswith(
        "A partially met action counts 0.25 in the coverage score."
    )


def test_a_users_edition_names_its_files_and_where_the_switcher_leads(tmp_path):
    rates = tmp_path / "my rates.csv"
    rates.write_text("year,pen_per_usd\n2020,3.6\n2021,3.9\n2022,3.8\n2023,3.6\n")
    edition = Edition(currency="PEN", fx_rates=str(rates))
    text = about_edition(edition)
    assert text == (
        '<p class="mem-edition__about">Amounts in soles at current prices. Your own file: '
        "exchange rates (my_rates.csv). The links lead to the published editions, made with "
        "the book&#x27;s own inputs.</p>"
    )


def test_every_text_of_the_edition_bar_is_escaped(monkeypatch):
    import analysis.exhibits.edition_words as editions

    monkeypatch.setattr(editions, "about", lambda edition: '<img src=x onerror="1">&')
    monkeypatch.setattr(editions, "choice_words", lambda axis, value, lang: "<b>&")
    bar = about_edition(Edition(currency="PEN")) + switcher(Edition(currency="PEN"), "book/x")
    assert "<img" not in bar and "<b>" not in bar
    assert "&lt;img src=x onerror=&quot;1&quot;&gt;&amp;" in bar and "&lt;b&gt;&amp;" in bar


def test_the_grid_file_is_where_the_workflow_and_readme_say():
    assert GRID_FILE == ROOT / "analysis" / "edition" / "grid.txt"
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "analysis/edition/grid.txt" in workflow


def test_an_edition_list_is_read_as_users_files_are(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # would block a plain read until a writer came
    for path, message in [
        (fifo, "is not a regular file"),
        (Path("/dev/zero"), "is not a regular file"),
    ]:
        with pytest.raises(GridError, match=message):
            read_grid(path)
    big = tmp_path / "big.txt"
    big.write_text("lang=en\n" + "# padding\n" * 10000, encoding="utf-8")
    with pytest.raises(GridError, match="it may be at most 65,536 bytes"):
        read_grid(big)
    broken = tmp_path / "latin.txt"
    broken.write_bytes(b"lang=en\n# caf\xe9\n")
    with pytest.raises(GridError, match=r"latin.txt, line 2: not UTF-8 text"):
        read_grid(broken)
    marked = tmp_path / "bom.txt"
    marked.write_bytes("\ufefflang=en\ncurrency=P\u2028EN\n".encode())  # a BOM; U+2028 inside
    with pytest.raises(GridError, match=r"bom.txt, line 2: "):  # (U+2028 ends no line)
        read_grid(marked)
    marked.write_bytes("\ufefflang=en\ncurrency=PEN\n".encode())
    assert [e.slug for e in read_grid(marked)] == ["reference", "currency-PEN"]


def test_an_edited_edition_list_builds_the_book_again(tmp_path):
    from analysis.edition.layout import Layout
    from analysis.edition.state import edition_digest

    layout = Layout.for_edition(Edition(), ROOT, tmp_path)
    listed = tmp_path / "grid.txt"
    listed.write_text("lang=en\ncurrency=PEN\n", encoding="utf-8")
    before = edition_digest(Edition(), layout, read_grid(listed))
    listed.write_text("lang=en\nlang=es\n", encoding="utf-8")
    assert edition_digest(Edition(), layout, read_grid(listed)) != before  # its switcher changes


def test_the_site_of_another_edition_list_offers_its_editions(tmp_path, monkeypatch):
    """`site --grid FILE`: FILE's editions are built, and are those its switchers offer (the
    extra editions of --edition are built but not offered)."""
    import analysis.edition.site as site
    from analysis.edition.sphinx_build import sphinx_context

    seen = {}

    def capture(editions, published, **kwargs):
        seen["built"], seen["offered"] = editions, published
        return Result(list(editions), [], {})

    monkeypatch.setattr(site, "build_site", capture)
    listed = tmp_path / "grid.txt"
    listed.write_text("lang=en\ncurrency=PEN\n", encoding="utf-8")
    extra = "currency=PEN,start_year=2020"
    assert cli.main(["site", "--quiet", "--grid", str(listed), "--edition", extra]) == 0
    assert [e.label for e in seen["offered"]] == ["", "currency=PEN"]
    assert [e.label for e in seen["built"]] == ["", "currency=PEN", "currency=PEN, start_year=2020"]
    # What Sphinx is told, and the switcher it draws from it: FILE's two editions, no other.
    context = sphinx_context(Edition(currency="PEN"), seen["offered"], pdf=False)
    assert context["mem_grid"] == ["", "currency=PEN"]
    bar = switcher(Edition(), "book/intro", seen["offered"])
    assert bar.count("<a ") == 1 and "editions/currency-PEN/html/book/intro.html" in bar
    assert "lang-es" not in bar and "price_basis" not in bar


def test_a_build_checks_the_edition_list_before_anything_runs(tmp_path, monkeypatch, capsys):
    from analysis.edition import build as build_module
    from analysis.edition import grid as grid_module

    def never(*args, **kwargs):
        raise AssertionError("the book was built with a bad edition list")

    listed = tmp_path / "grid.txt"
    listed.write_text("lang=en\ncurrency=EUR\n", encoding="utf-8")
    monkeypatch.setattr(grid_module, "GRID_FILE", listed)
    grid_module.grid.cache_clear()
    monkeypatch.setattr(grid_module, "grid", lambda: grid_module.read_grid(listed))
    monkeypatch.setattr(build_module, "build", never)
    assert cli.main(["build", "--build-dir", str(tmp_path / "b")]) == cli.EXIT_BAD_PARAMETER
    assert "grid.txt, line 2: parameter 'currency'" in capsys.readouterr().err
