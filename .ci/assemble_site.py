"""Assemble the folder that GitHub Pages publishes, from the book's build folder.

The site keeps the layout of `_build/`, because every page links to its counterparts in
the other editions with relative links that assume it (analysis/edition/sphinxext.py):

    site/index.html              redirects to html/index.html (meta refresh, no script)
    site/html/                   the reference edition
    site/editions/<slug>/html/   every other edition of the grid (analysis/edition/grid.txt),
                                 and each extra edition named with --editions
    site/v/<version>/            with --releases: each release as it was published, in the
                                 same layout (analysis/edition/archive.py), and v/index.html

The grid is always published: `make book` builds it. Run this with the project's Python,
after `make book` (the workflow writes to `site/`; the default output, `_build/site/`, keeps
a local trial inside the ignored build folder):

    .venv/bin/python .ci/assemble_site.py --build --out site --editions "fx_rates=implied"

--editions: extra editions to publish besides the grid, separated by spaces; the parameters
of one edition are joined by commas, e.g. "currency=PEN,start_year=2020 fx_rates=implied".
--build: build the grid and the extra editions first, in one run of
`python -m analysis site --edition ...` (quick for those up to date). Without it, each must
have been built already.

--releases: also put every release of releases/releases.csv under v/<version>/, from its
build kept in _build/releases/ (`python -m analysis archive` makes them; `make site` runs
it), each archived page with its release line and a link to the same page at the root.

Symbolic links are followed: the site holds plain copies. The output folder must not exist
yet, or be empty. Exit status: 0 assembled, 1 an edition is missing or failed to build,
2 bad arguments.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_HOME = "html"
TARGET = f"{REFERENCE_HOME}/index.html"


class SiteError(Exception):
    """The site cannot be assembled; the message says why."""


@dataclass(frozen=True)
class Variant:
    """One variant edition to publish."""

    settings: tuple[str, ...]  # NAME=VALUE pairs, as given to `analysis build --set`
    slug: str  # its folder under editions/
    label: str  # its parameters, for people

    @property
    def home(self) -> str:
        return f"editions/{self.slug}/{REFERENCE_HOME}"


def parse_editions(text: str) -> list[tuple[str, ...]]:
    """Split the --editions text: `a=1 b=2,c=3` gives [("a=1",), ("b=2", "c=3")]."""
    editions = []
    for word in text.split():
        settings = tuple(part for part in word.split(",") if part)
        for setting in settings:
            name, sep, _ = setting.partition("=")
            if not sep or not name:
                raise ValueError(f"{setting!r} in {word!r}: expected NAME=VALUE")
        if settings:
            editions.append(settings)
    return editions


def resolve(settings: tuple[str, ...]) -> Variant | None:
    """The edition these parameters make, validated as the book's CLI does; None for the
    reference edition (it is always published)."""
    from analysis.contract.parameters import ParameterError
    from analysis.edition.grid import edition_of

    try:
        edition = edition_of(",".join(settings))
    except ParameterError as exc:
        raise ValueError(f"{','.join(settings)}: {exc}") from None
    if edition.is_reference:
        return None
    return Variant(settings, edition.slug, edition.label)


def grid_variants() -> list[Variant]:
    """The grid's editions but the reference one (analysis/edition/grid.txt)."""
    from analysis.edition.grid import read_grid

    return [
        Variant(tuple(f"{k}={v}" for k, v in e.changed().items()), e.slug, e.label)
        for e in read_grid()
        if not e.is_reference
    ]


def build(variants: list[Variant]) -> None:
    """Build the grid and `variants` with the book's own command, in one parallel run."""
    command = [sys.executable, "-m", "analysis", "site"]
    for variant in variants:
        command += ["--edition", ",".join(variant.settings)]
    print("$ " + " ".join(command), flush=True)
    if subprocess.run(command).returncode != 0:
        raise SiteError("the build of the site failed (see above); nothing was assembled")


def book_title(config: Path = ROOT / "_config.yml") -> str:
    import yaml

    try:
        return str(yaml.safe_load(config.read_text(encoding="utf-8"))["title"])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return "The book"


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def redirect_page(title: str, variants: list[Variant], releases: bool = False) -> str:
    """The site's front page: straight on to the reference edition, with plain links for a
    browser that does not follow the refresh (and to the releases, when archived)."""
    target = html.escape(TARGET, quote=True)
    items = [f"<li>{_link(TARGET, 'Reference edition')}</li>"]
    items += [f"<li>{_link(f'{v.home}/index.html', f'Edition: {v.label}')}</li>" for v in variants]
    if releases:
        items.append(f"<li>{_link('v/index.html', 'Every release, as published')}</li>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="refresh" content="0; url={target}">',
            f'<link rel="canonical" href="{target}">',
            f"<title>{html.escape(title)}</title>",
            "</head>",
            "<body>",
            f"<p>{html.escape(title)}: {_link(TARGET, 'open the book')}.</p>",
            "<ul>",
            *items,
            "</ul>",
            "</body>",
            "</html>",
            "",
        ]
    )


def assemble(
    source: Path, out: Path, variants: list[Variant], title: str, releases: bool = False
) -> list[Path]:
    """Copy the editions from `source` (a `_build` folder) into `out`; return the front
    pages written."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SiteError(f"{out} exists and is not an empty folder; remove it first")
    homes = {REFERENCE_HOME: "the reference edition"}
    homes.update({v.home: f"the edition {v.label}" for v in variants})
    for home, what in homes.items():  # all present before anything is copied
        if not (source / home / "index.html").is_file():
            raise SiteError(f"{what}: {source / home / 'index.html'} does not exist; build it")
    for home in homes:
        # copytree follows symbolic links by default: the site gets real files.
        shutil.copytree((source / home).resolve(), out / home)
    index = out / "index.html"
    index.write_text(redirect_page(title, variants, releases), encoding="utf-8")
    if not (out / TARGET).is_file():
        raise SiteError(f"{out / TARGET} is missing after the copy")
    return [out / TARGET] + [out / v.home / "index.html" for v in variants]


def archive(out: Path, source: Path) -> int:
    """Every release under `out/v/`; the number of pages given their release line."""
    from analysis.edition.archive import cache_root
    from analysis.edition.archive_pages import add_archive
    from analysis.edition.releases import ReleaseError

    try:
        return len(add_archive(out, book_title(), cache=cache_root(source)))
    except ReleaseError as exc:
        raise SiteError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="assemble_site.py",
        description="Assemble the GitHub Pages site from the book's build folder.",
    )
    main.add_argument(
        "--source",
        type=Path,
        default=ROOT / "_build",
        help="the build folder to copy from (default: _build, where --build writes)",
    )
    main.add_argument(
        "--out",
        type=Path,
        default=ROOT / "_build" / "site",
        help="the folder to create (default: _build/site)",
    )
    main.add_argument(
        "--editions",
        default="",
        metavar="EDITIONS",
        help="extra editions besides the grid, space-separated, parameters joined by commas: "
        '"currency=PEN,start_year=2020 fx_rates=implied"',
    )
    main.add_argument(
        "--build", action="store_true", help="build the grid and the extra editions first"
    )
    main.add_argument(
        "--releases",
        action="store_true",
        help="also archive every release under v/<version>/ (from _build/releases/)",
    )
    return main


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        variants: dict[str, Variant] = {v.slug: v for v in grid_variants()}
    except ValueError as exc:  # a bad analysis/edition/grid.txt, naming its line
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        extra: dict[str, Variant] = {}
        for settings in parse_editions(arguments.editions):
            variant = resolve(settings)
            if variant is None:
                print(f"{','.join(settings)} is the reference edition, published at html/")
            elif variant.slug not in variants:
                variants[variant.slug] = extra[variant.slug] = variant
    except ValueError as exc:
        print(f"error: --editions: {exc}", file=sys.stderr)
        return 2
    try:
        if arguments.build:
            build(list(extra.values()))
        pages = assemble(
            arguments.source,
            arguments.out,
            list(variants.values()),
            book_title(),
            arguments.releases,
        )
        if arguments.releases:
            archived = archive(arguments.out, arguments.source)
    except (SiteError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if arguments.releases:
        print(f"archived: {archived} pages of {arguments.out / 'v'} given their release line")
    for page in pages:
        print(f"published: {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
