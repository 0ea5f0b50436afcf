"""Build an edition: execute the notebook templates with papermill, then the HTML book.

Nothing is published until every step has succeeded: notebooks run in a scratch folder
of this build's own and the HTML is built into a staging folder, then swapped in at once
(see `publish`); an edition whose first build fails leaves nothing (no folder, lock or
copy), and a file system error names the step it stopped (`_step`). A notebook is
executed again only when its inputs changed: its template, the parameters it declares,
the code, the data; an edition whose inputs did not change at all is not rebuilt, and
nothing is written for it. A user's file is copied once, as it was checked, into the
edition's `inputs/`: the notebooks read that copy, and name it only by its file name.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from analysis.contract.package import PACKAGE_ZIP
from analysis.contract.userfiles import printable, read_user_file
from analysis.edition import publish
from analysis.edition.parameters import FILE_PARAMETERS, Edition, file_stem
from analysis.edition.progress import Progress
from analysis.exhibits import FIGURES_DIR

# The rest is imported where used, so that a build with nothing to do starts fast: the
# data's validation (frictionless), the engine (papermill, IPython), the exhibits (matplotlib).

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATES = PACKAGE / "templates"
KERNEL = "python3"
# Notebook metadata key under which an executed notebook records how it was made.
META_KEY = "mem_book"
FIGURES_PAGE = "figures.md"
PARAMETERS_HEADER = "# Parameters this notebook reads (allowed: analysis/edition/parameters.py)"
# Files in book/ that the build writes; a variant makes its own.
GENERATED = {FIGURES_DIR, FIGURES_PAGE, PACKAGE_ZIP}
# Inputs of every notebook besides its template and parameters.
SHARED_INPUTS = ("requirements.txt", "CITATION.cff", "_config.yml")  # (its address)


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


class DataBuildError(BuildError):
    """The data break their contract."""


class StepError(BuildError):
    """A file system error in a step of the build; the message names the step."""


@dataclass(frozen=True)
class Layout:
    """Where one edition's files go.

    `build` is the build folder, `_build/` by default. Another one (tests use their own)
    gets editions, locks and cache of its own, and also reuses, read-only, the notebooks
    already executed in `_build/`'s cache: they are named by their inputs' fingerprint.
    """

    root: Path
    source: Path  # the Jupyter Book source folder (holds _config.yml, _toc.yml, book/)
    notebooks: Path  # where the executed notebooks land
    html: Path  # the published HTML: a link to a complete tree
    staging: Path  # Jupyter Book's output folder, kept for incremental rebuilds
    state: Path  # what the published book was built from
    build: Path  # the build folder: _build/, or another

    @classmethod
    def for_edition(cls, edition: Edition, root: Path = ROOT, build: Path | None = None) -> Layout:
        build = Path(build) if build is not None else root / "_build"
        if edition.is_reference:
            return cls(
                root,
                root,
                root / "book",
                build / "html",
                build / ".staging",
                build / ".state" / "reference.json",
                build,
            )
        home = build / "editions" / edition.slug
        return cls(
            root,
            home / "source",
            home / "source" / "book",
            home / "html",
            home / ".staging",
            home / ".state.json",
            build,
        )

    @property
    def lock(self) -> Path:
        """One per edition, outside a variant's folder (its first build may remove that)."""
        name = "reference" if self.own_folder is None else self.own_folder.name
        return self.build / ".state" / f"{name}.lock"

    @property
    def own_folder(self) -> Path | None:
        """A variant's folder under _build/editions; None for the reference edition."""
        return None if self.source == self.root else self.source.parent

    @property
    def inputs(self) -> Path:
        """Copies of users' files, one folder per content, in the edition's own folder (the
        reference edition reads none): they go with it if its first build fails."""
        return (self.own_folder or self.build) / "inputs"

    @property
    def scratch(self) -> Path:
        return self.build / ".scratch"

    @property
    def cache(self) -> Path:
        return self.build / ".cache"

    @property
    def shared_caches(self) -> tuple[Path, ...]:
        """Caches read but never written: `_build/`'s, for a build folder of another place."""
        default = self.root / "_build" / ".cache"
        return () if self.cache == default else (default,)


def templates() -> list[Path]:
    """The notebook templates, in name order."""
    return sorted(TEMPLATES.glob("*.ipynb"))


def _parameters_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))


def declared_parameters(template: Path) -> list[str]:
    """The parameters a template reads: the names its parameters cell assigns."""
    cell = _parameters_cell(nbformat.read(template, as_version=4))
    names = [
        target.id
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    unknown = [name for name in names if name not in Edition.model_fields]
    if unknown:
        raise BuildError(f"{template.name}: parameters cell names unknown parameter {unknown[0]!r}")
    return [name for name in Edition.model_fields if name in names]


def parameters_source(names: list[str]) -> str:
    """The parameters cell for a template that reads `names`: the model's defaults."""
    defaults = Edition()
    lines = [f"{name} = {_literal(getattr(defaults, name))}" for name in names]
    return PARAMETERS_HEADER + "\n" + "\n".join(lines)


def _literal(value) -> str:
    """A Python literal as ruff formats it (strings in double quotes)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def sync_parameter_cells() -> list[Path]:
    """Rewrite each template's parameters cell from the model; return those changed."""
    changed = []
    for template in templates():
        notebook = nbformat.read(template, as_version=4)
        cell = _parameters_cell(notebook)
        wanted = parameters_source(declared_parameters(template))
        if cell.source != wanted:
            cell.source = wanted
            nbformat.write(notebook, template)
            changed.append(template)
    return changed


def _code_files(root: Path) -> list[Path]:
    return sorted(PACKAGE.rglob("*.py")) + [root / name for name in SHARED_INPUTS]


def _catalogs(root: Path, lang: str) -> list[Path]:
    return sorted((root / "locales" / lang).rglob("*.po")) if lang != "en" else []


def notebook_digest(edition: Edition, template: Path, root: Path = ROOT) -> str:
    """A fingerprint of everything an executed notebook depends on."""
    names = declared_parameters(template)
    seen = edition.restricted(names)
    digest = hashlib.sha256()
    digest.update(json.dumps(seen.identity(), sort_keys=True).encode())
    inputs = [template, *_code_files(root), *sorted((root / "data").glob("*"))]
    for path in inputs + _catalogs(root, seen.lang):
        if path.is_file():
            digest.update(os.fsencode(_input_name(path, root)))
            digest.update(path.read_bytes())
    for path in seen.input_files().values():  # by content: where the user keeps it is no input
        digest.update(read_user_file(path))
    return digest.hexdigest()


def _input_name(path: Path, root: Path) -> Path | str:
    """How an input is named in a fingerprint: by its place in the project, whether it is
    `root`'s (data, catalogs) or this package's (code), so that a copy of the project with
    the same files has the same fingerprints."""
    for top in (root, PACKAGE.parent):
        if path.is_relative_to(top):
            return path.relative_to(top)
    return path.name


def _record(notebook_path: Path) -> dict:
    try:
        return nbformat.read(notebook_path, as_version=4).metadata.get(META_KEY, {})
    except Exception:  # an unreadable notebook is simply made again
        return {}


def is_current(executed: Path, digest: str) -> bool:
    """True when `executed` was made from exactly these inputs and its files are intact."""
    if not executed.is_file():
        return False
    record = _record(executed)
    if record.get("inputs_sha256") != digest:
        return False
    return all(_sha(executed.parent / name) == sha for name, sha in record.get("files", {}).items())


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def strip_volatile(notebook: nbformat.NotebookNode) -> None:
    """Drop papermill's timings and random ids, and hide the parameter cells."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id
            if "remove-cell" not in tags:
                tags.append("remove-cell")


def execute(
    template: Path, folder: Path, edition: Edition, digest: str, timeout: float | None = None
) -> str | None:
    """Run one template with papermill into `folder`; return an error line or None.

    Runs in a forked worker, with this package already imported. A cell may run `timeout`
    seconds (None: the engine's CELL_TIMEOUT).
    """
    try:
        return _execute(template, folder, edition, digest, timeout)
    except OSError as exc:  # a full disk, a file size limit (ulimit -f)
        return f"cannot write the executed notebook or its figures: {publish.describe(exc)}"


def _execute(
    template: Path, folder: Path, edition: Edition, digest: str, timeout: float | None
) -> str | None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.edition.engine import ENGINE_NAME, register

    register()

    output = folder / template.name
    names = declared_parameters(template)
    parameters = {name: getattr(edition, name) for name in names}
    try:
        papermill.execute_notebook(
            str(template),
            str(output),
            parameters=parameters,
            engine_name=ENGINE_NAME,
            kernel_name=KERNEL,
            cwd=str(folder),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        if exc.ename == "CellTimeout":  # "did not finish within 600 s (cell timeout)"
            said = printable(exc.evalue, 300).removeprefix("the cell ")
            return f"{_failed_cell(template, exc)} {said}"
        return f"{_failed_cell(template, exc)} failed: {exc.ename}: {printable(exc.evalue, 300)}"
    notebook = nbformat.read(output, as_version=4)
    strip_volatile(notebook)
    published = _as_published(parameters)
    _restate_parameters(notebook, published)
    made = [path for path in sorted(folder.rglob("*")) if path.is_file() and path != output]
    files = {path.relative_to(folder).as_posix(): _sha(path) for path in made}
    notebook.metadata[META_KEY] = {
        "parameters": published,
        "inputs_sha256": digest,
        "files": files,
    }
    nbformat.write(notebook, output)
    return None


def _failed_cell(template: Path, exc) -> str:
    """The failed cell as a reader finds it in the template: its number, id and first line."""
    source = exc.source or ""
    cells = nbformat.read(template, as_version=4).cells
    cell_id = next((cell.get("id") for cell in cells if cell.source == source), None)
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    named = f"id {cell_id!r}, " if cell_id else ""
    return f"cell {exc.exec_count} ({named}first line: {printable(first, 60)})"


def _as_published(parameters: dict) -> dict:
    """The parameters as a published notebook states them: a user's file by its file name
    (that of the copy the notebook read), never a path on the machine that built it."""
    return {
        name: Path(value).name
        if name in FILE_PARAMETERS and value not in FILE_PARAMETERS[name]
        else value
        for name, value in parameters.items()
    }


def _restate_parameters(notebook: nbformat.NotebookNode, parameters: dict) -> None:
    """Write the injected parameters cell again, as papermill does, with `parameters`."""
    from papermill.translators import translate_parameters

    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters(KERNEL, "python", parameters, "Parameters")


@dataclass
class _Plan:
    template: Path
    digest: str
    source: Path | None  # a folder holding an executed copy to reuse, or None: execute


def _plan(edition: Edition, layout: Layout, force: bool) -> list[_Plan]:
    plans = []
    for template in templates():
        digest = notebook_digest(edition, template, layout.root)
        target = layout.notebooks / template.name
        if not force and is_current(target, digest):
            plans.append(_Plan(template, digest, layout.notebooks))
            continue
        # Executed before, for this edition or another: this build's cache, a shared one,
        # or the reference edition's committed notebooks.
        places = [layout.cache / digest, *(cache / digest for cache in layout.shared_caches)]
        places.append(layout.root / "book")
        found = None
        if not force:
            found = next((p for p in places if is_current(p / template.name, digest)), None)
        plans.append(_Plan(template, digest, found))
    return plans


def _install(source: Path, name: str, layout: Layout) -> None:
    """Copy an executed notebook and the files it made into the edition's folder."""
    if source == layout.notebooks:
        return
    record = _record(source / name)
    for relative in [name, *record.get("files", {})]:
        publish.copy_if_changed(source / relative, layout.notebooks / relative)


def execute_all(
    edition: Edition,
    layout: Layout,
    force: bool,
    progress: Progress,
    cell_timeout: float | None = None,
    html: bool = True,
) -> int:
    """Execute the notebooks whose inputs changed; reuse the others. Return how many ran."""
    from analysis.edition.engine import Workers

    _warm_up()
    plans = _plan(edition, layout, force)
    to_run = [plan for plan in plans if plan.source is None]
    workers = min(len(to_run), os.cpu_count() or 1)
    progress.notebooks([plan.template.stem for plan in to_run], len(plans) - len(to_run), workers)
    with publish.scratch_folder(layout.scratch, "notebooks") as scratch:
        jobs = []
        for plan in to_run:
            folder = scratch / plan.template.stem
            folder.mkdir()
            jobs.append((plan.template.stem, _job(plan, folder, edition, cell_timeout)))
        # While the workers run, this process imports what the HTML step needs.
        errors = Workers(workers).run(
            jobs,
            progress.notebook_done,
            idle=_import_sphinx if html else None,
            started=progress.started_notebook,
        )
        if errors:
            more = f" (and {len(errors) - 1} more notebooks failed)" if len(errors) > 1 else ""
            raise BuildError(errors[0] + more)
        for plan in to_run:
            plan.source = keep_executed(scratch / plan.template.stem, plan.digest, layout)
        install_all(plans, layout)
    return len(to_run)


def keep_executed(folder: Path, digest: str, layout: Layout) -> Path:
    """Move a notebook executed into `folder` to the cache of executed notebooks (shared by
    every edition); return where it now is."""
    cached = layout.cache / digest
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.rename(cached)
        except OSError:  # another build cached the same inputs meanwhile
            pass
    return cached if cached.exists() else folder


def install_all(plans: list[_Plan], layout: Layout) -> None:
    """Every executed notebook of the edition in its folder, and no figure left unclaimed."""
    for plan in plans:
        _install(plan.source, plan.template.name, layout)
    _remove_unclaimed_figures(layout)


def _warm_up() -> None:
    """Import, once, what every notebook imports: each forked worker inherits it."""
    import importlib
    import pkgutil

    import papermill  # noqa: F401

    import analysis.chapters

    for module in pkgutil.walk_packages(analysis.chapters.__path__, "analysis.chapters."):
        importlib.import_module(module.name)
    from analysis.edition import engine, notebook  # noqa: F401

    engine.register()
    from analysis.exhibits import prose  # noqa: F401


def _import_sphinx() -> None:
    """Import what the HTML step needs, while the notebooks run: its fork inherits it."""
    import jupyter_book.sphinx  # noqa: F401
    import myst_nb.sphinx_ext  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinx_copybutton  # noqa: F401
    import sphinx_design  # noqa: F401
    import sphinx_external_toc  # noqa: F401
    import sphinx_togglebutton  # noqa: F401

    import analysis.edition.sphinxext  # noqa: F401


def _job(plan: _Plan, folder: Path, edition: Edition, cell_timeout: float | None):
    def job() -> str | None:
        _temporary_files_in(folder.with_name(f"{folder.name}.tmp"))  # not among its outputs
        return execute(plan.template, folder, edition, plan.digest, cell_timeout)

    return job


def _temporary_files_in(folder: Path) -> None:
    """In a worker: temporary files (a crash log of Sphinx, say) go to this build's own
    scratch folder, removed with it, and never to the system's temporary folder."""
    import tempfile

    folder.mkdir(exist_ok=True)
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)


def _remove_unclaimed_figures(layout: Layout) -> None:
    claimed = set()
    for template in templates():
        claimed |= set(_record(layout.notebooks / template.name).get("files", {}))
    folder = layout.notebooks / FIGURES_DIR
    if folder.is_dir():
        for path in folder.iterdir():
            made = path.with_suffix(".json").name  # a workbook: made from a figure's record
            if f"{FIGURES_DIR}/{path.name}" not in claimed and not (
                path.suffix == ".xlsx" and f"{FIGURES_DIR}/{made}" in claimed
            ):
                path.unlink()


def assemble_variant_source(edition: Edition, layout: Layout) -> None:
    """Copy the book's own pages, configuration and catalogs into the variant's folder, and
    its data package in the edition's language (the files its pages offer for download)."""
    from analysis.exhibits.data_package import package_files

    root, source = layout.root, layout.source
    for path in sorted((root / "book").rglob("*")):
        relative = path.relative_to(root / "book")
        if path.is_file() and relative.parts[0] not in GENERATED and path.suffix != ".ipynb":
            publish.copy_if_changed(path, source / "book" / relative)
    for name, data in package_files(edition.lang, root / "data").items():
        publish.write_if_changed(source / "data" / name, data)
    for path in sorted((root / "locales").rglob("*.*")):
        if path.is_file() and path.suffix != ".mo":
            publish.copy_if_changed(path, source / path.relative_to(root))


def write_config(edition: Edition, layout: Layout) -> None:
    """The variant's `_config.yml` and `_toc.yml`: the reference's, in its language."""
    if edition.is_reference:
        return
    from analysis.exhibits.words import book_title, tr, translate

    lang = edition.lang
    config = yaml.safe_load((layout.root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = book_title(lang)
    config["author"] = translate(config["author"], lang)
    sphinx = config["sphinx"]["config"]
    sphinx["language"] = lang
    sphinx["mem_edition"] = edition.model_dump()
    if lang != "en":
        sphinx["nb_code_prompt_show"] = tr("Show the code", lang)
        sphinx["nb_code_prompt_hide"] = tr("Hide the code", lang)
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    publish.write_if_changed(layout.source / "_config.yml", text.encode("utf-8"))
    toc = yaml.safe_load((layout.root / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        part["caption"] = translate(part["caption"], lang)
    text = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)
    publish.write_if_changed(layout.source / "_toc.yml", text.encode("utf-8"))


def write_generated_pages(edition: Edition, layout: Layout) -> None:
    """The Figures page and each figure's workbook (from the figures' records, once every
    figure has its number) and the zipped data package (in the edition's language)."""
    from analysis.exhibits.citation import edition_address
    from analysis.exhibits.data_package import package_zip
    from analysis.exhibits.publish import figure_address, figures_page, records
    from analysis.exhibits.terms import edition_label
    from analysis.exhibits.workbook import write_workbook

    folder = layout.notebooks / FIGURES_DIR
    address = edition_address(edition)
    page = figures_page(folder, edition.lang, edition_label(edition), address)
    publish.write_if_changed(layout.notebooks / FIGURES_PAGE, page.encode("utf-8"))
    for number, record in enumerate(records(folder), 1):
        workbook = write_workbook(folder, record, number, figure_address(record, address))
        publish.write_if_changed(folder / f"{record['id']}.xlsx", workbook)
    # The package in the edition's language: the same files the data page offers.
    zipped = package_zip(edition.lang, layout.root / "data")
    publish.write_if_changed(layout.notebooks / PACKAGE_ZIP, zipped)


def extension_digest(root: Path) -> str:
    """A fingerprint of what Sphinx does not watch itself: the extension's code, the words it
    writes into pages, the static files and templates (Sphinx copies static files only when
    some page is out of date)."""
    digest = hashlib.sha256()
    files = [PACKAGE / "edition" / "sphinxext.py", PACKAGE / "exhibits" / "words.py"]
    files.append(PACKAGE / "edition" / "sphinx_exports.py")
    files += sorted((root / "locales").rglob("analysis.po"))
    for folder in ("_static", "_templates"):
        files += sorted(path for path in (root / "book" / folder).rglob("*") if path.is_file())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sphinx(layout: Layout, log: Path, address: str = "", builder: str = "html") -> str | None:
    """Run Jupyter Book's Sphinx build (warnings as errors) into the staging folder; the
    `singlehtml` builder (the page the PDF is printed from) reuses the HTML's doctrees."""
    from jupyter_book.sphinx import build_sphinx

    with open(log, "w", encoding="utf-8") as stream, _redirected(stream):
        result = build_sphinx(
            str(layout.source),
            str(layout.staging / "_build" / ("html" if builder == "html" else "print")),
            use_external_toc=True,
            noconfig=True,
            path_config=str(layout.source / "_config.yml"),
            confoverrides={
                "external_toc_path": (layout.source / "_toc.yml").as_posix(),
                "latex_individualpages": False,
                "nitpicky": True,
                "mem_extension": extension_digest(layout.root),
                # The edition's own address (html.baseurl is the site's): canonical links.
                "html_baseurl": address,
                "mem_pdf": pdf_expected(),
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


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


def build_html(
    layout: Layout, progress: Progress, address: str = "", edition: Edition | None = None
) -> None:
    """The HTML (and, for an `edition`, its PDF), built into the staging folder and then
    published at once."""
    started = time.perf_counter()
    from analysis.edition.engine import run_forked

    begin_html(layout)
    with publish.scratch_folder(layout.scratch, "sphinx") as scratch:
        error = run_forked(html_job(layout, scratch, address), "sphinx")
    end_html(layout, error)
    if edition is not None:
        if pdf_wanted(progress):
            build_pdf(edition, layout, progress, address)
        else:
            drop_pdfs(edition, layout)
    progress.checkpoint()  # the last moment a stop leaves the published book as it was
    publish_html(layout)
    progress.step("HTML built and published", time.perf_counter() - started)


def begin_html(layout: Layout) -> None:
    """Mark the staging folder as being written (a build stopped half way starts afresh)."""
    dirty = layout.staging / ".incomplete"
    if dirty.exists():  # a build was stopped half way: start the staging folder afresh
        shutil.rmtree(layout.staging, ignore_errors=True)
    dirty.parent.mkdir(parents=True, exist_ok=True)
    dirty.touch()


def html_job(layout: Layout, scratch: Path, address: str = ""):
    """The Sphinx build, as a job for a forked worker (its log and temporary files in
    `scratch`)."""

    def sphinx() -> str | None:
        _temporary_files_in(scratch / "tmp")
        return _sphinx(layout, scratch / "sphinx.log", address)

    return sphinx


def end_html(layout: Layout, error: str | None) -> None:
    """After the Sphinx job: its staging folder is whole unless the worker died; a
    BuildError if it failed."""
    from analysis.edition.engine import WORKER_DIED

    if not (error or "").startswith(WORKER_DIED):  # Sphinx ended on its own: its state is whole
        (layout.staging / ".incomplete").unlink(missing_ok=True)
    if error:
        raise BuildError(f"Jupyter Book failed: {error}")


def publish_html(layout: Layout) -> None:
    """Swap the staged HTML in as the edition's published book, at once."""
    with _step("cannot publish the book"):
        publish.publish_tree(layout.staging / "_build" / "html", layout.html)


def pdf_expected() -> bool:
    """Whether this build prints PDFs: not with MEM_PDF=off, nor without Chromium."""
    from analysis.edition import pdf

    return os.environ.get("MEM_PDF", "on") != "off" and pdf.chromium() is not None


def pdf_wanted(progress: Progress) -> bool:
    """pdf_expected(), saying why not when Chromium is missing (once)."""
    if os.environ.get("MEM_PDF", "on") != "off" and not pdf_expected():
        progress.say(
            "PDF skipped: Debian's Chromium is not installed (apt-get install -y chromium)"
        )
    return pdf_expected()


def drop_pdfs(edition: Edition, layout: Layout) -> None:
    """No PDF in the staged HTML: an older one must not be published beside newer pages."""
    from analysis.edition.sphinx_exports import BRIEF_NAME, pdf_name

    for name in (pdf_name(edition), BRIEF_NAME):
        (layout.staging / "_build" / "html" / name).unlink(missing_ok=True)


def pdf_job(edition: Edition, layout: Layout, scratch: Path, address: str = ""):
    """The edition's PDF and brief printed into its staging tree, as a job for a forked
    worker: a single-page HTML build (Sphinx's singlehtml), then Chromium. What it wrote is
    left in `scratch` for `end_pdf` to say."""

    def job() -> str | None:
        from analysis.edition import pdf

        _temporary_files_in(scratch / "tmp")
        _print_time_limit(PRINT_TIMEOUT)
        error = _sphinx(layout, scratch / "print.log", address, "singlehtml")
        if error:
            return f"the single-page HTML failed: {error}"
        root = yaml.safe_load((layout.source / "_toc.yml").read_text(encoding="utf-8"))["root"]
        out = layout.staging / "_build" / "print"
        # singlehtml writes the page where the root document is, with links relative to
        # its own root: read from there.
        page = out / "print.html"
        shutil.copyfile(out / f"{root}.html", page)
        try:
            _, made = pdf.make_pdfs(edition, layout, layout.staging / "_build" / "html", page)
        except Exception as exc:  # Chromium, Playwright, the words: one line
            return str(exc) if isinstance(exc, pdf.PdfError) else _one_line(exc)
        (scratch / "made.txt").write_text("; ".join(made), encoding="utf-8")
        return None

    return job


PRINT_TIMEOUT = 600  # seconds for the whole print job: ~20 s is usual on 2 cores


def _print_time_limit(seconds: int) -> None:
    """In the print worker: after `seconds`, end every process it started (Playwright's
    driver, Chromium) and the worker, saying why; the HTML is published without a PDF."""
    from analysis.edition.engine import _end_worker

    def expired(*_) -> None:
        import psutil

        children = psutil.Process().children(recursive=True)
        for child in children:
            with contextlib.suppress(psutil.Error):
                child.kill()
        psutil.wait_procs(children, timeout=5)
        _end_worker(f"the PDF step did not finish within {seconds} s")

    signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)


def end_pdf(edition: Edition, layout: Layout, scratch: Path, error: str | None) -> str:
    """After the PDF job: the line that says what was printed; on a failure, no PDF at all
    (never an older one beside newer pages) and a warning: the HTML is published all the
    same."""
    if error:
        drop_pdfs(edition, layout)
        return f"warning: no PDF of this edition ({error}); its HTML is published without it"
    return f"PDF printed ({(scratch / 'made.txt').read_text(encoding='utf-8')})"


def build_pdf(edition: Edition, layout: Layout, progress: Progress, address: str = "") -> None:
    """The edition's PDF and brief, into the staging tree before it is published."""
    from analysis.edition.engine import run_forked

    started = time.perf_counter()
    with publish.scratch_folder(layout.scratch, "print") as scratch:
        error = run_forked(pdf_job(edition, layout, scratch, address), "print")
        line = end_pdf(edition, layout, scratch, error)
    if error:
        progress.say(line)
    else:
        progress.step(line, time.perf_counter() - started)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


def edition_digest(edition: Edition, layout: Layout) -> str:
    """A fingerprint of everything the published book depends on, outputs included."""
    root = layout.root
    digest = hashlib.sha256(json.dumps(edition.identity(), sort_keys=True).encode())
    from analysis.edition.grid import GRID_FILE

    # (the edition list: every page's switcher links to the editions it names)
    files = [*templates(), *_code_files(root), GRID_FILE, root / "_config.yml", root / "_toc.yml"]
    for folder in (root / "data", root / "locales", root / "book", layout.notebooks):
        files += sorted(path for path in folder.rglob("*") if path.is_file())
    for path in dict.fromkeys(files):
        if path.is_file() and path.suffix != ".mo":
            digest.update(os.fsencode(path))
            digest.update(path.read_bytes())
    for path in edition.input_files().values():
        digest.update(read_user_file(path))
    digest.update(os.readlink(layout.html).encode() if layout.html.is_symlink() else b"-")
    return digest.hexdigest()


def is_published(edition: Edition, layout: Layout) -> bool:
    """True when the published book was built from exactly the current inputs."""
    if not (layout.html / "index.html").is_file() or not layout.state.is_file():
        return False
    try:
        state = json.loads(layout.state.read_text(encoding="utf-8"))
    except ValueError:
        return False
    if state.get("digest") != edition_digest(edition, layout):
        return False
    return not _pdf_missing(edition, layout)


def _pdf_missing(edition: Edition, layout: Layout) -> bool:
    """An edition published without its PDF while one can be printed now (Chromium was
    installed since, or the last print failed): it is built again, to print it."""
    from analysis.edition.sphinx_exports import pdf_name

    return pdf_expected() and not (layout.html / pdf_name(edition)).is_file()


@contextlib.contextmanager
def _step(what: str) -> Iterator[None]:
    """A step of the build: a file system error in it (a full disk, `ulimit -f`, a
    read-only folder) stops the build with one line that says which step, and where."""
    try:
        yield
    except OSError as exc:
        raise StepError(f"{what}: {publish.describe(exc)}") from None


def build(
    edition: Edition,
    root: Path = ROOT,
    force: bool = False,
    progress: Progress | None = None,
    html: bool = True,
    build_dir: Path | None = None,
    cell_timeout: float | None = None,
) -> Path:
    """Build one edition and return the path of its front page.

    With `html=False` only the notebooks and generated pages are made (for checks that
    read the executed notebooks); the published HTML is left as it was. `build_dir` is
    the build folder (`_build/` by default: see Layout); a cell may run `cell_timeout`
    seconds (None: the engine's default).
    """
    progress = progress or Progress(quiet=True)
    layout = Layout.for_edition(edition, root, build_dir)
    name = "the reference edition" if edition.is_reference else f"edition {edition.label}"
    waiting = lambda: progress.say(f"waiting for another build of {name} to finish")  # noqa: E731
    try:
        # Nothing changed, not even the data: nothing to check, nothing to write, not even
        # the lock (checked again under it: another build may be publishing meanwhile).
        if not force and is_published(edition, layout):
            progress.say(f"{name}: nothing changed since the last build")
            return layout.html / "index.html"
        with contextlib.ExitStack() as held:
            with _step("taking the edition's lock"):
                held.enter_context(publish.edition_lock(layout.lock, on_wait=waiting))
            return _build_locked(edition, layout, force, progress, html, name, cell_timeout)
    except StepError as exc:
        raise BuildError(f"cannot build {name}: {exc}") from None
    except OSError as exc:  # outside any step: still one line
        raise BuildError(f"cannot build {name}: {publish.describe(exc)}") from None


def _build_locked(
    edition: Edition,
    layout: Layout,
    force: bool,
    progress: Progress,
    html: bool,
    name: str,
    cell_timeout: float | None,
) -> Path:
    if not force and is_published(edition, layout):
        progress.say(f"{name}: nothing changed since the last build")
        return layout.html / "index.html"
    first = not os.path.lexists(layout.html)
    try:
        return _make(edition, layout, force, progress, html, name, cell_timeout)
    except BaseException:
        if first:  # an edition that never was published leaves nothing behind
            if layout.own_folder is not None:
                shutil.rmtree(layout.own_folder, ignore_errors=True)
            publish.remove_lock(layout.lock)
        raise


def _make(
    edition: Edition,
    layout: Layout,
    force: bool,
    progress: Progress,
    html: bool,
    name: str,
    cell_timeout: float | None,
) -> Path:
    from analysis.contract.load import DataError, validate_package

    root = layout.root
    publish.remove_stale_scratch(layout.scratch)
    try:
        validate_package(root / "data")
    except DataError as exc:
        raise DataBuildError(f"invalid data: {exc}") from None
    progress.say(f"building {name}")
    edition = prepare(edition, layout)
    with _step("executing the notebooks"):
        execute_all(edition, layout, force, progress, cell_timeout, html)
    with _step("writing the Figures page and the data package"):
        write_generated_pages(edition, layout)
    if not html:
        return layout.notebooks / "intro.ipynb"
    from analysis.exhibits.citation import edition_address

    with _step("building the HTML"):
        build_html(layout, progress, edition_address(edition), edition)
    record_published(edition, layout)
    return layout.html / "index.html"


def prepare(edition: Edition, layout: Layout) -> Edition:
    """An edition's source folder made ready for its notebooks; returns the edition reading
    the copies of its users' files."""
    with _step("copying the user's files"):
        edition = with_copied_inputs(edition, layout)
    # The notebooks import this checkout's `analysis`, whatever is installed.
    root = str(layout.root)
    if root not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [root, os.environ.get("PYTHONPATH")])
        )
    if not edition.is_reference:
        with _step("writing the edition's sources"):
            assemble_variant_source(edition, layout)
            write_config(edition, layout)
    return edition


def record_published(edition: Edition, layout: Layout) -> None:
    """What the published book was built from, for the next build to compare."""
    with _step("recording what the book was built from"):
        layout.state.parent.mkdir(parents=True, exist_ok=True)
        state = {"digest": edition_digest(edition, layout)}
        publish.write_if_changed(layout.state, json.dumps(state).encode())


def with_copied_inputs(edition: Edition, layout: Layout) -> Edition:
    """The edition reading copies of the user's files, made from the bytes that were checked:
    a file edited during the build cannot put two versions into one book."""
    copies = {}
    for name, path in edition.input_files().items():
        data = read_user_file(path)
        copy = layout.inputs / hashlib.sha256(data).hexdigest()[:16] / f"{file_stem(path)}.csv"
        publish.write_if_changed(copy, data)
        copies[name] = str(copy)
    return edition.model_copy(update=copies)
