"""Continuous numeric issues: exact solutions and frontier checked against a fine grid."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings

import negotrack as nt
from negotrack.analysis.agreement import SOLUTIONS
from negotrack.analysis.agreement import continuous as cont
from negotrack.analysis.agreement import continuous_milp as cmilp
from negotrack.analysis.agreement.continuous import pareto_pieces
from negotrack.testing import strategies as nts

GRID = 1000  # points per numeric issue: the step is (hi - lo) / GRID
ORACLE_SECONDS = 3600.0  # the grid's time limit: never reached, so its frontier is exact
ROOT = Path(__file__).resolve().parent.parent


def span(space: nt.AgreementSpace, issue: str) -> float:
    """Return the length of a continuous issue's range (its lowest to highest breakpoint)."""
    marks = [float(o) for o in space.outcomes[issue]]
    return max(marks) - min(marks)


def gridded(space: nt.AgreementSpace, n: int = GRID) -> nt.AgreementSpace:
    """Return the space with each continuous issue discrete: breakpoints and n + 1 points.

    The grid is the oracle, so its frontier must be whole: the default time limit (2 s on
    the wall clock) cut it short on a loaded machine, and a cut grid frontier misses the
    points near the optimum (the cause of this file's flaky "within one step" failures).
    """
    outcomes: dict[str, tuple[float | str, ...]] = {}
    for i in space.issues:
        given_ = space.outcomes[i]
        if i in space.continuous:
            lo, hi = min(map(float, given_)), max(map(float, given_))
            grid = {min(hi, lo + (hi - lo) * k / n) for k in range(n + 1)}
            given_ = tuple(sorted({float(o) for o in given_} | grid))
        outcomes[i] = given_
    return nt.AgreementSpace(space.utility_functions, outcomes, time_limit=ORACLE_SECONDS)


def whole_frontier(space: nt.AgreementSpace) -> nt.Frontier:
    """Return the space's frontier, checking that no time limit cut it short."""
    front = space.frontier()
    assert front.cut is None, front.cut
    return front


def score(name: str, space: nt.AgreementSpace) -> Callable[[tuple[float, ...]], float]:
    """Return the criterion a solution maximises, with the continuous space's reference points."""
    d = tuple(space.disagreement().values())
    ideal = tuple(space.ideal().values())
    if name == "nash":
        return lambda u: math.prod(a - b for a, b in zip(u, d, strict=True))
    if name == "egalitarian":
        return lambda u: min(a - b for a, b in zip(u, d, strict=True))
    if name == "utilitarian":
        return sum
    spans = [(k, i - r) for k, (i, r) in enumerate(zip(ideal, d, strict=True)) if i - r > 0]
    return lambda u: min(((u[k] - d[k]) / s for k, s in spans), default=0.0)


def slopes(space: nt.AgreementSpace, issue: str) -> tuple[float, ...]:
    """Per party, the steepest change of its contribution per unit of a continuous issue."""
    out = [0.0] * len(space.parties)
    for lo, hi, p, q in space.segments[issue]:
        for k in range(len(out)):
            out[k] = max(out[k], abs(q[k] - p[k]) / (hi - lo))
    return tuple(out)


class TestContinuousSolutions:
    @pytest.mark.parametrize("name", SOLUTIONS)
    @settings(max_examples=40, deadline=None)
    @given(space=nts.continuous_agreement_spaces())
    def test_grid_never_beats_the_continuous_optimum(
        self, name: str, space: nt.AgreementSpace
    ) -> None:
        """No grid package (10^3 points per issue) beats the exact solution by over 1e-9."""
        exact = getattr(space, name)()
        front = whole_frontier(gridded(space))
        if exact is None:
            assert len(front) == 0  # nothing rational on the continuum: nor on the grid
            return
        f = score(name, space)
        u_star = tuple(exact.utilities[p] for p in space.parties)
        assert all(u >= r - 1e-12 for u, r in zip(u_star, space.reserved, strict=True))
        assert space.is_feasible(exact.package)
        best = max((f(pt) for pt in front.points), default=-math.inf)
        assert best <= f(u_star) + 1e-9

    @pytest.mark.parametrize("name", SOLUTIONS)
    @settings(max_examples=40, deadline=None)
    @given(space=nts.continuous_agreement_spaces())
    def test_the_grid_comes_within_one_step_of_the_continuous_optimum(
        self, name: str, space: nt.AgreementSpace
    ) -> None:
        """Rounding each moving issue to a grid point costs at most slope × step per party."""
        exact = getattr(space, name)()
        if exact is None:
            return
        f = score(name, space)
        u_star = tuple(exact.utilities[p] for p in space.parties)
        best = max((f(pt) for pt in whole_frontier(gridded(space)).points), default=-math.inf)
        step = {i: span(space, i) / GRID for i in space.continuous}
        delta = [
            sum(slopes(space, i)[k] * step[i] for i in space.continuous)
            for k in range(len(space.parties))
        ]
        near = tuple(u - e for u, e in zip(u_star, delta, strict=True))
        if all(v >= r for v, r in zip(near, space.reserved, strict=True)):
            assert best >= f(near) - 1e-9

    @settings(max_examples=40, deadline=None)
    @given(space=nts.continuous_agreement_spaces())
    def test_no_grid_package_dominates_a_continuous_frontier_point(
        self, space: nt.AgreementSpace
    ) -> None:
        """Every point and segment end of the continuous frontier is undominated by the grid."""
        front = space.frontier()
        grid = whole_frontier(gridded(space, 200))
        ends = list(front.points)
        for seg in front.segments:
            for utils, cut in (
                (seg.start_utilities, seg.start_open),
                (seg.end_utilities, seg.end_open),
            ):
                if not cut:
                    ends.append(tuple(utils.values()))
        for pt in ends:
            for q in grid.points:
                strictly = any(a > b + 1e-9 for a, b in zip(q, pt, strict=True))
                # "at least as good" compared exactly: drawn breakpoints may lie 1e-14
                # apart, so a real difference can be one unit of rounding
                assert not (strictly and all(a >= b for a, b in zip(q, pt, strict=True)))

    @settings(max_examples=40, deadline=None)
    @given(space=nts.continuous_agreement_spaces())
    def test_frontier_segment_utilities_are_the_packages_utilities(
        self, space: nt.AgreementSpace
    ) -> None:
        """Inside a segment, the package's utilities are the interpolated ones."""
        for seg in space.frontier().segments:
            a, b = seg.start[seg.issue], seg.end[seg.issue]
            assert isinstance(a, float)
            assert isinstance(b, float)
            mid = {**seg.start, seg.issue: (a + b) / 2}
            got = space.utilities(mid)
            for p in space.parties:
                want = (seg.start_utilities[p] + seg.end_utilities[p]) / 2
                assert got[p] == pytest.approx(want, abs=1e-9)


def _envelope(pieces: list[Any], xs: np.ndarray) -> np.ndarray:
    """Return the best second utility among the pieces' points with first utility >= x."""
    ys = np.full(len(xs), -np.inf)
    for x0, y0, x1, y1, _, _ in pieces:
        ys = np.where(xs <= x0, np.maximum(ys, y0), ys)
        if x1 > x0:
            inside = (xs >= x0) & (xs <= x1)
            ys = np.where(inside, np.maximum(ys, y0 + (y1 - y0) * (xs - x0) / (x1 - x0)), ys)
    return ys


class TestIssueFronts:
    @settings(max_examples=60, deadline=None)
    @given(space=nts.continuous_agreement_spaces(max_numeric=3, max_labelled=2))
    def test_merging_each_issues_own_frontier_gives_the_same_frontier(
        self, space: nt.AgreementSpace
    ) -> None:
        """The frontier merged from each issue's own frontier is the one merged from every piece.

        Compared as the staircase of best second utilities at every piece's ends and
        between them (within 1e-12), and the same rational extremes.
        """
        pairs = space._issue_pieces()
        issues = [
            (
                [(o, (v[0], v[1])) for o, v in pts],
                [(a, b, (p[0], p[1]), (q[0], q[1])) for a, b, p, q in segs],
            )
            for pts, segs in pairs
        ]
        reserved = (space.reserved[0], space.reserved[1])
        fast = cont.merge_pieces(issues, reserved)
        full = cont.merge_pieces(issues, reserved, issue_fronts=False)
        assert bool(fast) == bool(full)
        if not full:
            return
        ends = sorted({p[k] for p in fast + full for k in (0, 2)})
        xs = np.array(sorted(set(ends) | {(a + b) / 2 for a, b in itertools.pairwise(ends)}))
        assert np.allclose(_envelope(fast, xs), _envelope(full, xs), rtol=0, atol=1e-12)


class TestParetoPieces:
    def test_segment_partly_dominated_by_a_point_is_cut(self) -> None:
        """A point above the middle of a segment cuts out the part it dominates."""
        seg = (0.0, 1.0, 1.0, 0.0, None, (0, 0.0, 1.0))
        point = (0.5, 0.6, 0.5, 0.6, None, None)
        front = pareto_pieces([seg, point])
        kinds = [(p[0], p[2]) for p in front]
        assert kinds == [(0.0, 0.4), (0.5, 0.5), (0.5, 1.0)]

    def test_dominated_point_is_dropped(self) -> None:
        """A point below a segment is not on the frontier."""
        seg = (0.0, 1.0, 1.0, 0.0, None, (0, 0.0, 1.0))
        point = (0.4, 0.4, 0.4, 0.4, None, None)
        assert [p[0] for p in pareto_pieces([seg, point])] == [0.0]


class TestUkraine:
    def test_ukraine_us_nash_on_guarantee_years_is_the_continuous_optimum(self) -> None:
        """UA/US Nash: exact over the continuum of every numeric issue, checked on the grid."""
        snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
        space = nt.agreement_space(snap, parties=["UA", "US"])
        assert "guarantee_years" in space.continuous
        exact = space.nash()
        assert exact is not None
        grid = gridded(space)
        f = score("nash", space)
        u_star = tuple(exact.utilities.values())
        best_k = max(range(len(grid.frontier())), key=lambda k: f(grid.frontier().points[k]))
        assert f(grid.frontier().points[best_k]) <= f(u_star) + 1e-9
        step = 100 / GRID
        on_grid = grid.frontier().package(best_k)["guarantee_years"]
        assert isinstance(on_grid, float)
        assert abs(on_grid - float(exact.package["guarantee_years"])) <= step


class TestPackagesGrid:
    def test_grid_option_makes_numeric_issues_discrete(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`packages --grid N` is the API's grid=N; without it numeric issues are continuous."""
        from negotrack.cli import main

        path = "examples/ukraine_dec2025.toml"
        args = ["packages", path, "--parties", "UA,US", "--format", "json"]
        assert main([*args, "--grid", "4"]) == 0
        gridded_doc = json.loads(capsys.readouterr().out)["agreement"]
        assert main(args) == 0
        continuous_doc = json.loads(capsys.readouterr().out)["agreement"]
        snap = nt.load(path).timeline.snapshot()
        want = nt.agreement(snap, parties=["UA", "US"], grid=4)
        assert gridded_doc["continuous"] == []
        assert gridded_doc["size"] == want.size
        assert continuous_doc["continuous"] == [
            "donbas_withdrawal",
            "guarantee_years",
            "assets_unfrozen",
        ]

    def test_bad_grid_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A negative grid is bad input: one line, exit status 2."""
        from negotrack.cli import main

        assert main(["packages", "examples/ukraine_dec2025.toml", "--grid", "-1"]) == 2
        assert "--grid: -1 must be 0 or more" in capsys.readouterr().err


# ---------------------------------------------------------------------- three or more parties
MANY = nts.continuous_agreement_spaces(min_parties=3, max_parties=3, max_numeric=2)


def grid_outcomes(space: nt.AgreementSpace, issue: str, n: int = GRID) -> list[float | str]:
    """Return an issue's outcomes for the brute force: continuous, n + 1 points and breakpoints."""
    given_ = list(space.outcomes[issue])
    if issue not in space.continuous:
        return given_
    lo, hi = min(map(float, given_)), max(map(float, given_))
    grid = {min(hi, lo + (hi - lo) * k / n) for k in range(n + 1)}
    return sorted({float(o) for o in given_} | grid)


def brute_force(space: nt.AgreementSpace) -> np.ndarray:
    """Return the utility vectors of every rational package of the grid (enumerated)."""
    total = np.zeros((1, len(space.parties)))
    for i in space.issues:
        vecs = [
            [space.utility_functions[p].contribution(i, o) for p in space.parties]
            for o in grid_outcomes(space, i)
        ]
        table = np.array([v for v in vecs if all(math.isfinite(x) for x in v)])
        if table.size == 0:
            return np.zeros((0, len(space.parties)))
        total = (total[:, None, :] + table[None, :, :]).reshape(-1, len(space.parties))
    return total[(total >= np.array(space.reserved)).all(axis=1)]


def scores(name: str, space: nt.AgreementSpace, u: np.ndarray) -> np.ndarray:
    """Return the criterion of ``score`` for every row of ``u`` at once (Nash: the product)."""
    d = np.array(list(space.disagreement().values()))
    ideal = np.array(list(space.ideal().values()))
    g = u - d
    if name == "nash":
        return np.asarray(np.prod(g, axis=1))
    if name == "egalitarian":
        return np.asarray(g.min(axis=1))
    if name == "utilitarian":
        return np.asarray(u.sum(axis=1))
    spans = ideal - d
    keep = spans > 0
    if not keep.any():
        return np.zeros(len(u))
    return np.asarray((g[:, keep] / spans[keep]).min(axis=1))


def utilities_of(space: nt.AgreementSpace, solution: nt.Solution) -> np.ndarray:
    """Return a solution's utilities as a row, in the space's party order."""
    return np.array([[solution.utilities[p] for p in space.parties]])


@pytest.mark.slow  # each draw solves four mixed-integer programs and enumerates 10^6 packages
class TestManyParties:
    @settings(max_examples=15, deadline=None)
    @given(space=MANY)
    def test_the_grid_never_beats_the_exact_optimum_with_three_parties(
        self, space: nt.AgreementSpace
    ) -> None:
        """No package of a 10^3-point grid (plus breakpoints) scores over 1e-9 above it."""
        grid = brute_force(space)
        for name in SOLUTIONS:
            exact = getattr(space, name)()
            if exact is None:
                assert len(grid) == 0  # nothing rational on the continuum: nor on the grid
                continue
            assert exact.cut is None  # certified
            assert space.is_feasible(exact.package)
            u_star = utilities_of(space, exact)
            assert (u_star >= np.array(space.reserved) - 1e-12).all()
            best = scores(name, space, grid).max()
            assert best <= scores(name, space, u_star)[0] + 1e-9, name

    @settings(max_examples=15, deadline=None)
    @given(space=MANY)
    def test_rounding_the_exact_package_to_the_grid_costs_at_most_slope_times_step(
        self, space: nt.AgreementSpace
    ) -> None:
        """The exact optimum is within one grid step: its package rounded inside its interval.

        Rounding each continuous outcome to the nearest grid point or breakpoint in the
        same closed elementary interval moves each party's utility along a line, or to a
        breakpoint worth at least the line's limit, so no party loses more than its slope
        times the step; the grid's best therefore scores at least the criterion there.
        """
        grid = brute_force(space)
        for name in SOLUTIONS:
            exact = getattr(space, name)()
            if exact is not None:
                self.check_rounding(space, name, exact, grid)

    @staticmethod
    def check_rounding(
        space: nt.AgreementSpace, name: str, exact: nt.Solution, grid: np.ndarray
    ) -> None:
        """Round the exact package to the grid and check what each party loses at most."""
        rounded = dict(exact.package)
        for i in space.continuous:
            x = float(exact.package[i])
            marks = sorted(float(o) for o in space.outcomes[i])
            lo = max((m for m in marks if m <= x), default=x)
            hi = min((m for m in marks if m >= x), default=x)
            near = [o for o in grid_outcomes(space, i) if isinstance(o, float) and lo <= o <= hi]
            rounded[i] = min(near, key=lambda o: abs(o - x))
        got = np.array([[space.utilities(rounded)[p] for p in space.parties]])
        step = {i: span(space, i) / GRID for i in space.continuous}
        delta = np.array(
            [
                sum(slopes(space, i)[k] * step[i] for i in space.continuous)
                for k in range(len(space.parties))
            ]
        )
        u_star = utilities_of(space, exact)
        assert (got >= u_star - delta - 1e-12).all()
        if (got >= np.array(space.reserved)).all():
            assert scores(name, space, grid).max() >= scores(name, space, got)[0] - 1e-12

    @settings(max_examples=15, deadline=None)
    @given(space=MANY)
    def test_breakpoints_only_never_beat_the_continuum_with_three_parties(
        self, space: nt.AgreementSpace
    ) -> None:
        """The solution searched at the breakpoints only never scores above the exact one."""
        discrete = nt.AgreementSpace(space.utility_functions, space.outcomes)
        for name in SOLUTIONS:
            exact, coarse = getattr(space, name)(), getattr(discrete, name)()
            if coarse is None:
                continue
            assert exact is not None  # a rational breakpoint package is a rational package
            both = np.vstack([utilities_of(space, coarse), utilities_of(space, exact)])
            f = scores(name, space, both)
            assert f[0] <= f[1] + 1e-9, name

    @settings(max_examples=15, deadline=None)
    @given(space=MANY)
    def test_no_grid_package_dominates_a_three_party_solution(
        self, space: nt.AgreementSpace
    ) -> None:
        """Every solution is Pareto-optimal: no grid package is better for all by over 1e-9."""
        grid = brute_force(space)
        for solution in space.solutions().values():
            if solution is None:
                continue
            u = utilities_of(space, solution)
            assert not ((grid >= u - 1e-12).all(axis=1) & (grid > u + 1e-9).any(axis=1)).any()

    @settings(max_examples=15, deadline=None)
    @given(space=MANY)
    def test_listed_ties_score_as_well_and_are_better_for_some_party(
        self, space: nt.AgreementSpace
    ) -> None:
        """A listed tie is rational, as good (within 1e-9) and better for someone."""
        for name, solution in space.solutions().items():
            if solution is None:
                continue
            u = utilities_of(space, solution)
            for tie in solution.ties:
                v = np.array([[space.utilities(tie)[p] for p in space.parties]])
                assert (v >= np.array(space.reserved) - 1e-12).all()
                f = scores(name, space, np.vstack([u, v]))
                assert abs(f[0] - f[1]) <= 1e-9 * max(1.0, abs(f[0]))
                assert (v > u).any()

    def test_nash_inside_an_interval_beats_every_breakpoint(self) -> None:
        """One issue, three parties: Nash at x = 100/3, between the breakpoints 30 and 100."""
        space = _three_party_space(time_limit=2.0)
        nash = space.nash()
        assert nash is not None
        assert nash.package["x"] == pytest.approx(100 / 3, abs=1e-6)
        coarse = nt.AgreementSpace(space.utility_functions, space.outcomes).nash()
        assert coarse is not None
        assert coarse.package["x"] == 30.0

    def test_ukraine_every_party_is_solved_over_the_continuum(self) -> None:
        """All four parties: numeric issues continuous; Russia cannot gain, so Nash ties."""
        snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
        report = nt.agreement(snap)
        assert report.continuous == ("donbas_withdrawal", "guarantee_years", "assets_unfrozen")
        assert len(report.parties) == 4
        nash = report.solutions["nash"]
        assert nash is not None
        assert nash.gains["RU"] == 0.0
        assert nash.more_ties
        assert nash.frontier_complete
        assert report.frontier.cut is not None
        assert "the solutions are exact over the continuum" in report.frontier.cut

    def test_a_time_limit_says_what_it_cut(self) -> None:
        """A nanosecond leaves the programs no time: each solution needing one is not certified.

        The utilitarian solution needs none here (its issue-by-issue optimum is rational),
        so it stays certified.
        """
        space = _three_party_space(time_limit=1e-9)
        found = space.solutions()
        for name, solution in found.items():
            assert solution is not None
            assert (solution.cut is None) == (name == "utilitarian"), name


def _three_party_space(*, time_limit: float) -> nt.AgreementSpace:
    scale = nt.NumericScale(0, 100)
    utilities = {
        p: nt.utility_from_positions(
            {"x": nt.Position(ideal=ideal, acceptable=nt.Region.interval(scale, 0, 100))}
        )
        for p, ideal in {"A": 0, "B": 30, "C": 100}.items()
    }
    return nt.AgreementSpace(
        utilities, {"x": [0.0, 30.0, 100.0]}, continuous=["x"], time_limit=time_limit
    )


class TestPackagesEveryParty:
    @pytest.mark.parametrize(
        "path",
        sorted(
            str(p.relative_to(ROOT))
            for p in [*(ROOT / "examples").glob("*.toml"), *(ROOT / "examples/formats").iterdir()]
        ),
    )
    def test_packages_with_every_party_gives_solutions(
        self, path: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`negotrack packages FILE` with all parties exits 0 with the four solutions."""
        from negotrack.cli import main

        monkeypatch.chdir(ROOT)
        assert main(["packages", path, "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)["agreement"]
        assert set(doc["solutions"]) == set(SOLUTIONS)
        assert any(s is not None for s in doc["solutions"].values())


# ---------------------------------------------------------------------- the solver's shortcuts
SMALL_MANY = nts.continuous_agreement_spaces(min_parties=3, max_parties=4, max_numeric=3)


def _unpruned(solver: cmilp.MilpSolver) -> cmilp.MilpSolver:
    """Return the same model with every option kept (no dominance pruning)."""
    return cmilp.MilpSolver(
        solver.issues,
        solver.given,
        solver.d.tolist(),
        solver.ideal.tolist(),
        solver.evaluate,
        time_limit=ORACLE_SECONDS,
        prune=False,
    )


class TestSolverShortcuts:
    @settings(max_examples=40, deadline=None)
    @given(space=SMALL_MANY)
    def test_every_dropped_option_is_weakly_dominated_by_a_kept_one(
        self, space: nt.AgreementSpace
    ) -> None:
        """Each option pruned is worth, to every party, at most what a kept option reaches."""
        solver = space._milp_solver()
        for given_, kept in zip(solver.given, solver.options, strict=True):
            assert bool(kept) == bool(given_)  # never every option of an issue
            reach = [np.asarray(o[4]) for o in kept] + [np.asarray(o[5]) for o in kept]
            for o in given_:
                if o in kept:
                    continue
                top = np.maximum(np.asarray(o[4]), np.asarray(o[5]))  # a point: its vector
                assert any(bool(np.all(r >= top)) for r in reach), o

    @settings(max_examples=40, deadline=None)
    @given(space=SMALL_MANY)
    def test_the_issue_by_issue_utilitarian_equals_the_programs(
        self, space: nt.AgreementSpace
    ) -> None:
        """When each issue's best option alone makes a rational package, no program beats it.

        Compared with the mixed-integer program over every option (no pruning): the same
        optimum within 1e-9, and the package's exact sum reaches it.
        """
        solver = space._milp_solver()
        assume(all(solver.given))  # the space solves nothing when an issue has no option
        n = len(space.parties)
        alone = solver.separable(np.ones(n))
        full = _unpruned(solver)
        got = full._milp(np.ones(n), rows=full._rational_rows())
        if alone is None:
            return
        package, u, bound = alone
        assert space.is_feasible(package)
        assert (u >= solver.d).all()
        assert got is not None
        assert abs(bound - got[1]) <= 1e-9 * max(1.0, abs(bound))
        assert float(np.sum(u)) >= got[1] - 1e-9 * max(1.0, abs(bound))

    @pytest.mark.slow  # each draw solves the four solutions twice, with their tie programs
    @settings(max_examples=15, deadline=None)
    @given(space=nts.continuous_agreement_spaces(min_parties=3, max_parties=3, max_numeric=2))
    def test_dropping_dominated_options_changes_no_solution(self, space: nt.AgreementSpace) -> None:
        """No solution of the whole model scores above the pruned model's by over 1e-9."""
        solver = space._milp_solver()
        solver.time_limit = ORACLE_SECONDS
        solver.deadline = solver.started[0] + ORACLE_SECONDS
        assume(all(solver.given))  # the space solves nothing when an issue has no option
        pruned = cmilp.solve(solver, SOLUTIONS)
        whole = cmilp.solve(_unpruned(solver), SOLUTIONS)
        for name in SOLUTIONS:
            a, b = pruned[name], whole[name]
            assert (a is None) == (b is None), name
            if a is None or b is None:
                continue
            assert a.cut is None, name  # the pruned model certifies its optimum
            f = scores(
                name,
                space,
                np.vstack(
                    [
                        [space.utilities(a.package)[p] for p in space.parties],
                        [space.utilities(b.package)[p] for p in space.parties],
                    ]
                ),
            )
            assert f[0] >= f[1] - 1e-9 * max(1.0, abs(f[1])), name  # nothing it dropped wins
