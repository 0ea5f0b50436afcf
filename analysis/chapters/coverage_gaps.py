"""Chapter "Evaluation coverage gaps": where the report finds Peru short, how old its evidence is.

Everything here rests on this book's coding of the report's text (compute/register.py);
the report itself gives no ratings and makes no recommendations.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.pillars import coding_sentence
from analysis.compute import coverage as cov
from analysis.compute.register import PILLARS, STATUSES, register, tones
from analysis.contract.load import load_table
from analysis.edition.parameters import Edition
from analysis.exhibits.charts import (
    check_matrix,
    heat_map,
    horizontal_bars,
    parts_of_whole,
    year_dots,
)
from analysis.exhibits.formats import number, percent
from analysis.exhibits.publish import Exhibit, where
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import (
    action_label,
    answer_name,
    objective_label,
    pillar_codes,
    pillar_name,
    stage_name,
    status_name,
    tone_name,
)
from analysis.exhibits.words import capitalised, in_sentence, label, names, quoted_names, tr

CHAPTER = "coverage-gaps"
TABLES = (
    "priority-actions",
    "assessment-items",
    "objective-tone",
    "objectives",
    "policy-actors",
    "demand-studies",
    "supply-information",
    "treatment-modalities",
    "treatment-data-institutions",
    "evaluation-studies",
    "evaluation-kinds",
    "monitoring-mechanisms",
    "din-stakeholders",
    "forensic-institutions",
    "conventions",
    "mem-participation",
    "drug-market-studies",
    "legal-use-studies",
    "purity-publications",
)
ALL_WHERE = "IS, RIME, IC"


class Coverage:
    """Everything the chapter shows, computed once for an edition."""

    def __init__(self, edition: Edition, tables: dict[str, pd.DataFrame] | None = None) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.tables = tables or {name: load_table(name) for name in TABLES}
        t = self.tables
        self.coded = register(t["priority-actions"], t["assessment-items"])
        self.objectives = cov.objective_coverage(self.coded, edition.partial_weight)
        self.pillars = cov.pillar_coverage(self.coded, edition.partial_weight)
        self.checklists = checklists(t)
        self.evidence = cov.recency(cov.evidence_years(t), edition.evaluation_year, edition.max_age)
        self.gaps = cov.gaps(self.coded, t["assessment-items"])
        self.limitations = cov.gaps(self.coded, t["assessment-items"], in_action=False)
        self.tone = cov.tone_against_coverage(tones(t["objective-tone"]), self.objectives)

    def objective_name(self, pillar: str, objective: int) -> str:
        titles = self.tables["objectives"].set_index(["pillar", "objective"])["title"]
        return f"{objective_label(pillar, objective, self.lang)}: " + label(
            titles[(pillar, objective)], self.lang
        )


def checklists(t: dict[str, pd.DataFrame]) -> list[cov.Checklist]:
    """The report's yes/no lists as checklists, in the order of the report."""
    # The text puts every forensic institution outside the network its table lists them in.
    outside = not t["forensic-institutions"]["in_network"].any()
    forensic_outside = ["Forensic laboratories"] if outside else []
    participation = t["mem-participation"].assign(
        row=t["mem-participation"]["group"]
        + " "
        + t["mem-participation"]["evaluation_year"].astype(str)
    )
    return [
        cov.actor_checklist(t["policy-actors"]),
        cov.checklist("din-stakeholders", t["din-stakeholders"], "stakeholder", "involved"),
        cov.stakeholders_per_text(t["din-stakeholders"], forensic_outside),
        cov.checklist("demand-studies", t["demand-studies"], "study", "done"),
        cov.checklist("treatment-modalities", t["treatment-modalities"], "modality", "included"),
        cov.checklist(
            "treatment-data-institutions",
            t["treatment-data-institutions"],
            "institution",
            "reports",
        ),
        cov.evaluation_checklist(t["evaluation-studies"], t["evaluation-kinds"]),
        cov.checklist("monitoring-mechanisms", t["monitoring-mechanisms"], "programme", "in_place"),
        cov.checklist("supply-information", t["supply-information"], "information", "available"),
        cov.checklist("mem-participation", participation, "row", "designated"),
        cov.checklist("conventions", t["conventions"], "instrument", "ratified"),
    ]


def checklist_name(key: str, lang: str) -> str:
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
        "evaluations": tr("Evaluations of prevention and treatment (RIME 2.3)", lang),
        "monitoring-mechanisms": tr("Services with monitoring mechanisms (RIME 2.3)", lang),
        "supply-information": tr("Supply information available (RIME 3.1)", lang),
        "mem-participation": tr("MEM groups with Peruvian representatives (RIME 4.2)", lang),
        "conventions": tr("International instruments ratified (IC 2.4)", lang),
    }[key]


def missing_label(key: str, text: str, lang: str) -> str:
    """A missing row in words: data labels translated, composed rows translated by parts."""
    if key == "policy-actors":
        actor, stage = text.split(": ")
        return f"{label(actor, lang)}: {stage_name(stage, lang)}"
    if key == "evaluations":
        kind, programme = text.split(": ")
        return tr(
            "{kind}: {programme}",
            lang,
            kind=_evaluation_kind(kind, lang),
            programme=_programme(programme, lang),
        )
    if key == "mem-participation":
        return text
    return label(text, lang)


def _evaluation_kind(kind: str, lang: str) -> str:
    return {
        "evaluation study": tr("evaluation study", lang),
        "intermediate outcome": tr("intermediate outcome evaluation", lang),
        "impact": tr("impact evaluation", lang),
    }[kind]


def _programme(programme: str, lang: str) -> str:
    return {"prevention": tr("prevention", lang), "treatment": tr("treatment", lang)}[programme]


def theme_name(code: str, lang: str) -> str:
    return {
        "institutions": tr("the drug authority and its means", lang),
        "engagement": tr("academia, civil society and the private sector", lang),
        "subnational": tr("sub-national management", lang),
        "strategy": tr("hemispheric strategy", lang),
        "rights": tr("human rights and inclusion", lang),
        "policies": tr("related policies and programmes", lang),
        "alternatives": tr("alternatives to incarceration", lang),
        "sentencing": tr("proportionate sentencing", lang),
        "information": tr("information systems", lang),
        "research": tr("research and studies", lang),
        "evaluation": tr("evaluation of programmes", lang),
        "dissemination": tr("dissemination of results", lang),
        "mem": tr("taking part in the MEM", lang),
        "cooperation": tr("international cooperation", lang),
    }[code]


def source_name(code: str, lang: str) -> str:
    return {
        "demand-studies": tr("demand study", lang),
        "supply-information": tr("supply information", lang),
        "drug-market-studies": tr("drug-market study", lang),
        "legal-use-studies": tr("legal-use study", lang),
        "purity-publications": tr("purity and chemical profile", lang),
        "evaluation-studies": tr("evaluation study", lang),
    }[code]


def dated_by_name(code: str, lang: str) -> str:
    return {
        "data": tr("of the latest data", lang),
        "publication": tr("of publication", lang),
        "period end": tr("the end of the period covered", lang),
        "span end": tr("the end of the span printed (note 12)", lang),
    }[code]


# Sentences -------------------------------------------------------------------------------


def _score(value: float, lang: str) -> str:
    return percent(value * 100, lang, decimals=0)


def overall_sentence(c: Coverage) -> str:
    lang, total = c.lang, c.pillars.loc["all"]
    counts = pd.Series({status: int(total[status]) for status in STATUSES})
    return (
        coding_sentence(counts, lang, evaluated=True)
        + " "
        + tr(
            "With a partially met action counting {weight}, that is a coverage score of {score}.",
            lang,
            weight=number(c.edition.partial_weight, lang, 2),
            score=_score(total["score"], lang),
        )
    )


def pillar_sentence(c: Coverage) -> str:
    lang = c.lang
    scores = c.pillars.loc[list(PILLARS), "score"]
    parts = [
        tr("{pillar} {score}", lang, pillar=pillar_name(code, lang), score=_score(value, lang))
        for code, value in scores.items()
    ]
    high, low = scores.max(), scores.min()
    if high == low:
        return tr("By pillar the scores are level: {scores}.", lang, scores="; ".join(parts))
    highest = [pillar_name(code, lang) for code in scores.index[scores == high]]
    lowest = [pillar_name(code, lang) for code in scores.index[scores == low]]
    return tr(
        "By pillar: {scores}. The highest is {highest}; the lowest, {lowest}.",
        lang,
        scores="; ".join(parts),  # the pillars' names hold commas and 'and'
        highest=quoted_names(highest, lang),
        lowest=quoted_names(lowest, lang),
    )


def objective_sentence(c: Coverage) -> str:
    """The objectives with the lowest score, named."""
    lang = c.lang
    scores = c.objectives["score"].dropna()
    low = scores.min()
    weakest = [c.objective_name(*key) for key in scores.index[scores == low]]
    full = int((scores == 1).sum())
    values = {"full": full, "n": len(scores), "score": _score(low, lang)}
    values["weakest"] = names(weakest, lang)
    if full == 0:
        head = tr("None of the {n} objectives has every action met.", lang, **values)
    elif full == 1:
        head = tr("One of the {n} objectives has every action met.", lang, **values)
    else:
        head = tr("Of the {n} objectives, {full} have every action met.", lang, **values)
    return head + " " + tr("The lowest score, {score}, is that of {weakest}.", lang, **values)


def checklist_sentence(c: Coverage) -> str:
    lang = c.lang
    lists = [item for item in c.checklists if item.key != "din-stakeholders-text"]
    thinnest = min(item.share for item in lists)
    thinnest_lists = [
        tr(
            "{name}, with {have} of {total}",
            lang,
            name=in_sentence(checklist_name(item.key, lang)),
            have=item.have,
            total=item.total,
        )
        for item in lists
        if item.share == thinnest
    ]
    complete = [in_sentence(checklist_name(item.key, lang)) for item in lists if item.share == 1]
    text = tr(
        "The thinnest of the report's yes/no lists is {names}.",
        lang,
        names=names(thinnest_lists, lang),
    )
    if complete:
        text += " " + tr("Complete: {names}.", lang, names=names(complete, lang))
    return text


def network_sentence(c: Coverage) -> str:
    by_key = {item.key: item for item in c.checklists}
    table, text = by_key["din-stakeholders"], by_key["din-stakeholders-text"]
    if table.have == text.have:
        return tr("The text and the table agree on who is in the drug information network.", c.lang)
    return tr(
        "The report disagrees with itself on the drug information network: its table "
        "counts {table} of {n} kinds of stakeholder, but its text puts the forensic "
        "laboratories outside the network, which leaves {text} of {n}.",
        c.lang,
        table=table.have,
        text=text.have,
        n=table.total,
    )


def recency_sentence(c: Coverage) -> str:
    lang, e = c.lang, c.evidence
    values = {"n": len(e), "year": c.edition.evaluation_year, "age": c.edition.max_age}
    dated = e[e["dated"]]
    oldest = e[e["year"] == e["year"].min()]
    values["oldest"] = names([label(item, lang) for item in oldest["item"]], lang)
    values["oldest_year"] = int(e["year"].min())
    if dated.empty:
        return tr(
            "Of the {n} dated items of evidence, none dates from more than {age} years "
            "before {year}. The oldest is {oldest} ({oldest_year}).",
            lang,
            **values,
        )
    values["k"] = len(dated)
    if len(dated) == 1:
        return tr(
            "Of the {n} dated items of evidence, one dates from more than {age} years "
            "before {year}; the oldest is {oldest} ({oldest_year}).",
            lang,
            **values,
        )
    return tr(
        "Of the {n} dated items of evidence, {k} date from more than {age} years "
        "before {year}; the oldest is {oldest} ({oldest_year}).",
        lang,
        **values,
    )


def gap_sentence(c: Coverage) -> str:
    lang = c.lang
    counts = c.gaps["theme"].value_counts()
    top = counts.max()
    themes = [theme_name(code, lang) for code in counts.index[counts == top]]
    values = {
        "n": len(c.gaps),
        "actions": c.gaps["action"].nunique(),
        "themes": len(counts),
        "top": names(themes, lang),
        "k": int(top),
    }
    counted = tr(
        "This book codes {n} gaps: findings of 'no' on something a priority action asks "
        "for, in {actions} actions and {themes} themes. The count depends on how finely "
        "the report's sentences are split into findings, so it compares themes within "
        "this report rather than measuring them.",
        lang,
        **values,
    )
    if len(themes) > 1:
        values["top"] = names([tr("“{name}”", lang, name=t) for t in themes], lang)
        return counted + " " + tr("The most concern {top} ({k} each).", lang, **values)
    return counted + " " + tr("The most concern {top} ({k}).", lang, **values)


def tone_sentence(c: Coverage) -> str:
    lang = c.lang
    departs = c.tone[c.tone["diverges"]]
    if departs.empty:
        return tr("In every objective the summary's tone fits the coverage this book finds.", lang)
    parts = [
        tr(
            "{objective}, whose summary {how} (score {score})",
            lang,
            objective=c.objective_name(*key),
            how=divergence_words(row["divergence"], lang),
            score=_score(row["score"], lang),
        )
        for key, row in departs.iterrows()
    ]
    if len(departs) == 1:
        return tr(
            "The summary's tone departs from this book's coverage in one objective: {list}.",
            lang,
            list=parts[0],
        )
    return tr(
        "The summary's tone departs from this book's coverage in {n} objectives: {list}.",
        lang,
        n=len(departs),
        list="; ".join(parts),
    )


def divergence_words(code: str, lang: str) -> str:
    return {
        "praise": tr("uses the words 'with satisfaction' although not every action is met", lang),
        "silent": tr("names no shortcoming although not every action is met", lang),
        "faulted": tr("names shortcomings although every action counts as met", lang),
        "concern": tr("observes it 'with concern' although more than half is covered", lang),
        "": "",
    }[code]


def divergence_short(code: str, lang: str) -> str:
    """The same, in a few words for a chart's row label."""
    return {
        "praise": tr("says 'with satisfaction'", lang),
        "silent": tr("names no shortcoming", lang),
        "faulted": tr("names shortcomings", lang),
        "concern": tr("says 'with concern'", lang),
    }[code]


def phrases(c: Coverage) -> dict[str, str]:
    return {
        "overall_sentence": overall_sentence(c),
        "pillar_sentence": pillar_sentence(c),
        "objective_sentence": objective_sentence(c),
        "checklist_sentence": checklist_sentence(c),
        "network_sentence": network_sentence(c),
        "recency_sentence": recency_sentence(c),
        "gap_sentence": gap_sentence(c),
        "n_limitations": str(len(c.limitations)),
        "tone_sentence": tone_sentence(c),
        "partial_weight": number(c.edition.partial_weight, c.lang, 2),
        "evaluation_year": str(c.edition.evaluation_year),
        "max_age": str(c.edition.max_age),
    }


# Figures ---------------------------------------------------------------------------------


def _stamp_words(c: Coverage) -> dict:
    return {"weight": number(c.edition.partial_weight, c.lang, 2)}


def heat_map_figure(c: Coverage) -> Exhibit:
    lang, o = c.lang, c.objectives
    rows = [objective_label(p, n, lang) for p, n in o.index]
    shares = o[[f"share {s}" for s in STATUSES]]
    shares.index, shares.columns = rows, [status_name(s, lang) for s in STATUSES]
    counts = o[STATUSES].astype(int)
    text = pd.DataFrame(
        [[f"{v} / {sum(row)}" if v else "·" for v in row] for row in counts.to_numpy().tolist()],
        index=shares.index,
        columns=shares.columns,
    )
    chart = heat_map(
        shares.rename_axis(tr("objective", lang)),
        cell_text=text,
        lang=lang,
        share_header=tr("{column} (share)", lang),
        title=tr("Priority actions by objective and status (this book's coding)", lang),
        height=5.2,
    )
    caption = tr(
        "Each row is an objective of the report ({codes}); each cell gives how many of "
        "its priority actions this book codes with that status, shaded by the share. The "
        "report itself gives no ratings.",
        lang,
        codes=pillar_codes(lang),
    )
    alt = tr(
        "Heat map of the {n} objectives by status: the share of actions met ranges from "
        "{low} ({lowest}) to {high} ({highest}).",
        lang,
        n=len(o),
        low=_score(o["share met"].min(), lang),
        high=_score(o["share met"].max(), lang),
        lowest=names(
            [objective_label(*k, lang) for k in o.index[o["share met"] == o["share met"].min()]],
            lang,
        ),
        highest=names(
            [objective_label(*k, lang) for k in o.index[o["share met"] == o["share met"].max()]],
            lang,
        ),
    )
    return Exhibit(
        "fig-coverage-status",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action", lang),
        c.edition,
        uses=(),
    )


def scores_figure(c: Coverage) -> Exhibit:
    lang = c.lang
    table = c.tone
    rows = [
        tr(
            "{objective} ({tone}; {why})",
            lang,
            objective=objective_label(p, n, lang),
            tone=tone_name(t, lang),
            why=divergence_short(d, lang),
        )
        if d
        else f"{objective_label(p, n, lang)} ({tone_name(t, lang)})"
        for (p, n), t, d in zip(table.index, table["tone"], table["divergence"], strict=True)
    ]
    scores = pd.Series((table["score"] * 100).to_numpy(), index=rows)
    chart = horizontal_bars(
        scores,
        lang=lang,
        height=5.2,
        percent_scale=True,
        marked=pd.Series(table["diverges"].to_numpy(), index=rows),
        marked_label=tr("the summary's tone departs from the score", lang),
        unmarked_label=tr("tone and score agree", lang),
        xlabel=tr("Coverage score (%)", lang),
        title=tr("Coverage score by objective, with the tone of the report's summary", lang),
    )
    departs = [objective_label(*key, lang) for key in table.index[table["diverges"]]]
    caption = tr(
        "Coverage score of each objective ({codes}): met actions count 1, partially met "
        "{weight}, not met 0 (this book's coding); in brackets, the tone of the report's "
        "evaluative summary of that objective. Hatched: objectives where that tone and "
        "the score part ways, as the text explains.",
        lang,
        codes=pillar_codes(lang),
        **_stamp_words(c),
    )
    alt = tr(
        "Horizontal bars of the coverage score of the {n} objectives, from {low} to "
        "{high}; the summary's tone departs from the score for {departs}.",
        lang,
        n=len(table),
        low=_score(table["score"].min(), lang),
        high=_score(table["score"].max(), lang),
        departs=names(departs, lang) or tr("no objective", lang),
    )
    return Exhibit(
        "fig-coverage-scores",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action and the evaluative summary", lang),
        c.edition,
        uses=("partial_weight",),
    )


def checklists_figure(c: Coverage) -> Exhibit:
    lang = c.lang
    lists = c.checklists
    index = [checklist_name(item.key, lang) for item in lists]
    have = pd.Series([item.have for item in lists], index=index)
    total = pd.Series([item.total for item in lists], index=index)
    chart = parts_of_whole(
        have,
        total,
        lang=lang,
        height=6.0,
        have_label=tr("present", lang),
        missing_label=tr("missing", lang),
        xlabel=tr("share of the list's rows (%)", lang),
        title=tr("The report's yes/no lists: how many rows are present", lang),
    )
    thinnest = min(lists, key=lambda item: item.share)
    caption = tr(
        "Each bar is one of the report's yes/no lists, with its pillar and priority action "
        "({codes}): solid, the rows present; hatched, the rows missing; at the end, 'present "
        "/ all'. MEM: the Multilateral Evaluation Mechanism. The information network appears "
        "twice because the report's table and text disagree.",
        lang,
        codes=pillar_codes(lang),
    )
    alt = tr(
        "Horizontal bars of {n} lists from the report; the thinnest is {name} ({have} of {total}).",
        lang,
        n=len(lists),
        name=in_sentence(checklist_name(thinnest.key, lang)),
        have=thinnest.have,
        total=thinnest.total,
    )
    return Exhibit(
        "fig-coverage-checklists",
        CHAPTER,
        chart,
        caption,
        alt,
        tr(
            "tables of Institutional Strengthening 2.2; Research, Information, "
            "Monitoring and Evaluation 1.4 to 4.2; International Cooperation 2.4",
            lang,
        ),
        c.edition,
        uses=(),
    )


def actors_figure(c: Coverage) -> Exhibit:
    lang = c.lang
    marks = cov.actor_stages(c.tables["policy-actors"])
    marks.index = [label(actor, lang) for actor in marks.index]
    marks.columns = [stage_name(stage, lang) for stage in marks.columns]
    chart = check_matrix(
        marks.rename_axis(tr("actor", lang)),
        lang=lang,
        yes=tr("takes part", lang),
        no=tr("does not take part", lang),
        title=tr("Who takes part in each stage of national drug policy", lang),
    )
    full = [name for name, row in marks.iterrows() if row.all()]
    none = [name for name, row in marks.iterrows() if not row.any()]
    caption = tr(
        "Actors by stage of the national drug policy (development, implementation, "
        "evaluation, update), as the report's table marks them: a filled dot where "
        "the actor takes part.",
        lang,
    )
    alt = tr(
        "Matrix of {n} actors by {stages} policy stages: {full} take part in every stage; "
        "{none} take part in none.",
        lang,
        n=len(marks),
        stages=marks.shape[1],
        full=quoted_names(full, lang),
        none=quoted_names(none, lang),
    )
    return Exhibit(
        "fig-actor-stages",
        CHAPTER,
        chart,
        caption,
        alt,
        where("IS", "2.2", lang),
        c.edition,
        uses=(),
    )


def recency_figure(c: Coverage) -> Exhibit:
    lang, e = c.lang, c.evidence
    rows = [
        f"{label(item, lang)} ({source_name(source, lang)})"
        for item, source in zip(e["item"], e["source"], strict=True)
    ]
    years = pd.Series(e["year"].to_numpy(), index=rows)
    dated = pd.Series(e["dated"].to_numpy(), index=rows)
    threshold = c.edition.evaluation_year - c.edition.max_age
    chart = year_dots(
        years,
        dated=dated,
        lang=lang,
        height=6.5,
        reference_year=c.edition.evaluation_year,
        threshold_year=threshold,
        xlabel=tr("latest year", lang),
        reference_label=tr("evaluation year {year}", lang, year=c.edition.evaluation_year),
        dated_label=tr("more than {age} years old", lang, age=c.edition.max_age),
        current_label=tr("{age} years old or less", lang, age=c.edition.max_age),
        title=tr("How recent the report's evidence is", lang),
    )
    caption = tr(
        "The latest year of each dated item the report lists (studies, supply data, "
        "publications), against the evaluation year {year}. Shaded: more than {age} "
        "years before it.",
        lang,
        year=c.edition.evaluation_year,
        age=c.edition.max_age,
    )
    values = {
        "n": len(e),
        "first": int(e["year"].min()),
        "last": int(e["year"].max()),
        "k": int(e["dated"].sum()),
        "age": c.edition.max_age,
        "year": c.edition.evaluation_year,
    }
    if values["k"] == 1:
        alt = tr(
            "Dot chart of {n} items by their latest year, from {first} to {last}; one dates "
            "from more than {age} years before {year}.",
            lang,
            **values,
        )
    else:
        alt = tr(
            "Dot chart of {n} items by their latest year, from {first} to {last}; {k} date "
            "from more than {age} years before {year}.",
            lang,
            **values,
        )
    return Exhibit(
        "fig-evidence-age",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("Research, Information, Monitoring and Evaluation 2.1 to 3.2", lang),
        c.edition,
        uses=("evaluation_year", "max_age"),
    )


def themes_figure(c: Coverage) -> Exhibit:
    lang = c.lang
    counts = c.gaps["theme"].value_counts()
    counts = counts.sort_values(ascending=False, kind="stable")
    counts.index = [theme_name(code, lang) for code in counts.index]
    chart = horizontal_bars(
        counts,
        lang=lang,
        height=5.0,
        xlabel=tr("gaps", lang),
        title=tr("Gaps by theme (this book's coding)", lang),
    )
    caption = tr(
        "Findings of 'no' on something a priority action asks for, grouped by "
        "theme (this book's grouping).",
        lang,
    )
    tops = counts[counts == counts.max()]
    alt = (
        tr(
            "Horizontal bars of {n} gaps in {k} themes; the largest is {top} with {count}.",
            lang,
            n=int(counts.sum()),
            k=len(counts),
            top=tops.index[0],
            count=int(tops.iloc[0]),
        )
        if len(tops) == 1
        else tr(
            "Horizontal bars of {n} gaps in {k} themes; the largest are {tops}, with {count} each.",
            lang,
            n=int(counts.sum()),
            k=len(counts),
            tops=quoted_names(list(tops.index), lang),
            count=int(tops.iloc[0]),
        )
    )
    return Exhibit(
        "fig-gap-themes",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action", lang),
        c.edition,
        uses=(),
    )


# Tables ----------------------------------------------------------------------------------


def objectives_table(c: Coverage) -> Table:
    lang, o = c.lang, c.objectives
    frame = o[STATUSES].astype(int).rename(columns=lambda s: status_name(s, lang))
    frame[tr("Actions", lang)] = o["actions"].astype(int)
    frame[tr("Score (%)", lang)] = o["score"] * 100
    frame.index = [c.objective_name(p, n) for p, n in o.index]
    return table(
        frame,
        id="coverage-objectives",
        lang=lang,
        stub=tr("Objective", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("Status (this book's coding) of the priority actions, by objective", lang),
    )


def pillars_table(c: Coverage) -> Table:
    lang, p = c.lang, c.pillars
    frame = p[STATUSES].astype(int).rename(columns=lambda s: status_name(s, lang))
    frame[tr("Actions", lang)] = p["actions"].astype(int)
    frame[tr("Score (%)", lang)] = p["score"] * 100
    frame.index = [
        pillar_name(code, lang) if code != "all" else tr("All pillars", lang) for code in p.index
    ]
    return table(
        frame,
        id="coverage-pillars",
        lang=lang,
        stub=tr("Pillar", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("Status (this book's coding) of the priority actions, by pillar", lang),
    )


def checklists_table(c: Coverage) -> Table:
    lang = c.lang
    frame = pd.DataFrame(
        {
            tr("Present", lang): [item.have for item in c.checklists],
            tr("Of", lang): [item.total for item in c.checklists],
            tr("Missing rows", lang): [
                "; ".join(missing_label(item.key, m, lang) for m in item.missing) or "—"
                for item in c.checklists
            ],
        },
        index=[checklist_name(item.key, lang) for item in c.checklists],
    )
    return table(
        frame,
        id="coverage-checklists",
        lang=lang,
        stub=tr("List", lang),
        title=tr("The report's yes/no lists, 'k of n', with the rows missing", lang),
    )


def recency_table(c: Coverage) -> Table:
    lang, e = c.lang, c.evidence
    frame = pd.DataFrame(
        {
            tr("Kind", lang): [source_name(s, lang) for s in e["source"]],
            tr("Latest year", lang): e["year"].astype(str).tolist(),
            tr("The year is", lang): [dated_by_name(d, lang) for d in e["dated_by"]],
            tr("Age in {year} (years)", lang, year=c.edition.evaluation_year): e["age"].tolist(),
            tr("Dated", lang): [answer_name("yes" if d else "no", lang) for d in e["dated"]],
        },
        index=[label(item, lang) for item in e["item"]],
    )
    return table(
        frame,
        id="evidence-age",
        lang=lang,
        stub=tr("Item", lang),
        title=tr("The report's dated evidence, oldest first", lang),
    )


def gaps_table(c: Coverage, limitations: bool = False) -> Table:
    lang = c.lang
    found = c.limitations if limitations else c.gaps
    order = {code: i for i, code in enumerate(c.gaps["theme"].value_counts().index)}
    found = found.assign(order=found["theme"].map(order).fillna(len(order))).sort_values(
        ["order", "item"], kind="stable"
    )
    frame = pd.DataFrame(
        {
            tr("Theme", lang): [capitalised(theme_name(code, lang)) for code in found["theme"]],
            tr("Priority action", lang): [
                f"{action_label(a, lang)} {label(t, lang)}"
                for a, t in zip(found["action"], found["action_title"], strict=True)
            ],
            tr("Finding (answer: no)", lang): [label(f, lang) for f in found["finding"]],
        },
        index=found["item"].astype(str).tolist(),
    )
    if limitations:
        return table(
            frame,
            id="limitations",
            lang=lang,
            stub=tr("Item", lang),
            groups=tr("Theme", lang),
            title=tr("Limitations the report records but the actions do not ask about", lang),
        )
    return table(
        frame,
        id="gap-register",
        lang=lang,
        stub=tr("Item", lang),
        groups=tr("Theme", lang),
        title=tr(
            "The gap register: every 'no' on something a priority action asks "
            "for (this book's coding)",
            lang,
        ),
    )


def network_table(c: Coverage) -> Table:
    lang = c.lang
    stakeholders = c.tables["din-stakeholders"]
    by_key = {item.key: item for item in c.checklists}
    outside = set(by_key["din-stakeholders-text"].missing)
    frame = pd.DataFrame(
        {
            tr("Per the table", lang): [
                answer_name("yes" if v else "no", lang) for v in stakeholders["involved"]
            ],
            tr("Per the text", lang): [
                answer_name("no" if s in outside else "yes", lang)
                for s in stakeholders["stakeholder"]
            ],
        },
        index=[label(s, lang) for s in stakeholders["stakeholder"]],
    )
    return table(
        frame,
        id="network-stakeholders",
        lang=lang,
        stub=tr("Stakeholder", lang),
        title=tr("Who is in the drug information network: the report's table and text", lang),
    )


def tone_table(c: Coverage) -> Table:
    lang, t = c.lang, c.tone
    frame = pd.DataFrame(
        {
            tr("Tone of the summary (this book's coding)", lang): [
                tone_name(x, lang) for x in t["tone"]
            ],
            tr("Score (%)", lang): (t["score"] * 100).tolist(),
            tr("Where they part", lang): [
                divergence_words(d, lang) or "—" for d in t["divergence"]
            ],
        },
        index=[c.objective_name(p, n) for p, n in t.index],
    )
    return table(
        frame,
        id="tone-coverage",
        lang=lang,
        stub=tr("Objective", lang),
        decimals={tr("Score (%)", lang): 0},
        title=tr("The tone of each summary against this book's coverage score", lang),
    )
