"""Tests of negotrack.analysis.forecast: compromise, median, Nash and status-quo forecasts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.testing import strategies as nts

S = nt.NumericScale(0, 100)
DAY = datetime.date(2025, 1, 1)


def _snapshot(
    rows: Sequence[tuple[str, object, float, float]],
    *,
    scale: nt.Scale = S,
    status_quo: object = None,
) -> nt.Snapshot:
    """rows: (party, ideal, salience, capability)."""
    issue = nt.Issue("x", scale, status_quo=status_quo)  # type: ignore[arg-type]
    parties = [nt.Party(p, capability=c) for p, _, _, c in rows]
    tl = nt.Timeline(issues=[issue, nt.Issue("empty", scale)], parties=parties)
    for p, ideal, sal, _ in rows:
        tl.add(
            nt.Statement(
                party=p,
                issue="x",
                date=DAY,
                position=nt.Position(
                    ideal=ideal,  # type: ignore[arg-type]
                    acceptable=nt.Region.full(scale),
                    salience=sal,
                ),
                source=nt.Source(title="t"),
            )
        )
    return tl.snapshot()


ROWS = [("A", 0, 1.0, 1.0), ("B", 30, 0.5, 2.0), ("C", 100, 0.2, 1.0)]


class TestForecast:
    def test_compromise_is_weighted_mean(self) -> None:
        """Compromise: mean of ideals weighted by capability × salience."""
        f = nt.forecast(_snapshot(ROWS), "x", method="compromise")
        expected = (1.0 * 0 + 1.0 * 30 + 0.2 * 100) / (1.0 + 1.0 + 0.2)
        assert f.value == pytest.approx(expected)
        assert f.method == "compromise"
        assert f.parties == ("A", "B", "C")

    def test_median_is_weighted_median(self) -> None:
        """Median: the ideal where cumulative weight first reaches half the total."""
        # Weights 1.0, 1.0, 0.2: half is 1.1, reached at B.
        assert nt.forecast(_snapshot(ROWS), "x", method="median").value == 30.0

    def test_capabilities_override(self) -> None:
        """Explicit capabilities replace the parties' own."""
        f = nt.forecast(_snapshot(ROWS), "x", capabilities={"A": 0, "B": 0, "C": 1})
        assert f.value == 100.0

    def test_equal_weight_nash_is_midpoint(self) -> None:
        """With two equal parties and no status quo, Nash splits the difference."""
        snap = _snapshot([("A", 20, 1.0, 1.0), ("B", 60, 1.0, 1.0)])
        assert nt.forecast(snap, "x", method="nash").value == pytest.approx(40.0)

    def test_nash_leans_to_the_stronger(self) -> None:
        """A stronger party pulls the Nash point towards its ideal."""
        snap = _snapshot([("A", 20, 1.0, 3.0), ("B", 60, 1.0, 1.0)])
        assert nt.forecast(snap, "x", method="nash").coordinate < 40.0

    def test_status_quo(self) -> None:
        """Status quo: the issue's recorded status quo."""
        f = nt.forecast(_snapshot(ROWS, status_quo=10), "x", method="status_quo")
        assert (f.value, f.parties) == (10.0, ())
        assert f.describe() == "x: 10 (status_quo)"

    def test_ordinal_mean_rounds_to_label(self) -> None:
        """On an ordinal scale the mean is rounded to the nearest label."""
        tiers = nt.OrdinalScale(["none", "low", "mid", "high"])
        snap = _snapshot([("A", "none", 1.0, 1.0), ("B", "high", 0.6, 1.0)], scale=tiers)
        f = nt.forecast(snap, "x")
        assert f.coordinate == pytest.approx(3 * 0.6 / 1.6)
        assert f.value == "low"

    def test_nominal_nash_is_weighted_plurality(self) -> None:
        """On a nominal scale Nash picks the label with the most weight behind it."""
        bodies = nt.NominalScale(["US", "EU", "UN"])
        snap = _snapshot(
            [("A", "US", 0.5, 1.0), ("B", "EU", 0.4, 1.0), ("C", "EU", 0.4, 1.0)], scale=bodies
        )
        assert nt.forecast(snap, "x", method="nash").value == "EU"

    def test_nominal_mean_raises(self) -> None:
        """A mean on a nominal scale: AnalysisError pointing to method='nash'."""
        bodies = nt.NominalScale(["US", "EU"])
        snap = _snapshot([("A", "US", 1.0, 1.0)], scale=bodies)
        with pytest.raises(
            nt.errors.AnalysisError, match=r"needs an ordered scale.*use method='nash'"
        ):
            nt.forecast(snap, "x")

    def test_unknown_method_raises(self) -> None:
        """An unknown method: AnalysisError listing the methods."""
        with pytest.raises(
            nt.errors.AnalysisError, match="method='mean' is unknown; use one of compromise"
        ):
            nt.forecast(_snapshot(ROWS), "x", method="mean")

    def test_unknown_issue_raises(self) -> None:
        """An unknown issue: UnknownReferenceError (a NegotrackError)."""
        with pytest.raises(nt.errors.UnknownReferenceError, match="unknown issue 'nope'"):
            nt.forecast(_snapshot(ROWS), "nope")

    def test_unknown_party_raises(self) -> None:
        """An unknown party in ``parties``: UnknownReferenceError."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match="parties: 'Z' is not a party of the timeline"
        ):
            nt.forecast(_snapshot(ROWS), "x", parties=["Z"])

    def test_no_positions_raise(self) -> None:
        """No positions on the issue (an empty party set): AnalysisError."""
        with pytest.raises(
            nt.errors.AnalysisError, match="no party holds a position on issue 'empty'"
        ):
            nt.forecast(_snapshot(ROWS), "empty")

    def test_missing_status_quo_raises(self) -> None:
        """Status quo asked but not recorded: AnalysisError."""
        with pytest.raises(nt.errors.AnalysisError, match="records no status quo"):
            nt.forecast(_snapshot(ROWS), "x", method="status_quo")

    def test_negative_capability_raises(self) -> None:
        """A negative capability: ValidationError naming the party."""
        with pytest.raises(
            nt.errors.ValidationError, match=r"capabilities\['A'\]=-1 must be a finite number >= 0"
        ):
            nt.forecast(_snapshot(ROWS), "x", capabilities={"A": -1})

    @given(
        nts.timelines(
            scales=st.one_of(nts.numeric_scales(), nts.ordinal_scales()), min_statements=1
        ),
        st.sampled_from(["compromise", "median", "nash"]),
    )
    def test_forecasts_lie_within_range_of_ideals(self, tl: nt.Timeline, method: str) -> None:
        """Compromise, median and Nash forecasts lie between the lowest and highest ideal."""
        snap = tl.snapshot()
        for issue in snap.issues:
            positions = snap.positions(issue.id)
            if not positions:
                continue
            coords = [issue.scale.coord(p.ideal) for p in positions.values()]
            f = nt.forecast(snap, issue.id, method=method)
            c = issue.scale.coord(f.value)
            assert min(coords) - 1e-9 <= c <= max(coords) + 1e-9
            assert min(coords) - 1e-9 <= f.coordinate <= max(coords) + 1e-9

    @given(
        st.lists(
            st.tuples(st.integers(0, 100), st.floats(0, 1), st.floats(0, 5)),
            min_size=1,
            max_size=6,
        ),
        st.randoms(use_true_random=False),
        st.sampled_from(["compromise", "median", "nash"]),
    )
    def test_forecast_does_not_depend_on_party_order(
        self, rows: list[tuple[int, float, float]], rnd: random.Random, method: str
    ) -> None:
        """Shuffling the parties leaves every forecast unchanged."""
        named = [(f"p{k}", x, s, c) for k, (x, s, c) in enumerate(rows)]
        shuffled = list(named)
        rnd.shuffle(shuffled)
        a = nt.forecast(_snapshot(named), "x", method=method)
        b = nt.forecast(_snapshot(shuffled), "x", method=method)
        assert a.coordinate == pytest.approx(b.coordinate)


class TestForecastReport:
    def test_skips_methods_that_do_not_apply(self) -> None:
        """Every issue is listed; inapplicable methods are left out; renders to dict and text."""
        report = nt.forecast_report(_snapshot(ROWS, status_quo=50))
        assert set(report.forecasts["x"]) == {"compromise", "median", "nash", "status_quo"}
        assert report.forecasts["empty"] == {}
        assert report.to_dict()["x"]["median"]["value"] == 30.0
        assert "x: compromise" in report.describe()
        assert "empty: no positions" in report.describe()

    def test_unknown_method_raises(self) -> None:
        """An unknown method: AnalysisError."""
        with pytest.raises(nt.errors.AnalysisError, match="method='x' is unknown"):
            nt.forecast_report(_snapshot(ROWS), methods=["x"])
