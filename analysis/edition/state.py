"""What each published edition was built from, and what a build must do for it now:
nothing, its PDF alone (a print that failed, tried again once Chromium changed), or the
whole edition (something it depends on changed)."""

from __future__ import annotations

import enum
import hashlib
import json
import os

from analysis.contract.parameters import Edition
from analysis.contract.userfiles import read_user_file
from analysis.core.paths import PACKAGE
from analysis.edition import atomic
from analysis.edition.layout import Layout
from analysis.edition.notebooks import OWN_INPUTS, SHARED_INPUTS, templates
from analysis.edition.printing import Printer, has_pdfs


class Todo(enum.Enum):
    NOTHING = "nothing"
    PRINT = "print"  # the published HTML is current; only its PDF is tried again
    BUILD = "build"


def shared_digest(root) -> str:
    """A fingerprint of what every edition's book depends on: the templates, the code, the
    configuration, the data, the catalogs and the book's own pages (hashed once a build)."""
    digest = hashlib.sha256()
    files = [*templates(root), *sorted(PACKAGE.rglob("*.py")), *(root / n for n in SHARED_INPUTS)]
    files += [root / name for names in OWN_INPUTS.values() for name in names]
    files.append(root / "_toc.yml")
    for folder in (root / "data", root / "locales", root / "book"):
        files += sorted(path for path in folder.rglob("*") if path.is_file())
    _add_files(digest, files)
    return digest.hexdigest()


def _add_files(digest, files) -> None:
    for path in dict.fromkeys(files):
        if path.is_file() and path.suffix != ".mo":
            digest.update(os.fsencode(path))
            digest.update(path.read_bytes())


def edition_digest(
    edition: Edition, layout: Layout, published: tuple[Edition, ...], shared: str | None = None
) -> str:
    """A fingerprint of everything the published book depends on, outputs included, and the
    editions its switcher offers (`published`). `shared`: shared_digest(), if known."""
    root = layout.root
    digest = hashlib.sha256(json.dumps(edition.identity(), sort_keys=True).encode())
    digest.update(json.dumps([other.label for other in published]).encode())
    digest.update((shared or shared_digest(root)).encode())
    if layout.notebooks != root / "book":
        _add_files(digest, sorted(p for p in layout.notebooks.rglob("*") if p.is_file()))
    for path in edition.input_files().values():
        digest.update(read_user_file(path))
    digest.update(os.readlink(layout.html).encode() if layout.html.is_symlink() else b"-")
    return digest.hexdigest()


def read_state(layout: Layout) -> dict:
    try:
        state = json.loads(layout.state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def todo(
    edition: Edition,
    layout: Layout,
    published: tuple[Edition, ...],
    printer: Printer,
    shared: str | None = None,
) -> Todo:
    """What the edition needs now (see the module's docstring)."""
    state = read_state(layout)
    if not (layout.html / "index.html").is_file():
        return Todo.BUILD
    if state.get("digest") != edition_digest(edition, layout, published, shared):
        return Todo.BUILD
    if printer.browser is None or has_pdfs(edition, layout.html):
        return Todo.NOTHING
    failed = state.get("pdf") or {}
    return Todo.NOTHING if failed.get("key") == printer.key else Todo.PRINT


def missing_pdf(edition: Edition, layout: Layout, printer: Printer) -> str | None:
    """Why a published edition has no PDF, or None when it has one."""
    if has_pdfs(edition, layout.html):
        return None
    if printer.browser is None:
        return printer.why_not
    return (read_state(layout).get("pdf") or {}).get("why") or "it was not printed"


def record(
    edition: Edition,
    layout: Layout,
    published: tuple[Edition, ...],
    pdf_failure: dict | None,
    digest: str | None = None,
) -> None:
    """What the published book was built from (`digest`: as it is now, unless given), and
    why its last print failed (`pdf_failure`: the printer's key and the words), for the next
    build to compare."""
    digest = digest or edition_digest(edition, layout, published)
    layout.state.parent.mkdir(parents=True, exist_ok=True)
    state = {"digest": digest, "pdf": pdf_failure}
    atomic.write_if_changed(layout.state, json.dumps(state).encode())
