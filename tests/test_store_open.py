"""Tests of opening a negotrack store: every record read back and checked again, quickly."""

from __future__ import annotations

import datetime
import gc
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.errors import NegotrackError, ScenarioError, StoreError
from negotrack.io import serialization
from negotrack.testing import strategies as nts
from test_store import statement

YEARS = nt.NumericScale(0, 100, unit="years")
TIERS = nt.OrdinalScale(["none", "assurances", "force"])
DAY = datetime.date(2025, 12, 28)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Return a store holding one issue, one party and three statements."""
    p = tmp_path / "talks.db"
    with nt.Store(p, durable=False) as store:
        store.add(nt.Issue("years", YEARS))
        store.add(nt.Party("UA"))
        for ideal in (50, 40, 30):
            store.add(statement(ideal))
    return p


def tamper(
    path: Path, doc: dict[str, Any] | str, *, kind: str = "statement", rid: str | None = None
) -> int:
    """Append a row behind the store's back (as another tool could); return its seq.

    Its id and date columns agree with the document where it has them, so the row gets past
    the column check and meets the record rules.
    """
    text = doc if isinstance(doc, str) else json.dumps(doc)
    if rid is None:
        rid = doc.get("id", "x") if isinstance(doc, dict) else "x"
    date = doc.get("date", "2025-12-28") if isinstance(doc, dict) else "2025-12-28"
    conn = sqlite3.connect(path)
    try:
        cur = conn.execute(
            "INSERT INTO records (kind, id, date, doc) VALUES (?, ?, ?, ?)",
            (kind, str(rid), str(date), text),
        )
        conn.commit()
        assert cur.lastrowid is not None
        return cur.lastrowid
    finally:
        conn.close()


def good_doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = serialization.unstructure(statement(60, id="s9"))
    doc.update(changes)
    return doc


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Make sure the cyclic garbage collector is on during the test, and after it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


class TestOpen:
    @given(nts.scenarios(), st.booleans())
    def test_reopened_store_equals_its_timeline(self, sc: nt.Scenario, one_by_one: bool) -> None:
        """A store opened again holds exactly the timeline built directly from its records."""
        tl = sc.timeline
        direct = nt.Timeline(issues=tl.issues, parties=tl.parties, records=tl.records)
        with tempfile.TemporaryDirectory() as folder:
            p = Path(folder) / "s.db"
            with nt.Store(p, durable=False) as store:
                if one_by_one:
                    for item in (*tl.issues, *tl.parties, *tl.records):
                        store.add(item)
                else:
                    store.import_scenario(sc)
            with nt.Store(p, create=False) as again:
                back = again.timeline()
        assert back == direct
        assert back.records == direct.records
        assert [type(r) for r in back.records] == [type(r) for r in direct.records]

    def test_reads_records_added_by_another_process_since(self, path: Path) -> None:
        """An open store reads the rows appended since it last looked, checked the same way."""
        with nt.Store(path) as store, nt.Store(path) as other:
            other.add(statement(20))
            assert [s.position.ideal for s in store.timeline().statements] == [50, 40, 30, 20]

    def test_leaves_the_garbage_collector_on(self, path: Path, collector_on: None) -> None:
        """Opening pauses the cyclic collector only while it reads, then switches it back on."""
        nt.Store(path).close()
        assert gc.isenabled()

    def test_large_store_reads_back_with_the_collector_on(
        self, tmp_path: Path, collector_on: None
    ) -> None:
        """A store large enough for its records to be promoted reads back whole, collector on."""
        tl = nt.Timeline(issues=[nt.Issue("years", YEARS)], parties=[nt.Party("UA")])
        for k in range(2_500):
            tl.add(statement(15 + k % 80, date=DAY + datetime.timedelta(days=k % 40)))
        p = tmp_path / "large.db"
        with nt.Store(p, durable=False) as store:
            store.import_scenario(nt.Scenario(title="", description="", timeline=tl))
        with nt.Store(p) as again:
            assert again.timeline() == tl
        assert gc.isenabled()

    def test_leaves_the_garbage_collector_off_when_it_was_off(self, path: Path) -> None:
        """A caller who switched the collector off finds it still off."""
        was = gc.isenabled()
        gc.disable()
        try:
            nt.Store(path).close()
            assert not gc.isenabled()
        finally:
            if was:
                gc.enable()

    def test_collector_is_back_on_after_a_rejected_record(
        self, path: Path, collector_on: None
    ) -> None:
        """A refused row does not leave the collector paused."""
        tamper(path, good_doc(party="RU"))
        with pytest.raises(StoreError):
            nt.Store(path)
        assert gc.isenabled()


class TestTamperedRecords:
    """Rows written behind the store's back are checked by the same rules, and named."""

    def test_rejects_an_ideal_outside_its_region(self, path: Path) -> None:
        """A position whose ideal lies outside its acceptable region names record and field."""
        seq = tamper(path, good_doc(position={"ideal": 5, "acceptable": [[15, 100]]}))
        with pytest.raises(StoreError) as info:
            nt.Store(path)
        assert f"is corrupt: record {seq} cannot be read" in str(info.value)
        assert "$.position.ideal: 5 is outside acceptable region [15, 100]" in str(info.value)

    def test_names_every_bad_interval_of_a_region(self, path: Path) -> None:
        """A region with bad intervals names the first by index and counts the others."""
        bad = {"ideal": 50, "acceptable": [[15, 100], [120, 130], [60, 40]]}
        seq = tamper(path, good_doc(position=bad))
        with pytest.raises(StoreError) as info:
            nt.Store(path)
        message = str(info.value)
        assert f"record {seq} cannot be read" in message
        assert "$.position.acceptable[1][0]: 120 is off scale 0–100 years" in message
        assert "(and 1 more problems)" in message  # [60, 40] is inverted

    def test_rejects_an_unknown_key(self, path: Path) -> None:
        """An unknown key in a stored record is refused with a suggestion."""
        seq = tamper(path, good_doc(partty="UA"))
        with pytest.raises(
            StoreError, match=rf"record {seq} cannot be read .*unknown key 'partty'"
        ):
            nt.Store(path)

    def test_rejects_a_statement_on_an_unknown_issue(self, path: Path) -> None:
        """A statement on an issue the agenda lacks names the issue and the known ones."""
        seq = tamper(path, good_doc(issue="guarantees"))
        with pytest.raises(StoreError) as info:
            nt.Store(path)
        assert f"record {seq} cannot be read" in str(info.value)
        assert "$.issue: 'guarantees' is not an issue of the timeline; known issues: years" in str(
            info.value
        )

    def test_rejects_a_statement_by_an_unknown_party(self, path: Path) -> None:
        """A readable record that Timeline.add refuses is named with the timeline's message."""
        seq = tamper(path, good_doc(party="RU"))
        with pytest.raises(
            StoreError,
            match=rf"record {seq} cannot be read \(Statement\.party='RU' is not a party of the "
            r"timeline; known parties: UA\)",
        ):
            nt.Store(path)

    def test_rejects_a_repeated_id(self, path: Path) -> None:
        """A document repeating a statement id (under another column id) is refused."""
        seq = tamper(path, good_doc(id="s1"), rid="x")
        with pytest.raises(
            StoreError,
            match=rf"record {seq} .*its columns \(id 'x', date 2025-12-28\) disagree with its "
            r"document \(id 's1'",
        ):
            nt.Store(path)

    def test_rejects_a_bad_date(self, path: Path) -> None:
        """A date that is no date is refused even after valid dates were read and shared."""
        seq = tamper(path, good_doc(date="2025-02-30"))
        with pytest.raises(StoreError, match=rf"record {seq} .*'2025-02-30' is not a valid date"):
            nt.Store(path)

    def test_rejects_a_bad_source_after_good_ones(self, path: Path) -> None:
        """A source with a wrong field is refused even though equal good sources were shared."""
        seq = tamper(path, good_doc(source={"title": "Kyiv asks", "kind": "rumour"}))
        with pytest.raises(StoreError, match=rf"record {seq} .*'rumour' is not a SourceKind"):
            nt.Store(path)

    def test_rejects_a_label_off_its_scale(self, tmp_path: Path) -> None:
        """A labelled region holding a label its scale lacks names the label."""
        p = tmp_path / "tiers.db"
        with nt.Store(p) as store:
            store.add(nt.Issue("tiers", TIERS))
            store.add(nt.Party("UA"))
        seq = tamper(
            p,
            {
                "party": "UA",
                "issue": "tiers",
                "date": "2025-12-28",
                "position": {"ideal": "force", "acceptable": ["force", "nato"]},
                "source": {"title": "Kyiv asks"},
            },
        )
        with pytest.raises(StoreError) as info:
            nt.Store(p)
        assert f"record {seq} cannot be read" in str(info.value)
        assert "$.position.acceptable[1]: 'nato' is not a label of scale" in str(info.value)

    def test_rejects_a_row_appended_while_open(self, path: Path) -> None:
        """A bad row appended while a store is open is refused when the store next reads."""
        with nt.Store(path) as store:
            seq = tamper(path, good_doc(party="RU"))
            with pytest.raises(StoreError, match=rf"record {seq} cannot be read"):
                store.timeline()

    def test_rejects_a_bad_row_among_many_good_ones(self, tmp_path: Path) -> None:
        """The bad row is named by its own number, wherever it lies."""
        p = tmp_path / "many.db"
        with nt.Store(p, durable=False) as store:
            store.add(nt.Issue("years", YEARS))
            store.add(nt.Party("UA"))
            for k in range(60):
                store.add(statement(20 + k))
        bad = good_doc(id="s99", position={"ideal": 50, "acceptable": [[15, 100]], "salience": 2})
        seq = tamper(p, bad)
        with pytest.raises(StoreError) as info:
            nt.Store(p)
        assert seq == 61
        assert "record 61 cannot be read" in str(info.value)
        assert "$.position.salience" in str(info.value)


class TestRegionFromDocument:
    @given(
        nts.numeric_scales(),
        st.lists(
            st.lists(st.floats(-200, 200, allow_nan=False), min_size=2, max_size=2),
            max_size=4,
        ),
    )
    def test_region_read_at_once_accepts_exactly_what_each_interval_check_accepts(
        self, scale: nt.NumericScale, doc: list[list[float]]
    ) -> None:
        """A region document is read iff every interval alone is a region; then it is their union."""
        alone_ok = True
        for lo, hi in doc:
            try:
                nt.Region.of(scale, [(lo, hi)])
            except NegotrackError:
                alone_ok = False
        try:
            region = serialization.region_from_document(doc, scale)
        except Exception:  # whatever it raises, it must refuse exactly these
            assert not alone_ok
        else:
            assert alone_ok
            assert region == nt.Region.of(scale, [(lo, hi) for lo, hi in doc])

    @given(nts.labelled_scales(), st.data())
    def test_labels_read_at_once_accept_exactly_the_scales_labels(
        self, scale: nt.OrdinalScale | nt.NominalScale, data: st.DataObject
    ) -> None:
        """A label list is read iff every label is on the scale; then it is their region."""
        pool = [*scale.labels, "not-a-label"]
        doc = data.draw(st.lists(st.sampled_from(pool), max_size=4))
        try:
            region = serialization.region_from_document(doc, scale)
        except Exception:  # whatever it raises, it must refuse exactly these
            assert "not-a-label" in doc
        else:
            assert "not-a-label" not in doc
            assert region == nt.Region.labels(scale, doc)


class TestSharedValues:
    def test_equal_sources_are_read_once(self) -> None:
        """Statements citing one report share one Source object, equal to the one written."""
        tl = nt.Timeline(issues=[nt.Issue("years", YEARS)], parties=[nt.Party("UA")])
        source = nt.Source(title="Kyiv asks", url="https://example.org/1", date=DAY)
        docs = [serialization.unstructure(statement(i, source=source)) for i in (40, 50)]
        a: nt.Statement = serialization.structure(docs[0], nt.Statement, issues=tl)
        b: nt.Statement = serialization.structure(docs[1], nt.Statement, issues=tl)
        assert a.source == b.source == source
        assert a.source is b.source

    def test_a_bad_source_is_refused_every_time(self) -> None:
        """A failing source document is never remembered: each reading refuses it again."""
        for _ in range(2):
            with pytest.raises(ScenarioError, match=r"\$\.kind: 'rumour' is not a SourceKind"):
                serialization.structure({"title": "t", "kind": "rumour"}, nt.Source)

    def test_sources_with_other_values_are_still_checked(self) -> None:
        """A source holding a non-string value goes through every check (not shared)."""
        with pytest.raises(ScenarioError, match=r"\$\.url: 3 must be a string, not an integer"):
            serialization.structure({"title": "t", "url": 3}, nt.Source)

    def test_equal_date_strings_give_one_date(self) -> None:
        """A date string read twice gives the same date; a bad one is refused every time."""
        read: list[datetime.date] = [
            serialization.structure(d, datetime.date) for d in ("2025-12-28", "2025-12-28")
        ]
        assert read == [DAY, DAY]
        for _ in range(2):
            with pytest.raises(ScenarioError, match="'2025-13-01' is not a valid date"):
                serialization.structure("2025-13-01", datetime.date)
