"""The docs' tables made from what they describe, so that they cannot drift from it:
the stored aggregates (data/stored.toml and the tables' comments), the categoriser's
rules (rules/), and its counts beside ETH's for the zoo (view auto_category_eth):

    python -m tests.docs_tables                 # rewrites the first two
    python -m tests.docs_tables --eth ZOO_DB    # and the third, from a file with the zoo

tests/test_docs.py and tests/test_categoriser.py check that the pages hold what this makes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from imagenet_mistakes import rules, schema, stored

DOCS = Path(__file__).resolve().parents[1] / "docs"


@dataclass(frozen=True)
class Block:
    """A table on a page, between two comments naming what makes it."""

    page: Path
    name: str

    @property
    def start(self) -> str:
        return f"<!-- {self.name}: made by python -m tests.docs_tables -->"

    @property
    def end(self) -> str:
        return f"<!-- end of {self.name} -->"

    def current(self) -> str:
        """The block as the page has it now."""
        text = self.page.read_text()
        found = re.search(rf"{re.escape(self.start)}.*?{re.escape(self.end)}", text, re.S)
        assert found is not None, f"{self.page}: no block between {self.start} and {self.end}"
        return found.group(0)

    def made(self, lines: list[str]) -> str:
        return "\n".join([self.start, *lines, self.end])

    def write(self, lines: list[str]) -> None:
        self.page.write_text(self.page.read_text().replace(self.current(), self.made(lines)))


STORED = Block(DOCS / "reference.md", "stored aggregates")
RULES = Block(DOCS / "analysis.md", "categoriser rules")
ETH = Block(DOCS / "analysis.md", "categories beside ETH")


def stored_table() -> list[str]:
    """Each stored aggregate, the view it stores, its key, its comment."""
    texts = dict(schema.rendered())
    lines = ["| table | stores the view | one row per | holds |", "|---|---|---|---|"]
    for aggregate in stored.declared():
        comment = re.search(
            rf"COMMENT ON TABLE {aggregate.table} IS '((?:[^']|'')*)'",
            texts[f"{aggregate.table}.sql"],
        )
        assert comment is not None, aggregate.table
        holds = comment.group(1).replace("''", "'")
        key = " × ".join(aggregate.key)
        lines.append(f"| `{aggregate.table}` | `{aggregate.live}` | {key} | {holds} |")
    return lines


def rules_table() -> list[str]:
    """Each rule in the order it applies, what it gives and why."""
    lines = ["| decides | order | rule | gives | why |", "|---|---:|---|---|---|"]
    for rule in rules.declared():
        lines.append(
            f"| {rule.decides} | {rule.position} | `{rule.name}` | {rule.gives} | {rule.why} |"
        )
    return lines


def eth_table(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Per model ETH published with the same weights: ours and ETH's count per category."""
    rows = con.execute(
        "select model, category, ours, eth from auto_category_eth order by model, position"
    ).fetchall()
    categories = list(dict.fromkeys(category for _, category, _, _ in rows))
    steps = dict(con.execute("select category, eth_step from auto_category_eth").fetchall())
    lines = [
        "| model | " + " | ".join(f"{c} (ours) | {steps[c]} (ETH)" for c in categories) + " |",
        "|---|" + "---:|" * (2 * len(categories)),
    ]
    by_model: dict[str, list[str]] = {}
    for model, _, ours, eth in rows:
        by_model.setdefault(model, []).extend([str(ours), str(eth)])
    lines += [f"| `{model}` | " + " | ".join(cells) + " |" for model, cells in by_model.items()]
    return lines


if __name__ == "__main__":
    STORED.write(stored_table())
    RULES.write(rules_table())
    if sys.argv[1:2] == ["--eth"]:
        with duckdb.connect(sys.argv[2], read_only=True) as zoo:
            ETH.write(eth_table(zoo))
