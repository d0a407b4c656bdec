"""What the agreement space's analyses return: solutions, logrolls, the frontier, the report.

Plain result types, each with ``to_dict()`` (plain data for JSON) and ``describe()`` (text
for reports): :class:`Solution` (a bargaining solution's package and utilities),
:class:`Logroll` (a trade between two parties), :class:`Frontier` (the exact Pareto frontier,
read from the back-pointers :func:`~negotrack.analysis.agreement.frontier.merge_frontier`
leaves) and :class:`AgreementReport` (all of it for one snapshot).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from negotrack._words import count
from negotrack.model.entities import Issue
from negotrack.model.scales import Value, format_number, with_unit

from .frontier import Back, Vector


def _package(value: Mapping[str, Value]) -> dict[str, Value]:
    return dict(value)


def _floats(value: Mapping[str, float]) -> dict[str, float]:
    return dict(value)


def _texts(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


def _fmt_value(v: Value) -> str:
    return format_number(v) if isinstance(v, float | int) else str(v)


def issue_units(issues: Iterable[Issue]) -> dict[str, str]:
    """Return issue id to unit, for the numeric issues that have one.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.agreement.results import issue_units
    >>> issue_units([nt.Issue("y", nt.NumericScale(0, 100, unit="years")),
    ...              nt.Issue("k", nt.OrdinalScale(["a", "b"]))])
    {'y': 'years'}
    """
    return {i.id: unit for i in issues if (unit := getattr(i.scale, "unit", ""))}


def package_words(package: Mapping[str, Value], units: Mapping[str, str]) -> dict[str, str]:
    """Return each outcome of a package as people write it, numbers with their issue's unit.

    Examples
    --------
    >>> from negotrack.analysis.agreement.results import package_words
    >>> package_words({"y": 15.0, "k": "b"}, {"y": "years"})
    {'y': '15 years', 'k': 'b'}
    """
    return {
        i: with_unit(_fmt_value(v), units.get(i, "")) if isinstance(v, float | int) else str(v)
        for i, v in package.items()
    }


def _fmt_package(package: Mapping[str, Value], units: Mapping[str, str] | None = None) -> str:
    return ", ".join(f"{i}={text}" for i, text in package_words(package, units or {}).items())


def _fmt_utils(utilities: Mapping[str, float]) -> str:
    return ", ".join(f"{p} {u:.3f}" for p, u in utilities.items())


@attrs.frozen(kw_only=True)
class Solution:
    """A bargaining solution: its name, package and each party's utility there.

    Attributes
    ----------
    name : str
        One of :data:`SOLUTIONS`.
    package : mapping of str to value
        Issue id to outcome.
    utilities : mapping of str to float
        Party id to utility.
    fallback : mapping of str to float
        Party id to its fallback (disagreement) utility, when known (``nt.agreement`` sets
        it): what the party gets without an agreement.
    outside : mapping of str to tuple of str
        Party id to the issues on which the package lies outside that party's acceptable
        region (empty when none; ``nt.agreement`` sets it from the positions in force).
    ties : tuple of mapping
        The packages of every other frontier point the solution's criterion rates as good
        (within :data:`~negotrack.analysis.agreement.solutions.TIE_TOLERANCE`): the
        ``package`` is the first of them in frontier order, a convention, not a choice.
    frontier_complete : bool
        False when the solution was picked from a frontier cut short by the time limit
        (``nt.agreement`` sets it): the best of the points found, which the solution of
        the whole frontier may beat.
    more_ties : bool
        True when other packages tie too that ``ties`` does not list: with three or more
        parties on continuous issues the packages as good often form a continuum, of which
        one is listed (see :mod:`negotrack.analysis.agreement.continuous_milp`).
    cut : str or None
        None when the solution is certified optimal (always, except with three or more
        parties on continuous issues); else one line saying why it is not (the time limit
        stopped the solver: the best package found).
    units : mapping of str to str
        Issue id to the unit of its scale, for numeric issues with one (``nt.agreement``
        sets it from the record): the package is written with them (``shown``).

    Examples
    --------
    >>> import negotrack as nt
    >>> s = nt.Solution(name="nash", package={"x": 1}, utilities={"A": 0.5, "B": 0.25})
    >>> s.describe()
    'nash: x=1 (A 0.500, B 0.250)'
    >>> nt.Solution(name="nash", package={"x": 1}, utilities={"A": 0.5}, fallback={"A": 0.2},
    ...             outside={"A": ("x",)}, units={"x": "years"}).describe()
    "nash: x=1 years (A 0.500); outside A's acceptable range on x"
    """

    name: str
    package: Mapping[str, Value] = attrs.field(converter=_package, hash=False)
    utilities: Mapping[str, float] = attrs.field(converter=_floats, hash=False)
    fallback: Mapping[str, float] = attrs.field(factory=dict, converter=_floats, hash=False)
    outside: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    ties: tuple[Mapping[str, Value], ...] = attrs.field(default=(), hash=False)
    frontier_complete: bool = True
    more_ties: bool = False
    cut: str | None = None
    units: Mapping[str, str] = attrs.field(factory=dict, converter=_texts, hash=False)

    @property
    def gains(self) -> dict[str, float]:
        """Each party's gain over its fallback (only for parties with a known fallback)."""
        return {p: u - self.fallback[p] for p, u in self.utilities.items() if p in self.fallback}

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: name, package (and as ``shown``, with units), utilities, ..."""
        return {
            "name": self.name,
            "package": dict(self.package),
            "shown": package_words(self.package, self.units),
            "units": dict(self.units),
            "utilities": dict(self.utilities),
            "fallback": dict(self.fallback),
            "gains": self.gains,
            "outside": {p: list(issues) for p, issues in self.outside.items()},
            "ties": [dict(t) for t in self.ties],
            "more_ties": self.more_ties,
            "frontier_complete": self.frontier_complete,
            "cut": self.cut,
        }

    def describe(self) -> str:
        """Return one line: name, package, utilities and any acceptable range it breaks."""
        text = (
            f"{self.name}: {_fmt_package(self.package, self.units)} ({_fmt_utils(self.utilities)})"
        )
        for party, issues in self.outside.items():
            text += f"; outside {party}'s acceptable range on {', '.join(issues)}"
        if self.ties:
            shown = " | ".join(_fmt_package(t, self.units) for t in self.ties[:3])
            more = f" and {len(self.ties) - 3} more" if len(self.ties) > 3 else ""
            text += f"; tied with {count(len(self.ties), 'other package')}: {shown}{more}"
        if self.more_ties:
            text += "; the optimum is not unique (more tied packages than listed)"
        if not self.frontier_complete:
            text += "; picked from a frontier cut short (the best of the points found)"
        if self.cut is not None:
            text += f"; {self.cut}"
        return text


@attrs.frozen(kw_only=True)
class Logroll:
    """A trade between two parties across two issues that both gain from.

    ``party_a`` gets its best outcome on ``issue_a`` (which it values more than ``issue_b``)
    and concedes ``issue_b`` to ``party_b``, who values ``issue_b`` more than ``issue_a``.

    Attributes
    ----------
    party_a, party_b : str
        The two parties.
    issue_a, issue_b : str
        The issue ``party_a`` wins and the issue ``party_b`` wins.
    outcome_a, outcome_b : value
        The outcomes on ``issue_a`` and ``issue_b`` in the trade.
    gain_a, gain_b : float
        Each party's utility gain over the baseline package (both > 0).
    """

    party_a: str
    party_b: str
    issue_a: str
    issue_b: str
    outcome_a: Value
    outcome_b: Value
    gain_a: float
    gain_b: float

    @property
    def joint_gain(self) -> float:
        """The sum of both gains (what trades are ranked by)."""
        return self.gain_a + self.gain_b

    def to_dict(self) -> dict[str, Any]:
        """Return plain data, including ``joint_gain``."""
        d = attrs.asdict(self)
        d["joint_gain"] = self.joint_gain
        return d

    def describe(self) -> str:
        """Return one line in words."""
        return (
            f"{self.party_a} gets {self.issue_a}={_fmt_value(self.outcome_a)}, "
            f"{self.party_b} gets {self.issue_b}={_fmt_value(self.outcome_b)}: "
            f"gains {self.gain_a:+.3f} / {self.gain_b:+.3f} (joint {self.joint_gain:.3f})"
        )


@attrs.frozen(kw_only=True)
class FrontierSegment:
    """A straight piece of the Pareto frontier along which one continuous issue moves.

    Every package between the two ends (the moving issue between ``start`` and ``end``
    outcomes, the other issues as in both) is Pareto-optimal, and the utilities move
    linearly between ``start_utilities`` and ``end_utilities``.

    Attributes
    ----------
    issue : str
        The continuous issue that moves along the segment.
    start, end : mapping of str to value
        The packages at the two ends (``start`` is the end better for the first party).
    start_utilities, end_utilities : mapping of str to float
        Each party's utility at the two ends (the limits along the segment).
    start_open, end_open : bool
        Whether that end is left out: where a soft acceptable range ends, the package at
        the end is worth more to a party than the limit along the segment, so the segment
        reaches up to the end without holding it (the end package is then a frontier point
        of its own, or dominated).

    Examples
    --------
    >>> import negotrack as nt
    >>> seg = nt.FrontierSegment(issue="x", start={"x": 10.0}, end={"x": 32.5},
    ...     start_utilities={"A": 0.9, "B": 0.2}, end_utilities={"A": 0.6, "B": 0.5})
    >>> seg.describe()
    'x from 10 to 32.5 (A 0.900 → 0.600, B 0.200 → 0.500)'
    """

    issue: str
    start: Mapping[str, Value] = attrs.field(converter=_package, hash=False)
    end: Mapping[str, Value] = attrs.field(converter=_package, hash=False)
    start_utilities: Mapping[str, float] = attrs.field(converter=_floats, hash=False)
    end_utilities: Mapping[str, float] = attrs.field(converter=_floats, hash=False)
    start_open: bool = False
    end_open: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: the moving issue, both end packages, utilities and openness."""
        return {
            "issue": self.issue,
            "start": {
                "package": dict(self.start),
                "utilities": dict(self.start_utilities),
                "open": self.start_open,
            },
            "end": {
                "package": dict(self.end),
                "utilities": dict(self.end_utilities),
                "open": self.end_open,
            },
        }

    def describe(self) -> str:
        """Return one line: the moving issue's range and the utilities at both ends."""
        utils = ", ".join(
            f"{p} {u:.3f} → {self.end_utilities[p]:.3f}" for p, u in self.start_utilities.items()
        )
        fixed = {i: v for i, v in self.start.items() if i != self.issue}
        where = f", with {_fmt_package(fixed)}" if fixed else ""
        a, b = _fmt_value(self.start[self.issue]), _fmt_value(self.end[self.issue])
        gone = [v for v, cut in ((a, self.start_open), (b, self.end_open)) if cut]
        note = ""
        if len(gone) == 1:
            note = f"; the end at {gone[0]} excluded"
        elif gone:
            note = f"; both ends ({a}, {b}) excluded"
        return f"{self.issue} from {a} to {b}{where} ({utils}{note})"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Frontier:
    """The exact Pareto frontier of an agreement space's rational feasible packages.

    Points are distinct utility vectors in decreasing order of the first party's utility;
    each may be reached by several packages (ties), all of which are Pareto-optimal and all
    of which :meth:`packages` yields.

    Built by :meth:`AgreementSpace.frontier`; not constructed directly.

    Attributes
    ----------
    parties, issues : tuple of str
        Whose utilities the points hold, and the issues of the packages.
    points : tuple of tuple of float
        The distinct utility vectors on the frontier's isolated points.
    segments : tuple of FrontierSegment
        Where continuous issues make the frontier a line (empty on discrete spaces): each
        moves one issue between two packages, every package between them Pareto-optimal.
    cut : str or None
        None when the frontier is exact; otherwise one line saying what the time limit cut
        short: ``points`` are then a subset of the frontier (each Pareto-optimal).
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    points: tuple[Vector, ...]
    _back: list[Back] = attrs.field(factory=list)
    _final: list[int] = attrs.field(factory=list)
    _outcomes: list[list[Value]] = attrs.field(factory=list)
    segments: tuple[FrontierSegment, ...] = ()
    _listed: tuple[tuple[dict[str, Value], ...], ...] | None = None
    cut: str | None = None

    @property
    def complete(self) -> bool:
        """Whether ``points`` is the whole frontier (False: a subset, see ``cut``)."""
        return self.cut is None

    def __len__(self) -> int:
        return len(self.points)

    def _walk(self, step: int, k: int) -> Iterator[tuple[int, ...]]:
        if step < 0:
            yield ()
            return
        for prev, j in self._back[step][k]:
            for rest in self._walk(step - 1, prev):
                yield (*rest, j)

    def packages_at(self, index: int) -> Iterator[dict[str, Value]]:
        """Yield every package whose utilities are ``points[index]``."""
        if self._listed is not None:
            yield from (dict(p) for p in self._listed[index])
            return
        last = len(self.issues) - 1
        for choice in self._walk(last, self._final[index]):
            yield {
                i: self._outcomes[s][j]
                for s, (i, j) in enumerate(zip(self.issues, choice, strict=True))
            }

    def package(self, index: int) -> dict[str, Value]:
        """Return the first package whose utilities are ``points[index]``."""
        return next(self.packages_at(index))

    def packages(self) -> Iterator[tuple[dict[str, Value], Vector]]:
        """Yield every frontier package with its utility vector (ties included)."""
        for k, point in enumerate(self.points):
            for pkg in self.packages_at(k):
                yield pkg, point

    @property
    def n_packages(self) -> int:
        """How many packages the frontier's points hold (ties counted; segments not counted)."""
        if self._listed is not None:
            return sum(len(p) for p in self._listed)
        counts: list[int] = []
        for step, per_point in enumerate(self._back):
            if step == 0:
                counts = [len(b) for b in per_point]
            else:
                counts = [sum(counts[p] for p, _ in b) for b in per_point]
        if not self._back:
            return 0
        return sum(counts[k] for k in self._final)

    def to_dict(self, *, limit: int | None = 50) -> dict[str, Any]:
        """Return plain data: parties, issues, sizes, up to ``limit`` points and segments."""
        shown = self.points if limit is None else self.points[:limit]
        segs = self.segments if limit is None else self.segments[:limit]
        return {
            "parties": list(self.parties),
            "issues": list(self.issues),
            "n_points": len(self.points),
            "n_packages": self.n_packages,
            "complete": self.complete,
            "cut": self.cut,
            "points": [
                {"utilities": dict(zip(self.parties, pt, strict=True)), "package": self.package(k)}
                for k, pt in enumerate(shown)
            ],
            "n_segments": len(self.segments),
            "segments": [s.to_dict() for s in segs],
        }

    def describe(self, *, limit: int = 10) -> str:
        """Return the size and the first ``limit`` points (and segments), one per line."""
        head = (
            f"Pareto frontier: {count(len(self.points), 'point')}, "
            f"{count(self.n_packages, 'package')}"
        )
        if self.segments:
            head += f", {count(len(self.segments), 'segment')}"
        lines = [head]
        if self.cut is not None:
            lines.append(f"  {self.cut[0].upper()}{self.cut[1:]}.")
        for k, pt in enumerate(self.points[:limit]):
            utils = dict(zip(self.parties, pt, strict=True))
            lines.append(f"  {_fmt_package(self.package(k))} ({_fmt_utils(utils)})")
        if len(self.points) > limit:
            lines.append(f"  ... {len(self.points) - limit} more")
        lines.extend(f"  segment: {seg.describe()}" for seg in self.segments[:limit])
        if len(self.segments) > limit:
            lines.append(f"  ... {len(self.segments) - limit} more segments")
        return "\n".join(lines)

    def __repr__(self) -> str:
        segs = f", {count(len(self.segments), 'segment')}" if self.segments else ""
        return (
            f"<Frontier: {count(len(self.points), 'point')}{segs}"
            f"{'' if self.complete else ' (cut short)'} over "
            f"{count(len(self.issues), 'issue')}, "
            f"parties {', '.join(self.parties)}>"
        )


def shortfall_words(shortfall: Mapping[str, float]) -> str:
    """Say which parties no package satisfies, and by how much they fall short.

    Examples
    --------
    >>> from negotrack.analysis.agreement.results import shortfall_words
    >>> shortfall_words({"A": 0.125})
    'No package gives every party its reserved value: the closest leaves A short by 0.125.'
    """
    who = ", ".join(f"{p} short by {v:.3f}" for p, v in shortfall.items())
    return f"No package gives every party its reserved value: the closest leaves {who}."


@attrs.frozen(kw_only=True, repr=False)
class AgreementReport:
    """The agreement space of a snapshot in one result: sizes, frontier, solutions, trades.

    Attributes
    ----------
    parties, issues : tuple of str
        Who and what the space covers.
    size, feasible_size : int
        Packages, and packages every red line allows.
    excluded : mapping
        Issue id to {outcome: parties whose red line excludes it}.
    frontier : Frontier
        The exact Pareto frontier, or a subset of it when the time limit cut it short
        (``frontier.cut`` says so in one line).
    solutions : mapping of str to Solution or None
        Nash, Kalai–Smorodinsky, egalitarian and utilitarian (None if nothing is rational).
    logrolls : tuple of Logroll
        Trades between every pair of parties, best joint gain first.
    continuous : tuple of str
        The numeric issues solved over their whole range (every value between their
        breakpoints); ``size`` and ``excluded`` count their breakpoints only.
    shortfall : mapping of str to float
        When no package is rational: for the package that comes closest (the largest
        smallest margin over the reserved values), each party left below its reserved
        value and by how much. Empty when some package is rational.
    units : mapping of str to str
        Issue id to the unit of its scale, for numeric issues with one (empty without a
        record: ``agreement_from_utilities``).
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    size: int
    feasible_size: int
    excluded: Mapping[str, Mapping[Value, tuple[str, ...]]] = attrs.field(hash=False)
    frontier: Frontier = attrs.field(eq=False, hash=False)
    solutions: Mapping[str, Solution | None] = attrs.field(hash=False)
    logrolls: tuple[Logroll, ...] = ()
    continuous: tuple[str, ...] = ()
    shortfall: Mapping[str, float] = attrs.field(factory=dict, hash=False)
    units: Mapping[str, str] = attrs.field(factory=dict, converter=_texts, hash=False)

    def __repr__(self) -> str:
        found = sum(1 for s in self.solutions.values() if s is not None)
        return (
            f"<AgreementReport: {count(len(self.parties), 'party', 'parties')} "
            f"({', '.join(self.parties)}), {count(len(self.issues), 'issue')}, "
            f"{count(self.size, 'package')} ({self.feasible_size} within every red line), "
            f"{count(len(self.frontier.points), 'frontier point')}"
            f"{'' if self.frontier.complete else ' (cut short)'}, "
            f"{found} of {count(len(self.solutions), 'solution')} found>"
        )

    def to_dict(self, *, limit: int | None = 50) -> dict[str, Any]:
        """Return plain data for JSON (the frontier's points capped at ``limit``)."""
        return {
            "parties": list(self.parties),
            "issues": list(self.issues),
            "size": self.size,
            "feasible_size": self.feasible_size,
            "excluded": {
                i: [{"outcome": o, "parties": list(ps)} for o, ps in ex.items()]
                for i, ex in self.excluded.items()
            },
            "frontier": self.frontier.to_dict(limit=limit),
            "solutions": {k: (s.to_dict() if s else None) for k, s in self.solutions.items()},
            "logrolls": [t.to_dict() for t in self.logrolls],
            "continuous": list(self.continuous),
            "shortfall": dict(self.shortfall),
            "units": dict(self.units),
        }

    def describe(self, *, limit: int = 10) -> str:
        """Return a plain-text summary."""
        lines = [
            f"Agreement space: {count(len(self.parties), 'party', 'parties')} "
            f"({', '.join(self.parties)}), {count(len(self.issues), 'issue')}, "
            f"{count(self.size, 'package')}, {self.feasible_size} feasible",
        ]
        for i, ex in self.excluded.items():
            per_party: dict[str, int] = {}
            for ps in ex.values():
                for p in ps:
                    per_party[p] = per_party.get(p, 0) + 1
            who = ", ".join(f"{p}: {n}" for p, n in per_party.items())
            shown = ", ".join(_fmt_value(o) for o in list(ex)[:6]) + (
                ", ..." if len(ex) > 6 else ""
            )
            lines.append(
                f"  {i}: {count(len(ex), 'outcome')} excluded by red lines ({who}): {shown}"
            )
        if self.continuous:
            lines.append(
                f"  continuous (every value between the breakpoints counted above): "
                f"{', '.join(self.continuous)}"
            )
        lines.append(self.frontier.describe(limit=limit))
        lines.append("Solutions:")
        for name, s in self.solutions.items():
            lines.append(f"  {s.describe()}" if s else f"  {name}: no rational package")
        if self.shortfall:
            lines.append(f"  {shortfall_words(self.shortfall)}")
        if self.logrolls:
            lines.append("Logrolls:")
            lines.extend(f"  {t.describe()}" for t in self.logrolls[:limit])
        return "\n".join(lines)
