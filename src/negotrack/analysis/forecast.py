"""Outcome forecasts for one issue: where it will land.

The models themselves live in :mod:`negotrack.analysis.forecast_models`, one module each,
registered by name in its :data:`~negotrack.analysis.forecast_models.MODELS`:

* ``"compromise"`` - the mean of the ideals weighted by capability × salience (Achen 2006).
* ``"median"`` - the weighted median of the ideals with the same weights (Black 1948).
* ``"nash"`` - the asymmetric Nash bargaining point on the issue alone.
* ``"status_quo"`` - nothing changes: the issue's recorded status quo.

This module asks them: it gathers the positions in force and each party's weight
(capability × salience), checks the model answers on the issue's scale, and turns the
model's coordinate into a value (on an ordinal scale the nearest label; on a numeric scale
rounded to the issue's resolution; the exact coordinate is kept in
:attr:`Forecast.coordinate`). Every forecast also says:

* its **unit** and **resolution**: the power of ten at or below a hundredth of the scale's
  span, but whole units when the record (the scale's bounds, the status quo and the
  ideals) is in whole units, and finer when the record is finer: 0–100 years gives 1 year,
  2025–2050 stated in whole years gives 1, ideals of 4.5 % give 0.1 %, 0–20000
  centrifuges give 100;
* its **error band**: the model's empirical 50 % and 90 % absolute errors on the DEU III
  backtest, mapped onto the issue's scale (:mod:`negotrack.analysis.forecast_errors`);
* whether it lies **within every red line** of the parties covered: the parties whose red
  line excludes it, and what every red line allows (a forecast is never passed off as
  agreeable when a red line excludes it).
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from negotrack._words import count
from negotrack.analysis.forecast_errors import ErrorBand, error_band
from negotrack.analysis.forecast_models import MODELS, ForecastModel, get_model
from negotrack.errors import AnalysisError, ValidationError
from negotrack.model.entities import Issue, Position
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale, Value, format_number, with_unit
from negotrack.timeline.parties import select_parties
from negotrack.timeline.snapshot import Snapshot

__all__ = [
    "METHODS",
    "Forecast",
    "ForecastReport",
    "forecast",
    "forecast_coordinate",
    "forecast_report",
]

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
        The forecast outcome, a value on the issue's scale (on a numeric scale rounded to
        ``resolution``).
    coordinate : float
        Its exact coordinate (the number itself, or the label's index; unrounded).
    parties : tuple of str
        The parties covered that hold a position on the issue (for ``status_quo`` too:
        whose red lines it is checked against).
    unit : str
        The issue's unit (numeric scales; ``""`` otherwise).
    resolution : float or None
        The step ``value`` is rounded to (numeric scales; None on labelled ones).
    error : ErrorBand or None
        The method's empirical error on the DEU III backtest, on this issue's scale (None
        on a nominal scale or for a model without one).
    red_line_breaches : tuple of str
        The parties whose red line excludes ``value``.
    red_lines_allow : Region or None
        What every red line of ``parties`` allows (their intersection; empty when they
        exclude each other); None when none of them holds a red line.
    outside_acceptable : tuple of str
        The parties whose acceptable region (a red line or not) excludes ``value``.

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
    unit: str = ""
    resolution: float | None = None
    error: ErrorBand | None = None
    red_line_breaches: tuple[str, ...] = ()
    red_lines_allow: Region | None = None
    outside_acceptable: tuple[str, ...] = ()

    @property
    def within_red_lines(self) -> bool:
        """Whether every red line of the parties covered allows the forecast."""
        return not self.red_line_breaches

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {
            "issue": self.issue,
            "method": self.method,
            "value": self.value,
            "coordinate": self.coordinate,
            "parties": list(self.parties),
            "unit": self.unit,
            "resolution": self.resolution,
            "error": None if self.error is None else self.error.to_dict(),
            "within_red_lines": self.within_red_lines,
            "red_line_breaches": list(self.red_line_breaches),
            "red_lines_allow": (
                None if self.red_lines_allow is None else self.red_lines_allow.to_data()
            ),
            "outside_acceptable": list(self.outside_acceptable),
            "shown": self.shown(),
            "error_shown": self.band(),
            "red_line_note": self.red_line_note(),
        }

    def shown(self, x: Value | None = None) -> str:
        """Return ``x`` (default: the value) as people write it, with the unit.

        Examples
        --------
        >>> import negotrack as nt
        >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
        >>> f = nt.forecast(tl.snapshot(), "guarantee_years")
        >>> f.shown(), f.shown(17.25)
        ('32 years', '17.25 years')
        """
        x = self.value if x is None else x
        if not isinstance(x, float):
            return str(x)
        if self.resolution is not None and self.resolution < 1:
            text = f"{x:.{round(-math.log10(self.resolution))}f}"
        else:
            text = format_number(x)
        return with_unit(text, self.unit)

    def band(self) -> str:
        """Return the error band in words (``""`` without one): ``±15 / ±40 years``."""
        if self.error is None:
            return ""
        unit = self.unit or ("labels" if isinstance(self.value, str) else "")
        step = self.resolution if self.resolution is not None else 0.1
        digits = max(0, round(-math.log10(step)))
        q50, q90 = (
            f"{q:.{digits}f}" if abs(q) < 1e15 else format_number(q)
            for q in (self.error.q50, self.error.q90)
        )
        return with_unit(f"±{q50} / ±{q90}", unit)

    def red_line_note(self) -> str:
        """Return ``""`` within every acceptable region, else which exclude it, in words."""
        soft = [p for p in self.outside_acceptable if p not in self.red_line_breaches]
        also = f"outside the acceptable range of {', '.join(soft)} (no red line)" if soft else ""
        if self.within_red_lines:
            return also
        allowed = self.red_lines_allow
        what = (
            "the red lines exclude each other"
            if allowed is None or allowed.is_empty
            else f"every red line allows {self._region_text(allowed)}"
        )
        note = f"outside the red line of {', '.join(self.red_line_breaches)} ({what})"
        return f"{note}; {also}" if also else note

    def _region_text(self, region: Region) -> str:
        if not isinstance(region.scale, NumericScale):
            return region.describe()
        parts = [
            self.shown(lo) if lo == hi else f"{self.shown(lo).split(' ')[0]}–{self.shown(hi)}"
            for lo, hi in region.parts
        ]
        return " or ".join(parts)

    def describe(self) -> str:
        """Return one line in words: value with unit, method, parties, error band, red lines."""
        who = f" of {', '.join(self.parties)}" if self.parties else ""
        notes = [f"{self.method}{who}"]
        if self.error is not None:
            notes.append(f"DEU III error {self.band()}")
        if self.red_line_note():
            notes.append(self.red_line_note())
        return f"{self.issue}: {self.shown()} ({'; '.join(notes)})"


#: How much finer than a hundredth of the span a record's own precision may make a forecast.
_FINER = 3


def _decimals(scale: NumericScale, numbers: Iterable[float]) -> int:
    """Digits after the point the forecast supports (negative: round to tens, hundreds...).

    The precision the record is stated in (its ideals, the scale's ends and status quo): the
    fewest digits that write every one of them exactly, searched from a tenth of the span
    (or whole units, if finer) down to a thousandth of a hundredth of it. A record that
    needs more (an ideal of 100/3) is arithmetic, not precision: then a hundredth of the
    span. So whole units for a 0–100 record in whole numbers, tenths for a 0–1 scale or
    a record in halves, hundreds for a 0–20,000 one.
    """
    numbers = [x for x in numbers if math.isfinite(x)]

    def fits(x: float, d: int) -> bool:
        try:
            y = x * 10.0**d
        except OverflowError:  # 10**d past the largest float: a span below ~1e-305
            return False
        return math.isfinite(y) and abs(y - round(y)) <= 1e-9 * max(1.0, abs(y))

    base = 2 - math.floor(math.log10(scale.span))  # a hundredth of the span
    for digits in range(max(base - 1, min(base, 0)), base + _FINER + 1):
        if all(fits(x, digits) for x in numbers):
            return digits
    return base


def round_half_up(x: float, digits: int) -> float:
    """Round to ``digits`` after the point (negative: tens, hundreds...), halves up.

    :func:`round` takes halves to the even neighbour (0.5 → 0 but 1.5 → 2), which makes a
    forecast exactly between two values depend on their parity; here a half always goes up.

    Examples
    --------
    >>> from negotrack.analysis.forecast import round_half_up
    >>> round_half_up(0.5, 0), round_half_up(1.5, 0), round_half_up(2.25, 1), round_half_up(150, -2)
    (1.0, 2.0, 2.3, 200.0)
    """
    exact = decimal.Decimal(repr(x)).scaleb(digits)
    whole = exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP)
    return float(whole.scaleb(-digits))


def _red_lines(
    issue: Issue, value: Value, positions: Mapping[str, Position]
) -> tuple[tuple[str, ...], Region | None]:
    """Return the parties whose red line excludes ``value`` and what every red line allows."""
    reds = {p: pos for p, pos in positions.items() if pos.red_line}
    if not reds:
        return (), None
    allowed = Region.full(issue.scale)
    for pos in reds.values():
        allowed = allowed & pos.acceptable
    return tuple(p for p, pos in reds.items() if not pos.acceptable.contains(value)), allowed


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
    snapshot: Snapshot, issue: str, parties: Iterable[str] | None, *, needed: bool = True
) -> dict[str, Position]:
    """Return the positions in force on ``issue`` (of ``parties`` only, if given).

    Raises AnalysisError if there are none and ``needed``.
    """
    positions = snapshot.positions(issue)
    if parties is not None:
        wanted = select_parties(snapshot, parties)
        positions = {p: pos for p, pos in positions.items() if p in wanted}
    if not positions and needed:
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


def _predict(
    snapshot: Snapshot,
    issue: str,
    method: str | ForecastModel,
    parties: Iterable[str] | None,
    capabilities: Mapping[str, float] | None,
) -> tuple[ForecastModel, Issue, dict[str, Position], float]:
    """Return the model, the issue, the positions used and the model's coordinate."""
    model = get_model(method)
    iss = snapshot.issue(issue)
    positions = _positions(snapshot, issue, parties, needed=model.uses_positions)
    _check_scale(model, iss)
    weights = _weights(snapshot, positions, capabilities)
    coord = model.predict(
        iss, positions if model.uses_positions else {}, weights if model.uses_positions else {}
    )
    return model, iss, positions, coord


def forecast_coordinate(
    snapshot: Snapshot,
    issue: str,
    method: str | ForecastModel = "compromise",
    *,
    parties: Iterable[str] | None = None,
    capabilities: Mapping[str, float] | None = None,
) -> float:
    """Return the coordinate :func:`forecast` would predict, before rounding: its ``coordinate``.

    The same arguments and errors as :func:`forecast`, without building the forecast (its
    rounded value, error band and red lines): what the robustness analysis counts.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.forecast import forecast_coordinate
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> forecast_coordinate(snap, "guarantee_years") == nt.forecast(snap, "guarantee_years").coordinate
    True
    """
    return _predict(snapshot, issue, method, parties, capabilities)[3]


def forecast(
    snapshot: Snapshot,
    issue: str,
    method: str | ForecastModel = "compromise",
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
    method : str or ForecastModel, optional
        The name of a forecast model, one of :data:`METHODS` (default ``"compromise"``),
        or a model itself (one with a parameter set, say).
    parties : iterable of str, optional
        Only these parties' positions (default: every party with one). A model that does
        not use positions (``"status_quo"``) ignores ``capabilities``; its forecast is
        still checked against the red lines of ``parties``.
    capabilities : mapping of str to float, optional
        Party id to capability, overriding the parties' own (``1`` for parties left out).

    Returns
    -------
    Forecast
        The forecast value (rounded to the issue's resolution, with its unit), the method,
        the parties used, the method's DEU III error band on this scale and the red lines
        that exclude it (if any).

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
    >>> nt.forecast(snap, "x", method="status_quo").value
    0.0
    >>> nt.forecast(snap, "x", capabilities={"C": 1}).value   # 46.67 at the record's precision
    47.0
    """
    model, iss, positions, coord = _predict(snapshot, issue, method, parties, capabilities)
    scale = iss.scale
    unit, resolution = "", None
    if isinstance(scale, NumericScale):
        numbers = [scale.lo, scale.hi, *(scale.coord(p.ideal) for p in positions.values())]
        if iss.status_quo is not None:
            numbers.append(scale.coord(iss.status_quo))
        digits = _decimals(scale, numbers)
        value: Value = min(max(round_half_up(coord, digits), scale.lo), scale.hi)
        ideals = [scale.coord(p.ideal) for p in positions.values()]
        if ideals and min(ideals) <= coord <= max(ideals):  # rounding never leaves their range
            value = min(max(value, min(ideals)), max(ideals))
        unit, resolution = scale.unit, 10.0**-digits
    elif scale.discrete:
        value = scale.value(round_half_up(coord, 0))
    else:  # pragma: no cover - every scale is numeric or labelled
        value = scale.value(coord)
    breaches, allowed = _red_lines(iss, value, positions)
    outside = tuple(p for p, pos in positions.items() if not pos.acceptable.contains(value))
    return Forecast(
        issue=issue,
        method=model.name,
        value=value,
        coordinate=coord,
        parties=tuple(positions),
        unit=unit,
        resolution=resolution,
        error=error_band(model.name, scale),
        red_line_breaches=breaches,
        red_lines_allow=allowed,
        outside_acceptable=outside,
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
        """Return a plain-text table, one issue per line, then what the ± figures mean."""
        lines = ["Forecasts:"]
        sources = set()
        for i, fs in self.forecasts.items():
            parts = []
            for m, f in fs.items():
                band = f" (±{f.band()[1:]})" if f.error is not None else ""
                flag = (
                    f" [outside {', '.join(f.red_line_breaches)}'s red line]"
                    if f.red_line_breaches
                    else ""
                )
                parts.append(f"{m} {f.shown()}{band}{flag}")
                if f.error is not None:
                    sources.add(f.error.source)
            lines.append(f"  {i}: " + (", ".join(parts) if parts else "no positions"))
        if sources:
            lines.append(
                "(±a / ±b: half / nine in ten of the method's forecasts in the "
                f"{'; '.join(sorted(sources))} erred by at most a / b; past accuracy, "
                "not a confidence interval)"
            )
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

    Parameters
    ----------
    snapshot : Snapshot
        The state on one date.
    methods : iterable of str, optional
        Forecast model names (default: every one, :data:`METHODS`).
    issues : iterable of str, optional
        The issues to forecast (default: the whole agenda).
    capabilities : mapping of str to float, optional
        Party to capability (default: each party's own ``capability``).
    parties : iterable of str, optional
        Only these parties' positions count (default: every party).

    Returns
    -------
    ForecastReport
        Issue → method → :class:`Forecast`, with ``describe()``, ``to_dict()`` and a
        legend of the error bands.

    Raises
    ------
    AnalysisError, ValidationError
        For an unknown method, issue or party.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> s = nt.NumericScale(0, 100)
    >>> tl = nt.Timeline(issues=[nt.Issue("x", s)], parties=[nt.Party("A"), nt.Party("B")])
    >>> for p, ideal in [("A", 20), ("B", 60)]:
    ...     _ = tl.add(nt.Statement(party=p, issue="x", date=datetime.date(2025, 1, 1),
    ...         position=nt.Position(ideal=ideal, acceptable=nt.Region.full(s)),
    ...         source=nt.Source(title="t")))
    >>> print(nt.forecast_report(tl.snapshot(), methods=["compromise", "median"]).describe())
    Forecasts:
      x: compromise 40 (±19 / ±50), median 20 (±20 / ±70)
    (±a / ±b: half / nine in ten of the method's forecasts in the DEU III backtest (353 EU legislative issues, 1996-2019) erred by at most a / b; past accuracy, not a confidence interval)
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
