"""Tests of negotrack.analysis.utilities: linear-additive utilities and their derivation."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.utilities import candidate_outcomes
from negotrack.testing import strategies as nts

YEARS = nt.NumericScale(0, 100, unit="years")
TIERS = nt.OrdinalScale(["none", "assurances", "force", "article-5"])
BODIES = nt.NominalScale(["US", "EU", "UN"])


def _pos(scale: nt.Scale, ideal: object, region: nt.Region, **kw: object) -> nt.Position:
    return nt.Position(ideal=ideal, acceptable=region, **kw)  # type: ignore[arg-type]


class TestUtilityFunction:
    def test_sums_weighted_values(self) -> None:
        """The utility is the weighted sum of table and function values."""
        u = nt.UtilityFunction(
            weights={"a": 0.5, "b": 2.0},
            values={"a": {"x": 0.4, "y": 1.0}, "b": lambda v: float(v) / 10},
        )
        assert u({"a": "x", "b": 3}) == pytest.approx(0.5 * 0.4 + 2.0 * 0.3)

    def test_infeasible_outcome_makes_package_infeasible(self) -> None:
        """An INFEASIBLE table value makes the whole package -inf, even at weight 0."""
        u = nt.UtilityFunction(
            weights={"a": 0.0, "b": 1.0},
            values={"a": {"x": nt.INFEASIBLE, "y": 0.0}, "b": {1: 1.0}},
        )
        assert u({"a": "x", "b": 1}) == -math.inf
        assert u({"a": "y", "b": 1}) == 1.0

    def test_unweighted_issues_contribute_nothing(self) -> None:
        """Extra issues in a package, not weighted by the function, are ignored."""
        u = nt.UtilityFunction(weights={"a": 1.0}, values={"a": {0: 0.5}})
        assert u({"a": 0, "zzz": 5}) == 0.5

    def test_negative_weight_raises(self) -> None:
        """A negative weight is a ValidationError naming the issue and value."""
        with pytest.raises(
            nt.errors.ValidationError, match=r"weights\['a'\]=-1 must be a finite number >= 0"
        ):
            nt.UtilityFunction(weights={"a": -1}, values={"a": {0: 1.0}})

    def test_nan_weight_raises(self) -> None:
        """A NaN weight is a ValidationError."""
        with pytest.raises(nt.errors.ValidationError, match=r"weights\['a'\]=nan must be a finite"):
            nt.UtilityFunction(weights={"a": math.nan}, values={"a": {0: 1.0}})

    def test_non_number_weight_raises(self) -> None:
        """A string weight is an InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"weights\['a'\]='1' must be a number"
        ):
            nt.UtilityFunction(weights={"a": "1"}, values={"a": {0: 1.0}})  # type: ignore[dict-item]

    def test_weighted_issue_without_values_raises(self) -> None:
        """Every weighted issue needs a value table or function."""
        with pytest.raises(nt.errors.ValidationError, match="has no value for issue 'b'"):
            nt.UtilityFunction(weights={"a": 1, "b": 1}, values={"a": {0: 1.0}})

    def test_nan_table_value_raises(self) -> None:
        """A NaN in a value table is a ValidationError naming the outcome."""
        with pytest.raises(
            nt.errors.ValidationError,
            match=r"values\['a'\]\[0\]=nan must be a finite number or INFEASIBLE",
        ):
            nt.UtilityFunction(weights={"a": 1}, values={"a": {0: math.nan}})

    def test_non_number_table_value_raises(self) -> None:
        """A string in a value table is an InvalidTypeError naming the outcome and the type."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"values\['a'\]\[0\]='x' must be a number, not str"
        ):
            nt.UtilityFunction(weights={"a": 1}, values={"a": {0: "x"}})  # type: ignore[dict-item]

    def test_weights_not_a_mapping_raises(self) -> None:
        """Weights that are not a mapping are an InvalidTypeError saying what they must be."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"UtilityFunction.weights=\[1\] must be a mapping from issue id to weight",
        ):
            nt.UtilityFunction(weights=[1], values={})  # type: ignore[arg-type]

    def test_values_not_a_mapping_raises(self) -> None:
        """Values that are not a mapping are an InvalidTypeError saying what they must be."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"UtilityFunction.values=3 must be a mapping from issue id to a value table",
        ):
            nt.UtilityFunction(weights={}, values=3)  # type: ignore[arg-type]

    def test_value_neither_table_nor_function_raises(self) -> None:
        """An issue's value that is neither a table nor a function is an InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"values\['a'\]=5 must be a mapping or a function",
        ):
            nt.UtilityFunction(weights={"a": 1}, values={"a": 5})  # type: ignore[dict-item]

    def test_outcome_missing_from_table_raises(self) -> None:
        """Valuing an outcome the table lacks is an AnalysisError naming outcome and issue."""
        u = nt.UtilityFunction(weights={"a": 1}, values={"a": {0: 1.0}})
        with pytest.raises(
            nt.errors.AnalysisError, match="outcome 7 of issue 'a' is not in the value table"
        ):
            u({"a": 7})

    def test_nan_reserved_raises(self) -> None:
        """A NaN reserved value is a ValidationError."""
        with pytest.raises(nt.errors.ValidationError, match="reserved=nan must be a number"):
            nt.UtilityFunction(weights={"a": 1}, values={"a": {0: 1.0}}, reserved=math.nan)

    def test_unknown_issue_raises(self) -> None:
        """Asking the value on an unknown issue is an AnalysisError listing known issues."""
        u = nt.UtilityFunction(weights={"a": 1}, values={"a": {0: 1.0}})
        with pytest.raises(nt.errors.AnalysisError, match=r"unknown issue 'b'; .* knows: a"):
            u.value("b", 0)

    def test_missing_outcome_raises(self) -> None:
        """A package without an outcome for a weighted issue is an AnalysisError."""
        u = nt.UtilityFunction(weights={"a": 1}, values={"a": {0: 1.0}})
        with pytest.raises(nt.errors.AnalysisError, match="no outcome for issue 'a'"):
            u({})

    def test_outcome_not_in_table_raises(self) -> None:
        """An outcome missing from a value table is an AnalysisError."""
        u = nt.UtilityFunction(weights={"a": 1}, values={"a": {0: 1.0}})
        with pytest.raises(nt.errors.AnalysisError, match="outcome 7 of issue 'a' is not in"):
            u({"a": 7})

    def test_function_returning_nan_raises(self) -> None:
        """A value function returning NaN is an AnalysisError."""
        u = nt.UtilityFunction(weights={"a": 1}, values={"a": lambda v: math.nan})
        with pytest.raises(nt.errors.AnalysisError, match="returned nan"):
            u({"a": 1})

    @given(nts.utility_functions({"x": [0, 1, 2], "y": ["a", "b"]}, infeasible=True))
    def test_utility_is_sum_of_contributions(self, u: nt.UtilityFunction) -> None:
        """u(package) equals the sum of weight × value over the weighted issues."""
        for x in (0, 1, 2):
            for y in ("a", "b"):
                parts = [u.weights["x"] * u.value("x", x), u.weights["y"] * u.value("y", y)]
                expected = (
                    -math.inf
                    if -math.inf in (u.value("x", x), u.value("y", y))
                    else parts[0] + parts[1]
                )
                assert u({"x": x, "y": y}) == pytest.approx(expected)


class TestPositionValue:
    def test_ordered_value_falls_linearly(self) -> None:
        """On a numeric scale the value is 1 - normalised distance from the ideal."""
        v = nt.PositionValue(position=_pos(YEARS, 40, nt.Region.full(YEARS)))
        assert (v(40), v(50), v(0), v(100)) == pytest.approx((1.0, 0.9, 0.6, 0.4))

    def test_ordinal_value_by_rank(self) -> None:
        """On an ordinal scale the distance is by rank."""
        v = nt.PositionValue(position=_pos(TIERS, "force", nt.Region.full(TIERS)))
        assert v("none") == pytest.approx(1 / 3)

    def test_nominal_values(self) -> None:
        """Nominal: 1 at the ideal, nominal_value elsewhere acceptable, 0 - penalty outside."""
        pos = _pos(BODIES, "US", nt.Region.labels(BODIES, ["US", "EU"]))
        v = nt.PositionValue(position=pos, nominal_value=0.4, penalty=0.25)
        assert (v("US"), v("EU"), v("UN")) == (1.0, 0.4, -0.25)

    def test_red_line_is_infeasible_outside(self) -> None:
        """Outside a red-line region the value is INFEASIBLE."""
        pos = _pos(YEARS, 50, nt.Region.interval(YEARS, 40, 60), red_line=True)
        assert nt.PositionValue(position=pos)(70) == nt.INFEASIBLE

    def test_soft_region_is_penalised_outside(self) -> None:
        """Outside a soft region the value loses the penalty."""
        pos = _pos(YEARS, 50, nt.Region.interval(YEARS, 40, 60))
        assert nt.PositionValue(position=pos, penalty=0.3)(70) == pytest.approx(0.8 - 0.3)

    def test_bad_penalty_raises(self) -> None:
        """A penalty outside [0, 1] is a ValidationError naming the field."""
        pos = _pos(YEARS, 50, nt.Region.full(YEARS))
        with pytest.raises(
            nt.errors.ValidationError, match=r"PositionValue.penalty=2 must be a number in \[0, 1\]"
        ):
            nt.PositionValue(position=pos, penalty=2)

    def test_non_position_raises(self) -> None:
        """Something other than a Position is an InvalidTypeError naming the field."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"PositionValue.position=3 must be a Position"
        ):
            nt.PositionValue(position=3)  # type: ignore[arg-type]

    @given(nts.positions(), st.data())
    def test_value_is_maximal_at_the_ideal(self, pos: nt.Position, data: st.DataObject) -> None:
        """No outcome is worth more than the ideal, which is worth 1."""
        v = nt.PositionValue(position=pos)
        x = data.draw(nts.values(pos.scale))
        assert v(pos.ideal) == 1.0
        assert v(x) <= 1.0

    @given(nts.positions(nts.numeric_scales()), st.data())
    def test_value_falls_with_distance_on_ordered_scales(
        self, pos: nt.Position, data: st.DataObject
    ) -> None:
        """Within the acceptable region, farther from the ideal is never worth more."""
        v = nt.PositionValue(position=pos)
        a, b = data.draw(nts.values(pos.scale)), data.draw(nts.values(pos.scale))
        if pos.acceptable.contains(a) and pos.acceptable.contains(b):
            da, db = pos.scale.distance(pos.ideal, a), pos.scale.distance(pos.ideal, b)
            if da <= db:
                assert v(a) >= v(b)


class TestUtilityFromPositions:
    def test_empty_positions_raise(self) -> None:
        """No positions: AnalysisError."""
        with pytest.raises(nt.errors.AnalysisError, match="needs at least one position"):
            nt.utility_from_positions({})

    def test_all_zero_saliences_weigh_equally(self) -> None:
        """When every salience is 0, the issues weigh the same."""
        full = nt.Region.full(YEARS)
        u = nt.utility_from_positions(
            {"a": _pos(YEARS, 0, full, salience=0), "b": _pos(YEARS, 0, full, salience=0)}
        )
        assert dict(u.weights) == {"a": 0.5, "b": 0.5}

    @given(st.dictionaries(nts.identifiers(), nts.positions(), min_size=1, max_size=4))
    def test_weights_sum_to_one(self, positions: dict[str, nt.Position]) -> None:
        """Derived weights are saliences normalised to sum to 1."""
        u = nt.utility_from_positions(positions)
        assert sum(u.weights.values()) == pytest.approx(1.0)
        total = sum(p.salience for p in positions.values())
        if total > 0:
            for i, p in positions.items():
                assert u.weights[i] == pytest.approx(p.salience / total)


class TestUtilitiesFromSnapshot:
    def _snapshot(self) -> nt.Snapshot:
        tl = nt.Timeline(
            issues=[nt.Issue("x", YEARS), nt.Issue("y", YEARS)],
            parties=[nt.Party("A"), nt.Party("B"), nt.Party("C")],
        )
        for p, i, ideal in [("A", "x", 10), ("A", "y", 20), ("B", "x", 90)]:
            tl.add(
                nt.Statement(
                    party=p,
                    issue=i,
                    date=datetime.date(2025, 1, 1),
                    position=nt.Position(ideal=ideal, acceptable=nt.Region.full(YEARS)),
                    source=nt.Source(title="t"),
                )
            )
        return tl.snapshot()

    def test_parties_with_positions_only(self) -> None:
        """Parties without any position are left out; issues are the party's own."""
        us = nt.utilities_from_snapshot(self._snapshot(), reserved={"A": 0.3})
        assert list(us) == ["A", "B"]
        assert us["A"].issues == ("x", "y")
        assert us["B"].issues == ("x",)
        assert (us["A"].reserved, us["B"].reserved) == (0.3, 0.0)

    def test_unknown_party_raises(self) -> None:
        """An unknown party id is an UnknownReferenceError naming it and the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match="parties: 'Z' is not a party of the timeline; known parties: A, B, C",
        ):
            nt.utilities_from_snapshot(self._snapshot(), parties=["Z"])

    def test_parties_in_any_order_give_the_snapshot_order(self) -> None:
        """The utilities come in the snapshot's party order, whatever order they are asked in."""
        assert list(nt.utilities_from_snapshot(self._snapshot(), parties=["B", "A"])) == ["A", "B"]

    def test_no_positions_raise(self) -> None:
        """A party set without positions is an AnalysisError."""
        with pytest.raises(
            nt.errors.AnalysisError,
            match=r"no party holds a position on issues \['x', 'y'\]; need at least one",
        ):
            nt.utilities_from_snapshot(self._snapshot(), parties=["C"])


class TestRandomUtilities:
    def test_reproducible(self) -> None:
        """The same seed gives the same problem; another seed another."""
        a = nt.random_utilities(2, 3, seed=1)[1]["p1"]
        b = nt.random_utilities(2, 3, seed=1)[1]["p1"]
        c = nt.random_utilities(2, 3, seed=2)[1]["p1"]
        assert dict(a.values) == dict(b.values) != dict(c.values)

    def test_shapes_and_ranges(self) -> None:
        """Weights sum to 1; values lie in [0, 1); reserved as given."""
        outcomes, us = nt.random_utilities(3, 4, 5, reserved=0.1)
        assert outcomes == {f"i{k}": (0, 1, 2, 3, 4) for k in range(4)}
        for u in us.values():
            assert sum(u.weights.values()) == pytest.approx(1.0)
            assert all(0 <= u.value(i, o) < 1 for i in outcomes for o in outcomes[i])
            assert u.reserved == 0.1

    def test_bad_size_raises(self) -> None:
        """A size below 1 is a ValidationError; a size that is no whole number, a wrong type."""
        with pytest.raises(nt.errors.ValidationError, match="n_issues=0 must be >= 1"):
            nt.random_utilities(2, 0)
        with pytest.raises(nt.errors.InvalidTypeError, match=r"n_values=2\.0 must be a whole"):
            nt.random_utilities(2, 2, 2.0)  # type: ignore[arg-type]


class TestCandidateOutcomes:
    def test_ideals_bounds_status_quo_and_grid(self) -> None:
        """Candidates are ideals, region bounds, the status quo and grid points, sorted."""
        pos = _pos(YEARS, 30, nt.Region.of(YEARS, [(10, 40), (60, 70)]))
        got = candidate_outcomes(YEARS, [pos], grid=4, status_quo=5)
        assert got == (0.0, 5.0, 10.0, 25.0, 30.0, 40.0, 50.0, 60.0, 70.0, 75.0, 100.0)

    def test_ordinal_grid_gives_every_label(self) -> None:
        """On an ordinal scale a grid adds every label."""
        pos = _pos(TIERS, "force", nt.Region.point(TIERS, "force"))
        assert candidate_outcomes(TIERS, [pos], grid=1) == TIERS.labels

    def test_negative_grid_raises(self) -> None:
        """A negative grid is a ValidationError; a grid that is no whole number, a wrong type."""
        with pytest.raises(nt.errors.ValidationError, match="grid=-1 must be >= 0"):
            candidate_outcomes(YEARS, [], grid=-1)
        with pytest.raises(nt.errors.InvalidTypeError, match="grid='4' must be a whole number"):
            candidate_outcomes(YEARS, [], grid="4")  # type: ignore[arg-type]
