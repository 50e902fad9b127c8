"""ReaL's scores and rater votes (Beyer et al. 2020): loaded as the archives hold them, the
labels of real.json being their 0.8 operating point, and soft ReaL accuracy and rater
agreement worked out here in plain Python from the archives."""

from __future__ import annotations

import functools
import json
import operator
import re
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from imagenet_mistakes import Database
from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import real_ratings
from tests import reference


def test_real_labels_are_the_rated_classes_scoring_at_least_0_8(
    real_db: Path, real_mirror: Path
) -> None:
    """ReaL's operating point: on the images raters saw, real.json lists exactly the classes
    scoring 0.8 or more; the others' labels were never put to raters."""
    rated = reference.real_questions(real_mirror)
    real = json.loads((real_mirror / reference.REAL / "real.json").read_text())
    high: dict[int, set[int]] = {}
    for (number, label), (score, _) in rated.items():
        high.setdefault(number, set())
        if score >= 0.8:
            high[number].add(label)
    rated_images = set(high)
    assert {n: set(real[n - 1]) for n in rated_images} == high
    with Database.open(real_db) as db:
        stored = db.sql(
            "select image_number, class_id, score, votes_no, votes_maybe, votes_yes "
            "from real_ratings"
        ).rows
    assert {(n, c): (s, [no, maybe, yes]) for n, c, s, no, maybe, yes in stored} == rated
    assert len(rated_images) == 24_889


def test_soft_real_accuracy_is_the_mean_score_of_the_prediction(
    small_zoo_db: Path, real_mirror: Path
) -> None:
    rated = reference.real_questions(real_mirror)
    rated_images = {number for number, _ in rated}
    real = json.loads((real_mirror / reference.REAL / "real.json").read_text())
    with Database.open(small_zoo_db) as db:
        top1 = dict(
            db.sql("select image_number, classes[1] from predictions where model = 'resnet50'").rows
        )
        found = db.sql(
            "select images, real_accuracy, soft_real_accuracy from real_soft_accuracy "
            "where model = 'resnet50'"
        ).rows
    soft, hard = [], []
    for number, labels in enumerate(real, start=1):
        if not labels:
            continue
        predicted = top1[number]
        hard.append(predicted in labels)
        if number in rated_images:
            soft.append(rated.get((number, predicted), (0.0, []))[0])
        else:
            soft.append(1.0 if predicted in labels else 0.0)
    assert found[0][0] == len(soft) == 46_837
    assert found[0][1] == sum(hard) / len(hard)
    # Bit for bit: the scores added one by one in image order, as the view adds them (not
    # sum(), which compensates from Python 3.12 on).
    assert found[0][2] == functools.reduce(operator.add, soft, 0.0) / len(soft)


def test_the_stored_soft_totals_are_those_summed_afresh(small_zoo_db: Path) -> None:
    """real_soft_accuracy reads the totals add-model stored; summed afresh from the
    predictions, every total is the same, to the bit."""
    with Database.open(small_zoo_db) as db:
        stored = db.sql("select * from real_soft_totals_snapshot order by model").rows
        live = db.sql(
            "select model, images, correct, rated_images, soft_score_sum "
            "from real_soft_totals_live order by model"
        ).rows
    assert len(stored) == len(live) > 1
    assert stored == live


def test_label_agreement_carries_the_votes_on_the_original_label(
    real_db: Path, real_mirror: Path
) -> None:
    rated = reference.real_questions(real_mirror)
    original = {}
    with Database.open(real_db) as db:
        original = dict(db.sql("select image_number, label from images").rows)
        found = db.sql(
            "select image_number, real_votes_yes, real_votes_maybe, real_votes_no, "
            "real_score, real_rater_agreement from label_agreement"
        ).rows
    assert len(found) == 50_000
    per_image: dict[int, list[list[int]]] = {}
    for (number, _), (_, votes) in rated.items():
        per_image.setdefault(number, []).append(votes)
    for number, yes, maybe, no, score, agreement in found:
        asked = rated.get((number, original[number]))
        if asked is None:
            assert (yes, maybe, no, score) == (None, None, None, None)
        else:
            assert (yes, maybe, no) == (asked[1][2], asked[1][1], asked[1][0])
            assert score == asked[0]
        if number in per_image:
            asked_here = per_image[number]
            expected = sum(max(v) for v in asked_here) / sum(sum(v) for v in asked_here)
            assert agreement == pytest.approx(expected, rel=1e-12), number
        else:
            assert agreement is None


def test_a_damaged_archive_is_refused_with_what_is_wrong(tmp_path: Path) -> None:
    info = np.array([["ILSVRC2012_val_00000001.JPEG", "3"]])
    good = tmp_path / "scores.npz"
    np.savez(good, info=info, tensor=np.array([0.5]))
    found_info, scores = real_ratings.load_scores(good)
    cases = [
        ({"info": info, "tensor": np.array([1.5])}, "scores outside [0, 1]"),
        ({"info": info}, "missing arrays ['tensor']"),
        ({"info": info, "tensor": np.array([0.5, 0.5])}, "do not match"),
    ]
    for arrays, problem in cases:
        path = tmp_path / "bad.npz"
        np.savez(path, **cast(dict[str, Any], arrays))  # numpy types **kwds like allow_pickle
        with pytest.raises(SourceFormatError, match=re.escape(problem)):
            real_ratings.load_scores(path)
    (tmp_path / "garbage.npz").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(SourceFormatError, match="not a NumPy archive"):
        real_ratings.load_scores(tmp_path / "garbage.npz")
    raters = tmp_path / "raters.npz"
    np.savez(raters, info=info, tensor=np.array([[[1, 1, 0]]]), ids=np.array([7]))
    with pytest.raises(SourceFormatError, match="more answers to a question than raters"):
        real_ratings.ratings(raters, found_info, scores)
    np.savez(raters, info=info, tensor=np.array([[[2, 0, 0]]]), ids=np.array([7]))
    with pytest.raises(SourceFormatError, match="votes other than 0 and 1"):
        real_ratings.ratings(raters, found_info, scores)
    np.savez(raters, info=np.array([["ILSVRC2012_val_00000002.JPEG", "3"]]),
             tensor=np.array([[[1, 0, 0]]]), ids=np.array([7]))  # fmt: skip
    with pytest.raises(SourceFormatError, match="not the questions of scores.npz"):
        real_ratings.ratings(raters, found_info, scores)
