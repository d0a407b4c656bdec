"""Tests of negotrack.testing.laws: the law checker users run on their own regions."""

from __future__ import annotations

import ast
import inspect
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.errors import InvalidTypeError, OffScaleError, ScaleMismatchError
from negotrack.model.regions import Region
from negotrack.model.scales import Value
from negotrack.testing import laws
from negotrack.testing import strategies as nts
from negotrack.testing.laws import REGION_LAWS, LawViolation, check_region_laws

YEARS = nt.NumericScale(0, 100, unit="years")
TIERS = nt.OrdinalScale(["none", "assurances", "coalition force", "article-5-like"])
BODIES = nt.NominalScale(["US", "EU", "UN", "US-Russia"])

# Three regions chosen so each breakage below shows: a has two parts, b bridges a's gap,
# c lies apart from both.
A_PARTS = [(0.0, 10.0), (20.0, 30.0)]
B_PARTS = [(5.0, 25.0)]
C_PARTS = [(40.0, 50.0)]


# ---------------------------------------------------------------------------- broken classes
# Each subclass gets one thing wrong, the way a hurried re-implementation might.


class IntersectionReturnsLeft(Region):
    def intersection(self, other: Region) -> Region:
        return self


class UnionDropsLastInterval(Region):
    def union(self, other: Region) -> Region:
        u = super().union(other)
        return Region(u.scale, u.parts[:-1]) if len(u.parts) > 1 else u


class HullIsIdentity(Region):
    def hull(self) -> Region:
        return self


class GapFromLowEnds(Region):
    def gap(self, other: Region) -> float:
        return abs(self.parts[0][0] - other.parts[0][0]) / self.scale.span


class OneSidedHausdorff(Region):
    def hausdorff(self, other: Region) -> float:
        return self._directed_hausdorff(other) / self.scale.span


class UnnormalisedMeasure(Region):
    @property
    def measure(self) -> float:
        return sum(hi - lo for lo, hi in self.parts)


class IgnoresScales(Region):
    def _check(self, other: Region, op: str) -> None:
        return None


class ContainsIsHalfOpen(Region):
    def contains(self, value: Value) -> bool:
        c = self.scale.coord(value)
        return any(lo <= c < hi for lo, hi in self.parts)


class GapRaises(Region):
    def gap(self, other: Region) -> float:
        raise RuntimeError("not implemented yet")


class NeverMerges(Region):
    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(sorted(self.parts)))


BREAKAGES: list[tuple[type[Region], str]] = [
    (IntersectionReturnsLeft, "intersection_is_commutative"),
    (UnionDropsLastInterval, "union_is_associative"),
    (HullIsIdentity, "hull_is_the_smallest_interval_holding_the_region"),
    (ContainsIsHalfOpen, "contains_agrees_with_intersection"),
    (NeverMerges, "equal_sets_are_equal_regions"),
    (UnnormalisedMeasure, "measure_lies_in_unit_interval"),
    (OneSidedHausdorff, "hausdorff_is_symmetric"),
    (GapRaises, "gap_lies_in_unit_interval"),
    (GapFromLowEnds, "gap_is_zero_iff_closures_meet"),
    (IgnoresScales, "operands_on_different_scales_raise_scale_mismatch"),
]


def broken_triple(cls: type[Region]) -> tuple[Region, Region, Region]:
    """Build the three test regions as instances of ``cls``."""
    return cls(YEARS, A_PARTS), cls(YEARS, B_PARTS), cls(YEARS, C_PARTS)


class TestLawViolation:
    def test_is_an_assertion_error_naming_the_law(self) -> None:
        """LawViolation is an AssertionError carrying the law's name in .law and the message."""
        err = LawViolation("gap_is_symmetric", "gap(a, b) = 0.1 but gap(b, a) = 0.2")
        assert isinstance(err, AssertionError)
        assert err.law == "gap_is_symmetric"
        assert "gap_is_symmetric" in str(err)
        assert "gap(b, a) = 0.2" in str(err)


class TestCheckRegionLaws:
    @given(t=nts.same_scale_regions(3), data=st.data())
    def test_passes_on_strategies_output(self, t: tuple[Region, ...], data: st.DataObject) -> None:
        """Every law holds on regions and values drawn from negotrack's own strategies."""
        a, b, c = t
        values = data.draw(st.lists(nts.values(a.scale), max_size=4))
        check_region_laws(a, b, c, values=values)

    @pytest.mark.parametrize(
        ("scale", "parts"),
        [
            (YEARS, [A_PARTS, B_PARTS, C_PARTS]),
            (TIERS, [[(0.0, 0.0), (2.0, 3.0)], [(1.0, 1.0)], []]),
            (BODIES, [[(0.0, 0.0), (2.0, 2.0)], [(2.0, 2.0)], [(1.0, 1.0), (3.0, 3.0)]]),
        ],
    )
    def test_passes_on_hand_made_regions_with_probe_values(
        self, scale: nt.Scale, parts: list[list[tuple[float, float]]]
    ) -> None:
        """With no values given, the checker probes ends, endpoints and points between."""
        a, b, c = (Region(scale, p) for p in parts)
        check_region_laws(a, b, c)

    @pytest.mark.parametrize(("cls", "law"), BREAKAGES, ids=[c.__name__ for c, _ in BREAKAGES])
    def test_names_the_law_a_broken_region_class_breaks(self, cls: type[Region], law: str) -> None:
        """A Region subclass with one operation wrong fails with that operation's law."""
        a, b, c = broken_triple(cls)
        with pytest.raises(LawViolation) as info:
            check_region_laws(a, b, c)
        assert info.value.law == law
        assert str(info.value).startswith(f"law {law} does not hold: ")

    @pytest.mark.parametrize(("cls", "law"), BREAKAGES, ids=[c.__name__ for c, _ in BREAKAGES])
    def test_broken_class_passes_every_law_it_does_not_touch_before(
        self, cls: type[Region], law: str
    ) -> None:
        """The laws checked before the broken one hold: the checker blames the right law."""
        a, b, c = broken_triple(cls)
        earlier = REGION_LAWS[: REGION_LAWS.index(law)]
        check_region_laws(a, b, c, laws=earlier)

    def test_message_shows_the_offending_regions(self) -> None:
        """The message shows the regions the law failed on, in plain notation."""
        a, b, c = broken_triple(IntersectionReturnsLeft)
        with pytest.raises(LawViolation, match=r"\[0, 10\] ∪ \[20, 30\].*\[5, 25\]"):
            check_region_laws(a, b, c)

    def test_an_error_inside_a_law_is_reported_as_that_law(self) -> None:
        """An exception raised while checking a law becomes a LawViolation naming the error."""
        a, b, c = broken_triple(GapRaises)
        with pytest.raises(LawViolation, match="RuntimeError: not implemented yet") as info:
            check_region_laws(a, b, c)
        assert isinstance(info.value.__cause__, RuntimeError)

    def test_laws_selects_a_subset(self) -> None:
        """Only the named laws are checked: a broken union passes the intersection laws."""
        a, b, c = broken_triple(UnionDropsLastInterval)
        check_region_laws(a, b, c, laws=["intersection_is_commutative", "hull_is_idempotent"])
        with pytest.raises(LawViolation, match="operand_is_subset_of_union"):
            check_region_laws(a, b, c, laws=["operand_is_subset_of_union"])

    def test_unknown_law_name_raises(self) -> None:
        """An unknown law name raises InvalidTypeError naming it."""
        r = Region.full(YEARS)
        with pytest.raises(InvalidTypeError, match=r"unknown laws.*'union_is_commutativ'"):
            check_region_laws(r, r, r, laws=["union_is_commutativ"])

    def test_regions_on_different_scales_raise(self) -> None:
        """Operands on different scales raise ScaleMismatchError naming the operand and scales."""
        a = Region.full(YEARS)
        other = Region.full(nt.NumericScale(0, 50))
        with pytest.raises(ScaleMismatchError, match="c lies on scale 0–50, a on 0–100 years"):
            check_region_laws(a, a, other)

    def test_non_region_operand_raises(self) -> None:
        """A non-Region operand raises InvalidTypeError (also a TypeError) naming it."""
        r = Region.full(YEARS)
        bad: Any = (0, 10)
        with pytest.raises(InvalidTypeError, match=r"b=\(0, 10\) must be a Region") as info:
            check_region_laws(r, bad, r)
        assert isinstance(info.value, TypeError)

    def test_off_scale_value_raises(self) -> None:
        """A probe value off the scale raises OffScaleError naming the value."""
        r = Region.full(YEARS)
        with pytest.raises(OffScaleError, match="values=120 is off scale"):
            check_region_laws(r, r, r, values=[10, 120])

    def test_bad_tolerance_raises(self) -> None:
        """A tolerance that is not a number in [0, 1) raises InvalidTypeError."""
        r = Region.full(YEARS)
        with pytest.raises(
            InvalidTypeError, match=re.escape("tolerance=nan must be a number in [0, 1)")
        ):
            check_region_laws(r, r, r, tolerance=math.nan)


class TestRegionLaws:
    def test_names_are_distinct_and_each_is_checked(self) -> None:
        """Every law name is unique and has a checking method."""
        assert len(set(REGION_LAWS)) == len(REGION_LAWS)
        for law in REGION_LAWS:
            assert callable(getattr(laws._Checker, law))

    def test_every_law_has_its_own_property_test(self) -> None:
        """Each law the checker knows is also a property test named after it."""
        source = Path(__file__).with_name("test_region_laws.py").read_text(encoding="utf-8")
        tests = {
            node.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        }
        missing = [law for law in REGION_LAWS if f"test_{law}" not in tests]
        assert missing == []


class TestModule:
    def test_never_imports_pytest_or_hypothesis(self) -> None:
        """The law checker runs without pytest or hypothesis installed."""
        tree = ast.parse(inspect.getsource(laws))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"pytest", "hypothesis", "_pytest"}
