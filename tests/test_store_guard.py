"""Issue 19, items 6, 9 and 2 (store): tampering seen on open, read-only use, deep rows.

Each test is named after what was found: rows changed behind the store's back after its
append-only triggers were dropped, a foreign empty SQLite file turned into a store, a store
on read-only media that could not be read, a row nested 100,000 deep crashing every command.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
UKRAINE = ROOT / "examples" / "ukraine_dec2025.toml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Make a store holding the Ukraine example (23 records)."""
    path = tmp_path / "talks.db"
    nt.Store.import_into(path, nt.load(UKRAINE))
    return path


def behind_its_back(path: Path, *sql: str) -> None:
    """Run SQL on the store as another program could, triggers dropped first."""
    conn = sqlite3.connect(path)
    try:
        for table in ("records", "agenda"):
            for op in ("update", "delete"):
                conn.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{op}")
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


class TestTamperingIsSeen:
    def test_dropped_triggers_are_seen(self, store: Path) -> None:
        """Item 6: a store whose append-only triggers were dropped is refused on open."""
        behind_its_back(store)
        with pytest.raises(StoreError, match=r"append-only trigger .* was dropped or changed"):
            nt.Store(store)

    @pytest.mark.parametrize(
        "sql",
        [
            "DELETE FROM records WHERE seq = 5",
            "DELETE FROM records WHERE seq = (SELECT max(seq) FROM records)",
            "UPDATE records SET seq = 100 WHERE seq = 7",
        ],
        ids=["a deleted record", "the last record deleted", "a renumbered seq"],
    )
    def test_deleted_or_renumbered_rows_are_seen(self, store: Path, sql: str) -> None:
        """Item 6: a gap in seq, or SQLite's counter past the last row, is refused."""
        triggers = sqlite3.connect(store)
        saved = triggers.execute("SELECT sql FROM sqlite_master WHERE type='trigger'").fetchall()
        triggers.close()
        behind_its_back(store, sql, *(row[0] for row in saved))  # triggers put back after
        with pytest.raises(StoreError, match="rows were deleted or renumbered"):
            nt.Store(store)

    def test_columns_disagreeing_with_the_document_are_seen(self, store: Path) -> None:
        """Item 6: an id or date column changed without its document is refused, naming the row."""
        conn = sqlite3.connect(store)
        saved = conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger'").fetchall()
        conn.close()
        behind_its_back(
            store, "UPDATE records SET date = '2030-01-01' WHERE seq = 3", *(r[0] for r in saved)
        )
        with pytest.raises(StoreError, match=r"record 3 .*disagree with its document"):
            nt.Store(store)

    def test_an_empty_foreign_sqlite_file_is_not_turned_into_a_store(self, tmp_path: Path) -> None:
        """Item 6: an SQLite file of another program, even without tables, stays as it was."""
        path = tmp_path / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 7")
        conn.commit()
        conn.close()
        before = path.read_bytes()
        for create in (True, False):
            with pytest.raises(StoreError, match="not a negotrack store"):
                nt.Store(path, create=create)
        assert path.read_bytes() == before


class TestReadOnly:
    def test_reading_leaves_the_store_as_it_was(self, store: Path) -> None:
        """Item 9: reading commands open read-only: not a byte nor the mtime changes.

        SQLite's own WAL index files may appear beside the store, as for any reader of a WAL
        database; they carry the store's owner and permission bits.
        """
        stat = store.stat()
        content = store.read_bytes()
        for command in ("analyze", "timeline", "validate", "deadlocks", "export"):
            argv = [command, str(store)]
            if command == "export":
                argv.append(str(store.parent / "out.toml"))
            assert main(argv) == 0
        assert store.read_bytes() == content
        assert store.stat().st_mtime_ns == stat.st_mtime_ns
        for side in store.parent.glob("talks.db-*"):
            assert (side.stat().st_uid, side.stat().st_mode & 0o777) == (
                stat.st_uid,
                stat.st_mode & 0o777,
            )

    def test_a_read_only_store_refuses_writes(self, store: Path) -> None:
        """Item 9: writing through a store opened read-only is a clear StoreError."""
        with nt.Store(store, readonly=True) as s:
            assert len(s.timeline().records) == 23
            with pytest.raises(StoreError, match="opened read-only"):
                s.add(nt.Party("XX"))

    def test_a_read_only_file_can_be_read(self, store: Path) -> None:
        """Item 9: with no write permission on file and folder, a store is still read.

        As root the permission bits are not enforced; the test then checks the read-only
        path is taken (``mode=ro``) and changes nothing, which is what a non-root user gets.
        """
        os.chmod(store, 0o444)
        os.chmod(store.parent, 0o555)
        try:
            with nt.Store(store, readonly=True) as s:
                assert len(s) == 23
        finally:
            os.chmod(store.parent, 0o755)
            os.chmod(store, 0o644)

    def test_a_missing_store_is_not_created_by_reading(self, tmp_path: Path) -> None:
        """Item 9: opening a missing store read-only is an error and creates nothing."""
        with pytest.raises(StoreError, match="does not exist"):
            nt.Store(tmp_path / "none.db", readonly=True)
        assert list(tmp_path.iterdir()) == []


class TestDeepRows:
    def test_a_row_nested_too_deep_is_a_corrupt_row_not_a_crash(
        self, store: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Item 2: a 100,000-deep JSON row is refused naming the row; the CLI exits 2."""
        deep = "[" * 100_000 + "]" * 100_000
        conn = sqlite3.connect(store)
        conn.execute(
            "INSERT INTO records (kind, id, date, doc) VALUES ('event', 'deep', '2026-01-02', ?)",
            (deep,),
        )
        conn.commit()
        conn.close()
        with pytest.raises(StoreError, match=r"record 24 cannot be read .*nested deeper"):
            nt.Store(store)
        assert main(["analyze", str(store)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "Traceback" not in err
