"""Strategies for the agreement space: utility functions and small package problems."""

from __future__ import annotations

from collections.abc import Sequence

import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.analysis.agreement import AgreementSpace
from negotrack.analysis.utilities import INFEASIBLE, UtilityFunction
from negotrack.model.scales import Value


def _unit_values() -> SearchStrategy[float]:
    """Values in [0, 1], often on a coarse grid so ties between packages are common."""
    return st.one_of(
        st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
        st.floats(0, 1, allow_nan=False, allow_infinity=False),
    )


def dyadic_units(*, denominator: int = 64) -> SearchStrategy[float]:
    """Numbers ``k / denominator`` in [0, 1] (``denominator`` a power of two).

    Products and short sums of such numbers are exact in binary floating point, so laws
    about *ties* between packages can be checked without rounding creating or hiding them.
    """
    if denominator < 1 or denominator & (denominator - 1):
        raise ValueError(f"denominator must be a power of two, got {denominator}")
    return st.integers(0, denominator).map(lambda k: k / denominator)


def utility_functions(
    outcomes: dict[str, Sequence[Value]],
    *,
    values: SearchStrategy[float] | None = None,
    weights: SearchStrategy[float] | None = None,
    reserved: SearchStrategy[float] | None = None,
    infeasible: bool = False,
) -> SearchStrategy[UtilityFunction]:
    """Linear-additive utility functions with a value table over ``outcomes`` (issue → outcomes).

    Weights are drawn from ``weights`` (default [0, 1]) in the order of ``outcomes``; table
    values from ``values`` (default: [0, 1], often on a 0.25 grid so ties occur); with
    ``infeasible=True`` some outcomes are :data:`negotrack.INFEASIBLE` (a red line).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.utility_functions({"x": [0, 1], "y": ["a", "b"]}))
    ... def test_weights_nonnegative(u):
    ...     assert all(w >= 0 for w in u.weights.values())
    >>> test_weights_nonnegative()
    """
    val = values if values is not None else _unit_values()
    if infeasible:
        val = st.one_of(val, st.just(INFEASIBLE))
    wts = weights if weights is not None else _unit_values()
    res = reserved if reserved is not None else st.sampled_from([0.0, 0.0, 0.25, 0.5])

    @st.composite
    def build(draw: st.DrawFn) -> UtilityFunction:
        drawn = {i: draw(wts) for i in outcomes}
        tables = {i: {o: draw(val) for o in outs} for i, outs in outcomes.items()}
        return UtilityFunction(weights=drawn, values=tables, reserved=draw(res))

    return build()


def agreement_spaces(
    *,
    min_parties: int = 2,
    max_parties: int = 3,
    min_issues: int = 1,
    max_issues: int = 3,
    max_values: int = 4,
    infeasible: bool = True,
    values: SearchStrategy[float] | None = None,
    weights: SearchStrategy[float] | None = None,
) -> SearchStrategy[AgreementSpace]:
    """Small package problems: parties ``p0..``, issues ``i0..`` with outcomes ``0..``.

    Small enough (at most ``max_values ** max_issues`` packages) to check any result by
    enumerating every package. ``values`` and ``weights`` are passed to
    :func:`utility_functions` (use :func:`dyadic_units` for both to make every utility exact).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.agreement_spaces(max_issues=2, max_values=3))
    ... def test_small(space):
    ...     assert space.size <= 9
    >>> test_small()
    """
    if not 1 <= min_parties <= max_parties or not 1 <= min_issues <= max_issues:
        raise ValueError("need 1 <= min_parties <= max_parties and 1 <= min_issues <= max_issues")
    if max_values < 1:
        raise ValueError(f"need max_values >= 1, got {max_values}")

    @st.composite
    def build(draw: st.DrawFn) -> AgreementSpace:
        n_issues = draw(st.integers(min_issues, max_issues))
        outcomes: dict[str, Sequence[Value]] = {
            f"i{k}": tuple(range(draw(st.integers(1, max_values)))) for k in range(n_issues)
        }
        n_parties = draw(st.integers(min_parties, max_parties))
        utilities = {
            f"p{k}": draw(
                utility_functions(outcomes, infeasible=infeasible, values=values, weights=weights)
            )
            for k in range(n_parties)
        }
        return AgreementSpace(utilities, outcomes)

    return build()
