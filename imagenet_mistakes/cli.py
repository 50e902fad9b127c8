"""The `imagenet-mistakes` command: parse arguments, call the core, print.

Rows go to stdout; progress, warnings and errors go to stderr.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import pooch
import typer
from rich.console import Console
from rich.table import Table

from imagenet_mistakes import build as build_core
from imagenet_mistakes import info as info_core
from imagenet_mistakes.errors import ImagenetMistakesError

app = typer.Typer(
    help="The remaining mistakes of ImageNet classifiers, as one DuckDB file.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="IMAGENET_MISTAKES_DB",
        help="Database file.",
        dir_okay=False,
    ),
]
DEFAULT_DB = Path("imagenet_mistakes.duckdb")


def _fail(error: ImagenetMistakesError) -> typer.Exit:
    err.print(f"Error: {error}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code=error.exit_code)


@app.callback()
def _configure() -> None:
    # One plain line per message on stderr, so stdout stays rows only.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s", force=True)


@app.command()
def build(
    db: DbOption = DEFAULT_DB,
    source_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="IMAGENET_MISTAKES_SOURCE_DIR",
            help="Read sources from this local mirror (the layout of ../shared/data) "
            "instead of downloading them.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    multilabel: Annotated[
        Path | None,
        typer.Option(
            help="Use this human_accuracy_v3.0.0.json-format file for the multi-labels.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    tfds_data_dir: Annotated[
        Path | None,
        typer.Option(
            help="Read the multi-labels and the ImageNet-M list from this TFDS data_dir holding "
            "a prepared imagenet2012_multilabel:3.0.0 (array_record).",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="IMAGENET_MISTAKES_CACHE_DIR",
            help="Where downloads are cached [default: the user cache directory].",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Build the database from the sources, replacing any database at --db.

    Example: imagenet-mistakes build --source-dir ../shared/data
    """
    if multilabel is not None and tfds_data_dir is not None:
        raise typer.BadParameter("give --multilabel or --tfds-data-dir, not both")
    inputs = build_core.Inputs(
        source_dir=source_dir,
        cache_dir=cache_dir or Path(pooch.os_cache("imagenet-mistakes")),
        multilabel=multilabel,
        tfds_data_dir=tfds_data_dir,
    )
    try:
        build_core.build(db, inputs)
    except ImagenetMistakesError as e:
        raise _fail(e) from e


@app.command()
def info(db: DbOption = DEFAULT_DB) -> None:
    """Show each source with its provenance, the tables with row counts, and what is missing.

    Example: imagenet-mistakes info --db imagenet_mistakes.duckdb
    """
    try:
        summary = info_core.summary(db)
    except ImagenetMistakesError as e:
        raise _fail(e) from e
    for title, columns, rows in summary.tables:
        table = Table(title=title, title_justify="left")
        for i, column in enumerate(columns):
            # Keep the key column whole so it can be searched; fold long values.
            table.add_column(column, no_wrap=i == 0, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)
    for line in summary.missing:
        out.print(f"Missing: {line}", markup=False, highlight=False)
