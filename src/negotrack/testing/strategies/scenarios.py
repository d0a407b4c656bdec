"""Strategies for whole scenarios: a drawn timeline with varied sources, notes and conditions."""

from __future__ import annotations

import functools

import attrs
import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.io.scenario import Scenario
from negotrack.model.entities import Issue, Source
from negotrack.model.scales import Scale, Value
from negotrack.timeline.records import (
    Condition,
    Event,
    Statement,
)
from negotrack.timeline.timeline import Timeline

from .conditions import _clauses, conditions
from .model import sources, values
from .timeline import _BOOLEANS, _timelines

_SHORT_TEXT = st.text(max_size=12)
_SOURCE_POOLS = st.lists(sources(), min_size=1, max_size=3)


@functools.lru_cache(maxsize=64)
def _picks(n: int) -> SearchStrategy[int]:
    """An index into a list of ``n`` items (shrinks to the first), built once per ``n``."""
    return st.integers(0, n - 1)


@functools.lru_cache(maxsize=64)
def _pick_lists(n: int) -> SearchStrategy[list[int]]:
    """Up to two indexes into a list of ``n`` items, built once per ``n``."""
    return st.lists(_picks(n), max_size=2)


@functools.lru_cache(maxsize=256)
def _status_quos(scale: Scale) -> SearchStrategy[Value | None]:
    """No status quo, or a value on ``scale`` (built once per scale)."""
    return st.none() | values(scale)


@functools.lru_cache(maxsize=256)
def _condition_lists(
    agenda: tuple[tuple[str, Scale], ...],
    event_ids: tuple[str, ...],
    holders: tuple[str, ...],
    max_size: int,
) -> SearchStrategy[list[Condition]]:
    """Lists of conditions on an agenda's issues and events (built once per agenda)."""
    pool = _clauses(issues=[Issue(i, s) for i, s in agenda], events=event_ids)
    return st.lists(conditions(clauses=pool, holders=holders), max_size=max_size)


def _vary(draw: st.DrawFn, tl: Timeline, max_conditions: int) -> Timeline:
    """Rebuild a timeline with varied sources, issue notes and some conditions."""
    new_issues = []
    for issue in tl.issues:
        status_quo = draw(_status_quos(issue.scale))
        new_issues.append(attrs.evolve(issue, description=draw(_SHORT_TEXT), status_quo=status_quo))
    out = Timeline(issues=new_issues, parties=tl.parties)
    # A few sources drawn once and shared keep generation fast; each record picks some.
    pool_of_sources: list[Source] = draw(_SOURCE_POOLS)
    some_source = _picks(len(pool_of_sources))
    for record in tl.records:
        if isinstance(record, Statement):
            out.add(attrs.evolve(record, source=pool_of_sources[draw(some_source)]))
        elif isinstance(record, Event):
            picked = draw(_pick_lists(len(pool_of_sources)))
            out.add(
                attrs.evolve(
                    record,
                    sources=tuple(pool_of_sources[k] for k in picked),
                    description=draw(_SHORT_TEXT),
                )
            )
        else:
            out.add(record)
    drawn: list[Condition] = draw(
        _condition_lists(
            tuple((i.id, i.scale) for i in out.issues),
            tuple(e.id for e in out.events),
            tuple(p.id for p in out.parties),
            max_conditions,
        )
    )
    for raw in drawn:
        # Only the holder's own earlier conditions may be superseded or lifted (the one rule).
        earlier = [c for c in out.conditions if c.date <= raw.date and c.holder == raw.holder]
        supersede: bool = bool(earlier) and draw(_BOOLEANS)
        cond = raw
        if supersede:
            old: Condition = earlier[draw(_picks(len(earlier)))]
            lifted: bool = draw(_BOOLEANS)
            cond = attrs.evolve(raw, supersedes=old.id, lifted=lifted)
        source: Source = pool_of_sources[draw(some_source)]
        out.add(attrs.evolve(cond, source=source))
    return out


def scenarios(
    *,
    timelines: SearchStrategy[Timeline] | None = None,
    titles: SearchStrategy[str] | None = None,
    max_conditions: int = 3,
) -> SearchStrategy[Scenario]:
    """Valid scenarios: a drawn timeline, with varied sources and some conditions, titled.

    The timeline (default :func:`timelines`) is rebuilt with drawn sources on every record,
    issue descriptions and status quos, and up to ``max_conditions`` conditions on its
    issues and events (some superseding or lifting earlier ones).

    Parameters
    ----------
    timelines : SearchStrategy[Timeline], optional
        Where the record comes from.
    titles : SearchStrategy[str], optional
        Titles and descriptions (default: any short text).
    max_conditions : int, optional
        At most this many conditions are added.

    Examples
    --------
    >>> import negotrack as nt
    >>> from hypothesis import given, settings
    >>> from negotrack.testing import strategies as nts
    >>> @settings(max_examples=10)
    ... @given(nts.scenarios())
    ... def test_round_trip(sc):
    ...     assert nt.loads(nt.dumps(sc, format="json"), format="json") == sc
    >>> test_round_trip()
    """
    tls = timelines if timelines is not None else _timelines()
    text = titles if titles is not None else st.text(max_size=20)

    @st.composite
    def build(draw: st.DrawFn) -> Scenario:
        tl = _vary(draw, draw(tls), max_conditions)
        return Scenario(title=draw(text), description=draw(text), timeline=tl)

    return build()
