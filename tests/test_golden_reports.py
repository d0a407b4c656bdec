"""Golden reports: every bundled example's output, each command and format, byte for byte.

The files under ``tests/golden/`` were written by the command line itself. A change that
alters any report shows up here as a failing comparison and, once meant, as a reviewable
diff of the golden files: regenerate them with

    NEGOTRACK_REGENERATE_GOLDEN=1 python -m pytest tests/test_golden_reports.py

and read ``git diff tests/golden`` before committing.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from negotrack.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = ("ukraine_dec2025", "climate_finance", "wage_negotiation")
FORMATS = ("text", "markdown", "json")
SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}

#: name -> the command's arguments after the scenario file (one run per example and format).
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate",),
    "analyze": ("analyze",),
    "analyze-since": ("analyze", "--since", "2000-01-01"),
    "timeline": ("timeline",),
    "deadlocks": ("deadlocks", "--cycles"),
    "packages": ("packages",),
    "forecast": ("forecast",),
    "diff": ("diff", "2000-01-01", "2100-01-01"),
}
#: Commands with an extra run on the Ukraine example only (its party ids).
UKRAINE_ONLY: dict[str, tuple[str, ...]] = {
    "analyze-parties": ("analyze", "--parties", "RU,UA,US"),
    "packages-parties": ("packages", "--parties", "UA,US"),
    "analyze-at": ("analyze", "--at", "2025-12-28", "--min-credibility", "reported"),
    "forecast-parties": ("forecast", "--parties", "UA,US"),
}

CASES = [
    (example, name, args, fmt)
    for example in EXAMPLES
    for name, args in (COMMANDS | (UKRAINE_ONLY if example == "ukraine_dec2025" else {})).items()
    for fmt in FORMATS
]


def run(example: str, args: tuple[str, ...], fmt: str) -> tuple[int, str]:
    """Run the command line on an example; return its exit status and standard output."""
    command, rest = args[0], args[1:]
    argv = [command, f"examples/{example}.toml", *rest, "--format", fmt]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(argv)
    return status, out.getvalue()


@pytest.mark.parametrize(
    ("example", "name", "args", "fmt"),
    CASES,
    ids=[f"{e}-{n}-{f}" for e, n, _, f in CASES],
)
def test_report_matches_golden(
    example: str, name: str, args: tuple[str, ...], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report is byte-identical to its golden copy."""
    monkeypatch.chdir(ROOT)
    status, text = run(example, args, fmt)
    assert status == 0, text
    path = GOLDEN / example / f"{name}.{SUFFIX[fmt]}"
    if os.environ.get("NEGOTRACK_REGENERATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
