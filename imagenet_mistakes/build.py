"""`build`: fetch every source, load it, and write a new database file atomically.

The database is written to a temporary file beside the target and renamed
over it only once complete, so an interrupted or failed build leaves whatever
was at the target untouched.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes import database, named_queries
from imagenet_mistakes.errors import BadArgument, DatabaseError, SourceUnavailable
from imagenet_mistakes.loaders import (
    classes,
    cleanlab,
    confusions,
    human_accuracy,
    mistakes,
    real,
    tfds_dump,
    tfds_label_files,
    tfds_prepared,
    wordnet,
)
from imagenet_mistakes.loaders.labels import MultiLabels
from imagenet_mistakes.sources import LocalFile, Source, fetch, manifest, user_file

log = logging.getLogger(__name__)

NO_IMAGENET_M = "ImageNet-M list: not available from the multi-label source used"


@dataclass(frozen=True)
class Loaded:
    """Rows read from one source (each source is loaded once), with its note for `info`."""

    file: LocalFile
    tables: dict[str, pa.Table]
    note: str | None = None
    # (name, description) when the source is a labelling of the images.
    label_set: tuple[str, str] | None = None


@dataclass(frozen=True)
class Inputs:
    """Where sources are read from for one build."""

    source_dir: Path | None
    cache_dir: Path
    multilabel: Path | None = None
    tfds_data_dir: Path | None = None

    def fetch(self, source: Source) -> LocalFile:
        return fetch(source, source_dir=self.source_dir, cache_dir=self.cache_dir)


def build(db: Path, inputs: Inputs) -> None:
    """Build the database at `db` from the sources; replace any database there."""
    database.check_replaceable(db)
    _remove_stale_temporaries(db)
    _apply_write_ahead_log(db)
    loaded, image_flags = load_all(inputs)
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    with _removed_on_failure(tmp):
        try:
            con = database.create(tmp)
        except duckdb.IOException as e:
            raise BadArgument(
                f"{db.parent}: cannot write a database there ({database.first_line(e)})"
            ) from e
        try:
            database.apply_schema(con)
            con.begin()
            _write(con, loaded, image_flags)
            con.commit()
            if db.exists():
                _carry_over_models(con, db)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db)
    log.info("wrote %s", db)


def load_all(inputs: Inputs) -> tuple[list[Loaded], pa.Table]:
    """Fetch, parse and validate every source before anything is written.

    Returns what each source gave, and the per-image flags derived from several.
    """
    sources = manifest()
    class_file = inputs.fetch(sources["classes"])
    class_rows = classes.load(class_file.path)
    wnids: list[str] = class_rows["wnid"].to_pylist()
    class_ids = {wnid: i for i, wnid in enumerate(wnids)}

    wnid_file = inputs.fetch(sources["class_wnids"])
    tfds_label_files.check_class_order(wnid_file.path, wnids)
    validation_file = inputs.fetch(sources["validation_labels"])
    images = tfds_label_files.load_images(validation_file.path, class_ids)
    original = tfds_label_files.original_labels(images)

    multi_file, multi, multi_note = _multilabel(sources, inputs, class_ids)
    real_file = inputs.fetch(sources["real"])
    real_labels = real.load(real_file.path)

    loaded = [
        Loaded(class_file, {"classes": class_rows}),
        Loaded(wnid_file, {}, "checked: same class order as classes"),
        Loaded(
            validation_file,
            {"images": images, "image_labels": original},
            label_set=(
                tfds_label_files.LABEL_SET,
                "Original ImageNet validation labels, one class per image",
            ),
        ),
        Loaded(
            multi_file,
            {"image_labels": multi.labels},
            multi_note,
            label_set=(
                human_accuracy.LABEL_SET,
                "Multi-label annotations v3.0.0 (Shankar et al. 2020, Vasudevan et al. 2022): "
                "correct, unclear and wrong classes of 20,000 images",
            ),
        ),
        Loaded(
            real_file,
            {"image_labels": real_labels.labels},
            label_set=(
                real.LABEL_SET,
                "ReaL labels (Beyer et al. 2020): classes raters found correct",
            ),
        ),
    ]
    for source in sources.values():
        if source.model is not None:
            local = inputs.fetch(source)
            loaded.append(Loaded(local, {"mistakes": mistakes.load(local.path, source.model)}))
    confusion_file = inputs.fetch(sources["class_confusions"])
    pairs = confusions.load(confusion_file.path, confusion_file.source.id, class_ids)
    loaded.append(Loaded(confusion_file, {"confusions": pairs}))

    edges_file = inputs.fetch(sources["wordnet_hierarchy"])
    names_file = inputs.fetch(sources["wordnet_names"])
    nodes, edges = wordnet.load(edges_file.path, names_file.path, class_ids)
    loaded.append(Loaded(edges_file, {"hierarchy_nodes": nodes, "hierarchy_edges": edges}))
    loaded.append(Loaded(names_file, {}, "names of the hierarchy nodes"))

    votes_file = inputs.fetch(sources["cleanlab_mturk"])
    numbers, labels = images["image_number"].to_pylist(), images["label"].to_pylist()
    cleanlab_labels = cleanlab.load(votes_file.path, dict(zip(numbers, labels, strict=True)))
    loaded.append(
        Loaded(
            votes_file,
            {"image_labels": cleanlab_labels},
            label_set=(
                cleanlab.LABEL_SET,
                "cleanlab's crowd-verified label errors (Northcutt et al. 2021): majority votes "
                "of 5 workers on the given and a guessed label of 5,440 candidate images",
            ),
        )
    )
    return loaded, _image_flags(images, multi, real_labels.excluded)


def _multilabel(
    sources: dict[str, Source], inputs: Inputs, class_ids: dict[str, int]
) -> tuple[LocalFile, MultiLabels, str | None]:
    """The multi-label v3 annotations from the best source available, and a note on what it lacks.

    Order: --multilabel or --tfds-data-dir, then the canonical file (mirror,
    or cache and download), then the public TFDS dump, which has no
    ImageNet-M list.
    """
    canonical = sources["human_accuracy_v3"]
    note = None
    if inputs.tfds_data_dir is not None:
        local = user_file(
            sources["tfds_multilabel_prepared"], tfds_prepared.dataset_info(inputs.tfds_data_dir)
        )
        note = "given with --tfds-data-dir"
        multi = tfds_prepared.load(inputs.tfds_data_dir, list(class_ids))
    elif inputs.multilabel is not None:
        local = user_file(canonical, inputs.multilabel)
        note = "given with --multilabel"
        multi = human_accuracy.load(local.path, class_ids)
    else:
        try:
            local = inputs.fetch(canonical)
            multi = human_accuracy.load(local.path, class_ids)
        except SourceUnavailable as e:
            local = inputs.fetch(sources["tfds_multilabel_dump"])
            note = f"canonical file unavailable ({e}); used the TFDS dump instead"
            log.warning("multi-label v3: %s: %s", note, local.path)
            multi = tfds_dump.load(local.path)
    if multi.imagenet_m is None:
        log.warning("%s (%s)", NO_IMAGENET_M, local.path)
        note = f"{note}; {NO_IMAGENET_M}" if note else NO_IMAGENET_M
    return local, multi, note


def _image_flags(images: pa.Table, multi: MultiLabels, real_excluded: frozenset[int]) -> pa.Table:
    """One row of evaluation flags per image; `imagenet_m` all NULL when the list is unknown."""
    numbers = images["image_number"]

    def member(subset: frozenset[int]) -> pa.ChunkedArray:
        return pc.is_in(numbers, value_set=pa.array(sorted(subset), pa.int32()))

    annotated = member(multi.annotated)
    no_flag = pa.scalar(None, pa.bool_())
    return pa.table(
        {
            "image_number": numbers,
            "multilabel_annotated": annotated,
            "problematic": pc.if_else(annotated, member(multi.problematic), no_flag),
            "imagenet_m": (
                member(multi.imagenet_m)
                if multi.imagenet_m is not None
                else pa.nulls(len(numbers), pa.bool_())
            ),
            "real_excluded": member(real_excluded),
        }
    )


# Parents before children, so foreign keys hold at every insert.
_TABLE_ORDER = (
    "classes",
    "images",
    "image_labels",
    "mistakes",
    "confusions",
    "hierarchy_nodes",
    "hierarchy_edges",
)


def _write(con: duckdb.DuckDBPyConnection, loaded: list[Loaded], image_flags: pa.Table) -> None:
    """Insert the provenance rows, then every loaded table."""
    loaded_at = datetime.now(UTC)
    database.append(
        con,
        "sources",
        pa.Table.from_pylist([_source_row(item, loaded_at) for item in loaded]),
    )
    database.append(
        con,
        "label_sets",
        pa.Table.from_pylist(
            [
                {"label_set": name, "description": description, "source": item.file.source.id}
                for item in loaded
                if item.label_set
                for name, description in [item.label_set]
            ]
        ),
    )
    for table in _TABLE_ORDER:
        for item in loaded:
            if table in item.tables:
                database.append(con, table, item.tables[table])
    database.append(con, "image_flags", image_flags)
    database.run_script(con, "store_image_scope", {})


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


def _carry_over_models(con: duckdb.DuckDBPyConnection, previous: Path) -> None:
    """Copy the models of the database being replaced into the new one, in one transaction."""
    con.begin()
    try:
        database.run_script(con, "carry_over_models", {"previous": str(previous)})
    except duckdb.Error as e:
        raise DatabaseError(
            f"{previous}: cannot carry its models over ({database.first_line(e)}); "
            "move it away to build afresh"
        ) from e
    for model, *_ in named_queries.run(con, "models")[1]:
        database.run_script(con, "store_metrics", {"model": model})
    con.commit()


def _apply_write_ahead_log(db: Path) -> None:
    """Fold a write-ahead log left beside the database into it, before replacing the database.

    A writer killed after it committed leaves its last changes in `<db>.wal`,
    which DuckDB applies when the file is next opened. Once a new file is
    renamed into place that log no longer matches, and the new database would
    not open at all. Applied first, its changes are in the models carried over.
    """
    wal = database.write_ahead_log(db)
    if not wal.exists():
        return
    if not db.exists():  # its database was deleted: nothing can apply it
        log.warning("%s: removing a write-ahead log whose database is gone", wal)
        wal.unlink()
        return
    with database.open_for_writing(db) as con:
        con.execute("CHECKPOINT")


def _remove_stale_temporaries(db: Path) -> None:
    """Delete the temporary files of earlier builds whose process is gone (killed, say).

    A build that fails cleans up after itself; one killed with SIGKILL cannot,
    and would leave a hidden file as large as the database.
    """
    for leftover in db.parent.glob(f".{glob.escape(db.name)}.*.tmp*"):
        pid = leftover.name.removeprefix(f".{db.name}.").split(".")[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


@contextlib.contextmanager
def _removed_on_failure(tmp: Path) -> Iterator[None]:
    """Delete the temporary database (and its write-ahead log) unless the block completes."""
    try:
        yield
    except BaseException:
        for leftover in (tmp, database.write_ahead_log(tmp)):
            leftover.unlink(missing_ok=True)
        raise
