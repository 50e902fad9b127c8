"""Bad input, one row per case: exit 1 (bad data) or 2 (bad usage), one `Error:` line
naming the file or argument, no traceback, and the database exactly as it was."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from imagenet_mistakes import registry
from imagenet_mistakes.boundary import guarded
from imagenet_mistakes.cli import app
from imagenet_mistakes.errors import LINE_LIMIT, ImagenetMistakesError
from tests import http_mirror, synthetic
from tests.fingerprint import fingerprint

runner = CliRunner()
DATA, USAGE = 1, 2
LOG_LINES = ("INFO: ", "WARNING: ")


@dataclasses.dataclass(frozen=True)
class Setting:
    """What a case may break: a built database, the mirror it came from, a folder for inputs."""

    db: Path
    mirror: Path
    inputs: Path
    monkeypatch: pytest.MonkeyPatch
    stack: ExitStack


# A case writes its bad input and returns the command line and what the error must name.
Make = Callable[[Setting], tuple[list[str | Path], str | Path]]


def add_model(option: str, write: Callable[[Path], Path], *extra: str) -> Make:
    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        path = write(s.inputs)
        return ["add-model", "bad", option, path, *extra, "--db", s.db], path

    return make


def array(
    make: Callable[[], np.ndarray | dict[str, np.ndarray]], suffix: str = ".npy"
) -> Callable[[Path], Path]:
    """A writer of the array `make()` builds; built only when the case runs, as some are 200 MB."""

    def write(folder: Path) -> Path:
        path = folder / f"input{suffix}"
        value = make()
        if isinstance(value, dict):
            np.savez(path, **cast(dict[str, Any], value))  # numpy types **kwds like allow_pickle
        else:
            np.save(path, value)
        return path

    return write


def text(content: str, suffix: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / f"input{suffix}"
        path.write_text(content)
        return path

    return write


def truncated(folder: Path) -> Path:
    path = array(lambda: np.zeros((50_000, 1000), np.float16))(folder)
    path.write_bytes(path.read_bytes()[:1_000_000])
    return path


def logits_with(row: int, value: float) -> Callable[[], np.ndarray]:
    def make() -> np.ndarray:
        logits = np.zeros((50_000, 1000), np.float32)
        logits[row, 3] = value
        return logits

    return make


def with_order(write: Callable[[Path], Path]) -> Make:
    """--topk of two rows with a bad --order file."""

    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        ids = s.inputs / "ids.npy"
        np.save(ids, np.array([[1], [2]]))
        order = write(s.inputs)
        return ["add-model", "bad", "--topk", ids, "--order", order, "--db", s.db], order

    return make


def names(*names: str) -> Callable[[Path], Path]:
    return text("\n".join(names) + "\n", ".txt")


def damaged(relative: str, damage: Callable[[Path], None]) -> Make:
    """`build` from the mirror with one of its files damaged."""

    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        damage(s.mirror / relative)
        return ["build", "--db", s.db, "--source-dir", s.mirror], s.mirror / relative

    return make


def edit_text(pattern: str, replacement: str) -> Callable[[Path], None]:
    """Replace the first match of a regular expression in a text file."""

    def edit(path: Path) -> None:
        path.write_text(re.sub(pattern, replacement, path.read_text(), count=1))

    return edit


def malformed(path: Path) -> None:
    path.write_text(path.read_text().replace(":", "", 1))


def truncated_json(path: Path) -> None:
    content = path.read_text()
    path.write_text(content[: len(content) // 2])


def edit_json(change: Callable[[object], None]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        content = json.loads(path.read_text())
        change(content)
        path.write_text(json.dumps(content))

    return damage


def unknown_confusion_wnid(pairs: object) -> None:
    assert isinstance(pairs, list)
    pairs[1][0] = "n99999999"


def unknown_multilabel_wnid(data: object) -> None:
    assert isinstance(data, dict)
    data["initial_annots"][synthetic.image(4)]["correct"].append("n99999999")


def unknown_category(entries: object) -> None:
    assert isinstance(entries, dict)
    next(iter(entries.values()))["failure category"] = "Cosmic ray"


def unknown_kind(groups: object) -> None:
    assert isinstance(groups, list)
    groups[0]["category"].append(9)


def lone_class(groups: object) -> None:
    assert isinstance(groups, list)
    groups[0]["classes"] = {"0": "alias 0"}


def image_50001(entries: object) -> None:
    assert isinstance(entries, dict)
    entries["ILSVRC2012_val_00050001.JPEG"] = next(iter(entries.values()))


def one_real_list_short(lists: object) -> None:
    assert isinstance(lists, list)
    lists.pop()


def swapped_classes(classes: object) -> None:
    assert isinstance(classes, list)
    classes[0]["wnid"], classes[1]["wnid"] = classes[1]["wnid"], classes[0]["wnid"]


def imagenet_m_not_annotated(data: object) -> None:
    assert isinstance(data, dict)
    data["imagenet_m"].append("ILSVRC2012_val_00000099.JPEG")


def binary_garbage(path: Path) -> None:
    path.write_bytes(np.random.default_rng(0).bytes(3000))


def other_questions(path: Path) -> None:
    """A raters' archive about another image than the scores' questions."""
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["info"][0, 0] = "ILSVRC2012_val_00000009.JPEG"
    np.savez(path, **cast(dict[str, Any], arrays))  # numpy types **kwds like allow_pickle


def emptied(path: Path) -> None:
    path.write_text("")


def nested_deep(path: Path) -> None:
    path.write_text("[" * 200_000 + "]" * 200_000)


def huge_integer(path: Path) -> None:
    path.write_text("[[" + "9" * 5000 + "]]")


def duplicate_model(s: Setting) -> tuple[list[str | Path], str | Path]:
    preds = text(f"file_name,class_id\n{synthetic.image(1)},1\n", ".csv")(s.inputs)
    first = runner.invoke(app, ["add-model", "m", "--predictions", str(preds), "--db", str(s.db)])
    assert first.exit_code == 0, first.stderr
    return ["add-model", "m", "--predictions", preds, "--db", s.db], "model 'm'"


def model_named(name: str) -> Make:
    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        preds = text(f"file_name,class_id\n{synthetic.image(1)},1\n", ".csv")(s.inputs)
        return ["add-model", name, "--predictions", preds, "--db", s.db], "model name"

    return make


def checksum_mismatch(s: Setting) -> tuple[list[str | Path], str | Path]:
    """A download whose bytes differ from the manifest's sha256, from a server on 127.0.0.1."""
    manifest = s.stack.enter_context(http_mirror.served(s.mirror))
    manifest["real"] = dataclasses.replace(manifest["real"], sha256="0" * 64)
    s.monkeypatch.setattr(registry, "manifest", lambda: manifest)
    cache = s.inputs / "cache"  # files that verified may stay here; this one must not

    def not_kept() -> None:
        assert not (cache / MIRROR_FILES["real"]).exists()

    s.stack.callback(not_kept)
    return ["build", "--db", s.db, "--cache-dir", cache], str(manifest["real"].url)


def unwritable_directory(s: Setting) -> tuple[list[str | Path], str | Path]:
    folder = s.inputs / "read-only"
    folder.mkdir(mode=0o500)
    if os.access(folder, os.W_OK):  # root writes anywhere; /proc refuses new files even to root
        folder = Path("/proc")
    return ["build", "--db", folder / "im.duckdb", "--source-dir", s.mirror], folder


def not_duckdb(command: str) -> Make:
    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        notes = text("my notes, not a database\n", ".duckdb")(s.inputs)
        if command == "build":
            return ["build", "--db", notes, "--source-dir", s.mirror], notes
        preds = text(f"file_name,class_id\n{synthetic.image(1)},1\n", ".csv")(s.inputs)
        return ["add-model", "m", "--predictions", preds, "--db", notes], notes

    return make


def sparse(suffix: str, start: bytes = b"") -> Callable[[Path], Path]:
    """A 30 GB file that takes no disk (sparse), beginning with `start`: read whole, it
    would fill the memory."""

    def write(folder: Path) -> Path:
        path = folder / f"input{suffix}"
        with path.open("wb") as f:
            f.write(start)
            f.truncate(30 << 30)
        return path

    return write


def fifo(folder: Path) -> Path:
    """A named pipe nobody writes to: read, it would be waited on for ever."""
    path = folder / "order.txt"
    os.mkfifo(path)
    return path


def timm_json(index: str) -> Callable[[Path], Path]:
    """A timm result file (json, orient=index) whose `index` cells are `index`, as JSON."""
    rows = ", ".join(f'"{synthetic.image(n)}": {{"index": {index}, "prob": [0.6, 0.4]}}'
                     for n in (1, 2))  # fmt: skip
    return text("{" + rows + "}", ".json")


def parquet_columns(*names: str) -> Callable[[Path], Path]:
    """A Parquet file with these columns, in this order, a name possibly twice."""

    def write(folder: Path) -> Path:
        path = folder / "input.parquet"
        values = {"file_name": [synthetic.image(1)], "filename": [synthetic.image(1)],
                  "class_id": [1], "index": [[1, 2]], "prob": [[0.6, 0.4]]}  # fmt: skip
        pq.write_table(pa.table([pa.array(values[n]) for n in names], names=list(names)), path)
        return path

    return write


def zoo_models(listed: str) -> Make:
    def make(s: Setting) -> tuple[list[str | Path], str | Path]:
        return ["add-zoo", "imagenetv2", "--models", listed, "--db", s.db], "--models"

    return make


def long_file_name(s: Setting) -> tuple[list[str | Path], str | Path]:
    """A file name of the longest a path may be, in a folder that does not exist."""
    missing = s.inputs / "no such folder" / ("x" * 250) / ("y" * 250) / "input.npy"
    return ["add-model", "m", "--logits", missing, "--db", s.db], "--logits"


MIRROR_FILES = {
    "classes": "imagenetv2/data/metadata/class_info.json",
    "multilabel": "multilabel/human_accuracy_v3.0.0.json",
    "real": "reassessed-imagenet/real.json",
    "vit3b": "imagenet-mistakes/metadata/vit3b_mistakes.json",
    "greedy_soups": "imagenet-mistakes/metadata/greedy_soups_mistakes.json",
    "confusions": "imagenet-mistakes/metadata/class_confusion_wnids.json",
    "eth_list": "automated-error-analysis/common_error_samples/most_common_fg.txt",
    "real_scores": "reassessed-imagenet/scores.npz",
    "real_raters": "reassessed-imagenet/raters.npz",
    "imagenet_x_results": (
        "imagenetx/results/val/top_factor/imagenet_testbed/class/accuracies_per_factor.csv"
    ),
    "problem_groups": "flaws-of-imagenet/classes/problem_groups/clusters.json",
    "problem_kinds": "flaws-of-imagenet/classes/problem_groups/CATEGORIES.md",
    "finegrained": "flaws-of-imagenet/eval_corrections/load_data/validation_correction/"
    "imagenet_finegrained/finegrained.csv",
    "clean_validation": "flaws-of-imagenet/eval_corrections/verify_images/results/"
    "clean_validation.csv",
    "openclip": "open_clip/docs/openclip_classification_results.csv",
}

# (id, make, exit code, problem the error line must state)
CASES: list[tuple[str, Make, int, str]] = [
    # Source files of `build`.
    ("malformed-json", damaged(MIRROR_FILES["vit3b"], malformed), DATA, "malformed JSON at line 1"),
    ("truncated-json", damaged(MIRROR_FILES["real"], truncated_json), DATA, "malformed JSON"),
    ("mistakes-unknown-category", damaged(MIRROR_FILES["vit3b"], edit_json(unknown_category)),
     DATA, "unknown failure category 'Cosmic ray' (add it to data/normalisation.csv)"),
    ("multilabel-unknown-wnid",
     damaged(MIRROR_FILES["multilabel"], edit_json(unknown_multilabel_wnid)),
     DATA, "unknown wnid 'n99999999'"),
    ("confusions-unknown-wnid",
     damaged(MIRROR_FILES["confusions"], edit_json(unknown_confusion_wnid)),
     DATA, "unknown wnid 'n99999999'"),
    ("mistakes-not-validation-image",
     damaged(MIRROR_FILES["greedy_soups"], edit_json(image_50001)),
     DATA, "'ILSVRC2012_val_00050001.JPEG' is not a validation image name"),
    ("real-too-few-lists", damaged(MIRROR_FILES["real"], edit_json(one_real_list_short)),
     DATA, "expected 50000 label lists, found 49999"),
    ("classes-unsorted", damaged(MIRROR_FILES["classes"], edit_json(swapped_classes)),
     DATA, "cid order is not the sorted order"),
    ("imagenet-m-not-annotated",
     damaged(MIRROR_FILES["multilabel"], edit_json(imagenet_m_not_annotated)),
     DATA, "imagenet_m image 'ILSVRC2012_val_00000099.JPEG' is not annotated"),
    ("download-checksum-mismatch", checksum_mismatch, DATA, "does not match the known hash"),
    ("multilabel-binary-garbage", damaged(MIRROR_FILES["multilabel"], binary_garbage), DATA,
     "not UTF-8 text"),
    ("real-nested-200000-deep", damaged(MIRROR_FILES["real"], nested_deep), DATA,
     "nested too deeply to read"),
    ("real-5000-digit-integer", damaged(MIRROR_FILES["real"], huge_integer), DATA, "integer"),
    ("classes-empty", damaged(MIRROR_FILES["classes"], emptied), DATA,
     "malformed JSON"),
    ("eth-list-garbage", damaged(MIRROR_FILES["eth_list"], binary_garbage), DATA,
     "not UTF-8 text"),
    ("eth-list-no-prediction",
     damaged(MIRROR_FILES["eth_list"], edit_text(r"pred = [^\n]*\n", "")), DATA,
     "a block without one 'pred = ' line"),
    ("eth-list-zero-models",
     damaged(MIRROR_FILES["eth_list"], edit_text(r"mistakes = \d+", "mistakes = 0")),
     DATA, "not a count of models"),
    ("eth-list-wrong-wnid",
     damaged(MIRROR_FILES["eth_list"], edit_text(r"pred = (\d+), n\d+", r"pred = \1, n00000000")),
     DATA, "not an ImageNet class and its wnid"),
    ("real-scores-garbage", damaged(MIRROR_FILES["real_scores"], binary_garbage), DATA,
     "not a NumPy archive"),
    ("real-raters-of-other-questions",
     damaged(MIRROR_FILES["real_raters"], other_questions), DATA,
     "info: not the questions of scores.npz, in its order"),
    ("imagenet-x-results-without-a-factor",
     damaged(MIRROR_FILES["imagenet_x_results"], edit_text(",pose,", ",posture,")), DATA,
     "missing columns ['pose']"),
    ("imagenet-x-results-model-twice",
     damaged(MIRROR_FILES["imagenet_x_results"], edit_text(r"\nresnet50,", "\nsynthnet_x,")),
     DATA, "a model listed twice"),
    ("problem-groups-in-another-class-order",
     damaged(MIRROR_FILES["problem_groups"], edit_text(r'"0": "alias 0"', '"5": "alias 0"')),
     DATA, "class 5 is called 'alias 0', which is none of its names"),
    ("problem-groups-unknown-kind",
     damaged(MIRROR_FILES["problem_groups"], edit_json(unknown_kind)), DATA,
     "group 1: 9 is not a kind of CATEGORIES.md"),
    ("problem-groups-one-class",
     damaged(MIRROR_FILES["problem_groups"], edit_json(lone_class)), DATA,
     "group 1 has 1 class; a group has two or more"),
    ("problem-kinds-without-a-table",
     damaged(MIRROR_FILES["problem_kinds"], edit_text(r"\| 1 \|[\s\S]*", "")), DATA,
     "no table of kinds"),
    ("finegrained-another-original-label",
     damaged(MIRROR_FILES["finegrained"], edit_text(",A,65,", ",A,66,")), DATA,
     "line 2: original label 66 of ILSVRC2012_val_00000001.JPEG is not its ImageNet label 65"),
    ("finegrained-image-twice",
     damaged(MIRROR_FILES["finegrained"], edit_text("_00000004", "_00000001")), DATA,
     "line 3: 'ILSVRC2012_val_00000001.JPEG' appears twice"),
    ("clean-labels-class-out-of-range",
     damaged(MIRROR_FILES["clean_validation"], edit_text(",65,65,", ",65,1000,")), DATA,
     "line 2: '1000' is not a class id 0..999"),
    ("clean-labels-without-proposals",
     damaged(MIRROR_FILES["clean_validation"], edit_text("proposed_labels", "labels")), DATA,
     "no column 'proposed_labels'; expected id, original_label, proposed_labels"),
    ("openclip-without-a-variant",
     damaged(MIRROR_FILES["openclip"], edit_text("ImageNet-R,", "ImageNet-Rendition,")), DATA,
     "missing columns ['ImageNet-R']"),
    ("openclip-model-twice",
     damaged(MIRROR_FILES["openclip"], edit_text(",synth2b,", ",openai,")), DATA,
     "a name and pretrained tag is listed twice"),
    ("openclip-top1-not-a-number",
     damaged(MIRROR_FILES["openclip"], edit_text(",0.6332,", ",high,")), DATA,
     "top1: values are not numbers"),
    # Model files of `add-model`.
    ("truncated-npy", add_model("--logits", truncated), DATA,
     "is truncated: 1000000 bytes, too few for a (50000, 1000) float16 array"),
    ("npz-several-arrays",
     add_model("--logits", array(lambda: {"a": np.zeros(3), "b": np.zeros(3)}, ".npz")),
     DATA, "holds 2 arrays ['a', 'b']; choose one with --array"),
    ("49999-rows", add_model("--logits", array(lambda: np.zeros((49_999, 1000), np.float16))),
     DATA, "49999 rows; without --order there must be one per validation image (50000)"),
    ("999-columns", add_model("--logits", array(lambda: np.zeros((10, 999), np.float32))),
     DATA, "logits must have shape (images, 1000), got (10, 999)"),
    ("3-d", add_model("--logits", array(lambda: np.zeros((2, 2, 1000), np.float32))),
     DATA, "logits must have shape (images, 1000), got (2, 2, 1000)"),
    ("nan", add_model("--logits", array(logits_with(17, np.nan))), DATA,
     "row 17 (counting from 0, as NumPy does) holds NaN or infinite logits"),
    ("inf", add_model("--logits", array(logits_with(5, np.inf))), DATA,
     "row 5 (counting from 0, as NumPy does) holds NaN or infinite logits"),
    ("integer-logits", add_model("--logits", array(lambda: np.zeros((50_000, 1000), np.int8))),
     DATA, "logits must be float16/32/64, got int8"),
    ("topk-above-999", add_model("--topk", array(lambda: np.full((50_000, 5), 1000))),
     DATA, "row 0 holds 1000, not a class id 0..999"),
    ("topk-negative", add_model("--topk", array(lambda: np.full((50_000, 5), -1))),
     DATA, "row 0 holds -1, not a class id 0..999"),
    ("topk-repeated-id", add_model("--topk", array(lambda: np.zeros((50_000, 5), np.int64))),
     DATA, "row 0 repeats a class id"),
    ("order-wrong-length", with_order(names(synthetic.image(1))), DATA,
     "names 1 images for the 2 rows of"),
    ("order-duplicates", with_order(names(synthetic.image(1), synthetic.image(1))), DATA,
     "ILSVRC2012_val_00000001.JPEG appears twice"),
    ("order-not-validation",
     with_order(names(synthetic.image(1), "ILSVRC2012_test_00000001.JPEG")),
     DATA, "'ILSVRC2012_test_00000001.JPEG' is not a validation image name"),
    ("csv-unknown-image", add_model("--predictions", text("file_name,class_id\nmy_cat.jpg,3\n",
                                                         ".csv")),
     DATA, "'my_cat.jpg' is not a validation image name"),
    ("csv-missing-column", add_model("--predictions", text("file_name,label\nx,3\n", ".csv")),
     DATA, "missing columns ['class_id']"),
    ("csv-not-integer", add_model("--predictions",
                                  text(f"file_name,class_id\n{synthetic.image(1)},dog\n", ".csv")),
     DATA, "column class_id is not int32"),
    # timm result files.
    ("timm-json-a-list", add_model("--predictions", text("[1, 2]", ".json")), DATA,
     "not a readable timm result file (not a JSON object)"),
    ("timm-json-nested-deep", add_model("--predictions", text("[" * 100_000 + "]" * 100_000,
                                                              ".json")),
     DATA, "nested too deeply to read"),
    ("timm-json-split-not-rows",
     add_model("--predictions", text('{"columns": 3, "data": [[1]]}', ".json")),
     DATA, "its data are not rows of its columns"),
    ("timm-csv-not-numbers",
     add_model("--predictions", text(f"filename,index\n{synthetic.image(1)},[1 x]\n", ".csv")),
     DATA, "column index holds '[1 x]', not a list of numbers"),
    ("timm-csv-no-ids",
     add_model("--predictions", text(f"filename,prob\n{synthetic.image(1)},[0.5 0.2]\n", ".csv")),
     DATA, "no class ids: write it with inference.py --include-index"),
    ("timm-csv-image-twice",
     add_model("--predictions",
               text("filename,index\n" + f"{synthetic.image(1)},[1 2]\n" * 2, ".csv")),
     DATA, "an image appears twice"),
    # Numbers too large for their type, or of another type: never the bug path.
    ("timm-json-401-digit-index", add_model("--predictions", timm_json(f"[{'9' * 401}, 1]")),
     DATA, "(404 characters) 1]', not a list of numbers"),
    ("timm-json-split-huge-index",
     add_model("--predictions", text(json.dumps(
         {"columns": ["filename", "index"], "data": [[synthetic.image(1), [10**400]]]}), ".json")),
     DATA, "not a list of numbers"),
    ("timm-json-true-false-index", add_model("--predictions", timm_json("[true, false]")),
     DATA, "not a list of numbers"),
    ("timm-json-top1-true", add_model("--predictions", timm_json("true")),
     DATA, "column index holds true/false, not numbers"),
    ("timm-csv-1e20-index",
     add_model("--predictions", text(f"filename,index\n{synthetic.image(1)},[1e20 1 2]\n", ".csv")),
     DATA, "column index holds 1e+20, not a class id 0..999"),
    ("timm-csv-fraction-index",
     add_model("--predictions", text(f"filename,index\n{synthetic.image(1)},[2.5 1]\n", ".csv")),
     DATA, "column index holds 2.5, not a class id"),
    ("timm-json-key-twice",
     add_model("--predictions", text(
         f'{{"{synthetic.image(1)}": {{"index": [1], "index": [2]}}}}', ".json")),
     DATA, "key 'index' appears twice"),
    # A column named twice: a reader would take one of them, or fail on the name.
    ("table-csv-column-twice",
     add_model("--predictions", text(f"file_name,class_id,class_id\n{synthetic.image(1)},1,2\n",
                                     ".csv")), DATA, "column 'class_id' appears twice"),
    ("table-parquet-column-twice",
     add_model("--predictions", parquet_columns("file_name", "class_id", "class_id")),
     DATA, "column 'class_id' appears twice"),
    ("timm-csv-column-twice",
     add_model("--predictions", text(
         f"filename,index,index\n{synthetic.image(1)},[1 2],[1 2]\n", ".csv")),
     DATA, "column 'index' appears twice"),
    ("timm-parquet-column-twice",
     add_model("--predictions", parquet_columns("filename", "index", "prob", "prob")),
     DATA, "column 'prob' appears twice"),
    ("timm-json-split-column-twice",
     add_model("--predictions", text(json.dumps(
         {"columns": ["filename", "index", "index"], "data": [[synthetic.image(1), [1], [2]]]}),
         ".json")), DATA, "column 'index' appears twice"),
    # Only ASCII digits name an image.
    ("order-arabic-indic-digits",
     with_order(names("ILSVRC2012_val_\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0666.JPEG",
                      synthetic.image(1))), DATA, "is not a validation image name"),
    ("order-fullwidth-digits",
     with_order(names("ILSVRC2012_val_\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff16.JPEG",
                      synthetic.image(1))), DATA, "is not a validation image name"),
    ("table-arabic-indic-digits",
     add_model("--predictions", text(
         "file_name,class_id\nILSVRC2012_val_\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0666.JPEG,1\n",
         ".csv")), DATA, "is not a validation image name"),
    # Every size: a file far larger than any of its kind is refused before it is read.
    ("order-30-gb-sparse", with_order(sparse(".txt")), DATA, "larger than any such file"),
    ("order-fifo", with_order(fifo), DATA, "not a regular file"),
    ("timm-json-30-gb-sparse", add_model("--predictions", sparse(".json", b"{")),
     DATA, "larger than any such file"),
    # An empty list of models is not all of them.
    ("zoo-models-comma", zoo_models(","), USAGE, "names no model"),
    ("zoo-models-blank", zoo_models(" , "), USAGE, "names no model"),
    # A long value in a message: its start, end and length, in a line under 300 characters.
    ("long-file-name", long_file_name, USAGE, "characters) does not exist"),
    ("long-model-name", model_named("m" * 300), USAGE, "300 characters; at most 100"),
    # Arguments.
    ("duplicate-model", duplicate_model, USAGE, "already exists; use --replace to overwrite it"),
    ("sql-model-name", model_named("x'; DROP TABLE models; --"), USAGE,
     "must be lowercase letters, digits"),
    ("empty-model-name", model_named(""), USAGE, "must be lowercase letters, digits"),
    ("unwritable-db-directory", unwritable_directory, USAGE, "cannot write there ("),
    ("build-db-not-duckdb", not_duckdb("build"), USAGE,
     "not a DuckDB database file; refusing to replace it"),
    ("add-model-db-not-duckdb", not_duckdb("add-model"), USAGE, "not a DuckDB database file"),
]  # fmt: skip


def files(folder: Path, db: Path) -> dict[str, str]:
    """Every file under `folder` but the database and the download cache, with their digests
    (a huge sparse input by its size and time of change: reading it is what it tests)."""
    return {
        str(p): (
            hashlib.sha256(p.read_bytes()).hexdigest()
            if p.stat().st_size < 1 << 30
            else f"{p.stat().st_size} {p.stat().st_mtime_ns}"
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p != db and "cache" not in p.relative_to(folder).parts
    }


@pytest.mark.parametrize(
    ("make", "code", "problem"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_one_line_and_changes_nothing(
    synthetic_db: Path,
    synthetic_mirror: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Make,
    code: int,
    problem: str,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    with ExitStack() as stack:
        args, named = make(Setting(synthetic_db, synthetic_mirror, inputs, monkeypatch, stack))
        before = fingerprint(synthetic_db), files(tmp_path, synthetic_db)

        result = runner.invoke(app, [str(a) for a in args])

    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert (result.exit_code, result.stdout) == (code, "")
    # Log lines may precede it: downloads, and warnings about mirror checksums.
    errors = [line for line in result.stderr.splitlines() if not line.startswith(LOG_LINES)]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"Error: {named}"), errors[0]
    assert problem in errors[0]
    assert len(errors[0]) <= len("Error: ") + LINE_LIMIT and errors[0].isprintable()
    assert (fingerprint(synthetic_db), files(tmp_path, synthetic_db)) == before


def one_file_per_reader(mirror: Path) -> list[str]:
    """The files of a mirror, but of a family of many files in one format (timm's eight
    result tables, ImageNet-X's eighteen) only the first: one reader reads them all."""
    families: dict[tuple[str, str], list[str]] = {}
    for path in sorted(p for p in mirror.rglob("*") if p.is_file()):
        relative = path.relative_to(mirror)
        families.setdefault((relative.parts[0], relative.suffix), []).append(str(relative))
    return [f for family in families.values() for f in (family if len(family) <= 3 else family[:1])]


# The synthetic mirror (tests/synthetic.py writes the real layout) but the TFDS dump, which
# a build reads only without the canonical file (its own test, below); the ImageNetV2 zoo's
# and a prepared TFDS dataset's readers have cases above.
with tempfile.TemporaryDirectory() as folder:
    EVERY_READERS_FILE = [
        f
        for f in one_file_per_reader(synthetic.write_mirror(Path(folder) / "mirror"))
        if "tfds" not in f
    ]


@pytest.mark.parametrize("relative", EVERY_READERS_FILE)
def test_binary_garbage_in_any_mirror_file_is_one_error_naming_it(
    synthetic_mirror: Path, tmp_path: Path, relative: str
) -> None:
    """Every reader of a mirror file, on bytes of no format: a typed error, never the
    bug path. The sources are read and checked before a database is written
    (registry.load_all), so the database's part needs no build here."""
    damaged_file = synthetic_mirror / relative
    damaged_file.write_bytes(np.random.default_rng(len(relative)).bytes(5000))
    inputs = registry.Inputs(source_dir=synthetic_mirror, cache_dir=tmp_path / "cache")
    with pytest.raises(ImagenetMistakesError) as raised, guarded(tmp_path / "im.duckdb"):
        registry.load_all(inputs)
    line = str(raised.value)
    assert relative.rsplit("/", 1)[-1] in line, line
    assert "\n" not in line and len(line) <= LINE_LIMIT and line.isprintable()


def test_binary_garbage_in_the_tfds_dump_is_one_error_naming_it(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    """The dump is read when the canonical multi-label file is not there."""
    (synthetic_mirror / "multilabel" / "human_accuracy_v3.0.0.json").unlink()
    dump = synthetic_mirror / "multilabel" / "tfds_imagenet2012_multilabel_validation_dump.csv"
    for damage in (np.random.default_rng(0).bytes(5000), b"id,is_problematic\n\0\0\0\n"):
        dump.write_bytes(damage)
        inputs = registry.Inputs(source_dir=synthetic_mirror, cache_dir=tmp_path / "cache")
        with pytest.raises(ImagenetMistakesError, match=dump.name), guarded(tmp_path / "db"):
            registry.load_all(inputs)
