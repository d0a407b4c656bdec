"""Timing and memory helpers shared by the benchmarks (one place for how things are measured)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Run ``fn`` once after a full collection; return its result, wall and CPU seconds."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Return the best wall-clock seconds of ``repeat`` runs of ``fn`` (see :func:`timed`)."""
    return min(timed(fn)[1] for _ in range(repeat))


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    """Return the best CPU seconds (``time.process_time``) of ``repeat`` runs of ``fn``."""
    return min(timed(fn)[2] for _ in range(repeat))


def peak_mib(fn: Callable[[], object]) -> float:
    """Return the peak memory (MiB) ``tracemalloc`` sees allocated while ``fn`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        out = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del out
    return peak / 2**20
