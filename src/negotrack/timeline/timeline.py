"""The timeline: an append-only, dated, sourced record of statements, events and conditions."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter, is_
from typing import Any, TypeVar

import attrs

from negotrack._words import count
from negotrack.errors import (
    InvalidTypeError,
    ScaleMismatchError,
    TimelineError,
    UnknownReferenceError,
)
from negotrack.model._checks import check_date
from negotrack.model.entities import Issue, Party
from negotrack.timeline.records import (
    DEFAULT_MIN_CREDIBILITY,
    Clause,
    Condition,
    Credibility,
    Event,
    EventClause,
    IssueClause,
    Record,
    Statement,
)
from negotrack.timeline.snapshot import Snapshot

__all__ = ["CHANGE_KINDS", "Change", "Timeline", "TimelineDiff"]


#: What a :class:`Change` is, in the order reports list them.
CHANGE_KINDS = ("stated", "moved", "credibility", "restated", "dropped")


@attrs.frozen
class Change:
    """One party's position on one issue changing between two dates.

    Attributes
    ----------
    party, issue : str
        Whose position, on what.
    before, after : Statement or None
        The statement in force on the earlier and the later date (None: no position).
    """

    party: str
    issue: str
    before: Statement | None
    after: Statement | None

    @property
    def kind(self) -> str:
        """What changed, one of :data:`CHANGE_KINDS`.

        ``"stated"``: a first position; ``"dropped"``: no position any more (the
        statement in force is now below the credibility counted); ``"moved"``: the
        position itself changed (ideal, acceptable region, red line or salience);
        ``"credibility"``: the same position, reported at another credibility;
        ``"restated"``: the same position at the same credibility, from a new statement
        (a new source) — not a change of position.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> pct = nt.NumericScale(0, 100)
        >>> pos = nt.Position(ideal=0, acceptable=nt.Region.interval(pct, 0, 10))
        >>> say = lambda day, cred: nt.Statement(party="UA", issue="x", position=pos,
        ...     date=datetime.date(2025, 12, day), source=nt.Source(title="a"), credibility=cred)
        >>> nt.Change("UA", "x", say(1, "reported"), say(2, "confirmed")).kind
        'credibility'
        >>> nt.Change("UA", "x", say(1, "reported"), say(2, "reported")).kind
        'restated'
        """
        if self.before is None:
            return "stated"
        if self.after is None:
            return "dropped"
        if self.before.position != self.after.position:
            return "moved"
        if self.before.credibility != self.after.credibility:
            return "credibility"
        return "restated"

    @property
    def is_restatement(self) -> bool:
        """Whether the position and its credibility are unchanged (only the statement is new)."""
        return self.kind == "restated"

    def describe(self) -> str:
        """Return the change in plain words."""
        old = self.before.position.describe() if self.before else "no position"
        new = self.after.position.describe() if self.after else "no position"
        kind = self.kind
        if kind == "restated":
            return f"{self.party} on {self.issue}: restated {new} (no change)"
        if kind == "credibility":
            assert self.before is not None
            assert self.after is not None
            return (
                f"{self.party} on {self.issue}: {new}, credibility "
                f"{self.before.credibility.label} → {self.after.credibility.label}"
            )
        return f"{self.party} on {self.issue}: {old} → {new}"


@attrs.frozen
class TimelineDiff:
    """What changed between two dates: position changes, new events and conditions.

    Attributes
    ----------
    start, end : datetime.date
        The dates compared (records dated after ``start`` and on or before ``end``).
    changes : tuple of Change
        Positions in force at ``end`` whose statement differs from that at ``start``;
        each says its :attr:`Change.kind` (a restatement or a credibility change is
        listed, and told apart from a move).
    events : tuple of Event
        Events dated in the interval.
    conditions_added, conditions_removed : tuple of Condition
        Conditions in force at ``end`` but not ``start``, and the reverse.
    steps : tuple of (datetime.date, tuple of Change)
        With ``steps=True``: every date in the interval on which a position changed, with
        the changes from the previous such date (or ``start``) to it, so a move made and
        taken back inside the interval is seen; empty otherwise.
    parties : tuple of str
        The parties whose positions were compared.
    condition_holders : tuple of str
        The parties whose conditions were compared.
    min_credibility : Credibility
        The lowest credibility of the records counted.
    """

    start: datetime.date
    end: datetime.date
    changes: tuple[Change, ...]
    events: tuple[Event, ...]
    conditions_added: tuple[Condition, ...]
    conditions_removed: tuple[Condition, ...]
    steps: tuple[tuple[datetime.date, tuple[Change, ...]], ...] = ()
    parties: tuple[str, ...] = ()
    condition_holders: tuple[str, ...] = ()
    min_credibility: Credibility = DEFAULT_MIN_CREDIBILITY

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.changes or self.events or self.conditions_added or self.conditions_removed)

    @property
    def moves(self) -> tuple[Change, ...]:
        """Return the changes that are not restatements (stated, moved, dropped, re-rated)."""
        return tuple(c for c in self.changes if not c.is_restatement)


class Timeline:
    """The append-only record of a negotiation: statements, events and conditions.

    Records are validated against the agenda (issues) and the parties when added, and
    given an id if they have none. Nothing is ever removed: a later statement supersedes an
    earlier one, and a condition is lifted by a later record that supersedes it.

    Parameters
    ----------
    issues : iterable of Issue
        The agenda.
    parties : iterable of Party
        The actors.
    records : iterable of Statement, Event or Condition, optional
        Records to add, in order.

    Raises
    ------
    TimelineError
        If two issues or parties share an id.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> tl = nt.Timeline(issues=[nt.Issue("guarantee_years", years)],
    ...                  parties=[nt.Party("US"), nt.Party("UA")])
    >>> st = tl.add(nt.Statement(party="UA", issue="guarantee_years",
    ...     date=datetime.date(2025, 12, 29),
    ...     position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 50, 100)),
    ...     source=nt.Source(title="Zelensky asks for 50 years")))
    >>> st.id, len(tl)
    ('s1', 1)
    >>> tl.add(nt.Statement(party="RU", issue="guarantee_years",
    ...     date=datetime.date(2025, 12, 29), position=st.position, source=st.source))
    Traceback (most recent call last):
    ...
    negotrack.errors.UnknownReferenceError: Statement.party='RU' is not a party of the timeline; known parties: US, UA
    """

    def __init__(
        self,
        *,
        issues: Iterable[Issue],
        parties: Iterable[Party],
        records: Iterable[Record] = (),
    ) -> None:
        self._issues: dict[str, Issue] = _index(issues, Issue, "issues")
        self._parties: dict[str, Party] = _index(parties, Party, "parties")
        self._records: list[Record] = []
        self._statements: dict[str, Statement] = {}
        self._events: dict[str, Event] = {}
        self._conditions: dict[str, Condition] = {}
        self._revising: list[Event] = []
        #: Each (party, issue)'s statements, latest first (see :meth:`_by_key`), with the
        #: number of records when it was built (rebuilt when the record grows); empty until
        #: a snapshot asks for it.
        self._key_index: list[tuple[int, dict[tuple[str, str], tuple[Statement, ...]]]] = []
        #: The distinct dates (see :attr:`dates`) with the number of records they cover.
        self._dates: list[tuple[int, tuple[datetime.date, ...]]] = []
        for record in records:
            self.add(record)

    # ------------------------------------------------------------------ contents
    @property
    def issues(self) -> tuple[Issue, ...]:
        """The agenda, in the order given."""
        return tuple(self._issues.values())

    @property
    def parties(self) -> tuple[Party, ...]:
        """The actors, in the order given."""
        return tuple(self._parties.values())

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record, in the order added."""
        return tuple(self._records)

    def records_since(self, count: int) -> tuple[Record, ...]:
        """Return the records added after the first ``count``, in the order added.

        The record only grows, so this is what was added since it held ``count`` records,
        without copying the rest (as :attr:`records` does).

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> tl = nt.Timeline(issues=[], parties=[])
        >>> for name in ("summit", "talks", "vote"):
        ...     _ = tl.add(nt.Event(id=name, date=datetime.date(2026, 1, 10), title=name))
        >>> [e.id for e in tl.records_since(1)]
        ['talks', 'vote']
        """
        return tuple(self._records[count:])

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in the order added."""
        return tuple(self._statements.values())

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, in the order added."""
        return tuple(self._events.values())

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Every condition record, in the order added."""
        return tuple(self._conditions.values())

    @property
    def dates(self) -> tuple[datetime.date, ...]:
        """Every distinct date a record carries, sorted; planned events' dates left out.

        The last is the record's latest date: an anticipated event (``status = "planned"``)
        does not move it.
        """
        if self._dates and self._dates[0][0] == len(self._records):
            return self._dates[0][1]
        dates = tuple(
            sorted({r.date for r in self._records if not (isinstance(r, Event) and r.planned)})
        )
        self._dates = [(len(self._records), dates)]  # the record only grows: its size keys it
        return dates

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with id ``issue_id``, raising UnknownReferenceError if none."""
        try:
            return self._issues[issue_id]
        except KeyError:
            raise self._unknown("issue", issue_id, "Timeline.issue") from None

    def party(self, party_id: str) -> Party:
        """Return the party with id ``party_id``, raising UnknownReferenceError if none."""
        try:
            return self._parties[party_id]
        except KeyError:
            raise self._unknown("party", party_id, "Timeline.party") from None

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (
            self.issues == other.issues
            and self.parties == other.parties
            and self._records == other._records
        )

    __hash__ = None  # type: ignore[assignment]  # mutable (append-only): not hashable

    def __repr__(self) -> str:
        return (
            f"<Timeline: {count(len(self._issues), 'issue')}, "
            f"{count(len(self._parties), 'party', 'parties')}, "
            f"{count(len(self._statements), 'statement')}, {count(len(self._events), 'event')}, "
            f"{count(len(self._conditions), 'condition')}>"
        )

    # ------------------------------------------------------------------ appending
    def _unknown(self, what: str, value: str, path: str) -> UnknownReferenceError:
        known: dict[str, Iterable[str]] = {
            "party": self._parties,
            "issue": self._issues,
            "event": self._events,
        }
        names = ", ".join(known[what]) or "none"
        plural = {"party": "parties", "issue": "issues", "event": "events"}[what]
        return UnknownReferenceError(
            f"{path}={value!r} is not {'an' if what[0] in 'aeiou' else 'a'} {what} of the "
            f"timeline; known {plural}: {names}",
            path=path,
            value=value,
        )

    def _fresh_id(self, prefix: str, taken: Mapping[str, object]) -> str:
        n = len(taken) + 1
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"

    def _check_clause(self, clause: Clause, path: str) -> None:
        if isinstance(clause, EventClause):
            if clause.event not in self._events:
                raise self._unknown("event", clause.event, f"{path}.event")
            return
        assert isinstance(clause, IssueClause)
        if clause.issue not in self._issues:
            raise self._unknown("issue", clause.issue, f"{path}.issue")
        scale = self._issues[clause.issue].scale
        if clause.region.scale != scale:
            raise ScaleMismatchError(
                f"{path}.region {clause.region.describe()} lies on scale {clause.region.scale}, "
                f"but issue {clause.issue!r} is on scale {scale}",
                path=f"{path}.region",
                value=clause.region,
            )

    def add(self, record: Record) -> Record:
        """Append a statement, event or condition and return it as stored (with its id).

        Parameters
        ----------
        record : Statement, Event or Condition
            The record to append.

        Returns
        -------
        Statement, Event or Condition
            The record, given an id if it had none.

        Raises
        ------
        UnknownReferenceError
            If the record names an unknown party, issue, event or superseded record.
        ScaleMismatchError
            If a position or clause region is not on its issue's scale.
        TimelineError
            If the id is taken, or a superseded statement is by another party, on another
            issue, or dated later.
        """
        if isinstance(record, Statement):
            return self._add_statement(record)
        if isinstance(record, Event):
            return self._add_event(record)
        if isinstance(record, Condition):
            return self._add_condition(record)
        raise InvalidTypeError(
            f"Timeline.add takes a Statement, Event or Condition, not {type(record).__name__}",
            path="record",
            value=record,
        )

    def extend(self, records: Iterable[Record]) -> list[Record]:
        """Append records in order; return them as stored. Stops at the first bad one.

        Examples
        --------
        >>> import negotrack as nt, datetime
        >>> tl = nt.Timeline(issues=[], parties=[])
        >>> [e.id for e in tl.extend([nt.Event(id="summit", date=datetime.date(2025, 12, 28),
        ...                                    title="Summit")])]
        ['summit']
        """
        records = list(records)
        # (a subclass's own add is called for each record)
        if type(self).add is Timeline.add and self._add_statements_at_once(records):
            return records
        return [self.add(r) for r in records]

    def _add_statements_at_once(self, records: Sequence[Record]) -> bool:
        """Add ``records`` at once if they are statements :meth:`add` would take as they are.

        That is, in order, each with its id: statements (of the class itself), each with an
        id not yet taken nor repeated among them and no superseded statement, by a party
        and on an issue of the timeline, their positions on their issues' very scales,
        citing events of the timeline. Then they are added and True is returned — the same
        record as adding each (law ``test_adding_at_once_equals_adding_each``). Otherwise
        nothing is added and False is returned: the caller adds each, which says what is
        wrong. The rules are checked a column at a time: a scenario file's 10^5
        statements are added in parts of ~450.
        """
        if set(map(type, records)) - {Statement}:
            return False
        statements: Sequence[Statement] = records  # type: ignore[assignment]  # just checked
        ids = list(map(attrgetter("id"), statements))
        issues = list(map(attrgetter("issue"), statements))
        cited = set(chain.from_iterable(map(attrgetter("cites"), statements)))
        if (
            None in ids
            or set(map(attrgetter("supersedes"), statements)) - {None}
            or not self._parties.keys() >= set(map(attrgetter("party"), statements))
            or not self._issues.keys() >= set(issues)
            or not self._events.keys() >= cited
            or len(set(ids)) != len(ids)
            or not self._statements.keys().isdisjoint(ids)
        ):
            return False
        scales = map(attrgetter("scale"), map(self._issues.__getitem__, issues))
        if not all(map(is_, map(attrgetter("position.acceptable.scale"), statements), scales)):
            return False
        self._statements.update(zip(ids, statements, strict=True))
        self._records.extend(statements)
        return True

    def _add_statement(self, st: Statement) -> Statement:
        if st.party not in self._parties:
            raise self._unknown("party", st.party, "Statement.party")
        if st.issue not in self._issues:
            raise self._unknown("issue", st.issue, "Statement.issue")
        scale = self._issues[st.issue].scale
        if st.position.scale is not scale and st.position.scale != scale:  # read: the same
            raise ScaleMismatchError(
                f"Statement.position lies on scale {st.position.scale}, but issue "
                f"{st.issue!r} is on scale {scale}",
                path="Statement.position",
                value=st.position,
            )
        for event in st.cites:
            if event not in self._events:
                raise self._unknown("event", event, "Statement.cites")
        if st.supersedes is not None:
            old = _superseded(self._statements, "Statement", "statement", st.supersedes)
            _check_supersedes(
                "Statement",
                st.supersedes,
                old_key=(old.party, old.issue),
                new_key=(st.party, st.issue),
                old_date=old.date,
                new_date=st.date,
                whose=f"by {st.party!r} on {st.issue!r}",
                theirs=f"by {old.party!r} on {old.issue!r}",
            )
        if st.id is None:
            st = attrs.evolve(st, id=self._fresh_id("s", self._statements))
        elif st.id in self._statements:
            raise TimelineError(
                f"Statement.id={st.id!r} is already used", path="Statement.id", value=st.id
            )
        assert st.id is not None
        self._statements[st.id] = st
        self._records.append(st)
        return st

    def _add_event(self, ev: Event) -> Event:
        if ev.id in self._events:
            raise TimelineError(f"Event.id={ev.id!r} is already used", path="Event.id", value=ev.id)
        for party in ev.disputed_by:
            if party not in self._parties:
                raise self._unknown("party", party, "Event.disputed_by")
        for rid in ev.revises:
            target = self._statements.get(rid) or self._events.get(rid) or self._conditions.get(rid)
            if target is None:
                raise UnknownReferenceError(
                    f"Event.revises names {rid!r}, which is no record of the timeline",
                    path="Event.revises",
                    value=rid,
                )
            if target.date > ev.date:
                raise TimelineError(
                    f"Event.revises names {rid!r}, dated {target.date.isoformat()}, after the "
                    f"event ({ev.date.isoformat()}): a revision follows what it revises",
                    path="Event.revises",
                    value=rid,
                )
            if isinstance(target, Event) and target.planned:
                raise TimelineError(
                    f"Event.revises names the planned event {rid!r}: report that it happened "
                    f"with fulfils = {rid!r}",
                    path="Event.revises",
                    value=rid,
                )
        if ev.fulfils is not None:
            planned = self._events.get(ev.fulfils)
            if planned is None or not planned.planned:
                raise TimelineError(
                    f"Event.fulfils={ev.fulfils!r} names no planned event of the timeline",
                    path="Event.fulfils",
                    value=ev.fulfils,
                )
        self._events[ev.id] = ev
        self._records.append(ev)
        if ev.revises:
            self._revising.append(ev)
        return ev

    @property
    def revisions(self) -> tuple[Event, ...]:
        """Every event that revises the credibility of earlier records, in the order added."""
        return tuple(self._revising)

    def planned(self, at: datetime.date | None = None) -> tuple[Event, ...]:
        """Return the planned events not reported as happened by ``at`` (None: ever), by date.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> tl = nt.Timeline(issues=[], parties=[])
        >>> vote = tl.add(nt.Event(id="vote", date=datetime.date(2026, 3, 1), title="Vote",
        ...                        status="planned"))
        >>> [e.id for e in tl.planned()], tl.dates
        (['vote'], ())
        >>> _ = tl.add(nt.Event(id="voted", date=datetime.date(2026, 3, 2), title="Vote held",
        ...                     fulfils="vote"))
        >>> [e.id for e in tl.planned(datetime.date(2026, 3, 1))], tl.planned()
        (['vote'], ())
        """
        done = {
            e.fulfils
            for e in self._events.values()
            if e.fulfils is not None and (at is None or e.date <= at)
        }
        return tuple(
            sorted(
                (e for e in self._events.values() if e.planned and e.id not in done),
                key=lambda e: e.date,
            )
        )

    def _revised(
        self,
        at: datetime.date | None,
        level: Credibility,
        exclude: Collection[str] = (),
        redate: Mapping[str, datetime.date] | None = None,
    ) -> dict[str, Credibility]:
        """Return each record's credibility as revised by the events counted up to ``at``."""
        out: dict[str, Credibility] = {}
        moved = redate or {}

        def when(ev: Event) -> datetime.date:
            return moved.get(ev.id, ev.date)

        for ev in sorted(self._revising, key=when):  # stable: added order on ties
            if ev.credibility >= level and (at is None or when(ev) <= at) and ev.id not in exclude:
                out.update(ev.revises)
        return out

    def _add_condition(self, cond: Condition) -> Condition:
        if cond.holder not in self._parties:
            raise self._unknown("party", cond.holder, "Condition.holder")
        self._check_clause(cond.clause, "Condition.clause")
        self._check_clause(cond.requires, "Condition.requires")
        if cond.supersedes is not None:
            prior = _superseded(self._conditions, "Condition", "condition", cond.supersedes)
            _check_supersedes(
                "Condition",
                cond.supersedes,
                old_key=prior.holder,
                new_key=cond.holder,
                old_date=prior.date,
                new_date=cond.date,
                whose=f"held by {cond.holder!r}",
                theirs=f"held by {prior.holder!r}",
            )
        if cond.id is None:
            cond = attrs.evolve(cond, id=self._fresh_id("c", self._conditions))
        elif cond.id in self._conditions:
            raise TimelineError(
                f"Condition.id={cond.id!r} is already used", path="Condition.id", value=cond.id
            )
        assert cond.id is not None
        self._conditions[cond.id] = cond
        self._records.append(cond)
        return cond

    # ------------------------------------------------------------------ reading
    def snapshot(
        self,
        at: datetime.date | None = None,
        *,
        min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
        exclude: Collection[str] = frozenset(),
        redate: Mapping[str, datetime.date] | None = None,
    ) -> Snapshot:
        """Return the positions, conditions and events in force on a date.

        For each (party, issue) the position in force is the latest statement dated on or
        before ``at`` whose credibility meets ``min_credibility``; among statements on one
        date, the one added later wins.

        Parameters
        ----------
        at : datetime.date, optional
            The date; None means after every record.
        min_credibility : Credibility or str, optional
            Leave out records below this level (default ``"alleged"``, the one default
            :data:`~negotrack.timeline.records.DEFAULT_MIN_CREDIBILITY`: DENIED records are
            not counted; pass ``"denied"`` to count every record).
        exclude : collection of str, optional
            Ids of records to read as if they were not in the record (a reading in which
            they are false): a statement left out leaves the one it superseded in force, a
            revising event left out revises nothing. Used by :func:`negotrack.robustness`.

        Returns
        -------
        Snapshot

        Raises
        ------
        InvalidTypeError
            If ``at`` is not a date.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> tl = nt.Timeline(issues=[], parties=[])
        >>> tl.snapshot(at=datetime.date(2025, 12, 31), min_credibility="reported")
        <Snapshot at 2025-12-31: 0 positions on 0 issues, 0 conditions, min credibility reported>
        """
        if at is not None:
            check_date("Timeline.snapshot", "at", at)
        level = Credibility.parse(min_credibility, field="min_credibility")
        moved = redate or {}
        revised = self._revised(at, level, exclude, moved) if self._revising else {}

        def visible(r: Record) -> bool:
            cred = revised.get(r.id, r.credibility) if revised and r.id else r.credibility
            date = moved.get(r.id, r.date) if moved and r.id else r.date
            return (
                cred >= level and (at is None or date <= at) and not (exclude and r.id in exclude)
            )

        # the statement in force on a pair: its latest visible statement (by its own date;
        # on one date, the one added later) — the first visible one of _by_key's list
        ordered: dict[tuple[str, str], Statement] = {}
        for key, latest_first in self._by_key().items():
            for st in latest_first:
                if visible(st):
                    ordered[key] = _as_revised(st, revised)
                    break
        events = [_as_revised(e, revised) for e in self._events.values() if visible(e)]
        return Snapshot(
            date=at,
            min_credibility=level,
            issues=self.issues,
            parties=self.parties,
            statements=ordered,
            conditions=tuple(_as_revised(c, revised) for c in self._conditions_in_force(visible)),
            events=tuple(sorted((e for e in events if not e.planned), key=lambda e: e.date)),
            planned=tuple(e for e in self.planned(at) if e.id not in exclude),
        )

    def _by_key(self) -> dict[tuple[str, str], tuple[Statement, ...]]:
        """Return each (party, issue)'s statements, latest first, pairs in party × issue order.

        Latest by the statement's own date, then by the order added (later first): the
        order in which :meth:`snapshot` looks for the one in force, stopping at the first
        visible one instead of visiting every statement. Built once per size of the record.
        """
        if self._key_index and self._key_index[0][0] == len(self._records):
            return self._key_index[0][1]
        grouped: dict[tuple[str, str], list[Statement]] = {}
        for st in reversed(self._statements.values()):  # later added first ...
            key = (st.party, st.issue)
            group = grouped.get(key)
            if group is None:
                grouped[key] = [st]
            else:
                group.append(st)
        by_date = attrgetter("date")
        index = {  # ... and, the sort being stable, still first among statements of one date
            (p, i): tuple(sorted(grouped[(p, i)], key=by_date, reverse=True))
            for p in self._parties
            for i in self._issues
            if (p, i) in grouped
        }
        self._key_index = [(len(self._records), index)]
        return index

    def _conditions_in_force(self, visible: Callable[[Record], bool]) -> tuple[Condition, ...]:
        ledger = ConditionLedger()
        for cond in sorted(
            (c for c in self._conditions.values() if visible(c)),
            key=lambda c: c.date,
        ):
            ledger.apply(cond)
        return ledger.in_force()

    def diff(
        self,
        start: datetime.date,
        end: datetime.date,
        *,
        min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
        parties: Iterable[str] | None = None,
        condition_holders: Iterable[str] | None = None,
        steps: bool = False,
    ) -> TimelineDiff:
        """List what changed between two dates.

        Parameters
        ----------
        start, end : datetime.date
            Compare the state on ``start`` with that on ``end`` (``start <= end``).
        min_credibility : Credibility or str, optional
            Leave out records below this level (default ``"alleged"``, as
            :meth:`snapshot`).
        parties : iterable of str, optional
            Compare only these parties' positions (default: all; the one rule of
            :func:`negotrack.select_parties`).
        condition_holders : iterable of str, optional
            Compare only the conditions these parties hold (default: every party's).
        steps : bool, optional
            Also list each intermediate change (``.steps``), not only the two ends.

        Returns
        -------
        TimelineDiff

        Raises
        ------
        TimelineError
            If ``start`` is after ``end``.
        UnknownReferenceError
            If ``parties`` or ``condition_holders`` names an unknown party.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
        >>> d = tl.diff(datetime.date(2025, 12, 28), datetime.date(2025, 12, 31),
        ...             parties=["RU"], steps=True)
        >>> [(c.issue, c.kind) for c in d.changes]
        [('donbas_withdrawal', 'moved'), ('ceasefire', 'moved')]
        >>> [day.isoformat() for day, _ in d.steps]
        ['2025-12-29']
        """
        from negotrack.timeline.parties import select_parties  # a cycle at module level

        check_date("Timeline.diff", "start", start)
        check_date("Timeline.diff", "end", end)
        if start > end:
            raise TimelineError(
                f"Timeline.diff: start={start.isoformat()} is after end={end.isoformat()}",
                path="start",
                value=start,
            )
        chosen = select_parties(self, parties)
        holders = select_parties(self, condition_holders, path="condition_holders")
        level = Credibility.parse(min_credibility, field="min_credibility")
        before = self.snapshot(start, min_credibility=level)
        after = self.snapshot(end, min_credibility=level)
        held = set(holders)
        added = [c for c in after.conditions if c not in before.conditions and c.holder in held]
        removed = [c for c in before.conditions if c not in after.conditions and c.holder in held]
        listed: list[tuple[datetime.date, tuple[Change, ...]]] = []
        if steps:
            days = sorted(
                {
                    s.date
                    for s in self.statements
                    if start < s.date <= end and s.party in chosen and s.credibility >= level
                }
            )
            previous = before
            for day in days:
                now = self.snapshot(day, min_credibility=level)
                listed.append((day, _changes(previous, now, chosen)))
                previous = now
        return TimelineDiff(
            start=start,
            end=end,
            changes=_changes(before, after, chosen),
            events=tuple(e for e in after.events if e.date > start),
            conditions_added=tuple(added),
            conditions_removed=tuple(removed),
            steps=tuple(listed),
            parties=chosen,
            condition_holders=holders,
            min_credibility=level,
        )

    def to_frame(self, table: str = "statements") -> Any:
        """Return one of the record's tables as a pandas DataFrame (the ``pandas`` extra).

        Parameters
        ----------
        table : {"statements", "events", "conditions"}, optional
            Which table (default statements): the rows of
            :mod:`negotrack.timeline.tables`, the same as ``negotrack export ... OUT.csv``.

        Returns
        -------
        pandas.DataFrame
            One row per record; numbers as numbers (``ideal`` is numeric on a numeric
            scale), dates as dates.

        Raises
        ------
        NegotrackError
            If ``table`` is not one of the three, or pandas is not installed.

        Examples
        --------
        >>> import negotrack as nt
        >>> df = nt.load("examples/ukraine_dec2025.toml").timeline.to_frame()
        >>> df.loc[df.issue == "guarantee_years", ["party", "ideal", "acceptable_low"]]
          party  ideal  acceptable_low
        4    US   15.0             0.0
        5    UA   50.0            50.0
        """
        from negotrack._frames import frame
        from negotrack.timeline.tables import TABLES

        if table not in TABLES:
            raise InvalidTypeError(
                f"Timeline.to_frame: table={table!r} must be one of: {', '.join(TABLES)}",
                path="table",
                value=table,
            )
        rows, columns = TABLES[table]
        return frame(rows(self), columns)

    def copy(self) -> Timeline:
        """Return an independent timeline with the same records.

        Every record here was checked when it was added, so the copy takes the indexes as
        they are (each dict and list copied, the immutable records shared) instead of
        checking each record again: the same state as replaying the records into a new
        timeline, in a fraction of the time.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> tl = nt.Timeline(issues=[], parties=[])
        >>> _ = tl.add(nt.Event(id="summit", date=datetime.date(2025, 12, 28), title="Summit"))
        >>> copy = tl.copy()
        >>> _ = copy.add(nt.Event(id="talks", date=datetime.date(2025, 12, 29), title="Talks"))
        >>> len(tl.records), len(copy.records)
        (1, 2)
        """
        new = object.__new__(type(self))
        for name, value in vars(self).items():
            if isinstance(value, dict | list | set):
                value = value.copy()  # noqa: PLW2901 - the copy replaces the original
            elif not isinstance(value, _SHAREABLE):  # a new kind of index: say so, don't share
                raise TypeError(f"Timeline.copy: cannot copy attribute {name!r}: {value!r}")
            setattr(new, name, value)
        return new


class ConditionLedger:
    """The conditions in force, as condition records are applied in date order (internal).

    The one definition of the rule :meth:`Timeline.snapshot` uses: a record superseding
    another removes it; a record that is not a lifting comes into force. Apply the visible
    records sorted by date (records on one date in the order added);
    :func:`negotrack.gap_series` keeps one ledger along its replay instead of taking a
    snapshot per date.
    """

    __slots__ = ("active",)

    def __init__(self) -> None:
        self.active: dict[str, Condition] = {}

    def apply(self, cond: Condition) -> None:
        """Apply one condition record (the next in date order)."""
        if cond.supersedes is not None:
            self.active.pop(cond.supersedes, None)
        if not cond.lifted:
            assert cond.id is not None
            self.active[cond.id] = cond

    def in_force(self) -> tuple[Condition, ...]:
        """Return the conditions in force, in the order they came into force."""
        return tuple(self.active.values())


#: Attribute values a copy may share with its original (immutable).
_SHAREABLE = (int, float, str, bytes, tuple, frozenset, type(None))

_Keyed = TypeVar("_Keyed", Issue, Party)


def _index(items: Iterable[_Keyed], cls: type[_Keyed], field: str) -> dict[str, _Keyed]:
    """Index issues or parties by id, refusing other types and repeated ids."""
    noun = cls.__name__.lower()
    out: dict[str, _Keyed] = {}
    for item in items:
        if not isinstance(item, cls):
            raise InvalidTypeError(
                f"Timeline.{field} holds {item!r}: each must be {'an' if noun[0] in 'aeiou' else 'a'} "
                f"{cls.__name__}",
                path=f"Timeline.{field}",
                value=item,
            )
        if item.id in out:
            raise TimelineError(
                f"Timeline.{field} repeats {noun} id {item.id!r}",
                path=f"Timeline.{field}",
                value=item.id,
            )
        out[item.id] = item
    return out


_R = TypeVar("_R", Statement, Condition)


def _superseded(known: Mapping[str, _R], owner: str, kind: str, ref: str) -> _R:
    """Return the record ``ref`` names, or say that it names none of this kind."""
    old = known.get(ref)
    if old is None:
        raise UnknownReferenceError(
            f"{owner}.supersedes={ref!r} names no {kind} of the timeline",
            path=f"{owner}.supersedes",
            value=ref,
        )
    return old


def _check_supersedes(
    owner: str,
    ref: str,
    *,
    old_key: object,
    new_key: object,
    old_date: datetime.date,
    new_date: datetime.date,
    whose: str,
    theirs: str,
) -> None:
    """Enforce the one rule of ``supersedes``, for every record kind that has it.

    A record may supersede only an earlier (or same-day) record of its own: the same party
    on the same issue for a statement, the same holder for a condition. Withdrawing someone
    else's position or condition, or a lifting dated before what it lifts, is refused.
    """
    if old_key != new_key or old_date > new_date:
        raise TimelineError(
            f"{owner}.supersedes={ref!r} must name an earlier {owner.lower()} {whose}; "
            f"it is {theirs} dated {old_date.isoformat()}",
            path=f"{owner}.supersedes",
            value=ref,
        )


_Rec = TypeVar("_Rec", Statement, Event, Condition)


def _as_revised(record: _Rec, revised: Mapping[str, Credibility]) -> _Rec:
    """Return the record with its credibility as revised (itself when not revised)."""
    level = revised.get(record.id) if revised and record.id else None
    if level is None or level == record.credibility:
        return record
    return attrs.evolve(record, credibility=level)


def _changes(before: Snapshot, after: Snapshot, parties: tuple[str, ...]) -> tuple[Change, ...]:
    """Return the changes of the chosen parties' statements in force between two snapshots."""
    chosen = set(parties)
    keys = list(after.statements) + [k for k in before.statements if k not in after.statements]
    return tuple(
        Change(p, i, before.statements.get((p, i)), after.statements.get((p, i)))
        for p, i in keys
        if p in chosen and before.statements.get((p, i)) != after.statements.get((p, i))
    )
