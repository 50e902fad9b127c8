"""The schema: `schema/*.sql`, rendered from the package data and applied in name order.

Each file creates one table or view, named after it; tables first, then views
in dependency order. Files are Jinja templates (as dbt models are), so a view
whose columns follow the data, such as the leaderboard's one column per
metric, is written once; the rendered text is what every engine gets
(DuckDB here, Spark and PostgreSQL through views.py).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

import duckdb

from imagenet_mistakes import intervals, metrics

_FOLDER = resources.files("imagenet_mistakes") / "schema"


def _sql_string(value: str) -> str:
    """A SQL string literal: the template engine must not decide how quotes are escaped."""
    return "'" + value.replace("'", "''") + "'"


def files() -> list[str]:
    """The schema's file names in the order they apply."""
    return sorted(p.name for p in _FOLDER.iterdir() if p.name.endswith(".sql"))


def rendered() -> list[tuple[str, str]]:
    """(file name, SQL) of every schema file, rendered with the metric definitions and the
    intervals' confidence level."""
    return list(_rendered(tuple(metrics.definitions()), intervals.level()))


@cache
def _rendered(definitions: tuple[metrics.Metric, ...], level: float) -> tuple[tuple[str, str], ...]:
    import jinja2  # here, not at the top: only build and the exports render the schema

    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    environment.filters["sql_string"] = _sql_string
    context = {"metrics": definitions, "level": repr(level), "z": repr(intervals.z(level))}
    return tuple(
        (name, environment.from_string(_FOLDER.joinpath(name).read_text()).render(context))
        for name in files()
    )


def version() -> str:
    """A hash of the schema: files built by a package with another schema differ.

    Hashes what the rendering depends on, the templates, the metric
    definitions and the intervals' level, rather than the rendered text:
    every command checks it on opening the file, and rendering takes longer
    than a small query.
    """
    digest = hashlib.sha256()
    for name in files():
        digest.update(f"{name}\0{_FOLDER.joinpath(name).read_text()}\0".encode())
    digest.update(metrics.FILE.read_text().encode())
    digest.update(intervals.FILE.read_text().encode())
    return digest.hexdigest()[:16]


def apply(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view; safe to apply again to a database that has them."""
    for _, text in rendered():
        con.execute(text)


def tables() -> list[str]:
    """The schema's tables in the order it creates them: parents before children.

    Each file creates one table or view named after it (`NNN_<name>.sql`).
    """
    return [
        name.removesuffix(".sql").split("_", 1)[1]
        for name, text in rendered()
        if "CREATE TABLE" in text.upper()
    ]
