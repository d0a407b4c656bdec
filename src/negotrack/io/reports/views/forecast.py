"""The view of a ``forecast`` document: the outcome of every issue by every method."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Heading, Paragraph, Preformatted

__all__ = ["forecast_view"]


def forecast_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``forecast`` document.

    Parameters
    ----------
    document : dict
        A ``forecast`` document (:func:`negotrack.io.reports.forecast_document`).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import forecast_document
    >>> from negotrack.io.reports.views.forecast import forecast_view
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> forecast_view(forecast_document(nt.forecast_report(snap)))[0]
    Heading(level=1, text=('Forecasts: forecasts',))
    """
    blocks: list[Block] = [Heading(1, f"{document['title'] or 'Forecasts'}: forecasts")]
    if document.get("date"):
        blocks.append(Paragraph(f"Positions in force on {document['date']}."))
    return [*blocks, Preformatted(str(document.get("text", "")))]
