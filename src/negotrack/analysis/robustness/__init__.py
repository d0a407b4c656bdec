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

#: Where the re-exported names live that are not in :mod:`~.results`: the call and its
#: report load the agreement space and the forecasts, which a summary stating the
#: conclusions' ids (:mod:`~.claims`) does not need.
_WHERE = {"IN_PROCESS_SAMPLES": "api", "robustness": "api", "Claim": "claims"}

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
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        where = _WHERE.get(name, "results")
        value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
        globals()[name] = value
        return value
