"""The record of what changed between releases, `releases/changes.json`: made by
`python -m analysis changes` from each release's own files, read by the "What changed" page.

For each release after the first, against the one before it:
- the data (`data/`), the transcription notes and the Spanish catalogs, as the release's
  commit holds them (`git show`; the release being made: this working tree);
- the figures of the reference edition as the commit holds them (`book/figures/`, the
  executed notebooks' outputs, committed), and those of every other edition both releases
  published, from their kept builds (`analysis/edition/archive.py`; the release being made:
  this checkout's `_build/`).

The record also keeps, for each language the book has, the translations of the texts it
holds as each release's own catalog gave them (an older reason is translated in the older
release's catalog), so that the page never needs a translation that no release made.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from analysis.compute import changes as compare
from analysis.edition.archive import cache_root, is_built, read_meta, release_site_address
from analysis.edition.releases import (
    ROOT,
    WORKING_TREE,
    Release,
    ReleaseError,
    list_files,
    prepared,
    read_releases,
    resolve,
    show,
)
from analysis.exhibits.language import COLUMN
from analysis.exhibits.language import CONTEXT as SEPARATOR

NOTICE = "Made by `python -m analysis changes` from each release's own files; do not edit."


@dataclass(frozen=True)
class Side:
    """One release as the comparison reads it."""

    release: Release
    commit: str  # WORKING_TREE for the release being made
    figures: dict[str, Path]  # each published edition's home -> its figures' folder

    def file(self, root: Path, path: str) -> bytes | None:
        return show(root, self.commit, path)


def working_tree_figures(build: Path, root: Path = ROOT) -> dict[str, Path]:
    """The figure folders of the editions this checkout's `make book` publishes."""
    from analysis.contract.parameters import site_home
    from analysis.edition.grid import read_grid
    from analysis.edition.layout import Layout

    folders = {}
    for edition in read_grid():
        if not edition.is_reference:
            folders[site_home(edition)] = Layout.for_edition(edition, root, build).notebooks / (
                "figures"
            )
    return folders


def sides(root: Path = ROOT, build: Path | None = None, cache: Path | None = None) -> list[Side]:
    """Every release of the list with where its files are; ReleaseError when a release's
    kept build is missing (`python -m analysis archive` makes them)."""
    build = build or root / "_build"
    cache = cache or cache_root(build, root)
    found = []
    being_made = prepared(root)
    for release in read_releases(root) + ([being_made] if being_made else []):
        commit = WORKING_TREE if release is being_made else resolve(release, root)
        if commit == WORKING_TREE:
            figures = working_tree_figures(build, root)
            unbuilt = [home for home, folder in figures.items() if not folder.is_dir()]
            if unbuilt:
                raise ReleaseError(
                    f"release {release.version} is this checkout, and its edition at "
                    f"{unbuilt[0]} is not built in {build}: run `make book` first"
                )
        else:
            folder = cache / release.version
            if not is_built(folder, commit, release_site_address(release.version, root)):
                raise ReleaseError(
                    f"release {release.version} has no kept build in {folder}: run "
                    "`python -m analysis archive` (or make site) first"
                )
            homes = [h for h in read_meta(folder)["homes"] if h != "html"]
            figures = {home: folder / "figures" / home for home in homes}
        found.append(Side(release, commit, figures))
    return found


def _catalog(content: bytes | None) -> dict[str, str]:
    """A .po file's translated entries, keyed as gettext keys them ('ctx\\x04id' or 'id')."""
    if content is None:
        return {}
    from babel.messages.pofile import read_po

    return {
        (f"{m.context}{SEPARATOR}{m.id}" if m.context else m.id): m.string
        for m in read_po(io.BytesIO(content))
        if m.id and m.string and not m.fuzzy
    }


def _figure_files(root: Path, side: Side, home: str) -> dict[str, tuple[bytes, bytes | None]]:
    """An edition's figures: id -> (its CSV, its JSON record or None)."""
    if home == "html":
        names = list_files(root, side.commit, "book/figures")

        def read(name):
            return side.file(root, f"book/figures/{name}")
    else:
        folder = side.figures.get(home)
        names = sorted(p.name for p in folder.iterdir()) if folder and folder.is_dir() else []

        def read(name):
            return (folder / name).read_bytes()

    found = {}
    for name in names:
        if name.endswith(".csv"):
            record = f"{name[:-4]}.json"
            found[name[:-4]] = (read(name), read(record) if record in names else None)
    return found


def _figure_lang(record: bytes | None, home: str) -> str:
    try:
        return str(json.loads(record).get("lang") or "en") if record else "en"
    except ValueError:
        return "en"


def _parameters(home: str) -> dict[str, str] | None:
    """The parameters of the edition this book publishes at `home` ({} for the reference
    edition), or None when it publishes none there any more."""
    from analysis.contract.parameters import site_home
    from analysis.edition.grid import read_grid

    for edition in read_grid():
        if site_home(edition) == home:
            return {name: str(value) for name, value in edition.changed().items()}
    return None


def compare_figures(root: Path, old: Side, new: Side) -> dict:
    """The figures both releases published in the same edition, and how their values moved."""
    homes = ["html"] + sorted(set(old.figures) & set(new.figures))
    compared, changed, added, removed = [], [], [], []
    for home in homes:
        before, after = _figure_files(root, old, home), _figure_files(root, new, home)
        if not before or not after:
            continue
        lang = _figure_lang(next(iter(after.values()))[1], home)
        compared.append({"home": home, "lang": lang, "parameters": _parameters(home)})
        for figure in sorted(set(before) | set(after)):
            record = (after.get(figure) or before.get(figure))[1]
            entry = {"figure": figure, "home": home, "lang": lang}
            entry["title"] = compare.figure_title(record, figure)
            if figure not in before:
                added.append(entry)
            elif figure not in after:
                removed.append(entry)
            else:
                values = compare.figure_changes(before[figure][0], after[figure][0])
                if values:
                    changed.append({**entry, "values": values})
    return {"compared": compared, "changed": changed, "added": added, "removed": removed}


def compare_data(root: Path, old: Side, new: Side) -> list[dict]:
    """How each CSV file of `data/` changed, in file name order."""
    contracts = [json.loads(s.file(root, "data/datapackage.json") or b"{}") for s in (old, new)]
    files = sorted(
        {n for s in (old, new) for n in list_files(root, s.commit, "data") if n.endswith(".csv")}
    )
    found = []
    for file in files:
        tables = [s.file(root, f"data/{file}") for s in (old, new)]
        frames = [None if t is None else compare.text_table(t) for t in tables]
        key = compare.primary_key(contracts[1], file) or compare.primary_key(contracts[0], file)
        change = compare.table_changes(frames[0], frames[1], key)
        if change is None:
            continue
        words = compare.translated_fields(contracts[1], file) | compare.translated_fields(
            contracts[0], file
        )
        for cell in change["cells"]:
            cell["words"] = cell["column"] in words
        change["key_words"] = [column in words for column in change["key"]]
        found.append({"file": file, "title": _title(contracts, file), **change})
    return found


def _title(contracts: list[dict], file: str) -> str:
    for contract in reversed(contracts):
        for resource in contract.get("resources", []):
            if resource.get("path") == file:
                return str(resource.get("title") or file)
    return file


def _status_and_notes(root: Path, side: Side):
    tables = {
        name: compare.text_table(side.file(root, f"data/{name}.csv"))
        for name in ("priority-actions", "assessment-items", "transcription-notes")
    }
    register = compare.coded(tables["priority-actions"], tables["assessment-items"])
    return register, tables["transcription-notes"]


def compare_releases(root: Path, old: Side, new: Side, weight: float) -> dict:
    """What changed from `old` to `new`."""
    old_register, _ = _status_and_notes(root, old)
    new_register, notes = _status_and_notes(root, new)
    actions = compare.action_changes(old_register, new_register, notes)
    cited = sorted({n for action in actions for n in action["notes"]})
    by_number = notes.assign(note=notes["note"].astype(int)).set_index("note")
    return {
        "from": old.release.version,
        "to": new.release.version,
        "partial_weight": weight,
        "headline": {
            "before": compare.headline(old_register, weight),
            "after": compare.headline(new_register, weight),
        },
        "actions": actions,
        "notes": {
            str(n): {k: str(by_number.at[n, k]) for k in ("location", "description", "handling")}
            for n in cited
        },
        "figures": compare_figures(root, old, new),
        "data": compare_data(root, old, new),
    }


def _key_words(rows: list[list[str]], words: list[bool]) -> list[str]:
    """The values of these rows' keys that are words (a category, a translated label)."""
    return [part for row in rows for part, word in zip(row, words, strict=False) if word]


def _texts(change: dict) -> tuple[list[str], list[str]]:
    """The texts of a change that a language's page translates: those of the earlier
    release, and those of the later (keys as gettext's: 'column\\x04name' for a column)."""
    before, after = [], []
    for action in change["actions"]:
        after.append(action["title"])
        for reason, texts in zip(action["reason"], (before, after), strict=True):
            if reason:
                texts.append(reason)
    for note in change["notes"].values():
        after += [note["location"], note["description"], note["handling"]]
    for table in change["data"]:
        after.append(table["title"])
        after += [f"{COLUMN}{SEPARATOR}{c}" for c in table["columns_added"]]
        before += [f"{COLUMN}{SEPARATOR}{c}" for c in table["columns_removed"]]
        keys = [*table["rows_added"], *(cell["row"] for cell in table["cells"])]
        after += _key_words(keys, table["key_words"])
        before += _key_words(table["rows_removed"], table["key_words"])
        for cell in table["cells"]:
            after.append(f"{COLUMN}{SEPARATOR}{cell['column']}")
            if cell["words"]:
                before.append(cell["before"])
                after.append(cell["after"])
    return before, after


def languages(root: Path = ROOT) -> list[str]:
    """The languages the book is translated into (a folder each in locales/)."""
    folder = root / "locales"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def translations(root: Path, pairs: list[tuple[Side, Side, dict]]) -> tuple[dict, dict]:
    """Each language's translations of the record's texts, from the catalog of the release
    each text comes from (the later release's, for a text both have), else from this
    checkout's; and, per language, the texts that no catalog translates (a release may have
    left a text in English: the page shows it as its file held it, and says so)."""
    found: dict[str, dict[str, str]] = {}
    untranslated: dict[str, list[str]] = {}
    for lang in languages(root):
        path = f"locales/{lang}/LC_MESSAGES/data.po"
        current = _catalog(show(root, WORKING_TREE, path))
        table: dict[str, str] = {}
        missing: set[str] = set()
        for old, new, change in pairs:
            catalogs = [_catalog(old.file(root, path)), _catalog(new.file(root, path))]
            for texts, catalog in zip(_texts(change), catalogs, strict=True):
                for text in texts:
                    translated = catalog.get(text) or current.get(text)
                    if translated:
                        table[text] = translated
                    elif text:
                        missing.add(text)
        found[lang] = dict(sorted(table.items()))
        untranslated[lang] = sorted(missing - set(table))
    return found, untranslated


def record(root: Path = ROOT, build: Path | None = None, weight: float | None = None) -> dict:
    """The record of every release against the one before it."""
    from analysis.contract.parameters import Edition

    weight = Edition().partial_weight if weight is None else weight
    found = sides(root, build)
    pairs = [
        (old, new, compare_releases(root, old, new, weight))
        for old, new in zip(found, found[1:], strict=False)
    ]
    words, left = translations(root, pairs)
    return {
        "notice": NOTICE,
        "releases": [
            {"version": s.release.version, "date": s.release.date.isoformat()} for s in found
        ],
        "changes": [change for _, _, change in reversed(pairs)],  # the newest first
        "translations": words,
        "untranslated": left,
    }


def dumps(made: dict) -> str:
    return json.dumps(made, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_record(root: Path = ROOT, build: Path | None = None) -> Path:
    """Compute the record and write it to `releases/changes.json` (only when it differs)."""
    made = dumps(record(root, build))
    path = root / compare.RECORD.relative_to(ROOT)
    if not path.is_file() or path.read_text(encoding="utf-8") != made:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(made, encoding="utf-8")
    return path
