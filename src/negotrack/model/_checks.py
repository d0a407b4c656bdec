"""Field checks shared by the model's classes: the one place each rule is written."""

from __future__ import annotations

import datetime
import math
from typing import Any

from negotrack.errors import InvalidRecordError, InvalidTypeError, ValidationError


def check_id(owner: str, field: str, value: Any) -> str:
    """Check an identifier: printable characters only, no spaces at its ends.

    The character set of ids (party, issue, record ids, groups): every character printable
    in the sense of :meth:`str.isprintable` — no control character (NUL, BEL, backspace,
    CR, LF, ESC, DEL, C1), no format character (bidirectional overrides and isolates,
    zero-width marks), no surrogate, private-use or unassigned code point, no separator but
    the plain space — and no space at either end.
    """
    if type(value) is str and value in _GOOD_IDS:  # the rule depends on the text alone
        return value
    # printable text holds no lone surrogate (check_text's one refusal of a string)
    text = value if type(value) is str and value.isprintable() else check_text(owner, field, value)
    if not text or text != text.strip() or not text.isprintable():
        raise InvalidRecordError(
            f"{owner}.{field}={value!a} must be a non-empty identifier of printable "
            "characters (no control, format or invisible characters) without surrounding spaces",
            path=f"{owner}.{field}",
            value=value,
        )
    if len(_GOOD_IDS) < _GOOD_IDS_KEPT:
        _GOOD_IDS.add(text)
    return text


#: Ids already found good (a large record names the same parties and issues again and
#: again); at most _GOOD_IDS_KEPT of them are remembered.
_GOOD_IDS: set[str] = set()
_GOOD_IDS_KEPT = 4096


def check_text(owner: str, field: str, value: Any) -> str:
    r"""Check a free-text field: a string of valid Unicode (no lone surrogate).

    Free text keeps every other character (reports show control characters safely); a lone
    UTF-16 surrogate (``"\\ud800"`` from a JSON escape) is refused, since no file, store or
    terminal can hold it.
    """
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a string, not {type(value).__name__}",
            path=f"{owner}.{field}",
            value=value,
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InvalidRecordError(
            f"{owner}.{field}={value!a} is not valid Unicode text: it holds a lone "
            f"surrogate {value[err.start]!a} at position {err.start}",
            path=f"{owner}.{field}",
            value=value,
        ) from None
    return value


def check_unit(
    owner: str, field: str, value: Any, *, error: type[ValidationError] = InvalidRecordError
) -> float:
    """Check a number in [0, 1] (a salience, a share)."""
    if type(value) is float and 0.0 <= value <= 1.0:  # what check_number returns as it is
        return value
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
    if type(value) is not float and (isinstance(value, bool) or not isinstance(value, int | float)):
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
    if type(value) is not datetime.date and (
        isinstance(value, datetime.datetime) or not isinstance(value, datetime.date)
    ):
        hint = " (use datetime.date.fromisoformat)" if isinstance(value, str) else ""
        raise InvalidTypeError(
            f"{owner}.{field}={value!r} must be a datetime.date, not {type(value).__name__}{hint}",
            path=f"{owner}.{field}",
            value=value,
        )
    return value
