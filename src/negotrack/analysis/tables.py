"""Gap analyses as tidy tables: one row per issue, or per date × issue of a series.

The rows are what ``GapReport.to_frame()`` / ``GapSeries.to_frame()`` (pandas, the ``pandas``
extra) and ``negotrack export ... OUT.csv --table gaps`` hold: numbers as numbers, regions in
the files' notation (JSON text) beside their hull's two ends.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the columns are read without the analyses (``negotrack export --table``)
    from negotrack.analysis.gaps import GapReport, IssueGap

__all__ = ["GAP_COLUMNS", "gap_rows"]

#: The columns of a gap table, in order.
GAP_COLUMNS = (
    "date",
    "issue",
    "status",
    "deadlocked",
    "parties",
    "overlap",
    "overlap_low",
    "overlap_high",
    "overlap_measure",
    "needed",
    "concession_point",
    "concession_label",
    "respects_red_lines",
    "red_line_holders",
    "blockers",
)


def _row(date: datetime.date | None, gap: IssueGap) -> dict[str, Any]:
    known = len(gap.parties) >= 2  # with fewer, the zone and the moves are unknown (silence)
    overlap = gap.overlap if known else None
    empty = overlap is None or overlap.is_empty
    numeric = not gap.issue.scale.discrete
    bounds = None if empty or overlap is None or not numeric else overlap.bounds
    low, high = bounds if bounds is not None else (None, None)
    needed = gap.needed if known else math.nan
    concessions = gap.concessions if known else None
    return {
        "date": date,
        "issue": gap.issue.id,
        "status": gap.status,
        "deadlocked": gap.deadlocked,
        "parties": ";".join(gap.parties),
        "overlap": None
        if empty or overlap is None
        else json.dumps(overlap.to_data(), ensure_ascii=False),
        "overlap_low": low,
        "overlap_high": high,
        "overlap_measure": (0.0 if empty or overlap is None else overlap.measure)
        if known
        else math.nan,
        "needed": needed,
        "concession_point": None if concessions is None or not numeric else concessions.point,
        "concession_label": None if concessions is None or numeric else concessions.point,
        "respects_red_lines": None if concessions is None else concessions.respects_red_lines,
        "red_line_holders": ";".join(gap.red_line_holders),
        "blockers": ";".join(gap.blockers),
    }


def gap_rows(source: GapReport | Any) -> list[dict[str, Any]]:
    """Return one row per issue of a gap report, or per date × issue of a gap series.

    Parameters
    ----------
    source : GapReport or GapSeries
        From :func:`negotrack.analyze` or :func:`negotrack.gap_series`.

    Returns
    -------
    list of dict
        Keyed by :data:`GAP_COLUMNS`, in agenda order (by date first for a series):
        ``needed`` is the largest move needed to open a zone of agreement (share of the
        scale), ``overlap`` the zone in the files' notation (empty when there is none) with
        its numeric ends in ``overlap_low`` / ``overlap_high`` (numeric scales only), the
        concession point a number in ``concession_point`` or a label in
        ``concession_label``,
        ``parties`` those holding positions joined with ``;``. Where fewer than two parties
        hold positions the zone and the moves are unknown: empty, and NaN for numbers.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.tables import gap_rows
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> row = gap_rows(nt.analyze(tl.snapshot()))[1]
    >>> row["issue"], row["status"], row["needed"], row["concession_point"]
    ('guarantee_years', 'no_overlap', 0.175, 32.5)
    >>> len(gap_rows(nt.gap_series(tl))) == len(nt.gap_series(tl)) * len(tl.issues)
    True
    """
    from negotrack.analysis.gaps import GapReport

    reports = [source] if isinstance(source, GapReport) else list(source)
    return [_row(report.date, gap) for report in reports for gap in report.gaps]
