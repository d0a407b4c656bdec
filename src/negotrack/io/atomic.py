"""Atomic writes: a file is replaced whole or not at all.

Every writer of negotrack (scenario files, exports, plots, reports written to a file) goes
through :func:`atomic_write` or :func:`atomic_path`: the new content is written to a
temporary file in the target's folder, flushed and synced to disk, then renamed over the
target (``os.replace``, atomic on POSIX and Windows), and the rename itself is synced. A
reader sees the old file or the new one, never half of one; a failed write (a full disk, an
error while drawing) leaves the previous file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary path to write to; on success it replaces ``path`` atomically.

    For writers that want a file name rather than bytes (matplotlib's ``savefig``, say).

    Parameters
    ----------
    path : str or PathLike
        The file to create or replace. It keeps its permission bits when it exists.

    Yields
    ------
    pathlib.Path
        A new, empty file in the same folder, to be written by the caller.

    Raises
    ------
    OSError
        If the temporary file cannot be made, written or renamed; ``path`` is untouched.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.atomic import atomic_path
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = pathlib.Path(d) / "figure.svg"
    ...     with atomic_path(target) as tmp:
    ...         _ = tmp.write_text("<svg/>")
    ...     target.read_text(), sorted(p.name for p in pathlib.Path(d).iterdir())
    ('<svg/>', ['figure.svg'])
    """
    target = Path(path)
    folder = target.parent
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:  # no such folder, no permission: name the file asked for
        raise type(err)(err.errno, err.strerror, str(target)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:  # the caller may have closed it unsynced
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(folder)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    Parameters
    ----------
    path : str or PathLike
        The file to create or replace.
    data : bytes
        Its whole new content.

    Raises
    ------
    OSError
        If it cannot be written; the previous file, if any, is left untouched.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.atomic import atomic_write
    >>> with tempfile.TemporaryDirectory() as d:
    ...     atomic_write(pathlib.Path(d) / "a.txt", b"one")
    ...     atomic_write(pathlib.Path(d) / "a.txt", b"two")
    ...     (pathlib.Path(d) / "a.txt").read_bytes()
    b'two'
    """
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; not every platform can open a folder."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(dir_fd)
