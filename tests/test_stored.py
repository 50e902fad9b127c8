"""Each stored aggregate is declared once (data/stored.toml): the writes, the stored_rows
view, publish's list and the tests' fingerprint are made from the declarations, and
what add-model stores equals its live view."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb
import numpy as np

from imagenet_mistakes import Database, predictions, publish, schema, stored
from tests import synthetic
from tests.fingerprint import MODEL_TABLES

PACKAGE = resources.files("imagenet_mistakes")
ID = {wnid: i for i, wnid in enumerate(synthetic.WNIDS)}


def test_every_snapshot_table_with_a_model_column_is_declared() -> None:
    """A new per-model table cannot be forgotten: one that has a model column, is not
    made by build and is not the per-image count must be in data/stored.toml."""
    rendered = dict(schema.rendered())
    per_model = {
        name.removesuffix(".sql")
        for name, text in rendered.items()
        if name.endswith("_snapshot.sql") and re.search(r"^\s+model\s+VARCHAR", text, re.M)
    }
    # Stored by build, from the paper's mistakes.
    built = {"paper_metrics_snapshot"}
    assert per_model - built == set(stored.tables())
    for aggregate in stored.declared():
        assert f"{aggregate.live}.sql" in rendered, aggregate


def test_no_list_of_stored_tables_is_written_by_hand() -> None:
    """The writes loop over the declarations; publish and the fingerprint take them from
    stored.py; integrity reads stored_rows."""
    hand_written = [
        PACKAGE / "writes" / "store_model_results.sql",
        PACKAGE / "writes" / "remove_model.sql",
        PACKAGE / "queries" / "integrity.sql",
        PACKAGE / "publish.py",
        Path(__file__).parent / "fingerprint.py",
    ]
    for file in hand_written:
        text = file.read_text()
        named = [a.table for a in stored.declared() if a.table in text]
        lives = [a.live for a in stored.declared() if re.search(rf"\b{a.live}\b", text)]
        if file.name == "integrity.sql":
            # Its checks compare particular aggregates; the list of them is stored_rows.
            assert "from stored_rows" in text
            continue
        assert named == [] and lives == [], (file.name, named, lives)
    assert set(stored.live_views()) <= publish.MATERIALISED
    assert set(stored.tables()) <= set(MODEL_TABLES)


def test_what_add_model_stores_is_its_live_view_row_for_row(synthetic_db: Path) -> None:
    """Every declared aggregate, after adding a model: its table holds exactly the model's
    rows of the live view, the key names each row once, and stored_rows counts them."""
    rng = np.random.default_rng(0)
    # Five different classes an image, the first its original label on every third image.
    ids = np.argsort(rng.random((50_000, len(synthetic.WNIDS))), axis=1)[:, :5]
    labels = np.array([ID[synthetic.label(n)] for n in range(1, 50_001)])
    right = np.arange(50_000) % 3 == 0
    ids[right] = np.where(ids[right] == labels[right, None], ids[right, :1], ids[right])
    ids[right, 0] = labels[right]
    with Database.open(synthetic_db, write=True) as db:
        db.add_model("m", predictions.from_top_k(ids), allow_low_accuracy=True)
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        counted = dict(
            con.execute("select stored_in, rows from stored_rows where model = 'm'").fetchall()
        )
        for aggregate in stored.declared():
            columns = ", ".join(c for c in con.table(aggregate.table).columns)
            own = (
                " and evaluated_from = 'predictions'"
                if "evaluated_from" in con.table(aggregate.live).columns
                else ""
            )
            live = f"select {columns} from {aggregate.live} where model = 'm'{own}"
            table = f"select {columns} from {aggregate.table} where model = 'm'"
            for first, second in ((live, table), (table, live)):
                difference = con.execute(f"{first} except all {second}").fetchall()
                assert difference == [], (aggregate.table, difference[:3])
            rows = con.execute(f"select count(*) from ({table})").fetchone()
            keyed = con.execute(
                f"select count(*) from (select distinct {', '.join(aggregate.key)} "
                f"from {aggregate.table} where model = 'm')"
            ).fetchone()
            assert rows is not None and rows[0] > 0 and rows == keyed, aggregate.table
            assert counted[aggregate.table] == rows[0]
        assert set(counted) == set(stored.tables())
