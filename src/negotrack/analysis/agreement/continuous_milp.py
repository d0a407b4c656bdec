"""Exact solutions over continuous issues for three or more parties, by mixed-integer programs.

With two parties :mod:`negotrack.analysis.agreement.continuous` builds the whole frontier of
points and segments. With three or more the frontier is a union of pieces of dimension up to
``n - 1`` and is not enumerated; the four solutions are found exactly instead, each as the
optimum of one mixed-integer linear program (Nash: a short sequence of them) solved by HiGHS
(:func:`scipy.optimize.milp`).

**The model** (exact, no discretisation). On each issue exactly one *option* is chosen, by a
binary variable: a discrete outcome, a breakpoint of a continuous issue (its own value), or
an elementary interval between two consecutive breakpoints, with a continuous ``μ ∈ [0, b]``
placing the outcome inside (``λ = μ / b``): there each party's contribution is
``P + λ (Q − P)``, the line between its limits ``P`` and ``Q`` at the interval's ends.
Every party's utility is then linear in the variables, and red lines exclude what they exclude
(infeasible outcomes and intervals have no option). At ``λ = 0`` or ``1`` the model holds a
limit that no package reaches when a soft range jumps there, but the breakpoint itself is worth
at least that limit to every party, so no optimum is overstated: a package at an interval's
end is moved to the breakpoint, weakly better for everyone.

**The solutions.** ``g_p = u_p − d_p`` is party ``p``'s gain over its disagreement point and
every solution keeps ``g ≥ 0`` (rational packages: ``u_p ≥ d_p`` is ``u_p ≥ reserved_p``):

* utilitarian: maximise ``Σ u_p``;
* egalitarian: maximise ``t`` with ``g_p ≥ t`` for every party;
* Kalai–Smorodinsky (the ray reading, as for two parties): maximise ``t`` with
  ``g_p ≥ t (I_p − d_p)`` for each party whose ideal ``I_p`` exceeds ``d_p``;
* Nash: maximise ``Σ log g_p`` by outer approximation: ``y_p ≤ log a + (g_p − a) / a`` for
  tangent points ``a`` (each tangent lies above the concave ``log``, so the program's optimum
  is an upper bound), the program re-solved with a tangent added at each new optimum. After
  each round the cell the program chose (its options) is solved exactly (a concave problem
  over a box, SLSQP from the program's point), and its package evaluated exactly gives a
  lower bound. A cell's tangents at its own optimum make the program's bound over that cell
  equal to that optimum (its gradient there is normal to the cell), so each round either
  finds a new cell or closes the gap.

Egalitarian and Kalai–Smorodinsky optima are then made Pareto-optimal (among the packages as
good, the largest sum of utilities; a package dominating it would score at least as well and
have a larger sum). Nash with every gain positive is Pareto-optimal and unique in utilities
(``Σ log g`` is strictly concave).

**The certificate.** Every program's package is re-solved as a linear program on its cell
(HiGHS' dual simplex with tolerances 1e-10) and evaluated exactly with the parties'
utilities; the score of that package is a lower bound. HiGHS' proven dual bound (its LP
relaxations with tolerances only ever *relax* constraints, so the bound can only be raised by
them) is the upper bound. A solution is *certified* when they agree within 1e-9 (relative,
at least 1e-9 absolute; for Nash on ``Σ log g``, the relative gap of the product). Otherwise
(the time limit, or a gap HiGHS left) the solution says so in :attr:`Solved.cut`.

**Ties.** Whether another rational package scores as well (within 1e-9) and is better for some
party is one more program (maximise the largest single-party improvement over the solution,
the score held): none means the solution is the only non-dominated optimum; else one such
package is listed and ``more_ties`` says others may exist (over a continuum they usually do).
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp, minimize
from scipy.sparse import coo_array, csr_array, hstack

from negotrack._clock import clock
from negotrack.model.scales import Value

#: Relative (and absolute, below 1) gap at which an optimum counts as certified.
CERTIFIED_GAP = 1e-9
#: HiGHS stops a program when its bound is within 1e-6 (absolute) of its best package; the
#: objective is multiplied by this so that that gap is 1e-10 of a utility.
_OBJ_SCALE = 1e4
#: HiGHS accepts a package that breaks a constraint by up to 1e-6 (its feasibility
#: tolerance); the criterion's rows are multiplied by this so that that is 1e-9 of a utility.
_ROW_SCALE = 1e3
#: Where Nash's outer approximation adds tangents, as factors of a new gain.
_NEAR = (1.0, 1 - 1e-4, 1 + 1e-4, 1 - 1e-3, 1 + 1e-3, 1 - 1e-2, 1 + 1e-2)
#: Two packages tie when their scores differ by at most this (relative, at least absolute)...
TIE_SLACK = 1e-10
#: ... and one of them is better by more than this for some party.
TIE_GAIN = 1e-7
#: An option of one issue: (issue index, kind, a, b, P, Q); kind "at": outcome ``a``, vector
#: ``P`` (= ``Q``); kind "in": the open interval ``(a, b)`` with limits ``P`` at ``a`` and
#: ``Q`` at ``b``.
Option = tuple[int, str, Value, float, tuple[float, ...], tuple[float, ...]]
_LP_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Send the process's standard output (file descriptor 1) to the null device for a while.

    HiGHS (as bundled with SciPy 1.17) prints a debugging line straight to file descriptor 1
    on some programs ("HighsMipSolverData::transformNewIntegerFeasibleSolution
    tmpSolver.run();"), whatever its options say, which would corrupt a report written to
    standard output. Python's own buffer is flushed first; output from other threads during
    a solve is lost with it.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no descriptor 1 (a detached process): nothing to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def undominated(options: Sequence[Option], *, keep_points: bool = False) -> list[Option]:
    """Return one issue's options less those another option dominates for every party.

    Utilities add up over issues and every criterion (the four solutions, the rational rows,
    a weighted sum, the tie search's "better for some party") is non-decreasing in every
    utility, so an option whose every package is weakly worse for everyone than some package
    of another option is never needed: replacing it by that one keeps a package as good for
    each party. Dropped: a point (a breakpoint or a discrete outcome) when another point is
    worth at least as much to every party (of two equal points the later one), and an
    interval when one point is worth at least its corner, the largest limit of each party
    at either end (every value inside lies between the limits). Then a breakpoint is dropped
    when a kept interval's limit at it is the breakpoint's own vector, exactly (nobody's
    value jumps there): that interval's end (λ = 0 or 1) is the same package, so the
    programs lose nothing and have one binary fewer. Order is kept.

    Examples
    --------
    >>> at = lambda x, v: (0, "at", x, 0.0, v, v)
    >>> opts = [at(0.0, (0.2, 0.5)), at(10.0, (0.3, 0.6)), (0, "in", 0.0, 10.0, (0.2, 0.5),
    ...         (0.3, 0.6)), at(20.0, (0.4, 0.4)), (0, "in", 10.0, 20.0, (0.3, 0.6), (0.4, 0.4))]
    >>> [(o[1], o[2]) for o in undominated(opts)]
    [('in', 10.0)]
    """
    points = [np.asarray(o[4], dtype=float) for o in options if o[1] == "at"]
    table = np.array(points) if points else np.zeros((0, 0))
    kept: list[Option] = []
    j = -1
    for o in options:
        if o[1] == "at":
            j += 1
            v = table[j]
            geq = np.all(table >= v, axis=1)
            better = geq & np.any(table > v, axis=1)
            same = geq & ~better
            same[: j + 1] = False  # of equal points the last one stays
            if better.any() or same.any():
                continue
        elif len(table):
            corner = np.maximum(np.asarray(o[4], dtype=float), np.asarray(o[5], dtype=float))
            if np.all(table >= corner, axis=1).any():
                continue
        kept.append(o)
    if keep_points:
        return kept
    # a point an interval kept reaches at its end (nobody's value jumps there) is that end
    ends = {(o[2], tuple(o[4])) for o in kept if o[1] == "in"}
    ends |= {(o[3], tuple(o[5])) for o in kept if o[1] == "in"}
    return [o for o in kept if o[1] == "in" or (o[2], tuple(o[4])) not in ends]


class Solved:
    """One solution found by the solver: package, utilities, ties and what was cut short.

    Attributes
    ----------
    package : dict
        Issue id to outcome.
    ties : list of dict
        Other packages scoring as well that are better for some party.
    more_ties : bool
        Whether other tied packages may exist that are not listed.
    cut : str or None
        None when the optimum is certified; else one line saying why not.
    """

    def __init__(
        self,
        package: dict[str, Value],
        *,
        ties: Sequence[dict[str, Value]] = (),
        more_ties: bool = False,
        cut: str | None = None,
    ) -> None:
        self.package = package
        self.ties = list(ties)
        self.more_ties = more_ties
        self.cut = cut


class _Cell:
    """A choice of one option per issue: fixed vector ``c`` and columns ``G`` of the moving."""

    def __init__(self, chosen: list[Option], n: int) -> None:
        self.chosen = chosen
        self.moving = [k for k, o in enumerate(chosen) if o[1] == "in"]
        c = np.zeros(n)
        for o in chosen:
            c += np.asarray(o[4])
        self.c = c
        self.G = np.array(
            [np.asarray(chosen[k][5]) - np.asarray(chosen[k][4]) for k in self.moving]
        ).T.reshape(n, len(self.moving))
        self.key = tuple((o[0], o[1], o[2]) for o in chosen)


class MilpSolver:
    """The four solutions of a space with continuous issues, exact over the continuum.

    Parameters
    ----------
    issues : sequence of str
        The space's issues, in order.
    options : sequence of sequence of Option
        Per issue its feasible options (see :data:`Option`).
    disagreement, ideal : sequence of float
        The parties' disagreement and ideal points (in party order).
    evaluate : callable
        Package → each party's utility, in party order (exact evaluation).
    time_limit : float
        CPU seconds of this process for everything this solver does (then it stops and says
        so): CPU, not wall-clock, time, so that the answer on a small space does not depend
        on how loaded the machine is.
    prune : bool, optional
        Drop the options :func:`undominated` finds needless (True, the default; False
        keeps every option, for the tests that check the pruning changes no solution).
    keep_points : bool, optional
        Keep the breakpoints an interval reaches at its end (see :func:`undominated`):
        Nash's programs do (see :meth:`with_points`).
    """

    def __init__(
        self,
        issues: Sequence[str],
        options: Sequence[Sequence[Option]],
        disagreement: Sequence[float],
        ideal: Sequence[float],
        evaluate: Callable[[Mapping[str, Value]], tuple[float, ...]],
        *,
        time_limit: float,
        prune: bool = True,
        keep_points: bool = False,
    ) -> None:
        self.issues = tuple(issues)
        #: Every option given (a package's cell is read off these, see :meth:`cell_of`).
        self.given = [list(o) for o in options]
        #: The options the programs choose from: the given ones less the dominated.
        self.options = [
            undominated(o, keep_points=keep_points) if prune else list(o) for o in self.given
        ]
        self.d = np.asarray(disagreement, dtype=float)
        self.ideal = np.asarray(ideal, dtype=float)
        self.n = len(self.d)
        self.evaluate = evaluate
        self.time_limit = time_limit
        # CPU seconds of this process, so that a loaded machine does not cut small solves
        self.started = (clock(), time.monotonic())
        self.deadline = self.started[0] + time_limit
        self.timed_out = False
        flat = [o for opts in self.options for o in opts]
        self.flat = flat
        n_opt = len(flat)
        self.moving = [k for k, o in enumerate(flat) if o[1] == "in"]
        self.n_x = n_opt + len(self.moving)
        u = np.zeros((self.n, self.n_x))
        for k, o in enumerate(flat):
            u[:, k] = o[4]
        for j, k in enumerate(self.moving):
            u[:, n_opt + j] = np.asarray(flat[k][5]) - np.asarray(flat[k][4])
        self.U = u
        # one option per issue; μ_k ≤ b_k for each interval
        rows, cols, vals = [], [], []
        start = 0
        for s, opts in enumerate(self.options):
            for k in range(start, start + len(opts)):
                rows.append(s)
                cols.append(k)
                vals.append(1.0)
            start += len(opts)
        self._eq = coo_array((vals, (rows, cols)), shape=(len(self.options), self.n_x)).tocsr()
        rows, cols, vals = [], [], []
        for j, k in enumerate(self.moving):
            rows += [j, j]
            cols += [n_opt + j, k]
            vals += [1.0, -1.0]
        self._link = coo_array((vals, (rows, cols)), shape=(len(self.moving), self.n_x)).tocsr()
        scale = np.abs(self.ideal) + np.abs(self.d)
        self.span = float(np.max(self.ideal - np.minimum(self.d, self.ideal))) + 1.0
        self._scale = float(max(1.0, np.max(scale)))

    def with_points(self) -> MilpSolver:
        """Return the same model keeping every undominated breakpoint, on the same clock.

        Nash's outer approximation is certified against HiGHS' bound, which its integrality
        tolerance (1e-6) can raise: a program may mix an interval's end with a neighbouring
        option by 1e-7, which on ``Σ log g`` (concave) is worth a few 1e-9 at a corner of
        a cell. A breakpoint's own binary leaves no such corner, so Nash's programs keep the
        breakpoints (more binaries, fewer rounds left uncertified).
        """
        twin = MilpSolver(
            self.issues,
            self.given,
            self.d.tolist(),
            self.ideal.tolist(),
            self.evaluate,
            time_limit=self.time_limit,
            keep_points=True,
        )
        twin.started, twin.deadline = self.started, self.deadline
        return twin

    # ------------------------------------------------------------------ plumbing
    def remaining(self) -> float:
        """Return the CPU seconds left of the time limit."""
        return self.deadline - clock()

    def _wall(self, left: float) -> float:
        """Return wall-clock seconds for HiGHS worth ``left`` CPU seconds at the load so far."""
        cpu = clock() - self.started[0]
        wall = time.monotonic() - self.started[1]
        return left * min(max(wall / cpu if cpu > 0 else 1.0, 1.0), 20.0)

    def _milp(
        self,
        obj_u: np.ndarray,
        *,
        extra: int = 0,
        obj_extra: np.ndarray | None = None,
        extra_bounds: tuple[np.ndarray, np.ndarray] | None = None,
        extra_int: np.ndarray | None = None,
        rows: Sequence[tuple[np.ndarray, np.ndarray, float, float]] = (),
        raw_rows: Any = None,
        row_scale: float = _ROW_SCALE,
    ) -> tuple[np.ndarray, float] | None:
        """Maximise ``obj_u · u + obj_extra · z`` subject to the model and ``rows``.

        Each row is ``(w, v, lo, hi)``: ``lo ≤ w · u + v · z ≤ hi``. Returns the solution
        and HiGHS' proven upper bound on the maximum, or None if infeasible (or no solution
        found in time; :attr:`timed_out` then says so).
        """
        left = self.remaining()
        if left <= 0:
            self.timed_out = True
            return None
        c = np.concatenate(
            [-(obj_u @ self.U), -(obj_extra if obj_extra is not None else np.zeros(0))]
        )
        n_var = self.n_x + extra
        blocks = [LinearConstraint(hstack([self._eq, csr_array((self._eq.shape[0], extra))]), 1, 1)]
        if self.moving:
            blocks.append(
                LinearConstraint(
                    hstack([self._link, csr_array((self._link.shape[0], extra))]), -np.inf, 0
                )
            )
        if rows:
            mat = np.array([np.concatenate([w @ self.U, v]) for w, v, _, _ in rows])
            lo = np.array([r[2] for r in rows], dtype=float)
            hi = np.array([r[3] for r in rows], dtype=float)
            blocks.append(LinearConstraint(mat * row_scale, lo * row_scale, hi * row_scale))
        lb = np.zeros(n_var)
        ub = np.ones(n_var)
        integrality = np.zeros(n_var)
        integrality[: len(self.flat)] = 1
        if extra:
            assert extra_bounds is not None
            lb[self.n_x :], ub[self.n_x :] = extra_bounds
            if extra_int is not None:
                integrality[self.n_x :] = extra_int
        with _quiet_stdout():
            res = milp(
                c * _OBJ_SCALE,
                integrality=integrality,
                bounds=Bounds(lb, ub),
                constraints=blocks,
                options={
                    "time_limit": max(self._wall(left), 1e-3),
                    "mip_rel_gap": 1e-12,
                    "presolve": False,
                },
            )
        if res.x is None:
            if res.status == 1:
                self.timed_out = True
            return None
        if res.status == 1:
            self.timed_out = True
        bound = res.mip_dual_bound
        if bound is None or not math.isfinite(bound):
            bound = res.fun
        upper = -float(bound) / _OBJ_SCALE
        return np.asarray(res.x), upper

    def _cell(self, x: np.ndarray) -> _Cell:
        chosen: list[Option] = []
        start = 0
        for opts in self.options:
            k = max(range(len(opts)), key=lambda j: x[start + j])
            chosen.append(opts[k])
            start += len(opts)
        return _Cell(chosen, self.n)

    def cell_of(self, package: Mapping[str, Value]) -> _Cell:
        """Return the cell of a package: per issue its outcome's option (inside: the interval)."""
        chosen: list[Option] = []
        for s, opts in enumerate(self.given):
            v = package[self.issues[s]]
            at = [o for o in opts if o[1] == "at" and o[2] == v]
            inside = [
                o
                for o in opts
                if o[1] == "in" and isinstance(v, int | float) and float(o[2]) < v < o[3]
            ]
            chosen.append((at or inside)[0])
        return _Cell(chosen, self.n)

    def _lambdas(self, x: np.ndarray, cell: _Cell) -> np.ndarray:
        """Return the positions inside the chosen intervals, read off a program's solution."""
        index = {k: j for j, k in enumerate(self.moving)}
        out = []
        start = 0
        offsets = []
        for opts in self.options:
            offsets.append(start)
            start += len(opts)
        for k in cell.moving:
            opt = cell.chosen[k]
            pos = offsets[k] + self.options[k].index(opt)
            b = x[pos]
            mu = x[len(self.flat) + index[pos]]
            out.append(min(max(mu / b if b > 0 else 0.0, 0.0), 1.0))
        return np.asarray(out)

    def _cell_lp(
        self,
        cell: _Cell,
        obj_u: np.ndarray,
        *,
        t_coef: np.ndarray | None = None,
        rows: Sequence[tuple[np.ndarray, float]] = (),
    ) -> np.ndarray | None:
        """Solve the linear program of one cell; return the positions λ (None: infeasible).

        Maximise ``obj_u · u`` (plus ``t`` when ``t_coef`` is given: rows ``g_p ≥ t_coef_p
        t``) subject to ``g ≥ 0`` and ``w · u ≥ lo`` for each ``(w, lo)`` in ``rows``.
        """
        k = len(cell.moving)
        extra = 1 if t_coef is not None else 0
        c = np.concatenate([-(obj_u @ cell.G), -np.ones(extra)])
        a_ub: list[np.ndarray] = []
        b_ub: list[float] = []
        for p in range(self.n):  # -(c_p + G_p λ) + a_p t ≤ -d_p
            row = np.concatenate([-cell.G[p], [t_coef[p]] if t_coef is not None else []])
            a_ub.append(row)
            b_ub.append(cell.c[p] - self.d[p])
        for w, lo in rows:
            a_ub.append(np.concatenate([-(w @ cell.G), np.zeros(extra)]))
            b_ub.append(float(w @ cell.c) - lo)
        if k + extra == 0:
            ok = all(b >= -1e-12 for b in b_ub)
            return np.zeros(0) if ok else None
        bounds = [(0.0, 1.0)] * k + [(None, None)] * extra
        res = linprog(
            c,
            A_ub=np.array(a_ub),
            b_ub=np.array(b_ub),
            bounds=bounds,
            method="highs-ds",
            options=_LP_OPTIONS,
        )
        if res.status != 0:
            return None
        out: np.ndarray = np.clip(np.asarray(res.x[:k]), 0.0, 1.0)
        return out

    def _package(self, cell: _Cell, lam: np.ndarray) -> dict[str, Value]:
        """Return the package of a cell at positions λ (an interval's end: its breakpoint)."""
        out: dict[str, Value] = {}
        moving = dict(zip(cell.moving, lam, strict=True))
        for k, opt in enumerate(cell.chosen):
            issue = self.issues[opt[0]]
            if opt[1] == "at":
                out[issue] = opt[2]
                continue
            lo, hi = float(opt[2]), float(opt[3])
            t = float(moving[k])
            if t <= 1e-12:
                out[issue] = lo
            elif t >= 1 - 1e-12:
                out[issue] = hi
            else:
                out[issue] = min(max(lo + (hi - lo) * t, lo), hi)
        return out

    def utilities(self, package: Mapping[str, Value]) -> np.ndarray:
        """Return each party's exact utility for a package."""
        return np.asarray(self.evaluate(package), dtype=float)

    # ------------------------------------------------------------------ scores
    def score(self, name: str, u: np.ndarray) -> float:
        """Return the criterion a solution maximises (Nash: Σ log of the gains)."""
        g = u - self.d
        if name == "utilitarian":
            return float(np.sum(u))
        if name == "egalitarian":
            return float(np.min(g))
        if name == "kalai_smorodinsky":
            spans = self.ideal - self.d
            keep = spans > 0
            return float(np.min(g[keep] / spans[keep])) if keep.any() else 0.0
        return float(np.sum(np.log(g))) if np.all(g > 0) else -math.inf

    def _t_coef(self, name: str) -> np.ndarray | None:
        if name == "egalitarian":
            return np.ones(self.n)
        if name == "kalai_smorodinsky":
            spans = self.ideal - self.d
            return np.where(spans > 0, spans, 0.0)
        return None

    def _rational_rows(self) -> list[tuple[np.ndarray, np.ndarray, float, float]]:
        eye = np.eye(self.n)
        return [(eye[p], np.zeros(0), float(self.d[p]), np.inf) for p in range(self.n)]

    # ------------------------------------------------------------------ linear solutions
    def linear(self, name: str) -> tuple[dict[str, Value], np.ndarray, float, float] | None:
        """Solve a linear criterion; return (package, utilities, score, upper bound)."""
        coef = self._t_coef(name)
        if coef is None or not np.any(coef > 0):  # utilitarian (or KS where nobody can gain)
            alone = self.separable(np.ones(self.n))
            if alone is not None:
                pkg, u, top = alone
                upper = top if name == "utilitarian" else 0.0
                return pkg, u, self.score(name, u), upper
            got = self._milp(np.ones(self.n), rows=self._rational_rows())
            if got is None:
                return None
            cell = self._cell(got[0])
            lam = self._cell_lp(cell, np.ones(self.n))
            if lam is None:
                lam = self._lambdas(got[0], cell)
            pkg = self._package(cell, lam)
            u = self.utilities(pkg)
            upper = got[1] if name == "utilitarian" else 0.0
            return pkg, u, self.score(name, u), upper
        rows = [
            (np.eye(self.n)[p], np.array([-coef[p]]), float(self.d[p]), np.inf)
            for p in range(self.n)
        ]
        got = self._milp(
            np.zeros(self.n),
            extra=1,
            obj_extra=np.ones(1),
            extra_bounds=(np.zeros(1), np.full(1, np.inf)),
            rows=rows,
        )
        if got is None:
            return None
        x, upper = got
        cell = self._cell(x)
        lam = self._cell_lp(cell, np.zeros(self.n), t_coef=coef)
        if lam is None:
            lam = self._lambdas(x, cell)
        u = self.utilities(self._package(cell, lam))
        best = self.score(name, u)
        # Pareto-optimal among the packages as good: the largest sum of utilities
        floor = best - 1e-10 * max(1.0, abs(best))
        held = [
            (np.eye(self.n)[p], np.zeros(0), float(self.d[p] + coef[p] * floor), np.inf)
            for p in range(self.n)
        ]
        # the package found is among them, and the model reaches at least its utilities
        # (each issue's option or one as good for everyone): a sum no lower is a valid row,
        # which spares HiGHS the packages below it
        total = float(np.sum(u))
        floor_sum = total - CERTIFIED_GAP * max(1.0, abs(total))
        refined = self._milp(
            np.ones(self.n),
            rows=[*held, (np.ones(self.n), np.zeros(0), floor_sum, np.inf)],
        )
        cells = [cell]
        if refined is not None:
            cells.insert(0, self._cell(refined[0]))
        lo_rows = [(np.eye(self.n)[p], float(self.d[p] + coef[p] * floor)) for p in range(self.n)]
        for c2 in cells:
            lam2 = self._cell_lp(c2, np.ones(self.n), rows=lo_rows)
            if lam2 is None:
                continue
            pkg2 = self._package(c2, lam2)
            u2 = self.utilities(pkg2)
            if self.score(name, u2) >= floor - 1e-12 and np.all(u2 >= self.d - 1e-12):
                return pkg2, u2, self.score(name, u2), upper
        pkg = self._package(cell, lam)
        return pkg, u, best, upper

    def separable(self, weights: np.ndarray) -> tuple[dict[str, Value], np.ndarray, float] | None:
        """Maximise ``weights · u`` issue by issue; None when that package is not rational.

        A weighted sum of additive utilities is a sum over issues, so without the rational
        rows its maximum takes each issue's best option alone: a point, or an interval's
        better end, reached at its breakpoint (worth at least the limit to everyone). When
        that package is rational it is the optimum with them too (they only remove
        packages), and no program is needed. Returns ``(package, utilities, bound)``: the
        bound is the sum of the options' best values in the model (the MILP's own optimum),
        against which the package's exact value certifies it.
        """
        package: dict[str, Value] = {}
        bound = 0.0
        for s, opts in enumerate(self.options):
            best: tuple[float, Value] | None = None
            for o in opts:
                ends = [(float(weights @ np.asarray(o[4])), o[2])]
                if o[1] == "in":
                    ends.append((float(weights @ np.asarray(o[5])), o[3]))
                for value, outcome in ends:
                    if best is None or value > best[0]:
                        best = (value, outcome)
            if best is None:  # no feasible option on this issue: no package at all
                return None
            bound += best[0]
            package[self.issues[s]] = best[1]
        u = self.utilities(package)
        if not np.all(u >= self.d):
            return None
        return package, u, bound

    # ------------------------------------------------------------------ Nash
    def nash(
        self, egalitarian: tuple[dict[str, Value], np.ndarray, float, float]
    ) -> tuple[dict[str, Value], np.ndarray, float, float, int]:
        """Maximise Σ log g by outer approximation from the egalitarian package.

        Returns (package, utilities, Σ log g, upper bound, rounds). Only called when the
        egalitarian gain is positive (else every rational package has product 0).
        """
        best_pkg, best_u = egalitarian[0], egalitarian[1]
        lower = self.score("nash", best_u)
        top = np.maximum(self.ideal - self.d, 1e-300)
        log_top = np.log(top)
        floors = np.exp(lower - (np.sum(log_top) - log_top))  # g_p at the optimum is above
        floors = np.minimum(floors, top)
        tangents: list[list[float]] = []
        for p in range(self.n):
            pts = set(np.geomspace(floors[p], top[p], 8).tolist())
            pts.add(float(best_u[p] - self.d[p]))
            tangents.append(sorted(a for a in pts if a > 0))
        upper = math.inf
        rounds = 0
        seen: set[Any] = set()
        while rounds < 60:
            rounds += 1
            rows: list[tuple[np.ndarray, np.ndarray, float, float]] = []
            eye = np.eye(self.n)
            for p in range(self.n):
                rows.append((eye[p], np.zeros(self.n), float(self.d[p] + floors[p]), np.inf))
                rows.extend(  # y_p − g_p / a ≤ log a − 1
                    (-eye[p] / a, eye[p], -np.inf, math.log(a) - 1 - float(self.d[p]) / a)
                    for a in tangents[p]
                )
            got = self._milp(
                np.zeros(self.n),
                extra=self.n,
                obj_extra=np.ones(self.n),
                extra_bounds=(np.log(floors), log_top),
                rows=rows,
            )
            if got is None:
                break
            x, upper = got
            cell = self._cell(x)
            lam0 = self._lambdas(x, cell)
            lam = self._cell_nash(cell, lam0, floors)
            pkg = self._package(cell, lam)
            u = self.utilities(pkg)
            value = self.score("nash", u)
            if value > lower:
                lower, best_pkg, best_u = value, pkg, u
            if upper - lower <= CERTIFIED_GAP * max(1.0, abs(lower)):
                break
            # tangents at the cell's optimum, at the program's point, and at the package's
            # exact gains (an interval's end read as its breakpoint: the lower bound's point)
            g_new = [cell.c + cell.G @ lam - self.d, cell.c + cell.G @ lam0 - self.d, u - self.d]
            added = False
            for g in g_new:
                for p in range(self.n):
                    for f in _NEAR:  # the new point and around it: neighbouring cells too
                        a = float(g[p]) * f
                        if floors[p] <= a <= top[p] and all(
                            abs(a - b) > 1e-12 * b for b in tangents[p]
                        ):
                            tangents[p].append(a)
                            added = True
            if not added and cell.key in seen:
                break
            seen.add(cell.key)
        return best_pkg, best_u, lower, upper, rounds

    def _cell_nash(self, cell: _Cell, lam0: np.ndarray, floors: np.ndarray) -> np.ndarray:
        """Maximise Σ log g over one cell (concave over a box), from ``lam0``."""
        k = len(cell.moving)
        if k == 0:
            return lam0
        base = cell.c - self.d
        gmat = cell.G

        def neg(lam: np.ndarray) -> float:
            g = base + gmat @ lam
            if np.any(g <= 0):
                return 1e300
            return -float(np.sum(np.log(g)))

        def grad(lam: np.ndarray) -> np.ndarray:
            g = np.maximum(base + gmat @ lam, 1e-300)
            out: np.ndarray = -(gmat.T @ (1.0 / g))
            return out

        cons = [
            {
                "type": "ineq",
                "fun": lambda lam: base + gmat @ lam - floors * 0.5,
                "jac": lambda lam: gmat,
            }
        ]
        res = minimize(
            neg,
            lam0,
            jac=grad,
            bounds=[(0.0, 1.0)] * k,
            constraints=cons,
            method="SLSQP",
            options={"ftol": 1e-15, "maxiter": 500},
        )
        lam: np.ndarray = np.clip(np.asarray(res.x), 0.0, 1.0)
        return lam if neg(lam) <= neg(lam0) else lam0

    # ------------------------------------------------------------------ ties
    def _held_rows(self, name: str, best: float, slack: float) -> list[tuple[np.ndarray, float]]:
        """Rows ``w · u ≥ lo`` that keep a linear criterion at ``best − slack`` or more."""
        coef = self._t_coef(name)
        if coef is None or not np.any(coef > 0):
            return [(np.ones(self.n), best - slack)] if name == "utilitarian" else []
        eye = np.eye(self.n)
        return [(eye[p], float(self.d[p] + coef[p] * (best - slack))) for p in range(self.n)]

    def _tie_in(
        self, name: str, cell: _Cell, u_star: np.ndarray, best: float, q: int
    ) -> tuple[dict[str, Value], np.ndarray] | None:
        """Return the package of ``cell`` as good as ``best`` and best for ``q``, if better."""
        held = self._held_rows(name, best, TIE_SLACK * max(1.0, abs(best)))
        eye = np.eye(self.n)
        lam = self._cell_lp(cell, eye[q], rows=held)
        if lam is None:
            return None
        target = float((cell.c + cell.G @ lam)[q])
        # Pareto-optimal in the cell among those: the largest sum, party q held
        lam2 = self._cell_lp(cell, np.ones(self.n), rows=[*held, (eye[q], target - TIE_GAIN)])
        pkg = self._package(cell, lam if lam2 is None else lam2)
        u = self.utilities(pkg)
        if u[q] <= u_star[q] + TIE_GAIN:
            return None
        if self.score(name, u) < best - TIE_SLACK * 10 * max(1.0, abs(best)):
            return None
        return pkg, u

    def tie(
        self, name: str, cell: _Cell, u_star: np.ndarray, best: float
    ) -> tuple[tuple[dict[str, Value], np.ndarray] | None, bool]:
        """Return a rational package as good for ``name`` and better for some party, if any.

        Returns ``(tie or None, more)``. First in the solution's own cell (a linear program
        per party): the packages as good there form a convex set, so one tie there means
        infinitely many (``more`` True). Else one program over every cell: maximise ``s``
        with ``s ≤ u_p − u*_p + M (1 − b_p)``, one ``b_p`` set, the criterion held at its
        optimum (within 1e-9): ``s`` at most :data:`TIE_GAIN` means no tie.
        """
        for q in range(self.n):
            found = self._tie_in(name, cell, u_star, best, q)
            if found is not None:
                return found, True
        n = self.n
        eye = np.eye(n)
        slack = CERTIFIED_GAP * max(1.0, abs(best))
        zeros = np.zeros(n + 1)
        rows: list[tuple[np.ndarray, np.ndarray, float, float]] = [
            (eye[p], zeros, float(self.d[p]), np.inf) for p in range(n)
        ]
        rows += [(w, zeros, lo, np.inf) for w, lo in self._held_rows(name, best, slack)]
        # s ∈ [0, top]: no party gains more than up to its ideal, and s = 0 is the solution
        # itself (so the program is feasible); M_p = top + u*_p − d_p is the most s can
        # exceed u_p − u*_p by for a rational package (a tighter relaxation than any big M)
        top = float(max(np.max(self.ideal - u_star), 0.0)) + 1e-6
        for p in range(n):  # s − u_p + M_p b_p ≤ M_p − u*_p
            big = top + float(u_star[p] - self.d[p]) + 1e-6
            v = np.zeros(n + 1)
            v[0] = 1.0
            v[1 + p] = big
            rows.append((-eye[p], v, -np.inf, big - float(u_star[p])))
        rows.append((np.zeros(n), np.concatenate([[0.0], np.ones(n)]), 1.0, 1.0))
        got = self._milp(
            np.zeros(n),
            extra=n + 1,
            obj_extra=np.concatenate([[1.0], np.zeros(n)]),
            extra_bounds=(
                np.zeros(n + 1),
                np.concatenate([[top], np.ones(n)]),
            ),
            extra_int=np.concatenate([[0.0], np.ones(n)]),
            rows=rows,
        )
        if got is None or got[0][self.n_x] <= TIE_GAIN:
            return None, False
        q = int(np.argmax(got[0][self.n_x + 1 :]))
        found = self._tie_in(name, self._cell(got[0]), u_star, best, q)
        return found, found is not None

    # ------------------------------------------------------------------ weighted sums
    def weighted(self, weights: np.ndarray) -> tuple[dict[str, Value], np.ndarray] | None:
        """Return the rational package maximising a positively weighted sum (Pareto-optimal)."""
        alone = self.separable(weights)
        if alone is not None:
            return alone[0], alone[1]
        got = self._milp(weights, rows=self._rational_rows())
        if got is None:
            return None
        cell = self._cell(got[0])
        lam = self._cell_lp(cell, weights)
        if lam is None:
            lam = self._lambdas(got[0], cell)
        pkg = self._package(cell, lam)
        return pkg, self.utilities(pkg)

    def margin(self, reserved: np.ndarray) -> np.ndarray | None:
        """Return the utilities of the feasible package with the largest smallest ``u − r``."""
        eye = np.eye(self.n)
        rows = [(eye[p], np.array([-1.0]), float(reserved[p]), np.inf) for p in range(self.n)]
        got = self._milp(
            np.zeros(self.n),
            extra=1,
            obj_extra=np.ones(1),
            extra_bounds=(np.full(1, -np.inf), np.full(1, np.inf)),
            rows=rows,
        )
        if got is None:
            return None
        cell = self._cell(got[0])
        lam = self._lambdas(got[0], cell)
        return self.utilities(self._package(cell, lam))


def _gap_line(name: str, gap: float, timed_out: bool, limit: float) -> str | None:
    """One line when a solution is not certified (None when it is)."""
    if gap <= CERTIFIED_GAP:
        return None
    why = f"the time limit of {limit:g} s of CPU" if timed_out else "the solver's tolerance"
    if not math.isfinite(gap):
        return f"{name} not certified: {why} stopped the search before any bound was proven; the package given is the best found"
    return (
        f"{name} not certified: {why} stopped the search with the bound {gap:.3g} "
        "(relative) above the package given, the best found"
    )


def solve(solver: MilpSolver, names: Sequence[str]) -> dict[str, Solved | None]:
    """Return every solution of ``names`` (None: no rational package), exact over the continuum.

    Utilitarian, egalitarian and Kalai–Smorodinsky first, then Nash from the egalitarian
    package (when every gain can be positive; else every rational package has a Nash product
    of 0 and the utilitarian package is given, tied with the others). Each solution then gets
    its tie check.
    """
    found: dict[str, tuple[dict[str, Value], np.ndarray, float, float] | None] = {}
    for name in ("utilitarian", "egalitarian", "kalai_smorodinsky"):
        found[name] = solver.linear(name)
    out: dict[str, Solved | None] = {}
    util = found["utilitarian"]
    for name in ("egalitarian", "kalai_smorodinsky"):
        if found[name] is None and solver.timed_out and util is not None:
            # cut before any package was found: a rational package exists (the
            # utilitarian one, found issue by issue), given as the best known, unproven
            found[name] = (util[0], util[1], solver.score(name, util[1]), math.inf)
    egal = found["egalitarian"]
    zero_nash = egal is None or egal[2] <= 1e-12
    if egal is not None and not zero_nash:
        twin = solver.with_points()
        pkg, u, value, upper, _ = twin.nash(egal)
        solver.timed_out = solver.timed_out or twin.timed_out
        found["nash"] = (pkg, u, value, upper)
    else:
        found["nash"] = None if util is None else (util[0], util[1], -math.inf, -math.inf)
    for name in names:
        got = found[name]
        if got is None:
            out[name] = None
            continue
        pkg, u, value, upper = got
        if name == "nash" and zero_nash:
            # every rational package has product 0: all tie; the egalitarian one listed
            ties = []
            assert egal is not None
            if not np.allclose(egal[1], u, rtol=0, atol=1e-12):
                ties.append(egal[0])
            # "every product is 0" holds when the egalitarian optimum 0 is proven
            proven = egal[3] - egal[2] <= CERTIFIED_GAP * max(1.0, abs(egal[2]))
            cut = None if proven else _gap_line(name, math.inf, solver.timed_out, solver.time_limit)
            out[name] = Solved(pkg, ties=ties, more_ties=True, cut=cut)
            continue
        gap = upper - value  # +inf: no bound was proven (cut before the first program ended)
        if name != "nash":  # relative (Σ log g: the product's relative gap already)
            gap /= max(1.0, abs(value))
        cut = _gap_line(name, gap, solver.timed_out, solver.time_limit)
        if name == "nash":  # strictly concave in the gains: one optimal utility vector
            out[name] = Solved(pkg, cut=cut)
            continue
        tie, more = solver.tie(name, solver.cell_of(pkg), u, value)
        out[name] = Solved(pkg, ties=[] if tie is None else [tie[0]], more_ties=more, cut=cut)
    return out
