"""The condition graph: who will not move before whom, and packages nobody can sign.

Conditions live on the timeline (:class:`negotrack.Condition`); this module turns the
conditions in force on a snapshot into a :mod:`networkx` graph, built on demand and never
stored in the model. Nodes are clauses, named by their key (``"ceasefire ∈ {yes}"``,
``"event:referendum"``); an edge ``u → v`` reads "``u`` cannot happen before ``v``" and
carries the conditions that say so, with their holders, sources and credibility.

The module also finds *linkage conflicts*: a linkage ("``X`` only with ``Y``") whose
required clause ``Y`` lies wholly outside another party's red line on that issue, so the
package the holder asks for is one that party cannot sign.

Clauses are matched by key: two conditions meet in one node only if they code the same
issue with the same region (or the same event). Code a clause the same way everywhere it
is meant to be the same step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from negotrack.errors import InvalidTypeError, ScaleMismatchError, UnknownReferenceError
from negotrack.model.entities import Issue
from negotrack.model.regions import Region
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import (
    Clause,
    Condition,
    ConditionKind,
    EventClause,
    IssueClause,
)
from negotrack.timeline.snapshot import Snapshot

if TYPE_CHECKING:  # networkx is imported where a graph is made (~0.15 s of every start)
    import networkx as nx

__all__ = [
    "LinkageConflict",
    "condition_graph",
    "condition_graph_graphml",
    "condition_graph_node_link",
    "find_linkage_conflicts",
]

#: Attributes kept only in memory: rich objects that GraphML and JSON cannot hold.
_RICH_NODE_ATTRS = frozenset({"clause"})
_RICH_EDGE_ATTRS = frozenset({"conditions"})
_HOLDER = attrgetter("holder")
_CLAUSE = attrgetter("clause")
_REQUIRES = attrgetter("requires")


def check_snapshot(snapshot: object, where: str) -> Snapshot:
    """Return ``snapshot`` if it is a Snapshot, else raise InvalidTypeError naming ``where``."""
    if not isinstance(snapshot, Snapshot):
        raise InvalidTypeError(
            f"{where}: snapshot={snapshot!r} must be a Snapshot (use Timeline.snapshot(at=...))",
            path="snapshot",
            value=snapshot,
        )
    return snapshot


def _check_clause(
    issues: Mapping[str, Issue], cond: Condition, field: str, clause: IssueClause
) -> None:
    """Check an issue clause against the snapshot's agenda."""
    issue = issues.get(clause.issue)
    path = f"Condition({cond.id!r}).{field}"
    if issue is None:
        raise UnknownReferenceError(
            f"{path}.issue={clause.issue!r} is not an issue of the snapshot; known issues: "
            f"{', '.join(issues) or 'none'}",
            path=f"{path}.issue",
            value=clause.issue,
        )
    if clause.region.scale != issue.scale:
        raise ScaleMismatchError(
            f"{path}.region {clause.region.describe()} lies on scale {clause.region.scale}, "
            f"but issue {clause.issue!r} is on scale {issue.scale}",
            path=f"{path}.region",
            value=clause.region,
        )


def capabilities(
    snapshot: Snapshot,
    conditions: Iterable[Condition],
    clauses: Iterable[Clause] | None = None,
) -> dict[str, float]:
    """Return each holder's capability, checking every holder and clause against the snapshot.

    ``clauses``, when given, are the conditions' clause objects (each at least once), as a
    caller that has already collected them passes them; otherwise they are collected here.

    Raises
    ------
    UnknownReferenceError
        If a condition names a party or issue the snapshot does not know.
    ScaleMismatchError
        If an issue clause's region is not on its issue's scale.
    """
    caps = {p.id: p.capability for p in snapshot.parties}
    issues = {i.id: i for i in snapshot.issues}
    conditions = list(conditions)
    if _all_known(issues, caps, conditions, clauses):
        return caps
    for cond in conditions:  # something is wrong: find the first culprit, in order
        if cond.holder not in caps:
            raise UnknownReferenceError(
                f"Condition({cond.id!r}).holder={cond.holder!r} is not a party of the snapshot; "
                f"known parties: {', '.join(caps) or 'none'}",
                path=f"Condition({cond.id!r}).holder",
                value=cond.holder,
            )
        # Only issue clauses are checked: events may lie in the future.
        if isinstance(cond.clause, IssueClause):
            _check_clause(issues, cond, "clause", cond.clause)
        if isinstance(cond.requires, IssueClause):
            _check_clause(issues, cond, "requires", cond.requires)
    return caps


def _all_known(
    issues: Mapping[str, Issue],
    caps: Mapping[str, float],
    conditions: list[Condition],
    clauses: Iterable[Clause] | None,
) -> bool:
    """Return whether every holder is known and every issue clause fits the agenda.

    The quick check of :func:`capabilities`, in C-level passes: each distinct holder and
    each distinct issue clause object is looked at once.
    """
    if not caps.keys() >= set(map(_HOLDER, conditions)):
        return False
    if clauses is None:
        both = [*map(_CLAUSE, conditions), *map(_REQUIRES, conditions)]
        clauses = dict(zip(map(id, both), both, strict=True)).values()  # each object once
    for clause in clauses:
        if not isinstance(clause, IssueClause):
            continue
        issue = issues.get(clause.issue)
        if issue is None or clause.region.scale != issue.scale:
            return False
    return True


def _node_attrs(clause: Clause) -> dict[str, Any]:
    if isinstance(clause, EventClause):
        return {"clause": clause, "type": "event", "ref": clause.event, "region": ""}
    return {
        "clause": clause,
        "type": "issue",
        "ref": clause.issue,
        "region": clause.region.describe(),
    }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _edge_attrs(conds: tuple[Condition, ...], caps: Mapping[str, float]) -> dict[str, Any]:
    if len(conds) == 1:  # the common case, kept cheap for large graphs
        (c,) = conds
        return {
            "conditions": conds,
            "condition": str(c.id),
            "holder": c.holder,
            "kind": c.kind.value,
            "citation": c.source.cite(),
            "credibility": c.credibility.label,
            "date": c.date.isoformat(),
            "count": 1,
            "capability": float(caps.get(c.holder, 1.0)),
        }
    return {
        "conditions": conds,
        "condition": ", ".join(str(c.id) for c in conds),
        "holder": ", ".join(_unique(c.holder for c in conds)),
        "kind": ", ".join(_unique(c.kind.value for c in conds)),
        "citation": " | ".join(_unique(c.source.cite() for c in conds)),
        "credibility": max(c.credibility for c in conds).label,
        "date": min(c.date for c in conds).isoformat(),
        "count": len(conds),
        "capability": float(sum(caps.get(c.holder, 1.0) for c in conds)),
    }


def build_graph(
    conditions: Iterable[Condition], caps: Mapping[str, float], **graph_attrs: Any
) -> nx.DiGraph:
    """Build the condition graph of ``conditions`` (no checks; see :func:`condition_graph`)."""
    import networkx as nx

    graph = nx.DiGraph(**graph_attrs)
    on_edge: dict[tuple[str, str], list[Condition]] = {}
    keys: dict[Clause, str] = {}
    for cond in conditions:
        ends = []
        for clause in (cond.clause, cond.requires):
            key = keys.get(clause)
            if key is None:
                key = keys[clause] = clause.key
                graph.add_node(key, **_node_attrs(clause))
            ends.append(key)
        on_edge.setdefault((ends[0], ends[1]), []).append(cond)
    graph.add_edges_from((u, v, _edge_attrs(tuple(cs), caps)) for (u, v), cs in on_edge.items())
    return graph


def condition_graph(
    snapshot: Snapshot,
    *,
    linkages: bool = False,
    condition_holders: Iterable[str] | None = None,
) -> nx.DiGraph:
    """Return the condition graph of the conditions in force on a snapshot.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date (conditions already filtered by date and credibility).
    linkages : bool, optional
        Also draw linkage conditions ("only with") as edges; by default only
        preconditions ("only after"), which are what sequencing deadlocks are made of.
    condition_holders : iterable of str, optional
        Draw only the conditions these parties hold (default: every party's), as in
        :func:`negotrack.analyze_conditions`.

    Returns
    -------
    networkx.DiGraph
        Nodes are clause keys, in the order the conditions name them, with attributes
        ``clause`` (the IssueClause or EventClause), ``type`` (``"issue"``/``"event"``),
        ``ref`` (the issue or event id) and ``region`` (the region in words, ``""`` for
        events). An edge ``u → v`` means "``u`` cannot happen before ``v``"; it carries
        ``conditions`` (every Condition saying so, in snapshot order) and, flattened into
        strings and numbers, ``condition`` (ids), ``holder``, ``kind``, ``citation``
        (the sources cited), ``credibility`` (the highest), ``date`` (the earliest), ``count``
        (how many conditions) and ``capability`` (the holders' total capability). Graph
        attributes: ``date`` and ``min_credibility`` of the snapshot.

    Raises
    ------
    InvalidTypeError
        If ``snapshot`` is not a Snapshot.
    UnknownReferenceError
        If a condition names a party or issue the snapshot does not know, or
        ``condition_holders`` names an unknown party.
    ScaleMismatchError
        If a clause region is not on its issue's scale.

    Notes
    -----
    The graph is rebuilt from the snapshot on each call and never stored in the model.
    Two conditions naming the same pair of clauses share one edge (``count == 2``).
    Export it with :func:`condition_graph_node_link` or :func:`condition_graph_graphml`.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> yes = nt.OrdinalScale(["no", "yes"])
    >>> tl = nt.Timeline(issues=[nt.Issue("ceasefire", yes), nt.Issue("withdrawal", yes)],
    ...                  parties=[nt.Party("RU", name="Russia")])
    >>> _ = tl.add(nt.Condition(holder="RU", date=datetime.date(2025, 12, 28),
    ...     clause=nt.IssueClause("ceasefire", nt.Region.labels(yes, ["yes"])),
    ...     requires=nt.IssueClause("withdrawal", nt.Region.labels(yes, ["yes"])),
    ...     source=nt.Source(title="Kremlin rejects a ceasefire", publisher="Reuters")))
    >>> g = nt.condition_graph(tl.snapshot())
    >>> list(g.edges(data="holder"))
    [('ceasefire ∈ {yes}', 'withdrawal ∈ {yes}', 'RU')]
    >>> g.edges["ceasefire ∈ {yes}", "withdrawal ∈ {yes}"]["citation"]
    'Reuters, "Kremlin rejects a ceasefire"'
    """
    snapshot = check_snapshot(snapshot, "condition_graph")
    conds = [c for c in snapshot.conditions if linkages or c.kind is ConditionKind.PRECONDITION]
    if condition_holders is not None:
        held = set(select_parties(snapshot, condition_holders, path="condition_holders"))
        conds = [c for c in conds if c.holder in held]
    caps = capabilities(snapshot, conds)
    return build_graph(
        conds,
        caps,
        date=snapshot.date.isoformat() if snapshot.date else "latest",
        min_credibility=snapshot.min_credibility.label,
    )


def _plain(graph: nx.DiGraph) -> nx.DiGraph:
    """Return a copy of ``graph`` without the in-memory objects: strings and numbers only."""
    import networkx as nx

    if not isinstance(graph, nx.DiGraph):
        raise InvalidTypeError(
            f"graph={graph!r} must be a networkx DiGraph from negotrack.condition_graph",
            path="graph",
            value=graph,
        )
    plain = nx.DiGraph()
    plain.graph.update({k: v for k, v in graph.graph.items() if _safe(v)})
    plain.add_nodes_from(
        (n, {k: v for k, v in d.items() if k not in _RICH_NODE_ATTRS and _safe(v)})
        for n, d in graph.nodes(data=True)
    )
    plain.add_edges_from(
        (u, v, {k: x for k, x in d.items() if k not in _RICH_EDGE_ATTRS and _safe(x)})
        for u, v, d in graph.edges(data=True)
    )
    return plain


def _safe(value: object) -> bool:
    return isinstance(value, str | int | float | bool)


def condition_graph_node_link(graph: nx.DiGraph) -> dict[str, Any]:
    """Return a condition graph as node-link data, ready for :func:`json.dumps`.

    Parameters
    ----------
    graph : networkx.DiGraph
        A graph from :func:`condition_graph`.

    Returns
    -------
    dict
        ``networkx.node_link_data(graph, edges="edges")`` of the graph with the in-memory
        objects (``clause``, ``conditions``) left out; every other attribute is a string or
        a number. ``networkx.node_link_graph(data, edges="edges")`` reads it back.

    Raises
    ------
    InvalidTypeError
        If ``graph`` is not a networkx DiGraph.

    Examples
    --------
    >>> import json, networkx as nx, negotrack as nt
    >>> g = nt.condition_graph(nt.Timeline(issues=[], parties=[]).snapshot())
    >>> data = nt.condition_graph_node_link(g)
    >>> sorted(data), data["graph"]
    (['directed', 'edges', 'graph', 'multigraph', 'nodes'], {'date': 'latest', 'min_credibility': 'alleged'})
    >>> nx.node_link_graph(json.loads(json.dumps(data)), edges="edges").number_of_nodes()
    0
    """
    import networkx as nx

    data: dict[str, Any] = nx.node_link_data(_plain(graph), edges="edges")
    return data


def condition_graph_graphml(graph: nx.DiGraph) -> str:
    """Return a condition graph as a GraphML document (a string to write to a file).

    Parameters
    ----------
    graph : networkx.DiGraph
        A graph from :func:`condition_graph`.

    Returns
    -------
    str
        GraphML text; node ids are the clause keys, attributes as in
        :func:`condition_graph_node_link`. ``networkx.read_graphml`` reads it back.

    Raises
    ------
    InvalidTypeError
        If ``graph`` is not a networkx DiGraph.

    Examples
    --------
    >>> import negotrack as nt
    >>> g = nt.condition_graph(nt.Timeline(issues=[], parties=[]).snapshot())
    >>> nt.condition_graph_graphml(g).startswith("<graphml")
    True
    """
    import networkx as nx

    return "\n".join(nx.generate_graphml(_plain(graph)))


# ---------------------------------------------------------------------------- linkage conflicts


@attrs.frozen(kw_only=True)
class LinkageConflict:
    """A linkage whose required clause another party's red line rules out.

    ``condition.holder`` accepts ``condition.clause`` only in a package that settles
    ``issue`` within ``required``; ``blocker`` holds a red line on ``issue`` that accepts
    only ``acceptable``, which does not meet ``required``: a package ``blocker`` cannot sign.

    Attributes
    ----------
    condition : Condition
        The linkage condition.
    blocker : str
        Id of the party whose red line excludes the required clause.
    issue : str
        The issue of the required clause.
    required : Region
        What the linkage requires on ``issue``.
    acceptable : Region
        What ``blocker``'s red line accepts on ``issue``.
    """

    condition: Condition
    blocker: str
    issue: str
    required: Region
    acceptable: Region

    def describe(self) -> str:
        """Return the conflict in plain words.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> pct = nt.NumericScale(0, 100, unit="%")
        >>> yes = nt.OrdinalScale(["no", "yes"])
        >>> tl = nt.Timeline(issues=[nt.Issue("withdrawal", pct), nt.Issue("peace", yes)],
        ...                  parties=[nt.Party("RU"), nt.Party("UA")])
        >>> _ = tl.add(nt.Statement(party="UA", issue="withdrawal", date=datetime.date(2025, 12, 1),
        ...     position=nt.Position(ideal=0, acceptable=nt.Region.interval(pct, 0, 20), red_line=True),
        ...     source=nt.Source(title="Kyiv rules out withdrawal")))
        >>> _ = tl.add(nt.Condition(holder="RU", kind="linkage", date=datetime.date(2025, 12, 2),
        ...     clause=nt.IssueClause("peace", nt.Region.labels(yes, ["yes"])),
        ...     requires=nt.IssueClause("withdrawal", nt.Region.point(pct, 100)),
        ...     source=nt.Source(title="Kremlin terms")))
        >>> print(nt.find_linkage_conflicts(tl.snapshot())[0].describe())
        RU accepts peace ∈ {yes} only with withdrawal ∈ [100, 100] (c1; "Kremlin terms"), but UA's red line on withdrawal accepts only [0, 20]: a package UA cannot sign
        """
        c = self.condition
        return (
            f"{c.holder} accepts {c.clause.key} only with {c.requires.key} "
            f"({c.id}; {c.source.cite()}), but {self.blocker}'s red line on {self.issue} "
            f"accepts only {self.acceptable.describe()}: a package {self.blocker} cannot sign"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the conflict as plain data for JSON."""
        return {
            "condition": self.condition.id,
            "holder": self.condition.holder,
            "clause": self.condition.clause.key,
            "requires": self.condition.requires.key,
            "source": self.condition.source.cite(),
            "blocker": self.blocker,
            "issue": self.issue,
            "required": self.required.describe(),
            "acceptable": self.acceptable.describe(),
            "text": self.describe(),
        }


def find_linkage_conflicts(snapshot: Snapshot) -> tuple[LinkageConflict, ...]:
    """Return the linkages whose required clause another party's red line rules out.

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.

    Returns
    -------
    tuple of LinkageConflict
        In condition order, then party order. A linkage "``X`` only with ``Y``" by a
        holder conflicts with a party other than the holder whose position in force on
        ``Y``'s issue is a red line whose acceptable region does not meet ``Y``'s region.
        Linkages requiring an event clause never conflict (events carry no positions).

    Raises
    ------
    InvalidTypeError
        If ``snapshot`` is not a Snapshot.
    UnknownReferenceError
        If a condition names a party or issue the snapshot does not know.

    Notes
    -----
    Monotone in red lines: a blocker conceding (its acceptable region growing) can only
    remove conflicts, never add one.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.find_linkage_conflicts(nt.Timeline(issues=[], parties=[]).snapshot())
    ()
    """
    snapshot = check_snapshot(snapshot, "find_linkage_conflicts")
    return linkage_conflicts(snapshot, split_conditions(snapshot.conditions)[1])


def split_conditions(
    conditions: Sequence[Condition],
) -> tuple[list[Condition], list[Condition]]:
    """Return the preconditions and the linkages among ``conditions``, each in order.

    One pass over the conditions when they are all preconditions (the common case).
    """
    pre = [c for c in conditions if c.kind is ConditionKind.PRECONDITION]
    if len(pre) == len(conditions):
        return pre, []
    return pre, [c for c in conditions if c.kind is ConditionKind.LINKAGE]


def linkage_conflicts(
    snapshot: Snapshot, links: Sequence[Condition]
) -> tuple[LinkageConflict, ...]:
    """Return the conflicts of the linkages ``links`` of ``snapshot`` (:func:`find_linkage_conflicts`)."""
    capabilities(snapshot, links)
    out: list[LinkageConflict] = []
    for cond in links:
        req = cond.requires
        if not isinstance(req, IssueClause):
            continue
        for party in snapshot.parties:
            if party.id == cond.holder:
                continue
            pos = snapshot.position(party.id, req.issue)
            if pos is None or not pos.red_line or not req.region.is_disjoint(pos.acceptable):
                continue
            out.append(
                LinkageConflict(
                    condition=cond,
                    blocker=party.id,
                    issue=req.issue,
                    required=req.region,
                    acceptable=pos.acceptable,
                )
            )
    return tuple(out)
