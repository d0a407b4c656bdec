"""The ``robustness`` report document: how sure each conclusion of the brief is."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from negotrack.io.reports.documents import SCHEMA_VERSION, Document, coverage, plain
from negotrack.timeline.timeline import Timeline

__all__ = ["robustness_document"]


def robustness_document(
    report: Any,
    *,
    title: str = "",
    timeline: Timeline | None = None,
    parties: Sequence[str] | None = None,
) -> Document:
    """Return a robustness report as a document.

    Parameters
    ----------
    report : RobustnessReport
        From :func:`negotrack.robustness`.
    title : str, optional
        A heading (the scenario title).
    timeline : Timeline, optional
        The record analysed: with it the document says what it covers (``coverage``).
    parties : sequence of str, optional
        The parties covered (default: every party).

    Returns
    -------
    dict
        ``kind = "robustness"``: the report's ``to_dict()`` under ``robustness``, its
        plain-text form under ``text``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import robustness_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = robustness_document(nt.robustness(tl, samples=50, analyses=()), timeline=tl)
    >>> doc["kind"], doc["robustness"]["samples"]
    ('robustness', 50)
    """
    covered = None
    if timeline is not None:
        covered = coverage(
            timeline,
            parties=parties or None,
            min_credibility=report.min_credibility,
            date=report.date,
            condition_holders=report.condition_holders or [p.id for p in timeline.parties],
        )
    date: datetime.date | None = report.date
    return {
        "negotrack_report": SCHEMA_VERSION,
        "kind": "robustness",
        "title": title,
        "coverage": covered,
        "date": None if date is None else date.isoformat(),
        "robustness": plain(report.to_dict()),
        "text": report.describe(),
    }
