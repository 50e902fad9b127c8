"""Every output a user sees, written to files, so that two versions of the package can be
compared on the same database (the redesign's check that nothing changed).

    python -m tests.outputs DB OUT

writes, for the database DB (built from the mirror, with `add-zoo imagenetv2`):
`leaderboard.txt` (the table the CLI prints), one CSV per named query and model
(resnet50, vgg16, vit3b where it takes one; the other parameters at their
defaults), `models.csv`, `info.json`, and `views.csv`, the row count of every table
and view. Then `diff -r` two such folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from imagenet_mistakes import named_queries
from imagenet_mistakes.cli import app

MODELS = ("resnet50", "vgg16", "vit3b")
# Parameters a query needs but the models do not give: one value each.
OTHER = {
    "label_set": "multilabel_v3",
    "object": "leaderboard",
    "other": "vgg16",
    "category": "fine-grained",
}


def write(db: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()

    def run(name: str, *args: str) -> None:
        result = runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "200"})
        text = result.stdout if result.exit_code == 0 else f"exit {result.exit_code}\n"
        (out / name).write_text(text + result.stderr)

    run("leaderboard.txt", "query", "leaderboard")
    run("models.csv", "models", "-f", "csv")
    run("info.json", "info", "-f", "json")
    for query in named_queries.catalogue():
        required = [k for k, p in query.parameters.items() if p.default is None]
        kinds = {k: query.parameters[k].kind for k in required}
        models = [k for k in required if kinds[k] in named_queries.MODEL_KINDS]
        others = [k for k in required if k not in models]
        for model in MODELS if models else ("",):
            params = [f"{k}={model if k == models[0] else OTHER.get(k, 'vgg16')}" for k in models]
            params += [f"{k}={OTHER.get(kinds[k], OTHER.get(k, 'vgg16'))}" for k in others]
            flags = [flag for p in params for flag in ("-p", p)]
            run(
                f"{query.name}{'.' + model if model else ''}.csv",
                "query",
                query.name,
                *flags,
                "-f",
                "csv",
            )
    with duckdb.connect(str(db), read_only=True) as con:
        names = con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "union all select view_name from duckdb_views() where not internal "
            "and database_name = current_database() order by 1"
        ).fetchall()
        lines = [
            f"{name},{con.sql(f'select count(*) from {name}').fetchall()[0][0]}"
            for (name,) in names
        ]
    (out / "views.csv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    write(Path(sys.argv[1]), Path(sys.argv[2]))
