"""Tests of the ``negotrack`` command: every subcommand on every example, and bad input."""

from __future__ import annotations

import datetime
import errno
import io
import json
import os
import shlex
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import negotrack as nt
from negotrack.cli import common, main
from negotrack.cli import run as run_process
from negotrack.errors import TimelineError
from negotrack.io import reports
from negotrack.io.reports import check_document
from negotrack.io.reports.documents import plain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.toml"))
UKRAINE = "examples/ukraine_dec2025.toml"
UPDATE = "examples/updates/ukraine_2026-01-05.toml"

# Subcommands that print a report, with the extra arguments they need.
PRINTING: dict[str, list[str]] = {
    "validate": [],
    "analyze": [],
    "timeline": [],
    "diff": ["2024-01-01", "2026-12-31"],
    "deadlocks": [],
    "packages": [],
    "forecast": [],
    "robustness": ["--samples", "60"],
}


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_found() -> None:
    """The bundled examples include the Ukraine scenario and at least two other fields."""
    assert UKRAINE in EXAMPLES
    assert len(EXAMPLES) >= 3


class TestEverySubcommand:
    @pytest.mark.parametrize("example", EXAMPLES)
    @pytest.mark.parametrize("command", sorted(PRINTING))
    @pytest.mark.parametrize("fmt", ["text", "markdown"])
    def test_prints_and_exits_zero(
        self, capsys: pytest.CaptureFixture[str], command: str, example: str, fmt: str
    ) -> None:
        """Each printing subcommand succeeds on each example in text and Markdown."""
        code, out, err = run(capsys, command, example, *PRINTING[command], "--format", fmt)
        assert (code, err) == (0, "")
        assert out.strip()
        if fmt == "markdown":
            assert out.startswith("# ") or command == "validate"

    @pytest.mark.parametrize("example", EXAMPLES)
    @pytest.mark.parametrize("command", sorted(PRINTING))
    def test_json_follows_the_schema(
        self, capsys: pytest.CaptureFixture[str], command: str, example: str
    ) -> None:
        """JSON output of each subcommand on each example conforms to the report schema."""
        code, out, err = run(capsys, command, example, *PRINTING[command], "--format", "json")
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert check_document(doc) == []
        expected = {"analyze": "brief", "validate": "validation"}.get(command, command)
        assert doc["kind"] == expected

    @pytest.mark.parametrize("example", EXAMPLES)
    @pytest.mark.parametrize("kind", ["gaps", "heatmap", "conditions"])
    def test_plot_writes_a_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str, kind: str
    ) -> None:
        """The plot subcommand writes a non-empty PNG of each kind for each example."""
        pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")
        out_file = tmp_path / f"{kind}.png"
        code, out, err = run(capsys, "plot", example, "-o", str(out_file), "--kind", kind)
        assert (code, err) == (0, "")
        assert out_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert str(out_file) in out

    def test_plot_svg(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An .svg output is written as SVG."""
        pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")
        out_file = tmp_path / "gaps.svg"
        assert run(capsys, "plot", UKRAINE, "-o", str(out_file))[0] == 0
        assert "<svg" in out_file.read_text(encoding="utf-8")


class TestAnalyze:
    def test_brief_content(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The brief names statuses, concessions with units, the knot's sources and changes."""
        code, out, _ = run(capsys, "analyze", UKRAINE, "--since", "2025-12-28")
        assert code == 0
        assert "NO OVERLAP" in out
        assert "to meet at 32.5 years, Ukraine must move 17.5 years" in out
        assert "Sequencing deadlock 1" in out
        assert "AInvest" in out
        assert "What changed after 2025-12-28" in out
        assert "alleged, disputed by Ukraine" in out

    def test_parties_restrict_the_analysis(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--parties keeps only the named parties in the JSON brief."""
        code, out, _ = run(capsys, "analyze", UKRAINE, "--parties", "UA,US", "--format", "json")
        assert code == 0
        doc = json.loads(out)
        held = {p for row in doc["issues"] for p in row["parties"]}
        assert held <= {"UA", "US"}
        assert held == {"UA", "US"}

    def test_min_credibility_drops_alleged(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--min-credibility reported leaves out the US shift known only from the Kremlin."""
        code, out, _ = run(
            capsys, "analyze", UKRAINE, "--min-credibility", "reported", "--format", "json"
        )
        assert code == 0
        ceasefire = next(r for r in json.loads(out)["issues"] if r["issue"] == "ceasefire")
        us = next(p for p in ceasefire["positions"] if p["party"] == "US")
        assert us["ideal"] == "yes"

    def test_at_a_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--at looks at the positions in force on that date."""
        code, out, _ = run(capsys, "analyze", UKRAINE, "--at", "2025-12-05", "--format", "json")
        assert code == 0
        doc = json.loads(out)
        assert doc["date"] == "2025-12-05"
        assert {p for r in doc["issues"] for p in r["parties"]} == {"US"}

    def test_json_scenario_gives_the_same_brief(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The same scenario as a .json file gives the same JSON brief as the .toml file."""
        import negotrack as nt

        as_json = tmp_path / "ukraine.json"
        nt.dump(nt.load(UKRAINE), as_json)
        _, from_toml, _ = run(capsys, "analyze", UKRAINE, "--format", "json")
        code, from_json, err = run(capsys, "analyze", str(as_json), "--format", "json")
        assert (code, err) == (0, "")
        assert json.loads(from_json) == json.loads(from_toml)


class TestHelpAndVersion:
    @pytest.mark.parametrize("command", [*sorted(PRINTING), "plot"])
    def test_help_has_an_example(self, capsys: pytest.CaptureFixture[str], command: str) -> None:
        """--help on every subcommand exits 0 and shows an example."""
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert "example:" in out
        assert f"negotrack {command} " in out

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the version and exits 0."""
        import negotrack as nt

        code, out, _ = run(capsys, "--version")
        assert code == 0
        assert out.strip() == f"negotrack {nt.__version__}"


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


class TestBadInput:
    @pytest.mark.parametrize("command", [*sorted(PRINTING), "plot"])
    def test_missing_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        """A missing file exits 2 with one line naming the file."""
        extra = ["-o", str(tmp_path / "x.png")] if command == "plot" else PRINTING[command]
        code, _, err = run(capsys, command, "no/such/file.toml", *extra)
        assert code == 2
        line = one_line(err)
        assert "no/such/file.toml" in line
        assert line.startswith(f"negotrack {command}: error:")

    @pytest.mark.parametrize("command", [*sorted(PRINTING), "plot"])
    def test_malformed_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        """A malformed file exits 2 with one line naming the file and the field."""
        bad = tmp_path / "bad.toml"
        text = (ROOT / UKRAINE).read_text(encoding="utf-8")
        bad.write_text(text.replace("ideal = 50\n", "ideal = 120\n", 1), encoding="utf-8")
        extra = ["-o", str(tmp_path / "x.png")] if command == "plot" else PRINTING[command]
        code, _, err = run(capsys, command, str(bad), *extra)
        assert code == 2
        line = one_line(err)
        assert str(bad) in line
        assert "ideal" in line
        assert "$.statements[" in line

    @pytest.mark.parametrize("command", [*sorted(PRINTING), "plot"])
    def test_not_toml(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        """A file that is not TOML at all exits 2 with one line naming it."""
        bad = tmp_path / "garbage.toml"
        bad.write_text("this is [not toml\n", encoding="utf-8")
        extra = ["-o", str(tmp_path / "x.png")] if command == "plot" else PRINTING[command]
        code, _, err = run(capsys, command, str(bad), *extra)
        assert code == 2
        assert str(bad) in one_line(err)

    @pytest.mark.parametrize("command", ["analyze", "plot", "packages"])
    def test_unknown_party(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        """An unknown party in --parties exits 2 with one line naming it and the known ones."""
        extra = ["-o", str(tmp_path / "x.png")] if command == "plot" else []
        code, _, err = run(capsys, command, UKRAINE, "--parties", "RU,XX", *extra)
        assert code == 2
        line = one_line(err)
        assert "'XX'" in line
        assert "--parties" in line
        assert "RU, UA, US, EU" in line

    @pytest.mark.parametrize(
        ("command", "argv", "rule"),
        [
            ("analyze", ["--at", "2025-13-01"], "'2025-13-01' is not a date; write YYYY-MM-DD"),
            ("deadlocks", ["--at", "yesterday"], "'yesterday' is not a date; write YYYY-MM-DD"),
            ("packages", ["--at", "2025-02-30"], "'2025-02-30' is not a date; write YYYY-MM-DD"),
            ("forecast", ["--at", "29/12/2025"], "'29/12/2025' is not a date; write YYYY-MM-DD"),
            ("plot", ["--at", "2025-1-1", "-o", "x.png"], "'2025-1-1' is not a date"),
            ("diff", ["2025-12-28", "not-a-date"], "'not-a-date' is not a date"),
            ("diff", ["2025-12-31", "2025-12-28"], "DATE1 2025-12-31 is after DATE2 2025-12-28"),
            ("analyze", ["--since", "2027-01-01"], "--since 2027-01-01 is after the date analysed"),
        ],
    )
    def test_bad_date(
        self, capsys: pytest.CaptureFixture[str], command: str, argv: list[str], rule: str
    ) -> None:
        """A bad date exits 2 with one line naming the argument or the dates, and the rule."""
        code, _, err = run(capsys, command, UKRAINE, *argv)
        assert code == 2
        line = one_line(err)
        assert line.startswith(f"negotrack {command}: error:")
        assert any(word in line for word in ("date", "DATE", "--at", "--since"))
        assert rule in line

    def test_bad_plot_extension(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A plot output that is neither .png nor .svg exits 2 naming -o."""
        code, _, err = run(capsys, "plot", UKRAINE, "-o", "out.gif")
        assert code == 2
        assert "-o out.gif: the output must end in .png or .svg" in one_line(err)

    def test_unknown_subcommand(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown subcommand is a usage error: exit 2, one line."""
        code, _, err = run(capsys, "frobnicate", UKRAINE)
        assert code == 2
        assert "frobnicate" in one_line(err)

    def test_bad_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown --format is a usage error naming the choices."""
        code, _, err = run(capsys, "analyze", UKRAINE, "--format", "yaml")
        assert code == 2
        assert "--format" in one_line(err)
        assert "invalid choice: 'yaml'" in one_line(err)

    def test_validate_lists_every_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Validate prints every problem to stdout and one summary line to stderr."""
        bad = tmp_path / "bad.toml"
        text = (ROOT / UKRAINE).read_text(encoding="utf-8")
        text = text.replace("ideal = 50\n", "ideal = 120\n", 1).replace(
            'party = "EU"', 'party = "XX"', 1
        )
        bad.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "validate", str(bad))
        assert code == 2
        assert "2 problems" in out
        assert "(and 1 more)" in one_line(err)


class TestSubprocess:
    def test_python_m_negotrack(self) -> None:
        """`python -m negotrack analyze` runs as a real process and prints the brief."""
        proc = subprocess.run(
            [sys.executable, "-m", "negotrack", "analyze", UKRAINE, "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
        )
        assert proc.returncode == 0, proc.stderr
        assert check_document(json.loads(proc.stdout)) == []

    def test_python_m_negotrack_bad_input(self) -> None:
        """A real process on a missing file exits 2 with one stderr line and no traceback."""
        proc = subprocess.run(
            [sys.executable, "-m", "negotrack", "deadlocks", "missing.toml"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
        )
        assert proc.returncode == 2
        assert one_line(proc.stderr).startswith("negotrack deadlocks: error: missing.toml")


class TestTheProcess:
    """``negotrack.cli.run`` ends the process with os._exit, the record still allocated."""

    @staticmethod
    def process(*argv: str, **kw: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "negotrack", *argv],
            cwd=ROOT,
            capture_output="stdout" not in kw,
            text=True,
            check=False,
            encoding="utf-8",
            **kw,
        )

    @pytest.mark.parametrize(
        "argv",
        [
            ("analyze", UKRAINE, "--format", "json"),
            ("timeline", UKRAINE, "--format", "markdown"),
            ("brief", UKRAINE),
        ],
        ids=["analyze", "timeline", "brief"],
    )
    def test_the_process_prints_what_main_prints(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        """Nothing buffered is lost by ending at once: the same bytes, the same status."""
        code, out, err = run(capsys, *argv)
        proc = self.process(*argv)
        assert (proc.returncode, proc.stdout, proc.stderr) == (code, out, err)

    def test_a_store_written_by_the_process_opens_with_every_record(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The store's transaction is committed before the process ends.

        It holds what an import in this process writes.
        """
        by_process, here = tmp_path / "process.db", tmp_path / "here.db"
        proc = self.process("import", UKRAINE, str(by_process))
        assert proc.returncode == 0, proc.stderr
        assert run(capsys, "import", UKRAINE, str(here))[0] == 0
        with nt.Store(by_process) as a, nt.Store(here) as b:
            assert a.timeline() == b.timeline()
            assert len(a.timeline().statements) == 15

    @pytest.mark.parametrize(
        ("error", "status", "said"),
        [
            (
                OSError(errno.ENOSPC, "No space left on device"),
                120,
                "negotrack: error: cannot write standard output: No space left on device\n",
            ),
            (BrokenPipeError(errno.EPIPE, "Broken pipe"), 0, ""),
        ],
        ids=["full-disk", "reader-gone"],
    )
    def test_an_output_that_cannot_be_flushed(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        error: OSError,
        status: int,
        said: str,
    ) -> None:
        """Flushing fails: a full disk is said in one line (status 120, as Python's own).

        A reader that stopped reading is its choice (status 0).
        """

        class Failing(io.StringIO):
            def flush(self) -> None:
                raise error

        ended: list[int] = []
        monkeypatch.setattr(common, "KEPT", None)  # restored after the test
        monkeypatch.setattr(sys, "argv", ["negotrack", "validate", UKRAINE])
        monkeypatch.setattr(sys, "stdout", Failing())
        monkeypatch.setattr(os, "_exit", ended.append)
        returning: Callable[[], object] = run_process  # os._exit returns here: so does run
        returning()
        assert ended == [status]
        assert capsys.readouterr().err == said
        assert isinstance(common.KEPT, list)
        assert common.KEPT  # what it read, kept

    @pytest.mark.parametrize(
        "argv", [("validate", UKRAINE), ("analyze", UKRAINE, "--format", "json")]
    )
    def test_a_failed_write_to_standard_output_is_said_as_such(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        argv: tuple[str, ...],
    ) -> None:
        """Regression: writing stdout on a full device blamed the input file.

        It said "examples/ukraine_dec2025.toml: No space left on device"; it now names
        standard output, in one line, with status 2.
        """

        class Full(io.StringIO):
            def write(self, text: str) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

        full = Full()
        monkeypatch.setattr(sys, "stdout", full)
        code = main(list(argv))
        err = capsys.readouterr().err
        assert code == 2
        assert one_line(err) == (
            f"negotrack {argv[0]}: error: cannot write standard output: No space left on device"
        )
        assert sys.stdout is full  # put back as it was

    @pytest.mark.parametrize("method", ["write", "flush"])
    def test_the_wrapper_of_standard_output_tells_its_failures_apart(self, method: str) -> None:
        """A failed write and a failed flush are both standard output's error; a reader gone is not.

        Commands only write (Python flushes after them), so ``flush`` is tested on the
        wrapper itself: a command that flushes as it goes gets the same translation.
        """
        from negotrack.cli import _Output, _OutputError

        def failing(error: OSError) -> io.StringIO:
            class Failing(io.StringIO):
                def write(self, text: str) -> int:
                    if method == "write":
                        raise error
                    return super().write(text)

                def flush(self) -> None:
                    if method == "flush":
                        raise error

            return Failing()

        def act(out: _Output) -> None:
            if method == "write":
                out.write("x")
            else:
                out.flush()

        with pytest.raises(_OutputError) as raised:
            act(_Output(failing(OSError(errno.ENOSPC, "No space left on device"))))
        assert (raised.value.errno, raised.value.strerror) == (
            errno.ENOSPC,
            "No space left on device",
        )
        with pytest.raises(BrokenPipeError) as gone:
            act(_Output(failing(BrokenPipeError(errno.EPIPE, "Broken pipe"))))
        assert not isinstance(gone.value, _OutputError)

    def test_a_reader_that_stopped_reading_is_not_an_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A broken pipe while writing: status 0 and nothing said.

        Python's exit flush then goes to the null device: the broken stream is not put back.
        """

        class Gone(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        monkeypatch.setattr(sys, "stdout", Gone())
        assert main(["timeline", UKRAINE]) == 0
        assert capsys.readouterr().err == ""
        assert getattr(sys.stdout, "name", None) == os.devnull
        sys.stdout.close()

    def test_main_called_in_a_program_keeps_nothing(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Only run keeps what a command read: main in a program that goes on frees it."""
        assert run(capsys, "validate", UKRAINE)[0] == 0
        assert common.KEPT is None


class TestStores:
    """Every reading subcommand takes a store too; import and export move records across."""

    @pytest.fixture
    def store(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
        path = str(tmp_path / "talks.db")
        code, out, err = run(capsys, "import", UKRAINE, path)
        assert (code, err) == (0, "")
        assert out.startswith(f"imported {UKRAINE} into {path}: 15 statements, 5 events")
        return path

    @pytest.mark.parametrize("command", sorted(set(PRINTING) - {"validate"}))
    def test_a_store_reads_like_the_scenario_it_holds(
        self, capsys: pytest.CaptureFixture[str], store: str, command: str
    ) -> None:
        """Each printing subcommand prints the same JSON for a store as for its scenario."""
        extra = PRINTING[command]
        _, from_file, _ = run(capsys, command, UKRAINE, *extra, "--format", "json")
        code, from_store, err = run(capsys, command, store, *extra, "--format", "json")
        assert (code, err) == (0, "")
        assert json.loads(from_store) == json.loads(from_file)

    def test_validate_opens_a_store(self, capsys: pytest.CaptureFixture[str], store: str) -> None:
        """The validate command checks a store by reading every record back; says what it holds."""
        code, out, err = run(capsys, "validate", store)
        assert (code, err) == (0, "")
        assert out.strip() == (
            f"{store} is valid: 6 issues, 4 parties, 15 statements, 5 events, 3 conditions."
        )

    def test_validate_checks_an_update_against_a_store_and_writes_nothing(
        self, capsys: pytest.CaptureFixture[str], store: str
    ) -> None:
        """`validate UPDATE --against STORE` applies it as import would, in a throw-away copy."""
        before = Path(store).read_bytes()
        records = nt.load_update(UPDATE, nt.load(UKRAINE).timeline).records
        kinds = [type(r).__name__.lower() for r in records]
        adds = ", ".join(
            reports.formatting.count(kinds.count(k), k)
            for k in ("statement", "event")
            if k in kinds
        )
        code, out, err = run(capsys, "validate", UPDATE, "--against", store)
        assert (code, err) == (0, "")
        assert out.strip() == f"{UPDATE} is valid against {store}: it adds {adds}."
        assert Path(store).read_bytes() == before

    def test_validate_against_a_file_or_its_store_says_the_same(
        self, capsys: pytest.CaptureFixture[str], store: str
    ) -> None:
        """The record an update is checked against may be a scenario file or a store."""
        docs = []
        for base in (UKRAINE, store):
            code, out, err = run(capsys, "validate", UPDATE, "--against", base, "--format", "json")
            assert (code, err) == (0, "")
            doc = json.loads(out)
            check_document(doc)
            assert doc["against"] == base
            docs.append({k: v for k, v in doc.items() if k != "against"})
        assert docs[0] == docs[1]
        assert docs[0]["summary"]["statements"] + docs[0]["summary"]["events"] == len(
            nt.load_update(UPDATE, nt.load(UKRAINE).timeline).records
        )

    def test_a_broken_against_record_is_blamed_not_the_update(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Regression: a bad --against record was reported under the update file's name."""
        broken = tmp_path / "broken.db"
        broken.write_bytes(b"SQLite format 3\x00garbage")
        code, out, err = run(capsys, "validate", UPDATE, "--against", str(broken))
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert f"--against {broken}" in err
        assert str(UPDATE) not in err

    def test_validate_refuses_an_update_already_in_the_store(
        self, capsys: pytest.CaptureFixture[str], store: str
    ) -> None:
        """Once imported, the same update's ids are taken: every problem listed, one-line error."""
        assert run(capsys, "import", UPDATE, store)[0] == 0
        before = Path(store).read_bytes()
        code, out, err = run(capsys, "validate", UPDATE, "--against", store, "--format", "json")
        assert code == 2
        assert err.count("\n") == 1
        assert "is already used" in err
        problems = json.loads(out)["problems"]
        assert len(problems) == len(nt.load_update(UPDATE, nt.load(UKRAINE).timeline).records)
        assert all(p["path"].endswith(".id") for p in problems)
        assert Path(store).read_bytes() == before

    def test_validate_update_names_an_unknown_party(
        self, capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path
    ) -> None:
        """A statement by a party the record does not know is refused with its path and value."""
        bad = tmp_path / "bad.toml"
        text = Path(UPDATE).read_text(encoding="utf-8").replace('party = "RU"', 'party = "XX"')
        bad.write_text(text, encoding="utf-8")
        code, _, err = run(capsys, "validate", str(bad), "--against", store)
        assert code == 2
        assert err.count("\n") == 1
        assert "$.statements[0].party" in err
        assert "'XX'" in err

    def test_validate_against_a_missing_record_is_one_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--against a file that does not exist: one line, exit 2, no traceback."""
        missing = str(tmp_path / "nowhere.db")
        code, _, err = run(capsys, "validate", UPDATE, "--against", missing)
        assert code == 2
        assert err.count("\n") == 1
        assert "nowhere.db" in err
        assert "Traceback" not in err

    def test_export_gives_back_the_imported_scenario(
        self, capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path
    ) -> None:
        """A scenario imported into a new store and exported again is the same scenario."""
        for name in ("back.toml", "back.json"):
            out_path = str(tmp_path / name)
            code, out, err = run(capsys, "export", store, out_path)
            assert (code, err) == (0, "")
            assert out.startswith(f"wrote {out_path}: 6 issues, 4 parties, 15 statements")
            assert nt.load(out_path) == nt.load(UKRAINE)

    def test_importing_twice_is_refused_and_writes_nothing(
        self, capsys: pytest.CaptureFixture[str], store: str
    ) -> None:
        """The second import of the same records fails on one line and adds nothing."""
        code, out, err = run(capsys, "import", UKRAINE, store)
        assert (code, out) == (2, "")
        line = one_line(err)
        assert line.startswith(f"negotrack import: error: {UKRAINE} into {store}: ")
        assert "is already used" in line
        assert line.endswith("; nothing was imported")
        with nt.Store(store) as s:
            assert len(s) == 23

    def test_a_failed_import_leaves_no_new_store_behind(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the import into a new store fails, the new file is removed again."""

        def refuse(self: nt.Store, scenario: nt.Scenario) -> None:
            raise TimelineError("refused for the test", path="x", value=None)

        monkeypatch.setattr(nt.Store, "import_scenario", refuse)
        path = tmp_path / "new.db"
        code, _, err = run(capsys, "import", UKRAINE, str(path))
        assert code == 2
        assert "refused for the test; nothing was imported" in one_line(err)
        assert list(tmp_path.iterdir()) == []

    def test_a_bad_scenario_creates_no_store(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A scenario file with problems is refused before any store is made."""
        bad = tmp_path / "bad.toml"
        bad.write_text("schema = 1\n[[parties]]\nid = 3\n", encoding="utf-8")
        code, _, err = run(capsys, "import", str(bad), str(tmp_path / "new.db"))
        assert code == 2
        assert one_line(err).startswith(f"negotrack import: error: {bad}: $.parties[0].id")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]

    @pytest.mark.parametrize("name", ["out.xlsx", "out"])
    def test_export_needs_a_toml_json_or_csv_name(
        self, capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path, name: str
    ) -> None:
        """An output name without .toml, .json or .csv is refused on one line; nothing written."""
        code, _, err = run(capsys, "export", store, str(tmp_path / name))
        assert code == 2
        assert one_line(err).endswith("the output must end in .toml or .json or .csv")
        assert not (tmp_path / name).exists()

    def test_export_of_a_scenario_file_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The export command reads stores only: a scenario file is named as not one."""
        code, _, err = run(capsys, "export", UKRAINE, str(tmp_path / "x.toml"))
        assert code == 2
        assert one_line(err) == (
            f"negotrack export: error: {UKRAINE}: not a store (an SQLite file made by negotrack)"
        )

    def test_another_programs_database_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An SQLite file that is not a negotrack store is named as such, on one line."""
        other = tmp_path / "other.db"
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        code, _, err = run(capsys, "analyze", str(other))
        assert code == 2
        assert "is not a negotrack store" in one_line(err)


class TestDocsExamples:
    @staticmethod
    def commands(page: str = "cli.md") -> list[list[str]]:
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        lines = [ln.strip()[len("$ negotrack ") :] for ln in text.splitlines()]
        return [
            shlex.split(ln)
            for ln, raw in zip(lines, text.splitlines(), strict=True)
            if raw.strip().startswith("$ negotrack ")
        ]

    def test_docs_have_examples(self) -> None:
        """docs/cli.md shows an example of every subcommand."""
        shown = {argv[0] for argv in self.commands()}
        assert shown >= {*PRINTING, "plot"}

    @pytest.mark.parametrize("page", ["cli.md", "store.md"])
    def test_every_example_runs(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        page: str,
    ) -> None:
        """Every `$ negotrack` line of the page runs, in order; error examples fail as shown."""
        assert self.commands(page)
        for shown in self.commands(page):
            # Files the examples write (plots, stores, exports) go to a temporary folder.
            argv = [
                str(tmp_path / a)
                if a.endswith((".png", ".svg", ".db", ".csv", ".html")) or a == "talks.toml"
                else a
                for a in shown
            ]
            code, out, err = run(capsys, *argv)
            line = " ".join(argv)
            expected_failure = any(
                bad in line for bad in ("no-such-file", "RU,XX", "2025-13-01", "--ideal 120")
            )
            assert code == (2 if expected_failure else 0), (argv, err)
            assert (err == "") != expected_failure, (argv, err)
            assert out or expected_failure

    def test_the_coverage_sentence_shown_is_what_analyze_prints(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The "Covers ..." sentence docs/cli.md shows is the one the command prints."""
        text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        shown = text.split("    Covers ", 1)[1].split("\n\n", 1)[0]
        code, out, _ = run(capsys, "analyze", UKRAINE, "--exclude-group", "Europe")
        assert code == 0
        assert "Covers " + " ".join(shown.split()) in out.splitlines()


class TestPlotOutput:
    def test_the_output_may_not_be_the_input(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Issue 19, item 5: plot refuses to write its figure over the file it reads."""
        pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")
        store = tmp_path / "talks.png"
        nt.Store.import_into(store, nt.load(UKRAINE))
        before = store.read_bytes()
        code, out, err = run(capsys, "plot", str(store), "-o", str(store))
        assert (code, out) == (2, "")
        assert one_line(err) == (
            f"negotrack plot: error: -o {store}: the output is the input {store}; name another file"
        )
        assert store.read_bytes() == before


class TestDefaultCredibility:
    """Issue 11: the command line counts what the API counts: DENIED left out by default."""

    def test_cli_and_api_leave_denied_records_out(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A later statement coded denied is not the position shown, unless asked for."""
        years = nt.NumericScale(0, 100, unit="years")
        tl = nt.Timeline(issues=[nt.Issue("y", years)], parties=[nt.Party("A"), nt.Party("B")])
        day = nt.load(UKRAINE).timeline.dates[0]
        for party, ideal, level in (
            ("A", 10, "reported"),
            ("A", 90, "denied"),
            ("B", 50, "confirmed"),
        ):
            tl.add(
                nt.Statement(
                    party=party,
                    issue="y",
                    date=day,
                    position=nt.Position(ideal=ideal, acceptable=nt.Region.point(years, ideal)),
                    source=nt.Source(title="t"),
                    credibility=nt.Credibility.parse(level),
                )
            )
        path = tmp_path / "s.toml"
        nt.dump(nt.Scenario(title="t", timeline=tl), path)

        def ideal_of_a(*extra: str) -> float:
            code, out, _ = run(capsys, "analyze", str(path), "--format", "json", *extra)
            assert code == 0
            doc = json.loads(out)
            positions = doc["issues"][0]["positions"]
            return float(next(p["ideal"] for p in positions if p["party"] == "A"))

        api = nt.analyze(tl.snapshot())["y"].position("A").ideal
        assert ideal_of_a() == api == 10
        assert ideal_of_a("--min-credibility", "denied") == 90
        code, out, _ = run(capsys, "analyze", str(path))
        assert code == 0
        assert "records alleged or better counted, denied ones left out" in out

    def test_a_failed_write_names_the_output(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Issue 19, item 5: a full disk is reported against -o OUT; the old figure stays."""
        pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")
        from matplotlib.figure import Figure

        out = tmp_path / "gaps.png"
        out.write_bytes(b"old figure")

        def full(self: Figure, fname: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Figure, "savefig", full)
        code, _, err = run(capsys, "plot", UKRAINE, "-o", str(out))
        assert code == 2
        assert one_line(err) == (
            f"negotrack plot: error: -o {out}: cannot write the figure: No space left on device; "
            f"any previous {out} is unchanged"
        )
        assert out.read_bytes() == b"old figure"


#: The selections tested: the command line's options and the API's arguments for them.
SELECTIONS = {
    "parties": (["--parties", "RU,UA"], {"parties": ["RU", "UA"]}),
    "exclude-group": (["--exclude-group", "Europe"], {"exclude_groups": ["Europe"]}),
    "holders": (
        ["--parties", "UA,US", "--condition-holders", "UA"],
        {"parties": ["UA", "US"], "condition_holders": ["UA"]},
    ),
}


class TestPartiesMeanTheSame:
    """Issue 11: the party options of the CLI and the API's arguments select the same thing.

    For every command where parties matter and every selection option, the command's JSON
    (or figure) equals the API's result for the same selection, and differs from the result
    for every party (so each test can fail).
    """

    @pytest.fixture(params=list(SELECTIONS))
    def selection(self, request: pytest.FixtureRequest) -> tuple[list[str], dict[str, Any]]:
        argv, api = SELECTIONS[request.param]
        tl = nt.load(UKRAINE).timeline
        chosen = nt.select_parties(
            tl, api.get("parties"), exclude_groups=api.get("exclude_groups", ())
        )
        return argv, {"parties": list(chosen), "condition_holders": api.get("condition_holders")}

    @staticmethod
    def cli_json(capsys: pytest.CaptureFixture[str], command: str, *argv: str) -> dict[str, Any]:
        code, out, err = run(capsys, command, UKRAINE, *argv, "--format", "json")
        assert (code, err) == (0, "")
        doc: dict[str, Any] = json.loads(out)
        return doc

    @staticmethod
    def as_json(value: object) -> object:
        return json.loads(json.dumps(plain(value), ensure_ascii=False))

    @staticmethod
    def scenario() -> nt.Scenario:
        return nt.load(UKRAINE)

    def test_analyze(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The whole brief is the API's brief for the same selection."""
        argv, api = selection
        sc = self.scenario()
        snap = sc.timeline.snapshot()
        report = nt.analyze(snap, **api)
        expected = reports.brief_document(
            report, report.conditions, sc.timeline, title=sc.title, snapshot=snap
        )
        assert self.cli_json(capsys, "analyze", *argv) == self.as_json(expected)
        assert self.cli_json(capsys, "analyze") != self.as_json(expected)

    def test_deadlocks(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The deadlocks report is the API's condition analysis for the same selection."""
        argv, api = selection
        expected = nt.analyze_conditions(self.scenario().timeline.snapshot(), **api).to_dict()
        got = self.cli_json(capsys, "deadlocks", *argv)
        assert got["conditions"] == self.as_json(expected)
        assert self.cli_json(capsys, "deadlocks")["conditions"] != got["conditions"]

    def test_timeline(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The timeline lists the records the API's timeline document lists."""
        argv, api = selection
        sc = self.scenario()
        expected = reports.timeline_document(sc.timeline, title=sc.title, **api)
        got = self.cli_json(capsys, "timeline", *argv)
        assert got == self.as_json(expected)
        assert len(got["records"]) < len(self.cli_json(capsys, "timeline")["records"])

    def test_diff(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The diff (with its steps) is the API's Timeline.diff for the same selection."""
        argv, api = selection
        sc = self.scenario()
        start, end = datetime.date(2025, 12, 20), datetime.date(2026, 1, 1)
        diff = sc.timeline.diff(start, end, steps=True, **api)
        expected = reports.diff_document(diff, sc.timeline, title=sc.title)
        dates = [start.isoformat(), end.isoformat()]
        got = self.cli_json(capsys, "diff", *dates, "--steps", *argv)
        assert got == self.as_json(expected)
        assert got != self.cli_json(capsys, "diff", *dates, "--steps")

    def test_forecast(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The forecasts are the API's for the same parties' positions."""
        argv, api = selection
        if api["condition_holders"] is not None:
            argv = argv[:2]  # forecasts read no conditions: the command has no such option
        snap = self.scenario().timeline.snapshot()
        expected = nt.forecast_report(snap, parties=api["parties"]).to_dict()
        got = self.cli_json(capsys, "forecast", *argv)["forecasts"]
        assert got == self.as_json(expected)
        assert got != self.cli_json(capsys, "forecast")["forecasts"]

    def test_packages(
        self, capsys: pytest.CaptureFixture[str], selection: tuple[list[str], dict[str, Any]]
    ) -> None:
        """The agreement space is built on the selected parties only."""
        argv, api = selection
        if api["condition_holders"] is not None:
            argv = argv[:2]
        doc = self.cli_json(capsys, "packages", *argv)
        assert [p["id"] for p in doc["coverage"]["parties"]] == api["parties"]
        if doc["agreement"] is not None:
            assert doc["agreement"]["parties"] == api["parties"]

    @pytest.mark.parametrize("kind", ["gaps", "heatmap", "conditions"])
    def test_plot(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        selection: tuple[list[str], dict[str, Any]],
        kind: str,
    ) -> None:
        """The figure is, byte for byte, the one the plot API draws for the selection."""
        pytest.importorskip("matplotlib", reason="the plot extra is not installed")
        from negotrack import plot

        argv, api = selection
        sc = self.scenario()
        cli_png, api_png = tmp_path / "cli.png", tmp_path / "api.png"
        code, _, err = run(capsys, "plot", UKRAINE, "-o", str(cli_png), "--kind", kind, *argv)
        assert (code, err) == (0, "")
        snap = sc.timeline.snapshot()
        if kind == "gaps":
            plot.plot_gaps(sc.timeline, api_png, parties=api["parties"], title=sc.title)
        elif kind == "heatmap":
            report = nt.analyze(snap, **api)
            plot.plot_distances(report, api_png, timeline=sc.timeline, title=sc.title)
        else:
            plot.plot_conditions(snap, api_png, title=sc.title, **api)
        assert cli_png.read_bytes() == api_png.read_bytes()


#: Every command whose report covers parties, with its extra arguments.
COVERING = {
    "analyze": [],
    "timeline": [],
    "diff": ["2025-12-20", "2026-01-01"],
    "deadlocks": [],
    "packages": [],
    "forecast": [],
}


class TestEveryReportSaysWhatItCovers:
    """Issue 11: every report header states the date, the parties covered and the credibility."""

    @pytest.mark.parametrize("command", COVERING)
    @pytest.mark.parametrize("fmt", ["text", "markdown"])
    def test_the_header_names_parties_and_credibility(
        self, capsys: pytest.CaptureFixture[str], command: str, fmt: str
    ) -> None:
        """The first paragraph names the parties covered, those left out and the records."""
        argv = [*COVERING[command], "--parties", "UA,US", "--format", fmt]
        code, out, err = run(capsys, command, UKRAINE, *argv)
        assert (code, err) == (0, "")
        head = out.split("\n\n")[1]
        assert head.startswith("Covers Ukraine and United States (2 of 4 parties; left out:")
        if command != "timeline":
            assert "records alleged or better counted, denied ones left out" in head
        assert ("2026-01-01" in head) or ("2025-12-20" in head)

    @pytest.mark.parametrize("command", [c for c in COVERING if c != "timeline"])
    def test_json_coverage_follows_the_options(
        self, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """JSON's coverage lists the parties and the credibility levels counted."""
        argv = [*COVERING[command], "--exclude-group", "Europe", "--min-credibility", "reported"]
        code, out, err = run(capsys, command, UKRAINE, *argv, "--format", "json")
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert check_document(doc) == []
        covered = doc["coverage"]
        assert [p["id"] for p in covered["parties"]] == ["RU", "UA", "US"]
        assert [p["id"] for p in covered["left_out"]] == ["EU"]
        assert covered["credibility_counted"] == ["reported", "confirmed"]


class TestBadPartyOptions:
    """Bad party options: one line naming the option and the value, exit 2, nothing else."""

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--exclude-group", "NATO"], "--exclude-group: 'NATO' is not the group of any party"),
            (["--parties", "EU", "--exclude-group", "Europe"], "--parties: 'EU' is in a group"),
            (["--condition-holders", "XX"], "--condition-holders: 'XX' is not a party"),
        ],
    )
    @pytest.mark.parametrize("command", ["analyze", "deadlocks", "timeline"])
    def test_refused_in_one_line(
        self,
        capsys: pytest.CaptureFixture[str],
        command: str,
        argv: list[str],
        message: str,
    ) -> None:
        code, out, err = run(capsys, command, UKRAINE, *argv)
        assert code == 2
        assert out == ""
        assert message in err
        assert err.count("\n") == 1
        assert "Traceback" not in err


class TestPackagesWithSilentParties:
    """Issue 12 (its first point): silent parties are indifferent, in the CLI as in the API."""

    @pytest.mark.parametrize("example", EXAMPLES)
    def test_every_example_has_an_agreement_space_with_all_parties(
        self, capsys: pytest.CaptureFixture[str], example: str
    ) -> None:
        """`packages` with every party is the API's agreement and names who was silent where."""
        code, out, err = run(capsys, "packages", example, "--format", "json")
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert check_document(doc) == []
        snap = nt.load(example).timeline.snapshot()
        expected = nt.agreement(snap)
        assert doc["agreement"] == json.loads(json.dumps(plain(expected.to_dict())))
        silent = {
            p: [i for i in expected.issues if (p, i) not in snap.statements]
            for p in expected.parties
        }
        assert doc["silent"] == {p: quiet for p, quiet in silent.items() if quiet}
        code, text, _ = run(capsys, "packages", example)
        if doc["silent"]:
            assert "Silent parties are indifferent" in text


class TestRobustness:
    def test_report_and_reproducible(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON report is the API's, and the same seed prints the same report."""
        code, out, err = run(
            capsys, "robustness", UKRAINE, "--samples", "200", "--seed", "3", "--format", "json"
        )
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert check_document(doc) == []
        api = nt.robustness(nt.load(UKRAINE).timeline, samples=200, seed=3)
        assert doc["robustness"] == plain(api.to_dict())
        assert (
            run(
                capsys, "robustness", UKRAINE, "--samples", "200", "--seed", "3", "--format", "json"
            )[1]
            == out
        )

    def test_workers_give_the_same_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--workers 2 (a process pool) prints what one process prints."""
        one = run(
            capsys, "robustness", UKRAINE, "--samples", "100", "--workers", "1", "--format", "json"
        )
        two = run(
            capsys, "robustness", UKRAINE, "--samples", "100", "--workers", "2", "--format", "json"
        )
        assert one == two

    @pytest.mark.parametrize(
        ("args", "needle"),
        [
            (["--samples", "0"], "--samples: 0 must be 1 or more"),
            (["--seed", "-1"], "--seed: -1 must be 0 or more"),
            (["--samples", "many"], "--samples: 'many' is not a whole number"),
            (["--workers", "0"], "--workers: 0 must be 1 or more"),
            (["--threshold", "2"], "--threshold: 2 must lie in (0, 1]"),
            (["--parties", "XX"], "XX"),
        ],
    )
    def test_bad_input_one_line_exit_2(
        self, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
    ) -> None:
        """Bad arguments: one line on stderr, exit 2, no traceback."""
        code, _, err = run(capsys, "robustness", UKRAINE, *args)
        assert code == 2
        assert err.count("\n") == 1
        assert needle in err
        assert "Traceback" not in err

    def test_scheduler_unreachable_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--scheduler naming no cluster fails in one line (or says the extra is missing)."""
        code, _, err = run(
            capsys, "robustness", UKRAINE, "--samples", "5", "--scheduler", "tcp://127.0.0.1:9"
        )
        assert code == 2
        assert err.count("\n") == 1
        assert "--scheduler tcp://127.0.0.1:9" in err

    def test_brief_marks_conclusions(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Brief --robustness opens the summary's conclusions with their labels."""
        out = tmp_path / "brief.html"
        code, said, err = run(
            capsys, "brief", UKRAINE, "-o", str(out), "--robustness", "--samples", "300"
        )
        assert (code, err) == (0, "")
        assert "conclusions fragile" in said
        page = out.read_text(encoding="utf-8")
        assert "[fragile: holds in" in page
        assert "ru-donbas-2.red_line" in page
        plain_page = tmp_path / "plain.html"
        run(capsys, "brief", UKRAINE, "-o", str(plain_page))
        assert "[fragile" not in plain_page.read_text(encoding="utf-8")

    def test_condition_holders_reach_the_robustness_run(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Regression: brief --robustness read every holder's conditions, whatever was asked."""
        args = ("--samples", "40", "--condition-holders", "RU", "--format", "json")
        code, said, err = run(capsys, "robustness", UKRAINE, *args)
        assert (code, err) == (0, "")
        doc = json.loads(said)
        held = [p["id"] for p in doc["coverage"]["condition_holders"]]
        assert held == ["RU"]
        api = nt.robustness(nt.load(UKRAINE).timeline, samples=40, condition_holders=["RU"])
        assert doc["robustness"] == plain(api.to_dict())
        assert not any(c["id"].startswith("knot") for c in doc["robustness"]["conclusions"])
        every = nt.robustness(nt.load(UKRAINE).timeline, samples=40)
        assert any(c.claim.id.startswith("knot") for c in every.conclusions)
        out = tmp_path / "brief.html"
        code, said, err = run(
            capsys,
            "brief",
            UKRAINE,
            "-o",
            str(out),
            "--robustness",
            "--samples",
            "40",
            "--condition-holders",
            "RU",
        )
        assert (code, err) == (0, "")
        assert "Sequencing deadlock" not in out.read_text(encoding="utf-8")
        assert f"of {len(api.conclusions)} conclusions fragile" in said
        code, _, err = run(capsys, "robustness", UKRAINE, "--condition-holders", "XX")
        assert code == 2
        assert "--condition-holders" in err


def test_a_missing_store_is_missing_not_misnamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `analyze talks_typo.db` blamed the name, though a store may have any name."""
    missing = tmp_path / "talks_typo.db"
    assert main(["analyze", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "no such file or directory" in err.lower()
    assert "must end in" not in err
    assert err.count("\n") == 1


def test_a_reader_that_stops_reading_is_not_an_error() -> None:
    """Regression: `negotrack ... | head` blamed the input file for a broken pipe (exit 2).

    ``true`` exits without reading, long before Python has started, so the first write
    meets a closed pipe.
    """
    proc = subprocess.run(
        [
            "bash",
            "-c",
            f"{shlex.quote(sys.executable)} -m negotrack timeline examples/ukraine_dec2025.toml "
            "--format json | true; exit ${PIPESTATUS[0]}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("name", ["bad.xyz", "emptydir"])
def test_validate_and_analyze_judge_a_file_name_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Regression: validate had its own format rule ('name the file *.toml or *.json')."""
    target = tmp_path / name
    if name == "emptydir":
        target.mkdir()
    else:
        target.write_text("x")
    said = []
    for command in ("validate", "analyze"):
        assert main([command, str(target)]) == 2
        said.append(capsys.readouterr().err.split(": error: ", 1)[1])
    assert said[0] == said[1]
    assert "format=" not in said[0]


def test_an_unknown_flag_names_its_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: `analyze FILE --bogus` said 'negotrack: error' and pointed at the top help."""
    assert main(["analyze", "examples/ukraine_dec2025.toml", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "negotrack analyze: error: unrecognized arguments: --bogus (see negotrack analyze --help)\n"
    )


def test_convert_help_lists_every_format_with_its_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`convert --help` names each registered format and what it is (FileFormat.description)."""
    from negotrack.io.formats import FILE_FORMATS

    assert main(["convert", "--help"]) == 0
    text = capsys.readouterr().out
    for fmt in FILE_FORMATS.values():
        assert f"{fmt.name:<10} {fmt.description}" in text
    assert "../shared" not in text  # the example runs from a checkout
