"""PostgreSQL connection strings, read by libpq's own rules and shown without their secrets.

A connection string is a URL (`postgresql://user:pw@host:5432/db?sslmode=...`)
or libpq's key=value pairs (`host=... user=... password=...`); psycopg's
conninfo functions parse both as libpq will when it connects. What is shown
of one, in any message, is built from the parsed host, port, database and
user only, and any text from libpq or the server has every password the
connection could use (the string's, PGPASSWORD's, a passfile's) blotted out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from imagenet_mistakes.boundary import first_line
from imagenet_mistakes.errors import BadArgument, SourceUnavailable

# What a message may show of a connection string.
_SHOWN = ("host", "port", "dbname", "user")
_FORM = "postgresql://USER@HOST:PORT/DATABASE, or libpq's key=value pairs"
_URL_SCHEMES = ("postgresql://", "postgres://")
# A secret shorter than this is not blotted out of messages: "a" would blot out every "a".
_SHORTEST_SECRET = 3
_LARGEST_PASSFILE = 1 << 20


@dataclass(frozen=True)
class Target:
    """A parsed connection string: what to connect with, and what may be shown of it."""

    conninfo: str
    shown: str
    secrets: frozenset[str]

    def scrubbed(self, text: str) -> str:
        """`text` with every password this connection could use replaced by ***."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


def parse(conninfo: str) -> Target:
    """Read a connection string as libpq does, or raise a one-line error that shows none of it
    (libpq's own complaint quotes the string, password and all)."""
    if not conninfo.strip():
        raise BadArgument(f"URL: empty; give a connection string ({_FORM})")
    try:
        # libpq's values are all strings; psycopg types them loosely for its keyword arguments.
        parts = {k: str(v) for k, v in conninfo_to_dict(conninfo).items() if v is not None}
    except psycopg.Error as e:
        raise BadArgument(
            f"URL: not a PostgreSQL connection string libpq can read ({_FORM}); "
            "not shown, as it may hold a password"
        ) from e
    if conninfo.startswith(_URL_SCHEMES) and any("@" in parts.get(k, "") for k in _SHOWN):
        # libpq ends the user and password at the first / (or ? or #, in some places): a
        # password holding one spills into the host or database name, and would be shown.
        raise BadArgument(
            "URL: an @ after the host: percent-encode a user's or password's /, ?, # and @ "
            "(%2F, %3F, %23, %40), or give the password in PGPASSWORD or a passfile; "
            "not shown, as it may hold a password"
        )
    shown = make_conninfo("", **{k: parts[k] for k in _SHOWN if k in parts}) or "PostgreSQL"
    return Target(conninfo, shown, frozenset(_secrets(parts)))


def _secrets(parts: dict[str, str]) -> Iterator[str]:
    """Every password libpq could send for this connection."""
    for password in (parts.get("password"), os.environ.get("PGPASSWORD")):
        if password and len(password) >= _SHORTEST_SECRET:
            yield password
    passfile = parts.get("passfile") or os.environ.get("PGPASSFILE")
    path = Path(passfile) if passfile else Path.home() / ".pgpass"
    try:
        # libpq reads only a plain file; a FIFO or a huge one is not read here either.
        if not path.is_file() or path.stat().st_size > _LARGEST_PASSFILE:
            return
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return
    for line in lines:
        # host:port:database:user:password, with \\: for a colon in a field.
        fields = line.replace("\\:", "\0").split(":")[4:]
        secret = ":".join(fields).replace("\0", ":").replace("\\\\", "\\")
        if len(secret) >= _SHORTEST_SECRET:
            yield secret


@contextmanager
def connected(target: Target) -> Iterator[psycopg.Connection]:
    """A connection in one transaction: committed when the block ends, rolled back (and
    PostgreSQL left as it was) when it raises. PostgreSQL's complaints become one line
    naming the target, with any password blotted out."""
    try:
        con = psycopg.connect(target.conninfo)
    except psycopg.Error as e:
        raise SourceUnavailable(
            f"{target.shown}: cannot connect ({target.scrubbed(first_line(e))})"
        ) from e
    try:
        with con:
            yield con
    except psycopg.Error as e:
        raise SourceUnavailable(f"{target.shown}: {target.scrubbed(first_line(e))}") from e
