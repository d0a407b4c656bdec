"""Issue 13: tidy exports — CSV tables and DataFrames of the record and of the gap series."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.cli import main
from negotrack.io.csv_tables import CSV_TABLES, table_rows

pd = pytest.importorskip("pandas", reason="the pandas extra is not installed (make test has it)")

UKRAINE = "examples/ukraine_dec2025.toml"
UPDATE = "examples/updates/ukraine_2026-01-05.toml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "talks.db"
    nt.Store.import_into(path, nt.load(UKRAINE))
    with nt.Store(path) as s:
        s.apply(nt.load_update(UPDATE, s.timeline()))
    return path


def export(source: str, out: Path, *flags: str) -> None:
    assert main(["export", source, str(out), *flags]) == 0


class TestCsv:
    def test_statements_round_trip_from_a_store(self, store: Path, tmp_path: Path) -> None:
        """Every statement of the store is a row: id, date, party, issue and ideal kept."""
        out = tmp_path / "statements.csv"
        export(str(store), out)
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        timeline = nt.Store(store, readonly=True).timeline()
        assert [r["id"] for r in rows] == [s.id for s in timeline.statements]
        for row, st in zip(rows, timeline.statements, strict=True):
            assert (row["date"], row["party"], row["issue"]) == (
                st.date.isoformat(),
                st.party,
                st.issue,
            )
            ideal = st.position.ideal
            if isinstance(ideal, float):
                assert (float(row["ideal"]), row["ideal_label"]) == (ideal, "")
            else:
                assert (row["ideal"], row["ideal_label"]) == ("", ideal)
            assert row["red_line"] == ("true" if st.position.red_line else "false")
            assert row["cites"] == ";".join(st.cites)

    def test_pandas_reads_numbers_as_numbers(self, tmp_path: Path) -> None:
        """read_csv gives numeric dtypes to the numeric columns of every table."""
        numeric = {
            "statements": ["salience"],
            "gaps": ["needed", "overlap_measure"],
        }
        for table, columns in numeric.items():
            out = tmp_path / f"{table}.csv"
            export(UKRAINE, out, "--table", table)
            frame = pd.read_csv(out)
            assert list(frame.columns) == list(CSV_TABLES[table][1])
            for column in columns:
                assert pd.api.types.is_float_dtype(frame[column]), (table, column)
        # Numbers and labels never share a column: every numeric column reads as numbers.
        statements = pd.read_csv(tmp_path / "statements.csv")
        for column in ("ideal", "acceptable_low", "acceptable_high", "salience"):
            assert pd.api.types.is_float_dtype(statements[column]), column
        labelled = statements[statements.issue == "ceasefire"]
        assert labelled.ideal.isna().all()
        assert set(labelled.ideal_label) <= {"yes", "no"}
        gaps = pd.read_csv(tmp_path / "gaps.csv")
        for column in ("overlap_low", "overlap_high", "concession_point", "needed"):
            assert pd.api.types.is_float_dtype(gaps[column]), column
        years = pd.read_csv(tmp_path / "statements.csv")
        years = years[years.issue == "guarantee_years"]
        assert sorted(years.ideal.astype(float)) == [15.0, 50.0]
        assert sorted(years.acceptable_high.astype(float)) == [15.0, 100.0]

    def test_every_table_is_written_with_its_columns(self, store: Path, tmp_path: Path) -> None:
        """Each table's header is its columns and it holds one row per record (or cell)."""
        timeline = nt.Store(store, readonly=True).timeline()
        sizes = {
            "statements": len(timeline.statements),
            "events": len(timeline.events),
            "conditions": len(timeline.conditions),
            "gaps": len(nt.gap_series(timeline)) * len(timeline.issues),
        }
        for table, size in sizes.items():
            out = tmp_path / f"{table}.csv"
            export(str(store), out, "--table", table)
            with out.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader)
                assert header == list(CSV_TABLES[table][1])
                assert sum(1 for _ in reader) == size
        events = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text())))
        denial = next(e for e in events if e["id"] == "us-denies-ceasefire-shift")
        assert denial["revises"] == "us-ceasefire-2=denied"
        planned = next(e for e in events if e["id"] == "referendum-vote")
        assert planned["status"] == "planned"

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["out.txt"], "the output must end in .toml or .json or .csv"),
            (["out.csv", "--table", "nope"], "invalid choice: 'nope'"),
            (["out.toml", "--table", "gaps"], "--table gaps is for CSV output"),
        ],
    )
    def test_bad_requests_are_one_line_and_write_nothing(
        self,
        store: Path,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        message: str,
    ) -> None:
        """A bad suffix or table: exit 2, one line, an existing output left as it was."""
        out = tmp_path / argv[0]
        out.write_text("keep me", encoding="utf-8")
        code = main(["export", str(store), str(out), *argv[1:]])
        err = capsys.readouterr().err
        assert code == 2
        assert message in err
        assert err.count("\n") == 1
        assert out.read_text(encoding="utf-8") == "keep me"


class TestFrames:
    def test_timeline_frames_match_the_csv_rows(self) -> None:
        """Timeline.to_frame holds the rows the CSV export writes, one table at a time."""
        timeline = nt.load(UKRAINE).timeline
        for table in ("statements", "events", "conditions"):
            df = timeline.to_frame(table)
            rows, columns = table_rows(timeline, table)
            assert list(df.columns) == list(columns)
            assert len(df) == len(rows)
            for column in ("id", "date", "credibility"):
                assert list(df[column]) == [r[column] for r in rows], (table, column)
        statements = timeline.to_frame()
        assert statements.loc[statements.id == "us-years-1", "ideal"].item() == 15.0
        with pytest.raises(nt.errors.InvalidTypeError, match="must be one of: statements"):
            timeline.to_frame("gaps")

    def test_gap_frames_follow_the_analyses(self) -> None:
        """GapReport/GapSeries.to_frame give one row per issue / per date × issue."""
        timeline = nt.load(UKRAINE).timeline
        report = nt.analyze(timeline.snapshot())
        df = report.to_frame()
        assert list(df.issue) == list(report.issue_ids)
        for gap, needed in zip(report.gaps, df.needed, strict=True):
            if len(gap.parties) >= 2:
                assert needed == gap.needed
            else:
                assert math.isnan(needed)
        series = nt.gap_series(timeline)
        frame = series.to_frame()
        assert len(frame) == len(series) * len(timeline.issues)
        donbas = frame[(frame.issue == "donbas_withdrawal") & frame.needed.notna()]
        assert list(donbas.needed) == [0.5, 1.0]
