"""Claims no stronger than the report: each class of overclaim found by outside readers, as a
test that fails when a sentence of that class comes back.

- a status in running text is said to be a coding (this book's, or the reader's);
- the register's reasons attribute what they state to the report, and turn none of its
  lists into "all" or "every";
- the report's own terms and scope (micro-marketing of drugs; price monitoring in the
  Strategic Intervention Zones; "some municipalities and/or certain resources");
- facts from outside the report are not stated (the report is the book's only source);
- the rule for silence holds for every action, and what it decides has its other reading;
- the range of the score says which choice drives each end, worked by hand;
- the tone shown beside the scores is said to be this book's reading;
- English passages on a Spanish page are marked as English, with the book's translation.

Sentences are checked as the chapters' modules make them, in both languages; the built
pages are checked in tests/built/test_book.py and tests/built/test_spanish_editions.py.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from analysis.compute.register import (
    STATUSES,
    edition_register,
    if_silence_counted,
    register,
)
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition
from analysis.exhibits.language import label
from tests.conftest import ROOT, each

TEMPLATES = ROOT / "analysis" / "templates"
LANGS = ("en", "es")

# A status of this book's coding, as running text writes it, and the words that say it is a
# coding ("this book codes", "this book's coding", "coded", "the reader's coding"...).
STATUS = {
    # ('no information on drug prices' is the report's phrase, not a status)
    "en": re.compile(
        r"\b(partially met|not met|met|no information(?! on)|without information)\b", re.I
    ),
    "es": re.compile(r"\b(cumplidas? en parte|no cumplidas?|cumplidas?|sin información)\b", re.I),
}
CODING = {"en": re.compile(r"\bcod(?:e|es|ed|ing)\b"), "es": re.compile(r"\bcodifica")}
# A sentence that explains how statuses are scored names them as categories, not as any
# action's verdict ("a partially met action counting 0").
SCORING = {
    "en": re.compile(r"\b(?:a|an) (?:partially met|met|not met) (?:action|one)\b"),
    "es": re.compile(r"\buna acción (?:cumplida en parte|cumplida|no cumplida)\b"),
}


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.])\s+(?=[A-ZÁÉÍÓÚÑ¿«“(])", text) if s.strip()]


def uncoded_statuses(texts: dict[str, str], lang: str) -> list[str]:
    """The sentences of `texts` that give a status without saying it is a coding."""
    found = []
    for name, text in texts.items():
        for sentence in sentences(text):
            if STATUS[lang].search(sentence) and not CODING[lang].search(sentence):
                if not SCORING[lang].search(sentence):
                    found.append(f"{name}: {sentence}")
    return found


def chapter_phrases(lang: str) -> dict[str, str]:
    """Every sentence the evaluation chapters and the front page compute, in `lang`."""
    from analysis.chapters import front, institutions, priority_actions
    from analysis.chapters.cooperation import words as cooperation
    from analysis.chapters.cooperation.numbers import Cooperation
    from analysis.chapters.coverage_gaps import words as coverage
    from analysis.chapters.information import words as information
    from analysis.chapters.information.numbers import Information
    from analysis.compute.coverage import Coverage

    edition = Edition(lang=lang)
    items = load_table("assessment-items")
    found = {}
    for chapter, phrases in (
        ("intro", front.findings(edition)),
        ("institutional-strengthening", institutions.phrases(institutions.Institutions(edition))),
        ("research-information", information.phrases(Information(edition))),
        ("international-cooperation", cooperation.phrases(Cooperation(edition))),
        ("coverage-gaps", coverage.phrases(Coverage(edition))),
        ("priority-actions", priority_actions.phrases(edition_register("book"), items, lang)),
    ):
        found.update({f"{chapter}:{k}": v for k, v in phrases.items() if isinstance(v, str)})
    return found


def template_prose(chapter: str) -> str:
    """A template's narrative, one paragraph a line (headings and list items apart)."""
    notebook = nbformat.read(TEMPLATES / f"{chapter}.ipynb", as_version=4)
    return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def paragraphs(text: str) -> dict[str, str]:
    return {str(i): p for i, p in enumerate(re.split(r"\n\s*\n|\n(?=[-#])", text)) if p.strip()}


# Statuses are codings --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_status_in_running_text_is_said_to_be_a_coding(lang):
    found = uncoded_statuses(chapter_phrases(lang), lang)
    assert not found, "\n".join(found)


def test_the_check_finds_a_status_stated_as_a_verdict():
    # The sentences an outside reader found, and their fixes.
    assert uncoded_statuses({"x": "Engaging the private sector (2.4): not met."}, "en")
    assert uncoded_statuses({"x": "Involucramiento del sector privado (2.4): no cumplida."}, "es")
    assert not uncoded_statuses(
        {"x": "This book codes 2.4 (engaging the private sector) as not met."}, "en"
    )
    assert not uncoded_statuses({"x": "With a partially met action counting 0.50, ..."}, "en")


@pytest.mark.parametrize(
    "chapter",
    [
        "intro",
        "institutional-strengthening",
        "research-information",
        "international-cooperation",
        "coverage-gaps",
        "priority-actions",
    ],
)
def test_the_templates_state_no_status_of_their_own(chapter):
    # Statuses come from the data, glued in sentences that say whose coding they are: the
    # narrative names none outside such a sentence.
    prose = re.sub(r"\{glue:\w+\}`[^`]+`", "GLUED", template_prose(chapter))
    found = uncoded_statuses(paragraphs(prose), "en")
    assert not found, found


# The register's reasons --------------------------------------------------------------------


@pytest.fixture(scope="module")
def actions() -> pd.DataFrame:
    return load_table("priority-actions")


def test_every_reason_says_it_is_the_report_that_states_it(actions):
    # What Peru reports, and the report relays, is not stated as established fact.
    unattributed = [r.id for r in actions.itertuples() if "report" not in r.reason]
    assert not unattributed
    spanish = [r.id for r in actions.itertuples() if "informe" not in label(r.reason, "es")]
    assert not spanish


def test_no_reason_turns_one_of_the_report_s_lists_into_all_or_every(actions):
    # 'every year' is a time; 'each ... it lists' keeps a list to its own rows.
    found = {
        r.id: r.reason
        for r in actions.itertuples()
        if re.search(r"\b(?:all|every)\b(?! year)", r.reason, flags=re.IGNORECASE)
    }
    assert not found, found


def test_the_report_s_own_terms(actions):
    # Article 298 of the Criminal Code: the report's "micro-marketing of drugs", never
    # "micro-trafficking"; the office the authority is attached to, in the report's words.
    templates = each(TEMPLATES.glob("*.ipynb"), "notebook template")
    texts = [template_prose(t.stem) for t in templates] + actions["reason"].tolist()
    joined = "\n".join(texts)
    assert "micro-trafficking" not in joined
    assert "Prime Minister" not in joined
    reason = actions.set_index("id").loc["IS-4.1", "reason"]
    assert "micro-marketing of drugs" in reason
    assert "micro-marketing of drugs" in template_prose("institutional-strengthening")
    assert "microcomercialización de drogas" in label(reason, "es")


def test_the_report_s_terms_are_the_report_s(report_text):
    assert "micro-marketing of drugs" in report_text
    assert "micro-trafficking" not in report_text
    assert "Prime Minister" not in report_text
    assert "monthly prices of coca leaf" in report_text
    assert "in Strategic Intervention Zones (ZEI)" in report_text


def test_price_monitoring_is_kept_to_the_strategic_intervention_zones(actions):
    notes = load_table("transcription-notes")
    items = load_table("assessment-items")
    texts = (
        actions["reason"].tolist()
        + items["finding"].tolist()
        + notes["description"].tolist()
        + notes["handling"].tolist()
        + [template_prose("research-information")]
    )
    about = re.compile(r"monitor\w*[^.;]*prices? of coca|prices? of coca leaf[^.;]*monitor")
    unscoped = [
        s
        for text in texts
        for s in sentences(text)
        if about.search(s) and not re.search(r"Strategic Intervention Zones|those zones", s)
    ]
    assert not unscoped, unscoped


def test_budget_laws_keep_the_report_s_and_or():
    # "some municipalities are directly allocated a budget and/or certain resources are
    # allocated to DEVIDA": neither both nor all.
    prose = template_prose("institutional-strengthening")
    assert "directly to some municipalities and/or certain resources to DEVIDA" in prose


def test_the_list_of_evaluations_is_said_to_be_this_book_s():
    from analysis.chapters.information import words
    from analysis.chapters.information.numbers import Information

    sentence = words.evaluation_sentence(Information(Edition()))
    assert sentence.startswith("Of the 6 kinds of evaluation in this book's list")
    spanish = words.evaluation_sentence(Information(Edition(lang="es")))
    assert "de la lista de este libro" in spanish


def test_context_kept_by_a_coding_decision_is_not_called_a_shortfall():
    from analysis.chapters.coverage_gaps import tables, words
    from analysis.compute.coverage import Coverage

    coverage = Coverage(Edition())
    sentence = words.limitations_sentence(coverage)
    assert "shortfall" not in sentence
    # Four findings: the partial delegation (IS 2.3: the report's neutral "partially
    # delegated"), two limits of the treatment system, and no drug-use study after 2019.
    assert sentence.startswith("The register also holds 4 findings of 'no' or 'partly'")
    assert "Shortfall" not in tables.gaps_table(coverage, limitations=True).title


# Facts from outside the report -------------------------------------------------------------

OUTSIDE = {
    # what an earlier version said, without a source in the report
    "provinces in all": "Peru has 196 provinces",
    "set in soles": "Peru's public budget is set in soles",
    "allocates them in soles": "the Treasury allocates them in soles",
    "Peruvian civil association": "a Peruvian civil association",
    "is not complete": "the list of instruments is not complete",
    "Transnational Organized Crime": "instruments missing from the report's list",
    "1988": "the 1988 Convention",
}


def book_texts() -> dict[str, str]:
    """The book's English words: templates, the chapters' code and the data's own texts."""
    templates = each(TEMPLATES.glob("*.ipynb"), "notebook template")
    texts = {f"templates/{t.name}": template_prose(t.stem) for t in templates}
    for path in sorted((ROOT / "analysis" / "chapters").rglob("*.py")):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for name in ("priority-actions", "assessment-items", "transcription-notes"):
        frame = load_table(name)
        texts[f"data/{name}"] = "\n".join(str(v) for v in frame.to_numpy().ravel())
    return texts


@pytest.mark.parametrize("words", list(OUTSIDE))
def test_no_fact_from_outside_the_report_is_stated(words, report_text):
    assert words not in report_text  # so the report cannot be its source
    if words in ("Transnational Organized Crime", "1988", "provinces in all"):
        # The transcription notes say that an earlier version named these, and withdrew them.
        texts = {k: v for k, v in book_texts().items() if k != "data/transcription-notes"}
    else:
        texts = book_texts()
    found = [name for name, text in texts.items() if words in text]
    assert not found, (OUTSIDE[words], found)


def test_the_certifying_association_is_named_as_the_report_names_it(actions, report_text):
    assert "civil association Ciudadanos al Día" in report_text
    assert (
        "civil association Ciudadanos al Día" in actions.set_index("id").loc["RIME-1.9", "reason"]
    )


# The rule for silence ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    return register(load_table("priority-actions"), load_table("assessment-items"))


def test_the_rule_for_silence_worked_by_hand(book):
    status = book.set_index("id")["status"].astype(str)
    # The report answers 1.4 to 1.6 together: nothing on SATA (1.5); nothing on how often
    # the network publishes or on yearly updates of demand (1.6): no finding is drawn.
    assert status["RIME-1.5"] == "no information"
    assert status["RIME-1.6"] == "met"
    other = if_silence_counted(book, load_table("assessment-items")).to_dict()
    assert other == {
        "IS-1.3": "partially met",  # material and human resources: not mentioned
        "RIME-1.5": "not met",
        "RIME-1.6": "partially met",
        "RIME-1.8": "not met",  # CICAD expert groups: not mentioned; forums: no
        "RIME-2.3": "partially met",  # recommendations: not mentioned; already partial
    }


def test_the_rule_for_silence_applies_to_every_action(book):
    items = load_table("assessment-items")
    counted = items[items["in_action"]]
    indexed = book.set_index("id")
    for action, row in indexed.iterrows():
        has_findings = action in set(counted["action"])
        # no finding: no information, and the register says what the report leaves out
        assert (str(row["status"]) == "no information") == (not has_findings), action
        if not has_findings:
            assert row["silent_on"].strip(), action


def test_what_the_rule_for_silence_decides_has_its_other_reading(book):
    alternatives = load_table("coding-alternatives")
    readings = set(zip(alternatives["action"], alternatives["status"], strict=True))
    status = book.set_index("id")["status"].astype(str)
    other = if_silence_counted(book, load_table("assessment-items"))
    moved = {a: s for a, s in other.items() if s != status[a]}
    assert moved  # the rule decides something
    for action, other_status in moved.items():
        assert (action, other_status) in readings, action


def test_a_no_is_drawn_only_from_the_report_s_words_or_its_tables():
    # A finding of 'no' that counts quotes a negative statement, or the label of a row
    # that the report's yes/no table marks no; never an inference from silence.
    tables = {
        "demand-studies": ("study", "done"),
        "evaluation-studies": ("scope", "carried_out"),
        "monitoring-mechanisms": ("programme", "in_place"),
        "supply-information": ("information", "available"),
        "treatment-data-institutions": ("institution", "reports"),
        "treatment-modalities": ("modality", "included"),
    }
    marked_no = set()
    for name, (row, answer) in tables.items():
        frame = load_table(name)
        marked_no |= set(frame.loc[~frame[answer].astype(bool), row])
    negative = re.compile(r"\b(?:not|no)\b")
    items = load_table("assessment-items")
    counted_no = items[(items["answer"] == "no") & items["in_action"]]
    drawn = [
        (r.item, r.quote)
        for r in counted_no.itertuples()
        if not negative.search(r.quote) and r.quote not in marked_no
    ]
    assert not drawn, drawn


def test_the_register_page_shows_the_rule_and_the_actions_it_moves():
    from analysis.chapters.priority_actions import silence_sentence, silence_table

    items = load_table("assessment-items")
    sentence = silence_sentence(items, "en")
    assert sentence == (
        "The report leaves part or all of 5 actions unaddressed: IS-1.3, RIME-1.5, RIME-1.6, "
        "RIME-1.8 and RIME-2.3. Counting that silence as a no would change 3 statuses of this "
        "book's coding: IS-1.3 from met to partially met, RIME-1.5 from no information to not met "
        "and RIME-1.6 from met to partially met; each is one of the other readings that the "
        "chapter on coverage gaps applies."
    )
    html = silence_table(items, "en")._repr_html_()
    assert html.count("<tr") >= 6  # a header and the five actions
    assert "silence is not coded" in template_prose("priority-actions")


# The range of the score --------------------------------------------------------------------


def test_the_range_names_what_drives_each_end():
    from analysis.chapters.coverage_gaps import words
    from analysis.compute.coverage import Coverage

    # Worked by hand (tests/unit/test_codings.py): 75% in force; weight 0 alone 33/51 = 65%,
    # the lowering readings alone 32.5/50 = 65%, both 26/50 = 52%; weight 1 alone 44/51 =
    # 86%, the raising readings alone 39.5/51 = 77%, both 86%: the weight drives the top.
    coverage = Coverage(Edition())
    assert words.range_sentence(coverage) == (
        "Under this book's coding the coverage score is 75%; other weights of partial "
        "compliance and other readings of the 12 disputed actions put it between 52% (a "
        "partially met action counting 0, together with the readings that lower the score) "
        "and 86% (a partially met action counting 1, alone)."
    )
    assert words.range_detail(coverage) == (
        "The low end takes both choices: a partially met action counting 0 gives 65% alone, "
        "the readings that lower the score 65%; the high end comes from the weight alone (a "
        "partially met action counting 1), the readings that raise the score (77% alone) "
        "adding nothing."
    )
    # Partial compliance counting 1 already: 86% is the top; the bottom takes both (weight
    # 0 alone 33/51 = 65%; the lowering readings alone (31 + 8) / 50 = 78%; both 31/50).
    strict = Coverage(Edition(partial_weight=1))
    assert words.range_sentence(strict).endswith(
        "the highest that other weights of partial compliance and other readings of the 12 "
        "disputed actions give; they put it as low as 62% (a partially met action counting "
        "0, together with the readings that lower the score)."
    )
    assert words.range_detail(strict).endswith("; nothing raises it.")
    # Counting 0 already: the bottom comes from the readings alone, 26/50 = 52%.
    none = Coverage(Edition(partial_weight=0))
    assert "between 52% (the readings that lower the score, alone)" in words.range_sentence(none)


def test_the_front_page_range_is_the_coverage_chapter_s():
    from analysis.chapters import front
    from analysis.chapters.coverage_gaps import words
    from analysis.compute.coverage import Coverage

    for lang in LANGS:
        edition = Edition(lang=lang)
        coverage = Coverage(edition)
        found = front.findings(edition)["range_finding"]
        assert found == words.range_sentence(coverage)
        assert words.phrases(coverage)["range_sentence"].startswith(found)


def test_the_two_missing_readings_are_in_the_sensitivity_table():
    alternatives = load_table("coding-alternatives").set_index("alternative")
    pairs = set(zip(alternatives["action"], alternatives["status"], strict=True))
    assert ("RIME-1.5", "not met") in pairs  # "does not have early warning systems"
    assert ("IS-2.7", "no information") in pairs  # read as IS-3.5 is
    assert ("IS-3.5", "no information") in pairs


# The tone beside the scores ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_tone_beside_the_scores_is_said_to_be_this_book_s_reading(lang):
    from analysis.chapters.coverage_gaps import figures
    from analysis.compute.coverage import Coverage

    exhibit = figures.scores_figure(Coverage(Edition(lang=lang)))
    reading = {"en": "this book's reading", "es": "según la lectura de este libro"}[lang]
    header = exhibit.chart.data.columns[0]  # the CSV's and the workbook's first column
    assert reading in header, header
    assert {"en": "as this book reads it", "es": reading}[lang] in exhibit.chart.title
    assert {"en": "in this book's reading", "es": "según la lectura que este libro"}[
        lang
    ] in exhibit.caption


# English quoted on a Spanish page ----------------------------------------------------------


def test_the_spanish_register_marks_every_quotation_english_with_its_translation():
    from analysis.chapters.priority_actions import findings_table

    items = load_table("assessment-items")
    html = findings_table(edition_register("book"), items, "es")._repr_html_()
    marked = re.findall(r'<span lang="en">«([^»<]*)»</span> <span class="mem-translation">', html)
    assert len(marked) == len(items) == 105
    assert set(marked) == {q.replace("&", "&amp;") for q in items["quote"]}
    # outside those spans, none of the report's words
    outside = re.sub(r'<span lang="en">.*?</span>', "", html)
    for quote in set(items["quote"]):
        if len(quote) > 12:
            assert quote not in outside, quote
    assert "(traducción de este libro: «no cuenta con sistemas de alerta temprana (SAT)»)" in html
    english = findings_table(edition_register("book"), items, "en")._repr_html_()
    assert 'lang="en"' not in english and "traducción" not in english


def test_a_quotation_stays_text_never_markup():
    from analysis.exhibits.tables import passage

    made = passage("“<b>x</b> & y”", "es", "<i>z</i>")
    assert made.startswith('<span lang="en">“&lt;b&gt;x&lt;/b&gt; &amp; y”</span>')
    assert "&lt;i&gt;z&lt;/i&gt;" in made and "<i>" not in made
    assert passage("“x”", "en", "z") == "“x”"


def test_status_words_are_the_statuses_of_the_register():
    # The check above reads these words: they must be the book's own.
    from analysis.exhibits.terms import status_name

    for lang in LANGS:
        for status in STATUSES:
            name = status_name(status, lang)
            assert STATUS[lang].search(name) or lang == "en" and status == "no information"
