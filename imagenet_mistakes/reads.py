"""The package's own reads of a database, as typed functions over `reads/*.sql`.

Kept apart from `queries/`, which holds what users run: code here depends on
its columns, so users' queries can change shape without breaking the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # NumPy is for adding models; loaded there (0.1 s of every start)
    import numpy as np


@cache
def _sql(name: str) -> str:
    return (resources.files("imagenet_mistakes") / "reads" / f"{name}.sql").read_text()


def _rows(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    relation = con.execute(_sql(name), params or {})
    return [d[0] for d in relation.description or []], relation.fetchall()


def model_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The models with predictions, by name."""
    return [model for (model,) in _rows(con, "model_names")[1]]


def models_among(con: duckdb.DuckDBPyConnection, among: str) -> list[str]:
    """The models with predictions that `among` (all, a zoo, or names) names, by name."""
    return [model for (model,) in _rows(con, "models_among", {"among": among})[1]]


@dataclass(frozen=True)
class RestrictedSource:
    source_id: str
    licence: str
    # Its name in published_models and published_results, for a published source.
    published_as: str | None
    # The label set it gives, for a source of labels.
    labels_as: str | None


def scored_top1(con: duckdb.DuckDBPyConnection, model: str) -> dict[int, str | None]:
    """The images the analysed label set scores that `model` predicted, with its top-1's name.

    The name is None for a paper model known only from its mistakes.
    """
    return dict(_rows(con, "scored_top1", {"model": model})[1])


def restricted_sources(con: duckdb.DuckDBPyConnection, licence: str) -> list[RestrictedSource]:
    """The loaded sources whose licence matches `licence`, a LIKE pattern."""
    return [
        RestrictedSource(*row) for row in _rows(con, "restricted_sources", {"licence": licence})[1]
    ]


def confidence_level(con: duckdb.DuckDBPyConnection) -> float:
    """The confidence level of the file's intervals (the confidence view): 0.95 as shipped."""
    return float(_rows(con, "confidence_level")[1][0][0])


def parameter_choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The values a named-query parameter of each kind may take, by kind."""
    choices: dict[str, list[str]] = {}
    for kind, value in _rows(con, "parameter_choices")[1]:
        choices.setdefault(kind, []).append(value)
    return choices


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of the database (not the views), by name."""
    return [row[0] for row in _rows(con, "tables")[1]]


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of a table or view, in order."""
    return [(name, kind) for name, kind in _rows(con, "columns", {"table": table})[1]]


def columns_of(
    con: duckdb.DuckDBPyConnection, names: list[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, its column names in order) of each table or view named, by name."""
    rows = _rows(con, "columns_of", {"names": names})[1]
    return tuple((name, tuple(columns)) for name, columns in rows)


def keys(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, list[str]]]:
    """(PRIMARY KEY or UNIQUE, columns) of each key constraint of a table."""
    return [(kind, list(names)) for kind, names in _rows(con, "keys", {"table": table})[1]]


def comments(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None, str]]:
    """(kind, object, column, comment) of every commented table, view and column."""
    return [(kind, name, column, text) for kind, name, column, text in _rows(con, "comments")[1]]


def metric_aggregates(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """How each metric aggregates (image, class or count), by metric id."""
    return dict(_rows(con, "metric_aggregates")[1])


@dataclass(frozen=True)
class Kind:
    """What a DuckDB file is, to this package."""

    ours: bool  # it has the tables every imagenet-mistakes database has
    versioned: bool  # it records the package and schema version that built it


def kind(con: duckdb.DuckDBPyConnection) -> Kind:
    ((ours, versioned),) = _rows(con, "kind")[1]
    return Kind(ours == 3, versioned == 1)


def build_info(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """(package version, schema version) of the build that wrote the file."""
    rows = _rows(con, "build_info")[1]
    return (rows[0][0], rows[0][1]) if rows else None


def ranked_predictions(con: duckdb.DuckDBPyConnection, database: str) -> bool:
    """Whether the attached `database` holds predictions one row per rank (package 0.2)."""
    return _rows(con, "ranked_predictions", {"database": database})[1] == [(1,)]


def source_dir(con: duckdb.DuckDBPyConnection) -> str | None:
    """The mirror `build` read its sources from, if it read them from one."""
    rows = _rows(con, "source_dir")[1]
    return rows[0][0] if rows else None


# A titled table of `info`: (title, columns, rows).
Section = tuple[str, list[str], list[tuple[Any, ...]]]


def summary(con: duckdb.DuckDBPyConnection) -> list[Section]:
    """What `info` shows: sources, tables, the build's notes, and what the database lacks."""
    return [
        (title, *_rows(con, name))
        for title, name in [
            ("Sources", "sources"),
            ("Tables", "tables"),
            ("Notes", "notes"),
            ("Missing", "missing"),
        ]
    ]


def missing(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """What the database lacks because its sources did not have it, with the reason."""
    return dict(_rows(con, "missing")[1])


def original_labels(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """The original label of each image, indexed by image number (-1 at 0, which is none)."""
    import numpy as np

    found = con.execute(_sql("original_labels")).fetchnumpy()
    labels = np.full(int(found["image_number"].max()) + 1, -1, np.int64)
    labels[found["image_number"]] = found["label"]
    return labels


def class_folder_order(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """The image numbers in class-folder order (val/<wnid>/<file>, by wnid then file name)."""
    import numpy as np

    return np.asarray(con.execute(_sql("class_folder_order")).fetchnumpy()["image_number"])


def class_order(con: duckdb.DuckDBPyConnection, order: str) -> np.ndarray:
    """The class id each output index means, in the class order `order` (class_orders)."""
    import numpy as np

    found = con.execute(_sql("class_order"), {"order": order}).fetchnumpy()["class_id"]
    return np.asarray(found)
