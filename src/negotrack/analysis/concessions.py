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
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import attrs

from negotrack.errors import UnknownReferenceError
from negotrack.model._intervals import Interval, coord_distance, meets
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

    @classmethod
    def between(cls, regions: dict[str, Region]) -> Concessions:
        """Compute the concession point of non-empty regions on one scale.

        Parameters
        ----------
        regions : dict of party id to Region
            Each party's acceptable region (all on one scale, none empty).

        Returns
        -------
        Concessions
            Zero moves when the regions share a value.
        """
        names = list(regions)
        if not names:
            return cls(point=None, moves=())
        scale = regions[names[0]].scale
        parts = [regions[n].parts for n in names]
        coord, dists = minimax(scale, parts)
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
            "moves": {c.party: {"move": c.move, "units": c.units} for c in self.moves},
        }


def minimax(
    scale: Scale, parts: Sequence[Sequence[Interval]]
) -> tuple[float | None, tuple[float, ...]]:
    """Return the concession coordinate and each region's distance to it (coordinates).

    ``parts`` are the canonical intervals of non-empty regions on ``scale``. When the
    regions share a point the coordinate is None and every distance 0. Nominal distances
    are 0 or 1 (the discrete metric).
    """
    if not parts or meets(parts):
        return None, tuple(0.0 for _ in parts)
    if scale.ordered and not scale.discrete and all(len(p) == 1 for p in parts):
        # Single intervals: the envelope max(L - x, x - H) is lowest at the midpoint.
        low = max(p[0][0] for p in parts)
        high = min(p[0][1] for p in parts)
        x = (low + high) / 2
        return x, tuple(coord_distance(p, x) for p in parts)
    if scale.discrete:
        candidates: set[float] = {float(k) for k in range(int(scale.highest) + 1)}
    else:
        rights = {hi for p in parts for _, hi in p}
        lefts = {lo for p in parts for lo, _ in p}
        candidates = rights | lefts
        candidates.update((a + b) / 2 for a in rights for b in lefts if a < b)
    if scale.ordered:

        def dist(p: Sequence[Interval], c: float) -> float:
            return coord_distance(p, c)

    else:

        def dist(p: Sequence[Interval], c: float) -> float:
            return 0.0 if coord_distance(p, c) == 0.0 else 1.0

    best: tuple[float, float, float] | None = None
    best_d: tuple[float, ...] = ()
    for c in sorted(candidates):
        d = tuple(dist(p, c) for p in parts)
        key = (max(d), math.fsum(d), c)
        if best is None or key < best:
            best, best_d = key, d
    assert best is not None
    return best[2], best_d
