"""The built reference edition: self-contained, complete, made from current inputs."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.edition.build import inputs_digest, is_current, templates
from analysis.edition.parameters import Edition
from tests.conftest import ROOT

HTML = ROOT / "_build" / "html"
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
LINK_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value:
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())


def _pages() -> list[Path]:
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first")
    return sorted(HTML.rglob("*.html"))


def test_built_pages_load_nothing_from_another_host():
    offenders = []
    for page in _pages():
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [
            f"{page.relative_to(HTML)}: {link}" for link in parser.links if EXTERNAL.match(link)
        ]
    assert not offenders, "\n".join(offenders)


def test_stylesheets_import_nothing_from_another_host():
    pattern = re.compile(r"(?:@import|url\()\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)
    offenders = [str(css) for css in HTML.rglob("*.css") if pattern.search(css.read_text("utf-8"))]
    assert not offenders


def test_budget_chapter_has_its_table_chart_and_prose():
    page = (HTML / "book" / "devida-budget.html").read_text(encoding="utf-8")
    assert "$94,604,221.75" in page  # the table, as printed
    assert 'id="fig-devida-budget"' in page and "<img" in page
    assert ">US$94.6 million<" in page  # glued prose
    assert "{glue" not in page


def test_footer_copyright_is_this_project_s():
    assert "Copyright 2026" in (HTML / "book" / "intro.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("template", templates(), ids=lambda path: path.name)
def test_committed_notebooks_were_made_from_current_inputs(template):
    executed = ROOT / "book" / template.name
    assert is_current(executed, inputs_digest(Edition(), template)), (
        f"{executed.relative_to(ROOT)} is stale: run `make book` and commit it"
    )


def test_templates_are_stored_without_outputs():
    import nbformat

    for template in templates():
        for cell in nbformat.read(template, as_version=4).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, template.name


def _download_targets(page: Path) -> dict[str, Path]:
    """Download links of a page: file name -> the file the link points to."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return {
        Path(link).name: (page.parent / link).resolve()
        for link in parser.links
        if "_downloads/" in link
    }


def test_data_appendix_offers_every_resource_and_the_package():
    from analysis.chapters.data_appendix import PACKAGE_ZIP, resources

    _pages()
    links = _download_targets(HTML / "book" / "data.html")
    wanted = [r["path"] for r in resources()] + ["datapackage.json", PACKAGE_ZIP]
    missing = [name for name in wanted if name not in links]
    assert not missing
    for name in wanted:
        assert links[name].is_file(), name
    for name in wanted[:-1]:
        assert links[name].read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_data_appendix_shows_the_reconciliation():
    page = (HTML / "book" / "data.html").read_text(encoding="utf-8")
    assert "US$988,903.39" in page  # 2021 rows summed by hand; printed total 988,903.40
    assert "\u2212US$0.01" in page
    assert "07/31/20223" in page  # the transcription notes


def test_data_appendix_counts_add_up():
    from analysis.contract.load import contract

    page = (HTML / "book" / "data.html").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r'class="pasted-text">(\d+)</span>', page)[:5]]
    assert counts[0] == len(contract()["resources"]) == sum(counts[1:])
