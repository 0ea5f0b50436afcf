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
