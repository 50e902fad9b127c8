"""How precisely each source of published results writes its numbers
(`data/published_precision.toml`): standing treats values within half a unit as ties."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

FILE = resources.files("imagenet_mistakes") / "data" / "published_precision.toml"


def rows() -> list[dict[str, Any]]:
    """The `published_precision` table: one row per source, its unit and how it writes."""
    return [
        {"source": source, "unit": float(entry["unit"]), "written_as": entry["written_as"]}
        for source, entry in tomllib.loads(FILE.read_text()).items()
    ]
