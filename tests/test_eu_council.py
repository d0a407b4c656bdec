"""Tests of negotrack.io.eu_council: the Council's voting rules by date."""

from __future__ import annotations

import datetime

import pytest

import negotrack as nt
from negotrack.errors import DataError
from negotrack.io.eu_council import council_power, council_regime, members_on

D = datetime.date


class TestCouncilRegime:
    @pytest.mark.parametrize(
        ("date", "regime", "members"),
        [
            (D(1999, 1, 1), "amsterdam", 15),
            (D(2004, 6, 1), "interim-2004", 25),
            (D(2005, 1, 1), "nice", 25),
            (D(2008, 1, 1), "nice", 27),
            (D(2014, 1, 1), "nice", 28),
            (D(2014, 11, 1), "lisbon", 28),
            (D(2020, 1, 31), "lisbon", 28),
            (D(2020, 2, 1), "lisbon", 27),  # the United Kingdom left on 31 January 2020
        ],
    )
    def test_rule_in_force_on_a_date(self, date: datetime.date, regime: str, members: int) -> None:
        """The treaty and membership in force on the date decide the rule."""
        assert council_regime("QMV", date) == regime
        assert len(members_on(date)) == members
        power = council_power("QMV", date)
        states = {k: v for k, v in power.items() if k not in ("com", "ep")}
        assert len(states) == members
        assert sum(states.values()) == pytest.approx(1.0)
        assert power["com"] == power["ep"] == max(states.values())

    def test_unanimity_is_equal_power(self) -> None:
        """Unanimity: every member 1/n, whatever the treaty."""
        power = council_power("Unan", D(2010, 1, 1))
        assert power["mt"] == power["de"] == pytest.approx(1 / 27)

    def test_big_states_weigh_more_under_lisbon_than_nice(self) -> None:
        """The double majority shifts power to the most populous states."""
        nice, lisbon = council_power("QMV", D(2014, 1, 1)), council_power("QMV", D(2015, 1, 1))
        assert lisbon["de"] > nice["de"]
        assert lisbon["pl"] < nice["pl"]  # 27 Nice votes were generous for its population

    def test_unknown_rule_raises(self) -> None:
        """A rule other than QMV or Unan: DataError naming it."""
        with pytest.raises(DataError, match="Council voting rule 'QMV\\(10\\)' is unknown"):
            council_power("QMV(10)", D(2000, 1, 1))


class TestDeuIssueCouncilPower:
    def _issue(self, rule: str | None, day: datetime.date | None) -> nt.DeuIssue:
        return nt.DeuIssue(
            id="d1",
            proposal="p",
            proposal_name="n",
            introduced=day,
            positions=(
                nt.DeuPosition(actor="fr", position=10, salience=50),
                nt.DeuPosition(actor="pl", position=90, salience=50),
            ),
            reference_point=None,
            outcome=50,
            council_vote=rule,
        )

    def test_non_member_has_no_power(self) -> None:
        """Poland, with a position on a 2001 proposal, had no vote then: power 0."""
        power = self._issue("QMV", D(2001, 1, 1)).council_power()
        assert power is not None
        assert power["pl"] == 0.0
        assert power["fr"] > 0

    @pytest.mark.parametrize(
        ("rule", "day"), [("QMV(10)", D(2000, 1, 1)), ("QMV", None), (None, D(2000, 1, 1))]
    )
    def test_unknown_rule_or_date_gives_none(
        self, rule: str | None, day: datetime.date | None
    ) -> None:
        """No rule or no date: None (the backtest leaves the issue out)."""
        assert self._issue(rule, day).council_power() is None

    def test_deu_issues_read_their_rule(self, deu: nt.DeuData) -> None:
        """Every DEU issue with an outcome has QMV, Unan or QMV(10), and a date read."""
        rules = [i.council_vote for i in deu.issues]
        assert set(rules) == {"QMV", "Unan", "QMV(10)"}
        assert rules.count("QMV(10)") == 2
        assert all(i.introduced is not None for i in deu.issues)
