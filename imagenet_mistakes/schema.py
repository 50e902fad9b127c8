"""The schema: `schema/*.sql`, rendered from the package data and applied in the order
their dependencies give.

Each file creates one table, macro or view, named after it (`leaderboard.sql`).
They apply tables first (a table before those whose foreign keys reference it),
then macros and views, each after the tables and views it reads and the macros
it calls (a table macro may read views; the named queries call it): the order
is worked out from the SQL, as dbt works out its models' order from their refs,
so no file carries a number to place it. Files are Jinja templates (as dbt
models are), so a view whose columns follow the data, such as the leaderboard's
one column per metric, is written once; the rendered text is what every engine
gets (DuckDB here, Spark and PostgreSQL through views.py).
"""

from __future__ import annotations

import graphlib
import hashlib
import re
from functools import cache
from importlib import resources

import duckdb

from imagenet_mistakes import intervals, label_sets, metrics, rules, stored

_FOLDER = resources.files("imagenet_mistakes") / "schema"


def _sql_string(value: str) -> str:
    """A SQL string literal: the template engine must not decide how quotes are escaped."""
    return "'" + value.replace("'", "''") + "'"


def files() -> list[str]:
    """The schema's file names, by name (`rendered` gives the order they apply in)."""
    return sorted(p.name for p in _FOLDER.iterdir() if p.name.endswith(".sql"))


def rendered() -> list[tuple[str, str]]:
    """(file name, SQL) of every schema file, rendered with the metric definitions, the
    label sets, the stored aggregates, the categoriser's rules and the intervals'
    confidence level."""
    return list(_rendered(tuple(metrics.definitions()), intervals.level()))


@cache
def _rendered(definitions: tuple[metrics.Metric, ...], level: float) -> tuple[tuple[str, str], ...]:
    import jinja2  # here, not at the top: only build and the exports render the schema

    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    environment.filters["sql_string"] = _sql_string
    context: dict[str, object] = {
        "metrics": definitions,
        "label_sets": label_sets.definitions(),
        "stored": stored.declared(),
        "rules": {decides: rules.of(decides) for decides in rules.GIVES},
        "gives": rules.GIVES,
        "defaults": rules.DEFAULTS,
        "level": repr(level),
        "z": repr(intervals.z(level)),
    }
    # The rules joined into verdicts over a relation of pairs (rules/verdicts.sql): a view
    # renders `{{ verdicts('mistake_candidates') }}`.
    joined = environment.from_string(rules.VERDICTS.read_text())
    context["verdicts"] = lambda candidates: joined.render(context, candidates=candidates)
    texts = {
        name: environment.from_string(_FOLDER.joinpath(name).read_text()).render(context)
        for name in files()
    }
    return tuple((name, texts[name]) for name in _applied_order(texts))


# Tables first; then macros and views, each after what it reads and the macros it calls.
_KINDS = ("TABLE", "MACRO", "VIEW")
_CREATE = re.compile(r"^CREATE (?:OR REPLACE )?(?:TEMP )?(TABLE|MACRO|VIEW)", re.I | re.M)


def _applied_order(texts: dict[str, str]) -> list[str]:
    """The file names in an order that creates everything after what it needs."""
    import sqlglot  # here: only rendering (build, export, publish) orders the files
    from sqlglot import exp

    kinds, starts = {}, {}
    for name, text in texts.items():
        found = _CREATE.search(text)
        if found is None:
            raise ValueError(f"schema/{name}: creates no table, macro or view")
        kinds[name], starts[name] = _KINDS.index(found.group(1).upper()), found.start()
    by_object = {name.removesuffix(".sql"): name for name in texts}
    graph: dict[str, set[str]] = {}
    for name, text in texts.items():
        if kinds[name] == 0:  # a table: the tables its foreign keys reference
            read = set(re.findall(r"REFERENCES\s+(\w+)", text, re.I))
        else:
            statement = sqlglot.parse_one(text[starts[name] :], read="duckdb")
            ctes = {cte.alias for cte in statement.find_all(exp.CTE)}
            read = {table.name for table in statement.find_all(exp.Table)} - ctes
        needed = {by_object[r] for r in read if r in by_object and by_object[r] != name}
        # Every table first, whatever it reads; a view after the macros it calls (a table
        # macro may itself read views: image_difficulty_among).
        calls = {
            other
            for other in texts
            if kinds[other] == 1 and re.search(rf"\b{other.removesuffix('.sql')}\s*\(", text)
        }
        earlier = {other for other in texts if kinds[other] == 0} if kinds[name] else set()
        graph[name] = needed | earlier | (calls - {name})
    order = graphlib.TopologicalSorter(graph)
    order.prepare()
    applied = []
    while order.is_active():
        ready = sorted(order.get_ready())
        applied += ready
        order.done(*ready)
    return applied


def version() -> str:
    """A hash of the schema: files built by a package with another schema differ.

    Hashes what the rendering depends on, the templates, the metric
    definitions, the stored aggregates, the label sets, the categoriser's
    rules and the intervals' level, rather than the rendered text:
    every command checks it on opening the file, and rendering takes longer
    than a small query.
    """
    digest = hashlib.sha256()
    for name in files():
        digest.update(f"{name}\0{_FOLDER.joinpath(name).read_text()}\0".encode())
    digest.update(metrics.FILE.read_text().encode())
    digest.update(intervals.FILE.read_text().encode())
    digest.update(stored.FILE.read_text().encode())
    digest.update(label_sets.FILE.read_text().encode())
    for rule_file in rules.files():
        digest.update(f"{rule_file.name}\0{rule_file.read_text()}\0".encode())
    return digest.hexdigest()[:16]


def apply(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view; safe to apply again to a database that has them."""
    for _, text in rendered():
        con.execute(text)


def tables() -> list[str]:
    """The schema's tables in the order it creates them: parents before children.

    Each file creates one table, macro or view named after it (`<name>.sql`).
    """
    return [
        name.removesuffix(".sql") for name, text in rendered() if "CREATE TABLE" in text.upper()
    ]
