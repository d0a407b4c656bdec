"""The ``negotrack`` command (also ``python -m negotrack``).

Subcommands: ``validate``, ``analyze``, ``timeline``, ``diff``, ``deadlocks``, ``packages``,
``forecast``, ``robustness``, ``plot`` and ``brief`` read a scenario file, another tool's
file (Genius, GeniusWeb, KTAB, decide) or a store; ``import`` appends a scenario file (or an
update file) to a store, ``add`` adds one record to a store from flags, ``export`` writes a
store's record as a scenario file or a table, and ``convert`` converts between formats.
Those that print take ``--format text|markdown|json|html``; JSON follows the report schema
(``docs/reports.md``).

Exit status: 0 on success, 2 on bad input — a missing or malformed file, an unknown party,
a bad date — with one line on standard error naming the file and the field, never a
traceback.

Layout: each module of this package registers its own subcommands (``register(sub)``):
:mod:`~negotrack.cli.analysis_commands` (reading and analysing),
:mod:`~negotrack.cli.plot_commands` (figures), :mod:`~negotrack.cli.record_commands`
(keeping a record), :mod:`~negotrack.cli.add_command` (one record from flags);
:mod:`~negotrack.cli.common` holds what they share. A new subcommand
is a function and a few lines of ``register`` in the module of its group; a new group is a
module listed in :data:`COMMAND_GROUPS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, NoReturn, TextIO

import negotrack as nt
from negotrack.cli import (
    add_command,
    analysis_commands,
    brief_command,
    common,
    plot_commands,
    record_commands,
    robustness_command,
)
from negotrack.cli.common import EXAMPLE, CommandError, Parser
from negotrack.errors import NegotrackError
from negotrack.io.reports.visible import visible

__all__ = ["COMMAND_GROUPS", "build_parser", "main", "run"]

#: The modules that register subcommands, in the order ``negotrack --help`` lists them.
COMMAND_GROUPS: tuple[ModuleType, ...] = (
    analysis_commands,
    robustness_command,
    brief_command,
    plot_commands,
    record_commands,
    add_command,
)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``negotrack`` command.

    Returns
    -------
    argparse.ArgumentParser
        With one subparser per subcommand; usage errors print one line and exit 2.

    Examples
    --------
    >>> from negotrack.cli import build_parser
    >>> args = build_parser().parse_args(["analyze", "x.toml", "--at", "2025-12-28"])
    >>> args.command, args.at
    ('analyze', datetime.date(2025, 12, 28))
    """
    parser = Parser(
        prog="negotrack",
        description="Track where the parties to a negotiation stand and analyse the gaps.",
        epilog=f"example:\n  negotrack analyze {EXAMPLE}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in COMMAND_GROUPS:
        group.register(sub)
    parser.set_defaults(commands=sub.choices)  # to name the subcommand in its usage errors
    return parser


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for (importlib.metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        help_text = "show program's version number and exit"  # argparse's own
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help_text)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"negotrack {nt.__version__}\n")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``negotrack`` command; return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on bad input (with one line on stderr).

    Examples
    --------
    >>> from negotrack.cli import main
    >>> main(["validate", "examples/ukraine_dec2025.toml"])
    examples/ukraine_dec2025.toml is valid: 6 issues, 4 parties, 15 statements, 5 events, 3 conditions.
    0
    """
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # the subcommand's error, naming it: "negotrack analyze: error: ..."
            args.commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    prog = f"negotrack {args.command}"
    # the file a command reads (``convert`` calls it ``input``): errors naming no file name it
    subject = getattr(args, "file", None) or getattr(args, "input", None)
    given = sys.stdout
    sys.stdout = _Output(given)  # a failure to write it is said as such, not as the file's
    try:
        return int(args.func(args))
    except CommandError as exc:
        return _fail(prog, str(exc))
    except NegotrackError as exc:
        text = str(exc)
        if exc.file is None and subject is not None and not text.startswith(str(subject)):
            text = f"{subject}: {text}"
        return _fail(prog, text)
    except BrokenPipeError:
        # the reader stopped reading (``negotrack ... | head``): its choice, not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0
    except OSError as exc:
        name = exc.filename if exc.filename is not None else subject
        if isinstance(exc, _OutputError):
            name = _CANNOT_WRITE
        return _fail(prog, f"{name}: {exc.strerror or exc}" if name else str(exc.strerror or exc))
    finally:
        if isinstance(sys.stdout, _Output):  # (a reader gone left the null device in place)
            sys.stdout = given


#: How a command says that writing its standard output failed.
_CANNOT_WRITE = "cannot write standard output"


class _OutputError(OSError):
    """Writing standard output failed, for another reason than a reader that stopped reading."""


class _Output:
    """Standard output while a command runs: its write errors become :class:`_OutputError`.

    Everything else (``fileno``, ``encoding``, ``buffer`` ...) is the stream's own.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _as_output_error():
            return self._stream.write(text)

    def flush(self) -> None:
        with _as_output_error():
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _as_output_error() -> Iterator[None]:
    """Turn an OSError of standard output into :class:`_OutputError` (a broken pipe stays)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(exc.errno, exc.strerror) from exc


def run() -> NoReturn:
    """Run the ``negotrack`` command as a process: :func:`main`, then end the process at once.

    The console script and ``python -m negotrack`` call this. Every file a command writes
    is closed (and synced) before :func:`main` returns; what is left is freeing what the
    command read and made, object by object, and the interpreter's teardown — 0.16 s for
    a record of 10^5 statements, which nobody waits for. So standard output and error are
    flushed and the process ends with ``os._exit``, the record still allocated (kept by
    :func:`negotrack.cli.common.keep`). The exit status is :func:`main`'s; if standard
    output cannot be flushed (a full disk, say; not a reader that stopped reading), one
    line says so and the status is 120, as Python's own.

    Examples
    --------
    It ends the process, so it runs as the command, not in a program of your own
    (:func:`main` returns instead)::

        $ python -m negotrack validate examples/ukraine_dec2025.toml; echo $?
        examples/ukraine_dec2025.toml is valid: 6 issues, 4 parties, 15 statements, 5 events, 3 conditions.
        0
    """
    common.KEPT = []
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped reading: its choice, as main says
        pass
    except OSError as exc:
        _fail("negotrack", f"{_CANNOT_WRITE}: {exc.strerror or exc}")
        code = 120
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _fail(prog: str, message: str) -> int:
    line = visible(" ".join(message.split()))  # one line, nothing in it acts on the terminal
    sys.stderr.write(f"{prog}: error: {line}\n")
    return 2


if __name__ == "__main__":  # pragma: no cover
    run()
