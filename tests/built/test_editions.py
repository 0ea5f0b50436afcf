"""Every edition tells the truth: each chapter's words against its own figures' numbers.

An edition grid is executed (notebooks only; the HTML of variants is checked elsewhere).
For each edition, the sentence a chapter chose (rise or fall, faster or slower, which
year, which currency) is identified against its templates, in the edition's language,
and compared with what the chapter's own figure data show.
"""

import re

import pytest

from analysis.contract.parameters import Edition
from tests.conftest import test_files
from tests.editions import edition_folder, figure_data, glued, variant

STRENGTHENING_RATES = "year,pen_per_usd\n2020,3.95\n2021,3.80\n2022,3.65\n2023,3.50\n"


def _user_rates() -> str:
    path = test_files() / "sol-strengthens.csv"
    if not path.is_file() or path.read_text() != STRENGTHENING_RATES:
        path.write_text(STRENGTHENING_RATES)
    return str(path)


GRID = {
    "reference": {},
    "from-2020": {"start_year": 2020},
    "2021-2023": {"start_year": 2021, "end_year": 2023},
    "soles-real-2023": {"currency": "PEN", "price_basis": "real", "base_year": 2023},
    "implied-rates": {"fx_rates": "implied"},
    "soles-user-rates": {"currency": "PEN", "fx_rates": "@user"},
    "spanish": {"lang": "es"},
    "soles-2020": {"currency": "PEN", "start_year": 2020},
    "strict-coding": {"partial_weight": 1, "evaluation_year": 2026, "max_age": 5},
}


def values_of(name: str) -> dict:
    values = dict(GRID[name])
    if values.get("fx_rates") == "@user":
        values["fx_rates"] = _user_rates()
    return values


@pytest.fixture(scope="module", params=list(GRID))
def edition(request):
    values = values_of(request.param)
    return Edition.from_values({k: str(v) for k, v in values.items()}), edition_folder(**values)


def _direction(first: float, last: float) -> str:
    return "up" if last > first else "down" if last < first else "flat"


CHANGE = {
    "up": "That is a rise of {change} over the period, or {growth} a year, compounded.",
    "down": "That is a fall of {change} over the period, or {growth} a year, compounded.",
    "flat": "That is no change over the period.",
}
LARGEST = {
    "fall": "The largest fall on the year before came in {year} ({change}).",
    "rise": "The budget did not fall from one year to the next; its largest rise came in "
    "{year} ({change}).",
}
SOL = {
    "up": "The sol weakened against the dollar: a dollar cost more soles at the end of the "
    "period than at its start, so the same soles bought fewer dollars.",
    "down": "The sol strengthened against the dollar: a dollar cost fewer soles at the end "
    "of the period than at its start, so the same soles bought more dollars.",
    "flat": "The rate ended the period where it started.",
}
GAP = {
    "same": "The budget changes at about the same pace in both currencies.",
    "both fall": "The budget falls faster {worse} than {better}.",
    "falls while grows": "The budget falls {worse} while it grows {better}.",
    "falls while holds": "The budget falls {worse} while it holds steady {better}.",
    "both grow": "The budget grows more slowly {worse} than {better}.",
}


def test_devida_sentences_follow_the_figures(edition):
    edition, folder = edition
    lang = edition.lang
    words = glued(folder, "devida-budget")
    budget = (
        figure_data(folder, "fig-devida-budget")
        .set_index(figure_data(folder, "fig-devida-budget").columns[0])
        .iloc[:, 0]
    )
    assert list(budget.index) == list(edition.years)
    assert variant(words["change_sentence"], CHANGE, lang) == _direction(
        budget.iloc[0], budget.iloc[-1]
    )
    changes = budget.pct_change().dropna()
    largest = variant(words["largest_move"], LARGEST, lang)
    if (changes < 0).any():
        assert largest == "fall"
        year = changes.idxmin()
    else:
        assert largest == "rise"
        year = changes.idxmax()
    assert re.search(rf"\b{year}\b", words["largest_move"])
    # The currency the prose names is the one the figure draws.
    assert words["currency_name"] in budget.name
    # The sol's movement: the implied rates drawn in the exchange-rate chapter.
    rates = figure_data(folder, "fig-exchange-rates")
    implied = rates.set_index(rates.columns[0]).iloc[:, 0].reindex(list(edition.years)).dropna()
    index = figure_data(folder, "fig-devida-index")
    index = index.set_index(index.columns[0])
    first_rate = words["rate_first"]
    assert first_rate  # the implied rate of the first year is named
    usd, pen = index.iloc[-1, 0] / index.iloc[0, 0], index.iloc[-1, 1] / index.iloc[0, 1]
    sol = variant(words["sol_sentence"], SOL, lang)
    devida_rates = pen / usd  # the implied rate moves as soles over dollars
    if edition.price_basis == "nominal":
        assert sol == _direction(1.0, devida_rates)
    if len(implied) > 1 and edition.price_basis == "nominal":
        assert sol == _direction(implied.iloc[0], implied.iloc[-1])
    gap = variant(words["currency_gap"].split(". ")[0].rstrip(".") + ".", GAP, lang)
    if abs(usd - pen) < 1e-9:
        assert gap == "same"
    elif gap != "same":
        worse_first = words["currency_gap"].index(_word(lang, "in dollars")) < words[
            "currency_gap"
        ].index(_word(lang, "in soles"))
        assert worse_first == (usd < pen)


def _word(lang: str, english: str) -> str:
    from analysis.exhibits.language import tr

    return tr(english, lang)


TOTAL = {
    "more": "In {first_year} the observatory had {first}; in {last_year}, {last}: {change} more.",
    "less": "In {first_year} the observatory had {first}; in {last_year}, {last}: {change} less.",
    "same": "The observatory had {first} in {first_year} and the same in {last_year}.",
    "one": "In {first_year}, the only year of the table in this edition, the observatory "
    "had {first}.",
}
SHARE = {
    "up": "The whole observatory budget rose from {all_first} of DEVIDA's in {first_year} to "
    "{all_last} in {last_year}; the lines not labelled as transfers went from {own_first} "
    "to {own_last}.",
    "down": "The whole observatory budget fell from {all_first} of DEVIDA's in {first_year} "
    "to {all_last} in {last_year}; the lines not labelled as transfers went from "
    "{own_first} to {own_last}.",
    "flat": "The whole observatory budget stayed at {all_first} of DEVIDA's from "
    "{first_year} to {last_year}; the lines not labelled as transfers went from "
    "{own_first} to {own_last}.",
    "one": "In {first_year} the whole observatory budget came to {all_first} of DEVIDA's; "
    "the lines not labelled as transfers, to {own_first}.",
}


def test_observatory_sentences_follow_the_figures(edition):
    edition, folder = edition
    lang = edition.lang
    words = glued(folder, "opd-funding")
    composition = figure_data(folder, "fig-opd-composition")
    totals = composition.set_index(composition.columns[0]).sum(axis=1)
    chosen = variant(words["total_sentence"], TOTAL, lang)
    if len(totals) == 1:
        assert chosen == "one"
    else:
        expected = {"up": "more", "down": "less", "flat": "same"}
        assert chosen == expected[_direction(totals.iloc[0], totals.iloc[-1])]
    share = figure_data(folder, "fig-opd-share")
    whole = share.set_index(share.columns[0]).iloc[:, 0]
    chosen = variant(words["share_sentence"], SHARE, lang)
    assert chosen == ("one" if len(whole) == 1 else _direction(whole.iloc[0], whole.iloc[-1]))


def test_exchange_rate_chapter_names_the_widest_gap(edition):
    edition, folder = edition
    words = glued(folder, "exchange-rates")
    rates = figure_data(folder, "fig-exchange-rates")
    rates = rates.set_index(rates.columns[0])
    widest = (rates.iloc[:, 0] - rates.iloc[:, 1]).abs().idxmax()
    assert re.search(rf"\b{widest}\b", words["gap_sentence"])


# References to priority actions ("IS 2.2", "acción prioritaria 1.3") are not numbers.
ACTION_REFERENCE = re.compile(
    r"\b(?:IS|RIME|IC|FI|IIME|CI|actions?|acci\w+ prioritarias?)"
    r"\s+\d\.\d"
)


def test_numbers_use_a_decimal_point_in_every_language(edition):
    # English, and Spanish as written in Peru (es_PE): 94.6, never 94,6.
    edition, folder = edition
    decimal_comma = re.compile(r"\d,\d{1,2}(?!\d)")
    for chapter in ("devida-budget", "opd-funding", "coverage-gaps", "international-cooperation"):
        for name, text in glued(folder, chapter).items():
            text = ACTION_REFERENCE.sub("", text)
            assert not decimal_comma.search(text), (chapter, name, text)


def test_coverage_chapter_names_the_edition_weight(edition):
    edition, folder = edition
    words = glued(folder, "coverage-gaps")
    assert words["partial_weight"] in words["overall_sentence"]
    assert words["evaluation_year"] == str(edition.evaluation_year)


def test_every_figure_of_the_edition_has_true_tick_labels(edition):
    from tests.figure_check import tick_problems

    edition, folder = edition
    svgs = sorted((folder / "figures").glob("*.svg"))
    assert svgs
    problems = [p for svg in svgs for p in tick_problems(svg, edition.lang)]
    assert not problems, problems


def test_every_figure_of_the_edition_reads_cleanly(edition):
    import json

    edition, folder = edition
    records = [json.loads(p.read_text()) for p in sorted((folder / "figures").glob("*.json"))]
    assert records
    problems = {r["id"]: r["overlapping_text"] for r in records if r["overlapping_text"]}
    assert not problems, problems


# "1 objectives", "1 are": a count of one with a plural word after it.
ONE_WITH_PLURAL = {
    "en": re.compile(
        r"\b1 (are|were|have|exist|objectives|actions|items|years|gaps|themes|partners|"
        r"channels|countries|institutions|studies|kinds|places|measures|programmes)\b"
    ),
    "es": re.compile(
        r"\b1 (son|están|fueron|tienen|existen|objetivos|acciones|años|brechas|temas|socios|"
        r"canales|países|instituciones|estudios|tipos|medidas|programas|terminaron)\b"
    ),
}
# "for 1 the report records", "1 of them had passed", "published 1:": a count of one
# standing for its noun, or before a singular noun, reads as a word.
ONE_AS_A_WORD = {
    "en": re.compile(r"\b(?:for|published) 1\b|\b1 (?:of them|ended|indicator)\b"),
    "es": re.compile(r"\b(?:para|publicó) 1\b|\b1 (?:de ellas|de ellos|terminó|indicador)\b"),
}


@pytest.mark.parametrize("patterns", [ONE_WITH_PLURAL, ONE_AS_A_WORD], ids=["plural", "alone"])
def test_a_count_of_one_takes_the_singular_or_a_word(edition, patterns):
    edition, folder = edition
    pattern = patterns[edition.lang]
    notebooks = sorted(folder.glob("*.ipynb"))
    assert notebooks, f"no executed notebook in {folder}"
    wrong = {
        f"{path.stem}:{name}": text
        for path in notebooks
        for name, text in glued(folder, path.stem).items()
        if isinstance(text, str) and pattern.search(text)
    }
    assert not wrong, wrong


def test_front_page_gives_the_budget_s_change_in_both_currencies(edition):
    """Each currency's direction word against the index its chapter draws (first year = 100)."""
    from analysis.exhibits.language import tr
    from analysis.exhibits.terms import currency_name

    edition, folder = edition
    lang = edition.lang
    sentence = glued(folder, "intro")["budget_finding"]
    index = figure_data(folder, "fig-devida-index")
    index = index.set_index(index.columns[0])
    for column, currency in zip(index.columns, ("USD", "PEN"), strict=True):
        first, last = index[column].iloc[0], index[column].iloc[-1]
        word = {"up": tr("{change} more", lang), "down": tr("{change} less", lang)}.get(
            _direction(first, last), tr("no change", lang)
        )
        # '24.0% less in US dollars', 'un 24,0 % menos en dólares estadounidenses'
        pattern = re.escape(word).replace(re.escape("{change}"), r"[\d.,\u00a0%\s]+")
        named = re.escape(currency_name(currency, lang))
        assert re.search(pattern + r"\s+\S+\s+" + named, sentence), (currency, sentence)
