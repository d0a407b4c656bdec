"""Tests of negotrack.io.store: the SQLite store."""

from __future__ import annotations

import datetime
import json
import multiprocessing
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.errors import StoreError, TimelineError, UnknownReferenceError
from negotrack.io import serialization
from negotrack.io.store import APPLICATION_ID, STORE_SCHEMA
from negotrack.testing import strategies as nts
from negotrack.timeline.records import Record

YEARS = nt.NumericScale(0, 100, unit="years")
DAY = datetime.date(2025, 12, 28)


def statement(ideal: float = 50, **kwargs: object) -> nt.Statement:
    fields: dict[str, object] = {
        "party": "UA",
        "issue": "years",
        "date": DAY,
        "position": nt.Position(ideal=ideal, acceptable=nt.Region.interval(YEARS, 15, 100)),
        "source": nt.Source(title="Kyiv asks"),
    }
    fields.update(kwargs)
    return nt.Statement(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> nt.Store:
    s = nt.Store(tmp_path / "talks.db")
    s.add(nt.Issue("years", YEARS))
    s.add(nt.Party("UA"))
    return s


def interleaved(tl: nt.Timeline, data: st.DataObject) -> nt.Timeline:
    """Return the timeline with each event moved to a drawn place before its first citer."""
    rest: list[nt.Statement | nt.Condition] = [*tl.statements, *tl.conditions]
    order: list[nt.Statement | nt.Event | nt.Condition] = list(rest)
    for event in reversed(tl.events):
        citers = [
            i
            for i, r in enumerate(order)
            if (isinstance(r, nt.Statement) and event.id in r.cites)
            or (isinstance(r, nt.Condition) and nt.EventClause(event.id) in (r.clause, r.requires))
        ]
        limit = min(citers, default=len(order))
        order.insert(data.draw(st.integers(0, limit)), event)
    return nt.Timeline(issues=tl.issues, parties=tl.parties, records=order)


def add_in_order(store: nt.Store, tl: nt.Timeline) -> None:
    for item in (*tl.issues, *tl.parties, *tl.records):
        store.add(item)


class TestStore:
    def test_creates_a_new_store(self, tmp_path: Path) -> None:
        """A missing file becomes an empty store marked as negotrack's."""
        with nt.Store(tmp_path / "new.db") as s:
            assert len(s) == 0
            assert s.timeline() == nt.Timeline(issues=[], parties=[])
        conn = sqlite3.connect(tmp_path / "new.db")
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == STORE_SCHEMA
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()

    def test_reopens_what_was_written(self, tmp_path: Path) -> None:
        """Records survive closing and reopening."""
        with nt.Store(tmp_path / "a.db") as s:
            s.add(nt.Issue("years", YEARS))
            s.add(nt.Party("UA"))
            s.add(statement())
            before = s.timeline()
        with nt.Store(tmp_path / "a.db") as s:
            assert s.timeline() == before

    def test_refuses_to_create_when_told_not_to(self, tmp_path: Path) -> None:
        """create=False on a missing file says so."""
        with pytest.raises(StoreError, match=r"no store at .*missing\.db: the file does not exist"):
            nt.Store(tmp_path / "missing.db", create=False)
        assert not (tmp_path / "missing.db").exists()

    def test_rejects_a_file_that_is_not_a_database(self, tmp_path: Path) -> None:
        """A text file is not a negotrack store."""
        path = tmp_path / "notes.db"
        path.write_text("these are my notes, not a database\n" * 50)
        with pytest.raises(
            StoreError, match=r"the file is not a negotrack store \(not an SQLite database"
        ):
            nt.Store(path)
        assert path.read_text().startswith("these are my notes")

    def test_rejects_another_applications_database(self, tmp_path: Path) -> None:
        """An SQLite database of another application is not a negotrack store."""
        path = tmp_path / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        with pytest.raises(
            StoreError,
            match=r"is not a negotrack store: it is an SQLite database of another application \(application_id 0\)",
        ):
            nt.Store(path)

    def test_rejects_a_store_from_a_newer_version(self, tmp_path: Path) -> None:
        """A store with a newer layout asks for an upgrade."""
        path = tmp_path / "new.db"
        nt.Store(path).close()
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {STORE_SCHEMA + 1}")
        conn.close()
        with pytest.raises(
            StoreError,
            match=r"has layout version 2, but this negotrack reads version 1: it was written by a newer negotrack; upgrade negotrack",
        ):
            nt.Store(path)

    def test_rejects_a_store_from_an_older_version(self, tmp_path: Path) -> None:
        """A store with an older layout is refused, not misread."""
        path = tmp_path / "old.db"
        nt.Store(path).close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 0")
        conn.close()
        with pytest.raises(
            StoreError,
            match=r"has layout version 0, but this negotrack reads version 1: it was written by an older negotrack",
        ):
            nt.Store(path)

    def test_rejects_a_corrupt_store(self, tmp_path: Path) -> None:
        """A store whose pages are overwritten is reported as corrupt."""
        path = tmp_path / "c.db"
        with nt.Store(path) as s:
            s.add(nt.Issue("years", YEARS))
            s.add(nt.Party("UA"))
            for _ in range(200):
                s.add(statement())
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = bytearray(path.read_bytes())
        page = 4096
        for offset in range(2 * page, len(data) - page, page):
            data[offset : offset + 64] = b"\xa5" * 64  # scribble over every page's header
        path.write_bytes(bytes(data))
        with pytest.raises(StoreError, match=r"(the store is corrupt|is corrupt)"):
            nt.Store(path)

    def test_rejects_a_record_that_cannot_be_read(self, tmp_path: Path) -> None:
        """A row holding something other than a record is reported as corruption, by row."""
        path = tmp_path / "r.db"
        nt.Store(path).close()
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT INTO records (kind, id, date, doc) VALUES ('event', 'x', '2025-12-28', '{oops')"
        )
        conn.commit()
        conn.close()
        with pytest.raises(
            StoreError, match=r"is corrupt: record 1 cannot be read \(Expecting property name"
        ):
            nt.Store(path)

    def test_cannot_open_in_a_missing_folder(self, tmp_path: Path) -> None:
        """A store in a folder that does not exist cannot be opened."""
        with pytest.raises(StoreError, match="cannot open"):
            nt.Store(tmp_path / "no" / "such" / "folder" / "a.db")

    def test_closed_store_says_so(self, store: nt.Store) -> None:
        """Using a closed store raises StoreError saying it is closed, not corrupt."""
        store.close()
        with pytest.raises(StoreError, match=r"cannot read .*talks\.db: the store is closed"):
            store.timeline()

    def test_read_only_file_cannot_be_added_to(
        self, store: nt.Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failing write is a StoreError and leaves the record as it was."""
        store.add(statement())
        real = store._insert_record

        def fail(conn: sqlite3.Connection, record: object) -> None:
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(store, "_insert_record", fail)
        with pytest.raises(StoreError, match="attempt to write a readonly database"):
            store.add(statement(60))
        monkeypatch.setattr(store, "_insert_record", real)
        assert [s.position.ideal for s in store.timeline().statements] == [50]
        assert store.add(statement(70)).id == "s2"

    def test_durable_chooses_synchronous_mode(self, tmp_path: Path) -> None:
        """durable=True syncs fully (FULL = 2), durable=False relies on WAL (NORMAL = 1)."""
        with nt.Store(tmp_path / "a.db") as a, nt.Store(tmp_path / "b.db", durable=False) as b:
            modes = [s._conn.execute("PRAGMA synchronous").fetchone()[0] for s in (a, b)]
        assert modes == [2, 1]

    def test_repr_names_the_file(self, store: nt.Store) -> None:
        """The repr shows the path."""
        assert repr(store) == f"<Store {str(store.path)!r}>"


class TestAdd:
    @given(nts.scenarios(), st.data())
    def test_store_returns_exactly_the_timeline_added(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Whatever is added comes back equal, records in the order added (interleaved)."""
        tl = interleaved(sc.timeline, data)
        with (
            tempfile.TemporaryDirectory() as folder,
            nt.Store(Path(folder) / "s.db", durable=False) as s,
        ):
            add_in_order(s, tl)
            back = s.timeline()
            assert back == tl
            assert back.records == tl.records

    def test_assigns_ids_as_the_timeline_does(self, store: nt.Store) -> None:
        """Statements without ids get s1, s2 ... and the stored form is returned."""
        assert [store.add(statement()).id for _ in range(3)] == ["s1", "s2", "s3"]

    def test_rejects_unknown_party_and_writes_nothing(self, store: nt.Store) -> None:
        """The timeline's rule applies, and a refused record leaves no trace."""
        with pytest.raises(
            UnknownReferenceError,
            match=re.escape(
                "Statement.party='RU' is not a party of the timeline; known parties: UA"
            ),
        ):
            store.add(statement(party="RU"))
        assert len(store) == 0

    def test_rejects_repeated_issue(self, store: nt.Store) -> None:
        """An issue id cannot be used twice."""
        with pytest.raises(
            TimelineError, match=re.escape("Timeline.issues repeats issue id 'years'")
        ):
            store.add(nt.Issue("years", YEARS))

    def test_rejects_repeated_statement_id(self, store: nt.Store) -> None:
        """A statement id cannot be used twice."""
        store.add(statement(id="a"))
        with pytest.raises(TimelineError, match=re.escape("Statement.id='a' is already used")):
            store.add(statement(id="a"))
        assert len(store) == 1

    def test_rejects_non_record(self, store: nt.Store) -> None:
        """Only issues, parties and records can be added."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=re.escape(
                "Store.add takes an Issue, Party, Statement, Event or Condition, not str"
            ),
        ):
            store.add("hello")  # type: ignore[arg-type]

    def test_keeps_superseded_statements(self, store: nt.Store) -> None:
        """History is kept: a superseded statement stays in the store."""
        first = store.add(statement(50))
        store.add(statement(60, supersedes=first.id))
        tl = store.timeline()
        assert [s.position.ideal for s in tl.statements] == [50, 60]
        assert tl.snapshot().statements[("UA", "years")].position.ideal == 60

    def test_refuses_updates_and_deletes(self, store: nt.Store) -> None:
        """The file itself refuses to change or drop records."""
        store.add(statement())
        conn = sqlite3.connect(store.path)
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM records")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE records SET doc = '{}'")
        conn.close()
        assert len(store) == 1

    def test_sees_records_added_by_another_store(self, tmp_path: Path) -> None:
        """Two handles on one file validate against each other's records."""
        path = tmp_path / "shared.db"
        with nt.Store(path) as a, nt.Store(path) as b:
            a.add(nt.Issue("years", YEARS))
            a.add(nt.Party("UA"))
            first = a.add(statement())
            second = b.add(statement(70, supersedes=first.id))
            assert second.id == "s2"
            assert a.timeline() == b.timeline()

    def test_writes_records_through_the_converter(self, store: nt.Store) -> None:
        """Rows are the converter's JSON documents: one format for files and the store."""
        added = store.add(statement())
        conn = sqlite3.connect(store.path)
        doc = conn.execute("SELECT doc FROM records").fetchone()[0]
        conn.close()
        assert json.loads(doc) == serialization.unstructure(added)


class TestExtend:
    def test_adds_in_order(self, store: nt.Store) -> None:
        """Each item is added in turn."""
        added = store.extend([statement(), statement(60)])
        assert [s.position.ideal for s in added] == [50, 60]

    @given(nts.scenarios(), st.data())
    def test_extend_equals_adding_one_by_one(self, sc: nt.Scenario, data: st.DataObject) -> None:
        """One batch gives the store exactly what adding each item in turn gives it."""
        tl = interleaved(sc.timeline, data)
        items = [*tl.issues, *tl.parties, *tl.records]
        with tempfile.TemporaryDirectory() as folder:
            with nt.Store(Path(folder) / "batch.db", durable=False) as batch:
                assert batch.extend(items) == items
                assert batch.timeline().records == tl.records
            with nt.Store(Path(folder) / "batch.db") as reopened:
                assert reopened.timeline() == tl
                assert reopened.timeline().records == tl.records

    def test_a_bad_item_writes_nothing(self, store: nt.Store) -> None:
        """A batch with one bad item leaves the store, in memory and on disk, as it was."""
        store.add(statement(30))
        before = store.timeline()
        with pytest.raises(UnknownReferenceError, match=r"Statement.party='RU'") as info:
            store.extend([statement(40), statement(45, party="RU"), statement(70)])
        assert info.value.__notes__ == ["Store.extend: items[1] does not fit; nothing was written"]
        assert store.timeline() == before
        assert len(store) == 1
        with nt.Store(store.path) as reopened:
            assert reopened.timeline() == before
        assert store.add(statement(80)).position.ideal == 80  # the store still works

    def test_records_may_use_agenda_items_earlier_in_the_batch(self, store: nt.Store) -> None:
        """An issue and a party added earlier in the batch are known to later records."""
        tiers = nt.OrdinalScale(["none", "assurances", "force"])
        stated = nt.Statement(
            party="US",
            issue="tiers",
            date=DAY,
            position=nt.Position(ideal="force", acceptable=nt.Region.labels(tiers, ["force"])),
            source=nt.Source(title="t"),
        )
        added = store.extend([nt.Issue("tiers", tiers), nt.Party("US"), stated])
        assert added[2] == store.timeline().statements[-1]
        assert [i.id for i in store.timeline().issues] == ["years", "tiers"]
        with nt.Store(store.path) as reopened:
            assert reopened.timeline() == store.timeline()

    def test_agenda_items_between_and_after_records(self, store: nt.Store) -> None:
        """Issues and parties anywhere in a batch join the agenda; the records all stay."""
        tiers = nt.OrdinalScale(["none", "force"])
        store.extend(
            [statement(40), nt.Party("US"), statement(45, party="US"), nt.Issue("tiers", tiers)]
        )
        tl = store.timeline()
        assert [p.id for p in tl.parties] == ["UA", "US"]
        assert [i.id for i in tl.issues] == ["years", "tiers"]
        assert [(s.party, s.position.ideal) for s in tl.statements] == [("UA", 40), ("US", 45)]
        with nt.Store(store.path) as reopened:
            assert reopened.timeline() == tl

    def test_a_bad_agenda_item_writes_nothing(self, store: nt.Store) -> None:
        """A repeated issue id in a batch leaves the agenda and the records as they were."""
        before = store.timeline()
        with pytest.raises(TimelineError, match="years"):
            store.extend([statement(40), nt.Issue("years", YEARS)])
        assert store.timeline() == before
        with nt.Store(store.path) as reopened:
            assert reopened.timeline() == before

    def test_rejects_an_item_of_another_type(self, store: nt.Store) -> None:
        """Something that is not an issue, party or record is named by its place; nothing is written."""
        with pytest.raises(nt.NegotrackError, match=r"items\[1\] is a str") as info:
            store.extend([statement(40), "a statement"])  # type: ignore[list-item]
        assert info.value.path == "items[1]"
        assert isinstance(info.value, TypeError)
        assert len(store) == 0


class TestTimeline:
    def test_returns_an_independent_copy(self, store: nt.Store) -> None:
        """Adding to the returned timeline does not touch the store."""
        tl = store.timeline()
        tl.add(statement())
        assert len(store) == 0
        assert len(store.timeline()) == 0


class TestImportScenario:
    @given(nts.scenarios())
    def test_export_inverts_import(self, sc: nt.Scenario) -> None:
        """A scenario imported into an empty store is exported unchanged."""
        with (
            tempfile.TemporaryDirectory() as folder,
            nt.Store(Path(folder) / "s.db", durable=False) as s,
        ):
            s.import_scenario(sc)
            assert s.export_scenario() == sc

    def test_is_all_or_nothing(self, store: nt.Store) -> None:
        """A scenario with one bad record leaves the store as it was."""
        store.add(statement(id="taken"))
        tl = nt.Timeline(issues=[nt.Issue("years", YEARS)], parties=[nt.Party("UA")])
        tl.add(statement(id="new"))
        tl.add(statement(id="taken"))
        with pytest.raises(TimelineError, match=re.escape("Statement.id='taken' is already used")):
            store.import_scenario(nt.Scenario(timeline=tl, title="x"))
        assert [s.id for s in store.timeline().statements] == ["taken"]
        assert store.title == ""

    def test_rejects_a_differing_issue(self, store: nt.Store) -> None:
        """An issue with a known id but another scale is refused."""
        tl = nt.Timeline(issues=[nt.Issue("years", nt.NumericScale(0, 50))], parties=[])
        with pytest.raises(
            TimelineError, match="the scenario's issue 'years' differs from the store's"
        ):
            store.import_scenario(nt.Scenario(timeline=tl))

    def test_rejects_a_differing_party(self, store: nt.Store) -> None:
        """A party with a known id but another name is refused, and nothing is written."""
        tl = nt.Timeline(issues=[], parties=[nt.Party("UA", name="Ukraine")])
        with pytest.raises(
            TimelineError,
            match=re.escape(
                "the scenario's party 'UA' differs from the store's: "
                "Party(id='UA', name='Ukraine', capability=1.0, group=None) != "
                "Party(id='UA', name='', capability=1.0, group=None)"
            ),
        ):
            store.import_scenario(nt.Scenario(timeline=tl))
        assert store.timeline().parties == (nt.Party("UA"),)

    def test_sets_title_and_description(self, store: nt.Store) -> None:
        """The scenario's title and notes become the store's."""
        tl = nt.Timeline(issues=[], parties=[])
        store.import_scenario(nt.Scenario(timeline=tl, title="Talks", description="notes"))
        assert (store.title, store.description) == ("Talks", "notes")

    def test_rejects_non_scenario(self, store: nt.Store) -> None:
        """import_scenario takes a Scenario (or an Update)."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match="import_scenario\\(\\) takes a Scenario or an Update, not Timeline",
        ):
            store.import_scenario(store.timeline())  # type: ignore[arg-type]


class TestExportScenario:
    def test_round_trips_through_a_file(self, store: nt.Store, tmp_path: Path) -> None:
        """An exported scenario can be dumped and loaded back equal."""
        store.add(statement())
        sc = store.export_scenario()
        nt.dump(sc, tmp_path / "out.toml")
        assert nt.load(tmp_path / "out.toml") == sc


class TestIntegrityCheck:
    def test_sound_store_is_ok(self, store: nt.Store) -> None:
        """A fresh store passes SQLite's integrity check."""
        assert store.integrity_check() == ["ok"]


class TestIsStore:
    def test_a_store_whatever_its_name(self, tmp_path: Path) -> None:
        """An SQLite file is recognised by its first bytes, not its name."""
        path = tmp_path / "record.toml"
        nt.Store(path).close()
        assert nt.Store.is_store(path)

    @pytest.mark.parametrize("content", [b"", b"schema = 1\n", b"SQLite format 2\x00 nearly"])
    def test_other_files_are_not(self, tmp_path: Path, content: bytes) -> None:
        """Empty files, scenario files and near misses are not stores."""
        path = tmp_path / "x.db"
        path.write_bytes(content)
        assert not nt.Store.is_store(path)

    def test_a_missing_file_is_not(self, tmp_path: Path) -> None:
        """A missing file is not a store (the reader then names it as missing)."""
        assert not nt.Store.is_store(tmp_path / "missing.db")


UKRAINE_FILE = Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml"


def scenario_of(records: Iterable[Record]) -> nt.Scenario:
    """Return the Ukraine example's agenda with the records given."""
    full = nt.load(UKRAINE_FILE)
    return nt.Scenario(
        timeline=nt.Timeline(issues=full.issues, parties=full.parties, records=records)
    )


class TestImportInto:
    def test_creates_a_missing_store(self, tmp_path: Path) -> None:
        """A missing store is created holding exactly the scenario; nothing else is left."""
        scenario = nt.load(UKRAINE_FILE)
        assert nt.Store.import_into(tmp_path / "t.db", scenario) == (23, 23)
        with nt.Store(tmp_path / "t.db", create=False) as s:
            assert s.export_scenario() == scenario
        assert [p.name for p in tmp_path.iterdir()] == ["t.db"]

    def test_appends_to_an_existing_store(self, tmp_path: Path) -> None:
        """Into an existing store, the scenario's records are appended after the store's."""
        records = nt.load(UKRAINE_FILE).timeline.records
        assert nt.Store.import_into(tmp_path / "t.db", scenario_of(records[:1])) == (1, 1)
        assert nt.Store.import_into(tmp_path / "t.db", scenario_of(records[1:2])) == (1, 2)
        with nt.Store(tmp_path / "t.db", create=False) as s:
            assert s.timeline().records == records[:2]

    def test_a_refused_import_into_a_new_store_leaves_nothing(self, tmp_path: Path) -> None:
        """A scenario the store refuses leaves neither a store nor a temporary file."""
        records = nt.load(UKRAINE_FILE).timeline.records

        def refuse(self: nt.Store, scenario: nt.Scenario) -> None:
            raise TimelineError("refused for the test", path="x", value=None)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(nt.Store, "import_scenario", refuse)
            with pytest.raises(TimelineError, match="refused for the test"):
                nt.Store.import_into(tmp_path / "t.db", scenario_of(records))
        assert list(tmp_path.iterdir()) == []

    def test_a_refused_import_never_removes_a_store_it_did_not_create(self, tmp_path: Path) -> None:
        """A conflicting import into an existing store is refused and the store is kept."""
        records = nt.load(UKRAINE_FILE).timeline.records
        nt.Store.import_into(tmp_path / "t.db", scenario_of(records))
        with pytest.raises(TimelineError, match="already used"):
            nt.Store.import_into(tmp_path / "t.db", scenario_of(records))
        with nt.Store(tmp_path / "t.db", create=False) as s:
            assert len(s) == 23


def _import_one(path: str, tag: str, barrier: Any, results: Any) -> None:
    """In a child process: wait for the others, import one tagged statement, say how it went."""
    base = nt.load(UKRAINE_FILE).timeline.statements[0]
    # Two processes share each id: the first to import it wins, the other must be refused.
    record = attrs.evolve(base, id=f"claim-{tag[0]}", source=nt.Source(title=f"by {tag}"))
    barrier.wait()
    try:
        nt.Store.import_into(path, scenario_of([record]))
        results.put((tag, "ok"))
    except nt.errors.NegotrackError as err:
        results.put((tag, f"refused: {err}"))


def race(path: str, processes: int) -> None:
    """Import tagged statements from ``processes`` forked processes at once; check the store.

    Tags pair up on one statement id each: of a pair exactly one import is acknowledged,
    and every acknowledged statement is in the store afterwards, as imported.
    """
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    tags = [f"{i // 2}{'ab'[i % 2]}" for i in range(processes)]
    procs = [ctx.Process(target=_import_one, args=(path, tag, barrier, results)) for tag in tags]
    for p in procs:
        p.start()
    outcome = dict(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    acknowledged = sorted(t for t, how in outcome.items() if how == "ok")
    assert sorted(t[0] for t in acknowledged) == sorted({t[0] for t in tags})
    with nt.Store(path, create=False) as s:
        stored = {st.id: st.source.title for st in s.timeline().statements}
    assert stored == {f"claim-{t[0]}": f"by {t}" for t in acknowledged}


class TestConcurrentImports:
    """Issue 19, item 1: a refused import deleted another process's acknowledged import."""

    PROCESSES = 8
    TRIALS = 20

    def test_every_acknowledged_import_into_a_new_store_is_kept(self, tmp_path: Path) -> None:
        """8 processes x 20 trials into one new store: each "ok" import is there afterwards."""
        for trial in range(self.TRIALS):
            race(str(tmp_path / f"new-{trial}.db"), self.PROCESSES)
            leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
            assert leftovers == []

    def test_every_acknowledged_import_into_an_existing_store_is_kept(self, tmp_path: Path) -> None:
        """8 concurrent imports into one existing store: each "ok" record is there afterwards."""
        path = str(tmp_path / "old.db")
        nt.Store.import_into(path, scenario_of([]))
        race(path, self.PROCESSES)
