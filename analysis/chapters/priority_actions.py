"""Page "Priority actions and how they are coded": the register, its rule and its counts."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.pillars import coding_sentence
from analysis.compute.register import (
    PILLARS,
    STATUSES,
    TONES,
    edition_register,
    if_silence_counted,
    status_counts,
    tones,
)
from analysis.exhibits.language import SOURCE_LANGUAGE, label, names, quote_translation, tr
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import (
    action_label,
    answer_name,
    coder_name,
    coding_label,
    locator_label,
    objective_label,
    pillar_name,
    reason_text,
    status_name,
    status_rule,
    tone_name,
    tone_rule,
)

CHAPTER = "priority-actions"


def phrases(coded: pd.DataFrame, items: pd.DataFrame, lang: str) -> dict[str, str]:
    reader = int((coded["coded_by"] == "reader").sum())
    return {
        "coding": coding_sentence(
            coded["status"].value_counts(), lang, evaluated=True, reader=reader
        ),
        "n_objectives": str(coded.groupby(["pillar", "objective"]).ngroups),
        "items_sentence": items_sentence(items, lang)
        + (" " + reader_items_sentence(reader, lang) if reader else ""),
        "silence_sentence": silence_sentence(items, lang),
    }


def silence_sentence(items: pd.DataFrame, lang: str) -> str:
    """Which actions the report is silent on, in part or whole, and which of this book's
    statuses the rule for silence decides: those that counting the silence as a 'no'
    would change."""
    book = edition_register("book").set_index("id")
    other = if_silence_counted(book.reset_index(), items)
    moved = [
        tr(
            "{action} from {status} to {other}",
            lang,
            action=action_label(action, lang),
            status=status_name(str(book.loc[action, "status"]), lang),
            other=status_name(status, lang),
        )
        for action, status in other.items()
        if status != str(book.loc[action, "status"])
    ]
    values = {
        "k": len(other),
        "actions": names([action_label(a, lang) for a in other.index], lang),
        "m": len(moved),
        "moved": names(moved, lang),
    }
    if other.empty:
        return tr("The report addresses every part of every action.", lang)
    text = tr(
        "The report leaves part or all of {k} actions unaddressed: {actions}.", lang, **values
    )
    if not moved:
        return (
            text
            + " "
            + tr(
                "Counting that silence as a no would change no status of this book's coding.", lang
            )
        )
    if len(moved) == 1:
        return (
            text
            + " "
            + tr(
                "Counting that silence as a no would change one status of this book's coding: "
                "{moved}; it is one of the other readings that the chapter on coverage gaps "
                "applies.",
                lang,
                **values,
            )
        )
    return (
        text
        + " "
        + tr(
            "Counting that silence as a no would change {m} statuses of this book's coding: "
            "{moved}; each is one of the other readings that the chapter on coverage gaps "
            "applies.",
            lang,
            **values,
        )
    )


def items_sentence(items: pd.DataFrame, lang: str) -> str:
    """How many findings decide a status, and how many are kept only as context."""
    deciding = int(items["in_action"].astype(bool).sum())
    context = len(items) - deciding
    if context == 0:
        return tr("The {n} findings decide the status of their action:", lang, n=deciding)
    if context == 1:
        return tr(
            "Of the {total} findings, {n} decide the status of their action; the other one "
            "is kept as context, beside the action it concerns:",
            lang,
            n=deciding,
            total=len(items),
        )
    return tr(
        "Of the {total} findings, {n} decide the status of their action; the other {k} "
        "are kept as context, beside the action they concern:",
        lang,
        n=deciding,
        total=len(items),
        k=context,
    )


def reader_items_sentence(reader: int, lang: str) -> str:
    """What the findings decide in an edition where a reader's codings set some statuses."""
    if reader == 1:
        return tr(
            "In this edition the reader's codings set the status of one action; its findings "
            "are shown for reference and decide nothing.",
            lang,
        )
    return tr(
        "In this edition the reader's codings set the status of {k} actions; their findings "
        "are shown for reference and decide nothing.",
        lang,
        k=reader,
    )


def rules_table(lang: str) -> Table:
    frame = pd.DataFrame(
        {tr("When", lang): [status_rule(s, lang) for s in STATUSES]},
        index=[status_name(s, lang) for s in STATUSES],
    )
    return table(
        frame,
        id="status-rules",
        lang=lang,
        stub=tr("Status (this book's coding)", lang),
        title=tr("The rule that gives each action its status", lang),
    )


def counts_table(coded: pd.DataFrame, lang: str) -> Table:
    counts = status_counts(coded)
    counts.index = [pillar_name(code, lang) for code in PILLARS]
    counts.columns = [status_name(s, lang) for s in counts.columns]
    counts.loc[tr("All pillars", lang)] = counts.sum()
    return table(
        counts,
        id="status-counts",
        lang=lang,
        stub=tr("Pillar", lang),
        title=tr(
            "Priority actions by pillar and status ({coding})",
            lang,
            coding=coding_label(coded, lang),
        ),
    )


def register_table(coded: pd.DataFrame, lang: str) -> Table:
    coding = coding_label(coded, lang)
    columns = {
        tr("Action (short title)", lang): [label(t, lang) for t in coded["title"]],
        tr("Status ({coding})", lang, coding=coding): [
            status_name(s, lang) for s in coded["status"]
        ],
        tr("Why", lang): [
            reason_text(r, by, lang)
            for r, by in zip(coded["reason"], coded["reason_by"], strict=True)
        ],
        tr("Findings", lang): coded["items"].tolist(),
    }
    if (coded["coded_by"] == "reader").any():
        columns[tr("Coded by", lang)] = [coder_name(by, lang) for by in coded["coded_by"]]
    frame = pd.DataFrame(columns, index=[action_label(a, lang) for a in coded["id"]])
    return table(
        frame,
        id="register",
        lang=lang,
        stub=tr("Action", lang),
        title=tr("Register of the report's 52 priority actions ({coding})", lang, coding=coding),
    )


def findings_table(coded: pd.DataFrame, items: pd.DataFrame, lang: str) -> Table:
    """Every finding under its action, with the paragraph of the report it rests on."""
    actions = coded.set_index("id")
    order = {action: position for position, action in enumerate(coded["id"])}
    rows = items.assign(order=items["action"].map(order)).sort_values(
        ["order", "item"], kind="stable"
    )
    group = {
        action: tr(
            "{action} {title}: {status}",
            lang,
            action=action_label(action, lang),
            title=label(actions.loc[action, "title"], lang),
            status=status_name(str(actions.loc[action, "status"]), lang),
        )
        + (
            " " + tr("(the reader's coding)", lang)
            if actions.loc[action, "coded_by"] == "reader"
            else ""
        )
        for action in coded["id"]
    }
    # The report's words stay in English, as it prints them; another language's page marks
    # them as English and gives this book's translation beside them.
    words = (
        tr("The report's words", lang)
        if lang == SOURCE_LANGUAGE
        else tr("The report's words (in English) and this book's translation", lang)
    )
    translations = (
        None if lang == SOURCE_LANGUAGE else [quote_translation(q, lang) for q in rows["quote"]]
    )
    frame = pd.DataFrame(
        {
            tr("Action", lang): [group[a] for a in rows["action"]],
            tr("Finding (this book's words)", lang): [label(f, lang) for f in rows["finding"]],
            tr("Answer", lang): [answer_name(a, lang) for a in rows["answer"]],
            tr("Counts for the status", lang): [
                tr("no: the reader's coding", lang)
                if actions.loc[action, "coded_by"] == "reader"
                else tr("yes", lang)
                if counted
                else tr("no: context", lang)
                for action, counted in zip(rows["action"], rows["in_action"], strict=True)
            ],
            tr("Where in the report", lang): [locator_label(w, lang) for w in rows["where"]],
            words: [tr("“{quote}”", lang, quote=q) for q in rows["quote"]],
        },
        index=rows["item"].astype(str).tolist(),
    )
    return table(
        frame,
        id="findings",
        lang=lang,
        stub=tr("Finding", lang),
        groups=tr("Action", lang),
        english={words: translations} if translations else None,
        title=tr(
            "The findings behind each status ({coding}), and where the report gives them",
            lang,
            coding=coding_label(coded, lang),
        ),
        note=tr(
            "Where: pillar, priority action (or an objective's evaluative summary) and "
            "paragraph under that heading in the report's English text. A sentence that "
            "introduces a table or a list is a paragraph of its own, and so are source lines "
            "and table notes; a table, a bulleted list or a paragraph continued over a page "
            "counts once; page headers do not count. Actions the report answers together "
            "share a heading (RIME 1.4-1.6). The report's words are quoted exactly; for a "
            "table, the label of the deciding row.",
            lang,
        ),
    )


def silence_table(items: pd.DataFrame, lang: str) -> Table:
    """The actions the report is silent on, in part or whole: what it leaves unaddressed,
    this book's status by the rule for silence, and the status were silence a 'no'."""
    book = edition_register("book")
    other = if_silence_counted(book, items)
    silent = book.set_index("id").loc[other.index]
    frame = pd.DataFrame(
        {
            tr("What the report does not address (this book's words)", lang): [
                label(text, lang) for text in silent["silent_on"]
            ],
            tr("Status by the rule for silence (this book's coding)", lang): [
                status_name(str(s), lang) for s in silent["status"]
            ],
            tr("Status if silence counted as a no", lang): [status_name(s, lang) for s in other],
        },
        index=[action_label(a, lang) for a in silent.index],
    )
    return table(
        frame,
        id="silence",
        lang=lang,
        stub=tr("Action", lang),
        title=tr("What the report leaves unaddressed, and what the rule for silence does", lang),
    )


def tone_rules_table(lang: str) -> Table:
    frame = pd.DataFrame(
        {tr("When", lang): [tone_rule(t, lang) for t in TONES]},
        index=[tone_name(t, lang) for t in TONES],
    )
    return table(
        frame,
        id="tone-rules",
        lang=lang,
        stub=tr("Tone", lang),
        title=tr("The rule that gives each summary its tone", lang),
    )


def tones_table(markers: pd.DataFrame, lang: str) -> Table:
    coded = tones(markers)
    frame = pd.DataFrame(
        {
            tr("Tone (this book's coding)", lang): [tone_name(t, lang) for t in coded["tone"]],
            tr("Shortcomings named", lang): coded["shortcomings"].tolist(),
            tr("Which", lang): [
                label(text, lang) if isinstance(text, str) else ""
                for text in coded["shortcomings_named"]
            ],
        },
        index=[
            objective_label(p, o, lang)
            for p, o in zip(coded["pillar"], coded["objective"], strict=True)
        ],
    )
    return table(
        frame,
        id="tones",
        lang=lang,
        stub=tr("Objective", lang),
        title=tr("The tone of each objective's evaluative summary", lang),
    )
