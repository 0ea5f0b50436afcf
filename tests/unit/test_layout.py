"""The tree shows the architecture: imports flow one way between the folders of `analysis`.

    core  ->  contract  ->  compute  ->  exhibits  ->  chapters  ->  edition
    (paths,   (data, users'   (numbers)    (how things   (one module   (the build,
     text,     files and the               are shown)    per chapter)   the command
     numbers)  parameters)                                              line, Sphinx)

A module may import from its own folder and the folders before it, never after; imports
inside functions count. No two modules import each other, however indirectly, and no
module reaches for another module's private name.
"""

import ast
import subprocess
import sys

from tests.conftest import ROOT

LAYERS = ["core", "contract", "compute", "exhibits", "chapters", "edition"]
PACKAGE = ROOT / "analysis"


def module_name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path) -> list[tuple[str, str, int]]:
    """(module imported, name imported or '', line) for every import of `analysis`,
    including those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in MODULES:  # `from analysis.edition import publish`
                    found.append((submodule, "", node.lineno))
                else:
                    found.append((node.module, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
            found += [(name, "", node.lineno) for name in names if name.startswith("analysis")]
    return found


def test_imports_flow_one_way():
    wrong = []
    for module, path in MODULES.items():
        if layer(module) is None:
            continue
        for imported, _, line in imports(path):
            if layer(imported) is not None and layer(imported) > layer(module):
                wrong.append(f"{module}:{line} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_every_module_belongs_to_a_layer():
    loose = [
        module
        for module, path in MODULES.items()
        if path.parent != PACKAGE and layer(module) is None
    ]
    assert not loose


def test_no_import_circle():
    graph = {
        module: {i for i, _, _ in imports(path) if i in MODULES and i != module}
        for module, path in MODULES.items()
    }
    # Packages' __init__ modules hold no code that imports back: leave them out.
    graph = {m: {i for i in e if MODULES[i].name != "__init__.py"} for m, e in graph.items()}
    circles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph.get(module, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join(path[path.index(nxt) :] + [nxt]))
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)


def test_no_module_imports_another_modules_private_name():
    private = [
        f"{module}:{line} imports {name} from {imported}"
        for module, path in MODULES.items()
        for imported, name, line in imports(path)
        if name.startswith("_") and imported != module
    ]
    assert not private, "\n".join(private)


def test_no_module_imports_the_command_line_or_the_build_from_below():
    for path in sorted((ROOT / "analysis" / "chapters").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "analysis.edition.build" not in text and "analysis.edition.cli" not in text


def test_a_notebook_runs_only_code_its_fingerprint_covers():
    """A notebook is executed again when the code loaded where it runs changes
    (notebooks.code_files); the build's other modules are left out of its fingerprint.
    Every module the build imports before forking its notebook workers (all the chapters,
    the engine) must be in it."""

    from analysis.edition.notebooks import code_files

    script = (
        "import sys\n"
        "from analysis.edition.notebooks import warm_up\n"
        "warm_up()\n"
        "import analysis.edition.notebook\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() "
        "if n.startswith('analysis') and getattr(m, '__file__', None)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.splitlines()  # paths may hold spaces
    covered = {str(path) for path in code_files(ROOT)}
    assert len(found) > 40 and sorted(set(found) - covered) == []
