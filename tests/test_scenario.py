"""Tests of negotrack.io.scenario: Scenario, load/dump/loads/dumps/validate."""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.errors import ScenarioError
from negotrack.io import scenario as scenario_module
from negotrack.io._toml_text import compact_arrays
from negotrack.testing import strategies as nts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
YEARS = nt.NumericScale(0, 100, unit="years")
DAY = datetime.date(2025, 12, 28)


def small_timeline() -> nt.Timeline:
    tl = nt.Timeline(
        issues=[nt.Issue("years", YEARS, title="Guarantee duration")],
        parties=[nt.Party("UA", name="Ukraine"), nt.Party("RU", name="Russia")],
    )
    tl.add(
        nt.Statement(
            party="UA",
            issue="years",
            date=DAY,
            position=nt.Position(ideal=50, acceptable=nt.Region.interval(YEARS, 15, 100)),
            source=nt.Source(title="Kyiv asks for 50 years"),
        )
    )
    tl.add(nt.Event(id="drone-claim", date=DAY, title="Drone claim", disputed_by=("UA",)))
    return tl


def small_doc() -> dict[str, Any]:
    """Return a good scenario document, as plain data (dates as ISO strings)."""
    return {
        "schema": 1,
        "title": "Guarantees",
        "issues": [{"id": "years", "scale": {"kind": "numeric", "lo": 0, "hi": 100}}],
        "parties": [{"id": "UA"}, {"id": "RU"}],
        "events": [{"id": "drone-claim", "date": "2025-12-29", "title": "Drone claim"}],
        "statements": [
            {
                "party": "UA",
                "issue": "years",
                "date": "2025-12-28",
                "position": {"ideal": 50, "acceptable": [[15, 100]]},
                "source": {"title": "Kyiv asks for 50 years"},
            }
        ],
    }


def errors_of(text: str, fmt: str = "json", **kwargs: Any) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        nt.loads(text, fmt, **kwargs)  # type: ignore[arg-type]
    return info.value


def json_errors(doc: Any) -> list[tuple[str | None, str]]:
    return [(p.path, p.message) for p in errors_of(json.dumps(doc)).problems]


class TestScenario:
    def test_groups_records_by_kind(self) -> None:
        """A scenario keeps events, then statements, then conditions, each in its own order."""
        sc = nt.Scenario(title="t", timeline=small_timeline())
        assert [type(r).__name__ for r in sc.timeline.records] == ["Event", "Statement"]

    def test_grouping_keeps_meaning(self) -> None:
        """The grouped timeline has the same snapshot as the original."""
        tl = small_timeline()
        assert nt.Scenario(timeline=tl).timeline.snapshot() == tl.snapshot()

    def test_copies_the_timeline(self) -> None:
        """Adding to the original timeline later does not change the scenario."""
        tl = small_timeline()
        sc = nt.Scenario(timeline=tl)
        tl.add(nt.Event(id="later", date=DAY, title="Later"))
        assert len(sc.timeline) == 2

    def test_rejects_non_timeline(self) -> None:
        """The timeline must be a Timeline."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match=r"Scenario.timeline=\[\] must be a Timeline"
        ):
            nt.Scenario(timeline=[])  # type: ignore[arg-type]

    def test_rejects_non_string_title(self) -> None:
        """The title must be text."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"Scenario\.title=3 must be a string"):
            nt.Scenario(timeline=small_timeline(), title=3)  # type: ignore[arg-type]

    def test_rejects_non_string_description(self) -> None:
        """The description must be text; the message names the field and the type given."""
        with pytest.raises(
            nt.errors.InvalidTypeError,
            match=r"Scenario\.description=\['x'\] must be a string, not list",
        ):
            nt.Scenario(timeline=small_timeline(), description=["x"])  # type: ignore[arg-type]

    def test_is_not_hashable(self) -> None:
        """A scenario holds a mutable timeline, so it has no hash."""
        with pytest.raises(TypeError):
            hash(nt.Scenario(timeline=small_timeline()))

    def test_to_dict_is_the_json_document(self) -> None:
        """to_dict() is what dumps(format="json") writes."""
        sc = nt.Scenario(title="t", timeline=small_timeline())
        assert json.loads(nt.dumps(sc, "json")) == sc.to_dict()

    def test_delegates_to_timeline(self) -> None:
        """issues, parties, statements, events and conditions come from the timeline."""
        sc = nt.Scenario(timeline=small_timeline())
        assert (len(sc.issues), len(sc.parties), len(sc.statements), len(sc.events)) == (1, 2, 1, 1)
        assert sc.conditions == ()


class TestDumps:
    @given(nts.scenarios())
    def test_load_inverts_dump(self, sc: nt.Scenario) -> None:
        """load(dump(s)) == s for TOML and JSON files (and text), floats exactly."""
        assert nt.loads(nt.dumps(sc, "toml"), "toml") == sc
        assert nt.loads(nt.dumps(sc, "json"), "json") == sc
        with tempfile.TemporaryDirectory() as folder:
            for name in ("s.toml", "s.json"):
                nt.dump(sc, Path(folder) / name)
                assert nt.load(Path(folder) / name) == sc

    def test_writes_toml_dates_as_dates(self) -> None:
        """TOML files hold local dates, not strings."""
        text = nt.dumps(nt.Scenario(timeline=small_timeline()))
        assert "date = 2025-12-28" in text

    def test_rejects_unknown_format(self) -> None:
        """Only toml and json are formats."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match="format='yaml' must be 'toml' or 'json'"
        ):
            nt.dumps(nt.Scenario(timeline=small_timeline()), "yaml")  # type: ignore[arg-type]

    def test_rejects_non_scenario(self) -> None:
        """dumps() takes a Scenario."""
        with pytest.raises(
            nt.errors.InvalidTypeError, match="dumps\\(\\) takes a Scenario, not Timeline"
        ):
            nt.dumps(small_timeline())  # type: ignore[arg-type]


class TestDumpJson:
    """dump() writes JSON piece by piece (issue 18): the same text as dumps(), atomically."""

    @given(nts.scenarios())
    def test_the_file_holds_the_text_of_dumps(self, scenario: nt.Scenario) -> None:
        """Law: dump(sc, "x.json") writes exactly dumps(sc, "json")."""
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "x.json"
            nt.dump(scenario, path)
            assert path.read_text(encoding="utf-8") == nt.dumps(scenario, "json")

    def test_refuses_a_non_scenario_and_writes_nothing(self, tmp_path: Path) -> None:
        """dump() takes a Scenario; nothing is left behind."""
        with pytest.raises(nt.errors.InvalidTypeError, match=r"dump\(\) takes a Scenario"):
            nt.dump(small_timeline(), tmp_path / "x.json")  # type: ignore[arg-type]
        assert list(tmp_path.iterdir()) == []

    def test_a_failed_write_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that fails half-way leaves the previous file whole and no temporary file."""
        path = tmp_path / "x.json"
        path.write_text("old", encoding="utf-8")

        def broken(document: object, convert: object = None) -> Any:
            yield "{"
            raise OSError("disk full")

        monkeypatch.setattr("negotrack.io._indented_json.indented_chunks", broken)
        with pytest.raises(OSError, match="disk full"):
            nt.dump(nt.Scenario(timeline=small_timeline()), path)
        assert path.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


class TestLoads:
    def test_reads_a_good_document(self) -> None:
        """A good document gives its scenario, with ids assigned."""
        sc = nt.loads(json.dumps(small_doc()), "json")
        assert sc.title == "Guarantees"
        assert sc.statements[0].id == "s1"

    def test_formats_problems_with_file_and_path(self) -> None:
        """Each problem reads ``file: $.path: message``."""
        doc = small_doc()
        doc["statements"][0]["position"]["ideal"] = 120
        err = errors_of(json.dumps(doc), file="talks.json")
        assert str(err) == (
            "talks.json: $.statements[0].position.ideal: 120 is outside acceptable region "
            "[15, 100] on scale 0–100"
        )
        assert err.details() == str(err)

    def test_collects_every_problem(self) -> None:
        """Problems all over the document come back together."""
        doc = small_doc()
        doc["titel"] = "x"
        doc["parties"][1]["capability"] = -1
        doc["statements"][0]["date"] = "2025-13-01"
        doc["events"][0]["disputed_by"] = ["US"]
        err = errors_of(json.dumps(doc))
        assert [p.path for p in err.problems] == [
            "$.titel",
            "$.parties[1].capability",
            "$.events[0].disputed_by",
            "$.statements[0].date",
        ]
        assert "(and 3 more problems)" in str(err)

    def test_rejects_unknown_top_level_key(self) -> None:
        """A misspelt top-level key suggests the right one."""
        doc = small_doc() | {"statments": []}
        assert json_errors(doc) == [
            (
                "$.statments",
                "unknown key 'statments' (did you mean 'statements'?); allowed keys: schema, "
                "update, title, description, note, issues, parties, events, statements, conditions",
            )
        ]

    def test_rejects_unknown_nested_key(self) -> None:
        """A misspelt key deep in a record is found with its path."""
        doc = small_doc()
        doc["statements"][0]["position"]["red_lines"] = True
        found = json_errors(doc)
        assert found[0][0] == "$.statements[0].position.red_lines"
        assert "did you mean 'red_line'?" in found[0][1]

    def test_rejects_wrong_type(self) -> None:
        """A string where a number belongs is named."""
        doc = small_doc()
        doc["parties"][0]["capability"] = "high"
        assert json_errors(doc) == [
            ("$.parties[0].capability", "'high' must be a number, not a string")
        ]

    def test_rejects_bad_date(self) -> None:
        """An impossible date is named with the rule."""
        doc = small_doc()
        doc["events"][0]["date"] = "2025-02-30"
        assert json_errors(doc) == [
            ("$.events[0].date", "'2025-02-30' is not a valid date (day is out of range for month)")
        ]

    def test_rejects_unknown_party_in_statement(self) -> None:
        """The timeline's rule is reported at the statement's party."""
        doc = small_doc()
        doc["statements"][0]["party"] = "US"
        assert json_errors(doc) == [
            ("$.statements[0].party", "'US' is not a party of the timeline; known parties: UA, RU")
        ]

    def test_rejects_repeated_issue_id(self) -> None:
        """A repeated issue id is reported at the second one."""
        doc = small_doc()
        doc["issues"].append(doc["issues"][0])
        assert json_errors(doc) == [("$.issues[1].id", "Timeline.issues repeats issue id 'years'")]

    def test_rejects_newer_schema(self) -> None:
        """A newer schema says to upgrade."""
        assert json_errors(small_doc() | {"schema": 2}) == [
            (
                "$.schema",
                "schema 2 is not supported: this negotrack reads schema 1 (written by a newer "
                "negotrack: upgrade negotrack)",
            )
        ]

    def test_rejects_older_schema(self) -> None:
        """An unknown older schema is refused too."""
        assert json_errors(small_doc() | {"schema": 0}) == [
            ("$.schema", "schema 0 is not supported: this negotrack reads schema 1")
        ]

    def test_rejects_missing_schema(self) -> None:
        """The schema version is required."""
        doc = small_doc()
        del doc["schema"]
        assert json_errors(doc) == [("$.schema", "required key is missing: write schema = 1")]

    def test_rejects_non_integer_schema(self) -> None:
        """The schema version is an integer."""
        assert json_errors(small_doc() | {"schema": "1"}) == [
            ("$.schema", "'1' must be the schema version, an integer (1)")
        ]

    def test_rejects_text_that_is_not_toml(self) -> None:
        """Text that is not TOML at all says so, with where."""
        err = errors_of("this is not toml", "toml")
        assert err.problems[0].path == "$"
        assert err.problems[0].message.startswith("not valid TOML: ")

    def test_rejects_text_that_is_not_json(self) -> None:
        """Text that is not JSON says so, with line and column."""
        err = errors_of("{'schema': 1}")
        assert err.problems[0].message.startswith("not valid JSON: Expecting property name")

    def test_rejects_repeated_json_key(self) -> None:
        """A key given twice in one JSON object is an error, as it is in TOML."""
        err = errors_of('{"schema": 1, "title": "a", "title": "b"}')
        assert err.problems[0].message == "not valid JSON: key 'title' appears twice in one object"

    def test_rejects_json_nan(self) -> None:
        """NaN is not a number a scenario holds."""
        err = errors_of('{"schema": NaN}')
        assert err.problems[0].message == "not valid JSON: NaN is not a number a scenario may hold"

    def test_rejects_non_table_document(self) -> None:
        """A JSON array is not a scenario."""
        assert json_errors([1, 2]) == [("$", "a scenario document must be a table, not list")]

    def test_rejects_section_that_is_not_a_list(self) -> None:
        """The issues section must be an array of tables."""
        assert json_errors(small_doc() | {"issues": {"id": "x"}})[0] == (
            "$.issues",
            "issues must be an array of tables, not dict",
        )

    def test_rejects_huge_integer(self) -> None:
        """An integer beyond any float is a problem, not a crash."""
        doc = small_doc()
        doc["parties"][0]["capability"] = 10**400
        found = json_errors(doc)
        assert found[0][0] == "$.parties[0].capability"
        assert "too large for a number" in found[0][1]

    def test_rejects_deep_nesting(self) -> None:
        """A deeply nested document is refused with a clear message, not a crash."""
        for text, fmt in (
            ("[" * 100_000 + "]" * 100_000, "json"),
            ("a = " + "[" * 5000 + "]" * 5000, "toml"),
        ):
            err = errors_of(text, fmt)
            assert (
                err.problems[0].message
                == "document is nested more deeply than the limit of 32 levels"
            )

    def test_rejects_moderately_deep_nesting(self) -> None:
        """Nesting beyond MAX_DEPTH but within the parser's reach is refused too."""
        text = json.dumps(
            small_doc()
            | {
                "description": None,
                "issues": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
            }
        )
        assert errors_of(text).problems[0].message.startswith("document is nested more deeply")

    def test_rejects_oversized_text(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Text beyond MAX_BYTES is refused before parsing."""
        monkeypatch.setattr(scenario_module, "MAX_BYTES", 100)
        err = errors_of(json.dumps(small_doc()))
        assert "is larger than the limit of 100" in err.problems[0].message

    def test_rejects_bytes(self) -> None:
        """loads() takes text."""
        with pytest.raises(nt.errors.InvalidTypeError, match="loads\\(\\) takes a str, not bytes"):
            nt.loads(b"schema = 1")  # type: ignore[arg-type]


class TestLoad:
    @pytest.mark.parametrize(
        "name", ["ukraine_dec2025.toml", "wage_negotiation.toml", "climate_finance.toml"]
    )
    def test_reads_bundled_examples(self, name: str, tmp_path: Path) -> None:
        """Each bundled example loads and survives a JSON round trip."""
        path = EXAMPLES / name
        if not path.exists():
            pytest.skip(f"{name} is not in examples/")
        sc = nt.load(path)
        nt.dump(sc, tmp_path / "copy.json")
        assert nt.load(tmp_path / "copy.json") == sc

    def test_chooses_format_by_extension(self, tmp_path: Path) -> None:
        """.json files are read as JSON, .toml as TOML."""
        (tmp_path / "a.json").write_text(json.dumps(small_doc()))
        doc = small_doc()
        (tmp_path / "a.toml").write_text(tomli_w.dumps(doc))
        assert nt.load(tmp_path / "a.json") == nt.load(tmp_path / "a.toml")

    def test_rejects_unknown_extension(self, tmp_path: Path) -> None:
        """A .yaml file is not guessed at."""
        path = tmp_path / "a.yaml"
        path.write_text("schema: 1")
        with pytest.raises(ScenarioError, match=r"cannot tell the format of 'a.yaml'"):
            nt.load(path)

    def test_rejects_non_utf8(self, tmp_path: Path) -> None:
        """A binary file is reported as not UTF-8 text."""
        path = tmp_path / "a.toml"
        path.write_bytes(b"\xff\xfe\x00garbage")
        with pytest.raises(
            ScenarioError,
            match=r"a.toml: \$: file is not UTF-8 text \(invalid start byte at byte 0\)",
        ):
            nt.load(path)

    def test_rejects_oversized_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file beyond MAX_BYTES is refused without reading it all."""
        monkeypatch.setattr(scenario_module, "MAX_BYTES", 10)
        path = tmp_path / "a.json"
        path.write_text(json.dumps(small_doc()))
        with pytest.raises(ScenarioError, match="file is larger than the limit of 10 bytes"):
            nt.load(path)

    def test_missing_file_is_an_os_error(self, tmp_path: Path) -> None:
        """A missing file raises FileNotFoundError, as open() does."""
        with pytest.raises(FileNotFoundError):
            nt.load(tmp_path / "missing.toml")

    def test_problems_name_the_file(self, tmp_path: Path) -> None:
        """Errors from a file carry its name."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(small_doc() | {"schema": 9}))
        with pytest.raises(ScenarioError) as info:
            nt.load(path)
        assert info.value.file == str(path)
        assert str(info.value).startswith(f"{path}: $.schema: schema 9 is not supported")


class TestDump:
    def test_writes_by_extension(self, tmp_path: Path) -> None:
        """A .json target gets JSON, a .toml target TOML."""
        sc = nt.Scenario(title="t", timeline=small_timeline())
        nt.dump(sc, tmp_path / "a.json")
        nt.dump(sc, tmp_path / "a.toml")
        assert json.loads((tmp_path / "a.json").read_text())["title"] == "t"
        assert (tmp_path / "a.toml").read_text().startswith("schema = 1\n")

    def test_failed_replace_leaves_file_untouched(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the final rename fails, the old file is intact and no temporary file is left."""
        path = tmp_path / "a.toml"
        path.write_text("old content")

        def refuse(src: str, dst: str) -> None:
            raise PermissionError(13, "Permission denied", dst)

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(PermissionError):
            nt.dump(nt.Scenario(timeline=small_timeline()), path)
        assert path.read_text() == "old content"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]

    def test_failed_write_leaves_file_untouched(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If writing the data fails (disk full), the old file is intact."""
        path = tmp_path / "a.json"
        path.write_text("old content")

        def full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(OSError, match="No space left"):
            nt.dump(nt.Scenario(timeline=small_timeline()), path)
        assert path.read_text() == "old content"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]

    def test_unwritable_folder_raises_and_creates_nothing(self, tmp_path: Path) -> None:
        """A folder that cannot hold files (its parent is a file) raises OSError."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(NotADirectoryError):
            nt.dump(nt.Scenario(timeline=small_timeline()), blocker / "a.toml")
        assert blocker.read_text() == "x"

    def test_keeps_permissions_of_replaced_file(self, tmp_path: Path) -> None:
        """The new file has the old file's mode, not the temporary file's 0600."""
        path = tmp_path / "a.json"
        path.write_text("{}")
        path.chmod(0o640)
        nt.dump(nt.Scenario(timeline=small_timeline()), path)
        assert path.stat().st_mode & 0o777 == 0o640

    def test_format_overrides_extension(self, tmp_path: Path) -> None:
        """format= writes JSON to a .txt file and reads it back."""
        sc = nt.Scenario(title="t", timeline=small_timeline())
        nt.dump(sc, tmp_path / "a.txt", format="json")
        assert nt.load(tmp_path / "a.txt", format="json") == sc


class TestValidate:
    def test_good_file_has_no_problems(self, tmp_path: Path) -> None:
        """A good file gives an empty list."""
        path = tmp_path / "a.json"
        path.write_text(json.dumps(small_doc()))
        assert nt.validate(path) == []

    def test_returns_every_problem_without_raising(self, tmp_path: Path) -> None:
        """Every problem comes back, each with the file and a $. path."""
        doc = small_doc()
        doc["statements"][0]["party"] = "US"
        doc["parties"][0]["nam"] = "Ukraine"
        path = tmp_path / "a.json"
        path.write_text(json.dumps(doc))
        found = nt.validate(path)
        assert [(p.file, p.path) for p in found] == [
            (str(path), "$.parties[0].nam"),
            (str(path), "$.statements[0].party"),
        ]

    def test_unreadable_file_is_a_problem(self, tmp_path: Path) -> None:
        """A missing file is reported, not raised."""
        found = nt.validate(tmp_path / "missing.toml")
        assert [(p.path, p.message) for p in found] == [
            ("$", "cannot read the file: No such file or directory")
        ]


class TestLoadsReportsEachProblemOnce:
    def test_records_on_a_bad_issue_are_not_reported_again(self) -> None:
        """A statement on an issue that failed is not reported as well."""
        doc = small_doc()
        doc["issues"][0]["scale"]["hi"] = -5
        assert [p for p, _ in json_errors(doc)] == ["$.issues[0].scale.hi"]

    def test_records_naming_a_bad_party_are_not_reported_again(self) -> None:
        """A statement by a party that failed is not reported as well."""
        doc = small_doc()
        doc["parties"][0]["capability"] = "high"
        assert [p for p, _ in json_errors(doc)] == ["$.parties[0].capability"]

    def test_records_citing_a_bad_event_are_not_reported_again(self) -> None:
        """A statement citing an event that failed is not reported as well."""
        doc = small_doc()
        doc["events"][0]["credibility"] = "rumour"
        doc["statements"][0]["date"] = "2025-12-30"
        doc["statements"][0]["cites"] = ["drone-claim"]
        assert [p for p, _ in json_errors(doc)] == ["$.events[0].credibility"]


def reference_depth(value: Any) -> int:
    """Nesting depth by plain recursion (the reference for the level-by-level count)."""
    if isinstance(value, dict):
        return 1 + max((reference_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((reference_depth(v) for v in value), default=0)
    return 0


class TestDepth:
    @given(
        st.recursive(
            st.one_of(st.none(), st.integers(), st.text(max_size=3)),
            lambda inner: st.one_of(
                st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=2), inner, max_size=4)
            ),
            max_leaves=30,
        )
    )
    def test_depth_equals_the_recursive_count(self, doc: Any) -> None:
        """Law: the level-by-level depth equals the recursive definition."""
        assert scenario_module._depth(doc) == reference_depth(doc)

    def test_stops_past_the_limit(self) -> None:
        """A document nested past MAX_DEPTH is refused with its problem named."""
        doc: Any = 1
        for _ in range(scenario_module.MAX_DEPTH + 5):
            doc = [doc]
        assert scenario_module._depth(doc) == scenario_module.MAX_DEPTH + 1
        with pytest.raises(ScenarioError, match="nested more deeply"):
            nt.loads(json.dumps({"schema": 1, "title": doc}), format="json")


class TestCompactArrays:
    def test_writes_short_arrays_on_one_line(self) -> None:
        """Regions and label lists read as people write them."""
        text = nt.dumps(nt.Scenario(timeline=small_timeline()))
        assert "acceptable = [[15, 100]]" in text

    def test_keeps_text_whose_strings_would_be_changed(self) -> None:
        """A label that looks like array punctuation is never rewritten."""
        text = 'a = [\n    "x, ]",\n    "[ y",\n]\n'
        assert compact_arrays(text) == text

    def test_joins_arrays_of_plain_strings(self) -> None:
        """An array of strings that joining cannot change is written on one line."""
        text = 'a = [\n    "x",\n    "y z",\n]\nb = [\n    1,\n    2,\n]\n'
        assert compact_arrays(text) == 'a = ["x", "y z"]\nb = [1, 2]\n'

    @given(
        st.lists(
            st.one_of(st.text(max_size=8), st.integers(), st.lists(st.integers(), max_size=3)),
            min_size=1,
            max_size=6,
        )
    )
    def test_compacting_never_changes_what_the_text_parses_to(self, items: list[Any]) -> None:
        """Law: the compacted text parses to the same data (no full re-parse checks it now)."""
        text = tomli_w.dumps({"a": items, "b": {"c": items}})
        compact = compact_arrays(text)
        assert tomllib.loads(compact) == tomllib.loads(text)

    @given(nts.scenarios())
    def test_compacting_a_scenario_keeps_its_data(self, scenario: nt.Scenario) -> None:
        """Law: a scenario's TOML reads back to the same data as tomli-w's own text."""
        doc = scenario_module._document(scenario, native_dates=True)
        assert tomllib.loads(nt.dumps(scenario)) == tomllib.loads(tomli_w.dumps(doc))
