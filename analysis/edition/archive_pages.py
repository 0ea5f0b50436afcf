"""The archive's pages: each release copied under v/<version>/ with a line at the top of
every page, in its language, saying which release it is and linking the same page in
the latest one; and v/index.html, the list of releases."""

from __future__ import annotations

import datetime
import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from analysis.edition.archive import (
    ARCHIVE,
    cache_root,
    is_built,
    release_homes,
    release_site_address,
)
from analysis.edition.releases import (
    ROOT,
    WORKING_TREE,
    Release,
    ReleaseError,
    read_releases,
    resolve,
)

STYLE = (
    "<style>.mem-release{margin:0;padding:.5rem 1rem;background:#fff4df;color:#1f1f1f;"
    "border-bottom:3px solid #8a5a00;font-size:.95rem}"
    ".mem-release a{color:#5c3600;text-decoration:underline}</style>"
)


# Keeps the reader's place: the link gets the page's #section when the latest page has it.
SCRIPT = (
    "<script>(function(){var a=document.querySelector('a.mem-release__latest');if(!a)return;"
    "var ids=(a.getAttribute('data-anchors')||'').split(' '),base=a.getAttribute('href');"
    "function keep(){var h=decodeURIComponent(location.hash.slice(1));"
    "a.setAttribute('href',h&&ids.indexOf(h)>=0?base+'#'+encodeURIComponent(h):base);}"
    "keep();window.addEventListener('hashchange',keep);})();</script>"
)


LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]+)\"", re.I)


# The places a reader can be at: sections, figures and tables (not the theme's own parts).
IDS = re.compile(r"<(?:section|figure|table|h[1-6])\b[^>]*?\bid=\"([^\"]+)\"")


@dataclass(frozen=True)
class Line:
    """What an archived page says about its release."""

    version: str
    date: datetime.date
    href: str  # the same page in the latest book, relative to the page
    same_page: bool  # False: the latest book has no such page; the link goes to its front
    anchors: tuple[str, ...] = ()  # sections of the page that the latest page also has


def page_language(page: str) -> str:
    """The page's language (`<html lang>`), 'en' when it names none the book has."""
    from analysis.exhibits.language import LOCALES

    match = LANG.search(page)
    lang = match.group(1).split("-")[0].lower() if match else "en"
    return lang if lang == "en" or (LOCALES / lang).is_dir() else "en"


def line_html(line: Line, lang: str) -> str:
    """The release line, in `lang`, every text and address escaped."""
    from analysis.exhibits.formats import date
    from analysis.exhibits.language import tr

    said = tr(
        "This is release {version} of {date}, kept at this address as it was published.",
        lang,
        version=line.version,
        date=date(line.date, lang),
    )
    link = (
        tr("See this page in the latest release", lang)
        if line.same_page
        else tr("See the latest release", lang)
    )
    anchors = html.escape(" ".join(line.anchors), quote=True)
    name = html.escape(tr("Release", lang), quote=True)
    return (
        f'<aside class="mem-release" aria-label="{name}">'
        f"{html.escape(said)} "
        f'<a class="mem-release__latest" href="{html.escape(line.href, quote=True)}" '
        f'data-anchors="{anchors}">{html.escape(link)}</a></aside>'
    )


def with_line(page: str, line: Line) -> str:
    """`page` with its release line at the top of its body (a page without a body, such as
    a redirect, is left as it is). Added once: a page that has one keeps it."""
    if 'class="mem-release"' in page:
        return page
    body = re.search(r"<body\b[^>]*>", page, re.I)
    if not body:
        return page
    lang = page_language(page)
    skip = re.compile(r'<div id="pst-skip-link"[^>]*>.*?</div>', re.S).search(page, body.end())
    at = skip.end() if skip else body.end()
    page = page[:at] + "\n" + line_html(line, lang) + SCRIPT + page[at:]
    head = page.lower().find("</head>")
    return page if head < 0 else page[:head] + STYLE + page[head:]


def _link(page: Path, archived: Path, site: Path) -> tuple[Path, bool]:
    """The page of the latest book (the site's root) that an archived page links to: the
    same page, else its edition's front page, else the reference edition's."""
    relative = page.relative_to(archived)
    if (site / relative).is_file():
        return site / relative, True
    parts = relative.parts
    homes = ["/".join(parts[:3])] if parts[0] == "editions" and len(parts) > 3 else []
    for home in [*homes, "html"]:
        if (site / home / "index.html").is_file():
            return site / home / "index.html", False
    return site / "index.html", False


def add_release(site: Path, release: Release, kept: Path) -> list[Path]:
    """Copy a kept release into `site/v/<version>/` and put its line on each page; the site's
    root must already hold the latest book. Returns the pages given a line."""
    archived = site / ARCHIVE / release.version
    shutil.copytree(kept / "site", archived)
    pages = []
    for page in sorted(archived.rglob("*.html")):
        if any(part.startswith("_") for part in page.relative_to(archived).parts):
            continue  # _static, _sources...: not pages of the book
        target, same = _link(page, archived, site)
        text = page.read_text(encoding="utf-8")
        anchors: tuple[str, ...] = ()
        if same:
            theirs = set(IDS.findall(target.read_text(encoding="utf-8")))
            anchors = tuple(i for i in dict.fromkeys(IDS.findall(text)) if i in theirs)
        line = Line(
            release.version,
            release.date,
            os.path.relpath(target, page.parent).replace(os.sep, "/"),
            same,
            anchors,
        )
        marked = with_line(text, line)
        if marked != text:
            page.write_text(marked, encoding="utf-8")
            pages.append(page)
    return pages


def releases_page(releases: list[Release], title: str) -> str:
    """`v/index.html`: every release, newest first, each a link to its archived book."""
    items = [
        f'<li><a href="{html.escape(r.version, quote=True)}/html/index.html">'
        f"{html.escape(r.version)}</a> ({r.date.isoformat()})</li>"
        for r in reversed(releases)
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{html.escape(title)}: releases</title>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{html.escape(title)}: releases</h1>",
            '<p>Each release as it was published. <a href="../index.html">The latest book</a>.</p>',
            "<ul>",
            *items,
            "</ul>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def add_archive(site: Path, title: str, root: Path = ROOT, cache: Path | None = None) -> list[Path]:
    """Put every release of the list under `site/v/`, from its kept build (the release being
    made: from this checkout's build, `source`'s editions at the site's root). Refuses a
    release whose kept build is missing or of another commit (`python -m analysis archive`
    builds them)."""
    cache = cache or cache_root(root=root)
    releases = read_releases(root)
    if not releases:
        return []
    address_of = {r.version: release_site_address(r.version, root) for r in releases}
    kept = {}
    for release in releases:
        commit = resolve(release, root)
        folder = cache / release.version
        if commit == WORKING_TREE:
            folder = _working_tree_release(site, cache, release)
        elif not is_built(folder, commit, address_of[release.version]):
            raise ReleaseError(
                f"release {release.version} has no kept build of commit {commit[:12]} in "
                f"{folder}: run `python -m analysis archive` (or make site)"
            )
        kept[release] = folder
    pages = []
    for release, folder in kept.items():
        pages += add_release(site, release, folder)
    (site / ARCHIVE / "index.html").write_text(releases_page(releases, title), encoding="utf-8")
    return pages


def _working_tree_release(site: Path, cache: Path, release: Release) -> Path:
    """The release being made is the book at the site's root: kept as is, under the cache."""
    folder = cache / ".being-made"
    shutil.rmtree(folder, ignore_errors=True)
    for home in release_homes(site):
        shutil.copytree(site / home, folder / "site" / home)
    return folder
