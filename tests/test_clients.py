"""The database file as other clients see it: the DuckDB CLI, DuckDB 1.5, comments, locks."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from imagenet_mistakes import storage
from imagenet_mistakes.cli import app
from tests.conftest import unavailable

LEADERBOARD = "select model, top1, mla, imagenet_m_correct from leaderboard order by model"


def leaderboard(db: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(LEADERBOARD).fetchall()


def test_every_view_and_view_column_has_a_comment(real_zoo_db: Path) -> None:
    with duckdb.connect(str(real_zoo_db), read_only=True) as con:
        views = con.execute(
            "select view_name from duckdb_views() where not internal and comment is null"
        ).fetchall()
        columns = con.execute(
            "select c.table_name, c.column_name from duckdb_columns() as c "
            "join duckdb_views() as v on c.database_name = v.database_name "
            "and c.schema_name = v.schema_name and c.table_name = v.view_name "
            "where not v.internal and c.comment is null"
        ).fetchall()
    assert views == [] and columns == []


def test_the_duckdb_cli_reads_the_leaderboard(real_zoo_db: Path) -> None:
    # duckdb-cli installs the command beside the environment's Python.
    cli = shutil.which(
        "duckdb", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    if cli is None:
        unavailable("the DuckDB CLI (duckdb-cli, in the test extra) is not installed")
    done = subprocess.run(
        [cli, "-readonly", "-csv", str(real_zoo_db), "-c", LEADERBOARD],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(done.stdout)))[1:]
    expected = leaderboard(real_zoo_db)
    assert [r[0] for r in rows] == [r[0] for r in expected]
    assert [float(r[2]) for r in rows] == pytest.approx([r[2] for r in expected], rel=1e-12)


_EVERY_VIEW = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("set enable_progress_bar = false")
views = [v for (v,) in con.execute(
    "select view_name from duckdb_views() where not internal order by 1").fetchall()]
for view in views:
    con.execute(f"select * from {view} limit 1").fetchall()
rows = con.execute(sys.argv[2]).fetchall()
print(json.dumps({"version": duckdb.__version__, "views": views, "rows": rows}))
"""


def test_duckdb_15_python_runs_every_view(real_zoo_db: Path, duckdb15_python: Path) -> None:
    done = subprocess.run(
        [duckdb15_python, "-c", _EVERY_VIEW, str(real_zoo_db), LEADERBOARD],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    result = json.loads(done.stdout)
    assert result["version"].startswith("1.5.")
    assert len(result["views"]) >= 16
    expected = leaderboard(real_zoo_db)
    assert [r[0] for r in result["rows"]] == [r[0] for r in expected]
    for row, want in zip(result["rows"], expected, strict=True):
        # Exact: the paper models' figures are computed afresh, from the same integers.
        assert tuple(row[1:]) == want[1:]


HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    """A process that keeps the database open for writing for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    return holder


def test_a_locked_file_is_one_line_naming_the_holder(
    synthetic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LOCK_WAIT_SECONDS", 0.5)
    holder = hold_lock(synthetic_db, 30)
    try:
        result = CliRunner().invoke(app, ["query", "leaderboard", "--db", str(synthetic_db)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {synthetic_db}: cannot open")
    assert f"(PID {holder.pid})" in lines[0]


def test_a_reader_waits_for_a_short_lock(synthetic_db: Path) -> None:
    holder = hold_lock(synthetic_db, 1)
    try:
        result = CliRunner().invoke(app, ["query", "leaderboard", "--db", str(synthetic_db)])
    finally:
        holder.wait()
    assert result.exit_code == 0, result.stderr
