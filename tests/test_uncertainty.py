"""Uncertainty in the record: the model, the credibility table, files and the store."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.errors import InvalidRecordError, InvalidTypeError, NegotrackError
from negotrack.testing import strategies as nts
from negotrack.timeline.records import DEFAULT_PROBABILITIES, probability_true

DAY = datetime.date(2025, 12, 28)
BN = nt.NumericScale(0, 300, unit="$bn")
YESNO = nt.OrdinalScale(["no", "yes"])
BODIES = nt.NominalScale(["US", "EU"])


def statement(scale: nt.Scale, ideal: object, region: nt.Region, **kw: object) -> nt.Statement:
    return nt.Statement(
        party="US",
        issue="x",
        date=DAY,
        position=nt.Position(ideal=ideal, acceptable=region),  # type: ignore[arg-type]
        source=nt.Source(title="t"),
        **kw,  # type: ignore[arg-type]
    )


class TestUncertainty:
    def test_absent_fields_mean_certain(self) -> None:
        """An Uncertainty with no field set is certain."""
        assert nt.Uncertainty().is_certain
        assert not nt.Uncertainty(red_line=0.5).is_certain

    @pytest.mark.parametrize("field", ["probability", "red_line"])
    @pytest.mark.parametrize("value", [-0.1, 1.5, float("nan")])
    def test_probabilities_lie_in_unit_interval(self, field: str, value: float) -> None:
        """A probability outside [0, 1] is refused, naming the field."""
        with pytest.raises(InvalidRecordError, match=f"Uncertainty.{field}"):
            nt.Uncertainty(**{field: value})

    def test_range_must_be_a_pair(self) -> None:
        """A range of three values is refused, naming the field."""
        with pytest.raises(InvalidRecordError, match=r"Uncertainty\.ideal"):
            nt.Uncertainty(ideal=(1, 2, 3))
        with pytest.raises(InvalidTypeError, match=r"Uncertainty\.lower"):
            nt.Uncertainty(lower="80")

    def test_dates_in_order(self) -> None:
        """The earliest date must not follow the latest."""
        with pytest.raises(InvalidRecordError, match="earliest"):
            nt.Uncertainty(dates=(DAY, DAY - datetime.timedelta(days=1)))


class TestOnStatements:
    def test_ranges_are_normalised_to_scale_values(self) -> None:
        """Numeric ranges become floats; ordinal ranges stay labels."""
        st = statement(
            BN, 100, nt.Region.point(BN, 100), uncertainty=nt.Uncertainty(ideal=(80, 120))
        )
        assert st.uncertainty is not None
        assert st.uncertainty.ideal == (80.0, 120.0)
        st = statement(
            YESNO,
            "no",
            nt.Region.labels(YESNO, ["no"]),
            uncertainty=nt.Uncertainty(upper=("no", "yes")),
        )
        assert st.uncertainty is not None
        assert st.uncertainty.upper == ("no", "yes")

    @pytest.mark.parametrize(
        ("field", "pair", "rule"),
        [
            ("ideal", (110, 120), "must contain the coded value 100"),
            ("lower", (120, 80), "low must not exceed high"),
            ("upper", (100, 400), "off scale"),
        ],
    )
    def test_bad_ranges_are_refused(self, field: str, pair: tuple[int, int], rule: str) -> None:
        """A range must be ordered, on the scale and contain what it is a range of."""
        with pytest.raises(InvalidRecordError, match=rule) as info:
            statement(
                BN, 100, nt.Region.point(BN, 100), uncertainty=nt.Uncertainty(**{field: pair})
            )
        assert info.value.path == f"Statement.uncertainty.{field}"

    def test_no_range_on_a_nominal_scale(self) -> None:
        """A nominal scale has no order, so no range."""
        with pytest.raises(InvalidRecordError, match="no order"):
            statement(
                BODIES,
                "US",
                nt.Region.labels(BODIES, ["US"]),
                uncertainty=nt.Uncertainty(ideal=("US", "EU")),
            )

    def test_dates_must_contain_the_date(self) -> None:
        """The date range contains the coded date."""
        later = (DAY + datetime.timedelta(days=1), DAY + datetime.timedelta(days=3))
        with pytest.raises(InvalidRecordError, match="must contain the record's date"):
            statement(BN, 100, nt.Region.point(BN, 100), uncertainty=nt.Uncertainty(dates=later))

    def test_events_and_conditions_carry_no_position_field(self) -> None:
        """An event may carry a probability and dates, not a range."""
        with pytest.raises(InvalidRecordError, match="only a statement's position"):
            nt.Event(id="e", date=DAY, title="t", uncertainty=nt.Uncertainty(red_line=0.5))
        ev = nt.Event(id="e", date=DAY, title="t", uncertainty=nt.Uncertainty(probability=0.3))
        assert probability_true(ev) == 0.3

    def test_wrong_type_refused(self) -> None:
        """A Statement's uncertainty must be an Uncertainty."""
        with pytest.raises(InvalidTypeError, match=r"Statement\.uncertainty"):
            statement(BN, 100, nt.Region.point(BN, 100), uncertainty={"probability": 1})


class TestProbabilityTrue:
    @pytest.mark.parametrize(
        ("level", "expected"),
        [("confirmed", 1.0), ("reported", 0.85), ("alleged", 0.5), ("denied", 0.1)],
    )
    def test_default_table(self, level: str, expected: float) -> None:
        """Without its own probability a record is true with its credibility's."""
        ev = nt.Event(id="e", date=DAY, title="t", credibility=nt.Credibility.parse(level))
        assert (
            probability_true(ev) == expected == DEFAULT_PROBABILITIES[nt.Credibility.parse(level)]
        )

    def test_table_overridden(self) -> None:
        """A table given overrides the default for the levels it names."""
        ev = nt.Event(id="e", date=DAY, title="t", credibility=nt.Credibility.REPORTED)
        assert probability_true(ev, {nt.Credibility.REPORTED: 0.6}) == 0.6

    def test_own_probability_wins(self) -> None:
        """A record's own probability beats any table."""
        ev = nt.Event(
            id="e",
            date=DAY,
            title="t",
            credibility=nt.Credibility.REPORTED,
            uncertainty=nt.Uncertainty(probability=0.2),
        )
        assert probability_true(ev, {nt.Credibility.REPORTED: 0.6}) == 0.2


UKRAINE = Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml"


class TestFiles:
    def test_toml_and_json_round_trip(self, tmp_path: Path) -> None:
        """The Ukraine example's uncertainty survives TOML and JSON."""
        scenario = nt.load(UKRAINE)
        assert any(r.uncertainty is not None for r in scenario.timeline.records)
        for name in ("copy.toml", "copy.json"):
            nt.dump(scenario, tmp_path / name)
            assert nt.load(tmp_path / name).timeline == scenario.timeline

    def test_bad_field_names_the_path(self) -> None:
        """A bad uncertainty field is reported with its JSON path."""
        text = UKRAINE.read_text(encoding="utf-8").replace("red_line = 0.5", "red_line = 2", 1)
        with pytest.raises(NegotrackError, match=r"\$\.statements\[\d+\]\.uncertainty\.red_line"):
            nt.loads(text, format="toml")

    def test_unknown_key_suggests(self) -> None:
        """A misspelt key gets a suggestion."""
        text = UKRAINE.read_text(encoding="utf-8").replace("red_line = 0.5", "red_lien = 0.5", 1)
        with pytest.raises(NegotrackError, match="did you mean 'red_line'"):
            nt.loads(text, format="toml")

    def test_store_keeps_uncertainty(self, tmp_path: Path) -> None:
        """The store reads back each record's uncertainty."""
        scenario = nt.load(UKRAINE)
        path = tmp_path / "record.db"
        with nt.Store(path) as store:
            store.import_scenario(scenario)
        with nt.Store(path, create=False) as store:
            assert store.timeline() == scenario.timeline


@given(nts.uncertain_timelines())
def test_uncertain_timelines_round_trip_through_json(tl: nt.Timeline) -> None:
    """Every uncertain timeline reads back equal from JSON (the one converter)."""
    scenario = nt.Scenario(timeline=tl)
    assert nt.loads(nt.dumps(scenario, format="json"), format="json").timeline == tl


@given(nts.uncertain_timelines())
def test_strategy_draws_valid_uncertainty(tl: nt.Timeline) -> None:
    """uncertain_timelines draws records whose uncertainty fits them (re-validated)."""
    for rec in tl.records:
        assert attrs.evolve(rec) == rec
