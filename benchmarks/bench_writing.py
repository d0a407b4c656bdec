"""Benchmark: writing alone at 10^5 statements — reports and scenario files, reading excluded.

The part of ``timeline`` and ``export`` (``python -m benchmarks cli``) that comes after the
record is read: the timeline report built and written in each format, and the scenario
written as TOML and JSON (what ``export`` writes). Workload: the store benchmark's record
(``benchmarks/bench_store.py``, N statements, seed 2025), built in this process. Figures are
CPU seconds (``time.process_time``: the machine is shared), best of ``REPEAT``; the output
goes to the null device (reports) or a temporary file (scenarios).

Run: ``python -m benchmarks writing``; ``--quick``: 10^4 statements.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import negotrack as nt
from benchmarks import bench_store
from negotrack.io import reports
from negotrack.io.reports.writers import json as json_writer

QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK") == "1"
N = 10_000 if QUICK else 100_000
REPEAT = 3
#: The share of issue 18's end-to-end targets left to writing once reading takes ~2 s.
TARGET = 1.0


def _report(timeline: nt.Timeline, fmt: str) -> None:
    doc = reports.timeline_document(timeline, title="benchmark")
    if fmt == "json":  # as the command line writes it: piece by piece
        with open(os.devnull, "w", encoding="utf-8") as null:
            json_writer.write_to(doc, null)
    else:
        with open(os.devnull, "w", encoding="utf-8") as null:
            null.write(reports.render(doc, fmt))


def best(work: Callable[[], object]) -> float:
    """Return the least CPU seconds of ``REPEAT`` runs of ``work``."""
    times = []
    for _ in range(REPEAT):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    """Print the table of writing times with the target beside each."""
    print(f"negotrack writing alone, {N:,} statements (CPU s, best of {REPEAT})\n")
    timeline = bench_store.build(N)
    scenario = nt.Scenario(title="benchmark", timeline=timeline)
    print("| what | CPU s | target |")
    print("|---|---:|---|")
    with tempfile.TemporaryDirectory(prefix="negotrack-bench-writing-") as tmp:
        rows: list[tuple[str, Callable[[], object]]] = [
            *(
                (
                    f"timeline report, {fmt} (`timeline --format {fmt}` less reading)",
                    _bind(timeline, fmt),
                )
                for fmt in ("text", "markdown", "json")
            ),
            *(
                (
                    f"scenario file, {suffix} (`export` less reading)",
                    _dumper(scenario, Path(tmp) / f"out.{suffix}"),
                )
                for suffix in ("toml", "json")
            ),
        ]
        for name, work in rows:
            cpu = best(work)
            print(
                f"| {name} | {cpu:.2f} | ≤ {TARGET:g} s: {'met' if cpu <= TARGET else 'missed'} |",
                flush=True,
            )


def _bind(timeline: nt.Timeline, fmt: str) -> Callable[[], object]:
    return lambda: _report(timeline, fmt)


def _dumper(scenario: nt.Scenario, path: Path) -> Callable[[], object]:
    return lambda: nt.dump(scenario, path)


if __name__ == "__main__":
    main()
