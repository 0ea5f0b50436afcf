"""The built book, reference and Spanish editions: self-contained, complete, readable, current."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.contract.parameters import Edition
from analysis.edition.notebooks import is_current, notebook_digest, templates
from tests.conftest import ROOT, each

HTML = ROOT / "_build" / "html"
SPANISH = ROOT / "_build" / "editions" / "lang-es" / "html"
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
LINK_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction"}
# Links to the report's page and licences are allowed to leave the book; nothing is loaded.
ALLOWED_LINKS = ("https://www.cicad.oas.org/", "https://creativecommons.org/")


class _Page(HTMLParser):
    """What the tests read of a page: links, headings, table cells, the html lang."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.lang = None
        self.headings: list[str] = []
        self.empty_th = 0
        self.th_without_scope = 0
        self.tables = 0
        self.captions = 0
        self._heading = None
        self._th = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for name in LINK_ATTRIBUTES & set(attrs):
            if attrs[name]:
                self.links += [
                    (tag, part.split()[0]) for part in attrs[name].split(",") if part.strip()
                ]
        if tag in ("h1", "h2"):
            self._heading = ""
        if tag == "th":
            self._th = ""
            self.th_without_scope += "scope" not in attrs
        if tag == "table" and "gt_table" in attrs.get("class", ""):
            self.tables += 1
        if tag == "caption":
            self.captions += 1

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data
        if self._th is not None:
            self._th += data

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append(" ".join(self._heading.split()).rstrip("#").strip())
            self._heading = None
        if tag == "th" and self._th is not None:
            self.empty_th += not self._th.strip()
            self._th = None


def _pages(root: Path = HTML) -> list[Path]:
    if not (root / "index.html").is_file():
        pytest.fail(f"no built book in {root}: run `make book` first")
    return sorted(page for page in root.rglob("*.html") if "_static" not in page.parts)


def _read(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("root", [HTML, SPANISH], ids=["reference", "spanish"])
def test_built_pages_load_nothing_from_another_host(root):
    offenders = []
    for page in _pages(root):
        for tag, link in _read(page).links:
            if EXTERNAL.match(link) and not (tag == "a" and link.startswith(ALLOWED_LINKS)):
                offenders.append(f"{page.relative_to(root)}: <{tag}> {link}")
    assert not offenders, "\n".join(offenders)


def test_stylesheets_import_nothing_from_another_host():
    pattern = re.compile(r"(?:@import|url\()\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)
    offenders = [str(css) for css in HTML.rglob("*.css") if pattern.search(css.read_text("utf-8"))]
    assert not offenders


@pytest.mark.parametrize(("root", "lang"), [(HTML, "en"), (SPANISH, "es")], ids=["en", "es"])
def test_every_page_says_its_language(root, lang):
    assert {_read(page).lang for page in _pages(root)} == {lang}


@pytest.mark.parametrize("root", [HTML, SPANISH], ids=["reference", "spanish"])
def test_tables_have_no_empty_header_cells_and_name_their_scope(root):
    problems = []
    for page in _pages(root):
        parsed = _read(page)
        if parsed.empty_th or parsed.th_without_scope or parsed.captions < parsed.tables:
            problems.append(
                f"{page.name}: {parsed.empty_th} empty <th>, "
                f"{parsed.th_without_scope} without scope, "
                f"{parsed.tables - parsed.captions} tables without caption"
            )
    assert not problems, "\n".join(problems)


def test_front_page_has_the_headline_findings_a_figure_and_the_report():
    page = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    parsed = _read(HTML / "book" / "intro.html")
    assert parsed.headings[0] == "MEM Peru 2023: the evaluation report as data"
    assert ">MEM Peru 2023: the evaluation report as data<" in page  # the sidebar title
    assert 'id="fig-headline-statuses"' in page
    assert 'href="https://www.cicad.oas.org/' in page
    assert "mem-peru-2023-data.zip" in page
    findings = re.findall(r'<span class="pasted-text">([^<]*)</span>', page)
    assert any("US$94.6 million" in text for text in findings)
    assert any("33 as met" in text for text in findings)  # hand count: tests/unit/test_coverage.py


def test_budget_chapter_has_its_table_chart_and_prose():
    page = (HTML / "book" / "devida-budget.html").read_text(encoding="utf-8")
    assert "$94,604,221.75" in page  # the table, as printed
    assert 'id="fig-devida-budget"' in page and "<img" in page
    assert ">US$94.6 million<" in page  # glued prose
    assert "{glue" not in page


@pytest.mark.parametrize("root", [HTML, SPANISH], ids=["reference", "spanish"])
def test_footer_states_the_licences(root):
    page = (root / "book" / "intro.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page and "MIT" in page
    assert "© 2026." in page
    assert "Copyright" not in page  # the theme's English word, which had no Spanish


def test_reference_and_spanish_editions_link_each_other():
    english = (HTML / "book" / "opd-funding.html").read_text(encoding="utf-8")
    spanish = (SPANISH / "book" / "opd-funding.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../editions/lang-es/html/book/opd-funding.html" class="mem-switch" '
        'lang="es" hreflang="es">Español</a>'
    ) in english
    assert (
        '<a href="../../../../html/book/opd-funding.html" class="mem-switch" lang="en" '
        'hreflang="en">English</a>'
    ) in spanish
    # Links resolve as a browser does: by the path, not through the symbolic link.
    target = os.path.normpath(HTML / "book" / "../../editions/lang-es/html/book/opd-funding.html")
    assert Path(target).is_file()


def test_spanish_edition_reads_as_spanish():
    english = {page.name: _read(page).headings for page in _pages(HTML)}
    for page in _pages(SPANISH):
        text = page.read_text(encoding="utf-8")
        for english_words in (
            "Show code cell",
            ">Download<",
            "How to cite",
            "The money",
            "What the evaluation finds",
            "Search this book",
        ):
            assert english_words not in text, (page.name, english_words)
        headings = _read(page).headings
        if page.name in english and page.name not in ("genindex.html", "search.html", "index.html"):
            assert headings and headings[0] != english[page.name][0], page.name
    numbers = re.findall(
        r'<span class="pasted-text">([^<]*)</span>',
        (SPANISH / "book" / "devida-budget.html").read_text(encoding="utf-8"),
    )
    assert "US$94.6 millones" in numbers  # as written in Peru (es_PE)


@pytest.mark.parametrize("template", templates(), ids=lambda path: path.name)
def test_committed_notebooks_were_made_from_current_inputs(template):
    executed = ROOT / "book" / template.name
    assert is_current(executed, notebook_digest(Edition(), template)), (
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
    return {
        Path(link).name: (page.parent / link).resolve()
        for _, link in _read(page).links
        if "_downloads/" in link
    }


def test_data_appendix_offers_every_resource_and_the_package():
    from analysis.contract.load import contract
    from analysis.contract.package import PACKAGE_ZIP

    links = _download_targets(HTML / "book" / "data.html")
    wanted = [r["path"] for r in contract()["resources"]] + ["datapackage.json", PACKAGE_ZIP]
    missing = [name for name in wanted if name not in links]
    assert not missing
    for name in wanted[:-1]:
        assert links[name].read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_data_appendix_shows_the_reconciliation_and_sentences():
    page = (HTML / "book" / "data.html").read_text(encoding="utf-8")
    assert "US$988,903.39" in page  # 2021 rows summed by hand; printed total 988,903.40
    assert "\u2212US$0.01" in page
    assert "07/31/20223" in page  # the transcription notes
    assert "priority action All" not in page and "priority action Evaluative" not in page
    assert "Register of the report’s 52 priority actions (this book’s coding)" in page


def test_data_appendix_counts_add_up():
    from analysis.contract.load import contract

    page = (HTML / "book" / "data.html").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r'class="pasted-text">(\d+)</span>', page)[:5]]
    assert counts[0] == len(contract()["resources"]) == sum(counts[1:])


def test_the_spanish_edition_has_no_english_chrome():
    from analysis.edition.sphinxext import chrome_words

    for page in each((SPANISH / "book").glob("*.html"), "Spanish page"):
        text = page.read_text(encoding="utf-8")
        for words in chrome_words("es"):
            assert f'"{words}"' not in text, f"{page.name}: {words}"


def test_the_spanish_edition_uses_spanish_pillar_codes():
    english = re.compile(r">[^<]*\b(?:IS|RIME|IC)[ -]\d[^<]*<")
    for page in each((SPANISH / "book").glob("*.html"), "Spanish page"):
        found = english.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name}: {found[:3]}"


class _Prose(HTMLParser):
    """A page's running text: the paragraphs and list items of its article, outside tables,
    figures and code."""

    SKIPPED = {"table", "figure", "figcaption", "pre", "code", "script", "style", "nav"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._article = 0
        self._skip = 0
        self._stack: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        classes = (dict(attrs).get("class") or "").split()
        self._stack.append(tag)
        self._article += tag == "article" or "bd-article" in classes
        self._skip += tag in self.SKIPPED or "cell_input" in classes
        if tag in ("p", "li") and self._article and not self._skip:
            self._text = []

    def handle_endtag(self, tag):
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in ("p", "li") and self._text is not None:
                self.paragraphs.append(" ".join("".join(self._text).split()))
                self._text = None
            self._skip -= open_tag in self.SKIPPED
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._text is not None and not self._skip:
            self._text.append(data)


@pytest.mark.parametrize(("root", "lang"), [(HTML, "en"), (SPANISH, "es")], ids=["en", "es"])
def test_every_status_in_a_page_s_running_text_is_said_to_be_a_coding(root, lang):
    # The evaluation chapters and the front page, as built: a status stated in a sentence
    # of their prose is said, in that sentence, to be a coding (this book's or a reader's).
    from tests.unit.test_claims import uncoded_statuses

    problems = []
    for name in (
        "intro",
        "priority-actions",
        "coverage-gaps",
        "institutional-strengthening",
        "research-information",
        "international-cooperation",
    ):
        parser = _Prose()
        parser.feed((root / "book" / f"{name}.html").read_text(encoding="utf-8"))
        assert parser.paragraphs, name
        texts = {f"{name} ¶{i}": text for i, text in enumerate(parser.paragraphs)}
        problems += uncoded_statuses(texts, lang)
    assert not problems, "\n".join(problems)
