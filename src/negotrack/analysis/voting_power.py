"""Voting power: the Shapley–Shubik index of a weighted voting rule, computed exactly.

A voting rule here is a *weighted game with member thresholds*: each voter ``i`` has an
integer weight ``w_i``; a coalition ``S`` wins when its weight reaches the quota and it has
enough members, or when it has so many members that no blocking minority is left:

    ``S`` wins  ⇔  (w(S) ≥ quota and |S| ≥ min_members) or |S| ≥ enough_members.

This covers the EU Council's rules: the Nice weights (votes ≥ quota and a majority of the
members), the Lisbon double majority (population ≥ 65 % and ≥ 55 % of the members, or all
but three members) and unanimity (quota = the total weight).

The Shapley–Shubik index (Shapley & Shubik 1954) of voter ``i`` among ``n`` is

    ``φ_i = Σ_{S ⊆ N∖{i}, S loses, S ∪ {i} wins}  |S|! (n − |S| − 1)! / n!``,

the share of the ``n!`` voting orders in which ``i`` is pivotal; the indices are ≥ 0 and
sum to 1. :func:`shapley_shubik` counts the coalitions exactly by dynamic programming over
(size, weight) — integer counts, no sampling — so the only rounding is the final division.

References
----------
Shapley, L. S. & Shubik, M. (1954). A method for evaluating the distribution of power in a
committee system. *American Political Science Review* 48(3), 787-792.
Felsenthal, D. S. & Machover, M. (1998). *The Measurement of Voting Power*. Edward Elgar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from negotrack.errors import ValidationError

__all__ = ["shapley_shubik"]


def _check(weights: Sequence[int], quota: int, min_members: int, enough: int | None) -> None:
    for k, w in enumerate(weights):
        if isinstance(w, bool) or not isinstance(w, int) or w < 0:
            raise ValidationError(
                f"weights[{k}]={w!r} must be an integer >= 0", path=f"weights[{k}]", value=w
            )
    if not weights:
        raise ValidationError("weights must name at least one voter", path="weights", value=[])
    if isinstance(quota, bool) or not isinstance(quota, int) or not 0 < quota <= sum(weights):
        raise ValidationError(
            f"quota={quota!r} must be an integer in 1..{sum(weights)} (the total weight)",
            path="quota",
            value=quota,
        )
    if not 0 <= min_members <= len(weights):
        raise ValidationError(
            f"min_members={min_members!r} must be in 0..{len(weights)}",
            path="min_members",
            value=min_members,
        )
    if enough is not None and not 1 <= enough <= len(weights):
        raise ValidationError(
            f"enough_members={enough!r} must be in 1..{len(weights)} or None",
            path="enough_members",
            value=enough,
        )


def shapley_shubik(
    weights: Sequence[int],
    quota: int,
    *,
    min_members: int = 0,
    enough_members: int | None = None,
) -> tuple[float, ...]:
    """Return the exact Shapley–Shubik index of each voter of a weighted voting rule.

    Parameters
    ----------
    weights : sequence of int
        Each voter's weight (votes, or population in thousands), ``>= 0``.
    quota : int
        The weight a coalition needs, ``1 <= quota <= sum(weights)``.
    min_members : int, optional
        The members a coalition needs besides the quota (default 0).
    enough_members : int, optional
        A coalition with at least this many members wins whatever its weight (the Lisbon
        rule's blocking minority of four: ``n - 3``). Default: no such rule.

    Returns
    -------
    tuple of float
        ``φ_i = Σ |S|! (n − |S| − 1)! / n!`` over the coalitions ``S`` without ``i`` that
        lose and win once ``i`` joins; each in [0, 1], summing to 1, in the order of
        ``weights``.

    Raises
    ------
    ValidationError
        If a weight is negative or not an integer, or the quota or a member threshold is
        out of range.

    Notes
    -----
    The coalitions are counted by size and weight with a generating function
    ``Π_i (1 + y x^{w_i})``, held as one Python integer per size with the coefficients
    packed side by side (so adding a voter is a shift and an add); leaving voter ``i`` out
    divides by ``(1 + y x^{w_i})`` exactly. Counts are integers, so the index is exact up to
    the last division. Laws (tested): the indices sum to 1; equal weights have equal
    indices; a voter of weight 0 (a dummy) has index 0; under unanimity every index is 1/n.

    Examples
    --------
    >>> from negotrack.analysis.voting_power import shapley_shubik
    >>> shapley_shubik([2, 1, 1], 3)       # the big voter is pivotal in 4 of 6 orders
    (0.6666666666666666, 0.16666666666666666, 0.16666666666666666)
    >>> shapley_shubik([1, 1, 1, 1], 4)    # unanimity: equal power
    (0.25, 0.25, 0.25, 0.25)
    """
    weights = list(weights)
    _check(weights, quota, min_members, enough_members)
    n = len(weights)
    total = sum(weights)
    enough = n + 1 if enough_members is None else enough_members
    bits = math.comb(n, n // 2).bit_length() + 1  # room for any count of one size
    mask = (1 << bits) - 1
    # f[k]: coefficient s (bits s*B..) = number of coalitions of size k and weight s.
    f = [0] * (n + 1)
    f[0] = 1
    for w in weights:
        for k in range(n, 0, -1):
            if f[k - 1]:
                f[k] += f[k - 1] << (w * bits)

    def count(poly: int, lo: int, hi: int) -> int:
        """Sum of the coefficients for weights lo <= s < hi."""
        lo, hi = max(lo, 0), min(hi, total + 1)
        if hi <= lo or not poly:
            return 0
        chunk = (poly >> (lo * bits)) & ((1 << ((hi - lo) * bits)) - 1)
        # Each coefficient is a base-2^B digit; their sum (< 2^B - 1) is chunk mod (2^B - 1).
        return chunk % mask

    orders = math.factorial(n)
    out: list[float] = []
    for wi in weights:
        g = [0] * n  # coalitions without voter i, by size
        g[0] = 1
        for k in range(1, n):
            g[k] = f[k] - (g[k - 1] << (wi * bits))
        pivots = 0
        for k in range(n):
            if k >= enough:
                continue  # S already wins
            if k + 1 >= enough:  # S ∪ {i} wins by numbers alone
                lo, hi = (0, quota) if k >= min_members else (0, total + 1)
            elif k + 1 >= min_members:  # S ∪ {i} wins by weight
                lo, hi = quota - wi, quota if k >= min_members else total + 1
            else:
                continue
            pivots += count(g[k], lo, hi) * math.factorial(k) * math.factorial(n - k - 1)
        out.append(pivots / orders)
    return tuple(out)
