"""Scales: the value domain of an issue.

A scale says which values an issue can take and maps each onto [0, 1] so that
distances are comparable across issues. Three kinds exist:

* :class:`NumericScale` - a closed range with a unit (years, $bn, % of territory);
  mapped linearly.
* :class:`OrdinalScale` - ordered labels (none < assurances < ...); mapped by rank.
* :class:`NominalScale` - unordered labels; distances are the discrete metric.

Internally every value has a *coordinate*: the number itself on a numeric scale, the
label's index on a labelled one. Regions (:mod:`negotrack.model.regions`) are stored as
intervals of coordinates; only scales translate between values and coordinates.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar, TypeAlias

import attrs

from negotrack.errors import InvalidScaleError, InvalidTypeError, OffScaleError
from negotrack.model._checks import check_number, check_text

__all__ = [
    "NominalScale",
    "NumericScale",
    "OrdinalScale",
    "Scale",
    "Value",
    "format_number",
    "with_unit",
]

#: A value on a scale: a number on a numeric scale, a label on a labelled one.
Value: TypeAlias = float | str


def format_number(x: float) -> str:
    """Format a number for people: integers without ``.0``, others to 6 significant digits.

    Parameters
    ----------
    x : float
        The number.

    Returns
    -------
    str
        ``"15"``, ``"32.5"``, ``"0.333333"``.

    Examples
    --------
    >>> from negotrack.model.scales import format_number
    >>> format_number(15.0), format_number(32.5), format_number(1 / 3)
    ('15', '32.5', '0.333333')
    """
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"


def with_unit(text: str, unit: str) -> str:
    """Write an amount with its unit after it, the one rule every output follows.

    Parameters
    ----------
    text : str
        The amount as written (``"15"``, ``"15–50"``).
    unit : str
        The scale's unit (``""`` for none).

    Returns
    -------
    str
        ``"15 years"``, ``"40 %"``; the text as it is without a unit.

    Examples
    --------
    >>> from negotrack.model.scales import with_unit
    >>> with_unit("15", "years"), with_unit("40", "%"), with_unit("0.5", "")
    ('15 years', '40 %', '0.5')
    """
    return f"{text} {unit}" if unit else text


class Scale(ABC):
    """The interface every scale offers; see the concrete classes."""

    #: Stable tag used in files and reports: ``"numeric"``, ``"ordinal"`` or ``"nominal"``.
    kind: ClassVar[str]
    #: Whether values are ordered (regions are intervals) or not (regions are label sets).
    ordered: ClassVar[bool]
    #: Whether values are labels (finitely many) rather than numbers.
    discrete: ClassVar[bool]

    @property
    @abstractmethod
    def lowest(self) -> float:
        """Smallest coordinate on the scale."""

    @property
    @abstractmethod
    def highest(self) -> float:
        """Largest coordinate on the scale."""

    @abstractmethod
    def coord(self, value: Value, *, field: str = "value") -> float:
        """Return the coordinate of ``value``, raising :class:`OffScaleError` if off the scale."""

    @abstractmethod
    def value(self, coord: float) -> Value:
        """Return the value at a coordinate (the inverse of :meth:`coord`)."""

    @property
    def span(self) -> float:
        """Width of the scale in coordinates (``highest - lowest``)."""
        return self.highest - self.lowest

    def normalize(self, value: Value) -> float:
        """Map a value onto [0, 1].

        Parameters
        ----------
        value : float or str
            A value on this scale.

        Returns
        -------
        float
            0 at the bottom of the scale, 1 at the top (by rank on labelled scales).

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.NumericScale(0, 100, unit="years").normalize(15)
        0.15
        >>> nt.OrdinalScale(["none", "assurances", "force"]).normalize("assurances")
        0.5
        """
        return (self.coord(value) - self.lowest) / self.span

    def distance(self, a: Value, b: Value) -> float:
        """Normalised distance in [0, 1] between two values.

        Ordered scales use ``|normalize(a) - normalize(b)|``; nominal scales the discrete
        metric (0 if equal, else 1).

        Parameters
        ----------
        a, b : float or str
            Values on this scale.

        Returns
        -------
        float
            The distance.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.NumericScale(0, 100, unit="years").distance(15, 50)
        0.35
        >>> nt.NominalScale(["US", "EU"]).distance("US", "EU")
        1.0
        """
        ca, cb = self.coord(a), self.coord(b)
        if not self.ordered:
            return 0.0 if ca == cb else 1.0
        return self.share(abs(ca - cb))

    def share(self, length: float) -> float:
        """Express a length in coordinates as a share of the scale, in [0, 1].

        A positive length never rounds to 0 (so a distance is 0 only between equal values)
        and rounding never takes a share past 1.

        Parameters
        ----------
        length : float
            A non-negative length in coordinates (at most :attr:`span`).

        Returns
        -------
        float
            ``length / span``, clamped to [0, 1].

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.NumericScale(0, 200, unit="$bn").share(50)
        0.25
        """
        if length <= 0.0:
            return 0.0
        return min(1.0, max(length / self.span, math.ulp(0.0)))

    def format_value(self, value: Value) -> str:
        """Format a value for people (``"15"``, ``"assurances"``)."""
        return format_number(value) if isinstance(value, float | int) else str(value)

    def format_coord(self, coord: float) -> str:
        """Format the value at a coordinate for people."""
        return self.format_value(self.value(coord))


def _finite(owner: str, field: str, value: object) -> float:
    return float(check_number(owner, field, value, error=InvalidScaleError))


def _labels(owner: str, labels: Iterable[str]) -> tuple[str, ...]:
    if isinstance(labels, str):
        raise InvalidTypeError(
            f"{owner}.labels={labels!r} must be a sequence of labels, not one string",
            path=f"{owner}.labels",
            value=labels,
        )
    out = tuple(labels)
    for label in out:
        if isinstance(label, str):
            check_text(owner, "labels", label)
        if not isinstance(label, str) or not label.strip():
            raise InvalidScaleError(
                f"{owner}.labels contains {label!r}: every label must be a non-empty string",
                path=f"{owner}.labels",
                value=label,
            )
    seen: set[str] = set()
    for label in out:
        if label in seen:
            raise InvalidScaleError(
                f"{owner}.labels repeats {label!r}: labels must be distinct",
                path=f"{owner}.labels",
                value=label,
            )
        seen.add(label)
    if len(out) < 2:
        raise InvalidScaleError(
            f"{owner}.labels={list(out)!r} must have at least 2 labels",
            path=f"{owner}.labels",
            value=list(out),
        )
    return out


@attrs.frozen(repr=False, init=False)
class NumericScale(Scale):
    """A closed numeric range ``[lo, hi]`` with a unit, mapped linearly onto [0, 1].

    Parameters
    ----------
    lo, hi : float
        The bounds, finite, ``lo < hi``.
    unit : str, optional
        What the numbers count (``"years"``, ``"$bn"``, ``"%"``).

    Raises
    ------
    InvalidScaleError
        If a bound is NaN or infinite, or ``hi <= lo``.

    Examples
    --------
    >>> import negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> years
    NumericScale(0, 100, unit='years')
    >>> str(years), years.normalize(50)
    ('0–100 years', 0.5)
    """

    kind: ClassVar[str] = "numeric"
    ordered: ClassVar[bool] = True
    discrete: ClassVar[bool] = False

    lo: float
    hi: float
    unit: str = ""

    def __init__(self, lo: float, hi: float, unit: str = "") -> None:
        lo_f = _finite("NumericScale", "lo", lo)
        hi_f = _finite("NumericScale", "hi", hi)
        if not hi_f > lo_f:
            raise InvalidScaleError(
                f"NumericScale.hi={format_number(hi_f)} must be greater than "
                f"NumericScale.lo={format_number(lo_f)}",
                path="NumericScale.hi",
                value=hi,
            )
        if not math.isfinite(hi_f - lo_f):
            raise InvalidScaleError(
                f"NumericScale from lo={format_number(lo_f)} to hi={format_number(hi_f)} is too "
                f"wide: hi - lo must be a finite number",
                path="NumericScale.hi",
                value=hi,
            )
        if not isinstance(unit, str):
            raise InvalidTypeError(
                f"NumericScale.unit={unit!r} must be a string", path="NumericScale.unit", value=unit
            )
        check_text("NumericScale", "unit", unit)
        self.__attrs_init__(lo_f, hi_f, unit)

    @property
    def lowest(self) -> float:
        """Smallest coordinate on the scale (``lo``)."""
        return self.lo

    @property
    def highest(self) -> float:
        """Largest coordinate on the scale (``hi``)."""
        return self.hi

    def coord(self, value: Value, *, field: str = "value") -> float:
        """Return ``value`` as a float, checking it lies in ``[lo, hi]``.

        Parameters
        ----------
        value : float
            A finite number in ``[lo, hi]``.
        field : str, optional
            Name used in error messages.

        Returns
        -------
        float
            The value itself.

        Raises
        ------
        InvalidTypeError
            If ``value`` is not a number.
        OffScaleError
            If ``value`` is NaN, infinite or outside ``[lo, hi]``.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.NumericScale(0, 100).coord(15)
        15.0
        """
        if type(value) is not float and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise InvalidTypeError(
                f"{field}={value!r} must be a number on scale {self}, not {type(value).__name__}",
                path=field,
                value=value,
            )
        if not math.isfinite(value) or not self.lo <= value <= self.hi:
            raise OffScaleError(
                f"{field}={value!r} is off scale {self}",
                path=field,
                value=value,
            )
        return float(value)

    def value(self, coord: float) -> float:
        """Return the value at a coordinate (the coordinate itself)."""
        return float(coord)

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{format_number(self.lo)}–{format_number(self.hi)}{unit}"

    def __repr__(self) -> str:
        unit = f", unit={self.unit!r}" if self.unit else ""
        return f"NumericScale({format_number(self.lo)}, {format_number(self.hi)}{unit})"


class _LabelledScale(Scale):
    """Shared behaviour of ordinal and nominal scales (labels indexed 0..n-1)."""

    labels: tuple[str, ...]
    discrete: ClassVar[bool] = True

    @property
    def lowest(self) -> float:
        """Smallest coordinate: 0, the first label's index."""
        return 0.0

    @property
    def highest(self) -> float:
        """Largest coordinate: the last label's index."""
        return float(len(self.labels) - 1)

    def coord(self, value: Value, *, field: str = "value") -> float:
        """Return the index of label ``value``.

        Parameters
        ----------
        value : str
            One of the scale's labels.
        field : str, optional
            Name used in error messages.

        Returns
        -------
        float
            The label's index.

        Raises
        ------
        OffScaleError
            If ``value`` is not one of the labels.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.OrdinalScale(["low", "mid", "high"]).coord("mid")
        1.0
        """
        try:
            return float(self.labels.index(value))  # type: ignore[arg-type,unused-ignore]
        except ValueError:
            raise OffScaleError(
                f"{field}={value!r} is not a label of scale {self}",
                path=field,
                value=value,
            ) from None

    def value(self, coord: float) -> str:
        """Return the label at index ``coord``."""
        return self.labels[int(coord)]


@attrs.frozen(repr=False, init=False)
class OrdinalScale(_LabelledScale):
    """Ordered labels, mapped onto [0, 1] by rank.

    Parameters
    ----------
    labels : sequence of str
        At least two distinct labels, lowest first.

    Raises
    ------
    InvalidScaleError
        If a label repeats or is empty, or fewer than two are given.

    Examples
    --------
    >>> import negotrack as nt
    >>> tiers = nt.OrdinalScale(["none", "assurances", "coalition force", "article-5-like"])
    >>> tiers.normalize("coalition force")
    0.6666666666666666
    >>> str(tiers)
    'none < assurances < coalition force < article-5-like'
    """

    kind: ClassVar[str] = "ordinal"
    ordered: ClassVar[bool] = True

    labels: tuple[str, ...]

    def __init__(self, labels: Iterable[str]) -> None:
        self.__attrs_init__(_labels("OrdinalScale", labels))

    def __str__(self) -> str:
        return " < ".join(self.labels)

    def __repr__(self) -> str:
        return f"OrdinalScale({list(self.labels)!r})"


@attrs.frozen(repr=False, init=False)
class NominalScale(_LabelledScale):
    """Unordered labels; the distance between two labels is 0 or 1.

    The order the labels are given in is only their display order.

    Parameters
    ----------
    labels : sequence of str
        At least two distinct labels.

    Raises
    ------
    InvalidScaleError
        If a label repeats or is empty, or fewer than two are given.

    Examples
    --------
    >>> import negotrack as nt
    >>> bodies = nt.NominalScale(["US", "EU", "UN"])
    >>> str(bodies), bodies.distance("US", "UN")
    ('{US, EU, UN}', 1.0)
    """

    kind: ClassVar[str] = "nominal"
    ordered: ClassVar[bool] = False

    labels: tuple[str, ...]

    def __init__(self, labels: Iterable[str]) -> None:
        self.__attrs_init__(_labels("NominalScale", labels))

    def normalize(self, value: Value) -> float:
        """Map a label onto [0, 1] by its display position (only for plotting).

        Nominal labels have no order: analyses use :meth:`distance`, never this.

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.NominalScale(["US", "EU", "UN"]).normalize("UN")
        1.0
        """
        return super().normalize(value)

    def __str__(self) -> str:
        return "{" + ", ".join(self.labels) + "}"

    def __repr__(self) -> str:
        return f"NominalScale({list(self.labels)!r})"
