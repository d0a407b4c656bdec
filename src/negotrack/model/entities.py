"""The nouns of a negotiation: issues, parties, positions and sources.

All are frozen attrs classes, validated on construction, changed with ``attrs.evolve``.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from negotrack.errors import (
    InvalidPositionError,
    InvalidRecordError,
    InvalidTypeError,
    OffScaleError,
)
from negotrack.model._checks import (
    check_date,
    check_id,
    check_number,
    check_text,
    check_unit,
)
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale, Value

__all__ = ["Issue", "Party", "Position", "Source", "SourceKind"]

#: Scales whose ``coord`` and ``value`` negotrack wrote: ``coord(value(c)) == c``.
_OWN_SCALES = (NumericScale, OrdinalScale, NominalScale)


@attrs.frozen
class Issue:
    """A named question on the agenda, with the scale of its possible outcomes.

    Parameters
    ----------
    id : str
        Short identifier used by statements (``"guarantee_years"``).
    scale : Scale
        The value domain.
    title : str, optional
        A human title (``"Security guarantee duration"``).
    description : str, optional
        Longer notes (what the scale's ends mean, how vague the record is).
    status_quo : float or str, optional
        The outcome if no agreement is reached, when known.

    Examples
    --------
    >>> import negotrack as nt
    >>> issue = nt.Issue("guarantee_years", nt.NumericScale(0, 100, unit="years"),
    ...                  title="Security guarantee duration")
    >>> issue.label
    'Security guarantee duration'
    """

    id: str
    scale: Scale
    title: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)
    status_quo: Value | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_id("Issue", "id", self.id)
        if not isinstance(self.scale, Scale):
            raise InvalidTypeError(
                f"Issue.scale={self.scale!r} must be a Scale", path="Issue.scale", value=self.scale
            )
        check_text("Issue", "title", self.title)
        check_text("Issue", "description", self.description)
        if self.status_quo is not None:
            c = self.scale.coord(self.status_quo, field=f"Issue({self.id!r}).status_quo")
            object.__setattr__(self, "status_quo", self.scale.value(c))

    @property
    def label(self) -> str:
        """The title if there is one, else the id."""
        return self.title or self.id


@attrs.frozen
class Party:
    """An actor in the negotiation: a state, a bloc, a mediator, an institution.

    Parameters
    ----------
    id : str
        Short identifier used by statements (``"UA"``).
    name : str, optional
        Full name (``"Ukraine"``).
    capability : float, optional
        Power weight, ``>= 0`` (default 1); used by forecasts.
    group : str, optional
        A bloc the party belongs to (``"EU"``).

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.Party("UA", name="Ukraine").label
    'Ukraine'
    """

    id: str
    name: str = attrs.field(default="", kw_only=True)
    capability: float = attrs.field(default=1.0, kw_only=True)
    group: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_id("Party", "id", self.id)
        cap = check_number("Party", "capability", self.capability, minimum=0)
        object.__setattr__(self, "capability", cap)
        check_text("Party", "name", self.name)
        if self.group is not None:
            check_id("Party", "group", self.group)

    @property
    def label(self) -> str:
        """The name if there is one, else the id."""
        return self.name or self.id


@attrs.frozen(kw_only=True)
class Position:
    """One party's stance on one issue.

    Parameters
    ----------
    ideal : float or str
        The outcome the party wants most; must lie in ``acceptable``.
    acceptable : Region
        Every outcome the party can accept.
    salience : float, optional
        How much the issue matters to the party, in [0, 1] (default 1).
    red_line : bool, optional
        Whether ``acceptable`` is a hard limit (default False).

    Raises
    ------
    InvalidPositionError
        If the ideal lies outside the acceptable region or the salience is outside [0, 1].

    Examples
    --------
    >>> import negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> pos = nt.Position(ideal=50, acceptable=nt.Region.interval(years, 15, 100), salience=0.9)
    >>> pos.ideal, pos.scale
    (50.0, NumericScale(0, 100, unit='years'))
    >>> nt.Position(ideal=120, acceptable=nt.Region.interval(years, 15, 100))
    Traceback (most recent call last):
    ...
    negotrack.errors.InvalidPositionError: Position.ideal=120 is outside acceptable region [15, 100] on scale 0–100 years
    """

    ideal: Value
    acceptable: Region
    salience: float = 1.0
    red_line: bool = False

    def __attrs_post_init__(self) -> None:
        sal = check_unit("Position", "salience", self.salience, error=InvalidPositionError)
        if sal is not self.salience:  # a float in [0, 1] is kept as it is
            object.__setattr__(self, "salience", sal)
        if not isinstance(self.acceptable, Region):
            raise InvalidTypeError(
                f"Position.acceptable={self.acceptable!r} must be a Region",
                path="Position.acceptable",
                value=self.acceptable,
            )
        if not isinstance(self.red_line, bool):
            raise InvalidTypeError(
                f"Position.red_line={self.red_line!r} must be True or False",
                path="Position.red_line",
                value=self.red_line,
            )
        scale = self.acceptable.scale
        try:
            c = scale.coord(self.ideal, field="Position.ideal")
            ideal = scale.value(c)
        except OffScaleError:
            ideal = None
        # negotrack's scales give the coordinate back from the value: no second ``coord``
        if ideal is None or not (
            self.acceptable._holds(c)
            if type(scale) in _OWN_SCALES
            else self.acceptable.contains(ideal)
        ):
            shown = self.ideal if ideal is None else scale.format_value(ideal)
            raise InvalidPositionError(
                f"Position.ideal={shown} is outside acceptable region "
                f"{self.acceptable.describe()} on scale {scale}",
                path="Position.ideal",
                value=self.ideal,
            )
        if ideal is not self.ideal:  # a float on a numeric scale is its own value
            object.__setattr__(self, "ideal", ideal)

    @property
    def scale(self) -> Scale:
        """The scale of the acceptable region."""
        return self.acceptable.scale

    def describe(self) -> str:
        """Return the position in plain words.

        Examples
        --------
        >>> import negotrack as nt
        >>> s = nt.NumericScale(0, 100, unit="years")
        >>> nt.Position(ideal=50, acceptable=nt.Region.interval(s, 15, 100), red_line=True).describe()
        'ideal 50, accepts [15, 100] (red line), salience 1'
        """
        red = " (red line)" if self.red_line else ""
        return (
            f"ideal {self.scale.format_value(self.ideal)}, accepts "
            f"{self.acceptable.describe()}{red}, salience {self.salience:g}"
        )


class SourceKind(enum.Enum):
    """What kind of source a record came from."""

    OFFICIAL = "official"
    MEDIA = "media"
    LEAK = "leak"
    INTELLIGENCE = "intelligence"
    ANALYSIS = "analysis"
    OTHER = "other"


def _source_kind(value: SourceKind | str) -> SourceKind:
    if isinstance(value, SourceKind):
        return value
    try:
        return SourceKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in SourceKind)
        raise InvalidRecordError(
            f"Source.kind={value!r} must be one of: {allowed}", path="Source.kind", value=value
        ) from None


def _optional_date(value: datetime.date | None) -> datetime.date | None:
    return None if value is None else check_date("Source", "date", value)


@attrs.frozen(kw_only=True)
class Source:
    """Where a record comes from: a publication, a statement, a leak.

    Parameters
    ----------
    title : str
        Headline or document title.
    url : str, optional
        Where to read it.
    publisher : str, optional
        Who published it (``"Reuters"``, ``"Kremlin press service"``).
    date : datetime.date, optional
        When it was published.
    quote : str, optional
        The words relied on.
    kind : SourceKind or str, optional
        What kind of source it is (default ``media``).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> nt.Source(title="Talks at Mar-a-Lago", publisher="Reuters",
    ...           date=datetime.date(2025, 12, 28), kind="media").kind
    <SourceKind.MEDIA: 'media'>
    """

    title: str
    url: str = ""
    publisher: str = ""
    date: datetime.date | None = attrs.field(default=None, converter=_optional_date)
    quote: str = ""
    kind: SourceKind = attrs.field(default=SourceKind.MEDIA, converter=_source_kind)

    def __attrs_post_init__(self) -> None:
        check_text("Source", "title", self.title)
        for field in ("url", "publisher", "quote"):
            value = getattr(self, field)
            if value != "":  # no text is text: a record of many sources has many empty fields
                check_text("Source", field, value)

    def cite(self) -> str:
        """Return a short citation: ``publisher, "title" (date)``.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> nt.Source(title="Plan", publisher="AP", date=datetime.date(2025, 12, 1)).cite()
        'AP, "Plan" (2025-12-01)'
        """
        who = f"{self.publisher}, " if self.publisher else ""
        when = f" ({self.date.isoformat()})" if self.date else ""
        return f'{who}"{self.title}"{when}'
