"""Chapters do not borrow from each other.

A chapter is a module or a package of `analysis/chapters` that declares the notebook it
serves (`CHAPTER = "<template's name>"`); every template has one. A chapter may import
its own package's modules, the modules of `analysis/chapters` that declare no notebook
(what chapters share) and the layers below, never another chapter: numbers two chapters
need belong in `compute/`, words in a shared module. A shared module imports no chapter,
and is shared: imported by two chapters or templates at least.
"""

import ast

import nbformat

from tests.conftest import ROOT, each

CHAPTERS = ROOT / "analysis" / "chapters"
TEMPLATES = ROOT / "analysis" / "templates"


def units() -> dict[str, list]:
    """Each chapter or shared module of analysis/chapters, by name, with its files."""
    found = {}
    for path in sorted(CHAPTERS.iterdir()):
        if path.is_dir() and (path / "__init__.py").is_file():
            found[path.name] = sorted(path.rglob("*.py"))
        elif path.suffix == ".py" and path.name != "__init__.py":
            found[path.stem] = [path]
    return found


def declared_notebook(files) -> str | None:
    """The CHAPTER a module or package declares, if any."""
    for path in files:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "CHAPTER" for t in node.targets
            ):
                return ast.literal_eval(node.value)
    return None


def imported_units(source: str) -> set[str]:
    """The units of analysis/chapters that a source imports, inside functions too."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[:2] == ["analysis", "chapters"] and len(parts) > 2:
                found.add(parts[2])
    return found


UNITS = units()
NOTEBOOKS = {name: declared_notebook(files) for name, files in UNITS.items()}
CHAPTER_UNITS = {name for name, notebook in NOTEBOOKS.items() if notebook}
SHARED_UNITS = set(UNITS) - CHAPTER_UNITS


def template_sources() -> dict[str, str]:
    return {
        path.stem: "\n".join(
            cell.source
            for cell in nbformat.read(path, as_version=4).cells
            if cell.cell_type == "code"
        )
        for path in each(TEMPLATES.glob("*.ipynb"), "notebook template")
    }


def test_every_template_has_one_chapter_and_every_chapter_a_template():
    declared = sorted(notebook for notebook in NOTEBOOKS.values() if notebook)
    assert declared == sorted(template_sources())


def test_the_units_are_what_the_tree_holds():
    # Worked by hand from the tree: eleven chapters, and the modules they share.
    assert "devida_budget" in CHAPTER_UNITS and "coverage_gaps" in CHAPTER_UNITS
    assert {"money", "pillars"} <= SHARED_UNITS
    assert len(CHAPTER_UNITS) == 11


def test_no_chapter_imports_another_chapter():
    wrong = [
        f"{path.relative_to(ROOT)} imports the chapter {other}"
        for name in sorted(CHAPTER_UNITS)
        for path in UNITS[name]
        for other in sorted(imported_units(path.read_text(encoding="utf-8")))
        if other != name and other in CHAPTER_UNITS
    ]
    assert not wrong, "\n".join(wrong)


def test_shared_modules_import_no_chapter():
    wrong = [
        f"{path.relative_to(ROOT)} imports the chapter {other}"
        for name in sorted(SHARED_UNITS)
        for path in UNITS[name]
        for other in sorted(imported_units(path.read_text(encoding="utf-8")) & CHAPTER_UNITS)
    ]
    assert not wrong, "\n".join(wrong)


def test_a_shared_module_is_shared():
    users = {name: set() for name in SHARED_UNITS}
    for name in CHAPTER_UNITS:
        for path in UNITS[name]:
            for used in imported_units(path.read_text(encoding="utf-8")) & SHARED_UNITS:
                users[used].add(name)
    for template, source in template_sources().items():
        for used in imported_units(source) & SHARED_UNITS:
            users[used].add(f"template {template}")
    lonely = {name: sorted(found) for name, found in users.items() if len(found) < 2}
    assert not lonely, lonely


def test_the_check_finds_a_borrowed_chapter():
    # Two chapters and one shared module, as sources: the test's own reading of imports.
    source = (
        "from analysis.chapters.devida_budget import trend_display\n"
        "def f():\n"
        "    from analysis.chapters import opd_funding\n"
        "    import analysis.chapters.money\n"
    )
    assert imported_units(source) == {"devida_budget", "opd_funding", "money"}
    assert imported_units(source) & CHAPTER_UNITS == {"devida_budget", "opd_funding"}
