"""Counts in words, the one rule every layer uses: ``"1 issue"``, ``"3 issues"``.

Imports nothing from negotrack, so reprs, error messages and reports alike can use it;
:func:`negotrack.io.reports.formatting.count` is this function.
"""

from __future__ import annotations

__all__ = ["count"]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """Write a count with its noun in the right number: ``"1 issue"``, ``"3 issues"``.

    Parameters
    ----------
    n : int
        How many.
    singular : str
        The noun for one.
    plural : str, optional
        The noun for any other number (default: ``singular + "s"``).

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.formatting import count
    >>> count(1, "issue"), count(0, "party", "parties"), count(16, "package")
    ('1 issue', '0 parties', '16 packages')
    """
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
