"""Opening the DuckDB file, applying the schema, and appending Arrow tables."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from imagenet_mistakes.errors import DatabaseError

# Files are written in this storage version so DuckDB 1.4 and 1.5 (the CLI,
# most BI drivers) open what DuckDB 2.x builds; 2.x defaults to a newer one.
STORAGE_VERSION = "v1.4.0"


def create(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a new database file in the portable storage version."""
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open an existing database for queries; nothing can write through this connection."""
    if not path.is_file():
        raise DatabaseError(f"{path}: no database here; run `imagenet-mistakes build` first")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as e:
        raise DatabaseError(f"{path}: cannot open as a DuckDB database ({first_line(e)})") from e


def open_for_writing(path: Path) -> duckdb.DuckDBPyConnection:
    """Open an existing database to add or remove models."""
    if not path.is_file():
        raise DatabaseError(f"{path}: no database here; run `imagenet-mistakes build` first")
    try:
        return duckdb.connect(str(path))
    except duckdb.Error as e:
        raise DatabaseError(f"{path}: cannot open for writing ({first_line(e)})") from e


def run_script(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> None:
    """Run each statement of the package's `writes/<name>.sql`, binding the parameters it uses."""
    text = (resources.files("imagenet_mistakes") / "writes" / f"{name}.sql").read_text()
    for statement in con.extract_statements(text):
        con.execute(statement, {k: v for k, v in params.items() if k in statement.named_parameters})


def schema_files() -> list[str]:
    """The package's schema scripts in the order they apply (tables, then views)."""
    folder = resources.files("imagenet_mistakes") / "schema"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view; safe to apply again to a database that has them."""
    folder = resources.files("imagenet_mistakes") / "schema"
    for name in schema_files():
        con.execute(folder.joinpath(name).read_text())


def append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append Arrow rows to a table, matching columns by name rather than position."""
    con.from_arrow(rows).select(*con.table(table).columns).insert_into(table)


def first_line(error: Exception) -> str:
    # DuckDB's lock and format errors run over several lines; the first says what happened.
    return str(error).strip().splitlines()[0]
