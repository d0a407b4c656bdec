"""The status quo: nothing changes, the issue lands where it stands.

The baseline every other model must beat; it needs the issue's recorded status quo
(``Issue.status_quo``) and no positions.
"""

from __future__ import annotations

from collections.abc import Mapping

from negotrack.analysis.forecast_models.interface import SCALE_KINDS, ForecastModel
from negotrack.errors import AnalysisError
from negotrack.model.entities import Issue, Position


def _predict(
    issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]
) -> float:
    if issue.status_quo is None:
        raise AnalysisError(
            f"issue {issue.id!r} records no status quo; set Issue.status_quo to forecast it",
            path="status_quo",
            value=issue.id,
        )
    return issue.scale.coord(issue.status_quo)


MODEL = ForecastModel(
    name="status_quo",
    description="nothing changes: the issue's recorded status quo",
    scales=SCALE_KINDS,
    predict=_predict,
    uses_positions=False,
)
