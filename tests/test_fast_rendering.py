"""The faster rendering paths give exactly what the plain ones give (issue 18's 10^5 targets).

Each law compares a fast path with a reference: the code it replaced, kept here as it was
(the timeline's statement items and view, ``format_region``), or the library it stands in
for (``tomli_w.dumps`` with short arrays joined, for TOML).
"""

from __future__ import annotations

import datetime
import math
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.io import scenario as scenario_module
from negotrack.io._toml_text import compact_arrays, toml_text
from negotrack.io.reports import render, timeline_document
from negotrack.io.reports.blocks import Bullet, Bullets, Code, Heading, Link, Strong, inline
from negotrack.io.reports.formatting import (
    format_region,
    format_value,
    region_words,
    value_words,
)
from negotrack.io.reports.views import view
from negotrack.io.reports.views._phrases import coverage_blocks
from negotrack.io.reports.views.timeline import record_line, record_sources
from negotrack.model.scales import NumericScale, format_number
from negotrack.testing import strategies as nts

# ---------------------------------------------------------------- references (as they were)


def reference_format_region(issue: nt.Issue, region: nt.Region) -> str:
    """format_region before value_words/region_words: the rule, spelled out."""
    if region.is_empty:
        return "nothing"
    scale = issue.scale
    if not scale.ordered:
        return " or ".join(region.values)
    if not isinstance(scale, NumericScale):
        return " or ".join(
            scale.format_coord(lo)
            if lo == hi
            else f"{scale.format_coord(lo)} to {scale.format_coord(hi)}"
            for lo, hi in region.parts
        )
    unit = f" {scale.unit}" if scale.unit else ""
    parts = []
    for lo, hi in region.intervals:
        lo_s, hi_s = format_number(float(lo)), format_number(float(hi))
        parts.append(lo_s if lo == hi else f"{lo_s}–{hi_s}")
    return " or ".join(parts) + unit


def reference_format_value(issue: nt.Issue, value: Any) -> str:
    scale = issue.scale
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = format_number(float(value))
        unit = scale.unit if isinstance(scale, NumericScale) else ""
        if not unit:
            return text
        return f"{text} {unit}" if unit != "%" else f"{text} %"
    return str(value)


def reference_statement_item(st_: nt.Statement, issue: nt.Issue, names: Mapping[str, str]) -> Any:
    pos = st_.position
    return {
        "date": st_.date.isoformat(),
        "type": "statement",
        "id": st_.id,
        "party": st_.party,
        "party_name": names.get(st_.party, st_.party),
        "issue": st_.issue,
        "issue_title": issue.label,
        "ideal": pos.ideal,
        "ideal_text": reference_format_value(issue, pos.ideal),
        "acceptable": pos.acceptable.to_data(),
        "acceptable_text": reference_format_region(issue, pos.acceptable),
        "red_line": pos.red_line,
        "salience": pos.salience,
        "credibility": st_.credibility.label,
        "supersedes": st_.supersedes,
        "cites": list(st_.cites),
        "source": st_.source.cite(),
        "url": st_.source.url,
        "quote": st_.source.quote,
        "note": st_.note,
    }


def reference_timeline_view(document: Mapping[str, Any]) -> list[Any]:
    """Return the timeline view as it was: every bullet made through the converters."""
    from negotrack.io.reports.blocks import Paragraph
    from negotrack.io.reports.formatting import count

    records = document["records"]
    counts: dict[str, int] = {}
    for r in records:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    blocks: list[Any] = [
        Heading(1, f"{document['title'] or 'Timeline'} — timeline"),
        *coverage_blocks(document),
        Paragraph(", ".join(count(n, kind) for kind, n in counts.items()) or "no records"),
    ]
    by_date: dict[str, list[Mapping[str, Any]]] = {}
    planned = []
    for r in records:
        if r["type"] == "event" and r.get("status") == "planned":
            planned.append(r)
        else:
            by_date.setdefault(r["date"], []).append(r)
    for date, on_date in by_date.items():
        blocks.append(Heading(3, date))
        blocks.append(Bullets(Bullet(record_line(r), children=record_sources(r)) for r in on_date))
    if planned:
        blocks.append(Heading(2, "Planned, not yet reported as happened"))
        blocks.append(
            Bullets(
                Bullet((f"{r['date']}: ", *record_line(r)), children=record_sources(r))
                for r in planned
            )
        )
    return blocks


# ------------------------------------------------------------------------------- laws

words_ = st.text(alphabet=st.sampled_from("ab *_[]<>#\n\x1b\u202e"), max_size=6)
spans = st.one_of(
    words_,
    words_.map(Strong),
    words_.map(Code),
    st.builds(Link, words_, st.sampled_from(["", "https://x.org", "javascript:x"])),
)


class TestTimelineRendering:
    @given(nts.scenarios())
    def test_statement_items_are_the_reference_items(self, scenario: nt.Scenario) -> None:
        """Law: the timeline document's statement items are those the plain builder made."""
        tl = scenario.timeline
        names = {p.id: p.label for p in tl.parties}
        got = [r for r in timeline_document(tl)["records"] if r["type"] == "statement"]
        statements = sorted(tl.statements, key=lambda s: s.date)
        assert got == [reference_statement_item(s, tl.issue(s.issue), names) for s in statements]

    @given(nts.scenarios())
    def test_timeline_view_is_the_reference_view(self, scenario: nt.Scenario) -> None:
        """Law: the blocks made with Bullet.of equal those made through the converters."""
        doc = timeline_document(scenario.timeline, title=scenario.title)
        assert view(doc) == reference_timeline_view(doc)

    @given(nts.scenarios())
    def test_timeline_text_and_markdown_are_the_reference_texts(
        self, scenario: nt.Scenario
    ) -> None:
        """Law: the text and Markdown written are those of the reference view's blocks."""
        from negotrack.io.reports.writers import markdown, text

        doc = timeline_document(scenario.timeline, title=scenario.title)
        reference = reference_timeline_view(doc)
        assert render(doc, "text") == text.write_blocks(reference)
        assert render(doc, "markdown") == markdown.write_blocks(reference)

    @given(nts.issues().flatmap(lambda i: st.tuples(st.just(i), nts.regions(i.scale))))
    def test_region_words_is_format_region(self, drawn: tuple[nt.Issue, nt.Region]) -> None:
        """Law: region_words(issue)(region) is the region in words as format_region said it."""
        issue, region = drawn
        assert region_words(issue)(region) == reference_format_region(issue, region)
        assert format_region(issue, region) == reference_format_region(issue, region)

    @given(nts.issues().flatmap(lambda i: st.tuples(st.just(i), nts.values(i.scale))))
    def test_value_words_is_format_value(self, drawn: tuple[nt.Issue, Any]) -> None:
        """Law: value_words(issue)(value) is the value in words as format_value said it."""
        issue, value = drawn
        assert value_words(issue)(value) == reference_format_value(issue, value)
        assert format_value(issue, value) == reference_format_value(issue, value)
        assert value_words(issue)(7) == reference_format_value(issue, 7)

    @given(st.lists(spans, max_size=4), st.lists(st.lists(spans, max_size=3), max_size=3))
    def test_bullet_of_is_bullet(self, text: list[Any], children: list[list[Any]]) -> None:
        """Law: Bullet.of(inline(x), bullets) == Bullet(x, children=bullets)."""
        kids = [Bullet(c) for c in children]
        assert Bullet.of(inline(text), tuple(kids)) == Bullet(text, children=kids)
        # not in their form (lists): converted, as Bullet(...) converts them
        assert Bullet.of(text, kids) == Bullet(text, children=kids)  # type: ignore[arg-type]

    @given(st.lists(spans, max_size=5))
    def test_inline_of_a_tuple_drops_only_the_empty_parts(self, parts: list[Any]) -> None:
        """Law: inline text of a tuple keeps its non-empty parts in order, and only them."""
        kept = [p for p in parts if (p if isinstance(p, str) else p.text)]
        assert inline(tuple(parts)) == tuple(kept)


# ------------------------------------------------------------------------------- TOML

#: Strings with what TOML escapes and what joining an array could change ("[ ", ", ]").
toml_strings = st.text(alphabet=st.sampled_from('ab "\\\n\t\x00\x7f[], é'), max_size=8)
toml_keys = st.one_of(st.sampled_from(["id", "a-b", "x_1"]), toml_strings)
toml_scalars = st.one_of(
    toml_strings,
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.dates(),
    st.datetimes(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(toml_keys, inner, max_size=4),
        st.lists(st.dictionaries(toml_keys, inner, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=25,
)
toml_documents = st.dictionaries(toml_keys, toml_values, max_size=5)


def reference_toml(document: dict[str, Any]) -> str:
    return compact_arrays(tomli_w.dumps(document))


class TestTomlText:
    @given(nts.scenarios())
    def test_toml_text_of_a_scenario_is_tomli_w_compacted(self, scenario: nt.Scenario) -> None:
        """Law: a scenario's TOML is tomli-w's text with short arrays joined, byte for byte."""
        doc = scenario_module._document(scenario, native_dates=True)
        assert toml_text(doc) == reference_toml(doc)
        assert nt.dumps(scenario) == reference_toml(doc)

    @given(toml_documents)
    def test_toml_text_of_any_document_is_tomli_w_compacted(self, doc: dict[str, Any]) -> None:
        """Law: for any TOML-able document the text is tomli-w's, compacted, byte for byte.

        Where the reference fails (compacting parses an array alone, and an array holding an
        inline table with an array in it is no TOML alone), toml_text fails the same way.
        """
        try:
            expected = reference_toml(doc)
        except Exception as err:  # whatever the reference raises
            with pytest.raises(type(err)):
                toml_text(doc)
            return
        assert toml_text(doc) == expected

    def test_leaves_what_it_does_not_know_to_tomli_w(self) -> None:
        """A subclass, a time or a Decimal: None, and dumps writes through tomli-w."""
        assert toml_text({"a": OrderedDict(b=1)}) is None
        assert toml_text({"a": [datetime.time(1, 2)]}) is None
        # a key that is no string: tomli-w raises its own TypeError
        assert toml_text({"a": 1, 2: "x"}) is None  # type: ignore[dict-item]
        assert toml_text({"a": math.inf}) == "a = inf\n" == reference_toml({"a": math.inf})

    def test_joins_a_numbers_array_as_compacting_did(self) -> None:
        """Numbers arrays are written on one line directly, as compact_arrays joined them."""
        doc = {"t": {"acceptable": [[1.5, 2], [], [3, 4]], "long": list(range(40))}}
        assert toml_text(doc) == reference_toml(doc)
        assert "acceptable = [[1.5, 2], [], [3, 4]]\n" in (toml_text(doc) or "")
        assert "long = [\n    0,\n" in (toml_text(doc) or "")


# ------------------------------------------------------------------------------- at size


def _large_timeline(n: int) -> nt.Timeline:
    """Return ``n`` seeded statements: 1,200 parties (past the name cache), 3 kinds of scale."""
    import random

    rng = random.Random(18)
    pct = nt.NumericScale(0, 100, unit="%")
    tiers = nt.OrdinalScale(["none", "talks", "[ treaty", "a, ]b"])
    kinds = nt.NominalScale(["x", "y_z", "w*"])
    issues = [nt.Issue("pct", pct), nt.Issue("tiers", tiers), nt.Issue("kinds", kinds)]
    parties = [nt.Party(f"p{k}", name=f"Party_{k} *{k}*") for k in range(1200)]
    tl = nt.Timeline(issues=issues, parties=parties)
    start = datetime.date(2021, 1, 1)
    for k in range(n):
        issue = issues[k % 3]
        if issue.scale is pct:
            lo, hi = sorted(rng.uniform(0, 100) for _ in range(2))
            position = nt.Position(ideal=lo, acceptable=nt.Region.of(pct, [(lo, hi)]))
        elif issue.scale is tiers:
            position = nt.Position(
                ideal="talks", acceptable=nt.Region.interval(tiers, "talks", "[ treaty")
            )
        else:
            position = nt.Position(ideal="x", acceptable=nt.Region.labels(kinds, ["x", "w*"]))
        tl.add(
            nt.Statement(
                party=f"p{rng.randrange(1200)}",
                issue=issue.id,
                date=start + datetime.timedelta(days=rng.randrange(400)),
                position=position,
                source=nt.Source(title=f"report {k}", quote="a ] (b)" if k % 7 == 0 else ""),
                id=f"s{k}",
            )
        )
    return tl


def test_a_large_timeline_renders_as_the_reference_does() -> None:
    """3,000 statements render as the reference view and tomli-w write them, byte for byte.

    Past the collector's promotion (2,000 records) and the size of every cache (1,200 party
    names, more than the Markdown writer keeps): text, Markdown, the items and the TOML.
    """
    from negotrack.io.reports.writers import markdown, text

    tl = _large_timeline(3000)
    doc = timeline_document(tl, title="large")
    reference = reference_timeline_view(doc)
    assert render(doc, "text") == text.write_blocks(reference)
    assert render(doc, "markdown") == markdown.write_blocks(reference)
    names = {p.id: p.label for p in tl.parties}
    statements = sorted(tl.statements, key=lambda s: s.date)
    expected = [reference_statement_item(s, tl.issue(s.issue), names) for s in statements]
    assert doc["records"] == expected
    scenario = nt.Scenario(title="large", timeline=tl)
    document = scenario_module._document(scenario, native_dates=True)
    assert nt.dumps(scenario) == reference_toml(document)
