"""Named queries: one .sql file each in `queries/`, opening with comment lines that describe it."""

from __future__ import annotations

from importlib import resources
from typing import Any

import duckdb


def text(name: str) -> str:
    """The SQL of the named query."""
    return (resources.files("imagenet_mistakes") / "queries" / f"{name}.sql").read_text()


def run(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a named query; parameters are bound, never formatted in."""
    relation = con.execute(text(name), params or {})
    columns = [d[0] for d in relation.description or []]
    return columns, relation.fetchall()
