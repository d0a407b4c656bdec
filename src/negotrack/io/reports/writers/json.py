"""The JSON writer: the report document itself, indented, keys in schema order, UTF-8 kept.

Unlike the text and Markdown writers it writes no blocks: JSON is the document, for programs,
following the report schema (``negotrack/io/report_schema.json``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.documents import plain

__all__ = ["write"]


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
    return json.dumps(plain(document), indent=2, ensure_ascii=False)
