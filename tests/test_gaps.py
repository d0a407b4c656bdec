"""Tests for the gap engine: analyze, IssueGap, GapReport."""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import math
import random

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import assume, given

import negotrack as nt
from negotrack.analysis.gaps import STATUSES, gap_status, red_line_deadlock
from negotrack.testing import strategies as nts

#: Small timelines keep the suite fast; the laws need no more to fail when broken.
TIMELINES = nts.timelines(max_parties=3, max_issues=2, max_statements=10)
#: The same with a few conditions (superseded, lifted, any credibility).
WITH_CONDITIONS = nts.scenarios(timelines=TIMELINES, max_conditions=4)

EPS = 1e-9
Drawn = tuple[nt.Issue, dict[str, nt.Position]]
YEARS = nt.NumericScale(0, 100, unit="years")
DAY = datetime.date(2025, 12, 28)
SRC = nt.Source(title="test")


def pos(lo: float, hi: float, ideal: float | None = None, *, red: bool = False) -> nt.Position:
    return nt.Position(
        ideal=lo if ideal is None else ideal,
        acceptable=nt.Region.interval(YEARS, lo, hi),
        red_line=red,
    )


def split(a: float, b: float, c: float, d: float, *, red: bool = False) -> nt.Position:
    """Return a position accepting [a, b] and [c, d], its ideal at ``a``."""
    return nt.Position(ideal=a, acceptable=nt.Region.of(YEARS, [(a, b), (c, d)]), red_line=red)


def gap_of(**positions: nt.Position) -> nt.IssueGap:
    return nt.IssueGap.of(nt.Issue("years", YEARS), positions)


@st.composite
def issue_positions(
    draw: st.DrawFn, min_parties: int = 0, max_parties: int = 5
) -> tuple[nt.Issue, dict[str, nt.Position]]:
    """Draw an issue and positions on its scale held by distinct parties."""
    issue = nt.Issue("x", draw(nts.scales()))
    n = draw(st.integers(min_parties, max_parties))
    on_scale = nts.positions(issue.scale)
    return issue, {f"p{k}": draw(on_scale) for k in range(n)}


def meet(regions: list[nt.Region], scale: nt.Scale) -> nt.Region:
    return functools.reduce(nt.Region.intersection, regions, nt.Region.full(scale))


def largest_move(gap: nt.IssueGap) -> float:
    return gap.concessions.largest


class TestIssueGapOverlap:
    @given(issue_positions())
    def test_overlap_is_intersection_of_acceptable_regions(self, drawn: Drawn) -> None:
        """The overlap is the intersection of every positioned party's region."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        assert gap.overlap == meet([p.acceptable for p in held.values()], issue.scale)

    @given(issue_positions(min_parties=1), st.data())
    def test_concession_never_shrinks_overlap(self, drawn: Drawn, data: st.DataObject) -> None:
        """A party's acceptable region growing never shrinks the overlap."""
        issue, held = drawn
        party = data.draw(st.sampled_from(sorted(held)))
        extra = data.draw(nts.regions(issue.scale))
        old = held[party]
        grown = dict(held)
        grown[party] = nt.Position(
            ideal=old.ideal, acceptable=old.acceptable | extra, red_line=old.red_line
        )
        before, after = nt.IssueGap.of(issue, held), nt.IssueGap.of(issue, grown)
        assert before.overlap.is_subset(after.overlap)

    @given(issue_positions(min_parties=1), st.data())
    def test_concession_never_grows_the_largest_needed_move(
        self, drawn: Drawn, data: st.DataObject
    ) -> None:
        """Law: a region growing (or a red line given up) never grows the largest needed move.

        Unless it begins or ends a red-line deadlock, where the figure becomes (or stops
        being) the unconstrained one.
        """
        issue, held = drawn
        party = data.draw(st.sampled_from(sorted(held)))
        extra = data.draw(nts.regions(issue.scale))
        old = held[party]
        keeps = data.draw(st.booleans())
        grown = dict(held)
        grown[party] = nt.Position(
            ideal=old.ideal, acceptable=old.acceptable | extra, red_line=old.red_line and keeps
        )
        before, after = nt.IssueGap.of(issue, held), nt.IssueGap.of(issue, grown)
        assume(before.deadlocked == after.deadlocked)
        assert largest_move(after) <= largest_move(before) + EPS

    @given(issue_positions(min_parties=1), st.data())
    def test_a_red_line_never_shrinks_the_largest_needed_move(
        self, drawn: Drawn, data: st.DataObject
    ) -> None:
        """Law: making a position a red line never shrinks the largest needed move.

        Unless it begins a red-line deadlock.
        """
        issue, held = drawn
        party = data.draw(st.sampled_from(sorted(held)))
        hardened = {**held, party: attrs.evolve(held[party], red_line=True)}
        before, after = nt.IssueGap.of(issue, held), nt.IssueGap.of(issue, hardened)
        assume(before.deadlocked == after.deadlocked)
        assert largest_move(after) >= largest_move(before) - EPS

    @given(issue_positions(), st.data())
    def test_adding_a_party_never_shrinks_the_largest_needed_move(
        self, drawn: Drawn, data: st.DataObject
    ) -> None:
        """Law: a newcomer's position never shrinks the largest needed move.

        Unless it begins a red-line deadlock.
        """
        issue, held = drawn
        newcomer = data.draw(nts.positions(issue.scale))
        more = {**held, "newcomer_": newcomer}
        before, after = nt.IssueGap.of(issue, held), nt.IssueGap.of(issue, more)
        assume(before.deadlocked == after.deadlocked)
        assert largest_move(after) >= largest_move(before) - EPS

    @given(issue_positions(min_parties=1))
    def test_the_concession_point_respects_every_red_line(self, drawn: Drawn) -> None:
        """Law: when the red lines share a value, the meeting point lies inside every one.

        Their holders then move 0; when they share none, the report says so.
        """
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        c = gap.concessions
        assert c.respects_red_lines == (not gap.deadlocked)
        if c.point is None or gap.deadlocked:
            return
        for party in gap.red_line_holders:
            assert c.point in held[party].acceptable
            assert c[party].move == 0.0

    @given(issue_positions(min_parties=1))
    def test_red_lines_never_make_the_meeting_point_closer(self, drawn: Drawn) -> None:
        """Law: the largest move inside the red lines is at least the unconstrained one."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        assert largest_move(gap) >= gap.unconstrained_concessions.largest - EPS

    @given(issue_positions(), st.data())
    def test_adding_a_party_never_grows_overlap(self, drawn: Drawn, data: st.DataObject) -> None:
        """Adding a party's position can only shrink the overlap."""
        issue, held = drawn
        newcomer = data.draw(nts.positions(issue.scale))
        more = {**held, "newcomer_": newcomer}
        before, after = nt.IssueGap.of(issue, held), nt.IssueGap.of(issue, more)
        assert after.overlap.is_subset(before.overlap)

    @given(issue_positions(), st.randoms())
    def test_result_does_not_depend_on_party_order(self, drawn: Drawn, rnd: random.Random) -> None:
        """Listing the parties in another order gives the same overlap, status and moves."""
        issue, held = drawn
        names = list(held)
        rnd.shuffle(names)
        a = nt.IssueGap.of(issue, held)
        b = nt.IssueGap.of(issue, {n: held[n] for n in names})
        assert (a.overlap, a.status, a.deadlocked) == (b.overlap, b.status, b.deadlocked)
        assert a.concessions.point == b.concessions.point
        assert {c.party: c.move for c in a.concessions} == {c.party: c.move for c in b.concessions}
        assert set(a.blockers) == set(b.blockers)

    def test_no_party_is_no_positions_over_the_whole_scale(self) -> None:
        """Issue 11, silence: with no positioned party the status is no_positions."""
        gap = gap_of()
        assert gap.overlap == nt.Region.full(YEARS)
        assert gap.status == "no_positions"

    def test_one_party_is_neither_agreed_nor_overlap(self) -> None:
        """Issue 11, silence: a single positioned party is one_party, not an agreement."""
        gap = gap_of(US=pos(0, 15))
        assert (gap.status, gap.overlap) == ("one_party", nt.Region.interval(YEARS, 0, 15))
        assert not gap.deadlocked


class TestIssueGapStatus:
    @given(issue_positions())
    def test_status_follows_definition(self, drawn: Drawn) -> None:
        """Fewer than two: one_party/no_positions; agreed iff one ideal; else by the overlap."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        ideals = {p.ideal for p in held.values()}
        if len(held) < 2:
            assert gap.status == ("one_party" if held else "no_positions")
        elif len(ideals) == 1:
            assert gap.status == "agreed"
        elif gap.overlap:
            assert gap.status == "overlap"
        else:
            assert gap.status == "no_overlap"

    def test_agreed_when_ideals_coincide(self) -> None:
        """Two parties with the same ideal have agreed."""
        assert gap_of(A=pos(0, 20, 10), B=pos(10, 30, 10)).status == "agreed"

    def test_no_overlap_when_regions_apart(self) -> None:
        """Regions that share no value give no_overlap."""
        assert gap_of(A=pos(0, 10), B=pos(20, 30)).status == "no_overlap"


class TestIssueGapDeadlocked:
    @given(issue_positions())
    def test_deadlocked_iff_red_lines_share_no_value(self, drawn: Drawn) -> None:
        """Deadlocked exactly when two or more red lines have an empty intersection."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        reds = [p.acceptable for p in held.values() if p.red_line]
        assert gap.deadlocked == (len(reds) >= 2 and meet(reds, issue.scale).is_empty)

    def test_soft_positions_do_not_deadlock(self) -> None:
        """Without red lines an issue with no overlap is not deadlocked."""
        gap = gap_of(A=pos(0, 10), B=pos(20, 30), C=pos(40, 50, red=True))
        assert gap.status == "no_overlap"
        assert not gap.deadlocked


class TestGapStatus:
    """The status rule itself (gap_status), shared by analyze() and gap_series()."""

    def test_agreed_when_two_or_more_share_one_ideal(self) -> None:
        """At least two positioned parties with one ideal have agreed."""
        assert gap_status(2, True, True) == "agreed"
        assert gap_status(5, True, True) == "agreed"

    def test_fewer_than_two_parties_is_no_gap(self) -> None:
        """Nobody or one party is never agreed nor overlap: silence is unknown."""
        assert gap_status(0, True, True) == "no_positions"
        assert gap_status(1, True, True) == "one_party"
        assert gap_status(1, True, False) == "one_party"

    def test_overlap_when_ideals_differ_and_regions_meet(self) -> None:
        """Different ideals in regions that share a value: overlap."""
        assert gap_status(3, False, True) == "overlap"

    def test_no_overlap_when_regions_share_no_value(self) -> None:
        """Regions sharing no value: no_overlap."""
        assert gap_status(2, False, False) == "no_overlap"

    @given(st.integers(0, 6), st.booleans(), st.booleans())
    def test_every_decision_is_a_gap_status(self, n: int, same: bool, meet: bool) -> None:
        """Whatever the inputs, the decision is one of STATUSES."""
        assert gap_status(n, same, meet) in STATUSES


class TestRedLineDeadlock:
    """The deadlock rule itself (red_line_deadlock), shared by analyze() and gap_series()."""

    @pytest.mark.parametrize("meet", [True, False])
    def test_fewer_than_two_red_lines_never_deadlock(self, meet: bool) -> None:
        """With no red line or one, nothing is deadlocked."""
        assert not red_line_deadlock(0, meet)
        assert not red_line_deadlock(1, meet)

    def test_two_red_lines_deadlock_iff_they_share_no_value(self) -> None:
        """Two (or more) red lines deadlock exactly when they share no value."""
        assert red_line_deadlock(2, False)
        assert not red_line_deadlock(2, True)
        assert red_line_deadlock(4, False)

    def test_issue_gap_with_no_red_line(self) -> None:
        """Regions far apart, none a red line: no overlap, not deadlocked."""
        gap = gap_of(A=split(0, 10, 20, 30), B=split(12, 18, 40, 50))
        assert (gap.status, gap.deadlocked) == ("no_overlap", False)

    def test_issue_gap_with_one_red_line(self) -> None:
        """One red line alone cannot deadlock, whatever the others hold."""
        gap = gap_of(A=split(0, 10, 20, 30, red=True), B=split(12, 18, 40, 50))
        assert (gap.status, gap.deadlocked) == ("no_overlap", False)

    def test_issue_gap_with_two_red_lines_on_several_intervals(self) -> None:
        """Two multi-interval red lines whose hulls overlap but whose regions do not: deadlock."""
        gap = gap_of(A=split(0, 10, 20, 30, red=True), B=split(12, 18, 40, 50, red=True))
        assert (gap.status, gap.deadlocked) == ("no_overlap", True)
        met = gap_of(A=split(0, 10, 20, 30, red=True), B=split(12, 22, 40, 50, red=True))
        assert (met.status, met.deadlocked) == ("overlap", False)

    def test_issue_gap_with_two_single_interval_red_lines(self) -> None:
        """The single-interval fast path decides the same way."""
        assert gap_of(A=pos(0, 10, red=True), B=pos(20, 30, red=True)).deadlocked
        assert not gap_of(A=pos(0, 20, red=True), B=pos(20, 30, red=True)).deadlocked


class TestIssueGapBlockers:
    @given(issue_positions())
    def test_blocker_iff_region_misses_the_others_overlap(self, drawn: Drawn) -> None:
        """A party blocks when the others overlap without it and its region misses that."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        expected = []
        if len(held) >= 2 and gap.overlap.is_empty:
            for name, p in held.items():
                others = meet([q.acceptable for n, q in held.items() if n != name], issue.scale)
                if others and others.is_disjoint(p.acceptable):
                    expected.append(name)
        assert gap.blockers == tuple(expected)

    def test_single_outlier_blocks(self) -> None:
        """One party far from two that agree is the blocker."""
        assert gap_of(A=pos(0, 20), B=pos(10, 30), C=pos(60, 70)).blockers == ("C",)


class TestIssueGapDistances:
    @given(issue_positions())
    def test_every_distance_lies_in_unit_interval(self, drawn: Drawn) -> None:
        """Ideal, gap and Hausdorff distances, moves and the needed move lie in [0, 1]."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        values = [v for d in gap.distances for v in (d.ideal, d.gap, d.hausdorff)]
        values += [c.move for c in gap.concessions] + [gap.needed]
        assert all(0.0 <= v <= 1.0 for v in values)

    @given(issue_positions())
    def test_one_distance_per_unordered_pair(self, drawn: Drawn) -> None:
        """There is one PairDistance per unordered pair, in party order."""
        issue, held = drawn
        gap = nt.IssueGap.of(issue, held)
        assert [(d.a, d.b) for d in gap.distances] == list(itertools.combinations(held, 2))

    def test_pair_distance_matches_region_operations(self) -> None:
        """The pair distances are the scale distance and the region gap and Hausdorff."""
        a, b = pos(0, 15, 15), pos(50, 100, 50)
        d = gap_of(US=a, UA=b).distance("UA", "US")
        assert (d.ideal, d.gap, d.hausdorff) == (
            YEARS.distance(15, 50),
            a.acceptable.gap(b.acceptable),
            a.acceptable.hausdorff(b.acceptable),
        )

    def test_distance_to_unknown_party_raises(self) -> None:
        """Asking for a party without a position raises UnknownReferenceError naming it."""
        with pytest.raises(nt.errors.UnknownReferenceError, match="party='RU' holds no position"):
            gap_of(US=pos(0, 15)).distance("US", "RU")


class TestIssueGapOf:
    def test_position_on_wrong_scale_raises(self) -> None:
        """A position on another scale raises ScaleMismatchError naming party and scales."""
        other = nt.NumericScale(0, 10)
        bad = nt.Position(ideal=1, acceptable=nt.Region.interval(other, 0, 5))
        with pytest.raises(
            nt.errors.ScaleMismatchError, match=r"positions\['A'\] lies on scale 0–10"
        ):
            gap_of(A=bad)

    def test_non_position_raises(self) -> None:
        """A value that is not a Position raises InvalidTypeError naming it."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"positions\['A'\]=15 must be a Position"
        ):
            nt.IssueGap.of(nt.Issue("years", YEARS), {"A": 15})  # type: ignore[dict-item]


class TestIssueGapOutput:
    @given(issue_positions())
    def test_to_dict_is_json_ready(self, drawn: Drawn) -> None:
        """to_dict() renders to JSON and names every positioned party."""
        issue, held = drawn
        data = nt.IssueGap.of(issue, held).to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["parties"] == list(held)

    def test_describe_speaks_plainly(self) -> None:
        """describe() says there is no overlap and where both must move."""
        text = gap_of(US=pos(0, 15, 15), UA=pos(50, 100, 50)).describe()
        assert "no overlap between US and UA" in text
        assert "all move to 32.5 years" in text

    def test_repr_names_status_and_parties(self) -> None:
        """The repr shows the issue, status and parties."""
        assert repr(gap_of(A=pos(0, 20), B=pos(10, 30))) == (
            "<IssueGap years: overlap among A, B; overlap [10, 20]>"
        )


def report_of(**issues: dict[str, nt.Position]) -> nt.GapReport:
    gaps = tuple(nt.IssueGap.of(nt.Issue(i, YEARS), held) for i, held in issues.items())
    parties = tuple(sorted({p for held in issues.values() for p in held}))
    return nt.GapReport(date=DAY, parties=parties, gaps=gaps)


#: Built once, not on every draw: building strategies is slow.
REPORT_SNAPSHOTS = nts.snapshots(
    timelines=nts.timelines(min_parties=2, max_parties=3, max_issues=2, max_statements=10)
)


#: More parties, for the distance matrix (every pair of up to six).
MATRIX_SNAPSHOTS = nts.snapshots(
    timelines=nts.timelines(min_parties=2, max_parties=6, max_issues=3, max_statements=20)
)


@st.composite
def reports(draw: st.DrawFn) -> nt.GapReport:
    """Gap reports over a few issues, from drawn snapshots."""
    return nt.analyze(draw(REPORT_SNAPSHOTS))


class TestGapReportDistance:
    @given(reports(), st.data())
    def test_fixed_weight_distance_is_a_pseudometric(
        self, report: nt.GapReport, data: st.DataObject
    ) -> None:
        """With fixed weights, on parties stating the same issues: a pseudometric in [0, 1]."""
        weights = {i: data.draw(st.floats(0, 5), label=f"w[{i}]") for i in report.issue_ids}
        stated = {p: set(report.shared_issues(p, p)) for p in report.parties}
        a = data.draw(st.sampled_from(report.parties), label="a")
        # b and c among the parties that stated the same issues as a (drawn, not filtered)
        peers = [p for p in report.parties if stated[p] == stated[a]]
        b, c = (data.draw(st.sampled_from(peers), label=x) for x in "bc")
        d = functools.partial(report.distance, weights=weights)
        assume(any(weights[i] > 0 for i in stated[a]))
        assert d(a, a) == 0.0
        assert d(a, b) == pytest.approx(d(b, a), abs=EPS)
        assert d(a, c) <= d(a, b) + d(b, c) + EPS
        assert 0.0 <= d(a, b) <= 1.0

    @given(reports(), st.data())
    def test_salience_weighted_distance_lies_in_unit_interval(
        self, report: nt.GapReport, data: st.DataObject
    ) -> None:
        """The default salience-weighted distance lies in [0, 1] (or is unknown), symmetric."""
        a, b = (data.draw(st.sampled_from(report.parties)) for _ in range(2))
        d = report.distance(a, b)
        assert math.isnan(d) or 0.0 <= d <= 1.0
        assert math.isnan(d) == math.isnan(report.distance(b, a))
        if not math.isnan(d):
            assert d == pytest.approx(report.distance(b, a), abs=EPS)

    @given(reports(), st.data())
    def test_silence_never_counts_as_a_distance(
        self, report: nt.GapReport, data: st.DataObject
    ) -> None:
        """Law (issue 11): an issue either party is silent on changes nothing in the distance.

        The distance equals the one over the shared issues alone, and is unknown (NaN) when
        there are none.
        """
        a, b = (data.draw(st.sampled_from(report.parties)) for _ in range(2))
        assume(a != b)
        shared = report.shared_issues(a, b)
        weights = dict.fromkeys(report.issue_ids, 1.0)
        only_shared = {i: (1.0 if i in shared else 0.0) for i in report.issue_ids}
        d, d_shared = report.distance(a, b, weights), report.distance(a, b, only_shared)
        assert math.isnan(d) == (not shared)
        if shared:
            assert d == pytest.approx(d_shared, abs=EPS)

    @given(MATRIX_SNAPSHOTS, st.data())
    def test_distance_matrix_is_every_pairs_distance(
        self, snap: nt.Snapshot, data: st.DataObject
    ) -> None:
        """The one-pass matrix holds :meth:`GapReport.distance` of every ordered pair, bit for bit.

        With salience weights and with drawn fixed ones; NaN where the distance is NaN.
        """
        report = nt.analyze(snap)
        fixed = {i: data.draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for i in report.issue_ids}
        for weights in (None, fixed):
            matrix = report.distance_matrix(weights)
            expected = tuple(
                tuple(report.distance(a, b, weights).hex() for b in report.parties)
                for a in report.parties
            )
            assert tuple(tuple(d.hex() for d in row) for row in matrix) == expected

    def test_distance_matrix_refuses_a_bad_weight(self) -> None:
        """Weights are checked as :meth:`GapReport.distance` checks them."""
        report = report_of(x={"A": pos(0, 0), "B": pos(5, 5)})
        with pytest.raises(nt.errors.AnalysisError, match=r"weights\['x'\]=-1"):
            report.distance_matrix({"x": -1})
        with pytest.raises(nt.errors.UnknownReferenceError, match=r"weights\['nope'\]"):
            report.distance_matrix({"nope": 1})

    def test_a_silent_issue_is_not_counted(self) -> None:
        """An issue where only one of the two holds a position is left out (was: 0.5)."""
        report = report_of(x={"A": pos(0, 0), "B": pos(0, 0)}, y={"A": pos(10, 10)})
        assert report.distance("A", "B", weights={"x": 1, "y": 1}) == 0.0
        assert report.shared_issues("A", "B") == ("x",)

    def test_no_shared_issue_is_unknown_not_close(self) -> None:
        """Two parties that never spoke on the same issue are at an unknown distance."""
        report = report_of(x={"A": pos(0, 0)}, y={"B": pos(10, 10)})
        assert math.isnan(report.distance("A", "B"))
        assert report.shared_issues("A", "B") == ()

    def test_unknown_party_raises(self) -> None:
        """A party not analysed raises UnknownReferenceError naming it."""
        report = report_of(x={"A": pos(0, 0)})
        with pytest.raises(nt.errors.UnknownReferenceError, match="party='Z' is not among"):
            report.distance("A", "Z")

    def test_negative_weight_raises(self) -> None:
        """A negative weight raises AnalysisError naming the issue and the rule."""
        report = report_of(x={"A": pos(0, 0)})
        with pytest.raises(
            nt.errors.AnalysisError, match=r"weights\['x'\]=-1 must be a finite number >= 0"
        ):
            report.distance("A", "A", weights={"x": -1})

    @pytest.mark.parametrize("weight", ["heavy", math.inf, True])
    def test_weight_not_a_finite_number_raises(self, weight: object) -> None:
        """A weight that is not a finite number raises AnalysisError naming it and the rule."""
        report = report_of(x={"A": pos(0, 0)})
        with pytest.raises(
            nt.errors.AnalysisError, match=rf"weights\['x'\]={weight!r} must be a finite number"
        ):
            report.distance("A", "A", weights={"x": weight})  # type: ignore[dict-item]

    def test_weight_on_unknown_issue_raises(self) -> None:
        """A weight for an issue not on the agenda raises UnknownReferenceError."""
        report = report_of(x={"A": pos(0, 0)})
        with pytest.raises(
            nt.errors.UnknownReferenceError, match=r"weights\['nope'\] names an issue"
        ):
            report.distance("A", "A", weights={"nope": 1})


class TestGapReportHardest:
    def test_deadlock_then_no_overlap_then_overlap_then_agreed(self) -> None:
        """Hardest first: deadlocked, then larger needed moves, then overlap, then agreed."""
        report = report_of(
            agreed={"A": pos(0, 20, 5), "B": pos(0, 30, 5)},
            overlap={"A": pos(0, 20), "B": pos(10, 30)},
            far={"A": pos(0, 10), "B": pos(90, 100)},
            near={"A": pos(0, 10), "B": pos(20, 30)},
            dead={"A": pos(0, 10, red=True), "B": pos(15, 30, red=True)},
        )
        assert [g.issue.id for g in report.hardest()] == [
            "dead",
            "far",
            "near",
            "overlap",
            "agreed",
        ]
        assert [g.issue.id for g in report.deadlocks] == ["dead"]

    def test_with_status_rejects_unknown_status(self) -> None:
        """with_status() names the allowed statuses when given another."""
        with pytest.raises(nt.errors.AnalysisError, match="status='stuck' is not a gap status"):
            report_of().with_status("stuck")


class TestGapReportAccess:
    def test_getitem_and_iteration_follow_agenda(self) -> None:
        """report[id] finds an issue; iteration follows the agenda."""
        report = report_of(b={"A": pos(0, 1)}, a={"A": pos(0, 1)})
        assert [g.issue.id for g in report] == ["b", "a"]
        assert report["a"].issue.id == "a"
        assert "a" in report
        assert len(report) == 2

    def test_unknown_issue_raises(self) -> None:
        """An unknown issue id raises UnknownReferenceError listing the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match="issue='z' is not on the agenda; known issues: a"
        ):
            report_of(a={"A": pos(0, 1)})["z"]

    @given(reports())
    def test_to_dict_is_json_ready(self, report: nt.GapReport) -> None:
        """to_dict() survives a JSON round trip."""
        data = report.to_dict()
        assert json.loads(json.dumps(data)) == data


def timeline_of(*statements: tuple[str, str, int, nt.Position]) -> nt.Timeline:
    tl = nt.Timeline(
        issues=[nt.Issue("x", YEARS), nt.Issue("y", YEARS)],
        parties=[nt.Party("A"), nt.Party("B"), nt.Party("C")],
    )
    for party, issue, day, p in statements:
        tl.add(
            nt.Statement(
                party=party, issue=issue, date=datetime.date(2025, 12, day), position=p, source=SRC
            )
        )
    return tl


class TestAnalyze:
    @given(nts.snapshots(timelines=TIMELINES), st.randoms())
    def test_result_does_not_depend_on_party_order(
        self, snap: nt.Snapshot, rnd: random.Random
    ) -> None:
        """analyze() gives the same report whatever order the parties are listed in."""
        ids = list(snap.party_ids)
        rnd.shuffle(ids)
        chosen = ids[: rnd.randint(0, len(ids))]
        assert nt.analyze(snap, parties=chosen) == nt.analyze(snap, parties=list(reversed(chosen)))

    @given(TIMELINES, st.randoms())
    def test_result_does_not_depend_on_insertion_order_of_distinct_dates(
        self, tl: nt.Timeline, rnd: random.Random
    ) -> None:
        """Statements with distinct dates, inserted in another order, give the same report."""
        seen: set[tuple[str, str, datetime.date]] = set()
        kept = []
        for s in tl.statements:  # one statement per (party, issue, date): dates distinct
            if (s.party, s.issue, s.date) not in seen:
                seen.add((s.party, s.issue, s.date))
                kept.append(s)
        shuffled = list(kept)
        rnd.shuffle(shuffled)
        make = functools.partial(nt.Timeline, issues=tl.issues, parties=tl.parties)
        a = make(records=[detached(s) for s in kept])
        b = make(records=[detached(s) for s in shuffled])
        for day in sorted({s.date for s in kept}):
            assert nt.analyze(a.snapshot(day)) == nt.analyze(b.snapshot(day))

    @given(nts.snapshots(timelines=TIMELINES))
    def test_one_gap_per_issue_in_agenda_order(self, snap: nt.Snapshot) -> None:
        """The report holds one gap per issue, in agenda order, for the snapshot's date."""
        report = nt.analyze(snap)
        assert report.issue_ids == snap.issue_ids
        assert (report.date, report.parties) == (snap.date, snap.party_ids)

    def test_parties_restrict_the_analysis(self) -> None:
        """Only the parties named are analysed."""
        tl = timeline_of(
            ("A", "x", 1, pos(0, 10)), ("B", "x", 1, pos(50, 60)), ("C", "x", 1, pos(5, 55))
        )
        assert nt.analyze(tl.snapshot(), parties=["C", "A"])["x"].parties == ("A", "C")
        assert nt.analyze(tl.snapshot())["x"].status == "no_overlap"

    def test_unknown_party_raises(self) -> None:
        """An unknown party id raises UnknownReferenceError naming it and the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match="parties: 'RU' is not a party of the timeline; known parties: A, B, C",
        ):
            nt.analyze(timeline_of().snapshot(), parties=["A", "RU"])

    def test_parties_as_one_string_raises(self) -> None:
        """A single string for parties raises InvalidTypeError suggesting a list."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"write parties=\['A'\]"):
            nt.analyze(timeline_of().snapshot(), parties="A")

    def test_non_snapshot_raises(self) -> None:
        """Passing a timeline instead of a snapshot raises InvalidTypeError."""
        with pytest.raises(nt.errors.InvalidTypeError, match="must be a Snapshot"):
            nt.analyze(timeline_of())  # type: ignore[arg-type]


class TestAnalyzeConditions:
    """analyze(..., conditions=): a condition report computed already is used as is."""

    @given(WITH_CONDITIONS, st.data())
    def test_given_condition_report_is_used_and_equals_the_computed_one(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Given analyze_conditions' report, analyze keeps that object; the result is the same."""
        tl = sc.timeline
        parties = data.draw(
            st.none() | st.lists(st.sampled_from([p.id for p in tl.parties]), unique=True)
        )
        snap = tl.snapshot(at=data.draw(st.none() | st.sampled_from(tl.dates or [DAY])))
        given_report = nt.analyze_conditions(snap, parties=parties)
        report = nt.analyze(snap, parties, conditions=given_report)
        assert report.conditions is given_report
        assert report == nt.analyze(snap, parties)

    @given(WITH_CONDITIONS, st.data())
    def test_computed_conditions_cover_the_chosen_parties(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Without a report, analyze runs the condition analysis among the chosen parties only."""
        tl = sc.timeline
        parties = data.draw(
            st.none() | st.lists(st.sampled_from([p.id for p in tl.parties]), unique=True)
        )
        snap = tl.snapshot()
        assert nt.analyze(snap, parties).conditions == nt.analyze_conditions(snap, parties=parties)

    def test_condition_report_of_the_wrong_type_raises(self) -> None:
        """conditions= must be a ConditionReport: InvalidTypeError naming the field."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"conditions=\[\] must be a ConditionReport"
        ):
            nt.analyze(timeline_of().snapshot(), conditions=[])  # type: ignore[arg-type]

    def test_condition_report_of_another_date_raises(self) -> None:
        """A report of another date than the snapshot's raises AnalysisError naming both."""
        tl = timeline_of(("A", "x", 1, pos(0, 10)))
        earlier = nt.analyze_conditions(tl.snapshot(at=DAY))
        with pytest.raises(
            nt.errors.AnalysisError,
            match="conditions is the report of 2025-12-28, but the snapshot is of latest",
        ):
            nt.analyze(tl.snapshot(), conditions=earlier)


def detached(s: nt.Statement) -> nt.Statement:
    """Copy a statement without id or supersedes, so that any insertion order is valid."""
    return attrs.evolve(s, id=None, supersedes=None, cites=())
