"""The robustness analysis' fast paths equal a from-scratch recomputation, bit for bit.

Samples reuse what earlier readings computed (utility functions, values, statements drawn
the same way, per-issue results) and draw their numbers without ``randint``'s calls; none
of it may change a number.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Mapping
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.agreement.space import AgreementSpace
from negotrack.analysis.forecast import METHODS, forecast_coordinate
from negotrack.analysis.robustness.claims import claims, knots
from negotrack.analysis.robustness.sampling import (
    Reading,
    _holding,
    draw,
    grain,
    plan,
    reposition,
    sample_rng,
    sampled_snapshot,
    uniform_int,
)
from negotrack.analysis.robustness.spaces import CONTINUOUS_PARTIES, SpaceCache
from negotrack.analysis.robustness.tally import ANALYSES, Job, outcome, run_reading
from negotrack.errors import AnalysisError
from negotrack.testing import strategies as nts
from negotrack.timeline.records import Statement, probability_true
from negotrack.timeline.timeline import Timeline


def reference_draw(tl: nt.Timeline, rng: random.Random) -> Reading:
    """Draw as the first version did: every uncertain record, ``randint`` for each number."""
    excluded: set[str] = set()
    dates: dict[str, datetime.date] = {}
    drawn: dict[str, Any] = {}
    for rec in tl.records:
        p = probability_true(rec, None)
        unc = rec.uncertainty
        if p >= 1.0 and (unc is None or unc.is_certain):
            continue
        assert rec.id is not None
        if p < 1.0 and rng.random() >= p:
            excluded.add(rec.id)
        if unc is None:
            continue
        if unc.dates is not None:
            first, last = unc.dates
            day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
            if day != rec.date:
                dates[rec.id] = day
        pairs = [unc.ideal, unc.lower, unc.upper] if isinstance(rec, Statement) else [None] * 3
        if unc.red_line is None and pairs == [None, None, None]:
            continue
        coords: list[float | None] = []
        for pair in pairs:
            if pair is None:
                coords.append(None)
                continue
            assert isinstance(rec, Statement)
            scale = rec.position.scale
            lo, hi = scale.coord(pair[0]), scale.coord(pair[1])
            if scale.discrete:
                coords.append(float(rng.randint(int(lo), int(hi))))
                continue
            step = grain(scale)
            first_k, last_k = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
            if first_k > last_k:  # narrower than a step: its low end (a number still drawn)
                rng.randint(0, 0)
                coords.append(lo)
            else:
                coords.append(min(hi, max(lo, rng.randint(first_k, last_k) * step)))
        red = None if unc.red_line is None else rng.random() < unc.red_line
        drawn[rec.id] = (coords[0], coords[1], coords[2], red)
    return Reading(frozenset(excluded), dates=dates, drawn=drawn)


@given(st.integers(1, 10**6), st.integers(0, 2**64))
def test_uniform_int_is_randint(n: int, seed: int) -> None:
    """uniform_int(getrandbits, n) draws what randint(0, n - 1) draws, and as many bits."""
    mine, theirs = random.Random(seed), random.Random(seed)
    assert [uniform_int(mine.getrandbits, n) for _ in range(5)] == [
        theirs.randint(0, n - 1) for _ in range(5)
    ]
    assert mine.random() == theirs.random()  # the stream is where it was


@given(nts.uncertain_timelines(), st.integers(0, 1000))
def test_the_draw_equals_the_reference_draw(tl: nt.Timeline, seed: int) -> None:
    """The compiled draw reads the same numbers as the record-by-record randint draw."""
    entries = plan(tl)
    for index in range(3):
        fast = draw(tl, None, sample_rng(seed, index), entries=entries)
        assert fast == draw(tl, None, sample_rng(seed, index))
        slow = reference_draw(tl, sample_rng(seed, index))
        assert fast.excluded == slow.excluded
        assert dict(fast.dates) == dict(slow.dates)
        assert dict(fast.drawn) == dict(slow.drawn)


def _solutions(space: Any) -> Mapping[str, Any]:
    return {name: None if s is None else s.package for name, s in space.solutions().items()}


@given(nts.uncertain_timelines(), st.integers(0, 1000))
def test_the_reused_agreement_space_equals_a_fresh_one(tl: nt.Timeline, seed: int) -> None:
    """SpaceCache over many readings: each space's solutions are from_snapshot's, exactly.

    (With more than CONTINUOUS_PARTIES parties, from_snapshot's at the breakpoints.)
    """
    cache = SpaceCache()
    made: dict[Any, Any] = {}
    for index in range(4):
        reading = draw(tl, None, sample_rng(seed, index))
        snap = sampled_snapshot(tl, None, nt.Credibility.ALLEGED, reading, made)
        assert snap == sampled_snapshot(tl, None, nt.Credibility.ALLEGED, reading)
        names = {k: (s.id, reading.drawn.get(s.id or "")) for k, s in snap.statements.items()}
        try:
            fresh = AgreementSpace.from_snapshot(snap)
        except AnalysisError:
            fresh = None
        if fresh is not None and len(fresh.parties) > CONTINUOUS_PARTIES:
            fresh = AgreementSpace(fresh.utility_functions, fresh.outcomes, continuous=())
        if fresh is None:
            try:
                cache.space(snap, names)
            except AnalysisError:
                continue
            raise AssertionError("the reused space built what from_snapshot refused")
        reused = cache.space(snap, names)
        assert reused.outcomes == fresh.outcomes
        assert reused.continuous == fresh.continuous
        assert reused.disagreement() == fresh.disagreement()
        assert reused.ideal() == fresh.ideal()
        assert reused.solutions() == fresh.solutions()


@given(nts.uncertain_timelines(), st.integers(0, 1000))
def test_each_sample_equals_a_from_scratch_analysis(tl: nt.Timeline, seed: int) -> None:
    """A reading analysed after others (every cache warm) = the same reading analysed alone."""
    snap = tl.snapshot()
    report = nt.analyze(snap)
    assert report.conditions is not None
    warm = Job(
        timeline=tl,
        at=None,
        min_credibility=nt.Credibility.ALLEGED,
        parties=None,
        probabilities=None,
        seed=seed,
        analyses=ANALYSES,
        claims=claims(report, report.conditions, {}),
    )
    for index in range(4):
        reading = draw(tl, None, sample_rng(seed, index))
        fast = run_reading(warm, reading)
        cold = attrs.evolve(warm, memo={})  # the same job, nothing remembered
        alone = sampled_snapshot(tl, None, nt.Credibility.ALLEGED, reading)
        assert fast == outcome(cold, alone)  # keyed by the positions, nothing reused


@given(nts.timelines(max_statements=6, max_issues=2))
def test_forecast_coordinate_is_the_forecasts_coordinate(tl: nt.Timeline) -> None:
    """forecast_coordinate answers (or refuses) exactly as forecast(...).coordinate."""
    snap = tl.snapshot()
    for issue in tl.issues:
        for method in METHODS:
            try:
                expected: float | None = nt.forecast(snap, issue.id, method).coordinate
            except AnalysisError:
                expected = None
            try:
                got: float | None = forecast_coordinate(snap, issue.id, method)
            except AnalysisError:
                got = None
            assert got == expected


def test_the_disagreement_point_is_computed_once_and_handed_out_as_a_copy() -> None:
    """A caller changing the returned dict does not change the space's point."""
    outcomes, utilities = nt.random_utilities(3, 3)
    space = nt.AgreementSpace(utilities, outcomes)
    d, ideal = space.disagreement(), space.ideal()
    d["p0"] = ideal["p0"] = 99.0
    assert space.disagreement()["p0"] != 99.0
    assert space.ideal()["p0"] != 99.0
    assert space.nash() == nt.AgreementSpace(utilities, outcomes).nash()


def test_a_job_travels_without_its_memo() -> None:
    """A job pickled for a worker leaves this process's cache behind (nothing else)."""
    import pickle

    from negotrack.analysis.robustness.tally import Job

    timeline = nt.load("examples/ukraine_dec2025.toml").timeline
    job = Job(
        timeline=timeline,
        at=None,
        min_credibility=nt.Credibility.ALLEGED,
        parties=None,
        probabilities=None,
        seed=3,
        analyses=("agreement",),
        claims=(),
    )
    job.memo["anything"] = object()  # not picklable: it must not travel
    back = pickle.loads(pickle.dumps(job))
    assert back.memo == {}
    assert (back.at, back.min_credibility, back.seed, back.analyses) == (
        None,
        job.min_credibility,
        3,
        ("agreement",),
    )
    assert len(back.timeline) == len(timeline)


@given(nts.condition_timelines(linkages=True), st.data())
def test_the_knots_depend_on_the_conditions_only(tl: nt.Timeline, data: st.DataObject) -> None:
    """Positions (red lines or not) change no sequencing knot: samples key them by conditions.

    The robustness analysis reuses a reading's knots for every reading with the same
    conditions in force, whatever positions it holds.
    """
    day = max((c.date for c in tl.conditions), default=datetime.date(2025, 1, 1))
    statements = []
    for issue in tl.issues:
        for party in tl.parties:
            if not data.draw(st.booleans()):
                continue
            labels = data.draw(st.sampled_from([["yes"], ["no"], ["no", "yes"]]))
            statements.append(
                Statement(
                    party=party.id,
                    issue=issue.id,
                    date=day,
                    position=nt.Position(
                        ideal=labels[0],
                        acceptable=nt.Region.labels(issue.scale, labels),
                        red_line=data.draw(st.booleans()),
                    ),
                    source=nt.Source(title="test"),
                )
            )
    with_positions = Timeline(
        issues=tl.issues, parties=tl.parties, records=[*tl.records, *statements]
    )
    bare = nt.analyze_conditions(tl.snapshot(day))
    held = nt.analyze_conditions(with_positions.snapshot(day))
    assert knots(held) == knots(bare)
    some = data.draw(st.lists(st.sampled_from([p.id for p in tl.parties]), min_size=1, unique=True))
    assert knots(nt.analyze_conditions(with_positions.snapshot(day), parties=some)) == knots(bare)


@given(nts.uncertain_timelines(), st.integers(0, 1000))
def test_a_statement_drawn_otherwise_equals_its_evolved_copy(tl: nt.Timeline, seed: int) -> None:
    """The unchecked copy sampled snapshots make equals attrs.evolve's, field for field."""
    reading = draw(tl, None, sample_rng(seed, 0))
    for rec in tl.statements:
        if rec.id is None or rec.id not in reading.drawn:
            continue
        ideal, lower, upper, red = reading.drawn[rec.id]
        moved = reposition(rec.position, ideal=ideal, lower=lower, upper=upper, red_line=red)
        fast = _holding(rec, moved)
        slow = attrs.evolve(rec, position=moved, uncertainty=None)
        assert fast == slow
        assert attrs.asdict(fast, recurse=False) == attrs.asdict(slow, recurse=False)
        assert hash(fast) == hash(slow)


@given(nts.uncertain_timelines(), st.integers(0, 1000))
def test_reposition_equals_the_checked_position(tl: nt.Timeline, seed: int) -> None:
    """The position reposition builds unchecked equals the one its checked constructors make.

    Region(scale, parts) sorts, merges and checks the parts and Position(...) checks the
    ideal: either would raise, or give another position, if the unchecked one were unsound.
    """
    for index in range(3):
        reading = draw(tl, None, sample_rng(seed, index))
        for rec in tl.statements:
            if rec.id is None or rec.id not in reading.drawn:
                continue
            ideal, lower, upper, red = reading.drawn[rec.id]
            fast = reposition(rec.position, ideal=ideal, lower=lower, upper=upper, red_line=red)
            scale = rec.position.scale
            checked = nt.Position(
                ideal=fast.ideal,
                acceptable=nt.Region(scale, fast.acceptable.parts),
                salience=fast.salience,
                red_line=fast.red_line,
            )
            assert fast == checked
            assert fast.acceptable.parts == checked.acceptable.parts
            assert attrs.asdict(fast, recurse=False) == attrs.asdict(checked, recurse=False)
            assert hash(fast) == hash(checked)
            coord = scale.coord(rec.position.ideal) if ideal is None else ideal
            if checked.acceptable.contains(scale.value(coord)):  # kept, else the nearest
                assert scale.coord(fast.ideal) == coord
            else:
                ends = [c for part in checked.acceptable.parts for c in part]
                assert scale.coord(fast.ideal) in ends
