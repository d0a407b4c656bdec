"""Benchmark: the exact solver for continuous numeric issues (frontier of points and segments).

Problems: ``n_issues`` numeric issues on a 0–100 scale; each party has, on every issue, an
ideal uniform in [0, 100], a soft acceptable range around it (each side uniform in
[0, 30]), a salience uniform in [0, 1]; utilities by the documented rule
(``nt.utility_from_positions``, penalty 0.5), reserved value 0, ``random.Random(seed)``.
Each run times the whole path from the positions: ``AgreementSpace(..., continuous=...)``
→ ``frontier()`` (points and segments) → the four solutions, in CPU seconds
(``time.process_time``, best of a few runs; one run above a second).

With two parties the frontier is exact (points and segments); with three or more the four
solutions are mixed-integer optima over the continuum (HiGHS), each certified within 1e-9,
and the frontier a listed subset (its points are counted). The space's ``time_limit`` is the
row's budget, so the solver is not cut at its default 2 s; "certified" counts the solutions
whose optimum is proven (not cut by the time limit).

Run: ``python -m benchmarks continuous``.
"""

from __future__ import annotations

import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import negotrack as nt
from negotrack.analysis.utilities import candidate_outcomes

SEED = 12345
ISSUES: tuple[int, ...] = (10, 50, 100, 200)
#: Issue counts for three or more parties (the issue's rows: 10, 50 and 200).
MANY_ISSUES: tuple[int, ...] = (10, 50, 200)
#: CPU seconds one solve may take before its row is cut (the child's RLIMIT_CPU, so the
#: rows do not depend on how loaded the machine is; the wall clock gets ten times as much).
BUDGET = float(os.environ.get("NEGOTRACK_BENCH_CONTINUOUS_BUDGET", "300"))
PARTIES: tuple[int, ...] = (2, 3, 5)
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK", "") not in ("", "0")


def problem(n_parties: int, n_issues: int, seed: int = SEED) -> nt.AgreementSpace:
    """Return the benchmark's space: ``n_issues`` continuous issues, ``n_parties`` parties."""
    rng = random.Random(seed)
    scale = nt.NumericScale(0, 100)
    held: dict[str, dict[str, nt.Position]] = {f"p{k}": {} for k in range(n_parties)}
    for i in range(n_issues):
        for mine in held.values():
            ideal = rng.uniform(0, 100)
            lo, hi = max(0.0, ideal - rng.uniform(0, 30)), min(100.0, ideal + rng.uniform(0, 30))
            mine[f"n{i}"] = nt.Position(
                ideal=ideal,
                acceptable=nt.Region.interval(scale, lo, hi),
                salience=rng.random(),
            )
    utilities = {p: nt.utility_from_positions(mine) for p, mine in held.items()}
    outcomes = {
        i: candidate_outcomes(scale, [mine[i] for mine in held.values()])
        for i in (f"n{k}" for k in range(n_issues))
    }
    return nt.AgreementSpace(utilities, outcomes, continuous=list(outcomes), time_limit=BUDGET)


def run(n_parties: int, n_issues: int) -> tuple[float, int, int, int]:
    """Time one solve; return (CPU seconds, frontier points, segments, certified solutions)."""
    start = time.process_time()
    space = problem(n_parties, n_issues)
    front = space.frontier()
    found = space.solutions()
    certified = sum(1 for s in found.values() if s is not None and s.cut is None)
    return time.process_time() - start, len(front.points), len(front.segments), certified


def _in_child(n_parties: int, n_issues: int) -> tuple[float, int, int, int] | None:
    """Run one solve in a child process; None when it passes the wall-clock budget."""
    code = f"from benchmarks.bench_continuous import run; print(*run({n_parties}, {n_issues}))"

    def limit_cpu() -> None:
        seconds = math.ceil(BUDGET)
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))

    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=BUDGET * 10,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
            preexec_fn=limit_cpu,  # the child sets its own CPU limit before it starts
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None  # past the wall clock, or killed by SIGXCPU at the CPU budget
    cpu, pts, segs, certified = done.stdout.split()
    return float(cpu), int(pts), int(segs), int(certified)


def main() -> None:
    """Print one row per (parties, issues)."""
    print("Continuous numeric issues: exact solutions (and the 2-party frontier)")
    print(
        "CPU seconds (time.process_time), best of 3 under a second, else one run; "
        f"each run has a CPU budget of {BUDGET:g} s (NEGOTRACK_BENCH_CONTINUOUS_BUDGET)"
    )
    print(
        f"{'parties':>7}  {'issues':>6}  {'CPU s':>9}  {'points':>7}  {'segments':>8}  "
        f"{'certified':>9}"
    )
    for n_parties in PARTIES:
        counts = ISSUES if n_parties == 2 else MANY_ISSUES
        for n_issues in counts[:2] if QUICK else counts:
            got = _in_child(n_parties, n_issues)
            if got is None:
                print(f"{n_parties:>7}  {n_issues:>6}  {'> budget':>9}  (cut)")
                continue
            best, pts, segs, certified = got
            if best < 1.0:
                best = min(best, *(run(n_parties, n_issues)[0] for _ in range(2)))
            print(
                f"{n_parties:>7}  {n_issues:>6}  {best:>9.3f}  {pts:>7}  {segs:>8}  "
                f"{certified:>7}/4"
            )


if __name__ == "__main__":
    main()
