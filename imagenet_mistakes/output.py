"""Printing rows in the formats every query command offers: a Rich table, CSV, JSON, Markdown.

Machine formats go to stdout with nothing else, so they can be piped.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table


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
        table = Table(title=title, title_justify="left")
        # Keep a short key column whole so it can be searched; fold long values.
        key_width = max((len(_shown(row[0])) for row in rows), default=0)
        for i, column in enumerate(columns):
            table.add_column(column, no_wrap=i == 0 and key_width <= 30, overflow="fold")
        for row in rows:
            table.add_row(*(_shown(v) for v in row))
        console.print(table)
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
    elif fmt is Format.json:
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, default=_json_value, indent=1) + "\n")
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


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
