"""The tree shows the architecture: imports flow one way between the parts of `analysis`.

    contract  ->  edition.parameters  ->  compute  ->  exhibits  ->  chapters  ->  edition
    (data and     (the parameter           (numbers)    (how things   (one module   (build, CLI,
     its rules)    model)                               are shown)    per chapter)   engine)

A module may import from its own layer and the layers before it, never after.
"""

import ast

from tests.conftest import ROOT

LAYERS = [
    ("analysis.contract",),
    ("analysis.edition.parameters",),
    ("analysis.compute",),
    ("analysis.exhibits",),
    ("analysis.chapters",),
    ("analysis.edition",),
]


def layer(module: str) -> int:
    """The layer of a module: the most specific prefix wins (edition.parameters before edition)."""
    best, length = None, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    return best


def imports(path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found += [
                (name if layer(name) == layer(node.module) else node.module, node.lineno)
                for name in names
            ]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("analysis")]
    return found


def test_imports_flow_one_way():
    wrong = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if layer(module) is None:
            continue
        for imported, line in imports(path):
            if layer(imported) is not None and layer(imported) > layer(module):
                wrong.append(f"{module}:{line} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_every_module_belongs_to_a_layer():
    loose = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "analysis").rglob("*.py")
        if p.parent != ROOT / "analysis"
        and layer(".".join(p.relative_to(ROOT).with_suffix("").parts)) is None
    ]
    assert not loose


def test_no_module_imports_the_command_line_or_the_build_from_below():
    for path in sorted((ROOT / "analysis" / "chapters").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "analysis.edition.build" not in text and "analysis.edition.cli" not in text


def test_a_notebook_runs_only_code_its_fingerprint_covers():
    """A notebook is executed again when the code loaded where it runs changes
    (notebooks.code_files); the build's other modules are left out of its fingerprint.
    Every module the build imports before forking its notebook workers (all the chapters,
    the engine) must be in it."""
    import subprocess
    import sys

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
    ).stdout.split()
    covered = {str(path) for path in code_files(ROOT)}
    assert len(found) > 40 and sorted(set(found) - covered) == []
