"""Command line: `python -m analysis build [--set NAME=VALUE ...] [--params FILE]`.

Exit status: 0 built; 1 the data or a build step failed; 2 a bad parameter; 130 stopped.
Every error is one line on standard error; progress goes to standard output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from analysis.edition.parameters import Edition, ParameterError, help_text

EXIT_BAD_PARAMETER = 2
EXIT_BUILD_FAILED = 1
EXIT_INTERRUPTED = 130
MAX_PARAMS_BYTES = 64_000  # a parameters file is a handful of lines


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
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set one parameter (repeatable)",
    )
    build.add_argument("--params", type=Path, metavar="FILE", help="YAML file of parameters")
    build.add_argument(
        "--force",
        action="store_true",
        help="re-execute every notebook even if its inputs are unchanged",
    )
    build.add_argument("--quiet", action="store_true", help="print only errors and the result")
    commands.add_parser(
        "sync-parameters",
        help="rewrite the parameters cell of every notebook template from the parameter model",
    )
    translations = commands.add_parser(
        "translations",
        help="extract the book's strings and update the catalogs in locales/ (for translators)",
    )
    translations.add_argument(
        "--check", action="store_true", help="only report strings that lack a translation"
    )
    return main


class _StrictLoader(yaml.SafeLoader):
    """YAML without aliases (no "billion laughs") and without repeated keys."""

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
            if key in seen:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: {key!r} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_params_file(path: Path) -> dict[str, object]:
    """NAME: VALUE lines from a YAML file, or a ParameterError naming the file."""
    where = f"--params {path}"
    try:
        if path.stat().st_size > MAX_PARAMS_BYTES:
            raise ParameterError(f"{where}: larger than {MAX_PARAMS_BYTES // 1000} kB")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{where}: not UTF-8 text (byte at position {exc.start})") from None
    except OSError as exc:
        raise ParameterError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    try:
        loaded = yaml.load(text, Loader=_StrictLoader) or {}
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ParameterError(f"{where}: not valid YAML: {reason[:200]}") from None
    if not isinstance(loaded, dict):
        raise ParameterError(f"{where}: expected NAME: VALUE lines")
    keys = [key for key in loaded if not isinstance(key, str)]
    if keys:
        raise ParameterError(f"{where}: {keys[0]!r} is not a parameter name")
    return loaded


def edition_from_arguments(settings: list[str], params_file: Path | None) -> Edition:
    """Collect parameters from a YAML file, then `--set` pairs (which win), and validate."""
    values: dict[str, object] = {}
    if params_file is not None:
        values.update(read_params_file(params_file))
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--set {setting[:60]!r}: expected NAME=VALUE")
        values[name.strip()] = value.strip()
    return Edition.from_values(values)


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.command == "sync-parameters":
        from analysis.edition.build import sync_parameter_cells

        for template in sync_parameter_cells():
            print(f"updated {template.name}")
        return 0
    if arguments.command == "translations":
        from analysis.edition.translations import update_catalogs

        return update_catalogs(check_only=arguments.check)
    try:
        edition = edition_from_arguments(arguments.set, arguments.params)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_PARAMETER

    # Heavy imports only once the parameters are valid.
    from analysis.edition.build import BuildError, build
    from analysis.edition.progress import Progress

    progress = Progress(quiet=arguments.quiet)
    try:
        index = build(edition, force=arguments.force, progress=progress)
    except BuildError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BUILD_FAILED
    except KeyboardInterrupt:
        print("error: interrupted; the previously published book is unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED
    name = "reference edition" if edition.is_reference else f"variant edition ({edition.label})"
    print(f"{name} ready in {progress.elapsed():.1f} s: {index}")
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())
