"""How the robustness report writes its distributions and names: units, ranges, names."""

from __future__ import annotations

import re

import pytest

import negotrack as nt
from negotrack.analysis.robustness.results import Distribution
from negotrack.io import reports
from negotrack.io.reports.views.packages import SOLUTION_NAMES

YEARS = nt.Issue("y", nt.NumericScale(0, 100, unit="years"))
LABELS = nt.Issue("k", nt.OrdinalScale(["none", "some", "full"]))


@pytest.mark.parametrize(
    ("issue", "steps", "moves", "expected"),
    [
        (YEARS, {150: 5, 320: 10, 500: 5}, False, "median 32 years (5–95 %: 15–50 years)"),
        (YEARS, {175: 20}, True, "median 17.5 years (5–95 %: 17.5 years)"),
        (nt.Issue("n", nt.NumericScale(0, 1)), {0: 1, 100: 1}, False, "median 0 (5–95 %: 0–0.1)"),
        (LABELS, {0: 1, 1: 8, 2: 1}, False, "median some (5–95 %: none – full)"),
        (LABELS, {1: 3}, True, "median 1 step (5–95 %: 1 step)"),
        (LABELS, {0: 1, 2: 1}, True, "median 0 steps (5–95 %: 0–2 steps)"),
    ],
)
def test_distribution_says_its_unit_once_per_range(
    issue: nt.Issue, steps: dict[int, int], moves: bool, expected: str
) -> None:
    """A numeric distribution carries its unit; a range is written a–b with the unit after."""
    size = 1.0 if issue.scale.discrete else (issue.scale.hi - issue.scale.lo) / 1000  # type: ignore[attr-defined]
    assert Distribution(issue, steps, size, moves).describe() == expected


def test_robustness_report_names_methods_and_solutions_as_elsewhere() -> None:
    """The text report names forecast methods and solutions as the forecast and packages views do."""
    scenario = nt.load("examples/ukraine_dec2025.toml")
    report = nt.robustness(scenario.timeline, samples=20, seed=0, sensitivity=False)
    text = reports.render(reports.robustness_document(report, timeline=scenario.timeline), "text")
    assert "Kalai–Smorodinsky" in text
    assert not re.search(r"Kalai smorodinsky|\bnash\b|salience exponent", text)
    years = [line for line in text.splitlines() if line.startswith("  guarantee_years")]
    assert years
    assert all(line.rstrip().endswith("years)") for line in years)
    assert set(report.solutions) <= set(SOLUTION_NAMES)
