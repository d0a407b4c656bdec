"""The subcommands that keep a record: ``import`` into a store and ``export`` from it."""

from __future__ import annotations

import argparse
from typing import Any

from negotrack.cli.common import EXAMPLE, CommandError, counts, read
from negotrack.errors import NegotrackError, ScenarioError
from negotrack.io.formats import format_of, suffixes, write_scenario
from negotrack.io.reports.formatting import count
from negotrack.io.scenario import is_update, load, load_update
from negotrack.io.store import Store
from negotrack.model.entities import Issue, Party


def _import(args: argparse.Namespace) -> int:
    if is_update(args.file):
        return _import_update(args)
    scenario = load(args.file)
    try:
        added, total = Store.import_into(args.store, scenario)  # all or nothing
    except NegotrackError as err:
        raise CommandError(
            f"{args.file} into {args.store}: {' '.join(str(err).split())}; nothing was imported"
        ) from None
    n = counts(scenario.timeline)
    print(
        f"imported {args.file} into {args.store}: {count(n['statements'], 'statement')}, "
        f"{count(n['events'], 'event')}, {count(n['conditions'], 'condition')} "
        f"({count(added, 'record')} added, {total} in the store)"
    )
    return 0


def _import_update(args: argparse.Namespace) -> int:
    """Append an update file (``update = true``) to an existing store, all or nothing."""
    if not Store.is_store(args.store):
        raise CommandError(
            f"{args.file} is an update (update = true): import it into an existing store; "
            f"{args.store} is not one"
        )
    with Store(args.store) as store:
        update = load_update(args.file, store.timeline())
        try:
            stored = store.apply(update)
        except NegotrackError as err:
            raise CommandError(
                f"{args.file} into {args.store}: {' '.join(str(err).split())}; nothing was imported"
            ) from None
        records = [r for r in stored if not isinstance(r, Issue | Party)]
        print(
            f"imported the update {args.file} into {args.store}: "
            f"{count(len(stored) - len(records), 'agenda item')}, "
            f"{count(len(records), 'record')} ({len(store)} in the store)"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    out = args.output
    try:
        format_of(out, role="writer")
    except ScenarioError:
        either = " or ".join(suffixes("writer"))
        raise CommandError(f"{out}: the output must end in {either}") from None
    if not Store.is_store(args.file):
        raise CommandError(f"{args.file}: not a store (an SQLite file made by negotrack)")
    scenario = read(args)
    write_scenario(scenario, out)  # atomic: a failed write leaves any old file as it was
    n = counts(scenario.timeline)
    print(
        f"wrote {out}: {count(n['issues'], 'issue')}, {count(n['parties'], 'party', 'parties')}, "
        f"{count(n['statements'], 'statement')}, {count(n['events'], 'event')}, "
        f"{count(n['conditions'], 'condition')}"
    )
    return 0


def register(sub: Any) -> None:
    """Add the record-keeping subcommands to the ``negotrack`` parser's subparsers."""
    p = sub.add_parser(
        "import",
        help="append a scenario file, or an update file, to a store: all or nothing",
        description="append a scenario file's issues, parties and records to a store (created "
        "if missing), in one transaction: all of it, or nothing. An update file "
        "(update = true) is read against the store's record: its supersedes and cites may "
        "name records already there, and it need not repeat the agenda",
        epilog=f"example:\n  negotrack import {EXAMPLE} talks.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="SCENARIO", help="a scenario file (.toml or .json)")
    p.add_argument("store", metavar="STORE", help="the store (an SQLite file)")
    p.set_defaults(func=_import)
    p = sub.add_parser(
        "export",
        help="write a store's whole record as a scenario file (.toml or .json)",
        description="write a store's whole record as a scenario file (.toml or .json), atomically",
        epilog="example:\n  negotrack export talks.db talks.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="STORE", help="the store (an SQLite file)")
    p.add_argument("output", metavar="OUT", help="OUT.toml or OUT.json")
    p.set_defaults(func=_export)
