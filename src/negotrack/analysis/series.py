"""Gaps over time: one :class:`GapReport` per date on which anything changed, incrementally.

:func:`gap_series` walks the timeline once, in date order. It keeps, per issue, the position
each party holds; a statement updates one cell, and at the end of each date only the issues
whose positions changed get a new :class:`IssueGap`. Unchanged gaps are the *same objects*
in consecutive reports, so a long series costs little memory and ``a is b`` tells that
nothing moved on an issue.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress
from typing import Any

import attrs

from negotrack._collector import PROMOTE_FROM, collector_paused
from negotrack.analysis.deadlocks import (
    ConditionReport,
    DeadlockSpan,
    analyze_conditions,
    deadlock_spans,
)
from negotrack.analysis.gaps import (
    GapReport,
    IssueGap,
    analyze,
    compute_gap,
    gap_status,
    overlap_region,
    red_line_deadlock,
)
from negotrack.errors import AnalysisError, InvalidTypeError, UnknownReferenceError
from negotrack.model._checks import check_date
from negotrack.model.entities import Issue, Position
from negotrack.model.regions import Region
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import (
    DEFAULT_MIN_CREDIBILITY,
    Condition,
    Credibility,
    IssueClause,
    Statement,
)
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import ConditionLedger, Timeline

__all__ = ["GapSeries", "gap_series"]

_new = object.__new__
_ABSENT = object()  # an empty column's ideal: equals nothing


def _setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    """Return the slot setters of a frozen, slotted attrs class's fields ``names``.

    ``names`` must be every field, in order: the callers unpack the setters by position.

    A frozen attrs class refuses ``setattr`` and its ``__init__`` sets each field through
    ``object.__setattr__`` by name; calling the slots' own descriptors skips the lookup
    and the keyword call. The series builds its results this way (one IssueGap per issue
    refreshed, one GapReport and ConditionReport per date); they are trusted, consistent
    values, and equal to what the keyword constructor builds (property-tested against
    :func:`~negotrack.analyze`).
    """
    fields = tuple(f.name for f in attrs.fields(cls))
    if fields != names:  # pragma: no cover - a guard for whoever changes the fields
        raise AssertionError(f"{cls.__name__} fields are {fields}, not {names}")
    return tuple(cls.__dict__[name].__set__ for name in names)


_GAP_SETTERS = _setters(
    IssueGap, "issue", "parties", "positions", "overlap", "status", "deadlocked"
)
_REPORT_SETTERS = _setters(GapReport, "date", "parties", "gaps", "min_credibility", "conditions")
_CONDITIONS_SETTERS = _setters(
    ConditionReport,
    "date",
    "sequencing",
    "linkage_conflicts",
    "untie",
    "cycles",
    "notes",
    "parties",
    "condition_holders",
    "min_credibility",
)


def _date_of(report: GapReport) -> datetime.date:
    """Return a series report's date (a series' reports are all dated, in date order)."""
    assert report.date is not None
    return report.date


@attrs.frozen(kw_only=True, repr=False)
class GapSeries:
    """Gap reports over time: one per date on which a statement or condition took effect.

    Attributes
    ----------
    reports : tuple of GapReport
        In date order.
    parties : tuple of str
        The parties analysed.
    min_credibility : Credibility
        Records below this level were left out.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> tl = nt.Timeline(issues=[nt.Issue("guarantee_years", years)],
    ...                  parties=[nt.Party("US"), nt.Party("UA")])
    >>> src = nt.Source(title="reports")
    >>> def say(who, day, lo, hi):
    ...     return nt.Statement(party=who, issue="guarantee_years", source=src,
    ...         date=datetime.date(2025, 12, day),
    ...         position=nt.Position(ideal=lo if who == "UA" else hi,
    ...                              acceptable=nt.Region.interval(years, lo, hi)))
    >>> _ = tl.extend([say("US", 20, 0, 15), say("UA", 28, 50, 100), say("US", 30, 0, 60)])
    >>> series = nt.gap_series(tl)
    >>> series
    <GapSeries: 3 reports from 2025-12-20 to 2025-12-30, 2 parties>
    >>> [(r.date.day, r["guarantee_years"].status) for r in series]
    [(20, 'one_party'), (28, 'no_overlap'), (30, 'overlap')]
    """

    reports: tuple[GapReport, ...]
    parties: tuple[str, ...]
    min_credibility: Credibility = DEFAULT_MIN_CREDIBILITY

    @property
    def dates(self) -> tuple[datetime.date, ...]:
        """The report dates, in order."""
        return tuple(r.date for r in self.reports if r.date is not None)

    def to_frame(self) -> Any:
        """Return the series as a pandas DataFrame, one row per date × issue (``pandas`` extra).

        Returns
        -------
        pandas.DataFrame
            The rows of :func:`negotrack.analysis.tables.gap_rows`, by date then agenda.

        Examples
        --------
        >>> import negotrack as nt
        >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
        >>> df = nt.gap_series(tl).to_frame()
        >>> donbas = df[df.issue == "donbas_withdrawal"]
        >>> [(d.isoformat(), n) for d, n in zip(donbas.date, donbas.needed) if n == n]
        [('2025-12-28', 0.5), ('2025-12-29', 1.0)]
        """
        from negotrack._frames import frame
        from negotrack.analysis.tables import GAP_COLUMNS, gap_rows

        return frame(gap_rows(self), GAP_COLUMNS)

    def __len__(self) -> int:
        return len(self.reports)

    def __iter__(self) -> Iterator[GapReport]:
        return iter(self.reports)

    def __getitem__(self, key: int | datetime.date) -> GapReport:
        """Return the report at a position, or the one dated exactly ``key``."""
        if isinstance(key, datetime.date):
            k = bisect.bisect_left(self.reports, key, key=_date_of)  # reports in date order
            if k < len(self.reports) and self.reports[k].date == key:
                return self.reports[k]
            raise UnknownReferenceError(
                f"GapSeries has no report dated {key.isoformat()}; use .at(date) for the "
                f"report in force on a date",
                path="date",
                value=key,
            )
        return self.reports[key]

    def at(self, date: datetime.date) -> GapReport | None:
        """Return the report in force on ``date`` (the latest dated on or before it).

        Raises
        ------
        InvalidTypeError
            If ``date`` is not a date.
        """
        check_date("GapSeries.at", "date", date)
        k = bisect.bisect_right(self.reports, date, key=_date_of)  # reports in date order
        return self.reports[k - 1] if k else None

    def issue(self, issue_id: str) -> tuple[tuple[datetime.date, IssueGap], ...]:
        """Return ``(date, gap)`` for one issue on every report date.

        Raises
        ------
        UnknownReferenceError
            If the issue is not on the agenda.
        """
        out = []
        for r in self.reports:
            assert r.date is not None
            out.append((r.date, r[issue_id]))
        return tuple(out)

    def changes(self, issue_id: str) -> tuple[tuple[datetime.date, IssueGap], ...]:
        """Like :meth:`issue`, keeping only the dates on which the issue's gap changed."""
        out: list[tuple[datetime.date, IssueGap]] = []
        for date, gap in self.issue(issue_id):
            if not out or out[-1][1] is not gap:
                out.append((date, gap))
        return tuple(out)

    def sequencing_spans(self) -> tuple[DeadlockSpan, ...]:
        """Return when each sequencing deadlock appeared and dissolved, in order of appearance.

        A knot is identified by its set of clauses (see :func:`negotrack.deadlock_spans`).

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> yes = nt.OrdinalScale(["no", "yes"])
        >>> y = lambda issue: nt.IssueClause(issue, nt.Region.labels(yes, ["yes"]))
        >>> tl = nt.Timeline(issues=[nt.Issue("a", yes), nt.Issue("b", yes)],
        ...                  parties=[nt.Party("P"), nt.Party("Q")])
        >>> src = nt.Source(title="t")
        >>> _ = tl.extend([
        ...     nt.Condition(holder="P", clause=y("a"), requires=y("b"), source=src,
        ...                  date=datetime.date(2025, 12, 1)),
        ...     nt.Condition(holder="Q", clause=y("b"), requires=y("a"), source=src,
        ...                  date=datetime.date(2025, 12, 5)),
        ...     nt.Condition(holder="Q", clause=y("b"), requires=y("a"), source=src,
        ...                  date=datetime.date(2025, 12, 9), supersedes="c2", lifted=True)])
        >>> nt.gap_series(tl).sequencing_spans()
        (<DeadlockSpan: knot over 2 clauses held by P, Q: appeared 2025-12-05, dissolved 2025-12-09>,)
        """
        return deadlock_spans(r.conditions for r in self.reports if r.conditions is not None)

    def to_dict(self) -> dict[str, object]:
        """Return the series as plain data: the reports, in date order."""
        return {
            "parties": list(self.parties),
            "min_credibility": self.min_credibility.label,
            "reports": [r.to_dict() for r in self.reports],
            "sequencing_spans": [s.to_dict() for s in self.sequencing_spans()],
        }

    def __repr__(self) -> str:
        if not self.reports:
            return f"<GapSeries: no reports, {len(self.parties)} parties>"
        first, last = _date_of(self.reports[0]), _date_of(self.reports[-1])
        return (
            f"<GapSeries: {len(self.reports)} reports from {first.isoformat()} to "
            f"{last.isoformat()}, {len(self.parties)} parties>"
        )


def gap_series(
    timeline: Timeline,
    *,
    min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
    parties: Iterable[str] | None = None,
    condition_holders: Iterable[str] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> GapSeries:
    """Return one gap report per date on which a statement or condition took effect.

    Parameters
    ----------
    timeline : Timeline
        The record.
    min_credibility : Credibility or str, optional
        Leave out records below this level (default ``ALLEGED``: denied records are left
        out).
    parties : iterable of str, optional
        The parties to analyse (default: all); statements by others are ignored.
    condition_holders : iterable of str, optional
        The parties whose conditions the condition analysis reads (default: all), as in
        :func:`negotrack.analyze_conditions`.
    start, end : datetime.date, optional
        Report only on dates in ``[start, end]``. Records before ``start`` still count:
        the first report holds every position in force on its date.

    Returns
    -------
    GapSeries
        The report on each date equals ``analyze(timeline.snapshot(date, min_credibility=...),
        parties, condition_holders=...)``.

    Raises
    ------
    InvalidTypeError
        If ``timeline`` is not a Timeline or ``start``/``end`` is not a date.
    UnknownReferenceError
        If ``parties`` names an unknown party.
    AnalysisError
        If ``start`` is after ``end``.

    Notes
    -----
    A timeline with revisions (events that change an earlier record's credibility,
    ``Event.revises``) is analysed afresh on each date instead, and the revisions' dates
    are dates of the series.

    Incremental: each statement costs a dictionary update; at the end of a date only the
    issues it touched are recomputed, and unchanged :class:`IssueGap` objects are shared
    between reports. The cost is about one issue recomputation per (date, issue) touched,
    against a full snapshot and analysis per date when done from scratch.

    The cyclic garbage collector is paused while the series is built (it holds no reference
    cycles) and restored afterwards. For a timeline of at least 2,000 records the
    process' young objects are collected first (``gc.collect(1)``) and the series' objects
    are then moved straight to the collector's oldest generation, which it would otherwise
    reach only after scanning them twice and finding nothing; this is skipped when the
    collector is off or the process has frozen objects (``gc.freeze``) of its own.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> tl = nt.Timeline(issues=[], parties=[nt.Party("A")])
    >>> len(nt.gap_series(tl, start=datetime.date(2025, 1, 1)))
    0
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"gap_series: timeline={timeline!r} must be a Timeline",
            path="timeline",
            value=timeline,
        )
    level = Credibility.parse(min_credibility, field="min_credibility")
    _check_window(start, end)
    chosen = select_parties(timeline, parties)
    holders = select_parties(timeline, condition_holders, path="condition_holders")
    if timeline.revisions:
        return _from_scratch(timeline, level, chosen, holders, start, end)
    column = {p: k for k, p in enumerate(chosen)}
    issues = timeline.issues
    row_of = {issue.id: k for k, issue in enumerate(issues)}
    with collector_paused(promote=len(timeline) >= PROMOTE_FROM):
        by_date, cond_by_date = _by_date(timeline, level, column, end)
        states = [_IssueState(issue, chosen, row) for row, issue in enumerate(issues)]
        conditions = _Conditions(timeline, level, chosen, holders, cond_by_date, states)
        reports = _replay(
            by_date,
            states=states,
            row_of=row_of,
            column=column,
            conditions=conditions,
            start=start,
            chosen=chosen,
            level=level,
        )
    return GapSeries(reports=tuple(reports), parties=chosen, min_credibility=level)


def _from_scratch(  # noqa: PLR0917  (gap_series' own arguments, checked)
    timeline: Timeline,
    level: Credibility,
    chosen: tuple[str, ...],
    holders: tuple[str, ...],
    start: datetime.date | None,
    end: datetime.date | None,
) -> GapSeries:
    """Build the series date by date from snapshots: for a timeline with revisions.

    A revision changes a statement's credibility from the revision's date on, which the
    incremental replay (each statement applied once, on its own date) cannot express; so a
    timeline holding any is analysed afresh on each date: the dates of the statements of
    the chosen parties and of the conditions that meet the threshold, and of the revisions
    counted.
    """
    days = {s.date for s in timeline.statements if s.credibility >= level and s.party in chosen}
    days |= {c.date for c in timeline.conditions if c.credibility >= level}
    days |= {e.date for e in timeline.revisions if e.credibility >= level}
    reports = [
        analyze(timeline.snapshot(day, min_credibility=level), chosen, condition_holders=holders)
        for day in sorted(days)
        if (start is None or day >= start) and (end is None or day <= end)
    ]
    return GapSeries(reports=tuple(reports), parties=chosen, min_credibility=level)


def _replay(
    by_date: dict[datetime.date, list[Statement]],
    *,
    states: list[_IssueState],
    row_of: dict[str, int],
    column: dict[str, int],
    conditions: _Conditions,
    start: datetime.date | None,
    chosen: tuple[str, ...],
    level: Credibility,
) -> list[GapReport]:
    """Replay the statements date by date; return the reports from ``start`` on."""
    reports: list[GapReport] = []
    state_of = {issue: states[row] for issue, row in row_of.items()}
    gaps = [st.gap for st in states]  # the current gaps, in agenda order
    for date in sorted(by_date):
        touched: list[_IssueState] = []  # each issue once: set() says when it first changes
        add = touched.append
        for s in by_date[date]:
            state = state_of[s.issue]
            if state.set(column[s.party], s):
                add(state)
        for state in touched:
            gaps[state.row] = state.refresh()
        conditions.touch(date, touched)
        if start is None or date >= start:
            report = _new(GapReport)  # GapReport(date=date, ...), see _setters
            set_date, set_parties, set_gaps, set_level, set_conditions = _REPORT_SETTERS
            set_date(report, date)
            set_parties(report, chosen)
            set_gaps(report, tuple(gaps))
            set_level(report, level)
            set_conditions(report, conditions.report(date))
            reports.append(report)
    return reports


def _check_window(start: datetime.date | None, end: datetime.date | None) -> None:
    if start is not None:
        check_date("gap_series", "start", start)
    if end is not None:
        check_date("gap_series", "end", end)
    if start is not None and end is not None and start > end:
        raise AnalysisError(
            f"gap_series: start={start.isoformat()} is after end={end.isoformat()}",
            path="start",
            value=start,
        )


def _by_date(
    timeline: Timeline,
    level: Credibility,
    column: dict[str, int],
    end: datetime.date | None,
) -> tuple[dict[datetime.date, list[Statement]], dict[datetime.date, list[Condition]]]:
    """Bucket the visible statements and condition records by date (insertion order kept)."""
    by_date: dict[datetime.date, list[Statement]] = {}
    statements: Iterable[Statement] = timeline.statements
    if level > min(Credibility) or len(column) < len(timeline.parties) or end is not None:
        statements = [
            s
            for s in statements
            if s.credibility >= level and s.party in column and (end is None or s.date <= end)
        ]
    for s in statements:
        bucket = by_date.get(s.date)
        if bucket is None:
            by_date[s.date] = [s]
        else:
            bucket.append(s)
    cond_by_date: dict[datetime.date, list[Condition]] = {}
    for c in timeline.conditions:
        if c.credibility >= level and (end is None or c.date <= end):
            by_date.setdefault(c.date, [])
            cond_by_date.setdefault(c.date, []).append(c)
    return by_date, cond_by_date


class _Conditions:
    """The condition report along a series, recomputed only when it may have changed.

    That is on dates a condition record takes effect, or a position changes on an issue a
    linkage requires; otherwise the last report is carried forward with the new date. The
    conditions in force are kept as state (a :class:`~negotrack.timeline.timeline.
    ConditionLedger`, the timeline's own rule) and the positions are read from the issue
    states, so a recomputation costs no pass over the timeline.
    """

    def __init__(  # noqa: PLR0917  (an internal class built in one place)
        self,
        timeline: Timeline,
        level: Credibility,
        chosen: tuple[str, ...],
        holders: tuple[str, ...],
        by_date: dict[datetime.date, list[Condition]],
        states: list[_IssueState],
    ) -> None:
        self.issues = timeline.issues
        self.parties = timeline.parties
        self.level = level
        self.chosen = chosen
        self.holders = holders
        self.by_date = by_date
        self.ledger = ConditionLedger()
        self.statements = _InForce(states, chosen)
        self.last: ConditionReport | None = None
        self.linked: set[str] = set()
        self.stale = True

    def touch(self, date: datetime.date, touched: Iterable[_IssueState]) -> None:
        records = self.by_date.get(date)
        if records is not None:
            for cond in records:
                self.ledger.apply(cond)
            self.stale = True
        elif self.linked and not self.stale:
            self.stale = any(s.issue.id in self.linked for s in touched)

    def report(self, date: datetime.date) -> ConditionReport:
        if self.stale or self.last is None:
            # The snapshot analyze_conditions reads: the conditions and positions in force
            # (events play no part in it and are left out).
            snap = Snapshot(
                date=date,
                min_credibility=self.level,
                issues=self.issues,
                parties=self.parties,
                statements=self.statements,
                conditions=self.ledger.in_force(),
            )
            self.last = analyze_conditions(
                snap, parties=self.chosen, condition_holders=self.holders
            )
            self.linked = {
                c.requires.issue
                for c in snap.conditions
                if c.kind.value == "linkage" and isinstance(c.requires, IssueClause)
            }
            self.stale = False
        elif self.last.date != date:
            # attrs.evolve(last, date=date), spelled out (see _setters): it runs per date
            last = self.last
            self.last = new = _new(ConditionReport)
            (
                set_date,
                set_sequencing,
                set_conflicts,
                set_untie,
                set_cycles,
                set_notes,
                set_parties,
                set_holders,
                set_level,
            ) = _CONDITIONS_SETTERS
            set_date(new, date)
            set_sequencing(new, last.sequencing)
            set_conflicts(new, last.linkage_conflicts)
            set_untie(new, last.untie)
            set_cycles(new, last.cycles)
            set_notes(new, last.notes)
            set_parties(new, last.parties)
            set_holders(new, last.condition_holders)
            set_level(new, last.min_credibility)
        return self.last


class _InForce(Mapping[tuple[str, str], Statement]):
    """The statements in force, read live from the issue states: ``(party, issue)`` keys."""

    def __init__(self, states: list[_IssueState], chosen: tuple[str, ...]) -> None:
        self.states = {st.issue.id: st for st in states}
        self.column = {p: k for k, p in enumerate(chosen)}

    def __getitem__(self, key: tuple[str, str]) -> Statement:
        party, issue = key
        state = self.states.get(issue)
        col = self.column.get(party)
        st = None if state is None or col is None else state.stmts[col]
        if st is None:
            raise KeyError(key)
        return st

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for issue, state in self.states.items():
            for party, col in self.column.items():
                if state.stmts[col] is not None:
                    yield party, issue

    def __len__(self) -> int:
        return sum(len(st.stmts) - st.stmts.count(None) for st in self.states.values())


class _IssueState:
    """The positions on one issue, kept as columns so a gap is recomputed in a few steps.

    Each column holds one party's single-interval bounds; absent parties hold the neutral
    elements (``-inf`` lower bound, ``+inf`` upper bound), so the overlap of single-interval
    regions is ``[max(lo), min(hi)]``, and the red lines' overlap likewise. Those four
    extremes are kept up to date as cells change, and recomputed (in C, by ``max``/``min``)
    only when the cell holding an extreme moves back from it. Regions with several
    intervals fall back to :func:`~negotrack.analysis.gaps.compute_gap`. Either way the
    status and deadlock are decided by the engine's one rule,
    :func:`~negotrack.analysis.gaps.gap_status` and
    :func:`~negotrack.analysis.gaps.red_line_deadlock`; only the facts they decide from
    (do the regions meet, do the red lines) are read off the extremes here. The result is
    the same IssueGap either way (property-tested against :func:`~negotrack.analyze`).
    """

    __slots__ = (
        "cells",
        "changes",
        "chosen",
        "count",
        "empty",
        "gap",
        "hi",
        "hi_top",
        "ideals",
        "issue",
        "lo",
        "lo_top",
        "multi",
        "parties",
        "positions",
        "red",
        "reds",
        "rhi",
        "rhi_top",
        "rlo",
        "rlo_top",
        "row",
        "stale",
        "stmts",
    )

    def __init__(self, issue: Issue, chosen: tuple[str, ...], row: int) -> None:
        width = len(chosen)
        self.issue = issue
        self.row = row  # the issue's place in the agenda (and in each report's gaps)
        self.chosen = chosen
        self.cells: list[Position | None] = [None] * width
        self.stmts: list[Statement | None] = [None] * width  # the statement in force
        self.lo = [-math.inf] * width  # lower bounds; max is lo_top
        self.hi = [math.inf] * width  # upper bounds; min is hi_top
        self.rlo = [-math.inf] * width  # red-line lower bounds; max is rlo_top
        self.rhi = [math.inf] * width  # red-line upper bounds; min is rhi_top
        self.lo_top = self.rlo_top = -math.inf
        self.hi_top = self.rhi_top = math.inf
        # Whether each extreme must be recomputed: (lo, hi, rlo, rhi).
        self.stale = [False, False, False, False]
        self.count = 0  # positioned parties
        self.multi = 0  # positions whose region has several intervals
        self.reds = 0  # red-line positions
        # Each column's ideal and red-line flag, kept beside the cells so an update reads
        # them here rather than from the old position (a pointer chase to a cold object).
        self.ideals: list[object] = [_ABSENT] * width
        self.red = [False] * width
        self.changes = 0  # cells changed since the gap was built
        self.gap = compute_gap(issue, (), ())
        # The current gap's parties and positions, kept here as well: IssueGap's attributes
        # are slow to read (attrs' cached properties give it a ``__getattr__``).
        self.parties: tuple[str, ...] = ()
        self.positions: tuple[Position, ...] = ()
        self.empty = Region.empty(issue.scale)

    def set(self, col: int, statement: Statement) -> bool:  # noqa: PLR0912, PLR0915 - inlined: runs per statement
        """Put ``statement`` in force in column ``col``; keep the four extremes up to date.

        A new bound at or beyond an extreme becomes it (a stale extreme only over-estimates
        the others); the extreme's own cell moving back makes it stale. The red-line
        extremes are touched only when the old or the new position is a red line.

        Returns True when this is the first change since the last :meth:`refresh` (the
        issue must then be refreshed), False otherwise (restated, or already changed).
        """
        self.stmts[col] = statement
        pos = statement.position
        cells = self.cells
        old = cells[col]
        if old is pos:
            return False  # restated: keep the old object so the gap can be shared
        ideal = pos.ideal
        ideals = self.ideals
        if ideals[col] == ideal and old == pos:  # the absent marker equals nothing
            return False  # restated by an equal position: likewise
        first = not self.changes
        self.changes += 1
        cells[col] = pos
        ideals[col] = ideal
        parts = pos.acceptable.parts
        if len(parts) == 1:
            a, b = parts[0]
        else:
            self.multi += 1
            a, b = -math.inf, math.inf  # unused while multi > 0
        red = pos.red_line
        reds = self.red
        was_red = reds[col]
        reds[col] = red
        if old is None:
            self.count += 1
        elif self.multi and len(old.acceptable.parts) != 1:
            self.multi -= 1  # only a count above zero can include the old position
        # Inlined (this runs per statement): each extreme's update, on lo, hi, rlo, rhi.
        # An extreme is the very float object one cell holds (it is set from a cell's bound
        # or by max/min over the cells), so "the cell held it" is an identity test, which
        # reads no cold float; an equal bound in another cell keeps the extreme valid.
        stale = self.stale
        bounds = self.lo
        v = bounds[col]
        bounds[col] = a
        top = self.lo_top
        if a >= top:
            self.lo_top = a
            stale[0] = False
        elif v is top:
            stale[0] = True
        bounds = self.hi
        v = bounds[col]
        bounds[col] = b
        top = self.hi_top
        if b <= top:
            self.hi_top = b
            stale[1] = False
        elif v is top:
            stale[1] = True
        if not (red or was_red):
            return first
        # The red-line bounds: the column's own when it is a red line, neutral otherwise.
        if red:
            if not was_red:
                self.reds += 1
        else:
            self.reds -= 1
            a, b = -math.inf, math.inf
        bounds = self.rlo
        v = bounds[col]
        bounds[col] = a
        top = self.rlo_top
        if a >= top:
            self.rlo_top = a
            stale[2] = False
        elif v is top:
            stale[2] = True
        bounds = self.rhi
        v = bounds[col]
        bounds[col] = b
        top = self.rhi_top
        if b <= top:
            self.rhi_top = b
            stale[3] = False
        elif v is top:
            stale[3] = True
        return first

    def refresh(self) -> IssueGap:
        """Return the issue's gap, rebuilt if a cell changed since the last refresh."""
        changes, self.changes = self.changes, 0
        if not changes:
            return self.gap  # only restatements: share the gap
        old = self.gap
        # Positions are always truthy, empty cells None: filter and compress run in C.
        cells = self.cells
        pos: tuple[Position, ...] = (
            tuple(cells) if self.count == len(cells) else tuple(filter(None, cells))  # type: ignore[arg-type]
        )
        ps = self.parties
        if self.count == len(ps):
            if changes > 1 and pos == self.positions:
                return old  # changed and changed back within the date: share the gap
        else:
            self.parties = ps = tuple(compress(self.chosen, cells))
        self.positions = pos
        if self.multi or self.count <= 1:
            self.gap = gap = compute_gap(self.issue, ps, pos)
            return gap
        # The extremes, recomputed (in C) only where stale; inlined: this runs per change.
        stale = self.stale
        if stale[0]:
            self.lo_top, stale[0] = max(self.lo), False
        if stale[1]:
            self.hi_top, stale[1] = min(self.hi), False
        if stale[2]:
            self.rlo_top, stale[2] = max(self.rlo), False
        if stale[3]:
            self.rhi_top, stale[3] = min(self.rhi), False
        lo, hi = self.lo_top, self.hi_top
        # Single intervals (absent parties and soft lines neutral) meet iff max(lo) <= min(hi).
        meet = lo <= hi
        # Ideals coincide only where the regions meet (each region holds its ideal): when
        # every positioned party's ideal equals the first (count runs in C; the absent
        # marker equals nothing).
        same = meet and self.ideals.count(pos[0].ideal) == self.count
        overlap = overlap_region(self.issue.scale, ((lo, hi),), pos) if meet else self.empty
        # IssueGap(issue=..., ...) without the keyword call (this runs per refresh)
        gap = _new(IssueGap)
        s_issue, s_parties, s_positions, s_overlap, s_status, s_deadlocked = _GAP_SETTERS
        s_issue(gap, self.issue)
        s_parties(gap, ps)
        s_positions(gap, pos)
        s_overlap(gap, overlap)
        # The status and deadlock rules, shared with analyze() (compute_gap).
        s_status(gap, gap_status(self.count, same, meet))
        s_deadlocked(gap, red_line_deadlock(self.reds, self.rlo_top <= self.rhi_top))
        self.gap = gap
        return gap
