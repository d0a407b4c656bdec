"""Indented JSON, the text of ``json.JSONEncoder(indent=2, ensure_ascii=False)``, faster.

CPython's C encoder only writes unindented JSON; with ``indent`` the whole encoding runs in
pure Python, one generator step per piece of text. This writer gives the same text about
twice as fast: a container whose items are all scalars is written in one call to the C
encoder, with the line break and indentation of its depth as the item separator; runs of
dicts with the same keys (a report's records, a file's statements) a column at a time, each
key's values by one C function when they are all of one scalar type, each dict by one
``%`` formatting of a template; the others item by item, one string per item (scalars by
their C functions). Scenario files and JSON reports share it (one place for how negotrack
writes indented JSON).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, groupby, islice
from typing import Any, TextIO

__all__ = ["indented_chunks", "write_indented"]

_encode_str: Callable[[str], str] = json.encoder.encode_basestring
_c_make_encoder = json.encoder.c_make_encoder  # type: ignore[attr-defined]
#: The reference: what every text written here equals.
_REFERENCE = json.JSONEncoder(indent=2, ensure_ascii=False)

#: Types written in one C call when every item of a container is of one of them.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_all_scalar = _SCALARS.issuperset
_all_str = frozenset({str}).issuperset


class _UnsupportedError(Exception):
    """Raised by the C encoder's ``default``: the item needs the item-by-item path."""


def _refuse(value: object) -> object:
    raise _UnsupportedError


def _one_line_encoder(pad: str) -> Callable[[Any], str] | None:
    """Return a C encoder writing scalar-only containers with items on lines at ``pad``."""
    if _c_make_encoder is None:  # no C accelerator (PyPy, say): the item-by-item path
        return None
    enc = _c_make_encoder(None, _refuse, _encode_str, None, ": ", ",\n" + pad, False, False, False)
    return lambda value: "".join(enc(value, 0))


#: C encoders by the indentation of their items ("" unused).
_FLAT: dict[str, Callable[[Any], str] | None] = {}


def _flat(pad: str) -> Callable[[Any], str] | None:
    enc = _FLAT.get(pad)
    if enc is None and pad not in _FLAT:
        enc = _FLAT[pad] = _one_line_encoder(pad)
    return enc


def indented_chunks(value: Any, convert: Callable[[Any], Any] | None = None) -> Iterator[str]:
    """Yield the indented JSON text of ``value`` in pieces (one per item of the top levels).

    ``"".join(indented_chunks(v))`` is ``json.JSONEncoder(indent=2,
    ensure_ascii=False).encode(v)``; with ``convert``, it is that of ``convert(v)`` for a
    ``convert`` that, like :func:`negotrack.io.reports.documents.plain`, turns any value into
    plain data item by item: ``convert`` is then called on each value that is not plain data
    (a date, a set, an infinite float, a dict with keys other than strings).

    Parameters
    ----------
    value : object
        Plain data: dicts, lists and tuples, strings, numbers, booleans and None.
    convert : callable, optional
        Turns other values into plain data (default: none; they raise ``TypeError``, as
        ``json`` does, and infinite floats are written ``Infinity``).

    Yields
    ------
    str

    Examples
    --------
    >>> from negotrack.io._indented_json import indented_chunks
    >>> print("".join(indented_chunks({"a": [1, 2.5], "b": {"c": "é"}, "d": []})))
    {
      "a": [
        1,
        2.5
      ],
      "b": {
        "c": "é"
      },
      "d": []
    }
    """
    writer = _Writer(convert)
    write, items_texts = writer.text, writer.items_texts
    if type(value) is dict and value and _all_str(map(type, value)):
        yield "{"
        first = True
        for key, item in value.items():
            yield f"{'' if first else ','}\n  {_encode_str(key)}: "
            first = False
            if type(item) is list and item:
                yield "["
                sep = "\n    "
                for x in items_texts(item, "    "):
                    yield sep + x
                    sep = ",\n    "
                yield "\n  ]"
            else:
                yield write(item, "  ")
        yield "\n}"
    else:
        yield write(value, "")


def write_indented(value: Any, stream: TextIO, convert: Callable[[Any], Any] | None = None) -> None:
    """Write the text of :func:`indented_chunks` to a text stream, a batch of pieces at a time.

    The whole text is never held: a batch of :data:`WRITE_BATCH` pieces (a few hundred
    kilobytes for a report's records) is joined and written, then dropped.

    Parameters
    ----------
    value : object
        Plain data, as for :func:`indented_chunks`.
    stream : text stream
        Where the text goes (no final newline is added).
    convert : callable, optional
        As for :func:`indented_chunks`.

    Examples
    --------
    >>> import io
    >>> from negotrack.io._indented_json import write_indented
    >>> out = io.StringIO()
    >>> write_indented({"a": [1, 2]}, out)
    >>> print(out.getvalue())
    {
      "a": [
        1,
        2
      ]
    }
    """
    chunks = indented_chunks(value, convert)
    while batch := list(islice(chunks, WRITE_BATCH)):
        stream.write("".join(batch))


#: Pieces joined per write by :func:`write_indented`: few enough that the joined text and
#: its encoding stay in the processor's caches and their memory is used again, batch after
#: batch (10^5 records of a timeline: 1.15 s in batches of 16,384 pieces, 0.8 s in batches
#: of 1,024); many enough that the writes are few.
WRITE_BATCH = 1 << 10


def _float_text(value: float) -> str | None:
    return float.__repr__(value) if math.isfinite(value) else None


#: The text of a scalar of exactly this type (None: an infinite float, written otherwise).
_SCALAR_TEXT: dict[type, Callable[[Any], str | None]] = {
    str: _encode_str,
    int: int.__repr__,
    float: _float_text,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}
_scalar_text = _SCALAR_TEXT.get
#: How many sets of dict keys a writer keeps the text of: the records of a document share a
#: few; a document of many differently keyed dicts does not grow the memory without end.
_KEY_SETS = 64


class _Writer:
    """The text of one value at a given indentation (``pad``: that of its own line)."""

    def __init__(self, convert: Callable[[Any], Any] | None) -> None:
        self.convert = convert
        self._known: dict[tuple[str, ...], list[str]] = {}
        self._templates: dict[tuple[tuple[str, ...], str], str] = {}

    def text(self, value: Any, pad: str) -> str:  # noqa: PLR0911 (one return per kind)
        """Return the text of ``value``, whose first line is indented by ``pad``."""
        kind = type(value)
        how = _scalar_text(kind)
        if how is not None:
            written = how(value)
            return written if written is not None else self._other(value, pad)
        if kind is not dict and kind is not list and kind is not tuple:
            return self._other(value, pad)
        if not value:
            return "{}" if kind is dict else "[]"
        if kind is dict and not _all_str(map(type, value)):
            return self._other(value, pad)
        inner = pad + "  "
        items = value.values() if kind is dict else value
        if _all_scalar(map(type, items)):
            flat = _flat_text(value, inner)
            if flat is not None:
                return f"{flat[0]}\n{inner}{flat[1:-1]}\n{pad}{flat[-1]}"
        if len(value) >= _MIN_RUN:
            items_text = list(self.items_texts(items, inner))
        else:
            items_text = self._texts(items, inner)
        sep = ",\n" + inner
        if kind is dict:
            keys = self._keys(value)
            return f"{{\n{inner}" + sep.join(map(str.__add__, keys, items_text)) + f"\n{pad}}}"
        return f"[\n{inner}" + sep.join(items_text) + f"\n{pad}]"

    def items_texts(self, items: Iterable[Any], pad: str) -> Iterator[str]:
        """Yield the text of each item of a list at ``pad``, in order.

        Runs of dicts with the same keys in the same order (the records of a report, the
        statements of a scenario) are written a column at a time: each key's values by one
        C function when they are all of one scalar type, then each dict by one ``%``
        formatting of its keys' template. The text is that of :meth:`text` item by item.
        """
        rest = iter(items)
        while batch := list(islice(rest, _RUN_BATCH)):
            for shape, run in groupby(batch, _shape):
                rows = list(run)
                if shape is None or len(rows) < _MIN_RUN or not _all_str(map(type, shape)):
                    yield from self._texts(rows, pad)
                else:
                    yield from self._rows(shape, rows, pad)

    def _texts(self, values: Iterable[Any], pad: str) -> list[str]:
        """Return the text of each value, one by one (scalars by their C functions)."""
        text = self.text
        return [
            x
            if (how := _scalar_text(type(v))) is not None and (x := how(v)) is not None
            else text(v, pad)
            for v in values
        ]

    def _rows(self, keys: tuple[str, ...], rows: list[dict[str, Any]], pad: str) -> list[str]:
        """Return the texts of dicts that all have exactly ``keys``, in this order."""
        inner = pad + "  "  # each key's values, by one transposition (the keys are in order)
        columns = [
            self._column(column, inner) for column in zip(*map(dict.values, rows), strict=True)
        ]
        return list(map(self._template(keys, pad).__mod__, zip(*columns, strict=True)))

    def _column(self, values: Sequence[Any], pad: str) -> list[str]:
        """Return the texts of many values (``pad``: the indentation of their line).

        Values all of one scalar type are written by one C function (strings that repeat,
        each once); lists by writing all their items as one column, then putting each list
        together; dicts by :meth:`items_texts`; anything else value by value.
        """
        kinds = set(map(type, values))
        if len(kinds) == 1:
            kind = kinds.pop()
            how = _COLUMN_TEXT.get(kind)
            if kind is str and len(distinct := set(values)) * 2 < len(values):
                texts = dict(zip(distinct, map(_encode_str, distinct), strict=True))  # each once
                return list(map(texts.__getitem__, values))
            if how is not None:
                if kind is not float or all(map(math.isfinite, values)):
                    return list(map(how, values))
            elif kind is list or kind is tuple:
                return self._lists(values, pad)
            elif kind is dict:
                return list(self.items_texts(values, pad))
        return self._texts(values, pad)

    def _lists(self, values: Sequence[Any], pad: str) -> list[str]:
        """Return the texts of many lists: their items written as one column, then split."""
        inner = pad + "  "
        items = self._column(list(chain.from_iterable(values)), inner)
        sep = ",\n" + inner
        head, tail = "[\n" + inner, "\n" + pad + "]"
        sizes = list(map(len, values))
        if len(set(sizes)) == 1 and sizes[0]:  # all of one length: one template
            template = head + sep.join(["%s"] * sizes[0]) + tail
            return list(map(template.__mod__, zip(*[iter(items)] * sizes[0], strict=True)))
        out: list[str] = []
        start = 0
        for size in sizes:
            out.append(head + sep.join(items[start : start + size]) + tail if size else "[]")
            start += size
        return out

    def _template(self, keys: tuple[str, ...], pad: str) -> str:
        """Return the ``%`` template of a dict with ``keys`` whose line is indented by ``pad``."""
        known = self._templates.get((keys, pad))
        if known is None:
            inner = pad + "  "
            lines = [f"{_encode_str(k).replace('%', '%%')}: %s" for k in keys]
            known = f"{{\n{inner}" + f",\n{inner}".join(lines) + f"\n{pad}}}"
            if len(self._templates) < _KEY_SETS:
                self._templates[(keys, pad)] = known
        return known

    def _keys(self, value: dict[str, Any]) -> list[str]:
        """Return ``'"key": '`` for each key, kept for each set of keys (records share them)."""
        keys = tuple(value)
        known = self._known.get(keys)
        if known is None:
            known = [f"{_encode_str(k)}: " for k in keys]
            if len(self._known) < _KEY_SETS:
                self._known[keys] = known
        return known

    def _other(self, value: Any, pad: str) -> str:
        """Values that are not plain data, or subclasses: as ``json`` (after ``convert``)."""
        scalar = isinstance(value, str | int | float)
        if self.convert is None or (scalar and not _nonfinite(value)):
            # the reference's text at indentation 0, indented: its line breaks are all
            # between items (strings have theirs escaped); raises TypeError as json does
            return _REFERENCE.encode(value).replace("\n", "\n" + pad)
        return self.text(self.convert(value), pad)


#: How many items of a list are shaped and written together: it bounds the memory taken,
#: and a batch's columns stay in the processor's caches (512 items: 0.8 s for the 10^5
#: records of a timeline, against 1.0 s in batches of 4,096).
_RUN_BATCH = 512
#: From how many dicts of the same keys a run is written a column at a time.
_MIN_RUN = 8
#: A column of values all of exactly one of these types is written by one C function: the
#: scalars' own, floats by their repr (only when every one is finite).
_COLUMN_TEXT: dict[type, Callable[[Any], str]] = {
    **_SCALAR_TEXT,  # type: ignore[dict-item]  # none of these gives None but _float_text
    float: float.__repr__,
}


def _shape(value: Any) -> tuple[str, ...] | None:
    """Return the keys of a non-empty dict, in order; None for anything else."""
    return tuple(value) if type(value) is dict and value else None


def _flat_text(value: Any, inner: str) -> str | None:
    """Return the C encoder's text of a container of scalars, or None (an infinite float)."""
    enc = _flat(inner)
    if enc is None:
        return None
    try:
        return enc(value)
    except ValueError:  # an infinite float (allow_nan is off): item by item
        return None


def _nonfinite(value: object) -> bool:
    return isinstance(value, float) and not math.isfinite(value)
