"""What a database holds for non-commercial use only, said wherever its contents leave it.

A source's licence decides (the table `sources`; ImageNet-X's is CC BY-NC
4.0). The note names the tables only such sources fill, every view that
reads them, and the rows such sources add to tables others fill too
(published_models and published_results). `export` writes it into the
lake's README and `publish` logs it.
"""

from __future__ import annotations

import duckdb

from imagenet_mistakes import build, reads, views


def non_commercial_note(con: duckdb.DuckDBPyConnection) -> str | None:
    """One sentence naming what is for non-commercial use only, or None when nothing is."""
    found = reads.non_commercial_sources(con)
    if not found:
        return None
    restricted = {source.source_id for source in found}
    fillers: dict[str, set[str]] = {}
    for step in build.registry():
        for table in step.tables:
            fillers.setdefault(table, set()).add(step.source)
    tables = sorted(t for t, sources in fillers.items() if sources <= restricted)
    shared = sorted(
        t for t, sources in fillers.items() if sources & restricted and not sources <= restricted
    )
    reading = set(tables)
    for view in views.definitions():  # in dependency order: readers of readers follow
        if view.reads & reading:
            reading.add(view.name)
    licences = ", ".join(sorted({source.licence for source in found}))
    published = sorted({s.published_as for s in found if s.published_as is not None})
    parts = [f"the tables {', '.join(tables)}"]
    parts.append(f"the views {', '.join(sorted(reading - set(tables)))}")
    if published and shared:
        parts.append(f"the rows of {' and '.join(shared)} from {', '.join(published)}")
    return f"For non-commercial use only ({licences}): {'; '.join(parts)}."
