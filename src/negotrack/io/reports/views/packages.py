"""The view of a ``packages`` document: the agreement space."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Heading, Paragraph, Preformatted

__all__ = ["packages_view"]


def packages_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``packages`` document.

    Parameters
    ----------
    document : dict
        A ``packages`` document (:func:`negotrack.io.reports.packages_document`).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> from negotrack.io.reports import packages_document
    >>> from negotrack.io.reports.views.packages import packages_view
    >>> packages_view(packages_document(None, parties=["UA"]))[0]
    Heading(level=1, text=('Agreement space: agreement space',))
    """
    blocks: list[Block] = [Heading(1, f"{document['title'] or 'Agreement space'}: agreement space")]
    if document.get("date"):
        blocks.append(Paragraph(f"Positions in force on {document['date']}."))
    return [*blocks, Preformatted(str(document.get("text", "")))]
