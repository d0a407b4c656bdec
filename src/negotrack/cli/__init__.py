"""The ``negotrack`` command (also ``python -m negotrack``).

Subcommands: ``validate``, ``analyze``, ``timeline``, ``diff``, ``deadlocks``, ``plot``,
``packages`` and ``forecast`` read a scenario file or a store; ``import`` appends a scenario
file to a store and ``export`` writes a store's record as a scenario file. Those that print
take ``--format text|markdown|json``; JSON follows the report schema (``docs/reports.md``).

Exit status: 0 on success, 2 on bad input — a missing or malformed file, an unknown party,
a bad date — with one line on standard error naming the file and the field, never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import negotrack as nt
from negotrack.analysis.agreement import agreement
from negotrack.analysis.deadlocks import analyze_conditions
from negotrack.analysis.forecast import METHODS, forecast_report
from negotrack.analysis.gaps import analyze
from negotrack.errors import NegotrackError, ScenarioError
from negotrack.io import reports
from negotrack.io.scenario import dump, load, validate
from negotrack.io.store import Store
from negotrack.timeline.records import Credibility

__all__ = ["build_parser", "main"]

_LEVELS = tuple(level.name.lower() for level in Credibility)  # denied ... confirmed
_EXAMPLE = "examples/ukraine_dec2025.toml"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _BadInputError(Exception):
    """Bad input found by the command itself (an unknown party in --parties, say)."""


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2025-12-29"
        ) from None


def _parties(text: str) -> list[str]:
    names = [p.strip() for p in text.split(",") if p.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"{text!r} names no party; write ids like RU,UA")
    return names


# ----------------------------------------------------------------------------- helpers


#: The first bytes of every SQLite database file: a store, whatever its name.
_SQLITE_HEADER = b"SQLite format 3\x00"


def _is_store(path: str) -> bool:
    """Whether ``path`` is an SQLite file (then opened as a store, which checks it is one)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False  # missing or unreadable: load() says so, naming the file


def _load(path: str) -> Any:
    """Read a scenario file, or a store's whole record as a scenario."""
    if _is_store(path):
        with Store(path, create=False) as store:
            return store.export_scenario()
    return load(path)


def _summary(tl: Any) -> dict[str, int]:
    return {
        "issues": len(tl.issues),
        "parties": len(tl.parties),
        "statements": len(tl.statements),
        "events": len(tl.events),
        "conditions": len(tl.conditions),
    }


def _snapshot(args: argparse.Namespace, scenario: Any) -> Any:
    return scenario.timeline.snapshot(
        at=getattr(args, "at", None), min_credibility=getattr(args, "min_credibility", "denied")
    )


def _check_parties(args: argparse.Namespace, scenario: Any) -> list[str] | None:
    chosen: list[str] | None = getattr(args, "parties", None)
    if chosen is None:
        return None
    known = [p.id for p in scenario.timeline.parties]
    for p in chosen:
        if p not in known:
            raise _BadInputError(
                f"{args.file}: --parties: {p!r} is not a party of the scenario; known parties: "
                f"{', '.join(known)}"
            )
    return chosen


def _print(args: argparse.Namespace, document: dict[str, Any]) -> int:
    sys.stdout.write(reports.render(document, args.format))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0


# ----------------------------------------------------------------------------- subcommands


def _cmd_validate(args: argparse.Namespace) -> int:
    # A store is checked by opening it: every record read back and checked (a bad one is
    # a StoreError naming it, reported as one line by main).
    # A scenario file is read once; only a file that fails is read again, by validate(),
    # to list every problem in it.
    problems: list[NegotrackError] = []
    summary: dict[str, int] = {}
    try:
        summary = _summary(_load(args.file).timeline)
    except (ScenarioError, OSError):
        if _is_store(args.file):
            raise
        problems = validate(args.file)
    _print(args, reports.validation_document(args.file, problems, summary=summary))
    if problems:
        first = problems[0]
        where = f"{first.path}: " if getattr(first, "path", None) else ""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise _BadInputError(f"{args.file}: {where}{getattr(first, 'message', first)}{more}")
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    parties = _check_parties(args, scenario)
    snap = _snapshot(args, scenario)
    report = analyze(snap, parties=parties)
    # The brief's deadlocks are among all parties: the report's own are those when no
    # --parties was given (the condition analysis is the costly part; done once).
    conditions = report.conditions if parties is None else analyze_conditions(snap)
    tl = scenario.timeline
    diff = None
    if args.since is not None:
        end = args.at or (tl.dates[-1] if tl.dates else args.since)
        if args.since > end:
            raise _BadInputError(
                f"{args.file}: --since {args.since.isoformat()} is after the date analysed "
                f"({end.isoformat()})"
            )
        diff = tl.diff(args.since, end, min_credibility=args.min_credibility)
    doc = reports.brief_document(
        report,
        conditions,
        tl,
        title=scenario.title,
        date=args.at,
        min_credibility=args.min_credibility,
        diff=diff,
    )
    return _print(args, doc)


def _cmd_timeline(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    return _print(args, reports.timeline_document(scenario.timeline, title=scenario.title))


def _cmd_diff(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    if args.date1 > args.date2:
        raise _BadInputError(
            f"{args.file}: DATE1 {args.date1.isoformat()} is after DATE2 {args.date2.isoformat()}"
        )
    diff = scenario.timeline.diff(args.date1, args.date2, min_credibility=args.min_credibility)
    return _print(args, reports.diff_document(diff, scenario.timeline, title=scenario.title))


def _cmd_deadlocks(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    report = analyze_conditions(_snapshot(args, scenario), cycles=args.cycles)
    doc = reports.conditions_document(report, scenario.timeline, title=scenario.title)
    return _print(args, doc)


def _cmd_plot(args: argparse.Namespace) -> int:
    from negotrack import plot

    out = args.output
    if not out.lower().endswith((".png", ".svg")):
        raise _BadInputError(f"-o {out}: the output must end in .png or .svg")
    scenario = _load(args.file)
    parties = _check_parties(args, scenario)
    if args.kind == "gaps":
        plot.plot_gaps(
            scenario.timeline,
            out,
            parties=parties,
            min_credibility=args.min_credibility,
            title=scenario.title,
        )
    elif args.kind == "heatmap":
        report = analyze(_snapshot(args, scenario), parties=parties)
        plot.plot_distances(report, out, timeline=scenario.timeline, title=scenario.title)
    else:
        plot.plot_conditions(_snapshot(args, scenario), out, title=scenario.title)
    sys.stdout.write(f"wrote {out}\n")
    return 0


def _cmd_packages(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    parties = _check_parties(args, scenario)
    snap = _snapshot(args, scenario)
    chosen = parties or [p.id for p in snap.parties if any(k[0] == p.id for k in snap.statements)]
    # The agreement space needs every party's position on every issue in it: keep the issues
    # on which each chosen party has stated one.
    issues = [i.id for i in snap.issues if all((p, i.id) in snap.statements for p in chosen)]
    if not issues:
        doc = reports.packages_document(None, title=scenario.title, date=args.at, parties=chosen)
        return _print(args, doc)
    report = agreement(snap, parties=chosen, issues=issues)
    return _print(args, reports.packages_document(report, title=scenario.title, date=args.at))


def _cmd_forecast(args: argparse.Namespace) -> int:
    scenario = _load(args.file)
    methods = args.methods or METHODS
    report = forecast_report(_snapshot(args, scenario), methods=methods)
    return _print(args, reports.forecast_document(report, title=scenario.title, date=args.at))


def _cmd_import(args: argparse.Namespace) -> int:
    scenario = load(args.file)
    existed = os.path.exists(args.store)
    try:
        with Store(args.store) as store:
            before = len(store)
            store.import_scenario(scenario)  # all or nothing
            added, total = len(store) - before, len(store)
    except NegotrackError as err:
        if not existed:  # leave no empty store behind: the folder is as it was
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(args.store + suffix)
        raise _BadInputError(
            f"{args.file} into {args.store}: {' '.join(str(err).split())}; nothing was imported"
        ) from None
    counts = _summary(scenario.timeline)
    sys.stdout.write(
        f"imported {args.file} into {args.store}: {counts['statements']} statements, "
        f"{counts['events']} events, {counts['conditions']} conditions ({added} records added, "
        f"{total} in the store)\n"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    out = args.output
    if not out.lower().endswith((".toml", ".json")):
        raise _BadInputError(f"{out}: the output must end in .toml or .json")
    if not _is_store(args.file):
        raise _BadInputError(f"{args.file}: not a store (an SQLite file made by negotrack)")
    scenario = _load(args.file)
    dump(scenario, out)  # atomic: a failed write leaves any old file as it was
    counts = _summary(scenario.timeline)
    sys.stdout.write(
        f"wrote {out}: {counts['issues']} issues, {counts['parties']} parties, "
        f"{counts['statements']} statements, {counts['events']} events, "
        f"{counts['conditions']} conditions\n"
    )
    return 0


# ----------------------------------------------------------------------------- the parser


def _add_common(
    sub: Any,
    name: str,
    help_text: str,
    example: str,
    func: Callable[[argparse.Namespace], int],
    *,
    prints: bool = True,
) -> argparse.ArgumentParser:
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
            help="text (a readable brief), markdown (for a memo) or json (documented schema)",
        )
    p.set_defaults(func=func)
    return p


def _add_min_credibility(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument(
        "--min-credibility", choices=_LEVELS, default="denied", metavar="LEVEL", help=help_text
    )


def _add_at(p: argparse.ArgumentParser) -> None:
    p.add_argument("--at", type=_date, metavar="DATE", help="the date to look at (default: latest)")
    _add_min_credibility(
        p, "leave out records below LEVEL: denied (keep all), alleged, reported, confirmed"
    )


def _add_parties(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--parties", type=_parties, metavar="A,B", help="only these parties (comma-separated ids)"
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
    parser = _Parser(
        prog="negotrack",
        description="Track where the parties to a negotiation stand and analyse the gaps.",
        epilog=f"example:\n  negotrack analyze {_EXAMPLE}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"negotrack {nt.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_common(
        sub,
        "validate",
        "check a scenario file and list every problem in it",
        f"negotrack validate {_EXAMPLE}",
        _cmd_validate,
    )
    p = _add_common(
        sub,
        "analyze",
        "the brief: per issue status, overlap, distances and needed concessions; deadlocks",
        f"negotrack analyze {_EXAMPLE} --since 2025-12-28 --parties RU,UA,US",
        _cmd_analyze,
    )
    _add_at(p)
    _add_parties(p)
    p.add_argument("--since", type=_date, metavar="DATE", help="also list what changed after DATE")
    _add_common(
        sub,
        "timeline",
        "every statement, event and condition in date order, with sources",
        f"negotrack timeline {_EXAMPLE} --format markdown",
        _cmd_timeline,
    )
    p = _add_common(
        sub,
        "diff",
        "what changed between two dates: positions, events, conditions",
        f"negotrack diff {_EXAMPLE} 2025-12-28 2025-12-31",
        _cmd_diff,
    )
    p.add_argument("date1", metavar="DATE1", type=_date, help="the earlier date (YYYY-MM-DD)")
    p.add_argument("date2", metavar="DATE2", type=_date, help="the later date (YYYY-MM-DD)")
    _add_min_credibility(p, "leave out records below LEVEL")
    p = _add_common(
        sub,
        "deadlocks",
        "sequencing deadlocks (nobody can move first) and linkage conflicts, with sources",
        f"negotrack deadlocks {_EXAMPLE} --min-credibility reported",
        _cmd_deadlocks,
    )
    _add_at(p)
    p.add_argument("--cycles", action="store_true", help="also list every cycle (bounded)")
    p = _add_common(
        sub,
        "plot",
        "draw the gaps over time, the distance heatmap or the condition graph",
        f"negotrack plot {_EXAMPLE} -o gaps.png --kind gaps",
        _cmd_plot,
        prints=False,
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.png or OUT.svg")
    p.add_argument(
        "--kind",
        choices=("gaps", "heatmap", "conditions"),
        default="gaps",
        help="gaps over time (default), pairwise distance heatmap, or condition graph",
    )
    _add_at(p)
    _add_parties(p)
    p = _add_common(
        sub,
        "packages",
        "the agreement space: packages every red line allows, Pareto frontier, solutions",
        f"negotrack packages {_EXAMPLE} --parties UA,US,EU",
        _cmd_packages,
    )
    _add_at(p)
    _add_parties(p)
    p = _add_common(
        sub,
        "forecast",
        "forecast each issue's outcome (compromise, weighted median, Nash, status quo)",
        f"negotrack forecast {_EXAMPLE} --method median",
        _cmd_forecast,
    )
    _add_at(p)
    p.add_argument(
        "--method",
        dest="methods",
        action="append",
        choices=METHODS,
        help="a forecast method (repeat for several; default: all)",
    )
    p = sub.add_parser(
        "import",
        help="append a scenario file to a store (created if missing), all or nothing",
        description="append a scenario file's issues, parties and records to a store (created "
        "if missing), in one transaction: all of it, or nothing",
        epilog=f"example:\n  negotrack import {_EXAMPLE} talks.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="SCENARIO", help="a scenario file (.toml or .json)")
    p.add_argument("store", metavar="STORE", help="the store (an SQLite file)")
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser(
        "export",
        help="write a store's whole record as a scenario file (.toml or .json)",
        description="write a store's whole record as a scenario file (.toml or .json), atomically",
        epilog="example:\n  negotrack export talks.db talks.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="STORE", help="the store (an SQLite file)")
    p.add_argument("output", metavar="OUT", help="OUT.toml or OUT.json")
    p.set_defaults(func=_cmd_export)
    return parser


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
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    prog = f"negotrack {args.command}"
    try:
        return int(args.func(args))
    except _BadInputError as exc:
        return _fail(prog, str(exc))
    except NegotrackError as exc:
        text = str(exc)
        if exc.file is None and not text.startswith(str(args.file)):
            text = f"{args.file}: {text}"
        return _fail(prog, text)
    except OSError as exc:
        name = exc.filename if exc.filename is not None else args.file
        return _fail(prog, f"{name}: {exc.strerror or exc}")


def _fail(prog: str, message: str) -> int:
    line = " ".join(message.split())
    sys.stderr.write(f"{prog}: error: {line}\n")
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
