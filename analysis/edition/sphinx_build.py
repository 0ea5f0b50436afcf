"""Jupyter Book's Sphinx build of an edition, run in a forked worker: the HTML book, or the
single page the PDF is printed from. Warnings are errors; the first line of Sphinx's log
that says what went wrong is the build's message."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from analysis.contract.parameters import Edition
from analysis.core.paths import PACKAGE
from analysis.edition.layout import Layout
from analysis.edition.steps import BuildError
from analysis.edition.workers import WORKER_DIED, temporary_files_in

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def import_sphinx() -> None:
    """Import what the HTML step needs, while the notebooks run: its fork inherits it."""
    import jupyter_book.sphinx  # noqa: F401
    import myst_nb.sphinx_ext  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinx_copybutton  # noqa: F401
    import sphinx_design  # noqa: F401
    import sphinx_external_toc  # noqa: F401
    import sphinx_togglebutton  # noqa: F401

    import analysis.edition.sphinxext  # noqa: F401


def extension_digest(root: Path) -> str:
    """A fingerprint of what Sphinx does not watch itself: the extension's code, the words it
    writes into pages, the static files and templates (Sphinx copies static files only when
    some page is out of date)."""
    digest = hashlib.sha256()
    files = [PACKAGE / "edition" / "sphinxext.py", PACKAGE / "edition" / "sphinx_exports.py"]
    files += [PACKAGE / "exhibits" / "language.py", PACKAGE / "exhibits" / "edition_words.py"]
    files += sorted((root / "locales").rglob("analysis.po"))
    for folder in ("_static", "_templates"):
        files += sorted(path for path in (root / "book" / folder).rglob("*") if path.is_file())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def begin_html(layout: Layout) -> None:
    """Mark the staging folder as being written (a build stopped half way starts afresh)."""
    dirty = layout.staging / ".incomplete"
    if dirty.exists():  # a build was stopped half way: start the staging folder afresh
        shutil.rmtree(layout.staging, ignore_errors=True)
    dirty.parent.mkdir(parents=True, exist_ok=True)
    dirty.touch()


def end_html(layout: Layout, error: str | None) -> None:
    """After a Sphinx job: its staging folder is whole unless the worker died; a BuildError
    if it failed."""
    if not (error or "").startswith(WORKER_DIED):  # Sphinx ended on its own: its state is whole
        (layout.staging / ".incomplete").unlink(missing_ok=True)
    if error:
        raise BuildError(f"Jupyter Book failed: {error}")


def html_job(layout: Layout, scratch: Path, context: dict):
    """The Sphinx build of the HTML book, as a job for a forked worker (its log and
    temporary files in `scratch`). `context`: see `sphinx_context`."""

    def sphinx() -> str | None:
        temporary_files_in(scratch / "tmp")
        return run_sphinx(layout, scratch / "sphinx.log", context)

    return sphinx


def sphinx_context(edition: Edition, grid: tuple[Edition, ...], pdf: bool) -> dict:
    """What a Sphinx build of `edition` is told besides its configuration: its address, the
    editions its switcher offers, and whether its pages link a PDF (only when one was
    printed)."""
    from analysis.exhibits.citation import edition_address

    return {
        # The edition's own address (html.baseurl is the site's): canonical links.
        "html_baseurl": edition_address(edition),
        "mem_grid": [other.label for other in grid],
        "mem_pdf": pdf,
    }


def run_sphinx(layout: Layout, log: Path, context: dict, builder: str = "html") -> str | None:
    """Run Jupyter Book's Sphinx build (warnings as errors) into the staging folder; the
    `singlehtml` builder (the page the PDF is printed from) shares the HTML's doctrees."""
    from jupyter_book.sphinx import build_sphinx

    out = layout.staged_html if builder == "html" else layout.print_page
    with open(log, "w", encoding="utf-8") as stream, _redirected(stream):
        result = build_sphinx(
            str(layout.source),
            str(out),
            use_external_toc=True,
            noconfig=True,
            path_config=str(layout.source / "_config.yml"),
            confoverrides={
                "external_toc_path": (layout.source / "_toc.yml").as_posix(),
                "latex_individualpages": False,
                "nitpicky": True,
                "mem_extension": extension_digest(layout.root),
                **context,
            },
            builder=builder,
            warningiserror=True,
            keep_going=True,
            quiet=True,
        )
    if result == 0:
        return None
    return _first_cause(log.read_text(encoding="utf-8", errors="replace"), result)


class _redirected:
    """sys.stdout and sys.stderr into one stream (Sphinx prints to both)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        import sys

        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.stream

    def __exit__(self, *exc):
        import sys

        sys.stdout, sys.stderr = self.saved


def _first_cause(log: str, result) -> str:
    """The line of Sphinx's log that says what went wrong."""
    lines = [_ANSI.sub("", line).strip() for line in log.splitlines()]
    for marker in ("WARNING:", "ERROR:", "CRITICAL:"):
        found = [line for line in lines if marker in line]
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            return found[0] + more
    errors = [line for line in lines if re.match(r"^[A-Za-z]*(Error|Exception): ", line)]
    if errors:
        return errors[-1]
    return str(result) if isinstance(result, BaseException) else f"exit status {result}"
