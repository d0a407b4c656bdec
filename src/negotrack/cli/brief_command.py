"""The ``brief`` subcommand: the HTML brief, one self-contained page to share."""

from __future__ import annotations

import argparse
from typing import Any

from negotrack.cli.common import (
    EXAMPLE,
    add_command,
    add_min_credibility,
    add_parties,
    add_time_limit,
    chosen_parties,
    condition_holders,
    output_file,
    read,
    whole_number,
    writing,
)
from negotrack.cli.robustness_command import positive, seed_argument
from negotrack.io.html_brief import MAX_DATES, write_html_brief
from negotrack.io.reports.formatting import count
from negotrack.timeline.records import Credibility


def _brief(args: argparse.Namespace) -> int:
    out = output_file(args, (".html", ".htm"), ".html")
    scenario = read(args)
    parties = chosen_parties(args, scenario)
    holders = condition_holders(args, scenario)
    sure = None
    if args.robustness:
        from negotrack.analysis.robustness import robustness

        sure = robustness(
            scenario.timeline,
            samples=args.samples,
            seed=args.seed,
            min_credibility=args.min_credibility,
            parties=parties,
            condition_holders=holders,
            analyses=(),  # the summary's conclusions rest on the gaps and the conditions
        )
    with writing(out, "the brief"):
        write_html_brief(
            out,
            scenario,
            parties=parties,
            condition_holders=holders,
            min_credibility=args.min_credibility,
            max_dates=args.max_dates,
            time_limit=args.time_limit,
            robustness=sure,
        )
    dates = len(scenario.timeline.dates)
    shown = min(dates, args.max_dates)
    more = f" (the last {shown} of {dates})" if shown < dates else ""
    levels = len(Credibility)
    marked = ""
    if sure is not None:
        fragile = sum(1 for c in sure.conclusions if c.label == "fragile")
        marked = (
            f"; {fragile} of {len(sure.conclusions)} conclusions fragile ({sure.samples} samples)"
        )
    print(
        f"wrote {out}: the brief on {count(shown, 'date')}{more} at {levels} credibility "
        f"thresholds{marked}"
    )
    return 0


def register(sub: Any) -> None:
    """Add the ``brief`` subcommand to the ``negotrack`` parser's subparsers."""
    p = add_command(
        sub,
        "brief",
        "write the HTML brief: one self-contained page with figures, a date control and "
        "a credibility control",
        f"negotrack brief {EXAMPLE} -o brief.html",
        _brief,
        prints=False,
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.html")
    p.add_argument(
        "--max-dates",
        type=whole_number(1),
        default=MAX_DATES,
        metavar="N",
        help=f"hold the brief on the last N dates (default {MAX_DATES})",
    )
    add_min_credibility(
        p, "the credibility threshold the page opens on (the reader can pick another)"
    )
    add_parties(p)
    add_time_limit(p)
    p.add_argument(
        "--robustness",
        action="store_true",
        help="mark each conclusion of the summary robust, fragile or undetermined over "
        "readings of the record's uncertainty (negotrack robustness), on the latest date",
    )
    p.add_argument(
        "--samples", type=positive, default=1000, metavar="N", help="with --robustness (1000)"
    )
    p.add_argument(
        "--seed", type=seed_argument, default=0, metavar="S", help="with --robustness (0)"
    )
