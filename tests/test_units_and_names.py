"""How reports write amounts and names: units on solutions, forecasts and distributions."""

from __future__ import annotations

import re

import pytest

import negotrack as nt
from negotrack.analysis.robustness.results import Distribution
from negotrack.io import reports
from negotrack.io.reports.views.packages import SOLUTION_NAMES
from negotrack.model.scales import format_number

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


def test_solution_packages_carry_units_in_text_and_json() -> None:
    """Every solution's package is written with its issues' units (issue 12: units everywhere)."""
    scenario = nt.load("examples/ukraine_dec2025.toml")
    snap = scenario.timeline.snapshot()
    report = nt.agreement(snap, parties=["UA", "US"])
    units = {
        i.id: i.scale.unit
        for i in snap.issues
        if isinstance(i.scale, nt.NumericScale) and i.scale.unit
    }
    assert report.units == {i: u for i, u in units.items() if i in report.issues}
    for solution in report.solutions.values():
        assert solution is not None
        data = solution.to_dict()
        for issue, value in solution.package.items():
            if isinstance(value, float):
                assert data["shown"][issue] == f"{format_number(value)} {units[issue]}"
                assert f"{issue}={data['shown'][issue]}" in solution.describe()
            else:
                assert data["shown"][issue] == value
    doc = reports.packages_document(report, timeline=scenario.timeline)
    text = reports.render(doc, "text")
    assert "guarantee_years (years)" in text
    assert doc["agreement"]["units"] == report.units


def test_robustness_packages_carry_units() -> None:
    """The packages a robustness run counts are written with units, in JSON (``text``) too."""
    scenario = nt.load("examples/ukraine_dec2025.toml")
    report = nt.robustness(scenario.timeline, samples=20, seed=0, sensitivity=False)
    odds = [p for packages in report.solutions.values() for p in packages if p.package]
    assert odds
    with_years = [p for p in odds if p.package and "guarantee_years" in p.package]
    assert with_years  # the check below runs on some package
    for p in with_years:
        assert p.package is not None
        years = p.package["guarantee_years"]
        assert f"guarantee_years = {format_number(years)} years" in p.to_dict()["text"]


@pytest.mark.parametrize(
    "source",
    [
        "examples/ukraine_dec2025.toml",
        "examples/wage_negotiation.toml",
        "examples/climate_finance.toml",
        "examples/formats/genius_fruit",
    ],
)
def test_every_solution_follows_the_schema(source: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each solution in `packages --format json` conforms to the schema; a broken one does not."""
    import json

    from negotrack.cli import main

    assert main(["packages", source, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert reports.check_document(doc) == []
    solutions = [s for s in doc["agreement"]["solutions"].values() if s]
    assert solutions
    for key in ("shown", "units", "fallback", "gains", "outside", "ties"):
        broken = json.loads(json.dumps(doc))
        del next(s for s in broken["agreement"]["solutions"].values() if s)[key]
        assert reports.check_document(broken), key


def test_an_unknown_condition_holder_is_named() -> None:
    """``nt.robustness(condition_holders=...)`` refuses an unknown party, naming field and value."""
    tl = nt.load("examples/ukraine_dec2025.toml").timeline
    with pytest.raises(nt.NegotrackError) as caught:
        nt.robustness(tl, samples=5, condition_holders=["XX"])
    assert caught.value.path == "condition_holders"
    assert "XX" in str(caught.value)
