"""Tests of negotrack.analysis._parameters: the one rule for counts and time limits."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from negotrack.analysis._parameters import check_count, check_seconds
from negotrack.errors import AnalysisError, InvalidTypeError, NegotrackError, ValidationError

#: Anything a caller may pass as a count or a time limit.
anything = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=3),
    st.none(),
)


@given(anything, st.integers(-3, 3), st.sampled_from([AnalysisError, ValidationError]))
@example(True, 0, AnalysisError)
@example(2.0, 0, AnalysisError)
@example(-1, 0, ValidationError)
def test_check_count_accepts_exactly_the_whole_numbers_from_the_minimum(
    value: object, minimum: int, error: type[NegotrackError]
) -> None:
    """Law: an int (not a bool) >= minimum comes back as it is.

    Another int raises ``error``, anything else InvalidTypeError, each naming the parameter.
    """
    whole = isinstance(value, int) and not isinstance(value, bool)
    if whole and value >= minimum:  # type: ignore[operator]
        assert check_count("n", value, minimum, error=error) is value
        return
    wanted = error if whole else InvalidTypeError
    with pytest.raises(NegotrackError) as raised:
        check_count("n", value, minimum, error=error)
    assert type(raised.value) is wanted
    assert raised.value.path == "n"
    assert str(raised.value).startswith("n=")


@given(anything)
@example(math.inf)
@example(-math.inf)
@example(math.nan)
@example(True)
@example(0)
def test_check_seconds_accepts_exactly_the_finite_positive_numbers(value: object) -> None:
    """Law: a finite number > 0 (not a bool) comes back as a float.

    Another number raises AnalysisError, anything else InvalidTypeError.
    """
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and value > 0:  # type: ignore[arg-type, operator]
        got = check_seconds(value)
        assert type(got) is float
        assert got == value
        return
    wanted = AnalysisError if number else InvalidTypeError
    with pytest.raises(NegotrackError) as raised:
        check_seconds(value)
    assert type(raised.value) is wanted
    assert raised.value.path == "time_limit"
