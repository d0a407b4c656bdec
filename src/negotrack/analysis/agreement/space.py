"""The agreement space: candidate outcomes per issue and each party's utility.

A *package* is one outcome per issue. An :class:`AgreementSpace` holds the candidate
outcomes of every issue and each party's linear-additive utility; the packages every red
line allows are its *feasible set*. Because utilities are additive, a package is feasible
iff each of its outcomes is, so the feasible set is a product of per-issue candidate lists.

The space computes its Pareto frontier with
:func:`~negotrack.analysis.agreement.frontier.merge_frontier` and its disagreement and ideal
points, picks its bargaining solutions (:meth:`AgreementSpace.nash`,
:meth:`~AgreementSpace.kalai_smorodinsky`, :meth:`~AgreementSpace.egalitarian`,
:meth:`~AgreementSpace.utilitarian`) with :mod:`negotrack.analysis.agreement.solutions`, and
finds the logroll trades between two parties.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from negotrack._words import count
from negotrack.analysis._parameters import check_count, check_seconds
from negotrack.analysis.utilities import (
    INFEASIBLE,
    UtilityFunction,
    candidate_outcomes,
    utilities_from_snapshot,
)
from negotrack.errors import AnalysisError, UnknownReferenceError
from negotrack.model.scales import NumericScale, Value
from negotrack.timeline.snapshot import Snapshot

from . import continuous as cont
from . import solutions as concepts
from .frontier import DEFAULT_TIME_LIMIT, BoundedFrontier, Vector, bounded_frontier
from .results import Frontier, FrontierSegment, Logroll, Solution

if TYPE_CHECKING:  # imported where solved: SciPy takes ~0.35 s to import
    from . import continuous_milp as cmilp


def _cut_line(
    found: BoundedFrontier, time_limit: float, max_work: int | None, issues: Sequence[str]
) -> str:
    """One line: what the budget cut short and what the frontier holds instead."""
    if found.cut_by == "time":
        why = f"the time limit of {time_limit:g} s"
    else:
        why = "the work budget" + ("" if max_work is None else f" of {max_work:,} units")
    above = (
        f"every frontier point at least as good for every party as the most balanced one "
        f"found ({found.n_above}, the egalitarian solution among them) and "
        if found.above is not None
        else ""
    )
    return (
        f"frontier cut short by {why} after merging {found.merged} of "
        f"{count(len(issues), 'issue')} exactly: the {count(len(found.points), 'point')} "
        f"listed are a subset, each Pareto-optimal ({above}the best packages for "
        f"{count(found.weights, 'weighting')} of the utilities); other points are missing "
        "and the solutions are the best of these"
    )


def _check_utilities(utilities: Mapping[str, UtilityFunction]) -> dict[str, UtilityFunction]:
    if not isinstance(utilities, Mapping):
        raise AnalysisError(
            f"utilities={utilities!r} must be a mapping from party id to UtilityFunction",
            path="utilities",
            value=utilities,
        )
    if not utilities:
        raise AnalysisError(
            "the party set is empty: an agreement space needs at least one party's utility",
            path="utilities",
            value={},
        )
    for p, u in utilities.items():
        if not isinstance(u, UtilityFunction):
            raise AnalysisError(
                f"utilities[{p!r}]={u!r} must be a UtilityFunction",
                path=f"utilities[{p!r}]",
                value=u,
            )
    return dict(utilities)


class IssueTable:
    """One issue of an agreement space: each candidate's contribution to each party's utility.

    What :class:`AgreementSpace` computes per issue from the parties' utilities: the
    candidates every red line allows, each with its vector of weighted contributions (one
    per party, in the utilities' order), the candidates some party excludes (with who
    excludes them) and each party's least and greatest contribution. It depends only on
    the issue's candidates and each party's weight and value function on that issue, so a
    caller building many spaces that share an issue (the robustness analysis' readings)
    builds its table once and passes it to each (``AgreementSpace(..., tables=...)``).

    Parameters
    ----------
    outcomes : tuple of values
        The candidates, in order.
    feasible : list of values
        The candidates every party's red line allows.
    vectors : list of tuple of float
        Each feasible candidate's contributions, one per party.
    excluded : dict
        Each excluded candidate to the parties excluding it.
    parties : int
        How many parties (the length of each vector).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.agreement.space import IssueTable
    >>> u = {"A": nt.UtilityFunction(weights={"x": 0.5}, values={"x": {0: 1.0, 1: nt.INFEASIBLE}}),
    ...      "B": nt.UtilityFunction(weights={"x": 1.0}, values={"x": {0: 0.0, 1: 1.0}})}
    >>> table = IssueTable.of(u, "x", [0, 1])
    >>> table.feasible, table.vectors, table.excluded
    ([0], [(0.5, 0.0)], {1: ('A',)})
    >>> space = nt.AgreementSpace(u, {"x": [0, 1]}, tables={"x": table})
    >>> space.nash() == nt.AgreementSpace(u, {"x": [0, 1]}).nash()
    True
    """

    __slots__ = ("excluded", "feasible", "high", "low", "outcomes", "vectors")

    def __init__(
        self,
        outcomes: tuple[Value, ...],
        feasible: list[Value],
        vectors: list[Vector],
        excluded: dict[Value, tuple[str, ...]],
        parties: int,
    ) -> None:
        self.outcomes = outcomes
        self.feasible = feasible
        self.vectors = vectors
        self.excluded = excluded
        #: Each party's least and greatest contribution (0.0 when nothing is feasible).
        self.low: Vector = tuple(min((v[k] for v in vectors), default=0.0) for k in range(parties))
        self.high: Vector = tuple(max((v[k] for v in vectors), default=0.0) for k in range(parties))

    @classmethod
    def of(
        cls, utilities: Mapping[str, UtilityFunction], issue: str, candidates: Iterable[Value]
    ) -> IssueTable:
        """Return the table of ``issue`` over ``candidates`` for ``utilities`` (in their order)."""
        parties = tuple(utilities)
        cands = tuple(candidates)
        feas: list[Value] = []
        table: list[Vector] = []
        excluded: dict[Value, tuple[str, ...]] = {}
        for c in cands:
            vec = tuple(utilities[p].contribution(issue, c) for p in parties)
            blockers = tuple(p for p, v in zip(parties, vec, strict=True) if v == INFEASIBLE)
            if blockers:
                excluded[c] = blockers
            else:
                feas.append(c)
                table.append(vec)
        return cls(cands, feas, table, excluded, len(parties))


class AgreementSpace:
    """Candidate outcomes per issue and each party's utility: the space of packages.

    Parameters
    ----------
    utilities : mapping of str to UtilityFunction
        Party id to utility (at least one party).
    outcomes : mapping of str to sequence of values
        Issue id to its candidate outcomes (at least one issue, each with one outcome or
        more). An outcome some party values at :data:`INFEASIBLE` is not feasible.
    continuous : iterable of str, optional
        Numeric issues that take *every* value between their lowest and highest outcome:
        their outcomes are then the breakpoints between which each party's value function
        is linear (see :meth:`UtilityFunction.piece`). The solutions are exact over these
        continua: with two parties the frontier too (points and segments, see
        :mod:`negotrack.analysis.agreement.continuous`); with three or more each solution
        is a certified mixed-integer optimum and the frontier lists a subset of
        Pareto-optimal points (see
        :mod:`negotrack.analysis.agreement.continuous_milp`); with one party a breakpoint is
        always optimal (:attr:`continuous` is then empty).
    time_limit : float, optional
        CPU seconds for the exact Pareto frontier (default 2). Past it the frontier is cut
        short: :meth:`frontier` then holds a subset of the frontier's points, each
        Pareto-optimal, and says so (``complete`` False, ``cut`` one line). With three or
        more parties on continuous issues, seconds for all four solutions (a solution the
        limit stops says so in its ``cut``).
    tables : mapping of str to IssueTable, optional
        Issue id to its table as :meth:`IssueTable.of` builds it for these ``utilities``
        (in their order) and these outcomes, already built: a caller building many spaces
        that share issues passes them instead of having each space recompute them (issues
        not in the mapping are built as usual).
    max_work : int, optional
        A budget of work instead of time for the exact frontier of discrete issues: units
        (:class:`~negotrack.analysis.agreement.frontier.FrontierBudget`) for the full
        merge and as many again for the merge above the balanced point, the clock left
        out. The frontier, and every solution, is then the same on any machine and under
        any load: the robustness readings use it (:data:`~negotrack.analysis.robustness.
        spaces.READING_WORK`), so that a sample's solutions do not depend on the executor
        that drew it. The continuum's programs (three or more parties) keep ``time_limit``.

    Raises
    ------
    AnalysisError
        If the party set or the issue set is empty, an issue has no candidates, a
        utility cannot value a candidate, ``time_limit`` is not a finite number > 0, or
        ``max_work`` is below 0.
    InvalidTypeError
        If ``time_limit`` is not a number, or ``max_work`` not a whole number.

    Notes
    -----
    Laws (property-tested): no frontier package is dominated by any feasible package; the
    merged frontier equals the frontier of the enumerated feasible set; the Nash solution
    maximises the product of gains over the frontier; the utilitarian solution maximises
    the sum of utilities over every feasible package.

    Examples
    --------
    >>> import negotrack as nt
    >>> u_a = nt.UtilityFunction(weights={"x": 0.8, "y": 0.2},
    ...                          values={"x": {0: 1.0, 1: 0.0}, "y": {0: 1.0, 1: 0.0}})
    >>> u_b = nt.UtilityFunction(weights={"x": 0.3, "y": 0.7},
    ...                          values={"x": {0: 0.0, 1: 1.0}, "y": {0: 0.0, 1: 1.0}})
    >>> space = nt.AgreementSpace({"A": u_a, "B": u_b}, {"x": [0, 1], "y": [0, 1]})
    >>> space.size, len(space.frontier())
    (4, 3)
    >>> space.nash().package
    {'x': 0, 'y': 1}
    """

    def __init__(
        self,
        utilities: Mapping[str, UtilityFunction],
        outcomes: Mapping[str, Sequence[Value]],
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        continuous: Iterable[str] = (),
        tables: Mapping[str, IssueTable] | None = None,
        max_work: int | None = None,
    ) -> None:
        self._utilities = _check_utilities(utilities)
        #: Seconds allowed for the exact frontier (see :meth:`frontier`).
        self.time_limit = check_seconds(time_limit)
        #: Units of work for each exact merge of the frontier instead of the time limit
        #: (None: the time limit bounds them).
        self.max_work = None if max_work is None else check_count("max_work", max_work, 0)
        if not isinstance(outcomes, Mapping) or not outcomes:
            raise AnalysisError(
                "an agreement space needs at least one issue with candidate outcomes",
                path="outcomes",
                value=outcomes,
            )
        self.parties: tuple[str, ...] = tuple(self._utilities)
        self.issues: tuple[str, ...] = tuple(outcomes)
        self.outcomes: dict[str, tuple[Value, ...]] = {}
        self._feasible: list[list[Value]] = []
        self._tables: list[list[Vector]] = []
        #: Per issue, its table's per-party least and greatest contribution.
        self._bounds: list[tuple[Vector, Vector]] = []
        self.excluded: dict[str, dict[Value, tuple[str, ...]]] = {}
        known = {} if tables is None else tables
        for issue, given in outcomes.items():
            made = known.get(issue)
            if made is None:
                made = IssueTable.of(self._utilities, issue, given)
            if not made.outcomes:
                raise AnalysisError(
                    f"issue {issue!r} has no candidate outcomes", path=f"outcomes[{issue!r}]"
                )
            self.outcomes[issue] = made.outcomes
            self._feasible.append(made.feasible)
            self._tables.append(made.vectors)
            self._bounds.append((made.low, made.high))
            if made.excluded:
                self.excluded[issue] = dict(made.excluded)
        self.reserved: tuple[float, ...] = tuple(u.reserved for u in self._utilities.values())
        self._frontier: Frontier | None = None
        self._pieces: list[cont.Piece] | None = None
        self._disagreement: dict[str, float] | None = None
        self._ideal: dict[str, float] | None = None
        self._solved: dict[str, Solution | None] | None = None
        self._milp_points: list[tuple[dict[str, Value], Vector]] = []
        self._milp_cut: str | None = None
        #: The issues solved over their whole range (empty with a single party).
        self.continuous: tuple[str, ...] = ()
        #: Per continuous issue, its elementary intervals every red line allows, with each
        #: party's contribution limits at both ends: ``(lo, hi, limits at lo, at hi)``.
        self.segments: dict[str, list[tuple[float, float, Vector, Vector]]] = {}
        self._set_continuous(tuple(continuous))

    def _set_continuous(self, asked: tuple[str, ...]) -> None:
        """Check the continuous issues and build their segments (two parties or more)."""
        for i in asked:
            self._issue(i)
            if not all(isinstance(o, int | float) for o in self.outcomes[i]):
                raise AnalysisError(
                    f"continuous issue {i!r} needs numeric outcomes (its breakpoints), got "
                    f"{self.outcomes[i]!r}",
                    path=f"outcomes[{i!r}]",
                    value=self.outcomes[i],
                )
        if len(self.parties) < 2:
            return
        self.continuous = asked
        for i in asked:
            marks = sorted(float(o) for o in self.outcomes[i])
            segs: list[tuple[float, float, Vector, Vector]] = []
            for lo, hi in itertools.pairwise(marks):
                if hi <= lo:
                    continue
                ends = [self._utilities[p].piece(i, lo, hi) for p in self.parties]
                if any(INFEASIBLE in e for e in ends):
                    continue
                segs.append((lo, hi, tuple(e[0] for e in ends), tuple(e[1] for e in ends)))
            self.segments[i] = segs

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_snapshot(
        cls,
        snapshot: Snapshot,
        *,
        parties: Iterable[str] | None = None,
        issues: Iterable[str] | None = None,
        grid: int = 0,
        reserved: float | Mapping[str, float] = 0.0,
        nominal_value: float = 0.5,
        penalty: float = 0.5,
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> AgreementSpace:
        """Build the space from the positions in force in a snapshot.

        Utilities are derived with :func:`negotrack.utilities_from_snapshot`; candidates on
        each issue are the ideals and region bounds of every party's position and the
        issue's status quo when recorded (see
        :func:`negotrack.analysis.utilities.candidate_outcomes`). With ``grid=0`` (the
        default) numeric issues are continuous: these candidates are their breakpoints and
        every value between them is an outcome (solutions exact over the continuum, see
        ``continuous``). With ``grid > 0`` numeric issues are discrete instead, with
        ``grid + 1`` evenly spaced points added to the candidates.
        ``time_limit`` bounds the frontier (see the class).

        Raises
        ------
        UnknownReferenceError
            If a party or issue id is unknown.
        AnalysisError
            If no party holds a position, or an issue has no position at all.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
        >>> for p, ideal, lo, hi in [("A", 20, 0, 60), ("B", 80, 40, 100)]:
        ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
        ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(s, lo, hi),
        ...                              red_line=True), source=nt.Source(title="t")))
        >>> space = nt.AgreementSpace.from_snapshot(tl.snapshot())
        >>> space.outcomes["x"], space.feasible_outcomes["x"]
        ((0.0, 20.0, 40.0, 60.0, 80.0, 100.0), (40.0, 60.0))
        """
        issue_ids = list(snapshot.issue_ids if issues is None else issues)
        for i in issue_ids:
            snapshot.issue(i)
        utilities = utilities_from_snapshot(
            snapshot,
            parties=parties,
            issues=issue_ids,
            reserved=reserved,
            nominal_value=nominal_value,
            penalty=penalty,
        )
        outcomes: dict[str, tuple[Value, ...]] = {}
        for i in issue_ids:
            positions = [pos for p, pos in snapshot.positions(i).items() if p in utilities]
            if not positions:
                if issues is None:
                    continue
                raise AnalysisError(
                    f"no party holds a position on issue {i!r}", path="issues", value=i
                )
            issue = snapshot.issue(i)
            outcomes[i] = candidate_outcomes(
                issue.scale, positions, grid=grid, status_quo=issue.status_quo
            )
        numeric = [
            i for i in outcomes if grid == 0 and isinstance(snapshot.issue(i).scale, NumericScale)
        ]
        return cls(utilities, outcomes, continuous=numeric, time_limit=time_limit)

    # ------------------------------------------------------------------ sizes and lookups
    @property
    def utility_functions(self) -> dict[str, UtilityFunction]:
        """Party id to utility function."""
        return dict(self._utilities)

    @property
    def feasible_outcomes(self) -> dict[str, tuple[Value, ...]]:
        """Issue id to the candidates every red line allows."""
        return {i: tuple(f) for i, f in zip(self.issues, self._feasible, strict=True)}

    @property
    def size(self) -> int:
        """Number of packages (the product of candidate counts)."""
        return math.prod(len(c) for c in self.outcomes.values())

    @property
    def feasible_size(self) -> int:
        """Number of feasible packages (allowed by every red line)."""
        return math.prod(len(f) for f in self._feasible)

    def _party(self, party: str) -> int:
        try:
            return self.parties.index(party)
        except ValueError:
            raise UnknownReferenceError(
                f"unknown party {party!r}; the agreement space has parties "
                f"{', '.join(self.parties)}",
                path="party",
                value=party,
            ) from None

    def _issue(self, issue: str) -> int:
        try:
            return self.issues.index(issue)
        except ValueError:
            raise UnknownReferenceError(
                f"unknown issue {issue!r}; the agreement space has issues {', '.join(self.issues)}",
                path="issue",
                value=issue,
            ) from None

    def utilities(self, package: Mapping[str, Value]) -> dict[str, float]:
        """Return each party's utility for ``package`` (issue id → outcome).

        Raises
        ------
        UnknownReferenceError
            If the package names an issue the space does not have.
        AnalysisError
            If it lacks one of the space's issues.
        """
        for i in package:
            self._issue(i)
        for i in self.issues:
            if i not in package:
                raise AnalysisError(
                    f"package has no outcome for issue {i!r}",
                    path=f"package[{i!r}]",
                    value=dict(package),
                )
        out: dict[str, float] = {}
        for p in self.parties:
            u = self._utilities[p]
            total = 0.0
            for i in self.issues:
                total += u.contribution(i, package[i])
            out[p] = total
        return out

    def is_feasible(self, package: Mapping[str, Value]) -> bool:
        """Whether every red line allows ``package``."""
        return all(math.isfinite(u) for u in self.utilities(package).values())

    def packages(self) -> Iterator[tuple[dict[str, Value], Vector]]:
        """Yield every feasible package with its utility vector (enumeration: small spaces only).

        Utilities are summed left to right in issue order, as :func:`merge_frontier` does.
        """
        n = len(self.parties)
        for choice in itertools.product(*[range(len(t)) for t in self._tables]):
            vec = [0.0] * n
            for table, j in zip(self._tables, choice, strict=True):
                c = table[j]
                for p in range(n):
                    vec[p] += c[p]
            pkg = {
                i: self._feasible[s][j]
                for s, (i, j) in enumerate(zip(self.issues, choice, strict=True))
            }
            yield pkg, tuple(vec)

    # ------------------------------------------------------------------ frontier and solutions
    def frontier(self) -> Frontier:
        """Return the exact Pareto frontier of the rational feasible packages (cached).

        Returns
        -------
        Frontier
            Distinct utility vectors with every package reaching each. When the exact
            merge does not finish within :attr:`time_limit`, a subset of the frontier
            instead: ``complete`` is False and ``cut`` says in one line what was cut short.

        Notes
        -----
        Computed by merging issues one at a time (see
        :mod:`negotrack.analysis.agreement.frontier`); the work grows with the frontier's
        size, not the number of packages. Past the time limit the points are the rational
        packages that maximise a positively weighted sum of the utilities (each
        Pareto-optimal; :func:`~negotrack.analysis.agreement.frontier.bounded_frontier`),
        and the solutions are picked among them.

        The frontier's utility vectors are exactly those of brute-force enumeration. Its
        package lists hold every package reaching each vector, with one floating-point
        caveat: two packages whose utilities differ by less than the rounding unit of the
        sum (a contribution like 1e-194 added to 0.06) compare equal only after rounding,
        and the one that was strictly worse before rounding is not listed. With utilities
        that add exactly (such as multiples of 1/64) the lists are exact.
        """
        if self._frontier is None and self.continuous and len(self.parties) > 2:
            self._frontier = self._milp_frontier()
        if self._frontier is None and self.continuous:
            self._frontier = self._continuous_frontier()
        if self._frontier is None:
            found = self._bounded_frontier(self.reserved)
            self._frontier = Frontier(
                parties=self.parties,
                issues=self.issues,
                points=tuple(found.points),
                back=found.back,
                final=found.final,
                outcomes=self._feasible,
                cut=None
                if found.complete
                else _cut_line(found, self.time_limit, self.max_work, self.issues),
            )
        return self._frontier

    def _bounded_frontier(self, reserved: Vector) -> BoundedFrontier:
        """Return the exact frontier above ``reserved`` within the time limit or work budget."""
        if self.max_work is None:
            return bounded_frontier(self._tables, reserved, time_limit=self.time_limit)
        return bounded_frontier(
            self._tables,
            reserved,
            time_limit=None,
            max_work=self.max_work,
            above_work=self.max_work,
        )

    def _issue_pieces(self) -> list[tuple[list[tuple[Value, Vector]], list[Any]]]:
        """Per issue, its feasible points and (on continuous issues) segments."""
        return [
            (
                list(zip(self._feasible[s], self._tables[s], strict=True)),
                list(self.segments.get(i, ())),
            )
            for s, i in enumerate(self.issues)
        ]

    def _pieces_front(self, reserved: Vector) -> list[cont.Piece]:
        pairs = self._issue_pieces()
        issues = [
            (
                [(o, (v[0], v[1])) for o, v in pts],
                [(a, b, (p[0], p[1]), (q[0], q[1])) for a, b, p, q in segs],
            )
            for pts, segs in pairs
        ]
        return cont.merge_pieces(issues, (reserved[0], reserved[1]))

    def _continuous_frontier(self) -> Frontier:
        """Return the exact frontier of two parties with continuous issues: points, segments."""
        if self._pieces is None:
            self._pieces = self._pieces_front(self.reserved)
        points: dict[Vector, list[dict[str, Value]]] = {}
        segments: list[FrontierSegment] = []
        dominated = cont.dominance_test(self._pieces)
        # a point that is a segment's (held) end is listed with the segment only
        ends = {(piece[0], piece[1]) for piece in self._pieces if piece[5] is not None} | {
            (piece[2], piece[3]) for piece in self._pieces if piece[5] is not None
        }
        for piece in reversed(self._pieces):  # decreasing utility of the first party
            if piece[5] is None and (piece[0], piece[1]) in ends:
                continue
            if piece[5] is None:
                pkg = cont.package_of(piece, 0.0, self.issues)
                listed = points.setdefault((piece[0], piece[1]), [])
                if pkg not in listed:
                    listed.append(pkg)
            else:  # start: the end better for the first party
                start = cont.package_of(piece, 1.0, self.issues)
                end = cont.package_of(piece, 0.0, self.issues)
                moving = self.issues[piece[5][0]]
                segments.append(
                    FrontierSegment(
                        issue=moving,
                        start=start,
                        end=end,
                        start_utilities=dict(zip(self.parties, (piece[2], piece[3]), strict=True)),
                        end_utilities=dict(zip(self.parties, (piece[0], piece[1]), strict=True)),
                        start_open=self._jumps(moving, start[moving], end[moving])
                        or dominated(piece[2], piece[3]),
                        end_open=self._jumps(moving, end[moving], start[moving])
                        or dominated(piece[0], piece[1]),
                    )
                )
        return Frontier(
            parties=self.parties,
            issues=self.issues,
            points=tuple(points),
            segments=tuple(segments),
            listed=tuple(tuple(v) for v in points.values()),
        )

    def _jumps(self, issue: str, at: Value, toward: Value) -> bool:
        """Whether a segment of ``issue`` ending at ``at`` (from ``toward``) only nears it.

        True where ``at`` is a breakpoint at which some party's value jumps: the value there
        differs from the limit along the segment's interval.
        """
        s = self._issue(issue)
        if at not in self._feasible[s]:
            return False  # inside an interval: the segment holds its end
        point = self._tables[s][self._feasible[s].index(at)]
        mid = float(at) / 2 + float(toward) / 2
        for lo, hi, p, q in self.segments[issue]:
            if lo <= mid <= hi:
                limit = p if at == lo else q
                return any(abs(u - v) > 1e-12 for u, v in zip(point, limit, strict=True))
        return False

    def _extreme(self, pick: Callable[..., float], k: int) -> float:
        """Party ``k``'s utility when ``pick`` (min or max) chooses its value on every issue.

        On a continuous issue the limits at the ends of every interval count too (the
        worst utility may be approached without being reached).
        """
        total = 0.0
        for s, i in enumerate(self.issues):
            segments = self.segments.get(i)
            if not segments:  # the table's own least or greatest value
                total += self._bounds[s][0 if pick is min else 1][k]
                continue
            vals = [vec[k] for vec in self._tables[s]]
            vals += [e[k] for seg in segments for e in (seg[2], seg[3])]
            total += pick(vals, default=0.0)
        return total

    def disagreement(self) -> dict[str, float]:
        """Each party's disagreement point: ``max(reserved, worst feasible utility)``."""
        if self._disagreement is None:  # computed once: every solution reads it
            self._disagreement = {
                p: max(self.reserved[k], self._extreme(min, k)) for k, p in enumerate(self.parties)
            }
        return dict(self._disagreement)

    def ideal(self) -> dict[str, float]:
        """Each party's best feasible utility (its ideal point)."""
        if self._ideal is None:
            self._ideal = {p: self._extreme(max, k) for k, p in enumerate(self.parties)}
        return dict(self._ideal)

    def nash(self) -> Solution | None:
        """Return the Nash bargaining solution, or None if no package is rational.

        The frontier point maximising the product of gains over the disagreement point.

        Examples
        --------
        >>> import negotrack as nt
        >>> outcomes, utilities = nt.random_utilities(2, 3)
        >>> sol = nt.AgreementSpace(utilities, outcomes).nash()
        >>> sol.name, sorted(sol.package)
        ('nash', ['i0', 'i1', 'i2'])
        """
        if self.continuous:
            return self._continuous_solution("nash")
        return concepts.nash(self.frontier(), tuple(self.disagreement().values()))

    def kalai_smorodinsky(self) -> Solution | None:
        """Return the Kalai–Smorodinsky solution, or None if no package is rational.

        Each party's gain is normalised by its best possible gain,
        ``(u - d) / (ideal - d)``; the solution is the frontier point where these ratios
        are closest to equal (smallest max − min), NegMAS' discrete reading of KS. With
        continuous issues it is the classical ray reading: the point with the largest
        smallest ratio (equal ratios wherever the ray from ``d`` to the ideal point meets
        the frontier, where both readings agree).
        """
        if self.continuous:
            return self._continuous_solution("kalai_smorodinsky")
        d = tuple(self.disagreement().values())
        return concepts.kalai_smorodinsky(self.frontier(), d, tuple(self.ideal().values()))

    def egalitarian(self) -> Solution | None:
        """Return the egalitarian solution: the frontier point maximising the smallest gain."""
        if self.continuous:
            return self._continuous_solution("egalitarian")
        return concepts.egalitarian(self.frontier(), tuple(self.disagreement().values()))

    def utilitarian(self) -> Solution | None:
        """Return the utilitarian solution: the frontier point maximising the sum of utilities."""
        if self.continuous:
            return self._continuous_solution("utilitarian")
        return concepts.utilitarian(self.frontier())

    def _continuous_solution(self, name: str) -> Solution | None:
        """Return a solution read exactly off the continuous frontier's points and segments."""
        if len(self.parties) > 2:
            return self._milp_solutions()[name]
        self.frontier()
        assert self._pieces is not None
        d = tuple(self.disagreement().values())
        ideal = tuple(self.ideal().values())
        return concepts.on_pieces(
            name,
            list(reversed(self._pieces)),
            (d[0], d[1]),
            (ideal[0], ideal[1]),
            issues=self.issues,
            evaluate=self.utilities,
        )

    def _milp_solver(self) -> cmilp.MilpSolver:
        """Return the mixed-integer model of this space (3+ parties, continuous issues)."""
        from . import continuous_milp as cmilp  # SciPy: ~0.35 s to import, paid when used

        options: list[list[cmilp.Option]] = []
        for s, i in enumerate(self.issues):
            opts: list[cmilp.Option] = [
                (s, "at", o, 0.0, vec, vec)
                for o, vec in zip(self._feasible[s], self._tables[s], strict=True)
            ]
            opts += [(s, "in", lo, hi, p, q) for lo, hi, p, q in self.segments.get(i, ())]
            options.append(opts)
        return cmilp.MilpSolver(
            self.issues,
            options,
            tuple(self.disagreement().values()),
            tuple(self.ideal().values()),
            lambda pkg: tuple(self.utilities(pkg).values()),
            time_limit=self.time_limit,
        )

    def _milp_solutions(self) -> dict[str, Solution | None]:
        """Return the four solutions over the continuum (three or more parties), cached."""
        if self._solved is not None:
            return self._solved
        self._solved = {}
        if not all(o for o in self._milp_options_exist()):
            self._solved = dict.fromkeys(concepts.SOLUTIONS)
            return self._solved
        from . import continuous_milp as cmilp  # SciPy: ~0.35 s to import, paid when used

        solver = self._milp_solver()
        found = cmilp.solve(solver, concepts.SOLUTIONS)
        for name, got in found.items():
            if got is None:
                self._solved[name] = None
                continue
            self._solved[name] = Solution(
                name=name,
                package=got.package,
                utilities=self.utilities(got.package),
                ties=tuple(got.ties),
                more_ties=got.more_ties,
                cut=got.cut,
            )
        # the frontier's listed points: the solutions' packages (each Pareto-optimal) and
        # the best packages for each party weighted n times the others
        seen: dict[Vector, dict[str, Value]] = {}
        for sol in self._solved.values():
            if sol is None:
                continue
            for pkg in (sol.package, *sol.ties):
                vec = tuple(self.utilities(pkg).values())
                if all(u >= r for u, r in zip(vec, self.reserved, strict=True)):
                    seen.setdefault(vec, dict(pkg))
        n = len(self.parties)
        weightings = 0
        if any(s is not None for s in self._solved.values()):
            for k in range(n):
                w = [1.0] * n
                w[k] = float(n)
                got_w = solver.weighted(np.asarray(w))
                if got_w is None:
                    break
                weightings += 1
                vec = tuple(self.utilities(got_w[0]).values())
                seen.setdefault(vec, got_w[0])
        front = _pareto_filter(seen)
        self._milp_points = sorted(front, key=lambda item: tuple(-u for u in item[1]))
        self._milp_cut = (
            f"over the continuum of {count(len(self.continuous), 'numeric issue')} with "
            f"{n} parties the frontier is not enumerated: it lists "
            f"{count(len(self._milp_points), 'Pareto-optimal package')} (the solutions' and "
            f"the best for {count(weightings, 'weighting')} of the utilities), a subset; the "
            "solutions are exact over the continuum"
        )
        if solver.timed_out:
            self._milp_cut += (
                f" (the time limit of {self.time_limit:g} s of CPU cut the search short: "
                "see each solution)"
            )
        return self._solved

    def _milp_options_exist(self) -> list[bool]:
        return [
            bool(self._feasible[s]) or bool(self.segments.get(i)) for s, i in enumerate(self.issues)
        ]

    def _milp_frontier(self) -> Frontier:
        """Return the frontier listed for 3+ parties on continuous issues (a subset)."""
        self._milp_solutions()
        return Frontier(
            parties=self.parties,
            issues=self.issues,
            points=tuple(v for _, v in self._milp_points),
            listed=tuple((p,) for p, _ in self._milp_points),
            cut=self._milp_cut,
        )

    def shortfall(self) -> dict[str, float]:
        """Say who falls short when no package is rational, and by how much.

        Returns
        -------
        dict of str to float
            Empty when some package gives every party its reserved value (or when red
            lines leave an issue no outcome at all: :attr:`excluded` says where). Else, for
            the feasible package with the largest smallest margin ``utility − reserved``,
            each party below its reserved value and by how much. (Past the time limit, the
            package is the best of the frontier's subset that :meth:`frontier` would list.)

        Examples
        --------
        >>> import negotrack as nt
        >>> u = {p: nt.UtilityFunction(weights={"x": 1}, values={"x": {0: v, 1: 1 - v}},
        ...                            reserved=0.75) for p, v in (("A", 1.0), ("B", 0.0))}
        >>> nt.AgreementSpace(u, {"x": [0, 1]}).shortfall()
        {'B': 0.75}
        """
        if len(self.frontier()) or self.frontier().segments or not all(self._feasible):
            return {}
        n = len(self.parties)
        r = self.reserved
        if self.continuous and n > 2:
            got = self._milp_solver().margin(np.asarray(r))
            if got is None:
                return {}
            utils: Vector = tuple(float(v) for v in got)
        elif self.continuous:
            pieces = self._pieces_front((-math.inf, -math.inf))
            ranked = [
                (cont.best_on_piece("egalitarian", p, (r[0], r[1]), (r[0], r[1])), p)
                for p in pieces
            ]
            (_, t, _), piece = max(ranked, key=lambda item: item[0][0])
            utils = cont.point_at(piece, t)
        else:
            # Within the space's time limit: past it, the best of a subset of the frontier.
            found = self._bounded_frontier((-math.inf,) * n)
            points = found.points
            utils = max(points, key=lambda pt: min(u - v for u, v in zip(pt, r, strict=True)))
        return {p: r[k] - utils[k] for k, p in enumerate(self.parties) if utils[k] < r[k]}

    def solutions(self) -> dict[str, Solution | None]:
        """Return every solution of :data:`~negotrack.analysis.agreement.SOLUTIONS` by name."""
        return {
            "nash": self.nash(),
            "kalai_smorodinsky": self.kalai_smorodinsky(),
            "egalitarian": self.egalitarian(),
            "utilitarian": self.utilitarian(),
        }

    # ------------------------------------------------------------------ logrolls
    def split_package(self, a: str, b: str) -> dict[str, Value]:
        """Return the default logroll baseline for parties ``a`` and ``b``.

        On each issue the feasible candidate that maximises the smaller of the two parties'
        unweighted values (split the difference; first in candidate order on ties).
        """
        self._party(a)
        self._party(b)
        self._require_feasible_outcomes()
        ua, ub = self._utilities[a], self._utilities[b]
        out: dict[str, Value] = {}
        for s, i in enumerate(self.issues):
            best: Value | None = None
            best_v = -math.inf
            for c in self._feasible[s]:
                va = ua.value(i, c) if i in ua.values else 0.0
                vb = ub.value(i, c) if i in ub.values else 0.0
                if min(va, vb) > best_v:
                    best, best_v = c, min(va, vb)
            assert best is not None  # every issue has a feasible outcome (checked above)
            out[i] = best
        return out

    def _require_feasible_outcomes(self) -> None:
        """Raise if an issue has no feasible outcome (then no package, and no trade, is)."""
        for s, i in enumerate(self.issues):
            if not self._feasible[s]:
                raise AnalysisError(
                    f"issue {i!r} has no feasible outcome", path=f"outcomes[{i!r}]", value=i
                )

    def logrolls(
        self,
        a: str,
        b: str,
        *,
        baseline: Mapping[str, Value] | None = None,
    ) -> tuple[Logroll, ...]:
        """Return the logroll trades between parties ``a`` and ``b``, best joint gain first.

        For each pair of issues (X, Y) where ``a`` weighs X more than Y and ``b`` weighs Y
        more than X, the trade sets X to ``a``'s best feasible outcome and Y to ``b``'s
        (each tie broken in favour of the other party) in the baseline package. It is a
        logroll when both parties gain over the baseline.

        Parameters
        ----------
        a, b : str
            Two different parties of the space.
        baseline : mapping of str to value, optional
            The package trades are measured from (default :meth:`split_package`).

        Returns
        -------
        tuple of Logroll
            Ranked by joint gain, largest first.

        Raises
        ------
        UnknownReferenceError
            If a party is unknown.
        AnalysisError
            If ``a == b``, or an issue has no feasible outcome.

        Examples
        --------
        >>> import negotrack as nt
        >>> u_a = nt.UtilityFunction(weights={"x": 0.8, "y": 0.2},
        ...                          values={"x": {0: 1.0, 1: 0.0}, "y": {0: 1.0, 1: 0.0}})
        >>> u_b = nt.UtilityFunction(weights={"x": 0.3, "y": 0.7},
        ...                          values={"x": {0: 0.0, 1: 1.0}, "y": {0: 0.0, 1: 1.0}})
        >>> space = nt.AgreementSpace({"A": u_a, "B": u_b}, {"x": [0, 1], "y": [0, 1]})
        >>> [t.describe() for t in space.logrolls("A", "B", baseline={"x": 1, "y": 0})]
        ['A gets x=0, B gets y=1: gains +0.600 / +0.400 (joint 1.000)']
        """
        ka, kb = self._party(a), self._party(b)
        if ka == kb:
            raise AnalysisError(
                f"logrolls need two different parties, got {a!r} twice", path="b", value=b
            )
        self._require_feasible_outcomes()  # with a baseline given too: a trade needs one
        base = dict(self.split_package(a, b) if baseline is None else baseline)
        base_u = self.utilities(base)
        ua, ub = self._utilities[a], self._utilities[b]
        trades: list[Logroll] = []

        def best_for(k: int, other: int, s: int) -> Value:
            table, feas = self._tables[s], self._feasible[s]
            j = max(range(len(table)), key=lambda j: (table[j][k], table[j][other]))
            return feas[j]

        for sx, x in enumerate(self.issues):
            for sy, y in enumerate(self.issues):
                if sx == sy:
                    continue
                if not (ua.weights.get(x, 0.0) > ua.weights.get(y, 0.0)):
                    continue
                if not (ub.weights.get(y, 0.0) > ub.weights.get(x, 0.0)):
                    continue
                ox, oy = best_for(ka, kb, sx), best_for(kb, ka, sy)
                trade = {**base, x: ox, y: oy}
                tu = self.utilities(trade)
                ga, gb = tu[a] - base_u[a], tu[b] - base_u[b]
                if ga > 0 and gb > 0 and math.isfinite(ga) and math.isfinite(gb):
                    trades.append(
                        Logroll(
                            party_a=a,
                            party_b=b,
                            issue_a=x,
                            issue_b=y,
                            outcome_a=ox,
                            outcome_b=oy,
                            gain_a=ga,
                            gain_b=gb,
                        )
                    )
        trades.sort(key=lambda t: -t.joint_gain)
        return tuple(trades)

    def __repr__(self) -> str:
        return (
            f"<AgreementSpace: {count(len(self.parties), 'party', 'parties')}, "
            f"{count(len(self.issues), 'issue')}, {count(self.size, 'package')} "
            f"({self.feasible_size} feasible)>"
        )


def _pareto_filter(
    points: Mapping[Vector, dict[str, Value]],
) -> list[tuple[dict[str, Value], Vector]]:
    """Keep the points no other point dominates (rounding: 1e-12)."""
    items = list(points.items())
    out = []
    for vec, pkg in items:
        beaten = any(
            all(a >= b - 1e-12 for a, b in zip(other, vec, strict=True))
            and any(a > b + 1e-12 for a, b in zip(other, vec, strict=True))
            for other, _ in items
        )
        if not beaten:
            out.append((pkg, vec))
    return out
