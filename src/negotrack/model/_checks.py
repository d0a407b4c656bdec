"""Field checks shared by the model's classes: the one place each rule is written."""

from __future__ import annotations

import datetime
import math
from typing import Any

from negotrack.errors import InvalidRecordError, InvalidTypeError, ValidationError


def check_id(owner: str, field: str, value: Any) -> str:
    """Check an identifier: a non-empty string without surrounding blanks."""
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a string, not {type(value).__name__}",
            path=f"{owner}.{field}",
            value=value,
        )
    if not value or value != value.strip():
        raise InvalidRecordError(
            f"{owner}.{field}={value!r} must be a non-empty identifier without surrounding spaces",
            path=f"{owner}.{field}",
            value=value,
        )
    return value


def check_text(owner: str, field: str, value: Any) -> str:
    """Check a free-text field is a string."""
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a string, not {type(value).__name__}",
            path=f"{owner}.{field}",
            value=value,
        )
    return value


def check_unit(
    owner: str, field: str, value: Any, *, error: type[ValidationError] = InvalidRecordError
) -> float:
    """Check a number in [0, 1] (a salience, a share)."""
    number = check_number(owner, field, value, error=error)
    if not 0.0 <= number <= 1.0:
        raise error(
            f"{owner}.{field}={value!r} must lie in [0, 1]",
            path=f"{owner}.{field}",
            value=value,
        )
    return number


def check_number(
    owner: str,
    field: str,
    value: Any,
    *,
    minimum: float | None = None,
    error: type[ValidationError] = InvalidRecordError,
) -> float:
    """Check a finite number, optionally ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a number, not {type(value).__name__}",
            path=f"{owner}.{field}",
            value=value,
        )
    if not math.isfinite(value):
        raise error(
            f"{owner}.{field}={value!r} must be a finite number",
            path=f"{owner}.{field}",
            value=value,
        )
    if minimum is not None and value < minimum:
        raise error(
            f"{owner}.{field}={value!r} must be >= {minimum:g}",
            path=f"{owner}.{field}",
            value=value,
        )
    return float(value)


def check_date(owner: str, field: str, value: Any) -> datetime.date:
    """Check a calendar date (a ``datetime.date``, not a datetime or a string)."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        hint = " (use datetime.date.fromisoformat)" if isinstance(value, str) else ""
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a datetime.date, not {type(value).__name__}{hint}",
            path=f"{owner}.{field}",
            value=value,
        )
    return value
