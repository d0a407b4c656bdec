"""The subcommands that read a record and print an analysis of it.

``validate``, ``analyze``, ``timeline``, ``diff``, ``deadlocks``, ``packages`` and
``forecast``: each reads a scenario file or a store and prints a report in the format asked
for (``--format text|markdown|json``).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from negotrack._clock import AGREEMENT_TIME_LIMIT as FRONTIER_TIME_LIMIT
from negotrack.analysis.forecast_models import MODELS
from negotrack.cli.common import (
    EXAMPLE,
    CommandError,
    add_at,
    add_command,
    add_min_credibility,
    add_parties,
    add_time_limit,
    chosen_parties,
    condition_holders,
    counts,
    date_argument,
    read,
    show,
    snapshot,
    utility_domain,
    whole_number,
)
from negotrack.errors import AnalysisError, NegotrackError, ScenarioError
from negotrack.io import reports
from negotrack.io.formats import format_of, read_scenario
from negotrack.io.scenario import load_update, validate
from negotrack.io.store import Store
from negotrack.model.entities import Issue, Party


def _validate(args: argparse.Namespace) -> int:
    if args.against is not None:
        return _validate_update(args)
    # A store is checked by opening it: every record read back and checked (a bad one is
    # a StoreError naming it, reported as one line by main).
    # A scenario file is read once; only a file that fails is read again, by validate(),
    # to list every problem in it.
    problems: list[NegotrackError] = []
    summary: dict[str, int] = {}
    try:
        if Store.is_store(args.file):  # every row read and checked, whatever its checkpoint
            with Store(args.file, readonly=True, use_checkpoint=False) as store:
                summary = counts(store.timeline())
        else:
            summary = counts(read(args).timeline)
    except (ScenarioError, OSError):
        if Store.is_store(args.file) or not _own_format(args.file):
            raise  # what read() said is the whole story: one rule for naming formats
        problems = validate(args.file)
    show(args, reports.validation_document(args.file, problems, summary=summary))
    if problems:
        _refuse(args, problems)
    return 0


def _own_format(path: str) -> bool:
    """Whether ``path`` is a negotrack scenario file, whose problems validate() can list."""
    try:
        return os.path.isfile(path) and format_of(path).name in ("toml", "json")
    except ScenarioError:
        return False


def _refuse(args: argparse.Namespace, problems: list[NegotrackError]) -> None:
    """Raise the command's one-line error for the first of the problems found."""
    first = problems[0]
    where = f"{first.path}: " if getattr(first, "path", None) else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise CommandError(f"{args.file}: {where}{getattr(first, 'message', first)}{more}")


def _validate_update(args: argparse.Namespace) -> int:
    """Check an update file as ``import`` would append it to ``--against``; write nothing.

    The record it is checked against (a scenario file or a store) is copied into a
    throw-away store and the update applied there by :meth:`Store.apply`, so the rules are
    exactly those of ``negotrack import``; the store named is never opened for writing.
    """
    try:
        base = read_scenario(args.against)
    except NegotrackError as err:  # the record checked against is at fault, not the update
        text = " ".join(str(err).split())
        named = err.file is not None or text.startswith(str(args.against))
        raise CommandError(f"--against {text if named else f'{args.against}: {text}'}") from None
    problems: list[NegotrackError] = []
    summary: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "check.db") as store:
        store.import_scenario(base)
        try:
            added = store.apply(load_update(args.file, store.timeline()))
        except ScenarioError as err:
            problems = list(err.problems)
        except NegotrackError as err:
            problems = [err]
        else:
            kinds = {"issues": Issue, "parties": Party}
            summary = {k: sum(isinstance(i, c) for i in added) for k, c in kinds.items()}
            after, before = counts(store.timeline()), counts(base.timeline)
            summary |= {k: after[k] - before[k] for k in ("statements", "events", "conditions")}
    show(
        args,
        reports.validation_document(args.file, problems, summary=summary, against=args.against),
    )
    if problems:
        _refuse(args, problems)
    return 0


# Each command imports the analyses it runs when it runs (networkx, NumPy and the agreement
# space are not loaded by `timeline` or `validate`: tests/test_lazy_import.py).


def _analyze(args: argparse.Namespace) -> int:
    from negotrack.analysis.deadlocks import analyze_conditions
    from negotrack.analysis.gaps import analyze

    scenario = read(args)
    parties = chosen_parties(args, scenario)
    snap = snapshot(args, scenario)
    holders = condition_holders(args, scenario)
    conditions = analyze_conditions(
        snap, parties=parties, condition_holders=holders, time_limit=args.time_limit
    )
    report = analyze(snap, parties=parties, conditions=conditions)
    tl = scenario.timeline
    diff = None
    if args.since is not None:
        end = args.at or (tl.dates[-1] if tl.dates else args.since)
        if args.since > end:
            raise CommandError(
                f"{args.file}: --since {args.since.isoformat()} is after the date analysed "
                f"({end.isoformat()})"
            )
        diff = tl.diff(
            args.since,
            end,
            min_credibility=args.min_credibility,
            parties=parties,
            condition_holders=holders,
        )
    doc = reports.brief_document(
        report,
        report.conditions,
        tl,
        title=scenario.title,
        date=args.at,
        min_credibility=args.min_credibility,
        diff=diff,
        snapshot=snap,
    )
    return show(args, doc)


def _timeline(args: argparse.Namespace) -> int:
    scenario = read(args)
    doc = reports.timeline_document(
        scenario.timeline,
        title=scenario.title,
        parties=chosen_parties(args, scenario),
        condition_holders=condition_holders(args, scenario),
    )
    return show(args, doc)


def _diff(args: argparse.Namespace) -> int:
    scenario = read(args)
    if args.date1 > args.date2:
        raise CommandError(
            f"{args.file}: DATE1 {args.date1.isoformat()} is after DATE2 {args.date2.isoformat()}"
        )
    diff = scenario.timeline.diff(
        args.date1,
        args.date2,
        min_credibility=args.min_credibility,
        parties=chosen_parties(args, scenario),
        condition_holders=condition_holders(args, scenario),
        steps=args.steps,
    )
    return show(args, reports.diff_document(diff, scenario.timeline, title=scenario.title))


def _deadlocks(args: argparse.Namespace) -> int:
    from negotrack.analysis.deadlocks import analyze_conditions

    scenario = read(args)
    parties = chosen_parties(args, scenario)
    report = analyze_conditions(
        snapshot(args, scenario),
        parties=parties,
        condition_holders=condition_holders(args, scenario),
        cycles=args.cycles,
        time_limit=args.time_limit,
    )
    doc = reports.conditions_document(report, scenario.timeline, title=scenario.title)
    return show(args, doc)


def _packages(args: argparse.Namespace) -> int:
    from negotrack.analysis.agreement import agreement, agreement_from_utilities

    scenario = read(args)
    parties = chosen_parties(args, scenario)
    snap = snapshot(args, scenario)
    # The API's rule: every issue with a position; a party silent on an issue is indifferent
    # to it (weight 0 there), and the report says who was silent where.
    domain = utility_domain(args.file)
    try:
        if domain is not None:  # a Genius/GeniusWeb domain: the files' own utilities
            chosen = {p: u for p, u in domain.utilities.items() if not parties or p in parties}
            outcomes = domain.outcomes(args.grid) if args.grid else domain.outcomes()
            report = agreement_from_utilities(chosen, outcomes, snap, time_limit=args.time_limit)
        else:
            report = agreement(snap, parties=parties, grid=args.grid, time_limit=args.time_limit)
    except AnalysisError:  # no chosen party holds a position
        report = None
    doc = reports.packages_document(
        report,
        title=scenario.title,
        date=args.at,
        parties=parties or [p.id for p in scenario.timeline.parties],
        timeline=scenario.timeline,
        min_credibility=snap.min_credibility,
    )
    return show(args, doc)


def _forecast(args: argparse.Namespace) -> int:
    from negotrack.analysis.forecast import forecast_report

    scenario = read(args)
    methods = args.methods or tuple(MODELS)
    parties = chosen_parties(args, scenario)
    snap = snapshot(args, scenario)
    report = forecast_report(snap, methods=methods, parties=parties)
    doc = reports.forecast_document(
        report,
        title=scenario.title,
        date=args.at,
        timeline=scenario.timeline,
        parties=parties,
        min_credibility=snap.min_credibility,
    )
    return show(args, doc)


def register(sub: Any) -> None:
    """Add the analysis subcommands to the ``negotrack`` parser's subparsers."""
    p = add_command(
        sub,
        "validate",
        "check a scenario file and list every problem in it (an update file: --against)",
        f"negotrack validate {EXAMPLE}\n"
        "  negotrack validate examples/updates/ukraine_2026-01-05.toml --against talks.db",
        _validate,
    )
    p.add_argument(
        "--against",
        metavar="STORE|FILE",
        help="check an update file (update = true) as `negotrack import` would append it to "
        "this store or scenario file; nothing is written",
    )
    p = add_command(
        sub,
        "analyze",
        "the brief: per issue status, overlap, distances and needed concessions; deadlocks",
        f"negotrack analyze {EXAMPLE} --since 2025-12-28 --parties RU,UA,US",
        _analyze,
    )
    add_at(p)
    add_parties(p)
    p.add_argument(
        "--since", type=date_argument, metavar="DATE", help="also list what changed after DATE"
    )
    add_time_limit(p)
    p = add_command(
        sub,
        "timeline",
        "every statement, event and condition in date order, with sources",
        f"negotrack timeline {EXAMPLE} --format markdown",
        _timeline,
    )
    add_parties(p)
    p = add_command(
        sub,
        "diff",
        "what changed between two dates: positions, events, conditions",
        f"negotrack diff {EXAMPLE} 2025-12-28 2025-12-31",
        _diff,
    )
    p.add_argument(
        "date1", metavar="DATE1", type=date_argument, help="the earlier date (YYYY-MM-DD)"
    )
    p.add_argument("date2", metavar="DATE2", type=date_argument, help="the later date (YYYY-MM-DD)")
    add_min_credibility(p, "leave out records below LEVEL")
    add_parties(p)
    p.add_argument(
        "--steps",
        action="store_true",
        help="also list each intermediate change, date by date, not only the two ends",
    )
    p = add_command(
        sub,
        "deadlocks",
        "sequencing deadlocks (nobody can move first) and linkage conflicts, with sources",
        f"negotrack deadlocks {EXAMPLE} --min-credibility reported",
        _deadlocks,
    )
    add_at(p)
    add_parties(p)
    p.add_argument("--cycles", action="store_true", help="also list every cycle (bounded)")
    add_time_limit(p)
    p = add_command(
        sub,
        "packages",
        "the agreement space: packages every red line allows, Pareto frontier, solutions",
        f"negotrack packages {EXAMPLE} --parties UA,US,EU",
        _packages,
    )
    add_at(p)
    add_parties(p, holders=False)
    add_time_limit(
        p,
        default=FRONTIER_TIME_LIMIT,
        work="CPU seconds for the exact Pareto frontier; past them the report lists a subset of "
        "it (each point Pareto-optimal) and says so",
    )
    p.add_argument(
        "--grid",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="treat numeric issues as discrete: the parties' breakpoints plus N + 1 evenly "
        "spaced points (default 0: numeric issues are continuous, every value counts); on a "
        "Genius or GeniusWeb domain, the points of its real and wide integer issues "
        "(default 10)",
    )
    p = add_command(
        sub,
        "forecast",
        "forecast each issue's outcome: " + ", ".join(MODELS),
        f"negotrack forecast {EXAMPLE} --method median",
        _forecast,
    )
    add_at(p)
    add_parties(p, holders=False)
    p.add_argument(
        "--method",
        dest="methods",
        action="append",
        choices=tuple(MODELS),
        metavar="MODEL",
        help="a forecast model (repeat for several; default: all): "
        + "; ".join(f"{m.name}: {m.description}" for m in MODELS.values()),
    )
