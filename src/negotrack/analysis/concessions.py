"""Concessions: the smallest uniform move that opens a zone of agreement on one issue.

When the parties' acceptable regions share no value, the *concession point* is the value
``x`` minimising the largest distance from ``x`` to any party's acceptable region: if every
party stretched its region by that much, ``x`` would be acceptable to all. It is found
exactly, also when regions are unions of intervals and on labelled scales:

* on a numeric scale the distance from ``x`` to a region is piecewise linear with slopes
  -1, 0, +1, so the upper envelope is lowest at an endpoint of some interval or where a
  rising piece meets a falling one, the midpoint ``(a + b) / 2`` of a right end ``a`` and a
  left end ``b``; every such candidate is tried;
* on an ordinal scale ``x`` must be a label, so every label is tried;
* on a nominal scale the distance is 0 or 1, so every label is tried too.

Ties on the largest move are broken by the smallest total move, then by the lowest value,
so the answer does not depend on the order in which parties are given.

**Red lines bind the point.** When some parties hold their regions as red lines and those
red-line regions share a value, the point is searched only inside their intersection ``R``:
the red-line holders then need not move at all, and the others move as little as the minimax
allows inside ``R`` (the envelope is piecewise linear on each interval of ``R``, so its
minimum is at a candidate inside ``R`` or at an end of ``R``). When the red lines exclude
each other (a red-line deadlock) no point respects them all; the point is then the
unconstrained one and :attr:`Concessions.respects_red_lines` is False, which every report
says. The unconstrained figure is always :meth:`Concessions.between` without ``red_lines``
(``IssueGap.unconstrained_concessions``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from negotrack.errors import UnknownReferenceError
from negotrack.model._intervals import Interval, coord_distance, meet_all, meets
from negotrack.model.regions import Region
from negotrack.model.scales import Scale, Value

__all__ = ["Concession", "Concessions"]


@attrs.frozen(kw_only=True)
class Concession:
    """One party's needed move to the concession point.

    Attributes
    ----------
    party : str
        The party's id.
    move : float
        Normalised distance in [0, 1] from its acceptable region to the point.
    units : float
        The same distance in scale units (years, %, or label steps; 1 on a nominal scale).
    """

    party: str
    move: float
    units: float

    def to_dict(self) -> dict[str, object]:
        """Return the concession as plain data."""
        return {"party": self.party, "move": self.move, "units": self.units}


@attrs.frozen(kw_only=True)
class Concessions:
    """The concession point of one issue and each party's needed move to it.

    Attributes
    ----------
    point : float or str or None
        The value every party could accept after the smallest uniform move; None when the
        regions already overlap (nothing to concede) or no party holds a position.
    moves : tuple of Concession
        One per positioned party, in party order; all zero when ``point`` is None.

    Examples
    --------
    >>> import negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> c = nt.Concessions.between(
    ...     {"US": nt.Region.interval(years, 0, 15), "UA": nt.Region.interval(years, 50, 100)})
    >>> c.point, c["UA"].units, c.largest
    (32.5, 17.5, 0.175)
    """

    point: Value | None
    moves: tuple[Concession, ...]
    respects_red_lines: bool = True

    @classmethod
    def between(cls, regions: dict[str, Region], *, red_lines: Iterable[str] = ()) -> Concessions:
        """Compute the concession point of non-empty regions on one scale.

        Parameters
        ----------
        regions : dict of party id to Region
            Each party's acceptable region (all on one scale, none empty).
        red_lines : iterable of str, optional
            The parties whose regions are red lines: the point lies inside every one of
            them when they share a value (those parties then move 0).

        Returns
        -------
        Concessions
            Zero moves when the regions share a value; ``respects_red_lines`` False when
            the red lines share no value and the point is the unconstrained one.

        Examples
        --------
        >>> import negotrack as nt
        >>> share = nt.NumericScale(0, 100, unit="%")
        >>> regions = {"RU": nt.Region.point(share, 100), "UA": nt.Region.interval(share, 0, 0)}
        >>> free = nt.Concessions.between(regions)
        >>> bound = nt.Concessions.between(regions, red_lines=["RU"])
        >>> free.point, bound.point, bound["UA"].units, bound["RU"].units
        (50.0, 100.0, 100.0, 0.0)
        """
        names = list(regions)
        if not names:
            return cls(point=None, moves=())
        scale = regions[names[0]].scale
        parts = [regions[n].parts for n in names]
        reds = [regions[n].parts for n in dict.fromkeys(red_lines) if n in regions]
        within = meet_all(reds) if reds else None
        respects = within is None or bool(within)
        coord, dists = minimax(scale, parts, within=within or None)
        if coord is None:
            return cls(
                point=None, moves=tuple(Concession(party=n, move=0.0, units=0.0) for n in names)
            )
        unit = 1.0 if not scale.ordered else scale.span
        return cls(
            point=scale.value(coord),
            moves=tuple(
                Concession(party=n, move=min(1.0, d / unit), units=d)
                for n, d in zip(names, dists, strict=True)
            ),
            respects_red_lines=respects,
        )

    @property
    def largest(self) -> float:
        """The largest normalised move (0 when the regions overlap)."""
        return max((c.move for c in self.moves), default=0.0)

    @property
    def total(self) -> float:
        """The sum of the normalised moves."""
        return math.fsum(c.move for c in self.moves)

    def __getitem__(self, party: str) -> Concession:
        for c in self.moves:
            if c.party == party:
                return c
        raise UnknownReferenceError(
            f"party={party!r} holds no position on this issue; positioned parties: "
            f"{', '.join(c.party for c in self.moves) or 'none'}",
            path="party",
            value=party,
        )

    def __iter__(self) -> Iterator[Concession]:
        return iter(self.moves)

    def to_dict(self) -> dict[str, object]:
        """Return the concessions as plain data."""
        return {
            "point": self.point,
            "largest": self.largest,
            "respects_red_lines": self.respects_red_lines,
            "moves": {c.party: {"move": c.move, "units": c.units} for c in self.moves},
        }


def minimax(
    scale: Scale,
    parts: Sequence[Sequence[Interval]],
    *,
    within: Sequence[Interval] | None = None,
) -> tuple[float | None, tuple[float, ...]]:
    """Return the concession coordinate and each region's distance to it (coordinates).

    ``parts`` are the canonical intervals of non-empty regions on ``scale``. When the
    regions share a point the coordinate is None and every distance 0. Nominal distances
    are 0 or 1 (the discrete metric). ``within`` (canonical, non-empty) confines the point:
    the red lines' intersection.
    """
    if not parts or meets(parts):
        return None, tuple(0.0 for _ in parts)
    if scale.ordered and not scale.discrete and all(len(p) == 1 for p in parts):
        # Single intervals: the envelope max(L - x, x - H) is convex and lowest at the
        # midpoint; inside each interval of ``within``, at the midpoint clamped into it.
        low = max(p[0][0] for p in parts)
        high = min(p[0][1] for p in parts)
        x = low + (high - low) / 2
        if within is None:
            return x, tuple(coord_distance(p, x) for p in parts)
        single: set[float] = {min(max(x, lo), hi) for lo, hi in within}
        return _best(single, parts, coord_distance)
    if scale.discrete:
        candidates: set[float] = {float(k) for k in range(int(scale.highest) + 1)}
    else:
        rights = {hi for p in parts for _, hi in p}
        lefts = {lo for p in parts for lo, _ in p}
        candidates = rights | lefts
        candidates.update(a + (b - a) / 2 for a in rights for b in lefts if a < b)
    if within is not None:
        candidates = {c for c in candidates if coord_distance(within, c) == 0.0}
        if not scale.discrete:
            candidates.update(end for interval in within for end in interval)
    if scale.ordered:

        def dist(p: Sequence[Interval], c: float) -> float:
            return coord_distance(p, c)

    else:

        def dist(p: Sequence[Interval], c: float) -> float:
            return 0.0 if coord_distance(p, c) == 0.0 else 1.0

    if len(candidates) * sum(map(len, parts)) > _LOOP_CELLS:
        return _best_at_once(candidates, parts, nominal=not scale.ordered)
    return _best(candidates, parts, dist)


#: Above this many (candidate, interval) pairs the candidates are weighed with NumPy
#: (:func:`_best_at_once`); below it, NumPy's set-up costs more than the loop.
_LOOP_CELLS = 2_000


def _best_at_once(
    candidates: Iterable[float], parts: Sequence[Sequence[Interval]], *, nominal: bool
) -> tuple[float, tuple[float, ...]]:
    """:func:`_best` with :func:`coord_distance` (0 or 1 if ``nominal``), in NumPy.

    The same choice, bit for bit (property-tested): each distance is the same subtraction
    as :func:`coord_distance` makes, the largest and the ties are compared exactly, and
    only the tied candidates' totals are summed with :func:`math.fsum`.
    """
    import numpy as np  # imported here: only analyses with many candidates need it

    cs = sorted(candidates)
    c = np.array(cs, dtype=np.float64)[:, None]
    lo = np.array([a for p in parts for a, _ in p], dtype=np.float64)
    hi = np.array([b for p in parts for _, b in p], dtype=np.float64)
    # coord_distance: 0 or past the end of an interval starting at or before c, else
    # the way to its start; a union's distance is the least over its intervals.
    each = np.where(lo <= c, np.maximum(0.0, c - hi), lo - c)
    starts = np.cumsum([0] + [len(p) for p in parts[:-1]])
    dists = np.minimum.reduceat(each, starts, axis=1)
    if nominal:
        dists = (dists != 0.0).astype(np.float64)
    worst = dists.max(axis=1)
    tied = np.flatnonzero(worst == worst.min()).tolist()  # ascending: lowest value first
    best = min(tied, key=lambda k: math.fsum(dists[k].tolist()))
    return cs[best], tuple(dists[best].tolist())


def _best(
    candidates: Iterable[float],
    parts: Sequence[Sequence[Interval]],
    dist: Callable[[Sequence[Interval], float], float],
) -> tuple[float, tuple[float, ...]]:
    """Return the candidate with the smallest largest distance, then total, then lowest value."""
    best: tuple[float, float, float] | None = None
    best_d: tuple[float, ...] = ()
    for c in sorted(candidates):
        d = tuple(dist(p, c) for p in parts)
        key = (max(d), math.fsum(d), c)
        if best is None or key < best:
            best, best_d = key, d
    assert best is not None
    return best[2], best_d
