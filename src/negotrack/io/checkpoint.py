"""The store's checkpoint: a compact snapshot of the checked record, trusted while its digest holds.

A :class:`~negotrack.Store` keeps every record as a JSON document that is read back through
the converter and every rule of the model, about 40 µs a statement. Beside the rows it keeps
a *checkpoint* (table ``checkpoint``, same file): the records as they were when they were
checked and stored, in a compact form (:func:`encode`), written in the same transaction as
the rows it covers. Opening a store reads the checkpoint instead of the documents when, and
only when, every part of it is intact: each part names the rows it covers and carries a
SHA-256 digest (:func:`digest`) of those rows' stored text (every column, in ``seq`` order),
of the agenda rows it covers, and of its own data. A row changed, deleted or inserted behind
the store's back, a part changed, an unknown format version or another negotrack version
makes the digest (or the coverage) disagree, and the store then reads and checks every row as
it always did — refusing a bad one by name. Rows after the last part (written by an older
negotrack, or by hand) are read and checked row by row on top of the checkpoint.

What the digest protects against: accidental and foreign edits — another program, an older
negotrack, a hand edit with ``sqlite3``, a half-restored backup. It is not a signature: anyone
who can write the file can recompute it, so it does not stop a deliberate forger (who could
as well edit the rows *and* write a checkpoint that agrees with them). A store is as
trustworthy as the hands that can write its file.

The format (version :data:`FORMAT`), one JSON text per part::

    [FORMAT, dates, names, sources, records]

``dates`` lists each distinct statement date once (ISO), ``names`` each party and issue id
statements name, ``sources`` each distinct statement source, ``[title, url, publisher, date,
quote, kind]``; ``records`` holds one array per record. A statement is ``[0, id, party,
issue, date, credibility, source, ideal, salience, red_line, lo, hi, ...]``: ``party``,
``issue``, ``date`` and ``source`` index those tables, ``credibility`` is its number, and the
acceptable region's intervals of coordinates on the issue's scale close the array. A
statement with a ``supersedes``, ``cites``, ``note`` or ``uncertainty`` has, in place of the
``0``, ``[supersedes, cites, note, uncertainty]``. Events (``[1, ...]``) and conditions
(``[2, ...]``) list their attrs fields in order. A value that is not a JSON scalar is
tagged: ``["T", ...]`` a tuple, ``["M", k, v, ...]`` a dict, ``["D", iso]`` a date, ``["E",
enum, value]`` an enumeration member, ``["I", issue, lo, hi, ...]`` an issue clause, ``["A",
class, fields...]`` another model object (a source, an event clause, an uncertainty).
Numbers keep their type (``15.0`` is a float, ``15`` an int), so the objects rebuilt equal
the checked ones exactly, type for type.

Rebuilding skips the model's checks: objects are made with ``object.__new__`` and their
fields set as the checked objects held them. This is the one place in negotrack that does
so; it is only ever fed data whose digest matched. Bump :data:`FORMAT` when the format or a
model rule changes (a release changes the writer's version, which also retires every
checkpoint it did not write).

Examples
--------
>>> import datetime, negotrack as nt
>>> from negotrack.io import checkpoint
>>> years = nt.NumericScale(0, 100, unit="years")
>>> tl = nt.Timeline(issues=[nt.Issue("years", years)], parties=[nt.Party("UA")])
>>> st = tl.add(nt.Statement(party="UA", issue="years", date=datetime.date(2025, 12, 28),
...     position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 15, 100)),
...     source=nt.Source(title="Zelensky asks for 50 years")))
>>> data = checkpoint.encode(tl.records)
>>> data
'[1,["2025-12-28"],["UA","years"],[["Zelensky asks for 50 years","","",null,"","media"]],[[0,"s1",0,1,0,4,0,50.0,1.0,false,15.0,100.0]]]'
>>> checkpoint.decode(data, tl) == [st]
True
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from negotrack.errors import CheckpointError
from negotrack.model.entities import Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import Scale
from negotrack.model.uncertainty import Uncertainty
from negotrack.timeline.records import (
    Condition,
    ConditionKind,
    Credibility,
    Event,
    EventClause,
    IssueClause,
    Record,
    Statement,
)
from negotrack.timeline.timeline import Timeline

__all__ = ["CHUNK", "FORMAT", "decode", "digest", "encode", "writer"]

#: The checkpoint format this negotrack writes and trusts (any other: rows read in full).
FORMAT = 1
#: The most rows (agenda and records) one part covers; smaller parts are merged up to it.
CHUNK = 4096
#: How many parts of one size are merged into one (see :func:`append`).
_FANOUT = 8

#: The model classes written field by field (``["A", name, ...]``), with their field names.
_CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in (Source, Uncertainty, EventClause, Event, Condition)
}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in attrs.fields(cls))
    for cls in (*_CLASSES.values(), Statement, Position, Region, IssueClause)
}


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Return the function that sets field ``name`` of a (frozen) ``cls`` object."""
    slot: Any = cls.__dict__.get(name)
    if type(slot).__name__ == "member_descriptor":  # a slotted class: its slot, directly
        setter: Callable[[Any, Any], None] = slot.__set__
        return setter
    return lambda obj, value: object.__setattr__(obj, name, value)


#: The enumerations a field may hold.
_ENUMS: dict[str, type[enum.Enum]] = {
    e.__name__: e for e in (Credibility, SourceKind, ConditionKind)
}
#: The statement fields, in the order the reader sets them.
_STATEMENT = (
    "id",
    "party",
    "issue",
    "date",
    "credibility",
    "supersedes",
    "cites",
    "note",
    "source",
    "position",
    "uncertainty",
)
#: Field setters, in the order the reader sets them.
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {
    Region: (_setter(Region, "scale"), _setter(Region, "parts")),
    Position: tuple(_setter(Position, f) for f in ("ideal", "acceptable", "salience", "red_line")),
    Statement: tuple(_setter(Statement, f) for f in _STATEMENT),
}
#: Whether the layouts written by hand (statements, positions, regions, issue clauses,
#: sources) name every field of their class: else no checkpoint is written or trusted.
KNOWN = (
    set(_STATEMENT) == set(_FIELDS[Statement])
    and _FIELDS[Position] == ("ideal", "acceptable", "salience", "red_line")
    and _FIELDS[Region] == ("scale", "parts")
    and _FIELDS[IssueClause] == ("issue", "region")
    and _FIELDS[Source] == ("title", "url", "publisher", "date", "quote", "kind")
)

_KIND_TAGS = {Statement: 0, Event: 1, Condition: 2}

#: The text each covered row contributes to the digest, built by SQLite (every column).
_AGENDA_ROWS = (
    "SELECT CAST(kind || ' ' || id || ' ' || doc AS BLOB) "
    "FROM agenda WHERE seq > ? AND seq <= ? ORDER BY seq"
)
_RECORD_ROWS = (
    "SELECT CAST(kind || ' ' || id || ' ' || date || ' ' || doc AS BLOB) "
    "FROM records WHERE seq > ? AND seq <= ? ORDER BY seq"
)

#: The table (created in a store's first write by a negotrack that has checkpoints).
SCHEMA_SQL = """CREATE TABLE IF NOT EXISTS checkpoint (
    part INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    writer TEXT NOT NULL,
    agenda_from INTEGER NOT NULL,
    agenda_to INTEGER NOT NULL,
    records_from INTEGER NOT NULL,
    records_to INTEGER NOT NULL,
    digest TEXT NOT NULL,
    data TEXT NOT NULL)"""


@functools.cache
def writer() -> str:
    """Return the writer's name stored with each part: the negotrack version and :data:`FORMAT`.

    Examples
    --------
    >>> from negotrack.io import checkpoint
    >>> checkpoint.writer().startswith("negotrack ")
    True
    """
    from importlib import metadata  # only when a checkpoint is written

    try:
        version = metadata.version("negotrack")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        version = "0+unknown"
    return f"negotrack {version} checkpoint {FORMAT}"


# ---------------------------------------------------------------------------- encoding
def _flat(region: Region) -> list[float]:
    return [x for part in region.parts for x in part]


def _value(v: Any) -> Any:  # noqa: PLR0911 - one return per kind of value, flat on purpose
    """Return ``v`` as JSON data, tagged when it is not a JSON scalar."""
    kind = type(v)
    if v is None or kind in (str, bool, int, float):
        return v
    if kind is tuple:
        return ["T", *map(_value, v)]
    if kind is dict:
        return ["M", *(x for pair in v.items() for x in map(_value, pair))]
    if kind is datetime.date:
        return ["D", v.isoformat()]
    if isinstance(v, enum.Enum) and _ENUMS.get(kind.__name__) is kind:
        return ["E", kind.__name__, v.value]
    if kind is IssueClause:
        return ["I", v.issue, *_flat(v.region)]
    if _CLASSES.get(kind.__name__) is kind:
        return ["A", kind.__name__, *(_value(getattr(v, f)) for f in _FIELDS[kind])]
    raise CheckpointError(f"the checkpoint cannot hold {v!r}", path="checkpoint", value=v)


def encode(records: Iterable[Record]) -> str:
    """Return the checkpoint text of checked records (in the format described above).

    Parameters
    ----------
    records : iterable of Statement, Event or Condition
        Records as a timeline holds them (checked; statements on their issue's scale).

    Returns
    -------
    str
        One JSON text.

    Raises
    ------
    CheckpointError
        If a record holds something the format has no place for (a class of the user's
        own, say); the store then keeps no checkpoint.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io import checkpoint
    >>> checkpoint.encode([nt.Event(id="summit", date=datetime.date(2026, 1, 10), title="Summit")])
    '[1,[],[],[],[[1,"summit",["D","2026-01-10"],"Summit",["E","Credibility",4],["T"],["T"],"","happened",["M"],null,"",null]]]'
    """
    if not KNOWN:  # pragma: no cover - a model field the layout does not know
        raise CheckpointError("the checkpoint layout is out of date", path="checkpoint")
    sources: dict[Source, int] = {}
    days: dict[datetime.date, int] = {}
    names: dict[str, int] = {}
    out: list[list[Any]] = []
    for r in records:
        kind = type(r)
        if kind is Statement:
            assert isinstance(r, Statement)
            src = r.source
            if type(src) is not Source:
                raise CheckpointError(f"the checkpoint cannot hold {src!r}", path="checkpoint")
            index = sources.setdefault(src, len(sources))
            pos = r.position
            if type(pos) is not Position or type(pos.acceptable) is not Region:
                raise CheckpointError(f"the checkpoint cannot hold {pos!r}", path="checkpoint")
            row = [
                0,
                r.id,
                names.setdefault(r.party, len(names)),
                names.setdefault(r.issue, len(names)),
                days.setdefault(r.date, len(days)),
                int(r.credibility),
                index,
                _value(pos.ideal),
                _value(pos.salience),
                _value(pos.red_line),
                *_flat(pos.acceptable),
            ]
            if r.supersedes is not None or r.cites or r.note or r.uncertainty is not None:
                row[0] = [r.supersedes, list(r.cites), r.note, _value(r.uncertainty)]
            out.append(row)
        elif kind in (Event, Condition):
            out.append([_KIND_TAGS[kind], *(_value(getattr(r, f)) for f in _FIELDS[kind])])
        else:
            raise CheckpointError(f"the checkpoint cannot hold {r!r}", path="checkpoint")
    table = [
        [s.title, s.url, s.publisher, s.date and s.date.isoformat(), s.quote, s.kind.value]
        for s in sources
    ]
    if any(
        type(x) is not str for s in sources for x in (s.title, s.url, s.publisher, s.quote)
    ) or any(s.date is not None and type(s.date) is not datetime.date for s in sources):
        raise CheckpointError("the checkpoint holds only plain text", path="checkpoint")
    if any(type(d) is not datetime.date for d in days):
        raise CheckpointError("the checkpoint holds only dates, not times", path="checkpoint")
    dates = [d.isoformat() for d in days]
    return json.dumps(
        [FORMAT, dates, list(names), table, out], ensure_ascii=False, separators=(",", ":")
    )


# ---------------------------------------------------------------------------- decoding
_new = object.__new__
_set = object.__setattr__
_first = operator.itemgetter(0)


def _pairs(flat: list[float]) -> tuple[tuple[float, float], ...]:
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _region(scale: Scale, flat: list[float]) -> Region:
    region = _new(Region)
    _set(region, "scale", scale)
    _set(region, "parts", _pairs(flat))
    return region


class _Reader:
    """Rebuild records from checkpoint data, without the model's checks (trusted data only)."""

    def __init__(self, agenda: Timeline) -> None:
        self.scales = {i.id: i.scale for i in agenda.issues}
        self.dates: dict[str, datetime.date] = {}
        self.credibility = {c.value: c for c in Credibility}
        self.kinds = {k.value: k for k in SourceKind}

    def date(self, iso: str) -> datetime.date:
        day = self.dates.get(iso)
        if day is None:
            day = self.dates[iso] = datetime.date.fromisoformat(iso)
        return day

    def value(self, v: Any) -> Any:  # noqa: PLR0911 - one return per tag, flat on purpose
        if type(v) is not list:
            return v
        tag = v[0]
        if tag == "T":
            return tuple(map(self.value, v[1:]))
        if tag == "M":
            items = list(map(self.value, v[1:]))
            return dict(zip(items[::2], items[1::2], strict=True))
        if tag == "D":
            return self.date(v[1])
        if tag == "E":
            return _ENUMS[v[1]](v[2])
        if tag == "I":
            clause = _new(IssueClause)
            _set(clause, "issue", v[1])
            _set(clause, "region", _region(self.scales[v[1]], v[2:]))
            return clause
        if tag == "A":
            cls = _CLASSES[v[1]]
            return self.fields(cls, v[2:])
        raise ValueError(f"unknown tag {tag!r}")

    def fields(self, cls: type, values: list[Any]) -> Any:
        names = _FIELDS[cls]
        if len(values) != len(names):
            raise ValueError(f"{cls.__name__} has {len(names)} fields, not {len(values)}")
        obj: Any = _new(cls)
        for name, v in zip(names, values, strict=True):
            _set(obj, name, self.value(v))
        return obj

    def sources(self, table: list[list[Any]]) -> list[Source]:
        out = []
        for title, url, publisher, day, quote, kind in table:
            src = _new(Source)
            _set(src, "title", title)
            _set(src, "url", url)
            _set(src, "publisher", publisher)
            _set(src, "date", None if day is None else self.date(day))
            _set(src, "quote", quote)
            _set(src, "kind", self.kinds[kind])
            out.append(src)
        return out

    def records(self, data: str) -> list[Record]:
        fmt, days, names, table, rows = json.loads(data)
        if fmt != FORMAT:
            raise ValueError(f"format {fmt!r}")
        day = list(map(self.date, days))
        scales = [self.scales.get(name) for name in names]
        sources = self.sources(table)
        credibility, value = self.credibility, self.value
        new = _new
        region_scale, region_parts = _SETTERS[Region]
        ideal_, acceptable_, salience_, red_line_ = _SETTERS[Position]
        (
            id_,
            party_,
            issue_,
            date_,
            credibility_,
            supersedes_,
            cites_,
            note_,
            source_,
            position_,
            uncertainty_,
        ) = _SETTERS[Statement]
        out: list[Record] = []
        append = out.append
        for row in rows:
            tag = row[0]
            if tag == 1:
                append(self.fields(Event, row[1:]))
                continue
            if tag == 2:
                append(self.fields(Condition, row[1:]))
                continue
            issue = row[3]
            region = new(Region)
            region_scale(region, scales[issue])
            region_parts(
                region,
                ((row[10], row[11]),)
                if len(row) == 12
                else tuple(zip(row[10::2], row[11::2], strict=True)),
            )
            pos = new(Position)
            ideal_(pos, row[7])
            acceptable_(pos, region)
            salience_(pos, row[8])
            red_line_(pos, row[9])
            st = new(Statement)
            id_(st, row[1])
            party_(st, names[row[2]])
            issue_(st, names[issue])
            date_(st, day[row[4]])
            credibility_(st, credibility[row[5]])
            source_(st, sources[row[6]])
            position_(st, pos)
            if tag == 0:
                supersedes_(st, None)
                cites_(st, ())
                note_(st, "")
                uncertainty_(st, None)
            else:
                sup, cites, note, unc = tag
                supersedes_(st, sup)
                cites_(st, tuple(cites))
                note_(st, note)
                uncertainty_(st, None if unc is None else value(unc))
            append(st)
        return out


def decode(data: str, agenda: Timeline) -> list[Record]:
    """Rebuild the records of checkpoint text, on the scales of ``agenda``'s issues.

    Only for text whose digest matched (see the module's notes): nothing is checked again.

    Parameters
    ----------
    data : str
        One part's text, as :func:`encode` wrote it.
    agenda : Timeline
        The issues the statements and clauses lie on.

    Returns
    -------
    list of Statement, Event or Condition

    Raises
    ------
    CheckpointError
        If the text is not in this format (another version, or cut short).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io import checkpoint
    >>> checkpoint.decode('[1,[],[],[],[]]', nt.Timeline(issues=[], parties=[]))
    []
    """
    try:
        return _Reader(agenda).records(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as err:
        raise CheckpointError(
            f"the checkpoint cannot be read ({type(err).__name__}: {err})", path="checkpoint"
        ) from None


# ---------------------------------------------------------------------------- the digest
def _rows(conn: sqlite3.Connection, sql: str, lo: int, hi: int) -> bytes:
    """Return the covered rows' text, one row a line (a document holds no raw line break)."""
    if lo == hi:
        return b""
    return b"\n".join(map(_first, conn.execute(sql, (lo, hi))))


def digest(
    conn: sqlite3.Connection,
    agenda: tuple[int, int],
    records: tuple[int, int],
    data: str,
    *,
    version: int = FORMAT,
    by: str | None = None,
) -> str:
    """Return the SHA-256 digest of one part: the rows it covers and its own data.

    Parameters
    ----------
    conn : sqlite3.Connection
        The store, inside a transaction.
    agenda, records : tuple of int
        The ``seq`` ranges covered, ``(after, up_to)``.
    data : str
        The part's checkpoint text.
    version, by : optional
        The format version and writer recorded with the part (default: this negotrack's).

    Returns
    -------
    str
        Hexadecimal.

    Examples
    --------
    >>> import sqlite3
    >>> from negotrack.io import checkpoint
    >>> conn = sqlite3.connect(":memory:")
    >>> _ = conn.execute("CREATE TABLE agenda (seq, kind, id, doc)")
    >>> _ = conn.execute("CREATE TABLE records (seq, kind, id, date, doc)")
    >>> len(checkpoint.digest(conn, (0, 0), (0, 0), "[1,[],[]]"))
    64
    """
    h = hashlib.sha256()
    head = f"negotrack checkpoint\n{version}\n{by or writer()}\n{agenda}\n{records}\n"
    h.update(head.encode())
    h.update(_rows(conn, _AGENDA_ROWS, *agenda))
    h.update(_rows(conn, _RECORD_ROWS, *records))
    h.update(data.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# ---------------------------------------------------------------------------- in the store
def _exists(conn: sqlite3.Connection) -> bool:
    sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'checkpoint'"
    return bool(conn.execute(sql).fetchone()[0])


def load(
    conn: sqlite3.Connection, agenda: Timeline, agenda_seq: int, records_seq: int
) -> tuple[list[Record], int]:
    """Return the records the checkpoint covers and the last ``seq`` it covers (internal).

    Raises
    ------
    CheckpointError
        If there is no checkpoint, or any part of it is not intact (the caller then reads
        every row).
    """
    if not _exists(conn):
        raise CheckpointError("the store has no checkpoint", path="checkpoint")
    if not KNOWN:  # pragma: no cover - a model field the layout does not know
        raise CheckpointError("the checkpoint layout is out of date", path="checkpoint")
    parts = conn.execute(
        "SELECT part, version, writer, agenda_from, agenda_to, records_from, records_to, "
        "digest, data FROM checkpoint ORDER BY part"
    ).fetchall()
    if not parts:
        raise CheckpointError("the store has no checkpoint", path="checkpoint")
    end_a = end_r = 0
    for part, version, by, a0, a1, r0, r1, _, data in parts:
        if version != FORMAT or by != writer():
            raise CheckpointError(f"part {part} was written by {by!r}", path="checkpoint")
        if (a0, r0) != (end_a, end_r) or a1 < a0 or r1 < r0 or type(data) is not str:
            raise CheckpointError(f"part {part} does not follow on", path="checkpoint")
        end_a, end_r = a1, r1
    if end_a > agenda_seq or end_r > records_seq:
        raise CheckpointError("the checkpoint covers rows that are gone", path="checkpoint")
    for part, version, by, a0, a1, r0, r1, seal, data in parts:
        if digest(conn, (a0, a1), (r0, r1), data, version=version, by=by) != seal:
            raise CheckpointError(f"part {part}: the digest disagrees", path="checkpoint")
    records: list[Record] = []
    for *_, data in parts:
        records += decode(data, agenda)
    if len(records) != end_r:
        raise CheckpointError("the checkpoint's records are not its rows", path="checkpoint")
    return records, end_r


def _insert(
    conn: sqlite3.Connection,
    part: int | None,
    agenda: tuple[int, int],
    records: tuple[int, int],
    data: str,
) -> None:
    conn.execute(
        "INSERT INTO checkpoint (part, version, writer, agenda_from, agenda_to, records_from, "
        "records_to, digest, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (part, FORMAT, writer(), *agenda, *records, digest(conn, agenda, records, data), data),
    )


def rebuild(conn: sqlite3.Connection, records: Sequence[Record], agenda_seq: int) -> None:
    """Replace the checkpoint by one covering every row (internal; inside the write).

    Raises
    ------
    CheckpointError
        If a record cannot be written in the format (the checkpoint is then left empty).
    """
    conn.execute(SCHEMA_SQL)
    conn.execute("DELETE FROM checkpoint")
    n = len(records)
    start = 0
    agenda = (0, agenda_seq)
    while True:
        stop = min(n, start + CHUNK)
        _insert(conn, None, agenda, (start, stop), encode(records[start:stop]))
        agenda = (agenda_seq, agenda_seq)
        start = stop
        if start >= n:
            return


def _level(weight: int) -> int:
    """Return a part's level: 0 below 8 rows, 1 below 64, and so on (a power of 8)."""
    level = 0
    while weight >= _FANOUT:
        weight //= _FANOUT
        level += 1
    return level


def append(
    conn: sqlite3.Connection,
    timeline: Timeline,
    before: tuple[int, int],
    after: tuple[int, int],
) -> bool:
    """Add a part for the rows one transaction wrote, merging small parts (internal).

    ``timeline`` is the whole record as it now stands (record ``k`` is row ``k + 1``);
    ``before`` and ``after`` are the last agenda and record ``seq`` before and after the
    write. Parts are merged by levels (a power of 8 rows each): parts smaller than the new
    one are taken into it, and eight of one level become one of the next, up to
    :data:`CHUNK` rows, so a record is written again about four times in all, and there are
    a few dozen parts besides the full ones. Returns False if the checkpoint does not end
    where the write began (the caller then rebuilds it).
    """
    try:
        tail = conn.execute(
            "SELECT part, agenda_from, agenda_to, records_from, records_to FROM checkpoint "
            "ORDER BY part DESC LIMIT 64"
        ).fetchall()
    except sqlite3.OperationalError as err:  # no table: a store written before checkpoints
        if "no such table" in str(err):
            return False
        raise
    if not tail or (tail[0][2], tail[0][4]) != before:
        return False
    (a0, r0), (a1, r1) = before, after
    weight = (a1 - a0) + (r1 - r0)
    weights = [(pa1 - pa0) + (pr1 - pr0) for _, pa0, pa1, pr0, pr1 in tail]
    taken = 0
    # Smaller parts first (they cost less to write again than the new one), ...
    while (
        taken < len(tail)
        and _level(weights[taken]) < _level(weight)
        and weight + weights[taken] <= CHUNK
    ):
        weight += weights[taken]
        taken += 1
    # ... then eight parts of one level (the new one among them) become one part.
    while True:
        peers = taken
        while peers < len(tail) and _level(weights[peers]) == _level(weight):
            peers += 1
        total = weight + sum(weights[taken:peers])
        if peers - taken + 1 < _FANOUT or total > CHUNK:
            break
        weight, taken = total, peers
    merged = [part for part, *_ in tail[:taken]]
    if merged:
        a0, r0 = tail[taken - 1][1], tail[taken - 1][3]
        conn.executemany("DELETE FROM checkpoint WHERE part = ?", [(p,) for p in merged])
    data = encode(timeline.records_since(r0))
    _insert(conn, merged[-1] if merged else None, (a0, a1), (r0, r1), data)
    return True


def drop(conn: sqlite3.Connection) -> None:
    """Remove every part (internal: the store keeps no checkpoint it cannot write)."""
    if _exists(conn):
        conn.execute("DELETE FROM checkpoint")
