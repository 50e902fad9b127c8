"""The one boundary: every failure becomes one line saying what it left, Ctrl-C included.

Two layers pass through it. Each `Database` call runs `guarded`: what the
libraries below raise (DuckDB, the file system, JSON, running out of memory)
becomes one of the typed errors of `errors.py`, and Ctrl-C becomes
`Interrupted`, saying whether a change was committed. Only the transaction
knows that: it writes each commit in the `Database`'s ledger (a list it is
handed), which the guard reads. Around that, the command line runs each
command in `command`, which turns any error into the `Error:` line and its
exit code, and from then on ignores a late Ctrl-C (a second press, or one
pyarrow held and delivers late), so the exit status stays the one documented.

Nothing here is module state: a Ctrl-C that came is remembered by the handler
a guard installs for its own duration, which DuckDB's "Query interrupted"
(a RuntimeError that no longer carries the KeyboardInterrupt) needs.
PostgreSQL's errors are translated where publish connects
(`conninfo.connected`), because only there is the password known to blot out.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import duckdb

from imagenet_mistakes.errors import (
    BadArgument,
    DatabaseError,
    ExitCode,
    ImagenetMistakesError,
    Interrupted,
    SourceFormatError,
    SourceUnavailable,
    one_line,
)

Handler = Callable[[int, FrameType | None], object]


@dataclass
class _Watch:
    """Whether a Ctrl-C came while a guard was on."""

    came: bool = False


@contextlib.contextmanager
def _watching() -> Iterator[_Watch]:
    """Within the block, Ctrl-C does what it did before, and is remembered.

    Python runs signal handlers in the main thread only, so elsewhere (a
    notebook's worker thread) nothing is installed and only a
    KeyboardInterrupt itself is known for one. Nor where Ctrl-C is ignored
    (a shell's background job) or ends the process outright.
    """
    watch = _Watch()
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield watch
        return

    def remember(signum: int, frame: FrameType | None) -> None:
        watch.came = True
        previous(signum, frame)

    signal.signal(signal.SIGINT, remember)
    try:
        yield watch
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[Callable[[], bool]]:
    """Hold Ctrl-C until the block is done; yield a function saying whether one came.

    For steps that must not be cut in half (a commit, a rename). In a thread
    other than the main one, where no handler runs, nothing is held.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield lambda: bool(received)
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def guarded(path: Path, ledger: Sequence[str] = (), since: int | None = None) -> Iterator[None]:
    """Raise what fails in the block as one of the package's errors, about `path`.

    `ledger` lists what the database has committed, in order: a Ctrl-C after
    the block (or entry `since` of the ledger) committed says so, wherever it
    landed (a summary being read, the file being closed). Our own errors pass
    through; anything unforeseen is left to surface as a bug.
    """
    before = len(ledger) if since is None else since
    with _watching() as watch:
        try:
            yield
        except BaseException as error:
            interrupt = isinstance(error, KeyboardInterrupt | duckdb.InterruptException)
            if interrupt or watch.came:
                if len(ledger) > before and not getattr(error, "committed", False):
                    raise Interrupted.after_commit(path, ledger[-1]) from error
                if isinstance(error, Interrupted):
                    raise
                raise Interrupted(f"{path}: interrupted; nothing was changed") from error
            if isinstance(error, ImagenetMistakesError):
                raise
            translated = translate(error, path)
            if translated is None:
                raise
            raise translated from error


def translate(error: BaseException, path: Path) -> ImagenetMistakesError | None:
    """The package's error for what a library raised about `path`; None for a bug."""
    if isinstance(error, duckdb.Error) and is_damage(error):
        return damaged(path, error)
    if isinstance(error, duckdb.Error):
        return DatabaseError(f"{path}: {first_line(error)}")
    if isinstance(error, json.JSONDecodeError):
        return SourceFormatError(path, f"not valid JSON ({error})")
    if isinstance(error, RecursionError):
        return SourceFormatError(path, "nested too deeply to read")
    if isinstance(error, MemoryError):  # an input larger than this machine can hold
        return SourceUnavailable(f"{path}: ran out of memory")
    if isinstance(error, OSError):
        where = error.filename or path
        problem = error.strerror or str(error)
        if isinstance(error, PermissionError):
            return BadArgument(f"{where}: {problem}")
        return DatabaseError(f"{where}: {problem}")
    return None


def is_damage(error: BaseException) -> bool:
    """Whether DuckDB found the file damaged: a block failing its checksum, or cut short."""
    return isinstance(error, duckdb.Error) and any(
        sign in str(error) for sign in ("Corrupt database file", "Could not read enough bytes")
    )


def damaged(path: Path, error: duckdb.Error) -> SourceFormatError:
    """The one line for a damaged file (exit 1: its content is wrong)."""
    return SourceFormatError(path, f"damaged ({first_line(error)}); restore it from a copy")


def first_line(error: Exception) -> str:
    # DuckDB's lock and format errors run over several lines; the first says what happened.
    return str(error).strip().splitlines()[0]


@dataclass
class Ending:
    """How a command ended: its exit code, once it has said so."""

    code: ExitCode = ExitCode.OK


@contextlib.contextmanager
def command(
    name: Callable[[], str], say: Callable[[str], None], passing: tuple[type[BaseException], ...]
) -> Iterator[Ending]:
    """Run a command: any error in the block is said as one `Error:` line and sets the exit
    code in the `Ending` yielded; `passing` (the command-line library's own exits) go on.
    `name()` names the command (known once its arguments are parsed).

    Ctrl-C raises KeyboardInterrupt during the command (unless it was ignored
    when it began: a background job), and is ignored once the command has
    said how it ended. A caller in the same process (a test) gets Python's
    handler back afterwards.
    """
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    ending = Ending()
    try:
        yield ending
    except passing:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise
    except BaseException as error:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        line, ending.code = _answer(error, name())
        if line:
            say(line)
    finally:
        signal.signal(
            signal.SIGINT,
            # The start-up handler of __main__ had its time; Python's default is a caller's.
            previous if previous is signal.default_int_handler else signal.SIG_IGN,
        )


def _answer(error: BaseException, name: str) -> tuple[str, ExitCode]:
    if isinstance(error, ImagenetMistakesError):
        return f"Error: {error}", error.exit_code
    if isinstance(error, KeyboardInterrupt):  # outside the core: no file was being changed
        return f"Error: {name}: interrupted", ExitCode.INTERRUPTED
    if isinstance(error, BrokenPipeError):
        # The reader of stdout went away (`| head`): end quietly, as a process killed by
        # SIGPIPE does, with nothing left to flush there.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return "", ExitCode.BROKEN_PIPE
    if not isinstance(error, Exception) or os.environ.get("IMAGENET_MISTAKES_DEBUG"):
        raise error
    problem = one_line(" ".join(str(error).split())[:200])
    return (
        f"Error: {name}: unexpected {type(error).__name__}: {problem} "
        "(a bug: please report it; IMAGENET_MISTAKES_DEBUG=1 shows where)",
        ExitCode.BAD_DATA,
    )
