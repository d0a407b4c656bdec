"""Property tests of the position algebra: one law per test, on all three scale kinds.

Each law of DESIGN.md's position algebra (and ``docs/concepts.md``) is a test named after
it. Regions are drawn from :mod:`negotrack.testing.strategies` on scales of every kind
(numeric, ordinal, nominal: ``nts.scales()`` mixes them, and
``tests/test_strategies.py`` checks that it does), so each law is tried on all three
within one run; a per-kind parametrisation would triple the run time for no more power.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

import negotrack as nt
from negotrack.errors import ScaleMismatchError
from negotrack.model.scales import Value
from negotrack.testing import strategies as nts

TOL = 1e-9

Regions = tuple[nt.Region, ...]

#: Three regions (possibly empty) on one scale of any kind.
TRIPLES = nts.same_scale_regions(3)
#: Three non-empty regions on one scale of any kind (distances need non-empty regions).
NON_EMPTY = nts.same_scale_regions(3, min_parts=1)
#: Ordered scales: numeric or ordinal.
ORDERED_SCALES = st.one_of(nts.numeric_scales(), nts.ordinal_scales())
#: Three non-empty regions on one ordered (numeric or ordinal) scale.
ORDERED_NON_EMPTY = nts.same_scale_regions(3, scales=ORDERED_SCALES, min_parts=1)
# The same with one or two regions, for laws about fewer operands (cheaper to draw).
TRIPLES_1, TRIPLES_2 = nts.same_scale_regions(1), nts.same_scale_regions(2)
NON_EMPTY_1 = nts.same_scale_regions(1, min_parts=1)
NON_EMPTY_2 = nts.same_scale_regions(2, min_parts=1)
ORDERED_NON_EMPTY_1 = nts.same_scale_regions(1, scales=ORDERED_SCALES, min_parts=1)
ORDERED_NON_EMPTY_2 = nts.same_scale_regions(2, scales=ORDERED_SCALES, min_parts=1)


def _with_values(scales: SearchStrategy[nt.Scale]) -> SearchStrategy[tuple[nt.Scale, list[Value]]]:
    return scales.flatmap(
        lambda s: st.tuples(st.just(s), st.lists(nts.values(s), min_size=3, max_size=3))
    )


#: A scale of any kind and three values on it.
VALUES = _with_values(nts.scales())
#: A nominal scale and three labels on it.
NOMINAL_VALUES = _with_values(nts.nominal_scales())
#: A region and a value on one scale of any kind.
REGION_AND_VALUE = nts.scales().flatmap(lambda s: st.tuples(nts.regions(s), nts.values(s)))
#: A non-empty region, another on a different scale.
MISMATCHED = st.tuples(nts.regions(min_parts=1), nts.regions(min_parts=1)).filter(
    lambda t: t[0].scale != t[1].scale
)


def split(region: nt.Region) -> list[tuple[float, float]]:
    """Cut the region's parts into smaller, touching, reordered and repeated pieces."""
    pieces: list[tuple[float, float]] = []
    for lo, hi in region.parts:
        mid = lo + (hi - lo) / 2
        if region.scale.discrete:
            mid = float(math.floor(mid))
            pieces += [(lo, mid), (mid, hi)]
        else:
            pieces += [(mid, hi), (lo, mid)]
    return pieces[::-1] + pieces[:1]


# ---------------------------------------------------------------------------- lattice


@given(t=TRIPLES_2)
def test_intersection_is_commutative(t: Regions) -> None:
    """Intersection ignores operand order: a ∩ b == b ∩ a."""
    a, b = t
    assert a & b == b & a


@given(t=TRIPLES_2)
def test_union_is_commutative(t: Regions) -> None:
    """Union ignores operand order: a ∪ b == b ∪ a."""
    a, b = t
    assert a | b == b | a


@given(t=TRIPLES)
def test_intersection_is_associative(t: Regions) -> None:
    """Intersection ignores grouping: (a ∩ b) ∩ c == a ∩ (b ∩ c)."""
    a, b, c = t
    assert (a & b) & c == a & (b & c)


@given(t=TRIPLES)
def test_union_is_associative(t: Regions) -> None:
    """Union ignores grouping: (a ∪ b) ∪ c == a ∪ (b ∪ c)."""
    a, b, c = t
    assert (a | b) | c == a | (b | c)


@given(t=TRIPLES_1)
def test_intersection_is_idempotent(t: Regions) -> None:
    """Intersecting a region with itself gives it back: a ∩ a == a."""
    (a,) = t
    assert a & a == a


@given(t=TRIPLES_1)
def test_union_is_idempotent(t: Regions) -> None:
    """Uniting a region with itself gives it back: a ∪ a == a."""
    (a,) = t
    assert a | a == a


@given(t=TRIPLES_2)
def test_intersection_absorbs_union(t: Regions) -> None:
    """Absorption: a ∩ (a ∪ b) == a."""
    a, b = t
    assert a & (a | b) == a


@given(t=TRIPLES_2)
def test_union_absorbs_intersection(t: Regions) -> None:
    """Absorption: a ∪ (a ∩ b) == a."""
    a, b = t
    assert a | (a & b) == a


@given(t=TRIPLES)
def test_intersection_distributes_over_union(t: Regions) -> None:
    """Distributivity: a ∩ (b ∪ c) == (a ∩ b) ∪ (a ∩ c)."""
    a, b, c = t
    assert a & (b | c) == (a & b) | (a & c)


@given(t=TRIPLES)
def test_union_distributes_over_intersection(t: Regions) -> None:
    """Distributivity: a ∪ (b ∩ c) == (a ∪ b) ∩ (a ∪ c)."""
    a, b, c = t
    assert a | (b & c) == (a | b) & (a | c)


@given(t=TRIPLES_1)
def test_empty_is_identity_of_union(t: Regions) -> None:
    """The empty region changes nothing in a union: a ∪ ∅ == a == ∅ ∪ a."""
    (a,) = t
    empty = nt.Region.empty(a.scale)
    assert a | empty == a
    assert empty | a == a


@given(t=TRIPLES_1)
def test_empty_absorbs_intersection(t: Regions) -> None:
    """The empty region absorbs intersections: a ∩ ∅ == ∅ == ∅ ∩ a."""
    (a,) = t
    empty = nt.Region.empty(a.scale)
    assert (a & empty).is_empty
    assert (empty & a).is_empty


@given(t=TRIPLES_1)
def test_full_is_identity_of_intersection(t: Regions) -> None:
    """The full scale changes nothing in an intersection: a ∩ full == a."""
    (a,) = t
    full = nt.Region.full(a.scale)
    assert a & full == a
    assert full & a == a


@given(t=TRIPLES_1)
def test_full_absorbs_union(t: Regions) -> None:
    """The full scale absorbs unions: a ∪ full == full."""
    (a,) = t
    full = nt.Region.full(a.scale)
    assert a | full == full


# ---------------------------------------------------------------------------- order


@given(t=TRIPLES_2)
def test_intersection_is_subset_of_operand(t: Regions) -> None:
    """An intersection lies inside its operand: a ∩ b ⊆ a."""
    a, b = t
    assert (a & b).is_subset(a)


@given(t=TRIPLES_2)
def test_operand_is_subset_of_union(t: Regions) -> None:
    """An operand lies inside the union: a ⊆ a ∪ b."""
    a, b = t
    assert a.is_subset(a | b)


@given(t=TRIPLES_2)
def test_union_is_subset_of_its_hull(t: Regions) -> None:
    """A region lies inside its hull: a ∪ b ⊆ hull(a ∪ b)."""
    a, b = t
    assert (a | b).is_subset((a | b).hull())


@given(t=TRIPLES_2)
def test_subset_iff_intersection_is_self(t: Regions) -> None:
    """Subset means a ∩ b == a, and both agree with a from-scratch check on the parts."""
    a, b = t
    # Canonical parts are maximal connected pieces: a ⊆ b iff each part of a fits in one of b.
    scratch = all(any(bl <= al and ah <= bh for bl, bh in b.parts) for al, ah in a.parts)
    assert a.is_subset(b) == scratch == (a & b == a)


@given(t=REGION_AND_VALUE)
def test_contains_agrees_with_intersection(t: tuple[nt.Region, Value]) -> None:
    """Membership agrees with intersection: x in a iff point(x) ∩ a is non-empty."""
    a, x = t
    assert (x in a) == (not (nt.Region.point(a.scale, x) & a).is_empty)


@given(t=TRIPLES_2)
def test_disjoint_iff_intersection_is_empty(t: Regions) -> None:
    """a.is_disjoint(b) iff a ∩ b == ∅, and is symmetric."""
    a, b = t
    assert a.is_disjoint(b) == (a & b).is_empty == b.is_disjoint(a)


@given(t=TRIPLES_1)
def test_hull_is_idempotent(t: Regions) -> None:
    """hull(hull(a)) == hull(a)."""
    (a,) = t
    assert a.hull().hull() == a.hull()


@given(t=ORDERED_NON_EMPTY_1)
def test_hull_is_the_smallest_interval_holding_the_region(t: Regions) -> None:
    """On ordered scales hull(a) is one interval from a's lowest to its highest value."""
    (a,) = t
    h = a.hull()
    assert len(h.parts) == 1
    assert h.parts[0] == (a.parts[0][0], a.parts[-1][1])
    assert a.is_subset(h)


@given(a=nts.regions(nts.nominal_scales()))
def test_hull_is_identity_on_nominal_scales(a: nt.Region) -> None:
    """On a nominal scale hull(a) == a (there is nothing between labels)."""
    assert a.hull() == a


# ---------------------------------------------------------------------------- canonical form


@given(t=TRIPLES_1)
def test_canonical_form_is_idempotent(t: Regions) -> None:
    """Region(s, r.parts) == r, with the same parts and hash."""
    (a,) = t
    again = nt.Region(a.scale, a.parts)
    assert again == a
    assert again.parts == a.parts
    assert hash(again) == hash(a)


@given(t=TRIPLES_1, data=st.data())
def test_equal_sets_are_equal_regions(t: Regions, data: st.DataObject) -> None:
    """The same set given in another order or split differently is ==, with equal hash."""
    (a,) = t
    pieces = split(a)
    rebuilt = nt.Region(a.scale, pieces)
    assert rebuilt == a
    assert hash(rebuilt) == hash(a)
    assert nt.Region(a.scale, data.draw(st.permutations(pieces))) == a


@given(t=TRIPLES_1)
def test_canonical_parts_are_sorted_and_disjoint(t: Regions) -> None:
    """Parts are sorted, non-degenerate where ordered, and separated by a gap."""
    (a,) = t
    step = 1.0 if (a.scale.discrete and a.scale.ordered) else 0.0
    for lo, hi in a.parts:
        assert a.scale.lowest <= lo <= hi <= a.scale.highest
    for (_, h), (lo, _) in zip(a.parts, a.parts[1:], strict=False):
        assert lo > h + step


# ---------------------------------------------------------------------------- measure


@given(t=TRIPLES_1)
def test_measure_lies_in_unit_interval(t: Regions) -> None:
    """0 <= measure(a) <= 1, with measure(∅) == 0 and measure(full) == 1."""
    (a,) = t
    assert 0.0 <= a.measure <= 1.0
    assert nt.Region.empty(a.scale).measure == 0.0
    assert nt.Region.full(a.scale).measure == 1.0


@given(t=TRIPLES_2)
def test_measure_is_monotone(t: Regions) -> None:
    """A subset is never larger: measure(a ∩ b) <= measure(b)."""
    a, b = t
    assert (a & b).measure <= b.measure + TOL


@given(t=TRIPLES_2)
def test_measure_is_subadditive(t: Regions) -> None:
    """measure(a ∪ b) <= measure(a) + measure(b)."""
    a, b = t
    assert (a | b).measure <= a.measure + b.measure + TOL


@given(t=TRIPLES_2)
def test_measure_obeys_inclusion_exclusion(t: Regions) -> None:
    """measure(a ∪ b) + measure(a ∩ b) == measure(a) + measure(b) (inclusion-exclusion)."""
    a, b = t
    assert math.isclose(
        (a | b).measure + (a & b).measure, a.measure + b.measure, rel_tol=1e-9, abs_tol=TOL
    )


# ---------------------------------------------------------------------------- distances


@given(t=VALUES)
def test_value_distance_identity(t: tuple[nt.Scale, list[Value]]) -> None:
    """d(x, x) == 0, and d(x, y) == 0 only when x == y."""
    s, (x, y, _) = t
    assert s.distance(x, x) == 0.0
    assert (s.distance(x, y) == 0.0) == (s.coord(x) == s.coord(y))


@given(t=VALUES)
def test_value_distance_is_symmetric(t: tuple[nt.Scale, list[Value]]) -> None:
    """d(x, y) == d(y, x)."""
    s, (x, y, _) = t
    assert s.distance(x, y) == s.distance(y, x)


@given(t=VALUES)
def test_value_distance_triangle_inequality(t: tuple[nt.Scale, list[Value]]) -> None:
    """d(x, z) <= d(x, y) + d(y, z)."""
    s, (x, y, z) = t
    assert s.distance(x, z) <= s.distance(x, y) + s.distance(y, z) + TOL


@given(t=VALUES)
def test_value_distance_lies_in_unit_interval(t: tuple[nt.Scale, list[Value]]) -> None:
    """0 <= d(x, y) <= 1, and the scale's ends are at distance 1 on ordered scales."""
    s, (x, y, _) = t
    assert 0.0 <= s.distance(x, y) <= 1.0
    if s.ordered:
        assert s.distance(s.value(s.lowest), s.value(s.highest)) == 1.0


@given(t=NON_EMPTY_2)
def test_hausdorff_identity(t: Regions) -> None:
    """hausdorff(a, a) == 0, and hausdorff(a, b) == 0 only when a == b."""
    a, b = t
    assert a.hausdorff(a) == 0.0
    assert (a.hausdorff(b) == 0.0) == (a == b)


@given(t=NON_EMPTY_2)
def test_hausdorff_is_symmetric(t: Regions) -> None:
    """hausdorff(a, b) == hausdorff(b, a)."""
    a, b = t
    assert a.hausdorff(b) == b.hausdorff(a)


@given(t=NON_EMPTY)
def test_hausdorff_triangle_inequality(t: Regions) -> None:
    """hausdorff(a, c) <= hausdorff(a, b) + hausdorff(b, c)."""
    a, b, c = t
    assert a.hausdorff(c) <= a.hausdorff(b) + b.hausdorff(c) + TOL


@given(t=NON_EMPTY_2)
def test_hausdorff_lies_in_unit_interval(t: Regions) -> None:
    """0 <= hausdorff(a, b) <= 1."""
    a, b = t
    assert 0.0 <= a.hausdorff(b) <= 1.0


@given(t=NON_EMPTY_2, data=st.data())
def test_hausdorff_is_largest_distance_to_the_other_region(t: Regions, data: st.DataObject) -> None:
    """hausdorff(a, b) is at least every value's distance to the other region (sampled)."""
    a, b = t
    x = data.draw(nts.values(a.scale))
    if x in a:
        assert b.distance_to(x) <= a.hausdorff(b) + TOL
    if x in b:
        assert a.distance_to(x) <= a.hausdorff(b) + TOL


@given(t=NON_EMPTY_2)
def test_gap_lies_in_unit_interval(t: Regions) -> None:
    """0 <= gap(a, b) <= 1."""
    a, b = t
    assert 0.0 <= a.gap(b) <= 1.0


@given(t=NON_EMPTY_2)
def test_gap_is_symmetric(t: Regions) -> None:
    """gap(a, b) == gap(b, a)."""
    a, b = t
    assert a.gap(b) == b.gap(a)


@given(t=NON_EMPTY_2)
def test_gap_is_zero_iff_closures_meet(t: Regions) -> None:
    """gap(a, b) == 0 iff the (closed) regions share a value."""
    a, b = t
    assert (a.gap(b) == 0.0) == (not a.is_disjoint(b))


@given(t=NON_EMPTY_2)
def test_gap_is_at_most_hausdorff(t: Regions) -> None:
    """gap(a, b) <= hausdorff(a, b)."""
    a, b = t
    assert a.gap(b) <= a.hausdorff(b) + TOL


@given(t=ORDERED_NON_EMPTY_2)
def test_gap_is_smallest_endpoint_distance(t: Regions) -> None:
    """On ordered scales gap(a, b) equals a from-scratch minimum over pairs of parts."""
    a, b = t
    scratch = min(max(0.0, blo - ahi, alo - bhi) for alo, ahi in a.parts for blo, bhi in b.parts)
    assert math.isclose(a.gap(b), scratch / a.scale.span, rel_tol=1e-9, abs_tol=1e-12)


@given(pair=nts.same_scale_regions(2, scales=nts.nominal_scales(), min_parts=1))
def test_distances_are_discrete_on_nominal_scales(pair: tuple[nt.Region, ...]) -> None:
    """On a nominal scale gap and hausdorff are 0 or 1: shared label / same set, or not."""
    a, b = pair
    assert a.gap(b) == (0.0 if not a.is_disjoint(b) else 1.0)
    assert a.hausdorff(b) == (0.0 if a == b else 1.0)


@given(t=NOMINAL_VALUES)
def test_value_distance_is_discrete_on_nominal_scales(t: tuple[nt.Scale, list[Value]]) -> None:
    """On a nominal scale two labels are at distance 0 if equal, else 1."""
    s, (x, y, _) = t
    assert s.distance(x, y) == (0.0 if x == y else 1.0)


# ---------------------------------------------------------------------------- scales


@given(t=MISMATCHED)
def test_operands_on_different_scales_raise_scale_mismatch(t: Regions) -> None:
    """Every binary operation on regions of two different scales raises ScaleMismatchError."""
    a, b = t
    for op in (
        lambda: a & b,
        lambda: a | b,
        lambda: a.is_subset(b),
        lambda: a.is_disjoint(b),
        lambda: a.gap(b),
        lambda: a.hausdorff(b),
    ):
        with pytest.raises(ScaleMismatchError, match="different scales"):
            op()
