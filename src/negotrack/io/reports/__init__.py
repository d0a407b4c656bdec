"""Reports: analysis results as a readable brief, a Markdown memo or a documented JSON document.

How the package is laid out (each step reads only the one before)::

    documents.py   the *_document builders: analysis results -> plain data (the report schema)
    robustness.py  the robustness document (how sure each conclusion is)
    formatting.py  values, regions and moves in words with their units
    schema.py      the JSON Schema documents follow, and a checker that needs no dependency
    blocks.py      Heading, Paragraph, Table, Bullets ...: what a report is made of
    views/         one view per report kind: a document -> its blocks
    writers/       one module per format (text, markdown, json) and the registry WRITERS

:func:`render` picks the writer of a format; the text and Markdown writers write the blocks
of the document's view, the JSON writer the document itself, so every format says the same.
"""

from __future__ import annotations

from negotrack.io.reports.documents import (
    SCHEMA_VERSION,
    brief_document,
    conditions_document,
    diff_document,
    forecast_document,
    gaps_document,
    packages_document,
    timeline_document,
    validation_document,
)
from negotrack.io.reports.formatting import format_region, format_value
from negotrack.io.reports.robustness import robustness_document
from negotrack.io.reports.schema import check_document, report_schema
from negotrack.io.reports.writers import FORMATS, render

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "brief_document",
    "check_document",
    "conditions_document",
    "diff_document",
    "forecast_document",
    "format_region",
    "format_value",
    "gaps_document",
    "packages_document",
    "render",
    "report_schema",
    "robustness_document",
    "timeline_document",
    "validation_document",
]
