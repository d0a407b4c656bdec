"""Sequencing deadlocks: cycles of preconditions in which nobody can move first.

A precondition "``X`` only after ``Y``" is an edge ``X → Y`` of the condition graph
(:func:`negotrack.condition_graph`). A cycle of such edges is a knot: every clause on it
waits for the next. This module finds every knot in linear time from the strongly
connected components of the graph, explains one witness cycle per knot with its holders
and sources, says which conditions would have to be lifted to untie it, and lists cycles
in full only when asked, within bounds on length, count and time.

Every function takes a :class:`negotrack.Snapshot`; one time budget (``time_limit``,
seconds) covers the optional work — exact untying searches, refinement of greedy
bounds and cycle listing — and the report says whatever a bound cut short.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import itertools
import math
import time
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from negotrack.analysis.conditions import (
    LinkageConflict,
    capabilities,
    check_snapshot,
    find_linkage_conflicts,
)
from negotrack.errors import AnalysisError, InvalidTypeError
from negotrack.timeline.records import Clause, Condition, ConditionKind
from negotrack.timeline.snapshot import Snapshot

__all__ = [
    "ConditionReport",
    "CycleListing",
    "DeadlockSpan",
    "SequencingDeadlock",
    "Untie",
    "analyze_conditions",
    "deadlock_spans",
    "find_deadlocks",
    "list_cycles",
    "untie",
]

#: Default time budget in seconds, counted from the start of the analysis; the fixed linear
#: work always completes (~0.25 s at 10^4 clauses, ~2.6 s at 10^5: docs/performance.md).
DEFAULT_TIME_LIMIT = 1.5
#: Components with at most this many edges get an exact untying search.
DEFAULT_EXACT_LIMIT = 20
#: Default bounds of a cycle listing.
DEFAULT_MAX_CYCLE_LENGTH = 8
DEFAULT_MAX_CYCLES = 1000

_Cost = tuple[int, float]


def _label(names: Mapping[str, str], party: str) -> str:
    name = names.get(party, party)
    return party if name == party else f"{name} ({party})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


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
        """The parties who would have to give way, in order of their first condition."""
        return tuple(dict.fromkeys(c.holder for c in self.conditions))

    def describe(self) -> str:
        """Return who would have to give way, in plain words."""
        if not self.conditions:
            return "nothing to untie"
        n = self.count
        head = f"lift {_plural(n, 'condition')}"
        if self.exact:
            head += " (the fewest)"
        elif self.lower_bound == n:
            head += " (the fewest by count; greedy on capability)"
        else:
            head += f" (greedy bound: the fewest is between {self.lower_bound} and {n})"
        parts = [
            f"{_label(self.names, c.holder)} gives way on {c.id} "
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
    """

    clauses: tuple[str, ...]
    conditions: tuple[Condition, ...]
    witness: tuple[Condition, ...]
    untie: Untie
    names: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)

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

    def describe(self) -> str:
        """Return the knot, its witness cycle with sources, and how to untie it."""
        holders = _and([_label(self.names, h) for h in self.holders])
        lines = [
            f"Sequencing deadlock over {len(self.clauses)} clauses held by {holders}: "
            f"nobody can move first."
        ]
        lines += [f"  {i}. {_link(self.names, c)}" for i, c in enumerate(self.witness, 1)]
        extra = len(self.conditions) - len(self.witness)
        if extra > 0:
            lines.append(
                f"  (the knot holds {_plural(extra, 'more condition')}; "
                f"the cycle above is one of its cycles)"
            )
        lines.append(f"  To untie it: {self.untie.describe()}.")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the deadlock as plain data for JSON."""
        return {
            "clauses": list(self.clauses),
            "holders": list(self.holders),
            "conditions": [c.id for c in self.conditions],
            "witness": [_condition_dict(c) for c in self.witness],
            "untie": self.untie.to_dict(),
            "text": self.explain(),
        }

    def __repr__(self) -> str:
        return (
            f"<SequencingDeadlock: {len(self.clauses)} clauses, {len(self.conditions)} "
            f"conditions held by {', '.join(self.holders)}; untie: "
            f"{_plural(self.untie.count, 'condition')}"
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
        text = f"{_plural(n, 'cycle')} listed"
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
    """

    date: datetime.date | None
    sequencing: tuple[SequencingDeadlock, ...]
    linkage_conflicts: tuple[LinkageConflict, ...]
    untie: Untie
    cycles: CycleListing | None
    notes: tuple[str, ...]

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
            f"{_plural(len(self.sequencing), 'sequencing deadlock')}, "
            f"{_plural(len(self.linkage_conflicts), 'linkage conflict')}"
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


# ---------------------------------------------------------------------------- parameters


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name}={value!r} must be a whole number", path=name, value=value)
    if value < minimum:
        raise AnalysisError(f"{name}={value} must be >= {minimum}", path=name, value=value)
    return value


def _check_seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"time_limit={value!r} must be a number of seconds", path="time_limit", value=value
        )
    if not (math.isfinite(value) and value > 0):
        raise AnalysisError(
            f"time_limit={value!r} must be a finite number of seconds > 0",
            path="time_limit",
            value=value,
        )
    return float(value)


# ---------------------------------------------------------------------------- the engine


class _TimeoutError(Exception):
    """The time budget ran out inside a search."""


@attrs.define
class _Knot:
    """A non-trivial strongly connected component on integer node indices.

    ``nodes`` are sorted (reading order); ``edges`` are the engine's edge numbers of the
    links inside the knot, ascending: by source clause, then by first mention.
    """

    nodes: list[int]
    edges: list[int]


def _strong_components(start: Sequence[int], adj: Sequence[int]) -> list[list[int]]:
    """Return the strongly connected components with two or more nodes (Tarjan, iterative).

    The graph is in compressed form: the successors of ``v`` are ``adj[start[v]:start[v+1]]``.
    Linear in nodes + edges; no recursion, so deep graphs do not overflow the stack.
    """
    n = len(start) - 1
    # Flat machine-integer arrays: far fewer cache misses than lists of int objects.
    index = array("q", [-1]) * n
    low = array("q", [0]) * n
    on_stack = bytearray(n)
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work_v = [root]
        work_i = [start[root]]
        while work_v:
            v = work_v[-1]
            i = work_i[-1]
            end = start[v + 1]
            while i < end:
                w = adj[i]
                i += 1
                if index[w] < 0:
                    work_i[-1] = i
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work_v.append(w)
                    work_i.append(start[w])
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work_v.pop()
                work_i.pop()
                lv = low[v]
                if work_v:
                    u = work_v[-1]
                    low[u] = min(low[u], lv)
                if lv == index[v]:
                    w = stack.pop()
                    on_stack[w] = 0
                    if w != v:
                        comp = [w]
                        while w != v:
                            w = stack.pop()
                            on_stack[w] = 0
                            comp.append(w)
                        out.append(comp)
    return out


def _group(n: int, heads: list[int]) -> tuple[list[int], list[int]]:
    """Return where each head's run starts, and the items sorted stably by head.

    ``heads[i]`` is item ``i``'s head, in ``range(n)``; in ``order``, the items with head
    ``u`` are ``order[start[u]:start[u+1]]``, ascending.
    """
    order = sorted(range(len(heads)), key=heads.__getitem__)
    ranked = [heads[i] for i in order]
    return [bisect.bisect_left(ranked, u) for u in range(n + 1)], order


def _number(
    conds: Sequence[Condition],
) -> tuple[list[str], dict[int, int], list[int], list[int], list[int], list[int], list[int]]:
    """Give the clauses and links of the preconditions numbers in reading order (first mention).

    Returns the clause keys; ``code`` (``u << 32 | v`` -> link); each link's source, target
    and first condition (snapshot index); and the conditions that are not the first on
    their link, with their links.
    """
    index: dict[Clause, int] = {}
    seen: dict[int, int] = {}  # id(clause) -> node: records often share clause objects
    keys: list[str] = []
    code: dict[int, int] = {}  # u << 32 | v -> link, numbered by first mention
    eu: list[int] = []
    ev: list[int] = []
    efirst: list[int] = []
    dup: list[int] = []  # conditions that are not the first on their link
    dup_link: list[int] = []
    for i, c in enumerate(conds):
        # The same numbering for the clause and then the required clause, written out twice:
        # this loop runs once per condition.
        clause = c.clause
        u = seen.get(id(clause))
        if u is None:
            u = index.get(clause)
            if u is None:
                u = index[clause] = len(keys)
                keys.append(clause.key)
            seen[id(clause)] = u
        clause = c.requires
        v = seen.get(id(clause))
        if v is None:
            v = index.get(clause)
            if v is None:
                v = index[clause] = len(keys)
                keys.append(clause.key)
            seen[id(clause)] = v
        k = u << 32 | v
        e = code.get(k)
        if e is None:
            code[k] = len(eu)
            eu.append(u)
            ev.append(v)
            efirst.append(i)
        else:
            dup.append(i)
            dup_link.append(e)
    return keys, code, eu, ev, efirst, dup, dup_link


class _Engine:
    """The precondition graph of a snapshot on integer indices, with the shared deadline.

    Clauses are numbered in reading order (first mention). Links (clause pairs with one or
    more conditions) are numbered in compressed form: those leaving clause ``u`` are
    ``start_of[u]`` to ``start_of[u+1] - 1``, in order of first mention; ``src`` and ``dst``
    give their ends, ``first`` the first of their conditions (snapshot index), ``cnt`` how
    many conditions they carry and ``more`` every condition of links carrying several.
    ``rstart``, ``rsrc`` and ``rcnt`` list the links into each clause the same way. No
    per-link Python object is made: the graph is a handful of flat integer arrays.
    """

    def __init__(self, snapshot: Snapshot, time_limit: float) -> None:
        self.start = time.perf_counter()
        self.deadline = self.start + time_limit
        self.names = {p.id: p.name or p.id for p in snapshot.parties}
        conds = [c for c in snapshot.conditions if c.kind is ConditionKind.PRECONDITION]
        self.caps = capabilities(snapshot, conds)
        self.conds = conds
        keys, code, eu, ev, efirst, dup, dup_link = _number(conds)
        n = len(keys)
        start, order = _group(n, eu)  # links sorted by source, stably: compressed form
        # Flat arrays of machine integers: reading them touches no scattered int objects
        # (about a quarter faster than lists at 10^5 links).
        src = array("q", [eu[e] for e in order])
        dst = array("q", [ev[e] for e in order])
        first = array("q", [efirst[e] for e in order])
        self.keys = keys
        self.start_of = array("q", start)
        self.src = src
        self.dst = dst
        self.first = first
        self.code = code  # u << 32 | v -> link by first mention (see perm)
        self.order = order
        self._perm: list[int] | None = None
        self.cnt = cnt = array("q", [1]) * len(order)
        self.more: dict[int, list[int]] = {}
        for i, e in zip(dup, dup_link, strict=True):
            p = self.perm[e]
            self.more.setdefault(p, [first[p]]).append(i)
            cnt[p] += 1
        # Predecessors in compressed form (links into v, ascending), for the greedy ordering.
        rstart, rorder = _group(n, list(dst))
        self.rstart = array("q", rstart)
        self.rsrc = array("q", [src[e] for e in rorder])
        self.rcnt = array("q", [cnt[e] for e in rorder]) if self.more else cnt  # else all 1
        self.comp = array("q", [-1]) * n  # node -> its knot's number, or -1
        # Scratch for the greedy ordering, one knot at a time (reset after each knot).
        self.alive = bytearray(n)
        self.out_w = array("q", [0]) * n
        self.in_w = array("q", [0]) * n
        self.rank = array("q", [0]) * n  # node -> place in the greedy order of its knot
        self.lifted: list[int] = []  # conditions (snapshot indices) of the untying sets
        self.knots = self._knots()

    def out_of_time(self) -> bool:
        return time.perf_counter() > self.deadline

    def until(self, share: float, end: float | None = None) -> Any:
        """Return an out-of-time check for ``share`` of the time left before ``end``."""
        now = time.perf_counter()
        end = self.deadline if end is None else min(end, self.deadline)
        limit = now + share * max(0.0, end - now)
        return lambda: time.perf_counter() > limit

    @property
    def perm(self) -> list[int]:
        """Each link's number in compressed form, by its number in order of first mention."""
        if self._perm is None:
            self._perm = sorted(range(len(self.order)), key=self.order.__getitem__)
        return self._perm

    def _knots(self) -> list[_Knot]:
        comps = [sorted(c) for c in _strong_components(self.start_of, self.dst)]
        comps.sort(key=lambda c: c[0])
        comp, start, dst = self.comp, self.start_of, self.dst
        knots = []
        for number, nodes in enumerate(comps):
            for u in nodes:
                comp[u] = number
            edges = [
                e for u in nodes for e in range(start[u], start[u + 1]) if comp[dst[e]] == number
            ]
            knots.append(_Knot(nodes, edges))
        return knots

    def cap(self, e: int) -> float:
        """Return the total capability of the holders of link ``e``'s conditions."""
        caps, conds = self.caps, self.conds
        return float(sum(caps[conds[i].holder] for i in self.more.get(e, (self.first[e],))))

    def weights(self, edges: Iterable[int]) -> dict[tuple[int, int], _Cost]:
        """Return (count, capability) of each link, keyed by its ends."""
        return {(self.src[e], self.dst[e]): (self.cnt[e], self.cap(e)) for e in edges}

    def indices(self, edges: Iterable[int]) -> list[int]:
        """Return the snapshot indices of the links' conditions, ascending."""
        first = self.first
        idx = [first[e] for e in edges]
        if self.more:
            more = self.more
            for e in edges:
                extra = more.get(e)
                if extra is not None:
                    idx.extend(extra[1:])
        idx.sort()
        return idx

    def conditions(self, edges: Iterable[int]) -> tuple[Condition, ...]:
        conds = self.conds
        return tuple([conds[i] for i in self.indices(edges)])

    # ------------------------------------------------------------------ witness
    def witness(self, knot: _Knot) -> tuple[Condition, ...]:
        """Return a shortest cycle through the knot's first clause (breadth-first search).

        One search from the first clause, inside the knot, until an edge returns to it:
        linear in the knot's size.
        """
        comp, start, dst = self.comp, self.start_of, self.dst
        s = knot.nodes[0]
        number = comp[s]
        parent: dict[int, int] = {s: -1}  # node -> link it was reached by
        queue = deque([s])
        last = -1
        while queue and last < 0:
            u = queue.popleft()
            for e in range(start[u], start[u + 1]):
                v = dst[e]
                if v == s:
                    last = e
                    break
                if comp[v] == number and v not in parent:
                    parent[v] = e
                    queue.append(v)
        assert last >= 0, "a strongly connected component has a cycle through every node"
        path = [last]
        while (e := parent[self.src[path[-1]]]) >= 0:
            path.append(e)
        path.reverse()  # links from s around to s
        return tuple(self.conds[self.first[e]] for e in path)

    # ------------------------------------------------------------------ untying
    def untie(
        self, knot: _Knot, exact_limit: int, notes: list[str], number: int, end: float
    ) -> Untie:
        """Return the untying set of one knot; the optional work stops at ``end``."""
        m = len(knot.edges)
        if m <= exact_limit:
            pairs = {(self.src[e], self.dst[e]): e for e in knot.edges}
            try:
                found = _exact(list(pairs), self.weights(knot.edges), self.until(1.0, end))
            except _TimeoutError:
                notes.append(
                    f"deadlock {number}: the exact untying search ran out of time; "
                    f"the untying set given is a greedy bound"
                )
            else:
                chosen = [pairs[p] for p in found]
                return self._untie(chosen, exact=True, lower=-1, method="exact")
        else:
            notes.append(
                f"deadlock {number} ({len(knot.nodes)} clauses, {m} links): exact untying "
                f"search is limited to {exact_limit} links; the untying set given is a "
                f"greedy bound"
            )
        chosen, order = _greedy(self, knot)
        chosen, complete = _put_back(self, knot, chosen, order, self.until(0.5, end))
        if not complete:
            notes.append(
                f"deadlock {number}: the time limit stopped the check that no condition of "
                f"the greedy untying set could be kept"
            )
        lower, complete = _lower_bound(self, knot, self.until(1.0, end))
        if not complete:
            notes.append(
                f"deadlock {number}: the time limit stopped the lower bound at {lower} "
                f"conditions (it may be higher)"
            )
        return self._untie(chosen, exact=False, lower=lower, method="greedy")

    def _untie(self, edges: list[int], *, exact: bool, lower: int, method: str) -> Untie:
        idx = self.indices(edges)
        self.lifted += idx
        conds = self.conds
        cap = float(sum(self.cap(e) for e in edges))
        return Untie(
            conditions=tuple([conds[i] for i in idx]),
            capability=cap,
            exact=exact,
            lower_bound=len(idx) if exact else lower,
            method=method,
            names=self.names,
        )

    # ------------------------------------------------------------------ cycle listing
    def cycles(self, max_length: int, max_cycles: int, time_limit: float) -> CycleListing:
        found: list[tuple[str, ...]] = []
        cut: set[str] = set()
        for cycle in self._cycles(max_length, cut):
            if len(found) >= max_cycles:
                cut.add("count")
                break
            found.append(tuple(self.keys[i] for i in cycle))
        return CycleListing(
            cycles=tuple(found),
            max_length=max_length,
            max_cycles=max_cycles,
            time_limit=time_limit,
            cut_by=tuple(c for c in ("length", "count", "time") if c in cut),
        )

    def _cycles(self, max_length: int, cut: set[str]) -> Iterator[list[int]]:
        """Yield simple cycles, each rooted at its first node; stop at the deadline.

        A cycle is rooted at its first node in reading order, so from ``root`` the search
        enters only later nodes of the same knot (knot nodes are numbered in reading order).
        """
        steps = 0
        for knot in self.knots:
            succ = _KnotSucc(self, knot)
            for root in knot.nodes:
                path = [root]
                on_path = {root}
                stack = [iter(succ[root])]
                while stack:
                    steps += 1
                    if steps & 1023 == 0 and self.out_of_time():
                        cut.add("time")
                        return
                    nxt = next(stack[-1], None)
                    if nxt is None:
                        stack.pop()
                        on_path.discard(path.pop())
                        continue
                    if nxt == root:
                        yield list(path)
                        continue
                    if nxt < root or nxt in on_path:
                        continue
                    if len(path) >= max_length:
                        cut.add("length")
                        continue
                    path.append(nxt)
                    on_path.add(nxt)
                    stack.append(iter(succ[nxt]))


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1])


def _shortest_path(
    succ: Mapping[int, Sequence[tuple[int, int]]], src: int, dst: int, removed: int
) -> list[int] | None:
    """Edge indices of a shortest path src → dst avoiding edges in the ``removed`` bitmask."""
    parent: dict[int, tuple[int, int]] = {src: (-1, -1)}
    queue = deque([src])
    while queue:
        u = queue.popleft()
        if u == dst:
            out = []
            while u != src:
                u, e = parent[u]
                out.append(e)
            return out
        for v, e in succ.get(u, ()):
            if not removed >> e & 1 and v not in parent:
                parent[v] = (u, e)
                queue.append(v)
    return None


def _exact(
    edges: Sequence[tuple[int, int]],
    weight: Mapping[tuple[int, int], _Cost],
    out_of_time: Any,
) -> list[tuple[int, int]]:
    """Return the cheapest feedback edge set by (count, capability), by branch and bound.

    Each branch picks a cycle of what is left and tries removing each of its edges in
    turn, keeping the ones tried before (so no set is searched twice); a branch stops once
    it cannot beat the best set found.
    """
    w = [weight[e] for e in edges]
    succ: dict[int, list[tuple[int, int]]] = {}
    for i, (u, v) in enumerate(edges):
        succ.setdefault(u, []).append((v, i))
    best: list[Any] = [(math.inf, math.inf), 0]

    def cycle(removed: int, kept: int) -> list[int] | None:
        """Return the free edges of the live cycle with fewest of them ([]: all kept)."""
        pick: list[int] | None = None
        for i, (u, v) in enumerate(edges):
            if removed >> i & 1:
                continue
            path = _shortest_path(succ, v, u, removed)
            if path is None:
                continue
            free = [e for e in [i, *path] if not kept >> e & 1]
            if pick is None or len(free) < len(pick):
                pick = free
                if not free:
                    break
        return pick

    def search(removed: int, kept: int, cost: _Cost) -> None:
        if out_of_time():
            raise _TimeoutError
        free = cycle(removed, kept)
        if free is None:
            if cost < best[0]:
                best[0], best[1] = cost, removed
            return
        if not free:
            return
        free.sort(key=lambda e: (w[e], e))
        if _add(cost, w[free[0]]) >= best[0]:
            return
        for j, e in enumerate(free):
            also_kept = 0
            for f in free[:j]:
                also_kept |= 1 << f
            search(removed | 1 << e, kept | also_kept, _add(cost, w[e]))

    search(0, 0, (0, 0.0))
    return [e for i, e in enumerate(edges) if best[1] >> i & 1]


def _greedy(  # noqa: PLR0912, PLR0915 - inlined: runs per clause and link
    engine: _Engine, knot: _Knot
) -> tuple[list[int], Sequence[int]]:
    """Eades-Lin-Smyth: order the clauses, return the links that point backwards.

    Sinks go to the end of the order and sources to the front; otherwise the clause with
    the largest (out-weight - in-weight) goes to the front, the first in reading order
    among equals. Weights are condition counts. Returns the backward links (ascending) and
    the order (``engine.rank``: clause -> position, valid for the knot's clauses).

    The graph's flat successor and predecessor lists are read directly (a clause outside
    the knot is never alive), and the heap holds plain integers
    ``(in - out) * n + clause`` (lazy deletion), so a step costs a few list operations.
    """
    nodes, edges = knot.nodes, knot.edges
    size = len(engine.keys)
    src, dst, cnt, start = engine.src, engine.dst, engine.cnt, engine.start_of
    rstart, rsrc, rcnt = engine.rstart, engine.rsrc, engine.rcnt
    alive, out_w, in_w = engine.alive, engine.out_w, engine.in_w
    for e in edges:
        c = cnt[e]
        out_w[src[e]] += c
        in_w[dst[e]] += c
    for u in nodes:
        alive[u] = 1
    heap = [(in_w[u] - out_w[u]) * size + u for u in nodes]
    heapq.heapify(heap)
    sinks = [u for u in nodes if out_w[u] == 0]
    sources = [u for u in nodes if in_w[u] == 0]
    front: list[int] = []
    back: list[int] = []
    push, pop = heapq.heappush, heapq.heappop
    left = len(nodes)
    while left:
        if sinks:
            n = sinks.pop()
            if not alive[n]:
                continue
            back.append(n)
        elif sources:
            n = sources.pop()
            if not alive[n]:
                continue
            front.append(n)
        else:
            key, n = divmod(pop(heap), size)
            if not alive[n] or key != in_w[n] - out_w[n]:
                continue
            front.append(n)
        alive[n] = 0
        left -= 1
        for j in range(rstart[n], rstart[n + 1]):
            p = rsrc[j]
            if alive[p]:
                o = out_w[p] - rcnt[j]
                out_w[p] = o
                if o == 0:
                    sinks.append(p)
                push(heap, (in_w[p] - o) * size + p)
        for j in range(start[n], start[n + 1]):
            s = dst[j]
            if alive[s]:
                w = in_w[s] - cnt[j]
                in_w[s] = w
                if w == 0:
                    sources.append(s)
                push(heap, (w - out_w[s]) * size + s)
    rank = engine.rank
    for i, n in enumerate(front):
        rank[n] = i
    i = len(nodes)
    for n in back:
        i -= 1
        rank[n] = i
    for u in nodes:
        out_w[u] = in_w[u] = 0
    return [e for e in edges if rank[src[e]] > rank[dst[e]]], rank


def _put_back(
    engine: _Engine,
    knot: _Knot,
    chosen: list[int],
    order: Sequence[int],
    out_of_time: Any,
) -> tuple[list[int], bool]:
    """Keep every chosen link whose return closes no cycle (shortest span first).

    The kept links stay acyclic under a topological order maintained incrementally
    (Pearce-Kelly), so each check searches only the clauses between the link's ends.
    ``order`` gives each clause of the knot its place. Returns the smaller set and whether
    the check finished before the deadline.
    """
    src, dst = engine.src, engine.dst
    # By span, then ends; one integer key per link (no tuple each: cheaper to collect).
    n = len(order)
    todo = sorted(chosen, key=lambda e: ((order[src[e]] - order[dst[e]]) * n + src[e]) * n + dst[e])
    if todo and out_of_time():
        return todo, False
    rank = {n: order[n] for n in knot.nodes}
    removed = set(chosen)
    succ: dict[int, list[int]] = {n: [] for n in knot.nodes}
    pred: dict[int, list[int]] = {n: [] for n in knot.nodes}
    for e in knot.edges:
        if e not in removed:
            succ[src[e]].append(dst[e])
            pred[dst[e]].append(src[e])
    out: list[int] = []
    for k, e in enumerate(todo):
        if out_of_time():
            return out + todo[k:], False
        x, y = src[e], dst[e]
        if rank[x] > rank[y]:
            hi, lo = rank[x], rank[y]
            forward = _reach(succ, y, x, lambda z, hi=hi: rank[z] < hi)
            if forward is None:
                out.append(e)
                continue
            backward = _reach(pred, x, -1, lambda z, lo=lo: rank[z] > lo)
            assert backward is not None
            moved = sorted(backward, key=rank.__getitem__) + sorted(forward, key=rank.__getitem__)
            rank.update(zip(moved, sorted(rank[w] for w in moved), strict=True))
        succ[x].append(y)
        pred[y].append(x)
    return out, True


def _reach(adj: Mapping[int, Sequence[int]], src: int, stop: int, inside: Any) -> list[int] | None:
    """Return the nodes reached from ``src`` through nodes where ``inside`` holds.

    Returns None as soon as ``stop`` is reached.
    """
    seen, stack, out = {src}, [src], []
    while stack:
        w = stack.pop()
        out.append(w)
        for z in adj[w]:
            if z == stop:
                return None
            if z not in seen and inside(z):
                seen.add(z)
                stack.append(z)
    return out


class _KnotSucc(Mapping[int, list[int]]):
    """The successors of each clause inside one knot, listed on first use."""

    def __init__(self, engine: _Engine, knot: _Knot) -> None:
        self.engine = engine
        self.nodes = knot.nodes
        self.number = engine.comp[knot.nodes[0]]
        self.made: dict[int, list[int]] = {}

    def __getitem__(self, u: int) -> list[int]:
        out = self.made.get(u)
        if out is None:
            eng = self.engine
            comp, dst, number = eng.comp, eng.dst, self.number
            out = self.made[u] = [
                dst[e]
                for e in range(eng.start_of[u], eng.start_of[u + 1])
                if comp[dst[e]] == number
            ]
        return out

    def __iter__(self) -> Iterator[int]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)


def _lower_bound(engine: _Engine, knot: _Knot, out_of_time: Any) -> tuple[int, bool]:
    """Return a lower bound on the untying count from edge-disjoint cycles.

    Every cycle needs one of its edges lifted, and each edge costs at least its count, so
    a packing of edge-disjoint cycles bounds the count from below. Short cycles pack
    best: two-cycles first, then cycles of up to 3, 4 and 6 clauses found by bounded
    breadth-first search, then whatever cycles depth-first passes meet until a pass
    meets none. Returns the bound and whether the packing finished (no cycle left).
    """
    used: set[tuple[int, int]] = set()
    bound = 0
    src, dst, cnt, code = engine.src, engine.dst, engine.cnt, engine.code
    ones = not engine.more  # every link carries one condition
    for e in knot.edges:
        u, v = src[e], dst[e]
        if u < v and v << 32 | u in code:  # both ways linked: the reverse is in the knot too
            bound += 1 if ones else min(cnt[e], cnt[engine.perm[code[v << 32 | u]]])
            used.update(((u, v), (v, u)))
    succ = _KnotSucc(engine, knot)
    budget = [0]

    def tick() -> None:
        budget[0] += 1
        if budget[0] & 1023 == 0 and out_of_time():
            raise _TimeoutError

    def pack(cycle: list[tuple[int, int]]) -> None:
        nonlocal bound
        bound += 1 if ones else min(cnt[engine.perm[code[u << 32 | v]]] for u, v in cycle)
        used.update(cycle)

    try:
        for limit in (3, 4, 6):
            for root in knot.nodes:
                while (cycle := _short_cycle(succ, used, root, limit, tick)) is not None:
                    pack(cycle)
        while _dfs_pass(knot.nodes, succ, used, pack, tick):
            pass
    except _TimeoutError:
        return bound, False
    return bound, True


def _short_cycle(
    succ: Mapping[int, Sequence[int]],
    used: set[tuple[int, int]],
    root: int,
    limit: int,
    tick: Any,
) -> list[tuple[int, int]] | None:
    """Return the edges of a shortest unused cycle through ``root`` of at most ``limit``."""
    parent = {root: root}
    frontier = [root]
    for _ in range(limit):
        nxt = []
        for u in frontier:
            for v in succ[u]:
                tick()
                if (u, v) in used:
                    continue
                if v == root:
                    path = [u]
                    while path[-1] != root:
                        path.append(parent[path[-1]])
                    path.reverse()
                    return [*itertools.pairwise(path), (u, root)]
                if v not in parent:
                    parent[v] = u
                    nxt.append(v)
        frontier = nxt
    return None


def _dfs_pass(
    nodes: Sequence[int],
    succ: Mapping[int, Sequence[int]],
    used: set[tuple[int, int]],
    pack: Any,
    tick: Any,
) -> bool:
    """Pack the cycles one depth-first pass meets; return whether it met any."""
    found = False
    state = dict.fromkeys(nodes, 0)  # 0 new, 1 on the path, 2 finished
    for root in nodes:
        if state[root]:
            continue
        path, its = [root], [iter(succ[root])]
        state[root] = 1
        while path:
            tick()
            u = path[-1]
            v = next(its[-1], -1)
            if v < 0:
                state[path.pop()] = 2
                its.pop()
            elif (u, v) in used:
                continue
            elif state[v] == 1:
                start = path.index(v)
                pack([*itertools.pairwise(path[start:]), (u, v)])
                found = True
                while path[-1] != v:
                    state[path.pop()] = 0
                    its.pop()
            elif state[v] == 0:
                state[v] = 1
                path.append(v)
                its.append(iter(succ[v]))
    return found


# ---------------------------------------------------------------------------- public functions


def analyze_conditions(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    cycles: bool = False,
    max_cycle_length: int = DEFAULT_MAX_CYCLE_LENGTH,
    max_cycles: int = DEFAULT_MAX_CYCLES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> ConditionReport:
    """Find the sequencing deadlocks and linkage conflicts on a snapshot, and how to untie them.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    parties : iterable of str, optional
        Consider only conditions held by, and red lines of, these parties (default: all).
    cycles : bool, optional
        Also list simple cycles in full (default False: one witness per knot only).
    max_cycle_length : int, optional
        Longest cycle to list, in clauses (default 8); only with ``cycles=True``.
    max_cycles : int, optional
        Most cycles to list (default 1000); only with ``cycles=True``.
    time_limit : float, optional
        Seconds for the optional work (default 1.5): exact untying searches, refinement of
        greedy bounds and the cycle listing. Finding the knots, their witnesses and a
        greedy untying set always completes (linear or near-linear time).
    exact_limit : int, optional
        Knots with at most this many links (clause pairs) get an exact untying search
        (default 20); larger ones a greedy bound.

    Returns
    -------
    ConditionReport
        ``.sequencing`` (one SequencingDeadlock per knot), ``.linkage_conflicts``,
        ``.untie`` (the fewest conditions to lift overall), ``.cycles`` (a CycleListing or
        None) and ``.notes`` / ``.truncated`` saying what a bound cut short.

    Raises
    ------
    InvalidTypeError
        If ``snapshot`` is not a Snapshot or a bound has the wrong type.
    AnalysisError
        If a bound is out of range (``time_limit <= 0``, ``max_cycle_length < 2`` ...).
    UnknownReferenceError
        If a condition names a party or issue the snapshot does not know, or ``parties``
        names an unknown party.

    Notes
    -----
    Laws (property-tested): an acyclic set of preconditions yields no sequencing deadlock;
    adding a condition never removes one (the clauses in knots only grow); lifting the
    reported untying set leaves no cycle; every witness is a cycle of the graph.

    Knots are the strongly connected components with more than one clause (Tarjan's
    algorithm, linear time). The untying set is a minimum-weight feedback arc set, an
    NP-hard problem: knots with at most ``exact_limit`` links are solved exactly by branch
    and bound on cycles; larger knots get the Eades-Lin-Smyth greedy ordering, trimmed so
    no lifted condition could be kept, together with a lower bound from edge-disjoint
    cycles. Knots are independent, so the union of their sets is the overall answer.

    References
    ----------
    R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1 (1972).
    P. Eades, X. Lin, W. F. Smyth, "A fast and effective heuristic for the feedback arc
    set problem", Inf. Process. Lett. 47 (1993).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> yes = nt.OrdinalScale(["no", "yes"])
    >>> y = lambda issue: nt.IssueClause(issue, nt.Region.labels(yes, ["yes"]))
    >>> tl = nt.Timeline(issues=[nt.Issue(i, yes) for i in ("ceasefire", "withdrawal")],
    ...                  parties=[nt.Party("RU"), nt.Party("UA")])
    >>> day = datetime.date(2025, 12, 28)
    >>> _ = tl.add(nt.Condition(holder="RU", clause=y("ceasefire"), requires=y("withdrawal"),
    ...                         date=day, source=nt.Source(title="Kremlin")))
    >>> _ = tl.add(nt.Condition(holder="UA", clause=y("withdrawal"), requires=y("ceasefire"),
    ...                         date=day, source=nt.Source(title="Kyiv")))
    >>> report = nt.analyze_conditions(tl.snapshot(), cycles=True)
    >>> report
    <ConditionReport: 1 sequencing deadlock, 0 linkage conflicts>
    >>> report.sequencing[0].holders, report.untie.count, report.cycles.complete
    (('RU', 'UA'), 1, True)
    """
    snapshot = _restrict(check_snapshot(snapshot, "analyze_conditions"), parties)
    limit = _check_seconds(time_limit)
    exact_limit = _check_int("exact_limit", exact_limit, 0)
    if cycles:
        max_cycle_length = _check_int("max_cycle_length", max_cycle_length, 2)
        max_cycles = _check_int("max_cycles", max_cycles, 1)
    engine = _Engine(snapshot, limit)
    # With a listing asked for, the untying searches leave it half of the time budget.
    end = engine.start + (limit / 2 if cycles else limit)
    notes: list[str] = []
    deadlocks = []
    for number, knot in enumerate(engine.knots, 1):
        deadlocks.append(
            SequencingDeadlock(
                clauses=tuple(engine.keys[n] for n in knot.nodes),
                conditions=engine.conditions(knot.edges),
                witness=engine.witness(knot),
                untie=engine.untie(knot, exact_limit, notes, number, end),
                names=engine.names,
            )
        )
    conflicts = find_linkage_conflicts(snapshot)
    listing = None
    if cycles:
        listing = engine.cycles(max_cycle_length, max_cycles, limit)
        if listing.cut_by:
            notes.append(f"cycle listing: {listing.describe()}")
    overall = Untie(
        conditions=tuple([engine.conds[i] for i in sorted(engine.lifted)]),
        capability=float(sum(d.untie.capability for d in deadlocks)),
        exact=all(d.untie.exact for d in deadlocks),
        lower_bound=sum(d.untie.lower_bound for d in deadlocks),
        method=_method(d.untie.method for d in deadlocks),
        names=engine.names,
    )
    return ConditionReport(
        date=snapshot.date,
        sequencing=tuple(deadlocks),
        linkage_conflicts=conflicts,
        untie=overall,
        cycles=listing,
        notes=tuple(notes),
    )


def _restrict(snapshot: Snapshot, parties: Iterable[str] | None) -> Snapshot:
    """Return the snapshot with only ``parties`` and the conditions they hold."""
    if parties is None:
        return snapshot
    if isinstance(parties, str):
        raise InvalidTypeError(
            f"parties={parties!r} must be a sequence of party ids, not one string "
            f"(write parties=[{parties!r}])",
            path="parties",
            value=parties,
        )
    chosen = set(parties)
    for p in chosen:
        snapshot.party(p)  # raises UnknownReferenceError naming the known parties
    return attrs.evolve(
        snapshot,
        parties=tuple(p for p in snapshot.parties if p.id in chosen),
        conditions=tuple(c for c in snapshot.conditions if c.holder in chosen),
    )


def _method(methods: Iterable[str]) -> str:
    seen = set(methods)
    if not seen:
        return "none"
    return "greedy" if "greedy" in seen else "exact"


def find_deadlocks(
    snapshot: Snapshot,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> tuple[SequencingDeadlock, ...]:
    """Return the sequencing deadlocks on a snapshot, one per knot, in reading order.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    time_limit, exact_limit
        As for :func:`analyze_conditions`.

    Returns
    -------
    tuple of SequencingDeadlock
        Empty when the preconditions form no cycle.

    Raises
    ------
    InvalidTypeError, AnalysisError, UnknownReferenceError
        As for :func:`analyze_conditions`.

    Notes
    -----
    The same laws as :func:`analyze_conditions`; use it to see what a bound cut short.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.find_deadlocks(nt.Timeline(issues=[], parties=[]).snapshot())
    ()
    """
    report = analyze_conditions(snapshot, time_limit=time_limit, exact_limit=exact_limit)
    return report.sequencing


def untie(
    snapshot: Snapshot,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> Untie:
    """Return the fewest conditions whose lifting leaves no sequencing deadlock.

    Fewest by count, then by the total capability of their holders: among equally small
    sets, the one asking the least capable holders to give way.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    time_limit, exact_limit
        As for :func:`analyze_conditions`.

    Returns
    -------
    Untie
        ``.conditions``, ``.holders`` (who would have to give way), ``.exact`` and
        ``.lower_bound``.

    Raises
    ------
    InvalidTypeError, AnalysisError, UnknownReferenceError
        As for :func:`analyze_conditions`.

    Notes
    -----
    Law: removing ``untie(s).conditions`` from the snapshot leaves an acyclic
    precondition graph.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.untie(nt.Timeline(issues=[], parties=[]).snapshot())
    <Untie: nothing to untie>
    """
    report = analyze_conditions(snapshot, time_limit=time_limit, exact_limit=exact_limit)
    return report.untie


def list_cycles(
    snapshot: Snapshot,
    *,
    max_length: int = DEFAULT_MAX_CYCLE_LENGTH,
    max_cycles: int = DEFAULT_MAX_CYCLES,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> CycleListing:
    """List the simple cycles of the precondition graph, within bounds.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    max_length : int, optional
        Longest cycle to list, in clauses (default 8).
    max_cycles : int, optional
        Most cycles to list (default 1000).
    time_limit : float, optional
        Seconds (default 1.5).

    Returns
    -------
    CycleListing
        ``.cycles`` and ``.cut_by``, the bounds that cut the listing short.

    Raises
    ------
    InvalidTypeError, AnalysisError, UnknownReferenceError
        As for :func:`analyze_conditions`.

    Notes
    -----
    Each simple cycle is listed once, rooted at its first clause in reading order. A
    graph can hold exponentially many cycles; the bounds make the listing stop, and
    ``cut_by`` says which did. The search only enters clauses inside a knot.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.list_cycles(nt.Timeline(issues=[], parties=[]).snapshot())
    <CycleListing: 0 cycles listed (complete)>
    """
    snapshot = check_snapshot(snapshot, "list_cycles")
    limit = _check_seconds(time_limit)
    max_length = _check_int("max_length", max_length, 2)
    max_cycles = _check_int("max_cycles", max_cycles, 1)
    return _Engine(snapshot, limit).cycles(max_length, max_cycles, limit)
