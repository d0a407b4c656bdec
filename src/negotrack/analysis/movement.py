"""Movement over time: concessions, hardening and reversals, convergence, and stalls.

All three read a :class:`~negotrack.GapSeries` (or build one from a timeline):

* :func:`movements` classifies every change of a party's position on an issue;
* :func:`convergence` fits how fast each issue's gap closes;
* :func:`stalls` finds issues that stayed without overlap and without movement.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from negotrack.analysis._parameters import check_count
from negotrack.analysis.gaps import IssueGap
from negotrack.analysis.series import GapSeries, gap_series
from negotrack.errors import AnalysisError, InvalidTypeError, UnknownReferenceError
from negotrack.model._checks import check_date
from negotrack.model.entities import Position
from negotrack.timeline.parties import select_parties
from negotrack.timeline.timeline import Timeline

__all__ = [
    "MOVEMENT_KINDS",
    "OVERLAP_EFFECTS",
    "Convergence",
    "Movement",
    "Stall",
    "convergence",
    "movements",
    "stalls",
]

#: The kinds of movement, as :attr:`Movement.kind` spells them. Whether a move reverses the
#: party's previous one is said apart (:attr:`Movement.reversal`), so a move toward
#: agreement always reads as a concession.
MOVEMENT_KINDS = ("concession", "hardening", "unchanged")

#: What a move did to the zone of agreement, as :attr:`Movement.overlap` spells it.
OVERLAP_EFFECTS = ("opened", "closed", "grew", "shrank", "unchanged")

# Differences smaller than this (normalised) count as no movement: float noise.
_EPS = 1e-12


def _series(source: GapSeries | Timeline, kwargs: dict[str, Any], who: str) -> GapSeries:
    if isinstance(source, GapSeries):
        if kwargs:
            raise AnalysisError(
                f"{who}: {', '.join(sorted(kwargs))} apply only when given a Timeline; "
                f"a GapSeries is already filtered",
                path=next(iter(sorted(kwargs))),
                value=source,
            )
        return source
    if isinstance(source, Timeline):
        return gap_series(source, **kwargs)
    raise InvalidTypeError(
        f"{who}: source={source!r} must be a GapSeries or a Timeline",
        path="source",
        value=source,
    )


def _issue_ids(series: GapSeries, issues: Iterable[str] | None, who: str) -> list[str]:
    known = list(series.reports[0].issue_ids) if series.reports else []
    if issues is None:
        return known
    if isinstance(issues, str):
        raise InvalidTypeError(
            f"{who}: issues={issues!r} must be a sequence of issue ids, not one string",
            path="issues",
            value=issues,
        )
    out = []
    for i in issues:
        if i not in known:
            raise UnknownReferenceError(
                f"{who}: issues holds {i!r}, which is not on the agenda; known issues: "
                f"{', '.join(known) or 'none'}",
                path="issues",
                value=i,
            )
        out.append(i)
    return out


# ---------------------------------------------------------------------------- movements


@attrs.frozen(kw_only=True)
class Movement:
    """One change of a party's position on an issue.

    Attributes
    ----------
    party, issue : str
        Who moved, on what.
    date : datetime.date
        When the new position took effect.
    kind : str
        ``"concession"`` (the acceptable region grew, or the position moved toward the
        others), ``"hardening"`` (the reverse) or ``"unchanged"`` (a new statement that
        moved neither toward nor away, e.g. only the salience changed).
    direction : int
        +1 toward the others, -1 away, 0 neither.
    toward : float
        How much closer the party came to the others (negative: further), normalised:
        the mean over the others of the decrease in region gap plus the decrease in ideal
        distance.
    before, after : Position
        The positions before and after.
    held_since : datetime.date or None
        When ``before`` took effect, as far as the series shows (its first date if the
        position was already held then).
    reversal : bool
        Whether the move goes the other way from the party's previous move on the issue
        (a concession after a hardening, or the reverse); ``kind`` says which way.
    relative : mapping of str to int
        For each other party with a position on the issue (before the date): +1 if the
        move brought the mover closer to it, -1 further, 0 neither.
    overlap : str
        What the move alone did to the zone of agreement among the parties with positions
        (the others as they stood before the date): ``"opened"``, ``"closed"``,
        ``"grew"``, ``"shrank"`` or ``"unchanged"`` (:data:`OVERLAP_EFFECTS`).
    """

    party: str
    issue: str
    date: datetime.date
    kind: str
    direction: int
    toward: float
    before: Position
    after: Position
    held_since: datetime.date | None = None
    reversal: bool = False
    relative: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    overlap: str = "unchanged"

    def to_dict(self) -> dict[str, object]:
        """Return the movement as plain data."""
        return {
            "party": self.party,
            "issue": self.issue,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "direction": self.direction,
            "toward": self.toward,
            "reversal": self.reversal,
            "relative": dict(self.relative),
            "overlap": self.overlap,
            "before": self.before.describe(),
            "after": self.after.describe(),
        }

    def describe(self) -> str:
        """Return the movement in plain words.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> y = nt.NumericScale(0, 100, unit="years")
        >>> pos = lambda i, lo, hi: nt.Position(ideal=i, acceptable=nt.Region.interval(y, lo, hi))
        >>> m = nt.Movement(party="US", issue="g", date=datetime.date(2025, 12, 9),
        ...     kind="concession", direction=1, toward=0.1, before=pos(15, 0, 15),
        ...     after=pos(20, 0, 50), reversal=True, relative={"UA": 1}, overlap="opened")
        >>> print(m.describe())
        2025-12-09 US on g: concession, reversing its previous move (closer to UA; zone of agreement opened) (ideal 15, accepts [0, 15], salience 1 → ideal 20, accepts [0, 50], salience 1)
        """
        what = self.kind
        if self.reversal:
            what += ", reversing its previous move"
        closer = [p for p, d in self.relative.items() if d > 0]
        further = [p for p, d in self.relative.items() if d < 0]
        notes = []
        if closer:
            notes.append(f"closer to {', '.join(closer)}")
        if further:
            notes.append(f"further from {', '.join(further)}")
        if self.overlap != "unchanged":
            notes.append(f"zone of agreement {self.overlap}")
        detail = f" ({'; '.join(notes)})" if notes else ""
        return (
            f"{self.date.isoformat()} {self.party} on {self.issue}: {what}{detail} "
            f"({self.before.describe()} → {self.after.describe()})"
        )


def _direction(before: Position, after: Position, others: list[Position]) -> tuple[int, float]:
    """Return (+1 toward / -1 away / 0, how much closer) for one change of position."""
    old, new = before.acceptable, after.acceptable
    toward = 0.0
    if others:
        toward = math.fsum(_closer(before, after, q) for q in others) / len(others)
    if old != new and old.is_subset(new):
        return 1, toward
    if old != new and new.is_subset(old):
        return -1, toward
    if toward > _EPS:
        return 1, toward
    if toward < -_EPS:
        return -1, toward
    return 0, toward


def _closer(before: Position, after: Position, other: Position) -> float:
    """Return how much closer a move brought the mover to another party (negative: further)."""
    scale = before.acceptable.scale
    return (before.acceptable.gap(other.acceptable) - after.acceptable.gap(other.acceptable)) + (
        scale.distance(before.ideal, other.ideal) - scale.distance(after.ideal, other.ideal)
    )


def _sign(x: float) -> int:
    return 1 if x > _EPS else -1 if x < -_EPS else 0


def _overlap_effect(before: Position, after: Position, others: list[Position]) -> str:
    """Return what replacing ``before`` by ``after`` did to the intersection with ``others``."""
    if not others:
        return "unchanged"
    old, new = before.acceptable, after.acceptable
    for q in others:
        old = old.intersection(q.acceptable)
        new = new.intersection(q.acceptable)
    if old.is_empty != new.is_empty:
        return "opened" if old.is_empty else "closed"
    if old == new or old.is_empty:
        return "unchanged"
    if old.is_subset(new):
        return "grew"
    if new.is_subset(old):
        return "shrank"
    size, now = old.measure, new.measure
    return "grew" if now > size else "shrank" if now < size else "unchanged"


def movements(
    source: GapSeries | Timeline,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    **kwargs: Any,
) -> tuple[Movement, ...]:
    """Classify every change of a party's position on an issue, in date order.

    Parameters
    ----------
    source : GapSeries or Timeline
        A series, or a timeline to build one from.
    parties : iterable of str, optional
        Keep only these parties' movements (default: all analysed).
    issues : iterable of str, optional
        Keep only these issues (default: all).
    **kwargs
        With a Timeline: passed to :func:`~negotrack.gap_series` (``min_credibility``,
        ``end``); ``start`` keeps the movements dated on or after it.

    Returns
    -------
    tuple of Movement
        By date, then agenda order, then party order. A party's first position on an issue
        is not a movement.

    Raises
    ------
    InvalidTypeError
        If ``source`` is neither a GapSeries nor a Timeline, or ``parties`` or ``issues``
        is a single string.
    UnknownReferenceError
        If ``parties`` names a party the series does not analyse or ``issues`` an issue
        not on the agenda.

    Notes
    -----
    The direction is judged against the other parties' positions in force before the
    date (the ones the mover answered). A region that strictly grows is a concession and
    one that strictly shrinks a hardening; otherwise the sign of ``toward`` decides.
    A move that goes the other way from the party's previous move on the issue is flagged
    ``reversal`` and keeps its kind.

    With a Timeline, the movements are read from the whole record and those before
    ``start`` dropped, so a movement's label never depends on where the window starts
    (property-tested). A GapSeries is read as it is: the first move of a party on an
    issue that the series shows is never a reversal.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> tl = nt.Timeline(issues=[nt.Issue("g", years)], parties=[nt.Party("US"), nt.Party("UA")])
    >>> src = nt.Source(title="reports")
    >>> def say(who, day, ideal, lo, hi):
    ...     return nt.Statement(party=who, issue="g", source=src, date=datetime.date(2025, 12, day),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(years, lo, hi)))
    >>> _ = tl.extend([say("US", 1, 15, 0, 15), say("UA", 1, 50, 50, 100),
    ...                say("US", 5, 20, 0, 20), say("US", 9, 15, 0, 15), say("US", 12, 10, 0, 10)])
    >>> [(m.date.day, m.kind, m.reversal) for m in nt.movements(tl)]
    [(5, 'concession', False), (9, 'hardening', True), (12, 'hardening', False)]
    """
    start = kwargs.pop("start", None) if isinstance(source, Timeline) else None
    if start is not None:
        check_date("movements", "start", start)
    series = _series(source, kwargs, "movements")
    wanted_issues = set(_issue_ids(series, issues, "movements"))
    wanted_parties = set(select_parties(series.parties, parties, of="the gap series"))
    tracker = _Tracker(wanted_parties, start)
    prev = None
    for report in series:
        assert report.date is not None
        for k, gap in enumerate(report.gaps):
            before_gap = None if prev is None else prev.gaps[k]
            if gap is not before_gap and gap.issue.id in wanted_issues:
                tracker.issue(report.date, gap, before_gap)
        prev = report
    return tuple(tracker.out)


class _Tracker:
    """Movements along a series, with each party's previous move and when it took effect."""

    def __init__(self, parties: set[str], start: datetime.date | None) -> None:
        self.parties = parties
        self.start = start
        self.out: list[Movement] = []
        self.last_dir: dict[tuple[str, str], int] = {}
        self.since: dict[tuple[str, str], datetime.date] = {}

    def issue(self, date: datetime.date, gap: IssueGap, before_gap: IssueGap | None) -> None:
        """Record the moves on one issue from its previous gap (None: the series' start)."""
        held: dict[str, Position] = {}
        if before_gap is not None:
            held = dict(zip(before_gap.parties, before_gap.positions, strict=True))
        for party, after in zip(gap.parties, gap.positions, strict=True):
            before = held.get(party)
            key = (party, gap.issue.id)
            if before == after:
                continue
            held_since, self.since[key] = self.since.get(key), date
            if before is None or party not in self.parties:
                continue
            others = {q: p for q, p in held.items() if q != party}
            move = _move(party, gap.issue.id, date, before, after, others)
            reversal = move.direction != 0 and self.last_dir.get(key, 0) == -move.direction
            if move.direction:
                self.last_dir[key] = move.direction
            if self.start is None or date >= self.start:
                self.out.append(attrs.evolve(move, held_since=held_since, reversal=reversal))


def _move(  # noqa: PLR0917  (the fields of a Movement, in order)
    party: str,
    issue: str,
    date: datetime.date,
    before: Position,
    after: Position,
    others: Mapping[str, Position],
) -> Movement:
    """Return one change of position judged against the others' positions (no history)."""
    direction, toward = _direction(before, after, list(others.values()))
    return Movement(
        party=party,
        issue=issue,
        date=date,
        kind=("unchanged", "concession", "hardening")[direction],
        direction=direction,
        toward=toward,
        before=before,
        after=after,
        relative={q: _sign(_closer(before, after, p)) for q, p in others.items()},
        overlap=_overlap_effect(before, after, list(others.values())),
    )


# ---------------------------------------------------------------------------- convergence


@attrs.frozen(kw_only=True)
class Convergence:
    """How fast one issue's gap closes over time.

    Attributes
    ----------
    issue : str
        The issue.
    dates : tuple of datetime.date
        The dates on which the issue's gap changed.
    needed : tuple of float
        The largest needed move (normalised; 0 when the regions overlap) on each date.
    spread : tuple of float
        The largest normalised distance between two ideal points on each date.
    rate : float
        Least-squares slope of ``needed`` per day, over the dates (negative: converging;
        0 with fewer than two dates).
    spread_rate : float
        The same for ``spread``.
    """

    issue: str
    dates: tuple[datetime.date, ...]
    needed: tuple[float, ...]
    spread: tuple[float, ...]
    rate: float
    spread_rate: float

    @property
    def converging(self) -> bool:
        """Whether the needed move shrinks over time (or, when flat, the ideals close in)."""
        return self.rate < 0 or (self.rate == 0 and self.spread_rate < 0)

    def to_dict(self) -> dict[str, object]:
        """Return the convergence as plain data."""
        return {
            "issue": self.issue,
            "dates": [d.isoformat() for d in self.dates],
            "needed": list(self.needed),
            "spread": list(self.spread),
            "rate": self.rate,
            "spread_rate": self.spread_rate,
        }


def _slope(days: list[float], ys: list[float]) -> float:
    if len(days) < 2:
        return 0.0
    mx = math.fsum(days) / len(days)
    my = math.fsum(ys) / len(ys)
    sxx = math.fsum((x - mx) ** 2 for x in days)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(days, ys, strict=True))
    return 0.0 if sxx == 0 else sxy / sxx


def _spread(gap: IssueGap) -> float:
    return max((d.ideal for d in gap.distances), default=0.0)


def convergence(
    source: GapSeries | Timeline, *, issues: Iterable[str] | None = None, **kwargs: Any
) -> tuple[Convergence, ...]:
    """Return, for each issue, its gap over time and how fast it closes.

    Parameters
    ----------
    source : GapSeries or Timeline
        A series, or a timeline to build one from.
    issues : iterable of str, optional
        The issues (default: all, in agenda order).
    **kwargs
        With a Timeline: passed to :func:`~negotrack.gap_series`.

    Returns
    -------
    tuple of Convergence

    Raises
    ------
    UnknownReferenceError
        If ``issues`` names an issue not on the agenda.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> def say(who, day, lo, hi):
    ...     return nt.Statement(party=who, issue="x", source=nt.Source(title="t"),
    ...         date=datetime.date(2025, 1, day),
    ...         position=nt.Position(ideal=lo, acceptable=nt.Region.interval(s, lo, hi)))
    >>> _ = tl.extend([say("A", 1, 0, 10), say("B", 1, 50, 60), say("A", 11, 0, 30)])
    >>> c = nt.convergence(tl)[0]
    >>> c.needed, c.rate
    ((0.2, 0.1), -0.01)
    """
    series = _series(source, kwargs, "convergence")
    out = []
    for issue in _issue_ids(series, issues, "convergence"):
        changes = series.changes(issue) if series.reports else ()
        dates = tuple(d for d, _ in changes)
        needed = tuple(g.needed for _, g in changes)
        spread = tuple(_spread(g) for _, g in changes)
        xs = [float(d.toordinal()) for d in dates]
        out.append(
            Convergence(
                issue=issue,
                dates=dates,
                needed=needed,
                spread=spread,
                rate=_slope(xs, list(needed)),
                spread_rate=_slope(xs, list(spread)),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------- stalls


@attrs.frozen(kw_only=True)
class Stall:
    """A period in which an issue had no overlap and nobody moved on it.

    Attributes
    ----------
    issue : str
        The issue.
    start : datetime.date
        When the period began (the issue lost its overlap, or the last move on it).
    end : datetime.date
        When it ended (the next move), or the date looked at if it is still going on.
    ongoing : bool
        Whether it was still going on at the date looked at.
    gap : IssueGap
        The gap throughout the period.
    """

    issue: str
    start: datetime.date
    end: datetime.date
    ongoing: bool
    gap: IssueGap

    @property
    def days(self) -> int:
        """The length of the period in days."""
        return (self.end - self.start).days

    def to_dict(self) -> dict[str, object]:
        """Return the stall as plain data."""
        return {
            "issue": self.issue,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "ongoing": self.ongoing,
            "needed": self.gap.needed,
        }

    def describe(self) -> str:
        """Return the stall in plain words."""
        state = "still stalled" if self.ongoing else "until"
        return (
            f"{self.gap.issue.label}: no overlap and no movement for {self.days} days, from "
            f"{self.start.isoformat()} ({state} {self.end.isoformat()})"
        )


def _moved(a: IssueGap, b: IssueGap) -> bool:
    """Whether any party's ideal or acceptable region differs between two gaps."""
    if a is b:
        return False
    if a.parties != b.parties:
        return True
    return any(
        p.ideal != q.ideal or p.acceptable != q.acceptable
        for p, q in zip(a.positions, b.positions, strict=True)
    )


def stalls(
    source: GapSeries | Timeline,
    *,
    days: int,
    at: datetime.date | None = None,
    issues: Iterable[str] | None = None,
    **kwargs: Any,
) -> tuple[Stall, ...]:
    """Find the periods of at least ``days`` days in which an issue had no overlap and no move.

    Parameters
    ----------
    source : GapSeries or Timeline
        A series, or a timeline to build one from.
    days : int
        The shortest period reported (``>= 1``).
    at : datetime.date, optional
        The date looked at: a period still going on ends here (default: the last report).
    issues : iterable of str, optional
        The issues (default: all).
    **kwargs
        With a Timeline: passed to :func:`~negotrack.gap_series`.

    Returns
    -------
    tuple of Stall
        Past and ongoing periods, by start date then agenda order.

    Raises
    ------
    InvalidTypeError
        If ``days`` is not an int or ``at`` not a date.
    AnalysisError
        If ``days < 1`` or ``at`` is before the last report.

    Notes
    -----
    A move is any change of a party's ideal or acceptable region on the issue (a party
    taking a position counts); restating a position, or changing only its salience, is not.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> tl = nt.Timeline(issues=[nt.Issue("donbas", pct)], parties=[nt.Party("RU"), nt.Party("UA")])
    >>> src, day = nt.Source(title="reports"), datetime.date(2025, 12, 1)
    >>> _ = tl.extend([nt.Statement(party=p, issue="donbas", date=day, source=src,
    ...     position=nt.Position(ideal=x, acceptable=nt.Region.point(pct, x)))
    ...     for p, x in [("RU", 100), ("UA", 0)]])
    >>> [s.days for s in nt.stalls(tl, days=14, at=datetime.date(2025, 12, 31))]
    [30]
    """
    check_count("days", days, 1)
    series = _series(source, kwargs, "stalls")
    wanted = _issue_ids(series, issues, "stalls")
    if not series.reports:
        return ()
    last = series.dates[-1]
    if at is not None:
        check_date("stalls", "at", at)
        if at < last:
            raise AnalysisError(
                f"stalls: at={at.isoformat()} is before the last report "
                f"({last.isoformat()}); use gap_series(..., end=at) to look at an earlier date",
                path="at",
                value=at,
            )
    end_date = at if at is not None else last
    found: list[tuple[datetime.date, int, Stall]] = []
    for order, issue in enumerate(wanted):
        run_start: datetime.date | None = None
        run_gap: IssueGap | None = None
        prev: IssueGap | None = None
        for date, gap in series.issue(issue):
            if prev is not None and not _moved(prev, gap):
                prev = gap
                continue
            if run_start is not None and run_gap is not None and (date - run_start).days >= days:
                stall = Stall(issue=issue, start=run_start, end=date, ongoing=False, gap=run_gap)
                found.append((run_start, order, stall))
            run_start, run_gap = (date, gap) if gap.status == "no_overlap" else (None, None)
            prev = gap
        if run_start is not None and run_gap is not None and (end_date - run_start).days >= days:
            stall = Stall(issue=issue, start=run_start, end=end_date, ongoing=True, gap=run_gap)
            found.append((run_start, order, stall))
    found.sort(key=lambda t: (t[0], t[1]))
    return tuple(s for _, _, s in found)
