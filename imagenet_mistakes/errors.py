"""The errors the core raises and the exit code each maps to.

Every error carries one line meant for the user: it names the file and the
problem, so the CLI only has to print it.
"""

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes: distinct for bad input and for an unreachable source."""

    OK = 0
    # SQL that DuckDB rejected (`sql`, `query`).
    QUERY = 1
    # Click already exits 2 on a usage error; malformed input is the same kind of mistake.
    BAD_INPUT = 2
    UNAVAILABLE = 3


class ImagenetMistakesError(Exception):
    """Base class: `str(error)` is the one-line message shown to the user."""

    exit_code = ExitCode.BAD_INPUT


class SourceFormatError(ImagenetMistakesError):
    """A source file exists but its content is not what its format promises."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class BadArgument(ImagenetMistakesError):
    """A command-line value is unusable (a model name, a duplicate model)."""


class SourceUnavailable(ImagenetMistakesError):
    """A source could not be read or downloaded at all."""

    exit_code = ExitCode.UNAVAILABLE


class DatabaseError(ImagenetMistakesError):
    """The database file is missing or cannot be opened."""

    exit_code = ExitCode.UNAVAILABLE
