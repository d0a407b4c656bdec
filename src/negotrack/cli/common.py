"""What every subcommand of the ``negotrack`` command shares.

The parser class (usage errors on one line, exit status 2), argument types, the options
several subcommands take (``--format``, ``--at``, ``--min-credibility``, ``--parties``,
``--exclude-group``, ``--condition-holders``), and
the steps every reading command takes: read a file or store, select parties, print a report.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import math
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

from negotrack._clock import CONDITIONS_TIME_LIMIT as DEFAULT_TIME_LIMIT
from negotrack.io import reports
from negotrack.io.formats import format_of, read_scenario
from negotrack.io.genius import read_genius
from negotrack.io.geniusweb import read_geniusweb
from negotrack.io.reports.writers import json as json_writer
from negotrack.io.scenario import Scenario
from negotrack.io.store import Store
from negotrack.io.utility_domain import UtilityDomain
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Credibility
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

_T = TypeVar("_T")

#: The credibility levels, lowest first, as the command line spells them.
LEVELS = tuple(level.name.lower() for level in Credibility)  # denied ... confirmed
#: The example every help text shows.
EXAMPLE = "examples/ukraine_dec2025.toml"

Command = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        """Print the usage error on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class CommandError(Exception):
    """Bad input found by a subcommand itself (an unknown party in --parties, say)."""


def date_argument(text: str) -> datetime.date:
    """Parse a ``YYYY-MM-DD`` argument, or explain the form expected."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2025-12-29"
        ) from None


def seconds_argument(text: str) -> float:
    """Parse a ``--time-limit`` argument: a finite number of seconds above 0."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds above 0; write e.g. 2 or 0.5"
        )
    return seconds


def add_time_limit(
    p: argparse.ArgumentParser, *, default: float = DEFAULT_TIME_LIMIT, work: str | None = None
) -> None:
    """Add ``--time-limit SECONDS``: the budget of the command's optional work.

    ``work`` says what the seconds are for (the condition analysis' optional searches by
    default); the help adds the default.
    """
    work = work or (
        "CPU seconds of optional work: exact untying searches, refined bounds, the cycle "
        "listing; the report says what it cut short (finding the deadlocks and a greedy "
        "untying set always completes)"
    )
    p.add_argument(
        "--time-limit",
        type=seconds_argument,
        default=default,
        metavar="SECONDS",
        help=f"{work} (default {default:g})",
    )


def parties_argument(text: str) -> list[str]:
    """Parse a comma-separated list of party ids."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"{text!r} names no party; write ids like RU,UA")
    return names


def add_command(
    sub: Any,
    name: str,
    help_text: str,
    example: str,
    func: Command,
    *,
    prints: bool = True,
) -> argparse.ArgumentParser:
    """Add a subcommand that reads FILE (a scenario file or a store); with ``--format``."""
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file", metavar="FILE", help="a scenario file (.toml or .json) or a store (SQLite)"
    )
    if prints:
        p.add_argument(
            "--format",
            choices=reports.FORMATS,
            default="text",
            help="text (a readable brief), markdown (for a memo), json (documented schema) "
            "or html (one self-contained page)",
        )
    p.set_defaults(func=func)
    return p


def whole_number(minimum: int) -> Callable[[str], int]:
    """Return an argparse type reading a whole number >= ``minimum`` (the one rule for counts).

    Examples
    --------
    >>> from negotrack.cli.common import whole_number
    >>> whole_number(1)("12")
    12
    >>> whole_number(1)("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 0 must be 1 or more
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} must be {minimum} or more")
        return value

    return parse


def add_min_credibility(p: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--min-credibility LEVEL``."""
    p.add_argument(
        "--min-credibility",
        choices=LEVELS,
        default=DEFAULT_MIN_CREDIBILITY.label,
        metavar="LEVEL",
        help=help_text,
    )


def add_at(p: argparse.ArgumentParser) -> None:
    """Add ``--at DATE`` and ``--min-credibility LEVEL`` (what a snapshot needs)."""
    p.add_argument(
        "--at", type=date_argument, metavar="DATE", help="the date to look at (default: latest)"
    )
    add_min_credibility(
        p,
        "leave out records below LEVEL: denied (keep all), alleged (the default: denied "
        "records left out), reported, confirmed",
    )


def add_parties(p: argparse.ArgumentParser, *, holders: bool = True) -> None:
    """Add ``--parties``, ``--exclude-group`` and (with ``holders``) ``--condition-holders``.

    The one party rule of ``docs/concepts.md``.
    """
    p.add_argument(
        "--parties",
        type=parties_argument,
        metavar="A,B",
        help="only these parties' positions (comma-separated ids; default: every party)",
    )
    p.add_argument(
        "--exclude-group",
        action="append",
        default=[],
        metavar="GROUP",
        help="leave out the parties of GROUP (a party's `group`, e.g. observers); repeatable",
    )
    if holders:
        p.add_argument(
            "--condition-holders",
            type=parties_argument,
            metavar="A,B",
            help="read only these parties' conditions (default: every party's, whatever "
            "--parties says: a knot held partly by a party left out still blocks the others)",
        )


#: What the command made, kept until the process ends when :func:`negotrack.cli.run` ends
#: it with ``os._exit``: freeing a large record object by object (0.16 s for 10^5
#: statements) is work nobody waits for. None, as when :func:`negotrack.cli.main` is called
#: from a program that goes on: nothing is kept.
KEPT: list[object] | None = None


def keep(made: _T) -> _T:
    """Return ``made``, kept until the process ends if :data:`KEPT` is a list.

    Parameters
    ----------
    made : object
        What a command read or made (the scenario, the report document).

    Returns
    -------
    object
        ``made`` itself.

    Examples
    --------
    >>> from negotrack.cli import common
    >>> common.KEPT is None  # main called from a program: nothing is kept
    True
    >>> common.keep("a report") == "a report"
    True
    """
    if KEPT is not None:
        KEPT.append(made)
    return made


def read(args: argparse.Namespace) -> Scenario:
    """Read the command's FILE: a scenario file of any registered format, or a store."""
    return keep(read_scenario(args.file))


def counts(tl: Timeline) -> dict[str, int]:
    """How many of each thing a timeline holds, for one-line summaries."""
    return {
        "issues": len(tl.issues),
        "parties": len(tl.parties),
        "statements": len(tl.statements),
        "events": len(tl.events),
        "conditions": len(tl.conditions),
    }


def snapshot(args: argparse.Namespace, scenario: Scenario) -> Snapshot:
    """Return the snapshot ``--at`` and ``--min-credibility`` ask for."""
    return scenario.timeline.snapshot(
        at=getattr(args, "at", None),
        min_credibility=getattr(args, "min_credibility", DEFAULT_MIN_CREDIBILITY.label),
    )


def chosen_parties(args: argparse.Namespace, scenario: Scenario) -> list[str] | None:
    """Return the parties ``--parties`` and ``--exclude-group`` choose (None: every party).

    Each id and group is checked against the scenario by
    :func:`negotrack.select_parties`, the function behind every API's ``parties=``.
    """
    chosen: list[str] | None = getattr(args, "parties", None)
    groups: list[str] = getattr(args, "exclude_group", None) or []
    if chosen is None and not groups:
        return None
    return list(
        select_parties(
            scenario.timeline,
            chosen,
            path="--parties",
            of="the scenario",
            exclude_groups=groups,
            group_path="--exclude-group",
        )
    )


def condition_holders(args: argparse.Namespace, scenario: Scenario) -> list[str] | None:
    """Return the ``--condition-holders`` given, each checked (None: every party's)."""
    holders: list[str] | None = getattr(args, "condition_holders", None)
    if holders is None:
        return None
    return list(
        select_parties(scenario.timeline, holders, path="--condition-holders", of="the scenario")
    )


def show(args: argparse.Namespace, document: dict[str, Any]) -> int:
    """Print a report document in the ``--format`` asked for; return exit status 0."""
    keep(document)
    if args.format == "json":  # written piece by piece: a large report is never held whole
        json_writer.write_to(document, sys.stdout)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(reports.render(document, args.format))
    return 0


def output_file(args: argparse.Namespace, suffixes: tuple[str, ...], shown: str) -> str:
    """Return ``-o OUT``, refused in one line unless it ends in a suffix and is not FILE.

    ``shown`` says the suffixes in the message ("``.png or .svg``").
    """
    out: str = args.output
    if not out.lower().endswith(suffixes):
        raise CommandError(f"-o {out}: the output must end in {shown}")
    not_the_input(out, args.file, shown=f"-o {out}")
    return out


def not_the_input(out: str, given: str, *, shown: str) -> None:
    """Refuse in one line an output that is the input (the same file or directory).

    Writing over the file being read would replace the user's record (and its comments)
    with a conversion of it; ``shown`` names the output as the command line did.
    """
    if os.path.exists(out) and os.path.exists(given) and os.path.samefile(out, given):
        raise CommandError(f"{shown}: the output is the input {given}; name another file")


@contextlib.contextmanager
def writing(out: str, what: str) -> Iterator[None]:
    """Turn a failure to write ``out`` into one line naming it (the old file is unchanged)."""
    try:
        yield
    except OSError as err:
        raise CommandError(
            f"-o {out}: cannot write {what}: {err.strerror or err}; any previous {out} is unchanged"
        ) from None


#: The utility formats, whose files carry each party's exact utility (format name → reader).
UTILITY_READERS: dict[str, Callable[[str], UtilityDomain]] = {
    "genius": read_genius,
    "geniusweb": read_geniusweb,
}


def utility_domain(path: str) -> UtilityDomain | None:
    """Return the domain of a Genius or GeniusWeb input (its exact utilities), else None."""
    if Store.is_store(path):
        return None
    name = format_of(path).name
    return UTILITY_READERS[name](path) if name in UTILITY_READERS else None
