"""The book's translation catalogs: extract every string, update `locales/`, find the gaps.

Three domains (see analysis/exhibits/language.py):
- `book`: the narrative, extracted by Sphinx's gettext builder from the notebook templates
  (markdown cells only: they hold no outputs) and the book's own pages;
- `analysis`: text computed in the notebooks, the literal first argument of every `tr(...)`
  and `N_(...)` call in `analysis/` and in the templates' code cells (Babel's Python
  extractor);
- `data`: the contract's titles and descriptions, the values of the fields it marks
  `"translate": true`, the category values it allows (`enum`, and yes/no), and the column
  names of the files (context "column"): what a language's version of the package
  translates (analysis/exhibits/data_package.py); and the report's words quoted in the
  fields it marks `"quoted": true` (context "quote"), which the pages show in English with
  this book's translation beside them.

`python -m analysis translations` merges new strings into `locales/<lang>/LC_MESSAGES/*.po`
(keeping what is translated) and says how many lack a translation; `--check` only reports.
"""

from __future__ import annotations

import datetime
import io
import shutil
import tempfile
from pathlib import Path

import nbformat
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

from analysis.contract.load import contract
from analysis.contract.parameters import translated_languages
from analysis.core.paths import DATA_DIR, PACKAGE, ROOT
from analysis.exhibits.language import COLUMN, LOCALES, QUOTE, SOURCE_LANGUAGE

KEYWORDS = {"tr": (1,), "N_": None}  # N_: marked here, translated later
DOMAINS = ("book", "analysis", "data")
GENERATED_PAGES = {"figures.md"}  # written by the build in the edition's language


FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # no date churn


def _catalog(domain: str) -> Catalog:
    return Catalog(
        domain=domain,
        project="mem-peru-2023-book",
        fuzzy=False,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
    )


def code_catalog() -> Catalog:
    """Every `tr("...")` of the package and of the templates' code cells."""
    catalog = _catalog("analysis")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(
            message,
            locations=[(f"analysis/{filename}", lineno)],
            flags=["python-brace-format"] if "{" in message else [],
        )
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        catalog.add(part["caption"], locations=[("_toc.yml", 0)])
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    catalog.add(config["author"], locations=[("_config.yml", 0)])
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for person in cff["authors"]:
        catalog.add(person["name"], locations=[("CITATION.cff", 0)])
    for template in sorted((PACKAGE / "templates").glob("*.ipynb")):
        notebook = nbformat.read(template, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            source = io.BytesIO(cell.source.encode("utf-8"))
            for lineno, message, _comments, _context in extract("python", source, KEYWORDS):
                catalog.add(message, locations=[(f"{template.name}#{index}", lineno)])
    return catalog


def data_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """The contract's words and the values of its translatable fields."""
    import pandas as pd

    catalog = _catalog("data")
    descriptor = contract(data_dir)

    def add(text, where, context=None):
        if isinstance(text, str) and text.strip():
            catalog.add(text, locations=[(where, 0)], context=context)

    for key in ("title", "description"):
        add(descriptor.get(key), "data/datapackage.json")
    for item in descriptor.get("licenses", []) + descriptor.get("sources", []):
        add(item.get("title"), "data/datapackage.json")
    for resource in descriptor["resources"]:
        where = f"data/{resource['path']}"
        add(resource.get("title"), where)
        add(resource.get("description"), where)
        place = resource["report"]
        for key in ("table", "scope"):
            add(place.get(key), where)
        for note in place.get("notes", []):
            add(note, where)
        for source in resource.get("sources", []):
            add(source.get("title"), where)
        fields = resource["schema"]["fields"]
        for field in fields:
            add(field["name"], where, COLUMN)
            for key in ("title", "description", "unit"):
                add(field.get(key), where)
            for value in field.get("constraints", {}).get("enum", []):
                add(str(value), f"{where}:{field['name']}")
            for key in ("trueValues", "falseValues"):
                for value in field.get(key, []):
                    add(value, f"{where}:{field['name']}")
        wanted = [field["name"] for field in fields if field.get("translate")]
        quoted = [field["name"] for field in fields if field.get("quoted")]
        if wanted or quoted:
            frame = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False)
            for name in wanted:
                for value in frame[name]:
                    add(value, f"{where}:{name}")
            for name in quoted:  # the report's words: this book's translation, marked as such
                for value in frame[name]:
                    add(value, f"{where}:{name}", QUOTE)
    return catalog


def narrative_catalog() -> Catalog:
    """The narrative: Sphinx's gettext builder over the templates and the book's pages."""
    from jupyter_book.sphinx import build_sphinx

    with tempfile.TemporaryDirectory(prefix="mem-gettext-") as scratch:
        source = Path(scratch) / "source"
        (source / "book").mkdir(parents=True)
        for page in (ROOT / "book").iterdir():
            if page.suffix == ".md" and page.name not in GENERATED_PAGES:
                shutil.copy2(page, source / "book" / page.name)
        for template in (PACKAGE / "templates").glob("*.ipynb"):
            shutil.copy2(template, source / "book" / template.name)
        for name in ("_config.yml", "_toc.yml"):
            shutil.copy2(ROOT / name, source / name)
        (source / "book" / "figures.md").write_text("# Figures\n", encoding="utf-8")
        output = Path(scratch) / "gettext"
        with open(Path(scratch) / "log", "w") as log:
            import contextlib

            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                build_sphinx(
                    str(source),
                    str(output),
                    use_external_toc=True,
                    noconfig=True,
                    path_config=str(source / "_config.yml"),
                    confoverrides={
                        "external_toc_path": (source / "_toc.yml").as_posix(),
                        "latex_individualpages": False,
                    },
                    builder="gettext",
                    quiet=True,
                )
        with open(output / "book.pot", "rb") as handle:
            found = read_po(handle)
    catalog = _catalog("book")
    for message in found:
        if message.id and not _figures_page(message):
            catalog.add(message.id, locations=message.locations)
    return catalog


def _figures_page(message) -> bool:
    return all(path.endswith("figures.md") for path, _ in message.locations)


def templates() -> dict[str, Catalog]:
    """The three catalogs of what the book asks to translate."""
    return {"book": narrative_catalog(), "analysis": code_catalog(), "data": data_catalog()}


def po_path(lang: str, domain: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(lang: str, domain: str) -> Catalog:
    path = po_path(lang, domain)
    if not path.is_file():
        return Catalog(locale=lang, domain=domain)
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang, domain=domain)


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """The template's messages that `catalog` lacks, leaves empty or marks fuzzy."""
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or not found.string or found.fuzzy:
            missing.append(message.id)
    return missing


def update_catalogs(check_only: bool = False) -> int:
    """Merge the extracted strings into every language's catalogs; report the gaps."""
    extracted = templates()
    gaps = 0
    for lang in translated_languages():
        if lang == SOURCE_LANGUAGE:
            continue
        for domain, template in extracted.items():
            catalog = read_catalog(lang, domain)
            missing = untranslated(catalog, template)
            gaps += len(missing)
            print(f"{lang}/{domain}.po: {len(template)} strings, {len(missing)} untranslated")
            if not check_only:
                catalog.update(template, no_fuzzy_matching=True)
                catalog.fuzzy = False
                catalog.project, catalog.version = "mem-peru-2023-book", "0.1.0"
                catalog.msgid_bugs_address = ""
                catalog.header_comment = (
                    f"# {lang} catalog ({domain}) of the MEM Peru 2023 analysis book.\n"
                    "# Update with: python -m analysis translations"
                )
                catalog.creation_date = catalog.revision_date = FIXED_DATE
                catalog.last_translator = "MEM Peru analysis book team"
                catalog.language_team = f"{lang}"
                path = po_path(lang, domain)
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "wb") as handle:
                    write_po(
                        handle,
                        catalog,
                        width=100,
                        omit_header=False,
                        sort_output=False,
                        ignore_obsolete=True,
                        include_previous=False,
                    )
    return 1 if check_only and gaps else 0
