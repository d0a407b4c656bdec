"""Figures: the gaps over time, the distance heatmap and the condition graph (``plot`` extra).

matplotlib is imported lazily inside each function and used through its object-oriented API
with the Agg canvas (no pyplot, no global state, no display needed), so importing negotrack
never needs matplotlib. Without it, each function raises a
:class:`~negotrack.errors.MissingExtraError` saying how to install it.

Each function returns the matplotlib ``Figure``; give ``out`` (a ``.png`` or ``.svg`` path) to
also write it. A figure of ``width`` × ``height`` inches at ``dpi`` is written at exactly
``width * dpi`` × ``height * dpi`` pixels.
"""

from __future__ import annotations

import datetime
import math
import os
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from negotrack._extras import require
from negotrack.analysis.deadlocks import analyze_conditions
from negotrack.analysis.deadlocks.api import DEFAULT_TIME_LIMIT
from negotrack.analysis.gaps import analyze
from negotrack.analysis.series import gap_series
from negotrack.errors import InvalidTypeError
from negotrack.io.atomic import atomic_path
from negotrack.io.reports.documents import coverage, gaps_document, graph_data
from negotrack.io.reports.formatting import count, coverage_sentence
from negotrack.io.reports.svg import (
    ARROWS,
    RED,
    graph_layout,
    issue_style,
    left_out_note,
    party_colour,
)
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Credibility
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = ["plot_conditions", "plot_distances", "plot_gaps", "plot_positions"]

_CONTESTED = RED
#: matplotlib's marker for each marker name of the one style rule (svg.issue_style).
_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}


def _dashes(pattern: str) -> Any:
    """Return matplotlib's line style for an SVG dash pattern (``""``: solid)."""
    return "solid" if not pattern else (0, tuple(float(x) for x in pattern.split()))


def _percent(share: float) -> str:
    """Return a share of the scale in words (``"100 %"``, ``"17.5 %"``)."""
    return f"{share * 100:.3g}\u00a0%"  # a no-break space: the legend never splits "17.5 %"


def _figure(width: float, height: float, dpi: float) -> Any:
    agg = require("matplotlib.backends.backend_agg", extra="plot", needed_for="plotting")
    figure = require("matplotlib.figure", extra="plot", needed_for="plotting")
    for name, value in (("width", width), ("height", height), ("dpi", dpi)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise InvalidTypeError(
                f"{name}={value!r} must be a positive number", path=name, value=value
            )
    fig = figure.Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    agg.FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, out: str | os.PathLike[str] | None) -> None:
    if out is None:
        return
    name = os.fspath(out)
    if not name.lower().endswith((".png", ".svg")):
        raise InvalidTypeError(f"out={name!r} must end in .png or .svg", path="out", value=name)
    fmt = name.rsplit(".", 1)[1].lower()
    with atomic_path(name) as tmp:  # a failed drawing or write leaves the old figure
        fig.savefig(tmp, dpi=fig.dpi, format=fmt)


#: How an event line is drawn, by whether it is contested: colour, style, width, legend entry.
_EVENT_LINES: dict[bool, tuple[str, str, float, str]] = {
    True: (_CONTESTED, "--", 1.6, "contested event (disputed or alleged)"),
    False: ("#7F7F7F", ":", 1.2, "event"),
}


def _mark_events(ax: Any, events: list[Any]) -> tuple[list[str], int]:
    """Draw each event as a numbered vertical line; return the key and the lanes used.

    Contested events (disputed, or no better than alleged) are dashed and red, the others
    dotted and grey; each kind enters the legend once. Numbers sit in lanes above the plot
    so that no two overlap: a number closer than a label's width to the last one of a lane
    goes one lane up. The key has one line per number.
    """
    from matplotlib.dates import date2num

    to_number: Callable[[datetime.date], float] = date2num  # matplotlib's own date numbers
    key: list[str] = []
    in_legend: set[bool] = set()
    lanes: list[float] = []  # the x (axis fraction) of the last number in each lane
    lo, hi = (float(v) for v in ax.get_xlim())
    for n, e in enumerate(events, start=1):
        colour, style, width, legend = _EVENT_LINES[e.contested]
        shown = None if e.contested in in_legend else legend
        in_legend.add(e.contested)
        ax.axvline(e.date, color=colour, linestyle=style, linewidth=width, label=shown)
        where = (to_number(e.date) - lo) / (hi - lo) if hi > lo else 0.5
        lane = next((k for k, last in enumerate(lanes) if where - last > 0.025), len(lanes))
        if lane == len(lanes):
            lanes.append(where)
        else:
            lanes[lane] = where
        ax.annotate(
            str(n),
            xy=(e.date, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3 + 11 * lane),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            fontweight="bold",
            color=colour,
        )
        tag = f" ({e.credibility.label}, contested)" if e.contested else ""
        title = textwrap.shorten(e.title, 70, placeholder="…")
        key.append(f"{n}  {e.date.isoformat()}  {title}{tag}")
    return key, len(lanes)


def _subtitle(covered: Mapping[str, Any], when: str, inches: float) -> str:
    """Return the lines under a figure's title: its parties, credibility and dates.

    Wrapped to fit ``inches`` of width at the title's size (about 9 characters an inch).
    """
    names = ", ".join(p["name"] for p in covered["parties"])
    line = f"{names} · records {covered['min_credibility']} or better · {when}"
    return textwrap.fill(line, max(30, int(inches * 9)))


def _when(covered: Mapping[str, Any]) -> str:
    """Return the date a one-date figure shows, in words."""
    return covered["date"] or f"latest record ({covered['latest'] or 'none'})"


def _footer(fig: Any, covered: Mapping[str, Any], key: Iterable[str] = ()) -> None:
    """Say under the figure what it covers (parties, date, records) and list its event key."""
    # A figure-level x label: the constrained layout makes room for it below the axes.
    lines = [textwrap.fill(coverage_sentence(covered), int(fig.get_figwidth() * 14)), *key]
    fig.supxlabel(
        "\n".join(lines),
        x=0.01,
        ha="left",
        fontsize=8,
        color="#404040",
    )


def _clip_to_lines(
    ax: Any, events: list[Any], first: datetime.date | None, end: datetime.date | None
) -> list[Any]:
    """Start the axis shortly before the first line; list earlier events in a footnote."""
    start = first
    if start is None or end is None:
        return events
    pad = max(datetime.timedelta(days=1), (end - start) * 0.04)
    # Padding stops at the calendar's ends (year 1 and 9999 are valid record dates).
    lo = start - pad if start - datetime.date.min > pad else datetime.date.min
    hi = end + pad if datetime.date.max - end > pad else datetime.date.max
    ax.set_xlim(lo, hi)
    earlier = [e for e in events if e.date < lo]
    if earlier:
        shown = "; ".join(
            f"{e.date.isoformat()} {textwrap.shorten(e.title, 60, placeholder='…')}"
            + (" (contested)" if e.contested else "")
            for e in earlier[:3]
        )
        more = f" and {len(earlier) - 3} more" if len(earlier) > 3 else ""
        ax.set_xlabel(
            f"Earlier events, off the chart: {shown}{more}.",
            fontsize=8,
            color="#404040",
            loc="left",
        )
    return [e for e in events if e.date >= lo]


def plot_gaps(
    timeline: Timeline,
    out: str | os.PathLike[str] | None = None,
    *,
    parties: Iterable[str] | None = None,
    min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
    title: str = "",
    width: float = 11,
    height: float = 6,
    dpi: float = 100,
) -> Any:
    """Draw, for each issue, the largest move needed to open a zone of agreement over time.

    The line of an issue sits at 0 while the parties' acceptable regions overlap and rises
    to 1 when they hold opposite ends of the scale; it is drawn from the first date on which
    two parties hold positions. Events are marked with vertical lines: contested ones
    (disputed, or no better than alleged) dashed and red, the others dotted and grey.

    Parameters
    ----------
    timeline : Timeline
        The record.
    out : str or path, optional
        Write the figure here (``.png`` or ``.svg``).
    parties : iterable of str, optional
        Only these parties (default: all).
    min_credibility : Credibility or str, optional
        Leave out records below this level (default ``"alleged"``: denied records left
        out, the one default of every analysis).
    title : str, optional
        The figure's title (a default names what is drawn).
    width, height, dpi : float, optional
        Size in inches and resolution (default 11 × 6 in at 100 dpi: 1100 × 600 px).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    negotrack.errors.MissingExtraError
        If matplotlib is not installed.
    UnknownReferenceError
        If ``parties`` names an unknown party.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.plot import plot_gaps
    >>> fig = plot_gaps(nt.load("examples/ukraine_dec2025.toml").timeline)
    >>> fig.get_size_inches().tolist(), float(fig.dpi)
    ([11.0, 6.0], 100.0)
    """
    fig = _figure(width, height, dpi)
    series = gap_series(timeline, min_credibility=min_credibility, parties=parties)
    ax = fig.add_subplot()
    dates = list(series.dates)
    level = Credibility.parse(min_credibility, field="min_credibility")
    events = [e for e in timeline.events if e.credibility >= level]
    end = max([*dates, *(e.date for e in events)], default=None)
    drawn = 0
    first: datetime.date | None = None
    for k, issue in enumerate(timeline.issues):
        xs: list[datetime.date] = []
        ys: list[float] = []
        for date, gap in series.issue(issue.id):
            if len(gap.parties) < 2:
                continue
            xs.append(date)
            ys.append(gap.needed)
        if not xs:
            continue
        first = xs[0] if first is None else min(first, xs[0])
        changed = [n for n in range(len(ys)) if n == 0 or ys[n] != ys[n - 1]]  # marked
        if end is not None and xs[-1] < end:
            xs.append(end)
            ys.append(ys[-1])
        colour, dash, marker = issue_style(k)
        now = _percent(ys[-1])
        label = textwrap.fill(f"{issue.label} (now {now})", 34)
        # Values are drawn where they are: equal lines coincide (their dashes interleave)
        # and the legend gives each issue's latest value, so no line is moved off its value.
        ax.step(
            xs,
            ys,
            where="post",
            color=colour,
            linewidth=2.2,
            linestyle=_dashes(dash),
            label=label,
            marker=_MARKERS[marker],
            markevery=changed,
            markersize=6,
        )
        drawn += 1
    events = _clip_to_lines(ax, events, first, end)
    key, lanes = _mark_events(ax, events)
    if drawn == 0:
        ax.text(
            0.5,
            0.5,
            "No issue has positions from two parties yet",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
    ax.set_ylim(-0.03, 1.08)
    ax.set_ylabel(
        "Largest move needed to agree\n(share of the scale: 0 = overlap, 1 = opposite ends)"
    )
    ax.grid(axis="y", alpha=0.3)
    covered = coverage(timeline, parties=series.parties, min_credibility=level)
    span = f"{first.isoformat()} to {end.isoformat()}" if first and end else "no gap yet"
    ax.set_title(
        (title + "\n" if title else "")
        + f"Gap on each issue over time\n{_subtitle(covered, span, width * 0.6)}",
        pad=8 + 11 * lanes,
    )
    fig.autofmt_xdate()
    _footer(fig, covered, key)
    if drawn or events:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    _save(fig, out)
    return fig


def plot_distances(
    report: Any,
    out: str | os.PathLike[str] | None = None,
    *,
    timeline: Timeline | None = None,
    weights: Mapping[str, float] | None = None,
    title: str = "",
    width: float = 7,
    height: float = 6,
    dpi: float = 100,
) -> Any:
    """Draw the pairwise distance between parties across all issues as a heatmap.

    Each cell is :meth:`negotrack.GapReport.distance` of two parties over the issues both have
    stated (0 = the same ideal points everywhere, 1 = opposite ends of every scale); the number
    is printed in the cell, or "unknown" where the two share no stated issue.

    Parameters
    ----------
    report : GapReport
        From :func:`negotrack.analyze`.
    out : str or path, optional
        Write the figure here (``.png`` or ``.svg``).
    timeline : Timeline, optional
        For party names (default: party ids).
    weights : mapping of issue id to float, optional
        Issue weights, passed to ``report.distance``.
    title : str, optional
        The figure's title.
    width, height, dpi : float, optional
        Size in inches and resolution (default 7 × 6 in at 100 dpi).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.plot import plot_distances
    >>> scenario = nt.load("examples/ukraine_dec2025.toml")
    >>> fig = plot_distances(nt.analyze(scenario.timeline.snapshot()), timeline=scenario.timeline)
    >>> print(fig.axes[0].get_title())
    Distance between parties over the issues both stated, latest
    Russia, Ukraine, United States, European governments · records alleged or better · latest record (2026-01-01)
    """
    fig = _figure(width, height, dpi)
    parties = list(report.parties)
    names = {p.id: p.label for p in timeline.parties} if timeline is not None else {}
    labels = [textwrap.fill(names.get(p, p), 14) for p in parties]
    matrix = [[report.distance(a, b, weights) for b in parties] for a in parties]
    ax = fig.add_subplot()
    image = ax.imshow(matrix, cmap="Reds", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(parties)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(parties)), labels)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if i == j:
                text = "—"
            else:  # say on how many issues the figure rests: silence is never a distance
                shared = count(len(report.shared_issues(parties[i], parties[j])), "issue")
                text = f"unknown\n{shared}" if math.isnan(value) else f"{value:.2f}\n{shared}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=9,
                color="white" if value > 0.6 else "black",
            )
    bar = fig.colorbar(image, ax=ax, shrink=0.85)
    bar.set_label("distance (0 = same ideals, 1 = opposite ends)")
    when = report.date.isoformat() if report.date else "latest"
    heading = (title + "\n" if title else "") + (
        f"Distance between parties over the issues both stated, {when}"
    )
    if timeline is not None:
        covered = coverage(
            timeline,
            parties=report.parties,
            min_credibility=report.min_credibility,
            date=report.date,
        )
        heading += "\n" + _subtitle(covered, _when(covered), width * 0.7)
        _footer(fig, covered)
    ax.set_title(heading)
    _save(fig, out)
    return fig


def plot_conditions(
    snapshot: Snapshot,
    out: str | os.PathLike[str] | None = None,
    *,
    parties: Iterable[str] | None = None,
    condition_holders: Iterable[str] | None = None,
    title: str = "",
    width: float = 10,
    height: float = 7,
    dpi: float = 100,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Any:
    """Draw the condition graph: clauses as boxes, "only after" / "only with" as arrows.

    The layout of the HTML brief's graph (:func:`negotrack.io.reports.svg.graph_layout`):
    clauses on a circle, labels wrapped and every box sized to its label, each arrow from
    the edge of one box to the edge of the other, so that every arrow and its head is
    visible whatever the labels' length; the drawing is scaled to the figure, text and
    lines with it. Arrows in a sequencing deadlock (a cycle nobody can move first on) are
    red and thick, other preconditions grey, linkages dashed blue; each is labelled with
    the parties that hold it. Beyond 24 clauses only the knots and their neighbours are
    drawn, and the figure says how many clauses it left out (so the time to draw is bounded
    whatever the record's size).

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    out : str or path, optional
        Write the figure here (``.png`` or ``.svg``).
    parties : iterable of str, optional
        The parties whose red lines count (default: all), as in
        :func:`negotrack.analyze_conditions`.
    condition_holders : iterable of str, optional
        Draw only the conditions these parties hold (default: every party's).
    title : str, optional
        The figure's title.
    width, height, dpi : float, optional
        Size in inches and resolution (default 10 × 7 in at 100 dpi).
    time_limit : float, optional
        Seconds of optional work for the condition analysis behind the figure (default
        1.5; :func:`negotrack.analyze_conditions`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.plot import plot_conditions
    >>> fig = plot_conditions(nt.load("examples/ukraine_dec2025.toml").timeline.snapshot())
    >>> len(fig.axes), len(fig.axes[0].patches)  # 3 boxes, 3 arrows and their 3 heads
    (1, 9)
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, PathPatch, Polygon
    from matplotlib.path import Path
    from matplotlib.patheffects import withStroke

    report = analyze_conditions(
        snapshot, parties=parties, condition_holders=condition_holders, time_limit=time_limit
    )
    names = {p.id: p.label for p in snapshot.parties}
    layout = graph_layout({**graph_data(snapshot, report), "names": names})
    fig = _figure(width, height, dpi)
    fig.set_layout_engine("none")  # the drawing is scaled to a fixed box, below
    ax = fig.add_axes((0.02, 0.14, 0.96, 0.74))
    ax.set_axis_off()
    when = snapshot.date.isoformat() if snapshot.date else "latest"
    covered = coverage(
        snapshot,
        parties=report.parties,
        min_credibility=snapshot.min_credibility,
        date=snapshot.date,
        condition_holders=report.condition_holders,
    )
    fig.suptitle(
        (title + "\n" if title else "")
        + f"Conditions in force, {when}\n{_subtitle(covered, _when(covered), width)}"
    )
    if not layout.boxes:
        ax.text(0.5, 0.5, "No conditions in force", ha="center", va="center", fontsize=12)
        _footer(fig, covered)
        _save(fig, out)
        return fig
    ax.set_xlim(0, layout.width)
    ax.set_ylim(layout.height, 0)  # the layout's y runs downwards
    ax.set_aspect("equal")
    box_w, box_h = fig.get_figwidth() * dpi * 0.96, fig.get_figheight() * dpi * 0.74
    pt = min(box_w / layout.width, box_h / layout.height) * 72 / dpi  # points per layout px
    for arrow in layout.arrows:
        colour, line_w, dash, _, _ = ARROWS[arrow.kind]
        style = _dashes(dash)
        curve = Path(
            [arrow.start, arrow.control, arrow.tip], [Path.MOVETO, Path.CURVE3, Path.CURVE3]
        )
        ax.add_patch(
            PathPatch(curve, fill=False, edgecolor=colour, linewidth=line_w * pt, linestyle=style)
        )
        ax.add_patch(Polygon(arrow.head, closed=True, facecolor=colour, edgecolor="none"))
        lx, ly = arrow.label_at
        ax.text(
            lx,
            ly,
            arrow.label,
            ha="center",
            va="baseline",
            fontsize=10 * pt,
            color=colour,
            path_effects=[withStroke(linewidth=3 * pt, foreground="white")],
        )
    for box in layout.boxes.values():
        top = box.y - box.height / 2
        ax.add_patch(
            FancyBboxPatch(
                (box.x - box.width / 2, top),
                box.width,
                box.height,
                boxstyle=f"round,pad=0,rounding_size={6}",
                facecolor="#F4F4F4",
                edgecolor="#404040",
                linewidth=pt,
            )
        )
        for k, line in enumerate(box.lines):
            ax.text(box.x, top + 16 + 14 * k, line, ha="center", va="baseline", fontsize=11 * pt)
    handles = [
        Line2D([], [], color=colour, linewidth=line_w, linestyle=_dashes(dash), label=meaning)
        for colour, line_w, dash, _, meaning in ARROWS.values()
    ]
    fig.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.07),
        ncols=3,
        frameon=False,
        fontsize=9,
    )
    key = [left_out_note(layout.left_out)] if layout.left_out else []
    _footer(fig, covered, key)
    _save(fig, out)
    return fig


def plot_positions(
    snapshot: Snapshot,
    out: str | os.PathLike[str] | None = None,
    *,
    timeline: Timeline | None = None,
    parties: Iterable[str] | None = None,
    title: str = "",
    width: float = 10,
    dpi: float = 100,
) -> Any:
    """Draw where each party stands on each issue: ranges, ideals, red lines, the overlap.

    One panel per issue on its own scale (small multiples, hardest first), one row per party
    with a position: the acceptable region as a bar (outlined in red, and marked "red line",
    when it is one), the ideal as a black diamond, the zone of agreement shaded green and,
    where there is none, the point where the smallest concessions meet as a dashed line. The
    same data and rules as the HTML brief's positions figures.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    out : str or path, optional
        Write the figure here (``.png`` or ``.svg``).
    timeline : Timeline, optional
        The record the snapshot came from, for the coverage line's latest date (default:
        the snapshot's own names and dates).
    parties : iterable of str, optional
        Only these parties (default: all; the one party rule).
    title : str, optional
        The figure's title.
    width, dpi : float, optional
        Width in inches and resolution; the height grows with the issues and parties.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.plot import plot_positions
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> fig = plot_positions(tl.snapshot(), timeline=tl)
    >>> len(fig.axes), fig.axes[0].get_title(loc="left")
    (5, 'Ukrainian withdrawal from the rest of Donbas (0–100 %)')
    """
    report = analyze(snapshot, parties=parties)
    record = timeline if timeline is not None else snapshot  # names, and what it covers
    document = gaps_document(report, record)
    stated = [r for r in document["issues"] if r["positions"]]  # hardest first
    rows = [
        {**r, "positions": r["positions"][:MAX_POSITION_ROWS]} for r in stated[:MAX_POSITION_PANELS]
    ]
    cut = _positions_cut(stated, rows)
    order = [p["id"] for p in document["parties"]]  # a party's colour on every panel
    height = 1.2 + sum(0.75 + 0.32 * len(r["positions"]) for r in rows) if rows else 2.5
    fig = _figure(width, height, dpi)
    when = snapshot.date.isoformat() if snapshot.date else "latest"
    covered = coverage(
        record, parties=report.parties, min_credibility=report.min_credibility, date=snapshot.date
    )
    fig.suptitle(
        (title + "\n" if title else "")
        + f"Where each party stands, {when}\n{_subtitle(covered, _when(covered), width)}"
        + (f"\n{cut}" if cut else "")
    )
    if not rows:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No party has stated a position", ha="center", va="center")
    else:
        axes = fig.subplots(
            len(rows),
            1,
            gridspec_kw={"height_ratios": [max(1, len(r["positions"])) + 1 for r in rows]},
            squeeze=False,
        )
        for ax, row in zip(axes[:, 0], rows, strict=True):
            _positions_panel(ax, row, order)
    _footer(fig, covered)
    _save(fig, out)
    return fig


#: The most issues (the hardest) and parties per issue the positions figure draws: a page
#: a reader can see, drawn in bounded time (45 issues × 50 parties took 36 s and 75,000 px).
MAX_POSITION_PANELS = 8
MAX_POSITION_ROWS = 24


def _positions_cut(stated: list[Any], shown: list[Any]) -> str:
    """Say in one line what the positions figure left out ("" when it drew everything)."""
    parts = []
    if len(shown) < len(stated):
        parts.append(f"the {len(shown)} hardest of {len(stated)} issues")
    crowded = sum(len(r["positions"]) > MAX_POSITION_ROWS for r in stated[: len(shown)])
    if crowded:
        parts.append(
            f"the first {MAX_POSITION_ROWS} parties on {count(crowded, 'issue')} with more"
        )
    return f"Shown: {' and '.join(parts)} (negotrack analyze lists every one)" if parts else ""


def _positions_panel(ax: Any, row: Mapping[str, Any], order: list[str]) -> None:
    scale = row["scale_data"]
    numeric = scale["kind"] == "numeric"
    labels = [] if numeric else list(scale["labels"])
    at = {label: k for k, label in enumerate(labels)}

    def spans(region: Any) -> list[tuple[float, float]]:
        if region is None:
            return []
        if numeric:
            return [(float(a), float(b)) for a, b in region]
        return [(at[x] - 0.3, at[x] + 0.3) for x in region]

    def where(value: Any) -> float:
        return float(value) if numeric else float(at[value])

    positions = row["positions"]
    n = len(positions)
    for a, b in spans(row["overlap"]):
        ax.axvspan(a, b, color="#009E73", alpha=0.2, linewidth=0)
    if row["overlap"] is None and row["concession_point"] is not None:
        ax.axvline(where(row["concession_point"]), color="#222222", linestyle="--", linewidth=1)
    for k, pos in enumerate(positions):
        y = n - 1 - k
        colour = party_colour(order, pos["party"])
        for a, b in spans(pos["acceptable"]):
            thin = (b - a) == 0
            ax.barh(
                y,
                max(b - a, 0.0),
                left=a,
                height=0.5,
                color=colour,
                alpha=0.4,
                edgecolor=_CONTESTED if pos["red_line"] else colour,
                linewidth=2.5 if pos["red_line"] or thin else 0.8,
            )
        ax.plot([where(pos["ideal"])], [y], marker="D", color="#222222", markersize=6, linestyle="")
        if pos["red_line"]:
            ax.annotate(
                "red line",
                xy=(1.0, y),
                xycoords=("axes fraction", "data"),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=_CONTESTED,
                fontweight="bold",
            )
    ax.set_yticks(
        range(n),
        [textwrap.shorten(p["name"], 28, placeholder="…") for p in reversed(positions)],
        fontsize=9,
    )
    ax.set_ylim(-0.7, n - 0.3)
    if numeric:
        pad = (scale["hi"] - scale["lo"]) * 0.02  # a point at an end stays off the frame
        ax.set_xlim(scale["lo"] - pad, scale["hi"] + pad)
        if scale["unit"]:
            ax.set_xlabel(scale["unit"], fontsize=8, loc="right")
    else:
        ax.set_xlim(-0.6, len(labels) - 0.4)
        ax.set_xticks(
            range(len(labels)),
            [textwrap.shorten(x, 22, placeholder="…") for x in labels],
            fontsize=8,
        )
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", alpha=0.3)
    heading = f"{row['title']} ({row['scale']})"
    room = int(ax.figure.get_figwidth() * 11)  # about 11 characters an inch at 10 pt
    ax.set_title(textwrap.shorten(heading, room, placeholder=" …)"), loc="left", fontsize=10)
