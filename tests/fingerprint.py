"""A database's content as comparable values: what "left exactly as it was" means in tests.

Bytes are too strict (DuckDB may rewrite a block on open without changing a
row) and row counts too loose; a hash of every row of every table, with the
views' SQL, is neither.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from imagenet_mistakes import Database, stored

# The tables holding what a model is: adding one writes to each, removing it deletes from each.
MODEL_TABLES = ("models", "predictions", "image_difficulty_snapshot", *stored.tables())


def fingerprint(db: Path) -> dict[str, object]:
    """Each table's row count and order-independent row hash, and each view's definition."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() where database_name = current_database()"
            ).fetchall()
        ]
        row_hashes = 'select count(*), sum(hash(t)::hugeint) from "{}" as t'
        content: dict[str, object] = {
            name: con.execute(row_hashes.format(name)).fetchone() for name in tables
        }
        content["views"] = con.execute(
            "select view_name, sql from duckdb_views() where not internal order by view_name"
        ).fetchall()
    return content


def model_state(db: Path) -> tuple[dict[str, int], list[tuple[object, ...]]]:
    """Prediction rows per model, and the integrity problems, read as the next user would."""
    with Database.open(db) as database:
        rows = dict(
            database.sql(
                "select models.model, count(predictions.model) from models "
                "left join predictions using (model) group by models.model"
            ).rows
        )
        problems = database.query("integrity").rows
    return rows, problems
