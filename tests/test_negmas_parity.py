"""Parity with NegMAS 0.16 on the benchmark's problems (runs only where negmas is installed).

The same random problems as ``benchmarks/bench_agreement.py`` (``nt.random_utilities``:
seed 12345, 10 values per issue, weights Dirichlet(1), reserved 0.25) at 10^3 and 10^4
packages, for 2 and 3 parties: the frontier set, the Nash package and the
Kalai–Smorodinsky package must be NegMAS' own.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import pytest

import negotrack as nt

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    negmas = pytest.importorskip(
        "negmas",
        reason="negmas not installed: make test installs it (the bench extra); by hand: pip install -e .[bench]",
    )
    from negmas.outcomes import make_issue, make_os
    from negmas.preferences import (
        LinearAdditiveUtilityFunction,
        TableFun,
        ks_points,
        nash_points,
        pareto_frontier,
    )


def _table(u: nt.UtilityFunction, issue: str) -> dict[Any, float]:
    table = u.values[issue]
    assert isinstance(table, Mapping)
    return dict(table)


def _negmas(
    outcomes: dict[str, tuple[int, ...]], utilities: dict[str, nt.UtilityFunction]
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    issues = [make_issue(list(v), name=i) for i, v in outcomes.items()]
    space = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values={i: TableFun(_table(u, i)) for i in outcomes},
            weights=dict(u.weights),
            outcome_space=space,
            reserved_value=u.reserved,
        )
        for u in utilities.values()
    ]
    every = list(space.enumerate())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        utils, indices = pareto_frontier(ufuns, outcomes=every)
        nash = nash_points(ufuns, utils, outcome_space=space)
        ks = ks_points(ufuns, utils, outcome_space=space)
    front = {tuple(every[k]) for k in indices}
    return (
        front,
        {tuple(every[indices[j]]) for _, j in nash},
        {tuple(every[indices[j]]) for _, j in ks},
    )


@pytest.mark.parametrize(("n_parties", "n_issues"), [(2, 3), (2, 4), (3, 3), (3, 4)])
class TestNegmasParity:
    def test_same_frontier_nash_and_ks(self, n_parties: int, n_issues: int) -> None:
        """Frontier set, Nash package and KS package equal NegMAS 0.16's."""
        outcomes, utilities = nt.random_utilities(
            n_parties, n_issues, 10, seed=12345, reserved=0.25
        )
        space = nt.AgreementSpace(utilities, outcomes)
        front = {tuple(p.values()) for p, _ in space.frontier().packages()}
        nash, ks = space.nash(), space.kalai_smorodinsky()
        assert nash is not None
        assert ks is not None
        their_front, their_nash, their_ks = _negmas(outcomes, utilities)
        assert front == their_front
        assert their_nash == {tuple(nash.package.values())}
        assert their_ks == {tuple(ks.package.values())}
