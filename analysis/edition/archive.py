"""The archive of releases: every release's published editions, built once from its own
commit and kept, and the line that every archived page carries.

`build_release` checks the release's commit out in a git worktree and runs that release's
own `make book` there (its own code, data and edition list), with this project's Python
environment when the release pins nothing else (otherwise a virtual environment of its own,
made once per requirements file). What it published is kept in
`_build/releases/<version>/`:

    site/<home>/       each edition's HTML (`html/`, `editions/<slug>/html/`), plain files
    figures/<home>/    each edition's figure records and CSV files (what "What changed" reads)
    release.json       version, commit and site address it was built for, and its homes

A release is built again only when its commit or the site's address changes. On the site,
`add_archive` copies each release to `v/<version>/` and puts at the top of each of its
pages, in the page's language, which release it is and a link to the same page of the
latest book at the site's root (the reader's place on the page kept when that page has
it). Pages built before this existed get the line the same way: it is added here, never by
the release's own build.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from analysis.edition.releases import (
    ROOT,
    WORKING_TREE,
    Release,
    ReleaseError,
    git,
    read_releases,
    resolve,
)

ARCHIVE = "v"  # the site's folder of releases: v/<version>/
META = "release.json"
FIGURE_FILES = ("*.csv", "*.json")
BASEURL_LINE = re.compile(r"^(  baseurl: ).*$", re.M)


def cache_root(build: Path | None = None, root: Path = ROOT) -> Path:
    return (build or root / "_build") / "releases"


def site_address(root: Path = ROOT) -> str:
    """The published site's address (`html.baseurl` in _config.yml), ending in '/', or ''."""
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    url = str((config.get("html") or {}).get("baseurl") or "").strip()
    return url.rstrip("/") + "/" if url else ""


def release_site_address(version: str, root: Path = ROOT) -> str:
    """Where a release is archived on the published site, or '' when it is not published."""
    base = site_address(root)
    return f"{base}{ARCHIVE}/{version}/" if base else ""


def read_meta(folder: Path) -> dict:
    try:
        return json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_built(folder: Path, commit: str, address: str) -> bool:
    """True when `folder` holds the build of `commit` for the site's `address`."""
    meta = read_meta(folder)
    return (
        meta.get("commit") == commit
        and meta.get("baseurl") == address
        and all((folder / "site" / home / "index.html").is_file() for home in meta.get("homes", []))
        and bool(meta.get("homes"))
    )


def _pins(requirements: str) -> dict[str, str]:
    pins = {}
    for line in requirements.splitlines():
        line = line.split("#")[0].strip()
        name, sep, version = line.partition("==")
        if sep:
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def release_python(worktree: Path, cache: Path, log=print) -> str:
    """The Python to build a release with: this environment's when it holds every pin of the
    release's requirements.txt at its version (a release whose pins this environment only
    adds to), else a virtual environment of the release's pins, made once."""
    requirements = worktree / "requirements.txt"
    text = requirements.read_text(encoding="utf-8") if requirements.is_file() else ""
    if all(_installed(name) == version for name, version in _pins(text).items()):
        return sys.executable
    venv = cache / ".venvs" / hashlib.sha256(text.encode()).hexdigest()[:12]
    python = venv / "bin" / "python"
    if not (venv / ".installed").is_file():
        log(f"  its pinned packages differ from this environment's: installing them in {venv}")
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(requirements)], check=True)
        # Registers its entry points (the papermill engine); its code is the worktree's.
        subprocess.run([*pip, "--no-deps", "--no-build-isolation", str(worktree)], check=True)
        (venv / ".installed").touch()
    return str(python)


def _set_address(worktree: Path, address: str) -> None:
    """Write the release's archived address into its _config.yml, when it has the line."""
    config = worktree / "_config.yml"
    text = config.read_text(encoding="utf-8")
    if address and BASEURL_LINE.search(text):
        config.write_text(BASEURL_LINE.sub(rf"\g<1>{json.dumps(address)}", text), encoding="utf-8")


def _homes(build: Path) -> list[str]:
    """The editions a build published: `html` and `editions/<slug>/html`, as on the site."""
    found = [build / "html"] + sorted((build / "editions").glob("*/html"))
    return [p.relative_to(build).as_posix() for p in found if (p / "index.html").is_file()]


def _figures_of(worktree: Path, home: str) -> Path:
    """Where a release's build keeps an edition's figures (the reference's are in book/)."""
    if home == "html":
        return worktree / "book" / "figures"
    return worktree / "_build" / Path(home).parent / "source" / "book" / "figures"


def copy_build(build: Path, figures_of, folder: Path, meta: dict) -> list[str]:
    """Keep what a build published in `folder` (made whole beside it, then swapped in)."""
    homes = _homes(build)
    if not homes:
        raise ReleaseError(f"the build in {build} published no edition")
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    for home in homes:
        shutil.copytree((build / home).resolve(), staging / "site" / home)
        target = staging / "figures" / home
        target.mkdir(parents=True)
        for pattern in FIGURE_FILES:
            for file in sorted(Path(figures_of(home)).glob(pattern)):
                shutil.copy2(file, target / file.name)
    (staging / META).write_text(
        json.dumps({**meta, "homes": homes}, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return homes


def build_release(
    release: Release, root: Path = ROOT, cache: Path | None = None, log=print
) -> Path:
    """The folder holding `release`'s published editions, built from its commit unless
    already kept. The release being made (this working tree) is not built here: `make book`
    builds it."""
    cache = cache or cache_root(root=root)
    commit = resolve(release, root)
    if commit == WORKING_TREE:
        raise ReleaseError(f"release {release.version} is being made: `make book` builds it")
    folder = cache / release.version
    address = release_site_address(release.version, root)
    if is_built(folder, commit, address):
        return folder
    log(f"release {release.version}: building commit {commit[:12]} (its own `make book`)")
    worktree = cache / ".worktrees" / release.version
    _remove_worktree(root, worktree)
    worktree.parent.mkdir(parents=True, exist_ok=True)
    git(root, "worktree", "add", "--detach", str(worktree), commit)
    try:
        _set_address(worktree, address)
        python = release_python(worktree, cache, log)
        # The release's own code first on every process's path (this project is installed
        # in the environment as an editable package, which would come second).
        environment = {**os.environ, "PYTHONPATH": str(worktree)}
        command = ["make", "-C", str(worktree), "book", f"PY={python}", "-o", ".venv/.installed"]
        result = subprocess.run(command, env=environment, check=False)
        if result.returncode != 0:
            raise ReleaseError(
                f"release {release.version}: its `make book` failed (exit status "
                f"{result.returncode}); nothing was kept"
            )
        meta = {"version": release.version, "commit": commit, "baseurl": address}
        copy_build(worktree / "_build", lambda home: _figures_of(worktree, home), folder, meta)
    finally:
        _remove_worktree(root, worktree)
    log(f"release {release.version}: kept in {folder}")
    return folder


def _remove_worktree(root: Path, worktree: Path) -> None:
    if worktree.exists():
        git(root, "worktree", "remove", "--force", str(worktree), check=False)
        shutil.rmtree(worktree, ignore_errors=True)
    git(root, "worktree", "prune", check=False)


def build_releases(root: Path = ROOT, cache: Path | None = None, versions=(), log=print):
    """Build (or find kept) every release of the list, or those named; skip the one being
    made. Returns {version: folder}."""
    folders = {}
    for release in read_releases(root):
        if versions and release.version not in versions:
            continue
        if resolve(release, root) == WORKING_TREE:
            log(f"release {release.version} is being made: its build is `make book`'s")
            continue
        folders[release.version] = build_release(release, root, cache, log)
    missing = set(versions) - {r.version for r in read_releases(root)}
    if missing:
        raise ReleaseError(f"no release {', '.join(sorted(missing))} in the release list")
    return folders


# The line on archived pages ----------------------------------------------------------------

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
    for home in _homes(site):
        shutil.copytree(site / home, folder / "site" / home)
    return folder
