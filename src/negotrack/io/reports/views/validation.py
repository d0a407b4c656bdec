"""The view of a ``validation`` document: the file is valid (and what it holds), or its problems."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullets, Code, Paragraph
from negotrack.io.reports.formatting import count

__all__ = ["validation_view"]

#: The summary's keys (plural nouns) and their singulars, for "1 condition", "3 conditions".
_SINGULAR = {
    "issues": "issue",
    "parties": "party",
    "statements": "statement",
    "events": "event",
    "conditions": "condition",
}


def validation_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``validation`` document.

    Parameters
    ----------
    document : dict
        A ``validation`` document (:func:`negotrack.io.reports.validation_document`).

    Returns
    -------
    list of Block
        One paragraph for a valid file ("x.toml is valid: 6 issues, 4 parties."); otherwise
        a list of the problems, each with its ``$.`` path.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.views.validation import validation_view
    >>> validation_view(validation_document("x.toml", [], summary={"issues": 2, "conditions": 1}))
    [Paragraph(text=(Code(text='x.toml'), ' is valid: 2 issues, 1 condition.'))]
    """
    file = Code(document["file"])
    against = document.get("against")
    if document["valid"]:
        held = ", ".join(count(n, _SINGULAR.get(k, k), k) for k, n in document["summary"].items())
        if against is not None:  # an update: what it adds, the kinds it adds none of left out
            summary = {k: n for k, n in document["summary"].items() if n}
            held = ", ".join(count(n, _SINGULAR.get(k, k), k) for k, n in summary.items())
            adds = f": it adds {held}." if held else ": it adds nothing."
            return [Paragraph((file, " is valid against ", Code(against), adds))]
        return [Paragraph((file, " is valid" + (f": {held}." if held else ".")))]
    problems = document["problems"]
    return [
        Bullets(
            [f"{p['path']}: {p['message']}" if p["path"] else p["message"] for p in problems],
            lead=(file, f" has {count(len(problems), 'problem')}:"),
        )
    ]
