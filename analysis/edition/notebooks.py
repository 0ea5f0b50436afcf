"""The notebooks of an edition: templates and their parameters cells, fingerprints of what
each executed notebook depends on, execution with papermill, and the cache that lets every
edition reuse a notebook executed with the same inputs.

A notebook is executed again only when its inputs changed: its template, the parameters
its parameters cell declares, the code, the data, the catalogs of its language and the
content of a user's file it reads. Executed notebooks are kept in a cache named by that
fingerprint (`_build/.cache/<digest>/`), shared by every edition.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

from analysis.contract.parameters import FILE_PARAMETERS, Edition
from analysis.contract.userfiles import read_user_file
from analysis.core.paths import PACKAGE, ROOT
from analysis.core.text import printable
from analysis.edition import atomic
from analysis.edition.layout import Layout
from analysis.edition.steps import BuildError
from analysis.exhibits import FIGURES_DIR

KERNEL = "python3"
# Notebook metadata key under which an executed notebook records how it was made.
META_KEY = "mem_book"
PARAMETERS_HEADER = "# Parameters this notebook reads (allowed: analysis/contract/parameters.py)"
# Inputs of every notebook besides its template and parameters.
SHARED_INPUTS = ("requirements.txt", "CITATION.cff", "_config.yml")  # (its address)
# Inputs of one notebook only, by template.
OWN_INPUTS = {"changes": ("releases/changes.json",)}  # what changed between releases


MADE_FROM_RECORDS = (".xlsx", ".zip")  # figure files the build writes from their records


class TemplateError(BuildError):
    """A template's parameters cell names a parameter the model does not know."""


def templates(root: Path = ROOT) -> list[Path]:
    """The notebook templates of the project at `root`, in name order."""
    return sorted((root / "analysis" / "templates").glob("*.ipynb"))


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
        raise TemplateError(
            f"{template.name}: parameters cell names unknown parameter {unknown[0]!r}"
        )
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


# The code loaded where a notebook runs: what it computes, says and draws, how it is
# executed, and what that imports. The build's other modules (scheduling, HTML, PDF, the
# command line) run only after the notebooks: a change there builds the HTML again
# (state.py), but executes no notebook. tests/test_layout.py checks that this covers every
# module loaded where notebooks run.
NOTEBOOK_CODE = ("core", "contract", "compute", "exhibits", "chapters")
NOTEBOOK_RUNNERS = (
    "notebook.py", "engine.py", "papermill_engine.py", "notebooks.py",
    "layout.py", "grid.py", "atomic.py", "steps.py", "workers.py", "__init__.py",
)  # fmt: skip


def code_files(root: Path) -> list[Path]:
    """The code and the project files every notebook depends on."""
    code = [PACKAGE / "__init__.py"]
    for folder in NOTEBOOK_CODE:
        code += sorted((PACKAGE / folder).rglob("*.py"))
    code += [PACKAGE / "edition" / name for name in NOTEBOOK_RUNNERS]
    return code + [root / name for name in SHARED_INPUTS]


def _catalogs(root: Path, lang: str) -> list[Path]:
    return sorted((root / "locales" / lang).rglob("*.po")) if lang != "en" else []


def notebook_digest(edition: Edition, template: Path, root: Path = ROOT) -> str:
    """A fingerprint of everything an executed notebook depends on."""
    names = declared_parameters(template)
    seen = edition.restricted(names)
    digest = hashlib.sha256()
    digest.update(json.dumps(seen.identity(), sort_keys=True).encode())
    inputs = [template, *code_files(root), *sorted((root / "data").glob("*"))]
    inputs += [root / name for name in OWN_INPUTS.get(template.stem, ())]
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


def record(notebook_path: Path) -> dict:
    """How an executed notebook was made (its parameters, fingerprint and files), or {}."""
    try:
        return nbformat.read(notebook_path, as_version=4).metadata.get(META_KEY, {})
    except Exception:  # an unreadable notebook is simply made again
        return {}


def is_current(executed: Path, digest: str) -> bool:
    """True when `executed` was made from exactly these inputs and its files are intact."""
    if not executed.is_file():
        return False
    made = record(executed)
    if made.get("inputs_sha256") != digest:
        return False
    return all(_sha(executed.parent / name) == sha for name, sha in made.get("files", {}).items())


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
        return f"cannot write the executed notebook or its figures: {atomic.describe(exc)}"


def _execute(
    template: Path, folder: Path, edition: Edition, digest: str, timeout: float | None
) -> str | None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.edition.papermill_engine import ENGINE_NAME, register

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
    from analysis.edition.engine import cell_words

    source = exc.source or ""
    cells = nbformat.read(template, as_version=4).cells
    cell_id = next((cell.get("id") for cell in cells if cell.source == source), None)
    return cell_words(exc.exec_count, cell_id, source)


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
class Plan:
    """One notebook of an edition: its template, fingerprint, and where an executed copy
    stands (None: it must be executed)."""

    template: Path
    digest: str
    source: Path | None


def plan(edition: Edition, layout: Layout, force: bool) -> list[Plan]:
    """Each template of the edition, and whether an executed copy of it can be reused."""
    plans = []
    for template in templates(layout.root):
        digest = notebook_digest(edition, template, layout.root)
        target = layout.notebooks / template.name
        if not force and is_current(target, digest):
            plans.append(Plan(template, digest, layout.notebooks))
            continue
        # Executed before, for this edition or another: this build's cache, a shared one,
        # or the reference edition's committed notebooks.
        places = [layout.cache / digest, *(cache / digest for cache in layout.shared_caches)]
        places.append(layout.root / "book")
        found = None
        if not force:
            found = next((p for p in places if is_current(p / template.name, digest)), None)
        plans.append(Plan(template, digest, found))
    return plans


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


def install_all(plans: list[Plan], layout: Layout) -> None:
    """Every executed notebook of the edition in its folder, and no figure left unclaimed."""
    for each in plans:
        _install(each.source, each.template.name, layout)
    _remove_unclaimed_figures(layout)


def _install(source: Path, name: str, layout: Layout) -> None:
    """Copy an executed notebook and the files it made into the edition's folder."""
    if source == layout.notebooks:
        return
    for relative in [name, *record(source / name).get("files", {})]:
        atomic.copy_if_changed(source / relative, layout.notebooks / relative)


def _remove_unclaimed_figures(layout: Layout) -> None:
    claimed = set()
    for template in templates(layout.root):
        claimed |= set(record(layout.notebooks / template.name).get("files", {}))
    folder = layout.notebooks / FIGURES_DIR
    if folder.is_dir():
        for path in folder.iterdir():
            # A workbook and a data package are made from a figure's record, after it.
            made = path.with_suffix(".json").name
            if f"{FIGURES_DIR}/{path.name}" not in claimed and not (
                path.suffix in MADE_FROM_RECORDS and f"{FIGURES_DIR}/{made}" in claimed
            ):
                path.unlink()


def warm_up() -> None:
    """Import, once, what every notebook imports: each forked worker inherits it."""
    import importlib
    import pkgutil

    import papermill  # noqa: F401

    import analysis.chapters

    for module in pkgutil.walk_packages(analysis.chapters.__path__, "analysis.chapters."):
        importlib.import_module(module.name)
    from analysis.edition import engine, notebook  # noqa: F401
    from analysis.edition.papermill_engine import register

    register()
    from analysis.exhibits import prose  # noqa: F401


def notebook_job(each: Plan, folder: Path, edition: Edition, cell_timeout: float | None):
    """Executing one notebook into `folder`, as a job for a forked worker."""
    from analysis.edition.workers import temporary_files_in

    def job() -> str | None:
        temporary_files_in(folder.with_name(f"{folder.name}.tmp"))  # not among its outputs
        return execute(each.template, folder, edition, each.digest, cell_timeout)

    return job


def job_name(each: Plan, edition: Edition, alone: bool) -> str:
    """A notebook as the progress lines and errors name it: its template, and, when several
    editions are built, the parameters it sees."""
    if alone:
        return each.template.stem
    seen = edition.restricted(declared_parameters(each.template))
    return f"{each.template.stem} ({seen.label or 'reference'})"
