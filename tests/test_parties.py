"""Tests for the one party-selection helper, select_parties, and the analyses that use it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.timeline.parties import select_parties

PARTIES = ("RU", "UA", "US", "EU")


def timeline() -> nt.Timeline:
    scale = nt.NumericScale(0, 100)
    tl = nt.Timeline(issues=[nt.Issue("x", scale)], parties=[nt.Party(p) for p in PARTIES])
    tl.add(
        nt.Statement(
            party="RU",
            issue="x",
            date=datetime.date(2025, 12, 28),
            position=nt.Position(ideal=10, acceptable=nt.Region.full(scale)),
            source=nt.Source(title="t"),
        )
    )
    return tl


class TestSelectParties:
    def test_none_chooses_every_party(self) -> None:
        """Without parties, every known party is chosen, in the record's order."""
        assert select_parties(timeline(), None) == PARTIES

    @given(st.lists(st.sampled_from(PARTIES)).flatmap(st.permutations))
    def test_result_does_not_depend_on_the_order_asked(self, asked: list[str]) -> None:
        """The chosen ids come in the record's order, each once, whatever order they are asked in."""
        chosen = select_parties(timeline(), asked)
        assert chosen == tuple(p for p in PARTIES if p in asked)
        assert chosen == select_parties(timeline(), sorted(asked))

    def test_snapshot_timeline_and_ids_are_alike(self) -> None:
        """A snapshot, a timeline or the ids themselves give the same choice."""
        tl = timeline()
        asked = ["EU", "RU"]
        assert (
            select_parties(tl, asked)
            == select_parties(tl.snapshot(), asked)
            == select_parties(PARTIES, asked)
            == ("RU", "EU")
        )

    def test_any_iterable_is_read_once(self) -> None:
        """A generator of ids works (it is read once)."""
        assert select_parties(timeline(), (p for p in ["US", "UA"])) == ("UA", "US")

    def test_unknown_party_raises_naming_it_the_rule_and_the_known_ones(self) -> None:
        """An unknown id: UnknownReferenceError with the argument, the id and the known parties."""
        with pytest.raises(nt.errors.UnknownReferenceError) as info:
            select_parties(timeline(), ["RU", "XX", "YY"])
        assert str(info.value) == (
            "parties: 'XX' is not a party of the timeline; known parties: RU, UA, US, EU"
        )
        assert (info.value.path, info.value.value) == ("parties", "XX")

    def test_path_and_owner_shape_the_message(self) -> None:
        """The command line's wording: --parties, the parties of the scenario."""
        with pytest.raises(nt.errors.UnknownReferenceError) as info:
            select_parties(timeline(), ["RU", "XX"], path="--parties", of="the scenario")
        assert str(info.value) == (
            "--parties: 'XX' is not a party of the scenario; known parties: RU, UA, US, EU"
        )
        assert info.value.path == "--parties"

    def test_no_known_party_says_none(self) -> None:
        """With no party known the message says so."""
        with pytest.raises(nt.errors.UnknownReferenceError, match="known parties: none"):
            select_parties((), ["A"])

    def test_one_string_raises_suggesting_a_list(self) -> None:
        """A single string is refused with the call to write instead."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"write parties=\['RU'\]") as info:
            select_parties(timeline(), "RU")
        assert (info.value.path, info.value.value) == ("parties", "RU")


#: Every analysis in this package that reads ``parties`` through select_parties.
ANALYSES: dict[str, Callable[[nt.Timeline, Iterable[str]], object]] = {
    "analyze": lambda tl, parties: nt.analyze(tl.snapshot(), parties),
    "gap_series": lambda tl, parties: nt.gap_series(tl, parties=parties),
    "utilities_from_snapshot": lambda tl, parties: nt.utilities_from_snapshot(
        tl.snapshot(), parties=parties
    ),
}


def grouped() -> nt.Timeline:
    """Four parties, two of them in the group "observers"."""
    return nt.Timeline(
        issues=[],
        parties=[
            nt.Party("RU"),
            nt.Party("UA"),
            nt.Party("US", group="observers"),
            nt.Party("EU", group="observers"),
        ],
    )


class TestExcludeGroups:
    def test_members_of_a_group_are_left_out(self) -> None:
        """exclude_groups leaves out every member, whatever else is asked."""
        assert select_parties(grouped(), None, exclude_groups=["observers"]) == ("RU", "UA")
        assert select_parties(grouped(), ["UA"], exclude_groups=["observers"]) == ("UA",)

    def test_unknown_group_names_the_known_ones(self) -> None:
        """A group no party belongs to is an error naming the known groups."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape(
                "exclude_groups: 'Europe' is not the group of any party of the timeline; "
                "known groups: observers"
            ),
        ):
            select_parties(grouped(), None, exclude_groups=["Europe"])

    def test_asking_for_a_party_whose_group_is_left_out_is_an_error(self) -> None:
        """--parties US with --exclude-group observers contradicts itself: refused."""
        with pytest.raises(nt.errors.AnalysisError, match="'US' is in a group exclude_groups"):
            select_parties(grouped(), ["RU", "US"], exclude_groups=["observers"])

    def test_one_string_and_bare_ids_are_refused(self) -> None:
        """A string for the groups, and groups with only ids to go by, are refused."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"write exclude_groups=\['x'\]"):
            select_parties(grouped(), None, exclude_groups="x")
        with pytest.raises(nt.errors.InvalidTypeError, match="needs the parties themselves"):
            select_parties(["RU", "US"], None, exclude_groups=["observers"])


class TestEveryAnalysisReadsPartiesAlike:
    @pytest.mark.parametrize("name", ANALYSES)
    def test_unknown_party_gives_the_same_error(self, name: str) -> None:
        """parties= means the same in every analysis: the same error for the same slip."""
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape(
                "parties: 'XX' is not a party of the timeline; known parties: RU, UA, US, EU"
            ),
        ):
            ANALYSES[name](timeline(), ["RU", "XX"])

    @pytest.mark.parametrize("name", ANALYSES)
    def test_one_string_gives_the_same_error(self, name: str) -> None:
        """A single string is refused by every analysis alike."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"write parties=\['RU'\]"):
            ANALYSES[name](timeline(), "RU")

    def test_movements_check_against_the_parties_of_the_series(self) -> None:
        """movements() reads its parties among those the gap series analysed."""
        series = nt.gap_series(timeline(), parties=["RU", "UA"])
        with pytest.raises(
            nt.errors.UnknownReferenceError,
            match=re.escape(
                "parties: 'US' is not a party of the gap series; known parties: RU, UA"
            ),
        ):
            nt.movements(series, parties=["US"])
