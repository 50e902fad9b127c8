"""The metrics, as `data/metrics.toml` defines them: each is one entry there.

`build` stores them in the `metrics` table, which the metric views join, and
the leaderboard's columns are rendered from them (schema/leaderboard.sql).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from imagenet_mistakes import label_sets

FILE: Traversable = resources.files("imagenet_mistakes") / "data" / "metrics.toml"

HITS = ("correct", "correct_or_unclear", "top5_correct")
SCOPES = ("label_set", "imagenet_m")
AGGREGATES = ("image", "class", "count")
DIRECTIONS = ("higher", "lower")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Metric:
    metric: str
    name: str
    description: str
    label_set: str
    hit: str
    scope: str
    aggregate: str
    direction: str
    images_column: str | None = None
    classes_column: str | None = None
    # Its rank and the ranks its interval allows are leaderboard columns too.
    ranked: bool = False


def definitions() -> list[Metric]:
    """Every metric in display order; a malformed entry is a bug in the package data."""
    found = [Metric(metric=key, **entry) for key, entry in tomllib.loads(FILE.read_text()).items()]
    known_label_sets = {label_set.name for label_set in label_sets.definitions()}
    for m in found:
        problems = [
            f"{field} {value!r}"
            for field, value, allowed in [
                ("hit", m.hit, HITS),
                ("scope", m.scope, SCOPES),
                ("aggregate", m.aggregate, AGGREGATES),
                ("direction", m.direction, DIRECTIONS),
                ("label_set", m.label_set, tuple(known_label_sets)),
            ]
            if value not in allowed
        ]
        # Ids and column names become leaderboard columns: plain identifiers only.
        problems += [
            f"name {value!r}"
            for value in (m.metric, m.images_column, m.classes_column)
            if value is not None and not _IDENTIFIER.fullmatch(value)
        ]
        if problems:
            raise ValueError(f"{FILE}: metric {m.metric}: unknown {', '.join(problems)}")
    return found
