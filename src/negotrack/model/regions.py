"""Regions: sets of values on one scale, and the position algebra on them.

A :class:`Region` is what a party can accept on an issue. On ordered scales it is a
canonical, sorted union of disjoint closed intervals; on nominal scales a set of labels.
Canonical form is enforced on construction, so ``==`` and ``hash`` mean "the same set".

Internally a region holds intervals of scale *coordinates* (numbers on a numeric scale,
label indices on labelled ones). On an ordinal scale neighbouring labels have no value
between them, so ``[none, assurances] ∪ [force, article-5]`` is one interval; on a nominal
scale every label is its own point and nothing merges.

The operations and the laws they obey are listed in ``docs/concepts.md`` and checked by
:func:`negotrack.testing.laws.check_region_laws`.
"""

from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, islice, repeat
from operator import attrgetter, itemgetter, le, lt
from typing import Any

import attrs

from negotrack.errors import (
    EmptyRegionError,
    InvalidRegionError,
    InvalidTypeError,
    ScaleMismatchError,
)
from negotrack.model._intervals import Interval, coord_distance, meet
from negotrack.model.scales import (
    NominalScale,
    NumericScale,
    OrdinalScale,
    Scale,
    Value,
    format_number,
)

__all__ = ["Region"]

#: Scales whose ``coord`` negotrack wrote: what it returns needs no second check.
_OWN_ORDERED_SCALES = (NumericScale, OrdinalScale)
_OWN_SCALES = (*_OWN_ORDERED_SCALES, NominalScale)


def _canonical(scale: Scale, parts: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sort and merge intervals of coordinates; the single definition of canonical form."""
    cleaned: list[Interval] = []
    for lo, hi in parts:
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise InvalidRegionError(
                f"Region interval ({lo!r}, {hi!r}) must have finite bounds",
                path="Region.intervals",
                value=(lo, hi),
            )
        if lo > hi:
            raise InvalidRegionError(
                f"Region interval lo={format_number(lo)}, hi={format_number(hi)} is inverted: "
                f"lo must be <= hi",
                path="Region.intervals",
                value=(lo, hi),
            )
        if lo < scale.lowest or hi > scale.highest:
            raise InvalidRegionError(
                f"Region interval [{format_number(lo)}, {format_number(hi)}] is off scale {scale}",
                path="Region.intervals",
                value=(lo, hi),
            )
        if scale.discrete and (lo != int(lo) or hi != int(hi)):
            raise InvalidRegionError(
                f"Region interval ({lo!r}, {hi!r}) on labelled scale {scale} must have "
                f"whole label indices",
                path="Region.intervals",
                value=(lo, hi),
            )
        if not scale.ordered and lo != hi:
            raise InvalidRegionError(
                f"Region on nominal scale {scale} cannot hold an interval of labels; "
                f"use Region.labels(scale, [...])",
                path="Region.intervals",
                value=(lo, hi),
            )
        cleaned.append((float(lo), float(hi)))
    return _merge(scale, cleaned)


def _merge(scale: Scale, cleaned: list[Interval]) -> tuple[Interval, ...]:
    """Sort and merge checked intervals of float coordinates (``cleaned`` is sorted in place).

    Labelled ordered scales have nothing between neighbouring labels: [0, 1] and [2, 3]
    are one interval. Numeric intervals merge only when they touch or overlap.
    """
    if len(cleaned) == 1:
        return (cleaned[0],)
    cleaned.sort()
    step = 1.0 if (scale.ordered and scale.discrete) else 0.0
    merged: list[Interval] = []
    for lo, hi in cleaned:
        if merged and lo <= merged[-1][1] + step:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return tuple(merged)


def _parts_converter(parts: Iterable[Interval]) -> tuple[Interval, ...]:
    """Check the shape of raw parts: an iterable of ``(lo, hi)`` pairs of numbers."""
    if not isinstance(parts, Iterable):
        raise InvalidTypeError(
            f"Region.parts={parts!r} must be an iterable of (lo, hi) pairs of coordinates",
            path="Region.parts",
            value=parts,
        )
    out: list[Interval] = []
    for part in parts:
        pair = tuple(part) if isinstance(part, tuple | list) else None
        if pair is None or len(pair) != 2 or not all(_is_number(x) for x in pair):
            raise InvalidTypeError(
                f"Region.parts contains {part!r}: each part must be a (lo, hi) pair of numbers "
                f"(build regions from values with Region.interval, Region.of or Region.labels)",
                path="Region.parts",
                value=part,
            )
        out.append((pair[0], pair[1]))
    return tuple(out)


def _check_scale(scale: object) -> None:
    if type(scale) not in _OWN_SCALES and not isinstance(scale, Scale):  # an ABC: slower
        raise InvalidTypeError(
            f"Region.scale={scale!r} must be a Scale", path="Region.scale", value=scale
        )


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _pairs(field: str, intervals: object) -> list[tuple[Value, Value]]:
    """Check ``intervals`` is an iterable of ``(lo, hi)`` pairs (values, not yet checked)."""
    if type(intervals) is not list and (  # a list passes (the ABC check is slow)
        isinstance(intervals, str) or not isinstance(intervals, Iterable)
    ):
        raise InvalidTypeError(
            f"{field}={intervals!r} must be an iterable of (lo, hi) pairs",
            path=field,
            value=intervals,
        )
    out: list[tuple[Value, Value]] = []
    for pair in intervals:
        if (type(pair) is not list and not isinstance(pair, tuple | list)) or len(pair) != 2:
            raise InvalidTypeError(
                f"{field} contains {pair!r}: each interval must be a (lo, hi) pair",
                path=field,
                value=pair,
            )
        out.append((pair[0], pair[1]))
    return out


@attrs.frozen(repr=False, eq=False)
class Region:
    """A set of values on one scale: what a party can accept on an issue.

    Build regions with the named constructors (:meth:`empty`, :meth:`full`, :meth:`point`,
    :meth:`interval`, :meth:`of`, :meth:`labels`); the raw constructor takes intervals of
    scale coordinates and canonicalises them.

    Parameters
    ----------
    scale : Scale
        The scale the values lie on.
    parts : iterable of (float, float)
        Closed intervals of coordinates; sorted and merged on construction.

    Notes
    -----
    Intersection and union form a distributive lattice with the empty region as bottom and
    the full scale as top; ``gap`` and ``hausdorff`` are normalised to [0, 1]. See
    ``docs/concepts.md`` for every law and :mod:`negotrack.testing.laws` to check them.

    Examples
    --------
    >>> import negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> a = nt.Region.interval(years, 15, 50)
    >>> b = nt.Region.of(years, [(20, 30), (0, 10)])
    >>> b
    Region(0–100 years: [0, 10] ∪ [20, 30])
    >>> a & b
    Region(0–100 years: [20, 30])
    >>> a.gap(nt.Region.interval(years, 60, 70))
    0.1
    >>> 20 in a, a.measure
    (True, 0.35)
    """

    scale: Scale
    parts: tuple[Interval, ...] = attrs.field(converter=_parts_converter)

    def __attrs_post_init__(self) -> None:
        _check_scale(self.scale)
        object.__setattr__(self, "parts", _canonical(self.scale, self.parts))

    # ------------------------------------------------------------------ constructors
    @classmethod
    def _of_canonical(cls, scale: Scale, parts: tuple[Interval, ...]) -> Region:
        """Wrap ``parts`` already in canonical form on ``scale`` (internal: no checks).

        For results of the interval kernels on canonical inputs (an intersection, a hull),
        which are canonical by construction: skips the sort and merge of ``__init__``.
        """
        region = object.__new__(Region)
        object.__setattr__(region, "scale", scale)
        object.__setattr__(region, "parts", parts)
        return region

    @classmethod
    def empty(cls, scale: Scale) -> Region:
        """Return the empty region on ``scale``.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.empty(nt.NumericScale(0, 1)).is_empty
        True
        """
        return cls(scale, ())

    @classmethod
    def full(cls, scale: Scale) -> Region:
        """Return the whole scale as a region.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.full(nt.NumericScale(0, 100)).measure
        1.0
        """
        _check_scale(scale)
        if scale.ordered:
            return cls(scale, [(scale.lowest, scale.highest)])
        return cls(scale, [(float(i), float(i)) for i in range(int(scale.highest) + 1)])

    @classmethod
    def point(cls, scale: Scale, value: Value) -> Region:
        """Return the region holding the single value ``value``.

        Raises
        ------
        OffScaleError
            If ``value`` is not on the scale.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.point(nt.NumericScale(0, 100), 15)
        Region(0–100: [15, 15])
        """
        _check_scale(scale)
        c = scale.coord(value, field="Region.point")
        return cls(scale, [(c, c)])

    @classmethod
    def interval(cls, scale: Scale, lo: Value, hi: Value) -> Region:
        """Return the closed interval ``[lo, hi]`` on an ordered scale.

        Parameters
        ----------
        scale : NumericScale or OrdinalScale
            An ordered scale.
        lo, hi : float or str
            The bounds (labels on an ordinal scale), ``lo <= hi``.

        Raises
        ------
        InvalidRegionError
            If ``lo > hi`` or the scale is nominal.
        OffScaleError
            If a bound is not on the scale.

        Examples
        --------
        >>> import negotrack as nt
        >>> tiers = nt.OrdinalScale(["none", "assurances", "force"])
        >>> nt.Region.interval(tiers, "assurances", "force")
        Region(none < assurances < force: [assurances, force])
        """
        return cls.of(scale, [(lo, hi)])

    @classmethod
    def of(cls, scale: Scale, intervals: Iterable[Sequence[Value]]) -> Region:
        """Return the union of closed intervals ``[(lo, hi), ...]`` on an ordered scale.

        Raises
        ------
        InvalidRegionError
            If an interval is inverted or the scale is nominal.
        OffScaleError
            If a bound is not on the scale.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.of(nt.NumericScale(0, 100), [(40, 60), (0, 10), (50, 70)])
        Region(0–100: [0, 10] ∪ [40, 70])
        """
        _check_scale(scale)
        pairs = _pairs("Region.intervals", intervals)
        if not scale.ordered:
            raise InvalidRegionError(
                f"scale {scale} is nominal and has no intervals; use Region.labels(scale, [...])",
                path="Region.intervals",
                value=pairs,
            )
        parts = []
        for lo, hi in pairs:
            clo = scale.coord(lo, field="Region.lo")
            chi = scale.coord(hi, field="Region.hi")
            if clo > chi:
                raise InvalidRegionError(
                    f"Region interval lo={scale.format_value(lo)}, hi={scale.format_value(hi)} "
                    f"is inverted: lo must be <= hi",
                    path="Region.intervals",
                    value=(lo, hi),
                )
            parts.append((float(clo), float(chi)))
        if type(scale) not in _OWN_ORDERED_SCALES:  # a scale class of the user's own
            return cls(scale, parts)
        # Every coordinate was checked by scale.coord (finite, on the scale, a whole label
        # index on a labelled scale) and the scale is ordered: only sorting and merging is
        # left of the raw constructor's work (one definition of canonical form, _merge).
        return cls._of_canonical(scale, _merge(scale, parts))

    @classmethod
    def labels(cls, scale: Scale, labels: Iterable[str]) -> Region:
        """Return the set of the given labels on a labelled (ordinal or nominal) scale.

        Raises
        ------
        OffScaleError
            If a label is not on the scale.
        InvalidRegionError
            If the scale is numeric.

        Examples
        --------
        >>> import negotrack as nt
        >>> bodies = nt.NominalScale(["US", "EU", "UN", "US-Russia"])
        >>> nt.Region.labels(bodies, ["EU", "US"])
        Region({US, EU, UN, US-Russia}: {US, EU})
        """
        _check_scale(scale)
        if not scale.discrete:
            raise InvalidRegionError(
                f"scale {scale} is numeric and has no labels; use Region.interval or Region.of",
                path="Region.labels",
                value=labels,
            )
        if isinstance(labels, str) or not isinstance(labels, Iterable):
            raise InvalidTypeError(
                f"Region.labels={labels!r} must be a sequence of labels, not "
                f"{'one string' if isinstance(labels, str) else type(labels).__name__}",
                path="Region.labels",
                value=labels,
            )
        coords = [scale.coord(label, field="Region.labels") for label in labels]
        return cls(scale, [(c, c) for c in coords])

    @classmethod
    def of_each(
        cls, scales: Sequence[Scale], intervals: Sequence[Iterable[Sequence[Value]]]
    ) -> list[Region]:
        """Return ``[Region.of(s, i) for s, i in zip(scales, intervals)]``, for many regions.

        Regions on negotrack's numeric scales, given as lists of ``[lo, hi]`` lists (as a
        scenario file holds them), are checked a column at a time: every bound's type and
        place and every interval's order, over all of them at once, in C loops — the rules
        of :meth:`NumericScale.coord` and :meth:`of`. Anything else, and any column that
        breaks a rule, is built one region at a time by :meth:`of`, which raises the error
        the loop would raise first.

        Parameters
        ----------
        scales : sequence of Scale
            Each region's scale.
        intervals : sequence of iterables of (lo, hi)
            Each region's intervals, as :meth:`of` takes them.

        Returns
        -------
        list of Region

        Raises
        ------
        InvalidTypeError
            If the two sequences differ in length, or as :meth:`of` raises.
        InvalidRegionError, OffScaleError
            As :meth:`of` raises.

        Examples
        --------
        >>> import negotrack as nt
        >>> pct = nt.NumericScale(0, 100, unit="%")
        >>> nt.Region.of_each([pct, pct], [[[40, 60], [0, 10]], [[5, 5]]])
        [Region(0–100 %: [0, 10] ∪ [40, 60]), Region(0–100 %: [5, 5])]
        """
        if len(scales) != len(intervals):
            raise InvalidTypeError(
                f"Region.of_each takes one scale per region: {len(scales)} scales for "
                f"{len(intervals)} regions",
                path="Region.of_each",
                value=len(intervals),
            )
        column = _numeric_column(scales, intervals)
        if column is not None:
            return column
        return [cls.of(s, i) for s, i in zip(scales, intervals, strict=True)]

    # ------------------------------------------------------------------ inspection
    @property
    def is_empty(self) -> bool:
        """Whether the region holds no value."""
        return not self.parts

    @property
    def intervals(self) -> tuple[tuple[Value, Value], ...]:
        """The canonical intervals as values (labels on labelled scales).

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.of(nt.NumericScale(0, 100), [(20, 30), (0, 10)]).intervals
        ((0.0, 10.0), (20.0, 30.0))
        """
        v = self.scale.value
        return tuple((v(lo), v(hi)) for lo, hi in self.parts)

    def to_data(self) -> list[str] | list[list[float]]:
        """Return the region in the one notation of scenario files and report JSON.

        Labels on labelled scales (ordinal and nominal), in scale order; ``[lo, hi]`` pairs of
        numbers on a numeric scale. :func:`negotrack.io.serialization.region_from_document`
        reads it back.

        Returns
        -------
        list

        Examples
        --------
        >>> import negotrack as nt
        >>> tiers = nt.OrdinalScale(["none", "assurances", "force", "article-5"])
        >>> nt.Region.interval(tiers, "assurances", "force").to_data()
        ['assurances', 'force']
        >>> nt.Region.of(nt.NumericScale(0, 100), [(20, 30), (0, 10)]).to_data()
        [[0.0, 10.0], [20.0, 30.0]]
        """
        if self.scale.discrete:
            return list(self.values)
        return list(map(list, self.parts))

    @property
    def values(self) -> tuple[str, ...]:
        """Every label in the region, in scale order (labelled scales only).

        Raises
        ------
        InvalidRegionError
            On a numeric scale, which has infinitely many values.

        Examples
        --------
        >>> import negotrack as nt
        >>> tiers = nt.OrdinalScale(["none", "assurances", "force"])
        >>> nt.Region.interval(tiers, "none", "assurances").values
        ('none', 'assurances')
        """
        if not self.scale.discrete:
            raise InvalidRegionError(
                f"a region on numeric scale {self.scale} has no finite list of values",
                path="Region.values",
                value=self,
            )
        return tuple(
            str(self.scale.value(c)) for lo, hi in self.parts for c in range(int(lo), int(hi) + 1)
        )

    @property
    def bounds(self) -> tuple[Value, Value] | None:
        """The smallest and largest value (ordered scales), or None if empty."""
        if self.is_empty:
            return None
        return self.scale.value(self.parts[0][0]), self.scale.value(self.parts[-1][1])

    @property
    def measure(self) -> float:
        """Normalised size in [0, 1]: length over the scale's length, or labels over labels.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.interval(nt.NumericScale(0, 100), 15, 50).measure
        0.35
        >>> nt.Region.labels(nt.NominalScale(["a", "b", "c", "d"]), ["a"]).measure
        0.25
        """
        if self.scale.discrete:
            count = sum(hi - lo + 1 for lo, hi in self.parts)
            return count / (self.scale.highest + 1)
        # Rounding can push a sum of lengths a hair past the span; a share never exceeds 1.
        return min(1.0, sum(hi - lo for lo, hi in self.parts) / self.scale.span)

    # ------------------------------------------------------------------ algebra
    def _check(self, other: Region, op: str) -> None:
        if not isinstance(other, Region):
            raise InvalidTypeError(
                f"Region.{op} needs a Region, not {type(other).__name__}", path=op, value=other
            )
        if other.scale != self.scale:
            raise ScaleMismatchError(
                f"Region.{op}: regions lie on different scales ({self.scale} and {other.scale})",
                path=op,
                value=other.scale,
            )

    def intersection(self, other: Region) -> Region:
        """Return the values in both regions (``self & other``).

        Raises
        ------
        ScaleMismatchError
            If the regions lie on different scales.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> nt.Region.interval(s, 0, 50).intersection(nt.Region.interval(s, 40, 100))
        Region(0–100: [40, 50])
        """
        self._check(other, "intersection")
        return Region._of_canonical(self.scale, meet(self.parts, other.parts))

    def union(self, other: Region) -> Region:
        """Return the values in either region (``self | other``).

        Raises
        ------
        ScaleMismatchError
            If the regions lie on different scales.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> nt.Region.interval(s, 0, 10).union(nt.Region.interval(s, 10, 20))
        Region(0–100: [0, 20])
        """
        self._check(other, "union")
        return Region(self.scale, self.parts + other.parts)

    def hull(self) -> Region:
        """Return the smallest interval holding the region (nominal scales: the region itself).

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.of(nt.NumericScale(0, 100), [(0, 10), (20, 30)]).hull()
        Region(0–100: [0, 30])
        """
        if self.is_empty or not self.scale.ordered:
            return self
        return Region._of_canonical(self.scale, ((self.parts[0][0], self.parts[-1][1]),))

    def contains(self, value: Value) -> bool:
        """Whether ``value`` lies in the region (``value in self``).

        Raises
        ------
        OffScaleError
            If ``value`` is not on the region's scale (a mistyped label, say).

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.interval(nt.NumericScale(0, 100), 15, 50).contains(50)
        True
        """
        return self._holds(self.scale.coord(value, field="Region.contains"))

    def _holds(self, c: float) -> bool:
        """Whether the coordinate ``c`` (checked by the scale's ``coord``) lies in the region."""
        i = bisect.bisect_right(self.parts, (c, math.inf)) - 1
        return i >= 0 and self.parts[i][0] <= c <= self.parts[i][1]

    def is_subset(self, other: Region) -> bool:
        """Whether every value of ``self`` lies in ``other``.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> nt.Region.interval(s, 20, 30).is_subset(nt.Region.interval(s, 0, 50))
        True
        """
        return self.intersection(other) == self

    def is_disjoint(self, other: Region) -> bool:
        """Whether the regions share no value.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> nt.Region.interval(s, 0, 10).is_disjoint(nt.Region.interval(s, 10, 20))
        False
        """
        return self.intersection(other).is_empty

    # ------------------------------------------------------------------ distances
    def _nonempty(self, other: Region, op: str) -> None:
        self._check(other, op)
        if self.is_empty or other.is_empty:
            raise EmptyRegionError(
                f"Region.{op} is defined only for non-empty regions; got "
                f"{self.describe()} and {other.describe()}",
                path=op,
                value=self if self.is_empty else other,
            )

    def _coord_distance(self, c: float) -> float:
        """Distance in coordinates from coordinate ``c`` to the nearest point of the region."""
        return coord_distance(self.parts, c)

    def distance_to(self, value: Value) -> float:
        """Normalised distance in [0, 1] from ``value`` to the nearest value of the region.

        Raises
        ------
        EmptyRegionError
            If the region is empty.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.interval(nt.NumericScale(0, 100), 15, 50).distance_to(70)
        0.2
        """
        c = self.scale.coord(value, field="Region.distance_to")
        if self.is_empty:
            raise EmptyRegionError(
                "Region.distance_to is defined only for non-empty regions",
                path="distance_to",
                value=self,
            )
        if not self.scale.ordered:
            return 0.0 if self.contains(value) else 1.0
        return self.scale.share(self._coord_distance(c))

    def nearest(self, value: Value) -> Value:
        """Return the value of the region nearest to ``value`` (ties: the lower one).

        Raises
        ------
        EmptyRegionError
            If the region is empty.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.interval(nt.NumericScale(0, 100), 15, 50).nearest(70)
        50.0
        """
        c = self.scale.coord(value, field="Region.nearest")
        if self.is_empty:
            raise EmptyRegionError(
                "Region.nearest is defined only for non-empty regions", path="nearest", value=self
            )
        if not self.scale.ordered:
            return value if self.contains(value) else self.scale.value(self.parts[0][0])
        best = min(
            (min(max(c, lo), hi) for lo, hi in self.parts),
            key=lambda p: (abs(p - c), p),
        )
        return self.scale.value(best)

    def gap(self, other: Region) -> float:
        """Smallest normalised distance between a value of each region, in [0, 1].

        0 exactly when the (closed) regions meet; on a nominal scale 0 if they share a label,
        else 1.

        Raises
        ------
        EmptyRegionError
            If either region is empty.
        ScaleMismatchError
            If the regions lie on different scales.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100, unit="years")
        >>> nt.Region.interval(s, 0, 15).gap(nt.Region.interval(s, 50, 100))
        0.35
        """
        self._nonempty(other, "gap")
        if not self.scale.ordered:
            return 0.0 if not self.is_disjoint(other) else 1.0
        best = min(other._coord_distance(lo) for lo, _ in self.parts)
        best = min(best, *(other._coord_distance(hi) for _, hi in self.parts))
        best = min(best, *(self._coord_distance(lo) for lo, _ in other.parts))
        return self.scale.share(best)

    def _directed_hausdorff(self, other: Region) -> float:
        """Sup over x in self of the coordinate distance from x to other.

        The distance to ``other`` is largest at an endpoint of a part of ``self`` or in the
        middle of a gap of ``other``. On a numeric scale the middle of a gap is a real
        number that may fall between two floats, so its distance is computed, not probed.
        """
        best = max(other._coord_distance(c) for part in self.parts for c in part)
        for (_, g1), (g2, _) in zip(other.parts, other.parts[1:], strict=False):
            if self.scale.discrete:
                mid = g1 / 2 + g2 / 2  # only labels count: those either side of the middle
                for p in (float(math.floor(mid)), float(math.ceil(mid))):
                    if g1 < p < g2 and self._coord_distance(p) == 0:
                        best = max(best, other._coord_distance(p))
                continue
            for lo, hi in self.parts:
                # Does [lo, hi] hold the (real) middle of the gap (g1, g2)?
                if lo - g1 <= g2 - lo and hi - g1 >= g2 - hi:
                    best = max(best, (g2 - g1) / 2 or math.ulp(0.0))
        return best

    def hausdorff(self, other: Region) -> float:
        """Normalised Hausdorff distance in [0, 1]: how far the regions are from coinciding.

        A metric on non-empty regions; on a nominal scale the discrete metric.

        Raises
        ------
        EmptyRegionError
            If either region is empty.
        ScaleMismatchError
            If the regions lie on different scales.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> nt.Region.interval(s, 0, 15).hausdorff(nt.Region.interval(s, 0, 50))
        0.35
        """
        self._nonempty(other, "hausdorff")
        if not self.scale.ordered:
            return 0.0 if self == other else 1.0
        d = max(self._directed_hausdorff(other), other._directed_hausdorff(self))
        return self.scale.share(d)

    # ------------------------------------------------------------------ equality
    def __eq__(self, other: object) -> bool:
        # The same set: same scale, same canonical parts (subclasses included, so a
        # region compares by what it holds, never by the class that built it).
        if not isinstance(other, Region):
            return NotImplemented
        return self.scale == other.scale and self.parts == other.parts

    def __hash__(self) -> int:
        return hash((Region, self.scale, self.parts))

    # ------------------------------------------------------------------ operators
    def __and__(self, other: object) -> Region:
        if not isinstance(other, Region):
            return NotImplemented
        return self.intersection(other)

    def __or__(self, other: object) -> Region:
        if not isinstance(other, Region):
            return NotImplemented
        return self.union(other)

    def __contains__(self, value: Any) -> bool:
        return self.contains(value)

    def __iter__(self) -> Iterator[tuple[Value, Value]]:
        return iter(self.intervals)

    def __bool__(self) -> bool:
        return not self.is_empty

    # ------------------------------------------------------------------ display
    def describe(self) -> str:
        """Return the region in plain notation: ``[15, 50] ∪ [60, 70]``, ``{US, EU}``, ``∅``.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Region.empty(nt.NumericScale(0, 1)).describe()
        '∅'
        """
        if self.is_empty:
            return "∅"
        f = self.scale.format_coord
        if not self.scale.ordered:
            return "{" + ", ".join(f(lo) for lo, _ in self.parts) + "}"
        return " ∪ ".join(
            f"{{{f(lo)}}}" if self.scale.discrete and lo == hi else f"[{f(lo)}, {f(hi)}]"
            for lo, hi in self.parts
        )

    def __str__(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        return f"Region({self.scale}: {self.describe()})"


#: The slots of a region, set directly for regions whose parts are canonical.
_SET_SCALE = Region.__dict__["scale"].__set__
_SET_PARTS = Region.__dict__["parts"].__set__
_NUMBERS = frozenset({float, int})


def _numeric_column(
    scales: Sequence[Scale], intervals: Sequence[Iterable[Sequence[Value]]]
) -> list[Region] | None:
    """Build ``Region.of(s, i)`` for each region on a numeric scale, a column at a time.

    Returns None when any scale is not a :class:`NumericScale` (exactly), any region is
    not a list of ``[lo, hi]`` lists (or tuples) of numbers, or any rule is broken: the
    caller then builds each region with :meth:`Region.of`, which words the problem.

    The rules are those of ``NumericScale.coord`` (a bound is an int or float, not a
    bool, finite and between the scale's ``lo`` and ``hi``, compared as given) and of
    ``Region.of`` (``lo <= hi`` as floats; intervals sorted and merged by :func:`_merge`).
    Finiteness needs no check of its own: NaN fails every comparison, and the scale's
    bounds are finite. Law: ``tests/test_regions.py::TestOfEach``.
    """
    if set(map(type, scales)) != {NumericScale} or set(map(type, intervals)) != {list}:
        return None
    counts: list[int] = list(map(len, intervals))  # type: ignore[arg-type]  # lists: checked
    pairs = list(chain.from_iterable(intervals))
    if set(map(type, pairs)) - {list, tuple} or set(map(len, pairs)) - {2}:
        return None
    los = list(map(itemgetter(0), pairs))
    his = list(map(itemgetter(1), pairs))
    if set(map(type, los)) - _NUMBERS or set(map(type, his)) - _NUMBERS:
        return None
    on = list(chain.from_iterable(map(repeat, scales, counts)))
    bottoms = list(map(attrgetter("lo"), on))
    tops = list(map(attrgetter("hi"), on))
    if not (
        all(map(le, bottoms, los))
        and all(map(le, los, tops))
        and all(map(le, bottoms, his))
        and all(map(le, his, tops))
    ):
        return None
    float_los = list(map(float, los))
    float_his = list(map(float, his))
    if not all(map(le, float_los, float_his)):
        return None
    parts = iter(zip(float_los, float_his, strict=True))
    canonical = list(map(tuple, map(islice, repeat(parts), counts)))
    for i in compress(range(len(counts)), map(lt, repeat(1), counts)):  # two or more intervals
        canonical[i] = _merge(scales[i], list(canonical[i]))
    regions: list[Region] = list(map(object.__new__, repeat(Region, len(scales))))
    deque(map(_SET_SCALE, regions, scales), maxlen=0)
    deque(map(_SET_PARTS, regions, canonical), maxlen=0)
    return regions
