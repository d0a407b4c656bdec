"""The agreement space of a snapshot in one call: :func:`agreement_space` and :func:`agreement`."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import attrs

from negotrack.timeline.snapshot import Snapshot

from .results import AgreementReport, Logroll, Solution
from .space import AgreementSpace


def agreement_space(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
) -> AgreementSpace:
    """Build the agreement space of a snapshot (see :meth:`AgreementSpace.from_snapshot`)."""
    return AgreementSpace.from_snapshot(
        snapshot, parties=parties, issues=issues, grid=grid, reserved=reserved
    )


def agreement(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: int = 0,
    reserved: float | Mapping[str, float] = 0.0,
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
        breakpoints an outcome (exact with two parties; see docs/agreement.md). ``N > 0``:
        numeric issues are discrete, their breakpoints plus ``N + 1`` evenly spaced points.
    reserved : float or mapping of str to float, optional
        Reserved values (default 0).

    Returns
    -------
    AgreementReport
        With ``to_dict()`` and ``describe()``.

    Raises
    ------
    UnknownReferenceError
        If a party or issue id is unknown.
    AnalysisError
        If no party holds a position.

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
    space = AgreementSpace.from_snapshot(
        snapshot, parties=parties, issues=issues, grid=grid, reserved=reserved
    )
    trades: list[Logroll] = []
    for a, b in itertools.permutations(space.parties, 2):
        trades.extend(space.logrolls(a, b))
    trades.sort(key=lambda t: -t.joint_gain)
    fallback = space.disagreement()
    solutions = {
        name: None if sol is None else _explained(sol, fallback, snapshot)
        for name, sol in space.solutions().items()
    }
    return AgreementReport(
        parties=space.parties,
        issues=space.issues,
        size=space.size,
        feasible_size=space.feasible_size,
        excluded=space.excluded,
        frontier=space.frontier(),
        solutions=solutions,
        logrolls=tuple(trades),
        continuous=space.continuous,
        shortfall=space.shortfall(),
    )


def _explained(sol: Solution, fallback: Mapping[str, float], snapshot: Snapshot) -> Solution:
    """Add each party's fallback and the issues where the package leaves its acceptable region."""
    outside: dict[str, tuple[str, ...]] = {}
    for party in sol.utilities:
        missed = tuple(
            issue
            for issue, value in sol.package.items()
            if (pos := snapshot.position(party, issue)) is not None
            and not pos.acceptable.contains(value)
        )
        if missed:
            outside[party] = missed
    return attrs.evolve(sol, fallback=dict(fallback), outside=outside)
