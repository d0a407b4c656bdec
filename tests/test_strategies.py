"""Tests of negotrack.testing.strategies (model section) and their hypothesis registration."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.testing import strategies as nts

YEARS = nt.NumericScale(0, 100, unit="years")
BODIES = nt.NominalScale(["US", "EU", "UN", "US-Russia"])


#: For find(): stop at the first example that matches (no shrinking, no database).
FIRST = settings(phases=[Phase.generate], database=None)


def is_canonical(r: nt.Region) -> bool:
    """Whether the parts are canonical by definition, and rebuilding them changes nothing.

    Canonical: each part on the scale and not inverted, parts sorted and apart (on an
    ordinal scale at least one label apart, since neighbouring labels merge).
    """
    step = 1.0 if r.scale.ordered and r.scale.discrete else 0.0
    on_scale = all(r.scale.lowest <= lo <= hi <= r.scale.highest for lo, hi in r.parts)
    apart = all(a_hi + step < b_lo for (_, a_hi), (b_lo, _) in itertools.pairwise(r.parts))
    return on_scale and apart and nt.Region(r.scale, r.parts).parts == r.parts


class TestIdentifiers:
    @given(s=nts.identifiers(max_size=5))
    def test_are_valid_party_ids(self, s: str) -> None:
        """Identifiers are accepted as party ids and respect max_size."""
        assert nt.Party(s).id == s
        assert 1 <= len(s) <= 5


class TestNumericScales:
    @given(s=nts.numeric_scales(min_value=-10, max_value=10))
    def test_bounds_lie_in_range(self, s: nt.NumericScale) -> None:
        """Bounds lie in [min_value, max_value] with lo < hi."""
        assert -10 <= s.lo < s.hi <= 10

    @given(s=nts.numeric_scales(units=st.just("$bn")))
    def test_units_are_drawn_from_units(self, s: nt.NumericScale) -> None:
        """The unit comes from the units strategy."""
        assert s.unit == "$bn"

    def test_bad_range_raises(self) -> None:
        """min_value >= max_value is refused at once."""
        with pytest.raises(ValueError, match="min_value < max_value"):
            nts.numeric_scales(min_value=1, max_value=1)


class TestLabelledScales:
    @given(s=nts.ordinal_scales(min_size=3, max_size=4))
    def test_ordinal_sizes(self, s: nt.OrdinalScale) -> None:
        """Ordinal scales have between min_size and max_size labels."""
        assert 3 <= len(s.labels) <= 4

    @given(s=nts.nominal_scales(max_size=3))
    def test_nominal_sizes(self, s: nt.NominalScale) -> None:
        """Nominal scales have between 2 and max_size labels."""
        assert 2 <= len(s.labels) <= 3

    @given(s=nts.labelled_scales())
    def test_labelled_are_discrete(self, s: nt.Scale) -> None:
        """labelled_scales draws only ordinal or nominal scales."""
        assert s.discrete


class TestScales:
    @pytest.mark.parametrize("kind", ["numeric", "ordinal", "nominal"])
    def test_draws_every_kind(self, kind: str) -> None:
        """scales() reaches all three kinds, so law tests cover each."""
        found = find(nts.scales(), lambda s: s.kind == kind, settings=FIRST)
        assert found.kind == kind

    def test_shrinks_to_a_numeric_scale(self) -> None:
        """The simplest scale is numeric (failures shrink there first)."""
        assert find(nts.scales(), lambda s: True).kind == "numeric"


class TestValues:
    @given(s=nts.scales(), data=st.data())
    def test_lie_on_the_scale(self, s: nt.Scale, data: st.DataObject) -> None:
        """Drawn values are accepted by the scale."""
        v = data.draw(nts.values(s))
        assert s.value(s.coord(v)) == v


class TestRegions:
    @given(r=nts.regions(YEARS))
    def test_lie_on_the_given_scale(self, r: nt.Region) -> None:
        """Regions drawn for a scale lie on it and are canonical."""
        assert r.scale == YEARS
        assert is_canonical(r)

    @given(r=nts.regions(nts.nominal_scales(), max_parts=2))
    def test_accept_a_strategy_of_scales(self, r: nt.Region) -> None:
        """A strategy of scales is accepted; max_parts bounds the parts."""
        assert r.scale.kind == "nominal"
        assert len(r.parts) <= 2

    @given(r=nts.regions(min_parts=1))
    def test_min_parts_one_gives_non_empty_regions(self, r: nt.Region) -> None:
        """min_parts=1 never draws the empty region."""
        assert not r.is_empty
        assert is_canonical(r)

    @given(r=nts.regions(BODIES, min_parts=0, max_parts=0))
    def test_max_parts_zero_gives_empty_regions(self, r: nt.Region) -> None:
        """max_parts=0 draws only the empty region."""
        assert r.is_empty

    def test_empty_and_multi_part_regions_are_both_drawn(self) -> None:
        """By default both empty and multi-part regions come up."""
        assert find(nts.regions(YEARS), lambda r: r.is_empty, settings=FIRST).is_empty
        multi = find(nts.regions(YEARS), lambda r: len(r.parts) >= 3, settings=FIRST)
        assert len(multi.parts) >= 3

    @pytest.mark.parametrize(("lo", "hi"), [(-1, 2), (3, 2)])
    def test_bad_part_counts_raise(self, lo: int, hi: int) -> None:
        """Negative or inverted part counts are refused at once."""
        with pytest.raises(ValueError, match="min_parts <= max_parts"):
            nts.regions(YEARS, min_parts=lo, max_parts=hi)


class TestSameScaleRegions:
    @given(t=nts.same_scale_regions(4, min_parts=1))
    def test_share_one_scale(self, t: tuple[nt.Region, ...]) -> None:
        """Draws n non-empty canonical regions on one scale."""
        assert len(t) == 4
        assert len({r.scale for r in t}) == 1
        assert all(not r.is_empty and is_canonical(r) for r in t)

    @given(t=nts.same_scale_regions(2, scales=YEARS))
    def test_accept_a_fixed_scale(self, t: tuple[nt.Region, ...]) -> None:
        """A scale given as a value is used as is."""
        assert all(r.scale == YEARS for r in t)

    def test_negative_n_raises(self) -> None:
        """A negative count is refused at once."""
        with pytest.raises(ValueError, match="n >= 0"):
            nts.same_scale_regions(-1)


class TestPositions:
    @given(p=nts.positions())
    def test_ideal_lies_in_acceptable_region(self, p: nt.Position) -> None:
        """Positions are valid: the ideal is acceptable, salience in [0, 1]."""
        assert p.ideal in p.acceptable
        assert 0.0 <= p.salience <= 1.0
        assert is_canonical(p.acceptable)

    @given(p=nts.positions(YEARS, saliences=st.just(0.25), red_lines=st.just(True)))
    def test_keyword_strategies_are_used(self, p: nt.Position) -> None:
        """scale, saliences and red_lines are honoured."""
        assert (p.scale, p.salience, p.red_line) == (YEARS, 0.25, True)


class TestIssuesPartiesSources:
    @given(i=nts.issues(ids=st.just("guarantee_years"), scales=st.just(YEARS)))
    def test_issues_use_given_ids_and_scales(self, i: nt.Issue) -> None:
        """Issues take their id and scale from the given strategies."""
        assert (i.id, i.scale) == ("guarantee_years", YEARS)

    @given(p=nts.parties(capabilities=st.just(2.5)))
    def test_parties_use_given_capabilities(self, p: nt.Party) -> None:
        """Parties take their capability from the given strategy."""
        assert p.capability == 2.5

    @given(s=nts.sources())
    def test_sources_are_valid(self, s: nt.Source) -> None:
        """Sources have a SourceKind and a date or none."""
        assert isinstance(s.kind, nt.SourceKind)


class TestRegistration:
    @pytest.mark.parametrize(
        "cls",
        [
            nt.NumericScale,
            nt.OrdinalScale,
            nt.NominalScale,
            nt.Scale,
            nt.Region,
            nt.Position,
            nt.Issue,
            nt.Party,
            nt.Source,
        ],
        ids=lambda c: c.__name__,
    )
    def test_from_type_resolves_model_types(self, cls: type[Any]) -> None:
        """st.from_type works for every model type through the entry point."""
        assert isinstance(find(st.from_type(cls), lambda x: True, settings=FIRST), cls)


class TestContinuousAgreementSpaces:
    @settings(max_examples=10, deadline=None)
    @given(nts.continuous_agreement_spaces(min_parties=3, max_parties=4, max_numeric=1))
    def test_party_counts_are_drawn_between_the_bounds(self, space: nt.AgreementSpace) -> None:
        """Three or four parties, every numeric issue continuous."""
        assert 3 <= len(space.parties) <= 4
        assert space.continuous == ("n0",)

    @pytest.mark.parametrize(("lo", "hi"), [(1, 2), (3, 2), (2, 27)])
    def test_bad_party_counts_raise(self, lo: int, hi: int) -> None:
        """Fewer than two parties, or bounds the wrong way round, are refused."""
        with pytest.raises(ValueError, match="min_parties"):
            nts.continuous_agreement_spaces(min_parties=lo, max_parties=hi)
