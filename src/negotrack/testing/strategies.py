"""Hypothesis strategies for negotrack's types: the ones negotrack's own tests use.

Strategies follow hypothesis' API style: plural nouns, keyword-only arguments that are
strategies, ``min_size``/``max_size``, built bottom-up so that failing examples shrink well.
They are registered with hypothesis (see the ``hypothesis`` entry point), so
``st.from_type(nt.Region)`` works once negotrack is installed.

Examples
--------
>>> import negotrack as nt
>>> from hypothesis import given
>>> from negotrack.testing import strategies as nts
>>> @given(nts.same_scale_regions(2))
... def test_union_contains_both(pair):
...     a, b = pair
...     assert a.is_subset(a | b) and b.is_subset(a | b)
>>> test_union_contains_both()
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Sequence

import attrs
import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.analysis.agreement import AgreementSpace
from negotrack.analysis.utilities import INFEASIBLE, UtilityFunction
from negotrack.io.scenario import Scenario
from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale, Value
from negotrack.timeline.records import (
    Clause,
    Condition,
    ConditionKind,
    Credibility,
    Event,
    EventClause,
    IssueClause,
    Statement,
)
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = [
    "agreement_spaces",
    "clauses",
    "condition_timelines",
    "conditions",
    "credibilities",
    "dates",
    "dyadic_units",
    "events",
    "identifiers",
    "issues",
    "labelled_scales",
    "nominal_scales",
    "numeric_scales",
    "ordinal_scales",
    "parties",
    "positions",
    "regions",
    "same_scale_regions",
    "scales",
    "scenarios",
    "snapshots",
    "sources",
    "statements",
    "timelines",
    "utility_functions",
    "values",
]

# ---------------------------------------------------------------------------- primitives

#: Short identifiers, the kind used for party and issue ids.
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"


def identifiers(*, min_size: int = 1, max_size: int = 8) -> SearchStrategy[str]:
    """Identifiers such as party or issue ids: lower-case letters, digits and ``_``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.identifiers())
    ... def test_ids_are_stripped(s):
    ...     assert s and s == s.strip()
    >>> test_ids_are_stripped()
    """
    return st.text(_ID_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda s: s == s.strip() and s != ""
    )


def dates(
    *,
    min_value: datetime.date = datetime.date(2025, 1, 1),
    max_value: datetime.date = datetime.date(2026, 12, 31),
) -> SearchStrategy[datetime.date]:
    """Calendar dates in ``[min_value, max_value]`` (default: 2025-2026)."""
    return st.dates(min_value=min_value, max_value=max_value)


def _labels(min_size: int, max_size: int) -> SearchStrategy[list[str]]:
    return st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
        min_size=min_size,
        max_size=max_size,
        unique=True,
    )


# ---------------------------------------------------------------------------- scales


def numeric_scales(
    *,
    min_value: float = -1000.0,
    max_value: float = 1000.0,
    units: SearchStrategy[str] | None = None,
) -> SearchStrategy[NumericScale]:
    """Numeric scales with bounds in ``[min_value, max_value]``.

    Bounds are whole numbers most of the time and arbitrary floats otherwise, so both
    tidy and awkward ranges are tried.
    """
    if not (math.isfinite(min_value) and math.isfinite(max_value) and min_value < max_value):
        raise ValueError(f"need finite min_value < max_value, got {min_value}, {max_value}")
    bound = st.one_of(
        st.integers(math.ceil(min_value), math.floor(max_value)).map(float),
        st.floats(min_value, max_value, allow_nan=False, allow_infinity=False),
    )
    unit = units if units is not None else st.sampled_from(["", "years", "%", "$bn"])
    return (
        st.tuples(bound, bound, unit)
        .filter(lambda t: t[0] != t[1])
        .map(lambda t: NumericScale(min(t[0], t[1]), max(t[0], t[1]), unit=t[2]))
    )


def ordinal_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[OrdinalScale]:
    """Ordinal scales with ``min_size`` to ``max_size`` labels."""
    return _labels(max(2, min_size), max_size).map(OrdinalScale)


def nominal_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[NominalScale]:
    """Nominal scales with ``min_size`` to ``max_size`` labels."""
    return _labels(max(2, min_size), max_size).map(NominalScale)


def labelled_scales(*, min_size: int = 2, max_size: int = 7) -> SearchStrategy[Scale]:
    """Ordinal or nominal scales."""
    return st.one_of(
        ordinal_scales(min_size=min_size, max_size=max_size),
        nominal_scales(min_size=min_size, max_size=max_size),
    )


def scales() -> SearchStrategy[Scale]:
    """Scales of all three kinds (numeric first, so failures shrink to numeric)."""
    return st.one_of(numeric_scales(), ordinal_scales(), nominal_scales())


# ---------------------------------------------------------------------------- values, regions


def _scale_strategy(scale: Scale | SearchStrategy[Scale] | None) -> SearchStrategy[Scale]:
    if scale is None:
        return scales()
    if isinstance(scale, Scale):
        return st.just(scale)
    return scale


def _coords(scale: Scale) -> SearchStrategy[float]:
    """Coordinates on a scale; on numeric scales mostly a coarse grid so intervals touch."""
    if scale.discrete:
        return st.integers(0, int(scale.highest)).map(float)
    lo, hi = scale.lowest, scale.highest
    grid = st.integers(0, 8).map(lambda k: min(hi, max(lo, lo + (hi - lo) * k / 8)))
    return st.one_of(grid, st.floats(lo, hi, allow_nan=False, allow_infinity=False))


@functools.lru_cache(maxsize=256)
def _parts(scale: Scale) -> SearchStrategy[tuple[float, float]]:
    """One interval of coordinates (one label on nominal scales), cached per scale.

    Building strategies is a large part of the cost of drawing a region; scales are
    hashable values, so the strategy for each is built once.
    """
    c = _coords(scale)
    if scale.ordered:
        return st.tuples(c, c).map(lambda t: (min(t), max(t)))
    return c.map(lambda x: (x, x))


def _separate(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Re-pair the sorted endpoints of ``pairs`` consecutively, giving disjoint intervals."""
    cs = sorted(c for pair in pairs for c in pair)
    return [(cs[i], cs[i + 1]) for i in range(0, len(cs), 2)]


@functools.lru_cache(maxsize=1024)
def _part_lists(
    scale: Scale, min_parts: int, max_parts: int
) -> SearchStrategy[list[tuple[float, float]]]:
    """Lists of parts for a region: overlapping ones (to exercise merging) or separated ones.

    Independent random intervals mostly overlap and merge into one part, so on ordered
    scales half the draws re-pair sorted endpoints into disjoint intervals, giving the
    multi-part regions (with gaps) that distances and hulls must get right.
    """
    loose = st.lists(_parts(scale), min_size=min_parts, max_size=max_parts)
    if not scale.ordered:
        return loose
    c = _coords(scale)
    separated = st.lists(st.tuples(c, c), min_size=min_parts, max_size=max_parts).map(_separate)
    return st.one_of(loose, separated)


def _check_parts(min_parts: int, max_parts: int) -> None:
    if min_parts < 0 or max_parts < min_parts:
        raise ValueError(f"need 0 <= min_parts <= max_parts, got {min_parts}, {max_parts}")


def values(scale: Scale) -> SearchStrategy[Value]:
    """Values on ``scale``: numbers in range, or labels.

    Examples
    --------
    >>> import negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.values(nt.OrdinalScale(["a", "b"])))
    ... def test_labels(v):
    ...     assert v in ("a", "b")
    >>> test_labels()
    """
    return _coords(scale).map(scale.value)


def regions(
    scale: Scale | SearchStrategy[Scale] | None = None,
    *,
    min_parts: int = 0,
    max_parts: int = 4,
) -> SearchStrategy[Region]:
    """Regions on ``scale`` (a scale, a strategy of scales, or any scale when None).

    Parameters
    ----------
    scale : Scale or SearchStrategy[Scale], optional
        Where the regions lie.
    min_parts, max_parts : int
        How many intervals (labels on nominal scales) to draw before canonicalisation;
        ``min_parts=1`` gives non-empty regions.
    """
    _check_parts(min_parts, max_parts)
    if isinstance(scale, Scale):
        return _regions_on(scale, min_parts, max_parts)
    return _scale_strategy(scale).flatmap(lambda s: _regions_on(s, min_parts, max_parts))


@functools.lru_cache(maxsize=1024)
def _regions_on(scale: Scale, min_parts: int, max_parts: int) -> SearchStrategy[Region]:
    """Regions on one fixed scale (strategy built once per scale and size)."""
    return _part_lists(scale, min_parts, max_parts).map(lambda parts: Region(scale, parts))


def same_scale_regions(
    n: int = 3,
    *,
    scales: Scale | SearchStrategy[Scale] | None = None,
    min_parts: int = 0,
    max_parts: int = 4,
) -> SearchStrategy[tuple[Region, ...]]:
    """Tuples of ``n`` regions that share one scale drawn from ``scales`` (any scale if None).

    Parameters
    ----------
    n : int
        How many regions.
    scales : Scale or SearchStrategy[Scale], optional
        The shared scale, or where it is drawn from.
    min_parts, max_parts : int
        As for :func:`regions`.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.same_scale_regions(2, min_parts=1))
    ... def test_gap_is_symmetric(pair):
    ...     a, b = pair
    ...     assert a.gap(b) == b.gap(a)
    >>> test_gap_is_symmetric()
    """
    if n < 0:
        raise ValueError(f"need n >= 0, got {n}")
    _check_parts(min_parts, max_parts)
    scale_strategy = _scale_strategy(scales)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Region, ...]:
        s = draw(scale_strategy)
        part_lists = _part_lists(s, min_parts, max_parts)
        return tuple(Region(s, draw(part_lists)) for _ in range(n))

    return build()


# ---------------------------------------------------------------------------- model


@functools.lru_cache(maxsize=256)
def _positions_on(
    scale: Scale,
    saliences: SearchStrategy[float] | None = None,
    red_lines: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Position]:
    """Valid positions on one fixed scale, from strategies built once per scale (cached).

    The one implementation behind :func:`positions` and the timeline strategies.
    """
    sal = saliences if saliences is not None else st.floats(0, 1)
    red = red_lines if red_lines is not None else st.booleans()
    region = _regions_on(scale, 1, 4)
    # Where the ideal lies in its interval: at an end, or a share of the way along it.
    where = st.one_of(
        st.sampled_from((("lo", 0.0), ("hi", 1.0))),
        st.floats(0, 1).map(lambda u: ("share", u)),
    )

    def make(t: tuple[Region, int, tuple[str, float], float, bool]) -> Position:
        reg, k, (how, v), salience, red_line = t
        lo, hi = reg.parts[k % len(reg.parts)]
        if how == "lo":
            x = lo
        elif how == "hi":
            x = hi
        else:
            x = lo + v * (hi - lo)
            x = min(hi, max(lo, float(round(x)) if scale.discrete else x))
        return Position(ideal=scale.value(x), acceptable=reg, salience=salience, red_line=red_line)

    return st.tuples(region, st.integers(0, 3), where, sal, red).map(make)


def positions(
    scale: Scale | SearchStrategy[Scale] | None = None,
    *,
    saliences: SearchStrategy[float] | None = None,
    red_lines: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Position]:
    """Valid positions: a non-empty acceptable region and an ideal inside it.

    The region is drawn like :func:`regions` with ``min_parts=1`` (overlapping or separated
    parts); the ideal lies in one of its intervals: at an end, or anywhere in it. The strategies
    for each scale are built once and reused, so drawing is fast.
    """
    if isinstance(scale, Scale):
        return _positions_on(scale, saliences, red_lines)
    return _scale_strategy(scale).flatmap(lambda s: _positions_on(s, saliences, red_lines))


def issues(
    *,
    ids: SearchStrategy[str] | None = None,
    scales: SearchStrategy[Scale] | None = None,
) -> SearchStrategy[Issue]:
    """Issues with ids from ``ids`` and scales from ``scales``."""
    return st.builds(
        Issue,
        ids if ids is not None else identifiers(),
        _scale_strategy(scales),
        title=st.text(max_size=20),
    )


def parties(
    *,
    ids: SearchStrategy[str] | None = None,
    capabilities: SearchStrategy[float] | None = None,
) -> SearchStrategy[Party]:
    """Parties with ids from ``ids`` and capabilities from ``capabilities`` (default [0, 10])."""
    return st.builds(
        Party,
        ids if ids is not None else identifiers(),
        name=st.text(max_size=20),
        capability=capabilities if capabilities is not None else st.floats(0, 10),
        group=st.none() | identifiers(),
    )


def sources() -> SearchStrategy[Source]:
    """Sources with arbitrary text and an optional date."""
    return st.builds(
        Source,
        title=st.text(max_size=30),
        url=st.sampled_from(["", "https://example.org/a"]),
        publisher=st.text(max_size=12),
        date=st.none() | dates(),
        quote=st.text(max_size=40),
        kind=st.sampled_from(SourceKind),
    )


# ---------------------------------------------------------------------------- timeline

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


# ---------------------------------------------------------------------------- conditions

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


# ---------------------------------------------------------------------------- scenarios


_BOOLEANS = st.booleans()
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
        earlier = [c for c in out.conditions if c.date <= raw.date]
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


# ---------------------------------------------------------------------------- utilities


def _unit_values() -> SearchStrategy[float]:
    """Values in [0, 1], often on a coarse grid so ties between packages are common."""
    return st.one_of(
        st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
        st.floats(0, 1, allow_nan=False, allow_infinity=False),
    )


def dyadic_units(*, denominator: int = 64) -> SearchStrategy[float]:
    """Numbers ``k / denominator`` in [0, 1] (``denominator`` a power of two).

    Products and short sums of such numbers are exact in binary floating point, so laws
    about *ties* between packages can be checked without rounding creating or hiding them.
    """
    if denominator < 1 or denominator & (denominator - 1):
        raise ValueError(f"denominator must be a power of two, got {denominator}")
    return st.integers(0, denominator).map(lambda k: k / denominator)


def utility_functions(
    outcomes: dict[str, Sequence[Value]],
    *,
    values: SearchStrategy[float] | None = None,
    weights: SearchStrategy[float] | None = None,
    reserved: SearchStrategy[float] | None = None,
    infeasible: bool = False,
) -> SearchStrategy[UtilityFunction]:
    """Linear-additive utility functions with a value table over ``outcomes`` (issue → outcomes).

    Weights are drawn from ``weights`` (default [0, 1]) in the order of ``outcomes``; table
    values from ``values`` (default: [0, 1], often on a 0.25 grid so ties occur); with
    ``infeasible=True`` some outcomes are :data:`negotrack.INFEASIBLE` (a red line).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.utility_functions({"x": [0, 1], "y": ["a", "b"]}))
    ... def test_weights_nonnegative(u):
    ...     assert all(w >= 0 for w in u.weights.values())
    >>> test_weights_nonnegative()
    """
    val = values if values is not None else _unit_values()
    if infeasible:
        val = st.one_of(val, st.just(INFEASIBLE))
    wts = weights if weights is not None else _unit_values()
    res = reserved if reserved is not None else st.sampled_from([0.0, 0.0, 0.25, 0.5])

    @st.composite
    def build(draw: st.DrawFn) -> UtilityFunction:
        drawn = {i: draw(wts) for i in outcomes}
        tables = {i: {o: draw(val) for o in outs} for i, outs in outcomes.items()}
        return UtilityFunction(weights=drawn, values=tables, reserved=draw(res))

    return build()


def agreement_spaces(
    *,
    min_parties: int = 2,
    max_parties: int = 3,
    min_issues: int = 1,
    max_issues: int = 3,
    max_values: int = 4,
    infeasible: bool = True,
    values: SearchStrategy[float] | None = None,
    weights: SearchStrategy[float] | None = None,
) -> SearchStrategy[AgreementSpace]:
    """Small package problems: parties ``p0..``, issues ``i0..`` with outcomes ``0..``.

    Small enough (at most ``max_values ** max_issues`` packages) to check any result by
    enumerating every package. ``values`` and ``weights`` are passed to
    :func:`utility_functions` (use :func:`dyadic_units` for both to make every utility exact).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.agreement_spaces(max_issues=2, max_values=3))
    ... def test_small(space):
    ...     assert space.size <= 9
    >>> test_small()
    """
    if not 1 <= min_parties <= max_parties or not 1 <= min_issues <= max_issues:
        raise ValueError("need 1 <= min_parties <= max_parties and 1 <= min_issues <= max_issues")
    if max_values < 1:
        raise ValueError(f"need max_values >= 1, got {max_values}")

    @st.composite
    def build(draw: st.DrawFn) -> AgreementSpace:
        n_issues = draw(st.integers(min_issues, max_issues))
        outcomes: dict[str, Sequence[Value]] = {
            f"i{k}": tuple(range(draw(st.integers(1, max_values)))) for k in range(n_issues)
        }
        n_parties = draw(st.integers(min_parties, max_parties))
        utilities = {
            f"p{k}": draw(
                utility_functions(outcomes, infeasible=infeasible, values=values, weights=weights)
            )
            for k in range(n_parties)
        }
        return AgreementSpace(utilities, outcomes)

    return build()
