"""Adding and removing models: each change is one transaction on the database file.

A model either appears whole (its `models` row and every prediction) or the
database is left exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from imagenet_mistakes import database, named_queries
from imagenet_mistakes.errors import BadArgument
from imagenet_mistakes.predictions import Predictions

_NAME = re.compile(r"[a-z0-9_.-]+")


def check_name(model: str) -> str:
    """A model name as the schema requires it, or a one-line error saying why not."""
    if not _NAME.fullmatch(model):
        raise BadArgument(f"model name {model!r:.60} must be lowercase letters, digits, _ . -")
    return model


def add(
    db: Path,
    model: str,
    predictions: Predictions,
    *,
    source: str,
    description: str | None = None,
    replace: bool = False,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Add one model's predictions; with `replace`, in place of a model of the same name.

    Returns the model's `model_summary` (each metric with its rank among all
    models), read on the same connection: the answer the user added it for.
    """
    with database.open_for_writing(db) as con:
        _add_all(con, [(model, predictions, source, description)], replace=replace)
        return named_queries.run(con, "model_summary", {"model": model})


def add_many(
    db: Path,
    models: Iterable[tuple[str, Predictions, str, str | None]],
    *,
    replace: bool = False,
) -> int:
    """Add models (name, predictions, source, description) in one transaction; return how many.

    `models` may be a generator: each model is written as it comes, so only one
    is held in memory at a time.
    """
    with database.open_for_writing(db) as con:
        return _add_all(con, models, replace=replace)


def _add_all(
    con: duckdb.DuckDBPyConnection,
    models: Iterable[tuple[str, Predictions, str, str | None]],
    *,
    replace: bool,
) -> int:
    added = 0
    con.begin()
    try:
        present = {row[0] for row in named_queries.run(con, "models")[1]}
        for model, predictions, source, description in models:
            check_name(model)
            if model in present:
                if not replace:
                    raise BadArgument(
                        f"model {model!r} already exists; use --replace to overwrite it"
                    )
                database.run_script(con, "remove_model", {"model": model})
            _insert(con, model, predictions, source, description)
            present.add(model)
            added += 1
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return added


def remove(db: Path, model: str) -> None:
    """Remove a model and its predictions."""
    with database.open_for_writing(db) as con:
        present = {row[0] for row in named_queries.run(con, "models")[1]}
        if model not in present:
            raise BadArgument(f"no model {model!r}; `imagenet-mistakes models` lists them")
        con.begin()
        database.run_script(con, "remove_model", {"model": model})
        con.commit()


def listing(db: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The models with their source, k and image count."""
    with database.open_read_only(db) as con:
        return named_queries.run(con, "models")


def _insert(
    con: duckdb.DuckDBPyConnection,
    model: str,
    predictions: Predictions,
    source: str,
    description: str | None,
) -> None:
    con.register("new_predictions", predictions.rows)
    try:
        database.run_script(
            con,
            "add_model",
            {
                "model": model,
                "source": source,
                "description": description,
                "top_k": predictions.top_k,
                "images": predictions.images,
            },
        )
    finally:
        con.unregister("new_predictions")
    database.run_script(con, "store_metrics", {"model": model})
