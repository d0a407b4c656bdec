"""Issue 13: anticipated events, revisions of credibility and notes that survive."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.cli import main
from negotrack.io import reports
from negotrack.testing import strategies as nts

UKRAINE = "examples/ukraine_dec2025.toml"
UPDATE = "examples/updates/ukraine_2026-01-05.toml"
YES_NO = nt.OrdinalScale(["no", "yes"])
SRC = nt.Source(title="t")


def day(n: int) -> datetime.date:
    return datetime.date(2025, 12, n)


def say(sid: str, n: int, ideal: str, cred: str = "reported") -> nt.Statement:
    return nt.Statement(
        id=sid,
        party="US",
        issue="x",
        date=day(n),
        credibility=nt.Credibility.parse(cred),
        source=SRC,
        position=nt.Position(ideal=ideal, acceptable=nt.Region.labels(YES_NO, [ideal])),
    )


def timeline() -> nt.Timeline:
    tl = nt.Timeline(issues=[nt.Issue("x", YES_NO)], parties=[nt.Party("US"), nt.Party("UA")])
    tl.extend([say("us-1", 4, "yes"), say("us-2", 29, "no", "alleged")])
    return tl


def denial(n: int = 31, cred: str = "reported", level: str = "denied") -> nt.Event:
    return nt.Event(
        id=f"denial-{n}-{level}", date=day(n), title="Denied",
        credibility=nt.Credibility.parse(cred), revises={"us-2": level},
    )  # fmt: skip


class TestEventRecords:
    def test_status_is_checked(self) -> None:
        """An unknown status names the allowed ones."""
        with pytest.raises(nt.errors.InvalidRecordError, match="must be one of: happened, planned"):
            nt.Event(id="e", date=day(1), title="t", status="rumoured")

    def test_a_planned_event_cannot_revise_or_fulfil(self) -> None:
        """What has not happened revises nothing and fulfils nothing."""
        with pytest.raises(nt.errors.InvalidRecordError, match="a planned event cannot revise"):
            nt.Event(id="e", date=day(1), title="t", status="planned", revises={"s": "denied"})
        with pytest.raises(nt.errors.InvalidRecordError, match="must itself have happened"):
            nt.Event(id="e", date=day(1), title="t", status="planned", fulfils="f")
        with pytest.raises(nt.errors.InvalidRecordError, match="names the event itself"):
            nt.Event(id="e", date=day(1), title="t", revises={"e": "denied"})

    def test_revision_levels_are_credibility_levels(self) -> None:
        """A revision to a level that does not exist is refused, naming the record."""
        with pytest.raises(nt.errors.ValidationError, match=r"Event.revises\['s'\]"):
            nt.Event(id="e", date=day(1), title="t", revises={"s": "doubtful"})


class TestTimelineRules:
    def test_a_revision_names_an_earlier_record(self) -> None:
        """Unknown, later and planned targets are refused; the timeline is unchanged."""
        tl = timeline()
        tl.add(nt.Event(id="vote", date=day(30), title="Vote", status="planned"))
        n = len(tl.records)
        bad = [
            ({"nope": "denied"}, nt.errors.UnknownReferenceError, "no record of the timeline"),
            ({"us-2": "denied"}, nt.errors.TimelineError, "a revision follows what it revises"),
            ({"vote": "confirmed"}, nt.errors.TimelineError, "with fulfils = 'vote'"),
        ]
        for revises, error, message in bad:
            on = day(28) if "us-2" in revises else day(31)
            with pytest.raises(error, match=message):
                tl.add(nt.Event(id="r", date=on, title="r", revises=revises))
        with pytest.raises(nt.errors.TimelineError, match="names no planned event"):
            tl.add(nt.Event(id="r", date=day(31), title="r", fulfils="denial"))
        assert len(tl.records) == n

    def test_a_denial_takes_effect_from_its_date(self) -> None:
        """Before the denial us-2 is in force; from its date on us-1 is, and diff says so."""
        tl = timeline()
        tl.add(denial())
        assert tl.snapshot(day(30)).statements["US", "x"].id == "us-2"
        assert tl.snapshot(day(31)).statements["US", "x"].id == "us-1"
        counted = tl.snapshot(day(31), min_credibility="denied").statements["US", "x"]
        assert (counted.id, counted.credibility) == ("us-2", nt.Credibility.DENIED)
        (change,) = tl.diff(day(30), day(31)).changes
        assert change.before is not None
        assert change.after is not None
        assert (change.before.id, change.after.id, change.kind) == ("us-2", "us-1", "moved")

    def test_a_confirmation_is_a_credibility_change(self) -> None:
        """A later confirmation keeps the position and changes its credibility."""
        tl = timeline()
        tl.add(denial(level="confirmed"))
        (change,) = tl.diff(day(30), day(31)).changes
        assert change.kind == "credibility"
        assert change.after is not None
        assert change.after.credibility is nt.Credibility.CONFIRMED

    def test_a_revision_below_the_threshold_is_not_counted(self) -> None:
        """An alleged denial does not count when only reported records do."""
        tl = timeline()
        tl.add(denial(cred="alleged"))
        assert tl.snapshot(day(31)).statements["US", "x"].id == "us-1"  # alleged counts
        reported = tl.snapshot(day(31), min_credibility="reported")
        assert reported.statements["US", "x"].id == "us-1"  # us-2 itself is only alleged
        tl2 = timeline()
        tl2.add(denial(cred="alleged", level="confirmed"))
        assert tl2.snapshot(day(31), min_credibility="reported").statements["US", "x"].id == (
            "us-1"
        )
        assert tl2.snapshot(day(31), min_credibility="alleged").statements["US", "x"].id == ("us-2")

    def test_planned_events_do_not_move_the_latest_date(self) -> None:
        """A planned event is listed apart, never among happened events, until fulfilled."""
        tl = timeline()
        tl.add(nt.Event(id="vote", date=datetime.date(2026, 3, 1), title="Vote", status="planned"))
        assert tl.dates[-1] == day(29)
        snap = tl.snapshot()
        assert [e.id for e in snap.planned] == ["vote"]
        assert "vote" not in [e.id for e in snap.events]
        tl.add(nt.Event(id="held", date=datetime.date(2026, 3, 2), title="Held", fulfils="vote"))
        assert tl.snapshot().planned == ()
        assert [e.id for e in tl.snapshot(datetime.date(2026, 3, 1)).planned] == ["vote"]
        assert tl.dates[-1] == datetime.date(2026, 3, 2)


@st.composite
def revised_timelines(draw: st.DrawFn) -> nt.Timeline:
    """Timelines from the shipped strategy, with revisions of random records added."""
    tl = draw(nts.timelines(max_parties=3, max_issues=2, max_statements=10))
    targets = [r for r in tl.records if r.id is not None and not isinstance(r, nt.Event)]
    for k in range(draw(st.integers(0, 4)) if targets else 0):
        target = draw(st.sampled_from(targets))
        later = draw(st.integers(0, 20))
        tl.add(
            nt.Event(
                id=f"rev-{k}",
                date=target.date + datetime.timedelta(days=later),
                title="revision",
                credibility=draw(st.sampled_from(list(nt.Credibility))),
                revises={str(target.id): draw(st.sampled_from(list(nt.Credibility)))},
            )
        )
    return tl


def reference(
    tl: nt.Timeline, at: datetime.date | None, level: nt.Credibility
) -> dict[tuple[str, str], tuple[str, nt.Credibility]]:
    """Compute the rule by hand: revised credibility, then the latest visible statement.

    Each record's credibility is that of the last revision counted (by date, then order
    added); then the latest visible statement per pair wins, ties to the later added.
    """
    revised: dict[str, nt.Credibility] = {}
    revisions = [e for e in tl.events if e.revises]
    for ev in sorted(revisions, key=lambda e: e.date):
        if ev.credibility >= level and (at is None or ev.date <= at):
            revised.update(ev.revises)
    best: dict[tuple[str, str], tuple[datetime.date, int, nt.Statement]] = {}
    for order, s in enumerate(tl.statements):
        cred = revised.get(str(s.id), s.credibility)
        if cred < level or (at is not None and s.date > at):
            continue
        key = (s.party, s.issue)
        if key not in best or (s.date, order) >= best[key][:2]:
            best[key] = (s.date, order, s)
    return {k: (str(s.id), revised.get(str(s.id), s.credibility)) for k, (_, _, s) in best.items()}


class TestLaws:
    @given(revised_timelines(), st.data())
    def test_a_revision_changes_credibility_from_its_date_on(
        self, tl: nt.Timeline, data: st.DataObject
    ) -> None:
        """Law (issue 13): snapshots use each record's credibility as last revised by then."""
        dates = [None, *tl.dates]
        at = data.draw(st.sampled_from(dates), label="at")
        level = data.draw(st.sampled_from(list(nt.Credibility)), label="level")
        snap = tl.snapshot(at, min_credibility=level)
        got = {k: (str(s.id), s.credibility) for k, s in snap.statements.items()}
        assert got == reference(tl, at, level)

    @given(revised_timelines())
    def test_the_series_with_revisions_equals_a_fresh_analysis(self, tl: nt.Timeline) -> None:
        """Every date of the series is a from-scratch analysis of that date's snapshot."""
        series = nt.gap_series(tl)
        for report in series:
            assert report == nt.analyze(tl.snapshot(report.date))
        revision_days = {e.date for e in tl.revisions if e.credibility >= nt.Credibility.ALLEGED}
        assert revision_days <= set(series.dates)

    @given(revised_timelines())
    def test_revisions_survive_a_scenario_round_trip(self, tl: nt.Timeline) -> None:
        """A file written and read back is the same record, revisions and all."""
        sc = nt.Scenario(title="t", timeline=tl)
        assert nt.loads(nt.dumps(sc)) == sc
        assert nt.loads(nt.dumps(sc, format="json"), format="json") == sc


class TestFilesStoreAndReports:
    def test_notes_revisions_and_plans_survive_store_and_export(self, tmp_path: Path) -> None:
        """The store keeps them and export writes them (comments in a file are not kept)."""
        store = tmp_path / "talks.db"
        nt.Store.import_into(store, nt.load(UKRAINE))
        with nt.Store(store) as s:
            s.apply(nt.load_update(UPDATE, s.timeline()))
            exported = s.export_scenario()
        events = {e.id: e for e in exported.timeline.events}
        assert events["referendum-vote"].planned
        assert events["us-denies-ceasefire-shift"].revises == {
            "us-ceasefire-2": nt.Credibility.DENIED
        }
        assert events["us-denies-ceasefire-shift"].note.startswith("Illustrative")
        out = tmp_path / "talks.toml"
        nt.dump(exported, out)
        assert nt.load(out) == exported
        assert 'status = "planned"' in out.read_text(encoding="utf-8")

    def test_reports_list_planned_events_apart_and_show_revisions(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The brief and the timeline list the planned referendum apart; revisions show."""
        store = tmp_path / "talks.db"
        assert main(["import", UKRAINE, str(store)]) == 0
        assert main(["import", UPDATE, str(store)]) == 0
        capsys.readouterr()
        assert main(["analyze", str(store)]) == 0
        brief = capsys.readouterr().out
        planned = brief.split("Planned events\n--------------\n", 1)[1]
        assert planned.lstrip().startswith("2026-03-01: Referendum in Ukraine")
        assert main(["timeline", str(store)]) == 0
        text = capsys.readouterr().out
        assert "revises us-ceasefire-2 to denied" in text
        assert "Planned, not yet reported as happened" in text
        assert text.index("Planned, not yet") > text.index("2026-01-05")
        assert main(["analyze", str(store), "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert reports.check_document(doc) == []
        assert [e["id"] for e in doc["planned"]] == ["referendum-vote"]
        snap = nt.Store(store, readonly=True).timeline().snapshot()
        assert snap.statements["US", "ceasefire"].id == "us-ceasefire-1"

    def test_add_a_planned_event_and_a_denial(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The add command takes --status planned, --revises ID=LEVEL and --note."""
        store = tmp_path / "talks.db"
        assert main(["import", UKRAINE, str(store)]) == 0
        common = ["--source-title", "wire", "--note", "from the wire"]
        argv = ["add", str(store), "event", "--id", "vote", "--date", "2026-03-01"]
        assert main([*argv, "--title", "Vote", "--status", "planned", *common]) == 0
        argv = ["add", str(store), "event", "--id", "deny", "--date", "2026-01-02"]
        assert (
            main([*argv, "--title", "Denial", "--revises", "us-ceasefire-2=denied", *common]) == 0
        )
        argv = ["add", str(store), "event", "--id", "bad", "--date", "2026-01-02"]
        assert main([*argv, "--title", "Bad", "--revises", "nope=denied", *common]) == 2
        err = capsys.readouterr().err
        assert "--revises: Event.revises names 'nope'" in err
        tl = nt.Store(store, readonly=True).timeline()
        assert [e.id for e in tl.planned()] == ["vote"]
        assert tl.snapshot().statements["US", "ceasefire"].id == "us-ceasefire-1"
        assert all(e.note == "from the wire" for e in tl.events[-2:])
