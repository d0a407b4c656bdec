"""Strategies for the utility formats: domains as Genius and GeniusWeb files define them."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.analysis.utilities import UtilityFunction, ValueFunction
from negotrack.io.utility_domain import DomainIssue, Linear, UtilityDomain
from negotrack.model.scales import Value


@st.composite
def _domain(draw: st.DrawFn, max_parties: int, max_issues: int, max_values: int) -> UtilityDomain:
    n_issues = draw(st.integers(1, max_issues))
    issues: list[DomainIssue] = []
    for k in range(n_issues):
        if draw(st.booleans()):
            n = draw(st.integers(1, max_values))
            labels = tuple(
                draw(
                    st.lists(
                        st.text("abcxyz -'", min_size=1, max_size=6).map(str.strip).filter(bool),
                        min_size=n,
                        max_size=n,
                        unique=True,
                    )
                )
            )
            issues.append(DomainIssue(name=f"issue {k}", kind="discrete", values=labels))
        else:
            lo = draw(st.integers(-5, 5))
            issues.append(
                DomainIssue(
                    name=f"issue {k}", kind="integer", lower=lo, upper=lo + draw(st.integers(1, 4))
                )
            )
    utilities: dict[str, UtilityFunction] = {}
    unit = st.floats(0, 1, allow_nan=False)
    for p in range(draw(st.integers(1, max_parties))):
        raw = [draw(st.floats(0.01, 1)) for _ in issues]
        weights = {i.name: w / sum(raw) for i, w in zip(issues, raw, strict=True)}
        values: dict[str, ValueFunction] = {}
        for i in issues:
            if i.kind == "discrete":
                table: dict[Value, float] = {v: draw(unit) for v in i.values}
                table[draw(st.sampled_from(i.values))] = 1.0  # Genius' form: the largest is 1
                values[i.name] = table
            else:
                values[i.name] = Linear(offset=draw(unit), slope=draw(st.floats(-0.2, 0.2)))
        utilities[f"party{p}"] = UtilityFunction(
            weights=weights, values=values, reserved=draw(unit)
        )
    discount = {p: draw(st.sampled_from([1.0, 0.5, 0.9])) for p in utilities}
    return UtilityDomain(name="drawn", issues=tuple(issues), utilities=utilities, discount=discount)


def utility_domains(
    *, max_parties: int = 3, max_issues: int = 3, max_values: int = 4
) -> SearchStrategy[UtilityDomain]:
    """Utility domains in Genius' normal form: discrete and integer issues, weights summing to 1.

    Discrete tables take values in [0, 1] with a largest value of 1 (Genius divides by the
    largest); integer issues have linear evaluators; reserved values in [0, 1]; discount
    factors 1, 0.9 or 0.5. Issue labels include spaces and quotes.

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.utility_domains(max_issues=2))
    ... def test_weights_sum_to_one(d):
    ...     for u in d.utilities.values():
    ...         assert abs(sum(u.weights.values()) - 1) < 1e-9
    >>> test_weights_sum_to_one()
    """
    return _domain(max_parties, max_issues, max_values)
