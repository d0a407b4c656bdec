"""The compromise model with a salience exponent: weights capability × salience^β.

The compromise model (:mod:`~negotrack.analysis.forecast_models.compromise`) weighs each
ideal by capability × salience; here salience counts as salience^β. β < 1 flattens the
saliences towards equal weights (β → 0: capabilities alone), β > 1 sharpens them. The one
free parameter is β; a backtest with ``folds=`` chooses it on the other folds only. The
default, β = 0.5, is the best value of the grid on all 353 DEU III issues with equal
capabilities (an in-sample choice: only held-out figures judge it).

A party with salience 0 has weight 0 for every β in the grid (all > 0).
"""

from __future__ import annotations

from collections.abc import Mapping

from negotrack.analysis.forecast_models.compromise import MODEL as COMPROMISE
from negotrack.analysis.forecast_models.interface import ORDERED_SCALES, ForecastModel, Predict
from negotrack.model.entities import Issue, Position

#: The values of β a backtest chooses from.
GRID: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
#: β when nothing is tuned (the grid's best on all DEU III issues, equal capabilities).
DEFAULT_BETA = 0.5


def _family(beta: float) -> Predict:
    def predict(
        issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]
    ) -> float:
        # weights = capability × salience, so capability × salience^β = weight × salience^(β-1).
        reweighted = {
            p: weights[p] * pos.salience ** (beta - 1) if pos.salience > 0 else 0.0
            for p, pos in positions.items()
        }
        return COMPROMISE.predict(issue, positions, reweighted)

    return predict


MODEL = ForecastModel(
    name="salience_exponent",
    description="the compromise model weighing capability × salience^β (β tuned on DEU III)",
    scales=ORDERED_SCALES,
    predict=_family(DEFAULT_BETA),
    parameter="β",
    grid=GRID,
    family=_family,
)
