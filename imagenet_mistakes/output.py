"""Printing rows in the formats every query command offers: a Rich table, CSV, JSON, Markdown.

Machine formats go to stdout with nothing else, so they can be piped.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from imagenet_mistakes.errors import BadArgument


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
        _table(columns, rows, console, title)
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
    elif fmt is Format.json:
        _write_json(_records(columns, rows))
    else:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += [
            "| " + " | ".join(_text(v).replace("|", "\\|") for v in row) + " |" for row in rows
        ]
        sys.stdout.write("\n".join(lines) + "\n")


def render_sections(
    sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]],
    fmt: Format,
    console: Console,
) -> None:
    """Several titled tables as one document: JSON keyed by title, Markdown under headings.

    CSV holds one table, so it is refused (before anything is printed).
    """
    if fmt is Format.csv:
        raise BadArgument("--format csv: this output is several tables; use json or markdown")
    if fmt is Format.json:
        _write_json({title.lower(): _records(columns, rows) for title, columns, rows in sections})
        return
    for title, columns, rows in sections:
        if fmt is Format.markdown:
            sys.stdout.write(f"## {title}\n\n")
            render(columns, rows, fmt, console)
            sys.stdout.write("\n")
        else:
            render(columns, rows, fmt, console, title=title)


# A longer value may fold onto several lines of this width; shorter ones
# stay whole, as does a key (first) column's value up to KEY_WIDTH.
FOLD_WIDTH = 20
KEY_WIDTH = 30


def _table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], console: Console, title: str | None
) -> None:
    # Every piece of data as Text, which Rich never reads as markup: a
    # value `[bold]x` prints as written, and `[/x]` is no error.
    shown = [[_shown(v) for v in row] for row in rows]
    # Headers and short values whole, and a key column up to 30 characters
    # so it can be searched; only a long value folds.
    folds = [KEY_WIDTH, *[FOLD_WIDTH] * (len(columns) - 1)]
    widths = [
        max([len(column), *(min(_longest_word(row[i]), fold) for row in shown)])
        for i, (column, fold) in enumerate(zip(columns, folds, strict=True))
    ]
    # Each column is padded by a space either side and ruled on its left, the last also right.
    borders = 3 * len(widths) + 1
    if sum(widths) + borders <= console.width:
        natural = [max([len(c), *(len(row[i]) for row in shown)]) for i, c in enumerate(columns)]
        # Wrapped, every column at a width worked out here: Rich's own
        # shrinking can leave a table a few characters too wide, then cropped.
        if sum(natural) + borders > console.width:
            widths = _shared_out(widths, natural, console.width - borders)
        else:
            widths = natural
        table = Table(title=Text(title) if title else None, title_justify="left")
        for column, width in zip(columns, widths, strict=True):
            table.add_column(Text(column), width=width, overflow="fold")
        for row in shown:
            table.add_row(*map(Text, row))
        console.print(table)
        return
    # Too wide for the terminal even folded: each row as a record of
    # (column, value) lines instead, as psql's expanded display does.
    if title:
        console.print(Text(title))
    for row in shown:
        console.rule(Text(f"{columns[0]} {row[0]}"), align="left")
        record = Table.grid(padding=(0, 1))
        record.add_column(no_wrap=True)
        record.add_column(overflow="fold")
        for column, value in zip(columns[1:], row[1:], strict=True):
            record.add_row(Text(column), Text(value))
        console.print(record)


def _shared_out(least: list[int], natural: list[int], room: int) -> list[int]:
    """Widths from `least` up, the room left over shared by what each column would take more."""
    wants = [n - w for w, n in zip(least, natural, strict=True)]
    spare = room - sum(least)
    given = [spare * want // sum(wants) for want in wants]
    return [w + g for w, g in zip(least, given, strict=True)]


def _longest_word(value: str) -> int:
    # Text wraps between words; only a word longer than its column is folded.
    return max(map(len, value.split()), default=0)


def _records(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, map(_json_safe, row), strict=True)) for row in rows]


def _write_json(document: Any) -> None:
    # allow_nan=False: NaN and infinities are not JSON; _json_safe made them null.
    sys.stdout.write(json.dumps(document, default=_json_value, indent=1, allow_nan=False) + "\n")


def _shown(value: Any) -> str:
    # Fractions to 4 decimals for reading, and what would round to 0.0000 (a
    # p-value of 4e-18) to 3 significant digits; machine formats keep full precision.
    if isinstance(value, float):
        return f"{value:.3g}" if 0 < abs(value) < 0.00005 else f"{value:.4f}"
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        # A list or struct column as JSON, which a CSV reader's cell then parses, rather
        # than Python's repr of it ("[{'class': 'cairn', 'score': None}]").
        return json.dumps(_json_safe(value), default=_json_value, allow_nan=False)
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
    if isinstance(value, decimal.Decimal):  # DuckDB's DECIMAL: a number, not its text
        return float(value)
    return str(value)
