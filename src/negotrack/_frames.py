"""Tidy rows into pandas DataFrames, with pandas imported only when a frame is asked for.

pandas is an optional dependency (the ``pandas`` extra): the ``to_frame()`` methods of
:class:`negotrack.Timeline`, :class:`negotrack.GapReport` and :class:`negotrack.GapSeries`
call :func:`frame`, which says how to install it when it is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotrack.errors import NegotrackError

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
    NegotrackError
        If pandas is not installed (``pip install 'negotrack[pandas]'``).

    Examples
    --------
    >>> from negotrack._frames import frame
    >>> frame([{"a": 1, "b": "x"}], ["a", "b"]).shape
    (1, 2)
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise NegotrackError(
            "to_frame() needs pandas, which is not installed: pip install 'negotrack[pandas]'",
            path="pandas",
        ) from None
    return pd.DataFrame.from_records(list(rows), columns=list(columns))
