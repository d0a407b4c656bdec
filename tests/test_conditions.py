"""Tests of negotrack.analysis.conditions: the condition graph, its export, linkage conflicts."""

from __future__ import annotations

import datetime
import io
import json
import math

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.testing import strategies as nts

DAY = datetime.date(2025, 12, 28)
YES_NO = nt.OrdinalScale(["no", "yes"])
PCT = nt.NumericScale(0, 100, unit="%")


def yes(issue: str) -> nt.IssueClause:
    return nt.IssueClause(issue, nt.Region.labels(YES_NO, ["yes"]))


def timeline() -> nt.Timeline:
    return nt.Timeline(
        issues=[nt.Issue(i, YES_NO) for i in ("ceasefire", "withdrawal", "referendum")]
        + [nt.Issue("territory", PCT)],
        parties=[nt.Party("RU", name="Russia", capability=3.0), nt.Party("UA", name="Ukraine")],
        records=[nt.Event(id="summit", date=DAY, title="Mar-a-Lago summit")],
    )


def cond(
    holder: str,
    clause: nt.IssueClause | nt.EventClause,
    requires: nt.IssueClause | nt.EventClause,
    **kw: object,
) -> nt.Condition:
    return nt.Condition(
        holder=holder,
        clause=clause,
        requires=requires,
        date=kw.pop("date", DAY),  # type: ignore[arg-type]
        source=nt.Source(title=f"{holder} says so", publisher="Reuters"),
        **kw,  # type: ignore[arg-type]
    )


def hand_built_snapshot(c: nt.Condition) -> nt.Snapshot:
    """Return a snapshot of ``timeline()``'s agenda holding ``c`` (as id c9), unchecked by a timeline."""
    tl = timeline()
    return nt.Snapshot(
        date=None,
        min_credibility=nt.Credibility.DENIED,
        issues=tl.issues,
        parties=tl.parties,
        statements={},
        conditions=(attrs.evolve(c, id="c9"),),
    )


class TestConditionGraph:
    def test_edge_per_precondition_with_annotations(self) -> None:
        """Each precondition is an edge clause → requires carrying holder, id, kind, source and credibility."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), credibility="reported"))
        g = nt.condition_graph(tl.snapshot())
        assert list(g.nodes) == ["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]
        data = g.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]
        assert data["holder"] == "RU"
        assert data["condition"] == "c1"
        assert data["kind"] == "precondition"
        assert data["citation"] == 'Reuters, "RU says so"'
        assert data["credibility"] == "reported"
        assert data["count"] == 1
        assert data["capability"] == 3.0
        assert g.nodes["ceasefire ∈ {yes}"]["clause"] == yes("ceasefire")

    def test_event_clause_nodes(self) -> None:
        """An event clause is a node keyed event:<id> with type 'event'."""
        tl = timeline()
        tl.add(cond("UA", yes("ceasefire"), nt.EventClause("summit")))
        g = nt.condition_graph(tl.snapshot())
        assert g.nodes["event:summit"]["type"] == "event"
        assert g.nodes["event:summit"]["ref"] == "summit"

    def test_parallel_conditions_share_one_edge(self) -> None:
        """Two holders stating the same precondition give one edge with count 2 and both holders."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal")))
        tl.add(cond("UA", yes("ceasefire"), yes("withdrawal")))
        g = nt.condition_graph(tl.snapshot())
        data = g.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]
        assert data["count"] == 2
        assert data["holder"] == "RU, UA"
        assert data["capability"] == 4.0
        assert [c.id for c in data["conditions"]] == ["c1", "c2"]

    def test_linkages_left_out_unless_asked(self) -> None:
        """Linkage conditions become edges only with linkages=True."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), kind="linkage"))
        assert nt.condition_graph(tl.snapshot()).number_of_edges() == 0
        g = nt.condition_graph(tl.snapshot(), linkages=True)
        assert g.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]["kind"] == "linkage"

    def test_lifted_condition_is_gone(self) -> None:
        """A condition lifted by a later record is no edge on dates after the lifting."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal")))
        tl.add(
            cond(
                "RU",
                yes("ceasefire"),
                yes("withdrawal"),
                supersedes="c1",
                lifted=True,
                date=datetime.date(2025, 12, 30),
            )
        )
        assert nt.condition_graph(tl.snapshot(at=DAY)).number_of_edges() == 1
        assert nt.condition_graph(tl.snapshot()).number_of_edges() == 0

    def test_not_a_snapshot(self) -> None:
        """Passing a timeline instead of a snapshot raises InvalidTypeError naming the call."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"condition_graph: snapshot=.* must be a Snapshot"
        ):
            nt.condition_graph(timeline())  # type: ignore[arg-type]

    def test_hand_built_snapshot_with_unknown_issue(self) -> None:
        """A hand-built snapshot whose condition names an unknown issue raises UnknownReferenceError."""
        snap = hand_built_snapshot(cond("RU", yes("ceasefire"), yes("elections")))
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"Condition\('c9'\)\.requires\.issue='elections' is not an issue of the snapshot; "
            r"known issues: ceasefire, withdrawal, referendum, territory",
        ):
            nt.condition_graph(snap)

    def test_hand_built_snapshot_with_unknown_holder(self) -> None:
        """A hand-built snapshot whose condition's holder is no party raises UnknownReferenceError naming both."""
        snap = hand_built_snapshot(cond("EU", yes("ceasefire"), yes("withdrawal")))
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=r"Condition\('c9'\)\.holder='EU' is not a party of the snapshot; "
            r"known parties: RU, UA",
        ):
            nt.condition_graph(snap)

    def test_hand_built_snapshot_with_region_on_another_scale(self) -> None:
        """A hand-built snapshot whose clause region is off its issue's scale raises ScaleMismatchError naming both scales."""
        on_pct = nt.IssueClause("ceasefire", nt.Region.point(PCT, 100))
        snap = hand_built_snapshot(cond("RU", on_pct, yes("withdrawal")))
        with pytest.raises(
            nt.errors.ScaleMismatchError,
            match=r"Condition\('c9'\)\.clause\.region \[100, 100\] lies on scale 0–100 %, "
            r"but issue 'ceasefire' is on scale",
        ):
            nt.condition_graph(snap)

    @given(nts.condition_timelines(linkages=True))
    def test_every_condition_in_force_is_on_an_edge(self, tl: nt.Timeline) -> None:
        """Every condition in force is on exactly one edge, and edge counts add up to them."""
        snap = tl.snapshot()
        g = nt.condition_graph(snap, linkages=True)
        on_edges = [c for _, _, cs in g.edges(data="conditions") for c in cs]
        assert sorted(map(id, on_edges)) == sorted(map(id, snap.conditions))
        assert sum(d for _, _, d in g.edges(data="count")) == len(snap.conditions)
        for u, v, cs in g.edges(data="conditions"):
            assert all(c.clause.key == u and c.requires.key == v for c in cs)


class TestConditionGraphNodeLink:
    def test_json_round_trip(self) -> None:
        """The node-link data goes through json and back to the same graph structure."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal")))
        tl.add(cond("UA", yes("withdrawal"), nt.EventClause("summit")))
        g = nt.condition_graph(tl.snapshot())
        data = json.loads(json.dumps(nt.condition_graph_node_link(g)))
        back = nx.node_link_graph(data, edges="edges")
        assert set(back.edges) == set(g.edges)
        assert back.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]["holder"] == "RU"
        assert back.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]["citation"] == (
            'Reuters, "RU says so"'
        )
        assert "clause" not in back.nodes["ceasefire ∈ {yes}"]

    def test_rejects_non_graph(self) -> None:
        """Anything but a networkx DiGraph raises InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"graph=.* must be a networkx DiGraph"
        ):
            nt.condition_graph_node_link({"nodes": []})

    @given(nts.condition_timelines(linkages=True))
    def test_node_link_attributes_are_json_scalars(self, tl: nt.Timeline) -> None:
        """Every exported attribute is a string or a number."""
        data = nt.condition_graph_node_link(nt.condition_graph(tl.snapshot(), linkages=True))
        for item in data["nodes"] + data["edges"]:
            assert all(isinstance(v, str | int | float) for v in item.values())


class TestConditionGraphGraphml:
    def test_graphml_round_trip(self) -> None:
        """The GraphML text is read back by networkx with the same edges and holders."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal")))
        tl.add(cond("UA", yes("withdrawal"), yes("ceasefire")))
        g = nt.condition_graph(tl.snapshot())
        text = nt.condition_graph_graphml(g)
        back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
        assert set(back.edges) == set(g.edges)
        assert back.edges["withdrawal ∈ {yes}", "ceasefire ∈ {yes}"]["holder"] == "UA"
        assert math.isclose(
            back.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]["capability"], 3.0
        )


def red_line_timeline(lo: float, hi: float) -> nt.Timeline:
    tl = timeline()
    tl.add(
        nt.Statement(
            party="UA",
            issue="territory",
            date=DAY,
            position=nt.Position(
                ideal=lo, acceptable=nt.Region.interval(PCT, lo, hi), red_line=True
            ),
            source=nt.Source(title="Kyiv red line"),
        )
    )
    return tl


class TestFindLinkageConflicts:
    def test_conflict_named(self) -> None:
        """A linkage requiring 100 % territory against a red line of [0, 20] is a conflict naming both."""
        tl = red_line_timeline(0, 20)
        tl.add(
            cond(
                "RU",
                yes("ceasefire"),
                nt.IssueClause("territory", nt.Region.point(PCT, 100)),
                kind="linkage",
            )
        )
        (conflict,) = nt.find_linkage_conflicts(tl.snapshot())
        assert conflict.blocker == "UA"
        assert conflict.condition.holder == "RU"
        assert conflict.acceptable == nt.Region.interval(PCT, 0, 20)
        assert "UA's red line on territory accepts only [0, 20]" in conflict.describe()
        assert conflict.to_dict()["blocker"] == "UA"

    def test_overlap_is_no_conflict(self) -> None:
        """A required region that meets the red line leaves a package both can sign."""
        tl = red_line_timeline(0, 20)
        tl.add(
            cond(
                "RU",
                yes("ceasefire"),
                nt.IssueClause("territory", nt.Region.interval(PCT, 10, 100)),
                kind="linkage",
            )
        )
        assert nt.find_linkage_conflicts(tl.snapshot()) == ()

    def test_no_red_line_no_conflict(self) -> None:
        """A position that is not a red line never makes a conflict."""
        tl = timeline()
        tl.add(
            nt.Statement(
                party="UA",
                issue="territory",
                date=DAY,
                position=nt.Position(ideal=0, acceptable=nt.Region.interval(PCT, 0, 20)),
                source=nt.Source(title="Kyiv"),
            )
        )
        tl.add(
            cond(
                "RU",
                yes("ceasefire"),
                nt.IssueClause("territory", nt.Region.point(PCT, 100)),
                kind="linkage",
            )
        )
        assert nt.find_linkage_conflicts(tl.snapshot()) == ()

    def test_holders_own_red_line_and_preconditions_ignored(self) -> None:
        """The holder's own red line and precondition kinds are not linkage conflicts."""
        tl = red_line_timeline(0, 20)
        tl.add(
            cond(
                "UA",
                yes("ceasefire"),
                nt.IssueClause("territory", nt.Region.point(PCT, 100)),
                kind="linkage",
            )
        )
        tl.add(cond("RU", yes("ceasefire"), nt.IssueClause("territory", nt.Region.point(PCT, 100))))
        assert nt.find_linkage_conflicts(tl.snapshot()) == ()

    @given(lo=nts.values(PCT), width=nts.values(PCT), req=nts.regions(PCT, min_parts=1))
    def test_concession_never_adds_a_linkage_conflict(
        self, lo: float, width: float, req: nt.Region
    ) -> None:
        """Widening the blocker's red line can only remove linkage conflicts."""
        hi = min(100.0, float(lo) + float(width))
        narrow, wide = red_line_timeline(float(lo), hi), red_line_timeline(0, 100)
        for tl in (narrow, wide):
            tl.add(cond("RU", yes("ceasefire"), nt.IssueClause("territory", req), kind="linkage"))
        assert len(nt.find_linkage_conflicts(wide.snapshot())) <= len(
            nt.find_linkage_conflicts(narrow.snapshot())
        )


class TestConditionStrategies:
    @given(
        nts.condition_timelines(min_clauses=3, max_clauses=5, min_conditions=2, max_conditions=6)
    )
    def test_condition_timelines_respect_sizes(self, tl: nt.Timeline) -> None:
        """Drawn timelines hold between min and max conditions over at most max_clauses clauses."""
        assert 2 <= len(tl.conditions) <= 6
        assert 3 <= len(tl.issues) + len(tl.events) <= 5
        assert all(c.kind is nt.ConditionKind.PRECONDITION for c in tl.conditions)

    @given(nts.condition_timelines(acyclic=True, max_conditions=20))
    def test_acyclic_timelines_have_acyclic_graphs(self, tl: nt.Timeline) -> None:
        """With acyclic=True the precondition graph is a DAG."""
        assert nx.is_directed_acyclic_graph(nt.condition_graph(tl.snapshot()))

    @given(nts.conditions(holders=["RU", "UA"], kinds=st.just(nt.ConditionKind.LINKAGE)))
    def test_conditions_use_given_holders_and_kinds(self, c: nt.Condition) -> None:
        """Drawn conditions use the holders and kinds asked for and link two different clauses."""
        assert c.holder in ("RU", "UA")
        assert c.kind is nt.ConditionKind.LINKAGE
        assert c.clause != c.requires

    @given(st.from_type(nt.Condition))
    def test_condition_type_is_registered(self, c: nt.Condition) -> None:
        """st.from_type(nt.Condition) draws valid conditions."""
        assert isinstance(c, nt.Condition)

    def test_bad_sizes_refused(self) -> None:
        """Fewer than two clauses cannot make a condition."""
        with pytest.raises(ValueError, match="need 2 <= min_clauses <= max_clauses"):
            nts.condition_timelines(min_clauses=1)


class TestOneSupersedesRule:
    """Issue 19, item 7: conditions keep the rule statements keep."""

    def test_a_condition_may_not_supersede_another_holders_condition(self) -> None:
        """B cannot withdraw A's condition: refused, naming the condition and its holder."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), id="ru-1"))
        before = tl.records
        with pytest.raises(nt.errors.TimelineError) as info:
            tl.add(cond("UA", yes("ceasefire"), yes("withdrawal"), supersedes="ru-1", lifted=True))
        assert str(info.value) == (
            "Condition.supersedes='ru-1' must name an earlier condition held by 'UA'; "
            "it is held by 'RU' dated 2025-12-28"
        )
        assert tl.records == before

    def test_a_lifting_dated_before_its_condition_is_refused(self) -> None:
        """A lifting dated before the condition it lifts would silently do nothing: refused."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), id="ru-1"))
        earlier = DAY - datetime.timedelta(days=1)
        with pytest.raises(nt.errors.TimelineError, match="dated 2025-12-28"):
            tl.add(
                cond(
                    "RU",
                    yes("ceasefire"),
                    yes("withdrawal"),
                    supersedes="ru-1",
                    lifted=True,
                    date=earlier,
                )
            )

    def test_the_holder_lifts_its_own_condition(self) -> None:
        """The rule still lets a holder lift its own condition, on the same day or later."""
        tl = timeline()
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), id="ru-1"))
        tl.add(cond("RU", yes("ceasefire"), yes("withdrawal"), supersedes="ru-1", lifted=True))
        assert tl.snapshot().conditions == ()


def test_condition_graph_refuses_an_unknown_condition_holder() -> None:
    """condition_holders names a party the snapshot does not know: one clear error."""
    snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    with pytest.raises(nt.errors.UnknownReferenceError, match="XX"):
        nt.condition_graph(snap, condition_holders=["XX"])
