"""`export`: the database as a Parquet lake any engine can read, with the views for Spark SQL.

Layout of the directory written:
    tables/<table>.parquet               one file per table
    tables/predictions/model=<m>/*.parquet   predictions, Hive-partitioned by model
    views/<view>.sql                     each view as a Spark SQL temporary view
    views/order.txt                      the order to create them in
    README.md                            how to register all of it
    .imagenet-mistakes-lake              marks it as an export, which --force may replace
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from imagenet_mistakes import __version__, licences, reads, storage, views
from imagenet_mistakes.errors import BadArgument, shown

PARTITIONED = {"predictions": "model"}
MARK = ".imagenet-mistakes-lake"
# What an export holds: --force replaces a directory holding nothing else.
LAYOUT = {"tables", "views", "README.md", MARK}


def export(con: duckdb.DuckDBPyConnection, out: Path, *, replace: bool = False) -> None:
    """Write the lake to `out`, a directory that must not exist yet, or with `replace` an
    earlier export (or an empty directory), which is replaced whole.

    Written beside it first and renamed into place, so `out` is either complete or as it
    was. Its parent directory must exist. A directory holding anything an export does not
    is never replaced: it may be the user's.
    """
    if out.exists() or out.is_symlink():
        if not replace:
            raise BadArgument(
                f"{out}: already exists; export into a new directory, or --force to "
                "replace an earlier export"
            )
        _check_replaceable(out)
    with storage.written_atomically(out, replace_directory=replace) as tmp:
        _write(con, tmp)


def _check_replaceable(out: Path) -> None:
    if out.is_symlink() or not out.is_dir():
        what = "a symbolic link" if out.is_symlink() else "not a directory"
        raise BadArgument(f"{out}: {what}; --force replaces only an earlier export")
    if Path.cwd().resolve().is_relative_to(out.resolve()):
        raise BadArgument(f"{out}: holds the current directory; run export from elsewhere")
    found = {entry.name for entry in out.iterdir()}
    foreign = sorted(found - LAYOUT)
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise BadArgument(
            f"{out}: holds {', '.join(map(shown, foreign[:3]))}{more}, which export did not "
            "write; --force replaces only an earlier export"
        )
    if found and MARK not in found:
        raise BadArgument(f"{out}: not an earlier export (no {MARK}); --force replaces only those")


def _write(con: duckdb.DuckDBPyConnection, tmp: Path) -> None:
    spark_views = [(view.name, view.select_sql("spark")) for view in views.definitions()]
    (tmp / "tables").mkdir(parents=True)
    (tmp / "views").mkdir()
    for table in reads.table_names(con):
        relation = con.table(table)
        if table in PARTITIONED:
            key = PARTITIONED[table]
            relation.order(key).write_parquet(str(tmp / "tables" / table), partition_by=[key])
        else:
            relation.write_parquet(str(tmp / "tables" / f"{table}.parquet"))
    for name, select in spark_views:
        (tmp / "views" / f"{name}.sql").write_text(
            f"CREATE OR REPLACE TEMPORARY VIEW {name} AS\n{select}\n"
        )
    (tmp / "views" / "order.txt").write_text("".join(f"{n}\n" for n, _ in spark_views))
    readme = resources.files("imagenet_mistakes") / "templates" / "lake_readme.md"
    (tmp / "README.md").write_text(readme.read_text() + _licences(con))
    (tmp / MARK).write_text(f"Written by imagenet-mistakes {__version__}\n")


def _licences(con: duckdb.DuckDBPyConnection) -> str:
    """The README's closing section: what may be used how, from the sources' licences."""
    restricted = "".join(f"{note}\n\n" for note in licences.notes(con))
    return (
        "\n## Licences\n\n"
        f"{restricted}Every source's licence and citation: `tables/sources.parquet`.\n"
    )
