"""Tests of negotrack.model.regions: constructors, operations and bad input.

The laws of the algebra are property-tested in ``tests/test_region_laws.py``; this module
checks each method on worked examples and every kind of bad input.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.errors import (
    EmptyRegionError,
    InvalidRegionError,
    InvalidTypeError,
    OffScaleError,
    ScaleMismatchError,
)
from negotrack.testing import strategies as nts
from test_scales import BODIES, TIERS, YEARS, raises  # shared with the scale tests

R = nt.Region


class TestEmpty:
    def test_is_empty_on_every_kind(self) -> None:
        """The empty region holds nothing, is falsy and prints as ∅."""
        for s in (YEARS, TIERS, BODIES):
            e = R.empty(s)
            assert e.is_empty
            assert not e
            assert e.parts == ()
            assert str(e) == "∅"


class TestFull:
    def test_numeric_full_is_the_range(self) -> None:
        """The full numeric region is [lo, hi]."""
        assert R.full(YEARS).parts == ((0.0, 100.0),)

    def test_nominal_full_holds_every_label(self) -> None:
        """The full nominal region holds every label, each its own part."""
        assert R.full(BODIES).values == BODIES.labels
        assert len(R.full(BODIES).parts) == 4

    def test_rejects_a_non_scale(self) -> None:
        """A non-scale raises InvalidTypeError naming it."""
        bad: Any = "years"
        with raises(InvalidTypeError, TypeError, "Region.scale='years'", "must be a Scale"):
            R.full(bad)


class TestPoint:
    def test_holds_one_value(self) -> None:
        """A point region holds its value only."""
        p = R.point(YEARS, 15)
        assert 15 in p
        assert 15.5 not in p
        assert p.measure == 0.0

    def test_off_scale_value_raises(self) -> None:
        """A value off the scale raises OffScaleError naming it."""
        with raises(OffScaleError, ValueError, "Region.point=120", "off scale 0–100 years"):
            R.point(YEARS, 120)

    def test_unknown_label_raises(self) -> None:
        """A label not on the scale raises OffScaleError naming it."""
        with raises(OffScaleError, ValueError, "Region.point='NATO'", "not a label"):
            R.point(BODIES, "NATO")


class TestInterval:
    def test_closed_numeric_interval(self) -> None:
        """Both ends belong to the interval."""
        a = R.interval(YEARS, 15, 50)
        assert 15 in a
        assert 50 in a
        assert 50.0001 not in a

    def test_ordinal_interval_of_labels(self) -> None:
        """On an ordinal scale an interval runs between two labels, inclusive."""
        a = R.interval(TIERS, "assurances", "article-5-like")
        assert a.values == ("assurances", "coalition force", "article-5-like")

    @pytest.mark.parametrize(
        ("scale", "lo", "hi"), [(YEARS, 50, 15), (TIERS, "article-5-like", "none")]
    )
    def test_inverted_interval_raises(self, scale: nt.Scale, lo: Any, hi: Any) -> None:
        """An interval with lo above hi raises InvalidRegionError showing both bounds."""
        with raises(InvalidRegionError, ValueError, f"lo={lo}, hi={hi}", "inverted"):
            R.interval(scale, lo, hi)

    @pytest.mark.parametrize(
        ("lo", "hi", "field", "shown"),
        [
            (math.nan, 10, "Region.lo", "nan"),
            (0, math.inf, "Region.hi", "inf"),
            (-5, 10, "Region.lo", "-5"),
            (0, 120, "Region.hi", "120"),
        ],
    )
    def test_bound_off_scale_raises(self, lo: float, hi: float, field: str, shown: str) -> None:
        """NaN, infinite or out-of-range bounds raise OffScaleError naming the bound."""
        with raises(OffScaleError, ValueError, f"{field}={shown}", "off scale"):
            R.interval(YEARS, lo, hi)

    def test_nominal_scale_has_no_intervals(self) -> None:
        """Intervals on a nominal scale raise InvalidRegionError pointing to Region.labels."""
        with raises(InvalidRegionError, ValueError, "nominal", "Region.labels"):
            R.interval(BODIES, "US", "EU")

    def test_label_bound_on_numeric_scale_raises_type_error(self) -> None:
        """A label as a numeric bound raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, "Region.lo='ten'", "must be a number"):
            R.interval(YEARS, "ten", 20)


class TestOf:
    def test_sorts_and_merges_overlapping_and_touching(self) -> None:
        """Overlapping or touching numeric intervals merge; separate ones stay apart."""
        a = R.of(YEARS, [(40, 60), (0, 10), (50, 70), (10, 12)])
        assert a.intervals == ((0.0, 12.0), (40.0, 70.0))

    def test_neighbouring_ordinal_labels_merge(self) -> None:
        """On an ordinal scale [none, none] and [assurances, assurances] are one interval."""
        a = R.of(TIERS, [("assurances", "assurances"), ("none", "none")])
        assert a.intervals == (("none", "assurances"),)

    @given(st.data())
    def test_of_equals_the_raw_constructor_on_the_coordinates(self, data: st.DataObject) -> None:
        """Law: Region.of (sort and merge only) equals the raw constructor's full canonicalisation."""
        scale = data.draw(st.one_of(nts.numeric_scales(), nts.ordinal_scales()))
        pairs = data.draw(
            st.lists(st.tuples(nts.values(scale), nts.values(scale)), min_size=1, max_size=6)
        )
        pairs = [(lo, hi) if scale.coord(lo) <= scale.coord(hi) else (hi, lo) for lo, hi in pairs]
        fast = R.of(scale, pairs)
        raw = R(scale, [(scale.coord(lo), scale.coord(hi)) for lo, hi in pairs])
        assert fast == raw
        assert fast.parts == raw.parts
        assert all(type(c) is float for part in fast.parts for c in part)

    @pytest.mark.parametrize("bad", [15, "0-10", None])
    def test_non_iterable_raises(self, bad: Any) -> None:
        """Something other than an iterable of pairs raises InvalidTypeError."""
        with raises(InvalidTypeError, TypeError, f"Region.intervals={bad!r}"):
            R.of(YEARS, bad)

    @pytest.mark.parametrize("bad", [15, (1, 2, 3), "ab"])
    def test_non_pair_raises(self, bad: Any) -> None:
        """An interval that is not a (lo, hi) pair raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, f"contains {bad!r}", "(lo, hi) pair"):
            R.of(YEARS, [(0, 1), bad])


def _outcome(build: Any) -> Any:
    """Return what a call gives: its regions with their exact parts, or its error's type and text."""
    try:
        regions = build()
    except Exception as err:
        return type(err), str(err)
    return [(r.scale, r.parts, [type(c) for part in r.parts for c in part]) for r in regions]


#: A scale whose bounds no float neighbour separates from an integer one past them.
_WIDE = nt.NumericScale(-(2.0**53), 2.0**53)

#: Bounds that break one of coord's rules, or test exactness at a scale's edge.
_ODD_BOUNDS = [True, False, math.nan, math.inf, -math.inf, "5", None, 10**400]


def _bound(scale: nt.NumericScale) -> st.SearchStrategy[float | int]:
    """Draw a value on a numeric scale: a float, or an integer where one fits."""
    floats = st.floats(scale.lo, scale.hi, allow_nan=False, allow_infinity=False)
    if math.ceil(scale.lo) > math.floor(scale.hi):
        return floats
    ints = st.integers(math.ceil(scale.lo), math.floor(scale.hi))
    return st.one_of(floats, ints, st.sampled_from([scale.lo, scale.hi]))


@st.composite
def _columns(draw: st.DrawFn) -> tuple[list[nt.Scale], list[Any]]:
    """Regions as a file holds them, each column sound but for at most one fault."""
    numeric = [_WIDE, *draw(st.lists(nts.numeric_scales(), min_size=1, max_size=2))]
    drawn = draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=6))
    pair = {s: st.lists(_bound(s), min_size=2, max_size=2).map(sorted) for s in set(drawn)}
    intervals: list[Any] = [draw(st.lists(pair[s], max_size=3)) for s in drawn]
    scales: list[nt.Scale] = list(drawn)
    fault = draw(st.sampled_from(["none", "bound", "edge", "inverted", "shape", "region", "scale"]))
    k = draw(st.integers(0, len(scales) - 1))
    scale, pairs = scales[k], intervals[k]
    assert isinstance(scale, nt.NumericScale)
    if fault in ("bound", "edge", "inverted", "shape") and not pairs:
        pairs.append([scale.lo, scale.hi])
    j, side = draw(st.integers(0, len(pairs) - 1)) if pairs else 0, draw(st.integers(0, 1))
    if fault == "bound":  # a value coord refuses, or a float just off the scale
        off = st.sampled_from([scale.lo - 1, scale.hi + 1, math.nextafter(scale.hi, math.inf)])
        pairs[j][side] = draw(st.one_of(st.sampled_from(_ODD_BOUNDS), off))
    elif fault == "edge":  # an integer just past an end: as a float it may be the end itself
        below, above = math.floor(scale.lo) - 1, math.ceil(scale.hi) + 1
        lo, hi = pairs[j]
        pairs[j] = draw(
            st.sampled_from([[below, hi], [lo, above], [above, scale.hi], [scale.lo, below]])
        )
    elif fault == "inverted":
        pairs[j] = [scale.hi, scale.lo]
    elif fault == "shape":
        pairs[j] = draw(
            st.sampled_from(
                [pairs[j][:1], [*pairs[j], 0], tuple(pairs[j]), "ab", dict(enumerate(pairs[j]))]
            )
        )
    elif fault == "region":  # a tuple of pairs (Region.of takes it), or no pairs at all
        intervals[k] = draw(st.sampled_from([tuple(map(tuple, pairs)), "[0, 1]", 5]))
    elif fault == "scale":  # a labelled scale: built by Region.of, one by one
        scales[k], intervals[k] = TIERS, [("none", "force")]
    return scales, intervals


class TestOfEach:
    @given(_columns())
    def test_of_each_equals_of_for_each(self, column: tuple[list[nt.Scale], list[Any]]) -> None:
        """Law: Region.of_each(scales, intervals) is Region.of of each, or raises its first error.

        Columns of regions on numeric scales (one of whose ends is 2^53, where an integer
        one past the end is the end as a float), sound but for at most one fault: a bound
        that is NaN, infinite, a bool, a string, off the scale, or an integer just past an
        end; an inverted interval; a pair of another shape or type; a region given
        otherwise; a labelled scale.
        """
        scales, intervals = column
        fast = _outcome(lambda: R.of_each(scales, intervals))
        slow = _outcome(lambda: [R.of(s, i) for s, i in zip(scales, intervals, strict=True)])
        assert fast == slow

    def test_sound_numeric_regions_take_the_column_path(self) -> None:
        """Sound numeric regions are built by the column path; a labelled scale is not."""
        intervals: list[Any] = [[[40, 60.5], [0, 10]], [[5, 5]], [], [[0, 10], [10, 20]]]
        from negotrack.model import regions

        assert regions._numeric_column([YEARS] * 4, intervals) == [
            R.of(YEARS, i) for i in intervals
        ]
        assert regions._numeric_column([YEARS, TIERS], [[[0, 1]], [["none", "none"]]]) is None

    @pytest.mark.parametrize(
        "pair",
        [
            [2**53 + 1, 2.0**53],  # lo past the top, though as a float it is the top
            [0, 2**53 + 1],
            [-(2**53) - 1, 0],
            [-(2.0**53), -(2**53) - 1],  # hi past the bottom, as a float the bottom
        ],
    )
    def test_an_integer_past_an_end_is_refused_as_coord_refuses_it(self, pair: list[int]) -> None:
        """Bounds are compared with the scale's ends as given, not as floats (coord's rule)."""
        with pytest.raises(OffScaleError) as slow:
            R.of(_WIDE, [pair])
        with pytest.raises(OffScaleError) as fast:
            R.of_each([_WIDE, _WIDE], [[[0, 1]], [pair]])
        assert str(fast.value) == str(slow.value)

    @pytest.mark.parametrize("pair", [{0: 1, 1: 2}, "12", b"12", range(1, 3)])
    def test_a_pair_of_another_type_is_refused_as_of_refuses_it(self, pair: Any) -> None:
        """A pair that is neither a list nor a tuple is refused, in Region.of's words."""
        with pytest.raises(InvalidTypeError) as slow:
            R.of(YEARS, [pair])
        with pytest.raises(InvalidTypeError) as fast:
            R.of_each([YEARS, YEARS], [[[0, 1]], [pair]])
        assert str(fast.value) == str(slow.value)

    def test_lengths_must_match(self) -> None:
        """One scale per region: two scales for one region is refused, naming the counts."""
        with raises(InvalidTypeError, TypeError, "2 scales for 1 regions"):
            R.of_each([YEARS, YEARS], [[[0, 1]]])


class TestLabels:
    def test_holds_the_given_labels_in_scale_order(self) -> None:
        """Labels are kept in the scale's order, duplicates once."""
        c = R.labels(BODIES, ["UN", "US", "UN"])
        assert c.values == ("US", "UN")
        assert str(c) == "{US, UN}"

    def test_ordinal_labels_form_intervals(self) -> None:
        """Labels on an ordinal scale become intervals of neighbouring labels."""
        c = R.labels(TIERS, ["none", "assurances", "article-5-like"])
        assert c.intervals == (("none", "assurances"), ("article-5-like", "article-5-like"))

    def test_unknown_label_raises(self) -> None:
        """A label not on the scale raises OffScaleError naming the label and scale."""
        with raises(OffScaleError, ValueError, "Region.labels='NATO'", "{US, EU, UN, US-Russia}"):
            R.labels(BODIES, ["US", "NATO"])

    def test_numeric_scale_has_no_labels(self) -> None:
        """Labels on a numeric scale raise InvalidRegionError pointing to Region.interval."""
        with raises(InvalidRegionError, ValueError, "numeric", "Region.interval"):
            R.labels(YEARS, ["15"])

    @pytest.mark.parametrize("bad", ["US", 3])
    def test_one_string_or_non_iterable_raises(self, bad: Any) -> None:
        """A single string or a non-iterable raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, f"Region.labels={bad!r}"):
            R.labels(BODIES, bad)


class TestRawConstructor:
    def test_canonicalises_parts(self) -> None:
        """Parts are sorted and merged on construction."""
        assert R(YEARS, [(20, 30), (0, 10), (5, 12)]).parts == ((0.0, 12.0), (20.0, 30.0))

    @pytest.mark.parametrize("bad", [[("a", 1)], [(1, 2, 3)], [5], [(True, 2)]])
    def test_malformed_parts_raise(self, bad: Any) -> None:
        """A part that is not a pair of numbers raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, "Region.parts contains", repr(bad[0])):
            R(YEARS, bad)

    def test_non_iterable_parts_raise(self) -> None:
        """Parts that are not iterable raise InvalidTypeError."""
        bad: Any = 5
        with raises(InvalidTypeError, TypeError, "Region.parts=5"):
            R(YEARS, bad)

    @pytest.mark.parametrize(
        ("part", "words"),
        [
            ((math.nan, 1.0), ("(nan, 1.0)", "finite")),
            ((3.0, 1.0), ("lo=3, hi=1", "inverted")),
            ((0.0, 101.0), ("[0, 101]", "off scale")),
        ],
    )
    def test_bad_numeric_parts_raise(
        self, part: tuple[float, float], words: tuple[str, ...]
    ) -> None:
        """NaN, inverted or off-scale parts raise InvalidRegionError showing the part."""
        with raises(InvalidRegionError, ValueError, *words):
            R(YEARS, [part])

    def test_fractional_label_index_raises(self) -> None:
        """Label coordinates must be whole indices."""
        with raises(InvalidRegionError, ValueError, "(0.5, 1.0)", "whole label indices"):
            R(TIERS, [(0.5, 1.0)])

    def test_interval_on_nominal_scale_raises(self) -> None:
        """A nominal region cannot hold a range of labels."""
        with raises(InvalidRegionError, ValueError, "nominal", "Region.labels"):
            R(BODIES, [(0.0, 2.0)])

    def test_non_scale_raises(self) -> None:
        """A non-scale raises InvalidTypeError naming it."""
        bad: Any = (0, 100)
        with raises(InvalidTypeError, TypeError, "Region.scale=(0, 100)"):
            R(bad, [])


class TestInspection:
    def test_intervals_values_and_bounds(self) -> None:
        """Intervals and bounds come back as values (labels on labelled scales)."""
        a = R.of(TIERS, [("none", "none"), ("coalition force", "article-5-like")])
        assert a.intervals == (("none", "none"), ("coalition force", "article-5-like"))
        assert a.bounds == ("none", "article-5-like")
        assert R.empty(TIERS).bounds is None
        assert list(a) == list(a.intervals)

    def test_values_on_numeric_scale_raise(self) -> None:
        """A numeric region has no finite list of values."""
        with raises(InvalidRegionError, ValueError, "numeric scale", "no finite list"):
            _ = R.full(YEARS).values


class TestMeasure:
    @pytest.mark.parametrize(
        ("region", "expected"),
        [
            (R.interval(YEARS, 15, 50), 0.35),
            (R.of(YEARS, [(0, 10), (90, 100)]), 0.2),
            (R.point(YEARS, 40), 0.0),
            (R.labels(BODIES, ["US", "EU"]), 0.5),
            (R.interval(TIERS, "none", "coalition force"), 0.75),
        ],
    )
    def test_worked_examples(self, region: nt.Region, expected: float) -> None:
        """Length over the scale's length; labels over labels on labelled scales."""
        assert region.measure == pytest.approx(expected)


class TestIntersectionAndUnion:
    def test_numeric_example(self) -> None:
        """[0, 50] ∩ [40, 100] = [40, 50]; their union is the whole scale."""
        a, b = R.interval(YEARS, 0, 50), R.interval(YEARS, 40, 100)
        assert (a & b) == a.intersection(b) == R.interval(YEARS, 40, 50)
        assert (a | b) == a.union(b) == R.full(YEARS)

    def test_touching_intervals_meet_in_a_point(self) -> None:
        """Closed intervals that touch share their common end."""
        a, b = R.interval(YEARS, 0, 15), R.interval(YEARS, 15, 50)
        assert a & b == R.point(YEARS, 15)

    def test_nominal_example(self) -> None:
        """Label sets intersect and unite as sets."""
        a, b = R.labels(BODIES, ["US", "EU"]), R.labels(BODIES, ["EU", "UN"])
        assert (a & b).values == ("EU",)
        assert (a | b).values == ("US", "EU", "UN")

    def test_different_scales_raise(self) -> None:
        """Operands on different scales raise ScaleMismatchError naming both scales."""
        other = nt.NumericScale(0, 100, unit="$bn")
        with raises(
            ScaleMismatchError, ValueError, "Region.intersection", "0–100 years", "0–100 $bn"
        ):
            _ = R.full(YEARS) & R.full(other)
        with raises(ScaleMismatchError, ValueError, "Region.union", "different scales"):
            R.full(YEARS).union(R.full(TIERS))

    def test_non_region_operand(self) -> None:
        """& and | with a non-region give TypeError; the named methods InvalidTypeError."""
        bad: Any = (0, 10)
        with pytest.raises(TypeError, match=re.escape("for &: 'Region' and 'tuple'")):
            _ = R.full(YEARS) & bad
        with pytest.raises(TypeError, match=re.escape("for |: 'Region' and 'tuple'")):
            _ = R.full(YEARS) | bad
        with raises(InvalidTypeError, TypeError, "Region.union needs a Region, not tuple"):
            R.full(YEARS).union(bad)


class TestHull:
    def test_fills_the_gaps_on_ordered_scales(self) -> None:
        """The hull runs from the lowest to the highest value."""
        assert R.of(YEARS, [(0, 10), (20, 30)]).hull() == R.interval(YEARS, 0, 30)
        assert R.labels(TIERS, ["none", "article-5-like"]).hull() == R.full(TIERS)

    def test_is_the_region_on_nominal_scales(self) -> None:
        """Nothing lies between unordered labels."""
        c = R.labels(BODIES, ["US", "UN"])
        assert c.hull() == c

    def test_of_empty_is_empty(self) -> None:
        """The hull of nothing is nothing."""
        assert R.empty(YEARS).hull().is_empty


class TestContains:
    def test_membership(self) -> None:
        """Method and operator agree; a gap between parts is outside."""
        a = R.of(YEARS, [(0, 10), (20, 30)])
        assert a.contains(10)
        assert 25 in a
        assert 15 not in a

    def test_off_scale_value_raises(self) -> None:
        """Asking about a value off the scale raises OffScaleError rather than answering."""
        with raises(OffScaleError, ValueError, "Region.contains='NATO'", "not a label"):
            _ = "NATO" in R.full(BODIES)


class TestIsSubsetAndIsDisjoint:
    def test_subset(self) -> None:
        """[20, 30] ⊆ [0, 50] but not the other way round."""
        small, big = R.interval(YEARS, 20, 30), R.interval(YEARS, 0, 50)
        assert small.is_subset(big)
        assert not big.is_subset(small)

    def test_disjoint(self) -> None:
        """Touching closed intervals are not disjoint; separated ones are."""
        assert not R.interval(YEARS, 0, 10).is_disjoint(R.interval(YEARS, 10, 20))
        assert R.interval(YEARS, 0, 10).is_disjoint(R.interval(YEARS, 11, 20))


class TestDistanceToAndNearest:
    def test_distance_to_a_value(self) -> None:
        """70 is 0.2 from [15, 50]; a value inside is 0 away."""
        a = R.interval(YEARS, 15, 50)
        assert a.distance_to(70) == pytest.approx(0.2)
        assert a.distance_to(30) == 0.0

    def test_nearest_value(self) -> None:
        """The nearest acceptable value to 70 in [15, 50] ∪ [80, 90] is 80."""
        a = R.of(YEARS, [(15, 50), (80, 90)])
        assert a.nearest(70) == 80.0
        assert a.nearest(65) == 50.0

    def test_nominal(self) -> None:
        """On a nominal scale a label is 0 or 1 from a region."""
        c = R.labels(BODIES, ["US", "EU"])
        assert c.distance_to("EU") == 0.0
        assert c.distance_to("UN") == 1.0

    def test_empty_region_raises(self) -> None:
        """Distances to the empty region raise EmptyRegionError."""
        with raises(EmptyRegionError, ValueError, "Region.distance_to", "non-empty"):
            R.empty(YEARS).distance_to(5)
        with raises(EmptyRegionError, ValueError, "Region.nearest", "non-empty"):
            R.empty(YEARS).nearest(5)


class TestGap:
    def test_guarantee_years_example(self) -> None:
        """US ≤ 15 and Ukraine ≥ 50 on 0–100 years are 0.35 of the scale apart."""
        us, ua = R.interval(YEARS, 0, 15), R.interval(YEARS, 50, 100)
        assert us.gap(ua) == pytest.approx(0.35)

    def test_overlapping_or_touching_regions_have_no_gap(self) -> None:
        """Regions that meet have gap 0."""
        assert R.interval(YEARS, 0, 15).gap(R.interval(YEARS, 15, 50)) == 0.0

    def test_smallest_distance_between_parts(self) -> None:
        """The gap is taken between the closest parts of multi-part regions."""
        a = R.of(YEARS, [(0, 10), (60, 70)])
        b = R.of(YEARS, [(30, 40), (90, 100)])
        assert a.gap(b) == pytest.approx(0.2)

    def test_ordinal_gap_by_rank(self) -> None:
        """None vs coalition force and up: two steps of three."""
        a = R.point(TIERS, "none")
        b = R.interval(TIERS, "coalition force", "article-5-like")
        assert a.gap(b) == pytest.approx(2 / 3)

    def test_empty_region_raises(self) -> None:
        """A gap to the empty region raises EmptyRegionError showing both regions."""
        with raises(EmptyRegionError, ValueError, "Region.gap", "[0, 100] and ∅"):
            R.full(YEARS).gap(R.empty(YEARS))


class TestHausdorff:
    def test_worked_example(self) -> None:
        """[0, 15] vs [0, 50]: the farthest point of either from the other is 35 away."""
        assert R.interval(YEARS, 0, 15).hausdorff(R.interval(YEARS, 0, 50)) == pytest.approx(0.35)

    def test_gap_in_the_other_region_counts(self) -> None:
        """The middle of [0, 100] is 40 from [0, 10] ∪ [90, 100]."""
        a = R.full(YEARS)
        b = R.of(YEARS, [(0, 10), (90, 100)])
        assert a.hausdorff(b) == pytest.approx(0.4)

    def test_ordinal_gap_uses_labels_only(self) -> None:
        """On ordinal labels the farthest label inside a gap counts, not a half-way point."""
        s = nt.OrdinalScale(["a", "b", "c", "d", "e", "f"])
        full = R.full(s)
        ends = R.labels(s, ["a", "f"])
        # c and d are each two steps from the nearest end, of five steps in all.
        assert full.hausdorff(ends) == pytest.approx(2 / 5)

    def test_gap_narrower_than_a_float_step_still_counts(self) -> None:
        """An interval one float step wide is not the set of its two ends: distance > 0."""
        s = nt.NumericScale(0.55, 636)
        step = math.nextafter(0.55, 1.0)
        interval = R(s, [(0.55, step)])
        ends = R(s, [(0.55, 0.55), (step, step)])
        assert interval != ends
        assert interval.hausdorff(ends) > 0.0
        assert ends.hausdorff(interval) == interval.hausdorff(ends)

    def test_empty_region_raises(self) -> None:
        """Hausdorff distance to the empty region raises EmptyRegionError."""
        with raises(EmptyRegionError, ValueError, "Region.hausdorff", "∅ and [0, 100]"):
            R.empty(YEARS).hausdorff(R.full(YEARS))


class TestEquality:
    def test_same_set_same_region(self) -> None:
        """Regions holding the same set are ==, hash alike and dedupe in sets."""
        a = R.of(YEARS, [(0, 10), (10, 20)])
        b = R.interval(YEARS, 0, 20)
        assert a == b
        assert hash(a) == hash(b)
        assert len({a, b}) == 1

    def test_same_parts_on_another_scale_differ(self) -> None:
        """The same numbers on a different scale are a different region."""
        assert R.interval(YEARS, 0, 20) != R.interval(nt.NumericScale(0, 100), 0, 20)

    def test_subclass_instances_compare_by_set(self) -> None:
        """A subclass holding the same set equals the plain region."""

        class Tagged(nt.Region):
            pass

        assert Tagged(YEARS, [(0.0, 20.0)]) == R.interval(YEARS, 0, 20)

    def test_not_equal_to_other_types(self) -> None:
        """A region is never equal to its parts or a string."""
        a = R.interval(YEARS, 0, 20)
        assert a != ((0.0, 20.0),)
        assert a != "[0, 20]"

    @given(r=nts.regions())
    def test_repr_names_scale_and_set(self, r: nt.Region) -> None:
        """The repr shows the scale and the set in plain notation."""
        assert repr(r) == f"Region({r.scale}: {r.describe()})"


class TestDescribe:
    @pytest.mark.parametrize(
        ("region", "text"),
        [
            (R.of(YEARS, [(15, 50), (60, 70)]), "[15, 50] ∪ [60, 70]"),
            (R.labels(TIERS, ["none", "article-5-like"]), "{none} ∪ {article-5-like}"),
            (R.labels(BODIES, ["EU", "US"]), "{US, EU}"),
            (R.empty(BODIES), "∅"),
        ],
    )
    def test_plain_notation(self, region: nt.Region, text: str) -> None:
        """Intervals joined by ∪, label sets in braces, ∅ for nothing."""
        assert region.describe() == text
