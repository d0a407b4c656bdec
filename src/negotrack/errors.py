"""The one error hierarchy of negotrack.

Every error negotrack raises on bad input is a :class:`NegotrackError`. Each concrete
error also subclasses the builtin exception callers already catch (``ValueError``,
``TypeError``, ``LookupError``, ``RuntimeError``, ``ImportError``), so ``except ValueError``
keeps working.

Messages name the field, the value and the rule broken; the same facts are kept as
attributes (``.path``, ``.value``, ``.file``) for programs.

Examples
--------
>>> import negotrack as nt
>>> try:
...     nt.NumericScale(10, 0)
... except nt.errors.InvalidScaleError as err:
...     print(err)
NumericScale.hi=0 must be greater than NumericScale.lo=10
>>> issubclass(nt.errors.InvalidScaleError, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AnalysisError",
    "CheckpointError",
    "ConditionError",
    "DataError",
    "EmptyRegionError",
    "InvalidPositionError",
    "InvalidRecordError",
    "InvalidRegionError",
    "InvalidScaleError",
    "InvalidTypeError",
    "MissingExtraError",
    "NegotrackError",
    "OffScaleError",
    "ScaleMismatchError",
    "ScenarioError",
    "StoreError",
    "TimelineError",
    "UnknownReferenceError",
    "ValidationError",
]


class NegotrackError(Exception):
    """Root of every error negotrack raises on bad input.

    Parameters
    ----------
    message : str
        The whole sentence: field, value and rule.
    path : str, optional
        Where the bad value sits: a field name (``"Position.ideal"``) or, at the file
        boundary, a JSON path (``"$.statements[3].position.ideal"``).
    value : object, optional
        The offending value.
    file : str, optional
        The file the value came from, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        value: Any = None,
        file: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.value = value
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class ValidationError(NegotrackError, ValueError):
    """A value breaks a rule of the model."""


class InvalidTypeError(NegotrackError, TypeError):
    """A value has the wrong type (a string where a date belongs, say)."""


class InvalidScaleError(ValidationError):
    """A scale cannot be built (inverted bounds, repeated labels, NaN ...)."""


class OffScaleError(ValidationError):
    """A value does not lie on the scale it is used with."""


class InvalidRegionError(ValidationError):
    """A region cannot be built (an inverted interval, say)."""


class ScaleMismatchError(ValidationError):
    """Two operands live on different scales."""


class EmptyRegionError(ValidationError):
    """An operation needs a non-empty region (distances, hull of nothing)."""


class InvalidPositionError(ValidationError):
    """A position breaks a rule (ideal outside its acceptable region, salience 1.5 ...)."""


class InvalidRecordError(ValidationError):
    """A statement, event, condition, issue, party or source is malformed."""


class TimelineError(NegotrackError, ValueError):
    """A record does not fit the timeline it is added to."""


class UnknownReferenceError(TimelineError, LookupError):
    """A record names a party, issue, event or statement the timeline does not know."""


class ConditionError(TimelineError):
    """A condition is malformed (requires itself, clause off its issue's scale ...)."""


class AnalysisError(NegotrackError, ValueError):
    """An analysis was asked something it cannot answer (an unknown party, say)."""


class DataError(NegotrackError, ValueError):
    """An external data set (such as DEU) is missing or malformed."""


class ScenarioError(NegotrackError, ValueError):
    """A scenario file or document has problems; ``.problems`` lists every one.

    Parameters
    ----------
    problems : sequence of NegotrackError
        Each problem with its own ``path`` and message.
    file : str, optional
        The file the problems were found in.
    """

    def __init__(self, problems: Sequence[NegotrackError], *, file: str | None = None) -> None:
        self.problems: tuple[NegotrackError, ...] = tuple(problems)
        first = self.problems[0] if self.problems else None
        lines = [f"{p.path}: {p.message}" if p.path else p.message for p in self.problems]
        more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
        message = (lines[0] + more) if lines else "invalid scenario"
        super().__init__(
            message,
            path=first.path if first else None,
            value=first.value if first else None,
            file=file,
        )

    def details(self) -> str:
        """Return every problem, one per line, each prefixed by the file.

        Returns
        -------
        str
            ``file: $.path: message`` lines.
        """
        prefix = f"{self.file}: " if self.file else ""
        return "\n".join(
            f"{prefix}{p.path}: {p.message}" if p.path else f"{prefix}{p.message}"
            for p in self.problems
        )


class MissingExtraError(NegotrackError, ImportError):
    """A capability needs an optional package that is not installed (its extra names it).

    ``.path`` is the missing module, ``.value`` the extra to install
    (``pip install 'negotrack[EXTRA]'``).
    """


class StoreError(NegotrackError, RuntimeError):
    """A store cannot be opened or written (not a negotrack store, corrupt, wrong version)."""


class CheckpointError(StoreError):
    """A store's checkpoint cannot be trusted or written (the store then reads every row).

    Raised by :mod:`negotrack.io.checkpoint`; the store catches it and reads and checks each
    row instead, so it reaches a caller only through that module's own functions.
    """
