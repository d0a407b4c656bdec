"""The ``plot`` subcommand: figures of a record (the ``plot`` extra, matplotlib)."""

from __future__ import annotations

import argparse
from typing import Any

from negotrack.cli.common import (
    EXAMPLE,
    add_at,
    add_command,
    add_parties,
    add_time_limit,
    chosen_parties,
    condition_holders,
    output_file,
    read,
    snapshot,
    writing,
)
from negotrack.io.scenario import Scenario

#: The figures ``plot --kind`` draws.
KINDS = ("gaps", "heatmap", "conditions", "positions")


def _plot(args: argparse.Namespace) -> int:
    out = output_file(args, (".png", ".svg"), ".png or .svg")
    scenario = read(args)
    parties = chosen_parties(args, scenario)
    with writing(out, "the figure"):  # name the output, not the input
        _draw(args, scenario, parties)
    print(f"wrote {out}")
    return 0


def _draw(args: argparse.Namespace, scenario: Scenario, parties: list[str] | None) -> None:
    from negotrack import plot

    out = args.output
    if args.kind == "gaps":
        plot.plot_gaps(
            scenario.timeline,
            out,
            parties=parties,
            min_credibility=args.min_credibility,
            title=scenario.title,
        )
    elif args.kind == "positions":
        plot.plot_positions(
            snapshot(args, scenario),
            out,
            timeline=scenario.timeline,
            parties=parties,
            title=scenario.title,
        )
    elif args.kind == "heatmap":
        from negotrack.analysis.deadlocks import analyze_conditions
        from negotrack.analysis.gaps import analyze

        snap = snapshot(args, scenario)
        holders = condition_holders(args, scenario)
        conditions = analyze_conditions(
            snap, parties=parties, condition_holders=holders, time_limit=args.time_limit
        )
        report = analyze(snap, parties=parties, conditions=conditions)
        plot.plot_distances(report, out, timeline=scenario.timeline, title=scenario.title)
    else:
        plot.plot_conditions(
            snapshot(args, scenario),
            out,
            parties=parties,
            condition_holders=condition_holders(args, scenario),
            title=scenario.title,
            time_limit=args.time_limit,
        )


def register(sub: Any) -> None:
    """Add the ``plot`` subcommand to the ``negotrack`` parser's subparsers."""
    p = add_command(
        sub,
        "plot",
        "draw the gaps over time, the distance heatmap, the condition graph or the positions",
        f"negotrack plot {EXAMPLE} -o gaps.png --kind gaps",
        _plot,
        prints=False,
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.png or OUT.svg")
    p.add_argument(
        "--kind",
        choices=KINDS,
        default="gaps",
        help="gaps over time (default), pairwise distance heatmap, condition graph, or "
        "positions (each party's range and ideal on each issue)",
    )
    add_at(p)
    add_parties(p)
    add_time_limit(p)
