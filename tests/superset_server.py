"""A throwaway Apache Superset on 127.0.0.1, set up through its REST API as README's steps say.

Run `python -m tests.superset_server DB PNG` to draw the dashboard of a database into PNG
(docs/superset.png comes from the 67 zoo models). The server runs from an
environment of its own (tests/environments.py)
(tests/superset-requirements.txt, made on first use); the metadata database is a
SQLite file in a temporary folder, deleted with the server.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests import browser, environments
from tests.postgres_server import free_port

USER, PASSWORD = "admin", secrets.token_urlsafe(12)

_CONFIG = """\
SECRET_KEY = {secret!r}
SQLALCHEMY_DATABASE_URI = "sqlite:///{root}/superset.db"
DATA_DIR = {root!r}
# The REST API is called with a bearer token, which needs no CSRF token.
WTF_CSRF_ENABLED = False
# Roles and their permissions through the REST API (make_public).
FAB_ADD_SECURITY_API = True
"""


def environment() -> Path:
    """The bin directory of Superset's own environment (tests/environments.py),
    made on first use from tests/superset-requirements.txt (about a minute). Raises OSError
    or SubprocessError when pip cannot install it."""
    requirements = Path(__file__).parent / "superset-requirements.txt"
    return environments.made("superset", environments.requirements_file(requirements))


@contextmanager
def server(bin_dir: Path) -> Iterator[str]:
    """Set up a fresh Superset, start it, yield its URL; stop it and delete everything."""
    root = Path(tempfile.mkdtemp(prefix="imagenet-mistakes-superset-"))
    (root / "superset_config.py").write_text(
        _CONFIG.format(secret=secrets.token_hex(32), root=str(root))
    )
    env = {**os.environ, "SUPERSET_CONFIG_PATH": str(root / "superset_config.py")}
    superset = str(bin_dir / "superset")
    admin = ["fab", "create-admin", "--username", USER, "--password", PASSWORD,
             "--firstname", "Test", "--lastname", "User", "--email", "admin@localhost"]  # fmt: skip
    for args in (["db", "upgrade"], admin, ["init"]):
        subprocess.run([superset, *args], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    with open(root / "log", "wb") as log:
        process = subprocess.Popen(
            [superset, "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, process, root / "log")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)
            shutil.rmtree(root, ignore_errors=True)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"superset run exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"superset did not answer {url}/health within 120 s")


class Client:
    """Superset's REST API as the admin, with the bearer token its login gives."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.token = ""
        login = {"username": USER, "password": PASSWORD, "provider": "db", "refresh": True}
        self.token = self.call("POST", "/api/v1/security/login", login)["access_token"]

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:  # a JSON type with no body is a bad request to Superset
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        request = urllib.request.Request(self.url + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode()[:2000]}") from e


def add_database(client: Client, db: Path) -> int:
    """The DuckDB file as a read-only Superset database, shown in SQL Lab; its id."""
    found = client.call(
        "POST",
        "/api/v1/database/",
        {
            "database_name": "imagenet_mistakes",
            "sqlalchemy_uri": f"duckdb:///{db.resolve()}",
            "expose_in_sqllab": True,
            "extra": json.dumps({"engine_params": {"connect_args": {"read_only": True}}}),
        },
    )
    return int(found["id"])


def sql_lab(client: Client, database: int, sql: str) -> list[dict[str, Any]]:
    """The rows SQL Lab answers for `sql`, run synchronously as its editor does."""
    body = {"database_id": database, "sql": sql, "runAsync": False, "schema": "main",
            "client_id": secrets.token_hex(5)}  # fmt: skip
    found = client.call("POST", "/api/v1/sqllab/execute/", body)
    assert found["status"] == "success", found
    return list(found["data"])


# The dashboard's two charts: each chart's form (what the editor saves) and the query
# behind it (what the chart data API answers), over one view of the database.
_MLA = {"expressionType": "SQL", "sqlExpression": "MAX(mla)", "label": "multi-label accuracy"}
_CONFUSION_COLUMNS = ["original_name", "predicted_name", "mistakes", "in_paper"]
_CONFUSION_ORDER = [("mistakes", False), ("original_name", True), ("predicted_name", True)]
CHARTS: list[dict[str, Any]] = [
    {
        "name": "Multi-label accuracy by model",
        "view": "leaderboard",
        "viz_type": "echarts_timeseries_bar",
        "form": {
            "x_axis": "model",
            "metrics": [_MLA],
            "groupby": [],
            "row_limit": 1000,
            "x_axis_sort": "multi-label accuracy",
            "x_axis_sort_asc": False,
            "y_axis_format": ".1%",
            "show_legend": False,
        },  # fmt: skip
        "query": {
            "columns": ["model"],
            "metrics": [_MLA],
            "orderby": [[_MLA, False]],
            "row_limit": 1000,
        },  # fmt: skip
    },
    {
        "name": "resnet50: its most frequent confusions",
        "view": "model_confusions",
        "viz_type": "table",
        "form": {
            "query_mode": "raw",
            "all_columns": _CONFUSION_COLUMNS,
            "row_limit": 20,
            "order_by_cols": [json.dumps(list(o)) for o in _CONFUSION_ORDER],
            "adhoc_filters": [
                {"clause": "WHERE", "expressionType": "SQL", "sqlExpression": "model = 'resnet50'"}
            ],
        },  # fmt: skip
        "query": {
            "columns": _CONFUSION_COLUMNS,
            "orderby": [list(o) for o in _CONFUSION_ORDER],
            "filters": [{"col": "model", "op": "==", "val": "resnet50"}],
            "row_limit": 20,
        },  # fmt: skip
    },
]


def build_dashboard(client: Client, database: int) -> tuple[int, list[int]]:
    """A dataset per view, the charts over them, and a dashboard laying them side by side."""
    dashboard = client.call(
        "POST", "/api/v1/dashboard/", {"dashboard_title": "ImageNet mistakes", "published": True}
    )["id"]
    charts = []
    for chart in CHARTS:
        dataset = client.call(
            "POST", "/api/v1/dataset/", {"database": database, "schema": "main",
                                         "table_name": chart["view"]},
        )["id"]  # fmt: skip
        source = {"id": dataset, "type": "table"}
        form = {**chart["form"], "viz_type": chart["viz_type"], "datasource": f"{dataset}__table"}
        query = {"datasource": source, "queries": [chart["query"]], "result_format": "json",
                 "result_type": "full", "form_data": form}  # fmt: skip
        charts.append(
            client.call(
                "POST",
                "/api/v1/chart/",
                {
                    "slice_name": chart["name"],
                    "viz_type": chart["viz_type"],
                    "datasource_id": dataset,
                    "datasource_type": "table",
                    "params": json.dumps(form),
                    "query_context": json.dumps(query),
                    "dashboards": [dashboard],
                },
            )["id"]
        )
    layout = _side_by_side(charts)
    client.call("PUT", f"/api/v1/dashboard/{dashboard}", {"position_json": json.dumps(layout)})
    return dashboard, charts


def make_public(client: Client) -> None:
    """Give anonymous visitors the admin's permissions, so headless Chromium draws dashboards
    without logging in. Only on this loopback-only, throwaway server; and last, since
    Superset then answers every request as the anonymous visitor, who cannot own a chart."""
    roles = {r["name"]: r["id"] for r in client.call("GET", "/api/v1/security/roles/")["result"]}
    admin = client.call("GET", f"/api/v1/security/roles/{roles['Admin']}/permissions/")
    ids = [p["id"] for p in admin["result"]]
    client.call(
        "POST",
        f"/api/v1/security/roles/{roles['Public']}/permissions",
        {"permission_view_menu_ids": ids},
    )


def _side_by_side(charts: list[int]) -> dict[str, Any]:
    """Superset's dashboard layout (v2): one row holding the charts, the first wider."""
    row = ["ROOT_ID", "GRID_ID", "ROW-1"]
    layout: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {
            "type": "GRID",
            "id": "GRID_ID",
            "children": ["ROW-1"],
            "parents": ["ROOT_ID"],
        },
        "ROW-1": {
            "type": "ROW",
            "id": "ROW-1",
            "children": [f"CHART-{c}" for c in charts],
            "parents": row[:2],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        },
    }
    for width, chart in zip((7, 5), charts, strict=True):
        layout[f"CHART-{chart}"] = {
            "type": "CHART", "id": f"CHART-{chart}", "children": [], "parents": row,
            "meta": {"chartId": chart, "width": width, "height": 80},
        }  # fmt: skip
    return layout


def main() -> None:
    """Draw the dashboard of the database sys.argv[1] into the PNG sys.argv[2]."""
    db, png = Path(sys.argv[1]), Path(sys.argv[2])
    with server(environment()) as url:
        client = Client(url)
        dashboard, _ = build_dashboard(client, add_database(client, db))
        make_public(client)
        browser.screenshot(
            f"{url}/superset/dashboard/{dashboard}/?standalone=1", png, wait_ms=30000, height=740
        )


if __name__ == "__main__":
    main()
