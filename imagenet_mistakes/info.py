"""`info`: what a database holds, where it came from, and what it lacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imagenet_mistakes import database, named_queries


@dataclass(frozen=True)
class Summary:
    # (title, column names, rows) for each table shown.
    tables: list[tuple[str, list[str], list[tuple[Any, ...]]]]
    missing: list[str]


def summary(db: Path) -> Summary:
    """Sources and tables of the database at `db`, and the notes on what is missing."""
    with database.open_read_only(db) as con:
        tables = [
            ("Sources", *named_queries.run(con, "sources")),
            ("Tables", *named_queries.run(con, "tables")),
            ("Notes", *named_queries.run(con, "notes")),
        ]
        _, notes = named_queries.run(con, "missing")
    return Summary(tables, [note for (note,) in notes])
