"""The book's recurring terms, in the edition's language: pillars, statuses, currencies, and
the codes of the data and of the computations that chapters name (lists, kinds of evidence,
regions).

Computations name things by code ('IS', 'partially met', 'USD'); these are their words.
"""

from __future__ import annotations

from analysis.exhibits.language import names, tr


def pillar_name(code: str, lang: str) -> str:
    """'Institutional Strengthening', 'Fortalecimiento Institucional', ..."""
    return {
        "IS": tr("Institutional Strengthening", lang),
        "RIME": tr("Research, Information, Monitoring and Evaluation", lang),
        "IC": tr("International Cooperation", lang),
    }[code]


def status_name(code: str, lang: str) -> str:
    """The words for a status of this book's coding."""
    return {
        "met": tr("met", lang),
        "partially met": tr("partially met", lang),
        "not met": tr("not met", lang),
        "no information": tr("no information", lang),
    }[code]


def status_rule(code: str, lang: str) -> str:
    """When an action gets each status (the rule in analysis/compute/register.py, in words)."""
    return {
        "met": tr("every finding recorded for the action is yes", lang),
        "partially met": tr(
            "the findings that count are mixed, or one of them is answered 'in part'", lang
        ),
        "not met": tr("every finding recorded for the action is no", lang),
        "no information": tr(
            "the report gives no finding on what the action asks (the rule for silence)", lang
        ),
    }[code]


def tone_name(code: str, lang: str) -> str:
    return {
        "satisfaction": tr("satisfaction", lang),
        "mixed": tr("mixed", lang),
        "concern": tr("concern", lang),
    }[code]


def stage_name(stage: str, lang: str) -> str:
    """A stage of the policy cycle, as the report's actors table names them."""
    return {
        "development": tr("development", lang),
        "implementation": tr("implementation", lang),
        "evaluation": tr("evaluation", lang),
        "update": tr("update", lang),
    }[stage]


def tone_rule(code: str, lang: str) -> str:
    return {
        "concern": tr("the summary observes something 'with concern'", lang),
        "mixed": tr("otherwise, the summary names at least one shortcoming", lang),
        "satisfaction": tr("otherwise, the summary names no shortcoming", lang),
    }[code]


def answer_name(code: str, lang: str) -> str:
    return {"yes": tr("yes", lang), "no": tr("no", lang), "partial": tr("partly", lang)}[code]


def currency_name(code: str, lang: str) -> str:
    """'US dollars', 'soles peruanos', ..."""
    return {"USD": tr("US dollars", lang), "PEN": tr("Peruvian soles", lang)}[code]


def basis_name(price_basis: str, base_year: int, lang: str) -> str:
    """How amounts are priced: 'nominal', 'at 2023 prices', 'a precios de 2023'."""
    if price_basis == "nominal":
        return tr("nominal", lang)
    return tr("at {year} prices", lang, year=base_year)


def pillar_code(pillar: str, lang: str) -> str:
    """A pillar's short code in `lang`: 'RIME' is 'IIME' in Spanish."""
    return {"IS": tr("IS", lang), "RIME": tr("RIME", lang), "IC": tr("IC", lang)}[pillar]


def objective_label(pillar: str, objective: int, lang: str) -> str:
    """'IS 2', 'RIME 3': a short name for an objective, in a chart or table."""
    return f"{pillar_code(pillar, lang)} {objective}"


def section_label(section: str, lang: str) -> str:
    """'IS 3.4' (a pillar's code and a priority action or objective) in `lang`: 'FI 3.4'."""
    code, _, number = section.partition(" ")
    return f"{pillar_code(code, lang)} {number}"


def action_label(action: str, lang: str) -> str:
    """'IS-3.4' (a priority action's identifier in the data) in `lang`: 'FI-3.4'."""
    code, _, number = action.partition("-")
    return f"{pillar_code(code, lang)}-{number}"


def actions_words(spec: str, lang: str) -> str:
    """Priority actions as the data's provenance writes them, in words: '1.3' -> 'priority
    action 1.3'; '1.1-1.2' -> 'priority actions 1.1 and 1.2'; '1.4-1.6' -> 'priority
    actions 1.4 to 1.6'; '2.6; 3.6' -> 'priority actions 2.6 and 3.6'."""
    parts = [part.strip() for part in spec.split(";")]
    if len(parts) == 1 and "-" in parts[0]:
        first, last = (end.strip() for end in parts[0].split("-"))
        (a, b), (c, d) = first.split("."), last.split(".")
        if a != c or int(d) - int(b) > 1:
            return tr("priority actions {first} to {last}", lang, first=first, last=last)
        parts = [first, last]
    if len(parts) == 1:
        return tr("priority action {action}", lang, action=parts[0])
    return tr("priority actions {actions}", lang, actions=names(parts, lang))


def pillar_codes(lang: str) -> str:
    """The pillars' short codes defined, for a caption: 'IS: Institutional Strengthening; ...'."""
    return "; ".join(
        f"{pillar_code(code, lang)}: {pillar_name(code, lang)}" for code in ("IS", "RIME", "IC")
    )


def coding_label(coded, lang: str) -> str:
    """Whose coding the statuses of the actions in `coded` (a register) are, for titles:
    'this book's coding', 'the reader's coding', or 'the reader's coding over this book's'
    (a reader's file that codes some of them)."""
    reader = int((coded["coded_by"] == "reader").sum())
    if reader == 0:
        return tr("this book's coding", lang)
    if reader == len(coded):
        return tr("the reader's coding", lang)
    return tr("the reader's coding over this book's", lang)


def reason_text(reason: str, reason_by: str, lang: str) -> str:
    """An action's reason as the register shows it: the book's in the edition's language, a
    reader's as they wrote it, or a note that the reader gave none."""
    from analysis.exhibits.language import label

    if reason_by == "book":
        return label(reason, lang)
    if reason_by == "none":
        return tr("(the reader's coding; no reason given)", lang)
    return reason


def coder_name(coded_by: str, lang: str) -> str:
    """Whose coding an action's status is."""
    return {"book": tr("this book", lang), "reader": tr("the reader", lang)}[coded_by]


def locator_label(where: str, lang: str) -> str:
    """A finding's place in the report ('RIME 2.1 ¶1', 'IS 2 summary ¶2') in `lang`: the
    pillar's code and the word 'summary' in the edition's language, the numbers as printed."""
    code, _, rest = where.partition(" ")
    shown = f"{pillar_code(code, lang)} " + rest.replace("summary", tr("summary", lang))
    return shown.replace(" ", "\u00a0")  # kept on one line


def checklist_name(key: str, lang: str) -> str:
    """One of the report's yes/no lists (a checklist of `compute/coverage.py`), by name."""
    return {
        "policy-actors": tr("Actors × policy stages (IS 2.2)", lang),
        "din-stakeholders": tr(
            "Stakeholders in the information network, per the table (RIME 1.4)", lang
        ),
        "din-stakeholders-text": tr(
            "Stakeholders in the information network, per the text (RIME 1.4, 3.3)", lang
        ),
        "demand-studies": tr("Demand studies (RIME 2.1)", lang),
        "treatment-modalities": tr("Treatment modalities recorded (RIME 2.2)", lang),
        "treatment-data-institutions": tr("Institutions reporting patient data (RIME 2.2)", lang),
        "evaluations": tr(
            "Evaluations of prevention and treatment (RIME 2.3; this book's list)", lang
        ),
        "monitoring-mechanisms": tr("Services with monitoring mechanisms (RIME 2.3)", lang),
        "supply-information": tr("Supply information available (RIME 3.1)", lang),
        "mem-participation": tr("MEM groups with Peruvian representatives (RIME 4.2)", lang),
        "conventions": tr("International instruments ratified (IC 2.4)", lang),
    }[key]


def source_name(code: str, lang: str) -> str:
    """The kind of an item of dated evidence, by the table it comes from."""
    return {
        "demand-studies": tr("demand study", lang),
        "supply-information": tr("supply information", lang),
        "drug-market-studies": tr("drug-market study", lang),
        "legal-use-studies": tr("legal-use study", lang),
        "purity-publications": tr("purity and chemical profile", lang),
        "evaluation-studies": tr("evaluation study", lang),
    }[code]


def dated_by_name(code: str, lang: str) -> str:
    """What an item of evidence's year is the year of."""
    return {
        "data": tr("of the latest data", lang),
        "publication": tr("of publication", lang),
        "period end": tr("the end of the period covered", lang),
        "span end": tr("the end of the span printed (note 12)", lang),
    }[code]


def divergence_words(code: str, lang: str) -> str:
    """How an objective's summary and its coverage score part (`compute/coverage.py`'s
    DIVERGENCES), as it reads in a table; nothing where they agree."""
    return {
        "silent": tr("names no shortcoming although not every action is met", lang),
        "faulted": tr("names shortcomings although every action counts as met", lang),
        "concern": tr("observes it 'with concern' although more than half is covered", lang),
        "": "",
    }[code]


def region_name(code: str, lang: str) -> str:
    """A region of this book's grouping of the countries of the bilateral mechanisms."""
    return {
        "South America": tr("South America", lang),
        "North America": tr("North America", lang),
        "Europe": tr("Europe", lang),
    }[code]
