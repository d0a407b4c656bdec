"""Tests of negotrack.model.scales: numeric, ordinal and nominal scales."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.errors import InvalidScaleError, InvalidTypeError, NegotrackError, OffScaleError
from negotrack.model.scales import format_number
from negotrack.testing import strategies as nts

YEARS = nt.NumericScale(0, 100, unit="years")
TIERS = nt.OrdinalScale(["none", "assurances", "coalition force", "article-5-like"])
BODIES = nt.NominalScale(["US", "EU", "UN", "US-Russia"])


def raises(
    error: type[NegotrackError], builtin: type[Exception], *words: str
) -> pytest.RaisesExc[NegotrackError]:
    """Expect ``error`` (also a ``builtin``) whose message contains every word in order."""
    assert issubclass(error, builtin)
    return pytest.raises(error, match=".*".join(map(re.escape, words)))


class TestNumericScale:
    def test_keeps_bounds_and_unit(self) -> None:
        """Bounds become floats and the unit is kept; str and repr read naturally."""
        assert (YEARS.lo, YEARS.hi, YEARS.unit) == (0.0, 100.0, "years")
        assert str(YEARS) == "0–100 years"
        assert repr(YEARS) == "NumericScale(0, 100, unit='years')"
        assert (YEARS.kind, YEARS.ordered, YEARS.discrete) == ("numeric", True, False)

    def test_equal_arguments_give_equal_hashable_scales(self) -> None:
        """Two scales built alike are == and hash alike; a different unit is another scale."""
        assert nt.NumericScale(0, 100, unit="years") == YEARS
        assert hash(nt.NumericScale(0.0, 100.0, unit="years")) == hash(YEARS)
        assert nt.NumericScale(0, 100) != YEARS

    @pytest.mark.parametrize(
        ("lo", "hi", "field", "shown"),
        [
            (math.nan, 1, "NumericScale.lo", "nan"),
            (0, math.inf, "NumericScale.hi", "inf"),
            (-math.inf, 0, "NumericScale.lo", "-inf"),
        ],
    )
    def test_rejects_non_finite_bounds(self, lo: float, hi: float, field: str, shown: str) -> None:
        """NaN or infinite bounds raise InvalidScaleError naming the bound and value."""
        with raises(InvalidScaleError, ValueError, f"{field}={shown}", "finite") as info:
            nt.NumericScale(lo, hi)
        assert info.value.path == field

    @pytest.mark.parametrize(("lo", "hi"), [(10, 0), (5, 5)])
    def test_rejects_inverted_or_empty_range(self, lo: float, hi: float) -> None:
        """An upper bound not above the lower raises InvalidScaleError naming both."""
        with raises(InvalidScaleError, ValueError, f"NumericScale.hi={hi}", f"lo={lo}"):
            nt.NumericScale(lo, hi)

    def test_rejects_a_range_too_wide_for_floats(self) -> None:
        """A range whose width overflows to infinity raises InvalidScaleError."""
        with raises(InvalidScaleError, ValueError, "lo=-1e+308 to hi=1e+308", "too wide"):
            nt.NumericScale(-1e308, 1e308)

    @pytest.mark.parametrize("bad", ["0", None, True])
    def test_rejects_non_numbers(self, bad: Any) -> None:
        """A bound that is not a number raises InvalidTypeError (a TypeError) naming it."""
        with raises(InvalidTypeError, TypeError, f"NumericScale.lo={bad!r}", "must be a number"):
            nt.NumericScale(bad, 1)

    def test_rejects_non_string_unit(self) -> None:
        """A unit that is not a string raises InvalidTypeError naming it."""
        bad: Any = 3
        with raises(InvalidTypeError, TypeError, "NumericScale.unit=3"):
            nt.NumericScale(0, 1, unit=bad)


class TestLabelledScales:
    @pytest.mark.parametrize("cls", [nt.OrdinalScale, nt.NominalScale])
    def test_rejects_repeated_labels(self, cls: type[nt.OrdinalScale]) -> None:
        """A repeated label raises InvalidScaleError naming the label."""
        with raises(InvalidScaleError, ValueError, f"{cls.__name__}.labels", "repeats 'a'"):
            cls(["a", "b", "a"])

    @pytest.mark.parametrize("cls", [nt.OrdinalScale, nt.NominalScale])
    def test_rejects_fewer_than_two_labels(self, cls: type[nt.OrdinalScale]) -> None:
        """One label is not a scale: InvalidScaleError with the labels shown."""
        with raises(InvalidScaleError, ValueError, f"{cls.__name__}.labels=['a']", "at least 2"):
            cls(["a"])

    @pytest.mark.parametrize("bad", ["", "  ", 3, None])
    def test_rejects_blank_or_non_string_labels(self, bad: Any) -> None:
        """An empty or non-string label raises InvalidScaleError naming it."""
        with raises(InvalidScaleError, ValueError, "OrdinalScale.labels contains", repr(bad)):
            nt.OrdinalScale(["a", bad])

    def test_rejects_one_string_for_labels(self) -> None:
        """A single string is not taken letter by letter: InvalidTypeError."""
        with raises(InvalidTypeError, TypeError, "NominalScale.labels='abc'", "not one string"):
            nt.NominalScale("abc")

    def test_ordinal_scale_reads_as_an_order(self) -> None:
        """An ordinal scale prints its labels lowest first, joined by <."""
        assert str(TIERS) == "none < assurances < coalition force < article-5-like"
        assert (TIERS.kind, TIERS.ordered, TIERS.discrete) == ("ordinal", True, True)

    def test_nominal_scale_reads_as_a_set(self) -> None:
        """A nominal scale prints its labels as a set and is unordered."""
        assert str(BODIES) == "{US, EU, UN, US-Russia}"
        assert (BODIES.kind, BODIES.ordered, BODIES.discrete) == ("nominal", False, True)


class TestCoord:
    def test_numeric_coordinate_is_the_number(self) -> None:
        """On a numeric scale the coordinate is the value as a float."""
        assert YEARS.coord(15) == 15.0

    def test_label_coordinate_is_its_index(self) -> None:
        """On a labelled scale the coordinate is the label's index."""
        assert TIERS.coord("coalition force") == 2.0
        assert BODIES.coord("UN") == 2.0

    @pytest.mark.parametrize("bad", [120, -0.5, math.nan, math.inf])
    def test_numeric_value_off_scale_raises(self, bad: float) -> None:
        """A number outside [lo, hi] (or NaN, inf) raises OffScaleError naming it and the scale."""
        with raises(OffScaleError, ValueError, f"ideal={bad!r}", "off scale 0–100 years"):
            YEARS.coord(bad, field="ideal")

    def test_label_off_scale_raises(self) -> None:
        """A label not on the scale raises OffScaleError naming the label and the scale."""
        with raises(OffScaleError, ValueError, "value='nato'", "not a label of scale"):
            TIERS.coord("nato")

    def test_string_on_numeric_scale_raises_type_error(self) -> None:
        """A string on a numeric scale raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, "value='15'", "must be a number"):
            YEARS.coord("15")

    @given(s=nts.scales(), data=st.data())
    def test_value_inverts_coord(self, s: nt.Scale, data: st.DataObject) -> None:
        """scale.value(scale.coord(v)) == v for every value on the scale."""
        v = data.draw(nts.values(s))
        assert s.value(s.coord(v)) == v


class TestNormalize:
    def test_numeric_is_linear(self) -> None:
        """A numeric scale maps lo to 0, hi to 1, linearly between."""
        s = nt.NumericScale(-50, 150)
        assert (s.normalize(-50), s.normalize(50), s.normalize(150)) == (0.0, 0.5, 1.0)

    def test_ordinal_is_by_rank(self) -> None:
        """An ordinal scale maps the k-th of n labels to k / (n - 1)."""
        assert [TIERS.normalize(x) for x in TIERS.labels] == [0.0, 1 / 3, 2 / 3, 1.0]

    @given(s=nts.scales(), data=st.data())
    def test_lies_in_unit_interval(self, s: nt.Scale, data: st.DataObject) -> None:
        """Every value maps into [0, 1]."""
        assert 0.0 <= s.normalize(data.draw(nts.values(s))) <= 1.0


class TestDistance:
    def test_numeric_distance_is_share_of_the_scale(self) -> None:
        """15 and 50 years on 0–100 years are 0.35 apart."""
        assert YEARS.distance(15, 50) == pytest.approx(0.35)

    def test_ordinal_distance_is_by_rank(self) -> None:
        """Neighbouring tiers of four are a third apart."""
        assert TIERS.distance("none", "assurances") == pytest.approx(1 / 3)

    def test_nominal_distance_is_discrete(self) -> None:
        """Two different labels are 1 apart, a label is 0 from itself, whatever the order."""
        assert BODIES.distance("US", "US-Russia") == 1.0
        assert BODIES.distance("US", "EU") == 1.0
        assert BODIES.distance("EU", "EU") == 0.0

    def test_distinct_values_are_never_zero_apart(self) -> None:
        """Two numbers a hair apart on a wide scale keep a positive distance."""
        s = nt.NumericScale(-1000, 1000)
        assert s.distance(0.0, 5e-324) > 0.0

    def test_off_scale_value_raises(self) -> None:
        """A value off the scale raises OffScaleError."""
        with raises(OffScaleError, ValueError, "value=200", "off scale"):
            YEARS.distance(0, 200)


class TestShare:
    def test_divides_by_the_span(self) -> None:
        """A length is expressed as a share of the span."""
        assert nt.NumericScale(0, 200).share(50) == 0.25

    def test_clamps_to_unit_interval(self) -> None:
        """Negative lengths give 0, lengths past the span give 1."""
        assert YEARS.share(-1) == 0.0
        assert YEARS.share(250) == 1.0


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("x", "text"),
        [(15.0, "15"), (32.5, "32.5"), (-0.0, "0"), (1 / 3, "0.333333"), (1e20, "1e+20")],
    )
    def test_formats_for_people(self, x: float, text: str) -> None:
        """Integers lose their .0; others keep six significant digits."""
        assert format_number(x) == text
