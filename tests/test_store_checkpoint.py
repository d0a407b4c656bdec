"""Issue 18: the store's checkpoint — trusted only while its digest holds, else every row checked.

A store opened from its checkpoint must hold exactly what reading and checking every row
gives (``use_checkpoint=False``), type for type; every edit made behind the store's back
(a row changed, deleted or inserted, a checkpoint part changed, its version or digest
changed) must lead to the result the row-by-row reading gives, refusal included.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import CheckpointError, StoreError
from negotrack.io import checkpoint, serialization
from negotrack.testing import strategies as nts

ROOT = Path(__file__).resolve().parent.parent
UKRAINE = ROOT / "examples" / "ukraine_dec2025.toml"
YEARS = nt.NumericScale(0, 100, unit="years")


def same(a: Any, b: Any, where: str = "$") -> None:
    """Assert ``a`` and ``b`` are equal and of the same types all the way down."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{k}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def outcome(path: Path, *, use_checkpoint: bool) -> tuple[Any, ...]:
    """Open the store: ``("ok", timeline, checkpointed)`` or ``("refused", message)``."""
    try:
        with nt.Store(path, readonly=True, use_checkpoint=use_checkpoint) as store:
            return ("ok", store.timeline(), store.checkpointed)
    except StoreError as err:
        return ("refused", str(err))


def sql(path: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    """Run SQL on the store behind its back, its append-only triggers lifted meanwhile."""
    conn = sqlite3.connect(path)
    try:
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall()
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
        for _, text in saved:
            conn.execute(text)
        conn.commit()
    finally:
        conn.close()


def parts(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM checkpoint ORDER BY part").fetchall()
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Make a store holding the Ukraine example (23 records: statements, events, conditions)."""
    path = tmp_path / "talks.db"
    nt.Store.import_into(path, nt.load(UKRAINE))
    return path


def statement(ideal: float, **changes: Any) -> nt.Statement:
    fields: dict[str, Any] = {
        "party": "UA",
        "issue": "years",
        "date": datetime.date(2025, 12, 28),
        "position": nt.Position(ideal=ideal, acceptable=nt.Region.interval(YEARS, ideal, 100)),
        "source": nt.Source(title="talks"),
    }
    return nt.Statement(**(fields | changes))


class TestLaw:
    @given(
        st.one_of(nts.scenarios(), nts.scenarios(timelines=nts.uncertain_timelines())),
        st.booleans(),
        st.sampled_from([1, 2, 3, checkpoint.CHUNK]),
    )
    def test_a_store_opened_from_its_checkpoint_equals_the_store_checked_row_by_row(
        self, sc: nt.Scenario, one_by_one: bool, chunk: int
    ) -> None:
        """Law: opening from the checkpoint gives what checking every row gives, type for type.

        Written in one transaction or one record per transaction (parts appended and merged;
        ``CHUNK`` small so that parts fill up and new ones start).
        """
        tl = sc.timeline
        with tempfile.TemporaryDirectory() as folder, mock.patch.object(checkpoint, "CHUNK", chunk):
            p = Path(folder) / "s.db"
            with nt.Store(p, durable=False) as store:
                if one_by_one:
                    for item in (*tl.issues, *tl.parties, *tl.records):
                        store.add(item)
                else:
                    store.import_scenario(sc)
            trusted = outcome(p, use_checkpoint=True)
            checked = outcome(p, use_checkpoint=False)
            ranges = [row[3:7] for row in parts(p)]
        assert [(a0, r0) for a0, _, r0, _ in ranges] == [(0, 0)] + [
            (a1, r1) for _, a1, _, r1 in ranges[:-1]
        ]  # the parts follow on, from the first row to the last
        assert trusted[0] == checked[0] == "ok"
        assert trusted[2] == len(tl.records)  # every record came from the checkpoint
        assert checked[2] == 0
        same(trusted[1].issues, checked[1].issues)
        same(trusted[1].parties, checked[1].parties)
        same(trusted[1].records, checked[1].records)
        assert trusted[1] == checked[1]

    def test_the_checkpoint_layout_names_every_field(self) -> None:
        """A model field the hand-written layouts do not know disables the checkpoint."""
        assert checkpoint.KNOWN


EDITS: dict[str, Callable[[Path], None]] = {
    "a record's document changed (still valid)": lambda p: sql(
        p,
        "UPDATE records SET doc = replace(doc, '\"salience\": 0.9', '\"salience\": 0.5') "
        "WHERE seq = (SELECT min(seq) FROM records WHERE doc LIKE '%\"salience\": 0.9%')",
    ),
    "a record's document changed (now invalid)": lambda p: sql(
        p, 'UPDATE records SET doc = replace(doc, \'"party": "UA"\', \'"party": "XX"\')'
    ),
    "a record's date column changed": lambda p: sql(
        p, "UPDATE records SET date = '2030-01-01' WHERE seq = 3"
    ),
    "a record deleted": lambda p: sql(p, "DELETE FROM records WHERE seq = 5"),
    "the last record deleted": lambda p: sql(
        p, "DELETE FROM records WHERE seq = (SELECT max(seq) FROM records)"
    ),
    "an issue's scale changed": lambda p: sql(
        p, "UPDATE agenda SET doc = replace(doc, '\"hi\": 100', '\"hi\": 40') WHERE kind = 'issue'"
    ),
    "a checkpoint part's data changed": lambda p: sql(
        p, "UPDATE checkpoint SET data = replace(data, '0.9', '0.5')"
    ),
    "a checkpoint part's data cut short": lambda p: sql(
        p, "UPDATE checkpoint SET data = substr(data, 1, 100)"
    ),
    "the format version bumped": lambda p: sql(p, "UPDATE checkpoint SET version = version + 1"),
    "another writer": lambda p: sql(p, "UPDATE checkpoint SET writer = 'negotrack 0.0.1'"),
    "the digest changed": lambda p: sql(p, "UPDATE checkpoint SET digest = upper(digest)"),
    "a part's range changed": lambda p: sql(p, "UPDATE checkpoint SET records_to = records_to - 1"),
    "the checkpoint deleted": lambda p: sql(p, "DELETE FROM checkpoint"),
}


class TestBehindTheStoresBack:
    @pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
    def test_an_edit_leads_to_the_row_by_row_result(self, store: Path, edit: str) -> None:
        """The checkpoint is not trusted: the store reads every row, and opens or refuses as that does."""
        before = outcome(store, use_checkpoint=True)
        assert before[0] == "ok"
        assert before[2] == 23
        EDITS[edit](store)
        trusted = outcome(store, use_checkpoint=True)
        checked = outcome(store, use_checkpoint=False)
        assert trusted[0] == checked[0]
        if trusted[0] == "refused":
            assert trusted[1] == checked[1]
        else:
            assert trusted[2] == 0  # nothing taken from the checkpoint
            same(trusted[1].records, checked[1].records)
            if "record" in edit:
                assert trusted[1] != before[1]  # the edit is read, not the stale checkpoint

    def test_each_edit_changes_something(self, store: Path) -> None:
        """The edits above really edit the store (else the test of each would prove nothing)."""
        original = store.read_bytes()
        for name, edit in EDITS.items():
            store.write_bytes(original)
            for side in store.parent.glob("talks.db-*"):
                side.unlink()
            conn = sqlite3.connect(store)
            dump = list(conn.iterdump())
            conn.close()
            edit(store)
            conn = sqlite3.connect(store)
            after = list(conn.iterdump())
            conn.close()
            assert after != dump, name

    @pytest.mark.parametrize("valid", [True, False], ids=["valid", "invalid"])
    def test_a_row_inserted_is_read_and_checked(self, store: Path, valid: bool) -> None:
        """A row after the checkpoint's last part is read and checked row by row, on top of it."""
        doc = {
            "id": "extra",
            "date": "2025-12-30",
            "title": "Talks" if valid else "",
            "credibility": "reported",
        }
        if not valid:
            doc["status"] = "maybe"
        sql(
            store,
            "INSERT INTO records (kind, id, date, doc) VALUES ('event', 'extra', '2025-12-30', ?)",
            params=(json.dumps(doc),),
        )
        trusted = outcome(store, use_checkpoint=True)
        checked = outcome(store, use_checkpoint=False)
        assert trusted[0] == checked[0] == ("ok" if valid else "refused")
        if valid:
            assert trusted[2] == 23  # the rest came from the checkpoint
            same(trusted[1].records, checked[1].records)
            assert trusted[1].records[-1].id == "extra"
        else:
            assert trusted[1] == checked[1]
            assert "record 24" in trusted[1]

    def test_the_next_write_mends_the_checkpoint(self, store: Path) -> None:
        """After a bad part is seen, the next write writes the whole checkpoint anew."""
        EDITS["the digest changed"](store)
        with nt.Store(store) as s:
            assert s.checkpointed == 0
            s.add(nt.Party("XX"))
        with nt.Store(store) as s:
            assert s.checkpointed == 23


class TestForger:
    def test_a_forged_checkpoint_is_trusted_by_opening_but_not_by_validate(
        self, store: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The threat model, stated: whoever recomputes the digest is believed on opening.

        ``negotrack validate`` (and ``use_checkpoint=False``) still reads and checks every
        row, so the forged row is refused there.
        """
        sql(store, 'UPDATE records SET doc = replace(doc, \'"party": "UA"\', \'"party": "XX"\')')
        conn = sqlite3.connect(store)
        for part, a0, a1, r0, r1, data in conn.execute(
            "SELECT part, agenda_from, agenda_to, records_from, records_to, data FROM checkpoint"
        ).fetchall():
            seal = checkpoint.digest(conn, (a0, a1), (r0, r1), data)
            conn.execute("UPDATE checkpoint SET digest = ? WHERE part = ?", (seal, part))
        conn.commit()
        conn.close()
        assert outcome(store, use_checkpoint=True)[2] == 23  # believed
        assert outcome(store, use_checkpoint=False)[0] == "refused"
        assert main(["validate", str(store)]) == 2
        assert "'XX' is not a party" in capsys.readouterr().err


class TestWrites:
    def test_a_failed_write_leaves_the_rows_and_the_checkpoint(self, store: Path) -> None:
        """A write that fails in SQLite (here: writing its part) writes nothing at all."""
        before = parts(store)
        count = outcome(store, use_checkpoint=True)[2]

        def fail(*args: Any) -> bool:
            raise sqlite3.OperationalError("disk I/O error")

        with nt.Store(store) as s:
            with mock.patch.object(checkpoint, "append", fail), pytest.raises(StoreError):
                s.add(nt.Party("XX"))
            assert len(s) == 23
            assert "XX" not in {p.id for p in s.timeline().parties}
        assert parts(store) == before
        after = outcome(store, use_checkpoint=True)
        assert after[2] == count == 23
        assert "XX" not in {p.id for p in after[1].parties}

    def test_a_refused_record_leaves_the_checkpoint(self, store: Path) -> None:
        """A record that does not fit is refused before anything, the checkpoint included."""
        before = parts(store)
        with nt.Store(store) as s, pytest.raises(nt.NegotrackError):
            s.extend([nt.Party("XX"), statement(50, party="nobody", issue="nothing")])
        assert parts(store) == before

    def test_an_old_store_opens_as_before_and_gets_a_checkpoint_at_its_next_write(
        self, store: Path
    ) -> None:
        """A store written before checkpoints existed (no table) is read row by row, then mended."""
        sql(store, "DROP TABLE checkpoint")
        trusted = outcome(store, use_checkpoint=True)
        assert trusted[2] == 0
        same(trusted[1].records, outcome(store, use_checkpoint=False)[1].records)
        with nt.Store(store) as s:
            s.add(nt.Party("XX"))
        again = outcome(store, use_checkpoint=True)
        assert again[2] == 23
        same(again[1].records, trusted[1].records)

    def test_reading_never_writes_a_checkpoint(self, store: Path) -> None:
        """Opening, even read-write, writes nothing: the checkpoint waits for a write."""
        sql(store, "DELETE FROM checkpoint")
        with nt.Store(store) as s:
            assert s.checkpointed == 0
            s.timeline()
        assert parts(store) == []

    def test_writes_append_parts_and_merge_them(self, tmp_path: Path) -> None:
        """One add after another appends a part each, merged so that few parts remain."""
        path = tmp_path / "s.db"
        with nt.Store(path, durable=False) as s:
            s.extend([nt.Issue("years", YEARS), nt.Party("UA")])
            for k in range(100):
                s.add(statement(k % 90))
        rows = parts(path)
        assert 1 <= len(rows) <= 3 * 7  # 102 rows in 101 writes: at most 7 parts a level
        assert [r[3] for r in rows] == [0] + [r[4] for r in rows[:-1]]  # agenda ranges follow on
        assert [r[5] for r in rows] == [0] + [r[6] for r in rows[:-1]]  # record ranges follow on
        assert rows[-1][6] == 100
        assert outcome(path, use_checkpoint=True)[2] == 100

    def test_two_writers_keep_one_checkpoint(self, tmp_path: Path) -> None:
        """Two stores on one file writing in turn: each appends after the other's part."""
        path = tmp_path / "s.db"
        with nt.Store(path, durable=False) as a:
            a.extend([nt.Issue("years", YEARS), nt.Party("UA")])
            with nt.Store(path, durable=False) as b:
                for k in range(10):
                    (a if k % 2 else b).add(statement(10 + k))
        trusted = outcome(path, use_checkpoint=True)
        assert trusted[2] == 10
        same(trusted[1].records, outcome(path, use_checkpoint=False)[1].records)


class TestFormat:
    def test_a_statement_round_trips_with_every_optional_field(self) -> None:
        """Supersedes, cites, a note and an uncertainty are kept (the longer statement form)."""
        tl = nt.Timeline(issues=[nt.Issue("years", YEARS)], parties=[nt.Party("UA")])
        tl.add(nt.Event(id="summit", date=datetime.date(2025, 12, 27), title="Summit"))
        first = tl.add(statement(40))
        tl.add(
            statement(
                50,
                supersedes=first.id,
                cites=["summit"],
                note="a note",
                uncertainty=nt.Uncertainty(probability=0.7, ideal=(45, 55)),
            )
        )
        back = checkpoint.decode(checkpoint.encode(tl.records), tl)
        same(tuple(back), tl.records)

    def test_text_the_format_cannot_hold_is_refused(self) -> None:
        """A record of a class the format does not know raises CheckpointError (no checkpoint)."""
        with pytest.raises(CheckpointError):
            checkpoint.encode([serialization])  # type: ignore[list-item]
