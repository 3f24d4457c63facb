"""House rules for helpers/ and tools/: documented functions, imports that flow one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

FILES = sorted([*(ROOT / "helpers").rglob("*.py"), *(ROOT / "tools").rglob("*.py")])
#: The layers, lowest first: a module may import only from its own layer or lower ones.
LAYERS = [("helpers.i18n",), ("helpers.data",), ("helpers.text", "helpers.style"),
          ("helpers.explorer",), ("helpers.topics",), ("helpers.teaching",), ("helpers",),
          ("tools",)]


def module_name(path: Path) -> str:
    """'helpers.topics.timeline' for helpers/topics/timeline.py."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> int:
    """The layer of a module (the most specific prefix that matches)."""
    best, found = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), i
    return found


def imports(path: Path) -> set[str]:
    """Project modules that ``path`` imports (``helpers...`` or ``tools...``)."""
    modules = {module_name(p) for p in FILES}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            found.update(subs or {node.module})  # `from helpers import style` is helpers.style
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {n for n in found if n in modules}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_function_and_class_has_a_docstring(path):
    missing = [n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(n, ast.FunctionDef | ast.ClassDef) and not ast.get_docstring(n)
               and not n.name.startswith("_")]
    assert not missing, missing


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    """helpers never import tools or notebooks; no module imports a higher layer."""
    me = module_name(path)
    text = path.read_text(encoding="utf-8")
    assert "import notebooks" not in text and "from notebooks" not in text
    for name in imports(path):
        if me.startswith("helpers"):
            assert not name.startswith("tools"), f"{me} imports {name}"
        if me in ("helpers", "helpers.topics", "helpers.teaching", "helpers.data"):
            continue  # package __init__ files re-export
        assert layer(name) <= layer(me), f"{me} (layer {layer(me)}) imports {name}"


def test_no_import_cycles():
    graph = {module_name(p): imports(p) for p in FILES}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for start in graph:
        if start not in state:
            visit(start, [])


def test_layering_rule_can_fail():
    """Guard for the rule itself: a topic importing teaching would be reported."""
    assert layer("helpers.teaching.quiz") > layer("helpers.topics.timeline")
    assert layer("helpers.data.validate") < layer("helpers.text")
