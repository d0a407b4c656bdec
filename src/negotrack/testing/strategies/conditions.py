"""Strategies for conditions: clauses, conditions, timelines of conditions on a clause pool."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.model.entities import Issue, Party
from negotrack.model.regions import Region
from negotrack.model.scales import OrdinalScale, Scale
from negotrack.timeline.records import (
    Clause,
    Condition,
    ConditionKind,
    Credibility,
    Event,
    EventClause,
    IssueClause,
)
from negotrack.timeline.timeline import Timeline

from .model import _part_lists
from .timeline import _SOURCE, TIMELINE_START, _credibilities, _ids_of, _window_dates

#: The scale of the yes/no issues that :func:`condition_timelines` codes clauses on.
_YES_NO = OrdinalScale(["no", "yes"])


def clauses(
    *,
    issues: Sequence[Issue] = (),
    events: Sequence[Event | str] = (),
) -> SearchStrategy[Clause]:
    """Clauses on the given issues (a non-empty region on the issue's scale) or events.

    With neither given, event clauses on five events ``e0`` .. ``e4``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> issue = nt.Issue("ceasefire", nt.OrdinalScale(["no", "yes"]))
    >>> @given(nts.clauses(issues=[issue]))
    ... def test_on_scale(c):
    ...     assert c.issue == "ceasefire" and not c.region.is_empty
    >>> test_on_scale()
    """
    event_ids = _ids_of(events)
    if not issues and not event_ids:
        event_ids = [f"e{k}" for k in range(5)]
    options: list[SearchStrategy[Clause]] = []
    if event_ids:
        options.append(st.sampled_from(event_ids).map(EventClause))
    if issues:
        options.append(st.one_of([_issue_clauses(i.id, i.scale) for i in issues]))
    return st.one_of(options)


@functools.lru_cache(maxsize=1024)
def _issue_clauses(issue: str, scale: Scale) -> SearchStrategy[IssueClause]:
    """Clauses on one issue: a non-empty region on its scale (strategy built once)."""
    return _part_lists(scale, 1, 4).map(lambda ps: IssueClause(issue, Region(scale, ps)))


def conditions(
    *,
    clauses: SearchStrategy[Clause] | None = None,
    holders: Sequence[Party | str] = ("a", "b"),
    kinds: SearchStrategy[ConditionKind] | None = None,
    dates: SearchStrategy[datetime.date] | None = None,
    credibilities: SearchStrategy[Credibility] | None = None,
) -> SearchStrategy[Condition]:
    """Valid conditions: a holder from ``holders`` linking two different clauses.

    Parameters
    ----------
    clauses : SearchStrategy[Clause], optional
        Where both clauses come from (default: :func:`clauses` on five events).
    holders : sequence of Party or str
        The parties (or ids) to draw the holder from (non-empty).
    kinds : SearchStrategy[ConditionKind], optional
        Default: preconditions and linkages.
    dates, credibilities : SearchStrategy, optional
        Defaults: the timeline window, any level.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.conditions())
    ... def test_two_clauses(c):
    ...     assert c.clause != c.requires
    >>> test_two_clauses()
    """
    if not holders:
        raise ValueError("conditions() needs at least one holder")
    pool = clauses if clauses is not None else _clauses()
    pair = st.tuples(pool, pool).filter(lambda t: t[0] != t[1])
    return st.builds(
        lambda p, holder, kind, date, cred: Condition(
            holder=holder,
            clause=p[0],
            requires=p[1],
            kind=kind,
            date=date,
            credibility=cred,
            source=_SOURCE,
        ),
        pair,
        st.sampled_from(_ids_of(holders)),
        kinds if kinds is not None else st.sampled_from(ConditionKind),
        dates if dates is not None else _window_dates(),
        credibilities if credibilities is not None else _credibilities(),
    )


_clauses = clauses


def condition_timelines(
    *,
    min_clauses: int = 2,
    max_clauses: int = 8,
    min_conditions: int = 0,
    max_conditions: int = 16,
    max_parties: int = 3,
    acyclic: bool = False,
    linkages: bool = False,
) -> SearchStrategy[Timeline]:
    """Timelines whose conditions link a small pool of clauses, built bottom-up.

    Parties ``p0``, ``p1`` ... (capabilities in [0, 10]); clause ``k`` is either the event
    clause ``e{k}`` or the issue clause ``i{k} ∈ {yes}`` on a yes/no issue. Each condition
    is drawn as a pair of clause indices and a holder, so failing examples shrink to few,
    low-numbered clauses. Conditions are CONFIRMED and dated in the timeline window.

    Parameters
    ----------
    min_clauses, max_clauses : int
        Size of the clause pool (``min_clauses >= 2``).
    min_conditions, max_conditions : int
        How many conditions.
    max_parties : int
        At most this many parties (at least one).
    acyclic : bool, optional
        Draw a random order of the clauses and point every precondition from a later
        clause to an earlier one, so the preconditions form no cycle.
    linkages : bool, optional
        Also draw linkage conditions (default: preconditions only).

    Examples
    --------
    >>> import networkx as nx, negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.condition_timelines(acyclic=True))
    ... def test_acyclic(tl):
    ...     assert nx.is_directed_acyclic_graph(nt.condition_graph(tl.snapshot()))
    >>> test_acyclic()
    """
    if min_clauses < 2 or max_clauses < min_clauses:
        raise ValueError(f"need 2 <= min_clauses <= max_clauses, got {min_clauses}, {max_clauses}")
    if min_conditions < 0 or max_conditions < min_conditions or max_parties < 1:
        raise ValueError("need 0 <= min_conditions <= max_conditions and max_parties >= 1")

    @st.composite
    def build(draw: st.DrawFn) -> Timeline:
        n = draw(st.integers(min_clauses, max_clauses))
        parties = [
            Party(f"p{k}", capability=draw(st.floats(0, 10)))
            for k in range(draw(st.integers(1, max_parties)))
        ]
        as_event = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        pool: list[Clause] = [
            EventClause(f"e{k}") if ev else IssueClause(f"i{k}", Region.labels(_YES_NO, ["yes"]))
            for k, ev in enumerate(as_event)
        ]
        rank = draw(st.permutations(range(n))) if acyclic else list(range(n))
        kind = st.sampled_from(ConditionKind) if linkages else st.just(ConditionKind.PRECONDITION)
        links = draw(
            st.lists(
                st.tuples(
                    st.integers(0, n - 1),
                    st.integers(0, n - 1),
                    st.integers(0, len(parties) - 1),
                    kind,
                    _window_dates(),
                ).filter(lambda t: t[0] != t[1]),
                min_size=min_conditions,
                max_size=max_conditions,
            )
        )
        tl = Timeline(
            issues=[Issue(f"i{k}", _YES_NO) for k, ev in enumerate(as_event) if not ev],
            parties=parties,
            records=[
                Event(id=f"e{k}", date=TIMELINE_START, title="event")
                for k, ev in enumerate(as_event)
                if ev
            ],
        )
        for i, j, h, k, date in links:
            flip = acyclic and k is ConditionKind.PRECONDITION and rank[i] < rank[j]
            a, b = (j, i) if flip else (i, j)
            tl.add(
                Condition(
                    holder=parties[h].id,
                    clause=pool[a],
                    requires=pool[b],
                    kind=k,
                    date=date,
                    source=_SOURCE,
                )
            )
        return tl

    return build()
