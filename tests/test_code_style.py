"""House rules for helpers/: every function documented, no imports from notebooks, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HELPERS = sorted((Path(__file__).resolve().parent.parent / "helpers").glob("*.py"))
#: Allowed helpers -> helpers imports, in data-flow order (no cycles).
LAYERS = ["rules", "data", "freshness", "dictionary", "checks", "figures", "exercises",
          "widgets", "quiz", "plan", "export"]


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", HELPERS, ids=lambda p: p.name)
def test_every_function_and_class_has_a_docstring(path):
    missing = [n.name for n in ast.walk(tree(path))
               if isinstance(n, ast.FunctionDef | ast.ClassDef) and not ast.get_docstring(n)]
    assert not missing, missing


@pytest.mark.parametrize("path", HELPERS, ids=lambda p: p.name)
def test_imports_flow_one_way(path):
    if path.stem == "__init__":
        return
    here = LAYERS.index(path.stem)
    for node in ast.walk(tree(path)):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            assert not name.startswith("notebooks"), name
            parts = name.split(".")
            if parts[0] == "helpers" and len(parts) > 1 and parts[1] in LAYERS:
                assert LAYERS.index(parts[1]) < here, f"{path.stem} imports {parts[1]}"
