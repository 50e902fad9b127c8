"""`publish`: copy every table into a PostgreSQL schema and recreate every view there.

One transaction: the tables and views are built in a fresh schema, which
then replaces the target schema, so re-publishing is atomic and leaves no
trace of the previous copy. Rows go through COPY as CSV written by Arrow;
the views are the DuckDB definitions translated by sqlglot (views.py).
"""

from __future__ import annotations

import io
import logging

import duckdb
import psycopg
import pyarrow.csv as pa_csv
from psycopg import sql

from imagenet_mistakes import reads, storage, views
from imagenet_mistakes.errors import BadArgument, SourceUnavailable

log = logging.getLogger(__name__)

# DuckDB column types as PostgreSQL spells them.
_TYPES = {
    "VARCHAR": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}
_BATCH_ROWS = 500_000


def publish(con: duckdb.DuckDBPyConnection, url: str, schema: str) -> None:
    """Replace `schema` in the PostgreSQL database at `url` with the database's tables and views."""
    staging = f"{schema}__staging"
    try:
        target = psycopg.connect(url)
    except psycopg.Error as e:
        raise SourceUnavailable(f"{url}: cannot connect ({storage.first_line(e)})") from e
    with target:
        with target.cursor() as cursor:
            cursor.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(staging))
            )
            cursor.execute(sql.SQL("create schema {}").format(sql.Identifier(staging)))
            cursor.execute(sql.SQL("set local search_path to {}").format(sql.Identifier(staging)))
            for table in reads.table_names(con):
                _copy_table(con, cursor, table)
            for view in views.definitions():
                cursor.execute(
                    sql.SQL("create view {} as {}").format(
                        sql.Identifier(view.name), sql.SQL(view.select_sql("postgres"))
                    )
                )
            _copy_comments(con, cursor)
            cursor.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema))
            )
            cursor.execute(
                sql.SQL("alter schema {} rename to {}").format(
                    sql.Identifier(staging), sql.Identifier(schema)
                )
            )
        log.info("published to schema %s", schema)


def _copy_table(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor, table: str) -> None:
    columns = reads.columns(con, table)
    unknown = [t for _, t in columns if t not in _TYPES]
    if unknown:
        raise BadArgument(f"{table}: no PostgreSQL type for {unknown[0]}")
    cursor.execute(
        sql.SQL("create table {} ({})").format(
            sql.Identifier(table),
            sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(_TYPES[kind]))
                for name, kind in columns
            ),
        )
    )
    copy = sql.SQL("copy {} from stdin (format csv)").format(sql.Identifier(table))
    reader = con.table(table).to_arrow_reader(_BATCH_ROWS)
    with cursor.copy(copy) as target:
        for batch in reader:
            buffer = io.BytesIO()
            pa_csv.write_csv(batch, buffer, pa_csv.WriteOptions(include_header=False))
            target.write(buffer.getvalue())


def _copy_comments(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor) -> None:
    """The COMMENT of every table, view and column, so BI tools show the same descriptions."""
    for kind, name, column, comment in reads.comments(con):
        if kind == "column":
            assert column is not None
            target = sql.SQL("column {}.{}").format(sql.Identifier(name), sql.Identifier(column))
        else:
            target = sql.SQL("view {}" if kind == "view" else "table {}").format(
                sql.Identifier(name)
            )
        cursor.execute(sql.SQL("comment on {} is {}").format(target, sql.Literal(comment)))
