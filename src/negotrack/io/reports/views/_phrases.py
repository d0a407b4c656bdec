"""Phrases the views share: a party's name, the date analysed, the credibility counted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def party_name(document: Mapping[str, Any], party: str) -> str:
    """Return a party's name from the document's ``parties`` (its id if not listed)."""
    for p in document.get("parties", ()):
        if p["id"] == party:
            return str(p["name"])
    return party


def when(document: Mapping[str, Any]) -> str:
    """Say when the positions were in force: ``"on 2025-12-28"``, ``"at the latest record"``."""
    date = document.get("date")
    if date:
        return f"on {date}"
    latest = document.get("latest")
    return f"at the latest record ({latest})" if latest else "at the latest record"


def credibility_note(document: Mapping[str, Any]) -> str:
    """Say which records were counted, by the document's ``min_credibility``."""
    level = document.get("min_credibility") or "denied"
    if level == "denied":
        return "every record counted, denied ones included"
    if level == "alleged":
        return "records alleged or better counted, denied ones left out"
    return f"only records {level} or better counted"
