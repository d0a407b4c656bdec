"""Views: for each report kind, the blocks that show a document of that kind.

A view reads a document — plain data, as the JSON output has it — and returns the list of
:mod:`~negotrack.io.reports.blocks` that show it: headings, paragraphs, tables and lists. It
decides what a report says and in which order, never how it looks; the writers decide that.
:func:`view` picks the view by the document's ``kind`` from :data:`VIEWS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from negotrack.errors import InvalidTypeError
from negotrack.io.reports.blocks import Block
from negotrack.io.reports.views.brief import brief_view
from negotrack.io.reports.views.deadlocks import deadlocks_view
from negotrack.io.reports.views.diff import diff_view
from negotrack.io.reports.views.forecast import forecast_view
from negotrack.io.reports.views.gaps import gaps_view
from negotrack.io.reports.views.packages import packages_view
from negotrack.io.reports.views.robustness import robustness_view
from negotrack.io.reports.views.timeline import timeline_view
from negotrack.io.reports.views.validation import validation_view

__all__ = ["VIEWS", "view"]

#: A view: a report document in, its blocks out.
View: TypeAlias = Callable[[Mapping[str, Any]], list[Block]]

#: Every report kind: the view that shows it.
VIEWS: dict[str, View] = {
    "brief": brief_view,
    "gaps": gaps_view,
    "deadlocks": deadlocks_view,
    "diff": diff_view,
    "timeline": timeline_view,
    "validation": validation_view,
    "packages": packages_view,
    "forecast": forecast_view,
    "robustness": robustness_view,
}


def view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks that show a report document, by its ``kind``.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.

    Returns
    -------
    list of Block

    Raises
    ------
    InvalidTypeError
        If the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.views import view
    >>> view(validation_document("x.toml", []))
    [Paragraph(text=(Code(text='x.toml'), ' is valid.'))]
    """
    kind = document.get("kind")
    shown = VIEWS.get(kind) if isinstance(kind, str) else None
    if shown is None:
        raise InvalidTypeError(
            f"document kind={kind!r} is not a report kind; use one of: {', '.join(VIEWS)}",
            path="document.kind",
            value=kind,
        )
    return shown(document)
