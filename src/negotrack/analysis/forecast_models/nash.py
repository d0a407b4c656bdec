"""The (asymmetric) Nash bargaining point on one issue alone.

The outcome maximising ``Π (u_p(x) - u_p(d)) ^ (capability × salience)`` with
``u_p(x) = 1 - d(ideal_p, x)``, over a fine grid within the range of the ideals (and the
ideals themselves; every label in range on an ordinal scale). The disagreement point ``d``
is the status quo when the issue records one and some outcome in range makes every party
gain; otherwise each party's gain is its utility itself. On a nominal scale (utility 1 at
the ideal, 0 elsewhere) this is a weighted plurality: the label the most weight holds.

References
----------
Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from negotrack.analysis.forecast_models.interface import SCALE_KINDS, ForecastModel
from negotrack.model.entities import Issue, Position

_NASH_GRID = 200


def _predict(
    issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float]
) -> float:
    scale = issue.scale
    ideals = {p: scale.coord(pos.ideal) for p, pos in positions.items()}
    positive = any(w > 0 for w in weights.values())
    expo = dict(weights) if positive else dict.fromkeys(weights, 1.0)
    if not scale.ordered:
        # Unordered labels: utility 1 at the ideal, 0 elsewhere; the best label is the one
        # the most weight holds (a weighted plurality).
        score: dict[float, float] = {}
        for p, c in ideals.items():
            score[c] = score.get(c, 0.0) + expo[p]
        return max(sorted(score), key=lambda c: score[c])
    lo, hi = min(ideals.values()), max(ideals.values())
    if scale.discrete:
        cands = [float(k) for k in range(int(lo), int(hi) + 1)]
    else:
        cands = sorted(
            {*ideals.values(), *(lo + (hi - lo) * k / _NASH_GRID for k in range(_NASH_GRID + 1))}
        )
    sq = issue.status_quo
    d = {
        p: (1.0 - scale.distance(positions[p].ideal, sq)) if sq is not None else 0.0 for p in ideals
    }
    span = scale.span

    def log_nash(x: float) -> float:
        total = 0.0
        for p, c in ideals.items():
            gain = 1.0 - abs(c - x) / span - d[p]
            if expo[p] == 0:
                continue
            if gain <= 0:
                return -math.inf
            total += expo[p] * math.log(gain)
        return total

    best = max(cands, key=log_nash)
    if log_nash(best) == -math.inf:
        # No outcome in range makes everyone better off than the status quo: fall back to
        # the product of utilities themselves (gains from zero).
        d = dict.fromkeys(ideals, 0.0)
        best = max(cands, key=log_nash)
    return best


MODEL = ForecastModel(
    name="nash",
    description="the asymmetric Nash bargaining point on the issue alone (nominal: weighted plurality)",
    scales=SCALE_KINDS,
    predict=_predict,
)
