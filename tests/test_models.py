"""Adding models on the synthetic database: every input form, partial predictions, ties
and ImageNet-M (bad input is in test_bad_input.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from imagenet_mistakes import Database, predictions
from imagenet_mistakes.errors import BadArgument
from tests import reference, synthetic
from tests.commands import invoke
from tests.fingerprint import MODEL_TABLES, fingerprint

ID = {wnid: i for i, wnid in enumerate(synthetic.WNIDS)}


def leaderboard_row(db: Path, model: str) -> dict[str, Any]:
    with duckdb.connect(str(db), read_only=True) as con:
        relation = con.execute("select * from leaderboard where model = ?", [model])
        columns = [d[0] for d in relation.description or []]
        row = relation.fetchone()
    assert row is not None
    return dict(zip(columns, row, strict=True))


def synthetic_world() -> reference.World:
    """The synthetic mirror's labels, read the plain way for the reference metrics."""
    annots = synthetic.human_accuracy()["initial_annots"]
    return reference.World(
        original={synthetic.image(n): ID[synthetic.label(n)] for n in range(1, 50_001)},
        real={
            synthetic.image(n): [] if synthetic.image(n) in synthetic.REAL_EXCLUDED
            else [ID[synthetic.label(n)]] + ([ID[synthetic.other(4)]] if n == 4 else [])
            for n in range(1, 50_001)
        },
        multi={
            name: reference.MultiLabel(
                {ID[w] for w in annots[name].get("correct", [])},
                {ID[w] for w in annots[name].get("unclear", [])},
                name in synthetic.PROBLEMATIC,
            )
            for name in synthetic.ANNOTATED
        },
        imagenet_m=set(synthetic.IMAGENET_M),
        corrections={
            metric: {synthetic.image(n): set(ids) for n, _, ids in rows if ids}
            for metric, rows in [
                ("clean", synthetic.CLEAN_VALIDATION), ("finegrained", synthetic.FINEGRAINED)
            ]
        },
    )  # fmt: skip


# A partial model on images 1-5: right on ImageNet-M image 1, wrong on image 2;
# on image 4 it names a class v3 accepts and ReaL lists, but not the original label.
PARTIAL_TOP1 = {
    synthetic.image(1): synthetic.label(1),
    synthetic.image(2): synthetic.other(2, 3),
    synthetic.image(3): synthetic.label(3),
    synthetic.image(4): synthetic.other(4),
    synthetic.image(5): synthetic.other(5),
}


def test_partial_predictions_give_every_metric_with_its_image_count(
    synthetic_db: Path, tmp_path: Path
) -> None:
    csv_file = tmp_path / "preds.csv"
    csv_file.write_text(
        "file_name,class_id\n" + "".join(f"{n},{ID[w]}\n" for n, w in PARTIAL_TOP1.items())
    )
    code, _, stderr = invoke(
        "add-model", "partial", "--predictions", csv_file, "--db", synthetic_db
    )
    assert code == 0, stderr

    row = leaderboard_row(synthetic_db, "partial")
    expected = reference.metrics({n: [ID[w]] for n, w in PARTIAL_TOP1.items()}, synthetic_world())
    expected["top5"] = None  # one prediction per image: top-5 is unknown, not 0
    assert {key: row[key] for key in expected} == expected
    # Worked by hand: top-1 right on 1 and 3; ReaL (2 excluded) right on 1, 3, 4;
    # v3 (3 problematic) right on 1 and 4; ImageNet-M {1, 2}: right on 1.
    assert (row["top1"], row["real"], row["mla_micro"]) == (2 / 5, 3 / 4, 2 / 4)
    assert (row["imagenet_m_correct"], row["imagenet_m_total"]) == (1, 2)
    assert (row["images"], row["real_images"], row["mla_images"]) == (5, 4, 4)


def test_unclear_counts_for_the_paper_metric_but_not_the_strict_one(
    synthetic_db: Path, tmp_path: Path
) -> None:
    order = tmp_path / "order.txt"
    order.write_text(f"{synthetic.image(2)}\n")
    ids = tmp_path / "top1.npy"
    np.save(ids, np.array([[ID[synthetic.other(2)]]]))  # image 2's unclear label
    code, _, stderr = invoke(
        "add-model", "unclear", "--topk", ids, "--order", order, "--db", synthetic_db
    )
    assert code == 0, stderr
    row = leaderboard_row(synthetic_db, "unclear")
    assert (row["mla"], row["mla_strict"], row["imagenet_m_correct"]) == (1.0, 0.0, 1)


def test_logits_keep_the_top_k_with_softmax_scores_and_ties_go_to_the_lower_class(
    synthetic_db: Path, tmp_path: Path
) -> None:
    logits = np.zeros((3, 1000), np.float16)
    logits[1, 7] = logits[1, 3] = 2.0  # a tie for first place
    logits[2, 900:] = 1.0  # a tie straddling the 3rd place
    order = tmp_path / "order.json"
    order.write_text(json.dumps([synthetic.image(n) for n in (30, 10, 20)]))
    path = tmp_path / "logits.npz"
    np.savez(path, logits=logits)
    code, _, stderr = invoke(
        "add-model", "ties", "--logits", path, "--order", order, "--k", "3", "--db", synthetic_db
    )
    assert code == 0, stderr
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        rows = con.execute(
            "select file_name, unnest(generate_series(1, len(classes))), unnest(classes), "
            "unnest(scores) from predictions join images "
            "using (image_number) where model = 'ties' order by image_number"
        ).fetchall()
        assert con.execute("select top_k, images from models where model = 'ties'").fetchone() == (
            3, 3,
        )  # fmt: skip
    e, e1 = np.exp(2.0), np.exp(1.0)
    expected = [
        (synthetic.image(10), 1, 3, e / (998 + 2 * e)),
        (synthetic.image(10), 2, 7, e / (998 + 2 * e)),
        (synthetic.image(10), 3, 0, 1 / (998 + 2 * e)),
        (synthetic.image(20), 1, 900, e1 / (900 + 100 * e1)),
        (synthetic.image(20), 2, 901, e1 / (900 + 100 * e1)),
        (synthetic.image(20), 3, 902, e1 / (900 + 100 * e1)),
        (synthetic.image(30), 1, 0, 1 / 1000),
        (synthetic.image(30), 2, 1, 1 / 1000),
        (synthetic.image(30), 3, 2, 1 / 1000),
    ]
    assert [r[:3] for r in rows] == [r[:3] for r in expected]
    assert [r[3] for r in rows] == pytest.approx([r[3] for r in expected], rel=1e-6)


def test_replace_swaps_the_model_and_remove_model_removes_it(
    synthetic_db: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(f"file_name,class_id\n{synthetic.image(1)},{ID[synthetic.label(1)]}\n")
    second.write_text(f"file_name,class_id\n{synthetic.image(1)},{ID[synthetic.other(1)]}\n")
    assert invoke("add-model", "m", "--predictions", first, "--db", synthetic_db)[0] == 0
    code, _, stderr = invoke(
        "add-model", "m", "--predictions", second, "--replace", "--db", synthetic_db
    )
    assert code == 0, stderr
    assert leaderboard_row(synthetic_db, "m")["top1"] == 0.0
    assert invoke("remove-model", "m", "--db", synthetic_db)[0] == 0
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        for table in MODEL_TABLES:
            assert con.execute(f"select count(*) from {table}").fetchone() == (0,), table


def test_a_batch_naming_a_model_twice_adds_nothing(synthetic_db: Path) -> None:
    """Each image's count of models is added once per batch, so a model given twice in
    one batch (even with replace) is refused rather than counted twice."""
    before = fingerprint(synthetic_db)
    rows = predictions.from_top_k(np.array([[ID[synthetic.label(1)]]]), order=[synthetic.image(1)])
    with Database.open(synthetic_db, write=True) as db:
        with pytest.raises(BadArgument, match="'m' is given twice"):
            db.add_models([("m", rows, "test", None), ("m", rows, "test", None)], replace=True)
    assert fingerprint(synthetic_db) == before


def test_rebuilding_keeps_the_models(synthetic_db: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "preds.csv"
    csv_file.write_text(
        "file_name,class_id\n" + "".join(f"{n},{ID[w]}\n" for n, w in PARTIAL_TOP1.items())
    )
    assert invoke("add-model", "kept", "--predictions", csv_file, "--db", synthetic_db)[0] == 0
    before = leaderboard_row(synthetic_db, "kept")
    mirror = synthetic.write_mirror(tmp_path / "mirror")
    code, _, stderr = invoke("build", "--db", synthetic_db, "--source-dir", mirror)
    assert code == 0, stderr
    assert leaderboard_row(synthetic_db, "kept") == before


def test_scores_are_stored_as_real_with_the_ranks_and_every_metric_kept(
    synthetic_db: Path, logits: Path
) -> None:
    """REAL scores: each is the softmax the package works out, rounded to REAL (2^-24,
    relative), within 1e-6 of the float64 softmax worked out here (float32 logits'
    arithmetic costs more than the rounding), still in rank order; and no metric moves:
    the model's metrics are those of its classes added without scores."""
    values = np.load(logits)[:5000]  # images 1 to 5,000
    order = [synthetic.image(n) for n in range(1, 5001)]
    best = np.argsort(-values, axis=1, kind="stable")[:, :5]  # ties to the lower class id
    shifted = values.astype(np.float64) - values.max(axis=1, keepdims=True)
    rows = np.arange(len(values))[:, np.newaxis]
    softmax = np.exp(shifted[rows, best]) / np.exp(shifted).sum(axis=1, keepdims=True)
    with Database.open(synthetic_db, write=True) as database:
        database.add_model("scored", predictions.from_logits(values, order=order))
        database.add_model("unscored", predictions.from_top_k(best, order=order))
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        stored = con.execute(
            "select classes, scores from predictions where model = 'scored' order by image_number"
        ).fetchall()
        column = con.execute(
            "select data_type from duckdb_columns() where column_name = 'scores'"
        ).fetchone()
        metrics = con.execute(
            "select model, metric, value, variance, hits, images from model_metrics_snapshot "
            "where model in ('scored', 'unscored') order by metric, model"
        ).fetchall()
    assert column == ("FLOAT[]",)
    classes, scores = (np.array(column) for column in zip(*stored, strict=True))
    assert (classes == best).all()
    worked_out = predictions.top_k(values, 5)[1]
    assert np.abs(scores / worked_out - 1).max() <= 2**-24
    assert np.abs(scores / softmax - 1).max() <= 1e-6
    assert (np.diff(scores, axis=1) <= 0).all()  # rounding keeps the order, ties at most
    assert metrics[0::2] == [("scored", *rest) for _, *rest in metrics[1::2]]


def test_from_paper_reads_the_paper_logits_and_replaces_the_derived_row(
    synthetic_db: Path, tmp_path: Path
) -> None:
    assert leaderboard_row(synthetic_db, "vit3b")["evaluated_from"] == "mistakes table"
    mirror = synthetic.write_mirror(tmp_path / "mirror")
    logits = np.zeros((50_000, 1000), np.float16)
    labels = [ID[synthetic.label(n)] for n in range(1, 50_001)]
    logits[np.arange(50_000), labels] = 5.0  # SYNTHETIC: always right on the original label
    (mirror / "imagenet-mistakes/logits").mkdir(exist_ok=True)
    np.savez(mirror / "imagenet-mistakes/logits/vit3b.npz", logits=logits)

    code, _, stderr = invoke(
        "add-model", "vit3b", "--from-paper", "--source-dir", mirror, "--db", synthetic_db
    )
    assert code == 0, stderr
    row = leaderboard_row(synthetic_db, "vit3b")
    assert (row["evaluated_from"], row["top1"], row["images"]) == ("predictions", 1.0, 50_000)
    # Removed, the paper's figures that build stored from its mistakes are back.
    assert invoke("remove-model", "vit3b", "--db", synthetic_db)[0] == 0
    assert leaderboard_row(synthetic_db, "vit3b")["evaluated_from"] == "mistakes table"


def test_from_paper_without_the_logits_points_to_the_derived_view(
    synthetic_db: Path, synthetic_mirror: Path
) -> None:
    code, _, stderr = invoke(
        "add-model", "greedy_soups", "--from-paper", "--source-dir", synthetic_mirror,
        "--db", synthetic_db,
    )  # fmt: skip
    assert code == 3
    assert stderr.startswith(
        f"Error: {synthetic_mirror}/imagenet-mistakes/logits/greedysoups.npz: not in the source"
    )
    assert "are in model_metrics" in stderr


def test_add_zoo_refuses_an_unknown_model_with_a_suggestion(
    synthetic_db: Path, synthetic_mirror: Path
) -> None:
    before = synthetic_db.read_bytes()
    code, _, stderr = invoke(
        "add-zoo", "imagenetv2", "--models", "resnet50,resnet5",
        "--source-dir", synthetic_mirror, "--db", synthetic_db,
    )  # fmt: skip
    assert code == 2
    assert (
        "Error: --models 'resnet5': not a model of imagenetv2; did you mean 'resnet50'?" in stderr
    )
    assert synthetic_db.read_bytes() == before


def test_k_out_of_range_is_refused_before_reading(synthetic_db: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke(
        "add-model", "m", "--logits", synthetic_db, "--k", "0", "--db", synthetic_db
    )
    assert code == 2
    assert stderr.strip() == "Error: --k 0 must be between 1 and 1000"


def test_a_parquet_table_with_ranks_and_scores_is_listed_by_models(
    synthetic_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "preds.parquet"
    pq.write_table(
        pa.table(
            {
                "file_name": [synthetic.image(1)] * 2 + [synthetic.image(2)] * 2,
                "rank": [2, 1, 1, 2],
                "class_id": [ID[synthetic.label(1)], 5, ID[synthetic.label(2)], 6],
                "score": [0.3, 0.6, 0.9, 0.05],
            }
        ),
        path,
    )
    code, _, stderr = invoke("add-model", "pq", "--predictions", path, "--db", synthetic_db)
    assert code == 0, stderr
    row = leaderboard_row(synthetic_db, "pq")
    assert (row["top1"], row["images"]) == (0.5, 2)
    code, stdout, _ = invoke("models", "--format", "json", "--db", synthetic_db)
    assert code == 0
    (listed,) = json.loads(stdout)
    assert (listed["model"], listed["source"], listed["top_k"], listed["images"]) == (
        "pq", str(path), 2, 2,
    )  # fmt: skip


def test_imagenet_m_images_no_model_gets_right(synthetic_db: Path, tmp_path: Path) -> None:
    for model, images_right in (("a", [1]), ("b", [])):
        preds = tmp_path / f"{model}.csv"
        preds.write_text(
            "file_name,class_id\n"
            + "".join(
                f"{synthetic.image(n)},"
                f"{ID[synthetic.label(n)] if n in images_right else ID[synthetic.other(n, 3)]}\n"
                for n in (1, 2)
            )
        )
        assert invoke("add-model", model, "--predictions", preds, "--db", synthetic_db)[0] == 0
    code, stdout, _ = invoke(
        "query", "imagenet_m_hardest", "--format", "json", "--db", synthetic_db
    )
    assert code == 0
    assert [(r["file_name"], r["models"]) for r in json.loads(stdout)] == [(synthetic.image(2), 2)]
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        rows = con.execute(
            "select file_name, models_right, right_models from imagenet_m_results order by 1"
        ).fetchall()
    assert rows == [(synthetic.image(1), 1, ["a"]), (synthetic.image(2), 0, [])]


def test_imagenet_m_hardest_says_when_the_list_is_unknown(tmp_path: Path) -> None:
    mirror = synthetic.write_mirror(tmp_path / "mirror", canonical=False)
    db = tmp_path / "im.duckdb"
    assert invoke("build", "--db", db, "--source-dir", mirror)[0] == 0
    for query, params in [("imagenet_m_hardest", []), ("imagenet_m", ["-p", "model=vit3b"])]:
        code, stdout, stderr = invoke("query", query, *params, "--format", "json", "--db", db)
        # No rows, rather than a message in a data column; the message on stderr.
        assert (code, json.loads(stdout)) == (0, [])
        assert stderr.startswith("ImageNet-M list: not available from the multi-label source")
        assert stderr.endswith(f"; query {query} has no rows without it\n")


def test_a_subset_is_said_plainly_and_marked_on_the_leaderboard(
    synthetic_db: Path, tmp_path: Path
) -> None:
    ids = np.array([[ID[synthetic.label(n)]] for n in range(1, 50_001)])
    full, part, order = tmp_path / "full.npy", tmp_path / "part.npy", tmp_path / "order.txt"
    np.save(full, ids)
    np.save(part, ids[:3])
    order.write_text("".join(f"{synthetic.image(n)}\n" for n in (1, 2, 3)))

    assert invoke("add-model", "full", "--topk", full, "--db", synthetic_db)[2] == (
        "Added full: 50000 images, top-1\n"
    )
    code, _, stderr = invoke(
        "add-model", "part", "--topk", part, "--order", order, "--db", synthetic_db
    )

    assert code == 0
    assert stderr == (
        "Added part: 3 of 50000 images (each metric counts these, and it is ranked only among "
        "models on the same images), top-1\n"
    )
    image_sets = [leaderboard_row(synthetic_db, m)["image_set"] for m in ("full", "part", "vit3b")]
    assert image_sets[0] == image_sets[2] == "all"
    assert re.fullmatch("subset-[0-9a-f]{8}", image_sets[1])
    assert leaderboard_row(synthetic_db, "part")["images"] == 3
