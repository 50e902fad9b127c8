"""Every source a build reads: the loader that reads it, the tables it fills, and what it
needs from the sources before it (the class ids, the images) or gives to those after.

Each step is one `Step`: a loader takes the sources (`Sources.fetch`) and, as
arguments named as its parameters, what earlier steps gave; it returns its
tables and what it gives (`Loaded`). `load_all` runs them in order, and a
step that needs what no earlier step gave is a bug it names, not a missing
value met later.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes import label_sets, variants
from imagenet_mistakes.errors import BadArgument, SourceUnavailable
from imagenet_mistakes.loaders import (
    class_orders,
    classes,
    cleanlab,
    confusions,
    eth_common_errors,
    eth_stats,
    flaws_labels,
    human_accuracy,
    imagenet_x,
    imagenet_x_results,
    mistakes,
    openclip,
    problem_groups,
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
from imagenet_mistakes.sources import LocalFile, Source, fetch, manifest, user_file

log = logging.getLogger(__name__)

NO_IMAGENET_M = "ImageNet-M list: not available from the multi-label source used"


@dataclass(frozen=True)
class Inputs:
    """Where sources are read from for one build."""

    source_dir: Path | None
    cache_dir: Path
    multilabel: Path | None = None
    tfds_data_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.multilabel is not None and self.tfds_data_dir is not None:
            raise BadArgument("--multilabel, --tfds-data-dir: give one or the other, not both")


@dataclass(frozen=True)
class Sources:
    """The sources of one build: each fetched (and its checksum computed) once."""

    inputs: Inputs
    manifest: dict[str, Source]
    _fetched: dict[str, LocalFile] = field(default_factory=dict)

    def fetch(self, source_id: str) -> LocalFile:
        if source_id not in self._fetched:
            source = self.manifest[source_id]
            inputs = self.inputs
            self._fetched[source_id] = fetch(
                source, source_dir=inputs.source_dir, cache_dir=inputs.cache_dir
            )
        return self._fetched[source_id]


@dataclass(frozen=True)
class Loaded:
    """What one source gave: its rows by table, its note for `info`, and what later steps
    need of it (`gives`, by the name of their parameter)."""

    file: LocalFile
    tables: dict[str, pa.Table]
    note: str | None = None
    gives: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One entry of the registry: a source, the tables it fills, its loader, what it gives."""

    source: str
    tables: tuple[str, ...]
    load: Callable[..., Loaded]
    gives: tuple[str, ...] = ()

    @property
    def needs(self) -> tuple[str, ...]:
        """What the loader takes from earlier steps: its parameters after the sources."""
        return tuple(inspect.signature(self.load).parameters)[1:]


def load_all(inputs: Inputs, progress: Progress = silent) -> tuple[list[Loaded], pa.Table]:
    """Fetch, parse and validate every source of the registry before anything is written.

    Returns what each source gave, and the per-image flags derived from several.
    """
    sources = Sources(inputs, manifest())
    given: dict[str, Any] = {}
    loaded = []
    steps = registry()
    for done, step in enumerate(steps):
        progress("Reading the sources", done, len(steps))
        missing = [name for name in step.needs if name not in given]
        if missing:
            raise RuntimeError(f"registry: {step.source} needs {missing}, given by no step before")
        item = step.load(sources, **{name: given[name] for name in step.needs})
        if set(item.tables) != set(step.tables) or set(item.gives) != set(step.gives):
            raise RuntimeError(
                f"loader of {step.source} gave tables {sorted(item.tables)} and "
                f"{sorted(item.gives)}; the registry says {sorted(step.tables)} and "
                f"{sorted(step.gives)}"
            )
        given.update(item.gives)
        loaded.append(item)
    return loaded, _image_flags(given["images"], given["multi"], given["real_excluded"])


def registry() -> list[Step]:
    """Every source a build loads, in order: a step comes after those giving what it needs."""
    paper_mistakes = [
        Step(source.id, ("mistakes",), _mistakes(source.id))
        for source in manifest().values()
        if source.model is not None
    ]
    return [
        Step("classes", ("classes",), _classes, gives=("class_ids", "class_names")),
        Step("class_wnids", (), _class_wnids),
        Step("ilsvrc2012_id_order", ("class_orders",), _class_orders),
        Step("validation_labels", ("images", "image_labels"), _validation_labels, ("images",)),
        # human_accuracy_v3, or a fallback for it: see _multilabel.
        Step("human_accuracy_v3", ("image_labels",), _multilabel, ("multi",)),
        Step("real", ("image_labels",), _real, ("real_excluded",)),
        Step("real_scores", (), _real_scores, ("real_scores",)),
        Step("real_raters", ("real_ratings",), _real_raters),
        *paper_mistakes,
        Step("class_confusions", ("confusions",), _confusions),
        Step("wordnet_hierarchy", ("hierarchy_nodes", "hierarchy_edges"), _hierarchy),
        Step("wordnet_names", (), _hierarchy_names),
        Step("cleanlab_mturk", ("image_labels",), _cleanlab),
        # ImageNet-X: the prototypes first, as the images table flags them.
        Step("imagenet_x_prototypes", (), _imagenet_x_prototypes, ("imagenet_x_prototypes",)),
        Step(
            "imagenet_x_multi_factor",
            ("imagenet_x_images",),
            _imagenet_x_multi,
            ("imagenet_x_multi",),
        ),
        Step("imagenet_x_top_factor", ("image_factors",), _imagenet_x_top),
        Step("imagenet_x_metaclasses", ("class_metaclasses",), _imagenet_x_metaclasses),
        # Flaws of ImageNet: the kinds of problem first, as the groups name them.
        Step("flaws_problem_kinds", ("problem_kinds",), _problem_kinds, ("problem_kinds",)),
        Step("flaws_problem_groups", ("class_problem_groups",), _problem_groups),
        # Label sets in Flaws of ImageNet's normalised shape.
        *[
            Step(source, ("image_labels",), _flaws_labels(source))
            for source in ("tsipras_finegrained", "flaws_clean_validation")
        ],
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
        Step("openclip_results", _published_tables(True), _openclip),
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


def _classes(sources: Sources) -> Loaded:
    file = sources.fetch("classes")
    rows = classes.load(file.path)
    class_ids = {wnid: i for i, wnid in enumerate(rows["wnid"].to_pylist())}
    # Every name of each class, by class id: what other sources' names are checked against.
    names = [synonyms.split(", ") for synonyms in rows["synonyms"].to_pylist()]
    return Loaded(file, {"classes": rows}, gives={"class_ids": class_ids, "class_names": names})


def _class_wnids(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    file = sources.fetch("class_wnids")
    tfds_label_files.check_class_order(file.path, list(class_ids))
    return Loaded(file, {}, "checked: same class order as classes")


def _class_orders(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    file = sources.fetch("ilsvrc2012_id_order")
    return Loaded(file, {"class_orders": class_orders.load(file.path, class_ids)})


def _validation_labels(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    file = sources.fetch("validation_labels")
    images = tfds_label_files.load_images(file.path, class_ids)
    original = tfds_label_files.original_labels(images)
    tables = {"images": images, "image_labels": _labelled(file, original)}
    return Loaded(file, tables, gives={"images": images})


def _real(sources: Sources) -> Loaded:
    file = sources.fetch("real")
    found = real.load(file.path)
    tables = {"image_labels": _labelled(file, found.labels)}
    return Loaded(file, tables, gives={"real_excluded": found.excluded})


def _imagenet_x_prototypes(sources: Sources) -> Loaded:
    file = sources.fetch("imagenet_x_prototypes")
    prototypes = frozenset(imagenet_x.prototypes(file.path))
    note = f"{len(prototypes)} prototypical images"
    return Loaded(file, {}, note, gives={"imagenet_x_prototypes": prototypes})


def _imagenet_x_multi(
    sources: Sources, images: pa.Table, imagenet_x_prototypes: frozenset[int]
) -> Loaded:
    file = sources.fetch("imagenet_x_multi_factor")
    original = images.sort_by("image_number")["label"].to_numpy()
    multi = imagenet_x.read_annotations(file.path, original)
    rows = imagenet_x.images(multi, imagenet_x_prototypes)
    return Loaded(file, {"imagenet_x_images": rows}, gives={"imagenet_x_multi": multi})


def _imagenet_x_top(sources: Sources, images: pa.Table, imagenet_x_multi: pa.Table) -> Loaded:
    file = sources.fetch("imagenet_x_top_factor")
    original = images.sort_by("image_number")["label"].to_numpy()
    top = imagenet_x.read_annotations(file.path, original)
    rows = imagenet_x.factor_rows(imagenet_x_multi, top, file.path)
    return Loaded(file, {"image_factors": rows})


def _imagenet_x_metaclasses(sources: Sources) -> Loaded:
    file = sources.fetch("imagenet_x_metaclasses")
    return Loaded(file, {"class_metaclasses": imagenet_x.metaclasses(file.path)})


def _problem_kinds(sources: Sources) -> Loaded:
    file = sources.fetch("flaws_problem_kinds")
    rows = problem_groups.kinds(file.path)
    return Loaded(
        file, {"problem_kinds": rows}, gives={"problem_kinds": set(rows["kind"].to_pylist())}
    )


def _problem_groups(
    sources: Sources, class_names: list[list[str]], problem_kinds: set[int]
) -> Loaded:
    file = sources.fetch("flaws_problem_groups")
    rows = problem_groups.groups(file.path, class_names, problem_kinds)
    return Loaded(file, {"class_problem_groups": rows})


def _real_scores(sources: Sources) -> Loaded:
    file = sources.fetch("real_scores")
    scores = real_ratings.load_scores(file.path)
    note = "stored with the rater votes, in real_ratings"
    return Loaded(file, {}, note, gives={"real_scores": scores})


def _real_raters(sources: Sources, real_scores: tuple[np.ndarray, np.ndarray]) -> Loaded:
    file = sources.fetch("real_raters")
    return Loaded(file, {"real_ratings": real_ratings.ratings(file.path, *real_scores)})


def _mistakes(source_id: str) -> Callable[[Sources], Loaded]:
    def load(sources: Sources) -> Loaded:
        file = sources.fetch(source_id)
        assert file.source.model is not None
        return Loaded(file, {"mistakes": mistakes.load(file.path, file.source.model)})

    return load


def _confusions(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    file = sources.fetch("class_confusions")
    return Loaded(file, {"confusions": confusions.load(file.path, file.source.id, class_ids)})


def _hierarchy(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    edges_file = sources.fetch("wordnet_hierarchy")
    names_file = sources.fetch("wordnet_names")
    nodes, edges = wordnet.load(edges_file.path, names_file.path, class_ids)
    return Loaded(edges_file, {"hierarchy_nodes": nodes, "hierarchy_edges": edges})


def _hierarchy_names(sources: Sources) -> Loaded:
    file = sources.fetch("wordnet_names")
    return Loaded(file, {}, "names of the hierarchy nodes")


def _cleanlab(sources: Sources, images: pa.Table) -> Loaded:
    file = sources.fetch("cleanlab_mturk")
    numbers = images["image_number"].to_pylist()
    labels = images["label"].to_pylist()
    votes = cleanlab.load(file.path, dict(zip(numbers, labels, strict=True)))
    return Loaded(file, {"image_labels": _labelled(file, votes)})


def _flaws_labels(source: str) -> Callable[[Sources, pa.Table], Loaded]:
    def load(sources: Sources, images: pa.Table) -> Loaded:
        file = sources.fetch(source)
        numbers, labels = images["image_number"].to_pylist(), images["label"].to_pylist()
        rows = flaws_labels.load(file.path, dict(zip(numbers, labels, strict=True)))
        return Loaded(file, {"image_labels": _labelled(file, rows)})

    return load


def _published_tables(lists_models: bool) -> tuple[str, ...]:
    """A published source's tables: its results, and its models from the one file that lists
    them all (timm's ImageNet results, ETH's statistics over every group)."""
    return ("published_models", "published_results") if lists_models else ("published_results",)


def _timm_source(name: str) -> str:
    return f"timm_results_{name.replace('-', '_')}"


def _timm_results(name: str) -> Callable[[Sources], Loaded]:
    def load(sources: Sources) -> Loaded:
        file = sources.fetch(_timm_source(name))
        return Loaded(file, timm_published.load(file.path, name))

    return load


def _eth_stats(group: str) -> Callable[[Sources], Loaded]:
    def load(sources: Sources) -> Loaded:
        file = sources.fetch(f"eth_stats_{group}")
        return Loaded(file, eth_stats.load(file.path, group))

    return load


def _eth_common_errors(error_type: str) -> Callable[[Sources, dict[str, int]], Loaded]:
    def load(sources: Sources, class_ids: dict[str, int]) -> Loaded:
        file = sources.fetch(f"eth_common_errors_{error_type}")
        rows = eth_common_errors.load(file.path, error_type, class_ids)
        return Loaded(file, {"published_image_errors": rows})

    return load


def _imagenet_x_results(selection: str, group: str, reading: str) -> Callable[[Sources], Loaded]:
    def load(sources: Sources) -> Loaded:
        file = sources.fetch(imagenet_x_results.source_id(selection, group, reading))
        return Loaded(file, imagenet_x_results.load(file.path, selection, group, reading))

    return load


def _testbed(sources: Sources) -> Loaded:
    file = sources.fetch("testbed_top1")
    return Loaded(file, testbed.load(file.path))


def _openclip(sources: Sources) -> Loaded:
    file = sources.fetch("openclip_results")
    columns = {variant.benchmark: variant.openclip for variant in variants.definitions()}
    return Loaded(file, openclip.load(file.path, columns))


def _labelled(file: LocalFile, rows: pa.Table) -> pa.Table:
    """`image_labels` rows of the label set that names the file's source."""
    name = label_sets.for_source(file.source.id).name
    return rows.add_column(0, "label_set", pa.array([name] * rows.num_rows, pa.string()))


def _multilabel(sources: Sources, class_ids: dict[str, int]) -> Loaded:
    """The multi-label v3 annotations from the best source available, and a note on what it lacks.

    Order: --multilabel or --tfds-data-dir, then the canonical file (mirror,
    or cache and download), then the public TFDS dump, which has no
    ImageNet-M list.
    """
    inputs = sources.inputs
    canonical = sources.manifest["human_accuracy_v3"]
    note = None
    if inputs.tfds_data_dir is not None:
        local = user_file(
            sources.manifest["tfds_multilabel_prepared"],
            tfds_prepared.dataset_info(inputs.tfds_data_dir),
        )
        note = "given with --tfds-data-dir"
        multi = tfds_prepared.load(inputs.tfds_data_dir, list(class_ids))
    elif inputs.multilabel is not None:
        local = user_file(canonical, inputs.multilabel)
        note = "given with --multilabel"
        multi = human_accuracy.load(local.path, class_ids)
    else:
        try:
            local = sources.fetch("human_accuracy_v3")
            multi = human_accuracy.load(local.path, class_ids)
        except SourceUnavailable as e:
            local = sources.fetch("tfds_multilabel_dump")
            note = f"canonical file unavailable ({e}); used the TFDS dump instead"
            log.warning("multi-label v3: %s: %s", note, local.path)
            multi = tfds_dump.load(local.path)
    if multi.imagenet_m is None:
        log.warning("%s (%s)", NO_IMAGENET_M, local.path)
        note = f"{note}; {NO_IMAGENET_M}" if note else NO_IMAGENET_M
    tables = {"image_labels": _labelled(local, multi.labels)}
    return Loaded(local, tables, note, gives={"multi": multi})


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
