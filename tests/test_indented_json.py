"""Tests of negotrack.io._indented_json: the same text as json's indented encoder, faster."""

from __future__ import annotations

import datetime
import json
import math
from collections import OrderedDict
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.io import _indented_json
from negotrack.io._indented_json import indented_chunks
from negotrack.io.reports import timeline_document
from negotrack.io.reports.documents import plain
from negotrack.io.reports.writers import json as json_writer
from negotrack.testing.strategies import scenarios

REFERENCE = json.JSONEncoder(indent=2, ensure_ascii=False)


class Label(str):
    """A str subclass, as enums and other libraries make."""


class Count(int):
    """An int subclass."""


#: Strings with what JSON escapes, quotes and brackets, the placeholder-like NUL and the
#: ``%`` of templates.
texts = st.text(alphabet=st.sampled_from('ab"\\\n\t\x00é€😀[]{},:% '), max_size=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
#: Plain JSON data (tuples too: json writes them as lists).
plain_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(texts, inner, max_size=4),
    ),
    max_leaves=30,
)
#: What report documents may hold besides plain data (``plain`` converts it).
odd = st.one_of(
    st.dates(),
    st.frozensets(st.integers(0, 3), max_size=3),
    texts.map(Label),
    st.integers(-5, 5).map(Count),
    st.dictionaries(st.one_of(st.integers(0, 3), st.booleans(), st.none()), scalars, max_size=3),
    st.dictionaries(texts, scalars, max_size=3).map(OrderedDict),
)
report_data = st.recursive(
    st.one_of(scalars, odd),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(texts, inner, max_size=4),
    ),
    max_leaves=30,
)


def joined(value: Any, convert: Any = None) -> str:
    return "".join(indented_chunks(value, convert))


class TestSameTextAsJson:
    @given(plain_data)
    def test_indented_chunks_are_json_dumps_indent_2(self, value: Any) -> None:
        """Law: the pieces joined are json.dumps(value, indent=2, ensure_ascii=False)."""
        assert joined(value) == json.dumps(value, indent=2, ensure_ascii=False)

    @given(report_data)
    def test_with_plain_they_are_json_dumps_of_plain(self, value: Any) -> None:
        """Law: with ``convert=plain`` the text is that of json.dumps(plain(value), indent=2)."""
        assert joined(value, plain) == REFERENCE.encode(plain(value))

    @given(scenarios())
    def test_report_and_scenario_json_are_byte_identical_to_json_dumps(
        self, scenario: nt.Scenario
    ) -> None:
        """Law: a drawn timeline report and scenario file are the reference encoder's text."""
        doc = timeline_document(scenario.timeline, title=scenario.title)
        assert json_writer.write(doc) == REFERENCE.encode(plain(doc))
        written = nt.dumps(scenario, "json")
        assert written == REFERENCE.encode(json.loads(written)) + "\n"

    def test_a_string_like_a_placeholder_is_written_as_itself(self) -> None:
        """Strings holding NUL, quotes and brackets come out escaped as json escapes them."""
        value = {"a": ["\x000\x00", '"a": [1]'], '"a"': [[1, 2]], "b": [[1, 2]]}
        assert joined(value) == json.dumps(value, indent=2, ensure_ascii=False)

    def test_unknown_objects_raise_type_error_as_json_does(self) -> None:
        """Without ``convert``, a value json cannot write raises json's TypeError."""
        with pytest.raises(TypeError, match="not JSON serializable"):
            joined({"on": [datetime.date(2025, 1, 1)]})

    def test_infinities_are_null_with_plain_and_infinity_without(self) -> None:
        """``plain`` turns infinities into null; without it they are written as json does."""
        assert joined([1.5, float("inf")], plain) == "[\n  1.5,\n  null\n]"
        assert joined([1.5, float("inf")]) == "[\n  1.5,\n  Infinity\n]"


#: Values of one kind each: a key whose values are all of one kind is written a column at
#: a time by one C function (floats only when all are finite).
one_kind = st.sampled_from(
    [
        st.floats(allow_nan=False, allow_infinity=False),
        st.one_of(st.floats(), st.sampled_from([math.inf, -math.inf, math.nan])),
        st.integers(min_value=-(10**20), max_value=10**20),
        texts,
        st.booleans(),
        st.none(),
        st.lists(st.lists(st.floats(allow_nan=False), min_size=2, max_size=2), max_size=3),
        st.lists(st.integers(0, 9), max_size=3).map(tuple),
        st.dictionaries(texts, scalars, max_size=3),
        texts.map(Label),
        plain_data,
    ]
)


def _runs(
    value_kinds: st.SearchStrategy[st.SearchStrategy[Any]],
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Draw runs of dicts with the same keys in the same order (the records of a report).

    Each key's values are drawn from a strategy drawn from ``value_kinds``.
    """
    return st.lists(
        st.tuples(texts, value_kinds), min_size=1, max_size=5, unique_by=lambda kv: kv[0]
    ).flatmap(
        lambda columns: st.lists(
            st.fixed_dictionaries(dict(columns)), min_size=RUN - 2, max_size=3 * RUN
        )
    )


RUN = _indented_json._MIN_RUN


def _record_lists(odd_items: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    """Draw records of one shape, runs broken by other items, as reports mix record types."""
    return st.lists(
        st.one_of(_runs(one_kind), _runs(st.just(plain_data)), st.lists(odd_items, max_size=2)),
        min_size=1,
        max_size=3,
    ).map(lambda parts: [x for part in parts for x in part])


class TestRecordsAColumnAtATime:
    """Runs of same-keyed dicts are written a column at a time: the same text."""

    @given(_record_lists(plain_data))
    def test_runs_of_records_are_json_dumps_indent_2(self, records: list[Any]) -> None:
        """Law: at every depth, a list of records is written as json.dumps writes it."""
        for value in ({"records": records}, records, {"a": [{"b": records}]}):
            reference = json.dumps(value, indent=2, ensure_ascii=False)
            assert joined(value) == reference
            with mock.patch.object(_indented_json, "_RUN_BATCH", RUN):  # runs cut by batches
                assert joined(value) == reference

    @given(_record_lists(report_data))
    def test_runs_of_report_records_are_json_dumps_of_plain(self, records: list[Any]) -> None:
        """Law: with ``convert=plain``, runs of records are json.dumps of ``plain`` of them."""
        value = {"records": records}
        assert joined(value, plain) == REFERENCE.encode(plain(value))

    def test_a_long_record_list_is_written_whole(self) -> None:
        """Every record of a list longer than a batch is written (no batch is dropped)."""
        records = [{"i": i, "x": [[i / 3, i]], "s": f"{i}%s"} for i in range(3 * 4096 + 5)]
        value = {"records": records, "tail": [records[:9]]}
        assert joined(value) == json.dumps(value, indent=2, ensure_ascii=False)
