"""The executive summary that opens every brief: at most ten lines, each with its sources.

What is deadlocked and why, the hardest gap, the sequencing knots, what moved since the
previous date (or ``--since``), the contested events positions rest on, and what is planned —
each line a sentence and the records it rests on (their citation, address and id), built
from the analyses the brief already holds; nothing is computed here that the brief does not
show.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from negotrack.io.reports.formatting import (
    format_move,
    format_region,
    format_value,
    join_and,
)
from negotrack.timeline.records import Condition, Event, Statement
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline, TimelineDiff

__all__ = ["MAX_LINES", "summary_lines"]

#: The most lines a summary holds.
MAX_LINES = 10

Line = dict[str, Any]


def _sources(records: Iterable[Statement | Event | Condition]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for rec in records:
        sources = rec.sources if isinstance(rec, Event) else (rec.source,)
        for src in sources:
            key = (src.cite(), src.url)
            if key in seen:
                continue
            seen.add(key)
            out.append({"record": rec.id, "cite": src.cite(), "url": src.url})
    return out


def _line(
    text: str, records: Iterable[Statement | Event | Condition], conclusion: str | None = None
) -> Line:
    line: Line = {"text": text, "sources": _sources(records)}
    if conclusion is not None:  # the id nt.robustness gives the conclusion the line states
        line["conclusion"] = conclusion
    return line


def summary_lines(
    report: Any,
    conditions: Any,
    timeline: Timeline,
    *,
    date: datetime.date | None = None,
    diff: TimelineDiff | None = None,
) -> list[Line]:
    """Return the executive summary of a brief: at most :data:`MAX_LINES` lines.

    Parameters
    ----------
    report : GapReport
        The brief's gap report.
    conditions : ConditionReport
        Its condition analysis.
    timeline : Timeline
        The record (for names, statements and sources).
    date : datetime.date, optional
        The date analysed (None: the latest record).
    diff : TimelineDiff, optional
        What changed over the brief's period (``--since``); by default the changes since
        the record's previous date.

    Returns
    -------
    list of dict
        Each ``{"text": sentence, "sources": [{"record", "cite", "url"}, ...]}``, in order:
        red-line deadlocks, the hardest gap, sequencing knots, what moved, contested events
        in play, planned events. A line that states a conclusion of the brief also has
        ``"conclusion"``: its id in :func:`negotrack.robustness` (``hardest:ISSUE`` ...).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.summary import summary_lines
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> report = nt.analyze(tl.snapshot())
    >>> lines = summary_lines(report, report.conditions, tl)
    >>> print(lines[0]["text"])
    3 of 6 issues have no zone of agreement. Hardest: Ukrainian withdrawal from the rest of Donbas — Russia holds a red line at 100 %; Ukraine and European governments must move 100 points.
    >>> lines[0]["sources"][0]["record"]
    'ru-donbas-2'
    """
    names = {p.id: p.label for p in timeline.parties}
    snap = timeline.snapshot(date, min_credibility=report.min_credibility)
    lines: list[Line] = []
    lines += _deadlocks(report, snap, names)
    lines += _hardest(report, snap, names)
    lines += _knots(conditions, names)
    lines += _moves(timeline, report, snap, names, diff)
    lines += _contested(snap, names)
    lines += _planned(timeline, date)
    return lines[:MAX_LINES]


def _in_force(snap: Snapshot, issue: str, parties: Iterable[str]) -> list[Statement]:
    return [s for p in parties if (s := snap.statements.get((p, issue))) is not None]


def _deadlocks(report: Any, snap: Snapshot, names: Mapping[str, str]) -> list[Line]:
    # the claims' ids are imported when a summary is written: the robustness package loads
    # the agreement space (~0.3 s), which reading a file or a timeline report never needs
    from negotrack.analysis.robustness.claims import claim_id

    out = []
    for gap in report.gaps:
        if gap.deadlocked:
            holders = join_and([names.get(p, p) for p in gap.red_line_holders])
            out.append(
                _line(
                    f"Red-line deadlock on {gap.issue.label}: the red lines of {holders} share "
                    f"no value, so no agreement is possible unless one of them gives up its "
                    f"red line.",
                    _in_force(snap, gap.issue.id, gap.red_line_holders),
                    claim_id("deadlock", gap.issue.id),
                )
            )
    return out


def _hardest(report: Any, snap: Snapshot, names: Mapping[str, str]) -> list[Line]:
    from negotrack.analysis.robustness.claims import claim_id, hardest

    gap = hardest(report)
    total = sum(1 for g in report.gaps if len(g.parties) >= 2)
    if gap is None:
        if not total:
            return []
        text = (
            "The one issue with two or more positions has a zone of agreement or is "
            "deadlocked by red lines."
            if total == 1
            else f"Each of the {total} issues with two or more positions has a zone of "
            "agreement or is deadlocked by red lines."
        )
        return [_line(text, [])]
    moves = [c for c in gap.concessions.moves if c.move > 0]
    movers = join_and([names.get(c.party, c.party) for c in moves])
    units = max(moves, key=lambda c: c.move).units if moves else 0.0
    held = [p for p in gap.red_line_holders if p in gap.parties]
    why = ""
    if held and gap.concessions.respects_red_lines and gap.concessions.point is not None:
        point = gap.concessions.point
        shown = format_value(gap.issue, point)
        why = f"{join_and([names.get(p, p) for p in held])} holds a red line at {shown}; "
    n = sum(1 for g in report.gaps if g.status == "no_overlap")
    return [
        _line(
            f"{n} of {len(report.gaps)} issues have no zone of agreement. Hardest: "
            f"{gap.issue.label} — {why}{movers} must move "
            f"{format_move(gap.issue, units)}.",
            _in_force(snap, gap.issue.id, gap.parties),
            claim_id("hardest", gap.issue.id),
        )
    ]


def _knots(conditions: Any, names: Mapping[str, str]) -> list[Line]:
    from negotrack.analysis.robustness.claims import claim_id, knot_key

    out = []
    for knot in conditions.sequencing[:2]:
        holders = join_and([names.get(h, h) for h in knot.holders])
        lifts = knot.single_lifts
        if lifts:
            how = (
                f"lifting any one of its {len(lifts)} conditions would dissolve it"
                if len(lifts) > 1
                else "lifting one condition would dissolve it"
            )
        else:
            how = f"at least {knot.untie.lower_bound} conditions would have to be lifted"
        out.append(
            _line(
                f"Sequencing deadlock over {len(knot.clauses)} clauses held by {holders}: "
                f"nobody can move first; {how}.",
                knot.witness,
                claim_id("knot", knot_key(knot)),
            )
        )
    return out


def _moves(
    timeline: Timeline,
    report: Any,
    snap: Snapshot,
    names: Mapping[str, str],
    diff: TimelineDiff | None,
) -> list[Line]:
    if diff is None:
        latest = snap.date or (timeline.dates[-1] if timeline.dates else None)
        earlier = [d for d in timeline.dates if latest is not None and d < latest]
        if latest is None or not earlier:
            return []
        diff = timeline.diff(
            earlier[-1], latest, min_credibility=report.min_credibility, parties=report.parties
        )
    moves = [c for c in diff.moves if c.after is not None or c.before is not None][:3]
    if not moves:
        return [_line(f"No position moved since {diff.start.isoformat()}.", [])]
    out = []
    for ch in moves:
        who = names.get(ch.party, ch.party)
        issue = timeline.issue(ch.issue).label
        if ch.kind == "stated":
            what = "stated a first position"
        elif ch.kind == "dropped":
            what = "no longer has a position counted"
        elif ch.kind == "credibility":
            assert ch.before is not None
            assert ch.after is not None
            what = (
                f"kept its position, now {ch.after.credibility.label} "
                f"(was {ch.before.credibility.label})"
            )
        else:
            assert ch.after is not None
            pos, issue_obj = ch.after.position, timeline.issue(ch.issue)
            red = " — now a red line" if pos.red_line else ""
            what = (
                f"moved: now wants {format_value(issue_obj, pos.ideal)}, accepts "
                f"{format_region(issue_obj, pos.acceptable)}{red}"
            )
        records = [r for r in (ch.after, ch.before) if r is not None][:1]
        out.append(
            _line(
                f"Since {diff.start.isoformat()}: {who} on {issue} {what}.",
                records,
            )
        )
    return out


def _contested(snap: Snapshot, names: Mapping[str, str]) -> list[Line]:
    events = {e.id: e for e in snap.events}
    out = []
    for event in snap.events:
        if not event.contested:
            continue
        citing = [s for s in snap.statements.values() if event.id in s.cites]
        if not citing:
            continue
        who = join_and(sorted({names.get(s.party, s.party) for s in citing}))
        disputed = (
            f", disputed by {join_and([names.get(p, p) for p in event.disputed_by])}"
            if event.disputed_by
            else ""
        )
        out.append(
            _line(
                f"Positions rest on a contested event: {event.title} "
                f"({event.credibility.label}{disputed}), cited by {who}.",
                [events[event.id]],
            )
        )
    return out


def _planned(timeline: Timeline, date: datetime.date | None) -> list[Line]:
    return [
        _line(f"Planned: {e.title} ({e.date.isoformat()}).", [e]) for e in timeline.planned(date)
    ]
