"""`export`: the Parquet lake read back by DuckDB and by Spark gives the database's results."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from imagenet_mistakes import Database, views
from imagenet_mistakes.errors import BadArgument
from tests.compare import assert_same_rows
from tests.conftest import unavailable

# Deterministic queries over the views, NULLs placed explicitly (engines differ by default).
QUERIES = [
    "select * from leaderboard order by model",
    "select * from model_metrics order by model, metric",
    "select * from mistake_breakdown order by model, category, severity",
    "select * from auto_category_scores order by model, category",
    "select * from remaining_mistakes order by model, paper_model, category, severity",
    "select multilabel_v3, real, cleanlab_mturk, count(*) from label_agreement "
    "group by multilabel_v3, real, cleanlab_mturk "
    "order by multilabel_v3 nulls last, real nulls last, cleanlab_mturk nulls last",
    "select count(*), sum(distance) from class_ancestors",
    # Every other view, summarised so that a wrong row would change a figure.
    "select model, label_set, count(*), sum(cast(correct as int)), "
    "sum(cast(correct_or_unclear as int)), sum(cast(top5_correct as int)), "
    "sum(top1_class) from image_results "
    "group by model, label_set order by model, label_set",
    "select model, label_set, count(*), sum(images), sum(accuracy), sum(lenient_accuracy) "
    "from class_accuracy group by model, label_set order by model, label_set",
    "select model, label_set, scope, evaluated_from, count(*), sum(images), sum(correct), "
    "sum(correct_or_unclear), sum(top5_correct) from class_results "
    "group by model, label_set, scope, evaluated_from "
    "order by model, label_set, scope, evaluated_from",
    "select model, evaluated_from, manual_category, count(*), sum(predicted_class) "
    "from model_mistakes group by model, evaluated_from, manual_category "
    "order by model, evaluated_from, manual_category nulls last",
    "select * from model_confusions order by model, original_class, predicted_class",
    "select * from paper_confusions order by class_a, class_b",
    "select count(*), sum(models_right) from imagenet_m_results",
    "select model, auto_category, category_rule, auto_severity, severity_rule, count(*), "
    "count(distinct category_evidence), sum(length(category_evidence)), "
    "sum(length(severity_evidence)) from auto_categories "
    "group by model, auto_category, category_rule, auto_severity, severity_rule "
    "order by model, auto_category, category_rule nulls last, auto_severity, "
    "severity_rule nulls last",
    "select * from model_category_shares order by model, position",
    "select * from auto_verdict_scores order by model",
    "select * from auto_category_confusion order by model, manual_category, auto_category",
    "select label_set, count(*), sum(models), sum(models_wrong), count(eth_error_type), "
    "sum(eth_models_wrong), sum(eth_predicted_class) from image_difficulty "
    "group by label_set order by label_set",
    "select * from eth_step_agreement order by model, metric",
    "select * from eth_co_occurrence_pairs order by class_id, co_occurring_class",
    "select model, selection, reading, count(*), sum(images), sum(correct), sum(accuracy), "
    "sum(error_ratio), sum(all_images) from factor_accuracy "
    "group by model, selection, reading order by model, selection, reading",
    "select * from metaclass_accuracy order by model, reading, metaclass",
    "select * from mistake_factors order by model, manual_category, factor",
    "select * from mistake_factor_shares order by model, factor",
    "select * from real_soft_accuracy order by model",
    "select count(real_votes_yes), sum(real_votes_no), sum(real_score), sum(real_rater_agreement) "
    "from label_agreement",
]

# Spark takes seconds a query and seconds a view, so within CI's 15 minutes it creates
# every view but those over the categoriser's rules (a view each, read by the
# leaderboard: 25 s to create, a thousand stages to run) and compares these queries:
# lists, FILTER, windows, VALUES, scalar subqueries, an ordered sum. DuckDB reading the
# lake and PostgreSQL compare every query, over every view, translated by the same code.
SPARK_VIEWS = ("model_metrics", "image_difficulty", "metaclass_accuracy", "real_soft_accuracy")
SPARK_QUERIES = [q for q in QUERIES if re.search(rf"from ({'|'.join(SPARK_VIEWS)})\b", q)]


def views_without(*left_out: str) -> set[str]:
    """Every view that reads none of `left_out`, directly or through other views."""
    reads = {view.name: view.reads for view in views.definitions()}

    def reaches(name: str) -> bool:
        return name in left_out or any(reaches(r) for r in reads.get(name, ()))

    return {name for name in reads if not reaches(name)}


@pytest.fixture(scope="module")
def lake(small_zoo_db: Path) -> Path:
    out = small_zoo_db.parent / "lake"
    with Database.open(small_zoo_db) as database:
        database.export(out)
    return out


@pytest.fixture(scope="module")
def expected(small_zoo_db: Path) -> list[list[tuple[Any, ...]]]:
    with duckdb.connect(str(small_zoo_db), read_only=True) as con:
        return [con.execute(query).fetchall() for query in QUERIES]


def test_the_lake_layout(lake: Path) -> None:
    assert (lake / "tables" / "classes.parquet").is_file()
    partitions = sorted(p.name for p in (lake / "tables" / "predictions").iterdir())
    assert partitions == ["model=alexnet", "model=resnet50", "model=vgg16"]
    order = (lake / "views" / "order.txt").read_text().split()
    assert order == [view.name for view in views.definitions()]
    assert all((lake / "views" / f"{name}.sql").is_file() for name in order)
    readme = (lake / "README.md").read_text()
    assert "Spark" in readme
    # ImageNet-X's annotations are CC BY-NC 4.0: the README says what they reach.
    note = readme.split("## Licences", 1)[1]
    assert "For non-commercial use only (CC-BY-NC-4.0): the tables class_metaclasses" in note
    assert "factor_accuracy" in note and "published_results from imagenet_x" in note


def test_export_refuses_an_existing_directory(small_zoo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(BadArgument, match="already exists"):
        with Database.open(small_zoo_db) as database:
            database.export(tmp_path)


def test_duckdb_reads_the_lake_back(lake: Path, expected: list[list[tuple[Any, ...]]]) -> None:
    with duckdb.connect() as con:
        for table in (lake / "tables").iterdir():
            name = table.name.removesuffix(".parquet")
            if table.is_dir():
                relation = con.read_parquet(f"{table}/*/*.parquet", hive_partitioning=True)
            else:
                relation = con.read_parquet(str(table))
            relation.create_view(name)
        for view in views.definitions():
            con.execute(f"create view {view.name} as {view.select_sql('duckdb')}")
        for query, rows in zip(QUERIES, expected, strict=True):
            assert_same_rows(con.execute(query).fetchall(), rows)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    try:
        import pyspark.sql as pyspark_sql
    except ImportError:
        unavailable("pyspark is not installed (the test extra)")
    if shutil.which("java") is None:
        unavailable("no Java runtime for Spark (Debian default-jre-headless)")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        # One partition per shuffle: the tables are small, and Spark's cost here is
        # per task (4 partitions made the test take half as long again).
        .config("spark.sql.shuffle.partitions", "1")
        # Dozens of small queries, each run once: compiling each plan to Java and
        # re-planning it as it runs cost more than they save (83 s, without them 55 s).
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # py4j logs at INFO while the interpreter exits, after pytest closed its streams.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    yield session
    session.stop()


@pytest.mark.spark
def test_spark_creates_the_views_and_agrees(
    spark: Any, lake: Path, expected: list[list[tuple[Any, ...]]]
) -> None:
    for table in (lake / "tables").iterdir():
        spark.read.parquet(str(table)).createOrReplaceTempView(table.name.removesuffix(".parquet"))
    # The rules' verdicts worked out now: the views that render rules/verdicts.sql.
    created = views_without("mistake_verdicts_live", "queued_verdicts")
    assert set(SPARK_VIEWS) <= created and len(created) >= 40
    for name in (lake / "views" / "order.txt").read_text().split():
        if name in created:
            spark.sql((lake / "views" / f"{name}.sql").read_text())
    for query, rows in zip(QUERIES, expected, strict=True):
        if query in SPARK_QUERIES:
            assert_same_rows([tuple(row) for row in spark.sql(query).collect()], rows)
