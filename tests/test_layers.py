"""Imports point one way: faces -> service -> domains -> engine -> text/types, with no cycles between packages.

Read from the source with ``ast``, every import counts: at the top of a module, inside a function, or
under ``TYPE_CHECKING``.  A node is a top-level package or module of ``newsfuse`` (``cli``,
``compare``, ``pipeline`` ...); ``__init__`` is the package's own module (the Python API).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsfuse"

# Highest first: a node may import nodes of its own layer (without a cycle) or of any layer below.
LAYERS: list[tuple[str, set[str]]] = [
    ("faces", {"cli", "web", "__init__", "__main__"}),
    ("service", {"service"}),
    (
        "domains",
        {
            "pipeline",
            "state",
            "split",
            "clean",
            "units",
            "embed",
            "align",
            "realize",
            "select",
            "order",
            "compare",
            "render",
            "rewrite",
            "inputs",
            "fetch",
            "dedup",
            "cluster",
            "store",
            "firehose",
            "evaluate",
            "learn",
        },
    ),
    ("engine", {"engine"}),
    ("text/types", {"text", "types", "errors", "registry", "version"}),
]
LAYER_OF = {node: k for k, (_, nodes) in enumerate(LAYERS) for node in nodes}


def _node(module: str) -> str:
    """``newsfuse.compare.text`` -> ``compare``; ``newsfuse`` itself (or a name in it) -> ``__init__``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    name = parts[1]
    return name if (SRC / name).is_dir() or (SRC / f"{name}.py").is_file() else "__init__"


def _module_name(path: Path) -> tuple[str, bool]:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    package = parts[-1] == "__init__"
    if package:
        parts = parts[:-1]
    return ".".join(parts), package


def _imports(path: Path) -> set[str]:
    """Every ``newsfuse`` module (or module.name) that ``path`` imports, wherever the import is."""
    module, package = _module_name(path)
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.update(f"{target}.{a.name}" for a in node.names)
    return {t for t in out if t == "newsfuse" or t.startswith("newsfuse.")}


def import_graph() -> dict[str, dict[str, set[str]]]:
    """node -> imported node -> the files that import it (imports within a node left out)."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(SRC.rglob("*.py")):
        module, _ = _module_name(path)
        src = _node(module)
        for target in _imports(path):
            dst = _node(target)
            if dst != src:
                graph[src][dst].add(str(path.relative_to(SRC)))
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_every_node_has_a_layer():
    nodes = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    nodes |= {p.stem for p in SRC.glob("*.py")}
    assert sorted(nodes - set(LAYER_OF)) == []


def test_no_import_cycles_between_packages():
    assert cycles(import_graph()) == []


def test_imports_point_down_the_layers():
    upward = [
        f"{src} ({LAYERS[LAYER_OF[src]][0]}) imports {dst} ({LAYERS[LAYER_OF[dst]][0]}) in {sorted(files)}"
        for src, targets in sorted(import_graph().items())
        for dst, files in sorted(targets.items())
        if LAYER_OF[dst] < LAYER_OF[src]
    ]
    assert upward == []


def test_engine_is_a_leaf():
    assert set(import_graph()["engine"]) <= LAYERS[-1][1]


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": set()}, "b": {"a": set()}}, [["a", "b"]]),
        ({"a": {"b": set()}, "b": {"c": set()}, "c": {"a": set()}, "d": {"a": set()}}, [["a", "b", "c"]]),
        ({"a": {"b": set()}, "b": {"c": set()}}, []),
    ],
)
def test_cycles_finds_every_knot(graph, expected):
    assert cycles(graph) == expected


def test_imports_inside_functions_count(tmp_path):
    assert "newsfuse.cli.common.fail" in _imports(SRC / "cli" / "summarize.py")
    assert "newsfuse.service.SummarizeLines" in _imports(SRC / "cli" / "summarize.py")  # imported in a function


def test_no_module_is_shadowed_by_a_name_its_package_exports():
    """``newsfuse.compare.ner`` is the module: no function or object in ``newsfuse.compare`` is called ``ner``."""
    import importlib
    import pkgutil

    import newsfuse

    shadowed = []
    for info in pkgutil.walk_packages(newsfuse.__path__, "newsfuse."):
        if not info.ispkg:
            continue
        package = importlib.import_module(info.name)
        for sub in pkgutil.iter_modules(package.__path__):
            value = vars(package).get(sub.name)
            if value is not None and not isinstance(value, type(newsfuse)):
                shadowed.append(f"{info.name}.{sub.name}")
    assert shadowed == []
