"""What the robustness analysis returns: probabilities with their errors, distributions, labels."""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping
from typing import Any

import attrs

from negotrack._words import count
from negotrack.analysis.agreement.results import package_words
from negotrack.analysis.robustness.claims import Claim
from negotrack.model.entities import Issue
from negotrack.model.scales import format_number, with_unit

__all__ = [
    "LABELS",
    "ConclusionRobustness",
    "Dependence",
    "Distribution",
    "Estimate",
    "IssueOdds",
    "KnotOdds",
    "PackageOdds",
    "RobustnessReport",
    "cut_words",
    "label",
]

#: The labels a conclusion may get.
LABELS = ("robust", "fragile", "undetermined")


@attrs.frozen
class Estimate:
    """A Monte Carlo probability: ``count`` of ``n`` samples, with its standard error.

    Examples
    --------
    >>> from negotrack.analysis.robustness import Estimate
    >>> e = Estimate(90, 100)
    >>> e.probability, round(e.error, 4), e.describe()
    (0.9, 0.03, '90.0 % ± 3.0')
    """

    count: int
    n: int

    @property
    def probability(self) -> float:
        """``count / n``."""
        return self.count / self.n if self.n else 0.0

    @property
    def error(self) -> float:
        """The standard error ``sqrt(p (1 - p) / n)``."""
        p = self.probability
        return math.sqrt(p * (1.0 - p) / self.n) if self.n else 0.0

    def describe(self) -> str:
        """``"p % ± e"`` in percentage points."""
        return f"{100 * self.probability:.1f} % ± {100 * self.error:.1f}"

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {
            "probability": self.probability,
            "error": self.error,
            "count": self.count,
            "samples": self.n,
        }


def label(estimate: Estimate, threshold: float, margin: float) -> str:
    """Return ``"robust"``, ``"fragile"`` or ``"undetermined"`` for a conclusion.

    Robust when the conclusion holds in at least ``threshold`` of the samples by more than
    ``margin`` standard errors (``p - margin·se >= threshold``); fragile when it holds in
    fewer by more than that (``p + margin·se < threshold``); undetermined otherwise (more
    samples would tell).

    Examples
    --------
    >>> from negotrack.analysis.robustness import Estimate, label
    >>> label(Estimate(100, 100), 0.95, 2), label(Estimate(50, 100), 0.95, 2)
    ('robust', 'fragile')
    >>> label(Estimate(96, 100), 0.95, 2)
    'undetermined'
    """
    p, e = estimate.probability, estimate.error
    if p - margin * e >= threshold:
        return "robust"
    if p + margin * e < threshold:
        return "fragile"
    return "undetermined"


def _unit(unit: str, amount: str) -> str:
    """Return the unit to write after ``amount`` (counted steps and labels: singular after 1)."""
    return unit[:-1] if amount == "1" and unit in ("steps", "labels") else unit


@attrs.frozen
class Distribution:
    """A distribution over samples, counted in steps of about 0.1 % of an issue's scale.

    Attributes
    ----------
    issue : Issue
        The issue whose scale the values lie on.
    steps : mapping of int to int
        Step (from the scale's lowest value, or from 0 for moves) to the number of samples
        there.
    size : float
        The size of a step in the scale's units (1 on labelled scales).
    moves : bool
        True for distances moved (in the scale's units), False for values on the scale.
    """

    issue: Issue
    steps: Mapping[int, int] = attrs.field(hash=False)
    size: float
    moves: bool = False

    @property
    def n(self) -> int:
        """Samples counted."""
        return sum(self.steps.values())

    def _coord(self, step: int) -> float:
        distance = step * self.size
        return distance if self.moves else self.issue.scale.lowest + distance

    def value(self, step: int) -> Any:
        """Return the value (or move, in units) at a step."""
        coord = self._coord(step)
        if self.moves:
            return coord
        scale = self.issue.scale
        return scale.value(float(round(coord))) if scale.discrete else scale.value(coord)

    def quantile(self, q: float) -> Any:
        """Return the smallest value with at least ``q`` of the samples at or below it."""
        need = q * self.n
        seen = 0
        for step in sorted(self.steps):
            seen += self.steps[step]
            if seen >= need:
                return self.value(step)
        return self.value(max(self.steps))  # pragma: no cover - q <= 1

    @property
    def mean(self) -> float:
        """The mean coordinate (moves: units; values: the scale's coordinate)."""
        total = sum(step * k for step, k in self.steps.items())
        return self._coord(0) + total / self.n * self.size

    @property
    def mean_error(self) -> float:
        """The Monte Carlo standard error of :attr:`mean`."""
        n = self.n
        if n < 2:
            return 0.0
        mean = sum(step * k for step, k in self.steps.items()) / n
        var = sum(k * (step - mean) ** 2 for step, k in self.steps.items()) / (n - 1)
        return math.sqrt(var / n) * self.size

    def describe(self) -> str:
        """``median m unit (5–95 %: a–b unit)``; labels as they are (``a – b``)."""
        scale = self.issue.scale
        lo, mid, hi = (self.quantile(q) for q in (0.05, 0.5, 0.95))
        if self.moves or isinstance(mid, int | float):
            unit = getattr(scale, "unit", "")
            if self.moves and scale.discrete:  # moves on labelled scales count steps
                unit = "steps" if scale.ordered else "labels"
            lo_t, mid_t, hi_t = (format_number(v) for v in (lo, mid, hi))
            spread = lo_t if lo_t == hi_t else f"{lo_t}–{hi_t}"
            mid_t, spread = (
                with_unit(mid_t, _unit(unit, mid_t)),
                with_unit(spread, _unit(unit, spread)),
            )
            return f"median {mid_t} (5–95 %: {spread})"
        lo_t, mid_t, hi_t = (scale.format_value(v) for v in (lo, mid, hi))
        spread = lo_t if lo_t == hi_t else f"{lo_t} – {hi_t}"
        return f"median {mid_t} (5–95 %: {spread})"

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: quantiles, mean with its error, and every value with its count."""
        discrete = self.issue.scale.discrete and not self.moves
        return {
            "samples": self.n,
            "p5": self.quantile(0.05),
            "median": self.quantile(0.5),
            "p95": self.quantile(0.95),
            "mean": None if discrete else self.mean,
            "mean_error": None if discrete else self.mean_error,
            "text": self.describe(),
            "values": [
                {"value": self.value(step), "count": k} for step, k in sorted(self.steps.items())
            ],
        }


@attrs.frozen
class IssueOdds:
    """What the samples say about one issue.

    Attributes
    ----------
    issue : Issue
    overlap : Estimate
        A zone of agreement exists (status agreed or overlap).
    deadlock : Estimate
        A red-line deadlock.
    statuses : mapping of str to Estimate
        Each gap status seen.
    needed : Distribution or None
        The largest move needed to open a zone of agreement (samples with two or more
        positions; None if none had).
    """

    issue: Issue
    overlap: Estimate
    deadlock: Estimate
    statuses: Mapping[str, Estimate] = attrs.field(hash=False)
    needed: Distribution | None

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {
            "issue": self.issue.id,
            "title": self.issue.label,
            "overlap": self.overlap.to_dict(),
            "deadlock": self.deadlock.to_dict(),
            "statuses": {k: v.to_dict() for k, v in self.statuses.items()},
            "needed": None if self.needed is None else self.needed.to_dict(),
        }


@attrs.frozen
class KnotOdds:
    """A sequencing knot and how often it exists; ``in_brief``: the coded record has it."""

    clauses: str
    exists: Estimate
    in_brief: bool

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {"clauses": self.clauses, "exists": self.exists.to_dict(), "in_brief": self.in_brief}


def cut_words(cut: int, samples: int) -> str:
    """Say in how many samples the agreement space was cut short, and what that means.

    Examples
    --------
    >>> from negotrack.analysis.robustness.results import cut_words
    >>> cut_words(3, 10)  # doctest: +ELLIPSIS
    'In 3 of 10 samples the agreement space was too large for the budget of work...'
    """
    return (
        f"In {cut:,} of {count(samples, 'sample')} the agreement space was too large for the "
        "budget of work each reading has: its frontier was cut short, and the solutions "
        "counted there are the best packages of a subset of the frontier (each "
        "Pareto-optimal, the same on any executor)"
    )


@attrs.frozen
class PackageOdds:
    """A package and how often it is the solution (None: no package is).

    ``units`` (issue id to unit, for numeric issues with one) writes the package's numbers
    with their units.
    """

    package: Mapping[str, Any] | None = attrs.field(hash=False)
    chosen: Estimate
    units: Mapping[str, str] = attrs.field(factory=dict, hash=False)

    def describe(self) -> str:
        """Return the package in words, numbers with their units."""
        if self.package is None:
            return "no package"
        return ", ".join(f"{k} = {t}" for k, t in package_words(self.package, self.units).items())

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: the package, its odds, and the package in words (``text``)."""
        return {"package": self.package, "chosen": self.chosen.to_dict(), "text": self.describe()}

    @classmethod
    def of(cls, key: str, chosen: Estimate, units: Mapping[str, str] | None = None) -> PackageOdds:
        """Build from a tally's package key (JSON, ``""`` for none)."""
        return cls(None if not key else json.loads(key), chosen, dict(units or {}))


@attrs.frozen
class Dependence:
    """An input a conclusion depends on: how likely it alone is to flip the conclusion.

    Attributes
    ----------
    input : str
        ``record.aspect`` (:class:`~negotrack.analysis.robustness.sampling.Input`).
    flips : float
        The probability that reading this input alone otherwise (everything else as
        coded) makes the conclusion false.
    """

    input: str
    flips: float

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        record, aspect = self.input.rsplit(".", 1)
        return {"input": self.input, "record": record, "aspect": aspect, "flips": self.flips}


@attrs.frozen
class ConclusionRobustness:
    """A conclusion of the brief, how often it holds, and its label."""

    claim: Claim
    holds: Estimate
    label: str
    depends_on: tuple[Dependence, ...] = ()

    def describe(self) -> str:
        """One line: the label, the conclusion, the odds and what it hangs on."""
        on = ""
        if self.depends_on:
            on = "; hangs on " + ", ".join(
                f"{d.input} ({100 * d.flips:.0f} %)" for d in self.depends_on
            )
        return f"[{self.label}] {self.claim.text}: holds in {self.holds.describe()}{on}"

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {
            "id": self.claim.id,
            "text": self.claim.text,
            "holds": self.holds.to_dict(),
            "label": self.label,
            "depends_on": [d.to_dict() for d in self.depends_on],
        }


@attrs.frozen(kw_only=True, repr=False)
class RobustnessReport:
    """How sure each conclusion is: the result of :func:`negotrack.robustness`.

    Attributes
    ----------
    samples, seed : int
        How many readings of the record were drawn, from which seed.
    date : datetime.date or None
        The date analysed.
    min_credibility : str
        The lowest credibility counted.
    parties : tuple of str
        The parties covered.
    condition_holders : tuple of str or None
        Whose conditions were read (None: every party's).
    threshold, margin : float
        A conclusion is robust when it holds in ``threshold`` of the samples by more than
        ``margin`` standard errors, fragile when it holds in fewer by more than that.
    probabilities : mapping of str to float
        The table used for records without their own probability.
    inputs : tuple of str
        Every uncertain input (``record.aspect``).
    issues : tuple of IssueOdds
    knots : tuple of KnotOdds
    solutions : mapping of str to tuple of PackageOdds
        Solution name to the packages that were the solution, most often first.
    agreement_cut : int
        Samples whose agreement space was too large for the readings' budget of work
        (:data:`~negotrack.analysis.robustness.spaces.READING_WORK`): there the frontier
        was cut short and each solution is the best package of a subset of it (each
        Pareto-optimal) — the same subset on any executor. 0 on every bundled example.
    forecasts : mapping of str to mapping of str to Distribution
        Issue id to method to the forecast's distribution.
    conclusions : tuple of ConclusionRobustness
        The brief's conclusions, in the brief's order.
    """

    samples: int
    seed: int
    date: datetime.date | None
    min_credibility: str
    parties: tuple[str, ...]
    condition_holders: tuple[str, ...] | None = None
    threshold: float
    margin: float
    probabilities: Mapping[str, float] = attrs.field(hash=False)
    inputs: tuple[str, ...]
    issues: tuple[IssueOdds, ...]
    knots: tuple[KnotOdds, ...]
    solutions: Mapping[str, tuple[PackageOdds, ...]] = attrs.field(hash=False)
    forecasts: Mapping[str, Mapping[str, Distribution]] = attrs.field(hash=False)
    conclusions: tuple[ConclusionRobustness, ...]
    agreement_cut: int = 0

    def __repr__(self) -> str:
        tally = {k: sum(1 for c in self.conclusions if c.label == k) for k in LABELS}
        return (
            f"<RobustnessReport: {count(self.samples, 'sample')}, "
            f"{count(len(self.inputs), 'uncertain input')}; conclusions: "
            + ", ".join(f"{v} {k}" for k, v in tally.items())
            + ">"
        )

    def conclusion(self, claim_id: str) -> ConclusionRobustness | None:
        """Return the conclusion with id ``claim_id`` (``apart:ISSUE`` ...), or None."""
        return next((c for c in self.conclusions if c.claim.id == claim_id), None)

    @property
    def fragile(self) -> tuple[ConclusionRobustness, ...]:
        """The conclusions labelled fragile."""
        return tuple(c for c in self.conclusions if c.label == "fragile")

    def to_dict(self) -> dict[str, Any]:
        """Return plain data (what the JSON report holds under ``robustness``)."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "threshold": self.threshold,
            "margin": self.margin,
            "probabilities": dict(self.probabilities),
            "inputs": list(self.inputs),
            "conclusions": [c.to_dict() for c in self.conclusions],
            "issues": [i.to_dict() for i in self.issues],
            "knots": [k.to_dict() for k in self.knots],
            "solutions": {
                name: [p.to_dict() for p in packages] for name, packages in self.solutions.items()
            },
            "agreement_cut": self.agreement_cut,
            "forecasts": {
                issue: {m: d.to_dict() for m, d in by.items()}
                for issue, by in self.forecasts.items()
            },
        }

    def describe(self) -> str:
        """Return the report in plain text."""
        when = self.date.isoformat() if self.date else "the latest record"
        lines = [
            f"Robustness on {when}: {count(self.samples, 'sample')} (seed {self.seed}), "
            f"{count(len(self.inputs), 'uncertain input')}; robust = holds in >= "
            f"{100 * self.threshold:g} % of samples beyond {self.margin:g} standard errors.",
            "Conclusions:",
        ]
        lines += [f"  {c.describe()}" for c in self.conclusions] or ["  none"]
        lines.append("Issues:")
        for odds in self.issues:
            needed = f"; needed move {odds.needed.describe()}" if odds.needed else ""
            lines.append(
                f"  {odds.issue.id}: overlap {odds.overlap.describe()}, red-line deadlock "
                f"{odds.deadlock.describe()}{needed}"
            )
        if self.knots:
            lines.append("Sequencing knots:")
            lines += [f"  {k.clauses}: {k.exists.describe()}" for k in self.knots]
        for name, packages in self.solutions.items():
            lines.append(f"Solution {name}:")
            lines += [f"  {p.describe()}: {p.chosen.describe()}" for p in packages[:3]]
        if self.agreement_cut:
            lines.append(f"  ({cut_words(self.agreement_cut, self.samples)})")
        if self.forecasts:
            lines.append("Forecasts:")
            for issue, by in self.forecasts.items():
                lines += [f"  {issue} {m}: {d.describe()}" for m, d in by.items()]
        return "\n".join(lines)
