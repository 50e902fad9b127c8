"""The database file itself: creating, opening (with its lock and version), scripts, appends.

Everything here works on a DuckDB connection or a path; `database.Database`
is the public face that uses it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from imagenet_mistakes import __version__, reads, schema, stored
from imagenet_mistakes.boundary import damaged, deferred_interrupts, first_line, is_damage
from imagenet_mistakes.errors import BadArgument, DatabaseError, Interrupted

if TYPE_CHECKING:
    import pyarrow as pa

# Files are written in this storage version so DuckDB 1.4 and 1.5 (the CLI,
# most BI drivers) open what DuckDB 2.x builds; 2.x defaults to a newer one.
STORAGE_VERSION = "v1.4.0"

T = TypeVar("T")

UPGRADE = "run `imagenet-mistakes build` to upgrade (models are kept)"


def create(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a new database file in the portable storage version."""
    return quiet(
        duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})
    )


def quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection, without DuckDB's progress bar: stderr carries only this package's lines."""
    con.execute("SET enable_progress_bar = false")
    return con


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
        check_file_writable(path)
    check_folder_writable(path)


def check_file_writable(path: Path) -> None:
    """Refuse (exit 2) a file we may not write: its mode, its owner, or `chattr +i`."""
    if not os.access(path, os.W_OK):
        raise BadArgument(f"{path}: cannot write it (no write permission, or it is immutable)")


def check_folder_writable(path: Path) -> None:
    """Refuse (exit 2) a `path` whose folder is missing or not ours to write in."""
    if not path.parent.is_dir():
        problem = "not a directory" if path.parent.exists() else "no such directory"
        raise BadArgument(f"{path.parent}: {problem}")
    if not os.access(path.parent, os.W_OK):
        raise BadArgument(f"{path.parent}: cannot write there (no write permission)")


@contextlib.contextmanager
def written_atomically(out: Path, *, replace_directory: bool = False) -> Iterator[Path]:
    """A temporary path beside `out` to write in full; renamed onto `out` if the block succeeds.

    So `out` is whole or as it was, whatever stops the writing (an error, a full
    disk, Ctrl-C). An OSError names `out`, not the temporary. With
    `replace_directory`, an existing directory `out` is replaced (the caller
    has checked it may be): moved aside, the new one renamed in, then deleted.
    """
    check_folder_writable(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    old = out.with_name(f".{out.name}.{os.getpid()}.old")
    try:
        yield tmp
        if replace_directory and out.is_dir():
            with deferred_interrupts():
                os.replace(out, old)
                try:
                    os.replace(tmp, out)
                except OSError:
                    os.replace(old, out)
                    raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(out)) from e
    except duckdb.IOException as e:  # DuckDB writing a file in `tmp` (Parquet)
        raise DatabaseError(f"{out}: cannot write ({first_line(e)})") from e
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)


def record_version(con: duckdb.DuckDBPyConnection, source_dir: Path | None) -> None:
    """Write which package and schema built the file, and from which mirror (build does, once)."""
    run_script(
        con,
        "record_version",
        {
            "package": __version__,
            "schema": schema.version(),
            "source_dir": str(source_dir.resolve()) if source_dir else None,
        },
    )


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
    check_openable(path)
    if not read_only:
        check_file_writable(path)
    return quiet(_waiting_for_lock(path, lambda: duckdb.connect(str(path), read_only=read_only)))


def check_openable(path: Path) -> None:
    """Refuse what is not a file, or not DuckDB's, before DuckDB opens it."""
    if not path.is_file():
        raise DatabaseError(f"{path}: no database here; run `imagenet-mistakes build` first")
    if not is_duckdb(path):
        raise BadArgument(f"{path}: not a DuckDB database file")


def attach(con: duckdb.DuckDBPyConnection, path: Path, alias: str) -> None:
    """Attach a database file for writing, which holds its lock until it is detached.

    Like `connect`, waits a little while another process holds the lock.
    """
    _waiting_for_lock(path, lambda: con.execute("ATTACH $path AS " + alias, {"path": str(path)}))


def _waiting_for_lock(path: Path, open_file: Callable[[], T]) -> T:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.05
    while True:
        try:
            return open_file()
        except duckdb.Error as e:
            if is_damage(e):
                raise damaged(path, e) from e
            if not isinstance(e, duckdb.IOException):
                problem = first_line(e)
                raise DatabaseError(f"{path}: cannot open as a DuckDB database ({problem})") from e
            if "lock" not in str(e) or time.monotonic() + pause > deadline:
                raise DatabaseError(f"{path}: cannot open ({first_line(e)})") from e
        time.sleep(pause)
        pause = min(2 * pause, 0.5)


@contextlib.contextmanager
def transaction(
    con: duckdb.DuckDBPyConnection, path: Path, what: str, ledger: list[str]
) -> Iterator[None]:
    """Run the block as one transaction; on commit, write `what` it did in the `ledger`.

    An error (Ctrl-C included) before the commit undoes the block. A Ctrl-C
    during the commit waits for it to finish, then says what was committed:
    one landing just after DuckDB committed would otherwise make the rollback
    fail and the change look lost while it was in the file. The ledger is
    how the boundary knows, after the block, whether a change was made.
    """
    con.begin()
    try:
        yield
    except BaseException:
        with contextlib.suppress(duckdb.TransactionException):  # no transaction left to undo
            con.rollback()
        raise
    with deferred_interrupts() as interrupted:
        con.commit()
        ledger.append(what)
    if interrupted():
        raise Interrupted.after_commit(path, what)


def connect_sandboxed(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection that can read the database file and nothing else: what a read-only
    `Database` reads through, and the users' SQL runs in.

    DuckDB's own settings do the refusing, rather than a reading of the SQL:
    the file is attached read-only to an in-memory instance (under its usual
    name, so `name.table` still works), then file system access is turned
    off and the configuration locked. So ATTACH, COPY TO, EXPORT, reading
    other files, INSTALL, LOAD and SET all fail, each with DuckDB's message.
    Like `connect`, waits a little while another process holds the file's lock.
    """
    check_openable(path)
    con = quiet(duckdb.connect())
    try:
        # DuckDB's own catalogs cannot be shadowed (a file memory.duckdb, say).
        stem = path.stem if path.stem not in ("memory", "system", "temp") else "db"
        name = '"' + stem.replace('"', '""') + '"'
        attach = f"ATTACH $path AS {name} (READ_ONLY)"
        _waiting_for_lock(path, lambda: con.execute(attach, {"path": str(path)}))
        con.execute(f"USE {name}")
        # Spilling where a connection to the file would, not in the working directory.
        con.execute("SET temp_directory = $dir", {"dir": f"{path}.tmp"})
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def own_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A connection of its own on `con`'s instance, in `con`'s database: what a statement
    makes there (a temporary view, a USE) ends with it and never reaches `con`."""
    [(database,)] = con.execute("SELECT current_database()").fetchall()
    cursor = con.cursor()
    cursor.execute('USE "' + database.replace('"', '""') + '"')
    return cursor


def read_every_block(con: duckdb.DuckDBPyConnection) -> None:
    """Read every row of every table, so DuckDB checks each block's checksum.

    A query reads only the columns and row groups it needs, so a damaged
    block can sit unnoticed; `query integrity` reads them all first.
    """
    for table in reads.table_names(con):
        con.execute(f'select sum(hash(t)) from "{table}" as t').fetchall()


def run_script(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> None:
    """Run each statement of the package's `writes/<name>.sql`, binding the parameters it uses.

    A script that loops over the stored aggregates is a Jinja template, rendered with
    each one's columns as this file's catalog has them.
    """
    text = (resources.files("imagenet_mistakes") / "writes" / f"{name}.sql").read_text()
    if "{%" in text:
        text = _rendered_script(text, _stored_columns(con))
    for statement in con.extract_statements(text):
        con.execute(statement, {k: v for k, v in params.items() if k in statement.named_parameters})


# (table or view, its columns in order) for every stored aggregate's table and live view.
Catalog = tuple[tuple[str, tuple[str, ...]], ...]


def _stored_columns(con: duckdb.DuckDBPyConnection) -> Catalog:
    names = [*stored.tables(), *stored.live_views()]
    return reads.columns_of(con, names)


@functools.cache
def _rendered_script(text: str, catalog: Catalog) -> str:
    import jinja2  # only the writes that loop over the stored aggregates are templates

    columns = dict(catalog)
    aggregates = [
        {
            "table": s.table,
            "live": s.live,
            "columns": columns[s.table],
            # A view that also counts the paper's models from their mistakes: the model's own.
            "own_rows_only": "evaluated_from" in columns[s.live],
        }
        for s in stored.declared()
    ]
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return environment.from_string(text).render(stored=aggregates)


def append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append Arrow rows to a table, matching columns by name rather than position."""
    con.from_arrow(rows).select(*con.table(table).columns).insert_into(table)
