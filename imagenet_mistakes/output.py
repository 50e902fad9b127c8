"""Printing rows in the formats every query command offers: a Rich table, CSV, JSON, Markdown.

Machine formats go to stdout with nothing else, so they can be piped.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def render(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: Format,
    console: Console,
    title: str | None = None,
) -> None:
    """Print rows in the chosen format; `title` is shown only in the table format."""
    if fmt is Format.table:
        # Every piece of data as Text, which Rich never reads as markup: a
        # value `[bold]x` prints as written, and `[/x]` is no error.
        table = Table(title=Text(title) if title else None, title_justify="left")
        # Keep a short key column whole so it can be searched; fold long values.
        key_width = max((len(_shown(row[0])) for row in rows), default=0)
        for i, column in enumerate(columns):
            table.add_column(Text(column), no_wrap=i == 0 and key_width <= 30, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_shown(v)) for v in row))
        console.print(table)
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
    elif fmt is Format.json:
        records = [dict(zip(columns, map(_json_safe, row), strict=True)) for row in rows]
        # allow_nan=False: NaN and infinities are not JSON; _json_safe made them null.
        sys.stdout.write(json.dumps(records, default=_json_value, indent=1, allow_nan=False) + "\n")
    else:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += [
            "| " + " | ".join(_text(v).replace("|", "\\|") for v in row) + " |" for row in rows
        ]
        sys.stdout.write("\n".join(lines) + "\n")


def _shown(value: Any) -> str:
    # Fractions to 4 decimals for reading; machine formats keep full precision.
    if isinstance(value, float):
        return f"{value:.4f}"
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _json_safe(value: Any) -> Any:
    """The value with NaN and infinities, at any depth, as None (JSON's null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
