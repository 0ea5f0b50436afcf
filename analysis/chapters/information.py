"""Chapter "Research, information, monitoring and evaluation" (pillar RIME, objectives 1-4)."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.pillars import Pillar
from analysis.compute import coverage as cov
from analysis.contract.load import load_table
from analysis.edition.parameters import Edition
from analysis.exhibits.charts import check_matrix
from analysis.exhibits.publish import Exhibit, where
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import answer_name
from analysis.exhibits.words import in_sentence, label, names, quoted_names, tr

CHAPTER = "research-information"
TABLES = (
    "din-interaction",
    "din-stakeholders",
    "forensic-institutions",
    "demand-studies",
    "treatment-modalities",
    "treatment-data-institutions",
    "evaluation-studies",
    "evaluation-kinds",
    "monitoring-mechanisms",
    "supply-information",
    "supply-information-institutions",
    "drug-market-studies",
    "legal-use-studies",
    "purity-publications",
    "forensic-training",
    "mem-participation",
    "mem-review-activities",
)


class Information:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.pillar = Pillar("RIME", edition)
        self.t = {name: load_table(name) for name in TABLES}


def _yes(value) -> str:
    return "yes" if bool(value) else "no"


def _k_of_n(frame: pd.DataFrame, answer: str) -> tuple[int, int]:
    return int(frame[answer].fillna(False).astype(bool).sum()), len(frame)


def network_sentence(c: Information) -> str:
    lang, stakeholders = c.lang, c.t["din-stakeholders"]
    outside = [
        label(s, lang)
        for s in stakeholders.loc[~stakeholders["involved"].astype(bool), "stakeholder"]
    ]
    k, n = _k_of_n(stakeholders, "involved")
    values = {"k": k, "n": n, "outside": quoted_names(outside, lang), "m": len(outside)}
    if not outside:
        return tr(
            "The network's table lists all {n} kinds of stakeholder as members.", lang, **values
        )
    if len(outside) == 1:
        return tr(
            "The network's table lists {k} of {n} kinds of stakeholder as members; the one "
            "it leaves out is {outside}.",
            lang,
            **values,
        )
    return tr(
        "The network's table lists {k} of {n} kinds of stakeholder as members; the {m} it "
        "leaves out are {outside}.",
        lang,
        **values,
    )


def forensic_sentence(c: Information) -> str:
    lang, forensic = c.lang, c.t["forensic-institutions"]
    outside = int((~forensic["in_network"].astype(bool)).sum())
    values = {"n": len(forensic), "outside": outside}
    if outside == len(forensic):
        return tr(
            "Yet the text on forensic capacity names {n} institutions that analyse seized "
            "substances and says that none of them belongs to the network; the table and "
            "the text disagree (transcription note 6).",
            lang,
            **values,
        )
    return tr(
        "Yet the text on forensic capacity names {n} institutions that analyse seized "
        "substances and says that {outside} of them are outside the network; the table "
        "and the text disagree (transcription note 6).",
        lang,
        **values,
    )


def demand_sentence(c: Information) -> str:
    lang, demand = c.lang, c.t["demand-studies"]
    k, n = _k_of_n(demand, "done")
    done = demand[demand["done"].astype(bool)]
    listed = [
        tr("{study} ({year})", lang, study=label(s, lang), year=int(y))
        for s, y in zip(done["study"], done["most_recent_year"], strict=True)
    ]
    if k == 0:
        return tr(
            "Of the {n} kinds of demand study the report asks about, Peru carried out and "
            "published none.",
            lang,
            n=n,
        )
    if k == 1:
        return tr(
            "Of the {n} kinds of demand study the report asks about, Peru carried out and "
            "published one: {done}.",
            lang,
            n=n,
            done=listed[0],
        )
    return tr(
        "Of the {n} kinds of demand study the report asks about, Peru carried out and "
        "published {k}: {done}.",
        lang,
        n=n,
        k=k,
        done=names(listed, lang),
    )


def treatment_sentence(c: Information) -> str:
    lang = c.lang
    modalities, institutions = c.t["treatment-modalities"], c.t["treatment-data-institutions"]
    km, nm = _k_of_n(modalities, "included")
    ki, ni = _k_of_n(institutions, "reports")
    missing = [
        in_sentence(label(m, lang))
        for m in modalities.loc[~modalities["included"].astype(bool), "modality"]
    ]
    reporting = [
        in_sentence(label(i, lang))
        for i in institutions.loc[institutions["reports"].astype(bool), "institution"]
    ]
    values = {
        "km": km,
        "nm": nm,
        "missing": quoted_names(missing, lang),
        "ki": ki,
        "ni": ni,
        "reporting": quoted_names(reporting, lang),
    }
    if ki == 1:
        return tr(
            "The national treatment data system records {km} of {nm} modalities (not "
            "{missing}), and only one of {ni} kinds of institution reports to it: the "
            "{reporting}.",
            lang,
            **values,
        )
    return tr(
        "The national treatment data system records {km} of {nm} modalities (not "
        "{missing}), and {ki} of {ni} kinds of institution report to it: {reporting}.",
        lang,
        **values,
    )


def evaluation_sentence(c: Information) -> str:
    lang = c.lang
    item = cov.evaluation_checklist(c.t["evaluation-studies"], c.t["evaluation-kinds"])
    monitoring = c.t["monitoring-mechanisms"]
    km, nm = _k_of_n(monitoring, "in_place")
    studies = c.t["evaluation-studies"].dropna(subset=["title"])
    done = [
        f"{label(t, lang)} ({y})" for t, y in zip(studies["title"], studies["years"], strict=True)
    ]
    values = {"n": item.total, "k": item.have, "done": names(done, lang), "km": km, "nm": nm}
    if item.have == 0:
        head = tr(
            "Of {n} kinds of evaluation the report asks about (any evaluation, intermediate "
            "outcome and impact, of prevention and of treatment), none exists.",
            lang,
            **values,
        )
    elif item.have == 1:
        head = tr(
            "Of {n} kinds of evaluation the report asks about (any evaluation, intermediate "
            "outcome and impact, of prevention and of treatment), one exists: {done}.",
            lang,
            **values,
        )
    else:
        head = tr(
            "Of {n} kinds of evaluation the report asks about (any evaluation, intermediate "
            "outcome and impact, of prevention and of treatment), {k} exist: {done}.",
            lang,
            **values,
        )
    return (
        head
        + " "
        + tr("Continuous monitoring covers {km} of {nm} kinds of service.", lang, **values)
    )


def supply_sentence(c: Information) -> str:
    lang, supply = c.lang, c.t["supply-information"]
    item = cov.checklist("supply-information", supply, "information", "available")
    added = cov.added_rows(supply, "information")
    years = supply.loc[~added, "most_recent_year"].dropna().astype(int)
    latest = years.value_counts().sort_index(ascending=False)
    commonest = int(years.mode().max())
    institutions = [
        f"{a} ({label(i, lang)})"
        for i, a in zip(
            c.t["supply-information-institutions"]["institution"],
            c.t["supply-information-institutions"]["acronym"],
            strict=True,
        )
    ]
    values = {
        "k": item.have,
        "n": item.total,
        "commonest": commonest,
        "count": int(latest[commonest]),
        "institutions": names(institutions, lang),
    }
    if values["count"] == len(years):
        text = tr(
            "Of the {n} kinds of supply information the report asks about, {k} are "
            "available, the latest data for each from {commonest}; they are gathered by "
            "{institutions}.",
            lang,
            **values,
        )
    else:
        text = tr(
            "Of the {n} kinds of supply information the report asks about, {k} are "
            "available, most recently for {commonest} ({count} of them); they are gathered "
            "by {institutions}.",
            lang,
            **values,
        )
    others = tr("Others:", lang)  # the open row's label, as the data's translation has it
    extra = [
        tr("{name} ({year})", lang, name=_added_name(name, others, lang), year=int(year))
        if pd.notna(year)
        else _added_name(name, others, lang)
        for name, year in zip(
            supply.loc[added, "information"], supply.loc[added, "most_recent_year"], strict=True
        )
    ]
    if extra:  # the questionnaire's open row: counted in neither number above
        text += " " + tr(
            "Under 'Others', Peru also reports {added}.", lang, added=names(extra, lang)
        )
    return text


def _added_name(row: str, others: str, lang: str) -> str:
    """'Others: Quantification of illicit coca crops' -> 'quantification of illicit coca crops'."""
    return in_sentence(label(row, lang).removeprefix(others).strip())


def mem_sentence(c: Information) -> str:
    lang, mem = c.lang, c.t["mem-participation"]
    k, n = _k_of_n(mem, "designated")
    rounds = mem["evaluation_year"].nunique()
    values = {"k": k, "n": n, "rounds": rounds}
    if k == n:
        return tr(
            "Peru named representatives to all {n} places open to it in the {rounds} "
            "thematic evaluations of the round (national coordinating entity and "
            "governmental expert group for each).",
            lang,
            **values,
        )
    return tr(
        "Peru named representatives to {k} of the {n} places open to it in the {rounds} "
        "thematic evaluations of the round (national coordinating entity and "
        "governmental expert group for each).",
        lang,
        **values,
    )


def phrases(c: Information) -> dict[str, str]:
    p = c.pillar
    return {
        "counts_sentence": p.counts_sentence(),
        "network_sentence": network_sentence(c),
        "forensic_sentence": forensic_sentence(c),
        "ews_status": p.status("1.4"),
        "research_status": p.status("1.2"),
        "forum_status": p.status("1.8"),
        "demand_sentence": demand_sentence(c),
        "treatment_sentence": treatment_sentence(c),
        "treatment_status": p.status("2.2"),
        "evaluation_sentence": evaluation_sentence(c),
        "supply_sentence": supply_sentence(c),
        "n_market": str(len(c.t["drug-market-studies"])),
        "n_legal": str(len(c.t["legal-use-studies"])),
        "mem_sentence": mem_sentence(c),
        "dissemination_status": p.status("4.3"),
        "n_review": str(len(c.t["mem-review-activities"])),
        "n_forensic": str(len(c.t["forensic-institutions"])),
        "tone_sentence": p.tone_sentence(),
    }


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
            tr("per the text", lang): [s not in outside for s in stakeholders["stakeholder"]],
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
        "report's table marks them and as its text on forensic capacity has it.",
        lang,
    )
    differ = [name for name, row in marks.iterrows() if row.iloc[0] != row.iloc[1]]
    alt = tr(
        "Matrix of {n} kinds of stakeholder, two columns: the table counts {table} as "
        "members, the text {text}; they differ on {differ}.",
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
        {tr("Answer", lang): [answer_name(_yes(v), lang) for v in frame[answer]]},
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
                answer_name(_yes(v), lang) for v in forensic["in_network"]
            ],
        },
        index=[label(v, lang) for v in forensic["institution"]],
    )
    return table(
        shown,
        id="forensic-institutions",
        lang=lang,
        stub=tr("Institution", lang),
        title=tr("Institutions that analyse seized substances (RIME 3.3)", lang),
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
                answer_name(_yes(v), lang) for v in wide["NCE"]
            ],
            tr("Governmental expert group", lang): [
                answer_name(_yes(v), lang) for v in wide["GEG"]
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
        {"printed": tr("Title of the study and assessment years, as printed", lang)},
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
