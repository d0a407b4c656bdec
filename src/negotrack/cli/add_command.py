"""``negotrack add``: one statement, event or condition into a store, from the command line.

The flags build the record exactly as a file would hold it, as an update document
(``update = true``), which is read by the one reader of scenario files against the store's
record (:func:`negotrack.loads_update`) and appended in one transaction
(:meth:`negotrack.Store.apply`). A record is therefore checked by the same rules whether it
comes from a file or from flags, and a refusal names the flag. ``--from FRAGMENT.toml``
appends an update file instead; ``--dry-run`` checks and prints without writing.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from typing import Any

from negotrack.cli.common import CommandError, date_argument
from negotrack.errors import NegotrackError, ScenarioError
from negotrack.io.scenario import Update, load_update, loads_update
from negotrack.io.store import Store
from negotrack.model.scales import NumericScale
from negotrack.timeline.records import Condition, Credibility, Event, Statement
from negotrack.timeline.timeline import Timeline

__all__ = ["register"]

#: The flag behind each field of a record, for refusals ("--ideal", not "$.position.ideal").
FLAGS = {
    "id": "--id",
    "party": "--party",
    "issue": "--issue",
    "date": "--date",
    "position.ideal": "--ideal",
    "position.acceptable": "--acceptable",
    "position.salience": "--salience",
    "position.red_line": "--red-line",
    "position": "--ideal/--acceptable",
    "credibility": "--credibility",
    "supersedes": "--supersedes",
    "cites": "--cites",
    "title": "--title",
    "description": "--description",
    "disputed_by": "--disputed-by",
    "holder": "--holder",
    "kind": "--condition-kind",
    "clause": "--clause",
    "requires": "--requires",
    "lifted": "--lifted",
    "status": "--status",
    "revises": "--revises",
    "fulfils": "--fulfils",
    "note": "--note",
    "source.title": "--source-title",
    "source.url": "--source-url",
    "source.publisher": "--source-publisher",
    "source.date": "--source-date",
    "source.quote": "--source-quote",
    "source.kind": "--source-kind",
    "source": "--source-title",
}

_KEYS = {"statement": "statements", "event": "events", "condition": "conditions"}


def _number_or_label(text: str, flag: str) -> float | str:
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        raise CommandError(f"{flag} {text!r}: a position is a finite number or a label")
    return number


def _region(text: str, numeric: bool, flag: str) -> list[Any]:
    """Read ``0..50,70..80`` / ``100`` on a numeric scale, ``no,yes`` otherwise."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise CommandError(f"{flag} {text!r} names no value")
    if not numeric:
        return parts
    out: list[list[float]] = []
    for part in parts:
        lo, sep, hi = part.partition("..")
        try:
            pair = [float(lo), float(hi if sep else lo)]
        except ValueError:
            raise CommandError(
                f"{flag} {text!r}: write ranges as LO..HI (e.g. 0..50,70..80) or single numbers"
            ) from None
        if not all(math.isfinite(x) for x in pair):
            raise CommandError(f"{flag} {text!r}: the ends of a range are finite numbers")
        out.append(pair)
    return out


def _clause(text: str, timeline: Timeline, flag: str) -> dict[str, Any]:
    """Read ``ISSUE=REGION`` (``ceasefire=yes``, ``donbas=100..100``) or ``event:ID``."""
    if text.startswith("event:"):
        return {"event": text.removeprefix("event:")}
    issue, sep, region = text.partition("=")
    if not sep:
        raise CommandError(f"{flag} {text!r}: write ISSUE=REGION (e.g. ceasefire=yes) or event:ID")
    scale = next((i.scale for i in timeline.issues if i.id == issue), None)
    return {"issue": issue, "region": _region(region, isinstance(scale, NumericScale), flag)}


def _revisions(given: list[str] | None) -> dict[str, str] | None:
    """Read ``--revises ID=LEVEL`` flags into the file's ``revises`` table."""
    if not given:
        return None
    out = {}
    for text in given:
        rid, sep, level = text.partition("=")
        if not sep:
            raise CommandError(f"--revises {text!r}: write ID=LEVEL, e.g. us-ceasefire-2=denied")
        out[rid.strip()] = level.strip()
    return out


def _source(args: argparse.Namespace) -> dict[str, Any]:
    fields = {
        "title": args.source_title,
        "url": args.source_url,
        "publisher": args.source_publisher,
        "date": args.source_date.isoformat() if args.source_date else None,
        "quote": args.source_quote,
        "kind": args.source_kind,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _record(args: argparse.Namespace, timeline: Timeline) -> dict[str, Any]:
    """Build the record as a scenario file would hold it."""
    common: dict[str, Any] = {
        "id": args.id,
        "date": args.date.isoformat() if args.date else None,
        "credibility": args.credibility,
        "supersedes": args.supersedes,
        "note": args.note,
    }
    if args.kind_of_record == "statement":
        scale = next((i.scale for i in timeline.issues if i.id == args.issue), None)
        numeric = isinstance(scale, NumericScale)
        position: dict[str, Any] = {
            "ideal": _number_or_label(args.ideal, "--ideal") if args.ideal is not None else None,
            "acceptable": None
            if args.acceptable is None
            else [r for a in args.acceptable for r in _region(a, numeric, "--acceptable")],
            "salience": args.salience,
            "red_line": args.red_line or None,
        }
        record = {
            **common,
            "party": args.party,
            "issue": args.issue,
            "position": {k: v for k, v in position.items() if v is not None},
            "cites": args.cites or None,
            "source": _source(args),
        }
    elif args.kind_of_record == "event":
        record = {
            **common,
            "title": args.title,
            "description": args.description,
            "disputed_by": args.disputed_by or None,
            "sources": [_source(args)] if _source(args) else None,
            "status": args.status,
            "revises": _revisions(args.revises),
            "fulfils": args.fulfils,
        }
    else:
        record = {
            **common,
            "holder": args.holder,
            "kind": args.condition_kind,
            "clause": None if args.clause is None else _clause(args.clause, timeline, "--clause"),
            "requires": None
            if args.requires is None
            else _clause(args.requires, timeline, "--requires"),
            "lifted": args.lifted or None,
            "source": _source(args),
        }
    return {k: v for k, v in record.items() if v is not None}


def _flag_of(path: str | None) -> str | None:
    """Return the flag behind a ``$.statements[0].position.ideal`` path (None: not a field)."""
    if not path:
        return None
    field = re.sub(r"^\$\.\w+\[0\]\.?", "", path)
    field = re.sub(r"\[\d+\]", "", field)
    while field and field not in FLAGS:
        field = field.rpartition(".")[0]
    return FLAGS.get(field)


def _refusal(err: ScenarioError) -> CommandError:
    """Turn the reader's problems into one line naming the flags."""
    first = err.problems[0]
    flag = _flag_of(first.path)
    where = f"{flag}: " if flag else ""
    message = re.sub(r"^record '[^']*': ", "", first.message)
    more = f" (and {len(err.problems) - 1} more)" if len(err.problems) > 1 else ""
    return CommandError(f"{where}{message}{more}; nothing was added")


def _read(args: argparse.Namespace, store: Store) -> Update:
    timeline = store.timeline()
    if args.from_file is not None:
        return load_update(args.from_file, timeline)
    if args.kind_of_record is None:
        raise CommandError("say what to add: statement, event or condition (or --from FILE)")
    doc = {"schema": 1, "update": True, _KEYS[args.kind_of_record]: [_record(args, timeline)]}
    try:
        return loads_update(json.dumps(doc), timeline, "json")
    except ScenarioError as err:
        raise _refusal(err) from None


def _describe(item: Any) -> str:
    if isinstance(item, Statement):
        return f"statement {item.id}: {item.party} on {item.issue}, {item.position.describe()}"
    if isinstance(item, Event):
        return f"event {item.id}: {item.title} ({item.date.isoformat()})"
    if isinstance(item, Condition):
        return f"condition {item.id}: {item.describe()}"
    return f"{type(item).__name__.lower()} {item.id}"


def _add(args: argparse.Namespace) -> int:
    if not Store.is_store(args.file):
        raise CommandError(
            f"{args.file}: not a store (an SQLite file made by negotrack); create one with "
            f"negotrack import SCENARIO {args.file}"
        )
    with Store(args.file) as store:
        try:
            update = _read(args, store)
        except CommandError as err:
            raise CommandError(f"{args.file}: {err}") from None
        if args.dry_run:
            for item in update.items:
                shown = _describe(item).replace(" None:", " (id given when stored):")
                print(f"would add {shown}")
            print("dry run: nothing was written")
            return 0
        try:
            stored = store.apply(update)
        except NegotrackError as err:
            raise CommandError(
                f"{args.file}: {' '.join(str(err).split())}; nothing was added"
            ) from None
        for item in stored:
            print(f"added {_describe(item)}")
        print(f"{args.file} now holds {len(store)} records")
    return 0


def register(sub: Any) -> None:
    """Add the ``add`` subcommand to the ``negotrack`` parser's subparsers."""
    p = sub.add_parser(
        "add",
        help="add one statement, event or condition to a store (or an update file, --from)",
        description="add one record to a store, checked exactly as a record of a scenario "
        "file: supersedes and cites may name records already in the store",
        epilog="examples:\n"
        "  negotrack add talks.db statement --party RU --issue donbas_withdrawal "
        "--date 2026-01-05 --ideal 100 --acceptable 100 --red-line --supersedes ru-donbas-2 "
        "--cites drone-claim --source-title 'Kremlin briefing'\n"
        "  negotrack add talks.db event --id referendum --date 2026-03-01 --status planned "
        "--title 'Referendum on territorial change' --source-title 'Kyiv'\n"
        "  negotrack add talks.db event --id us-denial --date 2026-01-02 --title 'US denies "
        "the shift' --revises us-ceasefire-2=denied --source-title 'White House'\n"
        "  negotrack add talks.db --from next-day.toml --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="STORE", help="the store (an SQLite file; it must exist)")
    p.add_argument(
        "kind_of_record",
        nargs="?",
        choices=tuple(_KEYS),
        metavar="statement|event|condition",
        help="what to add (omit with --from)",
    )
    p.add_argument("--from", dest="from_file", metavar="FILE", help="an update file to add")
    p.add_argument("--dry-run", action="store_true", help="check and print; write nothing")
    p.add_argument("--id", help="the record's id (default: the store gives one)")
    p.add_argument("--date", type=date_argument, metavar="DATE", help="when (YYYY-MM-DD)")
    p.add_argument(
        "--credibility",
        choices=tuple(c.label for c in Credibility),
        help="denied, alleged, reported or confirmed (default: reported)",
    )
    p.add_argument("--supersedes", metavar="ID", help="the record this one replaces")
    p.add_argument(
        "--cites", action="append", metavar="EVENT", help="an event this cites (repeatable)"
    )
    p.add_argument("--note", help="your note on the record (kept by the store and by export)")
    g = p.add_argument_group("a statement")
    g.add_argument("--party", help="the party's id")
    g.add_argument("--issue", help="the issue's id")
    g.add_argument("--ideal", metavar="VALUE", help="the ideal outcome: a number or a label")
    g.add_argument(
        "--acceptable",
        action="append",
        metavar="REGION",
        help="what is acceptable: LO..HI ranges or numbers on a numeric scale (0..50,70..80), "
        "labels otherwise (no,yes); repeatable",
    )
    g.add_argument("--salience", type=float, help="how much the issue matters, 0 to 1")
    g.add_argument("--red-line", action="store_true", help="the acceptable region is final")
    g = p.add_argument_group("an event")
    g.add_argument("--title", help="what happened")
    g.add_argument("--description", help="more words")
    g.add_argument(
        "--disputed-by", action="append", metavar="PARTY", help="a party disputing it (repeatable)"
    )
    g.add_argument(
        "--status",
        choices=("happened", "planned"),
        help="planned: an anticipated event (does not move the record's latest date)",
    )
    g.add_argument(
        "--revises",
        action="append",
        metavar="ID=LEVEL",
        help="an earlier record whose credibility this event changes from its date on, "
        "e.g. us-ceasefire-2=denied (repeatable)",
    )
    g.add_argument("--fulfils", metavar="EVENT", help="the planned event that has now happened")
    g = p.add_argument_group("a condition")
    g.add_argument("--holder", help="the party holding it")
    g.add_argument(
        "--condition-kind",
        choices=("precondition", "linkage"),
        help="precondition (only after) or linkage (only with)",
    )
    g.add_argument("--clause", help="ISSUE=REGION (e.g. donbas_withdrawal=100..100) or event:ID")
    g.add_argument("--requires", help="what the clause waits for, written as --clause")
    g.add_argument("--lifted", action="store_true", help="lifts the condition it supersedes")
    g = p.add_argument_group("the source")
    g.add_argument("--source-title", help="the source's title (required)")
    g.add_argument("--source-url", help="its address")
    g.add_argument("--source-publisher", help="who published it")
    g.add_argument("--source-date", type=date_argument, metavar="DATE", help="when")
    g.add_argument("--source-quote", help="the words the record rests on")
    g.add_argument("--source-kind", help="media, official, analysis ...")
    p.set_defaults(func=_add)
