"""`export`: the database as a Parquet lake any engine can read, with the views for Spark SQL.

Layout of the directory written:
    tables/<table>.parquet               one file per table
    tables/predictions/model=<m>/*.parquet   predictions, Hive-partitioned by model
    views/<view>.sql                     each view as a Spark SQL temporary view
    views/order.txt                      the order to create them in
    README.md                            how to register all of it
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from imagenet_mistakes import licences, reads, storage, views
from imagenet_mistakes.errors import BadArgument

PARTITIONED = {"predictions": "model"}


def export(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """Write the lake to `out`, a directory that must not exist yet.

    Written beside it first and renamed into place, so `out` is either complete or absent.
    Its parent directory must exist.
    """
    if out.exists() or out.is_symlink():
        raise BadArgument(f"{out}: already exists; export into a new directory")
    spark_views = [(view.name, view.select_sql("spark")) for view in views.definitions()]
    with storage.written_atomically(out) as tmp:
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


def _licences(con: duckdb.DuckDBPyConnection) -> str:
    """The README's closing section: what may be used how, from the sources' licences."""
    note = licences.non_commercial_note(con)
    restricted = f"{note}\n\n" if note else ""
    return (
        "\n## Licences\n\n"
        f"{restricted}Every source's licence and citation: `tables/sources.parquet`.\n"
    )
