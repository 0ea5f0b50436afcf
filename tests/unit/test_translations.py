"""Every string the book shows has its Spanish text; a language without a catalog is refused."""

import ast
from pathlib import Path

import pytest

from analysis.contract.parameters import Edition, ParameterError
from analysis.edition.translations import read_catalog, templates, untranslated
from analysis.exhibits.language import TranslationError, label, tr
from tests.conftest import ROOT, each


@pytest.fixture(scope="module")
def extracted():
    return templates()


@pytest.mark.parametrize("domain", ["book", "analysis", "data"])
def test_every_string_has_its_spanish_text(extracted, domain):
    missing = untranslated(read_catalog("es", domain), extracted[domain])
    assert not missing, (
        f"{len(missing)} strings lack a Spanish text in locales/es/LC_MESSAGES/{domain}.po "
        f"(run `make translations`, then translate): {missing[:5]}"
    )


def test_the_check_fails_when_a_catalog_entry_is_removed(extracted):
    catalog = read_catalog("es", "analysis")
    removed = next(message.id for message in catalog if message.id)
    del catalog[removed]
    assert untranslated(catalog, extracted["analysis"]) == [removed]


def test_the_extraction_finds_the_words_of_every_kind(extracted):
    assert "DEVIDA annual budget ({basis})" in extracted["analysis"]  # code
    assert "The money" in extracted["analysis"]  # a table-of-contents caption
    assert "DEVIDA's budget over time" in extracted["book"]  # a notebook heading
    assert "Health Ministry" in extracted["data"]  # a row label of the data
    assert "Annual budget" in extracted["data"]  # a field title of the contract


def test_no_translated_call_hides_in_an_f_string():
    # Babel's extractor does not look inside f-strings: a tr() there would be missed.
    offenders = []
    for path in each((ROOT / "analysis").rglob("*.py"), "module of analysis/"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "tr":
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders


def test_translations_fill_in_the_same_fields():
    import string

    catalog = read_catalog("es", "analysis")
    for message in catalog:
        if message.id and "{" in message.id:
            fields = {f for _, f, _, _ in string.Formatter().parse(message.id) if f}
            assert fields == {f for _, f, _, _ in string.Formatter().parse(message.string) if f}, (
                message.id
            )


def test_a_missing_translation_is_an_error_never_english():
    with pytest.raises(TranslationError, match="no 'es' translation"):
        tr("A sentence nobody wrote", "es")
    with pytest.raises(TranslationError):
        label("A label nobody wrote", "es")
    assert tr("A sentence nobody wrote", "en") == "A sentence nobody wrote"


def test_a_language_without_a_catalog_is_refused():
    with pytest.raises(ParameterError, match="no translation catalog for 'fr'"):
        Edition.from_values({"lang": "fr"})
    assert Path(ROOT / "locales" / "es" / "LC_MESSAGES" / "book.po").is_file()


def test_codes_of_pillars_sections_and_actions_follow_the_language():
    from analysis.exhibits.terms import action_label, objective_label, section_label

    assert objective_label("RIME", 2, "en") == "RIME 2"
    assert objective_label("RIME", 2, "es") == "IIME 2"
    assert section_label("IS 3.4", "es") == "FI 3.4"
    assert action_label("IC-1.2", "en") == "IC-1.2"
    assert action_label("IC-1.2", "es") == "CI-1.2"
    assert action_label("RIME-4.5", "es") == "IIME-4.5"


def test_priority_actions_in_words():
    from analysis.exhibits.terms import actions_words

    assert actions_words("1.3", "en") == "priority action 1.3"
    assert actions_words("1.1-1.2", "en") == "priority actions 1.1 and 1.2"
    assert actions_words("1.4-1.6", "en") == "priority actions 1.4 to 1.6"
    assert actions_words("2.6; 3.6", "en") == "priority actions 2.6 and 3.6"
    assert actions_words("1.4-1.6", "es") == "acciones prioritarias 1.4 a 1.6"


def test_names_that_hold_commas_or_and_are_quoted_only_in_a_list():
    from analysis.exhibits.language import quoted_names

    assert quoted_names(["Research, Information and Evaluation"], "en") == (
        "Research, Information and Evaluation"
    )
    assert quoted_names(["Health Ministry", "Regional and/or local governments"], "en") == (
        "“Health Ministry” and “Regional and/or local governments”"
    )
    assert quoted_names(["A", "B"], "en") == "A and B"
