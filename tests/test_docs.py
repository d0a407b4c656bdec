"""Docs stay complete: the concepts page names every term and every guaranteed law.

The ``>>>`` examples in docs/*.md run as doctests (pytest's ``--doctest-glob``); these tests
check what doctests cannot: that nothing is missing from the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from negotrack.testing.laws import REGION_LAWS

DOCS = Path(__file__).resolve().parent.parent / "docs"
CONCEPTS = (DOCS / "concepts.md").read_text(encoding="utf-8")

TERMS = [
    "Scale",
    "Region",
    "Issue",
    "Party",
    "Position",
    "Statement",
    "Event",
    "Timeline",
    "Condition",
    "Gap",
    "Deadlock",
    "Package",
]


@pytest.mark.parametrize("term", TERMS)
def test_concepts_defines_every_term(term: str) -> None:
    """Each word of the vocabulary is defined in bold on the concepts page."""
    assert f"**{term}**" in CONCEPTS


@pytest.mark.parametrize("law", REGION_LAWS)
def test_concepts_states_every_law(law: str) -> None:
    """Each law the library checks is stated, by name, on the concepts page."""
    assert f"**{law}**" in CONCEPTS


def test_concepts_names_no_unknown_law() -> None:
    """Every bold law-like name on the page is a law the library checks."""
    named = set(re.findall(r"\*\*([a-z_]+)\*\*", CONCEPTS))
    assert named - set(REGION_LAWS) == set()
