"""Printing rows in the formats every query command offers: a table, CSV, JSON, Markdown.

Machine formats (CSV, JSON) carry every value at full precision, NULL as
empty (CSV) or null (JSON), so they parse back; they go to stdout with
nothing else, so they can be piped. Formats for people (the table,
Markdown) show numbers right-aligned at a fixed precision, NULL as a
visible NULL, and a metric's confidence interval folded into its cell:
columns `x`, `x_lower`, `x_upper` become one column `x` reading
"0.7613 ± 0.0037", where ± is the larger of the interval's two sides (a
Wilson interval is not symmetric), so the interval lies within it.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rich.cells import cell_len
from rich.console import Console

from imagenet_mistakes.errors import BadArgument, escaped

NULL = "NULL"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"

    @property
    def for_people(self) -> bool:
        return self in (Format.table, Format.markdown)


def render(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: Format,
    console: Console,
    title: str | None = None,
    chosen: Sequence[str] | None = None,
) -> None:
    """Print rows in the chosen format; `title` is shown only in the table format.

    `chosen`: the columns to print (all when None), each named in `columns`;
    in the formats for people, an interval column of a chosen metric is
    folded into the metric's cell even when not chosen itself.
    """
    if fmt.for_people:
        shown_columns = _for_people(columns, rows, chosen)
        if fmt is Format.table:
            _table(shown_columns, console, title)
        else:
            _markdown(shown_columns)
        return
    picked = [columns.index(c) for c in chosen] if chosen is not None else range(len(columns))
    names = [columns[i] for i in picked]
    values = [[row[i] for i in picked] for row in rows]
    if fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_text(v) for v in row] for row in values)
    else:
        _write_json(_records(names, values))


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


@dataclass(frozen=True)
class _Column:
    """A column as people read it: its name, its cells as text, and whether it holds numbers."""

    name: str
    cells: list[str]
    numeric: bool


def _for_people(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], chosen: Sequence[str] | None
) -> list[_Column]:
    position = {name: i for i, name in enumerate(columns)}
    # A metric's interval: x_lower and x_upper beside x (the leaderboard), or lower and
    # upper beside value (one model's summary).
    bounds = {
        name: (position[low], position[high])
        for name in columns
        for low, high in [
            ("lower", "upper") if name == "value" else (f"{name}_lower", f"{name}_upper")
        ]
        if low in position and high in position
    }
    folded = {columns[i] for pair in bounds.values() for i in pair}
    wanted = chosen if chosen is not None else [c for c in columns if c not in folded]
    shown_columns = []
    for name in wanted:
        i = position[name]
        values = [row[i] for row in rows]
        if name in bounds:
            low, high = bounds[name]
            cells = [_interval(row[i], row[low], row[high]) for row in rows]
        else:
            cells = [_cell(v) for v in values]
        numeric = all(
            v is None or (isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool))
            for v in values
        )
        shown_columns.append(_Column(name, cells, numeric))
    return shown_columns


def _interval(value: Any, lower: Any, upper: Any) -> str:
    if value is None or lower is None or upper is None:
        return _cell(value)
    half = max(float(value) - float(lower), float(upper) - float(value), 0.0)
    # A count ("12 of 68 images") has its interval in images, to one decimal.
    spread = f"{half:.1f}" if isinstance(value, int) else _cell(half)
    return f"{_cell(value)} ± {spread}"


def _cell(value: Any) -> str:
    # Fractions to 4 decimals, trailing zeros kept so a column's digits line up, and what
    # would round to 0.0000 (a p-value of 4e-18) to 3 significant digits; the machine
    # formats keep full precision.
    if value is None:
        return NULL
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.3g}" if 0 < abs(value) < 0.00005 else f"{value:.4f}"
    # A value's own control characters (a terminal escape in a file name) as escapes; its
    # line breaks stay, as lines of its cell.
    return escaped(_text(value), keep="\n")


# A longer value may fold onto several lines of this width; shorter ones stay whole.
FOLD_WIDTH = 20
# Between two columns of the table.
GAP = 2


def _table(columns: list[_Column], console: Console, title: str | None) -> None:
    # Plain text, laid out here and written as it is: nothing is read as Rich markup, so a
    # value `[bold]x` prints as written. Not Rich's Table, which measures every cell as a
    # renderable (2 s for 1,000 rows), nor tabulate, whose wide-character support takes
    # longer to import (45 ms) than this takes to draw 1,000 rows; Rich's cell widths
    # keep a CJK value's column aligned.
    natural = [max([cell_len(c.name), *map(_widest_line, c.cells)]) for c in columns]
    room = console.width - GAP * (len(columns) - 1)
    widths = natural
    if sum(natural) > room:
        least = [
            _least_width(c, width, key=i == 0)
            for i, (c, width) in enumerate(zip(columns, natural, strict=True))
        ]
        if sum(least) > room:
            _records_as_text(columns, console, title)
            return
        widths = _shared_out(least, natural, room)
    right = [c.numeric for c in columns]

    def line(parts: Iterable[str]) -> str:
        padded = (
            _padded(part, width, align)
            for part, width, align in zip(parts, widths, right, strict=True)
        )
        return (" " * GAP).join(padded).rstrip()

    rule = line("-" * width for width in widths)
    lines = [title, ""] if title else []
    lines += [line(c.name for c in columns), rule]
    folded = widths != natural
    for i, row in enumerate(zip(*(c.cells for c in columns), strict=True)):
        if folded and i:  # folded rows, told apart by a line between
            lines.append(rule)
        parts = [
            _wrapped(v, width).splitlines() or [""] for v, width in zip(row, widths, strict=True)
        ]
        for k in range(max(map(len, parts))):
            lines.append(line(part[k] if k < len(part) else "" for part in parts))
    console.file.write("\n".join(lines) + "\n")


def _padded(text: str, width: int, right: bool) -> str:
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def _least_width(column: _Column, natural: int, key: bool) -> int:
    """How narrow a column may fold: headers, numbers (with their interval), the key (first)
    column and short values stay whole, so they can be searched; only a longer value
    folds, between words where it can."""
    if column.numeric or key:
        return natural
    return max([cell_len(column.name), *(min(_longest_word(v), FOLD_WIDTH) for v in column.cells)])


def _records_as_text(columns: list[_Column], console: Console, title: str | None) -> None:
    """Rows too wide for the terminal even folded: each as a record of (column, value)
    lines, as psql's expanded display does."""
    key, rest = columns[0], columns[1:]
    name_width = max(cell_len(c.name) for c in rest) if rest else 0
    value_width = max(console.width - name_width - GAP, FOLD_WIDTH)
    lines = [title, ""] if title else []
    for row, key_cell in enumerate(key.cells):
        heading = f"── {key.name} {key_cell} "
        lines.append(heading + "─" * max(console.width - cell_len(heading), 0))
        for column in rest:
            value = _wrapped(column.cells[row], value_width).splitlines() or [""]
            lines.append(f"{column.name:<{name_width}}{' ' * GAP}{value[0]}")
            lines += [" " * (name_width + GAP) + more for more in value[1:]]
    console.file.write("\n".join(lines) + "\n")


def _markdown(columns: list[_Column]) -> None:
    align = ["---:" if c.numeric else "---" for c in columns]
    lines = ["| " + " | ".join(c.name for c in columns) + " |", "|" + "|".join(align) + "|"]
    for row in zip(*(c.cells for c in columns), strict=True):
        cells = (v.replace("|", "\\|").replace("\n", "<br>") for v in row)
        lines.append("| " + " | ".join(cells) + " |")
    sys.stdout.write("\n".join(lines) + "\n")


def _wrapped(value: str, width: int) -> str:
    if _widest_line(value) <= width:
        return value
    return "\n".join(
        line
        for paragraph in value.splitlines()
        for line in textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    )


def _widest_line(value: str) -> int:
    return max(map(cell_len, value.splitlines()), default=0)


def _shared_out(least: list[int], natural: list[int], room: int) -> list[int]:
    """Widths from `least` up, the room left over shared by what each column would take more."""
    wants = [n - w for w, n in zip(least, natural, strict=True)]
    spare = room - sum(least)
    given = [spare * want // sum(wants) for want in wants]
    return [w + g for w, g in zip(least, given, strict=True)]


def _longest_word(value: str) -> int:
    # Text wraps between words; only a word longer than its column is folded.
    return max(map(cell_len, value.split()), default=0)


def _records(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, map(_json_safe, row), strict=True)) for row in rows]


def _write_json(document: Any) -> None:
    # allow_nan=False: NaN and infinities are not JSON; _json_safe made them null.
    sys.stdout.write(json.dumps(document, default=_json_value, indent=1, allow_nan=False) + "\n")


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
