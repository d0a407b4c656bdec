"""Phrases the views share: a party's name, the date analysed, what a report covers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Paragraph
from negotrack.io.reports.formatting import coverage_sentence


def party_name(document: Mapping[str, Any], party: str) -> str:
    """Return a party's name from the document's ``parties`` (its id if not listed)."""
    for p in document.get("parties", ()):
        if p["id"] == party:
            return str(p["name"])
    return party


def coverage_blocks(document: Mapping[str, Any]) -> list[Block]:
    """Return the paragraph saying what the document covers (none if it does not say)."""
    covered = document.get("coverage")
    return [Paragraph(coverage_sentence(covered), aside=True)] if covered else []


def method_name(method: str) -> str:
    """Return a forecast model's name as people write it: ``status_quo`` -> ``Status quo``."""
    return method.replace("_", " ").capitalize()
