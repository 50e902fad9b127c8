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
from tests.conftest import unavailable
from tests.test_lake import QUERIES


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    if postgres_server.binaries() is None:
        unavailable("PostgreSQL is not installed (Debian postgresql)")
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
    """Once nothing depends on the copy: the translated views above (the `translated`
    fixture, which the tests before this one use) read its tables, and are in the way."""
    before = rows(published, "select count(*) from predictions")
    with psycopg.connect(published, autocommit=True) as con:
        con.execute("create schema if not exists translation_check")
        con.execute("create or replace view translation_check.leaderboard as "
                    "select * from imagenet_mistakes.leaderboard")  # fmt: skip
    result = CliRunner().invoke(app, ["publish", published, "--db", str(small_zoo_db)])
    assert result.exit_code == 2 and "view translation_check." in result.stderr
    with psycopg.connect(published, autocommit=True) as con:
        con.execute("drop schema translation_check cascade")
    result = CliRunner().invoke(app, ["publish", published, "--db", str(small_zoo_db)])
    assert result.exit_code == 0, result.stderr
    assert "INFO: For non-commercial use only (CC-BY-NC-4.0): the tables" in result.stderr
    assert rows(published, "select count(*) from predictions") == before
    schemas = rows(published, "select nspname from pg_namespace where nspname like 'imagenet%'")
    assert schemas == [("imagenet_mistakes",)]


# The parameter-free named queries over the views; the others read DuckDB's catalogue.
PORTABLE_QUERIES = ["leaderboard", "paper_confusions", "label_agreement", "imagenet_m_hardest"]


@pytest.mark.parametrize("name", PORTABLE_QUERIES)
def test_parameter_free_named_queries_run_in_psql_as_they_are(
    published: str, small_zoo_db: Path, name: str
) -> None:
    query = named_queries.get(name).sql
    assert_same_rows(rows(published, query), duckdb_rows(small_zoo_db, query))


# Everything of the user's a publish could touch, by object id: a refused publish must
# leave every one of them (and their rows) exactly as it was.
FINGERPRINT = """
select 'relation', n.nspname, c.relname, c.relkind::text, c.oid::bigint
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
union all
select 'function', n.nspname, p.proname, p.prokind::text, p.oid::bigint
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname not in ('pg_catalog', 'information_schema')
union all
select 'type', n.nspname, t.typname, t.typtype::text, t.oid::bigint
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where n.nspname not in ('pg_catalog', 'information_schema')
union all
select 'schema', nspname, coalesce(obj_description(oid, 'pg_namespace'), ''), '', oid::bigint
from pg_namespace
union all
select 'dependencies', '', '', deptype::text, count(*) from pg_depend group by deptype
order by 1, 2, 3, 4, 5
"""


def fingerprint(url: str) -> list[tuple[Any, ...]]:
    return rows(url, FINGERPRINT)


def publish(url: str, db: Path, *options: str) -> Any:
    return CliRunner().invoke(app, ["publish", url, *options, "--db", str(db)])


def assert_refused(result: Any, *named: str) -> None:
    assert result.exit_code == 2 and result.stdout == "", result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: --schema "), lines
    assert len(lines[0]) < 300
    for name in named:
        assert name in lines[0]
    assert "choose another --schema, or drop those yourself" in lines[0]


# An object of each kind, in a schema of the user's: the name a refusal gives it.
USERS_OBJECTS = {
    "table": ("create table {s}.notes (note text)", "table {s}.notes"),
    "view": ("create view {s}.v as select 1 as one", "view {s}.v"),
    "function": ("create function {s}.precious() returns int language sql as 'select 1'",
                 "function {s}.precious()"),
    "type": ("create type {s}.mood as enum ('happy')", "type {s}.mood"),
    "sequence": ("create sequence {s}.counter", "sequence {s}.counter"),
    "domain": ("create domain {s}.positive as int check (value > 0)", "type {s}.positive"),
    "composite type": ("create type {s}.pair as (a int, b int)", "type {s}.pair"),
    "materialized view": ("create materialized view {s}.m as select 1 as one",
                          "materialized view {s}.m"),
}  # fmt: skip


@pytest.mark.parametrize("kind", USERS_OBJECTS)
def test_a_schema_holding_anything_of_the_users_is_never_replaced(
    postgres: str, synthetic_db: Path, kind: str
) -> None:
    """Not only tables: a schema with a lone function counted as empty, and was dropped."""
    schema = "users_" + kind.replace(" ", "_")
    create, name = USERS_OBJECTS[kind]
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute(f"create schema {schema}")
        con.execute(create.format(s=schema))
    before = fingerprint(postgres)
    assert_refused(publish(postgres, synthetic_db, "--schema", schema), name.format(s=schema))
    assert fingerprint(postgres) == before


# What a user may add in or over a published copy: how to add it, how to take it away
# again, and the name a refusal gives it.
ADDED_TO_A_COPY = {
    "a view elsewhere over one of its tables": (
        "create view public.my_top_models as select model from {s}.leaderboard",
        "drop view public.my_top_models", "view public.my_top_models"),
    "a table in its schema": (
        "create table {s}.my_notes (note text)", "drop table {s}.my_notes", "table {s}.my_notes"),
    "a function in its schema": (
        "create function {s}.f() returns int language sql as 'select 1'", "drop function {s}.f",
        "function {s}.f()"),
    "an index on one of its tables": (
        "create index my_index on {s}.models (source)", "drop index {s}.my_index",
        "index {s}.my_index"),
    "a trigger on one of its tables": (
        "create function public.t() returns trigger language plpgsql as "
        "'begin return new; end'; create trigger my_trigger before insert on {s}.models "
        "for each row execute function public.t()",
        "drop trigger my_trigger on {s}.models; drop function public.t",
        "trigger my_trigger on {s}.models"),
    "a column of one of its types, elsewhere": (
        "create table public.uses_its_type (r {s}.models)", "drop table public.uses_its_type",
        "table public.uses_its_type"),
}  # fmt: skip


@pytest.fixture(scope="module")
def own_copy(postgres: str, synthetic_db_template: Path) -> str:
    """A copy publish made in a schema of its own, for tests that add to it and take away."""
    result = publish(postgres, synthetic_db_template, "--schema", "own_copy")
    assert result.exit_code == 0, result.stderr
    return "own_copy"


@pytest.mark.parametrize("added", ADDED_TO_A_COPY)
def test_a_copy_is_not_replaced_while_anything_else_is_in_it_or_depends_on_it(
    postgres: str, own_copy: str, synthetic_db_template: Path, added: str
) -> None:
    """Republishing ran DROP SCHEMA ... CASCADE, taking with it whatever else was there."""
    create, drop, name = (text.format(s=own_copy) for text in ADDED_TO_A_COPY[added])
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute(create)
    try:
        before = fingerprint(postgres)
        assert_refused(publish(postgres, synthetic_db_template, "--schema", own_copy), name)
        assert fingerprint(postgres) == before
    finally:
        with psycopg.connect(postgres, autocommit=True) as con:
            con.execute(drop)


def test_a_refusal_names_three_objects_and_counts_the_rest(
    postgres: str, synthetic_db: Path
) -> None:
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute("create schema crowded")
        for i in range(5):
            con.execute(f"create table crowded.t{i} (x int)")
    result = publish(postgres, synthetic_db, "--schema", "crowded")
    assert_refused(result, "table crowded.t0, table crowded.t1, table crowded.t2 and 2 more")


def test_a_copy_is_replaced_once_the_users_objects_are_gone(
    postgres: str, own_copy: str, synthetic_db_template: Path
) -> None:
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute(f"create table {own_copy}.my_notes (note text)")
        con.execute(f"drop table {own_copy}.my_notes")
    result = publish(postgres, synthetic_db_template, "--schema", own_copy)
    assert result.exit_code == 0, result.stderr
    recorded, found = rows(
        postgres,
        "select (select count(*) from published_objects), "
        "(select count(*) from pg_class where relnamespace = 'own_copy'::regnamespace)",
        own_copy,
    )[0]
    assert found > 100 and recorded > found  # every relation, and their types, keys, rules


def test_the_staging_schema_of_the_users_is_never_dropped(
    postgres: str, synthetic_db: Path
) -> None:
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute("create schema staged__staging")
        con.execute("create table staged__staging.mine (x int)")
    before = fingerprint(postgres)
    assert_refused(
        publish(postgres, synthetic_db, "--schema", "staged"), "table staged__staging.mine"
    )
    assert fingerprint(postgres) == before


def test_a_copy_that_kept_no_record_is_not_replaced(postgres: str, synthetic_db: Path) -> None:
    """A schema carrying publish's comment but no record (an older publish, or a user's
    imitation) may hold anything: it is refused like any other."""
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute("create schema unrecorded")
        con.execute("comment on schema unrecorded is 'Published by imagenet-mistakes'")
        con.execute("create table unrecorded.theirs (x int)")
    before = fingerprint(postgres)
    assert_refused(
        publish(postgres, synthetic_db, "--schema", "unrecorded"), "table unrecorded.theirs"
    )
    assert fingerprint(postgres) == before


def test_an_object_appearing_after_the_check_makes_postgresql_refuse(
    postgres: str, own_copy: str, synthetic_db_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old copy is dropped without CASCADE: should something of the user's arrive
    between the check and the drop, PostgreSQL refuses and the transaction undoes all."""
    from imagenet_mistakes import publish as publishing

    checked = publishing._objects_in_the_way

    def check_then_add(cursor: Any, schema: str) -> Any:
        found = checked(cursor, schema)
        if schema == own_copy:
            cursor.execute(f"create view public.late as select model from {own_copy}.models")
        return found

    monkeypatch.setattr(publishing, "_objects_in_the_way", check_then_add)
    before = fingerprint(postgres)
    result = publish(postgres, synthetic_db_template, "--schema", own_copy)
    assert result.exit_code == 3 and result.stdout == "", result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "cannot drop" in lines[0], lines
    assert fingerprint(postgres) == before


SECRET = "hunter2"
# Each way a password can be given, with a form that takes the bug path or a wrong reading
# when read as a URL by hand.
SECRET_FORMS = [
    "host=127.0.0.1 port=1 user=postgres password=hunter2 dbname=x",
    "postgresql://postgres@127.0.0.1:1/x?password=hunter2",
    "postgresql://u:hunter2#x@127.0.0.1:1/x",
    "postgresql://u:hunter2?x@127.0.0.1:1/x",
    "postgresql://u:hun/ter2@127.0.0.1:1/x",
    "postgresql://u:hunter2@[::1/x",
    "postgresql://u:hunter2@127.0.0.1:notaport/x",
    "mysql://u:hunter2@127.0.0.1/x",
    "password=hunter2 port=1 host=",
    "password='hunter2",
    "postgresql://u:%68unter2@127.0.0.1:1/x",  # percent-encoded: 'hunter2' once decoded
]


def assert_no_secret(result: Any) -> None:
    shown = result.stdout + result.stderr
    for part in (SECRET, "ter2", "%68unter"):
        assert part not in shown, shown
    assert "unexpected" not in shown


@pytest.mark.parametrize("url", SECRET_FORMS)
def test_a_password_is_never_shown_in_an_error(synthetic_db: Path, url: str) -> None:
    result = publish(url, synthetic_db)
    assert result.exit_code in (2, 3) and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert_no_secret(result)


def test_an_unreachable_server_is_one_line_naming_only_host_port_database_and_user(
    synthetic_db: Path,
) -> None:
    result = publish("postgresql://nobody:hunter2@127.0.0.1:1/none?sslmode=disable", synthetic_db)
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "Error: host=127.0.0.1 port=1 dbname=none user=nobody: cannot connect ("
    )
    assert len(result.stderr.splitlines()) == 1
    assert_no_secret(result)


def test_pgpassword_and_a_passfile_are_never_shown(
    synthetic_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:1:*:nobody:{SECRET}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    result = publish("postgresql://nobody@127.0.0.1:1/x", synthetic_db)
    assert result.exit_code == 3
    assert_no_secret(result)
    monkeypatch.setenv("PGPASSWORD", SECRET)
    result = publish("host=127.0.0.1 port=1 user=nobody", synthetic_db)
    assert result.exit_code == 3
    assert_no_secret(result)
    assert_no_secret(CliRunner().invoke(app, ["publish", "--help"]))


def test_a_password_is_never_shown_when_publishing_succeeds(
    postgres: str, synthetic_db_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress and the closing line too (the test server trusts, so any password does)."""
    monkeypatch.setenv("PGPASSWORD", SECRET)
    url = postgres.replace("postgres@", f"postgres:{SECRET}@") + f"?password={SECRET}"
    result = publish(url, synthetic_db_template, "--schema", "with_password")
    assert result.exit_code == 0, result.stderr
    assert "Published " in result.stderr and " of host=127.0.0.1 " in result.stderr
    assert_no_secret(result)


def test_an_empty_schema_in_the_staging_place_is_taken(
    postgres: str, synthetic_db_template: Path
) -> None:
    """Nothing is in it, so nothing is lost: the copy is built there and renamed."""
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute("create schema staged_empty__staging")
    result = publish(postgres, synthetic_db_template, "--schema", "staged_empty")
    assert result.exit_code == 0, result.stderr
    schemas = rows(postgres, "select nspname from pg_namespace where nspname like 'staged_empty%'")
    assert schemas == [("staged_empty",)]
