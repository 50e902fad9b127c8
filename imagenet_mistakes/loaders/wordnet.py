"""WordNet's is-a graph as BREEDS publishes it: `class_hierarchy.txt` (one `parent child`
pair of wnids per line) and `node_names.txt` (`wnid<TAB>name`).

The graph covers all of WordNet; only the 1,000 classes and their ancestors
are kept. It is a DAG, not a tree: 38 classes have two parents.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders import validate


def _lines(path: Path, separator: str | None) -> list[list[str]]:
    text = validate.text(path)
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split(separator, 1) if separator else line.split()
        if len(fields) != 2 or not all(f.strip() for f in fields):
            raise SourceFormatError(path, f"line {number}: {shown(line)} is not two fields")
        rows.append([f.strip() for f in fields])
    return rows


def load(
    edges_path: Path, names_path: Path, class_ids: Mapping[str, int]
) -> tuple[pa.Table, pa.Table]:
    """Rows of `hierarchy_nodes` and `hierarchy_edges` for the classes and their ancestors."""
    parents: dict[str, set[str]] = {}
    for parent, child in _lines(edges_path, None):
        parents.setdefault(child, set()).add(parent)
    missing = [wnid for wnid in class_ids if wnid not in parents]
    if missing:
        raise SourceFormatError(edges_path, f"class {missing[0]} has no parent")

    kept = set(class_ids)
    stack = list(class_ids)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in kept:
                kept.add(parent)
                stack.append(parent)
    names = {wnid: name for wnid, name in _lines(names_path, "\t") if wnid in kept}
    unnamed = sorted(kept - set(names))
    if unnamed:
        raise SourceFormatError(names_path, f"no name for {unnamed[0]}")

    nodes = pa.table(
        {
            "wnid": sorted(kept),
            "name": [names[w] for w in sorted(kept)],
            "class_id": pa.array([class_ids.get(w) for w in sorted(kept)], pa.int32()),
        }
    )
    pairs = sorted((p, c) for c in kept for p in parents.get(c, ()))
    edges = pa.table({"parent": [p for p, _ in pairs], "child": [c for _, c in pairs]})
    return nodes, edges
