"""The agreement space: packages, the Pareto frontier, bargaining solutions and logrolls.

A *package* is one outcome per issue. An :class:`AgreementSpace` holds the candidate
outcomes of every issue and each party's linear-additive utility; the packages every red
line allows are its *feasible set*. Because utilities are additive, a package is feasible
iff each of its outcomes is, so the feasible set is a product of per-issue candidate lists.

The exact Pareto frontier is computed without enumerating packages: issues are merged one at
a time and partial packages that are dominated are dropped. This is exact because the
restriction of a Pareto-optimal package to any subset of issues is Pareto-optimal there
(if a partial package were dominated, swapping in its dominator would dominate the whole
package). For two parties each merge is a sort and a sweep; for three a sort and a 2-D
skyline (a staircase searched by bisection). Partial packages that cannot reach every
party's reserved value, even with the best outcome on every remaining issue, are dropped
too: like NegMAS, the frontier holds only *rational* packages (each party's utility at
least its reserved value).

Solutions (:meth:`AgreementSpace.nash`, :meth:`~AgreementSpace.kalai_smorodinsky`,
:meth:`~AgreementSpace.egalitarian`, :meth:`~AgreementSpace.utilitarian`) are picked from the
frontier; gains are measured from each party's *disagreement point*: its reserved value,
or the worst utility it can get in the feasible set when the reserved value is lower
(NegMAS' convention). Ties go to the first frontier point in frontier order (decreasing
utility of the first party).

References
----------
Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
*Econometrica* 43(3), 513-518.
Mohammad, Y. et al. NegMAS: a platform for automated negotiations (``negmas.preferences``).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from negotrack.errors import AnalysisError, UnknownReferenceError
from negotrack.model.scales import Value, format_number
from negotrack.timeline.snapshot import Snapshot

from .utilities import (
    INFEASIBLE,
    UtilityFunction,
    candidate_outcomes,
    utilities_from_snapshot,
)

__all__ = [
    "SOLUTIONS",
    "AgreementReport",
    "AgreementSpace",
    "Frontier",
    "Logroll",
    "Solution",
    "agreement",
    "agreement_space",
]

#: The solution concepts, by name, in the order reports list them.
SOLUTIONS: tuple[str, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")

Vector = tuple[float, ...]
# Per merge step, per kept point: the (previous point, candidate index) pairs reaching it.
Back = list[list[tuple[int, int]]]


def _package(value: Mapping[str, Value]) -> dict[str, Value]:
    return dict(value)


def _floats(value: Mapping[str, float]) -> dict[str, float]:
    return dict(value)


def _fmt_value(v: Value) -> str:
    return format_number(v) if isinstance(v, float | int) else str(v)


def _fmt_package(package: Mapping[str, Value]) -> str:
    return ", ".join(f"{i}={_fmt_value(v)}" for i, v in package.items())


def _fmt_utils(utilities: Mapping[str, float]) -> str:
    return ", ".join(f"{p} {u:.3f}" for p, u in utilities.items())


@attrs.frozen(kw_only=True)
class Solution:
    """A bargaining solution: its name, package and each party's utility there.

    Attributes
    ----------
    name : str
        One of :data:`SOLUTIONS`.
    package : mapping of str to value
        Issue id to outcome.
    utilities : mapping of str to float
        Party id to utility.

    Examples
    --------
    >>> import negotrack as nt
    >>> s = nt.Solution(name="nash", package={"x": 1}, utilities={"A": 0.5, "B": 0.25})
    >>> s.describe()
    'nash: x=1 (A 0.500, B 0.250)'
    """

    name: str
    package: Mapping[str, Value] = attrs.field(converter=_package, hash=False)
    utilities: Mapping[str, float] = attrs.field(converter=_floats, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: ``{"name", "package", "utilities"}``."""
        return {
            "name": self.name,
            "package": dict(self.package),
            "utilities": dict(self.utilities),
        }

    def describe(self) -> str:
        """Return one line: name, package and utilities."""
        return f"{self.name}: {_fmt_package(self.package)} ({_fmt_utils(self.utilities)})"


@attrs.frozen(kw_only=True)
class Logroll:
    """A trade between two parties across two issues that both gain from.

    ``party_a`` gets its best outcome on ``issue_a`` (which it values more than ``issue_b``)
    and concedes ``issue_b`` to ``party_b``, who values ``issue_b`` more than ``issue_a``.

    Attributes
    ----------
    party_a, party_b : str
        The two parties.
    issue_a, issue_b : str
        The issue ``party_a`` wins and the issue ``party_b`` wins.
    outcome_a, outcome_b : value
        The outcomes on ``issue_a`` and ``issue_b`` in the trade.
    gain_a, gain_b : float
        Each party's utility gain over the baseline package (both > 0).
    """

    party_a: str
    party_b: str
    issue_a: str
    issue_b: str
    outcome_a: Value
    outcome_b: Value
    gain_a: float
    gain_b: float

    @property
    def joint_gain(self) -> float:
        """The sum of both gains (what trades are ranked by)."""
        return self.gain_a + self.gain_b

    def to_dict(self) -> dict[str, Any]:
        """Return plain data, including ``joint_gain``."""
        d = attrs.asdict(self)
        d["joint_gain"] = self.joint_gain
        return d

    def describe(self) -> str:
        """Return one line in words."""
        return (
            f"{self.party_a} gets {self.issue_a}={_fmt_value(self.outcome_a)}, "
            f"{self.party_b} gets {self.issue_b}={_fmt_value(self.outcome_b)}: "
            f"gains {self.gain_a:+.3f} / {self.gain_b:+.3f} (joint {self.joint_gain:.3f})"
        )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Frontier:
    """The exact Pareto frontier of an agreement space's rational feasible packages.

    Points are distinct utility vectors in decreasing order of the first party's utility;
    each may be reached by several packages (ties), all of which are Pareto-optimal and all
    of which :meth:`packages` yields.

    Built by :meth:`AgreementSpace.frontier`; not constructed directly.

    Attributes
    ----------
    parties, issues : tuple of str
        Whose utilities the points hold, and the issues of the packages.
    points : tuple of tuple of float
        The distinct utility vectors on the frontier.
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    points: tuple[Vector, ...]
    _back: list[Back]
    _final: list[int]
    _outcomes: list[list[Value]]

    def __len__(self) -> int:
        return len(self.points)

    def _walk(self, step: int, k: int) -> Iterator[tuple[int, ...]]:
        if step < 0:
            yield ()
            return
        for prev, j in self._back[step][k]:
            for rest in self._walk(step - 1, prev):
                yield (*rest, j)

    def packages_at(self, index: int) -> Iterator[dict[str, Value]]:
        """Yield every package whose utilities are ``points[index]``."""
        last = len(self.issues) - 1
        for choice in self._walk(last, self._final[index]):
            yield {
                i: self._outcomes[s][j]
                for s, (i, j) in enumerate(zip(self.issues, choice, strict=True))
            }

    def package(self, index: int) -> dict[str, Value]:
        """Return the first package whose utilities are ``points[index]``."""
        return next(self.packages_at(index))

    def packages(self) -> Iterator[tuple[dict[str, Value], Vector]]:
        """Yield every frontier package with its utility vector (ties included)."""
        for k, point in enumerate(self.points):
            for pkg in self.packages_at(k):
                yield pkg, point

    @property
    def n_packages(self) -> int:
        """How many packages lie on the frontier (ties counted), without listing them."""
        counts: list[int] = []
        for step, per_point in enumerate(self._back):
            if step == 0:
                counts = [len(b) for b in per_point]
            else:
                counts = [sum(counts[p] for p, _ in b) for b in per_point]
        if not self._back:
            return 0
        return sum(counts[k] for k in self._final)

    def to_dict(self, *, limit: int | None = 50) -> dict[str, Any]:
        """Return plain data: parties, issues, sizes and up to ``limit`` points with a package."""
        shown = self.points if limit is None else self.points[:limit]
        return {
            "parties": list(self.parties),
            "issues": list(self.issues),
            "n_points": len(self.points),
            "n_packages": self.n_packages,
            "points": [
                {"utilities": dict(zip(self.parties, pt, strict=True)), "package": self.package(k)}
                for k, pt in enumerate(shown)
            ],
        }

    def describe(self, *, limit: int = 10) -> str:
        """Return the size and the first ``limit`` points, one per line."""
        lines = [f"Pareto frontier: {len(self.points)} points, {self.n_packages} packages"]
        for k, pt in enumerate(self.points[:limit]):
            utils = dict(zip(self.parties, pt, strict=True))
            lines.append(f"  {_fmt_package(self.package(k))} ({_fmt_utils(utils)})")
        if len(self.points) > limit:
            lines.append(f"  ... {len(self.points) - limit} more")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<Frontier: {len(self.points)} points over {len(self.issues)} issues, "
            f"parties {', '.join(self.parties)}>"
        )


# ---------------------------------------------------------------------------- the merge


def _sweep2(items: list[tuple[float, float, int, int]]) -> tuple[list[Vector], Back]:
    """Non-dominated 2-D points of ``items`` (u1, u2, prev, j), ties kept as back-pointers."""
    items.sort(reverse=True)
    pts: list[Vector] = []
    back: Back = []
    best = -math.inf
    last1 = math.nan
    for u1, u2, prev, j in items:
        if u2 > best:
            pts.append((u1, u2))
            back.append([(prev, j)])
            best = u2
            last1 = u1
        elif u2 == best and u1 == last1:
            back[-1].append((prev, j))
    return pts, back


def _sweep3(items: list[tuple[float, float, float, int, int]]) -> tuple[list[Vector], Back]:
    """Non-dominated 3-D points: sort by u1 and keep a (u2, u3) staircase of kept points."""
    items.sort(reverse=True)
    pts: list[Vector] = []
    back: Back = []
    s2: list[float] = []  # ascending
    s3: list[float] = []  # strictly descending alongside s2
    last: Vector = (math.nan, math.nan, math.nan)
    for u1, u2, u3, prev, j in items:
        if u1 == last[0] and u2 == last[1] and u3 == last[2]:
            back[-1].append((prev, j))
            continue
        idx = bisect.bisect_left(s2, u2)
        if idx < len(s2) and s3[idx] >= u3:
            continue  # an earlier point (u1' >= u1) has u2' >= u2 and u3' >= u3
        last = (u1, u2, u3)
        pts.append(last)
        back.append([(prev, j)])
        end = idx + 1 if idx < len(s2) and s2[idx] == u2 else idx
        start = end
        while start > 0 and s3[start - 1] <= u3:
            start -= 1
        s2[start:end] = [u2]
        s3[start:end] = [u3]
    return pts, back


def _sweep_any(items: list[tuple[Vector, int, int]]) -> tuple[list[Vector], Back]:
    """Non-dominated points in any dimension (quadratic in the frontier's size)."""
    items.sort(reverse=True)
    pts: list[Vector] = []
    back: Back = []
    for vec, prev, j in items:
        if pts and pts[-1] == vec:
            back[-1].append((prev, j))
            continue
        if any(all(a >= b for a, b in zip(q, vec, strict=True)) for q in pts):
            continue
        pts.append(vec)
        back.append([(prev, j)])
    return pts, back


def merge_frontier(
    tables: Sequence[Sequence[Vector]], reserved: Vector
) -> tuple[list[Vector], list[Back], list[int]]:
    """Compute the rational Pareto frontier of a product of per-issue contribution tables.

    Parameters
    ----------
    tables : sequence of sequence of tuple of float
        Per issue, per candidate outcome, each party's weighted contribution.
    reserved : tuple of float
        Each party's reserved value; only packages with every utility ``>= reserved`` count.

    Returns
    -------
    (points, back, final)
        The frontier's distinct utility vectors; per merge step the back-pointers of the
        points kept at that step; and for each frontier point its index at the last step.

    Notes
    -----
    Sums are formed left to right in issue order starting from 0.0, so each point is
    bit-for-bit the utility a left-to-right evaluation of the package gives.
    """
    n = len(reserved)
    if not tables or any(not t for t in tables):
        return [], [], []
    # Best possible contribution of the issues after each step, per party (for pruning).
    rest: list[list[float]] = [[0.0] * n for _ in tables]
    acc = [0.0] * n
    for s in range(len(tables) - 1, -1, -1):
        rest[s] = list(acc)
        acc = [acc[p] + max(vec[p] for vec in tables[s]) for p in range(n)]
    slack = [1e-9 * (1.0 + abs(r) + abs(a)) for r, a in zip(reserved, acc, strict=True)]

    points: list[Vector] = [(0.0,) * n]
    backs: list[Back] = []
    for s, table in enumerate(tables):
        if n == 2:
            items2 = [
                (a + c, b + d, k, j)
                for k, (a, b) in enumerate(points)
                for j, (c, d) in enumerate(table)
            ]
            new_pts, back = _sweep2(items2)
        elif n == 3:
            items3 = [
                (a + c, b + d, e + f, k, j)
                for k, (a, b, e) in enumerate(points)
                for j, (c, d, f) in enumerate(table)
            ]
            new_pts, back = _sweep3(items3)
        else:
            items_n = [
                (tuple(x + y for x, y in zip(pt, vec, strict=True)), k, j)
                for k, pt in enumerate(points)
                for j, vec in enumerate(table)
            ]
            new_pts, back = _sweep_any(items_n)
        # Drop partial packages that cannot become rational (after the Pareto filter, so
        # nothing they dominated survives because of their removal).
        bound = rest[s]
        last = s == len(tables) - 1
        keep = [
            k
            for k, pt in enumerate(new_pts)
            if all(
                (pt[p] >= reserved[p]) if last else (pt[p] + bound[p] >= reserved[p] - slack[p])
                for p in range(n)
            )
        ]
        if len(keep) < len(new_pts):
            new_pts = [new_pts[k] for k in keep]
            back = [back[k] for k in keep]
        points = new_pts
        backs.append(back)
        if not points:
            return [], backs, []
    return points, backs, list(range(len(points)))


# ---------------------------------------------------------------------------- the space


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


class AgreementSpace:
    """Candidate outcomes per issue and each party's utility: the space of packages.

    Parameters
    ----------
    utilities : mapping of str to UtilityFunction
        Party id to utility (at least one party).
    outcomes : mapping of str to sequence of values
        Issue id to its candidate outcomes (at least one issue, each with one outcome or
        more). An outcome some party values at :data:`INFEASIBLE` is not feasible.

    Raises
    ------
    AnalysisError
        If the party set or the issue set is empty, an issue has no candidates, or a
        utility cannot value a candidate.

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
    ) -> None:
        self._utilities = _check_utilities(utilities)
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
        self.excluded: dict[str, dict[Value, tuple[str, ...]]] = {}
        for issue, given in outcomes.items():
            cands = tuple(given)
            if not cands:
                raise AnalysisError(
                    f"issue {issue!r} has no candidate outcomes", path=f"outcomes[{issue!r}]"
                )
            self.outcomes[issue] = cands
            feas: list[Value] = []
            table: list[Vector] = []
            excluded: dict[Value, tuple[str, ...]] = {}
            for c in cands:
                vec = tuple(self._utilities[p].contribution(issue, c) for p in self.parties)
                blockers = tuple(
                    p for p, v in zip(self.parties, vec, strict=True) if v == INFEASIBLE
                )
                if blockers:
                    excluded[c] = blockers
                else:
                    feas.append(c)
                    table.append(vec)
            self._feasible.append(feas)
            self._tables.append(table)
            if excluded:
                self.excluded[issue] = excluded
        self.reserved: tuple[float, ...] = tuple(u.reserved for u in self._utilities.values())
        self._frontier: Frontier | None = None

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
    ) -> AgreementSpace:
        """Build the space from the positions in force in a snapshot.

        Utilities are derived with :func:`negotrack.utilities_from_snapshot`; candidates on
        each issue are the ideals and region bounds of every party's position, the issue's
        status quo when recorded, and ``grid + 1`` evenly spaced points on numeric scales
        when ``grid > 0`` (see :func:`negotrack.analysis.utilities.candidate_outcomes`).

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
        return cls(utilities, outcomes)

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
            Distinct utility vectors with every package reaching each.

        Notes
        -----
        Computed by merging issues one at a time (see the module notes); the work grows
        with the frontier's size, not the number of packages.

        The frontier's utility vectors are exactly those of brute-force enumeration. Its
        package lists hold every package reaching each vector, with one floating-point
        caveat: two packages whose utilities differ by less than the rounding unit of the
        sum (a contribution like 1e-194 added to 0.06) compare equal only after rounding,
        and the one that was strictly worse before rounding is not listed. With utilities
        that add exactly (such as multiples of 1/64) the lists are exact.
        """
        if self._frontier is None:
            points, back, final = merge_frontier(self._tables, self.reserved)
            self._frontier = Frontier(
                parties=self.parties,
                issues=self.issues,
                points=tuple(points),
                back=back,
                final=final,
                outcomes=self._feasible,
            )
        return self._frontier

    def _extreme(self, pick: Callable[..., float], k: int) -> float:
        """Party ``k``'s utility when ``pick`` (min or max) chooses its value on every issue."""
        return sum(pick((vec[k] for vec in table), default=0.0) for table in self._tables)

    def disagreement(self) -> dict[str, float]:
        """Each party's disagreement point: ``max(reserved, worst feasible utility)``."""
        return {p: max(self.reserved[k], self._extreme(min, k)) for k, p in enumerate(self.parties)}

    def ideal(self) -> dict[str, float]:
        """Each party's best feasible utility (its ideal point)."""
        return {p: self._extreme(max, k) for k, p in enumerate(self.parties)}

    def _solution(self, name: str, index: int | None) -> Solution | None:
        if index is None:
            return None
        front = self.frontier()
        return Solution(
            name=name,
            package=front.package(index),
            utilities=dict(zip(self.parties, front.points[index], strict=True)),
        )

    def _argbest(self, score: list[float], *, maximise: bool = True) -> int | None:
        """Index of the best score, the first on ties; None when there is none."""
        pick = max if maximise else min
        return pick(range(len(score)), key=score.__getitem__, default=None)

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
        d = tuple(self.disagreement().values())
        score = [
            math.prod(u - r for u, r in zip(pt, d, strict=True)) for pt in self.frontier().points
        ]
        return self._solution("nash", self._argbest(score))

    def kalai_smorodinsky(self) -> Solution | None:
        """Return the Kalai–Smorodinsky solution, or None if no package is rational.

        Each party's gain is normalised by its best possible gain,
        ``(u - d) / (ideal - d)``; the solution is the frontier point where these ratios
        are closest to equal (smallest max − min), NegMAS' discrete reading of KS.
        """
        d = tuple(self.disagreement().values())
        best = tuple(self.ideal().values())
        score: list[float] = []
        for pt in self.frontier().points:
            ratios = [
                (u - r) / (b - r) if b - r else (u - r) for u, r, b in zip(pt, d, best, strict=True)
            ]
            score.append(max(ratios) - min(ratios))
        return self._solution("kalai_smorodinsky", self._argbest(score, maximise=False))

    def egalitarian(self) -> Solution | None:
        """Return the egalitarian solution: the frontier point maximising the smallest gain."""
        d = tuple(self.disagreement().values())
        score = [min(u - r for u, r in zip(pt, d, strict=True)) for pt in self.frontier().points]
        return self._solution("egalitarian", self._argbest(score))

    def utilitarian(self) -> Solution | None:
        """Return the utilitarian solution: the frontier point maximising the sum of utilities."""
        score = [sum(pt) for pt in self.frontier().points]
        return self._solution("utilitarian", self._argbest(score))

    def solutions(self) -> dict[str, Solution | None]:
        """Return every solution of :data:`SOLUTIONS` by name."""
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
            f"<AgreementSpace: {len(self.parties)} parties, {len(self.issues)} issues, "
            f"{self.size} packages ({self.feasible_size} feasible)>"
        )


# ---------------------------------------------------------------------------- one call


@attrs.frozen(kw_only=True)
class AgreementReport:
    """The agreement space of a snapshot in one result: sizes, frontier, solutions, trades.

    Attributes
    ----------
    parties, issues : tuple of str
        Who and what the space covers.
    size, feasible_size : int
        Packages, and packages every red line allows.
    excluded : mapping
        Issue id to {outcome: parties whose red line excludes it}.
    frontier : Frontier
        The exact Pareto frontier.
    solutions : mapping of str to Solution or None
        Nash, Kalai–Smorodinsky, egalitarian and utilitarian (None if nothing is rational).
    logrolls : tuple of Logroll
        Trades between every pair of parties, best joint gain first.
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    size: int
    feasible_size: int
    excluded: Mapping[str, Mapping[Value, tuple[str, ...]]] = attrs.field(hash=False)
    frontier: Frontier = attrs.field(eq=False, hash=False)
    solutions: Mapping[str, Solution | None] = attrs.field(hash=False)
    logrolls: tuple[Logroll, ...] = ()

    def to_dict(self, *, limit: int | None = 50) -> dict[str, Any]:
        """Return plain data for JSON (the frontier's points capped at ``limit``)."""
        return {
            "parties": list(self.parties),
            "issues": list(self.issues),
            "size": self.size,
            "feasible_size": self.feasible_size,
            "excluded": {
                i: [{"outcome": o, "parties": list(ps)} for o, ps in ex.items()]
                for i, ex in self.excluded.items()
            },
            "frontier": self.frontier.to_dict(limit=limit),
            "solutions": {k: (s.to_dict() if s else None) for k, s in self.solutions.items()},
            "logrolls": [t.to_dict() for t in self.logrolls],
        }

    def describe(self, *, limit: int = 10) -> str:
        """Return a plain-text summary."""
        lines = [
            f"Agreement space: {len(self.parties)} parties ({', '.join(self.parties)}), "
            f"{len(self.issues)} issues, {self.size} packages, {self.feasible_size} feasible",
        ]
        for i, ex in self.excluded.items():
            per_party: dict[str, int] = {}
            for ps in ex.values():
                for p in ps:
                    per_party[p] = per_party.get(p, 0) + 1
            who = ", ".join(f"{p}: {n}" for p, n in per_party.items())
            shown = ", ".join(_fmt_value(o) for o in list(ex)[:6]) + (
                ", ..." if len(ex) > 6 else ""
            )
            lines.append(f"  {i}: {len(ex)} outcomes excluded by red lines ({who}): {shown}")
        lines.append(self.frontier.describe(limit=limit))
        lines.append("Solutions:")
        for name, s in self.solutions.items():
            lines.append(f"  {s.describe()}" if s else f"  {name}: no rational package")
        if self.logrolls:
            lines.append("Logrolls:")
            lines.extend(f"  {t.describe()}" for t in self.logrolls[:limit])
        return "\n".join(lines)


def agreement_space(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
) -> AgreementSpace:
    """Build the agreement space of a snapshot (see :meth:`AgreementSpace.from_snapshot`)."""
    return AgreementSpace.from_snapshot(
        snapshot, parties=parties, issues=issues, grid=grid, reserved=reserved
    )


def agreement(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
) -> AgreementReport:
    """Analyse the agreement space of a snapshot: frontier, solutions and logrolls.

    Parameters
    ----------
    snapshot : Snapshot
        The state of the negotiation.
    parties, issues : iterable of str, optional
        Restrict to these parties / issues (default: every party with a position, every
        issue with one).
    grid : int, optional
        Extra evenly spaced candidates on numeric scales (``grid + 1`` points; default 0).
    reserved : float or mapping of str to float, optional
        Reserved values (default 0).

    Returns
    -------
    AgreementReport
        With ``to_dict()`` and ``describe()``.

    Raises
    ------
    UnknownReferenceError
        If a party or issue id is unknown.
    AnalysisError
        If no party holds a position.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> for p, ideal, lo, hi in [("A", 20, 0, 60), ("B", 80, 40, 100)]:
    ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(s, lo, hi),
    ...                              red_line=True), source=nt.Source(title="t")))
    >>> report = nt.agreement(tl.snapshot(), grid=10)
    >>> report.feasible_size, report.solutions["nash"].package
    (3, {'x': 50.0})
    """
    space = AgreementSpace.from_snapshot(
        snapshot, parties=parties, issues=issues, grid=grid, reserved=reserved
    )
    trades: list[Logroll] = []
    for a, b in itertools.permutations(space.parties, 2):
        trades.extend(space.logrolls(a, b))
    trades.sort(key=lambda t: -t.joint_gain)
    return AgreementReport(
        parties=space.parties,
        issues=space.issues,
        size=space.size,
        feasible_size=space.feasible_size,
        excluded=space.excluded,
        frontier=space.frontier(),
        solutions=space.solutions(),
        logrolls=tuple(trades),
    )
