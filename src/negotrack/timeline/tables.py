"""The record as tidy tables: one row per statement, event or condition.

Each function returns plain rows (dicts keyed by the table's columns, in order): numbers as
numbers (an ideal on a numeric scale is a float, a label a string), dates as dates, lists
joined with ``;``. They are what ``Timeline.to_frame()`` (pandas, the ``pandas`` extra) and
``negotrack export ... OUT.csv`` write, so a spreadsheet and a DataFrame hold the same table.
"""

from __future__ import annotations

import json
from typing import Any

from negotrack.model.entities import Issue, Source
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale
from negotrack.timeline.timeline import Timeline

__all__ = [
    "CONDITION_COLUMNS",
    "EVENT_COLUMNS",
    "STATEMENT_COLUMNS",
    "TABLES",
    "condition_rows",
    "event_rows",
    "statement_rows",
]

_SOURCE = (
    "source_title",
    "source_url",
    "source_publisher",
    "source_date",
    "source_quote",
    "source_kind",
)

#: The columns of each table, in order.
STATEMENT_COLUMNS = (
    "id",
    "date",
    "party",
    "issue",
    "unit",
    "ideal",
    "ideal_label",
    "acceptable",
    "acceptable_low",
    "acceptable_high",
    "acceptable_labels",
    "salience",
    "red_line",
    "credibility",
    "supersedes",
    "cites",
    "note",
    *_SOURCE,
)
EVENT_COLUMNS = (
    "id",
    "date",
    "title",
    "status",
    "credibility",
    "contested",
    "disputed_by",
    "revises",
    "fulfils",
    "description",
    "note",
    "sources",
)
CONDITION_COLUMNS = (
    "id",
    "date",
    "holder",
    "kind",
    "clause",
    "requires",
    "credibility",
    "supersedes",
    "lifted",
    "note",
    *_SOURCE,
)


def _source(source: Source) -> dict[str, Any]:
    return {
        "source_title": source.title,
        "source_url": source.url,
        "source_publisher": source.publisher,
        "source_date": source.date,
        "source_quote": source.quote,
        "source_kind": source.kind.value,
    }


def _region(issue: Issue, region: Region) -> dict[str, Any]:
    """Return the region as JSON text, with its numeric ends or its ``;``-joined labels."""
    numeric = isinstance(issue.scale, NumericScale)
    bounds = region.bounds if numeric and not region.is_empty else None
    low, high = bounds if bounds is not None else (None, None)
    return {
        "acceptable": json.dumps(region.to_data(), ensure_ascii=False),
        "acceptable_low": low,
        "acceptable_high": high,
        "acceptable_labels": None if numeric else ";".join(region.values),
    }


def statement_rows(timeline: Timeline) -> list[dict[str, Any]]:
    """Return one row per statement, in the order added.

    Parameters
    ----------
    timeline : Timeline
        The record.

    Returns
    -------
    list of dict
        Keyed by :data:`STATEMENT_COLUMNS`. Numeric columns hold only numbers, so a
        spreadsheet or ``pandas.read_csv`` reads them as numbers: ``ideal`` (with the
        scale's ``unit``) and ``acceptable_low`` / ``acceptable_high`` (the ends of the
        region's hull) on a numeric scale, empty on a labelled one, which fills
        ``ideal_label`` and ``acceptable_labels`` (``;``-joined) instead. ``acceptable`` is
        the region in the files' notation (JSON text: ``[[0.0, 15.0]]`` or
        ``["no", "yes"]``); ``cites`` joined with ``;``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.timeline.tables import statement_rows
    >>> row = statement_rows(nt.load("examples/ukraine_dec2025.toml").timeline)[0]
    >>> row["id"], row["ideal"], row["unit"], row["acceptable"], row["acceptable_high"]
    ('ru-donbas-1', 100.0, '%', '[[100.0, 100.0]]', 100.0)
    """
    rows = []
    for st in timeline.statements:
        issue = timeline.issue(st.issue)
        pos = st.position
        numeric = isinstance(issue.scale, NumericScale)
        unit = issue.scale.unit if isinstance(issue.scale, NumericScale) else ""
        rows.append(
            {
                "id": st.id,
                "date": st.date,
                "party": st.party,
                "issue": st.issue,
                "unit": unit,
                "ideal": pos.ideal if numeric else None,
                "ideal_label": None if numeric else pos.ideal,
                **_region(issue, pos.acceptable),
                "salience": pos.salience,
                "red_line": pos.red_line,
                "credibility": st.credibility.label,
                "supersedes": st.supersedes,
                "cites": ";".join(st.cites),
                "note": st.note,
                **_source(st.source),
            }
        )
    return rows


def event_rows(timeline: Timeline) -> list[dict[str, Any]]:
    """Return one row per event, in the order added.

    Returns
    -------
    list of dict
        Keyed by :data:`EVENT_COLUMNS`; ``revises`` as ``id=level`` pairs and ``sources``
        as their citations, each joined with ``;``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.timeline.tables import event_rows
    >>> row = event_rows(nt.load("examples/ukraine_dec2025.toml").timeline)[2]
    >>> row["id"], row["contested"], row["disputed_by"]
    ('drone-claim', True, 'UA')
    """
    return [
        {
            "id": ev.id,
            "date": ev.date,
            "title": ev.title,
            "status": ev.status,
            "credibility": ev.credibility.label,
            "contested": ev.contested,
            "disputed_by": ";".join(ev.disputed_by),
            "revises": ";".join(f"{rid}={lvl.label}" for rid, lvl in ev.revises.items()),
            "fulfils": ev.fulfils,
            "description": ev.description,
            "note": ev.note,
            "sources": ";".join(s.cite() for s in ev.sources),
        }
        for ev in timeline.events
    ]


def condition_rows(timeline: Timeline) -> list[dict[str, Any]]:
    """Return one row per condition record, in the order added.

    Returns
    -------
    list of dict
        Keyed by :data:`CONDITION_COLUMNS`; ``clause`` and ``requires`` as their keys
        (``donbas_withdrawal ∈ [100, 100]``, ``event:referendum``).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.timeline.tables import condition_rows
    >>> row = condition_rows(nt.load("examples/ukraine_dec2025.toml").timeline)[0]
    >>> row["holder"], row["kind"], row["requires"]
    ('UA', 'precondition', 'referendum ∈ {yes}')
    """
    return [
        {
            "id": c.id,
            "date": c.date,
            "holder": c.holder,
            "kind": c.kind.value,
            "clause": c.clause.key,
            "requires": c.requires.key,
            "credibility": c.credibility.label,
            "supersedes": c.supersedes,
            "lifted": c.lifted,
            "note": c.note,
            **_source(c.source),
        }
        for c in timeline.conditions
    ]


#: The record's tables by name: rows and columns.
TABLES = {
    "statements": (statement_rows, STATEMENT_COLUMNS),
    "events": (event_rows, EVENT_COLUMNS),
    "conditions": (condition_rows, CONDITION_COLUMNS),
}
