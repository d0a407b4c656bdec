"""Notebook display: analysis results shown as HTML in Jupyter, from the HTML brief's pieces.

Jupyter (and any front end that follows IPython's display protocol) shows an object by its
``_repr_html_`` method. :func:`install` gives the results of the analysis layer that
method — :class:`~negotrack.GapReport`, :class:`~negotrack.IssueGap`,
:class:`~negotrack.GapSeries`, :class:`~negotrack.ConditionReport`,
:class:`~negotrack.AgreementReport`, :class:`~negotrack.Frontier` and
:class:`~negotrack.ForecastReport` — from here, the output layer, so that the analysis
layer never imports a writer (``import negotrack`` calls it). Each is drawn by
:func:`html_of`: the result's report document, its view and the HTML writer, figures
included, exactly as in the HTML brief. Their plain ``repr`` stays one short line.

A result does not keep the record it came from, so parties are shown by their ids.
"""

from __future__ import annotations

from typing import Any

from negotrack.analysis.agreement.results import AgreementReport, Frontier
from negotrack.analysis.deadlocks.results import ConditionReport
from negotrack.analysis.forecast import ForecastReport
from negotrack.analysis.gaps import GapReport, IssueGap
from negotrack.analysis.series import GapSeries
from negotrack.errors import InvalidTypeError
from negotrack.io.reports.blocks import Block, Figure, Paragraph, Table
from negotrack.io.reports.documents import (
    conditions_document,
    forecast_document,
    gaps_document,
    packages_document,
    series_data,
)
from negotrack.io.reports.views import view
from negotrack.io.reports.views.gaps import issue_blocks
from negotrack.io.reports.writers.html import write_blocks
from negotrack.model.entities import Party
from negotrack.timeline.timeline import Timeline

__all__ = ["DISPLAYED", "html_of", "install"]

#: The classes :func:`install` gives a ``_repr_html_``.
DISPLAYED: tuple[type, ...] = (
    GapReport,
    IssueGap,
    GapSeries,
    ConditionReport,
    AgreementReport,
    Frontier,
    ForecastReport,
)

_STYLE = (
    "<style>.nt-repr table{border-collapse:collapse}.nt-repr th,.nt-repr td{text-align:left;"
    "padding:2px 8px;border-bottom:1px solid #ddd}.nt-repr figure{margin:4px 0}"
    ".nt-repr figcaption{font-size:85%;color:#555}.nt-repr .coverage{color:#555}</style>"
)


def _stand_in(issues: Any, parties: Any) -> Timeline:
    """Return an empty record with these issues and parties (ids as names) for a document."""
    return Timeline(issues=list(issues), parties=[Party(p) for p in parties])


def _blocks(obj: Any) -> list[Block]:  # noqa: PLR0911  (one return per kind of result)
    if isinstance(obj, IssueGap):
        report = GapReport(date=None, parties=obj.parties, gaps=(obj,))
        return issue_blocks(gaps_document(report, _stand_in([obj.issue], obj.parties)))
    if isinstance(obj, GapReport):
        tl = _stand_in((g.issue for g in obj), obj.parties)
        return view(gaps_document(obj, tl, date=obj.date))
    if isinstance(obj, GapSeries):
        return _series_blocks(obj)
    if isinstance(obj, ConditionReport):
        holders = dict.fromkeys((*obj.parties, *obj.condition_holders))
        return view(conditions_document(obj, _stand_in((), holders)))
    if isinstance(obj, AgreementReport):
        return view(packages_document(obj, parties=obj.parties))
    if isinstance(obj, Frontier):
        return _frontier_blocks(obj)
    if isinstance(obj, ForecastReport):
        return view(forecast_document(obj))
    raise InvalidTypeError(
        f"{type(obj).__name__} has no HTML display; these do: "
        f"{', '.join(c.__name__ for c in DISPLAYED)}",
        path="obj",
        value=obj,
    )


def _series_blocks(series: GapSeries) -> list[Block]:
    data = series_data(series.reports)
    return [
        Paragraph(repr(series)),
        Figure("gaps_over_time", "Move needed on each issue, report by report", data=data),
    ]


def _frontier_blocks(frontier: Frontier, limit: int = 20) -> list[Block]:
    rows = [[f"{u:.3f}" for u in point] for point in frontier.points[:limit]]
    more = len(frontier.points) - len(rows)
    blocks: list[Block] = [Paragraph(repr(frontier)), Table(list(frontier.parties), rows)]
    if more > 0:
        blocks.append(Paragraph(f"… and {more} more points."))
    return blocks


def html_of(obj: Any) -> str:
    """Return the HTML that shows an analysis result in a notebook.

    Parameters
    ----------
    obj : GapReport, IssueGap, GapSeries, ConditionReport, AgreementReport, Frontier or ForecastReport
        The result.

    Returns
    -------
    str
        An HTML fragment (figures as inline SVG), in a ``<div class="nt-repr">``.

    Raises
    ------
    InvalidTypeError
        If ``obj`` is not one of :data:`DISPLAYED`.

    Examples
    --------
    >>> import negotrack as nt
    >>> report = nt.analyze(nt.load("examples/ukraine_dec2025.toml").timeline.snapshot())
    >>> html = report._repr_html_()
    >>> html.startswith('<div class="nt-repr">'), html.count('data-figure="positions"') > 0
    (True, True)
    >>> repr(report)
    '<GapReport latest: 6 issues, 4 parties; 3 without overlap, 0 deadlocked>'
    """
    return f'<div class="nt-repr">{_STYLE}{write_blocks(_blocks(obj))}</div>'


def _repr_html_(self: Any) -> str:
    return html_of(self)


def install() -> None:
    """Give each class of :data:`DISPLAYED` a ``_repr_html_`` (done when a name of ``nt`` is used).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.notebook import install
    >>> install()
    >>> nt.GapSeries._repr_html_ is nt.ForecastReport._repr_html_
    True
    """
    for cls in DISPLAYED:
        setattr(cls, "_repr_html_", _repr_html_)  # noqa: B010  (set from outside, on purpose)
