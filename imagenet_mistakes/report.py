"""`report`: one self-contained HTML page about a model, from the named queries and views.

Charts are Vega-Lite specs made with altair; the Vega JavaScript is inlined
(from vl-convert), so the page needs no network to show them.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import altair as alt
import jinja2
import vl_convert

from imagenet_mistakes import arguments, storage
from imagenet_mistakes.boundary import guarded
from imagenet_mistakes.database import Database

# The metric the report ranks the model by (a metric id of data/metrics.toml).
HEADLINE = "mla"


@arguments.checked
def write(db: Database, model: str, out: str | os.PathLike[str]) -> None:
    """Write the self-contained HTML report on `model` to `out`, whole or not at all.

    It reads the database through its public methods, as any client does.
    """
    # Through a symbolic link, the file it points to is replaced and the link kept.
    target = Path(os.path.realpath(out))
    with guarded(target):
        storage.check_folder_writable(target)  # before the queries and charts: seconds
        context = _context(db, model)
        context["database"] = str(db.path)
        template = jinja2.Environment(autoescape=True).from_string(
            (resources.files("imagenet_mistakes") / "templates" / "report.html").read_text()
        )
        page = template.render(**context)
        with storage.written_atomically(target) as tmp:
            tmp.write_text(page, encoding="utf-8")


def _records(db: Database, name: str, **params: str) -> list[dict[str, Any]]:
    return db.query(name, params).records()


def _context(db: Database, model: str) -> dict[str, Any]:
    kinds = db.model_kinds(model)
    aggregates = db.metric_aggregates()
    # The summary's metrics; its rows after them are each category's share of its mistakes.
    metrics = [
        row for row in _records(db, "model_summary", model=model) if row["metric_id"] in aggregates
    ]
    listed = {row["model"]: row for row in _records(db, "models")}
    auto = _records(db, "auto_category_counts", model=model)
    # What kind its mistakes are by the rules; auto also holds the paper's models, to chart.
    by_rules = [row for row in auto if row["model"] == model and row["judged_by"] == "rules"]
    # The paper's categories for its own models; what remains of them for models with predictions.
    manual = (
        [
            row
            for row in _records(db, "mistake_breakdown", model=model)
            if row["category"] != "all" and row["severity"] != "all"
        ]
        if "categorised_model" in kinds
        else []
    )
    remaining = (
        _records(db, "remaining_mistakes", model=model) if "predicted_model" in kinds else []
    )
    # ImageNet-X's factors: from predictions, and for the paper's models their categories.
    predicted = "predicted_model" in kinds
    factors = _records(db, "factor_error_ratios", model=model) if predicted else []
    metaclasses = (
        [
            row
            for row in _records(db, "metaclass_accuracy", model=model)
            if row["reading"] == "class"
        ]
        if predicted
        else []
    )
    mistake_factors = (
        _records(db, "mistake_factors", model=model) if "categorised_model" in kinds else []
    )
    for row in metrics:
        row["aggregate"] = aggregates[row["metric_id"]]
    by_metric = {row["metric_id"]: row for row in metrics}
    charts = {
        "chart-metrics": _metrics_chart(metrics),
        "chart-auto": _auto_chart(auto),
        "chart-field": _field_chart(_records(db, "field_scatter"), model),
        "chart-robustness": _robustness_chart(
            _records(db, "robustness_scatter"), model, by_metric["top1"]["value"]
        ),
    }
    if manual:
        charts["chart-manual"] = _manual_chart(manual)
    if remaining:
        charts["chart-remaining"] = _remaining_chart(remaining)
    if factors:
        charts["chart-factors"] = _factors_chart(factors)
        charts["chart-metaclasses"] = _metaclass_chart(metaclasses)
    if mistake_factors:
        charts["chart-mistake-factors"] = _mistake_factors_chart(mistake_factors)
    # The Vega-Lite library matching the specs altair writes, e.g. v6.4 for schema v6.4.1.
    vegalite = ".".join(alt.SCHEMA_VERSION.split(".")[:2])
    return {
        "model": model,
        "source": listed[model]["source"] if model in listed else "the paper's mistakes table",
        "description": listed[model]["description"] if model in listed else None,
        "headline": _shown(by_metric[HEADLINE]),
        "level": f"{db.confidence_level():.0%}",
        "models": metrics[0]["models"],
        "metrics": [_shown(row) for row in metrics],
        "imagenet_m": _imagenet_m(by_metric["imagenet_m_correct"]),
        "mistakes": sum(row["mistakes"] for row in by_rules),
        "kinds": by_rules,
        "manual": manual,
        "remaining": remaining,
        "factors": factors,
        "mistake_factors": mistake_factors,
        "confusions": _records(db, "model_confusions", model=model, limit="10"),
        "charts": charts,
        "script": vl_convert.javascript_bundle(
            "window.vegaEmbed = vegaEmbed;", vl_version=vegalite
        ),
        "vega_version": vl_convert.get_vega_version(),
        "vegalite_version": vegalite,
    }


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """Accuracies as percentages, counts as whole numbers, unknowns as a dash.

    Count metrics (ImageNet-M) hold counts, in a column that is otherwise fractions.
    """
    counts = row["aggregate"] == "count"

    def text(value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            return str(round(value)) if counts else f"{100 * value:.2f}%"
        return str(value)

    return {key: text(value) for key, value in row.items()}


def _imagenet_m(row: dict[str, Any]) -> str:
    if row["value"] is None:
        return (
            "Unknown: the multi-label source of this database has no ImageNet-M list "
            "(build from the canonical file or --tfds-data-dir)."
        )
    return f"{round(row['value'])} of {row['images']} ImageNet-M images correct."


def _metrics_chart(metrics: list[dict[str, Any]]) -> dict[str, Any]:
    values = [
        {key: row[key] for key in ("metric", "value", "lower", "upper", "best")}
        for row in metrics
        if row["aggregate"] != "count" and row["value"] is not None
    ]
    base = alt.Chart(alt.Data(values=values)).encode(y=alt.Y("metric:N", sort=None, title=None))
    percent = [alt.Tooltip(f"{key}:Q", format=".2%") for key in ("value", "lower", "upper", "best")]
    # One title for both layers: Vega-Lite joins different ones ("..., lower").
    title = "accuracy (error bar: its confidence interval; tick: best on the same images)"
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"),
                title=title),
        tooltip=percent,
    )  # fmt: skip
    interval = base.mark_errorbar(ticks=True).encode(
        x=alt.X("lower:Q", title=title), x2="upper:Q", tooltip=percent
    )
    best = base.mark_tick(color="black", thickness=2).encode(x="best:Q")
    return (bars + interval + best).properties(width=600).to_dict()


def _field_chart(field: list[dict[str, Any]], model: str) -> dict[str, Any]:
    """Multi-label accuracy against top-1: published models by training data, this file's
    models as black rings, this model labelled."""
    published = [row for row in field if row["source"] != "local"]
    local = [row for row in field if row["source"] == "local"]
    axes = {
        "x": alt.X("top1:Q", scale=alt.Scale(zero=False), axis=alt.Axis(format="%"),
                   title="top-1"),
        "y": alt.Y("mla:Q", scale=alt.Scale(zero=False), axis=alt.Axis(format="%"),
                   title="multi-label accuracy"),
        "tooltip": ["source:N", "model:N", "training_data:N",
                    alt.Tooltip("top1:Q", format=".2%"), alt.Tooltip("mla:Q", format=".2%")],
    }  # fmt: skip
    dots = (
        alt.Chart(alt.Data(values=published))
        .mark_circle(size=25, opacity=0.6)
        .encode(color=alt.Color("training_data:N", title="training data"), **axes)
    )
    ours = alt.Chart(alt.Data(values=local)).mark_point(color="black", size=60).encode(**axes)
    named = (
        alt.Chart(alt.Data(values=[row for row in local if row["model"] == model]))
        .mark_text(align="left", dx=8, fontWeight="bold")
        .encode(text="model:N", **axes)
    )
    return (dots + ours + named).properties(width=600, height=400).to_dict()


def _robustness_chart(
    points: list[dict[str, Any]], model: str, top1: float | None
) -> dict[str, Any]:
    """Top-1 on each of ImageNet's variants against top-1 on ImageNet: published models by
    family, this model in black where a published copy of its weights gives the numbers,
    and a rule at its own ImageNet top-1 everywhere."""
    keep = ("source", "model", "family", "variant", "imagenet_top1", "variant_top1")
    values = [
        {**{key: row[key] for key in keep}, "shown": "published"}
        for row in points
        if row["source"] != "local"
    ]
    values += [
        {**{key: row[key] for key in keep}, "shown": "this model", "from": row["numbers_from"]}
        for row in points
        if row["source"] == "local" and row["model"] == model
    ]
    if top1 is not None:
        variants = sorted({row["variant"] for row in values})
        values += [{"variant": v, "imagenet_top1": top1, "shown": "rule"} for v in variants]
    x = alt.X(
        "imagenet_top1:Q",
        scale=alt.Scale(zero=False),
        axis=alt.Axis(format="%"),
        title="top-1 on ImageNet",
    )
    y = alt.Y("variant_top1:Q", axis=alt.Axis(format="%"), title="top-1 on the variant")
    tooltip = ["source:N", "model:N", "family:N",
               alt.Tooltip("imagenet_top1:Q", format=".2%"),
               alt.Tooltip("variant_top1:Q", format=".2%")]  # fmt: skip
    base = alt.Chart()
    dots = (
        base.mark_circle(size=12, opacity=0.4)
        .encode(x=x, y=y, color=alt.Color("family:N", title="family"), tooltip=tooltip)
        .transform_filter(alt.datum.shown == "published")
    )
    rule = (
        base.mark_rule(color="black", strokeDash=[4, 4])
        .encode(x=x)
        .transform_filter(alt.datum.shown == "rule")
    )
    ours = (
        base.mark_point(color="black", size=80, filled=True)
        .encode(x=x, y=y, tooltip=[*tooltip, "from:N"])
        .transform_filter(alt.datum.shown == "this model")
    )
    return (
        alt.layer(dots, rule, ours, data=alt.Data(values=values))
        .properties(width=260, height=200)
        .facet(facet=alt.Facet("variant:N", title=None), columns=3)
        .to_dict()
    )


def _auto_chart(auto: list[dict[str, Any]]) -> dict[str, Any]:
    """Each category's share of the model's mistakes by the rules, beside the paper's
    models by the paper and by the rules: one bar per model and judge."""
    values = [{**row, "judged": f"{row['model']} by the {row['judged_by']}"} for row in auto]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", axis=alt.Axis(format="%"), title="share of its mistakes"),
            y=alt.Y("judged:N", title=None, sort=None),
            color=alt.Color("judged:N", legend=None),
            row=alt.Row("category:N", title=None, sort=None),
            tooltip=[
                "judged:N",
                "category:N",
                "mistakes:Q",
                alt.Tooltip("share:Q", format=".1%"),
                "major:Q",
            ],
        )
        .properties(width=500)
        .to_dict()
    )


def _manual_chart(manual: list[dict[str, Any]]) -> dict[str, Any]:
    return (
        alt.Chart(alt.Data(values=manual))
        .mark_bar()
        .encode(
            x=alt.X("mistakes:Q", stack="zero"),
            y=alt.Y("category:N", title=None),
            color=alt.Color("severity:N"),
            tooltip=["category:N", "severity:N", "mistakes:Q"],
        )
        .properties(width=600)
        .to_dict()
    )


def _remaining_chart(remaining: list[dict[str, Any]]) -> dict[str, Any]:
    values = [row for row in remaining if row["severity"] == "all" and row["category"] != "all"]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("share_still_wrong:Q", axis=alt.Axis(format="%"), title="still wrong"),
            y=alt.Y("category:N", title=None),
            yOffset="paper_model:N",
            color=alt.Color("paper_model:N", title="paper model"),
            tooltip=["paper_model:N", "category:N", "paper_mistakes:Q", "still_wrong:Q"],
        )
        .properties(width=600)
        .to_dict()
    )


def _factors_chart(factors: list[dict[str, Any]]) -> dict[str, Any]:
    """The model's error ratio per factor (a point) over the file's spread (a line, median tick)."""
    values = [row for row in factors if row["error_ratio"] is not None]
    y = alt.Y("factor:N", sort=None, title=None)
    base = alt.Chart(alt.Data(values=values))
    spread = base.mark_rule(color="lightgray", strokeWidth=6).encode(
        y=y, x=alt.X("lowest:Q", title="error ratio"), x2="highest:Q"
    )
    median = base.mark_tick(color="gray", thickness=2).encode(y=y, x="median:Q")
    model = base.mark_point(filled=True, size=60, color="black").encode(
        y=y,
        x="error_ratio:Q",
        tooltip=["factor:N", "images:Q", alt.Tooltip("accuracy:Q", format=".2%"),
                 alt.Tooltip("error_ratio:Q", format=".2f"), alt.Tooltip("lowest:Q", format=".2f"),
                 alt.Tooltip("median:Q", format=".2f"), alt.Tooltip("highest:Q", format=".2f")],
    )  # fmt: skip
    one = alt.Chart(alt.Data(values=[{"x": 1}])).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return (spread + median + model + one).properties(width=600).to_dict()


def _metaclass_chart(metaclasses: list[dict[str, Any]]) -> dict[str, Any]:
    return (
        alt.Chart(alt.Data(values=metaclasses))
        .mark_bar()
        .encode(
            x=alt.X("accuracy:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            y=alt.Y("metaclass:N", sort="x", title=None),
            tooltip=["metaclass:N", "images:Q", alt.Tooltip("accuracy:Q", format=".2%")],
        )
        .properties(width=600)
        .to_dict()
    )


def _mistake_factors_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_rect()
        .encode(
            x=alt.X("manual_category:N", title=None),
            y=alt.Y("factor:N", title=None),
            color=alt.Color("share:Q", legend=alt.Legend(format="%"), title="share"),
            tooltip=[
                "manual_category:N",
                "factor:N",
                "mistakes:Q",
                "category_mistakes:Q",
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )  # fmt: skip
        .properties(width=300)
        .to_dict()
    )
