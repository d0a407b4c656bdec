"""The readings' agreement spaces have a budget of work, not of time (issue 15).

A time limit cuts a large frontier where the CPU a reading got runs out, so the same
reading could give other solutions on a busier worker. The readings' spaces count work
instead (``READING_WORK``): these laws check that no reading consults the clock, that a
cut is counted and said, and that the bundled examples are never cut.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.analysis.agreement import frontier
from negotrack.analysis.agreement.frontier import bounded_frontier, merge_frontier
from negotrack.analysis.robustness import spaces
from negotrack.errors import AnalysisError, InvalidTypeError, NegotrackError
from negotrack.io import reports
from negotrack.testing import strategies as nts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
UKRAINE = EXAMPLES / "ukraine_dec2025.toml"


def _racing_clock() -> Callable[[], float]:
    """Return a clock that jumps a day at every reading: any time limit runs out at once."""
    ticks = itertools.count()
    return lambda: 86_400.0 * next(ticks)


@settings(max_examples=25, deadline=None)
@given(nts.uncertain_timelines(), st.integers(0, 1000), st.sampled_from([0, 40, 10**9]))
def test_readings_solutions_do_not_depend_on_the_clock(
    tl: nt.Timeline, seed: int, work: int
) -> None:
    """Whatever the clock says (a machine a million times slower), the same report."""
    with mock.patch.object(spaces, "READING_WORK", work):
        calm = nt.robustness(tl, samples=4, seed=seed, sensitivity=False)
        with mock.patch.object(frontier, "clock", _racing_clock()):
            raced = nt.robustness(tl, samples=4, seed=seed, sensitivity=False)
    assert raced.to_dict() == calm.to_dict()
    assert 0 <= calm.agreement_cut <= calm.samples


@settings(max_examples=40, deadline=None)
@given(
    nts.agreement_spaces(min_parties=2, max_parties=5, max_issues=3, max_values=3),
    st.integers(0, 80),
)
def test_a_work_budget_gives_a_subset_of_the_frontier_whatever_the_clock(
    space: nt.AgreementSpace, work: int
) -> None:
    """``max_work`` on a space: the frontier is exact or a subset, and the clock plays no part."""
    budgeted = nt.AgreementSpace(space.utility_functions, space.outcomes, max_work=work)
    front = budgeted.frontier()
    with mock.patch.object(frontier, "clock", _racing_clock()):
        again = nt.AgreementSpace(space.utility_functions, space.outcomes, max_work=work)
        assert again.frontier().points == front.points
        assert again.solutions() == budgeted.solutions()
    exact, _, _ = merge_frontier(space._tables, space.reserved)
    if front.complete:
        assert list(front.points) == list(exact)
    else:
        assert set(front.points) <= set(exact)
        assert front.cut is not None
        assert f"the work budget of {work:,} units" in front.cut


def test_above_work_bounds_the_merge_above_the_balanced_point() -> None:
    """Both merges cut at once: only the weighted sums' packages are left, no box above."""
    tables = [[(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)]] * 3
    free = bounded_frontier(tables, (0.0,) * 3, time_limit=None, max_work=0)
    both = bounded_frontier(tables, (0.0,) * 3, time_limit=None, max_work=0, above_work=0)
    assert free.above is not None  # the merge above the balanced point ran in full
    assert both.above is None
    assert (both.complete, both.cut_by) == (False, "work")
    assert set(both.points) <= set(free.points)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (-1, AnalysisError),
        (1.5, InvalidTypeError),
        (True, InvalidTypeError),
        ("100", InvalidTypeError),
    ],
)
def test_bad_max_work(value: object, error: type[NegotrackError]) -> None:
    """A budget of work is a whole number >= 0; anything else is refused, naming it.

    By the rule of every analysis's counts (``max_cycles``, ``samples``): a value that is
    no whole number is a wrong type. Regression: ``max_work="100"`` raised AnalysisError.
    """
    space = nt.AgreementSpace.from_snapshot(nt.load(UKRAINE).timeline.snapshot())
    with pytest.raises(error) as raised:
        nt.AgreementSpace(space.utility_functions, space.outcomes, max_work=value)  # type: ignore[arg-type]
    assert type(raised.value) is error
    assert "max_work" in str(raised.value)
    assert raised.value.path == "max_work"


def test_a_cut_space_is_counted_and_said() -> None:
    """With no work allowed every reading's space is cut: the report counts and says so."""
    tl = nt.load(UKRAINE).timeline
    with mock.patch.object(spaces, "READING_WORK", 0):
        report = nt.robustness(tl, samples=30, seed=3, sensitivity=False)
    assert report.agreement_cut == 30
    assert "In 30 of 30 samples the agreement space was too large" in report.describe()
    doc = reports.robustness_document(report, timeline=tl)
    assert reports.check_document(doc) == []
    assert doc["robustness"]["agreement_cut"] == 30
    for fmt in ("text", "markdown"):
        assert "budget of work each reading has" in reports.render(doc, fmt)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_no_bundled_example_is_cut(path: Path) -> None:
    """Every example's readings solve their agreement space in full: nothing is counted cut."""
    tl = nt.load(path).timeline
    report = nt.robustness(tl, samples=40, seed=1, sensitivity=False)
    assert report.agreement_cut == 0
    assert "too large" not in report.describe()
