"""The subcommands that keep a record: ``import`` into a store and ``export`` from it."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any

from negotrack.cli.common import (
    EXAMPLE,
    UTILITY_READERS,
    CommandError,
    add_min_credibility,
    counts,
    not_the_input,
    read,
)
from negotrack.errors import NegotrackError, ScenarioError
from negotrack.io.csv_tables import CSV_TABLES, table_rows, write_csv
from negotrack.io.formats import FILE_FORMATS, format_of, read_scenario, write_scenario
from negotrack.io.genius import write_genius
from negotrack.io.reports.formatting import count
from negotrack.io.scenario import Scenario, Update, load_any
from negotrack.io.store import Store
from negotrack.model.entities import Issue, Party
from negotrack.timeline.timeline import Timeline


def _import(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as opened:
        stores: list[Store] = []

        def record() -> Timeline:  # the file is an update: read it against the store
            if not Store.is_store(args.store):
                raise CommandError(
                    f"{args.file} is an update (update = true): import it into an existing "
                    f"store; {args.store} is not one"
                )
            stores.append(opened.enter_context(Store(args.store)))
            return stores[0].timeline()

        read = load_any(args.file, record)  # the file is read once, whatever it holds
        if isinstance(read, Update):
            return _import_update(args, stores[0], read)
        return _import_scenario(args, read)


def _import_scenario(args: argparse.Namespace, scenario: Scenario) -> int:
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


def _import_update(args: argparse.Namespace, store: Store, update: Update) -> int:
    """Append an update file (``update = true``) to an existing store, all or nothing."""
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


#: negotrack's own scenario formats (what ``export`` writes).
NEGOTRACK_FORMATS = ("toml", "json")


def _export_csv(args: argparse.Namespace) -> int:
    """Write one tidy table of a scenario file or a store as CSV."""
    scenario = read(args)
    rows, columns = table_rows(scenario.timeline, args.table, min_credibility=args.min_credibility)
    write_csv(rows, columns, args.output)  # atomic: a failed write leaves any old file
    noun = {"gaps": "date × issue row"}.get(args.table, args.table.rstrip("s"))
    print(f"wrote {args.output}: {count(len(rows), noun)} ({len(columns)} columns)")
    return 0


def _export(args: argparse.Namespace) -> int:
    out = args.output
    not_the_input(out, args.file, shown=out)
    if out.lower().endswith(".csv"):
        return _export_csv(args)
    if args.table != "statements":
        raise CommandError(f"--table {args.table} is for CSV output; {out} is a scenario file")
    # export writes negotrack's own files; the other tools' formats go through `convert`
    own = [s for name in NEGOTRACK_FORMATS for s in FILE_FORMATS[name].suffixes]
    try:
        fmt = format_of(out, role="writer")
    except ScenarioError:
        fmt = None
    if fmt is None or fmt.name not in NEGOTRACK_FORMATS:
        either = " or ".join([*own, ".csv"])
        raise CommandError(f"{out}: the output must end in {either}")
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


def _convert(args: argparse.Namespace) -> int:
    """Convert between formats; utility formats keep their exact utilities (Genius out)."""
    not_the_input(args.output, args.input, shown=args.output)
    dst = FILE_FORMATS[args.to_format] if args.to_format else format_of(args.output, role="writer")
    writer = dst.writer
    if writer is None:
        raise CommandError(f"the {dst.name} format is read only; it cannot be written")
    src = None  # a store: read_scenario recognises it by its first bytes
    if args.from_format:
        src = FILE_FORMATS[args.from_format]
    elif not Store.is_store(args.input):
        src = format_of(args.input)
    if src is not None and src.reader is None:
        raise CommandError(f"the {src.name} format is write only; it cannot be read")
    if src is not None and dst.name == "genius" and src.name in UTILITY_READERS:
        domain = UTILITY_READERS[src.name](args.input)
        write_genius(domain, args.output)
        print(f"wrote {args.output}: {count(len(domain.utilities), 'profile')}, exact utilities")
        return 0
    reader = read_scenario if src is None else src.reader
    assert reader is not None  # checked above
    scenario = reader(Path(args.input))
    writer(scenario, Path(args.output))  # atomic: a failed write leaves any old file
    n = counts(scenario.timeline)
    print(
        f"wrote {args.output} ({dst.name}): {count(n['issues'], 'issue')}, "
        f"{count(n['parties'], 'party', 'parties')}, {count(n['statements'], 'statement')}"
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
        "convert",
        help="convert a scenario between formats (negotrack, Genius, GeniusWeb, KTAB, decide)",
        description="read IN in its format and write OUT in another; formats are told by the "
        "file name (or content, or a directory for Genius/GeniusWeb) unless --from/--to name "
        "them. Genius/GeniusWeb to Genius keeps the exact utilities (docs/formats.md)",
        epilog="formats:\n"
        + "".join(
            f"  {f.name:<10} {f.description}"
            f"{'' if f.writer else ' (read only)'}{'' if f.reader else ' (write only)'}\n"
            for f in FILE_FORMATS.values()
        )
        + "example:\n  negotrack convert examples/formats/fishing_ktab.csv fishing.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    names = list(FILE_FORMATS)
    p.add_argument("input", metavar="IN", help="a file or a Genius/GeniusWeb directory")
    p.add_argument("output", metavar="OUT", help="the file (or, for Genius, directory) to write")
    p.add_argument("--from", dest="from_format", choices=names, help="the format of IN")
    p.add_argument("--to", dest="to_format", choices=names, help="the format of OUT")
    p.set_defaults(func=_convert)
    p = sub.add_parser(
        "export",
        help="write a store's record as a scenario file, or one tidy table as CSV",
        description="write a store's whole record as a scenario file (.toml or .json), or "
        "one tidy table of a store or scenario file as CSV (OUT.csv, --table), atomically",
        epilog="examples:\n  negotrack export talks.db talks.toml\n"
        "  negotrack export talks.db statements.csv\n"
        "  negotrack export examples/ukraine_dec2025.toml gaps.csv --table gaps",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file", metavar="SOURCE", help="the store (an SQLite file); for CSV also a scenario file"
    )
    p.add_argument("output", metavar="OUT", help="OUT.toml, OUT.json or OUT.csv")
    p.add_argument(
        "--table",
        choices=tuple(CSV_TABLES),
        default="statements",
        help="for CSV: statements (default), events, conditions, or gaps (the gap series: "
        "one row per date × issue)",
    )
    add_min_credibility(p, "for --table gaps: leave out records below LEVEL")
    p.set_defaults(func=_export)
