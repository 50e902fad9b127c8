"""`publish`: copy every table into a PostgreSQL schema and recreate every view there.

One transaction: the tables and views are built in a fresh schema, which
then replaces the target schema, so re-publishing is atomic and leaves no
trace of the previous copy. Only a schema this command made (its comment
says so) or an empty one is ever replaced: a schema holding anything else
is the user's, and is refused. Rows go through COPY as CSV written by Arrow;
the views are the DuckDB definitions translated by sqlglot (views.py), but for
those PostgreSQL answers slowly (MATERIALISED), which it gets as tables.
"""

from __future__ import annotations

import io
import logging
import re
import urllib.parse

import duckdb
import psycopg
import pyarrow.csv as pa_csv
from psycopg import sql

from imagenet_mistakes import licences, reads, storage, views
from imagenet_mistakes.errors import BadArgument, SourceUnavailable

log = logging.getLogger(__name__)

# DuckDB column types as PostgreSQL spells them.
_TYPES = {
    "VARCHAR": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "HUGEINT": "numeric",  # DuckDB's sum of BIGINTs; PostgreSQL's is numeric too
    "BOOLEAN": "boolean",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTEGER[]": "integer[]",
    "DOUBLE[]": "double precision[]",
}
_BATCH_ROWS = 500_000
# The columns the views join and filter on. Each gets an index in the
# published copy unless a key of the table starts with it: without them,
# PostgreSQL scans whole tables for every join (the leaderboard took 1.1 s
# on three models, 0.05 s with them and ANALYZE).
_JOIN_COLUMNS = ("model", "image_number", "class_id", "label_set")
# The views PostgreSQL answers more than 3 times slower than DuckDB even with those
# indexes (benchmarks/postgres.py, 67 zoo models): the *_live views, which count every
# model afresh; ETH's steps, whose band joins and windows it plans as nested loops;
# and the views over them. PostgreSQL gets each as a table of DuckDB's answer, made
# by each publish like the tables (whose snapshot the copy is anyway); the tests
# still run their translations in PostgreSQL against DuckDB.
MATERIALISED = frozenset(
    {
        "auto_categories_live", "auto_category_confusion", "auto_category_scores",
        "class_results_live", "crosswalk", "eth_co_occurrence_pairs", "eth_error_steps",
        "eth_step_agreement", "factor_counts_live", "image_difficulty_live",
        "label_agreement", "metaclass_counts_live", "mistake_factor_counts_live",
        "mistake_factor_shares", "model_metrics_live", "model_mistakes_live",
        "published_standing", "real_soft_results", "real_soft_totals_live",
        "remaining_mistakes",
    }
)  # fmt: skip


# What `publish` writes as the comment of each schema it makes, and looks for
# before it replaces one.
MARK = "Published by imagenet-mistakes"
# PostgreSQL cuts names at 63 bytes; the staging schema adds 9 to the name.
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,53}")
_STAGING = "__staging"


def publish(con: duckdb.DuckDBPyConnection, url: str, schema: str) -> None:
    """Replace `schema` in the PostgreSQL database at `url` with the database's tables and views."""
    check_schema(schema)
    shown = redacted(url)
    if not url.startswith(("postgresql://", "postgres://")):
        raise BadArgument(f"{shown}: not a PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE)")
    staging = f"{schema}{_STAGING}"
    try:
        target = psycopg.connect(url)
    except psycopg.Error as e:
        raise SourceUnavailable(f"{shown}: cannot connect ({storage.first_line(e)})") from e
    with target:
        with target.cursor() as cursor:
            for name in (schema, staging):
                _check_replaceable(cursor, name)
            cursor.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(staging))
            )
            cursor.execute(sql.SQL("create schema {}").format(sql.Identifier(staging)))
            cursor.execute(
                sql.SQL("comment on schema {} is {}").format(
                    sql.Identifier(staging), sql.Literal(MARK)
                )
            )
            cursor.execute(sql.SQL("set local search_path to {}").format(sql.Identifier(staging)))
            for table in reads.table_names(con):
                _copy_table(con, cursor, table)
                _index_table(con, cursor, table)
            for view in views.definitions():
                if view.name in MATERIALISED:
                    _copy_table(con, cursor, view.name)
                    _index_table(con, cursor, view.name)
                else:
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
    note = licences.non_commercial_note(con)
    if note:
        log.info("%s", note)


def check_schema(schema: str) -> None:
    """A schema name publish can own, or a one-line error: never a system schema, nor `public`."""
    if (
        not _SCHEMA.fullmatch(schema)
        or schema.startswith("pg_")
        or schema in ("public", "information_schema")
    ):
        raise BadArgument(
            f"--schema {schema[:70]!r}: must be lowercase letters, digits and _, at most "
            "54 of them, and not public, information_schema or pg_*: a schema of its own"
        )


def redacted(url: str) -> str:
    """The URL without its password, to show in messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def _check_replaceable(cursor: psycopg.Cursor, schema: str) -> None:
    """Refuse to replace a schema that holds anything publish did not put there."""
    cursor.execute(
        "select obj_description(oid, 'pg_namespace'), "
        "(select count(*) from pg_class where relnamespace = pg_namespace.oid) "
        "from pg_namespace where nspname = %s",
        [schema],
    )
    found = cursor.fetchone()
    if found is None:
        return
    comment, objects = found
    if objects and comment != MARK:
        raise BadArgument(
            f"--schema {schema}: holds {objects} tables, views or other objects that "
            "imagenet-mistakes did not publish; refusing to replace it (choose another --schema)"
        )


def _copy_table(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor, table: str) -> None:
    """A table of the same name and columns holding the rows of a DuckDB table or view."""
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
    reader = _as_csv_values(con, table, columns).to_arrow_reader(_BATCH_ROWS)
    with cursor.copy(copy) as target:
        for batch in reader:
            buffer = io.BytesIO()
            pa_csv.write_csv(batch, buffer, pa_csv.WriteOptions(include_header=False))
            target.write(buffer.getvalue())


def _index_table(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor, table: str) -> None:
    """The table's keys as in DuckDB, an index on each join column no key leads with,
    then the statistics PostgreSQL's planner needs (made after the rows are in: faster)."""
    leading = set()
    for kind, names in reads.keys(con, table):
        cursor.execute(
            sql.SQL("alter table {} add {} ({})").format(
                sql.Identifier(table),
                sql.SQL(kind),  # PRIMARY KEY or UNIQUE, from DuckDB's catalog
                sql.SQL(", ").join(map(sql.Identifier, names)),
            )
        )
        leading.add(names[0])
    for name, _ in reads.columns(con, table):
        if name in _JOIN_COLUMNS and name not in leading:
            cursor.execute(
                sql.SQL("create index on {} ({})").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
    cursor.execute(sql.SQL("analyze {}").format(sql.Identifier(table)))


def _as_csv_values(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]
) -> duckdb.DuckDBPyRelation:
    """The table with each list column as PostgreSQL's array literal, which Arrow's CSV
    writer cannot write: DuckDB writes [1, 2, NULL], PostgreSQL reads {1, 2, NULL}."""
    return con.table(table).select(
        *(
            duckdb.SQLExpression(
                f"translate(cast({duckdb.ColumnExpression(name)} as varchar), '[]', '{{}}')"
            ).alias(name)
            if kind.endswith("[]")
            else duckdb.ColumnExpression(name)
            for name, kind in columns
        )
    )


def _copy_comments(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor) -> None:
    """The COMMENT of every table, view and column, so BI tools show the same descriptions."""
    for kind, name, column, comment in reads.comments(con):
        if kind == "column":
            assert column is not None
            target = sql.SQL("column {}.{}").format(sql.Identifier(name), sql.Identifier(column))
        else:
            shown_as = "view {}" if kind == "view" and name not in MATERIALISED else "table {}"
            target = sql.SQL(shown_as).format(sql.Identifier(name))
        cursor.execute(sql.SQL("comment on {} is {}").format(target, sql.Literal(comment)))
