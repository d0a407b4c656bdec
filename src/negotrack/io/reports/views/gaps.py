"""The view of a ``gaps`` document: the issues hardest first, then one subsection per issue.

Each issue's subsection has its summary sentence, a table of the parties' positions and the
move each must make, and a table of the pairwise distances.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Figure, Heading, Paragraph, Table
from negotrack.io.reports.views._phrases import coverage_blocks, party_name

__all__ = ["distance_matrix", "gaps_view", "issue_blocks"]

_STATUS = {
    "agreed": "agreed",
    "overlap": "overlap",
    "no_overlap": "NO OVERLAP",
    "one_party": "one party",
    "no_positions": "no positions",
}


def gaps_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``gaps`` document: a title, when, and :func:`issue_blocks`.

    Parameters
    ----------
    document : dict
        A ``gaps`` document (:func:`negotrack.io.reports.gaps_document`).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import gaps_document
    >>> from negotrack.io.reports.views.gaps import gaps_view
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> blocks = gaps_view(gaps_document(nt.analyze(tl.snapshot()), tl, title="Talks"))
    >>> blocks[0]
    Heading(level=1, text=('Talks: issues, hardest first',))
    """
    return [
        Heading(1, f"{document['title'] or 'Gaps'}: issues, hardest first"),
        *coverage_blocks(document),
        *issue_blocks(document),
    ]


def issue_blocks(document: Mapping[str, Any]) -> list[Block]:
    """Return the issue table and one subsection per issue of a ``gaps`` or ``brief`` document.

    Parameters
    ----------
    document : dict
        A document with ``issues`` (gap rows) and ``parties``.

    Returns
    -------
    list of Block
        A table of every issue (status, zone of agreement, largest move), then for each
        issue a level-3 heading, its summary, a figure of the positions (drawn in HTML
        only), its positions and its distances.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import gaps_document
    >>> from negotrack.io.reports.views.gaps import issue_blocks
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> blocks = issue_blocks(gaps_document(nt.analyze(tl.snapshot()), tl))
    >>> blocks[0].headers
    ('Issue', 'Status', 'Zone of agreement', 'Largest move')
    >>> blocks[0].rows[0]
    ('Ukrainian withdrawal from the rest of Donbas', 'NO OVERLAP', 'none', '100 points (the whole scale)')
    """
    rows = document["issues"]
    table = []
    for r in rows:
        status = _STATUS[r["status"]] + (", deadlocked" if r["deadlocked"] else "")
        largest = _largest_move(r) if r["status"] == "no_overlap" else "—"
        zone = (r["overlap_text"] or "none") if r["parties"] else "—"
        table.append([r["title"], status, zone, largest])
    blocks: list[Block] = [Table(["Issue", "Status", "Zone of agreement", "Largest move"], table)]
    for r in rows:
        blocks += _issue(document, r)
    return blocks


def _largest_move(row: Mapping[str, Any]) -> str:
    """Say the largest needed move in the issue's units and as a share of its scale."""
    moves = row.get("concessions") or []
    biggest = max(moves, key=lambda c: c["move"], default=None)
    share = row["needed"]
    whole = "the whole scale" if share >= 1 - 1e-9 else f"{share * 100:.3g}% of the scale"
    if biggest is None or not biggest.get("text"):
        return whole
    return f"{biggest['text']} ({whole})"


def _issue(document: Mapping[str, Any], row: Mapping[str, Any]) -> list[Block]:
    blocks: list[Block] = [
        Heading(3, f"{row['title']} ({row['scale']})"),
        Paragraph(row["summary"][0].upper() + row["summary"][1:] + "."),
    ]
    if not row["positions"]:
        return blocks
    order = [p["id"] for p in document["parties"]]  # a party's colour in every figure
    data = {**row, "party_order": order}
    blocks.append(Figure("positions", f"Where each party stands on {row['title']}", data=data))
    moves = {m["party"]: m["text"] for m in row["concessions"] if m["move"] > 0}
    blocks.append(
        Table(
            ["Party", "Wants", "Accepts", "Red line", "Must move"],
            [
                [
                    p["name"],
                    p["ideal_text"],
                    p["acceptable_text"],
                    "yes" if p["red_line"] else "no",
                    moves.get(p["party"], "—"),
                ]
                for p in row["positions"]
            ],
        )
    )
    if row["distances"]:
        blocks.append(Paragraph("Distances (0 = the same, 1 = opposite ends of the scale):"))
        blocks.append(
            Table(
                ["Pair", "Ideals", "Regions apart", "Hausdorff"],
                [
                    [
                        f"{party_name(document, d['a'])} – {party_name(document, d['b'])}",
                        f"{d['ideal']:.2f}",
                        f"{d['gap']:.2f}",
                        f"{d['hausdorff']:.2f}",
                    ]
                    for d in row["distances"]
                ],
            )
        )
    return blocks


def distance_matrix(document: Mapping[str, Any]) -> dict[str, Any]:
    """Return the data of the ``distances`` figure: names, distances and shared issues.

    Parameters
    ----------
    document : dict
        A ``brief`` document (its ``distances``: each pair's distance between ideals over
        the issues both stated, as :meth:`negotrack.GapReport.distance` and
        :func:`negotrack.plot.plot_distances` have it).

    Returns
    -------
    dict
        ``parties`` (names), ``matrix`` and ``shared``, in the document's party order.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import brief_document
    >>> from negotrack.io.reports.views.gaps import distance_matrix
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = tl.snapshot()
    >>> m = distance_matrix(brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl))
    >>> m["parties"][:2], m["matrix"][0][1], m["shared"][0][1]
    (['Russia', 'Ukraine'], 1.0, 2)
    """
    dist = document["distances"]
    return {
        "parties": [party_name(document, p) for p in dist["parties"]],
        "matrix": dist["matrix"],
        "shared": dist["shared"],
    }
