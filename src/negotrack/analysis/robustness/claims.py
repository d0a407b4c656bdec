"""The conclusions of the brief, as claims a sample of the record can confirm or refute.

The ordinary brief (``negotrack analyze``, the HTML brief's summary) concludes, for the
record as coded: which issues have a zone of agreement and which have none, which are
deadlocked by red lines, which issue is the hardest, and which sequencing knots exist.
:func:`claims` lists those conclusions; :func:`facts` reads what one analysis says about
them, and :meth:`Claim.holds` whether a claim still holds in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from negotrack.analysis.deadlocks.results import ConditionReport, SequencingDeadlock
from negotrack.analysis.gaps import GapReport, IssueGap

__all__ = [
    "AGREEING",
    "KINDS",
    "Claim",
    "Facts",
    "claim_id",
    "claims",
    "facts",
    "hardest",
    "knot_key",
    "knots",
]

#: The kinds of conclusion the brief draws.
KINDS = ("zone", "apart", "deadlock", "hardest", "knot")

#: The gap statuses that mean "a zone of agreement exists".
AGREEING = ("agreed", "overlap")


def hardest(report: GapReport | Sequence[IssueGap]) -> IssueGap | None:
    """Return the hardest gap: the issue without overlap, not deadlocked, needing most.

    The one rule the brief's summary and the robustness analysis share (ties: the first
    issue on the agenda).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.claims import hardest
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> hardest(nt.analyze(snap)).issue.id
    'donbas_withdrawal'
    """
    gaps = report.gaps if isinstance(report, GapReport) else report
    apart = [g for g in gaps if g.status == "no_overlap" and not g.deadlocked]
    return max(apart, key=lambda g: g.needed) if apart else None


def claim_id(kind: str, subject: str) -> str:
    """Return the id of a conclusion: ``kind:subject`` (``hardest:donbas_withdrawal``).

    Examples
    --------
    >>> from negotrack.analysis.robustness.claims import claim_id
    >>> claim_id("apart", "guarantee_years")
    'apart:guarantee_years'
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} must be one of {', '.join(KINDS)}")
    return f"{kind}:{subject}"


def knot_key(knot: SequencingDeadlock) -> str:
    """Return a stable name of a sequencing knot: its clauses, sorted, joined by `` · ``."""
    return " · ".join(sorted(knot.key))


@attrs.frozen
class Facts:
    """What one analysis says about the brief's conclusions.

    Attributes
    ----------
    status : mapping of str to str
        Issue id to gap status.
    deadlocked : frozenset of str
        Issues deadlocked by red lines.
    hardest : str or None
        The hardest issue (:func:`hardest`).
    knots : frozenset of str
        The sequencing knots (:func:`knot_key`).
    """

    status: Mapping[str, str] = attrs.field(hash=False)
    deadlocked: frozenset[str]
    hardest: str | None
    knots: frozenset[str]


def knots(conditions: ConditionReport) -> frozenset[str]:
    """Return the sequencing knots of a condition report, by :func:`knot_key`.

    All the brief's conclusions take from a condition analysis. The knots are cycles of
    preconditions: they depend on the conditions in force only, not on any position.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.claims import knots
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> len(knots(nt.analyze_conditions(snap)))
    1
    """
    return frozenset(knot_key(k) for k in conditions.sequencing)


def facts(
    report: GapReport | Sequence[IssueGap], conditions: ConditionReport | frozenset[str]
) -> Facts:
    """Return the facts of one gap report (or its gaps) and its condition report.

    ``conditions`` may be the report's :func:`knots` instead, all the facts take from it.
    """
    gaps = report.gaps if isinstance(report, GapReport) else report
    hard = hardest(gaps)
    return Facts(
        status={g.issue.id: g.status for g in gaps},
        deadlocked=frozenset(g.issue.id for g in gaps if g.deadlocked),
        hardest=None if hard is None else hard.issue.id,
        knots=conditions if isinstance(conditions, frozenset) else knots(conditions),
    )


@attrs.frozen
class Claim:
    """One conclusion of the brief.

    Attributes
    ----------
    id : str
        ``kind:subject`` — ``zone:ISSUE`` (a zone of agreement exists), ``apart:ISSUE``
        (none exists), ``deadlock:ISSUE`` (a red-line deadlock), ``hardest:ISSUE`` (the
        hardest issue), ``knot:CLAUSES`` (a sequencing knot exists).
    text : str
        The conclusion in words.
    """

    id: str
    text: str

    @property
    def kind(self) -> str:
        """What the claim is about: ``zone``, ``apart``, ``deadlock``, ``hardest``, ``knot``."""
        return self.id.split(":", 1)[0]

    @property
    def subject(self) -> str:
        """The issue id, or the knot's clauses."""
        return self.id.split(":", 1)[1]

    def holds(self, found: Facts) -> bool:
        """Whether the claim holds in ``found``."""
        kind, subject = self.kind, self.subject
        if kind == "zone":
            return found.status.get(subject) in AGREEING
        if kind == "apart":
            return found.status.get(subject) == "no_overlap"
        if kind == "deadlock":
            return subject in found.deadlocked
        if kind == "hardest":
            return found.hardest == subject
        return subject in found.knots


def claims(
    report: GapReport, conditions: ConditionReport, names: Mapping[str, Any]
) -> tuple[Claim, ...]:
    """Return the conclusions the brief draws from one analysis, in the brief's order.

    Parameters
    ----------
    report : GapReport
        The analysis of the record as coded.
    conditions : ConditionReport
        Its condition analysis.
    names : mapping of str to str
        Issue id to title (for the words).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.robustness.claims import claims
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> report = nt.analyze(snap)
    >>> [c.id for c in claims(report, report.conditions, {})][:3]
    ['hardest:donbas_withdrawal', 'apart:donbas_withdrawal', 'apart:guarantee_years']
    """
    out: list[Claim] = []
    for gap in report.gaps:
        if gap.deadlocked:
            label = names.get(gap.issue.id, gap.issue.id)
            out.append(Claim(claim_id("deadlock", gap.issue.id), f"Red-line deadlock on {label}"))
    hard = hardest(report)
    if hard is not None:
        label = names.get(hard.issue.id, hard.issue.id)
        out.append(Claim(claim_id("hardest", hard.issue.id), f"The hardest issue is {label}"))
    for gap in report.gaps:
        label = names.get(gap.issue.id, gap.issue.id)
        if gap.status == "no_overlap":
            out.append(Claim(claim_id("apart", gap.issue.id), f"No zone of agreement on {label}"))
        elif gap.status in AGREEING:
            out.append(Claim(claim_id("zone", gap.issue.id), f"A zone of agreement on {label}"))
    for knot in conditions.sequencing:
        key = knot_key(knot)
        out.append(Claim(claim_id("knot", key), f"Sequencing deadlock over {key}"))
    return tuple(out)
