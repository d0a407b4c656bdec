"""negotrack: track where the parties to a live negotiation stand and analyse the gaps.

How the package is laid out (data flows one way, top to bottom)::

    model/      scales, regions (the position algebra), issues, parties, positions, sources
    timeline/   statements, events, conditions; the append-only Timeline and its snapshots
    analysis/   the gap engine, gap series and movement, condition graphs and deadlocks,
                the agreement space, forecasts (a registry of models) and their backtests
    io/         file formats (a registry: TOML/JSON via one cattrs converter), atomic writes,
                the SQLite store, reports (documents -> views of blocks -> one writer a format)
    plot.py     matplotlib figures (the ``plot`` extra)
    cli/        the ``negotrack`` command; each module registers its own subcommands
    testing/    hypothesis strategies and law checks for users (the ``testing`` extra)
    errors.py   the one error hierarchy, rooted at NegotrackError

Everything users need is re-exported here: ``import negotrack as nt``.
"""

import importlib
import sys
import typing as _typing

from negotrack import errors
from negotrack.errors import NegotrackError

if _typing.TYPE_CHECKING:  # what ``__getattr__`` below gives, as mypy and readers see it
    __version__: str
    from negotrack.analysis.agreement import (
        AgreementReport,
        AgreementSpace,
        Frontier,
        FrontierSegment,
        Logroll,
        Solution,
        agreement,
        agreement_from_utilities,
        agreement_space,
        agreement_space_from_utilities,
    )
    from negotrack.analysis.backtest import Backtest, backtest
    from negotrack.analysis.concessions import Concession, Concessions
    from negotrack.analysis.conditions import (
        LinkageConflict,
        condition_graph,
        condition_graph_graphml,
        condition_graph_node_link,
        find_linkage_conflicts,
    )
    from negotrack.analysis.deadlocks import (
        ConditionReport,
        CycleListing,
        DeadlockSpan,
        SequencingDeadlock,
        Untie,
        analyze_conditions,
        deadlock_spans,
        find_deadlocks,
        list_cycles,
        untie,
    )
    from negotrack.analysis.forecast import Forecast, ForecastReport, forecast, forecast_report
    from negotrack.analysis.gaps import GapReport, IssueGap, PairDistance, analyze
    from negotrack.analysis.movement import (
        Convergence,
        Movement,
        Stall,
        convergence,
        movements,
        stalls,
    )
    from negotrack.analysis.robustness import RobustnessReport, robustness
    from negotrack.analysis.series import GapSeries, gap_series
    from negotrack.analysis.utilities import (
        INFEASIBLE,
        PositionValue,
        UtilityFunction,
        random_utilities,
        utilities_from_snapshot,
        utility_from_positions,
    )
    from negotrack.io.decide import read_decide
    from negotrack.io.deu import DeuData, DeuIssue, DeuPosition, read_deu
    from negotrack.io.genius import read_genius, write_genius
    from negotrack.io.geniusweb import read_geniusweb
    from negotrack.io.html_brief import html_brief, write_html_brief
    from negotrack.io.ktab import read_ktab, write_ktab
    from negotrack.io.scenario import (
        Scenario,
        Update,
        dump,
        dumps,
        load,
        load_update,
        loads,
        loads_update,
        validate,
    )
    from negotrack.io.store import Store
    from negotrack.io.utility_domain import DomainIssue, UtilityDomain
    from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
    from negotrack.model.regions import Region
    from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale
    from negotrack.model.uncertainty import Uncertainty
    from negotrack.timeline.parties import select_parties
    from negotrack.timeline.records import (
        Condition,
        ConditionKind,
        Credibility,
        Event,
        EventClause,
        IssueClause,
        Statement,
    )
    from negotrack.timeline.snapshot import Snapshot
    from negotrack.timeline.timeline import Change, Timeline, TimelineDiff


#: Where each name re-exported here lives. A name is imported the first time it is asked for
#: (``nt.analyze``, ``from negotrack import analyze``; PEP 562), so ``import negotrack`` and
#: the command line load only what they use: networkx, NumPy and the agreement space are not
#: imported by reading a file (``tests/test_lazy_import.py``).
_WHERE: dict[str, str] = {
    **dict.fromkeys(
        (
            "AgreementReport",
            "AgreementSpace",
            "Frontier",
            "FrontierSegment",
            "Logroll",
            "Solution",
            "agreement",
            "agreement_from_utilities",
            "agreement_space",
            "agreement_space_from_utilities",
        ),
        "negotrack.analysis.agreement",
    ),
    **dict.fromkeys(("Backtest", "backtest"), "negotrack.analysis.backtest"),
    **dict.fromkeys(("Concession", "Concessions"), "negotrack.analysis.concessions"),
    **dict.fromkeys(
        (
            "LinkageConflict",
            "condition_graph",
            "condition_graph_graphml",
            "condition_graph_node_link",
            "find_linkage_conflicts",
        ),
        "negotrack.analysis.conditions",
    ),
    **dict.fromkeys(
        (
            "ConditionReport",
            "CycleListing",
            "DeadlockSpan",
            "SequencingDeadlock",
            "Untie",
            "analyze_conditions",
            "deadlock_spans",
            "find_deadlocks",
            "list_cycles",
            "untie",
        ),
        "negotrack.analysis.deadlocks",
    ),
    **dict.fromkeys(
        ("Forecast", "ForecastReport", "forecast", "forecast_report"), "negotrack.analysis.forecast"
    ),
    **dict.fromkeys(
        ("GapReport", "IssueGap", "PairDistance", "analyze"), "negotrack.analysis.gaps"
    ),
    **dict.fromkeys(
        ("Convergence", "Movement", "Stall", "convergence", "movements", "stalls"),
        "negotrack.analysis.movement",
    ),
    **dict.fromkeys(("RobustnessReport", "robustness"), "negotrack.analysis.robustness"),
    **dict.fromkeys(("GapSeries", "gap_series"), "negotrack.analysis.series"),
    **dict.fromkeys(
        (
            "INFEASIBLE",
            "PositionValue",
            "UtilityFunction",
            "random_utilities",
            "utilities_from_snapshot",
            "utility_from_positions",
        ),
        "negotrack.analysis.utilities",
    ),
    **dict.fromkeys(("read_decide",), "negotrack.io.decide"),
    **dict.fromkeys(("DeuData", "DeuIssue", "DeuPosition", "read_deu"), "negotrack.io.deu"),
    **dict.fromkeys(("read_genius", "write_genius"), "negotrack.io.genius"),
    **dict.fromkeys(("read_geniusweb",), "negotrack.io.geniusweb"),
    **dict.fromkeys(("html_brief", "write_html_brief"), "negotrack.io.html_brief"),
    **dict.fromkeys(("read_ktab", "write_ktab"), "negotrack.io.ktab"),
    **dict.fromkeys(
        (
            "Scenario",
            "Update",
            "dump",
            "dumps",
            "load",
            "load_update",
            "loads",
            "loads_update",
            "validate",
        ),
        "negotrack.io.scenario",
    ),
    **dict.fromkeys(("Store",), "negotrack.io.store"),
    **dict.fromkeys(("DomainIssue", "UtilityDomain"), "negotrack.io.utility_domain"),
    **dict.fromkeys(
        ("Issue", "Party", "Position", "Source", "SourceKind"), "negotrack.model.entities"
    ),
    **dict.fromkeys(("Region",), "negotrack.model.regions"),
    **dict.fromkeys(
        ("NominalScale", "NumericScale", "OrdinalScale", "Scale"), "negotrack.model.scales"
    ),
    **dict.fromkeys(("Uncertainty",), "negotrack.model.uncertainty"),
    **dict.fromkeys(("select_parties",), "negotrack.timeline.parties"),
    **dict.fromkeys(
        (
            "Condition",
            "ConditionKind",
            "Credibility",
            "Event",
            "EventClause",
            "IssueClause",
            "Statement",
        ),
        "negotrack.timeline.records",
    ),
    **dict.fromkeys(("Snapshot",), "negotrack.timeline.snapshot"),
    **dict.fromkeys(("Change", "Timeline", "TimelineDiff"), "negotrack.timeline.timeline"),
}

#: The parts of the package reachable as attributes (``nt.io.reports``), imported on use.
_PARTS = frozenset({"model", "timeline", "analysis", "io"})


# Defined for the interpreter only: to mypy the names are those imported above, so that a
# misspelt ``nt.anlyze`` is an error rather than ``Any``.
if not _typing.TYPE_CHECKING:

    def __getattr__(name: str) -> _typing.Any:
        """Import a re-exported name the first time it is asked for (PEP 562)."""
        if name == "__version__":
            value: _typing.Any = _version()
        elif name in _WHERE:
            value = getattr(importlib.import_module(_WHERE[name]), name)
            _install_notebook()  # results asked for through nt show as HTML in Jupyter
        elif name in _PARTS:  # nt.io, nt.model, ... as when importing everything made them
            value = importlib.import_module(f"negotrack.{name}")
        else:
            raise AttributeError(f"module 'negotrack' has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("negotrack")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree, not installed
        return "0+unknown"


def _install_notebook() -> None:
    """Give the result classes their ``_repr_html_`` (negotrack.io.notebook), once."""
    if "negotrack.io.notebook" not in sys.modules:
        importlib.import_module("negotrack.io.notebook").install()


if "IPython" in sys.modules:  # in Jupyter, results show as HTML however they were imported
    _install_notebook()

__all__ = [
    "INFEASIBLE",
    "AgreementReport",
    "AgreementSpace",
    "Backtest",
    "Change",
    "Concession",
    "Concessions",
    "Condition",
    "ConditionKind",
    "ConditionReport",
    "Convergence",
    "Credibility",
    "CycleListing",
    "DeadlockSpan",
    "DeuData",
    "DeuIssue",
    "DeuPosition",
    "DomainIssue",
    "Event",
    "EventClause",
    "Forecast",
    "ForecastReport",
    "Frontier",
    "FrontierSegment",
    "GapReport",
    "GapSeries",
    "Issue",
    "IssueClause",
    "IssueGap",
    "LinkageConflict",
    "Logroll",
    "Movement",
    "NegotrackError",
    "NominalScale",
    "NumericScale",
    "OrdinalScale",
    "PairDistance",
    "Party",
    "Position",
    "PositionValue",
    "Region",
    "RobustnessReport",
    "Scale",
    "Scenario",
    "SequencingDeadlock",
    "Snapshot",
    "Solution",
    "Source",
    "SourceKind",
    "Stall",
    "Statement",
    "Store",
    "Timeline",
    "TimelineDiff",
    "Uncertainty",
    "Untie",
    "Update",
    "UtilityDomain",
    "UtilityFunction",
    "__version__",
    "agreement",
    "agreement_from_utilities",
    "agreement_space",
    "agreement_space_from_utilities",
    "analyze",
    "analyze_conditions",
    "backtest",
    "condition_graph",
    "condition_graph_graphml",
    "condition_graph_node_link",
    "convergence",
    "deadlock_spans",
    "dump",
    "dumps",
    "errors",
    "find_deadlocks",
    "find_linkage_conflicts",
    "forecast",
    "forecast_report",
    "gap_series",
    "html_brief",
    "list_cycles",
    "load",
    "load_update",
    "loads",
    "loads_update",
    "movements",
    "random_utilities",
    "read_decide",
    "read_deu",
    "read_genius",
    "read_geniusweb",
    "read_ktab",
    "robustness",
    "select_parties",
    "stalls",
    "untie",
    "utilities_from_snapshot",
    "utility_from_positions",
    "validate",
    "write_genius",
    "write_html_brief",
    "write_ktab",
]
