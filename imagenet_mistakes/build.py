"""`build`: load every source, write a new database file, and put it in place keeping the
models of the old one.

The sources are read and checked first (`registry.load_all`), the file is
written beside the target (`replace.new_file`), and it replaces the target
only once complete, the old file's models carried over (`replace.keeping_models`,
`carry_over.models`): an interrupted or failed build leaves the target untouched.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from imagenet_mistakes import (
    eth_collapsed_classes,
    label_sets,
    metrics,
    published_precision,
    registry,
    replace,
    schema,
    storage,
    variants,
)
from imagenet_mistakes.boundary import first_line
from imagenet_mistakes.errors import BadArgument
from imagenet_mistakes.progress import Progress, silent
from imagenet_mistakes.registry import Inputs, Loaded
from imagenet_mistakes.sources import check_user_file

log = logging.getLogger(__name__)


def build(
    db: Path, inputs: Inputs, progress: Progress = silent, committed: list[str] | None = None
) -> None:
    """Build the database at `db` from the sources; replace any database there, keeping its models.

    Through a symbolic link, the file it points to is replaced and the link kept.
    `committed` hears when the new file is in place (`boundary.guarded`'s ledger).
    """
    db = Path(os.path.realpath(db))
    _build(db, inputs, progress, [] if committed is None else committed)
    log.info("wrote %s", db)


def _build(db: Path, inputs: Inputs, progress: Progress, committed: list[str]) -> None:
    storage.check_replaceable(db)
    if inputs.multilabel is not None:  # before anything is downloaded
        check_user_file(inputs.multilabel)
    replace.remove_stale_temporaries(db)
    replace.remove_orphan_log(db)
    loaded, image_flags = registry.load_all(inputs, progress)
    with replace.new_file(db) as tmp:
        try:
            con = storage.create(tmp)
        except duckdb.IOException as e:
            raise BadArgument(f"{db.parent}: cannot write there ({first_line(e)})") from e
        try:
            schema.apply(con)
            con.begin()
            _write(con, loaded, image_flags)
            storage.record_version(con, inputs.source_dir)
            con.commit()
            con.execute("CHECKPOINT")
        finally:
            con.close()
        replace.keeping_models(db, tmp, progress, committed)


def _write(con: duckdb.DuckDBPyConnection, loaded: list[Loaded], image_flags: pa.Table) -> None:
    """Insert the provenance rows, the label sets and metrics, every loaded table, then the
    per-image flags and ETH's collapsed classes (which name classes, so come after them).

    Tables are written in the order the schema creates them (parents before
    children, so foreign keys hold at every insert); a loader's table the
    schema does not have is an error, never dropped.
    """
    loaded_at = datetime.now(UTC)
    storage.append(
        con, "sources", pa.Table.from_pylist([_source_row(item, loaded_at) for item in loaded])
    )
    used = {item.file.source.id for item in loaded}
    storage.append(
        con,
        "label_sets",
        pa.Table.from_pylist(
            [
                {
                    "label_set": label_set.name,
                    "description": label_set.description,
                    "source": next(s for s in label_set.sources if s in used),
                    "scope": label_set.scope,
                    "analysed": label_set.analysed,
                    "combines": list(label_set.combines) or None,
                }
                for label_set in label_sets.definitions()
            ]
        ),
    )
    storage.append(con, "metrics", metric_rows())
    storage.append(con, "published_precision", pa.Table.from_pylist(published_precision.rows()))
    storage.append(con, "imagenet_variants", pa.Table.from_pylist(variants.rows()))
    order = schema.tables()
    produced = {table for item in loaded for table in item.tables}
    unknown = sorted(produced - set(order))
    if unknown:
        raise RuntimeError(f"loaders produced {unknown}, which the schema has no table for")
    for table in order:
        for item in loaded:
            if table in item.tables:
                storage.append(con, table, item.tables[table])
    storage.append(con, "image_flags", image_flags)
    storage.append(con, "eth_collapsed_classes", eth_collapsed_classes.rows())
    storage.run_script(con, "store_image_scope", {})
    storage.run_script(con, "store_paper_results", {})
    # The rules' verdicts on the paper's models' mistakes, those the manifest loads.
    paper_models = sorted({item.file.source.model for item in loaded if item.file.source.model})
    storage.run_script(con, "store_mistake_verdicts", {"models": paper_models})


def metric_rows() -> pa.Table:
    """The `metrics` table: data/metrics.toml with each metric's display position."""
    return pa.Table.from_pylist(
        [{"position": i, **asdict(m)} for i, m in enumerate(metrics.definitions(), start=1)]
    )


def _source_row(item: Loaded, loaded_at: datetime) -> dict[str, object]:
    file = item.file
    return {
        "source_id": file.source.id,
        "description": file.source.description,
        "location": file.location,
        "origin": file.origin,
        "sha256": file.sha256,
        "sha256_matches": file.sha256_matches,
        "licence": file.source.licence,
        "citation": file.source.citation,
        "rows": sum(t.num_rows for t in item.tables.values()),
        "note": item.note,
        "loaded_at": loaded_at,
    }
