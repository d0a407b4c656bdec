"""Report documents: analysis results as plain data that follows the report schema.

Every report goes through one *document*: a plain ``dict`` that follows the JSON schema shipped
with the package (``negotrack/io/report_schema.json``, described in ``docs/reports.md``). The
``*_document`` functions build documents from analysis results — through the results'
``to_dict()`` and attributes; reports never compute an analysis themselves. Views turn a
document into blocks and writers turn blocks into a format, so every format says the same thing.

Document kinds: ``brief`` (gaps, deadlocks and what changed), ``gaps``, ``deadlocks``,
``diff``, ``timeline``, ``validation``, ``packages`` and ``forecast``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from negotrack._collector import PROMOTE_FROM, collector_paused
from negotrack.errors import InvalidTypeError
from negotrack.io.reports.formatting import (
    format_move,
    format_region,
    format_value,
    join_and,
    region_words,
    value_words,
)
from negotrack.io.reports.summary import summary_lines
from negotrack.model.entities import Issue, Source
from negotrack.model.regions import Region
from negotrack.timeline.records import (
    DEFAULT_MIN_CREDIBILITY,
    Condition,
    Credibility,
    Event,
    Statement,
)
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Change, Timeline, TimelineDiff

__all__ = [
    "SCHEMA_VERSION",
    "brief_document",
    "conditions_document",
    "coverage",
    "diff_document",
    "forecast_document",
    "gaps_document",
    "graph_data",
    "packages_document",
    "plain",
    "scale_data",
    "series_data",
    "timeline_document",
    "validation_document",
]

#: The version of the report schema; bumped on any incompatible change.
SCHEMA_VERSION = 2

#: A report document: plain JSON-ready data that follows the report schema.
Document = dict[str, Any]


def _names(timeline: Timeline | Snapshot) -> dict[str, str]:
    return {p.id: p.label for p in timeline.parties}


def scale_data(issue: Issue) -> Document:
    """Return an issue's scale as plain data, enough to draw it.

    Parameters
    ----------
    issue : Issue
        The issue.

    Returns
    -------
    dict
        ``kind`` (``"numeric"``, ``"ordinal"`` or ``"nominal"``) and, for a numeric scale,
        ``lo``, ``hi`` and ``unit``; for a labelled one, ``labels`` in the scale's order.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.documents import scale_data
    >>> scale_data(nt.Issue("years", nt.NumericScale(0, 100, unit="years")))
    {'kind': 'numeric', 'lo': 0.0, 'hi': 100.0, 'unit': 'years'}
    >>> scale_data(nt.Issue("ceasefire", nt.OrdinalScale(["no", "yes"])))
    {'kind': 'ordinal', 'labels': ['no', 'yes']}
    """
    scale: Any = issue.scale
    if scale.kind == "numeric":
        return {"kind": "numeric", "lo": scale.lo, "hi": scale.hi, "unit": scale.unit}
    return {"kind": scale.kind, "labels": list(scale.labels)}


def graph_data(snapshot: Snapshot, conditions: Any = None) -> Document:
    """Return the condition graph of a snapshot as plain data for drawing.

    The clauses and arrows of :func:`negotrack.condition_graph` (``linkages=True``), read
    straight from the conditions in force: one pass, no graph object built.

    Parameters
    ----------
    snapshot : Snapshot
        The state analysed.
    conditions : ConditionReport, optional
        Its condition analysis: only the conditions of its ``condition_holders`` are drawn,
        and arrows inside a sequencing deadlock are marked ``knot`` (default: every
        party's conditions, no knot marked).

    Returns
    -------
    dict
        ``nodes`` (clause keys, in the order the conditions name them) and ``edges``: each
        ``from`` (the clause that waits), ``to`` (the clause it waits for), ``kind``
        (``"linkage"`` when every condition on the arrow is a linkage, else
        ``"precondition"``), ``holders`` (party ids, in order of appearance) and ``knot``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.documents import graph_data
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> data = graph_data(snap, nt.analyze_conditions(snap))
    >>> sorted(data), sum(e["knot"] for e in data["edges"])
    (['edges', 'nodes'], 3)
    """
    held = None if conditions is None else set(conditions.condition_holders)
    knots = {
        (c.clause.key, c.requires.key)
        for knot in (conditions.sequencing if conditions is not None else ())
        for c in knot.conditions
    }
    nodes: dict[str, int] = {}  # clause key -> its place
    edges: dict[tuple[str, str], Document] = {}
    with collector_paused(promote=len(snapshot.conditions) >= PROMOTE_FROM):
        for cond in snapshot.conditions:
            if held is not None and cond.holder not in held:
                continue
            u, v = cond.clause.key, cond.requires.key
            nodes.setdefault(u, len(nodes))
            nodes.setdefault(v, len(nodes))
            kind = cond.kind.value
            edge = edges.get((u, v))
            if edge is None:
                edges[u, v] = {
                    "from": u,
                    "to": v,
                    "kind": kind,
                    "holders": [cond.holder],
                    "knot": (u, v) in knots,
                }
            else:
                if cond.holder not in edge["holders"]:
                    edge["holders"].append(cond.holder)
                if edge["kind"] != kind:
                    edge["kind"] = "precondition"  # both kinds: at least "only after"
    # arrows listed from each clause in turn, as networkx lists a graph's edges
    arrows = sorted(edges.values(), key=lambda e: nodes[e["from"]])
    return {"nodes": list(nodes), "edges": arrows}


def series_data(reports: Sequence[Any], dates: Sequence[datetime.date] | None = None) -> Document:
    """Return gap reports over time as the data of the ``gaps_over_time`` figure.

    Parameters
    ----------
    reports : sequence of GapReport
        One per date, in date order (a :class:`~negotrack.GapSeries`' reports, or analyses
        of snapshots on chosen dates).
    dates : sequence of datetime.date, optional
        The date of each report as shown (default: each report's own date).

    Returns
    -------
    dict
        ``dates`` (ISO strings), ``issues`` (each ``title`` and ``needed``: the move needed
        to meet on each date, None where fewer than two parties have a position) and
        ``date`` (the last date, marked).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.documents import series_data
    >>> data = series_data(nt.gap_series(nt.load("examples/ukraine_dec2025.toml").timeline))
    >>> data["dates"], data["issues"][1]
    (['2025-12-04', '2025-12-28', '2025-12-29'], {'title': 'Duration of the security guarantees for Ukraine', 'needed': [None, 0.175, 0.175]})
    """
    reports = list(reports)
    shown = [_date(d) for d in dates] if dates is not None else [_date(r.date) for r in reports]
    issues = [gap.issue for gap in reports[0]] if reports else []
    unmeasured = {"one_party", "no_positions"}  # fewer than two parties: no gap to measure
    return {
        "dates": shown,
        "issues": [
            {
                "title": issue.label,
                "needed": [
                    None if (gap := r[issue.id]).status in unmeasured else gap.needed
                    for r in reports
                ],
            }
            for issue in issues
        ],
        "date": shown[-1] if shown else None,
    }


def _parties(timeline: Timeline | Snapshot) -> list[Document]:
    return [{"id": p.id, "name": p.label} for p in timeline.parties]


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def plain(value: Any) -> Any:  # noqa: PLR0911  (one return per kind of value reads best)
    """Turn analysis output into JSON-safe plain data (dates to ISO, inf and nan to None).

    Parameters
    ----------
    value : object
        Mappings, sequences, dates, numbers, strings, or objects with a ``to_dict()``.

    Returns
    -------
    object
        Dicts with string keys, lists, strings, finite numbers, booleans and None; anything
        else becomes its ``str``.

    Examples
    --------
    >>> import datetime
    >>> from negotrack.io.reports.documents import plain
    >>> plain({"on": datetime.date(2025, 12, 29), "gap": float("inf"), "who": ("UA", "US")})
    {'on': '2025-12-29', 'gap': None, 'who': ['UA', 'US']}
    """
    kind = type(value)  # the common kinds first, by exact type (no ABC check per value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return plain(to_dict())
    return str(value)


def coverage(
    timeline: Timeline | Snapshot,
    *,
    parties: Sequence[str] | None = None,
    min_credibility: str | Any = DEFAULT_MIN_CREDIBILITY.label,
    date: datetime.date | None = None,
    since: datetime.date | None = None,
    condition_holders: Sequence[str] | None = None,
) -> Document:
    """Return what a report covers, as the ``coverage`` every document carries.

    Parameters
    ----------
    timeline : Timeline or Snapshot
        The record the report reads (for the party names and the latest date; a
        snapshot's latest date is its own).
    parties : sequence of str, optional
        The parties covered (default: every party), in any order.
    min_credibility : str or Credibility, optional
        The lowest credibility counted (default ``"alleged"``).
    date : datetime.date, optional
        The date analysed (None: the latest record).
    since : datetime.date, optional
        The start of the period, for reports on a period (``diff``).
    condition_holders : sequence of str, optional
        Whose conditions the report reads, for reports that read conditions; None for
        reports that read none.

    Returns
    -------
    dict
        ``date``, ``since``, ``latest``, ``parties`` and ``left_out`` (each ``{id, name}``,
        in the record's order), ``min_credibility``, ``credibility_counted`` (the levels
        counted, lowest first) and ``condition_holders`` (a party list or None); said in
        words by :func:`~negotrack.io.reports.formatting.coverage_sentence`.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.documents import coverage
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> c = coverage(tl, parties=["US", "UA"])
    >>> [p["id"] for p in c["parties"]], [p["id"] for p in c["left_out"]], c["credibility_counted"]
    (['UA', 'US'], ['RU', 'EU'], ['alleged', 'reported', 'confirmed'])
    """
    level = Credibility.parse(min_credibility, field="min_credibility")
    chosen = {p.id for p in timeline.parties} if parties is None else set(parties)
    held = None if condition_holders is None else set(condition_holders)
    return {
        "date": _date(date),
        "since": _date(since),
        "latest": _latest(timeline),
        "parties": [{"id": p.id, "name": p.label} for p in timeline.parties if p.id in chosen],
        "left_out": [{"id": p.id, "name": p.label} for p in timeline.parties if p.id not in chosen],
        "min_credibility": level.label,
        "credibility_counted": [c.label for c in Credibility if c >= level],
        "condition_holders": None
        if held is None
        else [{"id": p.id, "name": p.label} for p in timeline.parties if p.id in held],
    }


def _latest(source: Timeline | Snapshot) -> str | None:
    if isinstance(source, Snapshot):
        if source.date is not None:
            return _date(source.date)
        held = [
            *(s.date for s in source.statements.values()),
            *(e.date for e in source.events),
            *(c.date for c in source.conditions),
        ]
        return _date(max(held, default=None))
    return _date(source.dates[-1]) if source.dates else None


def _covers(
    timeline: Timeline | None,
    parties: Sequence[str] | None,
    min_credibility: str | Credibility,
    date: datetime.date | None,
) -> Document | None:
    """Return the coverage of a report whose builder may lack the timeline (None then)."""
    if timeline is None:
        return None
    return coverage(timeline, parties=parties or None, min_credibility=min_credibility, date=date)


def _header(kind: str, title: str, **extra: Any) -> Document:
    doc: Document = {"negotrack_report": SCHEMA_VERSION, "kind": kind, "title": title}
    doc.update(extra)
    return doc


# ----------------------------------------------------------------------------- documents


def _statement_item(st: Statement, issue: Issue, names: Mapping[str, str]) -> Document:
    return _statement_items(lambda _: issue, names)(st)


def _statement_items(
    issue_of: Callable[[str], Issue], names: Mapping[str, str]
) -> Callable[[Statement], Document]:
    """Return a function from a statement to its item, for many statements.

    Each issue's words (title, how its values and regions read) are looked up once, at its
    first statement, each date's ISO text and each source's citation once: a timeline of
    10^5 statements on 50 issues looks each issue up 50 times, not 10^5.
    """
    issues: dict[str, tuple[str, Callable[[Any], str], Callable[[Region], str]]] = {}
    dates: dict[datetime.date, str] = {}
    cited: dict[int, tuple[Source, str]] = {}  # by identity: many statements share a source
    levels = _LEVELS

    def item(st: Statement) -> Document:
        said = issues.get(st.issue)
        if said is None:
            issue = issue_of(st.issue)
            said = issues[st.issue] = (issue.label, value_words(issue), region_words(issue))
        title, value, region = said
        day = dates.get(st.date)
        if day is None:
            day = dates[st.date] = st.date.isoformat()
        pos = st.position
        acceptable = pos.acceptable
        source = st.source
        known = cited.get(id(source))
        if known is None:  # the source is kept with its text, so its id is not reused
            known = cited[id(source)] = (source, source.cite())
        return {
            "date": day,
            "type": "statement",
            "id": st.id,
            "party": st.party,
            "party_name": names.get(st.party, st.party),
            "issue": st.issue,
            "issue_title": title,
            "ideal": pos.ideal,
            "ideal_text": value(pos.ideal),
            "acceptable": acceptable.to_data(),
            "acceptable_text": region(acceptable),
            "red_line": pos.red_line,
            "salience": pos.salience,
            "credibility": levels[st.credibility],
            "supersedes": st.supersedes,
            "cites": list(st.cites),
            "source": known[1],
            "url": source.url,
            "quote": source.quote,
            "note": st.note,
        }

    return item


#: Each credibility level's label (a lookup, not a property call per record).
_LEVELS: dict[Credibility, str] = {level: level.label for level in Credibility}


def _event_item(ev: Event, names: Mapping[str, str]) -> Document:
    return {
        "date": ev.date.isoformat(),
        "type": "event",
        "id": ev.id,
        "title": ev.title,
        "credibility": ev.credibility.label,
        "contested": ev.contested,
        "disputed_by": [names.get(p, p) for p in ev.disputed_by],
        "description": ev.description,
        "status": ev.status,
        "revises": {rid: level.label for rid, level in ev.revises.items()},
        "fulfils": ev.fulfils,
        "note": ev.note,
        "sources": [
            {"source": s.cite(), "url": s.url, "quote": s.quote, "kind": s.kind.value}
            for s in ev.sources
        ],
    }


def _condition_item(cond: Condition, names: Mapping[str, str]) -> Document:
    return {
        "date": cond.date.isoformat(),
        "type": "condition",
        "id": cond.id,
        "party": cond.holder,
        "party_name": names.get(cond.holder, cond.holder),
        "kind": cond.kind.value,
        "clause": cond.clause.key,
        "requires": cond.requires.key,
        "lifted": cond.lifted,
        "credibility": cond.credibility.label,
        "source": cond.source.cite(),
        "url": cond.source.url,
        "quote": cond.source.quote,
        "note": cond.note,
    }


def timeline_document(
    timeline: Timeline,
    *,
    title: str = "",
    parties: Sequence[str] | None = None,
    condition_holders: Sequence[str] | None = None,
) -> Document:
    """Return every record of a timeline in date order, as a ``timeline`` document.

    Parameters
    ----------
    timeline : Timeline
        The record.
    title : str, optional
        A heading (the scenario title).
    parties : sequence of str, optional
        List only these parties' statements (default: every party's; events are listed
        whatever the parties).
    condition_holders : sequence of str, optional
        List only the conditions these parties hold (default: every party's).

    Returns
    -------
    dict
        ``kind = "timeline"`` with ``records``: one item per statement, event and condition,
        sorted by date (stable within a date).

    Raises
    ------
    InvalidTypeError
        If ``timeline`` is not a Timeline.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import timeline_document
    >>> doc = timeline_document(nt.load("examples/ukraine_dec2025.toml").timeline)
    >>> doc["kind"], doc["records"][0]["title"]
    ('timeline', 'The US publishes its National Security Strategy')
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"timeline_document takes a Timeline, not {type(timeline).__name__}",
            path="timeline",
            value=timeline,
        )
    names = _names(timeline)
    chosen = set(parties if parties is not None else names)
    held = set(condition_holders if condition_holders is not None else names)
    items: list[Document] = []
    with collector_paused(promote=len(timeline.records) >= PROMOTE_FROM):
        statement_item = _statement_items(timeline.issue, names)
        for rec in sorted(timeline.records, key=attrgetter("date")):
            if type(rec) is Statement or isinstance(rec, Statement):
                if rec.party in chosen:
                    items.append(statement_item(rec))
            elif isinstance(rec, Event):
                items.append(_event_item(rec, names))
            elif rec.holder in held:
                items.append(_condition_item(rec, names))
    return _header(
        "timeline",
        title,
        coverage=coverage(
            timeline,
            parties=parties,
            min_credibility=Credibility.DENIED,
            condition_holders=[p for p in names if p in held],
        ),
        parties=_parties(timeline),
        issues=[{"id": i.id, "title": i.label, "scale": str(i.scale)} for i in timeline.issues],
        records=items,
    )


def _change_item(ch: Change, timeline: Timeline, names: Mapping[str, str]) -> Document:
    issue = timeline.issue(ch.issue)
    return {
        "party": ch.party,
        "party_name": names.get(ch.party, ch.party),
        "issue": ch.issue,
        "issue_title": issue.label,
        "kind": ch.kind,
        "before": None if ch.before is None else _statement_item(ch.before, issue, names),
        "after": None if ch.after is None else _statement_item(ch.after, issue, names),
    }


def diff_document(diff: TimelineDiff, timeline: Timeline, *, title: str = "") -> Document:
    """Return what changed between two dates as a ``diff`` document.

    Parameters
    ----------
    diff : TimelineDiff
        From :meth:`negotrack.Timeline.diff`.
    timeline : Timeline
        The timeline it came from (for names, titles and units).
    title : str, optional
        A heading.

    Returns
    -------
    dict
        ``kind = "diff"`` with ``start``, ``end``, ``changes`` (each with its ``kind`` —
        stated, moved, credibility, restated, dropped — and ``before`` and ``after``),
        ``steps`` (each intermediate date's changes, when the diff was asked for steps),
        ``events``, ``conditions_added`` and ``conditions_removed``.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io.reports import diff_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = diff_document(tl.diff(datetime.date(2025, 12, 28), datetime.date(2025, 12, 31)), tl)
    >>> [e["id"] for e in doc["events"]]
    ['drone-claim', 'trump-putin-call']
    """
    names = _names(timeline)
    return _header(
        "diff",
        title,
        coverage=coverage(
            timeline,
            parties=diff.parties or None,
            min_credibility=diff.min_credibility,
            date=diff.end,
            since=diff.start,
            condition_holders=diff.condition_holders or list(names),
        ),
        start=diff.start.isoformat(),
        end=diff.end.isoformat(),
        changes=[_change_item(ch, timeline, names) for ch in diff.changes],
        steps=[
            {"date": day.isoformat(), "changes": [_change_item(ch, timeline, names) for ch in chs]}
            for day, chs in diff.steps
        ],
        events=[_event_item(e, names) for e in diff.events],
        conditions_added=[_condition_item(c, names) for c in diff.conditions_added],
        conditions_removed=[_condition_item(c, names) for c in diff.conditions_removed],
    )


def conditions_document(report: Any, timeline: Timeline, *, title: str = "") -> Document:
    """Return a condition report (sequencing deadlocks, linkage conflicts) as a document.

    Parameters
    ----------
    report : ConditionReport
        From :func:`negotrack.analyze_conditions`.
    timeline : Timeline
        The timeline it came from (for party names).
    title : str, optional
        A heading.

    Returns
    -------
    dict
        ``kind = "deadlocks"``: the report's own ``to_dict()`` under ``conditions``, with
        party names.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import conditions_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = conditions_document(nt.analyze_conditions(tl.snapshot()), tl)
    >>> doc["conditions"]["sequencing"][0]["holders"]
    ['UA', 'RU']
    """
    data = plain(report.to_dict())
    return _header(
        "deadlocks",
        title,
        coverage=coverage(
            timeline,
            parties=report.parties or None,
            min_credibility=report.min_credibility,
            date=report.date,
            condition_holders=report.condition_holders or list(_names(timeline)),
        ),
        date=data.get("date"),
        parties=_parties(timeline),
        conditions=data,
    )


def gaps_document(
    report: Any,
    timeline: Timeline | Snapshot,
    *,
    title: str = "",
    date: datetime.date | None = None,
    min_credibility: str = DEFAULT_MIN_CREDIBILITY.label,
) -> Document:
    """Return a gap report as a ``gaps`` document: per issue status, overlap, distances, moves.

    Parameters
    ----------
    report : GapReport
        From :func:`negotrack.analyze`.
    timeline : Timeline or Snapshot
        The timeline it came from, or the snapshot analysed (for names, titles and units).
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed (None: after every record).
    min_credibility : str, optional
        The credibility threshold used.

    Returns
    -------
    dict
        ``kind = "gaps"`` with ``issues`` (hardest first) — see ``docs/reports.md``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import gaps_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = gaps_document(nt.analyze(tl.snapshot()), tl)
    >>> [(r["issue"], r["status"]) for r in doc["issues"][:2]]
    [('donbas_withdrawal', 'no_overlap'), ('ceasefire', 'no_overlap')]
    """
    return _header(
        "gaps",
        title,
        coverage=coverage(
            timeline, parties=report.parties, min_credibility=report.min_credibility, date=date
        ),
        date=_date(date),
        min_credibility=min_credibility,
        parties=_parties(timeline),
        issues=_gap_rows(report, timeline),
    )


def _gap_summary(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    who = [names.get(p, p) for p in row["parties"]]
    if not who:
        return "no party has stated a position"
    if len(who) == 1:
        pos = row["positions"][0]
        return f"only {who[0]} has stated a position (wants {pos['ideal_text']}, accepts {pos['acceptable_text']})"
    if row["status"] == "agreed":
        return f"agreed: {join_and(who)} all want {row['positions'][0]['ideal_text']}"
    if row["status"] == "overlap":
        both = "both" if len(who) == 2 else "all"
        return f"overlap: {join_and(who)} can {both} accept {row['overlap_text']}"
    moves = [m for m in row["concessions"] if m["move"] > 0]
    text = "no overlap"
    if row["concession_point_text"] is not None and moves:
        first, *rest = moves
        parts = [f"{names.get(first['party'], first['party'])} must move {first['text']}"]
        parts += [f"{names.get(m['party'], m['party'])} {m['text']}" for m in rest]
        where = f"at {row['concession_point_text']}"
        reds = [names.get(p, p) for p in row["red_line_holders"]]
        if reds and row["respects_red_lines"]:
            within = (
                f"{reds[0]}'s red line" if len(reds) == 1 else f"the red lines of {join_and(reds)}"
            )
            where = f"within {within} at {row['concession_point_text']}"
        elif reds:
            where = f"{where}, ignoring the red lines (no point respects them all)"
        text += f" — to meet {where}, {join_and(parts)}"
    if row["deadlocked"]:
        holders = join_and([names.get(p, p) for p in row["red_line_holders"]])
        text += f"; deadlocked: the red lines of {holders} share no value"
    return text


def _gap_rows(report: Any, timeline: Timeline | Snapshot) -> list[Document]:
    names = _names(timeline)
    rows: list[Document] = []
    for gap in report.hardest():
        issue: Issue = gap.issue
        data = plain(gap.to_dict())
        conc = data["concessions"]
        moves = conc["moves"]
        positions = [
            {
                "party": p,
                "name": names.get(p, p),
                "ideal": pos.ideal,
                "ideal_text": format_value(issue, pos.ideal),
                "acceptable": pos.acceptable.to_data(),
                "acceptable_text": format_region(issue, pos.acceptable),
                "red_line": pos.red_line,
                "salience": pos.salience,
            }
            for p, pos in zip(gap.parties, gap.positions, strict=True)
        ]
        point = conc["point"]
        row: Document = {
            "issue": issue.id,
            "title": issue.label,
            "scale": str(issue.scale),
            "scale_data": scale_data(issue),
            "status": data["status"],
            "deadlocked": data["deadlocked"],
            "parties": data["parties"],
            "positions": positions,
            "overlap": None if gap.overlap.is_empty else gap.overlap.to_data(),
            "overlap_text": None if gap.overlap.is_empty else format_region(issue, gap.overlap),
            "overlap_measure": gap.overlap.measure,
            "needed": data["needed"],
            "concession_point": point,
            "concession_point_text": None if point is None else format_value(issue, point),
            "respects_red_lines": conc["respects_red_lines"],
            "concessions": [
                {
                    "party": p,
                    "name": names.get(p, p),
                    "move": m["move"],
                    "units": m["units"],
                    "text": format_move(issue, m["units"]),
                }
                for p, m in moves.items()
            ],
            "blockers": data["blockers"],
            "red_line_holders": [
                p for p, pos in zip(gap.parties, gap.positions, strict=True) if pos.red_line
            ],
            "distances": [
                {k: d[k] for k in ("a", "b", "ideal", "gap", "hausdorff")}
                for d in data["distances"]
            ],
        }
        row["summary"] = _gap_summary(row, names)
        rows.append(row)
    return rows


def brief_document(
    report: Any,
    conditions: Any,
    timeline: Timeline,
    *,
    title: str = "",
    date: datetime.date | None = None,
    min_credibility: str = DEFAULT_MIN_CREDIBILITY.label,
    diff: TimelineDiff | None = None,
    snapshot: Snapshot | None = None,
) -> Document:
    """Return the brief: the gap report, the deadlocks and, optionally, what changed.

    Parameters
    ----------
    report : GapReport
        From :func:`negotrack.analyze`.
    conditions : ConditionReport
        From :func:`negotrack.analyze_conditions` on the same snapshot.
    timeline : Timeline
        The timeline both came from.
    title : str, optional
        A heading (the scenario title).
    date : datetime.date, optional
        The date analysed (None: after every record).
    min_credibility : str, optional
        The credibility threshold used.
    diff : TimelineDiff, optional
        What changed over a period, shown as a last section.
    snapshot : Snapshot, optional
        The snapshot analysed: its condition graph (:func:`graph_data`) is drawn in the
        HTML brief; None leaves ``graph`` empty.

    Returns
    -------
    dict
        ``kind = "brief"`` with ``summary`` (the executive summary: at most ten lines, each
        with its sources), ``issues``, ``deadlocks``, ``planned`` (anticipated events not
        yet reported as happened), ``changes`` (or None) and ``graph`` (the condition graph
        as :func:`graph_data`, or None).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import brief_document, render
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = tl.snapshot()
    >>> doc = brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl, title="Talks")
    >>> print(render(doc, "text").splitlines()[3])
    Covers Russia, Ukraine, United States and European governments (every party) at the latest record (2026-01-01); records alleged or better counted, denied ones left out; conditions of every party read.
    """
    gaps = gaps_document(report, timeline, date=date, min_credibility=min_credibility)
    return _header(
        "brief",
        title,
        coverage=coverage(
            timeline,
            parties=report.parties,
            min_credibility=report.min_credibility,
            date=date,
            condition_holders=conditions.condition_holders or list(_names(timeline)),
        ),
        date=_date(date),
        latest=_date(timeline.dates[-1]) if timeline.dates else None,
        min_credibility=min_credibility,
        parties=gaps["parties"],
        issues=gaps["issues"],
        summary=summary_lines(report, conditions, timeline, date=date, diff=diff),
        deadlocks=plain(conditions.to_dict()),
        planned=[_event_item(e, _names(timeline)) for e in timeline.planned(date)],
        changes=None if diff is None else diff_document(diff, timeline),
        graph=None if snapshot is None else graph_data(snapshot, conditions),
        distances=_distance_matrix(report),
    )


def _distance_matrix(report: Any) -> Document:
    """Each pair's :meth:`GapReport.distance` and the number of issues it rests on."""
    ids = list(report.parties)
    return {
        "parties": ids,
        "matrix": [[plain(d) for d in row] for row in report.distance_matrix()],
        "shared": [[len(report.shared_issues(a, b)) for b in ids] for a in ids],
    }


def validation_document(
    file: str,
    problems: Sequence[Any],
    *,
    summary: Mapping[str, int] | None = None,
    against: str | None = None,
) -> Document:
    """Return the result of validating a scenario file, or an update file against a record.

    Parameters
    ----------
    file : str
        The file checked.
    problems : sequence of NegotrackError
        Every problem found (empty: the file is valid).
    summary : mapping of str to int, optional
        Counts of what the file holds (issues, parties, statements ...) when valid; for an
        update, what it adds.
    against : str, optional
        For an update file: the scenario file or store it was checked against.

    Returns
    -------
    dict
        ``kind = "validation"`` with ``against``, ``valid``, ``problems`` (each ``path``
        and ``message``) and ``summary``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document, render
    >>> print(render(validation_document("x.toml", [], summary={"issues": 2}), "text"))
    x.toml is valid: 2 issues.
    """
    return _header(
        "validation",
        file,
        file=file,
        against=against,
        valid=not problems,
        problems=[
            {"path": getattr(p, "path", None), "message": getattr(p, "message", str(p))}
            for p in problems
        ],
        summary=dict(summary or {}),
    )


def packages_document(
    report: Any,
    *,
    title: str = "",
    date: datetime.date | None = None,
    parties: Sequence[str] = (),
    timeline: Timeline | None = None,
    min_credibility: str | Credibility = DEFAULT_MIN_CREDIBILITY.label,
) -> Document:
    """Return an agreement-space report (packages, frontier, solutions) as a document.

    Parameters
    ----------
    report : AgreementReport
        From :func:`negotrack.agreement`.
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed.
    parties : sequence of str, optional
        The parties asked about, for the message when ``report`` is None.
    timeline : Timeline, optional
        The record analysed: with it the document says what it covers (``coverage``;
        otherwise that is None).
    min_credibility : str or Credibility, optional
        The lowest credibility counted, for ``coverage``.

    Returns
    -------
    dict
        ``kind = "packages"``: the report's ``to_dict()`` under ``agreement`` (None when no
        party had stated a position), its plain-words summary under ``text``, ``cut``: one
        line saying what the time limit cut short (None when the frontier is exact) and,
        with ``timeline``, ``silent``: for each party, the issues of the space it has stated
        nothing on (it is indifferent to them: weight 0 there).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import packages_document
    >>> snap = nt.load("examples/wage_negotiation.toml").timeline.snapshot()
    >>> doc = packages_document(nt.agreement(snap, issues=["pay_rise"]))
    >>> doc["agreement"]["issues"]
    ['pay_rise']
    """
    if report is None:
        text = (
            "None of "
            + (", ".join(parties) or "the parties")
            + " has stated a position, so there are no packages to compare."
        )
        return _header(
            "packages",
            title,
            coverage=_covers(timeline, parties, min_credibility, date),
            date=_date(date),
            agreement=None,
            cut=None,
            text=text,
        )
    silent: dict[str, list[str]] = {}
    if timeline is not None:
        held = timeline.snapshot(date, min_credibility=min_credibility).statements
        for p in report.parties:
            quiet = [i for i in report.issues if (p, i) not in held]
            if quiet:
                silent[p] = quiet
    return _header(
        "packages",
        title,
        coverage=_covers(timeline, report.parties, min_credibility, date),
        silent=silent,
        date=_date(date),
        agreement=plain(report.to_dict()),
        cut=report.frontier.cut,
        text=report.describe(),
    )


def forecast_document(
    report: Any,
    *,
    title: str = "",
    date: datetime.date | None = None,
    timeline: Timeline | None = None,
    parties: Sequence[str] | None = None,
    min_credibility: str | Credibility = DEFAULT_MIN_CREDIBILITY.label,
) -> Document:
    """Return a forecast report (issue → method → outcome) as a document.

    Parameters
    ----------
    report : ForecastReport
        From :func:`negotrack.forecast_report`.
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed.
    timeline : Timeline, optional
        The record analysed: with it the document says what it covers (``coverage``;
        otherwise that is None).
    parties : sequence of str, optional
        The parties whose positions the forecasts read (default: every party).
    min_credibility : str or Credibility, optional
        The lowest credibility counted, for ``coverage``.

    Returns
    -------
    dict
        ``kind = "forecast"``: the report's ``to_dict()`` under ``forecasts`` and its
        plain-words summary under ``text``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import forecast_document
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> forecast_document(nt.forecast_report(snap))["forecasts"]["guarantee_years"]["median"]["value"]
    15.0
    """
    from negotrack.analysis.forecast_models import MODELS  # here: only forecasts need it

    return _header(
        "forecast",
        title,
        coverage=_covers(timeline, parties, min_credibility, date),
        date=_date(date),
        forecasts=plain(report.to_dict()),
        methods={name: model.description for name, model in MODELS.items()},
        text=report.describe(),
    )
