"""Strategies for the agreement space: utility functions and small package problems."""

from __future__ import annotations

from collections.abc import Sequence

import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.analysis.agreement import AgreementSpace
from negotrack.analysis.utilities import (
    INFEASIBLE,
    UtilityFunction,
    candidate_outcomes,
    utility_from_positions,
)
from negotrack.model.entities import Position
from negotrack.model.scales import NumericScale, OrdinalScale, Value

from .model import positions


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


def continuous_agreement_spaces(
    *,
    min_numeric: int = 1,
    max_numeric: int = 2,
    max_labelled: int = 1,
    reserved: SearchStrategy[float] | None = None,
    min_parties: int = 2,
    max_parties: int = 2,
) -> SearchStrategy[AgreementSpace]:
    """Spaces whose numeric issues are continuous, from drawn positions (two parties default).

    Issues ``n0..`` are numeric (scale 0–100, the parties' positions drawn with
    :func:`~negotrack.testing.strategies.positions`, red lines and soft ranges alike,
    saliences in [0.05, 1]),
    issues ``k0..`` ordinal; utilities follow the documented derivation
    (:func:`negotrack.utility_from_positions`), a party sometimes silent on an issue. Each
    numeric issue is continuous: its outcomes are the parties' breakpoints
    (:func:`negotrack.analysis.utilities.candidate_outcomes`). Parties are ``A``, ``B``, then
    ``C``, ``D`` ... up to ``max_parties`` (``min_parties=3`` draws the spaces solved by
    mixed-integer programs, see :mod:`negotrack.analysis.agreement.continuous_milp`).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.continuous_agreement_spaces(min_parties=3, max_parties=3, max_numeric=1))
    ... def test_three(space):
    ...     assert len(space.parties) == 3 and space.continuous == ("n0",)
    >>> test_three()
    >>> @given(nts.continuous_agreement_spaces(max_numeric=1, max_labelled=0))
    ... def test_continuous(space):
    ...     assert space.continuous == ("n0",)
    >>> test_continuous()
    """
    if not 0 <= min_numeric <= max_numeric or max_numeric < 1 or max_labelled < 0:
        raise ValueError(
            "need 0 <= min_numeric <= max_numeric, max_numeric >= 1, max_labelled >= 0"
        )
    if not 2 <= min_parties <= max_parties <= 26:
        raise ValueError("need 2 <= min_parties <= max_parties <= 26")
    numeric = NumericScale(0, 100)
    ordinal = OrdinalScale(["a", "b", "c", "d"])
    res = reserved if reserved is not None else st.sampled_from([0.0, 0.0, 0.2, 0.4])
    # saliences of 1e-300 would make utilities differ by less than rounding: laws about
    # dominance could not be told from rounding there
    saliences = st.floats(0.05, 1)

    @st.composite
    def build(draw: st.DrawFn) -> AgreementSpace:
        scales: dict[str, NumericScale | OrdinalScale] = {
            f"n{k}": numeric for k in range(draw(st.integers(max(min_numeric, 1), max_numeric)))
        }
        scales.update({f"k{k}": ordinal for k in range(draw(st.integers(0, max_labelled)))})
        n_parties = draw(st.integers(min_parties, max_parties))
        held: dict[str, dict[str, Position]] = {chr(65 + k): {} for k in range(n_parties)}
        for issue, scale in scales.items():
            for party, mine in held.items():
                # the first party always speaks on the first issue, so nobody is wholly silent
                if (party, issue) == ("A", "n0") or draw(st.integers(0, 4)) > 0:
                    mine[issue] = draw(positions(scale, saliences=saliences))
        for mine in held.values():
            if not mine:
                mine["n0"] = draw(positions(numeric, saliences=saliences))
        utilities = {
            p: utility_from_positions(mine, reserved=draw(res)) for p, mine in held.items()
        }
        outcomes = {
            i: candidate_outcomes(s, [held[p][i] for p in held if i in held[p]])
            for i, s in scales.items()
            if any(i in mine for mine in held.values())
        }
        continuous = [i for i in outcomes if isinstance(scales[i], NumericScale)]
        return AgreementSpace(utilities, outcomes, continuous=continuous)

    return build()
