"""`publish`: the tables and translated views in a real PostgreSQL give DuckDB's results."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest
from typer.testing import CliRunner

from imagenet_mistakes import named_queries, views
from imagenet_mistakes.cli import app
from imagenet_mistakes.publish import MATERIALISED
from tests import postgres_server
from tests.compare import assert_same_rows
from tests.test_lake import QUERIES

pytestmark = pytest.mark.skipif(
    postgres_server.binaries() is None, reason="PostgreSQL is not installed (Debian postgresql)"
)


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_server.server() as url:
        yield url


@pytest.fixture(scope="module")
def published(postgres: str, small_zoo_db: Path) -> str:
    result = CliRunner().invoke(app, ["publish", postgres, "--db", str(small_zoo_db)])
    assert result.exit_code == 0, result.stderr
    return postgres


@pytest.fixture(scope="module")
def translated(published: str) -> str:
    """Beside the published copy, every view as its translation, materialised or not: the
    search path that reads them, so the translations are checked too."""
    with psycopg.connect(published) as con, con.cursor() as cursor:
        cursor.execute("create schema translation_check")
        cursor.execute("set search_path to translation_check, imagenet_mistakes")
        for view in views.definitions():
            cursor.execute(f"create view {view.name} as {view.select_sql('postgres')}")
    return "translation_check, imagenet_mistakes"


def rows(url: str, query: str, path: str = "imagenet_mistakes") -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as con, con.cursor() as cursor:
        cursor.execute(f"set search_path to {path}")
        cursor.execute(query)
        return cursor.fetchall()


def duckdb_rows(db: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


@pytest.mark.parametrize("query", QUERIES)
def test_views_give_duckdbs_rows(published: str, small_zoo_db: Path, query: str) -> None:
    assert_same_rows(rows(published, query), duckdb_rows(small_zoo_db, query))


@pytest.mark.parametrize("query", QUERIES)
def test_translated_views_give_duckdbs_rows(
    published: str, translated: str, small_zoo_db: Path, query: str
) -> None:
    """Those published as tables too: each view computed by PostgreSQL from the tables."""
    assert_same_rows(rows(published, query, translated), duckdb_rows(small_zoo_db, query))


def test_every_table_row_and_view_is_there(published: str, small_zoo_db: Path) -> None:
    with duckdb.connect(str(small_zoo_db), read_only=True) as con:
        counts = dict(
            con.execute("select table_name, estimated_size from duckdb_tables()").fetchall()
        )
    for table, count in counts.items():
        assert rows(published, f"select count(*) from {table}") == [(count,)], table
    names = {r[0] for r in rows(published, "select table_name from information_schema.views "
                                           "where table_schema = 'imagenet_mistakes'")}  # fmt: skip
    assert names == {view.name for view in views.definitions()} - MATERIALISED
    # The others are tables of DuckDB's answer, commented as the views.
    with duckdb.connect(str(small_zoo_db), read_only=True) as con:
        for view in MATERIALISED:
            expected = con.execute(
                f"select count(*), (select comment from duckdb_views() where view_name = ?) "
                f"from {view}",
                [view],
            ).fetchall()
            found = rows(
                published, f"select count(*), obj_description('{view}'::regclass) from {view}"
            )
            assert found == expected, view
    comment = rows(published, "select obj_description('imagenet_mistakes.leaderboard'::regclass)")
    assert comment[0][0].startswith("Every model")


def test_the_copy_has_duckdbs_keys_an_index_per_join_column_and_statistics(
    published: str, small_zoo_db: Path
) -> None:
    """What PostgreSQL's planner needs to join the tables as fast as the views ask."""
    with duckdb.connect(str(small_zoo_db), read_only=True) as con:
        keys = {
            (table, kind, tuple(columns))
            for table, kind, columns in con.execute(
                "select table_name, constraint_type, constraint_column_names "
                "from duckdb_constraints() where constraint_type in ('PRIMARY KEY', 'UNIQUE')"
            ).fetchall()
        }
        join_columns = set(
            con.execute(
                "select table_name, column_name from duckdb_columns() "
                "where table_name in (select table_name from duckdb_tables()) "
                "and column_name in ('model', 'image_number', 'class_id', 'label_set')"
            ).fetchall()
        )
    found = rows(
        published,
        "select rel.relname, case con.contype when 'p' then 'PRIMARY KEY' else 'UNIQUE' end, "
        "array_agg(att.attname order by k.ord) "
        "from pg_constraint con join pg_class rel on rel.oid = con.conrelid "
        "join pg_namespace ns on ns.oid = rel.relnamespace "
        "cross join unnest(con.conkey) with ordinality as k(attnum, ord) "
        "join pg_attribute att on att.attrelid = rel.oid and att.attnum = k.attnum "
        "where ns.nspname = 'imagenet_mistakes' and con.contype in ('p', 'u') "
        "group by rel.relname, con.contype, con.conname",
    )
    assert {(t, kind, tuple(cs)) for t, kind, cs in found} == keys
    # Every join column leads an index: a key's, or one of its own.
    leading = rows(
        published,
        "select tablename, (regexp_match(indexdef, '\\((\\w+)'))[1] from pg_indexes "
        "where schemaname = 'imagenet_mistakes'",
    )
    assert join_columns <= set(leading)
    unanalysed = rows(
        published,
        "select relname from pg_stat_user_tables where schemaname = 'imagenet_mistakes' "
        "and last_analyze is null",
    )
    assert unanalysed == []


def test_publishing_again_replaces_the_schema(published: str, small_zoo_db: Path) -> None:
    before = rows(published, "select count(*) from predictions")
    result = CliRunner().invoke(app, ["publish", published, "--db", str(small_zoo_db)])
    assert result.exit_code == 0, result.stderr
    assert "INFO: For non-commercial use only (CC-BY-NC-4.0): the tables" in result.stderr
    assert rows(published, "select count(*) from predictions") == before
    schemas = rows(published, "select nspname from pg_namespace where nspname like 'imagenet%'")
    assert schemas == [("imagenet_mistakes",)]


def test_an_unreachable_server_is_one_line(small_zoo_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["publish", "postgresql://nobody@127.0.0.1:1/none", "--db", str(small_zoo_db)]
    )
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: postgresql://nobody@127.0.0.1:1/none:")


def test_a_password_is_never_shown(small_zoo_db: Path) -> None:
    url = "postgresql://nobody:hunter2@127.0.0.1:1/none"
    result = CliRunner().invoke(app, ["publish", url, "--db", str(small_zoo_db)])
    assert result.exit_code == 3
    assert "hunter2" not in result.stderr + result.stdout
    assert result.stderr.startswith("Error: postgresql://nobody:***@127.0.0.1:1/none: cannot")


def test_a_schema_of_the_users_is_never_replaced(postgres: str, small_zoo_db: Path) -> None:
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute("create schema theirs")
        con.execute("create table theirs.notes (note text)")
        con.execute("insert into theirs.notes values ('keep me')")
    args = ["publish", postgres, "--schema", "theirs", "--db", str(small_zoo_db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: --schema theirs: holds 1 tables")
    with psycopg.connect(postgres) as con:
        assert con.execute("select note from theirs.notes").fetchall() == [("keep me",)]
        # Nothing was left behind either.
        staging = con.execute(
            "select count(*) from pg_namespace where nspname = 'theirs__staging'"
        ).fetchone()
    assert staging == (0,)


# The parameter-free named queries over the views; the others read DuckDB's catalogue.
PORTABLE_QUERIES = ["leaderboard", "paper_confusions", "label_agreement", "imagenet_m_hardest"]


@pytest.mark.parametrize("name", PORTABLE_QUERIES)
def test_parameter_free_named_queries_run_in_psql_as_they_are(
    published: str, small_zoo_db: Path, name: str
) -> None:
    query = named_queries.get(name).sql
    assert_same_rows(rows(published, query), duckdb_rows(small_zoo_db, query))
