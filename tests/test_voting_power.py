"""Tests of negotrack.analysis.voting_power: the exact Shapley–Shubik index."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotrack.analysis.voting_power import shapley_shubik
from negotrack.errors import ValidationError


def _brute_force(
    weights: list[int], quota: int, min_members: int, enough: int | None
) -> list[float]:
    """Count pivots over every voting order (small n only)."""
    n = len(weights)

    def wins(members: list[int]) -> bool:
        k = len(members)
        w = sum(weights[i] for i in members)
        return (w >= quota and k >= min_members) or (enough is not None and k >= enough)

    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        for k in range(n):
            if wins(list(order[: k + 1])):
                pivots[order[k]] += 1
                break
    return [p / math.factorial(n) for p in pivots]


@st.composite
def weighted_games(draw: st.DrawFn) -> tuple[list[int], int, int, int | None]:
    """Draw a small weighted game: (weights, quota, min_members, enough_members)."""
    weights = draw(st.lists(st.integers(0, 9), min_size=1, max_size=6))
    total = sum(weights)
    if total == 0:
        weights[0] = 1
        total = 1
    quota = draw(st.integers(1, total))
    min_members = draw(st.integers(0, len(weights)))
    enough = draw(st.one_of(st.none(), st.integers(1, len(weights))))
    return weights, quota, min_members, enough


class TestShapleyShubik:
    @given(weighted_games())
    def test_index_equals_the_count_over_every_voting_order(
        self, game: tuple[list[int], int, int, int | None]
    ) -> None:
        """The exact count equals brute force over all n! orders (n <= 6)."""
        weights, quota, min_members, enough = game
        got = shapley_shubik(weights, quota, min_members=min_members, enough_members=enough)
        want = _brute_force(weights, quota, min_members, enough)
        # Orders where no coalition ever wins give no pivot: then every index is 0.
        assert got == pytest.approx(want, abs=1e-12)

    @given(weighted_games())
    def test_indices_sum_to_one_when_the_grand_coalition_wins(
        self, game: tuple[list[int], int, int, int | None]
    ) -> None:
        """Efficiency: the indices sum to 1 (the grand coalition always wins)."""
        weights, quota, min_members, enough = game
        got = shapley_shubik(weights, quota, min_members=min_members, enough_members=enough)
        assert sum(got) == pytest.approx(1.0)

    @given(weighted_games())
    def test_equal_weights_have_equal_power(
        self, game: tuple[list[int], int, int, int | None]
    ) -> None:
        """Symmetry: voters of equal weight have equal indices."""
        weights, quota, min_members, enough = game
        got = shapley_shubik(weights, quota, min_members=min_members, enough_members=enough)
        for i, j in itertools.combinations(range(len(weights)), 2):
            if weights[i] == weights[j]:
                assert got[i] == pytest.approx(got[j])

    def test_unanimity_is_equal_power(self) -> None:
        """Every voter a veto player: 1/n each."""
        assert shapley_shubik([1] * 7, 7) == pytest.approx([1 / 7] * 7)

    def test_dummy_has_no_power(self) -> None:
        """A voter of weight 0 is never pivotal (no member threshold)."""
        assert shapley_shubik([3, 2, 0], 3)[2] == 0.0

    def test_large_game_is_exact_and_fast_enough(self) -> None:
        """28 voters with weights in the hundred thousands (the Lisbon rule) sum to 1."""
        pop = [80767, 65857, 64308, 60783, 46508, 38018, 19947, 16829, 11204, 10993]
        got = shapley_shubik(pop, math.ceil(0.65 * sum(pop)), min_members=6, enough_members=8)
        assert sum(got) == pytest.approx(1.0)
        assert got == tuple(sorted(got, reverse=True))

    @pytest.mark.parametrize(
        ("weights", "quota", "kw", "match"),
        [
            ([1, -1], 1, {}, r"weights\[1\]=-1"),
            ([1, 1.5], 1, {}, r"weights\[1\]=1.5"),
            ([], 1, {}, "at least one voter"),
            ([1, 1], 3, {}, "quota=3 must be an integer in 1..2"),
            ([1, 1], 1, {"min_members": 3}, "min_members=3"),
            ([1, 1], 1, {"enough_members": 0}, "enough_members=0"),
        ],
    )
    def test_bad_input_raises(
        self, weights: list[int], quota: int, kw: dict[str, int], match: str
    ) -> None:
        """Bad weights, quota or thresholds: ValidationError naming the field and value."""
        with pytest.raises(ValidationError, match=match):
            shapley_shubik(weights, quota, **kw)
