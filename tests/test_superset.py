"""Apache Superset on the file, end to end: the database added read-only through the REST API,
SQL Lab, charts and a dashboard over the views, drawn by headless Chromium.

Superset runs from its own environment (tests/superset-requirements.txt; made on first
use, about a minute), started on 127.0.0.1 with a throwaway SQLite metadata database.
The tests run in file order: the last one opens the server to anonymous visitors.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PIL import Image
from typer.testing import CliRunner

from imagenet_mistakes.cli import app
from tests import browser, superset_server
from tests.compare import assert_same_rows
from tests.fingerprint import fingerprint
from tests.superset_server import CHARTS, Client


@pytest.fixture(scope="module")
def superset(
    superset_bin: Path, small_zoo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Client, int, Path]]:
    """The server, its client and the id it gave the database, and the database's file."""
    db = tmp_path_factory.mktemp("superset") / "imagenet_mistakes.duckdb"
    shutil.copy(small_zoo_db, db)
    with superset_server.server(superset_bin) as url:
        client = Client(url)
        yield client, superset_server.add_database(client, db), db


def duckdb_rows(db: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute(sql)
        names = [d[0] for d in found.description or []]
        return names, found.fetchall()


def superset_rows(
    client: Client, database: int, sql: str, names: list[str]
) -> list[tuple[Any, ...]]:
    """SQL Lab's answer, each row's values in the order of `names`."""
    return [tuple(row[n] for n in names) for row in superset_server.sql_lab(client, database, sql)]


def test_sql_lab_answers_the_leaderboard_as_duckdb_does(superset: tuple[Client, int, Path]) -> None:
    client, database, db = superset
    sql = "select * from leaderboard order by model"
    names, expected = duckdb_rows(db, sql)
    assert len(expected) == 5  # three zoo models and the paper's two
    assert_same_rows(superset_rows(client, database, sql, names), expected)


def test_superset_cannot_write_and_does_not_hold_the_file(
    superset: tuple[Client, int, Path],
) -> None:
    """Read-only, and no connection kept open: the CLI writes between two dashboard reads."""
    client, database, db = superset
    before = fingerprint(db)
    with pytest.raises(RuntimeError, match="DML_NOT_ALLOWED"):  # Superset's default
        superset_server.sql_lab(client, database, "delete from models")
    # Even where an admin allows data changes, DuckDB refuses: the connection is read-only.
    client.call("PUT", f"/api/v1/database/{database}", {"allow_dml": True})
    with pytest.raises(RuntimeError, match="attached in read-only mode"):
        superset_server.sql_lab(client, database, "delete from models")
    assert fingerprint(db) == before
    result = CliRunner().invoke(app, ["remove-model", "vgg16", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    sql = "select model from leaderboard order by model"
    models = superset_rows(client, database, sql, ["model"])
    assert models == duckdb_rows(db, sql)[1] and ("vgg16",) not in models


def test_the_charts_answer_what_duckdb_does(superset: tuple[Client, int, Path]) -> None:
    client, database, db = superset
    _, charts = superset_server.build_dashboard(client, database)
    answers = [client.call("GET", f"/api/v1/chart/{c}/data/")["result"][0] for c in charts]
    bars = {row["model"]: row["multi-label accuracy"] for row in answers[0]["data"]}
    assert bars == dict(duckdb_rows(db, "select model, mla from leaderboard")[1])
    columns = ", ".join(CHARTS[1]["query"]["columns"])
    names, expected = duckdb_rows(
        db,
        f"select {columns} from model_confusions where model = 'resnet50' "
        "order by mistakes desc, original_name, predicted_name limit 20",
    )
    assert [tuple(row[n] for n in names) for row in answers[1]["data"]] == expected


@browser.needed
def test_headless_chromium_draws_the_dashboard(
    superset: tuple[Client, int, Path], tmp_path: Path
) -> None:
    client, _, db = superset
    dashboards = client.call("GET", "/api/v1/dashboard/")["result"]
    assert [d["dashboard_title"] for d in dashboards] == ["ImageNet mistakes"]
    superset_server.make_public(client)
    url = f"{client.url}/superset/dashboard/{dashboards[0]['id']}/?standalone=1"
    dom = browser.dom(url, wait_ms=30000)
    for chart in CHARTS:
        assert chart["name"] in dom
    # The table chart's rows are in the page: its most frequent confusion is drawn.
    (first,) = duckdb_rows(
        db,
        "select original_name, predicted_name from model_confusions where model = 'resnet50' "
        "order by mistakes desc, original_name, predicted_name limit 1",
    )[1]
    assert re.search(rf">{re.escape(first[0])}<.*?>{re.escape(first[1])}<", dom, re.DOTALL)
    assert "Unexpected error" not in dom and "Data error" not in dom
    # The bar chart is an ECharts canvas.
    assert re.search(r"<canvas[^>]*width=\"[1-9]", dom)
    png = tmp_path / "dashboard.png"
    browser.screenshot(url, png, wait_ms=30000)
    assert Image.open(png).size == (1400, 1000)
