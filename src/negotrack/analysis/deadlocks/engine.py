"""Sequencing deadlocks, the graph engine: the precondition graph on flat integer arrays.

The engine numbers clauses in reading order, keeps links (clause pairs) in compressed
arrays (built in NumPy passes), finds the strongly connected components (the knots) in
linear time with SciPy's compiled kernel, gives a witness
cycle per knot and keeps the one deadline every optional step checks. The untying search
(:mod:`~negotrack.analysis.deadlocks.untying`) and the cycle listing
(:mod:`~negotrack.analysis.deadlocks.cycles`) work on it.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from negotrack._clock import clock
from negotrack.analysis.conditions import capabilities, split_conditions
from negotrack.timeline.records import Clause, Condition, EventClause
from negotrack.timeline.snapshot import Snapshot

_Cost = tuple[int, float]
_Ints = npt.NDArray[np.int64]
_Bools = npt.NDArray[np.bool_]


# ---------------------------------------------------------------------------- the engine


class _TimeoutError(Exception):
    """The time budget ran out inside a search."""


class _Knot:
    """A non-trivial strongly connected component on integer node indices.

    ``nodes`` are sorted (reading order); ``edges`` are the engine's edge numbers of the
    links inside the knot, ascending: by source clause, then by first mention, kept as a
    NumPy array (a view of the engine's) and listed in Python only when a pass asks.
    """

    def __init__(self, nodes: list[int], node_array: _Ints, edge_array: _Ints) -> None:
        self.nodes = nodes
        self.node_array = node_array  # ``nodes`` as a NumPy array
        self.edge_array = edge_array
        self.size = len(edge_array)  # how many links

    @functools.cached_property
    def edges(self) -> list[int]:
        """The links inside the knot, ascending, as a Python list."""
        return self.edge_array.tolist()  # type: ignore[no-any-return]


#: Sets of at least this many links are handled in NumPy passes, smaller ones in Python
#: (a NumPy call costs microseconds whatever its size; many small knots are common).
_VECTOR = 2048

_CLAUSE = attrgetter("clause")
_REQUIRES = attrgetter("requires")
_HOLDER = attrgetter("holder")


def _number(conds: Sequence[Condition]) -> tuple[list[str], _Ints, _Ints, list[Clause]]:
    """Give the clauses of the preconditions numbers in reading order (first mention).

    Returns the clause keys, each condition's two ends (clause, then what it requires)
    as integer arrays, and the distinct clause objects (by identity, for the check of
    :func:`capabilities`). Clauses are told apart by identity first (records often share
    clause objects), and distinct objects that are equal share one node; each step is a
    C-level pass (``map``, ``dict.fromkeys``, ``zip``), not a Python loop per condition.
    Event clauses are compared by key (an event clause's key is its event: equal keys,
    equal clauses), which hashes a string where the clause's own hash is a Python call;
    issue clauses by equality (equal regions may be written differently, ``-0`` and ``0``).
    """
    m = len(conds)
    both: list[Clause | None] = [None] * (2 * m)
    both[0::2] = map(_CLAUSE, conds)
    both[1::2] = map(_REQUIRES, conds)  # reading order: a condition's clause, then what it requires
    ids = np.fromiter(map(id, both), dtype=np.int64, count=2 * m)
    _, seen, inverse = np.unique(ids, return_index=True, return_inverse=True)
    by_mention = np.argsort(seen, kind="stable")  # distinct objects, by first mention
    objects = cast("list[Clause]", list(map(both.__getitem__, seen[by_mention].tolist())))
    keys = [c.key for c in objects]
    same: list[str | Clause] = [
        k if type(c) is EventClause else c for c, k in zip(objects, keys, strict=True)
    ]
    nodes = dict.fromkeys(same)  # equal clauses meet in one node, first mention
    number = np.empty(len(seen), dtype=np.int64)  # distinct object (by id) -> node
    if len(nodes) == len(objects):
        number[by_mention] = np.arange(len(objects))
    else:
        keys = [c if isinstance(c, str) else c.key for c in nodes]
        node = dict(zip(nodes, range(len(nodes)), strict=True))
        number[by_mention] = np.fromiter(map(node.__getitem__, same), np.int64, len(objects))
    ends = number[inverse.reshape(-1)]
    return keys, ends[0::2], ends[1::2], objects


def _links(eu: _Ints, ev: _Ints) -> tuple[_Ints, _Ints, _Ints]:
    """Give the links (clause pairs) numbers by first mention.

    Returns each link's first condition (ascending), each condition's link, and how many
    conditions each link carries.
    """
    m = len(eu)
    codes = eu << 32 | ev
    _, first, inverse, counts = np.unique(
        codes, return_index=True, return_inverse=True, return_counts=True
    )
    if len(first) == m:  # every condition on its own link: the common case
        every = np.arange(m, dtype=np.int64)
        return every, every, np.ones(m, dtype=np.int64)
    by_mention = np.argsort(first, kind="stable")
    number = np.empty(len(first), dtype=np.int64)
    number[by_mention] = np.arange(len(first))
    return first[by_mention], number[inverse], counts[by_mention]


def _compressed(n: int, heads: _Ints) -> tuple[_Ints, _Ints]:
    """Return where each head's run starts, and the items sorted stably by head.

    ``heads[i]`` is item ``i``'s head, in ``range(n)``; in ``order``, the items with head
    ``u`` are ``order[start[u]:start[u+1]]``, ascending.
    """
    order = np.argsort(heads, kind="stable")
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=start[1:])
    return start, order


def _strong_components(n: int, start: _Ints, dst: _Ints) -> tuple[_Ints, int]:
    """Return each node's knot number (-1: in none) and the number of knots.

    Knots are the strongly connected components with two or more nodes, numbered by their
    first node. SciPy's compiled kernel (Pearce's variant of Tarjan's algorithm) finds the
    components in linear time.
    """
    comp = np.full(n, -1, dtype=np.int64)
    if len(dst) == 0:
        return comp, 0
    # Imported here: SciPy takes ~0.4 s to import, paid only by an analysis with conditions.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    graph = csr_matrix((np.ones(len(dst), dtype=np.int8), dst, start), shape=(n, n))
    _, labels = connected_components(graph, directed=True, connection="strong")
    big = np.flatnonzero(np.bincount(labels)[labels] >= 2)  # ascending nodes
    if len(big) == 0:
        return comp, 0
    found, first = np.unique(labels[big], return_index=True)  # first: each one's first node
    number = np.empty(len(labels), dtype=np.int64)  # label -> knot number (by first node)
    number[found[np.argsort(first, kind="stable")]] = np.arange(len(found))
    comp[big] = number[labels[big]]
    return comp, len(found)


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

    def __init__(
        self,
        snapshot: Snapshot,
        time_limit: float,
        preconditions: Sequence[Condition] | None = None,
    ) -> None:
        self.start = clock()
        self.deadline = self.start + time_limit
        self.names = {p.id: p.name or p.id for p in snapshot.parties}
        conds = split_conditions(snapshot.conditions)[0] if preconditions is None else preconditions
        keys, eu, ev, objects = _number(conds)
        # The clause objects are the ones numbering found: each is checked once.
        self.caps = capabilities(snapshot, conds, objects)
        self.conds = conds
        n = len(keys)
        efirst, link_of, counts = _links(eu, ev)
        start, order = _compressed(n, eu[efirst])  # links sorted by source, stably
        src, dst, first = eu[efirst][order], ev[efirst][order], efirst[order]
        cnt = counts[order]
        self.keys = keys
        self.n_src, self.n_dst, self.n_first = src, dst, first  # for vectorised passes
        # Python lists for the per-clause loops: indexing them makes no new objects.
        self.start_of: list[int] = start.tolist()
        self.src: list[int] = src.tolist()
        self.dst: list[int] = dst.tolist()
        self.first: list[int] = first.tolist()
        self.n_cnt = cnt
        self.more: dict[int, list[int]] = {}
        if len(efirst) < len(conds):  # some links carry several conditions
            perm = np.empty(len(order), dtype=np.int64)  # link by first mention -> compressed
            perm[order] = np.arange(len(order))
            dup = np.flatnonzero(efirst[link_of] != np.arange(len(conds)))
            for i, p in zip(dup.tolist(), perm[link_of[dup]].tolist(), strict=True):
                self.more.setdefault(p, [self.first[p]]).append(i)
        self._link: dict[int, int] | None = None
        # Predecessors in compressed form (links into v, ascending), for the greedy ordering.
        rstart, rorder = _compressed(n, dst)
        self.rstart: list[int] = rstart.tolist()
        self.rsrc: list[int] = src[rorder].tolist()
        self._rorder = rorder
        comp, count = _strong_components(n, start, dst)
        self.comp: list[int] = comp.tolist()  # node -> its knot's number, or -1
        # Each clause's weight (conditions) out to and in from its own knot.
        inside = (comp[src] >= 0) & (comp[src] == comp[dst])
        out0 = np.bincount(src[inside], weights=cnt[inside], minlength=n)
        in0 = np.bincount(dst[inside], weights=cnt[inside], minlength=n)
        self.n_knot_out, self.n_knot_in = out0.astype(np.int64), in0.astype(np.int64)
        self.knot_out: list[int] = self.n_knot_out.tolist()
        self.knot_in: list[int] = self.n_knot_in.tolist()
        # Scratch for the greedy ordering, one knot at a time.
        self.alive = bytearray(n)
        self.out_w = [0] * n
        self.in_w = [0] * n
        self.rank = [0] * n  # node -> place in the greedy order of its knot
        self.lifted: list[int] = []  # conditions (snapshot indices) of the untying sets
        self.knots = self._knots(comp, count, inside)

    @functools.cached_property
    def cnt(self) -> list[int]:
        """How many conditions each link carries (listed on first use: often all ones)."""
        return self.n_cnt.tolist()  # type: ignore[no-any-return]

    @functools.cached_property
    def rcnt(self) -> list[int]:
        """How many conditions each link into a clause carries, in ``rsrc``'s order."""
        return self.n_cnt[self._rorder].tolist()  # type: ignore[no-any-return]

    def out_of_time(self) -> bool:
        return clock() > self.deadline

    def until(self, share: float, end: float | None = None) -> Any:
        """Return an out-of-time check for ``share`` of the time left before ``end``."""
        now = clock()
        end = self.deadline if end is None else min(end, self.deadline)
        limit = now + share * max(0.0, end - now)
        return lambda: clock() > limit

    def link(self, u: int, v: int) -> int:
        """Return the link from clause ``u`` to clause ``v`` (compressed number), or -1."""
        if self._link is None:
            codes = (self.n_src << 32 | self.n_dst).tolist()
            self._link = dict(zip(codes, range(len(codes)), strict=True))
        return self._link.get(u << 32 | v, -1)

    def _knots(self, comp: _Ints, count: int, inside: _Bools) -> list[_Knot]:
        """Return the knots, numbered by first clause: clauses ascending, links ascending."""
        if count == 0:
            return []
        nodes = np.flatnonzero(comp >= 0)
        nodes = nodes[np.argsort(comp[nodes], kind="stable")]
        node_at = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(comp[nodes], minlength=count), out=node_at[1:])
        edges = np.flatnonzero(inside)
        home = comp[self.n_src[edges]]
        edges = edges[np.argsort(home, kind="stable")]
        edge_at = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(home, minlength=count), out=edge_at[1:])
        node_list = nodes.tolist()
        na, ea = node_at.tolist(), edge_at.tolist()
        return [
            _Knot(node_list[na[k] : na[k + 1]], nodes[na[k] : na[k + 1]], edges[ea[k] : ea[k + 1]])
            for k in range(count)
        ]

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

    def indices(self, edges: Sequence[int] | _Ints) -> list[int]:
        """Return the snapshot indices of the links' conditions, ascending."""
        if not self.more and len(edges) >= _VECTOR:  # one NumPy sort
            at = np.asarray(edges, dtype=np.int64)
            return np.sort(self.n_first[at]).tolist()  # type: ignore[no-any-return]
        if isinstance(edges, np.ndarray):
            edges = edges.tolist()
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

    def conditions(self, edges: Sequence[int] | _Ints) -> tuple[Condition, ...]:
        return tuple(map(self.conds.__getitem__, self.indices(edges)))

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
