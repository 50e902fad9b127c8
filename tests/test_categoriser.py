"""The categoriser (rules/, auto_categories): each rule on a mistake checked by hand in its
source, its scores against the paper's verdicts held to the levels reached, the same
verdict for the same mistake whoever makes it, and its counts beside ETH's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from imagenet_mistakes import Database, rules
from imagenet_mistakes.errors import BadArgument
from tests import docs_tables

METADATA = "imagenet-mistakes/metadata"
CATEGORY = {
    "Fine-grained error": "fine-grained",
    "Fine-grained with Multilabel Options": "fine-grained",
    "Fine-grained error with OOV": "fine-grained-oov",
    "Fine-grained with OOV": "fine-grained-oov",
    "Spurious Correlation": "spurious-correlation",
    "Non-prototypical": "non-prototypical",
}
PAPER_CATEGORIES = ("fine-grained", "fine-grained-oov", "spurious-correlation", "non-prototypical")

# One mistake of ViT-3B per rule, each checked by hand in the upstream file the rule reads:
# (image, prediction, category or severity, rule, what the evidence must say).
CATEGORY_EXAMPLES = [
    # most_common_non-proto.txt lists the image.
    ("ILSVRC2012_val_00003189.JPEG", 29, "non-prototypical", "eth_non_prototypical",
     "ETH lists this image as non-prototypical"),
    # clusters.json: teapot (849) and coffeepot (505, the original label) in a group of kinds
    # [1, 6].
    ("ILSVRC2012_val_00008304.JPEG", 849, "spurious-correlation", "problem_group_co_occur",
     "with the label 'coffeepot' as classes that mostly occur together"),
    # most_common_fg.txt, block 4: cnt mistakes = 954, pred = 192 (cairn).
    ("ILSVRC2012_val_00000612.JPEG", 192, "fine-grained", "eth_same_superclass",
     "same-superclass; 954 of its models"),
    # WordNet: entertainment center and wardrobe are both furniture, 2 steps up.
    ("ILSVRC2012_val_00001832.JPEG", 548, "fine-grained", "wordnet_near",
     "2 steps up, the prediction and the label 'wardrobe' are both 'furniture, piece of "
     "furniture, article of furniture' (22 classes)"),
    # clusters.json: bookshop and bookcase, kinds [2, 4].
    ("ILSVRC2012_val_00020066.JPEG", 454, "fine-grained", "problem_group_similar",
     "with the label 'bookcase': literally similar for non-experts"),
    # most_common_fg-OOV.txt, block 21: cnt mistakes = 717, pred = 332 (Angora).
    ("ILSVRC2012_val_00001246.JPEG", 332, "fine-grained-oov", "eth_out_of_vocabulary",
     "out-of-vocabulary (CLIP); 717 of its models"),
    # most_common_spurious_correlation.txt, block 13: cnt mistakes = 743, pred = 452 (bonnet).
    ("ILSVRC2012_val_00001417.JPEG", 452, "spurious-correlation", "eth_co_occurrence",
     "a common co-occurrence; 743 of its models"),
    # ReaL's scores.npz / raters.npz: (413, solar dish) scored 0.0012, votes no 5.
    ("ILSVRC2012_val_00000413.JPEG", 807, "spurious-correlation", "real_rejected",
     "0 yes, 0 maybe, 5 no (score 0.0012)"),
    # WordNet: crossword puzzle is 6 steps from jersey, the image's only label.
    ("ILSVRC2012_val_00000282.JPEG", 918, "fine-grained-oov", "wordnet_far",
     "every label of the image is at least 6 WordNet steps from the prediction"),
    # Hair spray on a chiffonier: nothing loaded explains it.
    ("ILSVRC2012_val_00010613.JPEG", 585, "unexplained", None, "no category rule fired"),
]  # fmt: skip
SEVERITY_EXAMPLES = [
    # ReaL: (282, crossword puzzle) scored 0.9994, votes maybe 3, yes 2.
    ("ILSVRC2012_val_00000282.JPEG", 918, "minor", "real_plausible", "2 yes, 3 maybe, 0 no"),
    ("ILSVRC2012_val_00000413.JPEG", 807, "major", "spurious_major", "a spurious correlation"),
    # The multi-label set: broom, bucket and wardrobe are correct on this image.
    ("ILSVRC2012_val_00001832.JPEG", 548, "major", "crowded_scene", "has 3 correct labels"),
    ("ILSVRC2012_val_00001246.JPEG", 332, "minor", None, "no severity rule fired"),
]  # fmt: skip

# What the rules reach against the paper's verdicts (vit3b tuned, greedy_soups held
# out): a change that lowers any of them fails here. The targets are met for
# fine-grained; see docs/analysis.md for the rest and the evidence they lack.
REACHED = {
    "vit3b": {"fine-grained": 0.858, "fine-grained-oov": 0.435, "spurious-correlation": 0.446,
              "non-prototypical": 0.965, "macro": 0.676, "severity": 0.671},
    "greedy_soups": {"fine-grained": 0.859, "fine-grained-oov": 0.346,
                     "spurious-correlation": 0.369, "non-prototypical": 0.878, "macro": 0.613,
                     "severity": 0.694},
}  # fmt: skip


def one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> tuple[Any, ...]:
    found = con.execute(sql, params or []).fetchone()
    assert found is not None, sql
    return found


@pytest.fixture(scope="module")
def con(real_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(real_db), read_only=True)


def test_category_rules_lists_every_rule_file_in_the_order_they_apply(
    con: duckdb.DuckDBPyConnection,
) -> None:
    expected = []
    for decides in ("category", "severity"):
        for path in sorted((Path(str(rules.FOLDER)) / decides).glob("*.sql")):
            gives = re.search(r"^-- gives: (\S+)$", path.read_text(), re.M)
            assert gives is not None, path
            position, name = path.stem.split("_", 1)
            expected.append((decides, int(position), name, gives[1]))
    listed = con.execute(
        "select decides, position, rule, gives from category_rules order by decides, position"
    ).fetchall()
    assert listed == sorted(expected)
    assert len(listed) >= 12


def test_a_rule_file_without_its_header_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for decides in ("category", "severity"):
        (tmp_path / decides).mkdir()
    (tmp_path / "category" / "01_guess.sql").write_text("-- gives: dog\n-- why: x\nselect 1\n")
    monkeypatch.setattr(rules, "FOLDER", tmp_path)
    rules.declared.cache_clear()
    try:
        with pytest.raises(ValueError, match="rules/category/01_guess.sql"):
            rules.declared()
        # Two rules in one place would leave their order to chance.
        for name in ("01_guess.sql", "01_other.sql"):
            (tmp_path / "category" / name).write_text(
                "-- gives: fine-grained\n-- why: x\nselect 1\n"
            )
        rules.declared.cache_clear()
        with pytest.raises(ValueError, match="two rules share a position"):
            rules.declared()
    finally:
        rules.declared.cache_clear()


# The columns of auto_categories that hold what each kind of rule decides.
VERDICT_COLUMNS = {
    "category": "auto_category, category_rule, category_evidence",
    "severity": "auto_severity, severity_rule, severity_evidence",
}


@pytest.mark.parametrize(
    ("decides", "example"),
    [("category", e) for e in CATEGORY_EXAMPLES] + [("severity", e) for e in SEVERITY_EXAMPLES],
    ids=lambda value: value if isinstance(value, str) else (value[3] or "none fired"),
)
def test_each_rule_on_a_mistake_checked_by_hand(
    con: duckdb.DuckDBPyConnection, decides: str, example: tuple[str, int, str, str | None, str]
) -> None:
    image, predicted, verdict, rule, evidence = example
    found = one(
        con,
        f"select {VERDICT_COLUMNS[decides]} from auto_categories"
        " where model = 'vit3b' and file_name = ? and predicted_class = ?",
        [image, predicted],
    )
    assert found[:2] == (verdict, rule)
    assert evidence in found[2]


@pytest.mark.parametrize("model", ["vit3b", "greedy_soups"])
def test_the_scores_against_the_paper_hold_to_the_levels_reached(
    con: duckdb.DuckDBPyConnection, real_mirror: Path, model: str
) -> None:
    paper = json.loads((real_mirror / METADATA / f"{model}_mistakes.json").read_text())
    ours = {
        name: (category, severity)
        for name, category, severity in con.execute(
            "select file_name, auto_category, auto_severity from auto_categories where model = ?",
            [model],
        ).fetchall()
    }
    assert set(ours) == set(paper)
    manual = {name: CATEGORY[m["failure category"]] for name, m in paper.items()}
    f1 = {}
    for category in PAPER_CATEGORIES:
        both = sum(ours[n][0] == category == manual[n] for n in paper)
        f1[category] = (
            2
            * both
            / (
                sum(v == category for v in manual.values())
                + sum(v[0] == category for v in ours.values())
            )
        )
    f1["macro"] = sum(f1[c] for c in PAPER_CATEGORIES) / 4
    # The paper collapses Borderline into Minor.
    f1["severity"] = sum(
        ours[n][1] == ("major" if m["failure severity"] == "Major" else "minor")
        for n, m in paper.items()
    ) / len(paper)
    in_file = dict(
        con.execute(
            "select category, f1 from auto_category_scores where model = ?", [model]
        ).fetchall()
    )
    macro, severity = one(
        con, f"select macro_f1, severity_accuracy from auto_verdict_scores where model = '{model}'"
    )
    assert in_file == pytest.approx({c: f1[c] for c in PAPER_CATEGORIES})
    assert (macro, severity) == pytest.approx((f1["macro"], f1["severity"]))
    for what, reached in REACHED[model].items():
        assert f1[what] >= reached, what


def test_the_same_mistake_gets_the_same_verdict_whichever_model_makes_it(
    real_zoo_db: Path,
) -> None:
    with duckdb.connect(str(real_zoo_db), read_only=True) as zoo:
        models, shared, differing = one(
            zoo,
            """
            select
                (select count(distinct model) from auto_categories),
                count(*) filter (where models > 1),
                count(*) filter (where verdicts > 1)
            from (
                select
                    image_number,
                    predicted_class,
                    count(*) as models,
                    count(distinct (auto_category, category_rule, category_evidence,
                                    auto_severity, severity_rule, severity_evidence)) as verdicts
                from auto_categories
                group by image_number, predicted_class
            ) as mistakes
            """,
        )
    assert models > 50 and shared > 10_000
    assert differing == 0


def test_the_counts_beside_eth_are_those_of_the_docs(real_zoo_db: Path) -> None:
    """docs/analysis.md shows all 16 models ETH published with the same weights
    (`python -m tests.docs_tables --eth` writes them); the fine-grained counts stay
    within 20% of ETH's same-superclass step on each."""
    with duckdb.connect(str(real_zoo_db), read_only=True) as zoo:
        rows = zoo.execute(
            "select model, category, ours, eth from auto_category_eth order by model, position"
        ).fetchall()
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for model, category, ours, eth in rows:
        table.setdefault(model, {})[category] = (ours, eth)
    assert len(table) == 16
    for model, counts in table.items():
        ours, eth = counts["fine-grained"]
        assert 0.8 <= ours / eth <= 1.2, model
    with duckdb.connect(str(real_zoo_db), read_only=True) as zoo:
        assert docs_tables.ETH.current() == docs_tables.ETH.made(docs_tables.eth_table(zoo))


def test_every_model_shows_what_kind_its_mistakes_are(small_zoo_db: Path) -> None:
    with Database.open(small_zoo_db) as db:
        model = db.model_names()[0]
        summary = db.query("model_summary", {"model": model}).records()
        shares = [row for row in summary if row["metric"].startswith("mistakes: ")]
        counts = db.sql(
            f"select auto_category, count(*) as n from auto_categories where model = '{model}'"
            " group by all"
        ).records()
        board = db.sql(f"select * from leaderboard where model = '{model}'").records()[0]
        listed = db.query(
            "categorised_mistakes", {"model": model, "category": "fine-grained"}
        ).records()
        with pytest.raises(BadArgument, match="a category of auto_categories"):
            db.query("categorised_mistakes", {"model": model, "category": "dogs"})
    by_count = {row["auto_category"]: row["n"] for row in counts}
    total = sum(by_count.values())
    assert [row["metric"] for row in shares] == [
        f"mistakes: {c}" for c in (*PAPER_CATEGORIES, "unexplained")
    ]
    for row in shares:
        category = row["metric"].removeprefix("mistakes: ")
        assert row["images"] == by_count.get(category, 0)
        assert row["value"] == pytest.approx(by_count.get(category, 0) / total)
        assert board[category.replace("-", "_") + "_share"] == pytest.approx(row["value"])
    assert len(listed) == by_count["fine-grained"]
    assert all(row["category_evidence"] for row in listed)
