"""Linear-additive utilities: how much each party values a package.

A :class:`UtilityFunction` gives a party's utility for a *package* (one outcome per issue)
as a weighted sum of per-issue values::

    u(package) = Σ_i weight_i × value_i(package[i])

with a reserved (disagreement) value: what the party gets if no agreement is reached.
Build one directly (weights and a value table or function per issue) or derive one from a
party's positions with :func:`utility_from_positions` / :func:`utilities_from_snapshot`.

Derived utilities follow one documented rule (:class:`PositionValue`):

* the weight of an issue is the party's salience on it, normalised so the weights sum to 1
  (equal weights when every salience is 0);
* on an ordered scale the value is ``1 - d`` where ``d`` is the normalised distance from
  the ideal (1 at the ideal, 0 at the far end of the scale);
* on a nominal scale the value is 1 at the ideal, ``nominal_value`` (default 0.5) for the
  other acceptable labels and 0 for the rest;
* outside the acceptable region the outcome is :data:`INFEASIBLE` when the position is a
  red line, and otherwise loses ``penalty`` (default 0.5) from the value above.

Infeasibility is the value ``-inf`` (:data:`INFEASIBLE`): a package is feasible for a
party iff its utility is finite.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from negotrack.analysis._parameters import check_count
from negotrack.errors import AnalysisError, InvalidTypeError, ValidationError
from negotrack.model.entities import Position
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale, Scale, Value
from negotrack.timeline.parties import select_parties
from negotrack.timeline.snapshot import Snapshot

__all__ = [
    "INFEASIBLE",
    "PositionValue",
    "UtilityFunction",
    "random_utilities",
    "utilities_from_snapshot",
    "utility_from_positions",
]

#: The value of an outcome a party cannot accept at all (beyond a red line).
INFEASIBLE: float = -math.inf

#: A per-issue value: a table from outcome to value, or a function of the outcome.
ValueFunction = Mapping[Value, float] | Callable[[Value], float]


def _check_is_number(path: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"{path}={value!r} must be a number, not {type(value).__name__}",
            path=path,
            value=value,
        )


def _check_weight(issue: str, weight: Any) -> float:
    path = f"UtilityFunction.weights[{issue!r}]"
    _check_is_number(path, weight)
    if not math.isfinite(weight) or weight < 0:
        raise ValidationError(
            f"{path}={weight!r} must be a finite number >= 0", path=path, value=weight
        )
    return float(weight)


def _check_table_value(issue: str, outcome: Value, value: Any) -> float:
    path = f"UtilityFunction.values[{issue!r}][{outcome!r}]"
    _check_is_number(path, value)
    if math.isnan(value) or value == math.inf:
        raise ValidationError(
            f"{path}={value!r} must be a finite number or INFEASIBLE (-inf)",
            path=path,
            value=value,
        )
    return float(value)


def _weights(value: Mapping[str, float]) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"UtilityFunction.weights={value!r} must be a mapping from issue id to weight",
            path="UtilityFunction.weights",
            value=value,
        )
    return {str(k): _check_weight(str(k), w) for k, w in value.items()}


def _values(value: Mapping[str, ValueFunction]) -> dict[str, ValueFunction]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"UtilityFunction.values={value!r} must be a mapping from issue id to a value "
            f"table or function",
            path="UtilityFunction.values",
            value=value,
        )
    out: dict[str, ValueFunction] = {}
    for issue, fn in value.items():
        if isinstance(fn, Mapping):
            out[issue] = {k: _check_table_value(issue, k, v) for k, v in fn.items()}
        elif callable(fn):
            out[issue] = fn
        else:
            raise InvalidTypeError(
                f"UtilityFunction.values[{issue!r}]={fn!r} must be a mapping or a function",
                path=f"UtilityFunction.values[{issue!r}]",
                value=fn,
            )
    return out


def _reserved(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValidationError(
            f"UtilityFunction.reserved={value!r} must be a number",
            path="UtilityFunction.reserved",
            value=value,
        )
    return float(value)


@attrs.frozen(kw_only=True, eq=False)
class UtilityFunction:
    """A party's linear-additive utility over packages.

    Parameters
    ----------
    weights : mapping of str to float
        Issue id to weight, each finite and ``>= 0``.
    values : mapping of str to (mapping or callable)
        Issue id to a value table (outcome → value) or a function of the outcome. A value
        of :data:`INFEASIBLE` (``-inf``) marks an outcome the party rejects outright.
        Every weighted issue needs a value.
    reserved : float, optional
        The reserved (disagreement) value: what the party gets without agreement
        (default 0).

    Raises
    ------
    ValidationError
        If a weight is negative, NaN or infinite, a table value is NaN or ``+inf``, or a
        weighted issue has no value function.
    InvalidTypeError
        If weights or values have the wrong type.

    Notes
    -----
    ``u(package) = Σ weight[i] × value[i](package[i])``, summed in the order of
    ``weights``; issues the function does not weigh contribute nothing. The utility is
    :data:`INFEASIBLE` iff some weighted issue's value is.

    Examples
    --------
    >>> import negotrack as nt
    >>> u = nt.UtilityFunction(weights={"price": 0.75, "color": 0.25},
    ...                        values={"price": lambda x: 1 - x / 100,
    ...                                "color": {"red": 1.0, "blue": 0.0}},
    ...                        reserved=0.3)
    >>> u({"price": 20, "color": "blue"})
    0.6000000000000001
    >>> u.contribution("color", "red")
    0.25
    """

    weights: Mapping[str, float] = attrs.field(converter=_weights)
    values: Mapping[str, ValueFunction] = attrs.field(converter=_values)
    reserved: float = attrs.field(default=0.0, converter=_reserved)

    def __attrs_post_init__(self) -> None:
        for issue in self.weights:
            if issue not in self.values:
                raise ValidationError(
                    f"UtilityFunction.values has no value for issue {issue!r}; every weighted "
                    f"issue needs a value table or function",
                    path=f"UtilityFunction.values[{issue!r}]",
                    value=issue,
                )

    @property
    def issues(self) -> tuple[str, ...]:
        """The issues the function weighs, in order."""
        return tuple(self.weights)

    def value(self, issue: str, outcome: Value) -> float:
        """Return the (unweighted) value of ``outcome`` on ``issue``.

        Parameters
        ----------
        issue : str
            An issue the function knows.
        outcome : float or str
            An outcome on that issue.

        Returns
        -------
        float
            The value, or :data:`INFEASIBLE`.

        Raises
        ------
        AnalysisError
            If the issue is unknown, the outcome is missing from a value table, or a value
            function returns something that is not a number (or NaN).

        Examples
        --------
        >>> import negotrack as nt
        >>> u = nt.UtilityFunction(weights={"x": 1}, values={"x": {"a": 0.5}})
        >>> u.value("x", "a")
        0.5
        """
        fn = self.values.get(issue)
        if fn is None:
            raise AnalysisError(
                f"unknown issue {issue!r}; the utility function knows: "
                f"{', '.join(self.values) or '(none)'}",
                path="issue",
                value=issue,
            )
        if isinstance(fn, Mapping):
            try:
                return fn[outcome]
            except KeyError:
                raise AnalysisError(
                    f"outcome {outcome!r} of issue {issue!r} is not in the value table",
                    path=f"values[{issue!r}]",
                    value=outcome,
                ) from None
        v = fn(outcome)
        if isinstance(v, bool) or not isinstance(v, int | float) or math.isnan(v):
            raise AnalysisError(
                f"value function of issue {issue!r} returned {v!r} for {outcome!r}; "
                f"it must return a number (or INFEASIBLE)",
                path=f"values[{issue!r}]",
                value=v,
            )
        return float(v)

    def contribution(self, issue: str, outcome: Value) -> float:
        """Return ``weight × value`` of ``outcome`` on ``issue``.

        An issue the function does not weigh (a party without a position on it) contributes
        0; an infeasible outcome stays :data:`INFEASIBLE` even at weight 0.
        """
        w = self.weights.get(issue)
        if w is None:
            return 0.0
        v = self.value(issue, outcome)
        if v == INFEASIBLE:
            return INFEASIBLE
        return w * v

    def piece(self, issue: str, lo: float, hi: float) -> tuple[float, float]:
        """Return the weighted contribution on the open interval ``(lo, hi)`` as its end limits.

        On a continuous (numeric) issue the value must be linear between consecutive
        breakpoints; ``(lo, hi)`` is such an interval. The contribution there is the line
        through the two returned numbers: its limits at ``lo`` from the right and at ``hi``
        from the left (which may differ from the values *at* ``lo`` and ``hi`` where a soft
        acceptable range ends). A value function with a ``piece(lo, hi)`` method (such as
        :class:`PositionValue`) gives them exactly; any other function is read at the
        interval's thirds and the line extended to its ends.

        Parameters
        ----------
        issue : str
            The issue (an issue the function does not weigh contributes ``(0.0, 0.0)``).
        lo, hi : float
            Consecutive breakpoints, ``lo < hi``.

        Returns
        -------
        (float, float)
            ``weight × value`` at the two ends; :data:`INFEASIBLE` twice if the party's red
            line excludes the interval.

        Raises
        ------
        AnalysisError
            If the issue's values are a table (a table has no values between its outcomes).

        Examples
        --------
        >>> import negotrack as nt
        >>> u = nt.UtilityFunction(weights={"x": 0.5}, values={"x": lambda x: 1 - x / 100})
        >>> [round(v, 12) for v in u.piece("x", 20.0, 60.0)]
        [0.4, 0.2]
        """
        w = self.weights.get(issue)
        if w is None:
            return (0.0, 0.0)
        fn = self.values.get(issue)
        if isinstance(fn, Mapping):
            raise AnalysisError(
                f"issue {issue!r} is valued by a table, which has no values between its "
                f"outcomes; a continuous issue needs a value function",
                path=f"values[{issue!r}]",
                value=issue,
            )
        exact = getattr(fn, "piece", None)
        if callable(exact):
            a, b = exact(lo, hi)
        else:
            m1, m2 = lo * (2 / 3) + hi / 3, lo / 3 + hi * (2 / 3)  # no overflow
            v1, v2 = self.value(issue, m1), self.value(issue, m2)
            if INFEASIBLE in (v1, v2):
                return (INFEASIBLE, INFEASIBLE)
            a, b = 2 * v1 - v2, 2 * v2 - v1
        if INFEASIBLE in (a, b):
            return (INFEASIBLE, INFEASIBLE)
        return (w * a, w * b)

    def __call__(self, package: Mapping[str, Value]) -> float:
        """Return the utility of ``package`` (issue id → outcome).

        Raises
        ------
        AnalysisError
            If the package lacks an outcome for a weighted issue.
        """
        total = 0.0
        for issue in self.weights:
            if issue not in package:
                raise AnalysisError(
                    f"package has no outcome for issue {issue!r}",
                    path=f"package[{issue!r}]",
                    value=dict(package),
                )
            total += self.contribution(issue, package[issue])
        return total

    def to_dict(self) -> dict[str, Any]:
        """Return the weights and reserved value as plain data (value functions omitted)."""
        return {"weights": dict(self.weights), "reserved": self.reserved}

    def __repr__(self) -> str:
        ws = ", ".join(f"{k}: {w:.3g}" for k, w in self.weights.items())
        return f"UtilityFunction(weights={{{ws}}}, reserved={self.reserved:g})"


@attrs.frozen(kw_only=True)
class PositionValue:
    """The value function a position implies on one issue (the documented derivation rule).

    Parameters
    ----------
    position : Position
        The party's position.
    nominal_value : float, optional
        Value of an acceptable label other than the ideal on a nominal scale (default 0.5).
    penalty : float, optional
        What an outcome outside a soft (non-red-line) acceptable region loses (default 0.5).

    Notes
    -----
    Ordered scales: ``1 - d(ideal, x)`` with ``d`` the normalised distance. Nominal scales:
    1 at the ideal, ``nominal_value`` elsewhere in the acceptable region, 0 outside it.
    Outside the acceptable region: :data:`INFEASIBLE` for a red line, else ``value - penalty``.
    So the value is maximal (1) at the ideal and, on ordered scales, falls linearly with
    distance on each side.

    Examples
    --------
    >>> import negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> v = nt.PositionValue(position=nt.Position(ideal=50,
    ...     acceptable=nt.Region.interval(s, 40, 80), red_line=True))
    >>> v(50), v(70), v(20)
    (1.0, 0.8, -inf)
    """

    position: Position
    nominal_value: float = 0.5
    penalty: float = 0.5

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.position, Position):
            raise InvalidTypeError(
                f"PositionValue.position={self.position!r} must be a Position",
                path="PositionValue.position",
                value=self.position,
            )
        for field in ("nominal_value", "penalty"):
            v = getattr(self, field)
            if (
                isinstance(v, bool)
                or not isinstance(v, int | float)
                or not math.isfinite(v)
                or not 0 <= v <= 1
            ):
                raise ValidationError(
                    f"PositionValue.{field}={v!r} must be a number in [0, 1]",
                    path=f"PositionValue.{field}",
                    value=v,
                )

    def piece(self, lo: float, hi: float) -> tuple[float, float]:
        """Return the value's limits at the ends of ``(lo, hi)``, an interval of a numeric scale.

        ``(lo, hi)`` must hold no breakpoint of the value (the ideal, the bounds of the
        acceptable region) inside it: there the value is linear, and these are its limits
        at ``lo`` from the right and at ``hi`` from the left (:data:`INFEASIBLE` twice when
        a red line excludes the interval).

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100)
        >>> v = nt.PositionValue(position=nt.Position(ideal=50,
        ...     acceptable=nt.Region.interval(s, 40, 80)))
        >>> [round(x, 12) for x in v.piece(80, 100)]
        [0.2, 0.0]
        """
        pos = self.position
        scale = pos.scale
        inside = pos.acceptable.contains(scale.value(lo / 2 + hi / 2))  # no overflow
        if not inside and pos.red_line:
            return (INFEASIBLE, INFEASIBLE)
        drop = 0.0 if inside else self.penalty
        ends = (
            1.0 - scale.distance(pos.ideal, scale.value(lo)) - drop,
            1.0 - scale.distance(pos.ideal, scale.value(hi)) - drop,
        )
        return ends

    def __call__(self, outcome: Value) -> float:
        """Return the value of ``outcome`` (raises OffScaleError if it is off the scale)."""
        pos = self.position
        scale = pos.scale
        inside = pos.acceptable.contains(outcome)
        if scale.ordered:
            base = 1.0 - scale.distance(pos.ideal, outcome)
        elif scale.coord(outcome, field="outcome") == scale.coord(pos.ideal):
            base = 1.0
        else:
            base = self.nominal_value if inside else 0.0
        if inside:
            return base
        return INFEASIBLE if pos.red_line else base - self.penalty


def utility_from_positions(
    positions: Mapping[str, Position],
    *,
    reserved: float = 0.0,
    nominal_value: float = 0.5,
    penalty: float = 0.5,
) -> UtilityFunction:
    """Derive a party's utility function from its positions (issue id → Position).

    Parameters
    ----------
    positions : mapping of str to Position
        The party's position on each issue it has one on.
    reserved : float, optional
        The reserved value (default 0).
    nominal_value, penalty : float, optional
        See :class:`PositionValue`.

    Returns
    -------
    UtilityFunction
        Weights are saliences normalised to sum to 1 (equal if all are 0); values follow
        :class:`PositionValue`.

    Raises
    ------
    AnalysisError
        If ``positions`` is empty.

    Examples
    --------
    >>> import negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> u = nt.utility_from_positions({
    ...     "a": nt.Position(ideal=0, acceptable=nt.Region.full(s), salience=0.75),
    ...     "b": nt.Position(ideal=100, acceptable=nt.Region.full(s), salience=0.25)})
    >>> dict(u.weights), u({"a": 0, "b": 0})
    ({'a': 0.75, 'b': 0.25}, 0.75)
    """
    if not positions:
        raise AnalysisError(
            "utility_from_positions needs at least one position", path="positions", value={}
        )
    total = sum(p.salience for p in positions.values())
    n = len(positions)
    weights = {i: (p.salience / total if total > 0 else 1.0 / n) for i, p in positions.items()}
    values: dict[str, ValueFunction] = {
        i: PositionValue(position=p, nominal_value=nominal_value, penalty=penalty)
        for i, p in positions.items()
    }
    return UtilityFunction(weights=weights, values=values, reserved=reserved)


def utilities_from_snapshot(
    snapshot: Snapshot,
    *,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    reserved: float | Mapping[str, float] = 0.0,
    nominal_value: float = 0.5,
    penalty: float = 0.5,
) -> dict[str, UtilityFunction]:
    """Derive every party's utility function from the positions in force in a snapshot.

    Parameters
    ----------
    snapshot : Snapshot
        The state of the negotiation.
    parties : iterable of str, optional
        Party ids, in any order (default: every party holding a position on one of
        ``issues``); read by :func:`~negotrack.timeline.parties.select_parties`.
    issues : iterable of str, optional
        Issue ids (default: the whole agenda).
    reserved : float or mapping of str to float, optional
        Reserved value, one for all or per party (default 0).
    nominal_value, penalty : float, optional
        See :class:`PositionValue`.

    Returns
    -------
    dict of str to UtilityFunction
        In the snapshot's party order; a party without positions on the issues is left out.

    Raises
    ------
    InvalidTypeError
        If ``parties`` is a single string.
    UnknownReferenceError
        If a party or issue id is unknown.
    AnalysisError
        If no party holds a position on the issues.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> _ = tl.add(nt.Statement(party="A", issue="x", date=datetime.date(2025, 1, 1),
    ...     position=nt.Position(ideal=10, acceptable=nt.Region.full(s)),
    ...     source=nt.Source(title="t")))
    >>> us = nt.utilities_from_snapshot(tl.snapshot())
    >>> list(us), us["A"]({"x": 60})
    (['A'], 0.5)
    """
    issue_ids = list(snapshot.issue_ids if issues is None else issues)
    by_issue = {i: snapshot.positions(i) for i in issue_ids}
    if parties is None:
        party_ids = [p for p in snapshot.party_ids if any(p in ps for ps in by_issue.values())]
    else:
        party_ids = list(select_parties(snapshot, parties))
    out: dict[str, UtilityFunction] = {}
    for p in party_ids:
        mine = {i: ps[p] for i, ps in by_issue.items() if p in ps}
        if not mine:
            continue
        r = reserved.get(p, 0.0) if isinstance(reserved, Mapping) else reserved
        out[p] = utility_from_positions(
            mine, reserved=r, nominal_value=nominal_value, penalty=penalty
        )
    if not out:
        raise AnalysisError(
            f"no party holds a position on issues {issue_ids!r}; need at least one",
            path="parties",
            value=party_ids,
        )
    return out


def random_utilities(
    n_parties: int,
    n_issues: int,
    n_values: int = 10,
    *,
    seed: int = 12345,
    reserved: float = 0.25,
) -> tuple[dict[str, tuple[int, ...]], dict[str, UtilityFunction]]:
    """Draw a random linear-additive problem (the benchmark's problems).

    Issues are ``"i0"``, ``"i1"``, ... with outcomes ``0 .. n_values - 1``; parties are
    ``"p0"``, ``"p1"``, .... For each party in turn, issue weights are drawn from a flat
    Dirichlet (normalised exponential draws) and then, issue by issue, per-value utilities
    uniform in [0, 1), all from one ``random.Random(seed)``.

    Parameters
    ----------
    n_parties, n_issues, n_values : int
        Sizes, each ``>= 1``.
    seed : int, optional
        Seed of the generator (default 12345).
    reserved : float, optional
        Every party's reserved value (default 0.25).

    Returns
    -------
    (dict of str to tuple of int, dict of str to UtilityFunction)
        Candidate outcomes per issue, and utilities per party.

    Raises
    ------
    ValidationError
        If a size is below 1.
    InvalidTypeError
        If a size is not a whole number.

    Examples
    --------
    >>> import negotrack as nt
    >>> outcomes, utilities = nt.random_utilities(2, 3)
    >>> list(outcomes), list(utilities), round(sum(utilities["p0"].weights.values()), 12)
    (['i0', 'i1', 'i2'], ['p0', 'p1'], 1.0)
    """
    for name, v in (("n_parties", n_parties), ("n_issues", n_issues), ("n_values", n_values)):
        check_count(name, v, 1, error=ValidationError)
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark problems, not secrets
    issue_ids = [f"i{k}" for k in range(n_issues)]
    outcomes = {i: tuple(range(n_values)) for i in issue_ids}
    utilities: dict[str, UtilityFunction] = {}
    for p in range(n_parties):
        raw = [rng.expovariate(1.0) for _ in issue_ids]
        total = sum(raw)
        weights = {i: r / total for i, r in zip(issue_ids, raw, strict=True)}
        values: dict[str, ValueFunction] = {
            i: {v: rng.random() for v in range(n_values)} for i in issue_ids
        }
        utilities[f"p{p}"] = UtilityFunction(weights=weights, values=values, reserved=reserved)
    return outcomes, utilities


def candidate_outcomes(
    scale: Scale,
    positions: Sequence[Position],
    *,
    grid: int = 0,
    status_quo: Value | None = None,
) -> tuple[Value, ...]:
    """Return the candidate outcomes on one issue, in scale order.

    The parties' ideals and the bounds of every interval of their acceptable regions
    (every acceptable label on a nominal scale), the status quo when given, and on numeric
    scales ``grid + 1`` evenly spaced points when ``grid > 0`` (every label of an ordinal
    scale when ``grid > 0``).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.utilities import candidate_outcomes
    >>> s = nt.NumericScale(0, 100)
    >>> candidate_outcomes(s, [nt.Position(ideal=20, acceptable=nt.Region.interval(s, 10, 30))],
    ...                    grid=2)
    (0.0, 10.0, 20.0, 30.0, 50.0, 100.0)
    """
    check_count("grid", grid, 0, error=ValidationError)
    coords: set[float] = set()
    for p in positions:
        coords.add(scale.coord(p.ideal))
        region: Region = p.acceptable
        for lo, hi in region.parts:
            coords.add(lo)
            coords.add(hi)
    if status_quo is not None:
        coords.add(scale.coord(status_quo, field="status_quo"))
    if grid > 0:
        if isinstance(scale, NumericScale):
            coords.update(scale.lo + (scale.hi - scale.lo) * k / grid for k in range(grid + 1))
        elif scale.ordered:
            coords.update(float(k) for k in range(int(scale.highest) + 1))
    return tuple(scale.value(c) for c in sorted(coords))
