"""Sequencing deadlocks, the graph engine: the precondition graph on flat integer arrays.

The engine numbers clauses in reading order, keeps links (clause pairs) in compressed
arrays, finds the strongly connected components (the knots) in linear time, gives a witness
cycle per knot and keeps the one deadline every optional step checks. The untying search
(:mod:`~negotrack.analysis.deadlocks.untying`) and the cycle listing
(:mod:`~negotrack.analysis.deadlocks.cycles`) work on it.
"""

from __future__ import annotations

import math
import time
from array import array
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, repeat
from operator import attrgetter
from typing import Any

import attrs

from negotrack.analysis.conditions import (
    capabilities,
)
from negotrack.errors import AnalysisError, InvalidTypeError
from negotrack.timeline.records import Clause, Condition, ConditionKind
from negotrack.timeline.snapshot import Snapshot

_Cost = tuple[int, float]


# ---------------------------------------------------------------------------- parameters


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name}={value!r} must be a whole number", path=name, value=value)
    if value < minimum:
        raise AnalysisError(f"{name}={value} must be >= {minimum}", path=name, value=value)
    return value


def _check_seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"time_limit={value!r} must be a number of seconds", path="time_limit", value=value
        )
    if not (math.isfinite(value) and value > 0):
        raise AnalysisError(
            f"time_limit={value!r} must be a finite number of seconds > 0",
            path="time_limit",
            value=value,
        )
    return float(value)


# ---------------------------------------------------------------------------- the engine


class _TimeoutError(Exception):
    """The time budget ran out inside a search."""


@attrs.define
class _Knot:
    """A non-trivial strongly connected component on integer node indices.

    ``nodes`` are sorted (reading order); ``edges`` are the engine's edge numbers of the
    links inside the knot, ascending: by source clause, then by first mention.
    """

    nodes: list[int]
    edges: list[int]


def _strong_components(start: Sequence[int], adj: Sequence[int]) -> list[list[int]]:
    """Return the strongly connected components with two or more nodes (Tarjan, iterative).

    The graph is in compressed form: the successors of ``v`` are ``adj[start[v]:start[v+1]]``.
    Linear in nodes + edges; no recursion, so deep graphs do not overflow the stack.
    """
    n = len(start) - 1
    # Flat machine-integer arrays: far fewer cache misses than lists of int objects.
    index = array("q", [-1]) * n
    low = array("q", [0]) * n
    on_stack = bytearray(n)
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work_v = [root]
        work_i = [start[root]]
        while work_v:
            v = work_v[-1]
            i = work_i[-1]
            end = start[v + 1]
            while i < end:
                w = adj[i]
                i += 1
                if index[w] < 0:
                    work_i[-1] = i
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work_v.append(w)
                    work_i.append(start[w])
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work_v.pop()
                work_i.pop()
                lv = low[v]
                if work_v:
                    u = work_v[-1]
                    low[u] = min(low[u], lv)
                if lv == index[v]:
                    w = stack.pop()
                    on_stack[w] = 0
                    if w != v:
                        comp = [w]
                        while w != v:
                            w = stack.pop()
                            on_stack[w] = 0
                            comp.append(w)
                        out.append(comp)
    return out


def _group(n: int, heads: Sequence[int]) -> tuple[list[int], list[int]]:
    """Return where each head's run starts, and the items sorted stably by head.

    ``heads[i]`` is item ``i``'s head, in ``range(n)``; in ``order``, the items with head
    ``u`` are ``order[start[u]:start[u+1]]``, ascending. C-level passes only (a stable
    sort, a count and a running sum): no Python loop per item.
    """
    order = sorted(range(len(heads)), key=heads.__getitem__)
    counts = Counter(heads)
    start = [0]
    start += accumulate(map(counts.get, range(n), repeat(0)))
    return start, order


_CLAUSE = attrgetter("clause")
_REQUIRES = attrgetter("requires")
_HOLDER = attrgetter("holder")


def _number(
    conds: Sequence[Condition],
) -> tuple[list[str], dict[int, int], list[int], list[int], list[int], list[int], list[int]]:
    """Give the clauses and links of the preconditions numbers in reading order (first mention).

    Returns the clause keys; ``code`` (``u << 32 | v`` -> link); each link's source, target
    and first condition (snapshot index); and the conditions that are not the first on
    their link, with their links.

    Each step is a C-level pass (``map``, ``dict.fromkeys``, ``zip``), not a Python loop
    per condition: clauses are told apart by identity first (records often share clause
    objects), and distinct objects that are equal share one node.
    """
    m = len(conds)
    clauses = list(map(_CLAUSE, conds))
    requires = list(map(_REQUIRES, conds))
    both: list[Clause | None] = [None] * (2 * m)
    both[0::2] = clauses
    both[1::2] = requires  # reading order: a condition's clause, then what it requires
    by_id = dict(zip(map(id, both), both, strict=True))  # distinct objects, first mention
    nodes = dict.fromkeys(by_id.values())  # equal objects meet in one node, first mention
    keys = [c.key for c in nodes if c is not None]
    if len(nodes) == len(by_id):
        node_of = dict(zip(by_id, range(len(by_id)), strict=True))
    else:
        number = dict(zip(nodes, range(len(nodes)), strict=True))
        node_of = dict(zip(by_id, map(number.__getitem__, by_id.values()), strict=True))
    eu = list(map(node_of.__getitem__, map(id, clauses)))
    ev = list(map(node_of.__getitem__, map(id, requires)))
    codes = list(map(int.__or__, map(int.__lshift__, eu, repeat(32)), ev))
    links = dict.fromkeys(codes)  # links by first mention
    if len(links) == m:  # every condition on its own link: the common case
        return keys, dict(zip(codes, range(m), strict=True)), eu, ev, list(range(m)), [], []
    code = dict(zip(links, range(len(links)), strict=True))
    link_of = list(map(code.__getitem__, codes))
    # Each link's first condition: zipped backwards, the first mention is written last.
    first_of = dict(zip(reversed(link_of), range(m - 1, -1, -1), strict=True))
    efirst = list(map(first_of.__getitem__, range(len(links))))
    dup = [i for i, e in enumerate(link_of) if efirst[e] != i]
    dup_link = list(map(link_of.__getitem__, dup))
    return (
        keys,
        code,
        list(map(eu.__getitem__, efirst)),
        list(map(ev.__getitem__, efirst)),
        efirst,
        dup,
        dup_link,
    )


class _Engine:
    """The precondition graph of a snapshot on integer indices, with the shared deadline.

    Clauses are numbered in reading order (first mention). Links (clause pairs with one or
    more conditions) are numbered in compressed form: those leaving clause ``u`` are
    ``start_of[u]`` to ``start_of[u+1] - 1``, in order of first mention; ``src`` and ``dst``
    give their ends, ``first`` the first of their conditions (snapshot index), ``cnt`` how
    many conditions they carry and ``more`` every condition of links carrying several.
    ``rstart``, ``rsrc`` and ``rcnt`` list the links into each clause the same way. No
    per-link Python object is made: the graph is a handful of flat integer arrays.
    """

    def __init__(self, snapshot: Snapshot, time_limit: float) -> None:
        self.start = time.perf_counter()
        self.deadline = self.start + time_limit
        self.names = {p.id: p.name or p.id for p in snapshot.parties}
        conds = [c for c in snapshot.conditions if c.kind is ConditionKind.PRECONDITION]
        self.caps = capabilities(snapshot, conds)
        self.conds = conds
        keys, code, eu, ev, efirst, dup, dup_link = _number(conds)
        n = len(keys)
        start, order = _group(n, eu)  # links sorted by source, stably: compressed form
        # Flat arrays of machine integers: reading them touches no scattered int objects
        # (about a quarter faster than lists at 10^5 links).
        src = array("q", map(eu.__getitem__, order))
        dst = array("q", map(ev.__getitem__, order))
        first = array("q", map(efirst.__getitem__, order))
        self.keys = keys
        self.start_of = array("q", start)
        self.src = src
        self.dst = dst
        self.first = first
        self.code = code  # u << 32 | v -> link by first mention (see perm)
        self.order = order
        self._perm: list[int] | None = None
        self.cnt = cnt = array("q", [1]) * len(order)
        self.more: dict[int, list[int]] = {}
        for i, e in zip(dup, dup_link, strict=True):
            p = self.perm[e]
            self.more.setdefault(p, [first[p]]).append(i)
            cnt[p] += 1
        # Predecessors in compressed form (links into v, ascending), for the greedy ordering.
        rstart, rorder = _group(n, dst)
        self.rstart = array("q", rstart)
        self.rsrc = array("q", map(src.__getitem__, rorder))
        self.rcnt = array("q", map(cnt.__getitem__, rorder)) if self.more else cnt  # else 1s
        self.comp = array("q", [-1]) * n  # node -> its knot's number, or -1
        # Scratch for the greedy ordering, one knot at a time (reset after each knot).
        self.alive = bytearray(n)
        self.out_w = array("q", [0]) * n
        self.in_w = array("q", [0]) * n
        self.rank = array("q", [0]) * n  # node -> place in the greedy order of its knot
        self.lifted: list[int] = []  # conditions (snapshot indices) of the untying sets
        self.knots = self._knots()

    def out_of_time(self) -> bool:
        return time.perf_counter() > self.deadline

    def until(self, share: float, end: float | None = None) -> Any:
        """Return an out-of-time check for ``share`` of the time left before ``end``."""
        now = time.perf_counter()
        end = self.deadline if end is None else min(end, self.deadline)
        limit = now + share * max(0.0, end - now)
        return lambda: time.perf_counter() > limit

    @property
    def perm(self) -> list[int]:
        """Each link's number in compressed form, by its number in order of first mention."""
        if self._perm is None:
            self._perm = sorted(range(len(self.order)), key=self.order.__getitem__)
        return self._perm

    def _knots(self) -> list[_Knot]:
        comps = [sorted(c) for c in _strong_components(self.start_of, self.dst)]
        comps.sort(key=lambda c: c[0])
        comp, start, dst = self.comp, self.start_of, self.dst
        knots = []
        for number, nodes in enumerate(comps):
            for u in nodes:
                comp[u] = number
            edges = [
                e for u in nodes for e in range(start[u], start[u + 1]) if comp[dst[e]] == number
            ]
            knots.append(_Knot(nodes, edges))
        return knots

    def cap(self, e: int) -> float:
        """Return the total capability of the holders of link ``e``'s conditions."""
        caps, conds = self.caps, self.conds
        return float(sum(caps[conds[i].holder] for i in self.more.get(e, (self.first[e],))))

    def total_cap(self, edges: Sequence[int]) -> float:
        """Return the total capability of the holders of the links' conditions."""
        if self.more:
            return float(sum(map(self.cap, edges)))
        conds = self.conds
        holders = map(_HOLDER, map(conds.__getitem__, map(self.first.__getitem__, edges)))
        return float(sum(map(self.caps.__getitem__, holders)))

    def weights(self, edges: Iterable[int]) -> dict[tuple[int, int], _Cost]:
        """Return (count, capability) of each link, keyed by its ends."""
        return {(self.src[e], self.dst[e]): (self.cnt[e], self.cap(e)) for e in edges}

    def indices(self, edges: Iterable[int]) -> list[int]:
        """Return the snapshot indices of the links' conditions, ascending."""
        first = self.first
        idx = [first[e] for e in edges]
        if self.more:
            more = self.more
            for e in edges:
                extra = more.get(e)
                if extra is not None:
                    idx.extend(extra[1:])
        idx.sort()
        return idx

    def conditions(self, edges: Iterable[int]) -> tuple[Condition, ...]:
        conds = self.conds
        return tuple([conds[i] for i in self.indices(edges)])

    # ------------------------------------------------------------------ witness
    def witness(self, knot: _Knot) -> tuple[Condition, ...]:
        """Return a shortest cycle through the knot's first clause (breadth-first search).

        One search from the first clause, inside the knot, until an edge returns to it:
        linear in the knot's size.
        """
        comp, start, dst = self.comp, self.start_of, self.dst
        s = knot.nodes[0]
        number = comp[s]
        parent: dict[int, int] = {s: -1}  # node -> link it was reached by
        queue = deque([s])
        last = -1
        while queue and last < 0:
            u = queue.popleft()
            for e in range(start[u], start[u + 1]):
                v = dst[e]
                if v == s:
                    last = e
                    break
                if comp[v] == number and v not in parent:
                    parent[v] = e
                    queue.append(v)
        assert last >= 0, "a strongly connected component has a cycle through every node"
        path = [last]
        while (e := parent[self.src[path[-1]]]) >= 0:
            path.append(e)
        path.reverse()  # links from s around to s
        return tuple(self.conds[self.first[e]] for e in path)


class _KnotSucc(Mapping[int, list[int]]):
    """The successors of each clause inside one knot, listed on first use."""

    def __init__(self, engine: _Engine, knot: _Knot) -> None:
        self.engine = engine
        self.nodes = knot.nodes
        self.number = engine.comp[knot.nodes[0]]
        self.made: dict[int, list[int]] = {}

    def __getitem__(self, u: int) -> list[int]:
        out = self.made.get(u)
        if out is None:
            eng = self.engine
            comp, dst, number = eng.comp, eng.dst, self.number
            out = self.made[u] = [
                dst[e]
                for e in range(eng.start_of[u], eng.start_of[u + 1])
                if comp[dst[e]] == number
            ]
        return out

    def __iter__(self) -> Iterator[int]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)
