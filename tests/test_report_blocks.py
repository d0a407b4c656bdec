"""Tests of negotrack.io.reports.blocks: what blocks accept, refuse and keep."""

from __future__ import annotations

import attrs
import pytest

from negotrack.errors import InvalidTypeError, ValidationError
from negotrack.io.reports.blocks import (
    Block,
    Bullet,
    Bullets,
    Code,
    Figure,
    Heading,
    Link,
    Paragraph,
    Strong,
    Table,
    inline,
    plain_text,
)


class TestInline:
    def test_a_string_is_one_part(self) -> None:
        """A plain string becomes inline text of one part."""
        assert inline("No deadlock.") == ("No deadlock.",)

    def test_spans_and_strings_keep_their_order(self) -> None:
        """A sequence of strings and spans is kept in reading order, empty parts left out."""
        assert inline(["a ", Code("x"), "", Strong("b")]) == ("a ", Code("x"), Strong("b"))

    def test_empty_spans_of_every_kind_are_left_out(self) -> None:
        """Empty strings, empty Strong, Code and Link spans say nothing; a link's text counts, not its address."""
        parts: list[str | Strong | Code | Link] = [
            "",
            Strong(""),
            Code(""),
            Link("", "https://x"),
            Link("x"),
            Strong(" "),
            " ",
        ]
        assert inline(parts) == (Link("x"), Strong(" "), " ")

    def test_other_parts_are_refused(self) -> None:
        """A number inside inline text raises InvalidTypeError naming its type."""
        with pytest.raises(InvalidTypeError, match="not float"):
            inline(["a", 1.5])  # type: ignore[list-item]

    def test_plain_text_unmarks_spans(self) -> None:
        """plain_text joins the words of every part."""
        assert plain_text(inline([Strong("Event"), ": ", Code("x ∈ {yes}")])) == "Event: x ∈ {yes}"


class TestHeading:
    @pytest.mark.parametrize("level", [1, 2, 3])
    def test_levels_one_to_three(self, level: int) -> None:
        """Levels 1 (title), 2 (section) and 3 (subsection) are accepted."""
        assert Heading(level, "t").level == level

    @pytest.mark.parametrize("level", [0, 4, True])
    def test_other_levels_are_refused(self, level: int) -> None:
        """Any other level raises ValidationError naming it."""
        with pytest.raises(ValidationError, match=r"Heading.level=.* must be 1"):
            Heading(level, "t")


class TestTable:
    def test_rows_are_tuples_of_strings(self) -> None:
        """Headers and rows are kept as tuples."""
        table = Table(["a", "b"], [["1", "2"], ["3", "4"]])
        assert table.headers == ("a", "b")
        assert table.rows == (("1", "2"), ("3", "4"))

    def test_a_row_of_the_wrong_width_is_refused(self) -> None:
        """A row with fewer cells than headers raises ValidationError naming the row."""
        with pytest.raises(ValidationError, match=r"Table.rows\[1\] has 1 cells for 2 headers"):
            Table(["a", "b"], [["1", "2"], ["3"]])

    def test_cells_must_be_words(self) -> None:
        """A number left unformatted in a cell raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="a table cell is a str"):
            Table(["a"], [[0.5]])  # type: ignore[list-item]


class TestBullets:
    def test_strings_become_bullets_with_children(self) -> None:
        """Items and children given as strings become Bullets, nested as given."""
        block = Bullets([Bullet("a", children=["a.1", Bullet("a.2", children=["a.2.i"])]), "b"])
        assert [plain_text(b.text) for b in block.items] == ["a", "b"]
        first = block.items[0]
        assert [plain_text(c.text) for c in first.children] == ["a.1", "a.2"]
        assert first.children[1].children == (Bullet("a.2.i"),)

    def test_lead_is_inline_text(self) -> None:
        """The lead line is inline text, empty by default."""
        assert Bullets(["x"]).lead == ()
        assert Bullets(["x"], lead=Strong("Events")).lead == (Strong("Events"),)


class TestBlocksAreValues:
    @pytest.mark.parametrize(
        "block",
        [Heading(1, "t"), Paragraph("p"), Table(["a"], [["1"]]), Bullets(["x"]), Figure("f", "c")],
        ids=lambda b: type(b).__name__,
    )
    def test_frozen_and_equal_by_value(self, block: Block) -> None:
        """Blocks are immutable, and equal blocks compare and hash equal."""
        assert block == attrs.evolve(block)
        assert hash(block) == hash(attrs.evolve(block))
        first = attrs.fields(type(block))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(block, first, "changed")
