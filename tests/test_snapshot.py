"""Tests for snapshots: the positions in force on one date."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.testing import strategies as nts

#: Small timelines keep the suite fast; the laws need no more to fail when broken.
TIMELINES = nts.timelines(max_parties=3, max_issues=2, max_statements=10)

YEARS = nt.NumericScale(0, 100, unit="years")
SRC = nt.Source(title="test")


def snapshot() -> nt.Snapshot:
    tl = nt.Timeline(
        issues=[nt.Issue("g", YEARS), nt.Issue("h", YEARS)],
        parties=[nt.Party("US"), nt.Party("UA"), nt.Party("RU")],
    )
    for party in ("UA", "US"):
        tl.add(
            nt.Statement(
                party=party,
                issue="g",
                date=datetime.date(2025, 12, 1),
                source=SRC,
                position=nt.Position(ideal=10, acceptable=nt.Region.interval(YEARS, 0, 20)),
            )
        )
    return tl.snapshot(at=datetime.date(2025, 12, 2), min_credibility="reported")


class TestSnapshot:
    def test_position_of_pair_or_none(self) -> None:
        """position() gives the position in force, or None when the party has none."""
        snap = snapshot()
        assert snap.position("US", "g") is not None
        assert snap.position("RU", "g") is None

    def test_positions_follow_party_order(self) -> None:
        """positions(issue) lists parties in timeline order, skipping those without one."""
        assert list(snapshot().positions("g")) == ["US", "UA"]

    def test_unknown_issue_raises(self) -> None:
        """An unknown issue raises UnknownReferenceError listing the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match="unknown issue 'x'; known issues: g, h"
        ):
            snapshot().positions("x")

    def test_unknown_party_raises(self) -> None:
        """An unknown party raises UnknownReferenceError listing the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError, match="unknown party 'EU'; known parties: US, UA, RU"
        ):
            snapshot().party("EU")

    def test_repr_counts_positions(self) -> None:
        """The repr gives the date, counts and the threshold."""
        assert repr(snapshot()) == (
            "<Snapshot at 2025-12-02: 2 positions on 2 issues, 0 conditions, "
            "min credibility reported>"
        )

    @given(nts.snapshots(timelines=TIMELINES))
    def test_statements_are_on_the_agenda(self, snap: nt.Snapshot) -> None:
        """Every position in force is by a known party on an agenda issue, on its scale."""
        for (party, issue), st_ in snap.statements.items():
            assert party in snap.party_ids
            assert st_.position.scale == snap.issue(issue).scale


class TestDefaultCredibility:
    """Issue 11: one rule for credibility — DENIED records are not counted unless asked for."""

    def timeline(self) -> nt.Timeline:
        tl = nt.Timeline(issues=[nt.Issue("y", YEARS)], parties=[nt.Party("A")])
        day = datetime.date(2025, 12, 28)
        for ideal, level in ((10, nt.Credibility.REPORTED), (90, nt.Credibility.DENIED)):
            tl.add(
                nt.Statement(
                    party="A",
                    issue="y",
                    date=day,
                    position=nt.Position(ideal=ideal, acceptable=nt.Region.point(YEARS, ideal)),
                    source=SRC,
                    credibility=level,
                )
            )
        return tl

    def test_the_default_snapshot_leaves_denied_records_out(self) -> None:
        """The later, denied statement is not the position in force by default."""
        tl = self.timeline()
        default, everything = tl.snapshot(), tl.snapshot(min_credibility="denied")
        assert default.min_credibility == nt.Credibility.ALLEGED
        held, all_held = default.position("A", "y"), everything.position("A", "y")
        assert held is not None
        assert all_held is not None
        assert (held.ideal, all_held.ideal) == (10, 90)

    def test_the_gap_series_and_the_snapshot_agree(self) -> None:
        """gap_series counts what snapshot counts, by the same default."""
        tl = self.timeline()
        last = nt.gap_series(tl).reports[-1]
        assert last["y"].positions[0].ideal == 10
        assert last.min_credibility == nt.Credibility.ALLEGED


def _in_force_from_scratch(
    tl: nt.Timeline,
    at: datetime.date | None,
    level: nt.Credibility,
    exclude: frozenset[str],
    redate: dict[str, datetime.date],
) -> dict[tuple[str, str], str]:
    """Return each pair's statement in force by the definition, visiting every statement.

    Per pair, the latest visible one by its own date (on one date, the one added later);
    visible: credibility (as revised) at least ``level``, dated (as redated) on or before
    ``at``, not excluded.
    """
    revised = tl._revised(at, level, exclude, redate)
    in_force: dict[tuple[str, str], nt.Statement] = {}
    for s in tl.statements:
        assert s.id is not None
        date = redate.get(s.id, s.date)
        if revised.get(s.id, s.credibility) < level or (at is not None and date > at):
            continue
        if s.id in exclude:
            continue
        old = in_force.get((s.party, s.issue))
        if old is None or s.date >= old.date:
            in_force[(s.party, s.issue)] = s
    return {
        (p.id, i.id): in_force[(p.id, i.id)].id or ""
        for p in tl.parties
        for i in tl.issues
        if (p.id, i.id) in in_force
    }


@st.composite
def _readings(
    draw: st.DrawFn,
) -> tuple[
    nt.Timeline,
    datetime.date | None,
    nt.Credibility,
    frozenset[str],
    dict[str, datetime.date],
]:
    tl = draw(TIMELINES)
    ids = [r.id or "" for r in tl.records]
    at = draw(st.none() | nts.dates())
    level = draw(st.sampled_from(list(nt.Credibility)))
    exclude = frozenset(draw(st.lists(st.sampled_from(ids))) if ids else [])
    redate = draw(st.dictionaries(st.sampled_from(ids), nts.dates())) if ids else {}
    return tl, at, level, exclude, redate


class TestSnapshotIndex:
    @given(_readings(), TIMELINES)
    def test_snapshot_equals_the_definition_from_scratch(
        self,
        reading: tuple[
            nt.Timeline,
            datetime.date | None,
            nt.Credibility,
            frozenset[str],
            dict[str, datetime.date],
        ],
        more: nt.Timeline,
    ) -> None:
        """Law: the statements in force equal the definition visiting every statement.

        Found from each pair's statements latest first, under any exclusion and redating;
        also after the record grows (the index is rebuilt) and in a copy that grows.
        """
        tl, at, level, exclude, redate = reading

        def check(timeline: nt.Timeline) -> None:
            snap = timeline.snapshot(at, min_credibility=level, exclude=exclude, redate=redate)
            got = {k: s.id for k, s in snap.statements.items()}
            assert got == _in_force_from_scratch(timeline, at, level, exclude, redate)
            assert list(got) == list(_in_force_from_scratch(timeline, at, level, exclude, redate))

        check(tl)
        copy = tl.copy()
        known = {p.id for p in tl.parties}, {i.id for i in tl.issues}
        for s in more.statements:  # statements of another record that fit this one
            if s.party in known[0] and s.issue in known[1]:
                scale = tl.issue(s.issue).scale
                if s.position.scale == scale:
                    copy.add(attrs.evolve(s, id=None, supersedes=None, cites=()))
        check(copy)
        check(tl)
