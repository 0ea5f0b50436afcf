"""What changed between releases: the page that shows `releases/changes.json`, release by
release, in the edition's language.

The record is made by `python -m analysis changes` from each release's own files; this
module only says it. A text of the data (a reason, a note, a changed value that is words) is
given in the language of the page by the record's own translations, taken from the catalog
of the release that held it, else by this book's catalog.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pandas as pd

from analysis.chapters.scores import score_text
from analysis.compute.changes import RECORD
from analysis.compute.register import STATUSES
from analysis.exhibits.formats import date, number
from analysis.exhibits.language import COLUMN, CONTEXT, column_name, label, tr
from analysis.exhibits.markup import escape
from analysis.exhibits.tables import MISSING, Table, table
from analysis.exhibits.terms import action_label, status_name

CHAPTER = "changes"
ACTION = re.compile(r"(IS|RIME|IC)-\d+\.\d+")  # a priority action's identifier: 'IS-2.3'


def load(path: Path = RECORD) -> dict:
    """The record; one with no release when there is none yet."""
    if not path.is_file():
        return {"releases": [], "changes": [], "translations": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def _words(record: dict, text: str, lang: str) -> str:
    """A text of the data in `lang`: the record's translation, else the book's catalog; a
    text that its release left untranslated, «as its file held it»."""
    if not text or lang == "en":
        return text
    if text in record.get("untranslated", {}).get(lang, []):
        return f"«{text}»"
    return record.get("translations", {}).get(lang, {}).get(text) or label(text, lang)


def untranslated_note(record: dict, lang: str) -> str | None:
    """What «guillemets» mean on the page, when it shows any untranslated text."""
    if not record.get("untranslated", {}).get(lang):
        return None
    return tr(
        "In «guillemets»: a text that its release did not translate, as its file held it.", lang
    )


def _column(record: dict, name: str, lang: str) -> str:
    key = f"{COLUMN}{CONTEXT}{name}"
    return record.get("translations", {}).get(lang, {}).get(key) or column_name(name, lang)


def release_date(record: dict, version: str, lang: str) -> str:
    day = next(r["date"] for r in record["releases"] if r["version"] == version)
    return date(datetime.date.fromisoformat(day), lang)


def heading(record: dict, change: dict, lang: str) -> str:
    """'From release 1.0.0 (2 December 2026) to release 1.1.0 (7 December 2026)', as a
    section heading (escaped)."""
    words = tr(
        "From release {old} ({old_date}) to release {new} ({new_date})",
        lang,
        old=change["from"],
        old_date=release_date(record, change["from"], lang),
        new=change["to"],
        new_date=release_date(record, change["to"], lang),
    )
    return f"## {escape(words)}"


def headline_sentence(change: dict, lang: str) -> str:
    """What the headline did between two releases, in one sentence chosen by the numbers."""
    before, after = change["headline"]["before"], change["headline"]["after"]
    old, new = change["from"], change["to"]
    if before == after:
        return tr(
            "The headline is the same in release {new} as in release {old}: {met} of the "
            "priority actions met and a coverage score of {score}.",
            lang,
            old=old,
            new=new,
            met=number(after["met"], lang),
            score=score_text(after["score"], lang),
        )
    moved = [
        tr(
            "{status}: from {before} to {after}",
            lang,
            status=status_name(status, lang),
            before=number(before[status], lang),
            after=number(after[status], lang),
        )
        for status in STATUSES
        if before[status] != after[status]
    ]
    return tr(
        "From release {old} to release {new}, the priority actions moved ({moved}) and the "
        "coverage score went from {score_before} to {score_after}.",
        lang,
        old=old,
        new=new,
        moved="; ".join(moved),
        score_before=score_text(before["score"], lang),
        score_after=score_text(after["score"], lang),
    )


def headline_table(change: dict, lang: str) -> Table:
    before, after = change["headline"]["before"], change["headline"]["after"]
    rows = [status_name(s, lang) for s in STATUSES] + [tr("coverage score", lang)]

    def shown(side: dict) -> list[str]:
        return [number(side[s], lang) for s in STATUSES] + [score_text(side["score"], lang)]

    old = tr("release {version}", lang, version=change["from"])
    new = tr("release {version}", lang, version=change["to"])
    frame = pd.DataFrame({old: shown(before), new: shown(after)}, index=rows)
    return table(
        frame,
        id=f"changes-headline-{change['to']}",
        lang=lang,
        stub=tr("Priority actions", lang),
        title=tr(
            "The headline in release {old} and in release {new}",
            lang,
            old=change["from"],
            new=change["to"],
        ),
        right=[old, new],
        note=tr(
            "A partially met action counts {weight} in the score.",
            lang,
            weight=number(change["partial_weight"], lang, 2),
        ),
    )


def _status(code: str | None, lang: str) -> str:
    return status_name(code, lang) if code else MISSING


def actions_table(record: dict, change: dict, lang: str) -> Table | None:
    """Each priority action whose status or reason changed, with the notes that explain it."""
    if not change["actions"]:
        return None
    rows = {}
    for action in change["actions"]:
        notes = ", ".join(number(n, lang) for n in action["notes"]) or MISSING
        rows[action_label(action["action"], lang)] = {
            tr("Priority action", lang): _words(record, action["title"], lang),
            tr("Status before", lang): _status(action["status"][0], lang),
            tr("Status after", lang): _status(action["status"][1], lang),
            tr("Reason before", lang): _words(record, action["reason"][0] or "", lang) or MISSING,
            tr("Reason after", lang): _words(record, action["reason"][1] or "", lang) or MISSING,
            tr("Transcription notes", lang): notes,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    return table(
        frame,
        id=f"changes-actions-{change['to']}",
        lang=lang,
        stub=tr("Action", lang),
        title=tr(
            "Priority actions whose status or reason changed in release {new}",
            lang,
            new=change["to"],
        ),
    )


def notes_table(record: dict, change: dict, lang: str) -> Table | None:
    """The transcription notes that explain the changed actions, as the later release has them."""
    if not change["notes"]:
        return None
    frame = pd.DataFrame(
        {
            tr("Where in the report", lang): [
                _words(record, n["location"], lang) for n in change["notes"].values()
            ],
            tr("What was found", lang): [
                _words(record, n["description"], lang) for n in change["notes"].values()
            ],
            tr("What was done", lang): [
                _words(record, n["handling"], lang) for n in change["notes"].values()
            ],
        },
        index=[int(n) for n in change["notes"]],
    )
    return table(
        frame,
        id=f"changes-notes-{change['to']}",
        lang=lang,
        stub=tr("Note", lang),
        title=tr(
            "The transcription notes that explain them (release {new})", lang, new=change["to"]
        ),
    )


def edition_words(change: dict, home: str, lang: str) -> str:
    """The edition a figure belongs to, in words ('Amounts in soles at current prices'),
    from the parameters the record gives the edition published at `home`."""
    from analysis.contract.parameters import Edition
    from analysis.exhibits.edition_words import amounts_sentence

    compared = next(c for c in change["figures"]["compared"] if c["home"] == home)
    if compared.get("parameters") is None:
        return home
    return amounts_sentence(Edition.from_values(compared["parameters"])).rstrip(".")


def _value(text: str | None) -> str:
    return MISSING if text is None or text == "" else text


def figures_table(change: dict, lang: str) -> Table | None:
    """Each value that a figure of an edition in `lang` plots and that changed."""
    rows = [
        {
            tr("Figure", lang): figure["title"],
            tr("Edition", lang): edition_words(change, figure["home"], lang),
            tr("Row", lang): value["row"],
            tr("Column", lang): value["column"],
            tr("Before", lang): _value(value["before"]),
            tr("After", lang): _value(value["after"]),
        }
        for figure in change["figures"]["changed"]
        if figure["lang"] == lang
        for value in figure["values"]
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    frame.index = range(1, len(frame) + 1)
    return table(
        frame,
        id=f"changes-figures-{change['to']}",
        lang=lang,
        stub="#",
        title=tr(
            "Values plotted by the figures that changed in release {new}", lang, new=change["to"]
        ),
        right=[tr("Before", lang), tr("After", lang)],
    )


def figures_sentence(change: dict, lang: str) -> str:
    """How many figures were compared, in which editions of this language, and how many
    changed, were added or were dropped."""
    ours = [c for c in change["figures"]["compared"] if c["lang"] == lang]
    count = lambda key: sum(1 for f in change["figures"][key] if f["lang"] == lang)  # noqa: E731
    editions = len(ours)
    return tr(
        "Figures compared in the editions in this language that both releases publish "
        "({editions}): with changed values, {changed}; new, {added}; dropped, {removed}.",
        lang,
        editions=number(editions, lang),
        changed=number(count("changed"), lang),
        added=number(count("added"), lang),
        removed=number(count("removed"), lang),
    )


def _row(record: dict, file: dict, row: list[str], lang: str) -> str:
    """A row of a data file named by its key's values, in `lang` those that are words or
    a priority action's identifier."""
    words = file.get("key_words") or [False] * len(row)
    shown = []
    for part, word in zip(row, words, strict=False):
        if word:
            shown.append(_words(record, part, lang))
        elif ACTION.fullmatch(part):  # a priority action: 'FI-2.3' in Spanish
            shown.append(action_label(part, lang))
        else:
            shown.append(part)
    return ", ".join(shown)


def _rows(file: dict, lang: str) -> str:
    return tr("{n} rows", lang, n=number(file["rows"], lang))


def data_table(record: dict, change: dict, lang: str) -> Table | None:
    """Every value of `data/` that changed, and the columns and rows added or removed."""
    what_changed = tr("value changed", lang)
    rows = []
    for file in change["data"]:
        title = _words(record, file["title"], lang)

        def row(what, key, column, before, after, title=title, file=file):
            return {
                tr("File", lang): f"{title} ({file['file']})",
                tr("Change", lang): what,
                tr("Row", lang): key,
                tr("Column", lang): column,
                tr("Before", lang): _value(before),
                tr("After", lang): _value(after),
            }

        if file["change"] == "added":
            rows.append(row(tr("file added", lang), MISSING, MISSING, None, _rows(file, lang)))
        elif file["change"] == "removed":
            rows.append(row(tr("file removed", lang), MISSING, MISSING, _rows(file, lang), None))
        added, removed = tr("column added", lang), tr("column removed", lang)
        for what, names in ((added, file["columns_added"]), (removed, file["columns_removed"])):
            for name in names:
                rows.append(row(what, MISSING, _column(record, name, lang), None, None))
        for key in file["rows_added"]:
            rows.append(
                row(tr("row added", lang), _row(record, file, key, lang), MISSING, None, None)
            )
        for key in file["rows_removed"]:
            rows.append(
                row(tr("row removed", lang), _row(record, file, key, lang), MISSING, None, None)
            )
        for cell in file["cells"]:
            shown = (lambda t: _words(record, t, lang)) if cell["words"] else (lambda t: t)
            rows.append(
                row(
                    what_changed,
                    _row(record, file, cell["row"], lang),
                    _column(record, cell["column"], lang),
                    shown(cell["before"]),
                    shown(cell["after"]),
                )
            )
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    frame.index = range(1, len(frame) + 1)
    return table(
        frame,
        id=f"changes-data-{change['to']}",
        lang=lang,
        stub="#",
        title=tr("Values of the data files that changed in release {new}", lang, new=change["to"]),
        note=" ".join(
            filter(
                None,
                [
                    tr(
                        "Values as the files hold them; words in the language of this edition.",
                        lang,
                    ),
                    untranslated_note(record, lang),
                ],
            )
        ),
    )


def data_sentence(change: dict, lang: str) -> str:
    files = change["data"]
    return tr(
        "Data files changed: {files} (new: {new}). Values changed: {cells}; columns added or "
        "removed: {columns}; rows added or removed: {rows}.",
        lang,
        files=number(len(files), lang),
        new=number(sum(f["change"] == "added" for f in files), lang),
        cells=number(sum(len(f["cells"]) for f in files), lang),
        columns=number(sum(len(f["columns_added"] + f["columns_removed"]) for f in files), lang),
        rows=number(sum(len(f["rows_added"] + f["rows_removed"]) for f in files), lang),
    )


def summary(record: dict, lang: str) -> dict[str, str]:
    """The page's glued words: the releases and the latest change's headline."""
    releases = record["releases"]
    if not record["changes"]:
        latest = tr("There is no earlier release to compare with yet.", lang)
    else:
        latest = headline_sentence(record["changes"][0], lang)
    listed = ", ".join(
        tr(
            "{version} of {date}",
            lang,
            version=r["version"],
            date=date(datetime.date.fromisoformat(r["date"]), lang),
        )
        for r in releases
    )
    return {
        "releases_count": number(len(releases), lang),
        "releases_list": listed or MISSING,
        "latest_headline": latest,
    }
