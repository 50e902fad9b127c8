"""SQLAlchemy, as BI tools use it: read-only engine, reflection of every table and view, pandas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from tests.test_clients import leaderboard


@pytest.fixture
def engine(real_zoo_db: Path) -> Iterator[sa.Engine]:
    engine = sa.create_engine(f"duckdb:///{real_zoo_db}", connect_args={"read_only": True})
    yield engine
    # DuckDB refuses a second connection to the file with another configuration.
    engine.dispose()


def test_views_and_their_column_comments_are_reflected(engine: sa.Engine) -> None:
    inspector = sa.inspect(engine)
    views = inspector.get_view_names()
    assert {"leaderboard", "image_results", "class_accuracy", "auto_categories"} <= set(views)
    columns = {c["name"]: c["comment"] for c in inspector.get_columns("leaderboard")}
    assert columns["mla"] is not None and columns["mla"].startswith("Multi-label accuracy")
    assert all(comment for comment in columns.values())
    assert "predictions" in inspector.get_table_names()


def test_pandas_reads_the_leaderboard(real_zoo_db: Path) -> None:
    expected = [row[0] for row in leaderboard(real_zoo_db)]
    engine = sa.create_engine(f"duckdb:///{real_zoo_db}", connect_args={"read_only": True})
    frame = pd.read_sql(
        "select model, top1, mla, imagenet_m_correct from leaderboard order by model", engine
    )
    engine.dispose()
    assert frame["model"].tolist() == expected
    assert frame.loc[frame["model"] == "resnet50", "top1"].item() == 0.7613


def test_the_engine_cannot_write(engine: sa.Engine) -> None:
    with engine.connect() as connection, pytest.raises(sa.exc.DBAPIError, match="read-only"):
        connection.execute(sa.text("delete from models"))


def catalog(engine: sa.Engine, sql: str, *args: str) -> list[tuple[Any, ...]]:
    """DuckDB's own catalog, read through the same engine (DuckDB allows one configuration)."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(sql, args).all()]


def constraints(engine: sa.Engine, kind: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's constraints of one kind as DuckDB lists them."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table, columns, referred, referred_columns in catalog(
        engine,
        "select table_name, constraint_column_names, referenced_table, referenced_column_names "
        "from duckdb_constraints() "
        "where constraint_type = ? and database_name = current_database()",
        kind,
    ):
        found.setdefault(table, []).append((columns, referred, referred_columns))
    return found


def test_every_table_and_view_reflects_as_a_bi_tool_asks(engine: sa.Engine) -> None:
    """What Superset, Metabase's SQLAlchemy path and pandas call on each table and view:
    each answer is DuckDB's own catalog, not merely free of errors."""
    inspector = sa.inspect(engine)
    tables, views = inspector.get_table_names(), inspector.get_view_names()
    expected_tables = {t for (t,) in catalog(engine, "select table_name from duckdb_tables()")}
    expected_views = {
        v for (v,) in catalog(engine, "select view_name from duckdb_views() where not internal")
    }
    columns = set(
        catalog(
            engine,
            "select table_name, column_name from duckdb_columns() "
            "where database_name = current_database()",
        )
    )
    assert (set(tables), set(views)) == (expected_tables, expected_views)
    primary, foreign = constraints(engine, "PRIMARY KEY"), constraints(engine, "FOREIGN KEY")
    unique = constraints(engine, "UNIQUE")
    for name in tables + views:
        reflected = {c["name"] for c in inspector.get_columns(name)}
        assert reflected == {c for t, c in columns if t == name}, name
        key = inspector.get_pk_constraint(name)["constrained_columns"]
        assert key == (primary[name][0][0] if name in primary else []), name
        references = {
            (tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]))
            for fk in inspector.get_foreign_keys(name)
        }
        assert references == {(tuple(c), t, tuple(r)) for c, t, r in foreign.get(name, [])}, name
        uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints(name)}
        assert uniques == {tuple(c) for c, _, _ in unique.get(name, [])}, name
        inspector.get_check_constraints(name)
        inspector.get_indexes(name)
        assert inspector.get_table_comment(name)["text"], name
        table = sa.Table(name, sa.MetaData(), autoload_with=engine)
        assert {c.name for c in table.columns} == reflected
    metadata = sa.MetaData()
    metadata.reflect(engine, views=True)
    assert set(metadata.tables) == set(tables) | set(views)
    with engine.connect() as connection:
        rows = connection.execute(sa.select(metadata.tables["leaderboard"]).limit(3)).all()
    assert len(rows) == 3
