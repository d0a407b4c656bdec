"""Writers: one module per output format, and the registry of formats, :data:`WRITERS`.

A writer is a function ``write(document) -> str``. The text and Markdown writers write the
blocks the document's view gives (``write_blocks``); the JSON writer writes the document
itself. :func:`render` looks the format up here, and :data:`FORMATS` — the choices of the
command line's ``--format`` — is the registry's keys, in order.

To add a format, write one module here, ``writers/<format>.py``, with a ``write(document)``
(for a format that shows blocks: ``return write_blocks(view(document))`` and a
``write_blocks`` that handles every kind of block), and add it to :data:`WRITERS` with
:func:`_on_demand`: a writer's module (the HTML one draws figures, the text and Markdown
ones load the views) is imported the first time its format is written, so a command
writing JSON loads none of the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from negotrack._collector import collector_paused
from negotrack.errors import InvalidTypeError

__all__ = ["FORMATS", "WRITERS", "render"]

#: A writer: a report document in, the report in one format out.
Writer: TypeAlias = Callable[[Mapping[str, Any]], str]


def _on_demand(module: str) -> Writer:
    """Return a writer that imports ``writers.<module>`` when first called and runs its ``write``."""

    def write(document: Mapping[str, Any]) -> str:
        found: Writer = importlib.import_module(f"{__name__}.{module}").write
        return found(document)

    write.__qualname__ = write.__name__ = f"write_{module}"
    return write


#: Every output format, by name: the writer that writes it.
WRITERS: dict[str, Writer] = {
    "text": _on_demand("text"),
    "markdown": _on_demand("markdown"),
    "json": _on_demand("json"),
    "html": _on_demand("html"),
}

#: The output formats :func:`render` knows (the keys of :data:`WRITERS`).
FORMATS: tuple[str, ...] = tuple(WRITERS)


def render(document: Mapping[str, Any], format: str = "text") -> str:
    """Render a report document as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"``.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.
    format : {"text", "markdown", "json", "html"}
        Plain text (a readable brief with aligned tables), Markdown (ready to paste into a
        memo), JSON (indented, keys in schema order, UTF-8 characters kept) or HTML (one
        self-contained page with the figures drawn in it); any format registered in
        :data:`WRITERS`.

    Returns
    -------
    str

    Raises
    ------
    InvalidTypeError
        If ``format`` is not one of :data:`FORMATS` or the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import render, validation_document
    >>> doc = validation_document("x.toml", [])
    >>> print(render(doc, "json"))  # doctest: +ELLIPSIS
    {
      "negotrack_report": 2,
      "kind": "validation",
    ...
    """
    writer = WRITERS.get(format) if isinstance(format, str) else None
    if writer is None:
        raise InvalidTypeError(
            f"format={format!r} is not a report format; use one of: {', '.join(WRITERS)}",
            path="format",
            value=format,
        )
    with collector_paused(promote=False):  # blocks and lines are many, short-lived, acyclic
        return writer(document)
