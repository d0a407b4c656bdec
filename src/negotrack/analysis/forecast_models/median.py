"""The weighted median: the lowest ideal at which half the weight is reached (Black 1948).

Weights are capability × salience, as for the compromise model; nominal scales have no
median.

References
----------
Black, D. (1948). On the rationale of group decision-making. *Journal of Political Economy*
56(1), 23-34.
"""

from __future__ import annotations

from collections.abc import Mapping

from negotrack.analysis.forecast_models.interface import ORDERED_SCALES, ForecastModel
from negotrack.model.entities import Issue, Position


def _weighted_median(points: list[tuple[float, float]]) -> float:
    """Smallest x whose cumulative weight reaches half the total (lower weighted median)."""
    points = sorted(points)
    total = sum(w for _, w in points)
    if total <= 0:
        points = [(x, 1.0) for x, _ in points]
        total = float(len(points))
    # A relative tolerance keeps exact halves exact: saliences such as 0.3 + 0.2 must tie
    # with a half of 1.0 as the integers 30 + 20 do with 50.
    half = total / 2 * (1 - 1e-12)
    acc = 0.0
    for x, w in points:
        acc += w
        if acc >= half:
            return x
    return points[-1][0]  # pragma: no cover - the loop always returns


def _predict(
    issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]
) -> float:
    scale = issue.scale
    return _weighted_median([(scale.coord(pos.ideal), weights[p]) for p, pos in positions.items()])


MODEL = ForecastModel(
    name="median",
    description="the weighted median of the ideals: the lowest at which half the weight is reached",
    scales=ORDERED_SCALES,
    predict=_predict,
)
