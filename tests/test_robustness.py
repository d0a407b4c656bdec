"""nt.robustness: readings of an uncertain record, labels, sensitivity, executors."""

from __future__ import annotations

import concurrent.futures
import datetime
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.agreement.space import AgreementSpace
from negotrack.analysis.forecast import METHODS
from negotrack.analysis.robustness import Estimate, label
from negotrack.analysis.robustness.claims import claims, facts, knot_key
from negotrack.analysis.robustness.sampling import (
    Input,
    Reading,
    alternatives,
    draw,
    grain,
    inputs,
    reposition,
    sample_rng,
    sampled_snapshot,
)
from negotrack.analysis.robustness.spaces import CONTINUOUS_PARTIES
from negotrack.analysis.robustness.tally import package_key, step
from negotrack.errors import AnalysisError, NegotrackError, ValidationError
from negotrack.testing import strategies as nts

UKRAINE = Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml"
CERTAIN: dict[nt.Credibility, float] = dict.fromkeys(nt.Credibility, 1.0)
DAY = datetime.date(2025, 12, 1)
S = nt.NumericScale(0, 100)


@pytest.fixture(scope="module")
def ukraine() -> nt.Timeline:
    return nt.load(UKRAINE).timeline


def two_party_timeline(b_prob: float | None = None) -> nt.Timeline:
    """Return a record where A and C overlap, with B (true with ``b_prob``) between."""
    tl = nt.Timeline(
        issues=[nt.Issue("x", S)], parties=[nt.Party("A"), nt.Party("B"), nt.Party("C")]
    )
    for who, lo, hi, prob in [("A", 0, 60, None), ("B", 40, 100, b_prob), ("C", 30, 70, None)]:
        unc = None if prob is None else nt.Uncertainty(probability=prob)
        tl.add(
            nt.Statement(
                party=who,
                issue="x",
                date=DAY,
                id=f"{who.lower()}1",
                position=nt.Position(ideal=(lo + hi) / 2, acceptable=nt.Region.interval(S, lo, hi)),
                source=nt.Source(title="t"),
                uncertainty=unc,
            )
        )
    return tl


# ------------------------------------------------------------------------------ laws


@given(nts.timelines(max_statements=6, max_issues=2), st.integers(0, 2**32))
def test_no_uncertainty_every_sample_equals_the_deterministic_analysis(
    tl: nt.Timeline, seed: int
) -> None:
    """Certain records: every sample is the analysis as coded, and every conclusion robust."""
    report = nt.robustness(tl, samples=3, seed=seed, probabilities=CERTAIN)
    snap = tl.snapshot()
    gaps = nt.analyze(snap)
    assert gaps.conditions is not None
    assert all(c.label == "robust" and c.holds.count == 3 for c in report.conclusions)
    assert [c.claim for c in report.conclusions] == list(
        claims(gaps, gaps.conditions, {i.id: i.label for i in tl.issues})
    )
    for odds, gap in zip(report.issues, gaps.gaps, strict=True):
        assert {s: e.count for s, e in odds.statuses.items()} == {gap.status: 3}
        assert odds.deadlock.count == (3 if gap.deadlocked else 0)
        if len(gap.parties) >= 2:
            assert odds.needed is not None
            assert dict(odds.needed.steps) == {
                step(gap.issue.scale, gap.needed * gap.issue.scale.span): 3
            }
    assert {k.clauses for k in report.knots} == {knot_key(k) for k in gaps.conditions.sequencing}
    try:
        exact = AgreementSpace.from_snapshot(snap)
        if len(exact.parties) > CONTINUOUS_PARTIES:  # samples search the breakpoints
            exact = AgreementSpace(exact.utility_functions, exact.outcomes, continuous=())
        expected = dict(exact.solutions().items())
    except AnalysisError:
        expected = {}
    for name, sol in expected.items():
        (only,) = report.solutions[name]
        assert only.chosen.count == 3
        assert only.package == (None if sol is None else sol.package)
    for issue in tl.issues:
        for method in METHODS:
            try:
                fc = nt.forecast(snap, issue.id, method)
            except AnalysisError:
                assert method not in report.forecasts.get(issue.id, {})
                continue
            dist = report.forecasts[issue.id][method]
            assert dict(dist.steps) == {step(issue.scale, fc.coordinate - issue.scale.lowest): 3}


@given(
    nts.uncertain_timelines(),
    st.integers(0, 1000),
    st.integers(1, 4),
    st.integers(1, 3),
)
def test_results_do_not_depend_on_executor_workers_or_batch_size(
    tl: nt.Timeline, seed: int, batch: int, workers: int
) -> None:
    """Serial and a thread pool of any size, any batch size: the same report."""
    serial = nt.robustness(tl, samples=5, seed=seed, sensitivity=False)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        pooled = nt.robustness(
            tl, samples=5, seed=seed, executor=pool, batch_size=batch, sensitivity=False
        )
    assert pooled.to_dict() == serial.to_dict()


@given(nts.uncertain_timelines(), st.integers(0, 1000), st.sampled_from([0.5, 0.9, 0.95]))
def test_a_label_holds_beyond_the_standard_error(
    tl: nt.Timeline, seed: int, threshold: float
) -> None:
    """Robust: p - 2 se >= threshold; fragile: p + 2 se < threshold; else undetermined."""
    report = nt.robustness(
        tl, samples=20, seed=seed, threshold=threshold, analyses=(), sensitivity=False
    )
    for c in report.conclusions:
        p, se = c.holds.probability, c.holds.error
        assert c.holds.n == 20
        if c.label == "robust":
            assert p - 2 * se >= threshold
        elif c.label == "fragile":
            assert p + 2 * se < threshold
        else:
            assert p - 2 * se < threshold <= p + 2 * se


@given(st.integers(1, 500), st.data())
def test_every_probability_carries_its_standard_error(n: int, data: st.DataObject) -> None:
    """An estimate's error is sqrt(p (1 - p) / n), 0 only at 0 or 1."""
    k = data.draw(st.integers(0, n))
    e = Estimate(k, n)
    assert e.probability == k / n
    assert e.error == pytest.approx((e.probability * (1 - e.probability) / n) ** 0.5)
    assert (e.error == 0) == (k in (0, n))
    assert label(e, 0.95, 2.0) in ("robust", "fragile", "undetermined")


# ------------------------------------------------------------------------------ executors


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "CI must run the Dask test: install the 'distributed' extra (make test does)"
            )
        pytest.skip("needs the 'distributed' extra (dask[distributed]); make test installs it")
    return distributed


class TestExecutors:
    def test_process_pool_equals_serial_bit_for_bit(self, ukraine: nt.Timeline) -> None:
        """A ProcessPoolExecutor of 2 and the default pool give the serial report."""
        serial = nt.robustness(ukraine, samples=120, seed=5).to_dict()
        with concurrent.futures.ProcessPoolExecutor(2) as pool:
            pooled = nt.robustness(ukraine, samples=120, seed=5, executor=pool, batch_size=7)
        assert pooled.to_dict() == serial
        assert nt.robustness(ukraine, samples=120, seed=5, workers=2).to_dict() == serial

    @pytest.mark.slow
    def test_dask_local_cluster_equals_serial_bit_for_bit(self, ukraine: nt.Timeline) -> None:
        """A Dask LocalCluster of 2 worker processes gives the serial report."""
        distributed = _dask()
        serial = nt.robustness(ukraine, samples=120, seed=5).to_dict()
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            report = nt.robustness(
                ukraine, samples=120, seed=5, executor=client.get_executor(), batch_size=11
            )
        assert report.to_dict() == serial

    def test_seed_changes_the_samples(self, ukraine: nt.Timeline) -> None:
        """Another seed draws other readings."""
        a = nt.robustness(ukraine, samples=200, seed=1, analyses=(), sensitivity=False)
        b = nt.robustness(ukraine, samples=200, seed=2, analyses=(), sensitivity=False)
        assert a.to_dict() != b.to_dict()


# ------------------------------------------------------------------------------ sampling


class TestSampling:
    def test_sample_rng_depends_on_seed_and_index(self) -> None:
        """Each (seed, index) has its own stream."""
        draws = {(s, i): sample_rng(s, i).random() for s in range(3) for i in range(3)}
        assert len(set(draws.values())) == 9
        assert sample_rng(2, 1).random() == draws[(2, 1)]

    def test_false_statement_restores_the_superseded(self, ukraine: nt.Timeline) -> None:
        """Excluding a statement puts the one it superseded back in force."""
        snap = sampled_snapshot(
            ukraine, None, nt.Credibility.ALLEGED, Reading(frozenset({"ru-donbas-2"}))
        )
        assert snap.statements[("RU", "donbas_withdrawal")].id == "ru-donbas-1"

    def test_redated_record_not_yet_in_force(self, ukraine: nt.Timeline) -> None:
        """A record read as dated after the date analysed is not in force on it."""
        eve = datetime.date(2025, 12, 28)
        late = Reading(dates={"us-years-1": datetime.date(2025, 12, 29)})
        assert ("US", "guarantee_years") not in sampled_snapshot(
            ukraine, eve, nt.Credibility.ALLEGED, late
        ).statements
        assert ("US", "guarantee_years") in ukraine.snapshot(eve).statements

    @pytest.mark.parametrize(
        ("kw", "expected"),
        [
            ({"lower": 55.0}, "ideal 55, accepts [55, 60], salience 1"),
            ({"upper": 30.0}, "ideal 40, accepts [40, 40], salience 1"),
            ({"lower": 45.0, "upper": 42.0}, "ideal 42, accepts [42, 42], salience 1"),
            (
                {"ideal": 58.0, "red_line": True},
                "ideal 58, accepts [40, 60] (red line), salience 1",
            ),
        ],
    )
    def test_reposition(self, kw: dict[str, Any], expected: str) -> None:
        """Bounds move, crossed bounds meet, the ideal stays inside."""
        pos = nt.Position(ideal=50, acceptable=nt.Region.interval(S, 40, 60))
        assert reposition(pos, **kw).describe() == expected

    def test_values_drawn_in_steps_of_the_grain(self) -> None:
        """A drawn ideal lies in its range, on the scale's grain."""
        bn = nt.NumericScale(0, 300)
        tl = nt.Timeline(issues=[nt.Issue("x", bn)], parties=[nt.Party("A")])
        tl.add(
            nt.Statement(
                party="A",
                issue="x",
                date=DAY,
                position=nt.Position(ideal=100, acceptable=nt.Region.point(bn, 100)),
                source=nt.Source(title="t"),
                uncertainty=nt.Uncertainty(ideal=(80, 120)),
            )
        )
        for i in range(50):
            reading = draw(tl, None, sample_rng(0, i))
            pos = sampled_snapshot(tl, None, nt.Credibility.ALLEGED, reading).position("A", "x")
            assert pos is not None
            assert isinstance(pos.ideal, float)
            assert 80 <= pos.ideal <= 120
            assert abs(pos.ideal / grain(bn) - round(pos.ideal / grain(bn))) < 1e-6

    def test_inferred_dates_matter_only_inside_their_range(self, ukraine: nt.Timeline) -> None:
        """A date range is an input on a date inside it, and its alternative crosses that date."""
        eve = datetime.date(2025, 12, 28)
        keys = [i.key for i in inputs(ukraine, eve)]
        assert "ua-years-1.dates" in keys  # 28–30 Dec: may come after the eve
        ((weight, _),) = alternatives(ukraine, eve, Input("ua-years-1", "dates"))
        assert weight == pytest.approx(2 / 3)
        assert "us-years-1.dates" not in keys  # 4–28 Dec: in force on 28 Dec whatever the day
        before = datetime.date(2025, 12, 20)
        assert "us-years-1.dates" in [i.key for i in inputs(ukraine, before)]
        ((weight, reading),) = alternatives(ukraine, before, Input("us-years-1", "dates"))
        assert weight == pytest.approx(17 / 25)  # coded 28 Dec; 4–20 Dec of 4–28 Dec in force
        assert reading.dates == {"us-years-1": datetime.date(2025, 12, 4)}
        ((weight, reading),) = alternatives(
            ukraine, eve - datetime.timedelta(days=1), Input("mar-a-lago", "dates")
        )
        assert weight == pytest.approx(0.5)

    def test_inputs_and_alternatives(self) -> None:
        """An uncertain truth is one input; its alternative is the record false."""
        tl = two_party_timeline(0.3)
        assert [i.key for i in inputs(tl, None, CERTAIN)] == ["b1.true"]
        ((weight, reading),) = alternatives(tl, None, Input("b1", "true"))
        assert weight == pytest.approx(0.7)
        assert reading.excluded == {"b1"}


# ------------------------------------------------------------------------------ the report


class TestReport:
    def test_fragile_conclusion_names_the_input_it_hangs_on(self) -> None:
        """'No zone of agreement' resting on a statement true at 30 % is fragile, hanging on it."""
        tl = nt.Timeline(issues=[nt.Issue("x", S)], parties=[nt.Party("A"), nt.Party("B")])
        for who, lo, hi, unc in [
            ("A", 0, 60, None),
            ("B", 70, 100, nt.Uncertainty(probability=0.3)),
        ]:
            tl.add(
                nt.Statement(
                    party=who,
                    issue="x",
                    date=DAY,
                    id=f"{who.lower()}1",
                    position=nt.Position(ideal=lo, acceptable=nt.Region.interval(S, lo, hi)),
                    source=nt.Source(title="t"),
                    uncertainty=unc,
                )
            )
        report = nt.robustness(tl, samples=400, seed=0)
        apart = report.conclusion("apart:x")
        assert apart is not None
        assert apart.label == "fragile"
        assert 0.2 < apart.holds.probability < 0.4
        assert [d.input for d in apart.depends_on] == ["b1.true"]
        assert apart.depends_on[0].flips == pytest.approx(0.7)
        certain = nt.robustness(tl, samples=50, seed=0, probabilities=CERTAIN)
        assert certain.conclusion("apart:x") is not None
        assert certain.conclusion("apart:x").label == "fragile"  # type: ignore[union-attr]

    def test_ukraine_names_its_fragile_conclusions(self, ukraine: nt.Timeline) -> None:
        """The cut-off hardening sentence makes 'Donbas is the hardest issue' fragile."""
        report = nt.robustness(ukraine, samples=1000, seed=0, analyses=())
        hardest = report.conclusion("hardest:donbas_withdrawal")
        assert hardest is not None
        assert hardest.label == "fragile"
        assert hardest.depends_on[0].input == "ru-donbas-2.red_line"
        assert report.fragile

    def test_to_dict_follows_the_schema(self, ukraine: nt.Timeline) -> None:
        """The robustness document validates against the report schema."""
        from negotrack.io import reports

        doc = reports.robustness_document(nt.robustness(ukraine, samples=100), timeline=ukraine)
        assert reports.check_document(doc) == []
        assert "fragile" in reports.render(doc, "text")

    @pytest.mark.parametrize(
        ("kw", "error"),
        [
            ({"samples": 0}, ValidationError),
            ({"samples": 1.5}, NegotrackError),
            ({"threshold": 1.5}, ValidationError),
            ({"margin": -1}, ValidationError),
            ({"analyses": ("nope",)}, ValidationError),
            ({"probabilities": {"reported": 2}}, ValidationError),
            ({"probabilities": {"sure": 1}}, NegotrackError),
            ({"parties": ["XX"]}, NegotrackError),
        ],
    )
    def test_bad_arguments(
        self, ukraine: nt.Timeline, kw: dict[str, Any], error: type[Exception]
    ) -> None:
        """Bad arguments raise a NegotrackError naming them."""
        with pytest.raises(error):
            nt.robustness(ukraine, **kw)

    def test_package_key_sorted(self) -> None:
        """Packages are counted by their sorted JSON text."""
        assert package_key({"b": 1.0, "a": "x"}) == '{"a": "x", "b": 1.0}'

    def test_facts_of_the_coded_record_hold(self, ukraine: nt.Timeline) -> None:
        """Every claim of the coded record holds in the coded record's facts."""
        report = nt.analyze(ukraine.snapshot())
        assert report.conditions is not None
        found = facts(report, report.conditions)
        assert all(c.holds(found) for c in claims(report, report.conditions, {}))

    def test_repr(self, ukraine: nt.Timeline) -> None:
        """The repr counts samples and labels."""
        text = repr(nt.robustness(ukraine, samples=10, analyses=(), sensitivity=False))
        assert text.startswith("<RobustnessReport: 10 samples")


def test_evolve_keeps_uncertainty_checked() -> None:
    """attrs.evolve re-validates the uncertainty against the new position."""
    st_ = nt.Statement(
        party="A",
        issue="x",
        date=DAY,
        position=nt.Position(ideal=50, acceptable=nt.Region.interval(S, 40, 60)),
        source=nt.Source(title="t"),
        uncertainty=nt.Uncertainty(ideal=(45, 55)),
    )
    with pytest.raises(NegotrackError):
        attrs.evolve(st_, position=nt.Position(ideal=41, acceptable=nt.Region.interval(S, 40, 60)))
