"""The Ukraine example holds the facts the news reports state, and analyses as they imply."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

import negotrack as nt

ROOT = Path(__file__).resolve().parent.parent
EVE = datetime.date(2025, 12, 28)


@pytest.fixture(scope="module")
def timeline() -> nt.Timeline:
    return nt.load(ROOT / "examples" / "ukraine_dec2025.toml").timeline


class TestRecord:
    def test_parties(self, timeline: nt.Timeline) -> None:
        """The four parties of the reports are present."""
        assert [p.id for p in timeline.parties] == ["RU", "UA", "US", "EU"]

    def test_every_source_names_a_publication_and_quotes_briefly(
        self, timeline: nt.Timeline
    ) -> None:
        """Every statement and condition cites a publisher and a quote of at most a sentence."""
        records: list[nt.Statement | nt.Condition] = [*timeline.statements, *timeline.conditions]
        for rec in records:
            assert rec.source.publisher, rec.id
            assert rec.source.quote, rec.id
            assert len(rec.source.quote) <= 260, rec.id
            assert not re.search(r"(?<![A-Z])\. [A-Z]", rec.source.quote), rec.id

    def test_dates_span_the_nss_to_the_handover(self, timeline: nt.Timeline) -> None:
        """The record runs from the 4 Dec National Security Strategy past the drone claim."""
        assert timeline.dates[0] == datetime.date(2025, 12, 4)
        assert datetime.date(2025, 12, 29) in timeline.dates

    def test_drone_claim_is_alleged_and_disputed_by_ukraine(self, timeline: nt.Timeline) -> None:
        """The drone claim is ALLEGED, disputed by Ukraine, with a US-intelligence doubt cited."""
        claim = next(e for e in timeline.events if e.id == "drone-claim")
        assert claim.date == datetime.date(2025, 12, 29)
        assert claim.credibility is nt.Credibility.ALLEGED
        assert claim.disputed_by == ("UA",)
        assert claim.contested
        kinds = {s.kind for s in claim.sources}
        assert nt.SourceKind.INTELLIGENCE in kinds

    def test_hardening_cites_the_claim(self, timeline: nt.Timeline) -> None:
        """Every statement dated on or after the claim cites it."""
        later = [s for s in timeline.statements if s.date >= datetime.date(2025, 12, 29)]
        assert later
        assert all("drone-claim" in s.cites for s in later)


class TestGaps:
    def test_donbas_and_guarantee_years_have_no_overlap(self, timeline: nt.Timeline) -> None:
        """Donbas withdrawal and guarantee years are without overlap at the latest date."""
        report = nt.analyze(timeline.snapshot())
        assert report["donbas_withdrawal"].status == "no_overlap"
        assert report["guarantee_years"].status == "no_overlap"

    def test_guarantee_years_meet_at_32_5(self, timeline: nt.Timeline) -> None:
        """15 (US framework) against at least 50 (Kyiv) meets at 32.5 years, 17.5 years each."""
        gap = nt.analyze(timeline.snapshot())["guarantee_years"]
        assert gap.concessions.point == pytest.approx(32.5)
        assert gap.concessions["US"].units == pytest.approx(17.5)
        assert gap.concessions["UA"].units == pytest.approx(17.5)

    def test_guarantee_type_overlaps(self, timeline: nt.Timeline) -> None:
        """Kyiv, Washington and the Europeans can all accept a partner-backed guarantee."""
        gap = nt.analyze(timeline.snapshot())["guarantee_type"]
        assert gap.status == "overlap"
        assert gap.overlap.contains("partner-backed")


class TestDeadlock:
    def test_knot_of_three_conditions(self, timeline: nt.Timeline) -> None:
        """The ceasefire → withdrawal → referendum knot is found, three links, sources named."""
        (knot,) = nt.analyze_conditions(timeline.snapshot()).sequencing
        assert len(knot.witness) == 3
        assert [c.holder for c in knot.witness] == ["UA", "UA", "RU"]
        assert {c.clause.key.split(" ")[0] for c in knot.witness} == {
            "donbas_withdrawal",
            "referendum",
            "ceasefire",
        }
        assert all(c.source.publisher == "AInvest" for c in knot.witness)
        assert knot.untie.count == 1

    def test_knot_survives_credibility_filter(self, timeline: nt.Timeline) -> None:
        """The knot rests on reported conditions, so it stays without alleged records."""
        snap = timeline.snapshot(min_credibility="reported")
        assert len(nt.analyze_conditions(snap).sequencing) == 1


class TestDroneClaimEffect:
    def test_alleged_records_change_the_us_ceasefire_stance(self, timeline: nt.Timeline) -> None:
        """With alleged records the US sides with Russia on a ceasefire; without, with Ukraine."""
        everything = nt.analyze(timeline.snapshot())["ceasefire"]
        trusted = nt.analyze(timeline.snapshot(min_credibility="reported"))["ceasefire"]
        assert everything.distance("US", "RU").ideal == 0
        assert everything.distance("US", "UA").ideal == 1
        assert trusted.distance("US", "UA").ideal == 0
        assert trusted.distance("US", "RU").ideal == 1

    def test_us_ukraine_further_apart_with_alleged_records(self, timeline: nt.Timeline) -> None:
        """Counting alleged records puts the US further from Ukraine overall."""
        everything = nt.analyze(timeline.snapshot())
        trusted = nt.analyze(timeline.snapshot(min_credibility="reported"))
        assert everything.distance("US", "UA") > trusted.distance("US", "UA")

    def test_russia_hardens_into_red_lines_after_the_claim(self, timeline: nt.Timeline) -> None:
        """Russia's Donbas and ceasefire stances become red lines after the claim, not before."""
        before, after = timeline.snapshot(at=EVE), timeline.snapshot()
        for issue in ("donbas_withdrawal", "ceasefire"):
            old, new = before.position("RU", issue), after.position("RU", issue)
            assert old is not None
            assert new is not None
            assert not old.red_line
            assert new.red_line
            assert old.acceptable == new.acceptable

    def test_diff_after_the_eve(self, timeline: nt.Timeline) -> None:
        """The diff from the eve lists the claim and exactly three position changes."""
        diff = timeline.diff(EVE, timeline.dates[-1])
        assert "drone-claim" in [e.id for e in diff.events]
        assert sorted((c.party, c.issue) for c in diff.changes) == [
            ("RU", "ceasefire"),
            ("RU", "donbas_withdrawal"),
            ("US", "ceasefire"),
        ]


class TestRedLinesBindTheMeetingPoint:
    """Issue 11: from 29 Dec Russia holds withdrawal (100 %) as a red line on Donbas."""

    def test_donbas_moves_respect_russias_red_line(self) -> None:
        """From 29 Dec Ukraine and the EU must move 100 points and Russia none."""
        tl = nt.load(ROOT / "examples" / "ukraine_dec2025.toml").timeline
        for day in (datetime.date(2025, 12, 29), datetime.date(2025, 12, 31)):
            gap = nt.analyze(tl.snapshot(at=day))["donbas_withdrawal"]
            moves = {m.party: m.units for m in gap.concessions}
            assert moves == {"RU": 0.0, "UA": 100.0, "EU": 100.0}
            assert gap.concessions.respects_red_lines
            assert gap.unconstrained_concessions.point == 50.0

    def test_the_gap_series_shows_the_hardening(self) -> None:
        """The largest needed move on Donbas jumps from 0.5 to 1.0 on 29 Dec."""
        series = nt.gap_series(nt.load(ROOT / "examples" / "ukraine_dec2025.toml").timeline)
        needed = {d: g.needed for d, g in series.issue("donbas_withdrawal")}
        assert needed[datetime.date(2025, 12, 28)] == 0.5
        assert needed[datetime.date(2025, 12, 29)] == 1.0
