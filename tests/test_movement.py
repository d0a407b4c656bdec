"""Tests for movement: movements, convergence and stalls."""

from __future__ import annotations

import datetime

import hypothesis.strategies as st
import pytest
from hypothesis import assume, given

import negotrack as nt
from negotrack.analysis.movement import MOVEMENT_KINDS
from negotrack.testing import strategies as nts

#: Small timelines keep the suite fast; the laws need no more to fail when broken.
TIMELINES = nts.timelines(max_parties=3, max_issues=2, max_statements=10)

YEARS = nt.NumericScale(0, 100, unit="years")
SRC = nt.Source(title="test")


def day(n: int) -> datetime.date:
    return datetime.date(2025, 12, 1) + datetime.timedelta(days=n - 1)


def say(party: str, n: int, lo: float, hi: float, ideal: float | None = None) -> nt.Statement:
    return nt.Statement(
        party=party,
        issue="g",
        date=day(n),
        source=SRC,
        position=nt.Position(
            ideal=lo if ideal is None else ideal, acceptable=nt.Region.interval(YEARS, lo, hi)
        ),
    )


def timeline(*records: nt.Statement) -> nt.Timeline:
    tl = nt.Timeline(issues=[nt.Issue("g", YEARS)], parties=[nt.Party("US"), nt.Party("UA")])
    tl.extend(records)
    return tl


class TestMovements:
    @given(TIMELINES)
    def test_every_change_of_position_is_one_movement(self, tl: nt.Timeline) -> None:
        """One movement per (party, issue) whose position differs between report dates."""
        series = nt.gap_series(tl)
        expected = []
        for prev, report in zip(series, series.reports[1:], strict=False):
            assert prev.date is not None
            assert report.date is not None
            before, after = tl.snapshot(prev.date), tl.snapshot(report.date)
            for issue in tl.issues:
                for party in tl.parties:
                    a = before.position(party.id, issue.id)
                    b = after.position(party.id, issue.id)
                    if a is not None and a != b:
                        expected.append((report.date, issue.id, party.id))
        got = [(m.date, m.issue, m.party) for m in nt.movements(series)]
        assert sorted(got) == sorted(expected)

    @given(TIMELINES)
    def test_reversal_iff_opposite_to_previous_move(self, tl: nt.Timeline) -> None:
        """A move is a reversal exactly when it opposes the party's previous move.

        Its kind always says which way it went (issue 11).
        """
        last: dict[tuple[str, str], int] = {}
        for m in nt.movements(tl):
            assert m.kind in MOVEMENT_KINDS
            assert m.kind == {1: "concession", -1: "hardening", 0: "unchanged"}[m.direction]
            key = (m.party, m.issue)
            if m.direction == 0:
                assert not m.reversal
                continue
            assert m.reversal == (key in last and last[key] != m.direction)
            last[key] = m.direction

    @given(TIMELINES, st.data())
    def test_a_movement_label_never_depends_on_where_the_series_starts(
        self, tl: nt.Timeline, data: st.DataObject
    ) -> None:
        """Law (issue 11): a movement's label never depends on where the window starts.

        The movements on a date are the same for every start on or before the date of the
        position they moved from.
        """
        everything = nt.movements(tl)
        assume(everything)
        m = data.draw(st.sampled_from(everything), label="movement")
        first = min(tl.dates)
        assert m.held_since is not None
        span = (m.held_since - first).days
        start = first + datetime.timedelta(days=data.draw(st.integers(0, span), label="offset"))
        on_date = [x for x in everything if x.date == m.date]
        windowed = [x for x in nt.movements(tl, start=start) if x.date == m.date]
        assert windowed == on_date

    @given(TIMELINES)
    def test_relative_directions_and_overlap_effect(self, tl: nt.Timeline) -> None:
        """Directions toward each party and effects on the zone of agreement recompute.

        Recomputed from the positions themselves, as the docs define them.
        """
        series = nt.gap_series(tl)
        by_date = {r.date: r for r in series}
        dates = list(by_date)
        for m in nt.movements(series):
            prev = by_date[dates[dates.index(m.date) - 1]][m.issue]
            others = dict(zip(prev.parties, prev.positions, strict=True))
            others.pop(m.party)
            assert set(m.relative) == set(others)
            scale = m.before.acceptable.scale
            for p, q in others.items():
                closer = (
                    m.before.acceptable.gap(q.acceptable)
                    - m.after.acceptable.gap(q.acceptable)
                    + scale.distance(m.before.ideal, q.ideal)
                    - scale.distance(m.after.ideal, q.ideal)
                )
                assert m.relative[p] == (0 if abs(closer) <= 1e-12 else (1 if closer > 0 else -1))
            old, new = m.before.acceptable, m.after.acceptable
            for q in others.values():
                old, new = old.intersection(q.acceptable), new.intersection(q.acceptable)
            if others and old.is_empty and not new.is_empty:
                assert m.overlap == "opened"
            elif others and new.is_empty and not old.is_empty:
                assert m.overlap == "closed"
            else:
                assert m.overlap in {"grew", "shrank", "unchanged"}

    @given(TIMELINES)
    def test_growing_region_is_a_move_toward_the_others(self, tl: nt.Timeline) -> None:
        """A strictly grown acceptable region always has direction +1."""
        for m in nt.movements(tl):
            old, new = m.before.acceptable, m.after.acceptable
            if old != new and old.is_subset(new):
                assert m.direction == 1

    def test_widening_then_narrowing(self) -> None:
        """Widening, narrowing back (a reversal), narrowing again, widening (a reversal).

        A reversal toward agreement reads as a concession, never like backtracking.
        """
        tl = timeline(
            say("US", 1, 0, 15),
            say("UA", 1, 50, 100),
            say("US", 2, 0, 20),
            say("US", 3, 0, 15),
            say("US", 4, 0, 10),
            say("US", 5, 0, 60),
        )
        got = [(m.kind, m.reversal, m.overlap) for m in nt.movements(tl)]
        assert got == [
            ("concession", False, "unchanged"),
            ("hardening", True, "unchanged"),
            ("hardening", False, "unchanged"),
            ("concession", True, "opened"),
        ]
        last = nt.movements(tl)[-1]
        assert "concession, reversing its previous move" in last.describe()
        assert last.held_since == day(4)

    def test_ideal_moving_toward_the_other_is_a_concession(self) -> None:
        """Moving the ideal toward the other side without widening is a concession."""
        tl = timeline(say("US", 1, 0, 15, 5), say("UA", 1, 50, 100), say("US", 2, 0, 15, 15))
        (m,) = nt.movements(tl)
        assert m.kind == "concession"
        assert m.toward == pytest.approx(0.1)

    def test_salience_change_alone_is_unchanged(self) -> None:
        """A new statement changing only the salience is classified unchanged."""
        quiet = nt.Statement(
            party="US",
            issue="g",
            date=day(2),
            source=SRC,
            position=nt.Position(
                ideal=0, salience=0.2, acceptable=nt.Region.interval(YEARS, 0, 15)
            ),
        )
        tl = timeline(say("US", 1, 0, 15), say("UA", 1, 50, 100), quiet)
        assert [m.kind for m in nt.movements(tl)] == ["unchanged"]

    def test_filters_by_party_and_issue(self) -> None:
        """parties= and issues= keep only those movements."""
        tl = timeline(
            say("US", 1, 0, 15), say("UA", 1, 50, 100), say("US", 2, 0, 20), say("UA", 3, 40, 100)
        )
        assert [m.party for m in nt.movements(tl, parties=["UA"])] == ["UA"]
        assert nt.movements(tl, issues=[]) == ()

    def test_unknown_issue_raises(self) -> None:
        """An unknown issue raises UnknownReferenceError naming it."""
        with pytest.raises(nt.errors.UnknownReferenceError, match="issues holds 'x'"):
            nt.movements(timeline(say("US", 1, 0, 15)), issues=["x"])

    def test_series_with_series_options_raises(self) -> None:
        """Series options with a ready series raise AnalysisError naming them."""
        series = nt.gap_series(timeline())
        with pytest.raises(
            nt.errors.AnalysisError, match="min_credibility apply only when given a Timeline"
        ):
            nt.movements(series, min_credibility="confirmed")

    def test_wrong_source_raises(self) -> None:
        """A snapshot raises InvalidTypeError."""
        with pytest.raises(nt.errors.InvalidTypeError, match="must be a GapSeries or a Timeline"):
            nt.movements(timeline().snapshot())  # type: ignore[arg-type]


class TestConvergence:
    def test_rate_is_slope_of_needed_move_per_day(self) -> None:
        """Closing 10 of 40 points in 10 days is a rate of -0.01 per day (normalised)."""
        tl = timeline(say("US", 1, 0, 10), say("UA", 1, 50, 60), say("US", 11, 0, 30))
        (c,) = nt.convergence(tl)
        assert c.needed == (0.2, 0.1)
        assert c.rate == pytest.approx(-0.01)
        assert c.converging

    @given(TIMELINES)
    def test_one_point_per_change_of_the_issue(self, tl: nt.Timeline) -> None:
        """Each issue has one value per date its gap changed, each in [0, 1]."""
        series = nt.gap_series(tl)
        for c in nt.convergence(series):
            assert c.dates == tuple(d for d, _ in series.changes(c.issue))
            assert all(0 <= v <= 1 for v in c.needed + c.spread)


class TestStalls:
    def test_ongoing_stall_runs_to_the_date_looked_at(self) -> None:
        """An issue without overlap since day 1 and no move is stalled until `at`."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 1, 50, 100))
        (s,) = nt.stalls(tl, days=7, at=day(11))
        assert (s.start, s.end, s.days, s.ongoing) == (day(1), day(11), 10, True)

    def test_a_move_ends_the_stall(self) -> None:
        """A move ends the period; a shorter second period is not reported."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 1, 50, 100), say("US", 15, 0, 20))
        (s,) = nt.stalls(tl, days=7, at=day(18))
        assert (s.start, s.end, s.ongoing) == (day(1), day(15), False)

    def test_restating_does_not_end_the_stall(self) -> None:
        """Restating the same position is not a move."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 1, 50, 100), say("US", 5, 0, 15))
        assert [s.days for s in nt.stalls(tl, days=7, at=day(11))] == [10]

    def test_overlap_is_never_a_stall(self) -> None:
        """An issue with overlap is not stalled however long nobody moves."""
        tl = timeline(say("US", 1, 0, 60), say("UA", 1, 50, 100))
        assert nt.stalls(tl, days=1, at=day(30)) == ()

    @given(TIMELINES, st.integers(1, 10))
    def test_every_stall_is_long_enough_and_without_overlap(
        self, tl: nt.Timeline, days: int
    ) -> None:
        """Each stall lasts at least `days` and its issue has no overlap throughout."""
        series = nt.gap_series(tl)
        for s in nt.stalls(series, days=days):
            assert s.days >= days
            for d, gap in series.issue(s.issue):
                if s.start <= d < s.end:
                    assert gap.status == "no_overlap"
                    assert gap.positions == s.gap.positions or [
                        (p.ideal, p.acceptable) for p in gap.positions
                    ] == [(p.ideal, p.acceptable) for p in s.gap.positions]

    def test_days_below_one_raises(self) -> None:
        """days=0 raises AnalysisError naming the rule."""
        with pytest.raises(nt.errors.AnalysisError, match="days=0 must be >= 1"):
            nt.stalls(timeline(), days=0)

    def test_days_of_wrong_type_raises(self) -> None:
        """days='7' raises InvalidTypeError."""
        with pytest.raises(nt.errors.InvalidTypeError, match="days='7' must be a whole number"):
            nt.stalls(timeline(), days="7")  # type: ignore[arg-type]

    def test_at_before_last_report_raises(self) -> None:
        """At before the last report raises AnalysisError suggesting end=."""
        tl = timeline(say("US", 5, 0, 15))
        with pytest.raises(
            nt.errors.AnalysisError, match="at=2025-12-01 is before the last report"
        ):
            nt.stalls(tl, days=1, at=day(1))
