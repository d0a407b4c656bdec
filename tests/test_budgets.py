"""Every command with optional work keeps to its budget or says what it cut short (issue 18).

The commands of ``negotrack --help`` and their optional work:

* ``analyze``, ``deadlocks``, ``brief``, ``plot``: the condition analysis (exact untying
  searches, refining the greedy bound, the lower bound, the cycle listing) within
  ``--time-limit`` seconds; ``plot --kind conditions`` also draws at most ``MAX_CLAUSES``
  clauses and ``deadlocks --cycles`` lists at most 1,000 cycles.
* ``packages``: the agreement space (its budget is issue 18's first item, tested with it).
* ``validate``, ``timeline``, ``diff``, ``forecast``, ``import``, ``export``, ``add``: no
  optional work (linear passes over the record, a fixed grid per issue for ``forecast``).

Each test forces the cut-short path by a flag (a tiny ``--time-limit``) or a count (a knot
larger than a bound) and checks the report's flags and counts, never the time taken.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path
from typing import Any

import pytest

import negotrack as nt
from negotrack.analysis.deadlocks.api import DEFAULT_TIME_LIMIT, Budget
from negotrack.cli import main

DAY = datetime.date(2025, 12, 28)
#: A budget that is always spent before the optional work starts (the fixed work is longer).
SPENT = "1e-6"


def knotted(n: int, *, seed: int = 7) -> nt.Scenario:
    """Return a scenario whose n event clauses each need three others first (one large knot)."""
    rng = random.Random(seed)
    clauses = [nt.EventClause(f"e{i}") for i in range(n)]
    records: list[nt.Event | nt.Condition] = [
        nt.Event(id=f"e{i}", date=DAY, title=f"step {i}") for i in range(n)
    ]
    source = nt.Source(title="adversarial record")
    for i in range(n):
        records.extend(
            nt.Condition(
                holder="AB"[(i + j) % 2],
                clause=clauses[i],
                requires=clauses[j],
                date=DAY,
                source=source,
            )
            for j in sorted(rng.sample([k for k in range(n) if k != i], 3))
        )
    tl = nt.Timeline(
        issues=[], parties=[nt.Party("A"), nt.Party("B", capability=2.0)], records=records
    )
    return nt.Scenario(title="knots", timeline=tl)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a scenario file with a knot of 2,000 clauses (6,000 conditions)."""
    path = tmp_path_factory.mktemp("budgets") / "knots.json"
    nt.dump(knotted(2_000), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cut_short_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Cut short:")]


def conditions_of(out: str) -> dict[str, Any]:
    """Return the condition analysis of a JSON report (``analyze``: deadlocks, else conditions)."""
    doc = json.loads(out)
    conditions: dict[str, Any] = doc["deadlocks" if doc["kind"] == "brief" else "conditions"]
    return conditions


class TestAnalyze:
    def test_a_spent_budget_is_said_in_the_report(
        self, capsys: pytest.CaptureFixture[str], big: Path
    ) -> None:
        """--time-limit bounds the condition analysis; each cut is one "Cut short:" line."""
        code, out, _ = run(capsys, "analyze", str(big), "--time-limit", SPENT, "--format", "json")
        assert code == 0
        report = conditions_of(out)
        assert report["truncated"] is True
        assert any("time limit stopped" in n for n in report["notes"])
        code, text, _ = run(capsys, "analyze", str(big), "--time-limit", SPENT)
        assert code == 0
        assert len(cut_short_lines(text)) == len(report["notes"])

    def test_the_greedy_bound_is_given_whatever_the_budget(
        self, capsys: pytest.CaptureFixture[str], big: Path
    ) -> None:
        """The fixed work completes: one knot of 2,000 clauses and an untying set that unties it."""
        _, out, _ = run(capsys, "analyze", str(big), "--time-limit", SPENT, "--format", "json")
        report = conditions_of(out)
        assert len(report["sequencing"]) == 1
        assert report["untie"]["count"] >= report["untie"]["lower_bound"] >= 1

    @pytest.mark.parametrize("bad", ["0", "-1", "nan", "inf", "soon"])
    def test_a_bad_limit_is_one_line(
        self, capsys: pytest.CaptureFixture[str], big: Path, bad: str
    ) -> None:
        """--time-limit must be a finite number of seconds above 0 (argparse: exit 2, one line)."""
        code, _, err = run(capsys, "analyze", str(big), "--time-limit", bad)
        assert code == 2
        assert len(err.strip().splitlines()) == 1
        assert "is not a number of seconds above 0" in err
        assert "Traceback" not in err


class TestDeadlocks:
    def test_a_spent_budget_cuts_the_cycle_listing_and_says_so(
        self, capsys: pytest.CaptureFixture[str], big: Path
    ) -> None:
        """With --cycles and a spent budget the listing stops, and the report says which bound did."""
        code, out, _ = run(
            capsys, "deadlocks", str(big), "--cycles", "--time-limit", SPENT, "--format", "json"
        )
        assert code == 0
        report = conditions_of(out)
        assert report["truncated"] is True
        assert report["cycles"]["cut_by"]
        assert any(n.startswith("cycle listing:") for n in report["notes"])
        code, text, _ = run(capsys, "deadlocks", str(big), "--cycles", "--time-limit", SPENT)
        assert len(cut_short_lines(text)) == len(report["notes"])

    def test_the_cycle_listing_is_bounded_by_count(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A complete graph of 60 clauses has more cycles than any listing: at most 1,000 are listed."""
        day, source = DAY, nt.Source(title="t")
        clauses = [nt.EventClause(f"e{i}") for i in range(60)]
        tl = nt.Timeline(
            issues=[],
            parties=[nt.Party("A")],
            records=[nt.Event(id=f"e{i}", date=day, title="s") for i in range(60)],
        )
        for i in range(60):
            for j in range(60):
                if i != j:
                    tl.add(
                        nt.Condition(
                            holder="A",
                            clause=clauses[i],
                            requires=clauses[j],
                            date=day,
                            source=source,
                        )
                    )
        path = tmp_path / "complete.json"
        nt.dump(nt.Scenario(timeline=tl), path)
        _, out, _ = run(
            capsys, "deadlocks", str(path), "--cycles", "--time-limit", "60", "--format", "json"
        )
        cycles = conditions_of(out)["cycles"]
        assert len(cycles["cycles"]) == 1000
        assert "count" in cycles["cut_by"]


class TestBrief:
    def test_each_analysis_of_the_page_says_what_its_share_cut_short(
        self, capsys: pytest.CaptureFixture[str], big: Path, tmp_path: Path
    ) -> None:
        """The page holds one analysis per credibility level; each says what the budget cut."""
        out = tmp_path / "brief.html"
        code, _, _ = run(capsys, "brief", str(big), "-o", str(out), "--time-limit", SPENT)
        assert code == 0
        page = out.read_text(encoding="utf-8")
        variants = page.count("<section data-variant")
        assert variants == len(nt.Credibility)
        assert page.count("the time limit stopped the check") == variants

    def test_the_analyses_share_one_budget(
        self, monkeypatch: pytest.MonkeyPatch, big: Path
    ) -> None:
        """The limits given to the page's analyses add up to at most the page's budget."""
        from negotrack.analysis.deadlocks import api
        from negotrack.io import html_brief

        given: list[float] = []
        real = nt.analyze_conditions

        def spy(*args: Any, **kwargs: Any) -> Any:
            given.append(kwargs["time_limit"])
            return real(*args, **kwargs)

        # the brief imports the analysis where it runs it (tests/test_lazy_import.py)
        monkeypatch.setattr(api, "analyze_conditions", spy)
        html_brief.html_brief(nt.load(big), time_limit=0.5)
        assert len(given) == len(nt.Credibility)
        assert given[0] <= 0.5 / len(nt.Credibility)
        assert all(limit <= 0.5 for limit in given)


class TestPlot:
    def test_a_large_knot_is_drawn_in_part_and_the_figure_says_so(
        self, capsys: pytest.CaptureFixture[str], big: Path, tmp_path: Path
    ) -> None:
        """Plot --kind conditions draws the clauses a reader can see and counts those left out."""
        pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")
        from negotrack.io.reports.svg import MAX_CLAUSES

        out = tmp_path / "conditions.svg"
        code, _, _ = run(
            capsys, "plot", str(big), "--kind", "conditions", "-o", str(out), "--time-limit", SPENT
        )
        assert code == 0
        svg = out.read_text(encoding="utf-8")
        assert f"{2_000 - MAX_CLAUSES} further clauses, not in or next to a deadlock" in svg


class TestBudget:
    def test_no_share_runs_past_the_end(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each share is what is left divided by the analyses left: none ends after the budget.

        A fake clock: the analyses use 0.1, 0.3 (past its share), 0.2 and 0.1 seconds.
        """
        from negotrack.analysis.deadlocks import api

        clock = [100.0]
        monkeypatch.setattr(api, "clock", lambda: clock[0])
        budget = Budget(1.0, 4)
        ends = []
        for used in (0.1, 0.3, 0.2, 0.1):
            share = budget.share()
            ends.append(clock[0] + share)
            clock[0] += used
        assert ends == pytest.approx([100.25, 100.1 + 0.9 / 3, 100.4 + 0.6 / 2, 100.6 + 0.4])
        assert all(end <= budget.end for end in ends)

    def test_a_spent_budget_still_gives_a_positive_limit(self) -> None:
        """Past the end, each analysis gets the floor (its fixed work still runs)."""
        budget = Budget(1e-9, 2)
        assert budget.share() == budget.share() == Budget.FLOOR

    def test_default_is_within_the_promised_two_seconds(self) -> None:
        assert 0 < DEFAULT_TIME_LIMIT <= 2
