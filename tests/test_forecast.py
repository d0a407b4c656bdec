"""Tests of negotrack.analysis.forecast: compromise, median, Nash and status-quo forecasts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.forecast import METHODS
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
        assert f.coordinate == pytest.approx(expected)
        assert f.value == round(expected)  # the record is stated in whole units
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
        assert (f.value, f.parties) == (10.0, ("A", "B", "C"))
        assert f.describe().startswith("x: 10 (status_quo of A, B, C; DEU III error ±")

    def test_status_quo_reads_parties(self) -> None:
        """Regression: status_quo listed no parties and ignored ``parties=``; now it covers them."""
        f = nt.forecast(_snapshot(ROWS, status_quo=10), "x", "status_quo", parties=["B"])
        assert f.parties == ("B",)
        with pytest.raises(nt.errors.UnknownReferenceError):
            nt.forecast(_snapshot(ROWS, status_quo=10), "x", "status_quo", parties=["Z"])

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

    @pytest.mark.parametrize("hi", [5e-323, 1e-306, 2e-300])
    def test_a_scale_finer_than_floats_can_scale_is_forecast(self, hi: float) -> None:
        """Regression (found by hypothesis): a span near the smallest float overflowed.

        The precision search scaled the ideals by 10**d past the largest float
        (``OverflowError``); such a record is forecast at a hundredth of its span.
        """
        scale = nt.NumericScale(0, hi)
        rows = [("A", 0.0, 1.0, 1.0), ("B", hi, 1.0, 1.0), ("C", hi / 3, 1.0, 1.0)]
        for method in METHODS:
            snap = _snapshot(rows, scale=scale, status_quo=hi / 2)
            f = nt.forecast(snap, "x", method=method)
            assert 0.0 <= f.coordinate <= hi
            assert 0.0 <= float(f.value) <= hi

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
        assert set(report.forecasts["x"]) == set(METHODS)
        assert report.forecasts["empty"] == {}
        assert report.to_dict()["x"]["median"]["value"] == 30.0
        assert "x: compromise" in report.describe()
        assert "empty: no positions" in report.describe()

    def test_unknown_method_raises(self) -> None:
        """An unknown method: AnalysisError."""
        with pytest.raises(nt.errors.AnalysisError, match="method='x' is unknown"):
            nt.forecast_report(_snapshot(ROWS), methods=["x"])


def _red_snapshot(ru_region: tuple[float, float], ua_region: tuple[float, float]) -> nt.Snapshot:
    """Two parties with red lines on a 0–100 % issue, ideals at the regions' ends."""
    pct = nt.NumericScale(0, 100, unit="%")
    tl = nt.Timeline(issues=[nt.Issue("x", pct)], parties=[nt.Party("RU"), nt.Party("UA")])
    for p, (lo, hi), ideal in (("RU", ru_region, ru_region[1]), ("UA", ua_region, ua_region[0])):
        tl.add(
            nt.Statement(
                party=p,
                issue="x",
                date=DAY,
                position=nt.Position(
                    ideal=ideal, acceptable=nt.Region.interval(pct, lo, hi), red_line=True
                ),
                source=nt.Source(title="t"),
            )
        )
    return tl.snapshot()


class TestUnitsAndPrecision:
    def test_value_carries_unit_and_resolution(self) -> None:
        """Regression: '5704.7' with no unit. The value is rounded to the record's precision."""
        cf = nt.NumericScale(0, 20000, unit="centrifuges")
        rows = [("A", 3000, 1.0, 1.0), ("B", 6000, 1.0, 2.1), ("C", 8100, 0.3, 1.0)]
        f = nt.forecast(_snapshot(rows, scale=cf), "x")
        assert f.coordinate != f.value
        assert (f.unit, f.resolution) == ("centrifuges", 100.0)
        assert f.value == round(f.coordinate, -2)
        assert f.describe().startswith(f"x: {int(f.value)} centrifuges (compromise of A, B, C")
        d = f.to_dict()
        assert (d["unit"], d["resolution"], d["shown"]) == ("centrifuges", 100.0, f.shown())

    def test_finer_record_gives_finer_resolution(self) -> None:
        """Ideals stated to a tenth: the forecast keeps a tenth."""
        rows = [("A", 12.5, 1.0, 1.0), ("B", 30, 1.0, 2.0)]
        f = nt.forecast(_snapshot(rows), "x")
        assert f.resolution == pytest.approx(0.1)
        assert f.value == pytest.approx(round(f.coordinate, 1))

    @pytest.mark.parametrize(
        ("scale", "ideals", "resolution"),
        [
            (S, (100 / 3, 50), 1.0),  # arithmetic, not a finer record: whole units
            (nt.NumericScale(0, 1), (0, 1), 0.1),  # never coarser than a tenth of the span
            (nt.NumericScale(35, 40, unit="hours"), (37.5, 40), 0.1),  # the record's halves
        ],
    )
    def test_resolution_is_what_the_record_supports(
        self, scale: nt.NumericScale, ideals: tuple[float, float], resolution: float
    ) -> None:
        """Regression: 41.66666667 % (1e-8) from ideals of 100/3; '1 share' on a 0–1 scale."""
        rows = [("A", ideals[0], 1.0, 1.0), ("B", ideals[1], 1.0, 2.0)]
        f = nt.forecast(_snapshot(rows, scale=scale), "x")
        assert f.resolution == pytest.approx(resolution)
        assert abs(f.value - f.coordinate) <= resolution / 2 + 1e-12  # type: ignore[operator]

    def test_halves_round_up(self) -> None:
        """Regression: round() took halves to the even neighbour (0.5 → 0 but 1.5 → 2)."""
        ten = nt.NumericScale(0, 10)
        for lo in (0, 1, 2, 3):
            f = nt.forecast(
                _snapshot([("A", lo, 1.0, 1.0), ("B", lo + 1, 1.0, 1.0)], scale=ten), "x"
            )
            assert f.coordinate == lo + 0.5
            assert f.value == lo + 1
        labels = nt.OrdinalScale(["a", "b", "c", "d"])
        for k, (below, above) in enumerate(zip("abc", "bcd", strict=True)):
            f = nt.forecast(
                _snapshot([("A", below, 1.0, 1.0), ("B", above, 1.0, 1.0)], scale=labels), "x"
            )
            assert f.coordinate == k + 0.5
            assert f.value == above

    def test_band_of_a_huge_scale_is_short(self) -> None:
        """Regression: on a 0–1e300 scale the band printed ~300 digits."""
        huge = nt.NumericScale(0, 1e300, unit="€")
        f = nt.forecast(_snapshot([("A", 1e299, 1.0, 1.0)], scale=huge), "x")
        assert len(f.band()) < 40, f.band()
        assert len(f.describe()) < 200, f.describe()

    def test_error_band_is_the_stored_quantiles_on_the_scale(self) -> None:
        """The band is the DEU III quantiles × span / 100, and says where it comes from."""
        from negotrack.analysis.forecast_errors import error_bands

        scale = nt.NumericScale(0, 300, unit="$bn")
        f = nt.forecast(_snapshot(ROWS, scale=scale), "x", "median")
        stored = error_bands()["methods"]["median"]
        assert f.error is not None
        assert (f.error.q50, f.error.q90) == (3 * stored["q50"], 3 * stored["q90"])
        assert "DEU III" in f.error.source
        assert "DEU III error ±" in f.describe()

    def test_nominal_scale_has_no_band(self) -> None:
        """A nominal scale has no distance to map the 0–100 errors onto."""
        bodies = nt.NominalScale(["US", "EU", "UN"])
        f = nt.forecast(_snapshot([("A", "US", 1.0, 1.0)], scale=bodies), "x", "nash")
        assert f.error is None
        assert f.to_dict()["error"] is None


class TestRedLines:
    def test_forecast_outside_a_red_line_is_flagged(self) -> None:
        """The compromise between two red lines that exclude each other is flagged, not agreeable."""
        f = nt.forecast(_red_snapshot((80, 100), (0, 20)), "x")
        assert f.value == 50.0
        assert f.red_line_breaches == ("RU", "UA")
        assert not f.within_red_lines
        assert f.red_lines_allow is not None
        assert f.red_lines_allow.is_empty
        assert "outside the red line of RU, UA (the red lines exclude each other)" in f.describe()
        assert f.to_dict()["within_red_lines"] is False

    def test_what_every_red_line_allows_is_said(self) -> None:
        """Overlapping red lines: the forecast outside them names what they allow."""
        f = nt.forecast(_red_snapshot((40, 100), (0, 60)), "x", "median")
        assert f.value == 0.0  # UA's ideal (0) holds half the weight
        assert f.red_line_breaches == ("RU",)
        assert "every red line allows 40–60 %" in f.describe()
        assert f.to_dict()["red_lines_allow"] == [[40.0, 60.0]]

    def test_forecast_inside_every_red_line_is_not_flagged(self) -> None:
        """Within every red line: no breach, and the report says nothing about red lines."""
        f = nt.forecast(_red_snapshot((40, 100), (0, 60)), "x")
        assert f.value == 50.0
        assert f.within_red_lines
        assert "red line" not in f.describe()

    def test_red_lines_of_parties_left_out_do_not_count(self) -> None:
        """Only the red lines of the parties covered are checked (``parties=``)."""
        f = nt.forecast(_red_snapshot((80, 100), (0, 20)), "x", parties=["UA"])
        assert (f.value, f.red_line_breaches) == (0.0, ())


class TestAcceptableRanges:
    def test_forecast_outside_an_acceptable_range_is_said(self) -> None:
        """A party's acceptable range that is not a red line: listed, not a red-line breach."""
        pct = nt.NumericScale(0, 100, unit="%")
        tl = nt.Timeline(issues=[nt.Issue("x", pct)], parties=[nt.Party("A"), nt.Party("B")])
        for p, lo, hi, ideal in (("A", 0, 30, 0), ("B", 50, 100, 100)):
            tl.add(
                nt.Statement(
                    party=p,
                    issue="x",
                    date=DAY,
                    position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(pct, lo, hi)),
                    source=nt.Source(title="t"),
                )
            )
        f = nt.forecast(tl.snapshot(), "x")
        assert f.value == 50.0
        assert f.outside_acceptable == ("A",)
        assert f.within_red_lines
        assert f.red_line_note() == "outside the acceptable range of A (no red line)"
        assert f.to_dict()["outside_acceptable"] == ["A"]
