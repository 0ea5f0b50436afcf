"""An edition's Jupyter Book source folder: the user's files copied in, a variant's own
pages, configuration and catalogs, and the pages made from the executed notebooks (the
Figures page, each figure's workbook, the zipped data package)."""

from __future__ import annotations

import hashlib
import os

import yaml

from analysis.contract.package import PACKAGE_ZIP
from analysis.contract.parameters import Edition, file_stem
from analysis.contract.userfiles import read_user_file
from analysis.edition import atomic
from analysis.edition.layout import Layout
from analysis.edition.steps import step
from analysis.exhibits import FIGURES_DIR

FIGURES_PAGE = "figures.md"
# Files in book/ that the build writes; a variant makes its own.
GENERATED = {FIGURES_DIR, FIGURES_PAGE, PACKAGE_ZIP}


def prepare(edition: Edition, layout: Layout) -> Edition:
    """An edition's source folder made ready for its notebooks; returns the edition reading
    the copies of its users' files."""
    with step("copying the user's files"):
        edition = with_copied_inputs(edition, layout)
    # The notebooks import this checkout's `analysis`, whatever is installed.
    root = str(layout.root)
    if root not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [root, os.environ.get("PYTHONPATH")])
        )
    if not edition.is_reference:
        with step("writing the edition's sources"):
            assemble_variant_source(edition, layout)
            write_config(edition, layout)
    return edition


def with_copied_inputs(edition: Edition, layout: Layout) -> Edition:
    """The edition reading copies of the user's files, made from the bytes that were checked:
    a file edited during the build cannot put two versions into one book."""
    copies = {}
    for name, path in edition.input_files().items():
        data = read_user_file(path)
        copy = layout.inputs / hashlib.sha256(data).hexdigest()[:16] / f"{file_stem(path)}.csv"
        atomic.write_if_changed(copy, data)
        copies[name] = str(copy)
    return edition.model_copy(update=copies)


def assemble_variant_source(edition: Edition, layout: Layout) -> None:
    """Copy the book's own pages, configuration and catalogs into the variant's folder, and
    its data package in the edition's language (the files its pages offer for download)."""
    from analysis.exhibits.data_package import package_files

    root, source = layout.root, layout.source
    for path in sorted((root / "book").rglob("*")):
        relative = path.relative_to(root / "book")
        if path.is_file() and relative.parts[0] not in GENERATED and path.suffix != ".ipynb":
            atomic.copy_if_changed(path, source / "book" / relative)
    for name, data in package_files(edition.lang, root / "data").items():
        atomic.write_if_changed(source / "data" / name, data)
    for path in sorted((root / "locales").rglob("*.*")):
        if path.is_file() and path.suffix != ".mo":
            atomic.copy_if_changed(path, source / path.relative_to(root))


def write_config(edition: Edition, layout: Layout) -> None:
    """The variant's `_config.yml` and `_toc.yml`: the reference's, in its language."""
    if edition.is_reference:
        return
    from analysis.exhibits.language import book_title, tr, translate

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
    atomic.write_if_changed(layout.source / "_config.yml", text.encode("utf-8"))
    toc = yaml.safe_load((layout.root / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        part["caption"] = translate(part["caption"], lang)
    text = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)
    atomic.write_if_changed(layout.source / "_toc.yml", text.encode("utf-8"))


def write_generated_pages(edition: Edition, layout: Layout) -> None:
    """The Figures page, each figure's workbook and data package (from the figures' records,
    once every figure has its number) and the book's zipped data package (in the edition's
    language)."""
    from analysis.exhibits.citation import cited_address
    from analysis.exhibits.data_package import package_zip
    from analysis.exhibits.edition_words import edition_label
    from analysis.exhibits.figure_package import PACKAGE_SUFFIX, package_bytes
    from analysis.exhibits.figures_page import figure_address, figures_page, records
    from analysis.exhibits.workbook import write_workbook

    folder = layout.notebooks / FIGURES_DIR
    address = cited_address(edition)  # the release's archived copy
    page = figures_page(folder, edition.lang, edition_label(edition), address)
    atomic.write_if_changed(layout.notebooks / FIGURES_PAGE, page.encode("utf-8"))
    for number, made in enumerate(records(folder), 1):
        figure = figure_address(made, address)
        workbook = write_workbook(folder, made, number, figure)
        atomic.write_if_changed(folder / f"{made['id']}.xlsx", workbook)
        package = package_bytes(folder, made, number, figure)  # CSV, metadata and README
        atomic.write_if_changed(folder / f"{made['id']}{PACKAGE_SUFFIX}", package)
    # The package in the edition's language: the same files the data page offers.
    zipped = package_zip(edition.lang, layout.root / "data")
    atomic.write_if_changed(layout.notebooks / PACKAGE_ZIP, zipped)
