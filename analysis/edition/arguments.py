"""What a user gives the command line, checked before anything runs: parameters files
(strict YAML, every value read as text), `--set` pairs, a cell timeout and a build folder.
Each problem is a ParameterError (or argparse's type error) that names the option."""

from __future__ import annotations

import argparse
import os
from collections.abc import Hashable
from pathlib import Path

import yaml

from analysis.contract.parameters import Edition, ParameterError
from analysis.contract.userfiles import UserFileError, read_limited
from analysis.core.paths import ROOT as PROJECT
from analysis.core.text import printable, short_path
from analysis.edition.atomic import SITES

MAX_PARAMS_BYTES = 64_000  # a parameters file is a handful of lines

MAX_CELL_TIMEOUT = 86400.0  # a day: a longer alarm overflows the system's timers


def seconds(text: str) -> float:
    """A --cell-timeout value: a positive number in the one grammar of numbers."""
    from analysis.core.grammar import NotANumber, parse_number

    try:
        value = parse_number(text)
    except NotANumber as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not 0 < value <= MAX_CELL_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"{value:g} is not a number of seconds from 0 (excluded) to {MAX_CELL_TIMEOUT:g} "
            "(a day)"
        )
    return value


class _StrictLoader(yaml.BaseLoader):
    """YAML without aliases (no "billion laughs") or repeated keys, every value read as text
    (tags ignored): the parameters then read numbers with the grammar `--set` values follow,
    and YAML 1.1's guesses (`true`, `no`, `1_000`, `0x10`, `1:30`, `.nan`) are no numbers."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(
                f"line {event.start_mark.line + 1}: aliases (*name) are not allowed"
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise yaml.YAMLError(
                    f"line {key_node.start_mark.line + 1}: a {type(key).__name__} is not a "
                    "parameter name"
                )
            if key in seen:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: {key!r} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_params_file(path: Path, option: str = "--params") -> dict[str, object]:
    """NAME: VALUE lines from a YAML file, or a ParameterError naming the file."""
    where = f"{option} {short_path(path)}"
    try:  # a regular file of at most MAX_PARAMS_BYTES: not a FIFO, not /dev/zero
        text = read_limited(path, MAX_PARAMS_BYTES, name=where).decode("utf-8-sig")
    except UserFileError as exc:
        raise ParameterError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{where}: not UTF-8 text (byte at position {exc.start})") from None
    return params_from_yaml(text, where)


def params_from_yaml(text: str, where: str) -> dict[str, object]:
    """NAME: VALUE lines of YAML, every value as text; a ParameterError says what is wrong
    `where` (the file, or papermill's option) without quoting the text."""
    try:
        loaded = yaml.load(text, Loader=_StrictLoader) or {}
    except yaml.YAMLError as exc:
        raise ParameterError(f"{where}: not valid YAML: {_yaml_problem(exc)}") from None
    except RecursionError:
        raise ParameterError(f"{where}: not NAME: VALUE lines (nested too deeply)") from None
    if not isinstance(loaded, dict):
        raise ParameterError(f"{where}: expected NAME: VALUE lines")
    for key, value in loaded.items():
        if not isinstance(key, str):
            raise ParameterError(f"{where}: {printable(repr(key), 60)} is not a parameter name")
        if isinstance(value, list | dict | set):
            raise ParameterError(
                f"{where}: the value of {printable(key, 60)!r} is a {type(value).__name__}; "
                "a parameter takes one value"
            )
    return loaded


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong with a YAML file and where, without its text: PyYAML's own message
    quotes the offending line, and the file may be anything (a key, a credentials file)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or problem is None:  # ours (_StrictLoader), or a reader's: no snippet
        return printable(str(exc).split("\n")[0], 200)
    return f"line {mark.line + 1}, column {mark.column + 1}: {printable(problem, 120)}"


def edition_from_arguments(
    settings: list[str], params_files: list[Path] | Path | None = None
) -> Edition:
    """Collect parameters from YAML files in order, then `--set` pairs (which win); validate."""
    if isinstance(params_files, Path):
        params_files = [params_files]
    values: dict[str, object] = {}
    for params_file in params_files or []:
        values.update(read_params_file(params_file))
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--set {setting[:60]!r}: expected NAME=VALUE")
        values[name.strip()] = value.strip()
    return Edition.from_values(values)


# Folders of the project that a build must never write into: its sources.
SOURCES = ("analysis", "book", "data", "locales", "tests", "benchmarks", ".ci", ".git")


def build_folder(path: Path) -> Path:
    """A --build-dir: any folder but the project itself, one of its sources, or one inside
    a published tree (a build writes `html`, `editions/`, `.state/` into it); a
    ParameterError otherwise."""
    where = Path(os.path.realpath(os.path.expanduser(path)))
    project = Path(os.path.realpath(PROJECT))
    named = f"--build-dir {short_path(path)}"
    if where == project or any(where.is_relative_to(project / name) for name in SOURCES):
        raise ParameterError(
            f"{named}: that is the project or one of its sources; give a folder of its own "
            "(the default is _build)"
        )
    # As written (`_build/html` is a link) and as resolved (a link elsewhere into a tree).
    for candidate in (Path(os.path.abspath(os.path.expanduser(path))), where):
        tree = _published_tree(candidate)
        if tree is not None:
            raise ParameterError(
                f"{named}: that is inside {short_path(tree)}, published or to be published; "
                "give a folder of its own (the default is _build)"
            )
    if where.exists() and not where.is_dir():
        raise ParameterError(f"{named} is not a folder")
    try:  # its path is written into the notebooks and pages: it must be text
        os.fsencode(where).decode("utf-8")
    except UnicodeDecodeError:
        raise ParameterError(f"{named}: its name is not UTF-8 text; give another") from None
    return where


# In a build folder, what is published or assembled for publishing: the reference edition
# (`html`, a link into `.sites`), the folder GitHub Pages gets (`site`, .ci/assemble_site.py),
# and each edition's folder under `editions/` (its own `html` and `.sites`).
PUBLISHED = ("html", SITES, "site", "editions")


def _published_tree(folder: Path) -> Path | None:
    """The published tree (or the edition's folder) that `folder` is or lies in, or None."""
    for inside in (folder, *folder.parents):
        if inside.name == SITES or (inside.name in PUBLISHED and _is_build_folder(inside.parent)):
            return inside
    return None


def _is_build_folder(folder: Path) -> bool:
    """The project's `_build`, or a folder a build has written (--build-dir): its state,
    cache or published trees."""
    default = Path(os.path.abspath(PROJECT / "_build"))
    return folder in (default, Path(os.path.realpath(default))) or any(
        (folder / mark).exists() for mark in (".state", ".cache", SITES)
    )
