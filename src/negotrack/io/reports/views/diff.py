"""The view of a ``diff`` document: what changed between two dates.

Events, position changes (before → after) and conditions added or removed, each a list
introduced by its label; "Nothing changed." when nothing did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullet, Bullets, Heading, Paragraph, Strong
from negotrack.io.reports.views._phrases import coverage_blocks
from negotrack.io.reports.views.timeline import event_words, record_line

__all__ = ["change_blocks", "change_heading", "diff_view"]


def diff_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``diff`` document: a title and :func:`change_blocks`.

    Parameters
    ----------
    document : dict
        A ``diff`` document (:func:`negotrack.io.reports.diff_document`).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io.reports import diff_document
    >>> from negotrack.io.reports.views.diff import diff_view
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = diff_document(tl.diff(datetime.date(2025, 12, 28), datetime.date(2025, 12, 31)), tl)
    >>> diff_view(doc)[0]
    Heading(level=1, text=('Changes: what changed after 2025-12-28 (up to 2025-12-31)',))
    """
    head = change_heading(document)
    blocks: list[Block] = [
        Heading(1, f"{document['title'] or 'Changes'}: {head[0].lower()}{head[1:]}"),
        *coverage_blocks(document),
        *change_blocks(document),
    ]
    steps = document.get("steps") or ()
    if steps:
        blocks.append(Heading(2, "Step by step"))
        blocks.extend(
            Bullets([_change(ch) for ch in step["changes"]], lead=Strong(step["date"]))
            for step in steps
        )
    return blocks


def change_heading(document: Mapping[str, Any]) -> str:
    """Return the heading of a ``diff`` document's changes: which period they cover.

    Parameters
    ----------
    document : dict
        A ``diff`` document.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.views.diff import change_heading
    >>> change_heading({"start": "2025-12-28", "end": "2026-01-01"})
    'What changed after 2025-12-28 (up to 2026-01-01)'
    """
    return f"What changed after {document['start']} (up to {document['end']})"


def change_blocks(document: Mapping[str, Any]) -> list[Block]:
    """Return the events, position changes and condition changes of a ``diff`` document.

    Parameters
    ----------
    document : dict
        A ``diff`` document (on its own or as a brief's ``changes``).

    Returns
    -------
    list of Block
        One list per kind of change, each introduced by its label.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io.reports import diff_document
    >>> from negotrack.io.reports.views.diff import change_blocks
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = diff_document(tl.diff(datetime.date(2025, 12, 28), datetime.date(2025, 12, 31)), tl)
    >>> events = change_blocks(doc)[0]
    >>> events.lead, events.items[0].text
    ((Strong(text='Events'),), ('2025-12-29: Russia says Ukrainian drones targeted a Putin residence in the Novgorod region [alleged, disputed by Ukraine]',))
    """
    doc = document
    if not (
        doc["changes"] or doc["events"] or doc["conditions_added"] or doc["conditions_removed"]
    ):
        return [Paragraph("Nothing changed.")]
    blocks: list[Block] = []
    if doc["events"]:
        blocks.append(
            Bullets(
                [f"{e['date']}: {event_words(e)}" for e in doc["events"]], lead=Strong("Events")
            )
        )
    for kinds, label in _CHANGE_LISTS:
        listed = [ch for ch in doc["changes"] if ch.get("kind", "moved") in kinds]
        if listed:
            blocks.append(Bullets([_change(ch) for ch in listed], lead=Strong(label)))
    for key, label in (
        ("conditions_added", "Conditions added"),
        ("conditions_removed", "Conditions removed"),
    ):
        if doc[key]:
            blocks.append(Bullets([Bullet(record_line(c)) for c in doc[key]], lead=Strong(label)))
    return blocks


#: How the changes are listed: which kinds under which label (``Change.kind``).
_CHANGE_LISTS = (
    (("stated", "moved", "dropped"), "Positions"),
    (("credibility",), "Credibility changed (same position)"),
    (("restated",), "Restated (same position, new statement)"),
)


def _change(change: Mapping[str, Any]) -> str:
    before, after = change["before"], change["after"]
    old = "no position" if before is None else _position(before)
    new = "no position" if after is None else _position(after)
    extra = ""
    if after is not None:
        extra = f" — {after['date']}, {after['credibility']}"
        if after["cites"]:
            extra += f", citing {', '.join(after['cites'])}"
    who = f"{change['party_name']} on {change['issue_title']}"
    kind = change.get("kind", "moved")
    if kind == "restated":
        return f"{who}: {new}{extra}, source {after['source']}"
    if kind == "credibility":
        return f"{who}: {new}, {before['credibility']} → {after['credibility']} — {after['date']}"
    return f"{who}: {old} → {new}{extra}"


def _position(statement: Mapping[str, Any]) -> str:
    red = ", red line" if statement["red_line"] else ""
    return f"wants {statement['ideal_text']}, accepts {statement['acceptable_text']}{red}"
