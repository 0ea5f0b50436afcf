"""DEVIDA's budget and the book's number formats, worked by hand."""

import pandas as pd
import pytest

from analysis.compute.budgets import devida_budget, percent_change
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition
from analysis.exhibits.formats import millions, money, month, number, percent


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_table("devida-budget")


def test_budget_in_soles_for_chosen_years(table):
    budget = devida_budget(table, Edition(currency="PEN", start_year=2020, end_year=2022))
    assert budget.to_dict() == {2020: 256_039_046, 2021: 300_817_148, 2022: 263_509_030}


def test_change_over_period_hand_worked(table):
    # 71,936,438.16 / 94,604,221.75 = 0.760393... -> -23.96 %
    budget = devida_budget(table, Edition())
    assert percent_change(budget) == pytest.approx(-23.9607, abs=1e-4)


def test_formats_in_english():
    assert money(94_604_221.75, "USD") == "US$94,604,221.75"
    assert money(313_991_412, "PEN") == "S/ 313,991,412"
    assert money(-0.01, "USD") == "\u2212US$0.01"
    assert money(0, "USD", decimals=2) == "US$0.00"
    assert millions(94_604_221.75, "USD") == "US$94.6 million"
    assert millions(274_509_448, "PEN") == "S/ 274.5 million"
    assert percent(-23.96, signed=True) == "\u221224.0%"
    assert percent(7.21, signed=True) == "+7.2%"
    assert percent(0.04, signed=True) == "0.0%"  # no sign on what rounds to nothing


def test_formats_in_spanish_as_written_in_peru():
    # es_PE: ',' groups thousands and '.' marks decimals, as the report and DEVIDA write
    # them; the percent sign right after the number, as Babel's es_PE pattern ('#,##0%')
    # writes it (es, Spain's, would put a no-break space before it).
    assert money(94_604_221.75, "USD", "es") == "US$94,604,221.75"
    assert money(313_991_412, "PEN", "es") == "S/ 313,991,412"
    assert number(1175001.93, "es", 2) == "1,175,001.93"
    assert number(1_175_002, "es") == "1,175,002"
    assert percent(24, "es") == "24.0%"
    assert percent(-6.62, "es", signed=True) == "\u22126.6%"
    assert percent(12.5, "es", decimals=0) == "13%"
    assert number(94.6, "es", 1) == "94.6"
    assert millions(94_604_221.75, "USD", "es") == "US$94.6 millones"


def test_halves_round_away_from_zero():
    # Worked by hand: a reader rounds 62.5 up to 63, not to the even 62.
    assert percent(62.5, decimals=0) == "63%"
    assert percent(-62.5, decimals=0) == "\u221263%"
    assert number(2.5) == "3"
    assert number(0.125, decimals=2) == "0.13"
    assert number(-0.4) == "0"  # no minus on what rounds to nothing
    assert percent(-0.04, signed=True) == "0.0%"


def test_month_in_words():
    assert month("2022-05") == "May 2022"
    assert month("2022-05", "es") == "mayo de 2022"


def test_tables_round_halves_as_the_prose_does():
    import re

    import pandas as pd

    from analysis.exhibits.tables import table

    shown = table(
        pd.DataFrame({"score": [62.5, 67.5]}), id="t", title="t", lang="en", decimals={"score": 0}
    )._repr_html_()
    assert re.findall(r"<td [^>]*t-score[^>]*>([^<]*)<", shown) == ["63", "68"]
