"""Tests of negotrack.io.formats: the registry of file formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.errors import ScenarioError, StoreError
from negotrack.io.formats import (
    FILE_FORMATS,
    FileFormat,
    format_of,
    read_scenario,
    register,
    suffixes,
    write_scenario,
)

ROOT = Path(__file__).resolve().parent.parent
UKRAINE = ROOT / "examples" / "ukraine_dec2025.toml"


class TestFormatOf:
    @pytest.mark.parametrize(("name", "fmt"), [("a.toml", "toml"), ("B.JSON", "json")])
    def test_by_suffix_whatever_its_case(self, name: str, fmt: str) -> None:
        """The suffix picks the format, upper or lower case."""
        assert format_of(name).name == fmt
        assert format_of(name, role="writer").name == fmt

    def test_an_unknown_suffix_names_the_file_and_the_choices(self) -> None:
        """The error names the file and lists the suffixes that would do."""
        with pytest.raises(ScenarioError) as info:
            format_of("notes.txt")
        assert info.value.file == "notes.txt"
        assert "cannot tell the format of 'notes.txt'" in str(info.value)
        assert "must end in .toml, .json, .xml or .csv" in str(info.value)

    def test_a_format_without_a_writer_is_not_chosen_to_write(self) -> None:
        """A read-only format answers for reading, not for writing."""
        fmt = FileFormat(name="test-read-only", suffixes=(".ro",), description="t", reader=nt.load)
        register(fmt)
        try:
            assert format_of("x.ro") is fmt
            assert ".ro" in suffixes("reader")
            assert ".ro" not in suffixes("writer")
            with pytest.raises(ScenarioError, match=r"must end in \.toml, \.json, \.xml or \.csv"):
                format_of("x.ro", role="writer")
        finally:
            del FILE_FORMATS["test-read-only"]


class TestRegister:
    def test_a_taken_suffix_is_refused(self) -> None:
        """Two formats never claim the same suffix."""
        with pytest.raises(ValueError, match=r"'\.json' belongs to the 'json' format"):
            register(FileFormat(name="other", suffixes=(".json",), description="t"))
        assert "other" not in FILE_FORMATS


class TestReadAndWrite:
    def test_round_trip_through_every_negotrack_format(self, tmp_path: Path) -> None:
        """What write_scenario writes, read_scenario reads back equal, in negotrack's formats.

        The other tools' writers (Genius, KTAB) keep what their format can hold
        (docs/formats.md); their round trips are in tests/test_field_formats.py.
        """
        scenario = nt.load(UKRAINE)
        for suffix in (".toml", ".json"):
            path = tmp_path / f"copy{suffix}"
            write_scenario(scenario, path)
            assert read_scenario(path) == scenario

    def test_a_store_is_read_whatever_its_name(self, tmp_path: Path) -> None:
        """A store is recognised by its first bytes, even named like a scenario file."""
        db = tmp_path / "talks.db"
        nt.Store.import_into(db, nt.load(UKRAINE))
        disguised = tmp_path / "talks.toml"
        shutil.copy(db, disguised)
        assert read_scenario(disguised).timeline == nt.load(UKRAINE).timeline

    def test_another_sqlite_file_is_refused_as_a_store(self, tmp_path: Path) -> None:
        """An SQLite database of another program is not read as a scenario."""
        import sqlite3

        path = tmp_path / "other.db"
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE t (x)")
        conn.close()
        with pytest.raises(StoreError, match="not a negotrack store"):
            read_scenario(path)
