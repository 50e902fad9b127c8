"""The class problem groups of "Flaws of ImageNet", read from the real mirror and checked
against a plain reading of clusters.json and CATEGORIES.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb

FOLDER = "flaws-of-imagenet/classes/problem_groups"


def plain_groups(mirror: Path) -> list[tuple[int, int, str, list[int]]]:
    groups = json.loads((mirror / FOLDER / "clusters.json").read_text())
    return [
        (number, int(class_id), name, sorted(group["category"]))
        for number, group in enumerate(groups, start=1)
        for class_id, name in group["classes"].items()
    ]


def test_every_group_and_kind_is_loaded_as_published(
    real_mirror: Path, real_con: duckdb.DuckDBPyConnection
) -> None:
    rows = real_con.execute(
        "select problem_group, class_id, name, kinds from class_problem_groups order by all"
    ).fetchall()
    expected = sorted(plain_groups(real_mirror))
    assert rows == expected
    assert len({group for group, *_ in rows}) == 48 and len(rows) == 151
    published = re.findall(
        r"^\|\s*(\d)\s*\|\s*([^|]+?)\s*\|",
        (real_mirror / FOLDER / "CATEGORIES.md").read_text(),
        re.M,
    )
    kinds = real_con.execute("select kind, description from problem_kinds order by kind").fetchall()
    assert kinds == [(int(number), text) for number, text in published]
    assert kinds[2] == (3, "Class is a subclass of another class")


def test_the_pairs_are_every_two_classes_of_a_group_with_its_kinds(
    real_con: duckdb.DuckDBPyConnection,
) -> None:
    sizes = real_con.execute(
        "select count(*) from class_problem_groups group by problem_group"
    ).fetchall()
    pairs = real_con.execute("select count(*) from class_problem_pairs").fetchone()
    assert pairs == (sum(n * (n - 1) for (n,) in sizes),)
    # The paper's own example: a tusker is an elephant, and looks like one.
    tusker = real_con.execute(
        "select class_b, kind_descriptions from class_problem_pairs where class_a = 101 "
        "order by class_b"
    ).fetchall()
    similar_subclass = ["Literally similar for non-experts", "Class is a subclass of another class"]
    assert tusker == [(385, similar_subclass), (386, similar_subclass)]
    # A spider and its web: the group's kinds, similar spiders and what occurs with them.
    web = real_con.execute(
        "select list(class_b order by class_b), any_value(kinds) from class_problem_pairs "
        "where class_a = 815"
    ).fetchone()
    assert web == ([72, 73, 74, 77], [2, 6])


def test_the_licence_notes_say_the_groups_come_without_a_licence(real_db: Path) -> None:
    from imagenet_mistakes import licences

    with duckdb.connect(str(real_db), read_only=True) as con:
        notes = licences.notes(con)
    assert any(note.startswith("For non-commercial use only (CC-BY-NC-4.0)") for note in notes)
    unlicensed = [note for note in notes if note.startswith("Published with no licence")]
    # The groups, and what the categoriser's verdicts (two of its rules read them) and the
    # shares of each kind of mistake are made from; what reads the mistakes alone is not.
    # Then the label sets of the same repository, and what is scored against them.
    assert unlicensed == [
        "Published with no licence, so its authors keep every right (cite them): the tables "
        "class_problem_groups, mistake_verdicts_snapshot, problem_kinds, verdict_queue; the "
        "views auto_categories, auto_category_confusion, auto_category_eth, "
        "auto_category_scores, auto_verdict_scores, class_problem_pairs, leaderboard, "
        "mistake_verdicts_live, model_category_shares, queued_verdicts; the label sets "
        "clean_validation, finegrained (their rows of "
        "image_labels and image_scope, label_agreement's columns of the same names, and "
        "the metrics clean, finegrained)."
    ]
