"""`publish`: copy every table into a PostgreSQL schema and recreate every view there.

One transaction: the tables and views are built in a fresh schema, which
then takes the target schema's place, so re-publishing is atomic and leaves
no trace of the previous copy. Publish never drops or changes what it did not
create: each copy records the objects it made (the table `published_objects`,
by PostgreSQL's object ids), and a schema is replaced only when everything
that dropping it would drop, by PostgreSQL's own dependency rules, is in that
record (or there is nothing). The old copy then goes without CASCADE, so
PostgreSQL itself refuses should anything else appear meanwhile. Rows go
through COPY as CSV written by Arrow; the views are the DuckDB definitions
translated by sqlglot (views.py), but for those PostgreSQL answers slowly
(MATERIALISED), which it gets as tables.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import duckdb
import psycopg
import pyarrow.csv as pa_csv
from psycopg import sql

from imagenet_mistakes import conninfo, licences, reads, stored, views
from imagenet_mistakes.errors import BadArgument, shown

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
    "FLOAT[]": "real[]",
    "VARCHAR[]": "text[]",
}
_BATCH_ROWS = 500_000
# The catalog of tables, views and indexes: the oid of pg_class, fixed in every PostgreSQL.
_PG_CLASS = 1259
# The columns the views join and filter on. Each gets an index in the
# published copy unless a key of the table starts with it: without them,
# PostgreSQL scans whole tables for every join (the leaderboard took 1.1 s
# on three models, 0.05 s with them and ANALYZE).
_JOIN_COLUMNS = ("model", "image_number", "class_id", "label_set")
# The views PostgreSQL answers more than 3 times slower than DuckDB even with those
# indexes (benchmarks/postgres.py, 67 zoo models): the live views of the stored
# aggregates, which count every model afresh; ETH's steps, whose band joins and windows
# it plans as nested loops; and the views over them. PostgreSQL gets each as a table of
# DuckDB's answer, made by each publish like the tables (whose snapshot the copy is
# anyway); the tests still run their translations in PostgreSQL against DuckDB.
MATERIALISED = frozenset(
    {
        *stored.live_views(), "image_difficulty_live", "mistake_verdicts_live", "queued_verdicts",
        "auto_category_confusion", "auto_category_scores", "crosswalk",
        "eth_co_occurrence_pairs", "eth_error_steps", "eth_step_agreement",
        "label_agreement", "mistake_factor_shares", "published_standing",
        "real_soft_results", "remaining_mistakes",
    }
)  # fmt: skip


# What `publish` writes as the comment of each schema it makes.
MARK = "Published by imagenet-mistakes"
# The table in each published schema that records what publish made there.
RECORD = "published_objects"
# PostgreSQL cuts names at 63 bytes; the staging schema adds 9 to the name.
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,53}")
_STAGING = "__staging"
# How many of the objects in the way a refusal names.
_NAMED = 3


def publish(con: duckdb.DuckDBPyConnection, url: str, schema: str) -> str:
    """Replace `schema` in the PostgreSQL database at `url` with the database's tables and
    views; return the target as it may be shown (no password)."""
    check_schema(schema)
    target = conninfo.parse(url)
    staging = f"{schema}{_STAGING}"
    with conninfo.connected(target) as postgres, postgres.cursor() as cursor:
        replaced, left_over = (_objects_in_the_way(cursor, name) for name in (schema, staging))
        if left_over is not None:  # an empty schema by that name, or a copy's own
            _drop(cursor, staging, left_over)
        cursor.execute(sql.SQL("create schema {}").format(sql.Identifier(staging)))
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
        if replaced is not None:
            _drop(cursor, schema, replaced)
        cursor.execute(
            sql.SQL("alter schema {} rename to {}").format(
                sql.Identifier(staging), sql.Identifier(schema)
            )
        )
        _record(con, cursor, schema)
    for note in licences.notes(con):
        log.info("%s", note)
    return target.shown


def check_schema(schema: str) -> None:
    """A schema name publish can own, or a one-line error: never a system schema, nor `public`."""
    if (
        not _SCHEMA.fullmatch(schema)
        or schema.startswith("pg_")
        or schema in ("public", "information_schema")
    ):
        raise BadArgument(
            f"--schema {shown(schema)}: must be lowercase letters, digits and _, at most "
            "54 of them, and not public, information_schema or pg_*: a schema of its own"
        )


@dataclass(frozen=True)
class _Object:
    """An object dropping a schema would drop, by PostgreSQL's id: its catalog and oid."""

    classid: int
    objid: int


def _objects(cursor: psycopg.Cursor[Any], schema: str) -> dict[_Object, tuple[str, set[_Object]]]:
    """Everything `drop schema cascade` would drop, each with its description and the
    objects it is a part of (postgres/schema_objects.sql)."""
    cursor.execute(_sql("schema_objects"), {"schema": schema})
    return {
        _Object(classid, objid): (description, {_Object(*part) for part in parts_of})
        for classid, objid, description, parts_of in cursor.fetchall()
    }


def _objects_in_the_way(cursor: psycopg.Cursor[Any], schema: str) -> set[_Object] | None:
    """The objects of a copy publish made in `schema` earlier, to be replaced; None when
    the schema does not exist. Refuses, changing nothing, when dropping the schema would
    drop anything else: an object of another kind or name, or anything that depends on
    the copy (a view of the user's in another schema, an index on one of its tables)."""
    cursor.execute(
        "select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = %s",
        [schema],
    )
    found = cursor.fetchone()
    if found is None:
        return None
    objects = _objects(cursor, schema)
    recorded: set[_Object] = set()
    if found[0] is not None and found[0].startswith(MARK) and _has_record(cursor, schema):
        cursor.execute(
            sql.SQL("select classid, objid from {}.{}").format(
                sql.Identifier(schema), sql.Identifier(RECORD)
            )
        )
        recorded = {_Object(int(c), int(o)) for c, o in cursor.fetchall()}
    others = objects.keys() - recorded
    if not others:
        return set(objects)
    # Name whole objects: a view rather than its rewrite rule, a table not its row type.
    whole = sorted(objects[o][0] for o in others if not objects[o][1] & others)
    named = ", ".join(whole[:_NAMED])
    if len(whole) > _NAMED:
        named += f" and {len(whole) - _NAMED} more"
    raise BadArgument(
        f"--schema {schema}: holds or feeds what imagenet-mistakes did not publish: {named}; "
        "choose another --schema, or drop those yourself"
    )


def _has_record(cursor: psycopg.Cursor[Any], schema: str) -> bool:
    cursor.execute(
        "select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relname = %s and c.relkind = 'r'",
        [schema, RECORD],
    )
    return cursor.fetchone() is not None


def _drop(cursor: psycopg.Cursor[Any], schema: str, objects: set[_Object]) -> None:
    """Drop an earlier copy: its views, then its tables, then the schema, without CASCADE,
    so PostgreSQL refuses (and the transaction ends unchanged) should anything of anyone
    else's have appeared since it was checked. Their parts (indexes, keys, row types,
    rules) go with them."""
    cursor.execute(
        "select c.relkind, c.oid::regclass::text from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relkind in ('v', 'r') and c.oid = any(%s) order by 2",
        [schema, [o.objid for o in objects if o.classid == _PG_CLASS]],
    )
    relations = cursor.fetchall()
    for kind, statement in (("v", "drop view {} restrict"), ("r", "drop table {} restrict")):
        names = [name for relkind, name in relations if relkind == kind]
        if names:
            cursor.execute(sql.SQL(statement).format(sql.SQL(", ").join(map(sql.SQL, names))))
    cursor.execute(sql.SQL("drop schema {} restrict").format(sql.Identifier(schema)))


def _record(con: duckdb.DuckDBPyConnection, cursor: psycopg.Cursor[Any], schema: str) -> None:
    """Say whose the schema is, and record every object of the new copy by its id, so that
    the next publish replaces exactly these."""
    made_by = reads.build_info(con)
    version = f" {made_by[0]}, from a file of schema {made_by[1]}" if made_by else ""
    cursor.execute(
        sql.SQL("comment on schema {} is {}").format(
            sql.Identifier(schema), sql.Literal(f"{MARK}{version}")
        )
    )
    table = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(RECORD))
    cursor.execute(
        sql.SQL("create table {} (classid oid, objid oid, description text)").format(table)
    )
    cursor.execute(
        sql.SQL("comment on table {} is {}").format(
            table,
            sql.Literal(
                "Every object imagenet-mistakes published in this schema: publishing again "
                "replaces these, and refuses while anything else is here or depends on them"
            ),
        )
    )
    rows = [(o.classid, o.objid, d) for o, (d, _) in _objects(cursor, schema).items()]
    cursor.executemany(sql.SQL("insert into {} values (%s, %s, %s)").format(table), rows)
    cursor.execute(sql.SQL("analyze {}").format(table))  # as every published table


@cache
def _sql(name: str) -> str:
    return (resources.files("imagenet_mistakes") / "postgres" / f"{name}.sql").read_text()


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
