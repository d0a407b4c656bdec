"""Benchmark: many-party Pareto frontiers within the agreement space's time limit (issue 18).

Problems (``nt.random_utilities``): 4, 5, 6 and 8 parties × 6, 10 and 20 issues, 10 values
per issue, per-value utilities uniform in [0, 1), issue weights Dirichlet(1), seed 12345,
reserved value 0.25 — the agreement benchmark's generator with more parties. Each run
times ``AgreementSpace`` → ``frontier()`` → ``nash()`` with the default time limit (2 s):
the frontier is exact when the merge finishes within it, otherwise a subset of Pareto-optimal
points that the report flags (the table says which, and how many issues were merged exactly
before the cut). Rows up to 10^6 packages are also run with a 60 s limit, for the exact
frontier's size and time. Times are CPU seconds (``time.process_time``) of one run, with the wall
clock beside them: the machine is shared. NegMAS 0.16 (``pip install -e .[bench]``)
enumerates every package, so it runs only up to ``NEGOTRACK_BENCH_NEGMAS_MAX`` packages
(default 10^6, the 6-issue rows); where negotrack's frontier is exact (within 2 s or 60 s)
the bench checks that NegMAS finds the same frontier set and Nash package, and where the 2 s
run was cut, that every negotrack package listed is on NegMAS' frontier. The ratio is
NegMAS' time over negotrack's time to the *exact* frontier.

Run: ``python -m benchmarks frontier`` (or ``python -m benchmarks.bench_frontier``).
"""

from __future__ import annotations

import datetime
import os
import random
import time
from typing import Any

import negotrack as nt
from benchmarks._measure import timed
from benchmarks.bench_agreement import N_VALUES, RESERVED, SEED, _negmas_available, run_negmas
from negotrack.analysis.agreement.frontier import DEFAULT_TIME_LIMIT

PARTIES = (4, 5, 6, 8)
ISSUES = (6, 10, 20)
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK", "") not in ("", "0")
NEGMAS_MAX = int(float(os.environ.get("NEGOTRACK_BENCH_NEGMAS_MAX", "0" if QUICK else "1e6")))
#: Rows up to this many packages are also run without the default limit (up to
#: ``EXACT_LIMIT`` seconds), for the exact frontier's size and time.
EXACT_MAX = int(float(os.environ.get("NEGOTRACK_BENCH_EXACT_MAX", "0" if QUICK else "1e6")))
EXACT_LIMIT = 60.0
#: The target: every row exact, or cut and flagged, within the default budget plus this much.
SLACK_S = 1.0


def run(
    n_parties: int, n_issues: int, time_limit: float = DEFAULT_TIME_LIMIT
) -> tuple[nt.AgreementSpace, nt.Solution | None]:
    """Utilities → space → frontier → Nash, with the default time limit (or this one)."""
    outcomes, utilities = nt.random_utilities(
        n_parties, n_issues, N_VALUES, seed=SEED, reserved=RESERVED
    )
    space = nt.AgreementSpace(utilities, outcomes, time_limit=time_limit)
    space.frontier()
    return space, space.nash()


def measure() -> list[dict[str, Any]]:
    """Run every problem; return one row per problem."""
    have_negmas = _negmas_available() and NEGMAS_MAX > 0
    if have_negmas:
        run_negmas(nt.random_utilities(2, 2, N_VALUES, seed=SEED, reserved=RESERVED))
    run(4, 2)  # warm up imports
    rows: list[dict[str, Any]] = []
    for n_parties in PARTIES:
        for n_issues in ISSUES:
            (space, nash), wall, cpu = timed(lambda: run(n_parties, n_issues))  # noqa: B023
            front = space.frontier()
            row: dict[str, Any] = {
                "parties": n_parties,
                "issues": n_issues,
                "points": len(front),
                "exact": front.complete,
                "merged": _merged(front, n_issues),
                "cpu_s": cpu,
                "wall_s": wall,
                "negmas_s": None,
                "ratio": None,
                "check": "–",
                "exact_points": None,
                "exact_cpu_s": None,
            }
            big = space
            if N_VALUES**n_issues <= EXACT_MAX:
                (big, _), _, big_cpu = timed(
                    lambda: run(n_parties, n_issues, EXACT_LIMIT)  # noqa: B023
                )
                row["exact_points"] = len(big.frontier()) if big.frontier().complete else None
                row["exact_cpu_s"] = big_cpu
            if have_negmas and N_VALUES**n_issues <= NEGMAS_MAX:
                prob = nt.random_utilities(
                    n_parties, n_issues, N_VALUES, seed=SEED, reserved=RESERVED
                )
                t0 = time.process_time()
                theirs, their_nash, n_theirs = run_negmas(prob)
                row["negmas_s"] = time.process_time() - t0
                if front.complete:
                    row["ratio"] = row["negmas_s"] / cpu
                elif row["exact_points"] is not None:
                    row["ratio"] = row["negmas_s"] / row["exact_cpu_s"]
                ours = {tuple(p.values()) for p, _ in front.packages()}
                checks = []
                if not front.complete:
                    subset = ours <= theirs
                    checks.append(
                        f"all {len(ours)} on NegMAS' {n_theirs:,}" if subset else "NOT A SUBSET"
                    )
                exact = front if front.complete else big.frontier()
                if exact.complete:
                    space_nash = nash if front.complete else big.nash()
                    nash_pkg = tuple(space_nash.package.values()) if space_nash else ()
                    same = {tuple(p.values()) for p, _ in exact.packages()} == theirs
                    same = same and nash_pkg == their_nash
                    checks.append("exact: same frontier and Nash" if same else "exact: DIFFERENT")
                row["check"] = "; ".join(checks)
            rows.append(row)
            print(format_row(row), flush=True)
    return rows


#: The issue's inputs: parties × numeric issues, one random statement per party and issue.
STATEMENT_PROBLEMS = ((4, 4), (4, 5), (4, 6), (5, 5), (6, 6))


def statements_snapshot(n_parties: int, n_issues: int, seed: int = 1) -> nt.Snapshot:
    """Random positions on 0-100 scales: ideal, an acceptable interval around it, no red line."""
    rng = random.Random(seed)
    scale = nt.NumericScale(0, 100)
    issues = [nt.Issue(f"i{k}", scale) for k in range(n_issues)]
    parties = [nt.Party(f"P{k}") for k in range(n_parties)]
    tl = nt.Timeline(issues=issues, parties=parties)
    for p in parties:
        for i in issues:
            ideal = round(rng.uniform(0, 100), 1)
            lo, hi = round(rng.uniform(0, ideal), 1), round(rng.uniform(ideal, 100), 1)
            position = nt.Position(ideal=ideal, acceptable=nt.Region.interval(scale, lo, hi))
            statement = nt.Statement(
                party=p.id,
                issue=i.id,
                date=datetime.date(2025, 1, 1),
                position=position,
                source=nt.Source(title="bench"),
            )
            _ = tl.add(statement)
    return tl.snapshot()


def measure_statements() -> None:
    """Print the table for the issue's inputs: the default limit, and exact within 60 s."""
    print("\nFrom random statements (numeric issues, candidates from the positions):")
    print(
        "| parties | issues | packages | frontier (2 s) | points | CPU (s) | wall (s) "
        "| exact: points | exact: CPU (s) |\n|---:|---:|---:|:---|---:|---:|---:|---:|---:|"
    )
    for n_parties, n_issues in STATEMENT_PROBLEMS:
        snap = statements_snapshot(n_parties, n_issues)
        space, wall, cpu = timed(lambda: _frontier_of(snap, DEFAULT_TIME_LIMIT))  # noqa: B023
        front = space.frontier()
        big, _, big_cpu = timed(lambda: _frontier_of(snap, EXACT_LIMIT))  # noqa: B023
        exact = big.frontier()
        print(
            f"| {n_parties} | {n_issues} | {space.feasible_size:,} "
            f"| {'exact' if front.complete else 'cut (subset)'} | {len(front):,} "
            f"| {cpu:.2f} | {wall:.2f} "
            f"| {f'{len(exact):,}' if exact.complete else '–'} "
            f"| {f'{big_cpu:.2f}' if exact.complete else f'> {EXACT_LIMIT:g} (wall)'} |",
            flush=True,
        )


def _frontier_of(snap: nt.Snapshot, time_limit: float) -> nt.AgreementSpace:
    space = nt.AgreementSpace.from_snapshot(snap, time_limit=time_limit)
    space.frontier()
    return space


def _merged(front: nt.Frontier, n_issues: int) -> str:
    """Issues merged exactly, read back from the frontier's one-line cut note."""
    if front.cut is None:
        return f"{n_issues} of {n_issues}"
    words = front.cut.split("after merging ", 1)[1].split(" ")
    return f"{words[0]} of {n_issues}"


HEADER = (
    "| parties | issues | packages | frontier (2 s) | points | issues merged | CPU (s) "
    "| wall (s) | exact frontier: points | exact: CPU (s) | NegMAS CPU (s) "
    "| NegMAS / negotrack exact | check |\n"
    "|---:|---:|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|:---|"
)


def format_row(row: dict[str, Any]) -> str:
    """Return one Markdown table row."""
    ratio = "–" if row["ratio"] is None else f"{row['ratio']:,.0f}"
    negmas = "–" if row["negmas_s"] is None else f"{row['negmas_s']:.1f}"
    if row["exact_cpu_s"] is None:
        exact_pts, exact_s = "–", "–"
    elif row["exact_points"] is None:
        exact_pts, exact_s = "–", f"> {EXACT_LIMIT:g} (wall)"
    else:
        exact_pts, exact_s = f"{row['exact_points']:,}", f"{row['exact_cpu_s']:.2f}"
    return (
        f"| {row['parties']} | {row['issues']} | 10^{row['issues']} "
        f"| {'exact' if row['exact'] else 'cut (subset)'} | {row['points']:,} "
        f"| {row['merged']} | {row['cpu_s']:.2f} | {row['wall_s']:.2f} | {exact_pts} "
        f"| {exact_s} | {negmas} | {ratio} | {row['check']} |"
    )


def main() -> None:
    """Print the table (Markdown) and check the target."""
    print("Many-party Pareto frontiers within the default time limit (2 s) + Nash point")
    print(
        f"seed {SEED}, {N_VALUES} values per issue, reserved {RESERVED}; NegMAS "
        + (
            f"run up to {NEGMAS_MAX:,} packages"
            if _negmas_available() and NEGMAS_MAX > 0
            else "not run (not installed, or --quick)"
        )
    )
    print(HEADER)
    rows = measure()
    limit = DEFAULT_TIME_LIMIT
    slow = [r for r in rows if r["cpu_s"] > limit + SLACK_S]
    print(
        f"target every row exact or flagged within {limit:g} s + {SLACK_S:g} s: "
        + ("met" if not slow else f"MISSED on {len(slow)} rows")
        + f" (slowest {max(r['cpu_s'] for r in rows):.2f} s CPU)"
    )
    wrong = [r for r in rows if "DIFFERENT" in r["check"] or "NOT A SUBSET" in r["check"]]
    if wrong:
        print(f"results disagree with NegMAS on {len(wrong)} rows")
    if not QUICK:
        measure_statements()


if __name__ == "__main__":
    main()
