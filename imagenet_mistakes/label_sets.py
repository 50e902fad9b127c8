"""The label sets, as `data/label_sets.toml` defines them: each fact about one lives there once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

FILE: Traversable = resources.files("imagenet_mistakes") / "data" / "label_sets.toml"

# The scope rules writes/store_image_scope.sql knows.
SCOPES = ("labelled", "annotated_not_problematic")


@dataclass(frozen=True)
class LabelSet:
    name: str
    description: str
    # Manifest ids of the sources that can provide it (a fallback chain for multilabel_v3).
    sources: tuple[str, ...]
    scope: str
    analysed: bool = False
    # The label sets a consolidated one was made from: the studies it combines.
    combines: tuple[str, ...] = ()


def definitions() -> list[LabelSet]:
    """Every label set, in the file's order; a malformed entry is a bug in the package."""
    found = [
        LabelSet(name, entry["description"], tuple(entry["sources"]), entry["scope"],
                 entry.get("analysed", False), tuple(entry.get("combines", ())))
        for name, entry in tomllib.loads(FILE.read_text()).items()
    ]  # fmt: skip
    for label_set in found:
        if label_set.scope not in SCOPES:
            raise ValueError(f"{FILE}: {label_set.name}: unknown scope {label_set.scope!r}")
    if sum(label_set.analysed for label_set in found) != 1:
        raise ValueError(f"{FILE}: exactly one label set must be `analysed`")
    names = {label_set.name for label_set in found}
    for label_set in found:
        if not set(label_set.combines) <= names - {label_set.name}:
            raise ValueError(f"{FILE}: {label_set.name} combines an unknown label set")
    return found


def for_source(source_id: str) -> LabelSet:
    """The label set a source's labels belong to."""
    for label_set in definitions():
        if source_id in label_set.sources:
            return label_set
    raise KeyError(f"no label set lists the source {source_id!r} in {FILE}")
