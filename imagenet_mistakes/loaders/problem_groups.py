"""The class problem groups of "Flaws of ImageNet" (Kisel et al., ICLR 2025 blog post):
`clusters.json`, groups of classes that are hard to tell apart, each with the kinds of
problem it has, and `CATEGORIES.md`, what each kind number means.

    [{"category": [2, 3], "classes": {"101": "tusker", "385": "Indian elephant, ...", ...}}]

Class ids are in sorted-wnid order (ours); each class's name there must be one of its
names in `classes`, so a file in another class order is refused rather than misread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.validate import class_id, expect_type, read_json, text

KINDS_SCHEMA = pa.schema(
    [("kind", pa.int32()), ("description", pa.string()), ("examples", pa.string())]
)
GROUPS_SCHEMA = pa.schema(
    [
        ("problem_group", pa.int32()),
        ("class_id", pa.int32()),
        ("name", pa.string()),
        ("kinds", pa.list_(pa.int32())),
    ]
)
# A row of CATEGORIES.md's table: | 2 | Literally similar for non-experts | husky, malamute |
_KIND_ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]*)\|([^|]*)\|\s*$")


def kinds(path: Path) -> pa.Table:
    """Rows of `problem_kinds`: each kind's number, description and examples."""
    rows = []
    for line in text(path, most=1 << 20).splitlines():
        found = _KIND_ROW.match(line.strip())
        if found:
            number, description, examples = found.groups()
            rows.append((int(number), description.strip(), examples.strip()))
    numbers = [number for number, _, _ in rows]
    if not rows or len(set(numbers)) != len(numbers):
        raise SourceFormatError(
            path, "no table of kinds | number | description | examples |, or a number twice"
        )
    return pa.Table.from_pylist(
        [{"kind": n, "description": d, "examples": e} for n, d, e in rows], KINDS_SCHEMA
    )


def groups(path: Path, names: Sequence[Sequence[str]], known_kinds: set[int]) -> pa.Table:
    """Rows of `class_problem_groups`: each class of each group (numbered from 1 in file
    order) with the group's kinds. `names[class_id]`: every name of that class in `classes`;
    `known_kinds`: the kind numbers CATEGORIES.md defines."""
    found = expect_type(path, read_json(path, unique_keys=True), list, "the top level")
    rows = []
    seen: set[tuple[int, int]] = set()
    for number, group in enumerate(found, start=1):
        where = f"group {number}"
        group = expect_type(path, group, dict, where)
        if set(group) != {"category", "classes"}:
            raise SourceFormatError(
                path, f"{where} has keys {sorted(group)}, not category, classes"
            )
        kinds = expect_type(path, group["category"], list, f"{where}'s category")
        for kind in kinds:
            if isinstance(kind, bool) or kind not in known_kinds:
                raise SourceFormatError(
                    path, f"{where}: {shown(kind)} is not a kind of CATEGORIES.md"
                )
        members = expect_type(path, group["classes"], dict, f"{where}'s classes")
        if len(members) < 2:
            raise SourceFormatError(
                path, f"{where} has {len(members)} class; a group has two or more"
            )
        for key, name in members.items():
            cid = (
                class_id(path, int(key)) if key.isascii() and key.isdigit() else class_id(path, key)
            )
            name = expect_type(path, name, str, f"{where}'s name of class {cid}")
            ours = {n.strip().lower() for n in names[cid]}
            if not {part.strip().lower() for part in name.split(",")} & ours:
                raise SourceFormatError(
                    path,
                    f"{where}: class {cid} is called {shown(name)}, which is none of its names "
                    f"({shown(', '.join(names[cid]))}): not the sorted-wnid class order?",
                )
            if (number, cid) in seen:  # "101" and "0101"
                raise SourceFormatError(path, f"{where} lists class {cid} twice")
            seen.add((number, cid))
            rows.append(
                {
                    "problem_group": number,
                    "class_id": cid,
                    "name": name,
                    "kinds": sorted(set(kinds)),
                }
            )
    return pa.Table.from_pylist(rows, GROUPS_SCHEMA)
