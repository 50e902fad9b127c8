"""What a database holds under a restriction, said wherever its contents leave it.

A source's licence decides (the table `sources`): ImageNet-X's is CC BY-NC 4.0,
for non-commercial use only; the problem groups of "Flaws of ImageNet" come
with no licence at all, so their authors keep every right. Each note names the
tables only such sources fill, every view that reads them and every table the
package's writes fill from those (the stored factor counts), the rows such
sources add to tables others fill too (published_models and published_results),
and the label sets they give with the metrics scored against them.
`export` writes the notes into the lake's README and `publish` logs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import duckdb
import sqlglot
from sqlglot import exp

from imagenet_mistakes import metrics, reads, registry, stored, views


@dataclass(frozen=True)
class Restriction:
    """A restriction some licences put on what their sources fill."""

    lead: str  # how the note about it begins
    licences: str  # a LIKE pattern on sources.licence
    named: bool  # whether the note names the licences


RESTRICTIONS = (
    Restriction("For non-commercial use only", "CC-BY-NC%", named=True),
    Restriction(
        "Published with no licence, so its authors keep every right (cite them)",
        "none published%",
        named=False,
    ),
)


def notes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One sentence for each restriction some loaded source carries, naming what it covers."""
    found = [(r, reads.restricted_sources(con, r.licences)) for r in RESTRICTIONS]
    return [_note(restriction, sources) for restriction, sources in found if sources]


def _note(restriction: Restriction, found: list[reads.RestrictedSource]) -> str:
    restricted = {source.source_id for source in found}
    fillers: dict[str, set[str]] = {}
    for step in registry.registry():
        for table in step.tables:
            fillers.setdefault(table, set()).add(step.source)
    loaded = {t for t, sources in fillers.items() if sources <= restricted}
    shared = sorted(
        t for t, sources in fillers.items() if sources & restricted and not sources <= restricted
    )
    reading = derived(loaded)
    written = {table for table, _ in _writes()}
    tables = sorted(name for name in reading if name in loaded or name in written)
    licences = f" ({', '.join(sorted({s.licence for s in found}))})" if restriction.named else ""
    published = sorted({s.published_as for s in found if s.published_as is not None})
    parts = [f"the tables {', '.join(tables)}"]
    views_reading = sorted(reading - set(tables))
    if views_reading:
        parts.append(f"the views {', '.join(views_reading)}")
    if published and shared:
        parts.append(f"the rows of {' and '.join(shared)} from {', '.join(published)}")
    labelled = sorted({s.labels_as for s in found if s.labels_as is not None})
    if labelled:
        scored = [m.metric for m in metrics.definitions() if m.label_set in labelled]
        parts.append(
            f"the label sets {', '.join(labelled)} (their rows of image_labels and "
            f"image_scope, label_agreement's columns of the same names"
            + (f", and the metrics {', '.join(scored)})" if scored else ")")
        )
    return f"{restriction.lead}{licences}: {'; '.join(parts)}."


def derived(tables: set[str]) -> set[str]:
    """`tables`, the views that read them, and the tables written from those, transitively."""
    found = set(tables)
    while True:
        before = len(found)
        found |= {view.name for view in views.definitions() if view.reads & found}
        found |= {table for table, read in _writes() if read & found}
        if len(found) == before:
            return found


@cache
def _writes() -> tuple[tuple[str, frozenset[str]], ...]:
    """(table, what it is filled from) of each stored aggregate and each INSERT in the
    package's other writes/*.sql."""
    found = [(s.table, frozenset({s.live})) for s in stored.declared()]
    for path in (resources.files("imagenet_mistakes") / "writes").iterdir():
        text = path.read_text()
        # A template loops over the stored aggregates, declared above.
        if not path.name.endswith(".sql") or "{%" in text:
            continue
        for statement in sqlglot.parse(text, read="duckdb"):
            if isinstance(statement, exp.Insert) and statement.expression is not None:
                target = statement.this.find(exp.Table)
                ctes = {cte.alias for cte in statement.find_all(exp.CTE)}
                read = {t.name for t in statement.expression.find_all(exp.Table)} - ctes
                if target is not None:
                    found.append((target.name, frozenset(read)))
    return tuple(found)
