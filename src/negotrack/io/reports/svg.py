"""SVG figures for the HTML brief, drawn from report data alone: no plotting library needed.

Each function takes plain data (as documents hold it) and returns one ``<svg>`` element as a
string, with a ``<title>`` for screen readers, sized by a ``viewBox`` so it scales to the
page (a phone or a printed sheet). Every piece of free text goes through
:func:`~negotrack.io.reports.visible.visible` and is then escaped for XML: a name or a quote
is shown as the words it is, never run.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies); lines also differ by dash pattern and marker, so no figure relies on colour.

:data:`FIGURES` maps a :class:`~negotrack.io.reports.blocks.Figure`'s ``name`` to its
drawing function; :func:`draw` looks it up.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from negotrack._words import count
from negotrack.errors import InvalidTypeError
from negotrack.io.reports.visible import visible

__all__ = [
    "ARROWS",
    "COLOURS",
    "DASHES",
    "FIGURES",
    "MARKERS",
    "conditions_svg",
    "distances_svg",
    "draw",
    "gaps_over_time_svg",
    "graph_layout",
    "issue_style",
    "left_out_note",
    "party_colour",
    "positions_svg",
    "wrap",
]

#: Okabe–Ito colours, then darker shades of them: 14 distinct colours.
COLOURS: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#7A4B00",
    "#004F7A",
    "#8F3F00",
    "#006B4E",
    "#8A4F72",
    "#3B7EA1",
    "#6E6E6E",
)
#: Dash patterns (SVG ``stroke-dasharray``), combined with the colours so that 20 lines differ.
DASHES: tuple[str, ...] = ("", "6 3", "2 3", "8 3 2 3", "12 4")
#: Marker shapes drawn at each point of a line.
MARKERS: tuple[str, ...] = ("circle", "square", "diamond", "triangle")

#: Colour of what blocks: red lines, arrows in a sequencing deadlock.
RED = "#C0392B"
_INK = "#222222"
_GRID = "#DDDDDD"
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"


def _t(text: object) -> str:
    """Escape free text for XML, after making it visible."""
    return html.escape(visible(str(text)), quote=True)


def _n(x: float) -> str:
    """Return a coordinate with at most one decimal (keeps the files small)."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, title: str, body: Sequence[str], name: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="nt-figure" data-figure="{name}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="100%" role="img" '
        f'style="max-width:{_n(width)}px;{_FONT}">'
        f"<title>{_t(title)}</title>{''.join(body)}</svg>"
    )


def _text(
    x: float,
    y: float,
    words: object,
    *,
    size: float = 12,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = _INK,
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{_t(words)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, extra: str = "") -> str:
    return (
        f'<line x1="{_n(x1)}" x2="{_n(x2)}" y1="{_n(y1)}" y2="{_n(y2)}" stroke="{stroke}"{extra}/>'
    )


def _rect(x: float, y: float, w: float, h: float, *, fill: str, extra: str = "") -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{extra}/>'


def _bar(a: float, b: float, least: float) -> tuple[float, float]:
    """Return the left edge and width of a bar from ``a`` to ``b``, widened to ``least``.

    A bar narrower than ``least`` (a single value) is widened about its middle, so that a
    point stays visible where it is.
    """
    width = b - a
    if width >= least:
        return a, width
    return (a + b) / 2 - least / 2, least


def _short(name: str, width: int) -> str:
    """Return a name cut to ``width`` characters at a word, with an ellipsis if cut."""
    return textwrap.shorten(visible(name), width, placeholder="…") or name[: width - 1] + "…"


def wrap(text: str, width: int) -> list[str]:
    """Return ``text`` broken into lines of at most ``width`` characters (long words cut).

    :func:`textwrap.wrap` on the text made visible (no control character reaches a figure).

    Parameters
    ----------
    text : str
        The words.
    width : int
        The most characters on a line (at least 4).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from negotrack.io.reports.svg import wrap
    >>> wrap("donbas_withdrawal ∈ [100, 100]", 14)
    ['donbas_withdra', 'wal ∈ [100,', '100]']
    """
    return textwrap.wrap(visible(text), max(4, width), break_on_hyphens=False) or [""]


def issue_style(i: int) -> tuple[str, str, str]:
    """Return the colour, dash pattern and marker of the ``i``-th issue's line.

    The one style rule of every figure (SVG here, matplotlib in :mod:`negotrack.plot`): the
    first 20 issues differ in dash and marker alone, and in colour too.

    Parameters
    ----------
    i : int
        The issue's place in the agenda (from 0).

    Returns
    -------
    tuple of str
        A colour (``#RRGGBB``), an SVG dash pattern (``""`` for solid) and a marker name.

    Examples
    --------
    >>> from negotrack.io.reports.svg import issue_style
    >>> issue_style(0), issue_style(1)
    (('#0072B2', '', 'circle'), ('#D55E00', '6 3', 'square'))
    """
    return COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]


def party_colour(parties: Sequence[str], party: str) -> str:
    """Return a party's colour: by its place in the record's party list, in every figure.

    Parameters
    ----------
    parties : sequence of str
        The record's party ids, in order.
    party : str
        The party.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.svg import party_colour
    >>> party_colour(["RU", "UA", "US"], "US") == party_colour(["RU", "UA", "US"], "US")
    True
    >>> party_colour(["RU", "UA", "US"], "UA")
    '#D55E00'
    """
    k = parties.index(party) if party in parties else len(parties)
    return COLOURS[k % len(COLOURS)]


def _marker(shape: str, x: float, y: float, colour: str, r: float = 4) -> str:
    if shape == "square":
        return f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" fill="{colour}"/>'
    if shape == "diamond":
        pts = f"{_n(x)},{_n(y - r - 1)} {_n(x + r + 1)},{_n(y)} {_n(x)},{_n(y + r + 1)} {_n(x - r - 1)},{_n(y)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{_n(x)},{_n(y - r - 1)} {_n(x + r + 1)},{_n(y + r)} {_n(x - r - 1)},{_n(y + r)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{colour}"/>'


# ----------------------------------------------------------------------------- positions


def _axis(scale: Mapping[str, Any]) -> tuple[Callable[[Any], float], list[tuple[float, str]]]:
    """Map a scale's values onto [0, 1], and the ticks to draw (position, words)."""
    if scale.get("kind") == "numeric":
        lo, hi = float(scale["lo"]), float(scale["hi"])
        unit = str(scale.get("unit") or "")
        ticks = [lo + (hi - lo) * k / 4 for k in range(5)]
        return (
            lambda v: (float(v) - lo) / (hi - lo),
            [
                ((t - lo) / (hi - lo), f"{t:g}" + (f" {unit}" if k == 4 and unit else ""))
                for k, t in enumerate(ticks)
            ],
        )
    labels = [str(x) for x in scale.get("labels", [])]
    step = 1 / len(labels) if labels else 1.0
    where = {label: (k + 0.5) * step for k, label in enumerate(labels)}
    return (lambda v: where.get(str(v), 0.5), [(where[x], x) for x in labels])


def _spans(
    scale: Mapping[str, Any], region: Any, at: Callable[[Any], float]
) -> list[tuple[float, float]]:
    """Return the stretches of the axis (fractions) a region covers."""
    if region is None:
        return []
    if scale.get("kind") == "numeric":
        return [(at(a), at(b)) for a, b in region]
    half = 0.5 / max(1, len(scale.get("labels", [])))
    return [(at(x) - half * 0.8, at(x) + half * 0.8) for x in region]


def positions_svg(data: Mapping[str, Any]) -> str:
    """Draw each party's acceptable range and ideal on an issue's scale.

    One row per party: the acceptable region as a bar (outlined in red, with "red line"
    written beside it, when it is a red line), the ideal as a dark diamond. The zone of
    agreement is shaded green across the rows; where there is none, the point of the
    smallest concession is a dashed line.

    Parameters
    ----------
    data : dict
        An issue row of a ``gaps`` or ``brief`` document (``title``, ``scale_data``,
        ``positions``, ``overlap``, ``concession_point``) and, optionally, ``party_order``
        (the record's party ids: each party's colour, the same in every figure).

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import brief_document
    >>> from negotrack.io.reports.svg import positions_svg
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = tl.snapshot()
    >>> doc = brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl)
    >>> svg = positions_svg(doc["issues"][0])
    >>> svg.startswith("<svg") and "red line" in svg and "Russia" in svg
    True
    """
    scale = data["scale_data"]
    at, ticks = _axis(scale)
    rows = data["positions"]
    left, right, top, row_h = 170.0, 80.0, 12.0, 30.0
    width = 720.0
    plot_w = width - left - right
    height = top + row_h * max(1, len(rows)) + 44

    def x(frac: float) -> float:
        return left + max(0.0, min(1.0, frac)) * plot_w

    body: list[str] = []
    bottom = top + row_h * max(1, len(rows))
    for a, b in _spans(scale, data.get("overlap"), at):
        left_edge, w = _bar(x(a), x(b), 3)
        body.append(
            _rect(
                left_edge,
                top - 4,
                w,
                bottom - top + 8,
                fill="#009E73",
                extra=' fill-opacity="0.18"',
            )
        )
    for frac, words in ticks:
        body.append(_line(x(frac), top - 4, x(frac), bottom + 4, stroke=_GRID))
        body.append(_text(x(frac), bottom + 20, words, size=11, anchor="middle"))
    point = data.get("concession_point")
    if point is not None and data.get("overlap") is None:
        px = x(at(point))
        body.append(
            _line(px, top - 6, px, bottom + 6, stroke=_INK, extra=' stroke-dasharray="4 3"')
        )
        body.append(
            _text(px, bottom + 36, "smallest concession meets here", size=10, anchor="middle")
        )
    order = list(data.get("party_order") or [p["party"] for p in rows])
    for k, pos in enumerate(rows):
        y = top + row_h * k + row_h / 2
        colour = party_colour(order, pos["party"])
        body.append(_text(left - 10, y + 4, pos["name"], size=12, anchor="end"))
        stroke = f' stroke="{RED}" stroke-width="2.5"' if pos["red_line"] else ""
        for a, b in _spans(scale, pos["acceptable"], at):
            left_edge, w = _bar(x(a), x(b), 4)
            body.append(
                _rect(
                    left_edge,
                    y - 8,
                    w,
                    16,
                    fill=colour,
                    extra=f' rx="3" fill-opacity="0.35"{stroke} data-party="{_t(pos["party"])}"',
                )
            )
        ix = x(at(pos["ideal"]))
        body.append(_marker("diamond", ix, y, _INK, r=5))
        if pos["red_line"]:
            body.append(
                _text(width - right + 8, y + 4, "red line", size=11, fill=RED, weight="bold")
            )
    if not rows:
        body.append(_text(left, top + 18, "No party has stated a position.", size=12))
    return _svg(width, height, f"Positions on {data['title']}", body, "positions")


# ----------------------------------------------------------------------------- gaps over time


def gaps_over_time_svg(data: Mapping[str, Any]) -> str:
    """Draw how far apart the parties are on each issue, date by date.

    The height of a line is the move needed to meet, as a share of the scale (0: the
    parties' acceptable regions overlap; 100 %: opposite ends). Each issue has its own colour,
    dash pattern and marker; values are drawn where they are (lines that coincide overlap,
    and the key lists every issue). A dashed vertical line marks the date the page shows
    (one per date, class ``nt-now``, only the one for ``date`` visible).

    Parameters
    ----------
    data : dict
        ``dates`` (ISO strings, in order), ``issues`` (each ``title`` and ``needed``: one
        value or None per date) and optionally ``date`` (the date to mark).

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> from negotrack.io.reports.svg import gaps_over_time_svg
    >>> svg = gaps_over_time_svg({"dates": ["2025-12-01", "2025-12-08"],
    ...     "issues": [{"title": "Ceasefire", "needed": [1.0, 0.5]}]})
    >>> svg.count("<polyline"), "Ceasefire" in svg
    (1, True)
    """
    dates: list[str] = list(data["dates"])
    issues = list(data["issues"])
    left, top, plot_h = 56.0, 30.0, 200.0
    width = 720.0
    plot_w = width - left - 44  # room for the last date's label
    key_top = top + plot_h + 40
    height = key_top + 18 * len(issues) + 10
    n = len(dates)

    def x(k: int) -> float:
        return left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    body: list[str] = [
        _text(8, 18, "Move needed to meet, share of each issue's scale", size=13, weight="bold")
    ]
    for v in (0, 0.25, 0.5, 0.75, 1):
        body.append(_line(left, y(v), left + plot_w, y(v), stroke=_GRID))
        body.append(_text(left - 6, y(v) + 4, f"{v:.0%}", size=10, anchor="end"))
    labelled = _thin_labels(dates, plot_w)
    for k, d in enumerate(dates):
        if k in labelled:
            body.append(_text(x(k), top + plot_h + 16, d, size=10, anchor="middle"))
    for k, issue in enumerate(issues):
        colour, dash, marker = issue_style(k)
        pts = [(x(j), y(v)) for j, v in enumerate(issue["needed"]) if v is not None]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if pts:
            body.append(
                f'<polyline points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" fill="none" '
                f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
            )
            if len(pts) <= 60:
                body += [_marker(marker, a, b, colour, r=3.5) for a, b in pts]
        ky = key_top + 18 * k
        body.append(
            _line(
                left,
                ky - 4,
                left + 28,
                ky - 4,
                stroke=colour,
                extra=f' stroke-width="2"{dash_attr}',
            )
        )
        body.append(_marker(marker, left + 14, ky - 4, colour, r=3.5))
        unmeasured = all(v is None for v in issue["needed"])
        note = " (no gap: fewer than two parties have a position)" if unmeasured else ""
        body.append(_text(left + 36, ky, issue["title"] + note, size=11))
    when = data.get("date")
    for k, d in enumerate(dates):
        # one marker per date: the page's date control shows the one it is on (class nt-now)
        shown = "visible" if d == when else "hidden"
        now = f' stroke-width="1.5" stroke-dasharray="3 2" class="nt-now" data-date="{_t(d)}"'
        body.append(
            _line(x(k), top, x(k), top + plot_h, stroke=_INK, extra=f'{now} visibility="{shown}"')
        )
    return _svg(width, height, "Gaps over time", body, "gaps_over_time")


def _thin_labels(dates: Sequence[str], plot_w: float) -> set[int]:
    """Return which date labels fit along the axis unoverlapped: every ``step``-th, from the first."""
    room = max(1, int(plot_w // 76))  # a label is about 70 px wide at 10 px
    step = max(1, math.ceil(len(dates) / room))
    return set(range(0, len(dates), step))


# ----------------------------------------------------------------------------- distances


def distances_svg(data: Mapping[str, Any]) -> str:
    """Draw a heatmap of how far apart each pair of parties is, over the issues both stated.

    The measure of :meth:`negotrack.GapReport.distance` and of
    :func:`negotrack.plot.plot_distances`: the mean distance between the two parties' ideal
    points (0: the same ideals; 1: opposite ends of every scale).

    Parameters
    ----------
    data : dict
        ``parties`` (names, in order), ``matrix`` (one row per party: each cell the
        distance, or None where the two share no stated issue) and, optionally, ``shared``
        (how many issues each cell rests on).

    Returns
    -------
    str
        An ``<svg>`` element; each cell carries its value as text.

    Examples
    --------
    >>> from negotrack.io.reports.svg import distances_svg
    >>> svg = distances_svg({"parties": ["Russia", "Ukraine"], "matrix": [[0, 0.6], [0.6, 0]],
    ...                      "shared": [[2, 2], [2, 2]]})
    >>> svg.count("0.60"), svg.count("2 issues")
    (2, 2)
    """
    names = [str(p) for p in data["parties"]]
    matrix = data["matrix"]
    cell, left, top = 58.0, 170.0, 120.0
    width = max(620.0, left + cell * len(names) + 60)
    height = top + cell * len(names) + 40
    shared = data.get("shared")
    body: list[str] = [
        _text(
            8,
            18,
            "Distance between the parties' ideals, over the issues both stated",
            size=13,
            weight="bold",
        )
    ]
    for j, name in enumerate(names):
        cx = left + cell * j + cell / 2
        label = _short(name, 20)
        body.append(
            f'<text x="{_n(cx)}" y="{_n(top - 8)}" font-size="11" fill="{_INK}" '
            f'transform="rotate(-40 {_n(cx)} {_n(top - 8)})">{_t(label)}</text>'
        )
    for i, name in enumerate(names):
        y = top + cell * i
        body.append(_text(left - 8, y + cell / 2 + 4, _short(name, 24), size=11, anchor="end"))
        for j in range(len(names)):
            if i == j:
                continue
            v = matrix[i][j]
            x0 = left + cell * j
            body.append(_rect(x0, y, cell - 2, cell - 2, fill="#F2F2F2" if v is None else _heat(v)))
            words = "unknown" if v is None else f"{float(v):.2f}"
            ink = "#FFFFFF" if v is not None and float(v) > 0.55 else _INK
            body.append(
                _text(x0 + cell / 2 - 1, y + cell / 2, words, size=12, anchor="middle", fill=ink)
            )
            if shared is not None:
                n = shared[i][j]
                body.append(
                    _text(
                        x0 + cell / 2 - 1,
                        y + cell / 2 + 14,
                        count(n, "issue"),
                        size=9,
                        anchor="middle",
                        fill=ink,
                    )
                )
    body.append(
        _text(
            left,
            top + cell * len(names) + 22,
            "0 = the same ideals · 1 = opposite ends of every scale · unknown = no issue both stated",
            size=10,
        )
    )
    return _svg(width, height, "Distances between the parties", body, "distances")


def _heat(v: float) -> str:
    """Return a sequential light-to-dark blue for 0..1 (readable in grey too)."""
    v = max(0.0, min(1.0, v))
    lo, hi = (0xEF, 0xF3, 0xFF), (0x08, 0x30, 0x6B)
    r, g, b = (round(a + (c - a) * v) for a, c in zip(lo, hi, strict=True))
    return f"#{r:02X}{g:02X}{b:02X}"


# ----------------------------------------------------------------------------- conditions


#: Beyond this many clauses the graph shows only the knots and their neighbours.
MAX_CLAUSES = 24
#: How each kind of arrow is drawn: colour, width, dash pattern, arrowhead size, meaning.
ARROWS: dict[str, tuple[str, float, str, float, str]] = {
    "knot": (RED, 3, "", 11, "in a sequencing deadlock: nobody can move first"),
    "pre": ("#6E6E6E", 1.6, "", 9, "A → B: A only after B (precondition)"),
    "link": ("#0072B2", 1.6, "6 4", 9, "A → B: A only with B (linkage)"),
}
_BOX = ' rx="6" stroke="#404040"'

Point = tuple[float, float]


class Box(NamedTuple):
    """A clause's box: centre, size and the lines of its wrapped label."""

    x: float
    y: float
    width: float
    height: float
    lines: list[str]


class Arrow(NamedTuple):
    """An arrow from the edge of one box to the edge of another, as a quadratic curve."""

    kind: str  # "knot", "pre" or "link" (a key of ARROWS)
    start: Point
    control: Point
    tip: Point
    head: tuple[Point, Point, Point]  # the filled arrowhead
    label: str  # who holds it
    label_at: Point


class GraphLayout(NamedTuple):
    """Where everything of a condition graph goes, in pixels (y downwards)."""

    boxes: dict[str, Box]
    arrows: list[Arrow]
    left_out: int  # clauses not drawn (beyond MAX_CLAUSES, not in or next to a knot)
    width: float
    height: float


def graph_layout(data: Mapping[str, Any]) -> GraphLayout:
    """Lay out a condition graph: clauses on a circle, arrows from box edge to box edge.

    The one layout of the condition graph, drawn by :func:`conditions_svg` and by
    :func:`negotrack.plot.plot_conditions`. Labels are wrapped to 20 characters and every
    box sized to its label; the circle grows with the boxes so that none overlap; each arrow
    starts and ends on a box's edge (two arrows between the same clauses bend apart), so its
    head is visible whatever the labels' length. Beyond :data:`MAX_CLAUSES` clauses only the
    knots and their neighbours are laid out, and ``left_out`` says how many were not.

    Parameters
    ----------
    data : dict
        ``nodes`` and ``edges`` as :func:`negotrack.io.reports.documents.graph_data` gives
        them, and optionally ``names`` (party id to name, for the arrows' labels).

    Returns
    -------
    GraphLayout

    Examples
    --------
    >>> from negotrack.io.reports.svg import graph_layout
    >>> layout = graph_layout({"nodes": ["a", "b"], "edges": [{"from": "a", "to": "b",
    ...     "kind": "precondition", "holders": ["RU"], "knot": True}]})
    >>> [a.kind for a in layout.arrows], sorted(layout.boxes), layout.left_out
    (['knot'], ['a', 'b'], 0)
    """
    names_of: Mapping[str, str] = data.get("names") or {}
    nodes, edges, left_out = _visible_graph(list(data["nodes"]), list(data["edges"]))
    if not nodes:
        return GraphLayout({}, [], left_out, 360.0, 60.0)
    n = len(nodes)
    labels = {node: wrap(node, 20) for node in nodes}
    box_w = 8 + 6.6 * max(len(line) for ls in labels.values() for line in ls)
    box_h = {node: 8.0 + 14 * len(ls) for node, ls in labels.items()}
    radius = 0.0 if n == 1 else max(150.0, (box_w + 40) * n / (2 * math.pi))
    width = max(2 * radius + box_w + 60, 640.0)
    cx, cy = width / 2, radius + max(box_h.values()) / 2 + 36
    boxes = {
        node: Box(
            cx + radius * math.sin(2 * math.pi * k / n),
            cy - radius * math.cos(2 * math.pi * k / n),
            box_w,
            box_h[node],
            labels[node],
        )
        for k, node in enumerate(nodes)
    }
    lowest = max(b.y + b.height / 2 for b in boxes.values())
    pairs = {(e["from"], e["to"]) for e in edges}
    arrows = []
    for e in edges:
        a, b = boxes[e["from"]], boxes[e["to"]]
        bend = 0.18 if (e["to"], e["from"]) in pairs else 0.0
        sx, sy = _leave((a.x, a.y), (b.x, b.y), (a.width / 2, a.height / 2))
        tx, ty = _leave((b.x, b.y), (a.x, a.y), (b.width / 2 + 2, b.height / 2 + 2))
        kind = "knot" if e["knot"] else ("link" if e["kind"] == "linkage" else "pre")
        mx, my = (sx + tx) / 2 - (ty - sy) * bend, (sy + ty) / 2 + (tx - sx) * bend
        arrows.append(
            Arrow(
                kind,
                (sx, sy),
                (mx, my),
                (tx, ty),
                _arrowhead((mx, my), (tx, ty), ARROWS[kind][3]),
                ", ".join(names_of.get(h, h) for h in e["holders"]),
                ((sx + 2 * mx + tx) / 4, (sy + 2 * my + ty) / 4),
            )
        )
    return GraphLayout(boxes, arrows, left_out, width, lowest + 58 + (18 if left_out else 0))


def conditions_svg(data: Mapping[str, Any]) -> str:
    """Draw the condition graph: clauses as boxes, "only after" / "only with" as arrows.

    The layout of :func:`graph_layout`. Arrows in a sequencing deadlock are red and thick,
    other preconditions grey, linkages dashed blue (:data:`ARROWS`); each is labelled with
    the parties that hold it.

    Parameters
    ----------
    data : dict
        ``nodes`` and ``edges`` as :func:`negotrack.io.reports.documents.graph_data` gives
        them, and optionally ``names`` (party id to name).

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> from negotrack.io.reports.svg import conditions_svg
    >>> svg = conditions_svg({"nodes": ["a ∈ {yes}", "b ∈ {yes}"], "edges": [
    ...     {"from": "a ∈ {yes}", "to": "b ∈ {yes}", "kind": "precondition",
    ...      "holders": ["RU"], "knot": False}], "names": {"RU": "Russia"}})
    >>> svg.count('data-role="arrowhead"'), "Russia" in svg
    (1, True)
    """
    layout = graph_layout(data)
    body = [_text(8, 18, "Conditions in force", size=13, weight="bold")]
    if not layout.boxes:
        body.append(_text(8, 44, "No conditions in force.", size=12))
        return _svg(layout.width, layout.height, "Conditions in force", body, "conditions")
    for arrow in layout.arrows:
        colour, width, dash, _, _ = ARROWS[arrow.kind]
        (sx, sy), (mx, my), (tx, ty) = arrow.start, arrow.control, arrow.tip
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<path d="M{_n(sx)},{_n(sy)} Q{_n(mx)},{_n(my)} {_n(tx)},{_n(ty)}" fill="none" '
            f'stroke="{colour}" stroke-width="{_n(width)}"{dashed} data-kind="{arrow.kind}"/>'
        )
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in arrow.head)
        body.append(f'<polygon points="{pts}" fill="{colour}" data-role="arrowhead"/>')
        lx, ly = arrow.label_at
        body.append(
            f'<text x="{_n(lx)}" y="{_n(ly)}" font-size="10" text-anchor="middle" fill="{colour}" '
            f'stroke="#FFFFFF" stroke-width="3" paint-order="stroke">{_t(arrow.label)}</text>'
        )
    for box in layout.boxes.values():
        top = box.y - box.height / 2
        body.append(
            _rect(box.x - box.width / 2, top, box.width, box.height, fill="#F4F4F4", extra=_BOX)
        )
        for k, line in enumerate(box.lines):
            body.append(_text(box.x, top + 16 + 14 * k, line, size=11, anchor="middle"))
    key_y = layout.height - 16 - (18 if layout.left_out else 0)
    body.append(
        _text(8, key_y - 16, "A → B: A only after B (grey), A only with B (dashed blue)", size=10)
    )
    body.append(
        _text(
            8,
            key_y,
            "red: a sequencing deadlock, in which nobody can move first",
            size=10,
            fill=RED,
        )
    )
    if layout.left_out:
        body.append(_text(8, key_y + 18, left_out_note(layout.left_out), size=10))
    return _svg(layout.width, layout.height, "Conditions in force", body, "conditions")


def left_out_note(left_out: int) -> str:
    """Return the note saying how many clauses a condition-graph figure left out.

    Examples
    --------
    >>> from negotrack.io.reports.svg import left_out_note
    >>> left_out_note(3)
    '3 further clauses, not in or next to a deadlock, are left out of this figure.'
    """
    return f"{left_out} further clauses, not in or next to a deadlock, are left out of this figure."


def _visible_graph(
    nodes: list[str], edges: list[Mapping[str, Any]]
) -> tuple[list[str], list[Mapping[str, Any]], int]:
    if len(nodes) <= MAX_CLAUSES:
        return nodes, edges, 0
    core = {e["from"] for e in edges if e["knot"]} | {e["to"] for e in edges if e["knot"]}
    near = (
        core
        | {e["to"] for e in edges if e["from"] in core}
        | {e["from"] for e in edges if e["to"] in core}
    )
    # the knots' own clauses first, then their neighbours, in the record's order (the set of
    # neighbours made once: made per clause, it made this quadratic in the graph's size)
    neighbours = near - core
    kept = ([n for n in nodes if n in core] + [n for n in nodes if n in neighbours])[:MAX_CLAUSES]
    keep = set(kept)
    return kept, [e for e in edges if e["from"] in keep and e["to"] in keep], len(nodes) - len(kept)


def _arrowhead(control: Point, tip: Point, size: float) -> tuple[Point, Point, Point]:
    """Return the corners of a filled arrowhead at ``tip``, along the curve's last direction.

    Drawn as a polygon, not an SVG marker: a marker is found by id, and a page with the same
    figure in several (hidden) sections would point every arrow at the first, hidden one.
    """
    (cx, cy), (tx, ty) = control, tip
    length = math.hypot(tx - cx, ty - cy) or 1.0
    ux, uy = (tx - cx) / length, (ty - cy) / length
    bx, by = tx - ux * size, ty - uy * size
    half = size * 0.45
    return (tx, ty), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)


def _leave(centre: Point, towards: Point, half: Point) -> Point:
    """Return where the line from a box's centre towards a point leaves the box."""
    (x1, y1), (x2, y2), (hw, hh) = centre, towards, half
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return x1 + dx * scale, y1 + dy * scale


#: Every figure a Figure block may name: the function that draws it from its data.
FIGURES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "positions": positions_svg,
    "gaps_over_time": gaps_over_time_svg,
    "distances": distances_svg,
    "conditions": conditions_svg,
}


def draw(name: str, data: Mapping[str, Any]) -> str:
    """Return the SVG of the figure ``name`` drawn from ``data``.

    Parameters
    ----------
    name : str
        One of :data:`FIGURES`.
    data : dict
        What the figure is drawn from.

    Returns
    -------
    str

    Raises
    ------
    InvalidTypeError
        If ``name`` is not a known figure.

    Examples
    --------
    >>> from negotrack.io.reports.svg import draw
    >>> draw("distances", {"parties": [], "matrix": []}).startswith("<svg")
    True
    """
    drawer = FIGURES.get(name)
    if drawer is None:
        raise InvalidTypeError(
            f"figure name={name!r} is not a figure; use one of: {', '.join(FIGURES)}",
            path="figure.name",
            value=name,
        )
    return drawer(data)
