import pytest
from papermill import inspect_notebook

from analysis.contract.parameters import Edition, ParameterError, edition_from_namespace, help_text
from analysis.edition.notebooks import declared_parameters, templates


def test_reference_edition_is_the_defaults():
    edition = Edition()
    assert edition.is_reference
    assert edition.slug == "reference"
    assert edition.label == ""


def test_variant_slug_names_changed_parameters_in_declaration_order():
    edition = Edition.from_values({"start_year": "2020", "currency": "PEN"})
    assert edition.slug == "currency-PEN_start_year-2020"
    assert edition.label == "currency=PEN, start_year=2020"


def test_command_line_strings_are_converted():
    assert Edition.from_values({"end_year": "2022"}).end_year == 2022


def test_base_year_follows_start_year_unless_set():
    assert Edition.from_values({"start_year": "2021"}).base == 2021
    assert Edition.from_values({"price_basis": "real", "base_year": "2022"}).base == 2022


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"currency": "EUR"},
            "parameter 'currency': not an allowed value (got 'EUR'); allowed: 'USD' or 'PEN'",
        ),
        (
            {"colour": "red"},
            "unknown parameter 'colour'; known parameters: currency, start_year, end_year",
        ),
        ({"start_year": "abc"}, "parameter 'start_year': 'abc' is not an integer; allowed: "),
        ({"end_year": "2030"}, "allowed: an integer from 2019 to 2023"),
        ({"start_year": "2022", "end_year": "2021"}, "start_year (2022) must be before end_year"),
    ],
)
def test_bad_values_name_the_parameter_and_what_is_allowed(values, expected):
    with pytest.raises(ParameterError) as caught:
        Edition.from_values(values)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_help_lists_every_parameter_with_its_default_once():
    lines = help_text().splitlines()
    assert len(lines) == len(Edition.model_fields)
    for line, (name, field) in zip(lines, Edition.model_fields.items(), strict=True):
        assert line.split()[0] == name
        assert line.count("default") == 1, line
        if field.default is not None:
            assert f"default {field.default!r}" in line
    base_year = next(line for line in lines if line.split()[0] == "base_year")
    assert "default start_year" in base_year


@pytest.mark.parametrize("template", templates(), ids=lambda path: path.name)
def test_template_parameter_cells_follow_the_model(template):
    declared = inspect_notebook(str(template))
    assert list(declared) == declared_parameters(template)  # in the model's order
    assert set(declared) <= set(Edition.model_fields)
    namespace = {name: eval(spec["default"]) for name, spec in declared.items()}  # noqa: S307
    assert edition_from_namespace(namespace) == Edition()


def test_every_parameter_is_read_by_some_notebook():
    read = {name for template in templates() for name in declared_parameters(template)}
    assert read == set(Edition.model_fields)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"base_year": "2018"}, "parameter 'base_year'"),
        ({"base_year": "2021"}, "base_year (2021) applies only with price_basis=real"),
        (
            {"start_year": "2020", "price_basis": "real", "base_year": "2019"},
            "base_year (2019) must be between start_year (2020)",
        ),
        ({"price_basis": "constant"}, "allowed: 'nominal' or 'real'"),
        (
            {"fx_rates": "official"},
            "parameter 'fx_rates': no such file 'official'; allowed: "
            "'footnote', 'implied' or a CSV file",
        ),
        ({"deflators": "cpi.csv"}, "parameter 'deflators': no such file 'cpi.csv'"),
        ({"opd_grouping": "donor"}, "allowed: 'category' or 'source'"),
    ],
)
def test_bad_money_parameters(values, expected):
    with pytest.raises(ParameterError) as caught:
        Edition.from_values(values)
    assert expected in str(caught.value)


def test_deflator_file_missing_a_year_is_named(tmp_path):
    from tests.conftest import ROOT

    lines = (ROOT / "data" / "deflators.csv").read_text().splitlines()
    kept = [line for line in lines if not line.startswith("pe_cpi_lima_dec_dec_inflation,2021")]
    path = tmp_path / "my-cpi.csv"
    path.write_text("\n".join(kept) + "\n")
    Edition.from_values({"deflators": str(path)})  # nominal: the file is read but not needed
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"deflators": str(path), "currency": "PEN", "price_basis": "real"})
    assert str(caught.value) == (
        f"parameter 'deflators': {path} has no pe_cpi_lima_dec_dec_inflation value for 2021 "
        "(needed: us_cpi_u_annual_average and pe_cpi_lima_dec_dec_inflation, 2019 to 2023)"
    )


def test_rate_file_is_checked_for_shape_and_years(tmp_path):
    bad = tmp_path / "rates.csv"
    bad.write_text("year,rate\n2020,3.6\n")
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"fx_rates": str(bad)})
    assert f"parameter 'fx_rates': {bad}" in str(caught.value)
    short = tmp_path / "short.csv"
    short.write_text("year,pen_per_usd\n2020,3.6\n2021,3.9\n")
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"fx_rates": str(short)})
    assert "has no rate for 2022, 2023" in str(caught.value)


def test_a_message_names_a_users_long_path_whole(tmp_path):
    """Where users keep files: 150 and more characters, spaces, accents, parentheses. The
    message gives the whole path, which a reader can copy (before: its last 117 characters)."""
    folder = tmp_path / "Documentos de trabajo" / "evaluación 2023 (copia)"
    folder = folder / "tipos de cambio del Banco Central de Reserva del Perú – serie anual"
    folder.mkdir(parents=True)
    bad = folder / "rates.csv"
    bad.write_text("year,rate\n2020,3.6\n")
    assert len(str(bad)) > 150
    with pytest.raises(ParameterError) as caught:
        Edition.from_values({"fx_rates": str(bad)})
    assert f"parameter 'fx_rates': {bad} " in str(caught.value)


def test_user_rate_file_names_the_edition_by_stem_and_content(tmp_path):
    path = tmp_path / "bcrp.csv"
    path.write_text("year,pen_per_usd\n2020,3.5\n2021,3.9\n2022,3.8\n2023,3.7\n")
    edition = Edition.from_values({"fx_rates": str(path), "currency": "PEN"})
    assert edition.slug.startswith("currency-PEN_fx_rates-bcrp-")
    assert edition.input_files() == {"fx_rates": path}


# Papermill types `-p` values itself (int('２０２０') is 2020, int('2_023') is 2023) and reads
# YAML 1.1 (`2_023`, `0x7e7`): the notebook's check reads what papermill's command line was
# given, as the book's command line reads --set and --params values (issue 24).
def _papermill_context(*arguments: str):
    from papermill.cli import papermill

    return papermill.make_context("papermill", ["in.ipynb", "out.ipynb", *arguments])


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["-p", "start_year", "\uff12\uff10\uff12\uff10"],
         "parameter 'start_year': '\\uff12\\uff10\\uff12\\uff10' is not an integer"),
        (["-p", "end_year", "2_023"],
         "parameter 'end_year': '2_023' is not an integer (no underscores between digits)"),
        (["-p", "partial_weight", "\u0660.5"], "parameter 'partial_weight': '\\u0660.5' is not"),
        (["-y", "end_year: 2_023"], "parameter 'end_year': '2_023' is not an integer"),
        (["-y", "max_age: 0x3"], "parameter 'max_age': '0x3' is not an integer"),
        (["-b", "bWF4X2FnZTogMF8z"], "parameter 'max_age': '0_3' is not an integer"),
        (["-r", "start_year", "2020.0"], "parameter 'start_year': '2020.0' is not an integer"),
    ],
)  # fmt: skip
def test_a_notebook_run_by_papermill_checks_the_values_as_written(arguments, expected):
    from papermill.cli import _resolve_type

    from analysis.edition.notebook import start

    namespace = {"currency": "USD", "start_year": 2019, "end_year": 2023, "max_age": 3}
    if arguments[0] == "-p":  # what papermill makes of the value, as it injects it
        namespace[arguments[1]] = _resolve_type(arguments[2])
    with _papermill_context(*arguments), pytest.raises(ParameterError) as caught:
        start(namespace)
    assert str(caught.value).startswith(expected), caught.value


def test_a_notebook_run_by_papermill_takes_values_in_the_grammar(tmp_path):
    from analysis.edition.notebook import start

    params = tmp_path / "edition.yaml"
    params.write_text("currency: PEN\nmax_age: 4\n")
    arguments = ["-f", str(params), "-p", "start_year", " 2020", "-p", "base_year", "None"]
    namespace = {"currency": "PEN", "start_year": 2020, "max_age": 4, "base_year": None}
    with _papermill_context(*arguments):
        edition = start(namespace)
    assert edition == Edition.from_values({"currency": "PEN", "start_year": "2020", "max_age": "4"})
    assert start(dict(namespace, start_year=2021)).start_year == 2021  # outside papermill's CLI


@pytest.mark.build  # executes a notebook (its first cells): not in `make check`
def test_the_readme_s_papermill_route_refuses_full_width_digits(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    template = ROOT / "analysis" / "templates" / "devida-budget.ipynb"
    command = [sys.executable, "-m", "papermill", str(template), str(tmp_path / "out.ipynb")]
    command += ["--cwd", str(tmp_path), "--engine", "mem-inprocess"]
    result = subprocess.run(
        [*command, "-p", "start_year", "\uff12\uff10\uff12\uff10"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "parameter 'start_year': '\\uff12\\uff10\\uff12\\uff10' is not an integer" in (
        result.stderr
    )
