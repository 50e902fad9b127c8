"""The aggregates stored with each model, as `data/stored.toml` declares them: each is one
entry there, and every list of them is made from it.

A stored aggregate is a table holding each model's rows of a live view, written when
the model is added, so that reading it costs nothing however many models the file
holds. The writes (`writes/store_model_results.sql`, `writes/remove_model.sql`) and
the `stored_rows` view are Jinja templates looping over `declared()`; publish and the
tests take their lists from it too.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

FILE: Traversable = resources.files("imagenet_mistakes") / "data" / "stored.toml"


@dataclass(frozen=True)
class Stored:
    """One stored aggregate: its table, the view it stores, the columns naming a row."""

    table: str
    live: str
    key: tuple[str, ...]


@cache
def declared() -> tuple[Stored, ...]:
    """Every stored aggregate, in the order they are written."""
    entries = tomllib.loads(FILE.read_text())
    return tuple(
        Stored(
            table=table,
            live=entry["live"],
            key=tuple(entry["key"]),
        )
        for table, entry in entries.items()
    )


def tables() -> tuple[str, ...]:
    return tuple(s.table for s in declared())


def live_views() -> tuple[str, ...]:
    return tuple(s.live for s in declared())
