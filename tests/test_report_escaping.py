"""Free text from a record is shown safely: issue 19, items 3 (terminal), 4 (Markdown), 8 (bidi).

Names, titles, labels and quotes keep their words but never act: no control character or
escape sequence reaches a terminal, and no Markdown metacharacter breaks a table or injects
a heading, a quote, a list or a code fence into a memo. JSON keeps every character exactly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.cli import main
from negotrack.io.reports.blocks import Bullet, Bullets, Heading, Paragraph, Table
from negotrack.io.reports.visible import visible
from negotrack.io.reports.writers import markdown, text

ROOT = Path(__file__).resolve().parent.parent
WAGE = ROOT / "examples" / "wage_negotiation.toml"

#: Characters that act on a terminal or reorder a line when printed raw.
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = [
    "Clear\x1b[2J screen",
    "Title\x1b]0;owned\x07 set",
    "over\rwrite",
    "nul\x00 bel\x07 bs\x08",
    "abc\u202edcba reversed",
    "isolate\u2067x\u2069 and\u200f mark",
    "two\nlines\n# Injected heading",
    "a | b | c",
    "```\nfence left open",
    "> quoted\n- listed\n1. numbered",
    "*bold* _it_ <script>alert(1)</script> [x](http://e.vil) &amp;",
]


class TestVisible:
    @pytest.mark.parametrize("hostile", HOSTILE)
    def test_nothing_acting_is_left(self, hostile: str) -> None:
        """No control or bidirectional character survives, and no line break."""
        shown = visible(hostile)
        assert not ACTING.search(shown)
        assert "\n" not in shown

    def test_the_words_stay_readable(self) -> None:
        """Escapes are shown, not dropped: the reader sees that something was there."""
        assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
        assert visible("a\u202eb") == "a\\u202eb"
        assert visible("a\r\nb\tc") == "a b c"

    @given(st.text())
    def test_visible_text_has_no_acting_character(self, s: str) -> None:
        """Law: whatever the text, what is shown holds no control or bidi character."""
        shown = visible(s)
        assert not ACTING.search(shown)
        assert "\n" not in shown
        assert "\u2028" not in shown
        assert "\u2029" not in shown

    @given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"])))
    def test_printable_text_is_unchanged(self, s: str) -> None:
        """Law: text with nothing to hide is shown as it is."""
        assert visible(s) == s


def markdown_rows(md: str) -> list[list[str]]:
    """Split each table row of a Markdown text on its unescaped pipes."""
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in md.splitlines() if line.startswith("|")]


#: Pieces of text that Markdown may act on, and plain ones around them.
_PIECES = ["a", " b", "_", "x_y", "*", "\\", "`", "~", "<", "<b", "&", "&amp;", "&#1;", "]"]
_PIECES += ["](", "][", "]:", "[", "#", "1.", "\u202e", "\n"]


class TestMarkdown:
    @pytest.mark.parametrize("hostile", HOSTILE)
    def test_a_cell_never_breaks_its_table(self, hostile: str) -> None:
        """A cell holding pipes or line breaks stays one cell of one row."""
        md = markdown.write_blocks([Table(["Party", "Name"], [["x", hostile], [hostile, "y"]])])
        rows = markdown_rows(md)
        assert len(rows) == 4  # header, rule, two rows
        assert all(len(r) == 2 for r in rows)

    @pytest.mark.parametrize("hostile", HOSTILE)
    def test_text_never_opens_a_block(self, hostile: str) -> None:
        """A heading, paragraph or list item of free text opens no heading, quote, list or fence."""
        md = markdown.write_blocks(
            [Heading(2, hostile), Paragraph(hostile), Bullets([Bullet(hostile)])]
        )
        lines = [line for line in md.splitlines() if line]
        assert len(lines) == 3
        assert lines[0].startswith("## ")
        assert not lines[0][3:].startswith("#")
        assert not re.match(r"[#>+=`-]|\d+[.)]|\s{4}", lines[1])
        assert lines[2].startswith("- ")
        assert not re.match(r"[#>+=`-]|\d+[.)]", lines[2][2:])
        assert not ACTING.search(md)

    @given(st.text(max_size=40), st.text(max_size=40))
    def test_markdown_cell_never_splits_a_row(self, a: str, b: str) -> None:
        """Law: any two texts in a row give a row of exactly two cells."""
        rows = markdown_rows(markdown.write_blocks([Table(["A", "B"], [[a, b]])]))
        assert [len(r) for r in rows] == [2, 2, 2]

    @given(st.text(min_size=1, max_size=40))
    def test_markdown_text_never_opens_a_block(self, s: str) -> None:
        """Law: a paragraph of any text is one line opening no heading, quote, list or fence."""
        md = markdown.write_blocks([Paragraph(s)])
        assert len(md.splitlines()) == 1
        assert not re.match(r"\s*([#>+=`-]|\d+[.)])", md)

    @given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
    def test_the_quick_check_passes_over_only_text_needing_no_escape(self, s: str) -> None:
        """Law: escape gives what running the escaping pattern on every text would give."""
        full = markdown._SPECIAL.sub(lambda m: "\\" + m.group(), visible(s))
        assert markdown.escape(s) == full

    def test_emphasis_links_and_tags_are_escaped(self) -> None:
        """Markup in a quote is shown as the characters it is."""
        md = markdown.write_blocks([Paragraph("*bold* _it_ <b>x</b> [x](y) &amp; a_b")])
        assert md == "\\*bold\\* \\_it\\_ \\<b>x\\</b> [x\\](y) \\&amp; a_b\n"


class TestText:
    @pytest.mark.parametrize("hostile", HOSTILE)
    def test_nothing_reaches_the_terminal(self, hostile: str) -> None:
        """Every kind of block shows hostile text without a control character."""
        out = text.write_blocks(
            [
                Heading(1, hostile),
                Paragraph(hostile),
                Table(["A"], [[hostile]]),
                Bullets([Bullet(hostile, children=[hostile])]),
            ]
        )
        assert not ACTING.search(out)

    def test_table_columns_stay_aligned(self) -> None:
        """A cell with an escape sequence is measured as shown, so columns line up."""
        out = text.write_blocks([Table(["A", "B"], [["x\x1b[2Jy", "1"], ["z", "2"]])])
        lines = out.splitlines()
        assert len({line.rindex(n) for line, n in zip(lines[2:], "12", strict=True)}) == 1


@pytest.fixture
def hostile_scenario(tmp_path: Path) -> Path:
    """Write the wage example with hostile names, titles and a quote (ids stay plain)."""
    source = WAGE.read_text(encoding="utf-8")
    source = source.replace(
        'name = "Health workers\' union"',
        'name = "Union\\u001b[2J\\r# Injected | cell\\u202e"',
    ).replace(
        'title = "Pay rise in the first year"',
        'title = "Pay rise\\n# Injected heading\\n```"',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(source, encoding="utf-8")
    return path


class TestThroughTheCommandLine:
    @pytest.mark.parametrize("command", ["analyze", "timeline", "forecast", "packages"])
    @pytest.mark.parametrize("fmt", ["text", "markdown"])
    def test_hostile_names_are_shown_safely(
        self, capsys: pytest.CaptureFixture[str], hostile_scenario: Path, command: str, fmt: str
    ) -> None:
        """Every printing command shows hostile free text without acting on it."""
        code = main([command, str(hostile_scenario), "--format", fmt])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        assert not ACTING.search(out)
        assert "\n# Injected" not in out
        assert "\n```" not in out

    def test_json_keeps_every_character(
        self, capsys: pytest.CaptureFixture[str], hostile_scenario: Path
    ) -> None:
        """JSON is exact: the hostile name comes back as it was written."""
        assert main(["analyze", str(hostile_scenario), "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        names = {p["id"]: p["name"] for p in doc["parties"]}
        assert names["union"] == "Union\x1b[2J\r# Injected | cell\u202e"
        assert nt.load(hostile_scenario).timeline.party("union").name == names["union"]
