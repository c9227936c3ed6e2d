"""The import graph of ``src/khabar``: no circles, and no module importing from a higher layer.

Imports are read from the source (every ``import`` anywhere in a module, lazy ones inside functions too;
only ``if TYPE_CHECKING:`` blocks are left out, since they never run).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Layers, lowest first: a module may import from its own layer or a lower one, never a higher one.
LAYERS: dict[str, int] = {
    # records and plumbing every layer may use
    "about": 0, "errors": 0, "model": 0, "record": 0, "jsonlines": 0, "atomicfile": 0, "registry": 0,
    "lexicon": 0, "ontology": 0, "intervals": 0,
    # language: normalization, tokens, sentences, numbers, shared grammar; input checks
    "arabic": 1, "input_checks": 1,
    # engines, one package per layer
    "entities": 2, "ner": 2, "timex": 2, "quantities": 2, "attribution": 2, "events": 2,
    # the pipeline, its stage adapters, the main job
    "pipeline": 3, "stages": 3, "extract": 3,
    # what uses documents: exports, storage, readers, evaluation, training
    "export": 4, "store": 4, "ingest": 4, "evaluation": 4, "training": 4, "parallel": 4, "dask": 4,
    "corroborate": 4,
    # faces: the package itself, the command line, the HTTP API and web UI
    "__init__": 5, "__main__": 5, "cli": 5, "api": 5, "web": 5,
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "khabar").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "khabar":
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            names = [n for n in names if n in modules][:1] or [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] == "khabar"]
        for name in names:
            while name not in modules and "." in name:
                name = name.rpartition(".")[0]
            found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    return "__init__" if parts[1] == "__init__" else parts[1]


def test_every_package_has_a_layer() -> None:
    unknown = sorted({_layer(m) for m in _graph()} - set(LAYERS))
    assert unknown == [], f"give these a layer in tests/test_layers.py: {unknown}"


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{a} -> {b}"
        for a, targets in _graph().items()
        for b in targets
        if LAYERS.get(_layer(b), 0) > LAYERS.get(_layer(a), 0)
    ]
    assert upward == []


@pytest.mark.parametrize("level", ["module", "package"])
def test_no_import_circles(level: str) -> None:
    graph = _graph()
    if level == "package":
        packages: dict[str, set[str]] = defaultdict(set)
        for a, targets in graph.items():
            packages[_layer(a)] |= {_layer(b) for b in targets if _layer(b) != _layer(a)}
        graph = dict(packages)
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_checker_sees_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
