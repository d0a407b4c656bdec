"""Run negotrack's benchmarks: every ``benchmarks/bench_*.py`` module's ``main()``.

Usage::

    python -m benchmarks                 # all of them (what ``make bench`` runs)
    python -m benchmarks gaps conditions # only these
    python -m benchmarks --quick         # small sizes (sets NEGOTRACK_BENCH_QUICK=1)
    python -m benchmarks --save          # also keep each output in benchmarks/results/

Each module prints its own table; at the end a summary table lists what ran, how long it
took and whether it finished. Nothing is written to the repository except, with
``--save``, ``benchmarks/results/<name>.txt`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path
from typing import TextIO

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    """Return the benchmark names (``bench_<name>.py`` modules), sorted."""
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(HERE)])
        if m.name.startswith("bench_")
    )


class _Tee(io.TextIOBase):
    """Write to several text streams at once (the terminal and a buffer)."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, s: str) -> int:
        for stream in self.streams:
            stream.write(s)
            stream.flush()
        return len(s)


def main(argv: list[str] | None = None) -> int:
    names = available()
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default all: {', '.join(names)})"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--save", action="store_true", help="keep outputs in benchmarks/results/")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in names]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; available: {', '.join(names)}")
    if args.quick:
        os.environ["NEGOTRACK_BENCH_QUICK"] = "1"
    summary: list[tuple[str, float, str]] = []
    for name in args.names or names:
        print(f"\n=== benchmark: {name} ===", flush=True)
        buffer = io.StringIO()
        start = time.perf_counter()
        status = "ok"
        with contextlib.redirect_stdout(_Tee(sys.stdout, buffer)):
            try:
                module = importlib.import_module(f"benchmarks.bench_{name}")
                module.main()
            except Exception:  # report and go on with the next benchmark
                traceback.print_exc(file=sys.stdout)
                status = "failed"
        summary.append((name, time.perf_counter() - start, status))
        if args.save:
            out = HERE / "results"
            out.mkdir(exist_ok=True)
            (out / f"{name}.txt").write_text(buffer.getvalue(), encoding="utf-8")
    print("\n| benchmark | wall time (s) | status |\n|---|---:|---|")
    for name, seconds, status in summary:
        print(f"| {name} | {seconds:.1f} | {status} |")
    return 0 if all(s == "ok" for _, _, s in summary) else 1


if __name__ == "__main__":
    sys.exit(main())
