"""The gap engine: overlap, distances, concessions and deadlock for each issue on one date.

:func:`analyze` turns a :class:`~negotrack.Snapshot` into a :class:`GapReport` holding one
:class:`IssueGap` per issue on the agenda. The cheap, central facts (overlap, status,
deadlock) are computed when the gap is built; the pairwise distances, the concession point
and the blockers are computed on first use and cached, so a long :func:`gap_series` stays
fast while every field remains available.

One topic, kept in one module on purpose (a little over 900 lines, half of it docstrings):
the gap rule (:func:`gap_status`, :func:`red_line_deadlock`), the one hot path that builds an
:class:`IssueGap` (:func:`compute_gap`, shared with the incremental series) and the two
result types it fills are read together whenever any of them changes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from operator import itemgetter
from typing import Any

import attrs

from negotrack._words import count
from negotrack.analysis.concessions import Concessions
from negotrack.analysis.conditions import LinkageConflict
from negotrack.analysis.deadlocks import ConditionReport, SequencingDeadlock, analyze_conditions
from negotrack.errors import (
    AnalysisError,
    InvalidTypeError,
    ScaleMismatchError,
    UnknownReferenceError,
)
from negotrack.model._intervals import Interval, meet, meet_all, meets
from negotrack.model.entities import Issue, Position
from negotrack.model.regions import Region
from negotrack.model.scales import Scale, with_unit
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Credibility
from negotrack.timeline.snapshot import Snapshot

__all__ = [
    "STATUSES",
    "GapReport",
    "IssueGap",
    "PairDistance",
    "analyze",
    "gap_status",
    "red_line_deadlock",
]

#: The gap statuses, from closest to furthest apart.
STATUSES = ("agreed", "overlap", "no_overlap", "one_party", "no_positions")


@attrs.frozen(kw_only=True)
class PairDistance:
    """How far apart two parties are on one issue.

    Attributes
    ----------
    a, b : str
        The parties, in party order.
    ideal : float
        Normalised distance between their ideal points, in [0, 1].
    gap : float
        Smallest normalised distance between their acceptable regions (0 if they meet).
    hausdorff : float
        Normalised Hausdorff distance between their acceptable regions.
    """

    a: str
    b: str
    ideal: float
    gap: float
    hausdorff: float

    def to_dict(self) -> dict[str, object]:
        """Return the distances as plain data."""
        return {
            "a": self.a,
            "b": self.b,
            "ideal": self.ideal,
            "gap": self.gap,
            "hausdorff": self.hausdorff,
        }


@attrs.frozen(kw_only=True, repr=False)
class IssueGap:
    """The gap between the parties on one issue on one date.

    Build one with :meth:`of` (or get them from :func:`analyze`); the fields below are
    consistent by construction.

    Attributes
    ----------
    issue : Issue
        The issue.
    parties : tuple of str
        The parties that hold a position on it, in party order.
    positions : tuple of Position
        Their positions, aligned with ``parties``.
    overlap : Region
        The intersection of their acceptable regions: the zone of possible agreement. With
        no positioned party it is the whole scale (nobody has ruled anything out); with one,
        that party's region.
    status : str
        ``"agreed"`` when at least two parties hold positions and all their ideals
        coincide; ``"overlap"`` when the overlap is non-empty; ``"no_overlap"`` otherwise;
        ``"one_party"`` or ``"no_positions"`` when fewer than two parties have stated a
        position (silence is unknown: there is no gap to speak of yet). Decided by
        :func:`gap_status`, the one place this rule is written.
    deadlocked : bool
        Whether the red-line holders among them (at least two) share no acceptable value:
        no concession by the others can open a zone of agreement. Decided by
        :func:`red_line_deadlock`.

    Notes
    -----
    Laws (property-tested): a concession (a region growing) never shrinks ``overlap`` and
    never grows ``concessions.largest``; adding a party never grows ``overlap``; every
    distance lies in [0, 1]; nothing depends on the order the parties are given in.

    Examples
    --------
    >>> import negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> issue = nt.Issue("guarantee_years", years)
    >>> gap = nt.IssueGap.of(issue, {
    ...     "US": nt.Position(ideal=15, acceptable=nt.Region.interval(years, 0, 15)),
    ...     "UA": nt.Position(ideal=50, acceptable=nt.Region.interval(years, 50, 100)),
    ... })
    >>> gap
    <IssueGap guarantee_years: no_overlap among US, UA; concession point 32.5 years>
    >>> gap.concessions["US"].units, gap.distance("US", "UA").gap
    (17.5, 0.35)
    """

    issue: Issue
    parties: tuple[str, ...]
    positions: tuple[Position, ...]
    overlap: Region
    status: str
    deadlocked: bool

    @classmethod
    def of(cls, issue: Issue, positions: Mapping[str, Position]) -> IssueGap:
        """Compute the gap between the given positions on ``issue``.

        Parameters
        ----------
        issue : Issue
            The issue.
        positions : mapping of party id to Position
            The positions, in party order (the order is kept in ``parties``).

        Returns
        -------
        IssueGap

        Raises
        ------
        InvalidTypeError
            If a value is not a Position.
        ScaleMismatchError
            If a position is not on the issue's scale.
        """
        for party, pos in positions.items():
            if not isinstance(pos, Position):
                raise InvalidTypeError(
                    f"positions[{party!r}]={pos!r} must be a Position",
                    path=f"positions[{party!r}]",
                    value=pos,
                )
            if pos.scale != issue.scale:
                raise ScaleMismatchError(
                    f"positions[{party!r}] lies on scale {pos.scale}, but issue "
                    f"{issue.id!r} is on scale {issue.scale}",
                    path=f"positions[{party!r}]",
                    value=pos,
                )
        return compute_gap(issue, tuple(positions), tuple(positions.values()))

    # ------------------------------------------------------------------ lazy fields
    @cached_property
    def distances(self) -> tuple[PairDistance, ...]:
        """Pairwise distances for every unordered pair of positioned parties, in party order."""
        scale = self.issue.scale
        out: list[PairDistance] = []
        for i, (a, pa) in enumerate(zip(self.parties, self.positions, strict=True)):
            for b, pb in zip(self.parties[i + 1 :], self.positions[i + 1 :], strict=True):
                out.append(
                    PairDistance(
                        a=a,
                        b=b,
                        ideal=scale.distance(pa.ideal, pb.ideal),
                        gap=pa.acceptable.gap(pb.acceptable),
                        hausdorff=pa.acceptable.hausdorff(pb.acceptable),
                    )
                )
        return tuple(out)

    @cached_property
    def concessions(self) -> Concessions:
        """The concession point and each party's needed move (zeros when there is overlap).

        The point lies inside every red line when the red lines share a value (their holders
        then move 0); when they exclude each other, it is the unconstrained point and
        ``concessions.respects_red_lines`` is False.
        """
        return Concessions.between(
            {p: pos.acceptable for p, pos in zip(self.parties, self.positions, strict=True)},
            red_lines=self.red_line_holders,
        )

    @cached_property
    def unconstrained_concessions(self) -> Concessions:
        """The concession point as if nobody held a red line (the smallest uniform move)."""
        return Concessions.between(
            {p: pos.acceptable for p, pos in zip(self.parties, self.positions, strict=True)}
        )

    @cached_property
    def blockers(self) -> tuple[str, ...]:
        """Parties whose region misses the others' overlap, when the others do overlap.

        Removing any one blocker alone would open a zone of agreement. With two parties and
        no overlap, both block.
        """
        n = len(self.parties)
        if n < 2 or self.overlap:
            return ()
        parts = [p.acceptable.parts for p in self.positions]
        # prefix[i] = meet of parts[:i]; suffix[i] = meet of parts[i:]; None = everything.
        prefix: list[tuple[Interval, ...] | None] = [None]
        for p in parts:
            prev = prefix[-1]
            prefix.append(tuple(p) if prev is None else meet(prev, p))
        suffix: list[tuple[Interval, ...] | None] = [None]
        for p in reversed(parts):
            prev = suffix[-1]
            suffix.append(tuple(p) if prev is None else meet(prev, p))
        suffix.reverse()
        out = []
        for i, party in enumerate(self.parties):
            left, right = prefix[i], suffix[i + 1]
            others = left if right is None else right if left is None else meet(left, right)
            if others and not meet(others, parts[i]):
                out.append(party)
        return tuple(out)

    # ------------------------------------------------------------------ helpers
    @property
    def needed(self) -> float:
        """The largest normalised move needed to open a zone of agreement (0 if one exists)."""
        return 0.0 if self.overlap else self.concessions.largest

    @property
    def red_line_holders(self) -> tuple[str, ...]:
        """The positioned parties whose region is a red line."""
        return tuple(p for p, pos in zip(self.parties, self.positions, strict=True) if pos.red_line)

    def position(self, party: str) -> Position:
        """Return ``party``'s position on the issue.

        Raises
        ------
        UnknownReferenceError
            If the party holds no position on it.
        """
        for p, pos in zip(self.parties, self.positions, strict=True):
            if p == party:
                return pos
        raise self._unknown(party)

    def distance(self, a: str, b: str) -> PairDistance:
        """Return the distances between parties ``a`` and ``b`` (in either order).

        Raises
        ------
        UnknownReferenceError
            If either holds no position on the issue.
        """
        for party in (a, b):
            if party not in self.parties:
                raise self._unknown(party)
        if a == b:
            return PairDistance(a=a, b=b, ideal=0.0, gap=0.0, hausdorff=0.0)
        for d in self.distances:
            if {d.a, d.b} == {a, b}:
                return d
        raise AssertionError("unreachable: every pair has a distance")  # pragma: no cover

    def _unknown(self, party: str) -> UnknownReferenceError:
        return UnknownReferenceError(
            f"party={party!r} holds no position on issue {self.issue.id!r}; positioned "
            f"parties: {', '.join(self.parties) or 'none'}",
            path="party",
            value=party,
        )

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, object]:
        """Return the gap as plain data (JSON-ready).

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 10)
        >>> gap = nt.IssueGap.of(nt.Issue("x", s), {
        ...     "A": nt.Position(ideal=2, acceptable=nt.Region.interval(s, 0, 5))})
        >>> gap.to_dict()["overlap"], gap.to_dict()["status"]
        ([[0.0, 5.0]], 'one_party')
        """
        return {
            "issue": self.issue.id,
            "parties": list(self.parties),
            "status": self.status,
            "overlap": self.overlap.to_data(),
            "deadlocked": self.deadlocked,
            "blockers": list(self.blockers),
            "needed": self.needed,
            "concessions": self.concessions.to_dict(),
            "distances": [d.to_dict() for d in self.distances],
        }

    def describe(self) -> str:
        """Return the gap in plain words.

        Examples
        --------
        >>> import negotrack as nt
        >>> pct = nt.NumericScale(0, 100, unit="%")
        >>> gap = nt.IssueGap.of(nt.Issue("donbas", pct, title="Donbas withdrawal"), {
        ...     "RU": nt.Position(ideal=100, acceptable=nt.Region.point(pct, 100), red_line=True),
        ...     "UA": nt.Position(ideal=0, acceptable=nt.Region.point(pct, 0), red_line=True)})
        >>> print(gap.describe())
        Donbas withdrawal: no overlap between RU and UA. No point respects every red line; ignoring them, all move to 50 %, the largest move being 50 % (0.5 of the scale). Deadlocked: the red lines of RU and UA share no value. Blocking: RU, UA.
        """
        scale = self.issue.scale
        who = _names(self.parties)
        label = self.issue.label
        if not self.parties:
            return f"{label}: no party holds a position."
        if len(self.parties) == 1:
            return f"{label}: only {who} holds a position, accepting {self.overlap.describe()}."
        if self.status == "agreed":
            text = f"{label}: agreed by {who} at {scale.format_value(self.positions[0].ideal)}."
        elif self.status == "overlap":
            text = (
                f"{label}: {who} can all accept {_with_unit(scale, self.overlap.describe())} "
                f"(zone of possible agreement, {self.overlap.measure:.3g} of the scale)."
            )
        else:
            c = self.concessions
            assert c.point is not None
            largest = max(c.moves, key=lambda m: m.units)
            reds = self.red_line_holders
            if reds and c.respects_red_lines:
                how = f"Within the red lines of {_names(reds)}: all move to"
            elif reds:
                how = "No point respects every red line; ignoring them, all move to"
            else:
                how = "Smallest uniform concession: all move to"
            text = (
                f"{label}: no overlap between {who}. {how} "
                f"{_with_unit(scale, scale.format_value(c.point))}, the largest move being "
                f"{_units(scale, largest.units)} ({largest.move:.3g} of the scale)."
            )
        if self.deadlocked:
            text += f" Deadlocked: the red lines of {_names(self.red_line_holders)} share no value."
        if self.blockers:
            text += f" Blocking: {', '.join(self.blockers)}."
        return text

    def __repr__(self) -> str:
        who = ", ".join(self.parties) or "nobody"
        tail = ""
        if self.status == "no_overlap":
            point = self.concessions.point
            assert point is not None
            tail = f"; concession point {_with_unit(self.issue.scale, self.issue.scale.format_value(point))}"
        elif self.parties:
            tail = f"; overlap {self.overlap.describe()}"
        dead = ", deadlocked" if self.deadlocked else ""
        return f"<IssueGap {self.issue.id}: {self.status}{dead} among {who}{tail}>"


def _names(parties: Sequence[str]) -> str:
    if len(parties) <= 1:
        return "".join(parties)
    return ", ".join(parties[:-1]) + " and " + parties[-1]


def _with_unit(scale: Scale, text: str) -> str:
    return with_unit(text, getattr(scale, "unit", ""))


def _units(scale: Scale, amount: float) -> str:
    if not scale.ordered:
        return "1 label"
    if scale.discrete:
        return f"{amount:g} step" + ("" if amount == 1 else "s")
    return _with_unit(scale, f"{amount:g}")


_EMPTY: dict[Scale, Region] = {}


def overlap_region(scale: Scale, parts: tuple[Interval, ...], inputs: Sequence[Position]) -> Region:
    """Return the region of canonical ``parts``, reusing an equal input or the empty region."""
    if not parts:
        empty = _EMPTY.get(scale)
        if empty is None:
            empty = _EMPTY.setdefault(scale, Region.empty(scale))
        return empty
    for p in inputs:
        if p.acceptable.parts == parts:
            return p.acceptable
    return Region._of_canonical(scale, parts)


def gap_status(positioned: int, same_ideals: bool, overlap_nonempty: bool) -> str:
    """Decide an issue's gap status: the one place the rule is written.

    Every gap the engine builds gets its ``status`` here: :func:`analyze` (whichever way
    it intersects the regions) and the incremental :func:`~negotrack.gap_series` alike.

    Parameters
    ----------
    positioned : int
        How many parties hold a position on the issue.
    same_ideals : bool
        Whether all their ideal points coincide (vacuously true for fewer than two).
    overlap_nonempty : bool
        Whether their acceptable regions share a value (true with no party: nobody has ruled
        anything out).

    Returns
    -------
    str
        ``"no_positions"`` or ``"one_party"`` when fewer than two parties hold positions
        (silence is unknown, so there is no gap yet); ``"agreed"`` when all ideals coincide;
        else ``"overlap"`` when the overlap is non-empty, else ``"no_overlap"``: one of
        :data:`STATUSES`.

    Notes
    -----
    Each region holds its party's ideal, so coinciding ideals imply a non-empty overlap: a
    caller that knows the overlap is empty may skip comparing the ideals.

    Examples
    --------
    >>> from negotrack.analysis.gaps import gap_status
    >>> gap_status(2, True, True), gap_status(1, True, True), gap_status(3, False, False)
    ('agreed', 'one_party', 'no_overlap')
    >>> gap_status(0, True, True)
    'no_positions'
    """
    if positioned < 2:
        return "one_party" if positioned else "no_positions"
    if same_ideals:
        return "agreed"
    return "overlap" if overlap_nonempty else "no_overlap"


def red_line_deadlock(red_lines: int, red_overlap_nonempty: bool) -> bool:
    """Decide whether an issue is deadlocked by red lines: the one place the rule is written.

    Every gap the engine builds gets its ``deadlocked`` flag here, as for
    :func:`gap_status`.

    Parameters
    ----------
    red_lines : int
        How many of the positioned parties hold their region as a red line.
    red_overlap_nonempty : bool
        Whether those red-line regions share a value (true for fewer than two).

    Returns
    -------
    bool
        True when at least two red lines share no acceptable value: no concession by the
        other parties can open a zone of agreement.

    Examples
    --------
    >>> from negotrack.analysis.gaps import red_line_deadlock
    >>> red_line_deadlock(2, False), red_line_deadlock(2, True), red_line_deadlock(1, True)
    (True, False, False)
    """
    return red_lines >= 2 and not red_overlap_nonempty


def _single_intervals(
    positions: tuple[Position, ...],
) -> tuple[bool, tuple[Interval, ...], int, bool] | None:
    """One pass when every region is one interval.

    Returns (ideals equal, overlap, red lines, red lines meet), or None as soon as a region
    with several intervals is met.
    """
    first = positions[0].ideal
    same = True
    lo = rlo = -math.inf
    hi = rhi = math.inf
    reds = 0
    for p in positions:
        if same and p.ideal != first:
            same = False
        parts = p.acceptable.parts
        if len(parts) != 1:
            return None
        a, b = parts[0]
        # Conditional expressions, not max()/min(): this is the hot loop of the engine.
        lo = a if a > lo else lo
        hi = b if b < hi else hi
        if p.red_line:
            reds += 1
            rlo = a if a > rlo else rlo
            rhi = b if b < rhi else rhi
    common = ((lo, hi),) if lo <= hi else ()
    return same, common, reds, rlo <= rhi


def compute_gap(
    issue: Issue, parties: tuple[str, ...], positions: tuple[Position, ...]
) -> IssueGap:
    """Build the :class:`IssueGap` of trusted, aligned inputs (no validation: internal).

    The eager fields are computed here for :func:`analyze` and for the incremental
    :func:`~negotrack.gap_series` (which builds its single-interval gaps from running
    extremes instead), the status and deadlock decided by :func:`gap_status` and
    :func:`red_line_deadlock` on both. It is written for speed: one pass over the positions
    when every region is a single interval.
    """
    n = len(positions)
    if n <= 1:
        # Nobody, or one party: the overlap is the whole scale or its region (never empty),
        # and at most one red line, which meets itself.
        return IssueGap(
            issue=issue,
            parties=parties,
            positions=positions,
            overlap=positions[0].acceptable if n else Region.full(issue.scale),
            status=gap_status(n, True, True),
            deadlocked=red_line_deadlock(sum(p.red_line for p in positions), True),
        )
    fast = _single_intervals(positions)
    if fast is not None:
        same, common, reds, red_meet = fast
    else:
        first = positions[0].ideal
        same = all(p.ideal == first for p in positions)
        common = meet_all([p.acceptable.parts for p in positions])
        red = [p.acceptable.parts for p in positions if p.red_line]
        reds = len(red)
        red_meet = not red or meets(red)
    return IssueGap(
        issue=issue,
        parties=parties,
        positions=positions,
        overlap=overlap_region(issue.scale, common, positions),
        status=gap_status(n, same, bool(common)),
        deadlocked=red_line_deadlock(reds, red_meet),
    )


@attrs.frozen(kw_only=True, repr=False)
class GapReport:
    """The gaps on every issue of the agenda on one date: what :func:`analyze` returns.

    ``report[issue_id]`` gives an :class:`IssueGap`; iterating gives them in agenda order.

    Attributes
    ----------
    date : datetime.date or None
        The snapshot's date (None: after every record).
    parties : tuple of str
        The parties analysed, in timeline order.
    gaps : tuple of IssueGap
        One per issue, in agenda order.
    min_credibility : Credibility
        Records below this level were left out of the snapshot.
    conditions : ConditionReport or None
        Sequencing deadlocks and linkage conflicts among the parties analysed
        (:func:`negotrack.analyze_conditions`); :func:`analyze` always fills it, with the
        report it is given or one it computes.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> tl = nt.Timeline(issues=[nt.Issue("guarantee_years", years)],
    ...                  parties=[nt.Party("US"), nt.Party("UA")])
    >>> src = nt.Source(title="Mar-a-Lago talks")
    >>> day = datetime.date(2025, 12, 28)
    >>> _ = tl.extend([
    ...     nt.Statement(party="US", issue="guarantee_years", date=day, source=src,
    ...         position=nt.Position(ideal=15, acceptable=nt.Region.interval(years, 0, 15))),
    ...     nt.Statement(party="UA", issue="guarantee_years", date=day, source=src,
    ...         position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 50, 100)))])
    >>> report = nt.analyze(tl.snapshot(at=day))
    >>> report
    <GapReport 2025-12-28: 1 issue, 2 parties; 1 without overlap, 0 deadlocked>
    >>> report["guarantee_years"].status, report.distance("US", "UA")
    ('no_overlap', 0.35)
    """

    date: datetime.date | None
    parties: tuple[str, ...]
    gaps: tuple[IssueGap, ...]
    min_credibility: Credibility = DEFAULT_MIN_CREDIBILITY
    conditions: ConditionReport | None = None

    @cached_property
    def _index(self) -> dict[str, IssueGap]:
        return {g.issue.id: g for g in self.gaps}

    def __getitem__(self, issue_id: str) -> IssueGap:
        try:
            return self._index[issue_id]
        except KeyError:
            raise UnknownReferenceError(
                f"issue={issue_id!r} is not on the agenda; known issues: "
                f"{', '.join(self._index) or 'none'}",
                path="issue",
                value=issue_id,
            ) from None

    def __contains__(self, issue_id: object) -> bool:
        return issue_id in self._index

    def __iter__(self) -> Iterator[IssueGap]:
        return iter(self.gaps)

    def __len__(self) -> int:
        return len(self.gaps)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """Ids of the issues, in agenda order."""
        return tuple(self._index)

    @property
    def deadlocks(self) -> tuple[IssueGap, ...]:
        """The issues on which the red-line holders share no acceptable value."""
        return tuple(g for g in self.gaps if g.deadlocked)

    @property
    def sequencing_deadlocks(self) -> tuple[SequencingDeadlock, ...]:
        """The knots of preconditions in which nobody can move first (see ``conditions``)."""
        return () if self.conditions is None else self.conditions.sequencing

    @property
    def linkage_conflicts(self) -> tuple[LinkageConflict, ...]:
        """The linkages another party's red line rules out (see ``conditions``)."""
        return () if self.conditions is None else self.conditions.linkage_conflicts

    def with_status(self, status: str) -> tuple[IssueGap, ...]:
        """Return the gaps with the given status, in agenda order.

        Raises
        ------
        AnalysisError
            If ``status`` is not one of :data:`STATUSES`.
        """
        if status not in STATUSES:
            raise AnalysisError(
                f"status={status!r} is not a gap status; use one of: {', '.join(STATUSES)}",
                path="status",
                value=status,
            )
        return tuple(g for g in self.gaps if g.status == status)

    def hardest(self) -> tuple[IssueGap, ...]:
        """Return the issues hardest first.

        Order: deadlocked before not; then by status (no overlap, overlap, agreed); then
        by the largest needed move (descending), then the smallest zone of agreement, then
        agenda order.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 10)
        >>> def pos(lo, hi):
        ...     return nt.Position(ideal=lo, acceptable=nt.Region.interval(s, lo, hi))
        >>> easy = nt.IssueGap.of(nt.Issue("easy", s), {"A": pos(0, 5), "B": pos(4, 9)})
        >>> hard = nt.IssueGap.of(nt.Issue("hard", s), {"A": pos(0, 1), "B": pos(9, 10)})
        >>> report = nt.GapReport(date=None, parties=("A", "B"), gaps=(easy, hard))
        >>> [g.issue.id for g in report.hardest()]
        ['hard', 'easy']
        """
        rank = {"no_overlap": 0, "overlap": 1, "agreed": 2, "one_party": 3, "no_positions": 4}
        order = {g.issue.id: k for k, g in enumerate(self.gaps)}
        return tuple(
            sorted(
                self.gaps,
                key=lambda g: (
                    not g.deadlocked,
                    rank[g.status],
                    -g.needed,
                    g.overlap.measure,
                    order[g.issue.id],
                ),
            )
        )

    def distance(self, a: str, b: str, weights: Mapping[str, float] | None = None) -> float:
        """Return the weighted distance in [0, 1] between two parties across their issues.

        On each issue both parties have stated a position on, the distance is the normalised
        distance between their ideal points; issues the weights leave at 0 and issues either
        party is silent on take no part (silence is unknown, never a distance:
        :meth:`shared_issues` says how many count). Issues are weighted and the weighted mean
        returned.

        Parameters
        ----------
        a, b : str
            Party ids among :attr:`parties`.
        weights : mapping of issue id to float, optional
            Fixed issue weights (``>= 0``; issues left out weigh 0). By default each issue
            weighs the mean salience the two parties give it (a missing position counts as
            salience 0).

        Returns
        -------
        float
            0 for a party with itself; NaN (unknown, not 0) when the two share no stated issue
            of positive weight.

        Raises
        ------
        UnknownReferenceError
            If a party is not analysed or a weight names an issue not on the agenda.
        AnalysisError
            If a weight is negative or not finite.

        Notes
        -----
        With fixed ``weights`` this is a pseudometric on parties that have stated the same
        issues: ``d(a, a) = 0``, symmetric, and it satisfies the triangle inequality
        (property-tested). Between parties silent on different issues each pair is measured
        on its own shared issues, so the triangle inequality may fail; so it may with
        salience weights, which depend on the pair.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 10)
        >>> def pos(x, sal=1.0):
        ...     return nt.Position(ideal=x, acceptable=nt.Region.point(s, x), salience=sal)
        >>> gaps = (nt.IssueGap.of(nt.Issue("x", s), {"A": pos(0), "B": pos(10)}),
        ...         nt.IssueGap.of(nt.Issue("y", s), {"A": pos(5, 0.0), "B": pos(5, 0.0)}))
        >>> report = nt.GapReport(date=None, parties=("A", "B"), gaps=gaps)
        >>> report.distance("A", "B"), report.distance("A", "B", weights={"x": 1, "y": 1})
        (1.0, 0.5)
        >>> report.shared_issues("A", "B")
        ('x', 'y')
        """
        for party in (a, b):
            if party not in self.parties:
                raise UnknownReferenceError(
                    f"party={party!r} is not among the parties analysed: "
                    f"{', '.join(self.parties) or 'none'}",
                    path="party",
                    value=party,
                )
        fixed = self._weights(weights) if weights is not None else None
        if a == b:
            return 0.0
        total = 0.0
        acc: list[float] = []
        for g in self.gaps:
            held = dict(zip(g.parties, g.positions, strict=True))
            pa, pb = held.get(a), held.get(b)
            if pa is None or pb is None:
                continue  # silence is unknown: the issue takes no part
            w = _pair_weight(fixed, g.issue.id, pa, pb)
            if w == 0.0:
                continue
            total += w
            acc.append(w * g.issue.scale.distance(pa.ideal, pb.ideal))
        return _weighted_mean(acc, total)

    def distance_matrix(
        self, weights: Mapping[str, float] | None = None
    ) -> tuple[tuple[float, ...], ...]:
        """Return :meth:`distance` between every two parties, in :attr:`parties` order.

        One pass over the issues instead of one per pair: row ``i``, column ``j`` is
        ``distance(parties[i], parties[j], weights)``, bit for bit (property-tested).

        Parameters
        ----------
        weights : mapping of issue id to float, optional
            As for :meth:`distance`.

        Returns
        -------
        tuple of tuple of float
            A symmetric matrix with zeros on the diagonal; NaN where a pair shares no
            stated issue of positive weight.

        Raises
        ------
        UnknownReferenceError
            If a weight names an issue not on the agenda.
        AnalysisError
            If a weight is negative or not finite.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 10)
        >>> def pos(x):
        ...     return nt.Position(ideal=x, acceptable=nt.Region.point(s, x))
        >>> gap = nt.IssueGap.of(nt.Issue("x", s), {"A": pos(0), "B": pos(10), "C": pos(5)})
        >>> nt.GapReport(date=None, parties=("A", "B", "C"), gaps=(gap,)).distance_matrix()
        ((0.0, 1.0, 0.5), (1.0, 0.0, 0.5), (0.5, 0.5, 0.0))
        """
        fixed = self._weights(weights) if weights is not None else None
        n = len(self.parties)
        column = {p: k for k, p in enumerate(self.parties)}
        totals = [0.0] * (n * n)  # pair (i, j), i < j, at i * n + j
        terms: list[list[float]] = [[] for _ in range(n * n)]
        for g in self.gaps:
            held = sorted(
                (
                    (column[p], pos)
                    for p, pos in zip(g.parties, g.positions, strict=True)
                    if p in column
                ),
                key=itemgetter(0),
            )
            scale, issue = g.issue.scale, g.issue.id
            for k, (i, pa) in enumerate(held):
                for j, pb in held[k + 1 :]:
                    w = _pair_weight(fixed, issue, pa, pb)
                    if w == 0.0:
                        continue
                    totals[i * n + j] += w
                    terms[i * n + j].append(w * scale.distance(pa.ideal, pb.ideal))
        rows = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                d = _weighted_mean(terms[i * n + j], totals[i * n + j])
                rows[i][j] = rows[j][i] = d  # the distance is symmetric, bit for bit
        return tuple(tuple(row) for row in rows)

    def shared_issues(self, a: str, b: str) -> tuple[str, ...]:
        """Return the issues both parties have stated a position on, in agenda order.

        :meth:`distance` counts only these (with a positive weight): reports say on how many
        issues a distance rests.

        Examples
        --------
        >>> import negotrack as nt
        >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
        >>> nt.analyze(snap).shared_issues("RU", "US")
        ('ceasefire',)
        """
        return tuple(g.issue.id for g in self.gaps if a in g.parties and b in g.parties)

    def _weights(self, weights: Mapping[str, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for issue, w in weights.items():
            if issue not in self._index:
                raise UnknownReferenceError(
                    f"weights[{issue!r}] names an issue not on the agenda; known issues: "
                    f"{', '.join(self._index) or 'none'}",
                    path=f"weights[{issue!r}]",
                    value=issue,
                )
            if (
                isinstance(w, bool)
                or not isinstance(w, int | float)
                or not (math.isfinite(w) and w >= 0)
            ):
                raise AnalysisError(
                    f"weights[{issue!r}]={w!r} must be a finite number >= 0",
                    path=f"weights[{issue!r}]",
                    value=w,
                )
            out[issue] = float(w)
        return out

    def to_dict(self) -> dict[str, object]:
        """Return the report as plain data (JSON-ready)."""
        return {
            "date": None if self.date is None else self.date.isoformat(),
            "parties": list(self.parties),
            "min_credibility": self.min_credibility.label,
            "issues": {g.issue.id: g.to_dict() for g in self.gaps},
            "deadlocks": [g.issue.id for g in self.deadlocks],
            "hardest": [g.issue.id for g in self.hardest()],
            "conditions": None if self.conditions is None else self.conditions.to_dict(),
        }

    def describe(self) -> str:
        """Return the report in plain words, one line per issue, hardest first."""
        when = self.date.isoformat() if self.date else "latest"
        lines = [f"Gaps on {when} among {_names(self.parties) or 'nobody'}:"]
        lines.extend(f"- {g.describe()}" for g in self.hardest())
        if self.conditions is not None and self.conditions.has_deadlock:
            lines.append(self.conditions.describe())
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """Return the report as a pandas DataFrame, one row per issue (the ``pandas`` extra).

        Returns
        -------
        pandas.DataFrame
            The rows of :func:`negotrack.analysis.tables.gap_rows`.

        Examples
        --------
        >>> import negotrack as nt
        >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
        >>> nt.analyze(tl.snapshot()).to_frame()[["issue", "needed"]].head(2)
                       issue  needed
        0  donbas_withdrawal   1.000
        1    guarantee_years   0.175
        """
        from negotrack._frames import frame
        from negotrack.analysis.tables import GAP_COLUMNS, gap_rows

        return frame(gap_rows(self), GAP_COLUMNS)

    def __repr__(self) -> str:
        when = self.date.isoformat() if self.date else "latest"
        apart = sum(1 for g in self.gaps if g.status == "no_overlap")
        return (
            f"<GapReport {when}: {count(len(self.gaps), 'issue')}, "
            f"{count(len(self.parties), 'party', 'parties')}; "
            f"{apart} without overlap, {len(self.deadlocks)} deadlocked>"
        )


def _pair_weight(
    fixed: Mapping[str, float] | None, issue: str, pa: Position, pb: Position
) -> float:
    """Return an issue's weight in a pair's distance: its fixed weight, or the saliences' mean."""
    return fixed.get(issue, 0.0) if fixed is not None else (pa.salience + pb.salience) / 2


def _weighted_mean(terms: list[float], total: float) -> float:
    """Return a pair's distance from its weighted terms: at most 1; NaN with no weight."""
    return min(1.0, math.fsum(terms) / total) if total != 0.0 else math.nan


def analyze(
    snapshot: Snapshot,
    parties: Iterable[str] | None = None,
    *,
    conditions: ConditionReport | None = None,
    condition_holders: Iterable[str] | None = None,
) -> GapReport:
    """Analyse the gaps between the parties on every issue of a snapshot.

    Parameters
    ----------
    snapshot : Snapshot
        The positions in force on a date (:meth:`negotrack.Timeline.snapshot`).
    parties : iterable of str, optional
        Ids of the parties to consider (default: all). Their order does not matter.
    conditions : ConditionReport, optional
        The condition analysis of this snapshot, when the caller has it already
        (``nt.analyze_conditions(snapshot, parties=parties)``, with whatever options): it
        becomes the report's ``.conditions`` as it is, instead of running the analysis
        again, the costly part of this function on a snapshot with many conditions. Only
        its type and date are checked; which parties it covers is the caller's to keep
        right. By default the analysis is run.
    condition_holders : iterable of str, optional
        Whose conditions the condition analysis reads (default: every party's, whatever
        ``parties`` says — a knot held partly by a party left out still blocks the
        others; see :func:`negotrack.analyze_conditions`). Not with ``conditions``.

    Returns
    -------
    GapReport
        One :class:`IssueGap` per issue, in agenda order; ``.conditions`` holds the
        sequencing deadlocks (of every holder's conditions, unless ``condition_holders``
        narrows them) and the linkage conflicts with the chosen parties' red lines.

    Raises
    ------
    InvalidTypeError
        If ``snapshot`` is not a Snapshot, ``parties`` is a single string or ``conditions``
        is not a ConditionReport.
    UnknownReferenceError
        If ``parties`` names a party the snapshot does not know.
    AnalysisError
        If ``conditions`` is dated otherwise than the snapshot, or is given together with
        ``condition_holders``.

    Notes
    -----
    The result does not depend on the order ``parties`` are listed in, nor on the
    insertion order of statements with distinct dates. Given the report
    ``analyze_conditions(snapshot, parties=parties)`` would compute, the result equals the
    one computed without it (property-tested).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> tl = nt.Timeline(issues=[nt.Issue("donbas", pct)],
    ...                  parties=[nt.Party("RU"), nt.Party("UA"), nt.Party("US")])
    >>> day, src = datetime.date(2025, 12, 28), nt.Source(title="reports")
    >>> for who, lo, hi in [("RU", 100, 100), ("UA", 0, 0), ("US", 0, 100)]:
    ...     _ = tl.add(nt.Statement(party=who, issue="donbas", date=day, source=src,
    ...         position=nt.Position(ideal=lo, acceptable=nt.Region.interval(pct, lo, hi))))
    >>> report = nt.analyze(tl.snapshot(), parties=["US", "RU"])
    >>> report["donbas"].status, report["donbas"].overlap
    ('overlap', Region(0–100 %: [100, 100]))
    >>> nt.analyze(tl.snapshot())["donbas"].status
    'no_overlap'

    A condition report computed already is used, not computed again:

    >>> snap = tl.snapshot()
    >>> known = nt.analyze_conditions(snap, cycles=True)
    >>> nt.analyze(snap, conditions=known).conditions is known
    True
    """
    if not isinstance(snapshot, Snapshot):
        raise InvalidTypeError(
            f"analyze: snapshot={snapshot!r} must be a Snapshot (use Timeline.snapshot)",
            path="snapshot",
            value=snapshot,
        )
    chosen = select_parties(snapshot, parties)
    if conditions is None:
        conditions = analyze_conditions(
            snapshot, parties=chosen, condition_holders=condition_holders
        )
    elif condition_holders is not None:
        raise AnalysisError(
            "analyze: give condition_holders or conditions, not both (conditions was "
            "computed with its own holders)",
            path="condition_holders",
            value=condition_holders,
        )
    else:
        _check_conditions(conditions, snapshot)
    statements = snapshot.statements
    gaps = []
    for issue in snapshot.issues:
        held = [(p, statements.get((p, issue.id))) for p in chosen]
        ps = tuple(p for p, s in held if s is not None)
        pos = tuple(s.position for _, s in held if s is not None)
        gaps.append(compute_gap(issue, ps, pos))
    return GapReport(
        date=snapshot.date,
        parties=chosen,
        gaps=tuple(gaps),
        min_credibility=snapshot.min_credibility,
        conditions=conditions,
    )


def _check_conditions(conditions: object, snapshot: Snapshot) -> None:
    """Check a given condition report is one, of the snapshot's date."""
    if not isinstance(conditions, ConditionReport):
        raise InvalidTypeError(
            f"analyze: conditions={conditions!r} must be a ConditionReport "
            f"(from nt.analyze_conditions) or None",
            path="conditions",
            value=conditions,
        )
    if conditions.date != snapshot.date:
        have, want = (d.isoformat() if d else "latest" for d in (conditions.date, snapshot.date))
        raise AnalysisError(
            f"analyze: conditions is the report of {have}, but the snapshot is of {want}; "
            f"pass the ConditionReport of the same snapshot",
            path="conditions",
            value=conditions,
        )
