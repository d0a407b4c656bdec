"""Laws of the fast reading of scenario files (issue 18): it gives what the careful one gives.

A large record is read by shortcuts: statements of the common shape a field at a time
(``serialization.common_statements``), records without cattrs' detailed validation, the
nesting of a document measured only when reading it fails. The careful reading is the one
without them: every record read by the detailed-validation converter, the nesting measured
before anything is read. On any document, sound or broken, both give the same scenario or
the same problems (paths and messages).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import hypothesis.strategies as st
import pytest
from benchmarks import bench_store
from hypothesis import given

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import ScenarioError
from negotrack.io import _json_parts, scenario, serialization
from negotrack.model._build import many_builder
from negotrack.testing import strategies as nts
from test_serialization import WRONG_VALUES  # shared with the serialization tests


def _depth_first(doc: Any, base: nt.Timeline | None = None) -> Any:
    """Read as the careful reading does: the nesting measured before anything is read."""
    if scenario._depth(doc) > scenario.MAX_DEPTH:
        raise scenario._too_deep()
    return scenario._read(doc, base)


@contextlib.contextmanager
def careful_reading() -> Iterator[None]:
    """Read without the shortcuts: no field-at-a-time statements, no fast converter."""
    with (
        mock.patch.object(serialization, "common_statements", return_value=None),
        mock.patch.object(serialization, "_fast_converter", serialization.converter),
        mock.patch.object(scenario, "_read_checked", _depth_first),
        mock.patch.object(scenario, "_read_in_parts", return_value=None),
    ):
        yield


@contextlib.contextmanager
def in_parts(size: int) -> Iterator[None]:
    """Read every JSON document that can be read in parts so, in parts of ``size`` characters."""
    with (
        mock.patch.object(scenario, "_PARTS_FROM", 0),
        mock.patch.object(scenario, "_PART_CHARS", size),
    ):
        yield


def outcome(text: str, fmt: scenario.Format) -> tuple[str, Any]:
    """Return what reading gives: the scenario, or every problem's path and message."""
    try:
        return "read", nt.loads(text, format=fmt)
    except ScenarioError as err:
        return "refused", [(p.path, p.message) for p in err.problems]


def careful_outcome(text: str, fmt: scenario.Format) -> tuple[str, Any]:
    with careful_reading():
        return outcome(text, fmt)


#: What a broken document may hold in place of a sound value: the serialization tests'
#: wrong types, empty or off-scale values, lone surrogate, huge numbers and bad dates, and
#: more shapes the fast reader handles on its own (nesting beyond MAX_DEPTH among them).
BAD_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        *WRONG_VALUES,
        [[0, 1], [1, 2, 3]],
        "confirmed ",
        2.0,
        {"title": 5},
        json.loads("[" * 40 + "]" * 40),
        json.loads('{"a": ' * 40 + "1" + "}" * 40),
    ]
)


def _places(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a document's records, where a value can change."""
    out: list[tuple[Any, Any]] = []
    stack = [doc[k] for k in ("events", "statements", "conditions") if k in doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            out.extend((node, k) for k in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            out.extend((node, i) for i in range(len(node)))
            stack.extend(node)
    return out


class TestSoundDocuments:
    @given(nts.scenarios(), st.sampled_from(["json", "toml"]))
    def test_fast_reading_equals_careful_reading(self, sc: nt.Scenario, fmt: Any) -> None:
        """Law: a sound document reads to the same scenario as the careful reading gives."""
        text = nt.dumps(sc, format=fmt)
        assert outcome(text, fmt) == careful_outcome(text, fmt) == ("read", sc)

    @given(nts.scenarios())
    def test_common_statements_equal_their_careful_readings(self, sc: nt.Scenario) -> None:
        """Law: every statement the field-at-a-time reading gives is the careful reading's."""
        items = json.loads(nt.dumps(sc, format="json"))["statements"]
        read = serialization.common_statements(items, issues=sc.timeline)
        assert read is not None  # a sound list is always read this way
        for item, statement in zip(items, read, strict=True):
            if statement is not None:
                assert statement == serialization.structure(item, nt.Statement, issues=sc.timeline)

    def test_a_large_record_is_read_a_field_at_a_time(self) -> None:
        """The benchmark's statements are all of the common shape, and read as the converter does."""
        tl = bench_store.build(300)
        items = json.loads(nt.dumps(nt.Scenario(timeline=tl), format="json"))["statements"]
        read = serialization.common_statements(items, issues=tl)
        assert read is not None
        assert None not in read
        assert read == [serialization.structure(i, nt.Statement, issues=tl) for i in items]
        assert read == list(tl.statements)


class TestBrokenDocuments:
    @given(nts.scenarios(), st.data())
    def test_broken_document_gives_the_careful_readings_problems(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Law: a document with one value broken gives the careful reading's outcome.

        The same problems (paths and messages), in the same order, or the same scenario if
        the change left it sound; nesting beyond MAX_DEPTH anywhere is refused as such.
        """
        doc = json.loads(nt.dumps(sc, format="json"))
        places = _places(doc)
        if not places:
            return
        holder, key = data.draw(st.sampled_from(places))
        change = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if change == "remove":
            del holder[key]
        elif change == "add" and isinstance(holder, dict):
            holder[f"{key}x"] = data.draw(BAD_VALUES)
        else:
            holder[key] = data.draw(BAD_VALUES)
        text = json.dumps(doc)
        assert outcome(text, "json") == careful_outcome(text, "json")

    @given(nts.scenarios(), st.data())
    def test_a_broken_statement_among_sound_ones_is_named_as_before(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Law: one broken statement in a list of sound ones gives the careful problems."""
        doc = json.loads(nt.dumps(sc, format="json"))
        items = doc["statements"]
        if not items:
            return
        item = items[data.draw(st.integers(0, len(items) - 1))]
        holder = data.draw(st.sampled_from([item, item["position"]]))
        holder[data.draw(st.sampled_from(sorted(holder)))] = data.draw(BAD_VALUES)
        text = json.dumps(doc)
        assert outcome(text, "json") == careful_outcome(text, "json")


@pytest.mark.parametrize("where", ["title", "statements", "note"])
def test_nesting_beyond_the_limit_is_refused_whatever_else_is_wrong(where: str) -> None:
    """A document nested too deeply is refused as such, even where reading fails otherwise."""
    deep = json.loads("[" * 40 + "]" * 40)
    text = json.dumps({"schema": 1, "titel": "x", where: deep})
    assert outcome(text, "json") == careful_outcome(text, "json")
    assert outcome(text, "json")[1][0][1].startswith("document is nested more deeply")


def test_a_sound_document_is_far_shallower_than_the_limit() -> None:
    """Why the nesting need not be measured when reading succeeds: sound files are shallow."""
    for path in ("examples/ukraine_dec2025.toml", "examples/wage_negotiation.toml"):
        doc = scenario._parse(Path(path).read_text(encoding="utf-8"), "toml")
        assert scenario._depth(doc) <= 8 < scenario.MAX_DEPTH


def _made_or_refused(cls: Any, values: dict[str, Any]) -> Any:
    """Return ``[cls(**values)]``, or the type and message of the error it raises."""
    try:
        return [cls(**values)]
    except nt.NegotrackError as err:
        return (type(err), str(err))


def _built_or_refused(cls: Any, names: Sequence[str], values: dict[str, Any]) -> Any:
    """Return what ``many_builder`` builds of one row, or the type and message of its error."""
    try:
        return many_builder(cls, names)(*[[values[n]] for n in names])
    except nt.NegotrackError as err:
        return (type(err), str(err))


class TestManyBuilder:
    """``model._build.many_builder``: the constructor's result, built a field at a time."""

    @given(nts.timelines(max_statements=6))
    def test_built_statements_equal_constructed_ones(self, tl: nt.Timeline) -> None:
        """Law: building from the leading fields' columns gives what the constructor gives."""
        drawn = list(tl.statements)
        names = serialization._COMMON_STATEMENT
        columns = [[getattr(s, name) for s in drawn] for name in names]
        built = many_builder(nt.Statement, names)(*columns)
        expected = [nt.Statement(**{n: getattr(s, n) for n in names}) for s in drawn]
        assert built == expected
        assert [repr(b) for b in built] == [repr(e) for e in expected]

    @given(
        nts.timelines(min_statements=1, max_statements=1),
        st.sampled_from(serialization._COMMON_STATEMENT),
        BAD_VALUES,
    )
    def test_a_bad_value_raises_the_constructors_error(
        self, tl: nt.Timeline, field: str, bad: Any
    ) -> None:
        """Law: a value the constructor refuses is refused with the same error and message."""
        names = serialization._COMMON_STATEMENT
        values = {n: getattr(tl.statements[0], n) for n in names} | {field: bad}
        assert _built_or_refused(nt.Statement, names, values) == _made_or_refused(
            nt.Statement, values
        )

    def test_a_class_with_default_factories_is_refused(self) -> None:
        """Event's revises defaults to a new dict per event: it cannot be built field by field."""
        with pytest.raises(TypeError, match=r"cannot build Event field by field \(\['revises'\]\)"):
            many_builder(nt.Event, ["id", "date", "title"])

    @given(st.lists(nts.sources(), max_size=6), st.booleans())
    def test_built_sources_equal_constructed_ones(self, drawn: list[nt.Source], raw: bool) -> None:
        """Law: a class with converters is built as its constructor builds it, values converted.

        The kinds are given as their texts when ``raw``: the converter makes them kinds.
        """
        names = [f.name for f in attrs.fields(nt.Source)]
        rows = [
            {n: getattr(s, n) for n in names} | ({"kind": s.kind.value} if raw else {})
            for s in drawn
        ]
        built = many_builder(nt.Source, names)(*[[row[n] for row in rows] for n in names])
        expected = [nt.Source(**row) for row in rows]
        assert built == expected
        assert [type(b.kind) for b in built] == [nt.SourceKind] * len(drawn)

    @given(nts.sources(), st.sampled_from(["title", "url", "date", "kind"]), BAD_VALUES)
    def test_a_bad_source_value_raises_the_constructors_error(
        self, source: nt.Source, field: str, bad: Any
    ) -> None:
        """Law: a value the constructor or a converter refuses is refused with its error."""
        names = [f.name for f in attrs.fields(nt.Source)]
        values = {n: getattr(source, n) for n in names} | {field: bad}
        assert _built_or_refused(nt.Source, names, values) == _made_or_refused(nt.Source, values)

    def test_the_fields_left_out_take_their_converted_defaults(self) -> None:
        """A field not given a column takes its default, through its converter."""
        (built,) = many_builder(nt.Source, ["title"])(["Plan"])
        assert built == nt.Source(title="Plan")
        assert built.kind is nt.SourceKind.MEDIA

    def test_columns_of_unequal_length_are_refused(self) -> None:
        """Every object gets every field: columns of different lengths are an error."""
        build = many_builder(nt.Party, ["id"])
        with pytest.raises(TypeError, match="columns of one length"):
            build(["UA"], ["x"])


def _revises_or_fulfils(sc: nt.Scenario) -> bool:
    return any(e.revises or e.fulfils for e in sc.timeline.events)


#: Values of every type a scenario file holds, and NaN, infinities and large integers.
_ANY_VALUE = st.one_of(
    st.text(max_size=5),
    st.floats(),
    st.integers(-(2**60), 2**60),
    st.booleans(),
    st.none(),
)


class TestColumns:
    """``serialization._read_column``: a column of values read by its field's hook."""

    @pytest.mark.parametrize("cl", list(serialization._UNCHANGED))
    @given(values=st.lists(_ANY_VALUE, max_size=6))
    def test_unchanged_values_are_the_hooks_own(self, cl: Any, values: list[Any]) -> None:
        """Law: the hook of a field's type returns each value of its unchanged types as it is.

        So a column of only those is the hook's column; any other value goes through the
        hook, which reads or refuses it as it does alone.
        """
        hook = serialization._fast_converter().get_structure_hook(cl)
        for v in values:
            if type(v) in serialization._UNCHANGED[cl]:
                assert hook(v, cl) is v

    @pytest.mark.parametrize("cl", list(serialization._BY_FUNCTION))
    @given(values=st.lists(st.one_of(_ANY_VALUE, st.just(10**400)), max_size=6))
    def test_values_read_by_a_function_are_the_hooks(self, cl: Any, values: list[Any]) -> None:
        """Law: the hook reads each value of the function's types as the function does.

        Or refuses one the function cannot read (an integer too large for a float).
        """
        hook = serialization._fast_converter().get_structure_hook(cl)
        types, read = serialization._BY_FUNCTION[cl]
        for v in values:
            if type(v) in types:
                try:
                    expected = read(v)
                except OverflowError:
                    with pytest.raises(nt.NegotrackError):
                        hook(v, cl)
                else:
                    assert _read_or_refused(lambda v=v: [hook(v, cl)]) == [
                        (expected, type(expected))
                    ]

    @given(
        values=st.lists(
            st.one_of(_ANY_VALUE, st.just(10**400), st.just(serialization._ABSENT)), max_size=6
        )
    )
    def test_a_column_is_each_value_read(self, values: list[Any]) -> None:
        """Law: _read_column gives each value as the hook reads it, or the hook's error.

        And the default for each value left out.
        """
        absent, default = serialization._ABSENT, object()
        for cl in serialization._UNCHANGED:
            hook = serialization._fast_converter().get_structure_hook(cl)

            def each(hook: Any = hook, cl: Any = cl) -> Any:
                return [default if v is absent else hook(v, cl) for v in values]

            def column(hook: Any = hook, cl: Any = cl) -> Any:
                return serialization._read_column(list(values), hook, cl, default)

            assert _read_or_refused(column) == _read_or_refused(each)

    def test_absent_values_take_the_default(self) -> None:
        """A value the documents leave out takes the field's default."""
        absent = serialization._ABSENT
        hook = serialization._fast_converter().get_structure_hook(float)
        assert serialization._read_column([0.5, absent], hook, float, 1.0) == [0.5, 1.0]


def _read_or_refused(read: Any) -> Any:
    """Return what ``read()`` gives (with each value's type), or its error's type and text."""
    try:
        values = read()
    except Exception as err:
        return type(err), str(err)
    return [(v, type(v)) for v in values]


def _parsed_or_refused(parse: Any, text: str) -> Any:
    """Return what a part parses to, or that it is refused (the whole reading words why)."""
    try:
        return "parsed", parse(text)
    except Exception:
        return "refused"


@st.composite
def _part_texts(draw: st.DrawFn) -> str:
    """Draw a part of a statements array as negotrack writes it, perhaps altered in one place.

    A member line given twice (a key twice in a statement, position or source), or a
    ``:`` or an escaped colon put into a string.
    """
    sc = draw(nts.scenarios())
    written = nt.dumps(sc, format="json")
    cut = _json_parts.split(written)
    contents = written[cut[1] : cut[2]] if cut is not None else ""
    parts = list(_json_parts.parts(contents, draw(st.integers(1, 400)))) or ["[]"]
    text = draw(st.sampled_from(parts))
    lines = text.split("\n")
    change = draw(st.sampled_from(["none", "member twice", "colon", "escaped colon"]))
    members = [i for i, line in enumerate(lines) if line.lstrip().startswith('"')]
    if change == "member twice" and members:
        i = draw(st.sampled_from(members))
        lines.insert(i, lines[i] if lines[i].endswith(",") else lines[i] + ",")
    elif change != "none":
        strings = [i for i in members if re.search(r': ".*",?$', lines[i])]
        if strings:
            i = draw(st.sampled_from(strings))
            put = {"colon": ":", "escaped colon": "\\u003a"}[change]
            lines[i] = re.sub(r'": "', '": "' + put.replace("\\", "\\\\"), lines[i], count=1)
    return "\n".join(lines)


class TestReadingInParts:
    """A large JSON file's statements parsed and read a part at a time: the same reading."""

    @given(_part_texts())
    def test_a_part_parses_as_with_the_duplicate_key_hook(self, text: str) -> None:
        """Law: a part parses to what the duplicate-key hook's parsing gives, or is refused.

        With a key given twice anywhere, a ``:`` in a string (so the count no longer
        matches the members found) or an escaped colon.
        """
        hooked = _parsed_or_refused(lambda t: scenario._parse(t, "json"), text)
        assert _parsed_or_refused(scenario._statement_part, text) == hooked

    def test_a_key_given_twice_in_a_part_is_refused(self) -> None:
        """A statement, position or source with a key given twice is refused, not read."""
        tl = bench_store.build(3)
        written = nt.dumps(nt.Scenario(timeline=tl), format="json")
        cut = _json_parts.split(written)
        assert cut is not None
        text = "[" + written[cut[1] : cut[2]] + "]"
        assert scenario._statement_part(text) == json.loads(text)
        for key in ('"party"', '"salience"', '"title"'):
            line = next(x for x in text.split("\n") if x.lstrip().startswith(key))
            twice = text.replace(line, line.rstrip(",") + ",\n" + line, 1)
            assert len(json.loads(twice)) == 3  # json keeps the last
            with pytest.raises(ScenarioError, match="appears twice"):
                scenario._statement_part(twice)

    @given(nts.scenarios(), st.integers(1, 400))
    def test_reading_in_parts_equals_reading_whole(self, sc: nt.Scenario, size: int) -> None:
        """Law: a file negotrack wrote reads to the same scenario in parts as whole.

        It is read in parts whenever it has statements and no event revises or fulfils a
        record (those are placed by all the file's record ids).
        """
        text = nt.dumps(sc, format="json")
        with in_parts(size):
            read = scenario._read_in_parts(text)
            assert nt.loads(text, format="json") == sc
        if read is None:  # nothing to cut, events placed by all record ids, or a NUL (split)
            assert not sc.timeline.statements or _revises_or_fulfils(sc) or "\\u0000" in text
        else:
            assert read == sc

    @given(nts.scenarios(), st.integers(1, 400))
    def test_the_parts_joined_are_the_statements(self, sc: nt.Scenario, size: int) -> None:
        """Law: the head holds the marker in place of the statements; the parts' items are them.

        Cut from the contents, or from the text between the bounds split gives.
        """
        text = nt.dumps(sc, format="json")
        cut = _json_parts.split(text)
        if not sc.timeline.statements:
            return
        if cut is None:  # the head would hold a NUL besides the marker's
            assert "\\u0000" in text
            return
        head, begin, end = cut
        contents = text[begin:end]
        expected = json.loads(text)
        assert json.loads(head) == expected | {"statements": [_json_parts.MARKER]}
        parts = [json.loads(p) for p in _json_parts.parts(contents, size)]
        assert [x for p in parts for x in p] == expected["statements"]
        assert all(parts)
        assert len(parts) == 1 or size < len(contents)
        in_text = list(_json_parts.parts(f"x{text}y", size, begin + 1, end + 1))
        assert in_text == list(_json_parts.parts(contents, size))  # cut from the text itself

    @given(nts.scenarios(), st.data())
    def test_a_broken_document_gives_the_whole_readings_problems(
        self, sc: nt.Scenario, data: st.DataObject
    ) -> None:
        """Law: a broken file laid out as negotrack writes gives what reading it whole gives."""
        doc = json.loads(nt.dumps(sc, format="json"))
        places = _places(doc)
        if not places:
            return
        holder, key = data.draw(st.sampled_from(places))
        holder[key] = data.draw(BAD_VALUES)
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        with in_parts(data.draw(st.integers(1, 400))):
            got = outcome(text, "json")
        assert got == outcome(text, "json")

    def test_the_benchmark_record_is_read_in_parts(self) -> None:
        """A large record of the common shape is read in parts: the record it was written from."""
        sc = nt.Scenario(title="bench", timeline=bench_store.build(3000))
        text = nt.dumps(sc, format="json")
        cut = _json_parts.split(text)
        assert cut is not None
        assert len(list(_json_parts.parts(text, 20_000, cut[1], cut[2]))) > 10
        with in_parts(20_000):
            assert scenario._read_in_parts(text) == sc

    @pytest.mark.parametrize(
        "layout",
        [
            json.dumps,
            lambda doc: json.dumps(doc, indent=4),
            lambda doc: json.dumps(doc | {"note": "a\x00b"}, indent=2),
        ],
        ids=["compact", "indented by four", "holding a NUL"],
    )
    def test_a_document_laid_out_otherwise_is_read_whole(self, layout: Any) -> None:
        """Compact files, other indentations and files holding a NUL are not cut."""
        sc = nt.Scenario(title="bench", timeline=bench_store.build(50))
        text = layout(json.loads(nt.dumps(sc, format="json")))
        with in_parts(100):
            assert scenario._read_in_parts(text) is None
            read = outcome(text, "json")
        assert read[0] == "read"  # a sound file, read whole
        assert read == careful_outcome(text, "json")

    def test_a_marker_spelled_otherwise_is_not_taken_for_the_statements(self) -> None:
        """A string equal to the marker, spelled with other escapes, cannot pass for it.

        Here the array cut out is a table's ``statements`` nested in the file, and the
        file's own statements are the marker spelled otherwise: the head would hold the
        marker where the statements are, but it holds two NULs, so the file is not cut.
        """
        spelled = json.dumps(_json_parts.MARKER).replace("n", "\\u006e", 1)
        assert json.loads(spelled) == _json_parts.MARKER
        sc = nt.Scenario(title="bench", timeline=bench_store.build(20))
        doc = json.loads(nt.dumps(sc, format="json"))
        nested = json.dumps({"statements": doc["statements"]}, indent=2)
        doc["statements"] = ["placeholder"]
        text = json.dumps(doc, indent=2).replace('"placeholder"', spelled)
        text = text.replace('\n  "title"', f'\n  "x": {nested},\n  "title"', 1)
        assert text.index('"x"') < text.index(_json_parts._OPEN) < text.index(spelled)
        with in_parts(100):
            assert _json_parts.split(text) is None
            assert outcome(text, "json") == careful_outcome(text, "json")

    def test_events_that_revise_records_are_read_whole(self) -> None:
        """An event revising a statement of its file is placed after it: the file is read whole.

        (Read in parts, the event would be refused, naming a statement not yet read, and
        the file read again whole: it is refused at once.)
        """
        tl = bench_store.build(20)
        first = tl.statements[0]
        assert first.id is not None
        tl.add(nt.Event(id="denial", date=first.date, title="Denied", revises={first.id: "denied"}))
        sc = nt.Scenario(title="bench", timeline=tl)
        written = nt.dumps(sc, format="json")
        with (
            in_parts(100),
            mock.patch.object(scenario, "_statement_part", wraps=scenario._statement_part) as part,
        ):
            assert scenario._read_in_parts(written) is None
            assert part.call_count == 0  # refused before any statement is parsed
            assert nt.loads(written, format="json") == sc


def test_a_large_file_reads_in_parts_by_default_and_reports_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file over the threshold, written by negotrack, is read in parts by the command.

    Its timeline, validation and every record are what reading it whole gives.
    """
    sc = nt.Scenario(title="large", timeline=bench_store.build(3000))
    path = tmp_path / "record.json"
    nt.dump(sc, path)
    assert path.stat().st_size > scenario._PARTS_FROM
    texts = []
    read_in_parts = scenario._read_in_parts
    returned: list[Any] = []

    def spy(text: str) -> Any:
        returned.append(read_in_parts(text))
        return returned[-1]

    for whole in (False, True):
        returned.clear()
        limit = 10**12 if whole else scenario._PARTS_FROM
        with (
            mock.patch.object(scenario, "_PARTS_FROM", limit),
            mock.patch.object(scenario, "_read_in_parts", spy),
        ):
            assert nt.load(path) == sc
            assert main(["timeline", str(path), "--format", "markdown"]) == 0
            assert main(["validate", str(path)]) == 0
        assert len(returned) == 3
        assert all((r is None) == whole for r in returned)
        texts.append(capsys.readouterr().out)
    assert texts[0] == texts[1]
