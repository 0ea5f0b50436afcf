"""Coverage gaps, the words: the chapter's sentences (its names are in `names.py`; the
score's range, shared with the front page, in `chapters/scores.py`).

Every word that states a direction or a rank is chosen here from the numbers.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.names import objective_name, theme_name
from analysis.chapters.pillars import coding_sentence
from analysis.chapters.scores import disputed_actions, range_detail, range_sentence, score_text
from analysis.compute.coverage import ADDED, Coverage
from analysis.compute.register import PILLARS, STATUSES
from analysis.exhibits.formats import number
from analysis.exhibits.language import in_sentence, label, names, quoted_names, tr
from analysis.exhibits.terms import (
    checklist_name,
    coding_label,
    divergence_words,
    objective_label,
    pillar_name,
)


def reader_count(c: Coverage) -> int:
    """How many actions a reader's codings set in this edition."""
    return int((c.coded["coded_by"] == "reader").sum())


# Sentences -------------------------------------------------------------------------------


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
