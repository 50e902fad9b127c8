"""`Database`: everything the command line does, for Python code and notebooks.

    from imagenet_mistakes import Database, Predictions

    with Database.open("imagenet_mistakes.duckdb", write=True) as db:
        db.add_model("my_vit", Predictions.from_logits(logits))
        db.query("leaderboard").to_pandas()

It owns one DuckDB connection. Every method runs inside the boundary
(`boundary.guarded`), which turns every error from below (DuckDB, the file
system, JSON decoding, Ctrl-C) into the typed errors of `errors.py`, so the
Python API and the CLI fail alike.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import duckdb

from imagenet_mistakes import arguments, named_queries, reads, storage
from imagenet_mistakes.boundary import first_line, guarded, is_damage
from imagenet_mistakes.choices import ClassOrder, RowOrder
from imagenet_mistakes.errors import (
    BadArgument,
    QueryError,
    SourceUnavailable,
    shown,
)
from imagenet_mistakes.progress import Progress, silent

if TYPE_CHECKING:
    import pyarrow as pa

    from imagenet_mistakes.predictions import Predictions
    from imagenet_mistakes.registry import Inputs

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Result:
    """Rows a query returned: `rows` to print, `to_arrow()` and `to_pandas()` for notebooks.

    Fetched as Arrow (columnar, DuckDB's exact types: what a notebook wants)
    or, from a Database opened with `arrow=False`, as Python rows (what a
    printer wants: fetching them skips loading Arrow and NumPy, 0.15 s of a
    command's start-up); either form gives the other when asked.

    `notes` say why rows are missing that a user would expect: "ImageNet-M
    list: not available from ..." for a query that needs it.
    """

    columns: list[str]
    # DuckDB's names of the columns' types, e.g. 'STRUCT("class" VARCHAR, score DOUBLE)[]'.
    types: list[str]
    fetched: pa.Table | list[tuple[Any, ...]]
    notes: tuple[str, ...] = ()
    # The columns a table for people shows unless asked for others (a named query's
    # `-- Shows:` line); None: all.
    headline: tuple[str, ...] | None = None

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        if isinstance(self.fetched, list):
            return self.fetched
        return list(zip(*(column.to_pylist() for column in self.fetched.columns), strict=True))

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def has_values(self, column: str) -> bool:
        """Whether any row holds a value (not NULL) in `column`."""
        if isinstance(self.fetched, list):
            at = self.columns.index(column)
            return any(row[at] is not None for row in self.fetched)
        values = self.fetched.column(column)
        return bool(values.null_count < len(values))

    def to_arrow(self) -> pa.Table:
        if not isinstance(self.fetched, list):
            return self.fetched
        import pyarrow as pa

        if not self.columns:  # a statement that returned nothing
            return pa.table({})
        schema = _arrow_schema(self.columns, self.types)
        values = [[row[i] for row in self.fetched] for i in range(len(self.columns))]
        return pa.Table.from_arrays(
            [pa.array(v, type) for v, type in zip(values, schema.types, strict=True)],
            schema=schema,
        )

    def to_pandas(self) -> Any:
        return self.to_arrow().to_pandas()


def _arrow_schema(columns: list[str], types: list[str]) -> pa.Schema:
    """The Arrow schema DuckDB gives columns of these types, asked of an empty result."""
    casts = ", ".join(f"NULL::{type} AS c{i}" for i, type in enumerate(types))
    with duckdb.connect() as con:
        empty = con.sql(f"SELECT {casts} LIMIT 0").to_arrow_table()
    return empty.rename_columns(columns).schema


def unique_names(columns: Sequence[str]) -> list[str]:
    """Column names, the second of two alike called c_2, as pandas' readers do: two columns
    of one name (`select 1 as c, 2 as c`) would lose one in records and JSON."""
    seen: dict[str, int] = {}
    names = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


def _select(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    values: dict[str, Any],
    columns: Sequence[str] | None = None,
    *,
    arrow: bool,
) -> Result:
    """Run a query, fetching Arrow or Python rows; `columns` (ones the caller will show) are
    checked against the result's once DuckDB has bound it, before it runs."""
    try:
        relation = con.sql(sql, params=values)
        if relation is None:  # a statement that returns nothing
            return Result([], [], [])
        names = unique_names(relation.columns)
        if columns is not None:
            _check_columns(columns, names)
        types = [str(type) for type in relation.types]
        if not arrow:
            return Result(names, types, relation.fetchall())
        # DuckDB 2 renamed arrow() to to_arrow_table(); 1.4 has only the old name.
        name = "to_arrow_table" if hasattr(relation, "to_arrow_table") else "arrow"
        return Result(names, types, getattr(relation, name)().rename_columns(names))
    except duckdb.Error as e:
        if is_damage(e):  # the file's fault, not the query's: the boundary names it
            raise
        raise QueryError(first_line(e)) from e


def _check_columns(chosen: Sequence[str], columns: Sequence[str]) -> None:
    """Refuse a chosen column the result lacks, naming the closest it has."""
    for name in chosen:
        if name not in columns:
            raise BadArgument.not_among(
                f"--columns {shown(name)}", name, columns, "a column of this result"
            )


def translated(
    method: Callable[Concatenate[Database, P], R],
) -> Callable[Concatenate[Database, P], R]:
    """Run a `Database` method with its arguments checked against their annotations and
    every lower-level error turned into one of ours."""

    with_checked_arguments = arguments.checked(method)

    def run(self: Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with guarded(self.path, self.committed):
            return with_checked_arguments(self, *args, **kwargs)

    functools.update_wrapper(run, method)
    return run


class Database:
    """An open imagenet-mistakes database file; use `Database.open` (a context manager)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, path: Path, *, write: bool, arrow: bool
    ) -> None:
        self.con = con
        self.path = path
        self.write = write
        self.arrow = arrow
        # What this Database has committed, in order: written by the transaction, read by
        # the boundary to say truthfully what a Ctrl-C left.
        self.committed: list[str] = []

    @classmethod
    @arguments.checked
    def open(
        cls, path: str | os.PathLike[str], *, write: bool = False, arrow: bool = True
    ) -> Database:
        """Open a database `build` wrote; read-only unless `write`. Results come as Arrow
        unless `arrow` is False (see `Result`).

        Refuses a file of another schema version (rebuild it) or one this
        package did not build. Waits up to 5 s for another process's lock.
        """
        where = Path(path)
        with guarded(where):
            # A reader reads through the sandbox the users' SQL runs in: one DuckDB
            # instance for `sql`, not two (0.04 s of its start-up).
            con = (
                storage.connect(where, read_only=False)
                if write
                else storage.connect_sandboxed(where)
            )
            try:
                storage.check_version(con, where)
            except BaseException:
                con.close()
                raise
            return cls(con, where, write=write, arrow=arrow)

    @staticmethod
    @arguments.checked
    def build(path: str | os.PathLike[str], inputs: Inputs, progress: Progress = silent) -> None:
        """Build the database at `path` from the sources (`registry.Inputs`), keeping its models;
        `progress` hears how far it has got."""
        # Imported here: the loaders are for `build` alone (0.1 s at every start).
        from imagenet_mistakes import build

        where = Path(path)
        committed: list[str] = []  # a Ctrl-C once the new file is in place says so
        with guarded(where, committed):
            build.build(where, inputs, progress, committed)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the file. A Ctrl-C in the block (a summary being printed) or while closing,
        after a change was committed, says that it was made."""
        with guarded(self.path, self.committed, since=0):
            self.close()
            if isinstance(error, KeyboardInterrupt):
                raise error

    # Reading

    @translated
    def query(
        self,
        name: str,
        params: dict[str, str] | None = None,
        columns: Sequence[str] | None = None,
    ) -> Result:
        """Run a named query (`queries/<name>.sql`) with its parameters bound; `columns`, the
        ones the caller will show, are refused before it runs when it has not each."""
        named = named_queries.get(name)
        values = named_queries.bind(named, params or {}, lambda: reads.parameter_choices(self.con))
        if name == "integrity":
            checked = values["model"] or "all"
            if checked == "all":
                # Its checks read what they need, and damage can hide elsewhere; reading the
                # whole file takes as long as the file is big, so checking a model skips it.
                storage.read_every_block(self.con)
            else:
                # A zoo as its models' names: the query filters on a constant list, which
                # DuckDB takes into the live views' scans (a join it applies too late).
                values["model"] = ",".join(reads.models_among(self.con, checked))
        result = _select(self.con, named.sql, values, columns, arrow=self.arrow)
        lacking = reads.missing(self.con)
        notes = tuple(
            f"{need}: {lacking[need]}; query {name} has no rows without it"
            for need in named.needs
            if need in lacking
        )
        headline = None
        if named.shows is not None:
            headline = tuple(
                c for c in named.shows if c not in named.shows_when_any or result.has_values(c)
            )
        return dataclasses.replace(result, notes=notes, headline=headline)

    @translated
    def sql(self, statement: str, columns: Sequence[str] | None = None) -> Result:
        """Run ad hoc SQL in a sandbox; DuckDB's complaint about it is a `QueryError`.

        The sandbox (storage.connect_sandboxed) reads the file and nothing
        else: no writes, no other file, no extension, no ATTACH, COPY TO,
        EXPORT or SET. The statement runs on a connection of its own, so what
        it makes (a temporary view, a USE) is gone when it ends. A Database
        opened for writing is not sandboxed: open the file read-only for SQL.
        """
        if not statement.strip():
            raise BadArgument("SQL: empty; give a statement, e.g. 'select * from leaderboard'")
        if self.write:
            raise BadArgument(
                f"{self.path}: opened for writing; open it read-only to run SQL in its sandbox"
            )
        with storage.own_cursor(self.con) as con:
            return _select(con, statement, {}, columns, arrow=self.arrow)

    @translated
    def leaderboard(self) -> Result:
        """Every model's metrics, best multi-label accuracy first."""
        return self.query("leaderboard")

    @translated
    def models(self) -> Result:
        """The models with their source, k and image count."""
        return self.query("models")

    @translated
    def describe(self, name: str | None = None) -> Result:
        """Every table and view with what it holds; given a name, its columns."""
        if name is None:
            return self.query("objects")
        named_queries.check(
            f"NAME {shown(name)}", "object", name, reads.parameter_choices(self.con)
        )
        return self.query("object_columns", {"object": name})

    @translated
    def source_dir(self) -> Path | None:
        """The local mirror `build` read the sources from, or None when it downloaded them."""
        found = reads.source_dir(self.con)
        return Path(found) if found else None

    @translated
    def info(self) -> list[reads.Section]:
        """Sources, tables, the build's notes and what the database lacks, as titled tables."""
        return reads.summary(self.con)

    @translated
    def model_kinds(self, name: str, option: str = "MODEL") -> frozenset[str]:
        """What `name` is: a model of this database, with predictions, one of the paper's
        categorised models (`named_queries.MODEL_KINDS`). A name that is no model is
        refused, as `<option> 'name': not a model...; did you mean ...`."""
        choices = reads.parameter_choices(self.con)
        named_queries.check(f"{option} {shown(name)}", "model", name, choices)
        return frozenset(k for k in named_queries.MODEL_KINDS if name in choices.get(k, []))

    @translated
    def model_names(self) -> list[str]:
        """The models with predictions, by name."""
        return reads.model_names(self.con)

    @translated
    def metric_aggregates(self) -> dict[str, str]:
        """How each metric aggregates (image, class or count), by metric id."""
        return reads.metric_aggregates(self.con)

    @translated
    def confidence_level(self) -> float:
        """The level of every interval the file's views give (data/intervals.toml)."""
        return reads.confidence_level(self.con)

    @translated
    def scored_top1(self, model: str) -> dict[int, str | None]:
        """Each image the analysed label set scores that `model` predicted, with the name of
        its top-1 (None for a paper model known only from its mistakes)."""
        return reads.scored_top1(self.con, model)

    # Writing: each change is one transaction.

    @translated
    def add_model(
        self,
        name: str,
        predictions: Predictions,
        *,
        source: str = "python",
        description: str | None = None,
        replace: bool = False,
        row_order: RowOrder = RowOrder.file_name,
        class_order: ClassOrder = ClassOrder.sorted_wnid,
        allow_low_accuracy: bool = False,
    ) -> Result:
        """Add one model's predictions; return its metrics with their ranks (`model_summary`).

        `row_order` and `class_order` undo a mix-up of rows or class ids. A
        model near chance on the original labels is refused, naming the
        mix-up that explains it, unless `allow_low_accuracy`.
        """
        from imagenet_mistakes import doctor, models  # NumPy and Arrow's compute: adding only

        self._writable()
        predictions = doctor.fixed(self.con, predictions, row_order, class_order)
        if not allow_low_accuracy:
            doctor.check(self.con, predictions, source)
        with storage.transaction(self.con, self.path, f"{name} was added", self.committed):
            models.add(self.con, [(name, predictions, source, description)], replace=replace)
        return self.query("model_summary", {"model": name})

    @translated
    def add_models(
        self, batch: Iterable[tuple[str, Predictions, str, str | None]], *, replace: bool = False
    ) -> int:
        """Add (name, predictions, source, description) models in one transaction."""
        from imagenet_mistakes import models

        self._writable()
        with storage.transaction(
            self.con, self.path, "the models given were added", self.committed
        ):
            return models.add(self.con, batch, replace=replace)

    @translated
    def add_zoo(
        self,
        zoo: str,
        names: list[str] | None = None,
        *,
        cache_dir: str | os.PathLike[str],
        source_dir: str | os.PathLike[str] | None = None,
        replace: bool = False,
        progress: Progress = silent,
    ) -> int:
        """Add the models of a zoo of `data/zoos.toml` (all, or those named) in one
        transaction, each marked with the zoo; return how many. Their files are read from
        `source_dir` (a mirror) if given, else downloaded into `cache_dir`."""
        from imagenet_mistakes import models
        from imagenet_mistakes import zoo as zoos

        self._writable()
        mirror = Path(source_dir) if source_dir is not None else None
        loaded = zoos.batch(zoo, names, source_dir=mirror, cache_dir=Path(cache_dir))
        total = len(names) if names is not None else len(zoos.sources(zoo))

        def counted() -> Iterator[tuple[str, Predictions, str, str | None]]:
            for done, model in enumerate(loaded):
                progress(f"Models of {zoo}", done, total)
                yield model

        with storage.transaction(
            self.con, self.path, f"the models of {zoo} given were added", self.committed
        ):
            return models.add(self.con, counted(), replace=replace, zoo=zoo)

    @translated
    def remove_model(self, name: str) -> None:
        from imagenet_mistakes import models

        self._writable()
        models.check_removable(self.con, name)
        with storage.transaction(self.con, self.path, f"{name} was removed", self.committed):
            models.remove(self.con, name)

    def _writable(self) -> None:
        if not self.write:
            raise BadArgument(f"{self.path}: opened read-only; open it with write=True")

    @contextlib.contextmanager
    def _unsandboxed(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that may write files and load extensions: a reader's own is
        sandboxed, so it opens the file again."""
        if self.write:
            yield self.con
            return
        con = storage.connect(self.path, read_only=True)
        try:
            yield con
        finally:
            con.close()

    # Writing elsewhere: files and other databases (the report and the gallery are
    # written by report.write and gallery.write, which read through these methods).

    @translated
    def export(self, out: str | os.PathLike[str], *, replace: bool = False) -> None:
        """Write every table as Parquet and every view as Spark SQL into the new directory `out`;
        with `replace`, `out` may be an earlier export, which is replaced whole."""
        from imagenet_mistakes import export  # sqlglot: slow to import

        with self._unsandboxed() as con:
            export.export(con, Path(out), replace=replace)

    @translated
    def publish(self, url: str, schema: str = "imagenet_mistakes") -> str:
        """Copy every table and view into `schema` of the PostgreSQL database at `url` (a URL
        or key=value pairs); return the target as it may be shown, without a password."""
        try:
            from imagenet_mistakes import publish
        except ImportError as e:
            raise SourceUnavailable(
                "publish needs psycopg: pip install 'imagenet-mistakes[postgres]'"
            ) from e
        with self._unsandboxed() as con:
            return publish.publish(con, url, schema)
