"""Command line: `python -m analysis build [--set NAME=VALUE ...] [--params FILE ...]`.

Exit status: 0 built; 1 the data or their contract are broken, or a build step failed; 2 a
bad parameter, a bad user's file or a bad command line; 130 stopped (Ctrl-C, SIGTERM, or
SIGHUP when its terminal is closed).
Every error is one line on standard error, its unprintable characters escaped; progress
goes to standard output. Parameters files (`--params`, repeatable) are merged in the
order given, then `--set` pairs (also in order) win over them.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from analysis.contract.load import DataError
from analysis.contract.parameters import ParameterError, help_text
from analysis.core.text import printable
from analysis.edition.arguments import build_folder, edition_from_arguments, seconds
from analysis.edition.progress import STOP, Progress, request_stop

EXIT_BAD_PARAMETER = 2
EXIT_BUILD_FAILED = 1
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, its errors in one line (by default it prints the usage first)."""

    def error(self, message: str):
        self.exit(EXIT_BAD_PARAMETER, f"error: {printable(message)} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    main = _Parser(
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
    build.add_argument(
        "--params",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="YAML file of NAME: VALUE lines (repeatable: merged in order; --set wins)",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="re-execute every notebook even if its inputs are unchanged",
    )
    build.add_argument("--quiet", action="store_true", help="print only errors and the result")
    build.add_argument(
        "--build-dir",
        type=Path,
        metavar="DIR",
        help="the build folder (default: _build in the project); another one gets editions "
        "of its own and reuses the notebooks already executed in _build",
    )
    build.add_argument(
        "--cell-timeout",
        type=seconds,
        metavar="SECONDS",
        help="stop the build when a notebook cell runs longer than this (default: 600)",
    )
    site = commands.add_parser(
        "site",
        help="build every published edition (the grid), in parallel",
        description=(
            "Build the editions listed in analysis/edition/grid.txt (the published site: "
            "currency x prices x language), sharing every notebook whose parameters "
            "coincide, each published on its own. An edition that fails leaves its previous "
            "book as it was; the others are still built, and the exit status is 1."
        ),
    )
    site.add_argument(
        "--edition",
        action="append",
        default=[],
        metavar="NAME=VALUE,...",
        help="also build this edition (repeatable), e.g. currency=PEN,start_year=2020",
    )
    site.add_argument(
        "--grid", type=Path, default=None, metavar="FILE", help="another edition list"
    )
    site.add_argument("--force", action="store_true", help="execute every notebook again")
    site.add_argument(
        "--build-dir",
        type=Path,
        metavar="DIR",
        help="the build folder (default: _build in the project), as for build",
    )
    site.add_argument(
        "--cell-timeout",
        type=seconds,
        metavar="SECONDS",
        help="stop an edition when a notebook cell runs longer than this (default: 600)",
    )
    site.add_argument("--quiet", action="store_true", help="print only errors and the result")
    commands.add_parser(
        "releases", help="list the releases (releases/releases.csv) and the commit of each"
    )
    archive = commands.add_parser(
        "archive",
        help="build each release from its commit, once (kept in _build/releases/)",
        description=(
            "Build every release of releases/releases.csv (or those named) from its own "
            "commit, in a git worktree, with its own `make book`; a release already built "
            "from that commit is kept. `make site` puts them under v/<version>/."
        ),
    )
    archive.add_argument("versions", nargs="*", metavar="VERSION", help="e.g. 1.0.0")
    commands.add_parser(
        "changes",
        help="compute what changed between releases into releases/changes.json",
        description=(
            "Compare each release with the one before it (and the release CITATION.cff "
            "names, when it is being made): the headline, the priority actions, the values "
            "the figures plot and the data. Needs the releases' builds (`archive`) and, for "
            "the release being made, `make book`."
        ),
    )
    release = commands.add_parser(
        "release",
        help="write a release's CITATION.cff, record of changes and entry in the list",
        description="Prepare the release commit of VERSION (README: 'Making a release').",
    )
    release.add_argument("version", metavar="VERSION", help="X.Y.Z, after the last release")
    release.add_argument(
        "--date", default=None, metavar="YYYY-MM-DD", help="the release's date (default: today)"
    )
    release.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="the published site's address, for CITATION.cff's url (once: later releases "
        "take it from there)",
    )
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


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
    except KeyboardInterrupt:  # before the handlers below are in place: nothing written yet
        _error("interrupted while starting; nothing was changed")
        return EXIT_INTERRUPTED
    try:
        with _stop_on_signals():
            return _run(arguments)
    except KeyboardInterrupt as stop:
        _error(_interrupted_words(getattr(stop, "published", [])))
        return EXIT_INTERRUPTED


def _interrupted_words(published: list[str]) -> str:
    """What a stop left: the previous books, but for the editions published before it."""
    if not published:
        return "interrupted; the previously published book is unchanged"
    return (
        f"interrupted after publishing {len(published)} edition"
        f"{'s' * (len(published) != 1)} ({', '.join(published)}); the others keep their "
        "previously published books"
    )


def _run(arguments: argparse.Namespace) -> int:
    if arguments.command == "sync-parameters":
        from analysis.edition.notebooks import sync_parameter_cells

        for template in sync_parameter_cells():
            print(f"updated {template.name}")
        return 0
    if arguments.command == "translations":
        from analysis.edition.translations import update_catalogs

        return update_catalogs(check_only=arguments.check)
    commands = {"site": _site, "build": _build}
    command = commands.get(arguments.command, _releases)
    return _exit_status(lambda: command(arguments))


def _exit_status(command) -> int:
    """Run a command; each way it can fail is one line on standard error and its status:
    2 for what the user gave (parameters, files, the command line), 1 for the data or a
    step of the build."""
    from analysis.edition.steps import BuildError

    try:
        return command()
    except ParameterError as exc:
        _error(str(exc))
        return EXIT_BAD_PARAMETER
    except DataError as exc:  # the contract (read to check a user's file, or by the build)
        _error(f"invalid data: {exc}")
        return EXIT_BUILD_FAILED
    except BuildError as exc:
        _error(str(exc))
        return EXIT_BUILD_FAILED


def _build(arguments: argparse.Namespace) -> int:
    """`build`: one edition, its parameters and the edition list checked first."""
    from analysis.edition.grid import grid
    from analysis.edition.layout import edition_name

    edition = edition_from_arguments(arguments.set, arguments.params)
    grid()  # the switcher's edition list: checked before anything runs
    if arguments.build_dir is not None:
        arguments.build_dir = build_folder(arguments.build_dir)
    from analysis.edition.build import build  # heavy: only once the parameters are valid

    progress = Progress(quiet=arguments.quiet)
    index = build(
        edition,
        force=arguments.force,
        progress=progress,
        build_dir=arguments.build_dir,
        cell_timeout=arguments.cell_timeout,
    )
    with contextlib.suppress(OSError):  # published: a closed terminal changes nothing
        said = f"{edition_name(edition)} ready in {progress.elapsed():.1f} s: {index}"
        print(printable(said[0].upper() + said[1:], 1000))
    return 0


def _site(arguments: argparse.Namespace) -> int:
    """`site`: the grid and any extra editions, every one checked before anything runs."""
    from analysis.edition.grid import GRID_FILE, edition_of, read_grid

    published = read_grid(arguments.grid or GRID_FILE)  # what the switchers offer
    editions = list(published)
    for text in arguments.edition:
        try:
            editions.append(edition_of(text))
        except ParameterError as exc:
            raise ParameterError(f"--edition {printable(text, 80)!r}: {exc}") from None
    if arguments.build_dir is not None:
        arguments.build_dir = build_folder(arguments.build_dir)
    from analysis.edition.site import build_site

    progress = Progress(quiet=arguments.quiet)
    result = build_site(
        editions,
        published,
        force=arguments.force,
        progress=progress,
        build_dir=arguments.build_dir,
        cell_timeout=arguments.cell_timeout,
    )
    total = len({edition.slug for edition in editions})
    if result.failed:
        failed = "; ".join(f"{name}: {why}" for name, why in result.failed.items())
        _error(
            f"{len(result.failed)} of {total} editions failed, their previous books left as "
            f"they were ({failed})"
        )
        return EXIT_BUILD_FAILED
    without = f", {len(result.no_pdf)} without a PDF" if result.no_pdf else ""
    print(
        f"site ready in {progress.elapsed():.1f} s: {total} editions "
        f"({len(result.built)} built, {len(result.current)} up to date{without}) under "
        f"{printable(arguments.build_dir or '_build', 200)}/"
    )
    return 0


def _releases(arguments: argparse.Namespace) -> int:
    """The release commands: list, build the archive, compute what changed, make one."""
    import datetime

    if arguments.command == "releases":
        from analysis.edition.releases import main as list_releases

        return list_releases([])
    if arguments.command == "archive":
        from analysis.edition.archive import build_releases

        build_releases(versions=tuple(arguments.versions))
    elif arguments.command == "changes":
        from analysis.edition.changes import write_record

        print(f"written: {write_record()}")
    else:
        from analysis.edition.release_steps import make_release

        try:
            day = datetime.date.fromisoformat(arguments.date or datetime.date.today().isoformat())
        except ValueError as exc:
            raise ParameterError(f"--date: {exc}") from None
        make_release(arguments.version, day, site=arguments.site_url)
    return 0


def _error(message: str) -> None:
    """One line on standard error: escaped, and cut to a readable length."""
    try:
        print(f"error: {printable(message)}", file=sys.stderr, flush=True)
    except OSError:  # no terminal any more (SIGHUP): the exit status must say it
        pass


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM, and SIGHUP (its terminal closed), stop the command as Ctrl-C does: cleaned
    up, one line, status 130.

    A KeyboardInterrupt that Python could only report as "Exception ignored" (raised in a
    callback of os.fork) is not printed: the build stops at its next checkpoint instead.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are the main thread's to handle
        return
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {number: signal.getsignal(number) for number in stopping}
    hook = sys.unraisablehook

    def quiet_interrupts(unraisable):
        if not issubclass(unraisable.exc_type, KeyboardInterrupt):
            hook(unraisable)

    def stop(signum, frame):
        for number in previous:  # a second signal must not cut the cleanup short
            signal.signal(number, signal.SIG_IGN)
        request_stop()

    for number in previous:
        signal.signal(number, stop)
    sys.unraisablehook = quiet_interrupts
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        sys.unraisablehook = hook
        STOP.clear()
