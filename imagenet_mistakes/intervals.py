"""The confidence level of every interval, as `data/intervals.toml` sets it.

The schema renders it and its normal quantile into the `confidence` view,
which every interval reads: SQL has no inverse normal function, in neither
DuckDB nor PostgreSQL.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from statistics import NormalDist

FILE: Traversable = resources.files("imagenet_mistakes") / "data" / "intervals.toml"


def level() -> float:
    """The confidence of the intervals, in (0, 1); 0.95 as shipped."""
    found = tomllib.loads(FILE.read_text())["level"]
    if not isinstance(found, float) or not 0 < found < 1:
        raise ValueError(f"{FILE}: level must be a number between 0 and 1, not {found!r}")
    return found


def z(level: float) -> float:
    """The two-sided normal quantile of a level: 1.959963984540054 for 0.95."""
    return NormalDist().inv_cdf(0.5 + level / 2)
