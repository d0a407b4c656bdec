"""The rules for an analysis's parameters: a count and a time limit, one place for each.

Every analysis checks its counts (``max_cycles``, ``samples``, ``max_work``, ``grid``,
``folds`` ...) and its time limit here, and so does the HTML brief (``max_dates``). A value
of the wrong type is an :class:`~negotrack.errors.InvalidTypeError` everywhere; a value out
of range raises the error of the function's own API for bad values:
:class:`~negotrack.errors.AnalysisError` by default,
:class:`~negotrack.errors.ValidationError` where that is the API's (the robustness analysis,
the utility helpers, the backtest, the HTML brief).
"""

from __future__ import annotations

import math

from negotrack.errors import AnalysisError, InvalidTypeError, NegotrackError

__all__ = ["check_count", "check_seconds"]


def check_count(
    name: str, value: object, minimum: int, *, error: type[NegotrackError] = AnalysisError
) -> int:
    """Return ``value`` if it is a whole number (not a bool) of at least ``minimum``.

    Parameters
    ----------
    name : str
        The parameter's name, for the message and the error's ``path``.
    value : object
        What was given.
    minimum : int
        The least value allowed.
    error : type, optional
        The error for a value below ``minimum`` (default :class:`AnalysisError`).

    Returns
    -------
    int

    Raises
    ------
    InvalidTypeError
        If ``value`` is not an int, or is a bool.
    NegotrackError
        ``error``, if ``value`` is below ``minimum``.

    Examples
    --------
    >>> from negotrack.analysis._parameters import check_count
    >>> check_count("max_cycles", 3, 1)
    3
    >>> check_count("max_cycles", "3", 1)
    Traceback (most recent call last):
    ...
    negotrack.errors.InvalidTypeError: max_cycles='3' must be a whole number
    >>> check_count("max_cycles", 0, 1)
    Traceback (most recent call last):
    ...
    negotrack.errors.AnalysisError: max_cycles=0 must be >= 1
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name}={value!r} must be a whole number", path=name, value=value)
    if value < minimum:
        raise error(f"{name}={value} must be >= {minimum}", path=name, value=value)
    return value


def check_seconds(value: object) -> float:
    """Return a time limit as a float if it is a finite number of seconds > 0.

    Parameters
    ----------
    value : object
        What was given as ``time_limit``.

    Returns
    -------
    float

    Raises
    ------
    InvalidTypeError
        If ``value`` is not a number (a bool is not).
    AnalysisError
        If it is not finite or not > 0.

    Examples
    --------
    >>> from negotrack.analysis._parameters import check_seconds
    >>> check_seconds(2)
    2.0
    >>> check_seconds(0)
    Traceback (most recent call last):
    ...
    negotrack.errors.AnalysisError: time_limit=0 must be a finite number of seconds > 0
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"time_limit={value!r} must be a number of seconds", path="time_limit", value=value
        )
    if not (math.isfinite(value) and value > 0):
        raise AnalysisError(
            f"time_limit={value!r} must be a finite number of seconds > 0",
            path="time_limit",
            value=value,
        )
    return float(value)
