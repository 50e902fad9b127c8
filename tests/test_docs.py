"""The documentation builds without a broken link, and names everything a user can call
(sqlite-utils' tests/test_docs.py does the same)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from imagenet_mistakes import named_queries, schema
from imagenet_mistakes.cli import app
from tests import docs_tables

ROOT = Path(__file__).resolve().parents[1]
TEXT = "\n".join(p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return dict(group.commands)


COMMANDS = _commands()


def test_the_docs_build_with_every_link_and_anchor_whole(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_its_options_are_documented(name: str) -> None:
    assert f"imagenet-mistakes {name}" in TEXT or f"`{name}`" in TEXT, name
    command = COMMANDS[name]
    options = {o for p in command.params for o in p.opts if o.startswith("--")} - {"--help"}
    assert sorted(o for o in options if not re.search(rf"{o}\b", TEXT)) == [], name


def test_every_named_query_table_and_view_is_documented() -> None:
    names = [q.name for q in named_queries.catalogue()]
    names += [name.removesuffix(".sql") for name in schema.files()]
    assert sorted(n for n in names if not re.search(rf"`{n}`|\b{n}\b", TEXT)) == []


def test_the_tables_of_stored_aggregates_and_rules_are_made_from_their_declarations() -> None:
    """Not written by hand: `python -m tests.docs_tables` rewrites them after a change."""
    assert docs_tables.STORED.current() == docs_tables.STORED.made(docs_tables.stored_table())
    assert docs_tables.RULES.current() == docs_tables.RULES.made(docs_tables.rules_table())
