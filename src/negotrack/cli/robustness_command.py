"""The ``robustness`` subcommand: how sure each conclusion of the brief is."""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import importlib
from collections.abc import Iterator
from typing import Any

from negotrack.cli.common import (
    EXAMPLE,
    CommandError,
    add_at,
    add_command,
    add_parties,
    chosen_parties,
    condition_holders,
    read,
    show,
    whole_number,
)
from negotrack.io import reports

#: Read a whole number >= 1 (samples, workers) / >= 0 (a seed): argparse types.
positive = whole_number(1)
seed_argument = whole_number(0)


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{value:g} must lie in (0, 1]")
    return value


@contextlib.contextmanager
def _cluster(address: str | None) -> Iterator[concurrent.futures.Executor | None]:
    """Yield the executor of a Dask scheduler at ``address`` (None: the default)."""
    if address is None:
        yield None
        return
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise CommandError(
            f"--scheduler {address}: needs Dask's distributed package: "
            "pip install 'negotrack[distributed]'"
        ) from None
    try:
        client = distributed.Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as err:
        raise CommandError(f"--scheduler {address}: cannot connect: {err}") from None
    with client:
        yield client.get_executor()


def _robustness(args: argparse.Namespace) -> int:
    from negotrack.analysis.robustness import robustness

    scenario = read(args)
    parties = chosen_parties(args, scenario)
    with _cluster(args.scheduler) as executor:
        report = robustness(
            scenario.timeline,
            args.at,
            samples=args.samples,
            seed=args.seed,
            workers=args.workers,
            executor=executor,
            threshold=args.threshold,
            min_credibility=args.min_credibility,
            parties=parties,
            condition_holders=condition_holders(args, scenario),
        )
    doc = reports.robustness_document(
        report, title=scenario.title, timeline=scenario.timeline, parties=parties
    )
    return show(args, doc)


def register(sub: Any) -> None:
    """Add the ``robustness`` subcommand to the ``negotrack`` parser's subparsers."""
    p = add_command(
        sub,
        "robustness",
        "how sure each conclusion is: the brief's conclusions over many readings of the "
        "record's uncertainty, labelled robust or fragile, with what they depend on",
        f"negotrack robustness {EXAMPLE} --samples 10000 --seed 1",
        _robustness,
    )
    add_at(p)
    add_parties(p)
    p.add_argument(
        "--samples", type=positive, default=1000, metavar="N", help="readings to draw (1000)"
    )
    p.add_argument("--seed", type=seed_argument, default=0, metavar="S", help="the seed (0)")
    p.add_argument(
        "--workers",
        type=positive,
        metavar="W",
        help="local processes (default: this process below 5000 samples, else every core)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://host:8786; needs the 'distributed' extra)",
    )
    p.add_argument(
        "--threshold",
        type=_share,
        default=0.95,
        metavar="P",
        help="robust = holds in at least this share of readings (0.95)",
    )
