"""The built book as a reader's browser shows it: Chromium, driven by Playwright.

`_build/` is served over HTTP on 127.0.0.1, so that relative links between editions resolve
as they will once published. Every page of every published edition (the grid:
analysis/edition/grid.txt, which `make book` builds) is opened as a first-time reader would
(a fresh browser context), at desktop width (1366 px), then narrowed to a phone's (390 px).
Checked on every page: console errors, failed requests, requests to any other host (each one
aborted), broken images, links that stay on the site, every link of the edition switcher
(followed to the page it names), one search box at each width, horizontal overflow on a
phone. axe-core scans at both widths each kind of page (AXE_KINDS) of the first edition of
each language of the grid; the full crawl, every page of every edition at both widths, is
marked `full` (`make test-full`: a scan takes about 3 s, 208 of them). Screenshots of the
key pages of the reference edition go to `_build/screenshots/` for a reviewer, in CI or
with MEM_SCREENSHOTS=1.

What a page showed is kept in `.pytest_cache/mem-browser/` (one JSON file per edition),
keyed by a hash of the page's bytes, of the edition's other files (images, styles, scripts)
and of this module: a page that did not change since the last run is not opened again.
Removing that folder forgets them all.

Without Chromium or Playwright the module is skipped with one line saying what to install.
Pages are opened two at a time (the machines have two cores); each edition once per session.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import html
import json
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from analysis.contract.parameters import site_home
from analysis.edition.grid import read_grid
from tests.conftest import ROOT

CHROMIUM = os.environ.get("MEM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
try:
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright
except ImportError:
    Axe = async_playwright = None
if async_playwright is None or not os.access(CHROMIUM, os.X_OK):
    _MISSING = (
        "browser tests need Chromium and Playwright: `apt-get install -y chromium` and "
        "`.venv/bin/pip install -r requirements.txt` (MEM_CHROMIUM may name another binary)"
    )
    if os.environ.get("CI") == "true":  # .ci/run installs both: a skip there would hide it
        raise RuntimeError(_MISSING)
    pytest.skip(_MISSING, allow_module_level=True)

BUILD = ROOT / "_build"
SCREENSHOTS = BUILD / "screenshots"
# What pages showed on earlier runs (pytest's own cache plugin is off: pyproject.toml).
SEEN = ROOT / ".pytest_cache" / "mem-browser"
# Screenshots are for a reviewer, not a check: taken in CI (.ci/run) or when asked for.
TAKE_SCREENSHOTS = os.environ.get("CI") == "true" or os.environ.get("MEM_SCREENSHOTS") == "1"
REFERENCE_HOME = "html"
# Every published edition, by its folder under _build/ (the reference's is html/).
GRID = {site_home(edition): edition for edition in read_grid()}
# axe-core in `make test`: each kind of page (the front page, a chapter of amounts, a chapter
# of long tables, the Figures, Data and What changed pages, the search page), in the first
# edition of each language of the grid; `make test-full` scans every page of every edition.
AXE_KINDS = frozenset(
    {
        "book/intro.html",
        "book/devida-budget.html",
        "book/priority-actions.html",
        "book/figures.html",
        "book/data.html",
        "book/changes.html",
        "search.html",
    }
)
AXE_HOMES = frozenset(
    next(home for home, edition in GRID.items() if edition.lang == lang)
    for lang in sorted({edition.lang for edition in GRID.values()})
)
AXED = "+axe"  # a cached page's key, when axe-core scanned it
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP["width"], "phone": PHONE["width"]}
AT_ONCE = 2  # pages open at the same time, per worker process
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Belt and braces beside the routing below: no host name resolves but our own address.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# An edition's folder under _build/ (the reference's, or a variant's), from a URL path.
EDITION_HOME = re.compile(r"^/(html|editions/[^/]+/html)/")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=([^"']+)""", re.I
)
SEVERE = {"serious", "critical"}


@dataclass(frozen=True)
class Allowed:
    """An axe violation that this project cannot fix: it is in the theme's own markup."""

    rule: str  # axe rule id
    within: str  # CSS selector: the flagged element is this element or lies inside it
    reason: str


# Theme issues accepted as they are; anything else serious or critical fails the test.
# None is needed at present (a test that every entry still occurs always skipped, and was
# removed: whoever adds an entry adds that test back, as a real one). An entry reads, for example:
#   Allowed("color-contrast", ".bd-sidebar-primary .search-button__default-text",
#           "pydata-sphinx-theme's grey placeholder; its colour is the theme's")
THEME_ALLOWED: list[Allowed] = []
# Failed besides every serious or critical finding: `region` (moderate), content outside any
# landmark (the theme's sidebar title stood outside one: book/_templates/sections/).
ALSO_FAILED = {"region"}

# No CSSOM preload: axe-core 4.12 fetches a stylesheet's relative @import against the page's
# address instead of the stylesheet's, so it asks for files that are not there (a 404 the book
# did not cause: axe-core issue 5268). Only the rule css-orientation-lock uses that preload.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}


@dataclass
class Visit:
    """What one page showed in the browser."""

    page: str  # its path in the edition's folder, e.g. book/intro.html
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (as written, absolute URL)
    switches: list[tuple[str, str, str]] = field(default_factory=list)  # the switcher's links
    search_boxes: dict[str, int] = field(default_factory=dict)  # visible, per width
    overflow: str = ""  # at phone width: how much wider the page is, and what sticks out
    violations: list[dict] = field(default_factory=list)  # serious or critical, not allowed
    other_violations: list[dict] = field(default_factory=list)  # minor, moderate or allowed
    # at phone width: each chart image shown (its URL) and its width on screen in CSS px
    charts_on_phone: list[tuple[str, float]] = field(default_factory=list)
    redirect: bool = False  # a page that only sends the reader on (index.html)


@dataclass
class Crawl:
    home: str  # the edition's folder under _build/
    visits: list[Visit]
    opened: int = 0  # pages opened in the browser (the others: unchanged, from the cache)


# --- the server, the browser, the editions ------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A page closed while its favicon or a late request was being answered: not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def origin() -> Iterator[str]:
    """`_build/` served on a free port of 127.0.0.1 for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(BUILD))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """The event loop that drives Playwright; it runs only while an edition is crawled."""
    made = asyncio.new_event_loop()
    yield made
    made.close()


@pytest.fixture(scope="session")
def browser(loop):
    """One Chromium per worker process, its profile and sockets in a short private folder
    (as the build's print has them: a long TMPDIR would stop Chromium at once)."""
    from analysis.edition.printing import private_folder, tmpdir_as

    with private_folder() as folder:
        with tmpdir_as(folder):
            playwright = loop.run_until_complete(async_playwright().start())
        try:
            chromium = loop.run_until_complete(
                playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            )
            yield chromium
            loop.run_until_complete(chromium.close())
        finally:
            loop.run_until_complete(playwright.stop())


@pytest.fixture(scope="session")
def crawls() -> dict[tuple[str, bool], Crawl]:
    """Editions already opened in this session, by folder and whether every page was
    scanned by axe (filled by `crawl` and `full_crawl`)."""
    return {}


def scanned(home: str, full: bool) -> frozenset[str]:
    """The pages of an edition that axe-core scans: all of them in the full crawl; else each
    kind of page (AXE_KINDS) in the first edition of each language, and none elsewhere."""
    if full:
        return frozenset(pages(home))
    return AXE_KINDS if home in AXE_HOMES else frozenset()


def _crawled(request, home: str, full: bool = False) -> Crawl:
    """Every page of one edition, opened once per session (per worker process) and scanned
    by axe where `scanned` says; pages that did not change since the last run are taken from
    pytest's cache instead (a page scanned then serves a crawl that does not scan it)."""
    crawls = request.getfixturevalue("crawls")
    if (home, full) not in crawls:
        if not (BUILD / home / "index.html").is_file():
            pytest.fail(f"no built edition in _build/{home}: run `make book` first")
        known = _seen(home)
        axe = scanned(home, full)
        missing = sorted(axe - set(pages(home)))
        assert not missing, f"kinds of page to scan that _build/{home} lacks: {missing}"
        keys = page_keys(home)
        wanted = {name: key + (AXED if name in axe else "") for name, key in keys.items()}
        visits = {
            name: _visit_from(known[name]["visit"])
            for name in keys
            if known.get(name, {}).get("key") in {wanted[name], keys[name] + AXED}
        }
        opened = [name for name in keys if name not in visits]
        if opened:
            loop, browser = request.getfixturevalue("loop"), request.getfixturevalue("browser")
            origin = request.getfixturevalue("origin")
            records = _visit_all(browser, origin, home, opened, axe)
            for record in loop.run_until_complete(records):
                visits[record.page] = record
        remembered = {
            name: {
                "key": known[name]["key"] if name not in opened else wanted[name],
                "visit": dataclasses.asdict(visits[name]),
            }
            for name in keys
        }
        _remember(home, remembered)
        crawls[home, full] = Crawl(home, [visits[name] for name in keys], len(opened))
    return crawls[home, full]


@pytest.fixture(params=list(GRID), ids=[edition.slug for edition in GRID.values()])
def crawl(request) -> Crawl:
    """Every page of an edition at both widths; axe on each kind of page (`scanned`)."""
    return _crawled(request, request.param)


@pytest.fixture(params=list(GRID), ids=[edition.slug for edition in GRID.values()])
def full_crawl(request) -> Crawl:
    """Every page of an edition at both widths, each scanned by axe at both."""
    return _crawled(request, request.param, full=True)


def _seen_file(home: str) -> Path:
    return SEEN / f"{home.replace('/', '-')}.json"


def _seen(home: str) -> dict:
    """What the pages of an edition showed on the last run (nothing, if unreadable)."""
    try:
        return json.loads(_seen_file(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember(home: str, pages: dict) -> None:
    """Keep what the pages showed for the next run (written whole, then renamed)."""
    path = _seen_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(pages), encoding="utf-8")
    os.replace(partial, path)


def _visit_from(saved: dict) -> Visit:
    """A Visit as pytest's cache kept it (JSON: tuples came back as lists)."""
    saved = dict(saved)
    saved["links"] = [tuple(link) for link in saved["links"]]
    saved["switches"] = [tuple(link) for link in saved["switches"]]
    saved["charts_on_phone"] = [tuple(chart) for chart in saved["charts_on_phone"]]
    return Visit(**saved)


@functools.cache
def _this_module() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def page_keys(home: str) -> dict[str, str]:
    """Each page of an edition and the hash it is known by: its bytes, the edition's other
    files (what the page loads) and this module (what is checked)."""
    root = BUILD / home
    assets = hashlib.sha256(_this_module().encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix != ".html":
            assets.update(str(path.relative_to(root)).encode())
            assets.update(path.read_bytes())
    base = assets.hexdigest()
    return {
        name: hashlib.sha256(base.encode() + (root / name).read_bytes()).hexdigest()
        for name in pages(home)
    }


def pages(home: str) -> list[str]:
    """The HTML pages of an edition; Sphinx's own folders (_static, ...) hold none."""
    root = BUILD / home
    found = (path.relative_to(root) for path in root.rglob("*.html"))
    return sorted(str(path) for path in found if not path.parts[0].startswith("_"))


@functools.cache
def key_pages() -> frozenset[str]:
    """The front page and every chapter in the table of contents."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return frozenset(f"{name}.html" for name in files)


# --- one page in the browser ---------------------------------------------------------------

# Load every image now (lazy ones too), then list those that have no pixels.
_IMAGES = """async () => {
  const images = Array.from(document.images);
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map(image => image.complete ? null : new Promise(done => {
    image.addEventListener("load", done);
    image.addEventListener("error", done);
    setTimeout(done, 5000);
  })));
  return images.filter(image => image.naturalWidth === 0)
               .map(image => image.getAttribute("src") || "(no src)");
}"""

_LINKS = """() => Array.from(document.querySelectorAll("a[href], area[href], link[href]"),
                      element => [element.getAttribute("href"), element.href])"""

# The edition switcher's links: their words, their address as written, and as resolved.
_SWITCHES = """() => Array.from(document.querySelectorAll(".mem-switcher a[href]"),
                         link => [link.textContent.trim(), link.getAttribute("href"), link.href])"""

# Search boxes a reader can see: the fields and the buttons that open the search.
_SEARCH_BOXES = """() => Array.from(document.querySelectorAll(
    "input[type=search], .search-button__button")).filter(element => {
  const style = getComputedStyle(element);
  return element.getClientRects().length > 0 && style.visibility !== "hidden" &&
         !element.closest("dialog:not([open])");
}).length"""

# Resolves once layout has settled after a change of size: two frames later, and once the
# transitions that the theme starts (its sidebars slide away on a phone) have finished.
_SETTLED = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const finite = document.getAnimations()
    .filter(animation => animation.effect?.getTiming().iterations !== Infinity);
  await Promise.race([
    Promise.all(finite.map(animation => animation.finished.catch(() => null))),
    new Promise(done => setTimeout(done, 2000)),
  ]);
}"""

# How much wider than the window the page is, and the outermost elements that stick out.
_OVERFLOW = """() => {
  const width = window.innerWidth;
  const scroll = document.scrollingElement.scrollWidth;
  if (scroll <= width + 1) return "";
  const name = element => {
    const tag = element.tagName.toLowerCase();
    if (element.id) return tag + "#" + element.id;
    const classes = Array.from(element.classList).slice(0, 2);
    return tag + (classes.length ? "." + classes.join(".") : "");
  };
  const path = element => {
    const names = [];
    for (let at = element; at && at !== document.body && names.length < 4; at = at.parentElement)
      names.unshift(name(at));
    return names.join(" > ");
  };
  const sticksOut = element => element.getBoundingClientRect().right > width + 1;
  const scrollsInside = element => {  // inside a box that scrolls or clips: not the page's
    for (let at = element.parentElement; at && at !== document.body; at = at.parentElement)
      if (getComputedStyle(at).overflowX !== "visible") return true;
    return false;
  };
  const culprits = Array.from(document.body.querySelectorAll("*"))
    .filter(element => sticksOut(element) && !sticksOut(element.parentElement))
    .filter(element => !scrollsInside(element))
    .filter(element => element.getClientRects().length > 0)
    .slice(0, 5)
    .map(element => `${path(element)} (${Math.round(element.getBoundingClientRect().width)} px)`);
  return `page is ${scroll} px wide in a ${width} px window; sticking out: ` +
         (culprits.join("; ") || "(none found)");
}"""

# After a change of width: wait until every <picture> shows the source its media query picks
# (its <img> may still count as complete with the old one), and list those that did not load.
_PICTURES = """async () => {
  const wanted = Array.from(document.querySelectorAll("picture")).map(picture => {
    const source = Array.from(picture.querySelectorAll("source"))
      .find(source => matchMedia(source.media).matches);
    const image = picture.querySelector("img");
    return [image, source ? new URL(source.srcset, document.baseURI).href : image.src];
  });
  const shown = ([image, url]) => image.currentSrc === url && image.complete;
  const deadline = Date.now() + 10000;
  while (!wanted.every(shown) && Date.now() < deadline)
    await new Promise(done => setTimeout(done, 50));
  return wanted.filter(pair => !shown(pair) || pair[0].naturalWidth === 0).map(pair => pair[1]);
}"""

# Chart images on screen: the file the browser chose (a <picture> picks by width) and how
# wide it is drawn.
_CHARTS = """() => Array.from(document.images)
  .filter(image => image.getClientRects().length > 0)
  .filter(image => /\\/_images\\/fig-[^/]+\\.png$/.test(image.currentSrc))
  .map(image => [image.currentSrc, image.getBoundingClientRect().width])"""

# For each flagged element: the index of the first allow-list selector that contains it.
_ALLOWED_BY = """([targets, selectors]) => targets.map(target => {
  let element = null;
  try { element = document.querySelector(target); } catch (error) { return -1; }
  if (!element) return -1;
  return selectors.findIndex(selector => element.closest(selector) !== null);
})"""


async def _watch(page, origin: str, record: Visit) -> None:
    """Record console errors and failed requests; abort, and record, requests elsewhere."""

    async def abort(route) -> None:
        record.foreign_requests.append(route.request.url)
        await route.abort("blockedbyclient")

    def failed(request) -> None:
        if not request.url.startswith(origin + "/"):  # aborted by `abort`, recorded there
            return
        if request.resource_type == "image" and request.failure == "net::ERR_ABORTED":
            # The browser dropped a load it no longer wanted (a <picture> choosing again while
            # the width changes); whether every image arrives is what broken_images checks.
            return
        record.failed_requests.append(f"{request.url} ({request.failure})")

    def response(response) -> None:
        if response.status >= 400:
            record.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def console(message) -> None:
        if message.type == "error":
            record.console_errors.append(f"{message.text} [{message.location.get('url', '')}]")

    page.on("requestfailed", failed)
    page.on("response", response)
    page.on("console", console)
    page.on("pageerror", lambda error: record.console_errors.append(f"uncaught: {error}"))
    # A pattern matched in the driver: requests to our own origin never wait for Python.
    await page.route(re.compile(f"^(?!{re.escape(origin)}/)"), abort)


async def _screenshot(page, home: str, name: str, width: str) -> None:
    """The whole page at desktop width; the first screen at phone width."""
    path = SCREENSHOTS / f"{name.removesuffix('.html').replace('/', '-')}-{width}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(path), full_page=width == "desktop", animations="disabled")


async def _axe(page, record: Visit, width: str) -> None:
    results = (await Axe().run(page, options=AXE_OPTIONS)).response
    found = [
        {
            "rule": violation["id"],
            "impact": node.get("impact") or violation.get("impact"),
            "width": WIDTHS[width],
            "selector": " >> ".join(map(str, node["target"])),  # (>> : into a frame)
            "html": node.get("html", "")[:200],
            "help": violation["help"],
        }
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    targets = [item["selector"] for item in found]  # a frame's element matches no entry
    allowed_by = await page.evaluate(_ALLOWED_BY, [targets, [a.within for a in THEME_ALLOWED]])
    for item, index in zip(found, allowed_by, strict=True):
        item["allowed"] = index if index >= 0 else None  # an index into THEME_ALLOWED
        failing = item["impact"] in SEVERE or item["rule"] in ALSO_FAILED
        if failing and item["allowed"] is None:
            record.violations.append(item)
        else:
            record.other_violations.append(item)


def _redirect(home: str, name: str) -> str | None:
    """Where a page that only redirects (index.html) sends the reader, as written."""
    match = REFRESH.search((BUILD / home / name).read_text(encoding="utf-8"))
    return match.group(1) if match else None


async def visit(browser, origin: str, home: str, name: str, axe: bool = True) -> Visit:
    """Open one page at desktop width for every check, then narrow it to a phone's width
    and check it again; with `axe`, scan it with axe-core at each width."""
    record = Visit(name)
    url = f"{origin}/{home}/{name}"
    redirect = _redirect(home, name)
    # A fresh context per page: every page is seen as a first-time reader sees it.
    context = await browser.new_context(
        viewport=DESKTOP, service_workers="block", color_scheme="light"
    )
    try:
        page = await context.new_page()
        await _watch(page, origin, record)
        if redirect:  # check where it leads; that page is visited on its own
            target = urljoin(url, redirect)
            record.links.append((redirect, target))
            record.redirect = True
            await page.goto(url, wait_until="commit")
            await page.wait_for_url(target, wait_until="load")
            return record
        await page.goto(url, wait_until="load")
        await page.evaluate("() => document.fonts.ready.then(() => true)")
        record.broken_images += await page.evaluate(_IMAGES)
        record.links += [tuple(link) for link in await page.evaluate(_LINKS)]
        record.switches += [tuple(link) for link in await page.evaluate(_SWITCHES)]
        record.search_boxes["desktop"] = await page.evaluate(_SEARCH_BOXES)
        if axe:
            await _axe(page, record, "desktop")
        screenshots = TAKE_SCREENSHOTS and home == REFERENCE_HOME and name in key_pages()
        if screenshots:
            await _screenshot(page, home, name, "desktop")
        # The same page narrowed to a phone's width (cheaper than loading it again).
        await page.set_viewport_size(PHONE)
        await page.evaluate(_SETTLED)
        # A <picture> now picks its phone layout: those images load before anything is read.
        record.broken_images += [f"{src} (phone)" for src in await page.evaluate(_PICTURES)]
        record.overflow = await page.evaluate(_OVERFLOW)
        record.charts_on_phone = [tuple(chart) for chart in await page.evaluate(_CHARTS)]
        record.search_boxes["phone"] = await page.evaluate(_SEARCH_BOXES)
        if axe:
            await _axe(page, record, "phone")
        if screenshots:
            await _screenshot(page, home, name, "phone")
    finally:
        await context.close()
    return record


async def _visit_all(
    browser, origin: str, home: str, names: list[str], axe: frozenset[str]
) -> list[Visit]:
    slots = asyncio.Semaphore(AT_ONCE)

    async def one(name: str) -> Visit:
        async with slots:
            return await visit(browser, origin, home, name, axe=name in axe)

    return list(await asyncio.gather(*(one(name) for name in names)))


# --- links ---------------------------------------------------------------------------------


def _on_disk(url_path: str) -> bool:
    """Whether the server has a file at this path (a folder serves its index.html)."""
    target = BUILD / unquote(url_path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target.is_file()


def _same_site_links(crawl: Crawl) -> Iterator[tuple[str, str, str]]:
    """(page, href as written, URL path) of every link written without a scheme or host."""
    for record in crawl.visits:
        for written, absolute in record.links:
            if not written or SCHEME.match(written) or written.startswith("//"):
                continue
            if written.startswith("#"):
                continue  # a place in the page itself
            yield record.page, written, urlsplit(absolute).path


def _edition_of(url_path: str) -> str | None:
    match = EDITION_HOME.match(url_path)
    return match.group(1) if match else None


def _current_choices(path: Path) -> set[str]:
    """The words that the switcher of a built page marks as its own edition's."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r'class="mem-switch mem-switch--current"[^>]*>([^<]*)<', text)
    return {html.unescape(words).strip() for words in found}


# --- the tests -----------------------------------------------------------------------------


def _listed(crawl: Crawl, attribute: str) -> list[str]:
    return [f"{visit.page}: {item}" for visit in crawl.visits for item in getattr(visit, attribute)]


def test_no_console_errors_or_failed_requests(crawl):
    problems = _listed(crawl, "console_errors") + _listed(crawl, "failed_requests")
    assert not problems, f"in _build/{crawl.home}:\n" + "\n".join(problems)


def test_nothing_is_requested_from_another_host(crawl):
    problems = _listed(crawl, "foreign_requests")
    assert not problems, f"requests elsewhere from _build/{crawl.home}:\n" + "\n".join(problems)


def test_every_image_loads(crawl):
    problems = _listed(crawl, "broken_images")
    assert not problems, f"images with no pixels in _build/{crawl.home}:\n" + "\n".join(problems)


def test_links_within_the_edition_lead_to_files(crawl):
    broken = [
        f"{page}: {written} -> {path}"
        for page, written, path in _same_site_links(crawl)
        if _edition_of(path) in (crawl.home, None) and not _on_disk(path)
    ]
    assert not broken, f"links in _build/{crawl.home} to missing files:\n" + "\n".join(broken)


def test_links_to_other_editions_lead_to_published_pages(crawl):
    """Every link into another edition leads to a page of a published (grid) edition."""
    broken = [
        f"{page}: {written} -> {path}"
        for page, written, path in _same_site_links(crawl)
        if _edition_of(path) not in (crawl.home, None)
        and (_edition_of(path) not in GRID or not _on_disk(path))
    ]
    assert not broken, "links into another edition that miss their page:\n" + "\n".join(broken)


def test_every_switcher_link_leads_to_the_same_page_of_the_edition_it_names(crawl):
    """Followed: each of the switcher's links opens the same page in a published edition,
    whose own switcher marks as current what the link offered. Each page offers the other
    value of each axis (2 currencies, 2 price bases, 2 languages: 3 links)."""
    problems = []
    for record in crawl.visits:
        if record.redirect:
            continue
        if len(record.switches) != 3:
            problems.append(f"{record.page}: {len(record.switches)} switcher links, not 3")
        for words, written, absolute in record.switches:
            path = urlsplit(absolute).path
            other = _edition_of(path)
            if other not in GRID or other == crawl.home:
                problems.append(f"{record.page}: {words!r} -> {written}: not another edition")
            elif path != f"/{other}/{record.page}":
                problems.append(f"{record.page}: {words!r} -> {written}: not the same page")
            elif not _on_disk(path):
                problems.append(f"{record.page}: {words!r} -> {written}: no such page")
            elif words not in _current_choices(BUILD / other / record.page):
                problems.append(f"{record.page}: {words!r} -> {written}: that page is not it")
    assert not problems, f"switcher of _build/{crawl.home}:\n" + "\n".join(problems)


def test_one_search_box_at_each_width(crawl):
    problems = [
        f"{record.page}: {count} search boxes at {width} width"
        for record in crawl.visits
        if not record.redirect
        for width, count in record.search_boxes.items()
        if count != 1
    ]
    assert not problems, f"_build/{crawl.home}:\n" + "\n".join(problems)


def test_no_horizontal_overflow_on_a_phone(crawl):
    problems = [f"{visit.page}: {visit.overflow}" for visit in crawl.visits if visit.overflow]
    assert not problems, f"_build/{crawl.home} at {PHONE['width']} px:\n" + "\n".join(problems)


SVG_TEXT = re.compile(r"font-size:\s*([0-9.]+)px")
SMALLEST_CHART_TEXT = 9  # CSS px, on a 390 px screen


def chart_text_on_a_phone(crawl: Crawl) -> list[tuple[float, str]]:
    """(smallest text in CSS px, where) for every chart image shown at phone width: its
    SVG twin, found among the page's downloads by name, gives the text sizes in view-box
    units; drawn `width` px wide, a size s is s x width / view-box width px tall."""
    found = []
    for record in crawl.visits:
        downloads = {
            Path(urlsplit(absolute).path).name: urlsplit(absolute).path
            for _, absolute in record.links
            if "/_downloads/" in absolute
        }
        for source, width in record.charts_on_phone:
            twin = Path(urlsplit(source).path).with_suffix(".svg").name
            if twin not in downloads:
                found.append((0.0, f"{record.page}: {twin} is not among the downloads"))
                continue
            svg = (BUILD / unquote(downloads[twin]).lstrip("/")).read_text(encoding="utf-8")
            view = float(re.search(r'viewBox="[-0-9. ]*? ([0-9.]+) [0-9.]+"', svg).group(1))
            smallest = min(float(size) for size in SVG_TEXT.findall(svg))
            found.append((smallest * width / view, f"{record.page}: {twin}"))
    return found


def test_chart_text_is_readable_on_a_phone(crawl):
    measured = chart_text_on_a_phone(crawl)
    assert measured, f"no chart seen at phone width in _build/{crawl.home}"
    small = [f"{where}: {size:.1f} px" for size, where in measured if size < SMALLEST_CHART_TEXT]
    assert not small, (
        f"chart text under {SMALLEST_CHART_TEXT} px at {PHONE['width']} px in "
        f"_build/{crawl.home}:\n" + "\n".join(small)
    )
    smallest = min(measured)
    print(f"_build/{crawl.home}: smallest chart text at {PHONE['width']} px: "
          f"{smallest[0]:.1f} px ({smallest[1]}), {len(measured)} charts")  # fmt: skip


def _accessibility_problems(crawl: Crawl) -> list[str]:
    return [
        f"{visit.page} at {item['width']} px: {item['rule']} ({item['impact']}) at "
        f"{item['selector']}: {item['help']}\n    {item['html']}"
        for visit in crawl.visits
        for item in visit.violations
    ]


def test_no_serious_accessibility_violations_on_each_kind_of_page(crawl):
    """axe-core at desktop and phone width on each kind of page (AXE_KINDS), in each
    language (the editions of AXE_HOMES; the others are scanned by the full crawl)."""
    problems = _accessibility_problems(crawl)
    assert not problems, f"axe-core in _build/{crawl.home}:\n" + "\n".join(problems)


@pytest.mark.full
def test_no_serious_accessibility_violations_on_any_page_at_either_width(full_crawl):
    problems = _accessibility_problems(full_crawl)
    assert not problems, f"axe-core in _build/{full_crawl.home}:\n" + "\n".join(problems)


def _in_browser(request, viewport: dict, steps):
    """Run `steps(page, origin)` (a coroutine) in a fresh page of the given size."""
    if not (BUILD / REFERENCE_HOME / "book" / "devida-budget.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first")
    loop, browser = request.getfixturevalue("loop"), request.getfixturevalue("browser")
    origin = request.getfixturevalue("origin")

    async def run():
        context = await browser.new_context(viewport=viewport, service_workers="block")
        try:
            return await steps(await context.new_page(), origin)
        finally:
            await context.close()

    return loop.run_until_complete(run())


_HREFS = "() => Array.from(document.querySelectorAll('a.mem-switch'), a => a.getAttribute('href'))"
SECTION = "dollars-or-soles-one-budget-two-stories"  # a section of devida-budget, mid-page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_switcher_keeps_the_readers_place(request, viewport):
    """Opened at an anchor, a page's switcher links lead to that anchor of the other edition;
    a reader who scrolled to a section and stopped there, then went back up to the switcher,
    opens the other edition at that section (the nearest heading above the window's top)."""

    async def steps(page, origin):
        url = f"{origin}/{REFERENCE_HOME}/book/devida-budget.html"
        await page.goto(f"{url}#levels-and-change", wait_until="load")
        anchored = await page.evaluate(_HREFS)
        await page.goto(url, wait_until="load")
        at_top = await page.evaluate(_HREFS)
        # Scroll until the section's heading is 100 px above the top, and stop there.
        await page.evaluate(
            f"() => window.scrollTo(0, document.getElementById('{SECTION}')"
            ".getBoundingClientRect().top + window.scrollY + 100)"
        )
        await page.wait_for_function(  # the place is taken once scrolling has stopped
            "section => document.querySelector('a.mem-switch').getAttribute('href')"
            ".endsWith('#' + section)",
            arg=SECTION,
            timeout=10_000,
        )
        reading = await page.evaluate(_HREFS)
        # Back to the switcher, as a reader does (a click scrolls it into view), and follow
        # the language's link.
        await page.locator("a.mem-switch[hreflang]").click()
        await page.wait_for_load_state("load")
        await page.wait_for_timeout(300)
        landed = page.url
        top = await page.evaluate(
            f"() => document.getElementById('{SECTION}').getBoundingClientRect().top"
        )
        return anchored, at_top, reading, landed, top

    anchored, at_top, reading, landed, top = _in_browser(request, viewport, steps)
    assert len(anchored) == 3
    assert all(href.endswith("/book/devida-budget.html#levels-and-change") for href in anchored)
    assert all(href.endswith("/book/devida-budget.html") for href in at_top)  # no place yet
    assert all(href.endswith(f"/book/devida-budget.html#{SECTION}") for href in reading)
    assert not any(SCHEME.match(href) for href in reading)  # still relative: work on disk
    assert landed.endswith(f"/editions/lang-es/html/book/devida-budget.html#{SECTION}")
    assert 0 <= top <= viewport["height"] / 3, top  # the section at the top of the window


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_switcher_links_are_targets_at_least_24_px_tall(request, viewport):
    async def steps(page, origin):
        heights = []
        for name in ("book/intro.html", "book/devida-budget.html"):
            for home in (REFERENCE_HOME, "editions/lang-es/html"):
                await page.goto(f"{origin}/{home}/{name}", wait_until="load")
                heights += await page.evaluate(
                    "() => Array.from(document.querySelectorAll('.mem-switch'),"
                    " e => [e.textContent, e.getBoundingClientRect().height])"
                )
        return heights

    heights = _in_browser(request, viewport, steps)
    assert len(heights) == 4 * 6
    small = [(words, height) for words, height in heights if height < 24]
    assert not small, small


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_show_the_data_opens_from_the_keyboard_under_every_chart(request, viewport):
    """Under each figure, a disclosure that the keyboard reaches and opens: the table of what
    the chart draws; a long table keeps its header row in view while it scrolls."""

    async def steps(page, origin):
        await page.goto(f"{origin}/{REFERENCE_HOME}/book/coverage-gaps.html", wait_until="load")
        counts = await page.evaluate(
            "() => [document.querySelectorAll('figure[id^=fig-]').length,"
            " Array.from(document.querySelectorAll('figure[id^=fig-]')).filter(f =>"
            " f.closest('.cell_output').querySelector('details.mem-data')).length]"
        )
        summary = page.locator("details.mem-data > summary").first
        await summary.focus()
        focused = await page.evaluate("() => document.activeElement.tagName")
        await page.keyboard.press("Enter")
        opened = await page.evaluate(
            "() => { const d = document.querySelector('details.mem-data');"
            " const t = d.querySelector('table'); return [d.open, t.rows.length,"
            " t.getBoundingClientRect().height > 0]; }"
        )
        # The longest of them: scrolled inside its frame, its header row stays at the top.
        sticky = await page.evaluate(
            """() => {
              const frames = Array.from(document.querySelectorAll('details.mem-data'));
              const details = frames.sort((a, b) => b.querySelectorAll('tr').length -
                                                     a.querySelectorAll('tr').length)[0];
              details.open = true;
              const frame = details.querySelector('.mem-data__frame');
              frame.scrollTop = 400;
              const head = details.querySelector('thead th').getBoundingClientRect().top;
              return [frame.scrollTop, head - frame.getBoundingClientRect().top];
            }"""
        )
        return counts, focused, opened, sticky

    counts, focused, opened, sticky = _in_browser(request, viewport, steps)
    assert counts[0] >= 5 and counts[0] == counts[1], counts  # one table per chart
    assert focused == "SUMMARY"
    assert opened[0] and opened[1] > 2 and opened[2]
    assert sticky[0] > 0, "the longest table does not scroll inside its frame"
    assert abs(sticky[1]) <= 1, sticky  # its header row at the frame's top


def test_pages_that_did_not_change_are_not_opened_again(request):
    """A second look at an edition finds every page as it was seen, without a browser."""
    first = _crawled(request, REFERENCE_HOME)
    request.getfixturevalue("crawls").pop((REFERENCE_HOME, False))
    again = _crawled(request, REFERENCE_HOME)
    assert again.opened == 0, f"{again.opened} unchanged pages were opened again"
    assert again.visits == first.visits


def _contrast(rgb: str) -> float:
    """WCAG contrast of an 'rgb(r, g, b)' text colour on white paper."""

    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (float(v) for v in re.findall(r"[\d.]+", rgb)[:3])
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_captions_and_the_datas_address_print_in_full_contrast(request):
    """As the PDF prints a page (its print stylesheet, print media): figure captions and the
    address of each figure's data in text of at least 4.5:1 on white, not in a light weight;
    the "Show the data" tables left out (README: they are not printed)."""
    from analysis.edition.pdf import PRINT_CSS

    async def steps(page, origin):
        await page.goto(f"{origin}/{REFERENCE_HOME}/book/devida-budget.html", wait_until="load")
        await page.emulate_media(media="print")
        await page.add_style_tag(content=PRINT_CSS)
        return await page.evaluate(
            """() => {
              const style = s => {
                const c = getComputedStyle(document.querySelector(s));
                return [c.color, c.fontWeight, c.display];
              };
              return [style('figcaption .caption-text'), style('.mem-print-address'),
                      style('details.mem-data')];
            }"""
        )

    caption, address, table = _in_browser(request, DESKTOP, steps)
    for color, weight, display in (caption, address):
        assert _contrast(color) >= 4.5 and int(weight) >= 400 and display != "none"
    assert table[2] == "none"


def test_the_pdf_prints_where_each_figures_data_are(request):
    """The PDF's page preparation, given the edition's published address, prints under each
    figure the address of its entry on the Figures page (its downloads and citation), and
    swaps each chart image for its SVG twin."""
    from analysis.edition.pdf import PREPARE, PRINT_CSS

    address = "https://example.org/repo/html/"

    async def steps(page, origin):
        await page.goto(f"{origin}/{REFERENCE_HOME}/book/coverage-gaps.html", wait_until="load")
        await page.emulate_media(media="print")
        await page.evaluate(PREPARE, [PRINT_CSS, "<p>title</p>", "Contents", address])
        return await page.evaluate(
            """() => [
              Array.from(document.querySelectorAll('figure[id^=fig-]'), f => [f.id,
                f.querySelector('.mem-address').textContent,
                Array.from(f.querySelectorAll('img'), i => i.getAttribute('src'))]),
            ]"""
        )

    (figures,) = _in_browser(request, DESKTOP, steps)
    assert len(figures) >= 5
    for figure, printed, sources in figures:
        assert printed == f"{address}book/figures.html#cite-{figure}"
        assert sources and all(src.endswith(".svg") for src in sources), (figure, sources)
    paged = [sources for figure, _, sources in figures if figure == "fig-evidence-age"][0]
    assert len(paged) >= 2  # a chart cut into pages prints page by page
