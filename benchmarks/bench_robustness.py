"""Benchmark: nt.robustness — samples per second, and how it scales over processes and Dask.

Three measurements:

* ``ukraine`` — the bundled Ukraine example (25 uncertain inputs), ``UKRAINE_SAMPLES``
  samples (10^4) in one process (``workers=1``): wall and CPU seconds and samples per
  second, with every analysis (gaps, conditions, the agreement space's solutions, the
  forecasts) and with the gaps and conditions only (``analyses=()``), the one-at-a-time
  sensitivity included. The goal: under 10 s on one core.
* ``costs`` — the CPU per sample of each analysis on the synthetic record below, a few
  samples each in one process: what a scaling run will cost, and which analyses fit.
* ``scaling`` — a synthetic record of 20 parties × 50 numeric issues with 10^4 statements
  (each party restates its position on each issue ten times; statements are reported or
  alleged, half carry ranges for the ideal and the bounds, a tenth a red-line
  probability), ``SCALING_SAMPLES`` samples (10^5 by default; set
  ``NEGOTRACK_BENCH_ROBUSTNESS_SAMPLES`` lower on a busy machine) of the gaps and
  conditions (``NEGOTRACK_BENCH_ROBUSTNESS_ANALYSES=forecasts``, ``=agreement`` or ``=all``
  adds analyses), no sensitivity, on one process, on a pool of two processes and on a
  Dask ``LocalCluster`` of two worker processes (one thread each). Reported: wall and CPU
  seconds (the CPU of the pool's or cluster's worker processes), samples/s, speed-up per
  worker against one process by wall clock (the goal: ≥ 0.8 of linear; meaningful only on
  an otherwise idle machine), the CPU of one process over the CPU of the two (the
  speed-up per worker the work itself allows, whatever the load), the peak resident
  memory of a worker process (the goal: < 500 MB) and the 1-minute load average before
  and after each run. The three reports must be equal (checked).

Run: ``python -m benchmarks robustness`` (``--quick``: 10^3 Ukraine samples, 2,000
scaling samples); one part: ``python -c "import benchmarks.bench_robustness as b;
b.scaling()"``. The Dask part is skipped, saying so, without the ``distributed`` extra.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import functools
import importlib
import os
import random
import resource
import time
from pathlib import Path
from typing import Any

import negotrack as nt
from benchmarks._measure import timed

QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK", "") not in ("", "0")
UKRAINE = Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml"
UKRAINE_SAMPLES = 1_000 if QUICK else 10_000
SCALING_SAMPLES = int(
    os.environ.get("NEGOTRACK_BENCH_ROBUSTNESS_SAMPLES", "2000" if QUICK else "100000")
)
PARTIES, ISSUES, RESTATEMENTS = 20, 50, 10
SEED = 2025
DAY = datetime.date(2025, 1, 1)


def big_timeline() -> nt.Timeline:
    """Return the synthetic record: 20 parties × 50 issues × 10 statements = 10^4."""
    rng = random.Random(SEED)
    scale = nt.NumericScale(0, 100)
    tl = nt.Timeline(
        issues=[nt.Issue(f"i{k}", scale) for k in range(ISSUES)],
        parties=[nt.Party(f"p{k}", capability=rng.uniform(0.5, 2)) for k in range(PARTIES)],
    )
    source = nt.Source(title="benchmark")
    records = []
    for r in range(RESTATEMENTS):
        for p in range(PARTIES):
            for i in range(ISSUES):
                lo = round(rng.uniform(0, 60), 1)
                hi = round(lo + rng.uniform(5, 40), 1)
                ideal = round(rng.uniform(lo, hi), 1)
                unc = None
                if rng.random() < 0.5:
                    unc = nt.Uncertainty(
                        ideal=(max(lo, ideal - 5), min(hi, ideal + 5)),
                        lower=(max(0.0, lo - 5), lo),
                        upper=(hi, min(100.0, hi + 5)),
                        red_line=0.3 if rng.random() < 0.1 else None,
                    )
                records.append(
                    nt.Statement(
                        party=f"p{p}",
                        issue=f"i{i}",
                        date=DAY + datetime.timedelta(days=r),
                        id=f"s{r}-{p}-{i}",
                        supersedes=f"s{r - 1}-{p}-{i}" if r else None,
                        position=nt.Position(
                            ideal=ideal, acceptable=nt.Region.interval(scale, lo, hi)
                        ),
                        source=source,
                        credibility=rng.choice(list(nt.Credibility)[1:]),
                        uncertainty=unc,
                    )
                )
    tl.extend(records)
    return tl


def _rate(samples: int, wall: float) -> str:
    return f"{samples / wall:,.0f}"


def ukraine() -> None:
    """Print the Ukraine example's samples per second on one core."""
    tl = nt.load(UKRAINE).timeline
    print(f"Ukraine example, {UKRAINE_SAMPLES:,} samples, one process (workers=1)")
    print(f"{'analyses':<34} {'wall s':>8} {'CPU s':>8} {'samples/s':>10}")
    for label, analyses in [
        ("all (gaps, conditions, solutions, forecasts)", ("agreement", "forecasts")),
        ("gaps and conditions", ()),
    ]:
        _, wall, cpu = timed(
            lambda a=analyses: nt.robustness(  # type: ignore[misc]
                tl, samples=UKRAINE_SAMPLES, seed=1, workers=1, analyses=a
            )
        )
        print(f"{label:<34} {wall:8.2f} {cpu:8.2f} {_rate(UKRAINE_SAMPLES, wall):>10}")


def _children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _worker_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> float:
    return os.getloadavg()[0]


def _analyses() -> tuple[str, ...]:
    """The analyses of the scaling runs: ``NEGOTRACK_BENCH_ROBUSTNESS_ANALYSES``.

    Empty or unset: the gaps and conditions only; ``all``: every analysis; else a comma
    list of ``agreement``, ``forecasts``.
    """
    asked = os.environ.get("NEGOTRACK_BENCH_ROBUSTNESS_ANALYSES", "").strip()
    if asked == "all":
        return ("agreement", "forecasts")
    return tuple(a for a in asked.split(",") if a)


def costs(samples: int = 10) -> None:
    """Print the CPU per sample of each analysis on the synthetic record, in one process.

    ``samples`` + 1 samples less one sample, each (the fixed work of a call cancels out),
    the sensitivity left out: what a scaling run of N samples will cost, and which
    analyses fit.
    """
    tl = big_timeline()
    print(
        f"\nCost per sample: {PARTIES} parties × {ISSUES} issues, {len(tl.statements):,} "
        f"statements, one process (load average {_load():.2f})"
    )
    print(f"{'analyses':<44} {'samples':>8} {'CPU ms/sample':>14} {'wall ms/sample':>15}")
    for label, analyses, n in [
        ("gaps and conditions", (), samples),
        ("gaps, conditions, forecasts", ("forecasts",), samples),
        ("gaps, conditions, agreement space", ("agreement",), max(2, samples // 5)),
    ]:
        options: dict[str, Any] = {"seed": 1, "workers": 1, "analyses": analyses}
        nt.robustness(tl, samples=1, sensitivity=False, **options)  # warm: imports
        # per sample: N + 1 samples less one (the fixed work of a call cancels out)
        _, wall_1, cpu_1 = timed(
            functools.partial(nt.robustness, tl, samples=1, sensitivity=False, **options)
        )
        _, wall_n, cpu_n = timed(
            functools.partial(nt.robustness, tl, samples=n + 1, sensitivity=False, **options)
        )
        cpu, wall = cpu_n - cpu_1, wall_n - wall_1
        print(f"{label:<44} {n:>8} {cpu / n * 1000:>14.1f} {wall / n * 1000:>15.1f}")


def scaling() -> None:
    """Print the scaling of the synthetic record over 1 and 2 processes and 2 Dask workers."""
    t0 = time.perf_counter()
    tl = big_timeline()
    analyses = _analyses()
    print(
        f"\nScaling: {PARTIES} parties × {ISSUES} issues, {len(tl.statements):,} statements "
        f"(built in {time.perf_counter() - t0:.1f} s), {SCALING_SAMPLES:,} samples, "
        f"{'gaps, conditions, ' + ', '.join(analyses) if analyses else 'gaps and conditions'}"
        ", no sensitivity"
    )
    options: dict[str, Any] = {
        "samples": SCALING_SAMPLES,
        "seed": 1,
        "analyses": analyses,
        "sensitivity": False,
    }
    print(
        f"{'run':<30} {'wall s':>8} {'CPU s':>8} {'samples/s':>10} {'speed-up/worker':>16} "
        f"{'CPU 1 / CPU':>12} {'peak MiB/worker':>16} {'load':>11}"
    )
    before = _load()
    one, wall1, cpu1 = timed(lambda: nt.robustness(tl, workers=1, **options))
    _row("1 process", wall1, cpu1, per=1.0, ratio=1.0, peak=_worker_peak_mib(), before=before)
    used = _children_cpu()
    before = _load()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        two, wall2, _ = timed(lambda: nt.robustness(tl, executor=pool, **options))
    assert two.to_dict() == one.to_dict(), "the process pool's report differs"
    cpu2 = _children_cpu() - used
    _row(
        "2 processes",
        wall2,
        cpu2,
        per=wall1 / wall2 / 2,
        ratio=cpu1 / cpu2,
        peak=_children_peak_mib(),
        before=before,
    )
    try:
        distributed: Any = importlib.import_module("distributed")  # the optional extra
    except ImportError:
        print("Dask LocalCluster: skipped (install the 'distributed' extra)")
        return
    before = _load()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        start = client.run(time.process_time)
        dask, wall3, _ = timed(lambda: nt.robustness(tl, executor=client.get_executor(), **options))
        cpu3 = sum(client.run(time.process_time).values()) - sum(start.values())
        peaks = client.run(_worker_peak_mib)
    assert dask.to_dict() == one.to_dict(), "the Dask report differs"
    _row(
        "Dask LocalCluster, 2 workers",
        wall3,
        cpu3,
        per=wall1 / wall3 / 2,
        ratio=cpu1 / cpu3,
        peak=max(peaks.values()),
        before=before,
    )
    print("(the three reports are equal; load: the 1-minute load average before / after each run)")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _row(
    label: str, wall: float, cpu: float, *, per: float, ratio: float, peak: float, before: float
) -> None:
    print(
        f"{label:<30} {wall:8.1f} {cpu:8.1f} {_rate(SCALING_SAMPLES, wall):>10} {per:>16.2f} "
        f"{ratio:>12.2f} {peak:>16.0f} {before:>5.2f}/{_load():<5.2f}"
    )


def main() -> None:
    """Run both measurements, saying how loaded the machine is."""
    load = os.getloadavg()
    print(
        f"Machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    ukraine()
    costs(3 if QUICK else 10)
    scaling()


if __name__ == "__main__":
    main()
