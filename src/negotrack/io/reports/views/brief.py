"""The view of the ``brief``: when, the issues hardest first, the deadlocks, what changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullet, Bullets, Figure, Heading, Link, Strong
from negotrack.io.reports.views._phrases import coverage_blocks
from negotrack.io.reports.views.deadlocks import HEADING, deadlock_blocks
from negotrack.io.reports.views.diff import change_blocks, change_heading
from negotrack.io.reports.views.gaps import distance_matrix, issue_blocks
from negotrack.io.reports.views.timeline import event_words

__all__ = ["brief_view", "summary_blocks"]


def summary_blocks(document: Mapping[str, Any]) -> list[Block]:
    """Return the brief's executive summary: a section of at most ten lines with sources.

    Each line ends with its sources as links to their own addresses (the citation alone
    where a source has none); a line whose conclusion has a ``robustness`` (the HTML brief
    with robustness) opens with its label: ``[fragile: holds in 48 % ± 2; hangs on ...]``.

    Examples
    --------
    >>> from negotrack.io.reports.views.brief import summary_blocks
    >>> line = {"text": "Hardest: Donbas.", "sources": [{"cite": "AP", "url": "https://a.b"}]}
    >>> summary_blocks({"summary": [line]})[1].items[0].text
    ('Hardest: Donbas.', ' (', Link(text='AP', url='https://a.b'), ')')
    """
    lines = document.get("summary") or []
    if not lines:
        return []
    items = []
    for line in lines:
        parts: list[str | Link | Strong] = [*_mark(line.get("robustness")), line["text"]]
        for k, src in enumerate(line["sources"]):
            parts += [" (" if k == 0 else "; ", Link(src["cite"], src.get("url") or "")]
        if line["sources"]:
            parts.append(")")
        items.append(Bullet(tuple(parts)))
    return [Heading(2, "Summary"), Bullets(items)]


def _mark(robust: Mapping[str, Any] | None) -> list[str | Strong]:
    """Return the robustness mark a summary line opens with (none without robustness)."""
    if not robust:
        return []
    holds = robust["holds"]
    odds = f"{100 * holds['probability']:.0f} % ± {100 * holds['error']:.0f}"
    on = f"; hangs on {', '.join(robust['depends_on'])}" if robust["depends_on"] else ""
    return [Strong(f"[{robust['label']}: holds in {odds}{on}]"), " "]


def brief_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``brief`` document: one section per part of the brief.

    Parameters
    ----------
    document : dict
        A ``brief`` document (:func:`negotrack.io.reports.brief_document`).

    Returns
    -------
    list of Block
        A title and what the brief covers (parties, date, credibility, conditions), then
        the sections "Summary" (:func:`summary_blocks`), "Issues, hardest first"
        (:func:`~negotrack.io.reports.views.gaps.issue_blocks`), "Deadlocks between
        conditions", "Planned events" (anticipated, not yet reported as happened) if any,
        and, if the brief has changes, "What changed after ...".

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import brief_document
    >>> from negotrack.io.reports.blocks import Heading
    >>> from negotrack.io.reports.views.brief import brief_view
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = tl.snapshot()
    >>> blocks = brief_view(brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl))
    >>> [b.text for b in blocks if isinstance(b, Heading) and b.level < 3]
    [('Negotiation brief',), ('Summary',), ('Issues, hardest first',), ('Deadlocks between conditions',)]
    """
    issues = issue_blocks(document)
    if len(document.get("distances", {}).get("parties", ())) > 1:
        heatmap = Figure("distances", "How far apart the parties are", data=distance_matrix(document))  # fmt: skip
        issues.insert(1, heatmap)
    graph = document.get("graph")
    drawn: list[Block] = []
    if graph and graph["nodes"]:
        names = {p["id"]: p["name"] for p in document["parties"]}
        data = {**graph, "names": names}
        drawn = [Figure("conditions", "The conditions in force and how they chain", data=data)]
    blocks: list[Block] = [
        Heading(1, document["title"] or "Negotiation brief"),
        *coverage_blocks(document),
        *summary_blocks(document),
        Heading(2, "Issues, hardest first"),
        *issues,
        Heading(2, HEADING),
        *drawn,
        *deadlock_blocks(document),
    ]
    planned = document.get("planned") or []
    if planned:
        blocks += [
            Heading(2, "Planned events"),
            Bullets([f"{e['date']}: {event_words(e)}" for e in planned]),
        ]
    changes = document.get("changes")
    if changes:
        blocks += [Heading(2, change_heading(changes)), *change_blocks(changes)]
    return blocks
