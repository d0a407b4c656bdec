"""Benchmark: the agreement space's Pareto frontier and Nash point, negotrack vs NegMAS 0.16.

Problems (``nt.random_utilities``): 2 and 3 parties, 10 values per issue, per-value
utilities uniform in [0, 1), issue weights Dirichlet(1), seed 12345, reserved value 0.25.
Each run times the whole path from the utility definitions (weights and value tables) to
the Pareto frontier and the Nash point: for negotrack ``UtilityFunction`` →
``AgreementSpace`` → ``frontier()`` → ``nash()``; for NegMAS the outcome space and
``LinearAdditiveUtilityFunction`` s → ``pareto_frontier`` → ``nash_points``.

Times are the best of a few runs for negotrack and one run for NegMAS (seconds of wall
clock); peak memory is measured in a separate run under ``tracemalloc`` (numpy reports
its buffers to it). NegMAS enumerates every package, so it runs only up to
``NEGOTRACK_BENCH_NEGMAS_MAX`` packages (default 10^6; 10^7 needs several GB and minutes)
and only when it is installed (``pip install -e .[bench]``). Where both run, the bench
also checks they agree: the same frontier set and the same Nash package.

Run: ``python -m benchmarks agreement`` (or ``make bench``), or ``python -m benchmarks.bench_agreement``.
"""

from __future__ import annotations

import functools
import os
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import negotrack as nt
from benchmarks._measure import best_time, peak_mib

SEED = 12345
RESERVED = 0.25
N_VALUES = 10
#: (parties, issues) pairs; NegMAS runs on the ones within its cap.
PROBLEMS: tuple[tuple[int, int], ...] = (
    *((2, k) for k in (3, 4, 5, 6, 7, 8, 10, 12, 15, 20)),
    *((3, k) for k in (3, 4, 5, 6, 7, 8, 9, 10)),
)
#: ``NEGOTRACK_BENCH_QUICK=1`` (``python -m benchmarks --quick``): a few small problems only.
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK", "") not in ("", "0")
QUICK_PROBLEMS: tuple[tuple[int, int], ...] = ((2, 3), (2, 4), (2, 12), (3, 3), (3, 4), (3, 9))
NEGMAS_MAX = int(float(os.environ.get("NEGOTRACK_BENCH_NEGMAS_MAX", "1e4" if QUICK else "1e6")))

Problem = tuple[dict[str, tuple[int, ...]], dict[str, nt.UtilityFunction]]


def problem(n_parties: int, n_issues: int) -> Problem:
    """Return the benchmark problem with ``n_parties`` and ``n_issues``."""
    return nt.random_utilities(n_parties, n_issues, N_VALUES, seed=SEED, reserved=RESERVED)


def _definitions(prob: Problem) -> list[tuple[dict[str, float], dict[str, dict[Any, float]]]]:
    """Plain weights and value tables: the common starting point of both tools."""
    _, utilities = prob
    out: list[tuple[dict[str, float], dict[str, dict[Any, float]]]] = []
    for u in utilities.values():
        tables: dict[str, dict[Any, float]] = {}
        for i, v in u.values.items():
            assert isinstance(v, Mapping)
            tables[i] = dict(v)
        out.append((dict(u.weights), tables))
    return out


def run_negotrack(prob: Problem) -> tuple[set[tuple[Any, ...]], tuple[Any, ...], int]:
    """Utilities → frontier → Nash with negotrack; returns (frontier set, Nash package, size)."""
    outcomes, _ = prob
    utilities = {
        f"p{k}": nt.UtilityFunction(weights=w, values=v, reserved=RESERVED)
        for k, (w, v) in enumerate(_definitions(prob))
    }
    space = nt.AgreementSpace(utilities, outcomes)
    front = space.frontier()
    nash = space.nash()
    nash_pkg = tuple(nash.package.values()) if nash else ()
    return {tuple(p.values()) for p, _ in front.packages()}, nash_pkg, len(front)


def run_negmas(prob: Problem) -> tuple[set[tuple[Any, ...]], tuple[Any, ...], int]:
    """Utilities → frontier → Nash with NegMAS 0.16 (enumerates every package)."""
    from negmas.outcomes import make_issue, make_os
    from negmas.preferences import (
        LinearAdditiveUtilityFunction,
        TableFun,
        nash_points,
        pareto_frontier,
    )

    outcomes, _ = prob
    issues = [make_issue(list(vals), name=i) for i, vals in outcomes.items()]
    space = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values={i: TableFun(v[i]) for i in outcomes},
            weights=w,
            outcome_space=space,
            reserved_value=RESERVED,
        )
        for w, v in _definitions(prob)
    ]
    every = list(space.enumerate())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        utils, indices = pareto_frontier(ufuns, outcomes=every)
        nash = nash_points(ufuns, utils, outcome_space=space)
    front = {tuple(every[k]) for k in indices}
    nash_pkg = tuple(every[indices[nash[0][1]]]) if nash else ()
    return front, nash_pkg, len(indices)


def _negmas_available() -> bool:
    try:
        import negmas  # noqa: F401
    except ImportError:
        return False
    return True


def measure(
    problems: Sequence[tuple[int, int]] = PROBLEMS, *, negmas_max: int = NEGMAS_MAX
) -> list[dict[str, Any]]:
    """Run every problem; return one row (a dict) per problem."""
    have_negmas = _negmas_available()
    if have_negmas:
        run_negmas(problem(2, 2))  # warm up: imports and numba compilation are not timed
    run_negotrack(problem(2, 2))
    rows: list[dict[str, Any]] = []
    for n_parties, n_issues in problems:
        prob = problem(n_parties, n_issues)
        size = N_VALUES**n_issues
        repeat = 5 if size <= 10**12 else 3
        ours = best_time(functools.partial(run_negotrack, prob), repeat)
        front, nash, n_front = run_negotrack(prob)
        row: dict[str, Any] = {
            "parties": n_parties,
            "issues": n_issues,
            "packages": size,
            "frontier": n_front,
            "negotrack_s": ours,
            "negotrack_mib": peak_mib(functools.partial(run_negotrack, prob)),
            "negmas_s": None,
            "negmas_mib": None,
            "ratio": None,
            "same": None,
        }
        if have_negmas and size <= negmas_max:
            t = time.perf_counter()
            theirs, their_nash, _ = run_negmas(prob)
            row["negmas_s"] = time.perf_counter() - t
            row["ratio"] = row["negmas_s"] / ours
            row["same"] = theirs == front and their_nash == nash
            row["negmas_mib"] = peak_mib(functools.partial(run_negmas, prob))
        rows.append(row)
        print(format_row(row), flush=True)
    return rows


HEADER = (
    "| parties | issues | packages | frontier | negotrack (s) | negotrack peak (MiB) "
    "| NegMAS (s) | NegMAS peak (MiB) | NegMAS / negotrack | same result |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"
)


def format_row(row: dict[str, Any]) -> str:
    """Return one Markdown table row."""

    def opt(v: float | None, fmt: str) -> str:
        return "–" if v is None else format(v, fmt)

    same = {None: "–", True: "yes", False: "NO"}[row["same"]]
    return (
        f"| {row['parties']} | {row['issues']} | 10^{row['issues']} | {row['frontier']} "
        f"| {row['negotrack_s']:.5f} | {row['negotrack_mib']:.2f} "
        f"| {opt(row['negmas_s'], '.3f')} | {opt(row['negmas_mib'], '.1f')} "
        f"| {opt(row['ratio'], ',.0f')} | {same} |"
    )


def main() -> None:
    """Print the benchmark table (Markdown) and check the targets."""
    have = _negmas_available()
    print("Agreement space: exact Pareto frontier + Nash point, negotrack vs NegMAS 0.16")
    print(
        f"seed {SEED}, {N_VALUES} values per issue, reserved {RESERVED}; NegMAS "
        + (
            f"run up to {NEGMAS_MAX:,} packages"
            if have
            else "not installed (pip install -e .[bench])"
        )
    )
    print(HEADER)
    rows = measure(QUICK_PROBLEMS if QUICK else PROBLEMS)
    by = {(r["parties"], r["issues"]): r for r in rows}

    def get(parties: int, issues: int, key: str) -> float | None:
        row = by.get((parties, issues))
        return None if row is None else row[key]

    checks: list[tuple[str, float | None, Callable[[float], bool]]] = [
        ("2 parties, 10^6: >= 1000x NegMAS", get(2, 6, "ratio"), lambda r: r >= 1000),
        ("3 parties, 10^6: >= 50x NegMAS", get(3, 6, "ratio"), lambda r: r >= 50),
        ("2 parties, 10^12: < 0.1 s", get(2, 12, "negotrack_s"), lambda t: t < 0.1),
        ("3 parties, 10^9: < 5 s", get(3, 9, "negotrack_s"), lambda t: t < 5),
    ]
    for label, value, ok in checks:
        if value is None:
            print(f"target {label}: not measured (NegMAS not run, or --quick)")
        else:
            print(f"target {label}: {'met' if ok(value) else 'MISSED'} ({value:,.4g})")
    mismatches = [r for r in rows if r["same"] is False]
    if mismatches:
        print(f"results differ from NegMAS on {len(mismatches)} problems")


if __name__ == "__main__":
    main()
