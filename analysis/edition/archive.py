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

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from analysis.edition.printing import short_base
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


def release_homes(build: Path) -> list[str]:
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
    homes = release_homes(build)
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
    # The worktree goes where its path is short and plain, whatever the project's path: a
    # release's own Makefile and print step may not survive spaces, parentheses or a long
    # path (1.0.0's do not).
    worktree = Path(tempfile.mkdtemp(prefix=f"mem-release-{release.version}-", dir=short_base()))
    git(root, "worktree", "add", "--detach", "--force", str(worktree), commit)
    try:
        _set_address(worktree, address)
        python = Path(release_python(worktree, cache, log))
        # The release's own code first on every process's path (this project is installed
        # in the environment as an editable package, which would come second). Its Makefile
        # runs `$(PY)` unquoted: the Python is named by its file name, found on PATH.
        environment = {
            **os.environ,
            "PYTHONPATH": str(worktree),
            "PATH": os.pathsep.join([str(python.parent), os.environ.get("PATH", "")]),
        }
        command = ["make", "-C", str(worktree), "book", f"PY={python.name}"]
        command += ["-o", ".venv/.installed"]
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
