"""The store: a growing negotiation record in one SQLite file.

:class:`Store` keeps the agenda (issues and parties) and the records (events, statements,
conditions) of a negotiation in an SQLite database (standard library ``sqlite3``, WAL
journal). Each :meth:`Store.add` is one transaction, validated by the same rules as
:meth:`negotrack.Timeline.add` (the store keeps a timeline in memory and appends to it);
:meth:`Store.timeline` reads the record back exactly, in the order it was added.

Records are JSON documents produced by the one converter of
:mod:`negotrack.io.serialization`, so the store and scenario files share every rule.
Nothing is ever updated or deleted (triggers refuse it): superseded statements stay, and
history can always be replayed. Several processes may append to one store at once: writes
take SQLite's write lock (``BEGIN IMMEDIATE``) and wait for it up to ``timeout`` seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from negotrack._collector import PROMOTE_FROM, collector_paused
from negotrack.errors import (
    CheckpointError,
    InvalidTypeError,
    NegotrackError,
    StoreError,
    TimelineError,
)
from negotrack.io import checkpoint, serialization
from negotrack.io.scenario import MAX_DEPTH, Scenario, Update
from negotrack.model.entities import Issue, Party
from negotrack.timeline.records import Condition, Event, Record, Statement
from negotrack.timeline.timeline import Timeline

__all__ = ["APPLICATION_ID", "STORE_SCHEMA", "Store"]

#: The store layout version this negotrack reads and writes (``PRAGMA user_version``).
STORE_SCHEMA = 1
#: Marks an SQLite file as a negotrack store (``PRAGMA application_id``; "NTRK").
APPLICATION_ID = 0x4E54524B
#: The first bytes of every SQLite database file: a store, whatever its name.
_SQLITE_HEADER = b"SQLite format 3\x00"

_RECORD_KINDS: dict[type, str] = {Event: "event", Statement: "statement", Condition: "condition"}
_RECORD_TYPES: dict[str, type] = {v: k for k, v in _RECORD_KINDS.items()}

#: The append-only triggers, by name, with the SQL SQLite keeps for each.
_TRIGGERS = {
    f"{table}_append_only_{op.lower()}": (
        f"CREATE TRIGGER {table}_append_only_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'negotrack store {table} are append-only'); END"
    )
    for table in ("records", "agenda")
    for op in ("UPDATE", "DELETE")
}

#: Each table's row count and last ``seq`` (fixed queries, one per table).
_COUNT_SQL = {
    "agenda": "SELECT count(*), coalesce(max(seq), 0) FROM agenda",
    "records": "SELECT count(*), coalesce(max(seq), 0) FROM records",
}

_SCHEMA_SQL = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE agenda (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('issue', 'party')),
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (kind, id))""",
    """CREATE TABLE records (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'statement', 'condition')),
        id TEXT NOT NULL,
        date TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (kind, id))""",
    "CREATE INDEX records_by_date ON records (date)",
    *_TRIGGERS.values(),
)


class Store:
    """A negotiation record kept in an SQLite file, appended to as news arrives.

    Parameters
    ----------
    path : str or PathLike
        The database file; created (with its folder's permission) when missing. Only a
        missing or empty file becomes a store: another program's SQLite file is refused.
    create : bool, optional
        Whether a missing file may be created (default True).
    timeout : float, optional
        Seconds to wait for another process's write to finish (default 30).
    durable : bool, optional
        Sync every transaction to disk before :meth:`add` returns (``synchronous=FULL``,
        the default). ``False`` (``synchronous=NORMAL``) is faster for bulk loading and still
        loses nothing when a process crashes; only a power cut may lose the last additions.
    readonly : bool, optional
        Open the store for reading only (SQLite's ``mode=ro``; ``immutable`` on read-only
        media): nothing is ever written, and writing methods raise :class:`StoreError`.
        Every reading command of the command line opens stores this way.
    use_checkpoint : bool, optional
        Read the record from the store's checkpoint when it is intact (the default; see
        :mod:`negotrack.io.checkpoint`): its digest over the rows it covers matches, so
        those rows are exactly as negotrack checked and wrote them. ``False`` reads and
        checks every row, as ``negotrack validate`` does. Rows the checkpoint does not
        cover, or all rows when it is not intact, are always read and checked.

    Raises
    ------
    StoreError
        If the file is not a negotrack store (another file, another SQLite database), is
        corrupt, or was written by a newer (or older) store layout than this negotrack's
        :data:`STORE_SCHEMA`.

    Notes
    -----
    Each :meth:`add` is one transaction: after it returns the record is on disk
    (``synchronous=FULL``), and a crash at any moment leaves every record either wholly
    there or not at all. The store is a context manager; :meth:`close` releases the file.

    Examples
    --------
    >>> import datetime, tempfile, pathlib, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> with tempfile.TemporaryDirectory() as d, nt.Store(pathlib.Path(d) / "talks.db") as store:
    ...     _ = store.add(nt.Issue("guarantee_years", years))
    ...     _ = store.add(nt.Party("UA"))
    ...     st = store.add(nt.Statement(party="UA", issue="guarantee_years",
    ...         date=datetime.date(2025, 12, 29),
    ...         position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 15, 100)),
    ...         source=nt.Source(title="Zelensky asks for 50 years")))
    ...     st.id, store.timeline().statements == (st,)
    ('s1', True)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        timeout: float = 30.0,
        durable: bool = True,
        readonly: bool = False,
        use_checkpoint: bool = True,
    ) -> None:
        self._path = Path(path)
        self._durable = durable
        self._readonly = readonly
        self._use_checkpoint = use_checkpoint
        self._checkpointed = 0
        self._checkpoint_bad = False
        self._timeline: Timeline | None = None
        self._agenda_seq = -1
        self._record_seq = 0
        exists = self._path.exists()
        if (readonly or not create) and not exists:
            raise StoreError(
                f"no store at {self._path}: the file does not exist (pass create=True to make one)",
                path="path",
                value=str(self._path),
            )
        # Only a file this call creates (or an empty one) becomes a store: an SQLite file
        # of another program, even one without tables, is never turned into one.
        self._new = not exists or self._path.stat().st_size == 0
        modes = ("ro", "immutable") if readonly else ("rw",)
        for mode in modes:
            try:
                self._conn = self._connect(mode, timeout)
            except sqlite3.Error as err:
                raise StoreError(
                    f"cannot open store {self._path}: {err}", path="path", value=str(self._path)
                ) from None
            try:
                self._open()
                break
            except StoreError as err:
                self._conn.close()
                # Read-only media: the WAL side files cannot be made; read the file as is.
                if mode != "ro" or "unable to open" not in str(err):
                    raise
            except BaseException:
                self._conn.close()
                raise

    def _connect(self, mode: str, timeout: float) -> sqlite3.Connection:
        """Connect read-write, read-only (``mode=ro``) or to a file that cannot change."""
        if mode == "rw":
            target: str | Path = self._path
            uri = False
        else:
            query = "mode=ro" if mode == "ro" else "immutable=1"
            target, uri = f"{self._path.resolve().as_uri()}?{query}", True
        return sqlite3.connect(
            target, timeout=timeout, isolation_level=None, check_same_thread=False, uri=uri
        )

    # ------------------------------------------------------------------ opening
    def _fail(self, err: sqlite3.Error, doing: str) -> StoreError:
        text = str(err)
        if isinstance(err, sqlite3.ProgrammingError):
            why = f"the store is closed ({text})"
        elif isinstance(err, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            why = f"the store is locked by another process ({text})"
        elif "not a database" in text:
            why = f"the file is not a negotrack store (not an SQLite database: {text})"
        elif "malformed" in text or "corrupt" in text or type(err) is sqlite3.DatabaseError:
            why = f"the store is corrupt ({text})"
        else:  # disk full, read-only file, I/O error ...
            why = text
        return StoreError(f"cannot {doing} {self._path}: {why}", path="path", value=str(self._path))

    def _open(self) -> None:
        conn = self._conn
        try:
            if not self._readonly:
                conn.execute(f"PRAGMA synchronous={'FULL' if self._durable else 'NORMAL'}")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id == 0 and tables == 0 and self._new and not self._readonly:
                self._initialise()
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise StoreError(
                    f"{self._path} is not a negotrack store: it is an SQLite database of another "
                    f"application (application_id {app_id})",
                    path="path",
                    value=str(self._path),
                )
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != STORE_SCHEMA:
                newer = version > STORE_SCHEMA
                raise StoreError(
                    f"store {self._path} has layout version {version}, but this negotrack reads "
                    f"version {STORE_SCHEMA}: "
                    + (
                        "it was written by a newer negotrack; upgrade negotrack"
                        if newer
                        else "it was written by an older negotrack and cannot be migrated"
                    ),
                    path="path",
                    value=version,
                )
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if check != ["ok"]:
                raise StoreError(
                    f"cannot open {self._path}: the store is corrupt ({'; '.join(check[:3])})",
                    path="path",
                    value=str(self._path),
                )
            if not self._readonly:
                conn.execute("PRAGMA journal_mode=WAL")
            with self._transaction(write=False):
                self._check_untouched(conn)
                self._refresh()
        except sqlite3.Error as err:
            raise self._fail(err, "open") from None

    def _initialise(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                for statement in _SCHEMA_SQL:
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {STORE_SCHEMA}")
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("title", ""), ("description", "")],
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _check_untouched(self, conn: sqlite3.Connection) -> None:
        """Check what only writing behind the store's back could break (on every open).

        The append-only triggers are all there, as created; in each table the ``seq``
        numbers run from 1 without a gap, and SQLite's own counter agrees with the last one,
        so a deleted record (the last one included) or a renumbered row is seen.
        """
        triggers = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        for name, sql in _TRIGGERS.items():
            if triggers.get(name) != sql:
                raise self._corrupt(
                    "its history",
                    f"the append-only trigger {name} was dropped or changed, so records may "
                    "have been edited or deleted",
                )
        counters = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
        for table in ("agenda", "records"):
            query = _COUNT_SQL[table]
            rows, last = conn.execute(query).fetchone()
            if rows != last or counters.get(table, 0) != last:
                raise self._corrupt(
                    f"the {table} table",
                    f"{rows} rows but sequence numbers up to {last} (SQLite's counter "
                    f"{counters.get(table, 0)}): rows were deleted or renumbered",
                )

    def _corrupt(self, what: str, problem: object) -> StoreError:
        return StoreError(
            f"store {self._path} is corrupt: {what} cannot be read ({problem})",
            path="path",
            value=str(self._path),
        )

    def _decode(self, doc: str, cl: type, what: str, **context: Any) -> Any:
        try:
            return serialization.structure(json.loads(doc), cl, **context)
        except (ValueError, NegotrackError) as err:
            raise self._corrupt(what, err) from None
        except RecursionError:
            raise self._corrupt(
                what, f"its document is nested deeper than scenario files may be ({MAX_DEPTH})"
            ) from None

    def _refresh(self) -> Timeline:
        """Bring the in-memory timeline up to date with the file (inside a transaction)."""
        conn = self._conn
        agenda_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM agenda").fetchone()[0]
        if self._timeline is None or agenda_seq != self._agenda_seq:
            issues: list[Issue] = []
            parties: list[Party] = []
            for seq, kind, doc in conn.execute("SELECT seq, kind, doc FROM agenda ORDER BY seq"):
                if kind == "issue":
                    issues.append(self._decode(doc, Issue, f"issue row {seq}"))
                else:
                    parties.append(self._decode(doc, Party, f"party row {seq}"))
            try:
                self._timeline = Timeline(issues=issues, parties=parties)
            except NegotrackError as err:
                raise self._corrupt("the agenda", err) from None
            self._agenda_seq = agenda_seq
            self._record_seq = 0
            self._checkpointed = 0
            if self._use_checkpoint:
                self._from_checkpoint(issues, parties)
        timeline = self._timeline
        cursor = conn.execute(
            "SELECT seq, kind, id, date, doc FROM records WHERE seq > ? ORDER BY seq",
            (self._record_seq,),
        )
        # Every row is read by the converter's hooks and added through Timeline.add: the
        # same rules as any other document and record. Only the bookkeeping is done once
        # (hooks looked up, scale context set); a row that fails is read again through
        # serialization.structure, whose messages name every problem. The records are
        # small, acyclic and long-lived: the cyclic garbage collector is paused meanwhile,
        # and a large batch goes straight to its oldest generation, as gap_series does.
        rows = cursor.fetchall()
        if not rows:  # nothing new (each add looks first)
            return timeline
        with (
            collector_paused(promote=len(rows) >= PROMOTE_FROM),
            serialization._reader(timeline) as read,
        ):
            for seq, kind, rid, date, doc in rows:
                cl = _RECORD_TYPES.get(kind)
                if cl is None:
                    raise self._corrupt(f"record {seq}", f"unknown kind {kind!r}")
                try:
                    record = read(json.loads(doc), cl)
                except Exception:  # read again, for the messages
                    record = self._decode(doc, cl, f"record {seq}", issues=timeline)
                if record.id != rid or record.date.isoformat() != date:
                    self._timeline = None
                    raise self._corrupt(
                        f"record {seq}",
                        f"its columns (id {rid!r}, date {date}) disagree with its document "
                        f"(id {record.id!r}, date {record.date.isoformat()})",
                    )
                try:
                    timeline.add(record)
                except NegotrackError as err:
                    self._timeline = None
                    raise self._corrupt(f"record {seq}", err) from None
                self._record_seq = seq
        return timeline

    def _from_checkpoint(self, issues: list[Issue], parties: list[Party]) -> None:
        """Take the records the checkpoint covers, if it is intact (inside a transaction).

        Anything wrong with it (none, a digest that disagrees, another version) leaves the
        timeline empty, to be read row by row; the next write then writes it anew.
        """
        conn = self._conn
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM records").fetchone()[0]
        timeline = Timeline(issues=issues, parties=parties)
        # The records are small, acyclic and long-lived: the collector is paused, as below.
        with collector_paused(promote=last >= PROMOTE_FROM):
            try:
                records, upto = checkpoint.load(conn, timeline, self._agenda_seq, last)
            except CheckpointError as err:
                self._checkpoint_bad = "no checkpoint" not in str(err)
                return
            try:
                for record in records:
                    timeline.add(record)
            except NegotrackError:  # pragma: no cover - a digest that matched a bad record
                self._checkpoint_bad = True
                return
        self._timeline = timeline
        self._record_seq = self._checkpointed = upto

    def _save_checkpoint(self, conn: sqlite3.Connection, before: tuple[int, int]) -> None:
        """Extend the checkpoint by what this write added (rebuild it if it does not fit)."""
        after = (self._agenda_seq, self._record_seq)
        timeline = self._timeline
        if after == before or timeline is None:
            return
        try:
            if len(timeline) != after[1]:
                raise CheckpointError("rows and records disagree", path="checkpoint")
            with collector_paused(promote=False):  # lists of plain data, no cycles
                if self._checkpoint_bad or not checkpoint.append(conn, timeline, before, after):
                    checkpoint.rebuild(conn, timeline.records, after[0])
            self._checkpoint_bad = False
        except CheckpointError:
            checkpoint.drop(conn)  # keep none rather than one that does not fit
            self._checkpoint_bad = True

    def _write(self, action: str, body: Any) -> Any:
        """Run ``body(timeline, conn)`` in one write transaction.

        If SQLite fails (a failed commit, say), the in-memory timeline is dropped and rebuilt
        from the file next time, so it never runs ahead of what is on disk.
        """
        if self._readonly:
            raise StoreError(
                f"cannot {action} {self._path}: the store was opened read-only",
                path="path",
                value=str(self._path),
            )
        try:
            with self._transaction(write=True) as conn:
                timeline = self._refresh()
                before = (self._agenda_seq, self._record_seq)
                result = body(timeline, conn)
                self._save_checkpoint(conn, before)
                return result
        except sqlite3.Error as err:
            self._timeline = None
            raise self._fail(err, action) from None

    def _insert_record(self, conn: sqlite3.Connection, record: Record) -> int:
        """Write one record; return its ``seq``."""
        doc = json.dumps(serialization.unstructure(record), ensure_ascii=False)
        cursor = conn.execute(
            "INSERT INTO records (kind, id, date, doc) VALUES (?, ?, ?, ?)",
            (_RECORD_KINDS[type(record)], record.id, record.date.isoformat(), doc),
        )
        return int(cursor.lastrowid or 0)

    def _insert_agenda(self, conn: sqlite3.Connection, item: Issue | Party) -> int:
        """Write one issue or party; return its ``seq``."""
        doc = json.dumps(serialization.unstructure(item), ensure_ascii=False)
        kind = "issue" if isinstance(item, Issue) else "party"
        cursor = conn.execute(
            "INSERT INTO agenda (kind, id, doc) VALUES (?, ?, ?)", (kind, item.id, doc)
        )
        return int(cursor.lastrowid or 0)

    def _grow_agenda(self, timeline: Timeline, items: Iterable[Issue | Party]) -> Timeline:
        issues: list[Issue] = list(timeline.issues)
        parties: list[Party] = list(timeline.parties)
        for item in items:
            if isinstance(item, Issue):
                issues.append(item)
            else:
                parties.append(item)
        return Timeline(issues=issues, parties=parties, records=timeline.records)

    # ------------------------------------------------------------------ public
    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def checkpointed(self) -> int:
        """How many records the last full read took from the checkpoint (0: none).

        The others were read and checked row by row: all of them when the store has no
        intact checkpoint (see :mod:`negotrack.io.checkpoint`).

        Examples
        --------
        >>> import negotrack as nt, pathlib, tempfile
        >>> scenario = nt.load("examples/ukraine_dec2025.toml")
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = pathlib.Path(d) / "talks.db"
        ...     _ = nt.Store.import_into(path, scenario)
        ...     with nt.Store(path) as trusted, nt.Store(path, use_checkpoint=False) as checked:
        ...         trusted.checkpointed, checked.checkpointed, trusted.timeline() == checked.timeline()
        (23, 0, True)
        """
        return self._checkpointed

    @property
    def title(self) -> str:
        """The record's title (set by :meth:`import_scenario`)."""
        return self._meta("title")

    @property
    def description(self) -> str:
        """The record's notes (set by :meth:`import_scenario`)."""
        return self._meta("description")

    def _meta(self, key: str) -> str:
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            raise self._fail(err, "read") from None
        return str(row[0]) if row else ""

    def add(self, item: Issue | Party | Record) -> Any:
        """Append an issue, a party, an event, a statement or a condition, in one transaction.

        Parameters
        ----------
        item : Issue, Party, Event, Statement or Condition
            What to append. Records are checked exactly as :meth:`negotrack.Timeline.add`
            checks them, against everything in the store (including what other processes
            added since).

        Returns
        -------
        object
            The item as stored (records get an id when they have none).

        Raises
        ------
        TimelineError
            (or a subclass) If the item does not fit the record: unknown party or issue,
            repeated id, superseding a later statement ... Nothing is written.
        StoreError
            If the file cannot be written.
        """
        if isinstance(item, Issue | Party):

            def add_agenda(timeline: Timeline, conn: sqlite3.Connection) -> Any:
                grown = self._grow_agenda(timeline, [item])
                self._agenda_seq = self._insert_agenda(conn, item)
                self._timeline = grown
                return item

            return self._write("add to", add_agenda)
        if not isinstance(item, Statement | Event | Condition):
            raise InvalidTypeError(
                f"Store.add takes an Issue, Party, Statement, Event or Condition, not "
                f"{type(item).__name__}",
                path="item",
                value=item,
            )

        def add_record(timeline: Timeline, conn: sqlite3.Connection) -> Any:
            stored = timeline.add(item)  # validates; raises before changing anything
            try:
                self._record_seq = self._insert_record(conn, stored)
            except BaseException:
                self._timeline = None  # memory is ahead of the file: rebuild it next time
                raise
            return stored

        return self._write("add to", add_record)

    def extend(self, items: Iterable[Issue | Party | Record]) -> list[Any]:
        """Append several items in one transaction: all of them, or none.

        Each item is checked as :meth:`add` checks it, in order, so a record may use an
        issue or party that comes before it in ``items``. One transaction (and, with
        ``durable=True``, one flush to disk) serves the whole batch.

        Parameters
        ----------
        items : iterable of Issue, Party, Event, Statement or Condition
            What to append, in order.

        Returns
        -------
        list
            The items as stored (records get an id when they have none).

        Raises
        ------
        InvalidTypeError
            If an item is of another type (``path`` is ``items[k]``). Nothing is written.
        TimelineError
            (or a subclass) If an item does not fit the record; a note names its place in
            the batch. Nothing is written.
        StoreError
            If the file cannot be written. Nothing is written.

        Examples
        --------
        >>> import datetime, tempfile, pathlib, negotrack as nt
        >>> years = nt.NumericScale(0, 100, unit="years")
        >>> def says(party, lo, hi):
        ...     return nt.Statement(party=party, issue="years", date=datetime.date(2025, 12, 28),
        ...         position=nt.Position(ideal=lo, acceptable=nt.Region.interval(years, lo, hi)),
        ...         source=nt.Source(title="Mar-a-Lago"))
        >>> with tempfile.TemporaryDirectory() as tmp, nt.Store(pathlib.Path(tmp, "r.db")) as store:
        ...     _ = store.extend([nt.Issue("years", years), nt.Party("US"), nt.Party("UA"),
        ...                       says("US", 0, 15), says("UA", 50, 100)])
        ...     try:
        ...         store.extend([says("US", 0, 20), says("RU", 100, 100)])
        ...     except nt.NegotrackError as err:
        ...         print(type(err).__name__, "-", err.__notes__[0])
        ...     len(store)
        UnknownReferenceError - Store.extend: items[1] does not fit; nothing was written
        2
        """
        batch = list(items)
        for k, item in enumerate(batch):
            if not isinstance(item, Issue | Party | Statement | Event | Condition):
                raise InvalidTypeError(
                    f"Store.extend: items[{k}] is a {type(item).__name__}; the store takes "
                    f"Issues, Parties, Statements, Events and Conditions",
                    path=f"items[{k}]",
                    value=item,
                )

        def add_all(timeline: Timeline, conn: sqlite3.Connection) -> list[Any]:
            stored: list[Any] = []
            agenda_seq = self._agenda_seq
            # An issue or party is checked against the agenda alone (the Timeline constructor,
            # with no records to replay); the records are replayed onto the grown agenda once
            # per run of agenda items, when a record follows or the batch ends.
            agenda: Timeline | None = None
            pending: list[Issue | Party] = []
            try:
                for k, item in enumerate(batch):
                    try:
                        if isinstance(item, Issue | Party):
                            if agenda is None:
                                agenda = Timeline(issues=timeline.issues, parties=timeline.parties)
                            agenda = self._grow_agenda(agenda, [item])
                            pending.append(item)
                            agenda_seq = self._insert_agenda(conn, item)
                            stored.append(item)
                        else:
                            if pending:
                                timeline, pending = self._grow_agenda(timeline, pending), []
                            record = timeline.add(item)  # validates before changing anything
                            self._record_seq = self._insert_record(conn, record)
                            stored.append(record)
                    except NegotrackError as err:
                        err.add_note(f"Store.extend: items[{k}] does not fit; nothing was written")
                        raise
                if pending:
                    timeline = self._grow_agenda(timeline, pending)
            except BaseException:
                if stored:  # the timeline in memory may be ahead of the file: rebuild it
                    self._timeline = None
                raise
            self._timeline = timeline
            self._agenda_seq = agenda_seq
            return stored

        result: list[Any] = self._write("add to", add_all)
        return result

    def timeline(self) -> Timeline:
        """Return the whole record as a new Timeline, records in the order they were added.

        Returns
        -------
        Timeline
            An independent copy: adding to it does not change the store.
        """
        try:
            with self._transaction(write=False):
                return self._refresh().copy()
        except sqlite3.Error as err:
            raise self._fail(err, "read") from None

    def __len__(self) -> int:
        """Return the number of records (events, statements and conditions)."""
        try:
            return int(self._conn.execute("SELECT count(*) FROM records").fetchone()[0])
        except sqlite3.Error as err:
            raise self._fail(err, "read") from None

    def apply(self, update: Update) -> list[Any]:
        r"""Append an update (:func:`negotrack.load_update`) in one transaction: all or nothing.

        The update was read against this store's record; it is checked again, item by
        item, against the record as it stands inside the transaction, so a record another
        process added meanwhile is taken into account. Records the update file gave no id
        get one from the store.

        Parameters
        ----------
        update : Update
            What to append.

        Returns
        -------
        list
            The items as stored, records with their ids.

        Raises
        ------
        TimelineError
            (or a subclass) If an item no longer fits; its note names the record. Nothing
            is written.
        StoreError
            If the file cannot be written. Nothing is written.

        Examples
        --------
        >>> import tempfile, pathlib, negotrack as nt
        >>> doc = 'schema = 1\nupdate = true\n[[events]]\nid = "summit"\n'
        >>> doc += 'date = 2026-01-10\ntitle = "Summit in Geneva"\n'
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "talks.db")
        ...     _ = nt.Store.import_into(path, nt.load("examples/ukraine_dec2025.toml"))
        ...     with nt.Store(path) as store:
        ...         stored = store.apply(nt.loads_update(doc, store.timeline()))
        ...         [r.id for r in stored], len(store)
        (['summit'], 24)
        """
        if not isinstance(update, Update):
            raise InvalidTypeError(
                f"apply() takes an Update (nt.load_update), not {type(update).__name__}",
                path="update",
                value=update,
            )
        try:
            return self.extend(update.items)
        except NegotrackError as err:
            if update.file and not err.file:
                err.file = update.file
            raise

    def import_scenario(self, scenario: Scenario | Update) -> None:
        """Append a scenario's agenda and records, all in one transaction (all or nothing).

        Issues and parties the store already holds (equal ones) are kept; records are added
        in the scenario's order. The title, description and note are taken from the
        scenario when it has them. An :class:`~negotrack.Update` (an update file read
        against this store, :func:`negotrack.load_update`) is appended by :meth:`apply`.

        Raises
        ------
        TimelineError
            If an issue or party differs from the store's one with the same id, or a record
            does not fit (a repeated id, say). Nothing is written.
        """
        if isinstance(scenario, Update):
            self.apply(scenario)
            return
        if not isinstance(scenario, Scenario):
            raise InvalidTypeError(
                f"import_scenario() takes a Scenario or an Update, not {type(scenario).__name__}",
                path="scenario",
                value=scenario,
            )

        def body(timeline: Timeline, conn: sqlite3.Connection) -> None:
            new: list[Issue | Party] = []
            issues = {i.id: i for i in timeline.issues}
            parties = {p.id: p for p in timeline.parties}
            for item, known in [(i, issues) for i in scenario.issues] + [
                (p, parties) for p in scenario.parties
            ]:
                have: Issue | Party | None = known.get(item.id)
                if have is None:
                    new.append(item)
                elif have != item:
                    kind = "issue" if isinstance(item, Issue) else "party"
                    raise TimelineError(
                        f"the scenario's {kind} {item.id!r} differs from the store's: "
                        f"{item!r} != {have!r}",
                        path=f"Scenario.{kind}",
                        value=item.id,
                    )
            grown = self._grow_agenda(timeline, new)
            agenda_seq, record_seq = self._agenda_seq, self._record_seq
            for item in new:
                agenda_seq = self._insert_agenda(conn, item)
            for record in scenario.timeline.records:
                record_seq = self._insert_record(conn, grown.add(record))
            for key in ("title", "description", "note"):
                value = getattr(scenario, key)
                if value:
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )
            self._timeline = grown
            self._agenda_seq, self._record_seq = agenda_seq, record_seq

        self._write("import into", body)

    @staticmethod
    def is_store(path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is an SQLite file, to be opened as a store (whatever its name).

        Only the file's first bytes are read; opening it checks that it is a negotrack store.

        Parameters
        ----------
        path : str or PathLike
            Any file name; a missing or unreadable file is not a store.

        Returns
        -------
        bool

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Store.is_store("examples/ukraine_dec2025.toml")
        False
        """
        try:
            with open(path, "rb") as f:
                return f.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
        except OSError:
            return False

    @classmethod
    def import_into(
        cls,
        path: str | os.PathLike[str],
        scenario: Scenario,
        *,
        timeout: float = 30.0,
        durable: bool = True,
    ) -> tuple[int, int]:
        """Append a scenario to the store at ``path``, creating the store if it is missing.

        All or nothing, like :meth:`import_scenario`. A missing store is built whole under a
        temporary name in the same folder and linked into place only if ``path`` is still
        free (``os.link`` fails rather than replace a file), so no other process ever sees a
        half-made store, and a refused import never removes a file it did not create. If
        another process created the store meanwhile, the scenario is appended to that one.

        Parameters
        ----------
        path : str or PathLike
            The store (an SQLite file).
        scenario : Scenario
            What to append.
        timeout, durable
            As for :class:`Store`.

        Returns
        -------
        tuple of int
            The number of records added and the number in the store afterwards.

        Raises
        ------
        StoreError, TimelineError
            If the file is not a store or the scenario does not fit its record; nothing is
            written, and a store created for the import is not left behind.

        Examples
        --------
        >>> import negotrack as nt, pathlib, tempfile
        >>> scenario = nt.load("examples/ukraine_dec2025.toml")
        >>> with tempfile.TemporaryDirectory() as d:
        ...     nt.Store.import_into(pathlib.Path(d) / "talks.db", scenario)
        (23, 23)
        """
        target = Path(path)
        if not target.exists():
            created = cls._import_new(target, scenario, timeout=timeout, durable=durable)
            if created is not None:
                return created
        with cls(target, create=False, timeout=timeout, durable=durable) as store:
            before = len(store)
            store.import_scenario(scenario)
            return len(store) - before, len(store)

    @classmethod
    def _import_new(
        cls, target: Path, scenario: Scenario, *, timeout: float, durable: bool
    ) -> tuple[int, int] | None:
        """Build a new store under a temporary name and link it in; None if ``target`` appeared."""
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            with cls(tmp, timeout=timeout, durable=durable) as store:
                store.import_scenario(scenario)
                total = len(store)
            try:
                os.link(tmp, target)
            except FileExistsError:
                return None
            except OSError as err:
                raise StoreError(
                    f"cannot create store {target}: {err.strerror or err}",
                    path="path",
                    value=str(target),
                ) from None
            return total, total
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{tmp}{suffix}")

    def export_scenario(self) -> Scenario:
        """Return the whole record as a :class:`Scenario` (to :func:`negotrack.dump` it)."""
        return Scenario(
            title=self.title,
            description=self.description,
            note=self._meta("note"),
            timeline=self.timeline(),
        )

    def integrity_check(self) -> list[str]:
        """Run SQLite's ``PRAGMA integrity_check``; return its findings (``["ok"]`` if sound)."""
        try:
            return [row[0] for row in self._conn.execute("PRAGMA integrity_check")]
        except sqlite3.Error as err:
            raise self._fail(err, "check") from None

    def close(self) -> None:
        """Close the file. The store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {str(self._path)!r}>"
