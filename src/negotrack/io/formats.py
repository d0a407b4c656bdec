"""File formats: which reader and writer serve a file, by its suffix or its first bytes.

One registry, :data:`FILE_FORMATS`, maps a format's name to a :class:`FileFormat`: its
suffixes, a reader returning a :class:`~negotrack.Scenario` and a writer taking one. The
command line and :func:`read_scenario` / :func:`write_scenario` look formats up here, so a
new format (an importer of another tool's files, a tabular export) is one module that
defines its reader and writer and calls :func:`register`.

A store (an SQLite file made by negotrack) is recognised by its first bytes, whatever its
name, and read as the scenario it holds. A format may also recognise a file by its content
(``recognises``): then it can share a suffix with another format (KTAB and decide files are
both ``.csv``) and read a directory (a Genius or GeniusWeb domain is a directory of files).

The formats of other tools register themselves from their own modules (imported at the end
of this one): :mod:`negotrack.io.genius`, :mod:`negotrack.io.geniusweb`,
:mod:`negotrack.io.ktab`, :mod:`negotrack.io.decide` (see docs/formats.md).
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import attrs

from negotrack.errors import InvalidRecordError, ScenarioError
from negotrack.io.scenario import Format, Scenario, dump, load
from negotrack.io.store import Store

__all__ = [
    "FILE_FORMATS",
    "FileFormat",
    "format_of",
    "read_scenario",
    "register",
    "suffixes",
    "write_scenario",
]

Reader = Callable[[Path], Scenario]
Writer = Callable[[Scenario, Path], None]


@attrs.frozen(kw_only=True)
class FileFormat:
    """A file format negotrack reads, writes, or both.

    Parameters
    ----------
    name : str
        Its short name (``"toml"``), also the value of ``--from``/``--to`` style options.
    suffixes : tuple of str
        The file name endings that select it, lower case with their dot (``(".toml",)``).
    description : str
        One line for help texts and docs.
    reader : callable, optional
        ``reader(path) -> Scenario``; None if the format is written only.
    writer : callable, optional
        ``writer(scenario, path)``, atomic (through :mod:`negotrack.io.atomic`); None if the
        format is read only.
    recognises : callable, optional
        ``recognises(path) -> bool``: whether a file (or directory) is in this format by its
        content. Needed to share a suffix with an earlier format or to read directories.

    Examples
    --------
    >>> from negotrack.io.formats import FILE_FORMATS
    >>> FILE_FORMATS["toml"].suffixes
    ('.toml',)
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    recognises: Callable[[Path], bool] | None = None


#: Every registered file format by name, in the order they were registered.
FILE_FORMATS: dict[str, FileFormat] = {}


def register(fmt: FileFormat) -> FileFormat:
    """Add a file format to :data:`FILE_FORMATS` (its name and suffixes must be new).

    Parameters
    ----------
    fmt : FileFormat
        The format.

    Returns
    -------
    FileFormat
        ``fmt``, so a module can write ``CSV = register(FileFormat(...))``.

    Raises
    ------
    ValueError
        If its name is taken already, or one of its suffixes is and the format cannot
        recognise its files by their content.

    Examples
    --------
    >>> from negotrack.io.formats import FileFormat, register
    >>> register(FileFormat(name="toml", suffixes=(".toml",), description="again"))
    Traceback (most recent call last):
    ...
    ValueError: a file format named 'toml' is registered already
    """
    if fmt.name in FILE_FORMATS:
        raise ValueError(f"a file format named {fmt.name!r} is registered already")
    taken: dict[str, str] = {}
    for f in FILE_FORMATS.values():
        for s in f.suffixes:
            taken.setdefault(s, f.name)
    for suffix in fmt.suffixes:
        if suffix in taken and fmt.recognises is None:
            raise ValueError(f"the suffix {suffix!r} belongs to the {taken[suffix]!r} format")
    FILE_FORMATS[fmt.name] = fmt
    return fmt


def suffixes(role: str = "reader") -> tuple[str, ...]:
    """Return the suffixes of the formats that can read (or, ``role="writer"``, write).

    Parameters
    ----------
    role : {"reader", "writer"}
        What the formats must be able to do.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> from negotrack.io.formats import suffixes
    >>> suffixes("writer")
    ('.toml', '.json', '.xml', '.csv')
    """
    found = (s for f in FILE_FORMATS.values() if getattr(f, role) is not None for s in f.suffixes)
    return tuple(dict.fromkeys(found))


def _either(items: tuple[str, ...]) -> str:
    """Join suffixes as ``.a``, ``.a or .b``, ``.a, .b or .c``."""
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


def format_of(path: str | os.PathLike[str], *, role: str = "reader") -> FileFormat:
    """Return the format that can read (``role="reader"``) or write a file, by its suffix.

    Parameters
    ----------
    path : str or PathLike
        The file name.
    role : {"reader", "writer"}
        What the format must be able to do.

    Returns
    -------
    FileFormat

    Raises
    ------
    ScenarioError
        If no registered format with that role has the file's suffix (or, for a directory,
        recognises it); the message lists the suffixes that would do.

    Notes
    -----
    A directory is read by the first format that recognises it; among formats sharing a
    suffix, the first that recognises the file's content wins, else the first registered.

    Examples
    --------
    >>> from negotrack.io.formats import format_of
    >>> format_of("talks.JSON").name
    'json'
    >>> format_of("talks.txt", role="writer")
    Traceback (most recent call last):
    ...
    negotrack.errors.ScenarioError: talks.txt: $: cannot tell the format of 'talks.txt': the file name must end in .toml, .json, .xml or .csv
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    able = [f for f in FILE_FORMATS.values() if getattr(f, role) is not None]
    if role == "reader" and Path(name).is_dir():
        for fmt in able:
            if fmt.recognises is not None and fmt.recognises(Path(name)):
                return fmt
        raise ScenarioError(
            [
                InvalidRecordError(
                    f"the directory {Path(name).name!r} is neither a Genius nor a GeniusWeb "
                    f"domain (docs/formats.md)",
                    path="$",
                    value=name,
                )
            ],
            file=name,
        )
    matching = [f for f in able if suffix in f.suffixes]
    if role == "reader" and len(matching) > 1 and Path(name).is_file():
        for fmt in matching:
            if fmt.recognises is not None and fmt.recognises(Path(name)):
                return fmt
    if matching:
        return matching[0]
    raise ScenarioError(
        [
            InvalidRecordError(
                f"cannot tell the format of {Path(name).name!r}: the file name must end in "
                f"{_either(suffixes(role))}",
                path="$",
                value=suffix,
            )
        ],
        file=name,
    )


def read_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario from a store (recognised by its first bytes) or a file of any format.

    Parameters
    ----------
    path : str or PathLike
        A store, or a file whose suffix names a registered format with a reader.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError, StoreError
        If the file cannot be read as a scenario (the message names the file and the field).
    FileNotFoundError
        If there is no such file or directory.

    Examples
    --------
    >>> from negotrack.io.formats import read_scenario
    >>> read_scenario("examples/ukraine_dec2025.toml").title
    'Russia–Ukraine talks, December 2025'
    """
    if not Path(path).exists():  # before its name is judged: a store may have any name
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(path))
    if Store.is_store(path):
        with Store(path, readonly=True) as store:  # a reading command never writes
            return store.export_scenario()
    reader = format_of(path).reader
    assert reader is not None  # format_of checked it
    return reader(Path(path))


def write_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Write a scenario atomically in the format its suffix names.

    Parameters
    ----------
    scenario : Scenario
        What to write.
    path : str or PathLike
        The file; its suffix picks the format.

    Raises
    ------
    ScenarioError
        If no registered format can write that suffix.
    OSError
        If the file cannot be written; any previous file is left as it was.

    Examples
    --------
    >>> import negotrack as nt, pathlib, tempfile
    >>> from negotrack.io.formats import read_scenario, write_scenario
    >>> sc = nt.load("examples/wage_negotiation.toml")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_scenario(sc, pathlib.Path(d) / "copy.json")
    ...     read_scenario(pathlib.Path(d) / "copy.json") == sc
    True
    """
    writer = format_of(path, role="writer").writer
    assert writer is not None  # format_of checked it
    writer(scenario, Path(path))


def _scenario_format(name: Format) -> FileFormat:
    """Return the format of negotrack scenario files in one syntax (TOML or JSON)."""

    def reader(path: Path) -> Scenario:
        return load(path, format=name)

    def writer(scenario: Scenario, path: Path) -> None:
        dump(scenario, path, format=name)

    return FileFormat(
        name=name,
        suffixes=(f".{name}",),
        description=f"a negotrack scenario file in {name.upper()} (docs/scenario-files.md)",
        reader=reader,
        writer=writer,
    )


for _name in get_args(Format):
    register(_scenario_format(_name))


# The other tools' formats register themselves (after the registry exists: they import it),
# in this order: the order help texts list them and files are recognised in (a module
# imported first by someone else registers first, hence the explicit order here).
for _module in ("genius", "geniusweb", "ktab", "decide"):
    importlib.import_module(f"negotrack.io.{_module}")
