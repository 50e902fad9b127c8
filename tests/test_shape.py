"""The package's shape: no import circle, lazy and type-only imports included, and the
clients of `Database` (the command line, the report, the gallery) above everything else."""

from __future__ import annotations

import ast
import graphlib
from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("imagenet_mistakes")))
CLIENTS = {"cli", "report", "gallery", "__main__"}


def imports() -> dict[str, set[str]]:
    """Each module of the package, by dotted name below the package, and the package's
    modules it imports anywhere in it (in a function, or for type checking only)."""
    modules = {
        ".".join(p.relative_to(PACKAGE).with_suffix("").parts): p for p in PACKAGE.rglob("*.py")
    }
    found: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text())):
            named: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                base = node.module.removeprefix("imagenet_mistakes").lstrip(".")
                named += [base, *(f"{base}.{a.name}".lstrip(".") for a in node.names)]
            elif isinstance(node, ast.Import):
                named += [a.name.removeprefix("imagenet_mistakes.") for a in node.names]
            found[name] |= {n for n in named if n in modules and n not in (name, "__init__")}
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = imports()
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle
    assert "database" in graph["cli"] and "database" in graph["report"]  # the walk finds imports


def test_only_the_clients_import_the_clients() -> None:
    for name, imported in imports().items():
        if name not in CLIENTS:
            assert not imported & CLIENTS, (name, imported & CLIENTS)
