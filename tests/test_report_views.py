"""Tests of negotrack.io.reports.views: the blocks each report kind shows, from real documents.

Each test reads the values out of the document and looks for them in the blocks, so a view
that showed anything else — a placeholder, a summary blob, the wrong column — fails.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

import negotrack as nt
from negotrack.errors import InvalidTypeError
from negotrack.io import reports
from negotrack.io.reports.blocks import (
    Block,
    Bullets,
    Code,
    Figure,
    Heading,
    Paragraph,
    Strong,
    Table,
    plain_text,
)
from negotrack.io.reports.views import VIEWS, view

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@pytest.fixture(scope="module")
def ukraine() -> nt.Scenario:
    return nt.load(ROOT / "examples" / "ukraine_dec2025.toml")


def headings(blocks: list[Block], level: int | None = None) -> list[str]:
    """Return the words of every heading (of one level, if given), in order."""
    return [
        plain_text(b.text)
        for b in blocks
        if isinstance(b, Heading) and (level is None or b.level == level)
    ]


def tables(blocks: list[Block]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def of_type(blocks: list[Block], kind: type[T]) -> list[T]:
    return [b for b in blocks if isinstance(b, kind)]


class TestRegistry:
    def test_every_kind_of_the_schema_has_a_view(self) -> None:
        """VIEWS covers exactly the document kinds the report schema lists."""
        assert set(VIEWS) == set(reports.report_schema()["properties"]["kind"]["enum"])

    def test_unknown_kind(self) -> None:
        """A document of unknown kind raises InvalidTypeError naming the kind and the kinds."""
        with pytest.raises(InvalidTypeError, match=r"kind='memo' is not a report kind; use one of"):
            view({"kind": "memo"})


class TestGapsView:
    @pytest.fixture
    def doc(self, ukraine: nt.Scenario) -> dict[str, Any]:
        tl = ukraine.timeline
        return reports.gaps_document(nt.analyze(tl.snapshot()), tl, title=ukraine.title)

    def test_title_and_one_subsection_per_issue(self, doc: dict[str, Any]) -> None:
        """A title, then one level-3 heading per issue, hardest first, with its scale."""
        blocks = view(doc)
        assert headings(blocks, 1) == [f"{doc['title']}: issues, hardest first"]
        assert headings(blocks, 3) == [f"{r['title']} ({r['scale']})" for r in doc["issues"]]

    def test_issue_table_rows_carry_the_document(self, doc: dict[str, Any]) -> None:
        """The issue table has a row per issue with its title, status and zone of agreement."""
        table = tables(view(doc))[0]
        assert table.headers == ("Issue", "Status", "Zone of agreement", "Largest move")
        assert [row[0] for row in table.rows] == [r["title"] for r in doc["issues"]]
        by_title = {row[0]: row for row in table.rows}
        years = next(r for r in doc["issues"] if r["issue"] == "guarantee_years")
        assert by_title[years["title"]] == (
            years["title"],
            "NO OVERLAP",
            "none",
            "17.5 years (17.5% of the scale)",
        )
        kind = next(r for r in doc["issues"] if r["issue"] == "guarantee_type")
        assert by_title[kind["title"]][1:3] == ("overlap", kind["overlap_text"])

    def test_positions_and_distances_of_an_issue(self, doc: dict[str, Any]) -> None:
        """Under an issue: its summary, each party's position and move, and the distances."""
        blocks = view(doc)
        years = next(r for r in doc["issues"] if r["issue"] == "guarantee_years")
        at = blocks.index(Heading(3, f"{years['title']} ({years['scale']})"))
        summary, figure, positions, intro, distances = blocks[at + 1 : at + 6]
        assert summary == Paragraph(years["summary"][0].upper() + years["summary"][1:] + ".")
        assert isinstance(figure, Figure)
        assert figure.name == "positions"
        assert figure.data == {**years, "party_order": [p["id"] for p in doc["parties"]]}
        assert isinstance(positions, Table)
        assert positions.headers == ("Party", "Wants", "Accepts", "Red line", "Must move")
        assert positions.rows == (
            ("Ukraine", "50 years", "50–100 years", "no", "17.5 years"),
            ("United States", "15 years", "0–15 years", "no", "17.5 years"),
        )
        assert isinstance(intro, Paragraph)
        assert isinstance(distances, Table)
        assert distances.rows == (("Ukraine – United States", "0.35", "0.35", "0.85"),)

    def test_view_follows_the_document_not_the_analysis(self, doc: dict[str, Any]) -> None:
        """Changing a value in the document changes the table: the view reads the document."""
        doc["issues"][0]["title"] = "Edited title"
        assert tables(view(doc))[0].rows[0][0] == "Edited title"


class TestBriefView:
    @pytest.fixture
    def doc(self, ukraine: nt.Scenario) -> dict[str, Any]:
        tl = ukraine.timeline
        snap = tl.snapshot()
        return reports.brief_document(
            nt.analyze(snap),
            nt.analyze_conditions(snap),
            tl,
            title=ukraine.title,
            diff=tl.diff(datetime.date(2025, 12, 28), tl.dates[-1]),
        )

    def test_sections(self, doc: dict[str, Any]) -> None:
        """A title, the summary, the issues, the deadlocks and what changed, as sections."""
        blocks = view(doc)
        assert headings(blocks, 1) == [doc["title"]]
        assert headings(blocks, 2) == [
            "Summary",
            "Issues, hardest first",
            "Deadlocks between conditions",
            f"What changed after 2025-12-28 (up to {doc['latest']})",
        ]
        names = [p["name"] for p in doc["parties"]]
        assert blocks[1] == Paragraph(
            f"Covers {', '.join(names[:-1])} and {names[-1]} (every party) at the latest "
            f"record ({doc['latest']}); records alleged or better counted, denied ones left "
            "out; conditions of every party read."
        )

    def test_holds_the_gap_tables(self, doc: dict[str, Any]) -> None:
        """The brief's issue table is the gaps view's, row for row."""
        gaps = dict(doc, kind="gaps")
        assert tables(view(doc))[0] == tables(view(gaps))[0]


class TestDeadlocksView:
    @pytest.fixture
    def doc(self, ukraine: nt.Scenario) -> dict[str, Any]:
        tl = ukraine.timeline
        return reports.conditions_document(nt.analyze_conditions(tl.snapshot()), tl)

    def test_each_knot_is_a_list_of_its_links(self, doc: dict[str, Any]) -> None:
        """A knot's list: who holds it, each link's clause and requirement, then its structure."""
        (knot,) = doc["conditions"]["sequencing"]
        blocks = view(doc)
        assert headings(blocks) == ["Conditions: deadlocks between conditions"]
        (lst,) = of_type(blocks, Bullets)
        assert lst.lead == (
            Strong("Sequencing deadlock 1"),
            f": {len(knot['clauses'])} steps, held by Ukraine and Russia — nobody can move first.",
        )
        links = lst.items[:-1]
        assert len(links) == len(knot["witness"])
        for item, w in zip(links, knot["witness"], strict=True):
            assert Code(w["clause"]) in item.text
            assert Code(w["requires"]) in item.text
            assert w["source"] in plain_text(item.text)
        assert plain_text(lst.items[-1].text) == knot["structure"]
        assert knot["structure"].startswith("The knot dissolves if any one of these 3")

    def test_nothing_to_report(self) -> None:
        """Without knots or conflicts the view says so in one paragraph."""
        doc = {
            "kind": "deadlocks",
            "title": "T",
            "conditions": {"sequencing": [], "linkage_conflicts": [], "notes": ["x"]},
        }
        assert view(doc)[1:] == [
            Paragraph(
                "No sequencing deadlock and no linkage conflict among the conditions in force."
            ),
            Paragraph("Cut short: x"),
        ]


class TestDiffView:
    def test_events_and_positions(self, ukraine: nt.Scenario) -> None:
        """Events with their date and credibility, position changes before → after."""
        tl = ukraine.timeline
        doc = reports.diff_document(tl.diff(datetime.date(2025, 12, 28), tl.dates[-1]), tl)
        blocks = view(doc)
        assert headings(blocks) == [
            f"Changes: what changed after 2025-12-28 (up to {tl.dates[-1].isoformat()})"
        ]
        events, positions = of_type(blocks, Bullets)[:2]
        assert events.lead == (Strong("Events"),)
        assert [plain_text(i.text).split(":")[0] for i in events.items] == [
            e["date"] for e in doc["events"]
        ]
        drone = next(e for e in doc["events"] if e["id"] == "drone-claim")
        assert any(drone["title"] in plain_text(i.text) for i in events.items)
        assert positions.lead == (Strong("Positions"),)
        assert len(positions.items) == len(doc["changes"])
        for item, ch in zip(positions.items, doc["changes"], strict=True):
            words = plain_text(item.text)
            assert words.startswith(f"{ch['party_name']} on {ch['issue_title']}: ")
            if ch["after"] is not None:
                assert f"wants {ch['after']['ideal_text']}" in words.split("→")[1]

    def test_nothing_changed(self) -> None:
        """An empty period reads "Nothing changed."."""
        doc = {
            "kind": "diff",
            "title": "",
            "start": "2025-01-01",
            "end": "2025-01-02",
            "changes": [],
            "events": [],
            "conditions_added": [],
            "conditions_removed": [],
        }
        assert view(doc)[1:] == [Paragraph("Nothing changed.")]


class TestTimelineView:
    def test_one_subsection_per_date_with_every_record(self, ukraine: nt.Scenario) -> None:
        """Each date is a subsection listing its records, their sources nested under them."""
        doc = reports.timeline_document(ukraine.timeline, title="T")
        blocks = view(doc)
        dates = list(dict.fromkeys(r["date"] for r in doc["records"]))
        assert headings(blocks, 3) == dates
        lists = of_type(blocks, Bullets)
        assert [len(b.items) for b in lists] == [
            sum(r["date"] == d for r in doc["records"]) for d in dates
        ]
        items = [i for b in lists for i in b.items]
        for item, record in zip(items, doc["records"], strict=True):
            words = plain_text(item.text)
            assert f"[{record['credibility']}" in words
            if record["type"] == "statement":
                assert item.text[0] == Strong(record["party_name"])
                assert f"wants {record['ideal_text']}, accepts {record['acceptable_text']}" in words
                assert plain_text(item.children[0].text).startswith(record["source"])

    def test_counts_are_grammatical(self) -> None:
        """Record counts read "1 event", "2 statements"."""
        doc = {
            "kind": "timeline",
            "title": "",
            "records": [
                {"type": "event", "date": "2025-01-01", "title": "E", "credibility": "reported",
                 "contested": False, "disputed_by": [], "sources": []},
            ],
        }  # fmt: skip
        assert view(doc)[1] == Paragraph("1 event")


class TestValidationView:
    def test_valid(self) -> None:
        """A valid file: its name as code and what it holds."""
        doc = reports.validation_document("f.toml", [], summary={"issues": 6, "parties": 4})
        assert view(doc) == [Paragraph((Code("f.toml"), " is valid: 6 issues, 4 parties."))]

    def test_problems(self) -> None:
        """An invalid file: a list of its problems with their paths."""
        problems = [
            nt.errors.ValidationError("ideal off the scale", path="$.statements[3]", value=1),
            nt.errors.ValidationError("no title"),
        ]
        (lst,) = view(reports.validation_document("f.toml", problems))
        assert isinstance(lst, Bullets)
        assert lst.lead == (Code("f.toml"), " has 2 problems:")
        assert [plain_text(i.text) for i in lst.items] == [
            "$.statements[3]: ideal off the scale",
            "no title",
        ]


def two_issue_agreement() -> nt.AgreementReport:
    """Return a space where B's red line excludes x = 0 and the parties can trade x for y."""
    days = nt.NumericScale(0, 10, unit="days")
    tl = nt.Timeline(
        issues=[nt.Issue("x", days), nt.Issue("y", days)], parties=[nt.Party("A"), nt.Party("B")]
    )
    for party, issue, ideal, salience, lo, red in [
        ("A", "x", 0, 0.9, 0, False),
        ("A", "y", 0, 0.1, 0, False),
        ("B", "x", 10, 0.1, 2, True),
        ("B", "y", 10, 0.9, 0, False),
    ]:
        tl.add(
            nt.Statement(
                party=party,
                issue=issue,
                date=datetime.date(2025, 1, 1),
                position=nt.Position(
                    ideal=ideal,
                    acceptable=nt.Region.interval(days, lo, 10),
                    salience=salience,
                    red_line=red,
                ),
                source=nt.Source(title="t"),
            )
        )
    return nt.agreement(tl.snapshot(), grid=4)


class TestPackagesView:
    @pytest.fixture
    def doc(self, ukraine: nt.Scenario) -> dict[str, Any]:
        issues = ["guarantee_years", "guarantee_type", "ceasefire"]  # as `negotrack packages`
        report = nt.agreement(ukraine.timeline.snapshot(), parties=["UA", "US"], issues=issues)
        return reports.packages_document(report, title=ukraine.title)

    def test_sections(self, doc: dict[str, Any]) -> None:
        """A title, what the space covers, then issues, solutions and the frontier."""
        blocks = view(doc)
        assert headings(blocks, 1) == [f"{doc['title']}: agreement space"]
        assert headings(blocks, 2) == ["Issues considered", "Solutions", "Pareto frontier"]
        assert blocks[1] == Paragraph(
            "2 parties (UA, US) and 3 issues: 16 packages, all allowed by every red line."
        )

    def test_issues_table(self, doc: dict[str, Any]) -> None:
        """One row per issue considered, in the space's order."""
        issues = tables(view(doc))[0]
        assert issues.headers == ("Issue", "Outcomes excluded by red lines")
        assert issues.rows == tuple((i, "none") for i in doc["agreement"]["issues"])

    def test_solutions_table_carries_packages_and_utilities(self, doc: dict[str, Any]) -> None:
        """Each solution's row holds its outcome on every issue and each party's utility."""
        space = doc["agreement"]
        solutions = tables(view(doc))[1]
        units = space["units"]
        assert solutions.headers == (
            "Solution",
            *(f"{i} ({units[i]})" if i in units else i for i in space["issues"]),
            *(f"{p} utility" for p in space["parties"]),
        )
        assert [row[0] for row in solutions.rows] == [
            "Nash",
            "Kalai–Smorodinsky",
            "Egalitarian",
            "Utilitarian",
        ]
        for row, solution in zip(solutions.rows, space["solutions"].values(), strict=True):
            assert row[1:] == (
                *(
                    reports.formatting.format_outcome(solution["package"][i])
                    for i in space["issues"]
                ),
                *(f"{solution['utilities'][p]:.3f}" for p in space["parties"]),
            )
        assert solutions.rows[0] == ("Nash", "15", "partner-backed", "yes", "0.621", "0.611")

    def test_frontier_table(self, doc: dict[str, Any]) -> None:
        """The frontier's size in words and one row per point, numbered."""
        blocks = view(doc)
        frontier = doc["agreement"]["frontier"]
        at = blocks.index(Heading(2, "Pareto frontier"))
        size, table = blocks[at + 1 : at + 3]
        assert isinstance(size, Paragraph)
        assert plain_text(size.text).startswith("7 points, 7 packages: ")
        assert isinstance(table, Table)
        assert len(table.rows) == frontier["n_points"] == 7
        first = frontier["points"][0]
        assert table.rows[0] == ("1", "50", "article-5-like", "yes", "1.000", "0.173")
        assert table.rows[0][-1] == f"{first['utilities']['US']:.3f}"

    def test_long_frontiers_are_cut_and_say_so(self, doc: dict[str, Any]) -> None:
        """Beyond ten points the table stops and a sentence says how many are left out."""
        frontier = doc["agreement"]["frontier"]
        frontier["points"] = frontier["points"] * 3
        frontier["n_points"] = 30
        blocks = view(doc)
        at = blocks.index(Heading(2, "Pareto frontier"))
        table, note = blocks[at + 2 : at + 4]
        assert isinstance(table, Table)
        assert len(table.rows) == 10
        assert note == Paragraph(
            "The first 10 of 30 points, in decreasing order of UA's utility; "
            "the JSON report lists the first 21."
        )

    def test_exclusions_and_trades(self) -> None:
        """Red-line exclusions show per issue; trades get a table of who gets what."""
        doc = reports.packages_document(two_issue_agreement(), title="Two issues")
        blocks = view(doc)
        space = doc["agreement"]
        assert headings(blocks, 2)[-1] == "Trades (logrolls)"
        assert blocks[1] == Paragraph(
            "2 parties (A, B) and 2 issues: 30 packages, 25 of them allowed by every red line."
        )
        issues, *_, trades = tables(blocks)
        unit = space["units"]["x"]
        assert unit  # the outcome is written with its unit
        assert issues.rows == (("x", f"0 {unit} (by B)"), ("y", "none"))
        assert trades.headers == ("Gets", "In return", "Gains", "Joint gain")
        first = space["logrolls"][0]
        assert trades.rows[0] == (
            f"{first['party_a']}: {first['issue_a']} = 2 {space['units'].get(first['issue_a'], '')}".rstrip(),
            f"{first['party_b']}: {first['issue_b']} = 10 {space['units'].get(first['issue_b'], '')}".rstrip(),
            f"{first['party_a']} +0.220, {first['party_b']} +0.420",
            "0.640",
        )
        assert len(trades.rows) == len(space["logrolls"])

    def test_a_solution_without_a_package(self, doc: dict[str, Any]) -> None:
        """A solution that found no rational package says so in its row."""
        doc["agreement"]["solutions"]["nash"] = None
        row = tables(view(doc))[1].rows[0]
        assert row == ("Nash", "no rational package", "—", "—", "—", "—")

    def test_an_infinite_utility_reads_as_a_dash(self, doc: dict[str, Any]) -> None:
        """A utility the JSON holds as null (infinite) is a dash, not "None"."""
        doc["agreement"]["solutions"]["nash"]["utilities"]["UA"] = None
        assert tables(view(doc))[1].rows[0][-2:] == ("—", "0.611")

    def test_no_space_gives_the_reason(self) -> None:
        """Without an agreement space the view gives the document's explanation."""
        doc = reports.packages_document(None, title="T", parties=["RU", "UA"])
        assert view(doc) == [Heading(1, "T: agreement space"), Paragraph(doc["text"])]

    def test_counts_are_grammatical(self) -> None:
        """One issue reads "1 issue", not "1 issues"."""
        sc = nt.load(ROOT / "examples" / "wage_negotiation.toml")
        doc = reports.packages_document(nt.agreement(sc.timeline.snapshot(), issues=["pay_rise"]))
        assert view(doc)[1] == Paragraph(
            "3 parties (union, employer, finance) and 1 issue: 7 packages, "
            "all allowed by every red line."
        )

    def test_the_summary_text_is_not_shown(self, doc: dict[str, Any]) -> None:
        """The document's describe() text stays in the JSON but the view builds its own tables."""
        doc["text"] = "x"
        blocks = view(doc)
        assert Paragraph("x") not in blocks
        segments = bool(doc["agreement"]["frontier"]["segments"])  # a table of their own
        assert len(tables(blocks)) == 3 + segments


class TestForecastView:
    @pytest.fixture
    def doc(self, ukraine: nt.Scenario) -> dict[str, Any]:
        report = nt.forecast_report(ukraine.timeline.snapshot())
        return reports.forecast_document(report, title=ukraine.title, date=None)

    def test_one_table_issue_by_method(self, doc: dict[str, Any]) -> None:
        """One row per issue, one column per method, then whose positions went in."""
        blocks = view(doc)
        assert headings(blocks) == [f"{doc['title']}: forecasts"]
        (table,) = tables(blocks)
        assert table.headers == (
            "Issue",
            "Compromise",
            "Salience exponent",
            "Median",
            "Nash",
            "Status quo",
            "Positions of",
        )
        assert [row[0] for row in table.rows] == list(doc["forecasts"])
        methods = ("compromise", "salience_exponent", "median", "nash", "status_quo")
        for row, (issue, by_method) in zip(table.rows, doc["forecasts"].items(), strict=True):
            assert row[0] == issue
            for cell, method in zip(row[1:6], methods, strict=True):
                if method in by_method:
                    f = by_method[method]
                    assert cell.startswith(f"{f['shown']} ({f['error_shown']})")
                    assert cell.endswith("✗ RU") == bool(f["red_line_breaches"])
                else:
                    assert cell == "—"

    def test_values_of_the_ukraine_example(self, doc: dict[str, Any]) -> None:
        """The guarantee years and the guarantee type read as the forecasts give them."""
        rows = {row[0]: row for row in tables(view(doc))[0].rows}
        assert rows["guarantee_years"] == (
            "guarantee_years",
            "32 years (±19 / ±50 years)",
            "32 years (±19 / ±52 years)",
            "15 years (±20 / ±70 years)",
            "28 years (±20 / ±50 years)",
            "—",
            "UA, US",
        )
        assert [c.split(" (")[0] for c in rows["guarantee_type"][1:5]] == ["partner-backed"] * 4
        assert rows["referendum"][:6] == (
            "referendum",
            "—",
            "—",
            "—",
            "—",
            "no (±0.5 / ±1.0 labels)",
        )

    def test_error_bands_and_red_lines_are_explained(self, doc: dict[str, Any]) -> None:
        """The ± figures are said to be DEU III past accuracy; red-line breaches are listed."""
        blocks = view(doc)
        texts = [plain_text(b.text) for b in of_type(blocks, Paragraph)]
        assert any("DEU III" in t and "not a confidence interval" in t for t in texts)
        outside = of_type(blocks, Bullets)[0]
        items = [plain_text(i.text) for i in outside.items]
        assert items[0] == (
            "donbas_withdrawal, compromise 36 %: outside the red line of RU "
            "(every red line allows 100 %); outside the acceptable range of UA, EU (no red line)"
        )

    def test_view_follows_the_document(self, doc: dict[str, Any]) -> None:
        """Editing a forecast in the document changes its cell."""
        doc["forecasts"]["guarantee_years"]["median"]["shown"] = "99 years"
        rows = {row[0]: row for row in tables(view(doc))[0].rows}
        assert rows["guarantee_years"][3].startswith("99 years (")

    def test_only_the_methods_asked_for(self, ukraine: nt.Scenario) -> None:
        """With two methods the table has two method columns, and the notes explain those two."""
        report = nt.forecast_report(ukraine.timeline.snapshot(), methods=["median", "nash"])
        blocks = view(reports.forecast_document(report))
        assert tables(blocks)[0].headers == ("Issue", "Median", "Nash", "Positions of")
        notes = of_type(blocks, Bullets)[-1]
        assert [plain_text(i.text).split(":")[0] for i in notes.items] == ["Median", "Nash"]

    def test_date_and_counts(self, ukraine: nt.Scenario) -> None:
        """A dated forecast says when; the counts are grammatical."""
        day = datetime.date(2025, 12, 28)
        report = nt.forecast_report(ukraine.timeline.snapshot(at=day), issues=["guarantee_years"])
        blocks = view(reports.forecast_document(report, title="T", date=day))
        assert blocks[1] == Paragraph("Positions in force on 2025-12-28.")
        counts = blocks[2]
        assert isinstance(counts, Paragraph)
        assert plain_text(counts.text).startswith("Where 1 issue would land, by 4 methods;")

    def test_the_summary_text_is_not_shown(self, doc: dict[str, Any]) -> None:
        """The document's describe() text is not what the view shows."""
        doc["text"] = "x"
        assert Paragraph("x") not in view(doc)
        assert tables(view(doc))


class _CountingRecord(dict[str, Any]):
    """A record item that counts how often its fields are read."""

    reads = 0

    def __getitem__(self, key: str) -> Any:
        self.reads += 1
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.reads += 1
        return super().get(key, default)

    def items(self) -> Any:
        self.reads += 1
        return super().items()


def _counted_timeline_document(n_dates: int) -> tuple[dict[str, Any], list[_CountingRecord]]:
    """Return a timeline document of two statements and one event on each of ``n_dates`` dates."""
    scale = nt.NumericScale(0, 100, unit="%")
    tl = nt.Timeline(issues=[nt.Issue("i", scale)], parties=[nt.Party("a"), nt.Party("b")])
    start = datetime.date(2020, 1, 1)
    src = nt.Source(title="minutes", url="https://example.org/minutes")
    for d in range(n_dates):
        day = start + datetime.timedelta(days=d)
        for party in ("a", "b"):
            position = nt.Position(ideal=d % 100, acceptable=nt.Region.of(scale, [(0, d % 100)]))
            tl.add(
                nt.Statement(
                    party=party,
                    issue="i",
                    date=day,
                    position=position,
                    source=src,
                    id=f"{party}{d}",
                )
            )
        tl.add(nt.Event(id=f"e{d}", date=day, title=f"meeting {d}", sources=(src,)))
    doc = reports.timeline_document(tl, title="counted")
    records = [_CountingRecord(r) for r in doc["records"]]
    return {**doc, "records": records}, records


class TestRenderersAreLinear:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
    def test_each_record_is_read_a_bounded_number_of_times_whatever_the_dates(
        self, fmt: str
    ) -> None:
        """Linear renderers: a record's fields are read as often with 200 dates as with 20.

        Counted, not timed: a renderer that scanned every record once per date (the text and
        Markdown timeline did) reads each record ~10 times more often with 10 times the dates.
        """
        most = []
        for n_dates in (20, 200):
            doc, records = _counted_timeline_document(n_dates)
            reports.render(doc, fmt)
            assert all(r.reads > 0 for r in records)  # every record was read
            most.append(max(r.reads for r in records))
        assert most[1] == most[0], most
