"""Genius domains: negotrack's frontier + Nash against NegMAS 0.16's, one row per ANAC domain.

Every domain under ``../shared/data/genius/anac/`` (skipped with a note when absent). Per
domain, in one run: negotrack reads the files (``nt.read_genius``) and computes the exact
frontier and the Nash point from the files' utilities; NegMAS reads the same files
(``Scenario.from_genius_folder``, discounts ignored), divides each issue's evaluations by
their largest (the Genius rule NegMAS 0.16 does not apply; docs/agreement.md) and computes
``pareto_frontier`` + ``nash_points`` over every outcome. CPU seconds (``time.process_time``)
of each, their ratio, and whether the frontier vectors and Nash utilities agree (1e-9).
"""

from __future__ import annotations

import math
import time
import warnings
from pathlib import Path
from typing import Any

import negotrack as nt

GENIUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "genius" / "anac"
TOL = 1e-9
HEADER = (
    "| domain | packages | frontier | negotrack CPU s | NegMAS CPU s | ratio | agree |\n"
    "|---|---:|---:|---:|---:|---:|---|"
)


def run_negotrack(folder: Path) -> tuple[list[tuple[float, ...]], tuple[float, ...] | None, int]:
    """Read a domain and return its frontier vectors, Nash utilities and package count."""
    domain = nt.read_genius(folder)
    space = nt.agreement_space_from_utilities(domain.utilities, domain.outcomes())
    nash = space.nash()
    nash_u = None if nash is None else tuple(nash.utilities.values())
    return list(space.frontier().points), nash_u, space.size


def run_negmas(folder: Path, parties: tuple[str, ...]) -> tuple[list[tuple[float, ...]], list[Any]]:
    """NegMAS' frontier vectors and Nash points on the same files, evaluations / max."""
    from negmas.inout import Scenario
    from negmas.preferences import (
        LinearAdditiveUtilityFunction,
        TableFun,
        nash_points,
        pareto_frontier,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = Scenario.from_genius_folder(folder, ignore_discount=True)
        assert sc is not None
        by_name = {u.name: u for u in sc.ufuns}
        ufuns = [
            LinearAdditiveUtilityFunction(
                values=[
                    TableFun({k: v / max(f.mapping.values()) for k, v in f.mapping.items()})
                    for f in by_name[p].values
                ],
                weights=list(by_name[p].weights),
                outcome_space=sc.outcome_space,
                reserved_value=by_name[p].reserved_value,
            )
            for p in parties
        ]
        every = list(sc.outcome_space.enumerate())
        utils, _ = pareto_frontier(ufuns, outcomes=every)
        nash = nash_points(ufuns, utils, outcome_space=sc.outcome_space)
    return [tuple(map(float, u)) for u in utils], list(nash)


def _agree(ours: list[tuple[float, ...]], theirs: list[tuple[float, ...]]) -> bool:
    key = sorted
    return len(ours) == len(theirs) and all(
        math.isclose(a, b, abs_tol=TOL)
        for x, y in zip(key(ours), key(theirs), strict=True)
        for a, b in zip(x, y, strict=True)
    )


def main() -> None:
    """Print one row per domain (Markdown) and the totals."""
    print("Genius domains: frontier + Nash from the files' utilities, negotrack vs NegMAS 0.16")
    domains = sorted(p for p in GENIUS.glob("*/*") if p.is_dir()) if GENIUS.is_dir() else []
    if not domains:
        print(f"no Genius data at {GENIUS}: nothing to measure")
        return
    try:
        import negmas  # noqa: F401
    except ImportError:
        print("NegMAS not installed (pip install -e .[bench]): nothing to compare")
        return
    print(HEADER)
    agreed = compared = 0
    total_ours = total_theirs = 0.0
    for folder in domains:
        c0 = time.process_time()
        front, nash_u, size = run_negotrack(folder)
        ours = time.process_time() - c0
        parties = tuple(nt.read_genius(folder).utilities)
        c0 = time.process_time()
        try:
            theirs_front, theirs_nash = run_negmas(folder, parties)
        except ValueError as exc:  # NegMAS cannot read this domain
            print(f"| {folder.name} | {size:,} | {len(front)} | {ours:.4f} | fails: {exc} | | |")
            continue
        theirs = time.process_time() - c0
        same = _agree(front, theirs_front) and (
            (nash_u is None and not theirs_nash)
            or any(
                nash_u is not None
                and all(
                    math.isclose(a, float(b), abs_tol=TOL) for a, b in zip(nash_u, u, strict=True)
                )
                for u, _ in theirs_nash
            )
        )
        compared += 1
        agreed += same
        total_ours += ours
        total_theirs += theirs
        ratio = theirs / ours if ours > 0 else math.inf
        print(
            f"| {folder.name} | {size:,} | {len(front)} | {ours:.4f} | {theirs:.3f} "
            f"| {ratio:,.0f}x | {'yes' if same else 'NO'} |"
        )
    print(
        f"{len(domains)} domains, {compared} compared, {agreed} agreed; CPU total negotrack "
        f"{total_ours:.2f} s, NegMAS {total_theirs:.2f} s"
    )


if __name__ == "__main__":
    main()
