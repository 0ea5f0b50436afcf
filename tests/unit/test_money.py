"""Budget trends, prices, exchange rates and the observatory's funding, worked by hand."""

import pandas as pd
import pytest

from analysis.compute.budgets import (
    annual_growth,
    by_group,
    currency_comparison,
    index,
    opd_lines,
    share_of_devida,
    shares,
    trend_table,
    year_on_year,
)
from analysis.compute.prices import at_constant_prices, price_index
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition


@pytest.fixture(scope="module")
def devida():
    return load_table("devida-budget")


@pytest.fixture(scope="module")
def opd_rows():
    return load_table("opd-budget")


def test_compound_growth_in_each_currency(devida):
    # Dollars: (71,936,438.16 / 94,604,221.75) ** (1/4) - 1 = -6.62 %.
    # Soles: (274,509,448 / 313,991,412) ** (1/4) - 1 = -3.30 %: about half as fast.
    comparison = currency_comparison(devida, Edition())
    assert comparison.loc["USD", "annual_growth_pct"] == pytest.approx(-6.619, abs=1e-3)
    assert comparison.loc["PEN", "annual_growth_pct"] == pytest.approx(-3.304, abs=1e-3)


def test_growth_index_and_yearly_change_on_a_small_series():
    series = pd.Series([100.0, 110.0, 121.0], index=[2020, 2021, 2022])
    assert annual_growth(series) == pytest.approx(10.0)
    assert year_on_year(series).tolist()[1:] == pytest.approx([10.0, 10.0])
    assert index(series, 2021).tolist() == pytest.approx([100 / 1.1, 100.0, 110.0])


def test_first_fall_in_dollars(devida):
    # 70,709,485.23 / 94,604,221.75 - 1 = -25.26 %
    trend = trend_table(devida, Edition())
    assert trend.loc[2020, "change_pct"] == pytest.approx(-25.2576, abs=1e-4)
    assert trend.loc[2019, "index"] == 100


def test_lima_index_is_chained_from_december_changes():
    index_pen = price_index(Edition(currency="PEN", price_basis="real"))
    assert index_pen[2019] == pytest.approx(101.9)
    assert index_pen[2020] == pytest.approx(101.9 * 1.0197)
    assert index_pen[2023] == pytest.approx(100 * 1.019 * 1.0197 * 1.0643 * 1.0846 * 1.0324)


def test_soles_at_2023_prices(devida):
    edition = Edition(currency="PEN", price_basis="real", base_year=2023)
    trend = trend_table(devida, edition)
    # 2019's soles carried through the inflation of 2020-2023
    assert trend.loc[2019, "amount"] == pytest.approx(
        313_991_412 * 1.0197 * 1.0643 * 1.0846 * 1.0324
    )
    assert trend.loc[2023, "amount"] == pytest.approx(274_509_448)
    # The index starts at 100 in the first year shown, whatever the price base year.
    assert trend.loc[2019, "index"] == 100
    assert trend.loc[2023, "index"] == pytest.approx(
        100 * 274_509_448 / (313_991_412 * 1.0197 * 1.0643 * 1.0846 * 1.0324)
    )


def test_dollars_at_2019_prices_use_the_us_cpi(devida):
    trend = trend_table(devida, Edition(price_basis="real"))
    assert trend.loc[2023, "amount"] == pytest.approx(71_936_438.16 * 255.657 / 304.702)


def test_constant_prices_on_a_small_series():
    amounts = pd.Series([50.0, 60.0], index=[2020, 2021])
    prices = pd.Series([100.0, 120.0], index=[2020, 2021])
    assert at_constant_prices(amounts, prices, 2021).tolist() == pytest.approx([60.0, 60.0])


def test_observatory_share_of_devida_2020(devida, opd_rows):
    # 1,175,001.93 / 70,709,485.23 = 1.66 %
    edition = Edition()
    total = opd_lines(opd_rows, edition).sum(axis=1)
    share = share_of_devida(total, devida[devida["currency"] == "USD"].set_index("year")["amount"])
    assert share[2020] == pytest.approx(1.6617, abs=1e-4)


def test_observatory_in_soles_with_the_stated_rates(opd_rows):
    # 1,175,001.93 dollars x 3.618 soles per dollar (rate of 31 December 2020)
    total = opd_lines(opd_rows, Edition(currency="PEN")).sum(axis=1)
    assert total[2020] == pytest.approx(1_175_001.93 * 3.618)


def test_observatory_in_soles_with_the_implied_rates_keeps_the_dollar_share(devida, opd_rows):
    edition = Edition(currency="PEN", fx_rates="implied")
    total = opd_lines(opd_rows, edition).sum(axis=1)
    pen = devida[devida["currency"] == "PEN"].set_index("year")["amount"]
    assert share_of_devida(total, pen)[2023] == pytest.approx(817_424.77 / 71_936_438.16 * 100)


def test_own_lines_against_transfer_lines_2020(opd_rows):
    grouped = by_group(opd_lines(opd_rows, Edition()), "source")
    # own: 105,772.80 + 56,352.40 + 342,616.92; transfers: 442,233.28 + 228,026.53
    assert grouped.loc[2020].tolist() == pytest.approx([504_742.12, 670_259.81])
    assert shares(grouped).loc[2020].sum() == pytest.approx(100)


def test_observatory_years_follow_the_edition(opd_rows):
    amounts = opd_lines(opd_rows, Edition(start_year=2021, end_year=2022))
    assert list(amounts.index) == [2021, 2022]
