"""Snapshots: the positions, conditions and events in force on one date."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from negotrack._words import count
from negotrack.errors import UnknownReferenceError
from negotrack.model.entities import Issue, Party, Position
from negotrack.timeline.records import Condition, Credibility, Event, Statement

__all__ = ["Snapshot"]


@attrs.frozen(repr=False, eq=True)
class Snapshot:
    """The state of a negotiation on one date: what each party holds on each issue.

    Built by :meth:`negotrack.Timeline.snapshot`; analyses take snapshots.

    Attributes
    ----------
    date : datetime.date or None
        The date looked at (None: after every record).
    min_credibility : Credibility
        Records below this level were left out.
    issues : tuple of Issue
        The agenda, in timeline order.
    parties : tuple of Party
        Every party, in timeline order.
    statements : mapping of (party id, issue id) to Statement
        The statement in force for each pair that has one.
    conditions : tuple of Condition
        Conditions in force.
    events : tuple of Event
        Events that happened on or before the date and meet the threshold, in date order
        (credibility as revised by later events, when one was).
    planned : tuple of Event
        Anticipated events not yet reported as happened (``status = "planned"``), whatever
        their date, in date order.

    Notes
    -----
    Statements, events and conditions revised by an event dated on or before the date
    (``Event.revises``) appear with the revised credibility, and are counted or left out by
    it.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A")])
    >>> _ = tl.add(nt.Statement(party="A", issue="x", date=datetime.date(2025, 1, 1),
    ...     position=nt.Position(ideal=10, acceptable=nt.Region.interval(s, 0, 20)),
    ...     source=nt.Source(title="t")))
    >>> tl.snapshot(at=datetime.date(2025, 6, 1)).position("A", "x").ideal
    10.0
    """

    date: datetime.date | None
    min_credibility: Credibility
    issues: tuple[Issue, ...]
    parties: tuple[Party, ...]
    statements: Mapping[tuple[str, str], Statement] = attrs.field(hash=False)
    conditions: tuple[Condition, ...] = ()
    events: tuple[Event, ...] = ()
    planned: tuple[Event, ...] = ()

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """Ids of the issues on the agenda."""
        return tuple(i.id for i in self.issues)

    @property
    def party_ids(self) -> tuple[str, ...]:
        """Ids of every party."""
        return tuple(p.id for p in self.parties)

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with id ``issue_id``.

        Raises
        ------
        UnknownReferenceError
            If no issue has that id.
        """
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise UnknownReferenceError(
            f"unknown issue {issue_id!r}; known issues: {', '.join(self.issue_ids)}",
            path="issue",
            value=issue_id,
        )

    def party(self, party_id: str) -> Party:
        """Return the party with id ``party_id``.

        Raises
        ------
        UnknownReferenceError
            If no party has that id.
        """
        for party in self.parties:
            if party.id == party_id:
                return party
        raise UnknownReferenceError(
            f"unknown party {party_id!r}; known parties: {', '.join(self.party_ids)}",
            path="party",
            value=party_id,
        )

    def position(self, party: str, issue: str) -> Position | None:
        """Return the position of ``party`` on ``issue`` in force, or None if it has none."""
        st = self.statements.get((party, issue))
        return None if st is None else st.position

    def positions(self, issue: str) -> dict[str, Position]:
        """Return every party's position on ``issue``, in party order (parties without one omitted).

        Raises
        ------
        UnknownReferenceError
            If the issue is unknown.
        """
        self.issue(issue)
        out: dict[str, Position] = {}
        for party in self.parties:
            st = self.statements.get((party.id, issue))
            if st is not None:
                out[party.id] = st.position
        return out

    def __repr__(self) -> str:
        when = self.date.isoformat() if self.date else "latest"
        return (
            f"<Snapshot at {when}: {count(len(self.statements), 'position')} on "
            f"{count(len(self.issues), 'issue')}, {count(len(self.conditions), 'condition')}, "
            f"min credibility {self.min_credibility.label}>"
        )
