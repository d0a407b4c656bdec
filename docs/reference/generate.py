"""Regenerate the reference pages in this folder from the modules' ``__all__`` and docstrings.

Run from the repository root: ``python docs/reference/generate.py``.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import negotrack as nt

HERE = Path(__file__).resolve().parent
BAR = "\\|"

#: Public module -> the guide page that explains it.
MODULES: dict[str, str] = {
    "negotrack.model.scales": "concepts.md",
    "negotrack.model.regions": "concepts.md",
    "negotrack.model.entities": "concepts.md",
    "negotrack.model.uncertainty": "robustness.md",
    "negotrack.timeline.records": "concepts.md",
    "negotrack.timeline.timeline": "concepts.md",
    "negotrack.timeline.snapshot": "concepts.md",
    "negotrack.analysis.gaps": "gaps.md",
    "negotrack.analysis.concessions": "gaps.md",
    "negotrack.analysis.series": "gaps.md",
    "negotrack.analysis.movement": "gaps.md",
    "negotrack.timeline.parties": "gaps.md",
    "negotrack.timeline.tables": "store.md",
    "negotrack.analysis.tables": "store.md",
    "negotrack.analysis.conditions": "conditions.md",
    "negotrack.analysis.deadlocks": "conditions.md",
    "negotrack.analysis.deadlocks.results": "conditions.md",
    "negotrack.analysis.deadlocks.api": "conditions.md",
    "negotrack.analysis.agreement": "agreement.md",
    "negotrack.analysis.utilities": "agreement.md",
    "negotrack.analysis.forecast": "forecasts.md",
    "negotrack.analysis.forecast_models": "forecasts.md",
    "negotrack.analysis.forecast_models.interface": "forecasts.md",
    "negotrack.analysis.backtest": "forecasts.md",
    "negotrack.analysis.robustness": "robustness.md",
    "negotrack.analysis.robustness.api": "robustness.md",
    "negotrack.analysis.robustness.sampling": "robustness.md",
    "negotrack.analysis.robustness.claims": "robustness.md",
    "negotrack.analysis.robustness.tally": "robustness.md",
    "negotrack.analysis.robustness.spaces": "robustness.md",
    "negotrack.analysis.robustness.results": "robustness.md",
    "negotrack.analysis.forecast_errors": "forecasts.md",
    "negotrack.analysis.voting_power": "forecasts.md",
    "negotrack.io.scenario": "scenario-files.md",
    "negotrack.io.serialization": "scenario-files.md",
    "negotrack.io.store": "store.md",
    "negotrack.io.checkpoint": "store.md",
    "negotrack.io.formats": "scenario-files.md",
    "negotrack.io.utility_domain": "formats.md",
    "negotrack.io.genius": "formats.md",
    "negotrack.io.geniusweb": "formats.md",
    "negotrack.io.ktab": "formats.md",
    "negotrack.io.decide": "formats.md",
    "negotrack.io.atomic": "store.md",
    "negotrack.io.csv_tables": "store.md",
    "negotrack.io.reports": "reports.md",
    "negotrack.io.reports.documents": "reports.md",
    "negotrack.io.reports.formatting": "reports.md",
    "negotrack.io.reports.summary": "reports.md",
    "negotrack.io.reports.schema": "reports.md",
    "negotrack.io.reports.blocks": "reports.md",
    "negotrack.io.reports.visible": "reports.md",
    "negotrack.io.reports.views": "reports.md",
    "negotrack.io.reports.views.brief": "reports.md",
    "negotrack.io.reports.views.gaps": "reports.md",
    "negotrack.io.reports.views.deadlocks": "reports.md",
    "negotrack.io.reports.views.diff": "reports.md",
    "negotrack.io.reports.views.timeline": "reports.md",
    "negotrack.io.reports.views.validation": "reports.md",
    "negotrack.io.reports.views.packages": "reports.md",
    "negotrack.io.reports.views.forecast": "reports.md",
    "negotrack.io.reports.views.robustness": "robustness.md",
    "negotrack.io.reports.robustness": "robustness.md",
    "negotrack.io.reports.writers": "reports.md",
    "negotrack.io.reports.writers.text": "reports.md",
    "negotrack.io.reports.writers.markdown": "reports.md",
    "negotrack.io.reports.writers.json": "reports.md",
    "negotrack.io.reports.writers.html": "brief.md",
    "negotrack.io.reports.svg": "brief.md",
    "negotrack.io.html_brief": "brief.md",
    "negotrack.io.notebook": "brief.md",
    "negotrack.io.deu": "forecasts.md",
    "negotrack.io.eu_council": "forecasts.md",
    "negotrack.io.error_bands": "forecasts.md",
    "negotrack.plot": "tutorial.md",
    "negotrack.cli": "cli.md",
    "negotrack.cli.add_command": "cli.md",
    "negotrack.cli.brief_command": "brief.md",
    "negotrack.cli.robustness_command": "robustness.md",
    "negotrack.errors": "concepts.md",
    "negotrack.testing.strategies": "testing-your-scripts.md",
    "negotrack.testing.laws": "testing-your-scripts.md",
}


def first_line(text: str | None) -> str:
    """Return the first line of a docstring, with table bars escaped."""
    return (text or "").strip().splitlines()[0].replace("|", BAR) if text else ""


def page(name: str, guide: str) -> tuple[str, str]:
    """Return the reference page of one module and its one-line summary."""
    mod = importlib.import_module(name)
    summary = first_line(mod.__doc__)
    lines = [f"# `{name}`", "", summary, "", f"Guide: [{guide}](../{guide}).", ""]
    lines += ["| Name | Kind | Summary |", "|---|---|---|"]
    for attr in getattr(mod, "__all__", []):
        obj = getattr(mod, attr)
        if inspect.isclass(obj):
            kind, text = "class", first_line(inspect.getdoc(obj))
        elif callable(obj):
            kind, text = "function", first_line(inspect.getdoc(obj))
        else:
            kind, text = "constant", (f"`{obj!r}`" if len(repr(obj)) < 60 else "")
        shown = f"`nt.{attr}`" if getattr(nt, attr, None) is obj else f"`{attr}`"
        lines.append(f"| {shown} | {kind} | {text} |")
    return "\n".join(lines) + "\n", summary


def main() -> None:
    """Write one page per module and the index."""
    index = [
        "# Reference",
        "",
        "One page per public module: its public names, one line each (the first line of the "
        "docstring). Names shown as `nt.name` are also re-exported at the top level "
        "(`import negotrack as nt`). The docstrings (`help(nt.analyze)`) hold the parameters, "
        "laws and examples. Regenerate with `python docs/reference/generate.py`.",
        "",
        "| Module | What it holds |",
        "|---|---|",
    ]
    for name, guide in MODULES.items():
        text, summary = page(name, guide)
        file = name.removeprefix("negotrack.") + ".md"
        (HERE / file).write_text(text, encoding="utf-8")
        index.append(f"| [`{name}`]({file}) | {summary} |")
    (HERE / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
