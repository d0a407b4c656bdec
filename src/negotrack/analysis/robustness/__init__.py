"""How sure each conclusion is: the robustness analysis of an uncertain record.

:mod:`~.sampling` draws readings of the record from its uncertainty, :mod:`~.claims`
states the brief's conclusions, :mod:`~.tally` runs batches of samples into integer
counts (on any ``concurrent.futures`` executor), :mod:`~.results` holds the report and
:mod:`~.api` the one call, :func:`robustness`.
"""

import importlib
import typing

if typing.TYPE_CHECKING:  # what ``__getattr__`` below gives, as mypy and readers see it
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

#: Where each re-exported name lives: the call and its report load the agreement space and
#: the forecasts, which a summary stating the conclusions' ids (:mod:`~.claims`) does not need.
_WHERE = {
    "IN_PROCESS_SAMPLES": "api",
    "robustness": "api",
    "Claim": "claims",
    **dict.fromkeys(
        (
            "LABELS",
            "ConclusionRobustness",
            "Dependence",
            "Distribution",
            "Estimate",
            "IssueOdds",
            "KnotOdds",
            "PackageOdds",
            "RobustnessReport",
            "label",
        ),
        "results",
    ),
}

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


if not typing.TYPE_CHECKING:

    def __getattr__(name: str) -> typing.Any:
        """Import a re-exported name the first time it is asked for (PEP 562)."""
        if name not in _WHERE:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
