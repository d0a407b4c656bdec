"""Benchmark: the incremental gap series against naive recomputation at every date.

Workload (seed 2025): 20 parties, 50 numeric issues on a 0-100 scale, N random statements
(N = 10^4, 10^5, 10^6; ``--quick``: 10^3, 10^4). Each statement picks a party, an issue,
a date uniformly in a five-year window (1,826 days, so large N puts many statements on
one date) and a position from a pool of 10,000 random single-interval positions (shared
objects keep the *timeline* small; the series does not rely on sharing). Credibility is
drawn uniformly; the series keeps every level.

Measured:

* ``incremental`` - ``nt.gap_series(timeline)``: CPU seconds (``time.process_time``,
  less sensitive to other load on the machine) and wall seconds, µs per statement, and
  the peak memory the series allocates (``tracemalloc``, in a separate run because
  tracing slows it down). The process' peak RSS, timeline included, is printed too.
* ``naive`` - ``nt.analyze(timeline.snapshot(d))`` on a sample of report dates spread
  evenly over the series, timed per date and projected to every date (running it in full
  at 10^6 statements would take minutes). Each sampled report is checked equal to the
  incremental one.

The two are timed in interleaved rounds (9 up to 10^5 statements, 3 at 10^6): each round
runs the series once, then the naive recomputation once on every sampled date, so both
see the same load. Each side's figure is its best round; the speed-up is best against
best, and the ratio within each round is printed as a range beside it.

Targets (issue 3): incremental >= 100x faster than naive, <= 10 µs per statement, 10^6
statements in under 15 s and 500 MB.

Run: ``python -m benchmarks gaps [--quick]`` (or ``make bench``), or ``python -m benchmarks.bench_gaps``.
"""

from __future__ import annotations

import datetime
import functools
import os
import random
import resource
import sys

import negotrack as nt
from benchmarks._measure import peak_mib, timed

SEED = 2025
PARTIES = 20
ISSUES = 50
DAYS = 1826
POOL = 10_000
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK") == "1"
SIZES = (1_000, 10_000) if QUICK else (10_000, 100_000, 1_000_000)
NAIVE_SAMPLE = 8 if QUICK else 12
ROUNDS_SMALL = 9  # interleaved rounds up to 10^5 statements (a fraction of a second each)
ROUNDS = 3  # at 10^6 (about 5 s each)
START = datetime.date(2021, 1, 1)
SCALE = nt.NumericScale(0, 100, unit="%")
SOURCE = nt.Source(title="benchmark")


def build(n: int) -> nt.Timeline:
    """Return the benchmark timeline with ``n`` random statements (seeded)."""
    rng = random.Random(SEED)
    issues = [nt.Issue(f"i{k}", SCALE) for k in range(ISSUES)]
    parties = [nt.Party(f"p{k}") for k in range(PARTIES)]
    pool = []
    for _ in range(POOL):
        a, b = sorted((rng.uniform(0, 100), rng.uniform(0, 100)))
        pool.append(
            nt.Position(
                ideal=rng.uniform(a, b),
                acceptable=nt.Region.interval(SCALE, a, b),
                red_line=rng.random() < 0.2,
            )
        )
    days = [START + datetime.timedelta(days=k) for k in range(DAYS)]
    levels = list(nt.Credibility)
    tl = nt.Timeline(issues=issues, parties=parties)
    party_ids = [p.id for p in parties]
    issue_ids = [i.id for i in issues]
    for k in range(n):
        tl.add(
            nt.Statement(
                party=rng.choice(party_ids),
                issue=rng.choice(issue_ids),
                date=rng.choice(days),
                position=rng.choice(pool),
                source=SOURCE,
                credibility=rng.choice(levels),
                id=f"s{k}",
            )
        )
    return tl


def _naive(tl: nt.Timeline, date: datetime.date) -> nt.GapReport:
    """The naive recomputation of one date's report: a snapshot, analysed from scratch."""
    return nt.analyze(tl.snapshot(date))


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def measure(n: int) -> dict[str, float]:
    """Run the benchmark for ``n`` statements; return the figures.

    The incremental series and the naive recomputation are timed in interleaved rounds:
    each round runs ``gap_series`` once and then ``analyze(snapshot(d))`` once on every
    sampled date, so both sides of the speed-up are measured under the same load. The
    speed-up is best against best (each side's fastest run: the usual estimator of a
    deterministic cost on a shared machine); the ratio within each round is reported too,
    as a range.
    """
    tl, _, build_cpu = timed(lambda: build(n))
    series = nt.gap_series(tl)  # the reference (and a warm-up)
    dates = series.dates
    step = max(1, len(dates) // NAIVE_SAMPLE)
    sample = list(dates[step // 2 :: step])[:NAIVE_SAMPLE]
    for d in sample:
        if _naive(tl, d) != series[d]:
            raise AssertionError(f"incremental report differs from analyze() on {d}")
    rounds = ROUNDS_SMALL if n <= 100_000 else ROUNDS
    runs: list[tuple[float, float]] = []  # (cpu, wall) of each incremental run
    naive: list[list[float]] = []  # per round, the CPU time of each sampled date
    for _ in range(rounds):
        _, w, c = timed(lambda: nt.gap_series(tl))
        runs.append((c, w))
        naive.append([timed(functools.partial(_naive, tl, d))[2] for d in sample])
    cpu = min(c for c, _ in runs)
    wall = min(w for _, w in runs)
    # The naive side's best round (its sampled dates' mean, run back to back), as the
    # incremental side's is its best run: each best of the same number of rounds. (The sum
    # of each date's own best would take a minimum over rounds x dates samples, biased low
    # against the incremental side's minimum over rounds.)
    per_date = min(sum(times) for times in naive) / len(sample)
    naive_total = per_date * len(dates)
    paired = sorted(
        sum(times) / len(sample) * len(dates) / c for (c, _), times in zip(runs, naive, strict=True)
    )
    peak = peak_mib(lambda: nt.gap_series(tl))
    naive_peak = peak_mib(lambda: [_naive(tl, d) for d in sample[:2]])
    return {
        "n": n,
        "dates": len(dates),
        "build_us": build_cpu / n * 1e6,
        "cpu": cpu,
        "wall": wall,
        "us": cpu / n * 1e6,
        "peak": peak,
        "naive_per_date": per_date,
        "naive_total": naive_total,
        "naive_us": naive_total / n * 1e6,
        "naive_peak": naive_peak,
        "speedup": naive_total / cpu if cpu else float("inf"),
        "paired_min": paired[0],
        "paired_median": paired[len(paired) // 2],
        "paired_max": paired[-1],
        "rounds": rounds,
        "rss": _rss_mb(),
    }


HEADER = (
    "| statements | report dates | incremental CPU s (wall s) | µs / statement | "
    "series peak MB | naive s (projected) | naive µs / statement | naive peak MB "
    "(2 dates) | speed-up | per round: min, median, max | process peak RSS MB |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(r: dict[str, float]) -> str:
    """Format one size's figures as a Markdown table row."""
    return (
        f"| {int(r['n']):,} | {int(r['dates']):,} | {r['cpu']:.2f} ({r['wall']:.2f}) | "
        f"{r['us']:.1f} | {r['peak']:.0f} | {r['naive_total']:,.0f} | {r['naive_us']:,.0f} | "
        f"{r['naive_peak']:.1f} | {r['speedup']:,.0f}× | {r['paired_min']:,.0f}, "
        f"{r['paired_median']:,.0f}, {r['paired_max']:,.0f} ({int(r['rounds'])} rounds) | "
        f"{r['rss']:.0f} |"
    )


def main() -> None:
    """Print the benchmark table (Markdown) and check the targets."""
    print(
        f"Gap series: {PARTIES} parties × {ISSUES} numeric issues, statements over {DAYS} "
        f"days, seed {SEED}; naive = analyze(snapshot(d)) on {NAIVE_SAMPLE} sampled dates, "
        f"projected"
    )
    print(HEADER)
    rows = []
    for n in SIZES:
        r = measure(n)
        rows.append(r)
        print(row(r), flush=True)
    print(
        "\n(timeline building, not counted above: "
        + ", ".join(f"{r['build_us']:.1f} µs/statement at {int(r['n']):,}" for r in rows)
        + ")"
    )
    print("\nTargets:")
    for r in rows:
        n = int(r["n"])
        print(
            f"- {n:,}: speed-up {r['speedup']:,.0f}× (>= 100: "
            f"{'met' if r['speedup'] >= 100 else 'MISSED'}); {r['us']:.1f} µs/statement "
            f"(<= 10: {'met' if r['us'] <= 10 else 'MISSED'})"
        )
    big = [r for r in rows if r["n"] >= 1_000_000]
    for r in big:
        ok_time = r["cpu"] < 15
        ok_mem = r["peak"] < 500
        print(
            f"- 10^6 in {r['cpu']:.1f} s CPU / {r['wall']:.1f} s wall (< 15 s: "
            f"{'met' if ok_time else 'MISSED'}); series peak {r['peak']:.0f} MB, process "
            f"{r['rss']:.0f} MB (< 500 MB: {'met' if ok_mem and r['rss'] < 500 else 'MISSED'})"
        )


if __name__ == "__main__":
    main()
