"""``import negotrack`` and the command line load only what they use (issue 18).

Every command paid ~0.4 s of CPU importing networkx, NumPy, the agreement space and the
notebook display before reading its file. The names of ``negotrack`` are now imported the
first time they are asked for (PEP 562), and each command imports the analyses it runs.
Each check runs a fresh interpreter, so what an earlier test imported cannot hide a
regression.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import negotrack as nt

SRC = Path(nt.__file__).resolve().parent.parent
EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml")
#: Heavy packages that reading a file or writing a timeline report never needs.
HEAVY = (
    "networkx",
    "numpy",
    "scipy",
    "importlib.metadata",
    "negotrack.analysis.agreement",
    "negotrack.analysis.robustness",
    "negotrack.analysis.deadlocks",
    "negotrack.io.notebook",
)


def loaded_after(code: str, modules: tuple[str, ...] = HEAVY) -> set[str]:
    """Return which ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("NEGOTRACK_REGENERATE_GOLDEN", None)
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_negotrack_imports_no_analysis_library() -> None:
    assert loaded_after("import negotrack") == set()


def test_import_of_the_command_line_imports_no_analysis_library() -> None:
    assert loaded_after("import negotrack.cli") == set()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", EXAMPLE],
        ["timeline", EXAMPLE, "--format", "text"],
        ["timeline", EXAMPLE, "--format", "markdown"],
        ["timeline", EXAMPLE, "--format", "json"],
    ],
    ids=["validate", "timeline-text", "timeline-markdown", "timeline-json"],
)
def test_reading_commands_import_no_analysis_library(argv: list[str]) -> None:
    code = (
        "import contextlib, io\nfrom negotrack.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0"
    )
    assert loaded_after(code) == set()


def test_analyze_imports_what_it_runs() -> None:
    """The check above can fail: a command that runs the analyses does load them."""
    code = (
        "import contextlib, io\nfrom negotrack.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['analyze', {EXAMPLE!r}])"
    )
    loaded = loaded_after(code)
    assert {"numpy", "negotrack.analysis.deadlocks"} <= loaded
    # ... and only them: networkx makes condition graphs, the agreement space is not run
    assert not {"networkx", "negotrack.analysis.agreement.space"} & loaded


#: The report writers, and what only the HTML one draws with.
WRITERS = (
    "negotrack.io.reports.writers.text",
    "negotrack.io.reports.writers.markdown",
    "negotrack.io.reports.writers.json",
    "negotrack.io.reports.writers.html",
    "negotrack.io.reports.svg",
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_a_report_loads_only_its_own_writer(fmt: str) -> None:
    """A writer is imported when its format is first written: only HTML draws figures."""
    code = (
        "import contextlib, io\nfrom negotrack.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['analyze', {EXAMPLE!r}, '--format', {fmt!r}])"
    )
    loaded = loaded_after(code, WRITERS)
    assert f"negotrack.io.reports.writers.{fmt}" in loaded
    drawn = {"negotrack.io.reports.writers.html", "negotrack.io.reports.svg"}
    assert (drawn <= loaded) == (fmt == "html")
    assert not drawn & loaded or fmt == "html"
    if fmt == "json":  # the command line streams JSON itself; it needs no block writer
        assert loaded == {"negotrack.io.reports.writers.json"}


def test_every_name_of_negotrack_is_reachable_and_the_same_object() -> None:
    """``nt.X`` and ``from negotrack import X`` give each name of ``__all__``, as before."""
    code = (
        "import negotrack as nt\n"
        "missing = [n for n in nt.__all__ if getattr(nt, n, None) is None]\n"
        "assert not missing, missing\n"
        "from negotrack import analyze, Timeline\n"
        "from negotrack.analysis.gaps import analyze as a\n"
        "from negotrack.timeline.timeline import Timeline as T\n"
        "assert analyze is a and Timeline is T and nt.analyze is a\n"
        "assert sorted(nt.__all__) == sorted(set(nt.__all__))\n"
        "assert set(nt.__all__) <= set(dir(nt))\n"
    )
    loaded_after(code)  # raises on a failed assertion (check=True)


def test_results_show_as_html_once_a_name_is_used() -> None:
    code = (
        "import negotrack as nt\n"
        "assert nt.GapReport._repr_html_ is nt.GapSeries._repr_html_\n"
        "assert nt.ConditionReport._repr_html_ is nt.ForecastReport._repr_html_\n"
    )
    assert "negotrack.io.notebook" in loaded_after(code)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = nt.no_such_name  # type: ignore[attr-defined]


def test_the_robustness_package_gives_each_name_when_asked() -> None:
    """Its names load on first use: the package alone loads no agreement space or NumPy."""
    code = (
        "import negotrack.analysis.robustness as r\n"
        "from negotrack.analysis.robustness import claims\n"
        "assert 'negotrack.analysis.agreement' not in __import__('sys').modules\n"
        "from negotrack.analysis.robustness import api, results\n"
        "assert all(getattr(r, n) is getattr(api if n in ('robustness', 'IN_PROCESS_SAMPLES')"
        " else claims if n == 'Claim' else results, n) for n in r.__all__)\n"
        "try:\n    r.nothing\nexcept AttributeError:\n    pass\nelse:\n    raise AssertionError\n"
    )
    assert {"negotrack.analysis.agreement", "negotrack.analysis.robustness"} <= loaded_after(code)
