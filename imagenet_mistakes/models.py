"""Adding and removing models on a connection, inside the caller's transaction.

`Database` wraps each change in one (`storage.transaction`), so a model either
appears whole (its `models` row, every prediction and its stored metrics) or
the database is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable

import duckdb

from imagenet_mistakes import named_queries, reads, storage
from imagenet_mistakes.errors import BadArgument, shown
from imagenet_mistakes.predictions import Predictions
from imagenet_mistakes.progress import Progress, silent

_NAME = re.compile(r"[a-z0-9_.-]+")
# Models whose results one statement per stored aggregate works out: planning the views
# once for several saves more than half the time of storing top-1 models, and 8
# models' joins stay within a few hundred MB (all 67 zoo models' took 3.4 GB).
STORED_AT_ONCE = 8
# A name becomes a file name (`report`'s MODEL.html, the gallery's page): well within the
# 255 bytes a file name may have, with room for what is added to it.
LONGEST_NAME = 100


def check_name(model: str) -> str:
    """A model name as the schema requires it, or a one-line error saying why not."""
    if not _NAME.fullmatch(model):
        raise BadArgument(f"model name {shown(model)} must be lowercase letters, digits, _ . -")
    if len(model) > LONGEST_NAME:
        raise BadArgument(
            f"model name {model[:40]!r}... has {len(model):,} characters; "
            f"at most {LONGEST_NAME}, as it names files"
        )
    return model


def add(
    con: duckdb.DuckDBPyConnection,
    models: Iterable[tuple[str, Predictions, str, str | None]],
    *,
    replace: bool,
    zoo: str | None = None,
) -> int:
    """Add models (name, predictions, source, description), of `zoo` if given; return how many.

    `models` may be a generator: each model is written as it comes, so only one
    is held in memory at a time.
    """
    added: list[str] = []
    present = set(reads.model_names(con))
    for model, predictions, source, description in models:
        check_name(model)
        if model in added:
            raise BadArgument(f"model {model!r} is given twice")
        if model in present:
            if not replace:
                raise BadArgument(f"model {model!r} already exists; use --replace to overwrite it")
            remove(con, model)
        _insert(con, model, predictions, source, description, zoo)
        added.append(model)
    store_batch(con, added)
    return len(added)


def store_batch(
    con: duckdb.DuckDBPyConnection, models: list[str], progress: Progress = silent
) -> None:
    """Store what the views read of a batch of models whose predictions were just inserted:
    each one's results, a chunk of models at a time, then what they share, the rules'
    verdicts on the pairs of image and predicted class their mistakes bring and each
    image's count of models, once for the batch (a zoo's models share most of both)."""
    for start in range(0, len(models), STORED_AT_ONCE):
        progress("Scoring the models", start, len(models))
        chunk = models[start : start + STORED_AT_ONCE]
        storage.run_script(con, "store_model_results", {"models": chunk})
    storage.run_script(con, "store_mistake_verdicts", {"models": models})
    storage.run_script(con, "count_image_verdicts", {"models": models})


def check_removable(con: duckdb.DuckDBPyConnection, model: str) -> None:
    """Refuse a name that is no model with predictions (the paper's models known from their
    mistakes alone are part of the build), saying what it is instead."""
    choices = reads.parameter_choices(con)
    named_queries.check(f"MODEL {shown(model)}", "predicted_model", model, choices)


def remove(con: duckdb.DuckDBPyConnection, model: str) -> None:
    """Remove a model, its predictions and what is stored of its results."""
    storage.run_script(con, "uncount_image_verdicts", {"model": model})
    storage.run_script(con, "remove_model", {"model": model})


def _insert(
    con: duckdb.DuckDBPyConnection,
    model: str,
    predictions: Predictions,
    source: str,
    description: str | None,
    zoo: str | None,
) -> None:
    con.register("new_predictions", predictions.rows)
    try:
        storage.run_script(
            con,
            "add_model",
            {
                "model": model,
                "source": source,
                "description": description,
                "zoo": zoo,
                "top_k": predictions.top_k,
                "images": predictions.images,
            },
        )
    finally:
        # After a failed (or interrupted) statement DuckDB refuses even this until the
        # transaction is rolled back; the next add registers its rows afresh anyway.
        with contextlib.suppress(duckdb.TransactionException):
            con.unregister("new_predictions")
