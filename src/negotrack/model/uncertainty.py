"""How sure a record is: the optional uncertainty a statement, event or condition may carry.

Every field is optional and an absent field means "as coded": a record without an
:class:`Uncertainty` is read exactly as written, except for the probability that it is
true, which then follows its credibility (see
:data:`negotrack.timeline.records.DEFAULT_PROBABILITIES`). The robustness analysis
(:func:`negotrack.robustness`) draws readings of the record from these fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs

from negotrack.errors import InvalidRecordError, InvalidTypeError, OffScaleError
from negotrack.model._checks import check_date, check_unit
from negotrack.model.entities import Position
from negotrack.model.scales import Value

__all__ = ["POSITION_FIELDS", "Uncertainty"]

#: The fields that only a statement's position can carry (ranges and a red-line probability).
POSITION_FIELDS = ("ideal", "lower", "upper", "red_line")


def _pair(owner: str, field: str, value: Any) -> tuple[Any, Any] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a pair [low, high]",
            path=f"{owner}.{field}",
            value=value,
        )
    pair = tuple(value)
    if len(pair) != 2:
        raise InvalidRecordError(
            f"{owner}.{field}={value!r} must be a pair [low, high] (2 items, not {len(pair)})",
            path=f"{owner}.{field}",
            value=value,
        )
    return pair[0], pair[1]


def _ideal(value: Any) -> tuple[Value, Value] | None:
    return _pair("Uncertainty", "ideal", value)


def _lower(value: Any) -> tuple[Value, Value] | None:
    return _pair("Uncertainty", "lower", value)


def _upper(value: Any) -> tuple[Value, Value] | None:
    return _pair("Uncertainty", "upper", value)


def _dates(value: Any) -> tuple[datetime.date, datetime.date] | None:
    pair = _pair("Uncertainty", "dates", value)
    if pair is None:
        return None
    first = check_date("Uncertainty", "dates", pair[0])
    last = check_date("Uncertainty", "dates", pair[1])
    if first > last:
        raise InvalidRecordError(
            f"Uncertainty.dates=[{first}, {last}]: the earliest date comes after the latest",
            path="Uncertainty.dates",
            value=value,
        )
    return first, last


def _probability(value: Any) -> float | None:
    return None if value is None else check_unit("Uncertainty", "probability", value)


def _red_line(value: Any) -> float | None:
    return None if value is None else check_unit("Uncertainty", "red_line", value)


@attrs.frozen(kw_only=True)
class Uncertainty:
    """How sure a record is: what else it may mean, and how likely it is to be true.

    Parameters
    ----------
    probability : float, optional
        The probability that the record is true, in [0, 1]. Absent: from its credibility
        through :data:`~negotrack.timeline.records.DEFAULT_PROBABILITIES` (a table the
        robustness analysis lets you override).
    ideal : (value, value), optional
        The range the ideal may lie in ("roughly $100bn": ``(80, 120)``); it must contain
        the coded ideal. Statements only.
    lower, upper : (value, value), optional
        The range the lowest (highest) acceptable value may lie in; it must contain the
        coded bound. Statements only.
    red_line : float, optional
        The probability that the position is a red line, in [0, 1] (a cut-off sentence that
        may or may not announce one). Statements only.
    dates : (date, date), optional
        The earliest and latest date the record may carry, when its date is inferred; it
        must contain the coded date.

    Notes
    -----
    Ranges are ranges of values on the issue's scale (numbers, or labels of an ordinal
    scale); a nominal scale has no order, so no range. The statement checks them against
    its position (:meth:`check_position`).

    Examples
    --------
    >>> import negotrack as nt
    >>> u = nt.Uncertainty(ideal=(80, 120), probability=0.9)
    >>> u.ideal, u.probability, u.is_certain
    ((80, 120), 0.9, False)
    >>> nt.Uncertainty(red_line=1.5)
    Traceback (most recent call last):
    ...
    negotrack.errors.InvalidRecordError: Uncertainty.red_line=1.5 must lie in [0, 1]
    """

    probability: float | None = attrs.field(default=None, converter=_probability)
    ideal: tuple[Value, ...] | None = attrs.field(default=None, converter=_ideal)
    lower: tuple[Value, ...] | None = attrs.field(default=None, converter=_lower)
    upper: tuple[Value, ...] | None = attrs.field(default=None, converter=_upper)
    red_line: float | None = attrs.field(default=None, converter=_red_line)
    dates: tuple[datetime.date, ...] | None = attrs.field(default=None, converter=_dates)

    @property
    def is_certain(self) -> bool:
        """Whether no field is set (the record is read as coded)."""
        return all(getattr(self, f) is None for f in attrs.fields_dict(Uncertainty))

    @property
    def position_fields(self) -> tuple[str, ...]:
        """The position fields set (:data:`POSITION_FIELDS`)."""
        return tuple(f for f in POSITION_FIELDS if getattr(self, f) is not None)

    def check_date(self, owner: str, date: datetime.date) -> None:
        """Check that ``dates`` contains the record's coded ``date``.

        Raises
        ------
        InvalidRecordError
            If it does not.
        """
        if self.dates is not None and not self.dates[0] <= date <= self.dates[1]:
            raise InvalidRecordError(
                f"{owner}.uncertainty.dates=[{self.dates[0]}, {self.dates[1]}] must contain "
                f"the record's date {date}",
                path=f"{owner}.uncertainty.dates",
                value=[d.isoformat() for d in self.dates],
            )

    def check_position(self, owner: str, position: Position) -> Uncertainty:
        """Check the ranges against ``position``; return them as the scale's values.

        Each range lies on the position's scale, low <= high, and contains what it is a
        range of: the ideal, the lowest or the highest acceptable value.

        Raises
        ------
        InvalidRecordError
            If a range is reversed, off the scale, on a nominal scale, or leaves out the
            coded value.

        Examples
        --------
        >>> import negotrack as nt
        >>> bn = nt.NumericScale(0, 300, unit="$bn")
        >>> pos = nt.Position(ideal=100, acceptable=nt.Region.point(bn, 100))
        >>> nt.Uncertainty(ideal=(80, 120)).check_position("Statement", pos).ideal
        (80.0, 120.0)
        >>> nt.Uncertainty(ideal=(110, 120)).check_position("Statement", pos)
        Traceback (most recent call last):
        ...
        negotrack.errors.InvalidRecordError: Statement.uncertainty.ideal=[110, 120] must contain the coded value 100
        """
        scale = position.scale
        region = position.acceptable
        bounds = region.bounds
        coded = {
            "ideal": position.ideal,
            "lower": bounds[0] if bounds else None,
            "upper": bounds[1] if bounds else None,
        }
        changes: dict[str, tuple[Value, Value]] = {}
        for field in ("ideal", "lower", "upper"):
            pair = getattr(self, field)
            if pair is None:
                continue
            path = f"{owner}.uncertainty.{field}"
            shown = f"[{', '.join(str(v) for v in pair)}]"
            if scale.kind == "nominal":
                raise InvalidRecordError(
                    f"{path}={shown}: a range needs an ordered scale, and {scale} has no order",
                    path=path,
                    value=list(pair),
                )
            try:
                lo, hi = (scale.coord(v, field=path) for v in pair)
            except OffScaleError as err:
                raise InvalidRecordError(str(err), path=path, value=list(pair)) from None
            if lo > hi:
                raise InvalidRecordError(
                    f"{path}={shown}: low must not exceed high", path=path, value=list(pair)
                )
            target = coded[field]
            if target is None or not lo <= scale.coord(target) <= hi:
                raise InvalidRecordError(
                    f"{path}={shown} must contain the coded value "
                    f"{'none' if target is None else scale.format_value(target)}",
                    path=path,
                    value=list(pair),
                )
            changes[field] = (scale.value(lo), scale.value(hi))
        return attrs.evolve(self, **changes) if changes else self

    def check_record(self, owner: str) -> None:
        """Check that an event or a condition sets no position field.

        Raises
        ------
        InvalidRecordError
            Naming the first position field set.
        """
        for field in self.position_fields:
            raise InvalidRecordError(
                f"{owner}.uncertainty.{field}: only a statement's position has {field!r}; "
                f"a{'n' if owner[0] in 'AEIOU' else ''} {owner.lower()} may carry probability "
                "and dates",
                path=f"{owner}.uncertainty.{field}",
                value=getattr(self, field),
            )
