"""The `imagenet-mistakes` command: parse arguments, call the core, print.

Rows go to stdout; progress, warnings and errors go to stderr. The core (and
DuckDB, Arrow, NumPy under it) is imported when a command runs, not here, so
that `--help` starts as fast as Python can (BENCHMARKS.md, start-up).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer._click.exceptions import (  # Click, vendored inside typer since 0.2x
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperGroup

from imagenet_mistakes import named_queries
from imagenet_mistakes.choices import DEFAULT_K, ClassOrder, RowOrder
from imagenet_mistakes.errors import (
    BadArgument,
    ExitCode,
    SourceUnavailable,
    one_line,
)
from imagenet_mistakes.loaders.validate import NUM_VALIDATION_IMAGES
from imagenet_mistakes.output import Format, render, render_sections
from imagenet_mistakes.progress import Progress, silent

if TYPE_CHECKING:
    from imagenet_mistakes.database import Database, Result
    from imagenet_mistakes.sources import LocalFile

# Nothing printed is read as Rich markup: names, paths and values may hold `[...]`.
out = Console(markup=False, highlight=False)
err = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)


class _Commands(TyperGroup):
    """The one place errors become one `Error:` line on stderr and their exit code.

    The core's errors and Ctrl-C in `invoke`; Click's usage errors (a missing
    file, an unknown option, a bad value) in `main`, instead of Typer's boxed
    panel of usage, hint and message.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except NoArgsIsHelpError as e:  # the command alone: its help, on stderr
            e.show()
            sys.exit(e.exit_code)
        except ClickException as e:
            err.print(f"Error: {_usage_line(e)}", soft_wrap=True)
            sys.exit(e.exit_code)
        except typer.Abort:  # Click's own end of input, as at a prompt
            err.print("Error: imagenet-mistakes: aborted")
            sys.exit(ExitCode.BAD_DATA)
        # Without standalone mode Click returns the code of a typer.Exit, and a
        # command's return value (None: ours return nothing) otherwise.
        sys.exit(code if isinstance(code, int) else ExitCode.OK)

    # Click's Context, vendored inside typer since 0.2x; typer.Context is a subclass of it.
    def invoke(self, ctx: Any) -> Any:
        from imagenet_mistakes import boundary  # with DuckDB: once a command runs

        def say(line: str) -> None:
            err.print(line, soft_wrap=True)

        passing = (typer.Exit, typer.Abort, ClickException)
        with boundary.command(lambda: ctx.invoked_subcommand, say, passing) as ending:
            return super().invoke(ctx)
        raise typer.Exit(code=ending.code)


def _usage_line(error: ClickException) -> str:
    """Click's message as `<argument>: <problem>` on one line."""
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        hint = error.param_hint
        if error.param is not None:  # an option by its long name, an argument by its metavar
            options = [o for o in error.param.opts if o.startswith("--")]
            hint = options[0] if options else error.param.human_readable_name
        if isinstance(hint, str):
            return one_line(" ".join(f"{hint}: {error.message}".split()))
    where = (
        error.ctx.command_path
        if isinstance(error, UsageError) and error.ctx
        else "imagenet-mistakes"
    )
    return one_line(" ".join(f"{where}: {error.format_message()}".split()))


app = typer.Typer(
    cls=_Commands,
    help="The remaining mistakes of ImageNet classifiers, as one DuckDB file.",
    no_args_is_help=True,
    add_completion=False,
    # Help as plain text: Rich markup would eat `[[file_name, wnid], ...]`.
    rich_markup_mode=None,
)

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
SourceDirOption = Annotated[
    Path | None,
    typer.Option(
        envvar="IMAGENET_MISTAKES_SOURCE_DIR",
        help="Read sources from this local mirror (the layout of ../shared/data) "
        "instead of downloading them.",
        # Checked where a mirror is read, not here: the variable may be set for the
        # commands that read one, and must not fail `add-model --predictions`.
    ),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        envvar="IMAGENET_MISTAKES_CACHE_DIR",
        help="Where downloads are cached [default: the user cache directory].",
        # Checked where a download is cached, as --source-dir is where a mirror is read.
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        "-c",
        help="Comma-separated columns to print, or all [default: the query's headline "
        "columns in a table, every column in CSV and JSON].",
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="Print the first N rows only.")
]
InputFile = Annotated[Path | None, typer.Option(exists=True, dir_okay=False)]


def _database() -> type[Database]:
    """The core, imported when a command needs it."""
    from imagenet_mistakes.database import Database

    return Database


def _open(db: Path, *, write: bool = False) -> Database:
    """The file, its results fetched as the Python rows every command prints (not Arrow)."""
    return _database().open(db, write=write, arrow=False)


@contextlib.contextmanager
def _progress_bar() -> Iterator[Progress]:
    """A bar on stderr for each stage of long work, on a terminal only, gone when it ends, so
    that an error stays one line; elsewhere (a pipe, a log file) silence."""
    if not err.is_terminal:
        yield silent
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn())
    with RichProgress(*columns, TimeElapsedColumn(), console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def report(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        yield report


def _mirror(source_dir: Path | None, db: Path) -> Path | None:
    """--source-dir, or else the mirror the database was built from, while it is there."""
    if source_dir is not None or not db.is_file():
        return source_dir
    with _open(db) as database:
        remembered = database.source_dir()
    return remembered if remembered is not None and remembered.is_dir() else None


def _cache(cache_dir: Path | None) -> Path:
    if cache_dir is not None:
        return cache_dir
    import pooch  # imported here, as sources does: only commands that may download need it

    return Path(pooch.os_cache("imagenet-mistakes"))


def _version(asked: bool) -> None:
    if asked:
        from imagenet_mistakes import __version__

        out.print(f"imagenet-mistakes {__version__}")
        raise typer.Exit()


@app.callback()
def _configure(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    # One plain line per message on stderr, so stdout stays rows only: the package's own
    # progress and warnings, and only the warnings of the libraries below (TFDS logs each
    # step of reading a dataset at INFO).
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s", force=True)
    logging.getLogger("imagenet_mistakes").setLevel(logging.INFO)


@app.command()
def build(
    db: DbOption = DEFAULT_DB,
    source_dir: SourceDirOption = None,
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
    cache_dir: CacheDirOption = None,
) -> None:
    """Build the database from the sources. It replaces any database at --db, keeping its
    models.

    Example: imagenet-mistakes build --source-dir ../shared/data
    """
    # Imported here: the loaders and pyarrow.compute are for `build` alone (0.1 s at every start).
    from imagenet_mistakes.registry import Inputs

    inputs = Inputs(
        source_dir=source_dir,
        cache_dir=_cache(cache_dir),
        multilabel=multilabel,
        tfds_data_dir=tfds_data_dir,
    )
    with _progress_bar() as progress:
        _database().build(db, inputs, progress)


@app.command()
def info(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Show the sources, tables and what is missing. Each source with its provenance, each
    table with its row count.

    Example: imagenet-mistakes info --format json
    """
    with _open(db) as database:
        render_sections(database.info(), fmt, out)


@app.command()
def describe(
    name: Annotated[str | None, typer.Argument(metavar="[NAME]", help="A table or view.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """List the tables and views, or one's columns. Each with what it holds.

    Example: imagenet-mistakes describe leaderboard
    """
    with _open(db) as database:
        _show(database.describe(name), fmt)


@app.command()
def shell(db: DbOption = DEFAULT_DB) -> None:
    """Open the DuckDB CLI on the database, read-only.

    Example: imagenet-mistakes shell
    """
    # Beside this Python first (the duckdb-cli package of its virtual environment, the
    # version the package writes for), then on the PATH.
    duckdb_cli = shutil.which(
        "duckdb", path=os.pathsep.join([str(Path(sys.executable).parent), os.defpath])
    ) or shutil.which("duckdb")
    if duckdb_cli is None:
        raise SourceUnavailable("duckdb: the DuckDB CLI is not installed (pip install duckdb-cli)")
    with _open(db):  # a file of ours, of this schema: refused here otherwise
        pass
    sys.stdout.flush()
    # Absolute: a file named "-x" is not one of the CLI's options.
    os.execv(duckdb_cli, [duckdb_cli, "-readonly", os.path.abspath(db)])


@app.command("add-model")
def add_model(
    name: Annotated[str, typer.Argument(help="Model name: lowercase letters, digits, _ . -")],
    logits: Annotated[
        Path | None,
        typer.Option(
            help="(images, 1000) float logits, .npy or .npz; rows are images in file-name "
            "order unless --order.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    topk: Annotated[
        Path | None,
        typer.Option(
            help="(images, k) integer class ids, best first, .npy or .npz.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    predictions_file: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help=".parquet or .csv with columns file_name, class_id[, rank][, score]; or a "
            "result file of timm's inference.py (.csv, .parquet, .json; --include-index).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    from_paper: Annotated[
        bool,
        typer.Option(
            "--from-paper", help="Fetch the paper's logits for NAME (vit3b or greedy_soups)."
        ),
    ] = False,
    order: Annotated[
        Path | None,
        typer.Option(
            help="Row order of --logits/--topk: a JSON list of file names, the ImageNetV2 "
            '{"image_filenames": [[file_name, wnid], ...]} format, or one file name per line.',
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    array: Annotated[str | None, typer.Option(help="The array to read from a .npz file.")] = None,
    row_order: Annotated[
        RowOrder,
        typer.Option(
            help="Order of the rows of --logits/--topk: by file name, or as folders "
            "val/<wnid>/<file> list them."
        ),
    ] = RowOrder.file_name,
    class_order: Annotated[
        ClassOrder,
        typer.Option(
            help="What the model's output indices mean: sorted wnids (torchvision, TFDS), "
            "the devkit's ILSVRC2012_IDs, or an ImageFolder of folders 0..999."
        ),
    ] = ClassOrder.sorted_wnid,
    background_first: Annotated[
        bool,
        typer.Option(
            "--background-first",
            help="1,001 logits or ids 1..1000: a background class first (TF-slim models).",
        ),
    ] = False,
    allow_low_accuracy: Annotated[
        bool,
        typer.Option(
            "--allow-low-accuracy",
            help="Store a model near chance on the original labels as it is.",
        ),
    ] = False,
    k: Annotated[
        int | None,
        typer.Option(
            "--k",
            help=f"Predictions kept per image from logits [default: {DEFAULT_K}].",
        ),
    ] = None,
    description: Annotated[str | None, typer.Option(help="Free text about the model.")] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a model of the same name.")
    ] = False,
    fmt: FormatOption = Format.table,
    db: DbOption = DEFAULT_DB,
    source_dir: SourceDirOption = None,
    cache_dir: CacheDirOption = None,
) -> None:
    """Add a model's predictions. Prints each metric with its rank among the models on the
    same images.

    Example: imagenet-mistakes add-model my_vit --logits logits.npy
    """
    from imagenet_mistakes import models, predictions, zoo

    models.check_name(name)

    fetched: list[
        LocalFile
    ] = []  # the paper's logits, once fetched: their source is where they came from

    def paper() -> Path:
        mirror = _mirror(source_dir, db)
        fetched.append(zoo.paper_logits(name, source_dir=mirror, cache_dir=_cache(cache_dir)))
        return fetched[0].path

    loaded = predictions.read(
        logits=logits,
        topk=topk,
        table=predictions_file,
        paper=paper if from_paper else None,
        order=order,
        row_order=row_order,
        array=array,
        background_first=background_first,
        k=k,
    )
    source = fetched[0].location if fetched else str(logits or topk or predictions_file)
    with _open(db, write=True) as database:
        summary = database.add_model(
            name,
            loaded,
            source=source,
            description=description,
            replace=replace,
            row_order=row_order,
            class_order=class_order,
            allow_low_accuracy=allow_low_accuracy,
        )
        images = f"{loaded.images} images"
        if loaded.images < NUM_VALIDATION_IMAGES:  # its image_set in the leaderboard says so too
            images = (
                f"{loaded.images} of {NUM_VALIDATION_IMAGES} images (each metric counts these, "
                "and it is ranked only among models on the same images)"
            )
        err.print(f"Added {name}: {images}, top-{loaded.top_k}")
        _show(summary, fmt)


@app.command("add-zoo")
def add_zoo(
    zoo_name: Annotated[
        str, typer.Argument(metavar="ZOO", help="A zoo, e.g. imagenetv2 (a wrong name lists them).")
    ],
    names: Annotated[
        str | None,
        typer.Option("--models", help="Comma-separated model names [default: all]."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace models of the same names.")
    ] = False,
    db: DbOption = DEFAULT_DB,
    source_dir: SourceDirOption = None,
    cache_dir: CacheDirOption = None,
) -> None:
    """Add a model zoo's published predictions. All in one transaction.

    Example: imagenet-mistakes add-zoo imagenetv2 --models resnet50,vgg16
    """
    wanted = None
    if names is not None:
        # Each name once, in the order given.
        wanted = list(dict.fromkeys(n.strip() for n in names.split(",") if n.strip()))
    source_dir = _mirror(source_dir, db)
    with _open(db, write=True) as database, _progress_bar() as progress:
        added = database.add_zoo(
            zoo_name,
            wanted,
            source_dir=source_dir,
            cache_dir=_cache(cache_dir),
            replace=replace,
            progress=progress,
        )
        err.print(f"Added {added} model{'' if added == 1 else 's'} from {zoo_name}")


@app.command()
def report(
    model: str,
    out: Annotated[
        Path | None, typer.Option(help="HTML file to write [default: MODEL.html].", dir_okay=False)
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write an HTML report on a model. One self-contained page: metrics, mistakes,
    confusions, ImageNet-M.

    Example: imagenet-mistakes report resnet50 --out resnet50.html
    """
    from imagenet_mistakes import report as pages  # charting libraries: slow to import

    target = out or Path(f"{model}.html")
    with _open(db) as database:
        pages.write(database, model, target)
    err.print(f"Wrote {target}")


@app.command()
def gallery(
    model: str,
    images: Annotated[
        Path,
        typer.Option(
            help="Your validation images: a folder of ILSVRC2012_val_*.JPEG, class folders "
            "of them (val/<wnid>/), or ILSVRC2012_img_val.tar, read in place.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            help="Folder for the page (MODEL.html) and its thumbnails/, kept for the next gallery.",
            file_okay=False,
        ),
    ] = Path("gallery"),
    compare: Annotated[
        str | None,
        typer.Option(help="Another model: sections for the mistakes it fixes and makes anew."),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(help="Only mistakes the paper or the rules put in this category."),
    ] = None,
    factor: Annotated[
        str | None, typer.Option(help="Only mistakes whose image shows this ImageNet-X factor.")
    ] = None,
    only_found: Annotated[
        bool,
        typer.Option(
            "--only-found", help="Only mistakes whose image is among --images (a partial copy)."
        ),
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write an HTML gallery of a model's mistakes. Offline, on your own copy of the images.

    Example: imagenet-mistakes gallery resnet50 --images ~/data/imagenet/val
    """
    from imagenet_mistakes import gallery as pages  # Pillow: only the gallery needs it

    with _open(db) as database:
        written = pages.write(
            database,
            model,
            images,
            out,
            compare=compare,
            category=category,
            factor=factor,
            only_found=only_found,
        )
    err.print(f"Wrote {written.page} ({written.cards} mistakes)", soft_wrap=True)


class LakeFormat(StrEnum):
    parquet = "parquet"


@app.command()
def export(
    out: Annotated[Path, typer.Argument(metavar="DIR", help="New directory to write.")],
    fmt: Annotated[LakeFormat, typer.Option("--format", help="File format.")] = LakeFormat.parquet,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace DIR if it is an earlier export (never anything else)."
        ),
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export a Parquet lake. Every table as Parquet and every view as Spark SQL, into a new
    directory.

    Example: imagenet-mistakes export lake --format parquet
    """
    with _open(db) as database:
        database.export(out, replace=force)
    err.print(f"Wrote {out} ({fmt.value})")


@app.command()
def publish(
    url: Annotated[
        str,
        typer.Argument(
            help="postgresql://USER@HOST:PORT/DATABASE, or libpq's key=value pairs; a "
            "password is better kept in PGPASSWORD or a passfile. Never shown.",
        ),
    ],
    schema: Annotated[str, typer.Option(help="Schema to (re)place the copy in.")] = (
        "imagenet_mistakes"
    ),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Copy every table and view into PostgreSQL. It replaces the copy it published before
    in that schema, and nothing else.

    Example: imagenet-mistakes publish postgresql://me@localhost:5432/research
    """
    with _open(db) as database:
        target = database.publish(url, schema)
    err.print(f"Published {db} to schema {schema} of {target}", soft_wrap=True)


@app.command("models")
def list_models(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """List the models. Each with its source, k and number of images.

    Example: imagenet-mistakes models --format csv
    """
    with _open(db) as database:
        _show(database.models(), fmt)


@app.command("remove-model")
def remove_model(name: str, db: DbOption = DEFAULT_DB) -> None:
    """Remove a model and its predictions.

    Example: imagenet-mistakes remove-model my_vit
    """
    with _open(db, write=True) as database:
        database.remove_model(name)
        err.print(f"Removed {name}")


@app.command()
def queries(fmt: FormatOption = Format.table) -> None:
    """List the named queries with their parameters.

    Example: imagenet-mistakes queries
    """
    rows = [
        (q.name, q.description, ", ".join(q.usage) or "none") for q in named_queries.catalogue()
    ]
    render(["query", "description", "parameters (-p)"], rows, fmt, out)


@app.command()
def query(
    name: str,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as key=value; repeat for more."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    columns: ColumnsOption = None,
    limit: LimitOption = None,
) -> None:
    """Run a named query (see `queries`), read-only.

    Example: imagenet-mistakes query model_summary -p model=resnet50 --format markdown
    """
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        if key in params:
            raise BadArgument(f"-p {key}: given twice ({params[key]!r}, then {value!r})")
        params[key] = value
    with _open(db) as database:
        result = database.query(name, params, _columns(columns))
    _show(result, fmt, columns, limit)


@app.command()
def sql(
    statement: Annotated[str, typer.Argument(metavar="SQL")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    columns: ColumnsOption = None,
    limit: LimitOption = None,
) -> None:
    """Run ad hoc SQL on a read-only connection.

    Example: imagenet-mistakes sql "select model, mla from leaderboard order by mla desc limit 5"
    """
    with _open(db) as database:
        result = database.sql(statement, _columns(columns))
    _show(result, fmt, columns, limit)


def _columns(given: str | None) -> list[str] | None:
    """--columns as names, each once in the order given; None for all (or not given)."""
    if given is None:
        return None
    names = list(dict.fromkeys(c.strip() for c in given.split(",")))
    return None if names == ["all"] else names


# The lines of a table beside its rows: header, rule, and the prompt after it.
_TABLE_FRAME = 3


def _show(
    result: Result, fmt: Format, columns: str | None = None, limit: int | None = None
) -> None:
    """Print a result: the columns asked for, else a table's headline columns, else all;
    the first `limit` rows, saying on stderr how many more there are."""
    for note in result.notes:
        err.print(note)
    chosen = _columns(columns)
    if columns is None and fmt.for_people and result.headline:
        chosen = list(result.headline)
    rows = result.rows
    render(result.columns, rows[:limit], fmt, out, chosen=chosen)
    # A hint for a person at a terminal, not for a script reading the table.
    if fmt is Format.table and columns is None and chosen is not None and out.is_terminal:
        err.print(f"{len(chosen)} of {len(result.columns)} columns; --columns all shows every one")
    if limit is not None and len(rows) > limit:
        err.print(f"{len(rows) - limit:,} more rows: raise --limit to see them")
    elif fmt is Format.table and out.is_terminal and len(rows) + _TABLE_FRAME > out.height:
        # The first rows have scrolled out of sight: say so where the eye ends up.
        err.print(
            f"{len(rows):,} rows, more than the terminal's {out.height} lines show: "
            f"--limit {max(out.height - _TABLE_FRAME, 1)} prints the first, or pipe into less -S"
        )
