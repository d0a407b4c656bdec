"""Tests for the timeline records: credibility, statements, events, clauses, conditions."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

import negotrack as nt

YEARS = nt.NumericScale(0, 100, unit="years")
YES = nt.OrdinalScale(["no", "yes"])
DAY = datetime.date(2025, 12, 28)
SRC = nt.Source(title="test")
BAD_KIND: Any = "before"
POS = nt.Position(ideal=15, acceptable=nt.Region.interval(YEARS, 0, 15))


def clause(issue: str) -> nt.IssueClause:
    return nt.IssueClause(issue, nt.Region.labels(YES, ["yes"]))


class TestCredibility:
    def test_levels_are_ordered(self) -> None:
        """DENIED < ALLEGED < REPORTED < CONFIRMED."""
        c = nt.Credibility
        assert c.DENIED < c.ALLEGED < c.REPORTED < c.CONFIRMED

    def test_parse_accepts_names_in_any_case(self) -> None:
        """parse() takes a level or its name in any case."""
        assert nt.Credibility.parse("Alleged") is nt.Credibility.ALLEGED
        assert nt.Credibility.parse(nt.Credibility.DENIED) is nt.Credibility.DENIED

    def test_parse_rejects_unknown_names(self) -> None:
        """An unknown name raises InvalidRecordError listing the levels."""
        with pytest.raises(
            nt.errors.InvalidRecordError, match="use one of: denied, alleged, reported, confirmed"
        ):
            nt.Credibility.parse("rumour")


class TestStatement:
    def test_date_of_wrong_type_raises(self) -> None:
        """A string date raises InvalidTypeError naming the field and suggesting fromisoformat."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"Statement.date='2025-12-28' must be a datetime.date, not str \(use datetime.date.fromisoformat\)",
        ):
            nt.Statement(party="UA", issue="g", date="2025-12-28", position=POS, source=SRC)  # type: ignore[arg-type]

    def test_datetime_is_not_a_date(self) -> None:
        """A datetime raises InvalidTypeError: statements are dated by day."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=re.escape("must be a datetime.date, not datetime")
        ):
            nt.Statement(
                party="UA",
                issue="g",
                date=datetime.datetime(2025, 12, 28),
                position=POS,
                source=SRC,
            )

    def test_position_must_be_a_position(self) -> None:
        """A region instead of a position raises InvalidTypeError."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"Statement.position=.* must be a Position"
        ):
            nt.Statement(party="UA", issue="g", date=DAY, position=POS.acceptable, source=SRC)  # type: ignore[arg-type]

    def test_cannot_supersede_itself(self) -> None:
        """A statement superseding its own id raises InvalidRecordError."""
        with pytest.raises(
            nt.errors.InvalidRecordError, match="supersedes='a' names the statement itself"
        ):
            nt.Statement(
                party="UA", issue="g", date=DAY, position=POS, source=SRC, id="a", supersedes="a"
            )

    def test_cites_one_string_becomes_a_tuple(self) -> None:
        """A single cited id is kept as a one-element tuple."""
        one: Any = "drone"
        st_ = nt.Statement(party="UA", issue="g", date=DAY, position=POS, source=SRC, cites=one)
        assert st_.cites == ("drone",)

    def test_blank_party_raises(self) -> None:
        """An empty party id raises InvalidRecordError."""
        with pytest.raises(
            nt.errors.InvalidRecordError,
            match=re.escape("Statement.party='' must be a non-empty identifier"),
        ):
            nt.Statement(party="", issue="g", date=DAY, position=POS, source=SRC)


class TestEvent:
    def test_contested_when_disputed_or_alleged(self) -> None:
        """An event is contested when disputed or at most ALLEGED."""
        assert nt.Event(id="e", date=DAY, title="t", disputed_by=("UA",)).contested
        assert nt.Event(id="e", date=DAY, title="t", credibility=nt.Credibility.ALLEGED).contested
        assert not nt.Event(id="e", date=DAY, title="t").contested

    def test_sources_must_be_sources(self) -> None:
        """A non-Source in sources raises InvalidTypeError."""
        with pytest.raises(nt.errors.InvalidTypeError, match=re.escape("Event.sources holds 'x'")):
            nt.Event(id="e", date=DAY, title="t", sources=("x",))  # type: ignore[arg-type]


class TestClauses:
    def test_empty_issue_clause_raises(self) -> None:
        """A clause on an empty region raises ConditionError."""
        with pytest.raises(nt.errors.ConditionError, match="region is empty"):
            nt.IssueClause("g", nt.Region.empty(YES))

    def test_keys_name_the_clause(self) -> None:
        """Keys read as 'issue ∈ region' and 'event:id'."""
        assert clause("ceasefire").key == "ceasefire ∈ {yes}"
        assert nt.EventClause("referendum").key == "event:referendum"


class TestCondition:
    def test_requires_own_clause_raises(self) -> None:
        """A condition requiring its own clause raises ConditionError."""
        with pytest.raises(nt.errors.ConditionError, match="requires its own clause"):
            nt.Condition(
                holder="RU", clause=clause("a"), requires=clause("a"), date=DAY, source=SRC
            )

    def test_lifted_needs_supersedes(self) -> None:
        """lifted=True without supersedes raises InvalidRecordError."""
        with pytest.raises(
            nt.errors.InvalidRecordError, match=re.escape("lifted=True needs Condition.supersedes")
        ):
            nt.Condition(
                holder="RU",
                clause=clause("a"),
                requires=clause("b"),
                date=DAY,
                source=SRC,
                lifted=True,
            )

    def test_unknown_kind_raises(self) -> None:
        """An unknown kind raises InvalidRecordError naming both kinds."""
        with pytest.raises(
            nt.errors.InvalidRecordError, match="must be 'precondition' or 'linkage'"
        ):
            nt.Condition(
                holder="RU",
                clause=clause("a"),
                requires=clause("b"),
                date=DAY,
                source=SRC,
                kind=BAD_KIND,
            )

    def test_describe(self) -> None:
        """describe() says who holds what, only after / only with what."""
        c = nt.Condition(
            holder="RU",
            clause=clause("a"),
            requires=clause("b"),
            date=DAY,
            source=SRC,
            kind=nt.ConditionKind.LINKAGE,
        )
        assert c.describe() == "RU: a ∈ {yes} only with b ∈ {yes}"
