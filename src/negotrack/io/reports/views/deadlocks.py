"""The view of a ``deadlocks`` document: each sequencing deadlock step by step, and conflicts.

A sequencing deadlock is a list introduced by who holds it, one item per link of its cycle
(who accepts which clause only after which other) and a last item saying how to untie it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullets, Code, Heading, Paragraph, Strong
from negotrack.io.reports.formatting import join_and
from negotrack.io.reports.views._phrases import coverage_blocks, party_name

__all__ = ["HEADING", "deadlock_blocks", "deadlocks_view"]

#: The heading of the deadlocks, a title of their own or a section of the brief.
HEADING = "Deadlocks between conditions"


def deadlocks_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``deadlocks`` document: a title and :func:`deadlock_blocks`.

    Parameters
    ----------
    document : dict
        A ``deadlocks`` document (:func:`negotrack.io.reports.conditions_document`).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import conditions_document
    >>> from negotrack.io.reports.views.deadlocks import deadlocks_view
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> blocks = deadlocks_view(conditions_document(nt.analyze_conditions(tl.snapshot()), tl))
    >>> blocks[0]
    Heading(level=1, text=('Conditions: deadlocks between conditions',))
    """
    title = f"{document['title'] or 'Conditions'}: {HEADING.lower()}"
    return [Heading(1, title), *coverage_blocks(document), *deadlock_blocks(document)]


def deadlock_blocks(document: Mapping[str, Any]) -> list[Block]:
    """Return the sequencing deadlocks, linkage conflicts and notes of a document.

    Parameters
    ----------
    document : dict
        A ``deadlocks`` document (its ``conditions``) or a ``brief`` (its ``deadlocks``).

    Returns
    -------
    list of Block
        One list per sequencing deadlock, one paragraph per linkage conflict and per note
        on what a bound cut short; a single paragraph when there is nothing to report.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import conditions_document
    >>> from negotrack.io.reports.blocks import plain_text
    >>> from negotrack.io.reports.views.deadlocks import deadlock_blocks
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> knot = deadlock_blocks(conditions_document(nt.analyze_conditions(tl.snapshot()), tl))[0]
    >>> plain_text(knot.lead)
    'Sequencing deadlock 1: 3 steps, held by Ukraine and Russia — nobody can move first.'
    """
    data = document["conditions"] if "conditions" in document else document["deadlocks"]
    seq, links = data["sequencing"], data["linkage_conflicts"]
    blocks: list[Block] = []
    if not seq and not links:
        blocks.append(
            Paragraph(
                "No sequencing deadlock and no linkage conflict among the conditions in force."
            )
        )
    for i, knot in enumerate(seq, 1):
        holders = join_and([party_name(document, h) for h in knot["holders"]])
        steps = [
            (
                f"{step}. {party_name(document, w['holder'])} accepts ",
                Code(w["clause"]),
                " only after ",
                Code(w["requires"]),
                f" [{w['credibility']}; {w['source']}]",
            )
            for step, w in enumerate(knot["witness"], 1)
        ]
        blocks.append(
            Bullets(
                [*steps, knot["structure"]],
                lead=(
                    Strong(f"Sequencing deadlock {i}"),
                    f": {len(knot['clauses'])} steps, held by {holders} — nobody can move first.",
                ),
            )
        )
    for conflict in links:
        text = conflict.get("text") or json.dumps(conflict, ensure_ascii=False)
        blocks.append(Paragraph((Strong("Linkage conflict"), f": {text}")))
    blocks += [Paragraph(f"Cut short: {note}") for note in data.get("notes", ())]
    return blocks
