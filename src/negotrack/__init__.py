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

from importlib import metadata as _metadata

from negotrack import errors
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
from negotrack.errors import NegotrackError
from negotrack.io import notebook as _notebook
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

_notebook.install()  # results show as HTML in Jupyter (negotrack.io.notebook)

try:
    __version__ = _metadata.version("negotrack")
except _metadata.PackageNotFoundError:  # pragma: no cover - a source tree, not installed
    __version__ = "0+unknown"

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
