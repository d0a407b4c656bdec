"""Benchmark: adding statements to a store, opening it again, and reading its timeline.

Workload (seed 2025): 20 parties, 50 numeric issues on a 0-100 scale, N statements
(N = 10^3, 10^4, 10^5; ``--quick``: 10^3, 10^4), on a temporary file. Each statement picks
a party, an issue, a date uniformly in a five-year window and its *own* random position
(one or, one time in five, two intervals, an ideal inside): no two positions are shared,
so nothing is gained from repeated documents. A source is cited by five statements in a
row, as a news report quoting several sides; credibility is drawn uniformly.

Measured (wall seconds, and µs per record; the best of several runs for opening and
reading, since the machine is shared):

* ``add`` - ``Store.add`` per statement, one transaction each as the API does, with
  ``durable=False`` (``synchronous=NORMAL``, the bulk-loading mode) at every N, and with
  the default ``durable=True`` (``synchronous=FULL``, an fsync per add) at 10^3
  statements only (``DURABLE_MAX``: beyond it the disk, not negotrack, sets the figure).
* ``import`` - ``Store.import_scenario``: the whole timeline in one transaction, the batch
  path for a scenario.
* ``extend`` - ``Store.extend`` of the agenda and every record on a new store with the
  default ``durable=True``: one transaction, one flush to disk, for the whole batch.
* ``open`` - ``nt.Store(path)`` on the file written: checks the file, verifies the
  checkpoint's digests over every row and rebuilds the record from it (CPU seconds beside
  the wall time; see :mod:`negotrack.io.checkpoint`).
* ``open, every row checked`` - ``nt.Store(path, use_checkpoint=False)``: every record read
  through the converter and ``Timeline.add``, as a store without an intact checkpoint is
  (CPU seconds).
* ``read`` - ``store.timeline()`` on an open store (a copy of the timeline in memory).
* the file's size, and bytes per record.

Each run checks that the timeline read back equals the one added.

Target (issue 18): opening a store of 10^5 statements in under 1 s (CPU).

Run: ``python -m benchmarks store [--quick]`` (or ``make bench``), or ``python -m benchmarks.bench_store``.
"""

from __future__ import annotations

import datetime
import math
import os
import random
import tempfile
from pathlib import Path

import negotrack as nt
from benchmarks._measure import timed

SEED = 2025
PARTIES = 20
ISSUES = 50
DAYS = 1826
PER_SOURCE = 5
QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK") == "1"
SIZES = (1_000, 10_000) if QUICK else (1_000, 10_000, 100_000)
DURABLE_MAX = 1_000  # largest N added with durable=True (an fsync per statement)
START = datetime.date(2021, 1, 1)
SCALE = nt.NumericScale(0, 100, unit="%")
#: Issue 18's target: open a store of 10^5 statements in under 1 s (CPU: the machine is shared).
TARGET_N, TARGET_S = 100_000, 1.0


def build(n: int) -> nt.Timeline:
    """Return the benchmark timeline with ``n`` random statements (seeded), distinct positions."""
    rng = random.Random(SEED)
    issues = [nt.Issue(f"i{k}", SCALE) for k in range(ISSUES)]
    parties = [nt.Party(f"p{k}") for k in range(PARTIES)]
    levels = list(nt.Credibility)
    tl = nt.Timeline(issues=issues, parties=parties)
    source = nt.Source(title="report 0")
    for k in range(n):
        if k % PER_SOURCE == 0:
            day = START + datetime.timedelta(days=rng.randrange(DAYS))
            source = nt.Source(title=f"report {k // PER_SOURCE}", date=day)
        bounds = sorted(rng.uniform(0, 100) for _ in range(4 if rng.random() < 0.2 else 2))
        pairs = list(zip(bounds[::2], bounds[1::2], strict=True))
        lo, hi = pairs[0]
        tl.add(
            nt.Statement(
                party=f"p{rng.randrange(PARTIES)}",
                issue=f"i{rng.randrange(ISSUES)}",
                date=START + datetime.timedelta(days=rng.randrange(DAYS)),
                position=nt.Position(
                    ideal=rng.uniform(lo, hi),
                    acceptable=nt.Region.of(SCALE, pairs),
                    salience=round(rng.random(), 2),
                ),
                source=source,
                credibility=rng.choice(levels),
                id=f"s{k}",
            )
        )
    return tl


def _add_each(path: Path, tl: nt.Timeline, *, durable: bool) -> float:
    """Add the agenda, then time adding each record in its own transaction (wall s)."""
    with nt.Store(path, durable=durable) as store:
        agenda: list[nt.Issue | nt.Party] = [*tl.issues, *tl.parties]
        for item in agenda:
            store.add(item)

        def run() -> None:
            for record in tl.records:
                store.add(record)

        _, wall, _ = timed(run)
    return wall


def _extend(path: Path, tl: nt.Timeline) -> float:
    """Time ``Store.extend`` of the agenda and every record, one transaction, durable (wall s)."""
    with nt.Store(path) as store:
        items: list[nt.Issue | nt.Party | nt.Statement | nt.Event | nt.Condition] = [
            *tl.issues,
            *tl.parties,
            *tl.records,
        ]
        _, wall, _ = timed(lambda: store.extend(items))
    return wall


def _open(path: Path, *, use_checkpoint: bool = True) -> nt.Store:
    return nt.Store(path, create=False, use_checkpoint=use_checkpoint)


def measure(n: int, folder: Path) -> dict[str, float]:
    """Run the benchmark for ``n`` statements in ``folder``; return the figures."""
    tl = build(n)
    scenario = nt.Scenario(title="benchmark", description="", timeline=tl)
    add_normal = _add_each(folder / f"normal{n}.db", tl, durable=False)
    add_full = (
        _add_each(folder / f"full{n}.db", tl, durable=True) if n <= DURABLE_MAX else float("nan")
    )
    extend = _extend(folder / f"extend{n}.db", tl)
    path = folder / f"import{n}.db"

    def batch() -> None:
        with nt.Store(path) as store:
            store.import_scenario(scenario)

    _, import_wall, _ = timed(batch)
    rounds = 3 if n >= 100_000 else 5
    opens: list[tuple[float, float]] = []
    checked: list[float] = []
    reads: list[float] = []
    for _ in range(rounds):
        store, wall, cpu = timed(lambda: _open(path))
        if store.checkpointed != n:
            raise AssertionError(f"{path} was not opened from its checkpoint")
        opens.append((wall, cpu))
        full, _, full_cpu = timed(lambda: _open(path, use_checkpoint=False))
        checked.append(full_cpu)
        if full.timeline() != tl:
            raise AssertionError(f"the timeline checked row by row from {path} differs")
        full.close()
        back, read_wall, _ = timed(store.timeline)
        reads.append(read_wall)
        store.close()
        if back != tl or back.records != tl.records:
            raise AssertionError(f"the timeline read back from {path} differs from the one added")
        del store, back
    for name in (f"normal{n}.db", f"full{n}.db", f"extend{n}.db"):
        if (folder / name).exists():
            with _open(folder / name) as other:
                if other.timeline() != tl:
                    raise AssertionError(f"the timeline read back from {name} differs")
    size = sum(p.stat().st_size for p in folder.glob(f"import{n}.db*"))
    open_wall = min(w for w, _ in opens)
    return {
        "n": n,
        "add_normal": add_normal / n * 1e6,
        "add_full": add_full / n * 1e6,
        "import": import_wall / n * 1e6,
        "extend": extend / n * 1e6,
        "open_wall": open_wall,
        "open_cpu": min(c for _, c in opens),
        "checked_cpu": min(checked),
        "open_us": open_wall / n * 1e6,
        "read_us": min(reads) / n * 1e6,
        "mb": size / 2**20,
        "bytes": size / n,
    }


HEADER = (
    "| statements | add, one transaction each: durable=False (µs / record) | "
    "durable=True (µs / record) | import_scenario, one transaction (µs / record) | "
    "extend, one transaction, durable=True (µs / record) | "
    "open s wall (CPU) | open µs / record | open, every row checked: s CPU | "
    "timeline() µs / record | file MB | bytes / record |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(r: dict[str, float]) -> str:
    """Format one size's figures as a Markdown table row."""
    full = "—" if math.isnan(r["add_full"]) else f"{r['add_full']:.0f}"
    return (
        f"| {int(r['n']):,} | {r['add_normal']:.0f} | {full} | {r['import']:.0f} | "
        f"{r['extend']:.0f} | "
        f"{r['open_wall']:.2f} ({r['open_cpu']:.2f}) | {r['open_us']:.1f} | "
        f"{r['checked_cpu']:.2f} | "
        f"{r['read_us']:.1f} | {r['mb']:.1f} | {r['bytes']:.0f} |"
    )


def main() -> None:
    """Print the benchmark table (Markdown) and check the target."""
    print(
        f"Store: {PARTIES} parties × {ISSUES} numeric issues, statements over {DAYS} days with "
        f"distinct positions, a source per {PER_SOURCE} statements, seed {SEED}; open and "
        f"timeline() best of 5 runs (3 at 10^5)"
    )
    print(HEADER)
    rows = []
    with tempfile.TemporaryDirectory(prefix="negotrack-bench-store-") as tmp:
        for n in SIZES:
            r = measure(n, Path(tmp))
            rows.append(r)
            print(row(r), flush=True)
    print("\nTarget:")
    for r in rows:
        if r["n"] == TARGET_N:
            met = "met" if r["open_cpu"] < TARGET_S else "MISSED"
            print(
                f"- open {TARGET_N:,} statements in {r['open_cpu']:.2f} s CPU "
                f"({r['open_wall']:.2f} s wall; < {TARGET_S:g} s: {met})"
            )
    if not any(r["n"] == TARGET_N for r in rows):
        projected = rows[-1]["open_us"] * TARGET_N / 1e6
        print(
            f"- (quick run) open at {rows[-1]['open_us']:.1f} µs / record: {TARGET_N:,} "
            f"statements projected at {projected:.1f} s (< {TARGET_S:g} s)"
        )


if __name__ == "__main__":
    main()
