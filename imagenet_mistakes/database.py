"""Opening the DuckDB file, applying the schema, and appending Arrow tables."""

from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from imagenet_mistakes import named_queries
from imagenet_mistakes.errors import BadArgument, DatabaseError

# Files are written in this storage version so DuckDB 1.4 and 1.5 (the CLI,
# most BI drivers) open what DuckDB 2.x builds; 2.x defaults to a newer one.
STORAGE_VERSION = "v1.4.0"


def create(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a new database file in the portable storage version."""
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})


def write_ahead_log(path: Path) -> Path:
    """Where DuckDB keeps the committed changes of `path` not yet checkpointed into it."""
    return path.with_name(f"{path.name}.wal")


def is_duckdb(path: Path) -> bool:
    """Whether the file starts like a DuckDB database: its header has b"DUCK" at byte 8.

    Read by hand because connecting to find out would take the file's lock
    and, for an empty file, DuckDB refuses with a message about validity.
    """
    with path.open("rb") as f:
        return f.read(12)[8:] == b"DUCK"


def check_replaceable(path: Path) -> None:
    """Refuse a target that is not ours to overwrite, or a directory we cannot write in."""
    if path.exists() and not (path.is_file() and is_duckdb(path)):
        raise BadArgument(f"{path}: not a DuckDB database file; refusing to replace it")
    if not path.parent.is_dir():
        raise BadArgument(f"{path.parent}: no such directory")
    if not os.access(path.parent, os.W_OK):
        raise BadArgument(f"{path.parent}: cannot write a database there (no write permission)")


# How long to wait for another process to release the file before giving up.
LOCK_WAIT_SECONDS = 5.0


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open an existing database for queries; nothing can write through this connection."""
    return _open(path, read_only=True)


def open_for_writing(path: Path) -> duckdb.DuckDBPyConnection:
    """Open an existing database to add or remove models."""
    return _open(path, read_only=False)


def _open(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Connect, waiting a little while another process holds the file's lock.

    DuckDB lets one process write a file, or any number read it; a writer
    excludes every other process. Its lock error names the holder's PID.
    """
    if not path.is_file():
        raise DatabaseError(f"{path}: no database here; run `imagenet-mistakes build` first")
    if not is_duckdb(path):
        raise BadArgument(f"{path}: not a DuckDB database file")
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e) or time.monotonic() + pause > deadline:
                raise DatabaseError(f"{path}: cannot open ({first_line(e)})") from e
        except duckdb.Error as e:
            problem = first_line(e)
            raise DatabaseError(f"{path}: cannot open as a DuckDB database ({problem})") from e
        time.sleep(pause)
        pause = min(2 * pause, 0.5)


def run_script(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> None:
    """Run each statement of the package's `writes/<name>.sql`, binding the parameters it uses."""
    text = (resources.files("imagenet_mistakes") / "writes" / f"{name}.sql").read_text()
    for statement in con.extract_statements(text):
        con.execute(statement, {k: v for k, v in params.items() if k in statement.named_parameters})


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of the database (not the views), by name."""
    _, rows = named_queries.run(con, "tables")
    return [row[0] for row in rows]


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
