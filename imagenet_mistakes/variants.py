"""ImageNet's variants (ImageNetV2, -Sketch, -R, -A, ObjectNet, -O), as `data/variants.toml`
names them: the robustness view and OpenCLIP's loader both read this one list."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

FILE: Traversable = resources.files("imagenet_mistakes") / "data" / "variants.toml"


@dataclass(frozen=True)
class Variant:
    # The benchmark id in published_results: the testbed's name.
    benchmark: str
    title: str
    description: str
    # The column of OpenCLIP's results table.
    openclip: str


def definitions() -> list[Variant]:
    """Every variant, in the file's order."""
    return [
        Variant(benchmark=key, **entry) for key, entry in tomllib.loads(FILE.read_text()).items()
    ]


def rows() -> list[dict[str, str]]:
    """The `imagenet_variants` table."""
    return [
        {"benchmark": v.benchmark, "title": v.title, "description": v.description}
        for v in definitions()
    ]
