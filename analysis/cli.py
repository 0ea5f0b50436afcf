"""Command line: `python -m analysis build [--set NAME=VALUE ...] [--params FILE]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import yaml

from analysis.parameters import Edition, ParameterError, help_text

EXIT_BAD_PARAMETER = 2
EXIT_BUILD_FAILED = 1


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Build the MEM Peru 2023 analysis book.",
    )
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="execute the notebooks and build the HTML book",
        description=(
            "Build an edition of the book. With no parameters: the reference edition "
            "(notebooks in book/, HTML in _build/html). With any non-default parameter: "
            "a variant edition in _build/editions/<parameters>/."
        ),
        epilog="parameters:\n" + help_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="set one parameter (repeatable)",
    )  # fmt: skip
    build.add_argument("--params", type=Path, metavar="FILE", help="YAML file of parameters")
    build.add_argument(
        "--force",
        action="store_true",
        help="re-execute notebooks even if their inputs are unchanged",
    )
    commands.add_parser(
        "sync-parameters",
        help="rewrite the parameters cell of every notebook template from the parameter model",
    )
    return main


def edition_from_arguments(settings: list[str], params_file: Path | None) -> Edition:
    """Collect parameters from a YAML file, then `--set` pairs (which win), and validate."""
    values: dict[str, object] = {}
    if params_file is not None:
        try:
            loaded = yaml.safe_load(params_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ParameterError(f"--params {params_file}: cannot read: {exc}") from None
        if not isinstance(loaded, dict):
            raise ParameterError(f"--params {params_file}: expected NAME: VALUE lines")
        values.update(loaded)
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--set {setting!r}: expected NAME=VALUE")
        values[name.strip()] = value.strip()
    return Edition.from_values(values)


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("papermill").setLevel(logging.WARNING)  # one line per notebook is ours
    if arguments.command == "sync-parameters":
        from analysis.build import sync_parameter_cells

        for template in sync_parameter_cells():
            print(f"updated {template.name}")
        return 0
    try:
        edition = edition_from_arguments(arguments.set, arguments.params)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_PARAMETER

    from analysis.build import BuildError, build  # heavy imports only once parameters are valid

    try:
        index = build(edition, force=arguments.force)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUILD_FAILED
    name = "reference edition" if edition.is_reference else f"variant edition ({edition.label})"
    print(f"{name} built: {index}")
    return 0
