"""Outcome forecasts for one issue: where it will land.

The models themselves live in :mod:`negotrack.analysis.forecast_models`, one module each,
registered by name in its :data:`~negotrack.analysis.forecast_models.MODELS`:

* ``"compromise"`` - the mean of the ideals weighted by capability × salience (Achen 2006).
* ``"median"`` - the weighted median of the ideals with the same weights (Black 1948).
* ``"nash"`` - the asymmetric Nash bargaining point on the issue alone.
* ``"status_quo"`` - nothing changes: the issue's recorded status quo.

This module asks them: it gathers the positions in force and each party's weight
(capability × salience), checks the model answers on the issue's scale, and turns the
model's coordinate into a value (on an ordinal scale the nearest label; the exact coordinate
is kept in :attr:`Forecast.coordinate`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from negotrack._words import count
from negotrack.analysis.forecast_models import MODELS, ForecastModel, get_model
from negotrack.errors import AnalysisError, ValidationError
from negotrack.model.entities import Issue, Position
from negotrack.model.scales import Value, format_number
from negotrack.timeline.parties import select_parties
from negotrack.timeline.snapshot import Snapshot

__all__ = ["METHODS", "Forecast", "ForecastReport", "forecast", "forecast_report"]

#: The names of the forecast models, in the order reports list them (``tuple(MODELS)``).
METHODS: tuple[str, ...] = tuple(MODELS)


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
    if not math.isfinite(sum(out.values())):
        # Capabilities near the float maximum: only the weights' ratios matter, so scale them
        # down (every model is invariant to a common factor) rather than overflow to NaN.
        top = max(out.values())
        out = {p: w / top for p, w in out.items()}
    return out


def _positions(
    snapshot: Snapshot, issue: str, parties: Iterable[str] | None
) -> dict[str, Position]:
    """Return the positions in force on ``issue`` (of ``parties`` only, if given); never empty."""
    positions = snapshot.positions(issue)
    if parties is not None:
        wanted = select_parties(snapshot, parties)
        positions = {p: pos for p, pos in positions.items() if p in wanted}
    if not positions:
        raise AnalysisError(
            f"no party holds a position on issue {issue!r}: nothing to forecast from",
            path="parties",
            value=issue,
        )
    return dict(positions)


def _check_scale(model: ForecastModel, issue: Issue) -> None:
    """Raise AnalysisError unless ``model`` answers on the issue's scale, naming those that do."""
    scale = issue.scale
    if model.applies_to(scale):
        return
    others = [m.name for m in MODELS.values() if m.uses_positions and m.applies_to(scale)]
    hint = " or ".join(f"method={name!r}" for name in others)
    raise AnalysisError(
        f"method={model.name!r} needs {model.needs}; issue {issue.id!r} is {scale.kind} "
        f"({scale})" + (f": use {hint}" if hint else ""),
        path="method",
        value=model.name,
    )


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
        The name of a forecast model, one of :data:`METHODS` (default ``"compromise"``).
    parties : iterable of str, optional
        Only these parties' positions (default: every party with one). A model that does
        not use positions (``"status_quo"``) ignores ``parties`` and ``capabilities``.
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
    model = get_model(method)
    iss = snapshot.issue(issue)
    scale = iss.scale
    positions = _positions(snapshot, issue, parties) if model.uses_positions else {}
    _check_scale(model, iss)
    weights = _weights(snapshot, positions, capabilities)
    coord = model.predict(iss, positions, weights)
    value = scale.value(float(round(coord))) if scale.discrete else scale.value(coord)
    return Forecast(
        issue=issue, method=model.name, value=value, coordinate=coord, parties=tuple(positions)
    )


@attrs.frozen(kw_only=True, repr=False)
class ForecastReport:
    """Forecasts for every issue by every method that applies.

    Attributes
    ----------
    forecasts : mapping of str to mapping of str to Forecast
        Issue id to method to forecast (methods that do not apply are left out).
    """

    forecasts: Mapping[str, Mapping[str, Forecast]] = attrs.field(hash=False)

    def __repr__(self) -> str:
        methods = sorted({m for by in self.forecasts.values() for m in by})
        return (
            f"<ForecastReport: {count(len(self.forecasts), 'issue')}, "
            f"methods {', '.join(methods) or 'none'}>"
        )

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
    parties: Iterable[str] | None = None,
) -> ForecastReport:
    """Forecast every issue (default: the whole agenda) by every method that applies.

    A method that cannot answer for an issue (no positions, a nominal scale, no status quo)
    is left out for that issue; an unknown method, issue or party still raises. ``parties``
    (default: every party) means what it means everywhere
    (:func:`negotrack.timeline.parties.select_parties`): only their positions count.

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
        get_model(m, path="methods")
    chosen = None if parties is None else select_parties(snapshot, parties)
    out: dict[str, dict[str, Forecast]] = {}
    for i in snapshot.issue_ids if issues is None else issues:
        snapshot.issue(i)
        out[i] = {}
        for m in methods:
            try:
                out[i][m] = forecast(snapshot, i, m, capabilities=capabilities, parties=chosen)
            except AnalysisError:
                continue
    return ForecastReport(forecasts=out)
