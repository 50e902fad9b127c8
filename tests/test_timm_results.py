"""timm's inference.py result files, in every format and column style it writes.

Each file is written the way inference.py writes it (its `data_dict`,
DataFrame and `save_results`, re-done here with pandas) from the real top-5
predictions of the zoo's resnet50, so the model read back must score exactly
as resnet50 does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imagenet_mistakes import Database, predictions
from imagenet_mistakes.errors import SourceFormatError

ZOO = "imagenetv2/data"
FORMATS = ["csv", "parquet", "json", "json-records", "json-split"]
EXTENSION = {"csv": ".csv", "parquet": ".parquet", "json-records": ".json", "json-split": ".json"}


def resnet50(mirror: Path) -> tuple[list[str], list[str], np.ndarray]:
    """File names, wnids and top-5 class ids of the zoo's resnet50, in its own row order."""
    order = json.loads((mirror / ZOO / "datasets/imagenet-validation-original.json").read_text())
    names, wnids = zip(*order["image_filenames"], strict=True)
    ids = np.load(mirror / ZOO / "predictions/imagenet-validation-original/resnet50.npy")
    return list(names), list(wnids), ids


def inference_frame(
    names: list[str],
    ids: np.ndarray | None,
    outputs: np.ndarray,
    *,
    separate: bool = False,
    output_col: str = "prob",
    filename_col: str = "filename",
) -> pd.DataFrame:
    """The DataFrame inference.py builds (its data_dict), with class descriptions as labels."""
    labels = np.vectorize(lambda i: f"class {i}, a description", otypes=[object])(
        ids if ids is not None else np.zeros((len(names), 1), np.int64)
    )
    data: dict[str, object] = {filename_col: names}
    if separate and outputs.shape[-1] > 1:
        if ids is not None:
            for i in range(ids.shape[-1]):
                data[f"index_{i}"] = ids[:, i]
        for i in range(labels.shape[-1]):
            data[f"label_{i}"] = labels[:, i]
        for i in range(outputs.shape[-1]):
            data[f"{output_col}_{i}"] = outputs[:, i]
    else:
        if ids is not None:
            data["index"] = list(ids.squeeze(-1) if ids.shape[-1] == 1 else ids)
        data["label"] = list(labels.squeeze(-1) if labels.shape[-1] == 1 else labels)
        data[output_col] = list(outputs.squeeze(-1) if outputs.shape[-1] == 1 else outputs)
    return pd.DataFrame(data=data)


def save_results(frame: pd.DataFrame, path: Path, fmt: str, filename_col: str = "filename") -> None:
    """inference.py's save_results: the same pandas calls for each --results-format."""
    if fmt == "parquet":
        frame.set_index(filename_col).to_parquet(path)
    elif fmt == "json":
        frame.set_index(filename_col).to_json(path, indent=4, orient="index")
    elif fmt == "json-records":
        frame.to_json(path, lines=True, orient="records")
    elif fmt == "json-split":
        frame.to_json(path, indent=4, orient="split", index=False)
    else:
        frame.to_csv(path, index=False)


def probabilities(rows: int, k: int) -> np.ndarray:
    """Decreasing float32 probabilities summing to under 1, as softmax's top k would."""
    return np.tile((0.6 / 2.0 ** np.arange(k)).astype(np.float32), (rows, 1))


@pytest.fixture(scope="module")
def board_db(small_zoo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("timm") / "im.duckdb"
    shutil.copy(small_zoo_db, db)
    return db


def added_like_resnet50(db: Path, name: str, path: Path) -> None:
    """Add the file as `name`; its leaderboard row must be resnet50's, metric for metric."""
    loaded = predictions.from_table(path)
    with Database.open(db, write=True) as database:
        database.add_model(name, loaded, source=str(path))
        board = database.leaderboard().to_pandas().set_index("model")
    assert board.loc[name].equals(board.loc["resnet50"])


@pytest.mark.parametrize("separate", [False, True], ids=["lists", "separate-cols"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_scores_as_resnet50(
    fmt: str, separate: bool, real_mirror: Path, board_db: Path, tmp_path: Path
) -> None:
    names, _, ids = resnet50(real_mirror)
    frame = inference_frame(names, ids, probabilities(len(names), 5), separate=separate)
    path = tmp_path / f"resnet50-224{EXTENSION.get(fmt, '.json')}"
    save_results(frame, path, fmt)

    added_like_resnet50(board_db, f"timm_{fmt.replace('-', '_')}_{int(separate)}", path)

    with Database.open(board_db) as database:
        stored = database.sql(
            f"select scores from predictions where model = 'timm_{fmt.replace('-', '_')}_"
            f"{int(separate)}' and image_number = 293"
        ).rows
    assert [[round(s, 6) for s in scores] for (scores,) in stored] == [
        [0.6, 0.3, 0.15, 0.075, 0.0375]
    ]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json-records"])
def test_full_paths_a_renamed_column_and_logits(
    fmt: str, real_mirror: Path, board_db: Path, tmp_path: Path
) -> None:
    # --fullname over an ImageFolder, --filename-col path, --output-type logit.
    names, wnids, ids = resnet50(real_mirror)
    paths = [f"/data/imagenet/val/{w}/{n}" for n, w in zip(names, wnids, strict=True)]
    logits = np.tile(np.array([9.5, 7.25, 3.0, 1.0, -2.0], np.float32), (len(names), 1))
    frame = inference_frame(paths, ids, logits, output_col="logit", filename_col="path")
    path = tmp_path / f"out{EXTENSION[fmt]}"
    save_results(frame, path, fmt, filename_col="path")

    added_like_resnet50(board_db, f"timm_paths_{fmt.replace('-', '_')}", path)

    # Top-k logits give no probabilities: their softmax needs all 1,000 classes.
    loaded = predictions.from_table(path)
    assert loaded.rows["score"].null_count == loaded.rows.num_rows


@pytest.mark.parametrize("output_col", ["prob", "logit"])
def test_all_1000_outputs_without_ids(output_col: str, tmp_path: Path) -> None:
    # --topk 0: no ids; the outputs of every class. Some 300 images, in any order.
    rng = np.random.default_rng(3)
    numbers = rng.permutation(50_000)[:300] + 1
    names = [f"ILSVRC2012_val_{n:08d}.JPEG" for n in numbers]
    logits = rng.standard_normal((300, 1000)).astype(np.float32)
    outputs = logits if output_col == "logit" else np.exp(logits) / np.exp(logits).sum(1)[:, None]
    path = tmp_path / "all.parquet"
    save_results(inference_frame(names, None, outputs, output_col=output_col), path, "parquet")

    loaded = predictions.from_table(path).rows.to_pandas()

    expected_ids = np.argsort(-logits, axis=1)[:, :5]
    softmax = np.exp(logits) / np.exp(logits).sum(1)[:, None]
    by_image = np.argsort(numbers)
    assert loaded["image_number"].to_numpy().reshape(-1, 5)[:, 0].tolist() == sorted(numbers)
    assert (loaded["class_id"].to_numpy().reshape(-1, 5) == expected_ids[by_image]).all()
    expected = np.take_along_axis(softmax, expected_ids, axis=1)[by_image]
    assert np.allclose(loaded["score"].to_numpy().reshape(-1, 5), expected, rtol=1e-5)


def test_top_1_only_is_one_value_a_row(tmp_path: Path) -> None:
    # --topk 1: inference.py squeezes the lists to plain values.
    names = [f"ILSVRC2012_val_{n:08d}.JPEG" for n in (5, 1, 3)]
    frame = inference_frame(names, np.array([[7], [2], [999]]), np.array([[0.5], [0.25], [0.9]]))
    path = tmp_path / "top1.csv"
    save_results(frame, path, "csv")

    rows = predictions.from_table(path).rows.to_pylist()

    assert [(r["image_number"], r["class_id"], r["score"]) for r in rows] == [
        (1, 2, 0.25),
        (3, 999, pytest.approx(0.9)),
        (5, 7, 0.5),
    ]


def test_results_without_class_ids_say_how_to_write_them(tmp_path: Path) -> None:
    # Without --include-index inference.py writes class names and outputs only.
    names = [f"ILSVRC2012_val_{n:08d}.JPEG" for n in (1, 2)]
    frame = inference_frame(names, np.array([[1, 2], [3, 4]]), probabilities(2, 2))
    path = tmp_path / "no_ids.csv"
    save_results(frame.drop(columns="index"), path, "csv")

    with pytest.raises(SourceFormatError, match="write it with inference.py --include-index"):
        predictions.from_table(path)
