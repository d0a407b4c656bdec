"""Sequencing deadlocks, the untying search: the fewest conditions whose lifting unties a knot.

Exact (a branch-and-bound over the knot's links) up to a number of links, beyond it a greedy
bound with a put-back pass and a proved lower bound (disjoint cycles), all within the
engine's deadline.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from negotrack.analysis.deadlocks.engine import (
    _VECTOR,
    _Cost,
    _Engine,
    _Knot,
    _KnotSucc,
    _TimeoutError,
)
from negotrack.analysis.deadlocks.results import Untie
from negotrack.timeline.records import Condition


def untie_knot(
    engine: _Engine, knot: _Knot, *, exact_limit: int, notes: list[str], number: int, end: float
) -> Untie:
    """Return the untying set of one knot; the optional work stops at ``end``."""
    m = knot.size
    if m <= exact_limit:
        pairs = {(engine.src[e], engine.dst[e]): e for e in knot.edges}
        try:
            found = _exact(list(pairs), engine.weights(knot.edges), engine.until(1.0, end))
        except _TimeoutError:
            notes.append(
                f"deadlock {number}: the exact untying search ran out of time; "
                f"the untying set given is a greedy bound"
            )
        else:
            chosen = [pairs[p] for p in found]
            return _untie(engine, chosen, exact=True, lower=-1, method="exact")
    else:
        notes.append(
            f"deadlock {number} ({len(knot.nodes)} clauses, {m} links): exact untying "
            f"search is limited to {exact_limit} links; the untying set given is a "
            f"greedy bound"
        )
    chosen, order = _greedy(engine, knot)
    chosen, complete = _put_back(engine, knot, chosen, order, engine.until(0.5, end))
    if not complete:
        notes.append(
            f"deadlock {number}: the time limit stopped the check that no condition of "
            f"the greedy untying set could be kept"
        )
    lower, complete = _lower_bound(engine, knot, engine.until(1.0, end))
    if not complete:
        notes.append(
            f"deadlock {number}: the time limit stopped the lower bound at {lower} "
            f"conditions (it may be higher)"
        )
    return _untie(engine, chosen, exact=False, lower=lower, method="greedy")


def _untie(engine: _Engine, edges: list[int], *, exact: bool, lower: int, method: str) -> Untie:
    idx = engine.indices(edges)
    engine.lifted += idx
    conds = engine.conds
    cap = engine.total_cap(edges)
    return Untie(
        conditions=tuple([conds[i] for i in idx]),
        capability=cap,
        exact=exact,
        lower_bound=len(idx) if exact else lower,
        method=method,
        names=engine.names,
    )


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1])


def _shortest_path(
    succ: Mapping[int, Sequence[tuple[int, int]]], src: int, dst: int, removed: int
) -> list[int] | None:
    """Edge indices of a shortest path src → dst avoiding edges in the ``removed`` bitmask."""
    parent: dict[int, tuple[int, int]] = {src: (-1, -1)}
    queue = deque([src])
    while queue:
        u = queue.popleft()
        if u == dst:
            out = []
            while u != src:
                u, e = parent[u]
                out.append(e)
            return out
        for v, e in succ.get(u, ()):
            if not removed >> e & 1 and v not in parent:
                parent[v] = (u, e)
                queue.append(v)
    return None


def _exact(
    edges: Sequence[tuple[int, int]],
    weight: Mapping[tuple[int, int], _Cost],
    out_of_time: Any,
) -> list[tuple[int, int]]:
    """Return the cheapest feedback edge set by (count, capability), by branch and bound.

    Each branch picks a cycle of what is left and tries removing each of its edges in
    turn, keeping the ones tried before (so no set is searched twice); a branch stops once
    it cannot beat the best set found.
    """
    w = [weight[e] for e in edges]
    succ: dict[int, list[tuple[int, int]]] = {}
    for i, (u, v) in enumerate(edges):
        succ.setdefault(u, []).append((v, i))
    best: list[Any] = [(math.inf, math.inf), 0]

    def cycle(removed: int, kept: int) -> list[int] | None:
        """Return the free edges of the live cycle with fewest of them ([]: all kept)."""
        pick: list[int] | None = None
        for i, (u, v) in enumerate(edges):
            if removed >> i & 1:
                continue
            path = _shortest_path(succ, v, u, removed)
            if path is None:
                continue
            free = [e for e in [i, *path] if not kept >> e & 1]
            if pick is None or len(free) < len(pick):
                pick = free
                if not free:
                    break
        return pick

    def search(removed: int, kept: int, cost: _Cost) -> None:
        if out_of_time():
            raise _TimeoutError
        free = cycle(removed, kept)
        if free is None:
            if cost < best[0]:
                best[0], best[1] = cost, removed
            return
        if not free:
            return
        free.sort(key=lambda e: (w[e], e))
        if _add(cost, w[free[0]]) >= best[0]:
            return
        for j, e in enumerate(free):
            also_kept = 0
            for f in free[:j]:
                also_kept |= 1 << f
            search(removed | 1 << e, kept | also_kept, _add(cost, w[e]))

    search(0, 0, (0, 0.0))
    return [e for i, e in enumerate(edges) if best[1] >> i & 1]


def _greedy(  # noqa: PLR0912, PLR0915 - inlined: runs per clause and link
    engine: _Engine, knot: _Knot
) -> tuple[list[int], Sequence[int]]:
    """Eades-Lin-Smyth: order the clauses, return the links that point backwards.

    Sinks go to the end of the order and sources to the front; otherwise the clause with
    the largest (out-weight - in-weight) goes to the front, the first in reading order
    among equals. Weights are condition counts. Returns the backward links (ascending) and
    the order (clause -> position, valid for the knot's clauses).

    The graph's flat successor and predecessor lists are read directly (a clause outside
    the knot is never alive), and the heap holds plain integers
    ``(in - out) * n + clause`` (lazy deletion), so a step costs a few list operations.
    Every live clause keeps an entry no larger than its key: a key that falls is pushed
    again, a key that grows is refiled only when its old entry comes out on top, so the
    clause taken is always the least (key, clause), as with exact keys. A clause whose
    in-weight falls to zero is not pushed: as a source it is taken before the heap is next
    read. When every link carries one condition (the common case) the neighbours are read
    as list slices and the weights fall by one, with no weight lookups.
    """
    nodes = knot.nodes
    size = len(engine.keys)
    src, dst, start = engine.src, engine.dst, engine.start_of
    rstart, rsrc = engine.rstart, engine.rsrc
    alive, out_w, in_w = engine.alive, engine.out_w, engine.in_w
    out0, in0 = engine.knot_out, engine.knot_in  # weights inside the knot, computed once
    unit = not engine.more  # every link carries one condition
    cnt, rcnt = ([], []) if unit else (engine.cnt, engine.rcnt)
    big = knot.size >= _VECTOR
    if big:  # the same set-up in NumPy passes (a sorted list is a heap)
        at = knot.node_array
        ko, ki = engine.n_knot_out[at], engine.n_knot_in[at]
        np.frombuffer(alive, dtype=np.uint8)[at] = 1
        if 4 * len(nodes) >= size:  # most clauses: copy every weight (values outside unread)
            out_w[:], in_w[:] = out0, in0
        else:
            for u in nodes:
                out_w[u] = out0[u]
                in_w[u] = in0[u]
        heap = np.sort((ki - ko) * size + at).tolist()
        sinks, sources = at[ko == 0].tolist(), at[ki == 0].tolist()
    else:
        for u in nodes:
            alive[u] = 1
            out_w[u] = out0[u]
            in_w[u] = in0[u]
        heap = [(in0[u] - out0[u]) * size + u for u in nodes]
        heapq.heapify(heap)
        sinks = [u for u in nodes if out0[u] == 0]
        sources = [u for u in nodes if in0[u] == 0]
    front: list[int] = []
    back: list[int] = []
    push, pop = heapq.heappush, heapq.heappop
    left = len(nodes)
    while left:
        if sinks:
            n = sinks.pop()
            if not alive[n]:
                continue
            back.append(n)
        elif sources:
            n = sources.pop()
            if not alive[n]:
                continue
            front.append(n)
        else:
            item = pop(heap)
            key, n = divmod(item, size)
            if not alive[n]:
                continue
            now = in_w[n] - out_w[n]
            if key != now:
                if key < now:  # the key grew since (lazily): file it under its own
                    push(heap, item + (now - key) * size)
                continue
            front.append(n)
        alive[n] = 0
        left -= 1
        # A predecessor's key (in - out) grows: the smaller entry in the heap is refiled
        # when popped, so no push (half the heap operations). A successor's key falls.
        if unit:
            for p in rsrc[rstart[n] : rstart[n + 1]]:
                if alive[p]:
                    o = out_w[p] - 1
                    out_w[p] = o
                    if not o:
                        sinks.append(p)
            for s in dst[start[n] : start[n + 1]]:
                if alive[s]:
                    w = in_w[s] - 1
                    in_w[s] = w
                    if w:
                        push(heap, (w - out_w[s]) * size + s)
                    else:
                        sources.append(s)
            continue
        for j in range(rstart[n], rstart[n + 1]):
            p = rsrc[j]
            if alive[p]:
                o = out_w[p] - rcnt[j]
                out_w[p] = o
                if not o:
                    sinks.append(p)
        for j in range(start[n], start[n + 1]):
            s = dst[j]
            if alive[s]:
                w = in_w[s] - cnt[j]
                in_w[s] = w
                if w:
                    push(heap, (w - out_w[s]) * size + s)
                else:
                    sources.append(s)
    if big:  # clause -> place, in one array (zero outside the knot)
        place = np.zeros(size, dtype=np.int64)
        place[front] = np.arange(len(front))
        place[back] = np.arange(len(nodes) - 1, len(front) - 1, -1)
        at = knot.edge_array
        backward = at[place[engine.n_src[at]] > place[engine.n_dst[at]]]
        return backward.tolist(), place.tolist()
    rank = engine.rank
    for i, n in enumerate(front):
        rank[n] = i
    i = len(nodes)
    for n in back:
        i -= 1
        rank[n] = i
    return [e for e in knot.edges if rank[src[e]] > rank[dst[e]]], rank


def _put_back(
    engine: _Engine,
    knot: _Knot,
    chosen: list[int],
    order: Sequence[int],
    out_of_time: Any,
) -> tuple[list[int], bool]:
    """Keep every chosen link whose return closes no cycle (shortest span first).

    The kept links stay acyclic under a topological order maintained incrementally
    (Pearce-Kelly), so each check searches only the clauses between the link's ends.
    ``order`` gives each clause of the knot its place. Returns the smaller set and whether
    the check finished before the deadline.
    """
    src, dst = engine.src, engine.dst
    # By span, then ends.
    if len(chosen) < _VECTOR:
        todo = sorted(chosen, key=lambda e: (order[src[e]] - order[dst[e]], src[e], dst[e]))
    else:
        at = np.asarray(chosen, dtype=np.int64)
        u, v = engine.n_src[at], engine.n_dst[at]
        ordered = np.asarray(knot.nodes, dtype=np.int64)
        places = np.fromiter(map(order.__getitem__, knot.nodes), np.int64, len(knot.nodes))
        span = places[np.searchsorted(ordered, u)] - places[np.searchsorted(ordered, v)]
        todo = at[np.lexsort((v, u, span))].tolist()
    if todo and out_of_time():
        return todo, False
    rank = {n: order[n] for n in knot.nodes}
    removed = set(chosen)
    succ: dict[int, list[int]] = {n: [] for n in knot.nodes}
    pred: dict[int, list[int]] = {n: [] for n in knot.nodes}
    for e in knot.edges:
        if e not in removed:
            succ[src[e]].append(dst[e])
            pred[dst[e]].append(src[e])
    out: list[int] = []
    for k, e in enumerate(todo):
        if out_of_time():
            return out + todo[k:], False
        x, y = src[e], dst[e]
        if rank[x] > rank[y]:
            hi, lo = rank[x], rank[y]
            forward = _reach(succ, y, x, lambda z, hi=hi: rank[z] < hi)
            if forward is None:
                out.append(e)
                continue
            backward = _reach(pred, x, -1, lambda z, lo=lo: rank[z] > lo)
            assert backward is not None
            moved = sorted(backward, key=rank.__getitem__) + sorted(forward, key=rank.__getitem__)
            rank.update(zip(moved, sorted(rank[w] for w in moved), strict=True))
        succ[x].append(y)
        pred[y].append(x)
    return out, True


def _reach(adj: Mapping[int, Sequence[int]], src: int, stop: int, inside: Any) -> list[int] | None:
    """Return the nodes reached from ``src`` through nodes where ``inside`` holds.

    Returns None as soon as ``stop`` is reached.
    """
    seen, stack, out = {src}, [src], []
    while stack:
        w = stack.pop()
        out.append(w)
        for z in adj[w]:
            if z == stop:
                return None
            if z not in seen and inside(z):
                seen.add(z)
                stack.append(z)
    return out


def _lower_bound(engine: _Engine, knot: _Knot, out_of_time: Any) -> tuple[int, bool]:
    """Return a lower bound on the untying count from edge-disjoint cycles.

    Every cycle needs one of its edges lifted, and each edge costs at least its count, so
    a packing of edge-disjoint cycles bounds the count from below. Short cycles pack
    best: two-cycles first, then cycles of up to 3, 4 and 6 clauses found by bounded
    breadth-first search, then whatever cycles depth-first passes meet until a pass
    meets none. Returns the bound and whether the packing finished (no cycle left).
    """
    used: set[tuple[int, int]] = set()
    bound = 0
    ones = not engine.more  # every link carries one condition
    cnt = [] if ones else engine.cnt
    for u, v in _two_cycles(engine, knot):  # both ways linked, u < v
        bound += 1 if ones else min(cnt[engine.link(u, v)], cnt[engine.link(v, u)])
        used.update(((u, v), (v, u)))
    succ = _KnotSucc(engine, knot)
    budget = [0]

    def tick() -> None:
        budget[0] += 1
        if budget[0] & 1023 == 0 and out_of_time():
            raise _TimeoutError

    def pack(cycle: list[tuple[int, int]]) -> None:
        nonlocal bound
        bound += 1 if ones else min(cnt[engine.link(u, v)] for u, v in cycle)
        used.update(cycle)

    try:
        for limit in (3, 4, 6):
            for root in knot.nodes:
                while (cycle := _short_cycle(succ, used, root, limit, tick)) is not None:
                    pack(cycle)
        while _dfs_pass(knot.nodes, succ, used, pack, tick):
            pass
    except _TimeoutError:
        return bound, False
    return bound, True


def _two_cycles(engine: _Engine, knot: _Knot) -> list[tuple[int, int]]:
    """Return the clause pairs ``(u, v)``, ``u < v``, linked both ways in the knot.

    The reverse of a link inside a knot is inside it too.
    """
    if knot.size < _VECTOR:
        src, dst = engine.src, engine.dst
        pairs = {(src[e], dst[e]) for e in knot.edges}
        return [(u, v) for u, v in sorted(pairs) if u < v and (v, u) in pairs]
    # A link's ends, least first: a pair linked both ways is the one code met twice (the
    # engine has one link per ordered pair); sorted codes give the pairs in order.
    at = knot.edge_array
    u, v = engine.n_src[at], engine.n_dst[at]
    codes = np.sort(np.minimum(u, v) << 32 | np.maximum(u, v))
    twice = codes[1:][codes[1:] == codes[:-1]]
    return list(zip((twice >> 32).tolist(), (twice & 0xFFFFFFFF).tolist(), strict=True))


def _short_cycle(
    succ: Mapping[int, Sequence[int]],
    used: set[tuple[int, int]],
    root: int,
    limit: int,
    tick: Any,
) -> list[tuple[int, int]] | None:
    """Return the edges of a shortest unused cycle through ``root`` of at most ``limit``."""
    parent = {root: root}
    frontier = [root]
    for _ in range(limit):
        nxt = []
        for u in frontier:
            for v in succ[u]:
                tick()
                if (u, v) in used:
                    continue
                if v == root:
                    path = [u]
                    while path[-1] != root:
                        path.append(parent[path[-1]])
                    path.reverse()
                    return [*itertools.pairwise(path), (u, root)]
                if v not in parent:
                    parent[v] = u
                    nxt.append(v)
        frontier = nxt
    return None


def _dfs_pass(
    nodes: Sequence[int],
    succ: Mapping[int, Sequence[int]],
    used: set[tuple[int, int]],
    pack: Any,
    tick: Any,
) -> bool:
    """Pack the cycles one depth-first pass meets; return whether it met any."""
    found = False
    state = dict.fromkeys(nodes, 0)  # 0 new, 1 on the path, 2 finished
    for root in nodes:
        if state[root]:
            continue
        path, its = [root], [iter(succ[root])]
        state[root] = 1
        while path:
            tick()
            u = path[-1]
            v = next(its[-1], -1)
            if v < 0:
                state[path.pop()] = 2
                its.pop()
            elif (u, v) in used:
                continue
            elif state[v] == 1:
                start = path.index(v)
                pack([*itertools.pairwise(path[start:]), (u, v)])
                found = True
                while path[-1] != v:
                    state[path.pop()] = 0
                    its.pop()
            elif state[v] == 0:
                state[v] = 1
                path.append(v)
                its.append(iter(succ[v]))
    return found


#: Knots with more links than this are not searched for single conditions that dissolve
#: them (the search costs one acyclicity check per link).
SINGLE_LIFT_LIMIT = 400


def single_lifts(engine: _Engine, knot: _Knot, untie: Untie) -> tuple[Condition, ...] | None:
    """Return the conditions of a knot whose lifting alone dissolves it (None: not searched).

    A condition dissolves the knot alone when its link carries no other condition and lies
    on every cycle of the knot: the knot without it is acyclic. Empty when the untying
    search proved that more than one condition is needed; None for knots of more than
    :data:`SINGLE_LIFT_LIMIT` links.
    """
    if untie.lower_bound > 1:
        return ()
    if knot.size > SINGLE_LIFT_LIMIT:
        return None
    edges = knot.edges
    src, dst, cnt = engine.src, engine.dst, engine.cnt
    found = [e for e in edges if cnt[e] == 1 and _acyclic_without(src, dst, edges, e)]
    return engine.conditions(found)


def _acyclic_without(src: Any, dst: Any, edges: Sequence[int], skip: int) -> bool:
    """Return whether the links ``edges`` less ``skip`` form an acyclic graph (Kahn)."""
    indegree: dict[int, int] = {}
    succ: dict[int, list[int]] = {}
    for e in edges:
        if e == skip:
            continue
        u, v = src[e], dst[e]
        succ.setdefault(u, []).append(v)
        indegree[v] = indegree.get(v, 0) + 1
        indegree.setdefault(u, 0)
    ready = [v for v, d in indegree.items() if d == 0]
    seen = 0
    while ready:
        u = ready.pop()
        seen += 1
        for v in succ.get(u, ()):
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    return seen == len(indegree)
