"""Readings of an uncertain record: which inputs are uncertain, and one random reading of them.

A *reading* says, for one sample, which records are false (left out), which fall after the
date analysed (an inferred date drawn late), and which statements hold another position
(an ideal or a bound drawn from its range, a red line drawn by its probability). Sample
``i`` of seed ``s`` is drawn from its own ``random.Random`` seeded by a hash of ``(s, i)``,
so a sample is the same whichever worker, batch or executor draws it.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from negotrack.model.entities import Position
from negotrack.model.regions import Region
from negotrack.model.scales import Scale, Value
from negotrack.timeline.records import Credibility, Record, Statement, probability_true
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = [
    "ASPECTS",
    "Input",
    "Reading",
    "alternatives",
    "draw",
    "grain",
    "inputs",
    "plan",
    "sample_rng",
    "sampled_snapshot",
    "uniform_int",
]

#: What of a record may be uncertain: whether it is true, its date, its ideal, the lowest
#: and highest acceptable values, whether it is a red line.
ASPECTS = ("true", "dates", "ideal", "lower", "upper", "red_line")


def sample_rng(seed: int, index: int) -> random.Random:
    """Return the random generator of sample ``index`` of ``seed`` (a hash of both).

    Examples
    --------
    >>> from negotrack.analysis.robustness.sampling import sample_rng
    >>> sample_rng(1, 7).random() == sample_rng(1, 7).random() != sample_rng(1, 8).random()
    True
    """
    digest = hashlib.blake2b(f"negotrack:{seed}:{index}".encode(), digest_size=16).digest()
    return random.Random(int.from_bytes(digest, "big"))  # noqa: S311 - simulation, not secrets


@attrs.frozen
class Input:
    """One uncertain input: an aspect (:data:`ASPECTS`) of one record.

    Attributes
    ----------
    record : str
        The record's id.
    aspect : str
        Which of its aspects is uncertain.
    """

    record: str
    aspect: str

    @property
    def key(self) -> str:
        """``record.aspect``, as reports name the input."""
        return f"{self.record}.{self.aspect}"


def inputs(
    timeline: Timeline,
    at: datetime.date | None,
    probabilities: Mapping[Credibility, float] | None = None,
) -> tuple[Input, ...]:
    """Return every uncertain input of the records that can matter on ``at``, in record order.

    A record matters if it may be dated on or before ``at``; its probability of being true
    is uncertain when below 1; a date range matters only when ``at`` falls inside it (the
    record may be in force on ``at`` or not yet).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import inputs
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> [i.key for i in inputs(tl, None)][:3]
    ['drone-claim.true', 'evidence-handover.true', 'ru-donbas-1.true']
    """
    out: list[Input] = []
    for rec in timeline.records:
        unc = rec.uncertainty
        first = unc.dates[0] if unc is not None and unc.dates is not None else rec.date
        if at is not None and first > at:
            continue
        if probability_true(rec, probabilities) < 1.0:
            out.append(Input(_id(rec), "true"))
        if unc is None:
            continue
        if unc.dates is not None and at is not None and unc.dates[0] <= at < unc.dates[1]:
            out.append(Input(_id(rec), "dates"))
        out.extend(Input(_id(rec), aspect) for aspect in unc.position_fields)
    return tuple(out)


def _id(rec: Record) -> str:
    assert rec.id is not None  # every record in a timeline has one
    return rec.id


#: What a reading drew for a statement's position: ideal, lowest and highest bound
#: (coordinates, None where not drawn) and red line (None where not drawn).
Drawn = tuple[float | None, float | None, float | None, bool | None]

#: How a range is drawn: an integer from ``first`` to ``last`` times ``step``, clipped to
#: ``[lo, hi]`` (labels: step 1 and no clipping needed); the last two are the number of
#: integers ``last - first + 1`` and its bit length (see :func:`uniform_int`).
Pick = tuple[int, int, float, float, float, int, int]


def uniform_int(getrandbits: Any, n: int) -> int:
    """Return an integer drawn uniformly from ``0 .. n - 1`` (``n`` >= 1) with ``getrandbits``.

    The rule: draw ``n.bit_length()`` random bits until the number they make is below
    ``n`` (rejection). It is the rule of CPython's ``random.Random.randint`` (``randint(a,
    b)`` is ``a + uniform_int(rng.getrandbits, b - a + 1)``, bit for bit); :func:`draw`
    runs it inline, without ``randint``'s three calls per number.

    Examples
    --------
    >>> import random
    >>> from negotrack.analysis.robustness.sampling import uniform_int
    >>> uniform_int(random.Random(3).getrandbits, 10) == random.Random(3).randint(0, 9)
    True
    """
    k = n.bit_length()
    r: int = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


@attrs.frozen
class Reading:
    """One reading of the record: records left out, dated otherwise, positions changed.

    Attributes
    ----------
    excluded : frozenset of str
        Records false in this reading.
    positions : mapping of str to Position
        Statement id to the position it holds in this reading (only those that differ).
    dates : mapping of str to datetime.date
        Record id to the date it has in this reading (only those that differ).
    drawn : mapping of str to tuple
        Statement id to what was drawn for its position — ``(ideal, lower, upper,
        red_line)``, coordinates or None for what was not drawn — made a position only if
        the statement is in force (:func:`sampled_snapshot`).
    """

    excluded: frozenset[str] = frozenset()
    positions: Mapping[str, Position] = attrs.field(factory=dict, hash=False)
    dates: Mapping[str, datetime.date] = attrs.field(factory=dict, hash=False)
    drawn: Mapping[str, Drawn] = attrs.field(factory=dict, hash=False)


def grain(scale: Scale) -> float:
    """Return the step readings and distributions use on a scale.

    1 on a labelled scale; on a numeric one the power of ten at or below a thousandth of
    its span (0.1 on 0–100).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import grain
    >>> grain(nt.NumericScale(0, 300)), grain(nt.OrdinalScale(["no", "yes"]))
    (0.1, 1.0)
    """
    if scale.discrete or scale.span <= 0:
        return 1.0
    return 10.0 ** math.floor(math.log10(scale.span / 1000))


def reposition(
    position: Position,
    *,
    ideal: float | None = None,
    lower: float | None = None,
    upper: float | None = None,
    red_line: bool | None = None,
) -> Position:
    """Return ``position`` with the given coordinates: bounds moved, ideal kept inside.

    The lowest bound moves the first interval's start, the highest the last interval's
    end; a bound drawn past the other end of its interval meets it (a drawn lowest bound
    above a drawn highest one meets it at the highest); an ideal left outside the region
    moves to the nearest acceptable value.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import reposition
    >>> s = nt.NumericScale(0, 100)
    >>> pos = nt.Position(ideal=50, acceptable=nt.Region.interval(s, 40, 60))
    >>> reposition(pos, lower=55, ideal=45).describe()
    'ideal 55, accepts [55, 60], salience 1'
    """
    scale = position.scale
    parts = list(position.acceptable.parts)
    if parts and lower is not None:
        lo, hi = parts[0]
        parts[0] = (min(lower, hi) if len(parts) > 1 or upper is None else lower, hi)
    if parts and upper is not None:
        lo, hi = parts[-1]
        parts[-1] = (lo, max(upper, lo) if len(parts) > 1 or lower is None else upper)
    if len(parts) == 1 and parts[0][0] > parts[0][1]:  # both drawn, crossed: they meet
        parts[0] = (parts[0][1], parts[0][1])
    # canonical as it stands: only the first start and the last end moved, each kept on its
    # own side of its interval, to values of the record's ranges (on the scale, checked
    # when the record was made); the law test_reposition_equals_the_checked_position
    region = Region._of_canonical(scale, tuple((float(lo), float(hi)) for lo, hi in parts))
    coord = scale.coord(position.ideal) if ideal is None else float(ideal)
    if not region._holds(coord):
        coord = min((c for part in region.parts for c in part), key=lambda c: (abs(c - coord), c))
    # the ideal now lies in the region: the Position's checks hold by construction
    moved = object.__new__(Position)
    object.__setattr__(moved, "ideal", scale.value(coord))
    object.__setattr__(moved, "acceptable", region)
    object.__setattr__(moved, "salience", position.salience)
    object.__setattr__(moved, "red_line", position.red_line if red_line is None else red_line)
    return moved


#: One uncertain record as :func:`draw` visits it: id, probability of being true, its date
#: range as ``(first day, number of days)`` (None: certain), how to draw its position — the
#: ideal, lower and upper bound that are uncertain, each as ``(slot, *Pick)`` with slot 0,
#: 1, 2, and the probability of a red line (None: certain) — or None when nothing of its
#: position is uncertain, and its date.
Entry = tuple[
    str,
    float,
    tuple[datetime.date, int] | None,
    tuple[tuple[tuple[int, int, int, float, float, float, int, int], ...], float | None] | None,
    datetime.date,
]


def _pick_of(scale: Scale, pair: tuple[Value, ...] | None) -> Pick | None:
    if pair is None:
        return None
    lo, hi = scale.coord(pair[0]), scale.coord(pair[1])
    if scale.discrete:
        first, last, step = int(lo), int(hi), 1.0
    else:
        step = grain(scale)
        first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
        if first > last:  # a range narrower than a step: its low end
            first, last, step, hi = 0, 0, 0.0, lo
    n = last - first + 1
    return first, last, step, lo, hi, n, n.bit_length()


def plan(
    timeline: Timeline, probabilities: Mapping[Credibility, float] | None = None
) -> tuple[Entry, ...]:
    """Return the uncertain records of ``timeline`` in record order (what :func:`draw` visits).

    Records that are certain (probability 1, no uncertainty) draw nothing and are left out.
    """
    out: list[Entry] = []
    for rec in timeline.records:
        p = probability_true(rec, probabilities)
        unc = rec.uncertainty
        if p >= 1.0 and (unc is None or unc.is_certain):
            continue
        picks: list[Pick | None] = [None, None, None]
        if isinstance(rec, Statement) and unc is not None:
            scale = rec.position.scale
            picks = [
                _pick_of(scale, unc.ideal),
                _pick_of(scale, unc.lower),
                _pick_of(scale, unc.upper),
            ]
        days = None
        if unc is not None and unc.dates is not None:
            days = (unc.dates[0], (unc.dates[1] - unc.dates[0]).days + 1)
        red = None if unc is None else unc.red_line
        position = None
        if red is not None or picks != [None, None, None]:
            position = (tuple((k, *pick) for k, pick in enumerate(picks) if pick is not None), red)
        out.append((_id(rec), p, days, position, rec.date))
    return tuple(out)


def draw(
    timeline: Timeline,
    at: datetime.date | None,
    rng: random.Random,
    probabilities: Mapping[Credibility, float] | None = None,
    *,
    entries: tuple[Entry, ...] | None = None,
) -> Reading:
    """Draw one reading of the record with ``rng``.

    Every uncertain record is visited in record order and draws the same numbers whatever
    the others drew: its truth (if its probability is below 1), its date (if it has a
    range), then its ideal, lowest, highest acceptable value and red line (if uncertain).
    A record with a date range gets a day drawn uniformly from it (in force on ``at``
    only if that day is on or before ``at``); a value range a value drawn uniformly from
    its steps of :func:`grain` (every label of an ordinal range). ``entries`` is
    :func:`plan` of the timeline, when the caller has it.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import draw, sample_rng
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> reading = draw(tl, None, sample_rng(0, 0))
    >>> reading == draw(tl, None, sample_rng(0, 0))
    True
    """
    excluded: set[str] = set()
    dates: dict[str, datetime.date] = {}
    drawn: dict[str, Drawn] = {}
    getrandbits, uniform = rng.getrandbits, rng.random
    for rid, p, days, position, date in (
        plan(timeline, probabilities) if entries is None else entries
    ):
        if p < 1.0 and uniform() >= p:
            excluded.add(rid)
        if days is not None:
            day = days[0] + datetime.timedelta(days=uniform_int(getrandbits, days[1]))
            if day != date:
                dates[rid] = day
        if position is None:
            continue
        picks, red_line = position
        coords: list[float | None] = [None, None, None]
        for slot, first, _, step, lo, hi, n, bits in picks:
            # uniform_int, inline (the draw's hot loop): first + r, r in 0 .. n - 1
            r = getrandbits(bits)
            while r >= n:
                r = getrandbits(bits)
            # min(hi, max(lo, v)) without the calls: the same value (ties give the bound)
            v = (first + r) * step
            v = v if v > lo else lo
            coords[slot] = v if v < hi else hi
        red = None if red_line is None else uniform() < red_line
        drawn[rid] = (coords[0], coords[1], coords[2], red)
    return Reading(frozenset(excluded), dates=dates, drawn=drawn)


def sampled_snapshot(
    timeline: Timeline,
    at: datetime.date | None,
    min_credibility: Credibility,
    reading: Reading,
    made: dict[tuple[str, Drawn], Statement] | None = None,
) -> Snapshot:
    """Return the snapshot of ``timeline`` on ``at`` under one reading.

    ``made``, if given, keeps the statements drawn otherwise (by id and what was drawn)
    for the next readings that draw the same.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import Reading, sampled_snapshot
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = sampled_snapshot(tl, None, nt.Credibility.ALLEGED, Reading(frozenset({"ru-donbas-2"})))
    >>> snap.statements[("RU", "donbas_withdrawal")].id
    'ru-donbas-1'
    """
    snap = timeline.snapshot(
        at, min_credibility=min_credibility, exclude=reading.excluded, redate=reading.dates
    )
    if not reading.positions and not reading.drawn:
        return snap
    changed = {}
    positions, drawn = reading.positions, reading.drawn
    for key, coded in snap.statements.items():
        st = coded
        position = positions.get(st.id) if positions and st.id is not None else None
        if position is not None:
            st = attrs.evolve(st, position=position, uncertainty=None)
        elif st.id is not None and st.id in drawn:
            what = drawn[st.id]
            known = None if made is None else made.get((st.id, what))
            if known is None:
                ideal, lower, upper, red = what
                moved = reposition(st.position, ideal=ideal, lower=lower, upper=upper, red_line=red)
                known = _holding(st, moved)
                if made is not None:
                    made[(st.id, what)] = known
            st = known
        changed[key] = st
    return attrs.evolve(snap, statements=changed)


#: A statement's fields, in order (see :func:`_holding`).
_STATEMENT_FIELDS = tuple(a.name for a in attrs.fields(Statement))


def _holding(statement: Statement, position: Position) -> Statement:
    """Return ``statement`` holding ``position``, certain: ``attrs.evolve`` without the checks.

    The statement was checked when made and the position when :func:`reposition` made it;
    a sample makes hundreds of these (a tenth of its time went to checking them again).
    Equal to ``attrs.evolve(statement, position=position, uncertainty=None)``.
    """
    made = object.__new__(Statement)
    for name in _STATEMENT_FIELDS:
        object.__setattr__(made, name, getattr(statement, name))
    object.__setattr__(made, "position", position)
    object.__setattr__(made, "uncertainty", None)
    return made


def alternatives(
    timeline: Timeline,
    at: datetime.date | None,
    item: Input,
    probabilities: Mapping[Credibility, float] | None = None,
    *,
    points: int = 5,
) -> Iterator[tuple[float, Reading]]:
    """Yield the other readings of one input alone, each with its probability.

    The one-at-a-time sensitivity: everything else as coded, this input read otherwise.
    ``true``: the record false (probability ``1 - p``); ``red_line``: the red line flipped;
    ``dates``: the record dated on the other side of ``at`` (the share of its days there);
    a range:
    ``points`` evenly spaced values (every label of an ordinal range), equally likely.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.sampling import Input, alternatives
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> [(w, sorted(r.excluded)) for w, r in alternatives(tl, None, Input("drone-claim", "true"))]
    [(0.5, ['drone-claim'])]
    """
    rec = next(r for r in timeline.records if r.id == item.record)
    unc = rec.uncertainty
    if item.aspect == "true":
        yield 1.0 - probability_true(rec, probabilities), Reading(frozenset({item.record}))
        return
    assert unc is not None
    if item.aspect == "dates":
        assert unc.dates is not None
        assert at is not None
        first, last = unc.dates
        days = (last - first).days + 1
        late = (last - at).days
        if rec.date <= at:
            yield late / days, Reading(dates={item.record: last})
        else:
            yield (days - late) / days, Reading(dates={item.record: first})
        return
    assert isinstance(rec, Statement)
    position = rec.position
    if item.aspect == "red_line":
        assert unc.red_line is not None
        flip = unc.red_line if not position.red_line else 1.0 - unc.red_line
        changed = reposition(position, red_line=not position.red_line)
        yield flip, Reading(positions={item.record: changed})
        return
    scale = position.scale
    pair = getattr(unc, item.aspect)
    lo, hi = scale.coord(pair[0]), scale.coord(pair[1])
    if scale.discrete:
        coords = [float(c) for c in range(int(lo), int(hi) + 1)]
    else:
        coords = [lo + (hi - lo) * k / (points - 1) for k in range(points)]
    for c in coords:
        changed = reposition(
            position,
            ideal=c if item.aspect == "ideal" else None,
            lower=c if item.aspect == "lower" else None,
            upper=c if item.aspect == "upper" else None,
        )
        if changed != position:
            yield 1.0 / len(coords), Reading(positions={item.record: changed})
