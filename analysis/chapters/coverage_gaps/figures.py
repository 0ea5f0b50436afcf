"""Coverage gaps, the figures: each drawn from the numbers, with its caption and alt text."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.coverage_gaps.names import divergence_short, theme_name
from analysis.chapters.scores import score_text
from analysis.compute import coverage as cov
from analysis.compute.coverage import Coverage
from analysis.compute.register import STATUSES
from analysis.exhibits.figure import Exhibit, where
from analysis.exhibits.formats import number
from analysis.exhibits.language import in_sentence, label, names, quoted_names, tr
from analysis.exhibits.recipes import (
    check_matrix,
    heat_map,
    horizontal_bars,
    parts_of_whole,
    year_dots,
)
from analysis.exhibits.terms import (
    checklist_name,
    coding_label,
    objective_label,
    pillar_codes,
    source_name,
    stage_name,
    status_name,
    tone_name,
)

CHAPTER = "coverage-gaps"


def _caption_words(c: Coverage) -> dict:
    """What a caption of the coded statuses names: the pillars' codes and the coding."""
    return {"codes": pillar_codes(c.lang), "coding": coding_label(c.coded, c.lang)}


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
        title=tr(
            "Priority actions by objective and status ({coding})",
            lang,
            coding=coding_label(c.coded, lang),
        ),
        height=5.2,
        counts=counts,  # the CSV: counts and shares apart, one number a cell
        count_unit=tr("priority actions", lang),
    )
    caption = tr(
        "Each row is an objective of the report ({codes}); each cell gives how many of "
        "its priority actions have that status in {coding}, shaded by the share. The "
        "report itself gives no ratings.",
        lang,
        **_caption_words(c),
    )
    met = o["share met"]
    alt = tr(
        "Heat map of the {n} objectives by status: in every one the share of actions met is {low}.",
        lang,
        n=len(o),
        low=score_text(met.min(), lang),
    )
    if met.min() != met.max():
        alt = tr(
            "Heat map of the {n} objectives by status: the share of actions met ranges from "
            "{low} ({lowest}) to {high} ({highest}).",
            lang,
            n=len(o),
            low=score_text(o["share met"].min(), lang),
            high=score_text(o["share met"].max(), lang),
            lowest=names(
                [
                    objective_label(*k, lang)
                    for k in o.index[o["share met"] == o["share met"].min()]
                ],
                lang,
            ),
            highest=names(
                [
                    objective_label(*k, lang)
                    for k in o.index[o["share met"] == o["share met"].max()]
                ],
                lang,
            ),
        )
    return every_action_figure("fig-coverage-status", chart, caption, alt, c)


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
        marked_label=tr("the summary's wording and the score point different ways", lang),
        unmarked_label=tr("wording and score agree", lang),
        xlabel=tr("Coverage score (%)", lang),
        title=tr(
            "Coverage score by objective ({coding}), with the tone of the report's summary "
            "as this book reads it",
            lang,
            coding=coding_label(c.coded, lang),
        ),
    )
    # The row labels carry the tone: the CSV and the workbook say whose reading it is.
    chart.data = chart.data.rename(
        columns={
            "row": tr("objective (in brackets: the tone of its summary, this book's reading)", lang)
        }
    )
    departs = [objective_label(*key, lang) for key in table.index[table["diverges"]]]
    caption = tr(
        "Coverage score of each objective ({codes}): met actions count 1, partially met "
        "{weight}, not met 0 ({coding}); in brackets, the tone of the report's "
        "evaluative summary of that objective, in this book's reading of its wording (the "
        "rule on the page on priority actions).",
        lang,
        **_caption_words(c),
        **_stamp_words(c),
    )
    if departs:  # the key names what is drawn, and only that
        caption += " " + tr(
            "Hatched: objectives where the summary's wording and the score point different "
            "ways, as the text explains.",
            lang,
        )
    values = {
        "n": len(table),
        "low": score_text(table["score"].min(), lang),
        "high": score_text(table["score"].max(), lang),
    }
    if not departs:
        alt = tr(
            "Horizontal bars of the coverage score of the {n} objectives, from {low} to "
            "{high}; in none do the summary's wording and the score point different ways.",
            lang,
            **values,
        )
    else:
        alt = tr(
            "Horizontal bars of the coverage score of the {n} objectives, from {low} to "
            "{high}; the summary's wording and the score point different ways for {departs}.",
            lang,
            departs=names(departs, lang),
            **values,
        )
    return Exhibit(
        "fig-coverage-scores",
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action and the evaluative summary", lang),
        c.edition,
        uses=("partial_weight", "codings"),
        coded=True,
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
        "twice because the report's table and text may disagree.",
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
    if counts.empty:  # a reader's coding with every action met: each theme at zero
        counts = pd.Series(0, index=sorted(set(c.tables["assessment-items"]["theme"])))
    counts = counts.sort_values(ascending=False, kind="stable")
    counts.index = [theme_name(code, lang) for code in counts.index]
    chart = horizontal_bars(
        counts,
        lang=lang,
        height=5.0,
        xlabel=tr("gaps", lang),
        title=tr("Gaps by theme ({coding})", lang, coding=coding_label(c.coded, lang)),
    )
    caption = tr(
        "Findings of 'no' on something a priority action asks for, grouped by "
        "theme (this book's grouping).",
        lang,
    )
    if (c.gaps["by"] == "reader").any():
        caption += " " + tr(
            "In this edition, also the actions the reader's coding leaves short of met "
            "without such a finding, under the theme of their objective's findings.",
            lang,
        )
    tops = counts[counts == counts.max()]
    alt = tr(
        "Horizontal bars of {k} themes: no gaps in this edition's coding.", lang, k=len(counts)
    )
    if counts.sum():
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
                "Horizontal bars of {n} gaps in {k} themes; the largest are {tops}, with "
                "{count} each.",
                lang,
                n=int(counts.sum()),
                k=len(counts),
                tops=quoted_names(list(tops.index), lang),
                count=int(tops.iloc[0]),
            )
        )
    return every_action_figure("fig-gap-themes", chart, caption, alt, c)


def every_action_figure(id: str, chart, caption: str, alt: str, c: Coverage) -> Exhibit:
    """A figure of every priority action of the three pillars, by the status the edition's
    coding gives it."""
    return Exhibit(
        id,
        CHAPTER,
        chart,
        caption,
        alt,
        tr("all three pillars, every priority action", c.lang),
        c.edition,
        uses=("codings",),
        coded=True,
    )
