"""The bargaining solutions: which point of the Pareto frontier each solution concept picks.

Each function here picks one point of a :class:`~negotrack.analysis.agreement.results.Frontier`
and returns it as a :class:`~negotrack.analysis.agreement.results.Solution` (its first
package and the parties' utilities there), or None when the frontier is empty because no
package is rational. Gains are measured from each party's *disagreement point*: its reserved
value, or the worst utility it can get in the feasible set when the reserved value is lower
(NegMAS' convention; see
:meth:`~negotrack.analysis.agreement.space.AgreementSpace.disagreement`). Ties go to the
first frontier point in frontier order (decreasing utility of the first party).

The functions read nothing but the frontier and the reference points, in the frontier's
party order; :class:`~negotrack.analysis.agreement.space.AgreementSpace` supplies them
(``space.nash()`` ...). A solver for another kind of space (continuous issues, say) belongs
here as well, returning a :class:`~negotrack.analysis.agreement.results.Solution` named
after its concept in :data:`SOLUTIONS`.

Examples
--------
>>> import negotrack as nt
>>> from negotrack.analysis.agreement import solutions
>>> u_a = nt.UtilityFunction(weights={"x": 0.8, "y": 0.2},
...                          values={"x": {0: 1.0, 1: 0.0}, "y": {0: 1.0, 1: 0.0}})
>>> u_b = nt.UtilityFunction(weights={"x": 0.3, "y": 0.7},
...                          values={"x": {0: 0.0, 1: 1.0}, "y": {0: 0.0, 1: 1.0}})
>>> front = nt.AgreementSpace({"A": u_a, "B": u_b}, {"x": [0, 1], "y": [0, 1]}).frontier()
>>> front.points
((1.0, 0.0), (0.8, 0.7), (0.0, 1.0))
>>> solutions.nash(front, (0.0, 0.0)).package
{'x': 0, 'y': 1}
>>> solutions.utilitarian(front).utilities
{'A': 0.8, 'B': 0.7}

References
----------
Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
*Econometrica* 43(3), 513-518.
Mohammad, Y. et al. NegMAS: a platform for automated negotiations (``negmas.preferences``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from negotrack.model.scales import Value

from . import continuous as cont
from .continuous import Piece
from .frontier import Vector
from .results import Frontier, Solution

#: The solution concepts, by name, in the order reports list them.
SOLUTIONS: tuple[str, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


#: Scores this close (relative to the best, at least 1e-12 absolute) count as tied.
TIE_TOLERANCE = 1e-12


def _solution(
    name: str, frontier: Frontier, score: list[float], *, maximise: bool = True
) -> Solution | None:
    """Return the best-scored frontier point, with every other point as good as its ties."""
    index = _argbest(score, maximise=maximise)
    if index is None:
        return None
    best = score[index]
    slack = TIE_TOLERANCE * max(1.0, abs(best))
    tied = [k for k, v in enumerate(score) if k != index and abs(v - best) <= slack]
    return Solution(
        name=name,
        package=frontier.package(index),
        utilities=dict(zip(frontier.parties, frontier.points[index], strict=True)),
        ties=tuple(frontier.package(k) for k in tied),
    )


def _argbest(score: list[float], *, maximise: bool = True) -> int | None:
    """Index of the best score, the first on ties; None when there is none."""
    pick = max if maximise else min
    return pick(range(len(score)), key=score.__getitem__, default=None)


def nash(frontier: Frontier, disagreement: Vector) -> Solution | None:
    """Return the frontier point maximising the product of gains over ``disagreement``.

    Parameters
    ----------
    frontier : Frontier
        Where the solution is picked.
    disagreement : tuple of float
        Each party's disagreement point, in the frontier's party order.

    Returns
    -------
    Solution or None
        Named ``"nash"``; None if the frontier is empty.
    """
    score = [
        math.prod(u - r for u, r in zip(pt, disagreement, strict=True)) for pt in frontier.points
    ]
    return _solution("nash", frontier, score)


def kalai_smorodinsky(frontier: Frontier, disagreement: Vector, ideal: Vector) -> Solution | None:
    """Return the frontier point whose relative gains are closest to equal.

    Each party's gain is normalised by its best possible gain,
    ``(u - d) / (ideal - d)`` (the plain gain where ``ideal == d``); the solution is the
    frontier point with the smallest spread (max − min) of these ratios, NegMAS' discrete
    reading of Kalai–Smorodinsky.

    Parameters
    ----------
    frontier : Frontier
        Where the solution is picked.
    disagreement, ideal : tuple of float
        Each party's disagreement point and best feasible utility, in the frontier's party
        order.

    Returns
    -------
    Solution or None
        Named ``"kalai_smorodinsky"``; None if the frontier is empty.
    """
    score: list[float] = []
    for pt in frontier.points:
        ratios = [
            (u - r) / (b - r) if b - r else (u - r)
            for u, r, b in zip(pt, disagreement, ideal, strict=True)
        ]
        score.append(max(ratios) - min(ratios))
    return _solution("kalai_smorodinsky", frontier, score, maximise=False)


def egalitarian(frontier: Frontier, disagreement: Vector) -> Solution | None:
    """Return the frontier point maximising the smallest gain over ``disagreement``.

    Parameters
    ----------
    frontier : Frontier
        Where the solution is picked.
    disagreement : tuple of float
        Each party's disagreement point, in the frontier's party order.

    Returns
    -------
    Solution or None
        Named ``"egalitarian"``; None if the frontier is empty.
    """
    score = [min(u - r for u, r in zip(pt, disagreement, strict=True)) for pt in frontier.points]
    return _solution("egalitarian", frontier, score)


def utilitarian(frontier: Frontier) -> Solution | None:
    """Return the frontier point maximising the sum of utilities.

    Parameters
    ----------
    frontier : Frontier
        Where the solution is picked.

    Returns
    -------
    Solution or None
        Named ``"utilitarian"``; None if the frontier is empty.
    """
    score = [sum(pt) for pt in frontier.points]
    return _solution("utilitarian", frontier, score)


def on_pieces(
    name: str,
    pieces: Sequence[Piece],
    disagreement: tuple[float, float],
    ideal: tuple[float, float],
    *,
    issues: Sequence[str],
    evaluate: Callable[[Mapping[str, Value]], Mapping[str, float]],
) -> Solution | None:
    """Return a solution over a two-party frontier of points and segments (continuous issues).

    Each piece is read in closed form
    (:func:`~negotrack.analysis.agreement.continuous.best_on_piece`): Nash maximises the
    product of gains, egalitarian the smaller gain, Kalai–Smorodinsky the smaller gain as a
    share of the party's best possible gain (the point where the ray from the disagreement
    point to the ideal point leaves the set of packages: equal shares when the ray meets the
    frontier), utilitarian the sum of utilities. The best piece wins, the first in
    ``pieces`` order on ties; every other piece as good (and not weakly dominated by the
    winner), and both ends of a piece along which the score is constant, are ``ties``.

    Parameters
    ----------
    name : str
        One of :data:`SOLUTIONS`.
    pieces : sequence of Piece
        The frontier, in the order ties are broken.
    disagreement, ideal : (float, float)
        The parties' disagreement and ideal points.
    issues : sequence of str
        The space's issues, in order (to name the package's outcomes).
    evaluate : callable
        Package → each party's utility (the solution reports the true utilities).

    Returns
    -------
    Solution or None
        None if ``pieces`` is empty (no package is rational).
    """
    scored = [(cont.best_on_piece(name, p, disagreement, ideal), p) for p in pieces]
    if not scored:
        return None
    (best, t, _), piece = max(scored, key=lambda item: item[0][0])
    for item in scored:  # the first piece as good as the best
        if item[0][0] == best:
            (best, t, _), piece = item
            break
    slack = TIE_TOLERANCE * max(1.0, abs(best))
    top = cont.point_at(piece, t)
    package = cont.package_of(piece, t, issues)
    ties: list[dict[str, Value]] = []
    for (score, u, flat), other in scored:
        if abs(score - best) > slack:
            continue
        spots = [0.0, 1.0] if flat else [u]
        for spot in spots:
            pt = cont.point_at(other, spot)
            if pt[0] <= top[0] and pt[1] <= top[1]:
                continue  # the solution is at least as good for both: not a real choice
            pkg = cont.package_of(other, spot, issues)
            if pkg != package and pkg not in ties:
                ties.append(pkg)
    return Solution(name=name, package=package, utilities=dict(evaluate(package)), ties=tuple(ties))
