"""Sequencing deadlocks, the results: untying sets, knots, cycle listings, condition reports.

The frozen records the analysis returns (:class:`Untie`, :class:`SequencingDeadlock`,
:class:`CycleListing`, :class:`ConditionReport`, :class:`DeadlockSpan`) and
:func:`deadlock_spans`, which follows knots over a series of reports. Nothing here computes
a graph; :mod:`~negotrack.analysis.deadlocks.engine` does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from negotrack._words import count
from negotrack.analysis.conditions import (
    LinkageConflict,
)
from negotrack.errors import AnalysisError
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Condition, Credibility

__all__ = [
    "ConditionReport",
    "CycleListing",
    "DeadlockSpan",
    "SequencingDeadlock",
    "Untie",
    "deadlock_spans",
]


def _label(names: Mapping[str, str], party: str) -> str:
    name = names.get(party, party)
    return party if name == party else f"{name} ({party})"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _link(names: Mapping[str, str], cond: Condition) -> str:
    return (
        f"{_label(names, cond.holder)}: {cond.clause.key} only after {cond.requires.key} "
        f"[{cond.id}; {cond.source.cite()}; {cond.credibility.label}]"
    )


def _condition_dict(cond: Condition) -> dict[str, Any]:
    return {
        "condition": cond.id,
        "holder": cond.holder,
        "clause": cond.clause.key,
        "requires": cond.requires.key,
        "kind": cond.kind.value,
        "source": cond.source.cite(),
        "credibility": cond.credibility.label,
        "date": cond.date.isoformat(),
    }


# ---------------------------------------------------------------------------- result types


@attrs.frozen(kw_only=True, repr=False)
class Untie:
    """The fewest conditions whose lifting leaves no sequencing deadlock, and who holds them.

    Attributes
    ----------
    conditions : tuple of Condition
        The conditions to lift, in snapshot order.
    capability : float
        The total capability of their holders (one term per condition).
    exact : bool
        True when the set is proved the smallest by count, then by total capability.
    lower_bound : int
        A proved lower bound on how many conditions any untying set needs; equals
        ``len(conditions)`` when ``exact``.
    method : str
        ``"exact"`` (branch and bound), ``"greedy"`` (Eades-Lin-Smyth ordering) or
        ``"none"`` (nothing to untie).
    """

    conditions: tuple[Condition, ...]
    capability: float
    exact: bool
    lower_bound: int
    method: str
    names: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)

    @property
    def count(self) -> int:
        """How many conditions must be lifted."""
        return len(self.conditions)

    @property
    def holders(self) -> tuple[str, ...]:
        """The parties holding the conditions to lift, in order of their first condition."""
        return tuple(dict.fromkeys(c.holder for c in self.conditions))

    def describe(self) -> str:
        """Return the conditions to lift and who holds them, in plain words."""
        if not self.conditions:
            return "nothing to untie"
        n = self.count
        head = f"lift {count(n, 'condition')}"
        if self.exact:
            head += " (the fewest)"
        elif self.lower_bound == n:
            head += " (the fewest by count; greedy on capability)"
        else:
            head += f" (greedy bound: the fewest is between {self.lower_bound} and {n})"
        parts = [
            f"{c.id}, held by {_label(self.names, c.holder)} "
            f"({c.clause.key} only after {c.requires.key})"
            for c in self.conditions
        ]
        return f"{head}: " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the untying set as plain data for JSON."""
        return {
            "conditions": [c.id for c in self.conditions],
            "holders": list(self.holders),
            "count": self.count,
            "capability": self.capability,
            "exact": self.exact,
            "lower_bound": self.lower_bound,
            "method": self.method,
            "text": self.describe(),
        }

    def __repr__(self) -> str:
        return f"<Untie: {self.describe()}>"


@attrs.frozen(kw_only=True, repr=False)
class SequencingDeadlock:
    """A knot of preconditions: a strongly connected set of clauses nobody can move first on.

    Attributes
    ----------
    clauses : tuple of str
        Keys of the clauses in the knot, in reading order (first mention).
    conditions : tuple of Condition
        Every precondition linking two clauses of the knot, in snapshot order.
    witness : tuple of Condition
        One cycle through the knot, in reading order: each condition's ``requires`` is the
        next one's ``clause``, and the last one's ``requires`` is the first one's ``clause``.
        It starts at the knot's first clause and is a shortest cycle through it.
    untie : Untie
        The fewest conditions of the knot whose lifting unties it.
    single_lifts : tuple of Condition or None
        Every condition whose lifting alone dissolves the knot (it lies on every cycle of
        the knot and its link carries no other condition); empty when no single one
        does; None when the knot was too large to search.
    capabilities : mapping of str to float
        Each holder's capability (1 unless the record gives one), for the structure text.
    """

    clauses: tuple[str, ...]
    conditions: tuple[Condition, ...]
    witness: tuple[Condition, ...]
    untie: Untie
    single_lifts: tuple[Condition, ...] | None = None
    names: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    capabilities: Mapping[str, float] = attrs.field(factory=dict, eq=False, hash=False)

    @property
    def holders(self) -> tuple[str, ...]:
        """Every party holding a condition of the knot, in order of first condition."""
        return tuple(dict.fromkeys(c.holder for c in self.conditions))

    @property
    def key(self) -> frozenset[str]:
        """The set of clause keys: what identifies the knot across dates."""
        return frozenset(self.clauses)

    def explain(self) -> str:
        """Return the witness cycle as one sentence in plain words.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> yes = nt.OrdinalScale(["no", "yes"])
        >>> tl = nt.Timeline(issues=[nt.Issue("a", yes), nt.Issue("b", yes)],
        ...                  parties=[nt.Party("P", name="Pax"), nt.Party("Q")])
        >>> y = lambda issue: nt.IssueClause(issue, nt.Region.labels(yes, ["yes"]))
        >>> day, src = datetime.date(2025, 1, 1), nt.Source(title="t")
        >>> _ = tl.add(nt.Condition(holder="P", clause=y("a"), requires=y("b"), date=day, source=src))
        >>> _ = tl.add(nt.Condition(holder="Q", clause=y("b"), requires=y("a"), date=day, source=src))
        >>> print(nt.find_deadlocks(tl.snapshot())[0].explain())
        Pax accepts a ∈ {yes} only after b ∈ {yes}; and Q accepts b ∈ {yes} only after a ∈ {yes}: nobody can move first.
        """
        parts = [
            f"{self.names.get(c.holder, c.holder)} accepts {c.clause.key} only after "
            f"{c.requires.key}"
            for c in self.witness
        ]
        text = "; ".join(parts[:-1]) + "; and " + parts[-1] if len(parts) > 1 else parts[0]
        return text + ": nobody can move first."

    def structure(self) -> str:
        """Say what would dissolve the knot, as a fact about its structure (no advice).

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> yes = nt.OrdinalScale(["no", "yes"])
        >>> tl = nt.Timeline(issues=[nt.Issue("a", yes), nt.Issue("b", yes)],
        ...                  parties=[nt.Party("P", capability=3), nt.Party("Q")])
        >>> y = lambda issue: nt.IssueClause(issue, nt.Region.labels(yes, ["yes"]))
        >>> day, src = datetime.date(2025, 1, 1), nt.Source(title="t")
        >>> _ = tl.add(nt.Condition(id="p1", holder="P", clause=y("a"), requires=y("b"),
        ...                         date=day, source=src))
        >>> _ = tl.add(nt.Condition(id="q1", holder="Q", clause=y("b"), requires=y("a"),
        ...                         date=day, source=src))
        >>> print(nt.find_deadlocks(tl.snapshot())[0].structure())
        The knot dissolves if any one of these 2 conditions is lifted: p1 (P: a ∈ {yes} only after b ∈ {yes}); q1 (Q: b ∈ {yes} only after a ∈ {yes}). The least capable of their holders: Q (capability 1).
        """
        lifts = self.single_lifts
        if lifts:
            listed = "; ".join(
                f"{c.id} ({_label(self.names, c.holder)}: {c.clause.key} only after "
                f"{c.requires.key})"
                for c in lifts
            )
            head = (
                "The knot dissolves if this condition is lifted"
                if len(lifts) == 1
                else f"The knot dissolves if any one of these {len(lifts)} conditions is lifted"
            )
            text = f"{head}: {listed}."
            holders = list(dict.fromkeys(c.holder for c in lifts))
            caps = {h: self.capabilities.get(h, 1.0) for h in holders}
            if len(holders) > 1:
                least = min(caps.values())
                weakest = [h for h in holders if caps[h] == least]
                if len(weakest) == len(holders):
                    text += f" Their holders are equally capable (capability {least:g} each)."
                else:
                    text += (
                        f" The least capable of their holders: "
                        f"{_and([_label(self.names, h) for h in weakest])} "
                        f"(capability {least:g})."
                    )
            return text
        if lifts is None:
            return f"Untying it takes lifting {self.untie.describe().removeprefix('lift ')}."
        return (
            "No single condition dissolves the knot: "
            f"{self.untie.describe().removeprefix('lift ')} would have to be lifted together."
        )

    def describe(self) -> str:
        """Return the knot, its witness cycle with sources, and what would untie it."""
        holders = _and([_label(self.names, h) for h in self.holders])
        lines = [
            f"Sequencing deadlock over {len(self.clauses)} clauses held by {holders}: "
            f"nobody can move first."
        ]
        lines += [f"  {i}. {_link(self.names, c)}" for i, c in enumerate(self.witness, 1)]
        extra = len(self.conditions) - len(self.witness)
        if extra > 0:
            lines.append(
                f"  (the knot holds {count(extra, 'more condition')}; "
                f"the cycle above is one of its cycles)"
            )
        lines.append(f"  {self.structure()}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the deadlock as plain data for JSON."""
        return {
            "clauses": list(self.clauses),
            "holders": list(self.holders),
            "conditions": [c.id for c in self.conditions],
            "witness": [_condition_dict(c) for c in self.witness],
            "untie": self.untie.to_dict(),
            "single_lifts": None
            if self.single_lifts is None
            else [c.id for c in self.single_lifts],
            "structure": self.structure(),
            "text": self.explain(),
        }

    def __repr__(self) -> str:
        return (
            f"<SequencingDeadlock: {len(self.clauses)} clauses, {len(self.conditions)} "
            f"conditions held by {', '.join(self.holders)}; untie: "
            f"{count(self.untie.count, 'condition')}"
            f"{'' if self.untie.exact else ' (greedy bound)'}>"
        )


@attrs.frozen(kw_only=True, repr=False)
class CycleListing:
    """Simple cycles of the precondition graph, listed within bounds.

    Attributes
    ----------
    cycles : tuple of tuple of str
        Each cycle as clause keys, starting at its first clause in reading order; the
        edge from the last clause back to the first closes it.
    max_length, max_cycles : int
        The bounds on cycle length (clauses) and on how many cycles to list.
    time_limit : float
        The time budget in seconds.
    cut_by : tuple of str
        The bounds that cut the listing short: ``"length"`` (some paths were not followed
        past ``max_length`` clauses, so longer cycles, if any, are missing), ``"count"``
        and ``"time"``. Empty when the listing is complete.
    """

    cycles: tuple[tuple[str, ...], ...]
    max_length: int
    max_cycles: int
    time_limit: float
    cut_by: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Whether every simple cycle is listed."""
        return not self.cut_by

    def describe(self) -> str:
        """Return a one-line account of the listing and what cut it short."""
        n = len(self.cycles)
        text = f"{count(n, 'cycle')} listed"
        reasons = {
            "length": f"cycles longer than {self.max_length} clauses not followed",
            "count": f"stopped at {self.max_cycles} cycles",
            "time": f"stopped at the time limit of {self.time_limit:g} s",
        }
        if self.cut_by:
            text += "; cut short: " + "; ".join(reasons[c] for c in self.cut_by)
        else:
            text += " (complete)"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the listing as plain data for JSON."""
        return {
            "cycles": [list(c) for c in self.cycles],
            "max_length": self.max_length,
            "max_cycles": self.max_cycles,
            "time_limit": self.time_limit,
            "cut_by": list(self.cut_by),
            "complete": self.complete,
        }

    def __repr__(self) -> str:
        return f"<CycleListing: {self.describe()}>"


@attrs.frozen(kw_only=True, repr=False)
class ConditionReport:
    """Sequencing deadlocks, linkage conflicts and what would untie them, on one date.

    Attributes
    ----------
    date : datetime.date or None
        The snapshot's date (None: after every record).
    sequencing : tuple of SequencingDeadlock
        One per knot, in reading order.
    linkage_conflicts : tuple of LinkageConflict
        Linkages another party's red line rules out.
    untie : Untie
        The union of the knots' untying sets: the fewest conditions to lift overall.
    cycles : CycleListing or None
        The full cycle listing, when asked for.
    notes : tuple of str
        What a bound cut short (greedy untying bounds, the time limit, the listing).
    parties : tuple of str
        The parties whose red lines were checked against linkages, in the record's order.
    condition_holders : tuple of str
        The parties whose conditions were analysed, in the record's order (by default
        every party: see :func:`negotrack.analyze_conditions`).
    min_credibility : Credibility
        The lowest credibility of the records counted.
    """

    date: datetime.date | None
    sequencing: tuple[SequencingDeadlock, ...]
    linkage_conflicts: tuple[LinkageConflict, ...]
    untie: Untie
    cycles: CycleListing | None
    notes: tuple[str, ...]
    parties: tuple[str, ...] = ()
    condition_holders: tuple[str, ...] = ()
    min_credibility: Credibility = DEFAULT_MIN_CREDIBILITY

    @property
    def truncated(self) -> bool:
        """Whether any bound cut the analysis short (see ``notes``)."""
        return bool(self.notes)

    @property
    def has_deadlock(self) -> bool:
        """Whether there is a sequencing deadlock or a linkage conflict."""
        return bool(self.sequencing or self.linkage_conflicts)

    def describe(self) -> str:
        """Return the whole report in plain words."""
        when = self.date.isoformat() if self.date else "latest"
        lines = [f"Conditions ({when}): {self._tally()}."]
        lines += [d.describe() for d in self.sequencing]
        lines += [f"Linkage conflict: {c.describe()}." for c in self.linkage_conflicts]
        if self.cycles is not None:
            lines.append(f"Cycle listing: {self.cycles.describe()}.")
        lines += [f"Cut short: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain data for JSON."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "parties": list(self.parties),
            "condition_holders": list(self.condition_holders),
            "min_credibility": self.min_credibility.label,
            "sequencing": [d.to_dict() for d in self.sequencing],
            "linkage_conflicts": [c.to_dict() for c in self.linkage_conflicts],
            "untie": self.untie.to_dict(),
            "cycles": None if self.cycles is None else self.cycles.to_dict(),
            "truncated": self.truncated,
            "notes": list(self.notes),
        }

    def __repr__(self) -> str:
        cut = ", truncated" if self.truncated else ""
        return f"<ConditionReport: {self._tally()}{cut}>"

    def _tally(self) -> str:
        return (
            f"{count(len(self.sequencing), 'sequencing deadlock')}, "
            f"{count(len(self.linkage_conflicts), 'linkage conflict')}"
        )


@attrs.frozen(kw_only=True, repr=False)
class DeadlockSpan:
    """When a sequencing deadlock appeared and when it dissolved.

    A knot is identified by its set of clauses: one that gains or loses a clause ends
    one span and starts another.

    Attributes
    ----------
    clauses : frozenset of str
        The clause keys of the knot.
    appeared : datetime.date
        The first report date on which the knot held.
    dissolved : datetime.date or None
        The first later report date on which it no longer held (None: still holds).
    deadlock : SequencingDeadlock
        The knot as last seen.
    """

    clauses: frozenset[str]
    appeared: datetime.date
    dissolved: datetime.date | None
    deadlock: SequencingDeadlock

    def describe(self) -> str:
        """Return the span in plain words."""
        until = f"dissolved {self.dissolved.isoformat()}" if self.dissolved else "still in force"
        holders = ", ".join(self.deadlock.holders)
        return (
            f"knot over {len(self.clauses)} clauses held by {holders}: appeared "
            f"{self.appeared.isoformat()}, {until}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the span as plain data for JSON."""
        return {
            "clauses": sorted(self.clauses),
            "holders": list(self.deadlock.holders),
            "appeared": self.appeared.isoformat(),
            "dissolved": self.dissolved.isoformat() if self.dissolved else None,
        }

    def __repr__(self) -> str:
        return f"<DeadlockSpan: {self.describe()}>"


def deadlock_spans(reports: Iterable[ConditionReport]) -> tuple[DeadlockSpan, ...]:
    """Return when each sequencing deadlock appeared and dissolved over dated reports.

    Parameters
    ----------
    reports : iterable of ConditionReport
        Reports in date order (each with a date), such as those of a gap series.

    Returns
    -------
    tuple of DeadlockSpan
        In order of appearance.

    Raises
    ------
    AnalysisError
        If a report has no date (a snapshot taken after every record).

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.deadlock_spans([])
    ()
    """
    open_: dict[frozenset[str], tuple[datetime.date, SequencingDeadlock]] = {}
    done: list[DeadlockSpan] = []
    for report in reports:
        if report.date is None:
            raise AnalysisError(
                "deadlock_spans: a report has date=None (a snapshot after every record); "
                "pass dated reports, such as those of nt.gap_series",
                path="reports.date",
                value=None,
            )
        now = {d.key: d for d in report.sequencing}
        for key in [k for k in open_ if k not in now]:
            appeared, last = open_.pop(key)
            done.append(
                DeadlockSpan(clauses=key, appeared=appeared, dissolved=report.date, deadlock=last)
            )
        for key, d in now.items():
            appeared = open_[key][0] if key in open_ else report.date
            open_[key] = (appeared, d)
    done += [
        DeadlockSpan(clauses=k, appeared=a, dissolved=None, deadlock=d)
        for k, (a, d) in open_.items()
    ]
    done.sort(key=lambda span: span.appeared)
    return tuple(done)
