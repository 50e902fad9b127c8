"""Builds from the synthetic mirror: ImageNet-M, skipped ImageNetV2 names, fallbacks, warnings."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from imagenet_mistakes import build, registry, schema, storage
from imagenet_mistakes.cli import app
from imagenet_mistakes.errors import SourceFormatError, SourceUnavailable
from tests import synthetic, tfds_prepared


def build_db(mirror: Path, tmp_path: Path, **options: Path) -> duckdb.DuckDBPyConnection:
    db = tmp_path / "im.duckdb"
    build.build(db, registry.Inputs(mirror, tmp_path / "cache", **options))
    return duckdb.connect(str(db), read_only=True)


def test_canonical_file_gives_imagenet_m_and_skips_imagenetv2_images(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    with build_db(synthetic_mirror, tmp_path) as con:
        flags = con.execute(
            "select file_name, problematic, imagenet_m from image_flags join images using "
            "(image_number) where multilabel_annotated order by file_name"
        ).fetchall()
        assert flags == [
            (name, name in synthetic.PROBLEMATIC, name in synthetic.IMAGENET_M)
            for name in synthetic.ANNOTATED
        ]
        # Every other image is known not to be in ImageNet-M: false, never NULL.
        assert con.execute(
            "select count(*) from image_flags where imagenet_m is null or "
            "(not multilabel_annotated and imagenet_m)"
        ).fetchall() == [(0,)]
        labels = con.execute(
            "select file_name, class_id, verdict from image_labels join images using "
            "(image_number) where label_set = 'multilabel_v3' order by all"
        ).fetchall()
        ids = {w: i for i, w in enumerate(synthetic.WNIDS)}
        expected = sorted(
            (name, ids[wnid], verdict)
            for name, annot in synthetic.human_accuracy()["initial_annots"].items()
            if name.startswith("ILSVRC2012_val_")
            for verdict, wnids in annot.items()
            for wnid in wnids
        )
        assert labels == expected
        assert con.execute(
            "select source from label_sets where label_set = 'multilabel_v3'"
        ).fetchall() == [("human_accuracy_v3",)]


@pytest.mark.slow  # builds from a mirror of its own
def test_without_the_canonical_file_the_dump_is_used_and_imagenet_m_is_unknown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mirror = synthetic.write_mirror(tmp_path / "mirror", canonical=False)
    with caplog.at_level(logging.WARNING), build_db(mirror, tmp_path) as con:
        assert con.execute(
            "select count(*) from image_flags where imagenet_m is not null"
        ).fetchall() == [(0,)]
        problematic = con.execute(
            "select file_name from image_flags join images using (image_number) where problematic"
        ).fetchall()
        assert problematic == [(name,) for name in synthetic.PROBLEMATIC]
        source = con.execute(
            "select source from label_sets where label_set = 'multilabel_v3'"
        ).fetchall()
        assert source == [("tfds_multilabel_dump",)]
    assert "used the TFDS dump instead" in caplog.text
    assert "ImageNet-M list: not available from the multi-label source used" in caplog.text


@pytest.mark.slow  # builds from a mirror of its own
def test_the_dump_and_the_canonical_file_give_the_same_labels(tmp_path: Path) -> None:
    with_canonical = synthetic.write_mirror(tmp_path / "a")
    dump_only = synthetic.write_mirror(tmp_path / "b", canonical=False)
    query = "select * from image_labels order by all"
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    with build_db(with_canonical, tmp_path / "1") as a, build_db(dump_only, tmp_path / "2") as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_a_mirror_file_with_another_checksum_is_read_with_one_warning(
    synthetic_mirror: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), build_db(synthetic_mirror, tmp_path) as con:
        matches = dict(con.execute("select source_id, sha256_matches from sources").fetchall())
    real_json = synthetic_mirror / "reassessed-imagenet/real.json"
    warnings = [r.getMessage() for r in caplog.records if str(real_json) in r.getMessage()]
    assert warnings == [
        f"{real_json}: sha256 differs from the manifest's; reading the mirror copy as is"
    ]
    assert matches["real"] is False
    assert matches["class_wnids"] is None  # shipped in a package: no checksum in the manifest


def test_the_file_opens_in_the_portable_storage_version(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    with build_db(synthetic_mirror, tmp_path) as con:
        tags = con.execute(
            "select tags from duckdb_databases() where database_name = 'im'"
        ).fetchall()
    assert tags == [({"storage_version": f"{storage.STORAGE_VERSION}+"},)]


def test_every_table_and_column_has_a_comment(synthetic_mirror: Path, tmp_path: Path) -> None:
    with build_db(synthetic_mirror, tmp_path) as con:
        undocumented = con.execute(
            "select table_name from duckdb_tables() where comment is null "
            "union all select table_name || '.' || column_name from duckdb_columns() "
            "where database_name = 'im' and comment is null"
        ).fetchall()
    assert undocumented == []


def test_the_schema_applies_twice_without_change(tmp_path: Path) -> None:
    con = storage.create(tmp_path / "x.duckdb")
    schema.apply(con)
    before = con.execute("select table_name, sql from duckdb_tables() order by 1").fetchall()
    schema.apply(con)
    assert (
        con.execute("select table_name, sql from duckdb_tables() order by 1").fetchall() == before
    )
    assert [name for name, _ in before] == sorted(schema.tables())


def test_a_prepared_tfds_dataset_gives_the_labels_and_the_imagenet_m_list(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    data_dir = tfds_prepared.write_prepared(tmp_path / "tfds")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        build_db(synthetic_mirror, tmp_path / "a", tfds_data_dir=data_dir) as from_tfds,
        build_db(synthetic_mirror, tmp_path / "b") as from_canonical,
    ):
        for query in (
            "select * from image_labels order by all",
            "select * from image_flags order by all",
        ):
            assert from_tfds.execute(query).fetchall() == from_canonical.execute(query).fetchall()
        assert from_tfds.execute(
            "select file_name from image_flags join images using (image_number) "
            "where imagenet_m order by 1"
        ).fetchall() == [(name,) for name in synthetic.IMAGENET_M]
        assert from_tfds.execute(
            "select source from label_sets where label_set = 'multilabel_v3'"
        ).fetchall() == [("tfds_multilabel_prepared",)]


def test_a_tfrecord_prepared_dataset_is_refused_with_one_line(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    data_dir = tfds_prepared.write_prepared(tmp_path / "tfds")
    tfds_prepared.mark_as_tfrecord(data_dir)
    with pytest.raises(SourceFormatError, match="prepared as tfrecord; only array_record"):
        build_db(synthetic_mirror, tmp_path, tfds_data_dir=data_dir)
    assert not (tmp_path / "im.duckdb").exists()


def test_a_directory_without_the_prepared_dataset_is_unavailable(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    with pytest.raises(SourceUnavailable, match="no prepared imagenet2012_multilabel:3.0.0"):
        build_db(synthetic_mirror, tmp_path, tfds_data_dir=tmp_path)


@pytest.mark.parametrize(
    "content",
    [b'{"name": "imagenet2012_multilabel", "version": [', b'{"name": 5}', b"\x89PNG\x00\xff" * 50],
    ids=["malformed", "a number for a name", "binary"],
)
def test_a_damaged_dataset_info_is_one_line_naming_it(
    synthetic_mirror: Path, tmp_path: Path, content: bytes
) -> None:
    """TFDS raises what its layers do (ParseError, RuntimeError...) and logs each step at
    INFO: the user sees one line naming the file, and none of TFDS's."""
    info = tmp_path / "tfds" / "imagenet2012_multilabel" / "3.0.0" / "dataset_info.json"
    info.parent.mkdir(parents=True)
    info.write_bytes(content)
    result = CliRunner().invoke(app, [
        "build", "--db", str(tmp_path / "im.duckdb"), "--source-dir", str(synthetic_mirror),
        "--tfds-data-dir", str(tmp_path / "tfds"),
    ])  # fmt: skip
    assert (result.exit_code, result.stdout) == (1, "")
    lines = [line for line in result.stderr.splitlines() if "sha256 differs" not in line]
    assert lines == [lines[0]] and lines[0].startswith(
        f"Error: {info}: not a dataset_info TFDS can read ("
    ), result.stderr
