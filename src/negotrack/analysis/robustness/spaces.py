"""The agreement space of many readings of one record, each party's utility and each issue reused.

Readings of one record hold mostly the same positions: a party's position on an issue
changes only where a reading drew it otherwise. :class:`SpaceCache` builds the agreement
space of a sampled snapshot exactly as :meth:`AgreementSpace.from_snapshot
<negotrack.analysis.agreement.space.AgreementSpace.from_snapshot>` does (the same
utilities, candidates and continuous issues), but keeps what does not change between
readings: each party's utility function, for the same positions, and each issue's table
(:class:`~negotrack.analysis.agreement.space.IssueTable`: its candidates and each
party's contribution at each), for the same weights and positions on that issue — most
readings redraw one or two issues and reuse the others' tables. Tables are pure
functions of what they are keyed by, so every number is the one a fresh space computes,
bit for bit (law-tested against ``from_snapshot``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from negotrack.analysis.agreement.space import AgreementSpace, IssueTable
from negotrack.analysis.utilities import (
    UtilityFunction,
    candidate_outcomes,
    utility_from_positions,
)
from negotrack.errors import AnalysisError
from negotrack.model.entities import Position
from negotrack.model.scales import NumericScale, Value
from negotrack.timeline.parties import select_parties
from negotrack.timeline.snapshot import Snapshot

__all__ = ["READING_WORK", "SpaceCache"]


#: The most parties whose sampled spaces are solved over the continuum of numeric issues.
#: With two parties that is closed form per piece (milliseconds); with three or more it is
#: a handful of mixed-integer programs (~0.2 s of CPU a space), so 10^4 samples would take
#: half an hour: there the samples' solutions are searched at the parties' breakpoints
#: (ideals, range bounds), as ``AgreementSpace(..., continuous=())`` does. The
#: deterministic report (``nt.agreement``) still solves every space over the continuum.
CONTINUOUS_PARTIES = 2

#: Units of work (:class:`~negotrack.analysis.agreement.frontier.FrontierBudget`) for each
#: exact merge of a sampled space's frontier, in place of a time limit: the same reading
#: gives the same solutions on any machine, under any load, on any executor. The bundled
#: examples need at most about 21,000; a space that needs more (20 parties × 50 issues
#: merges two issues) is cut short the same way everywhere, and the report counts it.
READING_WORK = 100_000


class SpaceCache:
    """Agreement spaces of sampled snapshots, each party's utility and each issue's table reused.

    As ``AgreementSpace.from_snapshot``, except that with more than
    :data:`CONTINUOUS_PARTIES` parties numeric issues are searched at their breakpoints,
    and the frontier has a budget of work (:data:`READING_WORK`), not of time.

    Parameters
    ----------
    parties : tuple of str, optional
        The parties of every space (as ``from_snapshot``'s ``parties``; default: every
        party holding a position).
    size : int, optional
        Utility functions, and issue tables, kept before each cache starts afresh (bounds
        the memory).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.spaces import SpaceCache
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> names = {k: st.id for k, st in snap.statements.items()}
    >>> cache = SpaceCache()
    >>> space = cache.space(snap, names)  # four parties: numeric issues at their breakpoints
    >>> exact = nt.AgreementSpace.from_snapshot(snap)
    >>> space.continuous, space.solutions() == nt.AgreementSpace(
    ...     exact.utility_functions, exact.outcomes, continuous=()).solutions()
    ((), True)
    """

    def __init__(self, parties: tuple[str, ...] | None = None, *, size: int = 4000) -> None:
        self.parties = parties
        self.size = size
        self._utilities: dict[Hashable, UtilityFunction] = {}
        self._tables: dict[Hashable, IssueTable] = {}

    def space(
        self, snapshot: Snapshot, names: Mapping[tuple[str, str], Hashable]
    ) -> AgreementSpace:
        """Return ``AgreementSpace.from_snapshot(snapshot, parties=self.parties)``, reusing.

        With more than :data:`CONTINUOUS_PARTIES` parties, numeric issues are discrete at
        their breakpoints (``continuous=()``); the frontier's budget is
        :data:`READING_WORK` units of work (``max_work``), not a time limit.

        ``names`` stands, for each (party, issue) of the snapshot, for the position held
        there (a hashable only that position has).

        Raises
        ------
        AnalysisError
            As ``from_snapshot`` (no party holds a position).
        """
        issue_ids = snapshot.issue_ids
        statements = snapshot.statements
        if self.parties is None:
            held = {p for p, _ in statements}
            party_ids = [p for p in snapshot.party_ids if p in held]
        else:
            party_ids = list(select_parties(snapshot, self.parties))
        utilities: dict[str, UtilityFunction] = {}
        for p in party_ids:
            mine = [(i, statements[(p, i)].position) for i in issue_ids if (p, i) in statements]
            if mine:
                utilities[p] = self._utility(p, [(i, names[(p, i)], pos) for i, pos in mine])
        if not utilities:
            raise AnalysisError(
                f"no party holds a position on issues {list(issue_ids)!r}; need at least one",
                path="parties",
                value=party_ids,
            )
        order = tuple(utilities)
        outcomes: dict[str, tuple[Value, ...]] = {}
        tables: dict[str, IssueTable] = {}
        known = self._tables
        for i in issue_ids:
            # the table depends on each party's weight and position on this issue only
            key = (
                i,
                tuple(
                    (
                        p,
                        utilities[p].weights.get(i),
                        names.get((p, i)) if (p, i) in statements else None,
                    )
                    for p in order
                ),
            )
            table = known.get(key)
            if table is None:
                positions = [
                    st.position for (p, j), st in statements.items() if j == i and p in utilities
                ]
                if not positions:
                    continue
                issue = snapshot.issue(i)
                cands = candidate_outcomes(issue.scale, positions, status_quo=issue.status_quo)
                if len(known) >= self.size:
                    known.clear()
                table = known[key] = IssueTable.of(utilities, i, cands)
            outcomes[i] = table.outcomes
            tables[i] = table
        numeric = [i for i in outcomes if isinstance(snapshot.issue(i).scale, NumericScale)]
        if len(utilities) > CONTINUOUS_PARTIES:
            numeric = []  # at the breakpoints: see CONTINUOUS_PARTIES
        return AgreementSpace(
            utilities, outcomes, continuous=numeric, tables=tables, max_work=READING_WORK
        )

    def _utility(self, party: str, held: list[tuple[str, Hashable, Position]]) -> UtilityFunction:
        """Return the utility of ``party`` holding ``held`` (issue, name, position), reused."""
        key = (party, tuple((i, name) for i, name, _ in held))
        known = self._utilities.get(key)
        if known is not None:
            return known
        if len(self._utilities) >= self.size:
            self._utilities.clear()
        made = self._utilities[key] = utility_from_positions({i: pos for i, _, pos in held})
        return made
