"""Putting a new database file in place of the old, whole or not at all.

A build writes its file beside the target (`new_file`, deleted unless the
build completes), then renames it over the target once the old file's models
are carried into it (`keeping_models`). What a build killed with SIGKILL left
behind, which it could not clean up itself, the next build removes.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb

from imagenet_mistakes import carry_over, storage
from imagenet_mistakes.boundary import deferred_interrupts
from imagenet_mistakes.errors import Interrupted
from imagenet_mistakes.progress import Progress

log = logging.getLogger(__name__)


@contextlib.contextmanager
def new_file(db: Path) -> Iterator[Path]:
    """A temporary path beside `db` for the new file, deleted (with its write-ahead log)
    unless the block completes."""
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    try:
        yield tmp
    except BaseException:
        for leftover in (tmp, storage.write_ahead_log(tmp)):
            leftover.unlink(missing_ok=True)
        raise


def keeping_models(db: Path, tmp: Path, progress: Progress, committed: list[str]) -> None:
    """Copy the models of `db` into the new build `tmp`, then rename it over `db`, and say
    so in `committed` (the caller's ledger: a Ctrl-C landing later, while files are closed
    or the caller returns, must not say that nothing changed).

    `db` stays attached for writing, which holds its lock, from before its
    models are read until the new file is in its place, so an add-model or
    remove-model meanwhile waits (and, past storage.LOCK_WAIT_SECONDS, says
    so) rather than committing to a file about to be replaced. The new file
    is held the same way until `db` is let go, so the next writer finds it.
    """
    previous = db.exists()
    con = storage.quiet(duckdb.connect())  # in memory: both files are attached to it
    try:
        if previous:
            # Attaching applies a log a killed writer left beside the file;
            # the checkpoint folds it in, so that nothing of `db` is left to
            # write (or a log to delete) when it is detached after the rename.
            storage.attach(con, db, "previous")
            con.execute("CHECKPOINT previous")
        storage.attach(con, tmp, "fresh")
        con.execute("USE fresh")
        if previous:
            carry_over.models(con, db, progress)
        with deferred_interrupts() as interrupted:
            con.execute("CHECKPOINT fresh")
            os.replace(tmp, db)
            committed.append("the new database is in place")
            if previous:
                con.execute("DETACH previous")
            con.execute("USE memory")
            con.execute("DETACH fresh")
    finally:
        con.close()
    if interrupted():
        raise Interrupted.after_commit(db, committed[-1])


def remove_orphan_log(db: Path) -> None:
    """Delete a write-ahead log whose database is gone: nothing can apply it, and it would
    not match the new file (which would then not open at all)."""
    wal = storage.write_ahead_log(db)
    if wal.exists() and not db.exists():
        log.warning("%s: removing a write-ahead log whose database is gone", wal)
        wal.unlink()


def remove_stale_temporaries(db: Path) -> None:
    """Delete the temporary files of earlier builds whose process is gone (killed, say).

    A build that fails cleans up after itself; one killed with SIGKILL cannot,
    and would leave a hidden file as large as the storage.
    """
    for leftover in db.parent.glob(f".{glob.escape(db.name)}.*.tmp*"):
        pid = leftover.name.removeprefix(f".{db.name}.").split(".")[0]
        if pid.isascii() and pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True
