"""The view of a ``timeline`` document: the records day by day, each with its sources.

Every record reads as one line — a statement as "who on what: wants, accepts", an event by
its title, a condition as "who condition: clause only after requirement" — with its
credibility in brackets; its sources and quotes are listed under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import (
    Block,
    Bullet,
    Bullets,
    Heading,
    Inline,
    Link,
    Paragraph,
    Strong,
    inline,
)
from negotrack.io.reports.formatting import count
from negotrack.io.reports.views._phrases import coverage_blocks

__all__ = ["event_words", "record_line", "record_sources", "timeline_view"]


def timeline_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``timeline`` document: counts, then one subsection per date.

    Parameters
    ----------
    document : dict
        A ``timeline`` document (:func:`negotrack.io.reports.timeline_document`).

    Returns
    -------
    list of Block
        A title, what it covers (parties, credibility), how many records of each type,
        and for each date a level-3 heading and a list of its records with their sources
        nested under them.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import timeline_document
    >>> from negotrack.io.reports.views.timeline import timeline_view
    >>> blocks = timeline_view(timeline_document(nt.load("examples/ukraine_dec2025.toml").timeline))
    >>> blocks[2], blocks[3]
    (Paragraph(text=('5 events, 15 statements, 3 conditions',)), Heading(level=3, text=('2025-12-04',)))
    """
    records = document["records"]
    counts: dict[str, int] = {}
    for r in records:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    blocks: list[Block] = [
        Heading(1, f"{document['title'] or 'Timeline'} — timeline"),
        *coverage_blocks(document),
        Paragraph(", ".join(count(n, kind) for kind, n in counts.items()) or "no records"),
    ]
    by_date: dict[str, list[Mapping[str, Any]]] = {}  # one pass: linear in the records
    planned = []
    for r in records:
        if r["type"] == "event" and r.get("status") == "planned":
            planned.append(r)
        else:
            by_date.setdefault(r["date"], []).append(r)
    item, line, sources = Bullet.of, record_line, record_sources  # 10^5 items: made directly
    for date, on_date in by_date.items():
        blocks.append(Heading(3, date))
        blocks.append(
            Bullets(tuple([item(inline(line(r)), tuple(map(item, sources(r)))) for r in on_date]))
        )
    if planned:
        blocks.append(Heading(2, "Planned, not yet reported as happened"))
        blocks.append(
            Bullets(
                Bullet((f"{r['date']}: ", *record_line(r)), children=record_sources(r))
                for r in planned
            )
        )
    return blocks


def record_line(record: Mapping[str, Any]) -> Inline:
    """Return one statement, event or condition item as a line of inline text.

    Parameters
    ----------
    record : dict
        A *statement item*, *event item* or *condition item* of a document.

    Returns
    -------
    tuple of str and Strong
        Who (or "Event") in strong type, then what, with the credibility in brackets.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import timeline_document
    >>> from negotrack.io.reports.views.timeline import record_line
    >>> doc = timeline_document(nt.load("examples/ukraine_dec2025.toml").timeline)
    >>> record_line(doc["records"][0])
    (Strong(text='Event'), ': The US publishes its National Security Strategy [confirmed]')
    """
    cred = f"[{record['credibility']}]"
    if record["type"] == "statement":
        red = ", red line" if record["red_line"] else ""
        cites = f" (citing {', '.join(record['cites'])})" if record["cites"] else ""
        return (
            Strong(record["party_name"]),
            f" on {record['issue_title']}: wants {record['ideal_text']}, "
            f"accepts {record['acceptable_text']}{red} {cred}{cites}",
        )
    if record["type"] == "event":
        return (Strong("Event"), f": {event_words(record)}")
    link = "only after" if record["kind"] == "precondition" else "only with"
    lifted = " (lifts an earlier condition)" if record["lifted"] else ""
    return (
        Strong(record["party_name"]),
        f" condition: {record['clause']} {link} {record['requires']}{lifted} {cred}",
    )


def event_words(event: Mapping[str, Any]) -> str:
    """Return an event item's title with its credibility and who disputes it.

    Parameters
    ----------
    event : dict
        An *event item*.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.views.timeline import event_words
    >>> event_words({"title": "Drone claim", "credibility": "alleged", "contested": True,
    ...              "disputed_by": ["Ukraine"]})
    'Drone claim [alleged, disputed by Ukraine]'
    """
    contested = ""
    if event["disputed_by"]:
        contested = f", disputed by {', '.join(event['disputed_by'])}"
    elif event["contested"]:
        contested = ", contested"
    status = ", planned" if event.get("status") == "planned" else ""
    text = f"{event['title']} [{event['credibility']}{status}{contested}]"
    revised = event.get("revises") or {}
    if revised:
        text += "; revises " + ", ".join(f"{rid} to {level}" for rid, level in revised.items())
    if event.get("fulfils"):
        text += f"; the planned {event['fulfils']} happened"
    return text


def record_sources(record: Mapping[str, Any]) -> list[Inline]:
    """Return a record's sources, each with its quote when there is one.

    Parameters
    ----------
    record : dict
        A *statement item*, *event item* or *condition item*.

    Returns
    -------
    list of inline text
        ``'AP, "Title" (2025-12-29): "the quote"'``, one per source; the citation is a
        :class:`~negotrack.io.reports.blocks.Link` to the source's address when it has one.

    Examples
    --------
    >>> from negotrack.io.reports.views.timeline import record_sources
    >>> record_sources({"type": "statement", "source": "AP (2025-12-29)", "quote": "No."})
    [('AP (2025-12-29)', ': "No."')]
    >>> record_sources({"type": "statement", "source": "AP", "url": "https://apnews.com/a",
    ...                 "quote": "", "note": "One outlet."})
    [(Link(text='AP', url='https://apnews.com/a'),), ('Note: One outlet.',)]
    """
    note = [inline(f"Note: {record['note']}")] if record.get("note") else []
    sources = record["sources"] if record["type"] == "event" else [record]
    return [
        inline((_cited(s), f': "{s["quote"]}"') if s.get("quote") else (_cited(s),))
        for s in sources
    ] + note


def _cited(source: Mapping[str, Any]) -> str | Link:
    url = source.get("url") or ""
    return Link(source["source"], url) if url else str(source["source"])
