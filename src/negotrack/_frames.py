"""Tidy rows into pandas DataFrames, with pandas imported only when a frame is asked for.

pandas is an optional dependency (the ``pandas`` extra): the ``to_frame()`` methods of
:class:`negotrack.Timeline`, :class:`negotrack.GapReport` and :class:`negotrack.GapSeries`
call :func:`frame`, which says how to install it when it is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotrack._extras import require

__all__ = ["frame"]


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Any:
    """Return ``rows`` as a pandas DataFrame with ``columns`` in order (empty rows allowed).

    Parameters
    ----------
    rows : sequence of dict
        One dict per row, keyed by column.
    columns : sequence of str
        The columns, in order (so an empty table still has them).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    negotrack.errors.MissingExtraError
        If pandas is not installed (``pip install 'negotrack[pandas]'``).

    Examples
    --------
    >>> from negotrack._frames import frame
    >>> frame([{"a": 1, "b": "x"}], ["a", "b"]).shape
    (1, 2)
    """
    pd = require("pandas", extra="pandas", needed_for="to_frame()")
    return pd.DataFrame.from_records(list(rows), columns=list(columns))
