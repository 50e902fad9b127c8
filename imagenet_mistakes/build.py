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
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes import eth_collapsed_classes, label_sets, metrics, reads, schema, storage
from imagenet_mistakes.boundary import deferred_interrupts, first_line
from imagenet_mistakes.errors import BadArgument, DatabaseError, Interrupted, SourceUnavailable
from imagenet_mistakes.loaders import (
    class_orders,
    classes,
    cleanlab,
    confusions,
    eth_common_errors,
    eth_stats,
    human_accuracy,
    imagenet_x,
    imagenet_x_results,
    mistakes,
    real,
    real_ratings,
    testbed,
    tfds_dump,
    tfds_label_files,
    tfds_prepared,
    timm_published,
    wordnet,
)
from imagenet_mistakes.loaders.labels import MultiLabels
from imagenet_mistakes.progress import Progress, silent
from imagenet_mistakes.sources import (
    LocalFile,
    Source,
    check_user_file,
    fetch,
    manifest,
    user_file,
)

log = logging.getLogger(__name__)

NO_IMAGENET_M = "ImageNet-M list: not available from the multi-label source used"


@dataclass(frozen=True)
class Loaded:
    """Rows read from one source (each source is loaded once), with its note for `info`."""

    file: LocalFile
    tables: dict[str, pa.Table]
    note: str | None = None


@dataclass(frozen=True)
class Inputs:
    """Where sources are read from for one build."""

    source_dir: Path | None
    cache_dir: Path
    multilabel: Path | None = None
    tfds_data_dir: Path | None = None

    def fetch(self, source: Source) -> LocalFile:
        return fetch(source, source_dir=self.source_dir, cache_dir=self.cache_dir)


@dataclass
class Context:
    """What later sources are checked against, filled in as the registry runs in order."""

    inputs: Inputs
    sources: dict[str, Source]
    class_ids: dict[str, int] = field(default_factory=dict)
    images: pa.Table | None = None
    multi: MultiLabels | None = None
    real_excluded: frozenset[int] = frozenset()
    imagenet_x_prototypes: frozenset[int] = frozenset()
    imagenet_x_multi: pa.Table | None = None
    real_scores: tuple[np.ndarray, np.ndarray] | None = None
    fetched: dict[str, LocalFile] = field(default_factory=dict)

    def fetch(self, source_id: str) -> LocalFile:
        """The source's local copy, fetched (and its checksum computed) once per build."""
        if source_id not in self.fetched:
            self.fetched[source_id] = self.inputs.fetch(self.sources[source_id])
        return self.fetched[source_id]


@dataclass(frozen=True)
class Step:
    """One entry of the registry: a source, the loader that reads it, the tables it fills."""

    source: str
    tables: tuple[str, ...]
    load: Callable[[Context], Loaded]


def build(db: Path, inputs: Inputs, progress: Progress = silent) -> None:
    """Build the database at `db` from the sources; replace any database there, keeping its models.

    Through a symbolic link, the file it points to is replaced and the link kept.
    """
    db = Path(os.path.realpath(db))
    _build(db, inputs, progress)
    log.info("wrote %s", db)


def _build(db: Path, inputs: Inputs, progress: Progress) -> None:
    storage.check_replaceable(db)
    if inputs.multilabel is not None:  # before anything is downloaded
        check_user_file(inputs.multilabel)
    _remove_stale_temporaries(db)
    _remove_orphan_log(db)
    loaded, image_flags = load_all(inputs, progress)
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    with _removed_on_failure(tmp):
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
        _carry_over_and_replace(db, tmp, progress)


def load_all(inputs: Inputs, progress: Progress = silent) -> tuple[list[Loaded], pa.Table]:
    """Fetch, parse and validate every source of the registry before anything is written.

    Returns what each source gave, and the per-image flags derived from several.
    """
    context = Context(inputs, manifest())
    loaded = []
    steps = registry()
    for done, step in enumerate(steps):
        progress("Reading the sources", done, len(steps))
        item = step.load(context)
        if set(item.tables) != set(step.tables):
            raise RuntimeError(
                f"loader of {step.source} produced {sorted(item.tables)}, "
                f"the registry says {sorted(step.tables)}"
            )
        loaded.append(item)
    assert context.images is not None and context.multi is not None
    return loaded, _image_flags(context.images, context.multi, context.real_excluded)


def registry() -> list[Step]:
    """Every source a build loads, in order: later loaders check against earlier ones."""
    paper_mistakes = [
        Step(source.id, ("mistakes",), _mistakes(source.id))
        for source in manifest().values()
        if source.model is not None
    ]
    return [
        Step("classes", ("classes",), _classes),
        Step("class_wnids", (), _class_wnids),
        Step("ilsvrc2012_id_order", ("class_orders",), _class_orders),
        Step("validation_labels", ("images", "image_labels"), _validation_labels),
        # human_accuracy_v3, or a fallback for it: see _multilabel.
        Step("human_accuracy_v3", ("image_labels",), _multilabel),
        Step("real", ("image_labels",), _real),
        Step("real_scores", (), _real_scores),
        Step("real_raters", ("real_ratings",), _real_raters),
        *paper_mistakes,
        Step("class_confusions", ("confusions",), _confusions),
        Step("wordnet_hierarchy", ("hierarchy_nodes", "hierarchy_edges"), _hierarchy),
        Step("wordnet_names", (), _hierarchy_names),
        Step("cleanlab_mturk", ("image_labels",), _cleanlab),
        # ImageNet-X: the prototypes first, as the images table flags them.
        Step("imagenet_x_prototypes", (), _imagenet_x_prototypes),
        Step("imagenet_x_multi_factor", ("imagenet_x_images",), _imagenet_x_multi),
        Step("imagenet_x_top_factor", ("image_factors",), _imagenet_x_top),
        Step("imagenet_x_metaclasses", ("class_metaclasses",), _imagenet_x_metaclasses),
        # Published results of other models.
        *[
            Step(_timm_source(name), _published_tables(name == "imagenet"), _timm_results(name))
            for name in timm_published.FILES
        ],
        *[
            Step(f"eth_stats_{group}", _published_tables(group == "all"), _eth_stats(group))
            for group in eth_stats.GROUPS
        ],
        Step("testbed_top1", _published_tables(True), _testbed),
        *[
            Step(
                imagenet_x_results.source_id(selection, group, reading),
                _published_tables((selection, reading) == ("top", "real_class")),
                _imagenet_x_results(selection, group, reading),
            )
            for selection in imagenet_x_results.SELECTIONS
            for group in imagenet_x_results.GROUPS
            for reading in imagenet_x_results.READINGS
        ],
        *[
            Step(f"eth_common_errors_{kind}", ("published_image_errors",), _eth_common_errors(kind))
            for kind in eth_common_errors.ERROR_TYPES.values()
        ],
    ]


def _classes(context: Context) -> Loaded:
    file = context.fetch("classes")
    rows = classes.load(file.path)
    context.class_ids = {wnid: i for i, wnid in enumerate(rows["wnid"].to_pylist())}
    return Loaded(file, {"classes": rows})


def _class_wnids(context: Context) -> Loaded:
    file = context.fetch("class_wnids")
    tfds_label_files.check_class_order(file.path, list(context.class_ids))
    return Loaded(file, {}, "checked: same class order as classes")


def _class_orders(context: Context) -> Loaded:
    file = context.fetch("ilsvrc2012_id_order")
    return Loaded(file, {"class_orders": class_orders.load(file.path, context.class_ids)})


def _validation_labels(context: Context) -> Loaded:
    file = context.fetch("validation_labels")
    context.images = tfds_label_files.load_images(file.path, context.class_ids)
    original = tfds_label_files.original_labels(context.images)
    return Loaded(file, {"images": context.images, "image_labels": _labelled(file, original)})


def _real(context: Context) -> Loaded:
    file = context.fetch("real")
    found = real.load(file.path)
    context.real_excluded = found.excluded
    return Loaded(file, {"image_labels": _labelled(file, found.labels)})


def _imagenet_x_prototypes(context: Context) -> Loaded:
    file = context.fetch("imagenet_x_prototypes")
    context.imagenet_x_prototypes = frozenset(imagenet_x.prototypes(file.path))
    return Loaded(file, {}, f"{len(context.imagenet_x_prototypes)} prototypical images")


def _imagenet_x_multi(context: Context) -> Loaded:
    file = context.fetch("imagenet_x_multi_factor")
    assert context.images is not None
    original = context.images.sort_by("image_number")["label"].to_numpy()
    context.imagenet_x_multi = imagenet_x.read_annotations(file.path, original)
    rows = imagenet_x.images(context.imagenet_x_multi, context.imagenet_x_prototypes)
    return Loaded(file, {"imagenet_x_images": rows})


def _imagenet_x_top(context: Context) -> Loaded:
    file = context.fetch("imagenet_x_top_factor")
    assert context.images is not None and context.imagenet_x_multi is not None
    original = context.images.sort_by("image_number")["label"].to_numpy()
    top = imagenet_x.read_annotations(file.path, original)
    rows = imagenet_x.factor_rows(context.imagenet_x_multi, top, file.path)
    return Loaded(file, {"image_factors": rows})


def _imagenet_x_metaclasses(context: Context) -> Loaded:
    file = context.fetch("imagenet_x_metaclasses")
    return Loaded(file, {"class_metaclasses": imagenet_x.metaclasses(file.path)})


def _real_scores(context: Context) -> Loaded:
    file = context.fetch("real_scores")
    context.real_scores = real_ratings.load_scores(file.path)
    return Loaded(file, {}, "stored with the rater votes, in real_ratings")


def _real_raters(context: Context) -> Loaded:
    file = context.fetch("real_raters")
    assert context.real_scores is not None
    return Loaded(file, {"real_ratings": real_ratings.ratings(file.path, *context.real_scores)})


def _mistakes(source_id: str) -> Callable[[Context], Loaded]:
    def load(context: Context) -> Loaded:
        file = context.fetch(source_id)
        assert file.source.model is not None
        return Loaded(file, {"mistakes": mistakes.load(file.path, file.source.model)})

    return load


def _confusions(context: Context) -> Loaded:
    file = context.fetch("class_confusions")
    return Loaded(
        file, {"confusions": confusions.load(file.path, file.source.id, context.class_ids)}
    )


def _hierarchy(context: Context) -> Loaded:
    edges_file = context.fetch("wordnet_hierarchy")
    names_file = context.fetch("wordnet_names")
    nodes, edges = wordnet.load(edges_file.path, names_file.path, context.class_ids)
    return Loaded(edges_file, {"hierarchy_nodes": nodes, "hierarchy_edges": edges})


def _hierarchy_names(context: Context) -> Loaded:
    file = context.fetch("wordnet_names")
    return Loaded(file, {}, "names of the hierarchy nodes")


def _cleanlab(context: Context) -> Loaded:
    file = context.fetch("cleanlab_mturk")
    assert context.images is not None
    numbers = context.images["image_number"].to_pylist()
    labels = context.images["label"].to_pylist()
    votes = cleanlab.load(file.path, dict(zip(numbers, labels, strict=True)))
    return Loaded(file, {"image_labels": _labelled(file, votes)})


def _published_tables(lists_models: bool) -> tuple[str, ...]:
    """A published source's tables: its results, and its models from the one file that lists
    them all (timm's ImageNet results, ETH's statistics over every group)."""
    return ("published_models", "published_results") if lists_models else ("published_results",)


def _timm_source(name: str) -> str:
    return f"timm_results_{name.replace('-', '_')}"


def _timm_results(name: str) -> Callable[[Context], Loaded]:
    def load(context: Context) -> Loaded:
        file = context.fetch(_timm_source(name))
        return Loaded(file, timm_published.load(file.path, name))

    return load


def _eth_stats(group: str) -> Callable[[Context], Loaded]:
    def load(context: Context) -> Loaded:
        file = context.fetch(f"eth_stats_{group}")
        return Loaded(file, eth_stats.load(file.path, group))

    return load


def _eth_common_errors(error_type: str) -> Callable[[Context], Loaded]:
    def load(context: Context) -> Loaded:
        file = context.fetch(f"eth_common_errors_{error_type}")
        rows = eth_common_errors.load(file.path, error_type, context.class_ids)
        return Loaded(file, {"published_image_errors": rows})

    return load


def _imagenet_x_results(selection: str, group: str, reading: str) -> Callable[[Context], Loaded]:
    def load(context: Context) -> Loaded:
        file = context.fetch(imagenet_x_results.source_id(selection, group, reading))
        return Loaded(file, imagenet_x_results.load(file.path, selection, group, reading))

    return load


def _testbed(context: Context) -> Loaded:
    file = context.fetch("testbed_top1")
    return Loaded(file, testbed.load(file.path))


def _labelled(file: LocalFile, rows: pa.Table) -> pa.Table:
    """`image_labels` rows of the label set that names the file's source."""
    name = label_sets.for_source(file.source.id).name
    return rows.add_column(0, "label_set", pa.array([name] * rows.num_rows, pa.string()))


def _multilabel(context: Context) -> Loaded:
    """The multi-label v3 annotations from the best source available, and a note on what it lacks.

    Order: --multilabel or --tfds-data-dir, then the canonical file (mirror,
    or cache and download), then the public TFDS dump, which has no
    ImageNet-M list.
    """
    sources, inputs, class_ids = context.sources, context.inputs, context.class_ids
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
            local = context.fetch("human_accuracy_v3")
            multi = human_accuracy.load(local.path, class_ids)
        except SourceUnavailable as e:
            local = context.fetch("tfds_multilabel_dump")
            note = f"canonical file unavailable ({e}); used the TFDS dump instead"
            log.warning("multi-label v3: %s: %s", note, local.path)
            multi = tfds_dump.load(local.path)
    if multi.imagenet_m is None:
        log.warning("%s (%s)", NO_IMAGENET_M, local.path)
        note = f"{note}; {NO_IMAGENET_M}" if note else NO_IMAGENET_M
    context.multi = multi
    return Loaded(local, {"image_labels": _labelled(local, multi.labels)}, note)


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
                }
                for label_set in label_sets.definitions()
            ]
        ),
    )
    storage.append(con, "metrics", metric_rows())
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
    storage.run_script(con, "store_paper_metrics", {})


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


def _carry_over_and_replace(db: Path, tmp: Path, progress: Progress) -> None:
    """Copy the models of `db` into the new build `tmp`, then rename it over `db`.

    `db` stays attached for writing, which holds its lock, from before its
    models are read until the new file is in its place, so an add-model or
    remove-model meanwhile waits (and, past storage.LOCK_WAIT_SECONDS, says
    so) rather than committing to a file about to be replaced. The new file
    is held the same way until `db` is let go, so the next writer finds it.
    """
    previous = db.exists()
    con = storage.quiet(duckdb.connect())  # in memory: both files are attached to it
    try:
        if previous:
            # Attaching applies a log a killed writer left beside the file;
            # the checkpoint folds it in, so that nothing of `db` is left to
            # write (or a log to delete) when it is detached after the rename.
            storage.attach(con, db, "previous")
            con.execute("CHECKPOINT previous")
        storage.attach(con, tmp, "fresh")
        con.execute("USE fresh")
        if previous:
            _carry_over_models(con, db, progress)
        with deferred_interrupts() as interrupted:
            con.execute("CHECKPOINT fresh")
            os.replace(tmp, db)
            if previous:
                con.execute("DETACH previous")
            con.execute("USE memory")
            con.execute("DETACH fresh")
    finally:
        con.close()
    if interrupted():
        raise Interrupted.after_commit(db, "the new database is in place")


def _carry_over_models(con: duckdb.DuckDBPyConnection, previous: Path, progress: Progress) -> None:
    """Copy the models of the attached `previous` database into the current one, in one go."""
    # Files of package 0.2 hold a row per rank; their ranks are gathered into lists.
    ranked = reads.ranked_predictions(con, "previous")
    script = "carry_over_ranked_models" if ranked else "carry_over_models"
    con.begin()
    try:
        storage.run_script(con, script, {})
    except duckdb.Error as e:
        raise DatabaseError(
            f"{previous}: cannot carry its models over ({first_line(e)}); "
            "move it away to build afresh"
        ) from e
    names = reads.model_names(con)
    for done, model in enumerate(names):
        progress("Scoring the models again", done, len(names))
        storage.run_script(con, "store_model_results", {"model": model})
    storage.run_script(con, "count_image_verdicts", {"models": names})
    con.commit()


def _remove_orphan_log(db: Path) -> None:
    """Delete a write-ahead log whose database is gone: nothing can apply it, and it would
    not match the new file (which would then not open at all)."""
    wal = storage.write_ahead_log(db)
    if wal.exists() and not db.exists():
        log.warning("%s: removing a write-ahead log whose database is gone", wal)
        wal.unlink()


def _remove_stale_temporaries(db: Path) -> None:
    """Delete the temporary files of earlier builds whose process is gone (killed, say).

    A build that fails cleans up after itself; one killed with SIGKILL cannot,
    and would leave a hidden file as large as the storage.
    """
    for leftover in db.parent.glob(f".{glob.escape(db.name)}.*.tmp*"):
        pid = leftover.name.removeprefix(f".{db.name}.").split(".")[0]
        if pid.isascii() and pid.isdigit() and not _running(int(pid)):
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
        for leftover in (tmp, storage.write_ahead_log(tmp)):
            leftover.unlink(missing_ok=True)
        raise
