"""Strategies for the model's types: scales, values, regions, positions, issues, parties.

Also the identifiers, dates and sources they are built with.
"""

from __future__ import annotations

import datetime
import functools
import math

import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale, Value

# ---------------------------------------------------------------------------- primitives

#: Short identifiers, the kind used for party and issue ids.
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"


def identifiers(*, min_size: int = 1, max_size: int = 8) -> SearchStrategy[str]:
    """Identifiers such as party or issue ids: lower-case letters, digits and ``_``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.identifiers())
    ... def test_ids_are_stripped(s):
    ...     assert s and s == s.strip()
    >>> test_ids_are_stripped()
    """
    return st.text(_ID_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda s: s == s.strip() and s != ""
    )


def dates(
    *,
    min_value: datetime.date = datetime.date(2025, 1, 1),
    max_value: datetime.date = datetime.date(2026, 12, 31),
) -> SearchStrategy[datetime.date]:
    """Calendar dates in ``[min_value, max_value]`` (default: 2025-2026)."""
    return st.dates(min_value=min_value, max_value=max_value)


def _labels(min_size: int, max_size: int) -> SearchStrategy[list[str]]:
    return st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
        min_size=min_size,
        max_size=max_size,
        unique=True,
    )


# ---------------------------------------------------------------------------- scales


def numeric_scales(
    *,
    min_value: float = -1000.0,
    max_value: float = 1000.0,
    units: SearchStrategy[str] | None = None,
) -> SearchStrategy[NumericScale]:
    """Numeric scales with bounds in ``[min_value, max_value]``.

    Bounds are whole numbers most of the time and arbitrary floats otherwise, so both
    tidy and awkward ranges are tried.
    """
    if not (math.isfinite(min_value) and math.isfinite(max_value) and min_value < max_value):
        raise ValueError(f"need finite min_value < max_value, got {min_value}, {max_value}")
    bound = st.one_of(
        st.integers(math.ceil(min_value), math.floor(max_value)).map(float),
        st.floats(min_value, max_value, allow_nan=False, allow_infinity=False),
    )
    unit = units if units is not None else st.sampled_from(["", "years", "%", "$bn"])
    return (
        st.tuples(bound, bound, unit)
        .filter(lambda t: t[0] != t[1])
        .map(lambda t: NumericScale(min(t[0], t[1]), max(t[0], t[1]), unit=t[2]))
    )


def ordinal_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[OrdinalScale]:
    """Ordinal scales with ``min_size`` to ``max_size`` labels."""
    return _labels(max(2, min_size), max_size).map(OrdinalScale)


def nominal_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[NominalScale]:
    """Nominal scales with ``min_size`` to ``max_size`` labels."""
    return _labels(max(2, min_size), max_size).map(NominalScale)


def labelled_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[Scale]:
    """Ordinal or nominal scales."""
    return st.one_of(
        ordinal_scales(min_size=min_size, max_size=max_size),
        nominal_scales(min_size=min_size, max_size=max_size),
    )


def scales() -> SearchStrategy[Scale]:
    """Scales of all three kinds (numeric first, so failures shrink to numeric)."""
    return st.one_of(numeric_scales(), ordinal_scales(), nominal_scales())


# ---------------------------------------------------------------------------- values, regions


def _scale_strategy(scale: Scale | SearchStrategy[Scale] | None) -> SearchStrategy[Scale]:
    if scale is None:
        return scales()
    if isinstance(scale, Scale):
        return st.just(scale)
    return scale


def _coords(scale: Scale) -> SearchStrategy[float]:
    """Coordinates on a scale; on numeric scales mostly a coarse grid so intervals touch."""
    if scale.discrete:
        return st.integers(0, int(scale.highest)).map(float)
    lo, hi = scale.lowest, scale.highest
    grid = st.integers(0, 8).map(lambda k: min(hi, max(lo, lo + (hi - lo) * k / 8)))
    return st.one_of(grid, st.floats(lo, hi, allow_nan=False, allow_infinity=False))


@functools.lru_cache(maxsize=256)
def _parts(scale: Scale) -> SearchStrategy[tuple[float, float]]:
    """One interval of coordinates (one label on nominal scales), cached per scale.

    Building strategies is a large part of the cost of drawing a region; scales are
    hashable values, so the strategy for each is built once.
    """
    c = _coords(scale)
    if scale.ordered:
        return st.tuples(c, c).map(lambda t: (min(t), max(t)))
    return c.map(lambda x: (x, x))


def _separate(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Re-pair the sorted endpoints of ``pairs`` consecutively, giving disjoint intervals."""
    cs = sorted(c for pair in pairs for c in pair)
    return [(cs[i], cs[i + 1]) for i in range(0, len(cs), 2)]


@functools.lru_cache(maxsize=1024)
def _part_lists(
    scale: Scale, min_parts: int, max_parts: int
) -> SearchStrategy[list[tuple[float, float]]]:
    """Lists of parts for a region: overlapping ones (to exercise merging) or separated ones.

    Independent random intervals mostly overlap and merge into one part, so on ordered
    scales half the draws re-pair sorted endpoints into disjoint intervals, giving the
    multi-part regions (with gaps) that distances and hulls must get right.
    """
    loose = st.lists(_parts(scale), min_size=min_parts, max_size=max_parts)
    if not scale.ordered:
        return loose
    c = _coords(scale)
    separated = st.lists(st.tuples(c, c), min_size=min_parts, max_size=max_parts).map(_separate)
    return st.one_of(loose, separated)


def _check_parts(min_parts: int, max_parts: int) -> None:
    if min_parts < 0 or max_parts < min_parts:
        raise ValueError(f"need 0 <= min_parts <= max_parts, got {min_parts}, {max_parts}")


def values(scale: Scale) -> SearchStrategy[Value]:
    """Values on ``scale``: numbers in range, or labels.

    Examples
    --------
    >>> import negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.values(nt.OrdinalScale(["a", "b"])))
    ... def test_labels(v):
    ...     assert v in ("a", "b")
    >>> test_labels()
    """
    return _coords(scale).map(scale.value)


def regions(
    scale: Scale | SearchStrategy[Scale] | None = None,
    *,
    min_parts: int = 0,
    max_parts: int = 4,
) -> SearchStrategy[Region]:
    """Regions on ``scale`` (a scale, a strategy of scales, or any scale when None).

    Parameters
    ----------
    scale : Scale or SearchStrategy[Scale], optional
        Where the regions lie.
    min_parts, max_parts : int
        How many intervals (labels on nominal scales) to draw before canonicalisation;
        ``min_parts=1`` gives non-empty regions.
    """
    _check_parts(min_parts, max_parts)
    if isinstance(scale, Scale):
        return _regions_on(scale, min_parts, max_parts)
    return _scale_strategy(scale).flatmap(lambda s: _regions_on(s, min_parts, max_parts))


@functools.lru_cache(maxsize=1024)
def _regions_on(scale: Scale, min_parts: int, max_parts: int) -> SearchStrategy[Region]:
    """Regions on one fixed scale (strategy built once per scale and size)."""
    return _part_lists(scale, min_parts, max_parts).map(lambda parts: Region(scale, parts))


def same_scale_regions(
    n: int = 3,
    *,
    scales: Scale | SearchStrategy[Scale] | None = None,
    min_parts: int = 0,
    max_parts: int = 4,
) -> SearchStrategy[tuple[Region, ...]]:
    """Tuples of ``n`` regions that share one scale drawn from ``scales`` (any scale if None).

    Parameters
    ----------
    n : int
        How many regions.
    scales : Scale or SearchStrategy[Scale], optional
        The shared scale, or where it is drawn from.
    min_parts, max_parts : int
        As for :func:`regions`.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.same_scale_regions(2, min_parts=1))
    ... def test_gap_is_symmetric(pair):
    ...     a, b = pair
    ...     assert a.gap(b) == b.gap(a)
    >>> test_gap_is_symmetric()
    """
    if n < 0:
        raise ValueError(f"need n >= 0, got {n}")
    _check_parts(min_parts, max_parts)
    scale_strategy = _scale_strategy(scales)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Region, ...]:
        s = draw(scale_strategy)
        part_lists = _part_lists(s, min_parts, max_parts)
        return tuple(Region(s, draw(part_lists)) for _ in range(n))

    return build()


# ---------------------------------------------------------------------------- model


@functools.lru_cache(maxsize=256)
def _positions_on(
    scale: Scale,
    saliences: SearchStrategy[float] | None = None,
    red_lines: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Position]:
    """Valid positions on one fixed scale, from strategies built once per scale (cached).

    The one implementation behind :func:`positions` and the timeline strategies.
    """
    sal = saliences if saliences is not None else st.floats(0, 1)
    red = red_lines if red_lines is not None else st.booleans()
    region = _regions_on(scale, 1, 4)
    # Where the ideal lies in its interval: at an end, or a share of the way along it.
    where = st.one_of(
        st.sampled_from((("lo", 0.0), ("hi", 1.0))),
        st.floats(0, 1).map(lambda u: ("share", u)),
    )

    def make(t: tuple[Region, int, tuple[str, float], float, bool]) -> Position:
        reg, k, (how, v), salience, red_line = t
        lo, hi = reg.parts[k % len(reg.parts)]
        if how == "lo":
            x = lo
        elif how == "hi":
            x = hi
        else:
            x = lo + v * (hi - lo)
            x = min(hi, max(lo, float(round(x)) if scale.discrete else x))
        return Position(ideal=scale.value(x), acceptable=reg, salience=salience, red_line=red_line)

    return st.tuples(region, st.integers(0, 3), where, sal, red).map(make)


def positions(
    scale: Scale | SearchStrategy[Scale] | None = None,
    *,
    saliences: SearchStrategy[float] | None = None,
    red_lines: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Position]:
    """Valid positions: a non-empty acceptable region and an ideal inside it.

    The region is drawn like :func:`regions` with ``min_parts=1`` (overlapping or separated
    parts); the ideal lies in one of its intervals: at an end, or anywhere in it. The strategies
    for each scale are built once and reused, so drawing is fast.
    """
    if isinstance(scale, Scale):
        return _positions_on(scale, saliences, red_lines)
    return _scale_strategy(scale).flatmap(lambda s: _positions_on(s, saliences, red_lines))


def issues(
    *,
    ids: SearchStrategy[str] | None = None,
    scales: SearchStrategy[Scale] | None = None,
) -> SearchStrategy[Issue]:
    """Issues with ids from ``ids`` and scales from ``scales``."""
    return st.builds(
        Issue,
        ids if ids is not None else identifiers(),
        _scale_strategy(scales),
        title=st.text(max_size=20),
    )


def parties(
    *,
    ids: SearchStrategy[str] | None = None,
    capabilities: SearchStrategy[float] | None = None,
) -> SearchStrategy[Party]:
    """Parties with ids from ``ids`` and capabilities from ``capabilities`` (default [0, 10])."""
    return st.builds(
        Party,
        ids if ids is not None else identifiers(),
        name=st.text(max_size=20),
        capability=capabilities if capabilities is not None else st.floats(0, 10),
        group=st.none() | identifiers(),
    )


def sources() -> SearchStrategy[Source]:
    """Sources with arbitrary text and an optional date."""
    return st.builds(
        Source,
        title=st.text(max_size=30),
        url=st.sampled_from(["", "https://example.org/a"]),
        publisher=st.text(max_size=12),
        date=st.none() | dates(),
        quote=st.text(max_size=40),
        kind=st.sampled_from(SourceKind),
    )
