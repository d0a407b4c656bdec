"""The compromise model: the mean of the ideals weighted by capability × salience.

Achen's compromise model (Achen 2006; van den Bos 1991), the most accurate of the simple
models on the DEU data. On an ordinal scale the mean falls between labels: the coordinate is
kept exact and the forecast value is the nearest label. Nominal scales have no mean.

References
----------
Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al. (eds.),
*The European Union Decides*, 264-298. Cambridge University Press.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from negotrack.analysis.forecast_models.interface import ORDERED_SCALES, ForecastModel
from negotrack.model.entities import Issue, Position


def _predict(
    issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]
) -> float:
    scale = issue.scale
    coords = {p: scale.coord(pos.ideal) for p, pos in positions.items()}
    total = sum(weights.values())
    if total > 0:
        coord = sum(weights[p] * c for p, c in coords.items()) / total
        if not math.isfinite(coord):  # huge values: each share times its value cannot overflow
            coord = sum(weights[p] / total * c for p, c in coords.items())
    else:
        coord = sum(coords.values()) / len(coords)
        if not math.isfinite(coord):
            coord = sum(c / len(coords) for c in coords.values())
    return min(max(coord, min(coords.values())), max(coords.values()))


MODEL = ForecastModel(
    name="compromise",
    description="the weighted mean of the ideals (the compromise model; Achen 2006)",
    scales=ORDERED_SCALES,
    predict=_predict,
)
