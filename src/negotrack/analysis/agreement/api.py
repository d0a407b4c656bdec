"""The agreement space of a snapshot in one call: :func:`agreement_space` and :func:`agreement`."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

import attrs

from negotrack.analysis.utilities import UtilityFunction
from negotrack.model.scales import Value
from negotrack.timeline.snapshot import Snapshot

from .frontier import DEFAULT_TIME_LIMIT
from .results import AgreementReport, Logroll, Solution, issue_units
from .space import AgreementSpace


def agreement_space(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> AgreementSpace:
    """Build the agreement space of a snapshot (see :meth:`AgreementSpace.from_snapshot`)."""
    return AgreementSpace.from_snapshot(
        snapshot,
        parties=parties,
        issues=issues,
        grid=grid,
        reserved=reserved,
        time_limit=time_limit,
    )


def agreement_space_from_utilities(
    utilities: Mapping[str, UtilityFunction],
    outcomes: Mapping[str, Sequence[Value]],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> AgreementSpace:
    """Build the agreement space from given utilities (such as a Genius file's), not positions.

    Parameters
    ----------
    utilities : mapping of str to UtilityFunction
        Party id to its utility, used exactly as given (reserved values included).
    outcomes : mapping of str to sequence of values
        Issue id to its candidate outcomes.
    time_limit : float, optional
        CPU seconds for the exact Pareto frontier (default 2; see :meth:`AgreementSpace.frontier`).

    Returns
    -------
    AgreementSpace

    Raises
    ------
    AnalysisError
        If there is no party or no issue, or a utility cannot value a candidate.

    Examples
    --------
    >>> import negotrack as nt
    >>> u = {"A": nt.UtilityFunction(weights={"x": 1.0}, values={"x": {"a": 1.0, "b": 0.0}}),
    ...      "B": nt.UtilityFunction(weights={"x": 1.0}, values={"x": {"a": 0.2, "b": 1.0}})}
    >>> space = nt.agreement_space_from_utilities(u, {"x": ["a", "b"]})
    >>> sorted(space.frontier().points)
    [(0.0, 1.0), (1.0, 0.2)]
    """
    return AgreementSpace(utilities, outcomes, time_limit=time_limit)


def agreement(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> AgreementReport:
    """Analyse the agreement space of a snapshot: frontier, solutions and logrolls.

    Parameters
    ----------
    snapshot : Snapshot
        The state of the negotiation.
    parties, issues : iterable of str, optional
        Restrict to these parties / issues (default: every party with a position, every
        issue with one).
    grid : int, optional
        0 (the default): numeric issues are continuous, every value between the parties'
        breakpoints an outcome (solutions exact; see docs/agreement.md). ``N > 0``:
        numeric issues are discrete, their breakpoints plus ``N + 1`` evenly spaced points.
    reserved : float or mapping of str to float, optional
        Reserved values (default 0).
    time_limit : float, optional
        CPU seconds for the exact Pareto frontier (default 2). Past it the frontier is a subset
        of Pareto-optimal points, ``report.frontier.cut`` says so in one line and every
        solution has ``frontier_complete`` False (the best of the points found).

    Returns
    -------
    AgreementReport
        With ``to_dict()`` and ``describe()``.

    Raises
    ------
    UnknownReferenceError
        If a party or issue id is unknown.
    AnalysisError
        If no party holds a position, or ``time_limit`` is not a finite number > 0.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> for p, ideal, lo, hi in [("A", 20, 0, 60), ("B", 80, 40, 100)]:
    ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(s, lo, hi),
    ...                              red_line=True), source=nt.Source(title="t")))
    >>> report = nt.agreement(tl.snapshot(), grid=10)
    >>> report.feasible_size, report.solutions["nash"].package
    (3, {'x': 50.0})
    """
    space = agreement_space(
        snapshot,
        parties=parties,
        issues=issues,
        grid=grid,
        reserved=reserved,
        time_limit=time_limit,
    )
    return _report(space, snapshot)


def agreement_from_utilities(
    utilities: Mapping[str, UtilityFunction],
    outcomes: Mapping[str, Sequence[Value]],
    snapshot: Snapshot | None = None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> AgreementReport:
    """Analyse the agreement space of given utilities: frontier, solutions and logrolls.

    The report :func:`agreement` gives, for the space of
    :func:`agreement_space_from_utilities` (an imported Genius domain's utilities, say).

    Parameters
    ----------
    utilities : mapping of str to UtilityFunction
        Party id to its utility, used exactly as given.
    outcomes : mapping of str to sequence of values
        Issue id to its candidate outcomes.
    snapshot : Snapshot, optional
        The record, to say where a solution leaves a party's acceptable region.
    time_limit : float, optional
        CPU seconds for the exact Pareto frontier (as in :func:`agreement`).

    Returns
    -------
    AgreementReport

    Examples
    --------
    >>> import negotrack as nt
    >>> u = {"A": nt.UtilityFunction(weights={"x": 1.0},
    ...                              values={"x": {"a": 1.0, "b": 0.7, "c": 0.0}}),
    ...      "B": nt.UtilityFunction(weights={"x": 1.0},
    ...                              values={"x": {"a": 0.0, "b": 0.8, "c": 1.0}})}
    >>> nt.agreement_from_utilities(u, {"x": ["a", "b", "c"]}).solutions["nash"].package
    {'x': 'b'}
    """
    return _report(AgreementSpace(utilities, outcomes, time_limit=time_limit), snapshot)


def _report(space: AgreementSpace, snapshot: Snapshot | None) -> AgreementReport:
    """Return the report of a space: frontier, solutions explained, logrolls best first."""
    frontier = space.frontier()
    trades: list[Logroll] = []
    # A trade seen from either party is the same trade, roles swapped: each pair once.
    for a, b in itertools.combinations(space.parties, 2):
        trades.extend(space.logrolls(a, b))
    trades.sort(key=lambda t: -t.joint_gain)
    fallback = space.disagreement()
    # With three or more parties on continuous issues the frontier lists a subset but the
    # solutions do not come from it: each says itself whether it is certified (``cut``).
    complete = frontier.complete or (bool(space.continuous) and len(space.parties) > 2)
    covered = set(space.issues)
    units = {} if snapshot is None else issue_units(i for i in snapshot.issues if i.id in covered)
    solutions = {
        name: None
        if sol is None
        else attrs.evolve(_explained(sol, fallback, snapshot, complete), units=units)
        for name, sol in space.solutions().items()
    }
    return AgreementReport(
        parties=space.parties,
        issues=space.issues,
        size=space.size,
        feasible_size=space.feasible_size,
        excluded=space.excluded,
        frontier=frontier,
        solutions=solutions,
        logrolls=tuple(trades),
        continuous=space.continuous,
        shortfall=space.shortfall(),
        units=units,
    )


def _explained(
    sol: Solution, fallback: Mapping[str, float], snapshot: Snapshot | None, complete: bool
) -> Solution:
    """Add each party's fallback, where the package leaves an acceptable region, the cut flag."""
    outside: dict[str, tuple[str, ...]] = {}
    if snapshot is None:
        return attrs.evolve(
            sol, fallback=dict(fallback), outside=outside, frontier_complete=complete
        )
    for party in sol.utilities:
        missed = tuple(
            issue
            for issue, value in sol.package.items()
            if (pos := snapshot.position(party, issue)) is not None
            and not pos.acceptable.contains(value)
        )
        if missed:
            outside[party] = missed
    return attrs.evolve(sol, fallback=dict(fallback), outside=outside, frontier_complete=complete)
