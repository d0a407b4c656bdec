"""Tidy CSV exports: the record's statements, events and conditions, and the gap series.

One CSV holds one table (:data:`CSV_TABLES`); the rows are those of
:mod:`negotrack.timeline.tables` and :mod:`negotrack.analysis.tables`, so a spreadsheet, the
``csv`` module and ``pandas.read_csv`` read the same table ``to_frame()`` returns. Cells:
numbers as Python writes them (``0.175``), empty for none or unknown (NaN), ``true`` /
``false``, ISO dates, lists joined with ``;``. Written atomically.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import os
from collections.abc import Callable, Sequence
from typing import Any

from negotrack.analysis.tables import GAP_COLUMNS, gap_rows
from negotrack.errors import InvalidTypeError
from negotrack.io.atomic import atomic_write
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Credibility
from negotrack.timeline.tables import TABLES
from negotrack.timeline.timeline import Timeline

__all__ = ["CSV_TABLES", "csv_text", "table_rows", "write_csv"]


Rows = Callable[[Timeline, Credibility], list[dict[str, Any]]]


def _gaps(timeline: Timeline, level: Credibility) -> list[dict[str, Any]]:
    from negotrack.analysis.series import gap_series  # networkx, NumPy: only for this table

    return gap_rows(gap_series(timeline, min_credibility=level))


def _record_table(rows: Callable[[Timeline], list[dict[str, Any]]]) -> Rows:
    """Return a record table's builder: every record listed, whatever its credibility."""

    def build(timeline: Timeline, level: Credibility) -> list[dict[str, Any]]:
        del level  # every record is listed, with its credibility in a column
        return rows(timeline)

    return build


#: What ``negotrack export ... OUT.csv --table NAME`` can write: rows and columns.
CSV_TABLES: dict[str, tuple[Rows, Sequence[str]]] = {
    **{name: (_record_table(rows), cols) for name, (rows, cols) in TABLES.items()},
    "gaps": (_gaps, GAP_COLUMNS),
}


def table_rows(
    timeline: Timeline,
    table: str,
    *,
    min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
) -> tuple[list[dict[str, Any]], Sequence[str]]:
    """Return a table's rows and columns: ``statements``, ``events``, ``conditions``, ``gaps``.

    Parameters
    ----------
    timeline : Timeline
        The record.
    table : str
        One of :data:`CSV_TABLES`.
    min_credibility : Credibility or str, optional
        For ``gaps`` (the gap series): the lowest credibility counted (default alleged).

    Returns
    -------
    (list of dict, sequence of str)

    Raises
    ------
    InvalidTypeError
        If ``table`` is not one of them.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.csv_tables import table_rows
    >>> rows, columns = table_rows(nt.load("examples/ukraine_dec2025.toml").timeline, "gaps")
    >>> len(rows), columns[:3]
    (18, ('date', 'issue', 'status'))
    """
    if table not in CSV_TABLES:
        raise InvalidTypeError(
            f"table={table!r} must be one of: {', '.join(CSV_TABLES)}", path="table", value=table
        )
    rows, columns = CSV_TABLES[table]
    level = Credibility.parse(min_credibility, field="min_credibility")
    return rows(timeline, level), columns


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    r"""Return rows as CSV text with a header line (RFC 4180 quoting, ``\n`` line ends).

    Examples
    --------
    >>> from negotrack.io.csv_tables import csv_text
    >>> print(csv_text([{"a": 0.5, "b": None, "c": True}], ["a", "b", "c"]), end="")
    a,b,c
    0.5,,true
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def write_csv(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], path: str | os.PathLike[str]
) -> None:
    r"""Write rows as a CSV file, atomically (a failed write leaves any old file as it was).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.csv_tables import write_csv
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_csv([{"x": 1}], ["x"], pathlib.Path(d) / "t.csv")
    ...     (pathlib.Path(d) / "t.csv").read_text()
    'x\n1\n'
    """
    atomic_write(path, csv_text(rows, columns).encode("utf-8"))
