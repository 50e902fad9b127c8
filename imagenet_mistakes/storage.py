"""The database file itself: creating, opening (with its lock and version), scripts, appends.

Everything here works on a DuckDB connection or a path; `database.Database`
is the public face that uses it.
"""

from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from imagenet_mistakes import __version__, reads, schema
from imagenet_mistakes.errors import BadArgument, DatabaseError

# Files are written in this storage version so DuckDB 1.4 and 1.5 (the CLI,
# most BI drivers) open what DuckDB 2.x builds; 2.x defaults to a newer one.
STORAGE_VERSION = "v1.4.0"

UPGRADE = "run `imagenet-mistakes build` to upgrade (models are kept)"


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
    if path.exists():
        if not (path.is_file() and is_duckdb(path)):
            raise BadArgument(f"{path}: not a DuckDB database file; refusing to replace it")
        with connect(path, read_only=True) as con:
            if not reads.kind(con).ours:
                raise BadArgument(
                    f"{path}: a DuckDB database imagenet-mistakes did not build; "
                    "refusing to replace it"
                )
    if not path.parent.is_dir():
        raise BadArgument(f"{path.parent}: no such directory")
    if not os.access(path.parent, os.W_OK):
        raise BadArgument(f"{path.parent}: cannot write a database there (no write permission)")


def record_version(con: duckdb.DuckDBPyConnection) -> None:
    """Write which package and schema built the file (build does, once)."""
    run_script(con, "record_version", {"package": __version__, "schema": schema.version()})


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file this package did not build, or one built with another schema."""
    kind = reads.kind(con)
    if not kind.ours:
        raise BadArgument(f"{path}: a DuckDB database imagenet-mistakes did not build")
    found = reads.build_info(con) if kind.versioned else None
    if found is None:
        raise BadArgument(
            f"{path}: built by imagenet-mistakes before 0.2 (no schema version); {UPGRADE}"
        )
    package, version = found
    if version != schema.version():
        raise BadArgument(
            f"{path}: built by imagenet-mistakes {package} (schema {version}), this is "
            f"{__version__} (schema {schema.version()}); {UPGRADE}"
        )


# How long to wait for another process to release the file before giving up.
LOCK_WAIT_SECONDS = 5.0


def connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Connect to an existing file, waiting a little while another process holds its lock.

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


def append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append Arrow rows to a table, matching columns by name rather than position."""
    con.from_arrow(rows).select(*con.table(table).columns).insert_into(table)


def first_line(error: Exception) -> str:
    # DuckDB's lock and format errors run over several lines; the first says what happened.
    return str(error).strip().splitlines()[0]
