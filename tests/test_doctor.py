"""The input doctor, on the real resnet50 of the zoo turned into each mix-up users make.

Each mix-up is made here from the public files themselves (the validation
labels and class lists tensorflow-datasets ships), not from the package's
tables: the doctor must name it, and the fixed model must score exactly as
resnet50 does.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from imagenet_mistakes import Database
from tests.commands import invoke

ZOO = "imagenetv2/data"


def tfds_lines(package: str, name: str) -> list[str]:
    return (resources.files(package) / name).read_text().split()


@pytest.fixture(scope="module")
def resnet50_by_file_name(real_mirror: Path) -> np.ndarray:
    """The zoo's resnet50 top-5 ids, one row per image in file-name order."""
    order = json.loads(
        (real_mirror / ZOO / "datasets/imagenet-validation-original.json").read_text()
    )
    numbers = [int(name[15:23]) for name, _ in order["image_filenames"]]
    ids: np.ndarray = np.load(
        real_mirror / ZOO / "predictions/imagenet-validation-original/resnet50.npy"
    )
    return ids[np.argsort(numbers)]


@pytest.fixture(scope="module")
def db(small_zoo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("doctor") / "im.duckdb"
    shutil.copy(small_zoo_db, path)
    return path


def class_folder_rows(rows: np.ndarray) -> np.ndarray:
    """The rows as an ImageFolder over val/<wnid>/<file> lists them: by wnid, then file name."""
    wnids = tfds_lines("tensorflow_datasets.datasets.imagenet2012", "validation_labels.txt")
    return rows[sorted(range(len(wnids)), key=lambda i: (wnids[i], i))]


def renumbered(ids: np.ndarray, output_wnids: list[str]) -> np.ndarray:
    """The class ids as a model whose outputs mean `output_wnids`, in that order, numbers them."""
    ours = tfds_lines("tensorflow_datasets.datasets.imagenet2012", "labels.txt")
    position = {wnid: i for i, wnid in enumerate(output_wnids)}
    mapped: np.ndarray = np.array([position[wnid] for wnid in ours])[ids]
    return mapped


def ilsvrc_ids(ids: np.ndarray) -> np.ndarray:
    """Outputs in the devkit's ILSVRC2012_ID order (ID - 1), as tensorflow-datasets lists it."""
    devkit = tfds_lines("tensorflow_datasets.image_classification", "imagenet_resized_labels.txt")
    return renumbered(ids, devkit)


def imagefolder_string(ids: np.ndarray) -> np.ndarray:
    """Outputs of an ImageFolder over folders 0..999, which it sorts as strings."""
    ours = tfds_lines("tensorflow_datasets.datasets.imagenet2012", "labels.txt")
    folders = sorted(str(i) for i in range(1000))
    return renumbered(ids, [ours[int(folder)] for folder in folders])


def add(db: Path, name: str, path: Path, *options: str) -> tuple[int, str, str]:
    return invoke("add-model", name, "--topk" if path.stem != "logits" else "--logits", path,
                  *options, "--db", db)  # fmt: skip


def scores_as_resnet50(db: Path, name: str) -> bool:
    with Database.open(db) as database:
        board = database.leaderboard().to_pandas().set_index("model")
    return bool(board.loc[name].equals(board.loc["resnet50"]))


MIX_UPS = [
    ("class_folder", class_folder_rows, ["--row-order", "class-folder"]),
    ("ilsvrc", ilsvrc_ids, ["--class-order", "ilsvrc-id"]),
    ("imagefolder", imagefolder_string, ["--class-order", "imagefolder-string"]),
    (
        "class_folder_ilsvrc",
        lambda ids: class_folder_rows(ilsvrc_ids(ids)),
        ["--row-order", "class-folder", "--class-order", "ilsvrc-id"],
    ),
]


@pytest.mark.parametrize(("name", "mix_up", "fix"), MIX_UPS, ids=[m[0] for m in MIX_UPS])
def test_the_doctor_names_the_mix_up_and_its_fix_restores_resnet50(
    name: str, mix_up: object, fix: list[str], resnet50_by_file_name: np.ndarray,
    db: Path, tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "mixed.npy"
    np.save(path, mix_up(resnet50_by_file_name))  # type: ignore[operator]

    code, stdout, stderr = add(db, name, path)

    assert (code, stdout) == (1, ""), stderr
    assert stderr.startswith(f"Error: {path}: top-1 on the original labels is ")
    assert "near chance; " in stderr
    assert f"Add {' '.join(fix)}\n" in stderr and len(stderr.splitlines()) == 1
    code, _, stderr = add(db, name, path, *fix)
    assert code == 0, stderr
    assert scores_as_resnet50(db, name)


def test_ids_shifted_by_one_are_a_background_class_first(
    resnet50_by_file_name: np.ndarray, db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "shifted.npy"
    np.save(path, resnet50_by_file_name + 1)  # TF-slim: class 0 is background

    code, _, stderr = add(db, "shifted", path)

    assert code == 1 and "(a background class first?): add --background-first" in stderr
    assert add(db, "shifted", path, "--background-first")[0] == 0
    assert scores_as_resnet50(db, "shifted")


def test_1001_logits_with_a_background_class_first(
    resnet50_by_file_name: np.ndarray, db: Path, tmp_path: Path
) -> None:
    rows = np.arange(len(resnet50_by_file_name))[:, np.newaxis]
    logits = np.zeros((len(rows), 1001), np.float32)
    logits[:, 0] = 20.0  # the background wins every image, unless it is left out
    logits[rows, resnet50_by_file_name + 1] = np.array([9, 8, 7, 6, 5], np.float32)
    path = tmp_path / "logits.npy"
    np.save(path, logits)

    code, _, stderr = add(db, "slim", path)

    assert code == 1 and "a background class first (TF-slim)? Add --background-first" in stderr
    assert add(db, "slim", path, "--background-first")[0] == 0
    assert scores_as_resnet50(db, "slim")


def test_a_weak_model_no_mix_up_explains_is_stored_only_when_asked(
    db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "random.npy"
    np.save(path, np.random.default_rng(0).integers(0, 1000, (50_000, 1)))

    code, _, stderr = add(db, "random", path)

    assert code == 1 and "no row or class order explains it" in stderr
    assert "--allow-low-accuracy stores it as it is" in stderr
    assert add(db, "random", path, "--allow-low-accuracy")[0] == 0


def test_row_order_goes_with_positional_rows_only(db: Path, tmp_path: Path) -> None:
    table = tmp_path / "p.csv"
    table.write_text("file_name,class_id\nILSVRC2012_val_00000001.JPEG,65\n")
    code, _, stderr = invoke(
        "add-model", "x", "--predictions", table, "--row-order", "class-folder", "--db", db
    )
    assert code == 2 and stderr == "Error: --row-order: goes with --logits or --topk\n"
