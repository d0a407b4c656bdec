"""The worked test: the seeds' facts of the December 2025 talks, with hand-computed numbers.

Facts as the seeds report them:

* Donbas withdrawal, 0-100 % of the Ukrainian-held part: Russia accepts only full
  withdrawal (100), Ukraine only none (0).
* Security guarantee duration, 0-100 years: the US framework accepts at most 15 years,
  Kyiv insists on at least 50.

Hand computation for the guarantees: the regions [0, 15] and [50, 100] are 35 years apart,
so the point minimising the larger of the two needed moves is halfway, 15 + 35 / 2 = 32.5
years, and each side must move 17.5 years, 17.5 / 100 = 0.175 of the scale. For Donbas the
points 0 and 100 give the midpoint 50 and a move of 50 points (0.5) each.
"""

from __future__ import annotations

import datetime

import pytest

import negotrack as nt

PCT = nt.NumericScale(0, 100, unit="%")
YEARS = nt.NumericScale(0, 100, unit="years")
DEC28 = datetime.date(2025, 12, 28)
SRC = nt.Source(title="Mar-a-Lago talks", publisher="Reuters", date=DEC28)


@pytest.fixture
def report() -> nt.GapReport:
    tl = nt.Timeline(
        issues=[
            nt.Issue("donbas_withdrawal", PCT, title="Donbas withdrawal"),
            nt.Issue("guarantee_years", YEARS, title="Security guarantee duration"),
        ],
        parties=[nt.Party("RU"), nt.Party("UA"), nt.Party("US")],
    )

    def state(party: str, issue: str, ideal: float, lo: float, hi: float) -> None:
        scale = PCT if issue == "donbas_withdrawal" else YEARS
        tl.add(
            nt.Statement(
                party=party,
                issue=issue,
                date=DEC28,
                source=SRC,
                position=nt.Position(
                    ideal=ideal, acceptable=nt.Region.interval(scale, lo, hi), red_line=True
                ),
            )
        )

    state("RU", "donbas_withdrawal", 100, 100, 100)  # Russia accepts only 100 %
    state("UA", "donbas_withdrawal", 0, 0, 0)  # Ukraine accepts only 0 %
    state("US", "guarantee_years", 15, 0, 15)  # the US framework: at most 15 years
    state("UA", "guarantee_years", 50, 50, 100)  # Kyiv: at least 50 years
    return nt.analyze(tl.snapshot(at=DEC28))


class TestSeedFacts:
    def test_donbas_has_no_overlap(self, report: nt.GapReport) -> None:
        """Russia's 100 % and Ukraine's 0 % share no value: no_overlap, deadlocked."""
        gap = report["donbas_withdrawal"]
        assert gap.status == "no_overlap"
        assert gap.overlap.is_empty
        assert gap.deadlocked

    def test_donbas_concession_is_halfway(self, report: nt.GapReport) -> None:
        """The concession point between 0 and 100 is 50, a move of 50 points (0.5) each."""
        c = report["donbas_withdrawal"].concessions
        assert c.point == 50
        assert [(m.party, m.units, m.move) for m in c] == [("RU", 50, 0.5), ("UA", 50, 0.5)]

    def test_guarantee_years_has_no_overlap(self, report: nt.GapReport) -> None:
        """At most 15 against at least 50 years: no_overlap."""
        gap = report["guarantee_years"]
        assert gap.status == "no_overlap"
        assert gap.parties == ("UA", "US")

    def test_guarantee_concession_point_is_32_5_years(self, report: nt.GapReport) -> None:
        """The concession point is 32.5 years, a move of 17.5 years (0.175) for each side."""
        c = report["guarantee_years"].concessions
        assert c.point == pytest.approx(32.5)
        for party in ("US", "UA"):
            assert c[party].units == pytest.approx(17.5)
            assert c[party].move == pytest.approx(0.175)
        assert c.largest == pytest.approx(0.175)

    def test_guarantee_region_gap_is_35_years(self, report: nt.GapReport) -> None:
        """The regions are 35 years (0.35) apart, the ideals 35 years too."""
        d = report["guarantee_years"].distance("US", "UA")
        assert d.gap == pytest.approx(0.35)
        assert d.ideal == pytest.approx(0.35)
