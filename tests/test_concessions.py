"""Tests for the concession point (the minimax move that opens a zone of agreement)."""

from __future__ import annotations

import random
from unittest import mock

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.analysis import concessions
from negotrack.model._intervals import meet_all
from negotrack.testing import strategies as nts

EPS = 1e-9
Drawn = tuple[nt.Scale, dict[str, nt.Region]]


@st.composite
def apart(draw: st.DrawFn) -> tuple[nt.Scale, dict[str, nt.Region]]:
    """Two to five non-empty regions on one scale (possibly unions of intervals)."""
    scale = draw(nts.scales())
    n = draw(st.integers(2, 5))
    return scale, {f"p{k}": draw(nts.regions(scale, min_parts=1)) for k in range(n)}


def worst(regions: dict[str, nt.Region], value: object) -> float:
    """Return the largest normalised distance from ``value`` to any region (model's own)."""
    return max(r.distance_to(value) for r in regions.values())  # type: ignore[arg-type]


def every_value(scale: nt.Scale) -> list[object]:
    if scale.discrete:
        return [scale.value(float(k)) for k in range(int(scale.highest) + 1)]
    return [min(scale.highest, scale.lowest + scale.span * k / 2000) for k in range(2001)]


class TestConcessionsBetween:
    @given(apart())
    def test_concession_point_minimises_the_largest_move(self, drawn: Drawn) -> None:
        """No value of the scale (a fine grid, or every label) needs a smaller largest move."""
        scale, regions = drawn
        c = nt.Concessions.between(regions)
        if c.point is None:  # the regions overlap: nothing to minimise
            return
        best = min(worst(regions, v) for v in every_value(scale))
        assert worst(regions, c.point) <= best + EPS

    @given(apart())
    def test_moves_are_distances_to_the_point(self, drawn: Drawn) -> None:
        """Each party's move is the distance from its region to the point."""
        _, regions = drawn
        c = nt.Concessions.between(regions)
        for m in c:
            expected = 0.0 if c.point is None else regions[m.party].distance_to(c.point)
            assert m.move == pytest.approx(expected, abs=EPS)

    @given(apart())
    def test_point_exists_iff_regions_share_no_value(self, drawn: Drawn) -> None:
        """The point is None exactly when the regions overlap; then every move is 0."""
        scale, regions = drawn
        c = nt.Concessions.between(regions)
        common = nt.Region.full(scale)
        for r in regions.values():
            common = common & r
        assert (c.point is None) == bool(common)
        if c.point is None:
            assert c.largest == 0.0

    @given(apart(), st.randoms())
    def test_result_does_not_depend_on_party_order(self, drawn: Drawn, rnd: random.Random) -> None:
        """Shuffling the parties gives the same point and the same moves."""
        _, regions = drawn
        names = list(regions)
        rnd.shuffle(names)
        a = nt.Concessions.between(regions)
        b = nt.Concessions.between({n: regions[n] for n in names})
        assert a.point == b.point
        assert {m.party: m.move for m in a} == {m.party: m.move for m in b}

    def test_unions_of_intervals_pick_the_nearer_piece(self) -> None:
        """A party accepting [0, 10] or [90, 100] meets one at 60 halfway from 90: at 75."""
        s = nt.NumericScale(0, 100)
        c = nt.Concessions.between(
            {"A": nt.Region.of(s, [(0, 10), (90, 100)]), "B": nt.Region.interval(s, 50, 60)}
        )
        assert c.point == 75.0
        assert (c["A"].units, c["B"].units) == (15.0, 15.0)

    def test_ordinal_point_is_a_label(self) -> None:
        """On an ordinal scale the point is a label; moves count label steps."""
        tiers = nt.OrdinalScale(["none", "assurances", "force", "article-5"])
        c = nt.Concessions.between(
            {"RU": nt.Region.labels(tiers, ["none"]), "UA": nt.Region.labels(tiers, ["article-5"])}
        )
        assert c.point == "assurances"
        assert (c["RU"].units, c["UA"].units) == (1.0, 2.0)

    def test_nominal_point_moves_one_party_when_possible(self) -> None:
        """On a nominal scale, ties break on total move: the label most parties accept."""
        bodies = nt.NominalScale(["US", "EU", "UN"])
        c = nt.Concessions.between(
            {
                "A": nt.Region.labels(bodies, ["EU"]),
                "B": nt.Region.labels(bodies, ["EU"]),
                "C": nt.Region.labels(bodies, ["UN"]),
            }
        )
        assert c.point == "EU"
        assert [m.move for m in c] == [0.0, 0.0, 1.0]

    def test_unknown_party_raises(self) -> None:
        """Looking up a party without a region raises UnknownReferenceError naming it."""
        c = nt.Concessions.between({})
        with pytest.raises(nt.errors.UnknownReferenceError, match="party='X' holds no position"):
            c["X"]


@st.composite
def many_apart(draw: st.DrawFn) -> tuple[nt.Scale, list[nt.Region], list[nt.Region]]:
    """Two to twelve non-empty regions on one scale, and some of them as red lines."""
    scale = draw(nts.scales())
    regions = draw(st.lists(nts.regions(scale, min_parts=1), min_size=2, max_size=12))
    reds = draw(st.lists(st.sampled_from(regions), max_size=3))
    return scale, regions, reds


class TestMinimaxAtOnce:
    @given(many_apart())
    def test_minimax_at_once_equals_the_loop(
        self, drawn: tuple[nt.Scale, list[nt.Region], list[nt.Region]]
    ) -> None:
        """Law: weighing the candidates with NumPy picks the loop's point and moves, bit for bit.

        With red lines or none, on every kind of scale.
        """
        scale, regions, reds = drawn
        parts = [r.parts for r in regions]
        within = meet_all([r.parts for r in reds]) if reds else None
        results = []
        for cells in (10**12, 0):  # always the loop, then always NumPy
            with mock.patch.object(concessions, "_LOOP_CELLS", cells):
                point, dists = concessions.minimax(scale, parts, within=within or None)
            results.append((None if point is None else point.hex(), [d.hex() for d in dists]))
        assert results[0] == results[1]
