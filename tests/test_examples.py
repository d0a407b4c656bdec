"""Smoke test: every script in examples/ runs to completion and prints something.

Scripts are discovered, so an example added later is covered without editing this file.
Each runs in a fresh interpreter from the project root, as a user would run it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def test_examples_are_found() -> None:
    """The quickstart is among the discovered scripts (so the smoke test is not vacuous)."""
    assert ROOT / "examples" / "quickstart.py" in EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_and_prints(script: Path) -> None:
    """The script exits with status 0, prints output and writes nothing to stderr."""
    result = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{script.name} printed nothing"
    assert result.stderr == ""


def test_quickstart_reports_the_guarantee_gap() -> None:
    """The quickstart states the 15-vs-50-year gap in plain words."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert (
        "No overlap: the closest acceptable outcomes are 35 years apart (0.35 of the scale)."
        in result.stdout
    )
    assert "Overlap: both can accept {coalition force}" in result.stdout
