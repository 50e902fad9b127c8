"""`report`: a self-contained HTML page with the model's numbers, rendered by a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imagenet_mistakes.cli import app
from tests import browser, synthetic

runner = CliRunner()
ID = {wnid: i for i, wnid in enumerate(synthetic.WNIDS)}


@pytest.fixture
def report(synthetic_db: Path, tmp_path: Path) -> Path:
    # Right on images 1 and 3 of 1-5: top-1 40.00%.
    preds = tmp_path / "p.csv"
    preds.write_text(
        "file_name,class_id\n"
        + "".join(
            f"{synthetic.image(n)},"
            f"{ID[synthetic.label(n)] if n in (1, 3) else ID[synthetic.other(n, 3)]}\n"
            for n in range(1, 6)
        )
    )
    args = ["add-model", "mine", "--predictions", str(preds), "--db", str(synthetic_db)]
    assert runner.invoke(app, args).exit_code == 0
    out = tmp_path / "mine.html"
    result = runner.invoke(app, ["report", "mine", "--out", str(out), "--db", str(synthetic_db)])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_page_holds_the_model_numbers_and_needs_no_network(report: Path) -> None:
    html = report.read_text()
    assert "<h1>mine</h1>" in html
    start = html.index('<table id="metrics">')
    metrics = html[start : html.index("</table>", start)]
    # With 95% Wilson intervals: 2 of 5 is 11.76% to 76.93%, 1 of 2 images 0.19 to 1.81.
    assert (
        '<td>top-1</td><td class="number">40.00%</td><td class="number">11.76% – 76.93%</td>\n'
        '      <td class="number">5</td>' in metrics
    )
    # ImageNet-M {1, 2}: right on 1.
    assert (
        '<td>ImageNet-M correct</td><td class="number">1</td><td class="number">0 – 2</td>\n'
        '      <td class="number">2</td>' in metrics
    )
    assert "1 of 2 ImageNet-M images correct." in html
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", html)
    assert "vegaEmbed" in html and '"chart-metrics"' in html


def test_a_paper_models_report_shows_its_categorised_mistakes_by_factor(
    synthetic_db: Path, tmp_path: Path
) -> None:
    """ViT-3B has no predictions here: its mistakes by category and ImageNet-X factor, but
    no error ratios (those need predictions)."""
    out = tmp_path / "vit3b.html"
    result = runner.invoke(app, ["report", "vit3b", "--out", str(out), "--db", str(synthetic_db)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text()
    assert '"chart-mistake-factors"' in html and '"chart-factors"' not in html
    assert "CC BY-NC 4.0: for non-commercial use only" in html


def test_an_unknown_model_is_one_line(synthetic_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = runner.invoke(app, ["report", "nobody", "--out", str(out), "--db", str(synthetic_db)])
    assert result.exit_code == 2
    expected = "Error: MODEL 'nobody': not a model of this database (greedy_soups, vit3b)"
    assert result.stderr.strip() == expected
    assert not out.exists()


@browser.needed
def test_headless_chromium_draws_every_chart(report: Path) -> None:
    dom = browser.dom(report.as_uri(), wait_ms=10000)
    charts = re.findall(r'<div id="(chart-[a-z]+)" class="vega-embed"[^>]*><svg', dom)
    assert sorted(charts) == [
        "chart-auto", "chart-factors", "chart-field", "chart-metaclasses", "chart-metrics",
        "chart-remaining", "chart-robustness",
    ]  # fmt: skip
