"""Coverage gaps, the words: names of lists, themes and sources, and the chapter's sentences.

Every word that states a direction or a rank is chosen here from the numbers.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.numbers import Coverage
from analysis.chapters.pillars import coding_sentence
from analysis.compute.coverage import ADDED
from analysis.compute.register import PILLARS, STATUSES
from analysis.exhibits.formats import number, percent
from analysis.exhibits.language import capitalised, in_sentence, label, names, quoted_names, tr
from analysis.exhibits.terms import (
    action_label,
    coding_label,
    objective_label,
    pillar_name,
    stage_name,
    status_name,
)


def objective_name(c: Coverage, pillar: str, objective: int) -> str:
    """'IS 2: Formulate, implement ...': an objective's code and title in the edition's language."""
    titles = c.tables["objectives"].set_index(["pillar", "objective"])["title"]
    return f"{objective_label(pillar, objective, c.lang)}: " + label(
        titles[(pillar, objective)], c.lang
    )


def reader_count(c: Coverage) -> int:
    """How many actions a reader's codings set in this edition."""
    return int((c.coded["coded_by"] == "reader").sum())


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
        "evaluations": tr(
            "Evaluations of prevention and treatment (RIME 2.3; this book's list)", lang
        ),
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
        coding_sentence(counts, lang, evaluated=True, reader=reader_count(c))
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
    values["coding"] = coding_label(c.coded, lang)
    if scores.max() == low:
        return tr("Every one of the {n} objectives scores {score}.", lang, **values)
    if full == 0:
        head = tr("In {coding}, none of the {n} objectives has every action met.", lang, **values)
    elif full == 1:
        head = tr("In {coding}, one of the {n} objectives has every action met.", lang, **values)
    else:
        head = tr(
            "In {coding}, {full} of the {n} objectives have every action met.", lang, **values
        )
    return head + " " + tr("The lowest score, {score}, is that of {weakest}.", lang, **values)


def checklist_sentence(c: Coverage) -> str:
    lang = c.lang
    lists = [item for item in c.checklists if item.key != "din-stakeholders-text"]
    thinnest = min(item.share for item in lists)
    thinnest_lists = [
        tr(
            "that of {name}, with {have} of {total}",
            lang,
            name=in_sentence(checklist_name(item.key, lang)),
            have=item.have,
            total=item.total,
        )
        for item in lists
        if item.share == thinnest
    ]
    complete = [
        tr("the list of {name}", lang, name=in_sentence(checklist_name(item.key, lang)))
        for item in lists
        if item.share == 1
    ]
    text = tr(
        "The thinnest of the report's yes/no lists is {names}.",
        lang,
        names=names(thinnest_lists, lang),
    )
    if complete:
        text += " " + tr("Every row is a yes in {names}.", lang, names=names(complete, lang))
    if any(item.key == "conventions" and item.share == 1 for item in lists):
        text += " " + conventions_caveat(lang)
    return text


def conventions_caveat(lang: str) -> str:
    """The scope of the report's list of ratified instruments (transcription note 20)."""
    return tr(
        "The report's summary speaks of all the United Nations and inter-American instruments "
        "on the world drug problem and related crimes; this book counts only the instruments "
        "its table lists (transcription note 20).",
        lang,
    )


def added_words(c: Coverage, item) -> str:
    """The rows a country added to one of the report's lists, with their year where the
    list gives one: 'Peru adds a row of its own: Quantification of illicit coca crops (2021).'"""
    if not item.added:
        return ""
    lang, others = c.lang, tr("Others:", c.lang)  # the open row's label, as translated
    years = {}
    if item.key == "supply-information":
        supply = c.tables["supply-information"]
        years = dict(zip(supply["information"], supply["most_recent_year"], strict=True))
    rows = []
    for row in item.added:
        full = f"{ADDED} {row}"
        name = label(full, lang).removeprefix(others).strip()
        year = years.get(full, pd.NA)
        rows.append(
            name if pd.isna(year) else tr("{name} ({year})", lang, name=name, year=int(year))
        )
    return tr("Peru adds a row of its own: {rows}.", lang, rows=names(rows, lang))


def network_sentence(c: Coverage) -> str:
    by_key = {item.key: item for item in c.checklists}
    table, text = by_key["din-stakeholders"], by_key["din-stakeholders-text"]
    if table.have == text.have:
        return tr("The text and the table agree on who is in the drug information network.", c.lang)
    return tr(
        "The report may disagree with itself on the drug information network: its table "
        "counts {table} of {n} kinds of stakeholder, forensic laboratories among them, while "
        "its text names the bodies that analyse chemical substances as outside the network. "
        "If those are the laboratories the table means, {text} of {n} remain; they may also "
        "be other laboratories.",
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
    if c.gaps.empty:
        return tr(
            "This edition counts no gaps: in the coding in force every priority action is "
            "met or without information.",
            lang,
        )
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
    if reader_count(c):
        counted = tr(
            "This edition counts {n} gaps in {actions} actions and {themes} themes: the "
            "findings of 'no' on something a priority action asks for, except in actions the "
            "reader's coding has as met, and the reader's own coding of actions it leaves "
            "short of met without such a finding. The count depends on how finely the "
            "report's sentences are split into findings, so it compares themes within this "
            "report rather than measuring them.",
            lang,
            **values,
        )
    else:
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
        counted += " " + tr("The most concern {top} ({k} each).", lang, **values)
    else:
        counted += " " + tr("The most concern {top} ({k}).", lang, **values)
    return (
        counted
        + " "
        + tr(
            "The register below lists each one, with the priority action it belongs to, "
            "grouped by theme (this book's grouping).",
            lang,
        )
    )


def limitations_sentence(c: Coverage) -> str:
    """The findings of 'no' or 'partly' that no status counts, and why not: context kept by
    this book's coding decisions, and findings of actions a reader's coding has as met."""
    lang, found = c.lang, c.limitations
    context = int((found["by"] == "book").sum())
    dropped = int((found["by"] == "reader").sum())
    if not dropped:
        return tr(
            "The register also holds {n} findings of 'no' or 'partly' that this book keeps as "
            "context, counted in no status, by coding decisions set out in the transcription "
            "notes.",
            lang,
            n=len(found),
        )
    return tr(
        "The register also holds {n} findings of 'no' or 'partly' that the coding in force "
        "counts in no status: {k} kept as context by this book's coding decisions, set out in "
        "the transcription notes, and {m} findings of 'no' on actions the reader's coding has "
        "as met.",
        lang,
        n=len(found),
        k=context,
        m=dropped,
    )


def tone_sentence(c: Coverage) -> str:
    lang = c.lang
    departs = c.tone[c.tone["diverges"]]
    if departs.empty:
        return tr(
            "By the tests in the table below, the summary's wording and the coverage score "
            "point the same way in every objective.",
            lang,
        )
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
            "In one objective the summary's wording and the coverage score point different "
            "ways: {list}.",
            lang,
            list=parts[0],
        )
    return tr(
        "In {n} objectives the summary's wording and the coverage score point different "
        "ways: {list}.",
        lang,
        n=len(departs),
        list="; ".join(parts),
    )


def satisfaction_sentence(c: Coverage) -> str:
    """What the words 'with satisfaction' qualify in the summaries that use them, with the
    example of a summary that also names shortcomings, where there is one."""
    lang, t = c.lang, c.tone
    praised = t[t["satisfaction_phrase"].astype(bool)]
    if praised.empty:
        return ""
    values = {"objectives": names([objective_label(*key, lang) for key in praised.index], lang)}
    text = tr(
        "Where a summary uses the words 'with satisfaction' ({objectives}), they qualify one "
        "finding, the first it names, not the objective as a whole.",
        lang,
        **values,
    )
    mixed = praised[praised["shortcomings"] > 0]
    if mixed.empty:
        return text
    key, row = next(iter(mixed.iterrows()))
    values = {
        "objective": objective_label(*key, lang),
        "about": label(str(row["satisfaction_about"]), lang),
        "k": int(row["shortcomings"]),
    }
    example = (
        tr(
            "Under {objective} that finding is {about}, and the same paragraph names one "
            "shortcoming.",
            lang,
            **values,
        )
        if values["k"] == 1
        else tr(
            "Under {objective} that finding is {about}, and the same paragraph names {k} "
            "shortcomings.",
            lang,
            **values,
        )
    )
    return text + " " + example


def divergence_words(code: str, lang: str) -> str:
    return {
        "silent": tr("names no shortcoming although not every action is met", lang),
        "faulted": tr("names shortcomings although every action counts as met", lang),
        "concern": tr("observes it 'with concern' although more than half is covered", lang),
        "": "",
    }[code]


def divergence_short(code: str, lang: str) -> str:
    """The same, in a few words for a chart's row label."""
    return {
        "silent": tr("names no shortcoming", lang),
        "faulted": tr("names shortcomings", lang),
        "concern": tr("says 'with concern'", lang),
    }[code]


def reading_name(c: Coverage, row) -> str:
    """One row of the sensitivity table in words, as they read inside a sentence: the
    coding in force, an alternative reading, the alternatives that lower or raise the score
    together, another weight, or the two combined."""
    lang = c.lang
    if row.case == "in force":
        return tr("{coding} (in force)", lang, coding=coding_label(c.coded, lang))
    if row.case == "alternative":
        alt = c.alternatives.set_index("alternative").loc[row.alternatives]
        values = {
            "number": row.alternatives,
            "action": action_label(alt["action"], lang),
            "status": status_name(alt["status"], lang),
        }
        if pd.isna(alt["note"]):  # a reader's action: the other reading is this book's
            return tr("{number}. {action} as {status}: this book's coding", lang, **values)
        return tr(
            "{number}. {action} as {status}: {reading} (note {note})",
            lang,
            reading=label(alt["reading"], lang),
            note=alt["note"],
            **values,
        )
    numbers = {"numbers": row.alternatives}
    if row.case == "lower":
        return tr("every alternative that lowers the score ({numbers})", lang, **numbers)
    if row.case == "higher":
        return tr("every alternative that raises the score ({numbers})", lang, **numbers)
    if row.case == "lowest":
        if pd.isna(row.alternatives):
            return tr("a partially met action counting 0, no alternative lowering it", lang)
        return tr(
            "every alternative that lowers the score ({numbers}) and a partially met action "
            "counting 0",
            lang,
            **numbers,
        )
    if row.case == "highest":
        if pd.isna(row.alternatives):
            return tr("a partially met action counting 1, no alternative raising it", lang)
        return tr(
            "every alternative that raises the score ({numbers}) and a partially met action "
            "counting 1",
            lang,
            **numbers,
        )
    return tr("a partially met action counting {weight}", lang, weight=number(row.weight, lang, 0))


def score_range(c: Coverage) -> tuple[float, float]:
    """The lowest and highest overall score of the sensitivity table."""
    return float(c.sensitivity["score"].min()), float(c.sensitivity["score"].max())


def disputed_actions(c: Coverage) -> int:
    """How many actions have another reading in this edition."""
    return int(c.alternatives["action"].nunique())


def _case_score(c: Coverage, case: str, weight: float | None = None) -> float | None:
    """The score of one row of the sensitivity table, or None where it has no such row."""
    rows = c.sensitivity[c.sensitivity["case"] == case]
    if weight is not None:
        rows = rows[(rows["weight"] - weight).abs() < 1e-12]
    return float(rows["score"].iloc[0]) if len(rows) else None


def drivers(c: Coverage) -> dict[str, dict[str, float | None]]:
    """What moves the score to each end of the sensitivity table, for each end ('low',
    'high'): the end itself, the score with the weight alone moved (a partially met action
    counting 0, or 1), and with the other readings alone that lower (or raise) it; None
    where that choice does not move the score that way."""
    base = float(c.sensitivity["score"].iloc[0])
    low, high = score_range(c)
    ends = {}
    for end, value, weight, case, sign in (
        ("low", low, 0.0, "lower", -1),
        ("high", high, 1.0, "higher", 1),
    ):
        by_weight = _case_score(c, "weight", weight)
        by_readings = _case_score(c, case)
        ends[end] = {
            "end": value,
            "weight": by_weight if sign * (by_weight - base) > 1e-12 else None,
            "readings": by_readings
            if by_readings is not None and sign * (by_readings - base) > 1e-12
            else None,
        }
    return ends


def _same(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) < 1e-12


def _end_words(end: str, parts: dict[str, float | None], lang: str) -> str:
    """Which choice drives one end of the range, in words (a clause of `range_sentence`)."""
    value, weight, readings = parts["end"], parts["weight"], parts["readings"]
    values = {}
    if weight is not None:
        values["weight"] = score_text(weight, lang)
    if readings is not None:
        values["readings"] = score_text(readings, lang)
    if weight is None and readings is None:
        case = "nothing"
    elif readings is None:
        case = "weight only"
    elif weight is None:
        case = "readings only"
    elif _same(weight, value):
        case = "weight suffices"
    elif _same(readings, value):
        case = "readings suffice"
    else:
        case = "both"
    v = values
    words = {
        ("low", "nothing"): lambda: tr("nothing lowers it", lang),
        ("high", "nothing"): lambda: tr("nothing raises it", lang),
        ("low", "weight only"): lambda: tr(
            "the low end comes from the weight alone (a partially met action counting 0; no "
            "reading lowers the score)",
            lang,
        ),
        ("high", "weight only"): lambda: tr(
            "the high end comes from the weight alone (a partially met action counting 1; no "
            "reading raises the score)",
            lang,
        ),
        ("low", "readings only"): lambda: tr(
            "the low end comes from the readings that lower the score alone (no lower weight "
            "lowers it further)",
            lang,
        ),
        ("high", "readings only"): lambda: tr(
            "the high end comes from the readings that raise the score alone (no higher weight "
            "raises it further)",
            lang,
        ),
        ("low", "weight suffices"): lambda: tr(
            "the low end comes from the weight alone (a partially met action counting 0), the "
            "readings that lower the score ({readings} alone) adding nothing",
            lang,
            **v,
        ),
        ("high", "weight suffices"): lambda: tr(
            "the high end comes from the weight alone (a partially met action counting 1), the "
            "readings that raise the score ({readings} alone) adding nothing",
            lang,
            **v,
        ),
        ("low", "readings suffice"): lambda: tr(
            "the low end comes from the readings that lower the score alone, a partially met "
            "action counting 0 ({weight} alone) adding nothing",
            lang,
            **v,
        ),
        ("high", "readings suffice"): lambda: tr(
            "the high end comes from the readings that raise the score alone, a partially met "
            "action counting 1 ({weight} alone) adding nothing",
            lang,
            **v,
        ),
        ("low", "both"): lambda: tr(
            "the low end takes both choices: a partially met action counting 0 gives {weight} "
            "alone, the readings that lower the score {readings}",
            lang,
            **v,
        ),
        ("high", "both"): lambda: tr(
            "the high end takes both choices: a partially met action counting 1 gives {weight} "
            "alone, the readings that raise the score {readings}",
            lang,
            **v,
        ),
    }
    return words[(end, case)]()


def _driver(end: str, parts: dict[str, float | None], lang: str) -> str:
    """Which choice drives one end of the range, in a few words (inside brackets)."""
    value, weight, readings = parts["end"], parts["weight"], parts["readings"]
    by_weight = weight is not None and (readings is None or _same(weight, value))
    by_readings = readings is not None and (weight is None or _same(readings, value))
    if end == "low":
        if by_weight:
            return tr("a partially met action counting 0, alone", lang)
        if by_readings:
            return tr("the readings that lower the score, alone", lang)
        return tr(
            "a partially met action counting 0, together with the readings that lower the score",
            lang,
        )
    if by_weight:
        return tr("a partially met action counting 1, alone", lang)
    if by_readings:
        return tr("the readings that raise the score, alone", lang)
    return tr(
        "a partially met action counting 1, together with the readings that raise the score",
        lang,
    )


def range_sentence(c: Coverage) -> str:
    """The headline score, the range the sensitivity table gives it, and which choice (the
    weight of partial compliance, the other readings of disputed actions) drives each end."""
    lang = c.lang
    low, high = score_range(c)
    base = float(c.sensitivity["score"].iloc[0])
    ends = drivers(c)
    values = {
        "coding": coding_label(c.coded, lang),
        "score": score_text(c.pillars.loc["all", "score"], lang),
        "low": score_text(low, lang),
        "high": score_text(high, lang),
        "k": disputed_actions(c),
    }
    if low == high:
        return tr(
            "Under {coding} the coverage score is {score}, and no other weight or reading of "
            "the {k} disputed actions moves it.",
            lang,
            **values,
        )
    lower, higher = low < base - 1e-12, high > base + 1e-12
    values["low_driver"] = _driver("low", ends["low"], lang) if lower else ""
    values["high_driver"] = _driver("high", ends["high"], lang) if higher else ""
    if lower and higher:
        return tr(
            "Under {coding} the coverage score is {score}; other weights of partial compliance "
            "and other readings of the {k} disputed actions put it between {low} "
            "({low_driver}) and {high} ({high_driver}).",
            lang,
            **values,
        )
    if lower:
        return tr(
            "Under {coding} the coverage score is {score}, the highest that other weights of "
            "partial compliance and other readings of the {k} disputed actions give; they put "
            "it as low as {low} ({low_driver}).",
            lang,
            **values,
        )
    return tr(
        "Under {coding} the coverage score is {score}, the lowest that other weights of "
        "partial compliance and other readings of the {k} disputed actions give; they put it "
        "as high as {high} ({high_driver}).",
        lang,
        **values,
    )


def range_detail(c: Coverage) -> str:
    """How far each choice moves the score on its own, at each end of the range."""
    lang = c.lang
    ends = drivers(c)
    low_words, high_words = (_end_words(end, ends[end], lang) for end in ("low", "high"))
    return tr("{low}; {high}.", lang, low=capitalised(low_words), high=high_words)


def sensitivity_sentence(c: Coverage) -> str:
    """Which other readings lower the score and which raise it, by their numbers."""
    lang, table = c.lang, c.sensitivity
    alternatives = table[table["case"] == "alternative"]
    lower = [
        str(n)
        for n, change in zip(alternatives["alternatives"], alternatives["change"], strict=True)
        if change < -1e-12
    ]
    higher = [
        str(n)
        for n, change in zip(alternatives["alternatives"], alternatives["change"], strict=True)
        if change > 1e-12
    ]
    values = {"lower": names(lower, lang), "higher": names(higher, lang)}
    if lower and higher:
        return tr(
            "The other readings that lower the score are numbers {lower}; those that raise "
            "it, {higher}.",
            lang,
            **values,
        )
    if lower:
        return tr(
            "The other readings that lower the score are numbers {lower}; none raises it.",
            lang,
            **values,
        )
    if higher:
        return tr(
            "The other readings that raise the score are numbers {higher}; none lowers it.",
            lang,
            **values,
        )
    return tr("No other reading moves the score.", lang)


def phrases(c: Coverage) -> dict[str, str]:
    return {
        "overall_sentence": overall_sentence(c),
        "pillar_sentence": pillar_sentence(c),
        "objective_sentence": objective_sentence(c),
        "checklist_sentence": checklist_sentence(c),
        "network_sentence": network_sentence(c),
        "recency_sentence": recency_sentence(c),
        "gap_sentence": gap_sentence(c),
        "limitations_sentence": limitations_sentence(c),
        "tone_sentence": " ".join(filter(None, [tone_sentence(c), satisfaction_sentence(c)])),
        "range_sentence": f"{range_sentence(c)} {range_detail(c)}",
        "sensitivity_sentence": sensitivity_sentence(c),
        "n_disputed": str(disputed_actions(c)),
        "partial_weight": number(c.edition.partial_weight, c.lang, 2),
        "evaluation_year": str(c.edition.evaluation_year),
        "max_age": str(c.edition.max_age),
    }
