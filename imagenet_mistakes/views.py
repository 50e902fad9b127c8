"""The metric views as data: parsed from `schema/*.sql` with sqlglot, for other SQL engines.

The .sql files stay the one source of truth; other engines get each view
translated from them (`publish` to PostgreSQL, `export` for Spark), never a
hand-edited copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from imagenet_mistakes import schema

# sqlglot says at INFO level each time it shifts a list index for a 0-based
# dialect (Spark); that is the translation working, not news for stderr.
logging.getLogger("sqlglot").setLevel(logging.WARNING)


@dataclass(frozen=True)
class View:
    name: str
    # The SELECT (with its CTEs) that defines the view, as DuckDB SQL.
    query: exp.Expression

    @property
    def reads(self) -> set[str]:
        """The tables and views the query reads (its own CTEs left out)."""
        ctes = {cte.alias for cte in self.query.find_all(exp.CTE)}
        return {table.name for table in self.query.find_all(exp.Table)} - ctes

    def select_sql(self, dialect: str) -> str:
        """The defining query in another dialect; fails on what sqlglot cannot translate."""
        query = self.query if dialect != "spark" else self.query.transform(_unordered_sum)
        return query.sql(dialect=dialect, pretty=True, unsupported_level=sqlglot.ErrorLevel.RAISE)


def _unordered_sum(node: exp.Expression) -> exp.Expression:
    """`sum(x order by y)` as `sum(x)`: Spark has no ordered sum. The order only makes
    DuckDB's sum of doubles the same bits however its threads split the work."""
    if isinstance(node, exp.Sum) and isinstance(node.this, exp.Order):
        return exp.Sum(this=node.this.this.copy())
    return node


def definitions() -> list[View]:
    """Every view of the schema, in the order the schema creates them (dependencies first)."""
    found = []
    for _, text in schema.rendered():
        for statement in sqlglot.parse(text, read="duckdb"):
            if isinstance(statement, exp.Create) and statement.kind == "VIEW":
                found.append(View(statement.this.name, statement.expression))
    return found
