"""Tests of negotrack.model.entities: issues, parties, positions and sources."""

from __future__ import annotations

import datetime
import math
from typing import Any

import attrs
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.errors import (
    InvalidPositionError,
    InvalidRecordError,
    InvalidTypeError,
    NegotrackError,
    OffScaleError,
)
from negotrack.testing import strategies as nts
from test_scales import BODIES, TIERS, YEARS, raises  # shared with the scale tests

UA_REGION = nt.Region.interval(YEARS, 15, 100)


class TestIssue:
    def test_holds_id_scale_and_title(self) -> None:
        """An issue keeps its id, scale and title; its label is the title."""
        issue = nt.Issue("guarantee_years", YEARS, title="Security guarantee duration")
        assert (issue.id, issue.scale, issue.label) == (
            "guarantee_years",
            YEARS,
            "Security guarantee duration",
        )
        assert nt.Issue("x", YEARS).label == "x"

    def test_status_quo_is_checked_and_normalised(self) -> None:
        """A status quo on the scale is stored as a value of the scale."""
        assert nt.Issue("g", YEARS, status_quo=0).status_quo == 0.0
        assert nt.Issue("t", TIERS, status_quo="none").status_quo == "none"

    def test_status_quo_off_scale_raises(self) -> None:
        """A status quo off the scale raises OffScaleError naming the issue and value."""
        with raises(OffScaleError, ValueError, "Issue('g').status_quo=200", "off scale"):
            nt.Issue("g", YEARS, status_quo=200)

    @pytest.mark.parametrize(
        ("bad", "error", "builtin"),
        [
            ("", InvalidRecordError, ValueError),
            (" g", InvalidRecordError, ValueError),
            (3, InvalidTypeError, TypeError),
        ],
    )
    def test_bad_id_raises(
        self, bad: Any, error: type[NegotrackError], builtin: type[Exception]
    ) -> None:
        """An empty, padded or non-string id raises, naming the field and value."""
        with raises(error, builtin, f"Issue.id={bad!r}"):
            nt.Issue(bad, YEARS)

    def test_non_scale_raises(self) -> None:
        """A scale that is not a Scale raises InvalidTypeError naming it."""
        bad: Any = (0, 100)
        with raises(InvalidTypeError, TypeError, "Issue.scale=(0, 100)", "must be a Scale"):
            nt.Issue("g", bad)


class TestParty:
    def test_defaults(self) -> None:
        """A party has capability 1, no group, and its id as label when nameless."""
        p = nt.Party("UA")
        assert (p.capability, p.group, p.label) == (1.0, None, "UA")
        assert nt.Party("UA", name="Ukraine", group="EU-candidates").label == "Ukraine"

    @pytest.mark.parametrize(
        ("bad", "rule"),
        [
            (-1, "must be >= 0"),
            (math.nan, "finite"),
            (math.inf, "finite"),
        ],
    )
    def test_bad_capability_raises(self, bad: float, rule: str) -> None:
        """A negative, NaN or infinite capability raises InvalidRecordError naming it."""
        with raises(InvalidRecordError, ValueError, f"Party.capability={bad!r}", rule):
            nt.Party("UA", capability=bad)

    def test_non_number_capability_raises(self) -> None:
        """A capability that is not a number raises InvalidTypeError."""
        bad: Any = "strong"
        with raises(InvalidTypeError, TypeError, "Party.capability='strong'", "number"):
            nt.Party("UA", capability=bad)

    def test_bad_id_raises(self) -> None:
        """An empty id raises InvalidRecordError naming the field."""
        with raises(InvalidRecordError, ValueError, "Party.id=''", "non-empty"):
            nt.Party("")

    def test_bad_group_raises(self) -> None:
        """A blank group raises InvalidRecordError naming the field."""
        with raises(InvalidRecordError, ValueError, "Party.group=''"):
            nt.Party("UA", group="")


class TestPosition:
    def test_valid_position(self) -> None:
        """A position keeps its region, salience and red line; the ideal becomes a float."""
        pos = nt.Position(ideal=50, acceptable=UA_REGION, salience=0.9, red_line=True)
        assert (pos.ideal, pos.salience, pos.red_line, pos.scale) == (50.0, 0.9, True, YEARS)
        assert pos.describe() == "ideal 50, accepts [15, 100] (red line), salience 0.9"

    def test_frozen(self) -> None:
        """Positions are immutable; attrs.evolve re-validates."""
        pos = nt.Position(ideal=50, acceptable=UA_REGION)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            pos.salience = 0.5  # type: ignore[misc]
        with raises(InvalidPositionError, ValueError, "Position.ideal=10"):
            attrs.evolve(pos, ideal=10)

    @pytest.mark.parametrize("bad", [120, 5, math.nan, math.inf])
    def test_ideal_outside_region_raises(self, bad: float) -> None:
        """An ideal outside the acceptable region raises InvalidPositionError naming it."""
        with raises(
            InvalidPositionError,
            ValueError,
            f"Position.ideal={bad!r}",
            "outside acceptable region [15, 100] on scale 0–100 years",
        ) as info:
            nt.Position(ideal=bad, acceptable=UA_REGION)
        assert info.value.path == "Position.ideal"

    def test_documented_message(self) -> None:
        """The message reads exactly as the design promises."""
        with pytest.raises(InvalidPositionError) as info:
            nt.Position(ideal=120, acceptable=UA_REGION)
        assert str(info.value) == (
            "Position.ideal=120 is outside acceptable region [15, 100] on scale 0–100 years"
        )

    def test_label_not_on_scale_raises(self) -> None:
        """An ideal label not on the scale raises InvalidPositionError naming it."""
        with raises(InvalidPositionError, ValueError, "Position.ideal=NATO", "{US, EU}"):
            nt.Position(ideal="NATO", acceptable=nt.Region.labels(BODIES, ["US", "EU"]))

    def test_ideal_in_empty_region_raises(self) -> None:
        """Nothing is acceptable in an empty region, not even the ideal."""
        with raises(InvalidPositionError, ValueError, "Position.ideal=none", "∅"):
            nt.Position(ideal="none", acceptable=nt.Region.empty(TIERS))

    def test_string_ideal_on_numeric_scale_raises_type_error(self) -> None:
        """A string ideal on a numeric scale raises InvalidTypeError naming it."""
        with raises(InvalidTypeError, TypeError, "Position.ideal='50'", "must be a number"):
            nt.Position(ideal="50", acceptable=UA_REGION)

    @pytest.mark.parametrize(
        ("bad", "rule"),
        [
            (1.5, "must lie in [0, 1]"),
            (-0.1, "must lie in [0, 1]"),
            (math.nan, "finite"),
            (math.inf, "finite"),
        ],
    )
    def test_bad_salience_raises(self, bad: float, rule: str) -> None:
        """A salience outside [0, 1], NaN or infinite raises InvalidPositionError naming it."""
        with raises(InvalidPositionError, ValueError, f"Position.salience={bad!r}", rule):
            nt.Position(ideal=50, acceptable=UA_REGION, salience=bad)

    def test_non_number_salience_raises(self) -> None:
        """A salience that is not a number raises InvalidTypeError."""
        bad: Any = "high"
        with raises(InvalidTypeError, TypeError, "Position.salience='high'"):
            nt.Position(ideal=50, acceptable=UA_REGION, salience=bad)

    def test_non_region_raises(self) -> None:
        """An acceptable set that is not a Region raises InvalidTypeError naming it."""
        bad: Any = (15, 100)
        with raises(InvalidTypeError, TypeError, "Position.acceptable=(15, 100)", "Region"):
            nt.Position(ideal=50, acceptable=bad)

    def test_non_bool_red_line_raises(self) -> None:
        """A red line that is not a bool raises InvalidTypeError naming it."""
        bad: Any = "yes"
        with raises(InvalidTypeError, TypeError, "Position.red_line='yes'"):
            nt.Position(ideal=50, acceptable=UA_REGION, red_line=bad)

    @given(pos=nts.positions())
    def test_ideal_always_lies_in_region(self, pos: nt.Position) -> None:
        """Every valid position's ideal lies in its acceptable region."""
        assert pos.ideal in pos.acceptable


class TestSource:
    def test_kind_from_string(self) -> None:
        """A kind given as its string value becomes the SourceKind."""
        src = nt.Source(title="Plan", kind="leak")
        assert src.kind is nt.SourceKind.LEAK

    def test_cite(self) -> None:
        """A citation names publisher, title and date."""
        src = nt.Source(title="Plan", publisher="AP", date=datetime.date(2025, 12, 1))
        assert src.cite() == 'AP, "Plan" (2025-12-01)'
        assert nt.Source(title="Plan").cite() == '"Plan"'

    def test_unknown_kind_raises(self) -> None:
        """An unknown kind raises InvalidRecordError listing the allowed ones."""
        with raises(InvalidRecordError, ValueError, "Source.kind='rumour'", "official, media"):
            nt.Source(title="t", kind="rumour")

    def test_string_date_raises(self) -> None:
        """A date given as a string raises InvalidTypeError suggesting fromisoformat."""
        bad: Any = "2025-12-01"
        with raises(InvalidTypeError, TypeError, "Source.date='2025-12-01'", "fromisoformat"):
            nt.Source(title="t", date=bad)

    def test_datetime_is_not_a_date(self) -> None:
        """A datetime is refused: records are dated by day."""
        bad: Any = datetime.datetime(2025, 12, 1, 12, 0)
        with raises(InvalidTypeError, TypeError, "Source.date=", "datetime.date"):
            nt.Source(title="t", date=bad)

    def test_non_string_text_raises(self) -> None:
        """A non-string title raises InvalidTypeError naming the field."""
        bad: Any = 3
        with raises(InvalidTypeError, TypeError, "Source.title=3"):
            nt.Source(title=bad)
