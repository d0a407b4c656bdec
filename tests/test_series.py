"""Tests for the incremental gap series."""

from __future__ import annotations

import datetime
import functools
import gc
import weakref

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack._collector import PROMOTE_FROM
from negotrack.analysis.gaps import gap_status, red_line_deadlock
from negotrack.testing import strategies as nts
from test_timeline import SRC, YEARS, day, say

#: Small timelines keep the suite fast; the laws need no more to fail when broken.
TIMELINES = nts.timelines(max_parties=3, max_issues=2, max_statements=10)

#: Positions with a few conditions, or knots of conditions (cycles form and dissolve), both
#: with superseded and lifted conditions of any credibility.
WITH_CONDITIONS = nts.scenarios(timelines=TIMELINES, max_conditions=4) | nts.scenarios(
    timelines=nts.condition_timelines(max_clauses=4, max_conditions=6, linkages=True),
    max_conditions=6,
)


#: Red lines two times in three (the shared strategy object keeps nts.positions' cache warm).
MOSTLY_RED = st.sampled_from([True, True, False])
FIRST_DAY = datetime.date(2025, 12, 1)


@st.composite
def red_line_timelines(draw: st.DrawFn) -> nt.Timeline:
    """Timelines of positions drawn by nts.positions on numeric scales, mostly red lines.

    Half the positions keep their drawn region (often several intervals), half are
    replaced by its hull (one interval), so the series' running extremes and the general
    intersection both meet red lines that do and do not deadlock, and hand over to each
    other as positions change.
    """
    parties = [nt.Party(f"p{k}") for k in range(draw(st.integers(2, 5)))]
    issues = [nt.Issue(f"i{k}", draw(nts.numeric_scales())) for k in range(draw(st.integers(1, 2)))]
    tl = nt.Timeline(issues=issues, parties=parties)
    week = nts.dates(min_value=FIRST_DAY, max_value=FIRST_DAY + datetime.timedelta(days=6))
    for _ in range(draw(st.integers(1, 20))):
        issue = draw(st.sampled_from(issues))
        p = draw(nts.positions(issue.scale, red_lines=MOSTLY_RED))
        if draw(st.booleans()):
            p = attrs.evolve(p, acceptable=p.acceptable.hull())
        tl.add(
            nt.Statement(
                party=draw(st.sampled_from(parties)).id,
                issue=issue.id,
                date=draw(week),
                position=p,
                source=SRC,
                credibility=draw(nts.credibilities()),
            )
        )
    return tl


def decided(scale: nt.Scale, positions: tuple[nt.Position, ...]) -> tuple[str, bool]:
    """Return the status and deadlock the one rule decides, its inputs from the region algebra."""
    full = nt.Region.full(scale)
    overlap = functools.reduce(nt.Region.intersection, [p.acceptable for p in positions], full)
    reds = [p.acceptable for p in positions if p.red_line]
    red_overlap = functools.reduce(nt.Region.intersection, reds, full)
    same = len({p.ideal for p in positions}) <= 1
    return (
        gap_status(len(positions), same, not overlap.is_empty),
        red_line_deadlock(len(reds), not red_overlap.is_empty),
    )


def timeline(*records: nt.Statement) -> nt.Timeline:
    tl = nt.Timeline(
        issues=[nt.Issue("g", YEARS), nt.Issue("h", YEARS)],
        parties=[nt.Party("US"), nt.Party("UA"), nt.Party("RU")],
    )
    tl.extend(records)
    return tl


thresholds = st.sampled_from(list(nt.Credibility))


class TestGapSeries:
    @given(TIMELINES, thresholds, st.data())
    def test_incremental_series_equals_from_scratch_analysis(
        self, tl: nt.Timeline, level: nt.Credibility, data: st.DataObject
    ) -> None:
        """Every report equals analyze(snapshot(date)), lazy fields included."""
        ids = [p.id for p in tl.parties]
        parties = data.draw(st.none() | st.lists(st.sampled_from(ids), unique=True))
        series = nt.gap_series(tl, min_credibility=level, parties=parties)
        for report in series:
            scratch = nt.analyze(tl.snapshot(report.date, min_credibility=level), parties)
            assert report == scratch
            assert report.to_dict() == scratch.to_dict()

    @given(WITH_CONDITIONS, thresholds, st.data())
    def test_incremental_series_with_conditions_equals_from_scratch_analysis(
        self, sc: nt.Scenario, level: nt.Credibility, data: st.DataObject
    ) -> None:
        """With conditions (superseded, lifted, any credibility), every report equals analyze()."""
        tl = sc.timeline
        ids = [p.id for p in tl.parties]
        parties = data.draw(st.none() | st.lists(st.sampled_from(ids), unique=True))
        for report in nt.gap_series(tl, min_credibility=level, parties=parties):
            scratch = nt.analyze(tl.snapshot(report.date, min_credibility=level), parties)
            assert report == scratch
            assert report.conditions == scratch.conditions

    @given(
        nts.timelines(
            min_parties=4,
            max_parties=8,
            max_issues=1,
            min_statements=10,
            max_statements=30,
            max_events=0,
            scales=nts.numeric_scales(),
        )
    )
    def test_incremental_series_equals_from_scratch_with_many_parties(
        self, tl: nt.Timeline
    ) -> None:
        """With many parties on one issue (running bounds move often) it still matches."""
        for report in nt.gap_series(tl):
            assert report == nt.analyze(tl.snapshot(report.date))

    @given(red_line_timelines() | TIMELINES, thresholds)
    def test_series_and_analyze_decide_status_and_deadlock_by_the_one_rule(
        self, tl: nt.Timeline, level: nt.Credibility
    ) -> None:
        """Series and analyze() give, on every date and issue, the one rule's status and deadlock."""
        for report in nt.gap_series(tl, min_credibility=level):
            scratch = nt.analyze(tl.snapshot(report.date, min_credibility=level))
            for gap, fresh in zip(report, scratch, strict=True):
                assert gap.positions == fresh.positions
                expected = decided(gap.issue.scale, gap.positions)
                assert (gap.status, gap.deadlocked) == expected
                assert (fresh.status, fresh.deadlocked) == expected

    def test_red_lines_handed_between_one_and_several_intervals(self) -> None:
        """Red lines moving between one and several intervals: the series follows the rule."""

        def hold(
            party: str, n: int, parts: list[tuple[float, float]], red: bool = True
        ) -> nt.Statement:
            region = nt.Region.of(YEARS, parts)
            return nt.Statement(
                party=party,
                issue="g",
                date=day(n),
                source=SRC,
                position=nt.Position(ideal=parts[0][0], acceptable=region, red_line=red),
            )

        tl = timeline(
            hold("US", 1, [(0, 15)]),
            hold("UA", 1, [(12, 18)]),  # one interval each: they meet
            hold("US", 2, [(0, 10), (20, 30)]),  # hull over UA's region, missing it: deadlock
            hold("US", 3, [(0, 10)]),  # one interval again, apart: deadlock
            hold("UA", 4, [(5, 18)]),  # they meet again
            hold("RU", 5, [(50, 60)], red=False),  # a soft line apart: no overlap, no deadlock
        )
        series = nt.gap_series(tl)
        assert [(r["g"].status, r["g"].deadlocked) for r in series] == [
            ("overlap", False),
            ("no_overlap", True),
            ("no_overlap", True),
            ("overlap", False),
            ("no_overlap", False),
        ]
        for report in series:
            assert report == nt.analyze(tl.snapshot(report.date))

    @given(TIMELINES, thresholds)
    def test_one_report_per_date_with_a_visible_statement(
        self, tl: nt.Timeline, level: nt.Credibility
    ) -> None:
        """Reports fall exactly on the dates of statements meeting the threshold."""
        series = nt.gap_series(tl, min_credibility=level)
        expected = sorted({s.date for s in tl.statements if s.credibility >= level})
        assert list(series.dates) == expected

    @given(TIMELINES)
    def test_unchanged_gaps_are_shared_between_reports(self, tl: nt.Timeline) -> None:
        """An issue whose positions did not change keeps the same IssueGap object."""
        series = nt.gap_series(tl)
        for prev, report in zip(series, series.reports[1:], strict=False):
            for a, b in zip(prev, report, strict=True):
                if a.parties == b.parties and a.positions == b.positions:
                    assert a is b

    @given(TIMELINES, nts.dates(), nts.dates())
    def test_start_and_end_bound_the_reports_without_losing_history(
        self, tl: nt.Timeline, d1: datetime.date, d2: datetime.date
    ) -> None:
        """start/end keep only reports in range; each still equals the full series' report."""
        start, end = min(d1, d2), max(d1, d2)
        full = nt.gap_series(tl)
        part = nt.gap_series(tl, start=start, end=end)
        assert list(part.dates) == [d for d in full.dates if start <= d <= end]
        for report in part:
            assert report.date is not None
            assert report == full[report.date]

    @pytest.mark.parametrize("size", ["small", "large"])
    def test_garbage_collector_state_is_restored(self, size: str) -> None:
        """The collector paused while building is back as found, below and above promotion."""
        tl = (
            timeline(say("US", 1, 0, 15), say("UA", 2, 50, 100))
            if size == "small"
            else large_timeline()
        )
        assert gc.isenabled()
        nt.gap_series(tl)
        assert gc.isenabled()
        gc.disable()
        try:
            nt.gap_series(tl)
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_restated_position_shares_the_gap(self) -> None:
        """Restating the same position adds a report but not a new gap."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 1, 50, 100), say("US", 3, 0, 15))
        series = nt.gap_series(tl)
        assert len(series) == 2
        assert series[0]["g"] is series[1]["g"]

    def test_later_added_statement_wins_a_tie(self) -> None:
        """Of two statements on one date, the one added later is in force."""
        tl = timeline(say("US", 1, 0, 15), say("US", 1, 0, 40))
        assert nt.gap_series(tl)[0]["g"].overlap == nt.Region.interval(YEARS, 0, 40)

    def test_at_returns_report_in_force(self) -> None:
        """at(date) gives the latest report dated on or before the date."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 5, 50, 100))
        series = nt.gap_series(tl)
        assert series.at(day(3)) is series[0]
        assert series.at(day(9)) is series[1]
        assert series.at(datetime.date(2025, 1, 1)) is None
        assert series.at(day(5)) is series[1] is series[day(5)]

    @given(TIMELINES, nts.dates())
    def test_at_is_the_latest_report_on_or_before(self, tl: nt.Timeline, d: datetime.date) -> None:
        """at(d) and [d] agree with a scan of the reports in date order."""
        series = nt.gap_series(tl)
        earlier = [r for r in series if r.date is not None and r.date <= d]
        assert series.at(d) is (earlier[-1] if earlier else None)
        if d in series.dates:
            assert series[d] is earlier[-1]

    def test_changes_lists_dates_an_issue_moved(self) -> None:
        """changes(issue) keeps only the dates on which that issue's gap changed."""
        tl = timeline(say("US", 1, 0, 15), say("UA", 5, 50, 100), say("US", 7, 0, 15))
        assert [d.day for d, _ in nt.gap_series(tl).changes("g")] == [1, 5]

    def test_getitem_by_missing_date_raises(self) -> None:
        """Indexing by a date without a report raises UnknownReferenceError suggesting at()."""
        series = nt.gap_series(timeline(say("US", 1, 0, 15)))
        with pytest.raises(
            nt.errors.UnknownReferenceError, match=r"no report dated 2025-12-02; use \.at"
        ):
            series[day(2)]

    def test_start_after_end_raises(self) -> None:
        """Start after end raises AnalysisError naming both dates."""
        with pytest.raises(
            nt.errors.AnalysisError, match="start=2025-12-05 is after end=2025-12-01"
        ):
            nt.gap_series(timeline(), start=day(5), end=day(1))

    def test_start_of_wrong_type_raises(self) -> None:
        """A string start raises InvalidTypeError naming the field and suggesting fromisoformat."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"gap_series\.start='2025-12-01' must be a datetime\.date.*fromisoformat",
        ):
            nt.gap_series(timeline(), start="2025-12-01")  # type: ignore[arg-type]

    def test_unknown_party_raises(self) -> None:
        """An unknown party raises UnknownReferenceError naming it."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match="parties: 'EU' is not a party of the timeline"
        ):
            nt.gap_series(timeline(), parties=["EU"])

    def test_end_of_wrong_type_raises(self) -> None:
        """A string end raises InvalidTypeError naming the field and suggesting fromisoformat."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"gap_series\.end='2025' must be a datetime\.date, not str.*fromisoformat",
        ):
            nt.gap_series(timeline(), end="2025")  # type: ignore[arg-type]

    def test_unknown_credibility_level_raises(self) -> None:
        """An unknown credibility level is named, with the levels there are."""
        with pytest.raises(
            nt.errors.NegotrackError,
            match="min_credibility='rumour' is not a credibility level; use one of: denied, "
            "alleged, reported, confirmed",
        ):
            nt.gap_series(timeline(), min_credibility="rumour")

    def test_at_a_string_raises(self) -> None:
        """at() with a string raises InvalidTypeError naming GapSeries.at and the value."""
        series = nt.gap_series(timeline(say("US", 1, 0, 15)))
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"GapSeries\.at\.date='x' must be a datetime\.date, not str",
        ):
            series.at("x")  # type: ignore[arg-type]

    def test_non_timeline_raises(self) -> None:
        """A snapshot instead of a timeline raises InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"gap_series: timeline=<Snapshot .*> must be a Timeline",
        ):
            nt.gap_series(timeline().snapshot())  # type: ignore[arg-type]

    def test_to_dict_and_repr(self) -> None:
        """to_dict lists the reports; repr gives the count and the date range."""
        series = nt.gap_series(timeline(say("US", 1, 0, 15), say("UA", 5, 50, 100)))
        assert len(series.to_dict()["reports"]) == 2  # type: ignore[arg-type]
        assert repr(series) == "<GapSeries: 2 reports from 2025-12-01 to 2025-12-05, 3 parties>"


def large_timeline() -> nt.Timeline:
    """Return a timeline just above the size from which a series' objects are promoted."""
    size = PROMOTE_FROM
    days = [datetime.date(2024, 1, 1) + datetime.timedelta(days=k) for k in range(size)]
    return timeline(
        *(
            nt.Statement(
                party=("US", "UA", "RU")[k % 3],
                issue=("g", "h")[k % 2],
                date=d,
                source=SRC,
                position=nt.Position(
                    ideal=k % 40, acceptable=nt.Region.interval(YEARS, k % 40, 60 + k % 40)
                ),
            )
            for k, d in enumerate(days)
        )
    )


class TestCollectorHandling:
    """A large series' objects go straight to the collector's oldest generation, safely."""

    def test_large_series_objects_land_in_the_oldest_generation(self) -> None:
        """After a large series, its reports and gaps are in generation 2, not young."""
        tl = large_timeline()
        gc.collect()
        series = nt.gap_series(tl)
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        young = {id(o) for o in gc.get_objects(generation=0)}
        built = list(series.reports[:50]) + [r.gaps[0] for r in series.reports[:50]]
        assert all(id(o) in oldest for o in built)
        assert not any(id(o) in young for o in built)

    def test_young_garbage_cycle_is_collected_not_promoted(self) -> None:
        """A reference cycle dropped just before the call is collected, not kept for later."""
        tl = large_timeline()

        class Node:
            other: object

        gc.collect()
        node = Node()
        node.other = node
        ref = weakref.ref(node)
        del node
        assert ref() is not None  # only the cyclic collector can free it
        nt.gap_series(tl)
        assert ref() is None

    def test_frozen_objects_stay_frozen(self) -> None:
        """Objects the process froze itself are not thawed by a large series."""
        tl = large_timeline()
        gc.collect()
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            assert frozen > 0
            series = nt.gap_series(tl)
            assert gc.get_freeze_count() == frozen
            assert not any(
                o is series.reports[-1] for o in gc.get_objects(generation=2)
            )  # left to the collector's usual course
        finally:
            gc.unfreeze()
