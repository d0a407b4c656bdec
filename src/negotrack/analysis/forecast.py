"""Outcome forecasts for one issue: where it will land.

Four simple models from the spatial-bargaining literature on EU decision-making, each
working from the positions in force in a snapshot:

* ``"compromise"`` - the compromise model: the mean of the parties' ideals weighted by
  capability × salience (Achen 2006; van den Bos 1991).
* ``"median"`` - the weighted median of the ideals with the same weights (Black 1948).
* ``"nash"`` - the (asymmetric) Nash bargaining point on the issue alone: the outcome
  maximising ``Π (u_p(x) - u_p(d)) ^ (capability × salience)`` with ``u_p(x) = 1 - d(ideal_p, x)``
  over a fine grid within the range of the ideals (and the ideals themselves), where the
  disagreement point ``d`` is the status quo when the issue records one and some outcome in
  range makes every party gain; otherwise each party's gain is its utility itself.
* ``"status_quo"`` - nothing changes: the issue's recorded status quo.

On an ordinal scale the weighted mean is rounded to the nearest label (the exact
coordinate is kept in :attr:`Forecast.coordinate`). Nominal scales have no mean or median:
only ``"nash"`` (a weighted plurality) and ``"status_quo"`` apply.

References
----------
Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al. (eds.),
*The European Union Decides*, 264-298. Cambridge University Press.
Arregui, J. & Perarnaud, C. (2021). A new dataset on legislative decision-making in the
European Union: the DEU III dataset. *Journal of European Public Policy*.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from negotrack.errors import AnalysisError, ValidationError
from negotrack.model.entities import Issue, Position
from negotrack.model.scales import Value, format_number
from negotrack.timeline.snapshot import Snapshot

__all__ = ["METHODS", "Forecast", "ForecastReport", "forecast", "forecast_report"]

#: The forecast methods, in the order reports list them.
METHODS: tuple[str, ...] = ("compromise", "median", "nash", "status_quo")

_NASH_GRID = 200


def _check_method(method: str, *, path: str = "method") -> None:
    """Raise AnalysisError unless ``method`` is one of :data:`METHODS` (``path`` names the field)."""
    if method not in METHODS:
        raise AnalysisError(
            f"forecast method={method!r} is unknown; use one of {', '.join(METHODS)}",
            path=path,
            value=method,
        )


@attrs.frozen(kw_only=True)
class Forecast:
    """A forecast outcome for one issue.

    Attributes
    ----------
    issue : str
        The issue id.
    method : str
        One of :data:`METHODS`.
    value : float or str
        The forecast outcome, a value on the issue's scale.
    coordinate : float
        Its coordinate (the number itself, or the label's index; unrounded for a mean on an
        ordinal scale).
    parties : tuple of str
        The parties whose positions went in.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.Forecast(issue="x", method="median", value=40.0, coordinate=40.0,
    ...             parties=("A", "B")).describe()
    'x: 40 (median of A, B)'
    """

    issue: str
    method: str
    value: Value
    coordinate: float
    parties: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        d = attrs.asdict(self)
        d["parties"] = list(self.parties)
        return d

    def describe(self) -> str:
        """Return one line in words."""
        shown = format_number(self.value) if isinstance(self.value, float) else self.value
        who = f" of {', '.join(self.parties)}" if self.parties else ""
        return f"{self.issue}: {shown} ({self.method}{who})"


def _weights(
    snapshot: Snapshot,
    positions: Mapping[str, Position],
    capabilities: Mapping[str, float] | None,
) -> dict[str, float]:
    out: dict[str, float] = {}
    for p, pos in positions.items():
        if capabilities is None:
            cap = snapshot.party(p).capability
        else:
            cap = capabilities.get(p, 1.0)
            if (
                isinstance(cap, bool)
                or not isinstance(cap, int | float)
                or not (math.isfinite(cap) and cap >= 0)
            ):
                raise ValidationError(
                    f"capabilities[{p!r}]={cap!r} must be a finite number >= 0",
                    path=f"capabilities[{p!r}]",
                    value=cap,
                )
        out[p] = cap * pos.salience
    return out


def _weighted_median(points: list[tuple[float, float]]) -> float:
    """Smallest x whose cumulative weight reaches half the total (lower weighted median)."""
    points = sorted(points)
    total = sum(w for _, w in points)
    if total <= 0:
        points = [(x, 1.0) for x, _ in points]
        total = float(len(points))
    # A relative tolerance keeps exact halves exact: saliences such as 0.3 + 0.2 must tie
    # with a half of 1.0 as the integers 30 + 20 do with 50.
    half = total / 2 * (1 - 1e-12)
    acc = 0.0
    for x, w in points:
        acc += w
        if acc >= half:
            return x
    return points[-1][0]  # pragma: no cover - the loop always returns


def _nash(issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]) -> float:
    scale = issue.scale
    ideals = {p: scale.coord(pos.ideal) for p, pos in positions.items()}
    positive = any(w > 0 for w in weights.values())
    expo = dict(weights) if positive else dict.fromkeys(weights, 1.0)
    if not scale.ordered:
        # Unordered labels: utility 1 at the ideal, 0 elsewhere; the best label is the one
        # the most weight holds (a weighted plurality).
        score: dict[float, float] = {}
        for p, c in ideals.items():
            score[c] = score.get(c, 0.0) + expo[p]
        return max(sorted(score), key=lambda c: score[c])
    lo, hi = min(ideals.values()), max(ideals.values())
    if scale.discrete:
        cands = [float(k) for k in range(int(lo), int(hi) + 1)]
    else:
        cands = sorted(
            {*ideals.values(), *(lo + (hi - lo) * k / _NASH_GRID for k in range(_NASH_GRID + 1))}
        )
    sq = issue.status_quo
    d = {
        p: (1.0 - scale.distance(positions[p].ideal, sq)) if sq is not None else 0.0 for p in ideals
    }
    span = scale.span

    def log_nash(x: float) -> float:
        total = 0.0
        for p, c in ideals.items():
            gain = 1.0 - abs(c - x) / span - d[p]
            if expo[p] == 0:
                continue
            if gain <= 0:
                return -math.inf
            total += expo[p] * math.log(gain)
        return total

    best = max(cands, key=log_nash)
    if log_nash(best) == -math.inf:
        # No outcome in range makes everyone better off than the status quo: fall back to
        # the product of utilities themselves (gains from zero).
        d = dict.fromkeys(ideals, 0.0)
        best = max(cands, key=log_nash)
    return best


def forecast(
    snapshot: Snapshot,
    issue: str,
    method: str = "compromise",
    *,
    parties: Iterable[str] | None = None,
    capabilities: Mapping[str, float] | None = None,
) -> Forecast:
    """Forecast the outcome of one issue from the positions in force.

    Parameters
    ----------
    snapshot : Snapshot
        The state of the negotiation.
    issue : str
        The issue id.
    method : str, optional
        One of :data:`METHODS` (default ``"compromise"``).
    parties : iterable of str, optional
        Only these parties' positions (default: every party with one).
    capabilities : mapping of str to float, optional
        Party id to capability, overriding the parties' own (``1`` for parties left out).

    Returns
    -------
    Forecast
        The forecast value with the method and the parties used.

    Raises
    ------
    UnknownReferenceError
        If the issue or a party is unknown.
    AnalysisError
        If no party holds a position on the issue, the method is unknown, a mean or median
        is asked on a nominal scale, or the status quo is asked but not recorded.
    ValidationError
        If a capability is negative, NaN or infinite.

    Notes
    -----
    Weights are capability × salience; when they are all 0 every party counts equally.
    Laws (property-tested): the compromise, median and Nash forecasts lie within the range
    of the ideals; a forecast does not depend on the order of the parties.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s, status_quo=0)],
    ...                  parties=[nt.Party("A"), nt.Party("B"), nt.Party("C", capability=2)])
    >>> for p, ideal, sal in [("A", 0, 0.5), ("B", 40, 0.5), ("C", 100, 0.5)]:
    ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.full(s), salience=sal),
    ...         source=nt.Source(title="t")))
    >>> snap = tl.snapshot()
    >>> nt.forecast(snap, "x").value
    60.0
    >>> nt.forecast(snap, "x", method="median").value
    40.0
    >>> nt.forecast(snap, "x", method="status_quo").describe()
    'x: 0 (status_quo)'
    """
    _check_method(method)
    iss = snapshot.issue(issue)
    scale = iss.scale
    if method == "status_quo":
        if iss.status_quo is None:
            raise AnalysisError(
                f"issue {issue!r} records no status quo; set Issue.status_quo to forecast it",
                path="status_quo",
                value=issue,
            )
        return Forecast(
            issue=issue, method=method, value=iss.status_quo, coordinate=scale.coord(iss.status_quo)
        )
    positions = snapshot.positions(issue)
    if parties is not None:
        wanted = list(parties)
        for p in wanted:
            snapshot.party(p)
        positions = {p: pos for p, pos in positions.items() if p in wanted}
    if not positions:
        raise AnalysisError(
            f"no party holds a position on issue {issue!r}: nothing to forecast from",
            path="parties",
            value=issue,
        )
    if not scale.ordered and method in ("compromise", "median"):
        raise AnalysisError(
            f"method={method!r} needs an ordered scale; issue {issue!r} is nominal "
            f"({scale}): use method='nash'",
            path="method",
            value=method,
        )
    weights = _weights(snapshot, positions, capabilities)
    coords = {p: scale.coord(pos.ideal) for p, pos in positions.items()}
    if method == "compromise":
        total = sum(weights.values())
        if total > 0:
            coord = sum(weights[p] * c for p, c in coords.items()) / total
        else:
            coord = sum(coords.values()) / len(coords)
        coord = min(max(coord, min(coords.values())), max(coords.values()))
        value = scale.value(float(round(coord))) if scale.discrete else scale.value(coord)
    elif method == "median":
        coord = _weighted_median([(c, weights[p]) for p, c in coords.items()])
        value = scale.value(coord)
    else:
        coord = _nash(iss, positions, weights)
        value = scale.value(coord)
    return Forecast(
        issue=issue, method=method, value=value, coordinate=coord, parties=tuple(positions)
    )


@attrs.frozen(kw_only=True)
class ForecastReport:
    """Forecasts for every issue by every method that applies.

    Attributes
    ----------
    forecasts : mapping of str to mapping of str to Forecast
        Issue id to method to forecast (methods that do not apply are left out).
    """

    forecasts: Mapping[str, Mapping[str, Forecast]] = attrs.field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: issue → method → forecast dict."""
        return {i: {m: f.to_dict() for m, f in fs.items()} for i, fs in self.forecasts.items()}

    def describe(self) -> str:
        """Return a plain-text table, one issue per line."""
        lines = ["Forecasts:"]
        for i, fs in self.forecasts.items():
            parts = []
            for m, f in fs.items():
                v = format_number(f.value) if isinstance(f.value, float) else f.value
                parts.append(f"{m} {v}")
            lines.append(f"  {i}: " + (", ".join(parts) if parts else "no positions"))
        return "\n".join(lines)


def forecast_report(
    snapshot: Snapshot,
    *,
    methods: Iterable[str] = METHODS,
    issues: Iterable[str] | None = None,
    capabilities: Mapping[str, float] | None = None,
) -> ForecastReport:
    """Forecast every issue (default: the whole agenda) by every method that applies.

    A method that cannot answer for an issue (no positions, a nominal scale, no status quo)
    is left out for that issue; an unknown method or issue still raises.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> for p, ideal in [("A", 20), ("B", 60)]:
    ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.full(s)),
    ...         source=nt.Source(title="t")))
    >>> print(nt.forecast_report(tl.snapshot()).describe())
    Forecasts:
      x: compromise 40, median 20, nash 40
    """
    methods = tuple(methods)
    for m in methods:
        _check_method(m, path="methods")
    out: dict[str, dict[str, Forecast]] = {}
    for i in snapshot.issue_ids if issues is None else issues:
        snapshot.issue(i)
        out[i] = {}
        for m in methods:
            try:
                out[i][m] = forecast(snapshot, i, m, capabilities=capabilities)
            except AnalysisError:
                continue
    return ForecastReport(forecasts=out)
