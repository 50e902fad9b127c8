"""How long work says how far it has got: a callable its caller passes in.

The core never draws anything itself; the command line passes one that
draws a bar on a terminal (cli.py), a notebook may pass its own.
"""

from __future__ import annotations

from collections.abc import Callable

# (what is being done, how many of its parts are done, how many there are)
Progress = Callable[[str, int, int], None]


def silent(what: str, done: int, total: int) -> None:
    """Progress no one watches."""
