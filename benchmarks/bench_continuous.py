"""Benchmark: the exact solver for continuous numeric issues (frontier of points and segments).

Problems: ``n_issues`` numeric issues on a 0–100 scale; each party has, on every issue, an
ideal uniform in [0, 100], a soft acceptable range around it (each side uniform in
[0, 30]), a salience uniform in [0, 1]; utilities by the documented rule
(``nt.utility_from_positions``, penalty 0.5), reserved value 0, ``random.Random(seed)``.
Each run times the whole path from the positions: ``AgreementSpace(..., continuous=...)``
→ ``frontier()`` (points and segments) → the four solutions, in CPU seconds
(``time.process_time``, best of a few runs; one run above a second).

With two parties the frontier is exact (points and segments) and has no time limit; with
three or more the four solutions are mixed-integer optima over the continuum (HiGHS), each
certified within 1e-9, and the frontier a listed subset (its points are counted). The space's
``time_limit`` (CPU seconds of the process, like the frontier's) is the row's budget
(``NEGOTRACK_BENCH_CONTINUOUS_BUDGET``, 300 by default): a solve that reaches it stops with
its best packages and says so, and the row still prints the CPU seconds it took, how many
of the four solutions are certified and the largest relative gap left ("-" when all are).
A row is never left empty: a child killed by the safety limit (four budgets and a minute
of CPU) prints the CPU seconds it used.

Run: ``python -m benchmarks continuous``.
"""

from __future__ import annotations

import math
import os
import random
import re
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
#: The solver's time limit per row, in CPU seconds (the space's ``time_limit``).
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


def run(n_parties: int, n_issues: int) -> tuple[float, int, int, int, str]:
    """Time one solve; return (CPU s, frontier points, segments, certified, largest gap)."""
    start = time.process_time()
    space = problem(n_parties, n_issues)
    front = space.frontier()
    found = space.solutions()
    cpu = time.process_time() - start
    certified = sum(1 for s in found.values() if s is not None and s.cut is None)
    gaps = [_gap(s.cut) for s in found.values() if s is not None and s.cut is not None]
    worst = "-" if not gaps else max(gaps, key=lambda g: math.inf if g == "none" else float(g))
    return cpu, len(front.points), len(front.segments), certified, worst


def _gap(cut: str) -> str:
    """Return the relative gap a solution's cut line states ("none": no bound was proven)."""
    match = re.search(r"the bound (\S+) \(relative\)", cut)
    return match.group(1) if match else "none"


def _in_child(n_parties: int, n_issues: int) -> tuple[float, int, int, int, str] | float:
    """Run one solve in a child process; its CPU seconds alone when it was killed."""
    code = f"from benchmarks.bench_continuous import run; print(*run({n_parties}, {n_issues}))"
    safety = math.ceil(BUDGET * 4 + 60)

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (safety, safety + 5))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=safety * 10,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
            preexec_fn=limit_cpu,  # the child sets its own CPU limit before it starts
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    cpu, pts, segs, certified, worst = done.stdout.split()
    return float(cpu), int(pts), int(segs), int(certified), worst


def main() -> None:
    """Print one row per (parties, issues), each with a time and the certification."""
    print("Continuous numeric issues: exact solutions (and the 2-party frontier)")
    print(
        "CPU seconds (time.process_time), best of 3 under a second, else one run; the "
        f"solver's time limit is {BUDGET:g} s of CPU (NEGOTRACK_BENCH_CONTINUOUS_BUDGET)"
    )
    print(
        f"{'parties':>7}  {'issues':>6}  {'CPU s':>9}  {'points':>7}  {'segments':>8}  "
        f"{'certified':>9}  {'largest gap':>11}"
    )
    for n_parties in PARTIES:
        counts = ISSUES if n_parties == 2 else MANY_ISSUES
        for n_issues in counts[:2] if QUICK else counts:
            got = _in_child(n_parties, n_issues)
            if isinstance(got, float):
                print(f"{n_parties:>7}  {n_issues:>6}  {got:>9.3f}  (killed by the safety limit)")
                continue
            best, pts, segs, certified, worst = got
            if best < 1.0:
                best = min(best, *(run(n_parties, n_issues)[0] for _ in range(2)))
            print(
                f"{n_parties:>7}  {n_issues:>6}  {best:>9.3f}  {pts:>7}  {segs:>8}  "
                f"{certified:>7}/4  {worst:>11}"
            )


if __name__ == "__main__":
    main()
