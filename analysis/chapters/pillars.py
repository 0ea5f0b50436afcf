"""What the three pillar chapters share: the register of one pillar, its statuses and tone."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.table_specs import table_of
from analysis.compute.register import STATUSES, edition_register, tones
from analysis.contract.load import load_table
from analysis.contract.parameters import Edition
from analysis.exhibits.figure import Exhibit
from analysis.exhibits.language import capitalised, label, names, tr
from analysis.exhibits.recipes import status_dots
from analysis.exhibits.tables import Table
from analysis.exhibits.terms import (
    action_label,
    coding_label,
    objective_label,
    pillar_name,
    reason_text,
    status_name,
)


class Pillar:
    """One pillar of the report: its priority actions coded, its objectives and their tone."""

    def __init__(self, code: str, edition: Edition) -> None:
        self.code = code
        self.edition = edition
        self.lang = edition.lang
        coded = edition_register(edition.codings)
        self.actions = coded[coded["pillar"] == code].set_index("id")
        book = edition_register("book")
        self.book = book[book["pillar"] == code].set_index("id")
        markers = tones(load_table("objective-tone"))
        self.tones = markers[markers["pillar"] == code].set_index("objective")
        titles = load_table("objectives")
        self.titles = titles[titles["pillar"] == code].set_index("objective")["title"]

    def objective_name(self, objective: int) -> str:
        return f"{objective_label(self.code, objective, self.lang)}: " + label(
            self.titles[objective], self.lang
        )

    def status(self, action: str) -> str:
        """The status of one action in words: 'met', 'not met' ..."""
        return status_name(str(self.actions.loc[f"{self.code}-{action}", "status"]), self.lang)

    def book_status(self, action: str) -> str:
        """This book's status of one action in words, whatever the coding in force."""
        return status_name(str(self.book.loc[f"{self.code}-{action}", "status"]), self.lang)

    def coding_of(self, action: str, book: str) -> str:
        """`book` (a sentence that gives this book's status of one action and its reason),
        and where a reader's codings set the status, what they set."""
        row = self.actions.loc[f"{self.code}-{action}"]
        if row["coded_by"] == "book":
            return book
        return (
            book
            + " "
            + tr(
                "In this edition the reader's coding gives the action the status {status}.",
                self.lang,
                status=status_name(str(row["status"]), self.lang),
            )
        )

    def statuses_sentence(self, actions: list[str], about: dict[str, str] | None = None) -> str:
        """The statuses of some actions, each said to be a coding: 'This book codes 2.4
        (engaging the private sector) as not met, ...'; `about` gives what an action is
        about, in the edition's language, where the sentence names it."""
        lang = self.lang
        parts = []
        for action in actions:
            row = self.actions.loc[f"{self.code}-{action}"]
            values = {"action": action, "status": status_name(str(row["status"]), lang)}
            if about:
                parts.append(
                    tr("{action} ({what}) as {status}", lang, what=about[action], **values)
                )
            else:
                parts.append(tr("{action} as {status}", lang, **values))
        reader = int(
            (self.actions.loc[[f"{self.code}-{a}" for a in actions], "coded_by"] == "reader").sum()
        )
        if about:
            head = (
                tr("This edition codes {list}.", lang, list=names(parts, lang))
                if reader
                else tr("This book codes {list}.", lang, list=names(parts, lang))
            )
        else:
            head = (
                tr("This edition codes priority actions {list}.", lang, list=names(parts, lang))
                if reader
                else tr("This book codes priority actions {list}.", lang, list=names(parts, lang))
            )
        return head + (" " + reader_sentence(reader, len(actions), lang) if reader else "")

    def counts_sentence(self, objectives: list[int] | None = None) -> str:
        """How this book codes the actions of the pillar, or of some of its objectives."""
        actions = self.actions
        if objectives:
            actions = actions[actions["objective"].isin(objectives)]
        reader = int((actions["coded_by"] == "reader").sum())
        return coding_sentence(actions["status"].value_counts(), self.lang, reader=reader)

    def actions_table(self, objectives: list[int], id: str) -> Table:
        """The priority actions of `objectives`, with their statuses and why."""
        actions = self.actions[self.actions["objective"].isin(objectives)]
        return table_of(
            "objective-actions" if len(objectives) == 1 else "objectives-actions",
            actions,
            self.lang,
            as_id=id,
            pillar=pillar_name(self.code, self.lang),
            objectives=names([str(o) for o in objectives], self.lang),
            coding=coding_label(actions, self.lang),
        )

    def status_figure(self, chapter: str) -> Exhibit:
        lang = self.lang
        statuses = self.actions["status"].astype(str)
        statuses.index = [
            f"{a.split('-', 1)[1]} {label(t, lang)}"
            for a, t in zip(self.actions.index, self.actions["title"], strict=True)
        ]
        names = {s: status_name(s, lang) for s in STATUSES}
        chart = status_dots(
            statuses,
            names=names,
            lang=lang,
            height=max(4.5, 0.24 * len(statuses) + 1.2),
            title=tr(
                "{pillar}: each priority action's status ({coding})",
                lang,
                pillar=pillar_name(self.code, lang),
                coding=coding_label(self.actions, lang),
            ),
        )
        counts = statuses.value_counts()
        caption = tr(
            "Each row is a priority action of {pillar}; the marker stands in the "
            "column of its status: filled for met, half-filled for partially met, "
            "open for not met, a cross for no information. The statuses are {coding} of "
            "the report, which gives no ratings.",
            lang,
            pillar=pillar_name(self.code, lang),
            coding=coding_label(self.actions, lang),
        )
        alt = tr(
            "Dot chart of the {n} priority actions of {pillar}: {met} met, {partial} "
            "partially met, {not_met} not met, {none} without information.",
            lang,
            n=len(statuses),
            pillar=pillar_name(self.code, lang),
            met=int(counts.get("met", 0)),
            partial=int(counts.get("partially met", 0)),
            not_met=int(counts.get("not met", 0)),
            none=int(counts.get("no information", 0)),
        )
        where = tr("{pillar}, every priority action", lang, pillar=pillar_name(self.code, lang))
        return Exhibit(
            f"fig-{self.code.lower()}-statuses",
            chapter,
            chart,
            caption,
            alt,
            where,
            self.edition,
            uses=("codings",),
            coded=True,
        )

    def tone_table(self, id: str) -> Table:
        """Each objective's summary: its tone, and the shortcomings it names."""
        named = self.tones.set_axis([self.objective_name(o) for o in self.tones.index])
        return table_of("pillar-tone", named, self.lang, as_id=id)

    def tone_sentence(self) -> str:
        lang = self.lang

        def where(rule) -> str:
            return names(
                [objective_label(self.code, o, lang) for o in self.tones.index if rule(o)], lang
            )

        def tone(o) -> str:
            return str(self.tones.loc[o, "tone"])

        def praised(o) -> bool:
            return bool(self.tones.loc[o, "satisfaction_phrase"])

        groups = {
            "praised": where(lambda o: tone(o) == "satisfaction" and praised(o)),
            "quiet": where(lambda o: tone(o) == "satisfaction" and not praised(o)),
            "mixed": where(lambda o: tone(o) == "mixed"),
            "concern": where(lambda o: tone(o) == "concern"),
        }
        words = {
            "praised": tr(
                "opens {objectives} by noting one finding 'with satisfaction' and names no "
                "shortcoming there",
                lang,
                objectives=groups["praised"],
            ),
            "quiet": tr(
                "names no shortcoming under {objectives}", lang, objectives=groups["quiet"]
            ),
            "mixed": tr("names shortcomings under {objectives}", lang, objectives=groups["mixed"]),
            "concern": tr(
                "observes part of what it finds under {objectives} 'with concern'",
                lang,
                objectives=groups["concern"],
            ),
        }
        parts = [words[kind] for kind, objectives in groups.items() if objectives]
        sentences = [tr("In its evaluative summary the report {part}.", lang, part=parts[0])]
        sentences += [capitalised(tr("It {part}.", lang, part=part)) for part in parts[1:]]
        also = where(lambda o: praised(o) and tone(o) != "satisfaction")
        if also:
            sentences.append(
                tr(
                    "Under {objectives} it also opens by noting one finding 'with "
                    "satisfaction', beside the shortcomings it names.",
                    lang,
                    objectives=also,
                )
            )
        return " ".join(sentences)


def _coded_as(status: str, k: int, n: int, lang: str, spelled: bool = True) -> str:
    """'all 7 as met', 'one as not met', '16 as met', 'one as without information' in the
    edition's language; with `spelled` false a count of one is a numeral, like the counts
    listed beside it."""
    if k == n == 2:
        return {
            "met": tr("both as met", lang),
            "partially met": tr("both as partially met", lang),
            "not met": tr("both as not met", lang),
            "no information": tr("both as without information", lang),
        }[status]
    if k == n and n > 1:
        return {
            "met": tr("all {n} as met", lang, n=n),
            "partially met": tr("all {n} as partially met", lang, n=n),
            "not met": tr("all {n} as not met", lang, n=n),
            "no information": tr("all {n} as without information", lang, n=n),
        }[status]
    if k == 1 and spelled:
        return {
            "met": tr("one as met", lang),
            "partially met": tr("one as partially met", lang),
            "not met": tr("one as not met", lang),
            "no information": tr("one as without information", lang),
        }[status]
    if k == 1:  # a numeral beside larger counts, singular where the language says so
        return {
            "met": tr("1 as met", lang),
            "partially met": tr("1 as partially met", lang),
            "not met": tr("1 as not met", lang),
            "no information": tr("1 as without information", lang),
        }[status]
    return {
        "met": tr("{k} as met", lang, k=k),
        "partially met": tr("{k} as partially met", lang, k=k),
        "not met": tr("{k} as not met", lang, k=k),
        "no information": tr("{k} as without information", lang, k=k),
    }[status]


def coding_sentence(
    counts: pd.Series,
    lang: str,
    evaluated: bool = False,
    reader: int = 0,
    without: list[str] | None = None,
) -> str:
    """How some priority actions are coded, from their status counts, in words.

    'Of these 24 priority actions, this book codes 16 as met, 2 as partially met and 6 as
    not met.' Statuses no action has are left out; 'without information' (the report gives
    no finding on what the action asks: the rule for silence) is a status of this book's
    coding like the others, named last. `evaluated`: the actions are all those the report
    evaluates ('Of the 52 priority actions the report evaluates, ...'). `reader`: how many
    of them a reader's codings set; then 'this edition codes ...', and a sentence says how
    many. `without`: the actions without information, named in brackets after their count.
    """
    n = int(counts.sum())
    listed = pd.Series([int(counts.get(status, 0)) for status in STATUSES[:3]])
    coded = [
        _coded_as(status, int(counts[status]), n, lang, spelled=listed.max() <= 1)
        + (f" ({names(without, lang)})" if without and status == STATUSES[3] else "")
        for status in STATUSES
        if counts.get(status, 0)
    ]
    values = {"n": n, "coded": names(coded, lang)}
    if n == 1:
        values["status"] = status_name(
            next(status for status in STATUSES if counts.get(status, 0)), lang
        )
        head = (
            tr("This edition codes this priority action as {status}", lang, **values)
            if reader
            else tr("This book codes this priority action as {status}", lang, **values)
        )
    elif evaluated:
        head = (
            tr(
                "Of the {n} priority actions the report evaluates, this edition codes {coded}",
                lang,
                **values,
            )
            if reader
            else tr(
                "Of the {n} priority actions the report evaluates, this book codes {coded}",
                lang,
                **values,
            )
        )
    else:
        head = (
            tr("Of these {n} priority actions, this edition codes {coded}", lang, **values)
            if reader
            else tr("Of these {n} priority actions, this book codes {coded}", lang, **values)
        )
    return head + "." + (" " + reader_sentence(reader, n, lang) if reader else "")


def unanswered(coded: pd.DataFrame, lang: str) -> tuple[list[str], str]:
    """The actions without information, by their labels, and why: the reason of the one
    there is, or a pointer to the register where there are several."""
    none = coded[coded["status"].astype(str) == "no information"]
    labels = [action_label(action, lang) for action in none["id"]]
    if none.empty:
        return labels, ""
    if len(none) > 1:
        return labels, tr(
            "The register gives the reason for each action without information.", lang
        )
    row = none.iloc[0]
    return labels, reason_text(row["reason"], row["reason_by"], lang)


def reader_sentence(reader: int, n: int, lang: str) -> str:
    """How many of n actions a reader's codings set, in words."""
    if reader == n == 1:
        return tr("That status is the reader's own coding.", lang)
    if reader == n:
        return tr("All these statuses are the reader's own coding.", lang)
    if reader == 1:
        return tr("One of them is the reader's own coding; the others keep this book's.", lang)
    return tr(
        "{k} of them are the reader's own coding; the others keep this book's.", lang, k=reader
    )
