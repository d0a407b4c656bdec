"""Issue 14, first item: the executive summary that opens every brief, and source links."""

from __future__ import annotations

import datetime
import json

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.cli import main
from negotrack.io import reports
from negotrack.io.reports.blocks import Link, Paragraph
from negotrack.io.reports.summary import MAX_LINES, summary_lines
from negotrack.io.reports.writers import markdown
from negotrack.io.reports.writers import text as text_writer

UKRAINE = "examples/ukraine_dec2025.toml"


def lines_of(tl: nt.Timeline, **kw: object) -> list[dict[str, object]]:
    report = nt.analyze(tl.snapshot())
    return summary_lines(report, report.conditions, tl, **kw)  # type: ignore[arg-type]


class TestSummary:
    def test_the_ukraine_summary_says_what_matters_with_sources(self) -> None:
        """Hardest gap, the knot, what moved and the contested event — each sourced."""
        tl = nt.load(UKRAINE).timeline
        lines = lines_of(tl)
        assert 1 <= len(lines) <= MAX_LINES
        texts = [str(line["text"]) for line in lines]
        assert texts[0].startswith("3 of 6 issues have no zone of agreement. Hardest: Ukrainian")
        assert any(t.startswith("Sequencing deadlock over 3 clauses") for t in texts)
        assert any("contested event: Russia says Ukrainian drones" in t for t in texts)
        for line in lines:
            if not str(line["text"]).startswith("No position moved"):
                assert line["sources"], line["text"]
        hardest = {s["record"] for s in lines[0]["sources"]}  # type: ignore[attr-defined]
        assert "ru-donbas-2" in hardest

    def test_what_moved_since_a_date(self) -> None:
        """With a diff (--since), the summary says who moved, and to a red line."""
        tl = nt.load(UKRAINE).timeline
        diff = tl.diff(datetime.date(2025, 12, 28), tl.dates[-1])
        texts = [str(line["text"]) for line in lines_of(tl, diff=diff)]
        moved = [t for t in texts if t.startswith("Since 2025-12-28: ")]
        assert moved
        assert any("Russia on Ukrainian withdrawal" in t and "now a red line" in t for t in moved)

    def test_a_red_line_deadlock_is_named_first(self) -> None:
        """Disjoint red lines are the first line, naming their holders."""
        pct = nt.NumericScale(0, 100, unit="%")
        tl = nt.Timeline(
            issues=[nt.Issue("x", pct, title="X")], parties=[nt.Party("A"), nt.Party("B")]
        )
        for who, lo, hi in (("A", 0, 10), ("B", 90, 100)):
            tl.add(
                nt.Statement(
                    party=who,
                    issue="x",
                    date=datetime.date(2025, 1, 1),
                    source=nt.Source(title=f"{who} says", url=f"https://example.org/{who}"),
                    position=nt.Position(
                        ideal=lo, red_line=True, acceptable=nt.Region.interval(pct, lo, hi)
                    ),
                )
            )
        first = lines_of(tl)[0]
        assert str(first["text"]).startswith("Red-line deadlock on X: the red lines of A and B")
        assert [s["url"] for s in first["sources"]] == [  # type: ignore[attr-defined]
            "https://example.org/A",
            "https://example.org/B",
        ]

    @pytest.mark.parametrize(
        ("issues", "opening"), [(1, "The one issue with"), (2, "Each of the 2 issues with")]
    )
    def test_no_hardest_gap_counts_its_issues_in_words(self, issues: int, opening: str) -> None:
        """Where every issue overlaps, the line counts them as people do ("The one issue")."""
        pct = nt.NumericScale(0, 100, unit="%")
        ids = [f"x{i}" for i in range(issues)]
        tl = nt.Timeline(
            issues=[nt.Issue(i, pct) for i in ids], parties=[nt.Party("A"), nt.Party("B")]
        )
        for i in ids:
            for who in ("A", "B"):
                tl.add(
                    nt.Statement(
                        party=who,
                        issue=i,
                        date=datetime.date(2025, 1, 1),
                        source=nt.Source(title=f"{who} says"),
                        position=nt.Position(ideal=50, acceptable=nt.Region.interval(pct, 40, 60)),
                    )
                )
        texts = [str(line["text"]) for line in lines_of(tl)]
        assert any(t.startswith(opening) for t in texts), texts

    def test_every_brief_format_opens_with_the_summary(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Text and Markdown show a Summary section first; JSON has a valid summary."""
        for fmt, heading in (("text", "Summary\n-------"), ("markdown", "## Summary")):
            assert main(["analyze", UKRAINE, "--format", fmt]) == 0
            out = capsys.readouterr().out
            assert out.index(heading) < out.index("Issues, hardest first")
        assert main(["analyze", UKRAINE, "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert reports.check_document(doc) == []
        assert 1 <= len(doc["summary"]) <= MAX_LINES


class TestLinks:
    def test_links_in_each_format(self) -> None:
        """Markdown links to the address; text shows it; other schemes are never links."""
        para = Paragraph(("see ", Link("AP [wire]", "https://apnews.com/a b"), " and ",
                          Link("bad", "javascript:alert(1)")))  # fmt: skip
        md = markdown.write_blocks([para])
        assert "[AP \\[wire\\]](<https://apnews.com/a b>)" in md
        assert "javascript" not in md
        text = text_writer.write_blocks([para])
        assert "AP [wire] <https://apnews.com/a b>" in text
        assert "javascript" not in text

    @given(st.text(max_size=40))
    def test_link_words_never_end_the_link_early(self, words: str) -> None:
        """Any citation: every bracket in a Markdown link's words is escaped."""
        md = markdown.write_blocks([Paragraph((Link(words, "https://example.org"),))])
        if not words.strip():
            return
        inner = md[1 : md.rindex("](<https://example.org>)")]
        run = 0
        for char in inner:
            if char in "[]":
                assert run % 2 == 1, (words, md)
            run = run + 1 if char == "\\" else 0
