"""What a utility format (Genius, GeniusWeb) holds: issues, and each party's exact utility.

:class:`UtilityDomain` is the one shape the utility-format readers return and the writers
take: the domain's issues (discrete labels, or integer / real bounds), each party's
:class:`~negotrack.UtilityFunction` exactly as the file defines it, and what the format
keeps beside it (reservation value, discount factor). :meth:`UtilityDomain.scenario` maps it
onto negotrack's record; :meth:`UtilityDomain.agreement_space` builds the agreement space
from the file's own utilities (not from positions).
"""

from __future__ import annotations

import contextlib
import datetime
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from negotrack.analysis.utilities import UtilityFunction, ValueFunction
from negotrack.errors import DataError
from negotrack.io.scenario import Scenario
from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, Scale, Value
from negotrack.timeline.records import Statement
from negotrack.timeline.timeline import Timeline

if TYPE_CHECKING:  # the agreement space is imported when one is built: reading needs none
    from negotrack.analysis.agreement import AgreementSpace

__all__ = ["DomainIssue", "Linear", "UtilityDomain"]


def _label(value: Value) -> str:
    """Return an outcome as the text a utility format stores."""
    return value if isinstance(value, str) else repr(value)


#: The date of the statements made from a profile (the formats carry none).
PROFILE_DATE = datetime.date(2000, 1, 1)


def finite_number(
    value: object,
    file: Path,
    where: str,
    *,
    path: str | None = None,
    lo: float = -math.inf,
    hi: float = math.inf,
) -> float:
    """Read a number of another tool's file: finite and in ``[lo, hi]``, the one rule.

    ``value`` is a cell or attribute (text) or a JSON number; a refusal names the file,
    ``where`` it sits (``line 3, power``; ``weight[index=2].value``), the value and the rule.

    Raises
    ------
    DataError
        If it is not a finite number within the bounds (``True``/``False`` are not numbers).

    Examples
    --------
    >>> from pathlib import Path
    >>> finite_number("0.25", Path("p.xml"), "reservation.value", lo=0)
    0.25
    >>> finite_number("-1", Path("p.xml"), "weight.value", lo=0)
    Traceback (most recent call last):
    ...
    negotrack.errors.DataError: p.xml: weight.value='-1' must be a finite number ≥ 0
    """
    number = math.nan
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a number: NaN, refused below
            number = float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    if not (math.isfinite(number) and lo <= number <= hi):
        if math.isinf(lo) and math.isinf(hi):
            rule = "a finite number"
        elif math.isinf(hi):
            rule = f"a finite number ≥ {lo:g}"
        else:
            rule = f"a number in [{lo:g}, {hi:g}]"
        raise DataError(
            f"{where}={value!r} must be {rule}",
            path=where if path is None else path,
            value=value,
            file=str(file),
        )
    return number


def number_cell(
    cell: str, file: Path, line: int, column: str, *, lo: float = -math.inf, hi: float = math.inf
) -> float:
    """Read one CSV cell of another tool's file as a finite number in ``[lo, hi]``.

    :func:`finite_number` for the KTAB and decide readers: a refusal names the file, the
    line, the column and the cell.

    Raises
    ------
    DataError
        If the cell is not a finite number within the bounds.

    Examples
    --------
    >>> from pathlib import Path
    >>> number_cell("0.4", Path("x.csv"), 3, "power", lo=0, hi=1)
    0.4
    >>> number_cell("lots", Path("x.csv"), 3, "power", lo=0, hi=1)
    Traceback (most recent call last):
    ...
    negotrack.errors.DataError: x.csv: line 3, power='lots' must be a number in [0, 1]
    """
    return finite_number(
        cell, file, f"line {line}, {column}", path=f"line {line}.{column}", lo=lo, hi=hi
    )


def read_text(file: Path) -> str:
    """Return another tool's file as text: UTF-8 (a byte-order mark allowed), the one rule.

    Raises
    ------
    DataError
        If it is not UTF-8 text (naming the file).
    OSError
        If it cannot be read.

    Examples
    --------
    >>> from pathlib import Path
    >>> read_text(Path("examples/formats/fishing_ktab.csv")).splitlines()[1][:24]
    'Actor,Description,Influe'
    """
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            path="$",
            value=None,
            file=str(file),
        ) from None


#: How far the weights of a profile may stray from summing to 1. ANAC files stray by up to
#: 6.4e-3 (rounded weights); they are used as written, not rescaled.
WEIGHT_TOLERANCE = 0.01


@attrs.frozen
class Linear:
    """A linear evaluator ``offset + slope × x`` (Genius' ``ftype="linear"``).

    Examples
    --------
    >>> from negotrack.io.utility_domain import Linear
    >>> Linear(offset=1.0, slope=-0.1)(4)
    0.6
    """

    offset: float
    slope: float

    def __call__(self, x: Value) -> float:
        """Return ``offset + slope × x``."""
        assert isinstance(x, int | float)  # numeric issues only
        return self.offset + self.slope * float(x)


#: The most values of an integer issue enumerated one by one; wider ranges are gridded.
INTEGER_VALUES = 1001


@attrs.frozen(kw_only=True)
class DomainIssue:
    """One issue of a utility domain.

    Parameters
    ----------
    name : str
        The issue's name (its id in negotrack).
    kind : {"discrete", "integer", "real"}
        Discrete issues list their ``values``; integer and real ones their bounds.
    values : tuple of str
        The discrete values, in file order (empty for numeric issues).
    lower, upper : float
        The bounds of a numeric issue (0 for discrete ones).

    Examples
    --------
    >>> from negotrack.io.utility_domain import DomainIssue
    >>> DomainIssue(name="n", kind="integer", lower=1, upper=3).candidates()
    (1, 2, 3)
    """

    name: str
    kind: Literal["discrete", "integer", "real"]
    values: tuple[str, ...] = ()
    lower: float = 0.0
    upper: float = 0.0

    def scale(self) -> Scale:
        """Return the negotrack scale: nominal labels, or a numeric range."""
        if self.kind == "discrete":
            return NominalScale(self.values)
        return NumericScale(self.lower, self.upper)

    def candidates(self, grid: int = 10) -> tuple[Value, ...]:
        """Return the candidate outcomes: every value, or ``grid + 1`` points of a wide range.

        Discrete issues give every value; integer ones every integer up to
        :data:`INTEGER_VALUES` of them, and beyond that ``grid + 1`` evenly spaced integers
        like a real issue's points (a Genius ``upperbound="1000000000"`` is not enumerated).

        Examples
        --------
        >>> from negotrack.io.utility_domain import DomainIssue
        >>> DomainIssue(name="n", kind="integer", lower=0, upper=10**9).candidates(grid=4)
        (0, 250000000, 500000000, 750000000, 1000000000)
        """
        lo, hi = int(self.lower), int(self.upper)
        if self.kind == "discrete":
            return self.values
        if self.kind == "integer" and hi - lo < INTEGER_VALUES:
            return tuple(range(lo, hi + 1))
        n = max(grid, 1)
        if self.kind == "integer":
            return tuple(sorted({lo + (hi - lo) * k // n for k in range(n + 1)}))
        return tuple(self.lower + (self.upper - self.lower) * k / n for k in range(n + 1))


@attrs.frozen(kw_only=True)
class UtilityDomain:
    """A negotiation domain with each party's utility, as a utility format defines it.

    Parameters
    ----------
    name : str
        The domain's name.
    issues : tuple of DomainIssue
        The issues, in file order.
    utilities : mapping of str to UtilityFunction
        Party (profile) name to its utility, exactly as the format defines it.
    discount : mapping of str to float
        Party to discount factor (metadata: negotrack has no time-discounting; 1 = none).
    format : str
        The format read (``"genius"``, ``"geniusweb"``).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.utility_domain import DomainIssue, UtilityDomain
    >>> u = {"A": nt.UtilityFunction(weights={"x": 1.0}, values={"x": {"a": 1.0, "b": 0.0}}),
    ...      "B": nt.UtilityFunction(weights={"x": 1.0}, values={"x": {"a": 0.0, "b": 1.0}})}
    >>> d = UtilityDomain(name="toy", issues=(DomainIssue(name="x", kind="discrete",
    ...     values=("a", "b")),), utilities=u, discount={}, format="genius")
    >>> len(d.agreement_space().frontier())
    2
    >>> d.scenario().timeline.snapshot().position("B", "x").ideal
    'b'
    """

    name: str
    issues: tuple[DomainIssue, ...]
    utilities: Mapping[str, UtilityFunction]
    discount: Mapping[str, float] = attrs.field(factory=dict)
    format: str = "genius"

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> UtilityDomain:
        """Derive a domain from a negotrack scenario's latest positions (for export).

        Utilities are those of :meth:`negotrack.AgreementSpace.from_snapshot` (the rule of
        :func:`negotrack.utilities_from_snapshot`); every issue becomes a discrete issue of
        its candidate outcomes (numbers written as text); an outcome beyond a red line is
        valued 0 (utility formats have no red lines).

        Examples
        --------
        >>> import negotrack as nt
        >>> from negotrack.io.utility_domain import UtilityDomain
        >>> d = UtilityDomain.from_scenario(nt.load("examples/wage_negotiation.toml"))
        >>> d.issues[0].kind, len(d.utilities) > 1
        ('discrete', True)
        """
        from negotrack.analysis.agreement import AgreementSpace

        space = AgreementSpace.from_snapshot(scenario.timeline.snapshot())
        issues = tuple(
            DomainIssue(name=i, kind="discrete", values=tuple(_label(c) for c in cands))
            for i, cands in space.outcomes.items()
        )
        utilities = {}
        for party, u in space.utility_functions.items():
            values: dict[str, ValueFunction] = {}
            for i, cands in space.outcomes.items():
                if i in u.weights:
                    values[i] = {_label(c): max(0.0, u.value(i, c)) for c in cands}
            weights = {i: w for i, w in u.weights.items() if i in values}
            utilities[party] = UtilityFunction(weights=weights, values=values, reserved=u.reserved)
        return cls(
            name=scenario.title or "negotrack",
            issues=issues,
            utilities=utilities,
            format="negotrack",
        )

    def outcomes(self, grid: int = 10) -> dict[str, tuple[Value, ...]]:
        """Return issue name to candidate outcomes (see :meth:`DomainIssue.candidates`).

        Examples
        --------
        >>> from negotrack.io.genius import read_genius
        >>> read_genius("examples/formats/genius_fruit").outcomes()["boxes"]
        (1, 2, 3, 4, 5)
        """
        return {i.name: i.candidates(grid) for i in self.issues}

    def agreement_space(self, grid: int = 10) -> AgreementSpace:
        """Return the agreement space built from the format's own utilities.

        Examples
        --------
        >>> from negotrack.io.genius import read_genius
        >>> space = read_genius("examples/formats/genius_fruit").agreement_space()
        >>> space.parties, space.size
        (('buyer', 'seller'), 30)
        """
        from negotrack.analysis.agreement import agreement_space_from_utilities

        return agreement_space_from_utilities(self.utilities, self.outcomes(grid))

    def scenario(self, date: datetime.date = PROFILE_DATE) -> Scenario:
        """Map the domain onto a negotrack scenario (what is lost: see docs/formats.md).

        One party per profile; one statement per party and issue: the ideal is the
        outcome the party values most (first in file order on ties), the whole scale is
        acceptable (Genius has no red lines; the reservation value is a package-level
        threshold), the salience is the issue's weight.

        Examples
        --------
        >>> from negotrack.io.genius import read_genius
        >>> tl = read_genius("examples/formats/genius_fruit").scenario().timeline
        >>> [p.id for p in tl.parties], tl.snapshot().position("buyer", "fruit").ideal
        (['buyer', 'seller'], 'apple')
        """
        parties = [Party(p) for p in self.utilities]
        issues = [Issue(i.name, i.scale()) for i in self.issues]
        records = []
        for party, u in self.utilities.items():
            source = Source(title=f"{self.format} profile {party}", kind=SourceKind.ANALYSIS)
            for di, issue in zip(self.issues, issues, strict=True):
                if di.name not in u.weights:
                    continue
                cands = di.candidates(1) if di.kind == "real" else di.candidates()
                ideal = max(cands, key=lambda c, n=di.name: u.value(n, c))  # type: ignore[misc]
                records.append(
                    Statement(
                        party=party,
                        issue=di.name,
                        date=date,
                        position=Position(
                            ideal=ideal,
                            acceptable=Region.full(issue.scale),
                            salience=min(1.0, u.weights[di.name]),
                        ),
                        source=source,
                    )
                )
        desc = "; ".join(
            f"{p}: reservation {u.reserved:g}"
            + (
                f", discount {self.discount[p]:g}"
                if not math.isclose(self.discount.get(p, 1.0), 1.0)
                else ""
            )
            for p, u in self.utilities.items()
        )
        return Scenario(
            title=self.name,
            description=f"Imported from {self.format}. {desc}",
            timeline=Timeline(issues=issues, parties=parties, records=records),
        )
