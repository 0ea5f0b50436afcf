"""Build an edition: execute the notebook templates with papermill, then the HTML book.

Nothing is published until every step has succeeded: notebooks are executed into a
work folder and the HTML is built into a staging folder, so a failure leaves the
previous good book as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from analysis.data import DataError, validate_package
from analysis.dictionary import PACKAGE_ZIP, write_package_zip
from analysis.exhibits import FIGURES_DIR, figures_page
from analysis.parameters import Edition

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
KERNEL = "python3"
# Notebook metadata key under which an executed notebook records how it was made.
META_KEY = "mem_book"
FIGURES_PAGE = "figures.md"
PARAMETERS_HEADER = (
    "# Parameters of this edition (papermill replaces them; allowed values: analysis/parameters.py)"
)

log = logging.getLogger("analysis.build")


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


@dataclass(frozen=True)
class Layout:
    """Where one edition's files go."""

    source: Path  # the Jupyter Book source folder (holds _config.yml, _toc.yml, book/)
    notebooks: Path  # where the executed notebooks land
    html: Path  # the published HTML
    staging: Path  # Jupyter Book's output folder, kept for incremental rebuilds
    work: Path  # scratch space for notebook execution

    @classmethod
    def for_edition(cls, edition: Edition, root: Path = ROOT) -> Layout:
        build = root / "_build"
        if edition.is_reference:
            return cls(root, root / "book", build / "html", build / ".staging", build / ".work")
        home = build / "editions" / edition.slug
        return cls(
            home / "source",
            home / "source" / "book",
            home / "html",
            home / ".staging",
            home / ".work",
        )


def templates() -> list[Path]:
    """The notebook templates, in name order."""
    return sorted(TEMPLATES.glob("*.ipynb"))


def parameters_source() -> str:
    """The `parameters` cell every template carries: the model's defaults."""
    defaults = Edition()
    lines = [f"{name} = {getattr(defaults, name)!r}" for name in Edition.model_fields]
    return PARAMETERS_HEADER + "\n" + "\n".join(lines)


def sync_parameter_cells() -> list[Path]:
    """Rewrite each template's `parameters` cell from the model; return those changed."""
    changed = []
    for template in templates():
        notebook = nbformat.read(template, as_version=4)
        cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
        if cell.source != parameters_source():
            cell.source = parameters_source()
            nbformat.write(notebook, template)
            changed.append(template)
    return changed


def inputs_digest(edition: Edition, template: Path, root: Path = ROOT) -> str:
    """A fingerprint of everything an executed notebook depends on."""
    digest = hashlib.sha256()
    digest.update(json.dumps(edition.model_dump(), sort_keys=True).encode())
    package = Path(__file__).resolve().parent
    inputs = [template, *sorted(package.glob("*.py")), *sorted((root / "data").glob("*"))]
    for path in inputs + edition.input_files():
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(executed: Path, digest: str) -> bool:
    """True when `executed` was made from exactly these inputs."""
    if not executed.is_file():
        return False
    try:
        metadata = nbformat.read(executed, as_version=4).metadata
    except Exception:  # an unreadable notebook is simply re-made
        return False
    return metadata.get(META_KEY, {}).get("inputs_sha256") == digest


def execute(template: Path, output: Path, edition: Edition, digest: str) -> None:
    """Run one template with papermill and write a clean, deterministic notebook."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(template),
            str(output),
            parameters=edition.model_dump(),
            kernel_name=KERNEL,
            cwd=str(output.parent),
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        raise BuildError(
            f"{template.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
        ) from None
    notebook = nbformat.read(output, as_version=4)
    strip_volatile(notebook)
    notebook.metadata[META_KEY] = {
        "parameters": edition.model_dump(),
        "inputs_sha256": digest,
    }
    nbformat.write(notebook, output)


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


def execute_all(edition: Edition, layout: Layout, root: Path, force: bool) -> None:
    """Execute every template whose inputs changed; publish them together on success.

    Notebooks run in parallel worker processes, each in a scratch folder of its own; the
    figure files a notebook writes there move with it into the edition's folder once
    every notebook has succeeded.
    """
    jobs = []
    for template in templates():
        digest = inputs_digest(edition, template, root)
        target = layout.notebooks / template.name
        if not force and is_current(target, digest):
            log.info("up to date: %s", target.relative_to(root))
            continue
        scratch = layout.work / template.stem
        if scratch.exists():
            shutil.rmtree(scratch)
        jobs.append((template, scratch, digest))
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running = []
        for template, scratch, digest in jobs:
            log.info("executing %s", template.name)
            running.append(pool.submit(execute, template, scratch / template.name, edition, digest))
        errors = [future.exception() for future in running if future.exception()]
    if errors:
        raise errors[0]
    for _, scratch, _ in jobs:
        for path in sorted(scratch.rglob("*")):
            if path.is_file():
                destination = layout.notebooks / path.relative_to(scratch)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, destination)
        shutil.rmtree(scratch)


# Files in book/ that the build writes; a variant makes its own.
GENERATED = {FIGURES_DIR, FIGURES_PAGE, PACKAGE_ZIP}


def assemble_variant_source(edition: Edition, layout: Layout, root: Path) -> None:
    """Copy the book's own pages, configuration and data into the variant's folder."""
    source = layout.source
    (source / "book").mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config['title']} ({edition.label})"
    if edition.lang == "es":
        config["sphinx"]["config"]["numfig_format"] = {"figure": "Figura %s"}
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copy2(root / "_toc.yml", source / "_toc.yml")
    for entry in (root / "book").iterdir():
        if entry.name in GENERATED or entry.suffix == ".ipynb":
            continue
        if entry.is_dir():
            shutil.copytree(entry, source / "book" / entry.name, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, source / "book" / entry.name)
    shutil.copytree(root / "data", source / "data", dirs_exist_ok=True)


def write_figures_page(layout: Layout) -> None:
    """The Figures page, from the records that the chapters' figures left."""
    page = figures_page(layout.notebooks / FIGURES_DIR)
    (layout.notebooks / FIGURES_PAGE).write_text(page, encoding="utf-8")


def build_html(layout: Layout) -> None:
    """Run Jupyter Book (no execution, warnings as errors), then publish the HTML."""
    jupyter_book = Path(sys.executable).parent / "jb"
    command = [
        str(jupyter_book), "build", str(layout.source),
        "--path-output", str(layout.staging), "-W", "-n", "--keep-going", "-q",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-20:]
        raise BuildError("Jupyter Book failed:\n" + "\n".join(detail))
    built = layout.staging / "_build" / "html"
    if layout.html.exists():
        shutil.rmtree(layout.html)
    shutil.copytree(built, layout.html)


def build(edition: Edition, root: Path = ROOT, force: bool = False) -> Path:
    """Build one edition and return the path of its front page."""
    layout = Layout.for_edition(edition, root)
    try:
        validate_package(root / "data")
    except DataError as exc:
        raise BuildError(f"invalid data: {exc}") from None
    # The kernels import this checkout's `analysis`, whatever is installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(root), os.environ.get("PYTHONPATH")])
    )
    if not edition.is_reference:
        assemble_variant_source(edition, layout, root)
    execute_all(edition, layout, root, force)
    write_figures_page(layout)
    write_package_zip(layout.notebooks / PACKAGE_ZIP, root / "data")
    build_html(layout)
    return layout.html / "index.html"
