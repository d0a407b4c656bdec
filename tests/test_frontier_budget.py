"""Tests of the many-party frontier merge and the agreement space's time limit (issue 18).

The merge for four parties or more is a sort-filter skyline; it must give exactly what the
plain pairwise filter and brute-force enumeration give. When the budget (time or work) runs
out, the frontier is a subset of the exact one and every report says so in one line. The
cut-short path is driven by a work budget or a time limit too small for any merge step,
never by timing.
"""

from __future__ import annotations

import datetime
import itertools
import json
import operator
from collections.abc import Sequence
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

import negotrack as nt
from negotrack.analysis.agreement import frontier as fr
from negotrack.analysis.agreement import solutions
from negotrack.cli import main
from negotrack.errors import AnalysisError, InvalidTypeError
from negotrack.io import reports
from negotrack.model.scales import Value
from negotrack.testing import strategies as nts

Vec = tuple[float, ...]
Pkg = tuple[Value, ...]

#: Far below the time any merge step takes: the merge is cut at its first check.
NO_TIME = 1e-9


def _pairwise(items: Sequence[tuple[Vec, int, int]]) -> dict[Vec, set[tuple[int, int]]]:
    """Filter pairwise (the plain way): every vector no other dominates, with all its (prev, j)."""
    vecs = {v for v, _, _ in items}
    keep = {
        v
        for v in vecs
        if not any(w != v and all(a >= b for a, b in zip(w, v, strict=True)) for w in vecs)
    }
    out: dict[Vec, set[tuple[int, int]]] = {v: set() for v in keep}
    for v, prev, j in items:
        if v in out:
            out[v].add((prev, j))
    return out


def _brute_frontier(space: nt.AgreementSpace) -> set[tuple[Pkg, Vec]]:
    """Return the rational frontier of the enumerated feasible packages (pairwise filter)."""
    feas = space.feasible_outcomes
    every: list[tuple[Pkg, Vec]] = []
    for combo in itertools.product(*(feas[i] for i in space.issues)):
        vec = tuple(space.utilities(dict(zip(space.issues, combo, strict=True))).values())
        if all(u >= r for u, r in zip(vec, space.reserved, strict=True)):
            every.append((combo, vec))
    keep = _pairwise([(v, k, 0) for k, (_, v) in enumerate(every)])
    return {(p, v) for p, v in every if v in keep}


def _listed(front: nt.Frontier) -> set[tuple[Pkg, Vec]]:
    return {(tuple(p.values()), v) for p, v in front.packages()}


def _items(dim: int) -> st.SearchStrategy[list[tuple[Vec, int, int]]]:
    """Draw utility vectors on a coarse dyadic grid (many ties), with back-pointers."""
    vec = st.tuples(*[nts.dyadic_units(denominator=4)] * dim)
    return st.lists(st.tuples(vec, st.integers(0, 3), st.integers(0, 3)), max_size=60)


class TestManyPartyMerge:
    @given(st.integers(1, 8).flatmap(_items))
    def test_skyline_sweep_equals_pairwise_filter(self, items: list[tuple[Vec, int, int]]) -> None:
        """The sort-filter skyline keeps exactly the undominated vectors, every tie with them."""
        pts, back = fr._sweep_any(list(items))
        assert len(pts) == len(set(pts))
        assert {v: set(b) for v, b in zip(pts, back, strict=True)} == _pairwise(items)
        assert pts == sorted(pts, reverse=True)  # decreasing utility of the first party

    @given(
        nts.agreement_spaces(
            min_parties=2,
            max_parties=8,
            max_issues=3,
            max_values=3,
            values=nts.dyadic_units(),
            weights=nts.dyadic_units(),
        )
    )
    def test_merged_frontier_equals_pairwise_filter_for_two_to_eight_parties(
        self, space: nt.AgreementSpace
    ) -> None:
        """With exact utilities the merge is the brute-force frontier, ties included."""
        front = space.frontier()
        assert front.complete
        assert _listed(front) == _brute_frontier(space)

    def test_one_party_frontier_is_its_best_packages(self) -> None:
        """Regression: the many-party sweep indexed a second utility a lone party lacks."""
        u = nt.UtilityFunction(weights={"x": 1}, values={"x": {0: 0.5, 1: 1.0, 2: 1.0}})
        front = nt.AgreementSpace({"A": u}, {"x": [0, 1, 2]}).frontier()
        assert front.points == ((1.0,),)
        assert front.n_packages == 2


class TestFrontierBudget:
    def test_budget_counts_work_and_raises_past_it(self) -> None:
        budget = fr.FrontierBudget(None, max_work=5)
        budget.spend(5)
        assert budget.work == 5
        with pytest.raises(fr.FrontierCutError) as cut:
            budget.spend(1)
        assert cut.value.reason == "work"

    def test_time_limit_cuts_at_the_first_check(self) -> None:
        budget = fr.FrontierBudget(NO_TIME)
        with pytest.raises(fr.FrontierCutError) as cut:
            budget.spend(0)
        assert cut.value.reason == "time"

    @given(
        nts.agreement_spaces(min_parties=2, max_parties=6, max_issues=3, max_values=3),
        st.integers(0, 60),
    )
    def test_a_cut_frontier_is_a_subset_of_the_frontier(
        self, space: nt.AgreementSpace, max_work: int
    ) -> None:
        """Whatever the work budget, the points returned are points of the exact frontier."""
        tables, reserved = space._tables, space.reserved
        exact, _, _ = fr.merge_frontier(tables, reserved)
        found = fr.bounded_frontier(tables, reserved, time_limit=None, max_work=max_work)
        if found.complete:
            assert found.points == exact
            assert found.merged == len(tables)
            assert (found.cut_by, found.weights) == (None, 0)
        else:
            assert set(found.points) <= set(exact)
            assert found.cut_by == "work"
            assert 0 <= found.merged < len(tables)
            assert found.weights >= len(reserved) + 1
            if found.above is not None:  # the frontier above the balanced point is all there
                above = {v for v in exact if all(map(operator.ge, v, found.above))}
                assert above <= set(found.points)
                assert found.n_above == len(above)
        if max_work == 0 and space.feasible_size:  # no feasible package: nothing to merge
            assert not found.complete
            assert found.merged == 0

    @given(nts.agreement_spaces(min_parties=2, max_parties=6, max_issues=3, max_values=3))
    def test_a_frontier_cut_short_lists_only_pareto_optimal_packages(
        self, space: nt.AgreementSpace
    ) -> None:
        """Cut at once, the frontier is flagged, lists only true frontier packages, and says so."""
        cut = nt.AgreementSpace(space.utility_functions, space.outcomes, time_limit=NO_TIME)
        front = cut.frontier()
        if not space.feasible_size:  # nothing to merge: the empty frontier is exact
            assert front.complete
            assert not front.points
            return
        assert not front.complete
        assert front.cut is not None
        assert "after merging 0 of" in front.cut
        assert f"the {len(front.points)} point" in front.cut
        exact = _brute_frontier(space)
        exact_points = {v for _, v in exact}
        assert set(front.points) <= exact_points
        for pkg, vec in front.packages():
            assert (tuple(pkg.values()), vec) in exact
            assert tuple(space.utilities(pkg).values()) == vec
        assert front.to_dict()["complete"] is False
        assert front.cut[1:] in front.describe()

    @given(
        nts.agreement_spaces(
            min_parties=2,
            max_parties=6,
            max_issues=3,
            max_values=3,
            values=nts.dyadic_units(),
            weights=nts.dyadic_units(),
        )
    )
    def test_a_cut_frontier_holds_the_egalitarian_solution(self, space: nt.AgreementSpace) -> None:
        """Cut at once (given the time), the frontier above the balanced point is merged in full.

        It holds the egalitarian solution and every point tied with it; each package listed
        reaches its point and is on the brute-force frontier.
        """
        found = fr.bounded_frontier(space._tables, space.reserved, time_limit=None, max_work=0)
        front = nt.Frontier(
            parties=space.parties,
            issues=space.issues,
            points=tuple(found.points),
            back=found.back,
            final=found.final,
            outcomes=space._feasible,
            cut="cut",
        )
        assert _listed(front) <= _brute_frontier(space)
        want = space.egalitarian()
        got = solutions.egalitarian(front, tuple(space.disagreement().values()))
        if want is None:
            assert got is None
            return
        assert found.above is not None
        assert got is not None
        assert got.utilities == want.utilities
        tied = {tuple(space.utilities(t).values()) for t in got.ties}
        assert tied == {tuple(space.utilities(t).values()) for t in want.ties}

    def test_utilitarian_package_is_found_when_cut(self) -> None:
        """The equal weighting is always tried: the utilitarian solution survives a cut."""
        outcomes, utilities = nt.random_utilities(5, 4, 5, seed=7, reserved=0.0)
        exact = nt.AgreementSpace(utilities, outcomes, time_limit=60)
        cut = nt.AgreementSpace(utilities, outcomes, time_limit=NO_TIME)
        assert exact.frontier().complete
        assert not cut.frontier().complete
        assert len(cut.frontier()) < len(exact.frontier())
        best, got = exact.utilitarian(), cut.utilitarian()
        assert best is not None
        assert got is not None
        assert got.utilities == best.utilities

    @pytest.mark.parametrize(
        ("value", "error"),
        [
            (0, AnalysisError),
            (-1.0, AnalysisError),
            (float("nan"), AnalysisError),
            (float("inf"), AnalysisError),
            ("2", InvalidTypeError),
            (True, InvalidTypeError),
        ],
    )
    def test_time_limit_is_validated(self, value: object, error: type[Exception]) -> None:
        outcomes, utilities = nt.random_utilities(2, 2)
        with pytest.raises(error, match="time_limit"):
            nt.AgreementSpace(utilities, outcomes, time_limit=value)  # type: ignore[arg-type]


def _four_party_timeline() -> nt.Timeline:
    scale = nt.NumericScale(0, 100)
    issues = [nt.Issue(f"i{k}", scale) for k in range(3)]
    parties = [nt.Party(p) for p in ("A", "B", "C", "D")]
    tl = nt.Timeline(issues=issues, parties=parties)
    for n, p in enumerate(parties):
        for k, i in enumerate(issues):
            ideal = (17 * n + 29 * k) % 100
            _ = tl.add(
                nt.Statement(
                    party=p.id,
                    issue=i.id,
                    date=datetime.date(2025, 1, 1),
                    position=nt.Position(
                        ideal=ideal,
                        acceptable=nt.Region.interval(
                            scale, max(0, ideal - 40), min(100, ideal + 40)
                        ),
                    ),
                    source=nt.Source(title="t"),
                )
            )
    return tl


#: Points added to numeric issues' breakpoints for the discrete (gridded) frontier.
GRID = 4


class TestReportsSayWhatWasCut:
    def test_agreement_flags_frontier_and_solutions(self) -> None:
        """The discrete many-party frontier (--grid) cut short: flagged, solutions from it."""
        snap = _four_party_timeline().snapshot()
        report = nt.agreement(snap, time_limit=NO_TIME, grid=GRID)
        assert report.frontier.cut is not None
        assert "frontier points (cut short)" in repr(report)
        assert report.frontier.cut[1:] in report.describe()
        assert all(s is None or not s.frontier_complete for s in report.solutions.values())
        found = [s for s in report.solutions.values() if s is not None]
        assert found
        assert all("frontier cut short" in s.describe() for s in found)
        full = nt.agreement(snap, grid=GRID)
        assert full.frontier.complete
        assert all(s is None or s.frontier_complete for s in full.solutions.values())

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
    def test_packages_time_limit_says_in_one_line_what_it_cut(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        path = tmp_path / "four.toml"
        from negotrack.io.formats import write_scenario
        from negotrack.io.scenario import Scenario

        write_scenario(Scenario(title="four", timeline=_four_party_timeline()), path)
        grid = ["--grid", str(GRID)]  # the discrete frontier; the continuum: the next test
        code = main(["packages", str(path), "--time-limit", str(NO_TIME), *grid, "--format", fmt])
        out = capsys.readouterr().out
        assert code == 0
        if fmt == "json":
            doc = json.loads(out)
            assert reports.check_document(doc) == []
            n_points = doc["agreement"]["frontier"]["n_points"]
            assert doc["cut"].startswith("frontier cut short by the time limit of 1e-09 s")
            assert f"the {n_points} point" in doc["cut"]
            assert doc["agreement"]["frontier"]["cut"] == doc["cut"]
            assert not doc["agreement"]["solutions"]["nash"]["frontier_complete"]
        else:
            lines = [ln for ln in out.splitlines() if "cut short by the time limit" in ln]
            assert len(lines) == 1
            assert "after merging 0 of 3 issues exactly" in lines[0]
        code = main(["packages", str(path), *grid, "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 0
        assert doc["cut"] is None
        assert doc["agreement"]["frontier"]["complete"] is True

    def test_the_continuous_solutions_say_the_time_limit_cut_them(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Over the continuum (no --grid) a cut search is said in the one cut line."""
        path = tmp_path / "four.toml"
        from negotrack.io.formats import write_scenario
        from negotrack.io.scenario import Scenario

        write_scenario(Scenario(title="four", timeline=_four_party_timeline()), path)
        code = main(["packages", str(path), "--time-limit", str(NO_TIME), "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 0
        assert reports.check_document(doc) == []
        assert "cut the search short" in doc["cut"]

    @pytest.mark.parametrize("value", ["0", "-1", "nan", "soon"])
    def test_packages_rejects_a_bad_time_limit(
        self, capsys: pytest.CaptureFixture[str], value: str
    ) -> None:
        example = Path(__file__).resolve().parents[1] / "examples" / "wage_negotiation.toml"
        assert main(["packages", str(example), "--time-limit", value]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1
        assert "--time-limit" in err
        assert "Traceback" not in err
