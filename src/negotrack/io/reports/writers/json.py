"""The JSON writer: the report document itself, indented, keys in schema order, UTF-8 kept.

The text is ``json.dumps(plain(document), indent=2, ensure_ascii=False)``, written by
:mod:`negotrack.io._indented_json` (about twice as fast as the pure-Python encoder).

Unlike the text and Markdown writers it writes no blocks: JSON is the document, for programs,
following the report schema (``negotrack/io/report_schema.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from negotrack._collector import collector_paused
from negotrack.io._indented_json import indented_chunks, write_indented
from negotrack.io.reports.documents import plain

__all__ = ["write", "write_to"]


def write(document: Mapping[str, Any]) -> str:
    """Write a report document as JSON (without a final newline).

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.

    Returns
    -------
    str
        Indented JSON; dates as ISO strings, infinities and NaN as null.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.writers import json
    >>> print(json.write(validation_document("x.toml", [])))  # doctest: +ELLIPSIS
    {
      "negotrack_report": 2,
      "kind": "validation",
      "title": "x.toml",
    ...
    """
    return "".join(indented_chunks(document, plain))


def write_to(document: Mapping[str, Any], stream: TextIO) -> None:
    """Write a report document as JSON to a text stream, piece by piece (no final newline).

    The same text as :func:`write`, without holding it whole: a report of 10^5 records is
    written in a fraction of the memory.

    Examples
    --------
    >>> import io
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.writers import json
    >>> out = io.StringIO()
    >>> json.write_to(validation_document("x.toml", []), out)
    >>> out.getvalue() == json.write(validation_document("x.toml", []))
    True
    """
    with collector_paused(promote=False):  # the pieces are many, short-lived, acyclic
        write_indented(document, stream, plain)
