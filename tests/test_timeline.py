"""Tests for the timeline: appending records, snapshots and diffs."""

from __future__ import annotations

import contextlib
import copy
import datetime
import random
import re

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.testing import strategies as nts

#: Small timelines keep the suite fast; the laws need no more to fail when broken.
TIMELINES = nts.timelines(max_parties=3, max_issues=2, max_statements=10)

YEARS = nt.NumericScale(0, 100, unit="years")
SRC = nt.Source(title="test")


def day(n: int) -> datetime.date:
    return datetime.date(2025, 12, n)


def position(lo: float, hi: float, scale: nt.Scale = YEARS) -> nt.Position:
    return nt.Position(ideal=lo, acceptable=nt.Region.interval(scale, lo, hi))


def say(party: str, n: int, lo: float, hi: float, **kw: object) -> nt.Statement:
    return nt.Statement(
        party=party,
        issue="g",
        date=day(n),
        source=SRC,
        position=position(lo, hi),
        **kw,  # type: ignore[arg-type]
    )


def timeline() -> nt.Timeline:
    return nt.Timeline(issues=[nt.Issue("g", YEARS)], parties=[nt.Party("US"), nt.Party("UA")])


def in_force_reference(
    tl: nt.Timeline, at: datetime.date | None, level: nt.Credibility
) -> dict[tuple[str, str], nt.Statement]:
    """Compute the rule by hand: latest visible statement per pair, ties to the later added."""
    best: dict[tuple[str, str], tuple[datetime.date, int, nt.Statement]] = {}
    for k, s in enumerate(tl.statements):
        if s.credibility < level or (at is not None and s.date > at):
            continue
        key = (s.party, s.issue)
        if key not in best or (s.date, k) > best[key][:2]:
            best[key] = (s.date, k, s)
    return {key: v[2] for key, v in best.items()}


thresholds = st.sampled_from(list(nt.Credibility))
moments = st.none() | nts.dates(min_value=nts.TIMELINE_START, max_value=nts.TIMELINE_END)


class TestTimelineAdd:
    def test_assigns_ids_in_order(self) -> None:
        """Statements without an id get s1, s2, ..."""
        tl = timeline()
        assert [tl.add(say("US", 1, 0, 15)).id for _ in range(2)] == ["s1", "s2"]

    def test_unknown_party_raises(self) -> None:
        """A statement by an unknown party raises UnknownReferenceError naming it."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape(
                "Statement.party='RU' is not a party of the timeline; known parties: US, UA"
            ),
        ):
            timeline().add(say("RU", 1, 0, 15))

    def test_unknown_issue_raises(self) -> None:
        """A statement on an unknown issue raises UnknownReferenceError naming it."""
        st_ = attrs.evolve(say("US", 1, 0, 15), issue="donbas")
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape("Statement.issue='donbas' is not an issue"),
        ):
            timeline().add(st_)

    def test_position_on_wrong_scale_raises(self) -> None:
        """A position on another scale raises ScaleMismatchError naming both scales."""
        pct = nt.NumericScale(0, 10, unit="%")
        st_ = attrs.evolve(say("US", 1, 0, 15), position=position(0, 5, pct))
        with pytest.raises(
            nt.errors.ScaleMismatchError,
            match=re.escape(
                "Statement.position lies on scale 0–10 %, but issue 'g' is on scale 0–100 years"
            ),
        ):
            timeline().add(st_)

    def test_supersedes_unknown_statement_raises(self) -> None:
        """Superseding an id the timeline does not hold raises UnknownReferenceError."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape("Statement.supersedes='s9' names no statement of the timeline"),
        ):
            timeline().add(say("US", 1, 0, 15, supersedes="s9"))

    def test_supersedes_another_partys_statement_raises(self) -> None:
        """Superseding another party's statement raises TimelineError saying whose it is."""
        tl = timeline()
        tl.add(say("UA", 1, 50, 100))
        with pytest.raises(nt.errors.TimelineError, match="it is by 'UA' on 'g'"):
            tl.add(say("US", 2, 0, 15, supersedes="s1"))

    def test_supersedes_later_statement_raises(self) -> None:
        """Superseding a statement dated later raises TimelineError."""
        tl = timeline()
        tl.add(say("US", 5, 0, 15))
        with pytest.raises(nt.errors.TimelineError, match="dated 2025-12-05"):
            tl.add(say("US", 2, 0, 20, supersedes="s1"))

    def test_repeated_id_raises(self) -> None:
        """Reusing a statement id raises TimelineError."""
        tl = timeline()
        tl.add(say("US", 1, 0, 15, id="a"))
        with pytest.raises(
            nt.errors.TimelineError, match=re.escape("Statement.id='a' is already used")
        ):
            tl.add(say("US", 2, 0, 15, id="a"))

    def test_citing_unknown_event_raises(self) -> None:
        """Citing an event the timeline lacks raises UnknownReferenceError."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match=re.escape("Statement.cites='drone'")
        ):
            timeline().add(say("US", 1, 0, 15, cites="drone"))

    def test_event_disputed_by_unknown_party_raises(self) -> None:
        """An event disputed by an unknown party raises UnknownReferenceError."""
        ev = nt.Event(id="drone", date=day(29), title="claim", disputed_by=("RU",))
        with pytest.raises(
            nt.errors.UnknownReferenceError, match=re.escape("Event.disputed_by='RU'")
        ):
            timeline().add(ev)

    def test_non_record_raises(self) -> None:
        """Adding something that is not a record raises InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match="takes a Statement, Event or Condition, not str"
        ):
            timeline().add("statement")  # type: ignore[arg-type]

    def test_repeated_party_raises(self) -> None:
        """Two parties with one id raise TimelineError."""
        with pytest.raises(nt.errors.TimelineError, match="repeats party id 'US'"):
            nt.Timeline(issues=[], parties=[nt.Party("US"), nt.Party("US")])

    def test_repeated_issue_raises(self) -> None:
        """Two issues with one id raise TimelineError naming the field and the id."""
        with pytest.raises(
            nt.errors.TimelineError, match=re.escape("Timeline.issues repeats issue id 'g'")
        ):
            nt.Timeline(issues=[nt.Issue("g", YEARS), nt.Issue("g", YEARS)], parties=[])

    def test_agenda_of_other_types_raises(self) -> None:
        """A non-Issue among the issues, or a non-Party among the parties, is named with its type."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=re.escape("Timeline.issues holds 'g': each must be an Issue"),
        ):
            nt.Timeline(issues=["g"], parties=[])  # type: ignore[list-item]
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=re.escape("Timeline.parties holds 'US': each must be a Party"),
        ):
            nt.Timeline(issues=[], parties=["US"])  # type: ignore[list-item]


@st.composite
def _statements_to_add(draw: st.DrawFn) -> tuple[nt.Timeline, list[nt.Statement]]:
    """Draw a timeline's agenda and events, and statements to add: mostly sound, some not.

    The statements are a drawn timeline's, mostly without what they supersede and each
    with an id; then at most one of: a party or an issue or an event dropped from the
    agenda, an id repeated or taken already or left out, a scale equal to the issue's but
    not the same object, the issue on another scale, a superseded statement kept.
    """
    tl = draw(TIMELINES)
    statements = list(tl.statements)
    if draw(st.booleans()):
        statements = [attrs.evolve(s, supersedes=None) for s in statements]
    issues, parties, events = list(tl.issues), list(tl.parties), list(tl.events)
    fault = draw(
        st.sampled_from(
            [
                "none",
                "party",
                "issue",
                "event",
                "repeated",
                "taken",
                "no id",
                "scale",
                "other scale",
            ]
        )
    )
    taken: list[nt.Statement] = []
    if statements:
        k = draw(st.integers(0, len(statements) - 1))
        s = statements[k]
        if fault == "party":
            parties = [p for p in parties if p.id != s.party]
        elif fault == "issue":
            issues = [i for i in issues if i.id != s.issue]
        elif fault == "event" and events:
            events = events[1:]
        elif fault == "repeated":
            statements.append(attrs.evolve(s, supersedes=None))
        elif fault == "taken":
            taken = [attrs.evolve(s, supersedes=None)]
        elif fault == "no id":
            statements[k] = attrs.evolve(s, id=None)
        elif fault == "scale":  # the same scale, rebuilt: equal, not identical
            issue = tl.issue(s.issue)
            twin = copy.copy(issue.scale)
            assert twin == issue.scale
            assert twin is not issue.scale
            issues = [attrs.evolve(i, scale=twin) if i.id == s.issue else i for i in issues]
        elif fault == "other scale":  # a scale no drawn position lies on
            other = nt.NumericScale(-5e6, 5e6)
            issues = [attrs.evolve(i, scale=other) if i.id == s.issue else i for i in issues]
    base = nt.Timeline(issues=issues, parties=parties)
    records: list[nt.Event | nt.Statement] = [*events, *taken]
    for record in records:
        with contextlib.suppress(nt.errors.NegotrackError):  # one naming what was dropped
            base.add(record)
    return base, statements


class TestAddingAtOnce:
    @given(_statements_to_add())
    def test_adding_at_once_equals_adding_each(
        self, drawn: tuple[nt.Timeline, list[nt.Statement]]
    ) -> None:
        """Law: statements added at once make the record adding each in order makes.

        When they are refused, nothing is added, and either adding each fails somewhere or
        one of them lacks an id, supersedes a statement or lies on a scale equal to its
        issue's but not the same object (then the caller adds each).
        """
        base, statements = drawn
        at_once, each = base.copy(), base.copy()
        added = at_once._add_statements_at_once(statements)
        try:
            for st_ in statements:
                each.add(st_)
            failed = False
        except nt.errors.NegotrackError:
            failed = True
        if added:
            assert not failed
            assert at_once == each
            assert at_once.statements == each.statements
        else:
            assert at_once == base
            assert at_once.statements == base.statements
            assert failed or any(
                s.id is None
                or s.supersedes is not None
                or s.position.scale is not base.issue(s.issue).scale
                for s in statements
            )

    def test_a_sound_part_is_added_at_once(self) -> None:
        """Statements with ids, on the issues' scales, superseding nothing: added at once."""
        tl = timeline()
        statements = [say("US", 1, 0, 15, id="a"), say("UA", 2, 50, 100, id="b")]
        assert tl._add_statements_at_once(statements)
        assert tl.records == tuple(statements)
        assert not tl._add_statements_at_once([say("US", 3, 0, 15, id="a")])  # taken
        assert not tl._add_statements_at_once([say("US", 3, 0, 15, supersedes="a", id="c")])
        other = attrs.evolve(
            say("US", 3, 0, 1, id="c"), position=position(0, 1, nt.NumericScale(0, 1))
        )
        assert not tl._add_statements_at_once([other])  # not on its issue's scale
        assert tl.records == tuple(statements)

    def test_extend_calls_a_subclasss_own_add(self) -> None:
        """A Timeline subclass that overrides add sees every record extend adds."""
        seen: list[str | None] = []

        class Logged(nt.Timeline):
            def add(
                self, record: nt.Statement | nt.Event | nt.Condition
            ) -> nt.Statement | nt.Event | nt.Condition:
                seen.append(record.id)
                return super().add(record)

        tl = Logged(issues=[nt.Issue("g", YEARS)], parties=[nt.Party("US"), nt.Party("UA")])
        tl.extend([say("US", 1, 0, 15, id="a"), say("UA", 2, 50, 100, id="b")])
        assert seen == ["a", "b"]
        assert [r.id for r in tl.records] == ["a", "b"]

    def test_extend_equals_adding_each(self) -> None:
        """Timeline.extend adds sound statements at once, else each in turn up to a bad one."""
        sound = [say("US", 1, 0, 15, id="a"), say("UA", 2, 50, 100, id="b")]
        assert timeline().extend(sound) == sound
        tl = timeline()
        with pytest.raises(
            nt.errors.UnknownReferenceError, match=re.escape("Statement.party='RU'")
        ):
            tl.extend([say("US", 1, 0, 15, id="a"), say("RU", 2, 0, 15, id="b")])
        assert [r.id for r in tl.records] == ["a"]


class TestTimelineSnapshot:
    @given(TIMELINES, moments, thresholds)
    def test_snapshot_never_includes_a_statement_after_at(
        self, tl: nt.Timeline, at: datetime.date | None, level: nt.Credibility
    ) -> None:
        """No statement in force is dated after the snapshot date."""
        snap = tl.snapshot(at, min_credibility=level)
        assert at is None or all(s.date <= at for s in snap.statements.values())

    @given(TIMELINES, moments, thresholds)
    def test_snapshot_never_includes_a_statement_below_threshold(
        self, tl: nt.Timeline, at: datetime.date | None, level: nt.Credibility
    ) -> None:
        """No statement in force is below the credibility threshold."""
        snap = tl.snapshot(at, min_credibility=level)
        assert all(s.credibility >= level for s in snap.statements.values())

    @given(TIMELINES, moments, thresholds)
    def test_latest_visible_statement_is_in_force_ties_to_later_added(
        self, tl: nt.Timeline, at: datetime.date | None, level: nt.Credibility
    ) -> None:
        """The statement in force is the latest visible one; on a tie the one added later."""
        snap = tl.snapshot(at, min_credibility=level)
        assert dict(snap.statements) == in_force_reference(tl, at, level)

    @given(TIMELINES, moments, st.randoms())
    def test_insertion_order_of_distinct_dates_does_not_matter(
        self, tl: nt.Timeline, at: datetime.date | None, rnd: random.Random
    ) -> None:
        """Re-adding statements with distinct dates in another order gives the same positions."""
        seen = set()
        kept = []
        for s in tl.statements:
            if (s.party, s.issue, s.date) not in seen:
                seen.add((s.party, s.issue, s.date))
                kept.append(attrs.evolve(s, id=None, supersedes=None, cites=()))
        shuffled = list(kept)
        rnd.shuffle(shuffled)
        a = nt.Timeline(issues=tl.issues, parties=tl.parties, records=kept).snapshot(at)
        b = nt.Timeline(issues=tl.issues, parties=tl.parties, records=shuffled).snapshot(at)
        assert {k: s.position for k, s in a.statements.items()} == {
            k: s.position for k, s in b.statements.items()
        }

    def test_date_of_wrong_type_raises(self) -> None:
        """A string date raises InvalidTypeError naming the field and suggesting fromisoformat."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"Timeline.snapshot.at='2025-12-28' must be a datetime.date, not str \(use datetime.date.fromisoformat\)",
        ):
            timeline().snapshot(at="2025-12-28")  # type: ignore[arg-type]

    def test_unknown_threshold_raises(self) -> None:
        """An unknown credibility name raises InvalidRecordError listing the levels."""
        with pytest.raises(
            nt.errors.InvalidRecordError,
            match="min_credibility='rumour' is not a credibility level",
        ):
            timeline().snapshot(min_credibility="rumour")

    def test_lifted_condition_leaves_force(self) -> None:
        """A condition lifted by a later record is no longer in force."""
        yes = nt.OrdinalScale(["no", "yes"])
        tl = nt.Timeline(issues=[nt.Issue("a", yes), nt.Issue("b", yes)], parties=[nt.Party("RU")])
        clause = nt.IssueClause("a", nt.Region.labels(yes, ["yes"]))
        needs = nt.IssueClause("b", nt.Region.labels(yes, ["yes"]))
        tl.add(
            nt.Condition(
                holder="RU", clause=clause, requires=needs, date=day(1), source=SRC, id="c"
            )
        )
        tl.add(
            nt.Condition(
                holder="RU",
                clause=clause,
                requires=needs,
                date=day(5),
                source=SRC,
                supersedes="c",
                lifted=True,
            )
        )
        assert [c.id for c in tl.snapshot(day(3)).conditions] == ["c"]
        assert tl.snapshot(day(6)).conditions == ()


class TestTimelineDiff:
    def test_lists_position_changes_between_dates(self) -> None:
        """diff() lists each pair whose position in force changed."""
        tl = timeline()
        tl.extend([say("US", 1, 0, 15), say("US", 5, 0, 20), say("UA", 6, 50, 100)])
        diff = tl.diff(day(2), day(9))
        assert [(c.party, c.before is not None) for c in diff.changes] == [
            ("US", True),
            ("UA", False),
        ]
        assert tl.diff(day(6), day(9)).is_empty

    def test_tells_moves_from_restatements_and_credibility_changes(self) -> None:
        """Issue 11: a restatement and a re-rating are listed as such, not as moves."""
        tl = timeline()
        tl.extend(
            [
                say("US", 1, 0, 15, credibility="reported"),
                say("UA", 1, 50, 100, credibility="reported"),
                say("US", 4, 0, 15, credibility="reported"),  # the same position again
                say("UA", 4, 50, 100, credibility="confirmed"),  # the same, now confirmed
            ]
        )
        diff = tl.diff(day(2), day(9))
        assert [(c.party, c.kind) for c in diff.changes] == [
            ("US", "restated"),
            ("UA", "credibility"),
        ]
        assert [c.party for c in diff.moves] == ["UA"]
        assert "restated" in diff.changes[0].describe()
        assert "credibility reported → confirmed" in diff.changes[1].describe()

    def test_steps_show_a_move_taken_back(self) -> None:
        """A move made and taken back inside the window is invisible at the ends, not in steps."""
        tl = timeline()
        tl.extend([say("US", 1, 0, 15), say("US", 3, 0, 30), say("US", 5, 0, 15)])
        ends = tl.diff(day(2), day(9), steps=True)
        assert [c.kind for c in ends.changes] == ["restated"]
        assert [(d, [c.kind for c in chs]) for d, chs in ends.steps] == [
            (day(3), ["moved"]),
            (day(5), ["moved"]),
        ]
        assert tl.diff(day(2), day(9)).steps == ()

    def test_parties_and_holders_narrow_the_diff(self) -> None:
        """parties= keeps those parties' changes; the diff says whom it covers."""
        tl = timeline()
        tl.extend([say("US", 3, 0, 15), say("UA", 3, 50, 100)])
        diff = tl.diff(day(2), day(9), parties=["UA"])
        assert [c.party for c in diff.changes] == ["UA"]
        assert (diff.parties, diff.condition_holders) == (("UA",), ("US", "UA"))

    def test_start_after_end_raises(self) -> None:
        """Start after end raises TimelineError naming both dates."""
        with pytest.raises(
            nt.errors.TimelineError, match="start=2025-12-09 is after end=2025-12-02"
        ):
            timeline().diff(day(9), day(2))


class TestTimelineContents:
    def test_dates_copy_equality_and_repr(self) -> None:
        """Dates are sorted and distinct; a copy is equal; repr counts the records."""
        tl = timeline()
        tl.extend([say("US", 5, 0, 15), say("UA", 1, 50, 100), say("US", 5, 0, 20)])
        assert tl.dates == (day(1), day(5))
        assert tl.copy() == tl
        assert repr(tl) == "<Timeline: 1 issue, 2 parties, 3 statements, 0 events, 0 conditions>"

    @given(nts.timelines(max_statements=12, max_events=3))
    def test_dates_as_the_record_grows_equal_the_dates_from_scratch(self, tl: nt.Timeline) -> None:
        """Law: the dates kept between additions are those of the records so far, recomputed.

        Asked after every addition (so the kept tuple is reused and renewed), they are the
        sorted distinct dates of the records added, planned events left out; a copy keeps
        its own.
        """
        grown = nt.Timeline(issues=tl.issues, parties=tl.parties)
        for k, record in enumerate(tl.records, start=1):
            before = grown.dates
            copy = grown.copy()
            grown.add(record)
            so_far = tl.records[:k]
            expected = tuple(
                sorted({r.date for r in so_far if not (isinstance(r, nt.Event) and r.planned)})
            )
            assert grown.dates == expected
            assert copy.dates == before

    @given(nts.timelines(max_statements=12, max_events=3))
    def test_copy_equals_replaying_the_records(self, tl: nt.Timeline) -> None:
        """Law: a copy (indexes taken as they are) has the state of a from-scratch replay, and is independent."""
        copy = tl.copy()
        replay = nt.Timeline(issues=tl.issues, parties=tl.parties, records=tl.records)
        assert vars(copy) == vars(replay)
        assert vars(copy) is not vars(tl)
        assert all(a is not b for a, b in zip(vars(copy).values(), vars(tl).values(), strict=True))
        before = tl.records
        extra = nt.Event(id="an-event-added-after", date=datetime.date(2026, 1, 1), title="after")
        copy.add(extra)
        replay.add(extra)
        assert tl.records == before
        assert vars(copy) == vars(replay)

    def test_unknown_lookup_raises(self) -> None:
        """party() and issue() raise UnknownReferenceError for unknown ids."""
        with pytest.raises(nt.errors.UnknownReferenceError, match=re.escape("Timeline.party='EU'")):
            timeline().party("EU")


class TestTimelineStrategies:
    @given(nts.timelines(min_parties=2, max_parties=3, max_issues=2, max_statements=10))
    def test_timelines_hold_only_valid_records(self, tl: nt.Timeline) -> None:
        """Drawn statements are on scale, in the window, and supersede earlier ones only."""
        assert 2 <= len(tl.parties) <= 3
        assert 1 <= len(tl.issues) <= 2
        assert len(tl.statements) <= 10
        by_id = {s.id: s for s in tl.statements}
        for s in tl.statements:
            assert s.position.scale == tl.issue(s.issue).scale
            assert nts.TIMELINE_START <= s.date <= nts.TIMELINE_END
            if s.supersedes is not None:
                old = by_id[s.supersedes]
                assert (old.party, old.issue) == (s.party, s.issue)
                assert old.date <= s.date

    def test_timelines_put_statements_on_one_date(self) -> None:
        """Ties on a date (same party and issue) are drawn, so tie-breaking is exercised."""
        from hypothesis import Phase, find, settings

        def tie(tl: nt.Timeline) -> bool:
            keys = [(s.party, s.issue, s.date) for s in tl.statements]
            return len(keys) != len(set(keys))

        quick = settings(max_examples=500, database=None, phases=[Phase.generate])
        found = find(TIMELINES, tie, settings=quick)
        assert tie(found)

    def test_bad_sizes_raise(self) -> None:
        """Inverted bounds raise ValueError naming the rule."""
        with pytest.raises(ValueError, match="min_parties <= max_parties"):
            nts.timelines(min_parties=3, max_parties=2)
