"""Chapter "Institutional strengthening" (report: pillar IS, objectives 1 to 6)."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.pillars import Pillar
from analysis.chapters.table_specs import table_of
from analysis.compute import coverage as cov
from analysis.compute.policies import lapsed, policies_in_force
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.language import label, names, quoted_names, tr
from analysis.exhibits.recipes import spans
from analysis.exhibits.tables import Table
from analysis.exhibits.terms import stage_name

CHAPTER = "institutional-strengthening"


class Institutions:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.pillar = Pillar("IS", edition)
        self.authority = load_table("drug-authority").iloc[0]
        self.legal = load_table("authority-legal-basis")
        self.areas = load_table("devida-areas")
        self.counts = load_table("national-policy-counts").set_index("measure")["count"]
        self.actors = load_table("policy-actors")
        self.programmes = load_table("budgetary-programmes")
        self.coverage = load_table("programme-coverage")
        self.social = load_table("social-inclusion-programmes")
        self.policies = policies_in_force(
            load_table("cross-cutting-policies"), load_table("legal-measures")
        )
        self.lapsed = lapsed(self.policies, edition.evaluation_year)


def authority_sentence(c: Institutions) -> str:
    a, lang = c.authority, c.lang
    return tr(
        "The report names Peru's drug authority: {acronym}, the {name}, established in "
        "{year}. It sits in what the report calls “{attached}” and has {budget}; the report "
        "gives its legal basis as {instruments}.",
        lang,
        name=label(a["name"], lang),
        acronym=a["acronym"],
        year=int(a["established"]),
        attached=label(a["attached_to"], lang),
        budget=label(a["budget"], lang),
        instruments=names([label(i, lang) for i in c.legal["instrument"]], lang),
    )


def policy_counts_sentence(c: Institutions) -> str:
    n, lang = c.counts, c.lang
    return tr(
        "The National Anti-Drug Policy to 2030 (PNCD) has {objectives} "
        "priority objectives with {per_objective} each, {guidelines} "
        "guidelines and {services} services with {per_service} each; "
        "{entities} public entities take part in it.",
        lang,
        objectives=int(n["priority objectives"]),
        per_objective=_indicators(int(n["indicators per priority objective"]), lang),
        guidelines=int(n["guidelines"]),
        services=int(n["services"]),
        per_service=_indicators(int(n["indicators per service"]), lang),
        entities=int(n["participating public entities"]),
    )


def _indicators(k: int, lang: str) -> str:
    if k == 1:
        return tr("one indicator", lang)
    return tr("{k} indicators", lang, k=k)


def areas_sentence(c: Institutions) -> str:
    areas = [label(a, c.lang) for a in c.areas["area"]]
    return tr(
        "The report names {n} areas that it coordinates: {areas}.",
        c.lang,
        n=len(areas),
        areas=names(areas, c.lang),
    )


def actors_sentence(c: Institutions) -> str:
    lang = c.lang
    marks = cov.actor_stages(c.actors)
    full = [label(a, lang) for a, row in marks.iterrows() if row.all()]
    none = [label(a, lang) for a, row in marks.iterrows() if not row.any()]
    partly: dict[tuple[str, ...], list[str]] = {}  # actors by the stages they take part in
    for actor, row in marks.iterrows():
        if row.any() and not row.all():
            stages = tuple(stage_name(stage, lang) for stage in marks.columns[row.to_numpy()])
            partly.setdefault(stages, []).append(label(actor, lang))
    text = tr(
        "{full} take part in all {stages} stages of national drug policy; {none} take "
        "part in none.",
        lang,
        full=quoted_names(full, lang),
        stages=marks.shape[1],
        none=quoted_names(none, lang),
    )
    for stages, actors in partly.items():
        who = {"actors": quoted_names(actors, lang), "stages": names(list(stages), lang)}
        if len(actors) == 1 and len(stages) == 1:
            text += " " + tr("{actors} takes part only at the {stages} stage.", lang, **who)
        elif len(actors) == 1:
            text += " " + tr("{actors} takes part only at the {stages} stages.", lang, **who)
        elif len(stages) == 1:
            text += " " + tr("{actors} take part only at the {stages} stage.", lang, **who)
        else:
            text += " " + tr("{actors} take part only at the {stages} stages.", lang, **who)
    return text


def provinces_sentence(c: Institutions) -> str:
    row = c.coverage[c.coverage["unit"] == "provinces"].iloc[0]
    qualifier = tr("more than", c.lang) + " " if row["qualifier"] == "more than" else ""
    return tr(
        "The report says that drug prevention and control services have been set up in "
        "community mental health centres in {qualifier}{count} provinces.",
        c.lang,
        qualifier=qualifier,
        count=int(row["count"]),
    )


def neighbourhoods_sentence(c: Institutions) -> str:
    embs = c.coverage[c.coverage["unit"] != "provinces"].set_index("unit")["count"]
    return tr(
        "On citizen participation in crime prevention (3.6), the report says that the "
        "Multisectoral Safe Neighborhood Strategy (EMBS) is present in {regions} regions, "
        "{districts} districts and {neighbourhoods} safe neighbourhoods.",
        c.lang,
        regions=int(embs["regions"]),
        districts=int(embs["districts"]),
        neighbourhoods=int(embs["safe neighbourhoods"]),
    )


def lapsed_sentence(c: Institutions) -> str:
    lang, year = c.lang, c.edition.evaluation_year
    gone = c.policies[c.lapsed]
    if gone.empty:
        return tr(
            "None of these policies had reached the end of its stated period by {year}.",
            lang,
            year=year,
        )
    listed = [label(p, lang) for p in gone["policy"]]
    if len(gone) == 1:
        return tr(
            "By {year}, the evaluation year of this edition, one of them is named for a "
            "period that had ended: {list}. The report still lists it among the policies Peru "
            "promotes and does not say whether it was extended or replaced.",
            lang,
            year=year,
            list=listed[0],
        )
    return tr(
        "By {year}, the evaluation year of this edition, {n} of them are named for periods "
        "that had ended: {list}. The report still lists them among the policies Peru "
        "promotes and does not say whether they were extended or replaced.",
        lang,
        year=year,
        n=len(gone),
        list=names(listed, lang),
    )


def phrases(c: Institutions) -> dict[str, str]:
    return {
        "counts_sentence": c.pillar.counts_sentence(),
        "authority_sentence": authority_sentence(c),
        "areas_sentence": areas_sentence(c),
        "policy_counts_sentence": policy_counts_sentence(c),
        "actors_sentence": actors_sentence(c),
        "n_programmes": str(len(c.programmes)),
        "statuses_sentence": c.pillar.statuses_sentence(
            ["2.4", "2.5", "2.6"],
            {
                "2.4": tr("engaging the private sector", c.lang),
                "2.5": tr(
                    "formulating policy in line with the 2020 OAS Hemispheric Strategy on "
                    "Drugs, taking the 2030 Agenda into account",
                    c.lang,
                ),
                "2.6": tr("human rights, gender and social inclusion in policy", c.lang),
            },
        ),
        "provinces_sentence": provinces_sentence(c),
        "lapsed_sentence": lapsed_sentence(c),
        "neighbourhoods_sentence": neighbourhoods_sentence(c),
        "alternatives_counts": c.pillar.counts_sentence([4]),
        "sentencing_counts": c.pillar.counts_sentence([6]),
        "n_social": str(len(c.social)),
        "n_cross": str(int((c.policies["where"] == "IS 3.4").sum())),
        "tone_sentence": c.pillar.tone_sentence(),
    }


def policies_figure(c: Institutions) -> Exhibit:
    lang, p = c.lang, c.policies
    index = [label(name, lang) for name in p["policy"]]
    starts = pd.Series(p["approved"].to_numpy(dtype=float), index=index)
    ends = pd.Series(
        p["ends"].astype("Float64").to_numpy(dtype=float, na_value=float("nan")), index=index
    )
    gone = pd.Series(c.lapsed.to_numpy(), index=index)
    year = c.edition.evaluation_year
    chart = spans(
        starts,
        ends,
        lapsed=gone,
        reference_year=year,
        lang=lang,
        height=4.8,
        reference_label=tr("evaluation year {year}", lang, year=year),
        lapsed_label=tr("named period ended before {year}", lang, year=year),
        current_label=tr("in force", lang),
        open_label=tr("no period stated", lang),
        title=tr(
            "National policies named in the report, from approval to the end of their period", lang
        ),
    )
    caption = tr(
        "Each bar runs from the year of the policy's first approving decree to the "
        "last year of the period its name states; hatched: that period ended before "
        "{year} (the report does not say whether the policy was extended or replaced). "
        "Grey: the report states no period, so the bar runs to the edge.",
        lang,
        year=year,
    )
    ended = int(c.lapsed.sum())
    if ended == 0:
        ended_words = tr("none is named for a period that ended before {year}", lang, year=year)
    elif ended == 1:
        ended_words = tr("one is named for a period that ended before {year}", lang, year=year)
    else:
        ended_words = tr(
            "{k} are named for periods that ended before {year}", lang, k=ended, year=year
        )
    alt = tr(
        "Bars for {n} national policies from their approval ({first} to {last}); {ended}.",
        lang,
        n=len(p),
        first=int(p["approved"].min()),
        last=int(p["approved"].max()),
        ended=ended_words,
    )
    return Exhibit(
        "fig-national-policies",
        CHAPTER,
        chart,
        caption,
        alt,
        f"{where('IS', '3.4', lang)}; {where('IC', '2.3', lang)}",
        c.edition,
        uses=("evaluation_year",),
    )


def policies_table(c: Institutions) -> Table:
    return table_of("national-policies", c.policies, c.lang)


def programmes_table(c: Institutions) -> Table:
    return table_of("budgetary-programmes", c.programmes, c.lang)


def coverage_table(c: Institutions) -> Table:
    return table_of("programme-coverage", c.coverage, c.lang)


def social_table(c: Institutions) -> Table:
    return table_of("social-inclusion", c.social, c.lang)


def measures_table(c: Institutions) -> Table:
    return table_of("citizen-security", load_table("citizen-security-measures"), c.lang)
