"""How sure each conclusion is: the robustness analysis of an uncertain record.

:mod:`~.sampling` draws readings of the record from its uncertainty, :mod:`~.claims`
states the brief's conclusions, :mod:`~.tally` runs batches of samples into integer
counts (on any ``concurrent.futures`` executor), :mod:`~.results` holds the report and
:mod:`~.api` the one call, :func:`robustness`.
"""

from negotrack.analysis.robustness.api import IN_PROCESS_SAMPLES, robustness
from negotrack.analysis.robustness.claims import Claim
from negotrack.analysis.robustness.results import (
    LABELS,
    ConclusionRobustness,
    Dependence,
    Distribution,
    Estimate,
    IssueOdds,
    KnotOdds,
    PackageOdds,
    RobustnessReport,
    label,
)

__all__ = [
    "IN_PROCESS_SAMPLES",
    "LABELS",
    "Claim",
    "ConclusionRobustness",
    "Dependence",
    "Distribution",
    "Estimate",
    "IssueOdds",
    "KnotOdds",
    "PackageOdds",
    "RobustnessReport",
    "label",
    "robustness",
]
