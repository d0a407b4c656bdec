"""Tests of negotrack.io.atomic: a file is replaced whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from negotrack.io.atomic import atomic_path, atomic_write


class TestAtomicWrite:
    def test_writes_a_new_file(self, tmp_path: Path) -> None:
        """A missing file is created with the bytes given, and nothing else is left."""
        atomic_write(tmp_path / "a.txt", b"hello")
        assert (tmp_path / "a.txt").read_bytes() == b"hello"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]

    def test_replaces_and_keeps_the_permission_bits(self, tmp_path: Path) -> None:
        """An existing file is replaced; its mode stays what it was."""
        target = tmp_path / "a.txt"
        target.write_bytes(b"old")
        target.chmod(0o600)
        atomic_write(target, b"new")
        assert target.read_bytes() == b"new"
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    def test_a_failed_write_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the rename fails (as on a full disk), the old content and no temp file remain."""
        target = tmp_path / "a.txt"
        target.write_bytes(b"old")

        def fail(src: str, dst: str) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="No space left"):
            atomic_write(target, b"new")
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


class TestAtomicPath:
    def test_an_error_while_writing_leaves_the_old_file(self, tmp_path: Path) -> None:
        """A writer that fails half-way (a truncated figure) never replaces the target."""
        target = tmp_path / "fig.png"
        target.write_bytes(b"old figure")

        def draw_and_fail() -> None:
            with atomic_path(target) as tmp:
                tmp.write_bytes(b"half a fig")
                raise RuntimeError("drawing failed")

        with pytest.raises(RuntimeError, match="drawing failed"):
            draw_and_fail()
        assert target.read_bytes() == b"old figure"
        assert [p.name for p in tmp_path.iterdir()] == ["fig.png"]

    def test_the_temporary_file_is_in_the_same_folder(self, tmp_path: Path) -> None:
        """The temporary file sits beside the target, so the rename never crosses devices."""
        with atomic_path(tmp_path / "x.svg") as tmp:
            assert tmp.parent == tmp_path
            assert tmp.name.startswith(".x.svg.")
            tmp.write_text("<svg/>")
        assert (tmp_path / "x.svg").read_text() == "<svg/>"


def test_a_missing_folder_is_reported_under_the_file_asked_for(tmp_path: Path) -> None:
    """Regression: the error named the hidden temporary file (.o.toml.6kg2gkwz.tmp)."""
    target = tmp_path / "nowhere" / "o.toml"
    with pytest.raises(FileNotFoundError) as info:
        atomic_write(target, b"x")
    assert info.value.filename == str(target)
