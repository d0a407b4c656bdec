"""Benchmark: sequencing-deadlock detection on large condition graphs, vs networkx.simple_cycles.

Graphs: random condition graphs of 10^3, 10^4 and 10^5 event clauses, each clause with three
preconditions on other clauses drawn uniformly (seed 2025), and the complete directed graph
of 60 clauses (3,540 conditions). Conditions alternate between two holders.

Measured (CPU seconds, ``time.process_time``: the machine is shared; best of ``REPEAT``
runs, timeline building not counted):

* ``detect`` — ``nt.analyze_conditions(snapshot, time_limit=1e-3)``: the condition graph,
  strongly connected components, one witness cycle per knot and the greedy untying set,
  with the optional work (exact search, trimming, lower bound) given no time.
* ``knots`` — the part of ``detect`` that finds the deadlocks: the checked condition graph
  on integer indices, its strongly connected components and one witness cycle per knot,
  without the greedy untying set (the engine alone; shown to say where ``detect``'s time
  goes — the target is on ``detect``, whose greedy untying set is fixed work too).
* ``default`` — ``nt.analyze_conditions(snapshot)`` with the default budget (1.5 s of
  optional work): what a user gets; the notes say what the budget cut short.
* ``simple_cycles`` — ``networkx.simple_cycles`` on the same precondition graph, run until
  it finishes or ``NEGOTRACK_BENCH_CYCLES_TIMEOUT`` seconds pass (default 10): how many
  cycles it listed and how long it took to produce the first one. A graph with a knot of
  thousands of clauses has astronomically many cycles, so enumeration never finishes;
  detection does not need it.

Run: ``python -m benchmarks conditions`` (or ``make bench``), or ``python -m benchmarks.bench_conditions``;
``--quick`` stops at 10^4 clauses with a 2 s simple_cycles timeout.
"""

from __future__ import annotations

import datetime
import os
import random
import signal
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import networkx as nx

import negotrack as nt
from benchmarks._measure import best_cpu
from negotrack.analysis.deadlocks.engine import _Engine

SEED = 2025
OUT_DEGREE = 3
#: ``NEGOTRACK_BENCH_QUICK=1`` (``python -m benchmarks --quick``): small sizes, one run.
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK", "") not in ("", "0")
SIZES = (1_000, 10_000) if QUICK else (1_000, 10_000, 100_000)
COMPLETE = 60
REPEAT = 1 if QUICK else 3
#: Issue 18's target: detection (the fixed work) at 10^5 clauses in under 1 s of CPU.
TARGET_CLAUSES, TARGET_S = 100_000, 1.0
CYCLES_TIMEOUT = float(os.environ.get("NEGOTRACK_BENCH_CYCLES_TIMEOUT", "2" if QUICK else "10"))
DAY = datetime.date(2025, 12, 28)
SOURCE = nt.Source(title="benchmark")


def snapshot(n: int, *, complete: bool = False) -> nt.Snapshot:
    """Return a snapshot with ``n`` event clauses and the benchmark's conditions on them."""
    rng = random.Random(SEED)
    clauses = [nt.EventClause(f"e{i}") for i in range(n)]
    records: list[nt.Event | nt.Condition] = [
        nt.Event(id=f"e{i}", date=DAY, title="step") for i in range(n)
    ]
    for i in range(n):
        if complete:
            targets = [j for j in range(n) if j != i]
        else:
            chosen: set[int] = set()
            while len(chosen) < OUT_DEGREE:
                j = rng.randrange(n)
                if j != i:
                    chosen.add(j)
            targets = sorted(chosen)
        records.extend(
            nt.Condition(
                holder="AB"[(i + j) % 2],
                clause=clauses[i],
                requires=clauses[j],
                date=DAY,
                source=SOURCE,
            )
            for j in targets
        )
    tl = nt.Timeline(
        issues=[], parties=[nt.Party("A"), nt.Party("B", capability=2.0)], records=records
    )
    return tl.snapshot()


class _Alarm(Exception):  # noqa: N818 - a signal, not an error
    """Raised by the interval timer to stop simple_cycles between two yields."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise _Alarm


def simple_cycles(graph: nx.DiGraph, timeout: float) -> dict[str, Any]:
    """Run ``networkx.simple_cycles`` for at most ``timeout`` seconds; say how far it got."""
    count, first = 0, None
    start = time.perf_counter()
    finished = False
    use_timer = hasattr(signal, "setitimer")
    if use_timer:
        old = signal.signal(signal.SIGALRM, _raise)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        cycles: Iterator[list[Any]] = nx.simple_cycles(graph)
        for _ in cycles:
            count += 1
            if first is None:
                first = time.perf_counter() - start
            if not use_timer and time.perf_counter() - start > timeout:
                break
        else:
            finished = True
    except _Alarm:
        pass
    finally:
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return {
        "cycles": count,
        "first": first,
        "finished": finished,
        "seconds": time.perf_counter() - start,
    }


def knots(snap: nt.Snapshot) -> int:
    """Find the knots of ``snap`` and a witness of each, no untying set; return the count."""
    engine = _Engine(snap, 1e-3)
    return len([engine.witness(knot) for knot in engine.knots])


def measure(name: str, snap: nt.Snapshot) -> dict[str, Any]:
    """Measure one graph; return a row."""
    detect = best_cpu(lambda: nt.analyze_conditions(snap, time_limit=1e-3), REPEAT)
    found = best_cpu(lambda: knots(snap), REPEAT)
    start = time.process_time()
    report = nt.analyze_conditions(snap)
    default = time.process_time() - start
    graph = nt.condition_graph(snap)
    return {
        "graph": name,
        "clauses": graph.number_of_nodes(),
        "conditions": len(snap.conditions),
        "knot": sum(len(d.clauses) for d in report.sequencing),
        "detect": detect,
        "knots_s": found,
        "default": default,
        "untie": report.untie.count,
        "lower": report.untie.lower_bound,
        "notes": len(report.notes),
        "nx": simple_cycles(graph, CYCLES_TIMEOUT),
    }


HEADER = (
    "| graph | clauses | conditions | clauses in knots | detect (CPU s) "
    "| of which knots + witnesses (CPU s) | default analysis (CPU s) "
    "| untying set [lower bound] | networkx.simple_cycles |\n"
    "|---|---:|---:|---:|---:|---:|---:|---|---|"
)


def format_row(row: dict[str, Any]) -> str:
    """Return a Markdown table row."""
    cyc = row["nx"]
    first = "–" if cyc["first"] is None else f"{cyc['first']:.3f} s"
    done = (
        f"finished: {cyc['cycles']:,} cycles in {cyc['seconds']:.2f} s"
        if cyc["finished"]
        else f"stopped at {CYCLES_TIMEOUT:g} s after {cyc['cycles']:,} cycles (first after {first})"
    )
    return (
        f"| {row['graph']} | {row['clauses']:,} | {row['conditions']:,} | {row['knot']:,} "
        f"| {row['detect']:.3f} | {row['knots_s']:.3f} | {row['default']:.3f} "
        f"| {row['untie']:,} [{row['lower']:,}] "
        f"| {done} |"
    )


def main() -> None:
    """Print the Markdown table for docs/performance.md."""
    print("Conditions: sequencing-deadlock detection vs networkx.simple_cycles")
    print(f"random graphs: out-degree {OUT_DEGREE}, seed {SEED}; best of {REPEAT} runs\n")
    print(HEADER)
    cases: list[tuple[str, Callable[[], nt.Snapshot]]] = [
        (f"complete {COMPLETE}", lambda: snapshot(COMPLETE, complete=True)),
        *((f"random 10^{len(str(n)) - 1}", lambda n=n: snapshot(n)) for n in SIZES),
    ]
    rows = []
    for name, build in cases:
        rows.append(measure(name, build()))
        print(format_row(rows[-1]), flush=True)
    print("\nTarget:")
    for row in rows:
        if row["clauses"] >= TARGET_CLAUSES:
            met = "met" if row["detect"] < TARGET_S else "MISSED"
            print(
                f"- detection at {row['clauses']:,} clauses: {row['detect']:.2f} s CPU "
                f"(< {TARGET_S:g} s: {met})"
            )
    if not any(row["clauses"] >= TARGET_CLAUSES for row in rows):
        print(f"- (quick run) detection at {TARGET_CLAUSES:,} clauses is not measured")


if __name__ == "__main__":
    main()
