"""The errors the core raises and the exit code each maps to.

Every error carries one line meant for the user: it names the file and the
problem, so the CLI only has to print it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes: bad content, bad usage and an unreachable source differ.

    A script can then retry on 3, fix its call on 2, and fix its data on 1.
    """

    OK = 0
    # A file's content is wrong (a source, model predictions), or DuckDB rejected the SQL.
    BAD_DATA = 1
    # A command-line value is unusable; Click exits 2 on its own usage errors too.
    USAGE = 2
    # A source, database or optional dependency cannot be had right now.
    UNAVAILABLE = 3
    # Ctrl-C: 128 + SIGINT, as shells report a process SIGINT ended.
    INTERRUPTED = 130
    # stdout's reader went away (`| head`): 128 + SIGPIPE, as for a process SIGPIPE ended.
    BROKEN_PIPE = 141


class ImagenetMistakesError(Exception):
    """Base class: `str(error)` is the one-line message shown to the user."""

    exit_code = ExitCode.BAD_DATA

    def __str__(self) -> str:
        return one_line(super().__str__())


# The longest line an error is shown as, and the longest run of non-blank characters (a
# value: a file's path, a model name) shown whole within it.
LINE_LIMIT = 300
_LONGEST_VALUE = 160
# A longer one keeps its start and its end: a path's folders begin it, its file name ends it.
_VALUE_START, _VALUE_END = 16, 48


def shown(value: object, limit: int = 60) -> str:
    """A value echoed in a message, quoted: whole when short, else its start and its length,
    so that a file name of a million characters still says which it was."""
    quoted = repr(value)
    if len(quoted) <= limit:
        return quoted
    length = len(value) if isinstance(value, str | bytes | list | dict) else len(quoted)
    return f"{quoted[: limit - 10]}... ({length:,} characters)"


def escaped(text: str, keep: str = "") -> str:
    """`text` with each control character as its escape (`\\x1b`), but those in `keep`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)


def one_line(text: str) -> str:
    """`text` as one line of at most LINE_LIMIT printable characters. A long value in it (a
    file name of a million characters) is shown as its start, its end and its length, so
    the line still says what it is about; a control character as its escape (\\x1b)."""
    text = escaped(" ".join(text.splitlines()))  # a file's bytes quoted: no terminal codes
    if len(text) <= LINE_LIMIT:
        return text
    # The longest values first, and only while the line is too long: a file's path that
    # begins the line stays whole when shortening the value after it is enough.
    for value in sorted(set(re.findall(rf"\S{{{_LONGEST_VALUE + 1},}}", text)), key=len)[::-1]:
        if len(text) <= LINE_LIMIT:
            break
        text = text.replace(
            value, f"{value[:_VALUE_START]}...{value[-_VALUE_END:]} ({len(value):,} characters)"
        )
    if len(text) <= LINE_LIMIT:
        return text
    # Still too long (a library's message of many words): its start names the file or
    # argument (kept whole, up to its first ": ", with the start of what follows), and its
    # end often says the cause ("File too large"); the middle goes.
    subject = text.find(": ") + 2
    head = max((LINE_LIMIT - 5) // 2, min(subject + 40, LINE_LIMIT - 80))
    return f"{text[:head]} ... {text[head + 5 - LINE_LIMIT :]}"


class SourceFormatError(ImagenetMistakesError):
    """A source file exists but its content is not what its format promises."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class BadArgument(ImagenetMistakesError):
    """A command-line value is unusable (a model name, a duplicate model, a --db)."""

    exit_code = ExitCode.USAGE

    @classmethod
    def not_among(cls, shown: str, value: str, names: Collection[str], what: str) -> BadArgument:
        """`<shown>: not <what>`, with the closest of `names` as a "did you mean"."""
        close = difflib.get_close_matches(value, list(names), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return cls(f"{shown}: not {what}{hint}")


class SourceUnavailable(ImagenetMistakesError):
    """A source could not be read or downloaded at all."""

    exit_code = ExitCode.UNAVAILABLE


class DatabaseError(ImagenetMistakesError):
    """The database file is missing or cannot be opened."""

    exit_code = ExitCode.UNAVAILABLE


class QueryError(ImagenetMistakesError):
    """DuckDB rejected a query: the user's SQL, or a named query against this file."""


class Interrupted(ImagenetMistakesError, KeyboardInterrupt):
    """Ctrl-C, with what it left: whether a change was committed before it came.

    Also a KeyboardInterrupt, so that code catching that (a notebook) still does.
    """

    exit_code = ExitCode.INTERRUPTED
    # Whether the change had been committed when it came.
    committed = False

    @classmethod
    def after_commit(cls, path: Path, done: str) -> Interrupted:
        """Ctrl-C that came once the change was in the file: say it was made."""
        error = cls(f"{path}: interrupted after the change was committed: {done}")
        error.committed = True
        return error
