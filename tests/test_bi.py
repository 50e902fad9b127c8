"""SQLAlchemy, as BI tools use it: read-only engine, view and column reflection, pandas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
