"""Research, information, monitoring and evaluation, the exhibits: its figure and tables."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.information.numbers import CHAPTER, Information, yes_or_no
from analysis.compute import coverage as cov
from analysis.contract.load import load_table
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.language import in_sentence, label, names, tr
from analysis.exhibits.recipes import check_matrix
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import answer_name


def network_figure(c: Information) -> Exhibit:
    lang = c.lang
    stakeholders = c.t["din-stakeholders"]
    corrected = cov.stakeholders_per_text(
        stakeholders,
        [] if c.t["forensic-institutions"]["in_network"].any() else ["Forensic laboratories"],
    )
    outside = set(corrected.missing)
    marks = pd.DataFrame(
        {
            tr("per the table", lang): stakeholders["involved"].astype(bool).to_numpy(),
            tr("per the text, if it means the same laboratories", lang): [
                s not in outside for s in stakeholders["stakeholder"]
            ],
        },
        index=[label(s, lang) for s in stakeholders["stakeholder"]],
    )
    chart = check_matrix(
        marks.rename_axis(tr("stakeholder", lang)),
        lang=lang,
        height=4.8,
        yes=tr("member", lang),
        no=tr("not a member", lang),
        title=tr("Who is in the national drug information network (DIN)", lang),
    )
    caption = tr(
        "Kinds of stakeholder in the national drug information network (DIN), as the "
        "report's table marks them, and as they stand if the bodies its text on forensic "
        "capacity puts outside the network are the laboratories the table counts; they may "
        "be other laboratories.",
        lang,
    )
    differ = [name for name, row in marks.iterrows() if row.iloc[0] != row.iloc[1]]
    alt = tr(
        "Matrix of {n} kinds of stakeholder, two columns: the table counts {table} as "
        "members; {text} remain if the text's bodies are the table's laboratories; the two "
        "may differ on {differ}.",
        lang,
        n=len(marks),
        table=int(marks.iloc[:, 0].sum()),
        text=int(marks.iloc[:, 1].sum()),
        differ=names([in_sentence(name) for name in differ], lang) or tr("nothing", lang),
    )
    return Exhibit(
        "fig-network-stakeholders",
        CHAPTER,
        chart,
        caption,
        alt,
        f"{where('RIME', '1.4-1.6', lang)}; {where('RIME', '3.3', lang)}",
        c.edition,
        uses=(),
    )


def yes_no_table(
    frame: pd.DataFrame,
    key: str,
    answer: str,
    extra: dict[str, str],
    *,
    id: str,
    title: str,
    stub: str,
    lang: str,
) -> Table:
    """A yes/no table of the report: rows labelled, the answer in words, extra columns."""
    shown = pd.DataFrame(
        {tr("Answer", lang): [answer_name(yes_or_no(v), lang) for v in frame[answer]]},
        index=[label(v, lang) for v in frame[key]],
    )
    for column, heading in extra.items():
        shown[heading] = [
            ("" if pd.isna(v) else label(str(v), lang) if isinstance(v, str) else str(int(v)))
            for v in frame[column]
        ]
    return table(shown, id=id, lang=lang, stub=stub, title=title)


def studies_table(frame: pd.DataFrame, *, id: str, title: str, lang: str) -> Table:
    shown = pd.DataFrame(
        {
            tr("Type of study", lang): [label(s, lang) for s in frame["study_type"]],
            tr("Year of publication", lang): frame["year"].astype(int).astype(str).tolist(),
        },
        index=[label(t, lang) for t in frame["title"]],
    )
    return table(shown, id=id, lang=lang, stub=tr("Title", lang), title=title)


def means_table(c: Information) -> Table:
    lang, means = c.lang, c.t["din-interaction"]
    return yes_no_table(
        means,
        "means",
        "used",
        {"frequency": tr("How often", lang)},
        id="din-means",
        lang=lang,
        stub=tr("Means", lang),
        title=tr("How the network's members exchange information", lang),
    )


def institutions_table(
    frame: pd.DataFrame, name: str, acronym: str, *, id: str, title: str, lang: str
) -> Table:
    shown = pd.DataFrame(
        {tr("Institution", lang): [label(v, lang) for v in frame[name]]},
        index=frame[acronym].tolist(),
    )
    return table(shown, id=id, lang=lang, stub=tr("Acronym", lang), title=title)


def forensic_table(c: Information) -> Table:
    lang, forensic = c.lang, c.t["forensic-institutions"]
    shown = pd.DataFrame(
        {
            tr("Acronym as printed", lang): forensic["acronym_as_printed"].tolist(),
            tr("In the network, per the text", lang): [
                answer_name(yes_or_no(v), lang) for v in forensic["in_network"]
            ],
        },
        index=[label(v, lang) for v in forensic["institution"]],
    )
    return table(
        shown,
        id="forensic-institutions",
        lang=lang,
        stub=tr("Institution", lang),
        title=tr(
            "Bodies responsible for analysing chemical substances, precursors and "
            "pharmaceutical products (RIME 3.3)",
            lang,
        ),
    )


def training_table(c: Information) -> Table:
    lang, training = c.lang, c.t["forensic-training"]
    shown = pd.DataFrame(
        {
            tr("Peru", lang): [label(r, lang) for r in training["role"]],
            tr("For", lang): [label(t, lang) for t in training["targeted_institutions"]],
            tr("Last held", lang): training["last_year"].astype(int).astype(str).tolist(),
        },
        index=[label(t, lang) for t in training["training"]],
    )
    return table(
        shown,
        id="forensic-training",
        lang=lang,
        stub=tr("Training", lang),
        title=tr("Periodic training for forensic staff (RIME 3.3)", lang),
    )


def purity_table(c: Information) -> Table:
    lang, purity = c.lang, c.t["purity-publications"]
    shown = pd.DataFrame(
        {
            tr("Publication", lang): [label(p, lang) for p in purity["publication_type"]],
            tr("Period covered", lang): [label(p, lang) for p in purity["period_covered"]],
            tr("Published", lang): [label(p, lang) for p in purity["published"]],
        },
        index=[label(t, lang) for t in purity["title"]],
    )
    return table(
        shown,
        id="purity",
        lang=lang,
        stub=tr("Title", lang),
        title=tr("Purity and chemical profile of seized drugs (RIME 3.2)", lang),
    )


def mem_table(c: Information) -> Table:
    lang, mem = c.lang, c.t["mem-participation"]
    wide = mem.pivot(index="evaluation_year", columns="group", values="designated")
    shown = pd.DataFrame(
        {
            tr("Thematic evaluation", lang): [
                label(t, lang)
                for t in mem.drop_duplicates("evaluation_year")["thematic_evaluation"]
            ],
            tr("National coordinating entity", lang): [
                answer_name(yes_or_no(v), lang) for v in wide["NCE"]
            ],
            tr("Governmental expert group", lang): [
                answer_name(yes_or_no(v), lang) for v in wide["GEG"]
            ],
        },
        index=wide.index.astype(str),
    )
    return table(
        shown,
        id="mem-participation",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("Peruvian representatives in the MEM's eighth round (RIME 4.2)", lang),
    )


def review_table(c: Information) -> Table:
    lang, review = c.lang, c.t["mem-review-activities"]
    shown = pd.DataFrame(
        {tr("Activity", lang): [label(a, lang) for a in review["activity"]]},
        index=range(1, len(review) + 1),
    )
    return table(
        shown,
        id="mem-review",
        lang=lang,
        stub="#",
        title=tr("What Peru did after reviewing the MEM reports (RIME 4.5)", lang),
    )


def demand_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["demand-studies"],
        "study",
        "done",
        {"most_recent_year": tr("Year of the most recent study", lang)},
        id="demand-studies",
        lang=lang,
        stub=tr("Study", lang),
        title=tr("Demand reduction studies (RIME 2.1)", lang),
    )


def modalities_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["treatment-modalities"],
        "modality",
        "included",
        {},
        id="treatment-modalities",
        lang=lang,
        stub=tr("Modality or intervention", lang),
        title=tr("Treatment modalities in the national data system (RIME 2.2)", lang),
    )


def reporting_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["treatment-data-institutions"],
        "institution",
        "reports",
        {},
        id="treatment-institutions",
        lang=lang,
        stub=tr("Institution", lang),
        title=tr("Institutions from which patient data are collected (RIME 2.2)", lang),
    )


def evaluations_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["evaluation-studies"],
        "scope",
        "carried_out",
        {"printed": tr("Title of the study and year of assessment, as printed (note 12)", lang)},
        id="evaluation-studies",
        lang=lang,
        stub=tr("Programmes", lang),
        title=tr("Evaluation studies of programmes (RIME 2.3)", lang),
    )


def monitoring_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["monitoring-mechanisms"],
        "programme",
        "in_place",
        {"mechanism": tr("Mechanism", lang)},
        id="monitoring-mechanisms",
        lang=lang,
        stub=tr("Programme or service", lang),
        title=tr("Continuous monitoring of services (RIME 2.3)", lang),
    )


def supply_table(c: Information) -> Table:
    lang = c.lang
    return yes_no_table(
        c.t["supply-information"],
        "information",
        "available",
        {"most_recent_year": tr("Year of the most recent information", lang)},
        id="supply-information",
        lang=lang,
        stub=tr("Information", lang),
        title=tr(
            "Information on supply reduction, trafficking and related crimes (RIME 3.1)", lang
        ),
    )


def market_table(c: Information) -> Table:
    return studies_table(
        c.t["drug-market-studies"],
        id="market-studies",
        lang=c.lang,
        title=tr("Studies of the illicit drug market (RIME 3.1)", c.lang),
    )


def legal_use_table(c: Information) -> Table:
    return studies_table(
        c.t["legal-use-studies"],
        id="legal-use-studies",
        lang=c.lang,
        title=tr("Studies of medical, scientific and other legal uses (RIME 3.1)", c.lang),
    )


def areas_table(c: Information) -> Table:
    lang, areas = c.lang, load_table("mem-thematic-areas")
    frame = pd.DataFrame(
        {tr("Thematic area", lang): [label(a, lang) for a in areas["thematic_area"]]},
        index=areas["year"].astype(int).astype(str).tolist(),
    )
    return table(
        frame,
        id="mem-areas",
        lang=lang,
        stub=tr("Year", lang),
        title=tr("Thematic areas for which Peru submitted information (RIME 4.1)", lang),
    )
