"""Tests of negotrack.io.reports.writers: each writer on blocks, and the registry of formats."""

from __future__ import annotations

import datetime
import json as stdlib_json
from collections.abc import Mapping
from typing import Any

import pytest

from negotrack.errors import InvalidTypeError
from negotrack.io import reports
from negotrack.io.reports import writers
from negotrack.io.reports.blocks import (
    Bullet,
    Bullets,
    Code,
    Figure,
    Heading,
    Paragraph,
    Preformatted,
    Strong,
    Table,
)
from negotrack.io.reports.writers import json, markdown, text

NESTED = Bullets([Bullet("a", children=[Bullet("a.1", children=["a.1.i"])]), "b"])


class TestTextWriter:
    def test_columns_are_aligned_to_the_widest_cell(self) -> None:
        """Every column is as wide as its widest cell; rows are indented and right-trimmed."""
        out = text.write_blocks(
            [Table(["Party", "Wants"], [["Ukraine", "50 years"], ["United States", "15"]])]
        )
        assert out == (
            "  Party          Wants\n"
            "  -------------  --------\n"
            "  Ukraine        50 years\n"
            "  United States  15\n"
        )

    def test_columns_start_at_the_same_place_on_every_line(self) -> None:
        """Each cell of a column starts where its header starts."""
        rows = [["x" * n, "y" * (6 - n), "z"] for n in range(1, 6)]
        lines = text.write_blocks([Table(["first", "second", "third"], rows)]).splitlines()
        starts = [lines[0].index("second"), lines[0].index("third")]
        for line, row in zip(lines[2:], rows, strict=True):
            assert [line.index(row[1], len(row[0]) + 2), line.rindex("z")] == starts

    def test_a_table_without_rows(self) -> None:
        """A table with no rows writes its header and rule."""
        assert text.write_blocks([Table(["Issue", "Status"], [])]) == (
            "  Issue  Status\n  -----  ------\n"
        )

    def test_titles_and_sections_are_underlined(self) -> None:
        """A title is underlined with =, a section with -, each as long as its words."""
        out = text.write_blocks([Heading(1, "Brief"), Heading(2, "Deadlocks"), Paragraph("None.")])
        assert out == "Brief\n=====\n\nDeadlocks\n---------\n\nNone.\n"

    def test_subsection_paragraphs_are_indented_and_close(self) -> None:
        """Under a level-3 heading, paragraphs are indented and followed directly by a table."""
        out = text.write_blocks(
            [
                Heading(3, "Ceasefire (no < yes)"),
                Paragraph("No overlap."),
                Table(["Party"], [["Russia"]]),
                Heading(3, "Referendum"),
                Paragraph("No position."),
                Heading(2, "Next"),
            ]
        )
        assert out == (
            "Ceasefire (no < yes)\n  No overlap.\n  Party\n  ------\n  Russia\n\n"
            "Referendum\n  No position.\n\nNext\n----\n"
        )

    def test_nested_bullets_indent_one_step_per_level(self) -> None:
        """List items are indented two spaces per level, without bullet marks."""
        assert text.write_blocks([NESTED]) == "  a\n    a.1\n      a.1.i\n  b\n"

    def test_lead_line_and_spans(self) -> None:
        """A list's lead sits right above it; strong and code spans are written plainly."""
        block = Bullets([("accepts ", Code("x ∈ {yes}"))], lead=(Strong("Deadlock 1"), ": held"))
        assert text.write_blocks([block]) == "Deadlock 1: held\n  accepts x ∈ {yes}\n"

    def test_preformatted_and_figure(self) -> None:
        """Preformatted text is kept as it is; a figure is left out (drawn only in HTML)."""
        out = text.write_blocks([Preformatted("a  b\n  c"), Figure("gaps", "Gaps over time")])
        assert out == "a  b\n  c\n"
        assert markdown.write_blocks([Figure("gaps", "Gaps"), Paragraph("x")]) == "x\n"


class TestMarkdownWriter:
    def test_pipes_in_cells_are_escaped(self) -> None:
        """A | inside a cell or header is escaped; a line break becomes a space."""
        out = markdown.write_blocks([Table(["a|b", "c"], [["US | EU", "one\ntwo"]])])
        assert out == "| a\\|b | c |\n|---|---|\n| US \\| EU | one two |\n"

    def test_nested_bullets(self) -> None:
        """Nested items are indented two spaces per level under their parent."""
        assert markdown.write_blocks([NESTED]) == "- a\n  - a.1\n    - a.1.i\n- b\n"

    def test_headings_and_blank_lines(self) -> None:
        """Headings take one # per level; every block is followed by one blank line."""
        out = markdown.write_blocks(
            [Heading(1, "T"), Heading(3, "S"), Paragraph("p"), Bullets(["i"], lead="Lead")]
        )
        assert out == "# T\n\n### S\n\np\n\nLead\n- i\n"

    def test_spans(self) -> None:
        """Strong is bold; code is a code span, with a longer fence around backticks."""
        out = markdown.write_blocks(
            [Paragraph((Strong("Event"), ": ", Code("x"), " and ", Code("a`b")))]
        )
        assert out == "**Event**: `x` and `` a`b ``\n"

    def test_preformatted_fence_outgrows_the_text(self) -> None:
        """Preformatted text is fenced, with more backticks than any run inside it."""
        assert markdown.write_blocks([Preformatted("a\n```\nb")]) == "````text\na\n```\nb\n````\n"


class TestJsonWriter:
    def test_writes_the_document_itself(self) -> None:
        """The JSON is the document: dates as ISO, infinities as null, no final newline."""
        doc = {"kind": "x", "date": datetime.date(2025, 12, 29), "needed": float("inf")}
        out = json.write(doc)
        assert stdlib_json.loads(out) == {"kind": "x", "date": "2025-12-29", "needed": None}
        assert not out.endswith("\n")

    def test_keeps_utf8(self) -> None:
        """Non-ASCII characters are written as they are."""
        assert "Russia–Ukraine" in json.write({"title": "Russia–Ukraine"})


class TestRegistry:
    def test_formats_come_from_the_registry(self) -> None:
        """FORMATS is the registry's keys, in order, and reports.FORMATS is the same tuple."""
        assert tuple(writers.WRITERS) == writers.FORMATS == ("text", "markdown", "json", "html")
        assert reports.FORMATS is writers.FORMATS
        doc = reports.validation_document("x.toml", [])
        assert writers.WRITERS["markdown"](doc) == markdown.write(doc)

    def test_render_uses_the_registered_writer(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A writer added to WRITERS is what render calls for its format."""
        seen: list[Mapping[str, Any]] = []

        def shout(document: Mapping[str, Any]) -> str:
            seen.append(document)
            return str(document["title"]).upper()

        monkeypatch.setitem(writers.WRITERS, "shout", shout)
        doc = reports.validation_document("x.toml", [])
        assert reports.render(doc, "shout") == "X.TOML"
        assert seen == [doc]

    @pytest.mark.parametrize("format", ["yaml", "", "TEXT"])
    def test_unknown_format(self, format: str) -> None:
        """An unregistered format raises InvalidTypeError listing the formats."""
        with pytest.raises(
            InvalidTypeError, match=r"is not a report format; use one of: text, markdown, json"
        ):
            reports.render(reports.validation_document("f", []), format)

    def test_non_string_format(self) -> None:
        """A format that is not even a string raises InvalidTypeError, not a crash."""
        with pytest.raises(InvalidTypeError, match=r"format=\['text'\] is not a report format"):
            reports.render(reports.validation_document("f", []), ["text"])  # type: ignore[arg-type]
