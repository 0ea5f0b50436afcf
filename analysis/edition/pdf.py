"""Each edition as a PDF, and its one-page brief, printed by Debian's Chromium.

The book is built once more as a single HTML page (Sphinx's `singlehtml`, reusing the HTML
build's doctrees), which Chromium opens from disk, offline, and prints to A4 through
Playwright's `page.pdf` (Playwright never downloads a browser here). Before printing, the
page is made a printed book: a title page with the edition's parameters, a table of
contents, each chapter on a new page, the site's navigation left out, figures whole (the
wide layout, scaled to the page when tall), tables breaking between rows. Chromium adds
running headers and page numbers, turns internal links into links within the PDF and
keeps the text as text. The contents' page numbers come from a first print: its named
destinations say on which page each heading fell.

The brief is one A4 page of its own: the headline findings, the headline figure, the
coding caveat and the citation. Both are printed into a folder of the print job's own;
the build moves them beside the edition's HTML only once both are whole (printing.py).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from analysis.edition.layout import BRIEF_NAME, pdf_name
from analysis.edition.print_pages import brief_page, edition_heading, title_page

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # the page loads files only
]
# Playwright's default of 30 s per step is too short for a 100-page book on a busy
# 2-core machine; the print job as a whole has its own limit (build.PRINT_TIMEOUT).
PAGE_TIMEOUT_MS = 300_000
MARGINS = {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}


class PdfError(RuntimeError):
    """The PDF step failed; the message says which step and why."""


PRINT_CSS = """
@page { size: A4; }
html, body { background: white !important; color: black !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.bd-footer-content, .bd-header-article, .prev-next-area, .bd-header-announcement,
.headerlink, .toggle-button, .mem-pdf-link, #pst-skip-link, .search-button-field,
.mem-thumbnail, .cell_input, details.hide, .bd-search, dialog, .copybtn, .mem-no-print
  { display: none !important; }
.bd-page-width, .bd-container, .bd-container__inner, .bd-main, .bd-content,
.bd-article-container, .bd-article { max-width: none !important; width: 100% !important;
  padding: 0 !important; margin: 0 !important; display: block !important; }
body { font-size: 10.5pt; }
h1, h2, h3 { break-after: avoid; }
figure, picture, img { break-inside: avoid; }
img { max-width: 100% !important; max-height: 225mm; width: auto !important;
  height: auto !important; object-fit: contain; }
table { break-inside: auto; }
tr, th, td { break-inside: avoid; }
thead { display: table-header-group; }
.cell_output .output.text_html > div[id] { overflow: visible !important;
  background: none !important; }
.gt_table { font-size: 8pt !important; width: 100% !important; }
a { color: inherit; }
figure .legend > :not(.mem-print-only), .mem-no-print { display: none !important; }
.mem-print-only { display: block !important; font-size: 8.5pt; color: black !important;
  margin: 1mm 0 0; overflow-wrap: anywhere; }
figcaption, figcaption * { color: black !important; font-weight: 400 !important; }
figure img.mem-vector + img.mem-vector { margin-top: 3mm; }
.mem-data__frame, .cell_output .output.text_html > div[id] { max-height: none !important; }
thead th, thead td { position: static !important; }
.mem-title { break-after: page; padding-top: 60mm; }
.mem-title h1 { font-size: 24pt; break-before: avoid; }
.mem-title .mem-about { margin-top: 10mm; padding-left: 5mm; font-size: 11pt; }
.mem-title .mem-rebuild { font-size: 9pt; }
.mem-title .mem-cite { margin-top: 10mm; }
.mem-toc { break-after: page; }
.mem-toc ol { list-style: none; padding: 0; }
.mem-toc li { display: flex; gap: 2mm; margin: 1.2mm 0; }
.mem-toc li.mem-level-2 { padding-left: 6mm; font-size: 9.5pt; }
.mem-toc .mem-dots { flex: 1; border-bottom: 1px dotted #888; margin-bottom: 1.2mm; }
"""

# Runs in the page: the print stylesheet, the title page and the contents (links to
# anchors placed at each chapter's and section's heading).
PREPARE = r"""async ([css, title, contents, address]) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  document.querySelectorAll('picture source').forEach(s => s.remove());
  // Only the book's text: the site's navigation, banners and buttons stay behind.
  const article = document.querySelector('article.bd-article') || document.querySelector('article');
  document.body.replaceChildren(article);
  // Charts print as vector: a figure's image becomes its SVG twin, found among its
  // downloads (the SVG of each page, when the chart is cut into pages), so that its words
  // stay text at any size.
  const loads = [];
  article.querySelectorAll('figure').forEach(figure => {
    const image = figure.querySelector('img');
    const found = image && image.getAttribute('src').match(/([^/]+)\.png$/);
    if (!found) return;
    const stem = found[1];
    const svgs = {};
    figure.querySelectorAll('a[href$=".svg"]').forEach(link => {
      svgs[link.getAttribute('href').split('/').pop()] = link.getAttribute('href');
    });
    const page = name => {
      const rest = name.startsWith(stem + '-') ? name.slice(stem.length + 1) : '';
      return /^\d+\.svg$/.test(rest) ? parseInt(rest) : 0;
    };
    const pages = Object.keys(svgs).filter(page).sort((a, b) => page(a) - page(b));
    const whole = svgs[stem + '.svg'] ? [svgs[stem + '.svg']] : [];
    const sources = pages.length ? pages.map(name => svgs[name]) : whole;
    if (!sources.length) return;
    const made = sources.map(source => {
      const vector = image.cloneNode();
      vector.removeAttribute('srcset');
      vector.classList.add('mem-vector');
      loads.push(new Promise(done => { vector.onload = done; vector.onerror = done; }));
      vector.src = source;
      return vector;
    });
    image.replaceWith(...made);
  });
  // Where each figure's data are: its entry on the Figures page, at the published address.
  article.querySelectorAll('.mem-address[data-path]').forEach(span => {
    if (address) span.textContent = new URL(span.dataset.path, address).href;
  });
  // A link to a file of the site: its published address, or plain text when the edition
  // has none (never a path on the machine that printed it).
  article.querySelectorAll('a[href]').forEach(link => {
    const href = link.getAttribute('href');
    const elsewhere = /^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('file:');
    if (href.startsWith('#') || elsewhere) return;
    if (address) link.setAttribute('href', new URL(href, address).href);
    else link.removeAttribute('href');
  });
  // Chapters: the root document's heading, then the first heading after each document's
  // anchor (singlehtml nests the chapters in the root, one heading level down); a
  // chapter's sections: the headings one level below it, in its own sections.
  const level = h => Number(h.tagName.slice(1));
  const chapters = [];
  const root = article.querySelector('h1');
  if (root) chapters.push([root, root.closest('section')]);
  article.querySelectorAll('span[id^="document-"]').forEach(span => {
    const section = span.nextElementSibling;
    const heading = section && section.querySelector('h1, h2, h3, h4');
    if (heading) {
      section.style.breakBefore = 'page';
      chapters.push([heading, section]);
    }
  });
  const entries = [];
  chapters.forEach(([heading, section]) => {
    entries.push([heading, 1]);
    if (!section) return;
    section.querySelectorAll(':scope > section').forEach(part => {
      const sub = part.firstElementChild;
      if (sub && /^H[1-6]$/.test(sub.tagName) && level(sub) === level(heading) + 1) {
        entries.push([sub, 2]);
      }
    });
  });
  const escape = text => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const outline = [];
  const items = entries.map(([h, depth], i) => {
    // The heading itself is the target: an empty inline anchor at the top of a page is
    // placed by Chromium at the foot of the page before.
    if (h.id) {
      const anchor = document.createElement('span');
      anchor.id = h.id;
      h.prepend(anchor);
    }
    h.id = 'mem-toc-' + i;
    const words = [...h.childNodes]
      .filter(n => !(n.classList && n.classList.contains('headerlink')))
      .map(n => n.textContent).join('').replace(/\s+/g, ' ').trim();
    outline.push([words, depth]);
    return `<li class="mem-level-${depth}"><a href="#mem-toc-${i}">${escape(words)}</a>` +
      `<span class="mem-dots"></span><span class="mem-toc-page" data-target="${i}"></span></li>`;
  });
  const toc = `<nav class="mem-toc"><h2>${contents}</h2><ol>${items.join('')}</ol></nav>`;
  article.insertAdjacentHTML('afterbegin', title + toc);
  await Promise.all(loads);
  return outline;
}"""

# The contents' page numbers; before they are known, "000" holds their place, so that the
# contents take the room they will take.
FILL = """(pages) => {
  document.querySelectorAll('.mem-toc-page').forEach(span => {
    span.textContent = pages[span.dataset.target] || '000';
  });
}"""
PRINTS = 4  # at most: the contents' numbers are printed again until they stay the same


def _header(left: str, right: str) -> str:
    return (
        '<div style="font-size:7.5px;width:100%;margin:0 16mm;color:#555;display:flex;'
        f'justify-content:space-between"><span>{html.escape(left)}</span>'
        f"<span>{html.escape(right)}</span></div>"
    )


def _footer(words: str) -> str:
    return (
        '<div style="font-size:7.5px;width:100%;text-align:center;color:#555">'
        f'{html.escape(words)} <span class="pageNumber"></span> / '
        '<span class="totalPages"></span></div>'
    )


def _destinations(pdf: Path) -> dict[str, int]:
    """Named destinations of a PDF -> page number (from 1)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {
        name.lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def print_book(page_html: Path, target: Path, words: dict[str, str], browser: str) -> int:
    """Print the single-page book at `page_html` to `target`; return its page count."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    options = {
        "format": "A4",
        "margin": MARGINS,
        "print_background": True,
        "display_header_footer": True,
        "header_template": _header(words["book"], words["edition"]),
        "footer_template": _footer(words["page"]),
        "tagged": True,
    }
    draft = target.with_name(target.name + ".draft")
    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=browser, args=CHROMIUM_FLAGS)
        try:
            page = chrome.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.route("**/*", _local_only)
            page.goto(page_html.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            outline = page.evaluate(
                PREPARE,
                [PRINT_CSS, words["title_page"], words["contents"], words["address"]],
            )
            pages: dict[str, int] = {}
            for _ in range(PRINTS):  # until the numbers printed are where the headings fell
                page.evaluate(FILL, pages)
                page.pdf(path=str(draft), **options)
                found = {
                    name.removeprefix("mem-toc-"): number
                    for name, number in _destinations(draft).items()
                    if name.startswith("mem-toc-")
                }
                if found == pages:
                    break
                pages = found
            else:
                raise PdfError(f"the contents' page numbers did not settle in {PRINTS} prints")
        finally:
            chrome.close()
        _with_outline(draft, target, outline, pages)
    draft.unlink(missing_ok=True)
    return len(PdfReader(target).pages)


def _with_outline(printed: Path, target: Path, outline: list, pages: dict[str, int]) -> None:
    """`printed` with bookmarks, written to `target`: the contents' entries, chapters and
    their sections, with the contents' words (Chromium's own outline runs a heading's words
    together and nests chapters under the front page's last section)."""
    from pypdf import PdfWriter

    # pypdf warns, through logging, of Chromium's trailer (its object count is off by a few):
    # harmless, and the worker's log handlers may be closed by now.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=printed)
    chapter = None
    for index, (title, depth) in enumerate(outline):
        number = pages.get(str(index))
        if number is None:
            continue
        parent = chapter if depth > 1 else None
        item = writer.add_outline_item(title, number - 1, parent=parent)
        if depth == 1:
            chapter = item
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as out:
        writer.write(out)


def print_brief(brief_html: Path, target: Path, browser: str) -> int:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=browser, args=CHROMIUM_FLAGS)
        try:
            page = chrome.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.route("**/*", _local_only)
            page.goto(brief_html.as_uri(), wait_until="load")
            page.pdf(path=str(target), format="A4", print_background=True, tagged=True,
                     margin={"top": "12mm", "bottom": "12mm", "left": "14mm",
                             "right": "14mm"})  # fmt: skip
        finally:
            chrome.close()
    return len(PdfReader(target).pages)


def _local_only(route) -> None:
    """Files from disk only: a request to any host is refused (the build is offline)."""
    if route.request.url.startswith("file:") or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort()


def make_pdfs(edition, notebooks: Path, print_page: Path, out: Path, browser: str) -> list[str]:
    """Print the edition (`print_page`: its single-page HTML) and its brief into the folder
    `out`, with the Chromium `browser`; return what was written (file: pages). `notebooks`:
    the edition's executed notebooks (the brief's figure)."""
    from analysis.exhibits.citation import cited_address
    from analysis.exhibits.language import book_title, tr

    lang = edition.lang
    words = {
        "book": book_title(lang),
        "edition": edition_heading(edition, lang),
        "page": tr("Page", lang),
        "contents": tr("Contents", lang),
        "title_page": title_page(edition, lang),
        "address": cited_address(edition),  # links to the site's files: the release's copy
    }
    book = out / pdf_name(edition)
    pages = print_book(print_page, book, words, browser)
    made = [f"{book.name}: {pages} pages"]
    source = out / "brief-source.html"
    source.write_text(brief_page(edition, notebooks, lang), encoding="utf-8")
    pages = print_brief(source, out / BRIEF_NAME, browser)
    if pages != 1:
        raise PdfError(f"{BRIEF_NAME} runs over one A4 page ({pages} pages)")
    made.append(f"{BRIEF_NAME}: 1 page")
    return made
