"""The archive of releases: a release built once from its own commit in a git worktree and
kept; its pages under v/<version>/ with their release line, in their language, linking the
same page of the latest book; and, once `make site` has built them, the real archive.
"""

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.edition import archive, archive_pages
from analysis.edition.releases import ReleaseError, read_releases
from tests.conftest import ROOT
from tests.release_repo import commit, git, new_repo

BUILD_SCRIPT = """import os, pathlib, sys
out = pathlib.Path("_build")
log = pathlib.Path(os.environ["ARCHIVE_TEST_LOG"])
with log.open("a") as handle:
    handle.write(f"{sys.executable}|{os.environ.get('PYTHONPATH', '')}|{os.getcwd()}\\n")
if pathlib.Path("fail").exists():
    sys.exit(1)
for home, lang in (("html", "en"), ("editions/lang-es/html", "es")):
    page = out / home / "book" / "a.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<html lang="{lang}"><head></head><body><p id="x">{lang}</p></body></html>')
    (out / home / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=a">')
    (out / home / "config.txt").write_text(pathlib.Path("_config.yml").read_text())
    figures = pathlib.Path("book/figures")
    if home != "html":
        figures = out / "editions/lang-es/source/book/figures"
    figures.mkdir(parents=True, exist_ok=True)
    (figures / "fig-a.csv").write_text(f"item,value\\n{lang},1\\n")
    (figures / "fig-a.json").write_text("{}")
    (figures / "fig-a.png").write_text("not kept")
"""
MAKEFILE = """PY ?= python3
book: .venv/.installed
\t$(PY) build.py
.venv/.installed: requirements.txt
\techo installing; exit 3
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project whose `make book` writes two editions, with release 1.0.0 listed."""
    # Where users keep projects: a release's own Makefile runs `$(PY) build.py` unquoted.
    repo = new_repo(tmp_path / "Documentos de trabajo (copia) – evaluación" / "repo")
    first = commit(
        repo,
        {
            "Makefile": MAKEFILE,
            "build.py": BUILD_SCRIPT,
            "requirements.txt": "",
            "_config.yml": 'html:\n  baseurl: ""\n',
            "CITATION.cff": 'version: "1.0.0"\ndate-released: "2026-12-02"\n',
        },
        "first",
    )
    commit(
        repo, {"releases/releases.csv": f"version,date,commit\n1.0.0,2026-12-02,{first}\n"}, "list"
    )
    log = tmp_path / "builds.log"
    monkeypatch.setenv("ARCHIVE_TEST_LOG", str(log))
    return repo, log, repo / "_build" / "releases"  # as cache_root places it


def _quiet(*_):
    pass


def test_a_release_is_built_from_its_commit_once_and_kept(project):
    repo, log, cache = project
    release = read_releases(repo)[0]
    folder = archive.build_release(release, repo, cache, _quiet)
    assert folder == cache / "1.0.0"
    assert archive.read_meta(folder)["homes"] == ["html", "editions/lang-es/html"]
    assert (folder / "site" / "html" / "book" / "a.html").is_file()
    assert sorted(p.name for p in (folder / "figures" / "editions/lang-es/html").iterdir()) == [
        "fig-a.csv",
        "fig-a.json",
    ]
    python, path, cwd = log.read_text().splitlines()[0].split("|")
    assert python == sys.executable  # this environment: the release pins nothing else
    assert path == cwd  # its own code first
    # built where the path is short and plain, and removed afterwards
    assert " " not in cwd and "(" not in cwd and len(cwd) < 80 and "1.0.0" in cwd
    assert not Path(cwd).exists()
    assert git(repo, "worktree", "list").count("\n") == 0  # the worktree is gone
    archive.build_release(release, repo, cache, _quiet)
    assert len(log.read_text().splitlines()) == 1  # kept: not built again


def test_a_new_site_address_builds_the_release_again_with_its_archived_address(project):
    repo, log, cache = project
    release = read_releases(repo)[0]
    archive.build_release(release, repo, cache, _quiet)
    (repo / "_config.yml").write_text('html:\n  baseurl: "https://example.org/book/"\n')
    folder = archive.build_release(release, repo, cache, _quiet)
    assert len(log.read_text().splitlines()) == 2
    config = (folder / "site" / "html" / "config.txt").read_text()
    assert 'baseurl: "https://example.org/book/v/1.0.0/"' in config
    assert archive.read_meta(folder)["baseurl"] == "https://example.org/book/v/1.0.0/"


def test_a_python_whose_path_has_spaces_and_parentheses_builds_the_release(
    project, tmp_path, monkeypatch
):
    repo, log, cache = project
    python = tmp_path / "mi entorno (copia)" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.symlink_to(sys.executable)
    monkeypatch.setattr(archive, "release_python", lambda *_: str(python))
    archive.build_release(read_releases(repo)[0], repo, cache, _quiet)
    assert log.read_text().splitlines()[0].split("|")[0] == str(python)


def test_a_failed_build_keeps_nothing_and_leaves_no_worktree(project):
    repo, log, cache = project
    broken = commit(repo, {"fail": ""}, "broken")
    (repo / "releases" / "releases.csv").write_text(
        f"version,date,commit\n1.0.0,2026-12-02,{broken}\n"
    )
    with pytest.raises(ReleaseError, match=r"release 1\.0\.0: its `make book` failed"):
        archive.build_release(read_releases(repo)[0], repo, cache, _quiet)
    assert not (cache / "1.0.0").exists()
    assert not Path(log.read_text().splitlines()[0].split("|")[2]).exists()


def test_requirements_that_this_environment_holds_reuse_it(tmp_path):
    from importlib import metadata

    (tmp_path / "requirements.txt").write_text(
        f"# pinned\npandas=={metadata.version('pandas')}\nPyYAML=={metadata.version('pyyaml')}\n"
    )
    assert archive.release_python(tmp_path, tmp_path / "cache", _quiet) == sys.executable


# The release line ---------------------------------------------------------------------------

LATEST = (
    '<html lang="{lang}"><head><title>t</title></head>'
    '<body>{skip}<h1 id="x">now</h1><p id="y"></p></body></html>'
)
SKIP = '<div id="pst-skip-link" class="skip-link"><a href="#main-content">Skip</a></div>'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    """The latest book at a site's root, release 1.0.0 kept, and its list in a project."""
    repo = new_repo(tmp_path / "repo")
    first = commit(repo, {"a.txt": "a\n"}, "first")
    _write(repo / "releases" / "releases.csv", f"version,date,commit\n1.0.0,2026-12-02,{first}\n")
    _write(repo / "_config.yml", 'html:\n  baseurl: ""\n')
    out = tmp_path / "site"
    for home, lang in (("html", "en"), ("editions/lang-es/html", "es")):
        _write(
            out / home / "index.html", '<meta http-equiv="Refresh" content="0; url=book/a.html">'
        )
        _write(out / home / "book" / "a.html", LATEST.format(lang=lang, skip=SKIP))
    _write(out / "html" / "book" / "a&b.html", LATEST.format(lang="en", skip=""))
    kept = tmp_path / "cache" / "1.0.0"
    old = (
        '<html lang="{lang}"><head></head>'
        '<body>{skip}<h1 id="x">then</h1><p id="z"></p></body></html>'
    )
    for home, lang in (("html", "en"), ("editions/lang-es/html", "es")):
        _write(
            kept / "site" / home / "index.html",
            '<meta http-equiv="Refresh" content="0; url=book/a.html">',
        )
        _write(kept / "site" / home / "book" / "a.html", old.format(lang=lang, skip=SKIP))
    _write(kept / "site" / "html" / "book" / "gone.html", old.format(lang="en", skip=""))
    _write(kept / "site" / "html" / "book" / "a&b.html", old.format(lang="en", skip=""))
    _write(kept / "site" / "html" / "_static" / "x.html", "<html><body>static</body></html>")
    meta = {
        "version": "1.0.0",
        "commit": first,
        "baseurl": "",
        "homes": ["html", "editions/lang-es/html"],
    }
    _write(kept / "release.json", __import__("json").dumps(meta))
    pages = archive_pages.add_archive(out, "The book", root=repo, cache=tmp_path / "cache")
    return out, pages


class _Line(HTMLParser):
    def __init__(self):
        super().__init__()
        self.asides, self.links, self._in = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "aside" and attrs.get("class") == "mem-release":
            self._in = True
            self.asides.append([attrs.get("aria-label"), ""])
        if self._in and tag == "a":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "aside":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.asides[-1][1] += data


def _line(page: Path) -> tuple[list, list]:
    parser = _Line()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.asides, parser.links


def test_each_archived_page_says_its_release_in_its_language(site):
    out, pages = site
    archived = out / "v" / "1.0.0"
    assert sorted(p.relative_to(archived).as_posix() for p in pages) == [
        "editions/lang-es/html/book/a.html",
        "html/book/a&b.html",
        "html/book/a.html",
        "html/book/gone.html",
    ]
    asides, _ = _line(archived / "html" / "book" / "a.html")
    assert asides == [
        [
            "Release",
            "This is release 1.0.0 of 2 December 2026, kept at this address as it was "
            "published. See this page in the latest release",
        ]
    ]
    asides, _ = _line(archived / "editions/lang-es/html/book/a.html")
    assert asides == [
        [
            "Versión",
            "Esta es la versión 1.0.0 del 2 de diciembre de 2026, conservada en esta dirección "
            "tal como se publicó. Ver esta página en la última versión",
        ]
    ]


def test_each_link_resolves_to_the_same_page_or_the_latest_front_page(site):
    out, pages = site
    targets = {}
    for page in pages:
        _, links = _line(page)
        (link,) = links
        target = (page.parent / link["href"]).resolve()
        assert target.is_file(), f"{page}: {link['href']} does not resolve"
        targets[page.relative_to(out / "v" / "1.0.0").as_posix()] = target.relative_to(out)
    assert targets == {
        "html/book/a.html": Path("html/book/a.html"),
        "html/book/a&b.html": Path("html/book/a&b.html"),
        "html/book/gone.html": Path("html/index.html"),
        "editions/lang-es/html/book/a.html": Path("editions/lang-es/html/book/a.html"),
    }
    _, links = _line(out / "v/1.0.0/html/book/a.html")
    # The sections both pages have: the reader's place there is kept.
    assert links[0]["data-anchors"].split() == ["x"]
    asides, _ = _line(out / "v/1.0.0/html/book/gone.html")
    assert asides[0][1].endswith("See the latest release")


def test_what_the_line_writes_is_escaped(site):
    out, _ = site
    text = (out / "v/1.0.0/html/book/a&b.html").read_text()
    assert 'href="../../../../html/book/a&amp;b.html"' in text
    line = archive_pages.Line(
        "1.0.0", __import__("datetime").date(2026, 12, 2), '"><script>x()</script>', True, ('"<b>',)
    )
    shown = archive_pages.line_html(line, "en")
    assert "<script>" not in shown and "<b>" not in shown


def test_the_line_stands_after_the_skip_link_once_and_pages_without_a_body_are_left(site):
    out, _ = site
    text = (out / "v/1.0.0/html/book/a.html").read_text()
    assert text.index("pst-skip-link") < text.index('class="mem-release"') < text.index("then")
    assert text.count('class="mem-release"') == 1 and text.count(".mem-release{") == 1
    assert archive_pages.with_line(text, archive_pages.Line("1.0.0", None, "x", True)) == text
    redirect = (out / "v/1.0.0/html/index.html").read_text()
    assert "mem-release" not in redirect
    assert "mem-release" not in (out / "v/1.0.0/html/_static/x.html").read_text()


def test_the_releases_page_lists_each_release(site):
    out, _ = site
    text = (out / "v" / "index.html").read_text()
    assert '<a href="1.0.0/html/index.html">1.0.0</a> (2026-12-02)' in text
    assert '<a href="../index.html">' in text


def test_a_release_without_its_kept_build_is_refused(tmp_path):
    repo = new_repo(tmp_path / "repo")
    first = commit(repo, {"_config.yml": 'html:\n  baseurl: ""\n'}, "first")
    _write(repo / "releases" / "releases.csv", f"version,date,commit\n1.0.0,2026-12-02,{first}\n")
    with pytest.raises(
        ReleaseError, match=r"release 1\.0\.0 has no kept build .* `python -m analysis archive`"
    ):
        archive_pages.add_archive(tmp_path / "site", "t", root=repo, cache=tmp_path / "cache")


# The real archive, once `make site` has built it ------------------------------------------------


@pytest.mark.build
def test_the_real_archive_gives_every_page_its_line_and_a_link_that_resolves(tmp_path):
    releases = read_releases()
    kept = [archive.cache_root() / r.version for r in releases]
    if not all((folder / archive.META).is_file() for folder in kept):
        pytest.skip("the releases are not built: make site (or python -m analysis archive)")
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "assemble_site.py"), "--out", str(out), "--releases"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for release in releases:
        pages = [
            p
            for p in (out / "v" / release.version).rglob("*.html")
            if not any(part.startswith("_") for part in p.parts) and "<body" in p.read_text()
        ]
        assert pages
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert text.count('class="mem-release"') == 1, page
            assert (
                f"release {release.version} of" in text or f"versión {release.version} del" in text
            )
            href = html.unescape(
                re.search(r'class="mem-release__latest" href="([^"]+)"', text).group(1)
            )
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"
