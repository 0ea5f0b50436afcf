"""Coverage gaps, the words: names of lists, themes and sources, and the chapter's sentences.

Every word that states a direction or a rank is chosen here from the numbers.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.numbers import Coverage
from analysis.chapters.pillars import coding_sentence
from analysis.compute.register import PILLARS, STATUSES
from analysis.exhibits.formats import number, percent
from analysis.exhibits.terms import (
    objective_label,
    pillar_name,
    stage_name,
)
from analysis.exhibits.words import in_sentence, label, names, quoted_names, tr


def objective_name(c: Coverage, pillar: str, objective: int) -> str:
    """'IS 2: Formulate, implement ...': an objective's code and title in the edition's language."""
    titles = c.tables["objectives"].set_index(["pillar", "objective"])["title"]
    return f"{objective_label(pillar, objective, c.lang)}: " + label(
        titles[(pillar, objective)], c.lang
    )


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


def score_text(value: float, lang: str) -> str:
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
            score=score_text(total["score"], lang),
        )
    )


def pillar_sentence(c: Coverage) -> str:
    lang = c.lang
    scores = c.pillars.loc[list(PILLARS), "score"]
    parts = [
        tr("{pillar} {score}", lang, pillar=pillar_name(code, lang), score=score_text(value, lang))
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
    weakest = [objective_name(c, *key) for key in scores.index[scores == low]]
    full = int((scores == 1).sum())
    values = {"full": full, "n": len(scores), "score": score_text(low, lang)}
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
            objective=objective_name(c, *key),
            how=divergence_words(row["divergence"], lang),
            score=score_text(row["score"], lang),
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
