"""Strategies for the timeline: credibility levels, statements, events, timelines, snapshots."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

import attrs
import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.model.entities import Issue, Party, Source
from negotrack.model.scales import Scale
from negotrack.timeline.records import (
    Credibility,
    Event,
    Statement,
)
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

from .model import _positions_on, _scale_strategy, identifiers

#: The default window timeline strategies draw dates from: two weeks, so that several
#: statements often fall on one date and tie-breaking by insertion order is exercised.
TIMELINE_START = datetime.date(2025, 12, 1)
TIMELINE_END = datetime.date(2025, 12, 14)


def _ids_of(items: Sequence[Party | Issue | Event | str]) -> list[str]:
    return [i if isinstance(i, str) else i.id for i in items]


def credibilities(*, min_value: Credibility = Credibility.DENIED) -> SearchStrategy[Credibility]:
    """Credibility levels at or above ``min_value`` (shrinking towards CONFIRMED)."""
    return st.sampled_from(sorted((c for c in Credibility if c >= min_value), reverse=True))


def _window_dates() -> SearchStrategy[datetime.date]:
    """Dates in ``TIMELINE_START``..``TIMELINE_END`` from one integer draw (shrinks to the start)."""
    span = (TIMELINE_END - TIMELINE_START).days
    return st.integers(0, span).map(lambda k: TIMELINE_START + datetime.timedelta(days=k))


#: Strategy of booleans, built once (timelines and scenarios draw many).
_BOOLEANS = st.booleans()

# Aliases for use inside functions whose keyword arguments shadow the strategy names.
_credibilities = credibilities
_SOURCE = Source(title="test record")


def statements(
    issues: Sequence[Issue],
    parties: Sequence[Party | str],
    *,
    dates: SearchStrategy[datetime.date] | None = None,
    credibilities: SearchStrategy[Credibility] | None = None,
    sources: SearchStrategy[Source] | None = None,
) -> SearchStrategy[Statement]:
    """Valid statements by one of ``parties`` on one of ``issues``, position on its scale.

    The statement has no id, ``supersedes`` or ``cites``: :func:`timelines` adds those
    when it appends statements to a timeline.

    Parameters
    ----------
    issues : sequence of Issue
        The agenda to draw the issue from (non-empty).
    parties : sequence of Party or str
        The parties (or their ids) to draw the speaker from (non-empty).
    dates, credibilities, sources : SearchStrategy, optional
        Strategies for those fields (defaults: the two-week window
        ``TIMELINE_START``..``TIMELINE_END``, any level, one fixed source).

    Examples
    --------
    >>> import negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> issue = nt.Issue("years", nt.NumericScale(0, 100))
    >>> @given(nts.statements([issue], ["UA", "RU"]))
    ... def test_on_scale(s):
    ...     assert s.position.scale == issue.scale and s.party in ("UA", "RU")
    >>> test_on_scale()
    """
    if not issues or not parties:
        raise ValueError("statements() needs at least one issue and one party")
    party_ids = _ids_of(parties)
    date = dates if dates is not None else _window_dates()
    cred = credibilities if credibilities is not None else _credibilities()
    src = sources if sources is not None else st.just(_SOURCE)

    # Strategies are built once here, not on every draw: building them is the slow part.
    issue_list = list(issues)
    which = st.integers(0, len(issue_list) - 1)
    speaker = st.sampled_from(party_ids)
    on_scale = [_positions_on(i.scale) for i in issue_list]

    @st.composite
    def build(draw: st.DrawFn) -> Statement:
        k = draw(which)
        return Statement(
            party=draw(speaker),
            issue=issue_list[k].id,
            date=draw(date),
            position=draw(on_scale[k]),
            source=draw(src),
            credibility=draw(cred),
        )

    return build()


def events(
    *,
    ids: SearchStrategy[str] | None = None,
    parties: Sequence[Party | str] = (),
    dates: SearchStrategy[datetime.date] | None = None,
    credibilities: SearchStrategy[Credibility] | None = None,
) -> SearchStrategy[Event]:
    """Events, optionally disputed by some of ``parties``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.events(parties=["UA"]))
    ... def test_disputes(e):
    ...     assert set(e.disputed_by) <= {"UA"}
    >>> test_disputes()
    """
    party_ids = _ids_of(parties)
    disputed = (
        st.lists(st.sampled_from(party_ids), unique=True, max_size=2) if party_ids else st.just([])
    )
    return st.builds(
        Event,
        id=ids if ids is not None else identifiers(),
        date=dates if dates is not None else _window_dates(),
        title=st.sampled_from(["summit", "strike", "claim", "call"]),
        credibility=credibilities if credibilities is not None else _credibilities(),
        disputed_by=disputed,
    )


def timelines(
    *,
    min_parties: int = 1,
    max_parties: int = 4,
    min_issues: int = 1,
    max_issues: int = 3,
    min_statements: int = 0,
    max_statements: int = 12,
    max_events: int = 2,
    scales: SearchStrategy[Scale] | None = None,
    dates: SearchStrategy[datetime.date] | None = None,
    credibilities: SearchStrategy[Credibility] | None = None,
) -> SearchStrategy[Timeline]:
    """Valid timelines, built bottom-up: parties and issues, then events, then statements.

    Parties are ``p0``, ``p1``, ... (with drawn capabilities) and issues ``i0``, ``i1``, ...
    (with drawn scales), so failing examples read easily. Statements lie on their issue's scale and are dated within a short window (two weeks by
    default), so several share a date. Some statements cite an earlier event, and some
    supersede the previous statement by the same party on the same issue. Ids are assigned
    by the timeline (``s1``, ``s2``, ...). Conditions are not drawn here.

    Parameters
    ----------
    min_parties, max_parties : int
        How many parties (ids unique).
    min_issues, max_issues : int
        How many issues (ids unique).
    min_statements, max_statements : int
        How many statements.
    max_events : int
        At most this many events.
    scales : SearchStrategy[Scale], optional
        The issues' scales (default: any kind).
    dates : SearchStrategy[datetime.date], optional
        Record dates (default: ``TIMELINE_START``..``TIMELINE_END``).
    credibilities : SearchStrategy[Credibility], optional
        Record credibility (default: any level).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.timelines(max_statements=5))
    ... def test_statements_on_agenda(tl):
    ...     agenda = {i.id for i in tl.issues}
    ...     assert all(s.issue in agenda for s in tl.statements)
    >>> test_statements_on_agenda()
    """
    if not 1 <= min_parties <= max_parties or not 1 <= min_issues <= max_issues:
        raise ValueError("need 1 <= min_parties <= max_parties and 1 <= min_issues <= max_issues")
    if not 0 <= min_statements <= max_statements:
        raise ValueError("need 0 <= min_statements <= max_statements")
    date = dates if dates is not None else _window_dates()
    cred = credibilities if credibilities is not None else _credibilities()
    # Fixed strategies built once (building strategies per draw is what makes tests slow).
    scale = _scale_strategy(scales)
    capability = st.floats(0, 10)
    n_parties = st.integers(min_parties, max_parties)
    n_issues = st.integers(min_issues, max_issues)

    # Strategies that depend on what was drawn (party ids, the agenda) are built once for
    # each such value and reused: the same few come up again and again.
    @functools.lru_cache(maxsize=256)
    def event_lists(party_ids: tuple[str, ...]) -> SearchStrategy[list[Event]]:
        return st.lists(
            events(parties=party_ids, dates=date, credibilities=cred),
            max_size=max_events,
            unique_by=lambda e: e.id,
        )

    @functools.lru_cache(maxsize=256)
    def statement_lists(
        agenda: tuple[Issue, ...], party_ids: tuple[str, ...]
    ) -> SearchStrategy[list[Statement]]:
        return st.lists(
            statements(agenda, party_ids, dates=date, credibilities=cred),
            min_size=min_statements,
            max_size=max_statements,
        )

    @st.composite
    def build(draw: st.DrawFn) -> Timeline:
        party_list = [Party(f"p{k}", capability=draw(capability)) for k in range(draw(n_parties))]
        party_ids = tuple(p.id for p in party_list)
        issue_list = [Issue(f"i{k}", draw(scale)) for k in range(draw(n_issues))]
        tl = Timeline(issues=issue_list, parties=party_list)
        event_list = draw(event_lists(party_ids))
        tl.extend(event_list)
        drawn = draw(statement_lists(tuple(issue_list), party_ids))
        latest: dict[tuple[str, str], Statement] = {}
        for raw in drawn:
            s = raw
            key = (s.party, s.issue)
            prev = latest.get(key)
            supersede: bool = prev is not None and prev.date <= s.date and draw(_BOOLEANS)
            citable = [e.id for e in event_list if e.date <= s.date]
            cite: bool = bool(citable) and draw(_BOOLEANS)
            if supersede or cite:
                s = attrs.evolve(
                    s,
                    supersedes=prev.id if supersede and prev is not None else None,
                    cites=(draw(st.sampled_from(citable)),) if cite else (),
                )
            added = tl.add(s)
            assert isinstance(added, Statement)
            latest[key] = added
        return tl

    return build()


_timelines = timelines


def snapshots(
    *,
    timelines: SearchStrategy[Timeline] | None = None,
    dates: SearchStrategy[datetime.date | None] | None = None,
    min_credibilities: SearchStrategy[Credibility] | None = None,
) -> SearchStrategy[Snapshot]:
    """Snapshots of drawn timelines at a drawn date (or after every record) and threshold.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.snapshots())
    ... def test_positions_on_agenda(snap):
    ...     assert all(i in snap.issue_ids for _, i in snap.statements)
    >>> test_positions_on_agenda()
    """
    tls = timelines if timelines is not None else _timelines()
    at = dates if dates is not None else st.none() | _window_dates()
    level = min_credibilities if min_credibilities is not None else _credibilities()
    return st.builds(lambda tl, d, c: tl.snapshot(at=d, min_credibility=c), tls, at, level)
