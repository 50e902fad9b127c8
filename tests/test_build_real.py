"""The database built from the real mirror, checked against plain readings of the same files."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from imagenet_mistakes import build, registry


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_counts_the_issue_names(real_con: duckdb.DuckDBPyConnection) -> None:
    con = real_con
    assert scalar(con, "select count(*) from classes") == 1000
    assert scalar(con, "select count(*) from images") == 50_000
    assert scalar(con, "select count(*) from image_flags where multilabel_annotated") == 20_000
    assert scalar(con, "select count(*) from image_flags where problematic") == 1308
    assert (
        scalar(
            con, "select count(distinct image_number) from image_labels where label_set = 'real'"
        )
        == 46_837
    )
    assert scalar(con, "select count(*) from image_flags where not real_excluded") == 46_837
    counts = dict(con.execute("select model, count(*) from mistakes group by model").fetchall())
    assert counts == {"vit3b": 378, "greedy_soups": 249}
    categories = {c for (c,) in con.execute("select distinct category from mistakes").fetchall()}
    assert categories == {
        "fine-grained",
        "fine-grained-oov",
        "spurious-correlation",
        "non-prototypical",
    }
    assert con.execute("select count(*), sum(frequency) from confusions").fetchone() == (481, 545)


def test_imagenet_m_is_unknown_not_false_without_the_list(
    real_con: duckdb.DuckDBPyConnection,
) -> None:
    assert scalar(real_con, "select count(*) from image_flags where imagenet_m is not null") == 0
    note = scalar(real_con, "select note from sources where source_id = 'tfds_multilabel_dump'")
    assert isinstance(note, str) and "ImageNet-M list: not available" in note


def test_original_labels_match_imagenetv2_listing(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path
) -> None:
    """TFDS's validation_labels.txt and ImageNetV2's own file list agree on all 50,000 labels."""
    listing = json.loads(
        (real_mirror / "imagenetv2/data/datasets/imagenet-validation-original.json").read_text()
    )["image_filenames"]
    db = dict(
        real_con.execute(
            "select file_name, wnid from images join classes on label = class_id"
        ).fetchall()
    )
    assert db == dict(listing)
    original = real_con.execute(
        "select image_number, class_id from image_labels where label_set = 'original'"
    ).fetchall()
    assert dict(original) == dict(
        real_con.execute("select image_number, label from images").fetchall()
    )


def test_multilabel_matches_the_annotated_listing(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path
) -> None:
    listing = json.loads(
        (real_mirror / "imagenetv2/data/datasets/imagenet-annotatedval20k-0.json").read_text()
    )["image_filenames"]
    annotated = {
        name
        for (name,) in real_con.execute(
            "select file_name from image_flags join images using (image_number) "
            "where multilabel_annotated"
        ).fetchall()
    }
    assert annotated == {name for name, _ in listing}


def test_real_labels_match_real_json(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path
) -> None:
    lists = json.loads((real_mirror / "reassessed-imagenet/real.json").read_text())
    expected = {(f"ILSVRC2012_val_{i + 1:08d}.JPEG", c) for i, ids in enumerate(lists) for c in ids}
    rows = real_con.execute(
        "select file_name, class_id from image_labels join images using (image_number) "
        "where label_set = 'real' and verdict = 'correct'"
    ).fetchall()
    assert set(rows) == expected and len(rows) == len(expected)


def test_mistakes_are_wrong_on_non_problematic_annotated_images(
    real_con: duckdb.DuckDBPyConnection,
) -> None:
    """The shared README's check: no listed mistake predicts a correct or unclear label."""
    bad = real_con.execute(
        """
        select count(*) from mistakes m join image_flags f using (image_number)
        where f.problematic is distinct from false
           or exists (select 1 from image_labels l
                      where l.label_set = 'multilabel_v3' and l.image_number = m.image_number
                        and l.class_id = m.predicted_class and l.verdict in ('correct', 'unclear'))
        """
    ).fetchone()
    assert bad == (0,)


def test_severity_and_category_normalisation(real_con: duckdb.DuckDBPyConnection) -> None:
    rows = set(real_con.execute("select distinct category_raw, category from mistakes").fetchall())
    assert ("Fine-grained error with OOV", "fine-grained-oov") in rows
    assert ("Fine-grained with OOV", "fine-grained-oov") in rows
    assert ("Fine-grained with Multilabel Options", "fine-grained") in rows
    major = dict(
        real_con.execute(
            "select model, count(*) from mistakes where severity = 'major' group by model"
        ).fetchall()
    )
    assert major == {"vit3b": 154, "greedy_soups": 89}
    borderline = "select distinct severity from mistakes where severity_raw = 'Borderline'"
    assert real_con.execute(borderline).fetchall() == [("minor",)]


def test_reconstructed_canonical_file_gives_the_same_labels_as_the_dump(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path, tmp_path: Path
) -> None:
    """Two formats, two loaders, one content: the canonical-schema JSON and the TFDS CSV dump."""
    db = tmp_path / "from_json.duckdb"
    reconstructed = real_mirror / "multilabel/human_accuracy_v3.0.0.reconstructed.json"
    build.build(db, registry.Inputs(real_mirror, tmp_path / "cache", multilabel=reconstructed))
    query = "select * from image_labels where label_set = 'multilabel_v3' order by all"
    flags = "select image_number, multilabel_annotated, problematic from image_flags order by all"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(query).fetchall() == real_con.execute(query).fetchall()
        assert con.execute(flags).fetchall() == real_con.execute(flags).fetchall()
        origin = con.execute(
            "select origin, sha256_matches from sources where source_id = 'human_accuracy_v3'"
        ).fetchone()
    assert origin == ("user", False)


def test_building_twice_gives_the_same_contents(
    real_db: Path, real_mirror: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.duckdb"
    build.build(again, registry.Inputs(real_mirror, tmp_path / "cache"))
    tables = ["classes", "images", "label_sets", "image_labels", "image_flags", "mistakes",
              "confusions", "models", "predictions"]  # fmt: skip
    with (
        duckdb.connect(str(real_db), read_only=True) as a,
        duckdb.connect(str(again), read_only=True) as b,
    ):
        for table in tables:
            assert a.table(table).order("all").fetchall() == b.table(table).order("all").fetchall()
        provenance = "select * exclude (loaded_at) from sources order by all"
        assert a.execute(provenance).fetchall() == b.execute(provenance).fetchall()


def test_cleanlab_votes_give_its_2916_label_errors(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path
) -> None:
    votes = json.loads((real_mirror / "label-errors/mturk/imagenet_mturk.json").read_text())
    errors = {f"ILSVRC2012_val_{v['id']:08d}.JPEG" for v in votes if v["mturk"]["given"] < 3}
    assert len(errors) == 2916  # the count Northcutt et al. report for ImageNet
    rows = real_con.execute(
        "select file_name from image_labels join images using (image_number) "
        "where label_set = 'cleanlab_mturk' and class_id = label and verdict <> 'correct'"
    ).fetchall()
    assert {name for (name,) in rows} == errors


def test_every_class_reaches_the_wordnet_root(real_con: duckdb.DuckDBPyConnection) -> None:
    unreached = scalar(
        real_con,
        """
        with recursive up(wnid, class_id) as (
            select wnid, class_id from hierarchy_nodes where class_id is not null
            union
            select hierarchy_edges.parent, up.class_id
            from up join hierarchy_edges on hierarchy_edges.child = up.wnid
        )
        select 1000 - count(distinct class_id) from up where wnid = 'n00001740'
        """,
    )
    assert unreached == 0
    assert scalar(real_con, "select count(*) from hierarchy_nodes where class_id is null") == 860
