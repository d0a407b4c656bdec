"""Kernels on canonical unions of closed intervals of coordinates (internal).

A canonical union is a tuple of ``(lo, hi)`` pairs, sorted, disjoint and non-touching, as
:class:`~negotrack.Region` keeps in ``parts``. These functions are the one definition of
each rule on such tuples: :class:`~negotrack.Region`'s methods and the analysis modules
(gaps, concessions) call them, so a fast path added here serves both. They do no checks;
callers pass canonical parts.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

__all__ = ["coord_distance", "meet", "meet_all", "meets"]

Interval = tuple[float, float]


def meet(a: Sequence[Interval], b: Sequence[Interval]) -> tuple[Interval, ...]:
    """Return the intersection of two canonical unions (itself canonical).

    Examples
    --------
    >>> from negotrack.model._intervals import meet
    >>> meet(((0.0, 10.0), (20.0, 30.0)), ((5.0, 25.0),))
    ((5.0, 10.0), (20.0, 25.0))
    """
    if len(a) == 1 and len(b) == 1:
        lo = a[0][0] if a[0][0] > b[0][0] else b[0][0]
        hi = a[0][1] if a[0][1] < b[0][1] else b[0][1]
        return ((lo, hi),) if lo <= hi else ()
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def meet_all(parts: Sequence[Sequence[Interval]]) -> tuple[Interval, ...]:
    """Return the intersection of several canonical unions (at least one).

    Examples
    --------
    >>> from negotrack.model._intervals import meet_all
    >>> meet_all([((0.0, 10.0),), ((5.0, 20.0),), ((8.0, 9.0),)])
    ((8.0, 9.0),)
    """
    if all(len(p) == 1 for p in parts):
        lo = max(p[0][0] for p in parts)
        hi = min(p[0][1] for p in parts)
        return ((lo, hi),) if lo <= hi else ()
    cur = tuple(parts[0])
    for other in parts[1:]:
        cur = meet(cur, other)
        if not cur:
            break
    return cur


def meets(parts: Sequence[Sequence[Interval]]) -> bool:
    """Whether several canonical unions (at least one) share a point.

    Examples
    --------
    >>> from negotrack.model._intervals import meets
    >>> meets([((0.0, 10.0),), ((10.0, 20.0),)]), meets([((0.0, 1.0),), ((2.0, 3.0),)])
    (True, False)
    """
    return bool(meet_all(parts))


def coord_distance(parts: Sequence[Interval], c: float) -> float:
    """Return the coordinate distance from ``c`` to the nearest point of a canonical union.

    ``inf`` for the empty union.

    Examples
    --------
    >>> from negotrack.model._intervals import coord_distance
    >>> coord_distance(((0.0, 10.0), (20.0, 30.0)), 14.0), coord_distance(((0.0, 10.0),), 5.0)
    (4.0, 0.0)
    """
    i = bisect.bisect_right(parts, (c, math.inf)) - 1
    best = math.inf
    if i >= 0:  # parts[i] starts at or before c
        best = max(0.0, c - parts[i][1])
    if i + 1 < len(parts):
        best = min(best, parts[i + 1][0] - c)
    return best
