"""The records a timeline holds: statements, events and conditions, with their credibility.

Records are immutable. A statement is never edited: a later one supersedes it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from negotrack.errors import ConditionError, InvalidRecordError, InvalidTypeError
from negotrack.model._checks import check_date, check_id, check_text
from negotrack.model.entities import Position, Source
from negotrack.model.regions import Region
from negotrack.model.uncertainty import Uncertainty

__all__ = [
    "DEFAULT_MIN_CREDIBILITY",
    "DEFAULT_PROBABILITIES",
    "EVENT_STATUSES",
    "Clause",
    "Condition",
    "ConditionKind",
    "Credibility",
    "Event",
    "EventClause",
    "IssueClause",
    "Record",
    "Statement",
    "probability_true",
]


class Credibility(enum.IntEnum):
    """How far a record can be trusted, ordered ``DENIED < ALLEGED < REPORTED < CONFIRMED``.

    A party's own on-record statement of its position is CONFIRMED; a claim one side makes
    and the other denies is ALLEGED.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.Credibility.ALLEGED < nt.Credibility.REPORTED
    True
    >>> nt.Credibility.parse("reported")
    <Credibility.REPORTED: 3>
    """

    DENIED = 1
    ALLEGED = 2
    REPORTED = 3
    CONFIRMED = 4

    @classmethod
    def parse(cls, value: Any, *, field: str = "credibility") -> Credibility:
        """Return the level named by ``value`` (a level or its name, any case).

        Raises
        ------
        InvalidRecordError
            If ``value`` names no level.
        """
        if isinstance(value, Credibility):
            return value
        if isinstance(value, str) and value.upper() in cls.__members__:
            return cls[value.upper()]
        allowed = ", ".join(m.name.lower() for m in cls)
        raise InvalidRecordError(
            f"{field}={value!r} is not a credibility level; use one of: {allowed}",
            path=field,
            value=value,
        )

    @property
    def label(self) -> str:
        """The lower-case name used in files and reports."""
        return self.name.lower()


#: The credibility threshold every analysis, report and command uses unless told otherwise:
#: records coded DENIED are not counted; ALLEGED and better are (and reports say so).
DEFAULT_MIN_CREDIBILITY = Credibility.ALLEGED


#: The probability that a record is true when it does not say (``uncertainty.probability``
#: absent), by its credibility: the one table, overridable per analysis
#: (``nt.robustness(..., probabilities={...})``).
DEFAULT_PROBABILITIES: Mapping[Credibility, float] = {
    Credibility.CONFIRMED: 1.0,
    Credibility.REPORTED: 0.85,
    Credibility.ALLEGED: 0.5,
    Credibility.DENIED: 0.1,
}


def _uncertainty(owner: str, value: object) -> Uncertainty | None:
    if value is None or isinstance(value, Uncertainty):
        return value
    raise InvalidTypeError(
        f"{owner}.uncertainty={value!r} must be an Uncertainty or None",
        path=f"{owner}.uncertainty",
        value=value,
    )


def _set(obj: object, field: str, value: object) -> None:
    """Store a normalised value on a frozen record (during ``__attrs_post_init__`` only)."""
    object.__setattr__(obj, field, value)


def _ids(owner: str, field: str, value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None or value == ():
        return ()
    if isinstance(value, str):
        value = (value,)
    return tuple(check_id(owner, field, v) for v in value)


def _optional_id(owner: str, field: str, value: str | None) -> str | None:
    return None if value is None else check_id(owner, field, value)


def _sources(owner: str, value: Iterable[Source]) -> tuple[Source, ...]:
    out = tuple(value)
    for s in out:
        if not isinstance(s, Source):
            raise InvalidTypeError(
                f"{owner}.sources holds {s!r}: each must be a Source",
                path=f"{owner}.sources",
                value=s,
            )
    return out


@attrs.frozen(kw_only=True)
class Statement:
    """A dated, sourced record that sets a party's position on an issue.

    Parameters
    ----------
    party, issue : str
        Ids of a party and an issue the timeline knows.
    date : datetime.date
        When the position was stated.
    position : Position
        The position stated.
    source : Source
        Where it is recorded.
    credibility : Credibility or str, optional
        How far the record can be trusted (default CONFIRMED).
    id : str, optional
        Identifier; the timeline assigns one when omitted.
    supersedes : str, optional
        Id of an earlier statement by the same party on the same issue that this one replaces.
    cites : str or sequence of str, optional
        Ids of events the statement refers to.
    note : str, optional
        The analyst's note (kept by the store and by export; comments in a file are not).
    uncertainty : Uncertainty, optional
        How sure the reading is: ranges for the ideal and the acceptable bounds, the
        probability of a red line, of being true, a range of dates. Absent: as coded.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> st = nt.Statement(
    ...     party="UA", issue="guarantee_years", date=datetime.date(2025, 12, 28),
    ...     position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 50, 100)),
    ...     source=nt.Source(title="Zelensky at Mar-a-Lago"), credibility="confirmed")
    >>> st.credibility
    <Credibility.CONFIRMED: 4>
    """

    party: str
    issue: str
    date: datetime.date
    position: Position
    source: Source
    credibility: Credibility = Credibility.CONFIRMED
    id: str | None = None
    supersedes: str | None = None
    cites: tuple[str, ...] = ()
    note: str = ""
    uncertainty: Uncertainty | None = None

    def __attrs_post_init__(self) -> None:
        # Values that need no check are passed over without a call ("" is text, None is
        # no id): a large record builds 10^5 statements.
        if self.note != "":
            check_text("Statement", "note", self.note)
        check_id("Statement", "party", self.party)
        check_id("Statement", "issue", self.issue)
        check_date("Statement", "date", self.date)
        if type(self.credibility) is not Credibility:  # a level stays as it is
            cred = Credibility.parse(self.credibility, field="Statement.credibility")
            _set(self, "credibility", cred)
        if self.id is not None:
            check_id("Statement", "id", self.id)
        if self.supersedes is not None:
            check_id("Statement", "supersedes", self.supersedes)
        if self.cites != ():  # no citation stays ()
            _set(self, "cites", _ids("Statement", "cites", self.cites))
        if not isinstance(self.position, Position):
            raise InvalidTypeError(
                f"Statement.position={self.position!r} must be a Position",
                path="Statement.position",
                value=self.position,
            )
        if not isinstance(self.source, Source):
            raise InvalidTypeError(
                f"Statement.source={self.source!r} must be a Source",
                path="Statement.source",
                value=self.source,
            )
        if self.id is not None and self.supersedes == self.id:
            raise InvalidRecordError(
                f"Statement.supersedes={self.supersedes!r} names the statement itself",
                path="Statement.supersedes",
                value=self.supersedes,
            )
        if self.uncertainty is not None:
            unc = _uncertainty("Statement", self.uncertainty)
            assert unc is not None
            unc.check_date("Statement", self.date)
            _set(self, "uncertainty", unc.check_position("Statement", self.position))


#: What an event may be: something that happened (or is reported to have happened), or
#: something anticipated — a referendum called, an implementation day set.
EVENT_STATUSES = ("happened", "planned")


def _revises(value: Mapping[str, Credibility | str] | None) -> dict[str, Credibility]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"Event.revises={value!r} must map record ids to credibility levels",
            path="Event.revises",
            value=value,
        )
    out: dict[str, Credibility] = {}
    for rid, level in value.items():
        check_id("Event", "revises", rid)
        out[rid] = Credibility.parse(level, field=f"Event.revises[{rid!r}]")
    return out


@attrs.frozen(kw_only=True)
class Event:
    """A dated incident that is not a position: a summit, a strike, a contested claim.

    Parameters
    ----------
    id : str
        Identifier statements and conditions cite.
    date : datetime.date
        When it happened (or is claimed to have happened, or is planned for).
    title : str
        What happened, in a few words.
    credibility : Credibility or str, optional
        How far the record can be trusted (default CONFIRMED).
    sources : sequence of Source, optional
        Where it is recorded.
    disputed_by : sequence of str, optional
        Ids of parties that deny or contest it.
    description : str, optional
        Longer notes.
    status : {"happened", "planned"}, optional
        ``"planned"`` for an anticipated event (a referendum called for March): conditions
        may refer to it, it does not move the record's latest date, and reports list it
        apart until a later event ``fulfils`` it. Default ``"happened"``.
    revises : mapping of str to Credibility, optional
        Earlier records whose credibility this event changes from its date on — a report
        later denied, or confirmed — without restating them: ``{"us-ceasefire-2":
        "denied"}``. Snapshots from this date use the revised credibility.
    fulfils : str, optional
        The id of a planned event this event reports as having happened.
    note : str, optional
        The analyst's note (kept by the store and by export).
    uncertainty : Uncertainty, optional
        The probability that the event is true and a range of dates (no position fields).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> ev = nt.Event(id="drone-claim", date=datetime.date(2025, 12, 29),
    ...               title="Russia claims a drone attack on a Putin residence",
    ...               credibility="alleged", disputed_by=["UA"])
    >>> ev.contested
    True
    >>> nt.Event(id="referendum", date=datetime.date(2026, 3, 1), title="Referendum",
    ...          status="planned").planned
    True
    """

    id: str
    date: datetime.date
    title: str
    credibility: Credibility = Credibility.CONFIRMED
    sources: tuple[Source, ...] = ()
    disputed_by: tuple[str, ...] = ()
    description: str = ""
    status: str = "happened"
    revises: dict[str, Credibility] = attrs.field(factory=dict, hash=False, converter=_revises)
    fulfils: str | None = None
    note: str = ""
    uncertainty: Uncertainty | None = None

    def __attrs_post_init__(self) -> None:
        check_id("Event", "id", self.id)
        unc = _uncertainty("Event", self.uncertainty)
        if unc is not None:
            unc.check_record("Event")
            unc.check_date("Event", self.date)
        check_date("Event", "date", self.date)
        check_text("Event", "title", self.title)
        check_text("Event", "description", self.description)
        check_text("Event", "note", self.note)
        _set(self, "credibility", Credibility.parse(self.credibility, field="Event.credibility"))
        _set(self, "sources", _sources("Event", self.sources))
        _set(self, "disputed_by", _ids("Event", "disputed_by", self.disputed_by))
        if self.status not in EVENT_STATUSES:
            raise InvalidRecordError(
                f"Event.status={self.status!r} must be one of: {', '.join(EVENT_STATUSES)}",
                path="Event.status",
                value=self.status,
            )
        if self.id in self.revises:
            raise InvalidRecordError(
                f"Event.revises names the event itself ({self.id!r})",
                path="Event.revises",
                value=self.id,
            )
        if self.fulfils is not None:
            check_id("Event", "fulfils", self.fulfils)
            if self.status == "planned" or self.fulfils == self.id:
                raise InvalidRecordError(
                    f"Event.fulfils={self.fulfils!r}: an event that fulfils a planned one "
                    f"must itself have happened and be another event",
                    path="Event.fulfils",
                    value=self.fulfils,
                )
        if self.status == "planned" and self.revises:
            raise InvalidRecordError(
                "Event.revises: a planned event cannot revise records (it has not happened)",
                path="Event.revises",
                value=self.id,
            )

    @property
    def planned(self) -> bool:
        """Whether the event is anticipated, not (yet) happened."""
        return self.status == "planned"

    @property
    def contested(self) -> bool:
        """Whether any party disputes the event or it is no better than ALLEGED."""
        return bool(self.disputed_by) or self.credibility <= Credibility.ALLEGED


@attrs.frozen
class IssueClause:
    """A clause that an issue is settled within a region ("Donbas withdrawal = 100 %").

    Examples
    --------
    >>> import negotrack as nt
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> nt.IssueClause("donbas_withdrawal", nt.Region.point(pct, 100)).key
    'donbas_withdrawal ∈ [100, 100]'
    """

    issue: str
    region: Region

    def __attrs_post_init__(self) -> None:
        check_id("IssueClause", "issue", self.issue)
        if not isinstance(self.region, Region):
            raise InvalidTypeError(
                f"IssueClause.region={self.region!r} must be a Region",
                path="IssueClause.region",
                value=self.region,
            )
        if self.region.is_empty:
            raise ConditionError(
                f"IssueClause({self.issue!r}).region is empty: a clause must be satisfiable",
                path="IssueClause.region",
                value=self.region,
            )

    @property
    def key(self) -> str:
        """A stable, readable node name for graphs and reports."""
        return f"{self.issue} ∈ {self.region.describe()}"


@attrs.frozen
class EventClause:
    """A clause that an event happens ("referendum held").

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.EventClause("referendum").key
    'event:referendum'
    """

    event: str

    def __attrs_post_init__(self) -> None:
        check_id("EventClause", "event", self.event)

    @property
    def key(self) -> str:
        """A stable, readable node name for graphs and reports."""
        return f"event:{self.event}"


Clause: TypeAlias = IssueClause | EventClause


class ConditionKind(enum.Enum):
    """How a condition links its clause to what it requires."""

    #: The required clause must happen first.
    PRECONDITION = "precondition"
    #: Both must be in the same package.
    LINKAGE = "linkage"


def _check_clause(field: str, value: object) -> None:
    if not isinstance(value, IssueClause | EventClause):
        raise InvalidTypeError(
            f"Condition.{field}={value!r} must be an IssueClause or EventClause",
            path=f"Condition.{field}",
            value=value,
        )


def _kind(value: ConditionKind | str) -> ConditionKind:
    if isinstance(value, ConditionKind):
        return value
    try:
        return ConditionKind(value)
    except ValueError:
        raise InvalidRecordError(
            f"Condition.kind={value!r} must be 'precondition' or 'linkage'",
            path="Condition.kind",
            value=value,
        ) from None


@attrs.frozen(kw_only=True)
class Condition:
    """A linkage held by a party: "I accept ``clause`` only after / only with ``requires``".

    Parameters
    ----------
    holder : str
        Id of the party holding the condition.
    clause : IssueClause or EventClause
        What the holder would accept or do.
    requires : IssueClause or EventClause
        What must come first (precondition) or with it (linkage).
    kind : ConditionKind or str, optional
        ``"precondition"`` (default) or ``"linkage"``.
    date : datetime.date
        When the condition was stated.
    source : Source
        Where it is recorded.
    credibility : Credibility or str, optional
        Default CONFIRMED.
    id : str, optional
        Identifier; the timeline assigns one when omitted.
    supersedes : str, optional
        Id of an earlier condition this one replaces.
    lifted : bool, optional
        True when this record withdraws the condition it supersedes.
    note : str, optional
        The analyst's note (kept by the store and by export).
    uncertainty : Uncertainty, optional
        The probability that the condition is true and a range of dates (no position
        fields).

    Raises
    ------
    ConditionError
        If the condition requires its own clause.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> yesno = nt.OrdinalScale(["no", "yes"])
    >>> c = nt.Condition(holder="RU", kind="precondition", date=datetime.date(2025, 12, 28),
    ...     clause=nt.IssueClause("ceasefire", nt.Region.labels(yesno, ["yes"])),
    ...     requires=nt.IssueClause("withdrawal", nt.Region.labels(yesno, ["yes"])),
    ...     source=nt.Source(title="Kremlin rejects a ceasefire"))
    >>> c.describe()
    'RU: ceasefire ∈ {yes} only after withdrawal ∈ {yes}'
    """

    holder: str
    clause: Clause
    requires: Clause
    date: datetime.date
    source: Source
    kind: ConditionKind = ConditionKind.PRECONDITION
    credibility: Credibility = Credibility.CONFIRMED
    id: str | None = None
    supersedes: str | None = None
    lifted: bool = False
    note: str = ""
    uncertainty: Uncertainty | None = None

    def __attrs_post_init__(self) -> None:
        check_text("Condition", "note", self.note)
        unc = _uncertainty("Condition", self.uncertainty)
        if unc is not None:
            unc.check_record("Condition")
            unc.check_date("Condition", self.date)
        check_id("Condition", "holder", self.holder)
        _check_clause("clause", self.clause)
        _check_clause("requires", self.requires)
        check_date("Condition", "date", self.date)
        _set(self, "kind", _kind(self.kind))
        _set(
            self, "credibility", Credibility.parse(self.credibility, field="Condition.credibility")
        )
        _optional_id("Condition", "id", self.id)
        _optional_id("Condition", "supersedes", self.supersedes)
        if self.clause == self.requires:
            raise ConditionError(
                f"Condition by {self.holder!r} requires its own clause {self.clause.key!r}: "
                f"a condition must link two different clauses",
                path="Condition.requires",
                value=self.requires.key,
            )
        if not isinstance(self.source, Source):
            raise InvalidTypeError(
                f"Condition.source={self.source!r} must be a Source",
                path="Condition.source",
                value=self.source,
            )
        if self.lifted and self.supersedes is None:
            raise InvalidRecordError(
                "Condition.lifted=True needs Condition.supersedes: the id of the condition lifted",
                path="Condition.lifted",
                value=True,
            )

    def describe(self) -> str:
        """Return the condition in plain words."""
        link = "only after" if self.kind is ConditionKind.PRECONDITION else "only with"
        return f"{self.holder}: {self.clause.key} {link} {self.requires.key}"


Record: TypeAlias = Statement | Event | Condition


def probability_true(record: Record, table: Mapping[Credibility, float] | None = None) -> float:
    """Return the probability that ``record`` is true.

    Its own ``uncertainty.probability`` when it has one; otherwise the entry for its
    credibility in ``table`` (default :data:`DEFAULT_PROBABILITIES`: confirmed 1.0,
    reported 0.85, alleged 0.5, denied 0.1).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.timeline.records import probability_true
    >>> ev = nt.Event(id="claim", date=datetime.date(2025, 12, 29), title="Claim",
    ...               credibility="alleged")
    >>> probability_true(ev), probability_true(ev, {nt.Credibility.ALLEGED: 0.3})
    (0.5, 0.3)
    >>> import attrs
    >>> probability_true(attrs.evolve(ev, uncertainty=nt.Uncertainty(probability=0.2)))
    0.2
    """
    unc = record.uncertainty
    if unc is not None and unc.probability is not None:
        return unc.probability
    chosen = DEFAULT_PROBABILITIES if table is None else table
    return chosen.get(record.credibility, DEFAULT_PROBABILITIES[record.credibility])
