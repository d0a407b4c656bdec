"""The TOML text of a scenario document: tomli-w's text with short arrays on one line, faster.

A scenario file is ``tomli_w.dumps(document)`` with every top-level array whose one-line form
fits in 100 characters joined on one line (:func:`compact_arrays`). tomli-w decides each
value's form with ABC checks and escapes strings character by character in Python; at 10^5
statements that is most of ``export``. :func:`toml_text` writes the same text by the same
rules, in the same order, with exact type checks, strings checked in one C call, and the
arrays of plain numbers written on one line directly (the form :func:`compact_arrays` gives
them). A value it does not know (a subclass, a time, a Decimal ...) makes it return None: the
caller then writes the document through tomli-w itself.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping
from typing import Any

__all__ = ["compact_arrays", "toml_text"]

#: tomli-w's rules: the longest inline table (with its indent and comma), the indent.
_MAX_LINE_LENGTH = 100
_INDENT = "    "
#: The characters a basic string escapes, and how (tomli-w's compact escapes, else \\uXXXX).
_ESCAPES = {chr(i): f"\\u{i:04x}" for i in [*range(32), 127] if chr(i) != "\t"}
_ESCAPES.update({"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"})
_plain_string = frozenset(_ESCAPES).isdisjoint
_bare_key = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_").issuperset
#: Scalars written as ``str(value)`` (bool is written apart, before them).
_AS_STR = frozenset({int, float, datetime.date, datetime.datetime})
#: What may sit in an array written on one line directly: no string, no table.
_NUMBERS = frozenset({int, float, bool, datetime.date, datetime.datetime})
_all_numbers = _NUMBERS.issuperset


#: How many keys a writer keeps the text of (a scenario has a few dozen).
_KEYS_KEPT = 1024


class _UnknownError(Exception):
    """A value this writer leaves to tomli-w."""


def toml_text(document: dict[str, Any]) -> str | None:
    r"""Return ``compact_arrays(tomli_w.dumps(document))``, or None for a value it leaves.

    Parameters
    ----------
    document : dict
        A scenario document with native dates (plain dicts, lists, strings, numbers,
        booleans, dates).

    Returns
    -------
    str or None

    Examples
    --------
    >>> import tomli_w
    >>> from negotrack.io._toml_text import compact_arrays, toml_text
    >>> doc = {"title": 'a "b"', "xs": [[1, 2.5]], "t": [{"id": "x"}]}
    >>> print(toml_text(doc))
    title = "a \"b\""
    xs = [[1, 2.5]]
    t = [{ id = "x" }]
    <BLANKLINE>
    >>> toml_text(doc) == compact_arrays(tomli_w.dumps(doc))
    True
    """
    try:
        writer = _Writer()
        writer.table(document, "", inside_aot=False)
    except _UnknownError:
        return None
    return "".join(writer.out)


def compact_arrays(text: str) -> str:
    r"""Write short arrays on one line (``acceptable = [[15, 100]]``), as people do.

    tomli-w puts every array item on a line of its own. Top-level arrays whose one-line form
    fits in 100 characters are joined. Joining only removes spaces and line breaks between
    tokens, which can change nothing outside a quoted string: an array with no quote
    character is joined as is; one holding a string (a label with ``", ]"`` in it, say) is
    joined only if the one-line form parses to the same value (a parse of that array alone,
    never of the whole text).

    Examples
    --------
    >>> from negotrack.io._toml_text import compact_arrays
    >>> print(compact_arrays('xs = [\n    1,\n    2,\n]\nys = [\n    "[ a",\n]'))
    xs = [1, 2]
    ys = [
        "[ a",
    ]
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.endswith(" = [") and not line.startswith((" ", "[")):
            end = lines.index("]", i + 1)
            items = lines[i + 1 : end]
            joined = " ".join(item.strip() for item in items)
            joined = joined.replace("[ ", "[").replace(", ]", "]").rstrip(",")
            one_line = f"{line}{joined}]"
            if len(one_line) <= _MAX_LINE_LENGTH and (
                not any('"' in item or "'" in item for item in items)
                or tomllib.loads(one_line) == tomllib.loads("\n".join(lines[i : end + 1]))
            ):
                out.append(one_line)
                i = end + 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _string(s: str) -> str:
    if _plain_string(s):
        return f'"{s}"'
    return '"' + "".join([_ESCAPES.get(c, c) for c in s]) + '"'


def _key(key: object) -> str:
    if type(key) is not str:
        raise _UnknownError  # tomli-w raises its own TypeError
    return key if key and _bare_key(key) else _string(key)


def _one_line(array: list[Any] | tuple[Any, ...]) -> str | None:
    """Return the one-line form of an array of numbers, dates and such arrays, or None."""
    if _all_numbers(map(type, array)):
        return "[" + ", ".join([_scalar(v) for v in array]) + "]"
    parts = []
    for v in array:
        kind = type(v)
        if kind is list or kind is tuple:
            part = _one_line(v) if v else "[]"
            if part is None:
                return None
            parts.append(part)
        elif kind in _NUMBERS:
            parts.append(_scalar(v))
        else:
            return None
    return "[" + ", ".join(parts) + "]"


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class _Writer:
    """tomli-w's ``gen_table_chunks`` and ``format_*`` (indent 4, no multi-line strings)."""

    def __init__(self) -> None:
        self.inline_tables: dict[int, str] = {}  # as tomli-w: each table rendered once
        self.keys: dict[object, str] = {}
        self.out: list[str] = []

    def table(self, table: dict[str, Any], name: str, *, inside_aot: bool) -> None:
        """Append the text of a table (and of its sub-tables, after it) to :attr:`out`."""
        if type(table) is not dict:
            raise _UnknownError
        out = self.out
        yielded = False
        lines: list[str] = []  # the literals' lines, written after the table's header
        tables: list[tuple[str, Any, bool]] = []
        keys, key, key_value = self.keys, self.key, self.key_value
        for k, v in table.items():
            kind = type(v)
            if kind is str and _plain_string(v):  # the common case, written here
                lines.append(f'{keys.get(k) or key(k)} = "{v}"\n')
            elif kind is dict:
                tables.append((k, v, False))
            elif (kind is list or kind is tuple) and v and self._aot(v):
                tables.extend((k, t, True) for t in v)
            else:
                lines.append(key_value(k, v))
        if inside_aot or (name and (lines or not tables)):
            yielded = True
            out.append(f"[[{name}]]\n" if inside_aot else f"[{name}]\n")
        if lines:
            yielded = True
            out += lines
        for k, v, in_aot in tables:
            if yielded:
                out.append("\n")
            else:
                yielded = True
            key_part = self.key(k)
            self.table(v, f"{name}.{key_part}" if name else key_part, inside_aot=in_aot)

    def key(self, key: object) -> str:
        """Return a key as TOML writes it (each kept: a document repeats its keys)."""
        known = self.keys.get(key)
        if known is None:
            known = _key(key)
            if len(self.keys) < _KEYS_KEPT:
                self.keys[key] = known
        return known

    def _aot(self, array: list[Any] | tuple[Any, ...]) -> bool:
        """Whether an array of tables is written as tables (not every one fits inline)."""
        for t in array:
            if type(t) is not dict:
                if isinstance(t, Mapping):
                    raise _UnknownError  # another kind of mapping: tomli-w's rules
                return False  # an array (its items are checked as they are written)
        for t in array:
            rendered = f"{_INDENT}{self.inline_table(t)},"
            if len(rendered) > _MAX_LINE_LENGTH or "\n" in rendered:
                return True
        return False

    def key_value(self, key: str, value: Any) -> str:
        key_part = self.key(key)
        kind = type(value)
        if (kind is list or kind is tuple) and value:
            one_line = _one_line(value)
            if one_line is not None:  # the form compact_arrays gives it, if it fits
                line = f"{key_part} = {one_line}"
                if len(line) <= _MAX_LINE_LENGTH:
                    return line + "\n"
                return f"{key_part} = {self.array(value, 0)}\n"
            return compact_arrays(f"{key_part} = {self.array(value, 0)}") + "\n"
        return f"{key_part} = {self.literal(value, 0)}\n"

    def literal(self, value: Any, nest_level: int) -> str:
        kind = type(value)
        if kind is str:
            return _string(value)
        if kind is bool:
            return "true" if value else "false"
        if kind in _AS_STR:
            return str(value)
        if kind is list or kind is tuple:
            return self.array(value, nest_level)
        if kind is dict:
            return self.inline_table(value)
        raise _UnknownError

    def array(self, array: list[Any] | tuple[Any, ...], nest_level: int) -> str:
        if not array:
            return "[]"
        item_indent = _INDENT * (1 + nest_level)
        closing = _INDENT * nest_level
        literal = self.literal
        return (
            "[\n"
            + ",\n".join([item_indent + literal(item, nest_level + 1) for item in array])
            + f",\n{closing}]"
        )

    def inline_table(self, table: dict[str, Any]) -> str:
        known = self.inline_tables.get(id(table))
        if known is not None:
            return known
        if not table:
            rendered = "{}"
        else:
            literal = self.literal
            rendered = (
                "{ "
                + ", ".join([f"{self.key(k)} = {literal(v, 0)}" for k, v in table.items()])
                + " }"
            )
        self.inline_tables[id(table)] = rendered
        return rendered
