import pytest
from papermill import inspect_notebook

from analysis.build import templates
from analysis.parameters import Edition, ParameterError, edition_from_namespace, help_text


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


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"currency": "EUR"}, "parameter 'currency': not an allowed value (got 'EUR'); "
                              "allowed: 'USD' or 'PEN'"),
        ({"colour": "red"}, "unknown parameter 'colour'; known parameters: "
                            "currency, start_year, end_year"),
        ({"start_year": "abc"}, "parameter 'start_year': Input should be a valid integer"),
        ({"end_year": "2030"}, "allowed: an integer from 2019 to 2023"),
        ({"start_year": "2022", "end_year": "2021"}, "start_year (2022) must be before end_year"),
    ],
)  # fmt: skip
def test_bad_values_name_the_parameter_and_what_is_allowed(values, expected):
    with pytest.raises(ParameterError) as caught:
        Edition.from_values(values)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_help_lists_every_parameter_with_its_default():
    text = help_text()
    for name, field in Edition.model_fields.items():
        assert f"{name} " in text
        assert f"default {field.default!r}" in text


@pytest.mark.parametrize("template", templates(), ids=lambda path: path.name)
def test_template_parameter_cells_follow_the_model(template):
    declared = inspect_notebook(str(template))
    assert set(declared) == set(Edition.model_fields)
    namespace = {name: eval(spec["default"]) for name, spec in declared.items()}  # noqa: S307
    assert edition_from_namespace(namespace) == Edition()
