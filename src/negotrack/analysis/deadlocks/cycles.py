"""Sequencing deadlocks, the cycle listing: every simple cycle, bounded by length, count and time."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.analysis.deadlocks.engine import _Engine, _KnotSucc
from negotrack.analysis.deadlocks.results import CycleListing


def list_knot_cycles(
    engine: _Engine, max_length: int, max_cycles: int, time_limit: float
) -> CycleListing:
    """List the simple cycles of every knot of ``engine``, within the bounds; say what cut it."""
    found: list[tuple[str, ...]] = []
    cut: set[str] = set()
    for cycle in _cycles(engine, max_length, cut):
        if len(found) >= max_cycles:
            cut.add("count")
            break
        found.append(tuple(engine.keys[i] for i in cycle))
    return CycleListing(
        cycles=tuple(found),
        max_length=max_length,
        max_cycles=max_cycles,
        time_limit=time_limit,
        cut_by=tuple(c for c in ("length", "count", "time") if c in cut),
    )


def _cycles(engine: _Engine, max_length: int, cut: set[str]) -> Iterator[list[int]]:
    """Yield simple cycles, each rooted at its first node; stop at the deadline.

    A cycle is rooted at its first node in reading order, so from ``root`` the search
    enters only later nodes of the same knot (knot nodes are numbered in reading order).
    """
    steps = 0
    for knot in engine.knots:
        succ = _KnotSucc(engine, knot)
        for root in knot.nodes:
            path = [root]
            on_path = {root}
            stack = [iter(succ[root])]
            while stack:
                steps += 1
                if steps & 1023 == 0 and engine.out_of_time():
                    cut.add("time")
                    return
                nxt = next(stack[-1], None)
                if nxt is None:
                    stack.pop()
                    on_path.discard(path.pop())
                    continue
                if nxt == root:
                    yield list(path)
                    continue
                if nxt < root or nxt in on_path:
                    continue
                if len(path) >= max_length:
                    cut.add("length")
                    continue
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(succ[nxt]))
