"""Research, information, monitoring and evaluation, the exhibits: its figure and tables."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.information.numbers import CHAPTER, Information
from analysis.chapters.table_specs import table_of
from analysis.compute import coverage as cov
from analysis.contract.load import load_table
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.language import in_sentence, label, names, tr
from analysis.exhibits.recipes import check_matrix
from analysis.exhibits.tables import Table


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
    source = f"{where('RIME', '1.4-1.6', lang)}; {where('RIME', '3.3', lang)}"
    return Exhibit(
        "fig-network-stakeholders", CHAPTER, chart, caption, alt, source, c.edition, uses=()
    )


def means_table(c: Information) -> Table:
    return table_of("din-means", c.t["din-interaction"], c.lang)


def demand_table(c: Information) -> Table:
    return table_of("demand-studies", c.t["demand-studies"], c.lang)


def modalities_table(c: Information) -> Table:
    return table_of("treatment-modalities", c.t["treatment-modalities"], c.lang)


def reporting_table(c: Information) -> Table:
    return table_of("treatment-institutions", c.t["treatment-data-institutions"], c.lang)


def evaluations_table(c: Information) -> Table:
    return table_of("evaluation-studies", c.t["evaluation-studies"], c.lang)


def monitoring_table(c: Information) -> Table:
    return table_of("monitoring-mechanisms", c.t["monitoring-mechanisms"], c.lang)


def supply_table(c: Information) -> Table:
    return table_of("supply-information", c.t["supply-information"], c.lang)


def market_table(c: Information) -> Table:
    return table_of("market-studies", c.t["drug-market-studies"], c.lang)


def legal_use_table(c: Information) -> Table:
    return table_of("legal-use-studies", c.t["legal-use-studies"], c.lang)


def purity_table(c: Information) -> Table:
    return table_of("purity", c.t["purity-publications"], c.lang)


def forensic_table(c: Information) -> Table:
    return table_of("forensic-institutions", c.t["forensic-institutions"], c.lang)


def training_table(c: Information) -> Table:
    return table_of("forensic-training", c.t["forensic-training"], c.lang)


def mem_table(c: Information) -> Table:
    """Each year of the eighth round: its thematic evaluation, and whether Peru named a
    national coordinating entity (NCE) and a governmental expert (GEG)."""
    mem = c.t["mem-participation"]
    wide = mem.pivot(index="evaluation_year", columns="group", values="designated")
    wide["thematic_evaluation"] = mem.drop_duplicates("evaluation_year")[
        "thematic_evaluation"
    ].to_numpy()
    return table_of("mem-participation", wide, c.lang)


def areas_table(c: Information) -> Table:
    return table_of("mem-areas", load_table("mem-thematic-areas"), c.lang)


def review_table(c: Information) -> Table:
    return table_of("mem-review", c.t["mem-review-activities"], c.lang)
