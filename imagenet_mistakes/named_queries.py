"""Named queries: one .sql file each in `queries/`, opening with two comment lines.

Line 1 says what the query answers; line 2 lists its parameters with their
kind, e.g. `-- Parameters: $model: model, $limit: rows = 20`, where `= value`
gives a default. Optional lines after them:
- `-- Shows: model, top1, mla`: the columns the table shows by default, for
  a query with more than fit a terminal (`--columns all` shows every one;
  CSV and JSON carry all); `note?` shows `note` only when a row has one;
- `-- Needs: ImageNet-M list`: what the database may lack (reads/missing.sql)
  without which the query has no rows; the result then says why.

Every value is checked against its kind before the query runs (`KINDS`),
then bound as text, never formatted into the SQL; a query casts what it
needs as a number (`$limit::integer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from imagenet_mistakes.errors import BadArgument, shown

_KEYS = ("Shows: ", "Needs: ")
_PARAMETER = re.compile(r"\$(\w+): (\w+)(?: = ([^\s,().]+))?")

MAX_ROWS = 1_000_000
# Each kind of parameter, and what a value of it must be. All but rows are
# names the database lists (reads/parameter_choices.sql). The three kinds of
# model are named so in every message: a model of the database is one with
# predictions or one of the paper's, known from the mistakes it categorised.
KINDS = {
    "model": "a model of this database",
    "predicted_model": "a model with predictions",
    "categorised_model": "one of the paper's categorised models",
    "category": "a category of auto_categories",
    "label_set": "a label set",
    "object": "a table or view",
    "rows": f"a whole number of rows, 1 to {MAX_ROWS:,}",
    "among": "all, a zoo of this database, or models with predictions separated by commas",
}
MODEL_KINDS = ("predicted_model", "categorised_model", "model")
# The valid names an error lists before "and N more".
LISTED = 5


@dataclass(frozen=True)
class Parameter:
    kind: str
    # None: the caller must give it.
    default: str | None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    parameters: dict[str, Parameter]
    parameters_help: str
    # The columns the table shows unless --columns says otherwise; None: all.
    shows: list[str] | None
    # Those of them shown only when a row has a value (`note?`).
    shows_when_any: frozenset[str]
    # What the database may lack (reads/missing.sql) without which there are no rows.
    needs: list[str]
    sql: str

    @property
    def usage(self) -> list[str]:
        """Each parameter as `-p` takes it: `model`, or `limit=20` where it has a default."""
        return [
            key if p.default is None else f"{key}={p.default}" for key, p in self.parameters.items()
        ]


def catalogue() -> list[NamedQuery]:
    """Every named query, by name."""
    return [get(name) for name in _names()]


def _names() -> list[str]:
    folder = resources.files("imagenet_mistakes") / "queries"
    return sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))


def get(name: str) -> NamedQuery:
    """The named query, or a one-line error with the closest that exists."""
    # Among the files, not by opening one: a name is the user's, of any length or form.
    if name not in _names():
        raise BadArgument.not_among(
            f"QUERY {shown(name)}", name, _names(), "a named query (see `queries`)"
        )
    sql = (resources.files("imagenet_mistakes") / "queries" / f"{name}.sql").read_text()
    header = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header.append(line.removeprefix("--").strip())
    description, parameters_line = header[:2]
    keyed = dict(line.partition(": ")[::2] for line in header[2:] if line.startswith(_KEYS))
    listed = [c.strip() for c in keyed["Shows"].split(",")] if "Shows" in keyed else None
    shows = [c.removesuffix("?") for c in listed] if listed is not None else None
    when_any = frozenset(c.removesuffix("?") for c in listed or [] if c.endswith("?"))
    needs = [n.strip() for n in keyed["Needs"].split(",")] if "Needs" in keyed else []
    parameters_help = parameters_line.removeprefix("Parameters:").strip()
    parameters = {
        m.group(1): Parameter(m.group(2), m.group(3)) for m in _PARAMETER.finditer(parameters_help)
    }
    return NamedQuery(name, description, parameters, parameters_help, shows, when_any, needs, sql)


def bind(
    query: NamedQuery, params: dict[str, str], choices: Callable[[], dict[str, list[str]]]
) -> dict[str, str | None]:
    """The values of a named query's parameters, defaults filled in.

    Each value is checked against its kind first (`choices` reads the names
    the database has, by kind; only a query with such a parameter asks), so
    that a misspelt model is an error that says so rather than an empty answer.
    """
    name = query.name
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        raise BadArgument(
            f"-p {unknown[0]}: query {name} has no such parameter "
            f"(parameters: {query.parameters_help})"
        )
    values = {
        key: params.get(key, parameter.default) for key, parameter in query.parameters.items()
    }
    names: dict[str, list[str]] | None = None
    for key, value in values.items():
        if value is None:
            raise BadArgument(
                f"-p {key}: query {name} needs it (parameters: {query.parameters_help})"
            )
        kind = query.parameters[key].kind
        if kind != "rows" and names is None:
            names = choices()
        _check(key, kind, value, names or {})
    return values


def _check(key: str, kind: str, value: str, choices: dict[str, list[str]]) -> None:
    where = f"-p {key}={shown(value)}"
    if kind == "rows":
        # ASCII digits only: int() would also take "٣" or " 3_0 ".
        if not (re.fullmatch(r"[0-9]{1,7}", value) and 1 <= int(value) <= MAX_ROWS):
            raise BadArgument(f"{where}: must be {KINDS[kind]}")
        return
    if kind == "among":
        _check_among(where, value, choices)
        return
    check(where, kind, value, choices)


def _check_among(where: str, value: str, choices: dict[str, list[str]]) -> None:
    """`all`, a zoo, or models with predictions separated by commas."""
    zoos, models = choices.get("zoo", []), choices.get("predicted_model", [])
    if value == "all" or value in zoos:
        return
    names = value.split(",")
    for name in names:
        if name not in models:
            raise BadArgument.not_among(
                f"{where}: {shown(name)}" if len(names) > 1 else where,
                name,
                ["all", *zoos, *models],
                f"all, a zoo ({', '.join(zoos) or 'none yet'}) or a model with predictions",
            )


def check(where: str, kind: str, value: str, choices: dict[str, list[str]]) -> None:
    """Refuse a name the database does not hold as `kind` (a model, a table, ...): the one
    check every parameter, MODEL argument and --compare goes through."""
    if value not in choices.get(kind, []):
        raise refused(where, kind, value, choices)


def refused(where: str, kind: str, value: str, choices: dict[str, list[str]]) -> BadArgument:
    """The one line for a name that is not of `kind`: what it is instead, if anything, and
    the names that are, e.g. `-p model='resnet50': not one of the paper's categorised models
    (greedy_soups, vit3b); resnet50 is a model with predictions`."""
    names = choices.get(kind, [])
    listed = ", ".join(names[:LISTED]) + (
        f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    )
    what = f"{KINDS[kind]} ({listed or 'there are none'})"
    error = BadArgument.not_among(where, value, names, what)
    instead = next((k for k in MODEL_KINDS if k != kind and value in choices.get(k, [])), None)
    if instead is None:
        return error
    return BadArgument(f"{error}; {shown(value)} is {KINDS[instead]}")
