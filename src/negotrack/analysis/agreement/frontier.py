"""The exact Pareto frontier of a space of packages, merged issue by issue.

The frontier is computed without enumerating packages: issues are merged one at a time and
partial packages that are dominated are dropped. This is exact because the restriction of a
Pareto-optimal package to any subset of issues is Pareto-optimal there (if a partial package
were dominated, swapping in its dominator would dominate the whole package). For two parties
each merge is a sort and a sweep; for three a sort and a 2-D skyline (a staircase searched by
bisection); for more a quadratic filter. Partial packages that cannot reach every party's
reserved value, even with the best outcome on every remaining issue, are dropped too: like
NegMAS, the frontier holds only *rational* packages (each party's utility at least its
reserved value).

The algorithm works on plain numbers only: per issue, per candidate outcome, each party's
weighted contribution (what :class:`~negotrack.analysis.agreement.space.AgreementSpace`
builds from the parties' utilities). It returns the frontier's utility vectors and the
back-pointers from which :class:`~negotrack.analysis.agreement.results.Frontier` lists the
packages reaching each. Another frontier algorithm (more parties, a time budget) belongs
here, returning the same ``(points, back, final)`` triple.

References
----------
Mohammad, Y. et al. NegMAS: a platform for automated negotiations (``negmas.preferences``).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

#: A utility vector: one utility per party, in the space's party order.
Vector = tuple[float, ...]
#: Per merge step, per kept point: the (previous point, candidate index) pairs reaching it.
Back = list[list[tuple[int, int]]]


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
