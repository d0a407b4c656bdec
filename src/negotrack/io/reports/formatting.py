"""Words for reports: values and regions with their units, moves, lists and counts.

Document builders use these to put analysis results into words once, in the document; views
use the list and count helpers to write sentences about a document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from negotrack._words import count
from negotrack.model.entities import Issue
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale, format_number, with_unit

__all__ = [
    "count",
    "coverage_sentence",
    "credibility_phrase",
    "format_move",
    "format_outcome",
    "format_region",
    "format_value",
    "join_and",
    "region_words",
    "value_words",
]


def format_value(issue: Issue, value: Any) -> str:
    """Format one value of an issue with its unit (``"15 years"``, ``"partner-backed"``).

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.
    value : float or str
        A number on a numeric scale, a label on a labelled one.

    Returns
    -------
    str

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import format_value
    >>> format_value(nt.Issue("y", nt.NumericScale(0, 100, unit="years")), 32.5)
    '32.5 years'
    """
    return value_words(issue)(value)


def format_outcome(value: Any) -> str:
    """Format an outcome without its issue: a number as people write it, a label as it is.

    For documents that hold an outcome but not its issue's scale (packages, forecasts);
    with the issue at hand, :func:`format_value` adds the unit.

    Parameters
    ----------
    value : float or str
        A number or a label.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.formatting import format_outcome
    >>> format_outcome(15.0), format_outcome(31.578947368421055), format_outcome("partner-backed")
    ('15', '31.5789', 'partner-backed')
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(float(value))
    return str(value)


def format_region(issue: Issue, region: Region) -> str:
    """Format a region of an issue in words with units (``"0–15 years"``, ``"yes"``).

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.
    region : Region
        A region on that scale.

    Returns
    -------
    str
        Ranges joined by "or" on numeric scales; label ranges ("partner-backed to
        article-5-like") on ordinal ones; alternatives on nominal ones; "nothing" if empty.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import format_region
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> format_region(nt.Issue("d", pct), nt.Region.of(pct, [(0, 10), (100, 100)]))
    '0–10 or 100 %'
    """
    return region_words(issue)(region)


def value_words(issue: Issue) -> Callable[[Any], str]:
    """Return :func:`format_value` for one issue: its unit looked up once, for many values.

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.

    Returns
    -------
    callable
        ``words(value) == format_value(issue, value)``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.formatting import value_words
    >>> words = value_words(nt.Issue("y", nt.NumericScale(0, 100, unit="years")))
    >>> words(32.5), words(15)
    ('32.5 years', '15 years')
    """
    scale = issue.scale
    unit = scale.unit if isinstance(scale, NumericScale) else ""
    suffix = with_unit("", unit)  # the one rule, applied once: " years", "" without a unit

    def words(value: Any) -> str:
        if type(value) is float or (isinstance(value, int | float) and not isinstance(value, bool)):
            return format_number(float(value)) + suffix
        return str(value)

    return words


def region_words(issue: Issue) -> Callable[[Region], str]:
    """Return :func:`format_region` for one issue: its scale read once, for many regions.

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.

    Returns
    -------
    callable
        ``words(region) == format_region(issue, region)``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.formatting import region_words
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> words = region_words(nt.Issue("d", pct))
    >>> words(nt.Region.of(pct, [(0, 10), (100, 100)])), words(nt.Region.of(pct, []))
    ('0–10 or 100 %', 'nothing')
    """
    scale = issue.scale
    if not scale.ordered:
        return lambda region: " or ".join(region.values) if region.parts else "nothing"
    if not isinstance(scale, NumericScale):
        coord = scale.format_coord

        def labelled(region: Region) -> str:
            if not region.parts:
                return "nothing"
            return " or ".join(
                coord(lo) if lo == hi else f"{coord(lo)} to {coord(hi)}" for lo, hi in region.parts
            )

        return labelled
    unit = f" {scale.unit}" if scale.unit else ""
    number = format_number

    def numeric(region: Region) -> str:
        parts = region.parts  # coordinates are the values on a numeric scale
        if not parts:
            return "nothing"
        return (
            " or ".join(
                [
                    number(float(lo)) if lo == hi else f"{number(float(lo))}–{number(float(hi))}"
                    for lo, hi in parts
                ]
            )
            + unit
        )

    return numeric


def format_move(issue: Issue, units: float) -> str:
    """Say how far a party must move on an issue, in the scale's own terms.

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.
    units : float
        The move in scale units (label steps on an ordinal scale).

    Returns
    -------
    str
        ``"17.5 years"``; ``"50 points"`` on a ``%`` scale; ``"1 step"`` on an ordinal
        scale; ``"a change of stance"`` on a nominal one.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.formatting import format_move
    >>> format_move(nt.Issue("d", nt.NumericScale(0, 100, unit="%")), 50.0)
    '50 points'
    >>> format_move(nt.Issue("t", nt.OrdinalScale(["no", "maybe", "yes"])), 1.0)
    '1 step'
    """
    scale = issue.scale
    if not scale.ordered:
        return "a change of stance"
    if scale.discrete:
        n = format_number(units)
        return f"{n} step" + ("" if units == 1 else "s")
    unit = scale.unit if isinstance(scale, NumericScale) else ""
    n = format_number(round(units, 6))
    if unit == "%":
        return f"{n} point" + ("" if units == 1 else "s")
    return f"{n} {unit}".strip()


def join_and(items: Sequence[str]) -> str:
    """Join words as a sentence lists them: ``"a"``, ``"a and b"``, ``"a, b and c"``.

    Parameters
    ----------
    items : sequence of str
        The words, in order.

    Returns
    -------
    str
        Empty for no words.

    Examples
    --------
    >>> from negotrack.io.reports.formatting import join_and
    >>> join_and(["Russia", "Ukraine", "United States"])
    'Russia, Ukraine and United States'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def credibility_phrase(level: str | None) -> str:
    """Say which records were counted, given the lowest credibility counted.

    Parameters
    ----------
    level : str or None
        A credibility label (``"denied"`` ... ``"confirmed"``); None counts as ``"denied"``.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.formatting import credibility_phrase
    >>> credibility_phrase("alleged")
    'records alleged or better counted, denied ones left out'
    """
    level = level or "denied"
    if level == "denied":
        return "every record counted, denied ones included"
    if level == "alleged":
        return "records alleged or better counted, denied ones left out"
    return f"only records {level} or better counted"


def coverage_sentence(coverage: Mapping[str, Any]) -> str:
    """Say what a report covers: its parties, its date, its records and whose conditions.

    The one sentence every report and figure opens with (``docs/reports.md``), from a
    document's ``coverage`` (:func:`negotrack.io.reports.documents.coverage`).

    Parameters
    ----------
    coverage : mapping
        A document's ``coverage``.

    Returns
    -------
    str
        One sentence, ending with a full stop.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports.documents import coverage
    >>> from negotrack.io.reports.formatting import coverage_sentence
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> print(coverage_sentence(coverage(tl, parties=["UA", "US"], condition_holders=None)))
    Covers Ukraine and United States (2 of 4 parties; left out: Russia, European governments) at the latest record (2026-01-01); records alleged or better counted, denied ones left out.
    """
    named = [p["name"] for p in coverage["parties"]]
    left = [p["name"] for p in coverage["left_out"]]
    total = len(named) + len(left)
    if not named:
        who = "no party"
    elif not left:
        who = f"{join_and(named)} ({'the only party' if total == 1 else 'every party'})"
    else:
        who = f"{join_and(named)} ({len(named)} of {total} parties; left out: {', '.join(left)})"
    if coverage.get("since"):
        when = f"from {coverage['since']} to {coverage['date']}"
    elif coverage.get("date"):
        when = f"on {coverage['date']}"
    elif coverage.get("latest"):
        when = f"at the latest record ({coverage['latest']})"
    else:
        when = "at the latest record"
    text = f"Covers {who} {when}; {credibility_phrase(coverage.get('min_credibility'))}"
    holders = coverage.get("condition_holders")
    if holders is not None:
        names = [p["name"] for p in holders]
        if len(names) == total:
            text += "; conditions of every party read"
        elif names:
            text += f"; only the conditions of {join_and(names)} read"
        else:
            text += "; no party's conditions read"
    return text + "."
