"""The book's releases: the committed list (`releases/releases.csv`), the commit of each,
and the files a release holds, read from git.

A release is a git tag `vX.Y.Z`. Tags may not travel with a clone (CI fetches commits, not
always tags), so the list says which commit each release is:

    version,date,commit
    1.0.0,2026-12-02,c405c48a7842390bdcca9b9856a09ab5b64db7bd
    1.1.0,2026-12-08,

An empty commit is the commit that added that row: the release commit itself, which
cannot hold its own hash. A row the checkout's HEAD does not have yet is the release being
made: this working tree. Where the tag exists it must be the same commit, or the list is
refused.

Standard library only: the Pages workflow lists the releases with the runner's Python,
`python3 -m analysis.edition.releases --matrix`, before any dependency is installed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.edition.steps import BuildError

ROOT = Path(__file__).resolve().parents[2]
RELEASES_FILE = Path("releases") / "releases.csv"
CITATION_FILE = Path("CITATION.cff")
COLUMNS = ["version", "date", "commit"]
VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
WORKING_TREE = ""  # the commit of the release being made: this checkout's files


class ReleaseError(BuildError):
    """The release list is wrong, or a release cannot be found; the message says why."""


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    commit: str  # as recorded: a full hash, or "" (the commit that added the row)

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def key(self) -> tuple[int, int, int]:
        return version_key(self.version)


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION.match(version)
    if not match:
        raise ReleaseError(f"{version!r} is not a version X.Y.Z")
    return tuple(int(part) for part in match.groups())


def parse_releases(text: str, name: str = str(RELEASES_FILE)) -> list[Release]:
    """The releases a list holds, oldest first; ReleaseError naming the line if it is wrong."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0]] != COLUMNS:
        raise ReleaseError(f"{name}: the first line must be {','.join(COLUMNS)}")
    releases: list[Release] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise ReleaseError(f"{name}, line {line}: expected {len(COLUMNS)} values")
        version, day, commit = (cell.strip() for cell in row)
        try:
            version_key(version)
            date = datetime.date.fromisoformat(day)
        except (ReleaseError, ValueError) as exc:
            raise ReleaseError(f"{name}, line {line}: {exc}") from None
        if commit and not COMMIT.match(commit):
            raise ReleaseError(f"{name}, line {line}: the commit must be 40 hex digits, or empty")
        release = Release(version, date, commit)
        if releases and release.key <= releases[-1].key:
            previous = releases[-1].version
            raise ReleaseError(f"{name}, line {line}: {version} does not follow {previous}")
        if releases and date < releases[-1].date:
            raise ReleaseError(f"{name}, line {line}: {day} is before the previous release's date")
        releases.append(release)
    return releases


def read_releases(root: Path = ROOT) -> list[Release]:
    path = root / RELEASES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_releases(text)


def _citation_value(text: str, key: str) -> str | None:
    match = re.search(rf"^{re.escape(key)}:[ \t]*[\"']?([^\"'\s#]+)", text, re.M)
    return match.group(1) if match else None


def prepared(root: Path = ROOT) -> Release | None:
    """The release CITATION.cff names when the list does not have it yet: the release this
    checkout is becoming (its version and date, this working tree's files); None when
    CITATION.cff names a listed release."""
    text = (root / CITATION_FILE).read_text(encoding="utf-8")
    version, day = _citation_value(text, "version"), _citation_value(text, "date-released")
    releases = read_releases(root)
    if version is None or version in {r.version for r in releases}:
        return None
    try:
        release = Release(version, datetime.date.fromisoformat(day or ""), WORKING_TREE)
        key = release.key
    except (ReleaseError, ValueError) as exc:
        raise ReleaseError(f"{CITATION_FILE}: version and date-released: {exc}") from None
    if releases and key <= releases[-1].key:
        raise ReleaseError(
            f"{CITATION_FILE} names version {version}, which is neither a release of "
            f"{RELEASES_FILE} nor after its last ({releases[-1].version})"
        )
    return release


def git(root: Path, *arguments: str, check: bool = True) -> str:
    """The output of a git command run in `root` ('' when it fails and `check` is false)."""
    result = subprocess.run(
        ["git", "-C", str(root), *arguments], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        if check:
            raise ReleaseError(f"git {' '.join(arguments)}: {result.stderr.strip()}")
        return ""
    return result.stdout


def show(root: Path, commit: str, path: str | Path) -> bytes | None:
    """A file as `commit` holds it (the working tree's for WORKING_TREE); None if absent."""
    if commit == WORKING_TREE:
        file = root / path
        return file.read_bytes() if file.is_file() else None
    result = subprocess.run(
        ["git", "-C", str(root), "show", f"{commit}:{Path(path).as_posix()}"],
        capture_output=True,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def list_files(root: Path, commit: str, folder: str) -> list[str]:
    """The names of the files directly in `folder` at `commit` (or in the working tree)."""
    if commit == WORKING_TREE:
        where = root / folder
        return sorted(p.name for p in where.iterdir() if p.is_file()) if where.is_dir() else []
    out = git(root, "ls-tree", "--name-only", f"{commit}:{folder}", check=False)
    return sorted(line for line in out.splitlines() if line)


def _tag_commit(root: Path, tag: str) -> str | None:
    out = git(root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}^{{commit}}", check=False)
    return out.strip() or None


def _adding_commit(root: Path, release: Release) -> str | None:
    """The commit that added `release`'s row to the list, or None when HEAD lacks the row."""
    committed = show(root, "HEAD", RELEASES_FILE)
    if committed is None or release.version not in {
        r.version for r in parse_releases(committed.decode("utf-8"))
    }:
        return None
    if git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise ReleaseError(
            f"release {release.version}: its commit is found in the history, and this clone "
            "is shallow (run git fetch --unshallow)"
        )
    pattern = "^" + re.escape(release.version) + ","
    out = git(root, "log", "--format=%H", "--reverse", "-G", pattern, "--", str(RELEASES_FILE))
    commits = out.split()
    if not commits:
        raise ReleaseError(f"release {release.version}: no commit added its row")
    return commits[0]


def resolve(release: Release, root: Path = ROOT) -> str:
    """The commit of a release: its tag's, else the recorded one, else the commit that added
    its row; WORKING_TREE for the release being made (a row HEAD does not have yet)."""
    tagged = _tag_commit(root, release.tag)
    recorded = release.commit or _adding_commit(root, release)
    if recorded is None:
        if tagged:
            raise ReleaseError(f"{release.tag} is tagged but {RELEASES_FILE} at HEAD lacks it")
        return WORKING_TREE
    if git(root, "cat-file", "-t", recorded, check=False).strip() != "commit":
        raise ReleaseError(f"release {release.version}: commit {recorded} is not in this clone")
    if tagged and tagged != recorded:
        raise ReleaseError(
            f"release {release.version}: the tag {release.tag} is commit {tagged}, and "
            f"{RELEASES_FILE} says {recorded}"
        )
    return recorded


def matrix(root: Path = ROOT) -> list[dict[str, str]]:
    """The releases as the Pages workflow's matrix: version and commit of each."""
    return [
        {"version": r.version, "commit": resolve(r, root) or "HEAD"} for r in read_releases(root)
    ]


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    try:
        if arguments == ["--matrix"]:
            print(f"matrix={json.dumps(matrix(), separators=(',', ':'))}")
            return 0
        for release in read_releases():
            commit = resolve(release) or "(this working tree: the release being made)"
            print(f"{release.version}\t{release.date.isoformat()}\t{commit}")
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
