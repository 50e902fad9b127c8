"""Carrying the models of an old database file into a new build: their rows copied, their
stored results worked out afresh by the new schema's views."""

from __future__ import annotations

from pathlib import Path

import duckdb

from imagenet_mistakes import reads, storage
from imagenet_mistakes.boundary import first_line
from imagenet_mistakes.errors import DatabaseError
from imagenet_mistakes.models import store_batch
from imagenet_mistakes.progress import Progress


def models(con: duckdb.DuckDBPyConnection, previous: Path, progress: Progress) -> None:
    """Copy the models of the attached `previous` database into the current one, in one go."""
    # Files of package 0.2 hold a row per rank; their ranks are gathered into lists.
    ranked = reads.ranked_predictions(con, "previous")
    script = "carry_over_ranked_models" if ranked else "carry_over_models"
    con.begin()
    try:
        storage.run_script(con, script, {})
        storage.run_script(con, "carry_over_zoos", {})
    except duckdb.Error as e:
        raise DatabaseError(
            f"{previous}: cannot carry its models over ({first_line(e)}); "
            "move it away to build afresh"
        ) from e
    store_batch(con, reads.model_names(con), progress)
    con.commit()
