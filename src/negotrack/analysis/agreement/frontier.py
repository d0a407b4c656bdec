"""The exact Pareto frontier of a space of packages, merged issue by issue, within a budget.

The frontier is computed without enumerating packages: issues are merged one at a time and
partial packages that are dominated are dropped. This is exact because the restriction of a
Pareto-optimal package to any subset of issues is Pareto-optimal there (if a partial package
were dominated, swapping in its dominator would dominate the whole package). For two parties
each merge is a sort and a sweep; for three a sort and a 2-D skyline (a staircase searched by
bisection); for more a sort-filter skyline (:func:`_sweep_any`). Partial packages that cannot
reach every party's reserved value, even with the best outcome on every remaining issue, are
dropped too: like NegMAS, the frontier holds only *rational* packages (each party's utility
at least its reserved value).

With four parties or more the frontier itself can hold tens of thousands of points, so the
merge runs within a budget (:class:`FrontierBudget`: seconds, and units of work for tests).
:func:`bounded_frontier` returns the exact frontier when the merge finishes, and otherwise a
*subset* of it, every point Pareto-optimal: weighted-sum optima
(:func:`supported_frontier`) and the whole frontier above the most balanced of them.

The algorithm works on plain numbers only: per issue, per candidate outcome, each party's
weighted contribution (what :class:`~negotrack.analysis.agreement.space.AgreementSpace`
builds from the parties' utilities). It returns the frontier's utility vectors and the
back-pointers from which :class:`~negotrack.analysis.agreement.results.Frontier` lists the
packages reaching each, as a ``(points, back, final)`` triple.

References
----------
Mohammad, Y. et al. NegMAS: a platform for automated negotiations (``negmas.preferences``).
Chomicki, J., Godfrey, P., Gryz, J. & Liang, D. (2003). Skyline with presorting. *ICDE 2003*,
717-719 (the sort-filter skyline).
Geoffrion, A. M. (1968). Proper efficiency and the theory of vector maximization. *J. Math.
Anal. Appl.* 22(3), 618-630 (positively weighted sums give Pareto-optimal points).
"""

from __future__ import annotations

import bisect
import math
import operator
import random
from collections.abc import Sequence
from fractions import Fraction

import attrs

from negotrack._clock import AGREEMENT_TIME_LIMIT, clock

#: Default seconds for the exact frontier of an agreement space (then it is cut short).
DEFAULT_TIME_LIMIT = AGREEMENT_TIME_LIMIT
#: A utility vector: one utility per party, in the space's party order.
Vector = tuple[float, ...]
#: Per merge step, per kept point: the (previous point, candidate index) pairs reaching it.
Back = list[list[tuple[int, int]]]


class FrontierCutError(Exception):
    """The merge's budget (time or work) ran out; raised by :class:`FrontierBudget`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FrontierBudget:
    """The time and work a frontier merge may spend; :meth:`spend` raises when it is gone.

    Parameters
    ----------
    time_limit : float or None
        CPU seconds of this process from now (:data:`negotrack._clock.clock`); None: no time limit.
    max_work : int or None
        Units of work (candidate partial packages formed, plus dominance checks counted in
        blocks); None: no limit. Deterministic, unlike the clock: tests cut the merge with it.

    Examples
    --------
    >>> budget = FrontierBudget(None, max_work=10)
    >>> budget.spend(8)
    >>> budget.spend(8)
    Traceback (most recent call last):
    ...
    negotrack.analysis.agreement.frontier.FrontierCutError: work
    """

    def __init__(self, time_limit: float | None, max_work: int | None = None) -> None:
        self.start = clock()
        self.deadline = math.inf if time_limit is None else self.start + time_limit
        self.max_work = max_work
        self.work = 0
        #: The merge step (issue index) in progress: the issues before it were merged.
        self.step = 0

    def spend(self, units: int, *, ahead: bool = False) -> None:
        """Count ``units`` of work; raise :class:`FrontierCutError` once work or time is spent.

        With ``ahead`` the units are about to be done in one go (a merge step's sort): the
        time they will take is foreseen from the time per unit so far, and the budget is
        declared spent now if they would end past the deadline.
        """
        done = self.work
        self.work += units
        if self.max_work is not None and self.work > self.max_work:
            raise FrontierCutError("work")
        now = clock()
        if ahead and done and math.isfinite(self.deadline):
            now += (now - self.start) / done * units
        if now > self.deadline:
            raise FrontierCutError("time")


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


def _sweep3(
    items: list[tuple[float, float, float, int, int]], budget: FrontierBudget | None = None
) -> tuple[list[Vector], Back]:
    """Non-dominated 3-D points: sort by u1 and keep a (u2, u3) staircase of kept points."""
    items.sort(reverse=True)
    pts: list[Vector] = []
    back: Back = []
    s2: list[float] = []  # ascending
    s3: list[float] = []  # strictly descending alongside s2
    last: Vector = (math.nan, math.nan, math.nan)
    for n_seen, (u1, u2, u3, prev, j) in enumerate(items):
        if budget is not None and not n_seen & 4095:
            budget.spend(4096)
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


def _sweep_any(
    items: list[tuple[Vector, int, int]], budget: FrontierBudget | None = None
) -> tuple[list[Vector], Back]:
    """Non-dominated points in any dimension: a sort-filter skyline.

    Items are sorted in decreasing lexicographic order, so every dominator of a point comes
    before it. Kept points are held in increasing order of their second utility: only the
    suffix whose second utility is at least the point's can dominate it, and the kept point
    that dominated the previous item is tried first (dominators repeat, so most dominated
    items are rejected by one comparison). Worst case quadratic in the frontier's size.
    """
    items.sort(reverse=True)
    pts: list[Vector] = []
    back: Back = []
    keys2: list[float] = []  # kept points' second utilities, ascending
    idx2: list[int] = []  # their indices into pts, in the same order
    hint: Vector | None = None
    ge = operator.ge
    c = 1 if items and len(items[0][0]) > 1 else 0  # the indexed utility (one party: its own)
    for n_seen, (vec, prev, j) in enumerate(items):
        if budget is not None and not n_seen & 1023:
            budget.spend(1024 + len(pts))
        if pts and pts[-1] == vec:
            back[-1].append((prev, j))
            continue
        if hint is not None and all(map(ge, hint, vec)):
            continue
        start = bisect.bisect_left(keys2, vec[c])
        dominated = False
        for k in idx2[start:]:
            q = pts[k]
            if all(map(ge, q, vec)):
                hint = q
                dominated = True
                break
        if dominated:
            continue
        at = start
        keys2.insert(at, vec[c])
        idx2.insert(at, len(pts))
        pts.append(vec)
        back.append([(prev, j)])
    return pts, back


def merge_frontier(
    tables: Sequence[Sequence[Vector]],
    reserved: Vector,
    *,
    budget: FrontierBudget | None = None,
) -> tuple[list[Vector], list[Back], list[int]]:
    """Compute the rational Pareto frontier of a product of per-issue contribution tables.

    Parameters
    ----------
    tables : sequence of sequence of tuple of float
        Per issue, per candidate outcome, each party's weighted contribution.
    reserved : tuple of float
        Each party's reserved value; only packages with every utility ``>= reserved`` count.
    budget : FrontierBudget, optional
        Time and work allowed (default: none, the merge runs to the end).

    Returns
    -------
    (points, back, final)
        The frontier's distinct utility vectors; per merge step the back-pointers of the
        points kept at that step; and for each frontier point its index at the last step.

    Raises
    ------
    FrontierCutError
        If ``budget`` runs out before the last issue is merged.

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
        if budget is not None:
            budget.step = s
            budget.spend(len(points) * len(table), ahead=True)
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
            new_pts, back = _sweep3(items3, budget)
        else:
            items_n = [
                (tuple(x + y for x, y in zip(pt, vec, strict=True)), k, j)
                for k, pt in enumerate(points)
                for j, vec in enumerate(table)
            ]
            new_pts, back = _sweep_any(items_n, budget)
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


#: Weight vectors the fallback search tries besides the equal weights and one per party.
SUPPORTED_WEIGHTS = 256
#: Most multiply-adds the fallback search spends (it tries fewer weights on huge tables).
SUPPORTED_WORK = 2_000_000


@attrs.frozen(kw_only=True)
class BoundedFrontier:
    """What :func:`bounded_frontier` returns: the exact frontier, or a subset when cut.

    Attributes
    ----------
    points, back, final
        As :func:`merge_frontier` returns them.
    complete : bool
        True when the exact merge finished: ``points`` is the whole frontier.
    cut_by : str or None
        ``"time"`` or ``"work"``: which budget stopped the exact merge (None if none did).
    merged : int
        Issues merged exactly before the cut (all of them when complete).
    weights : int
        Weight vectors the fallback search tried (0 when complete).
    above : tuple of float or None
        When cut: the utilities above which the frontier is listed in full (every frontier
        point at least this good for every party is among ``points``); None when that
        second merge did not finish either, or nothing rational was found.
    n_above : int
        How many of ``points`` lie above ``above``.
    """

    points: list[Vector]
    back: list[Back]
    final: list[int]
    complete: bool
    cut_by: str | None = None
    merged: int = 0
    weights: int = 0
    above: Vector | None = None
    n_above: int = 0


#: Share of the time limit the full merge gets; the rest goes to the merge above the
#: balanced point when the full merge is cut.
FULL_SHARE = 2 / 3


def bounded_frontier(
    tables: Sequence[Sequence[Vector]],
    reserved: Vector,
    *,
    time_limit: float | None,
    max_work: int | None = None,
    above_work: int | None = None,
) -> BoundedFrontier:
    """Return the exact frontier within a budget; past it, a subset of the frontier.

    Runs :func:`merge_frontier` within two thirds of ``time_limit`` seconds (and ``max_work``
    units). If the budget runs out, it returns instead a *subset* of the frontier, each point
    Pareto-optimal:

    1. the packages :func:`supported_frontier` finds (each maximises a positively weighted
       sum of the utilities; a fixed amount of work, at most :data:`SUPPORTED_WORK`
       multiply-adds);
    2. within the rest of the time limit, the whole frontier *above the balanced point*:
       with ``d`` the disagreement point (each party's reserved value or worst feasible
       utility, the larger) and ``m`` the largest smallest gain ``min(u - d)`` among the
       packages of step 1, every frontier point with ``u >= d + m`` for every party. It is
       :func:`merge_frontier` with these raised reserved values (anything dominating a
       package above them is above them too, so its points are on the whole frontier), and
       it holds the egalitarian solution with its ties. Skipped if it does not finish.

    Parameters
    ----------
    tables, reserved
        As for :func:`merge_frontier`.
    time_limit : float or None
        CPU seconds for the whole (:data:`clock`; None: no limit).
    max_work : int, optional
        Units of work for the full merge (see :class:`FrontierBudget`; default no limit).
    above_work : int, optional
        Units of work for the merge above the balanced point (default no limit but the
        time). With ``time_limit`` None and both set, the result does not depend on the
        machine or its load: the same tables give the same frontier anywhere (the
        robustness readings rely on it).

    Returns
    -------
    BoundedFrontier

    Examples
    --------
    >>> tables = [[(1.0, 0.0, 0.0, 0.0), (0.0, 1.0, 0.0, 0.0), (0.0, 0.0, 1.0, 1.0)]] * 2
    >>> exact = bounded_frontier(tables, (0.0,) * 4, time_limit=2.0)
    >>> exact.complete, len(exact.points)
    (True, 6)
    >>> cut = bounded_frontier(tables, (0.0,) * 4, time_limit=2.0, max_work=1)
    >>> cut.complete, cut.cut_by, cut.merged, set(cut.points) <= set(exact.points)
    (False, 'work', 0, True)
    """
    start = clock()
    share = None if time_limit is None else time_limit * FULL_SHARE
    budget = FrontierBudget(share, max_work)
    try:
        points, back, final = merge_frontier(tables, reserved, budget=budget)
    except FrontierCutError as cut:
        points, back, final, tried = supported_frontier(tables, reserved)
        above: Vector | None = None
        n_above = 0
        box = _balanced_point(tables, reserved, points)
        left = None if time_limit is None else start + time_limit - clock()
        if box is not None and (left is None or left > 0):
            try:
                found = merge_frontier(tables, box, budget=FrontierBudget(left, above_work))
            except FrontierCutError:
                pass
            else:
                above, n_above = box, len(found[0])
                points, back, final = _union((points, back, final), found)
        return BoundedFrontier(
            points=points,
            back=back,
            final=final,
            complete=False,
            cut_by=cut.reason,
            merged=budget.step,
            weights=tried,
            above=above,
            n_above=n_above,
        )
    return BoundedFrontier(points=points, back=back, final=final, complete=True, merged=len(tables))


def _balanced_point(
    tables: Sequence[Sequence[Vector]], reserved: Vector, found: Sequence[Vector]
) -> Vector | None:
    """``d + m`` (see :func:`bounded_frontier`), a hair lower for rounding; None if no point."""
    if not found:
        return None
    n = len(reserved)
    worst = [sum(min(vec[p] for vec in table) for table in tables) for p in range(n)]
    d = [max(r, w) for r, w in zip(reserved, worst, strict=True)]
    m = max(min(u - dp for u, dp in zip(pt, d, strict=True)) for pt in found)
    return tuple(
        max(r, dp + m - 1e-9 * (1.0 + abs(dp) + abs(m))) for r, dp in zip(reserved, d, strict=True)
    )


def _union(
    a: tuple[list[Vector], list[Back], list[int]], b: tuple[list[Vector], list[Back], list[int]]
) -> tuple[list[Vector], list[Back], list[int]]:
    """Both merges' points in one back-pointer structure (``b``'s packages where both have one)."""
    (pa, ba, fa), (pb, bb, fb) = a, b
    if not pb:
        return pa, ba, fa
    backs: list[Back] = []
    for s, (step_a, step_b) in enumerate(zip(ba, bb, strict=True)):
        shift = 0 if s == 0 else len(ba[s - 1])
        backs.append(step_a + [[(prev + shift, j) for prev, j in ptrs] for ptrs in step_b])
    node = {v: fa[k] for k, v in enumerate(pa)}
    node.update({v: len(ba[-1]) + fb[k] for k, v in enumerate(pb)})
    points = sorted(node, reverse=True)
    return points, backs, [node[v] for v in points]


def _best(table: Sequence[Vector], weights: Sequence[int]) -> int:
    """Index of the candidate with the largest weighted sum, compared exactly (first on ties)."""
    scores = [sum(w * c for w, c in zip(weights, vec, strict=True)) for vec in table]
    top = max(scores)
    near = [j for j, v in enumerate(scores) if v >= top - 1e-9 * (1.0 + abs(top))]
    if len(near) == 1:
        return near[0]
    exact = {
        j: sum((w * Fraction(c) for w, c in zip(weights, table[j], strict=True)), Fraction(0))
        for j in near
    }
    best = max(exact.values())
    return next(j for j in near if exact[j] == best)


def supported_frontier(
    tables: Sequence[Sequence[Vector]], reserved: Vector
) -> tuple[list[Vector], list[Back], list[int], int]:
    """Pareto-optimal packages that maximise positively weighted sums of the utilities.

    With strictly positive weights, a package maximising the weighted sum of utilities is
    dominated by no package (a dominator would have a larger sum); with linear-additive
    utilities the maximiser is picked issue by issue. The weights tried are: all equal (the
    utilitarian package), each party's weight 10^6 times the others' in turn, then random
    integers in 1..1000 from a fixed seed (:data:`SUPPORTED_WEIGHTS` of them, fewer when the
    tables are so large that :data:`SUPPORTED_WORK` would be exceeded). Scores are compared
    exactly (as fractions) where floating point cannot tell them apart. Rational packages
    found are returned in the :func:`merge_frontier` form, each point with the packages that
    reach it by candidates with identical utilities; points are a subset of the frontier.

    Returns
    -------
    (points, back, final, weights)
        As :func:`merge_frontier`, and the number of weight vectors tried.

    Examples
    --------
    >>> tables = [[(1.0, 0.0, 0.0, 0.0), (0.0, 1.0, 0.0, 0.0), (0.5, 0.5, 0.5, 0.5)]]
    >>> points, back, final, tried = supported_frontier(tables, (0.0,) * 4)
    >>> points
    [(1.0, 0.0, 0.0, 0.0), (0.5, 0.5, 0.5, 0.5), (0.0, 1.0, 0.0, 0.0)]
    """
    n = len(reserved)
    if not tables or any(not t for t in tables):
        return [], [], [], 0
    per_weight = sum(len(t) for t in tables) * n
    n_random = max(0, min(SUPPORTED_WEIGHTS, SUPPORTED_WORK // per_weight - n - 1))
    weights: list[tuple[int, ...]] = [(1,) * n]
    weights += [tuple(10**6 if p == q else 1 for p in range(n)) for q in range(n)]
    rng = random.Random(0)  # noqa: S311 - reproducible weightings, not secrets
    weights += [tuple(rng.randint(1, 1000) for _ in range(n)) for _ in range(n_random)]
    found: dict[Vector, list[int]] = {}
    for w in weights:
        choice = [_best(table, w) for table in tables]
        vec = [0.0] * n
        for table, j in zip(tables, choice, strict=True):
            for p in range(n):
                vec[p] += table[j][p]
        key = tuple(vec)
        if key not in found and all(u >= r for u, r in zip(key, reserved, strict=True)):
            found[key] = choice
    # In exact arithmetic no found point dominates another; drop any rounding made so.
    ge = operator.ge
    kept = [
        v
        for v in sorted(found, reverse=True)
        if not any(q != v and all(map(ge, q, v)) for q in found)
    ]
    backs: list[Back] = []
    for s, table in enumerate(tables):
        step: Back = []
        for k, v in enumerate(kept):
            chosen = table[found[v][s]]
            step.append([(0 if s == 0 else k, j) for j, c in enumerate(table) if c == chosen])
        backs.append(step)
    return kept, backs, list(range(len(kept))), len(weights)
