"""The tables of the pillar and coverage chapters, as data: for each, its id, title, what
heads its rows, and its columns (heading, the column of the chapter's frame it shows, how a
value is written).

A chapter computes a frame (most often a table of `data/` as it is) and shows it with
`table_of(id, frame, lang, **values)`; `values` fill the `{names}` of the title, the
headings and the note. Titles and headings are English, marked for the catalogs with `N_`
and translated when the table is made (`exhibits/tables.py`, `from_spec`). A table whose
cells need the chapter's own words is given a frame the chapter has prepared, shown as is.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from analysis.compute.register import STATUSES
from analysis.exhibits.language import N_, label, tr
from analysis.exhibits.tables import (
    MISSING,
    NUMBERED,
    Column,
    Table,
    TableSpec,
    as_is,
    from_spec,
)
from analysis.exhibits.terms import (
    answer_name,
    checklist_name,
    dated_by_name,
    divergence_words,
    pillar_name,
    reason_text,
    region_name,
    section_label,
    source_name,
    status_name,
    tone_name,
)

# How values of the chapters' frames are written ------------------------------------------


def answer(value, lang: str) -> str:
    """A yes/no answer of the report ('yes' for any true value)."""
    return answer_name("yes" if value else "no", lang)


def text(value, lang: str) -> str:
    return str(value)


def year(value, lang: str) -> str:
    """A year held as a number: 2019.0 -> '2019'."""
    return str(int(value))


def whole(value, lang: str) -> int:
    return int(value)


def points(share: float, lang: str) -> float:
    """A share as percentage points: 0.5 -> 50.0."""
    return share * 100


def label_or_blank(value, lang: str) -> str:
    """A text of `data/`, a year written as a whole number, or nothing."""
    if pd.isna(value):
        return ""
    return label(str(value), lang) if isinstance(value, str) else str(int(value))


def label_or_dash(value, lang: str) -> str:
    return label(value, lang) if isinstance(value, str) else MISSING


def status(code, lang: str) -> str:
    return status_name(str(code), lang)


def tone(code, lang: str) -> str:
    return tone_name(str(code), lang)


def pillar_or_all(code: str, lang: str) -> str:
    """A pillar's name; 'all' (the row of every pillar) as 'All pillars'."""
    return tr("All pillars", lang) if code == "all" else pillar_name(code, lang)


def short_action(action: str, lang: str) -> str:
    """'IS-2.3' -> '2.3': an action within its pillar's chapter."""
    return action.split("-", 1)[1]


def is_action(number: str, lang: str) -> str:
    """'3.6' -> 'IS 3.6' ('FI 3.6' in Spanish): a priority action of Institutional
    Strengthening."""
    return section_label(f"IS {number}", lang)


def level_name(level: str, lang: str) -> str:
    return tr("bilateral", lang) if level == "bilateral" else tr("multilateral", lang)


def period_end(year_ending, lang: str) -> str:
    return str(year_ending) if pd.notna(year_ending) else tr("not stated", lang)


def decree_words(decrees: str, lang: str) -> str:
    """Decree numbers as printed, their kind ('Supreme Decree No.') in the edition's language."""
    return re.sub(r"Supreme Decree N(?:o\.|°)", tr("Supreme Decree No.", lang), decrees)


def divergence_or_dash(code: str, lang: str) -> str:
    return divergence_words(code, lang) or MISSING


# Columns that several tables show --------------------------------------------------------


def answered(column: str) -> Column:
    """The answer of a yes/no list of the report."""
    return Column(N_("Answer"), column, answer)


STUDIES = (
    Column(N_("Type of study"), "study_type"),
    Column(N_("Year of publication"), "year", year),
)
NAMED_OBJECTIVE = Column(N_("Objective"), None, as_is)  # the chapter names them


def status_counts(write) -> tuple[Column, ...]:
    """The number of actions of each status, headed by the status's name."""
    return tuple(Column(functools.partial(status_name, code), code, write) for code in STATUSES)


SCORES = (
    *status_counts(whole),
    Column(N_("Actions"), "actions", whole),
    Column(N_("Score (%)"), "score", points, decimals=0),
)
ACTIONS = (
    Column(N_("Priority action (short title)"), "title"),
    Column(N_("Status ({coding})"), "status", status),
    Column(N_("Why"), ("reason", "reason_by"), reason_text),
)
GAPS = (
    Column(N_("Theme"), "theme", as_is),
    Column(N_("Priority action"), "action", as_is),
)
ITEM = Column(N_("Item"), None, as_is)

# The tables ------------------------------------------------------------------------------

SPECS = (
    # Research, information, monitoring and evaluation
    TableSpec(
        "din-means",
        N_("How the network's members exchange information"),
        Column(N_("Means"), "means"),
        (answered("used"), Column(N_("How often"), "frequency", label_or_blank)),
    ),
    TableSpec(
        "demand-studies",
        N_("Demand reduction studies (RIME 2.1)"),
        Column(N_("Study"), "study"),
        (
            answered("done"),
            Column(N_("Year of the most recent study"), "most_recent_year", label_or_blank),
        ),
    ),
    TableSpec(
        "treatment-modalities",
        N_("Treatment modalities in the national data system (RIME 2.2)"),
        Column(N_("Modality or intervention"), "modality"),
        (answered("included"),),
    ),
    TableSpec(
        "treatment-institutions",
        N_("Institutions from which patient data are collected (RIME 2.2)"),
        Column(N_("Institution"), "institution"),
        (answered("reports"),),
    ),
    TableSpec(
        "evaluation-studies",
        N_("Evaluation studies of programmes (RIME 2.3)"),
        Column(N_("Programmes"), "scope"),
        (
            answered("carried_out"),
            Column(
                N_("Title of the study and year of assessment, as printed (note 12)"),
                "printed",
                label_or_blank,
            ),
        ),
    ),
    TableSpec(
        "monitoring-mechanisms",
        N_("Continuous monitoring of services (RIME 2.3)"),
        Column(N_("Programme or service"), "programme"),
        (answered("in_place"), Column(N_("Mechanism"), "mechanism", label_or_blank)),
    ),
    TableSpec(
        "supply-information",
        N_("Information on supply reduction, trafficking and related crimes (RIME 3.1)"),
        Column(N_("Information"), "information"),
        (
            answered("available"),
            Column(N_("Year of the most recent information"), "most_recent_year", label_or_blank),
        ),
    ),
    TableSpec(
        "market-studies",
        N_("Studies of the illicit drug market (RIME 3.1)"),
        Column(N_("Title"), "title"),
        STUDIES,
    ),
    TableSpec(
        "legal-use-studies",
        N_("Studies of medical, scientific and other legal uses (RIME 3.1)"),
        Column(N_("Title"), "title"),
        STUDIES,
    ),
    TableSpec(
        "purity",
        N_("Purity and chemical profile of seized drugs (RIME 3.2)"),
        Column(N_("Title"), "title"),
        (
            Column(N_("Publication"), "publication_type"),
            Column(N_("Period covered"), "period_covered"),
            Column(N_("Published"), "published"),
        ),
    ),
    TableSpec(
        "forensic-institutions",
        N_(
            "Bodies responsible for analysing chemical substances, precursors and "
            "pharmaceutical products (RIME 3.3)"
        ),
        Column(N_("Institution"), "institution"),
        (
            Column(N_("Acronym as printed"), "acronym_as_printed", as_is),
            Column(N_("In the network, per the text"), "in_network", answer),
        ),
    ),
    TableSpec(
        "forensic-training",
        N_("Periodic training for forensic staff (RIME 3.3)"),
        Column(N_("Training"), "training"),
        (
            Column(N_("Peru"), "role"),
            Column(N_("For"), "targeted_institutions"),
            Column(N_("Last held"), "last_year", year),
        ),
    ),
    TableSpec(
        "mem-participation",
        N_("Peruvian representatives in the MEM's eighth round (RIME 4.2)"),
        Column(N_("Year"), None, text),
        (
            Column(N_("Thematic evaluation"), "thematic_evaluation"),
            Column(N_("National coordinating entity"), "NCE", answer),
            Column(N_("Governmental expert group"), "GEG", answer),
        ),
    ),
    TableSpec(
        "mem-areas",
        N_("Thematic areas for which Peru submitted information (RIME 4.1)"),
        Column(N_("Year"), "year", year),
        (Column(N_("Thematic area"), "thematic_area"),),
    ),
    TableSpec(
        "mem-review",
        N_("What Peru did after reviewing the MEM reports (RIME 4.5)"),
        NUMBERED,
        (Column(N_("Activity"), "activity"),),
    ),
    # International cooperation
    TableSpec(
        "cooperation-programmes",
        N_("Cooperation programmes (IS 3.3)"),
        Column(NUMBERED.heading, "item", year),
        (
            Column(N_("Level"), "level", level_name),
            Column(N_("Partner"), "partner"),
            Column(N_("Programme"), "programme", label_or_dash),
            Column(N_("What it supports (this project's words)"), "focus", label_or_dash),
        ),
    ),
    TableSpec(
        "bilateral-mechanisms",
        N_("Bilateral mechanisms against drug-trafficking groups (IC 1.1)"),
        Column(N_("Country"), "country"),
        (
            Column(N_("Mechanism"), "mechanism"),
            Column(N_("Region (this book's grouping)"), "region", region_name),
        ),
    ),
    TableSpec(
        "intelligence-uses",
        N_("What the secure intelligence channels serve (IC 1.1)"),
        NUMBERED,
        (Column(N_("Use"), "use"),),
    ),
    TableSpec(
        "conventions",
        N_("International instruments (IC 2.4)"),
        Column(N_("Instrument"), "instrument"),
        (
            Column(N_("System"), "system"),
            Column(N_("Ratified or acceded"), "ratified", answer),
        ),
    ),
    TableSpec(
        "legal-measures",
        N_("Measures enacted and adopted in {first}-{last} (IC 2.3)"),
        Column(N_("Kind"), "kind"),
        (
            Column(N_("Enacted"), "enacted", answer),
            Column(N_("Adopted"), "adopted", answer),
            Column(N_("Measure"), "name"),
        ),
    ),
    # Institutional strengthening
    TableSpec(
        "national-policies",
        N_("National policies named in the report"),
        Column(N_("Policy"), "policy"),
        (
            Column(N_("Approved (first decree)"), "approved", text),
            Column(N_("Period ends"), "ends", period_end),
            Column(N_("Decrees"), "decrees", decree_words),
            Column(N_("In the report"), "where", section_label),
        ),
    ),
    TableSpec(
        "budgetary-programmes",
        N_("Budgetary programmes in DEVIDA's charge"),
        Column(N_("Code"), "code", as_is),
        (
            Column(N_("Programme"), "name"),
            Column(N_("Acronym"), "acronym", as_is),
            Column(N_("Aim (this project's words)"), "aim"),
        ),
    ),
    TableSpec(
        "programme-coverage",
        N_("Territorial reach of prevention programmes"),
        NUMBERED,
        (
            Column(N_("Programme"), "programme"),
            Column(N_("Unit"), "unit"),
            Column(N_("Number, as printed"), "printed"),
            Column(N_("Priority action"), "priority_action", is_action),
        ),
    ),
    TableSpec(
        "social-inclusion",
        N_("Inter-agency programmes for social inclusion (IS 5.1)"),
        Column(N_("Programme"), "programme", as_is),
        (Column(N_("What it is"), "aim"),),
    ),
    TableSpec(
        "citizen-security",
        N_("Other measures for citizen participation and safety (IS 3.6)"),
        Column(N_("Area"), "area"),
        (Column(N_("Measures, as printed"), "measures"),),
    ),
    # Each pillar: its priority actions, objective by objective, and its summaries' tone
    TableSpec(
        "objective-actions",
        N_("{pillar}: the priority actions of objective {objectives}"),
        Column(N_("Action"), None, short_action),
        ACTIONS,
    ),
    TableSpec(
        "objectives-actions",
        N_("{pillar}: the priority actions of objectives {objectives}"),
        Column(N_("Action"), None, short_action),
        ACTIONS,
    ),
    TableSpec(
        "pillar-tone",
        N_("What the evaluators note, objective by objective"),
        NAMED_OBJECTIVE,
        (
            Column(N_("Tone of the summary (this book's coding)"), "tone", tone),
            Column(N_("Shortcomings it names"), "shortcomings_named", label_or_dash),
        ),
    ),
    # Evaluation coverage gaps
    TableSpec(
        "coverage-objectives",
        N_("Status ({coding}) of the priority actions, by objective"),
        NAMED_OBJECTIVE,
        SCORES,
    ),
    TableSpec(
        "coverage-pillars",
        N_("Status ({coding}) of the priority actions, by pillar"),
        Column(N_("Pillar"), None, pillar_or_all),
        SCORES,
    ),
    TableSpec(
        "coverage-checklists",
        N_("The report's yes/no lists, 'k of n', with the rows missing"),
        Column(N_("List"), "key", checklist_name),
        (
            Column(N_("Present"), "have", as_is),
            Column(N_("Of"), "total", as_is),
            Column(N_("Missing rows"), "missing", as_is),
        ),
    ),
    TableSpec(
        "evidence-age",
        N_("The report's dated evidence, oldest first"),
        Column(N_("Item"), "item"),
        (
            Column(N_("Kind"), "source", source_name),
            Column(N_("Latest year"), "year", text),
            Column(N_("The year is"), "dated_by", dated_by_name),
            Column(N_("Age in {year} (years)"), "age", as_is),
            Column(N_("Dated"), "dated", answer),
        ),
    ),
    TableSpec(
        "gap-register",
        N_("The gap register: every 'no' on something a priority action asks for ({coding})"),
        ITEM,
        (*GAPS, Column(N_("Finding (answer: no)"), "finding", as_is)),
        groups=N_("Theme"),
    ),
    TableSpec(
        "limitations",
        N_("Findings of 'no' or 'partly' that the coding in force counts in no status"),
        ITEM,
        (*GAPS, Column(N_("Finding (answer: no, unless marked)"), "finding", as_is)),
        groups=N_("Theme"),
    ),
    TableSpec(
        "coverage-sensitivity",
        N_("How the counts and the coverage score change under other readings ({coding})"),
        Column(N_("Reading"), None, as_is),
        (
            *status_counts(as_is),
            Column(N_("Score (%)"), "score", points, decimals=1),
            Column(N_("Change (points)"), "change", as_is, right=True),
        ),
        note=N_(
            "Each alternative is another reading of one action, applied to the coding in force: "
            "a reading this book considered and set aside, documented in the transcription note "
            "named, or, for an action a reader's coding sets, this book's own status. The first "
            "row is the coding in force in this edition; the rows but the last four count a "
            "partially met action {weight}. Scores to one decimal, so that small moves show."
        ),
    ),
    TableSpec(
        "network-stakeholders",
        N_("Who is in the drug information network: the report's table and text"),
        Column(N_("Stakeholder"), "stakeholder"),
        (
            Column(N_("Per the table"), "involved", answer),
            Column(N_("Per the text"), "in_text", answer),
        ),
    ),
    TableSpec(
        "tone-coverage",
        N_("The tone of each summary against the coverage score ({coding})"),
        NAMED_OBJECTIVE,
        (
            Column(N_("Tone of the summary (this book's coding)"), "tone", tone),
            Column(N_("Score (%)"), "score", points, decimals=0),
            Column(N_("Where they part"), "divergence", divergence_or_dash),
        ),
    ),
)

TABLES = {spec.id: spec for spec in SPECS}


def table_of(id: str, frame: pd.DataFrame, lang: str, as_id: str | None = None, **values) -> Table:
    """The table `id` of the list, showing `frame` in `lang` (`values` fill its `{names}`;
    `as_id` names a table shown more than once, each time with an id of its own)."""
    return from_spec(TABLES[id], frame, lang, id=as_id, **values)
