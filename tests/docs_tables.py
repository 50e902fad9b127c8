"""The docs' table of stored aggregates, made from their declarations (data/stored.toml)
and the tables' comments, so that it cannot drift from them:

    python -m tests.docs_tables    # rewrites the table in docs/reference.md

tests/test_docs.py checks that the table there is the one this makes.
"""

from __future__ import annotations

import re
from pathlib import Path

from imagenet_mistakes import schema, stored

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference.md"
START = "<!-- stored aggregates: made by python -m tests.docs_tables from data/stored.toml -->"
END = "<!-- end of stored aggregates -->"


def table() -> str:
    """The Markdown table: each stored aggregate, the view it stores, its key, its comment."""
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
    return "\n".join([START, *lines, END])


def current(text: str) -> str:
    """The block as the page has it now."""
    found = re.search(rf"{re.escape(START)}.*?{re.escape(END)}", text, re.S)
    assert found is not None, f"{PAGE}: no block between {START} and {END}"
    return found.group(0)


if __name__ == "__main__":
    page = PAGE.read_text()
    PAGE.write_text(page.replace(current(page), table()))
