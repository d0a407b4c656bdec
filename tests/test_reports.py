"""Tests of negotrack.io.reports: documents, rendering, the schema and its checker."""

from __future__ import annotations

import copy
import datetime
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.errors import InvalidTypeError
from negotrack.io import reports

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def scenario(name: str = "ukraine_dec2025") -> nt.Scenario:
    return nt.load(ROOT / "examples" / f"{name}.toml")


def brief(sc: nt.Scenario, **kw: Any) -> dict[str, Any]:
    snap = sc.timeline.snapshot(**kw)
    return reports.brief_document(
        nt.analyze(snap), nt.analyze_conditions(snap), sc.timeline, title=sc.title
    )


def all_documents(sc: nt.Scenario) -> list[dict[str, Any]]:
    tl = sc.timeline
    snap = tl.snapshot()
    first, last = tl.dates[0], tl.dates[-1]
    return [
        brief(sc),
        reports.gaps_document(nt.analyze(snap), tl),
        reports.conditions_document(nt.analyze_conditions(snap), tl),
        reports.diff_document(tl.diff(first, last), tl),
        reports.timeline_document(tl),
        reports.validation_document("f.toml", []),
        reports.forecast_document(nt.forecast_report(snap)),
        reports.packages_document(None, parties=["A"]),
    ]


class TestGapsDocument:
    def test_rows_follow_the_analysis(self) -> None:
        """Each row carries the engine's status, overlap, moves and distances, hardest first."""
        sc = scenario()
        report = nt.analyze(sc.timeline.snapshot())
        doc = reports.gaps_document(report, sc.timeline)
        assert [r["issue"] for r in doc["issues"]] == [g.issue.id for g in report.hardest()]
        for row in doc["issues"]:
            gap = report[row["issue"]]
            assert row["status"] == gap.status
            assert row["deadlocked"] == gap.deadlocked
            assert row["needed"] == pytest.approx(gap.needed)
            assert {m["party"]: m["move"] for m in row["concessions"]} == {
                c.party: pytest.approx(c.move) for c in gap.concessions
            }
            assert [(d["a"], d["b"]) for d in row["distances"]] == [
                (d.a, d.b) for d in gap.distances
            ]

    def test_guarantee_years_in_words(self) -> None:
        """The 15-vs-50-year gap reads as a meeting point and moves in years."""
        sc = scenario()
        doc = reports.gaps_document(nt.analyze(sc.timeline.snapshot()), sc.timeline)
        row = next(r for r in doc["issues"] if r["issue"] == "guarantee_years")
        assert row["concession_point_text"] == "32.5 years"
        assert row["concession_point"] == 32.5
        assert row["summary"] == (
            "no overlap — to meet at 32.5 years, Ukraine must move 17.5 years and "
            "United States 17.5 years"
        )

    def test_percent_moves_are_points(self) -> None:
        """Moves on a % scale read as points."""
        sc = scenario()
        doc = reports.gaps_document(nt.analyze(sc.timeline.snapshot()), sc.timeline)
        row = next(r for r in doc["issues"] if r["issue"] == "donbas_withdrawal")
        assert "Ukraine must move 100 points" in row["summary"]
        assert "within Russia's red line at 100 %" in row["summary"]

    def test_single_party_issue(self) -> None:
        """An issue with one position says so instead of claiming agreement."""
        sc = scenario()
        doc = reports.gaps_document(nt.analyze(sc.timeline.snapshot()), sc.timeline)
        row = next(r for r in doc["issues"] if r["issue"] == "assets_unfrozen")
        assert row["summary"].startswith("only United States has stated a position")


class TestRender:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    @pytest.mark.parametrize("fmt", reports.FORMATS)
    def test_every_document_renders(self, path: Path, fmt: str) -> None:
        """Every kind of document renders in every format without error."""
        for doc in all_documents(nt.load(path)):
            text = reports.render(doc, fmt)
            assert text.strip()
            if fmt == "json":
                assert json.loads(text)["kind"] == doc["kind"]

    def test_text_tables_are_aligned(self) -> None:
        """The text brief's issue table has its columns aligned under the header."""
        text = reports.render(brief(scenario()), "text")
        lines = text.splitlines()
        head = next(i for i, line in enumerate(lines) if line.strip().startswith("Issue "))
        rule = lines[head + 1]
        starts = [i for i in range(1, len(rule)) if rule[i] == "-" and rule[i - 1] == " "]
        for line in lines[head + 2 : head + 8]:
            for col in starts:
                assert line[col - 1] == " ", (line, col)

    def test_markdown_is_a_memo(self) -> None:
        """Markdown has a title, sections and pipe tables."""
        md = reports.render(brief(scenario()), "markdown")
        assert md.startswith("# Russia–Ukraine talks, December 2025\n")
        assert "\n## Issues, hardest first\n" in md
        assert "\n| Issue | Status | Zone of agreement | Largest move |\n|---|---|---|---|\n" in md

    def test_diff_in_brief(self) -> None:
        """A brief with a diff lists the contested event and the positions that changed."""
        sc = scenario()
        tl = sc.timeline
        snap = tl.snapshot()
        doc = reports.brief_document(
            nt.analyze(snap),
            nt.analyze_conditions(snap),
            tl,
            diff=tl.diff(datetime.date(2025, 12, 28), tl.dates[-1]),
        )
        text = reports.render(doc, "text")
        assert "What changed after 2025-12-28 (up to 2026-01-01)" in text
        assert "[alleged, disputed by Ukraine]" in text
        assert "United States on Ceasefire before a final settlement" in text

    def test_unknown_format(self) -> None:
        """An unknown format raises InvalidTypeError naming it and the choices."""
        with pytest.raises(
            InvalidTypeError,
            match=r"format='yaml' is not a report format; use one of: text, markdown, json",
        ):
            reports.render(reports.validation_document("f", []), "yaml")

    def test_unknown_kind(self) -> None:
        """A document of unknown kind raises InvalidTypeError naming the kind."""
        with pytest.raises(InvalidTypeError, match=r"document kind='memo' is not a report kind"):
            reports.render({"kind": "memo"}, "text")

    def test_timeline_document_rejects_non_timelines(self) -> None:
        """timeline_document raises InvalidTypeError on a non-Timeline."""
        with pytest.raises(InvalidTypeError, match=r"timeline_document takes a Timeline, not list"):
            reports.timeline_document([])  # type: ignore[arg-type]


class TestSchema:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    def test_documents_conform(self, path: Path) -> None:
        """Every document built from every example conforms to the shipped schema."""
        for doc in all_documents(nt.load(path)):
            assert reports.check_document(doc) == [], doc["kind"]

    def test_with_jsonschema_when_available(self) -> None:
        """The full jsonschema validator agrees, when it is installed."""
        jsonschema = pytest.importorskip(
            "jsonschema", reason="jsonschema not installed: make test installs it (the dev extra)"
        )
        for doc in all_documents(scenario()):
            jsonschema.validate(json.loads(reports.render(doc, "json")), reports.report_schema())

    def test_schema_is_a_json_schema_document(self) -> None:
        """The schema names its draft, every kind, and every $ref resolves."""
        schema = reports.report_schema()
        assert schema["$schema"].startswith("https://json-schema.org/")
        kinds = {k.get("properties", {}).get("kind", {}).get("const") for k in schema["oneOf"]}
        kinds.discard(None)
        kinds.add(schema["$defs"]["diff"]["properties"]["kind"]["const"])
        assert kinds == set(schema["properties"]["kind"]["enum"])
        text = json.dumps(schema)
        for ref in {part.split('"')[0] for part in text.split('"$ref": "#/$defs/')[1:]}:
            assert ref in schema["$defs"], ref

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            (lambda d: d.pop("title"), "missing required key 'title'"),
            (lambda d: d.update(extra=1), "unexpected key 'extra'"),
            (lambda d: d["issues"][0].update(status="stuck"), "'stuck' is not one of"),
            (lambda d: d["issues"][0].update(needed=1.5), "above the maximum"),
            (lambda d: d["issues"][0]["distances"][0].update(gap="far"), "is not of type number"),
            (lambda d: d.update(negotrack_report=1), "is not 2"),
        ],
    )
    def test_checker_catches_broken_documents(self, mutate: Any, expected: str) -> None:
        """The checker reports each kind of schema violation with its path."""
        doc = copy.deepcopy(brief(scenario()))
        mutate(doc)
        problems = reports.check_document(doc)
        assert any(expected in p for p in problems), problems
        assert all(p.startswith("$") for p in problems)


class TestFormatting:
    def test_format_region_numeric_with_unit(self) -> None:
        """Numeric regions read as ranges with the unit."""
        years = nt.NumericScale(0, 100, unit="years")
        issue = nt.Issue("y", years)
        region = nt.Region.of(years, [(0, 15), (50, 50)])
        assert reports.format_region(issue, region) == "0–15 or 50 years"

    def test_format_region_labels(self) -> None:
        """Ordinal regions read as label ranges, nominal ones as alternatives."""
        tiers = nt.OrdinalScale(["none", "assurances", "force", "article-5"])
        bodies = nt.NominalScale(["US", "EU", "UN"])
        assert (
            reports.format_region(
                nt.Issue("t", tiers), nt.Region.labels(tiers, ["force", "article-5"])
            )
            == "force to article-5"
        )
        assert (
            reports.format_region(nt.Issue("b", bodies), nt.Region.labels(bodies, ["US", "UN"]))
            == "US or UN"
        )


def reference_plain(value: Any) -> Any:  # noqa: PLR0911 - one return per kind, as in plain
    """``plain`` as first written (isinstance checks only): the reference for its fast path."""
    if isinstance(value, Mapping):
        return {str(k): reference_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [reference_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return reference_plain(to_dict())
    return str(value)


_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(max_size=4),
    st.dates(),
    st.sampled_from(list(nt.Credibility)),  # an IntEnum: an int by isinstance, not by type
    st.just(nt.Party("UA")),  # no to_dict: its str
)


class TestPlain:
    @given(
        st.recursive(
            _LEAVES,
            lambda inner: st.one_of(
                st.lists(inner, max_size=3),
                st.lists(inner, max_size=3).map(tuple),
                st.dictionaries(st.one_of(st.text(max_size=2), st.integers()), inner, max_size=3),
                st.frozensets(st.integers(), max_size=3),
            ),
            max_leaves=20,
        )
    )
    def test_fast_path_equals_the_general_rules(self, value: Any) -> None:
        """Law: plain's exact-type fast path gives what the isinstance rules give."""
        from negotrack.io.reports.documents import plain

        got, want = plain(value), reference_plain(value)
        assert got == want
        assert json.dumps(got) == json.dumps(want)  # True is not 1, nor 1.0 1
