"""Tests of negotrack.io.serialization: the one converter, round trips and error paths."""

from __future__ import annotations

import datetime
import json
from typing import Any

import attrs
import cattrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.errors import InvalidRecordError, InvalidTypeError, ScenarioError
from negotrack.io import serialization as ser
from negotrack.testing import strategies as nts

YEARS = nt.NumericScale(0, 100, unit="years")
TIERS = nt.OrdinalScale(["none", "assurances", "coalition force", "article-5-like"])
BODIES = nt.NominalScale(["US", "EU", "US-EU", "US-Russia"])


def through_json(doc: Any) -> Any:
    """Return a document as it reads after being written to JSON and read back."""
    return json.loads(json.dumps(doc))


def round_trip(obj: Any, cl: Any, **context: Any) -> Any:
    return ser.structure(through_json(ser.unstructure(obj)), cl, **context)


def problems_of(data: Any, cl: Any, **context: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(ScenarioError) as info:
        ser.structure(data, cl, **context)
    return [(p.path, p.message) for p in info.value.problems]


GOOD_STATEMENT: dict[str, Any] = {
    "id": "s1",
    "party": "UA",
    "issue": "years",
    "date": "2025-12-29",
    "position": {"ideal": 50, "acceptable": [[15, 100]]},
    "source": {"title": "Zelensky asks for 50 years"},
}
AGENDA = [nt.Issue("years", YEARS), nt.Issue("tiers", TIERS), nt.Issue("oversight", BODIES)]


class TestMakeConverter:
    def test_returns_a_new_converter_each_time(self) -> None:
        """Each call builds an independent converter."""
        assert ser.make_converter() is not ser.make_converter()

    def test_leaves_the_global_converter_alone(self) -> None:
        """No hook lands on cattrs' global converter: it still writes scales without a kind."""
        ser.make_converter()
        assert "kind" not in cattrs.unstructure(YEARS)

    def test_native_dates_keeps_dates(self) -> None:
        """The TOML converter writes dates as dates, the default one as ISO strings."""
        day = datetime.date(2025, 12, 28)
        assert ser.make_converter(native_dates=True).unstructure(day) == day
        assert ser.make_converter().unstructure(day) == "2025-12-28"


class TestConfigureConverter:
    def test_configures_a_fresh_converter(self) -> None:
        """A converter of one's own gets the whole format."""
        conv = cattrs.Converter()
        ser.configure_converter(conv)
        assert conv.unstructure(TIERS) == {"kind": "ordinal", "labels": list(TIERS.labels)}


class TestRoundTrips:
    @given(nts.scales())
    def test_structure_inverts_unstructure_for_scales(self, scale: nt.Scale) -> None:
        """Every scale survives JSON, as its own kind."""
        assert round_trip(scale, nt.Scale) == scale

    @given(nts.regions())
    def test_structure_inverts_unstructure_for_regions(self, region: nt.Region) -> None:
        """Every region survives JSON when read with its scale."""
        assert round_trip(region, nt.Region, scale=region.scale) == region

    @given(nts.positions())
    def test_structure_inverts_unstructure_for_positions(self, pos: nt.Position) -> None:
        """Every position survives JSON, floats exactly."""
        assert round_trip(pos, nt.Position, scale=pos.scale) == pos

    @given(nts.issues())
    def test_structure_inverts_unstructure_for_issues(self, issue: nt.Issue) -> None:
        """Every issue survives JSON."""
        assert round_trip(issue, nt.Issue) == issue

    @given(nts.parties())
    def test_structure_inverts_unstructure_for_parties(self, party: nt.Party) -> None:
        """Every party survives JSON."""
        assert round_trip(party, nt.Party) == party

    @given(nts.sources())
    def test_structure_inverts_unstructure_for_sources(self, source: nt.Source) -> None:
        """Every source survives JSON."""
        assert round_trip(source, nt.Source) == source

    @given(nts.events(parties=["UA", "RU"]))
    def test_structure_inverts_unstructure_for_events(self, event: nt.Event) -> None:
        """Every event survives JSON."""
        assert round_trip(event, nt.Event) == event

    @given(nts.credibilities())
    def test_structure_inverts_unstructure_for_credibility(self, level: nt.Credibility) -> None:
        """Credibility is written as its lower-case name and read back."""
        assert ser.unstructure(level) == level.label
        assert round_trip(level, nt.Credibility) == level

    @given(nts.dates())
    def test_structure_inverts_unstructure_for_dates(self, day: datetime.date) -> None:
        """Dates are ISO strings and come back as the same date."""
        assert round_trip(day, datetime.date) == day

    @given(nts.timelines())
    def test_structure_inverts_unstructure_for_statements(self, tl: nt.Timeline) -> None:
        """Every statement survives JSON when read against its timeline."""
        for statement in tl.statements:
            assert round_trip(statement, nt.Statement, issues=tl) == statement

    @given(nts.clauses(issues=AGENDA, events=["e1", "e2"]))
    def test_structure_inverts_unstructure_for_clauses(
        self, clause: nt.IssueClause | nt.EventClause
    ) -> None:
        """Issue and event clauses are told apart by their key and survive JSON."""
        back = round_trip(clause, nt.IssueClause | nt.EventClause, issues=AGENDA)
        assert back == clause
        assert type(back) is type(clause)

    @given(
        nts.conditions(clauses=nts.clauses(issues=AGENDA, events=["e1", "e2"]), holders=["UA"]),
        nts.sources(),
        st.booleans(),
    )
    def test_structure_inverts_unstructure_for_conditions(
        self, cond: nt.Condition, source: nt.Source, lifts: bool
    ) -> None:
        """Every condition survives JSON when read against its issues."""
        if lifts:
            cond = attrs.evolve(cond, id="c9", supersedes="c1", lifted=True)
        cond = attrs.evolve(cond, source=source)
        assert round_trip(cond, nt.Condition, issues=AGENDA) == cond

    @given(nts.positions(nts.numeric_scales()))
    def test_native_dates_converter_round_trips_too(self, pos: nt.Position) -> None:
        """The TOML converter reads back what it writes."""
        conv = ser.converter(native_dates=True)
        assert ser.structure(conv.unstructure(pos), nt.Position, scale=pos.scale) == pos


class TestUnstructure:
    def test_writes_integral_floats_as_integers(self) -> None:
        """15.0 is written 15; 0.5 stays 0.5."""
        pos = nt.Position(ideal=15, acceptable=nt.Region.interval(YEARS, 0.5, 100))
        assert ser.unstructure(pos) == {"ideal": 15, "acceptable": [[0.5, 100]]}

    def test_leaves_out_defaults(self) -> None:
        """A party with default capability and no group is just its id."""
        assert ser.unstructure(nt.Party("UA")) == {"id": "UA"}

    def test_writes_labelled_regions_as_labels(self) -> None:
        """Ordinal and nominal regions are lists of labels in scale order."""
        region = nt.Region.labels(TIERS, ["article-5-like", "coalition force"])
        assert ser.unstructure(region) == ["coalition force", "article-5-like"]

    def test_tags_every_scale_with_its_kind(self) -> None:
        """The kind tag is the scale class's stable ``kind``."""
        assert [ser.unstructure(s)["kind"] for s in (YEARS, TIERS, BODIES)] == [
            "numeric",
            "ordinal",
            "nominal",
        ]

    def test_puts_statement_ids_first(self) -> None:
        """Statements are written id, party, issue, date ... position, source."""
        st_: nt.Statement = ser.structure(GOOD_STATEMENT, nt.Statement, issues=AGENDA)
        assert list(ser.unstructure(st_))[:4] == ["id", "party", "issue", "date"]


class TestStructure:
    def test_reads_a_statement(self) -> None:
        """A good statement document gives the statement."""
        st_: nt.Statement = ser.structure(GOOD_STATEMENT, nt.Statement, issues=AGENDA)
        assert st_.position.acceptable == nt.Region.interval(YEARS, 15, 100)
        assert st_.date == datetime.date(2025, 12, 29)

    def test_rejects_unknown_key_with_suggestion(self) -> None:
        """An unknown key names the closest allowed key."""
        doc = {**GOOD_STATEMENT, "position": {"idael": 50, "acceptable": [[15, 100]]}}
        found = problems_of(doc, nt.Statement, issues=AGENDA)
        assert ("$.position.idael", found[-1][1]) in found
        assert "unknown key 'idael' (did you mean 'ideal'?)" in found[-1][1]
        assert ("$.position.ideal", "required key is missing") in found

    def test_rejects_string_for_number(self) -> None:
        """A quoted number is not a number: nothing is coerced."""
        doc = {**GOOD_STATEMENT, "position": {"ideal": 50, "acceptable": [[15, "100"]]}}
        assert problems_of(doc, nt.Statement, issues=AGENDA) == [
            ("$.position.acceptable[0]", "'100' must be a number, not a string")
        ]

    def test_rejects_boolean_for_number(self) -> None:
        """The boolean true is not the number 1."""
        assert problems_of({"id": "UA", "capability": True}, nt.Party) == [
            ("$.capability", "True must be a number, not a boolean")
        ]

    def test_rejects_number_for_string(self) -> None:
        """5 is not the string "5"."""
        assert problems_of({"id": 5}, nt.Party) == [("$.id", "5 must be a string, not an integer")]

    def test_rejects_bad_date(self) -> None:
        """An impossible date names the date and the rule."""
        found = problems_of({**GOOD_STATEMENT, "date": "2025-02-30"}, nt.Statement, issues=AGENDA)
        assert found == [
            ("$.date", "'2025-02-30' is not a valid date (day is out of range for month)")
        ]

    def test_rejects_non_iso_date(self) -> None:
        """Dates must be written YYYY-MM-DD."""
        found = problems_of({**GOOD_STATEMENT, "date": "29/12/2025"}, nt.Statement, issues=AGENDA)
        assert found == [("$.date", "'29/12/2025' is not a date: write dates as YYYY-MM-DD")]

    def test_rejects_date_time(self) -> None:
        """A TOML date-time is not a date."""
        moment = datetime.datetime(2025, 12, 29, 10, 0)
        found = problems_of({**GOOD_STATEMENT, "date": moment}, nt.Statement, issues=AGENDA)
        assert found[0][0] == "$.date"
        assert "must be a date without a time (YYYY-MM-DD), not a date-time" in found[0][1]

    def test_rejects_ideal_outside_region(self) -> None:
        """The model's rule comes back under the JSON path of the field."""
        doc = {**GOOD_STATEMENT, "position": {"ideal": 120, "acceptable": [[15, 100]]}}
        assert problems_of(doc, nt.Statement, issues=AGENDA) == [
            (
                "$.position.ideal",
                "120 is outside acceptable region [15, 100] on scale 0–100 years",
            )
        ]

    def test_rejects_unknown_issue_once(self) -> None:
        """A statement on an unknown issue is reported at its issue, not at its region too."""
        found = problems_of({**GOOD_STATEMENT, "issue": "yeers"}, nt.Statement, issues=AGENDA)
        assert found == [
            (
                "$.issue",
                "'yeers' is not an issue of the timeline; known issues: years, tiers, oversight",
            )
        ]

    def test_rejects_region_without_scale(self) -> None:
        """A bare region cannot be read without its scale."""
        found = problems_of([[0, 1]], nt.Region)
        assert found[0][0] == "$"
        assert "a region can be read only with the scale of its issue" in found[0][1]

    def test_rejects_label_off_scale(self) -> None:
        """A label the scale does not have is named with its index."""
        found = problems_of(["none", "nato"], nt.Region, scale=TIERS)
        assert found == [
            (
                "$[1]",
                "'nato' is not a label of scale none < assurances < coalition force < article-5-like",
            )
        ]

    def test_rejects_interval_off_scale(self) -> None:
        """An interval bound off the scale is named down to the bound."""
        assert problems_of([[15, 120]], nt.Region, scale=YEARS) == [
            ("$[0][1]", "120 is off scale 0–100 years")
        ]

    def test_rejects_unknown_scale_kind(self) -> None:
        """An unknown kind suggests the nearest one."""
        assert problems_of({"kind": "numerc", "lo": 0, "hi": 1}, nt.Scale) == [
            (
                "$.kind",
                "'numerc' is not a scale kind (did you mean 'numeric'?); "
                "use one of: numeric, ordinal, nominal",
            )
        ]

    def test_rejects_scale_without_kind(self) -> None:
        """A scale must say its kind."""
        assert problems_of({"lo": 0, "hi": 1}, nt.Scale) == [
            ("$.kind", "a scale needs a kind: one of numeric, ordinal, nominal")
        ]

    def test_rejects_scale_of_another_kind(self) -> None:
        """Reading a numeric scale from an ordinal one's document names the kind expected."""
        assert problems_of({"kind": "ordinal", "labels": ["a", "b"]}, nt.NumericScale) == [
            ("$.kind", "kind='ordinal' where a numeric scale is expected")
        ]

    def test_rejects_ambiguous_clause(self) -> None:
        """A clause names an issue or an event, not both."""
        found = problems_of({"issue": "years", "event": "x"}, nt.IssueClause | nt.EventClause)
        assert found[0][0] == "$"
        assert "a clause names either an issue (with a region) or an event" in found[0][1]

    def test_rejects_unknown_credibility(self) -> None:
        """An unknown credibility level lists the levels."""
        found = problems_of(
            {**GOOD_STATEMENT, "credibility": "rumour"}, nt.Statement, issues=AGENDA
        )
        assert found == [
            (
                "$.credibility",
                "'rumour' is not a Credibility value; use one of: denied, alleged, reported, "
                "confirmed",
            )
        ]

    def test_rejects_string_for_list(self) -> None:
        """A string is not a list of ids (it is not split into characters)."""
        found = problems_of({**GOOD_STATEMENT, "cites": "drone"}, nt.Statement, issues=AGENDA)
        assert found == [("$.cites", "'drone' must be an array, not a string")]

    def test_collects_every_problem(self) -> None:
        """Several problems in one document are all reported, in document order."""
        doc = {**GOOD_STATEMENT, "date": "soon", "party": 3, "extra": 1}
        paths = [p for p, _ in problems_of(doc, nt.Statement, issues=AGENDA)]
        assert paths == ["$.party", "$.date", "$.extra"]

    def test_model_errors_keep_their_type(self) -> None:
        """Re-pathed problems keep the model's error class."""
        doc = {**GOOD_STATEMENT, "position": {"ideal": 120, "acceptable": [[15, 100]]}}
        with pytest.raises(ScenarioError) as info:
            ser.structure(doc, nt.Statement, issues=AGENDA)
        assert isinstance(info.value.problems[0], nt.errors.InvalidPositionError)


class TestProblems:
    def test_paths_start_at_the_given_root(self) -> None:
        """The root path prefixes every problem."""
        try:
            ser.structure_raw({"id": 5}, nt.Party)
        except Exception as exc:  # the point is to inspect what was raised
            found = ser.problems(exc, "$.parties[2]")
        assert [p.path for p in found] == ["$.parties[2].id"]

    def test_unexpected_errors_become_problems(self) -> None:
        """An exception that is no NegotrackError still yields a problem with the path."""
        found = ser.problems(ZeroDivisionError("boom"), "$.x")
        assert [(p.path, p.message) for p in found] == [
            ("$.x", "cannot read this value (ZeroDivisionError: boom)")
        ]


class TestSuggest:
    def test_suggests_the_closest(self) -> None:
        """A near miss is suggested."""
        assert ser.suggest("salince", ["salience", "ideal"]) == " (did you mean 'salience'?)"

    def test_suggests_nothing_far(self) -> None:
        """Nothing is suggested for an unrelated word."""
        assert ser.suggest("qqq", ["salience"]) == ""


class TestUnknownKey:
    def test_quotes_odd_keys_in_the_path(self) -> None:
        """Keys that are not identifiers are written in brackets."""
        err = ser.unknown_key("a b", ["ab"], "$")
        assert isinstance(err, InvalidRecordError)
        assert err.path == "$['a b']"
        assert err.message == "unknown key 'a b' (did you mean 'ab'?); allowed keys: ab"


@attrs.frozen
class _Holder:
    day: datetime.date


class TestStructureRaw:
    def test_lets_cattrs_groups_through(self) -> None:
        """The raw form raises cattrs' error group for collectors to walk."""
        with pytest.raises(cattrs.ClassValidationError):
            ser.structure_raw({"day": "never"}, _Holder)

    @given(st.dates())
    def test_any_attrs_class_with_dates_round_trips(self, day: datetime.date) -> None:
        """The converter serves plain attrs classes too."""
        assert ser.structure(ser.unstructure(_Holder(day)), _Holder) == _Holder(day)


def test_wrong_type_message_names_the_type() -> None:
    """Messages say what was found: a table where an array belongs."""
    found = problems_of({"title": "x", "kind": {}}, nt.Source)
    assert found == [
        (
            "$.kind",
            "{} must be one of: official, media, leak, intelligence, analysis, other, not a table",
        )
    ]
    assert InvalidTypeError.__mro__[1] is nt.NegotrackError


# ---------------------------------------------------------------------------- the fast path
# Documents are read first without cattrs' detailed validation, and again with it only when
# that fails (issue 18). The laws: on any document, sound or broken, what a caller gets is
# what the careful reading alone gives.

_RECORD_KEYS = (("events", nt.Event), ("statements", nt.Statement), ("conditions", nt.Condition))


def careful(data: Any, cl: Any, issues: Any) -> Any:
    """Read ``data`` with the detailed-validation converter only (the reading before the fast path)."""
    scale_of = ser._scale_lookup(issues)
    with ser._ScaleScope(None, scale_of):
        return ser.converter().structure(data, cl)


def careful_problems(data: Any, cl: Any, issues: Any) -> list[tuple[str | None, str]] | None:
    try:
        careful(data, cl, issues)
    except Exception as exc:
        return [(p.path, p.message) for p in ser.problems(exc, "$")]
    return None


def fast_problems(data: Any, cl: Any, issues: Any) -> list[tuple[str | None, str]] | None:
    try:
        ser.structure(data, cl, issues=issues)
    except ScenarioError as err:
        return [(p.path, p.message) for p in err.problems]
    return None


#: What a broken document may hold in place of a sound value: a wrong type, an empty or
#: off-scale value, a lone surrogate, a huge number, a bad date (shared with the fast
#: reader's laws, tests/test_fast_reading.py).
WRONG_VALUES: list[Any] = [
    None,
    True,
    "15",
    "",
    " x",
    "\ud800",
    10**400,
    -1e308,
    [],
    {},
    [[1]],
    [[20, 10]],
    [["a", 1]],
    "2025-13-01",
    "someday",
    1.5,
    -3,
]
BAD_VALUES: st.SearchStrategy[Any] = st.sampled_from([*WRONG_VALUES, float("nan")])


def _documents(sc: nt.Scenario) -> list[tuple[Any, Any]]:
    doc = json.loads(nt.dumps(sc, format="json"))
    return [(item, cl) for key, cl in _RECORD_KEYS for item in doc.get(key, [])]


class TestFastPath:
    @given(nts.scenarios())
    def test_fast_reading_equals_careful_reading(self, sc: nt.Scenario) -> None:
        """Law: the fast path reads every record document as the careful converter alone does.

        On every record of a drawn scenario, through ``structure_raw`` and ``structure``.
        """
        tl = sc.timeline
        for item, cl in _documents(sc):
            expected = careful(item, cl, tl)
            assert ser.structure_raw(item, cl, issues=tl) == expected
            assert ser.structure(item, cl, issues=tl) == expected

    @given(nts.scenarios(), st.data())
    def test_broken_document_gives_the_careful_readings_problems(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Law: a broken document gives exactly the careful reading's problems.

        One value of a record document broken (or a key added or removed): the same paths
        and messages as the careful reading, or the same record if the change left it sound.
        """
        documents = _documents(sc)
        if not documents:
            return
        item, cl = data.draw(st.sampled_from(documents))
        broken = json.loads(json.dumps(item))
        holder, key = _pick_place(broken, data)
        change = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if change == "remove":
            holder.pop(key, None)
        elif change == "add":
            holder[key + "x"] = 1
        else:
            holder[key] = data.draw(BAD_VALUES)
        expected = careful_problems(broken, cl, sc.timeline)
        assert fast_problems(broken, cl, sc.timeline) == expected
        if expected is None:
            assert ser.structure(broken, cl, issues=sc.timeline) == careful(broken, cl, sc.timeline)


def _pick_place(doc: dict[str, Any], data: st.DataObject) -> tuple[dict[str, Any], str]:
    """Draw a table of ``doc`` (itself or one nested in it) and one of its keys."""
    tables = [doc, *(v for v in doc.values() if isinstance(v, dict))]
    holder = data.draw(st.sampled_from(tables))
    key = data.draw(st.sampled_from(sorted(holder))) if holder else "id"
    return holder, key


def test_huge_bound_in_a_region_is_named_as_before() -> None:
    """A bound too large for a float is named at its place, in the converter's words.

    Region.of cannot even compare it: the item-by-item reading reports it.
    """
    found = problems_of([[10**400, 5]], nt.Region, scale=YEARS)
    assert found == [("$[0]", found[0][1])]
    assert "too large for a number" in found[0][1]
