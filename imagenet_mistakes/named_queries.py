"""Named queries: one .sql file each in `queries/`, opening with two comment lines.

Line 1 says what the query answers; line 2 lists its parameters, e.g.
`-- Parameters: $model (a model name), $limit = 20 (rows)`, where `= value`
gives a default. Values are bound as text, never formatted into the SQL; a
query casts what it needs as a number (`$limit::integer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from imagenet_mistakes.errors import BadArgument

_PARAMETER = re.compile(r"\$(\w+)(?: = ([^\s,()]+))?")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    # Parameter name -> default value (None: the caller must give it).
    parameters: dict[str, str | None]
    parameters_help: str
    sql: str


def catalogue() -> list[NamedQuery]:
    """Every named query, by name."""
    folder = resources.files("imagenet_mistakes") / "queries"
    names = sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))
    return [get(name) for name in names]


def get(name: str) -> NamedQuery:
    """The named query, or a one-line error listing those that exist."""
    path = resources.files("imagenet_mistakes") / "queries" / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise BadArgument(f"no named query {name!r}; `imagenet-mistakes queries` lists them")
    sql = path.read_text()
    description, parameters_line = (
        line.removeprefix("--").strip() for line in sql.splitlines()[:2]
    )
    parameters_help = parameters_line.removeprefix("Parameters:").strip()
    parameters = {m.group(1): m.group(2) for m in _PARAMETER.finditer(parameters_help)}
    return NamedQuery(name, description, parameters, parameters_help, sql)


def bind(name: str, params: dict[str, str]) -> tuple[str, dict[str, str | None]]:
    """The SQL of a named query and the values of its parameters, defaults filled in."""
    query = get(name)
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        raise BadArgument(
            f"query {name} has no parameter {unknown[0]!r} (parameters: {query.parameters_help})"
        )
    values = {key: params.get(key, default) for key, default in query.parameters.items()}
    missing = [key for key, value in values.items() if value is None]
    if missing:
        raise BadArgument(
            f"query {name} needs -p {missing[0]}=... (parameters: {query.parameters_help})"
        )
    return query.sql, values
