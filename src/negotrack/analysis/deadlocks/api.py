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

The public functions; the package is laid out by topic: ``results`` (what they return),
``engine`` (the graph), ``untying`` (the untying search), ``cycles`` (the cycle listing).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from negotrack._clock import CONDITIONS_TIME_LIMIT, clock
from negotrack.analysis._parameters import check_count, check_seconds
from negotrack.analysis.conditions import (
    check_snapshot,
    linkage_conflicts,
    split_conditions,
)
from negotrack.analysis.deadlocks.cycles import list_knot_cycles
from negotrack.analysis.deadlocks.engine import _Engine
from negotrack.analysis.deadlocks.results import (
    ConditionReport,
    CycleListing,
    SequencingDeadlock,
    Untie,
)
from negotrack.analysis.deadlocks.untying import single_lifts, untie_knot
from negotrack.timeline.parties import select_parties
from negotrack.timeline.snapshot import Snapshot

__all__ = ["analyze_conditions", "find_deadlocks", "list_cycles", "untie"]

#: Default time budget in seconds, counted from the start of the analysis; the fixed linear
#: work always completes (~0.07 s at 10^4 clauses, ~0.9–1.1 s at 10^5: docs/performance.md).
DEFAULT_TIME_LIMIT = CONDITIONS_TIME_LIMIT
#: Components with at most this many edges get an exact untying search.
DEFAULT_EXACT_LIMIT = 20
#: Default bounds of a cycle listing.
DEFAULT_MAX_CYCLE_LENGTH = 8
DEFAULT_MAX_CYCLES = 1000


class Budget:
    """One time budget shared by several analyses, each taking an equal share of what is left.

    A command that runs many condition analyses (the HTML brief: one per date and
    credibility level) gives each ``share()`` seconds, so that together they keep to
    ``time_limit`` of optional work; an analysis that finishes early leaves its time to
    the next ones. Each report says what its own share cut short.

    Examples
    --------
    >>> from negotrack.analysis.deadlocks.api import Budget
    >>> budget = Budget(2.0, 4)
    >>> 0 < budget.share() <= 0.5
    True
    """

    #: The least share given (an analysis needs a positive limit; its fixed work runs anyway).
    FLOOR = 1e-6

    def __init__(self, time_limit: float, analyses: int) -> None:
        self.end = clock() + check_seconds(time_limit)
        self.left = check_count("analyses", analyses, 1)

    def share(self) -> float:
        """Return the seconds the next analysis may use (one share of what is left)."""
        seconds = (self.end - clock()) / max(1, self.left)
        self.left -= 1
        return max(self.FLOOR, seconds)


# ---------------------------------------------------------------------------- public functions


def analyze_conditions(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    condition_holders: Iterable[str] | None = None,
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
        The parties the analysis covers (default: all): only their red lines can rule out
        a linkage. Their order does not matter.
    condition_holders : iterable of str, optional
        Consider only the conditions these parties hold (default: every party's, whatever
        ``parties`` says: a knot is a fact about the record, and a knot held partly by a
        party left out of ``parties`` still blocks the parties chosen).
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
        or ``condition_holders`` names an unknown party.

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
    snapshot = check_snapshot(snapshot, "analyze_conditions")
    chosen = select_parties(snapshot, parties)
    holders = select_parties(snapshot, condition_holders, path="condition_holders")
    snapshot = _restrict(snapshot, chosen, holders)
    limit = check_seconds(time_limit)
    exact_limit = check_count("exact_limit", exact_limit, 0)
    if cycles:
        max_cycle_length = check_count("max_cycle_length", max_cycle_length, 2)
        max_cycles = check_count("max_cycles", max_cycles, 1)
    preconditions, linkages = split_conditions(snapshot.conditions)
    engine = _Engine(snapshot, limit, preconditions)
    # With a listing asked for, the untying searches leave it half of the time budget.
    end = engine.start + (limit / 2 if cycles else limit)
    notes: list[str] = []
    deadlocks = []
    for number, knot in enumerate(engine.knots, 1):
        untie = untie_knot(
            engine, knot, exact_limit=exact_limit, notes=notes, number=number, end=end
        )
        deadlocks.append(
            SequencingDeadlock(
                clauses=tuple(map(engine.keys.__getitem__, knot.nodes)),
                conditions=engine.conditions(knot.edge_array),
                witness=engine.witness(knot),
                untie=untie,
                single_lifts=single_lifts(engine, knot, untie),
                names=engine.names,
                capabilities=engine.caps,
            )
        )
    conflicts = linkage_conflicts(snapshot, linkages)
    listing = None
    if cycles:
        listing = list_knot_cycles(engine, max_cycle_length, max_cycles, limit)
        if listing.cut_by:
            notes.append(f"cycle listing: {listing.describe()}")
    overall = Untie(
        conditions=tuple(map(engine.conds.__getitem__, sorted(engine.lifted))),
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
        parties=chosen,
        condition_holders=holders,
        min_credibility=snapshot.min_credibility,
    )


def _restrict(snapshot: Snapshot, parties: tuple[str, ...], holders: tuple[str, ...]) -> Snapshot:
    """Return the snapshot with only ``parties``' positions and ``holders``' conditions.

    Every party stays known, for names and capabilities.
    """
    if len(parties) == len(snapshot.parties) and len(holders) == len(snapshot.parties):
        return snapshot
    chosen, holding = set(parties), set(holders)
    return attrs.evolve(
        snapshot,
        statements={k: s for k, s in snapshot.statements.items() if k[0] in chosen},
        conditions=tuple(c for c in snapshot.conditions if c.holder in holding),
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
    sets, the one held by the least capable parties (a tie-break).

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    time_limit, exact_limit
        As for :func:`analyze_conditions`.

    Returns
    -------
    Untie
        ``.conditions``, ``.holders`` (who holds them), ``.exact`` and
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
    limit = check_seconds(time_limit)
    max_length = check_count("max_length", max_length, 2)
    max_cycles = check_count("max_cycles", max_cycles, 1)
    return list_knot_cycles(_Engine(snapshot, limit), max_length, max_cycles, limit)
