"""Tests of negotrack.io.deu: reading the DEU III data set."""

from __future__ import annotations

from pathlib import Path

import pytest

import negotrack as nt

ACTORS = ["com", "ep", "fr"]
HEADER = (
    ["prnrnmc", "isnrnmc", "prnr", "prname", "isnr", "type", "intro"]
    + [f"p{a}" for a in ACTORS]
    + [f"s{a}" for a in ACTORS]
    + ["rp", "out"]
)


def _write(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path = tmp_path / "deu.tsv"
    lines = ["\t".join(f'"{c}"' for c in header)]
    lines += ["\t".join(f'"{c}"' if c else "" for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GDP = ["", "", "", "", "", "", "", "4.1", "4.1", "2.8", "", "", "", "", ""]


def _row(isnr: str, p: list[str], s: list[str], rp: str, out: str) -> list[str]:
    return ["1", "1", "d1", "docs", isnr, "Reg", "26-01-00", *p, *s, rp, out]


class TestReadDeu:
    def test_reads_small_file(self, tmp_path: Path) -> None:
        """Positions, saliences, reference point, outcome and GDP are read as typed records."""
        path = _write(
            tmp_path,
            [
                GDP,
                _row("d1i1", ["100", "0", "999"], ["80", "", "50"], "0", "60"),
                _row("d1i2", ["10", "20", "30"], ["1", "2", "3"], "", ""),
            ],
        )
        data = nt.read_deu(path)
        assert data.actors == ("com", "ep", "fr")
        assert data.gdp == {"com": 4.1, "ep": 4.1, "fr": 2.8}
        assert data.skipped == ("d1i2",)
        (issue,) = data.issues
        # ep lacks a salience and fr's position 999 is missing: only com counts.
        assert issue.positions == (nt.DeuPosition(actor="com", position=100, salience=80),)
        assert (issue.reference_point, issue.outcome) == (0.0, 60.0)
        assert issue.introduced is not None
        assert issue.introduced.year == 2000

    @pytest.mark.parametrize(
        ("intro", "day"),
        [
            ("26-01-00", "2000-01-26"),  # the file's own form, DD-MM-YY
            ("2029-09-04", "2004-09-29"),  # DD-MM-YY read once as YY-MM-DD: 29-09-04
            ("1930-05-01", "2001-05-30"),  # 30-05-01, its year pivoted into the 1900s
        ],
    )
    def test_intro_dates_read_as_day_month_year(self, tmp_path: Path, intro: str, day: str) -> None:
        """Regression: ISO-looking dates (2029-09-04, a 2004 proposal) were taken at face value.

        That dated 70 issues wrongly and put 63 QMV issues under the wrong Council rule.
        """
        row = _row("d1i1", ["1", "0", "5"], ["1", "1", "1"], "", "5")
        row[6] = intro
        issue = nt.read_deu(_write(tmp_path, [GDP, row])).issues[0]
        assert issue.introduced is not None
        assert issue.introduced.isoformat() == day

    def test_snapshot_of_issue(self, tmp_path: Path) -> None:
        """An issue becomes a snapshot: 0–100 scale, status quo, saliences scaled to [0, 1]."""
        path = _write(
            tmp_path, [GDP, _row("d1i1", ["100", "0", "50"], ["80", "20", "0"], "30", "60")]
        )
        issue = nt.read_deu(path).issues[0]
        snap = issue.snapshot(capabilities={"com": 2.0})
        assert snap.issue("d1i1").status_quo == 30.0
        assert snap.party("com").capability == 2.0
        assert snap.party("ep").capability == 1.0
        assert snap.position("com", "d1i1").salience == pytest.approx(0.8)  # type: ignore[union-attr]

    def test_missing_file_raises(self, tmp_path: Path) -> None:
        """A missing file: DataError naming the file."""
        path = tmp_path / "nope.tsv"
        with pytest.raises(nt.errors.DataError, match="does not exist") as info:
            nt.read_deu(path)
        assert f"DEU data file {path} does not exist" in str(info.value)
        assert info.value.file == str(path)

    def test_undecodable_file_raises(self, tmp_path: Path) -> None:
        """A file that is not UTF-8: DataError saying it cannot be read."""
        path = tmp_path / "latin1.tsv"
        path.write_bytes(b"\xff\xfe\xfa not utf-8\n")
        with pytest.raises(nt.errors.DataError, match=r"cannot read DEU data file: .*utf-8"):
            nt.read_deu(path)

    def test_non_number_gdp_raises(self, tmp_path: Path) -> None:
        """A word in the GDP row: DataError naming the row and the actor's column."""
        gdp = ["", "", "", "", "", "", "", "big", "2", "3", "", "", "", "", ""]
        path = _write(tmp_path, [gdp])
        with pytest.raises(
            nt.errors.DataError, match=r"row 2 \(GDP\), column 'pcom': 'big' is not a number"
        ):
            nt.read_deu(path)

    def test_empty_file_raises(self, tmp_path: Path) -> None:
        """An empty file: DataError about the header and GDP rows."""
        path = tmp_path / "empty.tsv"
        path.write_text("", encoding="utf-8")
        with pytest.raises(nt.errors.DataError, match="needs a header row and a GDP row"):
            nt.read_deu(path)

    def test_missing_column_raises(self, tmp_path: Path) -> None:
        """A header without ``out``: DataError naming the column."""
        header = [h for h in HEADER if h != "out"]
        path = _write(tmp_path, [GDP[:-1]], header=header)
        with pytest.raises(nt.errors.DataError, match="lacks required columns: out") as info:
            nt.read_deu(path)
        assert info.value.file == str(path)

    def test_wrong_width_raises(self, tmp_path: Path) -> None:
        """A row with too few fields: DataError naming the row."""
        path = _write(tmp_path, [GDP, ["1", "1", "d1"]])
        with pytest.raises(nt.errors.DataError, match="row 3 has 3 fields; the header has 15"):
            nt.read_deu(path)

    def test_non_number_raises(self, tmp_path: Path) -> None:
        """A word where a number belongs: DataError naming row and column."""
        path = _write(tmp_path, [GDP, _row("d1i1", ["abc", "0", "5"], ["1", "1", "1"], "", "5")])
        with pytest.raises(
            nt.errors.DataError, match="row 3, column 'pcom': 'abc' is not a number"
        ):
            nt.read_deu(path)

    def test_missing_issue_id_raises(self, tmp_path: Path) -> None:
        """A row with an empty ``isnr``: DataError naming the row and the column."""
        path = _write(tmp_path, [GDP, _row("", ["1", "0", "5"], ["1", "1", "1"], "", "5")])
        with pytest.raises(nt.errors.DataError, match=r"row 3 has no issue id \(column 'isnr'\)"):
            nt.read_deu(path)

    def test_repeated_issue_raises(self, tmp_path: Path) -> None:
        """The same issue id twice: DataError."""
        r = _row("d1i1", ["1", "0", "5"], ["1", "1", "1"], "", "5")
        path = _write(tmp_path, [GDP, r, r])
        with pytest.raises(nt.errors.DataError, match="row 4 repeats issue id 'd1i1'"):
            nt.read_deu(path)


class TestDeuData:
    def test_counts(self, deu: nt.DeuData) -> None:
        """353 issues have an outcome; 30 actors; every kept actor has position and salience."""
        assert len(deu.issues) == 353
        assert len(deu.skipped) == 11
        assert len(deu.actors) == 30
        assert deu.actors[:2] == ("com", "ep")
        for issue in deu.issues:
            assert 0 <= issue.outcome <= 100
            for p in issue.positions:
                assert 0 <= p.position <= 100
                assert 0 <= p.salience <= 100

    def test_every_intro_date_is_in_its_proposals_year(self, deu: nt.DeuData) -> None:
        """A proposal number carries its year (d04218: 2004): every date is in it or the next.

        (COM(95)341 was introduced in February 1996.)
        """
        for issue in deu.issues:
            assert issue.introduced is not None, issue.id
            yy = int(issue.proposal[1:3])
            year = 2000 + yy if yy < 50 else 1900 + yy
            assert issue.introduced.year in (year, year + 1), issue.id

    def test_unknown_issue_raises(self, deu: nt.DeuData) -> None:
        """Looking up an issue that is not there: DataError."""
        with pytest.raises(nt.errors.DataError, match="no DEU issue 'zzz'"):
            deu.issue("zzz")
