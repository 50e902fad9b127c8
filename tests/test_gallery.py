"""`gallery`: every mistake on a card with its labels, from any layout of the user's images.

No real ImageNet image is anywhere in the repository: the images here are
SYNTHETIC JPEGs, made by the tests and named like the validation images.
The labels on the cards are checked against the upstream files read plainly
(tests/reference.py), not against the database.
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner

from imagenet_mistakes import Database, metrics
from imagenet_mistakes.cli import app
from imagenet_mistakes.gallery import _script_json
from tests import browser
from tests.fingerprint import fingerprint
from tests.reference import read_world, zoo_predictions
from tests.synthetic import IMAGENET_M, WNIDS, image, other

runner = CliRunner()


def write_jpeg(path: Path, number: int) -> None:
    """SYNTHETIC: a small image whose colour follows its number."""
    colour = (number * 37 % 256, number * 91 % 256, number * 53 % 256)
    Image.new("RGB", (64, 48), colour).save(path, format="JPEG")


def mistakes_of(db: Path, model: str) -> list[int]:
    with Database.open(db) as database:
        rows = database.sql(f"select image_number from model_mistakes where model = '{model}'")
    return [number for (number,) in rows.rows]


def gallery(db: Path, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["gallery", *map(str, args), "--db", str(db)])
    return result.exit_code, result.stdout, result.stderr


def cards(page: Path) -> dict[str, Any]:
    """The page's data, as its script reads it."""
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', page.read_text())
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.fixture(scope="module")
def images(small_zoo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A flat folder with an image for every mistake of the three models."""
    folder = tmp_path_factory.mktemp("val")
    wanted = {
        n for model in ("alexnet", "resnet50", "vgg16") for n in mistakes_of(small_zoo_db, model)
    }
    for number in wanted:
        write_jpeg(folder / image(number), number)
    return folder


def test_every_mistake_is_a_card_with_the_labels_of_the_upstream_files(
    small_zoo_db: Path, images: Path, real_mirror: Path, tmp_path: Path
) -> None:
    before = fingerprint(small_zoo_db)
    code, stdout, stderr = gallery(small_zoo_db, "resnet50", "--images", images, "--out", tmp_path)
    assert (code, stdout) == (0, ""), stderr
    assert stderr.strip() == f"Wrote {tmp_path / 'resnet50.html'} (2751 mistakes)"
    assert fingerprint(small_zoo_db) == before  # only read

    world = read_world(real_mirror)
    predicted = zoo_predictions(real_mirror, "resnet50")
    classes = json.loads((real_mirror / "imagenetv2/data/metadata/class_info.json").read_text())
    names = {c["cid"]: c["synset"][0] for c in classes}
    # The mistakes, found plainly: not problematic, top-1 neither correct nor unclear.
    expected = {
        name
        for name, labels in world.multi.items()
        if not labels.problematic and predicted[name][0] not in labels.correct | labels.unclear
    }
    data = cards(tmp_path / "resnet50.html")
    found = {card["file_name"]: card for card in data["cards"]}
    label_set_of = {m.metric: m.label_set for m in metrics.definitions()}
    assert set(found) == expected
    assert [s["key"] for s in data["sections"]] == ["mistakes"]  # the ImageNet-M list is unknown
    for name, card in found.items():
        labels = world.multi[name]
        assert card["original_label"] == names[world.original[name]]
        assert card["correct_labels"] == [names[c] for c in sorted(labels.correct)]
        assert card["unclear_labels"] == [names[c] for c in sorted(labels.unclear)]
        assert card["real_labels"] == [names[c] for c in sorted(world.real[name])]
        # Every label set that judges the original label wrong, as its file says (but
        # cleanlab's crowd, whose votes the world does not read).
        original = world.original[name]
        lists = {"real": world.real[name], "multilabel_v3": labels.correct | labels.unclear}
        for metric, labelled in world.corrections.items():
            if name in labelled:
                lists[label_set_of[metric]] = labelled[name]
        wrong = {
            label_set for label_set, listed in lists.items() if listed and original not in listed
        }
        assert set(card["label_wrong_by"]) - {"cleanlab_mturk"} == wrong
        assert card["label_error_suspected"] == bool(card["label_wrong_by"])
        (own,) = card["predictions"]
        assert [t["class"] for t in own["top5"]] == [names[c] for c in predicted[name]]
        assert card["models"] == 3 and 1 <= card["models_wrong"] <= 3
        thumbnail = tmp_path / card["thumbnail"]
        with Image.open(thumbnail) as image:
            assert image.format == "JPEG" and max(image.size) <= 192


def test_class_folders_and_the_tar_read_in_place_give_the_same_gallery(
    small_zoo_db: Path, images: Path, tmp_path: Path
) -> None:
    wanted = mistakes_of(small_zoo_db, "vgg16")
    tree = tmp_path / "tree" / "val"
    archive = tmp_path / "ILSVRC2012_img_val.tar"
    with tarfile.open(archive, "w") as tar:
        for number in wanted:
            source = images / image(number)
            folder = tree / f"n{number % 7:08d}"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, folder / source.name)
            tar.add(source, arcname=source.name)
    pages = {}
    for layout, path in [("flat", images), ("tree", tree), ("tar", archive)]:
        out = tmp_path / layout
        code, _, stderr = gallery(small_zoo_db, "vgg16", "--images", path, "--out", out)
        assert code == 0, stderr
        assert "WARNING" not in stderr  # every image found
        pages[layout] = cards(out / "vgg16.html")
        thumbs = {p.name: p.read_bytes() for p in (out / "thumbnails").iterdir()}
        assert len(thumbs) == len(wanted)
        pages[layout]["thumbnails"] = thumbs
    assert pages["flat"] == pages["tree"] == pages["tar"]
    # Read in place: nothing was extracted beside the archive.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ILSVRC2012_img_val.tar", "flat", "tar", "tree",
    ]  # fmt: skip


def test_two_models_side_by_side_show_the_mistakes_fixed_and_new(
    small_zoo_db: Path, images: Path, tmp_path: Path
) -> None:
    code, _, stderr = gallery(
        small_zoo_db, "alexnet", "--compare", "resnet50", "--images", images, "--out", tmp_path
    )
    assert code == 0, stderr
    data = cards(tmp_path / "alexnet-vs-resnet50.html")
    a, b = set(mistakes_of(small_zoo_db, "alexnet")), set(mistakes_of(small_zoo_db, "resnet50"))
    sections = {s["key"]: [data["cards"][i] for i in s["cards"]] for s in data["sections"]}
    assert {c["image_number"] for c in sections["mistakes"]} == a
    assert {c["image_number"] for c in sections["fixed"]} == a - b
    assert {c["image_number"] for c in sections["new"]} == b - a
    for card in sections["fixed"]:
        wrong, right = card["predictions"]
        assert (wrong["title"], wrong["right"], right["title"], right["right"]) == (
            "alexnet", False, "resnet50", True,
        )  # fmt: skip
        assert right["prediction"] in card["correct_labels"] + card["unclear_labels"]
    for card in sections["new"]:
        right, wrong = card["predictions"]
        assert (right["title"], wrong["title"]) == ("alexnet", "resnet50")
        assert right["prediction"] in card["correct_labels"] + card["unclear_labels"]


def test_the_filters_keep_what_they_name(small_zoo_db: Path, images: Path, tmp_path: Path) -> None:
    code, _, stderr = gallery(
        small_zoo_db, "resnet50", "--images", images, "--out", tmp_path,
        "--category", "fine-grained", "--factor", "pose",
    )  # fmt: skip
    assert code == 0, stderr
    data = cards(tmp_path / "resnet50.html")
    assert data["cards"]
    for card in data["cards"]:
        assert "fine-grained" in (card["manual_category"], card["auto_category"])
        assert "pose" in card["factors"]


def test_missing_and_unreadable_images_are_placeholders_counted_on_stderr(
    small_zoo_db: Path, images: Path, tmp_path: Path
) -> None:
    wanted = mistakes_of(small_zoo_db, "alexnet")
    folder = tmp_path / "val"
    folder.mkdir()
    for number in wanted[:-5]:  # the last five are missing
        shutil.copy(images / image(number), folder)
    (folder / image(wanted[0])).write_bytes(b"not an image [at all]")
    Image.new("RGB", (8, 8)).save(folder / image(wanted[1]), format="PNG")
    good = (images / image(wanted[2])).read_bytes()
    (folder / image(wanted[2])).write_bytes(good[: len(good) // 2])  # truncated
    (folder / image(wanted[3])).unlink()
    (folder / image(wanted[3])).symlink_to(image(wanted[3]))  # a link to itself: a loop
    (folder / image(wanted[4])).unlink()
    with (folder / image(wanted[4])).open("wb") as huge:  # sparse: 30 GB, no disk
        huge.truncate(30 << 30)
    code, stdout, stderr = gallery(small_zoo_db, "alexnet", "--images", folder, "--out", tmp_path)
    assert (code, stdout) == (0, "")
    lines = stderr.strip().splitlines()
    assert lines == [
        f"WARNING: 5 of {len(wanted)} images not found in {folder}: placeholders shown",
        "WARNING: 5 images skipped as unreadable, corrupt or not JPEG: placeholders shown",
        f"Wrote {tmp_path / 'alexnet.html'} ({len(wanted)} mistakes)",
    ]
    by_number = {c["image_number"]: c for c in cards(tmp_path / "alexnet.html")["cards"]}
    assert [by_number[n]["thumbnail"] for n in wanted[:5]] == [None] * 5
    assert {by_number[n]["thumbnail_problem"] for n in wanted[:5]} == {"not a readable JPEG"}
    assert {by_number[n]["thumbnail_problem"] for n in wanted[-5:]} == {"image not found"}
    assert not list((tmp_path / "thumbnails").glob(".*"))  # no temporary left


def test_only_found_leaves_out_the_images_the_user_lacks(
    small_zoo_db: Path, images: Path, tmp_path: Path
) -> None:
    wanted = mistakes_of(small_zoo_db, "alexnet")
    folder = tmp_path / "val"
    folder.mkdir()
    for number in wanted[:10]:  # a partial copy: ten of the images
        shutil.copy(images / image(number), folder)
    out = tmp_path / "out"
    code, stdout, stderr = gallery(
        small_zoo_db, "alexnet", "--images", folder, "--out", out, "--only-found"
    )
    assert (code, stdout) == (0, "")
    assert stderr.strip().splitlines() == [
        f"WARNING: {len(wanted) - 10} of {len(wanted)} images not found in {folder}: "
        "left out (--only-found)",
        f"Wrote {out / 'alexnet.html'} (10 mistakes)",
    ]
    shown = cards(out / "alexnet.html")["cards"]
    assert sorted(c["image_number"] for c in shown) == sorted(wanted[:10])
    assert all(c["thumbnail"] for c in shown)


def test_out_in_a_missing_folder_is_refused_as_report_refuses_it(
    synthetic_db: Path, tmp_path: Path
) -> None:
    write_jpeg(tmp_path / image(1), 1)
    out = tmp_path / "missing" / "dir" / "g"
    code, stdout, stderr = gallery(synthetic_db, "vit3b", "--images", tmp_path, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr == f"Error: {out.parent}: no such directory\n"
    assert not (tmp_path / "missing").exists()
    report = runner.invoke(
        app, ["report", "vit3b", "--out", str(out / "r.html"), "--db", str(synthetic_db)]
    )
    assert (report.exit_code, report.stderr) == (2, f"Error: {out}: no such directory\n")


def test_the_imagenet_m_images_have_a_section_when_the_list_is_known(
    synthetic_db: Path, tmp_path: Path
) -> None:
    """The synthetic mirror's ImageNet-M list (SYNTHETIC: images 1 and 2), and a
    model wrong on the five annotated images, 3 being problematic."""
    table = tmp_path / "wrong.csv"
    rows = [f"{image(n)},{WNIDS.index(other(n, 5))}" for n in range(1, 6)]
    table.write_text("file_name,class_id\n" + "\n".join(rows) + "\n")
    added = runner.invoke(
        app, ["add-model", "wrong", "--predictions", str(table), "--db", str(synthetic_db)]
    )
    assert added.exit_code == 0, added.stderr
    for number in (1, 2, 4, 5):
        write_jpeg(tmp_path / image(number), number)
    code, _, stderr = gallery(synthetic_db, "wrong", "--images", tmp_path, "--out", tmp_path)
    assert code == 0, stderr
    data = cards(tmp_path / "wrong.html")
    sections = {
        s["key"]: {data["cards"][i]["file_name"] for i in s["cards"]} for s in data["sections"]
    }
    assert sections == {
        "mistakes": {image(n) for n in (1, 2, 4, 5)},
        "imagenet-m": set(IMAGENET_M),
    }


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("empty", "holds no ImageNet validation images"),
        ("nowhere", "no such file or folder"),
        ("notes.tar", "not an uncompressed tar archive of validation images"),
    ],
)
def test_a_path_without_validation_images_is_one_line_exit_2(
    synthetic_db: Path, tmp_path: Path, given: str, problem: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "cat.JPEG").write_bytes(b"")
    (tmp_path / "notes.tar").write_text("[not] a tar")
    path = tmp_path / given
    before = fingerprint(synthetic_db)
    code, stdout, stderr = gallery(
        synthetic_db, "vit3b", "--images", path, "--out", tmp_path / "out"
    )
    assert (code, stdout) == (2, "")
    (line,) = stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: {problem}")
    assert not (tmp_path / "out").exists()
    assert fingerprint(synthetic_db) == before


def test_an_unknown_model_is_one_line_before_any_image_is_read(
    small_zoo_db: Path, tmp_path: Path
) -> None:
    code, stdout, stderr = gallery(
        small_zoo_db, "resnet5", "--images", tmp_path / "nowhere", "--out", tmp_path / "out"
    )
    assert (code, stdout) == (2, "")
    assert stderr.strip() == (
        "Error: MODEL 'resnet5': not a model of this database (alexnet, greedy_soups, "
        "resnet50, vgg16, vit3b); did you mean 'resnet50'?"
    )


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [("--category", "fine_grained", "fine-grained"), ("--factor", "poses", "pose")],
)
def test_a_filter_no_mistake_matches_is_one_line_with_the_closest(
    small_zoo_db: Path, images: Path, tmp_path: Path, option: str, value: str, hint: str
) -> None:
    code, stdout, stderr = gallery(
        small_zoo_db, "resnet50", "--images", images, "--out", tmp_path, option, value
    )
    assert (code, stdout) == (2, "")
    assert stderr.strip() == (
        f"Error: {option} {value!r}: not a value of resnet50's mistakes; did you mean {hint!r}?"
    )
    assert not (tmp_path / "resnet50.html").exists()


def test_label_text_cannot_end_the_pages_script() -> None:
    hostile = {"label": "</script><b>[bold]</b> & more"}
    text = str(_script_json(hostile))
    assert "<" not in text and ">" not in text
    assert json.loads(text) == hostile


@pytest.fixture(scope="module")
def page(small_zoo_db: Path, images: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page")
    code, _, stderr = gallery(small_zoo_db, "vgg16", "--images", images, "--out", out)
    assert code == 0, stderr
    return out / "vgg16.html"


@browser.needed
@pytest.mark.parametrize(
    "fragment",
    ["", "auto=fine-grained&sort=file", "factor=pose&shared=3", "suspected=1&sort=confidence"],
)
def test_headless_chromium_draws_the_cards_each_filter_keeps(page: Path, fragment: str) -> None:
    dom = browser.dom(f"{page.as_uri()}#{fragment}", wait_ms=5000)
    data = cards(page)
    wanted = dict(p.split("=") for p in fragment.split("&") if p)
    kept = [
        c["file_name"]
        for c in data["cards"]
        if c["auto_category"] == wanted.get("auto", c["auto_category"])
        and ("factor" not in wanted or wanted["factor"] in c["factors"])
        and c["models_wrong"] >= int(wanted.get("shared", 0))
        and (c["label_error_suspected"] or "suspected" not in wanted)
    ]
    drawn = re.findall(r'<article data-image="([^"]+)"', dom)
    assert len(drawn) == min(200, len(kept)) > 0
    assert set(drawn) <= set(kept)
    if wanted.get("sort") == "file":
        assert drawn == sorted(kept)[:200]
    summary = re.search(r'<p id="summary">([^<]*)</p>', dom)
    assert summary is not None and f"Showing {len(drawn)} of {len(kept)}" in summary.group(1)
