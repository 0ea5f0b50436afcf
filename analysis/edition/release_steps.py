"""Making a release: `python -m analysis release X.Y.Z` writes what the release commit holds.

It refuses a version that does not follow the last release, or one without its section in
CHANGELOG.md; it sets CITATION.cff's `version`, `date-released` and, once the site's address
is known, `url` (the release's archived address); it computes the record of what changed
(`releases/changes.json`) and refuses a version that changes only its last part when the
release moves a published number or status; then it adds the release to
`releases/releases.csv` with an empty commit (the commit that adds the row is the release).
What is left to do (build, commit, tag) it prints.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from analysis.edition.releases import (
    CITATION_FILE,
    RELEASES_FILE,
    ROOT,
    ReleaseError,
    read_releases,
    version_key,
)

CHANGELOG = Path("CHANGELOG.md")


def changelog_versions(text: str) -> list[str]:
    """The versions CHANGELOG.md has a section for ('## 1.1.0 (2026-12-08)'), in its order."""
    return re.findall(r"^## \[?(\d+\.\d+\.\d+)\]?", text, re.M)


def set_citation(text: str, version: str, day: datetime.date, url: str | None) -> str:
    """CITATION.cff with its version, date and (when given) url set; nothing else touched."""
    text = re.sub(r"^version:.*$", f'version: "{version}"', text, count=1, flags=re.M)
    text = re.sub(
        r"^date-released:.*$", f'date-released: "{day.isoformat()}"', text, count=1, flags=re.M
    )
    if url:
        if re.search(r"^url:", text, re.M):
            text = re.sub(r"^url:.*$", f'url: "{url}"', text, count=1, flags=re.M)
        else:
            text = re.sub(r"^(date-released:.*)$", rf'\1\nurl: "{url}"', text, count=1, flags=re.M)
    return text


def site_of(citation: str, address: str) -> str:
    """The site's address: `html.baseurl` when set, else the one CITATION.cff's url names
    (…/v/X.Y.Z/ of the previous release), else ''."""
    if address:
        return address
    match = re.search(r'^url:\s*"?(\S+?)v/\d+\.\d+\.\d+/"?\s*$', citation, re.M)
    return match.group(1) if match else ""


def make_release(
    version: str,
    day: datetime.date,
    root: Path = ROOT,
    site: str = "",
    build: Path | None = None,
    log=print,
) -> None:
    """Write the release commit's files for `version` (see the module's docstring)."""
    from analysis.compute.changes import bump_allowed, moves_numbers
    from analysis.edition.archive import build_releases, site_address
    from analysis.edition.changes import dumps, record

    version_key(version)
    releases = read_releases(root)
    if releases and version_key(version) <= releases[-1].key:
        raise ReleaseError(f"{version} does not follow the last release, {releases[-1].version}")
    if releases and day < releases[-1].date:
        raise ReleaseError(f"{day} is before the last release's date, {releases[-1].date}")
    if version not in changelog_versions((root / CHANGELOG).read_text(encoding="utf-8")):
        raise ReleaseError(f"{CHANGELOG} has no section '## {version}': write what it changes")
    citation_path = root / CITATION_FILE
    before = citation_path.read_text(encoding="utf-8")
    base = site_of(before, site or site_address(root))
    url = f"{base.rstrip('/')}/v/{version}/" if base else None
    build_releases(root, log=log)  # the earlier releases' builds, for their figures
    citation_path.write_text(set_citation(before, version, day, url), encoding="utf-8")
    try:
        made = record(root, build)
        latest = made["changes"][0] if made["changes"] else None
        if latest and not bump_allowed(latest["from"], version, moves_numbers(latest)):
            raise ReleaseError(
                f"release {version} moves published numbers or statuses since "
                f"{latest['from']}: its version must change at least its middle part"
            )
    except BaseException:
        citation_path.write_text(before, encoding="utf-8")
        raise
    from analysis.compute.changes import RECORD

    (root / RECORD.relative_to(ROOT)).write_text(dumps(made), encoding="utf-8")
    listed = (root / RELEASES_FILE).read_text(encoding="utf-8")
    (root / RELEASES_FILE).write_text(
        listed.rstrip("\n") + f"\n{version},{day.isoformat()},\n", encoding="utf-8"
    )
    unknown = "" if url else " (no url: the site's address is unknown)"
    written = f"{CITATION_FILE}, {RELEASES_FILE}, {RECORD.relative_to(ROOT)}"
    log(f"release {version} of {day.isoformat()} written: {written}{unknown}")
    log("now: make book && make test, then")
    log(
        f"  commit everything as 'Release {version}', then: git tag -a v{version} -m "
        f"'Release {version}' && git push --follow-tags"
    )
