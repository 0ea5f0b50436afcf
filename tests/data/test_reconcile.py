"""Printed totals and exchange rates: the differences the report holds, pinned."""

import pytest

from analysis.compute.rates import compare_rates, implied_rates
from analysis.compute.reconcile import opd_totals
from analysis.contract.load import load_table

# Worked by hand from the printed rows, e.g. 2021:
# 58,765.28 + 729.56 + 275,320.50 + 402,515.72 + 251,572.33 = 988,903.39 (printed 988,903.40).
KNOWN_TOTAL_DIFFERENCES = {2020: 0.00, 2021: 0.01, 2022: -0.01, 2023: -0.01}


def test_opd_printed_totals_differ_only_where_known():
    table = opd_totals(load_table("opd-budget"), load_table("opd-budget-totals"))
    assert table["difference"].to_dict() == pytest.approx(KNOWN_TOTAL_DIFFERENCES, abs=1e-9)
    assert table.loc[2021, "sum_of_rows"] == pytest.approx(988_903.39)


def test_dashes_count_as_nothing_in_the_sums():
    rows = load_table("opd-budget")
    assert rows["amount"].isna().sum() == 5
    assert (rows.loc[rows["amount"].isna(), "printed"] == "-").all()


def test_implied_rates_hand_worked():
    # 256,039,046 / 70,709,485.23 = 3.6210; 274,509,448 / 71,936,438.16 = 3.8160
    rates = implied_rates(load_table("devida-budget"))
    assert rates[2020] == pytest.approx(3.6210, abs=5e-5)
    assert rates[2023] == pytest.approx(3.8160, abs=5e-5)


def test_stated_mid_2023_rate_is_far_from_the_implied_one():
    table = compare_rates(load_table("devida-budget"), load_table("opd-exchange-rates"))
    assert list(table.index) == [2020, 2021, 2022, 2023]
    assert table.loc[2023, "difference"] == pytest.approx(3.8160 - 3.602, abs=5e-5)
    assert table.loc[2020, "difference"] == pytest.approx(0.003, abs=5e-5)
