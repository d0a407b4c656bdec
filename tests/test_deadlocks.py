"""Tests of negotrack.analysis.deadlocks: sequencing deadlocks, untying sets, cycle listings."""

from __future__ import annotations

import datetime
import heapq
import itertools
import math
import random
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.deadlocks import engine as deadlock_engine
from negotrack.analysis.deadlocks import untying as deadlock_untying
from negotrack.testing import strategies as nts

DAY = datetime.date(2025, 12, 28)
YES_NO = nt.OrdinalScale(["no", "yes"])
PCT = nt.NumericScale(0, 100, unit="%")
SEED = nt.Source(
    title="Putin's Drone Attack Claim and Its Implications for Peace Talks",
    publisher="AInvest",
    date=datetime.date(2025, 12, 30),
    quote="The Kremlin has rejected any ceasefire needed for a referendum on territorial concessions.",
)


def yes(issue: str) -> nt.IssueClause:
    return nt.IssueClause(issue, nt.Region.labels(YES_NO, ["yes"]))


def knot(ru_capability: float = 3.0) -> nt.Timeline:
    """Build the seeds' knot: withdrawal → referendum → ceasefire → withdrawal."""
    tl = nt.Timeline(
        issues=[nt.Issue(i, YES_NO) for i in ("withdrawal", "referendum", "ceasefire")],
        parties=[
            nt.Party("RU", name="Russia", capability=ru_capability),
            nt.Party("UA", name="Ukraine", capability=1.0),
        ],
    )
    src = {
        "UA": nt.Source(title="Zelensky: territory only by referendum", publisher="Reuters"),
        "RU": SEED,
    }
    for holder, clause, requires in [
        ("UA", "withdrawal", "referendum"),
        ("UA", "referendum", "ceasefire"),
        ("RU", "ceasefire", "withdrawal"),
    ]:
        tl.add(
            nt.Condition(
                holder=holder,
                clause=yes(clause),
                requires=yes(requires),
                date=DAY,
                source=src[holder],
            )
        )
    return tl


def graph_without(snap: nt.Snapshot, lifted: tuple[nt.Condition, ...]) -> nx.DiGraph:
    """Rebuild the precondition graph of ``snap`` from scratch without ``lifted``."""
    gone = {id(c) for c in lifted}
    g = nx.DiGraph()
    g.add_nodes_from(c.clause.key for c in snap.conditions)
    g.add_edges_from(
        (c.clause.key, c.requires.key)
        for c in snap.conditions
        if c.kind is nt.ConditionKind.PRECONDITION and id(c) not in gone
    )
    return g


def knot_nodes(snap: nt.Snapshot) -> set[str]:
    return {k for d in nt.find_deadlocks(snap) for k in d.clauses}


def is_cycle(g: nx.DiGraph, nodes: tuple[str, ...]) -> bool:
    closed = [*nodes, nodes[0]]
    return len(set(nodes)) == len(nodes) >= 2 and all(
        g.has_edge(u, v) for u, v in itertools.pairwise(closed)
    )


def preconditions(snap: nt.Snapshot) -> list[nt.Condition]:
    return [c for c in snap.conditions if c.kind is nt.ConditionKind.PRECONDITION]


def reference_els(
    nodes: list[int], edges: list[tuple[int, int]], weight: dict[tuple[int, int], int]
) -> list[tuple[int, int]]:
    """Eades-Lin-Smyth as first written (a heap of (in - out, clause) tuples over dicts).

    Kept as the reference for the flat-list version: sinks to the back, sources to the
    front, else the clause with the largest out - in weight (the first in reading order
    among equals) to the front; returns the links that point backwards.
    """
    out_w = dict.fromkeys(nodes, 0)
    in_w = dict.fromkeys(nodes, 0)
    succ: dict[int, list[tuple[int, int]]] = {n: [] for n in nodes}
    pred: dict[int, list[tuple[int, int]]] = {n: [] for n in nodes}
    for u, v in edges:
        c = weight[u, v]
        out_w[u] += c
        in_w[v] += c
        succ[u].append((v, c))
        pred[v].append((u, c))
    alive = set(nodes)
    heap = [(in_w[n] - out_w[n], n) for n in nodes]
    heapq.heapify(heap)
    sinks = [n for n in nodes if out_w[n] == 0]
    sources = [n for n in nodes if in_w[n] == 0]
    front: list[int] = []
    back: list[int] = []

    def remove(n: int) -> None:
        alive.discard(n)
        for p, c in pred[n]:
            if p in alive:
                out_w[p] -= c
                if out_w[p] == 0:
                    sinks.append(p)
                heapq.heappush(heap, (in_w[p] - out_w[p], p))
        for s, c in succ[n]:
            if s in alive:
                in_w[s] -= c
                if in_w[s] == 0:
                    sources.append(s)
                heapq.heappush(heap, (in_w[s] - out_w[s], s))

    while alive:
        if sinks:
            n = sinks.pop()
            if n in alive:
                back.append(n)
                remove(n)
            continue
        if sources:
            n = sources.pop()
            if n in alive:
                front.append(n)
                remove(n)
            continue
        key, n = heapq.heappop(heap)
        if n in alive and key == in_w[n] - out_w[n]:
            front.append(n)
            remove(n)
    pos = {n: i for i, n in enumerate(front + back[::-1])}
    return [(u, v) for u, v in edges if pos[u] > pos[v]]


def reference_greedy_untie(snap: nt.Snapshot) -> list[str | None]:
    """Return the ids of the conditions the reference Eades-Lin-Smyth lifts, knot by knot.

    The graph is rebuilt from scratch: clauses numbered by first mention, each knot's
    links listed by source clause, then by first mention, weighted by condition count.
    """
    pre = preconditions(snap)
    number: dict[str, int] = {}
    for c in pre:
        number.setdefault(c.clause.key, len(number))
        number.setdefault(c.requires.key, len(number))
    links: dict[tuple[int, int], list[nt.Condition]] = {}
    for c in pre:
        links.setdefault((number[c.clause.key], number[c.requires.key]), []).append(c)
    succ: dict[int, list[int]] = {}
    for u, v in links:
        succ.setdefault(u, []).append(v)
    lifted: list[nt.Condition] = []
    for comp in nx.strongly_connected_components(nx.DiGraph(list(links))):
        if len(comp) > 1:
            nodes = sorted(comp)
            edges = [(u, v) for u in nodes for v in succ.get(u, []) if v in comp]
            for e in reference_els(nodes, edges, {e: len(links[e]) for e in edges}):
                lifted += links[e]
    order = {id(c): i for i, c in enumerate(pre)}
    return [c.id for c in sorted(lifted, key=lambda c: order[id(c)])]


class TestFindDeadlocks:
    def test_seeds_knot_found_with_holders_and_sources(self) -> None:
        """The ceasefire → withdrawal → referendum knot is found with its three conditions, holders and sources."""
        (d,) = nt.find_deadlocks(knot().snapshot())
        assert set(d.clauses) == {"withdrawal ∈ {yes}", "referendum ∈ {yes}", "ceasefire ∈ {yes}"}
        assert d.holders == ("UA", "RU")
        assert [c.holder for c in d.witness] == ["UA", "UA", "RU"]
        text = d.describe()
        assert "Ukraine (UA): withdrawal ∈ {yes} only after referendum ∈ {yes}" in text
        assert "Ukraine (UA): referendum ∈ {yes} only after ceasefire ∈ {yes}" in text
        assert "Russia (RU): ceasefire ∈ {yes} only after withdrawal ∈ {yes}" in text
        assert "AInvest, \"Putin's Drone Attack Claim" in text
        assert 'Reuters, "Zelensky: territory only by referendum"' in text
        assert d.explain().endswith("nobody can move first.")

    def test_seeds_knot_untied_by_one_condition(self) -> None:
        """The minimal untying set of the seeds' knot has size 1 and is exact."""
        (d,) = nt.find_deadlocks(knot().snapshot())
        assert d.untie.count == 1
        assert d.untie.exact
        assert d.untie.lower_bound == 1

    def test_untie_prefers_least_capable_holder(self) -> None:
        """Among one-condition untyings the one held by the less capable party is chosen."""
        assert nt.untie(knot(ru_capability=3.0).snapshot()).holders == ("UA",)
        assert nt.untie(knot(ru_capability=0.5).snapshot()).holders == ("RU",)

    def test_witness_reads_in_order(self) -> None:
        """Each witness condition requires the clause of the next, and the last closes the cycle."""
        (d,) = nt.find_deadlocks(knot().snapshot())
        w = d.witness
        for a, b in itertools.pairwise([*w, w[0]]):
            assert a.requires == b.clause

    def test_no_conditions_no_deadlock(self) -> None:
        """A snapshot without conditions has no deadlock and nothing to untie."""
        tl = nt.Timeline(issues=[], parties=[])
        report = nt.analyze_conditions(tl.snapshot())
        assert report.sequencing == ()
        assert report.untie.method == "none"
        assert not report.truncated

    def test_lifting_dissolves_the_knot(self) -> None:
        """After Russia lifts its condition the knot is gone on later dates only."""
        tl = knot()
        tl.add(
            nt.Condition(
                holder="RU",
                clause=yes("ceasefire"),
                requires=yes("withdrawal"),
                date=datetime.date(2026, 1, 5),
                source=SEED,
                supersedes="c3",
                lifted=True,
            )
        )
        assert len(nt.find_deadlocks(tl.snapshot(at=DAY))) == 1
        assert nt.find_deadlocks(tl.snapshot()) == ()

    def test_credibility_filter(self) -> None:
        """A knot closed only by an alleged condition disappears at min_credibility='reported'."""
        tl = knot()
        tl2 = nt.Timeline(issues=tl.issues, parties=tl.parties)
        for c in tl.conditions:
            alleged = c.holder == "RU"
            tl2.add(
                attrs.evolve(
                    c,
                    id=None,
                    credibility=nt.Credibility.ALLEGED if alleged else nt.Credibility.CONFIRMED,
                )
            )
        assert len(nt.find_deadlocks(tl2.snapshot())) == 1
        assert nt.find_deadlocks(tl2.snapshot(min_credibility="reported")) == ()

    def test_linkages_make_no_sequencing_deadlock(self) -> None:
        """A cycle of linkages ("only with") is not a sequencing deadlock."""
        tl = nt.Timeline(
            issues=[nt.Issue("a", YES_NO), nt.Issue("b", YES_NO)], parties=[nt.Party("P")]
        )
        for x, y in [("a", "b"), ("b", "a")]:
            tl.add(
                nt.Condition(
                    holder="P",
                    clause=yes(x),
                    requires=yes(y),
                    kind=nt.ConditionKind.LINKAGE,
                    date=DAY,
                    source=SEED,
                )
            )
        assert nt.find_deadlocks(tl.snapshot()) == ()

    def test_two_knots_in_reading_order(self) -> None:
        """Two separate knots are reported separately, the first-mentioned first."""
        tl = nt.Timeline(issues=[nt.Issue(i, YES_NO) for i in "abcd"], parties=[nt.Party("P")])
        for x, y in [("c", "d"), ("d", "c"), ("a", "b"), ("b", "a")]:
            tl.add(nt.Condition(holder="P", clause=yes(x), requires=yes(y), date=DAY, source=SEED))
        first, second = nt.find_deadlocks(tl.snapshot())
        assert set(first.clauses) == {"c ∈ {yes}", "d ∈ {yes}"}
        assert set(second.clauses) == {"a ∈ {yes}", "b ∈ {yes}"}

    def test_to_dict_and_repr(self) -> None:
        """The deadlock renders to plain data and a one-line repr naming holders and the untying size."""
        (d,) = nt.find_deadlocks(knot().snapshot())
        data = d.to_dict()
        assert data["holders"] == ["UA", "RU"]
        assert [w["source"] for w in data["witness"]][2].startswith("AInvest")
        assert data["untie"]["count"] == 1
        assert (
            repr(d)
            == "<SequencingDeadlock: 3 clauses, 3 conditions held by UA, RU; untie: 1 condition>"
        )

    @given(nts.condition_timelines(acyclic=True, linkages=True))
    def test_acyclic_conditions_yield_no_sequencing_deadlock(self, tl: nt.Timeline) -> None:
        """An acyclic set of preconditions yields no sequencing deadlock."""
        assert nt.find_deadlocks(tl.snapshot()) == ()

    @given(nts.condition_timelines(), st.data())
    def test_adding_a_condition_never_removes_a_deadlock(
        self, tl: nt.Timeline, data: st.DataObject
    ) -> None:
        """Adding a condition only grows the set of clauses in knots."""
        before = knot_nodes(tl.snapshot())
        clause_pool = [c.clause for c in tl.conditions] + [c.requires for c in tl.conditions]
        if len(set(clause_pool)) < 2:
            return
        extra = data.draw(
            nts.conditions(
                clauses=st.sampled_from(clause_pool),
                holders=tl.parties,
                kinds=st.just(nt.ConditionKind.PRECONDITION),
            )
        )
        tl.add(extra)
        assert before <= knot_nodes(tl.snapshot())

    @given(nts.condition_timelines())
    def test_knots_are_the_nontrivial_strong_components(self, tl: nt.Timeline) -> None:
        """The clauses in knots are exactly those on some cycle, recomputed from scratch."""
        snap = tl.snapshot()
        g = graph_without(snap, ())
        on_cycle = {
            n for comp in nx.strongly_connected_components(g) if len(comp) > 1 for n in comp
        }
        assert knot_nodes(snap) == on_cycle

    @given(nts.condition_timelines())
    def test_knots_from_scipy_are_networkx_strong_components(self, tl: nt.Timeline) -> None:
        """The knots found with SciPy's kernel are networkx's strong components, one by one.

        Recomputed from scratch in pure Python: each component of two or more clauses is
        one knot, in reading order of first clauses, with its clauses in reading order and
        exactly the preconditions whose two clauses lie inside it, in snapshot order.
        """
        snap = tl.snapshot()
        pre = preconditions(snap)
        order: dict[str, int] = {}
        for c in pre:
            order.setdefault(c.clause.key, len(order))
            order.setdefault(c.requires.key, len(order))
        g = nx.DiGraph([(c.clause.key, c.requires.key) for c in pre])
        comps = [
            sorted(comp, key=order.__getitem__)
            for comp in nx.strongly_connected_components(g)
            if len(comp) > 1
        ]
        comps.sort(key=lambda comp: order[comp[0]])
        expected = [
            (
                tuple(comp),
                [c for c in pre if c.clause.key in comp and c.requires.key in comp],
            )
            for comp in comps
        ]
        found = [(d.clauses, list(d.conditions)) for d in nt.find_deadlocks(snap)]
        assert found == expected

    @given(nts.condition_timelines())
    def test_witness_is_a_cycle_of_the_graph(self, tl: nt.Timeline) -> None:
        """Every witness is a simple cycle of the precondition graph inside its knot."""
        snap = tl.snapshot()
        g = graph_without(snap, ())
        for d in nt.find_deadlocks(snap):
            nodes = tuple(c.clause.key for c in d.witness)
            assert is_cycle(g, nodes)
            assert set(nodes) <= set(d.clauses)
            assert all(
                c.requires.key == n for c, n in zip(d.witness, [*nodes[1:], nodes[0]], strict=True)
            )

    @given(nts.condition_timelines(max_clauses=10, max_conditions=30))
    def test_witness_cycle_is_a_shortest_cycle_through_its_start(self, tl: nt.Timeline) -> None:
        """Each witness starts at its knot's first clause, is as short as any cycle through it, and reads each link by its earliest condition."""
        snap = tl.snapshot()
        g = graph_without(snap, ())
        pre = preconditions(snap)
        for d in nt.find_deadlocks(snap):
            start = d.clauses[0]
            assert d.witness[0].clause.key == start
            dist = nx.single_source_shortest_path_length(g, start)
            assert len(d.witness) == 1 + min(dist[p] for p in g.predecessors(start) if p in dist)
            for c in d.witness:
                earliest = next(x for x in pre if x.clause == c.clause and x.requires == c.requires)
                assert c is earliest

    @given(nts.condition_timelines(max_clauses=10, max_conditions=30))
    def test_knot_lists_clauses_and_conditions_in_reading_order(self, tl: nt.Timeline) -> None:
        """A knot's clauses are in order of first mention; its conditions are every precondition inside it, in snapshot order."""
        snap = tl.snapshot()
        pre = preconditions(snap)
        mention = list(dict.fromkeys(k for c in pre for k in (c.clause.key, c.requires.key)))
        for d in nt.find_deadlocks(snap):
            inside = set(d.clauses)
            assert list(d.clauses) == [k for k in mention if k in inside]
            assert [id(c) for c in d.conditions] == [
                id(c) for c in pre if c.clause.key in inside and c.requires.key in inside
            ]


def brute_force_untie(snap: nt.Snapshot) -> tuple[int, float]:
    """Return the cheapest (count, capability) of any set of preconditions whose lifting leaves no cycle."""
    caps = {p.id: p.capability for p in snap.parties}
    pre = [c for c in snap.conditions if c.kind is nt.ConditionKind.PRECONDITION]
    for size in range(len(pre) + 1):
        costs = [
            sum(caps[c.holder] for c in lifted)
            for lifted in itertools.combinations(pre, size)
            if nx.is_directed_acyclic_graph(graph_without(snap, lifted))
        ]
        if costs:
            return size, min(costs)
    raise AssertionError("lifting every precondition always leaves no cycle")


class TestUntie:
    @given(nts.condition_timelines())
    def test_removing_the_untying_set_leaves_no_cycle(self, tl: nt.Timeline) -> None:
        """Lifting the reported untying set leaves an acyclic precondition graph."""
        snap = tl.snapshot()
        u = nt.untie(snap)
        assert nx.is_directed_acyclic_graph(graph_without(snap, u.conditions))

    @given(nts.condition_timelines(max_clauses=5, max_conditions=8))
    def test_untying_set_is_the_smallest_then_cheapest(self, tl: nt.Timeline) -> None:
        """On small graphs the untying set matches a brute-force search by count, then capability."""
        snap = tl.snapshot()
        u = nt.untie(snap)
        count, cap = brute_force_untie(snap)
        assert u.exact
        assert u.count == count
        assert math.isclose(u.capability, cap, rel_tol=1e-9, abs_tol=1e-9)

    @given(nts.condition_timelines(max_clauses=8, max_conditions=20))
    def test_greedy_bound_is_untying_and_above_its_lower_bound(self, tl: nt.Timeline) -> None:
        """With exact search switched off the greedy set still unties, and lower_bound <= count."""
        snap = tl.snapshot()
        greedy = nt.untie(snap, exact_limit=0)
        exact = nt.untie(snap)
        assert nx.is_directed_acyclic_graph(graph_without(snap, greedy.conditions))
        assert greedy.lower_bound <= exact.count <= greedy.count

    @given(nts.condition_timelines(max_clauses=12, max_conditions=40))
    def test_greedy_untie_leaves_no_cycle(self, tl: nt.Timeline) -> None:
        """The raw Eades-Lin-Smyth set (no time to trim it) leaves no cycle and says it is a bound."""
        snap = tl.snapshot()
        u = nt.untie(snap, exact_limit=0, time_limit=1e-9)
        assert nx.is_directed_acyclic_graph(graph_without(snap, u.conditions))
        assert u.method == ("greedy" if u.conditions else "none")
        assert u.lower_bound <= u.count

    @given(nts.condition_timelines(max_clauses=12, max_conditions=40))
    def test_greedy_set_matches_the_reference_ordering(self, tl: nt.Timeline) -> None:
        """With no time to trim it, the untying set is what the reference Eades-Lin-Smyth (heap of tuples over dicts) lifts, ties and all."""
        snap = tl.snapshot()
        u = nt.untie(snap, exact_limit=0, time_limit=1e-9)
        assert [c.id for c in u.conditions] == reference_greedy_untie(snap)

    @given(nts.condition_timelines(max_clauses=12, max_conditions=40))
    def test_equal_clauses_meet_in_one_node_whether_shared_or_copied(self, tl: nt.Timeline) -> None:
        """Law: the report is the same whether equal clauses are one object or separate copies.

        The engine numbers clauses by identity first, then by equality: a record read from a
        file holds a fresh clause object per condition.
        """
        snap = tl.snapshot()
        copied = attrs.evolve(
            snap,
            conditions=tuple(
                attrs.evolve(c, clause=attrs.evolve(c.clause), requires=attrs.evolve(c.requires))
                for c in snap.conditions
            ),
        )
        assert all(
            a.clause is not b.clause
            for a, b in zip(snap.conditions, copied.conditions, strict=True)
        )

        def summary(report: nt.ConditionReport) -> list[Any]:
            return [
                (
                    d.clauses,
                    [c.id for c in d.conditions],
                    [c.id for c in d.witness],
                    [c.id for c in d.untie.conditions],
                )
                for d in report.sequencing
            ]

        for limit in (1e-9, 10.0):
            assert summary(nt.analyze_conditions(copied, time_limit=limit, exact_limit=0)) == (
                summary(nt.analyze_conditions(snap, time_limit=limit, exact_limit=0))
            )

    def test_greedy_set_matches_the_reference_on_2000_clauses(self) -> None:
        """On a seeded random graph of 2,000 clauses the greedy set equals the reference's."""
        snap = big_snapshot(2_000)
        u = nt.untie(snap, exact_limit=0, time_limit=1e-9)
        assert u.count > 0
        assert [c.id for c in u.conditions] == reference_greedy_untie(snap)

    @given(nts.condition_timelines(max_clauses=12, max_conditions=40, max_parties=3))
    def test_numpy_passes_give_the_report_of_the_python_passes(self, tl: nt.Timeline) -> None:
        """Law: the NumPy passes for large knots give the report of the Python passes.

        The passes: the greedy order's set-up and backward links, the indices of a knot's
        conditions, the two-cycles of the lower bound; weights, ties and all. Forced by the
        size threshold: 0 sends every knot through NumPy, a huge one none.
        """
        snap = tl.snapshot()

        def summary(vector: int, limit: float) -> list[Any]:
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(deadlock_engine, "_VECTOR", vector)
                mp.setattr(deadlock_untying, "_VECTOR", vector)
                report = nt.analyze_conditions(snap, time_limit=limit, exact_limit=0)
            return [
                (
                    d.clauses,
                    [c.id for c in d.conditions],
                    [c.id for c in d.witness],
                    [c.id for c in d.untie.conditions],
                    d.untie.capability,
                    d.untie.lower_bound,
                )
                for d in report.sequencing
            ] + [report.untie.capability]

        for limit in (1e-9, 10.0):
            assert summary(0, limit) == summary(10**9, limit)

    def test_numpy_passes_match_the_reference_with_several_conditions_per_link(self) -> None:
        """With one to three conditions per link, the NumPy path's greedy set is the reference's.

        A 2,000-clause knot (above the NumPy threshold) whose links weigh one to three.
        """
        snap = big_snapshot(2_000)
        rng = random.Random(11)
        extra = [
            attrs.evolve(c, holder="BA"[c.holder == "B"])
            for c in snap.conditions
            for _ in range(rng.randrange(3))
        ]
        snap = attrs.evolve(snap, conditions=snap.conditions + tuple(extra))
        u = nt.untie(snap, exact_limit=0, time_limit=1e-9)
        assert any(len(d.conditions) > 6_000 for d in nt.find_deadlocks(snap, time_limit=1e-9))
        assert [c.id for c in u.conditions] == reference_greedy_untie(snap)

    def test_describe_names_the_holder_as_a_fact(self) -> None:
        """The description names each condition and who holds it, not who should give way."""
        text = nt.untie(knot().snapshot()).describe()
        assert text.startswith("lift 1 condition (the fewest): c")
        assert ", held by Ukraine (UA) (" in text
        assert "gives way" not in text

    @given(nts.condition_timelines(max_clauses=6, max_conditions=12))
    def test_single_lifts_are_exactly_the_conditions_that_dissolve_a_knot_alone(
        self, tl: nt.Timeline
    ) -> None:
        """Law (issue 11): single_lifts are exactly the conditions that dissolve a knot alone.

        Checked by brute force: lift each condition of the knot and look for a cycle.
        """
        snap = tl.snapshot()
        for knot in nt.find_deadlocks(snap):
            clauses = set(knot.clauses)
            alone = []
            for cond in knot.conditions:
                rest = graph_without(snap, (cond,)).subgraph(clauses)
                if nx.is_directed_acyclic_graph(rest):
                    alone.append(str(cond.id))
            assert knot.single_lifts is not None
            assert sorted(str(c.id) for c in knot.single_lifts) == sorted(alone)
            text = knot.structure()
            if alone:
                assert text.startswith("The knot dissolves if")
                assert all(i in text for i in alone)
            else:
                assert text.startswith("No single condition dissolves the knot")

    def test_structure_names_the_least_capable_holder_only_when_there_is_one(self) -> None:
        """Equal capabilities are said to be equal; a weaker holder is named."""
        (equal,) = nt.find_deadlocks(knot(ru_capability=1.0).snapshot())
        assert "equally capable (capability 1 each)" in equal.structure()
        (weaker,) = nt.find_deadlocks(knot(ru_capability=3.0).snapshot())
        assert "The least capable of their holders: Ukraine (UA) (capability 1)." in (
            weaker.structure()
        )


class TestTimeLimit:
    def test_exact_search_out_of_time_falls_back_to_greedy(self) -> None:
        """With no time for the exact search the knot still gets an untying set, marked greedy and noted."""
        snap = knot().snapshot()
        report = nt.analyze_conditions(snap, time_limit=1e-9)
        (d,) = report.sequencing
        assert not d.untie.exact
        assert d.untie.method == "greedy"
        assert report.truncated
        assert any("ran out of time" in n for n in report.notes)
        assert nx.is_directed_acyclic_graph(graph_without(snap, d.untie.conditions))

    def test_listing_out_of_time_says_so(self) -> None:
        """A listing given no time on a large knot stops and names the time bound."""
        snap = big_snapshot(60, complete=True)
        listing = nt.list_cycles(snap, max_cycles=10**9, max_length=60, time_limit=1e-9)
        assert "time" in listing.cut_by
        assert not listing.complete


class TestListCycles:
    def test_knot_listed_completely(self) -> None:
        """The seeds' knot has exactly one simple cycle and the listing says it is complete."""
        listing = nt.list_cycles(knot().snapshot())
        assert listing.cycles == (
            ("withdrawal ∈ {yes}", "referendum ∈ {yes}", "ceasefire ∈ {yes}"),
        )
        assert listing.complete

    @given(nts.condition_timelines(max_clauses=6, max_conditions=12))
    def test_listing_matches_networkx_when_complete(self, tl: nt.Timeline) -> None:
        """With generous bounds the listing holds exactly networkx's simple cycles."""
        snap = tl.snapshot()
        listing = nt.list_cycles(snap, max_length=10, max_cycles=10_000, time_limit=30)
        g = graph_without(snap, ())
        expected = {frozenset(itertools.pairwise([*c, c[0]])) for c in nx.simple_cycles(g)}
        got = {frozenset(itertools.pairwise([*c, c[0]])) for c in listing.cycles}
        assert listing.complete
        assert got == expected
        assert len(listing.cycles) == len(expected)

    @given(
        nts.condition_timelines(max_clauses=7, max_conditions=16),
        st.integers(2, 4),
        st.integers(1, 5),
    )
    def test_bounds_respected_and_reported(
        self, tl: nt.Timeline, max_length: int, max_cycles: int
    ) -> None:
        """Listed cycles are real, within the bounds, and a cut bound is named when cycles are missing."""
        snap = tl.snapshot()
        listing = nt.list_cycles(snap, max_length=max_length, max_cycles=max_cycles)
        g = graph_without(snap, ())
        assert len(listing.cycles) <= max_cycles
        for c in listing.cycles:
            assert is_cycle(g, c)
            assert len(c) <= max_length
        if len(listing.cycles) < sum(1 for _ in nx.simple_cycles(g)):
            assert listing.cut_by


def big_snapshot(
    n: int, *, complete: bool = False, out_degree: int = 3, seed: int = 7
) -> nt.Snapshot:
    """N event clauses with conditions of a complete graph or a seeded random out-degree graph."""
    rng = random.Random(seed)
    events = [nt.Event(id=f"e{i}", date=DAY, title="step") for i in range(n)]
    tl = nt.Timeline(
        issues=[], parties=[nt.Party("A"), nt.Party("B", capability=2.0)], records=events
    )
    clauses = [nt.EventClause(f"e{i}") for i in range(n)]
    for i in range(n):
        targets: set[int] = set(range(n)) - {i} if complete else set()
        while len(targets) < out_degree and not complete:
            j = rng.randrange(n)
            if j != i:
                targets.add(j)
        for j in sorted(targets):
            tl.add(
                nt.Condition(
                    holder="AB"[(i + j) % 2],
                    clause=clauses[i],
                    requires=clauses[j],
                    date=DAY,
                    source=SEED,
                )
            )
    return tl.snapshot()


class TestAdversarialInput:
    def test_complete_graph_of_60_clauses(self) -> None:
        """A complete graph of 60 clauses is one knot; the report says the untying set is a greedy bound and the listing was cut."""
        snap = big_snapshot(60, complete=True)
        report = nt.analyze_conditions(snap, cycles=True)
        (d,) = report.sequencing
        assert len(d.clauses) == 60
        assert len(d.conditions) == 60 * 59
        assert report.truncated
        assert any("greedy bound" in n for n in report.notes)
        assert report.cycles is not None
        assert report.cycles.cut_by
        assert len(report.cycles.cycles) <= 1000
        # each of the 1770 two-cycles needs one lifted condition: the greedy set is optimal by count
        assert d.untie.count == d.untie.lower_bound == 60 * 59 // 2
        assert nx.is_directed_acyclic_graph(graph_without(snap, d.untie.conditions))

    def test_random_graph_of_10000_clauses(self) -> None:
        """A random graph of 10,000 clauses with out-degree 3 is analysed and says what was cut short."""
        snap = big_snapshot(10_000)
        report = nt.analyze_conditions(snap, cycles=True, max_cycles=500)
        g = graph_without(snap, ())
        on_cycle = {
            n for comp in nx.strongly_connected_components(g) if len(comp) > 1 for n in comp
        }
        assert {k for d in report.sequencing for k in d.clauses} == on_cycle
        assert report.truncated
        assert any("greedy bound" in n for n in report.notes)
        assert report.cycles is not None
        assert report.cycles.cut_by
        assert any(n.startswith("cycle listing:") for n in report.notes)
        assert nx.is_directed_acyclic_graph(graph_without(snap, report.untie.conditions))
        assert report.untie.lower_bound <= report.untie.count


class TestBadInput:
    def test_condition_on_unknown_issue(self) -> None:
        """A condition on an issue not on the agenda is refused naming the field and the issue."""
        tl = knot()
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"Condition\.requires\.issue='elections' is not an issue of the timeline; known issues: withdrawal, referendum, ceasefire",
        ):
            tl.add(
                nt.Condition(
                    holder="UA",
                    clause=yes("ceasefire"),
                    requires=yes("elections"),
                    date=DAY,
                    source=SEED,
                )
            )

    def test_condition_on_unknown_event(self) -> None:
        """A condition on an event the timeline does not hold is refused naming the event."""
        tl = knot()
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"Condition\.clause\.event='referendum-held' is not an event of the timeline; known events: none",
        ):
            tl.add(
                nt.Condition(
                    holder="UA",
                    clause=nt.EventClause("referendum-held"),
                    requires=yes("ceasefire"),
                    date=DAY,
                    source=SEED,
                )
            )

    def test_clause_region_off_the_scale(self) -> None:
        """A clause region beyond the issue's scale cannot be built: OffScaleError names the bound."""
        with pytest.raises(nt.errors.OffScaleError, match=r"Region\.hi=200 is off scale 0–100 %"):
            nt.IssueClause("territory", nt.Region.interval(PCT, 0, 200))

    def test_clause_region_on_another_scale(self) -> None:
        """A clause region on a scale other than its issue's is refused naming the clause and both scales."""
        tl = knot()
        with pytest.raises(
            nt.errors.ScaleMismatchError,
            match=r"Condition\.requires\.region \[100, 100\] lies on scale 0–100 %, but issue 'withdrawal' is on scale",
        ):
            tl.add(
                nt.Condition(
                    holder="RU",
                    clause=yes("ceasefire"),
                    requires=nt.IssueClause("withdrawal", nt.Region.point(PCT, 100)),
                    date=DAY,
                    source=SEED,
                )
            )

    def test_condition_requiring_itself(self) -> None:
        """A condition whose clause is its own requirement is refused naming the holder and the clause."""
        with pytest.raises(
            nt.errors.ConditionError,
            match=r"Condition by 'RU' requires its own clause 'ceasefire ∈ \{yes\}'",
        ):
            nt.Condition(
                holder="RU",
                clause=yes("ceasefire"),
                requires=yes("ceasefire"),
                date=DAY,
                source=SEED,
            )

    def test_empty_clause_region(self) -> None:
        """A clause with an empty region is refused: it could never be satisfied."""
        with pytest.raises(
            nt.errors.ConditionError, match=r"IssueClause\('ceasefire'\)\.region is empty"
        ):
            nt.IssueClause("ceasefire", nt.Region.empty(YES_NO))

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            (
                {"time_limit": 0},
                nt.errors.AnalysisError,
                r"time_limit=0 must be a finite number of seconds > 0",
            ),
            (
                {"time_limit": "fast"},
                nt.errors.InvalidTypeError,
                r"time_limit='fast' must be a number of seconds",
            ),
            ({"exact_limit": -1}, nt.errors.AnalysisError, r"exact_limit=-1 must be >= 0"),
            (
                {"cycles": True, "max_cycle_length": 1},
                nt.errors.AnalysisError,
                r"max_cycle_length=1 must be >= 2",
            ),
            (
                {"cycles": True, "max_cycles": 2.5},
                nt.errors.InvalidTypeError,
                r"max_cycles=2.5 must be a whole number",
            ),
        ],
    )
    def test_bad_bounds(
        self, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        """Bounds of the wrong type or out of range are refused naming the parameter and the value."""
        with pytest.raises(error, match=message):
            nt.analyze_conditions(knot().snapshot(), **kwargs)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"max_length": 1}, nt.errors.AnalysisError, r"max_length=1 must be >= 2"),
            ({"max_cycles": 0}, nt.errors.AnalysisError, r"max_cycles=0 must be >= 1"),
            (
                {"max_length": True},
                nt.errors.InvalidTypeError,
                r"max_length=True must be a whole number",
            ),
            (
                {"time_limit": math.inf},
                nt.errors.AnalysisError,
                r"time_limit=inf must be a finite number of seconds > 0",
            ),
        ],
    )
    def test_list_cycles_bad_bounds(
        self, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        """list_cycles refuses bounds of the wrong type or out of range naming the parameter and the value."""
        with pytest.raises(error, match=message):
            nt.list_cycles(knot().snapshot(), **kwargs)  # type: ignore[arg-type]

    def test_not_a_snapshot(self) -> None:
        """A timeline passed where a snapshot belongs is refused naming the function."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"list_cycles: snapshot=.* must be a Snapshot \(use Timeline\.snapshot\(at=\.\.\.\)\)",
        ):
            nt.list_cycles(knot())  # type: ignore[arg-type]
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"analyze_conditions: snapshot=.* must be a Snapshot"
        ):
            nt.analyze_conditions(knot())  # type: ignore[arg-type]


class TestParties:
    def test_unknown_party(self) -> None:
        """Restricting to a party the snapshot does not know names it and the known ones."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"parties: 'XX' is not a party of the timeline; known parties: RU, UA",
        ):
            nt.analyze_conditions(knot().snapshot(), parties=["XX"])

    def test_single_string(self) -> None:
        """A single string for parties is refused with the list to write instead."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"parties='RU' must be a sequence of party ids, not one string "
            r"\(write parties=\['RU'\]\)",
        ):
            nt.analyze_conditions(knot().snapshot(), parties="RU")

    def test_a_knot_held_partly_by_a_party_left_out_still_counts(self) -> None:
        """The party rule (issue 11): ``parties`` does not drop a knot Russia closes."""
        report = nt.analyze_conditions(knot().snapshot(), parties=["UA"])
        assert len(report.sequencing) == 1
        assert report.parties == ("UA",)
        assert report.condition_holders == ("RU", "UA")

    def test_condition_holders_narrow_the_conditions(self) -> None:
        """Only Ukraine's conditions read: the knot (closed by Russia) disappears."""
        snap = knot().snapshot()
        assert nt.analyze_conditions(snap, condition_holders=["UA"]).sequencing == ()
        both = nt.analyze_conditions(snap, condition_holders=["UA", "RU"])
        assert len(both.sequencing) == 1

    def test_unknown_condition_holder(self) -> None:
        """An unknown holder is named, as an unknown party is."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"condition_holders: 'XX' is not a party of the timeline; known parties: RU, UA",
        ):
            nt.analyze_conditions(knot().snapshot(), condition_holders=["XX"])


class TestDeadlockSpans:
    def test_undated_report_refused(self) -> None:
        """A report of a snapshot after every record (date None) cannot be placed on a timeline."""
        with pytest.raises(
            nt.errors.AnalysisError,
            match=r"deadlock_spans: a report has date=None \(a snapshot after every record\); "
            r"pass dated reports, such as those of nt.gap_series",
        ):
            nt.deadlock_spans([nt.analyze_conditions(knot().snapshot())])

    def test_open_span(self) -> None:
        """A knot still in force on the last report has no dissolution date."""
        tl = knot()
        (span,) = nt.deadlock_spans(
            [
                nt.analyze_conditions(tl.snapshot(DAY)),
                nt.analyze_conditions(tl.snapshot(DAY + datetime.timedelta(days=1))),
            ]
        )
        assert span.appeared == DAY
        assert span.dissolved is None
        assert span.to_dict()["dissolved"] is None


class TestAnalyzeConditions:
    def test_report_joins_deadlocks_and_conflicts(self) -> None:
        """The report holds the knot, a linkage conflict, the overall untying set and plain-words text."""
        tl = knot()
        tl2 = nt.Timeline(
            issues=[*tl.issues, nt.Issue("territory", PCT)], parties=tl.parties, records=tl.records
        )
        tl2.add(
            nt.Statement(
                party="UA",
                issue="territory",
                date=DAY,
                source=SEED,
                position=nt.Position(
                    ideal=0, acceptable=nt.Region.interval(PCT, 0, 20), red_line=True
                ),
            )
        )
        tl2.add(
            nt.Condition(
                holder="RU",
                kind=nt.ConditionKind.LINKAGE,
                clause=yes("ceasefire"),
                requires=nt.IssueClause("territory", nt.Region.point(PCT, 100)),
                date=DAY,
                source=SEED,
            )
        )
        report = nt.analyze_conditions(tl2.snapshot(at=DAY))
        assert len(report.sequencing) == 1
        assert len(report.linkage_conflicts) == 1
        assert report.has_deadlock
        assert not report.truncated
        assert report.untie.count == 1
        text = report.describe()
        assert text.startswith(
            "Conditions (2025-12-28): 1 sequencing deadlock, 1 linkage conflict."
        )
        assert (
            "Linkage conflict: RU accepts ceasefire ∈ {yes} only with territory ∈ [100, 100]"
            in text
        )
        data = report.to_dict()
        assert data["date"] == "2025-12-28"
        assert data["truncated"] is False
        assert repr(report) == "<ConditionReport: 1 sequencing deadlock, 1 linkage conflict>"


def red_line(tl: nt.Timeline, day: datetime.date, lo: float, hi: float) -> None:
    tl.add(
        nt.Statement(
            party="UA",
            issue="territory",
            date=day,
            source=SEED,
            position=nt.Position(
                ideal=lo, acceptable=nt.Region.interval(PCT, lo, hi), red_line=True
            ),
        )
    )


def story() -> nt.Timeline:
    """Build a timeline on which a knot forms, a linkage conflict comes and goes, and the knot dissolves."""
    base = knot()
    tl = nt.Timeline(issues=[*base.issues, nt.Issue("territory", PCT)], parties=base.parties)
    first, second, third = base.conditions
    tl.add(attrs_evolve(first, date=datetime.date(2025, 12, 1)))
    tl.add(attrs_evolve(second, date=datetime.date(2025, 12, 3)))
    red_line(tl, datetime.date(2025, 12, 4), 0, 20)
    tl.add(attrs_evolve(third, date=datetime.date(2025, 12, 5)))
    tl.add(
        nt.Condition(
            holder="RU",
            kind=nt.ConditionKind.LINKAGE,
            clause=yes("ceasefire"),
            requires=nt.IssueClause("territory", nt.Region.interval(PCT, 90, 100)),
            date=datetime.date(2025, 12, 6),
            source=SEED,
        )
    )
    red_line(tl, datetime.date(2025, 12, 8), 0, 95)  # Ukraine concedes: the conflict goes
    tl.add(
        nt.Condition(
            holder="RU",
            clause=yes("ceasefire"),
            requires=yes("withdrawal"),
            source=SEED,
            date=datetime.date(2025, 12, 10),
            supersedes="c3",
            lifted=True,
        )
    )
    return tl


def attrs_evolve(c: nt.Condition, *, date: datetime.date) -> nt.Condition:
    return attrs.evolve(c, id=None, date=date)


class TestAnalyzeReportsConditions:
    def test_analyze_joins_issue_and_sequencing_deadlocks(self) -> None:
        """nt.analyze carries the condition report of the same snapshot and parties."""
        snap = story().snapshot(at=datetime.date(2025, 12, 6))
        report = nt.analyze(snap)
        assert report.conditions == nt.analyze_conditions(snap)
        assert len(report.sequencing_deadlocks) == 1
        assert len(report.linkage_conflicts) == 1
        assert "Sequencing deadlock over 3 clauses" in report.describe()
        data: Any = report.to_dict()
        assert data["conditions"]["sequencing"][0]["holders"] == ["UA", "RU"]

    def test_analyze_restricted_to_parties(self) -> None:
        """Analysing Russia alone leaves Ukraine's red lines out, not Ukraine's conditions."""
        snap = story().snapshot(at=datetime.date(2025, 12, 6))
        everyone = nt.analyze(snap)
        assert everyone.sequencing_deadlocks
        assert everyone.linkage_conflicts
        report = nt.analyze(snap, parties=["RU"])
        assert report.sequencing_deadlocks == everyone.sequencing_deadlocks
        assert report.linkage_conflicts == ()
        narrowed = nt.analyze(snap, parties=["RU"], condition_holders=["RU"])
        assert narrowed.sequencing_deadlocks == ()

    def test_analyze_refuses_holders_with_a_given_report(self) -> None:
        """condition_holders with a ready condition report would be ignored: refused."""
        snap = story().snapshot(at=datetime.date(2025, 12, 6))
        with pytest.raises(nt.errors.AnalysisError, match="condition_holders or conditions"):
            nt.analyze(snap, conditions=nt.analyze_conditions(snap), condition_holders=["RU"])

    def test_series_says_when_the_knot_appeared_and_dissolved(self) -> None:
        """The gap series reports the knot from Dec 5 until Russia lifts its condition on Dec 10."""
        (span,) = nt.gap_series(story()).sequencing_spans()
        assert span.appeared == datetime.date(2025, 12, 5)
        assert span.dissolved == datetime.date(2025, 12, 10)
        assert span.deadlock.holders == ("UA", "RU")
        assert "appeared 2025-12-05, dissolved 2025-12-10" in span.describe()

    def test_series_matches_analysis_from_scratch(self) -> None:
        """Every report's conditions equal a from-scratch analysis of the snapshot on its date."""
        tl = story()
        series = nt.gap_series(tl)
        for r in series:
            assert r.conditions == nt.analyze_conditions(tl.snapshot(r.date))
        conflicts = [(r.date.day, len(r.linkage_conflicts)) for r in series if r.date]
        assert conflicts == [(1, 0), (3, 0), (4, 0), (5, 0), (6, 1), (8, 0), (10, 0)]

    @given(nts.condition_timelines(max_conditions=10))
    def test_incremental_series_equals_recomputation(self, tl: nt.Timeline) -> None:
        """The condition report of each series date equals analyze_conditions on that date's snapshot."""
        for r in nt.gap_series(tl):
            assert r.conditions == nt.analyze_conditions(tl.snapshot(r.date))

    @given(nts.condition_timelines(max_conditions=10, linkages=True), st.data())
    def test_incremental_series_equals_recomputation_for_any_selection(
        self, tl: nt.Timeline, data: st.DataObject
    ) -> None:
        """With parties and condition_holders chosen, each date equals a fresh analysis."""
        ids = [p.id for p in tl.parties]
        parties = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True), "parties")
        holders = data.draw(st.lists(st.sampled_from(ids), unique=True), "holders")
        for r in nt.gap_series(tl, parties=parties, condition_holders=holders):
            fresh = nt.analyze_conditions(
                tl.snapshot(r.date), parties=parties, condition_holders=holders
            )
            assert r.conditions == fresh

    @given(nts.condition_timelines(max_conditions=10))
    def test_spans_agree_with_reports(self, tl: nt.Timeline) -> None:
        """A knot is reported on exactly the series dates within its span."""
        series = nt.gap_series(tl)
        for span in series.sequencing_spans():
            for r in series:
                assert r.date is not None
                inside = r.date >= span.appeared and (
                    span.dissolved is None or r.date < span.dissolved
                )
                assert inside == any(d.key == span.clauses for d in r.sequencing_deadlocks)
